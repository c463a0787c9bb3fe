"""Digital signatures of PDFs (readers/signatures.py), on PDFs signed here with pyHanko and self-signed certificates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import vndirective

from .pdf_fixtures import pdf_with_widgets
from .signed_pdfs import make_signer, sign

pytest.importorskip("pdfplumber")
pytest.importorskip("pyhanko")


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The person signs, then the organ signs over it (Nghị định 30, Phụ lục I)."""
    tmp = tmp_path_factory.mktemp("certs")
    data = sign(pdf_with_widgets([]), make_signer(tmp, "Nguyễn Văn An", "ỦY BAN NHÂN DÂN TỈNH X"), "Person", (350, 500, 550, 580))
    return sign(data, make_signer(tmp, "Ủy ban nhân dân tỉnh X", "Ủy ban nhân dân tỉnh X"), "Organ", (330, 480, 450, 600))


def _parse(tmp_path: Path, data: bytes) -> vndirective.Directive:
    p = tmp_path / "signed.pdf"
    p.write_bytes(data)
    return vndirective.parse(p)


def test_each_signature_says_who_when_where_and_whether_the_bytes_are_intact(tmp_path, signed):
    person, organ = _parse(tmp_path, signed).digital_signatures
    assert (person.signer, person.organization, person.kind) == ("Nguyễn Văn An", "ỦY BAN NHÂN DÂN TỈNH X", "person")
    assert (organ.signer, organ.kind) == ("Ủy ban nhân dân tỉnh X", "organ")
    assert (person.field_name, person.page, person.box) == ("Person", 1, [350.0, 262.0, 550.0, 342.0])  # from the page's top
    assert person.signed_at is not None and person.signed_at.tzinfo is not None and person.cms_signed_at is not None
    assert (person.reason, person.location) == ("Ký văn bản", "Hà Nội")
    assert person.intact and person.valid and organ.intact and organ.valid
    assert not person.covers_whole_file and organ.covers_whole_file  # the organ's signature was added after the person's
    assert person.trust == organ.trust == "not_checked"  # no network: the certificate chain is not fetched


def test_bytes_changed_after_signing_are_seen(tmp_path, signed):
    at = signed.index(b"Noi dung van ban.")
    tampered = signed[:at] + b"Noi dung van bam." + signed[at + 17 :]
    signatures = _parse(tmp_path, tampered).digital_signatures
    assert signatures and not any(s.intact for s in signatures)


def test_signatures_survive_to_dict(tmp_path, signed):
    d = _parse(tmp_path, signed)
    back = vndirective.Directive.from_dict(d.to_dict())
    assert back.digital_signatures == d.digital_signatures
    assert isinstance(back.digital_signatures[0].signed_at, dt.datetime)


def test_an_unsigned_pdf_has_none(tmp_path):
    assert _parse(tmp_path, pdf_with_widgets([])).digital_signatures == []


REAL = Path(__file__).resolve().parents[2] / "shared" / "realfiles"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realfiles is absent")
def test_every_signed_real_pdf_gives_its_signatures_with_times_and_integrity():
    """Issue 13: digital_signatures on every signed real PDF (read at the reader's level, so that scans count
    too: parsing a scan without OCR is a NoTextLayer error)."""
    import pdfplumber

    from vndirective.readers.signatures import read_signatures

    signed = [p for p in sorted(REAL.glob("*.pdf")) if b"/ByteRange" in p.read_bytes()]
    assert len(signed) >= 15
    for path in signed:
        with pdfplumber.open(path) as pdf:
            sigs = read_signatures(pdf.doc, path.read_bytes(), {})
        assert sigs, path.name
        assert all(s.signer and s.kind and s.signed_at and s.signed_at.tzinfo for s in sigs), path.name
        assert all(s.intact and s.valid for s in sigs), path.name
        assert sigs[-1].covers_whole_file, path.name  # the last signature covers the file as published


@pytest.mark.parametrize(
    ("digits", "expected"),
    [(b"3082", b"\x30\x82"), (b"30 82\n01\r\n", b"\x30\x82\x01"), (b"308", b"\x30\x80"), (b"3 08", b"\x30\x80"), (b"", b"")],
    ids=["plain", "white_space", "odd", "odd_with_space", "empty"],
)
def test_a_signatures_hexadecimal_contents_read_as_the_pdf_standard_says(digits: bytes, expected: bytes):
    from vndirective.readers.signatures import _hex_bytes

    assert _hex_bytes(digits) == expected


def _pdf_with_object_stream(kept: list[bytes]) -> bytes:
    """A PDF whose objects 3, 4, ... (``kept``) live in object stream 2, found through a cross-reference stream."""
    import struct
    import zlib

    bodies = b""
    header = []
    for k, body in enumerate(kept):
        header.append(f"{3 + k} {len(bodies)}")
        bodies += body + b"\n"
    head = (" ".join(header) + "\n").encode()
    objstm = zlib.compress(head + bodies)
    out = bytearray(b"%PDF-1.5\n")
    offsets = {1: len(out)}
    out += b"1 0 obj\n<< /Type /Catalog /AcroForm 3 0 R >>\nendobj\n"
    offsets[2] = len(out)
    out += f"2 0 obj\n<< /Type /ObjStm /N {len(kept)} /First {len(head)} /Filter /FlateDecode /Length {len(objstm)} >>\nstream\n".encode()
    out += objstm + b"\nendstream\nendobj\n"
    xref_at = len(out)
    size = 3 + len(kept) + 1
    rows = [struct.pack(">BIH", 0, 0, 65535), struct.pack(">BIH", 1, offsets[1], 0), struct.pack(">BIH", 1, offsets[2], 0)]
    rows += [struct.pack(">BIH", 2, 2, k) for k in range(len(kept))]
    rows.append(struct.pack(">BIH", 1, xref_at, 0))
    table = b"".join(rows)
    out += f"{size - 1} 0 obj\n<< /Type /XRef /Size {size} /W [1 4 2] /Root 1 0 R /Length {len(table)} >>\nstream\n".encode()
    out += table + b"\nendstream\nendobj\n" + f"startxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


@pytest.mark.parametrize("index", [0, 1, 2], ids=["first", "middle", "last"])
def test_an_object_kept_in_an_object_stream_is_read_alone_as_pdfminer_reads_it(index: int):
    pytest.importorskip("pdfplumber")
    import io

    import pdfplumber
    from pdfminer.pdftypes import PDFObjRef, resolve1

    from vndirective.readers.signatures import _from_object_stream

    kept = [b"<< /Fields [4 0 R] /SigFlags 3 >>", b"<< /FT /Sig /T (Signature1) /Rect [10 20 110 60] /P 1 0 R >>", b"[1 (two) /Three]"]
    data = _pdf_with_object_stream(kept)
    alone = _from_object_stream(pdfplumber.open(io.BytesIO(data)).doc, 3 + index)
    doc = pdfplumber.open(io.BytesIO(data)).doc
    whole = resolve1(PDFObjRef(doc, 3 + index))
    assert alone is not None and repr(alone) == repr(whole)


def test_signed_ranges_hashed_in_turn_give_each_ranges_own_digest():
    import hashlib

    from vndirective.readers.signatures import SignedDigests

    data = bytes(range(256)) * 400
    ranges = [[0, 1000, 2000, 500], [0, 5000, 6000, 100], [0, 3000, 4000, 10], [0, 5000, 5500, 20], [10, 100, 200, 5], [0, 0, 0, 0]]
    digests = SignedDigests(data)
    for algorithm in ("sha256", "sha1"):
        for start, length, second, more in ranges:
            expected = hashlib.new(algorithm, data[start : start + length] + data[second : second + more]).digest()
            assert digests.of(algorithm, [start, length, second, more]) == expected
