"""Scanned PDFs: the pages rendered with pypdfium2 (installed with pdfplumber) and read by
the Tesseract command with its Vietnamese data (Debian: ``tesseract-ocr-vie``).

Tesseract runs one page at a time with ``OMP_THREAD_LIMIT=1`` (its own threads make it
several times slower on small machines) and gives its words with their boxes (TSV). The
words are laid out in columns by the PDF reader's :func:`~vndirective.readers.words.render_page`,
as the words of a text layer are, so the two header columns stay apart and every value has
its page and box. Tone marks OCR lost over a hat (``công bô`` for *công bố*) are put back with a
word list when underthesea is installed (:mod:`.ocr_lexicon`); header words damaged by OCR are
restored from the code tables by the extractors.
"""

from __future__ import annotations

import functools
import math
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Literal, Union

from ..core.lines import Layout, build_layout
from ..core.messages import warn
from ..core.model import Box, ParseWarning
from ..core.normalize import prepare
from ..errors import CorruptDocument, NoTextLayer
from .limits import DEFAULT, MAX_RENDER_PIXELS, Limits
from .ocr_images import image_regions, red_regions, reread_regions
from .ocr_lexicon import repair_tones
from .pdf_chars import LOCK
from .words import render_page

DPI = 300
LANGUAGE = "vie"
TIMEOUT = 300  # seconds of Tesseract per page
NOISE_CONFIDENCE = 60  # a word of punctuation only, read with less confidence, is dropped
DIGITS_DPIS = (200, 300, 400)  # a box read again, digits only, is read at each of these scales...
DIGITS_PADS = (0.2, 0.4, 0.8)  # ...and margins (of the box's height: the ink of handwriting strays out of the word's box)
DIGITS_AGREE = 2 / 3  # the share of those attempts that must read the same digits (and none others)


Ocr = Union[bool, Literal["auto"]]  # noqa: UP007 - an alias the readers' signatures share
"""When to OCR a page without text: ``"auto"`` when Tesseract with Vietnamese is installed (else
the reader's clear error), ``True`` always (an error naming what to install if it is not),
``False`` never."""


ENVIRONMENT = "VNDIRECTIVE_OCR"  # 'off' (or 0, no, false) makes "auto" mean never: a machine-wide default
OFF = {"0", "off", "no", "false"}


def wanted(ocr: Ocr) -> bool:
    """Whether a scan is to be OCR'd under the ``ocr`` option (``"auto"``: when Tesseract is here,
    unless the environment variable ``VNDIRECTIVE_OCR`` is ``off``)."""
    if ocr == "auto":
        return os.environ.get(ENVIRONMENT, "").strip().lower() not in OFF and available()
    return bool(ocr)


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """Whether Tesseract with the Vietnamese language data can be run here (asked once per process)."""
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
        with LOCK:
            pdf = pypdfium2.PdfDocument(data, password=password)
    except pypdfium2.PdfiumError as exc:
        raise CorruptDocument(f"{name}: the PDF cannot be rendered for OCR ({exc}).") from exc

    warnings: list[ParseWarning] = []
    pieces: list[str] = []
    boxes: list[Box] = []
    inked: list[tuple[Box, float, float]] = []  # each word's box in the text, and the top and bottom of its own ink
    offset = 0
    try:
        with LOCK:
            total = len(pdf)
        if total > limits.max_pages:
            warnings.append(warn("pages_not_read", pages=f"{total:,}", limit=limits.max_pages))
        with tempfile.TemporaryDirectory(prefix="vndirective-ocr-") as tmp:
            for i in range(min(total, limits.max_pages)):
                if i:
                    pieces.append("\n\f")
                    offset += 2
                words, width = _ocr_page(pdf, i + 1, Path(tmp), name, limits, warnings)
                text, page_boxes = render_page(words, width, i + 1, offset)
                pieces.append(text)
                boxes.extend(page_boxes)
                inked += [(w["box"], w["ink_top"], w["ink_bottom"]) for w in words if "box" in w]
                offset += len(text)
    finally:
        with LOCK:
            pdf.close()
    text = "".join(pieces)
    repaired = 0
    if prepare(text) == text:
        text, repaired = repair_tones(text)  # the tone marks OCR lost, put back; the length, so the boxes, stay
        layout = build_layout(text, already_prepared=True)
    else:
        layout = build_layout(text)
    if layout.text == text:
        layout.boxes = boxes
        layout.reread = functools.partial(_read_text_again, data, password, inked)
    layout.read_by_ocr = True
    layout.warnings.append(warn("ocr", pages=min(total, limits.max_pages)))
    if repaired:
        layout.warnings.append(warn("ocr_tone_marks", count=repaired))
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


def _ocr_page(pdf: Any, number: int, tmp: Path, name: str, limits: Limits, warnings: list[ParseWarning]) -> tuple[list[dict[str, Any]], float]:
    """The OCR words of one page (boxes in PDF points, as pdfplumber gives them) and the page width;
    a page that cannot be rendered or read has no words and a warning."""
    import pypdfium2

    try:
        with LOCK:  # pdfium is not thread-safe; Tesseract runs outside the lock
            page = pdf[number - 1]
            try:
                width, _height = page.get_size()
                image = _render(page, number, limits, warnings)
            finally:
                page.close()
    except pypdfium2.PdfiumError as exc:
        warnings.append(warn("page_unreadable", page=number, error=str(exc)))
        return [], 0.0
    if image is None:
        return [], 0.0
    try:
        out = _tesseract(image, tmp / f"page-{number}.png", "4")
    except subprocess.TimeoutExpired:
        warnings.append(warn("page_unreadable", page=number, error=f"OCR took longer than {TIMEOUT} seconds"))
        return [], 0.0
    if out.returncode != 0:
        raise NoTextLayer(f"{name}: OCR of page {number} failed: {out.stderr.strip()[:300]}")
    ppp = image.width / width if width else 1.0
    words = tsv_words(str(out.stdout), ppp)
    regions = image_regions(str(out.stdout), ppp) + red_regions(image, ppp)
    if regions:  # text Tesseract took for a picture, or under a red seal (the signature block): read again on its own
        words += reread_regions(image, regions, ppp, words, functools.partial(_block_words, tmp / f"page-{number}-region.png"))
    return words, float(width)


def _tesseract(image: Any, png: Path, psm: str) -> subprocess.CompletedProcess[str]:
    """Tesseract's TSV of a PIL image (saved to ``png``, removed after), in page segmentation mode ``psm``."""
    image.save(png)
    try:
        return subprocess.run(
            ["tesseract", str(png), "stdout", "-l", LANGUAGE, "--psm", psm, "tsv"],
            capture_output=True,
            text=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        png.unlink(missing_ok=True)


def _block_words(png: Path, image: Any) -> list[dict[str, Any]]:
    """The words of an image read as one block of text (pixels), the punctuation too; none when it cannot be read."""
    try:
        out = _tesseract(image, png, "6")
    except (OSError, subprocess.SubprocessError):
        return []
    return tsv_words(out.stdout, 1.0, keep_noise=True) if out.returncode == 0 else []


def tsv_words(tsv: str, pixels_per_point: float, keep_noise: bool = False) -> list[dict[str, Any]]:
    """Words of Tesseract's TSV output as pdfplumber-like dicts (text, x0, x1, top, bottom in points).

    The words of one Tesseract line share its median top and bottom: on a slightly skewed scan,
    and with ascenders and descenders, their own boxes would scatter the line over several rows.
    ``keep_noise`` keeps the specks of punctuation read with little confidence. Each word keeps its own
    top and bottom as ``ink_top`` and ``ink_bottom`` (handwritten digits stand above the printed line: they
    are read again from there), Tesseract's confidence as ``conf`` and its line (block, paragraph, line
    numbers) as ``line``.
    """
    lines: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":  # level 5: a word
            continue
        text = cells[11].strip()
        try:
            left, top, w, h = (float(c) / pixels_per_point for c in cells[6:10])
            confidence = float(cells[10])
        except ValueError:
            continue
        if not text or (not keep_noise and confidence < NOISE_CONFIDENCE and not any(c.isalnum() for c in text)):
            continue  # specks of a scan read as '_', '-', '|': not text
        key = tuple(cells[1:5])
        word = {"text": text, "x0": left, "x1": left + w, "top": top, "bottom": top + h, "conf": max(0.0, confidence), "line": key}
        word.update(ink_top=top, ink_bottom=top + h)
        lines.setdefault(key, []).append(word)
    words: list[dict[str, Any]] = []
    for line in lines.values():
        line_top = statistics.median(word["top"] for word in line)
        line_bottom = statistics.median(word["bottom"] for word in line)
        for word in line:
            word["top"], word["bottom"] = line_top, line_bottom
        words.extend(line)
    return words


def _read_text_again(data: bytes, password: str | None, inked: list[tuple[Box, float, float]], start: int, end: int) -> tuple[str, float] | None:
    """The text between offsets ``start`` and ``end`` read again from the page, digits only (:func:`read_digits`),
    from the part of each word's own box those characters take; None when they are not on one page."""
    parts = []
    for box, ink_top, ink_bottom in inked:
        if not (box.start < end and start < box.end):
            continue
        length = max(1, box.end - box.start)
        left, right = max(0, start - box.start) / length, min(length, end - box.start) / length
        parts.append((box.page, box.x0 + (box.x1 - box.x0) * left, ink_top, box.x0 + (box.x1 - box.x0) * right, ink_bottom))
    if not parts or len({p[0] for p in parts}) > 1:
        return None
    area = (min(p[1] for p in parts), min(p[2] for p in parts), max(p[3] for p in parts), max(p[4] for p in parts))
    return read_digits(data, password, parts[0][0], area)


def read_digits(data: bytes, password: str | None, page: int, box: tuple[float, float, float, float]) -> tuple[str, float] | None:
    """The digits in ``box`` (x0, top, x1, bottom in points from the page's top left) of page ``page``
    (from 1), read again by Tesseract allowed only digits, one line, at every scale of :data:`DIGITS_DPIS`
    and margin of :data:`DIGITS_PADS`, and the share (0-100) of those readings that read them.

    Tesseract's own confidence is no guide on handwriting (it reads a handwritten 299 as 499 at 92 %),
    but a reading that is an accident of one scale and margin changes with them: the digits count
    only when every reading made agrees and at least :data:`DIGITS_AGREE` of the attempts read them.
    None when they do not, or the page cannot be rendered.
    """
    import pypdfium2

    readings: list[str | None] = []
    for dpi in DIGITS_DPIS:
        try:
            with LOCK:
                pdf = pypdfium2.PdfDocument(data, password=password)
                try:
                    image = pdf[page - 1].render(scale=dpi / 72).to_pil()
                finally:
                    pdf.close()
        except (pypdfium2.PdfiumError, IndexError):
            return None
        readings += [_digits_once(image, box, dpi / 72, pad) for pad in DIGITS_PADS]
    return agreed(readings)


def agreed(readings: list[str | None]) -> tuple[str, float] | None:
    """The digits every reading made gives, when at least :data:`DIGITS_AGREE` of the attempts made one,
    and that share (0-100); None when two readings differ or too few were made."""
    read = {r for r in readings if r}
    share = sum(1 for r in readings if r) / max(1, len(readings))
    if len(read) != 1 or share < DIGITS_AGREE:
        return None
    return read.pop(), round(100 * share, 1)


def _digits_once(image: Any, box: tuple[float, float, float, float], scale: float, pad_share: float) -> str | None:
    """The digits Tesseract reads in ``box`` of the page ``image`` (rendered at ``scale`` pixels per point), with a margin."""
    x0, top, x1, bottom = box
    pad = pad_share * max(1.0, bottom - top)
    crop = image.crop((int((x0 - pad) * scale), int((top - pad) * scale), int((x1 + pad) * scale) + 1, int((bottom + pad) * scale) + 1))
    with tempfile.TemporaryDirectory(prefix="vndirective-ocr-") as tmp:
        png = Path(tmp) / "box.png"
        crop.save(png)
        try:
            out = subprocess.run(
                ["tesseract", str(png), "stdout", "-l", LANGUAGE, "--psm", "7", "-c", "tessedit_char_whitelist=0123456789", "tsv"],
                capture_output=True,
                text=True,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
    found = tsv_digits(out.stdout) if out.returncode == 0 else None
    return found[0] if found else None


def tsv_digits(tsv: str) -> tuple[str, float] | None:
    """The words of Tesseract's TSV output joined (digits, when it was allowed only those) and the confidence of the least sure."""
    rows = (row.split("\t") for row in tsv.splitlines()[1:])
    found = [(cells[11].strip(), float(cells[10])) for cells in rows if len(cells) >= 12 and cells[0] == "5" and cells[11].strip()]
    if not found:
        return None
    return "".join(text for text, _ in found), max(0.0, min(conf for _, conf in found))
