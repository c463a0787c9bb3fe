"""spaCy pipeline component: a parsed :class:`~vndirective.core.model.Directive` as entities and span groups.

    >>> import spacy
    >>> nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    >>> nlp.add_pipe("vndirective")  # found through the ``spacy_factories`` entry point
    >>> doc = nlp(text)
    >>> [(e.text, e.label_) for e in doc.ents]        # DOC_REF, ORG, LOC, PER, DATE
    >>> doc.spans["header"], doc.spans["tasks"]       # also "signature", "distribution", "references", "passages"
    >>> doc._.directive.doc_id

The component runs :func:`vndirective.parse_text` on ``doc.text`` and turns the parser's
character spans into spaCy spans. The blank Vietnamese tokenizer without pyvi splits on
whitespace only, so document ids stay one token ('105/KL/TU') but punctuation and Markdown
marks stick to words ('105/KL/TU,', '**HUYỆN'). With ``split_tokens`` (the default) the
component splits such tokens at the parser's span boundaries, so entities are exact; with
``split_tokens=False`` the tokens are left alone and spans widen to whole tokens.

Entities: DOC_REF (every mention of a cited document and the document's own id), ORG
(issuer, parent issuer, recipients, distribution recipients, issuers of cited documents),
LOC (place), PER (signer's name), DATE (header date, dates of citations). Overlaps are
resolved label by label (DOC_REF, DATE, PER, LOC, ORG: a citation inside a long issuer phrase
stays a DOC_REF), then by :func:`spacy.util.filter_spans` (the longer span wins).

Span groups (labels in brackets): ``header`` (field name; recipients ``recipient``),
``tasks`` (the path of the task: '2', '2.a', 'II.1.b'), ``signature`` (authority, title,
name...), ``distribution`` (``distribution``), ``references`` (canonical id of the cited
document), ``passages`` (``preamble``, ``closing``).

Serialising: ``doc._.directive`` holds a Python object. ``pickle`` and ``DocBin()`` (without
user data) work; ``doc.to_bytes()`` and ``DocBin(store_user_data=True)`` write user data with
msgpack, which cannot hold it: set ``doc._.directive = None`` first (or keep
``doc._.directive.to_dict()`` in an extension of your own).

spaCy is imported here only: ``import vndirective`` never imports it.
"""

from __future__ import annotations

import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import regex
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

if TYPE_CHECKING:
    from ..core.model import Directive, Span

# spaCy imports every ``spacy_factories`` entry point whenever it builds a Language
# (spacy.blank, spacy.load): this module stays light, the parser loads with the pipe.

__all__ = ["DISPLACY_OPTIONS", "ENTITY_LABELS", "VndirectiveComponent", "make_component"]

# In order of precedence where two overlap.
ENTITY_LABELS = ("DOC_REF", "DATE", "PER", "LOC", "ORG")

# Colours for displacy.render(doc, style="ent", options=DISPLACY_OPTIONS): DOC_REF has none by default.
DISPLACY_OPTIONS: dict[str, Any] = {
    "ents": list(ENTITY_LABELS),
    "colors": {"DOC_REF": "#f6c26b", "ORG": "#7aecec", "LOC": "#ff9561", "PER": "#aa9cfc", "DATE": "#bfe1d9"},
}

if not Doc.has_extension("directive"):
    Doc.set_extension("directive", default=None)

# Markup and separators that the parser may leave at the edges of a span ('BCH Đảng bộ tỉnh*').
_EDGE = " \t\n\f*_`#>,;:"
_CLUSTER = regex.compile(r"\X", regex.DOTALL)


@Language.factory(
    "vndirective",
    default_config={"split_tokens": True, "overwrite_ents": True},
)
def make_component(nlp: Language, name: str, split_tokens: bool, overwrite_ents: bool) -> VndirectiveComponent:
    """Factory of the ``vndirective`` pipe (``nlp.add_pipe("vndirective")``)."""
    return VndirectiveComponent(name=name, split_tokens=split_tokens, overwrite_ents=overwrite_ents)


class VndirectiveComponent:
    """Parses ``doc.text`` and sets ``doc.ents``, span groups and ``doc._.directive``."""

    def __init__(self, name: str = "vndirective", *, split_tokens: bool = True, overwrite_ents: bool = True) -> None:
        self.name = name
        self.split_tokens = split_tokens
        self.overwrite_ents = overwrite_ents
        from ..core.pipeline import parse_text

        self._parse: Callable[[str], Directive] = parse_text

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        directive = self._parse(text)
        doc._.directive = directive
        to_doc = _offset_map(text, directive.text)
        if to_doc is None:
            warnings.warn("vndirective: the parsed text cannot be aligned with doc.text; no spans set", stacklevel=2)
            return doc
        ents = [(to_doc(s), label) for s, label in _entities(directive)]
        groups = {key: [(to_doc(s), label) for s, label in spans] for key, spans in _groups(directive).items()}
        if self.split_tokens:
            cuts = {c for (a, b), _ in ents for c in (a, b)}
            cuts.update(c for spans in groups.values() for (a, b), _ in spans for c in (a, b))
            _split_at(doc, text, cuts)
        found = [e for e in (_char_span(doc, s, label) for s, label in ents) if e is not None]
        doc.ents = _select(found) if self.overwrite_ents else _select(found, list(doc.ents))
        for key, spans in groups.items():
            doc.spans[key] = [g for g in (_char_span(doc, s, label) for s, label in spans) if g is not None]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _trim(text: str, span: Span | None) -> Span | None:
    """The span without surrounding whitespace, Markdown marks and separators; None when empty."""
    if span is None:
        return None
    from ..core.model import Span

    start, end = span.start, span.end
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return Span(start, end) if start < end else None


def _entities(d: Directive) -> list[tuple[Span, str]]:
    """(span, label) of every entity candidate, overlapping ones included."""
    from ..core.model import Span
    from ..core.rules import is_as_above, is_file_copy

    t = d.text
    out: list[tuple[Span | None, str]] = [(d.span("doc_id"), "DOC_REF"), (d.span("date"), "DATE"), (d.span("place"), "LOC")]
    out += [(d.span("issuer"), "ORG"), (d.span("issuer_parent"), "ORG")]
    out += [(s, "ORG") for s in d.recipient_spans]
    for r in d.references:
        for m in r.mentions:
            out += [(m.span, "DOC_REF"), (m.date_span, "DATE"), (m.issuer_span, "ORG")]
    for item in d.distribution:
        if item.recipient and not (is_as_above(item.recipient) or is_file_copy(item.recipient)):  # they name no organisation
            s = item.span
            at = t.find(item.recipient, s.start, s.end)
            out.append((Span(at, at + len(item.recipient)) if at >= 0 else s, "ORG"))
    if d.signature is not None:
        out.append((d.signature.spans.get("name"), "PER"))
    return [(span, label) for s, label in out if (span := _trim(t, s)) is not None]


def _groups(d: Directive) -> dict[str, list[tuple[Span, str]]]:
    """(span, label) of each span group."""
    from ..core.model import HEADER_FIELDS, task_paths

    t = d.text
    header: list[tuple[Span | None, str]] = [(d.span(f), f) for f in HEADER_FIELDS]
    header += [(s, "recipient") for s in d.recipient_spans]
    tasks: list[tuple[Span | None, str]] = [(task.span, path) for path, task in task_paths(d.tasks)]
    signature: list[tuple[Span | None, str]] = [(s, k) for k, s in d.signature.spans.items()] if d.signature else []
    distribution: list[tuple[Span | None, str]] = [(i.span, "distribution") for i in d.distribution]
    references: list[tuple[Span | None, str]] = [(m.span, r.doc_id) for r in d.references for m in r.mentions]
    passages: list[tuple[Span | None, str]] = [(p.span, k) for k, p in (("preamble", d.preamble), ("closing", d.closing)) if p is not None]
    raw = {"header": header, "tasks": tasks, "signature": signature, "distribution": distribution, "references": references, "passages": passages}
    return {key: [(span, label) for s, label in spans if (span := _trim(t, s)) is not None] for key, spans in raw.items()}


def _offset_map(original: str, parsed: str) -> Any:
    """A function from spans of ``parsed`` (``prepare(original)``: NFC, no BOM...) to (start, end) in ``original``.

    None when the texts cannot be aligned (legacy-font text converted by the parser).
    """
    if original == parsed:
        return lambda s: (s.start, s.end)
    from ..core.normalize import prepare

    starts: list[int] = []
    ends: list[int] = []
    pieces: list[str] = []
    for m in _CLUSTER.finditer(original):
        piece = prepare(m.group())
        pieces.append(piece)
        starts += [m.start()] * len(piece)
        ends += [m.end()] * len(piece)
    if "".join(pieces) != parsed:
        if len(original) == len(parsed):  # same-length substitutions
            return lambda s: (s.start, s.end)
        return None
    return lambda s: (starts[s.start] if s.start < len(starts) else len(original), ends[s.end - 1] if s.end > 0 else 0)


def _split_at(doc: Doc, text: str, cuts: set[int]) -> None:
    """Split the tokens that have a cut strictly inside them (``text`` is ``doc.text``)."""
    if not cuts or not len(doc):
        return
    offsets = doc.to_array([IDX, LENGTH]).tolist()  # one call: iterating Token objects costs ~10x more
    starts = [a for a, _ in offsets]
    inner: dict[int, list[int]] = {}
    for c in sorted(cuts):
        i = bisect_right(starts, c) - 1
        if i >= 0 and starts[i] < c < starts[i] + offsets[i][1]:
            inner.setdefault(i, []).append(c)
    if not inner:
        return
    with doc.retokenize() as retokenizer:
        for i, at in inner.items():
            token = doc[i]
            bounds = [starts[i], *at, starts[i] + offsets[i][1]]
            orths = [text[x:y] for x, y in pairwise(bounds)]
            retokenizer.split(token, orths, heads=[(token, k) for k in range(len(orths))])


def _select(spans: list[SpacySpan], kept: list[SpacySpan] | None = None) -> list[SpacySpan]:
    """Non-overlapping entities: label by label in ``ENTITY_LABELS`` order, :func:`filter_spans` within a label."""
    chosen = list(kept or [])
    taken = {i for e in chosen for i in range(e.start, e.end)}
    for label in ENTITY_LABELS:
        for e in filter_spans([s for s in spans if s.label_ == label]):
            if taken.isdisjoint(range(e.start, e.end)):
                chosen.append(e)
                taken.update(range(e.start, e.end))
    return sorted(chosen)


def _char_span(doc: Doc, span: tuple[int, int], label: str) -> SpacySpan | None:
    start, end = span
    return doc.char_span(start, end, label=label, alignment_mode="expand")
