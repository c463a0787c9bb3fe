"""The citation graph over the real documents reachable here: how many citations resolve, how many stay unresolved, and why.

    python benchmarks/graph_real.py                  # the figure of docs/graph.md
    python benchmarks/graph_real.py --links          # and every resolved link with both documents' lines, for the hand check
    python benchmarks/graph_real.py --cited-only 20  # and 20 citations of documents not in the set, with the organ inferred
    python benchmarks/graph_real.py --json out.json
    python benchmarks/graph_real.py --more ../blind/extra --more ../blind/party --ocr   # the blind sets too, scans read by OCR

The documents are read in place, never copied: ``../shared/corpus`` (real texts), ``../shared/realfiles``
(real PDF and Word files, read without OCR: a scan without a text layer is an error, counted), and of
``corpus/`` the founding example only — the other documents of ``corpus/`` were written for the project
and are not real. A file whose text was already read (the founding example is in both places) is read
once; a file that is not an official document (a folder's notes) is left out, as ``vndirective graph`` does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FOUNDING = ROOT / "corpus" / "334-CV-HU_luc-ngan_2021.md"
NOT_DOCUMENTS = {"README.md", "SOURCES.md"}


def real_files(shared: Path) -> list[Path]:
    """The real documents: the shared texts, the shared PDF and Word files, the founding example."""
    texts = sorted(p for p in (shared / "corpus").glob("*") if p.suffix in (".txt", ".md") and p.name not in NOT_DOCUMENTS)
    files = sorted(p for p in (shared / "realfiles").glob("*") if p.is_file() and p.name not in NOT_DOCUMENTS)
    return [*texts, *files, FOUNDING]


def reason_class(reason: str) -> str:
    """A reason without the code it names: "the level of the organ 'GĐN' is not known ..." → "... the organ '…' ..."."""
    return regex.sub(r"'[^'\s]*'", "'…'", regex.sub(r"\b\d+ documents\b", "N documents", reason))


def snippet(text: str, start: int, end: int, around: int = 90) -> str:
    """The text around a span, on one line."""
    return " ".join(text[max(0, start - around) : end + around].split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (corpus/ and realfiles/ in it)")
    ap.add_argument("--links", action="store_true", help="print every resolved link with the citing sentence and the cited header")
    ap.add_argument("--cited-only", type=int, default=0, metavar="N", help="print N citations of documents not in the set (every k-th), with their organ")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--more", type=Path, action="append", default=[], metavar="DIR", help="a folder of more real files (a blind set's documents); repeatable")
    ap.add_argument("--ocr", action="store_true", help="read scans by OCR (Tesseract with Vietnamese) instead of counting them as not read")
    args = ap.parse_args(argv)

    import vndirective
    from vndirective.bulk.triage import not_document_reason
    from vndirective.errors import VndirectiveError
    from vndirective.graph import build_graph

    files = real_files(args.shared) + [p for folder in args.more for p in sorted(folder.glob("*")) if p.is_file() and p.name not in NOT_DOCUMENTS]
    docs, errors, skipped, seen = [], Counter(), [], set()
    for path in files:
        try:
            d = vndirective.parse(path, ocr=args.ocr)
        except VndirectiveError as exc:
            errors[type(exc).__name__] += 1
            continue
        digest = hashlib.sha256(d.text.encode("utf-8", "surrogatepass")).hexdigest()
        if digest in seen:
            skipped.append(f"{path.name}: the same text as a file already read")
            continue
        seen.add(digest)
        reason = not_document_reason(d)
        if reason is not None:
            skipped.append(f"{path.name}: {reason}")
            continue
        docs.append(d)
    texts = {d.source: d.text for d in docs}
    G = build_graph(docs)

    cites = [(u, v, d) for u, v, d in G.edges(data=True) if d.get("kind") == "cites"]
    by_resolution = Counter(d["resolution"] for _, _, d in cites)
    by_reason = Counter(reason_class(d["reason"]) for _, _, d in cites if d["resolution"] == "unresolved")
    linked = [(u, v, d) for u, v, d in cites if d["resolution"] == "resolved"]
    figure: dict[str, Any] = {
        "files": len(files),
        "parse_errors": dict(errors),
        "skipped": skipped,
        "documents": len(docs),
        "numbered": sum(1 for d in docs if d.doc_id),
        "citations": len(cites),
        "by_resolution": dict(by_resolution),
        "unresolved_by_reason": dict(by_reason.most_common()),
        "resolved": [
            {"citing": G.nodes[u].get("source"), "cited": G.nodes[v].get("source"), "cited_as": d["cited_as"], "basis": d.get("basis")} for u, v, d in linked
        ],
    }

    print(f"{len(files)} files: {len(docs)} documents in the graph ({figure['numbered']} with a number), ", end="")
    print(f"{sum(errors.values())} not read ({', '.join(f'{k} {n}' for k, n in errors.items())}), {len(skipped)} left out")
    for line in skipped:
        print(f"  left out: {line}")
    print(f"{len(cites)} citations: " + ", ".join(f"{k} {n}" for k, n in by_resolution.most_common()))
    print("unresolved, by reason:")
    for reason, n in by_reason.most_common():
        print(f"  {n:3d}  {reason}")
    print(f"resolved links ({len(linked)}):")
    for u, v, d in linked:
        print(f"  {Path(G.nodes[u]['source']).name} → {Path(G.nodes[v]['source']).name}: {d['cited_as']} ({d.get('basis')})")
        if args.links:
            [start, end] = d["spans"][0]
            print(f"    citing: …{snippet(texts[G.nodes[u]['source']], start, end)}…")
            head = " / ".join(line.strip() for line in texts[G.nodes[v]["source"]].splitlines()[:8] if line.strip())
            print(f"    cited:  {head[:300]}")
    if args.cited_only:
        only = [(u, v, d) for u, v, d in cites if d["resolution"] == "not_in_corpus"]
        step = max(1, len(only) // args.cited_only)
        print(f"citations of documents not in the set (every {step}th of {len(only)}), with the organ inferred:")
        for u, v, d in only[::step][: args.cited_only]:
            [start, end] = d["spans"][0]
            print(f"  {G.nodes[v]['organ']:24s} {d['cited_as']:22s} …{snippet(texts[G.nodes[u]['source']], start, end, 60)}…")
    if args.json:
        args.json.write_text(json.dumps(figure, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
