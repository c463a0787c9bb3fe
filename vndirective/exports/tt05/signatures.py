"""The digital signatures of a packed file as PREMIS 3 ``signatureInformation`` (AIP_hoso, PREMIS_rep1.xml).

What a signature says comes from :class:`vndirective.core.model.DigitalSignature` (the parse: signer,
times, kind, integrity); the facts the parse does not keep — the PDF ``/SubFilter``, the CMS digest and
signature algorithms and the signature value itself — are read here from the copy of the file in the
package, with pyHanko (the ``signatures`` extra), when it is installed and the file lets it. What cannot be
read is said in words, never guessed. The words, labels and algorithm names are data (``premis.signature``
of ``data/tt05.json``); docs/archive.md says what each element holds and why.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...core.model import DigitalSignature, Directive
from ...readers.signatures import available, quiet
from ..settings import tt05
from .values import TZ


@dataclass(frozen=True)
class CmsFacts:
    """What a signature dictionary of the file holds beyond the parse: its /SubFilter, the CMS algorithms, the value."""

    sub_filter: str | None = None  # 'adbe.pkcs7.detached', 'ETSI.CAdES.detached'...
    digest_algorithm: str | None = None  # asn1crypto's name: 'sha256'
    signature_algorithm: str | None = None  # asn1crypto's name: 'rsassa_pkcs1v15', 'ecdsa'...
    value: bytes | None = None  # the SignerInfo's signature octets


def signed_by_file(d: Directive) -> list[DigitalSignature]:
    """The signatures of the file itself (``source`` 'file'), in the form's order; a stamp printed in the text is not one."""
    return [s for s in d.digital_signatures if s.source == "file"]


def _facts(embedded: Any) -> CmsFacts:
    """The /SubFilter, algorithms and value of one of pyHanko's embedded signatures; what cannot be read stays None."""
    sub_filter = digest = algorithm = None
    value = None
    with contextlib.suppress(Exception):
        raw = embedded.sig_object.get("/SubFilter")
        sub_filter = str(raw).lstrip("/") if raw is not None else None
    with contextlib.suppress(Exception):
        info = embedded.signer_info
        digest = info["digest_algorithm"]["algorithm"].native
        algorithm = info["signature_algorithm"].signature_algo
        value = bytes(info["signature"].native)
    return CmsFacts(sub_filter, digest, algorithm, value)


def read_cms_facts(path: Path) -> dict[str, CmsFacts]:
    """The facts of each signature field of the PDF at ``path``, by field name (the full name and its last part).

    Empty without pyHanko or when the file cannot be read by it (encrypted, damaged): the caller then says
    what the parse knows, and that the rest was not read.
    """
    if not available():
        return {}
    out: dict[str, CmsFacts] = {}
    try:
        with quiet(), path.open("rb") as f:
            from pyhanko.pdf_utils.reader import PdfFileReader

            for embedded in PdfFileReader(f, strict=False).embedded_signatures:
                facts = _facts(embedded)
                name = str(embedded.field_name or "")
                out.setdefault(name, facts)
                out.setdefault(name.rsplit(".", 1)[-1], facts)
    except Exception:  # a file pyHanko cannot open: nothing read, said in the PREMIS text
        return {}
    return out


def _table() -> dict[str, Any]:
    table: dict[str, Any] = tt05()["premis"]["signature"]
    return table


def _dn_value(value: str) -> str:
    """An attribute value written as RFC 4514 writes it in a distinguished name (',', '+', '"', '\\', '<', '>', ';' escaped)."""
    out = "".join("\\" + c if c in ',+"\\<>;' else c for c in value)
    if out.startswith(("#", " ")):
        out = "\\" + out
    return out[:-1] + "\\ " if out.endswith(" ") else out


def signer_text(sig: DigitalSignature) -> str | None:
    """PREMIS signer: the certificate subject's CN, OU and O as a distinguished name; None when no CN was read."""
    if not sig.signer:
        return None
    parts = [("CN", sig.signer), ("OU", sig.unit), ("O", sig.organization)]
    return ", ".join(f"{k}={_dn_value(v)}" for k, v in parts if v)


def method_text(facts: CmsFacts | None) -> str:
    """PREMIS signatureMethod: the CMS signature and digest algorithms ('RSA-SHA256') and the PDF /SubFilter, as far as read."""
    t = _table()
    parts = []
    if facts is not None and facts.signature_algorithm:
        name = t["algorithms"].get(facts.signature_algorithm, facts.signature_algorithm)
        digest = (facts.digest_algorithm or "").upper().replace("_", "-")
        parts.append(f"{name}-{digest}" if digest else name)
    if facts is not None and facts.sub_filter:
        parts.append(f"{t['sub_filter_label']} {facts.sub_filter}")
    return "; ".join(parts) if parts else t["method_unknown"]


def iso_time(value: _dt.datetime | None) -> str | None:
    """A signing time in ISO 8601 in Vietnam time (+07:00), as the rest of the package writes times; None for no time."""
    if value is None:
        return None
    aware = value if value.tzinfo is not None else value.replace(tzinfo=_dt.timezone.utc)
    return aware.astimezone(TZ).isoformat(timespec="seconds")


def _flag(value: bool | None) -> str:
    return _table()["flags"]["unknown" if value is None else str(value).lower()]


def properties(sig: DigitalSignature) -> list[str]:
    """PREMIS signatureProperties, one 'name: value' each: field and page, /M and CMS signing times, person or organ,
    reason and location, whether the signature covers the whole file, integrity, validity, certificate trust."""
    labels = _table()["properties"]
    place = f"{sig.field_name}" + (f" (page {sig.page})" if sig.page else "") if sig.field_name else None
    values: list[tuple[str, str | None]] = [
        ("field", place),
        ("signed_at", iso_time(sig.signed_at)),
        ("cms_signed_at", iso_time(sig.cms_signed_at)),
        ("kind", sig.kind),
        ("reason", sig.reason),
        ("location", sig.location),
        ("covers_whole_file", None if sig.covers_whole_file is None else _flag(sig.covers_whole_file)),
        ("intact", _flag(sig.intact)),
        ("valid", _flag(sig.valid)),
        ("trust", _table()["trust"].get(sig.trust, sig.trust)),
    ]
    return [f"{labels[k]}: {v}" for k, v in values if v]


def validation_rules(sig: DigitalSignature) -> str:
    """PREMIS signatureValidationRules: what was checked (CMS over /ByteRange with pyHanko) and what was not (trust)."""
    rules = _table()["validation_rules"]
    return str(rules["checked"] if sig.intact is not None or sig.valid is not None else rules["not_checked"])


def value_and_encoding(sig: DigitalSignature, facts: CmsFacts | None, href: str, ordinal: int) -> tuple[str, str]:
    """PREMIS signatureValue and signatureEncoding: the SignerInfo's signature octets in Base64 when they were read,
    else a reference to the PDF signature field of the file that holds them (and an encoding that says so)."""
    t = _table()
    if facts is not None and facts.value:
        return base64.b64encode(facts.value).decode("ascii"), t["encoding"]
    field = f"'{sig.field_name}'" if sig.field_name else t["field_unnamed"].format(ordinal=ordinal)
    return t["value_reference"].format(field=field, file=href), t["encoding_reference"]


def match_facts(sig: DigitalSignature, facts: dict[str, CmsFacts]) -> CmsFacts | None:
    """The facts read from the file for the signature field the parse named."""
    return facts.get(sig.field_name) if sig.field_name else None
