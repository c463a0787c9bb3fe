"""plot_neighbourhood draws a picture a person would put in a report (issue 15).

Before: with ``organs=True`` the labels of the founding example's organs ran over each other and
over the document's own, the recipients (grey) were not in the legend and only the ``implements``
citation was labelled. Now every node is a box that no other box or label overlaps, the legend names
every kind of node and edge drawn, and every citation carries its relation. Rendered with Agg.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("networkx")
matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from vndirective import parse  # noqa: E402
from vndirective.graph import build_graph, find, most_cited, plot_neighbourhood  # noqa: E402
from vndirective.graph.plot import EDGE_KINDS, NODE_KINDS, _kind, edge_texts, node_texts  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def graph() -> Any:
    return build_graph(parse(p) for p in sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt")))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _founding(G: Any) -> str:
    return find(G, "334-CV/HU", in_corpus=True)[0]


def test_organs_plot_has_every_kind_in_its_legend_and_every_citation_labelled(graph: Any, tmp_path: Path) -> None:
    G = graph
    doc = _founding(G)
    fig, ax = plt.subplots(figsize=(13, 9))
    plot_neighbourhood(G, doc, ax=ax, organs=True)
    fig.savefig(tmp_path / "organs.png", dpi=80)

    drawn = set(node_texts(ax))
    H = G.subgraph(drawn)
    assert doc in drawn and len(drawn) == 8  # the letter, the 2 documents it cites, its issuer, 2 organs and 2 other recipients
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    kinds = {_kind(G.nodes[n]) for n in drawn}
    assert {"in_corpus", "cited_only", "organ", "recipient"} <= kinds
    for kind in kinds:
        assert NODE_KINDS[kind] in legend, kind
    edge_kinds = {d["kind"] for _, _, d in H.edges(data=True)}
    assert edge_kinds == {"cites", "issued", "addressed_to"}
    for kind in edge_kinds:
        assert EDGE_KINDS[kind][0] in legend, kind
    assert "nơi nhận (recipient)" in legend  # the grey nodes the old legend left out

    # Every citation has its relation on its arrow; every edge has its arrow.
    labels = {key: t.get_text() for key, t in edge_texts(ax).items()}
    citations = {f"{u}->{v}:{k}": d["relation"].replace("_", " ") for u, v, k, d in H.edges(keys=True, data=True) if d["kind"] == "cites"}
    assert labels == citations
    assert sorted(labels.values()) == ["cites", "implements"]
    arrows = {p.get_gid() for p in ax.patches if str(p.get_gid()).startswith("arrow:")}
    assert arrows == {f"arrow:{u}->{v}:{k}" for u, v, k in H.edges(keys=True)}
    assert node_texts(ax)[doc].get_text() == "334-CV/HU (20/06/2021)\nHUYỆN ỦY LỤC NGẠN"


def _boxes(ax: Any) -> list[tuple[str, Any]]:
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(str(t.get_gid()), t.get_bbox_patch().get_window_extent(renderer)) for t in ax.texts if t.get_gid()]


def _overlap(a: Any, b: Any, slack: float = 0.5) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > slack and min(a.y1, b.y1) - max(a.y0, b.y0) > slack


@pytest.mark.parametrize(
    ("which", "radius", "organs"),
    [("founding", 1, True), ("founding", 2, False), ("most cited", 1, False), ("most cited", 2, True)],
    ids=["334-organs", "334-radius2", "most-cited", "most-cited-radius2-organs"],
)
def test_no_label_overlaps_another_and_all_stay_in_the_figure(graph: Any, which: str, radius: int, organs: bool) -> None:
    """The notebook's three plots, and a crowded one (the most cited decree with its organs: 60 boxes)."""
    G = graph
    node = _founding(G) if which == "founding" else most_cited(G, 1)[0][0]
    if which == "founding" and organs:
        _, ax = plt.subplots(figsize=(13, 9))
        plot_neighbourhood(G, node, ax=ax, organs=True, radius=radius)
    else:
        ax = plot_neighbourhood(G, node, radius=radius, organs=organs)
    boxes = _boxes(ax)
    assert len([g for g, _ in boxes if g.startswith("node:")]) == len(node_texts(ax)) >= 3
    clashes = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if _overlap(ba, bb)]
    assert not clashes, clashes[:5]
    frame = ax.figure.bbox
    legend = ax.get_legend().get_window_extent(ax.figure.canvas.get_renderer())
    for gid, box in boxes:
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, gid
        assert not _overlap(box, legend), f"{gid} is under the legend"
