"""The outputs of a run, JSONL and/or store, written and synced together, and which earlier records a run keeps."""

from __future__ import annotations

import time
from pathlib import Path

from .jsonl import JsonlOutput
from .record import Seen
from .store import Store
from .worker import Done

# Errors that may not happen again (a crash of the process, a busy machine): always retried, even with keep_errors.
TRANSIENT_ERRORS = frozenset({"WorkerCrash", "Timeout"})


def kept_record(path: str, sinks: list[dict[str, Seen]], version: str, options: str | None, *, retry_errors: bool = True) -> Seen | None:
    """The earlier record of a file to keep if its content is unchanged, or None to parse it again.

    A record is kept only when every output holds the same one, made by this parser ``version`` with the same reading
    ``options`` (:func:`~vndirective.bulk.record.options_key`: a result made without OCR is not one made with it),
    and it is not an error to retry: every error when ``retry_errors`` (the default of ``batch --incremental``: the
    cause may be gone), crashes and timeouts always. A skipped entry is never kept: it costs nothing to record again.
    """
    states = [s.get(path) for s in sinks]
    if not states or any(s is None for s in states):
        return None
    first = states[0]
    assert first is not None
    if first.version != version or first.sha256 is None or first.status == "skipped" or any(s != first for s in states[1:]):
        return None
    if first.options != options or _retry(first, retry_errors):
        return None
    return first


def _retry(seen: Seen, retry_errors: bool) -> bool:
    """Whether an earlier record is an error to parse again."""
    error = seen.status == "error" or (seen.status is None and seen.error_type is not None)
    return error and (retry_errors or seen.error_type in TRANSIENT_ERRORS)


class Sinks:
    """The outputs of a run, JSONL and/or store, written and synced together."""

    def __init__(self, out: Path | None, db: Path | None, reuse: bool) -> None:
        self.jsonl: JsonlOutput | None = None
        self.store: Store | None = None
        self.seen: list[dict[str, Seen]] = []  # per output: what earlier runs recorded (when reused)
        self.kept = 0
        self.last_sync = time.monotonic()
        try:
            if out is not None:
                self.jsonl = JsonlOutput(out, reuse)
                self.seen.append(self.jsonl.seen)
                self.kept = self.jsonl.kept
            if db is not None:
                self._open_store(db, reuse)
        except BaseException:
            self.close()
            raise

    def _open_store(self, db: Path, reuse: bool) -> None:
        self.store = Store(db)
        if reuse:
            self.seen.append(self.store.seen())
            self.kept = self.kept or len(self.seen[-1])
        else:
            self.store.clear()
            self.store.commit()

    def write(self, done: Done) -> None:
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
