"""How sure OCR is of each value, and the values it is too unsure of to give as certain.

Tesseract gives every word a confidence (0-100); the OCR reader keeps it on the word's
:class:`~vndirective.core.model.Box`. A value's confidence is that of its least sure word
(0-1). On signed scans the clerk writes the number and the day by hand, and OCR reads them
badly and sometimes with assurance in the wrong text, never with a high confidence: a
number or date below :data:`UNSURE` is withheld (None), its reading kept in the warning
``ocr_unsure`` so that a person can check it on the page. A wrong number is worse than a
missing one.
"""

from __future__ import annotations

from collections.abc import Iterable

from .lines import Reread
from .messages import warn
from .model import Box, Directive, ParseWarning, Span

UNSURE = 0.60  # below this, OCR's reading of a number or a date is withheld
WITHHELD: dict[str, tuple[str, ...]] = {  # a value withheld when unsure, and the values that carry it too
    "number": ("number", "doc_id"),
    "date": ("date",),
}


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


def withhold_unsure(d: Directive, boxes: list[Box], reread: Reread | None = None) -> list[ParseWarning]:
    """Withhold the number and the date OCR is unsure of (see the module docstring); the warnings say what was read.

    An unsure number is first read again, digits only, from its box on the page (``reread``, which the
    OCR reader gives): a second reading of digits at :data:`UNSURE` or more is taken, with a warning.
    """
    found = []
    for name, carried in WITHHELD.items():
        confidence = d.confidence.get(name)
        if confidence is None or confidence >= UNSURE:
            continue
        span = d.spans.get(name)
        reading = d.text[span.start : span.end] if isinstance(span, Span) else str(getattr(d, name))
        if name == "number" and reread is not None and isinstance(span, Span):
            second = _read_again(span, boxes, reread)
            if second is not None and second[0].isdigit() and second[1] >= 100 * UNSURE:
                _set_number(d, second[0])
                d.confidence["number"] = round(second[1] / 100, 3)
                found.append(warn("ocr_reread", span, field=name, first=reading, reading=second[0], confidence=round(second[1])))
                continue
        found.append(warn("ocr_unsure", span if isinstance(span, Span) else None, field=name, reading=reading, confidence=round(100 * confidence)))
        for field in carried:
            setattr(d, field, None)
    return found


def _read_again(span: Span, boxes: list[Box], reread: Reread) -> tuple[str, float] | None:
    """The span's box on its page (the part of each OCR word the span covers, by its characters) read again."""
    parts = []
    for b in boxes:
        if b.confidence is None or not (b.start < span.end and span.start < b.end):
            continue
        length = max(1, b.end - b.start)
        left, right = max(0, span.start - b.start) / length, min(length, span.end - b.start) / length
        parts.append((b.page, b.x0 + (b.x1 - b.x0) * left, b.top, b.x0 + (b.x1 - b.x0) * right, b.bottom))
    if not parts or len({p[0] for p in parts}) > 1:
        return None
    box = (min(p[1] for p in parts), min(p[2] for p in parts), max(p[3] for p in parts), max(p[4] for p in parts))
    return reread(parts[0][0], box)


def _set_number(d: Directive, number: str) -> None:
    """The number read again, in the number and in the id that carries it."""
    old, d.number = d.number, number
    if old and d.doc_id and d.doc_id.startswith(old):
        d.doc_id = number + d.doc_id[len(old) :]
