"""What a damaged PDF makes pdfminer and pdfplumber raise: one list, for every reader that catches it."""

from __future__ import annotations

import struct
import zlib


def damage_errors() -> tuple[type[BaseException], ...]:
    """What pdfminer and pdfplumber raise on a damaged PDF: their own errors and the builtin ones their parsers let through."""
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    library = (PSException, PdfminerException, MalformedPDFException, zlib.error, struct.error)
    return (*library, ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError, EOFError, OverflowError, ZeroDivisionError, RecursionError)
