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

import re
import unicodedata

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

# Tone placement on the open syllables oa, oe, uy varies: "hoà", "uỷ" carry the
# mark on the second vowel, "hòa", "ủy" on the first. Keys use the latter. Only
# at a syllable end, and never after "q" ("quý" is the same in both styles).
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below


def _tone_pairs() -> dict[str, str]:
    pairs = {}
    for first in "oOuU":
        for second in "aAeEyY":
            for tone in _TONES:
                old = unicodedata.normalize("NFC", first + second + tone)
                new = unicodedata.normalize("NFC", first + tone + second)
                if len(old) == len(new) == 2 and old != new:
                    pairs[old] = new
    return pairs


_TONE_PAIRS = _tone_pairs()


# Characters no printed document holds: invisible ones go, control characters become
# spaces, line and paragraph separators become line ends.
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
_ANY_ODD = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\r\u2028\u2029]")


def prepare(text: str) -> str:
    """Canonical form of a decoded input: NFC, ``\\n`` line ends, no BOM, no invisible or control characters."""
    # isprintable() is False for every odd character (and for tabs, NBSP...): a fast way to rule them all out.
    if not text.replace("\n", "").isprintable() and _ANY_ODD.search(text):
        text = _INVISIBLE.sub("", text)
        text = _LINE_BREAKS.sub("\n", text)
        text = _CONTROL.sub(" ", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


_OLD_TONE_SECOND = "[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?![^\\W\\d_])"
_OLD_TONE_QUICK = re.compile("[oOuU]" + _OLD_TONE_SECOND)
# For a long text, one pattern per first letter: a literal first character lets the scan skip
# ahead, where a character class tests every character.
_OLD_TONE_BY_LETTER = tuple(re.compile(c + _OLD_TONE_SECOND) for c in "oOuU")
_LONG = 200  # characters from which a text is scanned the way of long texts


_LOOK_ALIKE = re.compile("[" + "".join(re.escape(c) for c in _CHAR_MAP) + "]")


def _old_tone_pairs(text: str) -> list[int]:
    """Where an old-style pair ('oà', 'uỷ') ends a syllable, not after 'q' ('quá' is the same in both styles)."""
    if len(text) < _LONG:
        found = [m.start() for m in _OLD_TONE_QUICK.finditer(text)]
    else:
        found = sorted(m.start() for pattern in _OLD_TONE_BY_LETTER for m in pattern.finditer(text))
    return [i for i in found if not (i and text[i - 1] in "qQ")]


def _has_look_alike(text: str) -> bool:
    if len(text) < _LONG:
        return _LOOK_ALIKE.search(text) is not None
    return any(c in text for c in _CHAR_MAP)  # a substring test is a fast scan; a class tests every character


def fold(text: str) -> str:
    """Same-length matching view: look-alikes mapped, tone marks in one place."""
    if _has_look_alike(text):
        text = _LOOK_ALIKE.sub(lambda m: _CHAR_MAP[m.group()], text)
    hits = _old_tone_pairs(text)
    if not hits:
        return text
    pieces, last = [], 0
    for i in hits:
        pieces.append(text[last:i])
        pieces.append(_TONE_PAIRS[text[i : i + 2]])
        last = i + 2
    pieces.append(text[last:])
    return "".join(pieces)


def _skeleton_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0x61, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        c = chr(cp)
        if c in "đĐ":
            table[cp] = "D"
            continue
        base = unicodedata.normalize("NFD", c)[0]
        upper = base.upper()
        if len(upper) == 1 and upper.isascii() and upper != c:
            table[cp] = upper
    return table


_SKELETON = _skeleton_table()


_MARKS = re.compile("[\u0300-\u036f]+")


# Characters outside the Latin letters and their combining marks; in a skeleton each becomes one
# ASCII character ('…' a '.', quotes '"' or "'", anything else '?').
_NOT_LATIN = re.compile("[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff]")
_STAND_INS = {"…": ".", "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "•": "*", "·": ".", "★": "*", "☆": "*", "✱": "*"}


def _stand_in(m: re.Match[str]) -> str:
    return _STAND_INS.get(m.group(), "?")


def skeleton(text: str) -> str:
    """Same-length ASCII-ish key: no diacritics, upper case, ``Đ`` → ``D``; other symbols one ASCII character each."""
    return skeleton_of_folded(fold(text))


def skeleton_of_folded(folded: str) -> str:
    """:func:`skeleton` of a text already :func:`fold`-ed."""
    if folded.isascii():
        return folded.upper()
    plain = folded.replace("đ", "d").replace("Đ", "D")
    ascii_only = unicodedata.normalize("NFD", plain).encode("ascii", "ignore")
    if len(ascii_only) != len(plain) and _NOT_LATIN.search(plain):
        # Quotes, ellipses, bullets: one ASCII stand-in each, so the fast way still keeps the length.
        plain = _NOT_LATIN.sub(_stand_in, plain)
        ascii_only = unicodedata.normalize("NFD", plain).encode("ascii", "ignore")
    if len(ascii_only) == len(plain):  # only combining marks were dropped: the common case
        return ascii_only.decode("ascii").upper()
    bare = _MARKS.sub("", unicodedata.normalize("NFD", folded))
    if len(bare) == len(folded):
        upper = bare.upper()
        if len(upper) == len(folded):
            return upper.replace("Đ", "D")
    return folded.translate(_SKELETON)  # exotic characters: the slow, exact way


def key(text: str) -> str:
    """Comparison key for short values: folded, whitespace collapsed, case kept."""
    return " ".join(fold(prepare(text)).split())
