"""Which organ a header, a citation or a recipient line names: units in organ names, then the organ in its context."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import cache, lru_cache

import regex

from ..core import codes
from ..core.ids import DocumentId
from ..core.normalize import fold, skeleton
from .organs import LEVELS, UNKNOWN, Organ, any_level_code, canonical_code, code_level, nonterritorial, organ_code, slug
from .tables import entries, table

# --------------------------------------------------------------------------- places


@cache
def _markers() -> list[tuple[tuple[str, ...], str]]:
    """(words, unit word) of committee and unit words, longest first."""
    t = table()
    found = [(tuple(k.split()), v) for k, v in entries(t["committee_words"]).items()]
    found += [(tuple(k.split()), k) for k in entries(t["unit_levels"])]
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
    level = str(entries(table()["unit_levels"])[unit])
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
    """An organ's name without its head words and the unit it ends with, abbreviations spelled out:
    'ĐẢNG ỦY QUÂN SỰ TỈNH' → 'QUÂN SỰ', 'Đảng ủy Quân sự tỉnh Nghệ An' → 'QUÂN SỰ', 'Chi bộ Khu 5' →
    'KHU 5', 'ĐẢNG ỦY UBND TỈNH' → 'ỦY BAN NHÂN DÂN' (as 'ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH'). A name that
    is a unit ('ĐẢNG ỦY XÃ HỮU BẰNG' → 'XÃ HỮU BẰNG') is kept whole."""
    if not issuer:
        return None
    _toks, up = _tokens(codes.expand_abbreviations(issuer) or issuer)
    up = [t for t in up if t not in "(),;:/"]
    stripped = True
    while stripped:
        stripped = False
        for head in _heads():
            if tuple(up[: len(head)]) == head:
                up, stripped = up[len(head) :], True
                break
    unit = next((i for i in range(1, len(up)) if _marker_at(up, i) is not None), None)
    if unit is not None:
        up = up[:unit]  # the unit it is of is a place, not its name
    while up and _marker_at(up, len(up) - 1) is not None:
        up = up[:-1]  # 'ĐẢNG ỦY XÃ': a unit word alone is no name
    return " ".join(up) or None


def names_an_organ(name: str | None) -> bool:
    """Whether an own name (:func:`own_name`) names an organ rather than a unit: 'ỦY BAN NHÂN DÂN',
    'QUÂN SỰ' do; 'XÃ HỮU BẰNG' is the unit whose committee it is."""
    if not name:
        return False
    _toks, up = _tokens(name)
    return _marker_at(up, 0) is None


def _header_name(issuer: str | None) -> str | None:
    """The words of a header's issuer line before its unit: 'ỦY BAN NHÂN DÂN TỈNH LÀO CAI' →
    'ỦY BAN NHÂN DÂN', 'SỞ CÔNG THƯƠNG' as it is. Names an organ whose number gives no code."""
    if not issuer:
        return None
    _toks, up = _tokens(issuer)
    up = [t for t in up if t not in "(),;:/"]
    unit = next((i for i in range(len(up)) if _marker_at(up, i) is not None), len(up))
    return " ".join(up[:unit] or up) or None


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
    any_level = any_level_code(code, system)
    if level == "central_or_province":
        level = "central" if is_central_name(issuer) or is_central_name(parent) else "province"
    if any_level:
        # Any đảng ủy: the level of its own unit (ĐẢNG ỦY XÃ ...), or of its parent for an organ
        # named (ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH, ĐẢNG ỦY CÔNG TY ... under ĐẢNG BỘ TỈNH ...).
        level = _lowest(own_units) or (_lowest(parent_units) if names_an_organ(own_name(issuer)) else None) or level
    if level is None:
        level = _lowest(own_units) or ("central" if is_central_name(issuer) else None)
        level = level or _lowest(parent_units) or ("central" if is_central_name(parent) else None)
    if level is None or (code == "?" and level == "central"):
        return Organ(code, UNKNOWN, (), " < ".join(x for x in (own_name(issuer), parent) if x) or "?")
    code = canonical_code(code, level)
    if level == "central":
        return Organ(code, "central")
    depth = LEVELS.index(level)
    own_territory = any(lvl == level and name for lvl, name in own_units)
    name = None
    if code == "?":
        # No number, so no code: the header's units still place it (the province of its
        # UBND TỈNH LÀO CAI parent line), and its name tells it from the unit's other organs.
        name = _header_name(issuer) or "?"
    elif skeleton(code) in nonterritorial() or (not own_territory and (any_level or level in ("commune", "cell"))):
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
        return _named_organ(code, code_level(code, did.system) or _lowest(found), name, found, ctx)
    if any_level_code(code, did.system) and names_an_organ(name):
        # 'Đảng ủy Ủy ban nhân dân tỉnh': a đảng ủy named, at the level the phrase or the citing document gives
        return _named_organ(code, _lowest(found), name, found, ctx)
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
    code = canonical_code(code, level)
    if level == "central":
        return Organ(code, "central")
    return _fill_path(code, level, _named(found), ctx)


def _same_code(code: str, ctx: Organ) -> bool:
    """Whether a citation's code is the citing organ's own ('?', no code, is nobody's)."""
    return code != "?" and skeleton(code) == skeleton(ctx.code)


def _phrase_name(phrase: str | None) -> str | None:
    """The own name an issuer phrase gives after a head word ('Chi bộ Khu 5' → 'KHU 5')."""
    if not phrase:
        return None
    _toks, up = _tokens(phrase)
    if not any(tuple(up[: len(h)]) == h for h in _heads()):
        return None
    return own_name(phrase)


def _named_organ(code: str, level: str | None, name: str | None, found: tuple[tuple[str, str | None], ...], ctx: Organ) -> Organ | str:
    """An organ of a shared code (chi bộ, ban cán sự đảng, a đảng ủy named) named by the phrase,
    at ``level`` (else the citing document's), in the units the phrase names, else the citing document's."""
    if name is None:
        return f"'{code}' is shared by several organs of a unit and the citation names none of them"
    level = level or (ctx.level if ctx.level in LEVELS else None)
    if level is None or level == "central" or ctx.level not in LEVELS:
        return f"'{code}' is shared by several organs and the citing document's units are not known"
    depth = min(LEVELS.index(level), len(ctx.path))
    path: list[str | None] = list(ctx.path[:depth])
    assumed = _name_units(path, _named(found), {i for i in ctx.assumed if i < depth})
    return Organ(code, level, tuple(path), name, tuple(sorted(i for i in assumed if path[i] is not None)))


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
    assumed = _name_units(path, named, {i for i in ctx.assumed if i < depth})
    if path[-1] is None:
        if ctx.level in LEVELS and len(ctx.path) < depth and ctx.name is None:
            return f"a {level} organ's number ('{code}') cited from a {ctx.level} document that does not name the {level}"
        return f"the citing document does not say which {level} the '{code}' organ is of"
    return Organ(code, level, tuple(path), assumed=tuple(sorted(i for i in assumed if path[i] is not None)))


def _name_units(path: list[str | None], named: dict[str, str], assumed: set[int]) -> set[int]:
    """Put the units a citation names into the citing document's ``path`` (in place); the indexes
    still assumed. Another unit than the citing document's: the units above it are not known unless
    named too, and the ones below it are not the citing document's."""
    for lvl, name in named.items():
        i = LEVELS.index(lvl) - 1
        if i >= len(path):
            continue
        if path[i] is not None and slug(path[i] or "") != slug(name):
            for j in range(i):
                if LEVELS[j + 1] not in named:
                    path[j] = None
            for j in range(i + 1, len(path)):
                path[j] = None
        path[i] = name
        assumed.discard(i)
    return assumed


# --------------------------------------------------------------------------- units above units


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


# --------------------------------------------------------------------------- recipients


@cache
def _recipient_table() -> dict[str, str]:
    """Recipient head words (folded, upper case, longest first) → organ code."""
    found = {fold(k).upper(): v for k, v in entries(table()["recipient_organs"]).items()}
    return dict(sorted(found.items(), key=lambda kv: -len(kv[0])))


def recipient_organs(text: str, ctx: Organ) -> list[Organ | str]:
    """The organs a recipient line names ('HĐND, UBND huyện' → HĐND and UBND of the district)."""
    heads = _recipient_table()
    parts = [p.strip() for p in fold(text).replace(" và ", ",").split(",") if p.strip()]
    found: list[tuple[str, str, str]] = []
    for part in parts:
        up = part.upper()
        head = next((h for h in heads if up.startswith(h)), None)
        if head:
            found.append((heads[head], part, part[len(head) :].strip()))
    tail = found[-1][2] if found else ""
    out: list[Organ | str] = []
    for code, part, rest in found:
        phrase = part if rest or not tail else f"{part} {tail}"
        system = "party" if codes.is_party_organ(code) else "state"
        out.append(cited_organ(DocumentId("0", None, code, system), phrase, ctx))
    return out
