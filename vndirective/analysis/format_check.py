"""Format check for clerks: where a parsed document departs from the official format.

Party documents follow HD 36-HD/VPTW, state documents Nghị định 30/2020/NĐ-CP. Each
:class:`Finding` names the rule (a code of ``data/rules.json``, where its basis and level
live), the place in the text and the fix. The parser already notices most deviations
while it reads (its warnings); this module turns them into rule findings and adds the
checks that only matter to a clerk (leading zeros, the colon after 'Số', the subject
prefix, the file-copy line).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

import regex

from ..core import codes
from ..core.ids import MALFORMED, parse_id
from ..core.model import Directive, Span
from ..core.normalize import fold, skeleton

Level = Literal["error", "warning", "note"]
SEVERITIES: tuple[Level, ...] = ("error", "warning", "note")  # most severe first: the order findings are listed in

# Parser warnings that are format findings, and the rule each one breaks.
_FROM_WARNING = {
    "missing_number": "number.missing",
    "malformed_number": "number.form",
    "missing_issuer": "issuer.missing",
    "missing_date": "date.missing",
    "reference_without_type": "reference.type_letters",
    "malformed_reference": "reference.form",
    "missing_signature": "signature.missing",
    "missing_signer_name": "signature.name",
    "missing_distribution": "distribution.missing",
}
_DATE = regex.compile(r"(?P<d>\d{1,2})(?P<between>\s+tháng\s+)(?P<m>\d{1,2})", regex.IGNORECASE)
_NUMBER_LABEL_SK = regex.compile(r"(?:^|[\s|*_])SO\s{0,3}(?P<colon>:?)\s{0,3}$")
_PREFIX_SK = regex.compile(r"(?P<prefix>V\s?/\s?V|VE\s+VIEC)\s{0,3}[:.]?\s{0,3}$")


@dataclass(frozen=True)
class Finding:
    """One departure from the official format."""

    rule: str  # a code of data/rules.json, e.g. 'number.form'
    level: Level
    message: str
    span: Span | None
    fix: str | None  # what to write instead (the text for ``span``), or how to mend it
    basis: str  # the rule and where it is written

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = [self.span.start, self.span.end] if self.span else None
        return out


def check(d: Directive) -> list[Finding]:
    """Every format finding of a parsed document, in text order (those without a place last)."""
    found = [f for w in d.warnings if (f := _from_warning(d, w.code, w.message, w.span)) is not None]
    # '105/TU': the missing type letters say it all; the same mention's form finding would repeat the fix.
    untyped = {f.span for f in found if f.rule == "reference.type_letters"}
    found = [f for f in found if not (f.rule == "reference.form" and f.span in untyped)]
    found += _number_form(d) + _date_form(d) + _subject_prefix(d) + _file_copy(d)
    return sorted(found, key=lambda f: (f.span is None, f.span.start if f.span else 0, SEVERITIES.index(f.level), f.rule))


def _rule(code: str) -> dict[str, Any]:
    rule: dict[str, Any] = codes.load("rules")[code]
    return rule


def _finding(d: Directive, code: str, message: str, span: Span | None, fix: str | None) -> Finding:
    rule = _rule(code)
    basis = rule["basis"]["state" if d.system == "state" else "party"]
    return Finding(code, rule["level"], message, span, fix, basis)


def _from_warning(d: Directive, code: str, message: str, span: Span | None) -> Finding | None:
    rule = _FROM_WARNING.get(code)
    if rule is None:
        return None
    fix: str | None = _rule(rule)["fix"]
    if rule == "number.form":
        fix = d.doc_id
        written = " ".join(d.snippet(span).split())
        parsed = parse_id(written)
        if parsed is not None and {p for p in parsed.problems if p in MALFORMED} - {"line_break"} == {"spaces"}:
            return _finding(d, "number.spacing", _rule("number.spacing")["message"].format(written=written), span, fix)
    elif rule.startswith("reference.") and span is not None:
        ref = next((r for r in d.references for m in r.mentions if m.span == span), None)
        fix = ref.doc_id if ref is not None and ref.doc_type else None
    elif rule == "number.missing":
        fix = (fix or "").format(example="'Số: 12/UBND-VP'" if d.system == "state" else "'Số 12-CV/HU'")
    return _finding(d, rule, message, span, fix)


def _number_form(d: Directive) -> list[Finding]:
    span = d.span("doc_id")
    if span is None or d.number is None:
        return []
    out = []
    number = d.number
    if number.isdigit() and int(number) < 10 and not number.startswith("0"):
        fixed = f"0{number}" + d.text[span.start + len(number) : span.end]
        message = _rule("number.leading_zero")["message"].format(number=number)
        out.append(_finding(d, "number.leading_zero", message, Span(span.start, span.start + len(number)), fixed))
    line_start = d.text.rfind("\n", 0, span.start) + 1
    label = _NUMBER_LABEL_SK.search(skeleton(d.text[max(line_start, span.start - 40) : span.start]))
    if label is not None:
        colon = bool(label.group("colon"))
        if d.system == "state" and not colon:
            out.append(_finding(d, "number.colon", "A state document writes 'Số:' with a colon before its number.", span, "Số: " + d.snippet(span)))
        elif d.system == "party" and colon:
            out.append(_finding(d, "number.colon", "The Party specimens write 'Số' without a colon.", span, "Số " + d.snippet(span)))
    return out


def _date_form(d: Directive) -> list[Finding]:
    span = d.span("date")
    if span is None:
        return []
    written = d.snippet(span)
    m = _DATE.match(fold(written))
    if m is None:
        return []
    day, month = m.group("d"), m.group("m")
    problems = []
    if len(day) == 1:
        problems.append(f"day {day} without a leading zero")
    if len(month) == 1 and int(month) <= 2:
        problems.append(f"month {month} without a leading zero")
    elif len(month) == 2 and month.startswith("0") and int(month) >= 3:
        problems.append(f"month {month} with a leading zero only months 1 and 2 take")
    if not problems:
        return []
    new_day = day.zfill(2)
    new_month = month.zfill(2) if int(month) <= 2 else str(int(month))
    fixed = new_day + m.group("between") + new_month + written[m.end() :]
    message = _rule("date.leading_zero")["message"].format(written=" ".join(written.split()), what=" and ".join(problems))
    return [_finding(d, "date.leading_zero", message, span, fixed)]


def _subject_prefix(d: Directive) -> list[Finding]:
    span = d.span("subject")
    if span is None or d.doc_type not in (None, "CV"):
        return []
    before = d.text[max(0, span.start - 20) : span.start]
    m = _PREFIX_SK.search(skeleton(before))
    subject = " ".join(d.snippet(span).split())
    if d.system == "state":
        if m is not None and m.group("prefix").replace(" ", "") == "V/V":
            return []
        written = before[m.start() :].strip() if m else ""
        message = "A state công văn writes its subject after 'V/v'" + (f"; here it follows '{written}'." if written else ".")
        where = Span(span.start - len(before) + m.start(), span.end) if m else span
        return [_finding(d, "subject.prefix", message, where, f"V/v {subject}")]
    if d.system == "party" and m is not None:
        written = before[m.start() :].strip()
        message = f"The Party specimen (HD 36) prints a công văn's subject without a prefix; here it follows '{written}'."
        return [_finding(d, "subject.prefix", message, Span(span.start - len(before) + m.start(), span.end), subject)]
    return []


def _file_copy(d: Directive) -> list[Finding]:
    if not d.distribution:
        return []
    if any(skeleton(item.recipient).startswith("LUU") for item in d.distribution):
        return []
    last = d.distribution[-1].span
    fixed = "- Lưu: VT, <đơn vị soạn thảo>." if d.system == "state" else "- Lưu Văn phòng <cấp ủy>."
    return [_finding(d, "distribution.file_copy", _rule("distribution.file_copy")["message"], Span(last.end, last.end), fixed)]


def format_findings(d: Directive, findings: list[Finding]) -> str:
    """A readable report: one finding per line with where it is, the rule and the fix."""
    if not findings:
        return "No format deviations found."
    lines = []
    for f in findings:
        where = ""
        if f.span is not None:
            line_no = d.text.count("\n", 0, f.span.start) + 1
            shown = " ".join(d.snippet(f.span).split())
            where = f"line {line_no}: '{shown}' " if shown else f"line {line_no}: "
        lines.append(f"{f.level.upper():8s}{f.rule:24s}{where}{f.message}")
        if f.fix:
            lines.append(f"{'':32s}fix: {f.fix}")
        lines.append(f"{'':32s}rule: {f.basis}")
    return "\n".join(lines)
