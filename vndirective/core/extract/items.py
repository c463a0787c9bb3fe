"""Split a bulleted list ('- A;', '- B,' ...) into items, rejoining wrapped lines."""

from __future__ import annotations

import regex

from .. import codes, patterns
from ..lines import Layout, Line, strip_value
from ..model import Span
from ..rules import SHORT_LINE_CHARS, continues_item, is_file_copy, is_parenthetical

# 'UBND TP.' at a line end is an abbreviation, not the final period of the list.
_ABBREVIATION_END = regex.compile(r"(?<![\p{L}])\p{Lu}{1,4}\.\s*$")


def labelled_items(layout: Layout, lines: list[Line], label: regex.Pattern[str]) -> list[tuple[str, Span]]:
    """Items of a list that opens with a label ('Kính gửi:', 'Nơi nhận:') on its first line."""
    pieces = []
    for i, ln in enumerate(lines):
        start = ln.start
        if i == 0:
            m = label.match(layout.s(ln))
            start += m.end() if m else 0
            if start >= ln.end:
                continue
        pieces.append((start, ln.end, ln))
    return split_items(layout, pieces)


def split_items(layout: Layout, pieces: list[tuple[int, int, Line]]) -> list[tuple[str, Span]]:
    """Items of a list given as (start, end, segment) pieces, in order.

    A piece that starts with a bullet opens an item; one that does not continues
    the item before when that item has no final ; , . and the piece reads as
    its continuation (lower case, or short and closed by punctuation), and
    always when it is only a parenthesis ('- Lưu: VT, CN.' / '(Dũng)'). Bullets
    after ; , . inside a piece (a list run together in one table cell) open
    items too.
    """
    items: list[list[tuple[int, int]]] = []
    prev_text = ""
    # In a list whose items carry bullets, a line without one continues the item above
    # ('- UBND huyện Đồng Phú, UBND TP.' / 'Đồng Xoài;').
    bulleted = sum(1 for s, e, _ in pieces if patterns.line_bullet(layout.text[s:e])) >= 2
    for start, end, _line in pieces:
        text = layout.folded[start:end]
        cuts = [m for m in patterns.INLINE_BULLET.finditer(text)]
        starts = [start + m.end() for m in cuts]
        opens_with_bullet = bool(cuts) and cuts[0].start() == 0
        head_end = start + cuts[0].start() if cuts and not opens_with_bullet else end
        if not opens_with_bullet:
            head = layout.text[start:head_end]
            wrapped = continues_item(prev_text, head)
            last_item = is_file_copy(prev_text)  # the file copy closes the list
            open_item = not last_item and (not prev_text.rstrip().endswith(".") or bool(_ABBREVIATION_END.search(prev_text)))
            if items and (wrapped or is_parenthetical(head) or (bulleted and open_item and head.strip() and len(head) < SHORT_LINE_CHARS)):
                items[-1].append((start, head_end))
            elif head.strip():
                items.append([(start, head_end)])
        for i, s in enumerate(starts):
            e = (start + cuts[i + 1].start()) if i + 1 < len(cuts) else end
            if i == 0 and opens_with_bullet and items and _continues_item(prev_text, layout.text[s:e]):
                items[-1].append((s, e))  # '- Văn phòng Trung ương và các Ban' / '- của Đảng;': a dash a scan added
                continue
            items.append([(s, e)])
        prev_text = layout.text[start:end]
    out: list[tuple[str, Span]] = []
    for parts in items:
        value = strip_value(" ".join(layout.text[s:e] for s, e in parts))
        if value:
            s, e = parts[0][0], parts[-1][1]
            out.append((value, Span(s, _trim_end(layout.text, s, e))))
    return out


def _continues_item(prev_text: str, text: str) -> bool:
    """Whether a bulleted piece continues the item above: that item has no final ; , . and the piece
    opens with a word no list item starts with."""
    return not prev_text.rstrip(" *_").endswith((";", ",", ".", ":")) and text.lstrip().startswith(codes.never_first_words())


def _trim_end(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in " \n\t;,.*_|":
        e -= 1
    return e
