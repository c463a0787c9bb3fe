"""Failure classes of issue 14 seen on the real files read blind, each on small made-up documents.

Every example here is invented for the class it stands for (names, numbers and places are not
those of any real document); the real files are scored by tests/test_real.py.
"""

from __future__ import annotations

import pytest

import vndirective
from vndirective.core.extract.distribution import split_purpose

STATE_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
STATE_HEADER = "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 45/TB-UBND\n" + STATE_TITLE + "An Giang, ngày 5 tháng 3 năm 2026\n\n"
BODY = "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp\n\nChủ tịch UBND tỉnh kết luận như sau:\n1. Giao Sở Tài chính bố trí kinh phí.\n2. Giao Sở Nội vụ theo dõi.\n\n"
SIGNED = "\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn An\n"


def _closing(items: str) -> vndirective.Directive:
    return vndirective.parse_text(STATE_HEADER + BODY + "Nơi nhận:\n" + items + SIGNED)


# --- 1. The issuer is a unit inside a committee or a People's Committee: the committee is its parent.
ORGANS = [
    # header lines above the number, (issuer, issuer_parent)
    ("HUYỆN ỦY TÂN KỲ\nCƠ QUAN TỔ CHỨC - NỘI VỤ\n*\nSố 08-CV/CQTCNV\nĐẢNG CỘNG SẢN VIỆT NAM\nTân Kỳ, ngày 4 tháng 3 năm 2026\n",
     ("CƠ QUAN TỔ CHỨC - NỘI VỤ", "HUYỆN ỦY TÂN KỲ")),
    ("HUYỆN ỦY TÂN KỲ\nCƠ QUAN ỦY BAN KIỂM TRA\n*\nSố 08-CV/CQUBKT\nĐẢNG CỘNG SẢN VIỆT NAM\nTân Kỳ, ngày 4 tháng 3 năm 2026\n",
     ("CƠ QUAN ỦY BAN KIỂM TRA", "HUYỆN ỦY TÂN KỲ")),  # 'QUAN ỦY' is not a second organ (QUẬN ỦY)
    ("ỦY BAN BẦU CỬ XÃ AN HÒA\nTIỂU BAN HẬU CẦN, AN NINH\nSố: 03/KH-TBHC\n" + STATE_TITLE + "An Hòa, ngày 4 tháng 3 năm 2026\n",
     ("TIỂU BAN HẬU CẦN, AN NINH", "ỦY BAN BẦU CỬ XÃ AN HÒA")),
    ("SỞ XÂY DỰNG\nTỔ CÔNG TÁC THEO QUYẾT ĐỊNH\nSỐ 245/QĐ-SXD\nSố: 17/KH-TCT\n" + STATE_TITLE + "Hà Tĩnh, ngày 4 tháng 3 năm 2026\n",
     ("TỔ CÔNG TÁC THEO QUYẾT ĐỊNH SỐ 245/QĐ-SXD", "SỞ XÂY DỰNG")),  # an organ named after the decision that set it up
    ("UBND TỈNH HÀ TĨNH\nSỞ XÂY DỰNG\nSố: 17/SXD-QLN\n" + STATE_TITLE + "Hà Tĩnh, ngày 4 tháng 3 năm 2026\n",
     ("SỞ XÂY DỰNG", "UBND TỈNH HÀ TĨNH")),
]


@pytest.mark.parametrize(("header", "expected"), ORGANS)
def test_the_issuer_is_the_unit_and_its_committee_the_parent(header, expected):
    d = vndirective.parse_text(header + "V/v rà soát hồ sơ\n\nKính gửi: Các đơn vị.\n\nĐề nghị các đơn vị rà soát hồ sơ và báo cáo trước ngày 20/3/2026.\n")
    assert (d.issuer, d.issuer_parent) == expected
    assert d.number in ("08", "03", "17")


# --- 2. The file copy ('Lưu') broken over two lines is one item.
FILE_COPIES = [
    # Nơi nhận items, the file-copy item expected
    ("- Như trên;\n- Lưu: VT, KT\n(Hương)", "Lưu: VT, KT (Hương)"),
    ("- Như trên;\n- Lưu: VT, KT.\n(Hương)", "Lưu: VT, KT. (Hương)"),
    ("- Như trên;\n- Lưu: VT, KT\n(02b).", "Lưu: VT, KT (02b)"),
    ("- Như trên;\n- Lưu: VT, Phòng Kinh tế,\nPhòng Tư pháp.", "Lưu: VT, Phòng Kinh tế, Phòng Tư pháp"),
]


@pytest.mark.parametrize(("items", "file_copy"), FILE_COPIES)
def test_the_file_copy_broken_over_two_lines_is_one_item(items, file_copy):
    d = _closing(items)
    assert [i.recipient for i in d.distribution] == ["Như trên", file_copy]
    assert (d.signature.title, d.signature.name) == ("PHÓ CHỦ TỊCH", "Lê Văn An")


def test_the_drafter_under_the_file_copy_in_the_signature_column_joins_it():
    closing = (
        "Nơi nhận:                                  KT. CHỦ TỊCH\n"
        "- Như trên;                                PHÓ CHỦ TỊCH\n"
        "- Sở Tài chính;\n"
        "- Lưu: VT, KT                              .\n"
        "                                           (Hương)\n"
        "                                           Lê Văn An\n"
    )
    d = vndirective.parse_text(STATE_HEADER + BODY + closing)
    assert [i.recipient for i in d.distribution] == ["Như trên", "Sở Tài chính", "Lưu: VT, KT (Hương)"]


def test_a_signed_note_beside_the_file_copy_stays_out_of_it():
    d = _closing("- Như trên;\n- Lưu: VT, KT (02b).                     (đã ký)")
    assert d.distribution[-1].recipient == "Lưu: VT, KT (02b)"


# --- 3. Nơi nhận: a parenthesis is a purpose when it says what the copy is for, whatever its case;
# one stating a role or naming a person stays in the recipient.
PURPOSES = [
    ("Thường trực Đảng ủy (Báo cáo)", ("Thường trực Đảng ủy", "Báo cáo")),
    ("Phòng Văn hóa và Thông tin (T/h)", ("Phòng Văn hóa và Thông tin", "T/h")),
    ("Văn phòng Sở (Bố trí hội trường, xe đưa đón)", ("Văn phòng Sở", "Bố trí hội trường, xe đưa đón")),
    ("Thường trực HĐND huyện (b/c", ("Thường trực HĐND huyện", "b/c")),  # OCR lost the ')'
    ("Công an xã (phụ trách địa bàn thôn)", ("Công an xã (phụ trách địa bàn thôn)", None)),
    ("Văn phòng (đ/c Thảo)", ("Văn phòng (đ/c Thảo)", None)),
    ("Phòng Nội vụ (Quyên)", ("Phòng Nội vụ (Quyên)", None)),
    ("Sở Y tế (để p/h)", ("Sở Y tế", "để p/h")),
    ("Các xã (thực hiện)", ("Các xã", "thực hiện")),
    ("Lưu: VT, KT (3b)", ("Lưu: VT, KT (3b)", None)),
    ("Đài Phát thanh (Trần", ("Đài Phát thanh (Trần", None)),  # unclosed, and not a purpose
]


@pytest.mark.parametrize(("item", "expected"), PURPOSES)
def test_a_purpose_is_what_the_copy_is_for(item, expected):
    assert split_purpose(item) == expected


# --- 4. Signature: the block ends at the name; 'T/M.' with a dot is a mark.
SIGNATURES = [
    ("T/M. TỔ CÔNG TÁC\nTỔ TRƯỞNG\n\nLê Văn Bình\nPHÓ GIÁM ĐỐC SỞ XÂY DỰNG", ("T/M", "TỔ CÔNG TÁC", "TỔ TRƯỞNG", "Lê Văn Bình")),
    ("TM. TIỂU BAN\nTRƯỞNG TIỂU BAN\n\nLê Văn Bình\nCHÁNH VĂN PHÒNG HĐND VÀ UBND XÃ", ("T/M", "TIỂU BAN", "TRƯỞNG TIỂU BAN", "Lê Văn Bình")),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Bình", ("K/T", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình")),
]


@pytest.mark.parametrize(("block", "expected"), SIGNATURES)
def test_the_signature_ends_at_the_name(block, expected):
    d = vndirective.parse_text(STATE_HEADER + BODY + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n" + block + "\n")
    assert d.signature is not None
    assert (d.signature.authority, d.signature.on_behalf_of, d.signature.title, d.signature.name) == expected


# --- 5. A body sentence that starts with the words 'Nơi nhận' is not the list's label.
def test_a_sentence_starting_with_noi_nhan_is_not_the_label():
    body = (
        "THÔNG BÁO\nvề việc gửi văn bản\n\n"
        "1. Thể thức\nNơi nhận văn bản gồm các cơ quan có trách nhiệm thi hành và các cơ quan cần biết.\n"
        "2. Tổ chức thực hiện\nCác phòng thực hiện nghiêm Thông báo này.\n\n"
    )
    d = vndirective.parse_text(STATE_HEADER + body + "Nơi nhận:\n- Các phòng;\n- Lưu: VT.\n" + SIGNED)
    assert [t.number for t in d.tasks] == ["1", "2"]
    assert [i.recipient for i in d.distribution] == ["Các phòng", "Lưu: VT"]
    assert d.signature is not None and d.signature.name == "Lê Văn An"


# --- 6. A subject under the type name may open with words that usually open the body ('Thực hiện ...').
SUBJECTS = [
    ("KẾ HOẠCH\nThực hiện công tác chuyển đổi số\nnăm 2026 trên địa bàn xã\n\nCăn cứ Luật Tổ chức chính quyền địa phương, Ủy ban nhân dân xã ban hành kế hoạch như sau:\n",
     "Thực hiện công tác chuyển đổi số năm 2026 trên địa bàn xã"),
    ("KẾ HOẠCH\nvề chuyển đổi số năm 2026\n\nThực hiện Nghị quyết số 12/NQ-HĐND ngày 02/01/2026 của Hội đồng nhân dân tỉnh, Ủy ban nhân dân xã ban hành kế hoạch như sau:\n",
     "về chuyển đổi số năm 2026"),
    ("KẾ HOẠCH\nThực hiện Nghị quyết số 12/NQ-HĐND ngày 02/01/2026 của Hội đồng nhân dân tỉnh, Ủy ban nhân dân xã ban hành kế hoạch như sau:\n\n1. Mục đích\n",
     None),
]


@pytest.mark.parametrize(("typed", "subject"), SUBJECTS)
def test_a_subject_may_open_like_the_body(typed, subject):
    header = "ỦY BAN NHÂN DÂN\nXÃ AN HÒA\nSố: 21/KH-UBND\n" + STATE_TITLE + "An Hòa, ngày 4 tháng 3 năm 2026\n\n"
    assert vndirective.parse_text(header + typed + "\n1. Mục đích\nBảo đảm tiến độ.\n2. Yêu cầu\nĐúng quy định.\n").subject == subject


# --- 7. Tasks: the numbering of a quoted regulation is not the document's; a list number in its own cell is.
TASKS = [
    ("1. Căn cứ pháp lý\na) Khoản 4 Điều 9 Nghị định số 10/2025/NĐ-CP quy định:\n“2. Trường hợp hồ sơ chưa đầy đủ thì trả lại;\n"
     "a) Thông báo bằng văn bản;\n3. Sau khi nhận đủ hồ sơ thì giải quyết trong 05 ngày.”\n2. Đề xuất\nGiao Sở Nội vụ thẩm định.\n",
     ["1", "2"]),
    ("1. Căn cứ pháp lý\nĐiều 9 quy định: “Trường hợp hồ sơ chưa đầy đủ thì trả lại”.\n2. Đề xuất\nGiao Sở Nội vụ thẩm định.\n", ["1", "2"]),
    ("1. Căn cứ pháp lý\nĐiều 9 quy định:\n“2. Hồ sơ gồm “Tờ khai” và bản sao giấy tờ;\n3. Thời hạn giải quyết là 05 ngày.”\n2. Đề xuất\nGiao Sở Nội vụ thẩm định.\n",
     ["1", "2"]),  # a quotation inside the quotation
    ("| 1. | Thống nhất tổ chức hội nghị tổng kết. |\n2. Giao Sở Tài chính bố trí kinh phí.\n3. Giao Sở Nội vụ theo dõi.\n", ["1", "2", "3"]),
    ("1. Thống nhất đề nghị của Sở “Nâng cao chất lượng\ndịch vụ công.\n2. Giao Sở Nội vụ theo dõi.\n", ["1", "2"]),  # a quote never closed
    # two quotations in straight quotes, the first one's closing mark lost by OCR: the second, after its 'quy định:',
    # is a new quotation, not the first one's end
    ('Cục Thuế có ý kiến như sau:\n- Điều 5 Nghị định số 10/2025/NĐ-CP quy định:\n"Điều 5. Thu hồi giấy phép\nCơ quan cấp phép thu hồi khi:\n'
     'a) Doanh nghiệp giải thể;\nb) Doanh nghiệp không báo cáo.\n- Khoản 1 Điều 6 quy định:\n"1. Doanh nghiệp được hưởng ưu đãi."\n'
     "Đề nghị Thuế tỉnh căn cứ quy định trên để thực hiện.\n", []),
]


@pytest.mark.parametrize(("body", "numbers"), TASKS)
def test_the_tasks_are_the_documents_own_numbering(body, numbers):
    text = STATE_HEADER + "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n\nChủ tịch UBND tỉnh kết luận như sau:\n" + body + "\nNơi nhận:\n- Lưu: VT.\n" + SIGNED
    d = vndirective.parse_text(text)
    assert [t.number for t in d.tasks] == numbers
    assert not d.tasks or (d.tasks[0].text and not d.tasks[0].text.startswith(("|", "1.")))


# The number a clerk or a signing tool wrote into the blank of the number line: the rest of the blank stays between
# the number and its symbol. Made-up lines; a blank left blank stays a blank number.
STAMPED_NUMBERS = [
    ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 41     /UBND-VP      An Bình, ngày 3 tháng 5 năm 2025\n\nV/v lịch tiếp dân\n", "41", "41/UBND-VP"),
    ("SỞ NỘI VỤ\nSố: 1207          /SNV-TCBC\nV/v thi tuyển\n", "1207", "1207/SNV-TCBC"),
    ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố:  9    /QĐ-UBND      An Bình, ngày 3 tháng 5 năm 2025\n\nQUYẾT ĐỊNH\nVề việc khen thưởng\n", "9", "9/QĐ-UBND"),
    ("ĐẢNG ỦY XÃ AN BÌNH\n*\nSố 27       -CV/ĐU      An Bình, ngày 3 tháng 5 năm 2025\n\nV/v sinh hoạt chi bộ\n", "27", "27-CV/ĐU"),
    ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố:       /UBND-VP      An Bình, ngày 3 tháng 5 năm 2025\n\nV/v lịch tiếp dân\n", None, None),
]


@pytest.mark.parametrize(("text", "number", "doc_id"), STAMPED_NUMBERS, ids=["state", "long_blank", "one_digit", "party", "left_blank"])
def test_a_number_written_into_the_blank_of_the_number_line_is_the_documents(text: str, number: str | None, doc_id: str | None):
    d = vndirective.parse_text(text)
    assert (d.number, d.doc_id) == (number, doc_id)
    assert ("blank_number" in {w.code for w in d.warnings}) is (number is None)
    if doc_id is not None:  # the spans are the printed number and the printed id, blank and all
        number_span, id_span = d.spans["number"], d.spans["doc_id"]
        assert d.text[number_span.start : number_span.end] == number
        printed = d.text[id_span.start : id_span.end]
        assert printed.startswith(number) and printed.replace(" ", "") == doc_id


# A draft's number line with a wide blank before the symbol is still the number line (the issuer above it ends there).
WIDE_BLANKS = [
    ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ AN BÌNH | Độc lập - Tự do - Hạnh phúc\n"
     "Số:                 /UBND-VP |     An Bình, ngày        tháng 5  năm 2025\nV/v lịch tiếp công dân\n\nKính gửi: Các thôn.\n", "ỦY BAN NHÂN DÂN XÃ AN BÌNH", "CV"),
    ("ĐẢNG ỦY XÃ AN BÌNH\n*\nSố                    -CV/ĐU\nV/v sinh hoạt chi bộ\n\nKính gửi: Các chi bộ.\n", "ĐẢNG ỦY XÃ AN BÌNH", "CV"),
]


@pytest.mark.parametrize(("text", "issuer", "doc_type"), WIDE_BLANKS, ids=["state_in_cells", "party"])
def test_a_number_line_with_a_wide_blank_is_the_number_line(text: str, issuer: str, doc_type: str):
    d = vndirective.parse_text(text)
    assert (d.issuer, d.number, d.doc_type) == (issuer, None, doc_type)
    assert "blank_number" in {w.code for w in d.warnings}


# The authority line of a quyết định or nghị quyết whose subject is in capitals: an organ or a title right above
# the first 'Căn cứ' is who enacts it, not the end of the subject. Made-up documents.
_COUNCIL = "HỘI ĐỒNG THI ĐUA\nKHEN THƯỞNG TỈNH\nSố: 5/NQ-HĐTĐKT\n\nNGHỊ QUYẾT\n"
AUTHORITY_LINES = [
    (_COUNCIL + "QUY ĐỊNH MẪU HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG\nHỘI ĐỒNG THI ĐUA KHEN THƯỞNG TỈNH\nCăn cứ Luật Thi đua, khen thưởng;\n",
     "QUY ĐỊNH MẪU HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG"),
    ("ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\nVỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN BÌNH\n"
     "Căn cứ Luật Tổ chức chính quyền địa phương;\n", "THÀNH LẬP TỔ CÔNG TÁC"),
    ("HUYỆN ỦY AN BÌNH\n*\nSố 30-QĐ/HU\n\nQUYẾT ĐỊNH\nVỀ VIỆC CHUẨN Y KẾT QUẢ BẦU CỬ\nBAN THƯỜNG VỤ HUYỆN ỦY\n- Căn cứ Điều lệ Đảng;\n",
     "CHUẨN Y KẾT QUẢ BẦU CỬ"),
    # a subject in capitals that ends with an organ's name and has no authority line under it keeps the name
    (_COUNCIL + "VỀ VIỆC KIỆN TOÀN\nHỘI ĐỒNG THI ĐUA KHEN THƯỞNG TỈNH\n\nI. MỤC ĐÍCH\n1. Kiện toàn hội đồng.\n",
     "KIỆN TOÀN HỘI ĐỒNG THI ĐUA KHEN THƯỞNG TỈNH"),
]


@pytest.mark.parametrize(("text", "subject"), AUTHORITY_LINES, ids=["council", "chairman", "party_standing_committee", "organ_in_subject"])
def test_the_authority_line_above_the_legal_bases_is_no_part_of_the_subject(text: str, subject: str):
    assert vndirective.parse_text(text).subject == subject


# Marks OCR read in a seal or a signature in front of the signer's title are no part of it. Made-up closings.
_SIGNED = "ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 12/UBND-VP\nV/v lịch tiếp dân\n\nKính gửi: Các sở.\nNội dung.\n"
TITLE_NOISE = [
    ("Nơi nhận:                                  <=—x CHỦ TỊCH\n- Như trên;\n- Lưu: VT.                                  Nguyễn Văn An\n", "CHỦ TỊCH"),
    ("Nơi nhận:                                  CHỦ TỊCH\n- Như trên;\n- Lưu: VT.                                  Nguyễn Văn An\n", "CHỦ TỊCH"),
]


@pytest.mark.parametrize(("closing", "title"), TITLE_NOISE, ids=["marks", "clean"])
def test_marks_before_the_signers_title_are_no_part_of_it(closing: str, title: str):
    d = vndirective.parse_text(_SIGNED + closing)
    assert d.signature is not None and d.signature.title == title
    span = d.signature.spans["title"]
    assert d.text[span.start : span.end] == title
