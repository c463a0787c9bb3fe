"""The SQLite archive of batch records: its schema, the rows of a record, :class:`Store`, and the export to CSV or Parquet.

One SQLite file, readable by any SQL tool. ``batch --db FILE`` writes it; :class:`Store` reads it back as :class:`~vndirective.core.model.Directive`
objects or through SQL. One row per input file in ``documents`` (errors included, with their
type and message), and one row per item in the child tables ``refs`` (cited documents; not
``references``, an SQL keyword), ``tasks`` (the task tree, flattened in document order with
the parent's position and the depth), ``recipients``, ``distribution`` and ``warnings``.
``documents.json`` keeps the whole ``Directive.to_dict()``, so nothing is lost to the columns.

Paths are the keys: relative to the folder that ``batch`` read, so the archive stays valid when
the folder moves. :func:`export` writes every table to CSV (standard library) or Parquet (pyarrow).
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from types import TracebackType
from typing import Any

from .. import __version__
from ..core.model import Directive
from ..errors import VndirectiveError
from .record import Record, Seen, options_key

# The version of the store's layout (tables and columns), kept in its meta table; not the output JSON's ``schema_version``.
STORE_SCHEMA_VERSION = 1
SCHEMA_VERSION = STORE_SCHEMA_VERSION  # the old name, for one release: read STORE_SCHEMA_VERSION

# One source of truth for the schema: the CREATE TABLE statements and the Parquet types.
_DOC_COLUMNS: list[tuple[str, str]] = [
    ("id", "INTEGER PRIMARY KEY"),
    ("path", "TEXT NOT NULL UNIQUE"),
    ("sha256", "TEXT"),
    ("status", "TEXT NOT NULL"),
    ("error_type", "TEXT"),
    ("error_message", "TEXT"),
    ("reason", "TEXT"),  # why a file is 'not_document' or 'skipped'
    ("options", "TEXT"),  # the reading options of the result (JSON), compared by batch --incremental
    ("warnings", "INTEGER"),
    ("elapsed", "REAL"),
    ("parser_version", "TEXT"),
    ("source", "TEXT"),
    ("system", "TEXT"),
    ("issuer", "TEXT"),
    ("issuer_parent", "TEXT"),
    ("number", "TEXT"),
    ("doc_id", "TEXT"),
    ("doc_type", "TEXT"),
    ("doc_type_name", "TEXT"),
    ("place", "TEXT"),
    ("date", "TEXT"),
    ("subject", "TEXT"),
    ("urgency", "TEXT"),
    ("security", "TEXT"),
    ("signer_authority", "TEXT"),
    ("signer_on_behalf_of", "TEXT"),
    ("signer_title", "TEXT"),
    ("signer_name", "TEXT"),
    ("n_recipients", "INTEGER"),
    ("n_references", "INTEGER"),
    ("n_tasks", "INTEGER"),
    ("n_distribution", "INTEGER"),
    ("json", "TEXT"),
]
# Columns added after a store's schema version was set, nullable, by table: added in place when an older store of the
# same version is opened for writing (a task's title is then filled in from documents.json), read as NULL from one
# opened read-only.
_ADDED_COLUMNS: dict[str, tuple[str, ...]] = {"documents": ("reason", "options"), "tasks": ("title",)}
_CHILD = [("document_id", "INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE"), ("position", "INTEGER NOT NULL")]
_SPAN = [("span_start", "INTEGER"), ("span_end", "INTEGER")]
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": _DOC_COLUMNS,
    "refs": [
        *_CHILD,
        ("doc_id", "TEXT NOT NULL"),
        ("doc_type", "TEXT"),
        ("number", "TEXT"),
        ("year", "INTEGER"),
        ("date", "TEXT"),
        ("issuer", "TEXT"),
        ("system", "TEXT"),
        ("mentions", "INTEGER"),
        *_SPAN,
    ],
    "tasks": [
        *_CHILD,
        ("parent", "INTEGER"),
        ("depth", "INTEGER"),
        ("number", "TEXT"),
        ("kind", "TEXT"),
        ("title", "TEXT"),  # the heading line when the task is a heading (Task.title)
        ("head", "TEXT"),
        ("text", "TEXT"),
        *_SPAN,
    ],
    "recipients": [*_CHILD, ("recipient", "TEXT"), *_SPAN],
    "distribution": [*_CHILD, ("recipient", "TEXT"), ("purpose", "TEXT"), *_SPAN],
    "warnings": [*_CHILD, ("code", "TEXT"), ("message", "TEXT"), *_SPAN],
}
_INDEXES = [
    "CREATE INDEX IF NOT EXISTS documents_doc_id ON documents(doc_id)",
    "CREATE INDEX IF NOT EXISTS documents_issuer ON documents(issuer)",
    "CREATE INDEX IF NOT EXISTS documents_date ON documents(date)",
    "CREATE INDEX IF NOT EXISTS refs_doc_id ON refs(doc_id)",
    "CREATE INDEX IF NOT EXISTS distribution_recipient ON distribution(recipient)",
    "CREATE INDEX IF NOT EXISTS warnings_code ON warnings(code)",
]
CHILD_TABLES = ("refs", "tasks", "recipients", "distribution", "warnings")


class StoreError(VndirectiveError):
    """The store cannot be opened (another schema version) or exported (a missing library)."""


@dataclass
class DocumentRows:
    """The rows of one record, ready to insert: built in the worker processes, inserted by the parent."""

    document: dict[str, Any]
    children: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)


def _span(value: Any) -> tuple[int | None, int | None]:
    return (value[0], value[1]) if value else (None, None)


def document_rows(record: Mapping[str, Any], directive_json: str | None = None) -> DocumentRows:
    """The table rows of a batch record (``Record.to_dict()``); a pure function, cheap to run in parallel."""
    d = record.get("directive")
    doc: dict[str, Any] = {
        "path": record["path"],
        "sha256": record.get("sha256"),
        "status": record["status"],
        "error_type": record.get("error_type"),
        "error_message": record.get("error_message"),
        "reason": record.get("reason"),
        "options": options_key(record.get("options")),
        "warnings": record.get("warnings", 0),
        "elapsed": record.get("elapsed"),
        "parser_version": record.get("version"),
    }
    rows = DocumentRows(doc, {t: [] for t in CHILD_TABLES})
    if not d:
        return rows
    sig = d.get("signature") or {}
    doc.update({k: d.get(k) for k in ("source", "system", "issuer", "issuer_parent", "number", "doc_id", "doc_type", "doc_type_name", "place", "date")})
    doc.update({k: d.get(k) for k in ("subject", "urgency", "security")})
    doc.update({f"signer_{k}": sig.get(k) for k in ("authority", "on_behalf_of", "title", "name")})
    doc["json"] = directive_json if directive_json is not None else json.dumps(d, ensure_ascii=False)
    recipient_spans = (d.get("spans") or {}).get("recipients") or []
    rows.children["recipients"] = [(i, r, *_span(recipient_spans[i] if i < len(recipient_spans) else None)) for i, r in enumerate(d.get("recipients", []))]
    rows.children["refs"] = [_ref_row(i, r) for i, r in enumerate(d.get("references", []))]
    rows.children["tasks"] = list(_flatten_tasks(d.get("tasks", [])))
    rows.children["distribution"] = [(i, x["recipient"], x.get("purpose"), *_span(x.get("span"))) for i, x in enumerate(d.get("distribution", []))]
    rows.children["warnings"] = [(i, w["code"], w["message"], *_span(w.get("span"))) for i, w in enumerate(d.get("warnings", []))]
    doc["n_recipients"] = len(rows.children["recipients"])
    doc["n_references"] = len(rows.children["refs"])
    doc["n_tasks"] = len(rows.children["tasks"])
    doc["n_distribution"] = len(rows.children["distribution"])
    return rows


def _ref_row(i: int, r: Mapping[str, Any]) -> tuple[Any, ...]:
    fields = (r["doc_id"], r.get("doc_type"), r.get("number"), r.get("year"), r.get("date"), r.get("issuer"), r.get("system"))
    return (i, *fields, len(r.get("mentions", [])), *_span(r.get("span")))


def _flatten_tasks(tasks: Sequence[Mapping[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """Task dicts in document order as (position, parent position, depth, number, kind, title, head, text, span)."""
    position = 0
    stack: list[tuple[Mapping[str, Any], int | None, int]] = [(t, None, 0) for t in reversed(tasks)]
    while stack:
        t, parent, depth = stack.pop()
        yield (position, parent, depth, t["number"], t["kind"], t.get("title"), t.get("head"), t["text"], *_span(t.get("span")))
        stack.extend((c, position, depth + 1) for c in reversed(t.get("children", [])))
        position += 1


class Store:
    """A SQLite archive of batch records. ``with Store("corpus.db") as s: ...`` commits on exit.

    Writes go through :meth:`add` (an upsert by path that replaces the child rows); reads through
    :meth:`documents`, :meth:`get`, :meth:`sql` or any SQLite client. WAL mode lets readers
    query the file while ``batch`` is still writing it.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly:
            if not self.path.is_file():
                raise StoreError(f"{self.path}: no such store")
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        else:
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.row_factory = sqlite3.Row
        self._missing: set[tuple[str, str]] = set()  # (table, column): added columns an older store opened read-only lacks
        self._db.execute("PRAGMA foreign_keys=ON")
        self._check_schema(readonly)

    def _check_schema(self, readonly: bool) -> None:
        has_meta = self._db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if has_meta:
            row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            found = row[0] if row else None
            if found != str(STORE_SCHEMA_VERSION):
                raise StoreError(
                    f"{self.path}: a store of schema version {found}; this vndirective reads version {STORE_SCHEMA_VERSION}: rebuild it with batch"
                )
            self._add_columns(readonly)
            return
        if readonly:
            raise StoreError(f"{self.path}: not a vndirective store (no meta table)")
        if self._db.execute("SELECT 1 FROM sqlite_master WHERE type='table'").fetchone():
            raise StoreError(f"{self.path}: an SQLite file that is not a vndirective store; choose another file")
        with self._db:
            self._db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            meta = [("schema_version", str(STORE_SCHEMA_VERSION)), ("created_by", f"vndirective {__version__}")]
            self._db.executemany("INSERT INTO meta VALUES (?, ?)", meta)
            for name, columns in TABLES.items():
                pk = ", PRIMARY KEY (document_id, position)" if name in CHILD_TABLES else ""
                self._db.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {t}' for c, t in columns)}{pk})")
            for statement in _INDEXES:
                self._db.execute(statement)

    def _add_columns(self, readonly: bool) -> None:
        """Give a store written by an earlier release the nullable columns added since (:data:`_ADDED_COLUMNS`)."""
        missing: list[tuple[str, str]] = []
        for table, added in _ADDED_COLUMNS.items():
            present = {r[1] for r in self._db.execute(f"PRAGMA table_info({table})")}
            missing.extend((table, c) for c in added if c not in present)
        self._missing = set(missing) if readonly else set()
        if missing and not readonly:
            with self._db:
                for table, c in missing:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {c} {dict(TABLES[table])[c]}")
                if ("tasks", "title") in missing:
                    self._fill_task_titles()

    def _fill_task_titles(self) -> None:
        """The ``title`` of every task row of a store written before the column existed, from ``documents.json``
        (None where that parse had no titles: it was made before Task.title)."""
        cursor = self._db.execute("SELECT id, json FROM documents WHERE json IS NOT NULL")
        while batch := cursor.fetchmany(500):
            titles: list[tuple[Any, ...]] = []
            for doc_id, text in batch:
                tasks = (json.loads(text) or {}).get("tasks") or []
                titles.extend((row[5], doc_id, row[0]) for row in _flatten_tasks(tasks) if row[5] is not None)
            self._db.executemany("UPDATE tasks SET title = ? WHERE document_id = ? AND position = ?", titles)

    def _column(self, name: str, table: str = "documents") -> str:
        """``name`` in a SELECT, or NULL for a column a read-only older store lacks."""
        return f"NULL AS {name}" if (table, name) in self._missing else name

    # ------------------------------------------------------------------ writing

    def add(self, record: Record | Mapping[str, Any]) -> None:
        """Insert or replace the record of one file (keyed by its path). Call :meth:`commit` to make it durable."""
        data = record if isinstance(record, Mapping) else record.to_dict()
        self.add_rows(document_rows(data))

    def add_rows(self, rows: DocumentRows) -> None:
        """Insert or replace prepared rows (:func:`document_rows`), keeping the document's id."""
        doc = {c: rows.document.get(c) for c, _ in _DOC_COLUMNS if c != "id"}
        names = ", ".join(doc)
        updates = ", ".join(f"{c}=excluded.{c}" for c in doc if c != "path")
        self._db.execute(f"INSERT INTO documents ({names}) VALUES ({', '.join('?' * len(doc))}) ON CONFLICT(path) DO UPDATE SET {updates}", list(doc.values()))
        (doc_id,) = self._db.execute("SELECT id FROM documents WHERE path = ?", (doc["path"],)).fetchone()
        for table in CHILD_TABLES:
            self._db.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
            items = rows.children.get(table)
            if items:
                # Columns named: a column added to an older store (_ADDED_COLUMNS) comes last in its table.
                names = ", ".join(c for c, _ in TABLES[table])
                marks = ", ".join("?" * len(TABLES[table]))
                self._db.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", [(doc_id, *item) for item in items])

    def remove(self, path: str) -> bool:
        """Delete the record of a path (and its child rows); True when there was one."""
        return self._db.execute("DELETE FROM documents WHERE path = ?", (path,)).rowcount > 0

    def prune(self, keep: Iterable[str]) -> int:
        """Delete the records of every path not in ``keep`` (files gone from the folder); the number deleted."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS _keep (path TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM _keep")
        self._db.executemany("INSERT OR IGNORE INTO _keep VALUES (?)", ((p,) for p in keep))
        n = self._db.execute("DELETE FROM documents WHERE path NOT IN (SELECT path FROM _keep)").rowcount
        self._db.execute("DELETE FROM _keep")
        return n

    def clear(self) -> None:
        """Delete every record (the schema stays)."""
        self._db.execute("DELETE FROM documents")

    def commit(self) -> None:
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        # Commit even on an exception: every record added is complete, and an interrupted batch resumes from them.
        try:
            self._db.commit()
        finally:
            self._db.close()

    # ------------------------------------------------------------------ reading

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def __contains__(self, path: object) -> bool:
        return self._db.execute("SELECT 1 FROM documents WHERE path = ?", (path,)).fetchone() is not None

    def paths(self) -> list[str]:
        """Every path in the store, sorted."""
        return [r[0] for r in self._db.execute("SELECT path FROM documents ORDER BY path")]

    def hashes(self) -> dict[str, str | None]:
        """path → SHA-256 of the file's content when it was parsed."""
        return {r[0]: r[1] for r in self._db.execute("SELECT path, sha256 FROM documents")}

    def seen(self) -> dict[str, Seen]:
        """path → (sha256, parser version, error type, status, reading options): what ``batch --incremental`` compares."""
        query = f"SELECT path, sha256, parser_version, error_type, status, {self._column('options')} FROM documents"
        return {r[0]: Seen(r[1], r[2], r[3], r[4], r[5]) for r in self._db.execute(query)}

    def documents(self) -> Iterator[Directive]:
        """The parsed documents in path order, rebuilt one at a time (the store is never loaded whole). Only the records of
        status 'ok': files that are not official documents ('not_document'), errors and skipped files are left out, so
        that they never become nodes of the citation graph built from the store."""
        cursor = self._db.execute("SELECT json FROM documents WHERE status = 'ok' AND json IS NOT NULL ORDER BY path")
        for (text,) in cursor:
            yield Directive.from_dict(json.loads(text))

    def get(self, path: str) -> Directive | None:
        """The document parsed from ``path`` (as stored; a 'not_document' record's parse too), or None (not there, an error
        or a skipped file)."""
        row = self._db.execute("SELECT json FROM documents WHERE path = ?", (path,)).fetchone()
        return Directive.from_dict(json.loads(row[0])) if row and row[0] else None

    def record(self, path: str) -> dict[str, Any] | None:
        """The record of ``path`` in the shape of ``Record.to_dict()``, errors included; None when absent."""
        added = ", ".join(self._column(c) for c in _ADDED_COLUMNS["documents"])
        row = self._db.execute(
            f"SELECT path, sha256, status, error_type, error_message, warnings, elapsed, parser_version, {added}, json FROM documents WHERE path = ?",
            (path,),
        ).fetchone()
        if row is None:
            return None
        keys = ("path", "sha256", "status", "error_type", "error_message", "warnings", "elapsed", "version")
        out = dict(zip(keys, tuple(row)[:8], strict=True))
        out["reason"] = row["reason"]
        out["options"] = json.loads(row["options"]) if row["options"] else None
        out["directive"] = json.loads(row["json"]) if row["json"] else None
        return out

    def errors(self) -> list[tuple[str, str, str]]:
        """(path, error type, message) of every file that could not be parsed."""
        return [tuple(r) for r in self._db.execute("SELECT path, error_type, error_message FROM documents WHERE status = 'error' ORDER BY path")]

    def sql(self, query: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        """Run one SQL statement; rows index by position and by column name (``dict(row)`` works)."""
        return self._db.execute(query, params).fetchall()

    def to_frame(self, table: str = "documents", *, include_json: bool = False) -> Any:
        """One table of the store as a pandas DataFrame with typed columns (pandas is optional: an ImportError says
        how to install it).

        ``table`` is ``documents`` or a child table (``refs`` — ``references`` is accepted too —, ``tasks``,
        ``recipients``, ``distribution``, ``warnings``), rows in path order, then in document order. Every column
        of the SQL table, with ``documents.json`` left out unless ``include_json``: INTEGER columns are ``Int64``,
        REAL ``Float64``, TEXT ``string``, ``date`` is ``datetime64[ns]``; an SQL NULL is ``pd.NA`` (``NaT`` for a
        date). ``tasks`` gains ``path`` after ``depth``: the numbers from the root ('2.a'), as an assignment's
        ``task`` names it. A child table's ``document_id`` is ``documents.id``. See :mod:`vndirective.exports.frames`.
        """
        from ..exports.frames import flat_task_paths, require_pandas, sql_dtypes, typed_frame

        require_pandas(f"Store.to_frame({table!r})")
        name = "refs" if table == "references" else table
        if name not in TABLES:
            raise StoreError(f"unknown table {table!r}: one of {', '.join(TABLES)}")
        columns = [(c, t) for c, t in TABLES[name] if include_json or (name, c) != ("documents", "json")]
        select = ", ".join(self._column(c, name) for c, _ in columns)
        order = "path" if name == "documents" else "document_id, position"
        rows = [tuple(r) for r in self._db.execute(f"SELECT {select} FROM {name} ORDER BY {order}")]
        dtypes = sql_dtypes(columns)
        if name == "tasks":  # rows (document_id, position, parent, depth, number, ...) in order: each task's path in its document
            paths = [p for _, doc in groupby(rows, key=lambda r: r[0]) for p in flat_task_paths((r[1], r[2], r[4]) for r in doc)]
            rows = [(*r[:4], path, *r[4:]) for r, path in zip(rows, paths, strict=True)]
            items = list(dtypes.items())
            dtypes = dict([*items[:4], ("path", "string"), *items[4:]])
        return typed_frame(dtypes, rows)

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for pandas (``pd.read_sql(q, store.connection)``) and the like."""
        return self._db


# ---------------------------------------------------------------------- export

_ARROW_TYPES = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string"}


def export(store: Store | str | Path, directory: str | Path, format: str = "csv", *, include_json: bool = False, batch_size: int = 10_000) -> list[Path]:
    """Write every table to ``directory/<table>.csv`` or ``.parquet``; the files written.

    ``documents.json`` (the whole parse, text included) is left out unless ``include_json``.
    Rows stream in batches, so memory does not grow with the store. Parquet needs pyarrow
    (``pip install 'vndirective[parquet]'``), or pandas with a Parquet engine.
    """
    if format not in ("csv", "parquet"):
        raise StoreError(f"unknown export format {format!r}: use 'csv' or 'parquet'")
    writer = _write_csv if format == "csv" else _parquet_writer()
    own = not isinstance(store, Store)
    s = Store(store, readonly=True) if not isinstance(store, Store) else store
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        for table, columns in TABLES.items():
            cols = [(c, t.split()[0]) for c, t in columns if include_json or (table, c) != ("documents", "json")]
            order = "path" if table == "documents" else "document_id, position"
            names = ", ".join(s._column(c, table) for c, _ in cols)
            cursor = s.connection.execute(f"SELECT {names} FROM {table} ORDER BY {order}")
            target = out_dir / f"{table}.{format}"
            writer(target, cols, cursor, batch_size)
            written.append(target)
    finally:
        if own:
            s.close()
    return written


def _write_csv(target: Path, cols: list[tuple[str, str]], cursor: sqlite3.Cursor, batch_size: int) -> None:
    with target.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([c for c, _ in cols])
        while rows := cursor.fetchmany(batch_size):
            w.writerows(tuple(r) for r in rows)


def _parquet_writer() -> Any:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        try:
            import pandas  # noqa: F401
        except ImportError:
            raise StoreError("Parquet export needs pyarrow: pip install 'vndirective[parquet]' (or use --export-format csv)") from None
        return _write_parquet_pandas
    return _write_parquet_arrow


def _write_parquet_arrow(target: Path, cols: list[tuple[str, str]], cursor: sqlite3.Cursor, batch_size: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, getattr(pa, _ARROW_TYPES[t])()) for c, t in cols])
    with pq.ParquetWriter(target, schema) as w:
        wrote = False
        while rows := cursor.fetchmany(batch_size):
            columns = list(zip(*rows, strict=True))
            w.write_batch(pa.record_batch([pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)], schema=schema))
            wrote = True
        if not wrote:
            w.write_table(schema.empty_table())


def _write_parquet_pandas(target: Path, cols: list[tuple[str, str]], cursor: sqlite3.Cursor, batch_size: int) -> None:
    import pandas as pd

    frame = pd.DataFrame([tuple(r) for r in cursor.fetchall()], columns=[c for c, _ in cols])
    try:
        frame.to_parquet(target, index=False)
    except ImportError as exc:
        raise StoreError(f"Parquet export needs pyarrow: pip install 'vndirective[parquet]' ({exc})") from None
