"""Checking a package (every METS against the METS XSD, files, simpledc records, PREMIS) and reading its documents back."""

from __future__ import annotations

import base64
import datetime as _dt
import json
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from ...core.model import Directive
from ...errors import VndirectiveError
from ...readers.limits import DEFAULT, Limits
from ..settings import ArchiveSettings, tt05
from .ead import record_of, simpledc_schema
from .files import href_target, relative, sha256
from .report import PACKAGES
from .safezip import opened_package
from .values import check_record, elements_of, file_values
from .xmlkit import XSI, bundled_schemas, csip, etree, local_name, mets_tag, read_xml, require_lxml, safe_parser, xlink

Representation = tuple[Path, Any]  # the folder of a representation and the root of its METS


@cache
def mets_schema() -> Any:
    """The METS 1.12.1 XSD bundled in ``data/schemas``; its xlink import is served from the same folder and nothing else is loaded."""
    require_lxml()
    folder = bundled_schemas()
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


# ---------------------------------------------------------------- METS


def _check_file_refs(mets: Any, root: Path, base: Path, label: str, listed: set[str]) -> list[str]:
    """Every mdRef / FLocat names a file of the package with the size and SHA-256 written; each file named is added to ``listed``."""
    problems: list[str] = []
    refs = [(el, el) for el in mets.iter(mets_tag("mdRef"))] + [(loc, loc.getparent()) for loc in mets.iter(mets_tag("FLocat"))]
    refs += [(ptr, None) for ptr in mets.iter(mets_tag("mptr"))]
    for el, holder in refs:
        href = el.get(xlink("href")) or ""
        target = href_target(base, href)
        if target is None:
            problems.append(f"{label}: reference {href!r} is not a path inside the package")
            continue
        rel = relative(root, target)
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
        elif holder.get("CHECKSUM", "").upper() != sha256(target):
            problems.append(f"{rel}: checksum mismatch (the file changed after packing)")
    return problems


def _check_id_refs(mets: Any, label: str) -> list[str]:
    """Every DMDID, ADMID and FILEID of a METS resolves."""
    problems: list[str] = []
    dmd_ids = {sec.get("ID") for sec in mets.iter(mets_tag("dmdSec"))}
    amd_ids = {el.get("ID") for amd in mets.iter(mets_tag("amdSec")) for el in amd.iter() if isinstance(el.tag, str)}
    file_ids = {f.get("ID") for f in mets.iter(mets_tag("file"))}
    for el in mets.iter(mets_tag("file"), mets_tag("div")):
        problems.extend(f"{label}: DMDID {ref} points to no dmdSec" for ref in (el.get("DMDID") or "").split() if ref not in dmd_ids)
        problems.extend(f"{label}: ADMID {ref} points to nothing in an amdSec" for ref in (el.get("ADMID") or "").split() if ref not in amd_ids)
    problems.extend(f"{label}: fptr FILEID {ptr.get('FILEID')} points to no file" for ptr in mets.iter(mets_tag("fptr")) if ptr.get("FILEID") not in file_ids)
    return problems


def _check_refs(mets: Any, root: Path, base: Path, label: str, listed: set[str]) -> list[str]:
    """Every mdRef / FLocat names a file of the package with the size and SHA-256 written; every ID reference resolves."""
    return _check_file_refs(mets, root, base, label, listed) + _check_id_refs(mets, label)


def _check_mets(mets: Any, label: str, level: str, package: str) -> list[str]:
    """A METS against the METS XSD (message and line of each error) and the CSIP / TT 05 rules the package relies on."""
    m = tt05()["mets"]
    schema = mets_schema()
    problems = [] if schema.validate(mets) else [f"{label}: line {e.line}: {e.message}" for e in schema.error_log]
    problems.extend(f"{label}: no {tag}" for tag in ("metsHdr", "dmdSec", "fileSec", "structMap") if mets.find(mets_tag(tag)) is None)
    objid = mets.get("OBJID")
    if not objid:
        problems.append(f"{label}: no OBJID")
    elif level == "root" and not re.fullmatch(m["objid"][package]["pattern"], objid):
        problems.append(f"{label}: OBJID {objid!r} is not of the form {m['objid'][package]['form']} of a {package} (Thông tư 05/2025)")
    hdr = mets.find(mets_tag("metsHdr"))
    if hdr is not None and not hdr.get(csip("OAISPACKAGETYPE")):
        problems.append(f"{label}: metsHdr has no csip:OAISPACKAGETYPE")
    if level == "representation" and not mets.get(csip("CONTENTINFORMATIONTYPE")):
        problems.append(f"{label}: no csip:CONTENTINFORMATIONTYPE (required in a representation METS)")
    if not any(sm.get("LABEL") == m["struct_map"]["LABEL"] for sm in mets.iter(mets_tag("structMap"))):
        problems.append(f"{label}: no structMap with LABEL {m['struct_map']['LABEL']!r}")
    return problems


def _package_type(mets: Any) -> str:
    hdr = mets.find(mets_tag("metsHdr"))
    value = hdr.get(csip("OAISPACKAGETYPE")) if hdr is not None else None
    return value if value in PACKAGES else "SIP"


def _md_targets(mets: Any, base: Path, mdtype: str, other: str | None = None, section: str = "dmdSec") -> list[Path]:
    """The existing files that the mdRefs of a METS section with this MDTYPE (and OTHERMDTYPE) name, in document order."""
    out = []
    for sec in mets.iter(mets_tag(section)):
        for ref in sec.iter(mets_tag("mdRef")):
            if ref.get("MDTYPE") == mdtype and (other is None or ref.get("OTHERMDTYPE") == other):
                target = href_target(base, ref.get(xlink("href")) or "")
                if target is not None and target.is_file():
                    out.append(target)
    return out


def _representations(root: Path, mets: Any, problems: list[str]) -> list[Representation]:
    """The representation METS the package METS points to with mptr: (folder, root element)."""
    label = tt05()["layout"]["mets"]
    reps = []
    for ptr in mets.iter(mets_tag("mptr")):
        target = href_target(root, ptr.get(xlink("href")) or "")
        if target is None or not target.is_file():
            continue  # reported with the references
        rep = read_xml(target, problems, relative(root, target))
        if rep is not None:
            reps.append((target.parent, rep))
    if not reps:
        problems.append(f"{label}: no representation METS (structMap div with an mptr to representations/rep1/METS.xml)")
    return reps


# ---------------------------------------------------------------- descriptive metadata (EAD, EAD_doc)


def _checked_simpledc(path: Path, label: str, kind: str, elements: list[dict[str, Any]], package: str, problems: list[str]) -> dict[str, str] | None:
    """The values of one EAD/EAD_doc file, after its XSD and value checks (problems appended); None when unreadable."""
    doc = read_xml(path, problems, label)
    if doc is None:
        return None
    schema = simpledc_schema(kind, package)
    if not schema.validate(doc):
        problems.extend(f"{label}: {e.message}" for e in schema.error_log)
    values = record_of(doc)
    problems.extend(check_record(values, elements, label))
    return values


def _check_descriptive(root: Path, mets: Any, reps: list[Representation], package: str) -> list[str]:
    """EAD.xml and each EAD_doc: their XSD, their values, and the file-level totals against the documents."""
    mdtype = tt05()["mets"]["mdtype"]
    file_els, doc_els = elements_of("file_elements", package), elements_of("doc_elements", package)
    problems: list[str] = []
    docs: list[dict[str, str]] = []
    for base, rep in reps:
        for path in _md_targets(rep, base, mdtype):
            values = _checked_simpledc(path, relative(root, path), "doc_elements", doc_els, package, problems)
            if values is not None:
                docs.append(values)
    eads = _md_targets(mets, root, mdtype)
    if len(eads) != 1:
        problems.append(f"{tt05()['layout']['mets']}: {len(eads)} file-level descriptions (EAD.xml) found, 1 expected")
    for path in eads[:1]:
        label = relative(root, path)
        fv = _checked_simpledc(path, label, "file_elements", file_els, package, problems)
        if fv is None:
            continue
        expect = file_values(docs, ArchiveSettings(), file_els, package)
        for name in ("startDate", "endDate", "totalDoc", "numberOfPage"):
            if fv.get(name, "") != expect[name]:
                problems.append(f"{label}: {name} is {fv.get(name)!r}, the documents give {expect[name]!r}")
    return problems


# ---------------------------------------------------------------- PREMIS (AIP)


def _premis_structure(premis: Any, label: str) -> list[str]:
    """Required children, their order and non-empty leaves, as ``premis.required`` / ``premis.order`` list them."""
    p = tt05()["premis"]
    ns = p["namespace"]
    problems: list[str] = []
    for el in premis.iter():
        if not isinstance(el.tag, str) or etree.QName(el).namespace != ns:
            continue
        name = local_name(el)
        kids = [local_name(c) for c in el if isinstance(c.tag, str)]
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


def _premis_objects(premis: Any, label: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Object categories, one xmlID each, unique identifiers; the problems and the objects' identifiers."""
    p = tt05()["premis"]
    ns = p["namespace"]
    problems: list[str] = []
    allowed = {f"premis:{t}" for t in p["object_types"].values()} | set(p["object_types"].values())
    object_ids: list[tuple[str, str]] = []
    xml_ids: list[str] = []
    for obj in premis.findall(f"{{{ns}}}object"):
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
    return problems, object_ids


def _premis_links(premis: Any, label: str) -> list[str]:
    """Object categories and xmlIDs, unique identifiers, event dates, and event links that resolve."""
    ns = tt05()["premis"]["namespace"]
    problems, object_ids = _premis_objects(premis, label)
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
        target = href_target(base, href)
        if target is None or not target.is_file():
            problems.append(f"{label}: line {obj.sourceline}: contentLocation {href!r} names no file of the package")
            continue
        rel = relative(root, target)
        algorithm = (obj.findtext(f".//{{{ns}}}messageDigestAlgorithm") or "").strip()
        digest = (obj.findtext(f".//{{{ns}}}messageDigest") or "").strip()
        size = (obj.findtext(f".//{{{ns}}}size") or "").strip()
        if algorithm != p["digest_algorithm"]:
            problems.append(f"{label}: {rel}: fixity algorithm {algorithm!r}, {p['digest_algorithm']} expected")
        elif digest.upper() != sha256(target):
            problems.append(f"{label}: {rel}: fixity mismatch (the file changed after packing)")
        if size and size != str(target.stat().st_size):
            problems.append(f"{label}: {rel}: size {target.stat().st_size} bytes, PREMIS says {size}")
    return problems


def _premis_signatures(premis: Any, label: str) -> list[str]:
    """Digital signatures of file objects: a signatureInformation holds something, and a value said to be
    Base64 (signatureEncoding, as vndirective writes it) is Base64. The rest is in ``premis.required`` / ``premis.order``."""
    p = tt05()["premis"]
    ns = p["namespace"]
    problems: list[str] = []
    for info in premis.iter(f"{{{ns}}}signatureInformation"):
        if not any(isinstance(c.tag, str) for c in info):
            problems.append(f"{label}: line {info.sourceline}: signatureInformation is empty (a signature per digital signature of the file)")
    for sig in premis.iter(f"{{{ns}}}signature"):
        encoding = (sig.findtext(f"{{{ns}}}signatureEncoding") or "").strip()
        value = "".join((sig.findtext(f"{{{ns}}}signatureValue") or "").split())
        if encoding.casefold() != p["signature"]["encoding"].casefold() or not value:
            continue
        try:
            base64.b64decode(value, validate=True)
        except ValueError:
            problems.append(f"{label}: line {sig.sourceline}: signatureValue is not {p['signature']['encoding']}, as its signatureEncoding says")
    return problems


def check_premis(path: Path, root: Path, base: Path) -> list[str]:
    """Structural check of a PREMIS 3 file (no PREMIS XSD is bundled): root, required children and order, identifiers, links, fixity,
    digital signatures (each ``signature`` with its required elements in PREMIS order, a Base64 value that decodes).

    ``base`` is the folder its file objects' contentLocation is relative to (the representation).
    """
    p = tt05()["premis"]
    label = relative(root, path)
    problems: list[str] = []
    premis = read_xml(path, problems, label)
    if premis is None:
        return problems
    if premis.tag != f"{{{p['namespace']}}}premis":
        return [f"{label}: the root is {premis.tag}, not premis of {p['namespace']}"]
    if premis.get("version") != p["version"]:
        problems.append(f"{label}: premis version is {premis.get('version')!r}, {p['version']} expected")
    return (
        problems
        + _premis_structure(premis, label)
        + _premis_links(premis, label)
        + _premis_fixity(premis, root, base, label)
        + _premis_signatures(premis, label)
    )


def _check_preservation(root: Path, mets: Any, reps: list[Representation]) -> list[str]:
    """An AIP: PREMIS referred to from the amdSec of each METS, each file checked."""
    mdtype = tt05()["mets"]["premis_mdtype"]
    problems: list[str] = []
    for base, m, label in [(root, mets, tt05()["layout"]["mets"]), *((b, r, relative(root, b / "METS.xml")) for b, r in reps)]:
        found = _md_targets(m, base, mdtype, section="amdSec")
        if not found:
            problems.append(f"{label}: an AIP needs PREMIS preservation metadata (amdSec/digiprovMD/mdRef MDTYPE='{mdtype}')")
        for path in found:
            problems.extend(check_premis(path, root, base))
    return problems


# ---------------------------------------------------------------- the package


def _validate_folder(root: Path) -> list[str]:
    lay = tt05()["layout"]
    problems: list[str] = []
    mets = read_xml(root / lay["mets"], problems, lay["mets"])
    if mets is None:
        return problems
    if mets.tag != mets_tag("mets"):
        return [*problems, f"{lay['mets']}: the root is {mets.tag}, not mets of {tt05()['mets']['namespace']}"]
    package = _package_type(mets)
    listed: set[str] = {lay["mets"]}
    problems.extend(_check_mets(mets, lay["mets"], "root", package))
    problems.extend(_check_refs(mets, root, root, lay["mets"], listed))
    reps = _representations(root, mets, problems)
    for base, rep in reps:
        label = relative(root, base / "METS.xml")
        problems.extend(_check_mets(rep, label, "representation", package))
        problems.extend(_check_refs(rep, root, base, label, listed))
    on_disk = {relative(root, p) for p in root.rglob("*") if p.is_file()}
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
    require_lxml()
    p = Path(path)
    try:
        with opened_package(p, limits) as root:
            return _validate_folder(root)
    except (VndirectiveError, OSError, zipfile.BadZipFile) as exc:
        message = str(exc)
        return [message if message.startswith((p.name, str(p))) else f"{p.name}: {message}"]


def read_package(path: str | Path, *, limits: Limits = DEFAULT) -> list[Directive]:
    """The documents of a package (a folder or a ZIP) as :class:`Directive` records, in file order, from the stored JSON."""
    require_lxml()
    m, lay = tt05()["mets"], tt05()["layout"]
    with opened_package(Path(path), limits) as root:
        mets = etree.parse(str(root / lay["mets"]), safe_parser()).getroot()
        out: list[Directive] = []
        for base, rep in _representations(root, mets, []):
            for record in _md_targets(rep, base, "OTHER", m["record_mdtype"]):
                out.append(Directive.from_dict(json.loads(record.read_text("utf-8"))["directive"]))
        return out
