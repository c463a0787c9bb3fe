"""Nghị định 30/2020 records (Phụ lục VI) and registers (Phụ lục IV)."""

from __future__ import annotations

import csv
import json

import pytest

import vndirective
from vndirective import codes
from vndirective.cli import main
from vndirective.records import field_specs, register_columns, register_rows, split_id, to_record, write_register_csv, write_register_xlsx

from .conftest import CORPUS, FOUNDING

STATE_CV = CORPUS / "57_ubnd-tiendu-cv-pccc.txt"
STATE_QD_YEAR = CORPUS / "65_ubnd-kontum-qd-qppl-nuoc-sach.txt"
SECRET = CORPUS / "46_ubkttu-quangtri-tb-ket-luan-mat.txt"
FLASH = CORPUS / "60_ubnd-quangngai-cd-bao-hoa-toc.txt"
FOUNDING_PDF = CORPUS / "formats" / "334-CV-HU_luc-ngan_2021.pdf"


def system_keys(kind: str) -> list[str]:
    return [f["key"] for f in field_specs(kind) if f["fill"] == "system"]


def test_party_founding_record(founding):
    r = founding.to_record("nd30-outgoing")
    f = r.fields
    assert list(f) == [s["key"] for s in field_specs("nd30-outgoing")]
    assert all(isinstance(v, str) for v in f.values())
    assert (f["TypeName"], f["CodeNumber"], f["CodeNotation"]) == ("Công văn", "334", "CV/HU")
    assert f["IssuedDate"] == "20/06/2021"
    assert f["OrganName"] == "HUYỆN ỦY LỤC NGẠN"
    assert f["Subject"].startswith("thực hiện kết luận số 105/TU")
    assert f["SignerInfo.Position"] == "PHÓ BÍ THƯ"
    assert f["Language"] == "Tiếng Việt" and f["Priority"] == "0"
    assert f["PageAmount"] == ""  # a Markdown text has no pages
    names = f["To.OrganName"].split("; ")
    assert names[0] == "HĐND, UBND huyện" and "Thường trực Huyện ủy" in names
    assert not any(n.startswith(("Lưu", "Như trên")) for n in names)
    assert any("FullName" in p for p in r.problems)  # the founding text prints no signer name


@pytest.mark.parametrize("kind", ["nd30-outgoing", "nd30-incoming"])
def test_system_fields_are_present_and_empty(founding, kind):
    f = to_record(founding, kind).fields
    keys = system_keys(kind)
    assert keys and all(k in f and f[k] == "" for k in keys)
    if kind == "nd30-incoming":
        assert {"ArrivalDate", "ArrivalNumber", "ToPlaces", "TraceHeaderList", "DueDate"} <= set(keys)
        assert "To.OrganName" not in f  # the incoming record has no field for the document's recipients
    else:
        assert {"FileCode.OrganId", "To.OrganId", "IssuedAmount", "DueDate"} <= set(keys)


def test_state_records():
    f = vndirective.parse(STATE_CV).to_record("nd30-incoming").fields
    assert (f["CodeNumber"], f["CodeNotation"], f["IssuedDate"]) == ("823", "UBND-VP", "14/05/2024")
    assert (f["SignerInfo.Position"], f["SignerInfo.FullName"]) == ("PHÓ CHỦ TỊCH", "Nguyễn Văn Hải")
    f = vndirective.parse(STATE_QD_YEAR).to_record().fields
    assert (f["TypeName"], f["CodeNumber"], f["CodeNotation"]) == ("Quyết định", "05", "2025/QĐ-UBND")
    assert vndirective.parse(FLASH).to_record().fields["Priority"] == "3"


def test_split_id_choices():
    assert split_id("334-CV/HU", "334", "party") == ("334", "CV/HU")
    assert split_id("105/TU", "105", "party") == ("105", "TU")
    assert split_id("15/QĐ-BNV", "15", "state") == ("15", "QĐ-BNV")
    assert split_id("30/2020/NĐ-CP", "30", "state") == ("30", "2020/NĐ-CP")
    assert split_id("30/2020/NĐ-CP", "30", "state", year_in_id="drop") == ("30", "NĐ-CP")
    assert split_id("30/2020/NĐ-CP", "30", "state", year_in_id="number") == ("30/2020", "NĐ-CP")
    assert split_id(None, "12") == ("12", "")
    assert codes.load("nd30")["choices"]["year_in_id"]["value"] == "notation"


def test_secret_document_is_flagged():
    r = vndirective.parse(SECRET).to_record()
    assert r.fields["Description"] == "Độ mật: MẬT"
    assert any("secret document" in p for p in r.problems)


def test_truncation_is_reported(founding):
    d = vndirective.parse_text(FOUNDING.read_text("utf-8"))
    d.subject = "rất dài " * 100
    r = to_record(d)
    assert len(r.fields["Subject"]) <= 500
    assert any("Subject" in p and "cut from 800 to 500" in p for p in r.problems)


def test_pdf_page_count():
    r = vndirective.parse(FOUNDING_PDF).to_record()
    assert r.fields["PageAmount"] == "5"
    assert r.fields["CodeNotation"] == "CV/HU"


def test_date_format_override(founding):
    assert to_record(founding, date_format="%Y/%m/%d").fields["IssuedDate"] == "2021/06/20"


def test_unknown_kind(founding):
    with pytest.raises(ValueError, match="unknown record kind"):
        to_record(founding, "tt05")


def test_register_rows(founding):
    state = vndirective.parse(STATE_CV)
    out = register_rows([founding, state], "outgoing")
    assert list(out[0]) == register_columns("outgoing") and len(out[0]) == 10
    assert out[0]["Số, ký hiệu văn bản"] == "334-CV/HU"
    assert out[0]["Tên loại và trích yếu nội dung văn bản"].startswith("Công văn V/v thực hiện")
    assert out[1]["Đơn vị, người nhận bản lưu"] == "VT, VP"
    assert out[1]["Người ký"] == "PHÓ CHỦ TỊCH Nguyễn Văn Hải"
    assert out[1]["Ngày chuyển"] == out[1]["Ký nhận"] == out[1]["Số lượng bản"] == ""
    inc = register_rows([founding, state], "incoming")
    assert [r["Số đến"] for r in inc] == ["", ""] and inc[0]["Tác giả"] == "HUYỆN ỦY LỤC NGẠN"
    assert [r["Số đến"] for r in register_rows([founding, state], "incoming", start=41)] == ["41", "42"]


def test_register_csv_round_trip(founding, tmp_path):
    rows = register_rows([founding, vndirective.parse(STATE_QD_YEAR)], "incoming", start=1)
    path = write_register_csv(rows, tmp_path / "so-den.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as f:
        back = list(csv.DictReader(f))
    assert back == rows
    empty = write_register_csv([], tmp_path / "empty.csv", kind="outgoing")
    assert empty.read_text("utf-8-sig").startswith('"Số, ký hiệu văn bản"')


def test_register_xlsx(founding, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    rows = register_rows([founding, vndirective.parse(STATE_CV)], "outgoing")
    path = write_register_xlsx(rows, tmp_path / "so-di.xlsx", organ="HUYỆN ỦY LỤC NGẠN")
    ws = openpyxl.load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "HUYỆN ỦY LỤC NGẠN" and values[1][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    head = next(i for i, v in enumerate(values) if v[0] == "Số, ký hiệu văn bản")
    assert values[head + 1][:2] == ["(1)", "(2)"]
    assert values[head + 2][0] == "334-CV/HU" and values[head + 3][0] == "823/UBND-VP"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.print_title_rows == f"${head + 1}:${head + 2}"
    assert ws.cell(row=head + 3, column=3).alignment.wrap_text


def test_cli_record(capsys):
    assert main(["record", str(FOUNDING), "--kind", "incoming"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "nd30-incoming"
    assert data["fields"]["CodeNotation"] == "CV/HU" and data["fields"]["ArrivalNumber"] == ""


def test_cli_register(tmp_path, capsys):
    out = tmp_path / "so.csv"
    assert main(["register", str(STATE_CV), str(FOUNDING), "--kind", "incoming", "--start", "7", "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["Số, ký hiệu văn bản"] for r in rows] == ["334-CV/HU", "823/UBND-VP"]  # date order
    assert [r["Số đến"] for r in rows] == ["7", "8"]
    assert main(["register", str(FOUNDING), "--kind", "outgoing", "--out", str(tmp_path / "so.txt")]) == 2


def test_xlsx_without_openpyxl_is_a_clear_error(founding, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r"vndirective\[registers\]"):
        write_register_xlsx(register_rows([founding]), tmp_path / "x.xlsx")
