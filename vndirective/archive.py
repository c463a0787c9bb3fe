"""Archive packages of a hồ sơ (Thông tư 05/2025/TT-BNV): build, validate, read back.

``build_package(folder, out, settings)`` parses every document of a folder and writes a
``SIP_hoso`` (``package="AIP"``: an ``AIP_hoso``) as E-ARK CSIP lays it out: a root ``METS.xml``
listing the schemas and the representation's own ``METS.xml``; the file's
``metadata/descriptive/EAD.xml``; under ``representations/rep1`` the originals, one
``EAD_doc_<name>.xml`` per document and each document's ``Directive.to_dict()`` for an exact
round trip (:func:`read_package`); for an AIP, PREMIS preservation metadata. ``zip=True``
writes the package as a ZIP named by the SIP rule. :func:`validate_package` checks a folder or
a ZIP: every METS against the bundled METS 1.12.1 XSD, checksums, references, the simpledc
records, PREMIS. Element lists, code lists, folder names and the choices made where the
sources disagree are in ``data/tt05.json`` (see ``docs/archive.md``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
import shutil
import stat
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

try:
    from lxml import etree
except ImportError:  # pragma: no cover - depends on the install
    etree = None

from . import __version__, codes
from .errors import UnsupportedFormat, VndirectiveError
from .model import Directive
from .readers.limits import DEFAULT, ZIP_RATIO_FLOOR, Limits, exceeded
from .records import organ_id_problem

__all__ = [
    "ArchiveSettings",
    "PackageReport",
    "PdfaDeclaration",
    "build_package",
    "check_premis",
    "mets_schema",
    "pdfa_declaration",
    "read_package",
    "validate_package",
    "write_zip",
    "zip_name",
]

DOC_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"})
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TZ = _dt.timezone(_dt.timedelta(hours=7))
PACKAGES = ("SIP", "AIP")
# Characters an xlink:href keeps as they are; other ASCII characters are percent-encoded, non-ASCII letters kept (IRI).
_HREF_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-._~!$&'()*+,;=@")


def tt05() -> dict[str, Any]:
    """The table ``data/tt05.json``."""
    return codes.load("tt05")


def _lxml() -> Any:
    if etree is None:
        raise ImportError("vndirective.archive needs lxml: pip install 'vndirective[archive]'")
    return etree


def _ns(tag: str) -> str:
    return f"{{{tt05()['mets']['namespace']}}}{tag}"


def _csip(name: str) -> str:
    return f"{{{tt05()['mets']['csip_namespace']}}}{name}"


def _xlink(name: str) -> str:
    return f"{{{XLINK}}}{name}"


def _safe_parser() -> Any:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False)


def required_settings(package: str = "SIP") -> dict[str, str]:
    """The settings a package cannot do without, with the command-line option of each."""
    required: dict[str, str] = tt05()["settings"]["required"][package]
    return required


@dataclass
class ArchiveSettings:
    """The values only the archivist can decide, plus optional defaults for the elements.

    The same settings serve the package and the Nghị định 30 record of the hồ sơ
    (:func:`vndirective.records.file_record`). ``documents`` maps a document's file name to
    element values that replace what the parser found (``{"x.md": {"numberOfPage": "2"}}``).
    """

    agency_id: str | None = None
    agency_name: str | None = None
    file_code: str | None = None
    file_title: str | None = None
    retention: str | None = None
    access_mode: str | None = None
    language: str = "vi"
    creator: str | None = None
    description: str | None = None
    keyword: str | None = None
    confidence_level: str | None = None
    risk_recovery: str | None = None
    risk_recovery_status: str | None = None
    info_sign: str | None = None
    physical_state: str | None = None
    paper_file_code: str | None = None
    number_of_paper: str | None = None
    process: str | None = None
    file_year: str | None = None
    file_notation: str | None = None
    archive_code: str | None = None
    catalogue_number: str | None = None
    documents: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArchiveSettings:
        names = {f.name for f in fields(cls)}
        unknown = sorted(k for k in d if k not in names and not k.startswith("_"))
        if unknown:
            raise ValueError(f"unknown archive settings: {', '.join(unknown)} (known: {', '.join(sorted(names))})")
        values: dict[str, Any] = {k: (v if k == "documents" else (None if v is None else str(v))) for k, v in d.items() if k in names}
        return cls(**values)

    @classmethod
    def from_file(cls, path: str | Path) -> ArchiveSettings:
        """Read a JSON settings file, or TOML on Python 3.11+ (``.toml``)."""
        p = Path(path)
        if p.suffix.lower() == ".toml":
            try:
                import tomllib
            except ImportError as exc:  # Python 3.10
                raise ValueError("TOML settings need Python 3.11 or later; write the settings as JSON") from exc
            return cls.from_dict(tomllib.loads(p.read_text("utf-8")))
        return cls.from_dict(json.loads(p.read_text("utf-8")))

    def merged(self, **overrides: str | None) -> ArchiveSettings:
        """A copy with the non-empty ``overrides`` (command-line options) applied."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in overrides.items() if v not in (None, "")})
        return ArchiveSettings(**values)

    def missing(self, package: str = "SIP") -> list[str]:
        """The required settings of a package that are not given, with their meaning and option."""
        meaning = tt05()["settings"]["meaning"]
        return [f"{k} ({opt}): {meaning[k]}" for k, opt in required_settings(package).items() if not getattr(self, k)]


@dataclass
class PackageReport:
    """What :func:`build_package` did and why the package is not valid, if it is not.

    ``pdfa`` maps each PDF of the package to the PDF/A it declares ('PDF/A-2b') or None.
    """

    path: Path
    objid: str = ""
    package: str = "SIP"
    documents: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pdfa: dict[str, str | None] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.missing and not self.problems


# ---------------------------------------------------------------- values


def normalize_code(kind: str, value: str | None) -> str | None:
    """The code of ``value`` in the code list ``kind`` ('01', '20 năm', 'public' → code), or None if unknown.

    Lists that allow several values (language) take them comma-separated.
    """
    if value is None or str(value).strip() == "":
        return None
    table = tt05()
    known = table["codes"][kind]["values"]
    aliases = table["aliases"].get(kind, {})
    out = []
    for part in str(value).split(","):
        p = part.strip()
        if p in known:
            out.append(p)
        elif p.isdigit() and p.zfill(2) in known:
            out.append(p.zfill(2))
        elif p.casefold() in aliases:
            out.append(aliases[p.casefold()])
        else:
            folded = {v.casefold(): k for k, v in known.items()}
            if p.casefold() not in folded:
                return None
            out.append(folded[p.casefold()])
    return ",".join(out)


def type_code(doc_type: str | None) -> str:
    """TT 05 typeName code of a vndirective ``doc_type`` (32 Khác when not in the list)."""
    m = tt05()["type_map"]
    return str(m["map"].get(doc_type or "", m["other"]))


def notation(d: Directive) -> str:
    """Ký hiệu: ``doc_id`` without the number and without a year group."""
    from .records import split_id

    return split_id(d.doc_id, d.number, d.system, year_in_id="drop")[1]


def page_count(d: Directive) -> int | None:
    """Pages of a PDF (from its boxes); None for formats without fixed pages."""
    return d.page_count


def arc_file_code(s: ArchiveSettings) -> str:
    """AIP arcFileCode: the archive's code + '.' + the file code (+ '.' + Mục lục số); '' until both codes are given."""
    if not (s.archive_code and s.file_code):
        return ""
    return ".".join(x for x in (s.archive_code, s.file_code, s.catalogue_number) if x)


def _fmt_date(day: _dt.date | None) -> str:
    return day.strftime(tt05()["date_format"]) if day else ""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest().upper()


def _now() -> str:
    return _dt.datetime.now(TZ).isoformat(timespec="seconds")


def _is_date(v: str, formats: Iterable[str] | None = None) -> bool:
    for fmt in formats or [tt05()["date_format"]]:
        try:
            _dt.datetime.strptime(v, fmt)
        except ValueError:
            continue
        return True
    return False


def check_record(values: dict[str, str], elements: list[dict[str, Any]], where: str) -> list[str]:
    """Problems of one simpledc record: required values, code lists, dates, numbers, lengths."""
    out: list[str] = []
    for el in elements:
        name, v = el["name"], values.get(el["name"], "")
        label = f"{where}: {name} ({el['vi']})"
        if not v:
            if el["required"] and not el.get("empty_ok"):
                out.append(f"{label} is empty")
            continue
        if el.get("codes") and normalize_code(el["codes"], v) != v:
            out.append(f"{label}: {v!r} is not a code of the list {el['codes']}")
        if el.get("date") and not _is_date(v, el.get("date_formats")):
            out.append(f"{label}: {v!r} is not a date DD/MM/YYYY")
        if el.get("number") and not v.isdigit():
            out.append(f"{label}: {v!r} is not a number")
        if el.get("max") and len(v) > el["max"]:
            out.append(f"{label}: {len(v)} characters, more than {el['max']}")
    if values.get("riskRecovery") == "1" and not values.get("riskRecoveryStatus"):
        out.append(f"{where}: riskRecoveryStatus is required when riskRecovery = 1")
    return out


def _setting_value(el: dict[str, Any], s: ArchiveSettings) -> str:
    raw = getattr(s, el["setting"]) if el.get("setting") else None
    if raw in (None, ""):
        return str(el.get("default", ""))
    return normalize_code(el["codes"], raw) or str(raw) if el.get("codes") else str(raw)


def doc_values(d: Directive, ordinal: int, name: str, s: ArchiveSettings, elements: list[dict[str, Any]], package: str = "SIP") -> dict[str, str]:
    """The EAD_doc values of one document (the SIP or the AIP element set, as ``elements`` lists)."""
    pages = page_count(d)
    arc = arc_file_code(s)
    code_base = arc if package == "AIP" else (s.file_code or "")
    computed = {
        "docId": f"{s.file_code}.{ordinal}" if s.file_code else "",
        "docCode": f"{code_base}.{ordinal:07d}" if code_base else "",
        "arcFileCode": arc,
        "docOrdinal": str(ordinal),
        "typeName": type_code(d.doc_type) if d.doc_type else "",
        "codeNumber": d.number or "",
        "codeNotation": notation(d),
        "issuedDate": _fmt_date(d.date),
        "organName": d.issuer or "",
        "subject": d.subject or "",
        "numberOfPage": "" if pages is None else str(pages),
        "confidenceLevel": normalize_code("confidenceLevel", s.confidence_level) or s.confidence_level or "01",
    }
    values = {el["name"]: computed[el["name"]] if el["name"] in computed else _setting_value(el, s) for el in elements}
    values.update({k: str(v) for k, v in s.documents.get(name, {}).items()})
    return values


def file_values(docs: list[dict[str, str]], s: ArchiveSettings, elements: list[dict[str, Any]], package: str = "SIP") -> dict[str, str]:
    """The file-level EAD values: archivist settings plus dates, counts and pages computed from the documents."""
    fmt = tt05()["date_format"]
    dates = sorted(_dt.datetime.strptime(v["issuedDate"], fmt).date() for v in docs if _is_date(v.get("issuedDate", "")))
    langs: list[str] = []
    for v in docs:
        for code in (v.get("language") or "").split(","):
            if code and code not in langs:
                langs.append(code)
    computed = {
        "arcFileCode": arc_file_code(s),
        "language": ",".join(langs) or normalize_code("language", s.language) or "",
        "startDate": _fmt_date(dates[0]) if dates else "",
        "endDate": _fmt_date(dates[-1]) if dates else "",
        "totalDoc": str(len(docs)),
        "numberOfPage": str(sum(int(v["numberOfPage"]) for v in docs if v.get("numberOfPage", "").isdigit())),
        "confidenceLevel": normalize_code("confidenceLevel", s.confidence_level) or s.confidence_level or "01",
        "description": s.description or (f"Người lập hồ sơ: {s.creator}" if s.creator else ""),
    }
    return {el["name"]: computed[el["name"]] if el["name"] in computed else _setting_value(el, s) for el in elements}


# ---------------------------------------------------------------- identifiers and names


def _mets_id(kind: str = "default") -> str:
    return f"{tt05()['mets']['ids'][kind]}{str(uuid.uuid4()).upper()}"


def new_objid(package: str = "SIP") -> str:
    """A new package OBJID: 'uuid-{UUID}' (SIP), 'urn:uuid:{uuid}' (AIP)."""
    u = str(uuid.uuid4())
    form: str = tt05()["mets"]["objid"][package]["form"]
    return form.replace("{UUID}", u.upper()).replace("{uuid}", u)


def package_folder(objid: str) -> str:
    """The folder name of a package: its OBJID with ':' replaced by '_' (AIP 'urn:uuid:…' → 'urn_uuid_…')."""
    return objid.replace(":", "_")


def zip_name(objid: str, package: str = "SIP", sequence: int = 1) -> str:
    """The ZIP file name of a package: '[sequence][OBJID].zip' for a SIP (Phụ lục III), the folder name for an AIP."""
    if sequence < 1:
        raise ValueError(f"the sequence of a package in a transfer starts at 1, not {sequence}")
    rule: str = tt05()["zip"]["name"][package]
    return rule.format(sequence=sequence, objid=objid, folder=package_folder(objid)) + ".zip"


def href_of(base: Path, path: Path) -> str:
    """The xlink:href of ``path`` in a METS file of folder ``base``: relative, percent-encoded where a URI cannot hold a character."""
    rel = path.relative_to(base).as_posix()
    return "".join(c if c in _HREF_SAFE or (ord(c) > 127 and c.isprintable() and not c.isspace()) else quote(c, safe="") for c in rel)


def _target(base: Path, href: str) -> Path | None:
    """The file an href names inside ``base``, or None when it is not a relative path inside the package."""
    path = unquote(href)
    parts = path.split("/")
    if not path or path.startswith("/") or "\\" in path or "://" in path or re.match(r"^[A-Za-z]:", path) or any(p in ("", ".", "..") for p in parts):
        return None
    return base.joinpath(*parts)


def _mime(path: Path) -> str:
    table: dict[str, str] = tt05()["mime"]
    return table.get(path.suffix.lower(), table[""])


# ---------------------------------------------------------------- XML writers


def simpledc(values: dict[str, str], elements: list[dict[str, Any]]) -> bytes:
    """A ``<simpledc>`` document with the elements in table order (UTF-8)."""
    root = etree.Element("simpledc")
    for el in elements:
        etree.SubElement(root, el["name"]).text = values.get(el["name"], "")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def simpledc_xsd(elements: list[dict[str, Any]]) -> bytes:
    """An XSD of the simpledc shape: every listed element once (optional ones may be absent), any order."""
    xs = "http://www.w3.org/2001/XMLSchema"
    schema = etree.Element(f"{{{xs}}}schema", nsmap={"xs": xs})
    top = etree.SubElement(schema, f"{{{xs}}}element", name="simpledc")
    group = etree.SubElement(etree.SubElement(top, f"{{{xs}}}complexType"), f"{{{xs}}}all")
    for el in elements:
        etree.SubElement(group, f"{{{xs}}}element", name=el["name"], type="xs:string", minOccurs="1" if el["required"] else "0")
    return bytes(etree.tostring(schema, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _elements(level: str, package: str) -> list[dict[str, Any]]:
    table = tt05()[level]
    return list(table.get(package, table["SIP"]))


def _write_xml(path: Path, element: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return path


def _file_attrs(path: Path, mime: str) -> dict[str, str]:
    created = _dt.datetime.fromtimestamp(path.stat().st_mtime, TZ).isoformat(timespec="seconds")
    return {"MIMETYPE": mime, "SIZE": str(path.stat().st_size), "CREATED": created, "CHECKSUMTYPE": tt05()["mets"]["checksum_type"], "CHECKSUM": _sha256(path)}


def _link(el: Any, base: Path, path: Path) -> Any:
    el.set(_xlink("type"), "simple")
    el.set(_xlink("href"), href_of(base, path))
    return el


def _mets_root(objid: str, label: str, package: str, level: str, schemas_href: str) -> tuple[Any, Any]:
    """A ``<mets>`` element and its ``metsHdr`` (creation date, record status, OAIS package type)."""
    m = tt05()["mets"]
    nsmap = {None: m["namespace"], "xlink": XLINK, "xsi": XSI, "csip": m["csip_namespace"]}
    profile = m["profile"][package if level == "root" else "representation"]
    mets = etree.Element(_ns("mets"), nsmap=nsmap, OBJID=objid, LABEL=label, TYPE=m["type"], PROFILE=profile)
    mets.set(_csip("CONTENTINFORMATIONTYPE"), m["content_information_type"])
    mets.set(f"{{{XSI}}}schemaLocation", " ".join(f"{ns} {schemas_href}{name}" for ns, name in m["schema_location"].items()))
    hdr = etree.SubElement(mets, _ns("metsHdr"), CREATEDATE=_now(), RECORDSTATUS=m["record_status"])
    hdr.set(_csip("OAISPACKAGETYPE"), package)
    return mets, hdr


def _agent(hdr: Any, kind: str, name: str, note: str, notetype: str) -> None:
    attrs = {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"} if kind == "software" else {"ROLE": "CREATOR", "TYPE": "ORGANIZATION"}
    agent = etree.SubElement(hdr, _ns("agent"), **attrs)
    etree.SubElement(agent, _ns("name")).text = name
    el = etree.SubElement(agent, _ns("note"))
    el.text = note
    el.set(_csip("NOTETYPE"), notetype)


def _agency_agent(hdr: Any, s: ArchiveSettings) -> None:
    _agent(hdr, "organization", s.agency_name or s.agency_id or "", s.agency_id or "", "IDENTIFICATIONCODE")


def _dmd_sec(mets: Any, base: Path, path: Path, mdtype: str, other: str | None = None) -> str:
    ident = _mets_id()
    sec = etree.SubElement(mets, _ns("dmdSec"), ID=ident, CREATED=_now(), STATUS="CURRENT")
    attrs = {"LOCTYPE": "URL", "MDTYPE": mdtype, **({"OTHERMDTYPE": other} if other else {}), **_file_attrs(path, _mime(path))}
    _link(etree.SubElement(sec, _ns("mdRef"), **attrs), base, path)
    return ident


def _amd_sec(mets: Any, base: Path, premis: Path | None) -> str | None:
    """An amdSec: empty for a SIP (as the sample), a digiprovMD referring to PREMIS for an AIP; the digiprovMD's ID."""
    amd = etree.SubElement(mets, _ns("amdSec"), ID=_mets_id())
    if premis is None:
        return None
    ident = _mets_id()
    digiprov = etree.SubElement(amd, _ns("digiprovMD"), ID=ident)
    attrs = {"LOCTYPE": "URL", "MDTYPE": tt05()["mets"]["premis_mdtype"], **_file_attrs(premis, _mime(premis))}
    _link(etree.SubElement(digiprov, _ns("mdRef"), **attrs), base, premis)
    return ident


def _add_file(grp: Any, base: Path, path: Path) -> str:
    ident = _mets_id("file")
    el = etree.SubElement(grp, _ns("file"), ID=ident, **_file_attrs(path, _mime(path)))
    _link(etree.SubElement(el, _ns("FLocat"), LOCTYPE="URL"), base, path)
    return ident


def _div(parent: Any, label: str, **attrs: str) -> Any:
    return etree.SubElement(parent, _ns("div"), ID=_mets_id(), LABEL=label, **{k: v for k, v in attrs.items() if v})


@dataclass
class _Doc:
    """One document of a package while it is written."""

    name: str  # file name under data/
    source: Path
    directive: Directive
    data: Path
    ead: Path
    record: Path
    values: dict[str, str]
    pdfa: PdfaDeclaration | None = None


def _write_representation_mets(rep: Path, s: ArchiveSettings, package: str, docs: list[_Doc], premis: Path | None) -> Path:
    """rep1's METS.xml: a dmdSec per EAD_doc and per record, the Data files with SHA-256, the CSIP structMap."""
    m, lay = tt05()["mets"], tt05()["layout"]
    up = "../" * len(Path(lay["representation"]).parts)
    mets, hdr = _mets_root(m["representation_objid"], s.file_title or "", package, "representation", f"{up}{lay['schemas']}/")
    _agency_agent(hdr, s)
    ead_ids = [_dmd_sec(mets, rep, d.ead, m["mdtype"]) for d in docs]
    record_ids = [_dmd_sec(mets, rep, d.record, "OTHER", m["record_mdtype"]) for d in docs]
    digiprov = _amd_sec(mets, rep, premis)
    grp = etree.SubElement(etree.SubElement(mets, _ns("fileSec"), ID=_mets_id()), _ns("fileGrp"), USE=m["file_groups"]["data"], ID=_mets_id())
    file_ids = [_add_file(grp, rep, d.data) for d in docs]
    divs = m["divs"]
    top = _div(etree.SubElement(mets, _ns("structMap"), ID=_mets_id(), **m["struct_map"]), m["representation_objid"], TYPE=m["representation_div_type"])
    data = _div(top, divs["data"])
    for fid in file_ids:
        etree.SubElement(data, _ns("fptr"), FILEID=fid)
    links = _div(top, divs["links"])
    for i, (dmd, fid) in enumerate(zip(ead_ids, file_ids, strict=True), 1):
        etree.SubElement(_div(links, divs["link"], ORDER=str(i), DMDID=dmd, ADMID=digiprov or ""), _ns("fptr"), FILEID=fid)
    records = _div(top, divs["records"])
    for i, (d, rid) in enumerate(zip(docs, record_ids, strict=True), 1):
        _div(records, d.name, ORDER=str(i), DMDID=rid)
    return _write_xml(rep / Path(lay["representation_mets"]).name, mets)


def _write_root_mets(root: Path, s: ArchiveSettings, package: str, objid: str, rep_mets: Path, premis: Path | None) -> Path:
    """The package's METS.xml: header, the EAD dmdSec, schemas and rep1's METS with SHA-256, the CSIP structMap with mptr."""
    m, lay = tt05()["mets"], tt05()["layout"]
    mets, hdr = _mets_root(objid, s.file_title or "", package, "root", f"{lay['schemas']}/")
    _agent(hdr, "software", "vndirective", __version__, "SOFTWARE VERSION")
    _agency_agent(hdr, s)
    if package == "SIP":
        etree.SubElement(hdr, _ns("altRecordID"), TYPE="SUBMISSIONAGREEMENT").text = s.file_code or ""
    ead_id = _dmd_sec(mets, root, root / lay["file_ead"], m["mdtype"])
    digiprov = _amd_sec(mets, root, premis)
    file_sec = etree.SubElement(mets, _ns("fileSec"), ID=_mets_id())
    schemas = etree.SubElement(file_sec, _ns("fileGrp"), USE=m["file_groups"]["schemas"], ID=_mets_id())
    schema_ids = [_add_file(schemas, root, p) for p in sorted((root / lay["schemas"]).iterdir())]
    reps = etree.SubElement(file_sec, _ns("fileGrp"), USE=m["file_groups"]["representation"], ID=_mets_id())
    _add_file(reps, root, rep_mets)
    divs = m["divs"]
    top = _div(etree.SubElement(mets, _ns("structMap"), ID=_mets_id(), **m["struct_map"]), objid)
    _div(top, divs["metadata"], DMDID=ead_id, ADMID=digiprov or "")
    sdiv = _div(top, divs["schemas"])
    for fid in schema_ids:
        etree.SubElement(sdiv, _ns("fptr"), FILEID=fid)
    ptr = _link(etree.SubElement(_div(top, divs["representation"]), _ns("mptr"), LOCTYPE="URL"), root, rep_mets)
    ptr.set(_xlink("title"), reps.get("ID"))
    return _write_xml(root / lay["mets"], mets)


# ---------------------------------------------------------------- PREMIS (AIP)


def _p(tag: str) -> str:
    return f"{{{tt05()['premis']['namespace']}}}{tag}"


def _sub(parent: Any, tag: str, text: str | None = None) -> Any:
    el = etree.SubElement(parent, _p(tag))
    if text is not None:
        el.text = text
    return el


def _identifier(parent: Any, prefix: str, kind: str, value: str, role: str | None = None) -> Any:
    """``<{prefix}Identifier>`` with its Type and Value (and a ``{prefix}Role`` for linking identifiers)."""
    ident = _sub(parent, f"{prefix}Identifier")
    _sub(ident, f"{prefix}IdentifierType", kind)
    _sub(ident, f"{prefix}IdentifierValue", value)
    if role:
        _sub(ident, f"{prefix}Role", role)
    return ident


def _premis_root() -> Any:
    p = tt05()["premis"]
    return etree.Element(_p("premis"), nsmap={"premis": p["namespace"], "xsi": XSI}, version=p["version"])


def _premis_object(premis: Any, kind: str) -> Any:
    obj = _sub(premis, "object")
    obj.set(f"{{{XSI}}}type", f"premis:{tt05()['premis']['object_types'][kind]}")
    obj.set("xmlID", _mets_id())
    return obj


def _software_name() -> str:
    return f"vndirective {__version__}"


def _agents(s: ArchiveSettings | None) -> list[tuple[str, str, str]]:
    """The agents of the PREMIS events: (who, identifier value, name); the agency only when its code is known."""
    out = [("software", _software_name(), f"{_software_name()} (task: build_package)")]
    if s is not None and s.agency_id:
        out.append(("agency", s.agency_id, s.agency_name or s.agency_id))
    return out


def _premis_event(premis: Any, kind: str, detail: str, agents: list[tuple[str, str, str]], objects: list[tuple[str, str]]) -> None:
    """An event of the LoC vocabulary, linking its agents (with their roles) and objects (with the event's role for them)."""
    p = tt05()["premis"]
    event = _sub(premis, "event")
    _identifier(event, "event", p["identifier_types"]["event"], str(uuid.uuid4()))
    _sub(event, "eventType", p["event_types"][kind])
    _sub(event, "eventDateTime", _now())
    _sub(_sub(event, "eventDetailInformation"), "eventDetail", detail)
    for who, value, _name in agents:
        _identifier(event, "linkingAgent", p["identifier_types"][who], value, p["agent_roles"][who])
    for o_kind, value in objects:
        _identifier(event, "linkingObject", o_kind, value, p["object_roles"][kind])


def _premis_agents(premis: Any, agents: list[tuple[str, str, str]]) -> None:
    p = tt05()["premis"]
    for who, value, name in agents:
        agent = _sub(premis, "agent")
        _identifier(agent, "agent", p["identifier_types"][who], value)
        _sub(agent, "agentName", name)
        _sub(agent, "agentType", p["agent_types"][who])


def _write_package_premis(path: Path, objid: str, s: ArchiveSettings, documents: int) -> Path:
    """PREMIS.xml: the hồ sơ as an intellectual entity, the event 'information package creation', the agents."""
    p = tt05()["premis"]
    premis = _premis_root()
    ie = _premis_object(premis, "package")
    types = p["identifier_types"]
    ids = [(types["package_objid"], objid)] + ([(types["package"], arc_file_code(s))] if arc_file_code(s) else [])
    for kind, value in ids:
        _identifier(ie, "object", kind, value)
    agents = _agents(s)
    _premis_event(premis, "package", f"{_software_name()} build_package: an AIP_hoso of {documents} documents", agents, ids[:1])
    _premis_agents(premis, agents)
    return _write_xml(path, premis)


def _pdf_version(path: Path) -> str | None:
    with path.open("rb") as f:
        m = re.search(rb"%PDF-(\d\.\d)", f.read(1024))
    return m.group(1).decode() if m else None


def _premis_file(premis: Any, rep: Path, objid: str, d: _Doc) -> tuple[str, str]:
    """A file object of PREMIS_rep1.xml (identifier, fixity, size, format, original name, place); its identifier."""
    p = tt05()["premis"]
    types = p["identifier_types"]
    obj = _premis_object(premis, "file")
    ident = (types["file"], d.values["docCode"]) if d.values.get("docCode") else (types["representation"], f"{objid}/{href_of(rep, d.data)}")
    _identifier(obj, "object", *ident)
    chars = _sub(obj, "objectCharacteristics")
    _sub(chars, "compositionLevel", "0")
    fixity = _sub(chars, "fixity")
    _sub(fixity, "messageDigestAlgorithm", p["digest_algorithm"])
    _sub(fixity, "messageDigest", _sha256(d.data))
    _sub(chars, "size", str(d.data.stat().st_size))
    fmt = _sub(chars, "format")
    designation = _sub(fmt, "formatDesignation")
    _sub(designation, "formatName", _mime(d.data))
    version = _pdf_version(d.data) if _mime(d.data) == tt05()["mime"][".pdf"] else None
    if version:
        _sub(designation, "formatVersion", version)
    if d.pdfa is not None and d.pdfa.label:
        _sub(fmt, "formatNote", f"declares {d.pdfa.label} (XMP pdfaid; a declaration, not validated)")
    _sub(obj, "originalName", d.source.name)
    location = _sub(_sub(obj, "storage"), "contentLocation")
    _sub(location, "contentLocationType", p["content_location_type"])
    _sub(location, "contentLocationValue", href_of(rep, d.data))
    return ident


def _write_representation_premis(path: Path, rep: Path, objid: str, docs: list[_Doc]) -> Path:
    """PREMIS_rep1.xml: the representation, one file object per data file and the checksum event."""
    p = tt05()["premis"]
    premis = _premis_root()
    rep_id = f"{objid}/{tt05()['mets']['representation_objid']}"
    _identifier(_premis_object(premis, "representation"), "object", p["identifier_types"]["representation"], rep_id)
    file_ids = [_premis_file(premis, rep, objid, d) for d in docs]
    agents = _agents(None)
    _premis_event(premis, "representation", f"{p['digest_algorithm']} of {len(docs)} data files", agents, file_ids)
    _premis_agents(premis, agents)
    return _write_xml(path, premis)


# ---------------------------------------------------------------- PDF/A declaration


@dataclass(frozen=True)
class PdfaDeclaration:
    """What a PDF says about itself: the PDF/A part and conformance of its XMP (``pdfaid``), its page count.

    A declaration, not a conformance validation.
    """

    part: str | None = None
    conformance: str | None = None
    pages: int | None = None

    @property
    def label(self) -> str | None:
        """'PDF/A-2b', or None when the file declares no PDF/A part."""
        return f"PDF/A-{self.part}{(self.conformance or '').lower()}" if self.part else None


def _xmp_bytes(stream: Any, limit: int) -> bytes | None:
    """The bytes of the XMP stream (raw or Flate), at most ``limit``; None when it cannot be read within it."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream

    if not isinstance(stream, PDFStream) or stream.rawdata is None:
        return None
    raw = stream.decipher(stream.objid or 0, stream.genno or 0, stream.rawdata, stream.attrs) if stream.decipher else stream.rawdata
    filters = stream.get_filters()
    if not filters:
        data = bytes(raw[: limit + 1])
    elif len(filters) == 1 and filters[0][0] in LITERALS_FLATE_DECODE:
        try:
            data = zlib.decompressobj().decompress(raw, limit + 1)
        except zlib.error:
            return None
    else:
        return None
    return None if len(data) > limit else data


def _pdfaid(xmp: bytes) -> tuple[str | None, str | None]:
    """pdfaid:part and pdfaid:conformance of an XMP packet, as elements or as attributes."""
    ns = tt05()["pdfa"]["namespace"]
    try:
        root = etree.fromstring(xmp.strip(), _safe_parser())
    except etree.XMLSyntaxError:
        return None, None
    found: dict[str, str] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in ("part", "conformance"):
            value = el.get(f"{{{ns}}}{name}") or (el.text if el.tag == f"{{{ns}}}{name}" else None)
            if value and value.strip():
                found.setdefault(name, value.strip())
    return found.get("part"), found.get("conformance")


def pdfa_declaration(path: str | Path) -> PdfaDeclaration:
    """The PDF/A a PDF declares in its XMP metadata (``pdfaid:part``, ``pdfaid:conformance``) and its page count.

    A declaration check, not a PDF/A conformance validator; a damaged or encrypted PDF declares nothing.
    """
    _lxml()
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import resolve1

        from .readers.pdf import damage_errors
    except ImportError:  # pragma: no cover - pdfminer comes with the formats extra
        return PdfaDeclaration()
    try:
        with Path(path).open("rb") as f:
            doc = PDFDocument(PDFParser(f))
            count = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
            xmp = _xmp_bytes(resolve1(doc.catalog.get("Metadata")), tt05()["pdfa"]["max_xmp_bytes"])
    except damage_errors():
        return PdfaDeclaration()
    part, conformance = _pdfaid(xmp) if xmp else (None, None)
    return PdfaDeclaration(part, conformance, count if isinstance(count, int) else None)


def _pdf_notes(name: str, decl: PdfaDeclaration, d: Directive) -> list[str]:
    """Warnings about a PDF of the package: no PDF/A declared, pages without a text layer."""
    notes = []
    if decl.label is None:
        notes.append(
            f"{name}: does not declare PDF/A (no pdfaid:part in its XMP metadata). Thông tư 05/2025 wants two-layer PDF/A for digitised paper "
            "documents; a born-digital PDF may be packed as it is (a declaration check, not a PDF/A validation)"
        )
    with_text = {b.page for b in d.boxes}
    if decl.pages and with_text:
        bare = sorted(set(range(1, decl.pages + 1)) - with_text)
        if bare:
            notes.append(f"{name}: no text layer on page(s) {', '.join(map(str, bare))} of {decl.pages} (a two-layer PDF has text on every page)")
    return notes


# ---------------------------------------------------------------- build


def _collect(folder_or_paths: str | Path | Iterable[str | Path]) -> list[Path]:
    items = [folder_or_paths] if isinstance(folder_or_paths, (str, Path)) else list(folder_or_paths)
    out: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            out.extend(
                p
                for p in sorted(item.rglob("*"))
                if p.is_file() and p.suffix.lower() in DOC_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(item).parts)
            )
        else:
            out.append(item)
    return out


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix, n = Path(name).stem, Path(name).suffix, 1
    while name in taken:
        n += 1
        name = f"{stem}_{n}{suffix}"
    taken.add(name)
    return name


def _settings_problems(s: ArchiveSettings, report: PackageReport) -> None:
    for key, kind in (("retention", "maintenance"), ("access_mode", "mode"), ("language", "language")):
        raw = getattr(s, key)
        if raw and normalize_code(kind, raw) is None:
            known = ", ".join(f"{k} {v}" for k, v in tt05()["codes"][kind]["values"].items())
            report.problems.append(f"{key}: {raw!r} is not in the list {kind} ({known})")
    organ = organ_id_problem(s.agency_id)
    if organ:
        report.warnings.append(f"agency_id: {organ}")


def _parse_all(sources: str | Path | Iterable[str | Path], report: PackageReport) -> list[tuple[Path, Directive]]:
    from . import parse

    parsed: list[tuple[Path, Directive]] = []
    for path in _collect(sources):
        try:
            parsed.append((path, parse(path)))
        except (VndirectiveError, OSError) as exc:
            report.problems.append(f"{path.name}: cannot be read ({exc}); remove it from the folder or convert it")
    if not parsed:
        report.problems.append("no document to pack (.txt, .md, .html, .docx, .pdf)")
    parsed.sort(key=lambda item: (item[1].date is None, item[1].date or _dt.date.min, item[0].name))
    return parsed


def _write_documents(parsed: list[tuple[Path, Directive]], root: Path, s: ArchiveSettings, package: str, report: PackageReport) -> list[_Doc]:
    """Copy each document, write its EAD_doc and JSON record; report gaps, secrecy and PDF/A."""
    lay = tt05()["layout"]
    doc_els = _elements("doc_elements", package)
    taken: set[str] = set()
    docs: list[_Doc] = []
    for ordinal, (path, d) in enumerate(parsed, 1):
        name = _unique(path.name, taken)
        data = root / lay["data"] / name
        shutil.copy2(path, data)
        values = doc_values(d, ordinal, path.name, s, doc_els, package)
        safe = re.sub(r"[^\w.-]+", "_", name).replace(".", "_")
        ead = root / lay["doc_ead"] / f"{lay['doc_ead_prefix']}{safe}.xml"
        ead.write_bytes(simpledc(values, doc_els))
        rec = root / lay["records"] / f"{safe}.json"
        record = {"vndirective": __version__, "parsed_at": _now(), "file": name, "sha256": _sha256(data), "directive": d.to_dict()}
        rec.write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8")
        doc = _Doc(name, path, d, data, ead, rec, values)
        with data.open("rb") as f:
            if f.read(5) == b"%PDF-":
                doc.pdfa = pdfa_declaration(data)
                report.pdfa[name] = doc.pdfa.label
                report.warnings.extend(_pdf_notes(name, doc.pdfa, d))
        docs.append(doc)
        report.documents.append(name)
        if not values.get("numberOfPage"):
            report.warnings.append(
                f"{name}: page count unknown ({path.suffix} has no fixed pages); give documents.{path.name}.numberOfPage in the settings to fill it"
            )
        if d.security and normalize_code("mode", s.access_mode) not in (None, "03"):
            report.problems.append(f"{name}: carries the mark {d.security} but the access mode is {s.access_mode} (use 03 Mật)")
        for el in doc_els:
            if not values.get(el["name"]) and el["required"] and el["source"] == "parser":
                report.problems.append(f"{name}: {el['name']} not found in the document; give documents.{path.name}.{el['name']} in the settings")
    return docs


def _write_schemas(root: Path, package: str) -> None:
    lay = tt05()["layout"]
    folder = root / lay["schemas"]
    folder.mkdir(parents=True, exist_ok=True)
    bundled = resources.files(__package__).joinpath("data").joinpath("schemas")
    for name, source in lay["bundled_schemas"].items():
        (folder / name).write_bytes(bundled.joinpath(source).read_bytes())
    (folder / "EAD.xsd").write_bytes(simpledc_xsd(_elements("file_elements", package)))
    (folder / "EAD_doc.xsd").write_bytes(simpledc_xsd(_elements("doc_elements", package)))


def _add_validation(report: PackageReport, s: ArchiveSettings) -> None:
    """Append the package check's problems, leaving out the empty elements already explained by a missing setting or a parser gap."""
    gone = {k for k in required_settings(report.package) if not getattr(s, k)}
    elements = _elements("file_elements", report.package) + _elements("doc_elements", report.package)
    covered = {e["name"] for e in elements if e["source"] == "parser" or e.get("setting") in gone or gone & set(e.get("needs", []))}
    for problem in validate_package(report.path):
        empty = re.search(r": (\w+) \(.*\) is empty$", problem)
        if empty and empty.group(1) in covered:
            continue
        if problem not in report.problems:
            report.problems.append(problem)


def _pack(sources: str | Path | Iterable[str | Path], root: Path, s: ArchiveSettings, package: str, objid: str) -> PackageReport:
    """Write a package into the folder ``root`` and check it."""
    lay = tt05()["layout"]
    report = PackageReport(path=root, objid=objid, package=package, missing=s.missing(package))
    _settings_problems(s, report)
    parsed = _parse_all(sources, report)
    for sub in (lay["data"], lay["doc_ead"], lay["records"], Path(lay["file_ead"]).parent.as_posix()):
        (root / sub).mkdir(parents=True, exist_ok=True)
    _write_schemas(root, package)
    docs = _write_documents(parsed, root, s, package, report)
    file_els = _elements("file_elements", package)
    (root / lay["file_ead"]).write_bytes(simpledc(file_values([d.values for d in docs], s, file_els, package), file_els))
    rep = root / lay["representation"]
    premis = premis_rep = None
    if package == "AIP":
        premis_rep = _write_representation_premis(root / lay["representation_premis"], rep, objid, docs)
        premis = _write_package_premis(root / lay["premis"], objid, s, len(docs))
    rep_mets = _write_representation_mets(rep, s, package, docs, premis_rep)
    _write_root_mets(root, s, package, objid, rep_mets, premis)
    _add_validation(report, s)
    return report


def write_zip(folder: str | Path, target: str | Path) -> Path:
    """Write a package folder as a ZIP holding one folder of the same name (the target must not exist)."""
    src, out = Path(folder), Path(target)
    with zipfile.ZipFile(out, "x", compression=zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(src.rglob("*")):
            if p.is_file():
                zf.write(p, f"{src.name}/{p.relative_to(src).as_posix()}")
    return out


def build_package(
    folder_or_paths: str | Path | Iterable[str | Path],
    out_dir: str | Path,
    settings: ArchiveSettings | None = None,
    *,
    package: str = "SIP",
    zip: bool = False,
    sequence: int | None = None,
) -> PackageReport:
    """Pack the documents of a folder (or a list of files) as a TT 05 hồ sơ package (SIP_hoso, or AIP_hoso).

    Without ``zip`` the package is the folder ``out_dir`` (it must not exist or be empty). With ``zip``
    it is a ZIP written into the folder ``out_dir`` and named by the rule of Phụ lục III,
    ``[sequence][OBJID].zip`` (``sequence`` default 1); ``report.path`` is the ZIP. The package is
    written even when settings are missing, so it can be inspected; ``report.valid`` says whether it
    can be handed over, ``report.missing`` and ``report.problems`` say exactly why not.
    """
    _lxml()
    if package not in PACKAGES:
        raise ValueError(f"package must be 'SIP' or 'AIP', not {package!r}")
    seq = int(tt05()["zip"]["sequence_default"]) if sequence is None else sequence
    objid = new_objid(package)
    name = zip_name(objid, package, seq)  # checks the sequence before anything is written
    s = settings or ArchiveSettings()
    out = Path(out_dir)
    if not zip:
        if out.exists() and any(out.iterdir()):
            raise FileExistsError(f"{out} exists and is not empty: give a new folder for the package")
        return _pack(folder_or_paths, out, s, package, objid)
    out.mkdir(parents=True, exist_ok=True)
    target = out / name
    with tempfile.TemporaryDirectory(dir=out, prefix=".vndirective-") as tmp:
        report = _pack(folder_or_paths, Path(tmp) / package_folder(objid), s, package, objid)
        write_zip(report.path, target)
    report.path = target
    return report


# ---------------------------------------------------------------- read a folder or a ZIP safely


def _member_parts(info: zipfile.ZipInfo, name: str) -> list[str]:
    """The path parts of a ZIP member, or an error for a member that could write outside the package."""
    raw = info.filename
    if info.flag_bits & 0x1:
        raise UnsupportedFormat(f"{name}: the member {raw!r} is encrypted; a package ZIP is not encrypted")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsupportedFormat(f"{name}: the member {raw!r} is a link; refused (a package holds files only)")
    parts = raw.rstrip("/").split("/")
    if raw.startswith("/") or "\\" in raw or "\x00" in raw or re.match(r"^[A-Za-z]:", raw) or any(p in ("", ".", "..") for p in parts):
        raise UnsupportedFormat(f"{name}: the member {raw!r} would be written outside the package (absolute path, '..', a drive or a backslash); refused")
    return parts


def _unpack(zf: zipfile.ZipFile, name: str, dest: Path, limits: Limits) -> None:
    """Unpack a package ZIP into ``dest`` after checking every member's path, the count, the sizes and the compression ratios."""
    infos = zf.infolist()
    if len(infos) > limits.max_zip_members:
        raise exceeded(name, f"{len(infos):,} members", "max_zip_members", limits.max_zip_members)
    members: list[tuple[zipfile.ZipInfo, list[str]]] = []
    seen: set[str] = set()
    total = 0
    for info in infos:
        parts = _member_parts(info, name)
        key = "/".join(parts).casefold()
        if key in seen and not info.is_dir():
            raise UnsupportedFormat(f"{name}: the member {info.filename!r} is in the ZIP twice; refused")
        seen.add(key)
        total += info.file_size
        if total > limits.max_unpacked_bytes:
            raise exceeded(name, "the members unpack to more bytes than allowed", "max_unpacked_bytes", limits.max_unpacked_bytes)
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            what = f"the member {info.filename!r} is compressed more than {limits.max_zip_ratio} times (a ZIP bomb?)"
            raise exceeded(name, what, "max_zip_ratio", limits.max_zip_ratio)
        members.append((info, parts))
    for info, parts in members:
        target = dest.joinpath(*parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        size = 0
        with zf.open(info) as src, target.open("xb") as dst:
            while chunk := src.read(1 << 20):
                size += len(chunk)
                if size > info.file_size:
                    raise exceeded(name, f"the member {info.filename!r} unpacks to more bytes than its header says", "max_unpacked_bytes", info.file_size)
                dst.write(chunk)


def _zip_root(folder: Path, name: str) -> Path:
    mets = tt05()["layout"]["mets"]
    if (folder / mets).is_file():
        return folder
    tops = list(folder.iterdir())
    if len(tops) == 1 and (tops[0] / mets).is_file():
        return tops[0]
    raise UnsupportedFormat(f"{name}: no {mets} at the top of the ZIP or in its only folder: not a package")


@contextmanager
def _package_folder(path: Path, limits: Limits) -> Iterator[Path]:
    """The folder of a package: the folder itself, or a ZIP unpacked safely into a temporary folder."""
    if path.is_dir():
        yield path
        return
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such package (a folder or a ZIP file)")
    if not zipfile.is_zipfile(path):
        raise UnsupportedFormat(f"{path.name}: neither a package folder nor a ZIP file")
    with zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory(prefix="vndirective-package-") as tmp:
        _unpack(zf, path.name, Path(tmp), limits)
        yield _zip_root(Path(tmp), path.name)


# ---------------------------------------------------------------- validate


@cache
def mets_schema() -> Any:
    """The METS 1.12.1 XSD bundled in ``data/schemas``; its xlink import is served from the same folder and nothing else is loaded."""
    _lxml()
    folder = resources.files(__package__).joinpath("data").joinpath("schemas")
    allowed = set(tt05()["layout"]["bundled_schemas"].values())

    class _Bundled(etree.Resolver):
        def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
            name = (system_url or "").rsplit("/", 1)[-1]
            if name in allowed:
                return self.resolve_string(folder.joinpath(name).read_bytes(), context)
            return self.resolve_string(b"", context)  # anything else is refused: an empty document, never the network

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_Bundled())
    # A base URL no file lives at: the import of xlink.xsd can only be answered by the resolver.
    return etree.XMLSchema(etree.fromstring(folder.joinpath("mets.xsd").read_bytes(), parser, base_url="/vndirective-bundled-schemas/mets.xsd"))


@cache
def _simpledc_schema(level: str, package: str) -> Any:
    return etree.XMLSchema(etree.fromstring(simpledc_xsd(_elements(level, package)), _safe_parser()))


def _read_xml(path: Path, problems: list[str], label: str) -> Any:
    try:
        return etree.parse(str(path), _safe_parser()).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        problems.append(f"{label}: not well-formed XML ({exc})")
        return None


def _record_of(root: Any) -> dict[str, str]:
    return {child.tag: (child.text or "") for child in root if isinstance(child.tag, str)}


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _check_refs(mets: Any, root: Path, base: Path, label: str, listed: set[str]) -> list[str]:
    """Every mdRef / FLocat names a file of the package with the size and SHA-256 written; every ID reference resolves."""
    problems: list[str] = []
    refs = [(el, el) for el in mets.iter(_ns("mdRef"))] + [(loc, loc.getparent()) for loc in mets.iter(_ns("FLocat"))]
    refs += [(ptr, None) for ptr in mets.iter(_ns("mptr"))]
    for el, holder in refs:
        href = el.get(_xlink("href")) or ""
        target = _target(base, href)
        if target is None:
            problems.append(f"{label}: reference {href!r} is not a path inside the package")
            continue
        rel = _rel(root, target)
        listed.add(rel)
        if holder is None:
            continue  # an mptr: its METS is a file of a fileGrp, checked there
        if not target.is_file():
            problems.append(f"{rel}: listed in METS but missing ({label})")
            continue
        if holder.get("SIZE") and holder.get("SIZE") != str(target.stat().st_size):
            problems.append(f"{rel}: size {target.stat().st_size} bytes, {label} says {holder.get('SIZE')}")
        if holder.get("CHECKSUMTYPE") != tt05()["mets"]["checksum_type"] or not holder.get("CHECKSUM"):
            problems.append(f"{rel}: no SHA-256 checksum in {label}")
        elif holder.get("CHECKSUM", "").upper() != _sha256(target):
            problems.append(f"{rel}: checksum mismatch (the file changed after packing)")
    dmd_ids = {sec.get("ID") for sec in mets.iter(_ns("dmdSec"))}
    amd_ids = {el.get("ID") for amd in mets.iter(_ns("amdSec")) for el in amd.iter() if isinstance(el.tag, str)}
    file_ids = {f.get("ID") for f in mets.iter(_ns("file"))}
    for el in mets.iter(_ns("file"), _ns("div")):
        problems.extend(f"{label}: DMDID {ref} points to no dmdSec" for ref in (el.get("DMDID") or "").split() if ref not in dmd_ids)
        problems.extend(f"{label}: ADMID {ref} points to nothing in an amdSec" for ref in (el.get("ADMID") or "").split() if ref not in amd_ids)
    problems.extend(f"{label}: fptr FILEID {ptr.get('FILEID')} points to no file" for ptr in mets.iter(_ns("fptr")) if ptr.get("FILEID") not in file_ids)
    return problems


def _check_mets(mets: Any, label: str, level: str, package: str) -> list[str]:
    """A METS against the METS XSD (message and line of each error) and the CSIP / TT 05 rules the package relies on."""
    m = tt05()["mets"]
    schema = mets_schema()
    problems = [] if schema.validate(mets) else [f"{label}: line {e.line}: {e.message}" for e in schema.error_log]
    problems.extend(f"{label}: no {tag}" for tag in ("metsHdr", "dmdSec", "fileSec", "structMap") if mets.find(_ns(tag)) is None)
    objid = mets.get("OBJID")
    if not objid:
        problems.append(f"{label}: no OBJID")
    elif level == "root" and not re.fullmatch(m["objid"][package]["pattern"], objid):
        problems.append(f"{label}: OBJID {objid!r} is not of the form {m['objid'][package]['form']} of a {package} (Thông tư 05/2025)")
    hdr = mets.find(_ns("metsHdr"))
    if hdr is not None and not hdr.get(_csip("OAISPACKAGETYPE")):
        problems.append(f"{label}: metsHdr has no csip:OAISPACKAGETYPE")
    if level == "representation" and not mets.get(_csip("CONTENTINFORMATIONTYPE")):
        problems.append(f"{label}: no csip:CONTENTINFORMATIONTYPE (required in a representation METS)")
    if not any(sm.get("LABEL") == m["struct_map"]["LABEL"] for sm in mets.iter(_ns("structMap"))):
        problems.append(f"{label}: no structMap with LABEL {m['struct_map']['LABEL']!r}")
    return problems


def _package_type(mets: Any) -> str:
    hdr = mets.find(_ns("metsHdr"))
    value = hdr.get(_csip("OAISPACKAGETYPE")) if hdr is not None else None
    return value if value in PACKAGES else "SIP"


def _md_targets(mets: Any, base: Path, mdtype: str, other: str | None = None, section: str = "dmdSec") -> list[Path]:
    """The existing files that the mdRefs of a METS section with this MDTYPE (and OTHERMDTYPE) name, in document order."""
    out = []
    for sec in mets.iter(_ns(section)):
        for ref in sec.iter(_ns("mdRef")):
            if ref.get("MDTYPE") == mdtype and (other is None or ref.get("OTHERMDTYPE") == other):
                target = _target(base, ref.get(_xlink("href")) or "")
                if target is not None and target.is_file():
                    out.append(target)
    return out


def _checked_simpledc(path: Path, label: str, kind: str, elements: list[dict[str, Any]], package: str, problems: list[str]) -> dict[str, str] | None:
    """The values of one EAD/EAD_doc file, after its XSD and value checks (problems appended); None when unreadable."""
    doc = _read_xml(path, problems, label)
    if doc is None:
        return None
    schema = _simpledc_schema(kind, package)
    if not schema.validate(doc):
        problems.extend(f"{label}: {e.message}" for e in schema.error_log)
    values = _record_of(doc)
    problems.extend(check_record(values, elements, label))
    return values


def _check_descriptive(root: Path, mets: Any, reps: list[tuple[Path, Any]], package: str) -> list[str]:
    """EAD.xml and each EAD_doc: their XSD, their values, and the file-level totals against the documents."""
    mdtype = tt05()["mets"]["mdtype"]
    file_els, doc_els = _elements("file_elements", package), _elements("doc_elements", package)
    problems: list[str] = []
    docs: list[dict[str, str]] = []
    for base, rep in reps:
        for path in _md_targets(rep, base, mdtype):
            values = _checked_simpledc(path, _rel(root, path), "doc_elements", doc_els, package, problems)
            if values is not None:
                docs.append(values)
    eads = _md_targets(mets, root, mdtype)
    if len(eads) != 1:
        problems.append(f"{tt05()['layout']['mets']}: {len(eads)} file-level descriptions (EAD.xml) found, 1 expected")
    for path in eads[:1]:
        label = _rel(root, path)
        fv = _checked_simpledc(path, label, "file_elements", file_els, package, problems)
        if fv is None:
            continue
        expect = file_values(docs, ArchiveSettings(), file_els, package)
        for name in ("startDate", "endDate", "totalDoc", "numberOfPage"):
            if fv.get(name, "") != expect[name]:
                problems.append(f"{label}: {name} is {fv.get(name)!r}, the documents give {expect[name]!r}")
    return problems


def _local(el: Any) -> str:
    return str(etree.QName(el).localname)


def _premis_structure(premis: Any, label: str) -> list[str]:
    """Required children, their order and non-empty leaves, as ``premis.required`` / ``premis.order`` list them."""
    p = tt05()["premis"]
    ns = p["namespace"]
    problems: list[str] = []
    for el in premis.iter():
        if not isinstance(el.tag, str) or etree.QName(el).namespace != ns:
            continue
        name = _local(el)
        kids = [_local(c) for c in el if isinstance(c.tag, str)]
        where = f"{label}: line {el.sourceline}: {name}"
        problems.extend(f"{where} has no {need}" for need in p["required"].get(name, []) if need not in kids)
        order = p["order"].get(name)
        if order:
            ranks = [order.index(k) for k in kids if k in order]
            if ranks != sorted(ranks):
                problems.append(f"{where}: children out of the PREMIS order ({', '.join(order)})")
        if not kids and not (el.text or "").strip() and any(name in needs for needs in p["required"].values()):
            problems.append(f"{where} is empty")
    return problems


def _identifiers(el: Any, prefix: str) -> list[tuple[str, str]]:
    ns = tt05()["premis"]["namespace"]
    return [
        ((i.findtext(f"{{{ns}}}{prefix}IdentifierType") or "").strip(), (i.findtext(f"{{{ns}}}{prefix}IdentifierValue") or "").strip())
        for i in el.findall(f"{{{ns}}}{prefix}Identifier")
    ]


def _premis_links(premis: Any, label: str) -> list[str]:
    """Object categories and xmlIDs, unique identifiers, event dates, and event links that resolve."""
    p = tt05()["premis"]
    ns = p["namespace"]
    problems: list[str] = []
    objects = premis.findall(f"{{{ns}}}object")
    allowed = {f"premis:{t}" for t in p["object_types"].values()} | set(p["object_types"].values())
    object_ids: list[tuple[str, str]] = []
    xml_ids: list[str] = []
    for obj in objects:
        kind = obj.get(f"{{{XSI}}}type")
        if kind not in allowed:
            known = ", ".join(sorted(p["object_types"].values()))
            problems.append(f"{label}: line {obj.sourceline}: object category (xsi:type) {kind!r} is not one of {known}")
        xml_ids.append(obj.get("xmlID") or "")
        object_ids.extend(_identifiers(obj, "object"))
    if "" in xml_ids or len(set(xml_ids)) != len(xml_ids):
        problems.append(f"{label}: every object needs its own xmlID")
    if len(set(object_ids)) != len(object_ids):
        problems.append(f"{label}: an object identifier (type + value) is used twice; it must be unique in the repository")
    agent_ids = {i for a in premis.findall(f"{{{ns}}}agent") for i in _identifiers(a, "agent")}
    for event in premis.findall(f"{{{ns}}}event"):
        when = (event.findtext(f"{{{ns}}}eventDateTime") or "").strip()
        try:
            _dt.datetime.fromisoformat(when)
        except ValueError:
            problems.append(f"{label}: line {event.sourceline}: eventDateTime {when!r} is not an ISO 8601 date and time")
        unknown = [i for i in _identifiers(event, "linkingAgent") if i not in agent_ids] + [
            i for i in _identifiers(event, "linkingObject") if i not in set(object_ids)
        ]
        problems.extend(f"{label}: line {event.sourceline}: the event links {kind} {value!r}, not described in this file" for kind, value in unknown)
    return problems


def _premis_fixity(premis: Any, root: Path, base: Path, label: str) -> list[str]:
    """File objects: their place, size and SHA-256 against the file itself."""
    p = tt05()["premis"]
    ns = p["namespace"]
    problems: list[str] = []
    for obj in premis.findall(f"{{{ns}}}object"):
        if obj.get(f"{{{XSI}}}type") not in (f"premis:{p['object_types']['file']}", p["object_types"]["file"]):
            continue
        problems.extend(f"{label}: line {obj.sourceline}: a file object has no {need}" for need in p["file_requires"] if obj.find(f"{{{ns}}}{need}") is None)
        href = (obj.findtext(f".//{{{ns}}}contentLocationValue") or "").strip()
        target = _target(base, href)
        if target is None or not target.is_file():
            problems.append(f"{label}: line {obj.sourceline}: contentLocation {href!r} names no file of the package")
            continue
        rel = _rel(root, target)
        algorithm = (obj.findtext(f".//{{{ns}}}messageDigestAlgorithm") or "").strip()
        digest = (obj.findtext(f".//{{{ns}}}messageDigest") or "").strip()
        size = (obj.findtext(f".//{{{ns}}}size") or "").strip()
        if algorithm != p["digest_algorithm"]:
            problems.append(f"{label}: {rel}: fixity algorithm {algorithm!r}, {p['digest_algorithm']} expected")
        elif digest.upper() != _sha256(target):
            problems.append(f"{label}: {rel}: fixity mismatch (the file changed after packing)")
        if size and size != str(target.stat().st_size):
            problems.append(f"{label}: {rel}: size {target.stat().st_size} bytes, PREMIS says {size}")
    return problems


def check_premis(path: Path, root: Path, base: Path) -> list[str]:
    """Structural check of a PREMIS 3 file (no PREMIS XSD is bundled): root, required children and order, identifiers, links, fixity.

    ``base`` is the folder its file objects' contentLocation is relative to (the representation).
    """
    p = tt05()["premis"]
    label = _rel(root, path)
    problems: list[str] = []
    premis = _read_xml(path, problems, label)
    if premis is None:
        return problems
    if premis.tag != f"{{{p['namespace']}}}premis":
        return [f"{label}: the root is {premis.tag}, not premis of {p['namespace']}"]
    if premis.get("version") != p["version"]:
        problems.append(f"{label}: premis version is {premis.get('version')!r}, {p['version']} expected")
    return problems + _premis_structure(premis, label) + _premis_links(premis, label) + _premis_fixity(premis, root, base, label)


def _check_preservation(root: Path, mets: Any, reps: list[tuple[Path, Any]]) -> list[str]:
    """An AIP: PREMIS referred to from the amdSec of each METS, each file checked."""
    mdtype = tt05()["mets"]["premis_mdtype"]
    problems: list[str] = []
    for base, m, label in [(root, mets, tt05()["layout"]["mets"]), *((b, r, _rel(root, b / "METS.xml")) for b, r in reps)]:
        found = _md_targets(m, base, mdtype, section="amdSec")
        if not found:
            problems.append(f"{label}: an AIP needs PREMIS preservation metadata (amdSec/digiprovMD/mdRef MDTYPE='{mdtype}')")
        for path in found:
            problems.extend(check_premis(path, root, base))
    return problems


def _representations(root: Path, mets: Any, problems: list[str]) -> list[tuple[Path, Any]]:
    """The representation METS the package METS points to with mptr: (folder, root element)."""
    label = tt05()["layout"]["mets"]
    reps = []
    for ptr in mets.iter(_ns("mptr")):
        target = _target(root, ptr.get(_xlink("href")) or "")
        if target is None or not target.is_file():
            continue  # reported with the references
        rep = _read_xml(target, problems, _rel(root, target))
        if rep is not None:
            reps.append((target.parent, rep))
    if not reps:
        problems.append(f"{label}: no representation METS (structMap div with an mptr to representations/rep1/METS.xml)")
    return reps


def _validate_folder(root: Path) -> list[str]:
    lay = tt05()["layout"]
    problems: list[str] = []
    mets = _read_xml(root / lay["mets"], problems, lay["mets"])
    if mets is None:
        return problems
    if mets.tag != _ns("mets"):
        return [*problems, f"{lay['mets']}: the root is {mets.tag}, not mets of {tt05()['mets']['namespace']}"]
    package = _package_type(mets)
    listed: set[str] = {lay["mets"]}
    problems.extend(_check_mets(mets, lay["mets"], "root", package))
    problems.extend(_check_refs(mets, root, root, lay["mets"], listed))
    reps = _representations(root, mets, problems)
    for base, rep in reps:
        label = _rel(root, base / "METS.xml")
        problems.extend(_check_mets(rep, label, "representation", package))
        problems.extend(_check_refs(rep, root, base, label, listed))
    on_disk = {_rel(root, p) for p in root.rglob("*") if p.is_file()}
    problems.extend(f"{extra}: in the package but not listed in METS" for extra in sorted(on_disk - listed))
    problems.extend(_check_descriptive(root, mets, reps, package))
    if package == "AIP":
        problems.extend(_check_preservation(root, mets, reps))
    return problems


def validate_package(path: str | Path, *, limits: Limits = DEFAULT) -> list[str]:
    """Problems of a package, a folder or a ZIP: every METS against the METS XSD and the CSIP rules it relies on,
    files present and unchanged, the simpledc records and their codes, and (AIP) PREMIS. Empty list = valid.

    A ZIP is unpacked into a temporary folder first, refusing members that would land outside it and
    holding count, size and compression ratio to ``limits``.
    """
    _lxml()
    p = Path(path)
    try:
        with _package_folder(p, limits) as root:
            return _validate_folder(root)
    except (VndirectiveError, OSError, zipfile.BadZipFile) as exc:
        message = str(exc)
        return [message if message.startswith((p.name, str(p))) else f"{p.name}: {message}"]


def read_package(path: str | Path, *, limits: Limits = DEFAULT) -> list[Directive]:
    """The documents of a package (a folder or a ZIP) as :class:`Directive` records, in file order, from the stored JSON."""
    _lxml()
    m, lay = tt05()["mets"], tt05()["layout"]
    with _package_folder(Path(path), limits) as root:
        mets = etree.parse(str(root / lay["mets"]), _safe_parser()).getroot()
        out: list[Directive] = []
        for base, rep in _representations(root, mets, []):
            for record in _md_targets(rep, base, "OTHER", m["record_mdtype"]):
                out.append(Directive.from_dict(json.loads(record.read_text("utf-8"))["directive"]))
        return out
