"""Entities: a table of sentences → the (label, text, normal form) expected among the entities."""

from __future__ import annotations

import itertools

import pytest

import vndirective

from .conftest import FOUNDING

HEADER = """ĐẢNG BỘ TỈNH BẮC GIANG
HUYỆN ỦY LỤC NGẠN
*
Số 334-CV/HU
V/v thực hiện kết luận

ĐẢNG CỘNG SẢN VIỆT NAM
Lục Ngạn, ngày 20 tháng 6 năm 2021

"""

CASES = [
    ("Giao UBND huyện chủ trì, phối hợp với Văn phòng Huyện ủy theo dõi.", [("ORG", "UBND huyện", "Ủy ban nhân dân huyện"), ("ORG", "Văn phòng Huyện ủy", None)]),
    ("Thực hiện Kết luận số 105-KL/TU ngày 15/6/2021 của Ban Chấp hành Đảng bộ tỉnh.",
     [("DOC_REF", "105-KL/TU", "105-KL/TU"), ("DATE", "15/6/2021", "2021-06-15"), ("ORG", "Ban Chấp hành Đảng bộ tỉnh", None)]),
    ("Phòng Kinh tế và Hạ tầng kiểm tra các cơ sở tại xã Phú Lâm, huyện Tiên Du.", [("ORG", "Phòng Kinh tế", None), ("LOC", "xã Phú Lâm", None), ("LOC", "huyện Tiên Du", None)]),
    ("Đồng chí Nguyễn Văn Hùng, Phó Bí thư Huyện ủy, trực tiếp chỉ đạo.", [("PER", "Nguyễn Văn Hùng", None)]),
    ("Bầu cử đại biểu HĐND các cấp nhiệm kỳ 2021-2026 và chuẩn bị năm học 2021-2022.",
     [("ORG", "HĐND các cấp", "Hội đồng nhân dân các cấp"), ("PERIOD", "nhiệm kỳ 2021-2026", None), ("PERIOD", "năm học 2021-2022", None)]),
    ("Thực hiện phương châm “chống dịch như chống giặc” và mục tiêu kép.", [("SLOGAN", "chống dịch như chống giặc", None)]),
    ("Nghị quyết Đại hội Đảng bộ huyện lần thứ XX, khóa XX, đã đề ra.", [("PERIOD", "khóa XX", None)]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_entities(sentence, expected):
    d = vndirective.parse_text(HEADER + sentence + "\n")
    got = {(e.label, e.text, e.normal) for e in d.entities}
    for item in expected:
        assert item in got, (item, sorted(got))
    for e in d.entities:
        assert " ".join(d.snippet(e.span).split()) == e.text or e.label == "DOC_REF"


def test_entities_do_not_overlap_and_skip_the_title():
    d = vndirective.parse(FOUNDING)
    spans = sorted((e.span.start, e.span.end) for e in d.entities)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert not any("CỘNG SẢN" in e.text for e in d.entities)
    assert {"ORG", "LOC", "DATE", "PERIOD", "SLOGAN", "DOC_REF"} <= {e.label for e in d.entities}
    assert d.entities == d.entities  # computed afresh each time, with the same result
