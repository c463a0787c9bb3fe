"""Identifiers as both exports write them: a document id split into number and notation, the form of an agency's organ id (data/nd30.json)."""

from __future__ import annotations

import re
from typing import Any

from ..core import codes

__all__ = ["nd30_choice", "nd30_table", "organ_id_problem", "split_id"]

_ID_HEAD = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[-/]\s*(.*)$", re.DOTALL)
_YEAR_HEAD = re.compile(r"^((?:19|20)\d\d)/(.+)$")


def nd30_table() -> dict[str, Any]:
    """The table ``data/nd30.json`` (loaded once)."""
    return codes.load("nd30")


def nd30_choice(name: str) -> Any:
    """The value of one choice the decree leaves open (``choices.<name>.value`` of ``data/nd30.json``)."""
    return nd30_table()["choices"][name]["value"]


def split_id(doc_id: str | None, number: str | None = None, system: str | None = None, year_in_id: str | None = None) -> tuple[str, str]:
    """Number and notation (số, ký hiệu) of an id: '334-CV/HU' → ('334', 'CV/HU'), '15/QĐ-BNV' → ('15', 'QĐ-BNV').

    A year ('30/2020/NĐ-CP') goes where ``choices.year_in_id`` says: 'notation' ('2020/NĐ-CP'),
    'drop' ('NĐ-CP') or 'number' ('30/2020').
    """
    if not doc_id:
        return number or "", ""
    if number and doc_id.startswith(number) and doc_id[len(number) : len(number) + 1] in ("-", "/"):
        num, notation = number, doc_id[len(number) + 1 :]
    else:
        m = _ID_HEAD.match(doc_id)
        if not m:
            return number or "", doc_id
        num, notation = m.group(1), m.group(2)
    year = _YEAR_HEAD.match(notation)
    if year and system != "party":
        mode = year_in_id or nd30_choice("year_in_id")
        if mode == "drop":
            notation = year.group(2)
        elif mode == "number":
            num, notation = f"{num}/{year.group(1)}", year.group(2)
    return num, notation


def organ_id_problem(value: str | None) -> str | None:
    """Why an agency identifier (mã định danh cơ quan) does not look like one, or None when it matches ``codes.organ_id``.

    The code's structure is unverified (archive-metadata §4.1): callers warn, never refuse.
    """
    if not value:
        return None
    spec = nd30_table()["codes"]["organ_id"]
    if re.fullmatch(spec["pattern"], value):
        return None
    forms = " or ".join(f"'{f}'" for f in spec["forms"])
    return f"{value!r} is not in a known form of the mã định danh cơ quan ({forms}); check it (the structure of the code is not verified, so it is kept)"
