"""Words placed on a page (a PDF's text layer, or OCR) laid out as text lines, each word at its column, with its box."""

from __future__ import annotations

from typing import Any

from ..core.model import Box
from ..core.normalize import prepare

COLUMNS = 110  # text columns across the page width
GAP = 2.5  # a gap wider than this many character widths separates columns
ROUNDING = 1e-6  # pt: a line exactly at the limit of the one above joins it, whatever the rounding of the library that measured them


def render_page(words: list[dict[str, Any]], width: float, page: int = 1, offset: int = 0) -> tuple[str, list[Box]]:
    """The words of a page as text lines, each word at its column, and the box of each word (with
    its OCR confidence when the word has one, ``conf``); each word dict is given its box as ``box``."""
    if not words:
        return "", []
    scale = max(width, 1.0) / COLUMNS
    rows: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(w["top"] - rows[-1][0]["top"]) <= max(2.0, 0.4 * (w["bottom"] - w["top"])) + ROUNDING:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines: list[str] = []
    boxes: list[Box] = []
    pos = offset
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        line = ""
        prev_x1: float | None = None
        for w in row:
            text = prepare(w["text"]).replace("\n", " ")
            char_w = (w["x1"] - w["x0"]) / max(1, len(text))
            col = min(round(w["x0"] / scale), 4 * COLUMNS)  # a word far off a (damaged) page keeps the line short
            if prev_x1 is None:
                line = " " * col
            elif w["x0"] - prev_x1 > GAP * max(char_w, 1.0):
                line += " " * max(3, col - len(line))
            else:
                line += " "
            x0, top, x1, bottom = (round(float(w[k]), 2) for k in ("x0", "top", "x1", "bottom"))
            w["box"] = Box(pos + len(line), pos + len(line) + len(text), page, x0, top, x1, bottom, w.get("conf"))
            boxes.append(w["box"])
            line += text
            prev_x1 = w["x1"]
        line = line.rstrip()
        lines.append(line)
        pos += len(line) + 1
    return "\n".join(lines), boxes
