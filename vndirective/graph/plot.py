"""Drawing a document's neighbourhood in the citation graph with matplotlib.

Every node is drawn as its label in a box of its kind's colour, so that a label and its node are one
thing that cannot be drawn over another: the boxes are measured with the figure's fonts and pushed
apart until none overlaps (no extra dependency: the layout is computed here, in axes fractions). The
arrows run from box edge to box edge; every citation carries its relation, and the legend names every
kind of node and of edge that is drawn. The texts carry a ``gid`` (``node:KEY`` for a node's box,
``edge:U->V:KEY`` for an edge's label) so that code, and the tests, can find them.
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._nx import nx

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Text

_COLOURS = {"in_corpus": "#4c72b0", "cited_only": "#dd8452", "unresolved": "#c44e52", "organ": "#55a868", "recipient": "#8c8c8c"}
# Legend names of the node kinds, in the legend's order.
NODE_KINDS = {
    "in_corpus": "có trong kho (in corpus)",
    "cited_only": "chỉ được trích dẫn (cited only)",
    "unresolved": "chưa xác định (unresolved)",
    "organ": "cơ quan (organ)",
    "recipient": "nơi nhận (recipient)",
}
# Edge kinds: legend name, colour, line style. A citation's arrow also carries its relation as a label.
EDGE_KINDS = {
    "cites": ("trích dẫn (cites: the relation is on the arrow)", "#333333", "-"),
    "issued": ("ban hành (issued)", "#55a868", "--"),
    "addressed_to": ("kính gửi (addressed to)", "#8c8c8c", ":"),
}
_FONT = "DejaVu Sans"  # has every Vietnamese letter
_TEXT_COLOUR = "#1f2328"
_NODE_PAD = 0.35  # box padding, in font sizes (matplotlib's boxstyle pad)
_EDGE_PAD = 0.2
_GAP_PX = (14.0, 10.0)  # the least space between two boxes, horizontally and vertically, in pixels
_MIN_FONT = 5.0


def _kind(data: dict[str, Any]) -> str:
    kind = data.get("kind")
    if kind == "document":
        return "in_corpus" if data.get("in_corpus") else "cited_only"
    return str(kind) if kind in _COLOURS else "recipient"


def _colour(data: dict[str, Any]) -> str:
    return _COLOURS[_kind(data)]


def _tint(colour: str, share: float = 0.2) -> tuple[float, float, float]:
    """``colour`` mixed with white: the fill of a node's box, light enough for dark text."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (1 - share + share * r, 1 - share + share * g, 1 - share + share * b)


def plot_neighbourhood(
    G: nx.MultiDiGraph,
    node: str,
    ax: Axes | None = None,
    radius: int = 1,
    *,
    organs: bool = False,
    seed: int = 7,
    fontsize: float = 8.5,
) -> Axes:
    """Draw the documents within ``radius`` citations of ``node`` (and their issuing organs and
    recipients when ``organs``) with matplotlib, for notebooks and reports.

    Each node is its label in a box coloured by its kind — blue: in the corpus; orange: cited only;
    red: unresolved; green: organs; grey: other recipients — with ``node`` in bold. Labels never
    overlap: the boxes are pushed apart (and, in a crowded plot, the font made smaller down to 5 pt).
    Arrows: citations (solid, labelled with their relation: ``implements``, ``based on``, ``cites``...),
    ``issued`` (organ → document, dashed) and ``addressed to`` (document → recipient, dotted); the
    legend lists every kind of node and edge drawn. Labels use DejaVu Sans, which has every Vietnamese
    letter, at ``fontsize`` points. ``seed`` decides the direction two boxes at the same place are
    pushed apart. Without ``ax``, a figure sized to the neighbourhood is made. Needs ``pip install "vndirective[plot]"``.
    """
    import matplotlib.pyplot as plt

    keep = {n for n, d in G.nodes(data=True) if organs or d.get("kind") in ("document", "unresolved")}
    view = G.subgraph(keep | {node})
    H = nx.ego_graph(view, node, radius=radius, undirected=True)
    if ax is None:
        width = min(20.0, max(10.0, 5.0 + 0.55 * len(H)))
        _, ax = plt.subplots(figsize=(width, width * 0.68))
    fig = ax.get_figure()
    assert fig is not None
    renderer = _renderer(fig)
    box = ax.get_window_extent(renderer)
    size = (max(box.width, 1.0), max(box.height, 1.0))  # the axes in pixels: what a fraction of 1 is

    labels = {n: _plot_label(H.nodes[n]) for n in H}
    nodes = sorted(H, key=str)
    legend = _legend(ax, H)
    assert legend is not None
    legend_top = legend.get_window_extent(renderer).height / size[1] + 0.02
    region = (0.0, legend_top, 1.0, 1.0)  # x0, y0, x1, y1 in axes fractions: the legend keeps the bottom strip

    start = _radial_layout(H, node, region)
    measured = {n: _text_size(ax, renderer, labels[n], fontsize, bold=n == node, pad=_NODE_PAD, size=size) for n in nodes}
    font = fontsize
    while True:
        scale = font / fontsize  # a box, padding included, grows with its font
        boxes = {n: (w * scale, h * scale) for n, (w, h) in measured.items()}
        pos, ok = _separate(nodes, start, boxes, node, region, size, seed)
        if ok or font <= _MIN_FONT:
            break
        font = max(_MIN_FONT, font * 0.88)

    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    for n in nodes:
        colour = _colour(H.nodes[n])
        t = ax.text(
            *pos[n],
            labels[n],
            ha="center",
            va="center",
            multialignment="center",
            fontsize=font,
            fontfamily=_FONT,
            fontweight="bold" if n == node else "normal",
            color=_TEXT_COLOUR,
            zorder=3,
            bbox={"boxstyle": f"round,pad={_NODE_PAD}", "fc": _tint(colour), "ec": colour, "lw": 2.6 if n == node else 1.2},
        )
        t.set_gid(f"node:{n}")
    _draw_edges(ax, renderer, H, pos, boxes, size, font)
    ax.set_title(labels[node].replace("\n", " — "), fontfamily=_FONT)
    ax.set_axis_off()
    return ax


def _renderer(fig: Any) -> RendererBase:
    """A renderer to measure text with: the canvas's own when it has one (Agg, the inline backend), else Agg's."""
    get = getattr(fig.canvas, "get_renderer", None)
    if get is not None:
        renderer: RendererBase = get()
        return renderer
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)


def _text_size(ax: Axes, renderer: RendererBase, text: str, font: float, *, bold: bool, pad: float, size: tuple[float, float]) -> tuple[float, float]:
    """Width and height, in axes fractions, of ``text`` in its box as it will be drawn."""
    t = ax.text(0, 0, text, fontsize=font, fontfamily=_FONT, fontweight="bold" if bold else "normal", multialignment="center")
    extent = t.get_window_extent(renderer)
    t.remove()
    pad_px = 2 * pad * font * ax.figure.dpi / 72  # points to pixels
    return (extent.width + pad_px) / size[0], (extent.height + pad_px) / size[1]


def _legend(ax: Axes, H: nx.MultiDiGraph) -> Any:
    """The legend: every kind of node and of edge that is drawn, at the bottom of the axes."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    node_kinds = {_kind(d) for _, d in H.nodes(data=True)}
    edge_kinds = {str(d.get("kind")) for _, _, d in H.edges(data=True)}
    handles: list[Any] = [Patch(facecolor=_tint(_COLOURS[k]), edgecolor=_COLOURS[k], label=name) for k, name in NODE_KINDS.items() if k in node_kinds]
    for k, (name, colour, style) in EDGE_KINDS.items():
        if k in edge_kinds:
            handles.append(Line2D([], [], color=colour, ls=style, lw=1.4, label=name))
    return ax.legend(handles=handles, loc="lower center", ncol=min(4, max(1, len(handles))), frameon=False, prop={"family": _FONT, "size": 8})


def _role(H: nx.MultiDiGraph, centre: str, n: str) -> int:
    """Where a neighbour of the centre goes round it: issuers, cited documents, recipients, citing documents."""
    out = {d.get("kind") for _, v, d in H.out_edges(centre, data=True) if v == n}
    into = {d.get("kind") for u, _, d in H.in_edges(centre, data=True) if u == n}
    if "issued" in into:
        return 0
    if "cites" in out:
        return 1
    if "addressed_to" in out:
        return 2
    if "cites" in into:
        return 3
    return 4


def _radial_layout(H: nx.MultiDiGraph, centre: str, region: tuple[float, float, float, float]) -> dict[str, tuple[float, float]]:
    """``centre`` in the middle, the nodes at distance d on the d-th ellipse: its neighbours going clockwise
    from the top in the order issuers, cited documents, recipients, citing documents; farther nodes
    beside the neighbours they hang from."""
    x0, y0, x1, y1 = region
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    dist = nx.single_source_shortest_path_length(H.to_undirected(as_view=True), centre)
    depth = max(dist.values(), default=0)
    angle: dict[str, float] = {centre: math.pi / 2}
    pos = {centre: (cx, cy)}
    for d in range(1, depth + 1):
        ring = [n for n, k in dist.items() if k == d]
        if d == 1:
            ring.sort(key=lambda n: (_role(H, centre, n), _kind(H.nodes[n]), str(n)))
            step = 2 * math.pi / len(ring)
            start = math.pi / 2 + step * (sum(1 for n in ring if _role(H, centre, n) == 0) - 1) / 2
            angles = [start - i * step for i in range(len(ring))]
        else:
            undirected = H.to_undirected(as_view=True)
            target = {}
            for n in ring:
                inner = [angle[m] for m in undirected[n] if dist.get(m) == d - 1]
                target[n] = math.atan2(sum(math.sin(a) for a in inner), sum(math.cos(a) for a in inner)) if inner else 0.0
            ring.sort(key=lambda n: (target[n] % (2 * math.pi), str(n)))
            step = 2 * math.pi / len(ring)
            # Evenly spaced, turned to sit as near as can be to the neighbours they hang from.
            phase = math.atan2(sum(math.sin(target[n] - i * step) for i, n in enumerate(ring)), sum(math.cos(target[n] - i * step) for i, n in enumerate(ring)))
            angles = [phase + i * step for i in range(len(ring))]
        rx, ry = 0.42 * (x1 - x0) * d / depth, 0.40 * (y1 - y0) * d / depth
        for n, a in zip(ring, angles, strict=True):
            angle[n] = a
            pos[n] = (cx + rx * math.cos(a), cy + ry * math.sin(a))
    return pos


def _separate(
    nodes: Sequence[str],
    start: dict[str, tuple[float, float]],
    boxes: dict[str, tuple[float, float]],
    fixed: str,
    region: tuple[float, float, float, float],
    size: tuple[float, float],
    seed: int,
    rounds: int = 400,
) -> tuple[dict[str, tuple[float, float]], bool]:
    """Push overlapping boxes apart (along the axis where they overlap least), keeping every box inside
    ``region``; ``fixed`` moves only when nothing else can. Returns the positions and whether no two
    boxes overlap."""
    import numpy as np

    rng = np.random.default_rng(seed)
    w, h = size
    xy = np.array([start[n] for n in nodes], dtype=float) * (w, h)  # in pixels from here on
    half = np.array([boxes[n] for n in nodes], dtype=float) * (w, h) / 2 + np.array(_GAP_PX) / 2
    lo = np.array([region[0] * w, region[1] * h]) + half
    hi = np.array([region[2] * w, region[3] * h]) - half
    hi = np.maximum(hi, lo)
    weight = np.array([0.05 if n == fixed else 1.0 for n in nodes])
    ok = False
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]  # i - j
        overlap = half[:, None, :] + half[None, :, :] - np.abs(delta)
        np.fill_diagonal(overlap[:, :, 0], -1.0)
        hit = (overlap[:, :, 0] > 0) & (overlap[:, :, 1] > 0)
        if not hit.any():
            ok = True
            break
        # Along x where the x overlap is the smaller one, else along y.
        along_x = overlap[:, :, 0] < overlap[:, :, 1]
        sign = np.sign(delta)
        ties = hit & (sign == 0).all(axis=2)
        if ties.any():
            sign[ties] = rng.choice([-1.0, 1.0], size=(int(ties.sum()), 2))
        sign = np.where(sign == 0, 1.0, sign)
        push = np.zeros_like(delta)
        push[:, :, 0] = np.where(hit & along_x, overlap[:, :, 0] * sign[:, :, 0], 0.0)
        push[:, :, 1] = np.where(hit & ~along_x, overlap[:, :, 1] * sign[:, :, 1], 0.0)
        # Each of a pair moves its share of the overlap: the fixed node's share is small.
        share = weight[:, None] / (weight[:, None] + weight[None, :])
        xy = xy + (push * share[:, :, None] * 1.05).sum(axis=1)
        xy = np.clip(xy, lo, hi)
    return {n: (float(x / w), float(y / h)) for n, (x, y) in zip(nodes, xy, strict=True)}, ok


def _draw_edges(
    ax: Axes,
    renderer: RendererBase,
    H: nx.MultiDiGraph,
    pos: dict[str, tuple[float, float]],
    boxes: dict[str, tuple[float, float]],
    size: tuple[float, float],
    font: float,
) -> None:
    """The arrows, from box edge to box edge (several between one pair bow apart), and the relation of
    every citation on its arrow, where it covers no box and no other label."""
    from matplotlib.patches import FancyArrowPatch

    pairs: dict[frozenset[str], list[tuple[str, str, Any, dict[str, Any]]]] = defaultdict(list)
    for u, v, key, data in sorted(H.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        if u != v:
            pairs[frozenset((u, v))].append((u, v, key, data))
    taken = [_rect(pos[n], boxes[n], size) for n in pos]
    edge_font = max(_MIN_FONT, font - 0.5)
    for group in pairs.values():
        first = min(group[0][0], group[0][1], key=str)
        for i, (u, v, key, data) in enumerate(group):
            rad = 0.0 if len(group) == 1 else 0.25 * (i - (len(group) - 1) / 2)
            if u != first:
                rad = -rad
            a = _clip(pos[u], pos[v], boxes[u], size)
            b = _clip(pos[v], pos[u], boxes[v], size)
            kind = str(data.get("kind"))
            _, colour, style = EDGE_KINDS.get(kind, EDGE_KINDS["cites"])
            arrow = FancyArrowPatch(
                a,
                b,
                arrowstyle="-|>",
                mutation_scale=13,
                color=colour,
                lw=1.3,
                linestyle=style,
                connectionstyle=f"arc3,rad={rad}",
                shrinkA=2,
                shrinkB=2,
                zorder=2,
            )
            arrow.set_gid(f"arrow:{u}->{v}:{key}")
            ax.add_patch(arrow)
            if kind != "cites":
                continue
            text = str(data.get("relation") or "cites").replace("_", " ")
            tw, th = _text_size(ax, renderer, text, edge_font, bold=False, pad=_EDGE_PAD, size=size)
            spot = _label_spot(a, b, rad, (tw, th), taken, size)
            taken.append(_rect(spot, (tw, th), size))
            t = ax.text(
                *spot,
                text,
                ha="center",
                va="center",
                fontsize=edge_font,
                fontfamily=_FONT,
                fontstyle="italic",
                color=colour,
                zorder=4,
                bbox={"boxstyle": f"round,pad={_EDGE_PAD}", "fc": "white", "ec": "none", "alpha": 0.9},
            )
            t.set_gid(f"edge:{u}->{v}:{key}")


def _rect(centre: tuple[float, float], box: tuple[float, float], size: tuple[float, float]) -> tuple[float, float, float, float]:
    """A box as x0, y0, x1, y1 in pixels."""
    x, y = centre[0] * size[0], centre[1] * size[1]
    hw, hh = box[0] * size[0] / 2, box[1] * size[1] / 2
    return x - hw, y - hh, x + hw, y + hh


def _clip(a: tuple[float, float], b: tuple[float, float], box: tuple[float, float], size: tuple[float, float]) -> tuple[float, float]:
    """Where the line from ``a`` (a box's centre) towards ``b`` leaves that box, in axes fractions."""
    dx, dy = (b[0] - a[0]) * size[0], (b[1] - a[1]) * size[1]
    hw, hh = box[0] * size[0] / 2, box[1] * size[1] / 2
    if dx == 0 and dy == 0:
        return a
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    t = min(t, 1.0)
    return a[0] + t * dx / size[0], a[1] + t * dy / size[1]


def _label_spot(
    a: tuple[float, float],
    b: tuple[float, float],
    rad: float,
    box: tuple[float, float],
    taken: list[tuple[float, float, float, float]],
    size: tuple[float, float],
) -> tuple[float, float]:
    """The point of the arrow from ``a`` to ``b`` (an arc3 curve of ``rad``) where a label of ``box``
    overlaps the fewest pixels of the boxes ``taken``: the middle when it is free."""
    w, h = size
    ax_, ay = a[0] * w, a[1] * h
    bx, by = b[0] * w, b[1] * h
    # matplotlib's arc3: one control point off the middle, perpendicular to the chord.
    cx, cy = (ax_ + bx) / 2 + rad * (by - ay), (ay + by) / 2 - rad * (bx - ax_)
    best: tuple[float, tuple[float, float]] | None = None
    for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82):
        x = (1 - t) ** 2 * ax_ + 2 * t * (1 - t) * cx + t**2 * bx
        y = (1 - t) ** 2 * ay + 2 * t * (1 - t) * cy + t**2 * by
        x0, y0, x1, y1 = _rect((x / w, y / h), box, size)
        cost = sum(max(0.0, min(x1, r[2]) - max(x0, r[0])) * max(0.0, min(y1, r[3]) - max(y0, r[1])) for r in taken)
        if best is None or cost < best[0]:
            best = (cost, (x / w, y / h))
        if cost == 0:
            break
    assert best is not None
    return best[1]


def _plot_label(data: dict[str, Any], width: int = 30) -> str:
    """A node's label: a document's number and date over its issuer; an organ's or recipient's name,
    wrapped to ``width`` characters (at most three lines)."""
    label = str(data.get("label", ""))
    issuer = data.get("issuer")
    if data.get("kind") == "document" and issuer:
        return label + "\n" + "\n".join(textwrap.wrap(str(issuer), width, max_lines=2, placeholder=" …"))
    if len(label) > width and "\n" not in label:
        return "\n".join(textwrap.wrap(label, width, max_lines=3, placeholder=" …"))
    return label


def node_texts(ax: Axes) -> dict[str, Text]:
    """The boxes drawn by :func:`plot_neighbourhood` on ``ax``, by node key."""
    return {str(t.get_gid())[5:]: t for t in ax.texts if str(t.get_gid()).startswith("node:")}


def edge_texts(ax: Axes) -> dict[str, Text]:
    """The relation labels drawn by :func:`plot_neighbourhood` on ``ax``, by ``U->V:KEY``."""
    return {str(t.get_gid())[5:]: t for t in ax.texts if str(t.get_gid()).startswith("edge:")}
