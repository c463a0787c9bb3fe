"""Text typed in the legacy Vietnamese font encodings, TCVN3 (ABC, '.VnTime') and VNI.

Read as Unicode, such text turns into mojibake: TCVN3 gives 'Uû ban nh©n d©n tØnh',
VNI gives 'UÛy ban nhaân daân tænh'. :func:`detect` recognises it and :func:`convert`
turns it into Unicode with the tables of ``data/legacy.json``.
"""

from __future__ import annotations

import re
from functools import cache

# Characters that TCVN3 uses for Vietnamese letters but that no Unicode Vietnamese text holds.
# (Only its symbols count: the Latin-1 letters it also uses are VNI's too.)
_TCVN3_MARKS = re.compile("[©¨®¶µ¸¹»¼½¾§¦ª«¬¯±²³´·º×÷þ]")
# VNI writes a base letter followed by a mark from Latin-1: 'aø' (à), 'aù' (á), 'oâ' (ô), 'ñ' (đ).
_VNI_MARKS = re.compile("[aeiouyAEIOUYôöÔÖ][âêôöøùûõïäåáàÂÊÔÖØÙÛÕÏÄÅÁÀ]")
# Letters only Unicode Vietnamese has: ạ…ỹ, ơ, ư, đ, ă.
_VIETNAMESE = re.compile("[\\u1ea0-\\u1ef9ơưđăƠƯĐĂ]")

_COMMON_VIETNAMESE = "đươệạộủ"  # a few of them, counted first: plain Unicode text is settled at once


def detect(text: str, sample: int = 20_000) -> str | None:
    """'TCVN3' or 'VNI' when the text looks typed in that encoding, else None."""
    start = text[:2000]
    if sum(start.count(c) for c in _COMMON_VIETNAMESE) >= 40 or len(_VIETNAMESE.findall(start)) >= 40:
        return None  # plainly Unicode Vietnamese: no need to look further
    head = text[:sample]
    tcvn3 = len(_TCVN3_MARKS.findall(head))
    vni = len(_VNI_MARKS.findall(head))
    native = len(_VIETNAMESE.findall(head))
    best, count = ("TCVN3", tcvn3) if tcvn3 >= vni else ("VNI", vni)
    if count >= 6 and count > 2 * native:
        return best
    return None


@cache
def _table(encoding: str) -> tuple[re.Pattern[str], dict[str, str]]:
    from .codes import load

    mapping = {k: v for k, v in load("legacy")[encoding].items()}
    keys = sorted(mapping, key=len, reverse=True)  # VNI: a letter and its mark before a lone mark
    return re.compile("|".join(re.escape(k) for k in keys)), mapping


_UY_BAN = re.compile(r"(?<!\w)(?:ủy|uỷ) ban(?!\w)")
_CAPS_WORD = re.compile(r"[^\n|]+")  # a line, or a table cell of it ('- Như trên; | Bí THƯ')
_SENTENCE_START = re.compile(r"((?:^|\n|[.:;!?]\s|^[-+*]\s|\n[ \t]*[-+*]\s)[ \t]*)(\w)")


def convert(text: str, encoding: str) -> str:
    """Unicode text from TCVN3 or VNI mojibake (see :func:`detect`)."""
    pattern, mapping = _table(encoding)
    out = pattern.sub(lambda m: mapping[m.group(0)], text)
    if encoding == "TCVN3":
        # Capitals typed in a '.VnTimeH' font come out in small letters: 'HUYÖN' → 'HUYỆN'
        # (a line whose Latin letters are all capitals is a line of capitals), and 'ñy ban'
        # at the start of a line or sentence is 'Ủy ban'.
        out = _CAPS_WORD.sub(_caps, out)
        converted = set(mapping.values())
        out = _SENTENCE_START.sub(lambda m: m.group(1) + (m.group(2).upper() if m.group(2) in converted else m.group(2)), out)
        # .VnTime has no capital Ủ: 'của ñy ban' reads 'của ủy ban'; an 'Ủy ban' is always written with its capital.
        out = _UY_BAN.sub(lambda m: m.group(0)[0].upper() + m.group(0)[1:], out)
    return out


def _caps(m: re.Match[str]) -> str:
    line = m.group(0)
    words = [w for w in line.split() if not any(c.isdigit() or c == "/" for c in w)]  # ids are not words
    ascii_letters = [c for w in words for c in w if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 3 and all(c.isupper() for c in ascii_letters):
        return line.upper()
    return line
