"""Records as JSON Lines: :func:`read_jsonl`, and the output file a run appends to, resumes from and rewrites in sorted order."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .record import DIRECTIVE_KEY, STATUSES, Record, Seen, options_key


def read_jsonl(path: str | Path) -> Iterator[Record]:
    """The records of a batch JSONL file, one at a time (a torn last line is skipped)."""
    with open(path, "rb") as f:
        for line in f:
            if line.endswith(b"\n"):
                yield Record.from_dict(json.loads(line))


def head(line: bytes) -> dict[str, Any] | None:
    """The small fields of a JSONL record, without parsing its directive; None for a line that is not one."""
    i = line.find(DIRECTIVE_KEY.encode())
    try:
        data = json.loads(line[:i] + b"}") if i > 0 else json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("path"), str) or data.get("status") not in STATUSES:
        return None
    return data


def seen_of(fields: dict[str, Any]) -> Seen:
    """What a record's small fields tell a later run (:class:`~vndirective.bulk.record.Seen`)."""
    return Seen(fields.get("sha256"), fields.get("version"), fields.get("error_type"), fields.get("status"), options_key(fields.get("options")))


class JsonlOutput:
    """The JSONL output of a run: appended to during the run, rewritten in sorted order at the end when needed."""

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
        """Index the records an earlier run wrote, and cut off what an interruption left torn or damaged."""
        offset = 0
        last: tuple[int, bytes, str] | None = None
        with open(self.path, "rb") as f:
            for line in f:
                if not line.endswith(b"\n"):
                    break  # torn by an interruption: cut below
                fields = head(line)
                if fields is None:
                    self.clean = False
                else:
                    self.index[fields["path"]] = (offset, len(line))
                    self.seen[fields["path"]] = seen_of(fields)
                    self.order.append(fields["path"])
                    last = (offset, line, fields["path"])
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
