"""pandas tables of parsed documents, with typed columns: what ``to_frame()`` returns.

One document's tables come from :meth:`Directive.to_frame <vndirective.core.model.Directive.to_frame>`
(``d.to_frame("references")``) and :meth:`Assignments.to_frame <vndirective.analysis.results.Assignments.to_frame>`;
an archive's from :meth:`Store.to_frame <vndirective.bulk.store.Store.to_frame>`. Both use the builder here, so the
same column has the same name and dtype everywhere:

- text: pandas' nullable ``"string"`` dtype; a value that is absent is ``pd.NA``, never ``None`` or ``""``;
- counts, years, positions, spans: ``"Int64"`` (nullable integers: ``pd.NA`` when absent, never a float column);
- a duration: ``"Float64"``; a yes/no: ``"boolean"``;
- dates: ``datetime64[ns]``, ``NaT`` when absent (``pd.isna`` is true for it).

The dtypes of each table are the ``*_DTYPES`` mappings below (column → dtype, in column order), and an empty table
has the same columns and dtypes. pandas is optional: without it :func:`require_pandas` raises an ImportError
naming what to install; ``to_records()`` and the store's SQL need nothing.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..analysis.results import Assignment
    from ..core.model import Directive, Task

DATE = "datetime64[ns]"

# The columns a document's header gives; the same names and dtypes as the store's ``documents`` table.
DOCUMENT_DTYPES: dict[str, str] = {
    "source": "string",
    "system": "string",
    "issuer": "string",
    "issuer_parent": "string",
    "number": "string",
    "doc_id": "string",
    "doc_type": "string",
    "doc_type_name": "string",
    "place": "string",
    "date": DATE,
    "subject": "string",
    "urgency": "string",
    "security": "string",
    "signer_authority": "string",
    "signer_on_behalf_of": "string",
    "signer_title": "string",
    "signer_name": "string",
    "n_recipients": "Int64",
    "n_references": "Int64",
    "n_tasks": "Int64",
    "n_distribution": "Int64",
}
_SPAN = {"span_start": "Int64", "span_end": "Int64"}
REFERENCE_DTYPES: dict[str, str] = {
    "position": "Int64",
    "doc_id": "string",
    "doc_type": "string",
    "number": "string",
    "year": "Int64",
    "date": DATE,
    "issuer": "string",
    "system": "string",
    "mentions": "Int64",  # how many times the text cites it
    **_SPAN,  # the first mention's
}
TASK_DTYPES: dict[str, str] = {
    "position": "Int64",  # in document order, from 0
    "parent": "Int64",  # the parent's position; NA for a top-level task
    "depth": "Int64",  # 0 for a top-level task
    "path": "string",  # the numbers from the root: '2', '2.a' (core.model.task_paths; an assignment's ``task``)
    "number": "string",
    "kind": "string",
    "title": "string",  # the heading line when the item is a heading (Task.title); NA when it opens with a sentence
    "head": "string",
    "text": "string",
    **_SPAN,
}
RECIPIENT_DTYPES: dict[str, str] = {"position": "Int64", "recipient": "string", **_SPAN}
DISTRIBUTION_DTYPES: dict[str, str] = {"position": "Int64", "recipient": "string", "purpose": "string", **_SPAN}
WARNING_DTYPES: dict[str, str] = {"position": "Int64", "code": "string", "message": "string", **_SPAN}
ASSIGNMENT_DTYPES: dict[str, str] = {
    "task": "string",  # the task's path ('2.a'), 'preamble' or 'closing'
    "lead": "string",  # the lead bodies joined by '; '; NA when none is named
    "coordinators": "string",  # the same; NA when none
    "action": "string",
    "deadline": "string",  # as printed; NA when none
    "deadline_kind": "string",  # by_date, in_period, recurring, ongoing, asap; NA when no deadline
    "deadline_date": DATE,  # NaT for a deadline without a date ('hằng tháng') and when none
}

# The tables of one document, by the name ``Directive.to_frame(name)`` takes.
DIRECTIVE_TABLES: dict[str, dict[str, str]] = {
    "document": DOCUMENT_DTYPES,
    "references": REFERENCE_DTYPES,
    "tasks": TASK_DTYPES,
    "recipients": RECIPIENT_DTYPES,
    "distribution": DISTRIBUTION_DTYPES,
    "warnings": WARNING_DTYPES,
    "assignments": ASSIGNMENT_DTYPES,
}

# pandas' nanosecond dates run from 1677-09-21 to 2262-04-11: a date outside (none in a real document) is NaT.
_FIRST_YEAR, _LAST_YEAR = 1678, 2261
_SQL_DTYPES = {"INTEGER": "Int64", "REAL": "Float64", "TEXT": "string"}


def require_pandas(what: str = "to_frame()") -> Any:
    """The pandas module, or an ImportError saying that ``what`` needs it and how to install it."""
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(
            f"{what} needs pandas, an optional dependency that is not installed: pip install pandas "
            "(or pip install 'vndirective[notebooks]'); to_records() and Store.sql() need nothing"
        ) from exc
    return pandas


def typed_frame(dtypes: Mapping[str, str], rows: Iterable[Sequence[Any]]) -> Any:
    """A DataFrame of ``rows`` (tuples in the order of ``dtypes``) with the dtype of each column.

    ``None`` becomes ``pd.NA`` (``NaT`` in a date column). A date column takes ``datetime.date`` values or ISO
    strings ('2021-06-20', as the store keeps them).
    """
    pd = require_pandas()
    rows = list(rows)
    columns: list[Sequence[Any]] = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in dtypes]
    if len(columns) != len(dtypes):
        raise ValueError(f"rows of {len(columns)} values for {len(dtypes)} columns")
    data = {name: _array(pd, values, dtype) for (name, dtype), values in zip(dtypes.items(), columns, strict=True)}
    return pd.DataFrame(data, columns=list(dtypes))


def _array(pd: Any, values: Sequence[Any], dtype: str) -> Any:
    if dtype == DATE:
        return pd.array([_timestamp(pd, v) for v in values], dtype=DATE)
    return pd.array(list(values), dtype=dtype)


def _timestamp(pd: Any, value: Any) -> Any:
    """A date or ISO date string as a Timestamp; None (NaT) when absent, unreadable or out of pandas' range."""
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    if not isinstance(value, _dt.date) or not _FIRST_YEAR <= value.year <= _LAST_YEAR:
        return None
    return pd.Timestamp(value.year, value.month, value.day)


def sql_dtypes(columns: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The dtype of each column of an SQL table, by its declared type: INTEGER → Int64, REAL → Float64, TEXT → string;
    a column named ``date`` (ISO text) → datetime64[ns]."""
    return {name: DATE if name == "date" else _SQL_DTYPES[decl.split()[0]] for name, decl in columns}


def flat_task_paths(items: Iterable[tuple[int, int | None, str]]) -> list[str]:
    """The path of each task of a flattened tree, given (position, parent position, number) in document order.

    The same rule as :func:`vndirective.core.model.task_paths`: the parent's path, a dot, the task's number.
    """
    paths: dict[int, str] = {}
    out = []
    for position, parent, number in items:
        path = f"{paths[parent]}.{number}" if parent is not None and parent in paths else number
        paths[position] = path
        out.append(path)
    return out


# ---------------------------------------------------------------------- one document's tables


def directive_frame(d: Directive, table: str = "document") -> Any:
    """The table ``table`` of one document as a DataFrame: see :data:`DIRECTIVE_TABLES` for the names and columns."""
    if table not in DIRECTIVE_TABLES:
        raise ValueError(f"unknown table {table!r}: one of {', '.join(DIRECTIVE_TABLES)}")
    require_pandas(f"to_frame({table!r})")
    if table == "assignments":
        return assignments_frame(d.assignments)
    return typed_frame(DIRECTIVE_TABLES[table], _ROWS[table](d))


def assignments_frame(assignments: Iterable[Assignment]) -> Any:
    """The follow-up sheet of :data:`ASSIGNMENT_DTYPES`: one row per assignment."""
    return typed_frame(ASSIGNMENT_DTYPES, (_assignment_row(a) for a in assignments))


def _assignment_row(a: Assignment) -> tuple[Any, ...]:
    deadline = a.deadline
    return (
        a.task,
        "; ".join(x.text for x in a.lead) or None,
        "; ".join(x.text for x in a.coordinators) or None,
        a.action,
        deadline.text if deadline else None,
        deadline.kind if deadline else None,
        deadline.date if deadline else None,
    )


def _span(span: Any) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span is not None else (None, None)


def _document_rows(d: Directive) -> list[tuple[Any, ...]]:
    sig = d.signature
    signer = (sig.authority, sig.on_behalf_of, sig.title, sig.name) if sig else (None, None, None, None)
    header = (d.source, d.system, d.issuer, d.issuer_parent, d.number, d.doc_id, d.doc_type, d.doc_type_name, d.place, d.date)
    counts = (len(d.recipients), len(d.references), sum(len(t.walk()) for t in d.tasks), len(d.distribution))
    return [(*header, d.subject, d.urgency, d.security, *signer, *counts)]


def _reference_rows(d: Directive) -> Iterator[tuple[Any, ...]]:
    for i, r in enumerate(d.references):
        yield (i, r.doc_id, r.doc_type, r.number, r.year, r.date, r.issuer, r.system, len(r.mentions), *_span(r.first_span))


def _task_rows(d: Directive) -> list[tuple[Any, ...]]:
    flat: list[tuple[int, int | None, int, Task]] = []
    stack: list[tuple[Task, int | None, int]] = [(t, None, 0) for t in reversed(d.tasks)]
    while stack:
        task, parent, depth = stack.pop()
        position = len(flat)
        flat.append((position, parent, depth, task))
        stack.extend((c, position, depth + 1) for c in reversed(task.children))
    paths = flat_task_paths((p, parent, t.number) for p, parent, _, t in flat)
    return [
        (p, parent, depth, path, t.number, t.kind, t.title, t.head, t.text, *_span(t.span))
        for (p, parent, depth, t), path in zip(flat, paths, strict=True)
    ]


def _recipient_rows(d: Directive) -> Iterator[tuple[Any, ...]]:
    spans = d.recipient_spans
    for i, r in enumerate(d.recipients):
        yield (i, r, *_span(spans[i] if i < len(spans) else None))


def _distribution_rows(d: Directive) -> Iterator[tuple[Any, ...]]:
    for i, x in enumerate(d.distribution):
        yield (i, x.recipient, x.purpose, *_span(x.span))


def _warning_rows(d: Directive) -> Iterator[tuple[Any, ...]]:
    for i, w in enumerate(d.warnings):
        yield (i, w.code, w.message, *_span(w.span))


_ROWS: dict[str, Any] = {
    "document": _document_rows,
    "references": _reference_rows,
    "tasks": _task_rows,
    "recipients": _recipient_rows,
    "distribution": _distribution_rows,
    "warnings": _warning_rows,
}
