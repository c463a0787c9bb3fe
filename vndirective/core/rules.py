"""Named thresholds and the predicates every stage shares: capitals, prose, a wrapped list item, the file-copy line.

A threshold used by more than one rule, or whose meaning a bare number would hide, is
named here once; the line model, the zones and the extractors import it.
"""

from __future__ import annotations

import regex

from .patterns import SIGNED_NOTE

# --- lengths of a segment's text, in characters
PROSE_CHARS = 150  # longer, and not in capitals: body prose, not a header line or a list item
LONG_PROSE_CHARS = 160  # longer: prose even where a subject or a heading may run long
SHORT_LINE_CHARS = 70  # shorter and closed by punctuation: may be the tail of a wrapped item
HEADER_LINE_CHARS = 110  # a title, a place-and-date line or a mark is never longer
TITLE_LINE_CHARS = 60  # the Party title or the motto alone on its segment is shorter
PLACE_DATE_CHARS = 90  # a place-and-date line is shorter
COMMA_WRAP_CHARS = 90  # shorter, after a line ending with ',': a list inside an item, wrapped
SENTENCE_CHARS = 60  # longer and capitalised, under a subject: a new sentence
GLUED_ITEM_CHARS = 60  # shorter: too short to hold a numbered item glued to the sentence before

# --- counts of segments
BLOCK_SEGMENTS = 45  # a header (or closing) block never runs longer; the segments at each end where one can sit

_BULLETS = " -–•+"


def is_caps(text: str) -> bool:
    """Whether a text is written in capitals (ignoring non-letters; the first 200 characters tell)."""
    head = text[:200]
    if len(head) > 48 and sum(map(str.islower, head[:48])) * 20 > 3 * len(head):
        return False  # prose: its first words hold enough small letters
    lower = sum(map(str.islower, head))
    if lower * 20 > 3 * len(head):  # more than 15 % of all characters: not capitals, without counting letters
        return False
    letters = sum(map(str.isalpha, head))
    upper = sum(map(str.isupper, head))
    return letters >= 2 and upper >= 0.85 * letters


def starts_lower(text: str) -> bool:
    """Whether the first letter comes before any digit and is a small letter."""
    for c in text:
        if c.isalpha():
            return c.islower()
        if c.isdigit():
            return False
    return False


def ends_terminal(text: str) -> bool:
    """Whether a text ends with . : ; ! or ? (bold/italic marks ignored)."""
    t = text.rstrip(" *_")
    return bool(t) and t[-1] in ".:;!?"


def is_prose(text: str) -> bool:
    """A long line not in capitals: body prose."""
    return len(text) > PROSE_CHARS and not is_caps(text)


def continues_item(prev_text: str, text: str, *, short_tail_ends: bool = True) -> bool:
    """Whether a line without a bullet continues the list item above it.

    The item above has no final punctuation and the line reads as its continuation: it
    starts in lower case, or it is short (and, unless ``short_tail_ends`` is False, closed
    by punctuation: the last words of the item).
    """
    if ends_terminal(prev_text):
        return False
    if starts_lower(text):
        return True
    return len(text) < SHORT_LINE_CHARS and (not short_tail_ends or ends_terminal(text))


def is_file_copy(text: str) -> bool:
    """The 'Lưu' line of a Nơi nhận list ('- Lưu: VT, VP.'), which closes the list; bullets ignored."""
    return text.lstrip(_BULLETS).startswith(("Lưu", "LƯU"))


_FILE_COPY_HEAD = regex.compile(r"^[\s\-–•+]*(?:Lưu|LƯU)[\s:.,-]*")


def file_copy_keepers(text: str) -> str | None:
    """Who keeps the file copies, as written after 'Lưu' ('Lưu: VT, VP.' → 'VT, VP'); None for any other line."""
    if not is_file_copy(text):
        return None
    return _FILE_COPY_HEAD.sub("", text, count=1).strip(" .")


_PARENTHETICAL = regex.compile(r"^\s*\([^()\n]{1,60}\)[\s.;,]*$")


def is_parenthetical(text: str) -> bool:
    """A line that is only a short parenthesis ('(Dũng)', '(3b).'): the drafter, a copy count or a purpose
    pushed under its item, never an item of its own. '(đã ký)', where a web copy's signature was, is not one."""
    return text.lstrip()[:1] == "(" and _PARENTHETICAL.match(text) is not None and SIGNED_NOTE.search(text) is None


_AS_ABOVE = regex.compile(r"\s*(?i:như\s+trên)\b")


def is_as_above(text: str) -> bool:
    """'Như trên' ('as above'): the recipients of 'Kính gửi' again, in a Nơi nhận list."""
    return _AS_ABOVE.match(text) is not None


_NAME = regex.compile(r"^(?:\p{Lu}\p{Ll}{0,7}\s{1,3}){1,5}\p{Lu}\p{Ll}{0,7}$")


def is_name(text: str) -> bool:
    """A personal name: 2–6 capitalised words of letters ('Nguyễn Văn A')."""
    return bool(_NAME.match(text.strip())) and len(text.split()) >= 2
