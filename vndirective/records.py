"""Deprecated: moved to vndirective.exports.nd30 (this path works for one more release)."""

from vndirective._compat import moved

moved(__name__, "vndirective.exports.nd30")
