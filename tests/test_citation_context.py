"""What the words around a citation say about it: its date printed before it, its issuer printed before it, and
numbers printed as specimens rather than cited (issue 14, the real files read blind).

Every example is made up for the rule it stands for (names, numbers and places are not those of any real
document); the real files are scored by tests/test_real.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

import vndirective

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 45/TTr-SNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "An Giang, ngày 5 tháng 6 năm 2025\n\nTỜ TRÌNH\nvề việc giải thể các hội\n\nKính gửi: Chủ tịch Ủy ban nhân dân tỉnh\n\n"
)


def _refs(body: str) -> dict[str, vndirective.Reference]:
    d = vndirective.parse_text(HEADER + body + "\n")
    return {r.doc_id: r for r in d.references}


# --- 1. A date that opens the clause belongs to the citation when the clause's verb says its organ issued or sent it.
DATED_BEFORE = [
    # body, doc_id, the date it gets
    ("Ngày 12/3/2025, Chủ tịch Ủy ban nhân dân tỉnh có Công văn số 815/UBND-NC về việc tổ chức đại hội của hội.", "815/UBND-NC", dt.date(2025, 3, 12)),
    ("Hội chưa tổ chức đại hội. Ngày 9/5/2025, Sở Nội vụ đã có Văn bản số 412/SNV-CCVC đề nghị hội báo cáo.", "412/SNV-CCVC", dt.date(2025, 5, 9)),
    (
        "1. Căn cứ pháp lý\n                      Ngày 14/02/2025, Chính phủ ban hành Nghị định số 41/2025/NĐ-CP\n"
        "                quy định về tổ chức, hoạt động và quản lý hội.",
        "41/2025/NĐ-CP",
        dt.date(2025, 2, 14),
    ),  # a line indented as pdftotext -layout prints it
    ("(2) Hội Chữ thập đỏ: ngày 14/8/2024, Sở Y tế có Công văn số 4390/SYT-NV đề xuất giải thể hội.", "4390/SYT-NV", dt.date(2024, 8, 14)),
    ("Ngày 3/4/2025, Ủy ban nhân dân huyện gửi Tờ trình số 55/TTr-UBND đề nghị phê duyệt.", "55/TTr-UBND", dt.date(2025, 4, 3)),
    ("Ngày 20/1/2025, Sở Tài chính có ý kiến tại Văn bản số 131/STC-QLG về giá dịch vụ.", "131/STC-QLG", dt.date(2025, 1, 20)),
    ("Ngày 26/4/2013, Thủ tướng Chính phủ đã ban hành Quyết định số 22/2013/QĐ-TTg về việc hỗ trợ.", "22/2013/QĐ-TTg", dt.date(2013, 4, 26)),
    # The date of an event, not of the document the clause cites.
    ("Ngày 5/3/2025, Đoàn kiểm tra làm việc tại xã An Phú theo Kế hoạch số 12/KH-UBND.", "12/KH-UBND", None),
    ("Ngày 5/3/2025, Ban Thường vụ Huyện ủy họp nghe báo cáo tình hình thực hiện Nghị quyết số 58-NQ/HU.", "58-NQ/HU", None),
    ("Ngày 5/3/2025, Tỉnh ủy ban hành Kế hoạch thực hiện Chỉ thị số 07-CT/TW về công tác dân vận.", "07-CT/TW", None),
    ("Ngày 5/3/2025, các đơn vị có Kế hoạch số 7/KH-UBND được kiểm tra.", "7/KH-UBND", None),
]


@pytest.mark.parametrize(("body", "doc_id", "date"), DATED_BEFORE)
def test_a_date_before_the_citation_needs_a_verb_of_issuing(body, doc_id, date):
    ref = _refs(body)[doc_id]
    assert ref.date == date
    if date is not None:
        span = ref.mentions[0].date_span
        assert span is not None and span.end <= ref.mentions[0].span.start


# --- 2. An issuer printed before the number: '<organ> tại <type word> số ...', or the organ of an issuing clause.
ISSUERS_BEFORE = [
    # body, {doc_id: issuer}
    (
        "Đã nhận hồ sơ của các doanh nghiệp: Công ty cổ phần An Phú tại Văn bản số 05/CV-APC ngày 02/4/2026; "
        "Doanh nghiệp tư nhân Bình Minh tại Văn bản số 02/GĐN-BM ngày 01/4/2026.",
        {"05/CV-APC": "Công ty cổ phần An Phú", "02/GĐN-BM": "Doanh nghiệp tư nhân Bình Minh"},
    ),
    ("Theo đề nghị của Sở Tài chính tại Tờ trình số 286/STC-NS ngày 5/3/2025, Chủ tịch UBND tỉnh quyết định.", {"286/STC-NS": "Sở Tài chính"}),
    ("Trên cơ sở thống nhất với Ủy ban nhân dân huyện Tân Phú tại Công văn số 77/UBND-VP ngày 2/6/2025.", {"77/UBND-VP": "Ủy ban nhân dân huyện Tân Phú"}),
    ("Ngày 12/3/2025, Chủ tịch Ủy ban nhân dân tỉnh có Công văn số 815/UBND-NC về việc tổ chức đại hội.", {"815/UBND-NC": "Chủ tịch Ủy ban nhân dân tỉnh"}),
    # The 'của ...' phrase after the number wins; what stands before 'tại' that is not an organ is no issuer.
    ("Công ty cổ phần An Phú tại Văn bản số 05/CV-APC ngày 02/4/2026 của Tổng công ty Bình An.", {"05/CV-APC": "Tổng công ty Bình An"}),
    ("Căn cứ quy định tại Nghị định số 30/2020/NĐ-CP ngày 05/3/2020.", {"30/2020/NĐ-CP": None}),
    ("Các nội dung nêu tại Kế hoạch số 12/KH-UBND ngày 3/1/2025.", {"12/KH-UBND": None}),
    ("Quy hoạch đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 1720/QĐ-TTg.", {"1720/QĐ-TTg": None}),
    ("Ngoài mức hỗ trợ của Nhà nước theo quy định tại Nghị định số 146/2018/NĐ-CP, tỉnh hỗ trợ thêm.", {"146/2018/NĐ-CP": None}),
    ("Quy hoạch đã được Thủ tướng\n    Chính phủ phê duyệt tại Quyết định số 1720/QĐ-TTg.", {"1720/QĐ-TTg": None}),  # a wrapped line opens nothing
    ("Đã nhận hồ sơ: Công ty cổ phần\n    An Phú tại Văn bản số 05/CV-APC ngày 02/4/2026.", {"05/CV-APC": "Công ty cổ phần An Phú"}),
]


@pytest.mark.parametrize(("body", "expected"), ISSUERS_BEFORE)
def test_an_issuer_printed_before_the_number(body, expected):
    d = vndirective.parse_text(HEADER + body + "\n")
    refs = {r.doc_id: r for r in d.references}
    assert {k: refs[k].issuer for k in expected} == expected
    for k, issuer in expected.items():
        m = refs[k].mentions[0]
        if issuer is not None:
            assert m.issuer_span is not None and " ".join(d.snippet(m.issuer_span).split()) == issuer


# --- 3. A number printed as a number label ('Số 16-BC/ĐH' alone on its line or in its cell, or in quotes) is a
# specimen of how a number is written (a formatting guide's examples), not a citation.
SPECIMENS = [
    # body, the ids that are citations
    (
        'Ký hiệu của đại hội ghi là "ĐH".\nVí dụ 1: Báo cáo của đại hội\nSố 21-BC/ĐH\nVí dụ 2: Biên bản của ban kiểm phiếu\nSố 23-BB/ĐH\n'
        "Văn bản của cấp ủy ghi chữ viết tắt tên cấp ủy.",
        [],
    ),
    ("Trích yếu công văn trình bày dưới số và ký hiệu.\nVí dụ:\nSố 412-CV/VPTU\nChuẩn bị hội nghị trực tuyến\n", []),
    ("Ký hiệu tên loại ghi chữ viết tắt.\nVí dụ 2: Hướng dẫn\nSố 33-HD/TU\nVí dụ 3: Công văn\nSố 358-CV/BTCTU\n", []),
    ("| 3. | Số và ký hiệu văn bản | In thường | 14 | Đứng | Số 135-QĐ/TW; Số 31-BS/UBKTTU |\n|---|---|---|---|---|---|\n", []),
    ("Số của công văn ghi như sau: “Số: 17-CV/TU”, không ghi “Số 17/CV-TU”.\n", []),
    # Citations stay: a type word right before the label, a label that does not end its line.
    ("Thực hiện Quyết định\nSố 1090/QĐ-SCT ngày 3/2/2026 của Sở Công Thương về kiểm tra.", ["1090/QĐ-SCT"]),
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 4/1/2025.\nSố 15/QĐ-UBND ngày 9/1/2025 của UBND tỉnh đã được bãi bỏ.", ["12/QĐ-UBND", "15/QĐ-UBND"]),
]


@pytest.mark.parametrize(("body", "cited"), SPECIMENS)
def test_a_number_printed_as_a_label_is_a_specimen(body, cited):
    assert list(_refs(body)) == cited


# --- 2b. What reads like an issuer between a type word and the number may hold the number's own type word, or run into
# the next block: 'báo cáo của các hội ... theo Công văn số ...' cites a công văn (no issuer); 'của UBND tỉnh' / 'Kính gửi:'.
def test_the_nearest_type_word_after_a_function_word_types_the_number():
    refs = _refs(
        "Từ kết quả tổng hợp báo cáo của các hội về việc tổ chức đại hội nhiệm kỳ theo Công văn số 815/UBND-NC, tính đến nay.\n"
        "Thực hiện Quyết định của Ban Quản lý dự án số 12/QĐ-BQLDA ngày 5/3/2025."
    )
    assert [(k, r.doc_type, r.issuer, r.mentions[0].type_word) for k, r in refs.items()] == [
        ("815/UBND-NC", "CV", None, "Công văn"),
        ("12/QĐ-BQLDA", "QĐ", "Ban Quản lý dự án", "Quyết định"),  # an organ's name may end with a type word
    ]


def test_an_issuer_phrase_ends_before_the_recipients_label():
    d = vndirective.parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 45/TTr-SNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "An Giang, ngày 5 tháng 6 năm 2025\n\n               TỜ TRÌNH\n     Đề xuất phương án xử lý các hội theo Công\n"
        "        văn số 815/UBND-NC ngày 12/3/2025 của UBND tỉnh\n                    Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh\n\nNội dung.\n"
    )
    assert [(r.doc_id, r.issuer) for r in d.references] == [("815/UBND-NC", "UBND tỉnh")]


# A number right after the word for a form is a form's code, not a document. Made-up sentences.
FORM_CODES = [
    ("Hồ sơ gồm đơn đề nghị (theo mẫu số 01/HĐKT-TT) và bản sao Quyết định số 12/QĐ-UBND ngày 1/2/2024.", ["12/QĐ-UBND"]),
    ("Mẫu số 09/HĐKT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTheo Thông tư số 01/2011/TT-BNV.", ["01/2011/TT-BNV"]),
    ("(Kèm theo các mẫu số 01, 02, 03/HĐKT-TT và Kế hoạch số 5/KH-UBND)", ["5/KH-UBND"]),
    ("Lập biểu mẫu: 02/BC-TK gửi Sở Tài chính theo Công văn số 7/STC-NS.", ["7/STC-NS"]),
    ("Thực hiện mẫu 3 của Thông tư số 4/2020/TT-BTC.", ["4/2020/TT-BTC"]),
]


@pytest.mark.parametrize(("text", "ids"), FORM_CODES, ids=["in_parenthesis", "form_heading", "list_of_forms", "bieu_mau", "form_then_citation"])
def test_a_forms_code_is_no_citation(text: str, ids: list[str]):
    assert [r.doc_id for r in vndirective.parse_text(text).references] == ids
