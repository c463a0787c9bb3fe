"""The JSON Schema shipped in the package is a true contract for ``Directive.to_dict()``."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import vndirective
from vndirective import Directive, parse, parse_text
from vndirective.core.model import HEADER_FIELDS, SCHEMA_VERSION

from ._directive_checks import FOUNDING, INLINE, ROOT, check_directive, iter_spans, load_schema, schema_errors, spans_outside

REPO_CORPUS = sorted(p for p in (ROOT / "corpus").iterdir() if p.suffix in {".md", ".txt"})


@pytest.fixture(scope="module")
def founding_doc() -> Directive:
    return parse(FOUNDING)


def test_schema_is_valid_draft_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_version_matches_the_model():
    version = load_schema()["properties"]["schema_version"]
    assert version["enum"][-1] == SCHEMA_VERSION and "1.0" in version["enum"]  # the newest, and older output still valid


ADDED_AFTER_1_0 = {"digital_signatures", "copy", "received", "confidence"}  # schema 1.2; 1.3; 1.4


def test_schema_lists_every_key_of_to_dict(founding_doc):
    schema = load_schema()
    keys = set(founding_doc.to_dict())
    assert set(schema["properties"]) == keys
    assert set(schema["required"]) == keys - ADDED_AFTER_1_0  # keys later versions added stay optional: older output is still valid
    assert set(HEADER_FIELDS) <= set(schema["$defs"]["header_spans"]["properties"])


def test_founding_example(founding_doc):
    out = check_directive(founding_doc)
    # The founding example exercises most of the shapes: make sure they are there.
    assert out["doc_id"] == "334-CV/HU"
    assert out["date"] == "2021-06-20"
    assert out["references"] and all(r["mentions"] for r in out["references"])
    assert out["tasks"] and out["signature"] and out["signature"]["chain"]
    assert out["distribution"] and out["warnings"] and out["spans"]["recipients"]


@pytest.mark.parametrize("name", sorted(INLINE))
def test_inline_directives(name):
    d = parse_text(INLINE[name], source=f"<{name}>")
    out = check_directive(d)
    assert out["source"] == f"<{name}>"
    assert out["doc_id"] is not None and out["issuer"] is not None and out["date"] is not None


@pytest.mark.parametrize("text", ["", "   \n", "Hello world.", "Số 12", "ngày 32 tháng 13 năm 2021", "T/M\nBÍ THƯ"], ids=repr)
def test_degenerate_texts(text):
    check_directive(parse_text(text))


@pytest.mark.parametrize("path", REPO_CORPUS, ids=lambda p: p.name)
def test_repo_corpus(path: Path):
    check_directive(parse(path))


def test_children_are_recursive():
    d = parse_text(INLINE["party_nq"])
    out = check_directive(d)
    assert any(t["children"] for t in out["tasks"]), "the sample should have nested tasks"


def test_every_kind_of_span_is_collected(founding_doc):
    wheres = {w.split("[")[0].split(".")[0] for w, _ in iter_spans(founding_doc.to_dict())}
    assert {"spans", "references", "tasks", "signature", "distribution", "warnings", "preamble", "closing"} <= wheres


def test_json_is_plain_utf8(founding_doc):
    dumped = json.dumps(founding_doc.to_dict(), ensure_ascii=False)
    assert "HUYỆN ỦY LỤC NGẠN" in dumped
    assert Directive.from_dict(json.loads(dumped)) == founding_doc


def test_the_schema_loads_as_package_data():
    from importlib import resources

    ref = resources.files(vndirective).joinpath("schema/directive.schema.json")
    assert ref.is_file()


# The schema must reject what the contract forbids, or it is no contract.
def _mutate(out, path, value):
    out = copy.deepcopy(out)
    target = out
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("extra",), 1),
        (("issuer",), KeyError),
        (("schema_version",), "0.9"),
        (("date",), "20/06/2021"),
        (("date",), "2021-6-20"),
        (("system",), "army"),
        (("spans", "doc_id"), [1, 2, 3]),
        (("spans", "doc_id"), [-1, 2]),
        (("spans", "doc_id"), [1.5, 2]),
        (("spans", "unknown_field"), [1, 2]),
        (("spans", "recipients"), [1, 2]),
        (("references", 0, "mentions", 0, "span"), None),
        (("references", 0, "year"), "2021"),
        (("tasks", 0, "kind"), "clause"),
        (("tasks", 0, "title"), 3),
        (("tasks", 0, "children"), [{"number": "1"}]),
        (("signature", "spans", "seal"), [0, 1]),
        (("signature", "chain", 0, "extra"), True),
        (("distribution", 0, "purpose"), 3),
        (("warnings", 0, "code"), "Not A Code"),
        (("text",), None),
    ],
    ids=lambda v: "/".join(map(str, v)) if isinstance(v, tuple) else None,
)
def test_schema_rejects(founding_doc, path, value):
    bad = _mutate(founding_doc.to_dict(), path, value)
    assert schema_errors(bad), f"the schema accepted a bad value at {path}"


def test_span_check_catches_spans_outside():
    out = parse_text(INLINE["state_cv"]).to_dict()
    out["tasks"][0]["children"][0]["span"] = [0, len(out["text"]) + 1]
    assert spans_outside(out)
