"""Nghị định 30 records and digital signatures: SignerInfo.FullName from the certificate of the person's signature
when the text prints no name — said in the record's problems, never from an organ's certificate.

The PDFs are made-up letters signed here with pyHanko (tests/signed_pdfs.py); the texts are made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("pyhanko")

import vndirective
from vndirective.core import codes
from vndirective.core.model import DigitalSignature
from vndirective.exports.nd30 import register_rows, to_record

from .signed_pdfs import LETTER, ORGAN, PERSON, signed_letter

ROOT = Path(__file__).resolve().parent.parent
FULL_NAME = "Họ và tên người ký văn bản (SignerInfo.FullName)"
# A made-up letter as text, its signature block without a name (the name is only in the seal image of the scan).
TEXT = """ỦY BAN NHÂN DÂN
TỈNH X
Số: 12/UBND-VP
Hà Nội, ngày 05 tháng 3 năm 2026
V/v tăng cường công tác phòng cháy
Kính gửi: Các sở, ban, ngành
Nội dung văn bản.
Nơi nhận:
- Như trên;
- Lưu: VT, VP.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
"""


def _parse(tmp_path: Path, data: bytes, name: str = "signed.pdf") -> vndirective.Directive:
    path = tmp_path / name
    path.write_bytes(data)
    return vndirective.parse(path)


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("certs")


@pytest.fixture(scope="module")
def person_and_organ(certs: Path) -> bytes:
    return signed_letter(certs, [("Person", *PERSON), ("Organ", *ORGAN)])


@pytest.mark.parametrize("kind", ["nd30-outgoing", "nd30-incoming"])
def test_the_name_comes_from_the_persons_certificate_with_a_note(tmp_path: Path, person_and_organ: bytes, kind: str) -> None:
    d = _parse(tmp_path, person_and_organ)
    assert d.signature is not None and d.signature.name is None  # the text prints no name
    r = to_record(d, kind)
    assert r.fields["SignerInfo.FullName"] == "Nguyễn Văn An"  # the person's, not the organ's 'Ủy ban nhân dân tỉnh X'
    assert r.fields["SignerInfo.Position"] == "PHÓ CHỦ TỊCH"  # still the text's
    notes = [p for p in r.problems if p.startswith(FULL_NAME)]
    assert notes == [
        f"{FULL_NAME}: not printed in the text; 'Nguyễn Văn An' is the name (CN) in the certificate of the person's digital signature "
        "(field 'Person') of the file — the signature is intact and valid; the certificate's trust was not checked: check it against the document"
    ]


def test_the_texts_name_is_kept(tmp_path: Path, certs: Path) -> None:
    data = signed_letter(certs, [("Person", *PERSON)], [*LETTER, "Tran Thi Binh"])
    d = _parse(tmp_path, data)
    assert d.signature is not None and d.signature.name == "Tran Thi Binh"
    r = to_record(d)
    assert r.fields["SignerInfo.FullName"] == "Tran Thi Binh"
    assert not any(p.startswith(FULL_NAME) for p in r.problems)


def test_an_organs_certificate_is_never_the_signer(tmp_path: Path, certs: Path) -> None:
    d = _parse(tmp_path, signed_letter(certs, [("Organ", *ORGAN)]))
    assert [s.kind for s in d.digital_signatures] == ["organ"]
    r = to_record(d)
    assert r.fields["SignerInfo.FullName"] == ""
    assert [p for p in r.problems if p.startswith(FULL_NAME)] == [f"{FULL_NAME}: not found in the document"]


def test_several_persons_give_no_name(tmp_path: Path, certs: Path) -> None:
    d = _parse(tmp_path, signed_letter(certs, [("Person", *PERSON), ("Reviewer", "Trần Thị Bình", PERSON[1])]))
    assert [s.kind for s in d.digital_signatures] == ["person", "person"]
    r = to_record(d)
    assert r.fields["SignerInfo.FullName"] == ""
    assert (
        f"{FULL_NAME}: not printed in the text; the file carries the digital signatures of several persons (Nguyễn Văn An; Trần Thị Bình): none is taken as the signer"
        in r.problems
    )


def test_a_broken_signature_gives_no_name(tmp_path: Path, person_and_organ: bytes) -> None:
    at = person_and_organ.index(b"Noi dung van ban.")
    tampered = person_and_organ[:at] + b"Noi dung van bam." + person_and_organ[at + 17 :]
    d = _parse(tmp_path, tampered)
    assert d.digital_signatures[0].intact is False
    r = to_record(d)
    assert r.fields["SignerInfo.FullName"] == ""
    assert any(p.startswith(f"{FULL_NAME}: the digital signature of 'Nguyễn Văn An' (field 'Person') does not verify") for p in r.problems)


def test_a_made_up_text_with_the_files_signatures(tmp_path: Path, person_and_organ: bytes) -> None:
    """The text of a letter (as a conversion gives it) with the signatures read from its signed file."""
    d = vndirective.parse_text(TEXT)
    assert to_record(d).fields["SignerInfo.FullName"] == ""
    d.digital_signatures = _parse(tmp_path, person_and_organ).digital_signatures
    assert to_record(d, "nd30-incoming").fields["SignerInfo.FullName"] == "Nguyễn Văn An"
    d.digital_signatures = [s for s in d.digital_signatures if s.kind == "organ"]
    assert to_record(d).fields["SignerInfo.FullName"] == ""


def test_a_stamp_printed_in_the_text_is_not_a_certificate() -> None:
    d = vndirective.parse_text(TEXT)
    d.digital_signatures = [DigitalSignature(signer="Nguyễn Văn An", organization="Ủy ban nhân dân tỉnh X", kind="person", source="text")]
    r = to_record(d)
    assert r.fields["SignerInfo.FullName"] == ""
    assert [p for p in r.problems if p.startswith(FULL_NAME)] == [f"{FULL_NAME}: not found in the document"]


def test_the_register_keeps_the_texts_name(tmp_path: Path, person_and_organ: bytes) -> None:
    d = _parse(tmp_path, person_and_organ)
    assert register_rows([d])[0]["Người ký"] == "PHÓ CHỦ TỊCH"


def test_text_only_turns_it_off(tmp_path: Path, person_and_organ: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    d = _parse(tmp_path, person_and_organ)
    choice = codes.load("nd30")["choices"]["signer_from_certificate"]
    monkeypatch.setitem(choice, "value", "text_only")
    assert to_record(d).fields["SignerInfo.FullName"] == ""


def test_the_choice_is_documented() -> None:
    assert codes.load("nd30")["choices"]["signer_from_certificate"]["value"] == "person_certificate"
    assert "(`signer_from_certificate`)" in (ROOT / "docs" / "records.md").read_text("utf-8")
