"""METS of a package: its OBJID and names (folder, ZIP), the element IDs, the root METS.xml and the representation's METS.xml."""

from __future__ import annotations

import datetime as _dt
import uuid
from pathlib import Path
from typing import Any

from ... import __version__
from ..settings import ArchiveSettings, tt05
from .files import href_of, mime, sha256
from .report import PackedDoc
from .values import TZ, now
from .xmlkit import XLINK, XSI, csip, etree, mets_tag, write_xml, xlink


def mets_id(kind: str = "default") -> str:
    """A new METS element ID: the prefix of ``kind`` + an upper-case UUID."""
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


def file_attrs(path: Path, mime_type: str) -> dict[str, str]:
    """The METS attributes of a file: MIME type, size, creation time, SHA-256."""
    created = _dt.datetime.fromtimestamp(path.stat().st_mtime, TZ).isoformat(timespec="seconds")
    checksum = {"CHECKSUMTYPE": tt05()["mets"]["checksum_type"], "CHECKSUM": sha256(path)}
    return {"MIMETYPE": mime_type, "SIZE": str(path.stat().st_size), "CREATED": created, **checksum}


def _link(el: Any, base: Path, path: Path) -> Any:
    el.set(xlink("type"), "simple")
    el.set(xlink("href"), href_of(base, path))
    return el


def _mets_root(objid: str, label: str, package: str, level: str, schemas_href: str) -> tuple[Any, Any]:
    """A ``<mets>`` element and its ``metsHdr`` (creation date, record status, OAIS package type)."""
    m = tt05()["mets"]
    nsmap = {None: m["namespace"], "xlink": XLINK, "xsi": XSI, "csip": m["csip_namespace"]}
    profile = m["profile"][package if level == "root" else "representation"]
    mets = etree.Element(mets_tag("mets"), nsmap=nsmap, OBJID=objid, LABEL=label, TYPE=m["type"], PROFILE=profile)
    mets.set(csip("CONTENTINFORMATIONTYPE"), m["content_information_type"])
    mets.set(f"{{{XSI}}}schemaLocation", " ".join(f"{ns} {schemas_href}{name}" for ns, name in m["schema_location"].items()))
    hdr = etree.SubElement(mets, mets_tag("metsHdr"), CREATEDATE=now(), RECORDSTATUS=m["record_status"])
    hdr.set(csip("OAISPACKAGETYPE"), package)
    return mets, hdr


def _agent(hdr: Any, kind: str, name: str, note: str, notetype: str) -> None:
    attrs = {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"} if kind == "software" else {"ROLE": "CREATOR", "TYPE": "ORGANIZATION"}
    agent = etree.SubElement(hdr, mets_tag("agent"), **attrs)
    etree.SubElement(agent, mets_tag("name")).text = name
    el = etree.SubElement(agent, mets_tag("note"))
    el.text = note
    el.set(csip("NOTETYPE"), notetype)


def _agency_agent(hdr: Any, s: ArchiveSettings) -> None:
    _agent(hdr, "organization", s.agency_name or s.agency_id or "", s.agency_id or "", "IDENTIFICATIONCODE")


def _dmd_sec(mets: Any, base: Path, path: Path, mdtype: str, other: str | None = None) -> str:
    ident = mets_id()
    sec = etree.SubElement(mets, mets_tag("dmdSec"), ID=ident, CREATED=now(), STATUS="CURRENT")
    attrs = {"LOCTYPE": "URL", "MDTYPE": mdtype, **({"OTHERMDTYPE": other} if other else {}), **file_attrs(path, mime(path))}
    _link(etree.SubElement(sec, mets_tag("mdRef"), **attrs), base, path)
    return ident


def _amd_sec(mets: Any, base: Path, premis: Path | None) -> str | None:
    """An amdSec: empty for a SIP (as the sample), a digiprovMD referring to PREMIS for an AIP; the digiprovMD's ID."""
    amd = etree.SubElement(mets, mets_tag("amdSec"), ID=mets_id())
    if premis is None:
        return None
    ident = mets_id()
    digiprov = etree.SubElement(amd, mets_tag("digiprovMD"), ID=ident)
    attrs = {"LOCTYPE": "URL", "MDTYPE": tt05()["mets"]["premis_mdtype"], **file_attrs(premis, mime(premis))}
    _link(etree.SubElement(digiprov, mets_tag("mdRef"), **attrs), base, premis)
    return ident


def _add_file(grp: Any, base: Path, path: Path) -> str:
    ident = mets_id("file")
    el = etree.SubElement(grp, mets_tag("file"), ID=ident, **file_attrs(path, mime(path)))
    _link(etree.SubElement(el, mets_tag("FLocat"), LOCTYPE="URL"), base, path)
    return ident


def _div(parent: Any, label: str, **attrs: str) -> Any:
    return etree.SubElement(parent, mets_tag("div"), ID=mets_id(), LABEL=label, **{k: v for k, v in attrs.items() if v})


def write_representation_mets(rep: Path, s: ArchiveSettings, package: str, docs: list[PackedDoc], premis: Path | None) -> Path:
    """rep1's METS.xml: a dmdSec per EAD_doc and per record, the Data files with SHA-256, the CSIP structMap."""
    m, lay = tt05()["mets"], tt05()["layout"]
    up = "../" * len(Path(lay["representation"]).parts)
    mets, hdr = _mets_root(m["representation_objid"], s.file_title or "", package, "representation", f"{up}{lay['schemas']}/")
    _agency_agent(hdr, s)
    ead_ids = [_dmd_sec(mets, rep, d.ead, m["mdtype"]) for d in docs]
    record_ids = [_dmd_sec(mets, rep, d.record, "OTHER", m["record_mdtype"]) for d in docs]
    digiprov = _amd_sec(mets, rep, premis)
    file_sec = etree.SubElement(mets, mets_tag("fileSec"), ID=mets_id())
    grp = etree.SubElement(file_sec, mets_tag("fileGrp"), USE=m["file_groups"]["data"], ID=mets_id())
    file_ids = [_add_file(grp, rep, d.data) for d in docs]
    divs = m["divs"]
    top = _div(etree.SubElement(mets, mets_tag("structMap"), ID=mets_id(), **m["struct_map"]), m["representation_objid"], TYPE=m["representation_div_type"])
    data = _div(top, divs["data"])
    for fid in file_ids:
        etree.SubElement(data, mets_tag("fptr"), FILEID=fid)
    links = _div(top, divs["links"])
    for i, (dmd, fid) in enumerate(zip(ead_ids, file_ids, strict=True), 1):
        etree.SubElement(_div(links, divs["link"], ORDER=str(i), DMDID=dmd, ADMID=digiprov or ""), mets_tag("fptr"), FILEID=fid)
    records = _div(top, divs["records"])
    for i, (d, rid) in enumerate(zip(docs, record_ids, strict=True), 1):
        _div(records, d.name, ORDER=str(i), DMDID=rid)
    return write_xml(rep / Path(lay["representation_mets"]).name, mets)


def write_root_mets(root: Path, s: ArchiveSettings, package: str, objid: str, rep_mets: Path, premis: Path | None) -> Path:
    """The package's METS.xml: header, the EAD dmdSec, schemas and rep1's METS with SHA-256, the CSIP structMap with mptr."""
    m, lay = tt05()["mets"], tt05()["layout"]
    mets, hdr = _mets_root(objid, s.file_title or "", package, "root", f"{lay['schemas']}/")
    _agent(hdr, "software", "vndirective", __version__, "SOFTWARE VERSION")
    _agency_agent(hdr, s)
    if package == "SIP":
        etree.SubElement(hdr, mets_tag("altRecordID"), TYPE="SUBMISSIONAGREEMENT").text = s.file_code or ""
    ead_id = _dmd_sec(mets, root, root / lay["file_ead"], m["mdtype"])
    digiprov = _amd_sec(mets, root, premis)
    file_sec = etree.SubElement(mets, mets_tag("fileSec"), ID=mets_id())
    schemas = etree.SubElement(file_sec, mets_tag("fileGrp"), USE=m["file_groups"]["schemas"], ID=mets_id())
    schema_ids = [_add_file(schemas, root, p) for p in sorted((root / lay["schemas"]).iterdir())]
    reps = etree.SubElement(file_sec, mets_tag("fileGrp"), USE=m["file_groups"]["representation"], ID=mets_id())
    _add_file(reps, root, rep_mets)
    divs = m["divs"]
    top = _div(etree.SubElement(mets, mets_tag("structMap"), ID=mets_id(), **m["struct_map"]), objid)
    _div(top, divs["metadata"], DMDID=ead_id, ADMID=digiprov or "")
    sdiv = _div(top, divs["schemas"])
    for fid in schema_ids:
        etree.SubElement(sdiv, mets_tag("fptr"), FILEID=fid)
    ptr = _link(etree.SubElement(_div(top, divs["representation"]), mets_tag("mptr"), LOCTYPE="URL"), root, rep_mets)
    ptr.set(xlink("title"), reps.get("ID"))
    return write_xml(root / lay["mets"], mets)
