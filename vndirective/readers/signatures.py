"""The digital signatures of a PDF: who signed, when, where the field is, and whether the signed bytes are intact.

The signature fields are read from the document pdfminer has already parsed (no second parse of the
file); the signature itself, a CMS SignedData, is read with asn1crypto and checked with pyHanko, the
reference for PDF signatures in Python (both come with the ``signatures`` extra), with no network: the
certificate chain is not built or fetched and trust is reported as not checked. Checked: the digest of
the signed byte ranges against the signed one (``intact``), the signature over it (``valid``), and
whether the signed ranges reach the end of the file (``covers_whole_file``: later bytes, such as a
later signature, were added after it). Without the extra, or on a field that cannot be read, a
signature is reported with what could be read; nothing fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import re
import warnings
from collections.abc import Iterator
from typing import Any

from ..core.model import DigitalSignature
from ..core.rules import is_name

_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:Z|([+-])(\d{2})'?(\d{2})?'?)?")
_QUIET = ("pyhanko", "pyhanko_certvalidator")
MAX_FIELDS = 256  # form fields looked at: a hostile form cannot make the reader walk without end


def available() -> bool:
    """Whether pyHanko (and asn1crypto) are installed, imported once without their dependencies' notices."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import asn1crypto.cms  # noqa: F401
            import pyhanko.sign.validation.generic_cms  # noqa: F401
    except ImportError:
        return False
    return True


def read_signatures(doc: Any, data: bytes, pages: dict[int, tuple[int, float]]) -> list[DigitalSignature]:
    """The signatures of a PDF whose pdfminer document is ``doc`` and bytes ``data``, in the form's order.

    ``pages`` maps pdfminer's page object id to (page number from 1, page height), to give each field's page
    and its box from the page's top like word boxes. [] when the file has no signature field.
    """
    if b"/Sig" not in data:
        return []
    try:
        fields = list(_signature_fields(doc, data))
    except Exception:  # a damaged form: the document still parses, without signatures
        return []
    digests = SignedDigests(data)
    with quiet():
        return [_signature(field, value, data, pages, digests) for field, value in fields]


def _signature_fields(doc: Any, data: bytes) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(field, signature dictionary) of every signed signature field of the document's form."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    form = _resolve(doc, doc.catalog.get("AcroForm"))
    if not isinstance(form, dict):
        return
    todo = list(resolve1(form.get("Fields")) or [])
    seen: set[int] = set()
    while todo and len(seen) < MAX_FIELDS:
        ref = todo.pop(0)
        key = getattr(ref, "objid", id(ref))
        if key in seen:
            continue
        seen.add(key)
        field = _resolve(doc, ref)
        if not isinstance(field, dict):
            continue
        kind = resolve1(field.get("FT"))
        value = signature_value(doc, data, field.get("V")) if isinstance(kind, PSLiteral) and kind.name == "Sig" else resolve1(field.get("V"))
        if isinstance(kind, PSLiteral) and kind.name == "Sig" and isinstance(value, dict) and "Contents" in value:
            yield field, value
        kids = resolve1(field.get("Kids"))
        if isinstance(kids, list) and "T" in field and not isinstance(value, dict):
            todo[:0] = kids


def _resolve(doc: Any, obj: Any) -> Any:
    """``resolve1``, but an object kept in an object stream is parsed alone: pdfminer parses every object of the
    stream, and a signed file adds one such stream per signature (its field, the form, the page's annotations)."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    if isinstance(obj, PDFObjRef) and not getattr(doc, "encryption", None) and obj.objid not in getattr(doc, "_cached_objs", {}):
        found = _from_object_stream(doc, obj.objid)
        if found is not None:
            return found
    return resolve1(obj)


def _from_object_stream(doc: Any, objid: int) -> Any:
    """Object ``objid`` when the newest cross-reference keeps it in an object stream, parsed alone; else None."""
    from pdfminer.pdftypes import PDFStream, resolve1

    for xref in doc.xrefs:
        try:
            stream_id, index, _ = xref.get_pos(objid)
        except KeyError:
            continue
        if stream_id is None:
            return None
        try:
            stream = resolve1(doc.getobj(stream_id))
            if not isinstance(stream, PDFStream):
                return None
            data, first = stream.get_data(), int(resolve1(stream["First"]))
            header = [int(v) for v in data[:first].split()]
            start = first + header[2 * index + 1]
            end = first + header[2 * index + 3] if 2 * index + 3 < len(header) else len(data)
        except Exception:  # an unusual stream: pdfminer reads it whole
            return None
        if header[2 * index] != objid:
            return None
        return _parse_object(doc, data[start:end])
    return None


MAX_SIGNATURE_OBJECT = 2**20  # bytes: a signature dictionary is a few tens of KB (its CMS in hexadecimal)
_CONTENTS = re.compile(rb"/Contents\s*<([0-9A-Fa-f\s]*)>")


def signature_value(doc: Any, data: bytes, ref: Any) -> Any:
    """The signature dictionary ``ref`` points to, its /Contents read from the file's bytes by
    ``bytes.fromhex``: pdfminer reads a hexadecimal string a character at a time, and a signature's
    CMS (16–32 KB of it) cost more than the document's pages. Anything unusual (an object kept in an
    object stream, an encrypted file, no hexadecimal /Contents) is left to pdfminer."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    raw = _object_bytes(doc, data, ref.objid) if isinstance(ref, PDFObjRef) and not getattr(doc, "encryption", None) else None
    found = _CONTENTS.search(raw) if raw is not None else None
    if raw is None or found is None:
        return resolve1(ref)
    value = _parse_object(doc, raw[: found.start(1)] + raw[found.end(1) :])
    if not isinstance(value, dict):
        return resolve1(ref)
    value["Contents"] = _hex_bytes(found.group(1))
    return value


def _hex_bytes(digits: bytes) -> bytes:
    """The bytes of a PDF hexadecimal string's digits (white space between them ignored; an odd last digit is
    followed by 0, as the PDF standard says)."""
    try:
        return bytes.fromhex(digits.decode("ascii"))  # skips white space itself
    except ValueError:  # an odd number of digits
        digits = re.sub(rb"\s+", b"", digits)
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _object_bytes(doc: Any, data: bytes, objid: int) -> bytes | None:
    """The bytes of the indirect object ``objid`` after its 'N G obj' up to its 'endobj', as the
    file's newest cross-reference places it; None when it is in an object stream or not found."""
    for xref in doc.xrefs:
        try:
            stream_id, pos, _ = xref.get_pos(objid)
        except KeyError:
            continue
        if stream_id is not None or not 0 <= pos < len(data):
            return None
        end = data.find(b"endobj", pos, pos + MAX_SIGNATURE_OBJECT)
        start = data.find(b"obj", pos, end)
        return data[start + 3 : end] if 0 <= start < end else None
    return None


def _parse_object(doc: Any, raw: bytes) -> Any:
    """The first object of ``raw`` as pdfminer parses it (references resolved through ``doc``)."""
    import io

    from pdfminer.pdfparser import PDFParser

    parser = PDFParser(io.BytesIO(raw + b"\nendobj"))  # pdfminer reads the token after an object before it returns it
    parser.set_document(doc)
    try:
        return parser.nextobject()[1]
    except Exception:  # pdfminer's syntax errors (PSEOF and others): the caller lets pdfminer read the object whole
        return None


def _signature(
    field: dict[str, Any], value: dict[str, Any], data: bytes, pages: dict[int, tuple[int, float]], digests: SignedDigests | None = None
) -> DigitalSignature:
    sig = DigitalSignature(field_name=_text(field.get("T")))
    sig.signed_at = _pdf_date(_text(value.get("M")))
    sig.reason, sig.location = _text(value.get("Reason")), _text(value.get("Location"))
    sig.page, sig.box = _place(field, pages)
    ranges = _ranges(value.get("ByteRange"))
    sig.covers_whole_file = len(ranges) == 4 and ranges[0] == 0 and ranges[2] + ranges[3] == len(data)
    if available():
        _read_cms(sig, value, data, ranges, digests or SignedDigests(data))  # (pyHanko's logs are quieted by the caller)
    if sig.signer:
        sig.kind = "person" if is_name(sig.signer) else "organ"
    return sig


def _read_cms(sig: DigitalSignature, value: dict[str, Any], data: bytes, ranges: list[int], digests: SignedDigests) -> None:
    """The signer, the signing time it reports and the integrity of the signature, from its CMS."""
    from asn1crypto import cms
    from pdfminer.pdftypes import resolve1
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    contents = resolve1(value.get("Contents"))
    try:
        signed = cms.ContentInfo.load(bytes(contents), strict=False)["content"]
        info = signed["signer_infos"][0]
        cert = _signer_certificate(signed, info)
    except (ValueError, KeyError, TypeError, IndexError):
        return
    if cert is None:
        return
    subject = _subject_fields(cert.subject)
    sig.signer = _first(subject.get("common_name"))
    sig.organization, sig.unit = _first(subject.get("organization_name")), _first(subject.get("organizational_unit_name"))
    sig.cms_signed_at = _signing_time(info)
    if len(ranges) != 4:
        return
    try:
        actual = digests.of(info["digest_algorithm"]["algorithm"].native, ranges)
        sig.intact, sig.valid = validate_sig_integrity(info, cert, expected_content_type="data", actual_digest=actual)
    except Exception:  # an algorithm hashlib or pyHanko does not take, a damaged CMS: left unknown
        sig.intact = sig.valid = None


class SignedDigests:
    """The digests of a file's signed byte ranges. Each signature of a file signed in turn covers the file as the
    one before it left it, plus more: the digest of a range from the file's start continues the state of the
    longest one already hashed, so a file of five signatures is hashed about once, not five times."""

    def __init__(self, data: bytes) -> None:
        self.view = memoryview(data)
        self.states: dict[str, list[tuple[int, Any]]] = {}  # algorithm → (length hashed from the start, its state)

    def of(self, algorithm: str, ranges: list[int]) -> bytes:
        """The digest of ``ranges`` (start, length, start, length) of the file with ``algorithm``."""
        first, length, second, more = ranges
        if first == 0:
            digest = self._prefix(algorithm, length)
        else:
            digest = hashlib.new(algorithm)
            digest.update(self.view[first : first + length])
        digest.update(self.view[second : second + more])
        return digest.digest()

    def _prefix(self, algorithm: str, length: int) -> Any:
        done = self.states.setdefault(algorithm, [])
        start, state = max(((n, st) for n, st in done if n <= length), default=(0, None), key=lambda item: item[0])
        digest = state.copy() if state is not None else hashlib.new(algorithm)
        digest.update(self.view[start:length])
        done.append((length, digest.copy()))
        return digest


def _signer_certificate(signed: Any, info: Any) -> Any:
    """The certificate of the signer ``info`` names, among those the signature carries."""
    sid = info["sid"]
    for choice in signed["certificates"] or []:
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if cert.serial_number == wanted["serial_number"].native and _same_name(cert.issuer, wanted["issuer"]):
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    return None


def _same_name(a: Any, b: Any) -> bool:
    """Whether two X.509 names are one: the same bytes, else by asn1crypto's comparison (which prepares
    every string as RFC 4518 says: exact, but costs more than the rest of the signature's reading)."""
    return bool(a.dump() == b.dump() or a == b)


_SUBJECT_FIELDS = {"2.5.4.3": "common_name", "2.5.4.10": "organization_name", "2.5.4.11": "organizational_unit_name"}


def _subject_fields(name: Any) -> dict[str, list[str]]:
    """The common names, organisations and units of an X.509 name, in order, as asn1crypto's ``name.native`` gives
    them, without converting its other attributes (a third of the time a signature took to read)."""
    found: dict[str, list[str]] = {}
    for rdn in name.chosen:
        for attribute in rdn:
            key = _SUBJECT_FIELDS.get(attribute["type"].dotted)
            if key is not None:
                found.setdefault(key, []).append(attribute["value"].native)
    return found


def _signing_time(info: Any) -> dt.datetime | None:
    for attribute in info["signed_attrs"] or []:
        if attribute["type"].native == "signing_time":
            value = attribute["values"][0].native
            return value if isinstance(value, dt.datetime) else None
    return None


def _place(field: dict[str, Any], pages: dict[int, tuple[int, float]]) -> tuple[int | None, list[float] | None]:
    """The page and box of a signature field's widget (the field itself, or its first kid)."""
    from pdfminer.pdftypes import resolve1

    widget = field
    kids = resolve1(field.get("Kids"))
    if isinstance(kids, list) and kids and "Rect" not in field:
        widget = resolve1(kids[0]) or field
    page_ref = widget.get("P")
    page, height = pages.get(getattr(page_ref, "objid", -1), (None, None))
    rect = resolve1(widget.get("Rect"))
    if not isinstance(rect, list) or len(rect) != 4 or height is None:
        return page, None
    try:
        x0, y0, x1, y1 = (float(resolve1(v)) for v in rect)
    except (TypeError, ValueError):
        return page, None
    return page, [round(min(x0, x1), 2), round(height - max(y0, y1), 2), round(max(x0, x1), 2), round(height - min(y0, y1), 2)]


def _ranges(value: Any) -> list[int]:
    from pdfminer.pdftypes import resolve1

    found = resolve1(value)
    try:
        return [int(resolve1(v)) for v in found] if isinstance(found, list) else []
    except (TypeError, ValueError):
        return []


def _pdf_date(value: str | None) -> dt.datetime | None:
    """A PDF date ('D:20250109102111+07'00'') as an aware datetime (UTC when no offset is given)."""
    m = _PDF_DATE.match(value or "")
    if m is None:
        return None
    year, month, day, hour, minute, second, sign, oh, om = m.groups()
    offset = dt.timedelta(hours=int(oh or 0), minutes=int(om or 0)) * (-1 if sign == "-" else 1) if sign else dt.timedelta(0)
    try:
        return dt.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), int(second or 0), tzinfo=dt.timezone(offset))
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    """A PDF text string (PDFDocEncoding or UTF-16 with its mark) as str."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        return decode_text(value)
    return str(value) if value is not None else None


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value else None


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """pyHanko's logs and its dependencies' deprecation notices, silenced while it reads or checks (here and in the archive package)."""
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
