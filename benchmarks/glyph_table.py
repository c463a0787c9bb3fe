"""Build ``vndirective/data/glyph_outlines.json``: outline digests of glyphs → their characters.

The table lets the PDF reader read fonts without a Unicode map (:mod:`vndirective.readers.glyphs`).
It is learnt from real PDFs whose embedded TrueType fonts *do* carry a ``ToUnicode`` map: every
glyph such a map names gives its outline's digest and its character, and composite glyphs teach
the marks they are drawn with. Only digests and characters are kept, nothing of the documents. Each font votes for its outlines' characters; an
outline whose fonts disagree (Đ and the Icelandic Ð are drawn alike) keeps the character at least
80 % of them give, else it is dropped.

    python benchmarks/glyph_table.py PDF... [--exclude SUBSTRING ...] [--out PATH]

The files the shipped table was built from are listed in its ``sources`` (repository and path).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from vndirective.readers.glyphs import learn
from vndirective.readers.pdf_fonts import mapped_fonts

MAJORITY = 0.8  # share of the fonts that must agree on an outline's character (Đ U+0110 and Ð U+00D0 share one)
OUT = Path(__file__).resolve().parents[1] / "vndirective" / "data" / "glyph_outlines.json"


def learn_file(path: Path, votes: dict[str, Counter[str]]) -> int:
    """Learn from one PDF's mapped Type0 TrueType fonts (each font a vote per outline); the number of fonts learnt from."""
    import pdfplumber

    fonts = 0
    with pdfplumber.open(path) as pdf:
        for program, to_unicode in mapped_fonts(pdf):
            table: dict[str, str] = {}
            learn(program, to_unicode, table, set())
            for key, text in table.items():
                votes.setdefault(key, Counter())[text] += 1
            fonts += 1
    return fonts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="+", type=Path)
    parser.add_argument("--exclude", action="append", default=[], help="skip files whose name contains this")
    parser.add_argument("--sources", type=Path, help="a JSON list of 'repository: path' strings naming the inputs")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    votes: dict[str, Counter[str]] = {}
    digests = set()
    for path in sorted(args.pdfs):
        if any(x in path.name for x in args.exclude):
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in digests:
            continue  # the same file twice
        digests.add(digest)
        try:
            n = learn_file(path, votes)
        except Exception as exc:
            print(f"{path.name}: skipped ({type(exc).__name__})", file=sys.stderr)
            continue
        print(f"{path.name}: {n} fonts, {len(votes)} outlines so far", file=sys.stderr)
    table = {}
    dropped = 0
    for key, counter in votes.items():
        (text, count), total = counter.most_common(1)[0], sum(counter.values())
        if count >= MAJORITY * total:
            table[key] = text
        else:
            dropped += 1
    sources = json.loads(args.sources.read_text(encoding="utf-8")) if args.sources else []
    out = {
        "about": "Outline digests (vndirective.readers.glyphs.outline_key) of TrueType glyphs -> the text they stand for, "
        "learnt from the ToUnicode maps of real office PDFs (benchmarks/glyph_table.py).",
        "sources": sources,
        "outlines": dict(sorted(table.items())),
    }
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(table)} outlines ({dropped} dropped as ambiguous) -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
