"""The one shape every extractor returns: the value it found, the spans of its parts and its warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..model import ParseWarning, SpanValue

T = TypeVar("T")


@dataclass
class Extracted(Generic[T]):
    """What one extractor found in a Layout.

    ``spans`` are keyed as in :attr:`Directive.spans <vndirective.core.model.Directive.spans>`
    (a header field's name, or ``"recipients"`` for one span per recipient); values that
    carry their own span (references, tasks, the signature, Nơi nhận items) leave it empty.
    """

    value: T
    spans: dict[str, SpanValue] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)
