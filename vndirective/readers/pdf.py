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

COLUMNS = 110  # text columns across the page width
GAP = 2.5  # a gap wider than this many character widths separates columns


def _require() -> Any:
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UnsupportedFormat("reading PDF files needs pdfplumber: pip install 'vndirective[pdf]'") from exc
    return pdfplumber


def read_pdf(data: bytes, name: str = "<pdf>", ocr: bool = False) -> Layout:
    """A Layout from the bytes of a PDF file; a scan is OCR'd when ``ocr`` is true."""
    pdfplumber = _require()
    pages: list[str] = []
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page = page.dedupe_chars()  # bold faked by printing each glyph twice
                chars += len(page.chars)
                words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False)
                pages.append(render_page(words, float(page.width)))
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
    text = "\n\f".join(pages)
    layout = build_layout(text)
    if "(cid:" in text:
        layout.warnings.append(warn("pdf_unmapped_glyphs"))
    return layout


def render_page(words: list[dict[str, Any]], width: float) -> str:
    """The words of a page as text lines, each word at its column."""
    if not words:
        return ""
    scale = width / COLUMNS
    rows: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(w["top"] - rows[-1][0]["top"]) <= max(2.0, 0.4 * (w["bottom"] - w["top"])):
            rows[-1].append(w)
        else:
            rows.append([w])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        line = ""
        prev_x1: float | None = None
        for w in row:
            text = w["text"]
            char_w = (w["x1"] - w["x0"]) / max(1, len(text))
            col = round(w["x0"] / scale)
            if prev_x1 is None:
                line = " " * col
            elif w["x0"] - prev_x1 > GAP * max(char_w, 1.0):
                line += " " * max(3, col - len(line))
            else:
                line += " "
            line += text
            prev_x1 = w["x1"]
        lines.append(line.rstrip())
    return "\n".join(lines)
