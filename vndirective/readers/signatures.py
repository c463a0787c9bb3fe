"""The digital signatures of a PDF: who signed, when, where the field is, and whether the signed bytes are intact.

Read with pyHanko (the ``signatures`` extra), the reference for PDF signatures in Python, with no network:
the certificate chain is not fetched and trust is reported as not checked; integrity (the digest of the
signed byte ranges, and the CMS signature over it) and coverage (whether bytes were added after signing)
are checked. Without pyHanko, or on a file pyHanko cannot read, there are none, and nothing fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import re
import warnings
from collections.abc import Iterator
from typing import Any

from ..core.model import DigitalSignature
from ..core.rules import is_name

_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?")
_QUIET = ("pyhanko", "pyhanko_certvalidator")  # they log every chain they cannot build (no network, no roots)


def available() -> bool:
    """Whether pyHanko is installed (imported once, without the deprecation notices of its dependencies)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import pyhanko.sign.validation  # noqa: F401
    except ImportError:
        return False
    return True


def read_signatures(data: bytes, height_of: dict[int, float] | None = None) -> list[DigitalSignature]:
    """The signatures of a PDF's bytes, in the file's order; [] without pyHanko or when there are none.

    ``height_of`` maps a page (from 1) to its height, to give boxes from the page's top like word boxes.
    """
    if b"/Sig" not in data or not available():
        return []
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with _quiet():
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            pages = _page_numbers(reader)
            return [_signature(emb, pages, height_of or {}) for emb in reader.embedded_signatures]
    except Exception:  # a damaged signature dictionary or file: the document still parses, without signatures
        return []


def _signature(emb: Any, pages: dict[int, int], height_of: dict[int, float]) -> DigitalSignature:
    sig = DigitalSignature(field_name=emb.field_name)
    sig.signed_at = _pdf_date(_text(emb.sig_object.get("/M")))
    sig.reason, sig.location = _text(emb.sig_object.get("/Reason")), _text(emb.sig_object.get("/Location"))
    subject = emb.signer_cert.subject.native
    sig.signer = _first(subject.get("common_name"))
    sig.organization, sig.unit = _first(subject.get("organization_name")), _first(subject.get("organizational_unit_name"))
    if sig.signer:
        sig.kind = "person" if is_name(sig.signer) else "organ"
    sig.page, sig.box = _place(emb.sig_field, pages, height_of)
    _check(emb, sig)
    return sig


def _check(emb: Any, sig: DigitalSignature) -> None:
    """Integrity, validity and coverage, without fetching anything: trust stays 'not_checked'."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        context = ValidationContext(trust_roots=[], allow_fetching=False)  # no network, no trust list: trust is not judged
        status = validate_pdf_signature(emb, signer_validation_context=context)
    except (SignatureValidationError, ValueError, KeyError):
        return
    sig.intact, sig.valid = bool(status.intact), bool(status.valid)
    sig.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    reported = status.signer_reported_dt
    sig.cms_signed_at = reported if isinstance(reported, dt.datetime) else None


def _page_numbers(reader: Any) -> dict[int, int]:
    """Object number of each page → its number from 1."""
    out: dict[int, int] = {}
    for n, ref in enumerate(_pages(reader.root.raw_get("/Pages")), 1):
        out[ref.idnum] = n
    return out


def _pages(ref: Any, depth: int = 0) -> Iterator[Any]:
    node = ref.get_object()
    if node.get("/Type") == "/Page" or "/Kids" not in node or depth > 64:
        yield ref
        return
    for kid in node.raw_get("/Kids"):
        yield from _pages(kid, depth + 1)


def _place(field: Any, pages: dict[int, int], height_of: dict[int, float]) -> tuple[int | None, list[float] | None]:
    """The page and box of a signature field's (first) widget."""
    widget = field
    kids = field.get("/Kids")
    if kids:
        widget = kids[0]
    page_ref = widget.raw_get("/P") if "/P" in widget else None
    page = pages.get(page_ref.idnum) if page_ref is not None and hasattr(page_ref, "idnum") else None
    rect = widget.get("/Rect")
    if rect is None or len(rect) != 4:
        return page, None
    x0, y0, x1, y1 = (float(v) for v in rect)
    height = height_of.get(page or 0)
    if height is None:
        return page, None
    return page, [round(min(x0, x1), 2), round(height - max(y0, y1), 2), round(max(x0, x1), 2), round(height - min(y0, y1), 2)]


def _pdf_date(value: str | None) -> dt.datetime | None:
    """A PDF date ('D:20250109102111+07'00'') as an aware datetime (UTC when no offset is given)."""
    m = _PDF_DATE.match(value or "")
    if m is None:
        return None
    year, month, day, hour, minute, second, _zulu, sign, oh, om = m.groups()
    offset = dt.timedelta(hours=int(oh or 0), minutes=int(om or 0)) * (-1 if sign == "-" else 1) if sign else dt.timedelta(0)
    try:
        return dt.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), int(second or 0), tzinfo=dt.timezone(offset))
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    return str(value) if value is not None else None


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value else None


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pyHanko's logs and its dependencies' deprecation notices, silenced while it reads."""
    loggers = [logging.getLogger(name) for name in _QUIET]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)
