"""Words placed on a page (a PDF's text layer, or OCR) laid out as text lines, each word at its column, with its box."""

from __future__ import annotations

from typing import Any

from ..core.model import Box
from ..core.normalize import prepare

COLUMNS = 110  # text columns across the page width
GAP = 2.5  # a gap wider than this many character widths separates columns
_EDGES = ("x0", "top", "x1", "bottom")  # a word's box, in Box's order
ROUNDING = 1e-6  # pt: a line exactly at the limit of the one above joins it, whatever the rounding of the library that measured them


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
    lines: list[str] = []
    boxes: list[Box] = []
    pos = offset
    far = 4 * COLUMNS  # a word far off a (damaged) page keeps the line short
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        parts: list[str] = []
        length = 0  # of the line so far
        prev_x1: float | None = None
        for w in row:
            text = w["text"]
            if not (text.isascii() and text.isprintable()):
                text = prepare(text).replace("\n", " ")
            x0 = w["x0"]
            n = len(text)
            col = min(round(x0 / scale), far)
            if prev_x1 is None:
                pad = col
            elif x0 - prev_x1 > GAP * max((w["x1"] - x0) / max(1, n), 1.0):
                pad = max(3, col - length)
            else:
                pad = 1
            parts.append(" " * pad)
            length += pad
            start = pos + length
            left, top, right, bottom = (round(float(w[k]), 2) for k in _EDGES)
            box = Box(start, start + n, page, left, top, right, bottom, w.get("conf"))
            w["box"] = box
            boxes.append(box)
            parts.append(text)
            length += n
            prev_x1 = w["x1"]
        line = "".join(parts).rstrip()
        lines.append(line)
        pos += len(line) + 1
    return "\n".join(lines), boxes
