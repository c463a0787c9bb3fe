"""Score the parser on the real documents annotated blind: tests/real/*.gold.json against ../shared/realfiles.

    python benchmarks/score_real.py                 # per-field table and per-document macro
    python benchmarks/score_real.py --ocr --json out.json
    python benchmarks/score_real.py --gold tests/real_extra --files ../blind/extra   # another blind set


The documents are not ours to publish: they are read in place from ``--files`` (default
``../shared/realfiles``); a gold file whose document is absent is left out and said so.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "real"


def pairs(files: Path, golds: Path = GOLD) -> tuple[list[tuple[Path, Path]], list[str]]:
    """(document, gold) pairs, and the gold files whose document is missing."""
    found, missing = [], []
    for gold in sorted(golds.glob("*.gold.json")):
        name = json.loads(gold.read_text("utf-8"))["file"]
        doc = files / name
        (found.append((doc, gold)) if doc.is_file() else missing.append(name))
    return found, missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=Path, default=ROOT.parent / "shared" / "realfiles", help="folder of the real documents")
    ap.add_argument("--gold", type=Path, default=GOLD, help="folder of the gold files (default tests/real)")
    ap.add_argument("--ocr", action="store_true", help="read scans with Tesseract")
    ap.add_argument("--json", type=Path, help="also write the report as JSON")
    args = ap.parse_args(argv)
    import vndirective
    from vndirective.evaluation import evaluate

    found, missing = pairs(args.files, args.gold)
    if not found:
        print(f"no annotated document found in {args.files}", file=sys.stderr)
        return 2
    absent = f" ({len(missing)} gold files without their document)" if missing else ""
    print(f"vndirective from {Path(vndirective.__file__).parent}; {len(found)} documents{absent}")
    report = evaluate(args.gold, pairs=found, ocr=args.ocr)
    print(report.to_table(details=True))
    if args.json:
        args.json.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
