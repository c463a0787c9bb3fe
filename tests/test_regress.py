"""The regression snapshot of benchmarks/regress.py: the parser's output is the one it recorded.

The committed snapshot (benchmarks/snapshot/regress.json.gz) holds ``to_dict()`` of every document of
corpus/ (all formats) and of 300 documents of corpus/generate.py; benchmarks/results/regress-shared.json.gz,
when it was written on this machine, the documents of ../shared. A failure lists every field that changed.
When the change is intended, rewrite the snapshot (``python benchmarks/regress.py write``) in the same commit
and say why in its message.

The script is loaded from its file (not imported as ``benchmarks.regress``), so the test runs the same
with ``--import-mode=append`` against an installed wheel.
"""

from __future__ import annotations

import copy
import gzip
import importlib.util
import sys
from types import ModuleType

import pytest

import vndirective

from .conftest import ROOT, SHARED

SCRIPT = ROOT / "benchmarks" / "regress.py"


def _load_script() -> ModuleType:
    name = "_vndirective_regress_script"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look the module up while they are made
    spec.loader.exec_module(module)
    return module


if not SCRIPT.is_file():  # pragma: no cover - a test folder copied without benchmarks/
    pytest.skip(f"{SCRIPT} is not present", allow_module_level=True)
regress = _load_script()


def test_the_script_parses_with_the_package_under_test():
    assert regress.vndirective is vndirective


@pytest.mark.parametrize("name", ["corpus", "generated"])
def test_repository_snapshot_is_unchanged(name):
    if name == "corpus":  # corpus/formats holds Word and PDF files
        pytest.importorskip("docx")
        pytest.importorskip("pdfplumber")
    result = regress.check([name], shared=SHARED)
    assert result.compared.get(name), result.summary()
    assert result.ok, _failure(result)


@pytest.mark.parametrize("name", ["shared-corpus", "shared-realfiles"])
def test_shared_snapshot_is_unchanged(name):
    if not regress.available(name, SHARED):
        pytest.skip(f"{regress.SETS[name].folder(SHARED)} is not present (test material that is not ours to publish)")
    snapshot = regress.read_snapshot(regress.SHARED_SNAPSHOT)
    if snapshot is None or name not in snapshot["sets"]:
        pytest.skip(f"no snapshot of {name} in {regress.SHARED_SNAPSHOT} (write it with: python benchmarks/regress.py write --set {name})")
    pytest.importorskip("docx")
    pytest.importorskip("pdfplumber")
    result = regress.check([name], shared=SHARED)
    assert result.compared.get(name), result.summary()
    assert result.ok, _failure(result)


def _failure(result) -> str:
    lines = result.lines(limit=10)
    shown = lines[:200] + ([f"… {len(lines) - 200} more lines"] if len(lines) > 200 else [])
    return "\n".join(
        [
            "the parser's output differs from the snapshot:",
            *shown,
            result.summary(),
            "If the change is intended, rewrite the snapshot: python benchmarks/regress.py write",
        ]
    )


def test_check_reports_every_kind_of_change():
    """The checker itself: a field, a list item, a key, the text, the boxes, an error."""
    doc = regress.Document("generated/x.txt", text=(ROOT / "corpus" / "334-CV-HU_luc-ngan_2021.md").read_text("utf-8"), source="x.txt")
    entry, text = doc.parse()
    assert regress.diff_entry(entry, copy.deepcopy(entry), text) == []

    old = copy.deepcopy(entry)
    old["signature"]["title"] = "CHỦ TỊCH"
    old["tasks"][0]["text"] = old["tasks"][0]["text"].replace(" ", "  ", 1)
    old["recipients"].append("Sở Nội vụ")
    del old["spans"]["subject"]
    old["text"]["sha1"] = "0" * 40
    old["text"]["blocks"][2] = "000000"
    old["boxes"] = {"sha1": "x", "count": 3, "pages": [[1, 3, "deadbeef"]]}
    changes = regress.diff_entry(old, entry, text)
    by_field = {c.split(":")[0]: c for c in changes}
    assert by_field["signature.title"] == f"signature.title: 'CHỦ TỊCH' → {entry['signature']['title']!r}"
    assert "changed at offset" in by_field["tasks[0].text"]
    assert by_field[f"recipients[{len(entry['recipients'])}]"] == f"recipients[{len(entry['recipients'])}]: removed (was 'Sở Nội vụ')"
    assert by_field["spans.subject"].startswith("spans.subject: added [")
    assert by_field["text"].startswith(f"text: changed (len {len(text)} → {len(text)}), first difference within offsets 512–767")
    assert by_field["boxes"] == "boxes: changed (count 3 → 0), pages that differ: 1"
    assert len(changes) == 6

    error = {"error": "NoTextLayer", "message": "x.pdf: the PDF has no text layer"}
    assert regress.diff_entry(entry, error) == ["error appeared: 'NoTextLayer: x.pdf: the PDF has no text layer' (the document parsed before)"]
    assert regress.diff_entry(error, entry)[0].startswith("error disappeared (was 'NoTextLayer: x.pdf")
    assert regress.diff_entry(error, dict(error, message="x.pdf: no text")) == [
        "error: 'NoTextLayer: x.pdf: the PDF has no text layer' → 'NoTextLayer: x.pdf: no text'"
    ]


def test_snapshot_bytes_do_not_depend_on_the_time_or_the_key_order():
    a = regress.encode({"b": [1, 2], "a": "Đảng"})
    assert a == regress.encode({"a": "Đảng", "b": [1, 2]})
    assert a[4:8] == b"\0\0\0\0"  # gzip mtime
    assert gzip.decompress(a).decode("utf-8") == '{"a":"Đảng","b":[1,2]}'


def test_corpus_set_leaves_out_what_is_not_a_document():
    notes: list[str] = []
    keys = [d.key for d in regress.corpus_documents(notes=notes)]
    assert not notes, notes
    assert not [k for k in keys if k.endswith((".json", ".py")) or "/assignments/" in k or k.endswith("README.md")]
    assert {k.rsplit(".", 1)[-1] for k in keys} >= {"txt", "md", "docx", "pdf"}
