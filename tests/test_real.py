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


# The later blind sets, documents found in public repositories (sources in each set's SOURCES.md): tests/real_extra
# (11, 2026-12-07) and tests/real_party (6, 2026-12-08: one Party letter, five state documents). The documents are read
# from ../blind/extra and ../blind/party (VNDIRECTIVE_BLIND_EXTRA / VNDIRECTIVE_BLIND_PARTY to point elsewhere): not
# ours to publish, skipped without them. Macro per document as measured after the fixes they prompted
# (docs/real-documents.md); scans without OCR.
BLIND_SETS = {
    "real_extra": (
        Path(os.environ.get("VNDIRECTIVE_BLIND_EXTRA", str(ROOT.parent / "blind" / "extra"))),
        {
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
        },
    ),
    "real_party": (
        Path(os.environ.get("VNDIRECTIVE_BLIND_PARTY", str(ROOT.parent / "blind" / "party"))),
        {
            "ct-09-2009-ct-ubnd-binh-duong-khcn-co-so-2009.doc": 1.000,
            "cv-210-cv-btgdvtu-lam-dong-cu-lanh-dao-ban-vstbpn-2025-scan.pdf": 0.150,
            "cv-275-stttt-cntt-phu-tho-hoi-thi-ky-nang-may-tinh-2011-scan.pdf": 0.150,
            "cv-4532-ubnd-kstthc-phu-tho-ra-soat-tthc-2011-scan.pdf": 0.200,
            "qd-5743-qd-dhbk-quy-doi-chung-chi-tieng-anh-2022.pdf": 1.000,
            "tb-666-tb-stttt-ben-tre-gioi-thieu-chuc-danh-chu-ky-2011-scan.pdf": 0.300,
        },
    ),
}
BLIND_DOCUMENTS = [(folder, name) for folder, (_, scores) in BLIND_SETS.items() for name in sorted(scores)]


@pytest.mark.parametrize("folder", sorted(BLIND_SETS))
def test_every_blind_gold_file_has_a_recorded_figure(folder: str):
    names = sorted(json.loads(g.read_text("utf-8"))["file"] for g in (ROOT / "tests" / folder).glob("*.gold.json"))
    assert names == sorted(BLIND_SETS[folder][1])


@pytest.mark.parametrize(("folder", "name"), BLIND_DOCUMENTS, ids=lambda v: v.rsplit(".", 1)[0])
def test_a_later_blind_document_scores_no_less_than_recorded(folder: str, name: str):
    files, scores = BLIND_SETS[folder]
    if not (files / name).is_file():
        pytest.skip(f"{name} is not in {files} (test material that is not ours to publish)")
    pytest.importorskip("pdfplumber")
    pytest.importorskip("docx")
    pytest.importorskip("olefile")
    from vndirective.evaluation import evaluate

    gold_dir = ROOT / "tests" / folder
    gold = next(g for g in gold_dir.glob("*.gold.json") if json.loads(g.read_text("utf-8"))["file"] == name)
    report = evaluate(gold_dir, pairs=[(files / name, gold)])
    assert report.macro >= scores[name] - FLOOR_MARGIN, report.to_table(details=True)
