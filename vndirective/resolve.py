"""Deprecated: moved to vndirective.graph (this path works for one more release; see graph.organs, .resolve, .candidates, .citation_context)."""

from vndirective._compat import moved

moved(__name__, "vndirective.graph")
