"""A batch run: :func:`run_batch` over a folder into JSON Lines and/or a :class:`~vndirective.bulk.store.Store`, with its lock, progress and summary.

Guarantees of :func:`run_batch`:

* every file found by :func:`~vndirective.readers.files.iter_files` gets exactly one record, in sorted
  path order: the parsed ``Directive.to_dict()``, or an error record with the error type and message.
  One bad file never stops the run, not even one that kills its worker process (``WorkerCrash``) or
  hangs (``Timeout``);
* the JSONL file is flushed and fsync'ed every few seconds, the store committed as often. An
  interrupted run (Ctrl-C, kill, power loss) is resumed by running the same command again: the
  records already written are kept (a torn last line is cut off), the rest are parsed, and the
  file is rewritten in sorted order at the end, without duplicates;
* ``incremental=True`` reuses the records of files whose content hash (and parser version) is
  unchanged, and drops those of files that are gone;
* memory stays flat: documents stream from a bounded number of in-flight chunks to the sinks.

:func:`~vndirective.bulk.record.parse_file` is the one worker function, shared with :mod:`vndirective.bulk.dask`: it never raises.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import VndirectiveError
from ..readers.files import SUFFIXES, file_sha256, iter_files, relative_files
from ..readers.ocr import Ocr
from .jsonl import read_jsonl
from .outputs import TRANSIENT_ERRORS, Sinks, expected_hash
from .pool import chunks, in_order, inline
from .record import Record, parse_file
from .worker import Done, Options, Task, Timeout

# What `vndirective.batch` offered, for its old import path (see vndirective/batch.py).
__all__ = [
    "SUFFIXES",
    "TRANSIENT_ERRORS",
    "BatchError",
    "BatchSummary",
    "Record",
    "Timeout",
    "file_sha256",
    "iter_files",
    "parse_file",
    "read_jsonl",
    "run_batch",
]

_GRACE = 30.0  # seconds a worker gets beyond the per-file timeout before it is killed


class BatchError(VndirectiveError):
    """A batch cannot start: the folder is missing, or another run is writing the same output."""


class _Marker:
    """``<output>.batch``: present while a run writes the output, so the next run knows to resume; also a lock."""

    def __init__(self, output: Path, root: Path) -> None:
        self.path = output.with_name(output.name + ".batch")
        self.root = str(root.resolve())
        self.resuming = False
        if self.path.is_file():
            try:
                self.resuming = json.loads(self.path.read_text("utf-8")).get("root") == self.root
            except (ValueError, OSError, AttributeError):
                self.resuming = False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - closed in release()
        try:
            import fcntl

            # lockf, not flock: a POSIX lock belongs to this process alone, not to the workers it forks
            fcntl.lockf(self.file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:
            pass
        except OSError:
            self.file.close()
            raise BatchError(f"{output}: another batch run is writing this output (lock {self.path})") from None
        self.file.seek(0)
        self.file.truncate()
        self.file.write(json.dumps({"root": self.root, "pid": os.getpid(), "started": time.time(), "version": __version__}))
        self.file.flush()

    def release(self, done: bool) -> None:
        if done:
            self.path.unlink(missing_ok=True)
        self.file.close()


class _Progress:
    """tqdm when installed, else a counter on stderr (redrawn twice a second on a terminal, every 10% otherwise)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.done, self.errors = total, 0, 0
        self.enabled = enabled and total > 0
        self.started = self.last = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.bar: Any = None
        if self.enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                return
            self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

    def update(self, n: int, errors: int) -> None:
        self.done += n
        self.errors += errors
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(n)
            if errors:
                self.bar.set_postfix(errors=self.errors, refresh=False)
            return
        now = time.monotonic()
        step = max(1, self.total // 10)
        if (self.tty and now - self.last >= 0.5) or (not self.tty and self.done // step != (self.done - n) // step) or self.done == self.total:
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            start, end = ("\r", "" if self.done < self.total else "\n") if self.tty else ("", "\n")
            print(f"{start}{self.done}/{self.total} files, {self.errors} errors, {rate:.0f} files/s", end=end, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled and self.tty and self.done < self.total:
            print(file=sys.stderr)


@dataclass
class BatchSummary:
    """What a run did. ``ok + error + skipped == files`` once the run is complete."""

    root: str
    files: int = 0
    ok: int = 0
    error: int = 0
    skipped: int = 0
    kept: int = 0  # records found in the outputs at the start (an interrupted run, or --incremental)
    resumed: bool = False
    elapsed: float = 0.0
    jobs: int = 1
    errors_by_type: dict[str, int] = field(default_factory=dict)
    out: str | None = None
    db: str | None = None

    @property
    def parsed(self) -> int:
        return self.ok + self.error

    @property
    def rate(self) -> float:
        """Files parsed per second of the run."""
        return self.parsed / self.elapsed if self.elapsed > 0 else 0.0

    def report(self) -> str:
        """A few lines for people: counts, speed, error types, outputs."""
        lines = [
            f"{self.files} files: {self.ok} ok, {self.error} error, {self.skipped} skipped (unchanged)"
            f" in {self.elapsed:.1f} s, {self.rate:.1f} files/s with {self.jobs} job{'s' if self.jobs != 1 else ''}"
        ]
        if self.resumed:
            lines.append(f"resumed an interrupted run ({self.kept} records found in the outputs)")
        if self.errors_by_type:
            lines.append("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(self.errors_by_type.items(), key=lambda kv: (-kv[1], kv[0]))))
        lines.extend(f"written: {p}" for p in (self.out, self.db) if p)
        return "\n".join(lines)


def run_batch(
    root: str | Path,
    out: str | Path | None = None,
    db: str | Path | None = None,
    *,
    jobs: int | None = None,
    incremental: bool = False,
    progress: bool = True,
    timeout: float | None = 600.0,
    ocr: Ocr = "auto",
    encoding: str | None = None,
    chunksize: int | None = None,
    sync_interval: float = 2.0,
    mp_context: str | None = None,
) -> BatchSummary:
    """Parse every supported file under ``root`` into ``out`` (JSON Lines) and/or ``db`` (a :class:`Store`).

    ``jobs``: worker processes (default: all cores; 0 parses in this process, without crash
    protection). ``incremental``: keep the records of unchanged files. An interrupted run is
    resumed by calling again with the same outputs. ``timeout``: seconds per file before it
    becomes a ``Timeout`` error record. ``mp_context``: multiprocessing start method.
    Raises :class:`BatchError` when ``root`` is not a folder; KeyboardInterrupt after saving.
    """
    started = time.perf_counter()
    base = Path(root)
    if not base.is_dir():
        raise BatchError(f"{base}: not a folder. `batch` reads every supported file ({', '.join(sorted(SUFFIXES))}) under a folder.")
    out_path, db_path = (Path(p) if p is not None else None for p in (out, db))
    outputs = [p for p in (out_path, db_path) if p is not None]
    files = relative_files(base, _own_files(outputs))
    jobs = _cores() if jobs is None else max(0, jobs)
    summary = BatchSummary(str(base), len(files), jobs=jobs, out=str(out_path) if out_path else None, db=str(db_path) if db_path else None)
    marker = _Marker(outputs[0], base) if outputs else None
    summary.resumed = bool(marker and marker.resuming)
    complete = False
    errors: Counter[str] = Counter()
    try:
        sinks = Sinks(out_path, db_path, reuse=incremental or summary.resumed)
        try:
            summary.kept = sinks.kept
            options = Options(str(base), grace=_GRACE, encoding=encoding, ocr=ocr, timeout=timeout, rows=sinks.store is not None)
            tasks = (Task(p, expected_hash(p, sinks.seen, __version__)) for p in files)
            todo = chunks(tasks, chunksize or max(1, min(16, len(files) // (max(jobs, 1) * 8))))
            results = in_order(todo, options, jobs, _context(mp_context)) if jobs else inline(todo, options)
            bar = _Progress(len(files), progress)
            try:
                for chunk in results:
                    for done in chunk:
                        sinks.write(done)
                    failed = _count(chunk, summary, errors)
                    bar.update(len(chunk), failed)
                    sinks.sync(sync_interval)
            finally:
                bar.close()
                results.close()  # stops the pool now, not when the traceback is freed
            sinks.finish(files)
            complete = True
        finally:
            sinks.close()
    finally:
        if marker is not None:
            marker.release(complete)
        summary.errors_by_type = dict(errors)
        summary.elapsed = time.perf_counter() - started
    return summary


def _own_files(outputs: list[Path]) -> list[str | Path]:
    """The files a run writes beside its outputs (lock marker, SQLite journals): never read as input."""
    return [q for p in outputs for q in (p, f"{p}.batch", f"{p}-wal", f"{p}-shm", f"{p}-journal")]


def _cores() -> int:
    """The cores this process may run on (its affinity), else the machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def _context(method: str | None) -> Any:
    import multiprocessing

    return multiprocessing.get_context(method)


def _count(chunk: list[Done], summary: BatchSummary, errors: Counter[str]) -> int:
    """Add a chunk's outcomes to the summary; the number of errors in it."""
    failed = 0
    for done in chunk:
        if done.status == "skipped":
            summary.skipped += 1
        elif done.status == "ok":
            summary.ok += 1
        else:
            summary.error += 1
            failed += 1
            errors[done.error_type or "?"] += 1
    return failed
