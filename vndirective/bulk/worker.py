"""The worker side of a batch: a chunk of files parsed in a worker process, each under the per-file deadline."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..readers.files import file_sha256
from ..readers.limits import Limits
from ..readers.ocr import Ocr
from .record import Record, Seen, json_parts, parse_file, reading_options, skipped_file
from .store import DocumentRows, document_rows


class Timeout(Exception):
    """A file took longer than the batch's per-file timeout."""


class Task(NamedTuple):
    """One entry of the folder: a file to parse, or one that is not read (``skip``: why)."""

    path: str  # relative to the root
    kept: Seen | None = None  # the record an earlier run made, kept if the file's hash is still the same
    skip: str | None = None


class Done(NamedTuple):
    """The outcome of a task, ready for the outputs: the JSON line and the store's rows (None when the record is kept)."""

    path: str
    status: str  # the record's: "ok", "not_document", "error" or "skipped"
    error_type: str | None
    line: str | None
    rows: DocumentRows | None
    unchanged: bool = False  # the earlier record is kept: the file is unchanged since it was made
    reason: str | None = None  # why the file is "not_document" or "skipped"


@dataclass(frozen=True)
class Options:
    """How a run parses, sent to every worker with its chunk."""

    root: str
    grace: float  # seconds a worker gets beyond the per-file timeout before the parent kills it
    encoding: str | None = None
    ocr: Ocr = "auto"
    password: str | None = None
    limits: Limits | None = None
    timeout: float | None = None
    rows: bool = False  # also build the store's rows (in the worker, where the cores are)

    def reading(self) -> dict[str, Any]:
        """The reading options every record of the run is made with (:func:`~vndirective.bulk.record.reading_options`)."""
        return reading_options(self.encoding, self.ocr, self.password, self.limits)


def init_worker(parent: int | None = None) -> None:
    """Run first in every worker process; ``parent`` is the pid of the process that made the pool."""
    # Ctrl-C is for the parent, which stops the pool; a worker dying of it would look like a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker keeps the pool's pipes open itself, so it would outlive a killed parent: watch it.
    # The parent's pid comes from the parent: a worker that starts after the parent was killed would
    # otherwise take its new parent (init) for the one to watch, and never exit.
    threading.Thread(target=_exit_with_parent, args=(parent or os.getppid(), os.getppid()), daemon=True).start()


def _exit_with_parent(parent: int, first_parent: int) -> None:
    """Exit once this worker is handed to another parent (its own was killed) or the pool's maker is gone."""
    while os.getppid() == first_parent and _alive(parent):
        time.sleep(1.0)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's: not ours, but not gone
        return True
    return True


def _on_alarm(signum: int, frame: object) -> None:
    raise Timeout("the file took longer than the per-file timeout")


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`Timeout` in the code of the block after ``seconds`` (POSIX main thread only)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _finish(record: Record, options: Options) -> Done:
    line, directive_json = json_parts(record)
    rows = document_rows(record.to_dict(), directive_json) if options.rows else None
    return Done(record.path, record.status, record.error_type, line, rows, reason=record.reason)


def work(tasks: list[Task], options: Options) -> list[Done]:
    """Parse a chunk of files (in a worker process): one :class:`Done` per task, in order."""
    root = Path(options.root)
    out = []
    for task in tasks:
        if task.skip is not None:
            out.append(_finish(skipped_file(task.path, task.skip), options))
            continue
        kept = task.kept
        if kept is not None and kept.sha256 is not None and _unchanged(root / task.path, kept.sha256):
            out.append(Done(task.path, kept.status or "ok", kept.error_type, None, None, unchanged=True))
            continue
        started = time.perf_counter()
        try:
            with _deadline(options.timeout):
                record = parse_file(
                    root / task.path, root=root, encoding=options.encoding, ocr=options.ocr, password=options.password, limits=options.limits
                )
        except Timeout as exc:  # the alarm rang outside parse_file's own try
            record = Record(task.path, None, "error", "Timeout", str(exc), elapsed=time.perf_counter() - started, options=options.reading())
        if record.error_type == "Timeout":
            record.error_message = f"parsing took longer than the per-file timeout ({options.timeout:g} s)"
        out.append(_finish(record, options))
    return out


def _unchanged(path: Path, expected: str) -> bool:
    try:
        return file_sha256(path) == expected
    except OSError:
        return False


def failure(task: Task, options: Options, error_type: str, message: str) -> Done:
    """An error record made by the parent for a file whose worker died or hung."""
    try:
        sha = file_sha256(Path(options.root) / task.path)
    except OSError:
        sha = None
    return _finish(Record(task.path, sha, "error", error_type, message, options=options.reading()), options)
