"""The citation graph of a corpus: which document cites which, and who issued what.

>>> G = build_graph(vndirective.parse(p) for p in paths)      # doctest: +SKIP
>>> cites(G, find(G, "334-CV/HU")[0])                          # doctest: +SKIP
['TU@bac-giang|105-KL/TU|2021-06-15', 'HU@bac-giang/luc-ngan|25-NQ/HU|2021-01-05']

:func:`build_graph` returns a networkx ``MultiDiGraph`` with three kinds of nodes
(attribute ``kind``):

- ``'document'``: a document of the corpus (``in_corpus=True``, with its metadata) or one
  known only from citations (``in_corpus=False``). Id: ``ORGAN|DOC_ID|DATE`` (the date,
  or the year, or ``undated``), e.g. ``'TU@bac-giang|105-KL/TU|2021-06-15'``;
- ``'unresolved'``: a citation whose document the context does not decide, with the
  ``reason`` and the ``candidates``. Id: ``?|DOC_ID|CITING NODE``;
- ``'organ'``: an issuing organ (``'organ:HU@bac-giang/luc-ngan'``) and ``'recipient'``:
  a recipient that is not one organ ('Các chi, đảng bộ trực thuộc').

Edges (attribute ``kind``): ``'cites'`` from the citing to the cited document (``relation``
'implements', 'based_on', 'amends', 'repeals', 'replaces', 'guided_by' or 'cites';
``spans`` of the mentions; ``date`` of the citing document and ``cited_date`` as printed;
``resolution`` 'resolved', 'not_in_corpus' or 'unresolved'), ``'issued'`` from an organ to
its documents and ``'addressed_to'`` from a document to its recipients. Edge keys are
the relation (``'implements'``), ``'issued'`` or ``'addressed_to'``.

How citations are resolved: :mod:`vndirective.resolve`. The exports keep every attribute:
lists as JSON text and dates as ISO text in the files, read back to the same graph by
the ``read_*`` functions.
"""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

try:
    import networkx as nx
except ImportError as exc:  # pragma: no cover - depends on the install
    raise ImportError("vndirective.graph needs networkx: pip install 'vndirective[graph]'") from exc

from . import resolve as rs
from .ids import DocumentId, parse_id
from .model import Directive, Mention, Reference
from .normalize import fold

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "build_graph",
    "citation_stats",
    "cited_by",
    "cites",
    "find",
    "implementation_chain",
    "missing_documents",
    "most_cited",
    "plot_neighbourhood",
    "read_edge_csv",
    "read_gexf",
    "read_graphml",
    "read_node_link_json",
    "timeline",
    "write_edge_csv",
    "write_gexf",
    "write_graphml",
    "write_node_link_json",
]

ORGAN = "organ:"
RECIPIENT = "recipient:"
UNRESOLVED = "?"


class HasDocuments(Protocol):
    """A store of parsed documents (``vndirective.store.Store``)."""

    def documents(self) -> Iterable[Directive]: ...


# --------------------------------------------------------------------------- building


@dataclass
class _Citation:
    """A citation waiting for every document to be indexed."""

    citing: str
    citing_date: dt.date | None
    did: DocumentId
    date: dt.date | None
    year: int | None
    issuer: str | None
    ctx: rs.Organ
    relation: str
    cue: str | None
    relations: list[str]
    spans: list[list[int]]


@dataclass
class _Builder:
    undated: str
    G: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    index: dict[tuple[object, ...], list[tuple[str, rs.Organ]]] = field(default_factory=lambda: defaultdict(list))
    pending: list[_Citation] = field(default_factory=list)
    gazetteer: rs.Gazetteer = field(default_factory=rs.Gazetteer)

    def add(self, d: Directive, position: int) -> None:
        did = _parse(d.doc_id, d.doc_type)
        organ = rs.document_organ(rs.organ_code(did), d.system, d.issuer, d.issuer_parent)
        if did is not None:
            did = rs.with_level_code(did, organ)
        node = doc_node(organ.key, did.canonical if did else "?", d.date, None)
        if node in self.G:
            if d.date is not None and did is not None:
                self.G.nodes[node]["copies"] = self.G.nodes[node].get("copies", 1) + 1
                return  # the same document twice: its citations are already in
            node = f"{node}|{d.source or position}"
        self.G.add_node(node, **_document_attrs(d, did, organ))
        self.gazetteer.learn(organ)
        if did is not None:
            self.index[(rs.id_key(did), organ.own)].append((node, organ))
        self._organ(organ, _header_label(d))
        _add_edge(self.G, ORGAN + organ.key, node, "issued", kind="issued", date=d.date)
        for recipient in d.recipients:
            self._recipient(node, recipient, organ)
        self.pending.extend(_citations(d, node, organ))

    def _organ(self, organ: rs.Organ, label: str | None = None) -> str:
        node = ORGAN + organ.key
        if node not in self.G:
            self.G.add_node(node, **_organ_attrs(organ, label))
        elif label and self.G.nodes[node]["label"] == organ.label:
            self.G.nodes[node]["label"] = label  # the header as printed names it best
        return node

    def _recipient(self, node: str, text: str, ctx: rs.Organ) -> None:
        organs = [o for o in recipient_organs(text, ctx) if isinstance(o, rs.Organ)]
        for organ in organs:
            _add_edge(self.G, node, self._organ(organ), "addressed_to", kind="addressed_to", text=text)
        if not organs:
            target = f"{RECIPIENT}{rs.slug(text)}@{ctx.key}"
            if target not in self.G:
                self.G.add_node(target, kind="recipient", label=text, organ=ctx.key)
            _add_edge(self.G, node, target, "addressed_to", kind="addressed_to", text=text)

    def finish(self) -> nx.MultiDiGraph:
        complete = lru_cache(maxsize=None)(self.gazetteer.complete)
        for c in self.pending:
            self._resolve(c, rs.cited_organ(c.did, c.issuer, complete(c.ctx)))
        return self.G

    def _resolve(self, c: _Citation, cited: rs.Organ | str) -> None:
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
                attrs["assumed"] = ", ".join(rs.LEVELS[i + 1] for i in organ.assumed)
            did = rs.with_level_code(c.did, organ)
            found = [(node, rs.compatible(organ, other)) for node, other in self.index.get((rs.id_key(did), organ.own), [])]
            candidates = [rs.Candidate(node, self.G.nodes[node].get("date"), s) for node, s in found if s is not None and node != c.citing]
            decision = rs.choose(
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

    def _missing(self, c: _Citation, did: DocumentId, organ: rs.Organ) -> str:
        node = doc_node(organ.key, did.canonical, c.date, c.year)
        if node not in self.G:
            self.G.add_node(
                node,
                **_clean(
                    kind="document",
                    in_corpus=False,
                    label=_doc_label(did.canonical, c.date, c.year),
                    doc_id=did.canonical,
                    doc_type=did.doc_type,
                    number=did.number,
                    system=did.system,
                    issuer=c.issuer,
                    organ=organ.key,
                    level=organ.level,
                    assumed=", ".join(rs.LEVELS[i + 1] for i in organ.assumed) or None,
                    date=c.date,
                    year=c.year,
                ),
            )
            _add_edge(self.G, self._organ(organ), node, "issued", kind="issued", date=c.date, inferred=True)
        return node

    def _unresolved(self, c: _Citation, reason: str, candidates: tuple[str, ...], organ: rs.Organ | None = None) -> str:
        node = f"{UNRESOLVED}|{c.did.canonical}|{c.citing}"
        if node in self.G:
            node = f"{node}|{c.date or c.year or 'undated'}"
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
    for i, d in enumerate(docs):
        builder.add(d, i)
    return builder.finish()


def doc_node(organ_key: str, doc_id: str, date: dt.date | None, year: int | None) -> str:
    """The node id of a document: 'TU@bac-giang|105-KL/TU|2021-06-15'."""
    when = date.isoformat() if date else str(year) if year else "undated"
    return f"{organ_key}|{doc_id}|{when}"


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


def _header_label(d: Directive) -> str | None:
    if d.issuer and d.issuer_parent:
        return f"{d.issuer} ({d.issuer_parent})"
    return d.issuer


def _document_attrs(d: Directive, did: DocumentId | None, organ: rs.Organ) -> dict[str, Any]:
    return _clean(
        kind="document",
        in_corpus=True,
        label=_doc_label(d.doc_id or "?", d.date),
        doc_id=d.doc_id,
        doc_type=d.doc_type,
        number=d.number,
        system=d.system,
        issuer=d.issuer,
        issuer_parent=d.issuer_parent,
        organ=organ.key,
        level=organ.level,
        date=d.date,
        year=d.date.year if d.date else did.year if did else None,
        subject=d.subject,
        place=d.place,
        source=d.source,
        recipients=list(d.recipients),
    )


def _organ_attrs(organ: rs.Organ, label: str | None) -> dict[str, Any]:
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


def _citations(d: Directive, node: str, organ: rs.Organ) -> Iterator[_Citation]:
    """The citations of a document: one per cited document and date."""
    if not d.references:
        return
    low = rs.lowered(d.text)
    mentions = [m for r in d.references for m in r.mentions]
    masks = rs.mention_masks(d.text, [(m.span.start, m.span.end, _tail(m), m.type_word) for m in mentions], low)
    for ref in d.references:
        did = _parse(ref.doc_id, ref.doc_type)
        if did is None:
            continue
        for date, mentions in _by_date(ref).items():
            # The full citation (with its date) names the issuer best.
            issuer = next((m.issuer for m in mentions if m.issuer and m.date), None) or next((m.issuer for m in mentions if m.issuer), None)
            if issuer is None and date == ref.date:
                issuer = ref.issuer
            if issuer is None:  # 'Kế hoạch của Ban Thường vụ Tỉnh ủy Lạng Sơn số 193-KH/TU'
                issuer = next((x for m in mentions if (x := rs.issuer_before(d.text, m.span.start, m.type_word))), None)
            found = [rs.relation_before(d.text, m.span.start, masks, low) for m in mentions]
            order = rs.relation_order()
            relations = sorted({r for r, _ in found}, key=order.__getitem__)
            relation = relations[0]
            cue = next((c for r, c in found if r == relation and c), None)
            yield _Citation(
                citing=node,
                citing_date=d.date,
                did=did,
                date=date,
                year=date.year if date else ref.year,
                issuer=issuer,
                ctx=organ,
                relation=relation,
                cue=cue,
                relations=relations,
                spans=[m.span.to_list() for m in mentions],
            )


def _tail(m: Mention) -> int:
    """Where the citation ends: after its date and issuer phrase when they follow it."""
    return max([m.span.end] + [s.end for s in (m.date_span, m.issuer_span) if s is not None and s.start >= m.span.start])


def _by_date(ref: Reference) -> dict[dt.date | None, list[Mention]]:
    """Mentions grouped by the date printed with them: one number cited with two dates
    is two documents (of two terms or years). Undated mentions go with the reference's date."""
    groups: dict[dt.date | None, list[Mention]] = defaultdict(list)
    for m in ref.mentions:
        groups[m.date or ref.date].append(m)
    return dict(groups)


@cache
def _recipient_table() -> dict[str, str]:
    """Recipient head words (folded, upper case, longest first) → organ code."""
    found = {fold(k).upper(): v for k, v in rs.table()["recipient_organs"].items() if not k.startswith("_")}
    return dict(sorted(found.items(), key=lambda kv: -len(kv[0])))


def recipient_organs(text: str, ctx: rs.Organ) -> list[rs.Organ | str]:
    """The organs a recipient line names ('HĐND, UBND huyện' → HĐND and UBND of the district)."""
    table = _recipient_table()
    parts = [p.strip() for p in fold(text).replace(" và ", ",").split(",") if p.strip()]
    found: list[tuple[str, str, str]] = []
    for part in parts:
        up = part.upper()
        head = next((h for h in table if up.startswith(h)), None)
        if head:
            found.append((table[head], part, part[len(head) :].strip()))
    tail = found[-1][2] if found else ""
    out: list[rs.Organ | str] = []
    for code, part, rest in found:
        phrase = part if rest or not tail else f"{part} {tail}"
        system = "party" if code in ("TU", "HU", "QU", "TXU", "ĐU", "TW") else "state"
        out.append(rs.cited_organ(DocumentId("0", None, code, system), phrase, ctx))
    return out


# --------------------------------------------------------------------------- queries


def _doc_nodes(G: nx.MultiDiGraph, edges: Iterable[tuple[str, str, dict[str, Any]]], pick: Callable[[str, str], str]) -> list[str]:
    seen: dict[str, None] = {}
    for u, v, data in edges:
        if data.get("kind") == "cites":
            seen.setdefault(pick(u, v))
    return sorted(seen, key=lambda n: _when(G, n))


def _when(G: nx.MultiDiGraph, node: str) -> tuple[bool, dt.date, str]:
    date = G.nodes[node].get("date")
    return (date is None, date or dt.date.max, node)


def cites(G: nx.MultiDiGraph, node: str) -> list[str]:
    """The documents ``node`` cites (resolved, cited-only and unresolved nodes), oldest first."""
    return _doc_nodes(G, G.out_edges(node, data=True), lambda u, v: v)


def cited_by(G: nx.MultiDiGraph, node: str) -> list[str]:
    """The documents that cite ``node``, oldest first."""
    return _doc_nodes(G, G.in_edges(node, data=True), lambda u, v: u)


def implementation_chain(G: nx.MultiDiGraph, node: str, relations: Iterable[str] | None = None) -> list[str]:
    """The chain of documents ``node`` implements, up to the top: a commune's plan → the
    district's công văn → the province's kết luận → the central resolution.

    Each step follows a 'implements' or 'based_on' edge (``relations``) to a resolved or
    cited-only document. Where there are several, the step goes to the nearest level
    above (then 'implements' before 'based_on', then the latest date, then the id), so
    the chain climbs one level at a time and is the same on every run.
    """
    wanted = tuple(relations or rs.table()["chain_relations"])
    chain = [node]
    seen = {node}
    while True:
        here = rs.level_index(G.nodes[chain[-1]].get("level"))
        options = [
            (v, data["relation"])
            for _, v, data in G.out_edges(chain[-1], data=True)
            if data.get("kind") == "cites" and data.get("relation") in wanted and G.nodes[v].get("kind") == "document" and v not in seen
        ]
        if not options:
            return chain

        def rank(option: tuple[str, str], here: int = here) -> tuple[int, int, int, int, str]:
            v, relation = option
            level = rs.level_index(G.nodes[v].get("level"))
            date = G.nodes[v].get("date")
            return (0 if level < here else 1, here - level if level < here else 0, wanted.index(relation), -(date.toordinal() if date else 0), v)

        nxt = min(options, key=rank)[0]
        chain.append(nxt)
        seen.add(nxt)


def _citing_count(G: nx.MultiDiGraph, node: str) -> int:
    return len({u for u, _, data in G.in_edges(node, data=True) if data.get("kind") == "cites"})


def most_cited(G: nx.MultiDiGraph, n: int | None = 10, *, in_corpus: bool | None = None) -> list[tuple[str, int]]:
    """Documents by the number of documents that cite them (most first, then by id).

    ``in_corpus`` keeps only the documents of the corpus (True) or only the cited-only
    ones (False)."""
    found = [
        (node, _citing_count(G, node))
        for node, data in G.nodes(data=True)
        if data.get("kind") == "document" and (in_corpus is None or data.get("in_corpus") == in_corpus)
    ]
    ranked = sorted((x for x in found if x[1] > 0), key=lambda x: (-x[1], x[0]))
    return ranked if n is None else ranked[:n]


def missing_documents(G: nx.MultiDiGraph, n: int | None = None) -> list[tuple[str, int]]:
    """Documents cited but not in the corpus, the most cited first: what to collect next."""
    return most_cited(G, n, in_corpus=False)


def timeline(G: nx.MultiDiGraph, organ: str) -> list[tuple[dt.date | None, str]]:
    """The documents an organ issued (those of the corpus and those known from
    citations), by date: ``[(date, node), ...]``. ``organ`` is an organ node
    ('organ:HU@bac-giang/luc-ngan') or its key ('HU@bac-giang/luc-ngan')."""
    node = organ if organ.startswith(ORGAN) else ORGAN + organ
    if node not in G:
        raise KeyError(f"no organ {organ!r} in the graph")
    docs = {v for _, v, data in G.out_edges(node, data=True) if data.get("kind") == "issued"}
    return [(G.nodes[v].get("date"), v) for v in sorted(docs, key=lambda v: _when(G, v))]


def find(
    G: nx.MultiDiGraph,
    doc_id: str,
    *,
    organ: str | None = None,
    date: dt.date | None = None,
    year: int | None = None,
    in_corpus: bool | None = None,
) -> list[str]:
    """The nodes of a document number, in any written form ('105/KL/TU'), oldest first;
    narrowed by organ key, date, year or presence in the corpus."""
    wanted = _norm_id(doc_id)
    out = []
    for node, data in G.nodes(data=True):
        if data.get("kind") not in ("document", "unresolved") or _norm_id(data.get("doc_id", "")) != wanted:
            continue
        if organ is not None and data.get("organ") != organ.removeprefix(ORGAN):
            continue
        if date is not None and data.get("date") != date:
            continue
        if year is not None and data.get("year") != year:
            continue
        if in_corpus is not None and data.get("in_corpus") != in_corpus:
            continue
        out.append(node)
    return sorted(out, key=lambda n: _when(G, n))


@lru_cache(maxsize=65536)
def _norm_id(doc_id: str) -> object:
    did = parse_id(doc_id) if doc_id else None
    if did is None:
        return doc_id
    organ = {"TƯ": "TU"}.get(did.organ, did.organ)
    return rs.id_key(DocumentId(did.number, did.doc_type, organ, did.system, did.year))


def citation_stats(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts of the citations by resolution, relation and reason of non-resolution."""
    by: dict[str, dict[str, int]] = {"resolution": defaultdict(int), "relation": defaultdict(int), "reason": defaultdict(int)}
    for _, _, data in G.edges(data=True):
        if data.get("kind") != "cites":
            continue
        by["resolution"][data["resolution"]] += 1
        by["relation"][data["relation"]] += 1
        if data.get("reason"):
            by["reason"][data["reason"]] += 1
    return {k: dict(sorted(v.items(), key=lambda kv: -kv[1])) for k, v in by.items()}


# --------------------------------------------------------------------------- exports

# How attributes are written to files that hold only text and numbers (GraphML, GEXF,
# CSV) — and read back. Attributes not listed are text.
_DATES = frozenset({"date", "cited_date"})
_LISTS = frozenset({"spans", "relations", "recipients", "candidates"})
_INTS = frozenset({"year", "copies"})
_BOOLS = frozenset({"in_corpus", "inferred"})
_BOOKKEEPING = frozenset({"node_default", "edge_default", "mode"})
_EDGE_KEY = "edge_key"
# node-link JSON names the edge list 'edges' (networkx >= 3.4 takes ``edges=``, older ones ``link=``).
_EDGES_KEY = {"edges": "edges"} if "edges" in inspect.signature(nx.node_link_data).parameters else {"link": "edges"}


def encode(attrs: dict[str, Any]) -> dict[str, Any]:
    """The exported form of attributes: dates as ISO text, lists as JSON text."""
    out: dict[str, Any] = {}
    for k, v in attrs.items():
        if k in _DATES and isinstance(v, dt.date):
            out[k] = v.isoformat()
        elif k in _LISTS:
            out[k] = json.dumps(v, ensure_ascii=False)
        else:
            out[k] = v
    return out


def decode(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes as :func:`build_graph` made them, from their exported form."""
    out: dict[str, Any] = {}
    for k, v in attrs.items():
        if v == "" or v is None:
            continue
        if k in _DATES:
            out[k] = dt.date.fromisoformat(v) if isinstance(v, str) else v
        elif k in _LISTS:
            out[k] = json.loads(v) if isinstance(v, str) else v
        elif k in _INTS:
            out[k] = int(v)
        elif k in _BOOLS:
            out[k] = v if isinstance(v, bool) else str(v).lower() == "true"
        else:
            out[k] = v
    return out


def exportable(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the graph with every attribute in its exported form."""
    H = nx.MultiDiGraph()
    H.graph.update(encode(G.graph))
    H.add_nodes_from((n, encode(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, encode(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def restored(H: nx.Graph, drop_edge: frozenset[str] = frozenset()) -> nx.MultiDiGraph:
    """The graph as built from a read-back export: attributes decoded, format bookkeeping
    dropped, edge keys from the file (or from the ``edge_key`` attribute of a GEXF file
    that networkx read as a simple graph)."""
    G = nx.MultiDiGraph()
    G.graph.update(decode({k: v for k, v in H.graph.items() if k not in _BOOKKEEPING}))
    G.add_nodes_from((str(n), decode(d)) for n, d in H.nodes(data=True))
    edges = H.edges(keys=True, data=True) if H.is_multigraph() else ((u, v, None, d) for u, v, d in H.edges(data=True))
    for u, v, k, d in edges:
        data = {a: b for a, b in d.items() if a not in drop_edge}
        key = data.pop(_EDGE_KEY, k)
        G.add_edge(str(u), str(v), key=str(key), **decode(data))
    return G


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """GraphML (Gephi, yEd, Cytoscape); :func:`read_graphml` gives the same graph back."""
    nx.write_graphml(exportable(G), str(path), encoding="utf-8")


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    return restored(nx.read_graphml(str(path), force_multigraph=True))


def write_gexf(G: nx.MultiDiGraph, path: str | Path) -> None:
    """GEXF 1.2 (Gephi's own format); :func:`read_gexf` gives the same graph back.
    Each edge also carries its key as ``edge_key``."""
    H = exportable(G)
    for _, _, k, d in H.edges(keys=True, data=True):
        d[_EDGE_KEY] = k
    nx.write_gexf(H, str(path), encoding="utf-8")


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    return restored(nx.read_gexf(str(path), node_type=str, relabel=False), drop_edge=frozenset({"id"}))


def write_node_link_json(G: nx.MultiDiGraph, path: str | Path) -> None:
    """networkx node-link JSON (D3, Observable, ``nx.node_link_graph``), UTF-8 Vietnamese kept."""
    data = nx.node_link_data(exportable(G), **_EDGES_KEY)
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def read_node_link_json(path: str | Path) -> nx.MultiDiGraph:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return restored(nx.node_link_graph(data, directed=True, multigraph=True, **_EDGES_KEY))


def write_edge_csv(G: nx.MultiDiGraph, path: str | Path, nodes_path: str | Path | None = None) -> None:
    """Edges as CSV in Gephi's spreadsheet form (Source, Target, Type, Id, Label, then the
    attributes), and the nodes (Id, Label, attributes) to ``nodes_path`` when given.
    UTF-8 with a byte-order mark, so that spreadsheet programs read the Vietnamese."""
    H = exportable(G)
    edge_keys = sorted({k for _, _, d in H.edges(data=True) for k in d})
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(["Source", "Target", "Type", "Id", "Label", "Key", *edge_keys])
        for i, (u, v, k, d) in enumerate(H.edges(keys=True, data=True)):
            w.writerow([u, v, "Directed", i, d.get("relation", d.get("kind", "")), k, *(_cell(d.get(a)) for a in edge_keys)])
    if nodes_path is not None:
        node_keys = sorted({k for _, d in H.nodes(data=True) for k in d} - {"label"})
        with open(nodes_path, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f)
            w.writerow(["Id", "Label", *node_keys])
            for n, d in H.nodes(data=True):
                w.writerow([n, d.get("label", ""), *(_cell(d.get(a)) for a in node_keys)])


def _cell(v: Any) -> str:
    return "" if v is None else str(v)


def read_edge_csv(path: str | Path, nodes_path: str | Path | None = None) -> nx.MultiDiGraph:
    """The graph from :func:`write_edge_csv`'s files (without ``nodes_path``, nodes have no attributes)."""
    G = nx.MultiDiGraph()
    if nodes_path is not None:
        with open(nodes_path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                node = row.pop("Id")
                label = row.pop("Label")
                G.add_node(node, **decode({**row, "label": label}))
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            u, v, key = row.pop("Source"), row.pop("Target"), row.pop("Key")
            for col in ("Type", "Id", "Label"):
                row.pop(col)
            G.add_edge(u, v, key=key, **decode(row))
    return G


# --------------------------------------------------------------------------- plot

_COLOURS = {"in_corpus": "#4c72b0", "cited_only": "#dd8452", "unresolved": "#c44e52", "organ": "#55a868", "recipient": "#8c8c8c"}


def _colour(data: dict[str, Any]) -> str:
    kind = data.get("kind")
    if kind == "document":
        return _COLOURS["in_corpus" if data.get("in_corpus") else "cited_only"]
    return _COLOURS.get(str(kind), "#8c8c8c")


def plot_neighbourhood(
    G: nx.MultiDiGraph,
    node: str,
    ax: Axes | None = None,
    radius: int = 1,
    *,
    organs: bool = False,
    seed: int = 7,
) -> Axes:
    """Draw the documents within ``radius`` citations of ``node`` (and their organs when
    ``organs``) with matplotlib, for notebooks. Labels use DejaVu Sans, which has every
    Vietnamese letter. Blue: in the corpus; orange: cited only; red: unresolved;
    green: organs. Needs ``pip install "vndirective[plot]"``."""
    import matplotlib.pyplot as plt

    keep = {n for n, d in G.nodes(data=True) if organs or d.get("kind") in ("document", "unresolved")}
    view = G.subgraph(keep | {node})
    H = nx.ego_graph(view, node, radius=radius, undirected=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 7))
    pos = nx.spring_layout(H, seed=seed, k=1.5 / max(1, len(H)) ** 0.5)
    labels = {n: _plot_label(H.nodes[n]) for n in H}
    font = {"font_family": "DejaVu Sans"}
    nx.draw_networkx_nodes(H, pos, ax=ax, node_color=[_colour(H.nodes[n]) for n in H], node_size=[700 if n == node else 350 for n in H])
    nx.draw_networkx_edges(H, pos, ax=ax, arrows=True, arrowstyle="-|>", arrowsize=14, edge_color="#999999", connectionstyle="arc3,rad=0.08")
    below = {n: (x, y - 0.07) for n, (x, y) in pos.items()}
    nx.draw_networkx_labels(H, below, labels=labels, ax=ax, font_size=8, verticalalignment="top", bbox={"fc": "white", "ec": "none", "alpha": 0.75}, **font)
    edge_labels = {(u, v): d.get("relation", "") for u, v, d in H.edges(data=True) if d.get("kind") == "cites" and d.get("relation") != "cites"}
    nx.draw_networkx_edge_labels(nx.DiGraph(H), pos, edge_labels=edge_labels, ax=ax, font_size=7, **font)
    kinds = {
        "có trong kho (in corpus)": "in_corpus",
        "chỉ được trích dẫn (cited only)": "cited_only",
        "chưa xác định (unresolved)": "unresolved",
        "cơ quan (organ)": "organ",
    }
    handles = [plt.Line2D([], [], marker="o", ls="", color=_COLOURS[k], label=name) for name, k in kinds.items()]
    ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=False, prop={"family": "DejaVu Sans", "size": 7})
    ax.set_title(labels[node].replace("\n", " — "), fontfamily="DejaVu Sans")
    ax.margins(0.15)
    ax.set_axis_off()
    return ax


def _plot_label(data: dict[str, Any]) -> str:
    label = str(data.get("label", ""))
    issuer = data.get("issuer")
    if data.get("kind") == "document" and issuer:
        label += "\n" + str(issuer)[:40]
    return label
