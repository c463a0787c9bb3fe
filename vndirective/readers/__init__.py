"""Readers: one per input format, each turning a source into the same :class:`~vndirective.lines.Layout`.

``read(path)`` decides the format by content (magic bytes) first and by the
file name second, and raises a typed error for what it cannot read.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DocumentNotFound, UnsupportedFormat
from ..lines import Layout
from . import text as _text

_BINARY_MAGIC = {
    b"PK\x03\x04": "a ZIP container (DOCX, XLSX, ODT...)",
    b"\xd0\xcf\x11\xe0": "a legacy Microsoft Office file (.doc)",
    b"{\\rtf": "RTF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".html", ".htm", ""}


def _zip_has(data: bytes, member: str) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return member in z.namelist()
    except zipfile.BadZipFile:
        return False


def read(path: str | Path, encoding: str | None = None, ocr: bool = False) -> Layout:
    """Read a file into a Layout, or raise a typed error naming the file."""
    p = Path(path)
    if not p.exists():
        raise DocumentNotFound(f"{p}: no such file. Check the path (relative paths are read from {Path.cwd()}).")
    if not p.is_file():
        raise DocumentNotFound(f"{p}: not a file (a directory?). Pass one document; use the batch tools for folders.")
    data = p.read_bytes()
    head = data[:8]
    if head.startswith(b"PK\x03\x04") and _zip_has(data, "word/document.xml"):
        from .docx import read_docx

        return read_docx(data, name=str(p))
    if head.startswith(b"%PDF"):
        from .pdf import read_pdf

        return read_pdf(data, name=str(p), ocr=ocr)
    for magic, name in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise UnsupportedFormat(
                f"{p}: this is {name}; vndirective reads plain text, Markdown, Word (.docx) and PDF files. "
                "Convert the file to one of these first."
            )
    if p.suffix.lower() not in TEXT_SUFFIXES and b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormat(f"{p}: binary content with the suffix '{p.suffix}'; vndirective reads .txt and .md files.")
    if _looks_like_html(data, p):
        from .html import read_html

        return read_html(_text.decode(data, str(p), encoding))
    return _text.read_bytes(data, name=str(p), encoding=encoding)


def _looks_like_html(data: bytes, path: Path) -> bool:
    head = data[:2048].lstrip().lower()
    return path.suffix.lower() in (".html", ".htm") or head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html"))
