"""Deprecated: moved to vndirective.exports.tt05 (this path works for one more release)."""

from vndirective._compat import moved

moved(__name__, "vndirective.exports.tt05")
