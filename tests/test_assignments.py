"""Assignments: who leads, who coordinates, by when — a table of task sentences → expected values."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys

import pytest

import vndirective

from .conftest import FOUNDING

HEADER = """ỦY BAN NHÂN DÂN
HUYỆN TIÊN DU
Số: 823/UBND-VP
V/v tăng cường công tác phòng cháy

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tiên Du, ngày 14 tháng 5 năm 2024

Kính gửi: Các cơ quan, đơn vị.

Thực hiện Công văn số 2456/UBND-NC ngày 08/5/2024 của UBND tỉnh, Chủ tịch UBND huyện yêu cầu:

"""

CLOSING = """
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An

Nơi nhận:
- Như trên;
- Lưu: VT.
"""

# task sentence → (lead, coordinators, deadline text, kind, date)
CASES = [
    ("1. Công an huyện chủ trì, phối hợp với UBND các xã, thị trấn tổng rà soát các hộ gia đình, hoàn thành trước ngày 30/6/2024.",
     (["Công an huyện"], ["UBND các xã, thị trấn"], "trước ngày 30/6/2024", "by_date", dt.date(2024, 6, 30))),
    ("1. Phòng Kinh tế và Hạ tầng tăng cường kiểm tra việc cấp phép xây dựng.", (["Phòng Kinh tế và Hạ tầng"], [], None, None, None)),
    ("1. Giao Văn phòng HĐND và UBND huyện theo dõi, đôn đốc, báo cáo kết quả hằng tháng.",
     (["Văn phòng HĐND và UBND huyện"], [], "hằng tháng", "recurring", None)),
    ("1. Đề nghị Ủy ban MTTQ huyện phối hợp với Hội Nông dân, Hội Phụ nữ huyện tuyên truyền trong quý III/2024.",
     (["Ủy ban MTTQ huyện"], ["Hội Nông dân", "Hội Phụ nữ huyện"], "trong quý III/2024", "in_period", dt.date(2024, 9, 30))),
    ("1. Các phòng, ban, ngành thuộc UBND huyện thường xuyên kiểm tra, đôn đốc.", (["Các phòng, ban, ngành thuộc UBND huyện"], [], "thường xuyên", "ongoing", None)),
    ("1. Trung tâm Văn hóa, Thông tin và Thể thao huyện tuyên truyền trong tháng 7/2024.",
     (["Trung tâm Văn hóa, Thông tin và Thể thao huyện"], [], "trong tháng 7/2024", "in_period", dt.date(2024, 7, 31))),
    ("1. Quán triệt nội dung Công văn đến cán bộ, công chức trong thời gian sớm nhất.", ([], [], "trong thời gian sớm nhất", "asap", None)),
    ("1. Tiết kiệm chi thường xuyên để bảo đảm nguồn lực.", None),  # recurrent spending is not a deadline, and no body is named
    ("1. Tăng cường công tác tuyên truyền.", None),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_assignment_of_a_task(sentence, expected):
    d = vndirective.parse_text(HEADER + sentence + "\n\n2. Tổ chức thực hiện nghiêm túc.\n" + CLOSING)
    found = [a for a in d.assignments if a.task == "1"]
    if expected is None:
        assert found == []
        return
    assert len(found) == 1
    a = found[0]
    lead, coordinators, text, kind, date = expected
    assert [x.text for x in a.lead] == lead
    assert [x.text for x in a.coordinators] == coordinators
    if text is None:
        assert a.deadline is None
    else:
        assert a.deadline is not None
        assert (a.deadline.text, a.deadline.kind, a.deadline.date) == (text, kind, date)
        assert d.snippet(a.deadline.span) == text
    for actor in a.lead + a.coordinators:
        assert " ".join(d.snippet(actor.span).split()) == actor.text


def test_founding_example_closing_assigns_the_district_people_committee():
    d = vndirective.parse(FOUNDING)
    closing = [a for a in d.assignments if a.task == "closing"]
    assert [(x.text, x.expanded) for x in closing[0].lead] == [("UBND huyện", "Ủy ban nhân dân huyện")]
    assert [x.text for x in closing[0].coordinators] == ["Văn phòng Huyện ủy"]
    assert closing[0].action.startswith("chủ trì, phối hợp với Văn phòng Huyện ủy theo dõi, đôn đốc")
    rows = d.assignments.to_records()
    assert rows[-1]["lead"] == "UBND huyện" and set(rows[-1]) >= {"task", "lead", "coordinators", "action", "deadline", "deadline_date"}
    d.closing = None  # nothing is cached on the document: an edited document gives fresh assignments
    assert not [a for a in d.assignments if a.task == "closing"]


def test_to_frame():
    pytest.importorskip("pandas")
    frame = vndirective.parse(FOUNDING).assignments.to_frame()
    assert list(frame.columns)[:3] == ["task", "lead", "coordinators"] and len(frame) >= 1


def test_tasks_command_writes_a_follow_up_sheet():
    run = subprocess.run([sys.executable, "-m", "vndirective.cli", "tasks", "--csv", str(FOUNDING)], capture_output=True, text=True, encoding="utf-8", check=True)
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows and rows[-1]["doc_id"] == "334-CV/HU" and rows[-1]["lead"] == "UBND huyện"


def test_assignments_against_the_gold_annotations():
    """15 corpus documents annotated blind (corpus/assignments): measured lead 0.65, coordinators 0.76,
    deadline 0.77 F1 (macro 0.73) before issue 15; after it lead 0.76 (0.74 without underthesea), coordinators
    0.81, deadline 0.77 (macro 0.78, 0.77 without underthesea). The test guards that level."""
    from vndirective.evaluation import evaluate_assignments

    from .conftest import CORPUS

    report = evaluate_assignments(CORPUS)
    assert len(report.documents) == 15 and not report.failures
    assert report.macro >= 0.75
    assert all(f.score >= 0.70 for f in report.fields.values())
