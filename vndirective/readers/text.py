"""Plain text and Markdown: decode, then build the line model.

Markdown needs no reader of its own: marks are trimmed from segments and
values, tables become cells, so a ``.txt`` produced by a Markdown converter
reads the same as a ``.md``.
"""

from __future__ import annotations

from ..errors import UndecodableText, UnsupportedFormat
from ..lines import Layout, build_layout


def decode(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> str:
    """Bytes → str: the given encoding, else UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise UndecodableText(f"{name}: cannot decode as {encoding}: {exc}") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableText(f"{name}: starts with a UTF-16 byte-order mark but does not decode as UTF-16: {exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"\x00" in data[:4096]:
            raise UnsupportedFormat(f"{name}: binary content, not a text document.") from exc
        raise UndecodableText(
            f"{name}: not valid UTF-8 (byte {exc.start}). Vietnamese files in Windows-1258, TCVN3 (ABC) or VNI "
            "must be converted to Unicode first, or pass encoding='cp1258' (CLI: --encoding cp1258) if that is what it is."
        ) from exc


def read_bytes(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> Layout:
    """A Layout from the bytes of a text or Markdown file."""
    return build_layout(decode(data, name, encoding))
