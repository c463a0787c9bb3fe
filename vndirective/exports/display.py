"""HTML views of a parsed document for Jupyter: a card of its fields and its text with every part highlighted.

``Directive._repr_html_`` calls :func:`directive_html`, so a notebook cell that ends with a
``Directive`` shows it. Everything is escaped; the fragment declares UTF-8 and uses fonts that
hold Vietnamese letters.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterator, Sequence

from ..core.model import Directive, Span, Task

# Highlight classes, most specific first: where spans overlap, the first one listed wins.
PARTS: dict[str, tuple[str, str]] = {
    "reference": ("#ffd166", "reference to another document"),
    "number": ("#ef476f", "number and symbol"),
    "organ": ("#06d6a0", "issuing organ / superior organ"),
    "date": ("#f4a261", "place and date"),
    "title": ("#cdb4db", "Party or state title"),
    "subject": ("#a0c4ff", "subject (trích yếu)"),
    "mark": ("#ff99c8", "urgency / secrecy mark"),
    "recipient": ("#caffbf", "recipients (Kính gửi)"),
    "signature": ("#bdb2ff", "signature block"),
    "distribution": ("#ffc6ff", "Nơi nhận"),
    "task": ("#e9f5db", "numbered task"),
    "passage": ("#f1f1f1", "opening / closing passage"),
}
_FIELD_PART = {
    "system": "title",
    "number": "number",
    "doc_id": "number",
    "issuer": "organ",
    "issuer_parent": "organ",
    "place": "date",
    "date": "date",
    "subject": "subject",
    "urgency": "mark",
    "security": "mark",
    "recipients": "recipient",
}
_STYLE = (
    "<style>.vnd{font-family:'DejaVu Sans','Noto Sans','Segoe UI',Arial,sans-serif;font-size:13px;line-height:1.45}"
    ".vnd table{border-collapse:collapse;margin:4px 0}.vnd td,.vnd th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}"
    ".vnd th{background:#f6f6f6}.vnd pre{white-space:pre-wrap;font-family:inherit;border:1px solid #ddd;padding:8px;max-height:40em;overflow:auto}"
    ".vnd mark{border-radius:2px;padding:0 1px}.vnd .warn{color:#9a3412}.vnd h4{margin:10px 0 4px}</style>"
)


def directive_html(d: Directive, *, text: bool = True) -> str:
    """The card of a document and, with ``text``, its source text with the extracted parts highlighted."""
    out = ['<meta charset="utf-8">', _STYLE, '<div class="vnd">', _card(d)]
    if text and d.text:
        out.append("<h4>Text</h4>" + _legend() + "<pre>" + highlighted_text(d) + "</pre>")
    out.append("</div>")
    return "".join(out)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _rows(pairs: Sequence[tuple[str, object]]) -> str:
    return "<table>" + "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in pairs if v not in (None, "", [])) + "</table>"


def _card(d: Directive) -> str:
    head = [
        ("system", d.system),
        ("issuer", d.issuer),
        ("superior organ", d.issuer_parent),
        ("number", d.doc_id),
        ("type", f"{d.doc_type_name} ({d.doc_type})" if d.doc_type_name else d.doc_type),
        ("place", d.place),
        ("date", d.date.isoformat() if d.date else None),
        ("subject", d.subject),
        ("urgency", d.urgency),
        ("secrecy", d.security),
        ("recipients", "; ".join(d.recipients)),
        ("source", d.source),
    ]
    parts = [f"<h4>{_e(d.doc_id or 'Document')}</h4>", _rows(head)]
    if d.references:
        rows = "".join(
            f"<tr><td>{_e(r.doc_id)}</td><td>{_e(r.date.isoformat() if r.date else r.year)}</td><td>{_e(r.issuer)}</td><td>{len(r.mentions)}</td></tr>"
            for r in d.references
        )
        parts.append(f"<h4>References ({len(d.references)})</h4><table><tr><th>id</th><th>date</th><th>issuer</th><th>mentions</th></tr>{rows}</table>")
    if d.tasks:
        items = "".join(_task_item(t) for t in d.tasks)
        parts.append(f"<h4>Tasks ({len(d.tasks)})</h4><ul>{items}</ul>")
    if d.signature is not None:
        s = d.signature
        chain = " → ".join(f"{c.authority} {c.on_behalf_of or ''}".strip() for c in s.chain)
        parts.append("<h4>Signature</h4>" + _rows([("authority", chain or s.authority), ("title", s.title), ("name", s.name)]))
    if d.distribution:
        items = "".join(f"<li>{_e(i.recipient)}{' (' + _e(i.purpose) + ')' if i.purpose else ''}</li>" for i in d.distribution)
        parts.append(f"<h4>Nơi nhận ({len(d.distribution)})</h4><ul>{items}</ul>")
    if d.warnings:
        items = "".join(f'<li class="warn">{_e(w.message)}</li>' for w in d.warnings)
        parts.append(f"<h4>Warnings ({len(d.warnings)})</h4><ul>{items}</ul>")
    return "".join(parts)


def _task_item(t: Task, depth: int = 0) -> str:
    first = t.text.split("\n", 1)[0]
    if len(first) > 140:
        first = first[:137] + "…"
    children = "".join(_task_item(c, depth + 1) for c in t.children) if depth < 2 else ""
    return f"<li><b>{_e(t.number)}</b> {_e(first)}" + (f"<ul>{children}</ul>" if children else "") + "</li>"


def _legend() -> str:
    return "<div>" + " ".join(f'<mark style="background:{c}">{_e(label)}</mark>' for c, label in PARTS.values()) + "</div>"


def part_spans(d: Directive) -> Iterator[tuple[str, Span, str]]:
    """(part, span, label) of every extracted value: what :func:`highlighted_text` colours."""
    for name, value in d.spans.items():
        part = _FIELD_PART.get(name)
        if part is None:
            continue
        for span in value if isinstance(value, list) else [value]:
            yield part, span, name
    for ref in d.references:
        for m in ref.mentions:
            yield "reference", m.span, ref.doc_id
    if d.signature is not None:
        for name, span in d.signature.spans.items():
            yield "signature", span, f"signature: {name}"
    for item in d.distribution:
        yield "distribution", item.span, "Nơi nhận"
    for passage, label in ((d.preamble, "opening"), (d.closing, "closing")):
        if passage is not None:
            yield "passage", passage.span, label
    for t in d.tasks:
        yield "task", t.span, f"task {t.number}"


def highlighted_text(d: Directive) -> str:
    """The escaped source text with each part in a ``<mark>`` of its colour (the most specific part wins)."""
    rank = {p: i for i, p in enumerate(PARTS)}
    n = len(d.text)
    spans = [(max(0, s.start), min(n, s.end), rank[p], label) for p, s, label in part_spans(d) if s.end > s.start]
    cuts = sorted({0, n, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    # Sweep the cut points; at each piece, the active span of best rank colours it.
    starts: dict[int, list[tuple[int, int, str]]] = {}
    for s, e, r, label in spans:
        starts.setdefault(s, []).append((r, e, label))
    active: list[tuple[int, int, str]] = []
    out = []
    parts = list(PARTS)
    for a, b in itertools.pairwise(cuts):
        active = [x for x in active if x[1] > a] + starts.get(a, [])
        piece = html.escape(d.text[a:b])
        if active:
            r, _, label = min(active)
            color = PARTS[parts[r]][0]
            out.append(f'<mark style="background:{color}" title="{html.escape(label)}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def summary(d: Directive) -> str:
    """A readable text summary of a parsed document: what ``vndirective parse`` prints and ``str(d)`` gives."""
    out: list[str] = []

    def row(label: str, value: object) -> None:
        out.append(f"{label:<16}{value if value not in (None, '') else '—'}")

    row("Source", d.source)
    row("System", {"party": "Party (ĐẢNG CỘNG SẢN VIỆT NAM)", "state": "State (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)"}.get(d.system or ""))
    row("Issuer", d.issuer)
    row("Superior organ", d.issuer_parent)
    row("Number", f"{d.doc_id}  (number {d.number})" if d.doc_id else None)
    row("Type", f"{d.doc_type_name} ({d.doc_type})" if d.doc_type else None)
    row("Place, date", ", ".join(x for x in (d.place, d.date.isoformat() if d.date else None) if x) or None)
    row("Subject", d.subject)
    if d.urgency or d.security:
        row("Marks", ", ".join(x for x in (d.urgency, d.security) if x))
    out.append("")
    out.append(f"Recipients ({len(d.recipients)})")
    out.extend(f"  - {r}" for r in d.recipients)
    out.append(f"References ({len(d.references)})")
    for r in d.references:
        extra = ", ".join(x for x in (r.date.isoformat() if r.date else None, r.issuer) if x)
        times = f"  ×{len(r.mentions)}" if len(r.mentions) > 1 else ""
        out.append(f"  - {r.doc_id}  [{r.doc_type or '?'}]  {extra}{times}".rstrip())
    out.append(f"Tasks ({len(d.tasks)})")
    for t in d.tasks:
        _task_lines(t, out, 1)
    sig = d.signature
    out.append("Signature")
    if sig:
        chain = " / ".join(f"{s.authority} {s.on_behalf_of or ''}".strip() for s in sig.chain)
        out.append(f"  {chain + ' / ' if chain else ''}{sig.title or '—'} / {sig.name or '(no name)'}")
    else:
        out.append("  —")
    out.append(f"Distribution ({len(d.distribution)})")
    out.extend(f"  - {i.recipient}" + (f"  ({i.purpose})" if i.purpose else "") for i in d.distribution)
    if d.warnings:
        out.append(f"Warnings ({len(d.warnings)})")
        out.extend(f"  ! {w.message}" for w in d.warnings)
    return "\n".join(out)


def _task_lines(t: Task, out: list[str], depth: int) -> None:
    first = t.text.split("\n", 1)[0]
    if len(first) > 90:
        first = first[:87] + "..."
    out.append(f"{'  ' * depth}{t.number}. {first}")
    if depth < 2:
        for c in t.children:
            _task_lines(c, out, depth + 1)
