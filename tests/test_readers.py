"""Readers of Word and PDF files: the same Directive as from text.

The DOCX cases are built here with python-docx the way offices lay documents out
(a borderless two-column header table, Word's automatic numbering, a closing table
with 'Nơi nhận' beside the signature). The real files of ../shared/realfiles are
checked field by field (values verified by eye against the documents); those tests
skip when ../shared is absent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import vndirective
from vndirective.errors import CorruptDocument, NoTextLayer, UnsupportedFormat

from .conftest import SHARED

docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install 'vndirective[docx]')")
REALFILES = SHARED / "realfiles"


def _require_ocr() -> None:
    from vndirective.readers import ocr

    if not ocr.available():
        pytest.skip("Tesseract with Vietnamese data is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")


def _two_cells(table, row, left: list[str], right: list[str]) -> None:
    for cell, lines in zip(table.rows[row].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def make_docx(path: Path) -> Path:
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    _two_cells(
        header,
        0,
        ["ĐẢNG BỘ TỈNH BẮC GIANG", "HUYỆN ỦY LỤC NGẠN", "*", "Số 334-CV/HU", "V/v thực hiện kết luận số 105/TU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Lục Ngạn, ngày 20 tháng 6 năm 2021"],
    )
    document.add_paragraph("Kính gửi: Các chi, đảng bộ trực thuộc.")
    document.add_paragraph(
        "Thực hiện Kết luận số 105-KL/TU ngày 15/6/2021 của Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Huyện ủy yêu cầu các cấp ủy thực hiện tốt các nhiệm vụ sau:"
    )
    for text in ("Quán triệt và thống nhất quan điểm chỉ đạo.", "Tập trung phòng, chống dịch Covid-19.", "Khôi phục sản xuất, kinh doanh."):
        document.add_paragraph(text, style="List Number")  # the numbers come from Word's numbering
    document.add_paragraph("Giao UBND huyện chủ trì, phối hợp với Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện công văn này./.")
    closing = document.add_table(rows=1, cols=2)
    _two_cells(
        closing,
        0,
        ["Nơi nhận:", "- Như trên (thực hiện),", "- Thường trực Huyện ủy,", "- Lưu Văn thư."],
        ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Nguyễn Văn Hùng"],
    )
    document.save(str(path))
    return path


def test_docx_header_table_numbering_and_closing_table(tmp_path):
    d = vndirective.parse(make_docx(tmp_path / "cv334.docx"))
    assert (d.system, d.issuer, d.issuer_parent, d.doc_id, d.date, d.place) == (
        "party",
        "HUYỆN ỦY LỤC NGẠN",
        "ĐẢNG BỘ TỈNH BẮC GIANG",
        "334-CV/HU",
        dt.date(2021, 6, 20),
        "Lục Ngạn",
    )
    assert d.subject == "thực hiện kết luận số 105/TU"
    assert d.recipients == ["Các chi, đảng bộ trực thuộc"]
    assert [(r.doc_id, r.date) for r in d.references] == [("105-KL/TU", dt.date(2021, 6, 15))]
    assert [(t.number, t.head) for t in d.tasks] == [
        ("1", "Quán triệt và thống nhất quan điểm chỉ đạo."),
        ("2", "Tập trung phòng, chống dịch Covid-19."),
        ("3", "Khôi phục sản xuất, kinh doanh."),
    ]
    assert d.closing is not None and d.closing.text.startswith("Giao UBND huyện")
    assert d.signature is not None
    assert (d.signature.authority, d.signature.on_behalf_of, d.signature.title, d.signature.name) == ("T/M", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Hùng")
    assert [(i.recipient, i.purpose) for i in d.distribution] == [("Như trên", "thực hiện"), ("Thường trực Huyện ủy", None), ("Lưu Văn thư", None)]


def test_format_is_decided_by_content_not_by_name(tmp_path):
    misnamed = make_docx(tmp_path / "cv.docx").rename(tmp_path / "cv334.txt")
    assert vndirective.parse(misnamed).doc_id == "334-CV/HU"


def test_merged_cells_are_read_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "BỘ XÂY DỰNG"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(1, 1).text = "Hà Nội, ngày 23 tháng 10 năm 2013"
    document.add_paragraph("Số: 2214/BXD-QLN")
    path = tmp_path / "merged.docx"
    document.save(str(path))
    d = vndirective.parse(path)
    assert d.text.count("BỘ XÂY DỰNG") == 1
    assert (d.issuer, d.date) == ("BỘ XÂY DỰNG", dt.date(2013, 10, 23))


def test_a_zip_that_is_not_a_word_document(tmp_path):
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "x")
    with pytest.raises(UnsupportedFormat, match=r"archive\.docx"):
        vndirective.parse(path)


# Real files: values checked by eye against the documents. The Sở Công Thương files are
# unsigned drafts: their number and day are blank, so doc_id and date are None.
REAL = [
    # file, issuer, issuer_parent, doc_id, doc_type, date, (authority, on_behalf_of, title, name), task numbers, distribution count
    ("QD-1074-QD-BXD-29-6-2026.pdf", "BỘ XÂY DỰNG", None, "1074/QĐ-BXD", "QĐ", dt.date(2026, 6, 29), ("K/T", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phạm Minh Hà"), ["1", "2", "3"], 11),
    ("CV-3155_2.6.2026_Tu-choi-nguoi-quan-ly-sai-nganh_Van-Thinh.docx", "SỞ CÔNG THƯƠNG", "UBND TỈNH LÀO CAI", None, "CV", None,
     ("K/T", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Thuân"), [], 3),
    ("TB-2245_23.4.2026_To-chuc-kiem-tra-ky-chung.docx", "SỞ CÔNG THƯƠNG", "UBND TỈNH LÀO CAI", None, "CV", None,
     ("K/T", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Thuân"), ["1", "2", "3", "4"], 3),
    ("KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx", "SỞ CÔNG THƯƠNG", "UBND TỈNH LÀO CAI", None, "KH", None,
     ("K/T", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Thuân"), ["I", "II", "III"], 2),
    ("KH-UBND-trien-khai-Chi-thi-11-CT-TU-QLNN-khoang-san.docx", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", None, None, "KH", None,
     ("T/M", "ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH", "Nguyễn Thành Sinh"), ["I", "II", "III", "IV", "V"], 11),
    ("QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx", "SỞ CÔNG THƯƠNG", "UBND TỈNH LÀO CAI", None, "QĐ", None,
     (None, None, "GIÁM ĐỐC", "Hoàng Chí Hiền"), ["1", "2", "3"], 3),
    ("CV-thong-bao-thoi-gian-kiem-tra-thuc-te.docx", "SỞ CÔNG THƯƠNG", "UBND TỈNH LÀO CAI", None, "CV", None,
     ("K/T", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Thuân"), [], 3),
]


@pytest.mark.skipif(not REALFILES.is_dir(), reason="../shared/realfiles is not present (test material, not ours to publish)")
@pytest.mark.parametrize(("name", "issuer", "parent", "doc_id", "doc_type", "date", "signature", "tasks", "n_distribution"), REAL)
def test_real_files(name, issuer, parent, doc_id, doc_type, date, signature, tasks, n_distribution):
    pytest.importorskip("pdfplumber")
    d = vndirective.parse(REALFILES / name)
    assert (d.system, d.issuer, d.issuer_parent, d.doc_id, d.doc_type, d.date) == ("state", issuer, parent, doc_id, doc_type, date)
    assert d.signature is not None
    assert (d.signature.authority, d.signature.on_behalf_of, d.signature.title, d.signature.name) == signature
    assert [t.number for t in d.tasks] == tasks
    assert len(d.distribution) == n_distribution
    if doc_id is None:
        assert {"blank_number", "blank_date"} <= {w.code for w in d.warnings}


@pytest.mark.skipif(not REALFILES.is_dir(), reason="../shared/realfiles is not present")
def test_real_docx_keeps_the_references_of_its_footnote():
    d = vndirective.parse(REALFILES / "KH-UBND-trien-khai-Chi-thi-11-CT-TU-QLNN-khoang-san.docx")
    ids = {r.doc_id for r in d.references}
    assert {"11-CT/TU", "10-NQ/TW", "88/NQ-CP", "38/CT-TTg", "35-NQ/TU", "1626/QĐ-TTg"} <= ids


@pytest.mark.skipif(not REALFILES.is_dir(), reason="../shared/realfiles is not present")
@pytest.mark.parametrize(
    ("ocr", "installed", "says"),
    [
        (False, True, r"CV-813-CucHoaChat\.pdf.*no text layer.*ocr='auto' or ocr=True.*ocrmypdf"),  # OCR refused
        ("auto", False, r"CV-813-CucHoaChat\.pdf.*no text layer.*Install Tesseract.*tesseract-ocr-vie"),  # the default, without Tesseract
        (True, False, r"CV-813-CucHoaChat\.pdf.*Tesseract with Vietnamese is not installed.*tesseract-ocr-vie"),
    ],
)
def test_scanned_pdf_says_how_to_ocr_it(monkeypatch, ocr, installed, says):
    pytest.importorskip("pdfplumber")
    from vndirective.readers import ocr as ocr_module

    monkeypatch.setattr(ocr_module, "available", lambda: installed)
    with pytest.raises(NoTextLayer, match=says):
        vndirective.parse(REALFILES / "CV-813-CucHoaChat.pdf", ocr=ocr)


@pytest.mark.skipif(not REALFILES.is_dir(), reason="../shared/realfiles is not present")
def test_a_scan_is_read_by_ocr_by_default_where_tesseract_is(monkeypatch):
    pytest.importorskip("pdfplumber")
    _require_ocr()
    monkeypatch.delenv("VNDIRECTIVE_OCR")  # the test session turns the default off (tests/conftest.py)
    d = vndirective.parse(REALFILES / "CV-813-CucHoaChat.pdf")
    assert d.doc_type == "CV" and "ocr" in {w.code for w in d.warnings}


@pytest.mark.skipif(not REALFILES.is_dir(), reason="../shared/realfiles is not present")
def test_scanned_pdf_with_ocr():
    pytest.importorskip("pdfplumber")
    _require_ocr()
    d = vndirective.parse(REALFILES / "CV-813-CucHoaChat.pdf", ocr=True)
    assert (d.system, d.issuer_parent, d.doc_type) == ("state", "BỘ CÔNG THƯƠNG", "CV")
    assert {"24/2026/NĐ-CP", "01/2026/TT-BCT"} <= {r.doc_id for r in d.references}
    assert "ocr" in {w.code for w in d.warnings}  # says the text came from OCR


@pytest.mark.skipif(not REALFILES.is_dir(), reason="../shared/realfiles is not present")
@pytest.mark.parametrize("name", ["3036_SCT_CN_KHKTNT_Kho_VLCN_tam_Thuydien_MongSen1_3.6.2026.pdf", "KH-1105-DKT-ke-hoach-kiem-tra.pdf"])
def test_pdf_fonts_without_a_unicode_map_are_read_from_the_fonts(name):
    pytest.importorskip("pdfplumber")
    d = vndirective.parse(REALFILES / name, ocr=False)
    codes = {w.code for w in d.warnings}
    assert "pdf_glyphs_recovered" in codes and "not_a_directive" not in codes and "ocr" not in codes
    assert d.doc_type and d.number and d.date


@pytest.mark.parametrize(
    ("fmt", "count", "minimum"),
    # Measured: docx 1.000, pdf 1.000 (62 documents, like the text), legacy copies 1.000,
    # the three degraded 150 dpi scans 0.822 with OCR.
    [("docx", 62, 0.995), ("pdf", 62, 0.995), ("doc", 6, 0.995), ("tcvn3.txt", 1, 0.95), ("vni.txt", 1, 0.95), ("tcvn3.docx", 1, 0.97), ("vni.docx", 1, 0.95), ("scan.pdf", 3, 0.78)],
)
def test_format_versions_of_the_corpus_score_like_the_text(fmt, count, minimum):
    """corpus/formats holds Word, PDF, scanned and legacy-font versions of corpus documents (make_fixtures.py)."""
    if fmt.endswith("pdf"):
        pytest.importorskip("pdfplumber")
    if fmt == "doc":
        pytest.importorskip("olefile")
    if fmt == "scan.pdf":
        _require_ocr()
    from vndirective.evaluation import evaluate

    from .conftest import CORPUS

    report = evaluate(CORPUS, fmt=fmt, ocr=fmt == "scan.pdf")
    assert len(report.documents) == count and not report.failures
    assert report.macro >= minimum, report.to_table(details=True)


PAGE = """<!DOCTYPE html><html><head><title>Công văn 3722</title><style>.x{color:red}</style><script>var a = "Số: 1/X-Y";</script></head>
<body><nav><a href="/">Trang chủ</a> | <a>Văn bản</a></nav>
<div class="content-detail">
<table><tr><td><b>VĂN PHÒNG CHÍNH PHỦ</b><br>-------</td><td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc</td></tr>
<tr><td>Số: 3722/VPCP-CN<br>V/v cơ chế đặc thù xây dựng công trình</td><td><i>Hà Nội, ngày 28 tháng 4 năm 2026</i></td></tr></table>
<p>Kính gửi:</p><p>- Các Bộ: Công an, Tư pháp;</p><p>- Ủy ban nhân dân tỉnh Đồng Nai.</p>
<p>Xét đề nghị của Ủy ban nhân dân tỉnh Đồng Nai tại văn bản số 92/TTr-UBND ngày 21 tháng 4 năm 2026, Phó Thủ tướng có ý kiến:</p>
<p>1. Giao các Bộ có ý kiến.</p><p>2. Văn phòng Chính phủ theo dõi./.</p>
<table><tr><td><b><i>Nơi nhận:</i></b><br>- Như trên;<br>- Lưu: VT, CN.</td><td><b>KT. BỘ TRƯỞNG, CHỦ NHIỆM<br>PHÓ CHỦ NHIỆM<br><br>Phạm Mạnh Cường</b></td></tr></table>
</div><footer>© 2026 Cổng thông tin điện tử</footer></body></html>"""


@pytest.mark.parametrize("name", ["cv3722.html", "cv3722.txt"])  # decided by content too
def test_html_page(tmp_path, name):
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    d = vndirective.parse(path)
    assert "Trang chủ" not in d.text and "var a" not in d.text and "Cổng thông tin" not in d.text
    assert (d.system, d.issuer, d.doc_id, d.date, d.subject) == ("state", "VĂN PHÒNG CHÍNH PHỦ", "3722/VPCP-CN", dt.date(2026, 4, 28), "cơ chế đặc thù xây dựng công trình")
    assert d.recipients == ["Các Bộ: Công an, Tư pháp", "Ủy ban nhân dân tỉnh Đồng Nai"]
    assert [(r.doc_id, r.date) for r in d.references] == [("92/TTr-UBND", dt.date(2026, 4, 21))]
    assert [t.number for t in d.tasks] == ["1", "2"]
    assert d.signature is not None
    assert (d.signature.authority, d.signature.on_behalf_of, d.signature.title, d.signature.name) == ("K/T", "BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Phạm Mạnh Cường")
    assert [i.recipient for i in d.distribution] == ["Như trên", "Lưu: VT, CN"]


def test_pdf_values_can_be_found_on_their_page():
    pytest.importorskip("pdfplumber")
    from vndirective import Directive

    from ._directive_checks import check_directive
    from .conftest import CORPUS

    d = vndirective.parse(CORPUS / "formats" / "334-CV-HU_luc-ngan_2021.pdf")
    assert d.boxes and all(d.text[b.start : b.end].strip() for b in d.boxes)
    [(page, (x0, top, x1, bottom))] = d.locate(d.spans["issuer"])
    assert page == 1 and 0 < x0 < x1 < 300 and 0 < top < bottom < 150  # top left of the first page
    assert d.signature is not None
    last = d.page_at(len(d.text))
    assert [p for p, _ in d.locate(d.signature.spans["title"])] == [last] and last > 1
    mentions = d.reference("105-KL/TU").mentions
    assert [d.page_at(m.span.start) for m in mentions] == [p for m in mentions for p, _ in d.locate(m.span)]
    check_directive(d)  # schema, spans, round trip (boxes included)
    assert Directive.from_dict(d.to_dict()) == d


def test_docx_tracked_changes_keep_insertions_and_drop_deletions(tmp_path):
    from docx.oxml import OxmlElement

    def run(tag: str, text: str):
        r, t = OxmlElement("w:r"), OxmlElement(tag)
        t.text = text
        r.append(t)
        return r

    document = docx.Document()
    document.add_paragraph("TỈNH ỦY BẮC GIANG")
    p = document.add_paragraph("Số ")
    ins, gone = OxmlElement("w:ins"), OxmlElement("w:del")
    ins.append(run("w:t", "105-KL/TU"))
    gone.append(run("w:delText", "99-KL/TU"))
    p._p.append(gone)
    p._p.append(ins)
    document.add_paragraph("ĐẢNG CỘNG SẢN VIỆT NAM")
    document.add_paragraph("Bắc Giang, ngày 15 tháng 6 năm 2021")
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    d = vndirective.parse(path)
    assert d.doc_id == "105-KL/TU"
    assert "99-KL/TU" not in d.text


def test_docx_page_headers_and_footers_are_read_once(tmp_path):
    from docx.enum.section import WD_SECTION

    path = make_docx(tmp_path / "with_header.docx")
    document = docx.Document(str(path))
    first = document.sections[0]
    first.header.paragraphs[0].text = "MẬT"
    first.footer.paragraphs[0].text = "Địa chỉ: 01 đường Lê Lợi, thị trấn Chũ, huyện Lục Ngạn"
    first.footer.add_paragraph("2")  # a page number typed in: left out
    document.add_section(WD_SECTION.NEW_PAGE)  # its header and footer repeat the first section's
    document.add_paragraph("Phụ lục kèm theo.")
    document.save(str(path))
    d = vndirective.parse(path)
    assert d.text.count("MẬT") == 1 and d.text.count("Địa chỉ: 01 đường Lê Lợi") == 1
    assert d.security == "MẬT"
    assert d.doc_id == "334-CV/HU" and d.issuer == "HUYỆN ỦY LỤC NGẠN" and len(d.tasks) == 3
    assert d.text.index("MẬT") < d.text.index("HUYỆN ỦY") and d.text.index("Địa chỉ") > d.text.index("Nguyễn Văn Hùng")


def test_pdf_running_header_and_footer_are_kept_once():
    import textwrap

    from .test_hostile_files import FOUNDING, make_pdf

    text = FOUNDING.read_text(encoding="utf-8").replace("*", "")
    lines = [row for line in text.splitlines() for row in textwrap.wrap(line, 90) or [""]]
    chunks = [lines[i : i + 45] for i in range(0, len(lines), 45)]
    pages = [["CÔNG BÁO TỈNH BẮC GIANG - Số 12", *chunk, *[""] * (46 - len(chunk)), f"Trang {n} / {len(chunks)} - www.bacgiang.gov.vn"] for n, chunk in enumerate(chunks, 1)]
    d = vndirective.parse_layout(_read_pdf_bytes(make_pdf(pages, media=(595, 740))))  # the footer lands in the bottom margin
    assert len(chunks) >= 3
    assert d.text.count("CÔNG BÁO TỈNH BẮC GIANG") == 1 and d.text.count("www.bacgiang.gov.vn") == 1
    assert d.doc_id == "334-CV/HU" and d.issuer == "HUYỆN ỦY LỤC NGẠN" and len(d.tasks) == 9
    assert [r.doc_id for r in d.references] == ["105-KL/TU", "25-NQ/HU"]


def _read_pdf_bytes(data: bytes):
    from vndirective.readers.pdf import read_pdf

    return read_pdf(data, "running.pdf")


def test_unmapped_glyphs_are_measured():
    from vndirective.readers.pdf import _mostly_unmapped

    assert _mostly_unmapped("(cid:54)(cid:1250) CÔNG (cid:55)(cid:43)(cid:1132) HÒA")
    assert not _mostly_unmapped("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (cid:3) " * 20)


@pytest.mark.skipif(not REALFILES.is_dir(), reason="../shared/realfiles is not present")
def test_pdf_fonts_without_a_unicode_map_need_no_ocr_even_when_allowed():
    pytest.importorskip("pdfplumber")
    _require_ocr()
    d = vndirective.parse(REALFILES / "KH-1105-DKT-ke-hoach-kiem-tra.pdf", ocr=True)
    assert (d.doc_id, d.doc_type, d.date) == ("1105/KH-ĐKT", "KH", dt.date(2026, 3, 10))
    assert "ocr" not in {w.code for w in d.warnings}  # the glyphs were read from the embedded fonts: no page went to OCR


def test_pdf_fake_bold_glyphs_count_once():
    pytest.importorskip("pdfplumber")
    from vndirective.readers.pdf import read_pdf

    from .test_hostile_files import _stream, assemble_pdf

    lines = [("TINH UY BAC GIANG", 780), ("So 105-KL/TU", 760)]
    # Each line printed twice, 0.3 pt apart: how Word fakes bold with a font that has none.
    content = " ".join(f"BT /F1 11 Tf {x} {y} Td ({t}) Tj ET" for t, y in lines for x in (50, 50.3)).encode()
    pdf = assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])
    text = read_pdf(pdf, "bold.pdf").text
    assert [" ".join(line.split()) for line in text.splitlines() if line.strip()] == ["TINH UY BAC GIANG", "So 105-KL/TU"]


def test_docx_text_box_is_read_once(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = make_docx(tmp_path / "box.docx")
    document = docx.Document(str(path))
    box = parse_xml(
        f"<w:r {nsdecls('w')} xmlns:v=\"urn:schemas-microsoft-com:vml\"><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>HỎA TỐC</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    document.paragraphs[0]._p.append(box)
    document.save(str(path))
    d = vndirective.parse(path)
    assert d.text.count("HỎA TỐC") == 1
    assert d.doc_id == "334-CV/HU" and len(d.tasks) == 3


# ---------------------------------------------------------------------------
# PDF characters read by pdfium (readers/pdf_chars.py), and the pdfplumber path it falls back on
# ---------------------------------------------------------------------------

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-.,:;()ĐẢỨƯỞỘỈẮỆỦỤẠàăèòýđếịốựệụởậ"


def _type3_font(name: str, glyph: str = "box") -> bytes:
    """A Type 3 font (objects 7-10 of :func:`_pdf`): every glyph a 500 × 700 box, 500 units wide
    (7 pt at 14 pt), the space blank; its ToUnicode map gives :data:`ALPHABET` from code 33 on.
    Both pdfminer and pdfium measure such a font alike, and neither substitutes another for it.
    ``glyph="wide"``: the ink of every glyph reaches 200 units past its advance on either side."""
    return (
        f"<< /Type /Font /Subtype /Type3 /Name /{name} /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0]"
        f" /CharProcs << /box 7 0 R /space 8 0 R /wide 10 0 R >> /Encoding << /Type /Encoding /Differences [32 /space {f' /{glyph}' * len(ALPHABET)}] >>"
        f" /FirstChar 32 /LastChar {32 + len(ALPHABET)} /Widths [{' 500' * (len(ALPHABET) + 1)}] /ToUnicode 9 0 R /Resources << >> >>"
    ).encode()


def _to_unicode() -> bytes:
    pairs = "".join(f"<{33 + i:02X}> <{ord(c):04X}>\n" for i, c in enumerate(ALPHABET))
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(ALPHABET)} beginbfchar\n{pairs}endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def _vn(text: str) -> str:
    """``text`` as a PDF string in the encoding of :func:`_type3_font` (parentheses escaped)."""
    return "".join(" " if c == " " else chr(33 + ALPHABET.index(c)) for c in text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf(content: str, page: str = "/MediaBox [0 0 595 842]", fonts: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF with this content stream; fonts F1 and F2 are two :func:`_type3_font` unless given."""
    from .test_hostile_files import _stream, assemble_pdf

    f1, f2 = (*fonts, _type3_font("F1"), _type3_font("F2"))[:2]
    return assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R {page} /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>".encode(),
        _stream("", content.encode("latin-1")),
        f1,
        f2,
        _stream("", b"500 0 0 0 500 700 d1 0 0 500 700 re f"),
        _stream("", b"500 0 d0"),
        _stream("", _to_unicode()),
        _stream("", b"500 0 -200 0 700 700 d1 -200 0 900 700 re f"),
    ])


def _engines(data: bytes, monkeypatch: pytest.MonkeyPatch):
    """The Layout of ``data`` read with pdfplumber alone, then with pdfium."""
    from vndirective.readers import pdf

    monkeypatch.setattr(pdf, "PDFIUM", False)
    plumber = pdf.read_pdf(data, "test.pdf")
    monkeypatch.setattr(pdf, "PDFIUM", True)
    return plumber, pdf.read_pdf(data, "test.pdf")


def _pdfium_words(data: bytes, height: float = 842) -> list[dict]:
    """The words pdfium gives for page 1 (no fallback): pdfplumber's coordinates on a page at the origin."""
    pytest.importorskip("pypdfium2")
    from vndirective.readers.pdf_chars import Document

    with Document(data) as doc:
        return doc.words(0, 0.0, height)[1]


def _plumber_words(data: bytes) -> list[dict]:
    import io

    import pdfplumber

    from vndirective.readers.pdf import dedupe_chars

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return dedupe_chars(pdf.pages[0]).extract_words(x_tolerance=1.5, y_tolerance=3)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# LibreOffice's way with letters its font lacks: the line is drawn with a gap where each goes,
# and the letters are drawn after it in a fallback font. A space glyph right after a gap
# ('THỨ TRƯỞNG') is dropped by pdfium for a space of its own making at the same place.
FALLBACK_LINES = (
    f"BT /F1 14 Tf 50 700 Td [({_vn('TH')}) -500 ({_vn(' TR')}) -1000 ({_vn('NG')})] TJ ET "
    f"BT /F2 14 Tf 64 700 Td ({_vn('Ứ')}) Tj ET BT /F2 14 Tf 92 700 Td ({_vn('ƯỞ')}) Tj ET "
    f"BT /F1 14 Tf 50 672 Td [({_vn('Đ')}) -500 ({_vn('NG B')}) -500 ({_vn(' T')}) -500 ({_vn('NH')})] TJ ET "
    f"BT /F2 14 Tf 57 672 Td ({_vn('Ả')}) Tj ET BT /F2 14 Tf 92 672 Td ({_vn('Ộ')}) Tj ET BT /F2 14 Tf 113 672 Td ({_vn('Ỉ')}) Tj ET"
)


def test_pdfium_words_of_glyphs_drawn_out_of_order():
    pytest.importorskip("pdfplumber")
    data = _pdf(FALLBACK_LINES)
    words = _pdfium_words(data)
    assert [w["text"] for w in words] == ["THỨ", "TRƯỞNG", "ĐẢNG", "BỘ", "TỈNH"]
    assert [w["text"] for w in words] == [w["text"] for w in _plumber_words(data)]


def test_pdfium_word_boxes_are_pdfplumbers(monkeypatch):
    pytest.importorskip("pdfplumber")
    data = _pdf(FALLBACK_LINES)
    for ours, theirs in zip(_pdfium_words(data), _plumber_words(data), strict=True):
        assert ours["text"] == theirs["text"]
        for key in ("x0", "x1", "top", "bottom"):
            assert ours[key] == pytest.approx(theirs[key], abs=0.5), (ours, theirs)
    plumber, fast = _engines(data, monkeypatch)
    assert fast.text == plumber.text
    assert [(b.start, b.end, b.page) for b in fast.boxes] == [(b.start, b.end, b.page) for b in plumber.boxes]


@pytest.mark.parametrize(
    "page",
    ["/MediaBox [100 100 695 942]", "/MediaBox [0 0 595 842] /CropBox [20 20 500 800]", "/MediaBox [0 842 595 0]"],
    ids=["media_box_off_the_origin", "crop_box", "media_box_upside_down"],
)
def test_pdfium_positions_are_pdfplumbers_on_any_page_box(page, monkeypatch):
    pytest.importorskip("pdfplumber")
    data = _pdf(f"BT /F1 12 Tf 150 800 Td ({_vn('Ban hành kèm theo')}) Tj 0 -20 Td ({_vn('Quyết định số 12')}) Tj ET", page=page)
    plumber, fast = _engines(data, monkeypatch)
    assert fast.text == plumber.text and "Quyết định số 12" in fast.text
    for ours, theirs in zip(fast.boxes, plumber.boxes, strict=True):
        assert (ours.start, ours.end) == (theirs.start, theirs.end)
        assert (ours.x0, ours.top, ours.x1, ours.bottom) == pytest.approx((theirs.x0, theirs.top, theirs.x1, theirs.bottom), abs=0.5)


def test_pdfium_fake_bold_and_ligatures():
    pytest.importorskip("pdfplumber")
    ligature = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences [222 /ff 223 /fi] >> >>"
    # Each line printed twice 0.3 pt apart by another text object (Word's bold for a font without one);
    # 'office' and 'file' with the ligature glyphs, which pdfium splits into two letters in one place.
    content = " ".join(f"BT /F1 11 Tf {x} 780 Td ({_vn('TỈNH ỦY BẮC GIANG')}) Tj ET" for x in (50, 50.3)) + " BT /F2 11 Tf 50 760 Td (o\\336ice \\337le) Tj ET"
    data = _pdf(content, fonts=(_type3_font("F1"), ligature))
    assert [w["text"] for w in _pdfium_words(data)] == ["TỈNH", "ỦY", "BẮC", "GIANG", "office", "file"]
    assert [w["text"] for w in _plumber_words(data)] == ["TỈNH", "ỦY", "BẮC", "GIANG", "office", "file"]


def test_pdfium_hyphen_ending_a_line_is_a_hyphen(monkeypatch):
    pytest.importorskip("pdfplumber")
    lines = ["thực hiện nhiệm-", "vụ ngày 15/6/2021", "x - y -", "z"]
    data = _pdf("BT /F1 12 Tf 14 TL 50 700 Td " + " T* ".join(f"({_vn(line)}) Tj" for line in lines) + " ET")
    plumber, fast = _engines(data, monkeypatch)
    assert _lines(fast.text) == _lines(plumber.text) == lines


@pytest.mark.parametrize(
    ("content", "page"),
    [
        (f"BT /F1 12 Tf 0 1 -1 0 100 500 Tm ({_vn('Ký bởi: Văn phòng')}) Tj ET BT /F1 12 Tf 150 700 Td ({_vn('Số 12/QĐ-UBND')}) Tj ET", "/MediaBox [0 0 595 842]"),
        (f"BT /F1 12 Tf 150 500 Td ({_vn('Số 12/QĐ-UBND')}) Tj ET", "/MediaBox [0 0 595 842] /Rotate 90"),
        (f"/Span << /ActualText (XYZ) >> BDC BT /F1 12 Tf 150 700 Td ({_vn('Số 12/QĐ-UBND')}) Tj ET EMC", "/MediaBox [0 0 595 842]"),
    ],
    ids=["rotated_text", "rotated_page", "actual_text"],
)
def test_pages_pdfium_would_read_otherwise_are_read_by_pdfplumber(content, page, monkeypatch):
    pytest.importorskip("pdfplumber")
    from vndirective.readers import pdf
    from vndirective.readers.pdf_chars import Unreadable

    data = _pdf(content, page=page)
    plumber, fast = _engines(data, monkeypatch)
    assert fast.text == plumber.text and "Số 12/QĐ-UBND" in fast.text
    assert [(b.x0, b.top) for b in fast.boxes] == [(b.x0, b.top) for b in plumber.boxes]
    if "/Rotate" not in page:  # a rotated page is not even asked of pdfium
        with pytest.raises(Unreadable):
            _pdfium_words(data)
    assert pdf.PDFIUM


def test_pdf_is_read_by_pdfplumber_without_pypdfium2(monkeypatch):
    pytest.importorskip("pdfplumber")
    from vndirective.readers import pdf, pdf_chars, pdfium_api

    from .conftest import CORPUS

    data = (CORPUS / "formats" / "334-CV-HU_luc-ngan_2021.pdf").read_bytes()
    fast = pdf.read_pdf(data, "cv.pdf")
    monkeypatch.setattr(pdfium_api, "_api", None)
    monkeypatch.setattr(pdfium_api, "_missing", ImportError("No module named 'pypdfium2'"))
    assert not pdf_chars.available()

    def no_pdfium(*args: object, **kwargs: object) -> None:
        raise AssertionError("pdfium was asked")

    monkeypatch.setattr(pdf_chars.Document, "words", no_pdfium)
    plumber = pdf.read_pdf(data, "cv.pdf")
    assert plumber.text == fast.text and "HUYỆN ỦY LỤC NGẠN" in plumber.text
    assert [(b.start, b.end, b.page) for b in plumber.boxes] == [(b.start, b.end, b.page) for b in fast.boxes]
    assert max(abs(a.top - b.top) + abs(a.x0 - b.x0) for a, b in zip(plumber.boxes, fast.boxes, strict=True)) < 3


def test_pdf_fixtures_read_alike_by_pdfium_and_pdfplumber(monkeypatch):
    """The PDFs LibreOffice made of the corpus: the same text and word spans either way."""
    pytest.importorskip("pdfplumber")
    from .conftest import CORPUS

    for name in ("334-CV-HU_luc-ngan_2021.pdf", "45_btctw-hd-sinh-hoat-chi-bo.pdf", "h12_bnnmt-07-cd.pdf", "g04_bcsd-gialai-bc.pdf"):
        plumber, fast = _engines((CORPUS / "formats" / name).read_bytes(), monkeypatch)
        assert fast.text == plumber.text, name
        assert [(b.start, b.end, b.page) for b in fast.boxes] == [(b.start, b.end, b.page) for b in plumber.boxes], name


def test_pdfium_is_used_by_one_thread_at_a_time():
    """pdfium is not thread-safe: threads parsing PDFs at once wait for each other's pdfium calls."""
    pytest.importorskip("pdfplumber")
    from concurrent.futures import ThreadPoolExecutor

    from .conftest import CORPUS

    paths = [CORPUS / "formats" / name for name in ("334-CV-HU_luc-ngan_2021.pdf", "45_btctw-hd-sinh-hoat-chi-bo.pdf", "h12_bnnmt-07-cd.pdf")] * 3
    alone = [vndirective.parse(p).text for p in paths]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda p: vndirective.parse(p).text, paths))
    assert together == alone


def test_pdfium_words_from_characters():
    """words_of on characters as _chars gives them: (em top, x0, x1, index, text, text object, font, size, descent per pt)."""
    from vndirective.readers.pdf_chars import words_of

    def char(x0: float, i: int, ch: str, obj: int = 1, top: float = 100.0, width: float = 7.0) -> tuple:
        return (top, x0, x0 + width, i, ch, obj, 9, 14.0, -0.2)

    chars = [
        char(50, 0, "T"), char(57, 1, "H"), char(71, 2, " "), char(78, 3, "T"), char(85, 4, "R"),  # a space after a gap
        char(64, 5, "Ứ", obj=2), char(92, 6, "Ư", obj=2), char(99, 7, "Ở", obj=2),  # the letters of the gaps, drawn last
        char(92.3, 8, "Ư", obj=3), char(99.3, 9, "Ở", obj=3),  # printed again 0.3 pt on by another object: fake bold
        char(106, 10, "f"), char(106, 11, "f"),  # a ligature split by pdfium: two letters at one place, one object
        char(114.5, 12, "x"),  # 1.5 pt after the 'ff': the same word; 1.6 pt would start another
        char(123.1, 13, "y"),
        char(200, 14, "Z", top=102.9), char(50, 15, "W", top=106.0),  # 2.9 pt lower: the same line; 6 pt: the next
    ]
    words = words_of(chars)
    assert [w["text"] for w in words] == ["THỨ", "TRƯỞffx", "y", "Z", "W"]
    trong = words[1]
    assert (trong["x0"], trong["x1"]) == (78, 121.5)
    assert (trong["top"], trong["bottom"]) == pytest.approx((100 + 0.2 * 14, 100 + 1.2 * 14))  # pdfminer's box: the descent below the baseline


def _hostile_pdf_cases() -> list:
    try:
        from .test_hostile_files import CASES
    except pytest.skip.Exception:  # pdfplumber or python-docx missing
        return []
    return [pytest.param(case, id=case.id, marks=case.marks) for case in CASES if case.id.startswith("pdf_")]


@pytest.mark.parametrize("case", _hostile_pdf_cases())
def test_hostile_pdfs_read_by_pdfplumber_alone(tmp_path, case, monkeypatch):
    """The fallback keeps every hostile-file behaviour: the same typed errors, warnings and partial results."""
    from vndirective.readers import pdf

    from .test_hostile_files import test_hostile_file

    monkeypatch.setattr(pdf, "PDFIUM", False)
    test_hostile_file(tmp_path, case)


def test_pdfium_gaps_hidden_by_ink(monkeypatch):
    """A PDF without space glyphs (TeX's way: a TJ array moves the pen on between words) in a font
    whose ink reaches 2.8 pt past the advance on either side, as an italic f's does: pdfium's
    loose boxes overlap across the 4.2 pt gaps, yet the words stay apart as pdfplumber has them."""
    pytest.importorskip("pdfplumber")
    data = _pdf(f"BT /F2 14 Tf 50 700 Td [({_vn('Khi')}) -300 ({_vn('thực')}) -300 ({_vn('hiện')})] TJ ET", fonts=(_type3_font("F1"), _type3_font("F2", "wide")))
    assert [w["text"] for w in _pdfium_words(data)] == [w["text"] for w in _plumber_words(data)] == ["Khi", "thực", "hiện"]
    plumber, fast = _engines(data, monkeypatch)
    assert fast.text == plumber.text


def test_docx_header_block_in_the_first_pages_header_area(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    table = section.first_page_header.add_table(rows=2, cols=2, width=section.page_width)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ HÒA PHÚ"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 245/QĐ-UBND"
    table.cell(1, 1).text = "Hòa Phú, ngày 3 tháng 11 năm 2025"
    for text in ("QUYẾT ĐỊNH", "Về việc thành lập Ban Chỉ đạo chuyển đổi số", "Điều 1. Thành lập Ban Chỉ đạo.", "Điều 2. Quyết định có hiệu lực kể từ ngày ký."):
        document.add_paragraph(text)
    path = tmp_path / "first_page_header.docx"
    document.save(str(path))
    d = vndirective.parse(path)
    assert (d.system, d.issuer, d.doc_id, d.place, d.date) == ("state", "ỦY BAN NHÂN DÂN XÃ HÒA PHÚ", "245/QĐ-UBND", "Hòa Phú", dt.date(2025, 11, 3))
    assert [t.number for t in d.tasks] == ["1", "2"]


# --------------------------------------------------------------------------- Word 97-2003 (.doc)

DOC_FIXTURES = sorted((Path(__file__).resolve().parents[1] / "corpus" / "formats").glob("*.doc"))


@pytest.mark.parametrize("path", DOC_FIXTURES, ids=lambda p: p.name)
def test_a_doc_reads_like_the_docx_it_was_saved_from(path):
    """LibreOffice's Word 97 export of a fixture: the header and closing tables, cells and rows, give every field the .docx gives."""
    pytest.importorskip("olefile")
    pytest.importorskip("docx")
    doc, docx = vndirective.parse(path).to_dict(), vndirective.parse(path.with_suffix(".docx")).to_dict()
    fields = ["system", "issuer", "issuer_parent", "doc_id", "date", "place", "subject", "recipients", "signature", "distribution"]
    assert {f: _without_spans(doc[f]) for f in fields} == {f: _without_spans(docx[f]) for f in fields}
    assert [t["head"] for t in doc["tasks"]] == [t["head"] for t in docx["tasks"]]
    assert [r["doc_id"] for r in doc["references"]] == [r["doc_id"] for r in docx["references"]]


def _without_spans(value):
    if isinstance(value, dict):
        return {k: _without_spans(v) for k, v in value.items() if "span" not in k}
    if isinstance(value, list):
        return [_without_spans(v) for v in value]
    return value


def _doc_bytes() -> bytes:
    return DOC_FIXTURES[0].read_bytes()


@pytest.mark.parametrize(
    ("damage", "error", "says"),
    [
        (lambda b: b[: len(b) // 3], CorruptDocument, "damaged"),  # cut short
        (lambda b: _patched_fib(b, 0x0A, 0x0100), vndirective.EncryptedDocument, "password"),  # fEncrypted
        (lambda b: _patched_fib(b, 0x02, -1), UnsupportedFormat, "Word 6"),  # an nFib older than Word 97
    ],
    ids=["truncated", "encrypted", "word95"],
)
def test_a_damaged_or_unreadable_doc_is_a_typed_error(tmp_path, damage, error, says):
    pytest.importorskip("olefile")
    if not DOC_FIXTURES:
        pytest.skip("no .doc fixture")
    p = tmp_path / "x.doc"
    p.write_bytes(damage(_doc_bytes()))
    with pytest.raises(error, match=says) as info:
        vndirective.parse(p)
    assert str(p) in str(info.value)


def _patched_fib(data: bytes, offset: int, value: int) -> bytes:
    """The .doc with a 16-bit value of its FIB changed in place (OR-ed in; -1: set to 100, an nFib before Word 97)."""
    import olefile

    with olefile.OleFileIO(data) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
    at = data.find(bytes(word[:64]))  # the stream's first sector, in place in the file
    assert at > 0
    old = int.from_bytes(word[offset : offset + 2], "little")
    new = 100 if value < 0 else old | value
    patched = bytearray(data)
    patched[at + offset : at + offset + 2] = new.to_bytes(2, "little")
    return bytes(patched)


def test_an_office_file_that_is_not_word_is_refused_by_name(tmp_path):
    olefile = pytest.importorskip("olefile")
    if not DOC_FIXTURES:
        pytest.skip("no .doc fixture")
    data = bytearray(_doc_bytes())
    with olefile.OleFileIO(bytes(data)) as ole:
        entry = next(e for e in ole.direntries if e is not None and e.name == "WordDocument")
    at = data.find("WordDocument".encode("utf-16-le"))
    data[at : at + 24] = "WorkBookXxxx".encode("utf-16-le")  # the directory now names an Excel stream
    assert entry is not None
    p = tmp_path / "sheet.xls"
    p.write_bytes(bytes(data))
    with pytest.raises(UnsupportedFormat, match="not a Word document"):
        vndirective.parse(p)


@pytest.mark.skipif(not (SHARED / "realfiles").is_dir(), reason="../shared/realfiles is not present")
def test_real_doc_files_are_read():
    """The Word 97-2003 files of ../shared/realfiles: read, their header table in order (organ | national title)."""
    pytest.importorskip("olefile")
    from vndirective.readers import read

    found = sorted((SHARED / "realfiles").glob("*.doc"))
    assert found
    for path in found:
        layout = read(path)
        first = layout.text.lstrip().splitlines()[0]
        assert " | " in first and len(layout.text) > 1000, path.name  # the header table's first row, cells side by side


# --------------------------------------------------------------------------- values stamped into form widgets

def test_a_number_and_day_stamped_into_signature_widgets_read_where_the_page_shows_them():
    """A signed draft: 'Số:      /UBND-XD' and 'ngày      tháng 7' left blank, the signing tool's widgets show 7432 and 21
    over the blanks, and its stamp (organ, e-mail, time) elsewhere: the values join their lines, the stamp stays out."""
    pytest.importorskip("pdfplumber")
    from vndirective.readers.pdf_chars import available

    if not available():
        pytest.skip("pypdfium2 is not available")
    from .pdf_fixtures import pdf_with_widgets

    stamp = "SO XAY DUNG\nso.xd@example.gov.vn\n21.07.2026 14:44:57 +07:00"
    data = pdf_with_widgets([(95, 755, 125, 773, "7432"), (372, 755, 392, 773, "21"), (350, 500, 550, 560, stamp)])
    from vndirective.readers.pdf import read_pdf

    layout = read_pdf(data, "signed.pdf")
    first = layout.text.splitlines()[0].split()
    assert first[:3] == ["So:", "7432", "/UBND-XD"] and first[-6:] == ["ngay", "21", "thang", "7", "nam", "2026"]
    assert "SO XAY DUNG" not in layout.text and "14:44:57" not in layout.text
    codes = {w.code: w.message for w in layout.warnings}
    assert "'7432 21'" in codes["widget_values"] and "14:44:57" in codes["signature_stamp"]
    d = vndirective.parse_layout(layout)
    assert (d.doc_id, d.date) == ("7432/UBND-XD", dt.date(2026, 7, 21))


def test_a_pdf_without_widgets_reads_as_before():
    pytest.importorskip("pdfplumber")
    from vndirective.readers.pdf import read_pdf

    from .pdf_fixtures import pdf_with_widgets

    layout = read_pdf(pdf_with_widgets([]), "draft.pdf")
    assert layout.text.splitlines()[0].split()[:2] == ["So:", "/UBND-XD"]
    assert not {"widget_values", "signature_stamp"} & {w.code for w in layout.warnings}


@pytest.mark.parametrize("ocr", [False, True], ids=["no_ocr", "ocr"])
def test_a_number_stamped_as_a_drawing_is_reported_or_read_by_ocr(ocr: bool, monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("pdfplumber")
    from vndirective.readers.pdf_chars import available

    if not available():
        pytest.skip("pypdfium2 is not available")
    import vndirective.readers.ocr as ocr_module
    import vndirective.readers.pdf as pdf_module
    from vndirective.readers.pdf import read_pdf

    from .pdf_fixtures import DRAWN, pdf_with_widgets

    asked = []

    def digits(data, password, page, box):
        asked.append((page, [round(v) for v in box]))
        return ("743", 100.0)

    monkeypatch.setattr(ocr_module, "read_digits", digits)
    monkeypatch.setattr(pdf_module, "wanted", lambda option: ocr)
    initials = (300, 700, 330, 712, DRAWN)  # on a line of body text: a drafter's initials, not a stamped value
    layout = read_pdf(pdf_with_widgets([(95, 755, 125, 773, DRAWN), initials]), "signed.pdf")
    codes = [w.code for w in layout.warnings if w.code.startswith("widget_drawn")]
    first = layout.text.splitlines()[0].split()
    if ocr:
        assert codes == ["widget_drawn_read"] and asked == [(1, [95, 69, 125, 87])]
        assert first[:3] == ["So:", "743", "/UBND-XD"]
    else:
        assert codes == ["widget_drawn"] and not asked
        assert first[:2] == ["So:", "/UBND-XD"]
