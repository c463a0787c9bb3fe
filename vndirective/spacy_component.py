"""Deprecated: moved to vndirective.exports.spacy_component (this path works for one more release)."""

from vndirective._compat import moved

moved(__name__, "vndirective.exports.spacy_component")
