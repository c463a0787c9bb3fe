"""Scaling out: the batch worker, :func:`vndirective.bulk.record.parse_file`, on a Dask cluster.

Install with ``pip install 'vndirective[dask]'``. Dask is imported inside the functions, so
``import vndirective`` stays fast without it.

>>> from distributed import Client                       # doctest: +SKIP
>>> client = Client("scheduler:8786")                    # or LocalCluster() on one machine
>>> bag = parse_bag("/archive/incoming")                 # a folder, a glob or a list of paths
>>> n = to_store(bag, "archive.sqlite")                  # streams partitions into the store

The files must be readable at the same paths on every worker (a shared file system).
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .inventory import inventory
from .record import Record, parse_file, skipped_file
from .store import Store

if TYPE_CHECKING:
    import dask.bag

    from ..readers.limits import Limits
    from ..readers.ocr import Ocr


def _paths(source: str | Path | Iterable[str | Path]) -> tuple[list[tuple[str, str | None]], str | None]:
    """The entries to record — (path, why it is not read, or None) — and the root their record paths are relative to
    (None: paths as given). A folder gives every entry, as ``batch`` records them; a glob or a list, the files named."""
    if isinstance(source, (str, Path)):
        if Path(source).is_dir():
            return [(e.path if e.skip else str(Path(source) / e.path), e.skip) for e in inventory(Path(source))], str(source)
        return [(p, None) for p in sorted(glob.glob(str(source), recursive=True))], None
    return [(str(p), None) for p in source], None


def parse_bag(
    source: str | Path | Iterable[str | Path],
    *,
    root: str | Path | None = None,
    npartitions: int | None = None,
    partition_size: int = 64,
    encoding: str | None = None,
    ocr: Ocr = "auto",
    password: str | None = None,
    limits: Limits | None = None,
) -> dask.bag.Bag:
    """A dask bag of :class:`~vndirective.bulk.record.Record`, one per file, in sorted path order.

    ``source`` is a folder (recorded like ``batch`` does, skipped files included, record paths relative to it), a glob
    pattern (``"/data/**/*.pdf"``) or an iterable of paths. ``root`` makes record paths relative
    to it. Partitions hold ``partition_size`` files unless ``npartitions`` is given.
    ``bag.map(Record.to_dict)`` gives plain dicts; ``bag.map(Record.to_json).to_textfiles(...)`` JSON Lines.
    """
    import dask.bag as db

    paths, found_root = _paths(source)
    base = root if root is not None else found_root
    if npartitions is None:
        npartitions = max(1, -(-len(paths) // max(1, partition_size)))
    bag = db.from_sequence(paths, npartitions=max(1, min(npartitions, len(paths) or 1)))
    return bag.map(_parse, root=base, encoding=encoding, ocr=ocr, password=password, limits=limits)


def _parse(entry: tuple[str, str | None], root: str | Path | None, encoding: str | None, ocr: Ocr, password: str | None, limits: Limits | None) -> Record:
    path, skip = entry
    if skip is not None:
        return skipped_file(path, skip)
    return parse_file(path, root=root, encoding=encoding, ocr=ocr, password=password, limits=limits)


def to_store(bag: dask.bag.Bag, store: Store | str | Path, *, window: int | None = None) -> int:
    """Compute the bag and add its records to a :class:`~vndirective.bulk.store.Store`; the number added.

    Partitions are computed ``window`` at a time (default: twice the cluster's threads), in
    order, so only those records are ever held by this process. Uses the current Dask
    scheduler (the active ``distributed.Client``, if any).
    """
    import dask

    parts = bag.to_delayed()
    if window is None:
        window = 2 * _threads()
    own = not isinstance(store, Store)
    target = Store(store) if not isinstance(store, Store) else store
    added = 0
    try:
        for start in range(0, len(parts), window):
            for records in dask.compute(*parts[start : start + window]):
                for record in records:
                    target.add(record)
                    added += 1
            target.commit()
    finally:
        if own:
            target.close()
    return added


def _threads() -> int:
    """The number of threads of the active distributed cluster, else of this machine."""
    import os

    try:
        from distributed import get_client

        info: Any = get_client().scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))
    except (ImportError, ValueError):
        return os.cpu_count() or 1
