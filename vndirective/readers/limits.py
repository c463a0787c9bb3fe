"""Limits on what the readers take in, so that a huge, broken or hostile file ends quickly
in a typed error or a partial result with a warning, never in a hang or an exhausted memory.

Every reader gets a :class:`Limits`; ``vndirective.parse(path, limits=Limits(max_pages=2000))``
raises one limit for a file known to be genuine.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ResourceLimitExceeded

MAX_FILE_BYTES = 256 * 2**20
MAX_TEXT_BYTES = 80_000_000  # at most 4 bytes a character: a bigger text has more than pipeline.MAX_CHARS (20 million)
MAX_PAGES = 500
MAX_UNPACKED_BYTES = 256 * 2**20
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_RATIO = 200
ZIP_RATIO_FLOOR = 2**20  # members smaller than this unpack to little whatever their ratio
MAX_RENDER_PIXELS = 25_000_000  # an A3 page at 300 dpi is 17.5 million


@dataclass(frozen=True)
class Limits:
    """What a reader accepts. Past a limit it raises :class:`~vndirective.errors.ResourceLimitExceeded`,
    except ``max_pages`` and ``max_render_pixels``, which give a partial result with a warning."""

    max_file_bytes: int = MAX_FILE_BYTES  # any file
    max_text_bytes: int = MAX_TEXT_BYTES  # text, Markdown and HTML files
    max_pages: int = MAX_PAGES  # PDF pages read (or OCR'd); the rest is left out with a warning
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES  # a Word file's members, a PDF's compressed streams (images aside), in total
    max_zip_members: int = MAX_ZIP_MEMBERS  # members of a Word file
    max_zip_ratio: int = MAX_ZIP_RATIO  # uncompressed / compressed size of a Word file's member over ZIP_RATIO_FLOOR
    max_render_pixels: int = MAX_RENDER_PIXELS  # a page image for OCR; a bigger page is rendered at a lower resolution


DEFAULT = Limits()


def exceeded(name: str, what: str, field: str, limit: int) -> ResourceLimitExceeded:
    """The error for a file past ``Limits.<field>``, saying how to raise the limit."""
    return ResourceLimitExceeded(
        f"{name}: {what}, over the limit of {limit:,} (Limits.{field}). The file may be damaged or built to exhaust memory; "
        f"if it is genuine, raise the limit: vndirective.parse(path, limits=Limits({field}=...)).",
        limit=field,
    )
