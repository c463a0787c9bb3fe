"""The command line, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys

from vndirective.cli import main

from .conftest import CORPUS, FOUNDING


def test_parse_summary(capsys):
    assert main(["parse", str(FOUNDING)]) == 0
    out = capsys.readouterr().out
    for needle in ("HUYỆN ỦY LỤC NGẠN", "334-CV/HU", "105-KL/TU", "25-NQ/HU", "T/M BAN THƯỜNG VỤ", "Như trên  (thực hiện)", "Warnings"):
        assert needle in out


def test_parse_json_is_utf8_and_not_escaped(capsys):
    assert main(["parse", str(FOUNDING), "--json"]) == 0
    out = capsys.readouterr().out
    assert "HUYỆN ỦY LỤC NGẠN" in out and "\\u" not in out
    data = json.loads(out)
    assert data["doc_id"] == "334-CV/HU"
    assert data["date"] == "2021-06-20"


def test_missing_file_is_a_clear_error(capsys, tmp_path):
    missing = tmp_path / "nope.md"
    assert main(["parse", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "nope.md" in err and "no such file" in err


def test_evaluate_writes_json(tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["evaluate", str(CORPUS), "--json", str(out)]) == 0
    report = json.loads(out.read_text("utf-8"))
    assert report["documents"] >= 31
    assert "macro" in capsys.readouterr().out


def test_evaluate_min_macro_gate():
    assert main(["evaluate", str(CORPUS), "--min-macro", "1.01"]) == 1


def test_console_script_entry_point():
    proc = subprocess.run([sys.executable, "-m", "vndirective.cli", "--version"], capture_output=True, text=True, check=True)
    assert proc.stdout.startswith("vndirective ")


def test_graph_queries_and_export(tmp_path, capsys):
    import pytest

    nx = pytest.importorskip("networkx")
    from vndirective.graph import read_graphml

    folder = tmp_path / "archive"
    folder.mkdir()
    for p in sorted(CORPUS.glob("*.md"))[:1] + sorted(CORPUS.glob("4*.txt")):
        (folder / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "g.graphml"
    assert main(["graph", str(folder), "--cites", "334-CV/HU", "--missing", "3", "--stats", "--out", str(out)]) == 0
    answer = json.loads(capsys.readouterr().out)
    (doc,) = answer["cites"]  # each document with its label and source file, and what it cites, described the same way
    assert doc["source"] == str(folder / "334-CV-HU_luc-ngan_2021.md")
    assert [c["node"] for c in doc["cites"]] == ["HU@bac-giang/luc-ngan|25-NQ/HU|2021-01-05", "TU@bac-giang|105-KL/TU|2021-06-15"]
    assert answer["stats"]["documents_in_corpus"] == len(list(folder.iterdir()))
    assert len(answer["missing"]) == 3
    assert isinstance(read_graphml(out), nx.MultiDiGraph)
    assert main(["graph", str(folder), "--cites", "9999-XX/YY"]) == 2
    assert "no document '9999-XX/YY'" in capsys.readouterr().err
