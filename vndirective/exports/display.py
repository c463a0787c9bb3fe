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
from ..core.outline import MORE, Outline

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
# The card is shown inside pages whose own CSS is more specific than the plain ".vnd td" rule it had: JupyterLab and
# nbconvert's "lab" template right-align every cell (":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td"),
# centre tables, stripe rows and break words anywhere in output "pre" ("word-break: break-all", as Bootstrap
# does in the classic notebook); dark themes (JupyterLab, VS Code) set a light text colour. So every rule is
# scoped to the card's own class and marked !important, the card sets its own colours, headings are not
# h4 (no anchors, no table-of-contents entries) and the text pane is a div, not a "pre" the host styles.
# The text wraps at spaces only ("pre-wrap", "word-break: normal"); a word longer than the line (a path)
# may break ("overflow-wrap: break-word": only when it cannot fit otherwise, unlike "anywhere").
CARD_CLASS = "vndirective-card"
_C = "." + CARD_CLASS
_TEXT_WRAP = "white-space:pre-wrap;word-break:normal;overflow-wrap:break-word"
_CELL = "text-align:left;vertical-align:top"
_RULES = {
    " *": "word-break:normal;overflow-wrap:break-word;hyphens:manual;box-sizing:border-box",
    "": "display:block;font-family:'DejaVu Sans','Noto Sans','Segoe UI',Arial,sans-serif;font-size:13px;line-height:1.45;"
    "color:#1f2328;background:#ffffff;text-align:left;padding:6px 10px;margin:0;max-width:100%;box-sizing:border-box",
    " table": "border-collapse:collapse;border-spacing:0;border:none;margin:4px 0;table-layout:auto;width:auto;font-size:13px;color:inherit",
    " tr": "background:transparent",
    " td, th": f"border:1px solid #d0d7de;padding:2px 6px;{_CELL};line-height:1.45;white-space:normal;word-break:normal;"
    "overflow-wrap:break-word;max-width:none;color:inherit;background:transparent;font-size:13px",
    " th": "background:#f6f8fa;font-weight:600;white-space:nowrap",
    " .vnd-h": "font-weight:700;font-size:14px;margin:10px 0 4px;padding:0;border:none;color:inherit",
    " ul": "margin:2px 0 2px 1.4em;padding:0;list-style:disc",
    " ul ul": "list-style:circle",
    " li": "margin:1px 0;padding:0;text-align:left",
    " .vnd-toc, .vnd-toc ul": "list-style:none;margin:2px 0 2px 1.2em;padding:0",
    " .vnd-toc": "margin-left:0.2em",
    " .vnd-text": f"{_TEXT_WRAP};font-family:inherit;font-size:13px;line-height:1.45;color:inherit;background:#ffffff;"
    "border:1px solid #d0d7de;padding:8px;margin:4px 0;max-height:40em;overflow:auto;hyphens:manual;text-align:left",
    " mark": "color:inherit;border-radius:2px;padding:0 1px;margin:0",
    " .vnd-warn": "color:#9a3412",
    " .vnd-legend": "white-space:normal;margin:2px 0;line-height:1.8",
    " .vnd-legend mark": "white-space:nowrap",
}


def _css() -> str:
    """The card's stylesheet: every selector under the card's class, every declaration !important."""
    out = []
    for selector, body in _RULES.items():
        selectors = ",".join(f"{_C}{part.strip() and ' ' + part.strip()}" for part in selector.split(",")) if selector else _C
        declarations = ";".join(f"{d.strip()}!important" for d in body.split(";") if d.strip())
        out.append(f"{selectors}{{{declarations}}}")
    return "<style>" + "".join(out) + "</style>"


_STYLE = _css()


def directive_html(d: Directive, *, text: bool = True) -> str:
    """The card of a document and, with ``text``, its source text with the extracted parts highlighted."""
    out = ['<meta charset="utf-8">', _STYLE, f'<div class="{CARD_CLASS}" style="color:#1f2328;background:#ffffff;text-align:left">', _card(d)]
    if text and d.text:
        # The inline style repeats the wrapping rules for hosts that drop <style> elements.
        out.append(_heading("Text") + _legend() + f'<div class="vnd-text" style="{_TEXT_WRAP}">' + highlighted_text(d) + "</div>")
    out.append("</div>")
    return "".join(out)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _heading(text: str) -> str:
    """A section heading of the card (a styled div: a host gives h1-h6 anchors and table-of-contents entries)."""
    return f'<div class="vnd-h">{_e(text)}</div>'


def _th(text: str) -> str:
    return f'<th style="{_CELL}">{_e(text)}</th>'


def _td(value: object) -> str:
    """A table cell, left-aligned inline too, for hosts that drop <style> elements."""
    return f'<td style="{_CELL}">{_e(value)}</td>'


def _rows(pairs: Sequence[tuple[str, object]]) -> str:
    return "<table>" + "".join(f"<tr>{_th(k)}{_td(v)}</tr>" for k, v in pairs if v not in (None, "", [])) + "</table>"


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
    parts = [_heading(d.doc_id or "Document"), _rows(head)]
    if d.references:
        rows = "".join(f"<tr>{_td(r.doc_id)}{_td(r.date.isoformat() if r.date else r.year)}{_td(r.issuer)}{_td(len(r.mentions))}</tr>" for r in d.references)
        header = "".join(_th(h) for h in ("id", "date", "issuer", "mentions"))
        parts.append(f"{_heading(f'References ({len(d.references)})')}<table><tr>{header}</tr>{rows}</table>")
    contents = _contents(d.outline())
    if contents:
        parts.append(_heading("Contents") + contents)
    if d.tasks:
        items = "".join(_task_item(t) for t in d.tasks)
        parts.append(f"{_heading(f'Tasks ({len(d.tasks)})')}<ul>{items}</ul>")
    if d.signature is not None:
        s = d.signature
        chain = " → ".join(f"{c.authority} {c.on_behalf_of or ''}".strip() for c in s.chain)
        parts.append(_heading("Signature") + _rows([("authority", chain or s.authority), ("title", s.title), ("name", s.name)]))
    if d.distribution:
        items = "".join(f"<li>{_e(i.recipient)}{' (' + _e(i.purpose) + ')' if i.purpose else ''}</li>" for i in d.distribution)
        parts.append(f"{_heading(f'Nơi nhận ({len(d.distribution)})')}<ul>{items}</ul>")
    if d.warnings:
        items = "".join(f'<li class="vnd-warn">{_e(w.message)}</li>' for w in d.warnings)
        parts.append(f"{_heading(f'Warnings ({len(d.warnings)})')}<ul>{items}</ul>")
    return "".join(parts)


def _task_item(t: Task, depth: int = 0) -> str:
    first = t.text.split("\n", 1)[0]
    if len(first) > 140:
        first = first[:137] + "…"
    children = "".join(_task_item(c, depth + 1) for c in t.children) if depth < 2 else ""
    return f"<li><b>{_e(t.number)}</b> {_e(first)}" + (f"<ul>{children}</ul>" if children else "") + "</li>"


def _contents(outline: Outline) -> str:
    """The table of contents: a nested list of the numbered headings (marker and title), with the untitled items
    that hold a heading as its context; '' when no item is a heading (the Tasks section says it all then)."""
    titled = [e.path for e in outline if e.title is not None]
    if not titled:
        return ""
    entries = [e for e in outline if e.title is not None or any(p.startswith(e.path + ".") for p in titled)]
    out: list[str] = []
    level = -1
    for e in entries:
        depth = min(e.depth, level + 1)  # every ancestor of an entry is an entry: a level is never skipped
        if depth > level:
            out.append("<ul>" if out else '<ul class="vnd-toc">')
        else:
            out.append("</li>" + "</ul></li>" * (level - depth))
        label = _e(e.label) + (MORE if e.title is None and e.cut else "")
        out.append(f"<li><b>{_e(e.marker)}</b> {label}")
        level = depth
    out.append("</li>" + "</ul></li>" * level + "</ul>")
    return "".join(out)


def _legend() -> str:
    return '<div class="vnd-legend">' + " ".join(f'<mark style="background:{c}">{_e(label)}</mark>' for c, label in PARTS.values()) + "</div>"


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
