"""Whether a parsed file is an official document at all: the one test ``batch``, ``graph`` and the store share.

A folder of documents also holds other files a reader can open (a README, notes, a letter). Parsing
never fails on them — :func:`vndirective.parse_text` never raises — so the test is on what the parse
found: the header of an official document prints its number, its issuer, its type and its date
(HD 36-HD/VPTW, Nghị định 30/2020/NĐ-CP). A text in which fewer than :data:`MIN_HEADER_FIELDS` of
these were found is recorded as ``not_document`` and never becomes a node of the citation graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core.model import Directive

# The header fields whose presence marks an official document, with the words a message uses for each.
HEADER_FIELDS: dict[str, str] = {"number": "number", "issuer": "issuer", "doc_type": "document type", "date": "date"}

# How many of HEADER_FIELDS a parse must find for the file to count as a document. Measured on the
# documents of corpus/, ../shared/corpus and ../shared/realfiles: every one whose text could be read
# has at least 2 (the real Word files without a number still print issuer and type); READMEs, notes
# and Markdown pages have 0, and so has a PDF whose text layer is garbled (its header cannot be read).
# One field is not enough: a personal letter has a date line, a class's minutes a type word.
MIN_HEADER_FIELDS = 2


def _has(d: Directive | dict[str, Any], name: str) -> bool:
    """Whether the header field ``name`` was found (a number counts when only the whole id was read)."""
    get = d.get if isinstance(d, dict) else lambda key: getattr(d, key, None)
    if name == "number":
        return bool(get("number") or get("doc_id"))
    return bool(get(name))


def header_fields_found(d: Directive | dict[str, Any]) -> list[str]:
    """The names of :data:`HEADER_FIELDS` a parse found, in that order (a Directive or its ``to_dict()``)."""
    return [name for name in HEADER_FIELDS if _has(d, name)]


def not_document_reason(d: Directive | dict[str, Any]) -> str | None:
    """Why the parse of a file is not taken for an official document, or None when it is one."""
    found = header_fields_found(d)
    if len(found) >= MIN_HEADER_FIELDS:
        return None
    missing = [HEADER_FIELDS[n] for n in HEADER_FIELDS if n not in found]
    what = f"only the {HEADER_FIELDS[found[0]]} was found" if found else "none was found"
    return (
        f"not an official document: of the header's number, issuer, document type and date, {what} "
        f"(at least {MIN_HEADER_FIELDS} are needed; missing: {', '.join(missing)})"
    )


def is_document(d: Directive | dict[str, Any]) -> bool:
    """Whether the parse found enough of a header (:data:`MIN_HEADER_FIELDS`) to be an official document."""
    return not_document_reason(d) is None
