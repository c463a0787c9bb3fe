"""The command line never hides a loss (issue 15): `check` and `tasks` go on past a bad file, `register` reports
its incomplete rows, and a settings file is validated before anything is written."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from vndirective.cli import main
from vndirective.exports.settings import ArchiveSettings

from .conftest import FOUNDING

OTHER = FOUNDING.parent / "41_hu-yenthe-cv-khan-bao.txt"

# A made-up công văn whose number was left blank for the signing tool and that prints no date.
NO_NUMBER = """ỦY BAN NHÂN DÂN
HUYỆN LỤC NGẠN

Số:      /UBND-VP
V/v tổ chức họp giao ban

Kính gửi: Các phòng, ban chuyên môn huyện.

Ủy ban nhân dân huyện đề nghị các phòng, ban chuẩn bị báo cáo.

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn A
"""


def _err_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


# ---------------------------------------------------------------------- check and tasks go on past a bad file

# (command and options, what stdout shows of each readable file)
SEVERAL = [
    (["check"], (str(FOUNDING), str(OTHER))),
    (["check", "--json"], (json.dumps(str(FOUNDING)), json.dumps(str(OTHER)))),
    (["tasks"], ("334-CV/HU", "156-CV/HU")),
    (["tasks", "--csv"], ("334-CV/HU", "156-CV/HU")),
]


@pytest.mark.parametrize(("command", "shown"), SEVERAL)
def test_check_and_tasks_go_on_past_a_bad_file(tmp_path, capsys, command, shown):
    bad = tmp_path / "missing.md"
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    assert main([*command, str(FOUNDING), str(bad), str(binary), str(OTHER)]) == 2
    captured = capsys.readouterr()
    assert all(s in captured.out for s in shown), captured.out
    lines = _err_lines(captured.err)
    assert len(lines) == 3 and str(bad) in lines[0] and str(binary) in lines[1], lines  # one line per failure, then the count
    assert lines[2] == "vndirective: 2 of 4 files could not be read"


def test_check_status_without_failures_is_unchanged(capsys):
    assert main(["check", str(FOUNDING)]) == 1  # findings
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------------- register reports incomplete rows

# (files of the folder, register kind, extra options, exit status, lines expected on stderr)
REGISTERS = [
    ({"full.md": FOUNDING.read_text("utf-8")}, "outgoing", [], 0, []),
    (
        {"full.md": FOUNDING.read_text("utf-8"), "blank.txt": NO_NUMBER},
        "incoming",
        ["--start", "1"],
        1,
        ["blank.txt: row 2, Số đến 2 has no number, date (required in the register: number, date, issuer, subject)"],
    ),
    ({"blank.txt": NO_NUMBER}, "outgoing", [], 1, ["blank.txt: row 1 has no number, date (required in the register: number, date, subject)"]),
    ({"full.md": FOUNDING.read_text("utf-8"), "binary.txt": bytes(range(256)).decode("latin-1")}, "outgoing", [], 1, ["binary.txt", "could not be read"]),
]


@pytest.mark.parametrize(("files", "kind", "extra", "status", "expected"), REGISTERS)
def test_register_reports_incomplete_rows(tmp_path, capsys, files, kind, extra, status, expected):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("latin-1") if name == "binary.txt" else text.encode("utf-8"))
    out = tmp_path / "so.csv"
    assert main(["register", str(folder), "--kind", kind, "--out", str(out), *extra]) == status
    err = capsys.readouterr().err
    assert all(e in err for e in expected), err
    if status:
        assert "vndirective register: incomplete:" in err
    else:
        assert "vndirective register:" not in err
    with out.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == sum(1 for n in files if n != "binary.txt")  # every readable document has its row, complete or not


# ---------------------------------------------------------------------- settings validated before anything is written

VALID = {
    "agency_id": "H49.64.33",
    "agency_name": "Văn phòng Huyện ủy",
    "file_code": "H49.64.33.2024.01.VP",
    "file_title": "Hồ sơ văn bản chỉ đạo năm 2024",
    "retention": "20 năm",
    "access_mode": "01",
    "creator": "Nguyễn Thị Lưu",
    "documents": {FOUNDING.name: {"issuedDate": "20/06/2021", "numberOfPage": "2"}},
}

# (settings changed, the start of the error after '--settings FILE: ')
BAD_SETTINGS = [
    ({"retention": "forever"}, "retention: 'forever' is not a code or a word of the list maintenance"),
    ({"access_mode": "open"}, "access_mode: 'open' is not a code or a word of the list mode"),
    ({"language": "klingon"}, "language: 'klingon' is not a code or a word of the list language"),
    ({"confidence_level": "9"}, "confidence_level: '9' is not a code or a word of the list confidenceLevel"),
    ({"number_of_paper": "ten"}, "number_of_paper: 'ten' is not a whole number"),
    ({"file_year": "24"}, "file_year: '24' is not a year (YYYY)"),
    ({"file_code": "hoso-2024"}, "file_code: 'hoso-2024' is not organ id + '.' + year + '.' + file number and notation"),
    ({"documents": {"a.md": {"issuedDate": "31/02/2024"}}}, "documents.a.md.issuedDate: '31/02/2024' is not a real date"),
    ({"documents": {"a.md": {"issuedDate": "2024-02-01"}}}, "documents.a.md.issuedDate: '2024-02-01' is not a date DD/MM/YYYY"),
    ({"documents": {"a.md": {"issuedDate": "1/2/2024"}}}, "documents.a.md.issuedDate: '1/2/2024' is not a date DD/MM/YYYY"),
    ({"documents": {"a.md": {"mode": "Mật"}}}, "documents.a.md.mode: 'Mật' is not a code of the list mode"),
    ({"documents": {"a.md": {"numberOfPage": "two"}}}, "documents.a.md.numberOfPage: 'two' is not a whole number"),
    ({"documents": {"a.md": {"colour": "red"}}}, "documents.a.md.colour: not an element of a document"),
    ({"documents": {"a.md": "2 pages"}}, "documents.a.md: must be a table of element values"),
    ({"documents": ["a.md"]}, "documents: must be a table of file names"),
]


def _hoso(tmp_path: Path) -> Path:
    folder = tmp_path / "hoso"
    folder.mkdir()
    (folder / FOUNDING.name).write_bytes(FOUNDING.read_bytes())
    return folder


@pytest.mark.parametrize("command", ["archive", "record"])
@pytest.mark.parametrize(("change", "message"), BAD_SETTINGS)
def test_settings_are_validated_before_anything_is_written(tmp_path, capsys, command, change, message):
    settings = tmp_path / "hoso.json"
    settings.write_text(json.dumps({**VALID, **change}, ensure_ascii=False), "utf-8")
    extra = ["--out", str(tmp_path / "pkg")] if command == "archive" else ["--kind", "file"]
    assert main([command, str(_hoso(tmp_path)), "--settings", str(settings), *extra]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert "\n" not in err and f"--settings {settings}: {message}" in err, err
    assert captured.out == "" and not (tmp_path / "pkg").exists()


def test_an_option_of_the_wrong_shape_is_named(tmp_path, capsys):
    settings = tmp_path / "hoso.json"
    settings.write_text(json.dumps(VALID, ensure_ascii=False), "utf-8")
    assert main(["record", str(_hoso(tmp_path)), "--kind", "file", "--settings", str(settings), "--retention", "forever"]) == 2
    assert "vndirective: error: --retention: 'forever' is not a code or a word of the list maintenance" in capsys.readouterr().err


@pytest.mark.parametrize("change", [{}, {"retention": "15 năm"}, {"retention": "Vĩnh viễn", "access_mode": "Mật"}, {"language": "vi,en"}])
def test_valid_settings_pass(tmp_path, capsys, change):
    assert ArchiveSettings.from_dict({**VALID, **change}).problems() == []
    settings = tmp_path / "hoso.json"
    settings.write_text(json.dumps({**VALID, **change}, ensure_ascii=False), "utf-8")
    assert main(["record", str(_hoso(tmp_path)), "--kind", "file", "--settings", str(settings)]) == 0
