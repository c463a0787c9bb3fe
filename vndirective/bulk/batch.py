"""A batch run: :func:`run_batch` over a folder into JSON Lines and/or a :class:`~vndirective.bulk.store.Store`, with its lock, progress and summary.

Guarantees of :func:`run_batch`:

* every file of the folder gets exactly one record, in sorted path order (:mod:`~vndirective.bulk.inventory`):
  "ok" with the parsed ``Directive.to_dict()``; "not_document" with the parse and the reason, for a text
  without the header of an official document (:mod:`~vndirective.bulk.triage`); "error" with the error type
  and message; or "skipped" with the reason it is not read (hidden, an unsupported extension, a link to a
  folder). One bad file never stops the run, not even one that kills its worker process (``WorkerCrash``) or
  hangs (``Timeout``);
* the JSONL file is flushed and fsync'ed every few seconds, the store committed as often. An
  interrupted run (Ctrl-C, kill, power loss) is resumed by running the same command again: the
  records already written are kept (a torn last line is cut off), the rest are parsed, and the
  file is rewritten in sorted order at the end, without duplicates;
* ``incremental=True`` reuses the records of files whose content hash, parser version and reading options
  (OCR, password given, encoding, limits) are unchanged, and drops those of files that are gone; error
  records are parsed again unless ``retry_errors=False`` (crashes and timeouts always are);
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
from ..readers.files import SUFFIXES, file_sha256, iter_files
from ..readers.limits import Limits
from ..readers.ocr import Ocr
from .inventory import inventory
from .jsonl import read_jsonl
from .outputs import TRANSIENT_ERRORS, Sinks, kept_record
from .pool import chunks, in_order, inline
from .record import Record, options_key, parse_file
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


_NAMES_SHOWN = 5  # the files not taken for documents that the report names, before "and N more"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


@dataclass
class BatchSummary:
    """What a run did. Every entry of the folder is counted once by its record's status:
    ``files == ok + not_document + error + skipped``. ``unchanged`` of them kept their earlier record (--incremental,
    or a resumed run); the others were parsed (or skipped) by this run."""

    root: str
    files: int = 0
    ok: int = 0
    not_document: int = 0
    error: int = 0
    skipped: int = 0  # not read: hidden, an unsupported extension, a link to a folder...
    unchanged: int = 0  # records kept from an earlier run, counted above by their status
    kept: int = 0  # records found in the outputs at the start (an interrupted run, or --incremental)
    resumed: bool = False
    elapsed: float = 0.0
    jobs: int = 1
    errors_by_type: dict[str, int] = field(default_factory=dict)
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    not_documents: list[str] = field(default_factory=list)  # their paths, in order
    out: str | None = None
    db: str | None = None

    @property
    def parsed(self) -> int:
        """Files parsed by this run (not kept, not skipped)."""
        return self.ok + self.not_document + self.error - self.unchanged

    @property
    def rate(self) -> float:
        """Files parsed per second of the run."""
        return self.parsed / self.elapsed if self.elapsed > 0 else 0.0

    def counts(self) -> str:
        """The line accounting for every file: '37 files: 19 ok, 2 not documents, 16 errors, 0 skipped'."""
        return (
            f"{_plural(self.files, 'file')}: {self.ok} ok, {_plural(self.not_document, 'not a document', 'not documents')}, "
            f"{_plural(self.error, 'error')}, {self.skipped} skipped"
        )

    def report(self) -> str:
        """A few lines for people: the counts of every file, speed, error types, skip reasons, outputs."""
        run = f"parsed {self.parsed} in {self.elapsed:.1f} s, {self.rate:.1f} files/s with {_plural(self.jobs, 'job')}"
        if self.unchanged:
            run += f"; {self.unchanged} unchanged since the last run (records kept)"
        lines = [self.counts(), run]
        if self.resumed:
            lines.append(f"resumed an interrupted run ({self.kept} records found in the outputs)")
        if self.errors_by_type:
            lines.append("errors: " + _by_count(self.errors_by_type))
        if self.not_documents:
            shown = ", ".join(self.not_documents[:_NAMES_SHOWN])
            more = len(self.not_documents) - _NAMES_SHOWN
            lines.append(f"not documents (no header of an official document found): {shown}" + (f" and {more} more" if more > 0 else ""))
        if self.skipped_by_reason:
            lines.append("skipped: " + _by_count(self.skipped_by_reason))
        lines.extend(f"written: {p}" for p in (self.out, self.db) if p)
        return "\n".join(lines)


def _by_count(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


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
    password: str | None = None,
    limits: Limits | None = None,
    retry_errors: bool = True,
    chunksize: int | None = None,
    sync_interval: float = 2.0,
    mp_context: str | None = None,
) -> BatchSummary:
    """Record every file under ``root`` into ``out`` (JSON Lines) and/or ``db`` (a :class:`Store`): the supported ones parsed.

    ``jobs``: worker processes (default: all cores; 0 parses in this process, without crash
    protection). ``incremental``: keep the records of files unchanged since they were made with the
    same reading options; ``retry_errors`` (default True): parse the files of error records again
    (False keeps them, crashes and timeouts aside). An interrupted run is resumed by calling again
    with the same outputs. ``timeout``: seconds per file before it becomes a ``Timeout`` error
    record. ``encoding``, ``ocr``, ``password``, ``limits``: how files are read, as for
    :func:`vndirective.parse`. ``mp_context``: multiprocessing start method.
    Raises :class:`BatchError` when ``root`` is not a folder; KeyboardInterrupt after saving.
    """
    started = time.perf_counter()
    base = Path(root)
    if not base.is_dir():
        raise BatchError(f"{base}: not a folder. `batch` reads every supported file ({', '.join(sorted(SUFFIXES))}) under a folder.")
    out_path, db_path = (Path(p) if p is not None else None for p in (out, db))
    outputs = [p for p in (out_path, db_path) if p is not None]
    entries = inventory(base, _own_files(outputs))
    files = [e.path for e in entries]
    jobs = _cores() if jobs is None else max(0, jobs)
    summary = BatchSummary(str(base), len(files), jobs=jobs, out=str(out_path) if out_path else None, db=str(db_path) if db_path else None)
    marker = _Marker(outputs[0], base) if outputs else None
    summary.resumed = bool(marker and marker.resuming)
    complete = False
    errors: Counter[str] = Counter()
    skips: Counter[str] = Counter()
    try:
        sinks = Sinks(out_path, db_path, reuse=incremental or summary.resumed)
        try:
            summary.kept = sinks.kept
            options = Options(
                str(base), grace=_GRACE, encoding=encoding, ocr=ocr, password=password, limits=limits, timeout=timeout, rows=sinks.store is not None
            )
            made_with = options_key(options.reading())
            retry = retry_errors and incremental  # a plain run that resumes keeps its own errors: they were made with its options
            tasks = (Task(e.path, None if e.skip else kept_record(e.path, sinks.seen, __version__, made_with, retry_errors=retry), e.skip) for e in entries)
            todo = chunks(tasks, chunksize or max(1, min(16, len(files) // (max(jobs, 1) * 8))))
            results = in_order(todo, options, jobs, _context(mp_context)) if jobs else inline(todo, options)
            bar = _Progress(len(files), progress)
            try:
                for chunk in results:
                    for done in chunk:
                        sinks.write(done)
                    failed = _count(chunk, summary, errors, skips)
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
        summary.skipped_by_reason = dict(skips)
        summary.elapsed = time.perf_counter() - started
    return summary


def _own_files(outputs: list[Path]) -> list[str | Path]:
    """The files a run writes beside its outputs (lock marker, SQLite journals, the JSONL's rewrite): never read, never recorded."""
    return [q for p in outputs for q in (p, f"{p}.batch", f"{p}-wal", f"{p}-shm", f"{p}-journal", p.with_name(f".{p.name}.tmp"))]


def _cores() -> int:
    """The cores this process may run on (its affinity), else the machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def _context(method: str | None) -> Any:
    import multiprocessing

    return multiprocessing.get_context(method)


def _count(chunk: list[Done], summary: BatchSummary, errors: Counter[str], skips: Counter[str]) -> int:
    """Add a chunk's outcomes to the summary (each file by its record's status); the number of errors in it."""
    failed = 0
    for done in chunk:
        summary.unchanged += done.unchanged
        if done.status == "skipped":
            summary.skipped += 1
            skips[_reason_kind(done.reason)] += 1
        elif done.status == "ok":
            summary.ok += 1
        elif done.status == "not_document":
            summary.not_document += 1
            summary.not_documents.append(done.path)
        else:
            summary.error += 1
            failed += 1
            errors[done.error_type or "?"] += 1
    return failed


def _reason_kind(reason: str | None) -> str:
    """A skip reason without its explanation ('unsupported extension '.csv'' of 'unsupported extension '.csv': batch reads ...')."""
    return (reason or "?").split(":", 1)[0]
