"""Deprecated: moved to vndirective.core.codes (this path works for one more release)."""

from vndirective._compat import moved

moved(__name__, "vndirective.core.codes")
