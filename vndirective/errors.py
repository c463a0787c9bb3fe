"""Typed errors of :func:`vndirective.parse`. ``parse_text`` never raises them."""

from __future__ import annotations


class VndirectiveError(Exception):
    """Base class of every error this package raises."""


class DocumentNotFound(VndirectiveError, FileNotFoundError):
    """The path does not exist or is not a file."""


class UnsupportedFormat(VndirectiveError, ValueError):
    """The file is not in a format vndirective can read (yet)."""


class UndecodableText(VndirectiveError, UnicodeError):
    """The bytes are not text in an encoding vndirective recognises."""


class NoTextLayer(VndirectiveError, ValueError):
    """A PDF without a text layer (a scan): it must be OCR'd before it can be parsed."""
