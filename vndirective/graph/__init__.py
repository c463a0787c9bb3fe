"""The citation graph of a corpus: which document cites which, and who issued what.

>>> G = build_graph(vndirective.parse(p) for p in paths)      # doctest: +SKIP
>>> cites(G, find(G, "334-CV/HU")[0])                          # doctest: +SKIP
['TU@bac-giang|105-KL/TU|2021-06-15', 'HU@bac-giang/luc-ngan|25-NQ/HU|2021-01-05']

:func:`build_graph` returns a networkx ``MultiDiGraph`` with three kinds of nodes
(attribute ``kind``):

- ``'document'``: a document of the corpus (``in_corpus=True``, with its metadata and the
  ``source`` file) or one known only from citations (``in_corpus=False``). Id:
  ``ORGAN|DOC_ID|DATE`` (the date, or the year, or ``undated``), e.g.
  ``'TU@bac-giang|105-KL/TU|2021-06-15'``; a parsed document without a number has its file's
  stem for DOC_ID (``'?@lao-cai/~so-cong-thuong|CV-3155|undated'``), never a path;
- ``'unresolved'``: a citation whose document the context does not decide, with the
  ``reason`` and the ``candidates``. Id: ``?|DOC_ID|DATE|CITING`` (CITING: the citing
  document's number or file stem);
- ``'organ'``: an issuing organ (``'organ:HU@bac-giang/luc-ngan'``) and ``'recipient'``:
  a recipient that is not one organ ('Các chi, đảng bộ trực thuộc').

Edges (attribute ``kind``): ``'cites'`` from the citing to the cited document (``relation``
'implements', 'based_on', 'amends', 'repeals', 'replaces', 'guided_by' or 'cites';
``spans`` of the mentions; ``date`` of the citing document and ``cited_date`` as printed;
``resolution`` 'resolved', 'not_in_corpus' or 'unresolved'), ``'issued'`` from an organ to
its documents and ``'addressed_to'`` from a document to its recipients. Edge keys are
the relation (``'implements'``), ``'issued'`` or ``'addressed_to'``.

How citations are resolved (:mod:`.resolve`, :mod:`.candidates`): the organ of a citation
comes from its symbol (``/TU`` is the provincial committee, :mod:`.organs`), the citing
document's own organ (whose province '/TU' means) and the issuer phrase of the citation
('của UBND tỉnh Thanh Hóa' names another province); the candidates of that organ and
number are then chosen by date and numbering period. The tables are ``data/graph.json``
(:mod:`.tables`). The exports (:mod:`.io`) keep every attribute: lists as JSON text and
dates as ISO text in the files, read back to the same graph by the ``read_*`` functions.

The modules: :mod:`.build` (the graph from ``Directive`` objects), :mod:`.query`,
:mod:`.io`, :mod:`.plot`, :mod:`.organs`, :mod:`.resolve`, :mod:`.candidates`. The graph reads
``Directive`` objects only: a citation's relation and cue come from the reference extractor
(``Mention.relation``, :mod:`vndirective.core.extract.relations`). Names load on first use:
``import vndirective.graph`` does not import networkx; :func:`build_graph` and the others that need it do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

__all__ = [
    "build_graph",
    "citation_stats",
    "cited_by",
    "cites",
    "describe",
    "find",
    "implementation_chain",
    "missing_documents",
    "most_cited",
    "plot_neighbourhood",
    "read_edge_csv",
    "read_gexf",
    "read_graphml",
    "read_node_link_json",
    "timeline",
    "write_edge_csv",
    "write_gexf",
    "write_graphml",
    "write_node_link_json",
]

# name → the module of this package that defines it
_LAZY = {
    # the graph (the old vndirective/graph.py)
    "ORGAN": "build",
    "RECIPIENT": "build",
    "UNRESOLVED": "build",
    "HasDocuments": "build",
    "build_graph": "build",
    "doc_node": "build",
    "document_name": "build",
    "file_stem": "build",
    "unresolved_node": "build",
    "citation_stats": "query",
    "cited_by": "query",
    "cites": "query",
    "describe": "query",
    "find": "query",
    "implementation_chain": "query",
    "missing_documents": "query",
    "most_cited": "query",
    "timeline": "query",
    "decode": "io",
    "encode": "io",
    "exportable": "io",
    "restored": "io",
    "read_edge_csv": "io",
    "read_gexf": "io",
    "read_graphml": "io",
    "read_node_link_json": "io",
    "write_edge_csv": "io",
    "write_gexf": "io",
    "write_graphml": "io",
    "write_node_link_json": "io",
    "plot_neighbourhood": "plot",
    # the old vndirective/resolve.py: its deprecated path is an alias of this package
    "table": "tables",
    "LEVELS": "organs",
    "UNKNOWN": "organs",
    "Strength": "organs",
    "Organ": "organs",
    "code_level": "organs",
    "compatible": "organs",
    "id_key": "organs",
    "level_index": "organs",
    "nonterritorial": "organs",
    "organ_code": "organs",
    "slug": "organs",
    "with_level_code": "organs",
    "Gazetteer": "resolve",
    "cited_organ": "resolve",
    "document_organ": "resolve",
    "is_central_name": "resolve",
    "issuer_phrase": "resolve",
    "own_name": "resolve",
    "recipient_organs": "resolve",
    "unit_level": "resolve",
    "units": "resolve",
    "Candidate": "candidates",
    "Decision": "candidates",
    "choose": "candidates",
    "period": "candidates",
    "mention_masks": "vndirective.core.extract.relations",
    "relation_before": "vndirective.core.extract.relations",
    "relation_order": "vndirective.core.extract.relations",
}

if TYPE_CHECKING:  # the public API typed; the other names are typed Any through __getattr__
    from .build import build_graph
    from .io import read_edge_csv, read_gexf, read_graphml, read_node_link_json, write_edge_csv, write_gexf, write_graphml, write_node_link_json
    from .plot import plot_neighbourhood
    from .query import citation_stats, cited_by, cites, describe, find, implementation_chain, missing_documents, most_cited, timeline


__getattr__, __dir__ = lazy_attributes(__name__, globals(), _LAZY)
