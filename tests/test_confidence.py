"""OCR confidence per value: made-up OCR pages (words with Tesseract's confidence) parsed as the OCR reader lays them out."""

from __future__ import annotations

import datetime as dt

import pytest

from vndirective.core.confidence import UNSURE, span_confidence
from vndirective.core.lines import build_layout
from vndirective.core.model import Box, DigitalSignature, Span
from vndirective.core.pipeline import parse_layout
from vndirective.readers.ocr import tsv_words
from vndirective.readers.words import render_page

SURE = 95.0


def _page(lines: list[list[tuple[str, float]]], width: float = 600.0, reread=None, signed: list[str] | None = None):
    """A Layout of OCR words: each line a list of (word, confidence), left column at x=40, right column past x=330 when a word starts with '>';
    ``signed``: the times (ISO, with their offset) of the file's digital signatures."""
    words = []
    for row, line in enumerate(lines):
        x = 40.0
        for text, conf in line:
            if text.startswith(">"):
                text, x = text[1:], 330.0
            words.append({"text": text, "x0": x, "x1": x + 6 * len(text), "top": 40.0 + 16 * row, "bottom": 52.0 + 16 * row, "conf": conf})
            x += 6 * len(text) + 5
    text, boxes = render_page(words, width)
    layout = build_layout(text)
    assert layout.text == text
    layout.boxes, layout.read_by_ocr, layout.reread = boxes, True, reread
    layout.digital_signatures = [DigitalSignature(signed_at=dt.datetime.fromisoformat(t)) for t in signed or []]
    return parse_layout(layout)


def _sure(text: str) -> list[tuple[str, float]]:
    return [(w, SURE) for w in text.split()]


def _letter(number: tuple[str, float], day: tuple[str, float], reread=None):
    return _page(reread=reread, lines=[
        [*_sure("ỦY BAN NHÂN DÂN"), (">CỘNG", SURE), *_sure("HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
        [*_sure("TỈNH QUẢNG NGÃI"), (">Độc", SURE), *_sure("lập - Tự do - Hạnh phúc")],
        [("Số:", SURE), number],
        [*_sure("V/v triển khai nhiệm vụ"), (">Quảng", SURE), *_sure("Ngãi,"), ("ngày", SURE), day, *_sure("tháng 3 năm 2025")],
        _sure("Kính gửi: Các sở, ban, ngành tỉnh."),
        _sure("1. Triển khai thực hiện nhiệm vụ được giao."),
        [*_sure("Nơi nhận:"), (">CHỦ", SURE), ("TỊCH", SURE)],
        [*_sure("- Như trên;"), (">Nguyễn", SURE), ("Văn", SURE), ("An", SURE)],
        _sure("- Lưu: VT."),
    ])


@pytest.mark.parametrize(
    ("number", "day", "want_number", "want_date", "unsure"),
    [
        (("299/UBND-TTHC", 91.0), ("12", 93.0), "299", "2025-03-12", set()),
        (("899/UBND-TTHC", 16.4), ("12", 93.0), None, "2025-03-12", {"number"}),  # a handwritten 2 read as 8, unsure
        (("299/UBND-TTHC", 91.0), ("17", 30.0), "299", None, {"date"}),  # the day written in by hand
        (("60/UBND-TTHC", 0.3), ("7", 12.0), None, None, {"number", "date"}),
    ],
    ids=["sure", "number_unsure", "day_unsure", "both_unsure"],
)
def test_an_unsure_number_or_date_is_withheld_with_its_reading(number, day, want_number, want_date, unsure):
    d = _letter(number, day)
    assert d.number == want_number
    assert (d.date.isoformat() if d.date else None) == want_date
    if want_number is None:
        assert d.doc_id is None  # the id carries the number
    else:
        assert d.doc_id == number[0]
    withheld = [w for w in d.warnings if w.code == "ocr_unsure"]
    assert {w.message.split("of the ")[1].split(" (")[0] for w in withheld} == unsure
    assert all(f"'{number[0].split('/')[0]}'" in w.message for w in withheld if "the number" in w.message)  # what was read, for a person to check
    assert d.confidence["number"] == pytest.approx(number[1] / 100)
    assert d.confidence["issuer"] == pytest.approx(SURE / 100)
    assert d.to_dict()["confidence"] == d.confidence


def test_a_text_layer_has_no_confidence():
    from vndirective import parse_text

    d = parse_text("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 899/UBND-TTHC\nQuảng Ngãi, ngày 12 tháng 3 năm 2025\n")
    assert d.confidence == {} and d.number == "899"


@pytest.mark.parametrize(
    ("span", "boxes", "want"),
    [
        (Span(0, 5), [Box(0, 3, 1, 0, 0, 1, 1, 90.0), Box(4, 5, 1, 0, 0, 1, 1, 40.0)], 0.4),  # the least sure word
        (Span(0, 3), [Box(0, 3, 1, 0, 0, 1, 1, 90.0), Box(4, 5, 1, 0, 0, 1, 1, 40.0)], 0.9),  # words outside the span do not count
        (Span(0, 3), [Box(0, 3, 1, 0, 0, 1, 1)], None),  # a text layer's word
        (Span(0, 3), [], None),
    ],
)
def test_span_confidence(span, boxes, want):
    assert span_confidence(span, boxes) == want


def test_tesseract_tsv_keeps_each_words_confidence():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = ["5\t1\t1\t1\t1\t1\t100\t100\t50\t20\t16.37\t899/UBND", "5\t1\t1\t1\t1\t2\t160\t100\t30\t20\t-1\tx"]
    words = tsv_words("\n".join([header, *rows]), 300 / 72)
    assert [(w["text"], w["conf"]) for w in words] == [("899/UBND", 16.37), ("x", 0.0)]


def test_the_threshold_is_between_what_ocr_reads_right_and_wrong():
    # Tesseract 4.1 on the signed scans of ../shared/realfiles: printed numbers read right at 85-97, handwritten ones read wrong at 0.3-16
    assert 0.17 < UNSURE < 0.84


@pytest.mark.parametrize(
    ("second", "want_number", "want_id", "code"),
    [
        (("660", 96.7), "660", "660/UBND-TTHC", "ocr_reread"),  # the digits read again, sure: taken, with a warning
        (("899", 36.9), None, None, "ocr_unsure"),  # still unsure: withheld
        (("66O", 97.0), None, None, "ocr_unsure"),  # not digits
        (None, None, None, "ocr_unsure"),  # nothing read again
    ],
    ids=["sure_again", "unsure_again", "not_digits", "nothing"],
)
def test_an_unsure_number_is_read_again_digits_only(second, want_number, want_id, code):
    asked = []

    def reread(start, end):
        asked.append((start, end))
        return second

    d = _letter(("60/UBND-TTHC", 0.3), ("12", 93.0), reread=reread)
    assert (d.number, d.doc_id) == (want_number, want_id)
    assert [w.code for w in d.warnings if w.code.startswith("ocr_")] == [code]
    assert [d.text[start:end] for start, end in asked] == ["60"]  # the number's characters, not the whole word
    if want_number:
        assert d.confidence["number"] == pytest.approx(0.967)


def test_tesseract_tsv_digits():
    from vndirective.readers.ocr import tsv_digits

    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    assert tsv_digits("\n".join([header, "5\t1\t1\t1\t1\t1\t22\t22\t144\t56\t96.69\t660"])) == ("660", 96.69)
    assert tsv_digits("\n".join([header, "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t40\t6", "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t90\t60"])) == ("660", 40.0)
    assert tsv_digits(header) is None


@pytest.mark.parametrize(
    ("readings", "want"),
    [
        (["660"] * 8 + [None], ("660", 88.9)),  # a handwritten 660 at 9 scales and margins (../shared tb-660)
        (["92", "492", "498", "92", "499", "499", "92", "92", "499"], None),  # a handwritten 299: the readings differ
        (["05", "08", "05", "05", "65", "05", "05", "05", "05"], None),  # one reading otherwise is enough to refuse
        (["2", None, None, None, None, None, None, None, None], None),  # too few readings
        ([], None),
    ],
)
def test_digits_read_again_count_only_when_every_reading_agrees(readings, want):
    from vndirective.readers.ocr import agreed

    assert agreed(readings) == want


def _dated(date_words: list[tuple[str, float]], reread=None, signed: list[str] | None = None):
    return _page(reread=reread, signed=signed, lines=[
        [*_sure("ỦY BAN NHÂN DÂN"), (">CỘNG", SURE), *_sure("HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
        [*_sure("TỈNH QUẢNG NGÃI"), (">Độc", SURE), *_sure("lập - Tự do - Hạnh phúc")],
        [("Số:", SURE), ("299/UBND-TTHC", SURE)],
        [*_sure("V/v triển khai nhiệm vụ"), (">Quảng", SURE), ("Ngãi,", SURE), *date_words],
        _sure("Kính gửi: Các sở, ban, ngành tỉnh."),
    ])


@pytest.mark.parametrize(
    ("words", "second", "want", "codes"),
    [
        # OCR unsure of 'tháng' and 'năm', sure of the digits: the date stands
        ([("ngày", SURE), ("12", SURE), ("tháng", 20.0), ("3", SURE), ("năm", 25.0), ("2025", SURE)], None, "2025-03-12", []),
        # a handwritten day read again, every attempt agreeing: taken
        ([("ngày", SURE), ("3", 37.7), ("tháng", SURE), ("12", SURE), ("năm", SURE), ("2024", SURE)], ("31", 88.9), "2024-12-31", ["ocr_reread"]),
        # read again without agreement: withheld
        ([("ngày", SURE), ("3", 37.7), ("tháng", SURE), ("12", SURE), ("năm", SURE), ("2024", SURE)], None, None, ["ocr_unsure"]),
        # read again as a day that does not exist in that month: withheld
        ([("ngày", SURE), ("3", 37.7), ("tháng", SURE), ("2", SURE), ("năm", SURE), ("2024", SURE)], ("31", 90.0), None, ["ocr_unsure"]),
    ],
    ids=["words_unsure_digits_sure", "day_read_again", "day_unsure", "impossible_day"],
)
def test_a_date_is_judged_by_its_digits(words, second, want, codes):
    d = _dated(words, reread=lambda start, end: second)
    assert (d.date.isoformat() if d.date else None) == want
    assert [w.code for w in d.warnings if w.code.startswith("ocr_")] == codes


def test_an_unsure_name_or_title_is_given_as_read_with_a_warning():
    d = _page([
        [*_sure("ỦY BAN NHÂN DÂN"), (">CỘNG", SURE), *_sure("HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
        [*_sure("TỈNH QUẢNG NGÃI"), (">Độc", SURE), *_sure("lập - Tự do - Hạnh phúc")],
        [("Số:", SURE), ("299/UBND-TTHC", SURE), (">Quảng", SURE), ("Ngãi,", SURE), *_sure("ngày 12 tháng 3 năm 2025")],
        _sure("Kính gửi: Các sở, ban, ngành tỉnh."),
        _sure("1. Triển khai thực hiện nhiệm vụ được giao."),
        [*_sure("Nơi nhận:"), (">KT.", SURE), ("CHỦ", SURE), ("TỊCH", SURE)],
        [*_sure("- Như trên;"), (">PHÓ", SURE), ("CHỦ", 31.0), ("TỊCH", SURE)],
        [*_sure("- Lưu: VT."), (">Nguyễn", SURE), ("Văn", SURE), ("An", SURE)],
    ])
    assert d.signature is not None and d.signature.title == "PHÓ CHỦ TỊCH"  # kept
    flagged = [w for w in d.warnings if w.code == "ocr_unsure_text"]
    assert len(flagged) == 1 and "signature.title" in flagged[0].message and "31 %" in flagged[0].message


@pytest.mark.parametrize(
    ("words", "second", "signed", "want", "codes"),
    [
        # a handwritten day OCR made nothing of, read again digits only with every attempt agreeing: taken
        ([("ngày", SURE), ("⁄|Š", 20.0), ("tháng", SURE), ("3", SURE), ("năm", SURE), ("2025", SURE)], ("12", 90.0), [], "2025-03-12", ["ocr_reread"]),
        # ... the attempts disagreeing: no date, the warning says it cannot be read
        ([("ngày", SURE), ("⁄|Š", 20.0), ("tháng", SURE), ("3", SURE), ("năm", SURE), ("2025", SURE)], None, [], None, ["unreadable_date"]),
        # the day and the month both garbled, both read again
        ([("ngày", SURE), ("|2", 20.0), ("tháng", SURE), ("#", 10.0), ("năm", SURE), ("2025", SURE)], ("4", 90.0), [], "2025-04-04", ["ocr_reread", "ocr_reread"]),
        # a sure reading after the file's last signature: wrong, withheld
        (_sure("ngày 21 tháng 3 năm 2025"), None, ["2025-03-12T09:30:00+07:00", "2025-03-13T08:00:00+07:00"], None, ["date_after_signing"]),
        # dated the day before it was signed, or the day itself: kept
        (_sure("ngày 12 tháng 3 năm 2025"), None, ["2025-03-13T08:00:00+07:00"], "2025-03-12", []),
        (_sure("ngày 13 tháng 3 năm 2025"), None, ["2025-03-13T08:00:00+07:00"], "2025-03-13", []),
        # a day read again that the signature shows wrong
        ([("ngày", SURE), ("⁄|Š", 20.0), ("tháng", SURE), ("3", SURE), ("năm", SURE), ("2025", SURE)], ("28", 90.0), ["2025-03-13T08:00:00+07:00"], None,
         ["ocr_reread", "date_after_signing"]),
    ],
    ids=["day_read_again", "day_not_read", "day_and_month_read_again", "after_signing", "day_before_signing", "signing_day", "read_again_after_signing"],
)
def test_a_date_ocr_could_not_read_is_read_again_and_checked_against_the_signatures(words, second, signed, want, codes):
    d = _dated(words, reread=lambda start, end: second, signed=signed)
    assert (d.date.isoformat() if d.date else None) == want
    assert [w.code for w in d.warnings if w.code in {"ocr_reread", "ocr_unsure", "unreadable_date", "date_after_signing", "blank_date"}] == codes


def _numbered(number_words: list[tuple[str, float]], reread=None):
    return _page(reread=reread, lines=[
        [*_sure("ỦY BAN NHÂN DÂN"), (">CỘNG", SURE), *_sure("HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
        [*_sure("TỈNH QUẢNG NGÃI"), (">Độc", SURE), *_sure("lập - Tự do - Hạnh phúc")],
        [("Số:", SURE), *number_words, (">Quảng", SURE), ("Ngãi,", SURE), *_sure("ngày 12 tháng 3 năm 2025")],
        _sure("V/v triển khai nhiệm vụ"),
        _sure("Kính gửi: Các sở, ban, ngành tỉnh."),
    ])


@pytest.mark.parametrize(
    ("words", "second", "want", "codes"),
    [
        # a handwritten number OCR made marks of, read again digits only, every attempt agreeing: taken with its symbol
        ([("$+/UBND-KTTH", 12.0)], ("574", 88.9), ("574", "574/UBND-KTTH"), ["ocr_reread"]),
        # ... the attempts disagreeing: no number, and the warning says it cannot be read (not that it is blank)
        ([("$+/UBND-KTTH", 12.0)], None, (None, None), ["unreadable_number"]),
        # a blank left blank stays a blank number, never read again
        ([("/UBND-KTTH", SURE)], ("574", 88.9), (None, None), ["blank_number"]),
    ],
    ids=["read_again", "not_read", "blank"],
)
def test_a_number_ocr_could_not_read_is_read_again(words, second, want, codes):
    d = _numbered(words, reread=lambda start, end: second)
    assert (d.number, d.doc_id) == want
    assert d.issuer == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"
    assert [w.code for w in d.warnings if w.code in {"ocr_reread", "ocr_unsure", "unreadable_number", "blank_number"}] == codes
