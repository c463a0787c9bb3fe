"""Drawing a document's neighbourhood in the citation graph with matplotlib."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._nx import nx

if TYPE_CHECKING:
    from matplotlib.axes import Axes

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
