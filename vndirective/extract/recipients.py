"""Recipients: the items of 'Kính gửi:' (or 'Kính trình:'), one string each."""

from __future__ import annotations

from .. import patterns
from ..lines import Layout
from ..model import Span
from ..segment import Zones
from .items import split_items


def extract_recipients(layout: Layout, zones: Zones) -> list[tuple[str, Span]]:
    """The recipients as printed, with spans."""
    if zones.recipients is None:
        return []
    a, b = zones.recipients
    lines = layout.lines[a:b]
    pieces = []
    for i, ln in enumerate(lines):
        start = ln.start
        if i == 0:
            m = patterns.RECIPIENTS_LABEL_SK.match(layout.s(ln))
            start += m.end() if m else 0
            if start >= ln.end:
                continue
        pieces.append((start, ln.end, ln))
    return split_items(layout, pieces)
