"""Digital-signature stamps printed as text: the organ and time a signing tool stamps after the signer's name.

Text converted from a signed file often ends with the stamp of the organ's signature under the signer's
name ('ĐẢNG UỶ XÃ ...' then '23-03-2026 14:44:57 +07:00'), or with a labelled block ('Người ký: ...',
'Cơ quan: ...', 'Thời gian ký: ...'). Neither is the signer's title or name: the block is found here, kept
out of the signature, and reported as a :class:`~vndirective.core.model.DigitalSignature` read from the text.
"""

from __future__ import annotations

import datetime as dt

import regex

from ..lines import Layout, Line
from ..model import DigitalSignature
from ..rules import is_caps, is_name
from ..zones import Zones
from .result import Extracted

STAMP_REACH = 3  # lines above a signing time that can belong to its stamp (organ name lines, an e-mail)

_TIME = regex.compile(
    r"^\s*(?:(?:Thời\s+gian\s+ký|Ngày\s+ký|Ký\s+ngày)\s*:?\s*)?(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{4})[\sT,]+"
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<tz>[+-]\d{2}:?\d{2}|Z|GMT[+-]\d{1,2})?\s*$",
    regex.IGNORECASE,
)
_LABEL = regex.compile(
    r"^\s*(?P<label>Người\s+ký|Ký\s+bởi|Cơ\s+quan|Tổ\s+chức|Đơn\s+vị|E-?mail|Thời\s+gian\s+ký|Ngày\s+ký)\s*:\s*(?P<value>.*?)\s*$", regex.IGNORECASE
)
_EMAIL = regex.compile(r"^\s*(?:E-?mail\s*:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$", regex.IGNORECASE)
(_D, _M, _Y, _HOUR, _MIN, _SEC, _TZ) = (1, 2, 3, 4, 5, 6, 7)


def extract_stamps(layout: Layout, zones: Zones) -> Extracted[list[tuple[DigitalSignature, list[Line]]]]:
    """Each signing stamp of the closing zone, with the segments it is printed on."""
    a, b = zones.closing
    lines = [ln for ln in layout.lines[a:b] if ln.kind == "text"]
    found: list[tuple[DigitalSignature, list[Line]]] = []
    taken: set[int] = set()
    for i, ln in enumerate(lines):
        m = _TIME.match(layout.t(ln))
        if m is None or i in taken:
            continue
        block = _block(layout, lines, i, taken)
        taken.update(block)
        found.append((_stamp(layout, [lines[k] for k in block], m), [lines[k] for k in block]))
    return Extracted(found)


def _block(layout: Layout, lines: list[Line], at: int, taken: set[int]) -> list[int]:
    """The indices of a stamp's lines: the time, and above it (never past a personal name, the signer's) organ
    lines in capitals, an e-mail or labelled lines."""
    block = [at]
    for k in range(at - 1, max(-1, at - STAMP_REACH - 1), -1):
        text = layout.t(lines[k])
        if k in taken or is_name(text.strip()) or not (_LABEL.match(text) or _EMAIL.match(text) or is_caps(text)):
            break
        block.insert(0, k)
    return block


def _stamp(layout: Layout, lines: list[Line], time: regex.Match[str]) -> DigitalSignature:
    organ_lines: list[str] = []
    stamp = DigitalSignature(source="text", signed_at=_time(time))
    for ln in lines:
        text = " ".join(layout.t(ln).split())
        label = _LABEL.match(text)
        if label is not None:
            key, value = label.group("label").lower(), label.group("value")
            if key.startswith(("người", "ký")):
                stamp.signer = value or None
            elif key.startswith(("cơ", "tổ", "đơn")):
                stamp.organization = value or None
            continue
        if not _TIME.match(text) and not _EMAIL.match(text):
            organ_lines.append(text)
    if organ_lines and stamp.signer is None:
        stamp.signer = " ".join(organ_lines)
    if stamp.signer:
        stamp.kind = "person" if is_name(stamp.signer) else "organ"
    return stamp


def _time(m: regex.Match[str]) -> dt.datetime | None:
    tz = m.group(_TZ)
    offset = dt.timedelta(0)
    if tz and tz.upper() != "Z":
        digits = tz.upper().removeprefix("GMT")
        sign = -1 if digits.startswith("-") else 1
        hours, _, minutes = digits[1:].partition(":")
        if not minutes and len(hours) == 4:
            hours, minutes = hours[:2], hours[2:]
        offset = sign * dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    try:
        return dt.datetime(
            int(m.group(_Y)), int(m.group(_M)), int(m.group(_D)), int(m.group(_HOUR)), int(m.group(_MIN)), int(m.group(_SEC) or 0),
            tzinfo=dt.timezone(offset) if tz else None,
        )
    except ValueError:
        return None
