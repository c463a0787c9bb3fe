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


# The card's table of contents (d.outline()): the numbered headings, nested, escaped; an untitled item that holds a
# heading is kept for context; no section when no item is a heading. Made-up documents.
_PLAN = "ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 12/KH-UBND\nAn Bình, ngày 5 tháng 3 năm 2024\n\nKẾ HOẠCH\nPhát triển nhà ở xã hội năm 2024\n\n"
CONTENTS = [
    # (body, the contents' list or None when the card has no such section)
    ("I. QUAN ĐIỂM, MỤC TIÊU\n1. Quan điểm\nPhát triển nhà ở là trách nhiệm của các cấp.\n2. Mục tiêu\na) Mục tiêu chung\nBảo đảm chỗ ở.\n"
     "II. NHIỆM VỤ, GIẢI PHÁP\n1. Giao Sở Xây dựng:\n- Chủ trì rà soát quỹ đất.\n2. Tăng cường kiểm tra việc cấp phép xây dựng.\n",
     '<ul class="vnd-toc"><li><b>I.</b> QUAN ĐIỂM, MỤC TIÊU<ul><li><b>1.</b> Quan điểm</li><li><b>2.</b> Mục tiêu'
     "<ul><li><b>a)</b> Mục tiêu chung</li></ul></li></ul></li>"
     "<li><b>II.</b> NHIỆM VỤ, GIẢI PHÁP<ul><li><b>1.</b> Giao Sở Xây dựng:</li></ul></li></ul>"),
    ("I. MỤC TIÊU <CHUNG> & RIÊNG\n1. Bảo đảm chỗ ở cho người dân.\nII. NHIỆM VỤ\n1. Giao Sở Xây dựng:\n- Chủ trì rà soát quỹ đất.\n",
     '<ul class="vnd-toc"><li><b>I.</b> MỤC TIÊU &lt;CHUNG&gt; &amp; RIÊNG</li>'  # escaped; '1. Bảo đảm ...' is a sentence, no heading
     "<li><b>II.</b> NHIỆM VỤ<ul><li><b>1.</b> Giao Sở Xây dựng:</li></ul></li></ul>"),
    ("1. Các sở, ngành tập trung thực hiện các nhiệm vụ sau đây trong năm 2024 theo đúng tiến độ đã đề ra:\na) Về quy hoạch\n"
     "Rà soát quỹ đất.\nb) Về vốn\nBố trí kinh phí.\n2. Sở Tài chính bố trí kinh phí.\n",  # the untitled item above the headings
     '<ul class="vnd-toc"><li><b>1.</b> Các sở, ngành tập trung thực hiện các nhiệm vụ sau đây …'
     "<ul><li><b>a)</b> Về quy hoạch</li><li><b>b)</b> Về vốn</li></ul></li></ul>"),
    ("1. Sở Xây dựng chủ trì rà soát quỹ đất.\n2. Sở Tài chính bố trí kinh phí.\n", None),  # no heading: no section
    ("Các sở, ngành thực hiện nghiêm.\n", None),  # no numbered item
]


@pytest.mark.parametrize(("body", "contents"), CONTENTS)
def test_the_card_shows_the_outline_as_a_table_of_contents(body, contents):
    d = parse_text(_PLAN + body)
    page = d._repr_html_()
    found = re.search(r'<div class="vnd-h">Contents</div>(.*?)(?:<div class="vnd-h">|$)', page)
    assert (found.group(1) if found else None) == contents
    if contents:
        assert page.index(">Contents<") < page.index(">Tasks (")  # before the tasks, after the header's table
        assert contents.count("<ul") == contents.count("</ul>") and contents.count("<li>") == contents.count("</li>")
