"""Document numbers and symbols: parse any written form, give the canonical id.

Party ids are ``NUMBER-TYPE/ORGAN`` (``334-CV/HU``); state ids are
``NUMBER/YEAR/TYPE-ORGAN`` when a year is printed (``30/2020/NĐ-CP``), else
``NUMBER/TYPE-ORGAN`` (``15/CT-TTg``) or, for a state công văn, ``NUMBER/ORGAN-UNIT``
(``1234/UBND-VP``); laws ``NUMBER/YEAR/QH15``. Messy forms map to these:
``105/KL/TU``, ``334 - CV/HU``, ``03/-CV/BCSĐ``, ``31/QĐ-TW``, en dashes, ``Ð``,
ids broken over a line, and ``105/TU`` when the type word gives the letters.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from . import codes
from .normalize import fold

_CODE = r"[A-ZĐƯ][A-ZĐƯa-zđư0-9]{0,13}(?![\p{L}\d])"
_YEAR = r"(?:19[4-9]\d|20\d\d|2100)(?!\d)"
_GROUP = rf"(?:{_YEAR}|{_CODE})"
_SEP = r"(?:[ ]{0,2}[-/]{1,2}(?:[ ]{0,2}|[ ]*\n[ ]*))"
# A wrapped line may also break before the first separator ('số 160' / '- CV/ĐU'): only when a symbol with its own separator follows.
_WRAPPED_SEP = r"(?:[ ]*\n[ ]*[-/]{1,2}[ ]{0,2}(?=(?:\d{4}|[A-ZĐƯ][A-ZĐƯa-zđư0-9]{0,13})[ ]{0,2}[-/]))"
ID_PATTERN = regex.compile(
    rf"(?<![\p{{L}}\d/.,\-])(?P<num>\d{{1,5}}(?:\.\d{{1,3}}(?=\s?/))?)(?P<body>(?:{_SEP}|{_WRAPPED_SEP}|[ ])(?:{_GROUP})(?:{_SEP}{_GROUP}){{0,5}})",
    regex.V1,
)
STANDARD_PATTERN = regex.compile(
    r"(?<![\p{L}\d])(?P<kind>QCVN|TCVN)[ ]?(?P<num>\d{1,5}(?:[-:.]\d{1,5}){0,3})(?:[ ]?/[ ]?(?P<org>[A-ZĐ][A-ZĐa-z]{0,9}))?(?![\p{L}\d])"
)
_NUM, _BODY = (ID_PATTERN.groupindex[g] for g in ("num", "body"))  # groups by number: see patterns.groups_of
_STD_NUM, _STD_KIND, _STD_ORG = (STANDARD_PATTERN.groupindex[g] for g in ("num", "kind", "org"))
_SO_BEFORE = regex.compile(r"(?i:số|so)\s{0,2}:?\s{0,2}$")
_SPLIT = regex.compile(r"[ \n]*([-/]{1,2})[ \n]*|[ ]+")

# Problems of form, reported as warnings by the extractors.
MALFORMED = {
    "spaces": "spaces around the separators",
    "slash_for_hyphen": "a slash '/' where the Party form has a hyphen '-'",
    "state_order": "the state order 'number/TYPE-ORGAN' on a Party number",
    "party_order": "the Party order 'number-TYPE/ORGAN' on a state number",
    "missing_type": "no type letters",
    "double_separator": "two separators in a row",
    "no_separator": "no separator between the number and the type",
    "line_break": "broken over two lines",
    "organ_case": "the organ code in lower-case letters",
}


@dataclass(frozen=True)
class DocumentId:
    """A parsed document number + symbol."""

    number: str
    doc_type: str | None
    organ: str
    system: str | None  # "party" | "state" | None (unknown)
    year: int | None = None
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def canonical(self) -> str:
        """The id in its standard form: '105-KL/TU', '30/2020/NĐ-CP', '1234/UBND-VP', '80/2015/QH13'."""
        if self.doc_type in ("QCVN", "TCVN"):
            return f"{self.doc_type} {self.number}" + (f"/{self.organ}" if self.organ else "")
        if self.system == "party":
            return f"{self.number}{'/' if self.doc_type is None else '-'}{self.symbol}"
        if "hyphen_only" in self.problems:
            return f"{self.number}-{self.symbol}"  # an id of no standard form, kept as printed
        return "/".join([self.number, *([str(self.year)] if self.year is not None else []), self.symbol])

    @property
    def symbol(self) -> str:
        """The letters of the canonical id after its number and year ('NĐ-CP', 'KL/TU', 'UBND-VP', 'QH15')."""
        if self.doc_type in ("QCVN", "TCVN") or "hyphen_only" in self.problems:
            return self.organ
        if self.system == "party":
            return self.organ if self.doc_type is None else f"{self.doc_type}/{self.organ}"
        return f"{self.doc_type}-{self.organ}" if self.doc_type and self.in_symbol else self.organ

    @property
    def typed_by_table(self) -> bool:
        """Whether the symbol prints type letters the code tables know ('NĐ' of 30/2020/NĐ-CP; not 'NB' of 30/2020/NB-CP)."""
        return self.doc_type is not None and self.in_symbol and self.doc_type in codes.symbol_types()

    @property
    def in_symbol(self) -> bool:
        """Whether the type letters are part of the printed symbol."""
        return "type_from_word" not in self.problems

    @property
    def key(self) -> tuple[object, ...]:
        """Identity for comparison: the number as an integer, the rest canonical."""
        return (_number_value(self.number), self.year, self.doc_type, self.organ.upper(), self.system)

    def with_type(self, doc_type: str) -> DocumentId:
        """The same id with type letters supplied by the type word of the text."""
        return DocumentId(self.number, doc_type, self.organ, self.system, self.year, self.problems)

    def __str__(self) -> str:
        return self.canonical


def _tokens(body: str) -> tuple[list[str], list[str]]:
    """Split the part after the number into separators and groups."""
    seps: list[str] = []
    groups: list[str] = []
    pos = 0
    for m in _SPLIT.finditer(body):
        if m.start() > pos:
            groups.append(body[pos : m.start()])
        elif groups or m.start() > 0:
            pass
        seps.append((m.group(1) or " ") + ("\n" if "\n" in m.group(0) else "") + ("_" if " " in m.group(0) else ""))
        pos = m.end()
    if pos < len(body):
        groups.append(body[pos:])
    return seps, groups


def _is_year(g: str) -> bool:
    return len(g) == 4 and g.isdigit()


def _joined(groups: list[str], seps: list[str], party: bool) -> str:
    """Symbol groups joined with the separators they were printed with ('VLN/CV-LV')."""
    out = codes.organ_code(groups[0], party)
    for sep, g in zip(seps, groups[1:], strict=True):
        out += ("/" if sep == "/" else "-") + codes.organ_code(g, party)
    return out


def parse_parts(number: str, body: str, type_hint: str | None = None, loose: bool = False) -> DocumentId | None:
    """Interpret ``number`` + ``body`` (the separators and groups after it).

    ``loose`` (the id follows 'số') also accepts ids with hyphens only ('01-GCN-MT').
    """
    parts = _interpret(body, type_hint, loose)
    return None if parts is None else DocumentId(number, *parts)


_Parts = tuple[str | None, str, str, int | None, tuple[str, ...]]  # DocumentId's fields after the number


@lru_cache(maxsize=4096)
def _interpret(body: str, type_hint: str | None, loose: bool) -> _Parts | None:
    """The fields of an id from what follows its number (the same symbols recur: cached)."""
    seps, groups = _tokens(body)
    if not groups or len(seps) != len(groups):
        return None
    problems: list[str] = []
    if any("_" in s for s in seps):
        problems.append("spaces")
    if any("\n" in s for s in seps):
        problems.append("line_break")
    kinds = [s[0] for s in seps]  # '-', '/', ' '
    raw = [s.rstrip("\n_") for s in seps]

    year: int | None = None
    if _is_year(groups[0]):
        year = int(groups[0])
        groups = groups[1:]
        kinds = kinds[1:]
        raw = raw[1:]
        if not groups:
            return None
        type_code = codes.type_code(groups[0]) if len(groups) > 1 else None
        if type_code:
            organ = _joined(groups[1:], kinds[2:], party=False)
        else:
            organ = _joined(groups, kinds[1:], party=False)
            type_code = type_hint
            problems.append("type_from_word")
        return (type_code, organ, "state", year, tuple(problems))

    if any(_is_year(g) for g in groups):
        return None
    first_type = codes.type_code(groups[0])
    if raw[0] == " " and not first_type:
        return None
    if raw[0] == " ":
        problems.append("no_separator")
    if raw[0] in ("/-", "-/"):
        problems.append("double_separator")

    # Party forms: N-TYPE/ORG, N/TYPE/ORG, N/TYPE-ORG with a Party organ, N/ORG.
    if first_type and len(groups) >= 2:
        organ_groups = groups[1:]
        party_organ = codes.is_party_organ(organ_groups[0])
        # '104-CTr/Tu': a Party organ is printed in capitals (104-CTr/TU), else one document is two ids.
        case = ("organ_case",) if any(codes.organ_case_changed(g) for g in organ_groups) else ()
        if raw[0] in ("-", "/-", "-/", " ") and kinds[1] == "/":
            if len(organ_groups) == 1 and codes.is_state_organ(organ_groups[0]) and not party_organ:
                problems.append("party_order")  # '38-CT/TTg': the Party order on a state number
                return (first_type, codes.organ_code(organ_groups[0], False), "state", None, tuple(problems))
            return (first_type, _joined(organ_groups, kinds[2:], party=True), "party", None, (*problems, *case))
        if raw[0] == "/" and kinds[1] == "/" and party_organ:
            problems.append("slash_for_hyphen")
            return (first_type, _joined(organ_groups, kinds[2:], party=True), "party", None, (*problems, *case))
        if raw[0] == "/" and kinds[1] == "-" and party_organ and len(organ_groups) == 1:
            problems.append("state_order")
            return (first_type, codes.organ_code(organ_groups[0], True), "party", None, (*problems, *case))
        if raw[0] == "/" and kinds[1] == "-":
            return (first_type, _joined(organ_groups, kinds[2:], party=False), "state", None, tuple(problems))
        return None
    if len(groups) == 1 and raw[0] in ("/", "-") and codes.is_party_organ(groups[0]) and not first_type:
        problems.append("missing_type")
        if codes.organ_case_changed(groups[0]):
            problems.append("organ_case")
        if raw[0] == "/":
            problems.append("slash_for_hyphen")
        return (type_hint, codes.organ_code(groups[0], True), "party", None, tuple(problems))
    if raw[0] == "/" and not first_type:
        if len(groups) == 1 and not codes.is_state_organ_like(groups[0]):
            return None
        if any(k == "/" for k in kinds[1:]):
            return None
        organ = _joined(groups, kinds[1:], party=False)
        return (type_hint or "CV", organ, "state", None, (*problems, "type_from_word"))
    if loose and not first_type and len(groups) >= 2 and all(k == "-" for k in kinds) and all(g.isupper() for g in groups):
        return (type_hint, _joined(groups, kinds[1:], party=False), "state", None, (*problems, "type_from_word", "hyphen_only"))
    return None


def parse_id(text: str, type_hint: str | None = None) -> DocumentId | None:
    """Parse a written id ('Số: 34 -NQ/TU', '105/KL/TU', '30/2020/NĐ-CP')."""
    folded = fold(text)
    m = STANDARD_PATTERN.search(folded)
    if m and not ID_PATTERN.search(folded[: m.start()]):
        return DocumentId(m.group(_STD_NUM), m.group(_STD_KIND), m.group(_STD_ORG) or "", "state")
    for m in ID_PATTERN.finditer(folded):
        parsed = parse_parts(m.group(_NUM), m.group(_BODY), type_hint)
        if parsed:
            return parsed
    return None


def joined_id(number: str, symbol: str) -> tuple[int, DocumentId] | None:
    """The id a number and the (folded) symbol text printed apart from it make together ('565' and '/TB-UBND ...':
    a number written into a blank, or read again from a scan), and how much of ``symbol`` it takes; None when they
    make no id."""
    found = next(iter(find_ids(number + symbol)), None)
    if found is None or found[0] != 0:
        return None
    return found[1] - len(number), found[2]


def find_ids(folded: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, DocumentId]]:
    """Every id in a folded text, as (start, end, DocumentId), in order."""
    stop = len(folded) if end is None else end
    found: list[tuple[int, int, DocumentId]] = []
    standards = [m.span() for m in STANDARD_PATTERN.finditer(folded, start, stop)] if "CVN" in folded else []
    for s, e in standards:
        m = STANDARD_PATTERN.match(folded, s, e)
        assert m is not None
        found.append((s, e, DocumentId(m.group(_STD_NUM), m.group(_STD_KIND), m.group(_STD_ORG) or "", "state")))
    starts = [s for s, _ in standards]
    for m in ID_PATTERN.finditer(folded, start, stop):
        after_so = _SO_BEFORE.search(folded, max(0, m.start() - 6), m.start()) is not None
        parsed = parse_parts(m.group(_NUM), m.group(_BODY), loose=after_so)
        if parsed is None:
            continue
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and standards[k][0] <= m.start() < standards[k][1]:
            continue  # inside a QCVN/TCVN number
        found.append((m.start(), m.end(), parsed))
    yield from sorted(found, key=lambda t: t[0])


# How far the letters of an OCR variant may stray from the id it stands for: edits in all, and per letter of the id.
_VARIANT_MAX_EDITS = 2
_VARIANT_EDITS_PER_LETTER = 1 / 3


def ocr_variant_of(variant: DocumentId, known: DocumentId, stated_type: str | None = None) -> bool:
    """Whether ``variant`` is an OCR-damaged print of ``known`` (26/2026/NB-CP of 26/2026/NĐ-CP, 1050/QĐĐ-SCTT of
    1050/QĐ-SCT), both cited in one document: then they are one document, and ``known`` its id.

    Conservative on purpose, since two different documents must never become one: the same system, number
    (compared as integers) and year; ``known`` prints type letters of the code tables and ``variant`` none the
    tables know (so ``variant`` is no valid id of its own); the type its type word states, ``stated_type``,
    if any, is ``known``'s; and at most two letters of the symbol differ, and no more than one in three.
    """
    if variant.system != known.system or variant.year != known.year or not known.typed_by_table or variant.typed_by_table:
        return False
    if _number_value(variant.number) != _number_value(known.number):
        return False
    if stated_type is not None and stated_type != known.doc_type:
        return False
    a, b = variant.symbol.upper(), known.symbol.upper()
    limit = min(_VARIANT_MAX_EDITS, int(len(b) * _VARIANT_EDITS_PER_LETTER))
    return 0 < _edits(a, b, limit) <= limit


def _number_value(number: str) -> object:
    return int(number) if number.isdigit() else number


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of two short strings, or ``limit + 1`` once it is sure to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > limit:
            return limit + 1
    return row[-1]
