"""Recipients: the items of 'Kính gửi:' (or 'Kính trình:'), one string each."""

from __future__ import annotations

from .. import patterns
from ..lines import Layout
from ..model import SpanValue
from ..zones import Zones
from .items import labelled_items
from .result import Extracted


def extract_recipients(layout: Layout, zones: Zones) -> Extracted[list[str]]:
    """The recipients as printed, with one span each (``spans["recipients"]``)."""
    if zones.recipients is None:
        return Extracted([])
    a, b = zones.recipients
    items = labelled_items(layout, layout.lines[a:b], patterns.RECIPIENTS_LABEL_SK)
    spans: dict[str, SpanValue] = {"recipients": [s for _, s in items]} if items else {}
    return Extracted([r for r, _ in items], spans)
