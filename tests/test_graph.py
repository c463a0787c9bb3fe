"""The citation graph: resolution of citations, relations, organs, queries, exports."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

nx = pytest.importorskip("networkx")

from vndirective import parse, parse_text  # noqa: E402
from vndirective.core.extract.relations import relation_before  # noqa: E402
from vndirective.core.ids import parse_id  # noqa: E402
from vndirective.core.normalize import fold  # noqa: E402
from vndirective.graph import (  # noqa: E402
    build_graph,
    citation_stats,
    cited_by,
    cites,
    find,
    implementation_chain,
    missing_documents,
    most_cited,
    plot_neighbourhood,
    read_edge_csv,
    read_gexf,
    read_graphml,
    read_node_link_json,
    timeline,
    write_edge_csv,
    write_gexf,
    write_graphml,
    write_node_link_json,
)
from vndirective.graph.candidates import Candidate, choose  # noqa: E402
from vndirective.graph.organs import Organ  # noqa: E402
from vndirective.graph.resolve import cited_organ, document_organ  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
D = dt.date


def party(parent: str | None, issuer: str, number: str, date: D, body: str, recipients: str = "") -> str:
    """A short but complete Party document."""
    head = f"{parent}\n{issuer}" if parent else issuer
    to = f"Kính gửi: {recipients}\n\n" if recipients else ""
    return (
        f"{head}\n*\nSố {number}\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
        f"Hà Nội, ngày {date.day} tháng {date.month} năm {date.year}\n\nCÔNG VĂN\nvề việc thử nghiệm\n\n"
        f"{to}{body}\n\n1. Các cấp ủy thực hiện nghiêm.\n\nNơi nhận:\n- Như trên,\n- Lưu Văn phòng.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn A\n"
    )


def state(issuer: str, number: str, date: D, body: str, parent: str | None = None) -> str:
    """A short but complete state document."""
    head = f"{parent}\n{issuer}" if parent else issuer
    return (
        f"{head}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: {number}\n\n"
        f"Bắc Giang, ngày {date.day} tháng {date.month} năm {date.year}\n\nQUYẾT ĐỊNH\nvề việc thử nghiệm\n\n"
        f"{body}\n\nĐiều 1. Thử nghiệm.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn B\n"
    )


BG, LN, YT = "ĐẢNG BỘ TỈNH BẮC GIANG", "HUYỆN ỦY LỤC NGẠN", "HUYỆN ỦY YÊN THẾ"

# Each entry: name → text. The ids repeat on purpose: 105-KL/TU in two provinces, 25-NQ/HU in
# two districts, 12-NQ/TU in two terms.
DOCS = {
    "tu_bg_105": party(
        None,
        "TỈNH ỦY BẮC GIANG",
        "105-KL/TU",
        D(2021, 6, 15),
        "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị, Ban Chấp hành Đảng bộ tỉnh kết luận:",
    ),
    "tu_hy_105": party(
        None,
        "TỈNH ỦY HƯNG YÊN",
        "105-KL/TU",
        D(2021, 6, 15),
        "Căn cứ Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị, Ban Chấp hành Đảng bộ tỉnh kết luận:",
    ),
    "tu_bg_12_2016": party(None, "TỈNH ỦY BẮC GIANG", "12-NQ/TU", D(2016, 3, 1), "Ban Chấp hành Đảng bộ tỉnh khóa XVIII quyết nghị:"),
    "tu_bg_12_2021": party(None, "TỈNH ỦY BẮC GIANG", "12-NQ/TU", D(2021, 2, 10), "Ban Chấp hành Đảng bộ tỉnh khóa XIX quyết nghị:"),
    "tu_bg_200": party(None, "TỈNH ỦY BẮC GIANG", "200-KL/TU", D(2021, 7, 1), "Ban Thường vụ Tỉnh ủy kết luận:"),
    "hu_ln_25": party(BG, LN, "25-NQ/HU", D(2021, 1, 5), "Ban Chấp hành Đảng bộ huyện quyết nghị:"),
    "hu_yt_25": party(BG, YT, "25-NQ/HU", D(2021, 1, 5), "Ban Chấp hành Đảng bộ huyện quyết nghị:"),
    "hu_ln_334": party(
        BG,
        LN,
        "334-CV/HU",
        D(2021, 6, 20),
        "Thực hiện Kết luận số 105-KL/TU ngày 15/6/2021 của Ban Chấp hành Đảng bộ tỉnh về mục tiêu kép; "
        "Nghị quyết số 12-NQ/TU ngày 10/02/2021 của Ban Chấp hành Đảng bộ tỉnh. "
        "Các chỉ tiêu mà Nghị quyết số 25-NQ/HU ngày 05/01/2021 của Ban Chấp hành Đảng bộ huyện đã đề ra. "
        "Theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ. "
        "Chờ Kết luận số 200-KL/TU của Ban Thường vụ Tỉnh ủy.",
        recipients="- HĐND, UBND huyện,\n- Các chi, đảng bộ trực thuộc.",
    ),
    "du_kl_plan": party(
        "ĐẢNG BỘ HUYỆN LỤC NGẠN",
        "ĐẢNG ỦY XÃ KIÊN LAO",
        "15-KH/ĐU",
        D(2021, 7, 2),
        "Thực hiện Công văn số 334-CV/HU ngày 20/6/2021 của Ban Thường vụ Huyện ủy; căn cứ Nghị quyết số 25-NQ/HU ngày 05/01/2021 của Ban Chấp hành Đảng bộ huyện, Đảng ủy xã xây dựng kế hoạch:",
    ),
    "tu_bg_ambiguous": party(
        None,
        "TỈNH ỦY BẮC GIANG",
        "210-CV/TU",
        D(2021, 8, 1),
        "Nghị quyết số 25-NQ/HU ngày 05/01/2021 chưa được thực hiện tốt. Nghị quyết số 12-NQ/TU vẫn còn hiệu lực. Kết luận số 200-KL/TU ngày 01/9/2021 sẽ được ban hành.",
    ),
    "ub_ln_45": state(
        "ỦY BAN NHÂN DÂN HUYỆN LỤC NGẠN",
        "45/QĐ-UBND",
        D(2022, 3, 3),
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n\n"
        "Căn cứ Quyết định số 12/QĐ-UBND ngày 10/01/2022 của UBND tỉnh;\n\n"
        "Quyết định này thay thế Quyết định số 7/QĐ-UBND ngày 05/01/2021 của UBND huyện; bãi bỏ Quyết định số 3/QĐ-UBND ngày 04/01/2020 của UBND huyện; "
        "sửa đổi, bổ sung một số điều của Quyết định số 9/QĐ-UBND ngày 09/02/2021 của UBND huyện.",
        parent="ĐẢNG BỘ TỈNH BẮC GIANG",
    ),
}


@pytest.fixture(scope="module")
def parsed() -> dict[str, object]:
    out = {}
    for name, text in DOCS.items():
        d = parse_text(text)
        d.source = name
        out[name] = d
    return out


@pytest.fixture(scope="module")
def G(parsed: dict[str, object]) -> nx.MultiDiGraph:
    return build_graph(iter(parsed.values()))


def node_of(G: nx.MultiDiGraph, source: str) -> str:
    return next(n for n, d in G.nodes(data=True) if d.get("source") == source)


def cite_edge(G: nx.MultiDiGraph, citing: str, doc_id: str) -> tuple[str, dict[str, object]]:
    """The target and data of the (one) citation of ``doc_id`` by document ``citing``."""
    found = [(v, d) for _, v, d in G.out_edges(node_of(G, citing), data=True) if d["kind"] == "cites" and d["cited_as"] == doc_id]
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- resolution


def test_same_id_in_two_provinces_resolved_by_the_citing_province(G: nx.MultiDiGraph) -> None:
    target, data = cite_edge(G, "hu_ln_334", "105-KL/TU")
    assert target == node_of(G, "tu_bg_105") == "TU@bac-giang|105-KL/TU|2021-06-15"
    assert data["resolution"] == "resolved" and data["basis"] == "number and date"
    assert node_of(G, "tu_hy_105") == "TU@hung-yen|105-KL/TU|2021-06-15"


def test_hu_resolved_to_the_citing_district(G: nx.MultiDiGraph) -> None:
    target, _ = cite_edge(G, "hu_ln_334", "25-NQ/HU")
    assert target == node_of(G, "hu_ln_25") == "HU@bac-giang/luc-ngan|25-NQ/HU|2021-01-05"
    # From a commune of Lục Ngạn (whose header does not name the province): the same district.
    target, data = cite_edge(G, "du_kl_plan", "25-NQ/HU")
    assert target == node_of(G, "hu_ln_25") and data["relation"] == "based_on"


def test_date_disambiguates_two_terms(G: nx.MultiDiGraph) -> None:
    target, _ = cite_edge(G, "hu_ln_334", "12-NQ/TU")
    assert target == node_of(G, "tu_bg_12_2021")


def test_a_document_dated_after_the_citing_one_is_not_linked(G: nx.MultiDiGraph) -> None:
    later = node_of(G, "tu_bg_200")
    target, data = cite_edge(G, "hu_ln_334", "200-KL/TU")  # undated citation, the only 200-KL/TU is later
    assert target != later and data["resolution"] == "not_in_corpus"
    assert later in data["note"]
    assert G.nodes[target]["in_corpus"] is False
    target, data = cite_edge(G, "tu_bg_ambiguous", "200-KL/TU")  # printed date after the citing document's
    assert target != later and data["resolution"] == "unresolved" and "after" in data["reason"]


def test_ambiguous_citations_stay_unresolved_with_a_reason(G: nx.MultiDiGraph) -> None:
    # A provincial document cites a district number without naming the district.
    target, data = cite_edge(G, "tu_bg_ambiguous", "25-NQ/HU")
    assert data["resolution"] == "unresolved" and "does not name the district" in data["reason"]
    assert G.nodes[target]["kind"] == "unresolved" and G.nodes[target]["reason"] == data["reason"]
    # An undated citation with two documents of two terms in the corpus.
    target, data = cite_edge(G, "tu_bg_ambiguous", "12-NQ/TU")
    assert data["resolution"] == "unresolved" and "no date" in data["reason"]
    assert sorted(G.nodes[target]["candidates"]) == sorted([node_of(G, "tu_bg_12_2016"), node_of(G, "tu_bg_12_2021")])


def test_no_link_is_ever_wrong_in_the_table(G: nx.MultiDiGraph) -> None:
    """Every resolved citation of the table points to a document of the cited organ's province or district."""
    truth = {
        ("hu_ln_334", "105-KL/TU"): "tu_bg_105",
        ("hu_ln_334", "12-NQ/TU"): "tu_bg_12_2021",
        ("hu_ln_334", "25-NQ/HU"): "hu_ln_25",
        ("du_kl_plan", "334-CV/HU"): "hu_ln_334",
        ("du_kl_plan", "25-NQ/HU"): "hu_ln_25",
    }
    resolved = {
        (G.nodes[u]["source"], d["cited_as"]): G.nodes[v]["source"] for u, v, d in G.edges(data=True) if d["kind"] == "cites" and d["resolution"] == "resolved"
    }
    assert resolved == truth


def test_cited_only_node_is_marked_not_in_corpus(G: nx.MultiDiGraph) -> None:
    target, data = cite_edge(G, "hu_ln_334", "30/2020/NĐ-CP")
    assert target == "CP|30/2020/NĐ-CP|2020-03-05"
    node = G.nodes[target]
    assert node["in_corpus"] is False and node["kind"] == "document" and node["date"] == D(2020, 3, 5)
    assert node["issuer"] == "Chính phủ" and data["resolution"] == "not_in_corpus"
    # Two documents cite it: one node.
    assert cited_by(G, target) == [node_of(G, "hu_ln_334"), node_of(G, "ub_ln_45")]
    assert G.has_edge("organ:CP", target, "issued") and G.edges["organ:CP", target, "issued"]["inferred"] is True


def test_undated_never_option(parsed: dict[str, object]) -> None:
    docs = [parsed["hu_ln_25"], parse_text(party(BG, LN, "40-CV/HU", D(2021, 3, 1), "Thực hiện Nghị quyết số 25-NQ/HU của Ban Chấp hành Đảng bộ huyện."))]
    same_term = build_graph(docs)
    assert [d["resolution"] for _, _, d in same_term.edges(data=True) if d["kind"] == "cites"] == ["resolved"]
    never = build_graph(docs, undated="never")
    assert [d["resolution"] for _, _, d in never.edges(data=True) if d["kind"] == "cites"] == ["unresolved"]


# --------------------------------------------------------------------------- relations


def test_relation_kinds(G: nx.MultiDiGraph) -> None:
    kinds = {d["cited_as"]: d["relation"] for _, _, d in G.out_edges(node_of(G, "ub_ln_45"), data=True) if d["kind"] == "cites"}
    assert kinds == {
        "30/2020/NĐ-CP": "based_on",
        "12/QĐ-UBND": "based_on",
        "7/QĐ-UBND": "replaces",
        "3/QĐ-UBND": "repeals",
        "9/QĐ-UBND": "amends",
    }
    assert cite_edge(G, "hu_ln_334", "105-KL/TU")[1]["relation"] == "implements"
    assert cite_edge(G, "hu_ln_334", "105-KL/TU")[1]["cue"] == "Thực hiện"
    assert cite_edge(G, "hu_ln_334", "25-NQ/HU")[1]["relation"] == "cites"


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Thực hiện Kết luận số ", "implements"),
        ("Tiếp tục triển khai Nghị quyết số ", "implements"),
        ("Căn cứ Nghị định số ", "based_on"),
        ("Quyết định này thay thế Quyết định số ", "replaces"),
        ("Bãi bỏ Quyết định số ", "repeals"),
        ("Sửa đổi, bổ sung một số điều của Quyết định số ", "amends"),
        ("Theo hướng dẫn tại Công văn số ", "guided_by"),
        ("Thực hiện tốt. Theo Nghị quyết số ", "cites"),  # the cue is in another sentence
        ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật số ", "based_on"),  # a title, not the relation
        ("phù hợp với Nghị quyết số ", "cites"),
    ],
)
def test_relation_before(text: str, relation: str) -> None:
    assert relation_before(fold(text + "1-NQ/TW"), len(text), [])[0] == relation


# --------------------------------------------------------------------------- organs


def test_organ_nodes_and_issued_and_addressed_edges(G: nx.MultiDiGraph) -> None:
    doc = node_of(G, "hu_ln_334")
    assert G.has_edge("organ:HU@bac-giang/luc-ngan", doc, "issued")
    organ = G.nodes["organ:HU@bac-giang/luc-ngan"]
    assert organ["kind"] == "organ" and organ["label"] == "HUYỆN ỦY LỤC NGẠN (ĐẢNG BỘ TỈNH BẮC GIANG)"
    assert organ["province"] == "BẮC GIANG" and organ["district"] == "LỤC NGẠN" and organ["level"] == "district"
    addressed = {v: d["text"] for _, v, d in G.out_edges(doc, data=True) if d["kind"] == "addressed_to"}
    assert addressed["organ:UBND@bac-giang/luc-ngan"] == "HĐND, UBND huyện"
    assert addressed["organ:HĐND@bac-giang/luc-ngan"] == "HĐND, UBND huyện"
    group = next(v for v in addressed if v.startswith("recipient:"))
    assert G.nodes[group]["kind"] == "recipient" and G.nodes[group]["label"] == "Các chi, đảng bộ trực thuộc"


@pytest.mark.parametrize(
    ("code", "system", "issuer", "parent", "key"),
    [
        ("HU", "party", "HUYỆN ỦY LỤC NGẠN", "ĐẢNG BỘ TỈNH BẮC GIANG", "HU@bac-giang/luc-ngan"),
        ("TU", "party", "TỈNH UỶ THANH HOÁ", None, "TU@thanh-hoa"),
        ("TU", "party", "THÀNH ỦY CẦN THƠ", None, "TU@can-tho"),
        ("QU", "party", "QUẬN ỦY HOÀNG MAI", "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QU@ha-noi/hoang-mai"),
        ("ĐU", "party", "ĐẢNG ỦY XÃ HỮU BẰNG", "ĐẢNG BỘ HUYỆN THẠCH THẤT", "ĐU@?/thach-that/huu-bang"),
        ("ĐU", "party", "ĐẢNG ỦY XÃ THANH SƠN", "ĐẢNG BỘ TỈNH PHÚ THỌ", "ĐU@phu-tho/-/thanh-son"),
        ("ĐU", "party", "ĐẢNG ỦY QUÂN SỰ TỈNH", "ĐẢNG BỘ TỈNH NGHỆ AN", "ĐU@nghe-an/~quan-su"),
        ("CB", "party", "CHI BỘ KHU PHỐ 4", "ĐẢNG BỘ PHƯỜNG CẨM TRUNG", "CB@?/?/cam-trung/~khu-pho-4"),
        ("BTGTU", "party", "BAN TUYÊN GIÁO", "TỈNH ỦY NGHỆ AN", "BTGTU@nghe-an"),
        ("BCSĐ", "party", "BAN CÁN SỰ ĐẢNG UBND TỈNH", "TỈNH ỦY GIA LAI", "BCSĐ@gia-lai/~uy-ban-nhan-dan"),  # abbreviations spelled out: one key for UBND and ỦY BAN NHÂN DÂN
        ("TW", "party", "BAN CHẤP HÀNH TRUNG ƯƠNG", None, "TW"),
        ("UBND", "state", "ỦY BAN NHÂN DÂN HUYỆN TIÊN DU", None, "UBND@?/tien-du"),
        ("UBND", "state", "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", None, "UBND@phu-tho"),
        ("SGDĐT", "state", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "UBND TỈNH NGHỆ AN", "SGDĐT@nghe-an"),
        ("BHXH", "state", "BẢO HIỂM XÃ HỘI TỈNH THÁI BÌNH", "BẢO HIỂM XÃ HỘI VIỆT NAM", "BHXH@thai-binh"),
        ("TTg", "state", "THỦ TƯỚNG CHÍNH PHỦ", None, "TTg"),
    ],
)
def test_document_organ(code: str, system: str, issuer: str, parent: str | None, key: str) -> None:
    assert document_organ(code, system, issuer, parent).key == key


LUC_NGAN = document_organ("HU", "party", "HUYỆN ỦY LỤC NGẠN", "ĐẢNG BỘ TỈNH BẮC GIANG")


@pytest.mark.parametrize(
    ("doc_id", "phrase", "expected"),
    [
        ("105-KL/TU", "Ban Chấp hành Đảng bộ tỉnh", "TU@bac-giang"),
        ("105-KL/TU", "Ban Thường vụ Tỉnh ủy Hưng Yên", "TU@hung-yen"),
        ("25-NQ/HU", None, "HU@bac-giang/luc-ngan"),
        ("5-NQ/HU", "Huyện ủy Yên Thế", "HU@?/yen-the"),  # another district: its province is not assumed
        ("12/QĐ-UBND", "UBND tỉnh", "UBND@bac-giang"),
        ("12/QĐ-UBND", "Ủy ban nhân dân tỉnh Thanh Hóa về việc", "UBND@thanh-hoa"),
        ("12/QĐ-UBND", "Ủy ban nhân dân thành phố Hà Nội", "UBND@ha-noi"),
        ("30/2020/NĐ-CP", "Chính phủ", "CP"),
        ("13-NQ/TƯ", "Tỉnh ủy", "TU@bac-giang"),
        ("13-NQ/TƯ", "Bộ Chính trị", "TW"),
        ("12/QĐ-UBND", None, "level of the organ 'UBND' is not known"),
        ("3-KH/ĐU", None, "does not name the commune"),
        ("3-KH/ĐU", "Đảng ủy xã Kiên Lao", "ĐU@bac-giang/luc-ngan/kien-lao"),
        ("13-NQ/TƯ", None, "both TW and TU"),
        ("2-TTr/CB", "Chi bộ", "shared by several organs"),
    ],
)
def test_cited_organ(doc_id: str, phrase: str | None, expected: str) -> None:
    did = parse_id(doc_id)
    assert did is not None
    found = cited_organ(did, phrase, LUC_NGAN)
    if isinstance(found, Organ):
        assert found.key == expected
    else:
        assert expected in found


@pytest.mark.parametrize(
    ("cands", "kwargs", "outcome", "node"),
    [
        ([("a", D(2021, 6, 15), "strong"), ("b", D(2016, 6, 15), "strong")], {"cited_date": D(2021, 6, 15)}, "resolved", "a"),
        ([("a", D(2021, 6, 15), "weak")], {"cited_date": D(2021, 6, 15)}, "resolved", "a"),
        ([("a", D(2021, 6, 15), "weak")], {}, "unresolved", None),
        ([("a", D(2021, 6, 1), "strong")], {}, "resolved", "a"),
        ([("a", D(2020, 6, 1), "strong")], {}, "unresolved", None),  # a congress year: the term is uncertain
        ([("a", D(2021, 6, 15), "strong")], {"cited_date": D(2021, 6, 14)}, "missing", None),
        ([("a", D(2021, 7, 15), "strong")], {}, "missing", None),  # after the citing document
        ([("a", D(2021, 3, 1), "strong")], {"cited_year": 2021}, "resolved", "a"),
        ([("a", D(2021, 3, 1), "strong"), ("b", D(2021, 5, 1), "strong")], {"cited_year": 2021}, "unresolved", None),
        ([], {"cited_date": D(2021, 6, 25)}, "unresolved", None),  # cited date after the citing document
    ],
)
def test_choose(cands: list[tuple[str, D, str]], kwargs: dict[str, object], outcome: str, node: str | None) -> None:
    args: dict[str, object] = {
        "cited_date": None,
        "cited_year": None,
        "citing_date": D(2021, 6, 20),
        "system": "party",
        "level": "province",
        "id_has_year": False,
    }
    args.update(kwargs)
    decision = choose([Candidate(n, d, s) for n, d, s in cands], **args)  # type: ignore[arg-type]
    assert (decision.outcome, decision.node) == (outcome, node)
    if outcome == "unresolved":
        assert decision.why


def test_state_numbers_restart_every_year() -> None:
    cands = [Candidate("a", D(2023, 2, 1), "strong")]
    common = {"cited_date": None, "cited_year": None, "system": "state", "level": "district", "id_has_year": False}
    assert choose(cands, citing_date=D(2023, 5, 1), **common).outcome == "resolved"  # type: ignore[arg-type]
    assert choose(cands, citing_date=D(2024, 5, 1), **common).outcome == "unresolved"  # type: ignore[arg-type]


# --------------------------------------------------------------------------- queries


def test_cites_and_cited_by(G: nx.MultiDiGraph) -> None:
    doc = node_of(G, "hu_ln_334")
    assert cites(G, doc)[:4] == [
        "CP|30/2020/NĐ-CP|2020-03-05",
        "HU@bac-giang/luc-ngan|25-NQ/HU|2021-01-05",
        "TU@bac-giang|12-NQ/TU|2021-02-10",
        "TU@bac-giang|105-KL/TU|2021-06-15",
    ]
    assert cited_by(G, doc) == [node_of(G, "du_kl_plan")]


def test_implementation_chain_up_to_the_top(G: nx.MultiDiGraph) -> None:
    chain = implementation_chain(G, node_of(G, "du_kl_plan"))
    assert chain == [node_of(G, "du_kl_plan"), node_of(G, "hu_ln_334"), node_of(G, "tu_bg_105"), "TW|01-KL/TW|2021-05-18"]
    assert [G.nodes[n]["level"] for n in chain] == ["commune", "district", "province", "central"]


def test_missing_and_most_cited(G: nx.MultiDiGraph) -> None:
    missing = missing_documents(G)
    assert missing[:2] == [("CP|30/2020/NĐ-CP|2020-03-05", 2), ("TW|01-KL/TW|2021-05-18", 2)]
    assert all(G.nodes[n]["in_corpus"] is False for n, _ in missing)
    assert most_cited(G, 3) == [
        ("CP|30/2020/NĐ-CP|2020-03-05", 2),
        ("HU@bac-giang/luc-ngan|25-NQ/HU|2021-01-05", 2),
        ("TW|01-KL/TW|2021-05-18", 2),
    ]
    assert most_cited(G, None, in_corpus=True)[0][0] == "HU@bac-giang/luc-ngan|25-NQ/HU|2021-01-05"


def test_timeline_and_find(G: nx.MultiDiGraph) -> None:
    line = timeline(G, "TU@bac-giang")
    assert [d for d, _ in line] == sorted(d for d, _ in line if d) + [d for d, _ in line if d is None]
    assert (D(2021, 6, 15), "TU@bac-giang|105-KL/TU|2021-06-15") in line
    assert timeline(G, "organ:TU@bac-giang") == line
    assert find(G, "105/KL/TU") == ["TU@bac-giang|105-KL/TU|2021-06-15", "TU@hung-yen|105-KL/TU|2021-06-15"]
    assert find(G, "105-KL/TU", organ="TU@hung-yen") == ["TU@hung-yen|105-KL/TU|2021-06-15"]
    assert find(G, "12-NQ/TU", date=D(2016, 3, 1)) == [node_of(G, "tu_bg_12_2016")]
    assert find(G, "30/2020/NĐ-CP", in_corpus=False) == ["CP|30/2020/NĐ-CP|2020-03-05"]
    with pytest.raises(KeyError):
        timeline(G, "TU@nowhere")


def test_stats(G: nx.MultiDiGraph) -> None:
    stats = citation_stats(G)
    assert stats["resolution"]["resolved"] == 5
    assert sum(stats["resolution"].values()) == sum(1 for *_, d in G.edges(data=True) if d["kind"] == "cites")


# --------------------------------------------------------------------------- input forms


def test_streaming_and_store(parsed: dict[str, object]) -> None:
    class Store:
        def documents(self):  # type: ignore[no-untyped-def]
            yield from parsed.values()

    a = build_graph(d for d in parsed.values())
    b = build_graph(Store())
    assert nx.utils.graphs_equal(a, b)


def test_a_document_twice_is_one_node(parsed: dict[str, object]) -> None:
    doc = parsed["hu_ln_334"]
    twice, once = build_graph([doc, doc]), build_graph([doc])
    node = node_of(twice, "hu_ln_334")
    assert twice.nodes[node]["copies"] == 2
    assert twice.number_of_edges() == once.number_of_edges() and twice.number_of_nodes() == once.number_of_nodes()


# --------------------------------------------------------------------------- exports


def _vietnamese_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    assert any("Ủy" in str(d.get("label", "")) or "ỦY" in str(d.get("label", "")) for _, d in G.nodes(data=True))
    return G


@pytest.mark.parametrize(
    ("write", "read", "suffix"),
    [
        (write_graphml, read_graphml, ".graphml"),
        (write_gexf, read_gexf, ".gexf"),
        (write_node_link_json, read_node_link_json, ".json"),
    ],
)
def test_export_round_trip(G: nx.MultiDiGraph, tmp_path: Path, write, read, suffix: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"graph{suffix}"
    write(_vietnamese_graph(G), path)
    assert "HUYỆN ỦY LỤC NGẠN" in path.read_text(encoding="utf-8")
    back = read(path)
    assert nx.utils.graphs_equal(G, back)
    assert back.nodes["TU@bac-giang|105-KL/TU|2021-06-15"]["date"] == D(2021, 6, 15)


def test_csv_round_trip(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    edges, nodes = tmp_path / "edges.csv", tmp_path / "nodes.csv"
    write_edge_csv(G, edges, nodes)
    header = edges.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Source,Target,Type,Id,Label")  # Gephi's spreadsheet columns
    assert nodes.read_text(encoding="utf-8-sig").splitlines()[0].startswith("Id,Label")
    assert nx.utils.graphs_equal(G, read_edge_csv(edges, nodes))


def test_exports_open_in_plain_networkx(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    """The files are plain GraphML / GEXF: networkx (and Gephi) read them without vndirective."""
    write_graphml(G, tmp_path / "g.graphml")
    write_gexf(G, tmp_path / "g.gexf")
    plain = nx.read_graphml(tmp_path / "g.graphml")
    assert plain.number_of_nodes() == G.number_of_nodes()
    node = "TU@bac-giang|105-KL/TU|2021-06-15"
    assert plain.nodes[node]["date"] == "2021-06-15" and plain.nodes[node]["in_corpus"] is True
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == G.number_of_edges()


# --------------------------------------------------------------------------- plot


def test_plot_neighbourhood(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plot_neighbourhood(G, node_of(G, "hu_ln_334"), radius=1)
        ax.figure.savefig(tmp_path / "n.png")
    assert not [w for w in caught if "Glyph" in str(w.message)], "a Vietnamese letter is missing from the font"
    texts = [t.get_text() for t in ax.texts]
    assert "334-CV/HU (20/06/2021)\nHUYỆN ỦY LỤC NGẠN" in texts
    assert any("Ban Thường vụ Tỉnh ủy" in t for t in texts)  # a cited-only document: the issuer as printed
    assert next(t.get_text() for t in ax.get_legend().get_texts()) == "có trong kho (in corpus)"
    assert all(t.get_fontname() == "DejaVu Sans" for t in ax.texts)
    assert (tmp_path / "n.png").stat().st_size > 10_000
    ax2 = plot_neighbourhood(G, node_of(G, "hu_ln_334"), radius=2, organs=True)
    assert len(ax2.texts) > len(texts)
    plt.close("all")


# --------------------------------------------------------------------------- the corpus


@pytest.fixture(scope="module")
def corpus_graph() -> nx.MultiDiGraph:
    paths = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))
    return build_graph(parse(p) for p in paths)


def test_founding_example_edges(corpus_graph: nx.MultiDiGraph) -> None:
    G = corpus_graph
    [doc] = find(G, "334-CV/HU", in_corpus=True)
    assert doc == "HU@bac-giang/luc-ngan|334-CV/HU|2021-06-20"
    edges = {v: d for _, v, d in G.out_edges(doc, data=True) if d["kind"] == "cites"}
    kl = edges["TU@bac-giang|105-KL/TU|2021-06-15"]
    assert kl["relation"] == "implements" and kl["resolution"] == "not_in_corpus"
    assert len(kl["spans"]) == 2  # the subject line and the body
    assert G.nodes["TU@bac-giang|105-KL/TU|2021-06-15"]["in_corpus"] is False
    assert G.has_edge("organ:TU@bac-giang", "TU@bac-giang|105-KL/TU|2021-06-15", "issued")
    nq = edges["HU@bac-giang/luc-ngan|25-NQ/HU|2021-01-05"]
    assert nq["cited_date"] == D(2021, 1, 5) and nq["issuer"] == "Ban Chấp hành Đảng bộ huyện"
    assert set(edges) == {"TU@bac-giang|105-KL/TU|2021-06-15", "HU@bac-giang/luc-ngan|25-NQ/HU|2021-01-05"}


def test_corpus_graph_has_no_link_against_the_rules(corpus_graph: nx.MultiDiGraph) -> None:
    G = corpus_graph
    for u, v, d in G.edges(data=True):
        if d["kind"] != "cites":
            continue
        assert G.nodes[u]["kind"] == "document" and G.nodes[u]["in_corpus"]
        if d["resolution"] == "unresolved":
            assert d["reason"] and G.nodes[v]["kind"] == "unresolved"
        cited = G.nodes[v].get("date")
        if d["resolution"] == "resolved" and cited and d.get("date"):
            assert cited <= d["date"]


def test_units_a_header_does_not_print_are_learned_from_the_corpus() -> None:
    """A district UBND prints no province: the corpus's Huyện ủy Lục Ngạn header puts Lục Ngạn in
    Bắc Giang, which is enough with an equal date, never without one."""
    tinh = parse_text(state("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "12/QĐ-UBND", D(2022, 1, 10), "Căn cứ Luật Tổ chức chính quyền địa phương;"))
    tinh13 = parse_text(state("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "13/QĐ-UBND", D(2022, 1, 12), "Căn cứ Luật Tổ chức chính quyền địa phương;"))
    other = parse_text(state("ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN", "12/QĐ-UBND", D(2022, 1, 11), "Căn cứ Luật Tổ chức chính quyền địa phương;"))
    huyen_uy = parse_text(party(BG, LN, "2-CV/HU", D(2021, 1, 2), "Ban Thường vụ Huyện ủy yêu cầu:"))
    body = "Căn cứ Quyết định số 12/QĐ-UBND ngày 10/01/2022 của UBND tỉnh;\n\nCăn cứ Quyết định số 13/QĐ-UBND của UBND tỉnh;"
    huyen = parse_text(state("ỦY BAN NHÂN DÂN HUYỆN LỤC NGẠN", "50/QĐ-UBND", D(2022, 3, 3), body))

    def citations(G: nx.MultiDiGraph) -> dict[str, tuple[str, dict[str, object]]]:
        return {d["cited_as"]: (v, d) for _, v, d in G.out_edges(node_of_id(G, "50/QĐ-UBND"), data=True) if d["kind"] == "cites"}

    without = citations(build_graph([tinh, tinh13, other, huyen]))
    assert without["12/QĐ-UBND"][1]["resolution"] == "unresolved" and "province" in str(without["12/QĐ-UBND"][1]["reason"])
    G = build_graph([tinh, tinh13, other, huyen_uy, huyen])
    target, data = citations(G)["12/QĐ-UBND"]
    assert target == "UBND@bac-giang|12/QĐ-UBND|2022-01-10" and data["assumed"] == "province" and data["resolution"] == "resolved"
    target, data = citations(G)["13/QĐ-UBND"]  # no date: the assumed province is not enough
    assert data["resolution"] == "unresolved" and "partly known" in str(data["reason"])
    assert node_of_id(G, "50/QĐ-UBND") == "UBND@?/luc-ngan|50/QĐ-UBND|2022-03-03"  # the node id keeps what the header prints


def node_of_id(G: nx.MultiDiGraph, doc_id: str) -> str:
    [node] = find(G, doc_id, in_corpus=True)
    return node


def test_generated_corpus_has_no_wrong_link() -> None:
    """On documents whose true links are known (corpus/generate.py): no link is wrong, and the
    citations the text decides are found."""
    path = CORPUS / "generate.py"
    if not path.exists():
        pytest.skip("corpus/generate.py not there")
    spec = importlib.util.spec_from_file_location("_vndirective_generate", path)
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = gen
    spec.loader.exec_module(gen)
    docs = gen.generate(400, 3)
    parsed = []
    for g in docs:
        d = parse_text(g.text)
        d.source = g.file_name
        parsed.append(d)
    G = build_graph(parsed)
    key_of = {n: d["source"] for n, d in G.nodes(data=True) if d.get("in_corpus")}
    file_key = {g.file_name: g.key for g in docs}
    truth = {(g.file_name, c.doc_id): c for g in docs for c in g.citations}
    wrong, found, decidable = [], 0, sum(1 for c in truth.values() if c.decidable and c.target)
    for u, v, d in G.edges(data=True):
        if d["kind"] != "cites" or d["resolution"] != "resolved":
            continue
        c = truth.get((key_of[u], d["cited_as"]))
        if c is None or file_key.get(key_of[v]) != c.target:
            wrong.append((u, v))
        elif c.decidable:
            found += 1
    assert not wrong
    assert found / decidable >= 0.95


def test_an_issuer_written_before_the_number_is_read() -> None:
    """'Kế hoạch của Ban Thường vụ Tỉnh ủy Hưng Yên số 105-KL/TU': the older order names another
    province; the citing document's own province must not be assumed."""
    own = parse_text(party(None, "TỈNH ỦY BẮC GIANG", "193-KH/TU", D(2021, 3, 1), "Ban Thường vụ Tỉnh ủy ban hành kế hoạch:"))
    named = parse_text(party(None, "TỈNH ỦY HƯNG YÊN", "193-KH/TU", D(2021, 3, 2), "Ban Thường vụ Tỉnh ủy ban hành kế hoạch:"))
    citing = parse_text(party(BG, LN, "40-CV/HU", D(2021, 5, 1), "Tham khảo Kế hoạch của Ban Thường vụ Tỉnh ủy Hưng\nYên số 193-KH/TU."))
    G = build_graph([own, named, citing])
    [(target, data)] = [(v, d) for _, v, d in G.out_edges(node_of_id(G, "40-CV/HU"), data=True) if d["kind"] == "cites"]
    assert data["issuer"] == "Ban Thường vụ Tỉnh ủy Hưng Yên"
    assert target == "TU@hung-yen|193-KH/TU|2021-03-02"


# --------------------------------------------------------------------------- package


OLD_RESOLVE_NAMES = [
    "Candidate",
    "Decision",
    "Gazetteer",
    "LEVELS",
    "Organ",
    "Strength",
    "UNKNOWN",
    "choose",
    "cited_organ",
    "code_level",
    "compatible",
    "document_organ",
    "id_key",
    "is_central_name",
    "issuer_phrase",
    "level_index",
    "mention_masks",
    "nonterritorial",
    "organ_code",
    "own_name",
    "period",
    "relation_before",
    "relation_order",
    "slug",
    "table",
    "unit_level",
    "units",
    "with_level_code",
]


def test_old_resolve_path_is_the_graph_package() -> None:
    """``vndirective.resolve`` (deprecated) is the ``vndirective.graph`` package, with every public name it had."""
    import vndirective.graph as graph

    sys.modules.pop("vndirective.resolve", None)
    with pytest.warns(DeprecationWarning, match="vndirective.resolve is deprecated"):
        old = importlib.import_module("vndirective.resolve")
    assert old is graph
    assert [name for name in OLD_RESOLVE_NAMES if not hasattr(old, name)] == []
    assert old.choose is choose and old.Organ is Organ and old.relation_before is relation_before


def test_organ_resolution_does_not_import_networkx() -> None:
    code = "import sys, vndirective.graph, vndirective.graph.resolve, vndirective.graph.candidates; print('networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "False"
