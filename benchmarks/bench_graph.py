"""Citation graph: resolution precision and recall, and build time (a script, not a test).

    python benchmarks/bench_graph.py [--n 2000] [--n-time 10000] [--seed 0] [--repeat 3] [--json OUT]

Documents come from ``corpus/generate.py`` (a synthetic corpus whose true citation links are
known). Each one is parsed with ``vndirective.parse_text`` and the graph is built with
``vndirective.graph.build_graph``. Figures:

(a) resolution on ``--n`` documents, for both ``undated`` policies:
    precision = links to a corpus document that are the true target / all links made
                (a link made for a citation whose document is not in the corpus is wrong);
    recall    = true links found / citations whose document is in the corpus, over all of
                them and over those the generator marks decidable from the text alone;
    with a breakdown by the generator's rule (organ rule + period rule) and by what the
    resolver answered (resolved, not in corpus, unresolved). Citations the parser did not
    report with the canonical id of the truth are counted apart ("parser missed").
(b) build time of the graph of ``--n-time`` documents (already parsed), median of
    ``--repeat`` runs, and the parse time of the same documents for scale.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vndirective import parse_text  # noqa: E402
from vndirective.core.model import Directive  # noqa: E402
from vndirective.graph import build_graph, citation_stats  # noqa: E402


def load_generator() -> Any:
    """corpus/generate.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("vndirective_corpus_generate", ROOT / "corpus" / "generate.py")
    if spec is None or spec.loader is None:
        raise SystemExit("corpus/generate.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def parse_all(docs: list[Any]) -> tuple[list[Directive], float]:
    t0 = time.perf_counter()
    parsed = []
    for g in docs:
        d = parse_text(g.text)
        d.source = g.file_name
        parsed.append(d)
    return parsed, time.perf_counter() - t0


def evaluate(docs: list[Any], parsed: list[Directive], undated: str) -> dict[str, Any]:
    """Precision and recall of the links of the graph against the generator's truth."""
    G = build_graph(parsed, undated=undated)
    node_of = {d["source"]: n for n, d in G.nodes(data=True) if d.get("in_corpus") and "source" in d}
    key_of = {node_of[g.file_name]: g.key for g in docs if g.file_name in node_of}
    edges: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        if d.get("kind") == "cites":
            edges[(u, d["cited_as"])].append({**d, "target": v})

    made = correct = wrong = 0
    should = found = decidable_should = decidable_found = parser_missed = 0
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    wrong_examples: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for g in docs:
        citing = node_of.get(g.file_name)
        for c in g.citations:
            outcome = "parser missed"
            mine = edges.get((citing, c.doc_id), []) if citing else []
            if mine:
                seen.add((citing, c.doc_id))
                # One number cited with several dates is one edge per date: the one of the true date.
                pick = [e for e in mine if str(e.get("cited_date", "")) == c.true_date] or mine
                e = pick[0]
                outcome = e["resolution"]
                if outcome == "resolved":
                    made += 1
                    if key_of.get(e["target"]) == c.target:
                        correct += 1
                        outcome = "resolved right"
                    else:
                        wrong += 1
                        outcome = "resolved WRONG"
                        if len(wrong_examples) < 20:
                            wrong_examples.append(
                                {
                                    "citing": g.key,
                                    "cited": c.doc_id,
                                    "truth": c.target,
                                    "linked": key_of.get(e["target"]),
                                    "rule": c.rule,
                                    "basis": e.get("basis"),
                                }
                            )
            else:
                parser_missed += 1
            if c.target is not None:
                should += 1
                found += outcome == "resolved right"
                if c.decidable:
                    decidable_should += 1
                    decidable_found += outcome == "resolved right"
            by_rule[f"{c.rule} ({'in corpus' if c.target else c.status})"][outcome] += 1
    # Citations the parser reported that the truth does not have, resolved to a document: wrong links too.
    extra = [d for (u, cid), ds in edges.items() if (u, cid) not in seen for d in ds]
    extra_links = sum(d["resolution"] == "resolved" for d in extra)
    made += extra_links
    return {
        "undated": undated,
        "documents": len(docs),
        "citations (truth)": sum(len(g.citations) for g in docs),
        "links made": made,
        "right": correct,
        "wrong": wrong + extra_links,
        "precision": round(correct / made, 4) if made else None,
        "recall (all in corpus)": round(found / should, 4) if should else None,
        "recall (decidable)": round(decidable_found / decidable_should, 4) if decidable_should else None,
        "in-corpus citations": should,
        "decidable in-corpus citations": decidable_should,
        "parser missed": parser_missed,
        "extra parser citations": len(extra),
        "by rule": {k: dict(v) for k, v in sorted(by_rule.items())},
        "graph": citation_stats(G),
        "wrong examples": wrong_examples,
    }


def time_build(parsed: list[Directive], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        build_graph(parsed)
        times.append(time.perf_counter() - t0)
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=2000, help="documents for precision/recall (default 2000)")
    ap.add_argument("--n-time", type=int, default=10000, help="documents for the build time (default 10000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write every figure to this file")
    args = ap.parse_args(argv)
    gen = load_generator()
    out: dict[str, Any] = {}

    docs = gen.generate(args.n, args.seed)
    parsed, parse_s = parse_all(docs)
    print(f"(a) resolution on {len(docs)} generated documents (seed {args.seed}; parsed in {parse_s:.1f} s)")
    out["resolution"] = []
    for undated in ("same-period", "never"):
        r = evaluate(docs, parsed, undated)
        out["resolution"].append(r)
        print(
            f"  undated={undated:12} precision {r['precision']}  recall {r['recall (all in corpus)']} (all in corpus), "
            f"{r['recall (decidable)']} (decidable)  links {r['links made']}, wrong {r['wrong']}, parser missed {r['parser missed']}"
        )
    print("  by rule (same-period):")
    for rule, outcomes in out["resolution"][0]["by rule"].items():
        print(f"    {rule:48} {dict(outcomes)}")
    for ex in out["resolution"][0]["wrong examples"][:10]:
        print("   wrong:", ex)

    docs = gen.generate(args.n_time, args.seed)
    parsed, parse_s = parse_all(docs)
    times = time_build(parsed, args.repeat)
    out["build"] = {"documents": len(parsed), "build_s": times, "median_s": statistics.median(times), "parse_s": parse_s}
    median = statistics.median(times)
    print(f"(b) build_graph on {len(parsed)} parsed documents: median {median:.2f} s over {args.repeat} runs (parsing them took {parse_s:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
