"""The outline of the body: Task.title, Directive.outline(), Roman headings damaged by OCR, a resolution's decisions.

Every document here is a minimal one made up for the case it tests.
"""

from __future__ import annotations

import pytest

import vndirective
from vndirective import Directive
from vndirective.core.extract.headings import heading_of
from vndirective.core.lines import build_layout
from vndirective.core.model import SCHEMA_VERSION, Task, task_paths

from ._directive_checks import check_directive

HEADER = """ĐẢNG BỘ TỈNH HÀ NAM
ĐẢNG ỦY XÃ AN BÌNH
*
Số 12-NQ/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
An Bình, ngày 20 tháng 3 năm 2026

NGHỊ QUYẾT
về nhiệm vụ năm 2026
-----
"""
CLOSING = "\nNơi nhận:\n- Lưu VP.\n\nT/M ĐẢNG ỦY\nBÍ THƯ\n\nNguyễn Văn Bình\n"


def parse(body: str, *, read_by_ocr: bool = False) -> Directive:
    text = HEADER + body + CLOSING
    if not read_by_ocr:
        return vndirective.parse_text(text)
    layout = build_layout(text)
    layout.read_by_ocr = True
    return vndirective.parse_layout(layout)


def titles(d: Directive) -> dict[str, str | None]:
    return {path: t.title for path, t in task_paths(d.tasks) if t.kind != "bullet"}


# --- Task.title ------------------------------------------------------------------------------------------------

# A wrapped text (lines cut at a width): a numbered line that fills the width runs on below even when the
# next line starts with a capital (a name), so it is no heading.
WRAPPED = (
    "Chi bộ đã họp, đánh giá kết quả thực hiện nhiệm vụ tháng 2 và thống nhất\n"
    "các nội dung trọng tâm của tháng 3 năm 2026 như sau:\n"
    "1. Giao đồng chí Phó Bí thư chuẩn bị hồ sơ đề nghị kết nạp quần chúng\n"
    "Trần Thị Hoa vào Đảng; báo cáo Đảng ủy trong tháng 3 năm 2026 để xét.\n"
    "2. Các đồng chí đảng viên tham gia đầy đủ các buổi sinh hoạt của khu dân\n"
    "cư; vận động gia đình thực hiện tốt quy định về phòng, chống cháy nổ.\n"
)

TITLES = [
    # body, {path: title} (items not listed: any title)
    (
        "I. QUAN ĐIỂM, MỤC TIÊU\n1. Quan điểm\nPhát triển nhanh, bền vững.\n2. Mục tiêu\nĐến năm 2030 hoàn thành.\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Giao Sở Xây dựng:\na) Rà soát quy hoạch.\nb) Báo cáo kết quả.\n2. Giao Sở Tài chính:\na) Bố trí kinh phí.\n",
        {"I": "QUAN ĐIỂM, MỤC TIÊU", "I.1": "Quan điểm", "I.2": "Mục tiêu", "II": "NHIỆM VỤ VÀ GIẢI PHÁP",
         "II.1": "Giao Sở Xây dựng:", "II.1.a": None, "II.2": "Giao Sở Tài chính:"},
    ),
    (  # a body named on its own line, its tasks below
        "1. Bộ Kế hoạch và Đầu tư:\n- Chủ trì thẩm định dự án.\n2. Bộ Tài chính:\n- Bố trí vốn đúng tiến độ.\n",
        {"1": "Bộ Kế hoạch và Đầu tư:", "2": "Bộ Tài chính:"},
    ),
    (  # sentences are no headings, with or without a final stop
        "1. Công an xã chủ trì kiểm tra các cơ sở kinh doanh.\n2. Văn phòng Đảng ủy theo dõi, báo cáo trước ngày 30/6/2026.\n3. Các chi bộ thực hiện\n",
        {"1": None, "2": None, "3": None},
    ),
    (  # an article's name; an article that is a sentence
        "Căn cứ Điều lệ Đảng;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\nĐiều 2. Hiệu lực thi hành\n"
        "Quyết định có hiệu lực từ ngày ký.\nĐiều 3. Trách nhiệm thi hành\nVăn phòng và các chi bộ thi hành Quyết định này./.\n",
        {"1": None, "2": "Hiệu lực thi hành", "3": "Trách nhiệm thi hành"},
    ),
    (  # a line that leads into a list is no heading; nor a label followed by its value
        "1. Thành lập Tổ công tác gồm các đồng chí có tên sau đây:\na) Đồng chí Lê Văn An.\nb) Đồng chí Trần Văn Bảo.\n"
        "2. Thời gian thực hiện: từ tháng 4 năm 2026.\nTổ công tác tự giải thể sau khi hoàn thành.\n",
        {"1": None, "2": None},
    ),
    (  # capitals glued to the paragraph after them (OCR lost the line break); the heading is the capitals
        "I. TÌNH HÌNH Thực hiện Nghị quyết, các chi bộ đã lãnh đạo tốt.\nII. NHIỆM VỤ, GIẢI PHÁP 1. Nâng cao chất lượng sinh hoạt.\n"
        "2. Phát triển đảng viên.\nIII. TỔ CHỨC THỰC HIỆN\nCác chi bộ thực hiện.\n",
        {"I": "TÌNH HÌNH", "II": "NHIỆM VỤ, GIẢI PHÁP", "III": "TỔ CHỨC THỰC HIỆN"},
    ),
    (  # a part's number alone on its line, its name in capitals below
        "Phần I\nNHỮNG VẤN ĐỀ CHUNG\n1. Phạm vi áp dụng.\nPhần II\nTỔ CHỨC THỰC HIỆN\n1. Các chi bộ thực hiện.\n",
        {"I": "NHỮNG VẤN ĐỀ CHUNG", "II": "TỔ CHỨC THỰC HIỆN"},
    ),
    (WRAPPED, {"1": None, "2": None}),
]


@pytest.mark.parametrize(("body", "expected"), TITLES, ids=range(len(TITLES)))
def test_title_is_the_heading_line_of_a_heading(body, expected):
    got = titles(parse(body))
    assert {path: got.get(path, "<no such task>") for path in expected} == expected


@pytest.mark.parametrize(
    ("first", "kind", "followed", "title"),
    [
        ("Mục tiêu", "arabic", True, "Mục tiêu"),
        ("Mục tiêu", "arabic", False, None),  # nothing follows: a short item, not a heading
        ("Yêu cầu:", "arabic", True, "Yêu cầu:"),  # the word alone names a topic
        ("Ban Thường vụ yêu cầu:", "arabic", True, None),  # a subject and its verb lead in
        ("Hội đồng nhân dân tỉnh giao", "article", True, None),  # 'giao' (assigns) wants its object below
        ("Các cơ quan sử dụng văn bản theo đúng quy định của Luật", "arabic", True, None),  # cut before the law's name
        ("Tổ chức học tập, quán triệt Quy định", "arabic", True, "Tổ chức học tập, quán triệt Quy định"),
        ("Nội dung kiểm tra: Quy định tại khoản 1 Điều 2", "arabic", True, None),  # a label and its value
        ("Tăng cường kiểm tra; xử lý nghiêm vi phạm", "arabic", True, None),
        ("Phối hợp với", "arabic", True, None),  # stops on a word that needs more
        ("Kỷ niệm 95 năm Ngày thành lập Đảng (03/02/1930 - 03/02/2025)", "letter", True, "Kỷ niệm 95 năm Ngày thành lập Đảng (03/02/1930 - 03/02/2025)"),
        ("TÌNH HÌNH VÀ NGUYÊN NHÂN", "roman", False, "TÌNH HÌNH VÀ NGUYÊN NHÂN"),  # capitals need nothing after them
        ("UBND TỈNH chỉ đạo thực hiện", "roman", False, None),  # capitals that open a sentence
        ("Mục tiêu chung", "bullet", True, None),  # a bullet is never a heading
    ],
)
def test_heading_rule(first, kind, followed, title):
    assert heading_of(first, kind, followed=followed) == title


def test_title_is_in_to_dict_the_schema_and_round_trips():
    d = parse(TITLES[0][0])
    out = check_directive(d)  # valid against the JSON Schema, spans inside the text
    assert out["schema_version"] == SCHEMA_VERSION
    assert [t["title"] for t in out["tasks"]] == ["QUAN ĐIỂM, MỤC TIÊU", "NHIỆM VỤ VÀ GIẢI PHÁP"]
    assert list(out["tasks"][0])[:4] == ["number", "kind", "title", "head"]
    assert Directive.from_dict(out) == d


def test_output_older_than_titles_reads_back_with_no_title():
    out = parse(TITLES[0][0]).to_dict()
    for task in out["tasks"]:
        del task["title"]
    assert Directive.from_dict(out).tasks[0].title is None
    assert Task.from_dict({"number": "1", "kind": "arabic", "text": "Một.", "span": [0, 4], "children": []}).title is None


# --- Directive.outline() -----------------------------------------------------------------------------------------


def test_outline_lists_numbers_and_titles_in_a_tree():
    d = parse(
        "I. QUAN ĐIỂM, MỤC TIÊU\n1. Quan điểm\nPhát triển nhanh, bền vững.\n2. Mục tiêu\n- Đến năm 2030 hoàn thành.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Văn phòng Đảng ủy theo dõi, đôn đốc việc thực hiện Nghị quyết này và báo cáo.\n"
    )
    outline = d.outline()
    assert [(e.path, e.depth, e.number, e.title) for e in outline] == [
        ("I", 0, "I", "QUAN ĐIỂM, MỤC TIÊU"),
        ("I.1", 1, "1", "Quan điểm"),
        ("I.2", 1, "2", "Mục tiêu"),  # its bullet is left out
        ("II", 0, "II", "TỔ CHỨC THỰC HIỆN"),
        ("II.1", 1, "1", None),
    ]
    assert str(outline) == (
        "I. QUAN ĐIỂM, MỤC TIÊU\n    1. Quan điểm\n    2. Mục tiêu\nII. TỔ CHỨC THỰC HIỆN\n"
        "    1. Văn phòng Đảng ủy theo dõi, đôn đốc việc thực hiện Nghị …"
    )
    assert [e.path for e in d.outline(depth=1)] == ["I", "II"]
    top = d.outline(depth=1).to_list()[0]
    assert top == {"path": "I", "depth": 0, "number": "I", "kind": "roman", "title": "QUAN ĐIỂM, MỤC TIÊU",
                   "label": "QUAN ĐIỂM, MỤC TIÊU", "span": top["span"]}
    assert d.text[top["span"][0] : top["span"][1]].startswith("I. QUAN ĐIỂM, MỤC TIÊU")


def test_outline_markers_of_articles_parts_and_letters():
    d = parse("Căn cứ Điều lệ Đảng;\nQUYẾT ĐỊNH:\nĐiều 1. Phạm vi áp dụng\na) Các chi bộ.\nb) Các đảng viên.\nĐiều 2. Hiệu lực thi hành\nQuyết định có hiệu lực từ ngày ký./.\n")
    assert d.outline().render(indent="  ") == (
        "Điều 1. Phạm vi áp dụng\n  a) Các chi bộ.\n  b) Các đảng viên.\nĐiều 2. Hiệu lực thi hành"
    )
    assert str(vndirective.parse_text("").outline()) == ""


# --- Roman headings damaged by OCR ---------------------------------------------------------------------------------

ROMAN_BODIES = {
    "L.": "L. TÌNH HÌNH\nNội dung một.\nII. MỤC TIÊU\nNội dung hai.\nIII. NHIỆM VỤ\nNội dung ba.\n",
    "1.": "1. TÌNH HÌNH\nNội dung một.\nII. MỤC TIÊU\nNội dung hai.\nIII. NHIỆM VỤ\nNội dung ba.\n",
    "L no dot": "L TÌNH HÌNH\nNội dung một.\nII. MỤC TIÊU\nNội dung hai.\n",
    "IL, IIL": "I. TÌNH HÌNH\nNội dung một.\nIL. MỤC TIÊU\nNội dung hai.\nIIL. NHIỆM VỤ\nNội dung ba.\nIV. TỔ CHỨC THỰC HIỆN\nNội dung bốn.\n",
    "11.": "I. TÌNH HÌNH\nNội dung một.\n11. MỤC TIÊU\nNội dung hai.\nIII. NHIỆM VỤ\nNội dung ba.\n",
    "II twice": "I. TÌNH HÌNH\nNội dung một.\nII. MỤC TIÊU\nNội dung hai.\nII. NHIỆM VỤ\nNội dung ba.\nIV. TỔ CHỨC THỰC HIỆN\nNội dung bốn.\n",
    "V twice": "I. TÌNH HÌNH\nMột.\nII. MỤC TIÊU\nHai.\nIII. NHIỆM VỤ\nBa.\nV. KINH PHÍ\nBốn.\nV. TỔ CHỨC THỰC HIỆN\nNăm.\n",
    "V last": "I. TÌNH HÌNH\nMột.\nII. MỤC TIÊU\nHai.\nIII. NHIỆM VỤ\nBa.\nV. TỔ CHỨC THỰC HIỆN\nBốn.\n",
}

ROMAN = [
    # case, read by OCR, numbers of the tasks, (printed, read as) of each 'ocr_correction' warning
    ("L.", False, ["I", "II", "III"], [("L", "I")]),
    ("1.", False, ["I", "II", "III"], [("1", "I")]),
    ("L no dot", False, ["I", "II"], [("L", "I")]),
    ("IL, IIL", False, ["I", "II", "III", "IV"], [("IL", "II"), ("IIL", "III")]),
    ("11.", False, ["I", "II", "III"], [("11", "II")]),
    ("II twice", False, ["I", "II", "III", "IV"], [("II", "III")]),
    ("V twice", False, ["I", "II", "III", "IV", "V"], [("V", "IV")]),
    ("V last", True, ["I", "II", "III", "IV"], [("V", "IV")]),  # read by OCR: the last one needs no next one
    ("V last", False, ["I", "II", "III", "V"], []),  # typed: a gap of one, kept as printed
]


@pytest.mark.parametrize(("case", "ocr", "numbers", "fixed"), ROMAN, ids=[f"{c}{' ocr' if o else ''}" for c, o, _, _ in ROMAN])
def test_roman_headings_damaged_by_ocr_are_read_as_the_sequence_needs(case, ocr, numbers, fixed):
    d = parse(ROMAN_BODIES[case], read_by_ocr=ocr)
    assert [t.number for t in d.tasks] == numbers
    assert all(t.kind == "roman" for t in d.tasks)
    corrections = [w for w in d.warnings if w.code == "ocr_correction"]
    assert [(d.snippet(w.span), w.message.split("'")[3]) for w in corrections] == fixed
    for w in corrections:  # the printed number stays in the text, inside the task's span
        assert any(t.span.start <= w.span.start < t.span.end for t in d.tasks)


@pytest.mark.parametrize(
    ("body", "numbers"),
    [
        ("L. TÌNH HÌNH\nNội dung một.\n", []),  # no Roman sibling: a lone 'L.' proves nothing
        ("1. MỤC ĐÍCH\nNội dung một.\n2. YÊU CẦU\nNội dung hai.\n", ["1", "2"]),  # headings numbered 1, 2 stay Arabic
        ("I. TÌNH HÌNH\n1. KẾT QUẢ\nMột.\n2. HẠN CHẾ\nHai.\nII. NHIỆM VỤ\nBa.\n", ["I", "II"]),  # '1.' under I. is not II
        ("Il. MỤC TIÊU\nx.\nI. TÌNH HÌNH\n", []),  # a sequence that starts at II proves no I
    ],
)
def test_numbers_that_only_look_like_damaged_roman_ones_are_left_alone(body, numbers):
    d = parse(body)
    assert [t.number for t in d.tasks] == numbers
    assert "ocr_correction" not in {w.code for w in d.warnings}


def test_arabic_children_under_roman_headings_stay_arabic():
    d = parse("I. TÌNH HÌNH\n1. KẾT QUẢ\nMột.\n2. HẠN CHẾ\nHai.\nII. NHIỆM VỤ\nBa.\n")
    assert [(t.number, t.kind) for t in d.tasks[0].children] == [("1", "arabic"), ("2", "arabic")]


# --- the numbered decisions of a conference resolution --------------------------------------------------------------

DECISIONS = "".join(f"{n}. {verb} nội dung thứ {n} của Hội nghị.\n" for n, verb in enumerate(["Thông qua"] * 11 + ["Thi hành kỷ luật"], 1))
HEARD = "Ngày 18/3/2026, Ban Chấp hành Đảng bộ xã họp Hội nghị lần thứ 25. Hội nghị đã nghe:\n1. Báo cáo kết quả lãnh đạo quý I.\n2. Tờ trình về công tác cán bộ.\n"

CONFERENCES = [
    # body, numbers of the tasks, first words of the first task
    (HEARD + "Sau khi thảo luận, Hội nghị quyết nghị:\n" + DECISIONS, [str(n) for n in range(1, 13)], "Thông qua nội dung thứ 1"),
    (HEARD + "Hội nghị Ban Chấp hành Đảng bộ xã\nQUYẾT NGHỊ:\n" + DECISIONS, [str(n) for n in range(1, 13)], "Thông qua nội dung thứ 1"),
    ("Thường trực Đảng ủy đã nghe:\n1. Báo cáo của Ủy ban Kiểm tra.\n2. Báo cáo của Văn phòng.\n3. Ý kiến các đồng chí.\n"
     "Thường trực Đảng ủy kết luận như sau:\n1. Đánh giá cao kết quả đạt được.\n2. Giao Văn phòng theo dõi.\n", ["1", "2"], "Đánh giá cao"),
    ("Hội nghị quyết nghị:\n" + DECISIONS, [str(n) for n in range(1, 13)], "Thông qua nội dung thứ 1"),  # as before: no list to skip
]


@pytest.mark.parametrize(("body", "numbers", "first"), CONFERENCES, ids=["quyết nghị", "QUYẾT NGHỊ", "kết luận", "no list before"])
def test_the_decisions_after_the_enacting_clause_are_the_tasks(body, numbers, first):
    d = parse(body)
    assert [t.number for t in d.tasks] == numbers
    assert d.tasks[0].text.startswith(first)
    assert d.tasks[-1].text.rstrip(".").endswith(("của Hội nghị", "theo dõi"))
    if "đã nghe" in body:
        assert d.preamble is not None and "Báo cáo" in d.preamble.text  # what the conference heard is the opening


def test_an_enacting_clause_inside_an_item_does_not_cut_the_body():
    d = parse("1. Về công tác cán bộ.\nHội nghị quyết nghị:\na) Thông qua đề án.\nb) Giao Văn phòng thực hiện.\n2. Về kinh tế.\nPhát triển sản xuất.\n")
    assert [(t.number, [c.number for c in t.children]) for t in d.tasks] == [("1", ["a", "b"]), ("2", [])]
    d = parse("1. Về cán bộ.\na) Một.\nb) Hai.\nHội nghị quyết nghị:\na) Ba.\nb) Bốn.\n2. Về kinh tế.\nNăm.\n")
    assert [t.number for t in d.tasks] == ["1", "2"]
