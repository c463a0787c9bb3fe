"""The archivist's settings of a hồ sơ and the Thông tư 05 code lists: shared by the Nghị định 30 file record and the TT 05 package."""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..core import codes
from .identifiers import nd30_table

__all__ = ["ArchiveSettings", "code_words", "normalize_code", "required_settings", "settings_problems", "tt05"]

# The shapes of settings values that no code list gives. A retention may be a period in words ('15 năm': code 07
# Khác, written in words by the Nghị định 30 record); a year is the hồ sơ's (FileCode.FileCatalog); a date is written
# DD/MM/YYYY with two-digit day and month (TT 05's date_format), and must exist.
PERIOD = re.compile(r"\d+\s*năm", re.IGNORECASE)
YEAR = re.compile(r"(?:19|20)\d\d")
DATE_SHAPE = re.compile(r"\d{2}/\d{2}/\d{4}")


def tt05() -> dict[str, Any]:
    """The table ``data/tt05.json`` (loaded once)."""
    return codes.load("tt05")


def required_settings(package: str = "SIP") -> dict[str, str]:
    """The settings a package cannot do without, with the command-line option of each."""
    required: dict[str, str] = tt05()["settings"]["required"][package]
    return required


@dataclass
class ArchiveSettings:
    """The values only the archivist can decide, plus optional defaults for the elements.

    The same settings serve the package and the Nghị định 30 record of the hồ sơ
    (:func:`vndirective.exports.nd30.file_record`). ``documents`` maps a document's file name to
    element values that replace what the parser found (``{"x.md": {"numberOfPage": "2"}}``).
    """

    agency_id: str | None = None
    agency_name: str | None = None
    file_code: str | None = None
    file_title: str | None = None
    retention: str | None = None
    access_mode: str | None = None
    language: str = "vi"
    creator: str | None = None
    description: str | None = None
    keyword: str | None = None
    confidence_level: str | None = None
    risk_recovery: str | None = None
    risk_recovery_status: str | None = None
    info_sign: str | None = None
    physical_state: str | None = None
    paper_file_code: str | None = None
    number_of_paper: str | None = None
    process: str | None = None
    file_year: str | None = None
    file_notation: str | None = None
    archive_code: str | None = None
    catalogue_number: str | None = None
    documents: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArchiveSettings:
        names = {f.name for f in fields(cls)}
        unknown = sorted(k for k in d if k not in names and not k.startswith("_"))
        if unknown:
            raise ValueError(f"unknown archive settings: {', '.join(unknown)} (known: {', '.join(sorted(names))})")
        values: dict[str, Any] = {k: (v if k == "documents" else (None if v is None else str(v))) for k, v in d.items() if k in names}
        return cls(**values)

    @classmethod
    def from_file(cls, path: str | Path) -> ArchiveSettings:
        """Read a JSON settings file, or TOML on Python 3.11+ (``.toml``)."""
        p = Path(path)
        if p.suffix.lower() == ".toml":
            try:
                import tomllib
            except ImportError as exc:  # Python 3.10
                raise ValueError("TOML settings need Python 3.11 or later; write the settings as JSON") from exc
            return cls.from_dict(tomllib.loads(p.read_text("utf-8")))
        return cls.from_dict(json.loads(p.read_text("utf-8")))

    def merged(self, **overrides: str | None) -> ArchiveSettings:
        """A copy with the non-empty ``overrides`` (command-line options) applied."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in overrides.items() if v not in (None, "")})
        return ArchiveSettings(**values)

    def problems(self) -> list[tuple[str, str]]:
        """What is wrong with the values given, as (key, problem) pairs: see :func:`settings_problems`. [] when all is well."""
        return list(settings_problems(self))

    def missing(self, package: str = "SIP") -> list[str]:
        """The required settings of a package that are not given, with their meaning and option."""
        meaning = tt05()["settings"]["meaning"]
        return [f"{k} ({opt}): {meaning[k]}" for k, opt in required_settings(package).items() if not getattr(self, k)]


def normalize_code(kind: str, value: str | None) -> str | None:
    """The code of ``value`` in the code list ``kind`` ('01', '20 năm', 'public' → code), or None if unknown.

    Lists that allow several values (language) take them comma-separated.
    """
    if value is None or str(value).strip() == "":
        return None
    table = tt05()
    known = table["codes"][kind]["values"]
    aliases = table["aliases"].get(kind, {})
    out = []
    for part in str(value).split(","):
        p = part.strip()
        if p in known:
            out.append(p)
        elif p.isdigit() and p.zfill(2) in known:
            out.append(p.zfill(2))
        elif p.casefold() in aliases:
            out.append(aliases[p.casefold()])
        else:
            folded = {v.casefold(): k for k, v in known.items()}
            if p.casefold() not in folded:
                return None
            out.append(folded[p.casefold()])
    return ",".join(out)


def code_words(kind: str, value: str | None) -> str:
    """The words of a TT 05 code ('05' → '20 năm'); a value that is not a code is kept as typed."""
    if not value:
        return ""
    code = normalize_code(kind, value)
    if code is None:
        return value
    names: dict[str, str] = tt05()["codes"][kind]["values"]
    return ", ".join(names[c] for c in code.split(","))


def _setting_elements() -> Iterator[tuple[str, dict[str, Any]]]:
    """(setting name, element) of every TT 05 element a setting gives, file and document level, SIP and AIP."""
    for level in ("file_elements", "doc_elements"):
        for package, elements in tt05()[level].items():
            if not package.startswith("_"):
                for el in elements:
                    if el.get("setting"):
                        yield el["setting"], el


def _document_elements() -> dict[str, dict[str, Any]]:
    """The TT 05 document elements by name (SIP and AIP): what ``documents.<file>.<element>`` may set."""
    out: dict[str, dict[str, Any]] = {}
    for package, elements in tt05()["doc_elements"].items():
        if not package.startswith("_"):
            out.update({el["name"]: el for el in elements})
    return out


def _date_problem(value: str, formats: list[str] | None) -> str | None:
    """Why ``value`` is not a real date DD/MM/YYYY (or one of an element's other ``formats``), or None."""
    if DATE_SHAPE.fullmatch(value):
        try:
            _dt.datetime.strptime(value, tt05()["date_format"])
        except ValueError:
            return f"{value!r} is not a real date"
        return None
    for fmt in formats or []:
        try:
            _dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
        return None
    return f"{value!r} is not a date DD/MM/YYYY"


def _code_problem(kind: str, value: str, exact: bool = False) -> str | None:
    """Why ``value`` is not in the TT 05 code list ``kind`` (``exact``: the code itself, not a word for it), or None."""
    code = normalize_code(kind, value)
    if code is not None and (not exact or code == value):
        return None
    known = ", ".join(f"{k} {v}" for k, v in tt05()["codes"][kind]["values"].items())
    return f"{value!r} is not {'a code' if exact else 'a code or a word'} of the list {kind} ({known})"


def _value_problem(name: str, value: str, el: dict[str, Any], exact: bool) -> str | None:
    """Why a value given for element ``el`` has the wrong shape (date, code, number), or None."""
    if el.get("date"):
        return _date_problem(value, el.get("date_formats"))
    if el.get("codes"):
        if name == "retention" and PERIOD.fullmatch(value.strip()):
            return None
        return _code_problem(el["codes"], value, exact)
    if el.get("number") and not value.isdigit():
        return f"{value!r} is not a whole number"
    return None


def settings_problems(settings: ArchiveSettings) -> Iterator[tuple[str, str]]:
    """What is wrong with archive settings, before anything is written: (key, problem) pairs.

    Checked: the values of code lists (retention, access_mode, language, confidence_level...: a code or a word
    for one; a retention may be a period such as '15 năm'), whole numbers, ``file_year`` (a year), ``file_code``
    (organ id + '.' + year + '.' + the rest), and ``documents``: a table of file names to element values, each a
    TT 05 document element, dates DD/MM/YYYY that exist, codes as codes. ``agency_id`` is not: its structure is
    unverified, and a value of an unknown form is only warned about where it is used.
    """
    seen: set[str] = set()
    for name, el in _setting_elements():
        value = getattr(settings, name, None)
        if name in seen or value in (None, ""):
            continue
        seen.add(name)
        problem = _value_problem(name, str(value), el, exact=False)
        if problem:
            yield name, problem
    if settings.file_year and not YEAR.fullmatch(settings.file_year):
        yield "file_year", f"{settings.file_year!r} is not a year (YYYY)"
    if settings.file_code and not re.fullmatch(nd30_table()["codes"]["file_code"]["pattern"], settings.file_code):
        yield "file_code", f"{settings.file_code!r} is not organ id + '.' + year + '.' + file number and notation (H49.64.33.2024.01.VP)"
    yield from _documents_problems(settings.documents)


def _documents_problems(documents: Any) -> Iterator[tuple[str, str]]:
    """The problems of the ``documents`` setting: file name → {TT 05 document element: value}."""
    if not isinstance(documents, Mapping):
        yield "documents", 'must be a table of file names, each with element values that replace the parser\'s ({"a.md": {"issuedDate": "05/01/2024"}})'
        return
    elements = _document_elements()
    for name, given in documents.items():
        if not isinstance(given, Mapping):
            yield f"documents.{name}", "must be a table of element values ({\"numberOfPage\": \"2\"})"
            continue
        for element, value in given.items():
            key = f"documents.{name}.{element}"
            if element not in elements:
                yield key, f"not an element of a document (EAD_doc); known: {', '.join(sorted(elements))}"
                continue
            problem = _value_problem(element, str(value), elements[element], exact=True)
            if problem:
                yield key, problem
