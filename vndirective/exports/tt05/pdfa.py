"""What a PDF of a package declares about itself: its PDF/A part and conformance (XMP pdfaid), its pages, its PDF version."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...core.model import Directive
from ..settings import tt05
from .xmlkit import etree, require_lxml, safe_parser


@dataclass(frozen=True)
class PdfaDeclaration:
    """What a PDF says about itself: the PDF/A part and conformance of its XMP (``pdfaid``), its page count.

    A declaration, not a conformance validation.
    """

    part: str | None = None
    conformance: str | None = None
    pages: int | None = None

    @property
    def label(self) -> str | None:
        """'PDF/A-2b', or None when the file declares no PDF/A part."""
        return f"PDF/A-{self.part}{(self.conformance or '').lower()}" if self.part else None


def _xmp_bytes(stream: Any, limit: int) -> bytes | None:
    """The bytes of the XMP stream (raw or Flate), at most ``limit``; None when it cannot be read within it."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream

    if not isinstance(stream, PDFStream) or stream.rawdata is None:
        return None
    raw = stream.decipher(stream.objid or 0, stream.genno or 0, stream.rawdata, stream.attrs) if stream.decipher else stream.rawdata
    filters = stream.get_filters()
    if not filters:
        data = bytes(raw[: limit + 1])
    elif len(filters) == 1 and filters[0][0] in LITERALS_FLATE_DECODE:
        try:
            data = zlib.decompressobj().decompress(raw, limit + 1)
        except zlib.error:
            return None
    else:
        return None
    return None if len(data) > limit else data


def _pdfaid(xmp: bytes) -> tuple[str | None, str | None]:
    """pdfaid:part and pdfaid:conformance of an XMP packet, as elements or as attributes."""
    ns = tt05()["pdfa"]["namespace"]
    try:
        root = etree.fromstring(xmp.strip(), safe_parser())
    except etree.XMLSyntaxError:
        return None, None
    found: dict[str, str] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in ("part", "conformance"):
            value = el.get(f"{{{ns}}}{name}") or (el.text if el.tag == f"{{{ns}}}{name}" else None)
            if value and value.strip():
                found.setdefault(name, value.strip())
    return found.get("part"), found.get("conformance")


def pdfa_declaration(path: str | Path) -> PdfaDeclaration:
    """The PDF/A a PDF declares in its XMP metadata (``pdfaid:part``, ``pdfaid:conformance``) and its page count.

    A declaration check, not a PDF/A conformance validator; a damaged or encrypted PDF declares nothing.
    """
    require_lxml()
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import resolve1

        from ...readers.pdf_errors import damage_errors
    except ImportError:  # pragma: no cover - pdfminer comes with the formats extra
        return PdfaDeclaration()
    try:
        with Path(path).open("rb") as f:
            doc = PDFDocument(PDFParser(f))
            count = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
            xmp = _xmp_bytes(resolve1(doc.catalog.get("Metadata")), tt05()["pdfa"]["max_xmp_bytes"])
    except damage_errors():
        return PdfaDeclaration()
    part, conformance = _pdfaid(xmp) if xmp else (None, None)
    return PdfaDeclaration(part, conformance, count if isinstance(count, int) else None)


def pdf_notes(name: str, decl: PdfaDeclaration, d: Directive) -> list[str]:
    """Warnings about a PDF of the package: no PDF/A declared, pages without a text layer."""
    notes = []
    if decl.label is None:
        notes.append(
            f"{name}: does not declare PDF/A (no pdfaid:part in its XMP metadata). Thông tư 05/2025 wants two-layer PDF/A for digitised paper "
            "documents; a born-digital PDF may be packed as it is (a declaration check, not a PDF/A validation)"
        )
    with_text = {b.page for b in d.boxes}
    if decl.pages and with_text:
        bare = sorted(set(range(1, decl.pages + 1)) - with_text)
        if bare:
            notes.append(f"{name}: no text layer on page(s) {', '.join(map(str, bare))} of {decl.pages} (a two-layer PDF has text on every page)")
    return notes


def pdf_version(path: Path) -> str | None:
    """The version a PDF's header gives ('1.7'), or None."""
    with path.open("rb") as f:
        m = re.search(rb"%PDF-(\d\.\d)", f.read(1024))
    return m.group(1).decode() if m else None
