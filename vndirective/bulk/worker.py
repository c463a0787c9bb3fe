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
from typing import NamedTuple

from ..readers.files import file_sha256
from ..readers.ocr import Ocr
from .record import Record, json_parts, parse_file
from .store import DocumentRows, document_rows


class Timeout(Exception):
    """A file took longer than the batch's per-file timeout."""


class Task(NamedTuple):
    """One file to parse."""

    path: str  # relative to the root
    expected: str | None  # the hash of the record kept from an earlier run, or None


class Done(NamedTuple):
    """The outcome of a task, ready for the outputs: the JSON line and the store's rows."""

    path: str
    status: str  # "ok", "error" or "skipped" (unchanged since the kept record)
    error_type: str | None
    line: str | None
    rows: DocumentRows | None


@dataclass(frozen=True)
class Options:
    """How a run parses, sent to every worker with its chunk."""

    root: str
    grace: float  # seconds a worker gets beyond the per-file timeout before the parent kills it
    encoding: str | None = None
    ocr: Ocr = "auto"
    timeout: float | None = None
    rows: bool = False  # also build the store's rows (in the worker, where the cores are)


def init_worker() -> None:
    """Run first in every worker process."""
    # Ctrl-C is for the parent, which stops the pool; a worker dying of it would look like a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker keeps the pool's pipes open itself, so it would outlive a killed parent: watch it.
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


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
    return Done(record.path, record.status, record.error_type, line, rows)


def work(tasks: list[Task], options: Options) -> list[Done]:
    """Parse a chunk of files (in a worker process): one :class:`Done` per task, in order."""
    root = Path(options.root)
    out = []
    for task in tasks:
        if task.expected is not None and _unchanged(root / task.path, task.expected):
            out.append(Done(task.path, "skipped", None, None, None))
            continue
        started = time.perf_counter()
        try:
            with _deadline(options.timeout):
                record = parse_file(root / task.path, root=root, encoding=options.encoding, ocr=options.ocr)
        except Timeout as exc:  # the alarm rang outside parse_file's own try
            record = Record(task.path, None, "error", "Timeout", str(exc), elapsed=time.perf_counter() - started)
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
    return _finish(Record(task.path, sha, "error", error_type, message), options)
