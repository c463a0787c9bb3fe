"""Registration records of Nghị định 30/2020/NĐ-CP: the Phụ lục VI fields and the Phụ lục IV registers.

``to_record(d, "nd30-outgoing")`` gives the fields of an outgoing (văn bản đi) or incoming (văn bản đến)
document record in the decree's order, formats and lengths; the fields only the registering system knows
(file code, arrival number, routing...) are present and empty, but for the arrival number and date a
received stamp ('ĐẾN', ``Directive.received``) printed on the document gives. ``file_record(docs, settings)`` gives the
record of a hồ sơ (Mục III) from its documents and the archivist's settings. ``register_rows`` gives the rows
of the Sổ đăng ký văn bản đi / đến, ``write_register_csv`` and ``write_register_xlsx`` write them.

Every choice the decree leaves open (date format, number/notation split, priority digit...) is read from
``data/nd30.json`` (section ``choices``), where it is written down with its reason: see docs/records.md.
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..core import codes, rules
from .identifiers import nd30_choice, nd30_table, organ_id_problem, split_id
from .settings import ArchiveSettings, code_words, tt05

if TYPE_CHECKING:
    from ..core.model import Directive

__all__ = [
    "FILE_RECORD_KIND",
    "RECORD_KINDS",
    "RegistrationRecord",
    "field_specs",
    "file_record",
    "organ_id_problem",
    "register_columns",
    "register_gaps",
    "register_required",
    "register_rows",
    "split_id",
    "to_record",
    "write_register_csv",
    "write_register_xlsx",
]

RecordKind = Literal["nd30-outgoing", "nd30-incoming", "nd30-file"]
RegisterKind = Literal["outgoing", "incoming"]
RECORD_KINDS: tuple[str, ...] = ("nd30-outgoing", "nd30-incoming")  # to_record: one document
FILE_RECORD_KIND = "nd30-file"  # file_record: a hồ sơ and its documents
_MISSING = {"text": "not found in the document", "settings": "not given in the settings"}


@dataclass
class RegistrationRecord:
    """One Phụ lục VI record: ``fields`` in the decree's order (all strings, '' when unknown) and the
    ``problems`` a clerk should look at (values cut to the decree's length, missing values, secrecy)."""

    kind: str
    fields: dict[str, str]
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, str]:
        """The fields, in order."""
        return dict(self.fields)

    def labelled(self) -> list[tuple[str, str, str]]:
        """(number in the decree, Vietnamese name, value) per field, for display."""
        return [(f["no"], f["vi"], self.fields[f["key"]]) for f in field_specs(self.kind)]


def field_specs(kind: str) -> list[dict[str, Any]]:
    """The field list of a record kind, from ``data/nd30.json``."""
    fields: dict[str, list[dict[str, Any]]] = nd30_table()["fields"]
    if kind not in fields:
        raise ValueError(f"unknown record kind {kind!r}: use one of {', '.join(fields)}")
    return fields[kind]


def _register_kind(kind: str) -> str:
    k = kind.removeprefix("nd30-")
    if k not in nd30_table()["registers"]:
        raise ValueError(f"unknown register {kind!r}: use 'outgoing' or 'incoming'")
    return k


def register_columns(kind: str) -> list[str]:
    """The column headings of the Sổ đăng ký văn bản đi ('outgoing') or đến ('incoming'), Phụ lục IV."""
    return [c["heading"] for c in nd30_table()["registers"][_register_kind(kind)]["columns"]]


def format_date(date: _dt.date | None, fmt: str | None = None) -> str:
    """A date in the records' format (``choices.date_format``: dd/mm/yyyy)."""
    return "" if date is None else date.strftime(fmt or nd30_choice("date_format"))


def organ_name(d: Directive) -> str:
    """The issuing organ as ``choices.organ_name`` wants it."""
    issuer = d.issuer or ""
    if nd30_choice("organ_name") == "parent_issuer" and d.issuer_parent and issuer:
        return f"{d.issuer_parent} - {issuer}"
    return issuer


def recipient_names(d: Directive) -> list[str]:
    """Receiving organs: 'Kính gửi', then 'Nơi nhận' without purposes, the 'Lưu' line and a redundant 'Như trên'."""
    names: list[str] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        name = " ".join(name.split()).strip(" ,;.")
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)

    for r in d.recipients:
        add(r)
    for item in d.distribution:
        if rules.is_file_copy(item.recipient) or (d.recipients and rules.is_as_above(item.recipient)):
            continue
        add(item.recipient)
    return names


def archive_copy(d: Directive) -> str:
    """Who keeps the archive copy: the text after 'Lưu' in the Nơi nhận list ('Lưu: VT, VP' → 'VT, VP')."""
    return next((k for item in d.distribution if (k := rules.file_copy_keepers(item.recipient)) is not None), "")


def type_and_subject(d: Directive) -> str:
    """'Công văn V/v <subject>' or '<Type> <subject>', as the register column 3/6 wants."""
    name = d.doc_type_name or codes.type_name(d.doc_type) or ""
    subject = d.subject or ""
    if d.doc_type == "CV" and subject:
        subject = f"{nd30_table()['choices']['type_and_subject']['cv_prefix']} {subject}"
    return " ".join(x for x in (name, subject) if x)


def _signer(d: Directive) -> tuple[str, str]:
    sig = d.signature
    if sig is None:
        return "", ""
    title = sig.title or ""
    if nd30_choice("signer_title") == "authority_title" and sig.authority and sig.on_behalf_of:
        title = f"{sig.authority} {sig.on_behalf_of} {title}".strip()
    return title, sig.name or ""


def _signer_label() -> str:
    """How the problems name the signer's name field (as :func:`_fill` names every field)."""
    spec = next(f for f in field_specs("nd30-outgoing") if f["from"] == "signer_name")
    return f"{spec['vi']} ({spec['key']})"


def _flag_words(sig: Any) -> str:
    """What was checked of a digital signature, in words for the clerk."""
    checked = "the signature is intact and valid" if sig.intact and sig.valid else "its integrity was not checked"
    return f"{checked}; the certificate's trust was not checked"


def certificate_signer(d: Directive, problems: list[str]) -> str:
    """The signer's name from the certificate of the person's digital signature of the file, for a text that prints none.

    Only a signature of the file itself (``source`` 'file', not a stamp printed in the text) whose certificate names a
    person (``kind`` 'person': an organ's certificate is never taken for the signer) and that is not known to be broken
    (``intact`` or ``valid`` False); when several persons signed, none is chosen. What was taken, from where, and what
    was left out is said in ``problems``, so the clerk knows the name is not the text's. '' when nothing is taken, or
    when ``choices.signer_from_certificate`` is 'text_only'.
    """
    if nd30_choice("signer_from_certificate") != "person_certificate":
        return ""
    people = [s for s in d.digital_signatures if s.source == "file" and s.kind == "person" and s.signer]
    label = _signer_label()
    usable = []
    for sig in people:
        if sig.intact is False or sig.valid is False:
            problems.append(
                f"{label}: the digital signature of '{sig.signer}' (field {sig.field_name!r}) does not verify (the signed bytes changed "
                "or the signature is wrong): its certificate's name is not used"
            )
        else:
            usable.append(sig)
    names: dict[str, Any] = {}
    for sig in usable:
        names.setdefault(" ".join(unicodedata.normalize("NFC", sig.signer or "").split()).casefold(), sig)
    if len(names) > 1:
        listed = "; ".join(sig.signer for sig in names.values())
        problems.append(f"{label}: not printed in the text; the file carries the digital signatures of several persons ({listed}): none is taken as the signer")
        return ""
    if not names:
        return ""
    sig = next(iter(names.values()))
    problems.append(
        f"{label}: not printed in the text; '{sig.signer}' is the name (CN) in the certificate of the person's digital signature "
        f"(field {sig.field_name!r}) of the file — {_flag_words(sig)}: check it against the document"
    )
    return str(sig.signer)


def _priority(d: Directive) -> str:
    table: dict[str, str] = nd30_table()["codes"]["priority"]
    return table.get(d.urgency or "", table[""])


def _fit(value: str, limit: int) -> str:
    """Cut to ``limit`` characters, at the last space when it is in the last fifth."""
    cut = value[:limit]
    space = cut.rfind(" ")
    return cut[:space].rstrip(" ,;") if space > limit * 4 // 5 else cut


def _values(d: Directive, date_format: str | None, problems: list[str]) -> dict[str, Any]:
    number, notation = split_id(d.doc_id, d.number, d.system)
    title, name = _signer(d)
    name = name or certificate_signer(d, problems)
    pages = d.page_count
    return {
        "doc_type_name": d.doc_type_name or codes.type_name(d.doc_type) or "",
        "number": number,
        "notation": notation,
        "date": format_date(d.date, date_format),
        "issuer": organ_name(d),
        "subject": d.subject or "",
        "language": nd30_table()["codes"]["language"],
        "pages": "" if pages is None else str(pages),
        "secrecy_note": f"Độ mật: {d.security}" if d.security and nd30_choice("secrecy") == "description" else "",
        "signer_title": title,
        "signer_name": name,
        "recipients": recipient_names(d),
        "priority": _priority(d),
    }


def _fill(specs: list[dict[str, Any]], values: dict[str, Any], problems: list[str]) -> dict[str, str]:
    """The fields of ``specs`` from ``values`` (keyed by each spec's 'from'), cut to the decree's lengths; cuts and gaps go to ``problems``."""
    separator: str = nd30_table()["choices"]["recipients"]["separator"]
    out: dict[str, str] = {}
    for spec in specs:
        key, limit = spec["key"], spec["max_length"]
        label = f"{spec['vi']} ({key})"
        raw: Any = values.get(spec["from"], "") if spec["fill"] != "system" and spec["from"] else ""
        if isinstance(raw, list):
            items = []
            for item in raw:
                if limit and len(item) > limit:
                    problems.append(f"{label}: '{item[:40]}…' cut from {len(item)} to {limit} characters")
                    item = _fit(item, limit)
                items.append(item)
            value = separator.join(items)
        else:
            value = str(raw)
            if limit and len(value) > limit:
                if spec["type"] == "Number":
                    problems.append(f"{label}: {value} has more than the {limit} digits the decree allows (kept whole)")
                else:
                    problems.append(f"{label}: cut from {len(value)} to {limit} characters")
                    value = _fit(value, limit)
        if spec.get("report_missing") and not value:
            where = f" ({spec['from']})" if spec["fill"] == "settings" else ""
            problems.append(f"{label}: {_MISSING.get(spec['fill'], 'unknown')}{where}")
        out[key] = value
    return out


def to_record(d: Directive, kind: str = "nd30-outgoing", *, date_format: str | None = None) -> RegistrationRecord:
    """The Phụ lục VI record of a document: 'nd30-outgoing' (Mục I, văn bản đi) or 'nd30-incoming' (Mục II, văn bản đến).

    Values are cut to the decree's lengths; each cut, each missing value the text should give and a
    secrecy mark are listed in ``RegistrationRecord.problems``. A signer's name the text does not print is taken
    from the certificate of the person's digital signature of the file, and said so in the problems
    (:func:`certificate_signer`). ``date_format`` (strftime) overrides ``choices.date_format``.
    The record of a hồ sơ (Mục III) is :func:`file_record`.
    """
    if kind == FILE_RECORD_KIND:
        raise ValueError(f"{kind!r} is the record of a hồ sơ, not of one document: use file_record(documents, settings)")
    specs = field_specs(kind)
    problems: list[str] = []
    out = _fill(specs, _values(d, date_format, problems), problems)
    if d.received is not None:
        _arrival(out, d, date_format, problems)
    if d.security:
        problems.append(f"secret document ({d.security}): register it under the rules on state secrets (Nghị định 30/2020 Art. 16.3, 22.4)")
    return RegistrationRecord(kind, out, problems)


def _arrival(fields: dict[str, str], d: Directive, date_format: str | None, problems: list[str]) -> None:
    """Số đến (ArrivalNumber) and Ngày đến (ArrivalDate) of an incoming record from the received stamp ('ĐẾN')
    printed on the document, when it has them; the registering system fills them otherwise."""
    received = d.received
    if received is None:
        return
    if "ArrivalNumber" in fields and received.number:
        number = received.number
        if not number.isdigit():
            problems.append(f"Số đến (ArrivalNumber): '{number}' on the received stamp is not a number only (kept as printed)")
        fields["ArrivalNumber"] = number
    if "ArrivalDate" in fields and received.date is not None:
        fields["ArrivalDate"] = format_date(received.date, date_format)


# ---------------------------------------------------------------- the hồ sơ record (Mục III)


def _document_name(d: Directive) -> str:
    return Path(d.source).name if d.source else ""


def _override(settings: ArchiveSettings, d: Directive, element: str) -> str:
    """A value the settings give for one document (``documents.<file name>.<element>``), or ''."""
    return str(settings.documents.get(_document_name(d), {}).get(element, ""))


def _document_date(settings: ArchiveSettings, d: Directive) -> _dt.date | None:
    if d.date is not None:
        return d.date
    given = _override(settings, d, "issuedDate")
    try:
        return _dt.datetime.strptime(given, tt05()["date_format"]).date() if given else None
    except ValueError:
        return None


def _document_pages(settings: ArchiveSettings, d: Directive) -> int | None:
    given = _override(settings, d, "numberOfPage")
    if given.isdigit():
        return int(given)
    return d.page_count


def _file_code_parts(settings: ArchiveSettings, problems: list[str]) -> tuple[str, str]:
    """FileCatalog and FileNotation: the settings' file_year / file_notation, else split from file_code."""
    year, notation = settings.file_year or "", settings.file_notation or ""
    m = re.fullmatch(nd30_table()["codes"]["file_code"]["pattern"], settings.file_code or "")
    if m:
        year, notation = year or m.group("year"), notation or m.group("notation")
        organ = m.group("organ")
        if settings.agency_id and organ != settings.agency_id:
            problems.append(
                f"file_code {settings.file_code!r} begins with {organ!r}, not with the OrganId {settings.agency_id!r} (TT 05: organ id + year + file number)"
            )
    return year, notation


def _file_values(docs: list[Directive], s: ArchiveSettings, date_format: str | None, problems: list[str]) -> dict[str, Any]:
    """The values of the hồ sơ record: the archivist's settings and what the documents give."""
    dated = sorted(x for x in (_document_date(s, d) for d in docs) if x is not None)
    undated = [_document_name(d) or "?" for d in docs if _document_date(s, d) is None]
    if undated:
        names = ", ".join(undated)
        problems.append(f"no date for {names}: StartDate and EndDate cover the dated documents only (give documents.<name>.issuedDate in the settings)")
    pages = [_document_pages(s, d) for d in docs]
    unknown = [_document_name(d) or "?" for d, n in zip(docs, pages, strict=True) if n is None]
    if unknown:
        problems.append(
            f"Tổng số trang của hồ sơ (PageTotal): page count unknown for {', '.join(unknown)}; left empty (give documents.<name>.numberOfPage in the settings)"
        )
    retention = code_words("maintenance", s.retention)
    if s.retention and retention == tt05()["codes"]["maintenance"]["values"]["07"]:
        problems.append(f"Thời hạn bảo quản (Maintenance): {s.retention!r} is not a period; give it in words ('15 năm')")
    year, notation = _file_code_parts(s, problems)
    return {
        "agency_id": s.agency_id or "",
        "file_year": year,
        "file_notation": notation,
        "file_title": s.file_title or "",
        "retention": retention,
        "access_mode": code_words("mode", s.access_mode),
        "creator": s.creator or "",
        "language": code_words("language", s.language) or nd30_table()["codes"]["language"],
        "start_date": format_date(dated[0], date_format) if dated else "",
        "end_date": format_date(dated[-1], date_format) if dated else "",
        "doc_total": str(len(docs)),
        "page_total": "" if unknown or not pages else str(sum(n for n in pages if n is not None)),
        "description": s.description or "",
    }


def file_record(
    directives: Iterable[Directive], settings: ArchiveSettings | dict[str, Any] | None = None, *, date_format: str | None = None
) -> RegistrationRecord:
    """The Phụ lục VI Mục III record of a hồ sơ: file code, title, retention, access, creator, language, dates, totals.

    ``settings`` are the archive settings (:class:`vndirective.exports.settings.ArchiveSettings`, or the dict of a settings
    file): the archivist's values are taken from there, never guessed; a missing one is empty and listed in
    ``RegistrationRecord.problems``, as are an agency id of an unknown form, undated documents and unknown page counts.
    """
    s = settings if isinstance(settings, ArchiveSettings) else ArchiveSettings.from_dict(dict(settings or {}))
    docs = list(directives)
    problems: list[str] = []
    values = _file_values(docs, s, date_format, problems)
    fields = _fill(field_specs(FILE_RECORD_KIND), values, problems)
    organ = organ_id_problem(s.agency_id)
    if organ:
        problems.append(f"Mã định danh của cơ quan (FileCode.OrganId): {organ}")
    secret = [f"{_document_name(d) or d.doc_id} ({d.security})" for d in docs if d.security]
    if secret:
        problems.append(f"secret documents: {', '.join(secret)}: the file's access regime must allow them (Chế độ sử dụng)")
    return RegistrationRecord(FILE_RECORD_KIND, fields, problems)


# ---------------------------------------------------------------- the registers (Phụ lục IV)


def _register_value(d: Directive, source: str | None, number: int | None) -> str:
    if source is None:
        return ""
    if source == "doc_id":
        return d.doc_id or d.number or ""
    if source == "date":
        return format_date(d.date)
    if source == "type_and_subject":
        return type_and_subject(d)
    if source == "signer":
        title, name = _signer(d)
        return " ".join(x for x in (title, name) if x)
    if source == "recipients":
        return "; ".join(recipient_names(d))
    if source == "archive_copy":
        return archive_copy(d)
    if source == "issuer":
        return organ_name(d)
    if source == "arrival_number":
        return "" if number is None else str(number)
    if source == "note":
        return ", ".join(x for x in (d.urgency, d.security) if x)
    raise ValueError(f"data/nd30.json: unknown register source {source!r}")


# The register columns a row cannot do without (their source → the word for what is missing): the number and the date
# that identify the document, its author (the incoming register's 'Tác giả') and its subject (the 'trích yếu' of column
# 'Tên loại và trích yếu nội dung'). A row without one is written, and reported (register_gaps; `register` exits 1).
REGISTER_REQUIRED: dict[str, str] = {"doc_id": "number", "date": "date", "issuer": "issuer", "type_and_subject": "subject"}


def register_required(kind: str = "outgoing") -> dict[str, str]:
    """The :data:`REGISTER_REQUIRED` fields that are columns of the ``kind`` register (the outgoing one has no author)."""
    sources = {c["from"] for c in nd30_table()["registers"][_register_kind(kind)]["columns"]}
    return {source: word for source, word in REGISTER_REQUIRED.items() if source in sources}


def register_gaps(d: Directive, kind: str = "outgoing") -> list[str]:
    """What the register row of ``d`` lacks among the required fields (:func:`register_required`): [] when complete."""
    found = {"doc_id": d.doc_id or d.number, "date": d.date, "issuer": organ_name(d), "type_and_subject": d.subject}
    return [word for source, word in register_required(kind).items() if not found[source]]


def register_rows(directives: Iterable[Directive], kind: str = "outgoing", *, start: int | None = None) -> list[dict[str, str]]:
    """Rows of the Sổ đăng ký văn bản đi ('outgoing') or đến ('incoming'), keyed by the Phụ lục IV headings, in the order given.

    The columns the office fills (Ngày đến, Ngày chuyển, Ký nhận, Số lượng bản...) are empty. 'Số đến'
    is empty unless ``start`` is given: then the rows are numbered ``start``, ``start + 1``...
    """
    columns = nd30_table()["registers"][_register_kind(kind)]["columns"]
    rows = []
    for i, d in enumerate(directives):
        number = None if start is None else start + i
        rows.append({c["heading"]: _register_value(d, c["from"], number) for c in columns})
    return rows


def _columns_of(rows: Sequence[dict[str, str]], kind: str | None) -> list[str]:
    if kind is not None:
        return register_columns(kind)
    if rows:
        return list(rows[0])
    raise ValueError("no rows: give kind='outgoing' or 'incoming' to write the headings")


def _kind_of(columns: Sequence[str], kind: str | None) -> str:
    if kind is not None:
        return _register_kind(kind)
    return "incoming" if "Số đến" in columns else "outgoing"


def write_register_csv(rows: Sequence[dict[str, str]], path: str | Path, kind: str | None = None) -> Path:
    """Write register rows as CSV, UTF-8 with a BOM so that Excel reads the Vietnamese letters."""
    columns = _columns_of(rows, kind)
    out = Path(path)
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return out


def _only(values: Iterable[str]) -> str | None:
    distinct = {v for v in values if v}
    return distinct.pop() if len(distinct) == 1 else None


_FONT = "Times New Roman"
Title = tuple[str | int | None, int, bool]  # (text, size, bold) of a title row


def _write_titles(ws: Any, titles: Iterable[Title], ncol: int) -> int:
    """The title rows above the table, each merged across it; the first row after them."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    last = get_column_letter(ncol)
    line = 1
    for text, size, bold in titles:
        if not text:
            continue
        ws.merge_cells(f"A{line}:{last}{line}")
        cell = ws.cell(row=line, column=1, value=str(text))
        cell.font = Font(name=_FONT, size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        line += 1
    return line


def _write_table(ws: Any, head: int, columns: Sequence[str], rows: Sequence[dict[str, str]], widths: dict[str, int]) -> None:
    """The headings at row ``head``, their numbers (1)...(n) under them, then the rows; bordered, wrapped, columns set to ``widths``."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for j, name in enumerate(columns, start=1):
        for r, value in ((head, name), (head + 1, f"({j})")):
            cell = ws.cell(row=r, column=j, value=value)
            cell.font = Font(name=_FONT, size=11, bold=r == head)
            cell.alignment = centre
            cell.border = border
        ws.column_dimensions[get_column_letter(j)].width = widths.get(name, 14)
    body = Alignment(vertical="top", wrap_text=True)
    for i, row in enumerate(rows, start=head + 2):
        for j, name in enumerate(columns, start=1):
            cell = ws.cell(row=i, column=j, value=row.get(name, ""))
            cell.font = Font(name=_FONT, size=11)
            cell.alignment = body
            cell.border = border


def _set_up_printing(ws: Any, head: int) -> None:
    """A4 landscape fitted to the page width, the headings repeated on every page and frozen on screen."""
    ws.print_title_rows = f"{head}:{head + 1}"
    ws.freeze_panes = ws.cell(row=head + 2, column=1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def write_register_xlsx(
    rows: Sequence[dict[str, str]],
    path: str | Path,
    title: str | None = None,
    *,
    kind: str | None = None,
    organ: str | None = None,
    year: int | str | None = None,
) -> Path:
    """Write register rows as a printable XLSX sheet (needs openpyxl: ``pip install vndirective[registers]``).

    Title rows (organ, SỔ ĐĂNG KÝ VĂN BẢN ĐI/ĐẾN, year), the headings and their numbers (1)...(10), wrapped
    text, set column widths, A4 landscape fitted to the page width, headings repeated on every printed page.
    ``organ`` is the office keeping the register (left out when not given); ``year`` defaults to the only year of the rows' dates.
    """
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        raise ImportError("write_register_xlsx needs openpyxl: pip install 'vndirective[registers]' (or write CSV with write_register_csv)") from exc

    columns = _columns_of(rows, kind)
    reg_kind = _kind_of(columns, kind)
    spec = nd30_table()["registers"][reg_kind]
    if year is None:
        year = _only(r.get("Ngày tháng văn bản", "")[-4:] for r in rows)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sổ đi" if reg_kind == "outgoing" else "Sổ đến"
    titles: list[Title] = [(organ, 12, True), (title or spec["title"], 14, True), (f"Năm {year}" if year else None, 12, False)]
    head = _write_titles(ws, titles, len(columns)) + 1  # a blank row before the table
    _write_table(ws, head, columns, rows, {c["heading"]: c["width"] for c in spec["columns"]})
    _set_up_printing(ws, head)
    out = Path(path)
    wb.save(out)
    return out


def __getattr__(name: str) -> Any:
    """``Record`` was this module's name for :class:`RegistrationRecord` until 0.2 (the batch's ``Record`` is another thing)."""
    if name == "Record":
        import warnings

        warnings.warn("vndirective.exports.nd30.Record is deprecated: it is RegistrationRecord", DeprecationWarning, stacklevel=2)
        return RegistrationRecord
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
