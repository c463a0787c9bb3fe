"""The pipeline: text → Layout → (copy block and received stamp set apart) → zones → extractors → :class:`~vndirective.core.model.Directive`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .confidence import flag_unsure, value_confidences, withhold_unsure
from .extract.copies import drop_claimed, extract_copies
from .extract.distribution import distribution_lines, extract_distribution
from .extract.header import extract_header
from .extract.recipients import extract_recipients
from .extract.references import extract_references
from .extract.signature import extract_signature
from .extract.stamps import extract_stamps
from .extract.tasks import extract_tasks
from .lines import Layout, build_layout
from .messages import warn
from .model import Directive, ParseWarning, Span
from .zones import Zones, find_zones

if TYPE_CHECKING:
    from ..readers.limits import Limits
    from ..readers.ocr import Ocr

MAX_CHARS = 20_000_000


def parse_text(text: str, *, source: str | None = None) -> Directive:
    """Parse a document held in a string. Never raises: problems become warnings."""
    if not isinstance(text, str):
        raise TypeError(f"parse_text() takes a str, not {type(text).__name__}; for files use vndirective.parse(path)")
    if "</" in text:
        from ..readers.html import is_markup, read_html

        if is_markup(text):  # HTML pasted or saved as text
            layout = read_html(text)
            layout.warnings.append(warn("html_markup"))
            return parse_layout(layout, source=source)
    return parse_layout(build_layout(text), source=source)


def parse(
    path: str | Path, *, encoding: str | None = None, ocr: Ocr = "auto", password: str | None = None, limits: Limits | None = None
) -> Directive:
    """Parse a document file: text, Markdown, HTML, Word (.docx) or PDF.

    ``ocr``: a scanned PDF is read with Tesseract (installed separately) when it is installed
    (``"auto"``, the default; the result then warns 'ocr'), always (``True``: an error if it is
    not installed) or never (``False``: a scan is a ``NoTextLayer`` error); ``password``
    opens an encrypted PDF; ``limits`` (:class:`~vndirective.readers.limits.Limits`) bounds
    the size, pages and unpacked bytes a file may have. Raises the typed errors of
    :mod:`vndirective.errors`.
    """
    from ..readers import read

    return parse_layout(read(path, encoding=encoding, ocr=ocr, password=password, limits=limits), source=str(path))


def parse_layout(layout: Layout, *, source: str | None = None) -> Directive:
    """Run the extractors on a Layout produced by any reader."""
    d = Directive(text=layout.text, source=source, boxes=list(layout.boxes), digital_signatures=list(layout.digital_signatures))
    if not layout.text.strip():
        d.warnings.append(warn("empty"))
        d.warnings.extend(layout.warnings)
        return d
    if len(layout.text) > MAX_CHARS:
        d.warnings.append(warn("too_long", chars=len(layout.text), limit=MAX_CHARS))
        d.warnings.extend(layout.warnings)
        return d
    marks = extract_copies(layout)  # a copy block and a received stamp: found first, their lines kept from the rest
    original = marks.value.rest
    zones = find_zones(original)
    header = extract_header(original, zones)
    recipients = extract_recipients(original, zones)
    site_text = original.lines[zones.site_text].start if zones.site_text is not None else None
    references = extract_references(original, header.value, site_text)
    references.value = drop_claimed(references.value, marks.value.claimed)
    body = extract_tasks(original, zones.body)
    distribution = extract_distribution(original, zones)
    stamps = extract_stamps(original, zones)
    stamped = frozenset(id(ln) for _, lines in stamps.value for ln in lines)
    signature = extract_signature(original, zones, {id(ln) for ln in distribution_lines(original, zones)}, stamped)
    parts = (header, recipients, references, body, distribution, signature, marks)
    d = Directive(
        text=layout.text,
        **header.value.fields.header_values(),
        recipients=recipients.value,
        references=references.value,
        preamble=body.value.preamble,
        tasks=body.value.tasks,
        closing=body.value.closing,
        signature=signature.value,
        distribution=distribution.value,
        warnings=[w for part in parts for w in part.warnings],
        spans={k: v for part in parts for k, v in part.spans.items()},
        source=source,
        boxes=list(layout.boxes),
        digital_signatures=list(layout.digital_signatures) or [stamp for stamp, _ in stamps.value],  # the file's own, else those printed
        copy=marks.value.copy,
        received=marks.value.received,
    )
    if layout.read_by_ocr:
        d.confidence = value_confidences(d, layout.boxes)
        d.warnings.extend(withhold_unsure(d, layout.boxes, layout.reread))
        d.warnings.extend(flag_unsure(d))
    d.warnings.extend(_document_warnings(d, zones))
    d.warnings.extend(layout.warnings)
    _check_spans(d)
    return d


def _document_warnings(d: Directive, zones: Zones) -> list[ParseWarning]:
    """What is missing from the document as a whole: 'Nơi nhận', a signature, everything a directive has."""
    found = []
    if zones.distribution_label is None and d.issuer is not None:
        found.append(warn("missing_distribution"))
    if d.signature is None and d.issuer is not None:
        found.append(warn("missing_signature"))
    if d.issuer is None and d.doc_id is None and d.date is None:
        found.append(warn("not_a_directive"))
    return found


def _check_spans(d: Directive) -> None:
    """Drop any span outside the text (a defect, reported rather than raised)."""
    n = len(d.text)
    for k, v in list(d.spans.items()):
        spans = v if isinstance(v, list) else [v]
        if any(not (0 <= s.start <= s.end <= n) for s in spans if isinstance(s, Span)):
            del d.spans[k]
            d.warnings.append(warn("internal", field=k))
