"""Property tests: whatever the text, ``parse_text`` returns a Directive that keeps the contract.

The contract (see ``_directive_checks.check_directive``): no exception, every
span inside the text, ``to_dict()`` valid against the shipped JSON Schema,
``from_dict(to_dict())`` equal to the original and JSON-serialisable.

The number of examples is modest so the file runs in well under a minute; for a
deeper search set ``VNDIRECTIVE_FUZZ_EXAMPLES`` (e.g. 5000) in the environment.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vndirective import parse, parse_text
from vndirective.errors import VndirectiveError

from ._directive_checks import INLINE, check_directive, founding_text

N = int(os.environ.get("VNDIRECTIVE_FUZZ_EXAMPLES", "250"))
FUZZ = settings(max_examples=N, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- (a) random text ---------------------------------------------------------


@FUZZ
@given(st.text())
@example("")
@example("\n")
@example("\x00")
@example("\ud800")
def test_random_text(text):
    check_directive(parse_text(text))


# Tokens the parser looks for, so random text reaches deep into the extractors.
# fmt: off
TOKENS = [
    "Số", "Số:", "số", "SỐ", " ", "  ", "   ", "\n", "\n\n", "\t", "\f", "-", "–", "/", ".", ",", ":", ";", "(", ")", "*", "**",
    "#", "|", "_", ">", "\\", "1", "12", "2021", "05", "334", "XV", "I.", "II.", "1.", "1.1.", "a)", "b)", "- ", "+ ", "• ",
    "NQ", "CV", "QĐ", "QÐ", "TW", "TU", "HU", "UBND", "TTg", "NĐ-CP", "BCH", "ngày", "tháng", "năm", "NGÀY", "V/v", "Về việc",
    "Kính gửi", "Nơi nhận", "Như trên", "(b/c)", "Lưu VT", "T/M", "TM.", "KT.", "K/T", "T/L", "TUQ.", "BAN THƯỜNG VỤ", "BÍ THƯ",
    "PHÓ BÍ THƯ", "CHỦ TỊCH", "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "TỈNH ỦY", "HUYỆN ỦY LỤC NGẠN", "ỦY BAN NHÂN DÂN", "Đảng bộ", "Nghị quyết", "Chỉ thị", "kết luận", "Điều", "Chương", "Phần",
    "MẬT", "HỎA TỐC", "Lục Ngạn", "Hà Nội", "Nguyễn Văn An", "./.", "...", "…", "“", "”", "Ð", "hoà", "uỷ", "\u200b", "\u00a0",
]
# fmt: on


@FUZZ
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=200).map("".join))
def test_token_soup(text):
    check_directive(parse_text(text))


# --- (b) mutations of real-looking directives --------------------------------

BASES = {"founding": founding_text(), **{k: INLINE[k] for k in ("state_cv", "party_nq", "state_qd")}}
MARKS = ["**", "*", "_", "# ", "## ", "> ", "| ", " |", "\\", "`", "- ", "---", "***", "<br>"]


def _lines_op(text: str, op: str, i: int, j: int) -> str:
    lines = text.split("\n")
    if not lines:
        return text
    i %= len(lines)
    j %= len(lines)
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "join" and i + 1 < len(lines):
        lines[i : i + 2] = [lines[i] + " " + lines[i + 1]]
    return "\n".join(lines)


def _case_op(text: str, op: str, i: int, j: int) -> str:
    a, b = sorted((i % (len(text) + 1), j % (len(text) + 1)))
    piece = text[a:b]
    piece = {"upper": piece.upper(), "lower": piece.lower(), "swapcase": piece.swapcase(), "title": piece.title()}[op]
    return text[:a] + piece + text[b:]


mutation = st.one_of(
    st.tuples(st.sampled_from(["delete", "duplicate", "swap", "join"]), st.integers(0, 10**6), st.integers(0, 10**6)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.text(min_size=1, max_size=8)),
    st.tuples(st.just("insert_mark"), st.integers(0, 10**6), st.sampled_from(MARKS)),
    st.tuples(st.just("mark_line"), st.integers(0, 10**6), st.sampled_from(MARKS)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.just(None)),
    st.tuples(st.just("delete_chars"), st.integers(0, 10**6), st.integers(1, 40)),
    st.tuples(st.sampled_from(["upper", "lower", "swapcase", "title"]), st.integers(0, 10**6), st.integers(0, 10**6)),
    st.tuples(st.sampled_from(["nfd", "eth", "crlf", "tabs", "nbsp"]), st.just(0), st.just(None)),
)


def mutate(text: str, ops) -> str:
    for op, i, arg in ops:
        n = len(text)
        if op in ("delete", "duplicate", "swap", "join"):
            text = _lines_op(text, op, i, arg)
        elif op in ("upper", "lower", "swapcase", "title"):
            text = _case_op(text, op, i, arg)
        elif op in ("insert", "insert_mark"):
            k = i % (n + 1)
            text = text[:k] + arg + text[k:]
        elif op == "mark_line":
            lines = text.split("\n")
            k = i % len(lines)
            lines[k] = arg + lines[k] + arg.strip()
            text = "\n".join(lines)
        elif op == "cut":
            text = text[: i % (n + 1)]
        elif op == "delete_chars":
            k = i % (n + 1)
            text = text[:k] + text[k + arg :]
        elif op == "nfd":
            text = unicodedata.normalize("NFD", text)
        elif op == "eth":
            text = text.replace("Đ", "\u00d0").replace("đ", "\u00f0")
        elif op == "crlf":
            text = text.replace("\n", "\r\n")
        elif op == "tabs":
            text = text.replace("  ", "\t")
        elif op == "nbsp":
            text = text.replace(" ", "\u00a0", 20)
    return text


@settings(FUZZ, max_examples=N * 2)
@given(st.sampled_from(sorted(BASES)), st.lists(mutation, min_size=1, max_size=6))
def test_mutated_directives(base, ops):
    check_directive(parse_text(mutate(BASES[base], ops)))


@FUZZ
@given(st.sampled_from(sorted(BASES)), st.integers(0, 10**6))
def test_every_prefix(base, cut):
    text = BASES[base]
    check_directive(parse_text(text[: cut % (len(text) + 1)]))


# --- (c) random bytes in a file: a Directive or a typed error, nothing else --------

MAGICS = [b"", b"%PDF", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xd0\xcf\x11\xe0", b"{\\rtf", b"\x89PNG"]


@FUZZ
@given(st.sampled_from(MAGICS), st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8")), st.sampled_from([".txt", ".md", ".pdf", ""]))
def test_random_bytes_in_a_file(magic, body, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / f"doc{suffix}"
        p.write_bytes(magic + body)
        try:
            d = parse(p)
        except VndirectiveError as exc:
            assert p.name in str(exc)
        else:
            check_directive(d)
            assert d.source == str(p)


# --- adversarial inputs: they must finish (no time is asserted) ---------------

ADVERSARIAL = {
    "so_1dash_x50k": lambda: "Số " + "1-" * 50_000,
    "1slash_x100k": lambda: "1/" * 100_000,
    "ngay_x50k": lambda: "ngày " * 50_000,
    "dash_space_x100k": lambda: "- " * 100_000,
    "tm_x50k": lambda: "T/M " * 50_000,
    "dieu_x20k": lambda: "Điều 1. " * 20_000,
    "roman_x50k": lambda: "I. " * 50_000,
    "roman_lines_x50k": lambda: "I.\n" * 50_000,
    "kinh_gui_lines_x20k": lambda: "Kính gửi:\n- a;\n" * 20_000,
    "noi_nhan_x20k": lambda: "Nơi nhận:\n" * 20_000,
    "date_x20k": lambda: "Hà Nội, ngày 1 tháng 1 năm 2021\n" * 20_000,
    "open_parens_x100k": lambda: "(" * 100_000,
    "nested_items_x10k": lambda: "".join(f"{i}.\na)\n- x\n+ y\n" for i in range(10_000)),
    "refs_x2k": lambda: "Thực hiện Nghị quyết số 1-NQ/TW ngày 1/1/2020 của Bộ Chính trị. " * 2_000,
    # Once quadratic (fixed; their growth is measured in benchmarks/bench_parse.py):
    "dash_space_one_line_1mb": lambda: "- " * 500_000,  # rule detection on a long row
    "gaps_one_line_200k": lambda: "a   b   " * 25_000,  # blank-to-fill check at every column gap
    "ids_x18k": lambda: "số 1-NQ/TW " * 18_000,  # overlap check of every id found
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_inputs_finish(name):
    d = parse_text(ADVERSARIAL[name]())
    check_directive(d, schema=False)


