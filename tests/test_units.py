"""Administrative units named by a document, and where they are since the July 2025 reorganisation."""

from __future__ import annotations

import pytest

import vndirective
from vndirective.analysis.units import current_units, named_units

from .conftest import CORPUS, FOUNDING

NAMED = [
    # header organ lines → the units read from them
    (("HUYỆN ỦY LỤC NGẠN", "ĐẢNG BỘ TỈNH BẮC GIANG"), "huyện Lục Ngạn, tỉnh Bắc Giang"),
    (("ĐẢNG ỦY XÃ HỮU BẰNG", "ĐẢNG BỘ HUYỆN THẠCH THẤT"), "xã Hữu Bằng, huyện Thạch Thất"),
    (("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", None), "tỉnh Lào Cai"),
    (("THÀNH ỦY HẠ LONG", "ĐẢNG BỘ TỈNH QUẢNG NINH"), "thành phố Hạ Long, tỉnh Quảng Ninh"),
]


@pytest.mark.parametrize(("organs", "expected"), NAMED)
def test_units_named_by_the_header(organs, expected):
    d = vndirective.Directive(text="", issuer=organs[0], issuer_parent=organs[1])
    assert named_units(d) == expected


def test_a_central_organ_names_no_unit_but_its_place():
    d = vndirective.parse(CORPUS / "43_tw-bbt-ct-nguoi-tieu-dung.txt")
    assert named_units(d) == "Hà Nội"


def test_founding_example_now_in_bac_ninh():
    pytest.importorskip("underthesea", reason="the merger table comes with underthesea (pip install 'vndirective[units]')")
    m = current_units(vndirective.parse(FOUNDING))
    assert m is not None
    assert (m.named, m.province_now, m.status) == ("huyện Lục Ngạn, tỉnh Bắc Giang", "Tỉnh Bắc Ninh", "partial")
