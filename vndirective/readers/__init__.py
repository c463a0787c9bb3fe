"""Readers: one per input format, each turning a source into the same :class:`~vndirective.core.lines.Layout`.

``read(path)`` decides the format by content (magic bytes) first and by the
file name second, and raises a typed error for what it cannot read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CorruptDocument, DocumentNotFound, EncryptedDocument, UnsupportedFormat
from .files import SUFFIXES as SUFFIXES
from .limits import DEFAULT, Limits, exceeded

if TYPE_CHECKING:  # the line model loads with the parser, on the first read: `import vndirective.readers` stays light
    from ..core.lines import Layout
    from .ocr import Ocr

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an OLE compound file: Word 97-2003 (.doc), or Excel, PowerPoint...
_BINARY_MAGIC = {
    b"{\\rtf": "RTF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".html", ".htm", ""}


_LONGEST_PATH = 4096  # PATH_MAX on Linux; a longer "path" is text passed by mistake
_WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")


def _zip_names(data: bytes) -> list[str] | None:
    """The member names of a zip archive, or None when its directory cannot be read."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None


def _head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as f:
        return f.read(size)


def read(
    path: str | Path, encoding: str | None = None, ocr: Ocr = "auto", password: str | None = None, limits: Limits | None = None
) -> Layout:
    """Read a file into a Layout, or raise a typed error naming the file.

    ``password`` opens an encrypted PDF; ``limits`` (default :data:`~vndirective.readers.limits.DEFAULT`)
    bounds what a file may cost in time and memory.
    """
    limits = limits or DEFAULT
    if isinstance(path, str) and ("\n" in path or len(path) > _LONGEST_PATH):
        raise DocumentNotFound(
            f"{path[:60]!r}...: this looks like the text of a document, not a path; "
            "parse text with vndirective.parse_text(text)"
        )
    p = Path(path)
    try:
        exists = p.exists()
    except OSError as e:  # a name the file system refuses (too long, bad characters)
        raise DocumentNotFound(f"{str(p)[:200]}: not a usable path ({e.strerror or e}).") from e
    if not exists:
        raise DocumentNotFound(f"{p}: no such file. Check the path (relative paths are read from {Path.cwd()}).")
    if not p.is_file():
        raise DocumentNotFound(f"{p}: not a file (a directory?). Pass one document; use the batch tools for folders.")
    size = p.stat().st_size
    if size > limits.max_file_bytes:
        raise exceeded(str(p), f"the file has {size:,} bytes", "max_file_bytes", limits.max_file_bytes)
    head = _head(p)
    if head.startswith(b"%PDF"):
        from .pdf import read_pdf

        return read_pdf(p.read_bytes(), name=str(p), ocr=ocr, password=password, limits=limits)
    if head.startswith(b"PK\x03\x04"):
        return _read_zip(p, p.read_bytes(), limits)
    if head.startswith(b"\xd0\xcf\x11\xe0") and _ENCRYPTED_OFFICE in p.read_bytes():
        only_pdf = "; the password argument opens PDF files only" if password else ""
        raise EncryptedDocument(
            f"{p}: this is a password-protected (encrypted) Office document, and vndirective cannot decrypt them{only_pdf}. "
            "Open it in Word with its password and save a copy without one (File > Info > Protect Document), "
            "or decrypt it with msoffcrypto-tool (msoffcrypto-tool -p PASSWORD in.docx out.docx); then parse the copy."
        )
    if head.startswith(_OLE_MAGIC):
        from .doc import read_doc

        return read_doc(p.read_bytes(), name=str(p), limits=limits)
    for magic, name in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise UnsupportedFormat(
                f"{p}: this is {name}; vndirective reads plain text, Markdown, HTML, Word (.docx, .doc) and PDF files. "
                "Convert the file to one of these first."
            )
    if p.suffix.lower() not in TEXT_SUFFIXES and b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormat(f"{p}: binary content with the suffix '{p.suffix}'; vndirective reads .txt and .md files.")
    if size > limits.max_text_bytes:
        raise exceeded(str(p), f"the file has {size:,} bytes, too many for a text document", "max_text_bytes", limits.max_text_bytes)
    data = p.read_bytes()
    from ..core.lines import build_layout
    from ..core.messages import warn
    from . import text as _text
    from .html import is_markup, read_html

    if _looks_like_html(data, p):
        return read_html(_text.decode(data, str(p), encoding))
    if b"</" not in data:
        return _text.read_bytes(data, name=str(p), encoding=encoding)
    text = _text.decode(data, str(p), encoding)
    if is_markup(text):  # an HTML page or fragment saved as text
        layout = read_html(text)
        layout.warnings.append(warn("html_markup"))
    else:
        layout = build_layout(text)
    layout.warnings.extend(_text.decoding_warnings(data, text, encoding))
    return layout


_ENCRYPTED_OFFICE = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .docx is kept in


def _read_zip(p: Path, data: bytes, limits: Limits) -> Layout:
    names = _zip_names(data)
    if names is not None and "word/document.xml" in names:
        from .docx import read_docx

        return read_docx(data, name=str(p), limits=limits)
    if names is None and (p.suffix.lower() in _WORD_SUFFIXES or b"word/document.xml" in data):  # a local header survives a cut
        raise CorruptDocument(
            f"{p}: the Word file is damaged or truncated (its zip directory cannot be read). "
            "Get a complete copy, or open it in Word, which offers to recover the text, and save it again."
        )
    raise UnsupportedFormat(
        f"{p}: this is a ZIP archive without a Word document in it; vndirective reads plain text, Markdown, HTML, Word (.docx, .doc) and PDF files. "
        "Convert the file to one of these first."
    )


def _looks_like_html(data: bytes, path: Path) -> bool:
    head = data[:2048].lstrip().lower()
    return path.suffix.lower() in (".html", ".htm") or head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html"))
