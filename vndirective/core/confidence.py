"""How sure OCR is of each value, and the values it is too unsure of to give as certain.

Tesseract gives every word a confidence (0-100); the OCR reader keeps it on the word's
:class:`~vndirective.core.model.Box`. A value's confidence is that of its least sure word
(0-1). On signed scans the clerk writes the number and the day by hand, and OCR reads them
badly and sometimes with assurance in the wrong text, never with a high confidence: a
number or date below :data:`UNSURE` is withheld (None), its reading kept in the warning
``ocr_unsure`` so that a person can check it on the page. A wrong number is worse than a
missing one.

A number, day or month OCR could not read at all (``unreadable_number``, ``unreadable_date``) is read again
the same way. The file's
digital signatures check an OCR'd date: one after the last signature is wrong and withheld
(``date_after_signing``); they never give a date themselves.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

from .ids import joined_id
from .lines import Reread
from .messages import warn
from .model import Box, Directive, ParseWarning, Span
from .normalize import fold, skeleton

UNSURE = 0.60  # below this, OCR's reading of a number or a date is withheld
DATE_PARTS = ("day", "month", "year")  # the digits of a date, in the order printed ('ngày 30 tháng 4 năm 2026')
_DIGITS = re.compile(r"\d+")


def span_confidence(span: Span, boxes: Iterable[Box]) -> float | None:
    """The confidence (0-1) of the least sure OCR word the span overlaps; None when no word
    of it carries one (text not read by OCR)."""
    found = [b.confidence for b in boxes if b.confidence is not None and b.start < span.end and span.start < b.end]
    return round(min(found) / 100, 3) if found else None


def value_confidences(d: Directive, boxes: list[Box]) -> dict[str, float]:
    """The OCR confidence of each header value with a span, and of the signer's title and name."""
    wanted = [b for b in boxes if b.confidence is not None]
    if not wanted:
        return {}
    spans: dict[str, Span] = {k: v for k, v in d.spans.items() if isinstance(v, Span) and getattr(d, k, None) is not None}
    if d.signature is not None:
        spans.update({f"signature.{k}": v for k, v in d.signature.spans.items() if k in ("title", "name")})
    out = {}
    for name, span in spans.items():
        value = span_confidence(span, wanted)
        if value is not None:
            out[name] = value
    return out


FLAGGED = ("issuer", "issuer_parent", "subject", "place", "signature.title", "signature.name")  # given as read, flagged when unsure


def flag_unsure(d: Directive) -> list[ParseWarning]:
    """A warning for each text value OCR is unsure of (below :data:`UNSURE`): names and titles are given
    as read (a name with one letter wrong is still worth having) but never as certain."""
    found = []
    for name in FLAGGED:
        confidence = d.confidence.get(name)
        if confidence is None or confidence >= UNSURE:
            continue
        spans = d.signature.spans if name.startswith("signature.") and d.signature is not None else d.spans
        span = spans.get(name.removeprefix("signature."))
        if not isinstance(span, Span):
            continue
        reading = d.text[span.start : span.end]
        found.append(warn("ocr_unsure_text", span, field=name, reading=reading, confidence=round(100 * confidence)))
    return found


def withhold_unsure(d: Directive, boxes: list[Box], reread: Reread | None = None) -> list[ParseWarning]:
    """Withhold the number and the date OCR is unsure of (see the module docstring); the warnings say what was read.

    An unsure number, or an unsure day, month or year of the date, is first read again, digits only,
    from its place on the page (``reread``, which the OCR reader gives:
    :func:`vndirective.readers.ocr.read_digits`, at several scales and margins, whose confidence is the
    share of the attempts that agree); digits so read with a confidence of :data:`UNSURE` or more are
    taken, with the warning ``ocr_reread``.
    """
    return _check_number(d, reread) + _read_unreadable_number(d, reread) + _check_date(d, boxes, reread) + _read_unreadable_date(d, reread) + _check_signing(d)


def _check_number(d: Directive, reread: Reread | None) -> list[ParseWarning]:
    confidence, span = d.confidence.get("number"), d.spans.get("number")
    if confidence is None or confidence >= UNSURE or not isinstance(span, Span):
        return []
    reading = d.text[span.start : span.end]
    second = _read_again(span, reread)
    if second is not None:
        _set_number(d, second[0])
        d.confidence["number"] = round(second[1] / 100, 3)
        return [warn("ocr_reread", span, field="number", first=reading, reading=second[0], confidence=round(second[1]))]
    d.number = d.doc_id = None
    return [warn("ocr_unsure", span, field="number", reading=reading, confidence=round(100 * confidence))]


def _check_date(d: Directive, boxes: list[Box], reread: Reread | None) -> list[ParseWarning]:
    """A date whose day, month and year are sure stays (whatever OCR made of 'tháng' and 'năm'); an unsure
    one of them is read again; a date still unsure is withheld."""
    confidence, span = d.confidence.get("date"), d.spans.get("date")
    if d.date is None or confidence is None or not isinstance(span, Span):
        return []
    reading = d.text[span.start : span.end]
    parts = [Span(span.start + m.start(), span.start + m.end()) for m in _DIGITS.finditer(reading)]
    if len(parts) != len(DATE_PARTS):  # not day, month and year in digits: judged as a whole
        parts, unsure = [], confidence
    else:
        unsure = 1.0
    values = [d.date.day, d.date.month, d.date.year]
    notes, sureness = [], []
    for k, part in enumerate(parts):
        sure = span_confidence(part, boxes)
        if sure is not None and sure < UNSURE:
            second = _read_again(part, reread)
            if second is None:
                unsure = min(unsure, sure)
                break
            written = d.text[part.start : part.end]
            notes.append(warn("ocr_reread", part, field=f"{DATE_PARTS[k]} of the date", first=written, reading=second[0], confidence=round(second[1])))
            values[k], sure = int(second[0]), second[1] / 100
        sureness.append(1.0 if sure is None else sure)
    if unsure >= UNSURE:
        try:
            d.date = _dt.date(values[2], values[1], values[0])
        except ValueError:
            unsure = 0.0
        else:
            d.confidence["date"] = round(min(sureness, default=confidence), 3)
            return notes
    d.date = None
    return [warn("ocr_unsure", span, field="date", reading=reading, confidence=round(100 * min(unsure, confidence)))]


def _read_unreadable_number(d: Directive, reread: Reread | None) -> list[ParseWarning]:
    """A handwritten number OCR made marks of ('unreadable_number': 'Số: $+/UBND-KTTH'): read again, digits only,
    from its place on the page, and taken with the symbol after it when every attempt agrees."""
    found = next((w for w in d.warnings if w.code == "unreadable_number" and isinstance(w.span, Span)), None)
    if d.number is not None or found is None or found.span is None or reread is None:
        return []
    span = found.span
    second = _read_again(span, reread)
    if second is None:
        return []
    line_end = d.text.find("\n", span.end)
    rest = d.text[span.end : line_end if line_end >= 0 else len(d.text)]
    joined = joined_id(second[0], fold(rest))
    if joined is None:
        return []
    taken, did = joined
    d.number, d.doc_id = did.number, did.canonical
    d.doc_type = d.doc_type or did.doc_type
    d.spans["number"] = span
    d.spans["doc_id"] = Span(span.start, span.end + taken)
    d.confidence["number"] = round(second[1] / 100, 3)
    d.warnings.remove(found)
    return [warn("ocr_reread", span, field="number", first=d.text[span.start : span.end], reading=second[0], confidence=round(second[1]))]


# The day and the month of a place-date line's date, on its skeleton ('⁄|Š THANG 01 NAM 2025').
_DATE_WORDS = re.compile(r"(?P<d>.*?)\s*THANG\s*(?P<m>.*?)\s*NA(?:M|RN)\s*(?P<y>\d{4})")


def _read_unreadable_date(d: Directive, reread: Reread | None) -> list[ParseWarning]:
    """A date whose handwritten day or month OCR could not read ('unreadable_date'): the unreadable parts are read
    again, digits only, from their place on the page, and the date taken when every part is so read."""
    found = next((w for w in d.warnings if w.code == "unreadable_date" and isinstance(w.span, Span)), None)
    if d.date is not None or found is None or reread is None or found.span is None:
        return []
    span = found.span
    m = _DATE_WORDS.match(skeleton(d.text[span.start : span.end]))
    if m is None:
        return []
    values, notes, sureness = [], [], []
    for k, group in enumerate(("d", "m")):
        part = Span(span.start + m.start(group), span.start + m.end(group))
        written = d.text[part.start : part.end]
        if written.isdigit():
            values.append(int(written))
            continue
        second = _read_again(part, reread) if written.strip() else None
        if second is None:
            return []
        notes.append(warn("ocr_reread", part, field=f"{DATE_PARTS[k]} of the date", first=written, reading=second[0], confidence=round(second[1])))
        values.append(int(second[0]))
        sureness.append(second[1] / 100)
    try:
        d.date = _dt.date(int(m.group("y")), values[1], values[0])
    except ValueError:
        return []
    d.spans["date"] = span
    d.confidence["date"] = round(min(sureness, default=1.0), 3)
    d.warnings.remove(found)
    return notes


SIGNING_GRACE = _dt.timedelta(days=1)  # a signing time's day may differ from the printed date's by the time zone


def _check_signing(d: Directive) -> list[ParseWarning]:
    """An OCR'd date after the file's last digital signature is wrong (a document is dated the day it is signed,
    or earlier for a copy signed later): it is withheld. The signatures are the file's own metadata, signed with
    it; they only ever reject a reading, never give a date."""
    signed = [s.signed_at for s in d.digital_signatures if s.signed_at is not None]
    if d.date is None or not signed:
        return []
    last = max(signed)
    if d.date <= last.date() + SIGNING_GRACE:
        return []
    span = d.spans.get("date")
    reading = d.date.isoformat()
    d.date = None
    return [warn("date_after_signing", span if isinstance(span, Span) else None, reading=reading, signed=last.isoformat())]


def _read_again(span: Span, reread: Reread | None) -> tuple[str, float] | None:
    """Digits read again where ``span`` is on the page, when the reading is sure enough to be taken."""
    second = reread(span.start, span.end) if reread is not None else None
    if second is not None and second[0].isdigit() and second[1] >= 100 * UNSURE:
        return second
    return None


def _set_number(d: Directive, number: str) -> None:
    """The number read again, in the number and in the id that carries it."""
    old, d.number = d.number, number
    if old and d.doc_id and d.doc_id.startswith(old):
        d.doc_id = number + d.doc_id[len(old) :]
