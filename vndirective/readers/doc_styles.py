"""Word 97–2003 paragraph styles: the list a style puts its paragraphs in (Word's 'List Number', or
headings numbered by their style), from the style sheet of a .doc ([MS-DOC] 2.9.271 STSH).

The STSH (FIB ``fcStshf``) is a header (STSHI: the number of styles, the size of each style's fixed
part) and one STD per style: its fixed part (StdfBase: its kind, the style it is based on), its name,
then its property exceptions; a paragraph style's first is its PAPX (a style index and property
modifiers). A style without list properties of its own takes those of the style it is based on.
Damaged style sheets give no style lists.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

MAX_STYLES = 4095  # istd is 12 bits; 0x0FFF means none
MAX_BASE_DEPTH = 11  # styles based on styles: Word allows ten levels
_PARAGRAPH_STYLE = 1  # StdfBase.stk
_NO_STYLE = 0x0FFF

Sprms = Callable[[bytes], dict[int, int]]


def style_lists(table: bytes, stsh: tuple[int, int], sprms: Sprms, ilfo: int, ilvl: int) -> dict[int, tuple[int, int]]:
    """(LFO index, level) of each paragraph style that puts its paragraphs in a list, by style index.
    ``sprms`` reads a style's property modifiers; ``ilfo`` and ``ilvl`` are the sprms of the list and level."""
    try:
        own, bases = _styles(table, *stsh, sprms, ilfo, ilvl)
    except (struct.error, IndexError, ValueError):
        return {}
    out = {}
    for istd in bases:
        found: dict[str, int] = {}
        at, depth = istd, 0
        while at in bases and depth < MAX_BASE_DEPTH:
            for key, value in own.get(at, {}).items():
                found.setdefault(key, value)
            at, depth = bases[at], depth + 1
        if found.get("ilfo", 0) > 0:
            out[istd] = (found["ilfo"], found.get("ilvl", 0))
    return out


def _styles(table: bytes, fc: int, lcb: int, sprms: Sprms, ilfo: int, ilvl: int) -> tuple[dict[int, dict[str, int]], dict[int, int]]:
    """The list sprms that paragraph styles set themselves, and the style each paragraph style is based on."""
    own: dict[int, dict[str, int]] = {}
    bases: dict[int, int] = {}
    if lcb < 6 or fc + lcb > len(table):
        return own, bases
    stsh = table[fc : fc + lcb]
    cb_stshi = struct.unpack_from("<H", stsh, 0)[0]
    count, cb_base = struct.unpack_from("<HH", stsh, 2)
    at = 2 + cb_stshi
    for istd in range(min(count, MAX_STYLES)):
        cb_std = struct.unpack_from("<H", stsh, at)[0]
        std = stsh[at + 2 : at + 2 + cb_std]
        at += 2 + cb_std
        if at > len(stsh):
            raise ValueError("a style runs past the style sheet")
        if cb_std < max(cb_base, 6) + 2:
            continue  # an empty slot
        kind_base, cupx_next = struct.unpack_from("<HH", std, 2)
        if kind_base & 0x0F != _PARAGRAPH_STYLE:
            continue
        bases[istd] = kind_base >> 4
        if cupx_next & 0x0F == 0:
            continue
        name_chars = struct.unpack_from("<H", std, cb_base)[0]
        upx = cb_base + 2 + 2 * (name_chars + 1)  # the name and its terminating zero
        upx += upx & 1
        cb_upx = struct.unpack_from("<H", std, upx)[0]
        papx = std[upx + 2 : upx + 2 + cb_upx]
        props = sprms(papx[2:])  # after the style index
        values = {"ilfo": props[ilfo]} if ilfo in props else {}
        if ilvl in props:
            values["ilvl"] = props[ilvl]
        if values:
            own[istd] = values
    return own, bases
