"""Deprecated: moved to vndirective.analysis.entities (this path works for one more release)."""

from vndirective._compat import moved

moved(__name__, "vndirective.analysis.entities")
