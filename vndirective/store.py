"""Deprecated: moved to vndirective.bulk.store."""

from vndirective._compat import moved

moved(__name__, "vndirective.bulk.store")
