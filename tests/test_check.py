"""The format check: a table of documents that break one rule each → the finding expected."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vndirective import parse, parse_text
from vndirective.analysis.format_check import check, format_findings

ROOT = Path(__file__).resolve().parent.parent

PARTY = """ĐẢNG BỘ TỈNH BẮC GIANG
HUYỆN ỦY LỤC NGẠN
*
{number_line}
{subject_line}

ĐẢNG CỘNG SẢN VIỆT NAM
Lục Ngạn, ngày {date}

Kính gửi: Các chi bộ, đảng bộ trực thuộc Huyện ủy

Thực hiện Kết luận số {ref} ngày 15/6/2021 của Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Huyện ủy yêu cầu:

1. Các chi bộ, đảng bộ quán triệt nội dung Kết luận đến cán bộ, đảng viên.

2. Giao Văn phòng Huyện ủy theo dõi, đôn đốc, báo cáo kết quả.

T/M BAN THƯỜNG VỤ
BÍ THƯ
{name}

{distribution}
"""

STATE = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
{number_line}
{subject_line}

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày {date}

Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố

Thực hiện Chỉ thị số 12/CT-TTg ngày 05/3/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu:

1. Các sở, ngành triển khai thực hiện nghiêm túc.

2. Giao Sở Nội vụ theo dõi, tổng hợp, báo cáo.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
{name}

{distribution}
"""

PARTY_OK = {
    "number_line": "Số 334-CV/HU",
    "subject_line": "Thực hiện kết luận của Ban Chấp hành Đảng bộ tỉnh",
    "date": "20 tháng 6 năm 2021",
    "ref": "105-KL/TU",
    "name": "Nguyễn Văn An",
    "distribution": "Nơi nhận:\n- Như trên (thực hiện),\n- Lưu Văn phòng Huyện ủy.",
}
STATE_OK = {
    "number_line": "Số: 1234/UBND-VX",
    "subject_line": "V/v triển khai Chỉ thị số 12/CT-TTg",
    "date": "08 tháng 3 năm 2021",
    "name": "Trần Thị Bình",
    "distribution": "Nơi nhận:\n- Như trên;\n- Lưu: VT, VX.",
}


def party(**changes: str) -> str:
    return PARTY.format(**{**PARTY_OK, **changes})


def state(**changes: str) -> str:
    return STATE.format(**{**STATE_OK, **changes})


def test_documents_in_the_official_format_have_no_findings():
    for text in (party(), state()):
        d = parse_text(text)
        assert check(d) == [], format_findings(d, check(d))


# (document, rule, level, text under the finding's span, fix)
CASES = [
    (party(number_line="Số 334 - CV/HU"), "number.spacing", "warning", "334 - CV/HU", "334-CV/HU"),
    (party(number_line="Số 334/CV/HU"), "number.form", "error", "334/CV/HU", "334-CV/HU"),
    (state(number_line="Số: 1234 /UBND-VX"), "number.spacing", "warning", "1234 /UBND-VX", "1234/UBND-VX"),
    (party(number_line="Số 5-CV/HU"), "number.leading_zero", "warning", "5", "05-CV/HU"),
    (party(number_line="Số: 334-CV/HU"), "number.colon", "note", "334-CV/HU", "Số 334-CV/HU"),
    (state(number_line="Số 1234/UBND-VX"), "number.colon", "note", "1234/UBND-VX", "Số: 1234/UBND-VX"),
    (party(date="5 tháng 6 năm 2021"), "date.leading_zero", "warning", "5 tháng 6 năm 2021", "05 tháng 6 năm 2021"),
    (state(date="18 tháng 2 năm 2021"), "date.leading_zero", "warning", "18 tháng 2 năm 2021", "18 tháng 02 năm 2021"),
    (party(date="20 tháng 05 năm 2021"), "date.leading_zero", "warning", "20 tháng 05 năm 2021", "20 tháng 5 năm 2021"),
    (party(ref="105/KL/TU"), "reference.form", "warning", "105/KL/TU", "105-KL/TU"),
    (party(ref="105/TU"), "reference.type_letters", "warning", "105/TU", "105-KL/TU"),
    (party(name=""), "signature.name", "error", None, "Write the signer's full name under the signature."),
    (party(distribution=""), "distribution.missing", "error", None, None),
    (party(distribution="Nơi nhận:\n- Như trên (thực hiện),\n- Các đồng chí Huyện ủy viên."), "distribution.file_copy", "warning", "", "- Lưu Văn phòng <cấp ủy>."),
    (party(subject_line="V/v thực hiện kết luận của Ban Chấp hành Đảng bộ tỉnh"), "subject.prefix", "note",
     "V/v thực hiện kết luận của Ban Chấp hành Đảng bộ tỉnh", "thực hiện kết luận của Ban Chấp hành Đảng bộ tỉnh"),
    (state(subject_line="Về việc triển khai Chỉ thị số 12/CT-TTg"), "subject.prefix", "note",
     "Về việc triển khai Chỉ thị số 12/CT-TTg", "V/v triển khai Chỉ thị số 12/CT-TTg"),
]


@pytest.mark.parametrize(("text", "rule", "level", "under", "fix"), CASES, ids=[c[1] + f"-{i}" for i, c in enumerate(CASES)])
def test_each_deviation_is_found_with_its_place_and_fix(text, rule, level, under, fix):
    d = parse_text(text)
    findings = check(d)
    assert [f.rule for f in findings] == [rule], format_findings(d, findings)
    f = findings[0]
    assert f.level == level
    assert f.basis.startswith("HD 36" if d.system == "party" else "Nghị định 30/2020")
    if under is not None:
        assert f.span is not None and d.snippet(f.span) == under
    if fix is not None:
        assert f.fix == fix


def test_founding_example_known_deviations():
    d = parse(ROOT / "corpus" / "334-CV-HU_luc-ngan_2021.md")
    found = {(f.rule, d.snippet(f.span)) for f in d.check()}
    assert ("number.spacing", "334 - CV/HU") in found
    assert ("reference.form", "105/KL/TU") in found
    assert ("reference.type_letters", "105/TU") in found
    assert ("signature.name", "PHÓ BÍ THƯ") in found  # the block ends at the title: no name
    assert any(rule == "subject.prefix" for rule, _ in found)
    fixes = {f.rule: f.fix for f in d.check()}
    assert fixes["number.spacing"] == "334-CV/HU"
    assert fixes["reference.type_letters"] == "105-KL/TU"


def test_every_rule_has_its_basis_for_both_systems():
    from vndirective.core import codes

    rules = {k: v for k, v in codes.load("rules").items() if not k.startswith("_")}
    assert rules
    for code, rule in rules.items():
        assert rule["level"] in ("error", "warning", "note"), code
        assert set(rule["basis"]) == {"party", "state"}, code
        assert rule["message"] and rule["fix"], code


def test_check_command(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text(party(number_line="Số 334 - CV/HU"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "vndirective.cli", "check", str(path)], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 1
    assert "number.spacing" in run.stdout and "334-CV/HU" in run.stdout
    run = subprocess.run([sys.executable, "-m", "vndirective.cli", "check", "--json", str(path)], capture_output=True, text=True, encoding="utf-8")
    report = json.loads(run.stdout)
    assert report[0]["findings"][0]["rule"] == "number.spacing"
    clean = tmp_path / "ok.txt"
    clean.write_text(party(), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "vndirective.cli", "check", str(clean)], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stdout
