"""Bad input: ``parse_text`` never raises, ``parse(path)`` raises typed errors naming the file."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from vndirective import Directive, parse, parse_text
from vndirective.core.normalize import fold
from vndirective.errors import CorruptDocument, DocumentNotFound, UndecodableText, UnsupportedFormat, VndirectiveError

from ._directive_checks import FOUNDING, check_directive, founding_text

# ---------------------------------------------------------------------------
# parse_text on bad text: a table of cases
# ---------------------------------------------------------------------------


def _random_text(n: int = 100_000, seed: int = 1234) -> str:
    return random.Random(seed).randbytes(n).decode("utf-8", errors="replace")


def _control_chars_only() -> str:
    return "".join(chr(i) for i in range(32) if i != 10) * 1000 + "\x7f\x80\x9f" * 100


def _founding_with_controls() -> str:
    junk = "\x00\x07\x1b\x0b\x7f"
    return "".join(ch + junk if ch == "\n" else ch for ch in founding_text())


def _one_line_vietnamese(size: int = 1_000_000) -> str:
    flat = " ".join(founding_text().split())
    return ((flat + " ") * (size // len(flat) + 1))[:size]


def _tcvn3() -> str:
    # The founding header typed in TCVN3 (ABC) and read as if it were Latin-1/cp1252.
    return "§¶NG Bé TØNH B¾C GIANG\nHuyÖn ñy Lôc Ng¹n\nSè 334-CV/HU\nUû ban nh©n d©n tØnh\nLôc Ng¹n, ngµy 20 th¸ng 6 n¨m 2021\n"


def _vni() -> str:
    # The same header in VNI Windows, read as cp1252.
    return "ÑAÛNG BOÄ TÆNH BAÉC GIANG\nHUYEÄN UÛY LUÏC NGAÏN\nSoá 334-CV/HU\nLuïc Ngaïn, ngaøy 20 thaùng 6 naêm 2021\n"


@dataclass
class Case:
    id: str
    make: Callable[[], str]
    codes: set[str] = field(default_factory=set)  # every one of these warning codes must be present
    same_as_founding: bool = False  # doc_id, date, issuer as in the founding example
    schema: bool = True
    marks: tuple = ()


ENGLISH = "MEMORANDUM\nTo: All staff\nFrom: Facilities\nThe office will be closed on Friday for maintenance. Please take your belongings home.\n"
VN_PARAGRAPH = (
    "Mùa thu Hà Nội đẹp nhất vào những buổi sáng sớm, khi sương còn giăng mỏng trên mặt hồ. "
    "Người ta đi dạo quanh hồ, uống một ly cà phê nóng và ngắm những tán lá vàng rơi.\n"
    "Hương hoa sữa thoảng qua từng con phố nhỏ, gợi nhớ những kỷ niệm xưa.\n"
)

CASES = [
    Case("empty", lambda: "", {"empty"}),
    Case("whitespace", lambda: " \t\n \u00a0\n\r\n\u3000  ", {"empty"}),
    Case("newlines_100k", lambda: "\n" * 100_000, {"empty"}),
    Case("form_feeds_100k", lambda: "\f" * 100_000, {"empty"}),
    Case("english", lambda: ENGLISH, {"not_a_directive"}),
    Case("vietnamese_paragraph", lambda: VN_PARAGRAPH, {"not_a_directive"}),
    Case("random_bytes_replaced", _random_text, {"not_a_directive"}),
    Case("control_chars_only", _control_chars_only, {"empty"}),  # control characters read as blanks
    Case("founding_with_control_chars", _founding_with_controls),
    Case("lone_surrogate", lambda: "Số 12-NQ/TU \ud800 ngày 1/1/2020\n\udfff"),
    Case("one_line_latin_1mb", lambda: ("Lorem ipsum dolor sit amet " * 40_000)[:1_000_000], {"not_a_directive"}),
    Case("one_line_vietnamese_1mb", _one_line_vietnamese),
    Case("stars_100k", lambda: "*" * 100_000, {"not_a_directive"}),
    Case("bold_marks_100k", lambda: "**" * 50_000, {"not_a_directive"}),
    Case("bold_lines_50k", lambda: "**\n" * 50_000, {"not_a_directive"}),
    Case("hashes_100k", lambda: "#" * 100_000, {"not_a_directive"}),
    Case("pipes_100k", lambda: "|" * 100_000, {"not_a_directive"}),
    Case("table_cells_25k", lambda: "| a " * 25_000, {"not_a_directive"}),
    Case("underscores_100k", lambda: "_" * 100_000, {"not_a_directive"}),
    Case("quotes_nested", lambda: "> " * 1000 + "# " * 1000 + "**" * 1000 + "Số 12-NQ/TU"),
    Case("tcvn3_mojibake", _tcvn3, {"legacy_converted"}),  # converted to Unicode, then parsed
    Case("vni_mojibake", _vni, {"legacy_converted"}),
    Case("nfd", lambda: unicodedata.normalize("NFD", founding_text()), same_as_founding=True),
    Case("eth_for_dj", lambda: founding_text().replace("Đ", "\u00d0").replace("đ", "\u00f0"), same_as_founding=True),
    Case("boms_inside", lambda: "\ufeff" * 1000 + founding_text().replace("\n", "\n\ufeff"), same_as_founding=True),
    Case("cr_only", lambda: founding_text().replace("\n", "\r"), same_as_founding=True),
    # ~10 MB of UTF-8 (about 7.6 million characters): must finish; no time is asserted.
    Case("founding_x700_10mb", lambda: founding_text() * 700, same_as_founding=True, schema=False),
]


@pytest.fixture(scope="module")
def founding_doc() -> Directive:
    return parse(FOUNDING)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_parse_text_never_raises(case: Case, founding_doc: Directive):
    text = case.make()
    d = parse_text(text)
    check_directive(d, schema=case.schema)
    codes = {w.code for w in d.warnings}
    assert case.codes <= codes, f"expected warnings {case.codes - codes}, got {sorted(codes)}"
    if "empty" in case.codes or "not_a_directive" in case.codes:
        assert d.doc_id is None and d.tasks == [] and d.signature is None
    if case.same_as_founding:
        assert (d.doc_id, d.date, d.issuer) == (founding_doc.doc_id, founding_doc.date, founding_doc.issuer)
        assert fold(d.issuer_parent or "") == fold(founding_doc.issuer_parent or "")
    else:
        assert d.warnings, "bad input should leave at least one warning"


def test_every_warning_is_explained():
    d = parse_text(VN_PARAGRAPH)
    for w in d.warnings:
        assert w.code and w.message and w.message[0].isupper()


def test_control_characters_do_not_leak_into_values():
    d = parse_text("".join(ch + "\x00" if ch == "\n" else ch for ch in founding_text()))
    values = [d.issuer, d.issuer_parent, d.subject, d.place, *d.recipients]
    assert not any(v and any(unicodedata.category(c) == "Cc" for c in v) for v in values)
    assert d.doc_id == "334-CV/HU"


def test_parse_text_rejects_bytes_with_a_hint():
    with pytest.raises(TypeError, match="parse"):
        parse_text(founding_text().encode("utf-8"))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# parse(path): typed errors that name the file
# ---------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode Vietnamese as Windows-1258: base letters precomposed, tone marks combining."""
    out = []
    for ch in text:
        dec = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in dec if c not in _TONES))
        out.append(base + "".join(c for c in dec if c in _TONES))
    return "".join(out).encode("cp1258")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("missing-file.txt", None, DocumentNotFound),
        ("a-directory.md", "dir", DocumentNotFound),
        ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", UnsupportedFormat),
        ("pdf-named-as-text.txt", b"%PDF-1.4\nbinary", UnsupportedFormat),
        ("letter.docx", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, UnsupportedFormat),
        ("zip-named-as-text.md", b"PK\x03\x04" + b"\x00" * 100, UnsupportedFormat),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, CorruptDocument),  # a truncated Word 97-2003 file
        ("latin1.txt", "Qu\xe9bec, ngày".encode("latin-1") + b"\xff\xfe\xfd", UndecodableText),
    ],
    ids=["missing", "directory", "pdf", "pdf_as_txt", "docx", "zip_as_md", "ole_doc", "latin1"],
)
def test_parse_errors_name_the_file(tmp_path: Path, name: str, data, error: type[Exception]):
    p = tmp_path / name
    if data == "dir":
        p.mkdir()
    elif data == "cp1258":
        p.write_bytes(to_cp1258(founding_text()))
    elif data is not None:
        p.write_bytes(data)
    with pytest.raises(error) as info:
        parse(p)
    assert isinstance(info.value, VndirectiveError)
    assert name in str(info.value), f"the message does not name the file: {info.value}"


def test_typed_errors_are_also_builtin_errors(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        parse(tmp_path / "nope.txt")
    with pytest.raises(ValueError):
        parse(_write(tmp_path, "x.pdf", b"%PDF-1.5"))
    with pytest.raises(UnicodeError):
        parse(_write(tmp_path, "x.txt", "Qu\xe9bec".encode("latin-1") + b"\xff\xfe\xfd"))


def test_cp1258_is_recognised_and_reported(tmp_path: Path, founding_doc: Directive):
    d = parse(_write(tmp_path, "cv-1258.txt", to_cp1258(founding_text())))
    assert (d.doc_id, d.date, d.issuer) == (founding_doc.doc_id, founding_doc.date, founding_doc.issuer)
    assert "decoded_as" in {w.code for w in d.warnings}


def test_cp1258_with_explicit_encoding(tmp_path: Path, founding_doc: Directive):
    p = _write(tmp_path, "cv-1258.txt", to_cp1258(founding_text()))
    d = parse(p, encoding="cp1258")
    check_directive(d)
    assert (d.doc_id, d.date, d.issuer) == (founding_doc.doc_id, founding_doc.date, founding_doc.issuer)
    assert d.text == founding_doc.text


def test_wrong_explicit_encoding_names_the_file(tmp_path: Path):
    p = _write(tmp_path, "utf16.txt", founding_text().encode("utf-16-le"))
    with pytest.raises(UndecodableText, match=r"utf16\.txt"):
        parse(p, encoding="ascii")
    with pytest.raises(UndecodableText, match=r"utf16\.txt"):
        parse(p, encoding="no-such-codec")


def test_empty_file(tmp_path: Path):
    d = parse(_write(tmp_path, "empty.txt", b""))
    assert [w.code for w in d.warnings] == ["empty"]
    check_directive(d)


ENCODINGS = {
    "utf8_bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf16_le_bom": lambda t: t.encode("utf-16"),  # Python writes the BOM, little-endian here
    "utf16_be_bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "utf8_bom_crlf": lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode("utf-8"),
    "utf16_crlf": lambda t: t.replace("\n", "\r\n").encode("utf-16"),
}


@pytest.mark.parametrize("variant", sorted(ENCODINGS))
def test_encodings_and_line_ends_parse_the_same(tmp_path: Path, variant: str):
    text = founding_text()
    plain = parse(_write(tmp_path, "plain.md", text.encode("utf-8")))
    other = parse(_write(tmp_path, f"{variant}.md", ENCODINGS[variant](text)))
    check_directive(other)
    assert (other.doc_id, other.date, other.issuer) == (plain.doc_id, plain.date, plain.issuer)
    assert other.doc_id == "334-CV/HU"
    a, b = plain.to_dict(), other.to_dict()
    a.pop("source"), b.pop("source")
    assert a == b, "same document, different result"


@pytest.mark.parametrize(
    "path",
    ["ĐẢNG BỘ TỈNH\nHUYỆN ỦY\nSố 334-CV/HU", "x" * 5000, "a" * 300 + ".txt"],
    ids=["text_with_newlines", "text_too_long", "name_too_long"],
)
def test_text_passed_as_path_is_a_typed_error(path: str) -> None:
    with pytest.raises(DocumentNotFound) as info:
        parse(path)
    assert "parse_text" in str(info.value) or "not a usable path" in str(info.value)
