"""Deprecated: moved to vndirective.bulk.dask."""

from vndirective._compat import moved

moved(__name__, "vndirective.bulk.dask")
