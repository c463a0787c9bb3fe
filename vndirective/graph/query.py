"""Queries on the citation graph: what a document cites and is cited by, chains, counts, timelines, lookup by number."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..core.ids import DocumentId, parse_id
from .build import ORGAN, file_stem
from .organs import id_key, level_index
from .tables import table

if TYPE_CHECKING:
    import networkx as nx


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
    wanted = tuple(relations or table()["chain_relations"])
    chain = [node]
    seen = {node}
    while True:
        here = level_index(G.nodes[chain[-1]].get("level"))
        options = [
            (v, data["relation"])
            for _, v, data in G.out_edges(chain[-1], data=True)
            if data.get("kind") == "cites" and data.get("relation") in wanted and G.nodes[v].get("kind") == "document" and v not in seen
        ]
        if not options:
            return chain

        def rank(option: tuple[str, str], here: int = here) -> tuple[int, int, int, int, str]:
            v, relation = option
            level = level_index(G.nodes[v].get("level"))
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
    narrowed by organ key, date, year or presence in the corpus.

    A document without a number is found by its file: ``doc_id`` may also be a node id, or the
    name, stem or path of the file a document was read from ('CV-3155.docx'); these are tried
    when no number matches."""
    wanted = _norm_id(doc_id)
    named = [n for n, d in G.nodes(data=True) if d.get("kind") in ("document", "unresolved") and _norm_id(d.get("doc_id", "")) == wanted]
    if not named:
        named = [doc_id] if doc_id in G and G.nodes[doc_id].get("kind") in ("document", "unresolved") else _by_file(G, doc_id)
    out = []
    for node in named:
        data = G.nodes[node]
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


def _by_file(G: nx.MultiDiGraph, name: str) -> list[str]:
    """The parsed documents read from the file ``name``: its path, a tail of it ('realfiles/x.docx'),
    its name ('x.docx') or its stem ('x')."""
    wanted = name.replace("\\", "/")
    found = []
    for n, d in G.nodes(data=True):
        source = str(d.get("source") or "").replace("\\", "/")
        if source and (source == wanted or source.endswith("/" + wanted) or file_stem(source) == wanted):
            found.append(n)
    return found


def describe(G: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """What a person needs to recognise a node in a listing: its id, its label, the file a parsed
    document was read from (``source``), whether it is only cited, and why an unresolved citation
    is unresolved. The command line's query output is made of these."""
    data = G.nodes[node]
    out: dict[str, Any] = {"node": node, "label": data.get("label")}
    if data.get("source"):
        out["source"] = data["source"]
    if data.get("kind") == "document" and not data.get("in_corpus"):
        out["in_corpus"] = False
    if data.get("kind") == "unresolved":
        out["reason"] = data.get("reason")
    return {k: v for k, v in out.items() if v is not None}


@lru_cache(maxsize=65536)
def _norm_id(doc_id: str) -> object:
    did = parse_id(doc_id) if doc_id else None
    if did is None:
        return doc_id
    organ = {"TƯ": "TU"}.get(did.organ, did.organ)
    return id_key(DocumentId(did.number, did.doc_type, organ, did.system, did.year))


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
