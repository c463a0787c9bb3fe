"""The graph tables (``data/graph.json``): organ levels, unit words, relation cues, numbering periods."""

from __future__ import annotations

from typing import Any

from ..core import codes


def table() -> dict[str, Any]:
    """The graph tables (``data/graph.json``)."""
    return codes.load("graph")


def entries(d: dict[str, Any]) -> dict[str, Any]:
    """A table without its notes (the keys that start with '_')."""
    return {k: v for k, v in d.items() if not k.startswith("_")}
