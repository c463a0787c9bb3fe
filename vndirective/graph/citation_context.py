"""The text around each citation, read again for its relation and an issuer the extractor missed: to move to the reference extractor.

This is the one place where the graph reads a document's raw text instead of its
``Directive`` fields. It belongs to ``core/extract/references.py`` (a ``relation`` and
``cue`` with spans on each ``Mention``, the older-order issuer in ``Mention.issuer``);
once the extractor gives them, :class:`CitationContext` reads those fields instead.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from ..core.model import Directive, Mention
from ..core.normalize import fold
from .tables import entries, table


class CitationContext:
    """What the text around the citations of one document says: their relation, and an
    issuer written before the number."""

    def __init__(self, d: Directive) -> None:
        self._text = d.text
        self._low = lowered(d.text)
        mentions = [m for r in d.references for m in r.mentions]
        self._masks = mention_masks(d.text, [(m.span.start, m.span.end, _tail(m), m.type_word) for m in mentions], self._low)

    def relation(self, m: Mention) -> tuple[str, str | None]:
        """(relation, cue as printed) of a mention: see :func:`relation_before`."""
        return relation_before(self._text, m.span.start, self._masks, self._low)

    def issuer(self, m: Mention) -> str | None:
        """The issuer written between the mention's type word and its number: see :func:`issuer_before`."""
        return issuer_before(self._text, m.span.start, m.type_word)


def _tail(m: Mention) -> int:
    """Where the citation ends: after its date and issuer phrase when they follow it."""
    return max([m.span.end] + [s.end for s in (m.date_span, m.issuer_span) if s is not None and s.start >= m.span.start])


# --------------------------------------------------------------------------- issuer


_ISSUER_BEFORE = regex.compile(r"\s+của\s+(?P<issuer>(?:[^.;:\n]|\n(?!\s*\n)){3,90}?)[\s,]*(?:(?<!\p{L})số\s*:?)?\s*$", regex.IGNORECASE)


def issuer_before(text: str, start: int, type_word: str | None) -> str | None:
    """An issuer phrase written between the type word and the number, in the older style
    'Quyết định của Bộ Chính trị số 31-QĐ/TW' (None when there is none)."""
    if not type_word:
        return None
    lo = max(0, start - len(type_word) - 120)
    window = fold(text[lo:start])
    at = window.lower().rfind(_lower(type_word))
    if at < 0:
        return None
    m = _ISSUER_BEFORE.match(window, at + len(type_word))
    if m is None:
        return None
    return " ".join(text[lo + m.start("issuer") : lo + m.end("issuer")].split())


# --------------------------------------------------------------------------- relations


@cache
def _relation_table() -> tuple[dict[str, int], regex.Pattern[str], dict[str, str], regex.Pattern[str]]:
    rel = entries(table()["relations"])
    order = {name: i for i, name in enumerate(rel)}
    cue_of = {fold(c).lower(): name for name, cues in rel.items() for c in cues}
    alternatives = "|".join(regex.escape(c) for c in sorted(cue_of, key=len, reverse=True))
    pattern = regex.compile(rf"(?<!\p{{L}})(?:{alternatives})(?!\p{{L}})")
    blockers = "|".join(regex.escape(fold(w).lower()) for w in table()["cue_blockers"]["words"])
    blocked = regex.compile(rf"(?<!\p{{L}})(?:{blockers})[\s,]*$")
    return order, pattern, cue_of, blocked


def relation_order() -> dict[str, int]:
    """Relation names by priority (0 = strongest)."""
    return _relation_table()[0]


_SENTENCE_END = regex.compile(r"[.!?](?=\s)|;[ \t]*\n|\n[ \t]*\n")
_WINDOW = 600


def relation_before(text: str, start: int, masks: list[tuple[int, int]], low: str | None = None) -> tuple[str, str | None]:
    """The relation a citation at ``start`` is in, from the nearest cue word before it in
    the same sentence ('Thực hiện kết luận số ...' → 'implements'); ('cites', None) when
    the text says none. ``masks`` are ranges to ignore (other citations, their type words
    and subjects). ``low`` is :func:`lowered` ``text``, when the caller has it.
    """
    _order, pattern, cue_of, blocked = _relation_table()
    lo = max(0, start - _WINDOW)
    window = low[lo:start] if low is not None else fold(text[lo:start]).lower()
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    begin = ends[-1] if ends else 0
    best: tuple[int, str, str] | None = None
    for m in pattern.finditer(window, begin):
        a, b = lo + m.start(), lo + m.end()
        if any(a < me and b > ms for ms, me in masks) or blocked.search(window, max(0, m.start() - 16), m.start()):
            continue
        best = (a, cue_of[m.group(0)], text[a:b])
    if best is None:
        return "cites", None
    return best[1], best[2]


_SUBJECT_END = regex.compile(r"[.;](?=\s)|\n[ \t]*\n")


@lru_cache(maxsize=4096)
def _lower(word: str) -> str:
    return fold(word).lower()


def lowered(text: str) -> str | None:
    """Folded lower-case view of a text for cue matching; None when lower-casing changes its length."""
    low = fold(text).lower()
    return low if len(low) == len(text) else None


def mention_masks(text: str, mentions: list[tuple[int, int, int, str | None]], low: str | None = None) -> list[tuple[int, int]]:
    """Ranges whose cue words are not the citing document's: each citation with its type
    word ('Hướng dẫn số 21-HD/...') and what follows it up to the clause end or the next
    citation (its date, issuer and subject: '... của Tỉnh ủy về thực hiện ...').

    ``mentions`` are (start, end, end of the date and issuer bound to it, type word)."""
    starts = []
    for start, _end, _tail, type_word in mentions:
        s = start
        if type_word:
            lo = max(0, start - len(type_word) - 16)
            i = (low[lo:start] if low is not None else fold(text[lo:start]).lower()).rfind(_lower(type_word))
            if i >= 0:
                s = lo + i
        starts.append(s)
    ordered = sorted(starts)
    masks = []
    for s, (_start, _end, tail, _tw) in zip(starts, mentions, strict=True):
        nxt = next((x for x in ordered if x > s), len(text))
        m = _SUBJECT_END.search(text, tail, nxt)
        masks.append((s, m.start() if m else nxt))
    return masks
