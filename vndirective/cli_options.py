"""The command line's shared pieces (package-private; the entry point is :mod:`vndirective.cli`): the reading options
every command that reads documents takes, the archivist's settings options, and the one-line error messages
(a file that cannot be read, a missing optional extra, a settings file that cannot be used)."""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import fields
from pathlib import Path
from typing import Any

from .errors import ResourceLimitExceeded, VndirectiveError

READER_OPTIONS = ("encoding", "ocr", "password", "limits")  # the keyword arguments of vndirective.parse they become


def _limit(text: str) -> tuple[str, int]:
    """``max_pages=2000`` (or ``pages=2000``, ``max-pages=2000``) → ('max_pages', 2000), a field of Limits."""
    from .readers.limits import Limits

    known = [f.name for f in fields(Limits)]
    name, sep, value = text.partition("=")
    field = name.strip().replace("-", "_")
    field = field if field.startswith("max_") else f"max_{field}"
    if not sep or field not in known:
        raise argparse.ArgumentTypeError(f"{text!r}: give NAME=N, NAME one of {', '.join(known)}")
    try:
        number = int(value.strip().replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: the limit must be a whole number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: the limit must be positive")
    return field, number


def add_reader_options(p: argparse.ArgumentParser, only: tuple[str, ...] = READER_OPTIONS) -> None:
    """Add the options that say how documents are read (``only``: those the command can pass on)."""
    group = p.add_argument_group("reading documents")
    if "encoding" in only:
        group.add_argument("--encoding", metavar="ENC", help="encoding of text files (default: detected: UTF-8, UTF-16, Windows-1258, TCVN3, VNI)")
    if "ocr" in only:
        ocr = group.add_mutually_exclusive_group()
        ocr.add_argument(
            "--ocr", action="store_const", const=True, default="auto",
            help="read scanned PDFs with Tesseract, or fail saying what to install (default: when Tesseract with Vietnamese is installed)",
        )
        ocr.add_argument("--no-ocr", dest="ocr", action="store_const", const=False, help="never OCR: a scan is an error")
    if "password" in only:
        group.add_argument("--password", help="the password of encrypted PDF files")
    if "limits" in only:
        group.add_argument(
            "--limit", dest="limits", action="append", type=_limit, metavar="NAME=N",
            help="raise a reading limit for a genuine large file, e.g. --limit max_pages=2000 (fields of vndirective.Limits; repeatable)",
        )


def reader_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`vndirective.parse` (and of ``run_batch`` for those it takes) given on the command line."""
    kwargs: dict[str, Any] = {name: getattr(args, name) for name in READER_OPTIONS if hasattr(args, name)}
    if kwargs.get("limits"):
        from .readers.limits import Limits

        kwargs["limits"] = Limits(**dict(kwargs["limits"]))
    return kwargs


def error_line(exc: BaseException, path: str | Path | None = None) -> str:
    """An error as one line, naming ``path`` when the message does not, with the command-line form of a limit to raise."""
    line = " ".join(str(exc).split())
    if path is not None and str(path) not in line:
        line = f"{path}: {line}"
    if isinstance(exc, ResourceLimitExceeded) and exc.limit:
        line += f" On the command line: --limit {exc.limit}=N."
    return line


# The top-level module of an optional dependency → the extra of pyproject.toml that installs it.
EXTRAS = {
    "networkx": "graph",
    "lxml": "archive",
    "openpyxl": "registers",
    "pyarrow": "parquet",
    "pdfplumber": "pdf",
    "pypdfium2": "pdf",
    "pdfminer": "pdf",
    "docx": "docx",
    "olefile": "doc",
    "pyhanko": "signatures",
    "asn1crypto": "signatures",
    "matplotlib": "plot",
    "tqdm": "progress",
    "dask": "dask",
    "distributed": "dask",
    "spacy": "spacy",
    "underthesea": "units",
}
_HINT = re.compile(r"vndirective\[([\w-]+)\]")


def missing_extra(exc: ImportError) -> tuple[str, str] | None:
    """(the missing module, the extra that installs it) when ``exc`` is a missing optional dependency, else None."""
    chain = [e for e in (exc, exc.__cause__, exc.__context__) if isinstance(e, ImportError)]
    for e in chain:
        top = (e.name or "").split(".")[0]
        if top in EXTRAS:
            return top, EXTRAS[top]
    for e in chain:
        hint = _HINT.search(str(e))
        if hint:
            extra = hint.group(1)
            return next((m for m, x in EXTRAS.items() if x == extra), f"the {extra!r} extra"), extra
    return None


def missing_extra_line(exc: ImportError, command: str) -> str | None:
    """The one line for a missing optional dependency, or None when ``exc`` is another import error (a bug: re-raise it)."""
    found = missing_extra(exc)
    if found is None:
        return None
    module, extra = found
    return f'vndirective {command}: needs {module}, an optional dependency that is not installed: pip install "vndirective[{extra}]"'


def add_settings_options(p: argparse.ArgumentParser) -> None:
    """The archivist's settings of a hồ sơ, shared by 'archive' and 'record --kind file'."""
    p.add_argument("--settings", metavar="FILE", help="archive settings of the hồ sơ (JSON; TOML on Python 3.11+); options below override it")
    p.add_argument("--agency-id", help="mã định danh cơ quan / mã phông (000.00.00.G09 or H49.64.33)")
    p.add_argument("--agency-name", help="name of the agency handing over the file")
    p.add_argument("--file-code", help="mã hồ sơ (fileCode): organ id + year + file number and notation")
    p.add_argument("--title", help="tiêu đề hồ sơ")
    p.add_argument("--retention", help="thời hạn lưu trữ: 01 Vĩnh viễn, 02 70 năm ... 06 10 năm, 07 Khác (or '20 năm')")
    p.add_argument("--access", help="chế độ sử dụng: 01 Công khai, 02 Sử dụng có điều kiện, 03 Mật")
    p.add_argument("--language", help="ngôn ngữ (code 01-11 or vi, en...; default vi)")
    p.add_argument("--creator", help="người lập hồ sơ")
    p.add_argument("--archive-code", help="AIP: mã cơ quan lưu trữ (arcFileCode = this + '.' + file code)")


# The settings the command line can give, by their option (the rest come from the settings file only).
SETTINGS_OPTIONS = {
    "agency_id": "--agency-id",
    "agency_name": "--agency-name",
    "file_code": "--file-code",
    "file_title": "--title",
    "retention": "--retention",
    "access_mode": "--access",
    "language": "--language",
    "creator": "--creator",
    "archive_code": "--archive-code",
}


def archive_settings(args: argparse.Namespace) -> Any:
    """The archive settings of a hồ sơ: the settings file, then the options given on the command line, validated.

    A settings file that is missing, unreadable or wrong, or a value of the wrong shape (a date that is not a real
    DD/MM/YYYY date, a code not in its list: :func:`vndirective.exports.settings.settings_problems`), raises a
    :class:`VndirectiveError` of one line naming the file and the key (or the option), before anything is read or written.
    """
    from .exports.settings import ArchiveSettings

    settings = ArchiveSettings()
    if args.settings:
        path = Path(args.settings)
        if not path.is_file():
            raise VndirectiveError(f"--settings {path}: no such file (the archive settings of the hồ sơ, JSON or TOML)")
        try:
            settings = ArchiveSettings.from_file(path)
        except OSError as exc:
            raise VndirectiveError(f"--settings {path}: cannot be read ({exc.strerror or exc})") from exc
        except json.JSONDecodeError as exc:
            raise VndirectiveError(f"--settings {path}: not valid JSON ({exc})") from exc
        except ValueError as exc:  # not TOML, unknown keys, TOML on Python 3.10
            raise VndirectiveError(f"--settings {path}: {error_line(exc)}") from exc
    attributes = {"file_title": "title", "access_mode": "access"}  # the argparse names of two options
    given = {name: getattr(args, attributes.get(name, name), None) for name in SETTINGS_OPTIONS}
    merged = settings.merged(**given)
    problems = [f"{_where(key, given, args.settings)}: {problem}" for key, problem in merged.problems()]
    if problems:
        raise VndirectiveError("; ".join(problems))
    return merged


def _where(key: str, given: dict[str, Any], settings_file: str | None) -> str:
    """Where a settings value came from, for its error: the option, or the key of the settings file."""
    if given.get(key) not in (None, ""):
        return SETTINGS_OPTIONS[key]
    return f"--settings {settings_file}: {key}" if settings_file else key
