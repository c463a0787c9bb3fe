"""The regular expressions of the parser, in one place.

Patterns named ``*_SK`` run on the skeleton view (upper case, no diacritics,
``Đ`` → ``D``), the others on the folded view; both have the length of the
text, so match offsets are spans. Every pattern is bounded: no nested
unbounded repetition, so matching stays linear on adversarial input.
"""

from __future__ import annotations

import re

import regex

from . import codes


def groups_of(pattern: regex.Pattern[str], *names: str) -> tuple[int, ...]:
    """The numbers of named groups. The extractors read groups by number: a name costs the regex
    module a raised and cleared error on every access."""
    return tuple(pattern.groupindex[name] for name in names)

# Header titles (skeleton view). OCR drops or changes marks: the skeleton absorbs it.
PARTY_TITLE_SK = regex.compile(r"D\s?A\s?N\s?G\s{1,3}C\s?O\s?N\s?G\s{1,3}S\s?A\s?N\s{1,3}V\s?I\s?E\s?T\s{1,3}N\s?A\s?M")
STATE_TITLE_SK = regex.compile(r"C\s?O\s?N\s?G\s{1,3}H\s?O\s?A\s{1,3}X\s?A\s{1,3}H\s?O\s?I\s{1,3}C\s?H\s?U\s{1,3}N\s?G\s?H\s?I\s?A")
MOTTO_SK = regex.compile(r"D\s?O\s?C\s{1,3}L\s?A\s?P\s{0,3}[-,.]?\s{0,3}T\s?U\s{1,3}D\s?O\s{0,3}[-,.]?\s{0,3}H\s?A\s?N\s?H\s{1,3}P\s?H\s?U\s?C")
ANY_TITLE_SK = regex.compile(f"{PARTY_TITLE_SK.pattern}|{STATE_TITLE_SK.pattern}|{MOTTO_SK.pattern}")  # one search rules all three out

# 'Số: 12/...', 'Số: ..../...', 'Số:' alone; a draft's blank may be wide before the symbol ('Số:             /UBND-NC').
# A handwritten number OCR garbled ('Số: $+/UBND-KTTH') keeps the line a number line: a few marks, one at least no letter,
# before the symbol.
NUMBER_LINE_SK = regex.compile(
    r"^(?:SO|S0|S6)\s{0,3}[:.]?(?:\s{0,12}(?=\d|[._…]{2}|/|$)|\s{13,40}(?=[/-]\s{0,2}\p{Lu})"
    r"|\s{0,3}(?=[A-Z]{0,3}[^\sA-Z/\-][^\s/\-]{0,3}\s{0,3}[/-]\s{0,2}[A-Z]))"
)
# The day and the month may be digits, left blank (dots or spaces: a draft), or what OCR made of a handwritten
# number ('|2', '0Ÿ', '{4Đ'): up to four other characters, which keep the line a place-and-date line
# (its place is printed) but give no date.
PLACE_DATE_SK = regex.compile(
    r"^(?P<place>[^,\n|/]{2,45}?)\s{0,3}(?:,\s{0,3}|\s)NGAY\s{0,3}(?P<d>\d{1,2}|[._… ]{0,12}|\S{1,4})\s{0,3}THANG\s{0,3}"
    r"(?P<m>\d{1,2}|[._… ]{0,12}|\S{1,4})\s{0,3}NA(?:M|RN)\s{0,3}(?P<y>\d{4})\s{0,3}[.*_]{0,3}\s{0,3}$"
)
# The same line cut before its year by a narrow column ('Cao Bằng, ngày 28 tháng 11 năm').
PLACE_DATE_CUT_SK = regex.compile(
    r"^[^,\n|/]{2,45}?\s{0,3},\s{0,3}NGAY\s{0,3}(?:\d{1,2}|[._… ]{0,12})(?:\s{0,3}THANG(?:\s{0,3}(?:\d{1,2}|[._… ]{0,12}))?(?:\s{0,3}NAM)?)?\s{0,3}$"
)
# Two header or closing columns run together on one line by a conversion that
# lost the layout ('TỈNH ỦY X ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 34-NQ/TU Lào Cai, ngày
# ...', 'Nơi nhận: T/M TỈNH ỦY', '- Ban Bí thư (b/c), BÍ THƯ'): cut before the
# right-column part.
MERGED_TITLE_SK = regex.compile(
    r"(?<=\S)[ ]+(?=D[ ]?A[ ]?N[ ]?G[ ]{1,3}C[ ]?O[ ]?N[ ]?G[ ]{1,3}S[ ]?A[ ]?N[ ]{1,3}V"
    r"|C[ ]?O[ ]?N[ ]?G[ ]{1,3}H[ ]?O[ ]?A[ ]{1,3}X[ ]?A[ ]{1,3}H[ ]?O[ ]?I|DOC[ ]{1,3}LAP[ ]{0,3}-)"
)
MERGED_DATE = regex.compile(
    r"(?<=\S)[ ]+(?=\p{Lu}\p{Ll}+(?:[ ](?:\p{Lu}\p{Ll}+|\p{Ll}+|-)){0,5}[ ]?,[ ]{0,2}(?:ngày|ngay|NGÀY)[ ]+(?:\d{1,2}|[._…]{2}))"
)
MERGED_MARK_SK = regex.compile(r"(?<=\S)[ ]+(?=(?:T/M|K/T|T/L|T/U|TM\.|KT\.|TL\.|TUQ\.)[ ]?[A-Z]{2})")


def mark_cue(sk: str) -> bool:
    """Whether a skeleton holds what every mark of MERGED_MARK_SK holds (a fast test before the pattern)."""
    return "T/" in sk or "/T" in sk or "M." in sk or "T." in sk or "L." in sk or "Q." in sk


# A numbered item run into the line before: 'yêu cầu: 1. Chủ tịch', 'chặt chẽ.2. UBND các huyện'.
GLUED_FIRST_ITEM = regex.compile(r"(?<=:)[ ]+(?=(?:1|I)[.)][ ]+\p{Lu})|(?<=\p{L}[.;])[ ]?(?=(?:[1-9]|1\d)\.[ ]+\p{Lu}\p{L})")
# What GLUED_FIRST_ITEM needs, tested fast: a list number after '.', ';' or ':'. One pattern per mark:
# a literal first character lets the scan skip ahead, where a character class tests every character.
_GLUED_QUICK = tuple(re.compile(re.escape(mark) + r" ?(?:[1-9]|1\d|I)[.)] ") for mark in ".;:")


def glued_quick(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] may hold a numbered item run into the sentence before (see GLUED_FIRST_ITEM)."""
    stop = len(text) if end is None else end
    return any(pattern.search(text, start, stop) for pattern in _GLUED_QUICK)


TRAILING_NAME = regex.compile(r"(?<=;)[ ]+(?=(?:\p{Lu}\p{Ll}{0,7}[ ]){1,4}\p{Lu}\p{Ll}{0,7}$)")
TRAILING_CAPS = regex.compile(r"(?<=[,;.)])[ ]+(?=(?:\p{Lu}+[ ]?){2,6}$)")

# The prefix of a subject, after a speck OCR may read before it ('. Về việc'); OCR reads 'V/v' 'V/w' and 'ƒ/v' too.
SUBJECT_PREFIX_SK = regex.compile(r"^(?:[.,;:·•|_~-][ ]{0,2})?(?:[VƑ]\s?/\s?[VW]|VE\s+VIEC)\s{0,3}[:.]?\s{0,3}")
# 'Kính gửi:', 'Kính trình:', and the address line of a công điện ('THỦ TƯỚNG CHÍNH PHỦ điện:').
RECIPIENTS_LABEL_SK = regex.compile(r"^(?:KINH\s{1,3}(?:GUI|TRINH)\s{0,3}:?|GUI\s{0,3}:|[A-Z][A-Z ]{2,80}\sDIEN\s{0,3}:)\s{0,3}")
# The label alone on its line with its first word lost (OCR, under a received stamp): 'gửi:'.
LONE_RECIPIENTS_LABEL_SK = regex.compile(r"^GUI\s{0,3}:\s*$")
DISTRIBUTION_LABEL_SK = regex.compile(r"^NOI\s{1,3}NHAN\s{0,3}:?\s{0,3}")
def line_bullet(text: str) -> bool:
    """Whether a line opens with a list bullet ('- ', '+ ', '• ')."""
    return text[:1] in _BULLET_CHARS and LINE_BULLET.match(text) is not None


def body_opener(sk: str) -> bool:
    """Whether a skeleton opens like body prose ('CAN CU', 'THUC HIEN', 'NGAY 5', ...)."""
    return sk[:1] in _OPENER_FIRST and BODY_OPENER_SK.match(sk) is not None


_BULLET_CHARS = frozenset("-–•+~")
_OPENER_FIRST = frozenset("-+CTXNDSHV")
BODY_OPENER_SK = regex.compile(
    r"^(?:[-+]\s{0,3})?(?:CAN\s+CU|THUC\s+HIEN|THEO\s+DE\s+NGHI|XET\s+DE\s+NGHI|NGAY\s+\d|TRONG\s+|NHAM\s+|DE\s+|SAU\s+KHI|HOI\s+NGHI\s+LAN|TIEP\s+THEO|VUA\s+QUA)"
)

# Authority marks at the start of a signature line (skeleton view); 'T/M.' with the state's dot too; OCR's '1L.' / '1M.'
# (a T read as 1) with their dot.
AUTHORITY_SK = regex.compile(
    r"(?<![A-Z\d])(?P<mark>(?:T\s?/\s?M|K\s?/\s?T|T\s?/\s?L|T\s?/\s?U)\.?|TUQ\.?|TM\.|KT\.|TL\.|1[LM]\.|T\.M\.?|K\.T\.?|T\.L\.?|Q\."
    r"|TM(?=\s)|KT(?=\s)|TL(?=\s))\s{0,3}(?=[A-Z])"
)
# '(đã ký)', '(Đã ký và đóng dấu)', '[chữ ký]': web copies put these where the signature was.
SIGNED_NOTE = regex.compile(
    r"\(\s{0,3}(?:đã\s+)?ký[^()\n]{0,25}\)|(?<!\p{L})đã\s+ký(?:\s+(?:và\s+)?đóng\s+dấu)?(?!\p{L})|\[(?:chữ\s+ký|dấu)[^\]\n]{0,30}\]",
    regex.IGNORECASE,
)

# Numbering at the start of a body line (folded view).
PART = regex.compile(r"^(?:PHẦN|Phần)\s+(?P<n>THỨ\s+[\p{L}]+|thứ\s+[\p{L}]+|[IVXLC]{1,6}|\d{1,2})\b\s*[.:\-]?\s*")
# 'Chương I' and a law's 'Mục 1' (a section of a chapter): numbered as printed; marker_of takes them only alone on
# their line or before a title in capitals, never in a sentence ('Chương II của Luật ...'). Their separator is
# not kept: one chapter may print 'Chương I.' and the next 'Chương II -'.
CHAPTER = regex.compile(r"^(?:Chương|CHƯƠNG)\s{1,3}(?P<n>[IVXLC]{1,6}|\d{1,2})(?![\p{L}\d])\s{0,2}[.:\-–]?\s*")
DIVISION = regex.compile(r"^(?:Mục|MỤC)\s{1,3}(?P<n>\d{1,2})(?![\p{L}\d])\s{0,2}[.:\-–]?\s*")
SECTION = regex.compile(r"^(?P<n>[A-H])\s{0,2}(?P<sep>[.)\-])\s{1,4}(?=\S)")
# Roman numerals; OCR reads "II" as "Il" or "lI": accepted when mixed with real ones.
ROMAN = regex.compile(r"^(?P<n>[IVX][IVXl]{0,5}|l[IVX][IVXl]{0,4})\s{0,2}(?P<sep>[.)\-])\s{0,4}(?=\S)")
ARTICLE = regex.compile(r"^(?:Điều|ĐIỀU)\s{1,3}(?P<n>\d{1,3})\s{0,2}(?P<sep>[.:]?)\s*")
DECIMAL = regex.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})(?P<sep>\.?)\s{1,4}(?=\S)")
ARABIC = regex.compile(r"^(?P<n>\d{1,2})\s{0,2}(?P<sep>[.)\-])\s{1,4}(?=\S)")
LETTER = regex.compile(r"^(?P<n>[a-zđ])\s{0,2}(?P<sep>[).])\s{1,4}(?=\S)")
BULLET = regex.compile(r"^(?P<n>[-+•·*])\s{1,4}(?=\S)")
# Every marker: group 1 the number, group 2 (when there is one) the separator (read by number: see groups_of).
MARKER_NUMBER, MARKER_SEP = 1, 2
for _marker in (PART, CHAPTER, DIVISION, SECTION, ROMAN, ARTICLE, DECIMAL, ARABIC, LETTER, BULLET):
    if _marker.groupindex.get("n") != MARKER_NUMBER or _marker.groupindex.get("sep", MARKER_SEP) != MARKER_SEP:
        raise ImportError(f"numbering marker {_marker.pattern!r}: groups out of order")


def marker_parts(m: regex.Match[str]) -> tuple[str, str]:
    """(number, separator) of a match of a numbering marker; the separator is '' when it has none."""
    groups = m.groups()
    return groups[MARKER_NUMBER - 1], (groups[MARKER_SEP - 1] or "") if len(groups) >= MARKER_SEP else ""

# Where a list item starts inside a run-together line: at the start, or after ; , . :
# A bullet opening an item: after ; , . : inside a line, with a space after it; at a line's start also glued to a
# capitalised word ('-Các sở', '~Tỉnh ủy': OCR drops the space, and reads a dash as '~').
INLINE_BULLET = regex.compile(r"^(?:[-–•+~]\s{0,3}(?=\p{Lu}))|(?:^|(?<=[;,.:])\s{1,4})(?:[-–•+]\s{1,3}(?=\S)|~\s{1,3}(?=\p{Lu}))")
LINE_BULLET = regex.compile(r"^(?:[-–•+]\s{0,3}(?=\S)|~\s{1,3}(?=\p{Lu}))")  # '~ Văn phòng': a dash as a scan reads it

# Dates in running text (folded view, case-insensitive).
DATE_NUMERIC = r"(?P<d>\d{1,2})\s{0,2}[/.\-]\s{0,2}(?P<m>\d{1,2})\s{0,2}[/.\-]\s{0,2}(?P<y>\d{4})"
DATE_WORDS = r"(?P<d2>\d{1,2})\s{1,40}tháng\s{1,40}(?P<m2>\d{1,2})\s{1,40}năm\s{1,40}(?P<y2>\d{4})"
DATE_IN_PARENS = r"\(\s{0,2}(?P<d3>\d{1,2})\s{0,2}[/.\-]\s{0,2}(?P<m3>\d{1,2})\s{0,2}[/.\-]\s{0,2}(?P<y3>\d{4})\s{0,2}\)"
DATE_AFTER = regex.compile(
    rf"^\s{{0,40}}[,(]?\s{{0,40}}(?:(?:được\s+)?ban\s+hành\s+|ký\s+)?(?:(?:ngày|ngay)\s{{0,40}}(?:{DATE_NUMERIC}|{DATE_WORDS})|{DATE_IN_PARENS})",
    regex.IGNORECASE,
)
YEAR_AFTER = regex.compile(r"^\s{0,3},?\s{0,3}(?:năm|nam)\s{1,3}(?P<y>\d{4})(?!\d)", regex.IGNORECASE)
# A date that opens a clause: at the start, or after a clause mark or a line end and its indentation (pdftotext -layout).
DATE_BEFORE = regex.compile(rf"(?:^|[.;:,]\s{{0,3}}|\n\s{{0,40}})(?:Ngày|NGÀY)\s{{1,40}}(?:{DATE_NUMERIC}|{DATE_WORDS})\s{{0,3}},?", regex.IGNORECASE)
ISSUER_AFTER = regex.compile(
    r"^\s{0,3},?\s{0,3}(?:của|do)\s{1,3}(?P<issuer>[^,;.()\n:]{2,120}?(?:\n[^,;.()\n:]{1,80}?)?)"
    r"(?=\s+(?:về|v/v|quy\s+định|hướng\s+dẫn|sửa\s+đổi|ban\s+hành|đã|nêu|tại|và\s+(?:các|Kế|Nghị|Chỉ|Quyết|Kết|Công|Thông)|thì|để|theo|với|trong|đến|giao|nhằm|thực\s+hiện|phê\s+duyệt|hợp\s+nhất|triển\s+khai|xác\s+thực|gửi|kèm|\(|khóa\s+[IVXL]+\s+về)\b|\s*[,;.:()\n]|\s*$)",
    regex.IGNORECASE,
)


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


# The type word before a cited number: 'Kết luận số', 'Quyết định của Bộ Chính trị số', and for
# laws the name between ('Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số').
TYPE_WORD_BEFORE = regex.compile(
    rf"(?<!\p{{L}})(?P<word>{_alternation(list(codes.type_words()))})"
    r"(?:\s{1,3}(?:của|do)\s{1,3}(?P<issuer>[^,;.()\n/]{2,70}?)|(?<=(?i:luật|pháp lệnh))\s{1,3}\p{Lu}[^;.()\n]{2,90}?\s(?=số))?"
    r"\s{0,3}(?:số|so)?\s{0,3}:?\s{0,3}$",
    regex.IGNORECASE | regex.REVERSE,  # matched from the end of the window: the id is there
)
