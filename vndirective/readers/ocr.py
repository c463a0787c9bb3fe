"""Scanned PDFs: the pages rendered with pypdfium2 (installed with pdfplumber) and read by
the Tesseract command with its Vietnamese data (Debian: ``tesseract-ocr-vie``).

Tesseract runs one page at a time with ``OMP_THREAD_LIMIT=1`` (its own threads make it
several times slower on small machines) and ``--psm 4`` (a single column of text of
variable sizes keeps the header lines whole). The text goes through the same line model as
any other; header words damaged by OCR are restored from the code tables by the extractors.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import NoTextLayer
from ..lines import Layout, build_layout
from ..messages import warn

DPI = 300
LANGUAGE = "vie"


def available() -> bool:
    """Whether Tesseract with the Vietnamese language data can be run here."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in out.stdout.split()


def ocr_pdf(data: bytes, name: str = "<pdf>") -> Layout:
    """A Layout from the OCR of every page of a PDF."""
    if not available():
        raise NoTextLayer(
            f"{name}: the PDF has no text layer (a scanned document) and Tesseract with Vietnamese is not installed. "
            "Install it (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie) and parse again, "
            "or OCR the file first (ocrmypdf -l vie in.pdf out.pdf)."
        )
    import pypdfium2

    pages: list[str] = []
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    pdf = pypdfium2.PdfDocument(data)
    try:
        with tempfile.TemporaryDirectory(prefix="vndirective-ocr-") as tmp:
            for i in range(len(pdf)):
                image = pdf[i].render(scale=DPI / 72).to_pil()
                png = Path(tmp) / f"page-{i + 1}.png"
                image.save(png)
                out = subprocess.run(
                    ["tesseract", str(png), "stdout", "-l", LANGUAGE, "--psm", "4"],
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=300,
                    check=False,
                )
                if out.returncode != 0:
                    raise NoTextLayer(f"{name}: OCR of page {i + 1} failed: {out.stderr.strip()[:300]}")
                pages.append(out.stdout)
    finally:
        pdf.close()
    layout = build_layout("\n\f".join(pages))
    layout.warnings.append(warn("ocr", pages=len(pages)))
    return layout
