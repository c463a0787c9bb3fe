"""Which corpus document a citation means: the candidates of its organ and number, chosen by date and numbering period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .organs import Strength
from .tables import entries, table


@dataclass(frozen=True)
class Candidate:
    """A document of the corpus that has the cited number."""

    node: str
    date: dt.date | None
    strength: Strength


@dataclass(frozen=True)
class Decision:
    """What a citation was resolved to.

    ``outcome`` is 'resolved' (``node`` is the corpus document; ``why`` says on what
    basis), 'missing' (not in the corpus: a cited-only node) or 'unresolved' (``why``
    is the reason, ``candidates`` the documents it could be).
    """

    outcome: Literal["resolved", "missing", "unresolved"]
    node: str | None = None
    why: str | None = None
    candidates: tuple[str, ...] = ()


@cache
def _term_windows() -> dict[str, list[tuple[dt.date, dt.date]]]:
    t = entries(table()["party_terms"])
    return {k: [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in v] for k, v in t.items()}


def period(date: dt.date, system: str | None, level: str, yearly: bool) -> int | None:
    """The numbering period of a date: the year for state numbers, the term for Party
    numbers (None when the date falls in a congress period, whose term is uncertain)."""
    if yearly or system != "party":
        return date.year
    terms = _term_windows()
    windows = terms.get("commune" if level == "cell" else level, terms["unknown"])
    n = 0
    for start, end in windows:
        if start <= date <= end:
            return None
        if date > end:
            n += 1
    return n


def choose(
    candidates: list[Candidate],
    *,
    cited_date: dt.date | None,
    cited_year: int | None,
    citing_date: dt.date | None,
    system: str | None,
    level: str,
    id_has_year: bool,
    undated: str = "same-period",
) -> Decision:
    """Decide which candidate (same organ and number) a citation means.

    A printed date must equal the candidate's; a year alone must be its year; with
    neither, the one candidate of the citing document's numbering period (year or
    term) is taken when ``undated='same-period'``. A document never cites one
    issued after it. A candidate whose organ is only partly known ('weak') is taken
    only on an equal date. Anything else is left unresolved with a reason.
    """
    if cited_date and citing_date and cited_date > citing_date:
        return Decision("unresolved", why=f"the cited date {cited_date} is after the citing document's date {citing_date}")
    later = [c for c in candidates if citing_date and c.date and c.date > citing_date]
    cands = [c for c in candidates if c not in later]
    nodes = tuple(sorted(c.node for c in cands))
    if cited_date:
        exact = [c for c in cands if c.date == cited_date]
        if len(exact) == 1:
            return Decision("resolved", exact[0].node, "number and date")
        if exact:
            return Decision("unresolved", why="several documents of this organ have this number and date", candidates=tuple(sorted(c.node for c in exact)))
        if any(c.date is None for c in cands):
            return Decision("unresolved", why="a document with this number has no date to compare", candidates=nodes)
        if id_has_year and any(c.strength == "strong" for c in cands):
            return Decision("unresolved", why="the document with this number (unique for its organ) has another date", candidates=nodes)
        return Decision("missing", why=_later_note(later))
    if cited_year:
        same = [c for c in cands if c.date is None or c.date.year == cited_year]
        one_period = period(dt.date(cited_year, 1, 1), system, level, id_has_year) == period(dt.date(cited_year, 12, 31), system, level, id_has_year)
        if len(same) == 1 and same[0].date and same[0].strength == "strong" and one_period and period(same[0].date, system, level, id_has_year) is not None:
            return Decision("resolved", same[0].node, "number and year")
        if not same:
            return Decision("missing", why=_later_note(later))
        return Decision("unresolved", why=_undated_reason(same, "year"), candidates=tuple(sorted(c.node for c in same)))
    if not cands:
        return Decision("missing", why=_later_note(later))
    if undated == "same-period" and len(cands) == 1 and citing_date and cands[0].date and cands[0].strength == "strong":
        mine = period(citing_date, system, level, id_has_year)
        theirs = period(cands[0].date, system, level, id_has_year)
        if mine is not None and mine == theirs:
            return Decision("resolved", cands[0].node, "number, undated citation within the same " + ("year" if system != "party" else "term"))
    return Decision("unresolved", why=_undated_reason(cands, "date"), candidates=nodes)


def _undated_reason(cands: list[Candidate], what: str) -> str:
    if any(c.strength == "weak" for c in cands):
        return f"the citation gives no {what} and the issuing organ is only partly known"
    if len(cands) > 1:
        return f"the citation gives no {what} and {len(cands)} documents of this organ have this number"
    return f"the citation gives no {what} and the one document with this number may be of another numbering period"


def _later_note(later: list[Candidate]) -> str | None:
    if not later:
        return None
    return "a document with this number dated after the citing one was not linked: " + ", ".join(sorted(c.node for c in later))
