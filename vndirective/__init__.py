"""vndirective: Vietnamese official documents (Party and state directives) as structured data.

>>> import vndirective
>>> d = vndirective.parse("corpus/334-CV-HU_luc-ngan_2021.md")
>>> d.doc_id
'334-CV/HU'

``import vndirective`` stays light: the parser, its patterns and code tables load
on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_attributes
from .errors import (
    CorruptDocument,
    DocumentNotFound,
    EncryptedDocument,
    NoTextLayer,
    ResourceLimitExceeded,
    UndecodableText,
    UnsupportedFormat,
    VndirectiveError,
)

__version__ = "0.1.0"

_LAZY = {
    "parse": "core.pipeline",
    "parse_text": "core.pipeline",
    "parse_layout": "core.pipeline",
    "evaluate": "evaluation",
    "check": "analysis.format_check",
    "build_graph": "graph",
    "run_batch": "bulk.batch",
    "Store": "bulk.store",
    "Finding": "analysis.format_check",
    "Limits": "readers.limits",
    "DocumentId": "core.ids",
    "parse_id": "core.ids",
    "AuthorityStep": "core.model",
    "Box": "core.model",
    "Directive": "core.model",
    "DistributionItem": "core.model",
    "Mention": "core.model",
    "ParseWarning": "core.model",
    "Passage": "core.model",
    "Reference": "core.model",
    "Signature": "core.model",
    "Span": "core.model",
    "Task": "core.model",
}

if TYPE_CHECKING:
    from .analysis.format_check import Finding, check
    from .bulk.batch import run_batch
    from .bulk.store import Store
    from .core.ids import DocumentId, parse_id
    from .core.model import AuthorityStep, Box, Directive, DistributionItem, Mention, ParseWarning, Passage, Reference, Signature, Span, Task
    from .core.pipeline import parse, parse_layout, parse_text
    from .evaluation import evaluate
    from .graph import build_graph
    from .readers.limits import Limits


def is_compiled() -> bool:
    """Whether the parser's core runs compiled (a wheel built with mypyc: see setup.py) rather than as Python source.

    Both give the same results; the compiled core is about 1.3 times as fast.
    """
    from importlib.util import find_spec

    spec = find_spec(".core.lines", __name__)
    return spec is not None and spec.origin is not None and not spec.origin.endswith(".py")


__getattr__, __dir__ = lazy_attributes(__name__, globals(), _LAZY)


__all__ = [
    "AuthorityStep",
    "Box",
    "CorruptDocument",
    "Directive",
    "DistributionItem",
    "DocumentId",
    "DocumentNotFound",
    "EncryptedDocument",
    "Finding",
    "Limits",
    "Mention",
    "NoTextLayer",
    "ParseWarning",
    "Passage",
    "Reference",
    "ResourceLimitExceeded",
    "Signature",
    "Span",
    "Store",
    "Task",
    "UndecodableText",
    "UnsupportedFormat",
    "VndirectiveError",
    "__version__",
    "build_graph",
    "check",
    "evaluate",
    "is_compiled",
    "parse",
    "parse_id",
    "parse_layout",
    "parse_text",
    "run_batch",
]
