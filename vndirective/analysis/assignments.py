"""Assignments: who must do what, by when, in the tasks, the preamble and the closing.

Each sentence of a task (its own text, before its sub-items), of the opening and of the
closing paragraphs is read for:

- the lead: the body a task's heading names ('2. Sở Tài chính' over its sub-items), the body a
  sentence of a task starts with ('Công an huyện chủ trì, ...'), the body after 'Giao', 'Đề nghị',
  'Yêu cầu'... ('Giao UBND huyện chủ trì') or the value of a plan's '- Đơn vị chủ trì: ...' field;
  a group followed by 'gồm:' gives way to its members, one a line. A lead is a body or an
  office-holder: never a verb ('Tổ chức thực hiện', 'Ban hành kèm theo'), a heading in capitals
  ('TỔ CHỨC THỰC HIỆN'), a determiner alone ('các') or the start of another noun ('các công trình');
- the coordinators: the bodies after 'phối hợp (với)' or a '- Đơn vị phối hợp: ...' field;
- the deadline: a date ('trước ngày 30/6/2021'), a period ('trong tháng 7/2021', 'quý III/2021',
  with its last day; 'trước năm 2025' is the day before it starts), a rhythm ('hằng tháng',
  'định kỳ'), 'thường xuyên', or urgency ('trong thời gian sớm nhất'); in one sentence a date or a
  period wins over the vaguer kinds.

Bodies are found by rules on the word lists of ``data/assignments.json`` and the organ and title
tables (``organs.json``, ``titles.json``). Where underthesea is installed (the ``units`` extra) its
word segmentation and part-of-speech tags answer what the lists cannot, on the sentences that need
it only (once each, cached): a head syllable it joins to the next one is another word ('Ban hành',
'Trường hợp'), a lower-case word it tags V ends a name. Its tag of a sentence's first word is not
used: it reads a clause-initial verb ('Tổ chức quán triệt', 'Chủ trì, ...') as a noun. Without
underthesea, or with ``VNDIRECTIVE_POS=off``, the rules decide alone.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

import regex

from ..core import codes, patterns
from ..core.lines import clean
from ..core.model import Directive, Span, Task
from ..core.normalize import fold
from .results import Actor, Assignment, Deadline, DeadlineKind

_SENTENCE_END = regex.compile(r"(?<=[.;!?])\s+(?=\S)|\n(?=\s*(?:[-+•]|\d{1,2}[.)]|[a-zđ]\))\s)")  # a sentence, or a new list line
_MARKER = regex.compile(r"^\s*(?:(?:Phần|PHẦN)\s+\S+|(?:Điều|ĐIỀU)\s+\d{1,3}|[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s{0,2}[.):\-]?\s+|^\s*[-+•]\s+")
_NUMBERED = regex.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])[.)]\s")
_HEADING_END = regex.compile(r":|\n(?=[ \t]*(?:\p{Lu}|[-+•]|[a-zđ]\)|\d{1,2}[.)]))")
_LABEL = regex.compile(r"[^:\n]{1,60}?:[ \t]*\n?[ \t]*")  # 'Về nội dung ...:', 'Báo cáo 6 tháng:', 'Các thành viên:'
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[/&][\p{L}\p{M}\p{N}]+)*|\S")
_ACRONYM = regex.compile(r"[A-ZĐ]{2,6}(?![\p{L}\d])")  # 'phối hợp với VCCI'; no tone marks: not a word in capitals
_HAS_PAPER = regex.compile(r"có\s+(?=\p{Lu}|\d)")  # 'Sở X có Công văn số 1774 ...' ends the name; 'các xã có rừng' goes on
_OPEN_END = regex.compile(r"(?<!\p{L})(?:đến|tới|với|về|cho|của)\s*$", regex.IGNORECASE)  # '... có liên quan đến [việc] sử dụng ...'
_PLURAL_END = regex.compile(r"(?<!\p{L})(?:các|những)\s+\p{L}+(?:,\s+\p{L}+)?\s*$", regex.IGNORECASE)  # 'Giám đốc các Sở:' before its list
_TITLE_MAX_WORDS = 30  # a task's heading naming its lead is a line or two ('4. Các cơ quan ... được giao quản lý ...')
_HEADING_LINE_WORDS = 10  # a title line before a task's first sentence ('3. Kiểm tra, giám sát'); longer is wrapped text
_PAREN_MAX_TOKENS = 4  # '(bà)', '(VCCI)' go on with a name; '(đối với tài sản ...)' ends it
_OPENER_CHARS = 200  # how far the subject after an opening clause is looked for ('Trong quá trình ..., nếu ..., các cơ quan ...')
_TAGGED_CHARS = 300  # how much of a sentence underthesea reads; further on the rules decide alone

_DATE = rf"{patterns.DATE_NUMERIC}|{patterns.DATE_WORDS}|\d{{1,2}}\s{{0,2}}/\s{{0,2}}\d{{1,2}}(?![\d/])"  # 'trước ngày 05/7': no year
_BY_DATE = regex.compile(rf"(?:trước|chậm nhất(?:\s+(?:là|đến|vào))?|hạn chót|đến hết|đến|trong)\s+(?:(?:là|vào)\s+)?ngày\s+(?:{_DATE})", regex.IGNORECASE)
_PERIOD = (
    r"(?:tháng\s+(?P<month>\d{1,2})\s{0,2}[/\-]\s{0,2}(?P<my>\d{4})|tháng\s+(?P<month2>\d{1,2})\s+năm\s+(?P<my2>\d{4})"
    r"|quý\s+(?P<q>IV|III|II|I|[1-4])\s{0,2}(?:[/\-]\s{0,2}|\s+năm\s+)(?P<qy>\d{4})|năm\s+(?P<year>\d{4}))"
)
# 'đến tháng 4/2026', 'đến quý I/2026' end a period of work; 'Đến năm 2025, ...' opens an objective, not a deadline.
_IN_PERIOD = regex.compile(rf"(?P<pre>trước|trong|chậm nhất|đến hết|vào|cuối|đến(?=\s+(?:tháng|quý)))\s+{_PERIOD}", regex.IGNORECASE)
_BARE_PERIOD = regex.compile(rf"(?<!\p{{L}}){_PERIOD}", regex.IGNORECASE)  # the value of a 'Thời gian hoàn thành:' field
_RANGE_START = regex.compile(r"(?<!\p{L})từ\s+(?:ngày|tháng|quý|năm)(?!\p{L})", regex.IGNORECASE)  # 'từ ngày ... đến hết ngày ...': when
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_UNITS = r"(?:ngày|tuần|tháng|quý|năm)"
_NOT_AFTER_NOUN = r"(?<!(?:chi|hoạt động|nhiệm vụ|kinh phí|khoản|chi phí)\s)"  # 'chi thường xuyên' is a kind of spending, not a rhythm
_NAME_ENDS = ("stop_words", "action_adverbs", "narrative_markers", "deadline_word")  # word lists that end a body's name
_VAGUE_KINDS: tuple[tuple[DeadlineKind, str], ...] = (("recurring", "recurring"), ("ongoing", "ongoing"), ("asap", "deadline_asap"))  # kind, pattern

Span2 = tuple[int, int]  # a span of a sentence's folded view


@cache
def _words() -> dict[str, Any]:
    data = codes.load("assignments")
    out: dict[str, Any] = {k: tuple(v) for k, v in data.items() if isinstance(v, list)}
    out["verb_or_body"] = data["verb_or_body"]
    return out


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _word_list(words: tuple[str, ...] | list[str], after: str = r"(?!\p{L})") -> regex.Pattern[str]:
    """A case-insensitive pattern matching one of ``words`` as whole words at a position; hyphens loose ('chính trị- xã hội')."""
    alternation = _alternation(words).replace(r"\s+\-\s+", r"\s*-\s*")
    return regex.compile(rf"(?<!\p{{L}})(?:{alternation}){after}", regex.IGNORECASE)


@cache
def _patterns() -> dict[str, regex.Pattern[str]]:
    w = _words()
    organs, titles = codes.load("organs"), codes.load("titles")
    heads = [*w["body_heads"], *(h.lower() for h in organs["organ_head_words"]), *(t.lower() for t in titles["titles"] if "," not in t), *w["titles"]]
    units = [u.lower() for u in organs["unit_words"] if u.replace(" ", "").isalpha()]
    lists: tuple[str, ...] = ("lead_verbs", "request_verbs", "chair_words", "coordination_words", "action_verbs", "titles", "persons", "report_verbs")
    lists += ("not_body_words", "body_tails", "stop_words", "narrative_markers", "action_adverbs", "clause_openers", "compound_names")
    out = {k: _word_list(w[k]) for k in (*lists, "deadline_asap", "tagger_not_verbs")}
    return out | {
        "lead": regex.compile(rf"(?<!\p{{L}})(?<!(?:bàn|chuyển|được|đã|về việc|v/v)\s)(?:{_alternation(w['lead_verbs'])})\s+(?=\S)", regex.IGNORECASE),
        "coordinate": _word_list(w["coordination_words"], r"\s+(?=\S)"),
        "head": _word_list(list(dict.fromkeys(heads))),
        "plural": _word_list([*w["plural_heads"], *units]),
        "prefix": _word_list([x.lower() for x in titles["prefixes"]], r"\s+"),
        "determiner": _word_list(w["determiners"], r"\s+"),
        "passive": _word_list(w["passive_tails"], r"\s*$"),
        "enumeration": _word_list(w["enumeration_words"], r"\s*:\s*$"),
        **{k: _word_list(w[f"{k}s"], r"\s*:\s*") for k in ("lead_label", "coordination_label", "deadline_label")},
        "recurring": _word_list(w["deadline_recurring"], rf"(?:\s+(?:\d+\s+)?{_UNITS})?(?!\p{{L}})"),
        "ongoing": regex.compile(rf"{_NOT_AFTER_NOUN}(?<!\p{{L}})(?:{_alternation(w['deadline_ongoing'])})(?!\p{{L}})", regex.IGNORECASE),
        "deadline_word": _word_list([*w["deadline_recurring"], *w["deadline_ongoing"], *w["deadline_asap"]]),
    }


@cache
def _ambiguous() -> dict[str, tuple[regex.Pattern[str], bool]]:
    """Heads that are also verbs ('tổ chức', 'lãnh đạo'): the nouns after them that make them a body, and whether a
    capitalised name after them does."""
    return {h: (_word_list(r["nouns"] or ["\x00"]), bool(r["capitalised"])) for h, r in _words()["verb_or_body"].items()}


# --- underthesea, when installed --------------------------------------------------------------------------------


@cache
def _tagger() -> Callable[[str], list[tuple[str, str]]] | None:
    """underthesea's ``pos_tag`` (its model ships in the package: nothing is downloaded), or None without it or with
    ``VNDIRECTIVE_POS=off``."""
    if os.environ.get("VNDIRECTIVE_POS", "").strip().lower() in ("off", "0", "no", "false"):
        return None
    try:
        from underthesea import pos_tag
    except ImportError:
        return None
    tagger: Callable[[str], list[tuple[str, str]]] = pos_tag
    return tagger


@lru_cache(maxsize=8192)
def _tag(clause: str) -> dict[int, tuple[int, str]] | None:
    """underthesea's words of ``clause``: start → (end, tag), cached (a document repeats its phrases)."""
    tagger = _tagger()
    if tagger is None or not clause.strip():
        return None
    try:
        tagged = tagger(clause)
    except Exception:  # a tagger failure leaves the rules alone, as without underthesea
        return None
    words, pos = {}, 0
    for word, tag in tagged:  # it joins a word's syllables with one space where the text may break the line
        m = regex.compile(r"\s+".join(regex.escape(part) for part in word.split())).search(clause, pos) if word.strip() else None
        if m is not None:  # a word it rewrote is left out: the rules read it
            words[m.start()], pos = (m.end(), tag), m.end()
    return words


class _Clause:
    """One sentence on its folded view, with the verb and word tests the rules use; underthesea reads it (from
    ``start``, its first word after the marker) only when a rule asks what the word lists cannot answer."""

    def __init__(self, folded: str, start: int) -> None:
        self.s, self.start = folded, start
        self._words: dict[int, tuple[int, str]] | None = None
        self._asked = False

    def _word(self, pos: int) -> tuple[int, str] | None:
        if pos < self.start or _tagger() is None:
            return None
        if not self._asked:
            self._asked = True
            words = _tag(self.s[self.start : self.start + _TAGGED_CHARS])
            self._words = {a + self.start: (b + self.start, tag) for a, (b, tag) in words.items()} if words else None
        return self._words.get(pos) if self._words else None

    def is_verb(self, pos: int, line_start: bool = False) -> bool:
        """A verb starts at ``pos``: an action verb of the lists, or a lower-case word underthesea tags V. A capitalised
        verb is in a name ('Ban Chỉ đạo', 'Ủy ban Kiểm tra') unless it starts a line ('Thanh tra tỉnh\\nChủ trì')."""
        p, s = _patterns(), self.s
        if p["chair_words"].match(s, pos) or p["coordination_words"].match(s, pos):
            return True  # 'chủ trì', 'phối hợp' are in no name ('MTTQ Phối hợp với ...')
        if s[pos].isupper():
            return line_start and p["action_verbs"].match(s, pos) is not None
        if p["action_verbs"].match(s, pos):
            return True
        w = self._word(pos) if pos != self.start else None  # underthesea reads a sentence's first word as a noun
        return w is not None and w[1] == "V" and not p["tagger_not_verbs"].match(s, pos, w[0])

    def joins_next(self, pos: int, end: int) -> bool:
        """underthesea reads the one-syllable head at ``pos:end`` as part of a longer word that is no body ('Ban hành',
        'Trường hợp'). A longer head is a word already: what it is joined to names a kind of it ('cơ quan chức năng')."""
        if " " in self.s[pos:end].strip() or not self.s[end:].lstrip(" \t")[:1].islower():
            return False
        w = self._word(pos)
        return w is not None and w[0] > end and not _patterns()["head"].fullmatch(self.s[pos : w[0]])


# --- bodies -----------------------------------------------------------------------------------------------------


def _head(c: _Clause, pos: int, *, loose: bool) -> int | None:
    """End of a body's head starting at ``pos`` ('Sở', 'Ủy ban nhân dân', 'các cơ quan', 'tổ chức đảng'), or None.

    Unless ``loose`` (in a list, after a lead verb) it is capitalised, a title or after a determiner: 'cơ quan'
    inside a sentence starts no body."""
    s, p = c.s, _patterns()
    if pos >= len(s) or not s[pos].isalpha():
        return None
    if compound := p["compound_names"].match(s, pos):  # 'Văn phòng HĐND và UBND', 'Các chi, đảng bộ': one body
        return compound.end()
    det = p["determiner"].match(s, pos)
    start = det.end() if det else pos
    prefix = p["prefix"].match(s, start)  # 'Phó Thủ tướng', 'Quyền Giám đốc'
    m = p["head"].match(s, prefix.end() if prefix and p["head"].match(s, prefix.end()) else start)
    m = m or (p["plural"].match(s, start) if det else None) or (_ACRONYM.match(s, start) if loose else None)
    if m is None or not (det or loose or s[pos].isupper() or p["titles"].match(s, pos)):
        return None
    if s[start : m.end()].isupper() and not _ACRONYM.fullmatch(s, start, m.end()):
        return None  # 'SỞ TÀI CHÍNH', 'BAN CHỈ ĐẠO' in capitals head a title or a specimen, not a body given work
    if p["not_body_words"].match(s, start) or c.joins_next(start, m.end()):
        return None
    end = m.end()
    if (rule := _ambiguous().get(s[start:end].lower())) is not None:
        nouns, capitalised = rule
        nxt = end + len(s[end:]) - len(s[end:].lstrip(" \t"))
        noun = nouns.match(s, nxt) if nxt > end else None
        if noun is not None and not (p["not_body_words"].match(s, nxt) or c.joins_next(nxt, noun.end())):
            return noun.end()  # 'tổ chức đảng'; 'tổ chức hội nghị' is to organise a conference
        if not (det or (capitalised and nxt > end and s[nxt : nxt + 1].isupper() and not c.is_verb(nxt))):
            return None  # 'Tổ chức thực hiện', 'Lãnh đạo, chỉ đạo', 'Thanh tra, kiểm tra': the verb
    return end


def _starts_item(c: _Clause, pos: int) -> bool:
    """Whether a list item at ``pos`` is a new body ('..., Ủy ban nhân dân ...', '... và các tổ chức ...', '..., người
    đứng đầu ...') rather than another noun of the same one ('các sở, ban, ngành')."""
    p = _patterns()
    return bool(p["determiner"].match(c.s, pos) or p["titles"].match(c.s, pos) or (c.s[pos].isupper() and p["head"].match(c.s, pos)))


def _bodies(c: _Clause, start: int, stop: int, *, loose: bool = False, heading: bool = False) -> list[Span2]:
    """The bodies of a list starting at ``start`` ('Văn phòng Huyện ủy, Công an huyện và các xã'), as spans; [] when no
    body starts there. A name ends before its action's verb or adverb, 'chủ trì', 'phối hợp' or a clause break; a
    list goes on over ',', ';', 'và' to the next body. A ``heading`` holds no action: only punctuation ends it."""
    s, p = c.s, _patterns()
    first = _head(c, start, loose=loose)
    if first is None:
        return []
    items: list[Span2] = []
    item_start, last, colon_list = start, first, False
    toks = [m.span() for m in _TOKEN.finditer(s, first, stop)]
    i = 0

    def skip_to(pos: int) -> int:
        return next((k for k, t in enumerate(toks) if t[0] >= pos), len(toks))

    while i < len(toks):
        a, b = toks[i]
        w, nxt = s[a:b], (toks[i + 1][0] if i + 1 < len(toks) else None)
        line_start = "\n" in s[last:a]
        if w in (",", ";", "và", "hoặc"):
            if nxt is None:
                break
            lead_in = regex.match(r"(?:nhất là|trong đó có)\s+", s[nxt:], regex.IGNORECASE) if w == "," else None
            after = nxt + (lead_in.end() if lead_in else 0)
            h = _head(c, after, loose=w != ";")
            apposition = w == "," and p["persons"].match(s, item_start) and p["titles"].match(s, after)  # 'Đồng chí A, Chủ tịch ...'
            if h is not None and (w == ";" or lead_in or _starts_item(c, after)) and not apposition:
                items.append((item_start, last))
                item_start, last = after, h
                i = skip_to(h)
                continue
            if h is None and w != ";" and (m := p["plural"].match(s, after) or p["body_tails"].match(s, after)):
                h = m.end()  # 'các xã, phường', 'Phó Chủ tịch Thường trực, phụ trách lĩnh vực ...'
            goes_on = (
                h is not None
                or (w == "," and (colon_list or heading) and s[after].isupper())  # 'các Bộ: Công an, Tài chính'
                or (heading and w != ";")
                or (w != ";" and s[after].isupper() and not c.is_verb(after))  # 'Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch'
                or (w in ("và", "hoặc") and not (c.is_verb(after) or p["stop_words"].match(s, after) or p["action_adverbs"].match(s, after)))
            )
            if not goes_on:
                break
            last = h if h is not None else b
            i = skip_to(last)
            continue
        if w == ":":
            if nxt is None or not s[nxt].isupper() or not _PLURAL_END.search(s, item_start, a) or colon_list or heading:
                break
            colon_list, last, i = True, b, i + 1  # 'các Bộ: Công an, Tài chính, ...'
            continue
        if w == "(":
            close = next((k for k in range(i + 1, min(i + 2 + _PAREN_MAX_TOKENS, len(toks))) if s[toks[k][0]] == ")"), None)
            if close is None:
                break
            last, i = toks[close][1], close + 1
            continue
        if w in "-–—" and not line_start:
            i += 1
            continue
        if not w[0].isalnum() or (line_start and (c.is_verb(a, line_start=True) or _MARKER.match(s, a))):
            break
        tail = p["body_tails"].match(s, a) or p["compound_names"].match(s, a) or (p["head"].match(s, a) if s[a].isupper() else None)
        if tail is not None:  # 'các cơ quan có liên quan', 'Ủy viên Ban Chấp hành ...', 'Trưởng Ban xây dựng Đảng': the name goes on
            inner = p["compound_names"].search(s, a + 1)
            last = max(tail.end(), inner.end()) if inner is not None and inner.start() < tail.end() else tail.end()
            i = skip_to(last)
            continue
        if p["lead_verbs"].match(s, a) or _HAS_PAPER.match(s, a) or (not heading and (any(p[k].match(s, a) for k in _NAME_ENDS) or c.is_verb(a, line_start))):
            break
        last, i = b, i + 1
    items.append((item_start, last))
    return [(x, y) for x, y in items if y > x]


def _actors(text: str, base: int, spans: list[Span2]) -> list[Actor]:
    out = []
    for s, e in spans:
        value = clean(text[base + s : base + e]).strip(" ,;:-")
        if len(value) > 1:
            out.append(Actor(value, Span(base + s, base + e), codes.expand_abbreviations(value)))
    return out


# --- units and sentences ----------------------------------------------------------------------------------------


def extract_assignments(d: Directive) -> list[Assignment]:
    """Every assigning sentence of the preamble, the tasks and the closing, in text order."""
    out: list[Assignment] = []
    led: set[int] = set()  # the tasks whose text, or an ancestor's, names a lead
    listing: tuple[int, int, list[Actor]] | None = None  # (task key, its 'gồm:' assignment in out, members listed as its sub-items)
    for name, start, end, key, parent in _units(d):
        if listing is not None and parent == listing[0] and (listed := _member(d.text, start, end)):
            listing[2].extend(listed)  # '1. Giao các sở gồm:' over '- Sở Xây dựng (...);', '- Sở Công Thương (...).'
            continue
        if listing is not None and listing[2]:
            out[listing[1]] = replace(out[listing[1]], lead=listing[2])
        listing = None
        inherited = parent in led
        found: list[Assignment] = []
        intro: int | None = None  # 'Giao các sở ... gồm:' and its members, one a line ('- Sở Công Thương (...);')
        members: list[Actor] = []
        unclosed = 0  # a member's parenthesis may hold ';' ('(đối với ... công nghệ cao; hạ tầng thông tin ...)')
        for i, (s, e) in enumerate(_sentences(d.text, start, end)):
            piece = d.text[s:e]
            if intro is not None and (unclosed > 0 or (listed := _member(d.text, s, e))):
                members += [] if unclosed > 0 else listed
                unclosed = max(0, unclosed + piece.count("(") - piece.count(")"))
                continue
            if intro is not None and members:
                found[intro] = replace(found[intro], lead=members)
            intro, members = None, []
            if (a := _assignment(d.text, name, s, e, first=i == 0, inherited=inherited)) is not None:
                found.append(a)
                intro = len(found) - 1 if a.lead and _patterns()["enumeration"].search(fold(piece)) else None
        if intro is not None and members:
            found[intro] = replace(found[intro], lead=members)
        elif intro is not None:
            listing = (key, len(out) + intro, [])
        out.extend(found)
        if inherited or any(a.lead for a in found):
            led.add(key)
    if listing is not None and listing[2]:
        out[listing[1]] = replace(out[listing[1]], lead=listing[2])
    return out


def _units(d: Directive) -> Iterator[tuple[str, int, int, int, int | None]]:
    """(task path, start, end, key, parent's key) of the text each unit says itself: the preamble, each task before
    its sub-items, the closing."""
    if d.preamble is not None:
        yield "preamble", d.preamble.span.start, d.preamble.span.end, -1, None

    def walk(tasks: list[Task], prefix: str, parent: int | None) -> Iterator[tuple[str, int, int, int, int | None]]:
        for t in tasks:
            path = f"{prefix}.{t.number}" if prefix else t.number
            yield path, t.span.start, (t.children[0].span.start if t.children else t.span.end), id(t), parent
            yield from walk(t.children, path, id(t))

    yield from walk(d.tasks, "", None)
    if d.closing is not None:
        yield "closing", d.closing.span.start, d.closing.span.end, -2, None


def _sentences(text: str, start: int, end: int) -> list[Span2]:
    """The sentences of a unit. A list of bodies cut by ';' ('Các sở, ban, ngành; Ủy ban nhân dân các xã; các cơ quan
    ... khẩn trương ...') stays one sentence with its verb, and a marker ('2.') with its sentence."""
    pieces, pos = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces += [(pos, end)] if pos < end else []
    out: list[Span2] = []
    for s, e in pieces:
        if out and (
            _MARKER.fullmatch(text[out[-1][0] : out[-1][1]] + " ")
            or (text[out[-1][1] - 1 : out[-1][1]] == ";" and _only_bodies(text, *out[-1]) and _body_opens(text, s, e))
        ):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _only_bodies(text: str, start: int, end: int) -> bool:
    """Whether a piece ending with ';' is only a list of bodies, after its marker, lead verb or label."""
    folded = fold(text[start:end])
    marker = _MARKER.match(folded)
    pos = marker.end() if marker else 0
    lead, label = _patterns()["lead"].search(folded, pos), _LABEL.match(folded, pos)  # '3. Các thành viên: lãnh đạo các Sở: ...;'
    pos = lead.end() if lead else label.end() if label else pos
    bodies = _bodies(_Clause(folded, pos), pos, len(folded) - 1, loose=bool(lead or label))
    return bool(bodies) and not folded[bodies[-1][1] : -1].strip(" ,")


def _body_opens(text: str, start: int, end: int) -> bool:
    folded = fold(text[start:end])
    return _head(_Clause(folded, 0), 0, loose=False) is not None


def _member(text: str, start: int, end: int) -> list[Actor]:
    """The bodies of a list line that names only them ('- Sở Xây dựng (đối với tài sản ...);'), else []."""
    folded = fold(text[start:end])
    if (marker := _MARKER.match(folded)) is None:
        return []
    found = _bodies(_Clause(folded, marker.end()), marker.end(), len(folded))
    return _actors(text, start, found) if found and folded[found[-1][1] :].strip()[:1] in ("", "(", ";", ".", ",") else []


def _assignment(text: str, task: str, start: int, end: int, *, first: bool, inherited: bool) -> Assignment | None:
    """The assignment of one sentence, or None when it names no body and no deadline."""
    folded = fold(text[start:end])
    marker = _MARKER.match(folded)
    body_from = marker.end() if marker else 0
    letters = [ch for ch in folded[body_from:] if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return None  # a heading in capitals ('IV. TỔ CHỨC THỰC HIỆN', 'ỦY BAN NHÂN DÂN TỈNH') is a title, not an order
    p, c = _patterns(), _Clause(folded, body_from)
    lead: list[Span2] = []
    coordinators: list[Span2] = []
    after, label_deadline = body_from, None
    if m := p["lead_label"].match(folded, body_from):  # '- Đơn vị chủ trì: Đồng chí Phó Chủ tịch ...'
        lead = _bodies(c, m.end(), len(folded), loose=True)
        after = lead[-1][1] if lead else m.end()
    elif m := p["coordination_label"].match(folded, body_from):
        coordinators = _bodies(c, m.end(), len(folded), loose=True)
        after = coordinators[-1][1] if coordinators else m.end()
    elif m := p["deadline_label"].match(folded, body_from):
        label_deadline = (m.end(), len(folded))
    else:
        lead, after = _lead(c, task, body_from, first=first, inherited=inherited)
    if not coordinators and (cm := p["coordinate"].search(folded, after)):
        coordinators = _bodies(c, cm.end(), len(folded), loose=True)
    deadline = _deadline(text, start, folded, label_deadline)
    if not lead and not coordinators and (deadline is None or (task == "preamble" and p["lead"].search(folded) is None)):
        return None  # the opening paragraph tells what happened; only a body or a request there is an assignment
    action = clean(text[start + after : end]).lstrip(" ,:").rstrip(" ;.")
    return Assignment(task, _actors(text, start, lead), _actors(text, start, coordinators), action, deadline, Span(start + body_from, end))


def _lead(c: _Clause, task: str, body_from: int, *, first: bool, inherited: bool) -> tuple[list[Span2], int]:
    """The lead bodies of a sentence and where they end: its subject or heading (tasks, and listed lines of the opening
    and closing), else the body after a lead verb. A subject whose action is a lead verb ('UBND tỉnh giao Sở Tài
    chính ...') gives way to the verb's body; inside a task that names its lead, 'Yêu cầu X' is that lead's request."""
    s, p = c.s, _patterns()
    narrative = task in ("preamble", "closing") and not _MARKER.match(s)  # what opens and closes a text tells; its list lines order
    subject = [] if narrative or s.rstrip().endswith("!") else _subject(c, body_from, first=first)
    if subject and not p["lead_verbs"].match(s, subject[-1][1] + len(s[subject[-1][1] :]) - len(s[subject[-1][1] :].lstrip(" \t\n,"))):
        return subject, subject[-1][1]
    for m in p["lead"].finditer(s, body_from):
        compound = p["not_body_words"].match(s, m.start()) and s[m.end()].islower()  # 'hội nghị giao ban', not 'Giao Ban Tổ chức'
        if (inherited and p["request_verbs"].match(s, m.start())) or m.group().strip().isupper() or compound:
            continue
        if found := _bodies(c, m.end(), len(s), loose=True):
            return found, found[-1][1]
    return [], body_from


def _subject(c: _Clause, body_from: int, *, first: bool) -> list[Span2]:
    """The bodies a task's sentence is about: its heading's ('5. Thanh tra tỉnh', '4. Các cơ quan ... được giao quản
    lý, sử dụng ...'), else its subject when an action follows, at its start, on the line after a short title
    ('3. Kiểm tra, giám sát\\nỦy ban Kiểm tra ...'), after a label ('Về nội dung ...:\\nBộ Tài chính ...') or after an
    opening clause ('Trong quá trình ..., nếu ..., các cơ quan ... kịp thời ...')."""
    s, p = c.s, _patterns()
    found = _bodies(c, body_from, len(s))
    heading = _heading(s, body_from) if first or _NUMBERED.match(s) else None  # a numbered line inside a unit opens a sub-task
    alone = heading is not None and s[heading : heading + 1] != ":" and not s[heading:].strip()  # a title line on its own
    if heading is not None and (not found or (found[-1][1] <= heading and (alone or not _acts(c, found[-1][1]) or p["passive"].search(s, 0, found[-1][1])))):
        titled = _bodies(c, body_from, heading, heading=True)
        value = heading + 1 + len(s[heading + 1 :]) - len(s[heading + 1 :].lstrip())
        if titled and not s[titled[-1][1] : heading].strip(" ,;:"):
            listed = s[heading : heading + 1] == ":" and (_head(c, value, loose=True) or s[value : value + 1].isdigit())
            return [] if listed else titled  # 'Tổ trưởng: Ông A' lists a member, 'Thành viên: 200.000 đồng' a rate
    if (label := _LABEL.match(s, body_from)) and s[label.end() : label.end() + 1].isdigit():
        return []  # 'Thành viên tham dự: 200.000 đồng/người/buổi' is a rate, 'Thời gian: 9 giờ' a time
    starts = [body_from]
    if heading is not None and s[heading : heading + 1] == "\n" and len(s[body_from:heading].split()) <= _HEADING_LINE_WORDS:
        starts.append(heading + len(s[heading:]) - len(s[heading:].lstrip()))
    if label:
        starts.append(label.end())
    if p["clause_openers"].match(s, body_from):
        starts += [m.end() for m in regex.finditer(r",\s+", s, pos=body_from, endpos=body_from + _OPENER_CHARS)]
    for at in starts:
        found = _bodies(c, at, len(s)) if at != body_from else found
        if found and _acts(c, found[-1][1]):
            return found
    return []


def _acts(c: _Clause, end: int) -> bool:
    """Whether what follows a body is its action: a verb, 'chủ trì', an adverb of the action ('khẩn trương', 'có trách
    nhiệm') or a deadline; not a label ('Địa điểm: Sở X, địa chỉ ...'), a name alone, a report ('Bộ Tài chính đã ...'),
    a statement ('Quốc hội là ...'), the issuer speaking ('Ban Thường vụ thông báo ...') or a clause ('... để xảy ra')."""
    s, p = c.s, _patterns()
    rest = s[end:].lstrip()
    if rest[:1] == "(" and (close := rest.find(")")) > 0:  # 'Công an tỉnh (cơ quan thường trực ...) chủ trì'
        rest = rest[close + 1 :].lstrip()
    rest = rest[1:].lstrip() if rest[:1] == "," else rest  # 'Các sở, ban, ngành, căn cứ chức năng ..., khẩn trương ...'
    at = len(s) - len(rest)
    if not rest or p["narrative_markers"].match(s, at) or p["report_verbs"].match(s, at) or _MARKER.match(rest) or _OPEN_END.search(s, 0, end):
        return False
    if any(p[k].match(s, at) for k in ("action_verbs", "chair_words", "coordination_words", "action_adverbs", "deadline_word")):
        return True  # a listed verb first: 'theo dõi' is one, 'theo' opens a clause
    return not p["stop_words"].match(s, at) and c.is_verb(at, line_start=True)


def _heading(s: str, start: int) -> int | None:
    """End of a task's heading ('2. Sở Tài chính', '4. Các cơ quan ... quản lý, sử\\ndụng ... hạ tầng'): up to ':' or a
    line break before a capital or a marker, when no sentence ends before it."""
    m = _HEADING_END.search(s, start)
    stop = m.start() if m else len(s.rstrip())
    title = s[start:stop].rstrip()
    if regex.search(r"[.!?]\s", title) or title.endswith((".", ";", "!", "?")) or len(title.split()) > _TITLE_MAX_WORDS:
        return None
    return stop


# --- deadlines --------------------------------------------------------------------------------------------------


def _deadline(text: str, base: int, folded: str, label: Span2 | None = None) -> Deadline | None:
    """The deadline of a sentence: its first date or period, else its first rhythm, standing or urgency phrase. A date
    after 'từ ngày ...' ends a span of time, not a task, unless it fills a 'Thời gian hoàn thành:' field; such a field
    may hold a bare period ('Quý IV/2025')."""
    p = _patterns()
    found: list[tuple[int, int, DeadlineKind, dt.date | None]] = []
    m = _BY_DATE.search(folded)
    if m is not None and (label is not None or not _RANGE_START.search(folded, 0, m.start())):
        found.append((m.start(), m.end(), "by_date", _by_date(m)))
    m = _IN_PERIOD.search(folded)
    if m is not None and (label is not None or not _RANGE_START.search(folded, 0, m.start())):
        first, last = _period(m) or (None, None)
        if m.group("pre").lower() == "trước":  # 'trước năm 2025': by the day before the period starts
            found.append((m.start(), m.end(), "by_date", first - dt.timedelta(days=1) if first else None))
        else:
            found.append((m.start(), m.end(), "in_period", last))
    if label is not None and not found and (m := _BARE_PERIOD.search(folded, *label)):
        found.append((m.start(), m.end(), "in_period", (_period(m) or (None, None))[1]))
    for kind, key in _VAGUE_KINDS:
        if m := p[key].search(folded):
            found.append((m.start(), m.end(), kind, None))
    if not found:
        return None
    s, e, kind, date = min(found, key=lambda f: (f[2] not in ("by_date", "in_period"), f[0], -f[1]))  # a date or period first
    return Deadline(clean(text[base + s : base + e]), Span(base + s, base + e), kind, date)


def _by_date(m: regex.Match[str]) -> dt.date | None:
    """The date of 'trước ngày 30/6/2021'; None for 'trước ngày 05/7', a day of every year or of a year not said."""
    day, month, year = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (m.group("d2"), m.group("m2"), m.group("y2"))
    try:
        return dt.date(int(year), int(month), int(day)) if year else None
    except ValueError:
        return None


def _period(m: regex.Match[str]) -> tuple[dt.date, dt.date] | None:
    """First and last day of 'tháng 7/2021', 'quý III/2021', 'năm 2024'."""
    if m.group("month") or m.group("month2"):
        month, year = int(m.group("month") or m.group("month2")), int(m.group("my") or m.group("my2"))
        return (dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])) if 1 <= month <= 12 else None
    if m.group("q"):
        quarter, year = _QUARTERS[m.group("q").lower()], int(m.group("qy"))
        return dt.date(year, 3 * quarter - 2, 1), dt.date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])
    year = int(m.group("year"))
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
