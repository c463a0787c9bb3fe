"""Batch parsing of a folder: every file exactly once, in order, resumable, protected from crashing files."""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vndirective.bulk import batch
from vndirective.bulk.batch import BatchError, run_batch
from vndirective.bulk.jsonl import read_jsonl
from vndirective.bulk.record import Record, parse_file
from vndirective.bulk.store import Store
from vndirective.cli import main
from vndirective.core.model import Directive
from vndirective.readers import SUFFIXES
from vndirective.readers.files import file_sha256, iter_files

from .conftest import CORPUS

FORMATS = CORPUS / "formats"
needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="patching the parser inside workers needs the fork start method")

# file read (relative to the folder) → (status, error type) expected in its record
EXPECTED = {
    "334-CV-HU_luc-ngan_2021.md": ("ok", None),
    "41_hu-yenthe-cv-khan-bao.txt": ("ok", None),
    "bad/binary.txt": ("error", "UnsupportedFormat"),
    "bad/corrupt.pdf": ("error", "CorruptDocument"),
    "bad/empty.md": ("not_document", None),  # an empty file parses (with the warning 'empty'), but is no official document
    "nested/deeper/47_tu-caobang-qd-ban-chi-dao.pdf": ("ok", None),
    "nested/deeper/scan.pdf": ("error", "NoTextLayer"),
    "nested/g05_hdnd-thanhhoa-nq.txt": ("ok", None),
    "nested/page.html": ("ok", None),
    "word/57_ubnd-tiendu-cv-pccc.docx": ("ok", None),
}
# entry not read → the start of the reason its "skipped" record gives
SKIPPED = {
    "nested/.draft.md": "hidden file",
    "nested/.hidden/": "hidden folder",
    "notes.csv": "unsupported extension '.csv'",
    "word/~$57_ubnd-tiendu-cv-pccc.docx": "Office lock file",
}
ALL = sorted([*EXPECTED, *SKIPPED])  # every entry of the folder gets a record, in this order


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    files = {
        "334-CV-HU_luc-ngan_2021.md": (CORPUS / "334-CV-HU_luc-ngan_2021.md").read_bytes(),
        "41_hu-yenthe-cv-khan-bao.txt": (CORPUS / "41_hu-yenthe-cv-khan-bao.txt").read_bytes(),
        "bad/binary.txt": bytes(range(256)) * 8,
        "bad/corrupt.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%% cut short",
        "bad/empty.md": b"",
        "nested/deeper/47_tu-caobang-qd-ban-chi-dao.pdf": (FORMATS / "47_tu-caobang-qd-ban-chi-dao.pdf").read_bytes(),
        "nested/deeper/scan.pdf": (FORMATS / "40_tu-ninhbinh-nq-chuyen-doi-so.scan.pdf").read_bytes(),
        "nested/g05_hdnd-thanhhoa-nq.txt": (CORPUS / "g05_hdnd-thanhhoa-nq.txt").read_bytes(),
        "nested/page.html": (
            "<html><body>" + "".join(f"<p>{line}</p>" for line in (CORPUS / "41_hu-yenthe-cv-khan-bao.txt").read_text("utf-8").splitlines()) + "</body></html>"
        ).encode(),
        "word/57_ubnd-tiendu-cv-pccc.docx": (FORMATS / "57_ubnd-tiendu-cv-pccc.docx").read_bytes(),
        # never read: hidden, unsupported, an Office lock file
        "nested/.hidden/secret.txt": b"x",
        "nested/.draft.md": b"x",
        "notes.csv": b"a,b",
        "word/~$57_ubnd-tiendu-cv-pccc.docx": b"lock",
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _folder(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def reference(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The records of a plain run with two jobs, elapsed times removed."""
    out = tmp_path_factory.mktemp("ref") / "ref.jsonl"
    run_batch(folder, out, jobs=2, progress=False)
    return _records(out)


def _records(path: Path) -> list[dict]:
    lines = path.read_bytes().decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    for r in records:
        r.pop("elapsed")
    return records


def test_iter_files_sorted_recursive_and_filtered(folder):
    found = [p.relative_to(folder).as_posix() for p in iter_files(folder)]
    assert found == sorted(EXPECTED)
    assert [p.name for p in iter_files(folder, exclude=[folder / "bad" / "empty.md"])].count("empty.md") == 0


def test_every_file_once_with_its_status(reference):
    assert [r["path"] for r in reference] == ALL
    for r in reference:
        if r["path"] in SKIPPED:
            assert (r["status"], r["sha256"], r["directive"], r["options"]) == ("skipped", None, None, None), r["path"]
            assert r["reason"].startswith(SKIPPED[r["path"]]), r
            continue
        assert (r["status"], r["error_type"]) == EXPECTED[r["path"]], r["path"]
        assert (r["directive"] is None) == (r["status"] == "error")
        assert (r["reason"] is None) == (r["status"] != "not_document")
        assert r["sha256"] and len(r["sha256"]) == 64
        assert r["options"] == {"ocr": False, "password": False, "encoding": None, "limits": {}}
        if r["status"] == "error":
            assert r["error_message"] and r["path"].rsplit("/", 1)[-1] in r["error_message"]


def test_records_rebuild_the_documents(folder, reference):
    by_path = {r["path"]: r for r in reference}
    d = Record.from_dict(by_path["334-CV-HU_luc-ngan_2021.md"]).to_directive()
    assert isinstance(d, Directive) and d.doc_id == "334-CV/HU"
    assert d == parse_file(folder / "334-CV-HU_luc-ngan_2021.md", root=folder).to_directive()


@pytest.mark.parametrize("jobs", [0, 1])
def test_output_is_identical_whatever_the_jobs(folder, reference, tmp_path, jobs):
    out = tmp_path / "r.jsonl"
    summary = run_batch(folder, out, jobs=jobs, progress=False, chunksize=1)
    assert _records(out) == reference
    assert (summary.files, summary.ok, summary.not_document, summary.error, summary.skipped) == (14, 6, 1, 3, 4)
    assert summary.errors_by_type == {"UnsupportedFormat": 1, "CorruptDocument": 1, "NoTextLayer": 1}


def test_incremental_skips_unchanged_and_follows_changes(tmp_path, reference):
    root = _folder(tmp_path)
    out, db = tmp_path / "r.jsonl", tmp_path / "r.sqlite"
    run_batch(root, out, db, jobs=2, progress=False)
    before = _records(out)

    # the unchanged files keep their records; the 3 errors are parsed again (their cause may be gone)
    again = run_batch(root, out, db, jobs=2, progress=False, incremental=True)
    assert (again.unchanged, again.parsed, again.kept, again.files, again.error) == (7, 3, 14, 14, 3)
    assert _records(out) == before

    # one file changed, one gone, one new: only those two are parsed; the output follows the folder
    (root / "41_hu-yenthe-cv-khan-bao.txt").write_bytes((CORPUS / "42_du-huubang-kl-dat-dai.md").read_bytes())
    (root / "bad" / "empty.md").unlink()
    shutil.copy(CORPUS / "43_tw-bbt-ct-nguoi-tieu-dung.txt", root / "bad" / "added.txt")
    third = run_batch(root, out, db, jobs=2, progress=False, incremental=True)
    assert (third.parsed, third.unchanged, third.ok, third.not_document, third.error, third.skipped) == (5, 5, 7, 0, 3, 4)
    records = _records(out)
    paths = [r["path"] for r in records]
    assert paths == sorted((set(ALL) - {"bad/empty.md"}) | {"bad/added.txt"})
    changed = next(r for r in records if r["path"] == "41_hu-yenthe-cv-khan-bao.txt")
    assert changed["directive"]["subject"] == parse_file(root / "41_hu-yenthe-cv-khan-bao.txt").directive["subject"]
    assert changed["sha256"] == file_sha256(root / "41_hu-yenthe-cv-khan-bao.txt")
    with Store(db) as store:
        assert store.paths() == paths
        assert store.hashes()["41_hu-yenthe-cv-khan-bao.txt"] == changed["sha256"]


def test_a_plain_run_starts_afresh(tmp_path):
    root = _folder(tmp_path)
    out = tmp_path / "r.jsonl"
    out.write_text('{"path": "stale.txt", "status": "ok"}\n', "utf-8")
    summary = run_batch(root, out, jobs=1, progress=False)
    assert summary.kept == 0 and summary.parsed == 10
    assert [r["path"] for r in _records(out)] == ALL


@pytest.mark.parametrize("cut", [0, 3, 7])
def test_resume_from_a_torn_jsonl(folder, reference, tmp_path, cut):
    """A run killed mid-write: k whole lines, then half a line. Resuming keeps the k, parses the rest."""
    full = tmp_path / "full.jsonl"
    run_batch(folder, full, jobs=1, progress=False)
    lines = full.read_bytes().splitlines(keepends=True)
    out = tmp_path / "r.jsonl"
    out.write_bytes(b"".join(lines[:cut]) + lines[cut][: len(lines[cut]) // 2])
    summary = run_batch(folder, out, jobs=2, progress=False, incremental=True)
    kept = sum(r["status"] in ("ok", "not_document") for r in reference[:cut])  # errors are retried, skipped entries recorded again
    assert summary.kept == cut and summary.unchanged == kept and summary.parsed == len(EXPECTED) - kept
    assert _records(out) == reference


def test_an_interrupted_run_resumes_by_itself(folder, reference, tmp_path, monkeypatch):
    out, db = tmp_path / "r.jsonl", tmp_path / "r.sqlite"
    calls = {"n": 0}
    update = batch._Progress.update

    def interrupt(self, n, errors):
        update(self, n, errors)
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt

    monkeypatch.setattr(batch._Progress, "update", interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_batch(folder, out, db, jobs=2, progress=False, chunksize=1, sync_interval=0)
    monkeypatch.setattr(batch._Progress, "update", update)
    assert Path(f"{out}.batch").is_file()
    done = list(read_jsonl(out))
    written, read = len(done), sum(r.status != "skipped" for r in done)
    assert 4 <= written < len(ALL)

    summary = run_batch(folder, out, db, jobs=2, progress=False)  # the same call: no flag needed
    assert summary.resumed and summary.kept == written and summary.unchanged == read  # its own errors are kept too
    assert summary.parsed == len(EXPECTED) - read
    assert _records(out) == reference
    assert not Path(f"{out}.batch").exists()
    with Store(db) as store:
        assert store.paths() == [r["path"] for r in reference]


def test_damaged_lines_are_dropped_and_redone(folder, reference, tmp_path):
    full = tmp_path / "full.jsonl"
    run_batch(folder, full, jobs=1, progress=False)
    lines = full.read_bytes().splitlines(keepends=True)
    out = tmp_path / "r.jsonl"
    # a duplicate, a line of zeros (power loss) and a damaged but complete last line
    out.write_bytes(lines[0] + lines[1] + lines[0] + b"\x00" * 40 + b"\n" + lines[2] + lines[3][:-20] + b"\n")
    summary = run_batch(folder, out, jobs=1, progress=False, incremental=True)
    assert summary.kept == 3
    assert _records(out) == reference


def test_two_runs_on_one_output_are_refused(folder, tmp_path):
    pytest.importorskip("fcntl")
    out = tmp_path / "r.jsonl"
    holder = "import sys, time; from pathlib import Path; from vndirective.bulk.batch import _Marker; m = _Marker(Path(sys.argv[1]), Path(sys.argv[2])); print('locked', flush=True); time.sleep(60)"
    with subprocess.Popen([sys.executable, "-c", holder, str(out), str(folder)], stdout=subprocess.PIPE, text=True) as other:
        try:
            assert other.stdout is not None and other.stdout.readline().strip() == "locked"
            with pytest.raises(BatchError, match="another batch run"):
                run_batch(folder, out, jobs=0, progress=False)
        finally:
            other.kill()


def test_iter_files_takes_the_readers_suffixes(tmp_path):
    """One list of suffixes, the readers': batch reads what archive packs (.markdown included), in any case."""
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"} <= SUFFIXES
    wanted = [f"a{s}" for s in SUFFIXES] + ["b.MARKDOWN", "c.Pdf"]
    for name in [*wanted, "d.csv", "e.xls", "f", "g.md.bak"]:
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in iter_files(tmp_path)] == sorted(wanted)


def test_old_import_paths_warn_and_alias_the_new_modules(monkeypatch):
    """vndirective.batch, .store and .dask work for one more release: the same module objects, with a DeprecationWarning."""
    old_names = {
        "batch": "BatchError BatchSummary Record SUFFIXES TRANSIENT_ERRORS Timeout _GRACE _Marker _Progress file_sha256 iter_files parse_file read_jsonl run_batch",
        "store": "CHILD_TABLES SCHEMA_VERSION TABLES DocumentRows Seen Store StoreError document_rows export",
        "dask": "parse_bag to_store",
    }
    for name, attributes in old_names.items():
        monkeypatch.delitem(sys.modules, f"vndirective.{name}", raising=False)
        with pytest.warns(DeprecationWarning, match=f"import vndirective.bulk.{name} instead"):
            old = importlib.import_module(f"vndirective.{name}")
        assert old is importlib.import_module(f"vndirective.bulk.{name}")
        assert [a for a in attributes.split() if not hasattr(old, a)] == []


def test_parse_file_never_raises(tmp_path):
    record = parse_file(tmp_path / "missing.txt", root=tmp_path)
    assert (record.path, record.status, record.error_type, record.sha256) == ("missing.txt", "error", "FileNotFoundError", None)
    assert Record.from_dict(json.loads(record.to_json())) == record


def test_not_a_folder(tmp_path):
    with pytest.raises(BatchError, match="not a folder"):
        run_batch(tmp_path / "nope", tmp_path / "r.jsonl")


# ---------------------------------------------------------------------- crashes and hangs in workers


def _patch_parse(monkeypatch, culprit: str, action) -> None:
    """Make the parser misbehave on one file (inherited by forked workers)."""
    from vndirective.core import pipeline

    real = pipeline.parse

    def parse(path, **kwargs):
        if Path(path).name == culprit:
            action()
        return real(path, **kwargs)

    monkeypatch.setattr(pipeline, "parse", parse)


@needs_fork
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_that_kills_its_worker_becomes_an_error_record(folder, reference, tmp_path, monkeypatch, jobs):
    _patch_parse(monkeypatch, "g05_hdnd-thanhhoa-nq.txt", lambda: os._exit(3))
    out = tmp_path / "r.jsonl"
    summary = run_batch(folder, out, jobs=jobs, progress=False, chunksize=2, mp_context="fork")
    records = _records(out)
    assert [r["path"] for r in records] == [r["path"] for r in reference]
    for got, want in zip(records, reference, strict=True):
        if got["path"] == "nested/g05_hdnd-thanhhoa-nq.txt":
            assert (got["status"], got["error_type"], got["sha256"]) == ("error", "WorkerCrash", want["sha256"])
            assert "died" in got["error_message"]
        else:
            assert got == want
    assert summary.errors_by_type["WorkerCrash"] == 1
    # a crash may not happen again: --incremental retries it
    monkeypatch.undo()
    again = run_batch(folder, out, jobs=jobs, progress=False, incremental=True, mp_context="fork")
    assert (again.parsed, again.unchanged) == (1 + 3, len(EXPECTED) - 1 - 3)  # the crash and the 3 errors
    assert _records(out) == reference


@needs_fork
def test_a_slow_file_times_out(folder, reference, tmp_path, monkeypatch):
    _patch_parse(monkeypatch, "334-CV-HU_luc-ngan_2021.md", lambda: time.sleep(30))
    out = tmp_path / "r.jsonl"
    started = time.monotonic()
    summary = run_batch(folder, out, jobs=2, progress=False, timeout=0.5, mp_context="fork")
    assert time.monotonic() - started < 20
    records = _records(out)
    assert (records[0]["error_type"], records[0]["status"]) == ("Timeout", "error")
    assert "0.5 s" in records[0]["error_message"]
    assert records[1:] == reference[1:]
    assert summary.errors_by_type["Timeout"] == 1


@needs_fork
def test_a_hung_worker_is_killed(folder, reference, tmp_path, monkeypatch):
    """A hang the alarm cannot break (signals blocked, as in some native code): the parent kills the worker."""
    import signal

    def hang() -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)

    _patch_parse(monkeypatch, "41_hu-yenthe-cv-khan-bao.txt", hang)
    monkeypatch.setattr(batch, "_GRACE", 1.0)
    out = tmp_path / "r.jsonl"
    started = time.monotonic()
    run_batch(folder, out, jobs=2, progress=False, timeout=0.5, chunksize=1, mp_context="fork")
    assert time.monotonic() - started < 30
    records = _records(out)
    assert (records[1]["path"], records[1]["error_type"]) == ("41_hu-yenthe-cv-khan-bao.txt", "Timeout")
    assert records[:1] + records[2:] == reference[:1] + reference[2:]


@needs_fork
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc (Linux)")
def test_workers_do_not_outlive_a_killed_parent(folder, tmp_path):
    script = (
        "import sys, time\n"
        "from vndirective.core import pipeline\n"
        "from vndirective.bulk.batch import run_batch\n"
        "pipeline.parse = lambda path, **kw: time.sleep(60)\n"
        "run_batch(sys.argv[1], sys.argv[2], jobs=2, progress=False, mp_context='fork')\n"
    )
    with subprocess.Popen([sys.executable, "-c", script, str(folder), str(tmp_path / "r.jsonl")]) as parent:
        children = Path(f"/proc/{parent.pid}/task/{parent.pid}/children")
        deadline = time.monotonic() + 20
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = [int(p) for p in children.read_text().split()] if children.exists() else []
        assert len(workers) == 2
        parent.kill()

    def alive() -> list[int]:
        return [w for w in workers if Path(f"/proc/{w}/status").exists() and "State:\tZ" not in Path(f"/proc/{w}/status").read_text()]

    deadline = time.monotonic() + 10
    while alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert alive() == []


# ---------------------------------------------------------------------- command line


def test_cli_batch(folder, tmp_path, capsys):
    out, db, exported = tmp_path / "r.jsonl", tmp_path / "r.sqlite", tmp_path / "csv"
    assert main(["batch", str(folder), "--out", str(out), "--db", str(db), "--jobs", "2", "--no-progress", "--export", str(exported)]) == 0
    report = capsys.readouterr().out
    assert "14 files: 6 ok, 1 not a document, 3 errors, 4 skipped" in report and "NoTextLayer 1" in report
    assert "not documents (no header of an official document found): bad/empty.md" in report
    assert sorted(p.name for p in exported.iterdir()) == ["distribution.csv", "documents.csv", "recipients.csv", "refs.csv", "tasks.csv", "warnings.csv"]
    assert main(["batch", str(folder), "--db", str(db), "--incremental", "--no-progress"]) == 0
    report = capsys.readouterr().out
    assert "14 files: 6 ok, 1 not a document, 3 errors, 4 skipped" in report and "parsed 3 " in report and "7 unchanged" in report


@pytest.mark.parametrize(
    ("files", "args", "code", "message"),
    [
        ({"a.txt": bytes(range(256))}, ["--out", "r.jsonl"], 1, "1 error"),  # nothing could be read
        ({"a.csv": b"x"}, ["--out", "r.jsonl"], 2, "no supported files"),
        ({"a.txt": b"x"}, [], 2, "--out"),
        ({"a.txt": b"x"}, ["--out", "r.jsonl", "--export", "csv"], 2, "--db"),
    ],
)
def test_cli_batch_exit_codes(tmp_path, capsys, monkeypatch, files, args, code, message):
    root = tmp_path / "in"
    root.mkdir()
    for name, data in files.items():
        (root / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    assert main(["batch", str(root), "--no-progress", "--jobs", "0", *args]) == code
    captured = capsys.readouterr()
    assert message in captured.out + captured.err


# ---------------------------------------------------------------------- Dask


def test_dask_local_cluster(folder, reference, tmp_path):
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    from vndirective.bulk.dask import parse_bag, to_store

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, distributed.Client(cluster):
        bag = parse_bag(folder, partition_size=3)
        assert bag.npartitions == 5  # 14 entries, skipped ones included, 3 a partition
        records = [r.to_dict() for r in bag.compute()]
        added = to_store(parse_bag(str(folder / "**" / "*.txt")), tmp_path / "r.sqlite")
    for r in records:
        r.pop("elapsed")
    assert records == reference
    assert added == 3
    with Store(tmp_path / "r.sqlite") as store:
        assert len(store) == 3 and all(p.endswith(".txt") for p in store.paths())


@pytest.mark.parametrize("tqdm_installed", [False, True], ids=["counter", "tqdm"])
def test_long_work_shows_its_progress_on_stderr(folder, tmp_path, capsys, monkeypatch, tqdm_installed):
    """Issue 13 asks for a progress bar in batch for long (OCR) work: tqdm when installed, else a counter."""
    import builtins

    if tqdm_installed:
        pytest.importorskip("tqdm")
    else:
        real_import = builtins.__import__

        def no_tqdm(name, *args, **kwargs):
            if name == "tqdm":
                raise ImportError(name)
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", no_tqdm)
    summary = run_batch(folder, tmp_path / "r.jsonl", jobs=1, progress=True)
    err = capsys.readouterr().err
    assert f"{summary.files}/{summary.files}" in err
