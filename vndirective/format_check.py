"""Deprecated: moved to vndirective.analysis.format_check (this path works for one more release)."""

from vndirective._compat import moved

moved(__name__, "vndirective.analysis.format_check")
