"""Administrative units then and now: a separate step after parsing.

Since 1 July 2025 Vietnam has two levels of local government: provinces (63 merged into 34)
and communes; districts are gone. A document issued before names units that no longer
exist ('Huyện ủy Lục Ngạn', 'tỉnh Bắc Giang'). :func:`current_units` reads the units a
document names in its header (issuing organ, superior organ, place) and asks underthesea's
bundled merger table (``underthesea.address.convert_address``, offline) which unit holds
them now. It needs underthesea (``pip install "vndirective[units]"``); the parser does not.

The table maps provinces reliably; communes it often does not find (their names changed
with the mergers), and a district has no successor at all: the result says which
(``status`` 'success', 'partial' — the province only — or 'not_found').
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..core.model import Directive
from ..core.normalize import fold, skeleton

# (skeleton of a unit word, its level, the word as written in an address)
# A city ('thành phố') is a province (Hà Nội) or a district-level unit of one (Hạ Long): 'city' until the other line tells.
_LEVELS = (("THANH PHO", "city", "thành phố"), ("THANH", "city", "thành phố"), ("TINH", "province", "tỉnh"), ("HUYEN", "district", "huyện"),
           ("QUAN", "district", "quận"), ("THI XA", "district", "thị xã"), ("THI", "district", "thị xã"), ("XA", "commune", "xã"),
           ("PHUONG", "commune", "phường"), ("THI TRAN", "commune", "thị trấn"))
_UNIT = regex.compile(
    r"(?<![A-Z])(?P<unit>THANH PHO|THANH(?=\s+UY)|TINH|HUYEN|QUAN|THI XA|THI(?=\s+UY)|XA|PHUONG|THI TRAN)(?:\s+UY)?\s+"
    r"(?P<name>[A-Z][A-Z0-9]*(?:\s+[A-Z0-9]+){0,4})\s*$"
)


@dataclass(frozen=True)
class UnitMapping:
    """Where the units a document names are now."""

    named: str  # the units read from the document: 'huyện Lục Ngạn, tỉnh Bắc Giang'
    province_now: str | None
    commune_now: str | None
    status: str  # 'success' | 'partial' | 'not_found'
    note: str


def named_units(d: Directive) -> str | None:
    """The units of the header as an address, smallest first ('huyện Lục Ngạn, tỉnh Bắc Giang'), or None."""
    found: dict[str, str] = {}
    for value in (d.issuer, d.issuer_parent):
        if value:
            for level, written in _units_in(value):
                found.setdefault(level, written)
    if "city" in found:  # under a province, a city is one of its districts; alone, it is a province (Hà Nội)
        found.setdefault("district" if "province" in found else "province", found.pop("city"))
    if d.place and not found:
        found["place"] = d.place
    parts = [found[level] for level in ("commune", "district", "province", "place") if level in found]
    return ", ".join(parts) or None


def _units_in(organ: str) -> list[tuple[str, str]]:
    """('district', 'huyện Lục Ngạn') for 'HUYỆN ỦY LỤC NGẠN', 'ỦY BAN NHÂN DÂN HUYỆN LỤC NGẠN', 'ĐẢNG BỘ TỈNH BẮC GIANG'."""
    sk = skeleton(organ)
    m = _UNIT.search(sk)
    if m is None:
        return []
    level, written = next((lv, w) for s, lv, w in _LEVELS if s == m.group("unit"))
    name = " ".join(fold(organ[m.start("name") : m.end("name")]).split()).title()
    return [(level, f"{written} {name}")]


def current_units(d: Directive) -> UnitMapping | None:
    """The units named by a document's header, mapped to the units of today (None when it names none)."""
    named = named_units(d)
    if named is None:
        return None
    try:
        from underthesea.address import convert_address
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("current_units() needs underthesea's merger table: pip install 'vndirective[units]'") from exc
    result = convert_address(named)
    status = getattr(result.status, "value", str(result.status))
    return UnitMapping(named, result.new.province or None, result.new.ward or None, status, result.note)
