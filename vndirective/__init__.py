"""vndirective: Vietnamese official documents (Party and state directives) as structured data.

>>> import vndirective
>>> d = vndirective.parse("corpus/334-CV-HU_luc-ngan_2021.md")
>>> d.doc_id
'334-CV/HU'
"""

from __future__ import annotations

from .errors import DocumentNotFound, UndecodableText, UnsupportedFormat, VndirectiveError
from .ids import DocumentId, parse_id
from .model import (
    AuthorityStep,
    Directive,
    DistributionItem,
    Mention,
    ParseWarning,
    Passage,
    Reference,
    Signature,
    Span,
    Task,
)
from .parse import parse, parse_layout, parse_text

__version__ = "0.1.0"

__all__ = [
    "AuthorityStep",
    "Directive",
    "DistributionItem",
    "DocumentId",
    "DocumentNotFound",
    "Mention",
    "ParseWarning",
    "Passage",
    "Reference",
    "Signature",
    "Span",
    "Task",
    "UndecodableText",
    "UnsupportedFormat",
    "VndirectiveError",
    "__version__",
    "parse",
    "parse_id",
    "parse_layout",
    "parse_text",
]
