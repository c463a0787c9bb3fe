"""Glyphs without a Unicode map read from the embedded font (vndirective.readers.glyphs, pdf_fonts).

The PDFs are written here (tests/pdf_fixtures.py) around a font program from matplotlib's DejaVu
Sans, stripped of its cmap and glyph names as subset fonts printed by Microsoft Print to PDF are;
the real files (../shared/realfiles) are read when present.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from vndirective.readers.glyphs import compose

from .pdf_fixtures import pdf_with_cid_fonts

fontTools = pytest.importorskip("fontTools")
pytest.importorskip("pypdfium2")

REAL = Path(__file__).resolve().parents[2] / "shared" / "realfiles"


def _dejavu() -> Path:
    matplotlib = pytest.importorskip("matplotlib")
    path = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    if not path.exists():
        pytest.skip("matplotlib without its DejaVu fonts")
    return path


def _program(keep_cmap: bool) -> tuple[bytes, dict[str, int]]:
    """DejaVu Sans as a PDF would embed it, and its glyph ids; without cmap or names unless asked."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(_dejavu()))
    cmap = font.getBestCmap()
    order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    gids: dict[str, int] = {}
    for code, name in sorted(cmap.items()):
        if code < 0x2000 and order[name] not in gids.values():
            gids[chr(code)] = order[name]  # one character per glyph, as a ToUnicode map has
    if not keep_cmap:
        del font["cmap"]
        font["post"].formatType = 3.0
    for table in ("GSUB", "GPOS", "GDEF", "kern", "name"):
        if table in font and table != "name":
            del font[table]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), gids


def _text(data: bytes) -> tuple[str, list[str]]:
    from vndirective.readers.pdf import read_pdf

    layout = read_pdf(data, "glyphs.pdf")
    return layout.text, [w.code for w in layout.warnings]


COMPOSE = [
    (("e", "\u0302", "\u0301"), "ế"),
    (("e", "\u0301", "\u0302"), "ế"),  # parts in any order: shape marks go first
    (("o", "\u0301", "\u031b"), "ớ"),
    (("A", "˘"), "Ă"),  # the spacing breve fonts draw it with
    (("ư", "\u0303"), "ữ"),
    (("1", "\u0301"), None),  # not a letter
    (("a",), None),  # no mark
    (("a", "b"), None),  # two letters
]


@pytest.mark.parametrize(("parts", "expected"), COMPOSE)
def test_compose(parts: tuple[str, ...], expected: str | None) -> None:
    assert compose(parts) == expected


TEXT = "CONG HOA XA HOI Nghi dinh so 30"


def test_the_fonts_own_cmap_reads_its_glyphs() -> None:
    program, gids = _program(keep_cmap=True)
    text, codes = _text(pdf_with_cid_fonts(program, [("Số: 3036/SCT-CN", False), (TEXT, False)], gids))
    assert "Số: 3036/SCT-CN" in text and TEXT in text
    assert "(cid:" not in text and "pdf_glyphs_recovered" in codes and "pdf_unmapped_glyphs" not in codes


def test_outlines_of_the_files_mapped_font_read_the_unmapped_one() -> None:
    program, gids = _program(keep_cmap=False)
    lines = [("Cộng hòa xã hội chủ nghĩa Việt Nam. Số SCT 0123456789 /-:", True), ("Số: 3036/SCT-CN", False), ("Việt Nam", False)]
    text, codes = _text(pdf_with_cid_fonts(program, lines, gids))
    assert "Số: 3036/SCT-CN" in text and "Việt Nam" in text
    assert "(cid:" not in text and "pdf_glyphs_recovered" in codes


def test_glyphs_nothing_tells_stay_unknown_and_are_reported() -> None:
    program, gids = _program(keep_cmap=False)
    text, codes = _text(pdf_with_cid_fonts(program, [("Việt Nam", True), ("Số: 3036", False)], gids))
    assert "Việt Nam" in text
    assert re.search(r"\(cid:\d+\)", text)  # 'S', 'ố', ':', '3', '0', '6' appear in no mapped text and no table entry
    assert "pdf_glyphs_recovered" in codes and "pdf_unmapped_glyphs" in codes


UNMAPPED = ["3036_SCT_CN_KHKTNT_Kho_VLCN_tam_Thuydien_MongSen1_3.6.2026.pdf", "KH-1105-DKT-ke-hoach-kiem-tra.pdf"]


@pytest.mark.parametrize("name", UNMAPPED)
def test_real_pdfs_without_unicode_maps_read_without_ocr(name: str) -> None:
    path = REAL / name
    if not path.exists():
        pytest.skip("../shared/realfiles is not here")
    import vndirective

    d = vndirective.parse(path)
    recovered = next(w for w in d.warnings if w.code == "pdf_glyphs_recovered")
    share = float(re.search(r"\(([\d.]+) %\)", recovered.message).group(1))
    assert share >= 98.0
    assert d.number and d.date and d.doc_type


def test_the_raw_glyf_reader_gives_fonttools_digests():
    """Every glyph of DejaVu Sans (simple and composite) has the same outline digest read from the font's bytes as from fontTools' glyf table."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    from vndirective.readers.glyf_raw import RawGlyf
    from vndirective.readers.glyphs import outline_key

    font = ttlib.TTFont(_dejavu(), lazy=True)
    raw, table = RawGlyf(font), font["glyf"]
    names = font.getGlyphOrder()
    mine: dict = {}
    theirs: dict = {}
    assert [outline_key(raw, n, mine) for n in names] == [outline_key(table, n, theirs) for n in names]
    assert any(raw[n].isComposite() for n in names) and any(raw[n].numberOfContours > 0 for n in names)
