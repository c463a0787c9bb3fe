"""Plain text and Markdown: decode, then build the line model.

Markdown needs no reader of its own: marks are trimmed from segments and
values, tables become cells, so a ``.txt`` produced by a Markdown converter
reads the same as a ``.md``.
"""

from __future__ import annotations

import re
import unicodedata

from ..core import legacy
from ..core.lines import Layout, build_layout
from ..core.messages import warn
from ..core.model import ParseWarning
from ..errors import UndecodableText, UnsupportedFormat

_VIETNAMESE = re.compile("[\u1ea0-\u1ef9ơưđăƠƯĐĂ]")


_STRAY = re.compile("[©¨®¶µ¸¹»¼½¾§¦ª«¬¯±²³´·º×÷þ\ufffd]")


def _score(text: str) -> int:
    return len(_VIETNAMESE.findall(text)) - 3 * len(_STRAY.findall(text))


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
        # An 8-bit file: typed in TCVN3 or VNI (converted later), or in Windows-1258.
        # Keep the reading that gives the most Vietnamese letters and the fewest stray symbols.
        latin = data.decode("cp1252", errors="replace")
        vietnamese = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
        found = legacy.detect(latin)
        best, score = None, 4  # below 5 Vietnamese letters, the bytes are something else
        if "\ufffd" not in vietnamese and _score(vietnamese) > score:
            best, score = vietnamese, _score(vietnamese)
        if found and _score(legacy.convert(latin, found)) > score:
            best = latin
        if best is not None:
            return best
        raise UndecodableText(
            f"{name}: not valid UTF-8 (byte {exc.start}). Vietnamese files in Windows-1258, TCVN3 (ABC) or VNI "
            "must be converted to Unicode first, or pass encoding='cp1258' (CLI: --encoding cp1258) if that is what it is."
        ) from exc


def read_bytes(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> Layout:
    """A Layout from the bytes of a text or Markdown file."""
    text = decode(data, name, encoding)
    layout = build_layout(text)
    layout.warnings.extend(decoding_warnings(data, text, encoding))
    return layout


def decoding_warnings(data: bytes, text: str, encoding: str | None) -> list[ParseWarning]:
    """A warning when bytes that are not UTF-8 were decoded with a guessed encoding."""
    if encoding is None and _not_utf8(data):
        found = "Windows-1252 (legacy font text)" if text == data.decode("cp1252", errors="replace") else "Windows-1258"
        return [warn("decoded_as", encoding=found)]
    return []


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    return False
