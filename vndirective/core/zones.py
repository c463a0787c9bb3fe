"""Find the zones of a document: header, recipients, body and closing.

The header holds the titles, the organ lines, the number, the place and date,
the subject (a công văn's 'V/v' line or a typed document's type name and the
lines under it) and the urgency/secrecy marks. 'Kính gửi' opens the recipients.
The body runs to the closing, where 'Nơi nhận' and the signature sit, often
interleaved in linearised text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from . import codes, patterns
from .lines import Layout, Line
from .rules import (
    BLOCK_SEGMENTS,
    COMMA_WRAP_CHARS,
    HEADER_LINE_CHARS,
    LONG_PROSE_CHARS,
    PLACE_DATE_CHARS,
    PROSE_CHARS,
    SENTENCE_CHARS,
    TITLE_LINE_CHARS,
    continues_item,
    ends_terminal,
    is_caps,
    is_name,
    is_prose,
    starts_lower,
)


@dataclass
class Zones:
    """Indices into ``layout.lines`` (half-open ranges)."""

    header: tuple[int, int]
    recipients: tuple[int, int] | None
    type_line: int | None
    subject_lines: tuple[int, int] | None
    body: tuple[int, int]
    closing: tuple[int, int]
    distribution_label: int | None
    roles: Roles  # the role of each segment, for the extractors
    site_text: int | None = None  # where a web page's own text after the document starts ('Văn bản liên quan')


def type_name_of(layout: Layout, line: Line) -> tuple[str, int] | None:
    """(code, length) when a segment starts with a type name in capitals."""
    text = layout.t(line)
    if not is_caps(text) or text.rstrip().endswith(":"):
        return None
    sk = " ".join(layout.s(line).split())
    names = codes.type_names()
    if sk not in names and not sk.startswith(codes.type_name_prefixes()):
        return None
    for name in _type_names_longest_first():
        if sk == name or sk.startswith(name + " "):
            return names[name], len(name)
    return None


@cache
def _type_names_longest_first() -> tuple[str, ...]:
    return tuple(sorted(codes.type_names(), key=len, reverse=True))


_ROMAN_ONLY = regex.compile(r"[IVX]{1,5}")
_BY_FIRST_CHAR: dict[str, tuple[tuple[str, regex.Pattern[str]], ...]] = {}
for _c in "0123456789":
    _BY_FIRST_CHAR[_c] = (("decimal", patterns.DECIMAL), ("arabic", patterns.ARABIC))
for _c in "Pp":
    _BY_FIRST_CHAR[_c] = (("part", patterns.PART),)
_BY_FIRST_CHAR["Đ"] = (("article", patterns.ARTICLE),)
for _c in "IVXl":
    _BY_FIRST_CHAR[_c] = (("roman", patterns.ROMAN),)
for _c in "ABCDEFGH":
    _BY_FIRST_CHAR[_c] = (("section", patterns.SECTION),)
_BY_FIRST_CHAR["C"], _BY_FIRST_CHAR["M"] = (("chapter", patterns.CHAPTER), *_BY_FIRST_CHAR["C"]), (("section", patterns.DIVISION),)
for _c in "abcdefghiklmnopqrstuvxyđ":
    _BY_FIRST_CHAR[_c] = (*_BY_FIRST_CHAR.get(_c, ()), ("letter", patterns.LETTER))
for _c in "-+•·*":
    _BY_FIRST_CHAR[_c] = (("bullet", patterns.BULLET),)


def marker_of(text: str) -> tuple[str, regex.Match[str]] | None:
    """(kind, match) of a numbering marker at the start of ``text``: Phần I, Chương I, Mục 1, A., I., Điều 1., 1.1., 1., a), -."""
    for kind, pat in _BY_FIRST_CHAR.get(text[:1], ()):
        m = pat.match(text)
        if not m:
            continue
        if kind == "roman" and not _ROMAN_ONLY.fullmatch(m.group(patterns.MARKER_NUMBER).replace("l", "I")):
            continue
        if kind in ("section", "chapter") and not is_caps(text[m.end() : m.end() + 40]) and (pat is patterns.SECTION or text[m.end() :].strip()):
            continue  # A. before capitals; 'Chương I', 'Mục 1' before capitals or alone on their line
        return kind, m
    return None


def numbering(layout: Layout, line: Line) -> regex.Match[str] | None:
    """A numbered heading or item (not a bullet) at the start of a segment."""
    found = marker_of(layout.folded[line.start : min(line.end, line.start + 80)])
    return found[1] if found and found[0] != "bullet" else None


class Roles:
    """The role each segment of one Layout can play in the header, by its content ('number', 'place_date',
    'party_title', 'recipients', 'distribution', 'text'...): computed once per segment, on first use."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._by_start: dict[int, str] = {}

    def __call__(self, line: Line) -> str:
        role = self._by_start.get(line.start)
        if role is None:
            role = self._by_start[line.start] = line.kind if line.kind != "text" else _classify(self.layout, line)
        return role


def _classify(layout: Layout, line: Line) -> str:
    length = line.end - line.start
    if length <= HEADER_LINE_CHARS:
        sk = layout.s(line)
        if patterns.ANY_TITLE_SK.search(sk):
            if length < TITLE_LINE_CHARS and patterns.PARTY_TITLE_SK.search(sk):
                return "party_title"
            if patterns.STATE_TITLE_SK.search(sk):
                return "state_title"
            if length < TITLE_LINE_CHARS and patterns.MOTTO_SK.search(sk):
                return "motto"
        if length < PLACE_DATE_CHARS and "NGAY" in sk and (patterns.PLACE_DATE_SK.search(sk) or patterns.PLACE_DATE_CUT_SK.match(sk)):
            return "place_date"
        if mark_of(sk):
            return "mark"
    if layout.read_by_ocr and patterns.LONE_RECIPIENTS_LABEL_SK.match(layout.s(line)):
        return "recipients"  # 'Kính' lost under a stamp: only in text read by OCR, where such losses are common
    # The other roles are announced by the first words of the segment.
    first = layout.text[line.start : line.start + 1].upper()
    if first not in "SVKNĐ" and not (length < 200 and first.isalpha() and layout.text[line.start : line.start + 3].isupper()):
        return "text"
    head = layout.sk(line.start, min(line.end, line.start + 120))
    if layout.text[line.start] == "S" and patterns.NUMBER_LINE_SK.match(head):  # 'số 3' inside a sentence is not the number
        return "number"
    lead = head[:1]
    if lead == "V" and patterns.SUBJECT_PREFIX_SK.match(head):
        return "subject"
    if (lead == "K" or "DIEN" in head) and patterns.RECIPIENTS_LABEL_SK.match(head):
        return "recipients"
    if lead == "N" and _distribution_label(layout, line, head):
        return "distribution"
    return "text"


def _distribution_label(layout: Layout, line: Line, head: str) -> bool:
    """'Nơi nhận:' opening the list; not a sentence of the body that starts with the same words
    ('Nơi nhận văn bản xác định những cơ quan ...'): without its colon, the label is followed by no lower-case word."""
    m = patterns.DISTRIBUTION_LABEL_SK.match(head)
    if m is None:
        return False
    return ":" in m.group() or not starts_lower(layout.text[line.start + m.end() : line.end])


_NOT_LETTER = regex.compile(r"[^A-Z ]")


def mark_of(sk: str) -> tuple[str, str] | None:
    """('urgency'|'security', canonical) when a segment is only such a mark."""
    if len(sk) > 40:
        return None
    key = " ".join(_NOT_LETTER.sub(" ", sk).split())
    if key in codes.urgency_marks():
        return ("urgency", codes.urgency_marks()[key])
    if key in codes.security_marks():
        return ("security", codes.security_marks()[key])
    return None


def _header_window(layout: Layout, roles: Roles, lines: list[Line]) -> int:
    """How far the header can reach: up to the first line that reads as body prose."""
    limit = min(len(lines), BLOCK_SEGMENTS)
    seen_anchor = False
    for i in range(limit):
        ln = lines[i]
        if ln.kind != "text":
            continue
        text = layout.t(ln)
        role = roles(ln)
        if role != "text":
            seen_anchor = seen_anchor or role in ("party_title", "state_title", "motto", "number", "place_date")
            continue
        if is_prose(text) and seen_anchor:
            return i
        if i > 2 and ((not starts_lower(text) and patterns.body_opener(layout.s(ln))) or numbering(layout, ln)):
            return i
    return limit


def _number_label_end(text: str) -> bool:
    """'... Thông báo số:' at a line end: the number follows on the next line."""
    head = text[-6:].lower().replace(" ", "")
    return head.endswith(("số:", "so:"))


def _subject_block(layout: Layout, roles: Roles, lines: list[Line], start: int, limit: int) -> int:
    """End (exclusive) of a 'V/v' subject that starts at ``start``."""
    first = lines[start]
    end = start + 1
    prev = first
    while end < limit and end - start < 8:
        ln = lines[end]
        if ln.col != first.col and ln.kind == "text" and ln.row == prev.row and roles(ln) in ("text", "place_date"):
            end += 1  # the other column of a shared line (the date beside the subject)
            continue
        if ln.kind != "text" or ln.gap_before or ln.col != first.col:
            break
        prev_end = layout.t(prev).rstrip(" *_")
        if roles(ln) != "text" or (prev_end.endswith((".", ":", "!", "?")) and not _number_label_end(prev_end)):
            break  # a subject may hold ';' ('... năm 2024; phương hướng năm 2025') but ends at '.'
        if _body_sentence(layout, ln, prev):
            break

        if layout.text[prev.end : prev.raw_end].rstrip().endswith(("*", "_")):
            break  # the italic run of a Markdown subject closed on the line before
        prev = ln
        end += 1
    while end - 1 > start and lines[end - 1].col != first.col:
        end -= 1
    return end


_QUALIFIER_SK = regex.compile(
    r"^(?:CUA|HOI\s+NGHI|BAN\s+CHAP\s+HANH|BAN\s+THUONG\s+VU|BO\s+CHINH\s+TRI|BAN\s+BI\s+THU|DAI\s+HOI|THUONG\s+TRUC|"
    r"TINH\s+UY|HUYEN\s+UY|DANG\s+UY|THANH\s+UY|\(?\s*KHOA\s|"
    r"(?:KET\s+LUAN|Y\s+KIEN(?:\s+CHI\s+DAO)?|CHI\s+DAO|Y\s+KIEN\s+KET\s+LUAN)\s+CUA\s)"  # 'THÔNG BÁO / KẾT LUẬN CỦA BAN THƯỜNG VỤ'
)


def is_qualifier(layout: Layout, line: Line) -> bool:
    """A capitals line naming the organ or meeting under a type name ('CỦA BAN THƯỜNG VỤ TỈNH ỦY')."""
    return is_caps(layout.t(line)) and bool(_QUALIFIER_SK.match(layout.s(line)))


def _unprefixed_subject(layout: Layout, roles: Roles, lines: list[Line], number_idx: int, limit: int) -> tuple[int, int] | None:
    """A công văn subject printed without 'V/v' (the HD 36 specimen): lower-case lines under the number."""
    number = lines[number_idx]
    i = number_idx + 1
    while i < limit and lines[i].row == number.row:
        i += 1  # the right column of the number's row
    start = i
    while i < limit and i - start < 4:
        ln = lines[i]
        text = layout.t(ln)
        if ln.kind != "text" or ln.col != number.col or (ln.gap_before > 1) or (i > start and ln.gap_before):
            break
        if roles(ln) != "text" or is_caps(text) or numbering(layout, ln) or len(text) > PROSE_CHARS:
            break
        # 'Thực hiện ...' opens the body; 'thực hiện kế hoạch số ...' in lower case is the subject.
        if (not starts_lower(text) and patterns.body_opener(layout.s(ln))) or (i == start and ends_terminal(text)):
            break
        i += 1
    return (start, i) if i > start else None


_ROMAN_TAIL = regex.compile(r"\(?[IVXLC]{1,6}\)?[.;]?")


def _typed_subject(layout: Layout, roles: Roles, lines: list[Line], type_idx: int, limit: int) -> tuple[int, int]:
    """(start, end) of the lines under a type name: qualifier lines, then the subject. The subject is either in
    capitals (then the block is capitals only) or in lower case after optional capital qualifier lines; it ends at
    a rule, a blank line, a numbered heading or the first sentence of the body."""
    i = type_idx + 1
    start = i
    phase = "caps"  # caps lines so far; "lower" once a lower-case subject line is met
    content = False  # a capitals line that is not a qualifier has been taken
    while i < limit and i - start < 8:
        ln = lines[i]
        if ln.kind == "rule":
            break
        if ln.kind != "text":
            i += 1
            continue
        text = layout.t(ln)
        role = roles(ln)
        if role not in ("text", "subject") or numbering(layout, ln):
            break
        caps = is_caps(text)
        if not starts_lower(text) and not caps and patterns.body_opener(layout.s(ln)) and not (phase == "caps" and _opener_is_subject(layout, lines, i, limit)):
            break
        if phase == "lower":
            if _ROMAN_TAIL.fullmatch(text) and not ends_terminal(layout.t(lines[i - 1])):
                i += 1  # '... Đảng khóa' / 'XII': a term number the line width pushed down
                continue
            if ln.gap_before or caps or role == "subject":
                break
            prev_text = layout.t(lines[i - 1])
            continues = text[:1].isdigit() and not ends_terminal(prev_text)  # '... Nghị quyết số' / '18-NQ/TW ngày ...'
            sentence = ends_terminal(prev_text) or len(text) > SENTENCE_CHARS or _introduces(text) or _body_sentence(layout, ln, lines[i - 1])
            if not starts_lower(text) and not continues and sentence and not _rule_below(lines, i, limit):
                break  # a new sentence: the body begins (unless the rule under the subject is still to come)
            if len(text) > LONG_PROSE_CHARS:
                break
        elif caps:
            if ln.gap_before and content:
                break
            if content and _enacting_authority(layout, lines, i, limit):
                break
            content = content or not is_qualifier(layout, ln)
        else:
            if ln.gap_before and content:
                break
            if len(text) > 250:
                break
            phase = "lower"
        i += 1
    return (start, i)


def _enacting_authority(layout: Layout, lines: list[Line], i: int, limit: int) -> bool:
    """Whether capitals line ``i`` under a subject in capitals names who enacts the document — an organ or a
    title ('HỘI ĐỒNG BẦU CỬ QUỐC GIA', 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...', 'BAN THƯỜNG VỤ HUYỆN ỦY') — right
    above the body's first 'Căn cứ' or 'Xét đề nghị' line: the authority line of a quyết định or a nghị quyết,
    not the end of its subject."""
    nxt = next((j for j in range(i + 1, limit) if lines[j].kind == "text"), None)
    if nxt is None or not patterns.body_opener(layout.s(lines[nxt])):
        return False
    sk = " ".join(layout.s(lines[i]).split()) + " "
    return len(sk) <= AUTHORITY_CHARS and (sk.startswith(codes.organ_head_prefixes()) or sk.startswith(codes.title_prefixes()))


AUTHORITY_CHARS = 120  # an authority line is a name or a title, never longer


def _introduces(text: str) -> bool:
    """Whether a line ends with ':' — it introduces what follows ('Ủy ban nhân dân tỉnh ban hành kế hoạch
    như sau:'): an opening clause of the body, never the end of a subject, however short."""
    return text.rstrip(" *_").endswith(":")


# 'Theo Kế hoạch số ...', 'Theo đề nghị ...' open the body; 'Theo dõi ...' opens a subject.
_BODY_LEAD_SK = regex.compile(r"THEO\s+(?!DOI\b)")
# The end of a line that breaks a phrase: a name cut by the line width ('... thủy điện Móng' / 'Sến 1 ...') or a
# word that cannot end a noun phrase ('... kế hoạch của' / 'Ủy ban nhân dân xã.').
_OPEN_PHRASE_END = regex.compile(r"(?:\b\p{Lu}\p{Ll}+|\b(?i:của|và|về|tại|cho|với|theo|trên|đối|các|những|thuộc|số|từ|đến|trong))$")


def _body_sentence(layout: Layout, line: Line, prev: Line) -> bool:
    """Whether ``line``, under ``prev`` (a line of a subject), is the body's first sentence, not more of the subject.

    A subject is a noun phrase without final punctuation; a line after a line break that starts with a capital
    and opens like the body ('Căn cứ', 'Thực hiện', 'Theo Kế hoạch ...', 'Ngày 5 ...') is the body's, and so is one
    that closes a sentence ('.' or ';') unless ``prev`` breaks off inside a phrase (see _OPEN_PHRASE_END). A line
    in capitals is left to the callers (a qualifier, a subject in capitals)."""
    text = layout.t(line).strip(" *_")
    if not text[:1].isupper() or is_caps(text):
        return False
    sk = layout.s(line).lstrip(" *_")
    if patterns.body_opener(sk) or _BODY_LEAD_SK.match(sk):
        return True
    return text[-1] in ".;" and _OPEN_PHRASE_END.search(layout.t(prev).rstrip(" *_,")) is None


SUBJECT_BLOCK_LINES = 4  # a subject under a type name wraps to at most this many lines


def _opener_is_subject(layout: Layout, lines: list[Line], i: int, limit: int) -> bool:
    """Whether the first line under a type name that opens like the body ('Thực hiện công tác bầu cử ...')
    is the subject: its block (the lines up to a blank line or a rule) is short, ends without the
    punctuation a body sentence ends with, and a blank line or a rule sets it apart from what follows."""
    end = i + 1
    while end < limit and lines[end].kind == "text" and not lines[end].gap_before and end - i < SUBJECT_BLOCK_LINES:
        if not starts_lower(layout.t(lines[end])):
            return False  # a second sentence
        end += 1
    if len(layout.t(lines[i])) > LONG_PROSE_CHARS or ends_terminal(layout.t(lines[end - 1])):
        return False
    return end >= limit or lines[end].gap_before > 0 or lines[end].kind == "rule"


def _rule_below(lines: list[Line], i: int, limit: int, reach: int = 3) -> bool:
    """Whether the rule that closes a typed subject ('-----') comes within ``reach`` lines of line i, with no blank line before it."""
    for j in range(i + 1, min(limit, i + 1 + reach)):
        if lines[j].gap_before:
            return False
        if lines[j].kind == "rule":
            return True
    return False


def find_zones(layout: Layout) -> Zones:
    """Split the segments into header, recipients, body and closing."""
    lines = layout.lines
    n = len(lines)
    roles = Roles(layout)
    window = _header_window(layout, roles, lines)
    header_end = 0
    number_idx: int | None = None
    type_idx: int | None = None
    subject_lines: tuple[int, int] | None = None
    recipients: tuple[int, int] | None = None

    header_roles = [roles(ln) for ln in lines[:window]]
    anchors = [i for i, r in enumerate(header_roles) if r in ("party_title", "state_title", "motto", "number", "place_date", "star", "mark")]
    if anchors:
        header_end = anchors[-1] + 1
        # Anchors far apart from the first ones belong to the body (a date in a sentence).
        number_idx = next((i for i in anchors if header_roles[i] == "number"), None)
    # Organ lines above the first anchor are header too.
    for i, r in enumerate(header_roles):
        if r == "subject" and subject_lines is None and i <= header_end + 2:
            end = _subject_block(layout, roles, lines, i, window)
            subject_lines = (i, end)
            header_end = max(header_end, end)

    # A typed document: the type name below the number / date.
    search_from = 0
    for i in range(search_from, window):
        if header_roles[i] in ("text",) and (number_idx is None or i > number_idx or i >= header_end - 1):
            found = type_name_of(layout, lines[i])
            if found and i <= header_end + 6:
                type_idx = i
                break
    if type_idx is not None:
        s, e = _typed_subject(layout, roles, lines, type_idx, n)
        if subject_lines is None or subject_lines[0] > type_idx:
            subject_lines = (s, e) if e > s else None
        header_end = max(header_end, e)
        if e < n and lines[e].kind == "rule":
            header_end = e + 1
    elif subject_lines is None and number_idx is not None:
        subject_lines = _unprefixed_subject(layout, roles, lines, number_idx, window)
        if subject_lines:
            header_end = max(header_end, subject_lines[1])

    # Recipients: 'Kính gửi' / 'Kính trình' near the header.
    for i in range(header_end if header_end else 0, min(n, max(header_end, 0) + 12)):
        if roles(lines[i]) == "recipients":
            recipients = (i, _recipient_block_end(layout, roles, lines, i))
            header_end = max(header_end, recipients[1])
            break
    if recipients is None:
        for i in range(0, window):
            if header_roles[i] == "recipients":
                recipients = (i, _recipient_block_end(layout, roles, lines, i))
                header_end = max(header_end, recipients[1])
                break

    # Skip rules and stars that close the header.
    while header_end < n and lines[header_end].kind in ("rule", "star"):
        header_end += 1

    closing_start, dist_idx = _closing_start(layout, roles, lines, header_end)
    site = _site_text(layout, lines, closing_start)
    appendix = next((i for i in range(closing_start + 1, site) if _attached(layout, roles, lines[i])), site)
    while appendix < site and appendix - 1 > closing_start and is_caps(layout.t(lines[appendix - 1])) and len(layout.t(lines[appendix - 1])) > 30:
        appendix -= 1  # the appendix's title in capitals above '(Kèm theo ...)'

    return Zones(
        header=(0, min(header_end, closing_start)),
        recipients=recipients,
        type_line=type_idx,
        subject_lines=subject_lines,
        body=(min(header_end, closing_start), closing_start),
        closing=(closing_start, appendix),
        distribution_label=dist_idx,
        roles=roles,
        site_text=site if site < n else None,
    )


# A web page's own text after the document: the portal's list of related documents or news, its notice that the
# text was republished. A document never prints these labels on a line of their own after its closing.
_SITE_TEXT_SK = regex.compile(
    r"^(?:(?:CAC\s{1,3})?(?:VAN\s{1,3}BAN|TIN|BAI\s{1,3}VIET)\s{1,3}(?:LIEN\s{1,3}QUAN|CUNG\s{1,3}LINH\s{1,3}VUC|KHAC|MOI)"
    r"|BAI\s{1,3}VIET\s{1,3}(?:DUOC\s{1,3})?DANG\s{1,3}LAI\b)"
)
SITE_LABEL_CHARS = 80  # a site's label or notice line is shorter; longer, it is prose that happens to open so


def _site_text(layout: Layout, lines: list[Line], closing_start: int) -> int:
    """Index of the first line of a web page's own text after the closing (``len(lines)`` if none): the
    document ends there, and nothing after it is read (its list of related documents cites no document)."""
    for i in range(closing_start + 1, len(lines)):
        ln = lines[i]
        if ln.kind == "text" and len(layout.t(ln)) < SITE_LABEL_CHARS and _SITE_TEXT_SK.match(layout.s(ln)):
            return i
    return len(lines)


# An appendix after the signature ('Phụ lục', 'PHỤ LỤC I', '(Kèm theo Kế hoạch số ...)') is not part of the closing.
_APPENDIX_SK = regex.compile(r"^(?:PHU\s{1,3}LUC\b|\(?\s{0,2}(?:BAN\s{1,3}HANH\s{1,3})?KEM\s{1,3}THEO\b)")
# Nor is a paper sent with the document under a heading of its own, in capitals on a line of their own:
# an outline ('ĐỀ CƯƠNG' of the report asked for), a draft ('DỰ THẢO').
_ATTACHED_HEADING_SK = regex.compile(r"^(?:DE\s{1,3}CUONG|DU\s{1,3}THAO)\s{0,3}$")


def _attached(layout: Layout, roles: Roles, line: Line) -> bool:
    """Whether a line after the closing starts what is sent with the document: an appendix, an outline or a
    draft under its heading, or another document whole (the national or Party title of its header)."""
    sk = layout.s(line)
    if _APPENDIX_SK.match(sk) or roles(line) in ("state_title", "party_title"):
        return True
    return bool(_ATTACHED_HEADING_SK.match(sk)) and is_caps(layout.t(line))


def _comma_wrap(prev_text: str, text: str) -> bool:
    """'Bộ trưởng các Bộ: Nông nghiệp và Phát triển nông thôn,' / 'Công an, Công Thương, ...': a list inside an item, wrapped."""
    return prev_text.rstrip(" *_").endswith(",") and len(text) < COMMA_WRAP_CHARS


def _recipient_block_end(layout: Layout, roles: Roles, lines: list[Line], label: int) -> int:
    """End (exclusive) of the 'Kính gửi' list that starts at ``label``."""
    i = label + 1
    label_line = lines[label]
    rest = layout.s(label_line)
    m = patterns.RECIPIENTS_LABEL_SK.match(rest)
    inline = bool(m and rest[m.end() :].strip())
    prev_text = layout.t(label_line)
    items = 1 if inline else 0
    while i < len(lines):
        ln = lines[i]
        if ln.kind != "text":
            break
        text = layout.t(ln)
        role = roles(ln)
        if role not in ("text",):
            break
        bullet = patterns.line_bullet(text)
        same_row_cell = ln.row == lines[i - 1].row
        if ln.gap_before and (items or not same_row_cell) and not (items == 0 and ln.gap_before <= 1):
            break
        if bullet or same_row_cell:
            items += 1
        elif items == 0:
            items += 1  # the single recipient written under the label
        elif continues_item(prev_text, text) or (not ends_terminal(prev_text) and _comma_wrap(prev_text, text)):
            pass  # a wrapped item
        else:
            break
        if numbering(layout, ln) and not bullet:
            break
        prev_text = text
        i += 1
        if bullet and text.rstrip(" *_").endswith(".") and not (i < len(lines) and patterns.line_bullet(layout.t(lines[i]))):
            break
    return i


def _is_signature_line(layout: Layout, line: Line) -> bool:
    sk = layout.s(line)
    m = patterns.AUTHORITY_SK.match(sk)
    return bool(m) and is_caps(layout.t(line)[m.end() :] or "X")


def _closing_start(layout: Layout, roles: Roles, lines: list[Line], body_start: int) -> tuple[int, int | None]:
    """(index where the closing starts, index of the 'Nơi nhận' label or None)."""
    n = len(lines)
    text = layout.text
    # The label starts with 'N' ('Nơi nhận'): other segments need no classifying here.
    dist = next((i for i in range(body_start, n) if text[lines[i].start : lines[i].start + 1] in "Nn" and roles(lines[i]) == "distribution"), None)
    if dist is not None:
        start = dist
        # A signature block written just before 'Nơi nhận' belongs to the closing.
        j = dist - 1
        while j >= body_start and j >= dist - 6 and _signature_like(layout, lines[j]):
            start = j
            j -= 1
        return start, dist
    # No 'Nơi nhận': the closing starts at the last authority mark...
    for i in range(n - 1, body_start - 1, -1):
        if n - i > 12:
            break
        if _is_signature_line(layout, lines[i]):
            return i, None
    # ... or at a trailing block of caps titles and a name.
    i = n
    while i > body_start and n - i < 6 and _signature_like(layout, lines[i - 1]):
        i -= 1
    if i < n and any(is_caps(layout.t(ln)) for ln in lines[i:]):
        return i, None
    return n, None


def _signature_like(layout: Layout, line: Line) -> bool:
    text = layout.t(line)
    if line.kind != "text":
        return line.kind in ("rule",)
    if patterns.line_bullet(text):
        return False
    if _is_signature_line(layout, line):
        return True
    if is_caps(text) and len(text.split()) <= 10:
        return True
    stripped = patterns.SIGNED_NOTE.sub("", text).strip(" ()[]")
    return not stripped or is_name(stripped)
