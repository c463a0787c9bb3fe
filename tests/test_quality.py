"""A text layer that is not the page's text (a damaged OCR layer, a wrong font map) is told from a sound one."""

from __future__ import annotations

from pathlib import Path

import pytest

from vndirective import parse
from vndirective.core.lines import build_layout
from vndirective.readers.quality import GARBLED_SHARE, MIN_WORDS, garbled_share, is_garbled

from .pdf_fixtures import pdf_with_lines

SOUND = "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do Hạnh phúc Kính gửi các sở ngành "
DAMAGED = "BØC ÔNG AN CØNG HOÀ XÃ HØI CHæN GH(A VIÆT NAM CÔNG AN TÈNH LÂM (cid:16)ÒNG (cid:16)Ùc l-p Tå do H¡nh phúc "
UNACCENTED = "UY BAN NHAN DAN TINH LAM DONG CONG HOA XA HOI CHU NGHIA VIET NAM Doc lap Tu do Hanh phuc Kinh gui "
ENGLISH = "The committee asks every department to report on the progress of the plan before the end of the month "


@pytest.mark.parametrize(
    ("text", "garbled"),
    [(SOUND * 4, False), (DAMAGED * 4, True), (UNACCENTED * 4, False), (ENGLISH * 4, False), (DAMAGED, False)],
    ids=["vietnamese", "damaged", "unaccented", "english", "too_short_to_tell"],
)
def test_a_damaged_text_layer_is_told_from_a_sound_one(text, garbled):
    assert is_garbled(text) is garbled


def test_the_shares():
    assert garbled_share(SOUND)[0] == 0.0
    share, words = garbled_share(DAMAGED)
    assert share > GARBLED_SHARE and words < MIN_WORDS
    assert garbled_share("") == (0.0, 0)


_DAMAGED_PAGE = ["BØC ÔNG AN                CØNG HOÀ XÃ HØI CHæN GH(A VIÆT NAM", "CÔNG AN TÈNH LÂM ÐÒNG   Ðùc l-p - Tå do - H¡nh phúc"] * 8
_SOUND_PAGE = ["UY BAN NHAN DAN TINH        CONG HOA XA HOI CHU NGHIA VIET NAM", "So: 12/UBND-VP   Doc lap - Tu do - Hanh phuc"] * 8


@pytest.mark.parametrize(("lines", "warned"), [(_DAMAGED_PAGE, True), (_SOUND_PAGE, False)], ids=["damaged", "sound"])
def test_a_pdf_whose_text_layer_is_damaged_says_so(tmp_path: Path, lines, warned):
    path = tmp_path / "layer.pdf"
    path.write_bytes(pdf_with_lines(lines))
    d = parse(path, ocr=False)
    assert any(w.code == "pdf_text_garbled" for w in d.warnings) is warned


def test_a_damaged_text_layer_is_read_by_ocr_when_ocr_is_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import vndirective.readers.ocr as ocr
    import vndirective.readers.pdf as pdf

    path = tmp_path / "layer.pdf"
    path.write_bytes(pdf_with_lines(_DAMAGED_PAGE))
    read = []

    def fake_ocr(data, name, password=None, limits=None):
        read.append(name)
        layout = build_layout("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nSố: 12/UBND-VP\n")
        layout.read_by_ocr = True
        return layout

    monkeypatch.setattr(ocr, "ocr_pdf", fake_ocr)
    monkeypatch.setattr(pdf, "wanted", lambda option: True)
    d = parse(path, ocr=True)
    assert read == [str(path)]
    assert d.number == "12" and "pdf_text_garbled" in [w.code for w in d.warnings]


def test_one_pattern_finds_the_same_foreign_letters_as_the_letter_test():
    from vndirective.readers.quality import _foreign, _is_letter

    foreign = _foreign()
    assert [c for c in range(0x10000) if (foreign.match(chr(c)) is None) != _is_letter(chr(c))] == []
