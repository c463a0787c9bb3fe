"""Copies (SAO Y, SAO LỤC, TRÍCH SAO) and the received stamp (ĐẾN): found, read, and kept out of the original's fields.

Every text here is made up for the tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import vndirective
from vndirective import Directive
from vndirective.core.model import Copy, Received, Span

from ._directive_checks import check_directive

ORIGINAL = """BỘ CÔNG AN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2345/BCA-V03
Hà Nội, ngày 25 tháng 9 năm 2025
V/v tăng cường bảo đảm an toàn phòng cháy

Kính gửi: Công an các tỉnh, thành phố trực thuộc Trung ương.

Thực hiện Chỉ thị số 01/CT-TTg ngày 10/01/2025 của Thủ tướng Chính phủ, Bộ Công an yêu cầu:

1. Rà soát các cơ sở có nguy cơ cháy nổ cao.

2. Báo cáo kết quả về Bộ trước ngày 30/11/2025.

Nơi nhận:
- Như trên;
- Lưu: VT, V03.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Nguyễn Văn Long
"""

# The same original laid out in two columns (a page read as text), the copy block under a rule.
ORIGINAL_COLUMNS = """BỘ CÔNG AN                           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                     Độc lập - Tự do - Hạnh phúc
Số: 2345/BCA-V03                     Hà Nội, ngày 25 tháng 9 năm 2025
V/v tăng cường bảo đảm an toàn phòng cháy

Kính gửi: Công an các tỉnh, thành phố trực thuộc Trung ương.

Thực hiện Chỉ thị số 01/CT-TTg ngày 10/01/2025 của Thủ tướng Chính phủ, Bộ Công an yêu cầu các đơn vị triển khai ngay các nội dung sau:

1. Rà soát các cơ sở có nguy cơ cháy nổ cao trên địa bàn quản lý.

2. Báo cáo kết quả về Bộ trước ngày 30/11/2025.

Nơi nhận:                            KT. BỘ TRƯỞNG
- Như trên;                          THỨ TRƯỞNG
- Lưu: VT, V03.

                                     Nguyễn Văn Long
"""

SAO_Y = """
BỘ CÔNG AN
VĂN PHÒNG
SAO Y
Số: 125/SY-VP
Hà Nội, ngày 01 tháng 10 năm 2025

Nơi nhận:
- Các đơn vị trực thuộc Bộ;
- Lưu: VT.

TL. BỘ TRƯỞNG
CHÁNH VĂN PHÒNG

Trần Minh Đức
"""

SAO_Y_COLUMNS = """-------------------------------------------------------------------------
BỘ CÔNG AN                           SAO Y
VĂN PHÒNG
Số: 125/SY-VP                        Hà Nội, ngày 01 tháng 10 năm 2025

Nơi nhận:                            TL. BỘ TRƯỞNG
- Các đơn vị trực thuộc Bộ;          CHÁNH VĂN PHÒNG
- Lưu: VT.

                                     Trần Minh Đức
"""

SAO_LUC = """
UBND TỈNH QUẢNG NGÃI
SAO LỤC
Số: 12/SL-UBND
Quảng Ngãi, ngày 05 tháng 10 năm 2025
Nơi nhận:
- Sở Tài chính;
- Lưu: VT.
TL. CHỦ TỊCH
KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG

Lê Thị Hoa
"""

TRICH_SAO = """
SỞ TÀI CHÍNH
TRÍCH SAO
Số: 07/TrS-STC
Quảng Ngãi, ngày 06 tháng 10 năm 2025
Nơi nhận:
- Phòng Ngân sách;
- Lưu: VT.
GIÁM ĐỐC

Phạm Quốc Huy
"""

# A digital copy: the copying organ's signing stamp stands where a signature would be.
SIGNED_BY_ORGAN = """
VĂN PHÒNG
SAO Y
Số: 45/SY-VP
Hà Nội, ngày 01 tháng 10 năm 2025
Nơi nhận:
- Công an tỉnh Quảng Ngãi;
- Lưu: VT.
VĂN PHÒNG BỘ CÔNG AN
01.10.2025 17:08:18 +07:00
"""

# The details of a digital copy at the top of the first page, dated by the signing time only.
TOP_OF_FIRST_PAGE = """SAO Y
VĂN PHÒNG BỘ CÔNG AN
Số: 45/SY-VP
01.10.2025 17:08:18 +07:00
"""

# A Party document and its copy (HD 36-HD/VPTW: 'SAO Y BẢN CHÍNH', the symbol BS).
PARTY_ORIGINAL = """ĐẢNG BỘ TỈNH HÀ NAM
HUYỆN ỦY KIM BẢNG
*
Số 215-CV/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Kim Bảng, ngày 12 tháng 5 năm 2024
V/v tổ chức hội nghị sơ kết

Kính gửi: Các chi bộ, đảng bộ trực thuộc.

Ban Thường vụ Huyện ủy đề nghị các chi bộ, đảng bộ trực thuộc tổ chức hội nghị sơ kết trước ngày 30/6/2024.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Trần Văn Hải
"""
PARTY_COPY = """
ĐẢNG BỘ TỈNH HÀ NAM
HUYỆN ỦY KIM BẢNG
*
SAO Y BẢN CHÍNH
Số 05-BS/HU
Kim Bảng, ngày 15 tháng 5 năm 2024
Nơi nhận:
- Các chi bộ trực thuộc,
- Lưu Văn phòng Huyện ủy.
T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG

Nguyễn Thị Mai
"""

NO_NUMBER = """
VĂN PHÒNG
SAO Y
Hà Nội, ngày 01 tháng 10 năm 2025
Nơi nhận:
- Lưu: VT.
CHÁNH VĂN PHÒNG

Trần Minh Đức
"""


def _original_fields(d: Directive) -> dict[str, Any]:
    """What must not move when a copy block is added: the header, signature, Nơi nhận and references."""
    sig = d.signature
    return {
        **d.header_values(),
        "recipients": d.recipients,
        "signature": None if sig is None else (sig.authority, sig.on_behalf_of, sig.title, sig.name),
        "distribution": [(item.recipient, item.purpose) for item in d.distribution],
        "references": [r.doc_id for r in d.references],
        "tasks": [t.number for t in d.tasks],
    }


def _check_spans(d: Directive, value: Copy | Received) -> None:
    """Each span of a copy or a stamp lies in the text, inside the value's span, and cuts the value as printed."""
    assert 0 <= value.span.start < value.span.end <= len(d.text)
    for name, span in value.spans.items():
        assert value.span.start <= span.start < span.end <= value.span.end, name
        got = getattr(value, name)
        if isinstance(got, str) and name != "doc_id":
            assert " ".join(d.snippet(span).split()) == got, name


COPIES = [
    # id, original, copy text, expected copy fields
    (
        "sao_y",
        ORIGINAL,
        SAO_Y,
        {
            "kind": "SAO Y",
            "code": "SY",
            "issuer": "VĂN PHÒNG",
            "issuer_parent": "BỘ CÔNG AN",
            "number": "125",
            "doc_id": "125/SY-VP",
            "place": "Hà Nội",
            "date": dt.date(2025, 10, 1),
            "signer": ("T/L", "BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG", "Trần Minh Đức"),
            "distribution": ["Các đơn vị trực thuộc Bộ", "Lưu: VT"],
            "stamp": None,
        },
    ),
    (
        "sao_y_columns",
        ORIGINAL_COLUMNS,
        SAO_Y_COLUMNS,
        {
            "kind": "SAO Y",
            "code": "SY",
            "issuer": "VĂN PHÒNG",
            "issuer_parent": "BỘ CÔNG AN",
            "number": "125",
            "doc_id": "125/SY-VP",
            "place": "Hà Nội",
            "date": dt.date(2025, 10, 1),
            "signer": ("T/L", "BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG", "Trần Minh Đức"),
            "distribution": ["Các đơn vị trực thuộc Bộ", "Lưu: VT"],
            "stamp": None,
        },
    ),
    (
        "sao_luc",
        ORIGINAL,
        SAO_LUC,
        {
            "kind": "SAO LỤC",
            "code": "SL",
            "issuer": "UBND TỈNH QUẢNG NGÃI",
            "issuer_parent": None,
            "number": "12",
            "doc_id": "12/SL-UBND",
            "place": "Quảng Ngãi",
            "date": dt.date(2025, 10, 5),
            "signer": ("T/L", "CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG", "Lê Thị Hoa"),
            "distribution": ["Sở Tài chính", "Lưu: VT"],
            "stamp": None,
        },
    ),
    (
        "trich_sao",
        ORIGINAL,
        TRICH_SAO,
        {
            "kind": "TRÍCH SAO",
            "code": "TrS",
            "issuer": "SỞ TÀI CHÍNH",
            "number": "07",
            "doc_id": "07/TrS-STC",
            "date": dt.date(2025, 10, 6),
            "signer": (None, None, "GIÁM ĐỐC", "Phạm Quốc Huy"),
            "distribution": ["Phòng Ngân sách", "Lưu: VT"],
        },
    ),
    (
        "party_sao_y_ban_chinh",
        PARTY_ORIGINAL,
        PARTY_COPY,
        {
            "kind": "SAO Y BẢN CHÍNH",
            "code": "SY",
            "issuer": "HUYỆN ỦY KIM BẢNG",
            "issuer_parent": "ĐẢNG BỘ TỈNH HÀ NAM",
            "doc_id": "05-BS/HU",
            "date": dt.date(2024, 5, 15),
            "signer": ("T/L", "BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Thị Mai"),
            "distribution": ["Các chi bộ trực thuộc", "Lưu Văn phòng Huyện ủy"],
        },
    ),
    (
        "signed_by_the_organ_stamp",
        ORIGINAL,
        SIGNED_BY_ORGAN,
        {
            "kind": "SAO Y",
            "issuer": "VĂN PHÒNG",
            "doc_id": "45/SY-VP",
            "date": dt.date(2025, 10, 1),
            "signer": None,
            "stamp": ("VĂN PHÒNG BỘ CÔNG AN", "organ", dt.datetime(2025, 10, 1, 17, 8, 18, tzinfo=dt.timezone(dt.timedelta(hours=7)))),
            "distribution": ["Công an tỉnh Quảng Ngãi", "Lưu: VT"],
        },
    ),
    (
        "lone_heading_after_the_signature",
        ORIGINAL,
        "\nSAO Y BẢN CHÍNH\n",
        {"kind": "SAO Y BẢN CHÍNH", "code": "SY", "number": None, "date": None, "issuer": None, "signer": None, "distribution": []},
    ),
    ("sao_y_ban_chinh_title_case", ORIGINAL, "\nSao y bản chính\n", {"kind": "Sao y bản chính", "code": "SY", "number": None}),
]


def _copy_values(copy: Copy) -> dict[str, Any]:
    sig, stamp = copy.signature, copy.digital_signature
    return {
        "kind": copy.kind,
        "code": copy.code,
        "issuer": copy.issuer,
        "issuer_parent": copy.issuer_parent,
        "number": copy.number,
        "doc_id": copy.doc_id,
        "place": copy.place,
        "date": copy.date,
        "signer": None if sig is None else (sig.authority, sig.on_behalf_of, sig.title, sig.name),
        "distribution": [item.recipient for item in copy.distribution],
        "stamp": None if stamp is None else (stamp.signer, stamp.kind, stamp.signed_at),
    }


@pytest.mark.parametrize(("original", "block", "expected"), [c[1:] for c in COPIES], ids=[c[0] for c in COPIES])
def test_copy_block(original: str, block: str, expected: dict[str, Any]) -> None:
    alone = vndirective.parse_text(original)
    d = vndirective.parse_text(original + block)
    assert _original_fields(d) == _original_fields(alone)  # number, date, issuer, signer, Nơi nhận: the original's
    assert d.spans == alone.spans
    assert d.copy is not None and d.received is None
    got = _copy_values(d.copy)
    assert {k: got[k] for k in expected} == expected
    _check_spans(d, d.copy)
    assert d.snippet(d.copy.span).strip() == block.strip(" \n-")


def test_copy_at_the_top_of_the_first_page() -> None:
    alone = vndirective.parse_text(ORIGINAL)
    d = vndirective.parse_text(TOP_OF_FIRST_PAGE + ORIGINAL)
    assert _original_fields(d) == _original_fields(alone)
    assert d.copy is not None
    assert (d.copy.kind, d.copy.issuer, d.copy.doc_id, d.copy.date) == ("SAO Y", "VĂN PHÒNG BỘ CÔNG AN", "45/SY-VP", dt.date(2025, 10, 1))
    assert d.snippet(d.copy.spans["date"]) == "01.10.2025"
    assert not [w for w in d.warnings if w.code == "copy_unread"]


def test_lone_heading_above_the_header() -> None:
    alone = vndirective.parse_text(ORIGINAL)
    d = vndirective.parse_text("SAO Y BẢN CHÍNH\n" + ORIGINAL)
    assert _original_fields(d) == _original_fields(alone)
    assert d.copy is not None and d.copy.span == Span(0, len("SAO Y BẢN CHÍNH"))


def test_copy_of_a_copy_reports_the_last() -> None:
    alone = vndirective.parse_text(ORIGINAL)
    d = vndirective.parse_text(ORIGINAL + SAO_Y + SAO_LUC)
    assert _original_fields(d) == _original_fields(alone)
    assert d.copy is not None and (d.copy.kind, d.copy.doc_id) == ("SAO LỤC", "12/SL-UBND")


WARNED = [
    # id, text, warning code, words the message must hold
    ("lone_heading", ORIGINAL + "\nSAO Y BẢN CHÍNH\n", "copy_unread", "number and date"),
    ("copy_without_number", ORIGINAL + NO_NUMBER, "copy_unread", "number"),
]


@pytest.mark.parametrize(("text", "code", "words"), [w[1:] for w in WARNED], ids=[w[0] for w in WARNED])
def test_copy_warnings(text: str, code: str, words: str) -> None:
    d = vndirective.parse_text(text)
    found = [w for w in d.warnings if w.code == code]
    assert len(found) == 1 and words in found[0].message
    assert found[0].span is not None and d.copy is not None and d.snippet(found[0].span) == d.copy.kind


def test_full_copy_reads_without_warnings() -> None:
    assert vndirective.parse_text(ORIGINAL + SAO_Y).warnings == vndirective.parse_text(ORIGINAL).warnings


NOT_COPIES = [
    # 'SAO Y BẢN CHÍNH' in a table row of a guide to the forms is an example, not a heading.
    ("guide_table_row", ORIGINAL.replace("2. Báo cáo", "| 14. | Chỉ dẫn loại bản sao | In hoa | SAO Y BẢN CHÍNH |\n\n2. Báo cáo")),
    ("in_prose", ORIGINAL.replace("2. Báo cáo kết quả về Bộ", "2. Gửi bản sao y bản chính các quyết định về Bộ")),
    ("lower_case_line", ORIGINAL.replace("2. Báo cáo kết quả về Bộ trước ngày 30/11/2025.", "2. Các hồ sơ gồm\nsao y bản chính\nvà bản gốc.")),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_COPIES], ids=[c[0] for c in NOT_COPIES])
def test_not_a_copy(text: str) -> None:
    d = vndirective.parse_text(text)
    assert d.copy is None and d.received is None


# ---------------------------------------------------------------- the received stamp

# The stamp's lines interleaved with the header's, as text read from a page gives them.
STAMPED = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
ĐẾN Số: 1234
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Ngày: 12/3/2025
Độc lập - Tự do - Hạnh phúc
Chuyển: Phòng Kinh tế
Số: 456/UBND-KT
Số và ký hiệu HS: 05/HS-KT
Quảng Ngãi, ngày 10 tháng 3 năm 2025
V/v triển khai kế hoạch trồng rừng

Kính gửi: Các sở, ban, ngành tỉnh.

Ủy ban nhân dân tỉnh đề nghị các đơn vị triển khai kế hoạch trồng rừng năm 2025.

Nơi nhận:
- Như trên;
- Lưu: VT, KT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Lê Văn Bình
"""
UNSTAMPED = "\n".join(ln for ln in STAMPED.split("\n") if not ln.startswith(("ĐẾN", "Ngày:", "Chuyển:", "Số và ký hiệu")))
LABEL_ALONE = STAMPED.replace("ĐẾN Số: 1234\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "ĐẾN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1234\n")
CONG_VAN_DEN = STAMPED.replace("ĐẾN Số: 1234", "CÔNG VĂN ĐẾN\nSố: 87")
COLUMNS_STAMPED = """ỦY BAN NHÂN DÂN                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NGÃI                      Độc lập - Tự do - Hạnh phúc
ĐẾN Số: 1234      Ngày: 12/03/2025
Số: 456/UBND-KT                      Quảng Ngãi, ngày 10 tháng 3 năm 2025
V/v triển khai kế hoạch trồng rừng

Kính gửi: Các sở, ban, ngành tỉnh.

Ủy ban nhân dân tỉnh đề nghị các đơn vị triển khai kế hoạch trồng rừng năm 2025.

Nơi nhận:                            TM. ỦY BAN NHÂN DÂN
- Như trên;                          KT. CHỦ TỊCH
- Lưu: VT, KT.                       PHÓ CHỦ TỊCH

                                     Lê Văn Bình
"""
UNREAD_STAMP = STAMPED.replace("ĐẾN Số: 1234", "ĐẾN Số: .........").replace("Ngày: 12/3/2025", "Ngày: ..../3")

RECEIVED = [
    # id, text, expected (label, number, date, forwarded_to, file_code)
    ("interleaved", STAMPED, ("ĐẾN", "1234", dt.date(2025, 3, 12), "Phòng Kinh tế", "05/HS-KT")),
    ("label_alone", LABEL_ALONE, ("ĐẾN", "1234", dt.date(2025, 3, 12), "Phòng Kinh tế", "05/HS-KT")),
    ("cong_van_den", CONG_VAN_DEN, ("CÔNG VĂN ĐẾN", "87", dt.date(2025, 3, 12), "Phòng Kinh tế", "05/HS-KT")),
    ("columns", COLUMNS_STAMPED, ("ĐẾN", "1234", dt.date(2025, 3, 12), None, None)),
    ("unread", UNREAD_STAMP, ("ĐẾN", None, None, "Phòng Kinh tế", "05/HS-KT")),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in RECEIVED], ids=[r[0] for r in RECEIVED])
def test_received_stamp(text: str, expected: tuple[Any, ...]) -> None:
    d = vndirective.parse_text(text)
    r = d.received
    assert r is not None and d.copy is None
    assert (r.label, r.number, r.date, r.forwarded_to, r.file_code) == expected
    _check_spans(d, r)
    # The original's header is untouched: the stamp's 'Số: 1234' is not the number, its date not the date.
    assert (d.number, d.doc_id, d.date, d.issuer, d.place) == ("456", "456/UBND-KT", dt.date(2025, 3, 10), "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "Quảng Ngãi")
    assert d.signature is not None and d.signature.name == "Lê Văn Bình"
    assert [r.doc_id for r in d.references] == []  # '05/HS-KT' is the file's code, not a citation


def test_the_stamp_leaves_the_original_as_without_it() -> None:
    stamped, plain = vndirective.parse_text(STAMPED), vndirective.parse_text(UNSTAMPED)
    assert _original_fields(stamped) == _original_fields(plain)
    assert [w.code for w in stamped.warnings] == [w.code for w in plain.warnings]


def test_unread_stamp_warns() -> None:
    d = vndirective.parse_text(UNREAD_STAMP)
    [found] = [w for w in d.warnings if w.code == "received_unread"]
    assert "number and date" in found.message and found.span is not None and d.snippet(found.span) == "ĐẾN"


NOT_RECEIVED = [
    (
        "den_in_prose",
        ORIGINAL.replace(
            "2. Báo cáo kết quả về Bộ trước ngày 30/11/2025.",
            "2. Thời gian thực hiện từ ngày 01/01\nđến ngày 31/12/2025.\nĐến ngày 31/12/2025, các đơn vị báo cáo.",
        ),
    ),
    ("den_after_kinh_gui", ORIGINAL.replace("Trung ương.", "Trung ương\nđến các đơn vị trực thuộc.")),
    ("den_nam_in_a_title", ORIGINAL.replace("V/v tăng cường bảo đảm an toàn phòng cháy", "KẾ HOẠCH\nPHÒNG CHÁY GIAI ĐOẠN 2025 - 2027,\nĐẾN NĂM 2030")),
    ("label_without_ngay", ORIGINAL.replace("Số: 2345/BCA-V03", "ĐẾN\nSố: 2345/BCA-V03")),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_RECEIVED], ids=[c[0] for c in NOT_RECEIVED])
def test_not_a_received_stamp(text: str) -> None:
    d = vndirective.parse_text(text)
    assert d.received is None and d.copy is None
    assert d.doc_id == "2345/BCA-V03"


def test_neither() -> None:
    d = vndirective.parse_text(ORIGINAL)
    assert d.copy is None and d.received is None
    assert not [w for w in d.warnings if w.code in ("copy_unread", "received_unread")]


# ---------------------------------------------------------------- output


def test_round_trip_and_schema() -> None:
    d = vndirective.parse_text(STAMPED + SAO_Y)  # an incoming copy: stamped on arrival, copied after
    assert d.copy is not None and d.received is not None
    out = check_directive(d)  # schema, spans, to_dict/from_dict and the JSON text
    assert out["copy"]["doc_id"] == "125/SY-VP" and out["copy"]["date"] == "2025-10-01"
    assert out["received"]["number"] == "1234" and out["received"]["date"] == "2025-03-12"
    back = Directive.from_dict(out)
    assert back.copy == d.copy and back.received == d.received
    assert isinstance(back.copy, Copy) and isinstance(back.received, Received) and isinstance(back.copy.date, dt.date)


def test_round_trip_of_a_digital_copy() -> None:
    d = vndirective.parse_text(ORIGINAL + SIGNED_BY_ORGAN)
    out = check_directive(d)
    back = Directive.from_dict(out)
    assert d.copy is not None and d.copy.digital_signature is not None and d.copy.digital_signature.source == "text"
    assert back.copy is not None and back.copy.digital_signature == d.copy.digital_signature


def test_older_output_reads_without_the_new_keys() -> None:
    out = vndirective.parse_text(ORIGINAL).to_dict()
    del out["copy"], out["received"]
    back = Directive.from_dict(out)
    assert back.copy is None and back.received is None


def test_incoming_record_takes_the_arrival_from_the_stamp() -> None:
    fields = vndirective.parse_text(STAMPED).to_record("nd30-incoming").fields
    assert (fields["ArrivalNumber"], fields["ArrivalDate"]) == ("1234", "12/03/2025")
    assert fields["CodeNumber"] == "456" and fields["IssuedDate"] == "10/03/2025"
    plain = vndirective.parse_text(UNSTAMPED).to_record("nd30-incoming").fields
    assert (plain["ArrivalNumber"], plain["ArrivalDate"]) == ("", "")
