"""The Jupyter view: a card of the fields and the text with each part highlighted, escaped."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from vndirective import parse, parse_text
from vndirective.exports.display import PARTS, highlighted_text, part_spans

ROOT = Path(__file__).resolve().parent.parent


def test_card_and_highlighted_text_of_the_founding_example():
    d = parse(ROOT / "corpus" / "334-CV-HU_luc-ngan_2021.md")
    page = d._repr_html_()
    assert page.startswith('<meta charset="utf-8">')
    for value in ("HUYỆN ỦY LỤC NGẠN", "ĐẢNG BỘ TỈNH BẮC GIANG", "105-KL/TU", "25-NQ/HU", "2021-06-20", "PHÓ BÍ THƯ", "Như trên"):
        assert html.escape(value) in page, value
    # Every mention of a reference is marked with the reference colour and its id as the title.
    colour = PARTS["reference"][0]
    marked = re.findall(rf'<mark style="background:{colour}" title="([^"]*)">([^<]*)</mark>', page)
    assert ("105-KL/TU", "105/TU") in marked and ("105-KL/TU", "105/KL/TU") in marked and ("25-NQ/HU", "25-NQ/HU") in marked


def test_highlighting_keeps_the_text_whole_and_in_order():
    d = parse(ROOT / "corpus" / "334-CV-HU_luc-ngan_2021.md")
    shown = highlighted_text(d)
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)) == d.text
    assert {part for part, _, _ in part_spans(d)} >= {"reference", "number", "organ", "date", "subject", "recipient", "signature", "distribution", "task"}


def test_markup_in_the_document_is_escaped():
    d = parse_text("ỦY BAN NHÂN DÂN <script>alert(1)</script>\nSố: 12/UBND-VP\n\nNội dung <b>đậm</b> & khác.")
    page = d._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>đậm</b>" not in page


def test_empty_document():
    page = parse_text("")._repr_html_()
    assert "The document is empty." in page


def test_a_directive_in_the_repl_is_one_short_line(founding):
    """repr(d) was the whole dataclass, text first (26,000 characters for the founding example)."""
    line = repr(founding)
    assert "\n" not in line and len(line) < 300
    assert line.startswith("Directive(doc_id='334-CV/HU', doc_type='CV', issuer='HUYỆN ỦY LỤC NGẠN', date='2021-06-20'")
    assert str(founding).splitlines()[0].startswith("Source") and "334-CV/HU" in str(founding)  # the CLI's summary


@pytest.mark.parametrize("written", ["105-KL/TU", "105/KL/TU", "105/TU", "105 - KL/TU"])
def test_a_reference_is_found_by_any_form_the_text_prints(founding, written):
    """'105/TU' is how the founding example cites Kết luận 105-KL/TU in its subject: d.reference('105/TU') found nothing."""
    assert founding.reference(written).doc_id == "105-KL/TU"
