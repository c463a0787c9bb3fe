"""Pipelines never hide a loss (issue 15): every entry of a folder gets a record — ok, not a document, error or
skipped, with the reason — and --incremental parses again what failed or was read with other options."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import vndirective.readers
from vndirective.bulk import triage
from vndirective.bulk.batch import run_batch
from vndirective.bulk.store import Store
from vndirective.cli import main
from vndirective.core.pipeline import parse_text
from vndirective.errors import NoTextLayer
from vndirective.readers.limits import Limits
from vndirective.readers.ocr import wanted

from .conftest import FOUNDING, SHARED

OTHER = FOUNDING.parent / "41_hu-yenthe-cv-khan-bao.txt"
README = b"# Letters of 2024\n\nThis folder holds the letters the office received. The scans are in `scans/`.\n"
LETTER = "Hà Nội, ngày 5 tháng 3 năm 2024\n\nThân gửi bạn Lan,\nMình viết thư này để hỏi thăm sức khỏe của bạn.\n"

# entry of the folder → (content: bytes, "dir" for a folder, "link:<target>" for a symbolic link) ; expected (status, detail)
# where detail is the error type of an error, or the start of the reason of a "not_document" or "skipped" record.
FOLDER: dict[str, tuple[bytes | str, tuple[str, str | None]]] = {
    "a.md": (FOUNDING.read_bytes(), ("ok", None)),
    "b/41.txt": (OTHER.read_bytes(), ("ok", None)),
    "README.md": (README, ("not_document", "not an official document: of the header's number, issuer, document type and date, none")),
    "empty.txt": (b"", ("not_document", "not an official document")),
    "letter.txt": (LETTER.encode(), ("not_document", "not an official document: of the header's number, issuer, document type and date, only the date")),
    "binary.txt": (bytes(range(256)) * 4, ("error", "UnsupportedFormat")),
    "sheet.xlsx": (b"PK\x03\x04", ("skipped", "unsupported extension '.xlsx'")),
    "Makefile": (b"all:\n", ("skipped", "unsupported extension (none)")),
    ".draft.md": (FOUNDING.read_bytes(), ("skipped", "hidden file")),
    "b/~$41.docx": (b"lock", ("skipped", "Office lock file")),
    ".git/": ("dir", ("skipped", "hidden folder")),
    "elsewhere": ("link:b", ("skipped", "symbolic link to a folder")),
    "gone.md": ("link:nowhere.md", ("skipped", "not a regular file")),
}
COUNTS = "13 files: 2 ok, 3 not documents, 1 error, 7 skipped"


def _make(root: Path, entries: dict[str, tuple[bytes | str, Any]]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, (content, _) in entries.items():
        path = root / name.rstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        if content == "dir":
            (path / "objects").mkdir(parents=True)
            (path / "objects" / "x.txt").write_bytes(FOUNDING.read_bytes())  # inside a hidden folder: not read, not listed
        elif isinstance(content, str):
            os.symlink(content.removeprefix("link:"), path)
        else:
            path.write_bytes(content)
    return root


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.mark.parametrize("jobs", [0, 2])
def test_every_entry_of_the_folder_has_a_record(tmp_path, jobs):
    root = _make(tmp_path / "in", FOLDER)
    out, db = tmp_path / "r.jsonl", tmp_path / "r.sqlite"
    summary = run_batch(root, out, db, jobs=jobs, progress=False)
    records = _lines(out)
    assert [r["path"] for r in records] == sorted(FOLDER)
    for r in records:
        status, detail = FOLDER[r["path"]][1]
        assert r["status"] == status, r
        if status == "error":
            assert r["error_type"] == detail
        elif detail is not None:
            assert r["reason"].startswith(detail), r
    assert summary.counts() == COUNTS
    assert summary.files == summary.ok + summary.not_document + summary.error + summary.skipped == len(FOLDER)
    report = summary.report()
    assert report.startswith(COUNTS) and "not documents (no header of an official document found): README.md, empty.txt, letter.txt" in report
    assert "skipped: " in report and "hidden file 1" in report and "Office lock file (~$) 1" in report
    with Store(db, readonly=True) as store:
        assert store.paths() == sorted(FOLDER)
        assert store.record("README.md")["reason"].startswith("not an official document")
        assert [d.doc_id for d in store.documents()] == ["334-CV/HU", "156-CV/HU"]  # only the documents: never README, letter...


# (text, whether it is taken for an official document)
TEXTS = [
    (FOUNDING.read_text("utf-8"), True),
    ("", False),
    (README.decode(), False),
    (LETTER, False),  # a date alone
    ("Số: 12/UBND-VP\nHà Nội, ngày 5 tháng 3 năm 2024\n\nDanh sách khách mời.\n", True),  # a number and a date
]


@pytest.mark.parametrize(("text", "document"), TEXTS)
def test_what_is_a_document_is_decided_by_what_the_parse_found(text, document):
    d = parse_text(text)
    assert triage.is_document(d) is document
    assert triage.is_document(d.to_dict()) is document  # the same test on a record's directive
    assert (triage.not_document_reason(d) is None) is document


def test_the_threshold_is_the_named_one(monkeypatch):
    letter = parse_text(LETTER)
    assert triage.header_fields_found(letter) == ["date"] and not triage.is_document(letter)
    monkeypatch.setattr(triage, "MIN_HEADER_FIELDS", 1)
    assert triage.is_document(letter)


def test_a_not_document_is_never_a_graph_node(tmp_path, capsys):
    pytest.importorskip("networkx")
    from vndirective.graph import build_graph

    root = _make(tmp_path / "in", {k: FOLDER[k] for k in ("a.md", "README.md", "letter.txt")})
    db = tmp_path / "r.sqlite"
    run_batch(root, db=db, jobs=0, progress=False)
    with Store(db, readonly=True) as store:
        graph = build_graph(store)
    sources = {Path(str(data.get("source") or "")).name for _, data in graph.nodes(data=True) if data.get("in_corpus")}
    assert sources <= {"a.md"} and sum(1 for _, data in graph.nodes(data=True) if data.get("in_corpus")) == 1
    # the graph of files and folders uses the same test
    assert main(["graph", str(root)]) == 0
    err = capsys.readouterr().err
    assert f"skipped {root / 'README.md'}: not an official document" in err and f"skipped {root / 'letter.txt'}" in err
    assert "a.md" not in err


def test_the_outputs_of_a_run_inside_the_folder_are_not_recorded(tmp_path):
    root = _make(tmp_path / "in", {k: FOLDER[k] for k in ("a.md", "README.md")})
    out, db = root / "results.jsonl", root / "archive.sqlite"
    for incremental in (False, True):
        summary = run_batch(root, out, db, jobs=0, progress=False, incremental=incremental)
        assert [r["path"] for r in _lines(out)] == ["README.md", "a.md"] and summary.files == 2


REAL = SHARED / "realfiles"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realfiles is not present (real documents that are not ours to publish)")
def test_batch_accounts_for_every_real_file(tmp_path):
    summary = run_batch(REAL, tmp_path / "r.jsonl", jobs=2, progress=False, ocr=False)
    entries = sorted(os.listdir(REAL))
    assert summary.files == len(entries) == summary.ok + summary.not_document + summary.error + summary.skipped
    records = {r["path"]: r for r in _lines(tmp_path / "r.jsonl")}
    assert sorted(records) == entries
    assert records["README.md"]["status"] == "not_document"
    assert {r["error_type"] for r in records.values() if r["status"] == "error"} <= {"NoTextLayer"}


# ---------------------------------------------------------------------- --incremental: errors and reading options

SCAN = "scan.pdf"


@pytest.fixture
def fake_scans(monkeypatch) -> list[str]:
    """The reader, with scan.pdf a scan: NoTextLayer without OCR, the founding example's text with it. The names read, in order."""
    real = vndirective.readers.read
    read: list[str] = []

    def fake(path, encoding=None, ocr="auto", password=None, limits=None):
        read.append(Path(path).name)
        if Path(path).name == SCAN:
            if not wanted(ocr):
                raise NoTextLayer(f"{path}: the PDF has no text layer (a scan). CLI: --ocr")
            return real(FOUNDING)
        return real(path, encoding=encoding, ocr=ocr, password=password, limits=limits)

    monkeypatch.setattr(vndirective.readers, "read", fake)
    return read


# the second run's options (the first is read with ocr=False) → (the files read again, the status of scan.pdf after it)
RERUNS: list[tuple[dict[str, Any], set[str], str]] = [
    ({}, {SCAN}, "error"),  # by default an error is retried: its cause may be gone
    ({"retry_errors": False}, set(), "error"),  # kept on request when nothing changed
    ({"retry_errors": False, "ocr": True}, {SCAN, "a.md"}, "ok"),  # made with other options: the error and the result
    ({"ocr": True}, {SCAN, "a.md"}, "ok"),
    ({"retry_errors": False, "password": "pw"}, {SCAN, "a.md"}, "error"),
    ({"retry_errors": False, "encoding": "utf-8"}, {SCAN, "a.md"}, "error"),
    ({"retry_errors": False, "limits": Limits(max_pages=9)}, {SCAN, "a.md"}, "error"),
    ({"retry_errors": False, "limits": Limits()}, set(), "error"),  # the default limits, given: the same options
]


@pytest.mark.parametrize("outputs", [("out",), ("db",), ("out", "db")])
@pytest.mark.parametrize(("second", "reread", "status"), RERUNS)
def test_incremental_retries_errors_and_results_of_other_options(tmp_path, fake_scans, outputs, second, reread, status):
    root = _make(tmp_path / "in", {"a.md": FOLDER["a.md"], SCAN: (b"%PDF-1.4 a scan", None), "notes.csv": (b"x", None)})
    where = {"out": tmp_path / "r.jsonl", "db": tmp_path / "r.sqlite"}
    targets = {name: where[name] for name in outputs}
    first = run_batch(root, **targets, jobs=0, progress=False, ocr=False)
    assert (first.ok, first.error, first.skipped) == (1, 1, 1)
    fake_scans.clear()

    again = run_batch(root, **targets, jobs=0, progress=False, incremental=True, **{"ocr": False, **second})
    assert set(fake_scans) == reread
    assert (again.parsed, again.unchanged, again.files) == (len(reread), 2 - len(reread), 3)
    record = _record(where, outputs, SCAN)
    assert record["status"] == status
    assert record["options"]["ocr"] == bool(second.get("ocr")) and record["options"]["password"] == ("password" in second)
    assert "pw" not in json.dumps(record["options"])  # whether a password was given, never the password


def _record(where: dict[str, Path], outputs: tuple[str, ...], path: str) -> dict[str, Any]:
    if "out" in outputs:
        return next(r for r in _lines(where["out"]) if r["path"] == path)
    with Store(where["db"], readonly=True) as store:
        record = store.record(path)
    assert record is not None
    return record


def test_cli_incremental_and_keep_errors(tmp_path, fake_scans, capsys):
    root = _make(tmp_path / "in", {"a.md": FOLDER["a.md"], SCAN: (b"%PDF-1.4 a scan", None)})
    run = ["batch", str(root), "--out", str(tmp_path / "r.jsonl"), "--jobs", "0", "--no-progress"]
    assert main([*run, "--no-ocr"]) == 0
    assert "2 files: 1 ok, 0 not documents, 1 error, 0 skipped" in capsys.readouterr().out
    assert main([*run, "--no-ocr", "--incremental"]) == 0
    assert "parsed 1 " in capsys.readouterr().out  # the NoTextLayer record, retried
    assert main([*run, "--no-ocr", "--incremental", "--keep-errors"]) == 0
    assert "parsed 0 " in capsys.readouterr().out
    assert main([*run, "--ocr", "--incremental", "--keep-errors"]) == 0
    assert "2 files: 2 ok, 0 not documents, 0 errors, 0 skipped" in capsys.readouterr().out


def test_cli_batch_help_says_what_incremental_retries(capsys):
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "whose record is an error" in out and "other reading options" in out and "--keep-errors" in out


def test_a_store_of_an_earlier_release_gets_the_new_columns(tmp_path):
    import sqlite3

    root = _make(tmp_path / "in", {"a.md": FOLDER["a.md"]})
    db = tmp_path / "r.sqlite"
    run_batch(root, db=db, jobs=0, progress=False)
    with sqlite3.connect(db) as con:  # as a store written before 'reason' and 'options' existed
        con.execute("ALTER TABLE documents DROP COLUMN reason")
        con.execute("ALTER TABLE documents DROP COLUMN options")
    with Store(db, readonly=True) as old:
        record = old.record("a.md")
        assert record is not None and (record["status"], record["reason"], record["options"]) == ("ok", None, None)
        assert old.seen()["a.md"].options is None
    summary = run_batch(root, db=db, jobs=0, progress=False, incremental=True)
    assert (summary.parsed, summary.unchanged) == (1, 0)  # made with unknown options: parsed once more
    with Store(db, readonly=True) as store:
        assert store.record("a.md")["options"] == {"ocr": False, "password": False, "encoding": None, "limits": {}}
