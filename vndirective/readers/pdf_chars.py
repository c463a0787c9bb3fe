"""The words of a PDF page read by pdfium (pypdfium2, which pdfplumber installs), in C.

pdfplumber's cost is pdfminer interpreting each page's content stream in Python; pdfium does
the same work in C, some ten times faster. This module asks pdfium for the characters of a
page (one bulk call for their text, then a box per character) and builds from them the very
words that ``dedupe_chars`` + ``extract_words(x_tolerance=1.5, y_tolerance=3)`` give on
pdfplumber's characters: the PDF reader lays both out alike (``render_page``).

pdfium's own order of the characters is not used: LibreOffice draws the letters missing from a
font (many Vietnamese ones) in a fallback font *after* the rest of the line, leaving gaps for
them. So, as pdfplumber does, the characters are grouped into lines (by the top of their em box,
within 3 pt), sorted by x within a line, and a word ends at a space glyph of the PDF or where
the next character starts more than 1.5 pt after the previous one ends. The spaces and line
breaks pdfium makes up (``FPDFText_IsGenerated``) are no space glyphs and are left out, with one
exception: pdfium makes up a space at each such gap of a TJ array, and when the PDF's own space
glyph comes next, pdfium keeps its space and drops the PDF's. A made-up space that the next
character of its text object does not follow at the very same place stands for that glyph. A
glyph printed twice at nearly the same place by two text objects (bold faked by double printing)
counts once, as in ``dedupe_chars``; pdfium already drops those within one text object. Word
boxes are pdfminer's vertically: from the descent below the baseline to a font size above it,
with the descent of the font most of the line is printed in, so that the words of a line share
their top. Across, a character starts at its origin, as in pdfminer, and ends where the next
character of its text object starts; the last one of a text object ends with pdfium's loose box
(its advance, widened where the ink reaches past it, such as the horn of Ư), so a box may end a
point or two right of pdfminer's. (Loose boxes alone would join words: the ink of an italic f
reaches 1.5 pt left of its origin, into the gap before it.)

A page pdfium cannot read as pdfminer would raises :class:`Unreadable`, and the PDF reader reads
that page with pdfplumber: text that is not upright (rotated, mirrored; a rotated page is not
even asked), glyphs without a Unicode map (pdfplumber writes them '(cid:NN)', which the reader
reports and, with ``ocr=True``, sends to OCR), text an /ActualText replaces, a page pdfium
cannot load or whose size differs from pdfminer's.

pdfium is not thread-safe: every call here holds :data:`~.pdfium_api.LOCK` (the functions are bound
once in :mod:`.pdfium_api`).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import Any

from .pdf_fonts import SYMBOLIC, Fonts, Recovery
from .pdfium_api import LOCK, Api, Unreadable, available, load

__all__ = ["LOCK", "Document", "Unreadable", "available", "words_of"]

X_TOLERANCE = 1.5  # pdfplumber's extract_words(x_tolerance=...): a wider gap ends a word
Y_TOLERANCE = 3.0  # ... (y_tolerance=...): lines whose tops are closer are one line
DUPLICATE = 1.0  # dedupe_chars(tolerance=...): the same glyph this close is printed twice
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}  # pdfplumber's, expanded in words
SKEW = 1e-3  # |b / a| of a character's matrix above this: its baseline is not horizontal


class Document:
    """A PDF opened by pdfium; close it (or use it in a ``with`` block).

    Raises :class:`Unreadable` when pypdfium2 is missing or pdfium cannot open the file (the
    reader then reads it with pdfplumber alone, which has already checked it).
    """

    def __init__(self, data: bytes, password: str | None = None) -> None:
        self.api = load()
        self.stamps: dict[int, list[list[dict[str, Any]]]] = {}  # page index → the words of each widget that is a stamp of its own
        self.fillers: dict[int, list[dict[str, Any]]] = {}  # page index → the words widgets wrote into the page's lines
        self.drawn: dict[int, list[tuple[Rect, str | None]]] = {}  # page index → widgets on a text line that draw without text, and their digits if read
        self.read_drawn: Callable[[int, Rect], tuple[str, float] | None] | None = None  # reads a drawn widget's digits (OCR)
        self.fonts: Fonts | None = None  # the fonts without a Unicode map (set by the reader, page by page)
        self._data = data  # pdfium reads from this memory until the document is closed
        secret = self._secret = password.encode("utf-8") if password else None
        with LOCK:
            self.handle: int | None = self.api.load_document(data, len(data), secret)
            self.pages = self.api.page_count(self.handle) if self.handle else 0
        if not self.handle:
            raise Unreadable("pdfium cannot open the file")

    def close(self) -> None:
        if self.handle:
            with LOCK:
                self.api.close_document(self.handle)
            self.handle = None

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def words(self, index: int, x_offset: float, top_at: float, size: tuple[float, float] | None = None) -> tuple[int, list[dict[str, Any]]]:
        """The number of characters and the words of page ``index`` (from 0), as pdfplumber's
        ``extract_words`` gives them after ``dedupe_chars``: dicts with text, x0, x1, top, bottom.

        Positions are pdfplumber's: ``x0 = x - x_offset`` and ``top = top_at - y`` for a point
        (x, y) of PDF space. ``size``: the page's width and height as pdfminer sees it; a page
        pdfium sizes otherwise is :class:`Unreadable` (the two libraries would not agree on which
        page it is).
        """
        if not self.handle or not 0 <= index < self.pages:
            raise Unreadable(f"pdfium has no page {index + 1}")
        api = self.api
        with LOCK:
            page = api.load_page(self.handle, index)
            if not page:
                raise Unreadable(f"pdfium cannot load page {index + 1}")
            flattened = False
            try:
                if size is not None and (abs(api.page_width(page) - size[0]) > 1 or abs(api.page_height(page) - size[1]) > 1):
                    raise Unreadable(f"pdfium sizes page {index + 1} otherwise")
                widgets, painted, texts = _widget_rects(api, page, x_offset, top_at)
                own = api.object_count(page) if texts else -1
                if own >= 0:  # the widgets' text is read from the page flattened in memory, with the page's own
                    flattened = api.flatten(page, FLATTEN_NORMAL_DISPLAY) == FLATTEN_SUCCESS
                if not flattened:
                    chars = _page_chars(api, page, index, x_offset, top_at, self.fonts)
            finally:
                api.close_page(page)
            after: list[Char] = []
            if flattened:
                chars, after = self._flattened_chars(index, own, x_offset, top_at)
            drawn: list[tuple[Rect, Char]] = []
            if widgets and chars:
                fillers, stamps = _split_widget_chars(_new_chars(chars, after), chars, widgets) if after else ([], [])
                shown = [c for group in (fillers, *stamps) for c in group]
                drawn = [(rect, line) for rect in painted if not _inside(shown, rect) and (line := _number_or_date_line(chars, rect)) is not None]
                chars += fillers
                if fillers:
                    self.fillers[index] = words_of(fillers)
                if stamps:
                    self.stamps[index] = [words_of(group) for group in stamps]
        for rect, line in drawn:  # read outside the lock: OCR renders the page with pdfium too
            found = self.read_drawn(index + 1, (rect[0] + x_offset, rect[1], rect[2] + x_offset, rect[3])) if self.read_drawn else None
            self.drawn.setdefault(index, []).append((rect, found[0] if found else None))
            if found is not None:
                chars += _drawn_chars(found[0], rect, line)
        return len(chars), words_of(chars)

    def _flattened_chars(self, index: int, own: int, x_offset: float, top_at: float) -> tuple[list[Char], list[Char]]:
        """The characters of a page flattened in memory (a signing tool writes the number and the day into
        signature widgets over the blanks the draft left; flattening appends the widgets' forms to the page's
        content), split into the page's own (those of its first ``own`` objects) and the widgets'. A page whose
        widgets' fonts have no Unicode map is read as it was, from a fresh copy of the file.
        The caller holds :data:`LOCK`."""
        api = self.api
        page = api.load_page(self.handle, index)
        if not page:
            raise Unreadable(f"pdfium cannot load page {index + 1}")
        try:
            mine = _text_objects(api, page, own)
            chars = _page_chars(api, page, index, x_offset, top_at, self.fonts)
        except Unreadable:
            return self._unflattened_chars(index, x_offset, top_at), []
        finally:
            api.close_page(page)
        return [c for c in chars if c[5] in mine], [c for c in chars if c[5] not in mine]

    def _unflattened_chars(self, index: int, x_offset: float, top_at: float) -> list[Char]:
        """The page's own characters, read from a fresh copy of the file (this one's page is flattened)."""
        api = self.api
        fresh = api.load_document(self._data, len(self._data), self._secret)
        if not fresh:
            raise Unreadable("pdfium cannot open the file again")
        try:
            page = api.load_page(fresh, index)
            if not page:
                raise Unreadable(f"pdfium cannot load page {index + 1}")
            try:
                return _page_chars(api, page, index, x_offset, top_at, self.fonts)
            finally:
                api.close_page(page)
        finally:
            api.close_document(fresh)


FLATTEN_NORMAL_DISPLAY, FLATTEN_SUCCESS = 0, 1  # FPDFPage_Flatten's flag and result
WIDGET = 20  # FPDF_ANNOT_WIDGET
Rect = tuple[float, float, float, float]  # x0, top, x1, bottom in pdfplumber's coordinates


def _page_chars(api: Api, page: int, index: int, x_offset: float, top_at: float, fonts: Fonts | None = None) -> list[Char]:
    """The characters of a loaded page (the caller holds :data:`LOCK`)."""
    text_page = api.load_text(page)
    if not text_page:
        raise Unreadable(f"pdfium cannot read the text of page {index + 1}")
    try:
        return _chars(api, text_page, x_offset, top_at, fonts)
    finally:
        api.close_text(text_page)


PAGE_OBJECTS = 100_000  # objects of a page looked at for its own text objects: a hostile page cannot make the reader walk without end


def _text_objects(api: Api, page: int, count: int) -> set[int]:
    """The text objects among the page's first ``count`` objects, in their forms too."""
    return set(_texts_in(api, [api.page_object(page, k) for k in range(min(count, PAGE_OBJECTS))], PAGE_OBJECTS))


def _texts_in(api: Api, objects: list[int], limit: int) -> Iterator[int]:
    """The text objects among ``objects`` and inside their forms, at most ``limit`` objects looked at (a hostile
    form cannot make the reader walk without end)."""
    todo, seen = list(objects), 0
    while todo and seen < limit:
        obj = todo.pop()
        seen += 1
        if not obj:
            continue
        kind = api.object_type(obj)
        if kind == TEXT_OBJECT:
            yield obj
        elif kind == FORM_OBJECT:
            todo += [api.form_object(obj, k) for k in range(max(0, min(limit, api.form_object_count(obj))))]


def _widget_rects(api: Api, page: int, x_offset: float, top_at: float) -> tuple[list[Rect], list[Rect], bool]:
    """The rectangles of the page's form widgets (signature fields among them), in pdfplumber's coordinates,
    those of them whose appearance paints something (paths or an image; text is found by flattening), and
    whether any of them shows text (else the page need not be flattened to read it)."""
    rects, painted = [], []
    texts = False
    rect = api.raw.FS_RECTF()
    for k in range(max(0, api.annot_count(page))):
        annot = api.get_annot(page, k)
        if not annot:
            continue
        try:
            if api.annot_subtype(annot) == WIDGET and api.annot_rect(annot, ctypes.addressof(rect)):
                box = (rect.left - x_offset, top_at - rect.top, rect.right - x_offset, top_at - rect.bottom)
                rects.append(box)
                if _paints(api, annot):
                    painted.append(box)
                texts = texts or _shows_text(api, annot)
        finally:
            api.close_annot(annot)
    return rects, painted, texts


TEXT_OBJECT, FORM_OBJECT = 1, 5  # FPDF_PAGEOBJ_TEXT, FPDF_PAGEOBJ_FORM
APPEARANCE_OBJECTS = 4096  # objects of a widget's appearance looked at for text: a hostile one cannot make the reader walk without end


def _shows_text(api: Api, annot: int) -> bool:
    """Whether a widget's normal appearance draws any text object, in its forms too (a signing tool's
    appearance is a form that holds the number, the day or the signer's banner)."""
    objects = [api.annot_object(annot, k) for k in range(max(0, min(APPEARANCE_OBJECTS, api.annot_object_count(annot))))]
    return next(_texts_in(api, objects, APPEARANCE_OBJECTS), None) is not None


APPEARANCE_NORMAL = 0  # FPDF_ANNOT_APPEARANCEMODE_NORMAL
_PAINTING = re.compile(r"(?:^|\s)(?:f\*?|F|B\*?|b\*?|S|s|Do|sh|BI)(?=\s|$)")  # operators that fill, stroke or draw an image


def _paints(api: Api, annot: int) -> bool:
    """Whether a widget's normal appearance stream paints anything (it may still hold only text)."""
    size = api.annot_ap(annot, APPEARANCE_NORMAL, None, 0)
    if size <= 2:
        return False
    buffer = ctypes.create_string_buffer(size)
    api.annot_ap(annot, APPEARANCE_NORMAL, ctypes.addressof(buffer), size)
    content = buffer.raw[: size - 2].decode("utf-16-le", "replace")
    return bool(_PAINTING.search(content))


MAX_DRAWN_HEIGHT = 2.5  # of the line's font size: a taller widget is a signature's picture, not a stamped number or day


def _inside(chars: list[Char], rect: Rect) -> bool:
    x0, top, x1, bottom = rect
    return any(x0 - 1 <= c[1] <= x1 + 1 and top - 1 <= c[0] <= bottom + 1 for c in chars)


_STAMPED_LINE = re.compile(r"\b(?:S[oố]|ng[aà]y|th[aá]ng)\b", re.IGNORECASE)  # the lines whose blanks a signing tool fills


def _number_or_date_line(chars: list[Char], rect: Rect) -> Char | None:
    """A character of the number line ('Số: ... /UBND-XD') or the date line ('ngày ... tháng ...') on which
    the widget sits, when the widget is no taller than a stamped value (not a signature's picture, nor
    the drafter's initials at the end of a paragraph)."""
    _, top, _, bottom = rect
    lines: dict[float, bool] = {}  # a character's top → whether the line around it is a number or date line
    for c in chars:
        size = c[7]
        if not top <= c[0] + size / 2 <= bottom or size <= 0 or bottom - top > MAX_DRAWN_HEIGHT * size or c[4].isspace():
            continue  # (the cheapest test first: most characters are on other lines)
        if c[0] not in lines:
            line = "".join(o[4] for o in sorted((o for o in chars if abs(o[0] - c[0]) <= Y_TOLERANCE), key=itemgetter(1)))
            lines[c[0]] = bool(_STAMPED_LINE.search(line))
        if lines[c[0]]:
            return c
    return None


def _drawn_chars(digits: str, rect: Rect, line: Char) -> list[Char]:
    """Characters for digits read from a drawn widget, spread over its box on the line of ``line``."""
    x0, _, x1, _ = rect
    step = min((x1 - x0) / max(1, len(digits)), DIGIT_ADVANCE * line[7])
    start = x0 + ((x1 - x0) - step * len(digits)) / 2  # centred in the box, as a stamp is
    return [(line[0], start + k * step, start + (k + 1) * step, DRAWN_INDEX + k, ch, -1, line[6], line[7], line[8]) for k, ch in enumerate(digits)]


DIGIT_ADVANCE = 0.5  # of the font size: the advance of a digit in the common office fonts


DRAWN_INDEX = 20_000_000  # characters read from drawn widgets are numbered after the widgets' own


def _new_chars(before: list[Char], after: list[Char]) -> list[Char]:
    """The characters of ``after`` that ``before`` lacks (by text and place), numbered after them."""
    seen: dict[tuple[str, float, float], int] = {}
    texts = {c[4] for c in after}
    for c in before:
        if c[4] not in texts:
            continue  # (most of the page: only the widgets' own letters can be met again)
        key = (c[4], round(c[1], 1), round(c[0], 1))
        seen[key] = seen.get(key, 0) + 1
    out = []
    for c in after:
        key = (c[4], round(c[1], 1), round(c[0], 1))
        if seen.get(key):
            seen[key] -= 1
        else:
            out.append((c[0], c[1], c[2], WIDGET_INDEX + c[3], c[4], c[5], c[6], c[7], c[8]))
    return out


WIDGET_INDEX = 10_000_000  # widget characters are numbered after the page's


def _split_widget_chars(new: list[Char], page: list[Char], widgets: list[Rect]) -> tuple[list[Char], list[list[Char]]]:
    """Fillers (a widget whose text is one line level with a line of the page's text) and stamps (the others)."""
    fillers: list[Char] = []
    stamps: list[list[Char]] = []
    for x0, top, x1, bottom in widgets:
        inside = [c for c in new if x0 - 1 <= c[1] <= x1 + 1 and top - 1 <= c[0] <= bottom + 1 and not c[4].isspace()]
        if not inside:
            continue
        one_line = max(c[0] for c in inside) - min(c[0] for c in inside) <= Y_TOLERANCE
        level = one_line and any(abs(c[0] - inside[0][0]) <= Y_TOLERANCE and not c[4].isspace() for c in page)
        (fillers.extend if level else stamps.append)(inside)
    return fillers, stamps


def _page_text(api: Api, text_page: int, n: int) -> str:
    """The text of the page's ``n`` characters, one per character (pdfium's generated ones included)."""
    buffer = (ctypes.c_ushort * (n + 1))()
    written = api.get_text(text_page, 0, n, ctypes.addressof(buffer))
    text = bytes(buffer)[: 2 * max(0, written - 1)].decode("utf-16-le", "surrogatepass")
    if len(text) != n:  # never seen; a character by character read is always right
        text = "".join(chr(api.unicode(text_page, i)) for i in range(n)).replace("\x00", "\ufffe").replace("\x02", "\ufffe")
    if "\ufffe" not in text:
        return text
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch == "\ufffe":  # a hyphen ending a line (pdfium's code 2; the glyph drawn is a hyphen), or a glyph without any text
            if api.unicode(text_page, i) != 2:
                raise Unreadable("glyphs without a Unicode map")  # pdfplumber writes them '(cid:NN)'
            chars[i] = "-"
    return "".join(chars)


def _actual_text(api: Api, obj: int) -> bool:
    """Whether a marked-content sequence gives the text object an /ActualText (pdfium reads that
    instead of the glyphs, with guessed boxes; pdfminer reads the glyphs)."""
    for k in range(max(0, api.count_marks(obj))):
        mark = api.get_mark(obj, k)
        if mark and api.mark_param_type(mark, b"ActualText"):
            return True
    return False


# A character: the top of its em box (for grouping lines), x0, x1, its index on the page, its
# text, its text object, font and size (for duplicates), and its font's descent per point of size.
Char = tuple[float, float, float, int, str, int, int, float, float]

SAME = 0.01  # pt: a space pdfium makes up at the very place of the next character marks no space of the PDF


def _chars(api: Api, text_page: int, x_offset: float, top_at: float, fonts: Fonts | None = None) -> list[Char]:
    """The characters of a text page, with the spaces of the PDF; the spaces and line breaks
    pdfium makes up are left out, except where pdfium dropped a space of the PDF for its own.
    The characters of a font without a Unicode map are read by ``fonts`` (:mod:`.pdf_fonts`).
    pdfium's calls here hold :data:`LOCK` (the caller's)."""
    n = api.count(text_page)
    if n <= 0:
        return []
    text = _page_text(api, text_page, n)
    tp = ctypes.c_void_p(text_page)  # for the unchecked calls (see Api)
    box = api.raw.FS_RECTF()
    box_at = ctypes.byref(box)
    matrix = api.raw.FS_MATRIX()
    matrix_at = ctypes.addressof(matrix)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_at, oy_at = ctypes.byref(ox), ctypes.byref(oy)
    descent = ctypes.c_float()
    descent_at = ctypes.addressof(descent)
    generated, unmapped, text_object, loose_box, origin = api.generated, api.unmapped, api.text_object, api.loose_box, api.origin
    out: list[Char] = []
    append = out.append
    current = font = last = 0
    size = em_top = depth = 0.0
    recovery: Recovery | bool | None = None
    names: dict[int, tuple[str, int]] = {}
    symbolic: dict[int, bool] = {}
    watch = fonts is not None and not fonts.scanned  # the page's fonts are looked at when pdfium meets one it may misread
    for i in range(n):
        ch = text[i]
        if ch.isspace() and generated(tp, i):
            # pdfium makes up a space where a TJ array moves the pen on (a gap of the line, often
            # filled later by a letter of a fallback font), and then drops the PDF's own space
            # glyph if one comes next. A made-up space not followed, at its very place, by the
            # next character of its text object stands for such a dropped space.
            obj = text_object(tp, i)
            if not obj or obj != current:
                continue  # a line break, or a gap between text objects: the gaps decide
            origin(tp, i, ox_at, oy_at)
            x = ox.value
            if i + 1 < n and text_object(tp, i + 1) == obj and not generated(tp, i + 1):
                origin(tp, i + 1, ox_at, oy_at)
                if abs(ox.value - x) < SAME:
                    if out and last == i - 1 and out[-1][5] == obj:
                        _gap_after(api, text_page, out, x - x_offset, x_offset)
                    continue
            append((em_top, x - x_offset, x - x_offset, i, " ", obj, font, size, depth))
            continue
        obj = text_object(tp, i)
        origin(tp, i, ox_at, oy_at)
        if obj != current:  # a new text object (one Tj or TJ): one matrix, font and baseline for all its characters
            current = obj
            api.matrix(text_page, i, matrix_at)
            a, b, d = matrix.a, matrix.b, matrix.d
            if not (a > 0 and d > 0 and abs(b) <= SKEW * a):
                raise Unreadable("text that is not upright")  # pdfplumber reads it as pdfminer does
            if obj and _actual_text(api, obj):
                raise Unreadable("text replaced by an /ActualText")
            size = api.font_size(text_page, i) * d  # in points on the page, as pdfminer's size
            font = (api.font(obj) or 0) if obj else 0
            if not (font and api.descent(font, size, descent_at)):
                descent.value = 0.0
            em_top = top_at - (oy.value + size)
            depth = descent.value / size if size > 0 else 0.0
            if watch and font and _symbolic(api, font, symbolic):
                watch = False
                fonts.scan()  # type: ignore[union-attr]  # pdfium may misread it without a flag: see pdf_fonts
            recovery = _recovery(api, fonts, font, names)
        loose_box(tp, i, box_at)
        if recovery is None:
            if ch != " " and unmapped(tp, i):  # (code 32 without a map is a space, as in pdfminer)
                if watch:
                    watch = False
                    fonts.scan()  # type: ignore[union-attr]  # the page's first glyph without a Unicode map: now its fonts are worth a look
                    recovery = _recovery(api, fonts, font, names)
                if not isinstance(recovery, Recovery):
                    raise Unreadable("glyphs without a Unicode map")  # pdfplumber writes them '(cid:NN)'
                ch = recovery.text(ch, (box.right - box.left) * 1000 / size if size > 0 else None)
        elif recovery is False:
            raise Unreadable("glyphs without a Unicode map" if ch != " " and unmapped(tp, i) else "two fonts without a Unicode map share a name")
        elif ch != " " and (recovery.kind == "simple" or unmapped(tp, i)):  # type: ignore[union-attr]
            ch = recovery.text(ch, (box.right - box.left) * 1000 / size if size > 0 else None)  # type: ignore[union-attr]
        x0 = ox.value - x_offset
        if last == i - 1 and out:
            p = out[-1]
            if p[5] == obj and p[2] > x0 >= p[1]:
                # The previous character of this text object (no gap between, or pdfium would have put a
                # space there): its advance ends where this one starts; its ink may reach further.
                out[-1] = (p[0], p[1], x0, p[3], p[4], p[5], p[6], p[7], p[8])
        append((em_top, x0, max(box.right - x_offset, x0), i, ch, obj or 0, font, size, depth))
        last = i
    return out


def _recovery(api: Api, fonts: Fonts | None, font: int, names: dict[int, tuple[str, int]]) -> Recovery | bool | None:
    """How to read the characters of ``font`` on this page (None: as pdfium does)."""
    return fonts.get(*_font_key(api, font, names)) if fonts is not None and fonts.needed() and font else None


def _symbolic(api: Api, font: int, known: dict[int, bool]) -> bool:
    """Whether a font's descriptor flags it symbolic (then pdfium may read a simple font's codes wrongly without a flag)."""
    if font not in known:
        known[font] = bool(max(0, api.font_flags(font)) & SYMBOLIC)
    return known[font]


def _font_key(api: Api, font: int, keys: dict[int, tuple[str, int]]) -> tuple[str, int]:
    """pdfium's name of a font and the length of its embedded program (0: none; pdfium would give the
    data of the system font it substitutes), by handle."""
    if font not in keys:
        buffer = ctypes.create_string_buffer(256)
        size = api.font_name(font, buffer, 256)
        length = ctypes.c_size_t()
        if api.font_embedded(font) != 1 or not api.font_data(font, None, 0, ctypes.addressof(length)):
            length.value = 0
        keys[font] = (buffer.value.decode("latin-1") if 0 < size <= 256 else "", length.value)
    return keys[font]


def _gap_after(api: Api, text_page: int, out: list[Char], x: float, x_offset: float) -> None:
    """pdfium made up a space at ``x`` after the last character of ``out``, in the same text object:
    a TJ array moved the pen on by half a space or more. If that character's loose box ends too
    near ``x`` to show a gap, it is because its ink reaches past its advance (the horn of Ư, an
    italic f) and hides the gap: its box then ends where the gap shows."""
    prev = out[-1]
    if x - prev[2] > X_TOLERANCE:
        return  # the gap shows
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    api.ink_box(text_page, prev[3], *(ctypes.addressof(v) for v in (left, right, bottom, top)))
    if right.value - x_offset < prev[2] - SAME:
        return  # the ink ends before the advance: the loose box ends with the advance, and the gap is that small
    out[-1] = (*prev[:2], max(prev[1], x - X_TOLERANCE - 2 * SAME), *prev[3:])


def words_of(chars: list[Char]) -> list[dict[str, Any]]:
    """Words from characters, as pdfplumber's ``dedupe_chars`` + ``extract_words(x_tolerance=1.5,
    y_tolerance=3)`` make them: lines by the top of the em box, left to right in a line, a word
    ending at a space or a gap; a glyph repeated within 1 pt once."""
    words: list[dict[str, Any]] = []
    if not chars:
        return words
    line: list[Char] = []
    last = None
    for char in sorted(chars, key=itemgetter(0, 3)):
        if last is not None and char[0] > last + Y_TOLERANCE:
            _line_words(line, words)
            line = []
        line.append(char)
        last = char[0]
    _line_words(line, words)
    return words


def _line_words(line: list[Char], words: list[dict[str, Any]]) -> None:
    line.sort(key=itemgetter(1, 3))  # left to right; pdfium's order where two start at the same x
    depth = _depth(line)
    seen: dict[tuple[str, int, float], Char] = {}
    word: list[Char] = []
    prev: Char | None = None
    for char in line:
        em_top, x0, _, _, ch, obj, font, size, _ = char
        key = (ch, font, size)
        twin = seen.get(key)
        seen[key] = char
        if twin is not None and twin[5] != obj and x0 - twin[1] <= DUPLICATE and abs(em_top - twin[0]) <= DUPLICATE:
            continue  # the same glyph printed again over itself by another text object (pdfium drops those within one)
        if ch.isspace():
            if word:
                words.append(_merge(word, depth))
            word, prev = [], None
            continue
        if prev is not None and (x0 < prev[1] or x0 > prev[2] + X_TOLERANCE or abs(em_top - prev[0]) > Y_TOLERANCE):
            words.append(_merge(word, depth))
            word = []
        word.append(char)
        prev = char
    if word:
        words.append(_merge(word, depth))


def _depth(line: list[Char]) -> float:
    """The descent (per point of size) of the font most of the line is printed in. Every word of the
    line gets it, so that the words of one line share their top, whatever font drew them: letters
    of a fallback font would otherwise sit a few points apart (LibreOffice's Vietnamese)."""
    counts: dict[float, int] = {}
    for char in line:
        counts[char[8]] = counts.get(char[8], 0) + 1
    return max(counts, key=counts.__getitem__)


def _merge(word: list[Char], depth: float) -> dict[str, Any]:
    """A word of characters: its text and its box (pdfminer's: from the baseline + the descent to a
    font size above it)."""
    text = "".join([c[4] for c in word])
    if not text.isascii():
        text = text.translate(_LIGATURES)
        if _SURROGATE.search(text):  # a character outside the BMP, in two halves
            text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return {
        "text": text,
        "x0": word[0][1],
        "x1": max([c[2] for c in word]),
        "top": min([c[0] - depth * c[7] for c in word]),
        "bottom": max([c[0] + (1 - depth) * c[7] for c in word]),
        "upright": True,
    }


_LIGATURES = str.maketrans(LIGATURES)
_SURROGATE = re.compile("[\ud800-\udfff]")
