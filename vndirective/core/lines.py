"""The line model every reader produces and every extractor reads.

A :class:`Layout` is the document text plus its *segments*: the pieces of a
physical line that belong together. A plain line is one segment; a line that
holds two columns (a Markdown or Word table row, ``pdftotext -layout`` output
with runs of spaces) is split into one segment per cell, with its column. Each
segment knows its span in the text, its page, its indentation and the blank
lines before it. Extractors work on segments and spans and know nothing about
files or formats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from . import codes, legacy, patterns
from .messages import warn
from .model import Box, DigitalSignature, ParseWarning
from .normalize import fold, prepare, skeleton_of_folded
from .rules import BLOCK_SEGMENTS, GLUED_ITEM_CHARS, LONG_PROSE_CHARS

_TABLE_RULE = regex.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$|^\s*\|?\s*:?-{3,}:?\s*\|\s*:?-{3,}:?\s*\|?\s*$")
_CELL_SPLIT = regex.compile(r"\s\|\s|\s\|$|^\|\s?")
_GAP = regex.compile(r"\S(?P<gap> {3,}|[ ]{0,2}\t[\t ]*)(?=\S)")  # a column gap: 3+ spaces or a tab
(_GAP_RUN,) = patterns.groups_of(_GAP, "gap")
_LEAD_RULE = regex.compile(r"[-_=–—]{3,}\s+")
_TRAILING_RULE = regex.compile(r"\s+[-_=–—]{3,}\s*$")
_STAR = regex.compile(r"^\s*(?:\\?\*|★|☆|\*\s\*\s\*|>k|✱)\s*$")
_PAGE_NUMBER = regex.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", regex.IGNORECASE)



Reread = Callable[[int, int], "tuple[str, float] | None"]
"""Reads the text between two offsets again from the page, digits only: the digits and how sure the reading is (0-100)."""

@dataclass(slots=True)
class Line:
    """One segment of a physical line.

    ``start``/``end`` cover the segment without surrounding blanks and without
    edge markup (``**``, ``*``, ``#``, ``|``); ``raw_start``/``raw_end`` cover it
    as written.
    """

    start: int
    end: int
    raw_start: int
    raw_end: int
    row: int
    col: int
    indent: int
    page: int
    gap_before: int
    kind: str = "text"  # text | rule | star | page_number

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


SKELETON_CHUNK = 256  # the skeleton of the text is computed a piece of this many characters at a time, when asked


@dataclass
class Layout:
    """The text a parser reads and its segments (see the module docstring)."""

    text: str
    lines: list[Line] = field(default_factory=list)
    layout_columns: bool = False
    warnings: list[ParseWarning] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    read_by_ocr: bool = False  # the text comes from OCR (readers/ocr.py): extractors may repair OCR's usual misreadings
    digital_signatures: list[DigitalSignature] = field(default_factory=list)  # a signed PDF's (readers/signatures.py)
    reread: Reread | None = None  # OCR'd text: reads a box of a page again, digits only (readers/ocr.py)

    # Caches filled on first use. Plain attributes, not functools.cached_property: the
    # compiled build (mypyc, see setup.py) does not support it.
    _folded: str | None = field(default=None, init=False, repr=False, compare=False)
    _chunks: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._folded = self._chunks = None  # mypyc leaves init=False fields unset

    @property
    def folded(self) -> str:
        """The text :func:`~vndirective.core.normalize.fold`-ed (same length)."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def sk(self, start: int, end: int) -> str:
        """Skeleton of ``text[start:end]``.

        Computed a chunk at a time, each chunk once: the header and the closing ask for most
        skeletons, the body for few.
        """
        end = min(end, len(self.text))
        if end <= start:
            return ""
        first, last = start // SKELETON_CHUNK, (end - 1) // SKELETON_CHUNK
        if first == last:
            base = first * SKELETON_CHUNK
            return self._skeleton_chunk(first)[start - base : end - base]
        pieces = [self._skeleton_chunk(k) for k in range(first, last + 1)]
        base = first * SKELETON_CHUNK
        return "".join(pieces)[start - base : end - base]

    def _skeleton_chunk(self, k: int) -> str:
        chunks = self._chunks
        if chunks is None:
            chunks = self._chunks = [""] * (len(self.text) // SKELETON_CHUNK + 1)
        chunk = chunks[k]
        if not chunk:
            start = k * SKELETON_CHUNK
            chunk = chunks[k] = skeleton_of_folded(self.folded[start : start + SKELETON_CHUNK])
        return chunk

    def t(self, line: Line) -> str:
        """Text of a segment as written (markup trimmed)."""
        return self.text[line.start : line.end]

    def f(self, line: Line) -> str:
        """Folded text of a segment."""
        return self.folded[line.start : line.end]

    def s(self, line: Line) -> str:
        """Skeleton of a segment."""
        return self.sk(line.start, line.end)

    @property
    def content(self) -> list[Line]:
        """The segments that carry text (no rules, stars or page numbers)."""
        return [ln for ln in self.lines if ln.kind == "text"]


_LEAD_MARKUP = regex.compile(r"(?:[#>]{1,6}\s+|[*_\\]{1,3}\s*(?=\S)|\|\s*|\s+){0,8}")
_LEAD_CHARS = frozenset("#>*_\\| \t\f")
_TAIL_MARKUP = " \t\f\n*_\\|"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past blanks and edge markup (``**``, ``#``, ``|``, ``\\``)."""
    s = start
    if text[start : start + 1] in _LEAD_CHARS:
        lead = _LEAD_MARKUP.match(text, start, end)
        s = lead.end() if lead else start
    e = s + len(text[s:end].rstrip(_TAIL_MARKUP))
    return (s, max(s, e))


def build_layout(text: str, *, already_prepared: bool = False) -> Layout:
    """Split a text into segments: the line model of plain text and Markdown."""
    # Legacy font text is converted here, once; a prepared text (its offsets are fixed,
    # e.g. a PDF's word boxes) is only reported.
    found = legacy.detect(text)
    if not already_prepared:
        if found:
            text = legacy.convert(text, found)
        text = prepare(text)
    layout = Layout(text)
    if found:
        code = "legacy_encoding" if already_prepared else "legacy_converted"
        layout.warnings.append(warn(code, encoding=found))
    rows = text.split("\n")
    right_edge = 30
    if "   " in text or "\t" in text:  # columns laid out with blanks (pdftotext -layout): measured once
        gapped = sum(1 for r in rows if ("   " in r or "\t" in r) and "|" not in r and _GAP.search(r.strip()))
        indented = sum(1 for r in rows if len(r) - len(r.lstrip(" ")) >= 20 and r.strip())
        layout.layout_columns = gapped >= 2 or indented >= 3
        if layout.layout_columns:
            widths = sorted(len(r.rstrip()) for r in rows if r.strip())
            wide = widths[int(len(widths) * 0.9)] if widths else 80
            right_edge = max(30, int(wide * 0.4))

    pos = 0
    page = 1
    gap = 0
    out: list[Line] = []
    for row_no, row in enumerate(rows):
        row_start = pos
        pos += len(row) + 1
        if "\f" in row:
            page += row.count("\f")
        # A lone star is content; anything else blank is a gap.
        if not row.strip(" \f\t|*_#") and not _STAR.match(row.strip(" \f")):
            gap += 1
            continue
        if "---" in row and _TABLE_RULE.match(row):
            continue
        if "|" in row or "   " in row or "\t" in row:
            segments = _segments(row, row_start, right_edge, layout.layout_columns)
        else:  # the common case: one segment (what _segments gives, without its work)
            lead = len(row) - len(row.lstrip())
            end = len(row.rstrip())
            segments = [(row_start + lead, row_start + end, 1 if layout.layout_columns and lead >= right_edge else 0, 0)] if end > lead else []
        for seg_start, seg_end, col, sub in segments:
            raw = text[seg_start:seg_end]
            # Most segments are plain text with nothing to trim: decided without the helpers.
            kind = "text" if len(raw) > 12 and raw[0] not in _SPECIAL_START and not raw[-1].isspace() else _kind(raw, row)
            if raw[:1] in _LEAD_CHARS or raw[-1:] in _TAIL_MARKUP:
                s, e = _trim(text, seg_start, seg_end)
            else:
                s, e = seg_start, seg_end
            if kind == "text":
                if text[e - 1 : e] in _RULE_CHARS:
                    rule = _TRAILING_RULE.search(text, s, e)
                    if rule:
                        e = rule.start()
                if text[s : s + 1] in _RULE_CHARS:
                    lead_rule = _LEAD_RULE.match(text[s:e])
                    if lead_rule:
                        s += lead_rule.end()
                if e <= s:
                    continue
            indent = seg_start - row_start + (len(raw) - len(raw.lstrip(" \f")))
            out.append(Line(s, e, seg_start, seg_end, row_no * ROW_SCALE + sub, col, indent, page, gap, kind))
            gap = 0
    layout.lines = _split_merged_columns(layout, out)
    return layout




def _merged_cut(layout: Layout, ln: Line, edge: bool) -> tuple[int, bool] | None:
    """Where a segment holding two columns (or a lost line break) should be cut.

    Returns (offset in the segment, whether the cut is a new line rather than a column).
    """
    length = ln.end - ln.start
    if ln.kind != "text" or length <= 8:
        return None
    if length > LONG_PROSE_CHARS:  # body prose: only an item glued to the sentence before
        if not patterns.glued_quick(layout.text, ln.start, ln.end):
            return None
        m = patterns.GLUED_FIRST_ITEM.search(layout.text, ln.start, ln.end)
        return (m.start() - ln.start, True) if m else None
    if not edge:  # columns run together only in the header and the closing blocks
        if length > GLUED_ITEM_CHARS and patterns.glued_quick(layout.text, ln.start, ln.end):
            g = patterns.GLUED_FIRST_ITEM.search(layout.text, ln.start, ln.end)
            return (g.start() - ln.start, True) if g else None
        return None
    piece, sk = layout.text[ln.start : ln.end], layout.s(ln)
    bullet = sk[:1] in "-+"
    m = None
    if not bullet and ("CONG" in sk or "DOC" in sk):
        m = patterns.MERGED_TITLE_SK.search(sk)
    if m is None and not bullet and patterns.mark_cue(sk):
        m = patterns.MERGED_MARK_SK.search(sk)
    if m is None and "NGAY" in sk and (patterns.NUMBER_LINE_SK.match(sk) or piece.isupper()):
        m = patterns.MERGED_DATE.search(piece)
    if m is None and sk.startswith("NOI NHAN"):
        m = patterns.MERGED_MARK_SK.search(sk)
        if m is None:  # 'Nơi nhận: CHỦ TỊCH': the signer's title run onto the label
            label_end = len(sk) - len(sk[8:].lstrip(" :"))
            if label_end < len(sk) and " ".join(sk[label_end:].split()) in codes.title_set():
                return (len(sk[:label_end].rstrip()), False)
    if m is None and bullet:
        t = patterns.TRAILING_CAPS.search(piece)
        if t and " ".join(sk[t.end() :].split()) in codes.title_set():
            m = t
        elif t is None:
            m = patterns.TRAILING_NAME.search(piece)
    if m is None and length > GLUED_ITEM_CHARS and patterns.glued_quick(piece):
        g = patterns.GLUED_FIRST_ITEM.search(piece)
        return (g.start(), True) if g else None
    return (m.start(), False) if m is not None and m.start() > 0 else None


def _split_merged_columns(layout: Layout, lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    text = layout.text
    n = len(lines)
    for i, ln in enumerate(lines):
        found = _merged_cut(layout, ln, i < BLOCK_SEGMENTS or n - i <= BLOCK_SEGMENTS)
        if found is None:
            out.append(ln)
            continue
        cut, new_line = found
        left_end = ln.start + cut
        right_start = left_end + len(text[left_end : ln.end]) - len(text[left_end : ln.end].lstrip())
        out.append(Line(ln.start, left_end, ln.raw_start, left_end, ln.row, ln.col, ln.indent, ln.page, ln.gap_before, ln.kind))
        if new_line:
            out.append(Line(right_start, ln.end, right_start, ln.raw_end, ln.row + 1, ln.col, 0, ln.page, 0, ln.kind))
        else:
            shift = right_start - ln.start
            out.append(Line(right_start, ln.end, right_start, ln.raw_end, ln.row, ln.col + 1, ln.indent + shift, ln.page, 0, ln.kind))
    return out


_RULE_CHARS = frozenset("-_=~–—")
_SPECIAL_START = frozenset("-_=~–—*★☆✱>\\ \t\f")  # what a star, a rule or a page number (long: '- 12 -') can start with


def _is_rule(raw: str) -> bool:
    """A separator rule ('-----', '––––', '* * *' around dashes): only rule characters and blanks."""
    core = raw.strip(" \t\f*.·•")
    if core[:1] not in _RULE_CHARS or core[-1:] not in _RULE_CHARS:
        return False
    return all(c in _RULE_CHARS or c in " \t*.·•" for c in core) and sum(c in _RULE_CHARS for c in core) >= 3


def _kind(raw: str, row: str) -> str:
    """text | star | rule | page_number, by the segment's content."""
    core = raw.strip(" \t\f")
    if len(core) <= 5 and _STAR.match(core):
        return "star"
    if core[:1] in _RULE_CHARS and _is_rule(raw):
        return "rule"
    if len(core) <= 12 and (core[:1].isdigit() or core[:1] in "-Tt") and _PAGE_NUMBER.match(raw) and _alone(row):
        return "page_number"
    return "text"


def _alone(row: str) -> bool:
    return len(row.strip(" \f").split()) <= 3


ROW_SCALE = 1000  # Line.row = physical line × ROW_SCALE + visual line inside a table cell ('<br>')
_BR = regex.compile(r"<br\s*/?>", regex.IGNORECASE)


def _segments(row: str, row_start: int, right_edge: int, layout_columns: bool) -> list[tuple[int, int, int, int]]:
    """(start, end, column, visual line) of the cells of one physical line."""
    stripped = row.strip()
    if stripped.startswith("|") or " | " in row:
        cells: list[tuple[int, int]] = []
        last = 0
        for pos, ch in enumerate(row):
            if ch == "|":
                cells.append((last, pos))
                last = pos + 1
        cells.append((last, len(row)))
        # '| a | b |': the pipes at the ends open and close the row, they hold no cell.
        if stripped.startswith("|"):
            cells = cells[1:]
        if stripped.endswith("|") and cells:
            cells = cells[:-1]
        out: list[tuple[int, int, int, int]] = []
        for col, (a, b) in enumerate(cells):
            if not row[a:b].strip():
                continue  # an empty cell still counts as a column
            for sub, (la, lb) in enumerate(_br_split(row, a, b)):
                pieces = _gap_split(row, la, lb)
                out.extend((row_start + s, row_start + e, col if i == 0 else col + 1, sub) for i, (s, e) in enumerate(pieces))
        return out
    pieces = _gap_split(row, 0, len(row))
    if len(pieces) > 1 and pieces[0][1] - pieces[0][0] == 1 and row[pieces[0][0]] in _SPECKS:
        pieces = pieces[1:]  # a speck a scan left before the line ('_   ~ Văn phòng ...') is no column
    result: list[tuple[int, int, int, int]] = []
    for i, (a, b) in enumerate(pieces):
        col = 1 if i > 0 or (layout_columns and a >= right_edge) else 0
        result.append((row_start + a, row_start + b, col, 0))
    return result


_SPECKS = frozenset("_~'`.,:;|")


def _br_split(row: str, a: int, b: int) -> list[tuple[int, int]]:
    """The visual lines of a table cell whose line breaks were written as '<br>'."""
    out, cur = [], a
    for m in _BR.finditer(row, a, b):
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, b))
    return [(x, y) for x, y in out if row[x:y].strip()] or [(a, b)]


_FILL_BEFORE = regex.compile(r"(?:(?<!\w)(?:[Ss]ố|SỐ)\s?:?|(?<!\w)(?:ngày|tháng|năm|NGÀY|THÁNG|NĂM))$")


def _blank_to_fill(piece: str, gap_start: int, gap_end: int) -> bool:
    """Spaces left blank in a draft ('Số:      /UBND-VP', 'ngày      tháng') are not a column gap; a blank
    followed by a word in lower case is (a received stamp's 'Số:' at the margin, beside a line of text)."""
    if piece.startswith(_FILL_AFTER, gap_end):
        return True
    return bool(_FILL_BEFORE.search(piece[max(0, gap_start - 8) : gap_start])) and not piece[gap_end : gap_end + 1].islower()


_FILL_AFTER = ("/", "-", "tháng", "năm", "THÁNG", "NĂM")


def _gap_split(row: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split row[a:b] at runs of 3+ spaces; returns non-blank pieces."""
    piece = row[a:b]
    if "   " not in piece and "\t" not in piece:
        stripped = piece.strip()
        if not stripped:
            return []
        lead = len(piece) - len(piece.lstrip())
        return [(a + lead, a + lead + len(stripped))]
    lead = len(piece) - len(piece.lstrip())
    bounds: list[tuple[int, int]] = []
    cur = a + lead
    for m in _GAP.finditer(piece, lead):
        g = m.start(_GAP_RUN)
        if _blank_to_fill(piece, g, m.end(_GAP_RUN)):
            continue
        bounds.append((cur, a + g))
        cur = a + m.end(_GAP_RUN)
    end = a + len(piece.rstrip())
    if end > cur:
        bounds.append((cur, end))
    return [(s, e) for s, e in bounds if row[s:e].strip()]


_INNER_MARKUP = regex.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|\\(?=[*_#\[\]().-])|`")


BOLD_MARK = "**"


def leaves_bold_open(layout: Layout, line: Line) -> bool:
    """Whether a segment as written holds an odd number of Markdown bold marks: a conversion cut one
    bold phrase across lines ('**T/M BỘ CHÍNH' / 'TRỊ**'), so the segment that closes the run is the
    rest of the same phrase, not a line of its own."""
    return layout.text.count(BOLD_MARK, line.raw_start, line.raw_end) % 2 == 1


def clean(text: str) -> str:
    """A value as printed: markup marks removed, whitespace collapsed."""
    if "*" in text or "_" in text or "\\" in text or "`" in text:
        text = _INNER_MARKUP.sub("", text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # one space between words already (any other blank is not printable)
    return " ".join(text.split())


def strip_value(text: str) -> str:
    """:func:`clean` plus no list bullet and no trailing ; , . (gold rules)."""
    text = clean(text)
    text = text.lstrip("-–—+•·~ ")
    text = text.rstrip(" \t\n;,.:")
    while len(text) > 2 and text[-1] in "-–—~" and text[-2] == " ":
        text = text[:-2].rstrip(" ;,.:")  # a dash left alone at the end: a rule or a speck, not a word
    return text.strip()
