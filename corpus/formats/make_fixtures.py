"""Make Word and PDF versions of corpus documents, laid out the way offices make them.

For each document of ``corpus/`` (with a gold file) this writes ``corpus/formats/<stem>.docx``: A4,
Times New Roman 14, a borderless two-column header table (organ lines, star, number
and công văn subject on the left; national or Party title and place-date on the
right), the type name and subject centred for typed documents, 'Kính gửi', the body
paragraphs, and a closing table with 'Nơi nhận' beside the signature. The header and
closing values come from the gold file, the body from the text. LibreOffice
(``soffice --headless --convert-to pdf``) then exports ``<stem>.pdf``, and a few as Word 97-2003 ``<stem>.doc``.

Run from the repository root: ``python corpus/formats/make_fixtures.py`` (needs
python-docx, and LibreOffice for the PDFs). The files it makes are committed, so the
tests need neither.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import vndirective  # noqa: E402

CORPUS = ROOT / "corpus"
OUT = CORPUS / "formats"
# Every document of corpus/ with a gold file (the first ones are also the sources of the scans
# and legacy copies below).
FIRST = [
    "334-CV-HU_luc-ngan_2021",
    "40_tu-ninhbinh-nq-chuyen-doi-so",
    "47_tu-caobang-qd-ban-chi-dao",
    "57_ubnd-tiendu-cv-pccc",
    "59_ttg-ct-ho-chua",
    "64_ubnd-binhphuoc-tb-ket-luan-tl",
]
CHOSEN = FIRST + sorted(p.name.removesuffix(".gold.json") for p in CORPUS.glob("*.gold.json") if p.name.removesuffix(".gold.json") not in FIRST)
TYPE_NAMES = {
    "NQ": "NGHỊ QUYẾT",
    "KL": "KẾT LUẬN",
    "CT": "CHỈ THỊ",
    "QĐ": "QUYẾT ĐỊNH",
    "KH": "KẾ HOẠCH",
    "TB": "THÔNG BÁO",
    "HD": "HƯỚNG DẪN",
    "BC": "BÁO CÁO",
}
MONTHS_WITH_ZERO = {1, 2}


def _date_line(gold: dict) -> str:
    if not gold["date"]:
        # An unsigned copy: the day and month left blank, as in the text; no date is invented.
        source = next(CORPUS.glob(f"{gold['_stem']}.*[dt]")).read_text("utf-8")
        line = next((ln.strip(" *_") for ln in source.splitlines() if gold["place"] and ln.strip(" *_").startswith(f"{gold['place']}, ngày")), "")
        return line
    y, m, d = (int(x) for x in gold["date"].split("-"))
    day = f"{d:02d}" if d < 10 else str(d)
    month = f"{m:02d}" if m in MONTHS_WITH_ZERO else str(m)
    return f"{gold['place']}, ngày {day} tháng {month} năm {y}"


def _cell(cell, lines: list[str], bold_first: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.alignment = align
        run = p.add_run(line)
        run.bold = bold_first and i == 0


def _number_line(gold: dict) -> str:
    return f"Số {gold['doc_id']}" if gold["system"] == "party" else f"Số: {gold['doc_id']}"


def body_paragraphs(path: Path) -> list[str]:
    """The body of a corpus document, one string per paragraph (from the parser's zones)."""
    d = vndirective.parse(path)
    parts: list[str] = []
    if d.preamble:
        parts.extend(d.preamble.text.split("\n"))
    for t in d.tasks:
        lines = t.text.split("\n")
        label = f"Điều {t.number}." if t.kind == "article" else f"{t.number}."
        parts.append(f"{label} {lines[0]}")
        parts.extend(lines[1:])
    if d.closing:
        parts.extend(d.closing.text.split("\n"))
    return parts


def make_docx(stem: str) -> Path:
    gold = json.loads((CORPUS / f"{stem}.gold.json").read_text("utf-8"))
    gold["_stem"] = stem
    source = next(CORPUS.glob(f"{stem}.*[dt]"))  # .md or .txt
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)

    party = gold["system"] == "party"
    left = [x for x in (gold["issuer_parent"], gold["issuer"]) if x]
    left += ["*"] if party else ["-------"]
    left.append(_number_line(gold))
    typed = gold["doc_type"] in TYPE_NAMES and not gold["recipients"]
    if not typed and gold["subject"]:
        left.append(f"V/v {gold['subject']}")
    for mark in (gold["urgency"], gold["security"]):
        if mark:
            left.append(mark)
    right = ["ĐẢNG CỘNG SẢN VIỆT NAM"] if party else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    right += ["", _date_line(gold)]
    header = document.add_table(rows=1, cols=2)
    _cell(header.rows[0].cells[0], left)
    _cell(header.rows[0].cells[1], right, bold_first=True)

    if typed:
        for line, bold in ((TYPE_NAMES[gold["doc_type"]], True), (gold["subject"], True)):
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(line).bold = bold
    if gold["recipients"]:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if len(gold["recipients"]) == 1:
            p.add_run(f"Kính gửi: {gold['recipients'][0]}.")
        else:
            p.add_run("Kính gửi:")
            for i, r in enumerate(gold["recipients"]):
                q = document.add_paragraph(f"- {r}{'.' if i == len(gold['recipients']) - 1 else ';'}")
                q.paragraph_format.left_indent = Cm(4)
    for text in body_paragraphs(source):
        p = document.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1)

    sig = gold["signature"] or {}
    sig_lines = []
    if sig.get("authority"):
        mark = sig["authority"] if party else _state_mark(sig["authority"])
        sig_lines.append(f"{mark} {sig['on_behalf_of'] or ''}".strip())
    if sig.get("title"):
        sig_lines.append(sig["title"])
    sig_lines += ["", "", sig["name"]] if sig.get("name") else []
    nn = ["Nơi nhận:"] + [
        f"- {i['recipient']}" + (f" ({i['purpose']})" if i["purpose"] else "") + ("." if k == len(gold["distribution"]) - 1 else ";")
        for k, i in enumerate(gold["distribution"])
    ]
    closing = document.add_table(rows=1, cols=2)
    _cell(closing.rows[0].cells[0], nn, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell(closing.rows[0].cells[1], sig_lines or [""], bold_first=True)

    out = OUT / f"{stem}.docx"
    document.save(str(out))
    return out


def _state_mark(party_mark: str) -> str:
    return {"T/M": "TM.", "K/T": "KT.", "T/L": "TL.", "T/U": "TUQ.", "Q.": "Q."}[party_mark]


# Also as scanned copies: page images only, slightly rotated, blurred, noisy, JPEG (a Party resolution,
# a state công văn, a Prime Minister's directive).
SCANNED = [FIRST[1], FIRST[3], FIRST[4]]
LEGACY = {FIRST[0]: "TCVN3", FIRST[1]: "VNI"}  # also as 8-bit text typed in the legacy fonts
LEGACY_DOCX = {FIRST[2]: "TCVN3", FIRST[5]: "VNI"}  # also as Word files typed in .VnTime / VNI-Times
WORD97 = FIRST[:6]  # also as Word 97-2003 .doc files (LibreOffice's 'MS Word 97' export of the .docx)


def make_scan(pdf: Path, seed: int) -> Path:
    """An image-only copy of a PDF, degraded like an office scan (no text layer)."""
    import random

    import pypdfium2
    from PIL import ImageFilter

    rng = random.Random(seed)
    pages = []
    doc = pypdfium2.PdfDocument(str(pdf))
    for page in doc:
        image = page.render(scale=150 / 72).to_pil().convert("L")
        image = image.rotate(rng.uniform(-0.8, 0.8), expand=False, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
        pixels = image.load()
        w, h = image.size
        for _ in range(w * h // 4000):  # salt and pepper
            pixels[rng.randrange(w), rng.randrange(h)] = rng.choice((0, 255))
        pages.append(image)
    doc.close()
    out = pdf.with_suffix(".scan.pdf")
    pages[0].save(out, "PDF", resolution=150, save_all=True, append_images=pages[1:], quality=50)
    return out


def to_legacy(text: str, encoding: str) -> str:
    """Unicode text as it reads when typed in a legacy font encoding (one 8-bit character per byte)."""
    from vndirective.codes import load

    table = load("legacy")[encoding]
    reverse = {v: k for k, v in table.items() if not k.startswith("_")}
    if encoding == "TCVN3":  # capitals in TCVN3 are the small letters of a capitals font
        reverse.update({k.upper(): v for k, v in reverse.items() if k.upper() not in reverse and len(k) == 1})
    return "".join(reverse.get(c, c) for c in unicodedata.normalize("NFC", text))


def make_legacy(stem: str, encoding: str) -> Path:
    """The document's text typed in a legacy font encoding, saved as the 8-bit bytes old files hold."""
    source = next(CORPUS.glob(f"{stem}.*[dt]"))
    out = OUT / f"{stem}.{encoding.lower()}.txt"
    out.write_bytes(to_legacy(source.read_text("utf-8"), encoding).encode("cp1252", errors="replace"))
    return out


def make_legacy_docx(stem: str, encoding: str) -> Path:
    """The Word version with every run typed in a legacy font (.VnTime or VNI-Times), as old offices did."""
    document = docx.Document(str(OUT / f"{stem}.docx"))
    font = ".VnTime" if encoding == "TCVN3" else "VNI-Times"
    paragraphs = list(document.paragraphs) + [p for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    for paragraph in paragraphs:
        for run in paragraph.runs:
            # Stored as the characters a Unicode reader sees: the font's 8-bit codes read as cp1252.
            run.text = to_legacy(run.text, encoding).encode("cp1252", errors="replace").decode("cp1252")
            run.font.name = font
    out = OUT / f"{stem}.{encoding.lower()}.docx"
    document.save(str(out))
    return out


def main() -> None:
    OUT.mkdir(exist_ok=True)
    made = [make_docx(stem) for stem in CHOSEN]
    for stem, encoding in LEGACY.items():
        make_legacy(stem, encoding)
    for stem, encoding in LEGACY_DOCX.items():
        make_legacy_docx(stem, encoding)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice not found: .docx made, .pdf skipped")
        return
    for path in made:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(OUT), str(path)], check=True, capture_output=True)
    for seed, stem in enumerate(SCANNED):
        make_scan(OUT / f"{stem}.pdf", seed)
    for stem in WORD97:
        subprocess.run([soffice, "--headless", "--convert-to", "doc", "--outdir", str(OUT), str(OUT / f"{stem}.docx")], check=True, capture_output=True)
    print(f"made {len(made)} .docx and .pdf, {len(SCANNED)} scans, {len(LEGACY)} legacy texts and {len(LEGACY_DOCX)} legacy Word files in {OUT}")


if __name__ == "__main__":
    main()
