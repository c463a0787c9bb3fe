"""Entities across the text: organisations, places, persons, dates and periods, quoted slogans.

Rules, not a statistical model: the organ words of the code tables start an organisation
('Ban Thường vụ Huyện ủy', 'UBND huyện', 'Sở Y tế'), an administrative unit word a place
('huyện Lục Ngạn', 'tỉnh Bắc Giang'), a title or 'đồng chí' a person, and the patterns of
dates and terms the periods. Organisations have their abbreviations spelled out from the
abbreviation table. Cited document numbers are the references' (DOC_REF). General NER
models (underthesea's among them) label Party bodies and document numbers as places, so
they are not used here.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import regex

from ..core import codes, patterns
from ..core.lines import clean
from ..core.model import Directive, Span
from ..core.normalize import skeleton
from .results import Entity

_CAP = r"(?:[\p{Lu}][\p{L}\d]*|\d+)"
# Lower-case words that continue an organ's name ('Đảng bộ tỉnh', 'Huyện ủy', 'Ban Chấp hành').
_LOWER_ORGAN_TAIL = r"(?:huyện|tỉnh|xã|thị trấn|thành phố|phường|quận|thị xã|trung ương|các cấp|nhà nước|bộ|ủy|uỷ|vụ|hành|nhân dân|tổ quốc|quân sự)"
_UNITS = r"(?:tỉnh|huyện|xã|thị trấn|thành phố|phường|quận|thị xã|Tỉnh|Huyện|Xã|Thị trấn|Thành phố|Phường|Quận|Thị xã)"
_PLACE = regex.compile(rf"(?<!\p{{L}}){_UNITS}\s+(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})")
_PERSON = regex.compile(
    r"(?<!\p{L})(?:đồng chí|Đồng chí|đ/c|Đ/c|ông|Ông|bà|Bà)\s+(?P<name>\p{Lu}\p{Ll}{0,7}(?:\s+\p{Lu}\p{Ll}{0,7}){1,4})(?!\p{L})"
)
_DATE = regex.compile(rf"(?<!\d)(?:{patterns.DATE_NUMERIC})(?!\d)|(?<!\d)(?:{patterns.DATE_WORDS})(?!\d)", regex.IGNORECASE)
_PERIOD = regex.compile(
    r"(?<!\p{L})(?:nhiệm kỳ|năm học|giai đoạn|niên khóa|thời kỳ)\s+(?:(?:19|20)\d\d\s{0,2}[-–]\s{0,2}(?:19|20)\d\d)"
    r"|(?<!\p{L})(?:khóa|khoá)\s+[IVXL]{1,6}(?![\p{L}])"
    r"|(?<!\p{L})(?:quý\s+(?:IV|III|II|I)|(?:6|9) tháng (?:đầu|cuối) năm)(?:\s{0,2}[/\-]\s{0,2}|\s+năm\s+)(?:19|20)\d\d",
    regex.IGNORECASE,
)
_SLOGAN = regex.compile(r"[“\"](?P<s>[^“”\"\n]{3,120})[”\"]")


@cache
def _organ_heads() -> regex.Pattern[str]:
    """Organ head words on the skeleton view ('BAN THUONG VU' finds 'Ban Thường vụ' and 'BAN THƯỜNG VỤ')."""
    heads = sorted({*codes.organ_head_words(), *_EXTRA_HEADS}, key=len, reverse=True)
    return regex.compile(rf"(?<![A-Z0-9])(?:{'|'.join(r'[ ]+'.join(regex.escape(w) for w in h.split()) for h in heads)})(?![A-Z0-9])")


# A capitalised syllable may bring the next one of its word ('Kinh tế', 'Thanh niên', 'Văn hóa').
_TAIL = regex.compile(rf"(?:[ \t]+(?:{_CAP}(?:[ ]\p{{Ll}}+(?=[ ,;.]|$))?|{_LOWER_ORGAN_TAIL})(?![\p{{L}}])){{0,6}}")

# Skeleton words of organs not in the header tables (they head organs named in running text).
_EXTRA_HEADS = (
    "BAN", "UY BAN", "SO", "BO", "PHONG", "CUC", "HOI", "DOAN", "CHI BO", "DANG UY", "UBND", "HDND", "MTTQ", "BCH", "BTV", "UBKT", "TRUONG",
    "BAN CHAP HANH", "BAN TUYEN GIAO", "BAN DAN VAN", "BAN TO CHUC", "BAN NOI CHINH", "BAN CHI DAO", "BAN QUAN LY", "UY BAN KIEM TRA",
    "UY BAN NHAN DAN", "HOI DONG NHAN DAN", "MAT TRAN TO QUOC", "BO CHINH TRI", "BAN BI THU",
)


def extract_entities(d: Directive) -> list[Entity]:
    """Every entity of the text, in order; where two overlap, the longer one."""
    text = d.text
    sk = skeleton(text)
    found: list[Entity] = []
    title = d.span("system")  # 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' holds organ words but names no organ
    for m in _organ_heads().finditer(sk):
        if not text[m.start()].isupper() or text[m.start() : m.end()] in ("Số", "SỐ"):
            continue  # 'các sở, ban, ngành', 'ban hành', 'Số 334': a common noun, a verb or the number, not a name
        if title is not None and title.start <= m.start() < title.end:
            continue
        tail = _TAIL.match(text, m.end())
        end = tail.end() if tail else m.end()
        value = clean(text[m.start() : end])
        if len(value.split()) >= 2 or value.isupper():
            found.append(Entity(value, Span(m.start(), end), "ORG", codes.expand_abbreviations(value)))
    for m in _PLACE.finditer(text):
        found.append(Entity(clean(m.group()), Span(m.start(), m.end()), "LOC", None))
    place = d.span("place")
    if d.place and place is not None:
        found.append(Entity(d.place, place, "LOC", None))
    for m in _PERSON.finditer(text):
        found.append(Entity(m.group("name"), Span(m.start("name"), m.end("name")), "PER", None))
    if d.signature is not None and d.signature.name and "name" in d.signature.spans:
        found.append(Entity(d.signature.name, d.signature.spans["name"], "PER", None))
    for m in _DATE.finditer(text):
        day, month, year = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (m.group("d2"), m.group("m2"), m.group("y2"))
        iso = _iso(int(year), int(month), int(day))
        if iso:
            found.append(Entity(clean(m.group()), Span(m.start(), m.end()), "DATE", iso))
    for m in _PERIOD.finditer(text):
        found.append(Entity(clean(m.group()), Span(m.start(), m.end()), "PERIOD", None))
    for m in _SLOGAN.finditer(text):
        if any(c.isalpha() for c in m.group("s")):
            found.append(Entity(clean(m.group("s")), Span(m.start("s"), m.end("s")), "SLOGAN", None))
    for ref in d.references:
        for mention in ref.mentions:
            found.append(Entity(mention.text, mention.span, "DOC_REF", ref.doc_id))
    return _without_overlaps(found)


def _without_overlaps(found: list[Entity]) -> list[Entity]:
    rank = {"DOC_REF": 0, "DATE": 1, "PERIOD": 2, "PER": 3, "SLOGAN": 4, "ORG": 5, "LOC": 6}
    kept: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for e in sorted(found, key=lambda e: (rank[e.label], -(e.span.end - e.span.start), e.span.start)):
        if e.span.end <= e.span.start or any(e.span.start < b and a < e.span.end for a, b in taken):
            continue
        kept.append(e)
        taken.append((e.span.start, e.span.end))
    return sorted(kept, key=lambda e: e.span.start)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
