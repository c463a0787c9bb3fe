"""Deprecated: moved to vndirective.graph (this path works for one more release).

See graph.organs, graph.resolve and graph.candidates; the relation cues are core.extract.relations.
"""

from vndirective._compat import moved

moved(__name__, "vndirective.graph")
