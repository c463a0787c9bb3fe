"""Recipients: the items of 'Kính gửi:' (or 'Kính trình:'), one string each."""

from __future__ import annotations

from .. import patterns
from ..lines import Layout
from ..model import Span
from ..zones import Zones
from .items import labelled_items


def extract_recipients(layout: Layout, zones: Zones) -> list[tuple[str, Span]]:
    """The recipients as printed, with spans."""
    if zones.recipients is None:
        return []
    a, b = zones.recipients
    return labelled_items(layout, layout.lines[a:b], patterns.RECIPIENTS_LABEL_SK)
