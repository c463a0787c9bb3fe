"""Speed on real office PDFs: ``vndirective.parse`` against pdfplumber's plain ``extract_text()``.

For every PDF of ``../shared/realfiles`` (or ``--files``) that has a text layer, both are timed on
the same file in the same run, in turn, best of ``--repeat`` each; the ratio parse ÷ extract_text is printed per
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


def interleaved(first, second, repeat: int) -> tuple[float, float]:
    """The best time of each of two functions, run in turn ``repeat`` times: a machine whose speed drifts (a shared
    host) slows both alike, and the ratio of the two bests stays the ratio of the work."""
    a, b = [], []
    for _ in range(repeat):
        for func, times in ((first, a), (second, b)):
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
    return min(a), min(b)


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

        ours, theirs = interleaved(lambda path=path: vndirective.parse(path, ocr=False), plain, args.repeat)
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
