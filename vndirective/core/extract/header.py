"""Header fields: system, organ lines, number and symbol, place, date, type, subject, marks."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from .. import codes, patterns
from ..ids import MALFORMED, DocumentId, find_ids, joined_id
from ..lines import Layout, Line, clean, strip_value
from ..messages import warn
from ..model import HeaderFields, ParseWarning, Span, SpanValue
from ..normalize import fold, skeleton
from ..rules import is_caps
from ..zones import Zones, is_qualifier, mark_of, type_name_of
from .result import Extracted

_CUT_END = regex.compile(r"[\p{L}\d]-$")
_INLINE_SUBJECT_SK = regex.compile(r"(?:V\s?/\s?V|VE\s+VIEC)\s{0,3}[:.]?\s{0,3}")
_VE_SK = regex.compile(r"(?<![A-Z])VE\s")


@dataclass
class Header:
    """The header's values, and the document's own number, which the references extractor leaves out of the citations."""

    fields: HeaderFields
    own_id: DocumentId | None = None
    own_id_span: Span | None = None

    def organs(self) -> tuple[str, ...]:
        """The issuer and its parent, as printed: the document's own organs."""
        return tuple(v for v in (self.fields.issuer, self.fields.issuer_parent) if v is not None)


@dataclass
class _Draft:
    """The header while it is being read: values by field name, their spans, warnings, the own number."""

    values: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)
    own_id_span: Span | None = None
    own_id: DocumentId | None = None

    def set(self, name: str, value: Any, span: Span | None) -> None:
        self.values[name] = value
        if span is not None and value is not None:
            self.spans[name] = span

    def result(self) -> Extracted[Header]:
        header = Header(HeaderFields(**self.values), self.own_id, self.own_id_span)  # an unknown name fails here
        spans: dict[str, SpanValue] = dict(self.spans)
        return Extracted(header, spans, self.warnings)


def extract_header(layout: Layout, zones: Zones) -> Extracted[Header]:
    """All header fields with their spans."""
    h = _Draft()
    lines = layout.lines
    hs, he = zones.header
    header_lines = lines[hs:he]
    roles = {id(ln): zones.roles(ln) for ln in header_lines}

    _system(layout, header_lines, roles, h)
    number_lines = [ln for ln in header_lines if roles[id(ln)] == "number"]
    # 'ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT' names the organ; the document's own 'Số: 1105/KH-ĐKT' follows.
    number_line = next((ln for ln in number_lines if not layout.t(ln).isupper()), number_lines[0] if number_lines else None)
    _number(layout, number_line, h)
    _organs(layout, header_lines, roles, number_line, zones, h)
    _place_date(layout, header_lines, roles, h)
    _reconcile_place_name(layout, h)
    _type_and_subject(layout, zones, number_line, roles, h)
    _marks(layout, header_lines, roles, h)
    if h.values.get("system") is None and h.own_id is not None and h.own_id.system:
        h.set("system", h.own_id.system, h.own_id_span)
    return h.result()


def _reconcile_place_name(layout: Layout, h: _Draft) -> None:
    """'ỦY BAN NHÂN DÂN XÃ THƯ LẦM' over 'Thư Lâm, ngày ...': the issuer ends with the place, but OCR
    spelled the two differently. The spelling the document uses more often wins, with a warning."""
    issuer, place = h.values.get("issuer"), h.values.get("place")
    if not isinstance(issuer, str) or not isinstance(place, str) or len(place) < 3:
        return
    tail = issuer[len(issuer) - len(place) :]
    if len(issuer) <= len(place) or issuer[-len(place) - 1] != " " or skeleton(tail) != skeleton(place) or fold(tail) == fold(place.upper()):
        return
    text = layout.folded.lower()
    if text.count(fold(place).lower()) <= text.count(fold(tail).lower()):
        return
    fixed = issuer[: len(issuer) - len(place)] + place.upper()
    h.warnings.append(warn("ocr_correction", h.spans.get("issuer"), written=issuer, fixed=fixed))
    h.values["issuer"] = fixed


def _system(layout: Layout, header: list[Line], roles: dict[int, str], h: _Draft) -> None:
    for ln in header:
        role = roles[id(ln)]
        if role == "party_title":
            h.set("system", "party", _match_span(layout, ln, patterns.PARTY_TITLE_SK))
            return
        if role in ("state_title", "motto"):
            pat = patterns.STATE_TITLE_SK if role == "state_title" else patterns.MOTTO_SK
            h.set("system", "state", _match_span(layout, ln, pat))
            return
    h.set("system", None, None)


def _match_span(layout: Layout, ln: Line, pat: regex.Pattern[str]) -> Span:
    m = pat.search(layout.s(ln))
    return Span(ln.start + m.start(), ln.start + m.end()) if m else Span(ln.start, ln.end)


def _number(layout: Layout, ln: Line | None, h: _Draft) -> None:
    for name in ("number", "doc_id"):
        h.set(name, None, None)
    if ln is None:
        h.warnings.append(warn("missing_number"))
        return
    m = patterns.NUMBER_LINE_SK.match(layout.s(ln))
    start = ln.start + (m.end() if m else 0)
    stop = ln.end + 40
    if start >= ln.end:  # 'Số:' alone, the number on the line below
        stop = next((x.end for x in layout.lines if x.start > ln.end), ln.end)
    found = next(iter(find_ids(layout.folded, start, min(stop, len(layout.text)))), None)
    if found is None or (not layout.text[start : found[0]].isspace() and found[0] > start):
        glued = _glued_id(layout.folded, start, ln.end, h.values.get("system")) or _stamped_id(layout.folded, start, ln.end)
        if glued is None:
            garbled = _GARBLED_NUMBER.match(layout.text, start, ln.end)
            if garbled is not None:  # a handwritten number OCR could not read: none is guessed
                g = Span(garbled.start(_GARBLED), garbled.end(_GARBLED))
                h.warnings.append(warn("unreadable_number", g, reading=layout.text[g.start : g.end], line=clean(layout.t(ln))))
            else:
                h.warnings.append(warn("blank_number", Span(ln.start, ln.end), line=clean(layout.t(ln))))
            return
        s, e, did = glued
        if "no_separator" in did.problems:
            h.warnings.append(warn("ocr_correction", Span(s, e), written=layout.text[s:e], fixed=did.canonical))
        h.own_id, h.own_id_span = did, Span(s, e)
        h.set("number", did.number, Span(s, s + len(did.number)))
        h.set("doc_id", did.canonical, Span(s, e))
        return
    s, e, did = found
    h.own_id, h.own_id_span = did, Span(s, e)
    h.set("number", did.number, Span(s, s + len(did.number)))
    h.set("doc_id", did.canonical, Span(s, e))
    problems = [MALFORMED[p] for p in did.problems if p in MALFORMED and p != "line_break"]
    if problems:
        written = " ".join(layout.text[s:e].split())
        h.warnings.append(warn("malformed_number", Span(s, e), written=written, problems="; ".join(problems), canonical=did.canonical))


_GLUED_ID = regex.compile(r"\s{0,3}(?P<num>\d{1,5})\s?(?P<letters>[A-ZĐa-zđ]{3,14})(?![\p{L}\d/\-])")
_GLUED_NUM, _GLUED_LETTERS = patterns.groups_of(_GLUED_ID, "num", "letters")
_PLACE, _DAY, _MONTH, _YEAR = patterns.groups_of(patterns.PLACE_DATE_SK, "place", "d", "m", "y")


def _glued_id(folded: str, start: int, end: int, system: str | None) -> tuple[int, int, DocumentId] | None:
    """'Số45NQTU': an OCR'd number that lost its separators, read back when its letters split into a known
    type code and a known organ code ('NQ' + 'TU' → 45-NQ/TU; 'QĐ' + 'UBND' → 45/QĐ-UBND)."""
    m = _GLUED_ID.match(folded, start, end)
    if m is None:
        return None
    letters = m.group(_GLUED_LETTERS)
    for cut in range(2, len(letters) - 1):
        doc_type, organ = codes.type_code(letters[:cut]), letters[cut:]
        if doc_type is None:
            continue
        if system != "state" and codes.is_party_organ(organ):
            return m.start(_GLUED_NUM), m.end(), DocumentId(m.group(_GLUED_NUM), doc_type, organ, "party", None, ("no_separator",))
        if system != "party" and codes.is_state_organ(organ):
            return m.start(_GLUED_NUM), m.end(), DocumentId(m.group(_GLUED_NUM), doc_type, organ, "state", None, ("no_separator",))
    return None


# What OCR made of a handwritten number on the number line: a few marks, one at least neither letter nor digit,
# then the symbol ('$+/UBND-KTTH').
_GARBLED_NUMBER = regex.compile(r"\s{0,3}(?P<garbled>\w{0,3}[^\w\s/\-.…][^\s/\-]{0,3})\s{0,3}(?=[/-]\s{0,2}\p{Lu})")
(_GARBLED,) = patterns.groups_of(_GARBLED_NUMBER, "garbled")

# The number a clerk or a signing tool wrote into the blank the draft left on the number line ('Số: 565      /TB-UBND'):
# the rest of the blank stays between the number and its symbol, wider than a typed id's spaces.
_STAMPED_ID = regex.compile(r"\s{0,3}(?P<num>\d{1,5})(?P<blank>[ ]{3,40})(?=[-/])")
_STAMPED_NUM, _STAMPED_BLANK = patterns.groups_of(_STAMPED_ID, "num", "blank")


def _stamped_id(folded: str, start: int, end: int) -> tuple[int, int, DocumentId] | None:
    """The id of a number line whose number fills its blank, read as if the blank were not there."""
    m = _STAMPED_ID.match(folded, start, end)
    if m is None:
        return None
    symbol_at = m.end(_STAMPED_BLANK)
    joined = joined_id(m.group(_STAMPED_NUM), folded[symbol_at:end])
    return (m.start(_STAMPED_NUM), symbol_at + joined[0], joined[1]) if joined is not None else None


def _organs(layout: Layout, header: list[Line], roles: dict[int, str], number_line: Line | None, zones: Zones, h: _Draft) -> None:
    """Organ lines: capitals above the star or number, titles excluded."""
    named_after = _organ_named_after(layout, header, roles, number_line)
    stop_rows = [ln.row for ln in header if roles[id(ln)] in ("star", "number") and ln is not named_after]
    stop_row = min(stop_rows) if stop_rows else None
    subject_rows: set[int] = set()
    if zones.subject_lines:
        subject_rows = {ln.row for ln in layout.lines[zones.subject_lines[0] : zones.subject_lines[1]]}
    candidates: list[Line] = []
    for ln in header:
        if stop_row is not None and ln.row > stop_row:
            break
        if stop_row is not None and ln.row == stop_row and roles[id(ln)] in ("star", "number"):
            break
        if ln is named_after:
            candidates.append(ln)
            continue
        if roles[id(ln)] != "text" or ln.row in subject_rows or (ln.col > 0 and layout.layout_columns):
            continue
        if zones.type_line is not None and ln is layout.lines[zones.type_line]:
            break
        text = layout.t(ln)
        if not is_caps(text) or len(text) > 120 or type_name_of(layout, ln):
            continue
        candidates.append(ln)
    organs = _group_organs(layout, _without_site_lines(layout, candidates), named_after)
    if not organs:
        h.set("issuer", None, None)
        h.set("issuer_parent", None, None)
        h.warnings.append(warn("missing_issuer"))
        return
    organs = [(_correct_head_word(name, span, h), span) for name, span in organs]
    issuer = organs[-1]
    h.set("issuer", issuer[0], issuer[1])
    if len(organs) > 1:
        h.set("issuer_parent", organs[-2][0], organs[-2][1])
    else:
        h.set("issuer_parent", None, None)


def _without_site_lines(layout: Layout, candidates: list[Line]) -> list[Line]:
    """The organ lines without the capitals a web page prints above the document ('CỔNG THÔNG TIN ĐIỆN TỬ
    TỈNH X', 'CƠ SỞ DỮ LIỆU VĂN BẢN'): a run of lines that does not start like an organ of the tables, set
    apart by a blank line from an organ line that does. The organ lines of a header stand together, or each
    starts like an organ ('ĐẢNG BỘ TỈNH X' / blank / 'HUYỆN ỦY Y' of a Markdown conversion); a name wrapped
    by a narrow column ('ĐẢNG BỘ PHƯỜNG CẨM' / 'TRUNG') continues its run."""
    runs: list[list[Line]] = []
    for ln in candidates:
        if runs and not (ln.gap_before and _starts_organ(" ".join(layout.s(ln).split()))):
            runs[-1].append(ln)
        else:
            runs.append([ln])
    kept = [run for i, run in enumerate(runs) if i == len(runs) - 1 or _starts_organ(" ".join(layout.s(run[0]).split()))]
    return [ln for run in kept for ln in run]


def _organ_named_after(layout: Layout, header: list[Line], roles: dict[int, str], number_line: Line | None) -> Line | None:
    """The 'SỐ 1050/QĐ-SCT' line of an organ named after the document that set it up ('ĐOÀN KIỂM TRA THEO
    QUYẾT ĐỊNH' / 'SỐ 1050/QĐ-SCT' / 'Số: 1105/KH-ĐKT'): a number line in capitals above the document's own
    number, right under an organ line that ends with a type name. It is part of the organ's name."""
    if number_line is None:
        return None
    above: Line | None = None
    for ln in header:
        if ln is number_line:
            return None
        if ln.kind != "text" or ln.col != number_line.col:
            continue
        if roles[id(ln)] == "number" and above is not None and is_caps(layout.t(ln)) and _ends_with_type_name(layout.s(above)):
            return ln
        above = ln
    return None


def _ends_with_type_name(sk: str) -> bool:
    """Whether a skeleton ends with a document type's name ('... THEO QUYET DINH')."""
    words = " ".join(sk.split())
    return any(words.endswith(" " + name) for name in codes.type_names())


def _correct_head_word(name: str, span: Span, h: _Draft) -> str:
    """'TÍNH ỦY LÀO CAI' → 'TỈNH ỦY LÀO CAI', 'UBND TÍNH X' → 'UBND TỈNH X': organ words damaged
    by OCR, restored from the tables (the head words, and a unit word right after them)."""
    if not is_caps(name):
        return name
    words = name.split()
    sks = skeleton(" ".join(words)).split()  # skeletons keep the length: one per word
    joined = " ".join(sks)
    if joined not in codes.organ_head_forms() and not joined.startswith(codes.organ_head_prefixes()):
        return name
    words, sks = _unglue_unit(words, sks)
    fixed_words = list(words)
    head_len = 0
    for n in (4, 3, 2, 1):
        if n > len(words):
            continue
        form = codes.organ_head_forms().get(" ".join(sks[:n]))
        if form:
            head_len = n
            fixed_words[:n] = form.split() if len(form.split()) == n else words[:n]
            break
    if head_len and head_len < len(words) and " ".join(sks[:head_len]) in codes.unit_correction_after():
        unit = codes.unit_forms().get(sks[head_len])
        if unit and " " not in unit:
            fixed_words[head_len] = unit
    fixed = " ".join(fixed_words)
    if fold(fixed) == fold(name):
        return name
    h.warnings.append(warn("ocr_correction", span, written=name, fixed=fixed))
    return fixed


def _unglue_unit(words: list[str], sks: list[str]) -> tuple[list[str], list[str]]:
    """'ỦY BAN NHÂN DÂNHUYỆN TIÊN DU' → '... DÂN HUYỆN ...': OCR lost the space before a unit word. Only a
    token longer than any syllable, inside a name that starts like an organ of the tables, is split
    (``sks`` are the words' skeletons)."""
    for i, sk in enumerate(sks):
        if i == 0 or len(sk) < 6 or not sk.isalpha():
            continue
        for unit in codes.glued_unit_words():
            cut = len(sk) - len(unit)
            if cut >= 2 and sk.endswith(unit):
                word = words[i]
                return [*words[:i], word[:cut], word[cut:], *words[i + 1 :]], [*sks[:i], sk[:cut], sk[cut:], *sks[i + 1 :]]
    return words, sks


def _group_organs(layout: Layout, lines: list[Line], named_after: Line | None = None) -> list[tuple[str, Span]]:
    """Join wrapped organ lines; split a superior organ from the issuer. ``named_after`` (a number line
    ending an organ's name, see _organ_named_after) always continues the organ above it."""
    pieces: list[tuple[int, int]] = []
    for ln in lines:
        pieces.extend([(ln.start, ln.end)] if ln is named_after else _split_inside(layout, ln))
    organs: list[list[tuple[int, int]]] = []
    for s, e in pieces:
        if organs and named_after is not None and s == named_after.start:
            organs[-1].append((s, e))
            continue
        sk = layout.sk(s, e).strip()
        # A line repeating the first words of the organ above is its child ('BẢO HIỂM XÃ HỘI VIỆT NAM' / 'BẢO HIỂM XÃ HỘI TỈNH X').
        repeats = bool(organs) and sk.split()[:2] == layout.sk(*organs[-1][0]).split()[:2]
        starts_new = not organs or repeats or (_starts_organ(sk) and not _continues(layout, organs[-1], sk))
        if starts_new:
            organs.append([(s, e)])
        else:
            organs[-1].append((s, e))
    return [(clean(" ".join(layout.text[s:e] for s, e in parts)), Span(parts[0][0], parts[-1][1])) for parts in organs]


def _starts_organ(sk: str) -> bool:
    return sk in codes.organ_head_forms() or sk.startswith(codes.organ_head_prefixes())


def _continues(layout: Layout, prev: list[tuple[int, int]], sk: str) -> bool:
    """Whether a line continues the organ name above it ('ỦY BAN NHÂN DÂN' / 'TỈNH LÀO CAI')."""
    prev_sk = " ".join(" ".join(layout.sk(s, e) for s, e in prev).split())
    if prev_sk.endswith((" VA", ",", "-", " CUA")) or len(sk.split()) == 1:
        return True  # a name cut by a narrow column ('BỘ NÔNG NGHIỆP VÀ MÔI' / 'TRƯỜNG')
    for unit in codes.unit_words():
        if sk == unit or sk.startswith(unit + " "):
            rest = sk[len(unit) :].strip()
            return not rest.startswith(("UY", "DOAN", "BO ")) and not any(prev_sk.endswith(" " + u) or f" {u} " in f" {prev_sk} " for u in codes.unit_words())
    return False


def _split_inside(layout: Layout, ln: Line) -> list[tuple[int, int]]:
    """Split a line holding two organ names ('ĐẢNG BỘ TỈNH X HUYỆN ỦY Y')."""
    sk = layout.s(ln)
    cuts = [0] + [m.start() for m in _split_pattern().finditer(sk) if m.start() > 0]
    out = []
    for i, c in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(sk)
        s, e = ln.start + c, ln.start + end
        while e > s and layout.text[e - 1] == " ":
            e -= 1
        out.append((s, e))
    return out


@cache
def _split_pattern() -> regex.Pattern[str]:
    """Where a second organ name starts inside a line: a word of the split table, unless the word before
    makes it part of the same name (the organs table's not_split_after: 'TIỂU BAN', 'CƠ QUAN ỦY BAN ...')."""
    words = "|".join(regex.escape(w) for w in codes.split_words())
    before = sorted({skeleton(w) for w in codes.load("organs")["not_split_after"]["words"]}, key=len, reverse=True)
    not_after = "|".join(regex.escape(w) for w in before)
    return regex.compile(rf"(?<=[A-Z] )(?<!(?:^|\s)(?:{not_after}) )(?:{words})(?= )")


def _place_date(layout: Layout, header: list[Line], roles: dict[int, str], h: _Draft) -> None:
    h.set("place", None, None)
    h.set("date", None, None)
    ln = next((x for x in header if roles[id(x)] == "place_date"), None)
    if ln is None:
        h.warnings.append(warn("missing_date"))
        return
    sk = layout.s(ln)
    m = patterns.PLACE_DATE_SK.match(sk)
    nxt: Line | None = None
    if m is None:  # the line wrapped in a narrow column: 'Cao Bằng, ngày 28 tháng 11 năm' / '2024'
        later = [x for x in layout.lines if x.start >= ln.end and x.col == ln.col and x.kind == "text"][:1]
        nxt = later[0] if later else None
        m = patterns.PLACE_DATE_SK.match(sk + " " + layout.s(nxt)) if nxt else None
        if m is None:
            h.warnings.append(warn("missing_date"))
            return

    def at(pos: int) -> int:
        return ln.start + pos if pos <= len(sk) or nxt is None else nxt.start + pos - len(sk) - 1

    ps, pe = at(m.start(_PLACE)), at(m.end(_PLACE))
    place = strip_value(layout.text[ps:pe])
    if place:
        h.set("place", place, Span(ps, pe))
    d, mo, y = m.group(_DAY).strip(), m.group(_MONTH).strip(), m.group(_YEAR)
    span = Span(at(m.start(_DAY)), at(m.end(_YEAR)))
    if not d.isdigit() or not mo.isdigit():
        unread = [part for part in (d, mo) if part.strip("._… ") and not part.isdigit()]
        if unread:  # a handwritten day OCR could not read: the place stands, the date is not guessed
            h.warnings.append(warn("unreadable_date", span, reading=layout.text[span.start : span.end]))
        else:
            h.warnings.append(warn("blank_date", span))
        return
    try:
        h.set("date", dt.date(int(y), int(mo), int(d)), span)
    except ValueError:
        h.warnings.append(warn("impossible_date", span, date=f"{d}/{mo}/{y}"))


def _type_and_subject(layout: Layout, zones: Zones, number_line: Line | None, roles: dict[int, str], h: _Draft) -> None:
    lines = layout.lines
    type_code: str | None = None
    if zones.type_line is not None:
        found = type_name_of(layout, lines[zones.type_line])
        if found:
            type_code = found[0]
            ln = lines[zones.type_line]
            h.spans["doc_type_name"] = Span(ln.start, ln.start + found[1])
    own = h.own_id
    doc_type: str | None
    if own and own.doc_type and own.in_symbol:
        doc_type = own.doc_type
    elif type_code:
        doc_type = type_code
    elif own and own.system == "party" and own.doc_type:
        doc_type = own.doc_type
    else:
        doc_type = "CV" if own is not None or zones.recipients else None
    h.set("doc_type", doc_type, h.own_id_span if own and own.in_symbol else h.spans.get("doc_type_name"))
    system = h.values.get("system")
    name = codes.type_name(type_code or doc_type, system if isinstance(system, str) else None)
    h.values["doc_type_name"] = name
    if type_code and doc_type and type_code != doc_type and codes.type_name(doc_type) != codes.type_name(type_code):
        h.warnings.append(warn("type_mismatch", h.spans.get("doc_type_name"), name=codes.type_name(type_code), type_code=doc_type))

    h.set("subject", None, None)
    # 'V/v' on the number line itself (a table cell holding both).
    if number_line is not None and h.own_id_span is not None:
        rest_start = h.own_id_span.end
        m = _INLINE_SUBJECT_SK.search(layout.sk(rest_start, number_line.end))
        if m:
            s = rest_start + m.end()
            _set_subject(layout, h, [(s, number_line.end)])
            return
    if zones.subject_lines:
        a, b = zones.subject_lines
        if zones.type_line is not None and a > zones.type_line:
            _typed_subject_value(layout, _centred_under(layout, lines[zones.type_line], lines[a:b]), h)
        else:
            pieces = []
            for i, ln in enumerate(lines[a:b]):
                if ln.col != lines[a].col:
                    continue
                s = ln.start
                if i == 0:
                    m = patterns.SUBJECT_PREFIX_SK.match(layout.s(ln))
                    s += m.end() if m else 0
                pieces.append((s, ln.end))
            _set_subject(layout, h, pieces)


def _typed_subject_value(layout: Layout, block: list[Line], h: _Draft) -> None:
    """Subject of a typed document: the lower-case lines, else the capitals after the qualifiers."""
    block = _in_subject_column(layout, block)
    lower = [ln for ln in block if not is_caps(layout.t(ln))]
    pieces: list[tuple[int, int]] = []
    if lower:
        first = block.index(lower[0])
        for ln in block[first:]:
            s = ln.start
            if not pieces:
                m = patterns.SUBJECT_PREFIX_SK.match(layout.s(ln))
                s += m.end() if m else 0
            pieces.append((s, ln.end))
    else:
        for ln in block:
            sk = layout.s(ln)
            if not pieces and is_qualifier(layout, ln):
                ve = _VE_SK.search(sk)
                if ve:
                    pieces.append((ln.start + ve.start(), ln.end))
                continue
            s = ln.start
            if not pieces:
                m = patterns.SUBJECT_PREFIX_SK.match(sk)
                s += m.end() if m else 0
            pieces.append((s, ln.end))
    if pieces:
        _set_subject(layout, h, pieces)


CENTRE_COLUMNS = 8  # a line whose middle is this many columns off the type name's is not centred under it


def _centred_under(layout: Layout, type_line: Line, block: list[Line]) -> list[Line]:
    """The lines of a subject centred under the type name, when its first line is: the block ends at the first
    line that is not (a line of the body at its margin, 'quan, đơn vị: …' of a 'Kính gửi' OCR lost the start
    of). A subject laid out otherwise (a Word file's text, without columns) is left whole."""
    def middle(ln: Line) -> float:
        return ln.indent + len(layout.t(ln)) / 2

    centre = middle(type_line)
    if not layout.layout_columns or type_line.indent < 2 * CENTRE_COLUMNS or not block or abs(middle(block[0]) - centre) > CENTRE_COLUMNS:
        return block  # not laid out on a page (the type name is not mid-page), or the subject is not centred
    centred_rows = {ln.row for ln in block if abs(middle(ln) - centre) <= CENTRE_COLUMNS}
    for k, ln in enumerate(block):
        if ln.row not in centred_rows:
            return block[:k]  # (a stamp beside a centred line of the subject is for _in_subject_column)
    return block


def _in_subject_column(layout: Layout, block: list[Line]) -> list[Line]:
    """The lines of a subject block less a segment printed beside the subject on its row, in another column (the
    'Số:' of a received stamp at the margin): one that overlaps, across the page, no line alone on its row."""
    rows = Counter(ln.row for ln in block)
    alone = [ln for ln in block if rows[ln.row] == 1]
    if not alone or len(alone) == len(block):
        return block
    left = min(ln.indent for ln in alone)
    right = max(ln.indent + len(layout.t(ln)) for ln in alone)
    return [ln for ln in block if rows[ln.row] == 1 or (ln.indent < right and ln.indent + len(layout.t(ln)) > left)]


def _set_subject(layout: Layout, h: _Draft, pieces: list[tuple[int, int]]) -> None:
    parts = [layout.text[s:e].strip() for s, e in pieces]
    # An id or word cut at a line end ('Kết luận số 21-' / 'KL/TW') joins without a space.
    joined = "".join(p if i == 0 else ("" if _CUT_END.search(parts[i - 1]) else " ") + p for i, p in enumerate(parts))
    text = _without_stray_marks(strip_value(joined))
    if text:
        h.set("subject", text, Span(pieces[0][0], pieces[-1][1]))


def _without_stray_marks(text: str) -> str:
    """A subject without a quote mark opening it that nothing closes (a speck of a scan)."""
    if text[:1] in "'‘’\"“`" and not any(q in text[1:] for q in "'‘’\"“”`"):
        text = text[1:].lstrip()
    return text


def _marks(layout: Layout, header: list[Line], roles: dict[int, str], h: _Draft) -> None:
    h.set("urgency", None, None)
    h.set("security", None, None)
    for ln in header:
        if roles[id(ln)] != "mark":
            continue
        found = mark_of(layout.s(ln))
        if found and h.values.get(found[0]) is None:
            h.set(found[0], found[1], Span(ln.start, ln.end))
