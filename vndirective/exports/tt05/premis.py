"""PREMIS 3 preservation metadata of an AIP: PREMIS.xml (the hồ sơ, its creation event) and PREMIS_rep1.xml (the data files,
their fixity and the digital signatures they carry)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from ... import __version__
from ..settings import ArchiveSettings, tt05
from .files import href_of, mime, sha256
from .mets import mets_id
from .pdfa import pdf_version
from .report import PackedDoc
from .signatures import match_facts, method_text, properties, read_cms_facts, signed_by_file, signer_text, validation_rules, value_and_encoding
from .values import arc_file_code, now
from .xmlkit import XSI, etree, write_xml

Agent = tuple[str, str, str]  # (who, identifier value, name)


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
    obj.set("xmlID", mets_id())
    return obj


def _software_name() -> str:
    return f"vndirective {__version__}"


def _agents(s: ArchiveSettings | None) -> list[Agent]:
    """The agents of the PREMIS events: (who, identifier value, name); the agency only when its code is known."""
    out = [("software", _software_name(), f"{_software_name()} (task: build_package)")]
    if s is not None and s.agency_id:
        out.append(("agency", s.agency_id, s.agency_name or s.agency_id))
    return out


def _premis_event(premis: Any, kind: str, detail: str, agents: list[Agent], objects: list[tuple[str, str]]) -> None:
    """An event of the LoC vocabulary, linking its agents (with their roles) and objects (with the event's role for them)."""
    p = tt05()["premis"]
    event = _sub(premis, "event")
    _identifier(event, "event", p["identifier_types"]["event"], str(uuid.uuid4()))
    _sub(event, "eventType", p["event_types"][kind])
    _sub(event, "eventDateTime", now())
    _sub(_sub(event, "eventDetailInformation"), "eventDetail", detail)
    for who, value, _name in agents:
        _identifier(event, "linkingAgent", p["identifier_types"][who], value, p["agent_roles"][who])
    for o_kind, value in objects:
        _identifier(event, "linkingObject", o_kind, value, p["object_roles"][kind])


def _premis_agents(premis: Any, agents: list[Agent]) -> None:
    p = tt05()["premis"]
    for who, value, name in agents:
        agent = _sub(premis, "agent")
        _identifier(agent, "agent", p["identifier_types"][who], value)
        _sub(agent, "agentName", name)
        _sub(agent, "agentType", p["agent_types"][who])


def write_package_premis(path: Path, objid: str, s: ArchiveSettings, documents: int) -> Path:
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
    return write_xml(path, premis)


def _format(chars: Any, d: PackedDoc) -> None:
    """The format of a data file: its MIME type, the PDF version, the PDF/A it declares."""
    fmt = _sub(chars, "format")
    designation = _sub(fmt, "formatDesignation")
    _sub(designation, "formatName", mime(d.data))
    version = pdf_version(d.data) if mime(d.data) == tt05()["mime"][".pdf"] else None
    if version:
        _sub(designation, "formatVersion", version)
    if d.pdfa is not None and d.pdfa.label:
        _sub(fmt, "formatNote", f"declares {d.pdfa.label} (XMP pdfaid; a declaration, not validated)")


def _premis_file(premis: Any, rep: Path, objid: str, d: PackedDoc) -> tuple[str, str]:
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
    _sub(fixity, "messageDigest", sha256(d.data))
    _sub(chars, "size", str(d.data.stat().st_size))
    _format(chars, d)
    _sub(obj, "originalName", d.source.name)
    location = _sub(_sub(obj, "storage"), "contentLocation")
    _sub(location, "contentLocationType", p["content_location_type"])
    _sub(location, "contentLocationValue", href_of(rep, d.data))
    _signature_information(obj, rep, d)
    return ident


def _signature_information(obj: Any, rep: Path, d: PackedDoc) -> None:
    """The file's digital signatures (the parse's, source 'file'), one ``signature`` each in the form's order, in one
    ``signatureInformation``: encoding, signer (certificate CN, OU, O), method, value, validation rules, properties.
    Nothing for a file without signatures. The order of the elements is PREMIS 3's (``premis.order.signature``)."""
    sigs = signed_by_file(d.directive)
    if not sigs:
        return
    href = href_of(rep, d.data)
    facts = read_cms_facts(d.data)
    info = _sub(obj, "signatureInformation")
    for ordinal, sig in enumerate(sigs, 1):
        found = match_facts(sig, facts)
        value, encoding = value_and_encoding(sig, found, href, ordinal)
        signature = _sub(info, "signature")
        _sub(signature, "signatureEncoding", encoding)
        signer = signer_text(sig)
        if signer:
            _sub(signature, "signer", signer)
        _sub(signature, "signatureMethod", method_text(found))
        _sub(signature, "signatureValue", value)
        _sub(signature, "signatureValidationRules", validation_rules(sig))
        for prop in properties(sig):
            _sub(signature, "signatureProperties", prop)


def write_representation_premis(path: Path, rep: Path, objid: str, docs: list[PackedDoc]) -> Path:
    """PREMIS_rep1.xml: the representation, one file object per data file and the checksum event."""
    p = tt05()["premis"]
    premis = _premis_root()
    rep_id = f"{objid}/{tt05()['mets']['representation_objid']}"
    _identifier(_premis_object(premis, "representation"), "object", p["identifier_types"]["representation"], rep_id)
    file_ids = [_premis_file(premis, rep, objid, d) for d in docs]
    agents = _agents(None)
    _premis_event(premis, "representation", f"{p['digest_algorithm']} of {len(docs)} data files", agents, file_ids)
    _premis_agents(premis, agents)
    return write_xml(path, premis)
