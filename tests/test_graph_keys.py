"""Graph keys and the organs behind them (issues 14 and 15), on short made-up documents.

- every parsed document has a stable, readable key: its number and date, else its file's stem —
  never a machine path — and an unresolved citation's key names the citing document briefly;
- query output names the source file of each document;
- the organ of a document without a number still has the units its header prints (the province
  of a ``UBND TỈNH ...`` parent line);
- ``/ĐU`` is any đảng ủy: a citation naming 'Đảng ủy Ủy ban nhân dân tỉnh' finds that committee's document.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

nx = pytest.importorskip("networkx")

from vndirective import parse_text  # noqa: E402
from vndirective.cli import main  # noqa: E402
from vndirective.core.model import Directive  # noqa: E402
from vndirective.graph import build_graph, cited_by, describe, find  # noqa: E402

D = dt.date


def state(issuer: str, number: str, date: D | None, body: str, parent: str | None = None) -> str:
    """A short made-up state document; ``number`` may be blank ('     /SCT-CN': an unsigned draft)."""
    head = f"{parent}\n{issuer}" if parent else issuer
    when = f"Nam Sơn, ngày {date.day} tháng {date.month} năm {date.year}" if date else "Nam Sơn, ngày      tháng      năm 2026"
    return (
        f"{head}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: {number}\n\n{when}\n\n"
        f"CÔNG VĂN\nV/v thử nghiệm\n\n{body}\n\n1. Các đơn vị thực hiện.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Văn C\n"
    )


def party(parent: str | None, issuer: str, number: str, date: D, body: str) -> str:
    """A short made-up Party document."""
    head = f"{parent}\n{issuer}" if parent else issuer
    return (
        f"{head}\n*\nSố {number}\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nNam Sơn, ngày {date.day} tháng {date.month} năm {date.year}\n\n"
        f"CÔNG VĂN\nvề việc thử nghiệm\n\n{body}\n\n1. Các cấp ủy thực hiện nghiêm.\n\nNơi nhận:\n- Như trên,\n- Lưu Văn phòng.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn A\n"
    )


def doc(text: str, source: str | None = None) -> Directive:
    return parse_text(text, source=source)


SCT, UBND_NS = "SỞ CÔNG THƯƠNG", "UBND TỈNH NAM SƠN"
BODY = "Căn cứ Quyết định số 15/QĐ-SCT ngày 02/3/2026 của Sở Công Thương;"
DRAFT = state(SCT, "     /SCT-CN", None, BODY, parent=UBND_NS)
DRAFT2 = state(SCT, "     /SCT-CN", None, "Căn cứ Quyết định số 16/QĐ-SCT ngày 03/3/2026 của Sở Công Thương;", parent=UBND_NS)
NUMBERED = state(SCT, "120/SCT-CN", D(2026, 4, 2), BODY, parent=UBND_NS)
UNDATED = state(SCT, "121/SCT-CN", None, BODY, parent=UBND_NS)
UNDATED2 = state(SCT, "121/SCT-CN", None, "Căn cứ Quyết định số 17/QĐ-SCT ngày 04/3/2026 của Sở Công Thương;", parent=UBND_NS)
SO = "?@nam-son/~so-cong-thuong"


def _keys(G: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, d in G.nodes(data=True) if d.get("in_corpus"))


# (case, documents as (text, source), the keys of the parsed documents)
KEYS = [
    ("a number and a date", [(NUMBERED, "/home/a/so/120.docx")], ["SCT@nam-son|120/SCT-CN|2026-04-02"]),
    ("no number: the file's stem, not its path", [(DRAFT, "/home/a/archive/CV-draft.docx")], [f"{SO}|CV-draft|undated"]),
    ("the same file on another machine: the same key", [(DRAFT, r"D:\lưu trữ\CV-draft.docx")], [f"{SO}|CV-draft|undated"]),
    ("two unnumbered files", [(DRAFT, "/x/a.docx"), (DRAFT2, "/x/b.docx")], [f"{SO}|a|undated", f"{SO}|b|undated"]),
    (
        "two files of one stem in two folders: the second by a digest of its text",
        [(DRAFT, "/x/2026/CV.docx"), (DRAFT2, "/x/2025/CV.docx")],
        [f"{SO}|CV|undated", "DIGEST"],
    ),
    ("one file twice: one node", [(DRAFT, "/x/a.docx"), (DRAFT, "/y/a.docx")], [f"{SO}|a|undated"]),
    ("a text parsed from memory: a digest of its text", [(DRAFT, None)], ["TEXT"]),
    (
        "one number printed without a date in two files: the second by its stem",
        [(UNDATED, "/m/121-a.docx"), (UNDATED2, "/m/121-b.docx")],
        ["SCT@nam-son|121/SCT-CN|undated", "SCT@nam-son|121/SCT-CN|undated|121-b"],
    ),
]


@pytest.mark.parametrize(("case", "docs", "keys"), KEYS, ids=[k[0] for k in KEYS])
def test_every_parsed_document_has_a_stable_readable_key(case: str, docs: list[tuple[str, str | None]], keys: list[str]) -> None:
    G = build_graph(doc(text, source) for text, source in docs)
    found = _keys(G)
    assert len(found) == len(keys)
    for key, want in zip(found, sorted(keys), strict=True):
        if want == "DIGEST":
            assert key.startswith(f"{SO}|CV|undated#") and len(key.rsplit("#", 1)[1]) == 8
        elif want == "TEXT":
            assert key.startswith(f"{SO}|text-") and key.endswith("|undated")
        else:
            assert key == want
        assert "/" not in key.split("|")[1].replace("/SCT-CN", "") and "\\" not in key  # never a path
    assert _keys(build_graph(doc(text, source) for text, source in docs)) == found  # the same in another run


def test_unresolved_citation_keys_do_not_embed_the_citing_key() -> None:
    """'?|15-HD/TU|undated|36-HD/VPTW': the cited number and date, then the citing document's number or stem."""
    body = "Thực hiện Hướng dẫn số 15-HD/TU của Ban Thường vụ Tỉnh ủy;"  # a province's number in a central document: unresolved
    central = doc(state("BỘ CÔNG THƯƠNG", "300/BCT-VP", D(2026, 5, 4), body), "/srv/a/bct-300.pdf")
    draft = doc(state("BỘ CÔNG THƯƠNG", "     /BCT-VP", None, body), "/srv/a/bct-draft.docx")
    G = build_graph([central, draft])
    unresolved = sorted(((u, v) for u, v, d in G.edges(data=True) if d.get("resolution") == "unresolved"), key=lambda e: e[1])
    assert [v for _, v in unresolved] == ["?|15-HD/TU|undated|300/BCT-VP", "?|15-HD/TU|undated|bct-draft"]
    for u, v in unresolved:
        assert u not in v and G.nodes[v]["cited_by"] == u


def test_query_output_names_the_source_file(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`graph --cited-by` lists each citing document with its file; an unnumbered one is found by its file name."""
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "QD-15.txt").write_text(state(SCT, "15/QĐ-SCT", D(2026, 3, 2), "Căn cứ Luật Hóa chất;", parent=UBND_NS), "utf-8")
    (folder / "CV-draft.txt").write_text(DRAFT, "utf-8")
    assert main(["graph", str(folder), "--cited-by", "15/QĐ-SCT", "--cites", "CV-draft.txt"]) == 0
    answer = json.loads(capsys.readouterr().out)
    [cited] = answer["cited_by"]
    assert cited["source"] == str(folder / "QD-15.txt") and cited["node"] == "SCT@nam-son|15/QĐ-SCT|2026-03-02"
    assert cited["cited_by"] == [{"node": f"{SO}|CV-draft|undated", "label": "CV-draft", "source": str(folder / "CV-draft.txt")}]
    [citing] = answer["cites"]
    assert citing["source"] == str(folder / "CV-draft.txt") and [c["node"] for c in citing["cites"]] == [cited["node"]]

    G = build_graph([doc(DRAFT, "/x/CV-draft.docx")])
    assert find(G, "CV-draft") == find(G, "CV-draft.docx") == find(G, "x/CV-draft.docx") == [f"{SO}|CV-draft|undated"]
    assert describe(G, f"{SO}|CV-draft|undated")["source"] == "/x/CV-draft.docx"


def test_old_saved_graphs_still_answer_queries(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A graph saved with the old keys ('...|?|undated|/path', '?|ID|CITING KEY') reads back and is queried by number."""
    from vndirective.graph import read_graphml, write_graphml

    G = nx.MultiDiGraph()
    G.add_node("SCT@nam-son|15/QĐ-SCT|2026-03-02", kind="document", in_corpus=True, doc_id="15/QĐ-SCT", source="/a/QD-15.txt")
    G.add_node("?@~so-cong-thuong-ubnd-tinh-nam-son|?|undated|/a/CV.docx", kind="document", in_corpus=True, source="/a/CV.docx")
    G.add_edge("?@~so-cong-thuong-ubnd-tinh-nam-son|?|undated|/a/CV.docx", "SCT@nam-son|15/QĐ-SCT|2026-03-02", key="based_on", kind="cites")
    write_graphml(G, tmp_path / "old.graphml")
    old = read_graphml(tmp_path / "old.graphml")
    [node] = find(old, "15/QĐ-SCT")
    assert [describe(old, n)["source"] for n in cited_by(old, node)] == ["/a/CV.docx"]


# (case, the citing document's header (issuer, parent), its citation, the organ the citation goes to)
UNNUMBERED_CONTEXT = [
    ("a Sở under UBND TỈNH: its province", SCT, UBND_NS, "Căn cứ Quyết định số 15/QĐ-SCT ngày 02/3/2026 của Sở Công Thương;", "SCT@nam-son"),
    ("a Sở: its own number without an issuer", SCT, UBND_NS, "Căn cứ Kế hoạch số 22/KH-SCT ngày 02/3/2026;", "SCT@nam-son"),
    (
        "a provincial UBND: the provincial committee",
        "ỦY BAN NHÂN DÂN TỈNH NAM SƠN",
        None,
        "Thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026 của Ban Thường vụ Tỉnh ủy;",
        "TU@nam-son",
    ),
    ("a Sở: another province's Sở", SCT, UBND_NS, "Căn cứ Công văn số 9/SXD-VP ngày 02/3/2026 của Sở Xây dựng tỉnh Bắc Sơn;", "SXD@bac-son"),
]


@pytest.mark.parametrize(("case", "issuer", "parent", "body", "organ"), UNNUMBERED_CONTEXT, ids=[c[0] for c in UNNUMBERED_CONTEXT])
def test_a_document_without_a_number_keeps_the_units_of_its_header(case: str, issuer: str, parent: str | None, body: str, organ: str) -> None:
    """The parent line 'UBND TỈNH NAM SƠN' says which province a Sở's citations are of, number or not."""
    d = doc(state(issuer, "     /XX-YY", None, body, parent=parent), "/x/draft.docx")
    assert d.doc_id is None
    G = build_graph([d])
    [(v, data)] = [(v, data) for _, v, data in G.edges(data=True) if data["kind"] == "cites"]
    assert data["resolution"] == "not_in_corpus", data.get("reason")
    assert G.nodes[v]["organ"] == organ


NS = "ĐẢNG BỘ TỈNH NAM SƠN"
UBND = "ỦY BAN NHÂN DÂN TỈNH NAM SƠN"
DU_UBND = party(NS, "ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH", "2449-CV/ĐU", D(2026, 9, 7), "Đảng ủy yêu cầu:")
DU_QS = party(NS, "ĐẢNG ỦY QUÂN SỰ TỈNH", "2449-CV/ĐU", D(2026, 9, 7), "Đảng ủy yêu cầu:")
DU_CTY = party(NS, "ĐẢNG ỦY CÔNG TY ĐIỆN LỰC", "12-CV/ĐU", D(2026, 9, 8), "Đảng ủy yêu cầu:")
DU_XA = party("ĐẢNG BỘ HUYỆN KIM SƠN", "ĐẢNG ỦY XÃ HÒA AN", "31-NQ/ĐU", D(2026, 2, 3), "Đảng ủy yêu cầu:")

# (case, corpus documents (the cited one first), the citing document, the cited document's index or None: not linked)
DANG_UY = [
    (
        "the đảng ủy of the province's People's Committee, cited by that committee",
        [DU_UBND],
        state(UBND, "300/UBND-TH", D(2026, 9, 20), "Thực hiện Công văn số 2449-CV/ĐU ngày 07/9/2026 của Đảng ủy Ủy ban nhân dân tỉnh;"),
        0,
    ),
    (
        "the same, its name abbreviated",
        [DU_UBND],
        state(UBND, "301/UBND-TH", D(2026, 9, 20), "Thực hiện Công văn số 2449-CV/ĐU ngày 07/9/2026 của Đảng ủy UBND tỉnh;"),
        0,
    ),
    (
        "two đảng ủy of one province with one number and date: the one named",
        [DU_QS, DU_UBND],
        state(UBND, "302/UBND-TH", D(2026, 9, 20), "Thực hiện Công văn số 2449-CV/ĐU ngày 07/9/2026 của Đảng ủy Quân sự tỉnh;"),
        0,
    ),
    (
        "the đảng ủy of an enterprise, cited by the provincial committee",
        [DU_CTY],
        party(None, "TỈNH ỦY NAM SƠN", "40-CV/TU", D(2026, 9, 21), "Xét Công văn số 12-CV/ĐU ngày 08/9/2026 của Đảng ủy Công ty Điện lực,"),
        0,
    ),
    (
        "a commune's đảng ủy named in the citation is not the People's Committee's",
        [DU_UBND],
        state(UBND, "303/UBND-TH", D(2026, 9, 20), "Thực hiện Công văn số 2449-CV/ĐU ngày 07/9/2026 của Đảng ủy xã Hòa An;"),
        None,
    ),
    (
        "a commune's own đảng ủy, no issuer printed (as before)",
        [DU_XA],
        state("ỦY BAN NHÂN DÂN XÃ HÒA AN", "5/UBND", D(2026, 3, 1), "Thực hiện Nghị quyết số 31-NQ/ĐU ngày 03/02/2026;", parent="UBND HUYỆN KIM SƠN"),
        0,
    ),
]


@pytest.mark.parametrize(("case", "corpus", "citing", "target"), DANG_UY, ids=[c[0] for c in DANG_UY])
def test_du_is_any_dang_uy(case: str, corpus: list[str], citing: str, target: int | None) -> None:
    """The exact id, the exact date and an issuer phrase naming the đảng ủy link the citation to its document."""
    docs = [doc(t, f"/c/{i}.txt") for i, t in enumerate(corpus)]
    G = build_graph([*docs, doc(citing, "/c/citing.txt")])
    [citing_node] = [n for n, d in G.nodes(data=True) if d.get("source") == "/c/citing.txt"]
    [(v, data)] = [(v, data) for _, v, data in G.out_edges(citing_node, data=True) if data["kind"] == "cites"]
    if target is None:
        assert data["resolution"] != "resolved" or G.nodes[v]["source"] != "/c/0.txt"
    else:
        assert data["resolution"] == "resolved", data.get("reason")
        assert G.nodes[v]["source"] == f"/c/{target}.txt"
