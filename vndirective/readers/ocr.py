"""Scanned PDFs: the pages rendered with pypdfium2 (installed with pdfplumber) and read by
the Tesseract command with its Vietnamese data (Debian: ``tesseract-ocr-vie``).

Tesseract runs one page at a time with ``OMP_THREAD_LIMIT=1`` (its own threads make it
several times slower on small machines) and ``--psm 4`` (a single column of text of
variable sizes keeps the header lines whole). The text goes through the same line model as
any other; header words damaged by OCR are restored from the code tables by the extractors.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ..errors import CorruptDocument, NoTextLayer
from ..lines import Layout, build_layout
from ..messages import warn
from ..model import ParseWarning
from .limits import DEFAULT, MAX_RENDER_PIXELS, Limits

DPI = 300
LANGUAGE = "vie"
TIMEOUT = 300  # seconds of Tesseract per page


def available() -> bool:
    """Whether Tesseract with the Vietnamese language data can be run here."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in out.stdout.split()


def ocr_pdf(data: bytes, name: str = "<pdf>", password: str | None = None, limits: Limits = DEFAULT) -> Layout:
    """A Layout from the OCR of the pages of a PDF: the first ``limits.max_pages``, each rendered
    at :data:`DPI` or less so as to stay under ``limits.max_render_pixels``."""
    if not available():
        raise NoTextLayer(
            f"{name}: the PDF has no text layer (a scanned document) and Tesseract with Vietnamese is not installed. "
            "Install it (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie) and parse again, "
            "or OCR the file first (ocrmypdf -l vie in.pdf out.pdf)."
        )
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data, password=password)
    except pypdfium2.PdfiumError as exc:
        raise CorruptDocument(f"{name}: the PDF cannot be rendered for OCR ({exc}).") from exc
    warnings: list[ParseWarning] = []
    pages: list[str] = []
    try:
        total = len(pdf)
        if total > limits.max_pages:
            warnings.append(warn("pages_not_read", pages=f"{total:,}", limit=limits.max_pages))
        with tempfile.TemporaryDirectory(prefix="vndirective-ocr-") as tmp:
            for i in range(min(total, limits.max_pages)):
                pages.append(_ocr_page(pdf, i + 1, Path(tmp), name, limits, warnings))
    finally:
        pdf.close()
    layout = build_layout("\n\f".join(pages))
    layout.warnings.append(warn("ocr", pages=len(pages)))
    layout.warnings.extend(warnings)
    return layout


def _render(page: Any, number: int, limits: Limits, warnings: list[ParseWarning]) -> Any:
    """The page as a PIL image, at :data:`DPI` or less; None for a page without a usable size."""
    width, height = page.get_size()
    scale = render_scale(width, height, DPI, limits.max_render_pixels)
    if scale == 0:
        warnings.append(warn("page_unreadable", page=number, error=f"its size is {width} × {height} points"))
        return None
    if scale < DPI / 72:
        size = {"width": round(width), "height": round(height)}
        warnings.append(warn("render_downscaled", page=number, **size, dpi=round(scale * 72), full=DPI, limit=limits.max_render_pixels))
    return page.render(scale=scale).to_pil()


def render_scale(width: float, height: float, dpi: int = DPI, max_pixels: int = MAX_RENDER_PIXELS) -> float:
    """Pixels per point to render a page of ``width`` × ``height`` points: ``dpi`` / 72, or less so that
    the image has at most ``max_pixels``; 0 for a page without a usable size."""
    if not (width > 0 and height > 0 and math.isfinite(width * height)):
        return 0.0
    scale = dpi / 72
    if math.ceil(width * scale) * math.ceil(height * scale) <= max_pixels:
        return scale
    scale = math.sqrt(max_pixels / (width * height))
    while math.ceil(width * scale) * math.ceil(height * scale) > max_pixels:
        scale *= 0.99
    return scale


def _ocr_page(pdf: Any, number: int, tmp: Path, name: str, limits: Limits, warnings: list[ParseWarning]) -> str:
    """The OCR text of one page; a page that cannot be rendered or read is left empty with a warning."""
    import pypdfium2

    try:
        page = pdf[number - 1]
        try:
            image = _render(page, number, limits, warnings)
        finally:
            page.close()
    except pypdfium2.PdfiumError as exc:
        warnings.append(warn("page_unreadable", page=number, error=str(exc)))
        return ""
    if image is None:
        return ""
    png = tmp / f"page-{number}.png"
    image.save(png)
    try:
        out = subprocess.run(
            ["tesseract", str(png), "stdout", "-l", LANGUAGE, "--psm", "4"],
            capture_output=True,
            text=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        warnings.append(warn("page_unreadable", page=number, error=f"OCR took longer than {TIMEOUT} seconds"))
        return ""
    finally:
        png.unlink(missing_ok=True)
    if out.returncode != 0:
        raise NoTextLayer(f"{name}: OCR of page {number} failed: {out.stderr.strip()[:300]}")
    return str(out.stdout)
