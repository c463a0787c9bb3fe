"""The outlines of a TrueType font's glyphs read straight from its ``glyf`` and ``loca`` bytes.

fontTools' ``glyf`` table splits every glyph of a font into an object when first touched, which
cost more than the rest of a page's reading for a PDF with ten embedded fonts; here a glyph is
read when asked for, and only what :func:`~vndirective.readers.glyphs.outline_key` reads of it:
its contour ends, points and on-curve flags, or its components' glyphs, offsets and transforms,
in the same shapes fontTools gives them (so the digests are the same).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

# Composite glyph component flags (OpenType glyf table)
ARG_1_AND_2_ARE_WORDS = 0x0001
ARGS_ARE_XY_VALUES = 0x0002
WE_HAVE_A_SCALE = 0x0008
MORE_COMPONENTS = 0x0020
WE_HAVE_AN_X_AND_Y_SCALE = 0x0040
WE_HAVE_A_TWO_BY_TWO = 0x0080
# Simple glyph point flags
X_SHORT, Y_SHORT, REPEAT, X_SAME, Y_SAME = 0x02, 0x04, 0x08, 0x10, 0x20
F2DOT14 = 1 << 14


class Component:
    """One part of a composite glyph, in fontTools' names (which outline_key reads): the glyph it draws,
    its offset ``x``, ``y`` — set only when the offsets are coordinates, as fontTools does — and its
    ``transform`` when it has one."""

    def __init__(self, name: str, flags: int, offset: tuple[int, int] | None) -> None:
        self.glyphName = name
        self.flags = flags
        if offset is not None:
            self.x, self.y = offset
        self.transform: list[list[float]] | None = None


@dataclass
class Glyph:
    """What of a glyph an outline digest reads, in fontTools' shapes and names."""

    numberOfContours: int = 0
    endPtsOfContours: list[int] = field(default_factory=list)
    coordinates: list[tuple[int, int]] = field(default_factory=list)
    flags: list[int] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)

    def isComposite(self) -> bool:
        return self.numberOfContours < 0


class RawGlyf:
    """A read-only ``glyf`` table by glyph name, each glyph parsed on first use."""

    def __init__(self, font: Any) -> None:
        self.order: list[str] = font.getGlyphOrder()
        self.ids: dict[str, int] = font.getReverseGlyphMap()  # built once per font, shared
        self.data: bytes = font.reader["glyf"]
        loca: bytes = font.reader["loca"]
        count = len(self.order) + 1
        if font["head"].indexToLocFormat == 0:
            self.offsets = [2 * v for v in struct.unpack_from(f">{count}H", loca)]
        else:
            self.offsets = list(struct.unpack_from(f">{count}I", loca))
        self.cache: dict[str, Glyph] = {}

    def __getitem__(self, name: str) -> Glyph:
        glyph = self.cache.get(name)
        if glyph is None:
            gid = self.ids[name]  # KeyError for a name the font lacks, as fontTools
            glyph = self._parse(self.offsets[gid], self.offsets[gid + 1])
            self.cache[name] = glyph
        return glyph

    def _parse(self, start: int, end: int) -> Glyph:
        if end <= start:
            return Glyph()
        (contours,) = struct.unpack_from(">h", self.data, start)
        at = start + 10  # the bounding box is not read
        if contours < 0:
            return Glyph(numberOfContours=-1, components=self._components(at))
        return self._simple(contours, at)

    def _simple(self, contours: int, at: int) -> Glyph:
        data = self.data
        ends = list(struct.unpack_from(f">{contours}H", data, at))
        at += 2 * contours
        (instructions,) = struct.unpack_from(">H", data, at)
        at += 2 + instructions
        points = ends[-1] + 1 if ends else 0
        flags: list[int] = []
        while len(flags) < points:
            flag = data[at]
            at += 1
            flags.append(flag)
            if flag & REPEAT:
                flags.extend([flag] * data[at])
                at += 1
        del flags[points:]
        xs, at = _deltas(data, at, flags, X_SHORT, X_SAME)
        ys, at = _deltas(data, at, flags, Y_SHORT, Y_SAME)
        return Glyph(numberOfContours=contours, endPtsOfContours=ends, coordinates=list(zip(xs, ys, strict=True)), flags=flags)

    def _components(self, at: int) -> list[Component]:
        data, out = self.data, []
        while True:
            flags, index = struct.unpack_from(">HH", data, at)
            at += 4
            xy = bool(flags & ARGS_ARE_XY_VALUES)
            fmt = (">hh" if xy else ">HH") if flags & ARG_1_AND_2_ARE_WORDS else (">bb" if xy else ">BB")
            a, b = struct.unpack_from(fmt, data, at)
            at += struct.calcsize(fmt)
            name = self.order[index] if index < len(self.order) else f"glyph{index:05d}"
            part = Component(name, flags, (a, b) if xy else None)  # point numbers, not an offset: no x, y (outline_key gives up)
            if flags & WE_HAVE_A_SCALE:
                (s,) = struct.unpack_from(">h", data, at)
                at += 2
                part.transform = [[s / F2DOT14, 0], [0, s / F2DOT14]]
            elif flags & WE_HAVE_AN_X_AND_Y_SCALE:
                sx, sy = struct.unpack_from(">hh", data, at)
                at += 4
                part.transform = [[sx / F2DOT14, 0], [0, sy / F2DOT14]]
            elif flags & WE_HAVE_A_TWO_BY_TWO:
                sx, s01, s10, sy = struct.unpack_from(">hhhh", data, at)
                at += 8
                part.transform = [[sx / F2DOT14, s01 / F2DOT14], [s10 / F2DOT14, sy / F2DOT14]]
            out.append(part)
            if not flags & MORE_COMPONENTS:
                return out


def _deltas(data: bytes, at: int, flags: list[int], short: int, same: int) -> tuple[list[int], int]:
    """The absolute coordinates of one axis, from the point flags and the deltas that follow them."""
    values, value = [], 0
    for flag in flags:
        if flag & short:
            delta = data[at]
            at += 1
            value += delta if flag & same else -delta
        elif not flag & same:
            (delta,) = struct.unpack_from(">h", data, at)
            at += 2
            value += delta
        values.append(value)
    return values, at
