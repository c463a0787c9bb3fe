#!/usr/bin/env python3
"""Regression snapshot: proof that a change to vndirective left its output unchanged.

    python benchmarks/regress.py write     # before the change: parse every document, store each to_dict()
    python benchmarks/regress.py check     # after it: parse again, print every field that changed

``check`` prints one line per changed field (``corpus/formats/41_x.pdf: signature.title: 'A' → 'B'``;
list items by index, keys added or removed, documents added or missing, an error that appeared, changed
or disappeared), then a one-line summary; its exit status is 1 on any change, 0 when the output is
identical (2 when the repository's snapshot is missing). Options: ``--only SUBSTRING`` (documents whose
key contains it), ``--set NAME`` (repeatable), ``--limit N`` (changes printed per document, 0 = all),
``-q`` (the first line and the summary only), ``--snapshot-dir DIR``, ``--shared DIR``. The first line printed names the
vndirective that was imported: the script imports whatever ``import vndirective`` finds (``PYTHONPATH``
first), never the source tree beside it by force, so that

    PYTHONPATH=/path/to/old/worktree python benchmarks/regress.py write

writes the snapshot with an older commit's code while reading this repository's ``corpus/``.

Document sets (each document has a key that does not depend on where the repository is):

``corpus``            every document file under ``corpus/``, recursively, read with ``vndirective.parse(path)``
                      (no OCR: the scanned PDFs ``*.scan.pdf`` are recorded as NoTextLayer errors). Kept:
                      ``.txt .md .markdown .text .html .htm .docx .docm .pdf .doc`` (the gold corpus, its Word,
                      PDF, scanned and legacy-font copies in ``formats/``, the blind set ``formats/blind/``).
                      Left out by inspection: gold annotations (``*.gold.json``, ``corpus/formats/blind/*.gold.json``),
                      the assignment golds (``corpus/assignments/*.assign.json``), the scripts
                      (``corpus/generate.py``, ``corpus/formats/make_fixtures.py``), READMEs
                      (``corpus/formats/blind/README.md``), ``__pycache__``. A file of any other kind is left
                      out with a note, so that a new kind is noticed. Keys: ``corpus/formats/41_x.pdf``.
``generated``         300 documents of ``corpus/generate.py`` (seed 0), ``parse_text(text, source=file_name)``.
                      Keys: ``generated/00001_….txt``.
``shared-corpus``     ``../shared/corpus/*.txt, *.md`` (not ``SOURCES.md`` or ``README.md``: lists, not documents).
``shared-realfiles``  every file of ``../shared/realfiles`` but ``README.md``, without OCR.
                      The two shared sets are skipped, with a note, when their folder is absent.

A document that raises is recorded as ``{"error": type name, "message": str(exc)}`` (any exception, not
only :class:`vndirective.VndirectiveError`), so an error that appears, changes or disappears is a change.

Snapshots (gzip with mtime 0, JSON with sorted keys and ``ensure_ascii=False``: the same output gives the
same bytes): ``benchmarks/snapshot/regress.json.gz`` holds the repository's sets (``corpus``, ``generated``)
and is committed, so CI can check it; ``benchmarks/results/regress-shared.json.gz`` holds the shared sets,
which are not ours to publish (``benchmarks/results/`` is gitignored). ``--snapshot-dir DIR`` puts both in DIR.

What is stored per document is ``Directive.to_dict()`` with three normalisations:

- ``text`` becomes ``{"sha1", "len", "blocks"}`` (``blocks``: a short digest per 256 characters, so
  ``check`` can say where the text first differs and print the current text there);
- ``boxes`` (PDF word boxes) becomes ``{"sha1", "count", "pages": [[page, boxes, digest], …]}``;
- ``source`` is the path the file was parsed from (machine-dependent): when it is exactly that path it is
  stored as the document's key; any other value is kept as it is (and so shows up as a change).
  An error message has the file's path replaced by the key the same way.

Nothing else in ``to_dict()`` depends on the time, the machine or the working directory (checked: two
``write`` runs give the same bytes; ``check`` passes run after run, with another ``PYTHONHASHSEED``, from
another working directory, from a copy of the repository in another folder, and with the documents parsed
in a shuffled order).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vndirective

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEFAULT_SHARED = ROOT.parent / "shared"
REPO_SNAPSHOT = ROOT / "benchmarks" / "snapshot" / "regress.json.gz"
SHARED_SNAPSHOT = ROOT / "benchmarks" / "results" / "regress-shared.json.gz"
FORMAT = "vndirective-regress/1"

GENERATED_N = 300
GENERATED_SEED = 0
TEXT_BLOCK = 256  # characters per digest of "text.blocks"
DEFAULT_LIMIT = 25  # changes printed per document

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".docx", ".docm", ".pdf", ".doc")
NON_DOCUMENT_ENDINGS = (".gold.json", ".assign.json", ".py", ".pyc")
NON_DOCUMENT_NAMES = ("README.md", "SOURCES.md")


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class Document:
    """One document of a set: a file parsed with ``parse(path)``, or a text parsed with ``parse_text``."""

    key: str
    path: Path | None = None
    text: str | None = None
    source: str | None = None

    def parse(self) -> tuple[dict[str, Any], str | None]:
        """The normalised snapshot entry, and the parsed text (None when parsing raised)."""
        try:
            # ocr=False: a scan is the same error on every machine, with Tesseract or without
            d = vndirective.parse(self.path, ocr=False) if self.path is not None else vndirective.parse_text(self.text or "", source=self.source)
        except Exception as exc:  # any exception is an output: recorded, never raised
            message = str(exc)
            if self.path is not None:
                message = message.replace(str(self.path), self.key)
            return {"error": type(exc).__name__, "message": message}, None
        raw = d.to_dict()
        return normalise(raw, self), raw.get("text")


@dataclass(frozen=True)
class DocumentSet:
    """A named set of documents, the snapshot file it is kept in and how to list it."""

    name: str
    prefix: str  # every key of the set starts with it
    snapshot: str  # "repo" | "shared"
    folder: Callable[[Path], Path | None]  # the folder it reads (None: always available)


SETS: dict[str, DocumentSet] = {
    s.name: s
    for s in (
        DocumentSet("corpus", "corpus/", "repo", lambda shared: None),
        DocumentSet("generated", "generated/", "repo", lambda shared: None),
        DocumentSet("shared-corpus", "shared/corpus/", "shared", lambda shared: shared / "corpus"),
        DocumentSet("shared-realfiles", "shared/realfiles/", "shared", lambda shared: shared / "realfiles"),
    )
}


def _skipped_part(p: Path, root: Path) -> bool:
    return any(part == "__pycache__" or part.startswith(".") for part in p.relative_to(root).parts)


def corpus_documents(root: Path = CORPUS, notes: list[str] | None = None) -> list[Document]:
    """Every document file under ``corpus/`` (see the module docstring for what is left out)."""
    docs: list[Document] = []
    for p in sorted(root.rglob("*")):
        if not p.is_file() or _skipped_part(p, root):
            continue
        name = p.name
        if name in NON_DOCUMENT_NAMES or name.endswith(NON_DOCUMENT_ENDINGS) or p.relative_to(root).parts[0] == "assignments":
            continue
        if p.suffix.lower() not in DOCUMENT_SUFFIXES:
            if notes is not None:
                notes.append(f"note: corpus/{p.relative_to(root).as_posix()} is left out (not a known document kind)")
            continue
        docs.append(Document(f"corpus/{p.relative_to(root).as_posix()}", path=p))
    return docs


def load_generator(root: Path = CORPUS) -> Any:
    """``corpus/generate.py`` as a module (it is a script, not part of a package)."""
    name = "_vndirective_regress_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, root / "generate.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {root / 'generate.py'}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def generated_documents(n: int = GENERATED_N, seed: int = GENERATED_SEED, root: Path = CORPUS) -> list[Document]:
    """The documents of ``generate(n, seed)``, parsed from their text with their file name as source."""
    return [Document(f"generated/{g.file_name}", text=g.text, source=g.file_name) for g in load_generator(root).generate(n, seed)]


def shared_corpus_documents(folder: Path) -> list[Document]:
    """``../shared/corpus``: the ``.txt`` and ``.md`` documents."""
    return [
        Document(f"shared/corpus/{p.name}", path=p)
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix in (".txt", ".md") and p.name not in NON_DOCUMENT_NAMES
    ]


def shared_realfiles_documents(folder: Path) -> list[Document]:
    """``../shared/realfiles``: every file but the README."""
    return [Document(f"shared/realfiles/{p.name}", path=p) for p in sorted(folder.iterdir()) if p.is_file() and p.name != "README.md"]


def list_set(name: str, shared: Path, generated: tuple[int, int] = (GENERATED_N, GENERATED_SEED), notes: list[str] | None = None) -> list[Document]:
    """The documents of a set."""
    if name == "corpus":
        return corpus_documents(CORPUS, notes)
    if name == "generated":
        return generated_documents(*generated)
    if name == "shared-corpus":
        return shared_corpus_documents(shared / "corpus")
    if name == "shared-realfiles":
        return shared_realfiles_documents(shared / "realfiles")
    raise ValueError(f"unknown set {name!r}")


# --------------------------------------------------------------------------- normalisation and storage


def _digest(data: str) -> str:
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


def text_digest(text: str) -> dict[str, Any]:
    """A text as its SHA-1, its length and a short digest per block of TEXT_BLOCK characters."""
    blocks = [_digest(text[i : i + TEXT_BLOCK])[:6] for i in range(0, len(text), TEXT_BLOCK)]
    return {"sha1": _digest(text), "len": len(text), "blocks": blocks}


def boxes_digest(boxes: list[list[float]]) -> dict[str, Any]:
    """PDF word boxes as a digest and a count, in total and per page."""
    pages: dict[int, list[list[float]]] = {}
    for b in boxes:
        pages.setdefault(int(b[2]), []).append(b)
    per_page = [[page, len(bs), _digest(json.dumps(bs))[:8]] for page, bs in sorted(pages.items())]
    return {"sha1": _digest(json.dumps(boxes)), "count": len(boxes), "pages": per_page}


def normalise(raw: dict[str, Any], doc: Document) -> dict[str, Any]:
    """A ``to_dict()`` made compact and independent of the machine (see the module docstring)."""
    out = dict(raw)
    if "text" in out and isinstance(out["text"], str):
        out["text"] = text_digest(out["text"])
    if "boxes" in out and isinstance(out["boxes"], list):
        out["boxes"] = boxes_digest(out["boxes"])
    if doc.path is not None and out.get("source") == str(doc.path):
        out["source"] = doc.key
    return json.loads(json.dumps(out, ensure_ascii=False))  # the form it has once read back from the file


def encode(snapshot: dict[str, Any]) -> bytes:
    """Deterministic bytes: sorted keys, UTF-8, gzip without a time stamp or a file name."""
    data = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return gzip.compress(data, compresslevel=9, mtime=0)


def read_snapshot(path: Path) -> dict[str, Any] | None:
    """A snapshot file, or None when there is none."""
    if not path.is_file():
        return None
    snap: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    if snap.get("format") != FORMAT:
        raise SystemExit(f"{path}: not a {FORMAT} snapshot (format {snap.get('format')!r})")
    return snap


def snapshot_paths(snapshot_dir: Path | None) -> dict[str, Path]:
    """Where the repository's and the shared snapshot live."""
    if snapshot_dir is None:
        return {"repo": REPO_SNAPSHOT, "shared": SHARED_SNAPSHOT}
    return {"repo": snapshot_dir / REPO_SNAPSHOT.name, "shared": snapshot_dir / SHARED_SNAPSHOT.name}


def available(name: str, shared: Path) -> bool:
    """Whether a set's documents are on this machine."""
    folder = SETS[name].folder(shared)
    return folder is None or folder.is_dir()


# --------------------------------------------------------------------------- differences


def _show(value: Any, limit: int = 100) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_difference(a: Sequence[Any], b: Sequence[Any]) -> int:
    n = min(len(a), len(b))
    return next((i for i in range(n) if a[i] != b[i]), n)


def _string_change(path: str, old: str, new: str) -> str:
    if len(old) <= 60 and len(new) <= 60:
        return f"{path}: {old!r} → {new!r}"
    i = _first_difference(old, new)
    start = max(0, i - 30)

    def around(s: str) -> str:
        return ("…" if start else "") + s[start : i + 50] + ("…" if len(s) > i + 50 else "")

    return f"{path}: changed at offset {i} (len {len(old)} → {len(new)}): {around(old)!r} → {around(new)!r}"


def _text_change(old: Any, new: dict[str, Any], current: str | None) -> list[str]:
    if not isinstance(old, dict) or "sha1" not in old:
        return [f"text: {_show(old)} → {_show(new)}"]
    if old.get("sha1") == new["sha1"]:
        return []
    line = f"text: changed (len {old.get('len')} → {new['len']})"
    old_blocks, new_blocks = old.get("blocks", []), new["blocks"]
    i = _first_difference(old_blocks, new_blocks)
    start = i * TEXT_BLOCK
    line += f", first difference within offsets {start}–{start + TEXT_BLOCK - 1}"
    if current is not None:
        line += f"; the current text there: {current[start : start + TEXT_BLOCK]!r}"
    return [line]


def _boxes_change(old: Any, new: dict[str, Any]) -> list[str]:
    if not isinstance(old, dict) or "sha1" not in old:
        return [f"boxes: {_show(old)} → {_show(new)}"]
    if old.get("sha1") == new["sha1"]:
        return []
    old_pages = {p[0]: p for p in old.get("pages", [])}
    new_pages = {p[0]: p for p in new["pages"]}
    differ = [str(page) for page in sorted(old_pages.keys() | new_pages.keys()) if old_pages.get(page) != new_pages.get(page)]
    return [f"boxes: changed (count {old.get('count')} → {new['count']}), pages that differ: {', '.join(differ) or 'none (order)'}"]


def _walk(old: Any, new: Any, path: str, out: list[str]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(old.keys() | new.keys()):
            sub = f"{path}.{k}" if path else str(k)
            if k not in new:
                out.append(f"{sub}: removed (was {_show(old[k])})")
            elif k not in old:
                out.append(f"{sub}: added {_show(new[k])}")
            else:
                _walk(old[k], new[k], sub, out)
    elif isinstance(old, list) and isinstance(new, list):
        for i in range(max(len(old), len(new))):
            sub = f"{path}[{i}]"
            if i >= len(new):
                out.append(f"{sub}: removed (was {_show(old[i])})")
            elif i >= len(old):
                out.append(f"{sub}: added {_show(new[i])}")
            else:
                _walk(old[i], new[i], sub, out)
    elif isinstance(old, str) and isinstance(new, str):
        if old != new:
            out.append(_string_change(path, old, new))
    elif old != new or type(old) is not type(new):
        out.append(f"{path}: {_show(old)} → {_show(new)}")


def _error(entry: Any) -> str | None:
    if isinstance(entry, dict) and "error" in entry and "schema_version" not in entry:
        return f"{entry['error']}: {entry.get('message', '')}"
    return None


def diff_entry(old: Any, new: dict[str, Any], current_text: str | None = None) -> list[str]:
    """The changes from a stored entry to a new one, one readable line each (empty: identical)."""
    old_error, new_error = _error(old), _error(new)
    if old_error or new_error:
        if old_error and new_error:
            return [] if old_error == new_error else [_string_change("error", old_error, new_error)]
        if new_error:
            return [f"error appeared: {_show(new_error, 300)} (the document parsed before)"]
        return [f"error disappeared (was {_show(old_error, 300)}): the document parses now"]
    if not isinstance(old, dict):
        return [f"entry: {_show(old)} → {_show(new)}"]
    out: list[str] = []
    for k in sorted(old.keys() | new.keys()):
        if k in old and k in new and k == "text" and isinstance(new[k], dict):
            out.extend(_text_change(old[k], new[k], current_text))
        elif k in old and k in new and k == "boxes" and isinstance(new[k], dict):
            out.extend(_boxes_change(old[k], new[k]))
        elif k not in new:
            out.append(f"{k}: removed (was {_show(old[k])})")
        elif k not in old:
            out.append(f"{k}: added {_show(new[k])}")
        else:
            _walk(old[k], new[k], k, out)
    return out


@dataclass
class CheckResult:
    """What ``check`` found."""

    compared: dict[str, int] = field(default_factory=dict)  # set -> documents compared
    changed: dict[str, list[str]] = field(default_factory=dict)  # key -> change lines
    added: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    no_snapshot: list[str] = field(default_factory=list)  # the repository's snapshot file is absent or lacks a set
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.changed or self.added or self.missing or self.no_snapshot)

    def lines(self, limit: int = DEFAULT_LIMIT) -> list[str]:
        """Every change, document by document (at most ``limit`` per document; 0 = all)."""
        out: list[str] = []
        for key in sorted(self.changed):
            changes = self.changed[key]
            shown = changes if limit <= 0 else changes[:limit]
            out.extend(f"{key}: {c}" for c in shown)
            if len(changes) > len(shown):
                out.append(f"{key}: … and {len(changes) - len(shown)} more changes (--limit 0 prints all)")
        out.extend(f"{key}: document added (not in the snapshot)" for key in self.added)
        out.extend(f"{key}: document missing (in the snapshot, not found now)" for key in self.missing)
        out.extend(f"error: {m}" for m in self.no_snapshot)
        return out

    def summary(self) -> str:
        total = sum(self.compared.values())
        sets = ", ".join(f"{name} {n}" for name, n in self.compared.items()) or "no set"
        fields = sum(len(c) for c in self.changed.values())
        verdict = "output unchanged" if self.ok else "NO SNAPSHOT" if self.no_snapshot and not total else "OUTPUT CHANGED"
        return (
            f"check: {total} documents ({sets}): {len(self.changed)} changed ({fields} changes), "
            f"{len(self.added)} added, {len(self.missing)} missing: {verdict} [{self.seconds:.1f} s]"
        )


def check(
    sets: Sequence[str] = tuple(SETS),
    snapshot_dir: Path | None = None,
    shared: Path = DEFAULT_SHARED,
    only: str | None = None,
) -> CheckResult:
    """Parse the documents of ``sets`` again and compare them with their snapshot."""
    t0 = time.perf_counter()
    result = CheckResult()
    paths = snapshot_paths(snapshot_dir)
    snapshots = {kind: read_snapshot(path) for kind, path in paths.items() if any(SETS[s].snapshot == kind for s in sets)}
    for name in sets:
        spec = SETS[name]
        snap = snapshots.get(spec.snapshot)
        if not available(name, shared):
            result.notes.append(f"note: set {name} skipped: {spec.folder(shared)} is absent")
            continue
        if snap is None or name not in snap.get("sets", {}):
            message = f"set {name} is not in the snapshot {paths[spec.snapshot]} (run `regress.py write` first)"
            if spec.snapshot == "repo":  # the repository's snapshot is committed: its absence is a failure
                result.no_snapshot.append(message)
            else:
                result.notes.append(f"note: {message}; skipped")
            continue
        info = snap["sets"][name]
        docs = list_set(name, shared, (info.get("n", GENERATED_N), info.get("seed", GENERATED_SEED)), result.notes)
        current = {d.key: d for d in docs if only is None or only in d.key}
        stored = {k: v for k, v in snap["documents"].items() if k.startswith(spec.prefix) and (only is None or only in k)}
        for key in sorted(current.keys() | stored.keys()):
            if key not in current:
                result.missing.append(key)
            elif key not in stored:
                result.added.append(key)
            else:
                entry, text = current[key].parse()
                changes = diff_entry(stored[key], entry, text)
                if changes:
                    result.changed[key] = changes
        result.compared[name] = len(current.keys() & stored.keys())
    result.seconds = time.perf_counter() - t0
    return result


def write(
    sets: Sequence[str] = tuple(SETS),
    snapshot_dir: Path | None = None,
    shared: Path = DEFAULT_SHARED,
    out: Callable[[str], None] = print,
) -> dict[str, Path]:
    """Parse every document of ``sets`` and write the snapshot files that hold them.

    The entries of the sets not written (another ``--set``, or a shared folder that is absent) are kept
    from the existing file. Returns the files written.
    """
    written: dict[str, Path] = {}
    for kind, path in snapshot_paths(snapshot_dir).items():
        wanted = [s for s in sets if SETS[s].snapshot == kind]
        names = [s for s in wanted if available(s, shared)]
        out("".join(f"note: set {s} skipped: {SETS[s].folder(shared)} is absent\n" for s in wanted if s not in names).rstrip())
        if not names:
            continue
        snapshot = read_snapshot(path) or {"format": FORMAT, "sets": {}, "documents": {}}
        notes: list[str] = []
        for name in names:
            prefix = SETS[name].prefix
            snapshot["documents"] = {k: v for k, v in snapshot["documents"].items() if not k.startswith(prefix)}
            docs = list_set(name, shared, notes=notes)
            errors = 0
            for d in docs:
                entry, _ = d.parse()
                snapshot["documents"][d.key] = entry
                errors += _error(entry) is not None
            info: dict[str, Any] = {"documents": len(docs), "errors": errors}
            if name == "generated":
                info.update(n=GENERATED_N, seed=GENERATED_SEED)
            snapshot["sets"][name] = info
            out(f"{name}: {len(docs)} documents ({errors} recorded as errors)")
        out("\n".join(notes))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = encode(snapshot)
        path.write_bytes(data)
        written[kind] = path
        out(f"wrote {path} ({len(data):,} bytes, {len(snapshot['documents'])} documents)")
    return written


# --------------------------------------------------------------------------- command line


def which_vndirective() -> str:
    """Which vndirective this run uses: version, folder, compiled or not."""
    compiled = getattr(vndirective, "is_compiled", lambda: False)()
    core = "compiled core" if compiled else "pure Python core"
    return f"regress.py: vndirective {vndirective.__version__} from {Path(vndirective.__file__).parent} ({core})"


def _say(line: str) -> None:
    """Print a non-empty line at once (write's progress)."""
    if line:
        print(line, flush=True)


def _quiet(line: str) -> None:
    """Print nothing (write -q)."""


def _sets(chosen: Iterable[str] | None) -> list[str]:
    """The sets asked for, all of them by default."""
    return list(chosen) if chosen else list(SETS)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``write`` or ``check`` (exit status 0 unchanged, 1 changed, 2 no snapshot)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for command, text in (("write", "parse every document and store its to_dict()"), ("check", "parse again and print every change")):
        p = sub.add_parser(command, help=text)
        p.add_argument("--set", dest="sets", action="append", choices=list(SETS), help="a document set (repeatable; default: all)")
        p.add_argument("--snapshot-dir", type=Path, help="read/write both snapshot files in this folder")
        p.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help=f"the shared test material (default {DEFAULT_SHARED})")
        p.add_argument("-q", "--quiet", action="store_true", help="print the first line and the summary only")
        if command == "check":
            p.add_argument("--only", metavar="SUBSTRING", help="only the documents whose key contains SUBSTRING")
            p.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=f"changes printed per document (default {DEFAULT_LIMIT}; 0 = all)")
    args = parser.parse_args(argv)
    print(which_vndirective(), flush=True)
    sets = _sets(args.sets)
    t0 = time.perf_counter()
    if args.command == "write":
        written = write(sets, args.snapshot_dir, args.shared, out=_quiet if args.quiet else _say)
        print(f"write: {len(written)} snapshot file(s) written in {time.perf_counter() - t0:.1f} s: {', '.join(map(str, written.values()))}")
        return 0
    result = check(sets, args.snapshot_dir, args.shared, args.only)
    lines = result.lines(args.limit) if not args.quiet else [f"error: {m}" for m in result.no_snapshot]
    for line in [*([] if args.quiet else result.notes), *lines]:
        print(line)
    print(result.summary())
    if result.no_snapshot and not result.changed:
        return 2
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
