"""The signature block: authority chain (T/M, K/T, T/L, T/U, Q.; TM., KT., TL., TUQ.),
on whose behalf, the signer's title and name. '(đã ký)' and seal residue are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import codes, patterns
from ..lines import Layout, Line, clean, leaves_bold_open
from ..messages import warn
from ..model import AuthorityStep, ParseWarning, Signature, Span
from ..normalize import fold, skeleton
from ..rules import is_caps, is_name
from ..zones import Zones
from .result import Extracted

_NAME_TAIL = regex.compile(r"(?:^|\s)(?P<name>(?:\p{Lu}\p{Ll}{0,7}\s{1,3}){1,5}\p{Lu}\p{Ll}{0,7})\s*$")
(_NAME,) = patterns.groups_of(_NAME_TAIL, "name")
(_MARK,) = patterns.groups_of(patterns.AUTHORITY_SK, "mark")
_NON_SIGNATURE_SK = regex.compile(r"^(?:NOI\s+NHAN|KINH\s+GUI|NHU\s+TREN|LUU\b)")


def is_signature_segment(layout: Layout, line: Line) -> bool:
    """Whether a closing segment reads as part of a signature block."""
    text = layout.t(line)
    sk = layout.s(line)
    if _NON_SIGNATURE_SK.match(sk) or patterns.line_bullet(text):
        return False
    if patterns.AUTHORITY_SK.match(sk):
        return True
    core = patterns.SIGNED_NOTE.sub(" ", text).strip(" ()[]")
    if not core:
        return True
    return (is_caps(core) and len(core.split()) <= 14) or is_name(core) or is_name(_without_rank(core))


def _rank_words(text: str) -> int:
    """How many words of ``text`` are the rank or academic title it opens with ('Thượng tướng', 'PGS.TS.'); 0 for none."""
    sk = " ".join(skeleton(text).split()) + " "
    rank = next((r for r in codes.signer_ranks() if sk.startswith(r)), None)
    return len(rank.split()) if rank else 0


def _is_rank(text: str) -> bool:
    """Whether a text is a rank or an academic title alone."""
    words = text.split()
    return bool(words) and _rank_words(text) == len(words)


def _without_rank(text: str) -> str:
    """A name without the rank or title printed before it ('Thượng tướng Nguyễn Văn A' → 'Nguyễn Văn A'); '' without one."""
    n = _rank_words(text)
    return " ".join(text.split()[n:]) if n else ""


@dataclass
class _Piece:
    kind: str  # mark | caps | name
    text: str
    span: Span
    mark: str | None = None
    mark_span: Span | None = None  # the authority mark itself ('T/M'), before the holder the span covers


def _pieces(layout: Layout, line: Line) -> list[_Piece]:
    """Marks, caps runs and a name inside one signature segment."""
    s, e = line.start, line.end
    text = layout.text[s:e]
    # Cut off a trailing personal name ('THỨ TRƯỞNG Nguyễn Trần Nam').
    out: list[_Piece] = []
    name: _Piece | None = None
    signed = [m for m in patterns.SIGNED_NOTE.finditer(text)]
    clean_text = text
    for m in signed:
        clean_text = clean_text[: m.start()] + " " * (m.end() - m.start()) + clean_text[m.end() :]
    m = _NAME_TAIL.search(clean_text)
    if m and is_name(m.group(_NAME)):
        ns, ne = s + m.start(_NAME), s + m.end(_NAME)
        name = _Piece("name", clean(layout.text[ns:ne]), Span(ns, ne))
        clean_text = clean_text[: m.start(_NAME)]
        if _is_rank(clean_text):
            clean_text = ""  # 'PGS.TS.', 'Thượng tướng' before the name: no title of the block
    caps_end = s + len(clean_text.rstrip())
    sk = layout.sk(s, caps_end)
    marks = list(patterns.AUTHORITY_SK.finditer(sk))
    pos = 0
    for i, mk in enumerate(marks):
        if mk.start() > pos and layout.text[s + pos : s + mk.start()].strip(" ,.;"):
            _caps(layout, s + pos, s + mk.start(), out)
        nxt = marks[i + 1].start() if i + 1 < len(marks) else len(sk)
        holder_s, holder_e = s + mk.end(), s + nxt
        holder = clean(layout.text[holder_s:holder_e]).strip(" ,;")
        key = "".join(c for c in mk.group(_MARK).replace("1", "T", 1) if c.isalpha())  # OCR's '1L.' is 'TL.'
        authority = codes.authority_marks().get(key)
        if authority:
            mark_span = Span(s + mk.start(_MARK), s + mk.end(_MARK))
            out.append(_Piece("mark", holder, Span(holder_s, _rstrip(layout.text, holder_s, holder_e)), authority, mark_span))
        pos = nxt
    if pos < len(sk) and layout.text[s + pos : caps_end].strip(" ,.;"):
        _caps(layout, s + pos, caps_end, out)
    if name:
        out.append(name)
    return out


def _rstrip(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in " ,;.":
        e -= 1
    return e


def _caps(layout: Layout, s: int, e: int, out: list[_Piece]) -> None:
    piece = layout.text[s:e]
    lead = len(piece) - len(piece.lstrip(" ,;."))
    s += lead
    e = _rstrip(layout.text, s, e)
    value = clean(layout.text[s:e])
    if value and is_caps(value):
        out.append(_Piece("caps", value, Span(s, e)))


def _holder_like(text: str) -> bool:
    """Whether the words left of a title can stand alone: a title, or an organ of 2+ words."""
    sk = " ".join(skeleton(text).replace(",", " , ").split()).replace(" ,", ",")
    if sk in codes.title_set():
        return True
    return len(sk.split()) >= 2 and sk.startswith(codes.organ_head_prefixes())


def _split_title(layout: Layout, piece: _Piece) -> tuple[_Piece, _Piece] | None:
    """'BỘ TRƯỞNG THỨ TRƯỞNG' → ('BỘ TRƯỞNG', 'THỨ TRƯỞNG') by the titles table."""
    sk = " ".join(layout.sk(piece.span.start, piece.span.end).split())
    if not sk.endswith(codes.title_suffixes()):
        return None
    for title in codes.titles():
        if sk.endswith(" " + title) and len(sk) > len(title) + 1:
            # Find the same suffix in the text (same length view).
            raw = layout.text[piece.span.start : piece.span.end]
            words = raw.split()
            n = len(title.split())
            head_words, tail_words = words[:-n], words[-n:]
            if not head_words or not _holder_like(" ".join(head_words)):
                return None
            tail_start = piece.span.start + raw.rfind(" ".join(tail_words)) if " ".join(tail_words) in raw else None
            if tail_start is None:
                return None
            head_span = Span(piece.span.start, _rstrip(layout.text, piece.span.start, tail_start))
            head = _Piece(piece.kind, " ".join(head_words).rstrip(" ,"), head_span, piece.mark, piece.mark_span)
            tail = _Piece("caps", " ".join(tail_words), Span(tail_start, piece.span.end))
            return head, tail
    return None


def _scribble(text: str) -> bool:
    """Capitals with a digit inside a word ('NEEN 0H', 'Q0C'): what OCR makes of a handwritten signature, never a title."""
    return any(c.isdigit() for c in text) and not _is_title(text)


def _is_title(text: str) -> bool:
    """Whether a capitals line starts with a signer's title ('PHÓ CHỦ TỊCH', 'TRƯỞNG PHÒNG ...')."""
    sk = " ".join(skeleton(text).split())
    return sk in codes.title_set() or sk.startswith(codes.title_prefixes())


def _holder_form(holder: str, warnings: list[ParseWarning], span: Span) -> str:
    """An organ after T/M whose words OCR damaged ('BAN CAN SỰ ĐẢNG'), restored from the head words;
    a title after K/T ('gHữ TỊCH.' for 'CHỦ TỊCH') from the titles."""
    words = holder.split()
    for n in (4, 3, 2):
        if n <= len(words):
            head = " ".join(words[:n])
            form = codes.organ_head_forms().get(skeleton(head))
            if form and fold(form) != fold(head) and len(form.split()) == n:
                fixed = " ".join([form, *words[n:]])
                warnings.append(warn("ocr_correction", span, written=holder, fixed=fixed))
                return fixed
    title = _ocr_title(holder)
    if title is not None:
        warnings.append(warn("ocr_correction", span, written=holder, fixed=title))
        return title
    return holder


def _ocr_title(text: str) -> str | None:
    """The titles-table form of a title OCR damaged beyond what the skeleton absorbs: one letter wrong
    ('GHU TICH'), a stray mark at the end ('CHỦ TỊCH.', 'PHÓ CHỦ TỊCH VI:'); None when no title is near."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or sum(c.isupper() for c in letters) < 0.6 * len(letters):
        return None  # capitals, give or take what OCR got wrong ('gHữ TỊCH.')
    words = text.strip(" .,:;").split()
    forms = codes.title_forms()
    candidates = [" ".join(words)]
    if len(words) > 1 and len(words[-1].strip(".:;,")) <= 3:
        candidates.append(" ".join(words[:-1]))
    for candidate in candidates:
        key = " ".join(skeleton(candidate).split())
        form = forms[key] if key in forms else codes.near_title(key)
        if form is not None and fold(form) != fold(text):
            return form
        if key in forms:
            return None  # a known title (or two that share its letters): as printed
    return None


def _title_form(title: str, warnings: list[ParseWarning], span: Span) -> str:
    """The title as printed, or its table form when OCR damaged a mark ('CHANH VĂN PHÒNG')."""
    forms = codes.title_forms()
    key = skeleton(title)
    form = (forms[key] or (codes.closest_title(title) if is_caps(title) else None)) if key in forms else _ocr_title(title)
    if form is None or fold(form) == fold(title):
        return title
    warnings.append(warn("ocr_correction", span, written=title, fixed=form))
    return form


def _name_form(layout: Layout, name: str, span: Span, warnings: list[ParseWarning]) -> str:
    """The signer's name as printed; read by OCR, its family name with the marks OCR damaged restored ('Nguyên Văn
    Long' → 'Nguyễn Văn Long', with the warning ocr_correction) when only one surname has its letters."""
    first = name.split(maxsplit=1)[0] if name.strip() else ""
    surname = codes.surname_form(first) if layout.read_by_ocr and first else None
    if surname is None:
        return name
    fixed = surname + name[name.index(first) + len(first) :]
    warnings.append(warn("ocr_correction", span, written=name, fixed=fixed))
    return fixed


def _without_leading_noise(text: str, span: Span) -> tuple[str, Span]:
    """A title without the marks OCR read in the seal or the signature before it ('<=—x CHỦ TỊCH'): words with no
    capital letter in front of a title in capitals. A title is printed in capitals; nothing without one opens it."""
    words = text.split()
    k = 0
    while k < len(words) - 1 and not any(c.isupper() for c in words[k]):
        k += 1
    if k == 0 or not is_caps(" ".join(words[k:])):
        return text, span
    at = text.index(words[k], sum(len(w) for w in words[:k]))
    exact = span.end - span.start == len(text)  # the piece's text is its span's (else the span stays whole)
    return text[at:], Span(span.start + at, span.end) if exact else span


def _titles(pieces: list[_Piece], last_mark_idx: int) -> list[_Piece]:
    """The capitals lines after the last authority mark that can be the signer's title.

    The block ends at the name: capitals under it are not its title but what follows the block (the
    signer's other post, 'TRƯỞNG BAN XÂY DỰNG ĐẢNG'; a signing stamp's organ). They count only when
    nothing stands between the mark and the name.
    """
    after_mark = pieces[last_mark_idx + 1 :]
    name_at = max((i for i, p in enumerate(after_mark) if p.kind == "name"), default=len(after_mark))
    above_name = [p for p in after_mark[:name_at] if p.kind == "caps"]
    return above_name or [p for p in after_mark if p.kind == "caps"]


def _rest_of_bold_run(layout: Layout, opened: Line, ln: Line, pieces: list[_Piece], found: list[_Piece]) -> bool:
    """Join to the last piece a segment that closes the bold run the segment before it opened, when that
    segment is capitals only and no title of its own: '**K/T CHỦ' / 'TỊCH**' is one holder, 'CHỦ TỊCH', not
    a holder and a title; '**KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH**' (a whole block set in bold) stays two lines.
    Returns whether the segment was joined."""
    if not (pieces and len(found) == 1 and found[0].kind == "caps" and ln.col == opened.col and leaves_bold_open(layout, ln)):
        return False
    if _is_title(found[0].text):
        return False
    last, rest = pieces[-1], found[0]
    if last.kind not in ("mark", "caps") or not last.text:
        return False
    pieces[-1] = _Piece(last.kind, f"{last.text} {rest.text}", Span(last.span.start, rest.span.end), last.mark, last.mark_span)
    return True


def extract_signature(layout: Layout, zones: Zones, skip: set[int], stamps: frozenset[int] = frozenset()) -> Extracted[Signature | None]:
    """The signature of the closing zone; ``skip`` holds ids of segments of other parts (the Nơi nhận list),
    ``stamps`` those of a signing stamp printed as text."""
    a, b = zones.closing
    closing = layout.lines[a:b]
    segs = [ln for ln in closing if ln.kind == "text" and id(ln) not in skip and id(ln) not in stamps and is_signature_segment(layout, ln)]
    if layout.layout_columns:
        # The right column, and whatever follows the last 'Nơi nhận' line (a name under both columns).
        last_list = max((i for i, ln in enumerate(closing) if id(ln) in skip), default=-1)
        after = {id(ln) for ln in closing[last_list + 1 :]}
        right = [ln for ln in segs if ln.col > 0 or id(ln) in after]
        segs = right or segs
    pieces: list[_Piece] = []
    cols: list[int] = []
    open_run: Line | None = None  # a segment whose bold run ('**T/M BỘ CHÍNH') a later segment closes
    for ln in segs:
        found = _pieces(layout, ln)
        if open_run is not None and _rest_of_bold_run(layout, open_run, ln, pieces, found):
            open_run = None
            continue
        open_run = ln if leaves_bold_open(layout, ln) else None
        pieces.extend(found)
        cols.extend([ln.col] * len(found))
    if not pieces:
        return Extracted(None)
    warnings: list[ParseWarning] = []
    kinds_by_col: dict[int, set[str]] = {}
    for c, p in zip(cols, pieces, strict=True):
        kinds_by_col.setdefault(c, set()).add(p.kind)
    signed_cols = sorted(c for c, kinds in kinds_by_col.items() if {"mark", "name"} <= kinds)
    if len(signed_cols) > 1:
        # Two blocks side by side in the cells of one table (a joint document): the last column's is reported.
        warnings.append(warn("joint_signatures", pieces[0].span))
        pieces = [p for c, p in zip(cols, pieces, strict=True) if c == signed_cols[-1]]
    last_mark_idx = max((i for i, p in enumerate(pieces) if p.kind == "mark"), default=-1)
    signed_before = max((i for i, p in enumerate(pieces[:last_mark_idx]) if p.kind == "name"), default=-1)
    if signed_before >= 0 and any(p.kind == "mark" for p in pieces[:signed_before]) and not warnings:
        # Two blocks side by side (a joint document): a name closes the first. The last block is reported,
        # whole; in the official layout the lead organ signs on the right.
        warnings.append(warn("joint_signatures", pieces[signed_before].span))
        pieces = pieces[signed_before + 1 :]
        last_mark_idx -= signed_before + 1
    sig = Signature()
    marks = [p for p in pieces if p.kind == "mark"]
    names = [p for p in pieces if p.kind == "name"]
    titles = _titles(pieces, last_mark_idx)
    while len(titles) > 1 and _scribble(titles[-1].text):
        titles.pop()  # a signature or seal read by OCR ('NEEN 0H') under the title
    if marks:
        if not titles:
            split = _split_title(layout, marks[-1])
            if split:
                marks[-1], title_piece = split
                titles = [title_piece]
        sig.chain = [AuthorityStep(str(p.mark), _holder_form(p.text, warnings, p.span) or None, p.span) for p in marks]
        sig.authority = marks[0].mark
        sig.on_behalf_of = sig.chain[0].on_behalf_of
        sig.spans["authority"] = marks[0].mark_span or marks[0].span
        if sig.on_behalf_of:
            sig.spans["on_behalf_of"] = marks[0].span
    if len(titles) >= 2 and not _is_title(titles[-1].text) and len(titles[-1].text.split()) <= 2 and _is_title(titles[-2].text):
        # A title wrapped by a narrow column: 'TRƯỞNG PHÒNG KIỂM SOÁT' / 'CHI'.
        upper, lower = titles[-2], titles[-1]
        titles = [*titles[:-2], _Piece("caps", f"{upper.text} {lower.text}", Span(upper.span.start, lower.span.end))]
    if not titles and marks and marks[-1].mark == "Q." and marks[-1].text:
        titles = [marks[-1]]  # 'Q. GIÁM ĐỐC': the acting head signs under the head's title
    if titles:
        title_text, title_span = _without_leading_noise(titles[-1].text, titles[-1].span)
        sig.title = _title_form(title_text, warnings, title_span)
        sig.spans["title"] = title_span
    if names:
        sig.name = _name_form(layout, names[-1].text, names[-1].span, warnings)
        sig.spans["name"] = names[-1].span
    if sig.authority is None and sig.title is None and sig.name is None:
        return Extracted(None, warnings=warnings)
    if sig.name is None:
        warnings.append(warn("missing_signer_name", sig.spans.get("title") or sig.spans.get("authority")))
    return Extracted(sig, warnings=warnings)
