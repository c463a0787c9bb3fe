"""Digital signatures in the Thông tư 05 packages: PREMIS signatureInformation in an AIP, and where they stay in a SIP.

The PDFs are made-up letters signed here with pyHanko (tests/signed_pdfs.py): the person, then the organ over it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("lxml")
pytest.importorskip("pdfplumber")
pytest.importorskip("pyhanko")

from lxml import etree

import vndirective
from vndirective.exports.tt05 import ArchiveSettings, build_package, check_premis, tt05, validate_package

from .signed_pdfs import ORGAN, PERSON, signed_letter, signer_values

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {
    "agency_id": "000.00.12.H10",
    "agency_name": "Văn phòng UBND tỉnh X",
    "file_code": "H10.2026.01.VP",
    "file_title": "Hồ sơ công văn phòng cháy năm 2026",
    "retention": "20 năm",
    "access_mode": "01",
    "archive_code": "LTLS.H10",
}
# A made-up note without any signature, packed with the signed letter.
NOTE = """ỦY BAN NHÂN DÂN
TỈNH X
Số: 15/UBND-VP
Hà Nội, ngày 09 tháng 3 năm 2026
V/v báo cáo kết quả kiểm tra phòng cháy
Kính gửi: Các sở, ban, ngành
Nội dung báo cáo.
Nơi nhận:
- Như trên;
- Lưu: VT, VP.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Lê Văn Cường
"""
NS = {"premis": "http://www.loc.gov/premis/v3", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
PREMIS_REP = "representations/rep1/metadata/preservation/PREMIS_rep1.xml"
TZ7 = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return signed_letter(tmp_path_factory.mktemp("certs"), [("Person", *PERSON), ("Organ", *ORGAN)])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, letter: bytes) -> Path:
    d = tmp_path_factory.mktemp("hoso")
    (d / "cv-12.pdf").write_bytes(letter)
    (d / "bc-15.txt").write_text(NOTE, "utf-8")
    return d


@pytest.fixture(scope="module")
def aip(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(folder, tmp_path_factory.mktemp("aip") / "AIP_hoso", ArchiveSettings.from_dict(SETTINGS), package="AIP")


@pytest.fixture(scope="module")
def sip(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(folder, tmp_path_factory.mktemp("sip") / "SIP_hoso", ArchiveSettings.from_dict(SETTINGS))


def _file_object(package: Path, name: str) -> Any:
    premis = etree.parse(str(package / PREMIS_REP)).getroot()
    return premis.xpath(f"premis:object[premis:originalName = '{name}']", namespaces=NS)[0]


def _signatures(package: Path, name: str) -> list[dict[str, Any]]:
    """Each premis:signature of the file object of ``name``: its children's names in order, and their texts."""
    out = []
    for sig in _file_object(package, name).xpath("premis:signatureInformation/premis:signature", namespaces=NS):
        kids = [etree.QName(c).localname for c in sig]
        texts: dict[str, Any] = {k: sig.findtext(f"premis:{k}", namespaces=NS) for k in kids}
        texts["signatureProperties"] = [p.text for p in sig.findall("premis:signatureProperties", NS)]
        out.append({"order": kids, **texts})
    return out


def test_the_aip_describes_each_signature_of_a_signed_file(aip, letter: bytes) -> None:
    assert aip.valid, (aip.missing, aip.problems)
    assert validate_package(aip.path) == []
    obj = _file_object(aip.path, "cv-12.pdf")
    kids = [etree.QName(c).localname for c in obj]
    assert kids[-2:] == ["storage", "signatureInformation"]  # PREMIS order: after storage
    person, organ = _signatures(aip.path, "cv-12.pdf")
    order = tt05()["premis"]["order"]["signature"]
    for sig in (person, organ):
        assert [k for k in order if k in sig["order"]] == list(dict.fromkeys(sig["order"]))  # PREMIS 3's sequence
        assert sig["signatureEncoding"] == "Base64"
        assert sig["signatureMethod"] == "RSA-SHA256; PDF /SubFilter adbe.pkcs7.detached"
        assert "/ByteRange" in sig["signatureValidationRules"] and "pyHanko" in sig["signatureValidationRules"]
        assert "trust" in sig["signatureValidationRules"] and "not checked" in sig["signatureValidationRules"]
    assert person["signer"] == "CN=Nguyễn Văn An, O=ỦY BAN NHÂN DÂN TỈNH X"
    assert organ["signer"] == "CN=Ủy ban nhân dân tỉnh X, O=Ủy ban nhân dân tỉnh X"
    values = signer_values(letter)  # the value is the file's own, not a made-up one
    assert base64.b64decode(person["signatureValue"]) == values["Person"]
    assert base64.b64decode(organ["signatureValue"]) == values["Organ"]


def test_signature_properties_times_kind_and_checks(aip, folder: Path) -> None:
    parsed = vndirective.parse(folder / "cv-12.pdf").digital_signatures
    person, organ = _signatures(aip.path, "cv-12.pdf")
    for sig, read in ((person, parsed[0]), (organ, parsed[1])):
        props = dict(p.split(": ", 1) for p in sig["signatureProperties"])
        assert props["signingTime (/M)"] == read.signed_at.astimezone(TZ7).isoformat(timespec="seconds")
        assert props["signingTime (CMS)"] == read.cms_signed_at.astimezone(TZ7).isoformat(timespec="seconds")
        assert props["signingTime (/M)"].endswith("+07:00")
        assert (props["intact"], props["valid"], props["certificateTrust"]) == ("true", "true", "not checked (no network)")
        assert (props["reason"], props["location"]) == ("Ký văn bản", "Hà Nội")
    assert "signerKind: person" in person["signatureProperties"] and "signerKind: organ" in organ["signatureProperties"]
    assert "field: Person (page 1)" in person["signatureProperties"]
    assert "coversWholeFile: false" in person["signatureProperties"]  # the organ signed after the person
    assert "coversWholeFile: true" in organ["signatureProperties"]


def test_a_file_without_signatures_has_no_signature_information(aip) -> None:
    assert _file_object(aip.path, "bc-15.txt").find("premis:signatureInformation", NS) is None


def test_a_stamp_printed_in_the_text_is_not_a_signature_of_the_file(tmp_path: Path) -> None:
    stamp = NOTE.replace(
        "Lê Văn Cường\n", "Lê Văn Cường\n\nNgười ký: Lê Văn Cường\nCơ quan: Ủy ban nhân dân tỉnh X\nThời gian ký: 09-03-2026 10:15:00 +07:00\n"
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bc-15.txt").write_text(stamp, "utf-8")
    assert [s.source for s in vndirective.parse(tmp_path / "in" / "bc-15.txt").digital_signatures] == ["text"]
    report = build_package(tmp_path / "in", tmp_path / "aip", ArchiveSettings.from_dict(SETTINGS), package="AIP")
    assert report.valid, report.problems
    assert _file_object(report.path, "bc-15.txt").find("premis:signatureInformation", NS) is None


def test_without_the_file_facts_the_value_is_a_reference_to_the_field(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the signature dictionaries cannot be read at packing time (no pyHanko, a file it cannot open), signatureValue
    names where the value is, signatureEncoding says so, and signatureMethod says what is not known."""
    from vndirective.exports.tt05 import premis

    monkeypatch.setattr(premis, "read_cms_facts", lambda path: {})
    report = build_package(folder, tmp_path / "aip", ArchiveSettings.from_dict(SETTINGS), package="AIP")
    assert report.valid, report.problems
    person, _organ = _signatures(report.path, "cv-12.pdf")
    table = tt05()["premis"]["signature"]
    assert person["signatureEncoding"] == table["encoding_reference"]
    assert (
        person["signatureValue"]
        == "not copied: the signature value is in the CMS SignedData of the PDF signature field 'Person' of data/cv-12.pdf (its /Contents)"
    )
    assert person["signatureMethod"] == table["method_unknown"]
    assert person["signer"] == "CN=Nguyễn Văn An, O=ỦY BAN NHÂN DÂN TỈNH X"  # from the parse: still known


SIGNATURE_DAMAGE = [
    # (old, new, expected problem)
    (r"<premis:signatureValue>[^<]*</premis:signatureValue>", "", "signature has no signatureValue"),
    (r"<premis:signatureMethod>[^<]*</premis:signatureMethod>", "<premis:signatureMethod></premis:signatureMethod>", "signatureMethod is empty"),
    (r"(<premis:signer>[^<]*</premis:signer>)(<premis:signatureMethod>[^<]*</premis:signatureMethod>)", r"\2\1", "signature: children out of the PREMIS order"),
    (r"<premis:signatureValue>[A-Za-z0-9+/]{8}", "<premis:signatureValue>not*b64!", "signatureValue is not Base64"),
    (r"<premis:signatureInformation>.*</premis:signatureInformation>", "<premis:signatureInformation/>", "signatureInformation is empty"),
]


@pytest.mark.parametrize(("old", "new", "expected"), SIGNATURE_DAMAGE)
def test_check_premis_reads_the_signatures(aip, tmp_path: Path, old: str, new: str, expected: str) -> None:
    import re

    copy = tmp_path / "copy"
    shutil.copytree(aip.path, copy)
    path = copy / PREMIS_REP
    text = re.sub(r">\s+<", "><", path.read_text("utf-8"))  # one line: the patterns need not follow the indentation
    damaged = re.sub(old, new, text, count=1, flags=re.S)
    assert damaged != text
    path.write_text(damaged, "utf-8")
    problems = check_premis(path, copy, copy / "representations/rep1")
    assert any(expected in p for p in problems), problems


def test_the_sip_keeps_signatures_in_the_file_and_the_record_only(sip, letter: bytes) -> None:
    """A SIP has no PREMIS and EAD_doc has no element for a digital signature: the signed file is kept byte for byte
    (its SHA-256 in rep1's METS) and the JSON record keeps Directive.digital_signatures; no TT 05 element is invented."""
    assert sip.valid, (sip.missing, sip.problems)
    rep = sip.path / "representations/rep1"
    assert (rep / "data/cv-12.pdf").read_bytes() == letter
    assert not list(sip.path.rglob("PREMIS*.xml"))
    ead = etree.parse(str(rep / "metadata/descriptive/EAD_doc_cv-12_pdf.xml")).getroot()
    assert [etree.QName(c).localname for c in ead] == [e["name"] for e in tt05()["doc_elements"]["SIP"]]
    assert not any(PERSON[0] in (c.text or "") for c in ead)  # not in autograph, description or any other element
    record = json.loads((rep / "metadata/other/vndirective/cv-12_pdf.json").read_text("utf-8"))
    kept = record["directive"]["digital_signatures"]
    assert [(s["signer"], s["kind"], s["source"], s["intact"]) for s in kept] == [(PERSON[0], "person", "file", True), (ORGAN[0], "organ", "file", True)]


def test_the_choices_and_the_docs_say_where_signatures_go() -> None:
    points = {c["point"]: c for c in tt05()["choices"]}
    assert {"PREMIS signatureInformation", "PREMIS signatureValue", "Digital signatures in a SIP and in EAD_doc"} <= set(points)
    docs = (ROOT / "docs" / "archive.md").read_text("utf-8")
    assert "digital signatures are not read" not in docs
    assert "signatureInformation" in docs.split("## AIP_hoso", 1)[1].split("Not in the AIP:", 1)[0]
