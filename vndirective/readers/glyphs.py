"""The characters of glyphs a PDF font gives no Unicode map for, recovered from the font itself.

Office PDFs printed by some tools (Microsoft Print to PDF among them) embed subset TrueType fonts
with Identity encoding and no ``ToUnicode``: the text layer holds glyph ids only, which
pdfplumber writes ``(cid:55)``. The glyph ids are the font program's own; the font program is
embedded. A glyph's character is found, in this order:

1. the embedded font's own ``cmap`` (Unicode subtables), then its glyph names (``post``);
2. its **outline**: a glyph drawn with the very same outline as a glyph that another font, with a
   Unicode map, maps to a character is that character. Outlines are compared by a digest of
   their points (:func:`outline_key`), so the same font program matches whatever glyph ids a
   subset gave it. The digests come from the fonts with a map in the same file and from a table
   shipped with the package (``data/glyph_outlines.json``), built from real office PDFs whose
   fonts do carry maps (``benchmarks/glyph_table.py``);
3. a **composite** glyph (``ế`` drawn as ``e`` + ``ˆ`` + ``´``) whose parts are known: the base
   letter and the marks, composed in Vietnamese order (shape marks before tone marks);
4. the **standard Macintosh glyph order** (ids 0–257) that Microsoft's core fonts follow, used only
   when the glyphs already identified in that range all agree with it.

What stays unknown is reported (:class:`FontGlyphs.unknown`), never guessed. fontTools reads the
fonts; it is imported only when a PDF has such a font.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import unicodedata
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

TABLE = "glyph_outlines.json"  # in vndirective/data
KEY_LENGTH = 16  # hex digits of an outline digest kept (64 bits)
MAC_ORDER_AGREEMENT = 8  # glyphs of ids 0-257 identified otherwise that must agree with the Macintosh order
SHAPE_MARKS = "\u0302\u0306\u031b"  # circumflex, breve, horn: they make the vowel (â ă ơ ư), tones go on it
SPACING_MARKS = {"^": "\u0302", "ˆ": "\u0302", "˘": "\u0306", "`": "\u0300", "´": "\u0301", "˜": "\u0303", "~": "\u0303", "¨": "\u0308", "˚": "\u030a"}


def outline_key(glyf: Any, name: str, memo: dict[str, str | None]) -> str | None:
    """A digest of glyph ``name``'s outline in a fontTools ``glyf`` table (None for an empty glyph).

    A simple glyph: its points, contour ends and on-curve flags; a composite: its components'
    digests with their offsets and transforms, so that the digest does not depend on glyph ids.
    """
    if name in memo:
        return memo[name]
    memo[name] = None  # a composite that refers to itself ends here
    glyph = glyf[name]
    key: str | None = None
    if glyph.isComposite():
        parts = [(outline_key(glyf, c.glyphName, memo), c.x, c.y, _transform(c)) for c in glyph.components]
        key = _digest(repr(parts))
    elif glyph.numberOfContours > 0:
        points = [(int(x), int(y)) for x, y in glyph.coordinates]
        key = _digest(repr((points, list(glyph.endPtsOfContours), [f & 1 for f in glyph.flags])))
    memo[name] = key
    return key


def _transform(component: Any) -> tuple[float, ...] | None:
    transform = getattr(component, "transform", None)
    return tuple(round(float(v), 4) for row in transform for v in row) if transform is not None else None


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("ascii")).hexdigest()[:KEY_LENGTH]


@functools.lru_cache(maxsize=1)
def shipped_table() -> Mapping[str, str]:
    """The outline digests → characters shipped with the package (read once)."""
    try:
        text = resources.files("vndirective").joinpath("data").joinpath(TABLE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):  # pragma: no cover - an installation without the data file
        return {}
    outlines: dict[str, str] = json.loads(text)["outlines"]
    return outlines


def open_font(data: bytes) -> Any:
    """A fontTools TTFont of an embedded TrueType program, or None when it cannot be read as one."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        return None
    try:
        font = TTFont(io.BytesIO(data), lazy=True)
        if "glyf" not in font:
            return None
        if "post" not in font or font["post"].formatType == 3:
            # No glyph names: fontTools would make them up from the cmap (read twice for it), a few ms a
            # font; plain names by id serve as well, since glyphs are told by their outlines and cmap here.
            font.setGlyphOrder([f"glyph{gid:05d}" for gid in range(font["maxp"].numGlyphs)])
        font.getGlyphOrder()
        return font
    except Exception:  # a damaged font program is a font we cannot read, never a crash
        return None


def glyf_of(font: Any) -> Any:
    """The font's glyphs by name, read from its bytes one glyph at a time (:class:`.glyf_raw.RawGlyf`),
    or fontTools' ``glyf`` table when the bytes do not read that way."""
    from .glyf_raw import RawGlyf

    try:
        return RawGlyf(font)
    except Exception:  # a table the raw reader does not take: fontTools reads what it can
        return font["glyf"]


class FontGlyphs:
    """The characters of one embedded TrueType font's glyphs, by glyph id, found as the module says.

    ``known``: outline digests → characters learnt elsewhere (the file's mapped fonts); the
    shipped table is consulted after it.
    """

    def __init__(self, font: Any, known: Mapping[str, str] | None = None) -> None:
        self.font = font
        self.order: list[str] = font.getGlyphOrder()
        self.glyf = glyf_of(font)
        self.known = known or {}
        self.memo: dict[str, str | None] = {}
        self.cache: dict[int, str | None] = {}
        self.own = _own_map(font, self.order)
        self.mac: bool | None = None  # whether the Macintosh order holds (decided on first need)

    def char(self, gid: int) -> str | None:
        """The text glyph ``gid`` stands for, or None when nothing tells it."""
        if gid in self.cache:
            return self.cache[gid]
        text = self._find(gid)
        self.cache[gid] = text
        return text

    def _find(self, gid: int) -> str | None:
        if not 0 <= gid < len(self.order):
            return None
        if gid in self.own:
            return self.own[gid]
        name = self.order[gid]
        if self._blank(name):
            return " "  # a glyph that draws nothing but moves the pen on: a space
        text = self._by_outline(name)
        if text is None:
            text = self._composite(name)
        if text is None and gid < 258 and self._mac_order():
            text = _mac_char(gid)
        return text

    def _blank(self, name: str) -> bool:
        try:
            glyph = self.glyf[name]
            return glyph.numberOfContours == 0 and self.font["hmtx"][name][0] > 0
        except Exception:  # a damaged glyph
            return False

    def _by_outline(self, name: str) -> str | None:
        try:
            key = outline_key(self.glyf, name, self.memo)
        except Exception:  # a damaged glyph
            return None
        if key is None:
            return None
        return self.known.get(key) or shipped_table().get(key)

    def _composite(self, name: str) -> str | None:
        try:
            glyph = self.glyf[name]
            if not glyph.isComposite():
                return None
            parts = [self._by_outline(c.glyphName) or self._composite(c.glyphName) for c in glyph.components]
        except Exception:  # a damaged glyph
            return None
        if any(p is None for p in parts):
            return None
        return compose([p for p in parts if p is not None])

    def _mac_order(self) -> bool:
        if self.mac is None:
            agree = disagree = 0
            for gid in range(1, min(258, len(self.order))):
                found = self._by_outline(self.order[gid])
                expected = _mac_char(gid)
                if found is None or expected is None:
                    continue
                if found == expected:
                    agree += 1
                else:
                    disagree += 1
            self.mac = agree >= MAC_ORDER_AGREEMENT and disagree == 0
        return self.mac


def _own_map(font: Any, order: list[str]) -> dict[int, str]:
    """Glyph id → character from the font's own Unicode cmap, else from its glyph names."""
    out: dict[int, str] = {}
    ids = font.getReverseGlyphMap()
    try:
        cmap = font["cmap"].getBestCmap() if "cmap" in font else None
    except Exception:  # a damaged cmap is none
        cmap = None
    for code, name in (cmap or {}).items():
        if name in ids and not 0xE000 <= code <= 0xF8FF:  # private-use codes (symbol fonts) say nothing
            out.setdefault(ids[name], chr(code))
    if out:
        return out
    try:
        from fontTools.agl import toUnicode
    except ImportError:  # pragma: no cover - fontTools always has it
        return out
    for gid, name in enumerate(order):
        if name.startswith(("glyph", ".")) or name in {"", "space"}:
            continue
        text = toUnicode(name)
        if text and not any(0xE000 <= ord(c) <= 0xF8FF for c in text):
            out[gid] = text
    return out


def _mac_char(gid: int) -> str | None:
    from fontTools.agl import toUnicode
    from fontTools.ttLib.standardGlyphOrder import standardGlyphOrder

    if not 0 < gid < len(standardGlyphOrder):
        return None
    return toUnicode(standardGlyphOrder[gid]) or None


def compose(parts: Iterable[str]) -> str | None:
    """A base letter and marks (combining, or the spacing accents fonts draw them with) as one
    character in NFC, shape marks before tone marks as Vietnamese composes them; None when the
    parts are not one letter and marks."""
    base = ""
    marks: list[str] = []
    for part in parts:
        for ch in unicodedata.normalize("NFD", part):
            if unicodedata.combining(ch):
                marks.append(ch)
            elif ch in SPACING_MARKS:
                marks.append(SPACING_MARKS[ch])
            elif not base and ch.isalpha():
                base = ch
            else:
                return None
    if not base or not marks:
        return None
    marks.sort(key=lambda m: m not in SHAPE_MARKS)
    text = unicodedata.normalize("NFC", base + "".join(marks))
    return text if len(text) == 1 else None


def learn(font: Any, to_unicode: Mapping[int, str], into: dict[str, str], conflicts: set[str]) -> None:
    """Add to ``into`` the outline digests of a font whose Unicode map (glyph id → text) is known,
    and the marks its composite glyphs are drawn with; a digest two characters claim goes to
    ``conflicts`` (and is dropped by the caller)."""
    order = font.getGlyphOrder()
    glyf = glyf_of(font)
    memo: dict[str, str | None] = {}

    def put(key: str | None, text: str) -> None:
        if key is None or key in conflicts:
            return
        if into.get(key, text) != text:
            conflicts.add(key)
            del into[key]
        else:
            into[key] = text

    composites: list[tuple[str, list[str]]] = []
    for gid, text in to_unicode.items():
        if not 0 <= gid < len(order) or not text or text.isspace():
            continue
        text = unicodedata.normalize("NFC", text)
        try:
            put(outline_key(glyf, order[gid], memo), text)
            glyph = glyf[order[gid]]
            if glyph.isComposite() and len(text) == 1:
                composites.append((text, [c.glyphName for c in glyph.components]))
        except Exception:  # a damaged glyph teaches nothing
            continue
    for _ in range(3):  # marks found from one composite tell the others' remaining parts
        for text, names in composites:
            _learn_marks(text, [outline_key(glyf, n, memo) for n in names], into, put)


def _learn_marks(text: str, keys: list[str | None], into: dict[str, str], put: Any) -> None:
    """From a composite glyph known to be ``text`` (a letter with marks): its one unknown part
    is the marks the known parts leave over."""
    decomposed = unicodedata.normalize("NFD", text)
    base, marks = decomposed[0], list(decomposed[1:])
    if not marks:
        return
    unknown = [k for k in keys if k is not None and k not in into]
    if len(unknown) != 1:
        return
    left = list(marks)
    seen_base = False
    for key in keys:
        if key is None or key == unknown[0]:
            continue
        for ch in unicodedata.normalize("NFD", into[key]):
            if not seen_base and ch == base:
                seen_base = True
            elif ch in left:
                left.remove(ch)
            elif SPACING_MARKS.get(ch) in left:
                left.remove(SPACING_MARKS[ch])
            else:
                return  # the parts do not add up: learn nothing
    if seen_base and left:
        put(unknown[0], "".join(left))
    elif not seen_base and not left:
        put(unknown[0], base)  # the marks are all known: the unknown part is the letter
