"""The code tables of ``vndirective/data``, loaded once on first use.

Code reads these tables and never repeats them: to teach the parser a new type
code, organ code, signer title or mark, edit the JSON files.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from .normalize import fold, skeleton


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed JSON table ``data/<name>.json``."""
    raw = resources.files("vndirective").joinpath("data").joinpath(f"{name}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def entries(table: dict[str, Any]) -> dict[str, Any]:
    """A table of a data file without its notes (the keys that start with '_')."""
    return {k: v for k, v in table.items() if not k.startswith("_")}


@dataclass(frozen=True)
class DocType:
    code: str
    name: str
    systems: tuple[str, ...]
    words: tuple[str, ...]
    party_name: str | None = None  # the Party's type of the same code (TT: Thông tư of the state, Thông tri of the Party)
    letters: bool = True  # False: numbers of this type carry no type letters (Luật số 80/2015/QH13); known from the type word only


@cache
def doc_types() -> dict[str, DocType]:
    """Document types by canonical code."""
    return {
        t["code"]: DocType(t["code"], t["name"], tuple(t["systems"]), tuple(t["words"]), t.get("party_name"), t.get("letters", True))
        for t in load("doc_types")["types"]
    }


@cache
def symbol_types() -> dict[str, DocType]:
    """The types whose letters are written in a number's symbol ('NQ', 'QĐ'), by code: what a symbol can be read as."""
    return {code: t for code, t in doc_types().items() if t.letters}


@cache
def _type_code_index() -> dict[str, str]:
    index = {skeleton(code): code for code in symbol_types()}
    aliases = entries(load("doc_types")["aliases"])
    index.update({skeleton(k): v for k, v in aliases.items()})
    # Codes that only differ by Đ/D keep their own spelling when written exactly.
    return index


@lru_cache(maxsize=4096)  # tokens of the text: bounded
def type_code(token: str) -> str | None:
    """Canonical type code for a code as written ('QD', 'Qđ', 'TTR'), or None."""
    if token in symbol_types():
        return token
    if len(token) > 6:
        return None
    return _type_code_index().get(skeleton(token))


def _type_words() -> dict[str, str | None]:
    """Type words of running text (folded, lower case) → type code or None."""
    words: dict[str, str | None] = {}
    for t in doc_types().values():
        for w in (*t.words, *([t.party_name] if t.party_name else [])):
            words[fold(w).lower()] = t.code
    extra = load("doc_types")["running_text_words"]
    words.update({fold(k).lower(): v for k, v in entries(extra).items()})
    return words


# Declared rather than decorated: patterns.py calls it at import time, and mypyc (setup.py) type-checks
# the package as one import cycle, where a decorated function's type may not be known yet.
type_words: Callable[[], dict[str, str | None]] = cache(_type_words)


@cache
def type_names() -> dict[str, str]:
    """Type names in capitals, as skeleton keys ('NGHI QUYET') → code.

    Where a name has several codes (Quy định: QĐi / QyĐ) the running-text code
    is left to the number; the name maps to the first code listed.
    """
    names: dict[str, str] = {}
    for t in symbol_types().values():  # a law's own header is not read as a type line (yet)
        names.setdefault(skeleton(t.name), t.code)
        if t.party_name:
            names.setdefault(skeleton(t.party_name), t.code)
    return names


def type_name(code: str | None, system: str | None = None) -> str | None:
    """Vietnamese name of a type code (in the Party's sense for ``system='party'`` where the two differ)."""
    if code is None:
        return None
    t = doc_types().get(code)
    if t is None:
        return None
    return t.party_name if system == "party" and t.party_name else t.name


@cache
def party_codes() -> frozenset[str]:
    organs = load("organs")
    return frozenset(skeleton(c) for c in organs["party_codes"] + organs["party_level_suffixes"])


@lru_cache(maxsize=4096)  # tokens of the text: bounded
def is_party_organ(code: str) -> bool:
    """Whether an organ code belongs to the Party system (TU, HU, BTCTW, VPĐU...)."""
    k = skeleton(code)
    if k in party_codes():
        return True
    # Composites: an organ abbreviation + the level suffix (UBKT + HU).
    return len(k) > 2 and k.endswith(("TW", "TU", "HU", "DU", "DUK")) and k not in state_codes()


@cache
def state_codes() -> frozenset[str]:
    return frozenset(skeleton(c) for c in load("organs")["state_codes"])


@lru_cache(maxsize=4096)  # tokens of the text: bounded
def is_state_organ(code: str) -> bool:
    """Whether a code is a known state organ (CP, TTg, UBND, BNV...)."""
    return skeleton(code) in state_codes()


@lru_cache(maxsize=4096)  # tokens of the text: bounded
def is_state_organ_like(code: str) -> bool:
    """Whether a lone symbol group can be a state organ ('UBND', 'BXD')."""
    k = skeleton(code)
    return k in state_codes() or (len(code) >= 2 and code.isupper())


@lru_cache(maxsize=4096)  # tokens of the text: bounded
def organ_code(token: str, party: bool) -> str:
    """Canonical spelling of an organ code (Latin D → Đ where the table knows it).

    A Party organ code is upper case whatever the print ('Tu' → 'TU'), but for the spellings the table
    gives ('ThU'): one committee, one id. State codes keep their mixed case ('TTg'), the table's aliases aside.
    """
    organs = load("organs")
    aliases = organs["party_aliases"] if party else organs["state_aliases"]
    up = token.upper() if party or not any(c.islower() for c in token[1:]) else token
    return str(aliases.get(skeleton(token), aliases.get(up, up if party else token)))


def organ_case_changed(token: str) -> bool:
    """Whether a Party organ code was printed in lower-case letters its canonical spelling does not have ('Tu')."""
    return any(c.islower() for c in token) and organ_code(token, True) != token


@cache
def _term_organs() -> dict[str, str]:
    return entries(load("organs")["term_organs"])


@lru_cache(maxsize=256)
def term_organ_name(organ: str) -> str | None:
    """The issuer a code of the National Assembly's organs names ('QH15' → 'Quốc hội', 'UBTVQH14' →
    'Ủy ban Thường vụ Quốc hội'): the code + the term's number, nothing else; None for any other code."""
    base = organ.rstrip("0123456789")
    if base == organ or not base:
        return None
    return _term_organs().get(base)


@cache
def authority_marks() -> dict[str, str]:
    """Skeleton of a written mark without dots and slashes ('TM', 'KT') → Party form."""
    marks: dict[str, str] = {}
    for canonical, variants in load("marks")["authority"].items():
        for v in variants:
            marks[skeleton(v).replace("/", "").replace(".", "")] = canonical
    return marks


@cache
def urgency_marks() -> dict[str, str]:
    return {v: k for k, vs in load("marks")["urgency"].items() for v in vs}


@cache
def security_marks() -> dict[str, str]:
    return {v: k for k, vs in load("marks")["security"].items() for v in vs}


@cache
def titles() -> tuple[str, ...]:
    """Signer titles as skeleton keys, longest first."""
    data = load("titles")
    base = {skeleton(t) for t in data["titles"]}
    full = set(base)
    for p in data["prefixes"]:
        full |= {f"{skeleton(p)} {t}" for t in base}
    return tuple(sorted(full, key=len, reverse=True))


@cache
def title_forms() -> dict[str, str | None]:
    """Skeleton of a signer title → its written form (for OCR correction).

    A skeleton two titles share ('THU TRUONG': THỨ TRƯỞNG of a ministry, THỦ TRƯỞNG of an office) maps to
    None: which one a damaged form meant is told only by its marks (:func:`closest_title`), else left as printed.
    """
    return {key: forms[0] if len(forms) == 1 else None for key, forms in _title_candidates().items()}


def _by_skeleton(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Skeleton → the written forms of ``words`` with it (one per folded form, in order)."""
    found: dict[str, dict[str, str]] = {}
    for w in words:
        found.setdefault(skeleton(w), {}).setdefault(fold(w), w)
    return {key: tuple(forms.values()) for key, forms in found.items()}


@cache
def _title_candidates() -> dict[str, tuple[str, ...]]:
    """Skeleton of a signer title → every written form with that skeleton."""
    data = load("titles")
    return _by_skeleton(form for t in data["titles"] for form in (t, *(f"{p} {t}" for p in data["prefixes"])))


def closest_title(text: str) -> str | None:
    """Of the titles that share ``text``'s letters ('THỨ TRƯỞNG', 'THỦ TRƯỞNG'), the one whose marks differ from it
    in fewest places ('THỨ TRƯỜNG', a mark OCR damaged, is 'THỨ TRƯỞNG'); None when no title has its letters or two
    are as close (a mark-less 'THU TRUONG' is not guessed)."""
    written = fold(" ".join(text.split())).upper()
    forms = _title_candidates().get(skeleton(written))
    if not forms:
        return None
    distances = sorted((sum(a != b for a, b in zip(written, fold(form).upper(), strict=False)), form) for form in forms)
    if len(distances) > 1 and distances[0][0] == distances[1][0]:
        return None
    return distances[0][1]


@cache
def continuation_words() -> frozenset[str]:
    """Function words that never end a heading or a sentence: a line ending with one is wrapped."""
    return frozenset(load("words")["continuation_words"])


@cache
def ocr_phrases() -> tuple[str, ...]:
    """Fixed phrases whose first syllable OCR reads without its tone ('Cổng TTĐT', 'để b/c'): data/words.json
    'ocr_phrases', and 'để' before each copy purpose."""
    words = load("words")
    purposes = [w for w in words["copy_purposes"]["words"] if w != "để"]
    return tuple(words["ocr_phrases"]["words"]) + tuple(f"để {w}" for w in purposes)


@cache
def ocr_tones_in_parenthesis() -> dict[str, tuple[str, ...]]:
    """The first syllable of a fixed phrase → other tones OCR gives it, taken for it right after '(' ('đề' for 'để')."""
    return {k: tuple(v) for k, v in load("words")["ocr_phrases"]["in_parenthesis"].items()}


@cache
def never_first_words() -> tuple[str, ...]:
    """Words no list item starts with, each followed by a space ('của ', 'thuộc ')."""
    return tuple(w + " " for w in load("words")["never_first_words"])


@cache
def type_name_prefixes() -> tuple[str, ...]:
    """Each type-name skeleton followed by a space: a line that starts with a type name."""
    return tuple(name + " " for name in type_names())


@cache
def person_titles() -> tuple[str, ...]:
    """'đ/c', 'ông', 'bà' ... (lower case), each followed by a space: what opens a person's name."""
    return tuple(w + " " for w in load("words")["person_titles"])


@cache
def signer_ranks() -> tuple[str, ...]:
    """Military and police ranks printed before a signer's name ('Thượng tướng'), skeletons each followed by a space."""
    return tuple(skeleton(w) + " " for w in load("words")["signer_ranks"]["words"])


@cache
def _surnames() -> dict[str, tuple[str, ...]]:
    """Skeleton of a family name → its printed forms (data/words.json 'surnames')."""
    return _by_skeleton(load("words")["surnames"]["words"])


def surname_form(word: str) -> str | None:
    """The family name an OCR-damaged ``word`` stands for ('Nguyên' → 'Nguyễn'): the one surname with its letters, when
    the word is none of the surnames' forms; else None (a surname as printed, or no surname, or two with its letters)."""
    forms = _surnames().get(skeleton(word))
    if not forms or len(forms) > 1 or fold(word) in {fold(f) for f in forms}:
        return None
    return forms[0]


@cache
def title_set() -> frozenset[str]:
    return frozenset(titles())


@cache
def title_prefixes() -> tuple[str, ...]:
    """Each title skeleton followed by a space: a text that starts with a title."""
    return tuple(t + " " for t in titles())


@cache
def title_suffixes() -> tuple[str, ...]:
    """Each title skeleton after a space: a text that ends with a title."""
    return tuple(" " + t for t in titles())


@cache
def unit_correction_after() -> frozenset[str]:
    """Organ words after which a damaged unit word ('UBND TÍNH') can only be TỈNH, HUYỆN..."""
    return frozenset(skeleton(w) for w in load("organs")["unit_correction_after"])


@cache
def unit_forms() -> dict[str, str]:
    """Skeleton of an administrative unit word → its written form."""
    return {skeleton(w): w for w in load("organs")["unit_words"]}


@cache
def organ_head_words() -> tuple[str, ...]:
    return tuple(sorted({skeleton(w) for w in load("organs")["organ_head_words"]}, key=len, reverse=True))


@cache
def organ_head_forms() -> dict[str, str]:
    """Skeleton of an organ head word → its written form (for OCR correction)."""
    forms: dict[str, str] = {}
    for w in load("organs")["organ_head_words"]:
        forms.setdefault(skeleton(w), w)
    return forms


@cache
def organ_head_prefixes() -> tuple[str, ...]:
    """Skeletons of the organ head words, each followed by a space: a name that starts like an organ."""
    return tuple(h + " " for h in organ_head_forms())


@cache
def glued_unit_words() -> tuple[str, ...]:
    """One-word unit skeletons ('HUYEN', 'TINH'), which OCR may glue to the word before."""
    return tuple(u for u in unit_words() if " " not in u and "." not in u)


@cache
def unit_words() -> tuple[str, ...]:
    return tuple(sorted({skeleton(w) for w in load("organs")["unit_words"]}, key=len, reverse=True))


@cache
def split_words() -> tuple[str, ...]:
    return tuple(sorted({skeleton(w) for w in load("organs")["split_inside_line"]}, key=len, reverse=True))


@cache
def abbreviations() -> dict[str, str]:
    return dict(load("abbreviations")["abbreviations"])


def expand_abbreviations(value: str) -> str | None:
    """'UBND huyện' → 'Ủy ban nhân dân huyện'; None when nothing is abbreviated."""
    table = abbreviations()
    words = value.split()
    expanded = [table.get(w, w) for w in words]
    return " ".join(expanded) if expanded != words else None


@lru_cache(maxsize=4096)
def near_title(key: str) -> str | None:
    """The title whose skeleton is one character edit from ``key`` — one only, else None.

    For OCR damage a mark-free table lookup cannot undo ('GHU TICH' for 'CHU TICH'); keys of
    fewer than 6 characters are too short to tell apart. Cached: the same holders recur.
    """
    if len(key) < 6:
        return None
    forms = title_forms()
    if key in forms:
        return None  # a title as it is (or one of two that share the key): nothing to correct
    found = {form for k, form in forms.items() if one_edit_apart(k, key)}
    return found.pop() if len(found) == 1 else None  # None among them: near two titles, or a shared key


def one_edit_apart(a: str, b: str) -> bool:
    """Whether a Levenshtein distance of at most 1 separates two strings (one pass, no table)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i, n = 0, min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]  # one letter changed
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]  # one letter dropped or added
