"""Copies (bản sao) and the received stamp (dấu ĐẾN): what an office adds to a document, kept apart from it.

An archive holds many documents as *copies*: under the original's last part the copying organ adds a block
headed 'SAO Y' ('SAO Y BẢN CHÍNH'), 'SAO LỤC' or 'TRÍCH SAO' with its own organ, number ('Số: 125/SY-VP'),
place and date, 'Nơi nhận' and signature (Nghị định 30/2020/NĐ-CP Phụ lục I mục IV; HD 36-HD/VPTW); a
digital copy may carry the organ's signing stamp instead of a handwritten signature, and a copy made from
paper may carry only a 'SAO Y BẢN CHÍNH' stamp. An incoming document bears the receiving office's stamp on
its first page: 'ĐẾN' ('CÔNG VĂN ĐẾN') with 'Số:' (the arrival number), 'Ngày:', 'Chuyển:' and 'Số và ký
hiệu HS:' (Phụ lục IV), whose lines, in text read from a page, sit among the header's.

Neither is the original's: the copy's number is not the document's number, its 'Nơi nhận' not the
original's list, its signer not the original's signer, the stamp's 'Số: 1234' not the number. So both are
found here first, before the zones; their lines are taken out of the Layout the other extractors read
(:attr:`Marks.rest`), and they are reported as :class:`~vndirective.core.model.Copy` and
:class:`~vndirective.core.model.Received`. A copy block is a small document of its own and is read by the
same extractors as the original (header, Nơi nhận, signature, signing stamp), on its own lines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import regex

from .. import codes, patterns
from ..ids import find_ids
from ..lines import Layout, Line, clean
from ..messages import warn
from ..model import Copy, CopyCode, ParseWarning, Received, Reference, Span
from ..rules import BLOCK_SEGMENTS, is_caps, is_name, is_prose
from ..zones import Roles, find_zones, numbering
from .distribution import distribution_lines, extract_distribution
from .header import extract_header
from .result import Extracted
from .signature import extract_signature
from .stamps import extract_stamps

# --- copies
# The heading, alone on its segment (skeleton view): 'SAO Y', 'SAO Y BẢN CHÍNH', 'SAO LỤC', 'TRÍCH SAO'.
COPY_HEADING_SK = regex.compile(r"^(?P<kind>SAO\s{1,3}Y(?:\s{1,3}BAN\s{1,3}CHINH)?|SAO\s{1,3}LUC|TRICH\s{1,3}SAO)\s{0,3}[.:]?$")
COPY_CODES: dict[str, CopyCode] = {"SAO Y": "SY", "SAO LUC": "SL", "TRICH SAO": "TrS"}
HEADING_CHARS = 24  # a heading segment is never longer
# The symbol of a copy's number ('125/SY-VP', party copies '05-BS/VPTU'): what tells a copy's number from the original's.
COPY_SYMBOL_SK = regex.compile(r"[/-]\s{0,2}(?:SY|SL|TRS|BS)(?![A-Z])")
# The time of a signing stamp ('01.10.2025 17:08:18 +07:00'): a digital copy's organ signature.
SIGNING_TIME = regex.compile(r"\s*(?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{4})[\sT,]+\d{1,2}:\d{2}")  # matched at a segment's start
(_SIGNING_DATE,) = patterns.groups_of(SIGNING_TIME, "date")
# An appendix after the copy block ('PHỤ LỤC', '(Kèm theo ...)') is not the copy's.
APPENDIX_SK = regex.compile(r"^(?:PHU\s{1,3}LUC\b|\(?\s{0,2}(?:BAN\s{1,3}HANH\s{1,3})?KEM\s{1,3}THEO\b)")
ORGAN_LINES_ABOVE = 3  # organ lines of the copying organ printed above the heading (the left column of its row)
TOP_COPY_REACH = 6  # lines under a heading at the top of the first page where the copy's number or signing time can sit
ORGAN_WORDS = 12  # an organ line has at most this many words
_HEADER_ROLES = frozenset({"party_title", "state_title", "motto", "number", "place_date"})
_TITLE_ROLES = frozenset({"party_title", "state_title", "motto"})

# --- the received stamp
RECEIVED_LABEL_SK = regex.compile(r"^(?P<label>(?:CONG\s{1,3}VAN\s{1,3})?DEN)(?![A-Z])\s{0,3}:?\s{0,3}(?=$|SO(?![A-Z]))")
# A field of the stamp at the start of a segment (or right after the label).
STAMP_FIELD_SK = regex.compile(
    r"^\s{0,3}(?:(?P<file_code>SO\s{1,3}VA\s{1,3}KY\s{1,3}HIEU\s{1,3}(?:HS|HO\s{1,3}SO)|LUU\s{1,3}HO\s{1,3}SO(?:\s{1,3}SO)?)\s{0,3}[:.]?"
    r"|(?P<number>SO(?:\s{1,3}DEN)?)\s{0,3}[:.]?\s{0,3}(?=[\d._…]|$)"
    r"|(?P<date>NGAY(?:\s{1,3}DEN)?)\s{0,3}[:.]?\s{0,3}(?=[\d._…/]|$)"
    r"|(?P<forwarded_to>CHUYEN)\s{0,3}[:.]?"
    r"|(?P<time>GIO)\s{0,3}[:.]?\s{0,3}(?=[\d._…]|$))\s{0,3}"
)
# A further field in the same segment ('Số: 1234 Ngày: 12/3/2025'): only with its colon.
STAMP_INLINE_FIELD_SK = regex.compile(
    r"(?<![A-Z])(?:(?P<file_code>SO\s{1,3}VA\s{1,3}KY\s{1,3}HIEU\s{1,3}(?:HS|HO\s{1,3}SO))\s{0,3}:"
    r"|(?P<number>SO(?:\s{1,3}DEN)?)\s{0,3}:(?=\s{0,3}\d)|(?P<date>NGAY(?:\s{1,3}DEN)?)\s{0,3}:(?=\s{0,3}\d)"
    r"|(?P<forwarded_to>CHUYEN)\s{0,3}:|(?P<time>GIO)\s{0,3}:(?=\s{0,3}\d))\s{0,3}"
)
STAMP_FIELDS = ("file_code", "number", "date", "forwarded_to", "time")
_FIELD_GROUPS = tuple(zip(STAMP_FIELDS, patterns.groups_of(STAMP_FIELD_SK, *STAMP_FIELDS), strict=True))
_INLINE_GROUPS = tuple(zip(STAMP_FIELDS, patterns.groups_of(STAMP_INLINE_FIELD_SK, *STAMP_FIELDS), strict=True))
(_LABEL,) = patterns.groups_of(RECEIVED_LABEL_SK, "label")
(_KIND,) = patterns.groups_of(COPY_HEADING_SK, "kind")
STAMP_DATE = regex.compile(
    r"(?P<d>\d{1,2})\s{0,2}[/.\-]\s{0,2}(?P<m>\d{1,2})\s{0,2}[/.\-]\s{0,2}(?P<y>\d{4}|\d{2})(?!\d)"
    r"|(?P<d2>\d{1,2})\s{1,3}tháng\s{1,3}(?P<m2>\d{1,2})\s{1,3}năm\s{1,3}(?P<y2>\d{4})",
    regex.IGNORECASE,
)
_DATE_GROUPS = (patterns.groups_of(STAMP_DATE, "d", "m", "y"), patterns.groups_of(STAMP_DATE, "d2", "m2", "y2"))
RECEIVED_REACH = 40  # the stamp is on the first page, among the first segments
STAMP_NUMBER_REACH = 2  # 'Số:' follows the label within this many segments
STAMP_REACH = 8  # the stamp's other fields follow the label within this many segments (header lines between)
_VALUE_EDGES = " \t:;,.-_…"


@dataclass
class Marks:
    """What an office added to the document: the copy block(s) and the received stamp, the spans of the segments
    they take, and the Layout without those segments (``rest``: the original, for the other extractors)."""

    copy: Copy | None
    received: Received | None
    rest: Layout
    claimed: list[Span] = field(default_factory=list)


def extract_copies(layout: Layout) -> Extracted[Marks]:
    """The received stamp and the copy block of a Layout; when a text holds copies of copies, the last block
    (the copy in hand) is reported and every block is kept out of the original."""
    lines = layout.lines
    warnings: list[ParseWarning] = []
    taken: set[int] = set()
    received = _received(layout, taken, warnings)
    copy: Copy | None = None
    roles = Roles(layout)
    headings = [i for i in range(len(lines)) if i not in taken and _heading(layout, i)]
    for n, h in enumerate(headings):
        if h in taken:
            continue
        stop = headings[n + 1] if n + 1 < len(headings) else len(lines)
        block = _copy_block(layout, roles, h, stop)
        block = [k for k in block if k not in taken or k == h]
        copy = _read_copy(layout, block, h, warnings)
        taken.update(block)
    if not taken:
        return Extracted(Marks(None, None, layout))
    claimed = [Span(lines[k].start, lines[k].end) for k in sorted(taken)]
    rest = dataclasses.replace(layout, lines=[ln for k, ln in enumerate(lines) if k not in taken])
    return Extracted(Marks(copy, received, rest, claimed), warnings=warnings)


def drop_claimed(references: list[Reference], claimed: list[Span]) -> list[Reference]:
    """The references without the mentions cut from a copy block or a stamp ('Số: 125/SY-VP' is no citation)."""
    if not claimed:
        return references
    out = []
    for ref in references:
        kept = [m for m in ref.mentions if not any(m.span.start < c.end and c.start < m.span.end for c in claimed)]
        if len(kept) == len(ref.mentions):
            out.append(ref)
        elif kept:
            out.append(dataclasses.replace(ref, mentions=kept))
    return out


# ---------------------------------------------------------------- copies


def _heading(layout: Layout, i: int) -> bool:
    """A copy heading alone on its segment, and on its row but for the copying organ's name beside it (a table
    row of a guide that shows 'SAO Y BẢN CHÍNH' as an example is no heading)."""
    lines = layout.lines
    ln = lines[i]
    if ln.kind != "text" or ln.end - ln.start > HEADING_CHARS or layout.text[ln.start] not in "ST":
        return False
    if COPY_HEADING_SK.match(" ".join(layout.s(ln).split())) is None:
        return False
    for j in range(max(0, i - 3), min(len(lines), i + 4)):
        other = layout.t(lines[j])
        if j != i and lines[j].row == ln.row and (not is_caps(other) or any(c.isdigit() for c in other)):
            return False
    return True


def _copy_block(layout: Layout, roles: Roles, h: int, stop: int) -> list[int]:
    """Indices of the segments of the copy block headed at ``h`` (the next heading, at ``stop``, starts another)."""
    lines = layout.lines
    if not any(roles(ln) in _HEADER_ROLES for ln in lines[: min(h, BLOCK_SEGMENTS)] if ln.kind == "text"):
        # Above the original's header (a digital copy's details, top right of the first page): the heading and
        # the lines down to the copy's own number or signing time; the original's header follows.
        last = h
        for j in range(h + 1, min(stop, h + 1 + TOP_COPY_REACH)):
            if lines[j].kind == "text" and (_copy_number(layout, roles, lines[j]) or SIGNING_TIME.match(layout.t(lines[j]))):
                last = j
        return list(range(h, last + 1))
    start, organs, j = h, 0, h - 1
    while j >= 0 and organs < ORGAN_LINES_ABOVE:
        if lines[j].kind == "star":  # the star under a Party organ's name
            start, j = j, j - 1
            continue
        if not _organ_line(layout, roles, lines[j]):
            break
        start, organs = j, organs + 1
        if lines[j].gap_before:
            break
        j -= 1
    if start > 0 and lines[start - 1].kind == "rule":
        start -= 1  # the rule the copy is printed under
    end = h + 1
    while end < stop and not _ends_block(layout, roles, lines[end]):
        end += 1
    if not any(_copy_detail(layout, roles, lines[k]) for k in range(h + 1, end)):
        return [h]  # a 'SAO Y BẢN CHÍNH' stamp alone: what follows is the original's
    return list(range(start, end))


def _organ_line(layout: Layout, roles: Roles, ln: Line) -> bool:
    """The copying organ's name above its heading: capitals, neither a title nor an authority mark nor a name."""
    if ln.kind != "text" or roles(ln) != "text":
        return False
    text, sk = layout.t(ln), " ".join(layout.s(ln).split())
    if not is_caps(text) or len(text.split()) > ORGAN_WORDS or any(c.isdigit() for c in text) or is_name(text):
        return False
    return not (patterns.AUTHORITY_SK.match(sk) or sk in codes.title_set() or sk.startswith(codes.title_prefixes()))


def _ends_block(layout: Layout, roles: Roles, ln: Line) -> bool:
    """What a copy block never holds: another document's title, an appendix, a numbered item or body prose."""
    if ln.kind != "text":
        return False
    text = layout.t(ln)
    if roles(ln) in _TITLE_ROLES or APPENDIX_SK.match(layout.s(ln)):
        return True
    if patterns.line_bullet(text):
        return False
    return numbering(layout, ln) is not None or is_prose(text)


def _copy_detail(layout: Layout, roles: Roles, ln: Line) -> bool:
    """A segment only a full copy block has: a number, a place and date, 'Nơi nhận', an authority mark, a signing time."""
    if ln.kind != "text":
        return False
    return roles(ln) in ("number", "place_date", "distribution") or bool(patterns.AUTHORITY_SK.match(layout.s(ln))) or bool(SIGNING_TIME.match(layout.t(ln)))


def _copy_number(layout: Layout, roles: Roles, ln: Line) -> bool:
    return roles(ln) == "number" and COPY_SYMBOL_SK.search(layout.s(ln)) is not None


def _read_copy(layout: Layout, block: list[int], h: int, warnings: list[ParseWarning]) -> Copy:
    """The copy's details: the heading, then the block's other segments read as a small document."""
    lines = layout.lines
    head = lines[h]
    m = COPY_HEADING_SK.match(" ".join(layout.s(head).split()))
    key = " ".join(m.group(_KIND).split()[:2]) if m else "SAO Y"
    content = [lines[k] for k in block if lines[k].kind == "text"]
    span = Span(content[0].start, content[-1].end) if content else Span(head.start, head.end)
    heading_span = Span(head.start, head.end)
    copy = Copy(clean(layout.t(head)), COPY_CODES.get(key, "SY"), span, spans={"kind": heading_span})
    rest = [lines[k] for k in block if k != h and lines[k].kind != "rule"]
    if any(ln.kind == "text" for ln in rest):
        _read_block(dataclasses.replace(layout, lines=rest, warnings=[]), copy)
    missing = [name for name, value in (("number", copy.number), ("date", copy.date)) if value is None]
    if missing:
        warnings.append(warn("copy_unread", heading_span, heading=copy.kind, missing=" and ".join(missing)))
    return copy


def _read_block(block: Layout, copy: Copy) -> None:
    """Organ, number, place and date, Nơi nhận, signature and signing stamp of a copy block, by the
    document extractors run on the block's segments alone (their warnings are about the copy: left out)."""
    zones = find_zones(block)
    header = extract_header(block, zones)
    fields = header.value.fields
    for name in ("issuer", "issuer_parent", "number", "doc_id", "place", "date"):
        value = getattr(fields, name)
        setattr(copy, name, value)
        found = header.spans.get(name)
        if value is not None and isinstance(found, Span):
            copy.spans[name] = found
    copy.distribution = extract_distribution(block, zones).value
    stamps = extract_stamps(block, dataclasses.replace(zones, closing=(0, len(block.lines)))).value  # anywhere in the block
    stamped = frozenset(id(ln) for _, stamp_lines in stamps for ln in stamp_lines)
    listed = {id(ln) for ln in distribution_lines(block, zones)}
    copy.signature = extract_signature(block, zones, listed, stamped).value
    if stamps:
        stamp, stamp_lines = stamps[-1]
        copy.digital_signature = stamp
        if copy.date is None and stamp.signed_at is not None:  # a digital copy dated by its signing time only
            time = SIGNING_TIME.match(block.text, stamp_lines[-1].start, stamp_lines[-1].end)
            copy.date = stamp.signed_at.date()
            if time is not None:
                copy.spans["date"] = Span(time.start(_SIGNING_DATE), time.end(_SIGNING_DATE))


# ---------------------------------------------------------------- the received stamp


def _received(layout: Layout, taken: set[int], warnings: list[ParseWarning]) -> Received | None:
    """The 'ĐẾN' stamp among the first page's first segments: the label, 'Số:' within a line or two, and 'Ngày:'."""
    lines = layout.lines
    if not lines:
        return None
    first_page = lines[0].page
    for i in range(min(len(lines), RECEIVED_REACH)):
        ln = lines[i]
        if ln.page != first_page:
            break
        if ln.kind != "text" or layout.text[ln.start] not in "ĐDC":
            continue
        m = RECEIVED_LABEL_SK.match(layout.s(ln))
        if m is None or not layout.text[ln.start : ln.start + m.end(_LABEL)].isupper():
            continue
        found = _stamp(layout, i, ln.start + m.end())
        if found is None:
            continue
        fields, stamp_lines = found
        taken.update(stamp_lines)
        return _read_received(layout, Span(ln.start, ln.start + m.end(_LABEL)), fields, [lines[k] for k in stamp_lines], warnings)
    return None


def _stamp(layout: Layout, label: int, after_label: int) -> tuple[dict[str, Span], list[int]] | None:
    """The stamp's fields (value spans, by name) and its segments, or None when 'Số' or 'Ngày' is missing."""
    lines = layout.lines
    fields: dict[str, Span] = {}
    stamp_lines = [label]
    for j in range(label, min(len(lines), label + STAMP_REACH + 1)):
        ln = lines[j]
        if ln.kind != "text":
            continue
        useful = False
        for name, value in _fields(layout, ln, after_label if j == label else ln.start):
            if name in fields or (name == "number" and (j - label > STAMP_NUMBER_REACH or _holds_id(layout, value))):
                continue
            fields[name] = value
            useful = True
        if useful and j != label:
            stamp_lines.append(j)
    if "number" not in fields or "date" not in fields:
        return None
    return fields, stamp_lines


def _fields(layout: Layout, ln: Line, start: int) -> list[tuple[str, Span]]:
    """(name, value span) of each stamp field of a segment from ``start``: the first must open it."""
    sk = layout.sk(start, ln.end)
    m = STAMP_FIELD_SK.match(sk)
    if m is None:
        return []
    found: list[tuple[str, int, int]] = [(_group_name(m, _FIELD_GROUPS), start + m.end(), start + m.end())]
    for inline in STAMP_INLINE_FIELD_SK.finditer(sk, m.end()):
        found.append((_group_name(inline, _INLINE_GROUPS), start + inline.start(), start + inline.end()))
    out = []
    for k, (name, _label_start, value_start) in enumerate(found):
        value_end = found[k + 1][1] if k + 1 < len(found) else ln.end
        out.append((name, _trim(layout.text, value_start, value_end)))
    return out


def _group_name(m: regex.Match[str], groups: tuple[tuple[str, int], ...]) -> str:
    return next(name for name, g in groups if m.start(g) >= 0)


def _trim(text: str, start: int, end: int) -> Span:
    """A value's span without the blanks, dots and dashes around it (a blank left for the hand: empty)."""
    while start < end and text[start] in _VALUE_EDGES:
        start += 1
    while end > start and text[end - 1] in _VALUE_EDGES:
        end -= 1
    return Span(start, end)


def _holds_id(layout: Layout, value: Span) -> bool:
    """Whether a 'Số:' value is a document's number and symbol (the original's 'Số: 456/UBND-KT'), not an arrival number."""
    return next(iter(find_ids(layout.folded, value.start, value.end)), None) is not None


def _read_received(layout: Layout, label: Span, fields: dict[str, Span], stamp_lines: list[Line], warnings: list[ParseWarning]) -> Received:
    text = layout.text
    received = Received(clean(text[label.start : label.end]), Span(label.start, max(ln.end for ln in stamp_lines)), spans={"label": label})
    number = fields["number"]
    if any(c.isdigit() for c in text[number.start : number.end]):
        received.number = clean(text[number.start : number.end])
        received.spans["number"] = number
    date_span = fields["date"]
    received.date, found = _date(layout, date_span)
    if found is not None:
        received.spans["date"] = found
    for name in ("forwarded_to", "file_code"):
        value = fields.get(name)
        if value is not None and value.end > value.start:
            setattr(received, name, clean(text[value.start : value.end]))
            received.spans[name] = value
    missing = [name for name, v in (("number", received.number), ("date", received.date)) if v is None]
    if missing:
        warnings.append(warn("received_unread", label, label=received.label, missing=" and ".join(missing)))
    return received


def _date(layout: Layout, value: Span) -> tuple[dt.date | None, Span | None]:
    """The arrival date written in a value ('12/3/2025', '12/03/25', '12 tháng 3 năm 2025'); a date without its year is not read."""
    m = STAMP_DATE.search(layout.folded, value.start, value.end)
    if m is None:
        return None, None
    for d, mo, y in _DATE_GROUPS:
        if m.start(d) >= 0:
            year = int(m.group(y))
            try:
                return dt.date(year + 2000 if year < 100 else year, int(m.group(mo)), int(m.group(d))), Span(m.start(), m.end())
            except ValueError:
                return None, None
    return None, None
