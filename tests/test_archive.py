"""Archive packages of a hồ sơ (Thông tư 05/2025/TT-BNV): build, validate, read back."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("lxml")
pytest.importorskip("pdfplumber")

from lxml import etree

import vndirective
from vndirective.archive import ArchiveSettings, build_package, read_package, tt05, validate_package
from vndirective.cli import main

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
    for key in ("mets", "file_ead"):
        assert (root / lay[key]).is_file()
    for f in FILES:
        copied = root / lay["data"] / f.name
        assert copied.read_bytes() == f.read_bytes()
    mets = etree.parse(str(root / "METS.xml"), SAFE).getroot()
    ns = {"m": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink"}
    assert mets.tag == "{http://www.loc.gov/METS/}mets"
    files = mets.findall(".//m:file", ns)
    assert len(files) == 2 + 4 + 4  # schemas, data, vndirective records
    for f in files:
        href = f.find("m:FLocat", ns).get("{http://www.w3.org/1999/xlink}href")
        assert f.get("CHECKSUMTYPE") == "SHA-256"
        assert f.get("CHECKSUM") == hashlib.sha256((root / href).read_bytes()).hexdigest().upper()
    assert len(mets.findall("m:dmdSec", ns)) == 1 + 4
    assert mets.find("m:metsHdr", ns).get("{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}OAISPACKAGETYPE") == "SIP"


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
    assert any("57_ubnd-tiendu-cv-pccc.txt: checksum mismatch" in p for p in problems)
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
    assert len(table["doc_elements"]["SIP"]) == 21
    for level in ("file_elements", "doc_elements"):
        for el in table[level]["SIP"]:
            assert el["source"] in ("parser", "computed", "archivist")
            assert "codes" not in el or el["codes"] in table["codes"]


REALFILES = Path(__file__).resolve().parent.parent.parent / "shared" / "realfiles"


@pytest.mark.skipif(not REALFILES.is_dir(), reason="../shared/realfiles is not present")
def test_office_workflow_on_real_files(tmp_path: Path) -> None:
    """A folder of real incoming documents → the register → a packaged hồ sơ, validated and read back."""
    from vndirective.records import register_rows, write_register_csv

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
    undated = sorted(Path(d.source or "").name for d in readable if d.date is None)  # unsigned copies: 'ngày ... tháng ... năm'
    report = build_package(folder, tmp_path / "first", ArchiveSettings.from_dict(SETTINGS))
    assert report.valid is (not undated)
    assert all(any(name in p and "issuedDate" in p for p in report.problems) for name in undated)  # says exactly what to give
    settings = {**SETTINGS, "documents": {name: {"issuedDate": "01/06/2026"} for name in undated}}
    report = build_package(folder, tmp_path / "SIP_hoso", ArchiveSettings.from_dict(settings))
    assert report.valid, (report.missing, report.problems)
    assert validate_package(report.path) == []
    back = read_package(report.path)
    assert sorted(d.issuer or "" for d in back) == sorted(d.issuer or "" for d in readable)
