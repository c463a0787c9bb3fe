"""Deprecated: moved to vndirective.bulk.batch."""

from vndirective._compat import moved

moved(__name__, "vndirective.bulk.batch")
