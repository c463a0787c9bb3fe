"""Classes of OCR damage on signed scans, each from minimal made-up examples: a handwritten day OCR cannot
read (the place stays, the date is not guessed), a signer's rank before the name, a paper sent with the
document after its closing, and the text Tesseract took for a picture or left under a red seal."""

from __future__ import annotations

import datetime as dt

import pytest

import vndirective
from vndirective.readers.ocr import tsv_words
from vndirective.readers.ocr_images import image_regions, merge_regions, red_regions, reread_regions

PIL = pytest.importorskip("PIL")
from PIL import Image, ImageDraw  # noqa: E402

HEADER = "ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN AN PHÚ      Độc lập - Tự do - Hạnh phúc\nSố: 12/TTr-UBND      {date}\n\nTỜ TRÌNH\nVề việc sửa chữa đường liên xã\n\n"
BODY = "Kính gửi: Ủy ban nhân dân các xã.\n\nỦy ban nhân dân huyện đề nghị các xã rà soát tuyến đường và báo cáo trước ngày 10/5.\n\n"
CLOSING = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n{block}\n"
BLOCK = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn Hòa"


@pytest.mark.parametrize(
    ("line", "place", "date", "code"),
    [
        ("An Phú, ngày |2 tháng 5 năm 2024", "An Phú", None, "unreadable_date"),  # a handwritten day read as '|2'
        ("An Phú, ngày0Ÿ tháng 5 năm 2024", "An Phú", None, "unreadable_date"),  # glued to 'ngày', a letter for a digit
        ("An Phú ngày 14 tháng # năm 2024", "An Phú", None, "unreadable_date"),  # no comma; the month unread
        ("Hà Tiên, ngày ,@3 tháng 01 năm 2023", "Hà Tiên", None, "unreadable_date"),
        ("An Phú, ngày      tháng      năm 2024", "An Phú", None, "blank_date"),  # a draft: blank, not unread
        ("An Phú, ngày 14 tháng 5 năm 2024", "An Phú", dt.date(2024, 5, 14), None),
    ],
)
def test_the_place_stands_when_the_day_cannot_be_read(line, place, date, code):
    d = vndirective.parse_text(HEADER.format(date=line) + BODY + CLOSING.format(block=BLOCK))
    assert (d.place, d.date) == (place, date)
    codes = {w.code for w in d.warnings}
    assert "missing_date" not in codes
    if code:
        assert code in codes


@pytest.mark.parametrize(
    ("name_line", "name"),
    [
        ("Thượng tướng Trần Văn Bình", "Trần Văn Bình"),
        ("Thiếu tướng Đỗ Minh Khoa", "Đỗ Minh Khoa"),
        ("Đại tá Phan Thị Lụa", "Phan Thị Lụa"),
        ("Trung uý Hà Văn Tư", "Hà Văn Tư"),
        ("PGS.TS. Trần Minh Khoa", "Trần Minh Khoa"),  # a school's signer: academic titles are no part of the name
        ("ThS. Lê Thị Hoa", "Lê Thị Hoa"),
        ("Lê Văn Hòa", "Lê Văn Hòa"),
    ],
)
def test_a_rank_before_the_signers_name_is_not_part_of_it(name_line, name):
    block = f"KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n{name_line}"
    d = vndirective.parse_text(HEADER.format(date="An Phú, ngày 14 tháng 5 năm 2024") + BODY + CLOSING.format(block=block))
    assert d.signature is not None
    assert (d.signature.authority, d.signature.title, d.signature.name) == ("K/T", "PHÓ GIÁM ĐỐC", name)


ATTACHED = [
    "ĐỀ CƯƠNG\nBáo cáo sơ kết công tác giao thông nông thôn\nPhần thứ nhất\nTÌNH HÌNH CHUNG\n\nNgô Thị Mai\n",
    "DỰ THẢO\nQUYẾT ĐỊNH\nVề việc phân bổ kinh phí\n\nCHỦ TỊCH\n\nNgô Thị Mai\n",
    "HỘI ĐỒNG NHÂN DÂN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN AN PHÚ      Độc lập - Tự do - Hạnh phúc\n"
    "NGHỊ QUYẾT\nVề kinh phí\n\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNgô Thị Mai\n",
]


@pytest.mark.parametrize("attached", ATTACHED)
def test_a_paper_sent_with_the_document_is_not_its_signature(attached):
    body = BODY + "".join(f"{i}. Xã số {i} rà soát tuyến đường của xã và gửi danh sách về huyện.\n" for i in range(1, 16)) + "\n"
    text = HEADER.format(date="An Phú, ngày 14 tháng 5 năm 2024") + body + CLOSING.format(block=BLOCK) + "\n\f" + attached
    d = vndirective.parse_text(text)
    assert d.signature is not None
    assert (d.signature.authority, d.signature.on_behalf_of, d.signature.title, d.signature.name) == ("T/M", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Hòa")


# --- text Tesseract took for a picture -------------------------------------------------------------------

TSV_HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(*rows: tuple[int, int, int, int, int, float, str], line: tuple[int, int, int, int] = (1, 1, 1, 1)) -> str:
    out = [TSV_HEAD]
    for i, (left, top, width, height, _, conf, text) in enumerate(rows):
        out.append("\t".join(map(str, ("5", *line[:3], line[3] + i, 1, left, top, width, height, conf, text))))
    return "\n".join(out)


@pytest.mark.parametrize(
    ("row", "found"),
    [
        ((100, 200, 400, 300, 0, 95.0, " "), [(100.0, 200.0, 500.0, 500.0)]),  # a word without text: a picture
        ((100, 200, 400, 5, 0, 95.0, " "), []),  # too low: a rule
        ((100, 200, 20, 300, 0, 95.0, " "), []),  # too narrow: a bar
        ((100, 200, 400, 300, 0, 95.0, "CHỦ"), []),  # a word
    ],
)
def test_image_regions_are_the_words_without_text(row, found):
    assert image_regions(_tsv(row), 1.0) == found


@pytest.mark.parametrize(
    ("regions", "merged"),
    [
        ([(0, 0, 10, 10), (12, 0, 20, 10)], [(0, 0, 20, 10)]),  # within the gap
        ([(0, 0, 10, 10), (30, 0, 40, 10)], [(0, 0, 10, 10), (30, 0, 40, 10)]),
        ([(0, 0, 10, 10), (5, 5, 15, 15), (14, 14, 30, 30)], [(0, 0, 30, 30)]),  # a chain
    ],
)
def test_regions_that_touch_are_read_as_one(regions, merged):
    assert merge_regions(regions, 3.0) == merged


def _word(text: str, x0: float, top: float, x1: float, bottom: float, conf: float, line: int) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "ink_top": top, "ink_bottom": bottom, "conf": conf, "line": (1, 1, 1, line)}


PAGE = (600, 400)  # pixels, one pixel a point
REGION = (200.0, 100.0, 500.0, 300.0)  # the crop is this and PAD (6) around: its origin is (194, 94) on the page


def _crop_words(*words: tuple[str, float, float, float, float, float, int]) -> list[dict]:
    return [_word(*w) for w in words]


@pytest.mark.parametrize(
    ("read", "page_words", "ink", "expected"),
    [
        # a line read with confidence is added, where it stands on the page
        ([("PHÓ", 50, 40, 80, 60, 96, 1), ("GIÁM", 85, 40, 130, 60, 95, 1)], [], [], [("PHÓ", 244.0), ("GIÁM", 279.0)]),
        # the seal read as words with little confidence: dropped
        ([("Ä}ỆÐ", 50, 40, 80, 60, 12, 1), ("GIÁM", 85, 40, 130, 60, 95, 1)], [], [], [("GIÁM", 279.0)]),
        # a word the page has already: not twice
        ([("Lưu:", 50, 40, 80, 60, 96, 1)], [_word("Lưu:", 245, 135, 275, 155, 90, 9)], [], []),
        # unread ink just before the first word: only part of the line was read, none of it is given
        ([("Thanh", 60, 100, 100, 120, 97, 2), ("Hà", 105, 100, 125, 120, 97, 2)], [], [(40, 104, 56, 116)], []),
        # ...but ink a word of the region covers (the seal's, read as junk) does not cut the line
        ([("x", 38, 100, 56, 120, 5, 2), ("Thanh", 60, 100, 100, 120, 97, 2)], [], [(40, 104, 56, 116)], [("Thanh", 254.0)]),
        # a pen stroke read as a letter: a line far lower than the region's lines
        ([("PHÓ", 50, 40, 80, 60, 96, 1), ("T", 90, 80, 96, 84, 92, 2)], [], [], [("PHÓ", 244.0)]),
        # a line cut by the edge of the region
        ([("PHÓ", 50, 0, 80, 20, 96, 1), ("GIÁM", 85, 40, 130, 60, 95, 2)], [], [], [("GIÁM", 279.0)]),
    ],
)
def test_a_region_read_again_gives_only_whole_sure_new_lines(read, page_words, ink, expected):
    image = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(image)
    for x0, top, x1, bottom in ink:  # in the crop's pixels
        draw.rectangle((x0 + 194, top + 94, x1 + 194, bottom + 94), fill="black")
    added = reread_regions(image, [REGION], 1.0, page_words, lambda crop: _crop_words(*read))
    assert [(w["text"], w["x0"]) for w in added] == expected


def test_the_rest_of_a_line_the_page_has_joins_that_line():
    page = [_word("VĂN", 300, 138, 330, 150, 96, 1), _word("PHÒNG", 333, 138, 380, 150, 96, 1)]
    read = [("CHÁNH", 40, 46, 100, 60, 92, 1), ("VĂN", 106, 46, 136, 60, 95, 1), ("PHÒNG", 139, 46, 186, 60, 95, 1)]
    added = reread_regions(Image.new("RGB", PAGE, "white"), [REGION], 1.0, page, lambda crop: _crop_words(*read))
    assert [(w["text"], w["top"], w["bottom"]) for w in added] == [("CHÁNH", 138, 150)]


@pytest.mark.parametrize(
    ("colour", "size", "mode", "found"),
    [
        ((220, 30, 40), 100, "RGB", True),  # a red seal
        ((20, 20, 20), 100, "RGB", False),  # black print
        ((220, 30, 40), 20, "RGB", False),  # a red speck: no seal
        ((120, 120, 120), 100, "L", False),  # a grey page has no red
    ],
)
def test_a_red_seal_is_found_with_the_block_around_it(colour, size, mode, found):
    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).ellipse((300, 500, 300 + size, 500 + size), fill=colour)
    regions = red_regions(image.convert(mode), 1.0)
    assert bool(regions) is found
    if found:
        ((x0, top, x1, bottom),) = regions
        assert x0 < 300 and top < 500 and x1 > 300 + 2 * size - 10 and bottom > 500 + size  # the block over and right of the seal


def test_tsv_words_keep_their_line_and_the_noise_on_request():
    tsv = _tsv((10, 10, 30, 12, 0, 95.0, "CHỦ"), (45, 10, 5, 12, 0, 20.0, "|"))
    assert [w["text"] for w in tsv_words(tsv, 1.0)] == ["CHỦ"]
    kept = tsv_words(tsv, 1.0, keep_noise=True)
    assert [w["text"] for w in kept] == ["CHỦ", "|"] and kept[0]["line"] == ("1", "1", "1", "1")


@pytest.mark.parametrize(
    ("word", "surname"),
    [("Nguyên", "Nguyễn"), ("Tran", "Trần"), ("Đỏ", "Đỗ"), ("Nguyễn", None), ("Minh", None), ("La", None), ("Lã", None)],
    ids=["nguyen_mark_lost", "tran_no_marks", "do_mark_changed", "as_printed", "no_surname", "la_printed", "la_other_form"],
)
def test_a_family_name_ocr_damaged_is_read_with_its_marks(word: str, surname: str | None):
    """Only one surname with the word's letters, and the word none of its forms: the surname; else None."""
    from vndirective.core import codes

    assert codes.surname_form(word) == surname


def test_the_signers_family_name_is_restored_only_in_text_read_by_ocr():
    from vndirective.core.lines import build_layout
    from vndirective.core.pipeline import parse_layout

    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 12/UBND-VP\nV/v lịch tiếp dân\n\nKính gửi: Các sở.\nNội dung.\n"
            "Nơi nhận:                                  CHỦ TỊCH\n- Như trên;\n- Lưu: VT.                                  Nguyên Văn An\n")
    for ocr, name in ((False, "Nguyên Văn An"), (True, "Nguyễn Văn An")):
        layout = build_layout(text)
        layout.read_by_ocr = ocr
        d = parse_layout(layout)
        assert d.signature is not None and d.signature.name == name
        assert ("ocr_correction" in {w.code for w in d.warnings}) is ocr


CENTRED_SUBJECT = (
    "                    ỦY BAN NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "                    HUYỆN AN PHÚ                        Độc lập - Tự do - Hạnh phúc\n"
    "                    Số: 12/CT-UBND                      An Phú, ngày 14 tháng 5 năm 2024\n"
    "                                           CHỈ THỊ\n"
    "                          {first}\n"
    "{margin}                                trên địa bàn huyện An Phú\n\n"
)


@pytest.mark.parametrize(
    ("first", "margin", "subject"),
    [
        # a received stamp's 'Số:' at the margin, beside the subject's second line (its blank is no draft's blank)
        ("Về việc tăng cường công tác phòng cháy", " lmà Ị số:", "tăng cường công tác phòng cháy trên địa bàn huyện An Phú"),
        ("Về việc tăng cường công tác phòng cháy", " xã Số:", "tăng cường công tác phòng cháy trên địa bàn huyện An Phú"),
        # a speck OCR read before the prefix
        (". Về việc tăng cường công tác phòng cháy", "", "tăng cường công tác phòng cháy trên địa bàn huyện An Phú"),
        ("- V/v tăng cường công tác phòng cháy", "", "tăng cường công tác phòng cháy trên địa bàn huyện An Phú"),
        ("ƒ/v tăng cường công tác phòng cháy", "", "tăng cường công tác phòng cháy trên địa bàn huyện An Phú"),  # OCR's V
    ],
)
def test_a_stamp_at_the_margin_is_no_part_of_a_centred_subject(first, margin, subject):
    d = vndirective.parse_text(CENTRED_SUBJECT.format(first=first, margin=margin) + BODY + CLOSING.format(block=BLOCK))
    assert d.subject == subject


@pytest.mark.parametrize("line", ["Số:        /UBND-VP", "Số:          -CV/HU", "ngày      tháng      năm 2024"])
def test_a_drafts_blank_is_still_no_column_gap(line):
    from vndirective.core.lines import build_layout

    layout = build_layout("Văn bản\n" + line + "\n")
    assert [layout.t(ln) for ln in layout.lines][-1] == line


LOST_KINH = (
    "ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN AN PHÚ      Độc lập - Tự do - Hạnh phúc\n"
    "Số: 12/UBND-VP      An Phú, ngày 14 tháng 5 năm 2024\nV/v sửa chữa đường liên xã\n"
    "                         gửi:\n"
    "                              - Ủy ban nhân dân các xã;\n                              - Phòng Kinh tế.\n\n"
    "Ủy ban nhân dân huyện đề nghị các xã rà soát tuyến đường và báo cáo trước ngày 10/5.\n\n"
)


@pytest.mark.parametrize(("read_by_ocr", "recipients"), [(True, ["Ủy ban nhân dân các xã", "Phòng Kinh tế"]), (False, [])])
def test_a_recipients_label_whose_first_word_ocr_lost_still_opens_the_list(read_by_ocr, recipients):
    from vndirective.core.lines import build_layout
    from vndirective.core.pipeline import parse_layout

    layout = build_layout(LOST_KINH + CLOSING.format(block=BLOCK))
    layout.read_by_ocr = read_by_ocr
    d = parse_layout(layout)
    assert d.recipients == recipients  # a text layer's lone 'gửi:' is left as it was: OCR is what loses words
    if read_by_ocr:
        assert d.subject == "sửa chữa đường liên xã"


MARGIN_STAMP = (
    "ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN AN PHÚ      Độc lập - Tự do - Hạnh phúc\n"
    "Số: 12/UBND-VP      An Phú, ngày 14 tháng 5 năm 2024\nV/v sửa chữa đường liên xã\n"
    "                         Kính gửi:\n"
    "{stamp}"
    "                              - Ủy ban nhân dân các xã;\n                              - Phòng Kinh tế.\n\n"
    "Ủy ban nhân dân huyện đề nghị các xã rà soát tuyến đường và báo cáo trước ngày 10/5.\n\n"
)


@pytest.mark.parametrize(
    ("stamp", "read_by_ocr", "recipients"),
    [
        ("  CÔNG THÔNG TIN ĐIỆN TỬ\n", True, ["Ủy ban nhân dân các xã", "Phòng Kinh tế"]),  # a received stamp at the margin
        ("", True, ["Ủy ban nhân dân các xã", "Phòng Kinh tế"]),
        ("                              Ban Quản lý dự án\n", True, ["Ban Quản lý dự án", "Ủy ban nhân dân các xã", "Phòng Kinh tế"]),
    ],
    ids=["margin-stamp", "no-stamp", "unbulleted-item-in-the-list"],
)
def test_words_at_the_margin_beside_an_ocr_read_list_are_no_recipient(stamp, read_by_ocr, recipients):
    from vndirective.core.lines import build_layout
    from vndirective.core.pipeline import parse_layout

    layout = build_layout(MARGIN_STAMP.format(stamp=stamp) + CLOSING.format(block=BLOCK))
    layout.read_by_ocr = read_by_ocr
    assert parse_layout(layout).recipients == recipients


@pytest.mark.parametrize(
    ("after", "subject"),
    [
        # the start of 'Kính gửi các cơ quan, đơn vị:' lost under a stamp: the rest, at the body's margin, is no subject
        ("              quan, đơn vị: Phòng Kinh tế, Phòng Tài chính\n", "tăng cường công tác phòng cháy trên địa bàn huyện An Phú"),
        # a subject's last line, short and centred, is still the subject
        ("                                          năm 2024\n", "tăng cường công tác phòng cháy trên địa bàn huyện An Phú năm 2024"),
    ],
    ids=["body-margin", "centred-last-line"],
)
def test_a_centred_subject_ends_at_a_line_that_is_not_centred(after, subject):
    text = CENTRED_SUBJECT.format(first="Về việc tăng cường công tác phòng cháy", margin="").rstrip("\n") + "\n" + after + "\n"
    d = vndirective.parse_text(text + BODY + CLOSING.format(block=BLOCK))
    assert d.subject == subject


@pytest.mark.parametrize(
    ("mark", "authority", "on_behalf_of"),
    [("1L. CHỦ TỊCH", "T/L", "CHỦ TỊCH"), ("1M. ỦY BAN NHÂN DÂN", "T/M", "ỦY BAN NHÂN DÂN"), ("TL. CHỦ TỊCH", "T/L", "CHỦ TỊCH")],
)
def test_an_authority_mark_whose_t_ocr_read_as_1_is_still_the_mark(mark, authority, on_behalf_of):
    block = f"{mark}\nCHÁNH VĂN PHÒNG\n\nLê Văn Hòa"
    d = vndirective.parse_text(HEADER.format(date="An Phú, ngày 14 tháng 5 năm 2024") + BODY + CLOSING.format(block=block))
    assert d.signature is not None
    assert (d.signature.authority, d.signature.on_behalf_of, d.signature.title) == (authority, on_behalf_of, "CHÁNH VĂN PHÒNG")


GLUED_BULLETS = "Nơi nhận:\n-Như trên;\n~Thường trực Huyện ủy;\n-Các phòng, ban;\n-Lưu: VT.\n\n{block}\n"


def test_bullets_glued_to_the_item_or_read_as_a_tilde_still_open_items():
    d = vndirective.parse_text(HEADER.format(date="An Phú, ngày 14 tháng 5 năm 2024") + BODY + GLUED_BULLETS.format(block=BLOCK))
    assert [i.recipient for i in d.distribution] == ["Như trên", "Thường trực Huyện ủy", "Các phòng, ban", "Lưu: VT"]
