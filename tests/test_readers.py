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
from vndirective.errors import NoTextLayer, UnsupportedFormat

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
def test_scanned_pdf_says_how_to_ocr_it():
    pytest.importorskip("pdfplumber")
    with pytest.raises(NoTextLayer, match=r"CV-813-CucHoaChat\.pdf.*ocr=True.*tesseract-ocr-vie"):
        vndirective.parse(REALFILES / "CV-813-CucHoaChat.pdf")


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
def test_pdf_with_a_broken_font_mapping_is_reported(name):
    pytest.importorskip("pdfplumber")
    d = vndirective.parse(REALFILES / name)
    assert {"pdf_unmapped_glyphs", "not_a_directive"} <= {w.code for w in d.warnings}


@pytest.mark.parametrize(
    ("fmt", "count", "minimum"),
    # Measured: docx 1.000, pdf 1.000 (62 documents, like the text), legacy copies 1.000,
    # the three degraded 150 dpi scans 0.822 with OCR.
    [("docx", 62, 0.995), ("pdf", 62, 0.995), ("tcvn3.txt", 1, 0.95), ("vni.txt", 1, 0.95), ("tcvn3.docx", 1, 0.97), ("vni.docx", 1, 0.95), ("scan.pdf", 3, 0.78)],
)
def test_format_versions_of_the_corpus_score_like_the_text(fmt, count, minimum):
    """corpus/formats holds Word, PDF, scanned and legacy-font versions of corpus documents (make_fixtures.py)."""
    if fmt.endswith("pdf"):
        pytest.importorskip("pdfplumber")
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
def test_pdf_with_a_broken_font_mapping_is_read_by_ocr_when_asked():
    pytest.importorskip("pdfplumber")
    _require_ocr()
    d = vndirective.parse(REALFILES / "KH-1105-DKT-ke-hoach-kiem-tra.pdf", ocr=True)
    assert (d.doc_id, d.doc_type, d.date) == ("1105/KH-ĐKT", "KH", dt.date(2026, 3, 10))
    assert {"ocr", "pdf_unmapped_glyphs"} <= {w.code for w in d.warnings}


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
