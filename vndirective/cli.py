"""Command line: ``vndirective parse``, ``evaluate``, ``batch``, ``graph``, ``tasks``, ``check``, ``record``, ``register`` and ``archive``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from . import __version__, is_compiled
from .cli_options import (
    add_reader_options,
    add_settings_options,
    archive_settings,
    error_line,
    missing_extra_line,
    reader_kwargs,
)
from .core.model import Directive
from .errors import VndirectiveError
from .exports.display import summary as summary  # the text summary of a parsed document (was defined here)


def _cmd_parse(args: argparse.Namespace) -> int:
    """Every file is parsed: one that cannot be read is reported on stderr and the others still are; status 2 if any failed."""
    several = len(args.files) > 1
    failed: list[str] = []
    for printed, (_, d) in enumerate(_each_parsed(args.files, reader_kwargs(args), failed)):
        if args.json:
            data = d.to_dict()
            if args.no_text:
                data.pop("text", None)
            print(json.dumps(data, ensure_ascii=False) if several else json.dumps(data, ensure_ascii=False, indent=2))
        else:
            if printed:
                print("\n" + "=" * 72 + "\n")
            print(summary(d))
    return _unreadable_status(len(failed), len(args.files))


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from functools import partial

    from .core.pipeline import parse
    from .evaluation import evaluate, evaluate_assignments

    options = reader_kwargs(args)
    if args.assignments:
        report = evaluate_assignments(args.directory, read_options=options)
    else:
        report = evaluate(args.directory, parse=partial(parse, **options), fmt=args.format)
    if not report.documents:
        wanted = "assignments/*.assign.json" if args.assignments else "*.gold.json"
        print(f"{args.directory}: no {wanted} with a matching document found", file=sys.stderr)
        return 2
    print(report.to_table(details=args.details))
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), "utf-8")
        print(f"\nreport written to {args.json}")
    if args.min_macro is not None and report.macro < args.min_macro:
        print(f"macro {report.macro:.3f} is below --min-macro {args.min_macro}", file=sys.stderr)
        return 1
    return 0


def _cmd_batch(args: argparse.Namespace) -> int:
    from .bulk.batch import run_batch

    if not args.out and not args.db:
        print("vndirective batch: give --out FILE.jsonl and/or --db FILE.sqlite", file=sys.stderr)
        return 2
    if args.export and not args.db:
        print("vndirective batch: --export writes the tables of the store: give --db FILE too", file=sys.stderr)
        return 2
    try:
        result = run_batch(
            args.directory,
            out=args.out,
            db=args.db,
            jobs=args.jobs,
            incremental=args.incremental,
            retry_errors=not args.keep_errors,
            progress=not args.no_progress,
            timeout=args.timeout or None,
            **reader_kwargs(args),
        )
    except KeyboardInterrupt:
        print("\ninterrupted: the records written so far are saved; run the same command again to resume", file=sys.stderr)
        return 130
    if result.files == result.skipped:
        from .readers.files import SUFFIXES

        print(result.report())
        print(f"{args.directory}: no supported files ({' '.join(sorted(SUFFIXES))}) found", file=sys.stderr)
        return 2
    print(result.report())
    if args.export:
        from .bulk.store import export

        for path in export(args.db, args.export, args.export_format):
            print(f"exported: {path}")
    # Failed files are records, not a failure of the run; but a run where nothing could be read is.
    return 1 if result.ok == 0 and result.error > 0 else 0


def _cmd_tasks(args: argparse.Namespace) -> int:
    import csv

    from .analysis.results import ASSIGNMENT_COLUMNS

    columns = ["file", "doc_id", "date", *ASSIGNMENT_COLUMNS]
    rows = []
    failed: list[str] = []
    for path, d in _each_parsed(args.files, reader_kwargs(args), failed):
        for record in d.assignments.to_records():
            rows.append({"file": str(path), "doc_id": d.doc_id or "", "date": d.date.isoformat() if d.date else "", **record})
    if args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
        return _unreadable_status(len(failed), len(args.files))
    for r in rows:
        when = f" — {r['deadline']}" if r["deadline"] else ""
        print(f"{r['doc_id'] or r['file']} [{r['task']}] {r['lead'] or '(no body named)'}"
              + (f" (with {r['coordinators']})" if r["coordinators"] else "") + f"{when}: {r['action'][:100]}")
    return _unreadable_status(len(failed), len(args.files))


def _each_parsed(paths: Sequence[str], options: dict[str, Any], failed: list[str]) -> Iterator[tuple[str, Directive]]:
    """Each file parsed, in order; one that cannot be read is one stderr line and is added to ``failed``
    (the others are still read)."""
    from .core.pipeline import parse

    for path in paths:
        try:
            d = parse(path, **options)
        except (VndirectiveError, OSError) as exc:
            print(f"vndirective: error: {error_line(exc, path)}", file=sys.stderr)
            failed.append(str(path))
            continue
        yield path, d


def _unreadable_status(failed: int, total: int, status: int = 0) -> int:
    """The exit status once every file was tried: 2 if any could not be read (said once more when there were several), else ``status``."""
    if failed and total > 1:
        print(f"vndirective: {failed} of {total} files could not be read", file=sys.stderr)
    return 2 if failed else status


def _cmd_check(args: argparse.Namespace) -> int:
    from .analysis.format_check import check, format_findings

    reports = []
    any_finding = False
    failed: list[str] = []
    for printed, (path, d) in enumerate(_each_parsed(args.files, reader_kwargs(args), failed)):
        findings = check(d)
        any_finding = any_finding or bool(findings)
        if args.json:
            reports.append({"file": str(path), "system": d.system, "doc_id": d.doc_id, "findings": [f.to_dict() for f in findings]})
        else:
            if printed:
                print()
            print(f"{path} ({d.doc_id or 'no number'}, {d.system or 'system unknown'}): {len(findings)} finding(s)")
            print(format_findings(d, findings))
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    return _unreadable_status(len(failed), len(args.files), 1 if any_finding else 0)


def _documents(paths: Sequence[str], options: dict[str, Any], *, strict: bool = False, unreadable: list[str] | None = None) -> list[Directive]:
    """The documents of files and folders (read recursively), read with the reading ``options``. A file that cannot be read
    is skipped with a message (and added to ``unreadable``); with ``strict``, a file named on the command line raises instead
    (one found in a folder is skipped)."""
    from .core.pipeline import parse
    from .readers.files import iter_files

    docs: list[Directive] = []
    for item in paths:
        path = Path(item)
        for f in iter_files(path) if path.is_dir() else [path]:
            try:
                docs.append(parse(f, **options))
            except VndirectiveError as exc:
                if strict and not path.is_dir():
                    raise
                print(f"skipped {error_line(exc, f)}", file=sys.stderr)
                if unreadable is not None:
                    unreadable.append(str(f))
    return docs


def _cmd_record(args: argparse.Namespace) -> int:
    from .exports.nd30 import file_record, to_record

    if args.kind == "file":
        settings = archive_settings(args)  # before any document is read: a bad settings file is one line, status 2
        docs = _documents(args.files, reader_kwargs(args), strict=True)
        r = file_record(docs, settings)
        print(json.dumps({"kind": r.kind, "fields": r.fields, "problems": r.problems, "documents": [d.source for d in docs]}, ensure_ascii=False, indent=2))
        return 0
    reports = []
    for d in _documents(args.files, reader_kwargs(args), strict=True):
        r = to_record(d, f"nd30-{args.kind}")
        reports.append({"file": str(d.source), "kind": r.kind, "fields": r.fields, "problems": r.problems})
    print(json.dumps(reports[0] if len(reports) == 1 else reports, ensure_ascii=False, indent=2))
    return 0


def _cmd_register(args: argparse.Namespace) -> int:
    from .exports.nd30 import register_rows, write_register_csv, write_register_xlsx

    suffix = Path(args.out).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        print("vndirective register: --out must end in .csv or .xlsx", file=sys.stderr)
        return 2
    unreadable: list[str] = []
    docs = _documents(args.paths, reader_kwargs(args), unreadable=unreadable)
    # A register runs in date order; undated documents go last, in the order read.
    docs.sort(key=lambda d: (d.date is None, d.date.toordinal() if d.date else 0, int(d.number) if d.number and d.number.isdigit() else 0))
    rows = register_rows(docs, args.kind, start=args.start)
    if suffix == ".xlsx":
        write_register_xlsx(rows, args.out, kind=args.kind, organ=args.organ, year=args.year)  # no openpyxl: main says what to install
    else:
        write_register_csv(rows, args.out, kind=args.kind)
    print(f"{len(rows)} row(s) written to {args.out}", file=sys.stderr)
    # The register is written whole, so the clerk can complete it; but an incomplete row is never silent.
    gaps = _register_gaps(docs, rows, args.kind)
    for line in gaps:
        print(f"vndirective register: {line}", file=sys.stderr)
    if gaps or unreadable:
        print(
            f"vndirective register: incomplete: {len(gaps)} row(s) lack a required field, {len(unreadable)} file(s) could not be read",
            file=sys.stderr,
        )
        return 1
    return 0


def _register_gaps(docs: Sequence[Directive], rows: Sequence[dict[str, str]], kind: str) -> list[str]:
    """One line per register row that lacks a required field (number, date, issuer, subject), naming its file and row."""
    from .exports.nd30 import register_gaps, register_required

    lines = []
    for i, (d, row) in enumerate(zip(docs, rows, strict=True), start=1):
        missing = register_gaps(d, kind)
        if missing:
            arrival = f", Số đến {row['Số đến']}" if row.get("Số đến") else ""
            required = ", ".join(register_required(kind).values())
            lines.append(f"{d.source}: row {i}{arrival} has no {', '.join(missing)} (required in the register: {required})")
    return lines


def _graph_input(args: argparse.Namespace) -> Any:
    """What the graph is built from: a store, or the documents of files and folders (parsed in turn)."""
    if args.db:
        from .bulk.store import Store

        return Store(args.db)
    from .core.pipeline import parse
    from .readers.files import iter_files

    options = reader_kwargs(args)

    from .bulk.triage import not_document_reason

    def documents() -> Iterator[Directive]:
        for item in args.paths:
            path = Path(item)
            for f in iter_files(path) if path.is_dir() else [path]:
                try:
                    d = parse(f, **options)
                except VndirectiveError as exc:
                    print(f"skipped {error_line(exc, f)}", file=sys.stderr)
                    continue
                reason = not_document_reason(d)
                if reason is None:
                    yield d
                else:  # a README, notes: never a node of the graph (the same test as batch's 'not_document' records)
                    print(f"skipped {f}: {reason}", file=sys.stderr)

    return documents()


def _cmd_graph(args: argparse.Namespace) -> int:
    from . import graph as g

    if not args.db and not args.paths:
        print("vndirective graph: give files or folders, or --db FILE.sqlite", file=sys.stderr)
        return 2
    G = g.build_graph(_graph_input(args), undated=args.undated)
    if args.out:
        writers = {"graphml": g.write_graphml, "gexf": g.write_gexf, "json": g.write_node_link_json}
        if args.format == "csv":
            g.write_edge_csv(G, args.out, nodes_path=args.nodes)
        else:
            writers[args.format](G, args.out)
        print(f"graph written to {args.out} ({args.format})", file=sys.stderr)

    def nodes_of(doc_id: str) -> list[str]:
        found = g.find(G, doc_id)  # a number in any written form, else a node id or a file's path, name or stem
        if not found:
            raise VndirectiveError(f"no document {doc_id!r} in the graph")
        return found

    def listing(nodes: list[str]) -> list[dict[str, Any]]:
        return [g.describe(G, n) for n in nodes]  # each with its label and source file: recognisable without a number

    answer: dict[str, Any] = {}
    if args.stats:
        docs = [n for n, d in G.nodes(data=True) if d.get("kind") == "document"]
        answer["stats"] = {
            "documents_in_corpus": sum(1 for n in docs if G.nodes[n].get("in_corpus")),
            "documents_cited_only": sum(1 for n in docs if not G.nodes[n].get("in_corpus")),
            **g.citation_stats(G),
        }
    if args.missing is not None:
        answer["missing"] = [{**g.describe(G, n), "citations": c} for n, c in g.missing_documents(G, args.missing)]
    if args.most_cited is not None:
        answer["most_cited"] = [{**g.describe(G, n), "citations": c} for n, c in g.most_cited(G, args.most_cited)]
    for query, ask, found in (("cites", args.cites, g.cites), ("cited_by", args.cited_by, g.cited_by), ("chain", args.chain, g.implementation_chain)):
        if ask:
            answer[query] = [{**g.describe(G, n), query: listing(found(G, n))} for n in nodes_of(ask)]
    if args.timeline:
        answer["timeline"] = [{"date": d.isoformat() if d else None, **g.describe(G, n)} for d, n in g.timeline(G, args.timeline)]
    if answer:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    elif not args.out:
        print(f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges (use --out FILE to save it, --stats for counts)")
    return 0


def _cmd_archive(args: argparse.Namespace) -> int:
    from .exports.tt05 import build_package

    settings = archive_settings(args)  # before anything is written: a bad settings file is one line, status 2
    try:
        report = build_package(
            args.paths, args.out, settings, package=args.package, zip=args.zip, sequence=args.sequence, read_options=reader_kwargs(args)
        )
    except (OSError, ValueError) as exc:
        print(f"vndirective: error: {error_line(exc)}", file=sys.stderr)
        return 2
    print(f"Package {report.path}: {report.package} {report.objid}, {len(report.documents)} documents")
    for w in report.warnings:
        print(f"  note: {w}")
    if report.valid:
        print("valid")
        return 0
    print("NOT valid:")
    for m in report.missing:
        print(f"  missing: {m}")
    for pr in report.problems:
        print(f"  problem: {pr}")
    return 1


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vndirective", description="Read Vietnamese official documents into structured data.")
    p.add_argument("--version", action="version", version=f"vndirective {__version__} ({'compiled' if is_compiled() else 'pure Python'} core)")
    sub = p.add_subparsers(dest="command", required=True)

    pp = sub.add_parser(
        "parse",
        help="parse documents and print a summary or JSON",
        description="Parse documents and print a summary of each, or JSON. Every file is parsed: one that cannot be read is reported "
        "on stderr in one line naming it, the others are still parsed, and the exit status is 2 if any failed.",
    )
    pp.add_argument("files", nargs="+", help="document files (text, Markdown, HTML, Word .docx/.doc, PDF)")
    pp.add_argument(
        "--json", action="store_true", help="print to_dict() as JSON (UTF-8); with several files, JSON Lines: one compact object per file read, in order"
    )
    pp.add_argument(
        "--no-text", action="store_true", help="leave the text out of the JSON (kept by default: Directive.from_dict needs it to rebuild the result)"
    )
    add_reader_options(pp)
    pp.set_defaults(func=_cmd_parse)

    pe = sub.add_parser("evaluate", help="score the parser against *.gold.json files of a folder")
    pe.add_argument("directory")
    pe.add_argument("--json", metavar="FILE", help="also write the report as JSON to FILE")
    pe.add_argument("--details", action="store_true", help="list every difference per document")
    pe.add_argument("--min-macro", type=float, help="exit with status 1 when the macro score is lower")
    pe.add_argument(
        "--format", metavar="SUFFIX", help="score the versions with this suffix ('docx', 'pdf', 'scan.pdf', 'tcvn3.txt'), beside the gold files or in formats/"
    )
    pe.add_argument("--assignments", action="store_true", help="score the assignments against DIR/assignments/*.assign.json instead")
    add_reader_options(pe)
    pe.set_defaults(func=_cmd_evaluate)

    pb = sub.add_parser(
        "batch",
        help="parse every document under a folder, in parallel, into JSON Lines and/or an SQLite store",
        description="Record every file of a folder, in parallel, into JSON Lines and/or an SQLite store: 'ok' (the parsed document), "
        "'not_document' (a text without the header of an official document: number, issuer, type, date), 'error' (with its type) "
        "or 'skipped' (not read: hidden, an unsupported extension; with the reason). The summary counts every file.",
    )
    pb.add_argument("directory", help="the folder, read recursively (hidden files and folders are recorded as skipped, not read)")
    pb.add_argument("--out", metavar="FILE", help="write one JSON record per file, in sorted path order (JSON Lines)")
    pb.add_argument("--db", metavar="FILE", help="write the records to an SQLite store (vndirective.Store)")
    pb.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: every core; 0: in this process)")
    pb.add_argument(
        "--incremental", action="store_true",
        help="keep the records of files unchanged since the last run; files whose record is an error, and results made with other "
        "reading options (--ocr/--no-ocr, --password given or not, --encoding, --limit), are parsed again",
    )
    pb.add_argument(
        "--keep-errors", action="store_true",
        help="with --incremental: keep the error records of unchanged files read with the same options instead of parsing them again "
        "(crashes and timeouts are still retried)",
    )
    pb.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    pb.add_argument("--timeout", type=float, default=600.0, metavar="S", help="seconds per file before it becomes a Timeout error (0: none; default 600)")
    pb.add_argument("--export", metavar="DIR", help="then write every table of the store to DIR (needs --db)")
    pb.add_argument("--export-format", choices=("csv", "parquet"), default="csv", help="csv (default) or parquet (needs pyarrow)")
    add_reader_options(pb)
    pb.set_defaults(func=_cmd_batch)

    pg = sub.add_parser("graph", help="the citation graph of documents (files, folders or a store): export it or query it")
    pg.add_argument("paths", nargs="*", metavar="PATH", help="documents or folders of documents")
    pg.add_argument("--db", help="build from an SQLite store written by 'vndirective batch --db'")
    pg.add_argument("--out", help="write the graph to this file")
    pg.add_argument("--format", choices=("graphml", "gexf", "json", "csv"), default="graphml", help="format of --out (default graphml; csv: the edges)")
    pg.add_argument("--nodes", help="with --format csv: also write the nodes to this CSV file")
    pg.add_argument(
        "--undated", choices=("same-period", "never"), default="same-period", help="undated citations: the only candidate of their year/term (default), or none"
    )
    pg.add_argument("--stats", action="store_true", help="print counts of documents and citations by resolution and relation")
    pg.add_argument("--missing", type=int, metavar="N", help="print the N documents cited most that are not in the corpus")
    pg.add_argument("--most-cited", type=int, metavar="N", help="print the N most cited documents")
    pg.add_argument("--cites", metavar="ID", help="print what the document with this number (or file name) cites, each with its source file")
    pg.add_argument("--cited-by", metavar="ID", help="print what cites the document with this number (or file name), each with its source file")
    pg.add_argument("--chain", metavar="ID", help="print the implementation chain up from the document with this number (or file name)")
    pg.add_argument("--timeline", metavar="ORGAN", help="print the documents of an organ key (e.g. HU@bac-giang/luc-ngan) by date")
    add_reader_options(pg)
    pg.set_defaults(func=_cmd_graph)

    pt = sub.add_parser(
        "tasks",
        help="who must do what, by when: the assignments of documents (--csv for a follow-up sheet)",
        description="The assignments of documents. Every file is read: one that cannot be read is one line on stderr, the others "
        "are still listed, and the exit status is 2 if any failed.",
    )
    pt.add_argument("files", nargs="+", metavar="FILE", help="documents")
    pt.add_argument("--csv", action="store_true", help="write CSV rows (file, doc_id, date, task, lead, coordinators, action, deadline...)")
    add_reader_options(pt)
    pt.set_defaults(func=_cmd_tasks)

    pc = sub.add_parser(
        "check",
        help="list departures from the official format (HD 36-HD/VPTW, Nghị định 30/2020/NĐ-CP)",
        description="List departures from the official format. Exit status: 0 no findings, 1 findings, 2 a file could not be read "
        "(one line on stderr; the other files are still checked).",
    )
    pc.add_argument("files", nargs="+", metavar="FILE", help="documents to check")
    pc.add_argument("--json", action="store_true", help="print the findings as JSON")
    add_reader_options(pc)
    pc.set_defaults(func=_cmd_check)

    pa = sub.add_parser("archive", help="pack a folder of documents as an archive package of a hồ sơ (Thông tư 05/2025/TT-BNV: METS, EAD, EAD_doc)")
    pa.add_argument("paths", nargs="+", metavar="DIR", help="the folder of documents (or document files)")
    pa.add_argument(
        "--out", required=True, metavar="PACKAGE_DIR", help="the package folder to create (must not exist or be empty); with --zip, the folder the ZIP goes to"
    )
    add_settings_options(pa)
    pa.add_argument("--package", choices=("SIP", "AIP"), default="SIP", help="SIP_hoso (default, Phụ lục III) or AIP_hoso (Phụ lục I: PREMIS, arcFileCode)")
    pa.add_argument("--zip", action="store_true", help="write the package as a ZIP named [sequence][OBJID].zip (Phụ lục III) into --out")
    pa.add_argument("--sequence", type=int, metavar="N", help="with --zip: the package's number in the transfer (default 1)")
    add_reader_options(pa)
    pa.set_defaults(func=_cmd_archive)

    pr = sub.add_parser("record", help="print the Nghị định 30/2020 Phụ lục VI record of documents (văn bản đi/đến) or of a hồ sơ as JSON")
    pr.add_argument("files", nargs="+", metavar="FILE_OR_DIR", help="documents or folders of documents (--kind file: the documents of one hồ sơ)")
    kinds = "outgoing (văn bản đi, default), incoming (văn bản đến) or file (hồ sơ, Mục III)"
    pr.add_argument("--kind", choices=("outgoing", "incoming", "file"), default="outgoing", help=kinds)
    add_settings_options(pr)
    add_reader_options(pr)
    pr.set_defaults(func=_cmd_record)

    pz = sub.add_parser(
        "register",
        help="write the Sổ đăng ký văn bản đi/đến (Nghị định 30/2020 Phụ lục IV) of documents as CSV or XLSX",
        description="Write the register of documents. Every row is written; a row without its number, date, subject or (incoming) "
        "author is reported on stderr with its file, as is a file that cannot be read. Exit status: 0 every row complete, "
        "1 written but incomplete, 2 bad usage.",
    )
    pz.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", help="documents or folders of documents")
    pz.add_argument("--kind", choices=("outgoing", "incoming"), required=True, help="outgoing (sổ đi) or incoming (sổ đến)")
    pz.add_argument("--out", required=True, metavar="FILE", help="register.csv (UTF-8 with BOM) or register.xlsx (printable; needs openpyxl)")
    pz.add_argument("--start", type=int, metavar="N", help="incoming: number 'Số đến' from N (default: left empty for the office)")
    pz.add_argument("--organ", help="XLSX: the office keeping the register, printed above the title")
    pz.add_argument("--year", help="XLSX: the register's year (default: the documents' year when they share one)")
    add_reader_options(pz)
    pz.set_defaults(func=_cmd_register)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except VndirectiveError as exc:
        print(f"vndirective: error: {error_line(exc)}", file=sys.stderr)
        return 2
    except ImportError as exc:  # an optional extra not installed (networkx, lxml, openpyxl...): one line saying what to install
        line = missing_extra_line(exc, args.command)
        if line is None:
            raise
        print(line, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
