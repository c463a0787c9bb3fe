"""Issue 14's failure classes that had no table test of their own, each on minimal made-up documents.

The classes already tested elsewhere are mapped in docs/real-documents.md ("Issue 14's failure classes:
where each is tested"). Every name, number and place here is invented for the class it stands for.
"""

from __future__ import annotations

import datetime as dt

import pytest

import vndirective
from vndirective.readers.html import read_html

STATE_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
PARTY_HEADER = "ĐẢNG BỘ TỈNH HÀ NAM\nĐẢNG ỦY XÃ AN BÌNH\n*\nSố 12-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nAn Bình, ngày 20 tháng 3 năm 2026\n\nKẾ HOẠCH\nvề tổng kết năm 2026\n-----\n"
PARTY_BODY = "Ban Thường vụ Đảng ủy xã đề ra kế hoạch như sau:\n1. Các chi bộ tổng kết năm.\n2. Văn phòng tổng hợp báo cáo.\n\n"
PARTY_CLOSING = "Nơi nhận:\n- Các chi bộ,\n- Lưu Văn phòng.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An\n"


# --- Class: what follows the signer's name (a signing stamp, an annex heading and its numbered outline) is no
# part of the signature, and the annex's numbering is not the body's tasks.
AFTER_THE_NAME = [
    # text after the name
    "\n\nĐỀ CƯƠNG BÁO CÁO\n1. Đặc điểm tình hình\n2. Kết quả thực hiện\n3. Phương hướng năm 2027\n",
    "\n\nCÁC CHỈ TIÊU CHỦ YẾU NĂM 2026\n1. Tỷ lệ tổ chức đảng hoàn thành tốt nhiệm vụ\n2. Số đảng viên mới kết nạp\n",
    "ĐẢNG ỦY XÃ AN BÌNH\n20-03-2026 09:12:40 +07:00\n\nĐỀ CƯƠNG BÁO CÁO\n1. Đặc điểm tình hình\n2. Kết quả thực hiện\n",
]


@pytest.mark.parametrize("after", AFTER_THE_NAME, ids=["outline", "targets", "stamp-then-outline"])
def test_what_follows_the_signers_name_is_no_part_of_the_signature_nor_of_the_tasks(after):
    d = vndirective.parse_text(PARTY_HEADER + PARTY_BODY + PARTY_CLOSING + after)
    s = d.signature
    assert s is not None
    assert (s.authority, s.on_behalf_of, s.title, s.name) == ("T/M", "BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn An")
    assert [t.number for t in d.tasks] == ["1", "2"]
    assert d.tasks[-1].text.startswith("Văn phòng tổng hợp")


# --- Class: pages scraped from legal portals (Markdown-like conversions): the header table one cell per line
# with lone '|' lines between cells, the organ and the national title run together, bold marks cut inside a
# phrase, and the site's own text before and after the document.
PORTAL_HEAD = (
    "Trang chủ > Văn bản pháp luật > Kế hoạch\n"
    "Đăng nhập | Đăng ký\n\n"
    "# Kế hoạch 21/KH-UBND năm 2026 tổng kết công tác văn thư tỉnh Long Hà\n\n"
)
PORTAL_TAIL = (
    "\n\nVăn bản liên quan\n- Kế hoạch 20/KH-UBND năm 2026 về chuyển đổi số\n"
    "- Quyết định 15/QĐ-UBND năm 2026 về văn thư\n\n"
    "Bài viết được đăng lại từ Cổng thông tin điện tử tỉnh Long Hà.\nLiên hệ | Điều khoản sử dụng\n"
)
PORTAL_BODY = (
    "\n**KẾ HOẠCH**\n\n**Tổng kết công tác văn thư năm 2026**\n\n"
    "Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:\n\n1. Các sở rà soát hồ sơ.\n\n2. Sở Nội vụ tổng hợp kết quả.\n\n"
)
PORTAL_HEADERS = [
    # header lines, as a portal's conversion prints them
    ("| ỦY BAN NHÂN DÂN TỈNH LONG HÀ\n-------\n|\n| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\n"
     "| Số: 21/KH-UBND\n|\n| Long Hà, ngày 5 tháng 3 năm 2026\n|\n"),
    ("ỦY BAN NHÂN DÂN TỈNH LONG HÀ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 21/KH-UBND Long Hà, ngày 5 tháng 3 năm 2026\n"),
    ("| **ỦY BAN NHÂN DÂN TỈNH LONG HÀ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc** |\n|---|---|\n"
     "| Số: 21/KH-UBND | *Long Hà, ngày 5 tháng 3 năm 2026* |\n"),
]
PORTAL_CLOSINGS = [
    # closing lines, the signature expected
    ("| **Nơi nhận:**<br>- Các sở;<br>- Lưu: VT. | **KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH**<br><br>**Trần Văn Bảo** |\n",
     ("K/T", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bảo")),
    ("|\n| **Nơi nhận:**\n- Các sở;\n- Lưu: VT.\n|\n| **KT. CHỦ\nTỊCH**\n**PHÓ CHỦ TỊCH**\n\n**Trần Văn Bảo**\n|\n",
     ("K/T", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bảo")),  # bold cut inside a phrase
]


@pytest.mark.parametrize("header", PORTAL_HEADERS, ids=["lone-bars", "run-together", "markdown-table"])
@pytest.mark.parametrize(("closing", "signature"), PORTAL_CLOSINGS, ids=["one-row", "cut-bold"])
def test_a_page_scraped_from_a_portal_reads_like_the_document(header, closing, signature):
    d = vndirective.parse_text(PORTAL_HEAD + header + PORTAL_BODY + closing + PORTAL_TAIL)
    assert (d.issuer, d.doc_id, d.place, d.date) == ("ỦY BAN NHÂN DÂN TỈNH LONG HÀ", "21/KH-UBND", "Long Hà", dt.date(2026, 3, 5))
    assert d.subject == "Tổng kết công tác văn thư năm 2026"
    assert [t.number for t in d.tasks] == ["1", "2"]
    s = d.signature
    assert s is not None
    assert (s.authority, s.on_behalf_of, s.title, s.name) == signature
    assert [i.recipient for i in d.distribution] == ["Các sở", "Lưu: VT"]
    assert d.references == []  # the site's list of related documents is not the document's citations


SITE_ABOVE = [
    # the page's text above the document's header, (issuer, issuer_parent) expected
    ("CỔNG THÔNG TIN ĐIỆN TỬ TỈNH LONG HÀ\nTRANG CHỦ | GIỚI THIỆU | VĂN BẢN\n\n", PORTAL_HEADERS[0], ("ỦY BAN NHÂN DÂN TỈNH LONG HÀ", None)),
    ("CƠ SỞ DỮ LIỆU VĂN BẢN\n\n", PORTAL_HEADERS[1], ("ỦY BAN NHÂN DÂN TỈNH LONG HÀ", None)),
    ("CỔNG THÔNG TIN ĐIỆN TỬ TỈNH LONG HÀ\n\n# KẾ HOẠCH 21/KH-UBND\n\n", PORTAL_HEADERS[2], ("ỦY BAN NHÂN DÂN TỈNH LONG HÀ", None)),
    # the organ lines of a conversion, one paragraph each, stay the issuer and its parent
    ("", "**ỦY BAN NHÂN DÂN TỈNH LONG HÀ**\n\n**SỞ NỘI VỤ**\n\nSố: 21/KH-SNV\n\n" + STATE_TITLE + "Long Hà, ngày 5 tháng 3 năm 2026\n",
     ("SỞ NỘI VỤ", "ỦY BAN NHÂN DÂN TỈNH LONG HÀ")),
]


@pytest.mark.parametrize(("site", "header", "organs"), SITE_ABOVE, ids=["portal-menu", "database", "second-title", "paragraph-organs"])
def test_the_sites_capitals_above_the_header_are_no_organ(site, header, organs):
    d = vndirective.parse_text(site + header + PORTAL_BODY + PORTAL_CLOSINGS[0][0] + PORTAL_TAIL)
    assert (d.issuer, d.issuer_parent) == organs
    assert (d.place, d.date) == ("Long Hà", dt.date(2026, 3, 5))


def test_bold_cut_inside_the_name_of_the_signing_body_is_one_name():
    """'**T/M BỘ CHÍNH' / 'TRỊ**': the marks of the conversion, not the end of the name."""
    text = ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 99-CT/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 2 tháng 3 năm 2026\n\n"
            "CHỈ THỊ\ncủa Bộ Chính trị về công tác văn thư\n-----\n\n1. Các cấp ủy quán triệt.\n2. Ban Tổ chức theo dõi.\n\n"
            "Nơi nhận:\n- Các tỉnh ủy,\n- Lưu Văn phòng Trung ương Đảng.\n\n**T/M BỘ CHÍNH\nTRỊ**\n\nNguyễn Văn Cường\n")
    s = vndirective.parse_text(text).signature
    assert s is not None
    assert (s.authority, s.on_behalf_of, s.name) == ("T/M", "BỘ CHÍNH TRỊ", "Nguyễn Văn Cường")


def test_a_portal_html_page_keeps_the_document_and_drops_the_site():
    """An HTML page with menus, a second copy of the title and related documents around the document's own table."""
    html = (
        "<html><body><div class='menu'>Trang chủ | Văn bản mới</div><h1>Kế hoạch 21/KH-UBND năm 2026 tổng kết văn thư</h1>"
        "<table><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH LONG HÀ</b></td><td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></td></tr>"
        "<tr><td>Số: 21/KH-UBND</td><td><i>Long Hà, ngày 5 tháng 3 năm 2026</i></td></tr></table>"
        "<p align='center'><b>KẾ HOẠCH</b></p><p align='center'><b>Tổng kết công tác văn thư năm 2026</b></p>"
        "<p>Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:</p><p>1. Các sở rà soát hồ sơ.</p><p>2. Sở Nội vụ tổng hợp kết quả.</p>"
        "<table><tr><td><b>Nơi nhận:</b><br>- Các sở;<br>- Lưu: VT.</td><td><b>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH</b><br><br><b>Trần Văn Bảo</b></td></tr></table>"
        "<div class='related'><h3>Văn bản liên quan</h3><p>Kế hoạch 20/KH-UBND năm 2026 về chuyển đổi số</p></div>"
        "<p>Bài viết được đăng lại từ Cổng thông tin điện tử tỉnh Long Hà.</p></body></html>"
    )
    d = vndirective.parse_layout(read_html(html))
    assert (d.issuer, d.doc_id, d.place, d.date) == ("ỦY BAN NHÂN DÂN TỈNH LONG HÀ", "21/KH-UBND", "Long Hà", dt.date(2026, 3, 5))
    assert d.subject == "Tổng kết công tác văn thư năm 2026"
    assert [t.number for t in d.tasks] == ["1", "2"]
    s = d.signature
    assert s is not None
    assert (s.authority, s.title, s.name) == ("K/T", "PHÓ CHỦ TỊCH", "Trần Văn Bảo")
    assert [i.recipient for i in d.distribution] == ["Các sở", "Lưu: VT"]
    assert d.references == []


def test_an_annex_after_the_closing_keeps_its_citations_and_the_site_text_after_it_does_not():
    """The document ends where the site's own text starts, not at the signature: an annex still belongs to it."""
    annex = ("\nPhụ lục\nDANH MỤC HỒ SƠ\n(Kèm theo Kế hoạch số 21/KH-UBND ngày 5/3/2026)\n"
             "1. Hồ sơ thực hiện Quyết định số 15/QĐ-UBND ngày 2/01/2026 của UBND tỉnh\n")
    d = vndirective.parse_text(PORTAL_HEAD + PORTAL_HEADERS[0] + PORTAL_BODY + PORTAL_CLOSINGS[0][0] + annex
                               + PORTAL_TAIL.replace("15/QĐ-UBND", "16/QĐ-UBND"))
    assert [r.doc_id for r in d.references] == ["15/QĐ-UBND"]


# --- Class: a Party công văn's subject without 'V/v' under the number, and a subject cut at its citation's date.
CV_SUBJECTS = [
    # lines between the number and the title, the subject expected
    ("Triển khai thực hiện Quy định số 05-QĐ/TU,\nngày 12/01/2026 của Tỉnh ủy Hà Nam\n", "Triển khai thực hiện Quy định số 05-QĐ/TU, ngày 12/01/2026 của Tỉnh ủy Hà Nam"),
    ("V/v triển khai thực hiện Quy định số 05-QĐ/TU,\nngày 12/01/2026 của Tỉnh ủy Hà Nam\n", "triển khai thực hiện Quy định số 05-QĐ/TU, ngày 12/01/2026 của Tỉnh ủy Hà Nam"),
    ("Góp ý dự thảo báo cáo chính trị\n", "Góp ý dự thảo báo cáo chính trị"),
]


@pytest.mark.parametrize(("lines", "subject"), CV_SUBJECTS, ids=["no-vv-cut-at-date", "vv-cut-at-date", "no-vv"])
def test_a_party_cong_van_subject_is_read_whole(lines, subject):
    text = ("ĐẢNG BỘ TỈNH HÀ NAM\nĐẢNG ỦY XÃ AN BÌNH\n*\nSố 31-CV/ĐU\n" + lines + "ĐẢNG CỘNG SẢN VIỆT NAM\nAn Bình, ngày 20 tháng 3 năm 2026\n\n"
            "Kính gửi: Các chi bộ trực thuộc.\n\nBan Thường vụ Đảng ủy xã đề nghị các chi bộ thực hiện.\n\n" + PARTY_CLOSING)
    d = vndirective.parse_text(text)
    assert (d.doc_id, d.subject) == ("31-CV/ĐU", subject)
    assert d.recipients == ["Các chi bộ trực thuộc"]


# --- Class: recipients wrapped across lines or table cells are one recipient.
RECIPIENTS = [
    # Kính gửi block, recipients expected
    ("Kính gửi:\n- Các cơ quan chuyên trách tham mưu, giúp việc\nĐảng ủy Ủy ban nhân dân tỉnh;\n- Các chi bộ trực thuộc.\n",
     ["Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy Ủy ban nhân dân tỉnh", "Các chi bộ trực thuộc"]),
    ("| Kính gửi: | - Các cơ quan chuyên trách tham mưu, giúp việc<br>Đảng ủy Ủy ban nhân dân tỉnh;<br>- Các chi bộ trực thuộc. |\n",
     ["Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy Ủy ban nhân dân tỉnh", "Các chi bộ trực thuộc"]),
    ("| Kính gửi: | - Các cơ quan chuyên trách tham mưu, giúp việc |\n| | Đảng ủy Ủy ban nhân dân tỉnh; |\n| | - Các chi bộ trực thuộc. |\n",
     ["Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy Ủy ban nhân dân tỉnh", "Các chi bộ trực thuộc"]),
]


@pytest.mark.parametrize(("block", "recipients"), RECIPIENTS, ids=["lines", "one-cell", "cells"])
def test_a_recipient_wrapped_across_lines_or_cells_is_one(block, recipients):
    text = ("ĐẢNG BỘ TỈNH HÀ NAM\nĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH\n*\nSố 31-CV/ĐU\nV/v góp ý dự thảo\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Hà Nam, ngày 20 tháng 3 năm 2026\n\n" + block + "\nBan Thường vụ Đảng ủy đề nghị các đơn vị góp ý.\n\n" + PARTY_CLOSING)
    assert vndirective.parse_text(text).recipients == recipients


# --- Class: the place when the place-date line sits in a table cell or after the title block.
PLACES = [
    # header, the place and the date expected
    ("| ỦY BAN NHÂN DÂN<br>XÃ AN HÒA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |\n"
     "| Số: 21/KH-UBND | An Hòa, ngày 5 tháng 3 năm 2026 |\n\n"),
    ("| ỦY BAN NHÂN DÂN<br>XÃ AN HÒA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br><br>An Hòa, ngày 5 tháng 3 năm 2026 |\n"
     "| Số: 21/KH-UBND | |\n\n"),
    ("ỦY BAN NHÂN DÂN\nXÃ AN HÒA\nSố: 21/KH-UBND\n" + STATE_TITLE + "\nKẾ HOẠCH\nTổng kết công tác văn thư năm 2026\n\nAn Hòa, ngày 5 tháng 3 năm 2026\n\n"),
    ("ỦY BAN NHÂN DÂN\nXÃ AN HÒA\nSố: 21/KH-UBND\n" + STATE_TITLE + "\n\n| | An Hòa, ngày 5 tháng 3 năm 2026 |\n\n"),
]


@pytest.mark.parametrize("header", PLACES, ids=["own-cell", "under-the-title-in-its-cell", "after-the-title-block", "cell-of-its-own-row"])
def test_the_place_of_a_place_date_line_in_a_cell_or_after_the_title(header):
    body = "" if "KẾ HOẠCH" in header else "KẾ HOẠCH\nTổng kết công tác văn thư năm 2026\n\n"
    text = header + body + "Ủy ban nhân dân xã ban hành kế hoạch như sau:\n1. Các thôn rà soát.\n2. Văn phòng tổng hợp.\n\nNơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn An\n"
    d = vndirective.parse_text(text)
    assert (d.place, d.date) == ("An Hòa", dt.date(2026, 3, 5))
    assert d.issuer == "ỦY BAN NHÂN DÂN XÃ AN HÒA"
    assert d.subject == "Tổng kết công tác văn thư năm 2026"
