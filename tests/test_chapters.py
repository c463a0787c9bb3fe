"""Chapters ('Chương I' / its title in capitals): a level of the task tree between Phần and the articles.

Every document here is a minimal one made up for the case it tests.
"""

from __future__ import annotations

import pytest

import vndirective
from vndirective import Directive
from vndirective.core.model import Task

from ._directive_checks import check_directive

HEADER = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 99/2031/NĐ-CP
Hà Nội, ngày 5 tháng 1 năm 2031

NGHỊ ĐỊNH
Quy định về quản lý vườn ươm cây giống

Căn cứ Luật Tổ chức Chính phủ số 1/2030/QH15;
Chính phủ ban hành Nghị định quy định về quản lý vườn ươm cây giống.
"""
CLOSING = "\nNơi nhận:\n- Các bộ;\n- Lưu: VT.\n\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\n\nLê Văn Cường\n"


def parse(body: str) -> Directive:
    return vndirective.parse_text(HEADER + body + CLOSING)


def shape(tasks: list[Task]) -> list[tuple[str, str, str | None, list]]:
    """(kind, number, title, children) of every task but bullets and the items under articles."""
    return [(t.kind, t.number, t.title, [] if t.kind == "article" else shape(t.children)) for t in tasks if t.kind != "bullet"]


def article(n: int, name: str) -> tuple[str, str, str, list]:
    return ("article", str(n), name, [])


CHAPTERS_TITLE_BELOW = (
    "Chương I\nNHỮNG QUY ĐỊNH CHUNG\n"
    "Điều 1. Phạm vi điều chỉnh\n1. Nghị định này quy định việc quản lý vườn ươm.\n2. Nghị định không áp dụng với rừng tự nhiên.\n"
    "Điều 2. Đối tượng áp dụng\nCơ quan, tổ chức có vườn ươm cây giống.\n"
    "Chương II\nQUẢN LÝ VƯỜN ƯƠM CÂY GIỐNG\n"
    "Điều 3. Đăng ký vườn ươm\n1. Chủ vườn ươm đăng ký với Sở Nông nghiệp.\n2. Hồ sơ gồm đơn và bản vẽ.\n"
    "Điều 4. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày 1 tháng 3 năm 2031.\n"
    "Các Bộ trưởng chịu trách nhiệm thi hành Nghị định này./.\n"
)
# The title on the line of the number; in capitals, after a dot or a dash; wrapped over two lines.
CHAPTERS_TITLE_SAME_LINE = (
    "CHƯƠNG I. QUY ĐỊNH CHUNG\n"
    "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định việc quản lý vườn ươm.\n"
    "Điều 2. Giải thích từ ngữ\nVườn ươm là nơi gieo ươm cây giống.\n"
    "Chương II - TRÁCH NHIỆM CỦA CÁC CƠ QUAN\n"
    "Điều 3. Trách nhiệm của Bộ Nông nghiệp\nHướng dẫn việc đăng ký vườn ươm.\n"
)
CHAPTERS_TITLE_WRAPPED = (
    "Chương I\nNHỮNG QUY ĐỊNH CHUNG\n"
    "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định việc quản lý vườn ươm.\n"
    "Chương II\nTRÁCH NHIỆM CỦA CÁC CƠ QUAN, TỔ CHỨC TRONG QUẢN LÝ VƯỜN ƯƠM\nCÂY GIỐNG LÂM NGHIỆP\n"
    "Điều 2. Trách nhiệm của Bộ Nông nghiệp\nHướng dẫn việc đăng ký vườn ươm.\n"
    "Điều 3. Trách nhiệm của Ủy ban nhân dân tỉnh\nKiểm tra vườn ươm trên địa bàn.\n"
)
PARTS_CHAPTERS = (
    "PHẦN THỨ NHẤT\nQUY ĐỊNH CHUNG\n"
    "Chương I\nPHẠM VI ÁP DỤNG\n"
    "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định việc quản lý vườn ươm.\n"
    "Chương II\nGIẢI THÍCH TỪ NGỮ\n"
    "Điều 2. Vườn ươm\nNơi gieo ươm cây giống.\n"
    "PHẦN THỨ HAI\nQUY ĐỊNH CỤ THỂ\n"
    "Chương III\nĐĂNG KÝ VƯỜN ƯƠM\n"
    "Điều 3. Hồ sơ đăng ký\nĐơn và bản vẽ vườn ươm.\n"
    "Điều 4. Thời hạn giải quyết\nMười ngày làm việc.\n"
)
# 'Mục 1.' sections inside a chapter; the articles run on across them.
CHAPTERS_SECTIONS = (
    "Chương I\nNHỮNG QUY ĐỊNH CHUNG\n"
    "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định việc quản lý vườn ươm.\n"
    "Chương II\nQUẢN LÝ VƯỜN ƯƠM\n"
    "Mục 1. ĐĂNG KÝ\n"
    "Điều 2. Hồ sơ đăng ký\nĐơn và bản vẽ vườn ươm.\n"
    "Điều 3. Thời hạn giải quyết\nMười ngày làm việc.\n"
    "Mục 2. KIỂM TRA\n"
    "Điều 4. Kiểm tra định kỳ\nMỗi năm một lần.\n"
)
# Chapters only mentioned in sentences: no chapter, the articles are the top level.
CHAPTERS_MENTIONED = (
    "Điều 1. Phạm vi điều chỉnh\n"
    "Nghị định này quy định chi tiết\n"
    "Chương II của Luật Trồng trọt về vườn ươm.\n"
    "Điều 2. Tổ chức thực hiện\n"
    "Chương trình phát triển giống cây trồng do Bộ Nông nghiệp chủ trì.\n"
    "Điều 3. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày ký.\n"
)

CASES = [
    (
        CHAPTERS_TITLE_BELOW,
        [
            ("chapter", "I", "NHỮNG QUY ĐỊNH CHUNG", [article(1, "Phạm vi điều chỉnh"), article(2, "Đối tượng áp dụng")]),
            ("chapter", "II", "QUẢN LÝ VƯỜN ƯƠM CÂY GIỐNG", [article(3, "Đăng ký vườn ươm"), article(4, "Hiệu lực thi hành")]),
        ],
    ),
    (
        CHAPTERS_TITLE_SAME_LINE,
        [
            ("chapter", "I", "QUY ĐỊNH CHUNG", [article(1, "Phạm vi điều chỉnh"), article(2, "Giải thích từ ngữ")]),
            ("chapter", "II", "TRÁCH NHIỆM CỦA CÁC CƠ QUAN", [article(3, "Trách nhiệm của Bộ Nông nghiệp")]),
        ],
    ),
    (
        CHAPTERS_TITLE_WRAPPED,
        [
            ("chapter", "I", "NHỮNG QUY ĐỊNH CHUNG", [article(1, "Phạm vi điều chỉnh")]),
            (
                "chapter",
                "II",
                "TRÁCH NHIỆM CỦA CÁC CƠ QUAN, TỔ CHỨC TRONG QUẢN LÝ VƯỜN ƯƠM CÂY GIỐNG LÂM NGHIỆP",
                [article(2, "Trách nhiệm của Bộ Nông nghiệp"), article(3, "Trách nhiệm của Ủy ban nhân dân tỉnh")],
            ),
        ],
    ),
    (
        PARTS_CHAPTERS,
        [
            (
                "part",
                "1",  # a part numbered in words is numbered in digits, as the gold format says

                "QUY ĐỊNH CHUNG",
                [
                    ("chapter", "I", "PHẠM VI ÁP DỤNG", [article(1, "Phạm vi điều chỉnh")]),
                    ("chapter", "II", "GIẢI THÍCH TỪ NGỮ", [article(2, "Vườn ươm")]),
                ],
            ),
            (
                "part",
                "2",
                "QUY ĐỊNH CỤ THỂ",
                [("chapter", "III", "ĐĂNG KÝ VƯỜN ƯƠM", [article(3, "Hồ sơ đăng ký"), article(4, "Thời hạn giải quyết")])],
            ),
        ],
    ),
    (
        CHAPTERS_SECTIONS,
        [
            ("chapter", "I", "NHỮNG QUY ĐỊNH CHUNG", [article(1, "Phạm vi điều chỉnh")]),
            (
                "chapter",
                "II",
                "QUẢN LÝ VƯỜN ƯƠM",
                [
                    ("section", "1", "ĐĂNG KÝ", [article(2, "Hồ sơ đăng ký"), article(3, "Thời hạn giải quyết")]),
                    ("section", "2", "KIỂM TRA", [article(4, "Kiểm tra định kỳ")]),
                ],
            ),
        ],
    ),
    (
        CHAPTERS_MENTIONED,
        [article(1, "Phạm vi điều chỉnh"), article(2, "Tổ chức thực hiện"), article(3, "Hiệu lực thi hành")],
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES, ids=["title_below", "title_same_line", "title_wrapped", "parts", "sections", "mentioned"])
def test_chapters_are_a_level_of_the_task_tree(body, expected):
    d = parse(body)
    assert shape(d.tasks) == expected
    check_directive(d)


def test_a_chapter_is_headed_by_its_title_and_holds_its_articles_text():
    d = parse(CHAPTERS_TITLE_BELOW)
    first, second = d.tasks
    assert first.head.startswith("NHỮNG QUY ĐỊNH CHUNG") and first.text.startswith("NHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi")
    assert "Phạm vi điều chỉnh" in first.text and "Đăng ký vườn ươm" not in first.text
    assert second.children[-1].text.endswith("thi hành Nghị định này./.")  # the last article keeps its last sentence
    assert d.closing is None
    assert [c.number for c in first.children[0].children] == ["1", "2"]


def test_the_outline_names_chapters_as_printed():
    d = parse(CHAPTERS_TITLE_BELOW)
    lines = str(d.outline(depth=2)).splitlines()
    assert lines[0] == "Chương I NHỮNG QUY ĐỊNH CHUNG"
    assert lines[1] == "    Điều 1. Phạm vi điều chỉnh"
    assert str(parse(CHAPTERS_SECTIONS).outline(depth=2)).splitlines()[3] == "    Mục 1. ĐĂNG KÝ"


def test_chapters_round_trip_through_json():
    d = parse(PARTS_CHAPTERS)
    out = d.to_dict()
    assert out["tasks"][0]["children"][0]["kind"] == "chapter"
    again = Directive.from_dict(out)
    assert again.tasks == d.tasks
    assert again.to_dict() == out
