"""PDF files with a text layer, read with pdfplumber and pdfium (the ``pdf`` extra).

Each page's words are placed on text lines by their position, as ``pdftotext
-layout`` does: a word keeps its column, and a wide horizontal gap becomes a run of
spaces. The two columns of the header (organ | title, number | place and date) and
of the closing (Nơi nhận | signature) therefore stay apart on each line, and the
line model splits them into segments. Pages are separated by a form feed. A PDF
without a text layer (a scan) raises :class:`~vndirective.errors.NoTextLayer`.

pdfplumber (pdfminer) opens the file, checks it (passwords, damage, decompression bombs) and
finds its pages; the characters of a page are read by pdfium in C (:mod:`.pdf_chars`, some ten
times faster than pdfminer), into the same words pdfplumber's ``extract_words`` makes. A page
pdfium cannot read as pdfminer would (rotated text, glyphs without a Unicode map, no text at
all), and every page when pypdfium2 is missing, is read by pdfplumber.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from ..core.lines import Layout, build_layout
from ..core.messages import warn
from ..core.model import Box, ParseWarning
from ..core.normalize import prepare
from ..errors import CorruptDocument, EncryptedDocument, NoTextLayer
from .limits import DEFAULT, Limits
from .ocr import Ocr, wanted
from .optional import require
from .pdf_chars import Document as PdfiumDocument
from .pdf_chars import Unreadable
from .pdf_errors import damage_errors
from .pdf_fonts import Fonts
from .pdf_streams import check_streams
from .quality import garbled
from .signatures import read_signatures
from .words import drop_overprinted, render_page

PDFIUM = True  # read the characters with pdfium when pypdfium2 is installed; False: with pdfplumber alone


def _require() -> Any:
    return require("pdfplumber", "reading PDF files", "pdf")


def read_pdf(data: bytes, name: str = "<pdf>", ocr: Ocr = "auto", password: str | None = None, limits: Limits = DEFAULT) -> Layout:
    """A Layout from the bytes of a PDF file; a scan is OCR'd as ``ocr`` says (:data:`~.ocr.Ocr`:
    by default when Tesseract with Vietnamese is installed).

    The Layout keeps a :class:`~vndirective.core.model.Box` per word, so every extracted value
    can be found on its page (``Directive.locate``). ``password`` opens an encrypted PDF.
    At most ``limits.max_pages`` pages are read; a damaged page is skipped with a warning.
    """
    pdf = _open(data, name, password)  # not closed: pdfplumber's close() would load every page
    check_streams(data, pdf.doc, name, limits)  # before pdfium reads anything too
    warnings: list[ParseWarning] = []
    pieces: list[str] = []
    boxes: list[Box] = []
    chars = failed = pages = offset = 0
    running = RunningLines()
    fast = _pdfium(data, password)
    fonts = Fonts(pdf)
    if fast is not None:
        fast.fonts = fonts
        if wanted(ocr):
            from .ocr import read_digits

            fast.read_drawn = functools.partial(read_digits, data, password)
    page_ids: dict[int, tuple[int, float]] = {}  # pdfminer's page object id → (number, height), for the signature fields
    try:
        for number, raw in _pages(pdf, name, limits, warnings):
            pages += 1
            page_ids[raw.pageid] = (number, float(raw.mediabox[3]) - float(raw.mediabox[1]))
            if number > 1:
                pieces.append("\n\f")
                offset += 2
            try:
                fonts.open_page(raw)
                page_chars, text, page_boxes = _read_page(pdf, raw, number, offset, running, fast)
            except damage_errors() as exc:
                warnings.append(warn("page_unreadable", page=number, error=_brief(exc)))
                failed += 1
                continue
            chars += page_chars
            pieces.append(text)
            boxes.extend(page_boxes)
            offset += len(text)
    finally:
        if fast is not None:
            warnings.extend(_widget_warnings(fast))
            fast.close()
    if failed and failed == pages:
        raise CorruptDocument(f"{name}: no page of the PDF could be read ({warnings[0].message}). {_REPAIR}")
    if chars == 0 and not failed:
        if wanted(ocr):
            from .ocr import ocr_pdf

            layout = ocr_pdf(data, name, password=password, limits=limits)
            layout.digital_signatures = read_signatures(pdf.doc, data, page_ids)
            return layout
        how = (
            "Parse it with ocr='auto' or ocr=True (CLI: without --no-ocr)"
            if ocr is False
            else "Install Tesseract with Vietnamese (apt-get install tesseract-ocr tesseract-ocr-vie) and parse it again: it is then read by OCR"
        )
        raise NoTextLayer(f"{name}: the PDF has no text layer (a scanned document). {how}, or OCR it first (ocrmypdf -l vie in.pdf out.pdf).")
    text = "".join(pieces)
    signatures = read_signatures(pdf.doc, data, page_ids)  # not for a scan refused above: no work for an error
    if _mostly_unmapped(text) and wanted(ocr):
        from .ocr import ocr_pdf

        layout = ocr_pdf(data, name, password=password, limits=limits)  # fonts without a Unicode map: read the pages as images
        layout.warnings.append(warn("pdf_unmapped_glyphs"))
        layout.digital_signatures = signatures
        return layout
    layout = build_layout(text, already_prepared=True) if prepare(text) == text else build_layout(text)
    damaged = garbled(layout.text)
    if damaged is not None:
        share = f"{100 * damaged:.0f}"
        if wanted(ocr):
            from .ocr import ocr_pdf

            ocr_layout = ocr_pdf(data, name, password=password, limits=limits)  # the pages as they look, not the damaged layer
            ocr_layout.warnings.insert(0, warn("pdf_text_garbled", share=share, action="the pages were read by OCR"))
            ocr_layout.digital_signatures = signatures
            return ocr_layout
        layout.warnings.append(warn("pdf_text_garbled", share=share, action="parse it with OCR (ocr=True, --ocr) to read the pages as they look"))
    if layout.text == text:
        layout.boxes = boxes  # offsets are still true only when preparing changed nothing
    total, recovered = fonts.stats()
    if total:
        layout.warnings.append(warn("pdf_glyphs_recovered", recovered=recovered, total=total, share=f"{100 * recovered / total:.1f}"))
    if "(cid:" in text:
        layout.warnings.append(warn("pdf_unmapped_glyphs"))
    layout.warnings.extend(warnings)
    layout.digital_signatures = signatures
    return layout


def _widget_warnings(fast: PdfiumDocument) -> list[ParseWarning]:
    """What the page shows only in form widgets: values a signing tool wrote over the draft's blanks (read into
    the text), and stamps of their own (a digital signature's banner: left out of the text)."""
    out = [warn("widget_values", page=i + 1, values=" ".join(w["text"] for w in words)) for i, words in sorted(fast.fillers.items())]
    for i, drawn in sorted(fast.drawn.items()):
        for (x0, top, _, _), digits in drawn:
            code = "widget_drawn" if digits is None else "widget_drawn_read"
            out.append(warn(code, page=i + 1, x=round(x0), y=round(top), digits=digits))
    for i, stamps in sorted(fast.stamps.items()):
        out += [warn("signature_stamp", page=i + 1, text=" ".join(w["text"] for w in words)) for words in stamps]
    return out


_REPAIR = "Get a complete copy of the file, or repair it (qpdf in.pdf out.pdf, or open it in a PDF viewer and print it to a new PDF)."


def _mostly_unmapped(text: str) -> bool:
    """Whether '(cid:NN)' glyphs, which no font map turns into letters, make up a large part of the text."""
    return text.count("(cid:") * 8 > 0.2 * max(1, len(text.strip()))


def _brief(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:120]}".rstrip(": ")


def _open(data: bytes, name: str, password: str | None) -> Any:
    """The pdfplumber document, or a typed error for an encrypted or damaged file."""
    pdfplumber = _require()
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data), password=password or "")
    except damage_errors() as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(cause, (PDFPasswordIncorrect, UnicodeEncodeError)):
            if password:
                raise EncryptedDocument(f"{name}: the password given does not open this PDF. Check it (letter case, spaces) and try again.") from exc
            raise EncryptedDocument(
                f"{name}: the PDF is password-protected. Pass its password: vndirective.parse(path, password='...') (CLI: --password ...)."
            ) from exc
        if isinstance(cause, PDFEncryptionError):
            raise EncryptedDocument(
                f"{name}: the PDF is encrypted in a way vndirective cannot read ({_brief(cause)}). "
                "Decrypt it first: qpdf --decrypt --password=PASSWORD in.pdf out.pdf."
            ) from exc
        raise CorruptDocument(f"{name}: the PDF is damaged or truncated; nothing could be read ({_brief(cause)}). {_REPAIR}") from exc


def _pages(pdf: Any, name: str, limits: Limits, warnings: list[ParseWarning]) -> Iterator[tuple[int, Any]]:
    """The first ``limits.max_pages`` pages (pdfminer's), numbered from 1; a warning for those left out or lost."""
    from pdfminer.pdfpage import PDFPage

    number = 0
    found = PDFPage.create_pages(pdf.doc)
    while True:
        try:
            raw = next(found, None)
        except damage_errors() as exc:
            if number == 0:
                raise CorruptDocument(f"{name}: the PDF is damaged: its pages cannot be found ({_brief(exc)}). {_REPAIR}") from exc
            warnings.append(warn("pages_lost", page=number, error=_brief(exc)))
            return
        if raw is None:
            return
        number += 1
        if number > limits.max_pages:
            warnings.append(warn("pages_not_read", pages=_page_count(pdf, limits.max_pages), limit=limits.max_pages))
            return
        yield number, raw


def _page_count(pdf: Any, read: int) -> str:
    """The page count the PDF declares, when it is believable; else 'more than N'."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except damage_errors():
        count = None
    return f"{count:,}" if isinstance(count, int) and count > read else f"more than {read:,}"


def _pdfium(data: bytes, password: str | None) -> PdfiumDocument | None:
    """The file opened by pdfium, or None (pypdfium2 missing, or pdfium cannot open what pdfminer did)."""
    if not PDFIUM:
        return None
    try:
        return PdfiumDocument(data, password)
    except Unreadable:
        return None


def _read_page(
    pdf: Any, raw: Any, number: int, offset: int, running: RunningLines | None = None, fast: PdfiumDocument | None = None
) -> tuple[int, str, list[Box]]:
    """The number of characters, the text and the word boxes of a page: its characters read by
    pdfium (``fast``) when it can, else by pdfplumber."""
    from pdfplumber.page import Page

    page = Page(pdf, raw, page_number=number)  # a damaged page dictionary fails here, whoever reads the page
    try:
        found = _pdfium_words(fast, page, raw, number) if fast is not None else None
        if found is None:
            unique = dedupe_chars(page)  # bold faked by printing each glyph twice
            found = len(unique.chars), unique.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False)
        count, words = found
        words = drop_overprinted(words)
        if running is not None:
            words = running.drop_repeats(words, float(page.height))
        text, boxes = render_page(words, float(page.width), number, offset)
        return count, text, boxes
    finally:
        page.close()


def _pdfium_words(fast: PdfiumDocument, page: Any, raw: Any, number: int) -> tuple[int, list[dict[str, Any]]] | None:
    """The characters and words of a page read by pdfium, in pdfplumber's coordinates; None when
    pdfplumber should read it (a rotated page, text pdfium cannot give as pdfminer does, or none)."""
    if page.rotation:
        return None  # pdfminer turns the page upright; pdfium's positions would not be
    mediabox, cropbox = page.mediabox, page.cropbox
    width = min(cropbox[2], mediabox[2]) - max(cropbox[0], mediabox[0])  # pdfium's page is the crop box within the media box
    height = min(cropbox[3], mediabox[3]) - max(cropbox[1], mediabox[1])
    try:
        count, words = fast.words(
            number - 1,
            x_offset=float(raw.mediabox[0]) - float(mediabox[0]),  # pdfplumber's x = x - the media box's left + its normalised left
            top_at=float(page.height) + float(raw.mediabox[1]) + float(mediabox[1]),  # its top = height - (y - bottom) + mediabox top
            size=(float(width), float(height)),
        )
    except Unreadable:
        return None
    return (count, words) if count else None  # no characters: pdfminer has the last word on a scan


MARGIN = 0.1  # the top and bottom tenth of a page hold its running header and footer


class RunningLines:
    """Running headers and footers: a line in a page's top or bottom margin that an earlier page
    already had there (page numbers aside) is printed again, not new text; the first copy is kept."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, str]] = set()

    def drop_repeats(self, words: list[dict[str, Any]], height: float) -> list[dict[str, Any]]:
        rows: dict[int, list[dict[str, Any]]] = {}
        for w in words:
            rows.setdefault(round(float(w["top"]) / 3), []).append(w)
        drop: set[int] = set()
        for row in rows.values():
            top = min(float(w["top"]) for w in row)
            edge = "top" if top < MARGIN * height else "bottom" if top > (1 - MARGIN) * height else None
            if edge is None:
                continue
            text = " ".join(w["text"] for w in sorted(row, key=itemgetter("x0")))
            if _PAGE_LABEL.fullmatch(text):
                continue  # a page number: the line model marks it
            key = (edge, _DIGITS.sub("#", " ".join(text.lower().split())))
            if key in self.seen:
                drop.update(id(w) for w in row)
            else:
                self.seen.add(key)
        return [w for w in words if id(w) not in drop] if drop else words


_DIGITS = re.compile(r"\d+")
_PAGE_LABEL = re.compile(r"[-–\s]*(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?[.\s–-]*", re.IGNORECASE)


def dedupe_chars(page: Any, tolerance: float = 1) -> Any:
    """The page without duplicate characters (same glyph, font and size within ``tolerance`` points):
    what ``page.dedupe_chars()`` gives, in n log n time where pdfplumber's is quadratic."""
    from pdfplumber.utils import cluster_objects

    key = itemgetter("upright", "text", "fontname", "size")
    keep: set[int] = set()
    for _, same in itertools.groupby(sorted(page.chars, key=key), key=key):
        for row in cluster_objects(list(same), itemgetter("doctop"), tolerance):
            for cluster in cluster_objects(row, itemgetter("x0"), tolerance):
                keep.add(id(min(cluster, key=itemgetter("doctop", "x0"))))
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in keep)


