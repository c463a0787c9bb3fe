"""Writing and reading the citation graph: GraphML, GEXF, node-link JSON and Gephi's CSV, read back to the same graph."""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import json
from pathlib import Path
from typing import Any

from ._nx import nx

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
