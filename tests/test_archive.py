"""Archive packages of a hồ sơ (Thông tư 05/2025/TT-BNV): build, validate, read back."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("lxml")
pytest.importorskip("pdfplumber")

from lxml import etree

import vndirective
from vndirective.cli import main
from vndirective.exports.tt05 import ArchiveSettings, build_package, mets_schema, read_package, tt05, validate_package

from .pdf_fixtures import write_pdf

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = [
    CORPUS / "334-CV-HU_luc-ngan_2021.md",
    CORPUS / "57_ubnd-tiendu-cv-pccc.txt",
    CORPUS / "formats" / "41_hu-yenthe-cv-khan-bao.pdf",
    CORPUS / "formats" / "40_tu-ninhbinh-nq-chuyen-doi-so.pdf",
]
SETTINGS = {
    "agency_id": "000.00.12.H10",
    "agency_name": "Văn phòng Huyện ủy",
    "file_code": "H10.2024.01.VP",
    "file_title": "Hồ sơ văn bản chỉ đạo, điều hành năm 2024",
    "retention": "20 năm",
    "access_mode": "01",
    "creator": "Nguyễn Thị Lưu",
}
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)
EAD_DOC = "representations/rep1/metadata/descriptive"
XL = "http://www.w3.org/1999/xlink"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
NS = {"m": "http://www.loc.gov/METS/", "xlink": XL, "csip": CSIP, "premis": "http://www.loc.gov/premis/v3"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("hoso")
    for f in FILES:
        shutil.copy(f, d / f.name)
    return d


@pytest.fixture(scope="module")
def package(folder: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("pkg") / "SIP_hoso"
    return build_package(folder, out, ArchiveSettings.from_dict(SETTINGS))


def _mets(path: Path):
    return etree.parse(str(path), SAFE).getroot()


def _simpledc(path: Path) -> dict[str, str]:
    root = etree.parse(str(path), SAFE).getroot()
    assert root.tag == "simpledc"
    return {c.tag: c.text or "" for c in root}


def test_valid_package(package) -> None:
    assert package.valid, (package.missing, package.problems)
    assert package.missing == [] and package.problems == []
    assert validate_package(package.path) == []
    assert len(package.documents) == 4
    # Text formats have no fixed pages: said, not guessed.
    assert sum("page count unknown" in w for w in package.warnings) == 2


def test_layout_and_checksums(package) -> None:
    root = package.path
    lay = tt05()["layout"]
    for key in ("mets", "file_ead", "representation_mets"):
        assert (root / lay[key]).is_file()
    for f in FILES:
        copied = root / lay["data"] / f.name
        assert copied.read_bytes() == f.read_bytes()
    mets, rep = _mets(root / "METS.xml"), _mets(root / lay["representation_mets"])
    assert mets.tag == "{http://www.loc.gov/METS/}mets"
    assert len(mets.findall(".//m:file", NS)) == 4 + 1  # METS.xsd, xlink.xsd, EAD.xsd, EAD_doc.xsd; rep1's METS.xml
    assert len(rep.findall(".//m:file", NS)) == 4  # the data files
    for base, m in ((root, mets), (root / lay["representation"], rep)):
        for holder, loc in [(f, f.find("m:FLocat", NS)) for f in m.iterfind(".//m:file", NS)] + [(r, r) for r in m.iterfind(".//m:mdRef", NS)]:
            href = loc.get(f"{{{XL}}}href")
            assert holder.get("CHECKSUMTYPE") == "SHA-256"
            assert holder.get("CHECKSUM") == hashlib.sha256((base / href).read_bytes()).hexdigest().upper()
    assert len(mets.findall("m:dmdSec", NS)) == 1 and len(rep.findall("m:dmdSec", NS)) == 4 + 4  # EAD_doc and record per document
    assert mets.find("m:metsHdr", NS).get("{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}OAISPACKAGETYPE") == "SIP"


def test_ead_values_from_documents(package) -> None:
    root = package.path
    ead = _simpledc(root / tt05()["layout"]["file_ead"])
    assert list(ead) == [e["name"] for e in tt05()["file_elements"]["SIP"]]
    assert len(ead) == 18
    assert ead["startDate"] == "20/06/2021" and ead["endDate"] == "12/09/2024"
    assert ead["totalDoc"] == "4"
    pages = [max(b.page for b in vndirective.parse(f).boxes) for f in FILES if f.suffix == ".pdf"]
    assert ead["numberOfPage"] == str(sum(pages))
    assert ead["maintenance"] == "05" and ead["mode"] == "01" and ead["language"] == "01"
    assert ead["title"] == SETTINGS["file_title"]
    docs = {p.name: _simpledc(p) for p in sorted((root / EAD_DOC).glob("EAD_doc_*.xml"))}
    assert len(docs) == 4
    cv = docs["EAD_doc_57_ubnd-tiendu-cv-pccc_txt.xml"]
    assert cv["typeName"] == "22" and cv["codeNumber"] == "823" and cv["codeNotation"] == "UBND-VP"
    assert cv["issuedDate"] == "14/05/2024" and cv["organName"] == "ỦY BAN NHÂN DÂN HUYỆN TIÊN DU"
    assert cv["docId"] == "H10.2024.01.VP.3" and cv["docCode"] == "H10.2024.01.VP.0000003"
    assert cv["numberOfPage"] == ""
    nq = docs["EAD_doc_40_tu-ninhbinh-nq-chuyen-doi-so_pdf.xml"]
    assert nq["typeName"] == "01" and nq["numberOfPage"] == str(pages[1]) and nq["docId"].endswith(".2")


def test_round_trip(package) -> None:
    back = read_package(package.path)
    by_id = {d.doc_id: d for d in back}
    assert len(back) == 4
    for f in FILES:
        d = vndirective.parse(f).to_dict()
        got = by_id[d["doc_id"]].to_dict()
        d.pop("source"), got.pop("source")
        assert got == d


def test_utf8_vietnamese(package) -> None:
    raw = (package.path / tt05()["layout"]["file_ead"]).read_bytes()
    assert raw.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert "Hồ sơ văn bản chỉ đạo, điều hành năm 2024" in raw.decode("utf-8")
    mets = (package.path / "METS.xml").read_bytes().decode("utf-8")
    assert "Văn phòng Huyện ủy" in mets


def test_tampered_file(package, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(package.path, copy)
    target = copy / tt05()["layout"]["data"] / "57_ubnd-tiendu-cv-pccc.txt"
    raw = target.read_bytes()
    assert b"823" in raw
    target.write_bytes(raw.replace(b"823", b"824", 1))  # same size: only the checksum can tell
    problems = validate_package(copy)
    assert "representations/rep1/data/57_ubnd-tiendu-cv-pccc.txt: checksum mismatch (the file changed after packing)" in problems
    (copy / "extra.txt").write_text("x")
    (copy / tt05()["layout"]["data"] / "41_hu-yenthe-cv-khan-bao.pdf").unlink()
    problems = validate_package(copy)
    assert any(p.startswith("extra.txt: in the package but not listed") for p in problems)
    assert any("41_hu-yenthe-cv-khan-bao.pdf: listed in METS but missing" in p for p in problems)


def test_bad_xml_and_bad_codes(package, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(package.path, copy)
    ead = copy / tt05()["layout"]["file_ead"]
    ead.write_text(ead.read_text("utf-8").replace("<mode>01</mode>", "<mode>09</mode>"), "utf-8")
    assert any("mode (Chế độ sử dụng): '09' is not a code" in p for p in validate_package(copy))
    ead.write_text("<simpledc><title>x</simpledc>", "utf-8")
    assert any("not well-formed" in p for p in validate_package(copy))


def test_missing_settings(folder: Path, tmp_path: Path) -> None:
    partial = {k: v for k, v in SETTINGS.items() if k not in ("retention", "access_mode", "agency_id")}
    report = build_package(folder, tmp_path / "p", ArchiveSettings.from_dict(partial))
    assert not report.valid
    assert [m.split(" ")[0] for m in report.missing] == ["agency_id", "retention", "access_mode"]
    assert report.problems == []
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps(partial, ensure_ascii=False), "utf-8")
    assert main(["archive", str(folder), "--out", str(tmp_path / "cli1"), "--settings", str(settings)]) == 1
    code = main(
        ["archive", str(folder), "--out", str(tmp_path / "cli2"), "--settings", str(settings), "--retention", "01", "--access", "01", "--agency-id", "H10"]
    )
    assert code == 0
    assert validate_package(tmp_path / "cli2") == []


def test_secret_document_needs_mode_03(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "46_ubkttu-quangtri-tb-ket-luan-mat.txt", src)
    report = build_package(src, tmp_path / "p", ArchiveSettings.from_dict(SETTINGS))
    assert any("carries the mark MẬT" in p for p in report.problems)
    ok = build_package(src, tmp_path / "p2", ArchiveSettings.from_dict({**SETTINGS, "access_mode": "Mật"}))
    assert not any("carries the mark" in p for p in ok.problems)


def test_settings_file_and_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown archive settings"):
        ArchiveSettings.from_dict({"retenton": "01"})
    out = tmp_path / "full"
    out.mkdir()
    (out / "x").write_text("x")
    with pytest.raises(FileExistsError):
        build_package(CORPUS / "57_ubnd-tiendu-cv-pccc.txt", out, ArchiveSettings())
    report = build_package([CORPUS / "57_ubnd-tiendu-cv-pccc.txt"], tmp_path / "p", ArchiveSettings.from_dict({**SETTINGS, "retention": "forever"}))
    assert any(p.startswith("retention: 'forever' is not in the list maintenance") for p in report.problems)


def test_choices_documented() -> None:
    table = tt05()
    assert all({"point", "choice", "why"} <= set(c) for c in table["choices"])
    counts = {("file_elements", "SIP"): 18, ("doc_elements", "SIP"): 21, ("file_elements", "AIP"): 18, ("doc_elements", "AIP"): 19}
    for (level, package), count in counts.items():
        assert len(table[level][package]) == count
        for el in table[level][package]:
            assert el["source"] in ("parser", "computed", "archivist")
            assert "codes" not in el or el["codes"] in table["codes"]
            assert set(el.get("needs", [])) <= set(table["settings"]["required"][package])


REALFILES = Path(__file__).resolve().parent.parent.parent / "shared" / "realfiles"


def _name(d: vndirective.Directive) -> str:
    return Path(d.source or "").name


@pytest.mark.skipif(not REALFILES.is_dir(), reason="../shared/realfiles is not present")
def test_office_workflow_on_real_files(tmp_path: Path) -> None:
    """A folder of real incoming documents → the register → a packaged hồ sơ, validated and read back."""
    from vndirective.exports.nd30 import file_record, register_rows, write_register_csv

    folder = tmp_path / "den"
    folder.mkdir()
    readable = []
    for f in sorted(REALFILES.iterdir()):
        if f.suffix.lower() in (".pdf", ".docx"):
            try:
                d = vndirective.parse(f)
            except vndirective.VndirectiveError:
                continue  # a scan without OCR: the office OCRs it first
            if d.issuer:  # many published copies leave the number blank ('Số:     /SCT-QLCN'): still registered
                shutil.copy(f, folder / f.name)
                readable.append(d)
    assert len(readable) >= 5
    rows = register_rows(readable, "incoming", start=1)
    assert [r for r in rows if r] and len(rows) == len(readable)
    write_register_csv(rows, tmp_path / "so-den.csv")
    # What the parser could not find in a real file (an unsigned copy's 'ngày ... tháng ... năm', a subject it missed)
    # the report asks for by name; the archivist gives it in the settings, and then the package is valid.
    needed = {"issuedDate": {_name(d) for d in readable if d.date is None}, "subject": {_name(d) for d in readable if not d.subject}}
    report = build_package(folder, tmp_path / "first", ArchiveSettings.from_dict(SETTINGS))
    asked: dict[str, set[str]] = {}
    for problem in report.problems:
        m = re.search(r"give documents\.(?P<name>.+)\.(?P<element>\w+) in the settings$", problem)
        if m and m["element"] in needed:
            asked.setdefault(m["element"], set()).add(m["name"])
    assert {k: v for k, v in needed.items() if v} == asked  # says exactly what to give, and asks nothing it found
    assert report.valid is (not asked)
    values = {"issuedDate": "01/06/2026", "subject": "Trích yếu do văn thư ghi"}
    given: dict[str, dict[str, str]] = {}
    for element, names in asked.items():
        for name in names:
            given.setdefault(name, {})[element] = values[element]
    settings = {**SETTINGS, "documents": given}
    report = build_package(folder, tmp_path / "SIP_hoso", ArchiveSettings.from_dict(settings))
    assert report.valid, (report.missing, report.problems)
    assert validate_package(report.path) == []
    back = read_package(report.path)
    assert sorted(d.issuer or "" for d in back) == sorted(d.issuer or "" for d in readable)
    pdfs = sorted(Path(d.source or "").name for d in readable if (d.source or "").endswith(".pdf"))
    assert sorted(report.pdfa) == pdfs and all(v is None for v in report.pdfa.values())  # published office PDFs: none declares PDF/A
    aip = build_package(folder, tmp_path / "zips", ArchiveSettings.from_dict({**settings, "archive_code": "LTLS"}), package="AIP", zip=True)
    assert aip.valid, (aip.missing, aip.problems)
    assert validate_package(aip.path) == [] and len(read_package(aip.path)) == len(readable)
    record = file_record(readable, settings)
    assert record.fields["DocTotal"] == str(len(readable)) and record.fields["StartDate"] and record.fields["Title"] == SETTINGS["file_title"]


# ---------------------------------------------------------------- METS against the official XSD, CSIP structure

METS_SHAPE = [
    # (which METS, XPath, expected values)
    ("root", "@TYPE", ["Mixed"]),
    ("root", "@PROFILE", ["https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"]),
    ("root", "@csip:CONTENTINFORMATIONTYPE", ["MIXED"]),
    ("root", "m:fileSec/m:fileGrp/@USE", ["Schemas", "Representations/rep1"]),
    ("root", "m:fileSec/m:fileGrp[@USE='Schemas']/m:file/m:FLocat/@xlink:href", ["schemas/EAD.xsd", "schemas/EAD_doc.xsd", "schemas/METS.xsd", "schemas/xlink.xsd"]),
    ("root", "m:fileSec/m:fileGrp[@USE='Representations/rep1']/m:file/m:FLocat/@xlink:href", ["representations/rep1/METS.xml"]),
    ("root", "m:structMap/@LABEL", ["CSIP"]),
    ("root", "m:structMap/m:div/m:div/@LABEL", ["Metadata", "Schemas", "Representations/rep1"]),
    ("root", "m:structMap//m:mptr/@xlink:href", ["representations/rep1/METS.xml"]),
    ("root", "m:structMap//m:mptr/@LOCTYPE", ["URL"]),
    ("root", "m:amdSec/*", []),  # a SIP's amdSec is empty, as in the sample
    ("root", "m:metsHdr/m:altRecordID[@TYPE='SUBMISSIONAGREEMENT']/text()", ["H10.2024.01.VP"]),
    ("root", "m:metsHdr/m:agent/m:note/@csip:NOTETYPE", ["SOFTWARE VERSION", "IDENTIFICATIONCODE"]),
    ("rep", "@OBJID", ["rep1"]),
    ("rep", "@PROFILE", ["https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"]),
    ("rep", "@csip:CONTENTINFORMATIONTYPE", ["MIXED"]),
    ("rep", "m:metsHdr/@csip:OAISPACKAGETYPE", ["SIP"]),
    ("rep", "m:fileSec/m:fileGrp/@USE", ["Data"]),
    ("rep", "m:structMap/@LABEL", ["CSIP"]),
    ("rep", "m:structMap/m:div/@LABEL", ["rep1"]),
    ("rep", "m:structMap/m:div/@TYPE", ["ORIGINAL"]),
    ("rep", "m:structMap/m:div/m:div/@LABEL", ["Data", "MetadataLink", "Other/vndirective"]),
    ("rep", "m:structMap//m:div[@LABEL='MetadataLink']/m:div/@LABEL", ["MetadataLink/File"] * 4),
    ("rep", "m:structMap//m:div[@LABEL='MetadataLink']/m:div/@ORDER", ["1", "2", "3", "4"]),
    ("rep", "m:dmdSec/m:mdRef/@MDTYPE", ["DC"] * 4 + ["OTHER"] * 4),
    ("rep", "m:dmdSec/m:mdRef[@MDTYPE='OTHER']/@OTHERMDTYPE", ["VNDIRECTIVE"] * 4),
    ("rep", "m:fileSec//m:FLocat/@xlink:href",  # chronological order
     ["data/334-CV-HU_luc-ngan_2021.md", "data/40_tu-ninhbinh-nq-chuyen-doi-so.pdf", "data/57_ubnd-tiendu-cv-pccc.txt", "data/41_hu-yenthe-cv-khan-bao.pdf"]),
]


@pytest.mark.parametrize(("which", "xpath", "expected"), METS_SHAPE)
def test_mets_shape(package, which: str, xpath: str, expected: list[str]) -> None:
    lay = tt05()["layout"]
    mets = _mets(package.path / (lay["mets"] if which == "root" else lay["representation_mets"]))
    assert [str(v) for v in mets.xpath(xpath, namespaces=NS)] == expected


def test_mets_ids_and_objid(package) -> None:
    lay = tt05()["layout"]
    for path in (lay["mets"], lay["representation_mets"]):
        mets = _mets(package.path / path)
        ids = mets.xpath("//@ID")
        assert all(i.startswith("ID-") for i in mets.xpath("//m:file/@ID", namespaces=NS))
        assert all(i.startswith("uuid-") for i in mets.xpath("//*[local-name() != 'file']/@ID"))
        assert len(ids) == len(set(ids))
    root = _mets(package.path / lay["mets"])
    assert root.get("OBJID") == package.objid and root.xpath("m:structMap/m:div/@LABEL", namespaces=NS) == [package.objid]
    assert re.fullmatch(r"uuid-[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", package.objid)


def test_every_mets_is_valid_against_the_xsd(package) -> None:
    schema = mets_schema()
    lay = tt05()["layout"]
    for path in (lay["mets"], lay["representation_mets"]):
        assert schema.validate(etree.parse(str(package.path / path))), schema.error_log


# A wrong element or attribute is reported with the schema's own message and the line it is on.
MUTATIONS = [
    ("METS.xml", ' TYPE="Mixed"', ' TYPE="Mixed" COLOUR="red"', "attribute 'COLOUR': The attribute 'COLOUR' is not allowed."),
    ("METS.xml", '<altRecordID TYPE="SUBMISSIONAGREEMENT">H10.2024.01.VP</altRecordID>', '<altRecordId TYPE="SUBMISSIONAGREEMENT">H10.2024.01.VP</altRecordId>',
     "Element '{http://www.loc.gov/METS/}altRecordId': This element is not expected."),
    ("METS.xml", 'LOCTYPE="URL" xlink:type="simple" xlink:href="schemas/EAD.xsd"', 'LOCTYPE="URL" xlink:show="sideways" xlink:href="schemas/EAD.xsd"',
     "The value 'sideways' is not an element of the set {'new', 'replace', 'embed', 'other', 'none'}."),
    ("representations/rep1/METS.xml", 'RECORDSTATUS="NEW"', 'RECORDSTATUS="NEW" PROFILE="x"', "attribute 'PROFILE': The attribute 'PROFILE' is not allowed."),
    ("representations/rep1/METS.xml", 'ORDER="2"', 'ORDER="second"', "'second' is not a valid value of the atomic type 'xs:integer'."),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), MUTATIONS)
def test_schema_errors_have_message_and_line(package, tmp_path: Path, file: str, old: str, new: str, message: str) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(package.path, copy)
    target = copy / file
    text = target.read_text("utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    target.write_text(text.replace(old, new, 1), "utf-8")
    problems = validate_package(copy)
    hits = [p for p in problems if p.startswith(f"{file}: line {line}: ") and message in p]
    assert hits, problems


def test_bundled_schemas() -> None:
    folder = Path(vndirective.__file__).parent / "data" / "schemas"
    mets = (folder / "mets.xsd").read_text("utf-8")
    assert 'schemaLocation="xlink.xsd"' in mets and "http://www.loc.gov/standards/xlink/xlink.xsd" in mets.split("-->", 1)[0]
    assert "Version 1.12.1" in mets and "CC0" in mets and "metsrw" in mets.split("-->", 1)[0]
    published = Path("/tmp/metsx/mets.xsd")
    if published.is_file():  # only the header comment and the import differ from the published schema
        body = mets.split("-->\n", 1)[1]
        assert body == published.read_text("utf-8").split("\n", 1)[1].replace("http://www.loc.gov/standards/xlink/xlink.xsd", "xlink.xsd")
    xlink = etree.parse(str(folder / "xlink.xsd")).getroot()
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    assert xlink.get("targetNamespace") == XL
    groups = {g.get("name"): [a.get("ref") for a in g] for g in xlink.findall("xs:attributeGroup", xs)}
    assert groups == {
        "simpleLink": ["xlink:type", "xlink:href", "xlink:role", "xlink:arcrole", "xlink:title", "xlink:show", "xlink:actuate"],
        "extendedLink": ["xlink:type", "xlink:role", "xlink:title"],
        "locatorLink": ["xlink:type", "xlink:href", "xlink:role", "xlink:title", "xlink:label"],
        "arcLink": ["xlink:type", "xlink:arcrole", "xlink:title", "xlink:show", "xlink:actuate", "xlink:from", "xlink:to"],
        "resourceLink": ["xlink:type", "xlink:role", "xlink:title", "xlink:label"],
        "titleLink": ["xlink:type"],
    }
    assert {a.get("name") for a in xlink.findall("xs:attribute", xs)} == {"type", "href", "role", "arcrole", "title", "show", "actuate", "label", "from", "to"}


HREFS = [
    ("a.pdf", "a.pdf"),
    ("Công văn số 12.pdf", "Công%20văn%20số%2012.pdf"),
    ("[1] a.pdf", "%5B1%5D%20a.pdf"),
    ("50% #2?.md", "50%25%20%232%3F.md"),
    ("a:b.txt", "a%3Ab.txt"),
]


@pytest.mark.parametrize(("name", "href"), HREFS)
def test_href_encoding(tmp_path: Path, name: str, href: str) -> None:
    from vndirective.exports.tt05.files import href_of, href_target

    assert href_of(tmp_path, tmp_path / "data" / name) == f"data/{href}"
    assert href_target(tmp_path, f"data/{href}") == tmp_path / "data" / name


@pytest.mark.parametrize("href", ["../x.pdf", "/etc/passwd", "http://example.org/x", "data//x", "C:x", "data/./x", "data%2F..%2F..%2Fx", "a\\b"])
def test_href_outside_the_package(tmp_path: Path, href: str) -> None:
    from vndirective.exports.tt05.files import href_target

    assert href_target(tmp_path, href) is None


def test_file_names_a_uri_cannot_hold(tmp_path: Path) -> None:
    """Before hrefs were encoded, '[' and '%' in a file name made METS fail its XSD (xs:anyURI)."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "57_ubnd-tiendu-cv-pccc.txt", src / "[1] 57 ubnd 50% #a.txt")
    report = build_package(src, tmp_path / "p", ArchiveSettings.from_dict(SETTINGS))
    assert report.valid, report.problems
    rep = _mets(report.path / "representations/rep1/METS.xml")
    assert rep.xpath("//m:FLocat/@xlink:href", namespaces=NS) == ["data/%5B1%5D%2057%20ubnd%2050%25%20%23a.txt"]
    assert [d.doc_id for d in read_package(report.path)] == ["823/UBND-VP"]


# ---------------------------------------------------------------- AIP_hoso


@pytest.fixture(scope="module")
def aip(folder: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("aip") / "AIP_hoso"
    return build_package(folder, out, ArchiveSettings.from_dict({**SETTINGS, "archive_code": "LTLS.H10"}), package="AIP")


AIP_SHAPE = [
    ("METS.xml", "@PROFILE", ["http://www.ra.ee/METS/v01/IP.xml"]),
    ("METS.xml", "m:metsHdr/@csip:OAISPACKAGETYPE", ["AIP"]),
    ("METS.xml", "m:metsHdr/m:altRecordID", []),
    ("METS.xml", "m:amdSec/m:digiprovMD/m:mdRef/@MDTYPE", ["PREMIS"]),
    ("METS.xml", "m:amdSec/m:digiprovMD/m:mdRef/@xlink:href", ["metadata/preservation/PREMIS.xml"]),
    ("METS.xml", "count(m:structMap/m:div/m:div[@LABEL='Metadata'][@ADMID = //m:digiprovMD/@ID])", ["1.0"]),
    ("representations/rep1/METS.xml", "@PROFILE", ["https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"]),
    ("representations/rep1/METS.xml", "m:amdSec/m:digiprovMD/m:mdRef/@xlink:href", ["metadata/preservation/PREMIS_rep1.xml"]),
    ("representations/rep1/METS.xml", "count(//m:div[@LABEL='MetadataLink/File'][@ADMID = //m:digiprovMD/@ID])", ["4.0"]),
    ("metadata/preservation/PREMIS.xml", "premis:object/@xsi:type", ["premis:intellectualEntity"]),
    ("metadata/preservation/PREMIS.xml", "premis:object/premis:objectIdentifier/premis:objectIdentifierType/text()", ["URN", "File"]),
    ("metadata/preservation/PREMIS.xml", "premis:object/premis:objectIdentifier[2]/premis:objectIdentifierValue/text()", ["LTLS.H10.H10.2024.01.VP"]),
    ("metadata/preservation/PREMIS.xml", "premis:event/premis:eventType/text()", ["information package creation"]),
    ("metadata/preservation/PREMIS.xml", "premis:event/premis:linkingAgentIdentifier/premis:linkingAgentRole/text()", ["executing program", "implementer"]),
    ("metadata/preservation/PREMIS.xml", "premis:agent/premis:agentType/text()", ["software", "organization"]),
    ("representations/rep1/metadata/preservation/PREMIS_rep1.xml", "premis:object/@xsi:type", ["premis:representation"] + ["premis:file"] * 4),
    ("representations/rep1/metadata/preservation/PREMIS_rep1.xml", "premis:object[2]/premis:objectIdentifier/premis:objectIdentifierValue/text()",
     ["LTLS.H10.H10.2024.01.VP.0000001"]),
    ("representations/rep1/metadata/preservation/PREMIS_rep1.xml", "premis:object//premis:messageDigestAlgorithm/text()", ["SHA-256"] * 4),
    ("representations/rep1/metadata/preservation/PREMIS_rep1.xml", "premis:event/premis:eventType/text()", ["message digest calculation"]),
    ("representations/rep1/metadata/preservation/PREMIS_rep1.xml", "count(premis:event/premis:linkingObjectIdentifier)", ["4.0"]),
]


@pytest.mark.parametrize(("file", "xpath", "expected"), AIP_SHAPE)
def test_aip_shape(aip, file: str, xpath: str, expected: list[str]) -> None:
    got = etree.parse(str(aip.path / file)).getroot().xpath(xpath, namespaces={**NS, "xsi": "http://www.w3.org/2001/XMLSchema-instance"})
    assert [str(v) for v in (got if isinstance(got, list) else [got])] == expected


def test_aip_package(aip) -> None:
    assert aip.valid, (aip.missing, aip.problems)
    assert validate_package(aip.path) == []
    assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", aip.objid)
    ead = _simpledc(aip.path / tt05()["layout"]["file_ead"])
    assert list(ead) == [e["name"] for e in tt05()["file_elements"]["AIP"]] and "fileCode" not in ead
    assert ead["arcFileCode"] == "LTLS.H10.H10.2024.01.VP"
    docs = [_simpledc(p) for p in sorted((aip.path / EAD_DOC).glob("EAD_doc_*.xml"))]
    order = ["arcFileCode", "mode", "language", "keyword", "numberOfPage", "format", "inforSign", "confidenceLevel", "description",
             "docCode", "docOrdinal", "typeName", "codeNumber", "codeNotation", "issuedDate", "organName", "subject", "autograph", "process"]
    assert all(list(d) == order for d in docs)
    cv = next(d for d in docs if d["codeNumber"] == "823")
    assert (cv["arcFileCode"], cv["docOrdinal"], cv["docCode"]) == ("LTLS.H10.H10.2024.01.VP", "3", "LTLS.H10.H10.2024.01.VP.0000003")
    assert {d.doc_id for d in read_package(aip.path)} == {vndirective.parse(f).doc_id for f in FILES}


def test_aip_needs_the_archive_code(folder: Path, tmp_path: Path) -> None:
    report = build_package(folder, tmp_path / "p", ArchiveSettings.from_dict(SETTINGS), package="AIP")
    assert [m.split(" ")[0] for m in report.missing] == ["archive_code"]
    assert report.problems == []  # arcFileCode and docCode are empty because of it: said once, in 'missing'


PREMIS_DAMAGE = [
    # (old, new, expected problem)
    ("<premis:eventType>message digest calculation</premis:eventType>", "", "event has no eventType"),
    ("xsi:type=\"premis:file\"", "xsi:type=\"premis:folder\"", "object category (xsi:type) 'premis:folder' is not one of"),
    ("<premis:messageDigestAlgorithm>SHA-256", "<premis:messageDigestAlgorithm>MD5", "fixity algorithm 'MD5', SHA-256 expected"),
    ("<premis:size>", "<premis:size>1", "bytes, PREMIS says 1"),
    ("<premis:linkingAgentIdentifierValue>vndirective", "<premis:linkingAgentIdentifierValue>nobody", "the event links software 'nobody 0.1.0', not described"),
    ("<premis:contentLocationValue>data/", "<premis:contentLocationValue>../", "contentLocation '../"),
]


@pytest.mark.parametrize(("old", "new", "expected"), PREMIS_DAMAGE)
def test_premis_checks(aip, tmp_path: Path, old: str, new: str, expected: str) -> None:
    from vndirective.exports.tt05 import check_premis

    copy = tmp_path / "copy"
    shutil.copytree(aip.path, copy)
    path = copy / "representations/rep1/metadata/preservation/PREMIS_rep1.xml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    problems = check_premis(path, copy, copy / "representations/rep1")
    assert any(expected in p for p in problems), problems
    assert any("PREMIS_rep1.xml: checksum mismatch" in p for p in validate_package(copy))


def test_premis_fixity_against_the_file(aip, tmp_path: Path) -> None:
    from vndirective.exports.tt05 import check_premis

    copy = tmp_path / "copy"
    shutil.copytree(aip.path, copy)
    data = copy / "representations/rep1/data/57_ubnd-tiendu-cv-pccc.txt"
    data.write_bytes(data.read_bytes().replace(b"823", b"824", 1))
    problems = check_premis(copy / "representations/rep1/metadata/preservation/PREMIS_rep1.xml", copy, copy / "representations/rep1")
    assert problems == ["representations/rep1/metadata/preservation/PREMIS_rep1.xml: representations/rep1/data/57_ubnd-tiendu-cv-pccc.txt: fixity mismatch (the file changed after packing)"]


# ---------------------------------------------------------------- ZIP


@pytest.mark.parametrize(("package_type", "sequence", "name"), [("SIP", None, "1{objid}.zip"), ("SIP", 12, "12{objid}.zip"), ("AIP", 3, "{folder}.zip")])
def test_zip_package(folder: Path, tmp_path: Path, package_type: str, sequence: int | None, name: str) -> None:
    import zipfile

    settings = ArchiveSettings.from_dict({**SETTINGS, "archive_code": "LTLS"})
    report = build_package(folder, tmp_path / "out", settings, package=package_type, zip=True, sequence=sequence)
    assert report.valid, report.problems
    folder_name = report.objid.replace(":", "_")
    assert report.path == tmp_path / "out" / name.format(objid=report.objid, folder=folder_name)
    assert [p.name for p in (tmp_path / "out").iterdir()] == [report.path.name]  # the working folder is gone
    with zipfile.ZipFile(report.path) as zf:
        names = zf.namelist()
    assert {n.split("/", 1)[0] for n in names} == {folder_name} and f"{folder_name}/METS.xml" in names
    assert validate_package(report.path) == []
    assert sorted(d.doc_id for d in read_package(report.path)) == sorted(vndirective.parse(f).doc_id for f in FILES)


def test_zip_sequence_starts_at_one(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="starts at 1"):
        build_package(folder, tmp_path / "out", ArchiveSettings.from_dict(SETTINGS), zip=True, sequence=0)
    assert not (tmp_path / "out").exists()


def _zip(path: Path, members: list[tuple[Any, bytes]]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def _link(name: str):
    import zipfile

    info = zipfile.ZipInfo(name)
    info.external_attr = 0o120777 << 16
    return info


HOSTILE = [
    # (members, limits, expected problem)
    ([("p/METS.xml", b"<x/>"), ("../evil.txt", b"x")], {}, "'../evil.txt' would be written outside the package"),
    ([("/abs.txt", b"x")], {}, "'/abs.txt' would be written outside the package"),
    ([("p\\..\\evil.txt", b"x")], {}, "would be written outside the package"),
    ([("C:/evil.txt", b"x")], {}, "would be written outside the package"),
    ([("p/./METS.xml", b"x")], {}, "would be written outside the package"),
    ([(_link("p/METS.xml"), b"/etc/passwd")], {}, "is a link; refused"),
    ([("a.txt", b"x"), ("b.txt", b"x"), ("c.txt", b"x")], {"max_zip_members": 2}, "3 members, over the limit of 2 (Limits.max_zip_members)"),
    ([("big.txt", b"x" * 5000)], {"max_unpacked_bytes": 4096}, "(Limits.max_unpacked_bytes)"),
    ([("bomb.txt", b"\0" * (3 * 2**20))], {}, "(Limits.max_zip_ratio)"),
    ([("p/METS.xml", b"<x/>"), ("P/mets.xml", b"<x/>")], {}, "is in the ZIP twice"),
    ([("readme.txt", b"x")], {}, "no METS.xml at the top of the ZIP or in its only folder"),
]


@pytest.mark.parametrize(("members", "limits", "expected"), HOSTILE)
def test_hostile_zip_is_refused(tmp_path: Path, members: list, limits: dict, expected: str) -> None:
    from vndirective.readers.limits import Limits

    inside = tmp_path / "in"
    inside.mkdir()
    path = _zip(inside / "bad.zip", members)
    problems = validate_package(path, limits=Limits(**limits))
    assert len(problems) == 1 and problems[0].startswith("bad.zip: ") and expected in problems[0], problems
    assert not (tmp_path / "evil.txt").exists() and not (inside / "evil.txt").exists()
    with pytest.raises(vndirective.VndirectiveError):
        read_package(path, limits=Limits(**limits))


def test_not_a_package(tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    assert validate_package(tmp_path / "x.zip") == ["x.zip: neither a package folder nor a ZIP file"]
    assert validate_package(tmp_path / "nothing") == [f"{tmp_path / 'nothing'}: no such package (a folder or a ZIP file)"]


# ---------------------------------------------------------------- PDF/A declaration


def _pdf(path: Path, pages: list[str | None], xmp: bytes | None = None, compress: bool = False) -> Path:
    """A small PDF: one Helvetica line per page (None: a page without text), and an optional XMP metadata stream."""
    import zlib

    objects: list[bytes] = []
    n_pages = len(pages)
    first_page = 4
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(n_pages))
    meta_num = first_page + 2 * n_pages
    catalog = b"<< /Type /Catalog /Pages 2 0 R" + (f" /Metadata {meta_num} 0 R".encode() if xmp is not None else b"") + b" >>"
    objects.append(catalog)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, text in enumerate(pages):
        content = f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET".encode() if text else b""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {first_page + 2 * i + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    if xmp is not None:
        body = zlib.compress(xmp) if compress else xmp
        flt = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Type /Metadata /Subtype /XML /Length %d%s >>\nstream\n" % (len(body), flt) + body + b"\nendstream")
    path.write_bytes(write_pdf(objects, root=1))
    return path


def _xmp(inner: str) -> bytes:
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">{inner}</rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


PDFA = [
    # (XMP, compressed, declared label)
    (None, False, None),
    (_xmp("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"), False, "PDF/A-2b"),
    (_xmp("").replace(b'rdf:about=""', b'rdf:about="" pdfaid:part="1" pdfaid:conformance="A"'), False, "PDF/A-1a"),
    (_xmp("<pdfaid:part>3</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>"), True, "PDF/A-3u"),
    (_xmp("<pdfaid:part>4</pdfaid:part>"), False, "PDF/A-4"),
    (_xmp("<dc:format xmlns:dc='http://purl.org/dc/elements/1.1/'>application/pdf</dc:format>"), False, None),
    (b"<not xml", False, None),
]


@pytest.mark.parametrize(("xmp", "compress", "label"), PDFA)
def test_pdfa_declaration(tmp_path: Path, xmp: bytes | None, compress: bool, label: str | None) -> None:
    from vndirective.exports.tt05 import pdfa_declaration

    decl = pdfa_declaration(_pdf(tmp_path / "a.pdf", ["CONG VAN", None], xmp, compress))
    assert (decl.label, decl.pages) == (label, 2)


def test_pdfa_in_the_package_report(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    _pdf(src / "a.pdf", ["CONG VAN so 12/UBND-VP", "Noi nhan"], _xmp("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"))
    _pdf(src / "b.pdf", ["CONG VAN so 13/UBND-VP", None, "Noi nhan"])
    report = build_package(src, tmp_path / "p", ArchiveSettings.from_dict(SETTINGS), package="AIP")
    assert report.pdfa == {"a.pdf": "PDF/A-2b", "b.pdf": None}
    pdf_notes = [w for w in report.warnings if w.startswith(("a.pdf", "b.pdf"))]
    assert pdf_notes == [
        "b.pdf: does not declare PDF/A (no pdfaid:part in its XMP metadata). Thông tư 05/2025 wants two-layer PDF/A for digitised paper documents; "
        "a born-digital PDF may be packed as it is (a declaration check, not a PDF/A validation)",
        "b.pdf: no text layer on page(s) 2 of 3 (a two-layer PDF has text on every page)",
    ]
    premis = (report.path / "representations/rep1/metadata/preservation/PREMIS_rep1.xml").read_text("utf-8")
    assert "declares PDF/A-2b (XMP pdfaid; a declaration, not validated)" in premis and "<premis:formatVersion>1.7<" in premis


# ---------------------------------------------------------------- agency identifier


@pytest.mark.parametrize(
    ("agency_id", "warned"),
    [("000.00.00.G09", False), ("000.00.12.H10", False), ("H49.64.33", False), ("H37.02.02", False), ("H10", True), ("000.00.00.g09", True), ("0000000G09", True)],
)
def test_agency_id_form_is_warned_not_refused(tmp_path: Path, agency_id: str, warned: bool) -> None:
    report = build_package([CORPUS / "57_ubnd-tiendu-cv-pccc.txt"], tmp_path / "p", ArchiveSettings.from_dict({**SETTINGS, "agency_id": agency_id}))
    notes = [w for w in report.warnings if w.startswith("agency_id:")]
    assert bool(notes) is warned and report.valid
    if warned:
        assert notes == [f"agency_id: {agency_id!r} is not in a known form of the mã định danh cơ quan ('000.00.00.G09' or 'H49.64.33'); "
                         "check it (the structure of the code is not verified, so it is kept)"]


def test_choices_in_the_docs() -> None:
    """Every choice of tt05.json is a row of the docs' 'Choices and reasons' table, word for word."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "archive.md").read_text("utf-8")
    table = docs.split("## Choices and reasons", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in table.splitlines() if line.startswith("| ") and not line.startswith(("| Point", "|---"))]
    assert [(r[0][2:], r[1], r[2].rstrip(" |")) for r in rows] == [(c["point"], c["choice"], c["why"]) for c in tt05()["choices"]]


CLI_CASES = [
    # (extra options, exit status, a line of the output, the name of what is written)
    (["--zip", "--sequence", "4"], 0, "valid", r"4uuid-[0-9A-F-]{36}\.zip"),
    (["--package", "AIP", "--archive-code", "LTLS", "--zip"], 0, "valid", r"urn_uuid_[0-9a-f-]{36}\.zip"),
    (["--package", "AIP"], 1, "  missing: archive_code (--archive-code): mã cơ quan lưu trữ (AIP arcFileCode = mã cơ quan lưu trữ + mã hồ sơ)", None),
    (["--zip", "--sequence", "0"], 2, "", None),
]


@pytest.mark.parametrize(("options", "status", "line", "written"), CLI_CASES)
def test_cli_archive(folder: Path, tmp_path: Path, capsys, options: list[str], status: int, line: str, written: str | None) -> None:
    settings = tmp_path / "hoso.json"
    settings.write_text(json.dumps(SETTINGS, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    assert main(["archive", str(folder), "--out", str(out), "--settings", str(settings), *options]) == status
    printed = capsys.readouterr()
    assert line in printed.out.splitlines() or (status == 2 and "starts at 1" in printed.err)
    if written:
        (zipped,) = out.iterdir()
        assert re.fullmatch(written, zipped.name) and validate_package(zipped) == []
