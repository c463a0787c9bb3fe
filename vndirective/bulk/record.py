"""The one record of one file of a folder (the document, the error that stopped it, or why it was not taken), its JSON line,
and parse_file that makes it."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .. import __version__
from ..readers.files import file_sha256
from .triage import not_document_reason

if TYPE_CHECKING:
    from ..core.model import Directive
    from ..readers.limits import Limits
    from ..readers.ocr import Ocr

# What a record says of its file: parsed into a document, parsed but not an official document (see
# vndirective.bulk.triage), not parsed because of an error, or not read at all (hidden, unsupported...).
Status = Literal["ok", "not_document", "error", "skipped"]
STATUSES: tuple[str, ...] = ("ok", "not_document", "error", "skipped")

# How the directive, the last and largest field of a record's JSON line, begins: the small fields before it read alone.
DIRECTIVE_KEY = ', "directive": '


@dataclass
class Record:
    """The outcome for one file: ``status`` "ok" with ``directive`` (``Directive.to_dict()``); "not_document" with the
    directive and the ``reason`` it is not taken for an official document; "error" with ``error_type`` and
    ``error_message``; or "skipped" (not read: hidden, an unsupported extension...) with the ``reason``.

    ``options`` are the reading options the result was made with (:func:`reading_options`): ``batch --incremental``
    parses a file again when they differ from the run's.
    """

    path: str
    sha256: str | None
    status: Status
    error_type: str | None = None
    error_message: str | None = None
    warnings: int = 0
    elapsed: float = 0.0
    version: str = __version__  # of the parser that wrote the record
    directive: dict[str, Any] | None = None
    reason: str | None = None  # why a file is "not_document" or "skipped"
    options: dict[str, Any] | None = None  # the reading options of the result (None: not read, or an older record)

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
            "reason": self.reason,
            "options": self.options,
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
            d.get("reason"),
            d.get("options"),
        )

    def to_json(self) -> str:
        """One JSON line (no newline), UTF-8 characters unescaped."""
        return json_parts(self)[0]


class Seen(NamedTuple):
    """What an earlier run recorded for a path: enough to decide whether to parse it again, and to count it when kept."""

    sha256: str | None
    version: str | None
    error_type: str | None
    status: str | None = None
    options: str | None = None  # options_key() of the record's reading options


def reading_options(encoding: str | None = None, ocr: Ocr = "auto", password: str | None = None, limits: Limits | None = None) -> dict[str, Any]:
    """The reading options a result is made with, as its record keeps them: whether scans are OCR'd (``"auto"``
    resolved on this machine: Tesseract installed, ``VNDIRECTIVE_OCR``), whether a password was given (never the
    password itself), the encoding asked for, and the limits raised or lowered from their defaults."""
    from dataclasses import asdict

    from ..readers.limits import DEFAULT
    from ..readers.ocr import wanted

    changed = {} if limits is None else {k: v for k, v in asdict(limits).items() if v != getattr(DEFAULT, k)}
    return {"ocr": wanted(ocr), "password": password is not None, "encoding": encoding, "limits": changed}


def options_key(options: dict[str, Any] | None) -> str | None:
    """A record's reading options as one canonical string, to compare runs (and the store's ``options`` column)."""
    return None if options is None else json.dumps(options, sort_keys=True, ensure_ascii=False)


def json_parts(record: Record) -> tuple[str, str | None]:
    """The record's JSON line and, separately, the JSON of its directive (reused by the store)."""
    head = record.to_dict()
    del head["directive"]
    directive_json = None if record.directive is None else json.dumps(record.directive, ensure_ascii=False)
    return json.dumps(head, ensure_ascii=False)[:-1] + DIRECTIVE_KEY + (directive_json or "null") + "}", directive_json


def parse_file(
    path: str | Path,
    *,
    root: str | Path | None = None,
    encoding: str | None = None,
    ocr: Ocr = "auto",
    password: str | None = None,
    limits: Limits | None = None,
) -> Record:
    """Parse one file into a :class:`Record`. Never raises: a failure becomes an error record, a text without the
    header of an official document (:func:`vndirective.bulk.triage.not_document_reason`) a "not_document" record.

    ``record.path`` is ``path`` relative to ``root`` when given (the key of batch outputs); ``record.options`` the
    reading options. A module-level function of picklable arguments, so multiprocessing and Dask can ship it.
    """
    from ..core.pipeline import parse

    p = Path(path)
    started = time.perf_counter()
    options = reading_options(encoding, ocr, password, limits)
    sha = None
    try:
        sha = file_sha256(p)
        d = parse(p, encoding=encoding, ocr=ocr, password=password, limits=limits)
        data = d.to_dict()
    except Exception as exc:  # every failure becomes a record: one bad file never stops a batch
        message = str(exc) or repr(exc)
        return Record(_key(p, root), sha, "error", type(exc).__name__, message, elapsed=time.perf_counter() - started, options=options)
    reason = not_document_reason(d)
    status: Status = "ok" if reason is None else "not_document"
    elapsed = time.perf_counter() - started
    return Record(_key(p, root), sha, status, warnings=len(d.warnings), elapsed=elapsed, directive=data, reason=reason, options=options)


def skipped_file(path: str, reason: str) -> Record:
    """The record of a file of the folder that is not read, with the reason."""
    return Record(path, None, "skipped", reason=reason)


def _key(path: Path, root: str | Path | None) -> str:
    if root is None:
        return str(path)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
