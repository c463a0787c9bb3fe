"""The real documents annotated blind (tests/real/*.gold.json) score at least what docs/real-documents.md records.

The documents are read from ../shared/realfiles, which is not ours to publish: the tests skip without it.
A gold file without a figure here fails: score the document first and record its before-figure.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "real"
FILES = SHARED / "realfiles"

# Macro per document as last measured (docs/real-documents.md): a change may raise these, never lower them.
# Scans score without OCR (none on the test machine).
SCORES = {
    "3036_SCT_CN_KHKTNT_Kho_VLCN_tam_Thuydien_MongSen1_3.6.2026.pdf": 1.000,
    "CV-3155_2.6.2026_Tu-choi-nguoi-quan-ly-sai-nganh_Van-Thinh.docx": 1.000,
    "CV-thong-bao-thoi-gian-kiem-tra-thuc-te.docx": 0.900,
    "KH-1105-DKT-ke-hoach-kiem-tra.pdf": 0.990,
    "KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx": 0.995,
    "KH-UBND-trien-khai-Chi-thi-11-CT-TU-QLNN-khoang-san.docx": 0.997,
    "QD-1074-QD-BXD-29-6-2026.pdf": 1.000,
    "QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx": 1.000,
    "TB-2245_23.4.2026_To-chuc-kiem-tra-ky-chung.docx": 1.000,
    "bc-23-bc-ubnd-quang-ngai-cai-cach-tthc-thang1-2025-scan-signed.pdf": 0.150,
    "ct-07-ct-ubnd-quang-ngai-thi-hanh-an-hanh-chinh-2018-scan-signed.pdf": 0.200,
    "cv-2191-ct-cs-cuc-thue-chinh-sach-tndn-2026-scan-signed.pdf": 0.150,
    "cv-299-ubnd-tthc-quang-ngai-hoa-toc-2025-scan-signed.pdf": 0.100,
    "cv-4409-bca-c04-sao-y-2025-signed.pdf": 0.200,
    "cv-464-ttg-cds-thu-tuong-trien-khai-nq-cat-giam-tthc-2026-scan-signed.pdf": 0.150,
    "cv-5240-bca-v01-tong-ket-pcma-tuy-2025-sao-y-signed.pdf": 0.150,
    "cv-8151-bnv-cchc-lay-y-kien-so-ket-2025-signed.pdf": 0.983,
    "hd-36-hd-vptw-the-thuc-van-ban-dang-2018.doc": 0.977,
    "kh-01-kh-tbttkt-uy-ban-bau-cu-xa-pho-bang-2025.docx": 1.000,
    "kh-16-kh-mttq-btt-luong-minh-bau-cu-2025.docx": 1.000,
    "nq-99-2025-nq-hdnd-quang-ninh-muc-chi-bau-cu-2025.doc": 1.000,
    "pt-106-pt-nc-vp-ubnd-lam-dong-phieu-trinh-2025.doc": 0.800,
    "qd-04-qd-bcd138-quang-ngai-cong-nhan-dia-ban-2025-scan-signed.pdf": 0.250,
    "qd-932-qd-ttg-to-cong-tac-cai-cach-hanh-chinh-2025-signed.pdf": 0.300,
    "tb-11-tb-ubnd-quang-ngai-ket-luan-pct-2025-signed.pdf": 1.000,
    "tb-660-tb-ubnd-quang-ngai-ket-luan-chu-tich-binh-son-2024-scan-signed.pdf": 0.200,
    "tb-ubnd-lam-dong-ket-luan-hop-pci-2026-draft-docx.docx": 1.000,
    "ttr-22-ttr-ubnd-quang-ngai-giao-du-toan-2025-scan-signed.pdf": 0.150,
    "ttr-298-ttr-cat-pc04-cong-an-lam-dong-2025-broken-font.pdf": 0.333,
    "ttr-3367-ttr-snv-binh-thuan-hoi-2024-signed.pdf": 0.995,
}
FLOOR_MARGIN = 0.0005  # rounding of the recorded figures


def _gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.gold.json"))


def test_every_gold_file_has_a_recorded_figure():
    names = [json.loads(g.read_text("utf-8"))["file"] for g in _gold_files()]
    assert names, "no gold files in tests/real"
    assert sorted(n for n in names if n not in SCORES) == [], "score these blind first and record their figures"
    assert sorted(set(SCORES) - set(names)) == []


@pytest.mark.skipif(not FILES.is_dir(), reason="../shared/realfiles is not present (test material that is not ours to publish)")
@pytest.mark.parametrize("gold", _gold_files(), ids=lambda p: p.name.removesuffix(".gold.json"))
def test_a_real_document_scores_no_less_than_recorded(gold):
    name = json.loads(gold.read_text("utf-8"))["file"]
    if name.endswith(".pdf"):
        pytest.importorskip("pdfplumber")
    if name.endswith(".docx"):
        pytest.importorskip("docx")
    if name.endswith(".doc"):
        pytest.importorskip("olefile")
    from vndirective.evaluation import evaluate

    report = evaluate(GOLD, pairs=[(FILES / name, gold)])
    assert report.macro >= SCORES[name] - FLOOR_MARGIN, report.to_table(details=True)


# The second blind set (tests/real_extra, 11 documents found in public repositories: sources in its SOURCES.md). The
# documents are read from ../blind/extra (VNDIRECTIVE_BLIND_EXTRA to point elsewhere): not ours to publish, skipped
# without them. Macro per document as measured after the fixes they prompted (docs/real-documents.md); scans without OCR.
EXTRA_GOLD = ROOT / "tests" / "real_extra"
EXTRA_FILES = Path(os.environ.get("VNDIRECTIVE_BLIND_EXTRA", str(ROOT.parent / "blind" / "extra")))
EXTRA_SCORES = {
    "cv-507-ubnd-kgvx-quang-ngai-gop-y-vtci-2025-signed.pdf": 1.000,
    "cv-574-ubnd-ktth-quang-ngai-dang-ky-bo-sung-ky-hop-hdnd-2025-scan-signed.pdf": 0.300,
    "cv-ubnd-nc-lam-dong-trien-khai-hd-46-bca-2025-draft-unnumbered.docx": 1.000,
    "cv-ubnd-ncksttthc-binh-thuan-trien-khai-cd-131-2024-draft-unnumbered.doc": 1.000,
    "cv-vp-ncks-ubnd-binh-thuan-phuc-dap-ttr-182-2025-draft-unnumbered.doc": 1.000,
    "nd-45-2026-nd-cp-quan-ly-dau-tu-ung-dung-cntt-2026.pdf": 1.000,
    "nq-40-nq-hdbcqg-mau-ho-so-ung-cu-bau-cu-2025.doc": 1.000,
    "tb-542-tb-ubnd-quang-ngai-du-hoi-nghi-ctmtqg-2024-signed.pdf": 1.000,
    "tb-565-tb-ubnd-quang-ngai-ket-luan-ctmtqg-2024-signed.pdf": 1.000,
    "tb-ubnd-binh-thuan-chuan-bi-giai-the-hoi-2024-draft-unnumbered.doc": 1.000,
    "ttr-01-ttr-ubnd-quang-ngai-mien-nhiem-uy-vien-ubnd-2025-scan-signed.pdf": 0.200,
}


def test_every_extra_gold_file_has_a_recorded_figure():
    names = sorted(json.loads(g.read_text("utf-8"))["file"] for g in EXTRA_GOLD.glob("*.gold.json"))
    assert names == sorted(EXTRA_SCORES)


@pytest.mark.skipif(not EXTRA_FILES.is_dir(), reason="the documents of tests/real_extra are not present (not ours to publish)")
@pytest.mark.parametrize("name", sorted(EXTRA_SCORES), ids=lambda n: n.rsplit(".", 1)[0])
def test_a_real_extra_document_scores_no_less_than_recorded(name: str):
    pytest.importorskip("pdfplumber")
    pytest.importorskip("docx")
    pytest.importorskip("olefile")
    from vndirective.evaluation import evaluate

    gold = next(g for g in EXTRA_GOLD.glob("*.gold.json") if json.loads(g.read_text("utf-8"))["file"] == name)
    if not (EXTRA_FILES / name).is_file():
        pytest.skip(f"{name} is not in {EXTRA_FILES}")
    report = evaluate(EXTRA_GOLD, pairs=[(EXTRA_FILES / name, gold)])
    assert report.macro >= EXTRA_SCORES[name] - FLOOR_MARGIN, report.to_table(details=True)
