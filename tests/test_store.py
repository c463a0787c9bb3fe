"""The SQLite store: round trip of documents, SQL over the child tables, upserts, export."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from vndirective import parse
from vndirective.bulk.record import Record, parse_file
from vndirective.bulk.store import CHILD_TABLES, STORE_SCHEMA_VERSION, TABLES, Store, StoreError, document_rows, export
from vndirective.core.model import Directive

from .conftest import CORPUS, FOUNDING

NAMES = [
    "334-CV-HU_luc-ngan_2021.md",
    "40_tu-ninhbinh-nq-chuyen-doi-so.txt",
    "43_tw-bbt-ct-nguoi-tieu-dung.txt",
    "59_ttg-ct-ho-chua.txt",
    "70_hu-muongnhe-bc-toi-mat-table.md",
    "g05_hdnd-thanhhoa-nq.txt",
]


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return [parse_file(CORPUS / n, root=CORPUS) for n in NAMES] + [parse_file(CORPUS / "formats" / "40_tu-ninhbinh-nq-chuyen-doi-so.scan.pdf", root=CORPUS)]


@pytest.fixture
def store(tmp_path, records):
    with Store(tmp_path / "s.sqlite") as s:
        for r in records:
            s.add(r)
        s.commit()
        yield s


def test_documents_round_trip(store, records):
    assert len(store) == len(records)
    for name in NAMES:
        assert store.get(name) == parse(CORPUS / name) == Directive.from_dict(json.loads(json.dumps(parse(CORPUS / name).to_dict())))
    assert [d.source for d in store.documents()] == [str(CORPUS / n) for n in sorted(NAMES)]
    assert store.get("formats/40_tu-ninhbinh-nq-chuyen-doi-so.scan.pdf") is None and store.get("nope") is None
    assert "334-CV-HU_luc-ngan_2021.md" in store and "nope" not in store


def test_record_and_errors_come_back(store, records):
    scan = records[-1]
    assert store.errors() == [(scan.path, "NoTextLayer", scan.error_message)]
    assert store.record(scan.path) == scan.to_dict()
    assert store.record(NAMES[0]) == records[0].to_dict()
    assert store.hashes()[NAMES[0]] == records[0].sha256
    assert store.seen()[scan.path][:4] == (scan.sha256, scan.version, "NoTextLayer", "error")


@pytest.mark.parametrize(
    ("column", "getter"),
    [
        ("doc_id", lambda d: d.doc_id),
        ("issuer", lambda d: d.issuer),
        ("date", lambda d: d.date.isoformat() if d.date else None),
        ("signer_name", lambda d: d.signature.name if d.signature else None),
        ("n_tasks", lambda d: sum(len(t.walk()) for t in d.tasks)),
    ],
)
def test_document_columns(store, column, getter):
    for name in NAMES:
        (value,) = store.sql(f"SELECT {column} FROM documents WHERE path = ?", (name,))[0]
        assert value == getter(parse(CORPUS / name)), name


def test_sql_on_references(store):
    founding = parse(FOUNDING)
    rows = store.sql(
        "SELECT r.doc_id, r.doc_type, r.year, r.mentions FROM refs r JOIN documents d ON d.id = r.document_id WHERE d.path = ? ORDER BY r.position",
        (FOUNDING.name,),
    )
    assert [tuple(r) for r in rows] == [(x.doc_id, x.doc_type, x.year, len(x.mentions)) for x in founding.references]
    # who cites what: every citing document of every cited id, as a data team would ask
    cited = store.sql(
        "SELECT r.doc_id, count(DISTINCT d.path) AS n FROM refs r JOIN documents d ON d.id = r.document_id GROUP BY r.doc_id ORDER BY n DESC, r.doc_id"
    )
    expected: dict[str, int] = {}
    for name in NAMES:
        for ref in {x.doc_id for x in parse(CORPUS / name).references}:
            expected[ref] = expected.get(ref, 0) + 1
    assert {r["doc_id"]: r["n"] for r in cited} == expected


def test_tasks_are_the_tree_flattened(store):
    for name in NAMES:
        d = parse(CORPUS / name)
        rows = store.sql("SELECT t.* FROM tasks t JOIN documents d ON d.id = t.document_id WHERE d.path = ? ORDER BY t.position", (name,))
        flat = [t for top in d.tasks for t in top.walk()]
        assert [(r["number"], r["title"], r["text"], r["span_start"]) for r in rows] == [(t.number, t.title, t.text, t.span.start) for t in flat]
        for r in rows:
            if r["parent"] is None:
                assert r["depth"] == 0
            else:
                parent = rows[r["parent"]]
                assert parent["depth"] == r["depth"] - 1 and parent["position"] < r["position"]
                assert flat[r["position"]] in flat[r["parent"]].children


def test_recipients_distribution_and_warnings(store):
    d = parse(FOUNDING)
    where = "JOIN documents d ON d.id = x.document_id WHERE d.path = ? ORDER BY x.position"
    assert [r[0] for r in store.sql(f"SELECT x.recipient FROM recipients x {where}", (FOUNDING.name,))] == d.recipients
    assert [tuple(r) for r in store.sql(f"SELECT x.recipient, x.purpose FROM distribution x {where}", (FOUNDING.name,))] == [
        (i.recipient, i.purpose) for i in d.distribution
    ]
    assert [r[0] for r in store.sql(f"SELECT x.code FROM warnings x {where}", (FOUNDING.name,))] == [w.code for w in d.warnings]


def test_add_is_an_upsert_that_replaces_child_rows(store, records):
    first = records[0]
    (doc_id,) = store.sql("SELECT id FROM documents WHERE path = ?", (first.path,))[0]
    changed = Record.from_dict(first.to_dict())
    assert changed.directive is not None
    changed.directive = dict(changed.directive, references=changed.directive["references"][:1], subject="changed")
    store.add(changed)
    assert len(store) == len(records)
    assert tuple(store.sql("SELECT id, subject, n_references FROM documents WHERE path = ?", (first.path,))[0]) == (doc_id, "changed", 1)
    assert store.sql("SELECT count(*) FROM refs WHERE document_id = ?", (doc_id,))[0][0] == 1
    # an error record replaces a parsed one: its child rows go
    store.add(Record(first.path, "x", "error", "CorruptDocument", "damaged"))
    assert store.get(first.path) is None
    assert all(store.sql(f"SELECT count(*) FROM {t} WHERE document_id = ?", (doc_id,))[0][0] == 0 for t in CHILD_TABLES)


def test_remove_prune_and_clear(store, records):
    assert store.remove(NAMES[0]) and not store.remove(NAMES[0])
    assert store.sql("SELECT count(*) FROM refs r LEFT JOIN documents d ON d.id = r.document_id WHERE d.id IS NULL")[0][0] == 0
    assert store.prune(NAMES[1:3]) == len(records) - 3
    assert store.paths() == sorted(NAMES[1:3])
    store.clear()
    assert len(store) == 0 and store.sql("SELECT count(*) FROM tasks")[0][0] == 0


def test_committed_rows_survive_reopening(tmp_path, records):
    path = tmp_path / "s.sqlite"
    with Store(path) as s:
        s.add(records[0])
    with Store(path, readonly=True) as s:
        assert s.paths() == [records[0].path]
        with pytest.raises(sqlite3.OperationalError):
            s.add(records[1])
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_schema_version_and_foreign_files_are_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(STORE_SCHEMA_VERSION)
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version 999"):
        Store(path)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a vndirective store"):
        Store(other)
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.sqlite", readonly=True)


def test_document_rows_of_an_error_record():
    rows = document_rows(Record("a.txt", None, "error", "UnsupportedFormat", "binary").to_dict())
    assert rows.document["status"] == "error" and rows.document.get("json") is None
    assert all(not v for v in rows.children.values())


def test_csv_export(store, tmp_path):
    written = export(store, tmp_path / "csv")
    assert [p.name for p in written] == [f"{t}.csv" for t in TABLES]
    for table, columns in TABLES.items():
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        names = [c for c, _ in columns if (table, c) != ("documents", "json")]
        assert rows[0] == names
        assert len(rows) - 1 == store.sql(f"SELECT count(*) FROM {table}")[0][0]
    with (tmp_path / "csv" / "documents.csv").open(encoding="utf-8", newline="") as f:
        docs = {r["path"]: r for r in csv.DictReader(f)}
    assert docs[FOUNDING.name]["issuer"] == "HUYỆN ỦY LỤC NGẠN" and docs[FOUNDING.name]["doc_id"] == "334-CV/HU"


def test_csv_export_from_a_path_with_json(store, tmp_path):
    export(store.path, tmp_path / "csv", include_json=True)
    csv.field_size_limit(sys.maxsize)
    with (tmp_path / "csv" / "documents.csv").open(encoding="utf-8", newline="") as f:
        docs = {r["path"]: r for r in csv.DictReader(f)}
    assert Directive.from_dict(json.loads(docs[FOUNDING.name]["json"])) == parse(FOUNDING)


def test_parquet_export(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export(store, tmp_path / "pq", format="parquet")
    for table in TABLES:
        t = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert t.num_rows == store.sql(f"SELECT count(*) FROM {table}")[0][0]
    refs = pq.read_table(tmp_path / "pq" / "refs.parquet")
    assert str(refs.schema.field("year").type) == "int64" and str(refs.schema.field("doc_id").type) == "string"


def test_parquet_without_pyarrow_is_a_clear_error(store, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(StoreError, match=r"pip install 'vndirective\[parquet\]'"):
        export(store, tmp_path / "pq", format="parquet")
    with pytest.raises(StoreError, match="unknown export format"):
        export(store, tmp_path / "x", format="xlsx")


def test_batch_store_matches_the_jsonl(tmp_path):
    from vndirective.bulk.batch import run_batch
    from vndirective.bulk.jsonl import read_jsonl

    root = tmp_path / "in"
    root.mkdir()
    for name in NAMES:
        (root / name).write_bytes((CORPUS / name).read_bytes())
    run_batch(root, tmp_path / "r.jsonl", tmp_path / "r.sqlite", jobs=2, progress=False)
    with Store(tmp_path / "r.sqlite", readonly=True) as s:
        from_jsonl = [r.to_directive() for r in read_jsonl(tmp_path / "r.jsonl")]
        assert list(s.documents()) == from_jsonl
        assert [r.doc_id for r in from_jsonl] == [r[0] for r in s.sql("SELECT doc_id FROM documents ORDER BY path")]


def test_store_is_importable_without_batch_running(tmp_path):
    # a path that does not exist yet is created with the schema
    s = Store(Path(tmp_path) / "new.sqlite")
    assert len(s) == 0 and s.paths() == []
    s.close()



def _titles(s: Store) -> list[tuple[str, int, str | None]]:
    return [tuple(r) for r in s.sql("SELECT d.path, t.position, t.title FROM tasks t JOIN documents d ON d.id = t.document_id ORDER BY 1, 2")]


def _exported_titles(s: Store, directory: Path) -> list[str]:
    export(s, directory)
    with (directory / "tasks.csv").open(encoding="utf-8", newline="") as f:
        return [r["title"] for r in csv.DictReader(f)]


# A store written before tasks.title existed: read-only, the column reads as NULL and the file is left alone; opened for
# writing, the column is added (last in the table) and filled in from documents.json, and new records still go in.
@pytest.mark.parametrize(("readonly", "filled"), [(True, False), (False, True)])
def test_a_store_written_before_task_titles_still_opens(tmp_path, records, readonly, filled):
    parsed = [r for r in records if r.directive is not None]
    path = tmp_path / "old.sqlite"
    with Store(path) as s:
        for r in parsed[:-1]:
            s.add(r)
        expected = _titles(s)
    assert any(title for _, _, title in expected), "the sample should hold headings"
    with sqlite3.connect(path) as con:
        con.execute("ALTER TABLE tasks DROP COLUMN title")
    with Store(path, readonly=readonly) as old:
        assert ("title" in {r[1] for r in old.sql("PRAGMA table_info(tasks)")}) is filled
        exported = _exported_titles(old, tmp_path / "csv")
        assert exported == ([title or "" for _, _, title in expected] if filled else [""] * len(expected))
        if not readonly:
            assert _titles(old) == expected
            old.add(parsed[-1])  # a new record, after the column was added at the end of the table
            with Store(tmp_path / "new.sqlite") as new:
                for r in parsed:
                    new.add(r)
                assert _titles(old) == _titles(new)


def test_a_store_written_before_task_titles_gives_typed_frames(tmp_path, records):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "old.sqlite"
    with Store(path) as s:
        for r in records:
            s.add(r)
        fresh = s.to_frame("tasks")
    with sqlite3.connect(path) as con:
        con.execute("ALTER TABLE tasks DROP COLUMN title")
    with Store(path, readonly=True) as old:
        frame = old.to_frame("tasks")
        assert list(frame.columns) == list(fresh.columns) and frame["title"].isna().all() and str(frame["title"].dtype) == "string"
        pd.testing.assert_frame_equal(frame.drop(columns="title"), fresh.drop(columns="title"))
    with Store(path) as upgraded:
        pd.testing.assert_frame_equal(upgraded.to_frame("tasks"), fresh)
