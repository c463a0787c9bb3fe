"""Shared fixtures: the project corpus, and the shared real documents when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# A scan is OCR'd by default where Tesseract is installed ("auto"): the tests run alike on a machine
# with it and one without, so the default is off here; the OCR tests ask for it (ocr=True) or lift this.
os.environ["VNDIRECTIVE_OCR"] = "off"

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FOUNDING = CORPUS / "334-CV-HU_luc-ngan_2021.md"
SHARED = ROOT.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"


def pytest_report_header(config: pytest.Config) -> str:
    import vndirective

    core = "compiled (mypyc)" if vndirective.is_compiled() else "pure Python"
    return f"vndirective {vndirective.__version__} from {Path(vndirective.__file__).parent}, {core} core"


@pytest.fixture(scope="session")
def founding():
    import vndirective

    return vndirective.parse(FOUNDING)


def shared_corpus_or_skip() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present (it is test material that is not ours to publish)")
    return SHARED_CORPUS
