"""The 'Nơi nhận' list: one item per line, the purpose in parentheses split out."""

from __future__ import annotations

import regex

from .. import codes, patterns
from ..lines import Layout, Line
from ..model import DistributionItem
from ..rules import PROSE_CHARS, continues_item, is_file_copy, starts_lower
from ..zones import Zones
from .items import labelled_items
from .result import Extracted
from .signature import is_signature_segment

_TRAILING_PAREN = regex.compile(r"\s{0,3}\((?P<p>[^()]{1,120})\)$")
(_PURPOSE,) = patterns.groups_of(_TRAILING_PAREN, "p")


def distribution_lines(layout: Layout, zones: Zones) -> list[Line]:
    """The closing segments that belong to the 'Nơi nhận' list."""
    if zones.distribution_label is None:
        return []
    lines = layout.lines
    out: list[Line] = [lines[zones.distribution_label]]
    prev = layout.t(lines[zones.distribution_label])
    label_col = lines[zones.distribution_label].col
    for ln in lines[zones.distribution_label + 1 : zones.closing[1]]:
        if ln.kind != "text":
            continue
        text = layout.t(ln)
        if layout.layout_columns and ln.col > label_col:
            continue
        bullet = patterns.line_bullet(text)
        if not bullet and len(text) > PROSE_CHARS:
            break  # prose: the list is over
        if bullet:
            out.append(ln)
        elif is_signature_segment(layout, ln):
            continue
        elif continues_item(prev, text, short_tail_ends=False):
            out.append(ln)  # a wrapped item
        elif len(text) < PROSE_CHARS and text.rstrip().endswith((";", ",", ".")):
            out.append(ln)  # an item written without a bullet
        else:
            continue
        prev = text
        if is_file_copy(text) and text.rstrip(" *_").endswith("."):
            break  # the file copy is the last item
    return out


def extract_distribution(layout: Layout, zones: Zones) -> Extracted[list[DistributionItem]]:
    """Items of 'Nơi nhận' as printed, each with its purpose when one is given."""
    items = []
    for value, span in labelled_items(layout, distribution_lines(layout, zones), patterns.DISTRIBUTION_LABEL_SK):
        recipient, purpose = split_purpose(value)
        items.append(DistributionItem(recipient, purpose, span))
    return Extracted(items)


def _names_person(inner: str) -> bool:
    """'đ/c Đoàn', 'ông Hùng': a person's title and a capitalised name."""
    low = inner.lower()
    for title in codes.person_titles():
        if low.startswith(title):
            rest = inner[len(title) :].lstrip()
            return rest[:1].isupper()
    return False


def split_purpose(value: str) -> tuple[str, str | None]:
    """'Như trên (thực hiện)' → ('Như trên', 'thực hiện').

    Only a trailing parenthesis that states a purpose counts: it starts in
    lower case ('để b/c', 'thực hiện'). One naming a person ('Đ/c Khanh',
    'Dũng') or counting copies ('2b') stays in the recipient.
    """
    m = _TRAILING_PAREN.search(value)
    if not m:
        return value, None
    inner = " ".join(m.group(_PURPOSE).split())
    if not starts_lower(inner) or is_file_copy(value) or _names_person(inner):
        return value, None
    recipient = value[: m.start()].rstrip(" ,;:")
    if not recipient:
        return value, None
    return recipient, inner
