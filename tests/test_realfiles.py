"""The real PDF and DOCX files of ../shared/realfiles: this version reads text and Markdown
only, so each one must be refused with a clear, typed error (the readers for them come next)."""

from __future__ import annotations

import pytest

import vndirective
from vndirective.errors import UnsupportedFormat

from .conftest import SHARED

REALFILES = SHARED / "realfiles"


def _files() -> list[str]:
    if not REALFILES.is_dir():
        return []
    return sorted(p.name for p in REALFILES.iterdir() if p.suffix in (".pdf", ".docx"))


@pytest.mark.skipif(not REALFILES.is_dir(), reason="../shared/realfiles is not present (test material, not ours to publish)")
@pytest.mark.parametrize("name", _files())
def test_real_binary_files_get_a_clear_error(name):
    with pytest.raises(UnsupportedFormat) as info:
        vndirective.parse(REALFILES / name)
    message = str(info.value)
    assert name in message
    assert ("PDF" in message) if name.endswith(".pdf") else ("ZIP" in message)
