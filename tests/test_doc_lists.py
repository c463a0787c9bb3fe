"""Word's automatic numbering in .doc files: the '1.', 'a)', 'I.', '-' that Word shows before a list's
paragraphs, rebuilt from the list definitions as the .docx reader rebuilds them.

The fixtures (tests/fixtures/doc_lists_*.doc) are made-up documents written with python-docx and
converted by LibreOffice (tests/fixtures/make_doc_lists.py regenerates them); the list definitions
of the unit cases below are written byte by byte.
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

import vndirective
from vndirective.readers import doc_lists
from vndirective.readers.doc import read_doc
from vndirective.readers.doc_lists import Level, Lists, Numbering, Override, format_number, read_lists

from .fixtures.make_doc_lists import FIXTURES, build_docx

pytest.importorskip("olefile", reason="olefile is not installed (pip install 'vndirective[doc]')")
HERE = Path(__file__).resolve().parent / "fixtures"

NUMBERED = {
    "doc_lists_direct": [
        "I. NHIỆM VỤ CHUNG",
        "1. Thống nhất việc tổ chức hội nghị sơ kết công tác quý III.",
        "a) Phòng Văn hóa chuẩn bị nội dung báo cáo.",
        "b) Văn phòng chuẩn bị hội trường và tài liệu.",
        "2. Yêu cầu các đơn vị báo cáo kết quả trước ngày 15.",
        "a) Báo cáo gửi bằng văn bản.",  # the deeper level starts over
        "2.1. Nội dung báo cáo theo mẫu.",  # '%1.%3.': the number of level 1 and of level 3
        "II. NHIỆM VỤ CỤ THỂ",
        "- Tổ chức tuyên truyền trên loa truyền thanh.",  # a bullet, as the .docx reader prints it
        "- Niêm yết công khai tại trụ sở.",
        "1. Giao Công an xã bảo đảm an ninh trật tự.",  # a second list: its own count
        "a) Bố trí lực lượng trực.",
        "2. Giao Trạm Y tế bảo đảm công tác y tế.",
        "- Như trên; | Nguyễn Văn An",  # bullets in a table cell
        "- Lưu: VT. | ",
    ],
    "doc_lists_styles": [
        "1. Các chi bộ quán triệt nội dung kết luận.",
        "2. Đảng ủy viên phụ trách theo dõi, đôn đốc.",
        "- Thời gian: trong tháng 10.",
    ],
}
LABEL_START = ("I.", "II.", "1.", "2.", "a)", "b)", "2.1.", "- ")


@pytest.mark.parametrize("name", FIXTURES)
def test_numbered_lines_of_a_doc(name):
    lines = read_doc((HERE / f"{name}.doc").read_bytes(), name).text.splitlines()
    assert [ln for ln in lines if ln.startswith(LABEL_START)] == NUMBERED[name]


@pytest.mark.parametrize("name", FIXTURES)
def test_a_doc_reads_as_the_docx_it_was_saved_from(name, tmp_path):
    pytest.importorskip("docx", reason="python-docx is not installed (pip install 'vndirective[docx]')")
    from vndirective.readers.docx import read_docx

    source = build_docx(name, tmp_path / f"{name}.docx")
    assert read_doc((HERE / f"{name}.doc").read_bytes(), name).text == read_docx(source.read_bytes(), name).text


def test_the_numbers_make_the_tasks():
    d = vndirective.parse(HERE / "doc_lists_direct.doc")
    assert [(t.number, [c.number for c in t.children]) for t in d.tasks] == [("I", ["1", "2"]), ("II", ["1", "2"])]
    assert d.tasks[0].children[0].head.startswith("Thống nhất việc tổ chức")


def _with_lists_at(path: Path, tmp_path: Path, fc: int, lcb: int) -> Path:
    """A copy of the .doc at ``path`` whose FIB puts the PlfLst at (fc, lcb)."""
    olefile = pytest.importorskip("olefile")
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    with olefile.OleFileIO(str(copy), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        at = 154 + 8 * 73  # fcPlfLst in a Word 97 FIB (14 16-bit values, 22 32-bit values before the pairs)
        struct.pack_into("<II", word, at, fc, lcb)
        ole.write_stream("WordDocument", bytes(word))
    return copy


@pytest.mark.parametrize(("fc", "lcb"), [(0, 0), (2**31, 2**31), (10, 3), (0, 1_000_000), (7, 2 + 28 * 40)])
def test_damaged_list_definitions_leave_the_text_unnumbered(tmp_path, fc, lcb):
    source = HERE / "doc_lists_direct.doc"
    damaged = read_doc(_with_lists_at(source, tmp_path, fc, lcb).read_bytes()).text
    plain = [ln for ln in damaged.splitlines() if ln.startswith(LABEL_START)]
    assert plain in ([], NUMBERED["doc_lists_direct"])  # no numbers, or (a shifted copy that parses) the same
    assert "Thống nhất việc tổ chức hội nghị sơ kết công tác quý III." in damaged


def _lvlf(start: int, nfc: int, text: str, flags: int = 0) -> bytes:
    return struct.pack("<iBB9sBiiBBBB", start, nfc, flags, b"", 0, 0, 0, 0, 0, 0, 0) + struct.pack("<H", len(text)) + text.encode("utf-16-le")


def _table(levels: list[bytes], overrides: list[tuple[int, int]]) -> tuple[bytes, tuple[int, int], tuple[int, int]]:
    """A table stream with one nine-level list (lsid 7) and two LFOs pointing to it, the second
    restarting levels: ``overrides`` is (level, start) pairs. Returns it with the PlfLst's and PlfLfo's (fc, lcb)."""
    lstf = struct.pack("<iI9hBB", 7, 7, *([0x0FFF] * 9), 0, 0)
    plf_lst = struct.pack("<h", 1) + lstf
    lvls = b"".join(levels + [_lvlf(1, 0, "")] * (9 - len(levels)))
    lfo = struct.pack("<iIIBBBB", 7, 0, 0, 0, 0, 0, 0) + struct.pack("<iIIBBBB", 7, 0, 0, len(overrides), 0, 0, 0)
    # after the LFOs, their LFOData: a cp, then the LFOLVLs (fStartAt 0x10): none for the first, ``overrides`` for the second
    data = struct.pack("<I", 0xFFFFFFFF) * 2 + b"".join(struct.pack("<iI", start, level | 0x10) for level, start in overrides)
    plf_lfo = struct.pack("<I", 2) + lfo
    return plf_lst + lvls + plf_lfo + data, (0, len(plf_lst)), (len(plf_lst) + len(lvls), len(plf_lfo))


def test_an_lfo_that_restarts_a_level():
    table, lst, lfo = _table([_lvlf(1, 0, "\x00."), _lvlf(1, 4, "\x01)")], [(0, 5)])
    lists = read_lists(table, lst, lfo)
    numbering = Numbering(lists)
    got = [numbering.label(ilfo, ilvl) for ilfo, ilvl in [(1, 0), (1, 1), (1, 1), (1, 0), (2, 0), (2, 1), (2, 0), (1, 0), (0, 0), (3, 0), (2047, 0)]]
    assert got == ["1. ", "a) ", "b) ", "2. ", "5. ", "a) ", "6. ", "3. ", "", "", ""]


def test_levels_write_their_numbers_in_their_formats():
    levels = [
        _lvlf(3, 1, "\x00."),
        _lvlf(1, 3, "\x01."),
        _lvlf(9, 22, "\x00.\x01.\x02"),
        _lvlf(1, 23, "\uf0b7"),
        _lvlf(1, 255, ""),
        _lvlf(1, 0, "\x00.\x01.\x05", flags=0x04),  # legal: every level's number in figures
    ]
    table, lst, lfo = _table(levels, [])
    numbering = Numbering(read_lists(table, lst, lfo))
    got = [numbering.label(1, ilvl) for ilvl in (0, 1, 2, 2, 3, 4, 5)]
    assert got == ["III. ", "A. ", "III.A.09 ", "III.A.10 ", "- ", "", "3.1.1 "]


@pytest.mark.parametrize(
    ("nfc", "n", "text"),
    [(0, 12, "12"), (1, 1994, "MCMXCIV"), (2, 4, "iv"), (1, 4000, "4000"), (3, 27, "AA"), (4, 2, "b"), (4, 0, "0"), (4, 10**9, "1000000000"), (22, 7, "07"), (22, 12, "12"), (5, 3, "3")],
)
def test_format_number(nfc, n, text):
    assert format_number(nfc, n) == text


@pytest.mark.parametrize("cut", [1, 5, 29, 40, 60, 300])
def test_truncated_definitions_give_no_numbers(cut):
    table, lst, lfo = _table([_lvlf(1, 0, "\x00.")], [(0, 2)])
    lists = read_lists(table[:cut], lst, lfo)
    assert lists == Lists()
    assert Numbering(lists).label(1, 0) == ""


def test_an_overlong_number_text_is_damaged():
    table, lst, lfo = _table([_lvlf(1, 0, "\x00" * (doc_lists.MAX_NUMBER_TEXT + 1))], [])
    assert read_lists(table, lst, lfo) == Lists()


def test_an_lfo_of_an_undefined_list():
    lists = Lists({}, (Override(5),))
    assert Numbering(lists).label(1, 0) == ""
    one = Lists({5: (Level(1, 0, "\x00\x01."),)}, (Override(5),))
    assert Numbering(one).label(1, 4) == "1. "  # a one-level list: every paragraph at its level


def _std(kind: int, base: int, name: str, grpprl: bytes = b"", istd: int = 0) -> bytes:
    """An STD of a Word 97 style sheet (10-byte StdfBase): its kind, the style it is based on, its name and PAPX."""
    upx = b""
    if grpprl:
        papx = struct.pack("<H", istd) + grpprl
        upx = struct.pack("<H", len(papx)) + papx + b"\0" * (len(papx) & 1)
    head = struct.pack("<HHHHH", 0, kind | base << 4, (1 if upx else 0) | 0x0FFF << 4, 0, 0)
    body = head + struct.pack("<H", len(name)) + name.encode("utf-16-le") + b"\0\0"
    body += b"\0" * (len(body) & 1)
    std = body + upx
    return struct.pack("<H", len(std)) + std


def test_a_paragraph_style_puts_its_paragraphs_in_a_list():
    from vndirective.readers.doc import _ILFO, _ILVL, _sprms
    from vndirective.readers.doc_styles import style_lists

    ilfo, ilvl = struct.pack("<HH", 0x460B, 3), struct.pack("<HB", 0x260A, 1)
    styles = [
        _std(1, 0x0FFF, "Normal"),
        _std(1, 0, "List Number", ilfo, 1),
        _std(1, 1, "List Number 2", ilvl, 2),  # based on 'List Number': its list, its own level
        struct.pack("<H", 0),  # an empty slot
        _std(2, 0x0FFF, "Strong", ilfo),  # a character style
        _std(1, 1, "Not numbered", struct.pack("<HH", 0x460B, 0), 5),  # its own 0: out of the list
    ]
    stshi = struct.pack("<HH", len(styles), 10) + b"\0" * 14
    stsh = struct.pack("<H", len(stshi)) + stshi + b"".join(styles)
    table = b"\xff" * 5 + stsh
    assert style_lists(table, (5, len(stsh)), _sprms, _ILFO, _ILVL) == {1: (3, 0), 2: (3, 1)}
    for cut in (3, 20, 40, len(stsh) - 1):
        assert style_lists(table, (5, cut), _sprms, _ILFO, _ILVL) in ({}, {1: (3, 0)})
    assert style_lists(table, (5, len(stsh) + 100), _sprms, _ILFO, _ILVL) == {}
