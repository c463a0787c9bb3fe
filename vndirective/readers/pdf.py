"""PDF files with a text layer, read with pdfplumber (the ``pdf`` extra).

Each page's words are placed on text lines by their position, as ``pdftotext
-layout`` does: a word keeps its column, and a wide horizontal gap becomes a run of
spaces. The two columns of the header (organ | title, number | place and date) and
of the closing (Nơi nhận | signature) therefore stay apart on each line, and the
line model splits them into segments. Pages are separated by a form feed. A PDF
without a text layer (a scan) raises :class:`~vndirective.errors.NoTextLayer`.
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import NoTextLayer, UnsupportedFormat
from ..lines import Layout, build_layout
from ..messages import warn
from ..model import Box
from ..normalize import prepare

COLUMNS = 110  # text columns across the page width
GAP = 2.5  # a gap wider than this many character widths separates columns


def _require() -> Any:
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UnsupportedFormat("reading PDF files needs pdfplumber: pip install 'vndirective[pdf]'") from exc
    return pdfplumber


def read_pdf(data: bytes, name: str = "<pdf>", ocr: bool = False) -> Layout:
    """A Layout from the bytes of a PDF file; a scan is OCR'd when ``ocr`` is true.

    The Layout keeps a :class:`~vndirective.model.Box` per word, so every extracted value
    can be found on its page (``Directive.locate``).
    """
    pdfplumber = _require()
    pieces: list[str] = []
    boxes: list[Box] = []
    chars = 0
    offset = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                page = page.dedupe_chars()  # bold faked by printing each glyph twice
                chars += len(page.chars)
                words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False)
                if number > 1:
                    pieces.append("\n\f")
                    offset += 2
                text, page_boxes = render_page(words, float(page.width), number, offset)
                pieces.append(text)
                boxes.extend(page_boxes)
                offset += len(text)
    except Exception as exc:
        raise UnsupportedFormat(f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if chars == 0:
        if ocr:
            from .ocr import ocr_pdf

            return ocr_pdf(data, name)
        raise NoTextLayer(
            f"{name}: the PDF has no text layer (a scanned document). Parse it with ocr=True (CLI: --ocr) where "
            "Tesseract with Vietnamese is installed (apt-get install tesseract-ocr tesseract-ocr-vie), "
            "or OCR it first (ocrmypdf -l vie in.pdf out.pdf)."
        )
    text = "".join(pieces)
    layout = build_layout(text, already_prepared=True) if prepare(text) == text else build_layout(text)
    if layout.text == text:
        layout.boxes = boxes  # offsets are still true only when preparing changed nothing
    if "(cid:" in text:
        layout.warnings.append(warn("pdf_unmapped_glyphs"))
    return layout


def render_page(words: list[dict[str, Any]], width: float, page: int = 1, offset: int = 0) -> tuple[str, list[Box]]:
    """The words of a page as text lines, each word at its column, and the box of each word."""
    if not words:
        return "", []
    scale = width / COLUMNS
    rows: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(w["top"] - rows[-1][0]["top"]) <= max(2.0, 0.4 * (w["bottom"] - w["top"])):
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
            col = round(w["x0"] / scale)
            if prev_x1 is None:
                line = " " * col
            elif w["x0"] - prev_x1 > GAP * max(char_w, 1.0):
                line += " " * max(3, col - len(line))
            else:
                line += " "
            x0, top, x1, bottom = (round(float(w[k]), 2) for k in ("x0", "top", "x1", "bottom"))
            boxes.append(Box(pos + len(line), pos + len(line) + len(text), page, x0, top, x1, bottom))
            line += text
            prev_x1 = w["x1"]
        line = line.rstrip()
        lines.append(line)
        pos += len(line) + 1
    return "\n".join(lines), boxes
