"""Archive packages of a hồ sơ (Thông tư 05/2025/TT-BNV): build, validate, read back.

``build_package(folder, out, settings)`` parses every document of a folder and writes
a ``SIP_hoso``-shaped directory: ``METS.xml`` (METS 1.12, SHA-256 checksums), the
file's ``metadata/descriptive/EAD.xml`` and one ``EAD_doc_<name>.xml`` per document
(``simpledc`` elements), the originals under ``representations/rep1/data`` and each
document's ``Directive.to_dict()`` for an exact round trip (:func:`read_package`).
Element lists, code lists, folder names and the choices made where the sources
disagree are in ``data/tt05.json`` (see ``docs/archive.md``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

try:
    from lxml import etree
except ImportError as exc:  # pragma: no cover - depends on the install
    raise ImportError("vndirective.archive needs lxml: pip install 'vndirective[archive]'") from exc

from . import __version__, codes
from .errors import VndirectiveError
from .model import Directive

__all__ = ["ArchiveSettings", "PackageReport", "build_package", "read_package", "validate_package"]

DOC_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"})
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TZ = _dt.timezone(_dt.timedelta(hours=7))
# Settings an archivist must give, with the command-line option that gives them.
REQUIRED_SETTINGS = {
    "agency_id": "--agency-id",
    "file_code": "--file-code",
    "file_title": "--title",
    "retention": "--retention",
    "access_mode": "--access",
}
_SETTING_MEANING = {
    "agency_id": "mã định danh cơ quan / mã phông (METS agent IDENTIFICATIONCODE)",
    "file_code": "mã hồ sơ (fileCode)",
    "file_title": "tiêu đề hồ sơ (title)",
    "retention": "thời hạn lưu trữ (maintenance: 01 Vĩnh viễn … 07 Khác)",
    "access_mode": "chế độ sử dụng (mode: 01 Công khai, 02 Sử dụng có điều kiện, 03 Mật)",
}


def tt05() -> dict[str, Any]:
    """The table ``data/tt05.json``."""
    return codes.load("tt05")


def _ns(tag: str) -> str:
    return f"{{{tt05()['mets']['namespace']}}}{tag}"


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False)


@dataclass
class ArchiveSettings:
    """The values only the archivist can decide, plus optional defaults for the elements.

    ``documents`` maps a document's file name to element values that replace what the
    parser found (``{"x.md": {"numberOfPage": "2", "subject": "…"}}``).
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

    def missing(self) -> list[str]:
        """The required settings that are not given, with their meaning and option."""
        return [f"{k} ({opt}): {_SETTING_MEANING[k]}" for k, opt in REQUIRED_SETTINGS.items() if not getattr(self, k)]


@dataclass
class PackageReport:
    """What :func:`build_package` did and why the package is not valid, if it is not."""

    path: Path
    documents: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

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


def check_record(values: dict[str, str], elements: list[dict[str, Any]], where: str) -> list[str]:
    """Problems of one simpledc record: required values, code lists, dates, numbers, lengths."""
    out: list[str] = []
    fmt = tt05()["date_format"]
    for el in elements:
        name, v = el["name"], values.get(el["name"], "")
        label = f"{where}: {name} ({el['vi']})"
        if not v:
            if el["required"] and not el.get("empty_ok"):
                out.append(f"{label} is empty")
            continue
        if el.get("codes") and normalize_code(el["codes"], v) != v:
            out.append(f"{label}: {v!r} is not a code of the list {el['codes']}")
        if el.get("date"):
            try:
                _dt.datetime.strptime(v, fmt)
            except ValueError:
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


def doc_values(d: Directive, ordinal: int, name: str, s: ArchiveSettings, elements: list[dict[str, Any]]) -> dict[str, str]:
    """The EAD_doc values of one document."""
    pages = page_count(d)
    computed = {
        "docId": f"{s.file_code}.{ordinal}" if s.file_code else "",
        "docCode": f"{s.file_code}.{ordinal:07d}" if s.file_code else "",
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


def file_values(docs: list[dict[str, str]], s: ArchiveSettings, elements: list[dict[str, Any]]) -> dict[str, str]:
    """The file-level EAD values: archivist settings plus dates, counts and pages computed from the documents."""
    fmt = tt05()["date_format"]
    dates = sorted(_dt.datetime.strptime(v["issuedDate"], fmt).date() for v in docs if _is_date(v.get("issuedDate", "")))
    langs: list[str] = []
    for v in docs:
        for code in (v.get("language") or "").split(","):
            if code and code not in langs:
                langs.append(code)
    computed = {
        "language": ",".join(langs) or normalize_code("language", s.language) or "",
        "startDate": _fmt_date(dates[0]) if dates else "",
        "endDate": _fmt_date(dates[-1]) if dates else "",
        "totalDoc": str(len(docs)),
        "numberOfPage": str(sum(int(v["numberOfPage"]) for v in docs if v.get("numberOfPage", "").isdigit())),
        "confidenceLevel": normalize_code("confidenceLevel", s.confidence_level) or s.confidence_level or "01",
        "description": s.description or (f"Người lập hồ sơ: {s.creator}" if s.creator else ""),
    }
    return {el["name"]: computed[el["name"]] if el["name"] in computed else _setting_value(el, s) for el in elements}


def _is_date(v: str) -> bool:
    try:
        _dt.datetime.strptime(v, tt05()["date_format"])
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- XML


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


def _mets_id() -> str:
    return f"uuid-{str(uuid.uuid4()).upper()}"


def _file_attrs(path: Path, mime: str) -> dict[str, str]:
    created = _dt.datetime.fromtimestamp(path.stat().st_mtime, TZ).isoformat(timespec="seconds")
    return {"MIMETYPE": mime, "SIZE": str(path.stat().st_size), "CREATED": created, "CHECKSUMTYPE": "SHA-256", "CHECKSUM": _sha256(path)}


_MIME = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".json": "application/json",
}


def _mime(path: Path) -> str:
    return _MIME.get(path.suffix.lower(), "application/octet-stream")


def _href(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _write_mets(root: Path, settings: ArchiveSettings, package: str, doc_parts: list[tuple[str, Path, Path, Path]]) -> None:
    """Write METS.xml: header, dmdSecs (EAD, EAD_doc), fileSec with SHA-256, structMap."""
    m = tt05()["mets"]
    lay = tt05()["layout"]
    csip = m["csip_namespace"]
    nsmap = {None: m["namespace"], "xlink": XLINK, "xsi": XSI, "csip": csip}
    mets = etree.Element(
        _ns("mets"),
        nsmap=nsmap,
        OBJID=_mets_id(),
        LABEL=settings.file_title or "",
        TYPE=m["type"],
        PROFILE=m["profile"],
    )
    hdr = etree.SubElement(mets, _ns("metsHdr"), CREATEDATE=_now(), RECORDSTATUS="NEW")
    hdr.set(f"{{{csip}}}OAISPACKAGETYPE", package)
    soft = etree.SubElement(hdr, _ns("agent"), ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    etree.SubElement(soft, _ns("name")).text = "vndirective"
    note = etree.SubElement(soft, _ns("note"))
    note.text = __version__
    note.set(f"{{{csip}}}NOTETYPE", "SOFTWARE VERSION")
    org = etree.SubElement(hdr, _ns("agent"), ROLE="CREATOR", TYPE="ORGANIZATION")
    etree.SubElement(org, _ns("name")).text = settings.agency_name or settings.agency_id or ""
    note = etree.SubElement(org, _ns("note"))
    note.text = settings.agency_id or ""
    note.set(f"{{{csip}}}NOTETYPE", "IDENTIFICATIONCODE")
    if package == "SIP":
        etree.SubElement(hdr, _ns("altRecordID"), TYPE="SUBMISSIONAGREEMENT").text = settings.file_code or ""

    def dmd(path: Path) -> str:
        ident = _mets_id()
        sec = etree.SubElement(mets, _ns("dmdSec"), ID=ident, CREATED=_now())
        attrs = {"LOCTYPE": "URL", "MDTYPE": m["mdtype"], **_file_attrs(path, "application/xml")}
        ref = etree.SubElement(sec, _ns("mdRef"), **attrs)
        ref.set(f"{{{XLINK}}}type", "simple")
        ref.set(f"{{{XLINK}}}href", _href(root, path))
        return ident

    file_dmd = dmd(root / lay["file_ead"])
    doc_dmd = [dmd(ead) for _name, _data, ead, _rec in doc_parts]
    file_sec = etree.SubElement(mets, _ns("fileSec"), ID=_mets_id())

    def add_file(grp: etree._Element, path: Path, dmdid: str | None = None) -> str:
        ident = f"ID-{str(uuid.uuid4()).upper()}"
        el = etree.SubElement(grp, _ns("file"), ID=ident, **_file_attrs(path, _mime(path)))
        if dmdid:
            el.set("DMDID", dmdid)
        loc = etree.SubElement(el, _ns("FLocat"), LOCTYPE="URL")
        loc.set(f"{{{XLINK}}}type", "simple")
        loc.set(f"{{{XLINK}}}href", _href(root, path))
        return ident

    schemas = etree.SubElement(file_sec, _ns("fileGrp"), USE="Schemas", ID=_mets_id())
    schema_ids = [add_file(schemas, p) for p in sorted((root / lay["schemas"]).iterdir())]
    data = etree.SubElement(file_sec, _ns("fileGrp"), USE="Representations/rep1/Data", ID=_mets_id())
    data_ids = [add_file(data, p, dmdid) for (_n, p, _e, _r), dmdid in zip(doc_parts, doc_dmd, strict=True)]
    other = etree.SubElement(file_sec, _ns("fileGrp"), USE="Other/vndirective", ID=_mets_id())
    rec_ids = [add_file(other, rec) for _n, _p, _e, rec in doc_parts]

    smap = etree.SubElement(mets, _ns("structMap"), TYPE="PHYSICAL", LABEL="CSIP", ID=_mets_id())
    top = etree.SubElement(smap, _ns("div"), ID=_mets_id(), LABEL=settings.file_title or settings.file_code or "hồ sơ")
    etree.SubElement(top, _ns("div"), ID=_mets_id(), LABEL="Metadata", DMDID=file_dmd)
    sdiv = etree.SubElement(top, _ns("div"), ID=_mets_id(), LABEL="Schemas")
    for fid in schema_ids:
        etree.SubElement(sdiv, _ns("fptr"), FILEID=fid)
    rep = etree.SubElement(top, _ns("div"), ID=_mets_id(), LABEL="Representations/rep1")
    for i, ((name, _p, _e, _r), dmdid, fid, rid) in enumerate(zip(doc_parts, doc_dmd, data_ids, rec_ids, strict=True), 1):
        div = etree.SubElement(rep, _ns("div"), ID=_mets_id(), LABEL=name, ORDER=str(i), DMDID=dmdid)
        etree.SubElement(div, _ns("fptr"), FILEID=fid)
        etree.SubElement(div, _ns("fptr"), FILEID=rid)
    (root / lay["mets"]).write_bytes(etree.tostring(mets, xml_declaration=True, encoding="UTF-8", pretty_print=True))


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


def build_package(
    folder_or_paths: str | Path | Iterable[str | Path],
    out_dir: str | Path,
    settings: ArchiveSettings | None = None,
    *,
    package: str = "SIP",
) -> PackageReport:
    """Pack the documents of a folder (or a list of files) as a TT 05 hồ sơ package in ``out_dir``.

    The package is written even when settings are missing, so it can be inspected;
    ``report.valid`` says whether it can be handed over, ``report.missing`` and
    ``report.problems`` say exactly why not. ``out_dir`` must not exist or be empty.
    """
    if package not in ("SIP", "AIP"):
        raise ValueError(f"package must be 'SIP' or 'AIP', not {package!r}")
    s = settings or ArchiveSettings()
    root = Path(out_dir)
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} exists and is not empty: give a new folder for the package")
    report = PackageReport(path=root, missing=s.missing())
    lay = tt05()["layout"]
    for key, kind in (("retention", "maintenance"), ("access_mode", "mode"), ("language", "language")):
        raw = getattr(s, key)
        if raw and normalize_code(kind, raw) is None:
            known = ", ".join(f"{k} {v}" for k, v in tt05()["codes"][kind]["values"].items())
            report.problems.append(f"{key}: {raw!r} is not in the list {kind} ({known})")

    parsed: list[tuple[Path, Directive]] = []
    for path in _collect(folder_or_paths):
        try:
            from . import parse

            parsed.append((path, parse(path)))
        except (VndirectiveError, OSError) as exc:
            report.problems.append(f"{path.name}: cannot be read ({exc}); remove it from the folder or convert it")
    if not parsed:
        report.problems.append("no document to pack (.txt, .md, .html, .docx, .pdf)")
    parsed.sort(key=lambda item: (item[1].date is None, item[1].date or _dt.date.min, item[0].name))

    for sub in (lay["data"], lay["doc_ead"], lay["records"], lay["schemas"], Path(lay["file_ead"]).parent.as_posix()):
        (root / sub).mkdir(parents=True, exist_ok=True)
    file_els, doc_els = _elements("file_elements", package), _elements("doc_elements", package)
    (root / lay["schemas"] / "EAD.xsd").write_bytes(simpledc_xsd(file_els))
    (root / lay["schemas"] / "EAD_doc.xsd").write_bytes(simpledc_xsd(doc_els))

    taken: set[str] = set()
    doc_parts: list[tuple[str, Path, Path, Path]] = []
    all_values: list[dict[str, str]] = []
    for ordinal, (path, d) in enumerate(parsed, 1):
        name = _unique(path.name, taken)
        data = root / lay["data"] / name
        shutil.copy2(path, data)
        values = doc_values(d, ordinal, path.name, s, doc_els)
        all_values.append(values)
        safe = re.sub(r"[^\w.-]+", "_", name).replace(".", "_")
        ead = root / lay["doc_ead"] / f"{lay['doc_ead_prefix']}{safe}.xml"
        ead.write_bytes(simpledc(values, doc_els))
        rec = root / lay["records"] / f"{safe}.json"
        record = {"vndirective": __version__, "parsed_at": _now(), "file": name, "sha256": _sha256(data), "directive": d.to_dict()}
        rec.write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8")
        doc_parts.append((name, data, ead, rec))
        report.documents.append(name)
        if not values.get("numberOfPage"):
            report.warnings.append(
                f"{name}: page count unknown ({path.suffix} has no fixed pages); give documents.{path.name}.numberOfPage in the settings to fill it"
            )
        if d.security and normalize_code("mode", s.access_mode) not in (None, "03"):
            report.problems.append(f"{name}: carries the mark {d.security} but the access mode is {s.access_mode} (use 03 Mật)")
        for el, v in values.items():
            if not v and any(e["name"] == el and e["required"] and e["source"] == "parser" for e in doc_els):
                report.problems.append(f"{name}: {el} not found in the document; give documents.{path.name}.{el} in the settings")
    fvalues = file_values(all_values, s, file_els)
    (root / lay["file_ead"]).write_bytes(simpledc(fvalues, file_els))
    _write_mets(root, s, package, doc_parts)
    # Missing settings and parser gaps are already reported in words; the package check adds the rest.
    gone = {k for k in REQUIRED_SETTINGS if not getattr(s, k)}
    covered = {e["name"] for e in file_els + doc_els if e["source"] == "parser" or e.get("setting") in gone}
    if "file_code" in gone:
        covered |= {"docId", "docCode"}
    for problem in validate_package(root):
        empty = re.search(r": (\w+) \(.*\) is empty$", problem)
        if empty and empty.group(1) in covered:
            continue
        if problem not in report.problems:
            report.problems.append(problem)
    return report


# ---------------------------------------------------------------- validate and read


def _local_mets_schema() -> etree.XMLSchema | None:
    """The official METS XSD if a copy is in ``data/schemas`` (never fetched from the network)."""
    folder = resources.files(__package__).joinpath("data").joinpath("schemas")
    xsd, xlink = folder.joinpath("mets.xsd"), folder.joinpath("xlink.xsd")
    if not (xsd.is_file() and xlink.is_file()):
        return None

    class _Local(etree.Resolver):
        def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
            name = system_url.rsplit("/", 1)[-1]
            local = folder.joinpath(name)
            return self.resolve_string(local.read_bytes(), context) if local.is_file() else None

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_Local())
    return etree.XMLSchema(etree.fromstring(xsd.read_bytes(), parser, base_url=str(xsd)))


def _read_xml(path: Path, problems: list[str], label: str) -> etree._Element | None:
    try:
        return etree.parse(str(path), _safe_parser()).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        problems.append(f"{label}: not well-formed XML ({exc})")
        return None


def _record_of(root: etree._Element) -> dict[str, str]:
    return {child.tag: (child.text or "") for child in root if isinstance(child.tag, str)}


def validate_package(path: str | Path) -> list[str]:
    """Problems of a package: XML well-formed and of the right shape, files present and unchanged, values in the code lists.

    Empty list = valid. The METS XSD is used only when a local copy is installed; otherwise
    the METS structure the package relies on is checked by hand.
    """
    root = Path(path)
    lay = tt05()["layout"]
    problems: list[str] = []
    mets = _read_xml(root / lay["mets"], problems, lay["mets"])
    if mets is None:
        return problems
    if mets.tag != _ns("mets"):
        return [*problems, f"{lay['mets']}: the root is {mets.tag}, not mets of {tt05()['mets']['namespace']}"]
    schema = _local_mets_schema()
    if schema is not None and not schema.validate(mets):
        problems.extend(f"{lay['mets']}: line {e.line}: {e.message}" for e in schema.error_log)
    for tag in ("metsHdr", "dmdSec", "fileSec", "structMap"):
        if mets.find(_ns(tag)) is None:
            problems.append(f"{lay['mets']}: no {tag}")
    if not mets.get("OBJID"):
        problems.append(f"{lay['mets']}: no OBJID")
    hdr = mets.find(_ns("metsHdr"))
    package = (hdr.get(f"{{{tt05()['mets']['csip_namespace']}}}OAISPACKAGETYPE") if hdr is not None else None) or "SIP"

    listed: set[str] = {lay["mets"]}
    dmd_ids = {sec.get("ID") for sec in mets.iter(_ns("dmdSec"))}
    file_ids = {f.get("ID") for f in mets.iter(_ns("file"))}
    refs = [(el, el) for el in mets.iter(_ns("mdRef"))] + [(loc, loc.getparent()) for loc in mets.iter(_ns("FLocat"))]
    for loc, holder in refs:
        href = loc.get(f"{{{XLINK}}}href") or ""
        if not href or href.startswith("/") or ".." in Path(href).parts or "://" in href:
            problems.append(f"{lay['mets']}: reference {href!r} is not a path inside the package")
            continue
        listed.add(href)
        target = root / href
        if not target.is_file():
            problems.append(f"{href}: listed in METS but missing")
            continue
        if holder.get("SIZE") and holder.get("SIZE") != str(target.stat().st_size):
            problems.append(f"{href}: size {target.stat().st_size} bytes, METS says {holder.get('SIZE')}")
        if holder.get("CHECKSUMTYPE") != "SHA-256" or not holder.get("CHECKSUM"):
            problems.append(f"{href}: no SHA-256 checksum in METS")
        elif holder.get("CHECKSUM", "").upper() != _sha256(target):
            problems.append(f"{href}: checksum mismatch (the file changed after packing)")
    for el in mets.iter(_ns("file"), _ns("div")):
        for ref in (el.get("DMDID") or "").split():
            if ref not in dmd_ids:
                problems.append(f"{lay['mets']}: DMDID {ref} points to no dmdSec")
    for ptr in mets.iter(_ns("fptr")):
        if ptr.get("FILEID") not in file_ids:
            problems.append(f"{lay['mets']}: fptr FILEID {ptr.get('FILEID')} points to no file")
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    problems.extend(f"{extra}: in the package but not listed in METS" for extra in sorted(on_disk - listed))

    file_els, doc_els = _elements("file_elements", package), _elements("doc_elements", package)
    file_xsd, doc_xsd = (etree.XMLSchema(etree.fromstring(simpledc_xsd(els), _safe_parser())) for els in (file_els, doc_els))
    ead = _read_xml(root / lay["file_ead"], problems, lay["file_ead"])
    docs: list[dict[str, str]] = []
    for f in sorted((root / lay["doc_ead"]).glob(f"{lay['doc_ead_prefix']}*.xml")) if (root / lay["doc_ead"]).is_dir() else []:
        label = f.relative_to(root).as_posix()
        doc = _read_xml(f, problems, label)
        if doc is None:
            continue
        if not doc_xsd.validate(doc):
            problems.extend(f"{label}: {e.message}" for e in doc_xsd.error_log)
        values = _record_of(doc)
        docs.append(values)
        problems.extend(check_record(values, doc_els, label))
    if ead is not None:
        if not file_xsd.validate(ead):
            problems.extend(f"{lay['file_ead']}: {e.message}" for e in file_xsd.error_log)
        fv = _record_of(ead)
        problems.extend(check_record(fv, file_els, lay["file_ead"]))
        expect = file_values(docs, ArchiveSettings(), file_els)
        for name in ("startDate", "endDate", "totalDoc", "numberOfPage"):
            if fv.get(name, "") != expect[name]:
                problems.append(f"{lay['file_ead']}: {name} is {fv.get(name)!r}, the documents give {expect[name]!r}")
    return problems


def read_package(path: str | Path) -> list[Directive]:
    """The documents of a package as :class:`Directive` records, in file order (from the stored JSON)."""
    root = Path(path)
    mets = etree.parse(str(root / tt05()["layout"]["mets"]), _safe_parser()).getroot()
    out: list[Directive] = []
    for grp in mets.iter(_ns("fileGrp")):
        if grp.get("USE") != "Other/vndirective":
            continue
        for loc in grp.iter(_ns("FLocat")):
            record = json.loads((root / (loc.get(f"{{{XLINK}}}href") or "")).read_text("utf-8"))
            out.append(Directive.from_dict(record["directive"]))
    return out
