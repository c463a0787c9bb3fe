"""How a citing document stands to each document it cites: the cue word before the citation in the same
sentence ('Thực hiện Kết luận số 105-KL/TU' → implements). The cues are data: ``data/relations.json``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from ..codes import load
from ..model import Span
from ..normalize import fold

CITES = "cites"  # the relation when the text states none
WINDOW = 600  # characters before a citation in which its cue is looked for (the sentence ends it sooner)
TYPE_WORD_REACH = 16  # characters between a type word and its number ('Hướng dẫn số 21-HD/...')
BLOCKER_REACH = 16  # characters before a cue in which a blocking word ('được', 'Luật') is looked for

_SENTENCE_END = regex.compile(r"[.!?](?=\s)|;[ \t]*\n|\n[ \t]*\n")
_SUBJECT_END = regex.compile(r"[.;](?=\s)|\n[ \t]*\n")


@dataclass(frozen=True)
class Cited:
    """A citation as the relation reader needs it: its span, the end of its date and issuer, its type word."""

    start: int
    end: int
    tail: int  # after the date and issuer phrase bound to it
    type_word: str | None


@dataclass(frozen=True)
class _Cues:
    order: dict[str, int]
    pattern: regex.Pattern[str]
    relation_of: dict[str, str]
    blocked: regex.Pattern[str]


@cache
def _cues() -> _Cues:
    data = load("relations")
    relations = {name: cues for name, cues in data["relations"].items() if not name.startswith("_")}
    relation_of = {fold(c).lower(): name for name, cues in relations.items() for c in cues}
    alternatives = "|".join(regex.escape(c) for c in sorted(relation_of, key=len, reverse=True))
    blockers = "|".join(regex.escape(fold(w).lower()) for w in data["cue_blockers"]["words"])
    return _Cues(
        {name: i for i, name in enumerate(relations)},
        regex.compile(rf"(?<!\p{{L}})(?:{alternatives})(?!\p{{L}})"),
        relation_of,
        regex.compile(rf"(?<!\p{{L}})(?:{blockers})[\s,]*$"),
    )


def relation_order() -> dict[str, int]:
    """Relation names by priority, strongest first (0): the order of ``data/relations.json``."""
    return _cues().order


def lowered(text: str) -> str | None:
    """The folded lower-case view of a text, for cue matching; None when lower-casing changes its length."""
    low = fold(text).lower()
    return low if len(low) == len(text) else None


def relations(text: str, cited: list[Cited]) -> list[tuple[str, Span | None]]:
    """(relation, span of its cue word) of each citation, in order; (``CITES``, None) when the sentence states none."""
    low = lowered(text)
    masks = mention_masks(text, cited, low)
    return [relation_before(text, c.start, masks, low) for c in cited]


def relation_before(text: str, start: int, masks: list[tuple[int, int]], low: str | None = None) -> tuple[str, Span | None]:
    """The relation a citation at ``start`` is in, from the nearest cue word before it in the same sentence.

    ``masks`` are ranges to ignore (other citations, their type words and subjects: their cue words are not
    the citing document's); ``low`` is :func:`lowered` ``text`` when the caller has it.
    """
    cues = _cues()
    lo = max(0, start - WINDOW)
    window = low[lo:start] if low is not None else fold(text[lo:start]).lower()
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    best: tuple[str, Span] | None = None
    for m in cues.pattern.finditer(window, ends[-1] if ends else 0):
        a, b = lo + m.start(), lo + m.end()
        if any(a < me and b > ms for ms, me in masks) or cues.blocked.search(window, max(0, m.start() - BLOCKER_REACH), m.start()):
            continue
        best = (cues.relation_of[m.group(0)], Span(a, b))
    return best if best is not None else (CITES, None)


def mention_masks(text: str, cited: list[Cited], low: str | None = None) -> list[tuple[int, int]]:
    """Ranges whose cue words are not the citing document's: each citation with its type word and what
    follows it up to the clause end or the next citation (its date, issuer and subject: '... của Tỉnh ủy về
    thực hiện ...')."""
    starts = [_type_word_start(text, c, low) for c in cited]
    ordered = sorted(starts)
    masks = []
    for s, c in zip(starts, cited, strict=True):
        nxt = next((x for x in ordered if x > s), len(text))
        m = _SUBJECT_END.search(text, c.tail, nxt)
        masks.append((s, m.start() if m else nxt))
    return masks


def _type_word_start(text: str, c: Cited, low: str | None) -> int:
    if not c.type_word:
        return c.start
    lo = max(0, c.start - len(c.type_word) - TYPE_WORD_REACH)
    i = (low[lo : c.start] if low is not None else fold(text[lo : c.start]).lower()).rfind(fold(c.type_word).lower())
    return lo + i if i >= 0 else c.start
