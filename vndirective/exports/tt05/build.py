"""Building a package: the documents of a folder parsed, copied and described, the METS (and PREMIS) written, the result checked; as a folder or a ZIP."""

from __future__ import annotations

import datetime as _dt
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ... import __version__
from ...core.model import Directive
from ...errors import VndirectiveError
from ...readers.files import SUFFIXES, iter_files
from ..identifiers import organ_id_problem
from ..settings import ArchiveSettings, normalize_code, required_settings, tt05
from .ead import simpledc, simpledc_xsd
from .files import sha256
from .mets import new_objid, package_folder, write_representation_mets, write_root_mets, zip_name
from .pdfa import pdf_notes, pdfa_declaration
from .premis import write_package_premis, write_representation_premis
from .report import PACKAGES, PackageReport, PackedDoc
from .validate import validate_package
from .values import doc_values, elements_of, file_values, now
from .xmlkit import bundled_schemas, require_lxml

DOC_SUFFIXES = SUFFIXES  # the documents a folder holds: the readers' list (kept under its old name)

Sources = str | Path | Iterable[str | Path]  # a folder, a file, or a list of them
Parsed = list[tuple[Path, Directive]]


def _collect(folder_or_paths: Sources) -> list[Path]:
    items = [folder_or_paths] if isinstance(folder_or_paths, (str, Path)) else list(folder_or_paths)
    out: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            out.extend(iter_files(item))
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


def _parse_all(sources: Sources, report: PackageReport, read_options: Mapping[str, Any] | None = None) -> Parsed:
    from ...core.pipeline import parse  # the parser loads on first use (import vndirective stays light)

    parsed: Parsed = []
    for path in _collect(sources):
        try:
            parsed.append((path, parse(path, **(read_options or {}))))
        except (VndirectiveError, OSError) as exc:
            report.problems.append(f"{path.name}: cannot be read ({exc}); remove it from the folder or convert it")
    if not parsed:
        report.problems.append("no document to pack (.txt, .md, .html, .docx, .pdf)")
    parsed.sort(key=lambda item: (item[1].date is None, item[1].date or _dt.date.min, item[0].name))
    return parsed


def _write_document(path: Path, d: Directive, ordinal: int, name: str, root: Path, s: ArchiveSettings, package: str) -> PackedDoc:
    """Copy one document under data/ as ``name``, write its EAD_doc and its JSON record."""
    lay = tt05()["layout"]
    doc_els = elements_of("doc_elements", package)
    data = root / lay["data"] / name
    shutil.copy2(path, data)
    values = doc_values(d, ordinal, path.name, s, doc_els, package)
    safe = re.sub(r"[^\w.-]+", "_", name).replace(".", "_")
    ead = root / lay["doc_ead"] / f"{lay['doc_ead_prefix']}{safe}.xml"
    ead.write_bytes(simpledc(values, doc_els))
    rec = root / lay["records"] / f"{safe}.json"
    record = {"vndirective": __version__, "parsed_at": now(), "file": name, "sha256": sha256(data), "directive": d.to_dict()}
    rec.write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8")
    return PackedDoc(name, path, d, data, ead, rec, values)


def _declare_pdfa(doc: PackedDoc, report: PackageReport) -> None:
    """A PDF: the PDF/A it declares, in the document and the report, and the warnings about it."""
    with doc.data.open("rb") as f:
        if f.read(5) != b"%PDF-":
            return
    doc.pdfa = pdfa_declaration(doc.data)
    report.pdfa[doc.name] = doc.pdfa.label
    report.warnings.extend(pdf_notes(doc.name, doc.pdfa, doc.directive))


def _report_gaps(doc: PackedDoc, s: ArchiveSettings, package: str, report: PackageReport) -> None:
    """An unknown page count, a secret document in an open file, a value the parser did not find."""
    name, source, d, values = doc.name, doc.source, doc.directive, doc.values
    if not values.get("numberOfPage"):
        report.warnings.append(
            f"{name}: page count unknown ({source.suffix} has no fixed pages); give documents.{source.name}.numberOfPage in the settings to fill it"
        )
    if d.security and normalize_code("mode", s.access_mode) not in (None, "03"):
        report.problems.append(f"{name}: carries the mark {d.security} but the access mode is {s.access_mode} (use 03 Mật)")
    for el in elements_of("doc_elements", package):
        if not values.get(el["name"]) and el["required"] and el["source"] == "parser":
            report.problems.append(f"{name}: {el['name']} not found in the document; give documents.{source.name}.{el['name']} in the settings")


def _write_documents(parsed: Parsed, root: Path, s: ArchiveSettings, package: str, report: PackageReport) -> list[PackedDoc]:
    """Copy each document, write its EAD_doc and JSON record; report gaps, secrecy and PDF/A."""
    taken: set[str] = set()
    docs: list[PackedDoc] = []
    for ordinal, (path, d) in enumerate(parsed, 1):
        doc = _write_document(path, d, ordinal, _unique(path.name, taken), root, s, package)
        _declare_pdfa(doc, report)
        docs.append(doc)
        report.documents.append(doc.name)
        _report_gaps(doc, s, package, report)
    return docs


def _write_schemas(root: Path, package: str) -> None:
    lay = tt05()["layout"]
    folder = root / lay["schemas"]
    folder.mkdir(parents=True, exist_ok=True)
    bundled = bundled_schemas()
    for name, source in lay["bundled_schemas"].items():
        (folder / name).write_bytes(bundled.joinpath(source).read_bytes())
    (folder / "EAD.xsd").write_bytes(simpledc_xsd(elements_of("file_elements", package)))
    (folder / "EAD_doc.xsd").write_bytes(simpledc_xsd(elements_of("doc_elements", package)))


def _covered(s: ArchiveSettings, package: str) -> set[str]:
    """The elements whose emptiness is already explained: found by the parser, or given by a missing setting."""
    gone = {k for k in required_settings(package) if not getattr(s, k)}
    elements: list[dict[str, Any]] = elements_of("file_elements", package) + elements_of("doc_elements", package)
    return {e["name"] for e in elements if e["source"] == "parser" or e.get("setting") in gone or gone & set(e.get("needs", []))}


def _add_validation(report: PackageReport, s: ArchiveSettings) -> None:
    """Append the package check's problems, leaving out the empty elements already explained by a missing setting or a parser gap."""
    covered = _covered(s, report.package)
    for problem in validate_package(report.path):
        empty = re.search(r": (\w+) \(.*\) is empty$", problem)
        if empty and empty.group(1) in covered:
            continue
        if problem not in report.problems:
            report.problems.append(problem)


def _pack(
    sources: Sources, root: Path, s: ArchiveSettings, package: str, objid: str, read_options: Mapping[str, Any] | None = None
) -> PackageReport:
    """Write a package into the folder ``root`` and check it."""
    lay = tt05()["layout"]
    report = PackageReport(path=root, objid=objid, package=package, missing=s.missing(package))
    _settings_problems(s, report)
    parsed = _parse_all(sources, report, read_options)
    for sub in (lay["data"], lay["doc_ead"], lay["records"], Path(lay["file_ead"]).parent.as_posix()):
        (root / sub).mkdir(parents=True, exist_ok=True)
    _write_schemas(root, package)
    docs = _write_documents(parsed, root, s, package, report)
    file_els = elements_of("file_elements", package)
    (root / lay["file_ead"]).write_bytes(simpledc(file_values([d.values for d in docs], s, file_els, package), file_els))
    rep = root / lay["representation"]
    premis = premis_rep = None
    if package == "AIP":
        premis_rep = write_representation_premis(root / lay["representation_premis"], rep, objid, docs)
        premis = write_package_premis(root / lay["premis"], objid, s, len(docs))
    rep_mets = write_representation_mets(rep, s, package, docs, premis_rep)
    write_root_mets(root, s, package, objid, rep_mets, premis)
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
    folder_or_paths: Sources,
    out_dir: str | Path,
    settings: ArchiveSettings | None = None,
    *,
    package: str = "SIP",
    zip: bool = False,
    sequence: int | None = None,
    read_options: Mapping[str, Any] | None = None,
) -> PackageReport:
    """Pack the documents of a folder (or a list of files) as a TT 05 hồ sơ package (SIP_hoso, or AIP_hoso).

    Without ``zip`` the package is the folder ``out_dir`` (it must not exist or be empty). With ``zip``
    it is a ZIP written into the folder ``out_dir`` and named by the rule of Phụ lục III,
    ``[sequence][OBJID].zip`` (``sequence`` default 1); ``report.path`` is the ZIP. The package is
    written even when settings are missing, so it can be inspected; ``report.valid`` says whether it
    can be handed over, ``report.missing`` and ``report.problems`` say exactly why not.
    ``read_options``: keyword arguments of :func:`vndirective.parse` for every file (``ocr``, ``password``...).
    """
    require_lxml()
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
        return _pack(folder_or_paths, out, s, package, objid, read_options)
    out.mkdir(parents=True, exist_ok=True)
    target = out / name
    with tempfile.TemporaryDirectory(dir=out, prefix=".vndirective-") as tmp:
        report = _pack(folder_or_paths, Path(tmp) / package_folder(objid), s, package, objid, read_options)
        write_zip(report.path, target)
    report.path = target
    return report
