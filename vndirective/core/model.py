"""The typed results of parsing: a :class:`Directive` and its parts.

Every extracted value keeps the :class:`Span` of the source text it was cut
from (``directive.text[span.start:span.end]``). Values are as printed, with
whitespace collapsed and markup marks removed; canonical ids are normalised.
``Directive.to_dict()`` is JSON-ready and ``Directive.from_dict`` inverts it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from .serial import JsonModel

if TYPE_CHECKING:
    from ..analysis.format_check import Finding
    from ..analysis.results import Assignments, Entity
    from .outline import Outline

# 1.1: a mention's relation and cue; 1.2: digital_signatures; 1.3: copy and received; 1.4: confidence; 1.5: a task's title;
# 1.6: the task kind 'chapter'
SCHEMA_VERSION = "1.6"

System = Literal["party", "state"]


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` in ``Directive.text``."""

    start: int
    end: int

    def to_list(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_list(cls, value: list[int] | tuple[int, int] | None) -> Span | None:
        return None if value is None else cls(int(value[0]), int(value[1]))


SpanValue = Span | list[Span]  # a header field's span, or one span per item ('recipients')


@dataclass
class ParseWarning(JsonModel):
    """Something that looked wrong or unusual, in words a clerk understands."""

    code: str
    message: str
    span: Span | None = None


@dataclass
class Mention(JsonModel):
    """One place in the text where a document is cited."""

    text: str
    span: Span
    date: _dt.date | None = None
    date_span: Span | None = None
    issuer: str | None = None
    issuer_span: Span | None = None
    type_word: str | None = None
    relation: str | None = None  # how the citing document stands to the cited one ('implements'...; 'cites'); None: not read
    cue: str | None = None  # the words that say so, as printed ('Thực hiện')
    cue_span: Span | None = None


@dataclass
class Reference(JsonModel):
    """Another document cited in the text: one entry per distinct document."""

    doc_id: str
    doc_type: str | None
    number: str
    year: int | None
    date: _dt.date | None
    issuer: str | None
    system: System | None
    mentions: list[Mention] = field(default_factory=list)

    _JSON_COMPUTED: ClassVar[dict[str, str]] = {"span": "first_span"}
    _JSON_ORDER: ClassVar[tuple[str, ...]] = ("doc_id", "doc_type", "number", "year", "date", "issuer", "system", "span", "mentions")

    @property
    def span(self) -> Span:
        """Span of the first mention."""
        return self.mentions[0].span

    @property
    def first_span(self) -> Span | None:
        """Span of the first mention; None for a reference without mentions."""
        return self.mentions[0].span if self.mentions else None


TaskKind = Literal["part", "chapter", "section", "roman", "article", "arabic", "decimal", "letter", "bullet"]


@dataclass
class Task(JsonModel):
    """A numbered item of the body, with its sub-items as children.

    ``title`` is the item's heading line as printed, without its number ('QUAN ĐIỂM, MỤC TIÊU', 'Giao Sở
    Xây dựng:', 'Hiệu lực thi hành' of 'Điều 3.'), when the item is a heading; None when it opens with a
    sentence. The heading stays the start of ``text`` too. The rule: :func:`vndirective.core.extract.headings.heading_of`.
    """

    number: str
    text: str
    span: Span
    kind: TaskKind
    children: list[Task] = field(default_factory=list)
    title: str | None = None

    _JSON_COMPUTED: ClassVar[dict[str, str]] = {"head": "head"}
    _JSON_ORDER: ClassVar[tuple[str, ...]] = ("number", "kind", "title", "head", "text", "span", "children")

    @property
    def head(self) -> str:
        """The first ~60 characters of the text, cut at a word boundary."""
        return head_of(self.text)

    def walk(self) -> list[Task]:
        """This task and all its descendants, in document order."""
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


@dataclass
class Passage(JsonModel):
    """An unnumbered stretch of the body (the opening or the closing paragraphs)."""

    text: str
    span: Span


@dataclass
class AuthorityStep(JsonModel):
    """One link of a signature's authority chain: 'T/M' + 'BAN THƯỜNG VỤ'."""

    authority: str
    on_behalf_of: str | None
    span: Span


@dataclass
class Signature(JsonModel):
    """The signature block: first authority mark, on whose behalf, title, name."""

    authority: str | None = None
    on_behalf_of: str | None = None
    title: str | None = None
    name: str | None = None
    chain: list[AuthorityStep] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class DistributionItem(JsonModel):
    """One line of the 'Nơi nhận' list, the purpose in parentheses split out."""

    recipient: str
    purpose: str | None
    span: Span


SignatureKind = Literal["person", "organ"]
SignatureSource = Literal["file", "text"]


@dataclass
class DigitalSignature(JsonModel):
    """A digital signature of the file (a PDF's signature field), as its certificate and dictionary state it.

    ``kind``: a person's signature, or the organ's (its certificate names an organ; by Nghị định 30, Phụ lục I,
    the organ's carries the seal and sits over the person's). ``intact``: the signed bytes hash to the signed
    digest; ``valid``: the signature over that digest verifies; ``covers_whole_file``: nothing was added to the
    file after this signature (later signatures add to it). Trust in the certificate is not checked (no network).
    """

    field_name: str | None = None
    page: int | None = None  # from 1
    box: list[float] | None = None  # x0, top, x1, bottom in points, from the page's top left
    signer: str | None = None  # the certificate subject's common name
    organization: str | None = None
    unit: str | None = None
    kind: SignatureKind | None = None
    signed_at: _dt.datetime | None = None  # the signature dictionary's /M
    cms_signed_at: _dt.datetime | None = None  # the CMS signingTime the signer reported
    reason: str | None = None
    location: str | None = None
    covers_whole_file: bool | None = None
    intact: bool | None = None
    valid: bool | None = None
    trust: str = "not_checked"
    source: SignatureSource = "file"  # 'text': a stamp printed in the text (a converted signed file), not a signature of this file


CopyCode = Literal["SY", "SL", "TrS"]  # sao y, sao lục, trích sao: the symbols of Nghị định 30/2020 Phụ lục III


@dataclass
class Copy(JsonModel):
    """The details of a copy (bản sao): the block a copying organ adds after the original, headed 'SAO Y'
    ('SAO Y BẢN CHÍNH'), 'SAO LỤC' or 'TRÍCH SAO' (Nghị định 30/2020/NĐ-CP Phụ lục I mục IV; HD 36-HD/VPTW).

    Its organ, number, place and date, 'Nơi nhận' and signature are the copy's, never the original's (those
    stay the document's fields). ``kind`` is the heading as printed, ``code`` the kind as the decree's symbols
    write it. A heading printed alone (a 'SAO Y BẢN CHÍNH' stamp) leaves the other fields empty.
    ``digital_signature`` is the copying organ's signing stamp printed as text, when it stands for the
    signature. ``spans`` holds the spans of ``kind``, ``issuer``, ``issuer_parent``, ``number``, ``doc_id``,
    ``place`` and ``date`` when found; ``span`` covers the whole block.
    """

    kind: str
    code: CopyCode
    span: Span
    issuer: str | None = None  # the copying organ
    issuer_parent: str | None = None
    number: str | None = None
    doc_id: str | None = None  # the copy's number and symbol ('125/SY-VP')
    place: str | None = None
    date: _dt.date | None = None
    signature: Signature | None = None
    digital_signature: DigitalSignature | None = None
    distribution: list[DistributionItem] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class Received(JsonModel):
    """The received stamp (dấu 'ĐẾN', Nghị định 30/2020 Phụ lục IV) a receiving office puts on the first page:
    arrival number (Số đến), arrival date, to whom it was passed ('Chuyển') and the file it went to
    ('Số và ký hiệu HS'). Values as printed; ``label`` is 'ĐẾN' or 'CÔNG VĂN ĐẾN' as printed. The stamp's
    lines may sit between the header's (text read from a page): ``span`` runs from the label to the last
    of them, ``spans`` holds the spans of ``label``, ``number``, ``date``, ``forwarded_to`` and ``file_code``.
    """

    label: str
    span: Span
    number: str | None = None  # Số đến
    date: _dt.date | None = None  # the arrival date
    forwarded_to: str | None = None  # Chuyển
    file_code: str | None = None  # Số và ký hiệu HS
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass(frozen=True)
class Box:
    """Where a stretch of the text stands on a PDF page: text offsets, page (from 1) and
    the bounding box in PDF points (origin at the top left of the page)."""

    start: int
    end: int
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None = None  # OCR's confidence in the word (0-100); None for a text layer. Not serialised: see Directive.confidence

    def to_list(self) -> list[float]:
        return [self.start, self.end, self.page, self.x0, self.top, self.x1, self.bottom]

    @classmethod
    def from_list(cls, v: list[float]) -> Box:
        return cls(int(v[0]), int(v[1]), int(v[2]), float(v[3]), float(v[4]), float(v[5]), float(v[6]))


@dataclass(kw_only=True)
class HeaderFields:
    """The values of a document's header, None until found: what the header extractor returns, and the
    first fields of :class:`Directive`."""

    system: System | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    number: str | None = None
    doc_id: str | None = None
    doc_type: str | None = None
    doc_type_name: str | None = None
    place: str | None = None
    date: _dt.date | None = None
    subject: str | None = None
    urgency: str | None = None
    security: str | None = None

    def header_values(self) -> dict[str, Any]:
        """The header fields by name, in order."""
        return {name: getattr(self, name) for name in HEADER_FIELDS}


HEADER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(HeaderFields))


@dataclass
class Directive(HeaderFields, JsonModel):
    """A parsed Vietnamese official document.

    Header values are plain attributes (``d.issuer``, see :class:`HeaderFields`); their spans are in
    ``d.spans`` (``d.spans["issuer"]``, and ``d.spans["recipients"]`` holds one
    span per recipient). When the text is a copy or bears a received stamp, the fields stay the
    original's: the copy's details are in ``d.copy``, the stamp's in ``d.received``.
    """

    text: str
    recipients: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    preamble: Passage | None = None
    tasks: list[Task] = field(default_factory=list)
    closing: Passage | None = None
    signature: Signature | None = None
    distribution: list[DistributionItem] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    spans: dict[str, SpanValue] = field(default_factory=dict)
    source: str | None = None
    boxes: list[Box] = field(default_factory=list)
    digital_signatures: list[DigitalSignature] = field(default_factory=list)
    copy: Copy | None = None  # the copy's own details, when the text is a copy (bản sao)
    received: Received | None = None  # the received stamp (dấu ĐẾN) of an incoming document
    confidence: dict[str, float] = field(default_factory=dict)  # OCR's confidence (0-1) in each value it read: core/confidence.py

    _JSON_COMPUTED: ClassVar[dict[str, str]] = {"schema_version": "schema_version"}
    _JSON_ORDER: ClassVar[tuple[str, ...]] = (
        "schema_version",
        "source",
        *HEADER_FIELDS,
        "recipients",
        "references",
        "preamble",
        "tasks",
        "closing",
        "signature",
        "distribution",
        "digital_signatures",
        "copy",
        "received",
        "warnings",
        "confidence",
        "spans",
        "boxes",
        "text",
    )
    schema_version: ClassVar[str] = SCHEMA_VERSION  # the version of to_dict's output (and of the JSON Schema)

    @property
    def entities(self) -> list[Entity]:
        """Organisations, places, persons, dates and periods, slogans and cited documents of the text.

        Computed from the fields on each access (nothing is cached on the document, so an edited
        document gives fresh results): keep the list in a variable. See :mod:`vndirective.analysis.entities`.
        """
        from ..analysis.entities import extract_entities

        return extract_entities(self)

    @property
    def assignments(self) -> Assignments:
        """Who must do what, by when, computed from the fields on each access (keep the result in a variable).

        See :mod:`vndirective.analysis.assignments`.
        """
        from ..analysis.assignments import extract_assignments
        from ..analysis.results import Assignments

        return Assignments(extract_assignments(self))

    def span(self, name: str) -> Span | None:
        """The span of a header field, or None when the field was not found."""
        value = self.spans.get(name)
        return value if isinstance(value, Span) else None

    @property
    def recipient_spans(self) -> list[Span]:
        """One span per recipient (``spans["recipients"]``), in order."""
        value = self.spans.get("recipients")
        return value if isinstance(value, list) else []

    def page_at(self, offset: int) -> int:
        """The page (from 1) of a text offset: pages are separated by form feeds."""
        return self.text.count("\f", 0, max(0, offset)) + 1

    def locate(self, span: Span) -> list[tuple[int, tuple[float, float, float, float]]]:
        """Where a value stands on the pages of a PDF: (page, (x0, top, x1, bottom)) per page.

        Empty for documents that did not come from a PDF's text layer.
        """
        found: dict[int, list[float]] = {}
        for b in self.boxes:
            if b.end > span.start and b.start < span.end:
                box = found.setdefault(b.page, [b.x0, b.top, b.x1, b.bottom])
                box[0], box[1], box[2], box[3] = min(box[0], b.x0), min(box[1], b.top), max(box[2], b.x1), max(box[3], b.bottom)
        return [(page, (v[0], v[1], v[2], v[3])) for page, v in sorted(found.items())]

    @property
    def page_count(self) -> int | None:
        """Pages of a PDF (the last page with text, from the word boxes); None for formats without fixed pages."""
        return max((b.page for b in self.boxes), default=None)

    def snippet(self, span: Span | None) -> str:
        """The source text under a span."""
        return "" if span is None else self.text[span.start : span.end]

    def reference(self, doc_id: str) -> Reference | None:
        """The reference with this id, in any written form: its canonical id ('105-KL/TU'), any form one of its
        mentions prints ('105/TU' cited under 'kết luận', '105/KL/TU', an OCR variant merged into it), blanks, case
        and Unicode forms aside, or another print of the same id ('105 - KL/TU', '5-NQ/TU' for '05-NQ/TU')."""
        from .ids import parse_id
        from .normalize import fold

        def squeezed(text: str) -> str:
            return "".join(fold(text).split()).casefold()

        parsed = parse_id(doc_id)
        wanted = parsed.canonical if parsed else doc_id
        found = next((r for r in self.references if r.doc_id == wanted), None)
        if found is None:
            written = squeezed(doc_id)
            found = next((r for r in self.references if any(squeezed(m.text) == written for m in r.mentions)), None)
        if found is None and parsed is not None:
            found = next((r for r in self.references if (p := parse_id(r.doc_id, r.doc_type)) is not None and p.key == parsed.key), None)
        return found

    def __repr__(self) -> str:
        """A one-line view for the REPL: what the document is and how much was found (the text is ``d.text``)."""
        when = self.date.isoformat() if self.date else None
        found = f"references={len(self.references)}, tasks={len(self.tasks)}, warnings={len(self.warnings)}"
        return f"Directive(doc_id={self.doc_id!r}, doc_type={self.doc_type!r}, issuer={self.issuer!r}, date={when!r}, {found}, source={self.source!r})"

    def __str__(self) -> str:
        """The readable summary ``vndirective parse`` prints."""
        from ..exports.display import summary

        return summary(self)

    def _repr_html_(self) -> str:
        """Jupyter view: a card of the fields and the text with each part highlighted."""
        from ..exports.display import directive_html

        return directive_html(self)

    def check(self) -> list[Finding]:
        """Departures from the official format (HD 36-HD/VPTW, Nghị định 30/2020/NĐ-CP): see :mod:`vndirective.analysis.format_check`."""
        from ..analysis.format_check import check

        return check(self)

    def to_record(self, kind: str = "nd30-outgoing") -> Any:
        """The Nghị định 30/2020 Phụ lục VI record ('nd30-outgoing' | 'nd30-incoming'): a :class:`vndirective.exports.nd30.RegistrationRecord`."""
        from ..exports.nd30 import to_record

        return to_record(self, kind)

    def outline(self, depth: int | None = None) -> Outline:
        """The tree of numbered tasks as a table of contents: for each one (bullets left out) its path, depth,
        number and title, or the first words of its text when it is no heading. ``str(d.outline())`` is the
        indented text; ``.to_list()`` the JSON-ready entries. ``depth=1``: the top level only.
        See :mod:`vndirective.core.outline`."""
        from .outline import outline_of

        return outline_of(self.tasks, depth)

    def to_frame(self, table: str = "document") -> Any:
        """A table of this document as a pandas DataFrame with typed columns (pandas is optional).

        ``table``: 'document' (one row: the header, signer and counts), 'references', 'tasks' (with each task's
        ``path``, '2.a', and ``title``, NA when it is no heading), 'recipients', 'distribution', 'warnings' or 'assignments'. Text is pandas' ``"string"``,
        counts and spans ``"Int64"``, dates ``datetime64[ns]``; an absent value is ``pd.NA`` (``NaT`` for a date).
        The columns are the store's (:meth:`vndirective.bulk.store.Store.to_frame`) without ``document_id``:
        see :mod:`vndirective.exports.frames`.
        """
        from ..exports.frames import directive_frame

        return directive_frame(self, table)


def task_paths(tasks: list[Task], prefix: str = "") -> Iterator[tuple[str, Task]]:
    """(number path, task) of every task, depth first: '2', then '2.a', '2.a.-'.

    The one way a task is named outside the tree (assignments, span labels, follow-up sheets).
    """
    for t in tasks:
        path = f"{prefix}.{t.number}" if prefix else t.number
        yield path, t
        yield from task_paths(t.children, path)


def head_of(text: str, limit: int = 60) -> str:
    """First ``limit`` characters of ``text`` cut back to a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


_MOVED_TO_ANALYSIS = frozenset({"Actor", "Deadline", "DeadlineKind", "Assignment", "Assignments", "ASSIGNMENT_COLUMNS", "Entity", "EntityLabel"})


def __getattr__(name: str) -> Any:
    """The analysis result types lived here until 0.2: still reachable, with a DeprecationWarning."""
    if name in _MOVED_TO_ANALYSIS:
        import warnings

        from ..analysis import results

        warnings.warn(f"vndirective.model.{name} is deprecated: import it from vndirective.analysis.results", DeprecationWarning, stacklevel=2)
        return getattr(results, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
