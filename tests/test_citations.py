"""Citations (issues 14 and 15): laws and ordinances get their type and issuer, a reference is found by any form
it is printed in, a Party organ code is upper case in the canonical id, and OCR variants of one citation in one
document are one reference. Every document here is made up."""

from __future__ import annotations

import datetime as dt

import pytest

import vndirective
from vndirective.core.ids import ocr_variant_of, parse_id

STATE_HEADER = """ỦY BAN NHÂN DÂN
XÃ TÂN HƯNG
Số: 45/UBND-VP
V/v triển khai nhiệm vụ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tân Hưng, ngày 12 tháng 3 năm 2026

Kính gửi: Các thôn, tổ dân phố.

"""
PARTY_HEADER = """ĐẢNG BỘ TỈNH VÂN SƠN
HUYỆN ỦY ĐỒNG LẠC
*
Số 88-CV/HU
V/v triển khai nhiệm vụ
ĐẢNG CỘNG SẢN VIỆT NAM
Đồng Lạc, ngày 14 tháng 4 năm 2026

Kính gửi: Các chi, đảng bộ trực thuộc.

"""


def state(body: str) -> vndirective.Directive:
    return vndirective.parse_text(STATE_HEADER + body + "\n")


def party(body: str) -> vndirective.Directive:
    return vndirective.parse_text(PARTY_HEADER + body + "\n")


# 1. Laws, codes, ordinances and National Assembly resolutions cited with a number.
LAWS = [
    # sentence, [(doc_id, doc_type, issuer)]
    ("Căn cứ Luật số 55/2024/QH15 ngày 29/11/2024;", [("55/2024/QH15", "Luật", "Quốc hội")]),
    ("Căn cứ Bộ luật Lao động số 45/2019/QH14;", [("45/2019/QH14", "Bộ luật", "Quốc hội")]),
    ("Căn cứ Pháp lệnh số 02/2022/UBTVQH15;", [("02/2022/UBTVQH15", "Pháp lệnh", "Ủy ban Thường vụ Quốc hội")]),
    ("Căn cứ Nghị quyết số 27/2022/UBTVQH15;", [("27/2022/UBTVQH15", "NQ", "Ủy ban Thường vụ Quốc hội")]),
    ("Căn cứ Nghị quyết số 110/2023/QH15;", [("110/2023/QH15", "NQ", "Quốc hội")]),
    ("Căn cứ Nghị quyết số 1302/NQ-UBTVQH15 về sắp xếp đơn vị hành chính;", [("1302/NQ-UBTVQH15", "NQ", "Ủy ban Thường vụ Quốc hội")]),
    # The name of the law between the type word and the number, and the law read where an issuer was looked for.
    ("Thực hiện đúng quy định của Luật Thủy lợi số 08/2017/QH14 và các văn bản hướng dẫn.", [("08/2017/QH14", "Luật", "Quốc hội")]),
    # An issuer printed is kept as printed.
    ("Căn cứ Luật Đầu tư công số 58/2024/QH15 của Quốc hội khóa XV;", [("58/2024/QH15", "Luật", "Quốc hội khóa XV")]),
    # A number alone does not say law or resolution: no type, but the code still names the issuer.
    ("Căn cứ văn bản số 72/2025/QH15;", [("72/2025/QH15", None, "Quốc hội")]),
    # Other organs' codes give no issuer that is not printed.
    ("Căn cứ Nghị định số 30/2020/NĐ-CP;", [("30/2020/NĐ-CP", "NĐ", None)]),
    # A law cited by its name only is not a reference.
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", []),
]


@pytest.mark.parametrize(("sentence", "expected"), LAWS)
def test_laws_and_ordinances_get_their_type_and_issuer(sentence, expected):
    """'Luật số 55/2024/QH15' gave doc_type None (shown '[?]') and no issuer."""
    d = state(sentence)
    assert [(r.doc_id, r.doc_type, r.issuer) for r in d.references] == expected


def test_a_law_keeps_its_print_and_shows_its_type():
    d = state("Căn cứ Luật số 55/2024/QH15 ngày 29/11/2024;")
    (ref,) = d.references
    assert [m.text for m in ref.mentions] == ["55/2024/QH15"] and ref.system == "state" and ref.date == dt.date(2024, 11, 29)
    assert "55/2024/QH15  [Luật]" in str(d)


# 2. d.reference(form): any form a mention prints, or another print of the same id.
FORMS_TEXT = (
    "Thực hiện kết luận số 207/TU của Tỉnh ủy, Kết luận số 207/KL/TU ngày 03/02/2026 của Ban Thường vụ Tỉnh ủy, "
    "Chỉ thị số 05-CT/HU, Chương trình số 58-CTr/Tu và Nghị định số 41/2025/NB-CP, Nghị định số 41/2025/NĐ-CP."
)
FORMS = [
    # written, doc_id found
    ("207-KL/TU", "207-KL/TU"),
    ("207/TU", "207-KL/TU"),
    ("207/KL/TU", "207-KL/TU"),
    ("207 - KL/TU", "207-KL/TU"),
    ("5-CT/HU", "05-CT/HU"),  # the number without its leading zero
    ("58-CTr/Tu", "58-CTr/TU"),  # as printed
    ("58-CTr/TU", "58-CTr/TU"),
    ("41/2025/NB-CP", "41/2025/NĐ-CP"),  # an OCR variant, now a mention of the id it stands for
    ("41/2025/ND-CP", "41/2025/NĐ-CP"),
    ("99-KL/TU", None),
]


@pytest.mark.parametrize(("written", "doc_id"), FORMS)
def test_a_reference_is_found_by_any_form(written, doc_id):
    d = party(FORMS_TEXT)
    found = d.reference(written)
    assert (found.doc_id if found else None) == doc_id


def test_every_mention_form_finds_its_reference(founding):
    for d in (party(FORMS_TEXT), founding):
        for ref in d.references:
            for m in ref.mentions:
                assert d.reference(m.text) is ref, m.text


# 3. A Party organ code is upper case in the canonical id.
ORGAN_CASE = [
    # written, type word hint, canonical, the problem is reported
    ("104-CTr/Tu", None, "104-CTr/TU", True),
    ("12-NQ/Hu", None, "12-NQ/HU", True),
    ("07/Đu", "KL", "07-KL/ĐU", True),
    ("31/QĐ-Tw", None, "31-QĐ/TW", True),
    ("15-KH/ThU", None, "15-KH/ThU", False),  # the table's own spelling
    ("15-KH/THU", None, "15-KH/ThU", False),
    ("104-CTr/TU", None, "104-CTr/TU", False),
    ("38/CT-TTg", None, "38/CT-TTg", False),  # state codes keep their case
]


@pytest.mark.parametrize(("written", "hint", "canonical", "reported"), ORGAN_CASE)
def test_party_organ_codes_are_upper_case(written, hint, canonical, reported):
    did = parse_id(written, hint)
    assert did is not None and did.canonical == canonical
    assert ("organ_case" in did.problems) == reported


def test_one_party_document_printed_in_two_cases_is_one_id():
    """'104-CTr/Tu' in one document and '104-CTr/TU' in another were two graph nodes."""
    a = party("Thực hiện Chương trình số 104-CTr/Tu ngày 02/01/2026 của Tỉnh ủy.")
    b = party("Thực hiện Chương trình số 104-CTr/TU ngày 02/01/2026 của Tỉnh ủy.")
    assert [r.doc_id for r in a.references] == [r.doc_id for r in b.references] == ["104-CTr/TU"]
    assert a.references[0].mentions[0].text == "104-CTr/Tu"  # the print is kept
    (w,) = [w for w in a.warnings if w.code == "malformed_reference"]
    assert "'104-CTr/Tu'" in w.message and "104-CTr/TU" in w.message and "lower-case" in w.message
    own = vndirective.parse_text(PARTY_HEADER.replace("Số 88-CV/HU", "Số 88-CV/Hu") + "Nội dung.\n")
    assert own.doc_id == "88-CV/HU" and any(w.code == "malformed_number" and "88-CV/Hu" in w.message for w in own.warnings)


# 4. OCR variants of one citation in one document.
VARIANTS = [
    # text, [(doc_id, [mention texts])]
    ("Nghị định số 41/2025/NB-CP quy định; Nghị định số 41/2025/NĐ-CP ngày 10/02/2025.", [("41/2025/NĐ-CP", ["41/2025/NB-CP", "41/2025/NĐ-CP"])]),
    ("Quyết định số 1207/QĐ-STC ngày 02/3/2026; Quyết định số 1207/QĐĐ-STCC về kiểm tra.", [("1207/QĐ-STC", ["1207/QĐ-STC", "1207/QĐĐ-STCC"])]),
    # Two valid ids are never one: other organ, other type letters.
    ("Quyết định số 12/QĐ-BNV và Quyết định số 12/QĐ-SNV.", [("12/QĐ-BNV", ["12/QĐ-BNV"]), ("12/QĐ-SNV", ["12/QĐ-SNV"])]),
    ("Quyết định số 12/QĐ-UBND và Quy chế số 12/QC-UBND.", [("12/QĐ-UBND", ["12/QĐ-UBND"]), ("12/QC-UBND", ["12/QC-UBND"])]),
    # Another number, another year, too many letters apart, another type word, another date: two documents.
    ("Nghị định số 41/2025/NB-CP; Nghị định số 42/2025/NĐ-CP.", [("41/2025/NB-CP", ["41/2025/NB-CP"]), ("42/2025/NĐ-CP", ["42/2025/NĐ-CP"])]),
    ("Nghị định số 41/2024/NB-CP; Nghị định số 41/2025/NĐ-CP.", [("41/2024/NB-CP", ["41/2024/NB-CP"]), ("41/2025/NĐ-CP", ["41/2025/NĐ-CP"])]),
    ("Nghị định số 41/2025/NBX-CPP; Nghị định số 41/2025/NĐ-CP.", [("41/2025/NBX-CPP", ["41/2025/NBX-CPP"]), ("41/2025/NĐ-CP", ["41/2025/NĐ-CP"])]),
    ("Thông báo số 1207/QĐĐ-STCC; Quyết định số 1207/QĐ-STC.", [("1207/QĐĐ-STCC", ["1207/QĐĐ-STCC"]), ("1207/QĐ-STC", ["1207/QĐ-STC"])]),
    (
        "Quyết định số 1207/QĐĐ-STCC ngày 02/3/2025; Quyết định số 1207/QĐ-STC ngày 02/3/2026.",
        [("1207/QĐĐ-STCC", ["1207/QĐĐ-STCC"]), ("1207/QĐ-STC", ["1207/QĐ-STC"])],
    ),
    # Near two known ids: which one is meant cannot be told.
    (
        "Theo số 41/2025/NB-CP, Nghị định số 41/2025/NĐ-CP và Nghị quyết số 41/2025/NQ-CP.",
        [("41/2025/NB-CP", ["41/2025/NB-CP"]), ("41/2025/NĐ-CP", ["41/2025/NĐ-CP"]), ("41/2025/NQ-CP", ["41/2025/NQ-CP"])],
    ),
]


@pytest.mark.parametrize(("text", "expected"), VARIANTS)
def test_ocr_variants_of_one_citation_are_one_reference(text, expected):
    d = state(text)
    assert [(r.doc_id, [m.text for m in r.mentions]) for r in d.references] == expected
    merged = [w for w in d.warnings if w.code == "ocr_variant"]
    assert len(merged) == sum(len(mentions) - 1 for _, mentions in expected)
    for w in merged:  # the warning names both: the print and the id it is read as
        ref = next(r for r in d.references if r.doc_id in w.message)
        assert any(f"'{m.text}'" in w.message for m in ref.mentions if m.text != ref.doc_id)


def test_a_merged_variant_brings_its_date_and_issuer():
    d = state("Căn cứ Nghị định số 41/2025/NB-CP ngày 10/02/2025 của Chính phủ; theo Nghị định số 41/2025/NĐ-CP.")
    (ref,) = d.references
    assert (ref.doc_id, ref.date, ref.issuer) == ("41/2025/NĐ-CP", dt.date(2025, 2, 10), "Chính phủ")
    assert [m.span.start for m in ref.mentions] == sorted(m.span.start for m in ref.mentions)


VARIANT_IDS = [
    # variant, type word of the variant, known, merged
    ("41/2025/NB-CP", "NĐ", "41/2025/NĐ-CP", True),
    ("41/2025/NB-CP", None, "41/2025/NĐ-CP", True),
    ("1207/QĐĐ-STCC", "QĐ", "1207/QĐ-STC", True),
    ("41/2025/NĐ-CP", None, "41/2025/NB-CP", False),  # the known form never gives way
    ("41/2025/NĐ-CP", None, "41/2025/NĐ-CP", False),
    ("12/QĐ-SNV", None, "12/QĐ-BNV", False),
    ("041/2025/NB-CP", None, "41/2025/NĐ-CP", True),  # numbers compare as integers
]


@pytest.mark.parametrize(("variant", "stated", "known", "merged"), VARIANT_IDS)
def test_the_ocr_variant_rule(variant, stated, known, merged):
    a, b = parse_id(variant, stated), parse_id(known)
    assert a is not None and b is not None
    assert ocr_variant_of(a, b, stated) == merged


# 5. repr and str.
def test_repr_is_short_and_str_is_the_summary():
    d = state("Căn cứ Luật số 55/2024/QH15;\n1. Một.\n2. Hai.")
    line = repr(d)
    assert "\n" not in line and len(line) < 300 and d.text not in line
    assert line.startswith("Directive(doc_id='45/UBND-VP', doc_type='CV', issuer='ỦY BAN NHÂN DÂN XÃ TÂN HƯNG', date='2026-03-12', references=1")
    assert "45/UBND-VP" in str(d) and "55/2024/QH15" in str(d)
