"""Word 97–2003 automatic numbering: the list definitions of a .doc and the numbers they give paragraphs.

Word does not store a numbered paragraph's '1.', 'a)' or 'I.' in its text: the paragraph's properties
name a list (sprm ``PIlfo``, an index into the PlfLfo) and a level (``PIlvl``), and the number is
counted as the document is laid out ([MS-DOC] 2.4.6.4). The table stream holds the definitions:

- the PlfLst (FIB ``fcPlfLst``): a count, an LSTF per list (its ``lsid``, whether it has one level or
  nine), and after it, for each list in turn, its LVLs: an LVLF (the start number, the number format
  ``nfc``), two property lists, and the number text, an Xst in which the characters 0–8 stand for the
  numbers of levels 1–9 ('\\x00.' is '1.', '\\x00.\\x01.' is '1.2.', '\\x01)' is 'a)');
- the PlfLfo (``fcPlfLfo``): the LFOs that the paragraphs point to, each naming a list by ``lsid``, then
  for each LFO its LFOData, which may restart levels at another number or replace their definition.

The labels read like the .docx reader's (``readers/docx.py``): the number text and a space, '- ' for a
bullet. Numbers are counted per list and level, the deeper levels starting over when a shallower one
advances. Damaged definitions give no numbers: the text is read as without them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

LEVELS = 9  # levels of a multilevel list
LSTF_SIZE, LVLF_SIZE, LFO_SIZE, LFOLVL_SIZE = 28, 28, 16, 8
MAX_NUMBER_TEXT = 255  # characters of a level's number text; a longer one is damaged
MAX_ILFO = 0x07FE  # sprmPIlfo: 1..2046 name an LFO; 0 and 2047 (0x07FF) mean no list, larger ones are Word 6 numbering
_FLAG_SIMPLE = 0x01  # LSTF: fSimpleList, one level
_FLAG_LEGAL = 0x04  # LVLF: fLegal, every level's number in Arabic figures
_FLAG_START_AT, _FLAG_FORMATTING = 0x10, 0x20  # LFOLVL: the level restarts at iStartAt; an LVL replaces its definition

NFC_DECIMAL, NFC_UPPER_ROMAN, NFC_LOWER_ROMAN, NFC_UPPER_LETTER, NFC_LOWER_LETTER = 0, 1, 2, 3, 4
NFC_DECIMAL_ZERO, NFC_BULLET, NFC_NONE = 22, 23, 255
BULLET_LABEL = "- "  # what the .docx reader prints for a bullet
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_MAX_ROMAN = 3999
_MAX_LETTERS = 26 * 30  # Word writes 'aa', 'bbb' ... up to 30 letters
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Level:
    """A level of a list: where it starts, how its number is written, and its number text."""

    start: int
    nfc: int
    text: str  # the Xst, the characters 0–8 standing for the levels' numbers
    legal: bool = False


@dataclass(frozen=True)
class Override:
    """An LFO: the list it points to and what it changes of its levels."""

    lsid: int
    starts: dict[int, int] = field(default_factory=dict)  # level -> the number it restarts at
    levels: dict[int, Level] = field(default_factory=dict)  # level -> a definition replacing the list's


@dataclass(frozen=True)
class Lists:
    """The list definitions of a document: the lists by lsid, and the LFOs that paragraphs point to."""

    lists: dict[int, tuple[Level, ...]] = field(default_factory=dict)
    lfos: tuple[Override, ...] = ()


def read_lists(table: bytes, plf_lst: tuple[int, int], plf_lfo: tuple[int, int]) -> Lists:
    """The list definitions from the table stream, given the (fc, lcb) of the PlfLst and of the PlfLfo.
    Absent or damaged definitions give no lists (then no paragraph is numbered)."""
    try:
        lists = _plf_lst(table, *plf_lst)
        lfos = _plf_lfo(table, *plf_lfo) if lists else ()
    except (struct.error, IndexError, ValueError):
        return Lists()
    return Lists(lists, lfos)


def _plf_lst(table: bytes, fc: int, lcb: int) -> dict[int, tuple[Level, ...]]:
    if lcb < 2 or fc + lcb > len(table):
        return {}
    count = struct.unpack_from("<h", table, fc)[0]
    if count <= 0 or 2 + count * LSTF_SIZE > lcb:
        return {}
    heads = []
    for i in range(count):
        at = fc + 2 + i * LSTF_SIZE
        lsid = struct.unpack_from("<i", table, at)[0]
        heads.append((lsid, 1 if table[at + 26] & _FLAG_SIMPLE else LEVELS))
    at = fc + lcb  # the LVLs follow the PlfLst
    out: dict[int, tuple[Level, ...]] = {}
    for lsid, n in heads:
        levels = []
        for _ in range(n):
            level, at = _lvl(table, at)
            levels.append(level)
        out.setdefault(lsid, tuple(levels))
    return out


def _lvl(table: bytes, at: int) -> tuple[Level, int]:
    """The LVL at ``at`` and the offset after it."""
    if at + LVLF_SIZE > len(table):
        raise ValueError("an LVL runs past the table stream")
    start, nfc, flags = struct.unpack_from("<iBB", table, at)
    cb_chpx, cb_papx = table[at + 24], table[at + 25]
    at += LVLF_SIZE + cb_papx + cb_chpx
    cch = struct.unpack_from("<H", table, at)[0]
    if cch > MAX_NUMBER_TEXT or at + 2 + 2 * cch > len(table):
        raise ValueError("a level's number text is damaged")
    text = table[at + 2 : at + 2 + 2 * cch].decode("utf-16-le", errors="replace")
    return Level(start, nfc, text, bool(flags & _FLAG_LEGAL)), at + 2 + 2 * cch


def _plf_lfo(table: bytes, fc: int, lcb: int) -> tuple[Override, ...]:
    if lcb < 4 or fc + lcb > len(table):
        return ()
    count = struct.unpack_from("<I", table, fc)[0]
    if 4 + count * LFO_SIZE > lcb:
        return ()
    heads = [(struct.unpack_from("<i", table, fc + 4 + i * LFO_SIZE)[0], table[fc + 4 + i * LFO_SIZE + 12]) for i in range(count)]
    at = fc + 4 + count * LFO_SIZE
    out = []
    for lsid, n_overrides in heads:
        starts: dict[int, int] = {}
        levels: dict[int, Level] = {}
        at += 4  # LFOData.cp
        for _ in range(n_overrides):
            if at + LFOLVL_SIZE > len(table):
                raise ValueError("an LFOLVL runs past the table stream")
            start, flags = struct.unpack_from("<iI", table, at)
            at += LFOLVL_SIZE
            ilvl = flags & 0x0F
            if flags & _FLAG_FORMATTING:
                levels[ilvl], at = _lvl(table, at)
            if flags & _FLAG_START_AT:
                starts[ilvl] = start
        out.append(Override(lsid, starts, levels))
    return tuple(out)


class Numbering:
    """The labels of numbered paragraphs, counted in document order: call :meth:`label` for each
    numbered paragraph in turn."""

    def __init__(self, lists: Lists) -> None:
        self.lists = lists
        self.counters: dict[tuple[object, int], int] = {}

    def label(self, ilfo: int, ilvl: int) -> str:
        """The label ('1. ', 'a) ', '- ') of a paragraph in LFO ``ilfo`` (1-based) at level ``ilvl``;
        '' when it is in no list or the list is not defined."""
        if not 1 <= ilfo <= min(MAX_ILFO, len(self.lists.lfos)):
            return ""
        lfo = self.lists.lfos[ilfo - 1]
        levels = self.lists.lists.get(lfo.lsid)
        if not levels:
            return ""
        ilvl = min(max(ilvl, 0), len(levels) - 1)
        # An LFO that restarts levels numbers its paragraphs apart from the list's other LFOs.
        key: object = ("lfo", ilfo) if lfo.starts else lfo.lsid

        def level(k: int) -> Level:
            return lfo.levels.get(k) or levels[k]

        def start(k: int) -> int:
            return lfo.starts.get(k, level(k).start)

        self.counters[(key, ilvl)] = self.counters.get((key, ilvl), start(ilvl) - 1) + 1
        for deeper in range(ilvl + 1, len(levels)):
            self.counters.pop((key, deeper), None)
        spec = level(ilvl)
        if spec.nfc == NFC_BULLET:
            return BULLET_LABEL
        if spec.nfc == NFC_NONE:
            return ""
        out = []
        for c in spec.text:
            k = ord(c)
            if k < len(levels):
                nfc = NFC_DECIMAL if spec.legal and k != ilvl else level(k).nfc
                out.append(format_number(nfc, self.counters.get((key, k), start(k))))
            elif k >= LEVELS:
                out.append(c)
        text = "".join(out)
        return text + " " if text.strip() else ""


def format_number(nfc: int, n: int) -> str:
    """``n`` written in the number format ``nfc``; an unknown format, or a number the format cannot
    write, in Arabic figures."""
    if nfc in (NFC_UPPER_ROMAN, NFC_LOWER_ROMAN) and 0 < n <= _MAX_ROMAN:
        out = []
        for value, numeral in _ROMAN:
            while n >= value:
                out.append(numeral)
                n -= value
        roman = "".join(out)
        return roman if nfc == NFC_UPPER_ROMAN else roman.lower()
    if nfc in (NFC_UPPER_LETTER, NFC_LOWER_LETTER) and 0 < n <= _MAX_LETTERS:
        letters = _LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1)  # Word's 'aa' after 'z'
        return letters.upper() if nfc == NFC_UPPER_LETTER else letters
    if nfc == NFC_DECIMAL_ZERO and 0 <= n < 10:
        return f"0{n}"
    return str(n)
