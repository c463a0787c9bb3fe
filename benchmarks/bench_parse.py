"""Speed of vndirective.parse_text on this machine (a script, not a test).

    python benchmarks/bench_parse.py [--repeat N] [--json OUT] [--installed]

Figures (see benchmarks/README.md for what each one means):

(a) corpus throughput: parse_text over every document of corpus/ and of
    ../shared/corpus (when present): documents/s, MB/s, median ms per document;
(b) linearity: the founding example at 1x, 10x and 100x its length;
(c) against underthesea: word_tokenize on the same texts, one call per sentence
    after sent_tokenize (skipped with a note when underthesea is not importable);
(d) `import vndirective` time in a fresh interpreter, best of 5;
(e) unseen documents: parse_text once on each of N documents from corpus/generate.py
    never parsed before in the run (no warm token caches), documents/s and median ms.

Every timing is repeated N times (default 5) and the median is reported. The package
timed is the source tree's, or with --installed the one installed (e.g. a compiled
wheel, see setup.py); the report says which, and whether its core is compiled.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLED = "--installed" in sys.argv[1:]  # read before the import below: it decides which package is imported
if not INSTALLED:
    sys.path.insert(0, str(ROOT))

import vndirective  # noqa: E402
from vndirective import parse_text  # noqa: E402

FOUNDING = ROOT / "corpus" / "334-CV-HU_luc-ngan_2021.md"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
TEXT_SUFFIXES = {".md", ".txt"}


# --------------------------------------------------------------------------- helpers


def load_dir(folder: Path) -> list[tuple[str, str]]:
    docs = []
    for p in sorted(folder.iterdir()):
        if p.is_file() and p.suffix in TEXT_SUFFIXES:
            docs.append((p.name, p.read_bytes().decode("utf-8-sig")))
    return docs


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def clock(fn: Callable[[], object]) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def time_once(texts: list[str], fn: Callable[[str], object]) -> list[float]:
    """The time of fn on each text, one call each."""
    gc.collect()
    row = []
    for t in texts:
        t0 = time.perf_counter()
        fn(t)
        row.append(time.perf_counter() - t0)
    return row


def time_each(texts: list[str], fn: Callable[[str], object], repeat: int) -> list[list[float]]:
    """times[run][doc], after one warm-up pass."""
    for t in texts:
        fn(t)
    return [time_once(texts, fn) for _ in range(repeat)]


# --------------------------------------------------------------------------- (a)


def _summary(names: list[str], texts: list[str], runs: list[list[float]]) -> dict:
    totals = [sum(r) for r in runs]
    per_doc = [median([r[i] for r in runs]) for i in range(len(texts))]
    slowest = max(range(len(texts)), key=per_doc.__getitem__)
    total = median(totals)
    return {
        "documents": len(texts),
        "mb": round(mb(texts), 4),
        "chars": sum(len(t) for t in texts),
        "median_total_s": round(total, 4),
        "min_total_s": round(min(totals), 4),
        "docs_per_s": round(len(texts) / total, 1),
        "mb_per_s": round(mb(texts) / total, 3),
        "median_ms_per_doc": round(1000 * median(per_doc), 2),
        "max_ms_per_doc": round(1000 * per_doc[slowest], 2),
        "slowest_doc": names[slowest],
        "per_doc_ms": {names[i]: round(1000 * per_doc[i], 3) for i in range(len(texts))},
    }


def bench_corpus(sets: dict[str, list[tuple[str, str]]], repeat: int) -> dict:
    """Each set timed on its own; 'all' combines run i of every set (no second timing)."""
    out = {}
    all_names: list[str] = []
    all_texts: list[str] = []
    all_runs: list[list[float]] = [[] for _ in range(repeat)]
    for name, docs in sets.items():
        names, texts = [n for n, _ in docs], [t for _, t in docs]
        runs = time_each(texts, parse_text, repeat)
        out[name] = _summary(names, texts, runs)
        all_names += [f"{name}/{n}" for n in names]
        all_texts += texts
        for i, r in enumerate(runs):
            all_runs[i] += r
    if len(sets) > 1:
        out["all"] = _summary(all_names, all_texts, all_runs)
    return out


# --------------------------------------------------------------------------- (b)


def bench_scaling(text: str, factors: list[int], repeat: int) -> dict:
    rows = {}
    base = None
    for k in factors:
        big = text * k
        parse_text(big)  # warm-up
        times = [clock(lambda big=big: parse_text(big)) for _ in range(repeat)]
        t = median(times)
        if base is None:
            base = t / k
        rows[f"{k}x"] = {
            "factor": k,
            "chars": len(big),
            "mb": round(len(big.encode("utf-8")) / 1e6, 3),
            "median_s": round(t, 4),
            "min_s": round(min(times), 4),
            "ms_per_100k_chars": round(1000 * t / len(big) * 100_000, 2),
            # 1.0 = perfectly linear; 2.0 = each copy costs twice what it costs at 1x.
            "time_per_length_vs_1x": round((t / k) / base, 2),
        }
    return rows


# --------------------------------------------------------------------------- (c)


def bench_underthesea(texts: list[str], repeat: int) -> dict:
    try:
        import underthesea
        from underthesea import sent_tokenize, word_tokenize
    except Exception as exc:  # not installed, or broken
        return {"skipped": f"underthesea is not importable ({type(exc).__name__}: {exc}); pip install underthesea"}

    sentences = [sent_tokenize(t) for t in texts]
    n_sent = sum(len(s) for s in sentences)

    def parse_all() -> None:
        for t in texts:
            parse_text(t)

    def tokenize_all() -> None:
        for sents in sentences:
            for s in sents:
                word_tokenize(s)

    def pipeline_all() -> None:
        for t in texts:
            for s in sent_tokenize(t):
                word_tokenize(s)

    parse_all()
    tokenize_all()  # warm-up: loads the CRF model
    # The three are interleaved in every run so that a busy machine slows them alike.
    p, w, sw, ratios = [], [], [], []
    for _ in range(repeat):
        p.append(clock(parse_all))
        w.append(clock(tokenize_all))
        sw.append(clock(pipeline_all))
        ratios.append(p[-1] / w[-1])
    ratio = median(ratios)
    return {
        "underthesea_version": getattr(underthesea, "__version__", "?"),
        "documents": len(texts),
        "sentences": n_sent,
        "parse_text_median_total_s": round(median(p), 4),
        "word_tokenize_median_total_s": round(median(w), 4),
        "sent_plus_word_median_total_s": round(median(sw), 4),
        "ratio_parse_over_word_tokenize": round(ratio, 4),
        "ratio_parse_over_sent_plus_word": round(median([a / b for a, b in zip(p, sw, strict=True)]), 4),
        "goal": "< 0.05 (1/20)",
        "goal_met": ratio < 1 / 20,
    }


# --------------------------------------------------------------------------- (d)


def bench_import(tries: int = 5) -> dict:
    env = dict(os.environ) if INSTALLED else {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cwd = Path(tempfile.gettempdir()) if INSTALLED else ROOT  # 'python -c' puts its directory first on the path

    def best(code: str) -> float:
        times = []
        for _ in range(tries):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, check=True)
            times.append(time.perf_counter() - t0)
        return min(times)

    bare = best("pass")
    imp = best("import vndirective")
    first = best(f"import vndirective; vndirective.parse_text(open({str(FOUNDING)!r}, encoding='utf-8').read())")
    return {
        "python_startup_s": round(bare, 4),
        "import_vndirective_s": round(imp - bare, 4),
        "import_and_first_parse_s": round(first - bare, 4),
        "tries": tries,
    }


# --------------------------------------------------------------------------- (e)


def bench_unseen(n: int, repeat: int) -> dict:
    """parse_text once on each of n generated documents, a new set (another seed) for every run."""
    sys.path.insert(0, str(ROOT / "corpus"))
    from generate import generate

    for d in generate(50, 999):  # warm-up: code tables and patterns, not these documents' tokens
        parse_text(d.text)
    totals, per_doc = [], []
    for run in range(repeat):
        texts = [d.text for d in generate(n, 1000 + run)]
        row = time_once(texts, parse_text)
        totals.append(sum(row))
        per_doc.append(median(row))
    return {
        "documents_per_run": n,
        "docs_per_s": round(n / median(totals), 1),
        "median_ms_per_doc": round(1000 * median(per_doc), 3),
        "mean_chars": round(sum(len(t) for t in texts) / len(texts)),
    }


# --------------------------------------------------------------------------- report


def table(rows: list[list[str]], head: list[str]) -> str:
    cols = [head, *rows]
    widths = [max(len(str(r[i])) for r in cols) for i in range(len(head))]
    line = lambda r: "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))  # noqa: E731
    return "\n".join([line(head), line(["-" * w for w in widths]), *map(line, rows)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median reported); default 5")
    ap.add_argument("--json", metavar="OUT", help="also write the figures to this JSON file")
    ap.add_argument("--max-factor", type=int, default=100, help="largest length multiple in (b); default 100")
    ap.add_argument("--unseen", type=int, default=500, metavar="N", help="generated documents per run in (e); 0 leaves (e) out; default 500")
    ap.add_argument("--installed", action="store_true", help="time the installed package (e.g. a compiled wheel), not the source tree")
    args = ap.parse_args(argv)
    repeat = max(1, args.repeat)

    sets = {"corpus": load_dir(ROOT / "corpus")}
    if SHARED_CORPUS.is_dir():
        sets["shared"] = load_dir(SHARED_CORPUS)
    founding = FOUNDING.read_text(encoding="utf-8")

    info = {
        "vndirective": vndirective.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "repeat": repeat,
        "package": str(Path(vndirective.__file__).parent),
        "core": "compiled" if vndirective.is_compiled() else "pure Python",
    }
    print(f"vndirective {info['vndirective']}  Python {info['python']}  {info['platform']}  {info['cpus']} CPUs  repeat={repeat}")
    print(f"package: {info['package']} ({info['core']} core)\n")

    print("(a) parse_text over the corpora")
    corpus = bench_corpus(sets, repeat)
    print(
        table(
            [
                [
                    k,
                    v["documents"],
                    f"{v['mb']:.3f}",
                    f"{v['docs_per_s']:.1f}",
                    f"{v['mb_per_s']:.3f}",
                    f"{v['median_ms_per_doc']:.2f}",
                    f"{v['max_ms_per_doc']:.2f} ({v['slowest_doc']})",
                ]
                for k, v in corpus.items()
            ],
            ["set", "docs", "MB", "docs/s", "MB/s", "median ms/doc", "max ms/doc (document)"],
        )
    )

    factors = [f for f in (1, 10, 100) if f <= args.max_factor]
    print("\n(b) linearity: the founding example repeated")
    scaling = bench_scaling(founding, factors, repeat)
    print(
        table(
            [
                [k, f"{v['chars']:,}", f"{v['mb']:.3f}", f"{1000 * v['median_s']:.1f}", f"{v['ms_per_100k_chars']:.1f}", f"{v['time_per_length_vs_1x']:.2f}"]
                for k, v in scaling.items()
            ],
            ["length", "chars", "MB", "median ms", "ms/100k chars", "time/length vs 1x"],
        )
    )

    print("\n(c) against underthesea word_tokenize (the same texts: every corpus document)")
    ut = bench_underthesea([t for docs in sets.values() for _, t in docs], repeat)
    if "skipped" in ut:
        print(f"  skipped: {ut['skipped']}")
    else:
        print(
            table(
                [
                    ["parse_text", f"{1000 * ut['parse_text_median_total_s']:.1f}", "1.00"],
                    [
                        "word_tokenize (per sentence)",
                        f"{1000 * ut['word_tokenize_median_total_s']:.1f}",
                        f"{ut['word_tokenize_median_total_s'] / ut['parse_text_median_total_s']:.2f}",
                    ],
                    [
                        "sent_tokenize + word_tokenize",
                        f"{1000 * ut['sent_plus_word_median_total_s']:.1f}",
                        f"{ut['sent_plus_word_median_total_s'] / ut['parse_text_median_total_s']:.2f}",
                    ],
                ],
                ["task", f"median ms ({ut['documents']} docs, {ut['sentences']} sentences)", "x parse_text"],
            )
        )
        verdict = "met" if ut["goal_met"] else "NOT met"
        print(f"  ratio parse_text / word_tokenize = {ut['ratio_parse_over_word_tokenize']:.3f} (goal < 0.05: {verdict}, {info['core']} core)")
        if not vndirective.is_compiled():
            print("  the compiled core is about 1.3 times as fast: build it (benchmarks/README.md), then run this script with --installed")

    print("\n(d) import time in a fresh interpreter (best of 5, Python start-up subtracted)")
    imp = bench_import()
    print(
        f"  python -c pass: {1000 * imp['python_startup_s']:.1f} ms   import vndirective: +{1000 * imp['import_vndirective_s']:.1f} ms"
        f"   import + first parse of the founding example: +{1000 * imp['import_and_first_parse_s']:.1f} ms"
    )

    unseen: dict = {}
    if args.unseen > 0:
        print(f"\n(e) unseen documents: {args.unseen} generated documents per run, each parsed once")
        unseen = bench_unseen(args.unseen, repeat)
        print(
            f"  {unseen['docs_per_s']:.1f} documents/s, median {unseen['median_ms_per_doc']:.2f} ms per document"
            f" ({unseen['mean_chars']:,} characters on average)"
        )

    if args.json:
        figures = {"machine": info, "corpus": corpus, "scaling": scaling, "underthesea": ut, "import": imp, "unseen": unseen}
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
