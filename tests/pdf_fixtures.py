"""Small PDFs written byte by byte for the tests: the file around a list of objects, and a text layer with blanks and form widgets over them."""

from __future__ import annotations

Field = tuple[int, int, int, int, str]  # x0, y0, x1, y1 in PDF points, and the text the widget shows (DRAWN: strokes, no text)
DRAWN = "<drawn>"  # a widget whose appearance paints digits as paths, as some signing tools do


def pdf_with_widgets(fields: list[Field]) -> bytes:
    """A one-page A4 PDF (Helvetica, ASCII) with a number line and a date line left blank, as a draft is signed,
    and one signature widget per field whose appearance shows its text, a line per line: what a signing tool stamps."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    content = (
        b"BT /F1 12 Tf 72 760 Td (So:          /UBND-XD) Tj ET "
        b"BT /F1 12 Tf 300 760 Td (Ha Noi, ngay        thang 7 nam 2026) Tj ET "
        b"BT /F1 12 Tf 72 700 Td (Noi dung van ban.) Tj ET"
    )
    contents = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    widgets = []
    for x0, y0, x1, y1, text in fields:
        shown = b"".join(b"BT /F1 10 Tf 2 %d Td (%s) Tj ET " % (y1 - y0 - 12 - 11 * k, line.encode()) for k, line in enumerate(text.split("\n")))
        if text == DRAWN:
            shown = b"0 0 0 rg 2 3 4 10 re f 9 3 4 10 re f 16 3 4 10 re f"
        appearance = add(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> /Length %d >>\nstream\n"
            % (x1 - x0, y1 - y0, font, len(shown))
            + shown
            + b"\nendstream"
        )
        widgets.append(
            add(
                b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig%d) /Rect [%d %d %d %d] /F 4 /AP << /N %d 0 R >> >>"
                % (len(widgets), x0, y0, x1, y1, appearance)
            )
        )
    refs = b" ".join(b"%d 0 R" % w for w in widgets)
    page, pages = len(objects) + 1, len(objects) + 2
    add(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R /Annots [%s] >>"
        % (pages, font, contents, refs)
    )
    add(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R /AcroForm << /Fields [%s] /SigFlags 3 >> >>" % (pages, refs))
    return write_pdf(objects, catalog)


def write_pdf(objects: list[bytes], root: int) -> bytes:
    """A PDF file of these object bodies (numbered from 1, in order), its cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def pdf_with_cid_fonts(program: bytes, lines: list[tuple[str, bool]], gids: dict[str, int]) -> bytes:
    """A one-page PDF whose lines are printed in a Type0 font (Identity-H, glyph ids as codes) of the
    TrueType ``program``: a line with True in a font with a ToUnicode map, with False in one without
    (as Microsoft Print to PDF writes them). ``gids``: character → glyph id in the program."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    file = add(b"<< /Length %d /Length1 %d >>\nstream\n" % (len(program), len(program)) + program + b"\nendstream")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /ABCDEF+Test /Flags 32 /FontBBox [0 -300 1000 900] /ItalicAngle 0 "
        b"/Ascent 900 /Descent -300 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>" % file
    )
    cid = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
        b"/Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 600 >>" % descriptor
    )
    shown_mapped = {ch for text, has_map in lines if has_map for ch in text}  # a subset's map names the glyphs it prints
    entries = b"".join(b"<%04X> <%04X>\n" % (gid, ord(ch)) for ch, gid in sorted(gids.items()) if ch in shown_mapped)
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def 1 begincodespacerange <0000> <FFFF> "
        b"endcodespacerange %d beginbfchar\n" % len(shown_mapped) + entries + b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    to_unicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    bare = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /DescendantFonts [%d 0 R] >>" % cid)
    mapped = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /GHIJKL+Test /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>"
        % (cid, to_unicode)
    )
    shown = b"".join(
        b"BT /%s 12 Tf 72 %d Td <%s> Tj ET\n" % (b"M" if has_map else b"B", 760 - 20 * k, "".join(f"{gids[ch]:04X}" for ch in text).encode())
        for k, (text, has_map) in enumerate(lines)
    )
    contents = add(b"<< /Length %d >>\nstream\n" % len(shown) + shown + b"\nendstream")
    page, pages = len(objects) + 1, len(objects) + 2
    add(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /B %d 0 R /M %d 0 R >> >> /Contents %d 0 R >>"
        % (pages, bare, mapped, contents)
    )
    add(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    return write_pdf(objects, catalog)


def pdf_with_lines(lines: list[str]) -> bytes:
    """A one-page A4 PDF whose text layer holds these lines (Helvetica, WinAnsi: Latin-1 letters only)."""
    shown = b" ".join(
        b"BT /F1 11 Tf 60 %d Td (%s) Tj ET" % (780 - 16 * k, line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252"))
        for k, line in enumerate(lines)
    )
    objects = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(shown) + shown + b"\nendstream",
        b"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 1 0 R >> >> /Contents 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Catalog /Pages 4 0 R >>",
    ]
    return write_pdf(objects, 5)
