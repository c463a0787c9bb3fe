"""networkx, imported in one place with the install hint when it is missing."""

from __future__ import annotations

try:
    import networkx as nx
except ImportError as exc:  # pragma: no cover - depends on the install
    raise ImportError("vndirective.graph needs networkx: pip install 'vndirective[graph]'") from exc

__all__ = ["nx"]
