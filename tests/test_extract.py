"""Extractors, one table of input → expected value each, on small documents."""

from __future__ import annotations

import datetime as dt

import pytest

import vndirective
from vndirective.core.extract.distribution import split_purpose
from vndirective.core.lines import Layout, build_layout

PARTY_HEADER = """ĐẢNG BỘ TỈNH BẮC GIANG
HUYỆN ỦY LỤC NGẠN
*
Số 334-CV/HU
V/v thực hiện kết luận số 105/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Lục Ngạn, ngày 20 tháng 6 năm 2021

Kính gửi: Các chi, đảng bộ trực thuộc.

"""
BODY = """Thực hiện Kết luận số 105-KL/TU ngày 15/6/2021 của Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Huyện ủy yêu cầu:

1. Quán triệt quan điểm chỉ đạo.

2. Tập trung phòng, chống dịch.

"""


def with_closing(closing: str, header: str = PARTY_HEADER) -> vndirective.Directive:
    return vndirective.parse_text(header + BODY + closing)


SIGNATURES = [
    # closing block, (authority, on_behalf_of, title, name)
    ("Nơi nhận:\n- Lưu VT.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Văn Hùng", ("T/M", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Hùng")),
    ("Nơi nhận:\n- Lưu VT.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", ("T/M", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", None)),
    ("Nơi nhận:\n- Lưu VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nLê Văn Sơn", ("T/M", "ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH", "Lê Văn Sơn")),
    ("Nơi nhận:\n- Lưu: VT, TH.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nNguyễn Trần Nam", ("K/T", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Trần Nam")),
    ("| Nơi nhận: - Như trên; - Lưu: VT, QLN (2b) | KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trần Nam |", ("K/T", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Trần Nam")),
    ("Nơi nhận:\n- Lưu VT.\n\nTL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nTrần Thị Lan", ("T/L", "CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG", "Trần Thị Lan")),
    ("Nơi nhận:\n- Lưu VT.\n\nTUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nĐỗ Minh Tuấn", ("T/U", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Đỗ Minh Tuấn")),
    ("Nơi nhận:\n- Lưu VT.\n\nQ. GIÁM ĐỐC\n\nThái Văn Hùng", ("Q.", "GIÁM ĐỐC", "GIÁM ĐỐC", "Thái Văn Hùng")),
    ("Nơi nhận:\n- Lưu VT.\n\nT/M BAN BÍ THƯ\n\nTrần Quang Vinh", ("T/M", "BAN BÍ THƯ", None, "Trần Quang Vinh")),
    ("Nơi nhận:\n- Lưu VT.\n\nTHỦ TƯỚNG\n\nPhạm Minh Chính", (None, None, "THỦ TƯỚNG", "Phạm Minh Chính")),
    ("Nơi nhận:                     KT. CHỦ TỊCH\n- Như trên;\n- Lưu: VT.                    PHÓ CHỦ TỊCH\n\n\n                              Ngô Hạnh Phúc",
     ("K/T", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Ngô Hạnh Phúc")),
]


@pytest.mark.parametrize(("closing", "expected"), SIGNATURES)
def test_signature(closing, expected):
    d = with_closing(closing)
    sig = d.signature
    assert sig is not None
    assert (sig.authority, sig.on_behalf_of, sig.title, sig.name) == expected
    for span in sig.spans.values():
        assert 0 <= span.start <= span.end <= len(d.text)


def test_signature_chain_keeps_every_mark():
    d = with_closing("Nơi nhận:\n- Lưu VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Sơn")
    assert d.signature is not None
    assert [(s.authority, s.on_behalf_of) for s in d.signature.chain] == [("T/M", "ỦY BAN NHÂN DÂN"), ("K/T", "CHỦ TỊCH")]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("Như trên (thực hiện)", ("Như trên", "thực hiện")),
        ("Thủ tướng Chính phủ (để b/c)", ("Thủ tướng Chính phủ", "để b/c")),
        ("Văn phòng: LDVP, CVTH (theo dõi, đôn đốc)", ("Văn phòng: LDVP, CVTH", "theo dõi, đôn đốc")),
        ("Chủ tịch UBND tỉnh (Đ/c Khanh)", ("Chủ tịch UBND tỉnh (Đ/c Khanh)", None)),
        ("Lưu: VT, QLN (2b)", ("Lưu: VT, QLN (2b)", None)),
        ("Lưu: VT, TH(Dũng)", ("Lưu: VT, TH(Dũng)", None)),
        ("Thường trực Huyện ủy", ("Thường trực Huyện ủy", None)),
    ],
)
def test_split_purpose(item, expected):
    assert split_purpose(item) == expected


DISTRIBUTIONS = [
    ("Nơi nhận:\n- Như trên (thực hiện),\n- Thường trực Huyện ủy,\n- Lưu Văn thư.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nLê Văn A",
     [("Như trên", "thực hiện"), ("Thường trực Huyện ủy", None), ("Lưu Văn thư", None)]),
    ("Nơi nhận: - Như trên; - Thủ tướng Chính phủ (để b/c); - Bộ Lao động - Thương binh và Xã hội; - Lưu: VT, QLN.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Văn A",
     [("Như trên", None), ("Thủ tướng Chính phủ", "để b/c"), ("Bộ Lao động - Thương binh và Xã hội", None), ("Lưu: VT, QLN", None)]),
    ("Nơi nhận:\n- Cổng thông tin điện tử tỉnh (đăng tải trên Website của\ntỉnh);\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nHà Mạnh Cường",
     [("Cổng thông tin điện tử tỉnh", "đăng tải trên Website của tỉnh"), ("Lưu: VT", None)]),
    ("Nơi nhận:\nNhư trên;\nLưu: VT, NSNN.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nVõ Thành Hưng", [("Như trên", None), ("Lưu: VT, NSNN", None)]),  # no bullets
]


@pytest.mark.parametrize(("closing", "expected"), DISTRIBUTIONS)
def test_distribution(closing, expected):
    d = with_closing(closing)
    assert [(i.recipient, i.purpose) for i in d.distribution] == expected


HEADERS = [
    # header text, expected fields
    (PARTY_HEADER, {"system": "party", "issuer": "HUYỆN ỦY LỤC NGẠN", "issuer_parent": "ĐẢNG BỘ TỈNH BẮC GIANG", "doc_id": "334-CV/HU",
                    "doc_type": "CV", "place": "Lục Ngạn", "date": dt.date(2021, 6, 20), "subject": "thực hiện kết luận số 105/TU"}),
    ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 904/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLào Cai, ngày 26 tháng 8 năm 2025\n\nQUYẾT ĐỊNH\nVề việc ủy quyền cho Giám đốc Sở Công Thương\n\n",
     {"system": "state", "issuer": "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "issuer_parent": None, "doc_id": "904/QĐ-UBND", "doc_type": "QĐ",
      "doc_type_name": "Quyết định", "date": dt.date(2025, 8, 26), "subject": "ủy quyền cho Giám đốc Sở Công Thương"}),
    ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI                  CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG                         Độc lập - Tự do - Hạnh phúc\n"
     "       Số: 3320 /SNNMT-CCMT                        Lào Cai, ngày 23 tháng 4 năm 2026\n    V/v triển khai thực hiện các quy định\nvề giảm nhẹ phát thải khí nhà kính\n\n",
     {"issuer": "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "issuer_parent": "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "doc_id": "3320/SNNMT-CCMT", "doc_type": "CV",
      "place": "Lào Cai", "subject": "triển khai thực hiện các quy định về giảm nhẹ phát thải khí nhà kính"}),
    ("TỈNH ỦY NINH BÌNH\n*\nSố 45-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nNinh Bình, ngày 15 tháng 3 năm 2024\n\nNGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề đẩy mạnh chuyển đổi số\n-----\n\n",
     {"issuer": "TỈNH ỦY NINH BÌNH", "issuer_parent": None, "doc_type": "NQ", "subject": "về đẩy mạnh chuyển đổi số"}),
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 10-NQ/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 10 tháng 02 năm 2022\nNGHỊ QUYẾT\nCỦA BỘ CHÍNH TRỊ VỀ ĐỊNH HƯỚNG CHIẾN LƯỢC ĐỊA CHẤT\n",
     {"issuer": "BAN CHẤP HÀNH TRUNG ƯƠNG", "subject": "VỀ ĐỊNH HƯỚNG CHIẾN LƯỢC ĐỊA CHẤT", "date": dt.date(2022, 2, 10)}),
    ("TỈNH ỦY QUẢNG TRỊ\nỦY BAN KIỂM TRA\n*\nSố 214-TB/UBKTTU\nMẬT\nĐẢNG CỘNG SẢN VIỆT NAM\nQuảng Trị, ngày 26 tháng 3 năm 2024\n\n",
     {"issuer": "ỦY BAN KIỂM TRA", "issuer_parent": "TỈNH ỦY QUẢNG TRỊ", "security": "MẬT", "urgency": None, "doc_type": "TB"}),
    ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 05/CĐ-UBND\nHOẢ TỐC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQuảng Ngãi, ngày 26 tháng 10 năm 2024\n\n",
     {"urgency": "HỎA TỐC", "doc_type": "CĐ", "issuer": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"}),
    ("TÍNH ỦY LÀO CAI ĐÁNG CỘNG SẢN VIỆT NAM\n>k\nSố 34 -NQ/TU Lào Cai, ngày 14 tháng 01 năm 2022\n\n",
     {"system": "party", "issuer": "TỈNH ỦY LÀO CAI", "doc_id": "34-NQ/TU", "place": "Lào Cai", "date": dt.date(2022, 1, 14)}),
    ("ĐẢNG BỘ XÃ A\nCHI BỘ THÔN B\n*\nSố 03-NQ/CB\nĐẢNG CỘNG SẢN VIỆT NAM\nThôn B, ngày 31 tháng 02 năm 2024\n\n",
     {"date": None, "issuer": "CHI BỘ THÔN B", "issuer_parent": "ĐẢNG BỘ XÃ A"}),
    ("ỦY BAN NHÂN DÂN\nHUYỆN LỤC NGẠN\nSố:      /UBND-VP\nLục Ngạn, ngày      tháng      năm 2024\n\n",
     {"number": None, "date": None, "issuer": "ỦY BAN NHÂN DÂN HUYỆN LỤC NGẠN"}),
    # a subject holding ';' over two lines
    ("ỦY BAN NHÂN DÂN\nHUYỆN CẨM XUYÊN\nSố: 318/BC-UBND\nV/v Tình hình thực hiện nhiệm vụ năm 2024;\nphương hướng, nhiệm vụ năm 2025\nCẩm Xuyên, ngày 10 tháng 12 năm 2024\n\n",
     {"subject": "Tình hình thực hiện nhiệm vụ năm 2024; phương hướng, nhiệm vụ năm 2025"}),
    # HD 36 specimen: a công văn subject printed without 'V/v'
    ("HUYỆN ỦY ĐỊNH HÓA\n*\nSố 12-CV/HU\nChế độ hội nghị và công tác phí\nĐẢNG CỘNG SẢN VIỆT NAM\nĐịnh Hóa, ngày 05 tháng 3 năm 2024\n\n",
     {"subject": "Chế độ hội nghị và công tác phí", "issuer": "HUYỆN ỦY ĐỊNH HÓA", "doc_id": "12-CV/HU"}),
    ("UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố: 12/SCT-CN\nV/v kiểm tra\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLào Cai, ngày 05 tháng 3 năm 2024\n\n",
     {"issuer": "SỞ CÔNG THƯƠNG", "issuer_parent": "UBND TỈNH LÀO CAI", "doc_type": "CV", "subject": "kiểm tra"}),
    ("TỈNH ỦY BẮC NINH\n*\nSố\n125-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nBắc Ninh, ngày 03 tháng 4 năm 2023\n\n",  # 'Số' alone on its line
     {"doc_id": "125-KH/TU", "number": "125", "issuer": "TỈNH ỦY BẮC NINH"}),
    ("HUYỆN ỦY LỤC NGẠN  ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 5-NQ/HU  Lục Ngạn, ngày 05 tháng 01 năm 2021\n\n",
     {"system": "party", "issuer": "HUYỆN ỦY LỤC NGẠN", "doc_id": "5-NQ/HU", "date": dt.date(2021, 1, 5)}),
]


@pytest.mark.parametrize(("header", "expected"), HEADERS)
def test_header(header, expected):
    d = vndirective.parse_text(header + BODY)
    for name, value in expected.items():
        assert getattr(d, name) == value, name
        if value is not None and name in d.spans:
            span = d.spans[name]
            assert 0 <= span.start < span.end <= len(d.text)


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Thôn B, ngày 31 tháng 02 năm 2024", "impossible_date"),
        ("Số 334 - CV/HU", "malformed_number"),
        ("ngày      tháng      năm 2024", "blank_date"),
        ("KẾ HOẠCH under a QĐ number", "type_mismatch"),
    ],
)
def test_header_warnings(header, code):
    base = {
        "impossible_date": "ĐẢNG BỘ XÃ A\nCHI BỘ THÔN B\n*\nSố 03-NQ/CB\nĐẢNG CỘNG SẢN VIỆT NAM\nThôn B, ngày 31 tháng 02 năm 2024\n\n",
        "malformed_number": "ĐẢNG BỘ TỈNH BẮC GIANG\nHUYỆN ỦY LỤC NGẠN\n*\nSố 334 - CV/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nLục Ngạn, ngày 20 tháng 6 năm 2021\n\n",
        "blank_date": "ỦY BAN NHÂN DÂN\nHUYỆN LỤC NGẠN\nSố: 12/UBND-VP\nLục Ngạn, ngày      tháng      năm 2024\n\n",
        "type_mismatch": "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/QĐ-UBND\nLào Cai, ngày 05 tháng 01 năm 2025\n\nKẾ HOẠCH\nvề phòng chống thiên tai\n\n",
    }[code]
    d = vndirective.parse_text(base + BODY)
    assert code in {w.code for w in d.warnings}


RECIPIENTS = [
    ("Kính gửi: Bộ Nội vụ\n\n", ["Bộ Nội vụ"]),
    ("Kính gửi:\n- Các Bộ: Công an, Tư pháp;\n- Ủy ban nhân dân tỉnh Đồng Nai.\n\n", ["Các Bộ: Công an, Tư pháp", "Ủy ban nhân dân tỉnh Đồng Nai"]),
    ("*Kính gửi: - HĐND, UBND huyện,\n- Ủy ban MTTQ và các tổ chức chính trị- xã hội\nhuyện\n- Các chi, đảng bộ trực thuộc.*\n\n",
     ["HĐND, UBND huyện", "Ủy ban MTTQ và các tổ chức chính trị- xã hội huyện", "Các chi, đảng bộ trực thuộc"]),
    ("| Kính gửi: | - Bộ Tài chính; - Bộ Kế hoạch và Đầu tư |\n|---|---|\n\n", ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"]),
    ("Kính trình: Ban Thường vụ Huyện ủy\n\n", ["Ban Thường vụ Huyện ủy"]),
]


@pytest.mark.parametrize(("block", "expected"), RECIPIENTS)
def test_recipients(block, expected):
    header = PARTY_HEADER.split("Kính gửi")[0]
    d = vndirective.parse_text(header + block + BODY)
    assert d.recipients == expected
    assert len(d.spans.get("recipients", [])) == len(expected)


REFERENCES = [
    # sentence, [(doc_id, doc_type, date)]
    ("Thực hiện Kết luận số 105-KL/TU ngày 15/6/2021 của Ban Chấp hành Đảng bộ tỉnh.", [("105-KL/TU", "KL", dt.date(2021, 6, 15))]),
    ("Thực hiện kết luận số 105/TU của BCH Đảng bộ tỉnh.", [("105-KL/TU", "KL", None)]),
    ("Căn cứ Công văn số 59-CV/TU, ngày 28/12/2020 của Thường trực Tỉnh ủy;", [("59-CV/TU", "CV", dt.date(2020, 12, 28))]),
    ("Thực hiện Kế hoạch số 13-KH/TU ngày 17 tháng 11 năm 2025 của Ban Thường vụ Tỉnh ủy.", [("13-KH/TU", "KH", dt.date(2025, 11, 17))]),
    ("Theo Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997.", [("31-QĐ/TW", "QĐ", dt.date(1997, 10, 1))]),
    ("Nghị quyết số 25-NQ/HU, ngày 05/01/2021 và Kết luận số 105-KL/TU ngày 15/6/2021.",
     [("25-NQ/HU", "NQ", dt.date(2021, 1, 5)), ("105-KL/TU", "KL", dt.date(2021, 6, 15))]),
    ("Căn cứ các Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương.",
     [("18-NQ/TW", "NQ", dt.date(2017, 10, 25)), ("19-NQ/TW", "NQ", dt.date(2017, 10, 25))]),
    ("Căn cứ Công văn số 8388/BTC-QLCS ngày 19 tháng 6 năm\n2026 của Bộ Tài chính.", [("8388/BTC-QLCS", "CV", dt.date(2026, 6, 19))]),
    ("Ngày 26/4/2013, Thủ tướng Chính phủ đã ban hành Quyết định số 22/2013/QĐ-TTg về việc hỗ trợ.", [("22/2013/QĐ-TTg", "QĐ", dt.date(2013, 4, 26))]),
    ("Căn cứ Chương trình công tác; ngày\n                05/6/2024, Ban Tuyên giáo Tỉnh ủy ban hành Hướng dẫn số 76-HD/BTGTU về tuyên truyền.",
     [("76-HD/BTGTU", "HD", dt.date(2024, 6, 5))]),
    ("Căn cứ Luật số 80/2015/QH13 và Nghị định số 30/2020/NĐ-CP ngày 05/3/2020.", [("80/2015/QH13", "Luật", None), ("30/2020/NĐ-CP", "NĐ", dt.date(2020, 3, 5))]),
    ("Thực hiện Nghị quyết Đại hội XIII, nhiệm kỳ 2020 - 2025, khóa XIII.", []),
    ("Thực hiện Chỉ thị số 15/CT-TTg ngày 27/3/2020. Chỉ thị số 15/CT-TTg nêu rõ.", [("15/CT-TTg", "CT", dt.date(2020, 3, 27))]),
]


@pytest.mark.parametrize(("sentence", "expected"), REFERENCES)
def test_references(sentence, expected):
    d = vndirective.parse_text(PARTY_HEADER.replace("V/v thực hiện kết luận số 105/TU\n", "") + sentence + "\n")
    got = [(r.doc_id, r.doc_type, r.date) for r in d.references]
    assert got == expected
    for r in d.references:
        for m in r.mentions:
            assert d.text[m.span.start : m.span.end].replace("\n", "") .replace(" ", "") != ""


REFERENCE_ISSUERS = [
    # sentence, [(doc_id, issuer as printed)]
    ("Thực hiện Kết luận số 105-KL/TU ngày 15/6/2021 của Ban Chấp hành Đảng bộ tỉnh.", [("105-KL/TU", "Ban Chấp hành Đảng bộ tỉnh")]),
    ("Thực hiện Kế hoạch của Ban Thường vụ Tỉnh ủy Lạng Sơn số 193-KH/TU ngày 12/1/2024.", [("193-KH/TU", "Ban Thường vụ Tỉnh ủy Lạng Sơn")]),
    ("Theo Quyết định của Bộ Chính trị\nsố 31-QĐ/TW, ngày 01-10-1997.", [("31-QĐ/TW", "Bộ Chính trị")]),
    ("Căn cứ các Quyết định số 912/QĐ-UBND ngày 3/5/2023, 1988/QĐ-UBND ngày 7/9/2023 của UBND tỉnh.",
     [("912/QĐ-UBND", "UBND tỉnh"), ("1988/QĐ-UBND", "UBND tỉnh")]),
    ("Thực hiện Chỉ thị số 05-CT/TU của Tỉnh ủy và bàn giao nhiệm vụ.", [("05-CT/TU", "Tỉnh ủy")]),
    ("Căn cứ Chỉ thị số 05-CT/TU của Ban Tuyên giáo và Ban Dân vận Tỉnh ủy.", [("05-CT/TU", "Ban Tuyên giáo và Ban Dân vận Tỉnh ủy")]),
    ("Thực hiện Mệnh lệnh số 1547/ML-BTL của Bộ Tư lệnh.", [("1547/ML-BTL", "Bộ Tư lệnh")]),
]


@pytest.mark.parametrize(("sentence", "expected"), REFERENCE_ISSUERS)
def test_reference_issuers(sentence, expected):
    d = vndirective.parse_text(PARTY_HEADER.replace("V/v thực hiện kết luận số 105/TU\n", "") + sentence + "\n")
    assert [(r.doc_id, r.issuer) for r in d.references] == expected
    for r in d.references:
        for m in r.mentions:
            assert m.issuer_span is not None and " ".join(d.snippet(m.issuer_span).split()) == r.issuer


def test_own_number_is_no_citation_unless_dated_otherwise():
    own = "Số 334-CV/HU"
    assert own in PARTY_HEADER
    body = "Kèm theo Công văn số 334-CV/HU ngày 20/6/2021. Thực hiện Công văn số 334-CV/HU ngày 02/3/2016 của Tỉnh ủy Phú Thọ.\n"
    d = vndirective.parse_text(PARTY_HEADER + body)
    assert d.date == dt.date(2021, 6, 20)
    assert [(r.doc_id, r.date) for r in d.references if r.doc_id == "334-CV/HU"] == [("334-CV/HU", dt.date(2016, 3, 2))]


def test_reference_mentions_are_grouped():
    d = vndirective.parse_text(PARTY_HEADER + "Thực hiện Kết luận số 105/KL/TU ngày 15/6/2021.\n")
    ref = d.reference("105-KL/TU")
    assert ref is not None
    assert [m.text for m in ref.mentions] == ["105/TU", "105/KL/TU"]
    assert ref.date == dt.date(2021, 6, 15)


def test_own_number_is_not_a_reference(founding):
    assert "334-CV/HU" not in [r.doc_id for r in founding.references]


TASKS = [
    # body, [(number, kind, first words, [child numbers])]
    ("1. Một.\n2. Hai.\n3. Ba.\n", [("1", "arabic", "Một", []), ("2", "arabic", "Hai", []), ("3", "arabic", "Ba", [])]),
    ("I. MỤC ĐÍCH\n1. Một.\n2. Hai.\nII. NHIỆM VỤ\n1. Ba.\na) Bốn.\nb) Năm.\n",
     [("I", "roman", "MỤC ĐÍCH", ["1", "2"]), ("II", "roman", "NHIỆM VỤ", ["1"])]),
    ("I- TÌNH HÌNH\nNội dung.\nII- NHIỆM VỤ\n1- Một.\n2- Hai.\n", [("I", "roman", "TÌNH HÌNH", []), ("II", "roman", "NHIỆM VỤ", ["1", "2"])]),
    ("Căn cứ Luật;\nQUYẾT ĐỊNH:\nĐiều 1. Thành lập tổ.\n1. Ông A.\n2. Ông B.\nĐiều 2. Hiệu lực.\nĐiều 3. Thi hành./.\n",
     [("1", "article", "Thành lập tổ", ["1", "2"]), ("2", "article", "Hiệu lực", []), ("3", "article", "Thi hành", [])]),
    ("Il. MỤC TIÊU\nx.\nI. TÌNH HÌNH\n", []),  # OCR 'Il' before I: not a 1, 2... sequence
    ("1. Một nhiệm vụ dài được viết trên nhiều dòng và tiếp tục tại Khoản\n3 - Điều 61 Luật Lâm nghiệp.\n2. Hai.\n",
     [("1", "arabic", "Một nhiệm vụ", []), ("2", "arabic", "Hai", [])]),
    ("- Một.\n- Hai.\n", []),  # bullets alone are not numbered tasks
]


@pytest.mark.parametrize(("body", "expected"), TASKS)
def test_tasks(body, expected):
    d = vndirective.parse_text(PARTY_HEADER + body)
    got = [(t.number, t.kind, t.text, [c.number for c in t.children]) for t in d.tasks]
    assert len(got) == len(expected)
    for (num, kind, text, children), (e_num, e_kind, e_start, e_children) in zip(got, expected, strict=True):
        assert (num, kind, children) == (e_num, e_kind, e_children)
        assert text.startswith(e_start)


def test_task_text_rejoins_a_page_break(founding):
    task1 = founding.tasks[0]
    assert "cấp trên về kết quả thực hiện" in task1.text
    assert founding.closing is not None and founding.closing.text.startswith("Giao UBND huyện chủ trì")
    assert founding.preamble is not None and founding.preamble.text.startswith("Cùng với các địa phương")


def test_word_export_with_tab_separated_cells():
    text = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÀO CAI\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 12/UBND-VP\tLào Cai, ngày 05 tháng 01 năm 2025\nV/v triển khai\n\nKính gửi: Sở Tài chính\n\n"
        "\tThực hiện Công văn số 1/BTC-QLCS ngày 02/01/2025, yêu cầu:\n\t1. Một việc.\n\t2. Hai việc.\n"
        "Nơi nhận:\tKT. CHỦ TỊCH\n- Như trên;\tPHÓ CHỦ TỊCH\n- Lưu: VT.\n\n\tNguyễn Văn An"
    )
    d = vndirective.parse_text(text)
    assert (d.issuer, d.doc_id, d.date, d.subject) == ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "12/UBND-VP", dt.date(2025, 1, 5), "triển khai")
    assert [t.number for t in d.tasks] == ["1", "2"]
    assert d.signature is not None
    assert (d.signature.authority, d.signature.title, d.signature.name) == ("K/T", "PHÓ CHỦ TỊCH", "Nguyễn Văn An")
    assert [i.recipient for i in d.distribution] == ["Như trên", "Lưu: VT"]


def test_appendix_announced_by_kem_theo_is_not_the_signature():
    d = with_closing(
        "Nơi nhận:\n- Lưu VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nHoàng Văn Thuân\n\n\n"
        "PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC KIỂM TRA, CẤP GIẤY CHỨNG NHẬN\n(Kèm theo Kế hoạch số    /KH-SCT ngày  /4/2026)\n"
        "TT | Nhiệm vụ | Người thực hiện\n | Rà soát | Đỗ Mạnh Cường\n"
    )
    assert d.signature is not None
    assert (d.signature.title, d.signature.name) == ("PHÓ GIÁM ĐỐC", "Hoàng Văn Thuân")


def test_appendix_after_the_signature_is_not_the_signature():
    d = with_closing("Nơi nhận:\n- Lưu VT.\n\nGIÁM ĐỐC\n\nHoàng Chí Hiền\n\nPhụ lục\nDANH SÁCH\nTT | Họ và tên | Năm sinh\n1 | Lò Mạnh Cường | 1979\n")
    assert d.signature is not None
    assert (d.signature.authority, d.signature.title, d.signature.name) == (None, "GIÁM ĐỐC", "Hoàng Chí Hiền")


def test_ocr_merged_closing_and_glued_items():
    text = (
        "UBND TÍNH HÀ TĨNH CỘNG HOÀ XÃ HỘI CHU NGHĨA VIỆT NAM\nVĂN PHONG Ðộc lập - Tư do - Hạnh phúc\n"
        "Số: 415 /TB-VP Hà Tĩnh, ngày 22 tháng 10 năm 2024\nTHÔNG BAO\nKết luận của Phó Chủ tịch UBND tỉnh\n"
        "Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận:\n"
        "1. Đến nay, dự án đã bàn giao mặt bằng được 86,4% diện tích; công tác phối hợp giữa chủ đầu tư và các địa phương có lúc chưa chặt chẽ.2. UBND các huyện tập trung cao độ, huy động cả hệ thống chính trị vào cuộc.\n"
        "3. Sở Tài chính tham mưu.\nVăn phòng UBND tỉnh thông báo để các cơ quan biết, thực hiện./.\n"
        "Nơi nhận: TL. CHỦ TỊCH\n- Các sở: TC, XD; CHANH VĂN PHÒNG\n- Chánh VP, các PCVP UBND tỉnh; Ðinh Thị Ðào\n- Lưu: VT, GT1.\n"
    )
    d = vndirective.parse_text(text)
    assert (d.issuer, d.issuer_parent, d.doc_id, d.doc_type) == ("VĂN PHÒNG", "UBND TỈNH HÀ TĨNH", "415/TB-VP", "TB")
    assert [t.number for t in d.tasks] == ["1", "2", "3"]
    assert d.signature is not None
    assert (d.signature.authority, d.signature.on_behalf_of, d.signature.title, d.signature.name) == ("T/L", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Ðinh Thị Ðào")
    assert [i.recipient for i in d.distribution] == ["Các sở: TC, XD", "Chánh VP, các PCVP UBND tỉnh", "Lưu: VT, GT1"]
    assert {"ocr_correction"} <= {w.code for w in d.warnings}


def test_party_bloc_committee_code():
    d = vndirective.parse_text(PARTY_HEADER + "Thực hiện Kế hoạch số 64/KH/ĐUK ngày 02/01/2024 của Đảng ủy Khối.\n")
    assert d.references[-1].doc_id == "64-KH/ĐUK"


def test_date_on_the_next_indented_line():
    d = vndirective.parse_text(PARTY_HEADER + "    - Tiếp tục thực hiện Nghị quyết số 13-NQ/TW ngày\n    02/4/2022 của Bộ Chính trị.\n")
    assert (d.references[-1].doc_id, d.references[-1].date) == ("13-NQ/TW", dt.date(2022, 4, 2))


@pytest.mark.parametrize(
    ("header", "issuer", "parent"),
    [
        # a real word that only looks like a damaged unit word is left alone
        ("ĐẢNG BỘ TỈNH NGHỆ AN\nĐẢNG ỦY QUÂN SỰ TỈNH\n*\nSố 212-TB/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nVinh, ngày 05 tháng 3 năm 2024\n\n", "ĐẢNG ỦY QUÂN SỰ TỈNH", "ĐẢNG BỘ TỈNH NGHỆ AN"),
        # a line repeating the words of the organ above is its child
        ("BẢO HIỂM XÃ HỘI VIỆT NAM\nBẢO HIỂM XÃ HỘI TỈNH THÁI BÌNH\nSố: 25/HD-BHXH\nThái Bình, ngày 05 tháng 3 năm 2024\n\n", "BẢO HIỂM XÃ HỘI TỈNH THÁI BÌNH", "BẢO HIỂM XÃ HỘI VIỆT NAM"),
        # OCR: lost marks restored from the head words, 'S6' read as 'Số'
        ("TINH UY GIA LAI\nBAN CAN SU ÐẢNG UBND TỈNH\n*\nS6 156-BC/BCSĐ\nĐẢNG CỘNG SẢN VIỆT NAM\nPleiku, ngày 05 tháng 3 năm 2024\n\n", "BAN CÁN SỰ ĐẢNG UBND TỈNH", "TỈNH ỦY GIA LAI"),
    ],
)
def test_organ_lines(header, issuer, parent):
    d = vndirective.parse_text(header + BODY)
    assert (d.issuer, d.issuer_parent) == (issuer, parent)
    assert d.doc_id is not None


def test_the_file_copy_closes_the_distribution_list():
    d = with_closing("Nơi nhận:\n- Như trên;\n- UBND huyện Đồng Phú, UBND TP.\nĐồng Xoài;\n- Lưu: VT, KSC.\nGhi rõ nguồn khi phát hành lại thông tin.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Văn A")
    assert [i.recipient for i in d.distribution] == ["Như trên", "UBND huyện Đồng Phú, UBND TP. Đồng Xoài", "Lưu: VT, KSC"]


def test_narrow_columns_of_a_pdf_layout():
    text = (
        "                   BỘ NÔNG NGHIỆP VÀ MÔI                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "                         TRƯỜNG                              Độc lập - Tự do - Hạnh phúc\n"
        "                     Số: 07/CĐ-BNNMT                   Hà Nội, ngày 12 tháng 9 năm 2024\n"
        "                 V/v tập trung khắc phục hậu quả bão\n"
        "                 số 3 và mưa lũ sau bão, sớm ổn định\n"
        "                          đời sống Nhân dân\n\n"
        "      Thực hiện Kết luận số 21-\nKL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương, yêu cầu:\n      1. Một.\n      2. Hai.\n"
        "Nơi nhận:                                                   TL. GIÁM ĐỐC\n"
        "- Như trên;                                                 TRƯỞNG PHÒNG KIỂM SOÁT\n"
        "- Đài PT-TH tỉnh, Báo Quảng Ngãi;                           CHI\n"
        "- Lưu: VT.\n\n                                                    Huỳnh Văn Tài\n"
    )
    d = vndirective.parse_text(text)
    assert d.issuer == "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    assert d.subject == "tập trung khắc phục hậu quả bão số 3 và mưa lũ sau bão, sớm ổn định đời sống Nhân dân"
    assert d.references[0].doc_id == "21-KL/TW"
    assert d.signature is not None
    assert (d.signature.title, d.signature.name) == ("TRƯỞNG PHÒNG KIỂM SOÁT CHI", "Huỳnh Văn Tài")
    assert [i.recipient for i in d.distribution] == ["Như trên", "Đài PT-TH tỉnh, Báo Quảng Ngãi", "Lưu: VT"]


OCR_DAMAGE = [
    # (header organ line as OCR read it, closing lines) → (issuer, on_behalf_of, title)
    ("ỦY BAN NHÂN DÂNHUYỆN TIÊN DU", ["TM. ỦY BAN NHÂN DÂN", "KT. gHữ TỊCH.", "PHÓ CHỦ TỊCH VI:", "Nguyễn Văn Hải"],
     ("ỦY BAN NHÂN DÂN HUYỆN TIÊN DU", "ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH")),
    ("ỦY BAN NHÂN DÂN HUYỆN TIÊN DU", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TJCH", "Nguyễn Văn Hải"], ("ỦY BAN NHÂN DÂN HUYỆN TIÊN DU", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
]


@pytest.mark.parametrize(("organ", "closing", "expected"), OCR_DAMAGE)
def test_ocr_damaged_header_and_signature_words(organ, closing, expected):
    text = (f"{organ}\nSố: 823/UBND-VP\nV/v phòng cháy\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Tiên Du, ngày 14 tháng 5 năm 2024\n\nKính gửi: Các xã.\n\n1. Công an huyện kiểm tra.\n\n2. Các xã báo cáo.\n\n" + "\n".join(closing) + "\n")
    d = vndirective.parse_text(text)
    assert (d.issuer, d.signature.on_behalf_of if d.signature else None, d.signature.title if d.signature else None) == expected
    if organ != expected[0]:
        assert "ocr_correction" in {w.code for w in d.warnings}


@pytest.mark.parametrize(
    ("number_line", "place_date", "doc_id", "date"),
    [
        ("Số45NQTU", "Ninh Bình, ngày 15 tháng 3năm2024", "45-NQ/TU", dt.date(2024, 3, 15)),  # OCR lost the separators and spaces
        ("Số: 823 UBNDVP", "Tiên Du, ngày 14 tháng 5 năm 2024", None, dt.date(2024, 5, 14)),  # letters that split into no type code: not guessed
    ],
)
def test_ocr_glued_number_and_date(number_line, place_date, doc_id, date):
    d = vndirective.parse_text(f"TỈNH ỦY NINH BÌNH\n*\n{number_line}\nĐẢNG CỘNG SẢN VIỆT NAM\n{place_date}\n\nNội dung.\n")
    assert (d.doc_id, d.date) == (doc_id, date)
    if doc_id:
        assert "ocr_correction" in {w.code for w in d.warnings}


def test_ocr_comma_after_a_list_number():
    from vndirective.core.lines import build_layout
    from vndirective.core.pipeline import parse_layout

    text = PARTY_HEADER + "Ban Thường vụ yêu cầu:\n\n1. Công an huyện kiểm tra.\n\n2, Phòng Kinh tế báo cáo.\n\n3. Các xã thực hiện.\n"
    assert [t.number for t in vndirective.parse_text(text).tasks] != ["1", "2", "3"]  # typed text: '2,' is no marker
    layout = build_layout(text)
    layout.read_by_ocr = True
    assert [t.number for t in parse_layout(layout).tasks] == ["1", "2", "3"]  # read by OCR: the comma was a dot


def test_typed_subject_wrapped_before_an_id_and_a_term_number():
    text = ("TỈNH ỦY CAO BẰNG\n*\nSố 1085-QĐ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nCao Bằng, ngày 28 tháng 11 năm 2024\n\nQUYẾT ĐỊNH\n"
            "thành lập Ban Chỉ đạo tổng kết việc thực hiện Nghị quyết số\n18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa\nXII\n"
            "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n")
    d = vndirective.parse_text(text)
    assert d.subject == ("thành lập Ban Chỉ đạo tổng kết việc thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 "
                         "của Ban Chấp hành Trung ương Đảng khóa XII")


def test_recipient_with_a_list_wrapped_after_a_comma():
    text = ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 82/CĐ-TTg\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 23 tháng 8 năm 2024\n\n"
            "Kính gửi:\n- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc\ntrung ương;\n- Bộ trưởng các Bộ: Nông nghiệp và Phát triển nông thôn,\n"
            "Công an, Công Thương, Tài chính, Thông tin và Truyền\nthông.\n\nTừ đầu năm 2024 đến nay, cả nước đã xảy ra trên 500 ổ dịch tả lợn châu Phi.\n")
    d = vndirective.parse_text(text)
    assert d.recipients == ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
                            "Bộ trưởng các Bộ: Nông nghiệp và Phát triển nông thôn, Công an, Công Thương, Tài chính, Thông tin và Truyền thông"]


def test_articles_under_chapter_headings():
    text = (PARTY_HEADER + "Ban Chấp hành Đảng bộ xã ban hành Quy chế làm việc như sau:\nChương I NHỮNG QUY ĐỊNH CHUNG\n"
            "Điều 1. Phạm vi, đối tượng điều chỉnh\nQuy chế này quy định trách nhiệm, quyền hạn.\nĐiều 2. Nguyên tắc làm việc\n"
            "Bảo đảm nguyên tắc tập trung dân chủ.\nChương II TRÁCH NHIỆM\nĐiều 3. Ban Chấp hành Đảng bộ xã\nLãnh đạo toàn diện.\n")
    d = vndirective.parse_text(text)
    assert [(t.kind, t.number, t.title) for t in d.tasks] == [("chapter", "I", "NHỮNG QUY ĐỊNH CHUNG"), ("chapter", "II", "TRÁCH NHIỆM")]
    assert [[a.number for a in t.children] for t in d.tasks] == [["1", "2"], ["3"]]
    assert d.tasks[0].children[-1].text.endswith("tập trung dân chủ.")  # the next chapter's line is no part of the article


def test_a_number_inside_the_organ_name_is_not_the_documents():
    text = ("SỞ CÔNG THƯƠNG\nĐOÀN KIỂM TRA\nTHEO QUYẾT ĐỊNH\nSỐ 1050/QĐ-SCT\nSố: 1105/KH-ĐKT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\nKiểm tra việc chấp hành quy định\n\n1. Mục đích.\n\n2. Nội dung.\n")
    d = vndirective.parse_text(text)
    assert (d.doc_id, d.doc_type) == ("1105/KH-ĐKT", "KH")


def test_a_word_hyphenated_at_a_line_end_is_joined():
    d = vndirective.parse_text(PARTY_HEADER + "Ban Thường vụ yêu cầu:\n\n1. Thực hiện Nghị định số 30/2020/NĐ-\nCP về công tác văn thư.\n\n2. Báo cáo kết quả.\n")
    assert d.tasks[0].text == "Thực hiện Nghị định số 30/2020/NĐ-CP về công tác văn thư."


def test_a_numbered_line_ending_on_a_function_word_continues_below():
    text = (PARTY_HEADER + "Ban Thường vụ yêu cầu:\n\n1. Kiểm tra các cơ sở.\n\n2. Giao Phó Bí thư, Trưởng Ban Chỉ đạo về\n"
            "Phòng, chống thiên tai chỉ đạo thực hiện Kết luận này./.\n")
    d = vndirective.parse_text(text)
    assert d.tasks[-1].text == "Giao Phó Bí thư, Trưởng Ban Chỉ đạo về Phòng, chống thiên tai chỉ đạo thực hiện Kết luận này./."
    assert d.closing is None


def test_a_date_before_the_citation_after_a_comma():
    d = vndirective.parse_text(PARTY_HEADER + "Thực hiện Kết luận số 89-KL/TU ngày 18/9/2023 của Ban Thường vụ Tỉnh ủy, ngày 11/10/2023 "
                               "Ban Thường vụ Đảng ủy Khối đã ban hành Công văn số 1026-CV/ĐUK chỉ đạo triển khai.\n")
    dates = {r.doc_id: r.date for r in d.references}
    assert (dates["89-KL/TU"], dates["1026-CV/ĐUK"]) == (dt.date(2023, 9, 18), dt.date(2023, 10, 11))


@pytest.mark.parametrize(
    ("item", "recipient", "purpose"),
    [
        ("PCT UBND tỉnh (đ/c Đoàn)", "PCT UBND tỉnh (đ/c Đoàn)", None),
        ("Văn phòng (ông Hùng)", "Văn phòng (ông Hùng)", None),
        ("Sở Y tế (để biết)", "Sở Y tế", "để biết"),
        ("Các đồng chí Tỉnh ủy viên (để thực hiện)", "Các đồng chí Tỉnh ủy viên", "để thực hiện"),
    ],
)
def test_a_parenthesis_naming_a_person_is_not_a_purpose(item, recipient, purpose):
    assert split_purpose(item) == (recipient, purpose)


def test_thong_tri_is_the_party_type_of_code_tt():
    d = vndirective.parse_text("TỈNH ỦY TUYÊN QUANG\n*\nSố 09-TT/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nTuyên Quang, ngày 26 tháng 02 năm 2024\n\n"
                               "THÔNG TRI\nvề công tác phòng cháy, chữa cháy\n\nCác cấp ủy thực hiện.\n")
    assert (d.doc_type, d.doc_type_name, d.subject) == ("TT", "Thông tri", "về công tác phòng cháy, chữa cháy")
    assert vndirective.parse_text("BỘ NỘI VỤ\nSố: 12/2024/TT-BNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                                  "Hà Nội, ngày 5 tháng 3 năm 2024\n\nTHÔNG TƯ\nHướng dẫn công tác văn thư\n").doc_type_name == "Thông tư"


def test_the_signers_title_run_onto_the_nơi_nhận_label():
    d = vndirective.parse_text("UBND XÃ A\nSố: 5/QĐ-UBND\n\nNội dung.\n\nNơi nhận: CHỦ TỊCH\n- Như Điều 3;\n- Lưu: VT.\nPhạm Văn Đức\n")
    assert (d.signature.title, d.signature.name) == ("CHỦ TỊCH", "Phạm Văn Đức")
    assert [i.recipient for i in d.distribution] == ["Như Điều 3", "Lưu: VT"]


def test_html_markup_in_a_text_is_read_as_html():
    html = ("<table><tr><td>TỈNH ỦY X<br>*<br>Số 5-KL/TU</td><td><strong>ĐẢNG CỘNG SẢN VIỆT NAM</strong><br>"
            "<em>Hà&nbsp;Giang, ngày 2 tháng 3 năm 2024</em></td></tr></table>\n<p align=\"center\"><strong>KẾT LUẬN</strong></p>\n"
            "<p>1. Các cấp ủy thực hiện.</p>\n<p>2. Văn phòng theo dõi.</p>\n")
    d = vndirective.parse_text(html)
    assert (d.issuer, d.doc_id, d.place, d.date) == ("TỈNH ỦY X", "5-KL/TU", "Hà Giang", dt.date(2024, 3, 2))
    assert [t.text for t in d.tasks] == ["Các cấp ủy thực hiện.", "Văn phòng theo dõi."]
    assert "html_markup" in [w.code for w in d.warnings]
    markdown = "| TỈNH ỦY X<br>HUYỆN ỦY Y | ĐẢNG CỘNG SẢN VIỆT NAM |\n|---|---|\n| Số 5-KL/HU | Y, ngày 2 tháng 3 năm 2024 |\n"
    assert "html_markup" not in [w.code for w in vndirective.parse_text(markdown).warnings]


SCANNED_CLOSING = ("\n\nTổ chức thực hiện./.\n\nNơi nhận:                                T/M BAN THƯỜNG VỤ\n"
                   "- Như trên;                                          BÍ THƯ\n- Lưu VP.                                             NEEN 0H\n")


def _ocr_layout(text: str) -> Layout:
    layout = build_layout(text)
    layout.read_by_ocr = True
    return layout


def test_ocr_roman_numbers_and_a_signature_scribble():
    body = "Ban Thường vụ quyết nghị:\n\nL TÌNH HÌNH CHUNG\nNội dung một.\n\nII. MỤC TIÊU\nNội dung hai.\n\nII. NHIỆM VỤ\nNội dung ba.\n\nIV. TỔ CHỨC THỰC HIỆN\nNội dung bốn."
    d = vndirective.parse_layout(_ocr_layout(PARTY_HEADER + body + SCANNED_CLOSING))
    assert [t.number for t in d.tasks] == ["I", "II", "III", "IV"]
    assert (d.signature.authority, d.signature.title) == ("T/M", "BÍ THƯ")


@pytest.mark.parametrize(
    ("subject_lines", "subject"),
    [
        ("V/v tăng cường công tác phòng cháy,\nchữa cháy    -", "tăng cường công tác phòng cháy, chữa cháy"),
        ("V/v 'tăng cường kiểm tra", "tăng cường kiểm tra"),
        ("V/v tổ chức \"Ngày hội\" năm 2024", "tổ chức \"Ngày hội\" năm 2024"),
    ],
)
def test_specks_at_the_edges_of_a_subject(subject_lines, subject):
    d = vndirective.parse_text("UBND HUYỆN TIÊN DU\nSố: 823/UBND-VP\n" + subject_lines + "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                               "Độc lập - Tự do - Hạnh phúc\nTiên Du, ngày 14 tháng 5 năm 2024\n\nKính gửi: Công an huyện.\n\nNội dung.\n")
    assert d.subject == subject


def test_scan_specks_in_the_distribution_list():
    closing = ("\n\nTổ chức thực hiện./.\n\n                Nơi nhận:                                       T/M BAN THƯỜNG VỤ\n"
               "              _   ~ Văn phòng Trung ương Đảng (để                        BÍ THƯ\n"
               "                b/c);\n                - Các bộ, cơ quan thuộc Chính phủ;   -\n"
               "                - Lưu Văn phòng Tỉnh ủy.                           Lê Văn A\n")
    d = vndirective.parse_layout(_ocr_layout(PARTY_HEADER + "Ban Thường vụ yêu cầu các cấp ủy thực hiện tốt nội dung trên." + closing))
    assert [(i.recipient, i.purpose) for i in d.distribution] == [
        ("Văn phòng Trung ương Đảng", "để b/c"), ("Các bộ, cơ quan thuộc Chính phủ", None), ("Lưu Văn phòng Tỉnh ủy", None)]
    assert (d.signature.title, d.signature.name) == ("BÍ THƯ", "Lê Văn A")


def test_ocr_spelling_of_the_issuers_place_name_checked_against_the_text():
    text = ("ỦY BAN NHÂN DÂN\nXÃ THƯ LẦM\nSố: 215/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Thư Lâm, ngày 12 tháng 8 năm 2025\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác xã Thư Lâm\n\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THƯ LÂM\n\nĐiều 1. Thành lập Tổ công tác.\n")
    d = vndirective.parse_text(text)
    assert d.issuer == "ỦY BAN NHÂN DÂN XÃ THƯ LÂM"
    assert "ocr_correction" in [w.code for w in d.warnings]
    clean = vndirective.parse_text(text.replace("THƯ LẦM", "THƯ LÂM"))
    assert (clean.issuer, [w.code for w in clean.warnings if w.code == "ocr_correction"]) == ("ỦY BAN NHÂN DÂN XÃ THƯ LÂM", [])


def test_two_signature_blocks_side_by_side_give_the_last_one_whole():
    text = (PARTY_HEADER + "Hai cơ quan thống nhất hướng dẫn.\n\nT/M ỦY BAN KIỂM TRA | K/T TRƯỞNG BAN\nCHỦ NHIỆM | PHÓ TRƯỞNG BAN THƯỜNG TRỰC\n"
            "Lò Văn Páo | Nguyễn Thị Thu Hà\n\nNơi nhận:\n- Thường trực Tỉnh ủy (b/c),\n- Lưu BTCTU, UBKTTU.\n")
    text_lines = (PARTY_HEADER + "Hai cơ quan thống nhất hướng dẫn.\n\nT/M ỦY BAN KIỂM TRA\nCHỦ NHIỆM\n\nLò Văn Páo | K/T TRƯỞNG BAN\n"
                  "PHÓ TRƯỞNG BAN THƯỜNG TRỰC\n\nNguyễn Thị Thu Hà\nNơi nhận:\n- Thường trực Tỉnh ủy (b/c),\n- Lưu BTCTU, UBKTTU.\n")
    for t in (text, text_lines):
        s = vndirective.parse_text(t).signature
        assert (s.authority, s.on_behalf_of, s.title, s.name) in {("K/T", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "Nguyễn Thị Thu Hà")}


@pytest.mark.parametrize(
    ("head", "subject"),
    [
        ("ỦY BAN NHÂN DÂN\nHUYỆN CAO LỘC\nSố: 2046/UBND-KT\nV/v thực hiện Thông báo số:\n144/TB-UBND của UBND tỉnh\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nCao Lộc, ngày 17 tháng 12 năm 2016\n\nKính gửi: UBND các xã.\n",
         "thực hiện Thông báo số: 144/TB-UBND của UBND tỉnh"),
        ("TỈNH ỦY NGHỆ AN\nBAN TUYÊN GIÁO\n*\nSố 31-KH/BTGTU\nĐẢNG CỘNG SẢN VIỆT NAM\nNghệ An, ngày 19 tháng 12 năm 2016\n\nKẾ HOẠCH\n"
         "thực hiện kế hoạch số 23-KH/BTGTU ngày 24 tháng 9 năm 2016 của Ban\nTuyên giáo Tỉnh ủy về đẩy mạnh học tập và làm theo tư tưởng, đạo đức,\n"
         "phong cách Hồ Chí Minh\n-----\n",
         "thực hiện kế hoạch số 23-KH/BTGTU ngày 24 tháng 9 năm 2016 của Ban Tuyên giáo Tỉnh ủy về đẩy mạnh học tập và làm theo tư tưởng, "
         "đạo đức, phong cách Hồ Chí Minh"),
    ],
)
def test_subject_lines_wrapped_after_a_number_label_or_inside_a_name(head, subject):
    d = vndirective.parse_text(head + "\nTriển khai Kết luận 48-KL/TU của Ban Thường vụ Tỉnh ủy, yêu cầu như sau:\n1. Các cấp ủy thực hiện.\n2. Báo cáo kết quả.\n")
    assert d.subject == subject


@pytest.mark.parametrize(
    ("citation", "kept"),
    [
        ("Công văn số 826-CV/TU của Tỉnh ủy Phú Thọ", True),  # another province's document with the same id
        ("Công văn số 826-CV/TU của UBND huyện", True),  # another level
        ("Công văn số 826-CV/TU của Ban Thường vụ Tỉnh ủy", False),  # the document's own number
        ("Công văn số 826-CV/TU của Tỉnh ủy Thanh Hóa", False),
    ],
)
def test_the_documents_own_number_cited_for_another_organ(citation, kept):
    text = ("ĐẢNG BỘ TỈNH THANH HÓA\nTỈNH ỦY THANH HÓA\n*\nSố: 826-CV/TU\nV/v tăng cường công tác phòng dịch\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            f"Thanh Hóa, ngày 5 tháng 3 năm 2022\n\nTiếp tục thực hiện có hiệu quả {citation} về lãnh đạo đại hội.\n")
    assert ("826-CV/TU" in [r.doc_id for r in vndirective.parse_text(text).references]) is kept


def test_a_type_word_before_an_earlier_citation_is_not_the_next_ones():
    d = vndirective.parse_text(PARTY_HEADER + "Thực hiện Quyết định của Đảng ủy thị trấn số 184-QĐ/ĐU ngày 23/02/2019 và Kế hoạch số 109/HU, "
                               "ngày 28/3/2024 của Ban Thường vụ Huyện ủy.\n")
    assert {r.doc_id: r.doc_type for r in d.references if r.number in ("184", "109")} == {"184-QĐ/ĐU": "QĐ", "109-KH/HU": "KH"}


def test_a_dash_before_a_wrapped_part_of_an_item_continues_it():
    closing = ("\n\nTổ chức thực hiện./.\n\nNơi nhận:\n- Văn phòng Trung ương và các Ban\n- của Đảng;\n- Các sở, ban, ngành\n"
               "- các huyện ủy trực thuộc;\n- Lưu VT.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nLê Văn A\n")
    d = vndirective.parse_text(PARTY_HEADER + "Ban Thường vụ yêu cầu thực hiện tốt." + closing)
    assert [i.recipient for i in d.distribution] == ["Văn phòng Trung ương và các Ban của Đảng", "Các sở, ban, ngành", "các huyện ủy trực thuộc", "Lưu VT"]


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Giao UBND huyện chủ trì.", "Giao UBND huyện chủ trì."),  # nothing to do: returned as is
        ("  Giao  UBND\thuyện\n chủ trì. ", "Giao UBND huyện chủ trì."),
        ("Giao\u00a0UBND huyện", "Giao UBND huyện"),  # a no-break space is a blank too
        ("**Nơi nhận:**", "Nơi nhận:"),
        ("", ""),
    ],
)
def test_clean(text, cleaned):
    from vndirective.core.lines import clean

    assert clean(text) == cleaned


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("yêu cầu: 1. Chủ tịch UBND huyện", True),
        ("chặt chẽ.2. UBND các huyện", True),
        ("thực hiện; 3) các xã", True),
        ("khóa XIII. I. TÌNH HÌNH", True),
        ("Nghị quyết số 25-NQ/HU ngày 05/01/2021", False),
        ("năm 2021. Các cơ quan", False),
    ],
)
def test_glued_quick(text, glued):
    from vndirective.core.patterns import glued_quick

    assert glued_quick(text) is glued
    assert glued_quick("x" * 20 + text, 20) is glued


_PLAIN_HEADER = PARTY_HEADER.replace("V/v thực hiện kết luận số 105/TU", "V/v phòng, chống thiên tai")


@pytest.mark.parametrize(
    ("sentence", "relation", "cue"),
    [
        ("Thực hiện Kết luận số 105-KL/TU ngày 15/6/2021 của Tỉnh ủy, Ban Thường vụ yêu cầu:", "implements", "Thực hiện"),
        ("Căn cứ Quy định số 08-QĐi/TU ngày 25/10/2021 của Tỉnh ủy;", "based_on", "Căn cứ"),
        ("Quyết định này thay thế Quyết định số 12-QĐ/TU ngày 01/3/2020.", "replaces", "thay thế"),
        ("Ban Thường vụ nhắc lại Nghị quyết số 25-NQ/HU ngày 05/01/2021.", "cites", None),
    ],
)
def test_a_mention_says_how_the_document_stands_to_the_cited_one(sentence, relation, cue):
    d = vndirective.parse_text(_PLAIN_HEADER + sentence + "\n")
    [m] = [m for r in d.references for m in r.mentions]
    assert (m.relation, m.cue) == (relation, cue)
    assert (d.snippet(m.cue_span) if m.cue_span else None) == cue  # the cue as printed, at its span


def test_output_older_than_relations_reads_back_with_no_relation():
    d = vndirective.parse_text(_PLAIN_HEADER + "Thực hiện Kết luận số 105-KL/TU ngày 15/6/2021 của Tỉnh ủy.\n")
    old = d.to_dict()
    for r in old["references"]:
        for m in r["mentions"]:
            del m["relation"], m["cue"], m["cue_span"]
    back = vndirective.Directive.from_dict(old)
    assert [m.relation for r in back.references for m in r.mentions] == [None]  # not read, rather than 'cites'


_STAMPED = _PLAIN_HEADER + "Ban Thường vụ yêu cầu các chi bộ triển khai thực hiện.\n\nNơi nhận:\n- Như trên,\n- Lưu Văn phòng.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An\n"


@pytest.mark.parametrize(
    ("stamp", "signer", "organization", "when"),
    [
        ("ĐẢNG UỶ XÃ AN BÌNH\n23-03-2026 14:44:57 +07:00\n", "ĐẢNG UỶ XÃ AN BÌNH", None, dt.datetime(2026, 3, 23, 14, 44, 57, tzinfo=dt.timezone(dt.timedelta(hours=7)))),
        ("HUYỆN ỦY LỤC NGẠN\nhuyenuy@example.vn\n23.03.2026 08:05:00 +0700\n", "HUYỆN ỦY LỤC NGẠN", None, dt.datetime(2026, 3, 23, 8, 5, tzinfo=dt.timezone(dt.timedelta(hours=7)))),
        ("Người ký: Nguyễn Văn An\nCơ quan: Huyện ủy Lục Ngạn\nThời gian ký: 23/03/2026 14:44\n", "Nguyễn Văn An", "Huyện ủy Lục Ngạn", dt.datetime(2026, 3, 23, 14, 44)),
    ],
    ids=["organ-and-time", "organ-email-time", "labelled"],
)
def test_a_signing_stamp_printed_after_the_signer_is_no_part_of_the_signature(stamp, signer, organization, when):
    """Text converted from a signed file ends with the signing tool's stamp: not the signer's title, but a signature read from the text."""
    d = vndirective.parse_text(_STAMPED + stamp)
    s = d.signature
    assert (s.authority, s.on_behalf_of, s.title, s.name) == ("T/M", "BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn An")
    [found] = d.digital_signatures
    assert (found.signer, found.organization, found.signed_at, found.source) == (signer, organization, when, "text")


_STATE_HEAD = ("THỦ TƯỚNG CHÍNH PHỦ\n-------\nSố: 15/CT-TTg\nV/v phòng chống thiên tai\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
               "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 20 tháng 3 năm 2026\n\nKính gửi: Các bộ, ngành.\n\n"
               "Thủ tướng Chính phủ yêu cầu các bộ triển khai thực hiện.\n\n")
_PARTY_BODY = _PLAIN_HEADER + "Ban Thường vụ yêu cầu các chi bộ triển khai thực hiện.\n\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_STATE_HEAD + "| Nơi nhận:<br>- Như trên;<br>- Lưu: VT. | KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh Hùng |\n",
         ("K/T", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Sinh Hùng")),  # the whole block in one table cell, on one line
        (_STATE_HEAD + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh Hùng\n",
         ("K/T", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Sinh Hùng")),
        (_PARTY_BODY + "Nơi nhận:\n- Như trên,\n- Lưu Văn phòng.\n\nT/M BAN BÍ THƯ\n\nNguyễn Văn An\n",
         ("T/M", "BAN BÍ THƯ", None, "Nguyễn Văn An")),  # no title line: authority and name, title null
        (_PARTY_BODY + "Nơi nhận:\n- Như trên,\n- Lưu.\n\nK/T THỦ TRƯỞNG\nPHÓ THỦ TRƯỞNG\n\nNguyễn Văn An\n",
         ("K/T", "THỦ TRƯỞNG", "PHÓ THỦ TRƯỞNG", "Nguyễn Văn An")),  # the head of an office: not 'corrected' to THỨ TRƯỞNG
    ],
    ids=["one-cell", "one-line", "no-title", "head-of-office"],
)
def test_signature_blocks_of_real_forms(text, expected):
    s = vndirective.parse_text(text).signature
    assert (s.authority, s.on_behalf_of, s.title, s.name) == expected


def test_a_title_two_titles_share_the_letters_of_is_left_as_printed():
    """THỦ TRƯỞNG and THỨ TRƯỞNG differ only by a mark: a mark-less 'THU TRUONG' cannot be told, and is not guessed."""
    from vndirective.core import codes

    assert codes.title_forms()["THU TRUONG"] is None and codes.near_title("THU TRUONG") is None
    assert codes.title_forms()["CHU TICH"] == "CHỦ TỊCH" and codes.near_title("GHU TICH") == "CHỦ TỊCH"


# A subject typed in ordinary case under a type name (or after 'V/v') and then, with no blank line, the body's first
# sentence: a capitalised line that opens like the body ('Căn cứ', 'Thực hiện', 'Theo ...', 'Ngày ...') or ends a
# sentence ('.' or ';') is the body's, never the end of the subject. Made-up documents.
_COMMUNE = "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 12/{code}-UBND\nAn Bình, ngày 5 tháng 3 năm 2024\n\n"
SUBJECT_THEN_BODY = [
    # (head and first body lines, subject)
    (_COMMUNE.format(code="QĐ") + "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác rà soát hồ sơ\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n",
     "thành lập Tổ công tác rà soát hồ sơ"),
    (_COMMUNE.format(code="BC") + "BÁO CÁO\nKết quả rà soát hồ sơ đất đai quý I\nThực hiện Kế hoạch số 3/KH-UBND ngày 2/1/2024, Ủy ban nhân dân xã báo cáo như sau.\n",
     "Kết quả rà soát hồ sơ đất đai quý I"),
    (_COMMUNE.format(code="BC") + "BÁO CÁO\nKết quả rà soát hồ sơ đất đai quý I\nỦy ban nhân dân xã báo cáo như sau.\n",
     "Kết quả rà soát hồ sơ đất đai quý I"),
    (_COMMUNE.format(code="BC") + "BÁO CÁO\nKết quả rà soát hồ sơ đất đai\nTheo Kế hoạch số 3/KH-UBND, xã báo cáo\nkết quả như sau:\n",
     "Kết quả rà soát hồ sơ đất đai"),
    (_COMMUNE.format(code="KH") + "KẾ HOẠCH\nTuyên truyền phòng cháy rừng\nnăm 2024\nNăm 2024, xã tiếp tục tuyên truyền.\n",
     "Tuyên truyền phòng cháy rừng năm 2024"),
    (_COMMUNE.format(code="TB") + "THÔNG BÁO\nLịch tiếp công dân tháng 4\nChủ tịch xã tiếp công dân vào thứ Năm;\n",
     "Lịch tiếp công dân tháng 4"),
    (_COMMUNE.format(code="QĐ") + "**QUYẾT ĐỊNH**\n**Về việc thành lập Tổ công tác**\nChủ tịch xã quyết định thành lập Tổ.\n",
     "thành lập Tổ công tác"),
    # a công văn: the 'V/v' line under the date, then the body
    ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 12/UBND-VP\nAn Bình, ngày 5 tháng 3 năm 2024\nV/v rà soát hồ sơ đất đai\nỦy ban nhân dân xã báo cáo như sau.\n",
     "rà soát hồ sơ đất đai"),
    ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 12/UBND-VP\nAn Bình, ngày 5 tháng 3 năm 2024\nV/v rà soát hồ sơ đất đai\nTheo Kế hoạch số 3/KH-UBND, xã báo cáo.\n",
     "rà soát hồ sơ đất đai"),
    # what stays the subject: a wrapped line that opens with a name, a subject that opens like the body
    (_COMMUNE.format(code="QĐ") + "QUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch kiểm tra của\nỦy ban nhân dân xã An Bình năm 2024\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
     "phê duyệt kế hoạch kiểm tra của Ủy ban nhân dân xã An Bình năm 2024"),
    (_COMMUNE.format(code="QĐ") + "QUYẾT ĐỊNH\nVề việc phê duyệt danh sách hộ nghèo của\nỦy ban nhân dân xã An Bình.\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
     "phê duyệt danh sách hộ nghèo của Ủy ban nhân dân xã An Bình"),
    ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 12/UBND-VP\nAn Bình, ngày 5 tháng 3 năm 2024\nV/v kiểm tra kho vật liệu nổ của thủy điện Nậm\nPhăng 2 tại xã Bản Hồ.\n"
     "Kính gửi: Công ty Thủy điện Nậm Phăng\n",
     "kiểm tra kho vật liệu nổ của thủy điện Nậm Phăng 2 tại xã Bản Hồ"),
    (_COMMUNE.format(code="KH") + "KẾ HOẠCH\nThực hiện công tác bầu cử năm 2026\n\nCăn cứ Luật Bầu cử;\n",
     "Thực hiện công tác bầu cử năm 2026"),
    (_COMMUNE.format(code="KH") + "KẾ HOẠCH\nTheo dõi việc thực hiện\nNghị quyết số 5-NQ/ĐU của Đảng ủy xã\n-----\n\nCăn cứ Luật Bầu cử;\n",
     "Theo dõi việc thực hiện Nghị quyết số 5-NQ/ĐU của Đảng ủy xã"),
    ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 12/UBND-VP\nV/v triển khai Quyết định số 5/QĐ-UBND của\nỦy ban nhân dân huyện\nAn Bình, ngày 5 tháng 3 năm 2024\n\n",
     "triển khai Quyết định số 5/QĐ-UBND của Ủy ban nhân dân huyện"),
]


@pytest.mark.parametrize(("head", "subject"), SUBJECT_THEN_BODY)
def test_the_bodys_first_sentence_is_no_part_of_a_typed_subject(head, subject):
    d = vndirective.parse_text(head + "\n1. Rà soát hồ sơ.\n2. Báo cáo kết quả.\n")
    assert d.subject == subject


@pytest.mark.parametrize(
    ("written", "closest"),
    [("THỨ TRƯỜNG", "THỨ TRƯỞNG"), ("THỦ TRƯỜNG", "THỦ TRƯỞNG"), ("THU TRUONG", None), ("THỨ TRƯỞNG", "THỨ TRƯỞNG"), ("GIÁM ĐỐC", "GIÁM ĐỐC")],
    ids=["vice_minister_damaged", "head_damaged", "no_marks", "vice_minister", "one_title"],
)
def test_of_two_titles_sharing_their_letters_the_marks_tell_which(written: str, closest: str | None):
    """An OCR-damaged mark ('THỨ TRƯỜNG') is nearer one of THỨ TRƯỞNG / THỦ TRƯỞNG: taken; no marks at all: not guessed."""
    from vndirective.core import codes

    assert codes.closest_title(written) == closest
