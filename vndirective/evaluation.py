"""Accuracy of the parser against gold annotations (``*.gold.json``, see GOLD_FORMAT).

Header and signature fields score as accuracy (a missing value that the gold
also leaves null counts as right). Lists — recipients, references, tasks,
distribution — score as precision, recall and F1, micro-averaged over the
documents. The macro score is the mean over all fields. Strings are compared
on matching keys (NFC, ``Ð``→``Đ``, tone placement, whitespace, edge
punctuation), never on raw bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .core.model import Directive
from .core.normalize import key
from .readers.ocr import Ocr

SCALAR_FIELDS = ("system", "issuer", "issuer_parent", "number", "doc_id", "doc_type", "place", "date", "subject", "urgency", "security")
SIGNATURE_FIELDS = ("authority", "on_behalf_of", "title", "name")
LIST_FIELDS = ("recipients", "references", "references.date", "tasks", "distribution")
GOLD_TEXT_SUFFIXES = (".txt", ".md", ".markdown")  # the text a gold file describes sits beside it under one of these


def _k(value: Any) -> str | None:
    if value is None:
        return None
    text = key(str(value))
    return text.strip(" .,;:*_").strip() or None


@dataclass
class FieldScore:
    """Counts for one field across documents."""

    name: str
    kind: str  # "accuracy" | "f1"
    correct: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def score(self) -> float:
        if self.kind == "accuracy":
            return self.correct / self.total if self.total else 1.0
        return self.f1

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"field": self.name, "kind": self.kind, "score": round(self.score, 4)}
        if self.kind == "accuracy":
            d.update(correct=self.correct, total=self.total)
        else:
            d.update(precision=round(self.precision, 4), recall=round(self.recall, 4), f1=round(self.f1, 4), tp=self.tp, fp=self.fp, fn=self.fn)
        return d


@dataclass
class Report:
    """Per-field scores, the macro score and the differences found per document."""

    fields: dict[str, FieldScore] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)

    @property
    def macro(self) -> float:
        scores = [f.score for f in self.fields.values()]
        return sum(scores) / len(scores) if scores else 0.0

    def field(self, name: str) -> FieldScore:
        if name not in self.fields:
            kind = "f1" if name in LIST_FIELDS else "accuracy"
            self.fields[name] = FieldScore(name, kind)
        return self.fields[name]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "macro": round(self.macro, 4),
            "fields": [f.to_dict() for f in self.fields.values()],
            "errors": self.errors,
            "failures": self.failures,
        }

    def to_table(self, details: bool = False) -> str:
        """A plain-text table, one row per field."""
        rows = [f"{'field':<22} {'score':>6} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}"]
        for f in self.fields.values():
            if f.kind == "accuracy":
                rows.append(f"{f.name:<22} {f.score:6.3f} {'':>6} {'':>6} {'':>6} {f.total:5d}")
            else:
                rows.append(f"{f.name:<22} {f.score:6.3f} {f.precision:6.3f} {f.recall:6.3f} {f.f1:6.3f} {f.tp + f.fn:5d}")
        rows.append(f"{'macro':<22} {self.macro:6.3f}   ({len(self.documents)} documents)")
        if self.failures:
            rows.append("")
            rows.extend(f"FAILED {doc}: {msg}" for doc, msg in self.failures.items())
        if details:
            for doc, errs in self.errors.items():
                if errs:
                    rows.append("")
                    rows.append(doc)
                    rows.extend(f"  {e}" for e in errs)
        return "\n".join(rows)


def compare(predicted: dict[str, Any], gold: dict[str, Any], report: Report, name: str) -> None:
    """Add one document's comparison to ``report``."""
    errs = report.errors.setdefault(name, [])
    for f in SCALAR_FIELDS:
        if f not in gold:
            continue
        fs = report.field(f)
        fs.total += 1
        if _k(predicted.get(f)) == _k(gold.get(f)):
            fs.correct += 1
        else:
            errs.append(f"{f}: got {predicted.get(f)!r}, want {gold.get(f)!r}")
    gsig = gold.get("signature") or {}
    psig = predicted.get("signature") or {}
    for f in SIGNATURE_FIELDS:
        if "signature" not in gold:
            continue
        fs = report.field(f"signature.{f}")
        fs.total += 1
        if _k(psig.get(f)) == _k(gsig.get(f)):
            fs.correct += 1
        else:
            errs.append(f"signature.{f}: got {psig.get(f)!r}, want {gsig.get(f)!r}")

    if "recipients" in gold:
        _score_list(report.field("recipients"), [_k(r) for r in predicted.get("recipients", [])], [_k(r) for r in gold["recipients"]], errs, "recipients")
    if "references" in gold:
        pref = {_k(r["doc_id"]): r for r in predicted.get("references", [])}
        gref = {_k(r["doc_id"]): r for r in gold["references"]}
        _score_list(report.field("references"), list(pref), list(gref), errs, "references")
        dates = report.field("references.date")
        for k, g in gref.items():
            p = pref.get(k)
            if p is None:
                dates.fn += 1 if g.get("date") else 0
                continue
            if g.get("date") == p.get("date"):
                dates.tp += 1 if g.get("date") else 0
            else:
                dates.fp += 1 if p.get("date") else 0
                dates.fn += 1 if g.get("date") else 0
                errs.append(f"references.date {k}: got {p.get('date')!r}, want {g.get('date')!r}")
        for k in pref.keys() - gref.keys():
            if pref[k].get("date"):
                dates.fp += 1
    if "tasks" in gold:
        _score_tasks(report.field("tasks"), predicted.get("tasks", []), gold["tasks"], errs)
    if "distribution" in gold:
        pd = [f"{_k(i['recipient'])} | {_k(i.get('purpose'))}" for i in predicted.get("distribution", [])]
        gd = [f"{_k(i['recipient'])} | {_k(i.get('purpose'))}" for i in gold["distribution"]]
        _score_list(report.field("distribution"), pd, gd, errs, "distribution")


def _score_list(
    fs: FieldScore,
    predicted: list[Any],
    gold: list[Any],
    errs: list[str],
    label: str,
    matches: Callable[[Any, Any], bool] = lambda p, g: p == g,
    show: Callable[[Any], str] = repr,
) -> None:
    """Count each predicted item against the first unmatched gold item it matches."""
    remaining = list(gold)
    for p in predicted:
        match = next((i for i, g in enumerate(remaining) if matches(p, g)), None)
        if match is not None:
            del remaining[match]
            fs.tp += 1
        else:
            fs.fp += 1
            errs.append(f"{label}: extra {show(p)}")
    fs.fn += len(remaining)
    errs.extend(f"{label}: missing {show(g)}" for g in remaining)


def _score_tasks(fs: FieldScore, predicted: list[dict[str, Any]], gold: list[dict[str, Any]], errs: list[str]) -> None:
    """A task matches when its number is the gold's and its text starts with the gold head."""

    def text(t: dict[str, Any]) -> str:
        return _k(t.get("text") or t.get("head") or "") or ""

    def matches(p: dict[str, Any], g: dict[str, Any]) -> bool:
        return str(g["number"]) == str(p["number"]) and text(p).startswith(_k(g.get("head")) or "")

    _score_list(fs, predicted, gold, errs, "tasks", matches, lambda t: f"{t['number']} {text(t)[:60]!r}")


def gold_pairs(directory: str | Path, fmt: str | None = None) -> list[tuple[Path, Path]]:
    """(document, gold) pairs of a folder: every ``*.gold.json`` and its document.

    With ``fmt`` ('docx', 'pdf'...), the document is the version in that format, found
    beside the gold file or in its ``formats/`` subfolder; golds without one are left out.
    """
    out: list[tuple[Path, Path]] = []
    for gold in sorted(Path(directory).glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        if fmt is not None:
            found = [p for p in (gold.with_name(f"{stem}.{fmt}"), gold.parent / "formats" / f"{stem}.{fmt}") if p.exists()]
            out.extend((found[0], gold) for _ in found[:1])
            continue
        doc = next((gold.with_name(stem + s) for s in GOLD_TEXT_SUFFIXES if gold.with_name(stem + s).exists()), None)
        if doc is None:
            data = json.loads(gold.read_text("utf-8"))
            named = gold.with_name(data.get("file", ""))
            doc = named if data.get("file") and named.exists() else None
        if doc is not None:
            out.append((doc, gold))
    return out


def evaluate(
    directory: str | Path,
    parse: Callable[[Path], Directive] | None = None,
    pairs: Iterable[tuple[Path, Path]] | None = None,
    fmt: str | None = None,
    ocr: Ocr = False,
) -> Report:
    """Score ``parse`` (default :func:`vndirective.parse`) on every gold file of ``directory``.

    ``fmt`` scores the versions of the documents in another format (see :func:`gold_pairs`).
    """
    if parse is None:
        from .core.pipeline import parse as parse_file

        def parse(path: Path) -> Directive:
            return parse_file(path, ocr=ocr)

    report = Report()
    for doc, gold_path in pairs if pairs is not None else gold_pairs(directory, fmt):
        gold = json.loads(gold_path.read_text("utf-8"))
        report.documents.append(doc.name)
        try:
            predicted = parse(doc).to_dict()
        except Exception as exc:  # a crash scores as an empty result, and is reported
            report.failures[doc.name] = f"{type(exc).__name__}: {exc}"
            predicted = {}
        compare(predicted, gold, report, doc.name)
    return report


ASSIGNMENT_FIELDS = ("assignments.lead", "assignments.coordinators", "assignments.deadline")
# Scored only against gold files that list every unit of their document (see evaluate_assignments).
DEADLINE_BY_UNIT = "assignments.deadline_by_unit"


def assignment_golds(directory: str | Path, documents: str | Path | Iterable[str | Path] | None = None) -> list[tuple[Path | None, Path]]:
    """(document, gold) pairs of an assignment gold folder, in name order; the document is None when not found.

    Two layouts: a corpus folder with ``assignments/<stem>.assign.json`` and the text ``<stem>.md``/``.txt``
    beside it; or a folder of ``<stem>.json`` files that name their document (``"document": "a.docx"``),
    looked for in ``documents`` (one folder or several; default the gold folder) so that documents that
    may not be copied stay where they are.
    """
    folder = Path(directory)
    if (folder / "assignments").is_dir():
        out: list[tuple[Path | None, Path]] = []
        for gold_path in sorted((folder / "assignments").glob("*.assign.json")):
            stem = gold_path.name.removesuffix(".assign.json")
            out.append((next((folder / f"{stem}{s}" for s in GOLD_TEXT_SUFFIXES if (folder / f"{stem}{s}").exists()), None), gold_path))
        return out
    places = [folder] if documents is None else [Path(documents)] if isinstance(documents, (str, Path)) else [Path(d) for d in documents]
    pairs: list[tuple[Path | None, Path]] = []
    for gold_path in sorted(folder.glob("*.json")):
        name = json.loads(gold_path.read_text("utf-8")).get("document")
        if name:
            pairs.append((next((p / name for p in places if (p / name).is_file()), None), gold_path))
    return pairs


def evaluate_assignments(
    directory: str | Path,
    *,
    documents: str | Path | Iterable[str | Path] | None = None,
    read_options: Mapping[str, Any] | None = None,
) -> Report:
    """Precision and recall of :attr:`Directive.assignments` against gold annotations.

    Gold: ``{"assignments": [{"task", "lead": [...] | null, "coordinators": [...], "deadline": {"text",
    "kind", "date"} | null}]}``, one record per assigning sentence (layouts: :func:`assignment_golds`).
    Leads and coordinators score as (task, body) pairs, deadlines as (task, text, kind, date). A gold
    file that names its document lists every unit (preamble, each task path, closing), the ones that
    assign nothing with ``"lead": null``; against those, ``assignments.deadline_by_unit`` is also the
    share of units whose deadlines are exactly the gold's (none where the gold has none).
    """
    from .core.pipeline import parse

    report = Report()
    for name in ASSIGNMENT_FIELDS:
        report.fields[name] = FieldScore(name, "f1")
    for doc, gold_path in assignment_golds(directory, documents):
        if doc is None:
            report.failures[gold_path.name] = "no document with this name"
            continue
        data = json.loads(gold_path.read_text("utf-8"))
        gold = data["assignments"]
        try:
            predicted = list(parse(doc, **(read_options or {})).assignments)
        except Exception as exc:  # a crash scores as no assignments, and is reported
            report.failures[doc.name] = f"{type(exc).__name__}: {exc}"
            predicted = []
        errs: list[str] = []

        def deadline_p(a: Any) -> list[tuple[str, str | None, str, str | None]]:
            d = a.deadline
            return [(a.task, _k(d.text), d.kind, d.date.isoformat() if d.date else None)] if d else []

        def deadline_g(g: dict[str, Any]) -> list[tuple[str, str | None, str, str | None]]:
            d = g.get("deadline")
            return [(g["task"], _k(d["text"]), d["kind"], d.get("date"))] if d else []

        for label, pick_p, pick_g in (
            ("assignments.lead", lambda a: [(a.task, _k(x.text)) for x in a.lead], lambda g: [(g["task"], _k(x)) for x in g["lead"] or []]),
            ("assignments.coordinators", lambda a: [(a.task, _k(x.text)) for x in a.coordinators], lambda g: [(g["task"], _k(x)) for x in g["coordinators"]]),
            ("assignments.deadline", deadline_p, deadline_g),
        ):
            _score_list(report.field(label), [x for a in predicted for x in pick_p(a)], [x for g in gold for x in pick_g(g)], errs, label)
        if data.get("document"):
            units = report.fields.setdefault(DEADLINE_BY_UNIT, FieldScore(DEADLINE_BY_UNIT, "accuracy"))
            for task in dict.fromkeys(g["task"] for g in gold):
                units.total += 1
                got = sorted(map(str, (x for a in predicted if a.task == task for x in deadline_p(a))))
                units.correct += got == sorted(map(str, (x for g in gold if g["task"] == task for x in deadline_g(g))))
        report.documents.append(doc.name)
        report.errors[doc.name] = errs
    return report
