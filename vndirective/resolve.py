"""Which document a citation means: organs, places, candidates (pure functions).

A document number is unique only within its organ and numbering period: every
provincial committee issues a ``105-KL/TU`` in each term, and state numbers restart
every year. So an organ is identified by its **code** (the organ part of its numbers:
``TU``, ``HU``, ``UBND``, ``BTGTU``, ``CP``), its **level** (central, province,
district, commune, cell) and its **path**: the names of the units above it and its own
(``('BẮC GIANG', 'LỤC NGẠN')`` for Huyện ủy Lục Ngạn). ``Organ.key`` is the readable,
stable form: ``'HU@bac-giang/luc-ngan'``, ``'TW'``, ``'UBND@?/tien-du'`` (``?`` = a unit
the document does not name).

The organ of a citation comes from its symbol (``/TU`` is the provincial committee),
the citing document's own organ (whose province '/TU' means) and the issuer phrase of
the citation ('của UBND tỉnh Thanh Hóa' names another province). Candidates are then
chosen by :func:`choose`. The tables are ``data/graph.json``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from typing import Any, Literal

import regex

from . import codes
from .ids import DocumentId
from .normalize import fold, skeleton

LEVELS: tuple[str, ...] = ("central", "province", "district", "commune", "cell")
UNKNOWN = "unknown"
Strength = Literal["strong", "weak"]


def table() -> dict[str, Any]:
    """The graph tables (``data/graph.json``)."""
    return codes.load("graph")


def _entries(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not k.startswith("_")}


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """ASCII key of a name: 'Lục Ngạn' → 'luc-ngan'."""
    return regex.sub(r"[^a-z0-9]+", "-", skeleton(name).lower()).strip("-")


# --------------------------------------------------------------------------- organs


@dataclass(frozen=True)
class Organ:
    """An issuing organ: its code, its level, the units down to it and its own name.

    ``path[i]`` is the name of the unit at ``LEVELS[i + 1]``: None when not known, ''
    when there is none (a commune directly under its province, from July 2025).
    ``name`` is the organ's own name when the code is shared by several organs of a
    unit ('QUÂN SỰ TỈNH' for ĐẢNG ỦY QUÂN SỰ TỈNH, 'KHU PHỐ 4' for a chi bộ).
    ``assumed`` are the indexes of ``path`` not printed but taken from a :class:`Gazetteer`:
    an organ with an assumed unit matches only weakly.
    """

    code: str
    level: str
    path: tuple[str | None, ...] = ()
    name: str | None = None
    assumed: tuple[int, ...] = ()

    @cached_property
    def slugs(self) -> tuple[str | None, ...]:
        return tuple(None if p is None else slug(p) or "-" for p in self.path)

    @cached_property
    def key(self) -> str:
        """Stable readable id: 'TU@bac-giang', 'HU@bac-giang/luc-ngan', 'TW', 'ĐU@nghe-an/~quan-su'."""
        if self.level == "central":
            return self.code
        parts = [s or "?" for s in self.slugs]
        if self.name is not None:
            parts.append("~" + slug(self.name))
        return f"{self.code}@" + "/".join(parts)

    @property
    def own(self) -> str | None:
        """The slug of the organ's own name or unit: what tells it from its kind's others."""
        if self.name is not None:
            return "~" + slug(self.name)
        return self.slugs[-1] if self.path else None

    @property
    def label(self) -> str:
        """Readable name: 'HU Bắc Giang / Lục Ngạn'."""
        names = [(p or ("?" if p is None else "-")).title() for p in self.path] + ([self.name.title()] if self.name else [])
        return " ".join([self.code, " / ".join(names)]).strip()

    def name_at(self, level: str) -> str | None:
        """The name of the unit at ``level`` above or at the organ (None when not known)."""
        i = LEVELS.index(level) - 1 if level in LEVELS else -1
        return self.path[i] if 0 <= i < len(self.path) else None


def level_index(level: str | None) -> int:
    """Position of a level from the top (central = 0); unknown levels come last."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def organ_code(did: DocumentId | None) -> str:
    """The organ code of a number: the first group of its organ part ('UBND-VP' → 'UBND')."""
    if did is None or not did.organ:
        return "?"
    return regex.split(r"[-/]", did.organ)[0]


@cache
def _suffix_levels() -> list[tuple[str, str]]:
    found = _entries(table()["party_suffix_levels"])
    return sorted(((skeleton(k), v) for k, v in found.items()), key=lambda kv: -len(kv[0]))


@cache
def _central_codes() -> tuple[frozenset[str], tuple[regex.Pattern[str], ...]]:
    t = table()["central_codes"]
    return frozenset(skeleton(c) for c in t["codes"]), tuple(regex.compile(p) for p in t["patterns"])


@cache
def _province_patterns() -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(p) for p in table()["province_code_patterns"]["patterns"])


@cache
def nonterritorial() -> frozenset[str]:
    return frozenset(skeleton(c) for c in table()["nonterritorial_codes"]["codes"])


@lru_cache(maxsize=4096)
def code_level(code: str, system: str | None) -> str | None:
    """The level an organ code belongs to, when the code alone tells it.

    'central_or_province' for 'TƯ'; None when the level is in the organ's name
    (UBND, HĐND, BHXH, BCSĐ...).
    """
    k = skeleton(code)
    central, patterns = _central_codes()
    if k in central or any(p.match(code) for p in patterns):
        return "central"
    if system == "party" or codes.is_party_organ(code):
        if code in ("TƯ", "Tư"):
            return "central_or_province"
        for suffix, level in _suffix_levels():
            if k.endswith(suffix):
                return level
        return None
    if any(p.match(code) for p in _province_patterns()):
        return "province"
    return None


# --------------------------------------------------------------------------- places


@cache
def _markers() -> list[tuple[tuple[str, ...], str]]:
    """(words, unit word) of committee and unit words, longest first."""
    t = table()
    found = [(tuple(k.split()), v) for k, v in _entries(t["committee_words"]).items()]
    found += [(tuple(k.split()), k) for k in _entries(t["unit_levels"])]
    return sorted(found, key=lambda kv: -len(kv[0]))


@cache
def _not_units() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(w.split()) for w in table()["not_units"]["words"])


@cache
def _central_cities() -> frozenset[str]:
    return frozenset(slug(n) for n in table()["central_cities"]["names"])


@cache
def _central_words() -> tuple[str, ...]:
    return tuple(table()["central_words"]["words"])


@cache
def _heads() -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(w.split()) for w in table()["organ_heads"]["words"]), key=len, reverse=True))


_TOKEN = regex.compile(r"[\p{L}\p{N}]+\.?|-|[(),;:/]")


def _tokens(text: str) -> tuple[list[str], list[str]]:
    toks = _TOKEN.findall(fold(text))
    return toks, [t.upper() for t in toks]


def _marker_at(up: list[str], i: int) -> tuple[str, int] | None:
    for bad in _not_units():
        if tuple(up[i : i + len(bad)]) == bad:
            return None
    for words, unit in _markers():
        if tuple(up[i : i + len(words)]) == words:
            return unit, len(words)
    return None


def _is_name(tok: str, upper_text: bool) -> bool:
    return tok[0].isdigit() or (tok[0].isalpha() and (upper_text or tok[0].isupper()))


def unit_level(unit: str, name: str | None) -> str:
    """Level of a unit word ('HUYỆN' → district); 'THÀNH PHỐ' by its name ('city' if unnamed)."""
    level = str(_entries(table()["unit_levels"])[unit])
    if level == "city":
        if name is None:
            return "city"
        return "province" if slug(name) in _central_cities() else "district"
    return level


@lru_cache(maxsize=8192)
def units(text: str | None) -> tuple[tuple[str, str | None], ...]:
    """The administrative units an organ name mentions, as (level, NAME or None).

    'ĐẢNG BỘ TỈNH BẮC GIANG' → (('province', 'BẮC GIANG'),); 'Ban Thường vụ Tỉnh ủy'
    → (('province', None),); 'UBND tỉnh Thanh Hóa' → (('province', 'THANH HÓA'),).
    In running text a name is the capitalised words after the unit word.
    """
    if not text:
        return ()
    toks, up = _tokens(text)
    upper_text = not any(c.islower() for c in text)
    found: list[tuple[str, str | None]] = []
    i = 0
    while i < len(toks):
        marker = _marker_at(up, i)
        if marker is None:
            i += 1
            continue
        unit, n = marker
        j = i + n
        name: list[str] = []
        while j < len(toks) and _marker_at(up, j) is None:
            tok = toks[j]
            if tok == "-" and name and j + 1 < len(toks) and _is_name(toks[j + 1], upper_text):
                name.append("-")
            elif tok not in "(),;:/" and _is_name(tok, upper_text):
                name.append(up[j])
            else:
                break
            j += 1
        label = " ".join(name) or None
        found.append((unit_level(unit, label), label))
        i = max(j, i + 1)
    return tuple(found)


@lru_cache(maxsize=8192)
def is_central_name(text: str | None) -> bool:
    """Whether an organ name is of a central organ ('Bộ Chính trị', 'Bảo hiểm xã hội Việt Nam')."""
    if not text:
        return False
    up = fold(text).upper()
    return any(regex.search(rf"(?<!\p{{L}}){w}(?!\p{{L}})", up) for w in _central_words())


@lru_cache(maxsize=8192)
def own_name(issuer: str | None) -> str | None:
    """An organ's name without its head words and the unit word it ends with:
    'ĐẢNG ỦY QUÂN SỰ TỈNH' → 'QUÂN SỰ', 'Chi bộ Khu 5' → 'KHU 5'."""
    if not issuer:
        return None
    _toks, up = _tokens(issuer)
    up = [t for t in up if t not in "(),;:/"]
    stripped = True
    while stripped:
        stripped = False
        for head in _heads():
            if tuple(up[: len(head)]) == head:
                up, stripped = up[len(head) :], True
                break
    while up and _marker_at(up, len(up) - 1) is not None:
        up = up[:-1]
    return " ".join(up) or None


def _lowest(found: tuple[tuple[str, str | None], ...]) -> str | None:
    levels = [lvl for lvl, _ in found if lvl in LEVELS]
    return max(levels, key=LEVELS.index) if levels else None


def _resolve_city(found: tuple[tuple[str, str | None], ...], province: str | None) -> tuple[tuple[str, str | None], ...]:
    """An unnamed 'thành phố' is the province when the province is a central city."""
    city_level = "province" if province and slug(province) in _central_cities() else "district"
    return tuple((city_level if lvl == "city" else lvl, name) for lvl, name in found)


def _named(found: tuple[tuple[str, str | None], ...]) -> dict[str, str]:
    return {lvl: name for lvl, name in found if name and lvl in LEVELS}


@lru_cache(maxsize=8192)
def document_organ(code: str, system: str | None, issuer: str | None, parent: str | None) -> Organ:
    """The organ that issued a document, from its number's code and its header.

    ``document_organ('HU', 'party', 'HUYỆN ỦY LỤC NGẠN', 'ĐẢNG BỘ TỈNH BẮC GIANG')``
    is ``HU@bac-giang/luc-ngan``.
    """
    province = _named(units(parent) + units(issuer)).get("province")
    own_units = _resolve_city(units(issuer), province)
    parent_units = _resolve_city(units(parent), province)
    names = _named(parent_units + own_units)

    level = code_level(code, system)
    if level == "central_or_province":
        level = "central" if is_central_name(issuer) or is_central_name(parent) else "province"
    if level is None:
        level = _lowest(own_units) or ("central" if is_central_name(issuer) else None)
        level = level or _lowest(parent_units) or ("central" if is_central_name(parent) else None)
    if level is None or code == "?":
        return Organ(code, UNKNOWN, (), " < ".join(x for x in (own_name(issuer), parent) if x) or "?")
    code = _canonical_code(code, level)
    if level == "central":
        return Organ(code, "central")
    depth = LEVELS.index(level)
    own_territory = any(lvl == level and name for lvl, name in own_units)
    name = None
    if skeleton(code) in nonterritorial() or (level in ("commune", "cell") and not own_territory):
        name = own_name(issuer) or "?"
        depth = min(depth, LEVELS.index(_lowest(parent_units + own_units) or "central"))
    path: list[str | None] = [names.get(lvl) for lvl in LEVELS[1 : depth + 1]]
    _mark_gaps(path, parent_units)
    return Organ(code, level, tuple(path), name)


def _mark_gaps(path: list[str | None], parent_units: tuple[tuple[str, str | None], ...]) -> None:
    """Units between a named parent and the organ's own unit do not exist (a commune
    directly under its province since July 2025): the header names the direct parent."""
    parent_level = _lowest(tuple(u for u in parent_units if u[1]))
    if parent_level is None or path[-1] is None:
        return
    for i in range(LEVELS.index(parent_level), len(path) - 1):
        if path[i] is None:
            path[i] = ""


def _canonical_code(code: str, level: str) -> str:
    """'TƯ' is written for both TW and TU: the level decides."""
    if code in ("TƯ", "Tư"):
        return "TW" if level == "central" else "TU"
    return code


# --------------------------------------------------------------------------- citations

_PHRASE_END = regex.compile(
    r"\s(?:và|về|ở|số|theo|tại|trình|quy định|công bố|phê duyệt|ban hành|đã|đề ra|kèm theo|năm|ngày|giao|nhằm|thông qua)\s|[(,;:\n]|-{2,}",
    regex.IGNORECASE,
)


@lru_cache(maxsize=65536)
def issuer_phrase(phrase: str | None) -> str | None:
    """The organ part of a citation's issuer phrase ('Ban Thường vụ Tỉnh ủy về ...' → 'Ban Thường vụ Tỉnh ủy')."""
    if not phrase:
        return None
    folded = fold(phrase)
    m = _PHRASE_END.search(folded)
    return (folded[: m.start()] if m else folded).strip() or None


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


@lru_cache(maxsize=65536)
def cited_organ(did: DocumentId, phrase: str | None, ctx: Organ) -> Organ | str:
    """The organ a citation points to, in the context of the citing document's organ.

    Returns the Organ, or a reason (a sentence) when the context does not tell it.
    The citing organ's own numbers need no issuer phrase. Otherwise a unit the phrase
    names wins over the citing document's, and the citing document's units are
    inherited for the organs of a territory (Tỉnh ủy, UBND huyện).
    """
    code = organ_code(did)
    phrase = issuer_phrase(phrase)
    found = _resolve_city(units(phrase), ctx.name_at("province"))
    name = _phrase_name(phrase)
    if _same_code(code, ctx) and _fits(found, name, ctx):
        return ctx
    if skeleton(code) in nonterritorial():
        return _named_organ(code, did.system, name, found, ctx)
    level = code_level(code, did.system)
    if level == "central_or_province":
        if is_central_name(phrase):
            level = "central"
        elif _lowest(found) == "province":
            level = "province"
        else:
            return f"'{code}' is written for both TW and TU and the citation does not name its issuer"
    if level is None:
        level = _lowest(found) or ("central" if is_central_name(phrase) else None)
        if level is None:
            return f"the level of the organ '{code}' is not known and the citation does not name its issuer"
    code = _canonical_code(code, level)
    if level == "central":
        return Organ(code, "central")
    return _fill_path(code, level, _named(found), ctx)


def _same_code(code: str, ctx: Organ) -> bool:
    return skeleton(code) == skeleton(ctx.code)


def _phrase_name(phrase: str | None) -> str | None:
    """The own name an issuer phrase gives after a head word ('Chi bộ Khu 5' → 'KHU 5')."""
    if not phrase:
        return None
    _toks, up = _tokens(phrase)
    if not any(tuple(up[: len(h)]) == h for h in _heads()):
        return None
    return own_name(phrase)


def _named_organ(code: str, system: str | None, name: str | None, found: tuple[tuple[str, str | None], ...], ctx: Organ) -> Organ | str:
    """An organ of a shared code (chi bộ, ban cán sự đảng) named by the phrase, in the
    citing document's units."""
    if name is None:
        return f"'{code}' is shared by several organs of a unit and the citation names none of them"
    level = code_level(code, system) or _lowest(found) or (ctx.level if ctx.level in LEVELS else None)
    if level is None or level == "central" or ctx.level not in LEVELS:
        return f"'{code}' is shared by several organs and the citing document's units are not known"
    depth = min(LEVELS.index(level), len(ctx.path))
    return Organ(code, level, ctx.path[:depth], name, tuple(i for i in ctx.assumed if i < depth))


def _fits(found: tuple[tuple[str, str | None], ...], name: str | None, ctx: Organ) -> bool:
    """Whether an issuer phrase can name the citing organ itself: no other level, unit or name."""
    if name is not None and ctx.name is not None and slug(name) != slug(ctx.name):
        return False
    if not found:
        return True
    lowest = _lowest(found)
    if ctx.level in LEVELS and lowest is not None and lowest != ctx.level and ctx.name is None:
        return False
    return all(ctx.name_at(lvl) is None or slug(ctx.name_at(lvl) or "") == slug(name) for lvl, name in _named(found).items())


def _fill_path(code: str, level: str, named: dict[str, str], ctx: Organ) -> Organ | str:
    depth = LEVELS.index(level)
    path: list[str | None] = [ctx.name_at(lvl) if ctx.level in LEVELS else None for lvl in LEVELS[1 : depth + 1]]
    assumed = {i for i in ctx.assumed if i < depth}
    for lvl, name in named.items():
        i = LEVELS.index(lvl) - 1
        if i >= len(path):
            continue
        if path[i] is not None and slug(path[i] or "") != slug(name):
            # Another unit than the citing document's: the units above it are not known
            # unless named too, and the ones below it are not the citing document's.
            for j in range(i):
                if LEVELS[j + 1] not in named:
                    path[j] = None
            for j in range(i + 1, len(path)):
                path[j] = None
        path[i] = name
        assumed.discard(i)
    if path[-1] is None:
        if ctx.level in LEVELS and len(ctx.path) < depth and ctx.name is None:
            return f"a {level} organ's number ('{code}') cited from a {ctx.level} document that does not name the {level}"
        return f"the citing document does not say which {level} the '{code}' organ is of"
    return Organ(code, level, tuple(path), assumed=tuple(sorted(i for i in assumed if path[i] is not None)))


def compatible(a: Organ, b: Organ) -> Strength | None:
    """Whether two organs can be the same: 'strong' when every unit is known on both
    sides and equal, 'weak' when some are unknown, None when they differ."""
    if skeleton(a.code) != skeleton(b.code) or a.level != b.level or a.own != b.own:
        return None
    if a.level == "central":
        return "strong"
    if a.level == UNKNOWN or len(a.path) != len(b.path):
        return "weak" if a.key == b.key else None
    weak = bool(a.assumed or b.assumed)
    for x, y in zip(a.slugs, b.slugs, strict=True):
        if x is None or y is None:
            weak = True
        elif x != y:
            return None
    return "weak" if weak else "strong"


def _name_key(name: str) -> str:
    """A unit name with its diacritics (Phú Ninh and Phù Ninh are two districts)."""
    return " ".join(fold(name).upper().split())


class Gazetteer:
    """Which unit is above which, learned from the headers of a corpus ('HUYỆN ỦY LỤC NGẠN'
    under 'ĐẢNG BỘ TỈNH BẮC GIANG': Lục Ngạn is in Bắc Giang).

    A district UBND or a commune prints no province; :meth:`complete` fills it in when the
    corpus puts that name under one unit only. The filled units are ``assumed``: they are
    never enough alone to link a citation (two provinces may have districts of one name).
    """

    def __init__(self) -> None:
        self._above: dict[tuple[int, str], dict[str, str]] = defaultdict(dict)

    def learn(self, organ: Organ) -> None:
        """Record the units an organ's header prints one above the other."""
        if organ.assumed:
            return
        for i in range(1, len(organ.path)):
            unit, above = organ.path[i], organ.path[i - 1]
            if unit and above is not None:
                self._above[(i, _name_key(unit))].setdefault(_name_key(above), above)

    def complete(self, organ: Organ) -> Organ:
        """The organ with the units its header does not print filled in where the corpus is unanimous."""
        if organ.level not in LEVELS or None not in organ.path:
            return organ
        path = list(organ.path)
        assumed = set(organ.assumed)
        for i in range(len(path) - 1, 0, -1):
            unit = path[i]
            if path[i - 1] is None and unit:
                seen = self._above.get((i, _name_key(unit)), {})
                if len(seen) == 1:
                    path[i - 1] = next(iter(seen.values()))
                    assumed.add(i - 1)
        if not assumed - set(organ.assumed):
            return organ
        return replace(organ, path=tuple(path), assumed=tuple(sorted(assumed)))


# --------------------------------------------------------------------------- candidates


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
    t = _entries(table()["party_terms"])
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


def with_level_code(did: DocumentId, organ: Organ) -> DocumentId:
    """The number with 'TƯ' written as the organ's TW or TU."""
    if did.organ in ("TƯ", "Tư") and organ.code in ("TW", "TU"):
        return replace(did, organ=organ.code)
    return did


def id_key(did: DocumentId) -> tuple[object, ...]:
    """Comparison key of a number: leading zeros and letter case do not matter."""
    return did.key


# --------------------------------------------------------------------------- relations


@cache
def _relation_table() -> tuple[dict[str, int], regex.Pattern[str], dict[str, str], regex.Pattern[str]]:
    rel = _entries(table()["relations"])
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
