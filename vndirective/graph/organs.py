"""The issuing organ: its levels, code, key, the level its code tells, and when two organs can be one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from typing import Literal

import regex

from ..core import codes
from ..core.ids import DocumentId
from ..core.normalize import skeleton
from .tables import entries, table

LEVELS: tuple[str, ...] = ("central", "province", "district", "commune", "cell")
UNKNOWN = "unknown"
Strength = Literal["strong", "weak"]
# 'TƯ' is written for both TW (central) and TU (province): the level decides.
_TW_OR_TU = ("TƯ", "Tư")


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """ASCII key of a name: 'Lục Ngạn' → 'luc-ngan'."""
    return regex.sub(r"[^a-z0-9]+", "-", skeleton(name).lower()).strip("-")


@dataclass(frozen=True)
class Organ:
    """An issuing organ: its code, its level, the units down to it and its own name.

    A document number is unique only within its organ and numbering period: every
    provincial committee issues a ``105-KL/TU`` in each term. So an organ is identified by
    its **code** (the organ part of its numbers: ``TU``, ``HU``, ``UBND``, ``BTGTU``, ``CP``),
    its **level** (``LEVELS`` or ``UNKNOWN``) and its **path**.

    ``path[i]`` is the name of the unit at ``LEVELS[i + 1]``: None when not known, ''
    when there is none (a commune directly under its province, from July 2025).
    ``name`` is the organ's own name when the code is shared by several organs of a
    unit ('QUÂN SỰ TỈNH' for ĐẢNG ỦY QUÂN SỰ TỈNH, 'KHU PHỐ 4' for a chi bộ).
    ``assumed`` are the indexes of ``path`` not printed but taken from a ``Gazetteer``:
    an organ with an assumed unit matches only weakly. ``code`` is '?' for a document whose
    number line is blank (an unsigned draft): its units and ``name`` then come from its header
    ('?@lao-cai/~so-cong-thuong').
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
        """Stable readable id: 'TU@bac-giang', 'HU@bac-giang/luc-ngan', 'TW', 'ĐU@nghe-an/~quan-su'
        ('UBND@?/tien-du': ``?`` is a unit the document does not name)."""
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


# --------------------------------------------------------------------------- codes


def organ_code(did: DocumentId | None) -> str:
    """The organ code of a number: the first group of its organ part ('UBND-VP' → 'UBND')."""
    if did is None or not did.organ:
        return "?"
    return regex.split(r"[-/]", did.organ)[0]


@cache
def _suffix_levels() -> list[tuple[str, str]]:
    found = entries(table()["party_suffix_levels"])
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


@cache
def _any_level() -> frozenset[str]:
    return frozenset(skeleton(c) for c in table()["any_level_codes"]["codes"])


def _party_suffix(code: str) -> tuple[str, str] | None:
    """(ending, level) of a Party organ code from ``party_suffix_levels`` (the longest ending wins)."""
    k = skeleton(code)
    return next(((suffix, level) for suffix, level in _suffix_levels() if k.endswith(suffix)), None)


@lru_cache(maxsize=4096)
def code_level(code: str, system: str | None) -> str | None:
    """The level an organ code belongs to, when the code alone tells it.

    'central_or_province' for 'TƯ'; None when the level is in the organ's name
    (UBND, HĐND, BHXH, BCSĐ...). For the codes of :func:`any_level_code` (ĐU) it is
    the level assumed when no name tells another.
    """
    k = skeleton(code)
    central, patterns = _central_codes()
    if k in central or any(p.match(code) for p in patterns):
        return "central"
    if system == "party" or codes.is_party_organ(code):
        if code in _TW_OR_TU:
            return "central_or_province"
        found = _party_suffix(code)
        return found[1] if found else None
    if any(p.match(code) for p in _province_patterns()):
        return "province"
    return None


@lru_cache(maxsize=4096)
def any_level_code(code: str, system: str | None) -> bool:
    """Whether a Party code is of a committee found at several levels (``any_level_codes``:
    ĐU is the đảng ủy of a commune, and also of a province's People's Committee, a bloc, an
    enterprise), so that the organ's name, not the code, tells its level and which one it is."""
    if system != "party" and not codes.is_party_organ(code):
        return False
    found = _party_suffix(code)
    return found is not None and found[0] in _any_level()


def canonical_code(code: str, level: str) -> str:
    """'TƯ' is written for both TW and TU: the level decides."""
    if code in _TW_OR_TU:
        return "TW" if level == "central" else "TU"
    return code


def with_level_code(did: DocumentId, organ: Organ) -> DocumentId:
    """The number with 'TƯ' written as the organ's TW or TU."""
    if did.organ in _TW_OR_TU and organ.code in ("TW", "TU"):
        return replace(did, organ=organ.code)
    return did


def id_key(did: DocumentId) -> tuple[object, ...]:
    """Comparison key of a number: leading zeros and letter case do not matter."""
    return did.key


# --------------------------------------------------------------------------- comparing


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
