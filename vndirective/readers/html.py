"""Web pages (government portals, legal databases): the document's text, read with the
standard library's HTML parser.

Scripts, styles, navigation, headers, footers and forms are dropped. Block elements
start new lines; a table row becomes one line with its cells separated by ' | ', and
'<br>' inside a cell becomes a line break of that cell (the line model reads both), so
a header table reads like the printed page. When the page marks the document's body
(an ``<article>``, ``<main>`` or an element whose id or class says content), only that
part is kept.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from ..core.lines import Layout, build_layout

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "form", "button", "select", "option", "iframe", "svg", "template", "head", "aside"}
_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "main", "blockquote", "pre"}
_BLOCK |= {"table", "tbody", "thead", "center"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_CONTENT_HINT = re.compile(r"content|noidung|vanban|document|fulltext|toanvan|article|detail", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.lines: list[str] = [""]
        self.cells: list[str] | None = None  # cells of the table row being read
        self.stack: list[str] = []
        self.content_depth: int | None = None
        self.content_lines: list[str] | None = None
        self._mark = 0

    # Text goes to the current cell when inside a table row, else to the current line.
    def _write(self, text: str) -> None:
        if self.cells is not None and self.cells:
            self.cells[-1] += text
        else:
            self.lines[-1] += text

    def _newline(self) -> None:
        if self.cells is not None and self.cells:
            self.cells[-1] += "<br>"
        elif self.lines[-1].strip():
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and not self.skip:
                self._newline()
            return
        self.stack.append(tag)
        if tag in _SKIP:
            self.skip += 1
            return
        attr = " ".join(v or "" for k, v in attrs if k in ("id", "class"))
        if self.content_depth is None and (tag in ("article", "main") or (attr and _CONTENT_HINT.search(attr))):
            self.content_depth = len(self.stack)
            self.content_lines = None
            if self.lines[-1].strip():
                self.lines.append("")
            self._mark = len(self.lines) - 1
        if self.skip:
            return
        if tag == "tr":
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("")
        elif tag in _BLOCK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in _SKIP:
                self.skip -= 1
            if self.content_depth is not None and len(self.stack) < self.content_depth and self.content_lines is None:
                self.content_lines = self.lines[self._mark :]
            if top == tag:
                break
        if self.skip:
            return
        if tag == "tr" and self.cells is not None:
            cells = [" ".join(c.split()) if "<br>" not in c else "<br>".join(" ".join(p.split()) for p in c.split("<br>")) for c in self.cells]
            if any(c.strip("<br> ") for c in cells):
                if self.lines[-1].strip():
                    self.lines.append("")
                self.lines[-1] = "| " + " | ".join(cells) + " |" if len(cells) > 1 else cells[0].replace("<br>", "\n")
                self.lines.append("")
            self.cells = None
        elif tag in _BLOCK or tag in ("td", "th"):
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        text = data.replace("\xa0", " ")
        if self.cells is None and "\n" in text:
            text = " ".join(text.split("\n"))
        self._write(text)


def html_to_text(html: str) -> str:
    """The readable text of an HTML page, one block per line."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = parser.content_lines if parser.content_lines and sum(len(x) for x in parser.content_lines) > 200 else parser.lines
    out = [" ".join(line.split()) if not line.startswith("| ") else line for line in lines]
    text = "\n".join(out)
    return unescape(re.sub(r"\n{3,}", "\n\n", text)).strip() + "\n"


def read_html(data: str) -> Layout:
    """A Layout from the text of an HTML page."""
    return build_layout(html_to_text(data))


_CLOSING_TAG = re.compile(r"</(?:p|td|th|tr|table|div|span|strong|em|b|i|u|li|h[1-6]|font|center)\s*>", re.IGNORECASE)
MARKUP_MIN_TAGS = 5


def is_markup(text: str) -> bool:
    """Whether a 'text' is in fact HTML (a page saved as .txt, a fragment copied from a portal): closing
    tags of block or inline elements. Markdown's '<br>' inside table cells has none."""
    if "</" not in text:
        return False
    return any(n + 1 >= MARKUP_MIN_TAGS for n, _ in enumerate(_CLOSING_TAG.finditer(text)))
