"""Building the citation graph: document, organ and recipient nodes and their edges, from parsed documents."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import regex

from ..core.extract.relations import CITES, relation_order
from ..core.ids import DocumentId, parse_id
from ..core.model import Directive, Mention, Reference
from ._nx import nx
from .candidates import Candidate, choose
from .organs import LEVELS, Organ, compatible, id_key, organ_code, slug, with_level_code
from .resolve import Gazetteer, cited_organ, document_organ, recipient_organs

ORGAN = "organ:"
RECIPIENT = "recipient:"
UNRESOLVED = "?"


class HasDocuments(Protocol):
    """A store of parsed documents (``vndirective.bulk.store.Store``)."""

    def documents(self) -> Iterable[Directive]: ...


# --------------------------------------------------------------------------- building


@dataclass
class _Citation:
    """A citation waiting for every document to be indexed."""

    citing: str
    citing_name: str  # the citing document's number, else its file's stem: names its unresolved citations
    citing_date: dt.date | None
    did: DocumentId
    date: dt.date | None
    year: int | None
    issuer: str | None
    ctx: Organ
    relation: str
    cue: str | None
    relations: list[str]
    spans: list[list[int]]


@dataclass
class _Builder:
    undated: str
    G: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    index: dict[tuple[object, ...], list[tuple[str, Organ]]] = field(default_factory=lambda: defaultdict(list))
    pending: list[_Citation] = field(default_factory=list)
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    digests: dict[str, str] = field(default_factory=dict)  # node → digest of its text, for keys that may be shared

    def add(self, d: Directive) -> None:
        did = _parse(d.doc_id, d.doc_type)
        organ = document_organ(organ_code(did), d.system, d.issuer, d.issuer_parent)
        if did is not None:
            did = with_level_code(did, organ)
        name = did.canonical if did else document_name(d)
        node = doc_node(organ.key, name, d.date, None)
        if node in self.G:
            if d.date is not None and did is not None:
                self.G.nodes[node]["copies"] = self.G.nodes[node].get("copies", 1) + 1
                return  # the same document twice: its citations are already in
            found = self._another(node, d, did)
            if found is None:
                return  # a copy of a document already in
            node = found
        if d.date is None or did is None:
            self.digests[node] = _digest(d.text)
        self.G.add_node(node, **_document_attrs(d, did, organ, name))
        self.gazetteer.learn(organ)
        if did is not None:
            self.index[(id_key(did), organ.own)].append((node, organ))
        self._organ(organ, _header_label(d))
        _add_edge(self.G, ORGAN + organ.key, node, "issued", kind="issued", date=d.date)
        for recipient in d.recipients:
            self._recipient(node, recipient, organ)
        self.pending.extend(_citations(d, node, name, organ))

    def _another(self, node: str, d: Directive, did: DocumentId | None) -> str | None:
        """The key of a second document whose key would be ``node`` (a number printed without a
        date, or two unnumbered files of one stem): ``node|STEM`` for a number, else ``node#DIGEST``
        of its text (stable on every machine). None when a document of one of these keys has the
        same text: a copy, counted on it."""
        digest = _digest(d.text)
        stem = file_stem(d.source)
        for key in [node, *([f"{node}|{stem}"] if did is not None and stem else []), f"{node}#{digest}"]:
            if key not in self.G:
                return key
            if self.digests.get(key) == digest:
                self.G.nodes[key]["copies"] = self.G.nodes[key].get("copies", 1) + 1
                return None
        raise AssertionError("a digest key is taken only by a text of that digest")  # pragma: no cover

    def _organ(self, organ: Organ, label: str | None = None) -> str:
        node = ORGAN + organ.key
        if node not in self.G:
            self.G.add_node(node, **_organ_attrs(organ, label))
        elif label and self.G.nodes[node]["label"] == organ.label:
            self.G.nodes[node]["label"] = label  # the header as printed names it best
        return node

    def _recipient(self, node: str, text: str, ctx: Organ) -> None:
        organs = [o for o in recipient_organs(text, ctx) if isinstance(o, Organ)]
        for organ in organs:
            _add_edge(self.G, node, self._organ(organ), "addressed_to", kind="addressed_to", text=text)
        if not organs:
            target = f"{RECIPIENT}{slug(text)}@{ctx.key}"
            if target not in self.G:
                self.G.add_node(target, kind="recipient", label=text, organ=ctx.key)
            _add_edge(self.G, node, target, "addressed_to", kind="addressed_to", text=text)

    def finish(self) -> nx.MultiDiGraph:
        complete = lru_cache(maxsize=None)(self.gazetteer.complete)
        for c in self.pending:
            self._resolve(c, cited_organ(c.did, c.issuer, complete(c.ctx)))
        return self.G

    def _resolve(self, c: _Citation, cited: Organ | str) -> None:
        attrs: dict[str, Any] = {
            "kind": "cites",
            "relation": c.relation,
            "relations": c.relations if len(c.relations) > 1 else None,
            "cue": c.cue,
            "spans": c.spans,
            "cited_as": c.did.canonical,
            "cited_date": c.date,
            "date": c.citing_date,
            "issuer": c.issuer,
        }
        if isinstance(cited, str):
            target = self._unresolved(c, cited, ())
            attrs.update(resolution="unresolved", reason=cited)
        else:
            organ = cited
            if organ.assumed:
                attrs["assumed"] = _assumed(organ)
            did = with_level_code(c.did, organ)
            found = [(node, compatible(organ, other)) for node, other in self.index.get((id_key(did), organ.own), [])]
            candidates = [Candidate(node, self.G.nodes[node].get("date"), s) for node, s in found if s is not None and node != c.citing]
            decision = choose(
                candidates,
                cited_date=c.date,
                cited_year=c.year,
                citing_date=c.citing_date,
                system=did.system,
                level=organ.level,
                id_has_year=did.year is not None,
                undated=self.undated,
            )
            if decision.outcome == "resolved":
                assert decision.node is not None
                target = decision.node
                attrs.update(resolution="resolved", basis=decision.why)
            elif decision.outcome == "missing":
                target = self._missing(c, did, organ)
                attrs.update(resolution="not_in_corpus", note=decision.why)
            else:
                target = self._unresolved(c, decision.why or "", decision.candidates, organ)
                attrs.update(resolution="unresolved", reason=decision.why)
        _add_edge(self.G, c.citing, target, c.relation, **attrs)

    def _missing(self, c: _Citation, did: DocumentId, organ: Organ) -> str:
        node = doc_node(organ.key, did.canonical, c.date, c.year)
        if node not in self.G:
            known = _Known(did.canonical, did.doc_type, did.number, did.system, c.issuer, c.date, c.year)
            label = _doc_label(did.canonical, c.date, c.year)
            self.G.add_node(node, **_document_node(known, organ, label, in_corpus=False, assumed=_assumed(organ)))
            _add_edge(self.G, self._organ(organ), node, "issued", kind="issued", date=c.date, inferred=True)
        return node

    def _unresolved(self, c: _Citation, reason: str, candidates: tuple[str, ...], organ: Organ | None = None) -> str:
        node = unresolved_node(c.did.canonical, c.date, c.year, c.citing_name)
        if node in self.G and self.G.nodes[node].get("cited_by") != c.citing:
            node = f"{node}#{_digest(c.citing)}"  # another citing document of that number or file stem
        if node in self.G:
            return node  # the same citation again (two written forms of one number)
        self.G.add_node(
            node,
            **_clean(
                kind="unresolved",
                in_corpus=False,
                label="? " + _doc_label(c.did.canonical, c.date, c.year),
                doc_id=c.did.canonical,
                doc_type=c.did.doc_type,
                number=c.did.number,
                system=c.did.system,
                issuer=c.issuer,
                organ=organ.key if organ else None,
                date=c.date,
                year=c.year,
                reason=reason,
                candidates=list(candidates),
                cited_by=c.citing,
            ),
        )
        return node


def build_graph(directives: Iterable[Directive] | HasDocuments, *, undated: str = "same-period") -> nx.MultiDiGraph:
    """The citation graph of parsed documents (any iterable, read once, or a store with
    ``.documents()``).

    ``undated='same-period'`` links a citation printed without a date to the one corpus
    document of its organ and number when both are of the citing document's numbering
    period (the year for state numbers, the term for Party numbers); ``'never'`` leaves
    such citations unresolved.
    """
    if undated not in ("same-period", "never"):
        raise ValueError("undated must be 'same-period' or 'never'")
    docs = directives.documents() if hasattr(directives, "documents") else directives
    builder = _Builder(undated)
    for d in docs:
        builder.add(d)
    return builder.finish()


def _when(date: dt.date | None, year: int | None) -> str:
    return date.isoformat() if date else str(year) if year else "undated"


def doc_node(organ_key: str, doc_id: str, date: dt.date | None, year: int | None) -> str:
    """The node id of a document: 'TU@bac-giang|105-KL/TU|2021-06-15'; ``doc_id`` is the number,
    or for a parsed document without one the name :func:`document_name` gives it."""
    return f"{organ_key}|{doc_id}|{_when(date, year)}"


def unresolved_node(doc_id: str, date: dt.date | None, year: int | None, citing_name: str) -> str:
    """The node id of an unresolved citation: '?|15-HD/TU|undated|36-HD/VPTW' — the cited number and
    date, and the citing document's number (or file stem), not its whole key."""
    return f"{UNRESOLVED}|{doc_id}|{_when(date, year)}|{citing_name}"


_SEPARATORS = regex.compile(r"[\\/]")


def file_stem(source: str | None) -> str | None:
    """The stem of the file a document was read from, whatever machine wrote the path:
    '/srv/archive/CV-3155.docx' and 'C:\\archive\\CV-3155.docx' → 'CV-3155'. ``|`` (the key's
    separator) becomes ``_``."""
    if not source:
        return None
    name = _SEPARATORS.split(source.rstrip("\\/"))[-1]
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    return stem.replace("|", "_") or None


def document_name(d: Directive) -> str:
    """What names a parsed document without a number in its key: its file's stem, else (a text
    parsed from memory) 'text-' and a digest of its text. Never a path: the key is the same on
    every machine and in every run."""
    return file_stem(d.source) or f"text-{_digest(d.text)}"


def _digest(text: str) -> str:
    """Eight hex digits of a text's SHA-1: stable across runs and machines."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


@lru_cache(maxsize=65536)
def _parse(doc_id: str | None, doc_type: str | None) -> DocumentId | None:
    if not doc_id:
        return None
    did = parse_id(doc_id, doc_type)
    if did is not None and did.doc_type is None and doc_type:
        did = did.with_type(doc_type)
    return did


def _clean(**attrs: Any) -> dict[str, Any]:
    """Attributes without the empty ones: a node or edge never holds None, '' or []."""
    return {k: v for k, v in attrs.items() if v is not None and v != [] and v != ""}


def _add_edge(G: nx.MultiDiGraph, u: str, v: str, key: str, **attrs: Any) -> None:
    k, n = key, 1
    while G.has_edge(u, v, k):
        n += 1
        k = f"{key}#{n}"
    G.add_edge(u, v, key=k, **_clean(**attrs))


def _doc_label(doc_id: str, date: dt.date | None, year: int | None = None) -> str:
    when = f"{date.day:02d}/{date.month:02d}/{date.year}" if date else str(year) if year else ""
    return f"{doc_id} ({when})" if when else doc_id


def _assumed(organ: Organ) -> str | None:
    """The levels of the units a Gazetteer filled in ('province, district'), None when none was."""
    return ", ".join(LEVELS[i + 1] for i in organ.assumed) or None


def _header_label(d: Directive) -> str | None:
    if d.issuer and d.issuer_parent:
        return f"{d.issuer} ({d.issuer_parent})"
    return d.issuer


@dataclass(frozen=True)
class _Known:
    """What is known of a document, from its own header or from a citation of it."""

    doc_id: str | None
    doc_type: str | None
    number: str | None
    system: str | None
    issuer: str | None
    date: dt.date | None
    year: int | None


def _document_node(
    k: _Known, organ: Organ, label: str, *, in_corpus: bool, issuer_parent: str | None = None, assumed: str | None = None, **extra: Any
) -> dict[str, Any]:
    """The attributes of a document node: one schema for a parsed document and for one known only from citations."""
    return _clean(
        kind="document",
        in_corpus=in_corpus,
        label=label,
        doc_id=k.doc_id,
        doc_type=k.doc_type,
        number=k.number,
        system=k.system,
        issuer=k.issuer,
        issuer_parent=issuer_parent,
        organ=organ.key,
        level=organ.level,
        assumed=assumed,
        date=k.date,
        year=k.year,
        **extra,
    )


def _document_attrs(d: Directive, did: DocumentId | None, organ: Organ, name: str) -> dict[str, Any]:
    year = d.date.year if d.date else did.year if did else None
    known = _Known(d.doc_id, d.doc_type, d.number, d.system, d.issuer, d.date, year)
    label = _doc_label(d.doc_id or name, d.date)
    return _document_node(
        known, organ, label, in_corpus=True, issuer_parent=d.issuer_parent, subject=d.subject, place=d.place, source=d.source, recipients=list(d.recipients)
    )


def _organ_attrs(organ: Organ, label: str | None) -> dict[str, Any]:
    return _clean(
        kind="organ",
        label=label or organ.label,
        organ=organ.key,
        code=organ.code,
        level=organ.level,
        province=organ.name_at("province") or None,
        district=organ.name_at("district") or None,
        commune=organ.name_at("commune") or None,
        name=organ.name,
    )


def _citations(d: Directive, node: str, name: str, organ: Organ) -> Iterator[_Citation]:
    """The citations of a document: one per cited document and date."""
    if not d.references:
        return
    for ref in d.references:
        did = _parse(ref.doc_id, ref.doc_type)
        if did is None:
            continue
        for date, mentions in _by_date(ref).items():
            relation, cue, relations = _edge_relation([(m.relation or CITES, m.cue) for m in mentions])
            yield _Citation(
                citing=node,
                citing_name=name,
                citing_date=d.date,
                did=did,
                date=date,
                year=date.year if date else ref.year,
                issuer=_issuer(ref, date, mentions),
                ctx=organ,
                relation=relation,
                cue=cue,
                relations=relations,
                spans=[m.span.to_list() for m in mentions],
            )


def _issuer(ref: Reference, date: dt.date | None, mentions: list[Mention]) -> str | None:
    """The issuer of a cited document as its mentions of one date print it (the extractor reads an issuer
    written before the number too: 'Kế hoạch của Ban Thường vụ Tỉnh ủy Lạng Sơn số 193-KH/TU')."""
    # The full citation (with its date) names the issuer best.
    issuer = next((m.issuer for m in mentions if m.issuer and m.date), None) or next((m.issuer for m in mentions if m.issuer), None)
    if issuer is None and date == ref.date:
        issuer = ref.issuer
    return issuer


def _edge_relation(found: list[tuple[str, str | None]]) -> tuple[str, str | None, list[str]]:
    """(relation, cue, relations) of an edge from its mentions' (relation, cue): the strongest
    relation (the first in the table's order), its first printed cue, and all of them."""
    order = relation_order()
    relations = sorted({r for r, _ in found}, key=order.__getitem__)
    relation = relations[0]
    cue = next((c for r, c in found if r == relation and c), None)
    return relation, cue, relations


def _by_date(ref: Reference) -> dict[dt.date | None, list[Mention]]:
    """Mentions grouped by the date printed with them: one number cited with two dates
    is two documents (of two terms or years). Undated mentions go with the reference's date."""
    groups: dict[dt.date | None, list[Mention]] = defaultdict(list)
    for m in ref.mentions:
        groups[m.date or ref.date].append(m)
    return dict(groups)
