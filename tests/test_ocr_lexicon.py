"""The tone marks OCR loses over a hat, put back with underthesea's word list (readers/ocr_lexicon.py): made-up
sentences, the repairs that must happen, the correct words that must stay, and the reader that applies it
(OCR only: a text layer or a Word file is never changed)."""

from __future__ import annotations

from pathlib import Path

import pytest

import vndirective
from vndirective.readers import ocr, ocr_lexicon
from vndirective.readers.ocr_lexicon import find_repairs, repair_tones, tone_variants

from .pdf_fixtures import pdf_with_lines

needs_word_list = pytest.mark.skipif(ocr_lexicon.word_list_path() is None, reason="underthesea's word list is not installed (pip install 'vndirective[ocr]')")


@needs_word_list
@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        ("Ủy ban nhân dân huyện công bô danh mục thủ tục.", "Ủy ban nhân dân huyện công bố danh mục thủ tục."),
        ("Đề nghị các phòng gửi ý kiên góp ý.", "Đề nghị các phòng gửi ý kiến góp ý."),
        ("Kêt luận của Chủ tịch tại buổi làm việc", "Kết luận của Chủ tịch tại buổi làm việc"),  # capitalised at the line's start
        ("- Sở Kế hoạch và Đâu tư;", "- Sở Kế hoạch và Đầu tư;"),  # capitalised in an organ's name
        ("Văn phòng tông hợp, báo cáo.", "Văn phòng tổng hợp, báo cáo."),
        ("các xã, thị trân và thành phô trực thuộc", "các xã, thị trấn và thành phố trực thuộc"),
        ("KÊT QUẢ THỰC HIỆN NHIỆM VỤ", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ"),  # capitals kept
        ("Giao phòng chủ trì tô chức hội nghị sơ kết.", "Giao phòng chủ trì tổ chức hội nghị sơ kết."),
        ("thực hiện đây đủ các bước", "thực hiện đầy đủ các bước"),
        ("Đôi với các hộ gia đình khó khăn", "Đối với các hộ gia đình khó khăn"),
        ("chủ động phát triên sản xuất\nhàng hóa", "chủ động phát triển sản xuất\nhàng hóa"),
        ("đơn vị có thẩm quyên giải quyết", "đơn vị có thẩm quyền giải quyết"),
    ],
)
def test_a_lost_tone_mark_is_put_back(read: str, fixed: str):
    assert repair_tones(read) == (fixed, sum(a != b for a, b in zip(read.split(), fixed.split(), strict=True)))


@needs_word_list
@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành triển khai thực hiện.",  # correct text: nothing to do
        "Đồng chí Trương Công Hậu, Phó Chủ tịch.",  # a name: 'Công' is no 'Cổng' beside a capitalised syllable
        "Cục Cảnh sát Bộ Công an hướng dẫn.",  # 'Công' belongs with 'an'
        "Kế hoạch này không chỉ nêu nhiệm vụ.",  # a word that stands alone ('không'), never 'khống chỉ'
        "Cán bộ được phân công, nhưng là người của đơn vị khác.",  # a function word ('nhưng'), never 'những là'
        "Mỗi chi bộ có sổ ghi biên bản họp.",  # read with a tone: never changed ('sổ' stays)
        "Tổ chức tiếp dân định kỳ; lịch tiếp dân gửi các xã; dân được báo trước.",  # the text uses 'dân' again and again
        "Người dân sống dọc bên Tàu bè qua lại.",  # a capital inside the compound starts a name: not 'bến tàu'
        "chuyên môn, chuyên đề, chuyên viên",  # 'chuyên' forms compounds as it is read
        "bảo vệ, vê tròn",  # no variant of 'vê' fits beside its neighbours alone
        "Tòa nhà số 1 đường Lê Lợi, phường Hồng Hà.",
    ],
)
def test_correct_words_stay(text: str):
    assert repair_tones(text) == (text, 0)


@needs_word_list
def test_a_misreading_across_a_line_end_is_not_paired_with_the_next_line():
    # the line below may be another column: 'phô' on its own line end, the compound's other half below, is left alone
    assert repair_tones("thành\nphô") == ("thành\nphô", 0)
    # but a compound across the line end protects its syllables
    assert repair_tones("có thẩm\nquyền quyết định") == ("có thẩm\nquyền quyết định", 0)


@needs_word_list
def test_the_repair_keeps_the_length_and_every_other_character():
    text = "V/v công bô  danh mục (TTHC) — thành phô, ý kiên;\n\fKêt luận: 12/KL-UBND và Đâu tư 2025."
    fixed, count = repair_tones(text)
    assert count == 5
    assert len(fixed) == len(text)
    changed = [(a, b) for a, b in zip(text, fixed, strict=True) if a != b]
    assert changed == [("ô", "ố"), ("ô", "ố"), ("ê", "ế"), ("ê", "ế"), ("â", "ầ")]


@needs_word_list
def test_each_repair_names_where_and_what():
    [repair] = find_repairs("Quyết định công bô")
    assert (repair.offset, repair.read, repair.fixed) == (16, "bô", "bố")


@pytest.mark.parametrize(
    ("syllable", "some", "count"),
    [
        ("bô", {"bố", "bồ", "bổ", "bỗ"}, 4),  # one vowel, four tones above it
        ("kiên", {"kiến", "kiền", "kiển", "kiễn"}, 8),  # two vowels: every tone on each
        ("hoa", set(), 0),  # no hat: OCR keeps a plain vowel's tone
        ("bố", set(), 0),  # a tone already
        ("hội", set(), 0),  # a dot below
        ("Chuyên", {"chuyển"}, 12),  # keys are lower case
        ("nghiêngg", set(), 0),  # longer than any syllable
        ("façade", set(), 0),  # no Vietnamese syllable
    ],
)
def test_tone_variants(syllable: str, some: set[str], count: int):
    variants = tone_variants(syllable)
    assert some <= set(variants)
    assert len(variants) == len(set(variants)) == count
    assert all(len(v) == len(syllable) for v in variants)


def test_without_the_word_list_nothing_changes(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ocr_lexicon, "lexicon", lambda: frozenset())
    assert repair_tones("công bô danh mục") == ("công bô danh mục", 0)


def test_a_word_list_of_ones_own(monkeypatch: pytest.MonkeyPatch):
    words = ocr_lexicon.compounds(["công bố", "danh mục", "bố"])  # one-syllable entries are not compounds
    assert words == frozenset({"công bố", "danh mục"})
    assert repair_tones("công bô danh mục", words) == ("công bố danh mục", 1)


def test_the_word_list_is_found_without_importing_underthesea(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ocr_lexicon, "PACKAGE", "no_such_package_for_vndirective")
    assert ocr_lexicon._package_file(ocr_lexicon.WORD_LIST) is None


@needs_word_list
def test_a_text_layer_or_a_word_file_is_never_repaired(tmp_path: Path):
    text = "ỦY BAN NHÂN DÂN\nHUYỆN AN PHÚ\nSố: 12/TB-UBND\n\nTHÔNG BÁO\nKêt luận của Chủ tịch về việc công bô danh mục\n\nKính gửi: Sở Kế hoạch và Đâu tư.\n"
    assert repair_tones(text)[1] == 3  # what OCR'd text would have repaired
    assert vndirective.parse_text(text).text == text
    path = tmp_path / "tb.txt"
    path.write_text(text, "utf-8")
    assert vndirective.parse(path).text == text
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(tmp_path / "tb.docx")
    parsed = vndirective.parse(tmp_path / "tb.docx")
    assert "Kêt luận" in parsed.text and "công bô" in parsed.text and "Đâu tư" in parsed.text
    assert "ocr_tone_marks" not in {w.code for w in parsed.warnings}


@needs_word_list
def test_the_ocr_reader_repairs_its_text_and_keeps_the_boxes(monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("pypdfium2")
    lines = [["Quyết", "định", "công", "bô", "danh", "mục"], ["Kêt", "luận", "của", "Chủ", "tịch."]]
    words = []
    for row, line in enumerate(lines):
        x = 40.0
        for w in line:
            words.append({"text": w, "x0": x, "x1": x + 6 * len(w), "top": 40.0 + 16 * row, "bottom": 52.0 + 16 * row, "conf": 95.0, "ink_top": 40.0 + 16 * row, "ink_bottom": 52.0 + 16 * row})
            x += 6 * len(w) + 5
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "_ocr_page", lambda *args: (words, 600.0))
    layout = ocr.ocr_pdf(pdf_with_lines(["x"]), "scan.pdf")
    assert [line.strip() for line in layout.text.splitlines()] == ["Quyết định công bố danh mục", "Kết luận của Chủ tịch."]
    assert layout.boxes  # the same length: every word keeps its box
    codes = [w.code for w in layout.warnings]
    assert codes[:2] == ["ocr", "ocr_tone_marks"]
    assert "2 word(s)" in layout.warnings[1].message


def test_the_ocr_reader_without_the_word_list_gives_the_text_as_read(monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("pypdfium2")
    words = [{"text": w, "x0": 40.0 + 40 * k, "x1": 70.0 + 40 * k, "top": 40.0, "bottom": 52.0, "conf": 95.0, "ink_top": 40.0, "ink_bottom": 52.0} for k, w in enumerate(["công", "bô", "danh", "mục"])]
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "_ocr_page", lambda *args: (words, 600.0))
    monkeypatch.setattr(ocr_lexicon, "lexicon", lambda: frozenset())
    layout = ocr.ocr_pdf(pdf_with_lines(["x"]), "scan.pdf")
    assert "công bô" in layout.text
    assert "ocr_tone_marks" not in [w.code for w in layout.warnings]


@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        ("- Công TTĐT tỉnh;", "- Cổng TTĐT tỉnh;"),  # a portal in a Nơi nhận list
        ("- Công Thông tin điện tử Chính phủ;", "- Cổng Thông tin điện tử Chính phủ;"),
        ("CÔNG THÔNG TIN ĐIỆN TỬ", "CỔNG THÔNG TIN ĐIỆN TỬ"),
        ("- Đ/c Giám đốc (đê b/c);", "- Đ/c Giám đốc (để b/c);"),  # 'để' before a copy's purpose
        ("- Các phòng (Đê th/hiện);", "- Các phòng (Để th/hiện);"),
        ("- Công ty TNHH An Phú;", "- Công ty TNHH An Phú;"),  # no phrase: left alone
        ("- Cổng TTĐT tỉnh;", "- Cổng TTĐT tỉnh;"),
        ("bồi đắp con đê báo hiệu mùa lũ", "bồi đắp con đê báo hiệu mùa lũ"),  # 'báo hiệu' is no purpose
    ],
)
def test_a_fixed_phrase_read_without_its_tone_gets_it_back_without_a_word_list(read: str, fixed: str, monkeypatch):
    monkeypatch.setattr(ocr_lexicon, "lexicon", lambda: frozenset())  # the phrases need no word list
    assert repair_tones(read) == (fixed, int(read != fixed))


@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        ("- Đ/c Bộ trưởng (đề báo cáo);", "- Đ/c Bộ trưởng (để báo cáo);"),  # another tone, right after '('
        ("- Các sở (Đề th/hiện);", "- Các sở (Để th/hiện);"),
        ("giải quyết vấn đề báo cáo chậm", "giải quyết vấn đề báo cáo chậm"),  # a word of a sentence: left alone
    ],
)
def test_a_purpose_opening_a_parenthesis_is_de_whatever_tone_ocr_gave_it(read: str, fixed: str, monkeypatch):
    monkeypatch.setattr(ocr_lexicon, "lexicon", lambda: frozenset())
    assert repair_tones(read) == (fixed, int(read != fixed))
