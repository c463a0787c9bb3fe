"""Recipients: the items of 'Kính gửi:' (or 'Kính trình:'), one string each."""

from __future__ import annotations

from .. import patterns
from ..lines import Layout, Line
from ..model import SpanValue
from ..zones import Zones
from .items import labelled_items
from .result import Extracted


def extract_recipients(layout: Layout, zones: Zones) -> Extracted[list[str]]:
    """The recipients as printed, with one span each (``spans["recipients"]``)."""
    if zones.recipients is None:
        return Extracted([])
    a, b = zones.recipients
    lines = layout.lines[a:b]
    if layout.read_by_ocr:
        lines = _without_margin_stamps(layout, lines)
    items = labelled_items(layout, lines, patterns.RECIPIENTS_LABEL_SK)
    spans: dict[str, SpanValue] = {"recipients": [s for _, s in items]} if items else {}
    return Extracted([r for r, _ in items], spans)


MARGIN_COLUMNS = 10  # a line starting this many columns left of the label and of every bulleted item is at the margin


def _without_margin_stamps(layout: Layout, lines: list[Line]) -> list[Line]:
    """The lines of an OCR'd list of bulleted recipients less those at the page's margin without a bullet (the
    words of a received stamp, 'CỔNG THÔNG TIN ĐIỆN TỬ … ĐẾN', read beside the list)."""
    bulleted = [patterns.line_bullet(layout.t(ln)) for ln in lines[1:]]
    if sum(bulleted) < 2:
        return lines
    edge = min([lines[0].indent] + [ln.indent for ln, b in zip(lines[1:], bulleted, strict=True) if b]) - MARGIN_COLUMNS
    return [lines[0]] + [ln for ln, b in zip(lines[1:], bulleted, strict=True) if b or ln.indent >= edge]
