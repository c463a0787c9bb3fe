"""How a citing document stands to each document it cites: the cue word before the citation in the same
sentence ('Thực hiện Kết luận số 105-KL/TU' → implements). The cues are data: ``data/relations.json``."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ..codes import entries, load
from ..model import Span
from ..normalize import fold

CITES = "cites"  # the relation when the text states none
WINDOW = 600  # characters before a citation in which its cue is looked for (the sentence ends it sooner)
TYPE_WORD_REACH = 16  # characters between a type word and its number ('Hướng dẫn số 21-HD/...')
BLOCKER_REACH = 16  # characters before a cue in which a blocking word ('được', 'Luật') is looked for

_LAST_SENTENCE_END = regex.compile(r"(?r)[.!?](?=\s)|;[ \t]*\n|\n[ \t]*\n")
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
    words: tuple[str, ...]  # folded lower case, longest first
    relation_of: dict[str, str]
    blocked: regex.Pattern[str]


@cache
def _cues() -> _Cues:
    data = load("relations")
    relations = entries(data["relations"])
    relation_of = {fold(c).lower(): name for name, cues in relations.items() for c in cues}
    blockers = "|".join(regex.escape(fold(w).lower()) for w in data["cue_blockers"]["words"])
    return _Cues(
        {name: i for i, name in enumerate(relations)},
        tuple(sorted(relation_of, key=len, reverse=True)),
        relation_of,
        regex.compile(rf"(?<!\p{{L}})(?:{blockers})[\s,]*$"),
    )


def relation_order() -> dict[str, int]:
    """Relation names by priority, strongest first (0): the order of ``data/relations.json``."""
    return _cues().order


def relations(text: str, folded: str, cited: list[Cited]) -> list[tuple[str, Span | None]]:
    """(relation, span of its cue word) of each citation, in order; (``CITES``, None) when the sentence states none.

    ``folded`` is the text :func:`~vndirective.core.normalize.fold`-ed (the Layout has it).
    """
    masks = mention_masks(text, folded, cited)
    return [relation_before(folded, c.start, masks) for c in cited]


def relation_before(folded: str, start: int, masks: list[tuple[int, int]]) -> tuple[str, Span | None]:
    """The relation a citation at ``start`` is in, from the nearest cue word before it in the same sentence.

    ``folded`` is the text :func:`~vndirective.core.normalize.fold`-ed; ``masks`` are ranges to ignore (other
    citations, their type words and subjects: their cue words are not the citing document's).
    """
    cues = _cues()
    lo = max(0, start - WINDOW)
    last_end = _LAST_SENTENCE_END.search(folded[lo:start])  # searched from the right: only the citation's sentence is read
    sentence = lo + last_end.end() if last_end else lo
    lo = max(lo, sentence - BLOCKER_REACH - 1)  # what a cue's boundary and its blocking word need to see before the sentence
    window = folded[lo:start].lower()  # only this window is lower-cased: the whole text would cost more
    best: tuple[str, Span] | None = None
    for s, e, cue in _cue_words(window, sentence - lo, cues.words):
        a, b = lo + s, lo + e
        if any(a < me and b > ms for ms, me in masks) or cues.blocked.search(window, max(0, s - BLOCKER_REACH), s):
            continue
        best = (cues.relation_of[cue], Span(a, b))
    return best if best is not None else (CITES, None)


def _cue_words(window: str, begin: int, words: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """The cue words of ``window[begin:]`` as whole words, left to right, the longest at each place, none
    overlapping: what one regular expression of the cues (longest first, between non-letters) would find,
    found with ``str.find`` (a few times faster: the cues are plain words)."""
    found = []
    for word in words:
        at = window.find(word, begin)
        while at >= 0:
            end = at + len(word)
            if not (at and window[at - 1].isalpha()) and not (end < len(window) and window[end].isalpha()):
                found.append((at, -len(word), word))
            at = window.find(word, at + 1)
    out = []
    reached = begin
    for at, minus_length, word in sorted(found):
        if at >= reached:
            out.append((at, at - minus_length, word))
            reached = at - minus_length
    return out


def mention_masks(text: str, folded: str, cited: list[Cited]) -> list[tuple[int, int]]:
    """Ranges whose cue words are not the citing document's: each citation with its type word and what
    follows it up to the clause end or the next citation (its date, issuer and subject: '... của Tỉnh ủy về
    thực hiện ...')."""
    starts = [_type_word_start(folded, c) for c in cited]
    ordered = sorted(starts)
    masks = []
    for s, c in zip(starts, cited, strict=True):
        k = bisect.bisect_right(ordered, s)
        nxt = ordered[k] if k < len(ordered) else len(text)
        m = _SUBJECT_END.search(text, c.tail, nxt)
        masks.append((s, m.start() if m else nxt))
    return masks


@lru_cache(maxsize=1024)
def _folded_lower(word: str) -> str:
    return fold(word).lower()


def _type_word_start(folded: str, c: Cited) -> int:
    if not c.type_word:
        return c.start
    lo = max(0, c.start - len(c.type_word) - TYPE_WORD_REACH)
    i = folded[lo : c.start].lower().rfind(_folded_lower(c.type_word))
    return lo + i if i >= 0 else c.start
