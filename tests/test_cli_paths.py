"""The paths users walk on the command line (issue 15): the reading options on every command that reads documents,
several files to `parse` where one is bad, JSON Lines, a missing optional extra, a missing settings file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import vndirective.readers
from vndirective import cli
from vndirective.cli import main

from .conftest import CORPUS, FOUNDING

OTHER = CORPUS / "41_hu-yenthe-cv-khan-bao.txt"
FULL = ["--ocr", "--password", "pw", "--encoding", "utf-8", "--limit", "max_pages=7"]
EXPECTED_FULL = {"ocr": True, "password": "pw", "encoding": "utf-8", "max_pages": 7}


def _folder(tmp_path: Path, gold: bool = False, assignments: bool = False) -> Path:
    folder = tmp_path / "docs"
    (folder / "assignments").mkdir(parents=True)
    (folder / FOUNDING.name).write_bytes(FOUNDING.read_bytes())
    if gold:
        name = FOUNDING.name.replace(".md", ".gold.json")
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    if assignments:
        name = FOUNDING.name.replace(".md", ".assign.json")
        (folder / "assignments" / name).write_bytes((CORPUS / "assignments" / name).read_bytes())
    return folder


# (command line before the reading options, given the tmp folder; the reading options; what the reader must get)
READING_COMMANDS = {
    "parse": (lambda t: ["parse", str(FOUNDING)], FULL, EXPECTED_FULL),
    "tasks": (lambda t: ["tasks", str(FOUNDING)], FULL, EXPECTED_FULL),
    "check": (lambda t: ["check", str(FOUNDING)], FULL, EXPECTED_FULL),
    "record": (lambda t: ["record", str(FOUNDING), "--kind", "incoming"], FULL, EXPECTED_FULL),
    "record-file": (lambda t: ["record", str(_folder(t)), "--kind", "file"], FULL, EXPECTED_FULL),
    "register": (lambda t: ["register", str(FOUNDING), "--kind", "incoming", "--out", str(t / "so.csv")], FULL, EXPECTED_FULL),
    "archive": (lambda t: ["archive", str(_folder(t)), "--out", str(t / "pkg")], FULL, EXPECTED_FULL),
    "graph": (lambda t: ["graph", str(FOUNDING)], FULL, EXPECTED_FULL),
    "evaluate": (lambda t: ["evaluate", str(_folder(t, gold=True))], FULL, EXPECTED_FULL),
    "evaluate-assignments": (lambda t: ["evaluate", str(_folder(t, assignments=True)), "--assignments"], FULL, EXPECTED_FULL),
    "batch": (lambda t: ["batch", str(_folder(t)), "--out", str(t / "r.jsonl"), "--jobs", "0", "--no-progress"], FULL, EXPECTED_FULL),
}


@pytest.mark.parametrize("case", sorted(READING_COMMANDS))
def test_every_reading_command_passes_the_reading_options_to_the_reader(case, tmp_path, monkeypatch, capsys):
    if case == "graph":
        pytest.importorskip("networkx")
    if case == "archive":
        pytest.importorskip("lxml")
    command, options, expected = READING_COMMANDS[case]
    seen: list[dict] = []
    real = vndirective.readers.read

    def spy(path, encoding=None, ocr=False, password=None, limits=None):
        seen.append({"encoding": encoding, "ocr": ocr, "password": password, "max_pages": limits.max_pages if limits else None})
        return real(path, encoding=encoding, ocr=ocr, password=password, limits=limits)

    monkeypatch.setattr(vndirective.readers, "read", spy)
    status = main([*command(tmp_path), *options])
    assert status in (0, 1), capsys.readouterr().err  # 1: findings (check), an incomplete package (archive)
    assert seen, f"{case}: no document was read"
    for call in seen:
        assert {k: call[k] for k in expected} == expected


@pytest.mark.parametrize("command", ["parse", "tasks", "check", "record", "register", "archive", "graph", "evaluate", "batch"])
def test_every_reading_command_documents_the_reading_options(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    wanted = ["--ocr", "--encoding", "--password", "--limit NAME=N"]
    assert all(option in out for option in wanted), out


def test_a_bad_limit_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as done:
        main(["parse", str(FOUNDING), "--limit", "max_colours=3"])
    assert done.value.code == 2 and "max_pages" in capsys.readouterr().err


# --- several files to parse: one bad file does not stop the others


@pytest.fixture
def bad_files(tmp_path: Path) -> list[Path]:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4 not a PDF at all")
    return [damaged, tmp_path / "missing.txt"]


@pytest.mark.parametrize("bad", [0, 1], ids=["damaged", "missing"])
def test_parse_good_bad_good_parses_both_good_files(bad, bad_files, capsys):
    assert main(["parse", str(FOUNDING), str(bad_files[bad]), str(OTHER)]) == 2
    out, err = capsys.readouterr()
    assert "334-CV/HU" in out and "156-CV/HU" in out
    assert [line for line in err.splitlines() if bad_files[bad].name in line] == [err.splitlines()[0]]
    assert "Traceback" not in err


def test_parse_json_with_several_files_is_json_lines(bad_files, capsys):
    assert main(["parse", str(FOUNDING), str(bad_files[0]), str(OTHER), "--json", "--no-text"]) == 2
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == [str(FOUNDING), str(OTHER)]
    assert all("text" not in r for r in records)


def test_parse_json_with_one_file_is_unchanged(capsys):
    assert main(["parse", str(FOUNDING), "--json"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n  ") and json.loads(out)["doc_id"] == "334-CV/HU"


# --- a missing optional extra: one line naming what to install, status 2, for every command


def _no_lxml(monkeypatch):
    pytest.importorskip("lxml")
    from vndirective.exports.tt05 import xmlkit

    monkeypatch.setattr(xmlkit, "etree", None)  # what an install without lxml has


def _no_openpyxl(monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl fails


def _no_pyarrow(monkeypatch):
    def run(args):
        raise ModuleNotFoundError("No module named 'pyarrow'", name="pyarrow")

    monkeypatch.setattr(cli, "_cmd_tasks", run)


MISSING = {
    "archive without lxml": (_no_lxml, lambda t: ["archive", str(_folder(t)), "--out", str(t / "pkg")], "archive"),
    "register without openpyxl": (_no_openpyxl, lambda t: ["register", str(FOUNDING), "--kind", "outgoing", "--out", str(t / "so.xlsx")], "registers"),
    "a module found by its name": (_no_pyarrow, lambda t: ["tasks", str(FOUNDING)], "parquet"),
}


@pytest.mark.parametrize("case", sorted(MISSING))
def test_a_missing_extra_is_one_line_naming_it(case, tmp_path, monkeypatch, capsys):
    breaker, command, extra = MISSING[case]
    breaker(monkeypatch)
    assert main(command(tmp_path)) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and err.endswith(f'pip install "vndirective[{extra}]"'), err
    assert not (tmp_path / "pkg").exists()


def test_graph_without_networkx_in_a_real_process():
    code = "import sys; sys.modules['networkx'] = None\nfrom vndirective.cli import main\nsys.exit(main(['graph', sys.argv[1]]))"
    done = subprocess.run([sys.executable, "-c", code, str(FOUNDING)], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == 'vndirective graph: needs networkx, an optional dependency that is not installed: pip install "vndirective[graph]"'


def test_another_import_error_is_not_hidden(monkeypatch):
    def run(args):
        raise ImportError("cannot import name 'nothing' from 'vndirective.core'", name="vndirective.core")

    monkeypatch.setattr(cli, "_cmd_tasks", run)
    with pytest.raises(ImportError, match="nothing"):
        main(["tasks", str(FOUNDING)])


# --- the settings file of archive and record --kind file


@pytest.mark.parametrize("command", ["archive", "record"])
@pytest.mark.parametrize(("content", "message"), [(None, "no such file"), ("{not json", "not valid JSON"), ('{"colour": "red"}', "unknown archive settings")])
def test_a_bad_settings_file_is_one_line_and_nothing_is_written(command, content, message, tmp_path, capsys):
    settings = tmp_path / "hoso.json"
    if content is not None:
        settings.write_text(content, "utf-8")
    extra = ["--out", str(tmp_path / "pkg")] if command == "archive" else ["--kind", "file"]
    assert main([command, str(_folder(tmp_path)), "--settings", str(settings), *extra]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert "\n" not in err and f"--settings {settings}: {message}" in err and "Errno" not in err, err
    assert captured.out == "" and not (tmp_path / "pkg").exists()
