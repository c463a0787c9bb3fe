"""Matching keys for Vietnamese text.

The parser never rewrites the text that values are cut from. It runs its
patterns on *views* of the text that have exactly the same length, so a match
at ``[i, j)`` in a view is the span ``[i, j)`` in the original:

- :func:`fold` maps look-alike characters (``Ð`` U+00D0 → ``Đ``, dashes → ``-``,
  exotic spaces → space) and moves old-style tone marks to the new place
  (``hoà`` → ``hòa``, ``uỷ`` → ``ủy``);
- :func:`skeleton` is ``fold`` without diacritics, upper-cased and with ``Đ`` →
  ``D``: robust keys for OCR damage and missing accents.

:func:`prepare` is the one non length-preserving step, applied once by the
readers: NFC, BOM removal and ``\\n`` line endings.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_CHAR_MAP = {
    "\u00d0": "\u0110",  # Ð (eth) → Đ
    "\u00f0": "\u0111",  # ð → đ
    "\u0189": "\u0110",  # Ɖ (African D) → Đ
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": " ",
    "\u3000": " ",
    "\t": " ",
    "\u2044": "/",  # fraction slash (OCR)
    "\u2215": "/",
}
_TRANS = str.maketrans(_CHAR_MAP)

# Tone placement on the open syllables oa, oe, uy varies: "hoà", "uỷ" carry the
# mark on the second vowel, "hòa", "ủy" on the first. Keys use the latter.
# Only at a syllable end, and never after "q" ("quý" is the same in both styles).
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_OLD_TONE = regex.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?!\p{L})")


def prepare(text: str) -> str:
    """Canonical form of a decoded input: NFC, no BOM, ``\\n`` line ends."""
    text = text.replace("\ufeff", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _fix_tone_placement(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    if not _OLD_TONE.search(decomposed):
        return text
    fixed = _OLD_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    out = unicodedata.normalize("NFC", fixed)
    return out if len(out) == len(text) else text


def fold(text: str) -> str:
    """Same-length matching view: look-alikes mapped, new-style tone marks."""
    folded = text.translate(_TRANS)
    # Only the words that need it are re-composed, to keep the length exact.
    return regex.sub(r"\p{L}+", _fold_word, folded) if _maybe_old_tone(folded) else folded


_OLD_TONE_CHARS = frozenset("àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ")


def _maybe_old_tone(text: str) -> bool:
    return any(c in _OLD_TONE_CHARS for c in text)


def _fold_word(m: regex.Match[str]) -> str:
    word = m.group(0)
    if not any(c in _OLD_TONE_CHARS for c in word):
        return word
    return _fix_tone_placement(word)


@lru_cache(maxsize=4096)
def _base_char(c: str) -> str:
    if c in "đĐ":
        return "D"
    base = unicodedata.normalize("NFD", c)[0]
    upper = base.upper()
    return upper if len(upper) == 1 else base


def skeleton(text: str) -> str:
    """Same-length ASCII-ish key: no diacritics, upper case, ``Đ`` → ``D``."""
    folded = fold(text)
    if folded.isascii():
        return folded.upper()
    return "".join(c.upper() if c.isascii() else _base_char(c) for c in folded)


def key(text: str) -> str:
    """Comparison key for short values: folded, whitespace collapsed, case kept."""
    return " ".join(fold(prepare(text)).split())


def loose_key(text: str) -> str:
    """Comparison key ignoring case, spacing and edge punctuation."""
    k = key(text).casefold()
    k = regex.sub(r"\s*([-/:,;])\s*", r"\1", k)
    return k.strip(" .,;:-*_#|")
