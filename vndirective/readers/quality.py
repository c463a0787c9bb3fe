"""Whether a text layer reads as text: the share of its words written in letters no Vietnamese (or
English) text uses.

Some PDFs carry a text layer that is not the page's text: an OCR layer made by another program and
stored in a private 8-bit mapping, or fonts whose Unicode map is wrong, give 'BØC ÔNG AN' for
'BỘ CÔNG AN'. Every letter of such a word is a letter, so the parser would read on; but Vietnamese
is written with the Latin letters and Vietnamese's own (ă â đ ê ô ơ ư and the five tones), and a
word holding any other letter (Ø æ ¡ È…), or a glyph without a map ('(cid:16)'), is damage. On the
real and collected PDFs, sound text layers have at most 2.3 % (8.4 % for a test page of foreign
words) such words; the damaged one 26 %.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

GARBLED_SHARE = 0.15  # a text layer with more of its words damaged is not the page's text
MIN_WORDS = 50  # fewer words decide nothing

_WORD = re.compile(r"\(cid:\d+\)|[^\W\d_]+")
_LETTERS = frozenset("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below


_LATIN = ((0x41, 0x250), (0x1E00, 0x1F00), (0x212A, 0x212B))  # where every letter of Vietnamese and English is, each case and tone (and the Kelvin sign, a K)


def _is_letter(ch: str) -> bool:
    """Whether a character is a letter of Vietnamese or English, whatever its tone and case."""
    base = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", ch.lower()) if c not in _TONES))
    return base in _LETTERS


@cache
def _foreign() -> re.Pattern[str]:
    """A character that is no letter of Vietnamese or English (:func:`_is_letter`), found by one pattern: a word is
    looked at once, not a character at a time."""
    letters = "".join(chr(c) for first, end in _LATIN for c in range(first, end) if _is_letter(chr(c)))
    return re.compile(f"[^{re.escape(letters)}]")


def garbled_share(text: str) -> tuple[float, int]:
    """The share of the text's words that hold a letter neither Vietnamese nor English has, or an
    unmapped glyph, and how many words there are."""
    words = _WORD.findall(text)
    if not words:
        return 0.0, 0
    foreign = _foreign().search
    bad = sum(1 for w in words if w.startswith("(cid:") or foreign(w))
    return bad / len(words), len(words)


def garbled(text: str) -> float | None:
    """The share of damaged words of a text layer too damaged to be the page's text (see the module docstring);
    None for a sound one."""
    share, words = garbled_share(text)
    return share if words >= MIN_WORDS and share > GARBLED_SHARE else None


def is_garbled(text: str) -> bool:
    """Whether a text layer is too damaged to be the page's text (see the module docstring)."""
    return garbled(text) is not None
