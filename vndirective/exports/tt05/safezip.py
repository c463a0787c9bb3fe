"""Opening a package safely: a folder as it is, a ZIP unpacked into a temporary folder within the reader's limits."""

from __future__ import annotations

import re
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ...errors import UnsupportedFormat
from ...readers.limits import ZIP_RATIO_FLOOR, Limits, exceeded
from ..settings import tt05

Member = tuple[zipfile.ZipInfo, list[str]]  # a ZIP member and its path parts


def _member_parts(info: zipfile.ZipInfo, name: str) -> list[str]:
    """The path parts of a ZIP member, or an error for a member that could write outside the package."""
    raw = info.filename
    if info.flag_bits & 0x1:
        raise UnsupportedFormat(f"{name}: the member {raw!r} is encrypted; a package ZIP is not encrypted")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsupportedFormat(f"{name}: the member {raw!r} is a link; refused (a package holds files only)")
    parts = raw.rstrip("/").split("/")
    if raw.startswith("/") or "\\" in raw or "\x00" in raw or re.match(r"^[A-Za-z]:", raw) or any(p in ("", ".", "..") for p in parts):
        raise UnsupportedFormat(f"{name}: the member {raw!r} would be written outside the package (absolute path, '..', a drive or a backslash); refused")
    return parts


def _checked_members(zf: zipfile.ZipFile, name: str, limits: Limits) -> list[Member]:
    """Every member with its path parts, after checking the paths, the count, the sizes and the compression ratios."""
    infos = zf.infolist()
    if len(infos) > limits.max_zip_members:
        raise exceeded(name, f"{len(infos):,} members", "max_zip_members", limits.max_zip_members)
    members: list[Member] = []
    seen: set[str] = set()
    total = 0
    for info in infos:
        parts = _member_parts(info, name)
        key = "/".join(parts).casefold()
        if key in seen and not info.is_dir():
            raise UnsupportedFormat(f"{name}: the member {info.filename!r} is in the ZIP twice; refused")
        seen.add(key)
        total += info.file_size
        if total > limits.max_unpacked_bytes:
            raise exceeded(name, "the members unpack to more bytes than allowed", "max_unpacked_bytes", limits.max_unpacked_bytes)
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            what = f"the member {info.filename!r} is compressed more than {limits.max_zip_ratio} times (a ZIP bomb?)"
            raise exceeded(name, what, "max_zip_ratio", limits.max_zip_ratio)
        members.append((info, parts))
    return members


def _extract(zf: zipfile.ZipFile, name: str, info: zipfile.ZipInfo, target: Path) -> None:
    """Write one member, never more bytes than its header says."""
    size = 0
    with zf.open(info) as src, target.open("xb") as dst:
        while chunk := src.read(1 << 20):
            size += len(chunk)
            if size > info.file_size:
                raise exceeded(name, f"the member {info.filename!r} unpacks to more bytes than its header says", "max_unpacked_bytes", info.file_size)
            dst.write(chunk)


def _unpack(zf: zipfile.ZipFile, name: str, dest: Path, limits: Limits) -> None:
    """Unpack a package ZIP into ``dest`` after checking every member's path, the count, the sizes and the compression ratios."""
    for info, parts in _checked_members(zf, name, limits):
        target = dest.joinpath(*parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _extract(zf, name, info, target)


def _zip_root(folder: Path, name: str) -> Path:
    mets = tt05()["layout"]["mets"]
    if (folder / mets).is_file():
        return folder
    tops = list(folder.iterdir())
    if len(tops) == 1 and (tops[0] / mets).is_file():
        return tops[0]
    raise UnsupportedFormat(f"{name}: no {mets} at the top of the ZIP or in its only folder: not a package")


@contextmanager
def opened_package(path: Path, limits: Limits) -> Iterator[Path]:
    """The folder of a package: the folder itself, or a ZIP unpacked safely into a temporary folder."""
    if path.is_dir():
        yield path
        return
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such package (a folder or a ZIP file)")
    if not zipfile.is_zipfile(path):
        raise UnsupportedFormat(f"{path.name}: neither a package folder nor a ZIP file")
    with zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory(prefix="vndirective-package-") as tmp:
        _unpack(zf, path.name, Path(tmp), limits)
        yield _zip_root(Path(tmp), path.name)
