"""Matching views keep the length of the text, so spans stay true."""

from __future__ import annotations

import datetime as dt

import pytest

from vndirective.core.normalize import fold, key, prepare, skeleton


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("hoà bình", "hòa bình"),
        ("Uỷ ban", "Ủy ban"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ", "khỏe"),
        ("quý", "quý"),  # qu + y: the same in both styles
        ("hoàn thành", "hoàn thành"),  # closed syllable: unchanged
        ("Ð", "Đ"),
        ("37–QĐ/TW", "37-QĐ/TW"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(("text", "folded"), [("Uỷ ban hoà giải, quý, khoẻ – Ð\u00a0", "Ủy ban hòa giải, quý, khỏe - Đ "), ("hoàn thành ", "hoàn thành ")])
def test_fold_long_text_same_as_short(text, folded):
    """A text of 200 characters or more is scanned another way (one pattern per letter): same result."""
    filler = "x " * 150
    assert fold(filler + text + filler) == filler + folded + filler
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("CHU TICH", "CHU TICH", True),
        ("GHU TICH", "CHU TICH", True),  # one letter changed
        ("CHU TICH", "CHUTICH", True),  # one dropped
        ("CHU TICH", "CHU TICHX", True),  # one added
        ("CHU TICH", "CHU TCIH", False),  # two changed (a swap)
        ("PHO CHU TICH", "CHU TICH", False),
        ("", "A", True),
        ("AB", "BA", False),
    ],
)
def test_one_edit_apart(a, b, near):
    from vndirective.core.codes import one_edit_apart

    assert one_edit_apart(a, b) is near
    assert one_edit_apart(b, a) is near


@pytest.mark.parametrize(
    ("text", "skel"),
    [("ĐẢNG CỘNG SẢN VIỆT NAM", "DANG CONG SAN VIET NAM"), ("ĐÁNG", "DANG"), ("Số: 34", "SO: 34"), ("ß", "ß")],
)
def test_skeleton(text, skel):
    assert skeleton(text) == skel
    assert len(skeleton(text)) == len(text)


def test_prepare_nfc_bom_crlf():
    import unicodedata

    raw = "\ufeff" + unicodedata.normalize("NFD", "Huyện ủy") + "\r\nx\ry"
    assert prepare(raw) == "Huyện ủy\nx\ny"


def test_key_collapses_space_and_tone_placement():
    assert key("  HUYỆN  UỶ\nLỤC NGẠN ") == key("HUYỆN ỦY LỤC NGẠN")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Uû ban nh©n d©n tØnh Hµ Giang. §¶ng bé tØnh. Thùc hiÖn c«ng v¨n sè 12 cña Bé Tµi chÝnh", "TCVN3"),
        ("UÛy ban nhaân daân tænh Haø Giang. Thöïc hieän coâng vaên soá 12 cuûa Boä Taøi chính. Ñaûng boä tænh coâng taùc", "VNI"),
        ("Ủy ban nhân dân tỉnh Hà Giang. Đảng bộ tỉnh. Thực hiện công văn số 12 của Bộ Tài chính", None),
        ("The quick brown fox © 2024 ® ¶ µ", None),
    ],
)
def test_legacy_encoding_detection(text, encoding):
    from vndirective.core.legacy import detect

    assert detect(text) == encoding


@pytest.mark.parametrize(
    ("raw", "prepared"),
    [("a\x00b", "a b"), ("a\u2028b", "a\nb"), ("a\u200bb", "ab"), ("a\r\nb\rc", "a\nb\nc"), ("\ufeffa", "a"), ("a\x0cb", "a\x0cb")],
)
def test_prepare_cleans_invisible_and_control_characters(raw, prepared):
    assert prepare(raw) == prepared


@pytest.mark.parametrize(
    ("legacy_text", "unicode_text", "encoding"),
    [
        ("§¶NG Bé TØNH B¾C GIANG", "ĐẢNG BỘ TỈNH BẮC GIANG", "TCVN3"),  # capitals typed in a .VnTimeH font
        ("Uû ban nh©n d©n tØnh, ngµy 20 th¸ng 6 n¨m 2021", "Uỷ ban nhân dân tỉnh, ngày 20 tháng 6 năm 2021", "TCVN3"),
        ("M\u00adêng Kh\u00ad¬ng, Sè 334-CV/HU", "Mường Khương, Số 334-CV/HU", "TCVN3"),  # ư is a soft hyphen in TCVN3
        ("ÑAÛNG BOÄ TÆNH BAÉC GIANG", "ĐẢNG BỘ TỈNH BẮC GIANG", "VNI"),
        ("Thöïc hieän coâng vaên soá 12 cuûa Boä Taøi chính", "Thực hiện công văn số 12 của Bộ Tài chính", "VNI"),
    ],
)
def test_legacy_conversion(legacy_text, unicode_text, encoding):
    from vndirective.core.legacy import convert

    assert convert(legacy_text, encoding) == unicode_text


def test_legacy_document_is_converted_and_parsed(tmp_path):
    import vndirective

    text = (
        "TØNH ñY B¾C GIANG\n*\nSè 105-KL/TU\n§¶NG CéNG S¶N VIÖT NAM\nB¾c Giang, ngµy 15 th¸ng 6 n¨m 2021\n\n"
        "KÕT LUËN\ncña Ban ChÊp hµnh §¶ng bé tØnh vÒ thùc hiÖn môc tiªu kÐp\n\n"
        "Thùc hiÖn NghÞ quyÕt sè 25-NQ/TU ngµy 05/01/2021 cña Ban ChÊp hµnh §¶ng bé tØnh, yªu cÇu:\n1. Mét.\n2. Hai.\n"
    )
    path = tmp_path / "kl105.txt"
    path.write_bytes(text.encode("cp1252"))  # an 8-bit file, as old archives hold them
    d = vndirective.parse(path)
    assert (d.issuer, d.doc_id, d.date, d.doc_type) == ("TỈNH ỦY BẮC GIANG", "105-KL/TU", dt.date(2021, 6, 15), "KL")
    assert [r.doc_id for r in d.references] == ["25-NQ/TU"]
    assert any("TCVN3" in w.message for w in d.warnings)
