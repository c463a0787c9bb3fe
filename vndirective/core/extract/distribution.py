"""The 'Nơi nhận' list: one item per line, the purpose in parentheses split out."""

from __future__ import annotations

from functools import cache

import regex

from .. import codes, patterns
from ..lines import Layout, Line
from ..model import DistributionItem
from ..normalize import fold
from ..rules import PROSE_CHARS, continues_item, is_file_copy, is_parenthetical, starts_lower
from ..zones import Zones
from .items import labelled_items
from .result import Extracted
from .signature import is_signature_segment

_TRAILING_PAREN = regex.compile(r"\s{0,3}\((?P<p>[^()]{1,120})\)$")
_UNCLOSED_PAREN = regex.compile(r"\s{0,3}\((?P<p>[^()]{1,40})$")  # '(b/c' whose ')' OCR lost
(_PURPOSE,) = patterns.groups_of(_TRAILING_PAREN, "p")
_PUNCTUATION_ONLY = " .;,*_"
if patterns.groups_of(_UNCLOSED_PAREN, "p") != (_PURPOSE,):
    raise ImportError("the purpose group of the two parenthesis patterns must have one number")


def distribution_lines(layout: Layout, zones: Zones) -> list[Line]:
    """The closing segments that belong to the 'Nơi nhận' list."""
    if zones.distribution_label is None:
        return []
    lines = layout.lines
    out: list[Line] = [lines[zones.distribution_label]]
    prev = layout.t(lines[zones.distribution_label])
    label_col = lines[zones.distribution_label].col
    closed = False  # the file copy ended with '.': only its parenthesis may follow
    for ln in lines[zones.distribution_label + 1 : zones.closing[1]]:
        if ln.kind != "text":
            continue
        text = layout.t(ln)
        if is_file_copy(prev) and not text.strip(_PUNCTUATION_ONLY):
            continue  # the file copy's final '.' set apart in another column
        if is_file_copy(prev) and is_parenthetical(text):
            out.append(ln)  # '- Lưu: VT, CN.' / '(Dũng)': the drafter under the file copy, in whatever column
            if closed or text.rstrip().endswith("."):
                break
            prev = text
            continue
        if closed:
            break
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
            closed = True  # the file copy is the last item
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


@cache
def _opening(table: str) -> regex.Pattern[str]:
    """The words of ``table`` in data/words.json at the start of a folded, lower-case text, as whole words."""
    words = sorted({fold(w).lower() for w in codes.load("words")[table]["words"]}, key=len, reverse=True)
    return regex.compile(rf"(?:{'|'.join(regex.escape(w) for w in words)})(?![\p{{L}}\d/])")


def _opens_with(inner: str, table: str) -> bool:
    return _opening(table).match(" ".join(fold(inner).lower().split())) is not None


def is_purpose(inner: str) -> bool:
    """Whether the words of a parenthesis after a recipient state what the copy is for.

    Words of purpose ('để b/c', 'thực hiện', 'p/h', 'Báo cáo', 'T/h') make it one whatever their
    case; words of a role or charge ('phụ trách địa bàn xã') never do. Otherwise it is one when it
    starts in lower case and names no person: a name ('Đông', 'đ/c Minh'), a unit ('Phòng PC07') or
    a copy count ('2b') stays in the recipient.
    """
    if _opens_with(inner, "copy_purposes"):
        return True
    if _opens_with(inner, "recipient_roles"):
        return False
    return starts_lower(inner) and not _names_person(inner)


def split_purpose(value: str) -> tuple[str, str | None]:
    """'Như trên (thực hiện)' → ('Như trên', 'thực hiện').

    Only a trailing parenthesis that states a purpose counts (see is_purpose); one OCR left
    unclosed ('Thường trực Huyện ủy (b/c') counts when its words are words of purpose. The
    file copy ('Lưu: VT, VP (3b)') has none.
    """
    m = _TRAILING_PAREN.search(value)
    unclosed = m is None
    if m is None:
        m = _UNCLOSED_PAREN.search(value)
    if m is None or is_file_copy(value):
        return value, None
    inner = " ".join(m.group(_PURPOSE).split())
    if not is_purpose(inner) or (unclosed and not _opens_with(inner, "copy_purposes")):
        return value, None
    recipient = value[: m.start()].rstrip(" ,;:")
    if not recipient:
        return value, None
    return recipient, inner
