"""Files in a package: the href that names one, the file an href names, its path for messages, its MIME type and SHA-256."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote

from ...readers.files import file_sha256
from ..settings import tt05

# Characters an xlink:href keeps as they are; other ASCII characters are percent-encoded, non-ASCII letters kept (IRI).
HREF_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-._~!$&'()*+,;=@")


def href_of(base: Path, path: Path) -> str:
    """The xlink:href of ``path`` in a METS file of folder ``base``: relative, percent-encoded where a URI cannot hold a character."""
    rel = path.relative_to(base).as_posix()
    return "".join(c if c in HREF_SAFE or (ord(c) > 127 and c.isprintable() and not c.isspace()) else quote(c, safe="") for c in rel)


def href_target(base: Path, href: str) -> Path | None:
    """The file an href names inside ``base``, or None when it is not a relative path inside the package."""
    path = unquote(href)
    parts = path.split("/")
    if not path or path.startswith("/") or "\\" in path or "://" in path or re.match(r"^[A-Za-z]:", path) or any(p in ("", ".", "..") for p in parts):
        return None
    return base.joinpath(*parts)


def relative(root: Path, path: Path) -> str:
    """A file's path inside the package, as messages name it."""
    return path.relative_to(root).as_posix()


def mime(path: Path) -> str:
    """The MIME type of a file, by its suffix (``mime`` of data/tt05.json)."""
    table: dict[str, str] = tt05()["mime"]
    return table.get(path.suffix.lower(), table[""])


def sha256(path: Path) -> str:
    """The SHA-256 of a file, in capitals as METS and PREMIS write it."""
    return file_sha256(path).upper()
