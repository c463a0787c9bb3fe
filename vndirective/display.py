"""Deprecated: moved to vndirective.exports.display (this path works for one more release)."""

from vndirective._compat import moved

moved(__name__, "vndirective.exports.display")
