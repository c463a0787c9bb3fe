"""Speed of the readers on the committed fixtures (a script, not a test).

    python benchmarks/bench_readers.py [--repeat N] [--json OUT]

PDF: pages per second of ``vndirective.parse()`` on the PDF versions of the corpus
(``corpus/formats/*.pdf``, scans aside) against, in the same run, pdfplumber's plain
``extract_text()`` on the same files and ``pdftotext -layout`` when it is installed.
The goal: the whole layout-aware parse costs no more than half of ``extract_text()``.
``parse()`` reads the characters with pdfium when pypdfium2 is installed (``pdf_characters``
says which); ``--compare-pdfplumber`` also times it reading them with pdfplumber alone.
DOCX: documents per second of ``parse()`` on ``corpus/formats/*.docx``.
Each figure is the median of N timed runs (default 3) after one warm-up run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import vndirective  # noqa: E402

FORMATS = ROOT / "corpus" / "formats"


def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--compare-pdfplumber", action="store_true", help="also time parse() with the characters read by pdfplumber (the fallback)")
    args = ap.parse_args(argv)
    import pdfplumber

    from vndirective.readers import pdf as pdf_reader
    from vndirective.readers import pdf_chars

    pdfs = sorted(p for p in FORMATS.glob("*.pdf") if not p.name.endswith(".scan.pdf"))
    docxs = sorted(p for p in FORMATS.glob("*.docx") if p.name.count(".") == 1)
    pages = 0
    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            pages += len(pdf.pages)

    def plumber_text() -> None:
        for p in pdfs:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()

    def ours_pdf() -> None:
        for p in pdfs:
            vndirective.parse(p)

    def ours_docx() -> None:
        for p in docxs:
            vndirective.parse(p)

    out: dict[str, object] = {"pdf_files": len(pdfs), "pdf_pages": pages, "docx_files": len(docxs)}
    out["pdf_characters"] = "pdfium" if pdf_reader.PDFIUM and pdf_chars.available() else "pdfplumber"
    ours = timed(ours_pdf, args.repeat)
    plain = timed(plumber_text, args.repeat)
    out["parse_pdf_pages_per_s"] = round(pages / ours, 1)
    out["pdfplumber_extract_text_pages_per_s"] = round(pages / plain, 1)
    out["ratio_parse_over_extract_text"] = round(ours / plain, 3)
    if args.compare_pdfplumber:
        pdf_reader.PDFIUM = False
        try:
            slow = timed(ours_pdf, args.repeat)
        finally:
            pdf_reader.PDFIUM = True
        out["parse_pdf_with_pdfplumber_pages_per_s"] = round(pages / slow, 1)
        out["ratio_parse_with_pdfplumber_over_extract_text"] = round(slow / plain, 3)
    if shutil.which("pdftotext"):

        def poppler() -> None:
            for p in pdfs:
                subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, check=True)

        out["pdftotext_layout_pages_per_s"] = round(pages / timed(poppler, args.repeat), 1)
    out["parse_docx_documents_per_s"] = round(len(docxs) / timed(ours_docx, args.repeat), 1)
    for k, v in out.items():
        print(f"{k:40s} {v}")
    print(f"goal: parse ≤ 0.5 × extract_text → {'met' if out['ratio_parse_over_extract_text'] <= 0.5 else 'NOT met'}")  # type: ignore[operator]
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
