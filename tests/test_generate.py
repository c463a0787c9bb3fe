"""The corpus generator (corpus/generate.py): determinism, the truth it writes, and our parser on its documents."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

import vndirective

GENERATOR = Path(__file__).resolve().parents[1] / "corpus" / "generate.py"

# Measured on the sample below (every 10th of 2,000 documents, seed 0): 200/200 fully right.
# On all 10,000 documents of seed 0: 9,969 fully right when the generator was written; 9,994 after
# the fixes it prompted (an id broken before its separator at a line end, a date in words inside a
# V/v subject, 'Sơn Động' read as a merged number line, 'KẾT LUẬN CỦA ...' under THÔNG BÁO). Left:
# a citation bearing the document's own id although it names another organ, and one type word
# taken from an earlier citation of the same sentence.
MIN_FULLY_RIGHT = 0.98


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_generate", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


gen = _load()


@cache
def corpus(n: int = 2000, seed: int = 0) -> list:
    return gen.generate(n, seed)


def _id_key(doc_id: str) -> str:
    return gen._id_key(doc_id)


def test_same_seed_same_output():
    a, b = gen.generate(300, seed=7), gen.generate(300, seed=7)
    assert [d.text for d in a] == [d.text for d in b]
    assert [d.truth() for d in a] == [d.truth() for d in b]
    assert gen.links(a, 7) == gen.links(b, 7)
    c = gen.generate(300, seed=8)
    assert [d.text for d in a] != [d.text for d in c]


def test_sizes():
    assert gen.generate(0) == []
    docs = gen.generate(57, 3)
    assert len(docs) == 57 and [d.date for d in docs] == sorted(d.date for d in docs)


def test_no_citation_of_a_later_document():
    docs = corpus()
    keys = {d.key: d for d in docs}
    assert len(keys) == len(docs), "node keys are unique"
    assert len({d.file_name for d in docs}) == len(docs)
    n = 0
    for d in docs:
        for c in d.citations:
            n += 1
            assert dt.date.fromisoformat(c.true_date) < d.date, (d.file_name, c.mentions)
            if c.target is not None:
                t = keys[c.target]
                assert t.date < d.date
                assert (t.organ, t.doc_id, t.date.isoformat()) == (c.true_organ, c.true_doc_id, c.true_date)
                assert c.status == "corpus"
            else:
                assert c.status in ("missing", "central_external", "external")
                assert c.target not in keys
    assert n > len(docs)


def test_ids_collide_across_provinces_and_terms():
    docs = corpus()
    by_id: dict[str, list] = defaultdict(list)
    for d in docs:
        by_id[_id_key(d.doc_id)].append(d)
    # organ keys as in vndirective.graph.organs: 'TU@bac-giang', 'HU@bac-giang/luc-ngan', 'TW'
    provinces = {k: {d.organ.partition("@")[2].split("/")[0] for d in v} for k, v in by_id.items()}
    across_provinces = [k for k, v in provinces.items() if len(v - {""}) > 1]
    same_organ = [k for k, v in by_id.items() if len({d.organ for d in v}) < len(v)]
    party_terms = [k for k in same_organ if "/" in k and "-" in k.split("/")[0]]
    # seed 0, 2,000 documents: 377 ids in several provinces, 9 reused by one organ in another term or year
    assert len(across_provinces) > 150, "the same id exists in several provinces"
    assert any("-KL/TU" in k for k in across_provinces) and any("/QĐ-UBND" in k for k in across_provinces)
    assert len(same_organ) >= 5 and party_terms, "one organ reuses an id in another term or year"
    cited = [c for d in docs for c in d.citations if c.target]
    # 41 % with 2,000 documents (seed 0), 60 % with 10,000: the bigger the corpus, the more an id needs its context
    assert sum(c.corpus_same_id > 1 for c in cited) > 0.25 * len(cited), "many cited ids are ambiguous without context"


def test_truth_is_consistent_with_the_text_and_the_rules():
    docs = corpus()
    keys = {d.key: d for d in docs}
    by_organ_id: dict[tuple[str, str], list] = defaultdict(list)
    for d in docs:
        by_organ_id[(d.organ, _id_key(d.doc_id))].append(d)
    rules = defaultdict(int)
    for d in docs:
        for c in d.citations:
            rules[c.rule] += 1
            assert c.mentions, (d.file_name, c.doc_id)
            if d.style in ("md", "plain"):  # the wrapped layouts break mentions across lines
                for m in c.mentions:
                    assert m in d.text, (d.file_name, m)
            assert c.decidable == (c.organ_rule in ("central", "named", "phrase_level", "code_level") and c.period_rule in ("date", "year_in_id"))
            assert c.has_date == (c.period_rule == "date")
            if c.organ_rule == "own_organ_first":
                assert c.true_organ == d.organ and not c.has_issuer
            if c.organ_rule == "code_level":
                assert not c.has_issuer
            if c.target is None:
                continue
            same = by_organ_id[(c.true_organ, _id_key(c.true_doc_id))]
            if c.period_rule == "date":
                assert [x.key for x in same if x.date.isoformat() == c.true_date] == [c.target]
            elif c.period_rule == "latest_before":  # the rule gives the target on the corpus too
                before = [x for x in same if x.date < d.date]
                assert max(before, key=lambda x: x.date).key == c.target, (d.file_name, c.mentions)
            assert keys[c.target].doc_id == c.true_doc_id
    for needed in ("phrase_level+date", "code_level+date", "central+date", "named+date", "phrase_level+latest_before", "own_organ_first+date"):
        assert rules[needed] > 0, needed
    assert any(r.endswith("+unresolvable") for r in rules) and any(r.endswith("+year_in_id") for r in rules)


def test_citation_variants_are_present():
    docs = corpus()
    printed = [c.printed_id for d in docs for c in d.citations]
    mentions = " | ".join(m for d in docs for c in d.citations for m in c.mentions)
    assert any("/KL/TU" in p for p in printed), "105/KL/TU"
    assert any(p.count("/") == 1 and p.endswith("/TU") and "-" not in p for p in printed), "105/TU (type letters missing)"
    assert any(" - " in p for p in printed), "105 - KL/TU"
    assert "của Ban Chấp hành Đảng bộ tỉnh" in mentions and "của Ban Thường vụ Tỉnh ủy" in mentions and "của UBND tỉnh" in mentions
    assert any(c.status == "missing" for d in docs for c in d.citations)
    assert any(c.status == "central_external" for d in docs for c in d.citations)
    styles = {d.style for d in docs}
    assert styles == {"md", "plain", "wrapped", "layout"}


def test_cli_writes_files_and_links(tmp_path):
    assert gen.main(["--n", "40", "--seed", "1", "--out", str(tmp_path)]) == 0
    truth = json.loads((tmp_path / "links.json").read_text("utf-8"))
    assert truth["n_docs"] == 40 and len(truth["documents"]) == 40 and truth["rules"]
    for row in truth["documents"]:
        text = (tmp_path / row["file"]).read_text("utf-8")
        assert row["doc_id"] in text
        assert set(row) >= {"file", "key", "issuer", "issuer_parent", "doc_id", "date", "citations"}
        for c in row["citations"]:
            assert set(c) >= {"doc_id", "printed_id", "target", "status", "decidable", "rule"}
    assert {row["key"] for row in truth["documents"]} == {d.key for d in gen.generate(40, 1)}


def _compare(doc, parsed) -> list[tuple[str, object, object]]:
    errors: list[tuple[str, object, object]] = []
    if parsed.doc_id != doc.doc_id:
        errors.append(("doc_id", doc.doc_id, parsed.doc_id))
    if parsed.date != doc.date:
        errors.append(("date", doc.date, parsed.date))
    if parsed.issuer != doc.issuer:
        errors.append(("issuer", doc.issuer, parsed.issuer))
    got = {r.doc_id for r in parsed.references}
    if got != doc.reference_ids:
        errors.append(("references", sorted(doc.reference_ids - got), sorted(got - doc.reference_ids)))
    return errors


def test_parser_reads_generated_documents():
    """vndirective.parse_text on 200 generated documents: doc_id, date, issuer and the set of cited ids."""
    sample = corpus()[::10]
    failures = []
    for doc in sample:
        errors = _compare(doc, vndirective.parse_text(doc.text))
        if errors:
            failures.append((doc.file_name, doc.style, errors))
    right = 1 - len(failures) / len(sample)
    print(f"\nparser on {len(sample)} generated documents: {right:.3f} fully right")
    for f in failures:
        print("  ", f)
    assert right >= MIN_FULLY_RIGHT, failures


@pytest.mark.parametrize("field", ["issuer_parent", "place", "doc_type"])
def test_parser_header_fields_on_generated_documents(field):
    """Secondary header fields, reported and held to a lower bar (see the report for the misses)."""
    sample = corpus()[::10]
    right = sum(getattr(vndirective.parse_text(d.text), field) == getattr(d, field) for d in sample) / len(sample)
    print(f"\n{field}: {right:.3f}")
    assert right >= 0.95
