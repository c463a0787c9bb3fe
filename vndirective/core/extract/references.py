"""References: every other document cited with a number, one entry per document.

Each mention carries its span, the type word written before it ('kết luận',
'Công văn'), the date written with it ('số 105-KL/TU ngày 15/6/2021', or
'Ngày 24/7/2024, Chủ tịch UBND tỉnh có Công văn số 2769/UBND-NC') and the issuer
phrase ('của Ban Chấp hành Đảng bộ tỉnh', or before the number: 'Công ty An Phú
tại Văn bản số 05/CV-APC'). A date belongs to the citation it follows; in a bare
list of ids ('18-NQ/TW, 19-NQ/TW ngày 25/10/2017') it is shared by the ids before it.
The words these rules read are data: ``data/citations.json``. A number printed as a
number label ('Số 16-BC/ĐH' alone on its line) is a specimen, not a citation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex

from .. import codes, patterns
from ..ids import MALFORMED, DocumentId, find_ids, ocr_variant_of
from ..lines import Layout, clean
from ..messages import warn
from ..model import Mention, ParseWarning, Reference, Span, System
from ..normalize import fold, skeleton, skeleton_of_folded
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
_NEXT_BLOCK = regex.compile(r"\s*\n[ \t]*(?=(?i:kính\s+gửi|kính\s+trình|nơi\s+nhận))")  # the subject's citation, then the recipients' label
_CLAUSE_END = regex.compile(r"[.;]\s")
_PHRASE_BREAK = regex.compile(r"[,)]|\.\s")  # what an organ's name does not hold: it ends a clause or a list item
# A number label as a document prints its own number ('Số 16-BC/ĐH', 'Số: 17-CV/TU'), opening a line, a table cell or a
# quotation (or after another label and ';'), and what may follow it to the end of that line, cell or quotation.
_LABEL = r"(?:Số|SỐ)[ \t]{0,2}:?[ \t]{0,2}"
_LABEL_BEFORE = regex.compile(rf"(?:(?:^|\n|\|)[ \t]*|[“\"][ \t]*|;[ \t]{{0,2}}){_LABEL}$")
_LABEL_AFTER = regex.compile(r"[ \t]*(?:[”\"]|;[ \t]*(?:Số|SỐ)|\||[.,]?[ \t]*(?:\n|$))")
_LABEL_REACH = 30  # characters looked at before a number for its label
_CAPTION_REACH = 200  # characters looked at before a label for the caption line above it
# A type word of running text, as a whole word ('Luật', 'Nghị định'; not the 'luật' of 'kỷ luật').
_TYPE_WORD = regex.compile(
    rf"(?<!\p{{L}})(?:{'|'.join(regex.escape(w) for w in sorted(codes.type_words(), key=len, reverse=True))})(?!\p{{L}})", regex.IGNORECASE
)


class _Context(NamedTuple):
    """The rules of ``data/citations.json``, compiled once."""

    issuing_clause: regex.Pattern[str]  # what stands between a date that opens a clause and the type word: organ, verb
    issuer_link: regex.Pattern[str]  # 'tại' at the end of the text before a type word
    issuer_opener: regex.Pattern[str]  # where the issuer phrase before 'tại' opens: 'của', a clause mark, a bullet, a paragraph
    issuer_heads: tuple[str, ...]  # skeletons (each + ' ') an issuer phrase that opens a clause starts with
    not_in_name: regex.Pattern[str]  # words no organ's name holds
    example_caption: regex.Pattern[str]  # a caption line opening with 'Ví dụ', then a number label
    form_before: regex.Pattern[str]  # 'mẫu số' right before a number: a form's code


def _alternation(words: list[str]) -> str:
    """Folded lower-case words as one regex alternation, longest first, any run of blanks between their words."""
    return "|".join(r"\s+".join(regex.escape(w) for w in fold(word).lower().split()) for word in sorted(words, key=len, reverse=True))


@cache
def _context() -> _Context:
    """The words of ``data/citations.json`` as the patterns that read them (compiled on first use, then kept)."""
    data = codes.load("citations")
    clause, at = data["issuing_clause"], data["issuer_at"]
    organ_words = int(clause["max_organ_words"])
    issuing = regex.compile(
        rf"(?P<organ>\p{{Lu}}[^\s,;.:()]*(?:\s+[^\s,;.:()]+){{0,{organ_words - 1}}}?)"
        rf"\s+(?i:(?:(?:{_alternation(clause['auxiliaries'])})\s+)?(?:{_alternation(clause['verbs'])})"
        rf"(?:\s+(?:{_alternation(clause['between_verb_and_type'])}))?(?:\s+{_TYPE_WORD.pattern})?)"  # 'có Văn bản hướng dẫn số'
    )
    markers = _alternation(data["specimens"]["example_markers"])
    return _Context(
        issuing,
        regex.compile(rf"\s(?i:{_alternation(at['links'])})\s*$"),
        # A line break opens a clause only after a clause mark or a blank line: elsewhere it may wrap a name.
        regex.compile(rf"(?P<word>(?<!\p{{L}})(?i:{_alternation(at['openers'])})\s)|[;:(]|(?<=[.;:][ \t]*|\n[ \t]*)\n|(?:^|\s)[-+•]\s"),
        tuple(h + " " for h in sorted({*codes.organ_head_words(), *(skeleton(w) for w in at["heads"])}, key=len, reverse=True)),
        regex.compile(rf"(?<!\p{{L}})(?i:{_alternation(at['not_in_name']['words'])})(?!\p{{L}})"),
        regex.compile(rf"(?:^|\n)[ \t]*(?i:{markers})(?!\p{{L}})[^\n]*\n[ \t]*{_LABEL}$"),
        regex.compile(rf"(?<!\p{{L}})(?i:{_alternation(data['forms']['words'])})(?:\s{{1,3}}(?i:số))?\s{{0,2}}:?\s{{0,2}}(?:\d{{1,3}}\s{{0,2}}(?:,|;|(?i:và))\s{{0,2}}){{0,12}}$"),
    )


class _TypeWord(NamedTuple):
    """The type word before an id ('Công văn'), its code, where it starts, and an issuer printed between it and the number."""

    word: str | None
    code: str | None
    start: int | None
    issuer: Span | None


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
    type_start: int | None = None  # where the type word starts
    clause_organ: Span | None = None  # the organ of the issuing clause the date before it opens ('Ngày ..., Sở Nội vụ có Công văn số')


def extract_references(layout: Layout, header: Header, end: int | None = None) -> Extracted[list[Reference]]:
    """All references of the text before ``end`` (where a web page's own text after the document starts), the
    document's own number excluded (unless cited with another date or an issuer that is not the document's
    own: then it is another organ's or term's document)."""
    own, own_id, own_date, own_organs = header.own_id_span, header.own_id, header.fields.date, header.organs()
    folded = layout.folded
    warnings: list[ParseWarning] = []
    found: list[_Found] = []
    for s, e, did in find_ids(folded):
        if (own is not None and s < own.end and e > own.start) or (end is not None and s >= end):
            continue
        tw = _type_word(folded, s)
        if _is_specimen(folded, s, e, tw) or _context().form_before.search(folded, max(0, s - _FORM_REACH), s):
            continue  # a specimen of how numbers are written, or a form's code
        if tw.code and not (did.doc_type and did.in_symbol):
            did = did.with_type(tw.code)
        found.append(_Found(s, e, did, tw.word, issuer_before=tw.issuer, stated_type=tw.code, type_start=tw.start))
    for f in found:
        _bind_date_after(layout, f, warnings)
    _share_list_dates(folded, found)
    for f in found:
        if f.date is None:
            _bind_date_before(layout, f, found)
        _bind_issuer(layout, f)
        if f.issuer is None:
            _bind_issuer_before(layout, f)
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


def _type_word(folded: str, start: int) -> _TypeWord:
    """The type word before an id, its code, where it starts, and the issuer written between them
    ('Quyết định của Bộ Chính trị số 31-QĐ/TW'), if any."""
    base = max(0, start - _LOOKBACK)
    window = folded[base:start]
    squeezed = _squeezed(window)
    m = patterns.TYPE_WORD_BEFORE.search(squeezed)
    if not m:
        return _TypeWord(None, None, None, None)
    word = " ".join(m.group(_WORD).split())
    word_start = base + _unsqueezed(window, m.start(_WORD))
    issuer: Span | None = None
    if m.group(_ISSUER_BEFORE):
        phrase = m.group(_ISSUER_BEFORE)
        if _TYPE_WORD.match(phrase) or _ends_with_cited_type(phrase):
            # No organ's name starts with a type word: 'quy định của Luật Bảo vệ bí mật nhà nước số 29/2018/QH14'
            # cites the law; in 'của Luật Bảo vệ môi trường và Nghị định số 06/2022/NĐ-CP' the nearest word types the id,
            # and so in 'báo cáo của các hội về việc tổ chức đại hội theo Công văn số ...' (no issuer: the report's).
            last = list(_TYPE_WORD.finditer(phrase))[-1]
            named = " ".join(last.group().split())
            return _TypeWord(named, codes.type_words().get(named.lower()), base + _unsqueezed(window, m.start(_ISSUER_BEFORE) + last.start()), None)
        issuer = Span(base + _unsqueezed(window, m.start(_ISSUER_BEFORE)), base + _unsqueezed(window, m.end(_ISSUER_BEFORE) - 1) + 1)
    return _TypeWord(word, codes.type_words().get(word.lower()), word_start, issuer)


def _ends_with_cited_type(phrase: str) -> bool:
    """Whether a phrase read as an issuer ends with a type word after a function word ('... đại hội theo Công văn'):
    then that type word is the number's, and the phrase no organ. An organ's name may end with a type word, but not
    after a function word ('Ban Quản lý dự án')."""
    words = phrase.split()
    for n in range(len(words) - 1, 0, -1):
        tail = " ".join(words[n:])
        if _TYPE_WORD.fullmatch(tail):
            return words[n - 1].lower() in codes.continuation_words()
    return False


_FORM_REACH = 80  # characters before a number searched for 'mẫu số' (and the list of forms before it: 'mẫu số 01, 02, 03/...')


def _is_specimen(folded: str, start: int, end: int, tw: _TypeWord) -> bool:
    """Whether a number is printed as a number label, the way a document prints its own ('Số 16-BC/ĐH' alone on its
    line, in its table cell or in quotation marks), as a specimen of how numbers are written (a formatting guide's
    examples), not a citation. A type word right before the label ('THEO QUYẾT ĐỊNH' / 'SỐ 1050/QĐ-SCT') makes it a
    citation broken at 'số', unless it is the specimen's caption: with its organ ('Báo cáo của đại hội' / 'Số ...')
    or on a line that opens with 'Ví dụ' (``data/citations.json``)."""
    if not _LABEL_BEFORE.search(folded, max(0, start - _LABEL_REACH), start) or not _LABEL_AFTER.match(folded, end):
        return False
    return tw.word is None or tw.issuer is not None or _context().example_caption.search(folded, max(0, start - _CAPTION_REACH), start) is not None


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
    """'Ngày 24/7/2024, Chủ tịch UBND tỉnh có Công văn số 2769/UBND-NC': a date that opens the clause is the cited
    document's when the clause says its organ issued or sent it — the date, the organ (a capitalised phrase), a verb
    of ``data/citations.json`` right before the type word, the number — and the organ is then its issuer too. Any
    other clause ('Ngày 5/3, Đoàn kiểm tra làm việc ... theo Kế hoạch số ...') dates an event, not the document."""
    if f.type_start is None:
        return
    window_start = max(0, f.type_start - 200)
    window = layout.folded[window_start : f.type_start]
    matches = list(patterns.DATE_BEFORE.finditer(window))
    if not matches:
        return
    m = matches[-1]
    between = window[m.end() :]
    if _CLAUSE_END.search(between):
        return
    if any(window_start + m.end() <= g.start < f.start for g in found):
        return
    if any(g.date_span is not None and g.date_span.end > window_start + m.start() and g.date_span.start < window_start + m.end() for g in found):
        return  # the date of another citation ('số 58-NQ/TU, ngày 10/8/2022 của ... ban hành ...')
    lead = len(between) - len(between.lstrip())
    clause = _context().issuing_clause.fullmatch(_squeezed(between.strip()))
    if clause is None:
        return
    parts = _parse_date(m)
    date = _to_date(parts) if parts else None
    if date:
        f.date = date
        f.date_span = Span(window_start + m.start(), window_start + m.end())
        organ_start = window_start + m.end() + lead
        f.clause_organ = Span(organ_start, organ_start + _unsqueezed(between[lead:], clause.end("organ") - 1) + 1)


def _bind_issuer_before(layout: Layout, f: _Found) -> None:
    """An issuer printed before the number, when no 'của ...' phrase follows it: between the type word and the number
    ('Quyết định của Bộ Chính trị số 31-QĐ/TW', the older order), before the type word and 'tại' ('Công ty cổ phần An
    Phú tại Văn bản số 05/CV-APC', 'theo đề nghị của Sở Tài chính tại Tờ trình số ...'), or the organ of the issuing
    clause that dates it ('Ngày 9/5/2025, Sở Nội vụ có Văn bản số ...')."""
    for span in (f.issuer_before, _issuer_at(layout.folded, f), f.clause_organ):
        value = clean(layout.text[span.start : span.end]) if span is not None else None
        if span is not None and value:
            f.issuer, f.issuer_span = value, span
            return


def _issuer_at(folded: str, f: _Found) -> Span | None:
    """'<organ> tại <type word> số ...': the organ phrase before 'tại', from the nearest opener — 'của', 'với', 'do'
    (then a capitalised phrase that is not a type word), or a clause mark, a bullet or a paragraph's start (then a phrase
    that starts like an organ: ``data/citations.json``); a line break inside a paragraph may wrap the name. None when
    the words before 'tại' are not an organ ('Căn cứ quy định tại', 'nêu tại', 'đã được ... phê duyệt tại')."""
    if f.type_start is None or f.issuer_before is not None:
        return None
    ctx = _context()
    base = max(0, f.type_start - _LOOKBACK - 20)
    window = folded[base : f.type_start]
    link = ctx.issuer_link.search(window)
    if link is None:
        return None
    openers = list(ctx.issuer_opener.finditer(window, 0, link.start()))
    opener = openers[-1] if openers else None
    if opener is None and base > 0:
        return None  # the phrase may open before the window: not ours to guess
    open_end = opener.end() if opener is not None else 0
    phrase = window[open_end : link.start()]
    words = phrase.split()
    if not words or not words[0][:1].isupper() or _TYPE_WORD.match(phrase.lstrip()) or _PHRASE_BREAK.search(phrase) or ctx.not_in_name.search(phrase):
        return None
    if (opener is None or not opener.group("word")) and not (skeleton_of_folded(" ".join(words)) + " ").startswith(ctx.issuer_heads):
        return None
    start = base + open_end + (len(phrase) - len(phrase.lstrip()))
    return Span(start, base + open_end + len(phrase.rstrip()))


def _bind_issuer(layout: Layout, f: _Found) -> None:
    after = f.date_span.end if f.date_span and f.date_span.start >= f.end else f.end
    lead = layout.folded[after : after + 12].lower()
    if "của" not in lead and "do" not in lead:
        return  # the phrase opens with 'của' or 'do' within a few characters
    m = patterns.ISSUER_AFTER.match(layout.folded[after : after + 200])
    if not m:
        return
    s, e = after + m.start(_ISSUER), after + m.end(_ISSUER)
    # 'của Tỉnh ủy và bàn giao', 'của Quân ủy Trung ương và Mệnh lệnh số 1547/ML-BTL': the phrase ends before the verb or the
    # next citation; 'của UBND tỉnh' / 'Kính gửi: ...': before the next block.
    for cut_pattern in (_AND_VERB, _AND_CITATION, _NEXT_BLOCK):
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
