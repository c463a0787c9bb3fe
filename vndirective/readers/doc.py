"""Word 97–2003 (.doc) documents, read in pure Python from the piece table (olefile, the ``doc`` extra).

A .doc file is an OLE compound file. Its ``WordDocument`` stream starts with the FIB, which says
how long the main text and the footnotes are and where, in the table stream (``0Table`` or
``1Table``), the piece table and the paragraph properties are. The piece table says where each
run of characters lies and how it is stored (one byte per character in Windows-1252, or UTF-16).
Paragraphs end with a carriage return; in a table each cell ends with mark 7 and each row with a
paragraph of its own, also mark 7, that the paragraph properties flag as the row's end (sprm
``PFTtp``). The text is laid out like a .docx (``readers/docx.py``): a table row on one line, its
cells separated by ' | ', so that the header and closing tables read like the printed page.
Fields keep their shown result, not their code; pictures, footnote marks and other control
characters are dropped; footnotes are appended at the end ([MS-DOC] 2.4.1 for the text). Word's
automatic numbering ('1.', 'a)', '-'), which is not part of the text, is rebuilt from the list
definitions (``readers/doc_lists.py``) and put before the paragraph, as the .docx reader does.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..core.lines import Layout, build_layout
from ..errors import CorruptDocument, EncryptedDocument, UnsupportedFormat
from .doc_lists import Lists, Numbering, read_lists
from .doc_styles import style_lists
from .limits import DEFAULT, Limits, exceeded
from .optional import require

WORD_IDENT = 0xA5EC  # the FIB's wIdent
MIN_NFIB = 101  # Word 97; Word 6 and 95 files store their text otherwise
FKP_SIZE = 512  # a formatted disk page of paragraph properties
_ENCRYPTED, _TABLE_1 = 0x0100, 0x0200  # FIB flags: fEncrypted, fWhichTblStm
_FC_STSH, _FC_CLX, _FC_PAPX = 1, 33, 13  # indices of the (fc, lcb) pairs of the style sheet, the piece table, the paragraph bin table
_FC_PLF_LST, _FC_PLF_LFO = 73, 74  # ... and of the list definitions and of the lists that paragraphs point to
_IN_TABLE, _TTP, _INNER_TTP = 0x2416, 0x2417, 0x244C  # sprmPFInTable; sprmPFTtp, sprmPFInnerTtp: the paragraph that ends a row
_ILFO, _ILVL = 0x460B, 0x260A  # sprmPIlfo, sprmPIlvl: the paragraph's list (1-based index of its LFO; 0 for none) and level
_CELL, _PARAGRAPH = "\x07", "\r"
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_PARAGRAPH_ENDS = frozenset("\r\x07\x0c")  # paragraph and cell marks; section mark
_NEW_LINE = frozenset("\r\x0b\x0c\x0e")  # paragraph mark; line break (a new line as printed: organ lines); page or section, column break
_DROPPED = frozenset("\x00\x01\x02\x03\x04\x05\x06\x08\x1f")  # pictures, footnote and comment marks, optional hyphens
_REPLACED = {"\x1e": "-", "\xa0": " "}  # non-breaking hyphen and space


def _require() -> Any:
    return require("olefile", "reading .doc files", "doc")


def read_doc(data: bytes, name: str = "<doc>", limits: Limits = DEFAULT) -> Layout:
    """A Layout from the bytes of a Word 97–2003 .doc file."""
    olefile = _require()
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise UnsupportedFormat(f"{name}: an Office file that is not a Word document (no WordDocument stream). vndirective reads Word documents.")
            word = ole.openstream("WordDocument").read()
            fib = _Fib.read(word, name)
            table_name = "1Table" if fib.flags & _TABLE_1 else "0Table"
            if not ole.exists(table_name):
                raise CorruptDocument(f"{name}: the Word file has no {table_name} stream (damaged). {_REPAIR}")
            table = ole.openstream(table_name).read()
    except (UnsupportedFormat, EncryptedDocument, CorruptDocument):
        raise
    except Exception as exc:  # olefile raises OSError and ValueError subclasses on a damaged container
        raise CorruptDocument(f"{name}: the Word file is damaged or truncated ({type(exc).__name__}: {str(exc)[:200]}). {_REPAIR}") from exc
    try:
        pieces = _pieces(table, fib)
        text = "".join(p.decode(word) for p in pieces)
        marks = _paragraph_marks(word, table, fib, pieces)
    except (struct.error, IndexError, ValueError) as exc:
        raise CorruptDocument(f"{name}: the Word file's text tables are damaged ({type(exc).__name__}: {str(exc)[:200]}). {_REPAIR}") from exc
    if len(text) > limits.max_text_bytes:
        raise exceeded(name, f"the document holds {len(text):,} characters", "max_text_bytes", limits.max_text_bytes)
    lists = read_lists(table, fib.fc_lcb[_FC_PLF_LST], fib.fc_lcb[_FC_PLF_LFO]) if len(fib.fc_lcb) > _FC_PLF_LFO else Lists()
    labels = _labels(text, marks, lists)
    lines = list(_lines(text, 0, fib.ccp_text, marks, labels))
    footnotes = [ln for ln in _lines(text, fib.ccp_text, fib.ccp_text + fib.ccp_ftn, marks, labels) if ln.strip()]
    if footnotes:
        lines += ["", *footnotes]
    return build_layout("\n".join(lines))


_REPAIR = "Open it in Word or LibreOffice and save it as .docx, or get a complete copy."


@dataclass(frozen=True)
class _Fib:
    """What the reader needs of the File Information Block."""

    flags: int
    ccp_text: int  # characters of the main document
    ccp_ftn: int  # characters of the footnotes, after it
    fc_lcb: tuple[tuple[int, int], ...]  # (offset, length) of the structures in the table stream

    @classmethod
    def read(cls, word: bytes, name: str) -> _Fib:
        if len(word) < 154 or _u16(word, 0) != WORD_IDENT:
            raise CorruptDocument(f"{name}: the Word file's header is damaged (no Word 97–2003 FIB). {_REPAIR}")
        if _u16(word, 2) < MIN_NFIB:
            raise UnsupportedFormat(f"{name}: a Word 6 or Word 95 file, which vndirective does not read. Save it as .docx in Word or LibreOffice.")
        flags = _u16(word, 0x0A)
        if flags & _ENCRYPTED:
            raise EncryptedDocument(f"{name}: this Word file is password-protected. Open it in Word with its password and save a copy without one.")
        at = 32
        at += 2 + 2 * _u16(word, at)  # csw and the 16-bit values
        count_lw = _u16(word, at)
        lw = at + 2
        at = lw + 4 * count_lw
        count_fc = _u16(word, at)
        fc_lcb = tuple((_u32(word, at + 2 + 8 * i), _u32(word, at + 6 + 8 * i)) for i in range(min(count_fc, 128)))
        return cls(flags, _u32(word, lw + 12), _u32(word, lw + 16), fc_lcb)


@dataclass(frozen=True)
class _Piece:
    """A run of characters: its character positions and where its bytes are in the WordDocument stream."""

    cp_start: int
    cp_end: int
    fc: int  # byte offset of its first character
    compressed: bool  # one byte per character (Windows-1252) instead of two (UTF-16)

    def decode(self, word: bytes) -> str:
        n = self.cp_end - self.cp_start
        if self.compressed:
            return word[self.fc : self.fc + n].decode("cp1252", errors="replace")
        return word[self.fc : self.fc + 2 * n].decode("utf-16-le", errors="replace")

    def cp_of(self, fc: int) -> int | None:
        """The character position of the byte offset ``fc``, when it lies in this piece."""
        width = 1 if self.compressed else 2
        if self.fc <= fc < self.fc + width * (self.cp_end - self.cp_start):
            return self.cp_start + (fc - self.fc) // width
        return None


def _pieces(table: bytes, fib: _Fib) -> list[_Piece]:
    """The piece table (the Clx's PlcPcd): every run of the document's characters, in order."""
    fc, lcb = fib.fc_lcb[_FC_CLX]
    clx = table[fc : fc + lcb]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: formatting of pieces, skipped
        at += 3 + _u16(clx, at + 1)
    if at >= len(clx) or clx[at] != 0x02:
        raise ValueError("no piece table in the Clx")
    size = _u32(clx, at + 1)
    plc = clx[at + 5 : at + 5 + size]
    n = (len(plc) - 4) // 12
    cps = [_u32(plc, 4 * i) for i in range(n + 1)]
    out = []
    for i in range(n):
        value = _u32(plc, 4 * (n + 1) + 8 * i + 2)
        compressed = bool(value & 0x40000000)
        offset = value & 0x3FFFFFFF
        out.append(_Piece(cps[i], cps[i + 1], offset // 2 if compressed else offset, compressed))
    return out


@dataclass(frozen=True)
class _Marks:
    """Character positions of the paragraph marks that the layout needs, from the paragraph properties."""

    row_ends: frozenset[int]  # the marks that end a row (paragraphs flagged PFTtp or PFInnerTtp)
    in_table: frozenset[int]  # the marks of the paragraphs inside a cell (PFInTable)
    in_list: dict[int, tuple[int, int]]  # the marks of numbered paragraphs: (their LFO, 1-based; their level)


def _paragraph_marks(word: bytes, table: bytes, fib: _Fib, pieces: list[_Piece]) -> _Marks:
    fc, lcb = fib.fc_lcb[_FC_PAPX]
    plc = table[fc : fc + lcb]
    n = (len(plc) - 4) // 8
    row_ends: set[int] = set()
    in_table: set[int] = set()
    in_list: dict[int, tuple[int, int]] = {}
    styles = style_lists(table, fib.fc_lcb[_FC_STSH], _sprms, _ILFO, _ILVL)
    for i in range(n):
        page = _u32(plc, 4 * (n + 1) + 4 * i) & 0x3FFFFF
        fkp = word[page * FKP_SIZE : (page + 1) * FKP_SIZE]
        if len(fkp) < FKP_SIZE:
            continue
        for end_fc, istd, sprms in _paragraph_runs(fkp):
            ends_row = sprms.get(_TTP) == 1 or sprms.get(_INNER_TTP) == 1
            style_ilfo, style_ilvl = styles.get(istd, (0, 0))
            ilfo = sprms.get(_ILFO, style_ilfo)  # the paragraph's own, even 0 (no list), else its style's
            numbered = ilfo > 0
            if not ends_row and sprms.get(_IN_TABLE) != 1 and not numbered:
                continue
            cp = _cp_of_mark(pieces, end_fc)
            if cp is None:
                continue
            if ends_row or sprms.get(_IN_TABLE) == 1:
                (row_ends if ends_row else in_table).add(cp)
            if numbered:
                in_list[cp] = (ilfo, sprms.get(_ILVL, style_ilvl))
    return _Marks(frozenset(row_ends), frozenset(in_table), in_list)


def _labels(text: str, marks: _Marks, lists: Lists) -> dict[int, str]:
    """The numbers of the numbered paragraphs ('1. ', 'a) '), by the character position where each
    paragraph starts; counted in document order."""
    numbering = Numbering(lists)
    out = {}
    previous = -1  # the mark before: a paragraph starts after it, so each character is looked at once
    for mark in sorted(marks.in_list):
        label = numbering.label(*marks.in_list[mark])
        if label:
            start = mark
            while start > previous + 1 and text[start - 1] not in _PARAGRAPH_ENDS:
                start -= 1
            out[start] = label
        previous = mark
    return out


def _cp_of_mark(pieces: list[_Piece], end_fc: int) -> int | None:
    """The character position of the mark that ends a paragraph whose bytes end at ``end_fc``."""
    for piece in pieces:
        cp = piece.cp_of(end_fc - (1 if piece.compressed else 2))
        if cp is not None:
            return cp
    return None


def _paragraph_runs(fkp: bytes) -> Iterator[tuple[int, int, dict[int, int]]]:
    """(byte offset where the paragraph ends, its style index, its one- and two-byte sprm operands) of each
    paragraph of a PAPX page."""
    crun = fkp[FKP_SIZE - 1]
    for i in range(crun):
        end_fc = _u32(fkp, 4 * (i + 1))
        offset = 2 * fkp[4 * (crun + 1) + 13 * i]
        if offset == 0:
            continue
        cb = fkp[offset]
        start, length = (offset + 1, 2 * cb - 1) if cb else (offset + 2, 2 * fkp[offset + 1])
        istd = _u16(fkp, start) if start + 2 <= len(fkp) else 0
        yield end_fc, istd, _sprms(fkp[start + 2 : start + length])


_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by spra, the sprm's top three bits; 6: sized by a byte


def _sprms(grpprl: bytes) -> dict[int, int]:
    """The one- and two-byte operands of a list of property modifiers (the others are skipped)."""
    out = {}
    at = 0
    while at + 2 <= len(grpprl):
        sprm = _u16(grpprl, at)
        at += 2
        spra = sprm >> 13
        size = ((_u16(grpprl, at) + 1 if sprm == 54792 else grpprl[at] + 1) if at < len(grpprl) else 0) if spra == 6 else _OPERAND_SIZE[spra]
        if size == 1 and at < len(grpprl):
            out[sprm] = grpprl[at]
        elif size == 2 and at + 2 <= len(grpprl):
            out[sprm] = _u16(grpprl, at)
        at += size
    return out


def _lines(text: str, start: int, end: int, marks: _Marks, labels: dict[int, str]) -> Iterator[str]:
    """The lines of ``text[start:end]``: paragraphs one a line, each after its number in ``labels``
    (by the position where it starts), a table row's cells side by side."""
    cells: list[list[str]] = []  # the row being read
    cell: list[str] = []  # paragraphs of the cell being read
    paragraph: list[str] = []
    fields: list[bool] = []  # for each open field: whether its result (after the separator) is being read
    breaks_in_cells = _breaks_in_cells(text, start, end, marks)
    for cp in range(start, min(end, len(text))):
        c = text[cp]
        if cp in labels:
            paragraph.append(labels[cp])
        if c == _FIELD_BEGIN:
            fields.append(False)
        elif c == _FIELD_SEPARATOR and fields:
            fields[-1] = True
        elif c == _FIELD_END and fields:
            fields.pop()
        elif fields and not fields[-1]:
            continue  # a field's code ('PAGE', 'HYPERLINK ...')
        elif c == _CELL:
            if cp in marks.row_ends:
                yield from _row(cells)
                cells = []
            else:
                cell.append("".join(paragraph))
                cells.append([p for p in cell if p.strip()])
                cell, paragraph = [], []
        elif c in _NEW_LINE:
            if cp in marks.in_table or (c != _PARAGRAPH and (cells or cell or cp in breaks_in_cells)):
                cell.append("".join(paragraph))  # a line inside a cell
            else:
                yield "".join(paragraph)
            paragraph = []
        elif c not in _DROPPED:
            paragraph.append(_REPLACED.get(c, c))
    if cells:
        yield from _row(cells)
    if paragraph or cell:
        yield from [*cell, "".join(paragraph)]


def _breaks_in_cells(text: str, start: int, end: int, marks: _Marks) -> frozenset[int]:
    """The line breaks of ``text[start:end]`` that stand in a cell: the next paragraph mark after them is a
    cell's (or a cell mark comes first). One pass from the end, whatever the number of breaks."""
    out = set()
    in_cell = False
    for k in range(min(end, len(text)) - 1, start - 1, -1):
        c = text[k]
        if c == _CELL:
            in_cell = True
        elif c == _PARAGRAPH:
            in_cell = k in marks.in_table
        elif c in _NEW_LINE and in_cell:
            out.add(k)
    return frozenset(out)


def _row(cells: list[list[str]]) -> Iterator[str]:
    """A table row as text lines: line k holds the k-th paragraph of each cell, separated by ' | '."""
    cells = [c for c in cells if c]
    if len(cells) == 1:
        yield from cells[0]
    elif cells:
        for k in range(max(len(c) for c in cells)):
            yield " | ".join(c[k] if k < len(c) else "" for c in cells)


def _u16(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<H", data, at)[0])


def _u32(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<I", data, at)[0])
