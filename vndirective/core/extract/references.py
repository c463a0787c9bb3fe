"""References: every other document cited with a number, one entry per document.

Each mention carries its span, the type word written before it ('kết luận',
'Công văn'), the date written with it ('số 105-KL/TU ngày 15/6/2021', or
'Ngày 26/4/2013, ... ban hành Quyết định số 22/2013/QĐ-TTg') and the issuer
phrase ('của Ban Chấp hành Đảng bộ tỉnh'). A date belongs to the citation it
follows; in a bare list of ids ('18-NQ/TW, 19-NQ/TW ngày 25/10/2017') it is
shared by the ids before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from .. import codes, patterns
from ..ids import MALFORMED, DocumentId, find_ids, ocr_variant_of
from ..lines import Layout, clean
from ..messages import warn
from ..model import Mention, ParseWarning, Reference, Span, System
from ..normalize import skeleton
from .header import Header
from .relations import Cited, relations
from .result import Extracted

_LIST_GLUE = regex.compile(r"^\s{0,3}(?:,|;|và|và các|hoặc)?\s{0,3}(?:số\s{0,2}:?\s{0,2})?$", regex.IGNORECASE)
_LOOKBACK = 100
_WORD, _ISSUER_BEFORE = patterns.groups_of(patterns.TYPE_WORD_BEFORE, "word", "issuer")
(_ISSUER,) = patterns.groups_of(patterns.ISSUER_AFTER, "issuer")
(_YEAR,) = patterns.groups_of(patterns.YEAR_AFTER, "y")
_DATE_GROUPS = {  # (day, month, year) of each way a date pattern writes a date
    p: tuple(patterns.groups_of(p, d, mo, y) for d, mo, y in (("d", "m", "y"), ("d2", "m2", "y2"), ("d3", "m3", "y3")) if d in p.groupindex)
    for p in (patterns.DATE_AFTER, patterns.DATE_BEFORE)
}
_SPACES = regex.compile(r"\s+")
_WIDE_BLANK = regex.compile(r"\s{2,}")
_AND_VERB = regex.compile(r"\s+và\s+(?=\p{Ll})")
_AND_CITATION = regex.compile(r"\s+và\s+(?=[^\d\n]{0,60}?\d{1,5}\s{0,2}[-/])")
_ISSUED = regex.compile(r"ban\s+hành|\bký\b", regex.IGNORECASE)
_CLAUSE_END = regex.compile(r"[.;]\s")
# A type word of running text, as a whole word ('Luật', 'Nghị định'; not the 'luật' of 'kỷ luật').
_TYPE_WORD = regex.compile(
    rf"(?<!\p{{L}})(?:{'|'.join(regex.escape(w) for w in sorted(codes.type_words(), key=len, reverse=True))})(?!\p{{L}})", regex.IGNORECASE
)


@dataclass
class _Found:
    start: int
    end: int
    did: DocumentId
    type_word: str | None
    date: dt.date | None = None
    date_span: Span | None = None
    issuer: str | None = None
    issuer_span: Span | None = None
    year: int | None = None
    issuer_before: Span | None = None  # an issuer written between the type word and the number
    stated_type: str | None = None  # the type code the type word gives ('Nghị định' → NĐ), whatever the symbol prints


def extract_references(layout: Layout, header: Header) -> Extracted[list[Reference]]:
    """All references of the text, the document's own number excluded (unless cited with another date or
    an issuer that is not the document's own: then it is another organ's or term's document)."""
    own, own_id, own_date, own_organs = header.own_id_span, header.own_id, header.fields.date, header.organs()
    folded = layout.folded
    warnings: list[ParseWarning] = []
    found: list[_Found] = []
    for s, e, did in find_ids(folded):
        if own is not None and s < own.end and e > own.start:
            continue
        word, code, issuer_before = _type_word(folded, s)
        if code and not (did.doc_type and did.in_symbol):
            did = did.with_type(code)
        found.append(_Found(s, e, did, word, issuer_before=issuer_before, stated_type=code))
    for f in found:
        _bind_date_after(layout, f, warnings)
    _share_list_dates(folded, found)
    for f in found:
        if f.date is None:
            _bind_date_before(layout, f, found)
        _bind_issuer(layout, f)
        if f.issuer is None and f.issuer_before is not None:  # the older order: 'Quyết định của Bộ Chính trị số 31-QĐ/TW'
            value = clean(layout.text[f.issuer_before.start : f.issuer_before.end])
            if value:
                f.issuer, f.issuer_span = value, f.issuer_before
    _share_list_issuers(folded, found)
    if own_id is not None:
        found = [
            f
            for f in found
            if f.did.key != own_id.key
            or (f.date is not None and own_date is not None and f.date != own_date)
            or (f.issuer is not None and _other_organ(f.issuer, own_organs))
        ]

    refs: dict[tuple[object, ...], Reference] = {}
    ids: dict[tuple[object, ...], tuple[DocumentId, str | None]] = {}  # each reference's id and stated type, as first cited
    stated = relations(layout.text, layout.folded, [Cited(f.start, f.end, _tail(f), f.type_word) for f in found])
    for f, (relation, cue) in zip(found, stated, strict=True):
        k = f.did.key
        mention = Mention(
            clean(layout.text[f.start : f.end]),
            Span(f.start, f.end),
            f.date,
            f.date_span,
            f.issuer,
            f.issuer_span,
            f.type_word,
            relation,
            layout.text[cue.start : cue.end] if cue else None,
            cue,
        )
        ref = refs.get(k)
        if ref is None:
            year = f.did.year or (f.date.year if f.date else f.year)
            ref = Reference(f.did.canonical, f.did.doc_type, f.did.number, year, f.date, f.issuer, _system(f.did), [])
            refs[k] = ref
            ids[k] = (f.did, f.stated_type)
        else:
            _complete(ref, f.date, f.issuer)
        ref.mentions.append(mention)
        warnings.extend(_form_warnings(layout, f))
    warnings.extend(_merge_ocr_variants(refs, ids))
    for k, ref in refs.items():
        if ref.issuer is None:  # 'Luật số 55/2024/QH15': the code names the National Assembly
            ref.issuer = codes.term_organ_name(ids[k][0].organ)
    return Extracted(sorted(refs.values(), key=lambda r: r.mentions[0].span.start), warnings=warnings)  # in order of first citation


def _complete(ref: Reference, date: dt.date | None, issuer: str | None) -> None:
    """Fill what a reference lacks from another citation of it."""
    if ref.date is None and date is not None:
        # The full citation (with its date) names the issuer best.
        ref.date = date
        ref.year = ref.year or date.year
        ref.issuer = issuer or ref.issuer
    if ref.issuer is None and issuer:
        ref.issuer = issuer


def _merge_ocr_variants(refs: dict[tuple[object, ...], Reference], ids: dict[tuple[object, ...], tuple[DocumentId, str | None]]) -> list[ParseWarning]:
    """One document cited twice, once OCR-damaged ('26/2026/NB-CP' beside '26/2026/NĐ-CP'), is one reference:
    the variant's citations become mentions of the id the code tables know (the rule: :func:`ocr_variant_of`),
    with a warning naming both. A variant near two known ids, or dated otherwise than its known id, is left alone."""
    warnings: list[ParseWarning] = []
    for k, (did, stated_type) in list(ids.items()):
        known = [j for j, (other, _) in ids.items() if j[:2] == k[:2] and j != k and ocr_variant_of(did, other, stated_type)]  # key: number, year, ...
        if len(known) != 1:
            continue
        variant, target = refs[k], refs[known[0]]
        if variant.date is not None and target.date is not None and variant.date != target.date:
            continue  # two dates: two documents (numbers without a year restart each year)
        del refs[k], ids[k]
        for m in variant.mentions:
            _complete(target, m.date, m.issuer)
        target.mentions = sorted(target.mentions + variant.mentions, key=lambda m: m.span.start)
        first = variant.mentions[0]
        warnings.append(warn("ocr_variant", first.span, written=first.text, canonical=target.doc_id))
    return warnings


def _tail(f: _Found) -> int:
    """Where a citation ends: after its date and issuer phrase when they follow it."""
    return max([f.end] + [s.end for s in (f.date_span, f.issuer_span) if s is not None and s.start >= f.start])


def _other_organ(phrase: str, own_organs: tuple[str, ...]) -> bool:
    """Whether an issuer phrase names an organ other than the document's own: a place name its organs do
    not hold ('của Tỉnh ủy Phú Thọ' in a document of TỈNH ỦY THANH HÓA), or another level ('của UBND tỉnh'
    in a document of a huyện)."""
    own = " ".join(skeleton(o) for o in own_organs if o)
    if not own:
        return False
    words = phrase.split()
    name: list[str] = []
    for w in reversed(words):
        if not w[:1].isupper() or w.isupper():
            break
        name.insert(0, w)
    if len(name) >= 2 and skeleton(" ".join(name)) not in own:
        return True
    own_units = {u for u in codes.unit_words() if f" {u} " in f" {own} "}
    sk = f" {skeleton(phrase)} "
    phrase_units = {u for u in codes.unit_words() if f" {u} " in sk}
    return bool(own_units and phrase_units and not phrase_units & own_units)


def _system(did: DocumentId) -> System | None:
    if did.system == "party":
        return "party"
    if did.system == "state":
        return "state"
    return None


def _type_word(folded: str, start: int) -> tuple[str | None, str | None, Span | None]:
    """The type word before an id, its code, and the issuer written between them
    ('Quyết định của Bộ Chính trị số 31-QĐ/TW'), if any."""
    base = max(0, start - _LOOKBACK)
    window = folded[base:start]
    squeezed = _squeezed(window)
    m = patterns.TYPE_WORD_BEFORE.search(squeezed)
    if not m:
        return None, None, None
    word = " ".join(m.group(_WORD).split())
    issuer: Span | None = None
    if m.group(_ISSUER_BEFORE):
        phrase = m.group(_ISSUER_BEFORE)
        if _TYPE_WORD.match(phrase):
            # No organ's name starts with a type word: 'quy định của Luật Bảo vệ bí mật nhà nước số 29/2018/QH14'
            # cites the law; in 'của Luật Bảo vệ môi trường và Nghị định số 06/2022/NĐ-CP' the nearest word types the id.
            named = " ".join(list(_TYPE_WORD.finditer(phrase))[-1].group().split())
            return named, codes.type_words().get(named.lower()), None
        issuer = Span(base + _unsqueezed(window, m.start(_ISSUER_BEFORE)), base + _unsqueezed(window, m.end(_ISSUER_BEFORE) - 1) + 1)
    return word, codes.type_words().get(word.lower()), issuer


def _squeezed(window: str) -> str:
    """One space for any blank run: the pattern allows a few spaces, not line ends."""
    if window.isprintable() and "  " not in window:
        return window  # the blanks are single spaces already (any other blank is not printable)
    return _SPACES.sub(" ", window)


def _unsqueezed(window: str, pos: int) -> int:
    """Where position ``pos`` of the squeezed window is in the window itself."""
    shift = 0
    for run in _WIDE_BLANK.finditer(window):  # single blanks keep their place
        if run.start() - shift >= pos:
            break
        shift += run.end() - run.start() - 1
    return pos + shift


def _parse_date(m: regex.Match[str]) -> tuple[str, str, str] | None:
    for d, mo, y in _DATE_GROUPS[m.re]:
        day = m.group(d)
        if day:
            return day, m.group(mo), m.group(y)
    return None


def _to_date(parts: tuple[str, str, str]) -> dt.date | None:
    try:
        return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


def _bind_date_after(layout: Layout, f: _Found, warnings: list[ParseWarning]) -> None:
    tail = layout.folded[f.end : f.end + 60]
    m = patterns.DATE_AFTER.match(tail)
    if m:
        parts = _parse_date(m)
        if parts:
            date = _to_date(parts)
            span = Span(f.end + m.start(), f.end + m.end())
            if date is None:
                warnings.append(warn("impossible_reference_date", span, date="/".join(parts), canonical=f.did.canonical))
            else:
                f.date, f.date_span = date, span
        return
    y = patterns.YEAR_AFTER.match(tail)
    if y:
        f.year = int(y.group(_YEAR))


def _share_list_dates(folded: str, found: list[_Found]) -> None:
    """'A, B ngày D': ids joined only by commas or 'và' share the date after the last."""
    for i in range(len(found) - 2, -1, -1):
        cur, nxt = found[i], found[i + 1]
        if cur.date is None and nxt.date is not None and _LIST_GLUE.match(folded[cur.end : nxt.start]):
            cur.date, cur.date_span = nxt.date, nxt.date_span


def _share_list_issuers(folded: str, found: list[_Found]) -> None:
    """'Quyết định số A ngày D1, B ngày D2 của UBND tỉnh': ids joined only by commas or 'và'
    (each with its own date) share the issuer after the last."""
    for i in range(len(found) - 2, -1, -1):
        cur, nxt = found[i], found[i + 1]
        if cur.issuer is not None or nxt.issuer is None:
            continue
        after = cur.date_span.end if cur.date_span and cur.date_span.start >= cur.end else cur.end
        if after <= nxt.start and _LIST_GLUE.match(folded[after : nxt.start]):
            cur.issuer, cur.issuer_span = nxt.issuer, nxt.issuer_span


def _bind_date_before(layout: Layout, f: _Found, found: list[_Found]) -> None:
    """'Ngày 26/4/2013, Thủ tướng ... ban hành Quyết định số 22/2013/QĐ-TTg'."""
    window_start = max(0, f.start - 200)
    window = layout.folded[window_start : f.start]
    matches = list(patterns.DATE_BEFORE.finditer(window))
    if not matches:
        return
    m = matches[-1]
    between = window[m.end() :]
    if not _ISSUED.search(between) or _CLAUSE_END.search(between):
        return
    if any(window_start + m.end() <= g.start < f.start for g in found):
        return
    if any(g.date_span is not None and g.date_span.end > window_start + m.start() and g.date_span.start < window_start + m.end() for g in found):
        return  # the date of another citation ('số 58-NQ/TU, ngày 10/8/2022 của ... ban hành ...')
    parts = _parse_date(m)
    date = _to_date(parts) if parts else None
    if date:
        f.date = date
        f.date_span = Span(window_start + m.start(), window_start + m.end())


def _bind_issuer(layout: Layout, f: _Found) -> None:
    after = f.date_span.end if f.date_span and f.date_span.start >= f.end else f.end
    lead = layout.folded[after : after + 12].lower()
    if "của" not in lead and "do" not in lead:
        return  # the phrase opens with 'của' or 'do' within a few characters
    m = patterns.ISSUER_AFTER.match(layout.folded[after : after + 200])
    if not m:
        return
    s, e = after + m.start(_ISSUER), after + m.end(_ISSUER)
    # 'của Tỉnh ủy và bàn giao', 'của Quân ủy Trung ương và Mệnh lệnh số 1547/ML-BTL': the phrase ends before the verb or the next citation.
    for cut_pattern in (_AND_VERB, _AND_CITATION):
        cut = cut_pattern.search(layout.folded, s, e + 80)  # the look-ahead may read past the phrase
        if cut is not None and cut.start() < e:
            e = cut.start()
    value = clean(layout.text[s:e])
    if value and not value[0].isdigit():
        f.issuer, f.issuer_span = value, Span(s, e)


def _form_warnings(layout: Layout, f: _Found) -> list[ParseWarning]:
    problems = [MALFORMED[p] for p in f.did.problems if p in MALFORMED and p not in ("line_break", "missing_type")]
    written = " ".join(layout.text[f.start : f.end].split())
    out = []
    if "missing_type" in f.did.problems:
        where = f"taken from the type word '{f.type_word}'" if f.type_word else "and no type word before it"
        out.append(warn("reference_without_type", Span(f.start, f.end), written=written, where=where, canonical=f.did.canonical))
    if problems:
        out.append(warn("malformed_reference", Span(f.start, f.end), written=written, problems="; ".join(problems), canonical=f.did.canonical))
    return out
