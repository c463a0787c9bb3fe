"""The graph tables (``data/graph.json``): organ levels, unit words, recipient organs, numbering periods."""

from __future__ import annotations

from typing import Any

from ..core import codes
from ..core.codes import entries as entries  # a table without its notes: one rule, in the code tables


def table() -> dict[str, Any]:
    """The graph tables (``data/graph.json``)."""
    return codes.load("graph")

