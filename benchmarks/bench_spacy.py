"""Cost of the spaCy component over ``parse_text`` alone (a script, not a test).

    python benchmarks/bench_spacy.py [--repeat N] [--json OUT]

On the texts of corpus/ (each read as UTF-8, BOM kept: the component aligns it), timed
over the whole corpus, median of N runs (default 5), interleaved:

- ``parse_text``: ``vndirective.parse_text(text)`` for every text;
- ``tokenizer``: ``nlp.make_doc(text)`` only (the blank Vietnamese tokenizer, no pyvi);
- ``component``: ``nlp(text)`` with ``nlp.add_pipe("vndirective")`` (tokenizer + parse +
  token splits + entities + span groups);
- ``component, split_tokens=False``: the same without splitting tokens at span edges.

The ratio component / parse_text is the figure: what spaCy adds on top of the parser.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from vndirective import parse_text  # noqa: E402
from vndirective.exports.spacy_component import VndirectiveComponent  # noqa: E402, F401  (registers the factory)

CORPUS = ROOT / "corpus"


def clock(fn: Callable[[], object]) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def blank(**config: object) -> spacy.language.Language:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vndirective", config=config)
    return nlp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.iterdir()) if p.suffix in {".md", ".txt"}]
    nlp, nlp_nosplit = blank(), blank(split_tokens=False)
    cases: dict[str, Callable[[], object]] = {
        "parse_text": lambda: [parse_text(t) for t in texts],
        "tokenizer": lambda: [nlp.make_doc(t) for t in texts],
        "component": lambda: [nlp(t) for t in texts],
        "component, split_tokens=False": lambda: [nlp_nosplit(t) for t in texts],
    }
    for fn in cases.values():  # warm up: patterns compiled, code tables loaded
        fn()
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeat):
        for name, fn in cases.items():
            runs[name].append(clock(fn))
    med = {name: statistics.median(v) for name, v in runs.items()}

    n, chars = len(texts), sum(map(len, texts))
    docs = [nlp(t) for t in texts]
    print(f"{n} documents, {chars / 1e6:.2f} M characters; spaCy {spacy.__version__}, Python {platform.python_version()}; median of {args.repeat}")
    grouped = sum(len(g) for d in docs for g in d.spans.values())
    print(f"  {sum(len(d) for d in docs)} tokens, {sum(len(d.ents) for d in docs)} entities, {grouped} spans in groups")
    for name, s in med.items():
        print(f"  {name:32s} {s * 1000:8.1f} ms  {s / n * 1000:6.2f} ms/doc  {n / s:7.0f} docs/s  {med[name] / med['parse_text']:5.2f}x parse_text")
    ratio = med["component"] / med["parse_text"]
    print(f"component / parse_text = {ratio:.2f} (spaCy adds {(med['component'] - med['parse_text']) / n * 1000:.2f} ms per document)")
    if args.json:
        result = {"documents": n, "characters": chars, "repeat": args.repeat, "seconds": med, "ratio": ratio}
        result |= {"spacy": spacy.__version__, "python": platform.python_version()}
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
