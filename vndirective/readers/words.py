"""Words placed on a page (a PDF's text layer, or OCR) laid out as text lines, each word at its column, with its box."""

from __future__ import annotations

import itertools
from typing import Any

from ..core.model import Box
from ..core.normalize import prepare

COLUMNS = 110  # text columns across the page width
GAP = 2.5  # a gap wider than this many character widths separates columns
ROUNDING = 1e-6  # pt: a line exactly at the limit of the one above joins it, whatever the rounding of the library that measured them
OVERPRINT_SHIFT = 0.5  # of a line's height: a line printed this close to another is printed over it, not below it
TOUCHING = 0.5  # pt: a word starting this close to the end of the one before it is printed against it, with no space
SCRIPT_RATIO = 0.8  # a word touching another and at most this share of its height is its sub- or superscript


def render_page(words: list[dict[str, Any]], width: float, page: int = 1, offset: int = 0) -> tuple[str, list[Box]]:
    """The words of a page as text lines, each word at its column, and the box of each word (with
    its OCR confidence when the word has one, ``conf``); each word dict is given its box as ``box``."""
    if not words:
        return "", []
    scale = max(width, 1.0) / COLUMNS
    rows: list[list[dict[str, Any]]] = []
    row_top = 0.0
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        top = w["top"]
        if rows and abs(top - row_top) <= max(2.0, 0.4 * (w["bottom"] - top)) + ROUNDING:
            rows[-1].append(w)
        else:
            rows.append([w])
            row_top = top
    rows = _join_scripts(rows)
    lines: list[str] = []
    boxes: list[Box] = []
    pos = offset
    far = 4 * COLUMNS  # a word far off a (damaged) page keeps the line short
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        parts: list[str] = []
        length = 0  # of the line so far
        prev: dict[str, Any] | None = None
        for w in row:
            text = w["text"]
            if not (text.isascii() and text.isprintable()):
                text = prepare(text).replace("\n", " ")
            x0 = w["x0"]
            n = len(text)
            col = min(round(x0 / scale), far)
            if prev is None:
                pad = col
            elif x0 - prev["x1"] > GAP * max((w["x1"] - x0) / max(1, n), 1.0):
                pad = max(3, col - length)
            else:
                pad = 0 if _scripted(prev, w) else 1
            parts.append(" " * pad)
            length += pad
            start = pos + length
            left, top, right, bottom = round(float(w["x0"]), 2), round(float(w["top"]), 2), round(float(w["x1"]), 2), round(float(w["bottom"]), 2)
            box = Box(start, start + n, page, left, top, right, bottom, w.get("conf"))
            w["box"] = box
            boxes.append(box)
            parts.append(text)
            length += n
            prev = w
        line = "".join(parts).rstrip()
        lines.append(line)
        pos += len(line) + 1
    return "\n".join(lines), boxes


def _join_scripts(rows: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """The rows, a row made only of sub- or superscripts joined to the row of the words they are
    written against: the text layer puts them on lines of their own, as their tops differ."""
    heights = [max([w["bottom"] - w["top"] for w in row]) for row in rows]
    out: list[list[dict[str, Any]]] = []
    last = 0.0  # the tallest word of out[-1]
    for i, row in enumerate(rows):
        small = heights[i] / SCRIPT_RATIO  # a row of scripts is this much smaller than the row it joins (a quick test first)
        if out and small <= last and _scripts_of(row, out[-1]):
            out[-1].extend(row)
        elif i + 1 < len(rows) and small <= heights[i + 1] and _scripts_of(row, rows[i + 1]):
            rows[i + 1].extend(row)
        else:
            out.append(row)
            last = heights[i]
    return out


def _scripts_of(row: list[dict[str, Any]], base: list[dict[str, Any]]) -> bool:
    """Whether every word of ``row`` is a sub- or superscript of a word of ``base``."""
    return all(any(_scripted(b, w) for b in base) for w in row)


def _scripted(before: dict[str, Any], word: dict[str, Any]) -> bool:
    """Whether ``word`` is a sub- or superscript written against ``before`` (a drafter's code
    ``KGVX`` with the count of copies ``VHTin507`` below it, ``m²``): it starts where ``before``
    ends, overlaps it in height and is much smaller, or ``before`` is the script and ``word`` the
    text going on after it."""
    if abs(word["x0"] - before["x1"]) > TOUCHING or word["top"] >= before["bottom"] or word["bottom"] <= before["top"]:
        return False
    small, large = sorted((word["bottom"] - word["top"], before["bottom"] - before["top"]))
    return small <= SCRIPT_RATIO * large


def drop_overprinted(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The words of a page less a line printed over by a fuller copy of itself, a few points off: a draft's
    number and date line with its blanks ('Số:      /QĐ-ĐHBK', 'Hà Nội, ngày   tháng 12 năm 2022') under the same
    line as a signing tool filled and flattened it ('Số: 5743/QĐ-ĐHBK', '… ngày 21 tháng 12 …'). The line kept is
    the one holding every word of the other in order (a blank's neighbour may be the end of a filled word)."""
    rows = _rows_by_top(words)
    drop: set[int] = set()
    for upper, lower in itertools.pairwise(rows):
        height = min(upper[0]["bottom"] - upper[0]["top"], lower[0]["bottom"] - lower[0]["top"])
        if lower[0]["top"] - upper[0]["top"] > OVERPRINT_SHIFT * height or not _overlap(upper, lower):
            continue
        for under, over in ((upper, lower), (lower, upper)):
            if len(under) <= len(over) and _words_within(under, over):
                drop.update(id(w) for w in under)
                break
    return [w for w in words if id(w) not in drop] if drop else words


def _rows_by_top(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The words in rows of one top (within a point), top to bottom, each row left to right."""
    rows: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and w["top"] - rows[-1][0]["top"] <= 1.0:
            rows[-1].append(w)
        else:
            rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    return rows


def _overlap(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    """Whether the shorter of two rows lies across the page mostly within the other."""
    left, right = max(a[0]["x0"], b[0]["x0"]), min(a[-1]["x1"], b[-1]["x1"])
    return right - left >= 0.8 * min(a[-1]["x1"] - a[0]["x0"], b[-1]["x1"] - b[0]["x0"])


def _words_within(under: list[dict[str, Any]], over: list[dict[str, Any]]) -> bool:
    """Whether each word of ``under``, in order, is a word of ``over`` or the end of one ('/QĐ-ĐHBK' of
    '5743/QĐ-ĐHBK'), at least two words of them."""
    k = 0
    for w in under:
        while k < len(over) and not over[k]["text"].endswith(w["text"]):
            k += 1
        if k == len(over):
            return False
        k += 1
    return len(under) >= 2
