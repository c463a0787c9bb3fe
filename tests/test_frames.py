"""pandas tables (``to_frame()``): typed columns — nullable strings and integers, dates as datetime64, NA for what is
absent — for one document's tables, its assignments and the store's tables (issue 15). Made-up documents; the tests
that need pandas skip without it."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

import vndirective
from vndirective.bulk.record import Record
from vndirective.bulk.store import Store, StoreError
from vndirective.core.model import task_paths

STATE = """ỦY BAN NHÂN DÂN
HUYỆN TIÊN DU
Số: 823/UBND-VP
V/v tăng cường công tác phòng cháy

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tiên Du, ngày 14 tháng 5 năm 2024

Kính gửi: Các cơ quan, đơn vị.

Thực hiện Công văn số 2456/UBND-NC ngày 08/5/2024 của UBND tỉnh và Kế hoạch số 15/KH-UBND, Chủ tịch UBND huyện yêu cầu:

1. Công an huyện chủ trì, phối hợp với UBND các xã, thị trấn tổng rà soát các hộ gia đình, hoàn thành trước ngày 30/6/2024.
2. Các phòng, ban:
2.1. Phòng Kinh tế và Hạ tầng:
a) Tăng cường kiểm tra việc cấp phép xây dựng.
b) Quán triệt nội dung Công văn đến cán bộ, công chức trong thời gian sớm nhất.
2.2. Phòng Tài chính thường xuyên kiểm tra, đôn đốc.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An

Nơi nhận:
- Như trên;
- UBND tỉnh (để báo cáo);
- Lưu: VT.
"""

PARTY = """ĐẢNG BỘ TỈNH BẮC GIANG
HUYỆN ỦY LỤC NGẠN
*
Số 334-CV/HU
V/v thực hiện Kết luận số 105-KL/TU

ĐẢNG CỘNG SẢN VIỆT NAM
Lục Ngạn, ngày 20 tháng 6 năm 2021

Kính gửi: Các chi bộ, đảng bộ trực thuộc.

Thực hiện Kết luận số 105-KL/TU ngày 15/6/2021 của Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Huyện ủy yêu cầu:

1. Các chi bộ tổ chức quán triệt Kết luận.
2. Giao UBND huyện chủ trì theo dõi, đôn đốc, báo cáo kết quả trong quý III/2021.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Nơi nhận:
- Các chi bộ, đảng bộ trực thuộc,
- Lưu Văn phòng Huyện ủy.
"""

S, N, D = "string", "Int64", "datetime64[ns]"  # string, nullable integer, date
SPAN = {"span_start": N, "span_end": N}

# Every table of a document: its columns, in order, and their dtypes.
DTYPES = {
    "document": {
        "source": S, "system": S, "issuer": S, "issuer_parent": S, "number": S, "doc_id": S, "doc_type": S, "doc_type_name": S,
        "place": S, "date": D, "subject": S, "urgency": S, "security": S, "signer_authority": S, "signer_on_behalf_of": S,
        "signer_title": S, "signer_name": S, "n_recipients": N, "n_references": N, "n_tasks": N, "n_distribution": N,
    },
    "references": {"position": N, "doc_id": S, "doc_type": S, "number": S, "year": N, "date": D, "issuer": S, "system": S, "mentions": N, **SPAN},
    "tasks": {"position": N, "parent": N, "depth": N, "path": S, "number": S, "kind": S, "title": S, "head": S, "text": S, **SPAN},
    "recipients": {"position": N, "recipient": S, **SPAN},
    "distribution": {"position": N, "recipient": S, "purpose": S, **SPAN},
    "warnings": {"position": N, "code": S, "message": S, **SPAN},
    "assignments": {"task": S, "lead": S, "coordinators": S, "action": S, "deadline": S, "deadline_kind": S, "deadline_date": D},
}

# The store's tables: the document's columns, with document_id first in the child tables.
STORE_DTYPES = {
    "documents": {
        "id": N, "path": S, "sha256": S, "status": S, "error_type": S, "error_message": S, "reason": S, "options": S, "warnings": N,
        "elapsed": "Float64", "parser_version": S, **DTYPES["document"],
    },
    **{store: {"document_id": N, **DTYPES[table]} for store, table in [("refs", "references"), ("tasks", "tasks"), ("recipients", "recipients"),
                                                                      ("distribution", "distribution"), ("warnings", "warnings")]},
}

NA = object()  # the expected value of an absent one: pd.NA, or NaT in a date column

# (document, table, row: its position or, for assignments, its task, column) → the value
VALUES = [
    ("state", "document", 0, "date", dt.date(2024, 5, 14)),
    ("state", "document", 0, "issuer_parent", NA),
    ("state", "document", 0, "source", NA),
    ("state", "document", 0, "n_tasks", 6),
    ("party", "document", 0, "signer_name", NA),
    ("empty", "document", 0, "date", NA),
    ("empty", "document", 0, "doc_id", NA),
    ("empty", "document", 0, "n_references", 0),
    ("state", "references", 0, "date", dt.date(2024, 5, 8)),
    ("state", "references", 0, "year", 2024),
    ("state", "references", 1, "date", NA),
    ("state", "references", 1, "year", NA),
    ("state", "references", 1, "issuer", NA),
    ("party", "references", 0, "mentions", 2),
    ("state", "tasks", 0, "parent", NA),
    ("state", "tasks", 0, "path", "1"),
    ("state", "tasks", 3, "path", "2.2.1.a"),  # 'a' under '2.1' under '2': core.model.task_paths's rule
    ("state", "tasks", 3, "parent", 2),
    ("state", "tasks", 3, "depth", 2),
    ("state", "tasks", 0, "title", NA),  # an item that opens with a sentence
    ("state", "tasks", 1, "title", "Các phòng, ban:"),  # a heading: Task.title
    ("state", "tasks", 2, "title", "Phòng Kinh tế và Hạ tầng:"),
    ("state", "tasks", 3, "title", NA),
    ("party", "tasks", 0, "title", NA),
    ("state", "distribution", 0, "purpose", NA),
    ("state", "distribution", 1, "purpose", "để báo cáo"),
    ("empty", "warnings", 0, "span_start", NA),
    ("state", "assignments", "1", "deadline_date", dt.date(2024, 6, 30)),
    ("state", "assignments", "1", "coordinators", "UBND các xã, thị trấn"),
    ("state", "assignments", "2.2.1.b", "lead", NA),  # no body named
    ("state", "assignments", "2.2.1.b", "deadline_date", NA),  # 'trong thời gian sớm nhất': no date
    ("state", "assignments", "2.2.2", "deadline_kind", "ongoing"),
    ("party", "assignments", "2", "deadline_date", dt.date(2021, 9, 30)),
    ("party", "assignments", "1", "deadline", NA),
    ("party", "assignments", "1", "deadline_kind", NA),
]


@pytest.fixture(scope="module")
def pd():
    return pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def docs():
    return {"state": vndirective.parse_text(STATE), "party": vndirective.parse_text(PARTY), "empty": vndirective.parse_text("")}


def _dtype(pd, dtype) -> str:
    """The dtype's name as the tables above write it; pandas' "string" only with NA as its missing value."""
    if isinstance(dtype, pd.StringDtype):
        return "string" if dtype.na_value is pd.NA else f"string[{dtype.na_value}]"
    return str(dtype)


@pytest.mark.parametrize("name", ["state", "party", "empty"])
@pytest.mark.parametrize("table", list(DTYPES))
def test_a_document_table_has_typed_columns(pd, docs, name, table):
    frame = docs[name].to_frame(table)
    assert {c: _dtype(pd, t) for c, t in frame.dtypes.items()} == DTYPES[table]
    assert list(frame.columns) == list(DTYPES[table])
    assert all(isinstance(v, str) for c in frame.columns if DTYPES[table][c] == S for v in frame[c].dropna())


def test_default_table_is_the_document_row(pd, docs):
    pd.testing.assert_frame_equal(docs["state"].to_frame(), docs["state"].to_frame("document"))
    assert len(docs["state"].to_frame()) == 1


@pytest.mark.parametrize(("name", "table", "row", "column", "expected"), VALUES, ids=[f"{v[0]}-{v[1]}-{v[2]}-{v[3]}" for v in VALUES])
def test_values_and_na(pd, docs, name, table, row, column, expected):
    frame = docs[name].to_frame(table)
    if table == "assignments":
        frame = frame.set_index("task")
    value = frame.loc[row, column]
    if expected is NA:
        assert value is (pd.NaT if DTYPES[table][column] == D else pd.NA)
    elif isinstance(expected, dt.date):
        assert value == pd.Timestamp(expected)
    else:
        assert value == expected


def test_task_paths_are_the_parsers_and_the_assignments(pd, docs):
    for d in docs.values():
        frame = d.to_frame("tasks")
        assert frame["path"].tolist() == [p for p, _ in task_paths(d.tasks)]
        assert frame["number"].tolist() == [t.number for _, t in task_paths(d.tasks)]
        tasks = set(frame["path"])
        assert {a.task for a in d.assignments} - {"preamble", "closing"} <= tasks


def test_task_titles_are_the_parsers(pd, docs):
    for d in docs.values():
        frame = d.to_frame("tasks")
        assert [None if pd.isna(x) else x for x in frame["title"]] == [t.title for _, t in task_paths(d.tasks)]


def test_assignments_to_frame_is_the_document_table_and_records_stay_strings(pd, docs):
    d = docs["state"]
    pd.testing.assert_frame_equal(d.assignments.to_frame(), d.to_frame("assignments"))
    records = d.assignments.to_records()  # unchanged: '' for an absent value, dates as ISO strings
    assert records[0]["deadline_date"] == "2024-06-30" and [r["lead"] for r in records if r["task"] == "2.2.1.b"] == [""]


def test_unknown_table(pd, docs):
    with pytest.raises(ValueError, match="unknown table 'reference'"):
        docs["state"].to_frame("reference")


# ---------------------------------------------------------------------- the store


@pytest.fixture
def store(tmp_path, docs):
    with Store(tmp_path / "s.sqlite") as s:
        for path, name in [("a_state.txt", "state"), ("b_party.txt", "party")]:
            d = docs[name]
            s.add(Record(path, None, "ok", warnings=len(d.warnings), directive=d.to_dict()))
        s.add(Record("c_scan.pdf", "ab12", "error", "NoTextLayer", "no text layer"))
        s.commit()
        yield s


@pytest.mark.parametrize("table", list(STORE_DTYPES))
def test_a_store_table_has_typed_columns(pd, store, table):
    frame = store.to_frame(table)
    assert {c: _dtype(pd, t) for c, t in frame.dtypes.items()} == STORE_DTYPES[table]
    assert len(frame) == store.sql(f"SELECT count(*) FROM {table}")[0][0]


@pytest.mark.parametrize(("store_table", "table"), [("refs", "references"), ("tasks", "tasks"), ("recipients", "recipients"),
                                                    ("distribution", "distribution"), ("warnings", "warnings")])
def test_a_store_child_table_is_its_documents_tables(pd, store, docs, store_table, table):
    frame = store.to_frame(store_table)
    assert frame["document_id"].tolist() == [i for i, name in [(1, "state"), (2, "party")] for _ in range(len(docs[name].to_frame(table)))]
    expected = pd.concat([docs["state"].to_frame(table), docs["party"].to_frame(table)], ignore_index=True)
    pd.testing.assert_frame_equal(frame.drop(columns="document_id"), expected)


def test_store_documents_nulls_are_na(pd, store, docs):
    frame = store.to_frame("documents")
    assert frame["path"].tolist() == ["a_state.txt", "b_party.txt", "c_scan.pdf"]
    expected = pd.concat([docs["state"].to_frame(), docs["party"].to_frame()], ignore_index=True)
    pd.testing.assert_frame_equal(frame.loc[:1, list(DTYPES["document"])], expected)
    error = frame.iloc[2]
    assert error["date"] is pd.NaT and error["doc_id"] is pd.NA and error["n_tasks"] is pd.NA and error["options"] is pd.NA
    assert (error["status"], error["error_type"], error["sha256"]) == ("error", "NoTextLayer", "ab12")
    assert frame["sha256"].iloc[0] is pd.NA and frame["warnings"].tolist() == [0, 1, 0]
    assert "json" not in frame and "json" in store.to_frame("documents", include_json=True)


def test_store_table_names(pd, store):
    pd.testing.assert_frame_equal(store.to_frame("references"), store.to_frame("refs"))
    with pytest.raises(StoreError, match="unknown table 'meta'"):
        store.to_frame("meta")


def test_an_empty_store_gives_typed_empty_tables(pd, tmp_path):
    with Store(tmp_path / "empty.sqlite") as s:
        for table, dtypes in STORE_DTYPES.items():
            frame = s.to_frame(table)
            assert frame.empty and {c: _dtype(pd, t) for c, t in frame.dtypes.items()} == dtypes


# ---------------------------------------------------------------------- without pandas


def test_without_pandas_the_error_names_the_extra(docs, tmp_path, monkeypatch):
    d = docs["state"]
    monkeypatch.setitem(sys.modules, "pandas", None)
    needs = r"needs pandas.*pip install pandas.*vndirective\[notebooks\]"
    with pytest.raises(ImportError, match=needs):
        d.to_frame("references")
    with pytest.raises(ImportError, match=needs):
        d.assignments.to_frame()
    with Store(tmp_path / "s.sqlite") as s, pytest.raises(ImportError, match=needs):
        s.to_frame("refs")
    assert d.assignments.to_records()  # the records need nothing
