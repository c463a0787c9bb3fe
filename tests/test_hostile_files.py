"""Bad and hostile files: a typed error naming the file, or a partial result with warnings, quickly.

Every hostile file is built here, in tmp_path, at test time: PDFs by a small writer (with the
standard security handler's RC4 encryption, so no PDF library is needed), Word files with
python-docx and zipfile. The limits are those of ``vndirective.readers.limits``; a few cases
lower them to stay fast.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import random
import re
import shutil
import struct
import subprocess
import textwrap
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import vndirective
from vndirective.errors import CorruptDocument, EncryptedDocument, NoTextLayer, ResourceLimitExceeded, UnsupportedFormat, VndirectiveError
from vndirective.readers.limits import MAX_RENDER_PIXELS, MAX_TEXT_BYTES, Limits

from .conftest import CORPUS, FOUNDING

pytest.importorskip("pdfplumber", reason="pdfplumber is not installed (pip install 'vndirective[pdf]')")
docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install 'vndirective[docx]')")

PASSWORD = "secret-334"
SECONDS = 20  # generous: every case takes well under a second or two; a hang would not end at all

# ---------------------------------------------------------------------------
# A minimal PDF writer: one text line per row, Vietnamese letters through /Differences
# glyph names, optional RC4 encryption (standard security handler, revision 2)
# ---------------------------------------------------------------------------

_PAD = b"(\xbfN^Nu\x8aAd\x00NV\xff\xfa\x01\x08..\x00\xb6\xd0h>\x80/\x0c\xa9\xfedSiz"


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _stream(entries: str, data: bytes) -> bytes:
    return f"<< {entries} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def assemble_pdf(objects: list[bytes], trailer: str = "") -> bytes:
    """A PDF of these objects (numbered from 1, the first being the catalog), with its xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_pdf(pages: list[list[str]], password: str | None = None, media: tuple[int, int] = (595, 842)) -> bytes:
    """A PDF with a text layer: each page a list of lines in Helvetica, encrypted when a password is given."""
    letters = sorted({c for page in pages for line in page for c in line if ord(c) > 126})
    code = {c: 128 + i for i, c in enumerate(letters)}
    differences = " ".join(f"/uni{ord(c):04X}" for c in letters)
    doc_id = hashlib.md5(repr(pages).encode()).digest()
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 255 /Widths [{' 500' * 224}]"
        f" /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 {differences}] >> >>".encode(),
    ]
    key = trailer = b""
    if password is not None:
        p = -44
        owner = _rc4(hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5], (password.encode("latin-1") + _PAD)[:32])
        key = hashlib.md5((password.encode("latin-1") + _PAD)[:32] + owner + struct.pack("<i", p) + doc_id).digest()[:5]
        encrypt_id = 3 + 2 * len(pages) + 1
        trailer = f"/Encrypt {encrypt_id} 0 R".encode()
    for i, page in enumerate(pages):
        rows = [f"BT /F1 11 Tf 14 TL 50 {media[1] - 60} Td"]
        for line in page:
            raw = bytes(code.get(c, ord(c)) for c in line).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            rows.append(f"({raw.decode('latin-1')}) Tj T*")
        content = "\n".join([*rows, "ET"]).encode("latin-1")
        number = 5 + 2 * i
        if key:
            content = _rc4(hashlib.md5(key + struct.pack("<i", number)[:3] + b"\x00\x00").digest()[:10], content)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {media[0]} {media[1]}] /Resources << /Font << /F1 3 0 R >> >> /Contents {number} 0 R >>".encode())
        objects.append(_stream("", content))
    if password is not None:
        objects.append(f"<< /Filter /Standard /V 1 /R 2 /Length 40 /P {p} /O <{owner.hex()}> /U <{_rc4(key, _PAD).hex()}> >>".encode())
    return assemble_pdf(objects, trailer.decode() + f" /ID [<{doc_id.hex()}> <{doc_id.hex()}>]")


def image_page_pdf(width: int, height: int, media: tuple[int, int] = (595, 842)) -> bytes:
    """A scan: one page showing a white 1-bit image of ``width`` × ``height`` pixels, no text."""
    row = b"\xff" * ((width + 7) // 8)
    deflate = zlib.compressobj(9)
    pixels = b"".join(deflate.compress(row) for _ in range(height)) + deflate.flush()
    image = f"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode"
    return assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {media[0]} {media[1]}] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>".encode(),
        _stream(image, pixels),
        _stream("", f"q {media[0]} 0 0 {media[1]} 0 0 cm /Im1 Do Q".encode()),
    ])


@functools.cache
def founding_pdf(password: str | None = None) -> bytes:
    """The founding example (corpus/334-CV-HU...) as a PDF, lines wrapped to the page width."""
    text = FOUNDING.read_text(encoding="utf-8").replace("*", "")
    lines = [row for line in text.splitlines() for row in textwrap.wrap(line, 90) or [""]]
    return make_pdf([lines[i : i + 50] for i in range(0, len(lines), 50)], password=password)


def three_pages() -> bytes:
    return make_pdf([["Trang một"], ["Trang hai"], ["Trang ba"]])


# ---------------------------------------------------------------------------
# Word files
# ---------------------------------------------------------------------------


def make_docx(paragraphs: tuple[str, ...] = ("Số 334-CV/HU", "Lục Ngạn, ngày 20 tháng 6 năm 2021")) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The zip ``data`` with members replaced or added."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, member in (add or {}).items():
            dst.writestr(name, member)
    return out.getvalue()


def with_document_xml(edit: Callable[[str], str]) -> bytes:
    data = make_docx(("Số 334-CV/HU", "MARK"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return rezip(data, {"word/document.xml": edit(xml).encode("utf-8")})


def _doctype(xml: str, subset: str, mark: str) -> str:
    declaration, rest = xml.split("?>", 1)
    return f"{declaration}?>\n<!DOCTYPE w:document [{subset}]>{rest.replace('MARK', mark)}"


def xxe_docx() -> bytes:
    return with_document_xml(lambda xml: _doctype(xml, '<!ENTITY x SYSTEM "file:///etc/passwd">', "MARK &x; END"))


def laughs_docx() -> bytes:
    entities = '<!ENTITY a "hahahahaha">' + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    return with_document_xml(lambda xml: _doctype(xml, entities, "&j;"))


def zeros_deflated(size: int, level: int = 9) -> bytes:
    """``size`` zero bytes, deflated in chunks (never held whole)."""
    deflate = zlib.compressobj(level)
    chunk = b"\0" * 2**20
    return b"".join(deflate.compress(chunk) for _ in range(size // 2**20)) + deflate.flush()


def zip_bomb_docx() -> bytes:
    """A Word file with a 64 MiB member of zeros (compressed a thousand times)."""
    return rezip(make_docx(), add={"word/media/zeros.bin": b"\0" * 64 * 2**20})


def declared_bomb_docx() -> bytes:
    """A Word file whose directory declares a 4 GB member (a lie that zipfile would not go past, but costly if believed)."""
    data = bytearray(rezip(make_docx(), add={"word/media/big.bin": b"\0" * 1000}))
    name = b"word/media/big.bin"
    central = data.rfind(b"PK\x01\x02")  # the last directory entry is the member added last
    assert data[central + 46 : central + 46 + len(name)] == name
    struct.pack_into("<I", data, central + 24, 0xFFFF0000)
    return bytes(data)


def crc_damaged_docx() -> bytes:
    data = bytearray(make_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 14, info.CRC ^ 0xFFFFFFFF)
    central = data.find(b"word/document.xml", data.find(b"PK\x01\x02")) - 46
    struct.pack_into("<I", data, central + 16, info.CRC ^ 0xFFFFFFFF)
    return bytes(data)


def numbering_bomb_docx() -> bytes:
    """Word numbering that starts at 999,999,999 in Roman numerals (a million 'M's if believed)."""
    document = docx.Document()
    for _ in range(50):
        document.add_paragraph("Nhiệm vụ", style="List Number")
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
        numbering = z.read("word/numbering.xml").decode("utf-8")
    numbering = numbering.replace('w:val="decimal"', 'w:val="upperRoman"').replace('<w:start w:val="1"/>', '<w:start w:val="999999999"/>')
    assert "999999999" in numbering and "upperRoman" in numbering
    return rezip(out.getvalue(), {"word/numbering.xml": numbering.encode("utf-8")})


def encrypted_office() -> bytes:
    """The start of an OLE compound file with the directory entries of an encrypted .docx."""
    entries = b"".join(n.encode("utf-16-le").ljust(128, b"\0") for n in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + entries


# ---------------------------------------------------------------------------
# The table of cases
# ---------------------------------------------------------------------------


@dataclass
class Hostile:
    id: str
    name: str  # the file name (its suffix may lie)
    build: Callable[[], bytes]
    error: type[Exception] | None = None
    match: str = ""  # regex the error's message must match
    codes: set[str] = field(default_factory=set)  # warnings of the partial result
    kwargs: dict[str, Any] = field(default_factory=dict)
    check: Callable[[vndirective.Directive], None] | None = None
    marks: tuple[Any, ...] = ()


def _founding_read(d: vndirective.Directive) -> None:
    assert (d.doc_id, d.issuer) == ("334-CV/HU", "HUYỆN ỦY LỤC NGẠN")


def _pages_1_and_3(d: vndirective.Directive) -> None:
    assert "Trang một" in d.text and "Trang ba" in d.text and d.text.count("\f") == 2  # page numbers stay true


def _first_500_pages(d: vndirective.Directive) -> None:
    assert d.text.count("\f") == 499 and "Trang 500." in d.text and "Trang 501." not in d.text


def _no_passwd(d: vndirective.Directive) -> None:
    assert "root:" not in d.text and "MARK" in d.text and d.doc_id == "334-CV/HU"


def _first_3_pages(d: vndirective.Directive) -> None:
    assert d.text.count("\f") == 2 and "Trang 3." in d.text and "Trang 4." not in d.text


def _short_labels(d: vndirective.Directive) -> None:
    assert len(d.text) < 5000


def _damaged_page(data: bytes) -> bytes:
    broken = data.replace(b"/MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 7", b"/MediaBox [0 0 595]     /Resources << /Font << /F1 3 0 R >> >> /Contents 7")
    assert broken != data
    return broken


CASES = [
    # PDF: encryption
    Hostile("pdf_encrypted_no_password", "locked.pdf", lambda: founding_pdf(PASSWORD), EncryptedDocument, r"password-protected.*password=.*--password"),
    Hostile("pdf_encrypted_wrong_password", "locked.pdf", lambda: founding_pdf(PASSWORD), EncryptedDocument, r"password given does not open", kwargs={"password": "wrong"}),
    Hostile("pdf_encrypted_non_latin_password", "locked.pdf", lambda: founding_pdf(PASSWORD), EncryptedDocument, r"password given", kwargs={"password": "mật khẩu"}),
    Hostile("pdf_encrypted_right_password", "locked.pdf", lambda: founding_pdf(PASSWORD), kwargs={"password": PASSWORD}, check=_founding_read),
    Hostile("pdf_encrypted_empty_user_password", "restricted.pdf", lambda: founding_pdf(""), check=_founding_read),  # copying "forbidden", reading not
    Hostile("pdf_password_not_needed", "open.pdf", founding_pdf, kwargs={"password": "unused"}, check=_founding_read),
    # PDF: damage
    *(Hostile(f"pdf_truncated_at_{cut}", "cut.pdf", lambda cut=cut: founding_pdf()[: int(len(founding_pdf()) * cut / 100)], CorruptDocument, r"damaged or truncated")
      for cut in (10, 50, 90, 99)),
    Hostile("pdf_header_then_garbage", "junk.pdf", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 64, CorruptDocument, r"damaged or truncated"),
    Hostile("pdf_one_damaged_page", "damaged.pdf", lambda: _damaged_page(three_pages()), codes={"page_unreadable"}, check=_pages_1_and_3),
    Hostile("pdf_wrong_extension", "cv334.docx", founding_pdf, check=_founding_read),
    # PDF: size
    Hostile("pdf_2000_pages", "long.pdf", lambda: make_pdf([[f"Trang {i}."] for i in range(1, 2001)]), codes={"pages_not_read"}, check=_first_500_pages),
    Hostile("pdf_2000_pages_lower_limit", "long.pdf", lambda: make_pdf([[f"Trang {i}."] for i in range(1, 2001)]), codes={"pages_not_read"},
            kwargs={"limits": Limits(max_pages=3)}, check=_first_3_pages),
    Hostile("pdf_flate_bomb", "bomb.pdf", lambda: assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream("/Filter [/FlateDecode /FlateDecode]", zlib.compress(zeros_deflated(300 * 2**20, level=1))),  # 300 MB in 8 kB
    ]), ResourceLimitExceeded, r"decompression bomb.*max_unpacked_bytes"),
    Hostile("pdf_image_20000x20000", "scan.pdf", lambda: image_page_pdf(20_000, 20_000), NoTextLayer, r"ocr=True", kwargs={"ocr": False}),
    Hostile(
        "pdf_page_20000x20000_points", "poster.pdf", lambda: image_page_pdf(100, 100, media=(20_000, 20_000)), NoTextLayer, r"ocr=True", kwargs={"ocr": False}
    ),
    # Word
    Hostile("docx_truncated", "cv.docx", lambda: make_docx()[: len(make_docx()) // 2], CorruptDocument, r"damaged or truncated"),
    Hostile("docx_truncated_named_txt", "cv.txt", lambda: make_docx()[: len(make_docx()) // 2], CorruptDocument, r"damaged or truncated"),
    Hostile("docx_zip_header_then_garbage", "cv.docx", lambda: b"PK\x03\x04" + bytes(range(256)) * 16, CorruptDocument, r"damaged or truncated"),
    Hostile("docx_bad_crc", "cv.docx", crc_damaged_docx, CorruptDocument, r"damaged or truncated.*CRC"),
    Hostile("docx_malformed_xml", "cv.docx", lambda: with_document_xml(lambda xml: xml[: len(xml) // 2]), CorruptDocument, r"damaged"),
    Hostile("docx_zip_bomb", "bomb.docx", zip_bomb_docx, ResourceLimitExceeded, r"zeros\.bin.*zip bomb.*max_zip_ratio"),
    Hostile("docx_declared_4gb_member", "bomb.docx", declared_bomb_docx, ResourceLimitExceeded, r"big\.bin.*zip bomb"),
    Hostile("docx_too_many_members", "many.docx", lambda: rezip(make_docx(), add={f"x/{i}.xml": b"" for i in range(10_001)}), ResourceLimitExceeded, r"members.*max_zip_members"),
    Hostile("docx_unpacked_over_limit", "big.docx", lambda: rezip(make_docx(), add={"word/media/noise.bin": random.Random(0).randbytes(2 * 2**20)}), ResourceLimitExceeded,
            r"unpacks to .* bytes.*max_unpacked_bytes", kwargs={"limits": Limits(max_unpacked_bytes=2**20)}),
    Hostile("docx_xxe", "xxe.docx", xxe_docx, codes={"docx_entities"}, check=_no_passwd),
    Hostile("docx_billion_laughs", "laughs.docx", laughs_docx, CorruptDocument, r"entities"),
    Hostile("docx_numbering_bomb", "numbers.docx", numbering_bomb_docx, check=_short_labels),
    Hostile("docx_encrypted", "locked.docx", encrypted_office, EncryptedDocument, r"password-protected.*msoffcrypto"),
    Hostile("docx_encrypted_with_password", "locked.docx", encrypted_office, EncryptedDocument, r"PDF files only", kwargs={"password": "x"}),
    # Other files
    Hostile("png_20000x20000", "scan.png", lambda: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + struct.pack(">II", 20_000, 20_000) + b"\x08\x02\0\0\0", UnsupportedFormat, r"PNG image"),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_hostile_file(tmp_path: Path, case: Hostile):
    path = tmp_path / case.name
    path.write_bytes(case.build())
    start = time.perf_counter()
    if case.error is not None:
        with pytest.raises(case.error) as info:
            vndirective.parse(path, **case.kwargs)
        message = str(info.value)
        assert isinstance(info.value, VndirectiveError)
        assert case.name in message, f"the message does not name the file: {message}"
        assert re.search(case.match, message, flags=re.S), message
    else:
        d = vndirective.parse(path, **case.kwargs)
        codes = {w.code for w in d.warnings}
        assert case.codes <= codes, f"expected warnings {case.codes - codes}, got {sorted(codes)}"
        if case.check is not None:
            case.check(d)
    assert time.perf_counter() - start < SECONDS


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb_docx())

    def no_unpacking(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipExtFile, "read", no_unpacking)
    with pytest.raises(ResourceLimitExceeded) as info:
        vndirective.parse(path)
    assert info.value.limit == "max_zip_ratio"


def test_flate_bomb_is_measured_without_inflating_it_whole():
    from vndirective.readers.pdf_streams import inflated_size

    bomb = zeros_deflated(64 * 2**20)
    assert inflated_size(bomb, 2**20) <= 2 * 2**20  # stops just past the limit
    assert inflated_size(bomb, 2**30) == 64 * 2**20
    assert inflated_size(b"not zlib", 100) == 0
    assert inflated_size(zlib.compress(bomb), 2**30, stages=2) == 64 * 2**20
    assert inflated_size(zlib.compress(bomb), 2**20, stages=2) <= 2 * 2**20


@pytest.mark.parametrize(
    ("streams", "budget", "refused"),
    [
        ([zeros_deflated(8 * 2**20)] + [zlib.compress(b"BT ET " * 50)] * 40, 2**20, True),  # one single-stage bomb among small streams
        ([zlib.compress(bytes(range(256)) * 160)] * 60, 2**20, True),  # none big, together past the limit
        ([zlib.compress(b"BT ET " * 50)] * 40, 2**30, False),
    ],
    ids=["bomb_among_small_streams", "many_small_streams_past_the_limit", "harmless"],
)
def test_streams_are_measured_until_the_rest_cannot_pass_the_limit(streams: list[bytes], budget: int, refused: bool):
    from vndirective.readers import pdf_streams

    data = assemble_pdf([b"<< /Type /Catalog >>", *(_stream("/Filter /FlateDecode", body) for body in streams)])
    sizes = list(pdf_streams._stream_sizes(data, budget) or [])
    assert (sum(sizes) > budget) is refused
    if not refused:  # proven harmless by deflate's greatest ratio without inflating anything
        assert sizes == []


def test_the_largest_stream_is_measured_first():
    from vndirective.readers import pdf_streams

    small, big = zlib.compress(b"x" * 1000), zeros_deflated(4 * 2**20)
    data = assemble_pdf([b"<< /Type /Catalog >>", _stream("/Filter /FlateDecode", small), _stream("/Filter /FlateDecode", big)])
    budget = len(big) * pdf_streams.DEFLATE_MAX_RATIO  # the big one must be measured; then the small one cannot pass
    assert list(pdf_streams._stream_sizes(data, budget) or []) == [4 * 2**20]


def test_a_lower_limit_refuses_a_smaller_bomb():
    path = CORPUS / "formats" / "334-CV-HU_luc-ngan_2021.pdf"  # its compressed streams unpack to some 100 kB
    with pytest.raises(ResourceLimitExceeded, match="max_unpacked_bytes"):
        vndirective.parse(path, limits=Limits(max_unpacked_bytes=10_000))


@pytest.mark.parametrize(
    ("size", "error", "limit"),
    [(300 * 2**20, ResourceLimitExceeded, "max_file_bytes"), (MAX_TEXT_BYTES + 1, ResourceLimitExceeded, "max_text_bytes")],
    ids=["over_max_file_bytes", "text_over_max_text_bytes"],
)
def test_huge_files_are_refused_without_reading_them(tmp_path: Path, size: int, error: type[Exception], limit: str):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(size)  # sparse: no time or disk spent
    start = time.perf_counter()
    with pytest.raises(error, match=r"huge\.txt") as info:
        vndirective.parse(path)
    assert info.value.limit == limit  # type: ignore[attr-defined]
    assert time.perf_counter() - start < 1


def test_a_big_binary_file_is_refused_by_its_first_bytes(tmp_path: Path):
    path = tmp_path / "disk.img"
    with path.open("wb") as f:
        f.truncate(MAX_TEXT_BYTES // 2)
    start = time.perf_counter()
    with pytest.raises(UnsupportedFormat, match=r"disk\.img: binary content"):
        vndirective.parse(path)
    assert time.perf_counter() - start < 1


def test_text_limit_is_above_what_the_pipeline_parses():
    from vndirective.core.pipeline import MAX_CHARS

    assert MAX_TEXT_BYTES >= 4 * MAX_CHARS  # a refused text file would have been too long anyway


def test_the_limit_survives_pickling():
    import pickle

    error = pickle.loads(pickle.dumps(ResourceLimitExceeded("x.docx: too big", limit="max_unpacked_bytes")))
    assert (str(error), error.limit) == ("x.docx: too big", "max_unpacked_bytes")


def test_typed_errors_are_also_builtin_errors(tmp_path: Path):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(founding_pdf(PASSWORD))
    with pytest.raises(PermissionError):
        vndirective.parse(locked)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(founding_pdf()[:2000])
    with pytest.raises(UnsupportedFormat):  # as before CorruptDocument existed
        vndirective.parse(cut)
    with pytest.raises(ValueError):
        vndirective.parse(cut)


# ---------------------------------------------------------------------------
# Encryption done by another tool: AES-256 with a Vietnamese password (qpdf)
# ---------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (apt-get install qpdf)")
def test_aes256_pdf_with_a_vietnamese_password(tmp_path: Path):
    path = tmp_path / "aes.pdf"
    subprocess.run(["qpdf", "--encrypt", "mật khẩu", "owner", "256", "--", str(CORPUS / "formats" / "334-CV-HU_luc-ngan_2021.pdf"), str(path)], check=True)
    with pytest.raises(EncryptedDocument, match=r"aes\.pdf.*password="):
        vndirective.parse(path)
    assert vndirective.parse(path, password="mật khẩu").doc_id == "334-CV/HU"


def test_cli_password(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from vndirective.cli import main

    path = tmp_path / "locked.pdf"
    path.write_bytes(founding_pdf(PASSWORD))
    assert main(["parse", str(path)]) == 2
    assert "--password" in capsys.readouterr().err
    assert main(["parse", str(path), "--password", PASSWORD]) == 0
    assert "334-CV/HU" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# OCR of huge pages: the render is capped
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "max_pixels", "expected"),
    [
        (595, 842, MAX_RENDER_PIXELS, 300 / 72),  # A4 at 300 dpi
        (842, 1191, MAX_RENDER_PIXELS, 300 / 72),  # A3 at 300 dpi
        (20_000, 20_000, MAX_RENDER_PIXELS, None),
        (14_400, 14_400, 1_000_000, None),
        (14_400, 1, MAX_RENDER_PIXELS, 300 / 72),  # a strip: few pixels at full resolution
        (14_400, 1, 10_000, None),
        (1, 14_400, 10_000, None),
        (0, 842, MAX_RENDER_PIXELS, 0.0),
        (-595, 842, MAX_RENDER_PIXELS, 0.0),
        (math.nan, 842, MAX_RENDER_PIXELS, 0.0),
        (math.inf, 842, MAX_RENDER_PIXELS, 0.0),
    ],
)
def test_render_scale_keeps_pages_under_the_pixel_limit(width: float, height: float, max_pixels: int, expected: float | None):
    from vndirective.readers.ocr import render_scale

    scale = render_scale(width, height, 300, max_pixels)
    if expected is not None:
        assert scale == pytest.approx(expected)
    else:
        assert 0 < scale < 300 / 72
        assert math.ceil(width * scale) * math.ceil(height * scale) <= max_pixels
        assert math.ceil(width * scale) * math.ceil(height * scale) > 0.9 * max_pixels or min(width, height) * scale < 2  # not needlessly small


def test_ocr_of_a_huge_page_is_downscaled(tmp_path: Path):
    from vndirective.readers import ocr

    if not ocr.available():
        pytest.skip("Tesseract with Vietnamese data is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    path = tmp_path / "poster.pdf"
    path.write_bytes(image_page_pdf(100, 100, media=(20_000, 20_000)))
    d = vndirective.parse(path, ocr=True, limits=Limits(max_render_pixels=1_000_000))
    codes = [w.code for w in d.warnings]
    assert {"render_downscaled", "ocr"} <= set(codes)
    assert "1,000,000 pixels" in next(w.message for w in d.warnings if w.code == "render_downscaled")
