"""Whole folders: parse every file into JSON Lines and/or an SQLite store, resumably, on all cores or a Dask cluster."""
