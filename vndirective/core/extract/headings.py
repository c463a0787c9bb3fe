"""Which numbered items are headings: the one rule, :func:`heading_of`, that gives :attr:`Task.title
<vndirective.core.model.Task.title>` ('I. QUAN ĐIỂM, MỤC TIÊU', '2. Giao Sở Xây dựng:', 'Điều 3. Hiệu lực thi hành').

The tasks extractor (:mod:`.tasks`) finds the items and their paragraphs; this module only judges an item's
first paragraph, with the thresholds named here.
"""

from __future__ import annotations

import regex

from .. import codes
from ..rules import ends_terminal, is_caps
from ..zones import marker_of

CAPS_HEADING_CHARS = 200  # a heading in capitals is never longer
HEADING_CHARS = 120  # nor one in small letters ('Hiệu lực thi hành', 'Mục tiêu cụ thể'): a longer line is a sentence
LABEL_HEADING_CHARS = 70  # nor one ending with ':' that names a body or a topic ('Giao Sở Xây dựng:', 'Mức chi:')
GLUED_HEADING_WORDS = 2  # words in capitals glued to the sentence after them that still make a heading ('TÌNH HÌNH Thực hiện')
HEADING_KINDS = frozenset({"part", "chapter", "section", "roman"})  # levels that are headings whenever they open with capitals
# A heading holds no sentence inside it: no ';', no '. ' or ': ' before more words, no quotation.
_SENTENCE_INSIDE = regex.compile(r";|[.:!?]\s+\S|[“”\"]")
# A line ending with ':' that leads into what follows rather than naming it: a subject and its verb ('Ban Thường vụ
# yêu cầu:'), '... như sau:', '... gồm 03 đồng chí:'. The word alone, or after a comma, names a topic ('Yêu cầu:').
_LEAD_IN = regex.compile(
    r"(?<=[\p{L}\d]\s+)(?:sau|sau đây|dưới đây|gồm|bao gồm|trong đó|cụ thể|yêu cầu|đề nghị|quy định|kết luận|quyết nghị|thông báo|đồng chí|giao)\s*:$",
    regex.IGNORECASE,
)
# A line that runs on below: it stops on 'giao' (assigns) after its subject, its colon lost ('Hội đồng nhân dân
# tỉnh giao' / '1. ...'), or on a cited document's type before its name or number ('... theo quy định của Luật' / 'Bảo vệ ...').
_RUNS_ON = regex.compile(
    r"(?<=\p{L}\s+)(?<!được\s+)giao$"
    r"|(?<!\p{L})(?:của|theo|tại)\s+(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư|Kết luận|Quy định|Kế hoạch|Công văn|Hướng dẫn)$"
)


def heading_of(first: str, kind: str, *, followed: bool, fills_line: bool = False) -> str | None:
    """The heading line of a numbered item, or None when the item opens with a sentence.

    ``first`` is the item's first paragraph (without its number), ``followed`` whether more text or sub-items
    follow it, ``fills_line`` whether its line reaches the width the text wraps at (so that it may run on below,
    its next line taken for a new paragraph because it starts with a capital). A heading is

    - a line in capitals ('QUAN ĐIỂM, MỤC TIÊU'); at the Phần, Chương, A./B. and Roman levels also the capitals at the
      start of a paragraph whose line breaks were lost ('TÌNH HÌNH Thực hiện ...' → 'TÌNH HÌNH');
    - a short line ending with ':' that names a body or a topic ('Giao Sở Xây dựng:', 'Bộ Kế hoạch và Đầu tư:'),
      not one that leads into a list ('... như sau:');
    - a line without sentence punctuation, followed by text or sub-items ('Điều 3. Hiệu lực thi hành',
      '1. Mục tiêu'), that does not stop on a word that needs more ('... chỉ đạo về').

    The heading is kept as printed (whitespace collapsed, markup removed); bullets are never headings.
    """
    if kind == "bullet" or not first:
        return None
    if is_caps(first):
        return first if len(first) <= CAPS_HEADING_CHARS else None
    if kind in HEADING_KINDS:
        glued = _glued_caps(first)
        if glued is not None:
            return glued
    if not followed or _SENTENCE_INSIDE.search(first) or first.count("(") != first.count(")"):
        return None
    line = first.rstrip(" *_")
    if line.endswith(":"):  # complete however long its line: the colon ends it
        return first if len(first) <= LABEL_HEADING_CHARS and not _LEAD_IN.search(line) else None
    if fills_line or ends_terminal(line) or line.endswith((",", "-", "–")) or len(first) > HEADING_CHARS or ends_mid_phrase(line) or _RUNS_ON.search(line):
        return None
    return first


def _glued_caps(text: str) -> str | None:
    """The words in capitals that open ``text`` when a sentence follows them on the same line ('TÌNH HÌNH Thực
    hiện ...', 'NHIỆM VỤ, GIẢI PHÁP 1. Nâng cao ...'): a heading whose line break was lost."""
    words = text.split(" ")
    n = 0
    while n < len(words) and any(c.isalpha() for c in words[n]) and not any(c.islower() for c in words[n]):
        n += 1
    if n < GLUED_HEADING_WORDS or n == len(words):
        return None
    following = words[n]
    if not (following[:1].isupper() or marker_of(" ".join(words[n:])) is not None):
        return None  # 'UBND TỈNH giao ...': a sentence that opens with capitals
    return " ".join(words[:n]).rstrip(" ,;:-")


def ends_mid_phrase(text: str) -> bool:
    """Whether a line stops on a word that needs more after it ('... chỉ đạo về')."""
    words = text.rsplit(None, 1)
    return len(words) == 2 and words[1].lower() in codes.continuation_words()
