"""Matching views keep the length of the text, so spans stay true."""

from __future__ import annotations

import pytest

from vndirective.normalize import fold, key, prepare, skeleton


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
    from vndirective.legacy import detect

    assert detect(text) == encoding


@pytest.mark.parametrize(
    ("raw", "prepared"),
    [("a\x00b", "a b"), ("a\u2028b", "a\nb"), ("a\u200bb", "ab"), ("a\r\nb\rc", "a\nb\nc"), ("\ufeffa", "a"), ("a\x0cb", "a\x0cb")],
)
def test_prepare_cleans_invisible_and_control_characters(raw, prepared):
    assert prepare(raw) == prepared
