"""Tone marks OCR lost, put back with a word list.

Tesseract's Vietnamese model often drops the tone mark stacked over a hat (``â ă ê ô ơ ư``):
``công bô`` for *công bố*, ``Kêt luận`` for *Kết luận*, ``thành phô`` for *thành phố*, ``tô chức``
for *tổ chức*. The letters and the hat are nearly always right; only the tone is gone. A word list of
Vietnamese compounds finds many of them: a syllable that forms no compound with the syllables beside
it, but would with a tone mark, was misread.

The rule (:func:`repair_tones`), conservative on purpose, as a wrong change is worse than none:

1. the text is cut into syllables (runs of letters); two are neighbours when one space and nothing
   else parts them, or a line end (a wrapped line: such neighbours protect each other, 3, but never
   make a repair together: the line below may be another column);
2. only a syllable with a hat and no tone mark at all is tried (``bô``, ``kiên``, ``Kêt``; never
   ``bồ`` or ``tỉnh``); not a word that stands alone (:func:`standalone_words`: ``nhưng``, ``không``),
   nor a capitalised syllable beside another (a name: ``Trương Công Hậu``, ``Đông Dương``);
3. a syllable that forms a compound of :data:`MIN_SYLLABLES`–:data:`MAX_SYLLABLES` syllables with its
   neighbours as it is read is left alone;
4. it is tried with each tone above the letter (grave, acute, hook, tilde) on each of its vowels; a
   variant counts when it forms a compound with unchanged, free neighbours: not one in a compound of
   its own on the other side (``Bộ Công an``: ``Công`` belongs with ``an``), and no capital inside the
   compound (``bên Tàu`` is no ``bến tàu``);
5. the syllable is changed when exactly one variant counts, no neighbour it pairs with changes too,
   and the text does not use the syllable as read more often than the repaired one (a word the text
   uses again and again is a word of the text, not a chance misreading: ``không chỉ`` is not
   ``khống chỉ``). Case is kept letter by letter.

Measured on text that was not OCR'd (the corpus, the text layers and Word files of the real
documents, the news sentences of VLSP 2013: 430,000 syllables), this changes nothing but two
misprints; on the OCR of 22 scans it repairs 250 syllables, every one rightly. Reads with a tone
(``sổ`` for ``số``, ``kể`` for ``kế``) or a dot below (``về``, ``vệ``) are left alone: trying them
made false changes in correct text.

Every Vietnamese vowel, with its hat and tone, is one code point in NFC, so a repair keeps the text's
length, and the spans and word boxes of the page stay valid.

Fixed phrases need no word list (:func:`phrase_repairs`): the portal of most Nơi nhận lists read
``Công TTĐT`` and a copy's purpose read ``(đê b/c)`` get their tone back wherever the rest of the
phrase follows (data/words.json ``ocr_phrases``; none of them is met in 257,000 words of correct text).

The word list is underthesea's ``Viet74K.txt`` (the ``ocr`` extra), found without importing
underthesea (slow to import). Without it only the fixed phrases are repaired. Only the OCR reader applies this,
never to a text layer or a Word file: those hold the characters the author typed.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.codes import continuation_words, ocr_phrases, ocr_tones_in_parenthesis
from ..core.normalize import fold

PACKAGE = "underthesea"  # the optional dependency that ships the word list (extra "ocr")
WORD_LIST = ("corpus", "data", "Viet74K.txt")  # its path inside the package
STOPWORDS = ("datasets", "stopwords", "stopwords.txt")  # its list of the commonest words (không, có, là, những...)
MIN_SYLLABLES = 2  # a word of one syllable says nothing: every misreading is a syllable
MAX_SYLLABLES = 3  # the longest compounds looked up around a syllable
MAX_LETTERS = 7  # the longest Vietnamese syllable ("nghiêng"); a longer run of letters is no syllable

TONES = ("\u0300", "\u0301", "\u0309", "\u0303")  # grave, acute, hook above, tilde: the tones stacked over a hat
DOT_BELOW = "\u0323"  # the tone under the letter: OCR keeps it apart, and words differ by it alone (về, vệ)
HATS = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
_TONE_MARKS = frozenset([*TONES, DOT_BELOW])
_VOWELS = frozenset("aeiouy")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzđ")  # the base letters of a syllable (f j w z in loanwords)
_SYLLABLE = re.compile(r"[^\W\d_]+")
_SPACE, _WRAP = "space", "wrap"  # how a syllable is joined to the one before it

Chain = Sequence[tuple[int, str, str | None]]  # syllables parted by single spaces or line ends: (offset, syllable, join)


@dataclass(frozen=True)
class Repair:
    """One syllable changed: where it is, as read, as repaired."""

    offset: int
    read: str
    fixed: str


def _package_file(parts: Sequence[str]) -> Path | None:
    """A file of the package :data:`PACKAGE`, found without importing it; None when it is not installed."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder).joinpath(*parts)
        if path.is_file():
            return path
    return None


@functools.cache
def word_list_path() -> Path | None:
    """Where underthesea's ``Viet74K.txt`` is; None when underthesea is not installed."""
    return _package_file(WORD_LIST)


@functools.cache
def standalone_words() -> frozenset[str]:
    """Words never repaired (rule 2): function words that stand alone and form no compound (data/words.json
    ``continuation_words``: ``nhưng``, ``đối``) and underthesea's list of the commonest words (``không``)."""
    path = _package_file(STOPWORDS)
    common = path.read_text("utf-8").split("\n") if path else []
    return frozenset(syllable_key(w) for w in [*continuation_words(), *common] if w.strip() and " " not in w.strip())


@functools.cache
def lexicon() -> frozenset[str]:
    """The compounds of the word list (:func:`compounds`), read once; empty when it is not installed."""
    path = word_list_path()
    return frozenset() if path is None else compounds(path.read_text("utf-8").splitlines())


def compounds(lines: Iterable[str]) -> frozenset[str]:
    """The entries of :data:`MIN_SYLLABLES`–:data:`MAX_SYLLABLES` syllables of a word list (one word or
    compound a line), as :func:`syllable_key` keys joined by a space."""
    found = set()
    for line in lines:
        syllables = line.split()
        if MIN_SYLLABLES <= len(syllables) <= MAX_SYLLABLES:
            found.add(" ".join(syllable_key(s) for s in syllables))
    return frozenset(found)


@functools.lru_cache(maxsize=65536)
def syllable_key(syllable: str) -> str:
    """A syllable as the word list is looked up: NFC, lower case, its tone mark in one place (``hoà`` = ``hòa``)."""
    return fold(unicodedata.normalize("NFC", syllable).lower())


@functools.lru_cache(maxsize=65536)
def tone_variants(syllable: str) -> tuple[str, ...]:
    """The keys of a syllable read with a hat and no tone, with each tone of :data:`TONES` on each of its
    vowels, each once; empty for any other syllable (a tone already, no hat, no Vietnamese syllable)."""
    word = syllable.lower()
    if len(word) > MAX_LETTERS:
        return ()
    bases = [unicodedata.normalize("NFD", c) for c in word]
    if any(b[0] not in _LETTERS or _TONE_MARKS.intersection(b) for b in bases) or not HATS.intersection("".join(bases)):
        return ()
    found: dict[str, None] = {}
    for tone in TONES:
        for i, base in enumerate(bases):
            if base[0] in _VOWELS:
                variant = unicodedata.normalize("NFC", "".join(bases[:i]) + base + tone + "".join(bases[i + 1 :]))
                if len(variant) == len(word):  # one code point a letter, as every Vietnamese vowel is
                    found[syllable_key(variant)] = None
    return tuple(found)


def _chains(text: str) -> Iterator[list[tuple[int, str, str | None]]]:
    """The runs of syllables parted by one space or a line end, each syllable with its offset and how it
    is joined to the one before it (:data:`_SPACE`, :data:`_WRAP`; None for the first)."""
    chain: list[tuple[int, str, str | None]] = []
    end = 0
    for m in _SYLLABLE.finditer(text):
        after = text[m.end() : m.end() + 1]
        if after and unicodedata.category(after).startswith("M"):  # a stray combining mark: not a clean syllable
            continue
        gap = text[end : m.start()]
        join = _SPACE if gap == " " else _WRAP if gap.strip(" ") == "\n" else None
        if chain and join is None:
            yield chain
            chain = []
        chain.append((m.start(), m.group(), join if chain else None))
        end = m.end()
    if chain:
        yield chain


def _windows(size: int, i: int) -> Iterator[tuple[int, int]]:
    """The [first, last) ranges of a chain of ``size`` syllables that hold syllable ``i``, as long as a compound may be."""
    for length in range(MIN_SYLLABLES, MAX_SYLLABLES + 1):
        for first in range(max(0, i - length + 1), min(i, size - length) + 1):
            yield first, first + length


def _is_word(keys: Sequence[str], a: int, b: int, words: frozenset[str]) -> bool:
    return " ".join(keys[a:b]) in words


def _capitalised(syllable: str) -> bool:
    """A first capital and the rest lower case: a name's syllable, or a sentence's or an organ's first word."""
    return syllable[:1].isupper() and syllable[1:] == syllable[1:].lower()


def _in_name(chain: Chain, i: int) -> bool:
    """Whether syllable ``i`` is capitalised beside a capitalised neighbour: a name (``Trương Công Hậu``,
    ``Đông Dương``), which a word list does not hold."""
    if not _capitalised(chain[i][1]):
        return False
    before = i > 0 and chain[i][2] == _SPACE and _capitalised(chain[i - 1][1])
    return before or (i + 1 < len(chain) and chain[i + 1][2] == _SPACE and _capitalised(chain[i + 1][1]))


def _taken(keys: Sequence[str], j: int, a: int, b: int, words: frozenset[str]) -> bool:
    """Whether syllable ``j`` belongs to a compound reaching out of [a, b) whose other syllables are in no
    other compound (``an`` of ``Công an``: then ``Công`` belongs with it; ``định công`` does not hold
    ``công`` when ``định`` is ``quyết định``'s)."""
    for x, y in _windows(len(keys), j):
        if (x < a or y > b) and _is_word(keys, x, y, words):
            partners = [k for k in range(x, y) if k != j]
            if not any(_is_word(keys, p, q, words) for k in partners for p, q in _windows(len(keys), k) if not p <= j < q):
                return True
    return False


def _pairings(chain: Chain, keys: Sequence[str], i: int, variant: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """The ranges in which ``variant``, in the place of syllable ``i``, forms a compound with free neighbours (rule 4)."""
    found = []
    for a, b in _windows(len(keys), i):
        if any(chain[j][2] == _WRAP for j in range(a + 1, b)):
            continue  # across a line end: the line below may be another column
        if any(_capitalised(chain[j][1]) for j in range(a + 1, b)):
            continue  # a capital inside a compound starts a name: ``bên Tàu`` is no ``bến tàu``
        if " ".join([*keys[a:i], variant, *keys[i + 1 : b]]) in words and not any(_taken(keys, j, a, b, words) for j in range(a, b) if j != i):
            found.append((a, b))
    return found


def _chain_repairs(chain: Chain, words: frozenset[str], counts: Counter[str]) -> list[Repair]:
    """The syllables of one chain the rule changes."""
    keys = [syllable_key(s) for _, s, _ in chain]
    standalone = standalone_words()
    proposed: dict[int, tuple[str, list[tuple[int, int]]]] = {}
    for i, (_, syllable, _) in enumerate(chain):
        variants = () if keys[i] in standalone or _in_name(chain, i) else tone_variants(syllable)
        if not variants or any(_is_word(keys, a, b, words) for a, b in _windows(len(keys), i)):
            continue
        fits = {v: r for v in variants if (r := _pairings(chain, keys, i, v, words))}
        if len(fits) == 1:
            [(variant, ranges)] = fits.items()
            if counts[keys[i]] - 1 <= counts[variant]:
                proposed[i] = (variant, ranges)
    repairs = []
    for i, (variant, ranges) in proposed.items():
        if all(any(j in proposed for j in range(a, b) if j != i) for a, b in ranges):
            continue  # it pairs only with a syllable that changes too: neither is sure
        offset, syllable, _ = chain[i]
        fixed = _with_case(syllable, variant)
        if len(fixed) == len(syllable):  # always, but for a letter whose lower case is longer ('İ')
            repairs.append(Repair(offset, syllable, fixed))
    return repairs


def _with_case(original: str, key: str) -> str:
    """``key`` (lower case) spelt with the case of ``original``, letter by letter."""
    return "".join(k.upper() if o.isupper() else k for o, k in zip(original, key, strict=False))


def find_repairs(text: str, words: frozenset[str] | None = None) -> list[Repair]:
    """The syllables :func:`repair_tones` changes, in the order of the text: those of the fixed phrases
    (:func:`phrase_repairs`, no word list needed) and those the word list finds."""
    fixed = phrase_repairs(text)
    words = lexicon() if words is None else words
    if not words:
        return fixed
    counts = Counter(syllable_key(s) for s in _SYLLABLE.findall(text))
    found = [r for c in _chains(text) if len(c) >= MIN_SYLLABLES for r in _chain_repairs(c, words, counts)]
    taken = {r.offset for r in fixed}
    return sorted(fixed + [r for r in found if r.offset not in taken], key=lambda r: r.offset)


def toneless(syllable: str) -> str:
    """A syllable without the tone mark over its hat ('Cổng' → 'Công', 'để' → 'đê'), as OCR often reads it."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", syllable) if c not in TONES))


@functools.cache
def _phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """The OCR forms of the fixed phrases (:func:`~vndirective.core.codes.ocr_phrases`) as one pattern: the first
    syllable without its tone anywhere, with another tone right after '(' (:func:`~vndirective.core.codes.ocr_tones_in_parenthesis`);
    and each form's first syllable → the syllable with its tone."""
    first: dict[str, str] = {}
    forms = []
    for phrase in ocr_phrases():
        head, _, rest = phrase.partition(" ")
        tail = " " + re.escape(rest) if rest else ""
        if toneless(head) != head and len(toneless(head)) == len(head):
            first[toneless(head).lower()] = head.lower()
            forms.append(re.escape(toneless(head)) + tail)
        for other in ocr_tones_in_parenthesis().get(head, ()):
            if len(other) == len(head):
                first[other.lower()] = head.lower()
                forms.append(r"(?<=\()" + re.escape(other) + tail)
    pattern = "|".join(sorted(forms, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![^\W\d_])(?:{pattern})(?![^\W\d_])", re.IGNORECASE), first


def phrase_repairs(text: str) -> list[Repair]:
    """The first syllable of each fixed phrase read without its tone ('Công TTĐT', 'đê b/c'), with its tone."""
    pattern, first = _phrases()
    repairs = []
    for m in pattern.finditer(text):
        head = m.group().split(" ", 1)[0]
        repairs.append(Repair(m.start(), head, _with_case(head, first[head.lower()])))
    return repairs


def repair_tones(text: str, words: frozenset[str] | None = None) -> tuple[str, int]:
    """The text with the tone marks OCR lost put back (the rule of the module's docstring), and how many
    syllables were changed. The length and every character but the repaired vowels stay; without the
    word list only the fixed phrases are repaired. ``words``: the compounds to use (default :func:`lexicon`)."""
    repairs = find_repairs(text, words)
    if not repairs:
        return text, 0
    pieces, last = [], 0
    for r in repairs:
        pieces += [text[last : r.offset], r.fixed]
        last = r.offset + len(r.read)
    pieces.append(text[last:])
    fixed = "".join(pieces)
    if len(fixed) != len(text):  # cannot be (each repair keeps its length); the boxes must never move
        return text, 0
    return fixed, len(repairs)
