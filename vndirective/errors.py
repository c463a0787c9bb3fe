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


class CorruptDocument(UnsupportedFormat):
    """A PDF or Word file that is damaged or truncated: nothing of it could be read."""


class EncryptedDocument(VndirectiveError, PermissionError):
    """A password-protected document: no password, or a wrong one, was given."""


class ResourceLimitExceeded(VndirectiveError, ValueError):
    """Reading the file would pass a limit of :class:`~vndirective.readers.limits.Limits` (a huge file, a zip bomb).

    ``limit`` names the field of ``Limits`` to raise when the file is genuine.
    """

    def __init__(self, message: str, limit: str = "") -> None:
        super().__init__(message)
        self.limit = limit

    def __reduce__(self) -> tuple[type[ResourceLimitExceeded], tuple[str, str]]:
        return type(self), (str(self), self.limit)  # ``limit`` survives pickling (process pools)
