"""Assignments: who must do what, by when, in the tasks, the preamble and the closing.

Each sentence of a task (its own text, before its sub-items), of the opening and of the
closing paragraphs is read for:

- the lead: the body after 'Giao', 'Đề nghị', 'Yêu cầu'... at the start of a clause, or the
  body the sentence starts with ('Công an huyện chủ trì, ...', 'Các chi, đảng bộ trực thuộc
  tổ chức ...'); it ends where the action's verb begins;
- the coordinators: the bodies after 'phối hợp (với)';
- the deadline: a date ('trước ngày 30/6/2021'), a period ('trong tháng 7/2021', 'quý
  III/2021', with its last day), a rhythm ('hằng tháng', 'định kỳ'), 'thường xuyên', or
  urgency ('trong thời gian sớm nhất').

A sentence naming neither a body nor a deadline assigns nothing. The word lists are data:
``data/assignments.json``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from functools import cache

import regex

from ..core import codes, patterns
from ..core.lines import clean
from ..core.model import Directive, Span, task_paths
from ..core.normalize import fold
from .results import Actor, Assignment, Deadline, DeadlineKind

_SENTENCE_END = regex.compile(r"(?<=[.;!?])\s+(?=\S)|\n(?=\s*[-+•]\s)")
_MARKER = regex.compile(r"^\s*(?:(?:Phần|PHẦN)\s+\S+|(?:Điều|ĐIỀU)\s+\d{1,3}|[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s{0,2}[.):\-]?\s+|^\s*[-+•]\s+")
_DATE = f"{patterns.DATE_NUMERIC}|{patterns.DATE_WORDS}"
_BY_DATE = regex.compile(rf"(?:trước|chậm nhất|hạn chót|đến hết|đến|trong)\s+(?:(?:là|vào)\s+)?ngày\s+(?:{_DATE})", regex.IGNORECASE)
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_IN_PERIOD = regex.compile(
    r"(?:trước|trong|chậm nhất|đến hết|vào|cuối)\s+"
    r"(?:tháng\s+(?P<month>\d{1,2})\s{0,2}[/\-]\s{0,2}(?P<my>\d{4})|tháng\s+(?P<month2>\d{1,2})\s+năm\s+(?P<my2>\d{4})"
    r"|quý\s+(?P<q>IV|III|II|I|[1-4])\s{0,2}(?:[/\-]\s{0,2}|\s+năm\s+)(?P<qy>\d{4})|năm\s+(?P<year>\d{4}))",
    regex.IGNORECASE,
)


_UNITS = r"(?:ngày|tuần|tháng|quý|năm)"
_NOT_AFTER_NOUN = r"(?<!(?:chi|hoạt động|nhiệm vụ|kinh phí|khoản|chi phí)\s)"


@cache
def _words() -> dict[str, tuple[str, ...]]:
    data = codes.load("assignments")
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in data.items() if isinstance(v, list)}


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in words)


def _loose_hyphens(pattern: str) -> str:
    """'chính trị - xã hội' also as 'chính trị- xã hội' or 'chính trị -xã hội'."""
    return pattern.replace(r"\s+\-\s+", r"\s*-\s*")


@cache
def _patterns() -> dict[str, regex.Pattern[str]]:
    w = _words()
    return {
        "lead": regex.compile(rf"(?<!\p{{L}})(?<!(?:bàn|chuyển|được|đã)\s)(?:{_alternation(w['lead_verbs'])})\s+(?=\S)", regex.IGNORECASE),
        "chair": regex.compile(rf"(?<!\p{{L}})(?:{_alternation(w['chair_words'])})(?!\p{{L}})", regex.IGNORECASE),
        "coordinate": regex.compile(rf"(?<!\p{{L}})(?:{_alternation(w['coordination_words'])})\s+(?=\S)", regex.IGNORECASE),
        "verb": regex.compile(rf"(?<!\p{{L}})(?:{_alternation(w['action_verbs'])})(?!\p{{L}})", regex.IGNORECASE),
        "head": regex.compile(rf"(?:{_alternation(w['body_heads'])})(?!\p{{L}})", regex.IGNORECASE),
        "compound": regex.compile(rf"(?<!\p{{L}})(?:{_loose_hyphens(_alternation(w['compound_names']))})(?!\p{{L}})", regex.IGNORECASE),
        "recurring": regex.compile(rf"(?<!\p{{L}})(?:{_alternation(w['deadline_recurring'])})(?:\s+(?:\d+\s+)?{_UNITS})?(?!\p{{L}})", regex.IGNORECASE),
        # 'chi thường xuyên' (recurrent spending), 'hoạt động thường xuyên' name a kind of thing, not a rhythm.
        "ongoing": regex.compile(rf"{_NOT_AFTER_NOUN}(?<!\p{{L}})(?:{_alternation(w['deadline_ongoing'])})(?!\p{{L}})", regex.IGNORECASE),
        "asap": regex.compile(rf"(?<!\p{{L}})(?:{_alternation(w['deadline_asap'])})(?!\p{{L}})", regex.IGNORECASE),
    }


def extract_assignments(d: Directive) -> list[Assignment]:
    """Every assigning sentence of the preamble, the tasks and the closing, in text order."""
    out: list[Assignment] = []
    for name, start, end in _units(d):
        for s, e in _sentences(d.text, start, end):
            found = _assignment(d.text, name, s, e)
            if found is not None:
                out.append(found)
    return out


def _units(d: Directive) -> Iterator[tuple[str, int, int]]:
    """(task path, start, end) of the text each task says itself, before its sub-items."""
    if d.preamble is not None:
        yield "preamble", d.preamble.span.start, d.preamble.span.end

    for path, t in task_paths(d.tasks):
        yield path, t.span.start, (t.children[0].span.start if t.children else t.span.end)
    if d.closing is not None:
        yield "closing", d.closing.span.start, d.closing.span.end


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    if pos < end:
        yield pos, end


def _assignment(text: str, task: str, start: int, end: int) -> Assignment | None:
    folded = fold(text[start:end])
    marker = _MARKER.match(folded)
    body_from = marker.end() if marker else 0
    p = _patterns()
    lead: list[Actor] = []
    after = body_from
    m = next((m for m in p["lead"].finditer(folded, body_from) if _names_a_body(folded, m.end())), None)
    if m is not None:
        lead_end = _body_end(folded, m.end())
        lead = _actors(text, start, folded, m.end(), lead_end)
        after = lead_end
    elif task not in ("preamble", "closing") and _names_a_body(folded, body_from):  # narrative sentences open and close a text
        lead_end = _body_end(folded, body_from)
        if body_from < lead_end < len(folded.rstrip(" .;")) and folded[lead_end : lead_end + 1] != ":":  # a body, then its verb
            lead = _actors(text, start, folded, body_from, lead_end)
            after = lead_end
    coordinators: list[Actor] = []
    c = p["coordinate"].search(folded, after)
    if c is not None and lead:
        c_end = _body_end(folded, c.end())
        coordinators = _actors(text, start, folded, c.end(), c_end)
    deadline = _deadline(text, start, folded)
    if not lead and (deadline is None or task == "preamble"):
        return None  # the opening paragraph tells what happened; only a named body there is an assignment
    action = clean(text[start + after : end]).lstrip(" ,:").rstrip(" ;.")
    return Assignment(task, lead, coordinators, action, deadline, Span(start + body_from, end))


def _names_a_body(folded: str, pos: int) -> bool:
    """Whether a body's name starts at ``pos``: a body word ('Ban', 'Công an', 'các'), capitalised unless it is 'các'."""
    m = _patterns()["head"].match(folded, pos)
    return m is not None and (folded[pos].isupper() or folded[pos : pos + 3].lower() == "các")


def _body_end(folded: str, pos: int) -> int:
    """Where a body named at ``pos`` ends: before the action's verb, 'chủ trì', 'phối hợp' or a clause break."""
    p = _patterns()
    names = [m.span() for m in p["compound"].finditer(folded, pos)]
    stop = len(folded)
    for key in ("verb", "chair", "coordinate", "recurring", "ongoing", "asap"):
        for m in p[key].finditer(folded, pos, stop):
            inside = any(a <= m.start() < b for a, b in names)  # 'Ủy ban MTTQ và các tổ chức chính trị - xã hội'
            if not inside and not folded[m.start()].isupper():  # 'Ban Chỉ đạo', 'Ủy ban Kiểm tra': a verb in a name is capitalised
                stop = m.start()
                break
    brk = regex.search(r"[.;:(]|,\s+(?=(?:để|nhằm|theo|trong|khi|nếu)\b)", folded[pos:stop])
    if brk is not None:
        stop = pos + brk.start()
    while stop > pos and folded[stop - 1] in " ,\n\t":
        stop -= 1
    return stop


def _actors(text: str, base: int, folded: str, start: int, end: int) -> list[Actor]:
    """The bodies of a list ('Văn phòng Huyện ủy, Công an huyện và các xã'): split where the next one starts
    with a capitalised body word or 'các'; a name holding 'và' ('Phòng Kinh tế và Hạ tầng') stays whole."""
    head = _patterns()["head"]
    whole = [m.span() for m in _patterns()["compound"].finditer(folded, start, end)]  # 'Văn phòng HĐND và UBND' is one office
    cuts = [start]
    for m in regex.finditer(r",\s*(?:nhất là\s+)?|\s+và\s+", folded[start:end]):
        nxt = start + m.end()
        if any(a < start + m.start() < b for a, b in whole):
            continue
        if head.match(folded, nxt) is not None:
            cuts.append(-(start + m.start()))
            cuts.append(nxt)
    cuts.append(-end)
    out = []
    for i in range(0, len(cuts), 2):
        s, e = cuts[i], -cuts[i + 1]
        value = clean(text[base + s : base + e]).strip(" ,;:-")
        if value and len(value) > 1:
            out.append(Actor(value, Span(base + s, base + e), codes.expand_abbreviations(value)))
    return out


def _deadline(text: str, base: int, folded: str) -> Deadline | None:
    p = _patterns()
    found: list[tuple[int, int, DeadlineKind, dt.date | None]] = []
    m = _BY_DATE.search(folded)
    if m is not None:
        day, month, year = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (m.group("d2"), m.group("m2"), m.group("y2"))
        found.append((m.start(), m.end(), "by_date", _date(int(year), int(month), int(day))))
    m = _IN_PERIOD.search(folded)
    if m is not None:
        found.append((m.start(), m.end(), "in_period", _period_end(m)))
    for kind in ("recurring", "ongoing", "asap"):
        m = p[kind].search(folded)
        if m is not None:
            found.append((m.start(), m.end(), kind, None))
    if not found:
        return None
    s, e, kind, date = min(found, key=lambda f: (f[0], -f[1]))
    return Deadline(clean(text[base + s : base + e]), Span(base + s, base + e), kind, date)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _period_end(m: regex.Match[str]) -> dt.date | None:
    """The last day of 'tháng 7/2021', 'quý III/2021', 'năm 2024'."""
    if m.group("month") or m.group("month2"):
        month, year = int(m.group("month") or m.group("month2")), int(m.group("my") or m.group("my2"))
        if 1 <= month <= 12:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return None
    if m.group("q"):
        quarter, year = _QUARTERS[m.group("q").lower()], int(m.group("qy"))
        month = 3 * quarter
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    if m.group("year"):
        return dt.date(int(m.group("year")), 12, 31)
    return None
