#!/usr/bin/env python3
"""Synthetic corpus of Vietnamese Party and state directives, with the true citation links known.

    python corpus/generate.py --n 10000 --seed 0 --out /tmp/gen

writes one ``.md`` or ``.txt`` file per document and ``links.json`` (the truth). As a module
(stdlib only, vndirective not needed): ``generate(n_docs, seed) -> list[GeneratedDoc]``,
``links(docs, seed) -> dict`` (the content of links.json). Same seed, same output.

World model
    Eight real provinces (before the 2025 mergers), each with its Tỉnh ủy (/TU), Ban Tuyên
    giáo (/BTGTU), Ủy ban Kiểm tra (/UBKTTU) and UBND tỉnh; real districts and the provincial
    city (Huyện ủy /HU, Thành ủy /ThU, UBND huyện / thành phố) and real communes and towns
    (Đảng ủy xã / thị trấn, /ĐU); the centre: Ban Chấp hành Trung ương (Bộ Chính trị, Ban Bí
    thư, BCH: /TW), Chính phủ (/NĐ-CP, /NQ-CP), Thủ tướng (/CT-TTg, /QĐ-TTg). Headers follow
    ../shared/domain.md (HD 36 and ND 30): a Tỉnh ủy prints no superior line, a Huyện ủy prints
    "ĐẢNG BỘ TỈNH X", a Đảng ủy xã prints "ĐẢNG BỘ HUYỆN Y", an organ of a committee prints the
    committee ("TỈNH ỦY X" over "BAN TUYÊN GIÁO"). Officials' names are fictitious.

Layouts (``GeneratedDoc.style``)
    md       a Word-to-Markdown conversion (bold header, "\\*", "# KẾT LUẬN", "\\- " items)
    plain    typed text, one paragraph per line
    wrapped  hard-wrapped at 80 columns (an id may break after its hyphen), Party title first or not
    layout   pdftotext -layout: the header and the signature in two columns, page breaks
    One district or commune document in ten prints the old spelling ("HUYỆN UỶ ĐỊNH HOÁ").

    Documents are dated 2016-03-01 .. 2025-06-30 (before the district level was abolished).
    Party numbers run per organ, per type, per committee term (local terms 2015-2020 and
    2020-2025 split at each organ's 2020 congress; central terms XII/XIII split on
    2021-02-01); state numbers run per organ, per type, per year (QPPL decisions, whose id
    carries the year, have their own series). Numbers grow with the organ's real issuing rate,
    so the same id (105-KL/TU, 12/2021/QĐ-UBND, 345/UBND-VX) exists in many provinces and in
    several terms or years; the documents of the corpus are a sample, the numbers between them
    were issued too but are not in the corpus.

Citations
    Each document cites 0-4 earlier documents (never a later one; a decision may add a tờ
    trình in its "Theo đề nghị" line): mostly its superior's (the
    province's for a district, the centre's for a province), its own earlier ones, sometimes
    another organ of the same province or district, rarely a named organ elsewhere; some cite
    documents that exist but are not in the corpus (a gap in a series: "missing"; the real
    central documents of ``ANCHORS``: "central_external"; a Sở or Ban Tổ chức tờ trình:
    "external"). They are printed in the real variants: with or without "số", date and issuer
    phrase; "105/KL/TU", "105 - KL/TU", "kết luận số 105/TU" (no type letters), number without
    its leading zero, lists sharing a type word, issuer before the number.

How a resolver should decide a citation (``RULES``; each citation of the truth names the rule
that leads to its true target, and ``decidable`` says whether the text alone suffices):
    organ:  central     the code is a central one (TW, CP, TTg)
            named       the issuer phrase names the organ's unit ("Tỉnh ủy Lạng Sơn")
            phrase_level  the phrase names only the level ("của Ban Thường vụ Tỉnh ủy", "của
                        UBND huyện"): the organ of that level that contains the citing organ
            code_level  no phrase; the Party organ code gives the level (TU: the citing
                        document's province, HU/ThU: its district, ĐU: the commune itself)
            own_organ_first  no phrase on a state id (UBND): the citing organ itself [not decidable]
    period: date        the printed date: the document of that organ with that id and date
            year_in_id  a QPPL id (12/2021/QĐ-UBND) carries the year
            latest_before  no date: the latest document of that organ with that id issued before
                        the citing document (among all issued, in the corpus or not) [not
                        decidable: a Party id is unique only within a term, a state id within a year]
            unresolvable  no date, and latest_before does not give the true target
    Organ keys follow vndirective.graph.organs's ``Organ.key``: 'TW', 'CP', 'TTg', 'TU@bac-giang',
    'HU@bac-giang/luc-ngan', 'UBND@bac-giang/luc-ngan', 'ĐU@bac-giang/luc-ngan/kien-lao'; a node
    key is 'organ key|doc_id|ISO date' ('TU@bac-giang|105-KL/TU|2021-06-15').
    ``target`` is the node key of the true target in the corpus, or null when it is not in the
    corpus (then a resolver should answer "not in the corpus"; ``true_organ``/``true_date`` say
    what it is).

Sources for names and codes: ../shared/domain.md; Party congress dates of 2020 and the
provinces' term numbers ("khóa") are approximate [K].
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import sys
import time
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WINDOW_START = dt.date(2016, 3, 1)
WINDOW_END = dt.date(2025, 6, 30)
CENTRAL_TERMS = ((dt.date(2016, 1, 29), "XII"), (dt.date(2021, 2, 2), "XIII"))

# --------------------------------------------------------------------------- geography

# province, (khóa of the 2015 and 2020 terms) [K], 2020 congress closing (month, day) [K],
# provincial city, {district: communes}
_PROVINCES: tuple[tuple[str, tuple[str, str], tuple[int, int], str, dict[str, tuple[str, ...]]], ...] = (
    (
        "Bắc Giang",
        ("XVIII", "XIX"),
        (10, 16),
        "Bắc Giang",
        {
            "Lục Ngạn": ("thị trấn Chũ", "xã Kiên Lao", "xã Nam Dương", "xã Quý Sơn", "xã Phượng Sơn", "xã Tân Quang"),
            "Lục Nam": ("thị trấn Đồi Ngô", "xã Bảo Đài", "xã Cẩm Lý"),
            "Yên Thế": ("thị trấn Phồn Xương", "thị trấn Bố Hạ", "xã Đồng Tâm", "xã Tam Tiến"),
            "Sơn Động": ("thị trấn An Châu", "xã Vĩnh An"),
            "Lạng Giang": ("thị trấn Vôi", "xã Tân Dĩnh", "xã Xương Lâm"),
        },
    ),
    (
        "Lạng Sơn",
        ("XVI", "XVII"),
        (10, 14),
        "Lạng Sơn",
        {
            "Cao Lộc": ("thị trấn Đồng Đăng", "xã Tân Liên"),
            "Lộc Bình": ("thị trấn Na Dương", "xã Khuất Xá"),
            "Chi Lăng": ("thị trấn Đồng Mỏ", "xã Quang Lang"),
            "Văn Lãng": ("thị trấn Na Sầm", "xã Hoàng Văn Thụ"),
            "Hữu Lũng": ("xã Minh Sơn", "xã Đồng Tân"),
        },
    ),
    (
        "Nghệ An",
        ("XVIII", "XIX"),
        (10, 16),
        "Vinh",
        {
            "Nghi Lộc": ("thị trấn Quán Hành", "xã Nghi Phong", "xã Nghi Thạch"),
            "Diễn Châu": ("thị trấn Diễn Châu", "xã Diễn Kỷ", "xã Diễn Hồng"),
            "Quỳnh Lưu": ("thị trấn Cầu Giát", "xã Quỳnh Thắng"),
            "Đô Lương": ("thị trấn Đô Lương", "xã Văn Sơn", "xã Lạc Sơn"),
            "Thanh Chương": ("xã Thanh Ngọc", "xã Thanh Lương"),
        },
    ),
    (
        "Thanh Hóa",
        ("XVIII", "XIX"),
        (10, 17),
        "Thanh Hóa",
        {
            "Hoằng Hóa": ("thị trấn Bút Sơn", "xã Hoằng Đạo", "xã Hoằng Trinh"),
            "Thọ Xuân": ("thị trấn Thọ Xuân", "xã Xuân Lai"),
            "Nông Cống": ("thị trấn Nông Cống", "xã Tượng Lĩnh"),
            "Hậu Lộc": ("thị trấn Hậu Lộc", "xã Đa Lộc"),
            "Vĩnh Lộc": ("thị trấn Vĩnh Lộc", "xã Vĩnh Hòa"),
        },
    ),
    (
        "Thái Nguyên",
        ("XIX", "XX"),
        (10, 15),
        "Thái Nguyên",
        {
            "Định Hóa": ("thị trấn Chợ Chu", "xã Phú Đình", "xã Điềm Mặc"),
            "Đại Từ": ("thị trấn Hùng Sơn", "xã La Bằng"),
            "Phú Lương": ("thị trấn Đu", "xã Yên Lạc"),
            "Đồng Hỷ": ("thị trấn Sông Cầu", "xã Hóa Thượng"),
        },
    ),
    (
        "Hà Tĩnh",
        ("XVIII", "XIX"),
        (10, 15),
        "Hà Tĩnh",
        {
            "Cẩm Xuyên": ("thị trấn Cẩm Xuyên", "xã Cẩm Bình", "xã Cẩm Nhượng"),
            "Can Lộc": ("thị trấn Nghèn", "xã Thiên Lộc"),
            "Hương Khê": ("thị trấn Hương Khê", "xã Phúc Đồng"),
            "Đức Thọ": ("thị trấn Đức Thọ", "xã Tùng Ảnh"),
        },
    ),
    (
        "Hưng Yên",
        ("XVIII", "XIX"),
        (10, 15),
        "Hưng Yên",
        {
            "Khoái Châu": ("thị trấn Khoái Châu", "xã Bình Minh", "xã Dạ Trạch"),
            "Văn Lâm": ("thị trấn Như Quỳnh", "xã Lạc Đạo"),
            "Kim Động": ("thị trấn Lương Bằng", "xã Toàn Thắng"),
            "Tiên Lữ": ("thị trấn Vương", "xã Thiện Phiến"),
        },
    ),
    (
        "Phú Thọ",
        ("XVIII", "XIX"),
        (10, 14),
        "Việt Trì",
        {
            "Thanh Sơn": ("thị trấn Thanh Sơn", "xã Sơn Hùng"),
            "Lâm Thao": ("thị trấn Lâm Thao", "thị trấn Hùng Sơn"),
            "Phù Ninh": ("thị trấn Phong Châu", "xã Phú Lộc"),
            "Cẩm Khê": ("xã Tiên Lương", "xã Văn Bán"),
        },
    ),
)


def slug(text: str) -> str:
    """ASCII slug: 'Lục Ngạn' -> 'luc-ngan'."""
    flat = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    flat = "".join(c for c in flat if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in flat).split())


def _h(*parts: object) -> int:
    """Stable hash (independent of PYTHONHASHSEED)."""
    return zlib.crc32("|".join(map(str, parts)).encode())


@dataclass(frozen=True)
class Organ:
    """An issuing organ of the world model."""

    key: str
    kind: str  # tw cp ttg tu btgtu ubkttu ubnd_tinh hu thu ubnd_huyen du | so btctu (external, never issue in the corpus)
    system: str  # party | state
    name: str  # issuer line(s) joined, as printed in the canonical spelling
    parent: str | None  # superior line of the header (issuer_parent), or None
    code: str  # organ code of the number
    place: str  # place of the place-date line
    province: str | None = None
    district: str | None = None
    district_unit: str | None = None  # 'huyện' | 'thành phố'
    commune: str | None = None
    commune_unit: str | None = None  # 'xã' | 'thị trấn'
    superior: str | None = None  # key of the organ above (Party or state line)
    term_starts: tuple[dt.date, ...] = ()
    term_labels: tuple[str, ...] = ()
    valid_to: dt.date = WINDOW_END

    @property
    def level(self) -> str:
        if self.kind in ("tw", "cp", "ttg"):
            return "central"
        return "commune" if self.commune else "district" if self.district else "province"

    def term_index(self, d: dt.date) -> int:
        return max(0, bisect.bisect_right(self.term_starts, d) - 1)


class World:
    """The organs, by key and by place."""

    def __init__(self) -> None:
        self._khoa: dict[str, tuple[str, str]] = {}
        self.organs: dict[str, Organ] = {}
        self.province_organs: dict[str, dict[str, Organ]] = {}
        self.district_organs: dict[tuple[str, str], dict[str, Organ]] = {}
        self.communes: dict[tuple[str, str], list[Organ]] = defaultdict(list)
        self.central: dict[str, Organ] = {}
        central_starts = tuple(s for s, _ in CENTRAL_TERMS)
        central_labels = tuple(label for _, label in CENTRAL_TERMS)
        for kind, name, code, system in (
            ("tw", "BAN CHẤP HÀNH TRUNG ƯƠNG", "TW", "party"),
            ("cp", "CHÍNH PHỦ", "CP", "state"),
            ("ttg", "THỦ TƯỚNG CHÍNH PHỦ", "TTg", "state"),
        ):
            self._add(Organ(code, kind, system, name, None, code, "Hà Nội", term_starts=central_starts, term_labels=central_labels))
            self.central[kind] = self.organs[code]
        for province, khoa, (cm, cd), city, districts in _PROVINCES:
            ps = slug(province)
            p_terms = (dt.date(2015, 10, 15), dt.date(2020, cm, cd) + dt.timedelta(days=1))
            labels = ("2015-2020", "2020-2025")
            P = province.upper()
            po: dict[str, Organ] = {}
            po["tu"] = Organ(f"TU@{ps}", "tu", "party", f"TỈNH ỦY {P}", None, "TU", province, province, superior="TW", term_starts=p_terms, term_labels=labels)
            po["btgtu"] = Organ(
                f"BTGTU@{ps}", "btgtu", "party", "BAN TUYÊN GIÁO", f"TỈNH ỦY {P}", "BTGTU", province, province,
                superior=f"TU@{ps}", term_starts=p_terms, term_labels=labels, valid_to=dt.date(2025, 2, 28),
            )  # fmt: skip
            po["ubkttu"] = Organ(
                f"UBKTTU@{ps}", "ubkttu", "party", "ỦY BAN KIỂM TRA", f"TỈNH ỦY {P}", "UBKTTU", province, province,
                superior=f"TU@{ps}", term_starts=p_terms, term_labels=labels,
            )  # fmt: skip
            po["ubnd_tinh"] = Organ(f"UBND@{ps}", "ubnd_tinh", "state", f"ỦY BAN NHÂN DÂN TỈNH {P}", None, "UBND", province, province, superior="TTg")
            self.province_organs[province] = po
            for o in po.values():
                self._add(o)
            self._khoa[province] = khoa
            for district, communes in ({city: ()} | districts).items():
                unit = "thành phố" if district == city else "huyện"
                ds = f"{ps}/{slug(district)}"
                h = _h(ds)
                d_terms = (dt.date(2015, 7, 1), dt.date(2020, 6, 1) + dt.timedelta(days=h % 70))
                D = district.upper()
                committee = "thu" if unit == "thành phố" else "hu"
                cname = f"THÀNH ỦY {D}" if unit == "thành phố" else f"HUYỆN ỦY {D}"
                do = {
                    "party": Organ(
                        f"{'ThU' if committee == 'thu' else 'HU'}@{ds}", committee, "party", cname, f"ĐẢNG BỘ TỈNH {P}", "ThU" if committee == "thu" else "HU",
                        district, province, district, unit, superior=f"TU@{ps}", term_starts=d_terms, term_labels=labels,
                    ),
                    "ubnd": Organ(
                        f"UBND@{ds}", "ubnd_huyen", "state", f"ỦY BAN NHÂN DÂN {unit.upper()} {D}", None, "UBND", district, province, district, unit,
                        superior=f"UBND@{ps}",
                    ),
                }  # fmt: skip
                self.district_organs[(province, district)] = do
                for o in do.values():
                    self._add(o)
                for commune in communes:
                    cunit, cname_ = ("thị trấn", commune[9:]) if commune.startswith("thị trấn ") else ("xã", commune[3:])
                    cs = f"{ds}/{slug(cname_)}"
                    c_terms = (dt.date(2015, 5, 1), dt.date(2020, 4, 1) + dt.timedelta(days=_h(cs) % 60))
                    co = Organ(
                        f"ĐU@{cs}", "du", "party", f"ĐẢNG ỦY {cunit.upper()} {cname_.upper()}", f"ĐẢNG BỘ {unit.upper()} {D}", "ĐU", cname_,
                        province, district, unit, cname_, cunit, superior=do["party"].key, term_starts=c_terms, term_labels=labels,
                    )  # fmt: skip
                    self._add(co)
                    self.communes[(province, district)].append(co)

    def _add(self, o: Organ) -> None:
        self.organs[o.key] = o

    def khoa(self, o: Organ, d: dt.date) -> str | None:
        """Term number of a provincial or central committee ('XIX'), else None."""
        if o.kind == "tw":
            return CENTRAL_TERMS[o.term_index(d)][1]
        if o.province and o.level == "province" and o.system == "party":
            return self._khoa[o.province][o.term_index(d)]
        return None

    def committee_of(self, o: Organ) -> Organ | None:
        """The Party committee of the organ's unit (Tỉnh ủy, Huyện ủy, Đảng ủy)."""
        if o.level == "central":
            return self.central["tw"]
        if o.level == "commune":
            return o
        if o.level == "district":
            return self.district_organs[(o.province or "", o.district or "")]["party"]
        return self.province_organs[o.province or ""]["tu"]

    def natural(self, citing: Organ, target: Organ) -> bool:
        """True when the target's level alone, seen from the citing organ, names the target."""
        if target.level == "central":
            return True
        if citing.level == "central" or citing.province != target.province:
            return False
        if target.level == "province":
            return True
        if target.level == "district":
            return citing.level in ("district", "commune") and citing.district == target.district
        return citing.key == target.key


# --------------------------------------------------------------------------- document types and rates

# kind -> {type: (share among the organ's corpus documents, documents issued per year)}
_TYPES: dict[str, dict[str, tuple[float, float]]] = {
    "tw": {"NQ": (3, 14), "CT": (3, 9), "KL": (4, 35), "QĐ": (2, 40)},
    "cp": {"NĐ": (5, 150), "NQ": (3, 190)},
    "ttg": {"CT": (5, 30), "QĐ": (4, 1900)},
    "tu": {"NQ": (8, 8), "KL": (16, 60), "CT": (6, 4), "KH": (16, 45), "CV": (18, 550), "TB": (10, 250), "QĐ": (8, 700), "BC": (8, 120), "HD": (4, 8)},
    "btgtu": {"HD": (10, 18), "KH": (8, 25), "CV": (8, 220), "BC": (3, 60)},
    "ubkttu": {"TB": (6, 40), "QĐ": (5, 110), "KH": (4, 6), "BC": (3, 35)},
    "ubnd_tinh": {"QĐ": (16, 2400), "QPPL": (8, 35), "CV": (22, 6500), "KH": (18, 240), "BC": (8, 320), "TB": (8, 380), "CT": (6, 18)},
    "hu": {"NQ": (8, 6), "KL": (14, 30), "CT": (5, 3), "KH": (16, 28), "CV": (22, 320), "TB": (12, 110), "QĐ": (6, 320), "BC": (8, 70)},
    "ubnd_huyen": {"QĐ": (16, 1400), "CV": (28, 2100), "KH": (20, 160), "BC": (14, 280), "TB": (10, 150)},
    "du": {"NQ": (14, 12), "KL": (14, 12), "KH": (14, 12), "CV": (14, 35), "TB": (10, 20), "QĐ": (8, 45), "BC": (10, 18)},
    "so": {"TTr": (0, 300)},
    "btctu": {"TTr": (0, 150)},
}
_TYPES["thu"] = _TYPES["hu"]
_ORGAN_WEIGHT = {
    "tw": 4.0,
    "cp": 1.5,
    "ttg": 1.5,
    "tu": 3.0,
    "btgtu": 1.0,
    "ubkttu": 0.5,
    "ubnd_tinh": 3.0,
    "hu": 1.5,
    "thu": 1.5,
    "ubnd_huyen": 1.2,
    "du": 0.4,
}
_CITABLE = frozenset({"NQ", "KL", "CT", "KH", "HD", "QĐ", "QPPL", "CV", "TB", "NĐ"})

TYPE_WORDS = {
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "CV": "Công văn",
    "TB": "Thông báo",
    "QĐ": "Quyết định",
    "QPPL": "Quyết định",
    "BC": "Báo cáo",
    "HD": "Hướng dẫn",
    "NĐ": "Nghị định",
    "TTr": "Tờ trình",
    "QĐi": "Quy định",
}
TYPE_NAMES = {k: v.upper() for k, v in TYPE_WORDS.items()}

_UNITS_TINH = ("VX", "NC", "KT", "TH", "KGVX", "NN")
_UNITS_HUYEN = ("VP", "TNMT", "KT", "NV", "VH")
_SO = (("Sở Nội vụ", "SNV"), ("Sở Tài chính", "STC"), ("Sở Kế hoạch và Đầu tư", "SKHĐT"), ("Sở Y tế", "SYT"), ("Sở Giáo dục và Đào tạo", "SGDĐT"))


# --------------------------------------------------------------------------- documents (internal)


@dataclass
class _Doc:
    organ: Organ
    dtype: str  # type code; 'QPPL' = a legal normative decision (QĐ with the year in the id)
    date: dt.date
    number: int = 0
    unit: str = ""  # drafting unit of a state công văn
    status: str = "corpus"  # corpus | missing | central_external | external
    body: str = ""  # the issuing body named in citations: 'Ban Thường vụ Tỉnh ủy', 'Bộ Chính trị'
    about: str = ""  # 'về ...' phrase used when the document is cited
    type_word: str = ""
    topic: int = 0
    index: int = -1

    @property
    def code(self) -> str:
        return "QĐ" if self.dtype == "QPPL" else self.dtype

    @property
    def period(self) -> int:
        return self.organ.term_index(self.date) if self.organ.system == "party" else self.date.year

    @property
    def series(self) -> tuple[str, str, int]:
        return (self.organ.key, self.dtype, self.period)

    def num(self, zero: bool = True) -> str:
        return f"{self.number:02d}" if zero else str(self.number)

    def doc_id(self, zero: bool = True) -> str:
        n, o = self.num(zero), self.organ
        if o.system == "party":
            return f"{n}-{self.code}/{o.code}"
        if self.dtype in ("QPPL", "NĐ"):
            return f"{n}/{self.date.year}/{self.code}-{o.code}"
        if self.dtype == "CV":
            return f"{n}/{o.code}-{self.unit}"
        return f"{n}/{self.code}-{o.code}"

    @property
    def key(self) -> str:
        return f"{self.organ.key}|{self.doc_id()}|{self.date.isoformat()}"


# Real central documents, cited but never in the corpus: (organ kind, type, number, date, body, about)
ANCHORS: tuple[tuple[str, str, int, dt.date, str, str], ...] = (
    ("tw", "CT", 5, dt.date(2016, 5, 15), "Bộ Chính trị", "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    (
        "tw",
        "NQ",
        18,
        dt.date(2017, 10, 25),
        "Ban Chấp hành Trung ương",
        "một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
    ),
    (
        "tw",
        "NQ",
        19,
        dt.date(2017, 10, 25),
        "Ban Chấp hành Trung ương",
        "tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động của các đơn vị sự nghiệp công lập",
    ),
    ("tw", "QĐ", 105, dt.date(2017, 12, 19), "Bộ Chính trị", "phân cấp quản lý cán bộ và bổ nhiệm, giới thiệu cán bộ ứng cử"),
    (
        "tw",
        "NQ",
        26,
        dt.date(2018, 5, 19),
        "Ban Chấp hành Trung ương",
        "tập trung xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược, đủ phẩm chất, năng lực và uy tín, ngang tầm nhiệm vụ",
    ),
    ("tw", "NQ", 37, dt.date(2018, 12, 24), "Bộ Chính trị", "việc sắp xếp các đơn vị hành chính cấp huyện và cấp xã"),
    ("tw", "CT", 35, dt.date(2019, 5, 30), "Bộ Chính trị", "đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"),
    (
        "tw",
        "KL",
        1,
        dt.date(2021, 5, 18),
        "Bộ Chính trị",
        "tiếp tục thực hiện Chỉ thị của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    (
        "tw",
        "CT",
        4,
        dt.date(2021, 6, 2),
        "Ban Bí thư",
        "tăng cường sự lãnh đạo của Đảng đối với công tác thu hồi tiền, tài sản bị thất thoát, chiếm đoạt trong các vụ án hình sự về tham nhũng, kinh tế",
    ),
    ("tw", "KL", 21, dt.date(2021, 10, 25), "Ban Chấp hành Trung ương", "đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị"),
    (
        "tw",
        "NQ",
        21,
        dt.date(2022, 6, 16),
        "Ban Chấp hành Trung ương",
        "tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới",
    ),
    (
        "tw",
        "NQ",
        27,
        dt.date(2022, 11, 9),
        "Ban Chấp hành Trung ương",
        "tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới",
    ),
    ("tw", "NQ", 41, dt.date(2023, 10, 10), "Bộ Chính trị", "xây dựng và phát huy vai trò của đội ngũ doanh nhân Việt Nam trong thời kỳ mới"),
    ("tw", "QĐ", 144, dt.date(2024, 5, 9), "Bộ Chính trị", "chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới"),
    ("tw", "NQ", 57, dt.date(2024, 12, 22), "Bộ Chính trị", "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"),
    ("tw", "NQ", 60, dt.date(2025, 4, 12), "Ban Chấp hành Trung ương", "Hội nghị lần thứ mười một Ban Chấp hành Trung ương Đảng khóa XIII"),
    ("tw", "NQ", 68, dt.date(2025, 5, 4), "Bộ Chính trị", "phát triển kinh tế tư nhân"),
    ("cp", "NĐ", 34, dt.date(2016, 5, 14), "Chính phủ", "quy định chi tiết một số điều và biện pháp thi hành Luật Ban hành văn bản quy phạm pháp luật"),
    ("cp", "NĐ", 30, dt.date(2020, 3, 5), "Chính phủ", "công tác văn thư"),
    ("cp", "NĐ", 136, dt.date(2020, 11, 24), "Chính phủ", "quy định chi tiết một số điều và biện pháp thi hành Luật Phòng cháy và chữa cháy"),
    ("cp", "NĐ", 31, dt.date(2021, 3, 26), "Chính phủ", "quy định chi tiết và hướng dẫn thi hành một số điều của Luật Đầu tư"),
    ("cp", "NQ", 128, dt.date(2021, 10, 11), "Chính phủ", "ban hành Quy định tạm thời “Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19”"),
    ("ttg", "CT", 15, dt.date(2020, 3, 27), "Thủ tướng Chính phủ", "quyết liệt thực hiện đợt cao điểm phòng, chống dịch COVID-19"),
    ("ttg", "CT", 16, dt.date(2020, 3, 31), "Thủ tướng Chính phủ", "thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19"),
    (
        "ttg",
        "QĐ",
        6,
        dt.date(2022, 1, 6),
        "Thủ tướng Chính phủ",
        "phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia",
    ),
)


# --------------------------------------------------------------------------- content

# key, 'về ...' phrase, years, situation sentences, task predicates (after an actor)
_TOPICS: tuple[tuple[str, str, tuple[int, int], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "covid",
        "tăng cường công tác phòng, chống dịch Covid-19",
        (2020, 2022),
        (
            "Thời gian qua, tình hình dịch bệnh Covid-19 diễn biến phức tạp, số ca mắc mới trong cộng đồng có xu hướng tăng, ảnh hưởng trực tiếp đến "
            "sản xuất, kinh doanh và đời sống Nhân dân.",
            "Cấp ủy, chính quyền các cấp đã nhất quán quan điểm “chống dịch như chống giặc”, kiên trì thực hiện “mục tiêu kép” vừa phòng, chống dịch "
            "hiệu quả, vừa phát triển kinh tế - xã hội.",
        ),
        (
            "duy trì nghiêm các biện pháp phòng, chống dịch tại khu dân cư, cơ quan, doanh nghiệp; kiểm soát chặt chẽ người từ vùng có dịch trở về địa phương.",
            "đẩy nhanh tiến độ tiêm vắc xin phòng Covid-19, ưu tiên người cao tuổi, người có bệnh nền và lực lượng tuyến đầu.",
            "phát huy vai trò của Tổ Covid cộng đồng, bảo đảm giám sát thực chất, hiệu quả đến từng hộ gia đình.",
        ),
    ),
    (
        "ntm",
        "đẩy mạnh xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
        (2016, 2025),
        (
            "Phong trào xây dựng nông thôn mới tiếp tục được các cấp, các ngành và Nhân dân hưởng ứng tích cực; hạ tầng giao thông, thủy lợi, trường "
            "học, nhà văn hóa được đầu tư đồng bộ.",
            "Tuy nhiên, một số tiêu chí về thu nhập, môi trường, an ninh trật tự chưa thật sự bền vững; nguồn lực huy động từ xã hội hóa còn hạn chế.",
        ),
        (
            "rà soát, đánh giá thực trạng các tiêu chí, xây dựng lộ trình cụ thể cho từng xã phấn đấu đạt chuẩn nông thôn mới nâng cao.",
            "lồng ghép các nguồn vốn, ưu tiên đầu tư các công trình thiết yếu phục vụ sản xuất và dân sinh.",
            "tuyên truyền, vận động Nhân dân hiến đất, góp công làm đường giao thông nông thôn, chỉnh trang khu dân cư.",
        ),
    ),
    (
        "cds",
        "đẩy mạnh chuyển đổi số trong hoạt động của cơ quan đảng, chính quyền",
        (2020, 2025),
        (
            "Công tác chuyển đổi số đã có bước chuyển biến tích cực; việc gửi, nhận văn bản điện tử, hội nghị trực tuyến được thực hiện thường xuyên.",
            "Tuy nhiên, hạ tầng công nghệ thông tin ở cơ sở còn thiếu đồng bộ; kỹ năng số của một bộ phận cán bộ, công chức chưa đáp ứng yêu cầu.",
        ),
        (
            "triển khai việc gửi, nhận văn bản điện tử có ký số đến cấp cơ sở; không gửi văn bản giấy đối với các văn bản đã gửi điện tử.",
            "đầu tư nâng cấp hạ tầng mạng, thiết bị bảo đảm an toàn, an ninh thông tin; chuẩn hóa, số hóa hồ sơ lưu trữ.",
            "tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức và thành viên tổ công nghệ số cộng đồng.",
        ),
    ),
    (
        "datdai",
        "tăng cường công tác quản lý đất đai, trật tự xây dựng",
        (2016, 2025),
        (
            "Công tác quản lý nhà nước về đất đai, trật tự xây dựng có chuyển biến tích cực; việc cấp giấy chứng nhận quyền sử dụng đất lần đầu được "
            "đẩy nhanh.",
            "Tuy nhiên, tình trạng lấn chiếm, xây dựng công trình trái phép trên đất nông nghiệp vẫn còn xảy ra; việc xử lý một số vi phạm tồn đọng còn chậm.",
        ),
        (
            "tổ chức kiểm tra, rà soát các trường hợp vi phạm đất đai, trật tự xây dựng; xử lý dứt điểm các vi phạm tồn đọng, kiên quyết không để "
            "phát sinh vi phạm mới.",
            "công khai quy hoạch, kế hoạch sử dụng đất; cập nhật kịp thời biến động đất đai vào hồ sơ địa chính.",
            "xem xét trách nhiệm người đứng đầu để xảy ra vi phạm kéo dài trên địa bàn quản lý.",
        ),
    ),
    (
        "canbo",
        "công tác cán bộ và xây dựng đội ngũ cán bộ các cấp",
        (2016, 2025),
        (
            "Công tác cán bộ được thực hiện chặt chẽ, đúng nguyên tắc, quy trình; việc quy hoạch, đào tạo, luân chuyển cán bộ có nhiều tiến bộ.",
            "Tuy nhiên, chất lượng đội ngũ cán bộ ở một số nơi chưa đồng đều; việc phát hiện, tạo nguồn cán bộ trẻ, cán bộ nữ còn hạn chế.",
        ),
        (
            "rà soát, bổ sung quy hoạch cán bộ lãnh đạo, quản lý; chú trọng cán bộ trẻ, cán bộ nữ, cán bộ người dân tộc thiểu số.",
            "thực hiện nghiêm quy định về kiểm soát quyền lực trong công tác cán bộ; công khai, minh bạch các khâu của quy trình.",
            "đánh giá, xếp loại cán bộ gắn với kết quả thực hiện nhiệm vụ được giao, bằng sản phẩm cụ thể.",
        ),
    ),
    (
        "daihoi",
        "lãnh đạo tổ chức đại hội đảng bộ các cấp",
        (2019, 2025),
        (
            "Đại hội đảng bộ các cấp là sinh hoạt chính trị quan trọng, là đợt sinh hoạt chính trị sâu rộng trong toàn Đảng bộ.",
            "Công tác chuẩn bị văn kiện, nhân sự và tổ chức phục vụ đại hội đã được các cấp ủy triển khai chủ động, đúng kế hoạch.",
        ),
        (
            "chuẩn bị chu đáo văn kiện đại hội, bảo đảm chất lượng, phản ánh đúng tình hình thực tế và đề ra mục tiêu, nhiệm vụ khả thi.",
            "thực hiện đúng quy trình công tác nhân sự cấp ủy; thẩm định kỹ tiêu chuẩn chính trị của nhân sự dự kiến.",
            "làm tốt công tác bảo vệ chính trị nội bộ, giữ vững an ninh, trật tự trong thời gian diễn ra đại hội.",
        ),
    ),
    (
        "pccc",
        "tăng cường công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        (2016, 2025),
        (
            "Thời gian gần đây, trên địa bàn xảy ra một số vụ cháy tại nhà ở kết hợp sản xuất, kinh doanh, gây thiệt hại về người và tài sản.",
            "Nguyên nhân chủ yếu do ý thức chấp hành quy định về phòng cháy, chữa cháy của một bộ phận người dân chưa cao; công tác kiểm tra có lúc "
            "chưa thường xuyên.",
        ),
        (
            "tổng rà soát các cơ sở có nguy cơ cháy, nổ cao; hướng dẫn các hộ gia đình bố trí lối thoát nạn thứ hai, trang bị bình chữa cháy.",
            "duy trì hoạt động của lực lượng dân phòng và mô hình “Tổ liên gia an toàn phòng cháy, chữa cháy”.",
            "tuyên truyền kỹ năng thoát nạn, sử dụng phương tiện chữa cháy tại chỗ trên hệ thống truyền thanh cơ sở.",
        ),
    ),
    (
        "thientai",
        "chủ động phòng, chống thiên tai và tìm kiếm cứu nạn",
        (2016, 2025),
        (
            "Theo dự báo, mùa mưa bão năm nay có diễn biến phức tạp, nguy cơ xảy ra lũ quét, sạt lở đất ở khu vực miền núi.",
            "Công tác phòng, chống thiên tai đã được các cấp quan tâm, nhưng một số công trình hồ đập, đê điều xuống cấp chưa được sửa chữa kịp thời.",
        ),
        (
            "kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn; xây dựng phương án ứng phó theo phương châm “bốn tại chỗ”.",
            "kiểm tra an toàn hồ đập, đê điều, các khu dân cư có nguy cơ sạt lở; chủ động di dời người dân khỏi vùng nguy hiểm.",
            "chuẩn bị đầy đủ vật tư, phương tiện, lương thực dự phòng tại các địa bàn xung yếu.",
        ),
    ),
    (
        "ktxh",
        "phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh",
        (2016, 2025),
        (
            "Trong bối cảnh còn nhiều khó khăn, kinh tế tiếp tục phục hồi; thu ngân sách nhà nước trên địa bàn đạt khá so với dự toán.",
            "Tuy nhiên, tiến độ giải ngân vốn đầu tư công còn chậm; công tác bồi thường, giải phóng mặt bằng ở một số dự án còn vướng mắc kéo dài.",
        ),
        (
            "tập trung tháo gỡ khó khăn cho sản xuất, kinh doanh; đẩy nhanh tiến độ giải ngân vốn đầu tư công.",
            "tăng cường quản lý thu, chống thất thu ngân sách; thực hành tiết kiệm, chống lãng phí.",
            "giữ vững quốc phòng, an ninh, bảo đảm trật tự, an toàn xã hội trên địa bàn.",
        ),
    ),
    (
        "danvan",
        "tăng cường công tác dân vận trong tình hình mới",
        (2016, 2025),
        (
            "Công tác dân vận của hệ thống chính trị có nhiều đổi mới; phong trào thi đua “Dân vận khéo” được triển khai sâu rộng.",
            "Tuy nhiên, việc tiếp xúc, đối thoại với Nhân dân ở một số nơi còn hình thức; việc giải quyết kiến nghị của cử tri có lúc chưa kịp thời.",
        ),
        (
            "thực hiện nghiêm quy chế dân chủ ở cơ sở; tổ chức đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với Nhân dân.",
            "nhân rộng các mô hình “Dân vận khéo” tiêu biểu, gắn với thực hiện các nhiệm vụ chính trị của địa phương.",
            "nắm chắc tình hình tư tưởng của Nhân dân, giải quyết kịp thời các kiến nghị chính đáng ngay từ cơ sở.",
        ),
    ),
    (
        "kiemtra",
        "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
        (2016, 2025),
        (
            "Công tác kiểm tra, giám sát được các cấp ủy, tổ chức đảng quan tâm lãnh đạo; việc thi hành kỷ luật đảng bảo đảm nghiêm minh, đúng nguyên tắc.",
            "Tuy nhiên, việc tự kiểm tra của một số chi bộ còn hình thức; chất lượng giám sát thường xuyên chưa cao.",
        ),
        (
            "xây dựng và thực hiện chương trình kiểm tra, giám sát trọng tâm, có trọng điểm; tập trung vào những lĩnh vực nhạy cảm, dễ phát sinh sai phạm.",
            "giải quyết kịp thời đơn thư tố cáo, khiếu nại liên quan đến tổ chức đảng và đảng viên.",
            "xem xét, xử lý nghiêm các tổ chức đảng, đảng viên vi phạm; công khai kết quả xử lý theo quy định.",
        ),
    ),
    (
        "moitruong",
        "bảo vệ môi trường, xử lý rác thải sinh hoạt ở khu dân cư",
        (2016, 2025),
        (
            "Tình trạng rác thải sinh hoạt chưa được thu gom, xử lý triệt để ở một số khu dân cư, gây ô nhiễm môi trường và bức xúc trong Nhân dân.",
            "Việc phân loại rác tại nguồn mới được triển khai thí điểm ở một số địa bàn; kinh phí cho công tác thu gom còn hạn chế.",
        ),
        (
            "tổ chức thu gom, vận chuyển, xử lý rác thải sinh hoạt theo đúng quy định; xử lý dứt điểm các điểm tập kết rác tự phát.",
            "nhân rộng mô hình phân loại rác thải tại nguồn, “Tuyến đường xanh - sạch - đẹp” ở khu dân cư.",
            "kiểm tra, xử lý nghiêm các cơ sở sản xuất xả thải không đúng quy định ra môi trường.",
        ),
    ),
    (
        "cchc",
        "đẩy mạnh cải cách hành chính, cải thiện môi trường đầu tư kinh doanh",
        (2016, 2025),
        (
            "Công tác cải cách hành chính đạt nhiều kết quả; tỷ lệ hồ sơ giải quyết đúng hạn tăng so với cùng kỳ.",
            "Tuy nhiên, vẫn còn tình trạng hồ sơ giải quyết quá hạn; tinh thần, thái độ phục vụ của một số cán bộ, công chức chưa tốt.",
        ),
        (
            "rà soát, đơn giản hóa thủ tục hành chính; công khai đầy đủ, kịp thời các thủ tục tại bộ phận một cửa.",
            "tăng cường kỷ luật, kỷ cương hành chính; xử lý nghiêm cán bộ, công chức gây phiền hà, sách nhiễu người dân, doanh nghiệp.",
            "đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình, thanh toán trực tuyến.",
        ),
    ),
    (
        "sapxep",
        "sắp xếp đơn vị hành chính cấp huyện, cấp xã",
        (2019, 2025),
        (
            "Việc sắp xếp đơn vị hành chính là chủ trương lớn của Đảng, có ý nghĩa quan trọng trong việc tinh gọn bộ máy, nâng cao hiệu lực, hiệu "
            "quả quản lý nhà nước.",
            "Các cấp ủy, chính quyền đã chủ động xây dựng phương án, tổ chức lấy ý kiến cử tri bảo đảm công khai, dân chủ.",
        ),
        (
            "làm tốt công tác tư tưởng cho cán bộ, đảng viên và Nhân dân ở các đơn vị thực hiện sắp xếp.",
            "xây dựng phương án bố trí, sắp xếp cán bộ, công chức dôi dư; giải quyết chế độ, chính sách kịp thời, đúng quy định.",
            "bàn giao hồ sơ, tài liệu, tài sản, trụ sở làm việc bảo đảm chặt chẽ, không để gián đoạn hoạt động.",
        ),
    ),
    (
        "hocbac",
        "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        (2016, 2025),
        (
            "Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh đã trở thành việc làm thường xuyên của các cấp ủy, tổ chức đảng.",
            "Nhiều tập thể, cá nhân điển hình được biểu dương, khen thưởng, tạo sức lan tỏa trong Đảng bộ và Nhân dân.",
        ),
        (
            "đưa nội dung học tập và làm theo Bác vào sinh hoạt chi bộ định kỳ; mỗi cán bộ, đảng viên đăng ký việc làm cụ thể.",
            "phát hiện, bồi dưỡng, biểu dương các điển hình tiên tiến; nhân rộng các mô hình hay, cách làm sáng tạo.",
            "gắn việc học tập và làm theo Bác với thực hiện các quy định về trách nhiệm nêu gương của cán bộ, đảng viên.",
        ),
    ),
    (
        "giamngheo",
        "thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững",
        (2021, 2025),
        (
            "Tỷ lệ hộ nghèo giảm nhanh qua từng năm; đời sống vật chất, tinh thần của Nhân dân vùng khó khăn được cải thiện rõ rệt.",
            "Tuy nhiên, kết quả giảm nghèo chưa thật sự bền vững; tỷ lệ hộ cận nghèo còn cao, nguy cơ tái nghèo lớn.",
        ),
        (
            "rà soát, xác định đúng đối tượng hộ nghèo, hộ cận nghèo; thực hiện đầy đủ, kịp thời các chính sách hỗ trợ.",
            "lồng ghép các nguồn lực hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế, tạo việc làm cho người nghèo.",
            "vận động các tổ chức, cá nhân ủng hộ Quỹ “Vì người nghèo”, hỗ trợ xóa nhà tạm, nhà dột nát.",
        ),
    ),
)

_PARTY_TOPICS = frozenset({"kiemtra", "daihoi", "hocbac", "danvan", "canbo"})
_ORGAN_TOPICS = {"ubkttu": ("kiemtra",), "btgtu": ("hocbac", "danvan", "cds", "daihoi")}

_GENERIC_TASKS = (
    "tổ chức quán triệt, triển khai thực hiện nghiêm túc {ref}; xây dựng kế hoạch cụ thể, phân công rõ người, rõ việc, rõ trách nhiệm.",
    "tăng cường công tác tuyên truyền để cán bộ, đảng viên và Nhân dân nhận thức đầy đủ về {about}.",
    "đưa nội dung thực hiện vào chương trình kiểm tra, giám sát năm {year}; kịp thời phát hiện, chấn chỉnh những hạn chế, thiếu sót.",
    "chủ động nắm tình hình, kịp thời tham mưu, đề xuất giải quyết những khó khăn, vướng mắc phát sinh.",
    "bố trí nguồn lực, kinh phí bảo đảm cho việc thực hiện các nhiệm vụ, giải pháp đề ra.",
    "theo dõi, đôn đốc, tổng hợp kết quả thực hiện, báo cáo {boss} trước ngày {deadline}.",
)

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Hà", "Lương")
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Xuân", "Ngọc", "Công", "Đình", "Thu")
_GIVEN = ("Hùng", "Lan", "Sơn", "Hải", "Thắng", "Hương", "Dũng", "Tuấn", "Bình", "Thủy", "Long", "Nam", "Hòa", "Phương", "Quân", "Trung", "Khánh", "Hà")
_ROMAN = ("I", "II", "III", "IV", "V", "VI")
_LETTERS = "abcdđeg"


def _person(*key: object) -> str:
    """A fictitious full name, stable for an organ, term and role."""
    h = _h(*key)
    return f"{_SURNAMES[h % len(_SURNAMES)]} {_MIDDLE[(h >> 5) % len(_MIDDLE)]} {_GIVEN[(h >> 10) % len(_GIVEN)]}"


def fmt_date_header(d: dt.date, pad: bool = True) -> str:
    """'ngày 05 tháng 01 năm 2020' (leading zero for days < 10 and months 1-2, ND 30 / HD 36)."""
    day = f"{d.day:02d}" if pad else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


# --------------------------------------------------------------------------- public types


@dataclass
class Citation:
    """The truth about one cited document (all its mentions in one citing document)."""

    doc_id: str  # canonical form of the id as printed (what a parser should output)
    printed_id: str  # the id as printed in the first mention
    mentions: list[str]  # every mention, as printed
    target: str | None  # node key of the true target in the corpus, or None (not in the corpus)
    status: str  # corpus | missing | central_external | external
    relation: str  # own | superior | sibling | central | other_unit | external
    true_organ: str
    true_doc_id: str
    true_date: str
    has_date: bool
    has_issuer: bool
    organ_rule: str
    period_rule: str
    decidable: bool
    corpus_same_id: int = 0  # corpus documents (any organ, any period) with the same canonical id

    @property
    def rule(self) -> str:
        return f"{self.organ_rule}+{self.period_rule}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "printed_id": self.printed_id,
            "mentions": self.mentions,
            "target": self.target,
            "status": self.status,
            "relation": self.relation,
            "true_organ": self.true_organ,
            "true_doc_id": self.true_doc_id,
            "true_date": self.true_date,
            "has_date": self.has_date,
            "has_issuer": self.has_issuer,
            "decidable": self.decidable,
            "ambiguous": not self.decidable,
            "rule": self.rule,
            "corpus_same_id": self.corpus_same_id,
        }


@dataclass
class GeneratedDoc:
    """A generated document: its text, its file name and the truth about it."""

    file_name: str
    text: str
    key: str  # node key: organ key | doc_id | ISO date
    organ: str
    system: str
    issuer: str
    issuer_parent: str | None
    doc_id: str
    doc_type: str
    number: str
    date: dt.date
    place: str
    term: str  # Party term ('2020-2025', 'XIII') or the year of a state document
    subject: str
    style: str
    tasks: list[str] = field(default_factory=list)  # top-level task numbers
    signature: dict[str, str | None] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)

    @property
    def reference_ids(self) -> set[str]:
        """Canonical ids a parser should report as references."""
        return {c.doc_id for c in self.citations}

    def truth(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "key": self.key,
            "organ": self.organ,
            "system": self.system,
            "issuer": self.issuer,
            "issuer_parent": self.issuer_parent,
            "doc_id": self.doc_id,
            "doc_type": self.doc_type,
            "number": self.number,
            "date": self.date.isoformat(),
            "place": self.place,
            "term": self.term,
            "subject": self.subject,
            "style": self.style,
            "tasks": self.tasks,
            "signature": self.signature,
            "citations": [c.to_dict() for c in self.citations],
        }


RULES = {
    "organ": {
        "central": "a central code (TW, CP, TTg): the central organ",
        "named": "the issuer phrase names the unit ('Tỉnh ủy Lạng Sơn', 'UBND huyện Lục Nam', 'Sở Nội vụ' of the citing province)",
        "phrase_level": "the issuer phrase gives the level only ('của Ban Thường vụ Tỉnh ủy', 'của UBND huyện'): "
        "that level's organ containing the citing organ",
        "code_level": "no issuer phrase; the Party organ code gives the level "
        "(TU/BTGTU/UBKTTU: the citing document's province; HU/ThU: its district; ĐU: itself)",
        "own_organ_first": "no issuer phrase on a state id (UBND): the citing organ itself (not decidable from the text alone)",
    },
    "period": {
        "date": "the printed date: the document with that id and that date",
        "year_in_id": "a QPPL id (12/2021/QĐ-UBND) carries the year: that year's document",
        "latest_before": "no date: the latest document of that organ with that id issued before the citing document (not decidable)",
        "unresolvable": "no date, and latest_before does not give the true target: report ambiguity",
    },
    "decidable": "organ rule in (central, named, phrase_level, code_level) and period rule in (date, year_in_id)",
    "target": "node key 'organ|doc_id|date' of the true target in the corpus; null when it is not in the corpus (status missing, central_external, external)",
}


# --------------------------------------------------------------------------- the generator


class _Series:
    """Known numbers of one series (organ, type, term or year), kept in date order."""

    __slots__ = ("dates", "numbers", "rate", "start", "used")

    def __init__(self, start: dt.date, rate: float) -> None:
        self.start, self.rate = start, rate
        self.dates: list[dt.date] = []
        self.numbers: list[int] = []
        self.used: set[int] = set()

    def expected(self, d: dt.date) -> float:
        return self.rate * max(0, (d - self.start).days) / 365.25

    def bounds(self, d: dt.date) -> tuple[int, int]:
        """Lowest and highest free number for a document dated d that keeps numbers in date order."""
        i = bisect.bisect_right(self.dates, d)
        lo = max(self.numbers[:i], default=0) + 1
        hi = min(self.numbers[i:], default=10**6) - 1
        return lo, hi

    def add(self, d: dt.date, n: int) -> None:
        i = bisect.bisect_right(self.dates, d)
        self.dates.insert(i, d)
        self.numbers.insert(i, n)
        self.used.add(n)

    def counter_at(self, d: dt.date) -> int:
        """An upper estimate of the highest number issued up to d."""
        i = bisect.bisect_right(self.dates, d)
        return max(max(self.numbers[:i], default=0), int(self.expected(d) * 1.2) + 1)


class _Generator:
    def __init__(self, n_docs: int, seed: int) -> None:
        self.n_docs = n_docs
        self.rng = random.Random(seed)
        self.world = WORLD
        self.series: dict[tuple[str, str, int], _Series] = {}
        self.by_organ: dict[str, list[_Doc]] = defaultdict(list)
        self.by_organ_dates: dict[str, list[dt.date]] = {}
        self.docs: list[_Doc] = []
        self.anchors: dict[str, list[_Doc]] = defaultdict(list)
        self.external_organs: dict[str, Organ] = {}

    # ----------------------------------------------------------------- numbering

    def _series(self, organ: Organ, dtype: str, d: dt.date) -> _Series:
        probe = _Doc(organ, dtype, d)
        key = probe.series
        s = self.series.get(key)
        if s is None:
            start = organ.term_starts[organ.term_index(d)] if organ.system == "party" else dt.date(d.year, 1, 1)
            s = self.series[key] = _Series(start, _TYPES[organ.kind][dtype][1])
        return s

    def _number(self, s: _Series, d: dt.date) -> int | None:
        lo, hi = s.bounds(d)
        want = int(s.expected(d) * self.rng.uniform(0.85, 1.15)) + 1
        n = min(max(want, lo), hi)
        while n in s.used and n <= hi:
            n += 1
        return n if lo <= n <= hi else None

    def plan(self) -> None:
        rng = self.rng
        for kind, dtype, number, date, body, about in ANCHORS:
            o = self.world.central[kind]
            anchor = _Doc(o, dtype, date, number, status="central_external", body=body, about=about, type_word=TYPE_WORDS[dtype])
            self._series(o, dtype, date).add(date, number)
            self.anchors[o.key].append(anchor)
        organs = [o for o in self.world.organs.values() if o.kind in _ORGAN_WEIGHT]
        weights = [_ORGAN_WEIGHT[o.kind] for o in organs]
        span = (WINDOW_END - WINDOW_START).days
        planned: list[_Doc] = []
        for organ in rng.choices(organs, weights, k=self.n_docs):
            types = _TYPES[organ.kind]
            dtype = rng.choices(list(types), [v[0] for v in types.values()])[0]
            last = (min(organ.valid_to, WINDOW_END) - WINDOW_START).days
            date = WINDOW_START + dt.timedelta(days=rng.randint(0, min(span, last)))
            if date.weekday() == 6:  # few documents are signed on Sundays
                date -= dt.timedelta(days=1)
            planned.append(_Doc(organ, dtype, date))
        planned.sort(key=lambda x: (x.date, x.organ.key, x.dtype))
        # numbers recently given to the same kind of organ and type, in the same term or year, elsewhere
        recent: dict[tuple[str, str, int], list[int]] = defaultdict(list)
        for doc in planned:
            s = self._series(doc.organ, doc.dtype, doc.date)
            n = self._number(s, doc.date)
            if n is None:  # squeezed between two real central documents: take the next free number
                n = max(s.used) + 1
            peers = recent[(doc.organ.kind, doc.dtype, doc.period)]
            if peers and doc.organ.level != "central" and rng.random() < 0.3:  # the same id in another province or district
                lo, hi = s.bounds(doc.date)
                n = next((m for m in reversed(peers[-20:]) if lo <= m <= hi and m not in s.used), n)
            peers.append(n)
            doc.number = n
            s.add(doc.date, n)
            self._describe(doc)
        for i, doc in enumerate(planned):
            doc.index = i
            self.by_organ[doc.organ.key].append(doc)
        self.by_organ_dates = {k: [d.date for d in v] for k, v in self.by_organ.items()}
        self.docs = planned

    def _describe(self, doc: _Doc) -> None:
        """Issuing body, topic and the 'về ...' phrase used when the document is cited."""
        rng, o = self.rng, doc.organ
        doc.type_word = "Quy định" if (o.kind == "tw" and doc.dtype == "QĐ") else TYPE_WORDS[doc.dtype]
        doc.body = self._body(o, doc.dtype)
        choices = [i for i, t in enumerate(_TOPICS) if t[2][0] <= doc.date.year <= t[2][1] and (o.system == "party" or t[0] not in _PARTY_TOPICS)]
        preferred = [i for i in choices if _TOPICS[i][0] in _ORGAN_TOPICS.get(o.kind, ())]
        doc.topic = rng.choice(preferred if preferred and rng.random() < 0.8 else choices)
        doc.about = _TOPICS[doc.topic][1]
        if o.system == "state" and doc.unit == "" and doc.dtype == "CV":
            doc.unit = rng.choice(_UNITS_TINH if o.kind == "ubnd_tinh" else _UNITS_HUYEN)

    def _body(self, o: Organ, dtype: str) -> str:
        rng = self.rng
        if o.kind == "tw":
            return {"NQ": rng.choice(("Bộ Chính trị", "Ban Chấp hành Trung ương")), "CT": rng.choice(("Ban Bí thư", "Bộ Chính trị"))}.get(
                dtype, rng.choice(("Bộ Chính trị", "Ban Bí thư"))
            )
        if o.kind == "cp":
            return "Chính phủ"
        if o.kind == "ttg":
            return "Thủ tướng Chính phủ"
        if o.kind == "btgtu":
            return "Ban Tuyên giáo Tỉnh ủy"
        if o.kind == "ubkttu":
            return "Ủy ban Kiểm tra Tỉnh ủy"
        if o.kind in ("ubnd_tinh", "ubnd_huyen"):
            return "Ủy ban nhân dân " + ("tỉnh" if o.kind == "ubnd_tinh" else o.district_unit or "huyện")
        unit, committee = _committee_words(o)
        if dtype == "NQ" or (dtype == "KL" and rng.random() < 0.3):
            return f"Ban Chấp hành Đảng bộ {unit}"
        if dtype in ("CV", "TB") and rng.random() < 0.4:
            return f"Thường trực {committee}"
        return f"Ban Thường vụ {committee}"

    # ----------------------------------------------------------------- targets

    def _earlier(self, organ_key: str, d: dt.date) -> list[_Doc]:
        docs = self.by_organ.get(organ_key, [])
        return docs[: bisect.bisect_left(self.by_organ_dates.get(organ_key, []), d)]

    def _pick_recent(self, docs: Sequence[_Doc], types: frozenset[str] = _CITABLE) -> _Doc | None:
        rng = self.rng
        for _ in range(4):
            if not docs:
                return None
            i = len(docs) - 1 - int(len(docs) * rng.random() ** 2.5)
            if docs[i].dtype in types:
                return docs[i]
        return None

    def _phantom(self, organ: Organ, before: dt.date) -> _Doc | None:
        """A document that exists (a gap in a series) but is not in the corpus."""
        rng = self.rng
        types = [t for t in _TYPES[organ.kind] if t in _CITABLE]
        if not types:
            return None
        for _ in range(6):
            dtype = rng.choices(types, [_TYPES[organ.kind][t][0] for t in types])[0]
            d = before - dt.timedelta(days=int(20 + rng.random() ** 1.5 * 900))
            if d < WINDOW_START or d > organ.valid_to:
                continue
            s = self._series(organ, dtype, d)
            n = self._number(s, d)
            if n is None:
                continue
            doc = _Doc(organ, dtype, d, n, status="missing")
            self._describe(doc)
            s.add(d, n)
            return doc
        return None

    def _external(self, citing: _Doc, party: bool) -> _Doc:
        """A tờ trình of an organ outside the model (a Sở, the Ban Tổ chức): never in the corpus."""
        rng, c = self.rng, citing.organ
        ps = slug(c.province or "")
        if party:
            committee = self.world.committee_of(c)
            assert committee is not None
            code = "BTCTU" if committee.kind == "tu" else "BTCHU"
            key = f"{code}@{committee.key.split('@')[1]}"
            name = "Ban Tổ chức " + _committee_words(committee)[1]
            kind = "btctu"
        else:
            name, code = rng.choice(_SO)
            key, kind = f"{code}@{ps}", "so"
        o = self.external_organs.get(key)
        if o is None:
            system = "party" if party else "state"
            o = self.external_organs[key] = Organ(
                key, kind, system, name, None, code, c.place, c.province, term_starts=c.term_starts or (dt.date(2015, 10, 15),)
            )
        d = citing.date - dt.timedelta(days=rng.randint(2, 25))
        s = self._series(o, "TTr", d)
        n = self._number(s, d) or max(s.used, default=0) + 1
        s.add(d, n)
        doc = _Doc(o, "TTr", d, n, status="external", body=name, type_word="Tờ trình")
        return doc

    def _targets(self, doc: _Doc) -> list[tuple[_Doc, str]]:
        rng, c = self.rng, doc.organ
        k = rng.choices((0, 1, 2, 3, 4), (8, 27, 32, 21, 12))[0]
        options = self._sources(c)
        out: list[tuple[_Doc, str]] = []
        seen_ids: set[str] = set()
        for _ in range(k * 3):
            if len(out) >= k:
                break
            relation, pool = rng.choices([(r, p) for _, r, p in options], [wt for wt, _, _ in options])[0]
            if not pool:
                continue
            organ = rng.choice(pool)
            tgt: _Doc | None
            if relation == "missing":
                tgt = self._phantom(organ, doc.date)
            elif organ.level == "central" and self.anchors.get(organ.key) and rng.random() < 0.5:
                tgt = self._pick_recent([a for a in self.anchors[organ.key] if a.date < doc.date])
            else:
                tgt = self._pick_recent(self._earlier(organ.key, doc.date))
            if tgt is None:
                continue
            tid = tgt.doc_id()
            if tid in seen_ids:
                continue
            seen_ids.add(tid)
            if relation == "missing":
                relation = "own" if tgt.organ.key == c.key else "central" if tgt.organ.level == "central" else "superior"
            out.append((tgt, relation))
        return out

    def _sources(self, c: Organ) -> list[tuple[float, str, list[Organ]]]:
        """Weighted (relation, candidate organs) for a citing organ."""
        w = self.world
        tw, cp, ttg = w.central["tw"], w.central["cp"], w.central["ttg"]
        if c.level == "central":
            own = [tw] if c.kind == "tw" else [cp, ttg]
            return [(0.7, "own", own), (0.2, "central", [tw, cp, ttg]), (0.1, "missing", own)]
        po = w.province_organs[c.province or ""]
        tu, ubnd_tinh = po["tu"], po["ubnd_tinh"]
        others = [p["tu"] for name, p in w.province_organs.items() if name != c.province]
        if c.level == "province":
            districts = [d["party"] for (p, _), d in w.district_organs.items() if p == c.province]
            district_ubnd = [d["ubnd"] for (p, _), d in w.district_organs.items() if p == c.province]
            if c.kind == "tu":
                return [
                    (0.30, "central", [tw]),
                    (0.06, "central", [cp, ttg]),
                    (0.25, "own", [c]),
                    (0.06, "sibling", [po["btgtu"], po["ubkttu"], ubnd_tinh]),
                    (0.12, "missing", [c, tw]),
                    (0.05, "other_unit", districts),
                    (0.03, "other_unit", others),
                ]
            if c.kind == "ubnd_tinh":
                return [
                    (0.25, "superior", [tu]),
                    (0.25, "own", [c]),
                    (0.25, "central", [cp, ttg]),
                    (0.05, "central", [tw]),
                    (0.12, "missing", [c, cp, ttg]),
                    (0.05, "other_unit", district_ubnd),
                ]
            return [(0.4, "superior", [tu]), (0.2, "own", [c]), (0.2, "central", [tw]), (0.15, "missing", [tu, c])]
        do = w.district_organs[(c.province or "", c.district or "")]
        hu, ubnd_huyen = do["party"], do["ubnd"]
        if c.level == "district":
            communes = list(w.communes.get((c.province or "", c.district or ""), []))
            if c.kind in ("hu", "thu"):
                return [
                    (0.32, "superior", [tu]),
                    (0.06, "superior", [po["btgtu"], po["ubkttu"]]),
                    (0.18, "own", [c]),
                    (0.08, "sibling", [ubnd_huyen]),
                    (0.04, "superior", [ubnd_tinh]),
                    (0.14, "central", [tw, tw, cp, ttg]),
                    (0.12, "missing", [c, tu]),
                    (0.03, "other_unit", communes),
                    (0.03, "other_unit", others),
                ]
            return [
                (0.30, "superior", [ubnd_tinh]),
                (0.18, "superior", [hu]),
                (0.18, "own", [c]),
                (0.06, "superior", [tu]),
                (0.10, "central", [cp, ttg]),
                (0.12, "missing", [c, ubnd_tinh]),
            ]
        siblings = [o for o in w.communes.get((c.province or "", c.district or ""), []) if o.key != c.key]
        return [
            (0.30, "superior", [hu]),
            (0.15, "superior", [tu]),
            (0.20, "own", [c]),
            (0.08, "sibling", [ubnd_huyen]),
            (0.12, "central", [tw]),
            (0.12, "missing", [c, hu, tu]),
            (0.03, "other_unit", list(siblings)),
        ]

    # ----------------------------------------------------------------- citations

    def _latest_before_ok(self, tgt: _Doc, d: dt.date) -> bool:
        """True when no document of the same organ with the same id was issued after tgt and before d."""
        o = tgt.organ
        if o.system == "party":
            for i in range(o.term_index(tgt.date) + 1, len(o.term_starts)):
                start = o.term_starts[i]
                if start > d:
                    break
                end = o.term_starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(o.term_starts) else d
                s = self.series.get((o.key, tgt.dtype, i)) or _Series(start, _TYPES[o.kind][tgt.dtype][1])
                if s.counter_at(min(d, end)) >= tgt.number:
                    return False
            return True
        for year in range(tgt.date.year + 1, d.year + 1):
            s = self.series.get((o.key, tgt.dtype, year)) or _Series(dt.date(year, 1, 1), _TYPES[o.kind][tgt.dtype][1])
            if s.counter_at(min(d, dt.date(year, 12, 31))) >= tgt.number:
                return False
        return True

    def _issuer_phrases(self, tgt: _Doc, citing: Organ) -> list[tuple[str, str]]:
        """(phrase, organ rule) pairs that correctly name tgt's organ from the citing organ."""
        o, rng = tgt.organ, self.rng
        out: list[tuple[str, str]] = []
        if o.kind == "tw":
            khoa = self.world.khoa(o, tgt.date)
            out = [(f"của {tgt.body}", "central"), (f"của {tgt.body} (khóa {khoa})", "central")]
            if tgt.body == "Ban Chấp hành Trung ương":
                out.append(("của Ban Chấp hành Trung ương Đảng", "central"))
            return out
        if o.kind in ("cp", "ttg"):
            return [(f"của {tgt.body}", "central")]
        if o.kind in ("so", "btctu"):
            return [(f"của {o.name}", "named")]
        natural = self.world.natural(citing, o)
        if o.kind in ("tu", "hu", "thu", "du"):
            unit, committee = _committee_words(o)
            name = o.commune or o.district or o.province
            level = []
            if tgt.body.startswith("Ban Chấp hành"):
                level += [f"của Ban Chấp hành Đảng bộ {unit}", f"của BCH Đảng bộ {unit}"]
            elif tgt.body.startswith("Thường trực"):
                level += [f"của Thường trực {committee}"]
            else:
                level += [f"của Ban Thường vụ {committee}"]
            level.append(f"của {committee}")
            if natural:
                out += [(p, "phrase_level") for p in level]
            named = f"của {committee} {name}" if o.kind != "du" else f"của Đảng ủy {o.commune_unit} {name}"
            out.append((named, "named"))
            if o.kind != "du":
                out.append((f"của Ban Thường vụ {committee} {name}", "named"))
            return out
        if o.kind in ("btgtu", "ubkttu"):
            base = "Ban Tuyên giáo Tỉnh ủy" if o.kind == "btgtu" else "Ủy ban Kiểm tra Tỉnh ủy"
            if natural:
                out.append((f"của {base}", "phrase_level"))
            out.append((f"của {base} {o.province}", "named"))
            return out
        unit = "tỉnh" if o.kind == "ubnd_tinh" else o.district_unit or "huyện"
        name = o.province if o.kind == "ubnd_tinh" else o.district
        if natural:
            out += [(f"của UBND {unit}", "phrase_level"), (f"của Ủy ban nhân dân {unit}", "phrase_level")]
            if tgt.dtype in ("CV", "CT", "TB") and rng.random() < 0.3:
                out.append((f"của Chủ tịch UBND {unit}", "phrase_level"))
        out += [(f"của UBND {unit} {name}", "named"), (f"của Ủy ban nhân dân {unit} {name}", "named")]
        return out

    def _cite(self, doc: _Doc, tgt: _Doc, relation: str, *, force_date: bool = False) -> _Cite:
        rng, c = self.rng, doc.organ
        phrases = self._issuer_phrases(tgt, c)
        if tgt.status == "external":  # 'Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số ...': the issuer stands before
            phrases = [("", "named")]
        # no phrase at all: allowed when the code alone (with the citing organ's place) names the organ
        bare_rule = None
        if tgt.organ.level == "central":
            bare_rule = "central"
        elif tgt.organ.system == "party" and tgt.organ.kind not in ("btctu",) and self.world.natural(c, tgt.organ):
            bare_rule = "code_level"
        elif tgt.organ.system == "state" and tgt.organ.key == c.key:
            bare_rule = "own_organ_first"
        if tgt.status == "external":
            phrase, organ_rule = "", "named"
        elif bare_rule and rng.random() < (0.45 if bare_rule == "own_organ_first" else 0.22):
            phrase, organ_rule = "", bare_rule
        else:  # within its own province or district a document names the level, rarely the unit
            level = [p for p in phrases if p[1] != "named"]
            phrase, organ_rule = rng.choice(level if level and rng.random() < 0.8 else phrases)
        # the date
        qppl = tgt.dtype in ("QPPL", "NĐ")
        if force_date or rng.random() < 0.72:
            has_date = True
        elif qppl or self._latest_before_ok(tgt, doc.date) or rng.random() < 0.12:
            has_date = False
        else:
            has_date = True
        period_rule = "date" if has_date else "year_in_id" if qppl else "latest_before" if self._latest_before_ok(tgt, doc.date) else "unresolvable"
        # the id
        zero = not (tgt.number < 10 and rng.random() < 0.25)
        party = tgt.organ.system == "party"
        form = rng.choices(("std", "slash", "spaced", "notype"), (70, 12, 6, 12))[0] if party else rng.choices(("std", "spaced"), (94, 6))[0]
        n = tgt.num(zero)
        if form == "slash":
            printed = f"{n}/{tgt.code}/{tgt.organ.code}"
        elif form == "spaced":
            printed = f"{n} - {tgt.code}/{tgt.organ.code}" if party else tgt.doc_id(zero).replace("/", " /", 1)
        elif form == "notype":
            printed = f"{n}/{tgt.organ.code}"
        else:
            printed = tgt.doc_id(zero)
        canonical = tgt.doc_id(zero)
        word = tgt.type_word
        wform = rng.choices(("so", "plain", "lower", "colon"), (70, 14, 12, 4))[0]
        if form == "notype" and word == "Quy định":  # 'Quy định số 155/TW': QĐ or QĐi cannot be told, so no canonical id
            form, printed = "std", tgt.doc_id(zero)
        if form == "notype":
            wform = rng.choice(("so", "lower"))
        lead = {"so": f"{word} số ", "plain": f"{word} ", "lower": f"{word[0].lower()}{word[1:]} số ", "colon": f"{word} số: "}[wform]
        date_txt = ""
        if has_date:
            dd = tgt.date
            date_txt = rng.choices(
                (
                    f" ngày {dd.day}/{dd.month}/{dd.year}",
                    f", ngày {dd.day}/{dd.month}/{dd.year}",
                    f" ngày {dd:%d/%m/%Y}",
                    f" ngày {dd.day} tháng {dd.month} năm {dd.year}",
                    f" ngày {dd:%d-%m-%Y}",
                ),
                (50, 15, 15, 15, 5),
            )[0]
        about = ""
        if tgt.about and rng.random() < 0.45:
            about = f" {tgt.about}" if tgt.about.startswith(("quy định", "ban hành", "phê duyệt", "Hội nghị")) else f" về {tgt.about}"
        issuer_first = phrase and party and form == "std" and rng.random() < 0.05
        # issuer first is the older style: 'Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997'
        text = f"{word} {phrase} số {printed}{date_txt}{about}" if issuer_first else f"{lead}{printed}{date_txt}{' ' + phrase if phrase else ''}{about}"
        short = f"{word} số {canonical}"
        return _Cite(tgt, relation, text, printed, canonical, short, has_date, bool(phrase), organ_rule, period_rule)

    # ----------------------------------------------------------------- assembling

    def run(self) -> list[GeneratedDoc]:
        self.plan()
        out = [self._build(doc) for doc in self.docs]
        counts: dict[str, int] = defaultdict(int)
        for g in out:
            counts[_id_key(g.doc_id)] += 1
        for g in out:
            for cit in g.citations:
                cit.corpus_same_id = counts.get(_id_key(cit.true_doc_id), 0)
        return out

    def _build(self, doc: _Doc) -> GeneratedDoc:
        rng = self.rng
        cites = [self._cite(doc, t, r) for t, r in self._targets(doc)]
        extra: list[_Cite] = []
        if doc.dtype in ("QĐ", "QPPL") and doc.organ.level in ("province", "district") and rng.random() < (0.6 if doc.organ.system == "state" else 0.4):
            outside = self._external(doc, doc.organ.system == "party")
            extra.append(self._cite(doc, outside, "external", force_date=True))
        style = rng.choices(("md", "plain", "wrapped", "layout"), (35, 30, 20, 15))[0]
        text, info = _Renderer(self, doc, cites, extra, style).render()
        o = doc.organ
        old_uy = info["old_uy"]
        issuer = _old_uy(o.name) if old_uy else o.name
        parent = (_old_uy(o.parent) if old_uy else o.parent) if o.parent else None
        term = o.term_labels[o.term_index(doc.date)] if o.system == "party" else str(doc.date.year)
        citations = []
        for cite in cites + extra:
            t = cite.target
            decidable = cite.organ_rule in ("central", "named", "phrase_level", "code_level") and cite.period_rule in ("date", "year_in_id")
            citations.append(
                Citation(
                    doc_id=cite.canonical,
                    printed_id=cite.printed,
                    mentions=cite.mentions,
                    target=t.key if t.status == "corpus" else None,
                    status=t.status,
                    relation=cite.relation,
                    true_organ=t.organ.key,
                    true_doc_id=t.doc_id(),
                    true_date=t.date.isoformat(),
                    has_date=cite.has_date,
                    has_issuer=cite.has_issuer,
                    organ_rule=cite.organ_rule,
                    period_rule=cite.period_rule,
                    decidable=decidable,
                )
            )
        ext = ".md" if style == "md" else ".txt"
        org_slug = slug(o.key)
        file_name = f"{doc.index + 1:05d}_{org_slug}_{slug(doc.code)}-{doc.num()}_{doc.date.year}{ext}"
        return GeneratedDoc(
            file_name=file_name,
            text=text,
            key=doc.key,
            organ=o.key,
            system=o.system,
            issuer=issuer,
            issuer_parent=parent,
            doc_id=doc.doc_id(),
            doc_type="CV" if doc.dtype == "CV" else doc.code,
            number=doc.num(),
            date=doc.date,
            place=o.place,
            term=term,
            subject=info["subject"],
            style=style,
            tasks=info["tasks"],
            signature=info["signature"],
            citations=citations,
        )


@dataclass
class _Cite:
    target: _Doc
    relation: str
    text: str
    printed: str
    canonical: str
    short: str
    has_date: bool
    has_issuer: bool
    organ_rule: str
    period_rule: str
    mentions: list[str] = field(default_factory=list)


def _committee_words(o: Organ) -> tuple[str, str]:
    """('tỉnh', 'Tỉnh ủy'), ('huyện', 'Huyện ủy'), ('thành phố', 'Thành ủy'), ('xã', 'Đảng ủy xã')."""
    if o.level == "province" or o.kind == "tu":
        return "tỉnh", "Tỉnh ủy"
    if o.level == "district":
        return (o.district_unit or "huyện", "Thành ủy" if o.district_unit == "thành phố" else "Huyện ủy")
    if o.level == "commune":
        return o.commune_unit or "xã", f"Đảng ủy {o.commune_unit}"
    return "Trung ương", "Trung ương"


def _old_uy(text: str) -> str:
    return text.replace("ỦY", "UỶ").replace("HÓA", "HOÁ")


def _id_key(doc_id: str) -> str:
    """Id with the number as an integer: '05-CT/TU' and '5-CT/TU' are the same id."""
    head, sep, rest = doc_id.partition("-") if "-" in doc_id.split("/")[0] else doc_id.partition("/")
    return f"{int(head)}{sep}{rest}" if head.isdigit() else doc_id


# --------------------------------------------------------------------------- rendering


class _Renderer:
    """Turns a planned document and its citations into text in one of four layouts."""

    def __init__(self, gen: _Generator, doc: _Doc, cites: list[_Cite], extra: list[_Cite], style: str) -> None:
        self.gen, self.rng, self.doc, self.cites, self.extra, self.style = gen, gen.rng, doc, cites, extra, style
        self.o = doc.organ
        self.party = self.o.system == "party"
        self.topic = _TOPICS[doc.topic]
        self.old_uy = self.o.level in ("district", "commune") and self.rng.random() < 0.1
        self.used = 0  # citations placed so far

    # -- helpers

    def _mention(self, cite: _Cite) -> str:
        cite.mentions.append(cite.text)
        return cite.text

    def _later(self, cite: _Cite) -> str:
        cite.mentions.append(cite.short)
        return cite.short

    def _take(self, k: int) -> list[_Cite]:
        got = self.cites[self.used : self.used + k]
        self.used += len(got)
        return got

    def _join(self, cites: list[_Cite]) -> str:
        """Several citations in one clause; two of the same organ and type may share the type word."""
        rng = self.rng
        if len(cites) == 2 and rng.random() < 0.3:
            a, b = cites
            ta, tb = a.target, b.target
            same = ta.organ.key == tb.organ.key and ta.dtype == tb.dtype and a.printed == a.canonical and b.printed == b.canonical
            if same and a.text.startswith(f"{ta.type_word} số {a.printed}"):
                word = ta.type_word
                da = f" ngày {ta.date.day}/{ta.date.month}/{ta.date.year}" if a.has_date else ""
                db = f" ngày {tb.date.day}/{tb.date.month}/{tb.date.year}" if b.has_date else ""
                phrase = next((p for p, _ in self.gen._issuer_phrases(ta, self.o) if p), "")
                plural = f"các {word} số {a.printed}{da}, {b.printed}{db} {phrase}".rstrip()
                a.mentions.append(plural)
                b.mentions.append(plural)
                a.has_issuer = b.has_issuer = bool(phrase)
                a.organ_rule = b.organ_rule = next((r for p, r in self.gen._issuer_phrases(ta, self.o) if p == phrase), a.organ_rule)
                return plural
        parts = [self._mention(c) for c in cites]
        if len(parts) <= 1:
            return "".join(parts)
        return "; ".join(parts[:-1]) + rng.choice((" và ", "; ")) + parts[-1]

    def _words(self) -> dict[str, str]:
        o, d = self.o, self.doc
        if o.level == "central":
            cap = "Trung ương"
        elif o.level == "province":
            cap = "tỉnh"
        elif o.level == "district":
            cap = o.district_unit or "huyện"
        else:
            cap = o.commune_unit or "xã"
        deadline = d.date + dt.timedelta(days=self.rng.randint(30, 150))
        boss = {"central": "Bộ Chính trị" if self.party else "Thủ tướng Chính phủ"}.get(o.level, "")
        if not boss:
            boss = f"Ban Thường vụ {_committee_words(self.gen.world.committee_of(o) or o)[1]}" if self.party else f"Chủ tịch Ủy ban nhân dân {cap}"
        return {
            "cap": cap,
            "year": str(d.date.year),
            "deadline": f"{deadline.day:02d}/{deadline.month:02d}/{deadline.year}",
            "boss": boss,
            "about": self.topic[1],
        }

    def _actors(self) -> list[str]:
        o = self.o
        if o.level == "central":
            if self.party:
                return [
                    "Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
                    "Ban Tuyên giáo Trung ương",
                    "Ban Tổ chức Trung ương",
                    "Ủy ban Kiểm tra Trung ương",
                    "Văn phòng Trung ương Đảng",
                ]
            return [
                "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
                "Bộ Nội vụ",
                "Bộ Tài chính",
                "Bộ Công an",
                "Văn phòng Chính phủ",
            ]
        if o.level == "province":
            if self.party:
                return [
                    "Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
                    "Ban Tuyên giáo Tỉnh ủy",
                    "Ban Tổ chức Tỉnh ủy",
                    "Ủy ban Kiểm tra Tỉnh ủy",
                    "Ban cán sự đảng Ủy ban nhân dân tỉnh",
                    "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
                    "Văn phòng Tỉnh ủy",
                ]
            return [
                "Các sở, ban, ngành tỉnh",
                "Sở Nội vụ",
                "Sở Tài chính",
                "Sở Kế hoạch và Đầu tư",
                "Công an tỉnh",
                "Ủy ban nhân dân các huyện, thành phố",
                "Văn phòng Ủy ban nhân dân tỉnh",
            ]
        if o.level == "district":
            u = o.district_unit or "huyện"
            if self.party:
                c = _committee_words(o)[1]
                return [
                    "Các chi, đảng bộ trực thuộc",
                    f"Ban Tuyên giáo {c}",
                    f"Ban Tổ chức {c}",
                    f"Ủy ban Kiểm tra {c}",
                    f"Ủy ban nhân dân {u}",
                    f"Ủy ban Mặt trận Tổ quốc Việt Nam {u}",
                    f"Văn phòng {c}",
                ]
            return [
                f"Các phòng, ban, ngành thuộc Ủy ban nhân dân {u}",
                "Phòng Tài nguyên và Môi trường",
                "Phòng Tài chính - Kế hoạch",
                "Phòng Nội vụ",
                f"Công an {u}",
                "Ủy ban nhân dân các xã, thị trấn",
            ]
        u = o.commune_unit or "xã"
        return ["Các chi bộ trực thuộc", f"Ủy ban nhân dân {u}", "Ủy ban Kiểm tra Đảng ủy", f"Mặt trận Tổ quốc và các đoàn thể {u}", "Văn phòng Đảng ủy"]

    def _task_texts(self, k: int, ref: _Cite | None = None) -> list[str]:
        """k task sentences; '{ref}' is a later mention of ``ref`` ('Kết luận số 105-KL/TU') or 'Kết luận này'."""
        rng, words = self.rng, self._words()
        preds = list(self.topic[4]) + rng.sample(_GENERIC_TASKS, 3)
        rng.shuffle(preds)
        actors = self._actors()
        rng.shuffle(actors)
        out = []
        for i in range(k):
            template = preds[i % len(preds)]
            pred = template.format(ref=self._later(ref) if "{ref}" in template and ref is not None else self._ref_self(), **words)
            out.append(f"{actors[i % len(actors)]} {pred}")
        return out

    def _ref_self(self) -> str:
        return f"{self.doc.type_word} này"

    def _later_ref(self) -> _Cite | None:
        """The first citation, when its later mentions may stand in the tasks."""
        if self.cites and self.used and self.rng.random() < 0.5:
            return self.cites[0]
        return None

    # -- the parts

    def _subject(self) -> tuple[str, bool]:
        """Subject text and whether it consumed the first citation."""
        rng, d, about = self.rng, self.doc, self.topic[1]
        if self.cites and d.dtype in ("KH", "HD", "CV", "BC") and rng.random() < 0.35:
            c = self.cites[0]
            self.used = 1
            lead = {"HD": "tuyên truyền, ", "BC": "kết quả "}.get(d.dtype, "")
            return f"{lead}thực hiện {self._mention(c)}", True
        year = d.date.year
        if d.dtype == "QĐ" and not self.party:
            return rng.choice((f"Về việc thành lập Ban Chỉ đạo {about.removeprefix('tăng cường ')}", f"Phê duyệt Kế hoạch {about} năm {year}")), False
        if d.dtype == "QPPL":
            return f"Ban hành Quy định về {about} trên địa bàn tỉnh {self.o.province}", False
        if d.dtype == "QĐ":
            return rng.choice((f"về việc thành lập Ban Chỉ đạo {about.removeprefix('tăng cường ')}", f"ban hành Quy chế phối hợp {about}")), False
        if d.dtype == "NĐ":
            return f"Quy định chi tiết về {about}", False
        if d.dtype == "BC":
            return f"kết quả {about} năm {year}", False
        if d.dtype in ("KH", "HD"):
            return rng.choice((f"{about} năm {year}", f"triển khai {about} giai đoạn {year} - {year + 2}")), False
        if d.dtype == "TB" and not self.party:
            return f"Kết luận của Chủ tịch Ủy ban nhân dân tại buổi làm việc về {about}", False
        return ("về " if d.dtype != "CV" else "") + about, False

    def _qualifier(self) -> str | None:
        d, o = self.doc, self.o
        if not self.party or d.dtype in ("CV", "QĐ"):
            return None
        if o.kind == "tw":
            return f"CỦA {d.body.upper()}"
        if d.dtype == "TB":
            return f"KẾT LUẬN CỦA {d.body.upper()}" if self.rng.random() < 0.6 else None
        if d.dtype in ("NQ", "KL", "CT") and self.rng.random() < 0.85:
            khoa = self.gen.world.khoa(o, d.date)
            if d.dtype == "NQ" and khoa and self.rng.random() < 0.4:
                nth = self.rng.choice(("HAI", "BA", "TƯ", "NĂM", "SÁU", "BẢY", "TÁM", "CHÍN"))
                return f"HỘI NGHỊ LẦN THỨ {nth} BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA {khoa})"
            return f"CỦA {d.body.upper()}"
        return None

    def _signature(self) -> tuple[list[str], str]:
        rng, o, d = self.rng, self.o, self.doc
        term = o.term_index(d.date) if o.term_starts else d.date.year
        k = o.kind
        if k == "tw":
            lines = ["T/M BỘ CHÍNH TRỊ", "TỔNG BÍ THƯ"] if d.body != "Ban Bí thư" else ["T/M BAN BÍ THƯ"]
        elif k == "cp":
            lines = rng.choice((["TM. CHÍNH PHỦ", "THỦ TƯỚNG"], ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"]))
        elif k == "ttg":
            lines = rng.choice((["THỦ TƯỚNG"], ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"]))
        elif k == "btgtu":
            lines = rng.choice((["TRƯỞNG BAN"], ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]))
        elif k == "ubkttu":
            lines = ["T/M ỦY BAN KIỂM TRA", rng.choice(("CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"))]
        elif k in ("ubnd_tinh", "ubnd_huyen"):
            if d.dtype == "CV":
                lines = rng.choice((["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], ["CHỦ TỊCH"], ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]))
            elif d.dtype == "TB":
                lines = rng.choice((["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]))
            else:
                lines = rng.choice((["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]))
        else:
            committee = {"tu": "TỈNH ỦY", "hu": "HUYỆN ỦY", "thu": "THÀNH ỦY", "du": "ĐẢNG ỦY"}[k]
            if d.body.startswith("Ban Chấp hành"):
                lines = [f"T/M {committee}", "BÍ THƯ"]
            elif d.dtype in ("CV", "TB") and rng.random() < 0.3 and k != "du":
                lines = ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"]
            else:
                lines = ["T/M BAN THƯỜNG VỤ", rng.choice(("BÍ THƯ", "PHÓ BÍ THƯ", "PHÓ BÍ THƯ"))]
        if self.old_uy:
            lines = [_old_uy(x) for x in lines]
        return lines, _person(o.key, term, lines[-1])

    def _noi_nhan(self) -> list[str]:
        rng, o, d = self.rng, self.o, self.doc
        first = ["Như trên"] if d.dtype == "CV" or (not self.party and d.dtype == "QĐ") else []
        if d.dtype in ("QĐ", "QPPL") and not self.party:
            first = ["Như Điều 3"]
        if o.level == "central":
            items = (
                [
                    "Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
                    "Các ban đảng, ban cán sự đảng, đảng đoàn trực thuộc Trung ương",
                    "Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng",
                ]
                if self.party
                else [
                    "Ban Bí thư Trung ương Đảng",
                    "Thủ tướng, các Phó Thủ tướng Chính phủ",
                    "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                    "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương",
                ]
            )
            last = "Lưu Văn phòng Trung ương Đảng" if self.party else "Lưu: VT, TCCV"
        elif self.party:
            c = _committee_words(self.gen.world.committee_of(o) or o)[1]
            up = {"province": "Ban Bí thư Trung ương Đảng (để b/c)", "district": "Thường trực Tỉnh ủy (b/c)", "commune": "Thường trực Huyện ủy (b/c)"}[o.level]
            items = [up, f"Các đồng chí {c} viên" if o.level != "commune" else "Các đồng chí Đảng ủy viên", "Các chi, đảng bộ trực thuộc"]
            if o.kind in ("btgtu", "ubkttu"):
                items = ["Thường trực Tỉnh ủy (b/c)", "Các huyện ủy, thành ủy, đảng ủy trực thuộc", "Các đồng chí Ủy viên"]
            last = rng.choice(
                {
                    "province": ("Lưu Văn phòng Tỉnh ủy", "Lưu VT"),
                    "district": (f"Lưu Văn phòng {c}", "Lưu Văn thư", "Lưu VT"),
                    "commune": ("Lưu VPĐU", "Lưu Đảng ủy", "Lưu VT"),
                }[o.level]
            )
        else:
            cap = "tỉnh" if o.level == "province" else o.district_unit or "huyện"
            up = "Văn phòng Chính phủ (b/c)" if o.level == "province" else "UBND tỉnh (b/c)"
            committee = _committee_words(self.gen.world.committee_of(o) or o)[1]
            items = [up, f"TT {committee}, TT HĐND {cap} (b/c)", f"CT, các PCT UBND {cap}"]
            last = f"Lưu: VT, {self.doc.unit or rng.choice(('VP', 'TH', 'NC'))}"
        return first + items + [last]

    def _kinh_gui(self) -> list[str]:
        o, d = self.o, self.doc
        if d.dtype == "BC" and not self.party and o.level == "district":
            return [f"Ủy ban nhân dân tỉnh {o.province}"]
        if d.dtype != "CV":
            return []
        if self.party:
            if o.level == "province":
                return ["Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy", "Các ban cán sự đảng, đảng đoàn trực thuộc Tỉnh ủy"]
            if o.level == "district":
                return [f"Các chi, đảng bộ trực thuộc {_committee_words(o)[1]}", f"Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội {o.district_unit}"]
            return ["Các chi bộ trực thuộc", f"Ủy ban nhân dân {o.commune_unit}"]
        if o.level == "province":
            return ["Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố"]
        if o.level == "district":
            return ["Các phòng, ban, ngành thuộc UBND huyện", "UBND các xã, thị trấn"]
        return ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "UBND các tỉnh, thành phố trực thuộc trung ương"]

    def _body(self) -> tuple[list[str], tuple[str, list[str], str] | None, list[tuple[str, str, list[str]]], list[str]]:
        """(preamble paragraphs, decision block (organ line, căn cứ lines, verdict), sections, closing paragraphs)."""
        rng, d, o = self.rng, self.doc, self.o
        words = self._words()
        body = d.body
        situation = list(self.topic[3])
        pre: list[str] = []
        decision: tuple[str, list[str], str] | None = None
        rest = len(self.cites) - self.used
        first = self._take(min(rest, rng.choice((1, 2, 2, 3)))) if rest else []
        kind = d.dtype
        hyphen = o.kind == "tw"
        sections: list[tuple[str, str, list[str]]]

        if kind in ("QĐ", "QPPL", "NĐ"):
            lines: list[str] = []
            verdict = "" if kind == "NĐ" else "QUYẾT ĐỊNH:" if not self.party else "QUYẾT ĐỊNH"
            if o.kind == "tw":  # a Quy định of the Politburo or the Secretariat
                organ_line, verdict = "", ""
                lines.append("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;")
                lines.append(f"- Căn cứ Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa {self.gen.world.khoa(o, d.date)};")
                lines += [f"- Căn cứ {self._mention(c)};" for c in first]
                lines.append(f"{body} quy định về {self.topic[1]} như sau:")
            elif self.party:
                committee_organ = self.gen.world.committee_of(o) or o
                c_unit, committee = _committee_words(committee_organ)
                organ_line = f"BAN THƯỜNG VỤ {committee.upper()}" if o.kind != "ubkttu" else "ỦY BAN KIỂM TRA TỈNH ỦY"
                lines.append("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;")
                khoa = self.gen.world.khoa(committee_organ, d.date)
                term = o.term_labels[o.term_index(d.date)].replace("-", " - ")
                lines.append(f"- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ {c_unit}{' khóa ' + khoa if khoa else ''}, nhiệm kỳ {term};")
                lines += [f"- Căn cứ {self._mention(c)};" for c in first]
                for c in self.extra:
                    lines.append(f"- Xét đề nghị của {c.target.body} tại {self._mention(c)},")
                if not self.extra:
                    lines.append(f"- Xét đề nghị của {'Văn phòng Đảng ủy' if o.level == 'commune' else 'Ban Tổ chức ' + committee},")
            else:
                organ_line = o.name if o.level != "central" else ("CHÍNH PHỦ" if o.kind == "cp" else "THỦ TƯỚNG CHÍNH PHỦ")
                if o.level == "central":
                    lines.append("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;")
                else:
                    lines.append("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
                    if d.date >= dt.date(2019, 11, 22):
                        lines.append(
                            "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
                            "ngày 22 tháng 11 năm 2019;"
                        )
                if kind in ("QPPL", "NĐ"):
                    lines.append("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;")
                lines += [f"Căn cứ {self._mention(c)};" for c in first]
                for c in self.extra:
                    lines.append(f"Theo đề nghị của Giám đốc {c.target.body} tại {self._mention(c)}.")
                if not self.extra:
                    lines.append("Theo đề nghị của Bộ trưởng Bộ Nội vụ." if o.level == "central" else "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân.")
                if kind == "NĐ":
                    lines.append(f"Chính phủ ban hành Nghị định quy định chi tiết về {self.topic[1]}.")
            decision = (organ_line, lines, verdict)
            tasks = self._task_texts(3)
            if kind == "NĐ" or o.kind == "tw":
                what = "Nghị định" if kind == "NĐ" else "Quy định"
                sections = [
                    ("Điều 1.", f"Phạm vi điều chỉnh\n{what} này quy định chi tiết về {self.topic[1]}.", []),
                    ("Điều 2.", f"Đối tượng áp dụng\n{tasks[0]}", []),
                    ("Điều 3.", f"Trách nhiệm thi hành\n{tasks[1]}", []),
                    ("Điều 4.", f"Hiệu lực thi hành\n{what} này có hiệu lực thi hành kể từ ngày ký ban hành.", []),
                ]
            else:
                what = "Ban hành kèm theo Quyết định này Quy định" if kind == "QPPL" else "Thành lập Ban Chỉ đạo" if self.party else "Phê duyệt Kế hoạch"
                sections = [
                    ("Điều 1.", f"{what} {self.topic[1]} (có văn bản kèm theo).", []),
                    ("Điều 2.", f"{tasks[0]}", [f"{i + 1}. {t}" for i, t in enumerate(self._task_texts(2))]),
                    ("Điều 3.", self._enforce(kind), []),
                ]
            self._place_rest(sections)
            return pre, decision, sections, []

        # non-decision documents
        opening_cites = self._join(first) if first else ""
        intro_verb = {
            "CV": "yêu cầu",
            "CT": "yêu cầu",
            "KL": "kết luận",
            "TB": "kết luận",
            "NQ": "quyết nghị",
            "KH": "ban hành Kế hoạch",
            "HD": "hướng dẫn",
            "BC": "báo cáo",
        }[kind]
        if kind in ("NQ", "CT") or (kind == "CV" and o.level == "central"):
            pre.append(" ".join(situation))
        if kind in ("KL", "TB"):
            meet = d.date - dt.timedelta(days=rng.randint(2, 8))
            speaker = (
                body
                if kind == "KL"
                else f"đồng chí Bí thư {_committee_words(self.gen.world.committee_of(o) or o)[1]}"
                if self.party
                else "Chủ tịch Ủy ban nhân dân"
            )
            if opening_cites and rng.random() < 0.5:
                pre.append(
                    f"Thực hiện {opening_cites}, ngày {meet.day}/{meet.month}/{meet.year}, {body} họp nghe báo cáo kết quả {self.topic[1]}. "
                    f"Sau khi thảo luận, {speaker} {intro_verb} như sau:"
                )
                opening_cites = ""
            else:
                pre.append(
                    f"Ngày {meet.day}/{meet.month}/{meet.year}, {body} họp nghe báo cáo kết quả {self.topic[1]}. "
                    f"Sau khi thảo luận, {speaker} {intro_verb} như sau:"
                )
                if opening_cites:
                    s0 = situation[0]
                    pre.append(f"Thực hiện {opening_cites}, {s0[0].lower()}{s0[1:]}")
                    opening_cites = ""
        elif opening_cites:
            lead = rng.choice(("Thực hiện", "Thực hiện", "Căn cứ", "Triển khai"))
            tail = {
                "CV": f"{body} {intro_verb} các cấp, các ngành tập trung thực hiện tốt một số nội dung sau:"
                if self.party
                else f"Chủ tịch Ủy ban nhân dân {words['cap']} yêu cầu:",
                "CT": f"để {self.topic[1]}, {body} yêu cầu các cấp ủy, tổ chức đảng, chính quyền thực hiện tốt các nhiệm vụ sau:",
                "NQ": f"{body} {intro_verb}:",
                "KH": f"{body} {intro_verb} thực hiện như sau:",
                "HD": f"{body} {intro_verb} thực hiện như sau:",
                "BC": f"{body} báo cáo kết quả thực hiện như sau:",
            }[kind]
            pre.append(f"{lead} {opening_cites}, {tail}")
            opening_cites = ""
        else:
            pre.append(
                {
                    "CV": f"Để {self.topic[1]}, {body} {intro_verb} các cơ quan, đơn vị thực hiện tốt một số nội dung sau:",
                    "CT": f"Để {self.topic[1]}, {body} yêu cầu các cấp ủy, tổ chức đảng, chính quyền thực hiện tốt các nhiệm vụ sau:",
                    "NQ": f"{body} {intro_verb}:",
                    "KH": f"{body} {intro_verb} thực hiện như sau:",
                    "HD": f"{body} {intro_verb} thực hiện như sau:",
                    "BC": f"{body} báo cáo kết quả {self.topic[1]} như sau:",
                }[kind]
            )
        ref = self._later_ref()
        if kind in ("KH", "HD", "BC", "NQ") and rng.random() < 0.8:
            heads = {
                "KH": ("MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN"),
                "HD": ("MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG TUYÊN TRUYỀN", "HÌNH THỨC TUYÊN TRUYỀN", "TỔ CHỨC THỰC HIỆN"),
                "BC": ("KẾT QUẢ THỰC HIỆN", "HẠN CHẾ, NGUYÊN NHÂN", "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
                "NQ": ("MỤC TIÊU", "NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN"),
            }[kind]
            sections = []
            for i, head in enumerate(heads):
                if kind == "BC" and i == 0:  # a report: results, shortcomings, then tasks
                    items = [situation[0], *self._task_texts(1, ref)]
                elif kind == "BC" and i == 1:
                    items = [situation[1]]
                else:
                    items = self._task_texts(rng.randint(1, 3), ref)
                sep = "- " if hyphen else ". "
                sections.append((f"{_ROMAN[i]}{sep.strip() if hyphen else '.'}", head, [f"{j + 1}{'-' if hyphen else '.'} {t}" for j, t in enumerate(items)]))
        else:
            k = rng.randint(2, 6)
            texts = self._task_texts(k, ref)
            sections = []
            for i, t in enumerate(texts):
                subs: list[str] = []
                if rng.random() < 0.3:  # the task's actor, then its items: 'a) ...' or '- ...'
                    actor = next((a for a in self._actors() if t.startswith(a + " ")), "")
                    if actor and not any(c.short in t for c in self.cites):  # keep a later mention where it is
                        t = f"{actor} chủ trì, phối hợp với các cơ quan, đơn vị liên quan thực hiện các nội dung sau:"
                        items = [f"{x[0].upper()}{x[1:]}" for x in rng.sample(self.topic[4], rng.choice((2, 3)))]
                        letters = rng.random() < 0.6
                        subs = [f"{_LETTERS[j]}) {x}" if letters else f"- {x}" for j, x in enumerate(items)]
                sections.append((f"{i + 1}{'-' if hyphen else '.'}", t, subs))
        self._place_rest(sections)
        closing = []
        if kind == "CT":
            closing.append(
                "Chỉ thị này được phổ biến đến chi bộ." if self.party else "Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc thực hiện Chỉ thị này./."
            )
        elif kind == "CV":
            closing.append(
                "Nhận được Công văn này, đề nghị các cơ quan, đơn vị triển khai thực hiện nghiêm túc; "
                f"kết quả thực hiện gửi về trước ngày {words['deadline']} để tổng hợp, báo cáo./."
            )
        elif kind in ("KL", "TB", "KH", "NQ", "HD"):
            closing.append(f"Giao Văn phòng theo dõi, đôn đốc việc thực hiện {self._ref_self()}; định kỳ tổng hợp, báo cáo {words['boss']}.")
        return pre, decision, sections, closing

    def _enforce(self, kind: str) -> str:
        o = self.o
        if self.party:
            office = "Văn phòng Đảng ủy" if o.level == "commune" else f"Văn phòng {_committee_words(self.gen.world.committee_of(o) or o)[1]}"
            return f"Quyết định có hiệu lực từ ngày ký. {office}, các cơ quan, đơn vị liên quan và các đồng chí có tên tại Điều 1 căn cứ Quyết định thi hành."
        cap = "tỉnh" if o.level == "province" else o.district_unit or "huyện"
        head = (
            "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh"
            if o.level == "central"
            else f"Chánh Văn phòng Ủy ban nhân dân {cap}, Thủ trưởng các cơ quan, đơn vị"
        )
        when = "sau 10 ngày kể từ ngày ký" if kind == "QPPL" else "kể từ ngày ký"
        return f"Quyết định này có hiệu lực thi hành {when}. {head} và các cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./."

    def _place_rest(self, sections: list[tuple[str, str, list[str]]]) -> None:
        """Put the citations not yet placed into the task texts."""
        while self.used < len(self.cites) and sections:
            c = self._take(1)[0]
            i = self.rng.randrange(len(sections))
            label, text, subs = sections[i]
            sent = self.rng.choice(("Tiếp tục thực hiện có hiệu quả {c}.", "Thực hiện nghiêm {c}.", "Bám sát tinh thần {c} để tổ chức thực hiện."))
            if subs:
                subs[-1] = f"{subs[-1]} {sent.format(c=self._mention(c))}"
            else:
                text = f"{text} {sent.format(c=self._mention(c))}"
            sections[i] = (label, text, subs)

    # -- layout

    def render(self) -> tuple[str, dict[str, Any]]:
        rng, d, o = self.rng, self.doc, self.o
        subject, _ = self._subject()
        kinh_gui = self._kinh_gui()
        pre, decision, sections, closing = self._body()
        sig, name = self._signature()
        noi = self._noi_nhan()
        old = self.old_uy
        organ_lines = [o.parent, o.name] if o.parent else _split_organ(o)
        if old:
            organ_lines = [_old_uy(x) for x in organ_lines]
        colon = (not self.party) or rng.random() < 0.35
        number_line = f"Số{':' if colon else ''} {d.doc_id()}"
        place_date = f"{o.place}, {fmt_date_header(d.date, pad=rng.random() < 0.9)}"
        cv = d.dtype == "CV"
        vv = ("V/v " if (not self.party or rng.random() < 0.7) else "") + subject if cv else ""
        type_name = "" if cv else ("QUY ĐỊNH" if (o.kind == "tw" and d.dtype == "QĐ") else TYPE_NAMES[d.dtype])
        qualifier = self._qualifier()
        info: dict[str, Any] = {
            "subject": subject.removeprefix("Về việc ").removeprefix("về việc "),  # the gold format drops 'V/v' and 'Về việc'
            "tasks": [lab.rstrip(".-").replace("Điều ", "") for lab, _, _ in sections],
            "signature": {"authority": _authority(sig[0]), "title": sig[-1] if len(sig) > 1 or not _authority(sig[0]) else None, "name": name},
            "old_uy": old,
        }
        r = _Layout(self.style, rng, self.party)
        r.header(organ_lines, number_line, vv, place_date)
        if type_name:
            r.title(type_name, qualifier, subject)
        if kinh_gui:
            r.kinh_gui(kinh_gui)
        for p in pre:
            r.para(p)
        if decision:
            organ_line, lines, verdict = decision
            if organ_line:
                r.center(_old_uy(organ_line) if old else organ_line)
            for line in lines:
                r.para(line, italic=True)
            if verdict:
                r.center(verdict)
        for label, text, subs in sections:
            r.section(label, text, subs, roman=label[0] in "IV" and not label.startswith("Điều"))
        for p in closing:
            r.para(p)
        r.end(noi, sig, name)
        return r.text(), info


def _authority(line: str) -> str | None:
    for mark in ("T/M", "T/L", "K/T", "TM.", "KT.", "TL."):
        if line.startswith(mark):
            return {"TM.": "T/M", "KT.": "K/T", "TL.": "T/L"}.get(mark, mark)
    return None


def _split_organ(o: Organ) -> list[str]:
    """State organ names wrap after 'ỦY BAN NHÂN DÂN'; others stay on one line."""
    if o.name.startswith("ỦY BAN NHÂN DÂN "):
        return ["ỦY BAN NHÂN DÂN", o.name[len("ỦY BAN NHÂN DÂN ") :]]
    return [o.name]


def _wrap(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    """Greedy word wrap; an id with a hyphen may break after it ('285-' / 'KH/TU')."""
    lines: list[str] = []
    cur = first
    limit = width
    for word in text.split(" "):
        if not cur.strip():
            cur += word
            continue
        if len(cur) + 1 + len(word) <= limit:
            cur += " " + word
            continue
        cut = word.find("-")
        if 0 < cut < len(word) - 1 and len(cur) + 2 + cut <= limit and word[:cut].isdigit():
            lines.append(cur + " " + word[: cut + 1])
            cur = indent + word[cut + 1 :]
            continue
        lines.append(cur)
        cur = indent + word
    lines.append(cur)
    return lines


class _Layout:
    """Markdown (Word conversion), plain text, hard-wrapped text, or pdftotext -layout columns."""

    def __init__(self, style: str, rng: random.Random, party: bool) -> None:
        self.style, self.rng, self.party = style, rng, party
        self.lines: list[str] = []
        self.page_lines = 0

    def _out(self, *lines: str) -> None:
        self.lines.extend(lines)

    def header(self, organ: list[str], number: str, vv: str, place_date: str) -> None:
        s, party = self.style, self.party
        title = ["ĐẢNG CỘNG SẢN VIỆT NAM"] if party else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        mark = "*" if party else "-------"
        if s == "md":
            self._out("**" + "\n".join(organ) + "**", "", "\\*" if party else "\\-\\-\\-\\-\\-\\-\\-", "", number, "")
            if vv:
                self._out(f"*{vv}*", "")
            self._out("**" + "\n".join(title) + "**", "")
            self._out(f"*{place_date}*", "")
        elif s == "layout":  # number and place-date on the same line, as pdftotext -layout prints them
            if party:
                left = [*organ, mark, number]
                right = title + [""] * len(organ) + [place_date]
            else:
                left = organ + [""] * (2 - len(organ)) + [number]
                right = [*title, place_date]
            left += _wrap(vv, 38) if vv else []
            for i in range(max(len(left), len(right))):
                a = left[i] if i < len(left) else ""
                b = right[i] if i < len(right) else ""
                self._out(("   " + a.center(40) + "   " + b.center(50)).rstrip())
            self._out("")
        else:
            title_first = s == "wrapped" and self.rng.random() < 0.5
            if title_first:
                self._out(*title, place_date)
            self._out(*organ, mark, number)
            if vv:
                self._out(*(_wrap(vv, 80) if s == "wrapped" else [vv]))
            if not title_first:
                self._out("", *title, "---------------" if not party else "", place_date)
            self._out("")

    def title(self, type_name: str, qualifier: str | None, subject: str) -> None:
        s = self.style
        if s == "md":
            self._out(f"# {type_name}", "")
            if qualifier:
                self._out(f"**{qualifier}**", "")
            self._out(f"**{subject}**", "", "\\-\\-\\-\\-\\-", "")
        elif s == "layout":
            self._out(type_name.center(90).rstrip())
            if qualifier:
                self._out(qualifier.center(90).rstrip())
            for line in _wrap(subject, 70):
                self._out(line.center(90).rstrip())
            self._out("-----".center(90).rstrip(), "")
        else:
            self._out(type_name)
            if qualifier:
                self._out(qualifier)
            self._out(*(_wrap(subject, 80) if s == "wrapped" else [subject]))
            self._out("-----", "")

    def kinh_gui(self, items: list[str]) -> None:
        s = self.style
        if len(items) == 1:
            line = f"Kính gửi: {items[0]}."
            self._out(f"*{line}*" if s == "md" else ("   " + line if s == "layout" else line), "")
            return
        body = [f"- {x}{';' if i < len(items) - 1 else '.'}" for i, x in enumerate(items)]
        if s == "md":
            self._out("*Kính gửi:*", "", *[b.replace("- ", "\\- ", 1) for b in body], "")
        elif s == "layout":
            self._out("   Kính gửi:", *["            " + b for b in body], "")
        else:
            self._out("Kính gửi:", *body, "")

    def _page(self) -> None:
        if self.style == "layout" and len(self.lines) - self.page_lines > 46:
            self._out(f"\f{' ' * 41}{len([x for x in self.lines if x.startswith(chr(12))]) + 2}", "")
            self.page_lines = len(self.lines)

    def para(self, text: str, italic: bool = False) -> None:
        s = self.style
        if s == "md":
            if text.startswith("- "):
                self._out("\\- " + text[2:], "")
            else:
                self._out(f"*{text}*" if italic else text, "")
        elif s == "wrapped":
            self._out(*_wrap(text, 80))
        elif s == "layout":
            self._page()
            self._out(*_wrap(text, 86, indent="", first="      "))
        else:
            self._out(text)

    def center(self, text: str) -> None:
        s = self.style
        if s == "md":
            self._out(f"**{text}**", "")
        elif s == "layout":
            self._out(text.center(90).rstrip())
        else:
            self._out("", text, "")

    def section(self, label: str, text: str, subs: list[str], roman: bool) -> None:
        s = self.style
        head, _, tail = text.partition("\n")
        if s == "md":
            if roman:
                self._out(f"**{label} {head}**", "")
            elif label.startswith("Điều"):
                self._out(f"**{label}** {head}", "")
            elif len(head) < 60 and tail:
                self._out(f"## {label} {head}", "")
            else:
                self._out(f"{label} {head}", "")
            if tail:
                self._out(tail, "")
            for sub in subs:
                self._out(sub.replace("- ", "\\- ", 1) if sub.startswith("- ") else sub, "")
            return
        lines = [f"{label} {head}"] + ([tail] if tail else []) + subs
        for line in lines:
            self.para(line)

    def end(self, noi: list[str], sig: list[str], name: str) -> None:
        s, party = self.style, self.party
        sep = "," if party else ";"
        items = [f"- {x}{sep if i < len(noi) - 1 else '.'}" for i, x in enumerate(noi)]
        if s == "layout":
            left = [" Nơi nhận:", *[" " + x for x in items]]
            right = [*sig, "", "", "", name]
            self._out("")
            for i in range(max(len(left), len(right))):
                a = left[i] if i < len(left) else ""
                b = right[i] if i < len(right) else ""
                self._out((a.ljust(46) + b.center(40)).rstrip())
            return
        sig_first = self.rng.random() < 0.25
        signed = ["(Đã ký)"] if self.rng.random() < 0.15 else []
        if s == "md":
            block_sig = ["**" + "\n".join(sig) + "**", "", *([f"*{signed[0]}*", ""] if signed else []), f"**{name}**"]
            block_noi = ["*Nơi nhận:*", "", *[x.replace("- ", "\\- ", 1) for x in items], ""]
        else:
            block_sig = [*sig, "", *signed, name]
            block_noi = ["Nơi nhận:", *items, ""]
        self._out("")
        if sig_first:
            self._out(*block_sig, "", *block_noi)
        else:
            self._out(*block_noi, *block_sig)

    def text(self) -> str:
        return "\n".join(self.lines).rstrip() + "\n"


WORLD = World()


# --------------------------------------------------------------------------- API and CLI


def generate(n_docs: int, seed: int = 0) -> list[GeneratedDoc]:
    """``n_docs`` documents in date order, the same for the same seed."""
    if n_docs < 0:
        raise ValueError("n_docs must be >= 0")
    return _Generator(n_docs, seed).run()


def links(docs: list[GeneratedDoc], seed: int = 0) -> dict[str, Any]:
    """The truth file: the resolution rules, the organs and every document with its citations."""
    used = {d.organ for d in docs} | {c.true_organ for d in docs for c in d.citations}
    organs = {
        k: {"kind": o.kind, "system": o.system, "name": o.name, "parent": o.parent, "code": o.code, "place": o.place, "superior": o.superior}
        for k, o in WORLD.organs.items()
        if k in used
    }
    return {"generator": "corpus/generate.py", "seed": seed, "n_docs": len(docs), "rules": RULES, "organs": organs, "documents": [d.truth() for d in docs]}


def write(docs: list[GeneratedDoc], out: Path, seed: int = 0) -> None:
    """Write each document and links.json into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (out / d.file_name).write_text(d.text, encoding="utf-8")
    truth = links(docs, seed)
    documents = truth.pop("documents")
    head = json.dumps(truth, ensure_ascii=False, indent=1)[:-2]  # one document per line: readable, and fast to write
    rows = ",\n".join("  " + json.dumps(d, ensure_ascii=False) for d in documents)
    (out / "links.json").write_text(f'{head},\n "documents": [\n{rows}\n ]\n}}\n', encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=1000, help="number of documents (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    docs = generate(args.n, args.seed)
    t1 = time.perf_counter()
    write(docs, args.out, args.seed)
    cites = [c for d in docs for c in d.citations]
    print(
        f"{len(docs)} documents, {len(cites)} citations ({sum(c.target is not None for c in cites)} in the corpus, "
        f"{sum(not c.decidable for c in cites)} not decidable from the text) in {args.out}; generated in {t1 - t0:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
