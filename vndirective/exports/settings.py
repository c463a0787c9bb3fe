"""The archivist's settings of a hồ sơ and the Thông tư 05 code lists: shared by the Nghị định 30 file record and the TT 05 package."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..core import codes

__all__ = ["ArchiveSettings", "code_words", "normalize_code", "required_settings", "tt05"]


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
