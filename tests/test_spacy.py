"""The spaCy component (``nlp.add_pipe("vndirective")``): entities, span groups, displacy, entry point."""

from __future__ import annotations

import importlib.metadata
import itertools
import json
import pickle
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
from spacy import displacy  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FOUNDING = CORPUS / "334-CV-HU_luc-ngan_2021.md"
STATE = CORPUS / "57_ubnd-tiendu-cv-pccc.txt"


def _blank() -> spacy.language.Language:
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    import vndirective.exports.spacy_component  # noqa: F401  (registers the factory even without the entry point)

    nlp = _blank()
    nlp.add_pipe("vndirective")
    return nlp


@pytest.fixture(scope="module")
def founding(nlp):
    return nlp(FOUNDING.read_text(encoding="utf-8"))


def _ents(doc, label: str) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == label]


def test_blank_vietnamese_tokenizer_keeps_ids_whole():
    words = [t.text for t in _blank()("Thực hiện kết luận số 105/KL/TU ngày 15/6/2021 và 25-NQ/HU.")]
    assert "105/KL/TU" in words and "15/6/2021" in words
    assert "25-NQ/HU." in words  # whitespace only: punctuation sticks, the component splits it off


def test_founding_entities(founding):
    refs = _ents(founding, "DOC_REF")
    for doc_id in ("105/TU", "105/KL/TU", "25-NQ/HU"):
        assert doc_id in refs
    assert "HUYỆN ỦY LỤC NGẠN" in _ents(founding, "ORG")
    assert "ĐẢNG BỘ TỈNH BẮC GIANG" in _ents(founding, "ORG")
    assert _ents(founding, "LOC") == ["Lục Ngạn"]
    dates = _ents(founding, "DATE")
    assert "20 tháng 6 năm 2021" in dates and "ngày 15/6/2021" in dates
    assert set(e.label_ for e in founding.ents) <= {"DOC_REF", "ORG", "LOC", "PER", "DATE"}
    ends = [(e.start, e.end) for e in founding.ents]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))  # sorted, no overlap
    assert not any(e.text[-1] in ",;.*" or e.text[0] in "*(" for e in founding.ents)  # markup and punctuation split off


def test_founding_span_groups(founding):
    header = {s.label_: s.text for s in founding.spans["header"]}
    assert header["issuer"] == "HUYỆN ỦY LỤC NGẠN"
    assert header["doc_id"] == "334 - CV/HU"
    assert header["place"] == "Lục Ngạn"
    assert header["date"] == "20 tháng 6 năm 2021"
    assert [s.label_ for s in founding.spans["header"]].count("recipient") == 3
    tasks = [s.label_ for s in founding.spans["tasks"]]
    assert tasks == [str(i) for i in range(1, 10)]
    assert founding.spans["tasks"][0].text.startswith("1. Quán triệt")
    assert {s.label_ for s in founding.spans["signature"]} >= {"authority", "title"}
    assert len(founding.spans["distribution"]) == 4
    assert [(s.text, s.label_) for s in founding.spans["references"]] == [
        ("105/TU", "105-KL/TU"),
        ("105/KL/TU", "105-KL/TU"),
        ("25-NQ/HU", "25-NQ/HU"),
    ]
    assert [s.label_ for s in founding.spans["passages"]] == ["preamble", "closing"]


def test_founding_directive(founding):
    d = founding._.directive
    assert d.doc_id == "334-CV/HU"
    assert d.text == founding.text
    for e in founding.ents:  # every entity is a stretch of the parsed text
        assert d.text[e.start_char : e.end_char] == e.text


def test_nested_task_paths(nlp):
    doc = nlp((CORPUS / "59_ttg-ct-ho-chua.txt").read_text(encoding="utf-8"))
    labels = [s.label_ for s in doc.spans["tasks"]]
    assert "1.a" in labels and "1.b" in labels and "2" in labels


def test_state_document(nlp):
    doc = nlp(STATE.read_text(encoding="utf-8"))
    assert doc._.directive.system == "state"
    assert doc._.directive.doc_id == "823/UBND-VP"
    assert "823/UBND-VP" in _ents(doc, "DOC_REF")
    assert "136/2020/NĐ-CP" in _ents(doc, "DOC_REF")
    assert _ents(doc, "PER") == ["Nguyễn Văn Hải"]
    assert "Tiên Du" in _ents(doc, "LOC")
    assert "Chính phủ" in _ents(doc, "ORG")
    assert {s.label_: s.text for s in doc.spans["signature"]}["name"] == "Nguyễn Văn Hải"


def test_citation_inside_a_long_issuer_phrase_stays_doc_ref(nlp):
    doc = nlp((CORPUS / "g02_duqs-nghean-tb.txt").read_text(encoding="utf-8"))
    assert "1547/ML-BTL" in _ents(doc, "DOC_REF")


def test_unnormalised_text_is_aligned(nlp):
    text = "\ufeff" + unicodedata.normalize("NFD", FOUNDING.read_text(encoding="utf-8")).replace("\n", "\r\n")
    doc = nlp(text)
    assert doc.text == text and doc._.directive.text != text
    org = [unicodedata.normalize("NFC", t) for t in _ents(doc, "ORG")]
    assert "HUYỆN ỦY LỤC NGẠN" in org
    assert "105/KL/TU" in _ents(doc, "DOC_REF")
    from vndirective.core.normalize import prepare

    assert [(prepare(e.text), e.label_) for e in doc.ents] == [(e.text, e.label_) for e in nlp(FOUNDING.read_text(encoding="utf-8")).ents]
    assert all(not e.text.startswith("\ufeff") for e in doc.ents)


def test_without_split_tokens_spans_widen_to_tokens():
    import vndirective.exports.spacy_component  # noqa: F401

    nlp = _blank()
    nlp.add_pipe("vndirective", config={"split_tokens": False})
    doc = nlp(FOUNDING.read_text(encoding="utf-8"))
    tokens = len(_blank()(doc.text))
    assert len(doc) == tokens
    refs = _ents(doc, "DOC_REF")
    assert "25-NQ/HU" in refs and any(r.startswith("105/KL/TU") for r in refs)


def test_keeps_earlier_entities_when_asked():
    import vndirective.exports.spacy_component  # noqa: F401

    nlp = _blank()
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "DISEASE", "pattern": "Covid-19"}])
    nlp.add_pipe("vndirective", config={"overwrite_ents": False})
    doc = nlp(FOUNDING.read_text(encoding="utf-8"))
    labels = {e.label_ for e in doc.ents}
    assert {"DISEASE", "DOC_REF", "ORG"} <= labels


def test_displacy_ent_and_span(founding):
    from vndirective.exports.spacy_component import DISPLACY_OPTIONS

    html = displacy.render(founding, style="ent", options=DISPLACY_OPTIONS)
    for label in ("DOC_REF", "ORG", "LOC", "DATE"):
        assert label in html
    assert "105/KL/TU" in html
    html = displacy.render(founding, style="span", options={"spans_key": "header"})
    assert "issuer" in html and "HUYỆN" in html


def test_pickle_and_docbin(nlp, founding):
    again = pickle.loads(pickle.dumps(founding))
    assert again._.directive.doc_id == "334-CV/HU"
    assert [e.text for e in again.ents] == [e.text for e in founding.ents]
    from spacy.tokens import DocBin

    restored = next(DocBin(docs=[founding]).from_bytes(DocBin(docs=[founding]).to_bytes()).get_docs(nlp.vocab))
    assert [(e.text, e.label_) for e in restored.ents] == [(e.text, e.label_) for e in founding.ents]
    assert [s.label_ for s in restored.spans["tasks"]] == [s.label_ for s in founding.spans["tasks"]]


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_vndirective_does_not_import_spacy():
    assert _run("import json, sys, vndirective; vndirective.parse_text('x'); print(json.dumps('spacy' in sys.modules))") is False


def test_entry_point_without_importing_vndirective():
    names = {ep.name for ep in importlib.metadata.entry_points(group="spacy_factories")}
    if "vndirective" not in names:
        pytest.skip("the spacy_factories entry point is not installed: reinstall the package (pip install -e .)")
    code = f"""
import json, sys, spacy
before = "vndirective" in sys.modules
nlp = spacy.blank("vi", config={{"nlp": {{"tokenizer": {{"use_pyvi": False}}}}}})
nlp.add_pipe("vndirective")
doc = nlp(open({str(FOUNDING)!r}, encoding="utf-8").read())
print(json.dumps({{"before": before, "doc_id": doc._.directive.doc_id, "refs": [e.text for e in doc.ents if e.label_ == "DOC_REF"]}}))
"""
    got = _run(code)
    assert got["before"] is False
    assert got["doc_id"] == "334-CV/HU"
    assert "105/KL/TU" in got["refs"]


def test_legacy_font_text_keeps_its_offsets(nlp):
    text = "§¶NG Bé TØNH B¾C GIANG\nHUYÖN ñY LôC NG¹N\nSè 334-CV/HU\nLôc Ng¹n, ngµy 20 th¸ng 6 n¨m 2021\n\nThùc hiÖn KÕt luËn sè 105-KL/TU cña Ban Th\u00adêng vô."
    doc = nlp(text)  # TCVN3: the parser converts it character for character
    assert doc._.directive.doc_id == "334-CV/HU"
    assert [e.text for e in doc.ents if e.label_ == "DOC_REF"] == ["334-CV/HU", "105-KL/TU"]
    assert "Lôc Ng¹n" in _ents(doc, "LOC")
