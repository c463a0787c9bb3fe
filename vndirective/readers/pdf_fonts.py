"""The fonts of a PDF whose glyphs carry no Unicode map, and how to read their characters.

pdfium reads such glyphs wrongly or not at all, each in its own way:

- a Type0 font with Identity encoding and no ``ToUnicode`` (subset TrueType programs, as
  Microsoft Print to PDF writes them): pdfium flags the character (``FPDFText_HasUnicodeMapError``)
  and gives its code, which is the glyph id;
- a simple TrueType font flagged symbolic, with no ``/Encoding`` and no ``ToUnicode``: pdfium
  decodes its codes as Mac OS Roman without any flag (``à``, code 224, comes out ``‡``), where
  pdfminer reads them as Latin-1, as the printing program meant.

:func:`scan_page` looks at a page's font resources (pdfminer has parsed them already) and keeps,
by the font's name as pdfium reports it, a :class:`Recovery` for each such font; the fast reader
(:mod:`.pdf_chars`) asks it for the text of each of their characters. The characters come from
the embedded program (:mod:`.glyphs`), else, for a simple font, from pdfminer's reading of the
code, else ``(cid:NN)`` as pdfplumber writes it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from .glyphs import FontGlyphs, learn, open_font

SYMBOLIC = 4  # FontDescriptor /Flags bit 3


class Recovery:
    """How to read the characters of one font without a Unicode map."""

    def __init__(self, kind: str, glyphs: FontGlyphs | None, pdfminer_font: Any = None, codes: dict[int, int] | None = None) -> None:
        # 'cid': code = glyph id, pdfium flags the character; 'simple': pdfium misreads silently;
        # 'undefined': a simple font's code its encoding leaves undefined (pdfium flags it), '(cid:NN)' as pdfplumber writes it
        self.kind = kind
        self.glyphs = glyphs
        self.pdfminer_font = pdfminer_font
        self.codes = codes or {}  # a simple font's code → glyph id, from its cmap
        self.total = 0
        self.recovered = 0

    def text(self, pdfium_char: str, advance: float | None = None) -> str:
        """The text of a character pdfium read as ``pdfium_char`` in this font; ``advance``: its
        width on the page in thousandths of the font size (it tells apart the codes a simple
        font's character may have been read from)."""
        if self.kind == "undefined":
            return f"(cid:{ord(pdfium_char)})"
        if self.kind == "cid":
            code = ord(pdfium_char)
            self.total += 1
            found = self.glyphs.char(code) if self.glyphs is not None else None
            if found:
                self.recovered += 1
                return found
            return f"(cid:{code})"
        simple = _simple_code(pdfium_char, self.codes, self._widths(), advance)
        if simple is None:
            return pdfium_char
        code = simple
        if code in self.codes and self.glyphs is not None:
            found = self.glyphs.char(self.codes[code])
            if found:
                return found
        if self.pdfminer_font is not None:
            try:
                return str(self.pdfminer_font.to_unichr(code))
            except Exception:  # pdfminer has no reading for the code: pdfplumber writes (cid:NN)
                return f"(cid:{code})"
        return bytes([code]).decode("latin-1")

    def _widths(self) -> dict[int, float]:
        widths = getattr(self.pdfminer_font, "widths", None)
        return widths if isinstance(widths, dict) else {}


WIDTH_TOLERANCE = 25.0  # thousandths of the font size: a drawn advance this close to a code's /Widths entry is that code's


UNDEFINED = Recovery("undefined", None)  # one for every font read this way: fonts sharing a name are read alike


def _simple_code(ch: str, codes: dict[int, int], widths: dict[int, float], advance: float | None) -> int | None:
    """The code pdfium read as ``ch``: decoded as Mac OS Roman (what pdfium does for a font with a
    Macintosh cmap), or as Latin-1, or as the symbol area U+F0xx. Of the codes the font has, the
    one whose width is the advance drawn; else the first."""
    candidates = []
    if ord(ch) < 0x80:
        return ord(ch)
    with contextlib.suppress(UnicodeEncodeError):
        candidates.append(ch.encode("mac_roman")[0])
    if ord(ch) < 0x100:
        candidates.append(ord(ch))
    if 0xF000 <= ord(ch) <= 0xF0FF:
        candidates.append(ord(ch) - 0xF000)
    present = [code for code in candidates if code in codes] or candidates
    if len(present) > 1 and advance is not None:
        fits = [code for code in present if abs(float(widths.get(code, -1e9)) - advance) <= WIDTH_TOLERANCE]
        if fits:
            return fits[0]
    return present[0] if present else None


class Fonts:
    """The fonts without a Unicode map of the page being read, by pdfium's name for them.

    pdfium names a Type0 font by its /BaseFont (``UMBXAH+TimesNewRomanPSMT``) but a simple
    TrueType font without its subset tag (``TimesNewRomanPSMT``), so a font is known by its name,
    with and without the tag, and the length of its embedded program; a key two of the page's
    fonts share is ambiguous. A font's recovery is made once per document.
    """

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.page: dict[tuple[str, int], Recovery | bool | None] = {}  # None: read right; False: two fonts share the key
        self.active = False
        self.recoveries: dict[int, Recovery | None] = {}  # font object → its recovery (None: pdfium reads it right)
        self.lengths: dict[int, int] = {}  # font object → the length of its embedded program
        self.fallback: Recovery | None = None  # the recovery of a font the page does not list by key
        self._known: dict[str, str] | None = None  # outline digests learnt from the file's mapped fonts
        self._raw: Any = None  # the pdfminer page being read
        self.programs: dict[bytes, FontGlyphs | None] = {}  # an embedded program's bytes → its glyphs
        self.scanned = False  # whether its fonts have been looked at

    def open_page(self, raw: Any) -> None:
        """The pdfminer page read next; its fonts are looked at only when :meth:`scan` is called (when
        pdfium meets a glyph without a Unicode map or a symbolic font on it): most pages have neither,
        and resolving their font dictionaries with pdfminer cost more than reading their text."""
        self._raw, self.scanned = raw, False
        self.page, self.active, self.fallback = {}, False, None

    def scan(self) -> None:
        """Look at the fonts of the page opened last, once."""
        if not self.scanned and self._raw is not None:
            self.scan_page(self._raw)

    def scan_page(self, raw: Any) -> None:
        """Note the fonts of a pdfminer page that pdfium cannot read right."""
        self._raw, self.scanned = raw, True
        fonts = [(getattr(ref, "objid", None) or id(font), ref, font) for ref, font in _fonts(raw)]
        for objid, ref, font in fonts:
            if objid not in self.recoveries:
                self.recoveries[objid] = self._recovery(ref, font)
        kinds = {self.recoveries[objid] for objid, _, _ in fonts} - {None}
        if kinds <= {UNDEFINED}:  # no font to tell apart: pdfium reads them all right but for flagged codes
            self.page, self.active = {}, bool(kinds)
            self.fallback = UNDEFINED if kinds else None
            return
        self.fallback = None
        claims: dict[tuple[str, int], set[int]] = {}
        for objid, _, font in fonts:
            if objid not in self.lengths:
                self.lengths[objid] = _program_length(font)
            name, length = _name(font), self.lengths[objid]
            for key in {(name, length), (short_name(name), length)}:
                claims.setdefault(key, set()).add(objid)
        page: dict[tuple[str, int], Recovery | bool | None] = {}
        for key, objids in claims.items():
            found = {id(self.recoveries[o]): self.recoveries[o] for o in objids}
            if len(found) == 1:
                page[key] = next(iter(found.values()))  # one font, or fonts pdfium reads alike
            elif all(r is None or r is UNDEFINED for r in found.values()):
                page[key] = UNDEFINED  # it only writes (cid:NN) for what pdfium flags: right for both
            else:
                page[key] = False  # fonts read differently answer to this key
        self.page = page
        self.active = any(value is not None for value in page.values())

    def needed(self) -> bool:
        """Whether the current page has a font pdfium cannot read right (else no font need be looked up)."""
        return self.active

    def get(self, name: str, length: int) -> Recovery | bool | None:
        """The recovery for the font pdfium names ``name`` whose embedded program is ``length``
        bytes long, on the current page; False when two fonts answer to that."""
        for key in ((name, length), (short_name(name), length)):
            if key in self.page:
                return self.page[key]
        return self.fallback

    def stats(self) -> tuple[int, int]:
        """Glyphs met without a Unicode map in Type0 fonts, and how many were recovered."""
        found = [r for r in self.recoveries.values() if r is not None]
        return sum(r.total for r in found), sum(r.recovered for r in found)

    def _recovery(self, ref: Any, font: dict[str, Any]) -> Recovery | None:
        if "ToUnicode" in font:
            return None
        subtype = _literal(font.get("Subtype"))
        if subtype == "Type0":
            descendant = _descendant(font)
            if descendant is None or _literal(font.get("Encoding")) not in {"Identity-H", "Identity-V"}:
                return None
            if _literal(descendant.get("CIDToGIDMap")) not in {None, "Identity"}:
                return None
            return Recovery("cid", self._glyphs(descendant))
        if subtype in {"Type1", "TrueType", "MMType1"}:
            descriptor = _resolve(font.get("FontDescriptor")) or {}
            if "Encoding" in font or not int(_resolve(descriptor.get("Flags")) or 0) & SYMBOLIC or subtype != "TrueType":
                return UNDEFINED  # pdfium reads it right, but for the codes its encoding leaves undefined
            glyphs = self._glyphs(font)
            return Recovery("simple", glyphs, _pdfminer_font(ref, font), _symbol_codes(glyphs.font if glyphs is not None else None))
        return None

    def _glyphs(self, font: dict[str, Any]) -> FontGlyphs | None:
        """The glyphs of a font's embedded TrueType program, read once per program: a file's pages often
        carry fonts of their own with the very same subset."""
        data = _program_data(font)
        if data is None:
            return None
        if data not in self.programs:
            program = open_font(data)
            self.programs[data] = FontGlyphs(program, self.known()) if program is not None else None
        return self.programs[data]

    def known(self) -> dict[str, str]:
        """Outline digests → characters from the fonts of this file that do have a Unicode map."""
        if self._known is None:
            self._known = {}
            conflicts: set[str] = set()
            for program, to_unicode in mapped_fonts(self.pdf):
                learn(program, to_unicode, self._known, conflicts)
        return self._known


def mapped_fonts(pdf: Any) -> Iterator[tuple[Any, dict[int, str]]]:
    """The embedded TrueType programs of a document's Type0 fonts (glyph ids as codes) that have a
    Unicode map, each once, with that map (glyph id → text): what outlines are learnt from."""
    seen: set[int] = set()
    for page in _pdfminer_pages(pdf):
        for ref, font in _fonts(page):
            objid = getattr(ref, "objid", None) or id(font)
            if objid in seen or "ToUnicode" not in font or _literal(font.get("Subtype")) != "Type0":
                continue
            seen.add(objid)
            descendant = _descendant(font)
            if descendant is None or _literal(descendant.get("CIDToGIDMap")) not in {None, "Identity"}:
                continue
            program = _program(descendant)
            to_unicode = _to_unicode(font) if program is not None else {}
            if to_unicode:
                yield program, to_unicode


def _fonts(raw: Any) -> list[tuple[Any, dict[str, Any]]]:
    """The fonts of a pdfminer page's resources and of the forms (XObjects) it draws."""
    out: list[tuple[Any, dict[str, Any]]] = []
    with contextlib.suppress(Exception):  # damaged resources: pdfium reads the page as it can
        _collect(_resolve(raw.resources) or {}, out, 0, set())
    return out


FORM_DEPTH = 4  # forms within forms followed this deep for their fonts


def _collect(resources: Any, out: list[tuple[Any, dict[str, Any]]], depth: int, seen: set[int]) -> None:
    if not isinstance(resources, dict):
        return
    for ref in (_resolve(resources.get("Font")) or {}).values():
        font = _resolve(ref)
        if isinstance(font, dict):
            out.append((ref, font))
    if depth >= FORM_DEPTH:
        return
    for ref in (_resolve(resources.get("XObject")) or {}).values():
        objid = getattr(ref, "objid", None) or id(ref)
        if objid in seen:
            continue
        seen.add(objid)
        form = _resolve(ref)
        attrs = getattr(form, "attrs", None)
        if isinstance(attrs, dict) and _literal(attrs.get("Subtype")) == "Form":
            _collect(_resolve(attrs.get("Resources")), out, depth + 1, seen)


def _resolve(obj: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    try:
        return resolve1(obj)
    except Exception:  # a dangling reference
        return None


def _literal(obj: Any) -> str | None:
    obj = _resolve(obj)
    name = getattr(obj, "name", obj)
    return name.decode("latin-1") if isinstance(name, bytes) else name if isinstance(name, str) else None


def _name(font: dict[str, Any]) -> str:
    return _literal(font.get("BaseFont")) or ""


def short_name(name: str) -> str:
    """A font's name without its subset tag ('ABCDEF+')."""
    return name.split("+", 1)[-1]


def _program_length(font: dict[str, Any]) -> int:
    """The length of a font's embedded program (of its descendant's, for a Type0 font); 0 if none."""
    if _literal(font.get("Subtype")) == "Type0":
        font = _descendant(font) or {}
    descriptor = _resolve(font.get("FontDescriptor")) or {}
    for entry in ("FontFile2", "FontFile", "FontFile3"):
        stream = _resolve(descriptor.get(entry))
        if stream is not None:
            try:
                return len(stream.get_data())
            except Exception:  # a damaged stream
                return -1
    return 0


def _descendant(font: dict[str, Any]) -> dict[str, Any] | None:
    descendants = _resolve(font.get("DescendantFonts"))
    if not descendants:
        return None
    first = _resolve(descendants[0])
    return first if isinstance(first, dict) else None


def _program(font: dict[str, Any]) -> Any:
    data = _program_data(font)
    return open_font(data) if data is not None else None


def _program_data(font: dict[str, Any]) -> bytes | None:
    """The bytes of a font's embedded TrueType program (/FontFile2), or None."""
    descriptor = _resolve(font.get("FontDescriptor")) or {}
    stream = _resolve(descriptor.get("FontFile2"))
    if stream is None:
        return None
    try:
        data = stream.get_data()
    except Exception:  # a damaged stream
        return None
    return data if isinstance(data, bytes) else None


def _to_unicode(font: dict[str, Any]) -> dict[int, str]:
    import io

    from pdfminer.cmapdb import CMapParser, FileUnicodeMap

    stream = _resolve(font.get("ToUnicode"))
    try:
        cmap = FileUnicodeMap()
        CMapParser(cmap, io.BytesIO(stream.get_data())).run()
        return dict(cmap.cid2unichr)
    except Exception:  # a damaged map teaches nothing
        return {}


def _symbol_codes(program: Any) -> dict[int, int]:
    """A symbolic TrueType font's code → glyph id, from its (3,0) or (1,0) cmap."""
    if program is None or "cmap" not in program:
        return {}
    ids = program.getReverseGlyphMap()
    out: dict[int, int] = {}
    try:
        for table in program["cmap"].tables:
            if (table.platformID, table.platEncID) in {(3, 0), (1, 0)}:
                for code, name in table.cmap.items():
                    if name in ids:
                        out.setdefault(code & 0xFF if code >= 0xF000 else code, ids[name])
    except Exception:  # a damaged cmap
        return {}
    return out


def _pdfminer_font(ref: Any, font: dict[str, Any]) -> Any:
    from pdfminer.pdfinterp import PDFResourceManager

    try:
        return PDFResourceManager(caching=False).get_font(getattr(ref, "objid", None), font)
    except Exception:  # pdfminer cannot make the font: the code's Latin-1 reading
        return None


def _pdfminer_pages(pdf: Any) -> list[Any]:
    from pdfminer.pdfpage import PDFPage

    try:
        return list(PDFPage.create_pages(pdf.doc))
    except Exception:  # a damaged page tree: learn nothing from it
        return []
