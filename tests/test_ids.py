"""Document ids: every written form → the canonical id (table of cases)."""

from __future__ import annotations

import pytest

from vndirective.core.ids import find_ids, parse_id
from vndirective.core.normalize import fold

CASES = [
    # written, type word hint, canonical, system
    ("334-CV/HU", None, "334-CV/HU", "party"),
    ("Số 334 - CV/HU", None, "334-CV/HU", "party"),
    ("105/KL/TU", None, "105-KL/TU", "party"),
    ("105/TU", "KL", "105-KL/TU", "party"),
    ("Số: 34 -NQ/TU", None, "34-NQ/TU", "party"),
    ("10-NQ/TW", None, "10-NQ/TW", "party"),
    ("31/QĐ-TW", None, "31-QĐ/TW", "party"),
    ("03/-CV/BCSĐ", None, "03-CV/BCSĐ", "party"),
    ("84 QĐ/TWĐTN", None, "84-QĐ/TWĐTN", "party"),
    ("27-KH/DU", None, "27-KH/ĐU", "party"),
    ("08-QĐi/TW", None, "08-QĐi/TW", "party"),
    ("17-TTR/ĐU", None, "17-TTr/ĐU", "party"),
    ("37–QĐ/TW", None, "37-QĐ/TW", "party"),  # en dash
    ("37-QÐ/TW", None, "37-QĐ/TW", "party"),  # U+00D0 eth for Đ
    ("30/2020/NĐ-CP", None, "30/2020/NĐ-CP", "state"),
    ("30/2020/ND-CP", None, "30/2020/NĐ-CP", "state"),
    ("178/2026/NĐ-\nCP", None, "178/2026/NĐ-CP", "state"),  # broken over a line
    ("15/CT-TTg", None, "15/CT-TTg", "state"),
    ("09/TB-VPCP", None, "09/TB-VPCP", "state"),
    ("1234/UBND-VP", None, "1234/UBND-VP", "state"),
    ("7103 /UBND-TH", None, "7103/UBND-TH", "state"),
    ("80/2015/QH13", None, "80/2015/QH13", "state"),
    ("813/NQ-UBTVQH14", None, "813/NQ-UBTVQH14", "state"),
    ("05/2025/QĐ-UBND", None, "05/2025/QĐ-UBND", "state"),
    ("48/VBHN-BNNMT", None, "48/VBHN-BNNMT", "state"),
    ("QCVN 01:2019/BCT", None, "QCVN 01:2019/BCT", "state"),
    ("05/2026/VLN/CV-LV", None, "05/2026/VLN/CV-LV", "state"),  # separators kept as printed
    ("21.4/GĐN", None, "21.4/GĐN", "state"),  # a number with a dot
    ("367 - QĐ/TWĐTN-VP", None, "367-QĐ/TWĐTN-VP", "party"),
]


@pytest.mark.parametrize(("written", "hint", "canonical", "system"), CASES)
def test_canonical(written, hint, canonical, system):
    did = parse_id(written, hint)
    assert did is not None
    assert did.canonical == canonical
    assert did.system == system


@pytest.mark.parametrize(
    "text",
    ["2021-2026", "15/6/2021", "Khoản 3 - Điều 61", "ngày 20/5/2026 của", "năm 2021 HĐND", "Covid-19", "nhiệm kỳ 2020 - 2025", "71.000 hộ"],
)
def test_not_an_id(text):
    assert parse_id(text) is None


def test_number_keeps_leading_zero_but_compares_as_integer():
    a, b = parse_id("05-NQ/TU"), parse_id("5-NQ/TU")
    assert a and b
    assert a.number == "05" and b.number == "5"
    assert a.key == b.key


@pytest.mark.parametrize(
    ("written", "problems"),
    [
        ("334 - CV/HU", {"spaces"}),
        ("105/KL/TU", {"slash_for_hyphen"}),
        ("105/TU", {"missing_type", "slash_for_hyphen"}),
        ("31/QĐ-TW", {"state_order"}),
        ("03/-CV/BCSĐ", {"double_separator"}),
        ("334-CV/HU", set()),
    ],
)
def test_problems_of_form(written, problems):
    did = parse_id(written, "KL")
    assert did is not None
    assert set(did.problems) - {"type_from_word"} == problems


def test_hyphen_only_ids_need_so_before_them():
    assert [d.canonical for _, _, d in find_ids(fold("Văn bản số 01-GCN-MT ngày 02/4/2026"))] == ["01-GCN-MT"]
    assert list(find_ids(fold("đoạn 01-GCN-MT"))) == []


def test_find_ids_spans_point_into_the_text():
    text = "Thực hiện Kết luận số 105/KL/TU ngày 15/6/2021 và Nghị quyết số 25-NQ/HU"
    found = list(find_ids(fold(text)))
    assert [text[s:e] for s, e, _ in found] == ["105/KL/TU", "25-NQ/HU"]
