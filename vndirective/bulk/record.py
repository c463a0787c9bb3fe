"""The one record of parsing one file (the document, or the error that stopped it), its JSON line, and parse_file that makes it."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .. import __version__
from ..readers.files import file_sha256

if TYPE_CHECKING:
    from ..core.model import Directive
    from ..readers.ocr import Ocr

# How the directive, the last and largest field of a record's JSON line, begins: the small fields before it read alone.
DIRECTIVE_KEY = ', "directive": '


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
    version: str = __version__  # of the parser that wrote the record
    directive: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_directive(self) -> Directive | None:
        """The parsed document, rebuilt; None for an error record."""
        from ..core.model import Directive

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
        return json_parts(self)[0]


class Seen(NamedTuple):
    """What an earlier run recorded for a path: enough to decide whether to parse it again."""

    sha256: str | None
    version: str | None
    error_type: str | None


def json_parts(record: Record) -> tuple[str, str | None]:
    """The record's JSON line and, separately, the JSON of its directive (reused by the store)."""
    head = record.to_dict()
    del head["directive"]
    directive_json = None if record.directive is None else json.dumps(record.directive, ensure_ascii=False)
    return json.dumps(head, ensure_ascii=False)[:-1] + DIRECTIVE_KEY + (directive_json or "null") + "}", directive_json


def parse_file(path: str | Path, *, root: str | Path | None = None, encoding: str | None = None, ocr: Ocr = "auto") -> Record:
    """Parse one file into a :class:`Record`. Never raises: a failure becomes an error record.

    ``record.path`` is ``path`` relative to ``root`` when given (the key of batch outputs).
    A module-level function of picklable arguments, so multiprocessing and Dask can ship it.
    """
    from ..core.pipeline import parse

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


def _key(path: Path, root: str | Path | None) -> str:
    if root is None:
        return str(path)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
