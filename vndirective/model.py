"""Deprecated: moved to vndirective.core.model (this path works for one more release)."""

from vndirective._compat import moved

moved(__name__, "vndirective.core.model")
