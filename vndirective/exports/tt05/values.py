"""The TT 05 element values of a hồ sơ and its documents (codes, notation, dates, arcFileCode) and the check of one simpledc record."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

from ...core.model import Directive
from ..identifiers import split_id
from ..settings import ArchiveSettings, normalize_code, tt05

TZ = _dt.timezone(_dt.timedelta(hours=7))


def now() -> str:
    """The time now in Vietnam, ISO 8601 to the second."""
    return _dt.datetime.now(TZ).isoformat(timespec="seconds")


def format_date(day: _dt.date | None) -> str:
    """A date as TT 05 writes it (``date_format``: DD/MM/YYYY); '' for no date."""
    return day.strftime(tt05()["date_format"]) if day else ""


def is_date(v: str, formats: Iterable[str] | None = None) -> bool:
    """Whether ``v`` is a date in one of ``formats`` (default: TT 05's)."""
    for fmt in formats or [tt05()["date_format"]]:
        try:
            _dt.datetime.strptime(v, fmt)
        except ValueError:
            continue
        return True
    return False


def typename_code(doc_type: str | None) -> str:
    """TT 05 typeName code of a vndirective ``doc_type`` (32 Khác when not in the list).

    Not :func:`vndirective.core.codes.type_code`, which reads a type token of a number ('QĐ') as a ``doc_type``.
    """
    m = tt05()["type_map"]
    return str(m["map"].get(doc_type or "", m["other"]))


def notation(d: Directive) -> str:
    """Ký hiệu: ``doc_id`` without the number and without a year group."""
    return split_id(d.doc_id, d.number, d.system, year_in_id="drop")[1]


def arc_file_code(s: ArchiveSettings) -> str:
    """AIP arcFileCode: the archive's code + '.' + the file code (+ '.' + Mục lục số); '' until both codes are given."""
    if not (s.archive_code and s.file_code):
        return ""
    return ".".join(x for x in (s.archive_code, s.file_code, s.catalogue_number) if x)


def elements_of(level: str, package: str) -> list[dict[str, Any]]:
    """The elements of ``level`` ('file_elements', 'doc_elements') for a package, in table order (the SIP's when the package has none)."""
    table = tt05()[level]
    return list(table.get(package, table["SIP"]))


def check_record(values: dict[str, str], elements: list[dict[str, Any]], where: str) -> list[str]:
    """Problems of one simpledc record: required values, code lists, dates, numbers, lengths."""
    out: list[str] = []
    for el in elements:
        name, v = el["name"], values.get(el["name"], "")
        label = f"{where}: {name} ({el['vi']})"
        if not v:
            if el["required"] and not el.get("empty_ok"):
                out.append(f"{label} is empty")
            continue
        if el.get("codes") and normalize_code(el["codes"], v) != v:
            out.append(f"{label}: {v!r} is not a code of the list {el['codes']}")
        if el.get("date") and not is_date(v, el.get("date_formats")):
            out.append(f"{label}: {v!r} is not a date DD/MM/YYYY")
        if el.get("number") and not v.isdigit():
            out.append(f"{label}: {v!r} is not a number")
        if el.get("max") and len(v) > el["max"]:
            out.append(f"{label}: {len(v)} characters, more than {el['max']}")
    if values.get("riskRecovery") == "1" and not values.get("riskRecoveryStatus"):
        out.append(f"{where}: riskRecoveryStatus is required when riskRecovery = 1")
    return out


def _setting_value(el: dict[str, Any], s: ArchiveSettings) -> str:
    raw = getattr(s, el["setting"]) if el.get("setting") else None
    if raw in (None, ""):
        return str(el.get("default", ""))
    return normalize_code(el["codes"], raw) or str(raw) if el.get("codes") else str(raw)


def _confidence(s: ArchiveSettings) -> str:
    return normalize_code("confidenceLevel", s.confidence_level) or s.confidence_level or "01"


def doc_values(d: Directive, ordinal: int, name: str, s: ArchiveSettings, elements: list[dict[str, Any]], package: str = "SIP") -> dict[str, str]:
    """The EAD_doc values of one document (the SIP or the AIP element set, as ``elements`` lists)."""
    pages = d.page_count
    arc = arc_file_code(s)
    code_base = arc if package == "AIP" else (s.file_code or "")
    computed = {
        "docId": f"{s.file_code}.{ordinal}" if s.file_code else "",
        "docCode": f"{code_base}.{ordinal:07d}" if code_base else "",
        "arcFileCode": arc,
        "docOrdinal": str(ordinal),
        "typeName": typename_code(d.doc_type) if d.doc_type else "",
        "codeNumber": d.number or "",
        "codeNotation": notation(d),
        "issuedDate": format_date(d.date),
        "organName": d.issuer or "",
        "subject": d.subject or "",
        "numberOfPage": "" if pages is None else str(pages),
        "confidenceLevel": _confidence(s),
    }
    values = {el["name"]: computed[el["name"]] if el["name"] in computed else _setting_value(el, s) for el in elements}
    values.update({k: str(v) for k, v in s.documents.get(name, {}).items()})
    return values


def _languages(docs: list[dict[str, str]]) -> list[str]:
    langs: list[str] = []
    for v in docs:
        for code in (v.get("language") or "").split(","):
            if code and code not in langs:
                langs.append(code)
    return langs


def file_values(docs: list[dict[str, str]], s: ArchiveSettings, elements: list[dict[str, Any]], package: str = "SIP") -> dict[str, str]:
    """The file-level EAD values: archivist settings plus dates, counts and pages computed from the documents."""
    fmt = tt05()["date_format"]
    dates = sorted(_dt.datetime.strptime(v["issuedDate"], fmt).date() for v in docs if is_date(v.get("issuedDate", "")))
    computed = {
        "arcFileCode": arc_file_code(s),
        "language": ",".join(_languages(docs)) or normalize_code("language", s.language) or "",
        "startDate": format_date(dates[0]) if dates else "",
        "endDate": format_date(dates[-1]) if dates else "",
        "totalDoc": str(len(docs)),
        "numberOfPage": str(sum(int(v["numberOfPage"]) for v in docs if v.get("numberOfPage", "").isdigit())),
        "confidenceLevel": _confidence(s),
        "description": s.description or (f"Người lập hồ sơ: {s.creator}" if s.creator else ""),
    }
    return {el["name"]: computed[el["name"]] if el["name"] in computed else _setting_value(el, s) for el in elements}
