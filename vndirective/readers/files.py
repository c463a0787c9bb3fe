"""Which files are documents: the suffixes the readers read, the documents of a folder in sorted order, a file's content hash."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

# The one list of the suffixes of the documents the readers read: the files a folder walk (batch, archive, graph) takes.
SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".doc", ".pdf"})


def iter_files(root: str | Path, *, exclude: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Supported files under ``root`` (recursive), sorted by their path relative to ``root``.

    Hidden files and folders (a name starting with '.'), Office lock files ('~$...') and the
    paths in ``exclude`` (our own outputs) are skipped; symbolic links to folders are not followed.
    """
    base = Path(root)
    for rel in relative_files(base, exclude):
        yield base / rel


def relative_files(root: Path, exclude: Iterable[str | Path] = ()) -> list[str]:
    """The paths of :func:`iter_files`, relative to ``root`` with '/' separators: the keys of batch outputs."""
    skip = {os.path.realpath(p) for p in exclude}
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not _wanted(name):
                continue
            full = os.path.join(folder, name)
            if os.path.isfile(full) and os.path.realpath(full) not in skip:
                found.append(Path(full).relative_to(root).as_posix())
    return sorted(found)


def _wanted(name: str) -> bool:
    """A file name with a suffix the readers read, neither hidden nor an Office lock file."""
    return not name.startswith((".", "~$")) and os.path.splitext(name)[1].lower() in SUFFIXES


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
