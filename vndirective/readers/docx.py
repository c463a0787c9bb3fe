"""Word (.docx) documents, read with python-docx (the ``docx`` extra).

The body is rendered to text in reading order. A table row becomes as many text
lines as its tallest cell has paragraphs, the cells side by side and separated by
' | ' — the header and closing tables of an official document (organ | title,
Nơi nhận | signature) then read like the printed page, and the line model splits
them back into columns. Word's automatic numbering ('1.', 'a)', '-'), which is not
part of the paragraph text, is rebuilt from the numbering definitions. Footnotes
are appended at the end so that documents cited there are not lost.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from ..core.lines import Layout, build_layout
from ..core.messages import warn
from ..errors import CorruptDocument, UnsupportedFormat
from .limits import DEFAULT, ZIP_RATIO_FLOOR, Limits, exceeded
from .optional import require

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _require() -> Any:
    return require("docx", "reading .docx files", "docx")


def read_docx(data: bytes, name: str = "<docx>", limits: Limits = DEFAULT) -> Layout:
    """A Layout from the bytes of a .docx file.

    The zip's directory is checked against ``limits`` before anything is unpacked, and the
    XML is parsed without expanding entities (python-docx's parser; ours for footnotes).
    """
    docx = _require()
    check_zip(data, name, limits)
    damage = _damage_errors()
    try:
        document = docx.Document(io.BytesIO(data))
    except damage as exc:
        if isinstance(exc, ValueError) and "not a Word file" in str(exc):
            raise UnsupportedFormat(f"{name}: {exc}. vndirective reads Word documents (.docx).") from exc
        raise _corrupt(name, exc) from exc
    try:
        numbering = _Numbering(document)
        lines = list(_body_lines(document, numbering))
        footnotes = _footnotes(document)
        page_headers, page_footers = _section_texts(document, numbering)
    except damage as exc:
        raise _corrupt(name, exc) from exc
    if page_headers:  # printed above the first page: a mark such as 'MẬT' or 'Dự thảo' belongs to the header
        lines = [*page_headers, "", *lines]
    for extra in (footnotes, page_footers):
        if extra:
            lines.append("")
            lines.extend(extra)
    layout = build_layout("\n".join(lines))
    if _declares_entities(document):
        layout.warnings.append(warn("docx_entities"))
    return layout


def check_zip(data: bytes, name: str, limits: Limits = DEFAULT) -> None:
    """Refuse a zip whose directory promises too many members or bytes (a zip bomb), before unpacking it.

    The sizes declared in the directory bound what :mod:`zipfile` unpacks (it stops there and
    fails the CRC check), so checking them is enough.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise _corrupt(name, exc) from exc
    if len(infos) > limits.max_zip_members:
        raise exceeded(name, f"the Word file has {len(infos):,} members", "max_zip_members", limits.max_zip_members)
    for info in infos:
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > limits.max_zip_ratio * max(1, info.compress_size):
            ratio = info.file_size // max(1, info.compress_size)
            raise exceeded(name, f"its member {info.filename} unpacks {ratio:,} times its size (a zip bomb)", "max_zip_ratio", limits.max_zip_ratio)
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_bytes:
        raise exceeded(name, f"the Word file unpacks to {total:,} bytes", "max_unpacked_bytes", limits.max_unpacked_bytes)
    if sum(info.compress_size for info in infos) > len(data):
        raise CorruptDocument(f"{name}: the members of the Word file overlap (a zip bomb, or a damaged file); it was not unpacked.")


def _damage_errors() -> tuple[type[BaseException], ...]:
    """What python-docx, zipfile and lxml raise on a damaged or malformed Word file."""
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    return (OpcError, LxmlError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError, IndexError, AttributeError, RecursionError)


def _corrupt(name: str, exc: BaseException) -> CorruptDocument:
    detail = f"{type(exc).__name__}: {str(exc)[:200]}"
    if any(sign in str(exc) for sign in ("amplification", "entity reference loop")):
        return CorruptDocument(
            f"{name}: the Word file declares XML entities that expand without bound (a 'billion laughs' file; {detail}). "
            "Word files never declare entities: it was refused."
        )
    return CorruptDocument(
        f"{name}: the Word file is damaged or truncated ({detail}). "
        "Get a complete copy, or open it in Word, which offers to recover the text, and save it again."
    )


def _declares_entities(document: Any) -> bool:
    """Whether an XML part of the document carries a DOCTYPE (entities that were left unexpanded)."""
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None:
            if element.getroottree().docinfo.internalDTD is not None:
                return True
        elif part.content_type.endswith("xml") and b"<!DOCTYPE" in part.blob[:4096]:
            return True  # a part python-docx keeps as bytes (footnotes)
    return False


def _body_lines(document: Any, numbering: _Numbering) -> Iterator[str]:
    from docx.table import Table

    seen_cells: list[Any] = []  # keep the elements alive: ids of lxml proxies are reused
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_lines(block, numbering, seen_cells)
        else:
            yield numbering.label(block) + _paragraph_text(block)
            yield from _text_boxes(block)


_T, _TAB, _BR, _CR, _TXBX, _DEL = (f"{_W}{t}" for t in ("t", "tab", "br", "cr", "txbxContent", "del"))


def _paragraph_text(paragraph: Any) -> str:
    """The text of a paragraph from its XML: tracked insertions kept, deletions left out,
    tabs kept (a column gap), manual line breaks as spaces; text boxes read elsewhere."""
    out: list[str] = []
    for el in paragraph._p.iter(_T, _TAB, _BR, _CR):
        if _inside(el, (_TXBX, _DEL), paragraph._p):
            continue
        if el.tag == _T:
            out.append(el.text or "")
        elif el.tag == _TAB:
            out.append("\t")
        else:
            out.append(" ")
    return "".join(out)


def _inside(el: Any, tags: tuple[str, ...], stop: Any) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _text_boxes(paragraph: Any) -> list[str]:
    """Paragraphs of the text boxes anchored in a paragraph, one line each."""
    lines = []
    for box in paragraph._p.iter(_TXBX):
        for p in box.iter(f"{_W}p"):
            text = "".join(t.text or "" for t in p.iter(_T))
            if text.strip():
                lines.append(text)
    return lines


def _table_lines(table: Any, numbering: _Numbering, seen: list[Any]) -> Iterator[str]:
    for row in table.rows:
        cells: list[list[str]] = []
        for cell in row.cells:
            tc = cell._tc
            if any(tc is s for s in seen):
                continue  # a merged cell, already read
            seen.append(tc)
            paragraphs = [numbering.label(p) + _paragraph_text(p) for p in cell.paragraphs]
            for inner in cell.tables:
                paragraphs.extend(_table_lines(inner, numbering, seen))
            cells.append([p for p in paragraphs if p.strip()])
        cells = [c for c in cells if c]
        if not cells:
            continue
        if len(cells) == 1:
            yield from cells[0]
            continue
        for k in range(max(len(c) for c in cells)):
            yield " | ".join(c[k] if k < len(c) else "" for c in cells)


class _Numbering:
    """Labels of Word's automatic numbering, counted in document order."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in a.findall(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"), 0)
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                start = _int(_val(lvl.find(f"{_W}start")), 1)
                levels[ilvl] = (fmt, text, start)
            abstract[a.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            ref = _val(num.find(f"{_W}abstractNumId"))
            for ilvl, spec in abstract.get(ref or "", {}).items():
                self.levels[(num.get(f"{_W}numId", ""), ilvl)] = spec

    def label(self, paragraph: Any) -> str:
        num_pr = _num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        spec = self.levels.get((num_id, ilvl))
        if spec is None:
            return ""
        fmt, text, start = spec
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for (other, level) in list(self.counters):
            if other == num_id and level > ilvl:
                del self.counters[(other, level)]
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""

        def value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            n = self.counters.get((num_id, level), self.levels.get((num_id, level), ("decimal", "", 1))[2])
            return _format(self.levels.get((num_id, level), (fmt, "", 1))[0], n)

        return re.sub(r"%(\d)", value, text) + " "


def _num_pr(paragraph: Any) -> Any:
    """The numbering properties of a paragraph: its own, else its style's (e.g. 'List Number')."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    try:
        style = paragraph.style
    except Exception:
        return None
    for _ in range(5):
        if style is None:
            return None
        sppr = style.element.pPr
        if sppr is not None and sppr.numPr is not None:
            return sppr.numPr
        style = style.base_style
    return None


def _val(element: Any) -> str | None:
    return None if element is None else element.get(f"{_W}val")


def _int(value: str | None, default: int) -> int:
    """A small integer attribute; a malformed or absurd one gives ``default``."""
    try:
        n = int(value or default)
    except ValueError:
        return default
    return n if 0 <= n <= 1_000_000 else default


def _format(fmt: str, n: int) -> str:
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        out = ""
        for v, s in _ROMAN:
            while n >= v:
                out += s
                n -= v
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = _LETTERS[(n - 1) % 26]
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(n)


def _section_texts(document: Any, numbering: _Numbering) -> tuple[list[str], list[str]]:
    """Lines of the sections' page headers and footers — paragraphs, and tables read as in the body (some
    templates put the whole organ | title block in the first page's header) — each distinct text once (a
    header repeats on every page and in every section); page numbers left out."""
    from docx.table import Table

    headers: list[str] = []
    footers: list[str] = []
    seen_cells: list[Any] = []
    for section in document.sections:
        for part, out in (
            (section.first_page_header, headers),
            (section.header, headers),
            (section.even_page_header, headers),
            (section.first_page_footer, footers),
            (section.footer, footers),
            (section.even_page_footer, footers),
        ):
            if part.is_linked_to_previous:
                continue
            for block in part.iter_inner_content():
                texts = _table_lines(block, numbering, seen_cells) if isinstance(block, Table) else [_paragraph_text(block)]
                for raw in texts:
                    text = raw.strip()
                    if text and text not in headers and text not in footers and not _PAGE_NUMBER.fullmatch(text):
                        out.append(text)
    return headers, footers


_PAGE_NUMBER = re.compile(r"(?:Trang\s*)?[-–]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–]?", re.IGNORECASE)


def _footnotes(document: Any) -> list[str]:
    """Footnote texts, numbered as printed."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            from lxml import etree

            root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False))
            out = []
            for fn in root.findall(f"{_W}footnote"):
                if fn.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in fn.findall(f".//{_W}p")).strip()
                if text:
                    out.append(f"({fn.get(f'{_W}id')}) {text}")
            return out
    return []
