"""Batch parsing: every supported file of a folder, in parallel, into JSON Lines and/or a :class:`~vndirective.store.Store`.

Guarantees of :func:`run_batch`:

* every file found by :func:`iter_files` gets exactly one record, in sorted path order: the
  parsed ``Directive.to_dict()``, or an error record with the error type and message. One bad
  file never stops the run, not even one that kills its worker process (``WorkerCrash``) or
  hangs (``Timeout``);
* the JSONL file is flushed and fsync'ed every few seconds, the store committed as often. An
  interrupted run (Ctrl-C, kill, power loss) is resumed by running the same command again: the
  records already written are kept (a torn last line is cut off), the rest are parsed, and the
  file is rewritten in sorted order at the end, without duplicates;
* ``incremental=True`` reuses the records of files whose content hash (and parser version) is
  unchanged, and drops those of files that are gone;
* memory stays flat: documents stream from a bounded number of in-flight chunks to the sinks.

:func:`parse_file` is the one worker function, shared with :mod:`vndirective.dask`: it never raises.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple

from .errors import VndirectiveError

if TYPE_CHECKING:
    from .model import Directive
    from .store import DocumentRows, Seen, Store

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
# Errors that may not happen again (a crash of the process, a busy machine): retried by --incremental.
TRANSIENT_ERRORS = frozenset({"WorkerCrash", "Timeout"})
_DIRECTIVE_KEY = ', "directive": '
_GRACE = 30.0  # seconds a worker gets beyond the per-file timeout before it is killed


class BatchError(VndirectiveError):
    """A batch cannot start: the folder is missing, or another run is writing the same output."""


class Timeout(Exception):
    """A file took longer than the batch's per-file timeout."""


# ---------------------------------------------------------------------- files


def iter_files(root: str | Path, *, exclude: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Supported files under ``root`` (recursive), sorted by their path relative to ``root``.

    Hidden files and folders (a name starting with '.'), Office lock files ('~$...') and the
    paths in ``exclude`` (our own outputs) are skipped; symbolic links to folders are not followed.
    """
    base = Path(root)
    for rel in _relative_files(base, exclude):
        yield base / rel


def _relative_files(root: Path, exclude: Iterable[str | Path] = ()) -> list[str]:
    skip = {os.path.realpath(p) for p in exclude}
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith((".", "~$")) or not name.lower().endswith(SUFFIXES):
                continue
            full = os.path.join(folder, name)
            if os.path.isfile(full) and os.path.realpath(full) not in skip:
                found.append(Path(full).relative_to(root).as_posix())
    return sorted(found)


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------------- records


def _version() -> str:
    from . import __version__

    return __version__


@dataclass
class Record:
    """The outcome of parsing one file: ``status`` "ok" with ``directive`` (``Directive.to_dict()``), or "error"."""

    path: str
    sha256: str | None
    status: Literal["ok", "error"]
    error_type: str | None = None
    error_message: str | None = None
    warnings: int = 0
    elapsed: float = 0.0
    version: str = field(default_factory=_version)
    directive: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_directive(self) -> Directive | None:
        """The parsed document, rebuilt; None for an error record."""
        from .model import Directive

        return Directive.from_dict(self.directive) if self.directive is not None else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; the directive last, so the small fields can be read without parsing it."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "status": self.status,
            "error_type": self.error_type,
            "error_message": self.error_message,
            "warnings": self.warnings,
            "elapsed": self.elapsed,
            "version": self.version,
            "directive": self.directive,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        return cls(
            d["path"],
            d.get("sha256"),
            d["status"],
            d.get("error_type"),
            d.get("error_message"),
            int(d.get("warnings") or 0),
            float(d.get("elapsed") or 0.0),
            d.get("version") or "",
            d.get("directive"),
        )

    def to_json(self) -> str:
        """One JSON line (no newline), UTF-8 characters unescaped."""
        return _json_parts(self)[0]


def _json_parts(record: Record) -> tuple[str, str | None]:
    """The record's JSON line and, separately, the JSON of its directive (reused by the store)."""
    head = record.to_dict()
    del head["directive"]
    directive_json = None if record.directive is None else json.dumps(record.directive, ensure_ascii=False)
    return json.dumps(head, ensure_ascii=False)[:-1] + _DIRECTIVE_KEY + (directive_json or "null") + "}", directive_json


def _key(path: Path, root: str | Path | None) -> str:
    if root is None:
        return str(path)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def parse_file(path: str | Path, *, root: str | Path | None = None, encoding: str | None = None, ocr: bool = False) -> Record:
    """Parse one file into a :class:`Record`. Never raises: a failure becomes an error record.

    ``record.path`` is ``path`` relative to ``root`` when given (the key of batch outputs).
    A module-level function of picklable arguments, so multiprocessing and Dask can ship it.
    """
    from .pipeline import parse

    p = Path(path)
    started = time.perf_counter()
    sha = None
    try:
        sha = file_sha256(p)
        d = parse(p, encoding=encoding, ocr=ocr)
        data = d.to_dict()
    except Exception as exc:  # every failure becomes a record: one bad file never stops a batch
        return Record(_key(p, root), sha, "error", type(exc).__name__, str(exc) or repr(exc), elapsed=time.perf_counter() - started)
    return Record(_key(p, root), sha, "ok", warnings=len(d.warnings), elapsed=time.perf_counter() - started, directive=data)


def read_jsonl(path: str | Path) -> Iterator[Record]:
    """The records of a batch JSONL file, one at a time (a torn last line is skipped)."""
    with open(path, "rb") as f:
        for line in f:
            if line.endswith(b"\n"):
                yield Record.from_dict(json.loads(line))


# ---------------------------------------------------------------------- the worker side


class _Task(NamedTuple):
    path: str  # relative to the root
    expected: str | None  # the hash of the record kept from an earlier run, or None


class _Done(NamedTuple):
    path: str
    status: str  # "ok", "error" or "skipped" (unchanged since the kept record)
    error_type: str | None
    line: str | None
    rows: DocumentRows | None


@dataclass(frozen=True)
class _Options:
    root: str
    encoding: str | None = None
    ocr: bool = False
    timeout: float | None = None
    rows: bool = False  # also build the store's rows (in the worker, where the cores are)


def _init_worker() -> None:
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


def _finish(record: Record, options: _Options) -> _Done:
    line, directive_json = _json_parts(record)
    rows = None
    if options.rows:
        from .store import document_rows

        rows = document_rows(record.to_dict(), directive_json)
    return _Done(record.path, record.status, record.error_type, line, rows)


def _work(tasks: list[_Task], options: _Options) -> list[_Done]:
    """Parse a chunk of files (in a worker process): one :class:`_Done` per task, in order."""
    root = Path(options.root)
    out = []
    for task in tasks:
        path = root / task.path
        if task.expected is not None:
            try:
                unchanged = file_sha256(path) == task.expected
            except OSError:
                unchanged = False
            if unchanged:
                out.append(_Done(task.path, "skipped", None, None, None))
                continue
        started = time.perf_counter()
        try:
            with _deadline(options.timeout):
                record = parse_file(path, root=root, encoding=options.encoding, ocr=options.ocr)
        except Timeout as exc:  # the alarm rang outside parse_file's own try
            record = Record(task.path, None, "error", "Timeout", str(exc), elapsed=time.perf_counter() - started)
        if record.error_type == "Timeout":
            record.error_message = f"parsing took longer than the per-file timeout ({options.timeout:g} s)"
        out.append(_finish(record, options))
    return out


def _failure(task: _Task, options: _Options, error_type: str, message: str) -> _Done:
    """An error record made by the parent for a file whose worker died or hung."""
    try:
        sha = file_sha256(Path(options.root) / task.path)
    except OSError:
        sha = None
    return _finish(Record(task.path, sha, "error", error_type, message), options)


# ---------------------------------------------------------------------- the parent side: the pool


class _Pool:
    """A ProcessPoolExecutor that can be killed (a hung or crashed worker) and replaced."""

    def __init__(self, jobs: int, context: Any) -> None:
        self.executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        return self.executor.submit(fn, *args)

    def kill(self) -> None:
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        for p in processes:
            if p.is_alive():
                p.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            p.join(5)

    def close(self) -> None:
        self.executor.shutdown(wait=True)


def _limit(timeout: float | None, n: int) -> float | None:
    """How long the parent waits for a chunk before it calls the worker hung."""
    return None if not timeout else timeout * n + _GRACE


def _crash_message() -> str:
    return "the process parsing this file died (a crash in a native library, or out of memory); the other files were not affected"


def _isolate(chunk: list[_Task], options: _Options, context: Any) -> Iterator[_Done]:
    """Re-run the files of a chunk that was in a broken pool one at a time, each alone in a worker, to find the culprit."""
    pool: _Pool | None = None
    try:
        for task in chunk:
            pool = pool or _Pool(1, context)
            future = pool.submit(_work, [task], options)
            try:
                yield future.result(timeout=_limit(options.timeout, 1))[0]
                continue
            except BrokenProcessPool:
                done = _failure(task, options, "WorkerCrash", _crash_message())
            except FutureTimeout:
                done = _failure(task, options, "Timeout", f"parsing took longer than the per-file timeout ({options.timeout:g} s); the worker was stopped")
            except Exception as exc:  # a failure of the machinery (pickling...), not of the parser
                done = _failure(task, options, type(exc).__name__, str(exc))
            pool.kill()
            pool = None
            yield done
    finally:
        if pool is not None:
            pool.kill()


def _in_order(chunks: Iterator[list[_Task]], options: _Options, jobs: int, context: Any) -> Generator[list[_Done], None, None]:
    """Results of the chunks in submission order, at most ``3 * jobs`` chunks in flight (flat memory).

    When the pool breaks (a worker died) or a chunk hangs, the pool is replaced and the chunks
    that were in flight are re-run file by file in isolation, so only the culprit becomes an error.
    """
    pool = _Pool(jobs, context)
    window: deque[tuple[list[_Task], Future[list[_Done]]]] = deque()
    clean = False
    try:
        while True:
            while len(window) < 3 * jobs and (chunk := next(chunks, None)) is not None:
                window.append((chunk, pool.submit(_work, chunk, options)))
            if not window:
                clean = True
                return
            chunk, future = window[0]
            try:
                result = future.result(timeout=_limit(options.timeout, len(chunk)))
            except Exception:  # BrokenProcessPool (a worker died), FutureTimeout (hung), or the machinery failed
                pool.kill()
                pending = list(window)
                window.clear()
                for c, f in pending:
                    finished = f.done() and not f.cancelled() and f.exception() is None
                    yield f.result() if finished else list(_isolate(c, options, context))
                pool = _Pool(jobs, context)
                continue
            window.popleft()
            yield result
    finally:
        pool.close() if clean else pool.kill()


def _inline(chunks: Iterator[list[_Task]], options: _Options) -> Generator[list[_Done], None, None]:
    """jobs=0: parse in this process (for debuggers and profilers; no protection against crashes)."""
    for chunk in chunks:
        yield _work(chunk, options)


def _chunks(tasks: Iterator[_Task], size: int) -> Iterator[list[_Task]]:
    while chunk := list(islice(tasks, size)):
        yield chunk


# ---------------------------------------------------------------------- the parent side: the outputs


def _head(line: bytes) -> dict[str, Any] | None:
    """The small fields of a JSONL record, without parsing its directive; None for a line that is not one."""
    i = line.find(_DIRECTIVE_KEY.encode())
    try:
        data = json.loads(line[:i] + b"}") if i > 0 else json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("path"), str) or data.get("status") not in ("ok", "error"):
        return None
    return data


class _Jsonl:
    """The JSONL output: appended to during the run, rewritten in sorted order at the end when needed."""

    def __init__(self, path: Path, reuse: bool) -> None:
        self.path = path
        self.index: dict[str, tuple[int, int]] = {}  # path → (offset, length) of its latest line
        self.seen: dict[str, Seen] = {}
        self.order: list[str] = []  # the path of every line of the file, in file order
        self.clean = True  # False when the file holds lines that are not records
        self.kept = 0
        # A fresh file is written in order from the start: no index, no rewrite (memory stays flat).
        self.tracked = reuse
        if reuse and path.is_file():
            self._scan()
            self.kept = len(self.index)
            self.file: IO[bytes] = open(path, "ab")  # noqa: SIM115 - closed in close()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.file = open(path, "wb")  # noqa: SIM115
        self.offset = self.file.tell()

    def _scan(self) -> None:
        from .store import Seen

        offset = 0
        last: tuple[int, bytes, str] | None = None
        with open(self.path, "rb") as f:
            for line in f:
                if not line.endswith(b"\n"):
                    break  # torn by an interruption: cut below
                head = _head(line)
                if head is None:
                    self.clean = False
                else:
                    self.index[head["path"]] = (offset, len(line))
                    self.seen[head["path"]] = Seen(head.get("sha256"), head.get("version"), head.get("error_type"))
                    self.order.append(head["path"])
                    last = (offset, line, head["path"])
                offset += len(line)
        if last is not None and offset == last[0] + len(last[1]):
            try:
                json.loads(last[1])  # the last line in full: the one most likely to be damaged
            except ValueError:
                offset = last[0]
                self.index.pop(last[2], None)
                self.seen.pop(last[2], None)
                self.order.pop()
        if offset != self.path.stat().st_size:
            with open(self.path, "r+b") as f:
                f.truncate(offset)

    def write(self, path: str, line: str) -> None:
        data = (line + "\n").encode("utf-8")
        self.file.write(data)
        if self.tracked:
            self.index[path] = (self.offset, len(data))
            self.order.append(path)
        self.offset += len(data)

    def sync(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())

    def finish(self, files: list[str]) -> None:
        """Make the file hold exactly one line per file, in ``files`` order (a no-op after a plain run)."""
        self.sync()
        if not self.tracked or (self.clean and self.order == files):
            return
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        with open(self.path, "rb") as src, open(tmp, "wb") as dst:
            for p in files:
                offset, length = self.index[p]
                src.seek(offset)
                dst.write(src.read(length))
            dst.flush()
            os.fsync(dst.fileno())
        self.file.close()
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)
        self.file = open(self.path, "ab")  # noqa: SIM115
        self.order = list(files)

    def close(self) -> None:
        try:
            self.sync()
        finally:
            self.file.close()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
        self.file.write(json.dumps({"root": self.root, "pid": os.getpid(), "started": time.time(), "version": _version()}))
        self.file.flush()

    def release(self, done: bool) -> None:
        if done:
            self.path.unlink(missing_ok=True)
        self.file.close()


# ---------------------------------------------------------------------- progress


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


# ---------------------------------------------------------------------- the run


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


def _cores() -> int:
    """The cores this process may run on (its affinity), else the machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def _expected(path: str, sinks: list[dict[str, Seen]], version: str) -> str | None:
    """The hash a file must still have for its earlier record to be kept (in every output), or None."""
    states = [s.get(path) for s in sinks]
    if not states or any(s is None for s in states):
        return None
    first = states[0]
    assert first is not None
    if first.version != version or first.error_type in TRANSIENT_ERRORS or first.sha256 is None or any(s != first for s in states[1:]):
        return None
    return first.sha256


class _Sinks:
    """The outputs of a run, JSONL and/or store, written and synced together."""

    def __init__(self, out: Path | None, db: Path | None, reuse: bool) -> None:
        self.jsonl: _Jsonl | None = None
        self.store: Store | None = None
        self.seen: list[dict[str, Seen]] = []  # per output: what earlier runs recorded (when reused)
        self.kept = 0
        self.last_sync = time.monotonic()
        try:
            if out is not None:
                self.jsonl = _Jsonl(out, reuse)
                self.seen.append(self.jsonl.seen)
                self.kept = self.jsonl.kept
            if db is not None:
                from .store import Store

                self.store = Store(db)
                if reuse:
                    self.seen.append(self.store.seen())
                    self.kept = self.kept or len(self.seen[-1])
                else:
                    self.store.clear()
                    self.store.commit()
        except BaseException:
            self.close()
            raise

    def write(self, done: _Done) -> None:
        if self.jsonl is not None and done.line is not None:
            self.jsonl.write(done.path, done.line)
        if self.store is not None and done.rows is not None:
            self.store.add_rows(done.rows)

    def sync(self, every: float = 0.0) -> None:
        """Make what was written durable, at most every ``every`` seconds."""
        if time.monotonic() - self.last_sync < every:
            return
        if self.jsonl is not None:
            self.jsonl.sync()
        if self.store is not None:
            self.store.commit()
        self.last_sync = time.monotonic()

    def finish(self, files: list[str]) -> None:
        """One record per file, in order, and none for files that are gone."""
        if self.jsonl is not None:
            self.jsonl.finish(files)
        if self.store is not None:
            self.store.prune(files)

    def close(self) -> None:
        try:
            if self.jsonl is not None:
                self.jsonl.close()
        finally:
            if self.store is not None:
                self.store.commit()
                self.store.close()


def run_batch(
    root: str | Path,
    out: str | Path | None = None,
    db: str | Path | None = None,
    *,
    jobs: int | None = None,
    incremental: bool = False,
    progress: bool = True,
    timeout: float | None = 600.0,
    ocr: bool = False,
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
        raise BatchError(f"{base}: not a folder. `batch` reads every supported file ({', '.join(SUFFIXES)}) under a folder.")
    out_path, db_path = (Path(p) if p is not None else None for p in (out, db))
    outputs = [p for p in (out_path, db_path) if p is not None]
    files = _relative_files(base, [q for p in outputs for q in (p, f"{p}.batch", f"{p}-wal", f"{p}-shm", f"{p}-journal")])
    jobs = _cores() if jobs is None else max(0, jobs)
    summary = BatchSummary(str(base), len(files), jobs=jobs, out=str(out_path) if out_path else None, db=str(db_path) if db_path else None)
    marker = _Marker(outputs[0], base) if outputs else None
    summary.resumed = bool(marker and marker.resuming)
    complete = False
    errors: Counter[str] = Counter()
    try:
        sinks = _Sinks(out_path, db_path, reuse=incremental or summary.resumed)
        try:
            summary.kept = sinks.kept
            options = _Options(str(base), encoding, ocr, timeout, rows=sinks.store is not None)
            version = _version()
            tasks = (_Task(p, _expected(p, sinks.seen, version)) for p in files)
            chunks = _chunks(tasks, chunksize or max(1, min(16, len(files) // (max(jobs, 1) * 8))))
            results = _in_order(chunks, options, jobs, _context(mp_context)) if jobs else _inline(chunks, options)
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


def _context(method: str | None) -> Any:
    import multiprocessing

    return multiprocessing.get_context(method)


def _count(chunk: list[_Done], summary: BatchSummary, errors: Counter[str]) -> int:
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
