"""Shared checks for the schema, bad-input and fuzz tests (not a test module).

Everything here works on ``Directive.to_dict()`` output, so the same checks
apply to what a user would store as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from vndirective import Directive

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "corpus" / "334-CV-HU_luc-ngan_2021.md"


@lru_cache(maxsize=1)
def founding_text() -> str:
    return FOUNDING.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The schema as a user loads it: package data of ``vndirective``."""
    ref = resources.files("vndirective").joinpath("schema", "directive.schema.json")
    return json.loads(ref.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(d: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:300]}" for e in validator().iter_errors(d)]


def iter_spans(d: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every span of a ``to_dict()`` output, as (where, [start, end])."""
    for k, v in d["spans"].items():
        if v and isinstance(v[0], list):
            for i, s in enumerate(v):
                yield f"spans.{k}[{i}]", s
        else:
            yield f"spans.{k}", v
    for i, r in enumerate(d["references"]):
        if r["span"] is not None:
            yield f"references[{i}].span", r["span"]
        for j, m in enumerate(r["mentions"]):
            for key in ("span", "date_span", "issuer_span"):
                if m[key] is not None:
                    yield f"references[{i}].mentions[{j}].{key}", m[key]
    for key in ("preamble", "closing"):
        if d[key] is not None:
            yield f"{key}.span", d[key]["span"]

    def tasks(items: list[dict[str, Any]], where: str) -> Iterator[tuple[str, Any]]:
        for i, t in enumerate(items):
            yield f"{where}[{i}].span", t["span"]
            yield from tasks(t["children"], f"{where}[{i}].children")

    yield from tasks(d["tasks"], "tasks")
    sig = d["signature"]
    if sig is not None:
        for k, v in sig["spans"].items():
            yield f"signature.spans.{k}", v
        for i, step in enumerate(sig["chain"]):
            yield f"signature.chain[{i}].span", step["span"]
    for i, item in enumerate(d["distribution"]):
        yield f"distribution[{i}].span", item["span"]
    for i, w in enumerate(d["warnings"]):
        if w["span"] is not None:
            yield f"warnings[{i}].span ({w['code']})", w["span"]


def spans_outside(d: dict[str, Any]) -> list[str]:
    """Spans that are not 0 <= start <= end <= len(text)."""
    n = len(d["text"])
    bad = []
    for where, s in iter_spans(d):
        ok = isinstance(s, list) and len(s) == 2 and all(isinstance(x, int) for x in s) and 0 <= s[0] <= s[1] <= n
        if not ok:
            bad.append(f"{where} = {s!r} (len(text) = {n})")
    return bad


def check_directive(d: Directive, *, schema: bool = True) -> dict[str, Any]:
    """The contract every parse result must meet; returns ``d.to_dict()``."""
    assert isinstance(d, Directive)
    out = d.to_dict()
    bad = spans_outside(out)
    assert not bad, "spans outside the text:\n" + "\n".join(bad[:20])
    if schema:
        errors = schema_errors(out)
        assert not errors, "schema violations:\n" + "\n".join(errors[:20])
    assert Directive.from_dict(out) == d, "from_dict(to_dict()) does not round-trip"
    dumped = json.dumps(out, ensure_ascii=False)
    assert Directive.from_dict(json.loads(dumped)) == d, "the JSON text does not round-trip"
    return out


# Small directives written for the tests (one state, two Party, one decision
# with articles), to exercise the header, references, tasks, signature chain
# and distribution without reading files.
INLINE: dict[str, str] = {
    "state_cv": """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 1234/UBND-KGVX
V/v tăng cường phòng, chống dịch Covid-19
Bắc Giang, ngày 05 tháng 3 năm 2022

HỎA TỐC

Kính gửi:
- Các sở, ban, ngành tỉnh;
- UBND các huyện, thành phố.

Thực hiện Công điện số 15/CĐ-TTg ngày 02/3/2022 của Thủ tướng Chính phủ và Chỉ thị số 05/CT-UBND ngày 01/02/2022 của UBND tỉnh, Chủ tịch UBND tỉnh yêu cầu:

1. Sở Y tế:
a) Chủ trì theo dõi tình hình dịch trên địa bàn.
b) Báo cáo kết quả trước ngày 15/3/2022.
2. UBND các huyện, thành phố triển khai thực hiện nghiêm Công điện số 15/CĐ-TTg.

Nơi nhận:
- Như trên;
- TT Tỉnh ủy, TT HĐND tỉnh (b/c);
- Lưu: VT, KGVX.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
""",
    "party_nq": """TỈNH ỦY NINH BÌNH
*
Số 12-NQ/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Ninh Bình, ngày 10 tháng 8 năm 2023

NGHỊ QUYẾT
về chuyển đổi số tỉnh Ninh Bình đến năm 2025, định hướng đến năm 2030

Căn cứ Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy quyết nghị:

I. MỤC TIÊU
1. Mục tiêu chung
Phát triển chính quyền số, kinh tế số, xã hội số.
2. Mục tiêu cụ thể
- 100% cơ quan nhà nước kết nối mạng chuyên dùng;
- 80% hồ sơ công việc được xử lý trên môi trường mạng.

II. NHIỆM VỤ, GIẢI PHÁP
1. Nâng cao nhận thức về chuyển đổi số.
2. Hoàn thiện thể chế, cơ chế, chính sách.

III. TỔ CHỨC THỰC HIỆN
Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy tổ chức quán triệt Nghị quyết này.

Nơi nhận:
- Ban Bí thư (b/c),
- Các đồng chí Tỉnh ủy viên,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Đoàn Minh Huấn
""",
    "state_qd": """| ỦY BAN NHÂN DÂN HUYỆN TIÊN DU | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
| --- | --- |
| Số: 45/QĐ-UBND | Độc lập - Tự do - Hạnh phúc |
| | *Tiên Du, ngày 3 tháng 1 năm 2024* |

**QUYẾT ĐỊNH**
**Về việc thành lập Tổ công tác rà soát thủ tục hành chính**

**CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TIÊN DU**

*Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;*
*Căn cứ Quyết định số 1085/QĐ-TTg ngày 15/9/2022 của Thủ tướng Chính phủ;*

**QUYẾT ĐỊNH:**

**Điều 1.** Thành lập Tổ công tác rà soát thủ tục hành chính gồm các ông, bà có tên sau:
1. Ông Trần Văn Bình, Phó Chủ tịch UBND huyện, Tổ trưởng;
2. Bà Lê Thị Cúc, Chánh Văn phòng HĐND và UBND huyện, Tổ phó.

**Điều 2.** Tổ công tác có nhiệm vụ rà soát, đề xuất đơn giản hóa thủ tục hành chính.

**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký.

**Nơi nhận:**
- Như Điều 3;
- Lưu: VT.

**CHỦ TỊCH**

**Trần Văn Bình**
""",
    "party_cv_short": """ĐẢNG BỘ TỈNH QUẢNG TRỊ
ĐẢNG ỦY XÃ HẢI AN
Số 07-CV/ĐU
V/v tổ chức sinh hoạt chi bộ
ĐẢNG CỘNG SẢN VIỆT NAM
Hải An, ngày 2 tháng 4 năm 2020
Kính gửi: Các chi bộ trực thuộc.
Thực hiện Hướng dẫn số 12-HD/BTCTW ngày 6/7/2012 của Ban Tổ chức Trung ương, Đảng ủy xã đề nghị các chi bộ tổ chức sinh hoạt đúng kỳ.
Nơi nhận:
- Như kính gửi,
- Lưu VP.
T/M ĐẢNG ỦY
K/T BÍ THƯ
PHÓ BÍ THƯ
Hoàng Văn Dũng
""",
}
