"""Words placed on a page laid out as text lines (readers.words.render_page): table tests on made-up words."""

from __future__ import annotations

import pytest

from vndirective.readers.words import render_page


def _word(text: str, x0: float, top: float, size: float) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 0.5 * size * len(text), "top": top, "bottom": top + size}


def _after(word: dict, text: str, top: float, size: float, gap: float = 0.0) -> dict:
    return _word(text, word["x1"] + gap, top, size)


def _line(words: list[dict]) -> list[str]:
    return [line.strip() for line in render_page(words, 600.0)[0].splitlines()]


def _subscript() -> list[dict]:
    # a drafter's code with the count of copies printed below it, smaller, against it (no space)
    store = _word("Lưu:", 100.0, 247.0, 11.0)
    code = _after(store, "KGVX", 247.0, 11.0, gap=3.0)
    return [store, code, _after(code, "VHTin507.", 251.5, 7.0)]


def _superscript() -> list[dict]:
    unit = _word("500m", 100.0, 300.0, 12.0)
    mark = _after(unit, "2", 297.0, 7.0)
    return [unit, mark, _after(mark, "đất", 300.0, 12.0, gap=3.0)]


def _apart() -> list[dict]:
    # the same small word, but a space away from the code: a word of its own
    code = _word("KGVX", 150.0, 247.0, 11.0)
    return [code, _after(code, "VHTin507.", 251.5, 7.0, gap=3.0)]


def _same_size() -> list[dict]:
    # two words of one size that touch (OCR boxes): still two words
    first = _word("Quảng", 100.0, 100.0, 12.0)
    return [first, _after(first, "Ngãi", 100.0, 12.0)]


@pytest.mark.parametrize(
    "words, lines",
    [
        (_subscript(), ["Lưu: KGVXVHTin507."]),
        (_superscript(), ["500m2 đất"]),
        (_apart(), ["KGVX", "VHTin507."]),
        (_same_size(), ["Quảng Ngãi"]),
    ],
    ids=["subscript", "superscript", "apart", "same-size"],
)
def test_scripts_join_the_word_they_are_written_against(words, lines):
    assert _line(words) == lines


def test_every_word_keeps_its_box_when_scripts_join():
    words = _subscript()
    text, boxes = render_page(words, 600.0)
    assert len(boxes) == len(words)
    assert [text[b.start:b.end] for b in boxes] == ["Lưu:", "KGVX", "VHTin507."]


def _row(texts: list[str], top: float, x0: float = 100.0, size: float = 13.0) -> list[dict]:
    words, x = [], x0
    for text in texts:
        words.append(_word(text, x, top, size))
        x = words[-1]["x1"] + 3.0
    return words


OVERPRINTS = [
    # a draft's number line under the line a signing tool filled and flattened, 4 pt above it
    (_row(["Số:", "/QĐ-ĐHBK"], 86.0) + _row(["Số:", "5743/QĐ-ĐHBK"], 82.0, x0=97.0), ["Số:", "5743/QĐ-ĐHBK"]),
    (
        _row(["Hà", "Nội,", "ngày", "tháng", "12", "năm", "2022"], 86.0, x0=330.0)
        + _row(["Hà", "Nội,", "ngày", "21", "tháng", "12", "năm", "2022"], 82.0, x0=327.0),
        ["Hà", "Nội,", "ngày", "21", "tháng", "12", "năm", "2022"],
    ),
    # two lines of a paragraph, a line apart: both stay
    (_row(["Căn", "cứ", "Luật"], 100.0) + _row(["Căn", "cứ", "Luật", "Đất", "đai"], 116.0), ["Căn", "cứ", "Luật", "Căn", "cứ", "Luật", "Đất", "đai"]),
    # close, but other words: both stay
    (_row(["Số:", "12/UBND"], 86.0) + _row(["Kính", "gửi:", "các", "xã"], 82.0), ["Kính", "gửi:", "các", "xã", "Số:", "12/UBND"]),
]


@pytest.mark.parametrize("words, kept", OVERPRINTS, ids=["number-line", "date-line", "a-line-apart", "other-words"])
def test_a_line_printed_over_by_its_filled_copy_gives_way(words, kept):
    from vndirective.readers.words import drop_overprinted

    assert sorted(w["text"] for w in drop_overprinted(words)) == sorted(kept)
