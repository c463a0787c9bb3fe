"""Tasks: the body's numbered items as a tree, plus the opening and closing passages.

Levels, highest first: Phần, Chương, A./B. sections (and a chapter's 'Mục 1.'), Roman
I./II. (or I-), Điều N., Arabic 1./2. (or 1-, 1)), decimal 1.1., letters a)/b), bullets -/+.
The top level is the highest one numbered 1, 2, 3... in order through the body; each item's
children are the next level found inside it (a chapter's: its Mục or its articles, whose
numbers run on from the chapter before). A numbering marker counts only at
the start of a paragraph, so a wrapped line that happens to begin with '3 -' is
not an item.

Each task's ``title`` is its heading line when the item is a heading (see :func:`heading_of`). Roman
headings damaged by OCR ('L.', 'IL.', '1.' for 'I.', 'II.') are read as the numeral their siblings call for
(see :func:`_read_roman`), and the numbered decisions after an enacting clause ('Hội nghị quyết nghị:') are
the tasks even when a numbered list before it restarts the numbering (see :func:`_after_enacting`).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

import regex

from .. import patterns
from ..lines import Layout, Line, clean
from ..messages import warn
from ..model import ParseWarning, Passage, Span, Task
from ..rules import ends_terminal, is_caps, starts_lower
from ..zones import marker_of
from .headings import ends_mid_phrase, heading_of
from .result import Extracted


def _hyphen_end(text: str) -> bool:
    """A word or number cut at the line end ('NĐ-' / 'CP'): a letter or digit, then '-' (a '$' search would scan the line)."""
    t = text.rstrip("\n")
    return len(t) > 1 and t[-1] == "-" and t[-2].isalnum()


RANK = ("part", "chapter", "section", "roman", "article", "arabic", "decimal", "letter", "bullet")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_CLOSING_CUES = regex.compile(
    r"\./\.\s*$|/\.\s*$|(?:công văn|kế hoạch|quyết định|chỉ thị|nghị quyết|kết luận|thông báo|hướng dẫn|văn bản|báo cáo|chương trình|quy định|tờ trình)\s+này\b"
    r"|^(?:Nhận được|Yêu cầu|Đề nghị|Giao|Trên đây|Trong quá trình|Quá trình thực hiện|Văn phòng .{0,40} thông báo)",
    regex.IGNORECASE,
)


@dataclass
class Body:
    """The body as the Directive holds it: the unnumbered opening, the tree of numbered tasks, the closing paragraphs."""

    preamble: Passage | None = None
    tasks: list[Task] = field(default_factory=list)
    closing: Passage | None = None


@dataclass
class _Item:
    idx: int  # index into the body segments
    kind: str
    number: str
    value: int
    sep: str
    text_start: int  # where the item's text starts (after the marker)
    strong: bool = True  # at the start of a paragraph; a weak one only continues a sequence
    written: str = ""  # the number as printed ('Il', 'L', '1' where the numeral is 'II', 'I', 'I')
    mark: Span | None = None  # where the printed number stands
    suspect: bool = False  # may be a Roman numeral damaged by OCR: read as one only if its siblings call for it


def _value(kind: str, number: str) -> int:
    if kind in ("arabic", "article") or (kind in ("chapter", "section") and number.isdigit()):
        return int(number)
    if kind in ("roman", "chapter"):
        total, prev = 0, 0
        for c in reversed(number.upper()):
            v = _ROMAN_VALUES.get(c, 0)
            total = total - v if v < prev else total + v
            prev = max(prev, v)
        return total
    if kind == "section":
        return ord(number.upper()) - ord("A") + 1
    if kind == "letter":
        return _LETTERS.index(number) + 1 if number in _LETTERS else 0
    if kind == "part":
        if number.isdigit():
            return int(number)
        words = number.lower().split()
        if words and words[0] == "thứ" and len(words) > 1:
            return _ORDINALS.get(words[1], 0)
        return _value("roman", number)
    if kind == "decimal":
        return int(number.split(".")[-1] or 0)
    return 0


def _find_marker(layout: Layout, ln: Line) -> tuple[str, regex.Match[str]] | None:
    head = layout.folded[ln.start : min(ln.end, ln.start + 80)]
    if layout.read_by_ocr and _OCR_COMMA_MARKER.match(head):
        head = head.replace(",", ".", 1)  # OCR reads the dot after a list number as a comma ('2, Phòng Kinh tế')
    return marker_of(head)


_CHAPTER = regex.compile(r"\s*(?:Chương|CHƯƠNG|Mục|MỤC)\s+(?:[IVXLC]{1,6}|\d{1,2})\b")
_OCR_COMMA_MARKER = regex.compile(r"\d{1,2},\s+\p{Lu}")


def _starts_paragraph(b: _Body, ln: Line, prev: Line) -> bool:
    if ln.row == prev.row:
        return False
    layout = b.layout
    text, prev_text = layout.t(ln), layout.t(prev)
    marker = b.marker(ln)
    if starts_lower(text) and not (marker and marker[0] == "letter"):
        return False  # a sentence never starts in lower case: a wrapped line or a page-break split
    if marker and marker[0] != "bullet" and is_caps(text[marker[1].end() : marker[1].end() + 60]):
        return True  # a heading in capitals
    if marker and marker[0] in ("article", "part", "chapter"):
        return True  # 'Điều 3.', 'Phần II', 'Chương I': a legal unit starts its own paragraph
    if prev_text[:1] in "CMcm \t" and _CHAPTER.match(prev_text):
        return True  # the line under 'Chương I NHỮNG QUY ĐỊNH CHUNG'
    if _hyphen_end(prev_text) or prev_text.rstrip().endswith(","):
        return False  # a word or a number cut at the line end continues below
    if ln.gap_before or ends_terminal(prev_text) or prev_text.rstrip().endswith(")"):
        return True
    # A heading above: capitals, or a short numbered line without final punctuation that does not
    # stop on a word that needs a continuation ('… Ban Chỉ đạo quốc gia về' / 'Phòng, chống …').
    if is_caps(prev_text):
        return True
    return len(prev_text) < 100 and b.marker(prev) is not None and not ends_mid_phrase(prev_text)


_ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")
_NUMERAL_VALUES = {numeral: n for n, numeral in enumerate(_ROMAN_NUMERALS, 1)}
_OCR_STROKES = str.maketrans("Ll1|", "IIII")  # what OCR reads for the stroke 'I' of a Roman numeral
# A Roman heading whose number OCR damaged ('L. TÌNH HÌNH', 'IL. MỤC TIÊU', 'IIL- NHIỆM VỤ', 'L TÌNH HÌNH' without
# its dot): strokes and OCR's stand-ins for them, then a separator, or a space before a heading in capitals.
_DAMAGED_ROMAN = regex.compile(r"(?P<n>[IVXLl1|]{1,5})(?:\s{0,2}(?P<sep>[.)\-])\s{0,4}(?=\S)|\s(?=\p{Lu}{2}))")
_STROKES_ONLY = regex.compile(r"[1lIL|]{1,3}")  # an Arabic '1.', '11.' or a letter 'l)' that may be a damaged 'I.', 'II.'


def _roman_readings(written: str) -> frozenset[int]:
    """The values a printed Roman number may stand for: as printed, with OCR's stand-ins for the stroke
    ('L', 'l', '1', '|') read as 'I', and with one lost stroke put back ('II' for III, 'V' for IV)."""
    base = written.translate(_OCR_STROKES).upper()
    candidates = {base} | {base[:i] + "I" + base[i:] for i in range(len(base) + 1)}
    return frozenset(_NUMERAL_VALUES[c] for c in candidates if c in _NUMERAL_VALUES)


def _damaged_roman(b: _Body, i: int) -> _Item | None:
    """A Roman heading whose number OCR damaged so that no marker reads it ('L. TÌNH HÌNH', 'IL. MỤC TIÊU'):
    a suspect item, kept only if its Roman siblings call for the numeral (see :func:`_read_roman`)."""
    ln = b.segs[i]
    if not b.starts[i]:
        return None  # a heading starts its paragraph
    head = b.layout.folded[ln.start : min(ln.end, ln.start + 80)]
    m = _DAMAGED_ROMAN.match(head)
    if m is None or not _roman_readings(m.group("n")) or not is_caps(head[m.end() : m.end() + 60]):
        return None
    mark = Span(ln.start + m.start("n"), ln.start + m.end("n"))
    return _Item(i, "roman", "", 0, (m.group("sep") or "").strip(), ln.start + m.end(), True, m.group("n"), mark, suspect=True)


def _read_roman(items: list[_Item], read_by_ocr: bool) -> None:
    """Read Roman headings damaged by OCR as the numeral the sequence of their siblings calls for.

    'L.', '1.', 'IL.', 'IIL.' for 'I.', 'II.', 'III.'; 'II' repeated where III is due; 'V' after 'III' where IV
    is meant. An item is read as the numeral due at its place (one more than the last Roman heading) when that
    numeral is one of its readings (:func:`_roman_readings`) and the sequence proves it: the next Roman heading
    is the one after it. In a text read by OCR the last heading needs no next one. A run needs at least one
    Roman heading printed whole: a lone 'L.' or a list '1.', '11.' is never read as Roman. Suspects the
    sequence does not call for stay what they were (an Arabic '1.', a letter 'l)') or are dropped (a damaged
    marker no other marker reads). Items read as another numeral than printed keep the printed one in ``written``.
    """
    run = [it for it in items if it.strong and (it.kind == "roman" or it.suspect)]
    if not any(it.kind == "roman" and not it.suspect for it in run):
        items[:] = [it for it in items if not (it.suspect and it.kind == "roman")]
        return
    seps = [it.sep for it in run if it.kind == "roman" and not it.suspect]
    sep = max(seps, key=seps.count)  # the siblings' separator, which a damaged one takes ('L TÌNH HÌNH' is 'I.')
    expected = 1
    dropped: set[int] = set()
    for k, it in enumerate(run):
        whole = it.kind == "roman" and not it.suspect
        if whole and it.value == expected:
            expected += 1
            continue
        nxt = run[k + 1] if k + 1 < len(run) else None
        proven = nxt is not None and expected + 1 in _possible_values(nxt)
        if expected in _roman_readings(it.written) and (proven or (read_by_ocr and nxt is None and k > 0)):
            if it.suspect:
                it.sep = sep
            it.kind, it.value, it.number, it.suspect = "roman", expected, _ROMAN_NUMERALS[expected - 1], False
            expected += 1
        elif whole:
            expected = it.value + 1  # a gap, or a number the sequence cannot settle: kept as printed
        else:
            dropped.add(id(it))
    items[:] = [it for it in items if not (id(it) in dropped and it.kind == "roman")]
    for it in items:
        it.suspect = False


def _possible_values(it: _Item) -> frozenset[int]:
    """The values a Roman heading may have: its own when printed whole, its readings when a suspect."""
    return _roman_readings(it.written) if it.suspect else frozenset((it.value,))


def _sequence_ok(items: list[_Item], min_count: int, runs_on: bool = False) -> bool:
    """Whether items run 1, 2, 3... (one gap allowed); from any number when they run ``runs_on`` from the parent's siblings."""
    if len(items) < min_count or (items[0].value != 1 and not runs_on):
        return False
    gaps = 0
    for a, b in itertools.pairwise(items):
        if b.value == a.value + 1:
            continue
        if b.value == a.value + 2 and gaps == 0:
            gaps += 1
            continue
        return False
    return True


def _drop_weak(items: list[_Item]) -> list[_Item]:
    """Keep paragraph-start items, and others only where they continue the numbering."""
    kept: list[_Item] = []
    for it in items:
        if it.strong or (kept and it.value == kept[-1].value + 1):
            kept.append(it)
    return kept


def _is_division(it: _Item) -> bool:
    """Whether an item is a chapter's 'Mục 1.' (a section numbered with a digit, where A./B. ones have letters)."""
    return it.kind == "section" and it.number.isdigit()


def _pick_level(items: list[_Item], below: int = -1, parent: _Item | None = None) -> tuple[str, list[_Item]] | None:
    """The highest level (after rank ``below``) whose items run 1, 2, 3...

    Under a chapter or its Mục, only Mục and articles count, and their numbers may run on from the chapter
    before (articles are numbered through the document); so may chapters under a Phần.
    """
    legal = parent is not None and (parent.kind == "chapter" or _is_division(parent))
    if legal:
        in_chapter = parent is not None and parent.kind == "chapter"  # a chapter holds Mục; a Mục holds articles only
        items = [it for it in items if it.kind == "article" or (in_chapter and _is_division(it))] or items
    by_kind: dict[str, list[_Item]] = {}
    for it in items:
        by_kind.setdefault(it.kind, []).append(it)
    for kind in RANK[below + 1 :]:
        of_kind = by_kind.get(kind)
        if not of_kind:
            continue
        if kind == "bullet":
            # Bullets are never the top level: only items under a numbered one.
            return (kind, of_kind) if below >= 0 else None
        by_sep: dict[str, list[_Item]] = {}
        for it in of_kind:
            by_sep.setdefault(it.sep, []).append(it)
        for group in sorted(by_sep.values(), key=len, reverse=True):
            group = _drop_weak(group)
            runs_on = below >= 0 and (kind == "chapter" or (legal and kind == "article"))
            if _sequence_ok(group, 1 if kind in ("article", "part") or below >= 0 else 2, runs_on):
                return kind, group
    return None


@dataclass
class _Body:
    """The body segments of one extraction and what is computed once about them: each segment's
    numbering marker, which segments start a paragraph, the text of each paragraph range."""

    layout: Layout
    segs: list[Line]
    starts: list[bool] = field(default_factory=list)
    markers: dict[int, tuple[str, regex.Match[str]] | None] = field(default_factory=dict)  # by segment start
    texts: dict[tuple[int, int], str] = field(default_factory=dict)  # by (start offset, end index)
    wrap: int = -1  # the column the lines reach (see wrap_width), -1 until computed

    @classmethod
    def of(cls, layout: Layout, segs: list[Line]) -> _Body:
        b = cls(layout, segs)
        b.starts = [i == 0 or _starts_paragraph(b, segs[i], segs[i - 1]) for i in range(len(segs))]
        _join_unit_titles(b)
        return b

    def marker(self, ln: Line) -> tuple[str, regex.Match[str]] | None:
        if ln.start not in self.markers:
            self.markers[ln.start] = _find_marker(self.layout, ln)
        return self.markers[ln.start]

    def wrap_width(self) -> int:
        """The column the body's lines reach: where a text wrapped at a width wraps (the WRAP_PERCENTILE of the
        lines' right edges); in a text with a paragraph per line (Word, web pages) the long paragraphs' length."""
        if self.wrap < 0:
            text = self.layout.text
            edges = sorted({text.rfind("\n", 0, ln.start): _right_edge(text, ln) for ln in self.segs}.values())  # one per physical line
            self.wrap = edges[min(len(edges) - 1, int(len(edges) * WRAP_PERCENTILE))]
        return self.wrap


UNIT_TITLE_LINES = 4  # a chapter's title in capitals wraps over at most this many lines


def _join_unit_titles(b: _Body) -> None:
    """Make the title of a chapter (and, after the first chapter, of a Mục) one paragraph when it wraps over
    lines in capitals ('Chương II' / 'QUẢN LÝ DỰ ÁN ... SỬ DỤNG VỐN' / 'NGÂN SÁCH NHÀ NƯỚC'): a line in capitals
    otherwise starts a paragraph of its own."""
    segs, folded = b.segs, b.layout.folded
    chapters = False
    for i, ln in enumerate(segs):
        found = b.marker(ln)
        if found is None or not (found[0] == "chapter" or (chapters and found[1].re is patterns.DIVISION)):
            continue
        chapters = True
        first = i if folded[ln.start + found[1].end() : ln.end].strip() else i + 1  # the title's first line
        k = first + 1
        while k < len(segs) and k - first < UNIT_TITLE_LINES and b.starts[k] and segs[k].row != segs[k - 1].row:
            text, prev = b.layout.t(segs[k]), b.layout.t(segs[k - 1])
            if b.marker(segs[k]) is not None or _CHAPTER.match(text) or not is_caps(text) or ends_terminal(prev):
                break
            b.starts[k] = False
            k += 1


def extract_tasks(layout: Layout, body: tuple[int, int]) -> Extracted[Body]:
    """The preamble, the tasks and the closing of the body segments ``body``."""
    segs = [ln for ln in layout.lines[body[0] : body[1]] if ln.kind == "text"]
    if not segs:
        return Extracted(Body())
    b = _Body.of(layout, segs)
    quoted = _quoted(b)
    items: list[_Item] = []
    for i, ln in enumerate(segs):
        if i in quoted:
            continue  # numbering of a regulation the body quotes, not the document's own
        found = b.marker(ln)
        text_start = ln.start + found[1].end() if found else 0
        if not found:
            found = _cell_marker(b, i)
            if not found:
                damaged = _damaged_roman(b, i)
                if damaged is not None:
                    items.append(damaged)
                continue
            text_start = segs[i + 1].start
        strong = b.starts[i]
        if not strong and (i == 0 or segs[i - 1].row == ln.row or found[0] == "bullet"):
            continue
        kind, m = found
        written, sep = patterns.marker_parts(m)
        number = " ".join(written.split())
        mark = Span(ln.start + m.start(patterns.MARKER_NUMBER), ln.start + m.end(patterns.MARKER_NUMBER))  # a cell's number: in its segment too
        if kind == "roman":
            number = number.replace("l", "I")  # OCR: 'Il' is II
        elif kind == "part" and not number[:1].isdigit() and number[:1] not in "IVXLC" and _value(kind, number):
            number = str(_value(kind, number))  # 'PHẦN THỨ NHẤT' is part 1 (the written form stays in the text)
        suspect = kind in ("arabic", "letter") and _STROKES_ONLY.fullmatch(number) is not None and is_caps(_heading_text(b, i, text_start))
        items.append(_Item(i, kind, number, _value(kind, number), sep.strip(), text_start, strong, " ".join(written.split()), mark, suspect))
    _read_roman(items, layout.read_by_ocr)
    chapter = next((it.idx for it in items if it.kind == "chapter"), None)
    if any(_is_division(it) for it in items):  # a Mục is a chapter's: none before the first chapter
        items = [it for it in items if not (_is_division(it) and (chapter is None or it.idx < chapter))]
    top = _pick_level(_after_enacting(b, items) or items)
    if top is None:
        return Extracted(Body(preamble=_passage(b, 0, len(segs))))
    kind, chosen = top
    preamble = _passage(b, 0, chosen[0].idx) if chosen[0].idx > 0 else None
    end_idx = len(segs)
    closing: Passage | None = None
    if kind != "article" and not (kind in ("part", "chapter") and chapter is not None):  # a law's last article ends the body
        close_from = _closing_from(b, chosen[-1].idx)
        if close_from is not None:
            closing = _passage(b, close_from, len(segs))
            end_idx = close_from
    used: list[_Item] = []
    tasks = _build(b, items, chosen, end_idx, RANK.index(kind), used)
    return Extracted(Body(preamble, tasks, closing), warnings=_correction_warnings(b, used))


def _heading_text(b: _Body, i: int, text_start: int) -> str:
    """The first characters of segment ``i``'s text after its number (of the next segment, for a number in a cell of its own)."""
    ln = b.segs[i] if text_start < b.segs[i].end else b.segs[i + 1]
    return b.layout.folded[text_start : min(ln.end, text_start + 60)]


def _correction_warnings(b: _Body, used: list[_Item]) -> list[ParseWarning]:
    """An 'ocr_correction' warning for each task whose Roman number is read otherwise than printed ('L.' as I)."""
    return [
        warn("ocr_correction", it.mark, written=b.layout.text[it.mark.start : it.mark.end], fixed=it.number)
        for it in used
        if it.kind == "roman" and it.mark is not None and it.written != it.number
    ]


ENACTING_TAIL_CHARS = 40  # the enacting words close their segment: only its end is searched
# The clause that enacts what follows ('Hội nghị quyết nghị:', 'QUYẾT NGHỊ:', 'Ban Thường vụ kết luận như sau:').
_ENACTING = regex.compile(r"(?<!\p{L})(?:quyết\s+nghị|kết\s+luận|quyết\s+định)(?:\s+như\s+sau)?\s*:?\s*$", regex.IGNORECASE)


def _after_enacting(b: _Body, items: list[_Item]) -> list[_Item] | None:
    """The items after the enacting clause, when the numbering restarts there: the tasks of a conference's
    resolution or conclusions ('Hội nghị đã nghe: 1. Báo cáo ... 2. Tờ trình ...' / 'Hội nghị quyết nghị:' /
    '1. Thông qua ...' ... '12. Thi hành kỷ luật ...'); the list before the clause is the preamble's.

    The clause is a segment without a number of its own ending with 'quyết nghị', 'kết luận' or 'quyết định'
    (a colon, 'như sau' allowed); the first item after it is a 1 of a kind also numbered before it, and the
    highest kind after it. None when there is no such clause: the whole body is read as usual.
    """
    ones = [it.kind for it in items if it.strong and it.value == 1]
    if len(ones) == len(set(ones)):
        return None  # no numbering restarts at 1
    segs = b.segs
    for e in range(len(segs) - 1, -1, -1):
        if b.marker(segs[e]) is not None or not _ENACTING.search(b.layout.t(segs[e])[-ENACTING_TAIL_CHARS:]):
            continue
        after = [it for it in items if it.idx > e]
        first = next((it for it in after if it.strong), None)
        if first is None or first.value != 1 or first.kind == "bullet":
            continue
        if not any(it.kind == first.kind and it.idx < e for it in items):
            return None  # nothing numbered the same way before the clause: the body reads as usual
        if min(RANK.index(it.kind) for it in after) < RANK.index(first.kind):
            continue  # a higher level runs on after the clause: the clause sits inside an item
        return after
    return None


QUOTE_SEGMENTS = 80  # a quotation closes within this many segments, or it is not read as one
_QUOTE_OPENING = regex.compile(r'(?:^|:)\s{0,3}(?P<q>[“"])')
_QUOTE_CLOSING = {"“": "”", '"': '"'}


def _quote_balance(text: str, mark: str, open_depth: int = 0) -> int:
    """The depth of quotations opened with ``mark`` after ``text``, from ``open_depth`` before it."""
    if mark == '"':
        return (open_depth + text.count('"')) % 2  # the same mark opens and closes: an odd count flips
    return open_depth + text.count(mark) - text.count(_QUOTE_CLOSING[mark])


def _quoted(b: _Body) -> set[int]:
    """Indices of the segments inside a quotation of another text ('... quy định:' / '“2. Sau khi ...' /
    'a) ...' / '3. ... giải thể hội.”'): the body's tasks are never numbered there.

    A quotation opens at a quote mark that starts a segment or follows a colon and that the segment leaves open; it
    runs to the segment that closes it. One that nothing closes within QUOTE_SEGMENTS segments is left alone."""
    segs, layout = b.segs, b.layout
    inside: set[int] = set()
    i = 0
    while i < len(segs):
        text = layout.t(segs[i])
        openings = list(_QUOTE_OPENING.finditer(text))
        m = openings[-1] if openings else None
        if m is None or _quote_balance(text[m.start(1) :], m.group(1)) <= 0:
            i += 1
            continue
        mark = m.group(1)
        depth = _quote_balance(text[m.start(1) :], mark)
        j = i + 1
        while j < len(segs) and j - i <= QUOTE_SEGMENTS:
            if mark == '"' and _introduced_quotation(layout.t(segs[j - 1]), layout.t(segs[j])):
                break
            depth = _quote_balance(layout.t(segs[j]), mark, depth)
            if depth <= 0:
                break
            j += 1
        if j < len(segs) and j - i <= QUOTE_SEGMENTS:
            lost = depth > 0  # its closing mark lost (OCR): it ends before the line introducing the next quotation
            inside.update(range(i + 1, j - 1 if lost else j + 1))
            i = j if lost else j + 1
        else:
            i += 1
    return inside


def _introduced_quotation(before: str, text: str) -> bool:
    """Whether ``text`` opens a quotation with '"' after a line ending with ':' (no closing mark follows a colon)."""
    return text.lstrip().startswith('"') and before.rstrip().endswith(":")


BARE_MARKER_CHARS = 6  # a segment this short may be a list number alone ('1.', 'II.', 'a)')


def _cell_marker(b: _Body, i: int) -> tuple[str, regex.Match[str]] | None:
    """A list number set apart from its text on the same line ('1.' | 'Thống nhất tổ chức ...': Word's
    automatic numbering, or a table's number column): read as the marker of the segment beside it."""
    segs, layout = b.segs, b.layout
    ln = segs[i]
    bare = layout.folded[ln.start : ln.end].strip()
    if not bare or len(bare) > BARE_MARKER_CHARS or i + 1 >= len(segs) or segs[i + 1].row != ln.row:
        return None
    nxt = segs[i + 1]
    found = marker_of(f"{bare} {layout.folded[nxt.start : min(nxt.end, nxt.start + 80)]}")
    if found is None or found[0] == "bullet" or found[1].end() <= len(bare):
        return None  # no marker, or one that ends inside the short segment (which then holds text of its own)
    return found


def _build(b: _Body, items: list[_Item], level: list[_Item], end_idx: int, rank: int, used: list[_Item]) -> list[Task]:
    tasks = []
    positions = [x.idx for x in items]
    for n, it in enumerate(level):
        stop = level[n + 1].idx if n + 1 < len(level) else end_idx
        inner = items[bisect.bisect_right(positions, it.idx) : bisect.bisect_left(positions, stop)]
        text = _text(b, it.idx, stop, it.text_start)
        task = Task(it.number, text, Span(b.segs[it.idx].start, b.segs[stop - 1].end), it.kind)  # type: ignore[arg-type]
        used.append(it)
        sub = _pick_level(inner, rank, it)
        if sub is not None:
            task.children = _build(b, inner, sub[1], stop, RANK.index(sub[0]), used)
        task.title = _title(b, it, stop, text)
        tasks.append(task)
    return tasks


# --- titles: which numbered items are headings (one rule, :func:`heading_of`)
FULL_LINE_SHARE = 0.85  # a line at least this share of the wrap width ends where the text wrapped, not where a heading ends
WRAP_PERCENTILE = 0.9  # the share of the body's lines that end before the width the text wraps at


def _title(b: _Body, it: _Item, stop: int, text: str) -> str | None:
    """The heading line of the item ``it`` (its segments run to ``stop``), by :func:`heading_of`."""
    paragraphs = text.split("\n")
    first = paragraphs[0] if paragraphs else ""
    last = it.idx  # the last segment of the first paragraph with text
    while last + 1 < stop and not b.starts[last + 1]:
        last += 1
    if not clean(b.layout.text[it.text_start : b.segs[last].end]) and last + 1 < stop:
        last += 1  # a number alone on its line ('Phần I'): the heading is the paragraph below
        while last + 1 < stop and not b.starts[last + 1]:
            last += 1
    fills_line = _right_edge(b.layout.text, b.segs[last]) >= FULL_LINE_SHARE * b.wrap_width()
    return heading_of(first, it.kind, followed=len(paragraphs) > 1, fills_line=fills_line)


def _right_edge(text: str, ln: Line) -> int:
    """The column where the physical line of a segment ends (a segment split off a line ends where it does)."""
    row_start = text.rfind("\n", 0, ln.start) + 1
    row_end = text.find("\n", ln.end)
    return len(text[row_start : len(text) if row_end < 0 else row_end].rstrip())


def _text(b: _Body, first: int, stop: int, first_start: int | None = None) -> str:
    """Paragraphs of segs[first:stop], lines of a paragraph joined by spaces, paragraphs by newlines."""
    cache = b.texts
    starts = b.starts
    out = []
    i = first
    while i < stop:
        end = i + 1
        while end < stop and not starts[end]:
            end += 1
        start = first_start if (i == first and first_start is not None) else b.segs[i].start
        key = (start, end)
        value = cache.get(key)
        if value is None:
            value = cache[key] = _paragraph_text(b, i, end, start)
        if value:
            out.append(value)
        i = end
    return "\n".join(out)


def _paragraph_text(b: _Body, first: int, end: int, start: int) -> str:
    text, segs = b.layout.text, b.segs
    if end == first + 1:
        return clean(text[start : segs[first].end])
    pieces = [text[start if i == first else segs[i].start : segs[i].end] for i in range(first, end)]
    if not any(p[-1:] == "-" for p in pieces):
        return clean(" ".join(pieces))
    # A word or number hyphenated at a line end ('NĐ-' / 'CP') joins without a space.
    joined = "".join(p if i == 0 else ("" if _hyphen_end(pieces[i - 1]) else " ") + p for i, p in enumerate(pieces))
    return clean(joined)


def _passage(b: _Body, first: int, stop: int) -> Passage | None:
    if stop <= first:
        return None
    text = _text(b, first, stop)
    if not text:
        return None
    return Passage(text, Span(b.segs[first].start, b.segs[stop - 1].end))


def _closing_from(b: _Body, last_item: int) -> int | None:
    """Where the closing paragraphs after the last item start, if any."""
    segs = b.segs
    starts = [i for i in range(last_item + 1, len(segs)) if b.starts[i] and b.marker(segs[i]) is None]
    for i in starts:
        para_end = next((j for j in starts if j > i), len(segs))
        text = " ".join(b.layout.t(segs[j]) for j in range(i, para_end))
        if _CLOSING_CUES.search(clean(text)):
            return i
    return None
