"""Speed and memory of ``vndirective batch`` on many generated documents (a script, not a test).

    python benchmarks/bench_batch.py [--n 10000] [--small 1000] [--jobs 1 2] [--repeat 3] [--db] [--dir DIR] [--json OUT]

Figures:

(a) throughput: documents/s of ``run_batch`` over N text documents for each ``--jobs`` value
    (median of ``--repeat`` fresh runs, interleaved; JSONL output; ``--db`` also writes the
    SQLite store), the speed-up over the first ``--jobs`` value (near-linear means ≈ the ratio
    of jobs) and the CPU time per document of the parent and its workers together (constant
    across jobs means that parallelism adds no work: a lower speed-up is then missing cores);
    the CPU ceiling printed first is what pure-Python work reaches with as many processes now
    (below the number of cores when something else runs on the machine);
(b) memory: peak resident memory of the parent process and of the largest worker, each run
    in a fresh interpreter, at ``--small`` and at N documents: flat means the same at both.

The documents come from ``--dir`` (a folder of files, e.g. written by
``python corpus/generate.py --n 10000 --out DIR``), else from ``corpus/generate.py``'s
``generate(n, seed)`` when it exists, else (or with ``--copies``) from the texts of ``corpus/``
copied cyclically under numbered names.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vndirective.bulk.batch import run_batch  # noqa: E402

CORPUS = ROOT / "corpus"


# --------------------------------------------------------------------------- documents


def _generator():  # type: ignore[no-untyped-def]
    """corpus/generate.py's generate(n, seed), or None when that module is not there (yet)."""
    path = CORPUS / "generate.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("_vndirective_generate", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return getattr(module, "generate", None)


def _name(doc: object, i: int) -> str:
    for attr in ("name", "filename", "file_name", "path", "stem"):
        value = getattr(doc, attr, None)
        if isinstance(value, (str, os.PathLike)) and str(value):
            name = Path(value).name
            return name if Path(name).suffix else f"{name}.txt"
    return f"doc_{i:06d}.txt"


def make_documents(n: int, folder: Path, seed: int = 1, copies: bool = False) -> str:
    """Write n documents into folder; where they came from."""
    folder.mkdir(parents=True, exist_ok=True)
    generate = None if copies else _generator()
    if generate is not None:
        docs = generate(n, seed)
        for i, doc in enumerate(docs):
            name = _name(doc, i)
            target = folder / name
            if target.exists():
                target = folder / f"{i:06d}_{name}"
            target.write_text(doc.text, "utf-8")
        return f"corpus/generate.py generate({n}, seed={seed})"
    texts = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt") and p.is_file())
    for i in range(n):
        src = texts[i % len(texts)]
        shutil.copyfile(src, folder / f"{i:06d}_{src.stem}{src.suffix}")
    return f"{len(texts)} texts of corpus/ copied cyclically"


def copy_first(src: Path, n: int, folder: Path) -> None:
    """The first n files of src (sorted) into folder: the small set for the memory figure."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in sorted(q for q in src.rglob("*") if q.is_file())[:n]:
        shutil.copyfile(p, folder / p.name)


# --------------------------------------------------------------------------- figures


def throughput(folder: Path, n: int, jobs_list: list[int], repeat: int, db: bool, work: Path) -> list[dict]:
    """Runs interleaved (1, 2, 1, 2...) so that other load on the machine hits every jobs value alike."""
    times: dict[int, list[float]] = {j: [] for j in jobs_list}
    cpu: dict[int, list[float]] = {j: [] for j in jobs_list}
    for _ in range(repeat):
        for jobs in jobs_list:
            for p in work.glob("out.*"):
                p.unlink()
            c0, t0 = os.times(), time.perf_counter()
            summary = run_batch(folder, work / "out.jsonl", work / "out.sqlite" if db else None, jobs=jobs, progress=False)
            t1, c1 = time.perf_counter(), os.times()
            times[jobs].append(t1 - t0)
            # CPU seconds of this process and of its workers (reaped when the pool shuts down)
            cpu[jobs].append(sum(c1[i] - c0[i] for i in range(4)))
            assert summary.files == n and summary.parsed == n, summary.report()
    rows = []
    for jobs in jobs_list:
        med = statistics.median(times[jobs])
        cpu_ms = 1000 * statistics.median(cpu[jobs]) / n
        rows.append({"jobs": jobs, "docs": n, "db": db, "seconds": times[jobs], "median_s": med, "docs_per_s": n / med, "cpu_ms_per_doc": cpu_ms})
    base = rows[0]["docs_per_s"]
    for r in rows:
        r["speedup"] = r["docs_per_s"] / base
    return rows


_MEMORY_PROBE = """
import json, resource, sys
from vndirective.bulk.batch import run_batch

def peak_kb():
    # VmHWM: this process's own peak (ru_maxrss would include what the process was before exec)
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

s = run_batch(sys.argv[1], sys.argv[2], sys.argv[3] or None, jobs=int(sys.argv[4]), progress=False)
print(json.dumps({"files": s.files, "parent_kb": peak_kb(), "worker_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def memory(folder: Path, work: Path, db: bool, jobs: int = 2) -> dict:
    """Peak RSS (MB) of the parent and of the largest worker, in a fresh interpreter."""
    for p in work.glob("mem.*"):
        p.unlink()
    args = [sys.executable, "-c", _MEMORY_PROBE, str(folder), str(work / "mem.jsonl"), str(work / "mem.sqlite") if db else "", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = json.loads(subprocess.run(args, capture_output=True, text=True, check=True, env=env).stdout)
    return {"files": result["files"], "parent_mb": result["parent_kb"] / 1024, "worker_mb": result["worker_kb"] / 1024}


def _spin(n: int) -> float:
    t0 = time.perf_counter()
    x = 0
    for i in range(n):
        x += i
    return time.perf_counter() - t0


def cpu_ceiling(jobs: int, n: int = 20_000_000) -> float:
    """How much faster ``jobs`` processes of pure CPU work go than one, on this machine now (other load included)."""
    import multiprocessing

    one = _spin(n)
    with multiprocessing.get_context().Pool(jobs) as pool:
        t0 = time.perf_counter()
        pool.map(_spin, [n] * jobs)
        many = time.perf_counter() - t0
    return jobs * one / many


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="documents for the throughput and the large memory figure")
    ap.add_argument("--small", type=int, default=1_000, help="documents of the small memory figure")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--db", action="store_true", help="also write the SQLite store (as `batch --out --db`)")
    ap.add_argument("--dir", type=Path, help="use the documents of this folder instead of generating N")
    ap.add_argument("--copies", action="store_true", help="copy the texts of corpus/ even when corpus/generate.py exists")
    ap.add_argument("--no-memory", action="store_true", help="skip figure (b)")
    ap.add_argument("--json", type=Path, help="also write every figure to this file")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        work = Path(tmp)
        if args.dir:
            folder, origin = args.dir, f"the files of {args.dir}"
            n = sum(1 for p in folder.rglob("*") if p.is_file())
        else:
            folder, n = work / "docs", args.n
            origin = make_documents(n, folder, copies=args.copies)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        ceiling = cpu_ceiling(max(args.jobs))
        print(f"vndirective batch on {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, load average {load:.2f}")
        print(f"CPU ceiling: {max(args.jobs)} processes of pure Python do {ceiling:.2f}x the work of one (the best speed-up to expect now)")
        print(f"{n} documents, {size:.1f} MB: {origin}\n")

        print(f"(a) throughput, median of {args.repeat} runs, output JSONL{' + SQLite' if args.db else ''}")
        rows = throughput(folder, n, args.jobs, args.repeat, args.db, work)
        after = cpu_ceiling(max(args.jobs))
        print(f"{'jobs':>5} {'docs/s':>9} {'median s':>9} {'speed-up':>9} {'CPU ms/doc':>11}   runs (s)")
        for r in rows:
            runs = " ".join(f"{t:.1f}" for t in r["seconds"])
            print(f"{r['jobs']:>5} {r['docs_per_s']:>9.0f} {r['median_s']:>9.1f} {r['speedup']:>8.2f}x {r['cpu_ms_per_doc']:>11.2f}   {runs}")
        print(f"CPU ceiling after the runs: {after:.2f}x")

        mem = []
        if not args.no_memory:
            small = work / "small"
            copy_first(folder, args.small, small)
            print(f"\n(b) peak memory (RSS), jobs=2, output JSONL{' + SQLite' if args.db else ''}")
            print(f"{'docs':>7} {'parent MB':>10} {'worker MB':>10}")
            for label, f in ((args.small, small), (n, folder)):
                m = memory(f, work, args.db)
                mem.append(m)
                print(f"{label:>7} {m['parent_mb']:>10.1f} {m['worker_mb']:>10.1f}")
            if len(mem) == 2:
                small_m, large_m = mem
                docs = large_m["files"] / small_m["files"]
                parent, worker = large_m["parent_mb"] / small_m["parent_mb"], large_m["worker_mb"] / small_m["worker_mb"]
                print(f"{docs:.0f}x the documents: parent {parent:.2f}x, worker {worker:.2f}x")

        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            figures = {"documents": n, "origin": origin, "mb": size, "load": load, "cpu_ceiling": [ceiling, after], "throughput": rows, "memory": mem}
            args.json.write_text(json.dumps(figures, indent=2), "utf-8")


if __name__ == "__main__":
    main()
