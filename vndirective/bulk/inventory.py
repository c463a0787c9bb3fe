"""Every entry of a folder a batch run accounts for: the files it reads, and the others with the reason they are not read.

:func:`~vndirective.readers.files.relative_files` decides which files are documents to read; this module
lists the rest of the folder beside them, so that a run's records cover the whole folder and nothing
drops out of its count unseen (a ``.xlsx`` among the letters, a hidden draft, a link to another folder).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ..readers.files import SUFFIXES, relative_files

# Why an entry is not read. The unsupported-extension reason is completed with the extension.
HIDDEN_FILE = "hidden file"
HIDDEN_FOLDER = "hidden folder: its files are not read"
LOCK_FILE = "Office lock file (~$)"
FOLDER_LINK = "symbolic link to a folder: not followed"
NOT_A_FILE = "not a regular file"
UNSUPPORTED = "unsupported extension"


class Entry(NamedTuple):
    """One entry of the folder: its path relative to the root ('/' separators; a folder ends in '/'), and why it is
    not read (None for a file that is read)."""

    path: str
    skip: str | None = None


def skip_reason(name: str) -> str | None:
    """Why a file named ``name`` is not read, or None when its name is one a reader takes (the rule of ``relative_files``)."""
    if name.startswith("~$"):
        return LOCK_FILE
    if name.startswith("."):
        return HIDDEN_FILE
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in SUFFIXES:
        shown = f"'{suffix}'" if suffix else "(none)"
        return f"{UNSUPPORTED} {shown}: batch reads {' '.join(sorted(SUFFIXES))}"
    return None


def inventory(root: Path, exclude: Iterable[str | Path] = ()) -> list[Entry]:
    """Every file under ``root``, in sorted path order: those read with ``skip`` None, the others with the reason.

    A hidden folder is one entry (its files are not listed); a symbolic link to a folder is one entry (not followed);
    the paths in ``exclude`` (the run's own outputs) are left out altogether.
    """
    excluded = list(exclude)
    read = set(relative_files(root, excluded))
    skip = {os.path.realpath(p) for p in excluded}
    entries = [Entry(p) for p in read]
    for folder, dirs, names in os.walk(root):
        rel = Path(folder).relative_to(root)
        for d in dirs:
            full = os.path.join(folder, d)
            if d.startswith("."):
                entries.append(Entry(f"{(rel / d).as_posix()}/", HIDDEN_FOLDER))
            elif os.path.islink(full):
                entries.append(Entry((rel / d).as_posix(), FOLDER_LINK))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = (rel / name).as_posix()
            full = os.path.join(folder, name)
            if path in read or os.path.realpath(full) in skip:
                continue
            entries.append(Entry(path, skip_reason(name) or NOT_A_FILE))
    return sorted(entries)
