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
