"""Speed on real office PDFs: ``vndirective.parse`` against pdfplumber's plain ``extract_text()``.

For every PDF of ``../shared/realfiles`` (or ``--files``) that has a text layer, both are timed on
the same file in the same run, best of ``--repeat``; the ratio parse ÷ extract_text is printed per
file, with the median and the worst (issue 13's goal: median ≤ 0.25, none above 0.6). Scans are
left out (no text layer: extract_text has nothing to do, the parse nothing to compare).

    python benchmarks/bench_real_pdfs.py [--files DIR] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    import pdfplumber

    import vndirective

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=Path, default=ROOT.parent / "shared" / "realfiles")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    rows = []
    for path in sorted(args.files.glob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            if not any(page.chars for page in pdf.pages[:2]):
                continue  # a scan

        def plain(path: Path = path) -> None:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()

        ours = best(lambda path=path: vndirective.parse(path, ocr=False), args.repeat)
        theirs = best(plain, args.repeat)
        rows.append({"file": path.name, "parse_s": round(ours, 4), "extract_text_s": round(theirs, 4), "ratio": round(ours / theirs, 3)})
        print(f"{ours / theirs:6.3f}  {ours:7.3f} s  {theirs:7.3f} s  {path.name}")
    ratios = [r["ratio"] for r in rows]
    if ratios:
        print(f"{len(ratios)} files: median {statistics.median(ratios):.3f}, worst {max(ratios):.3f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
