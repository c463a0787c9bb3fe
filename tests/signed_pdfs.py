"""Digitally signed PDFs for the tests: made-up documents (tests/pdf_fixtures.py) signed here with pyHanko and
self-signed certificates made on the spot (the reader's tests and the export tests). Needs pyHanko: the test
modules that use this call ``pytest.importorskip("pyhanko")`` first."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from .pdf_fixtures import pdf_with_lines

# A made-up outgoing công văn, in the unaccented letters the fixture's Helvetica can print (the parser reads them);
# its signature block gives the authority and the title, and no name: as a scan whose name is only in the seal image.
LETTER = [
    "UY BAN NHAN DAN",
    "TINH X",
    "So: 12/UBND-VP",
    "Ha Noi, ngay 05 thang 3 nam 2026",
    "V/v tang cuong cong tac phong chong chay",
    "Kinh gui: Cac so, ban, nganh",
    "Noi dung van ban.",
    "Noi nhan:",
    "- Nhu tren;",
    "- Luu: VT, VP.",
    "KT. CHU TICH",
    "PHO CHU TICH",
]
PERSON = ("Nguyễn Văn An", "ỦY BAN NHÂN DÂN TỈNH X")
ORGAN = ("Ủy ban nhân dân tỉnh X", "Ủy ban nhân dân tỉnh X")
PERSON_BOX = (350, 500, 550, 580)
ORGAN_BOX = (330, 480, 450, 600)


def make_signer(folder: Path, common_name: str, organization: str) -> Any:
    """A pyHanko signer with a new RSA key and a self-signed certificate naming ``common_name`` of ``organization``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name), x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization)])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    stem = folder / f"{common_name.replace(' ', '_')}-{x509.random_serial_number()}"
    stem.with_suffix(".key").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    stem.with_suffix(".crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return signers.SimpleSigner.load(str(stem.with_suffix(".key")), str(stem.with_suffix(".crt")))


def sign(data: bytes, signer: Any, field: str, box: tuple[int, int, int, int]) -> bytes:
    """``data`` with one more signature, in a new field ``field`` on page 1 (an incremental update, as signing tools add)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    meta = signers.PdfSignatureMetadata(field_name=field, reason="Ký văn bản", location="Hà Nội")
    out = signers.sign_pdf(writer, meta, signer=signer, new_field_spec=fields.SigFieldSpec(field, box=box, on_page=0))
    return bytes(out.getvalue())


def signed_letter(folder: Path, signers: list[tuple[str, str, str]], lines: list[str] | None = None) -> bytes:
    """The made-up letter (or ``lines``) signed in turn by each (field, common name, organization): the person first, then
    the organ over it, as Nghị định 30 has it."""
    data = pdf_with_lines(lines or LETTER)
    for k, (field, common_name, organization) in enumerate(signers):
        box = PERSON_BOX if k == 0 else ORGAN_BOX if field == "Organ" else (300 - 10 * k, 400, 500 - 10 * k, 460)
        data = sign(data, make_signer(folder, common_name, organization), field, box)
    return data


def signer_values(data: bytes) -> dict[str, bytes]:
    """The CMS SignerInfo signature octets of each signature field of a PDF, read with pyHanko: what PREMIS must carry."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    return {str(e.field_name): bytes(e.signer_info["signature"].native) for e in PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures}
