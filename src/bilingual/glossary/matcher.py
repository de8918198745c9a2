"""Finding glossary terms in text.

A glossary of thousands of terms is not compiled as a whole. For each
document, :class:`TermFinder` picks the entries whose first and last tokens
(NFC, case-folded) both occur in the document, or could as a plural, with
two passes over lists of tokens, and :class:`TermMatcher` builds one
Aho-Corasick automaton over just their keys: the forms and irregular
plurals of those entries, typically a few dozen. A key found in a segment
is kept when it is a whole word, obeys the term's case rule and does not
overlap a longer match (leftmost-longest); regular plural endings ("s",
"es") and English possessives are recognised there too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache, partial
from itertools import compress, repeat
from operator import itemgetter, not_
from typing import Any, NamedTuple

import ahocorasick

from bilingual.glossary.model import Entry, EntryTable, fold_all, plain
from bilingual.glossary.spanish import ACCENT_ADD, ACCENT_DROP, plural_phrase

_TOKEN = re.compile(r"\w+|[^\w\s]")
_NFC = partial(unicodedata.normalize, "NFC")


class Variant(NamedTuple):
    entry: Entry
    form: str  # the variant as it must appear (NFC, plain spaces and apostrophes)
    span: int  # how much of the variant the term covers
    plural: bool


class Match(NamedTuple):
    """A term found in a text (a named tuple: made for every hit)."""

    start: int
    end: int
    text: str
    entry: Entry
    plural: bool


def fold_key(text: str) -> str:
    """NFC + case folding + plain spaces and apostrophes (no offsets)."""
    return plain(unicodedata.normalize("NFC", text).casefold())


def fold(text: str) -> tuple[str, list[int] | range]:
    """NFC + case folding + plain spaces and apostrophes, with the original
    offset of every folded char."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        folded = text.casefold()
        if len(folded) == len(text):  # the common case: one char for one char
            return plain(folded), range(len(text) + 1)
    out: list[str] = []
    where: list[int] = []
    cluster_start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and unicodedata.combining(text[i]):
            continue
        piece = unicodedata.normalize("NFC", text[cluster_start:i]).casefold()
        out.append(piece)
        where.extend([cluster_start] * len(piece))
        cluster_start = i
    where.append(len(text))
    return plain("".join(out)), where


def _variants(entry: Entry, language: str) -> list[Variant]:
    forms = _variant_forms(entry.source, language)
    return [Variant(entry, form, len(form), number > 0) for number, form in enumerate(forms)]


def _variant_forms(source: str, language: str) -> list[str]:
    """The term as written (NFC), then its plurals."""
    base = source if source.isascii() else plain(unicodedata.normalize("NFC", source))
    if base.isupper() or not any(map(str.islower, base)):
        return [base]  # acronyms take no plural
    # Possessives ("Border Patrol's") need no variant: the apostrophe ends the word.
    # "officer" + "s", "visa" + "s", "ley" + "es" are found at match time: only
    # irregular plurals need a key ("agencies", "luces", "visas de inmigrante")
    plural = _plural_en(base) if language == "en" else plural_phrase(base)
    forms = [base] if plural in (base, base + "s", base + "es") else [base, plural]
    if language == "es" and " " in base:  # a noun after the noun stays as it is: "exámenes antidopaje"
        head, rest = base.split(" ", 1)
        head_only = f"{plural_phrase(head)} {rest}"
        if head_only not in (*forms, base + "s", base + "es"):
            forms.append(head_only)
    return forms


def _plural_en(form: str) -> str:
    """The plural of an English term: of its last word, or of the word
    before its first preposition ("notices to appear", "secretaries of
    state", "High Courts of Justice")."""
    words = form.split(" ")
    at = _head(words)
    words[at] = _plural_word(words[at])
    return " ".join(words)


_PREPOSITIONS = frozenset("of to for in on at from with by under over against".split())


def _head(words: list[str]) -> int:
    """Where an English term's head noun is: before its first preposition,
    else last."""
    for i, word in enumerate(words[1:], 1):
        if word.lower() in _PREPOSITIONS:
            return i - 1
    return len(words) - 1


def _head_first(form: str) -> bool:
    """Whether an English term's head is not its last word."""
    words = form.split(" ")
    return _head(words) < len(words) - 1


def _plural_word(word: str) -> str:
    lower = word.lower()
    if not word[-1:].isalpha() or lower in _INVARIANT_EN:  # ("U.S.")
        return word
    if lower in _IRREGULAR_EN:
        return word[0] + _IRREGULAR_EN[lower][1:]
    if lower.endswith("man") and (lower == "man" or lower[:-3] in _MAN_COMPOUNDS):
        return word[:-2] + "en"  # "chairman", "spokeswoman"
    if lower.endswith(("sis", "xis")):
        return word[:-2] + "es"  # "analysis", "crisis", "axis"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


# English nouns whose plural a list cannot make with -s: the same word, another
# word, or -men (for the words that end so: "human" and "German" take -s).
_INVARIANT_EN = frozenset("aircraft spacecraft hovercraft watercraft series species sheep deer fish offspring".split())
_IRREGULAR_EN = {
    "child": "children",
    "person": "people",
    "criterion": "criteria",
    "phenomenon": "phenomena",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "goose": "geese",
    "life": "lives",
    "wife": "wives",
    "knife": "knives",
    "half": "halves",
    "leaf": "leaves",
    "shelf": "shelves",
    "thief": "thieves",
}
_MAN_COMPOUNDS = frozenset(
    "wo chair chairwo spokes spokeswo congress congresswo police policewo fire business businesswo alder "
    "ombuds crafts sports anchor camera lay fisher gun middle work sales trades country service states "
    "clergy front committee committeewo assembly assemblywo council councilwo".split()
)


class TermFinder:
    """All the entries of one direction, ready to give each document a
    :class:`TermMatcher` over the entries it may mention. The entries' keys
    and their first and last tokens are worked out once (the tokens are
    pickled as two strings)."""

    def __init__(self, entries: EntryTable, language: str):
        self.entries = entries
        self.language = language
        if entries.folded is not None:  # a glossary's, read in NFC
            keys = list(entries.folded)
        else:
            keys = fold_all(entries.source)
            sources = "\n".join(entries.source)
            if not (sources.isascii() or unicodedata.is_normalized("NFC", sources)):
                keys = fold_all(list(map(_NFC, entries.source)))
        firsts, lasts = _first_and_last_tokens(keys)
        self._keys: list[str] | None = keys
        self._firsts, self._lasts = firsts, lasts

    def __getstate__(self) -> dict[str, object]:
        # tokens hold no line break: two strings load far faster than two lists
        return {
            "entries": self.entries,
            "language": self.language,
            "tokens": ("\n".join(self._firsts), "\n".join(self._lasts), len(self._firsts)),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.entries, self.language = state["entries"], state["language"]
        firsts, lasts, count = state["tokens"]
        self._firsts = firsts.split("\n") if count else []
        self._lasts = lasts.split("\n") if count else []
        self._keys = None  # worked out again for the few entries a document needs

    def matcher(self, texts: list[str]) -> TermMatcher:
        """A matcher over the entries whose first and last tokens are among
        the texts' tokens or their singulars."""
        firsts, lasts = self._firsts, self._lasts
        folds = {text: fold(text) for text in texts}
        found = set(_TOKEN.findall("\n".join(folded for folded, _ in folds.values())))
        found |= _singulars(found, self.language)
        has = found.__contains__
        candidates = [i for i in compress(range(len(firsts)), map(has, firsts)) if lasts[i] in found]
        matcher = TermMatcher(self.entries, self.language, candidates, self._keys)
        matcher.folds = folds
        return matcher

    def find(self, text: str) -> list[Match]:
        return self.matcher([text]).find(text)


class TermMatcher:
    """Keys (NFC, case-folded forms and irregular plurals) of some entries,
    each with the entries having it, in glossary order."""

    def __init__(
        self,
        entries: EntryTable | list[Entry],
        language: str,
        only: Iterable[int] | None = None,
        keys: list[str] | None = None,
    ):
        if not isinstance(entries, EntryTable):
            entries = EntryTable.from_entries(entries)
        self.entries, self.language = entries, language
        self.item: dict[str, list[tuple[int, int]]] = {}
        plural_endings = _IRREGULAR_ENDINGS_EN if language == "en" else ("z", "n", "s")
        for index in range(len(entries)) if only is None else only:
            source = entries.source[index]
            key = keys[index] if keys is not None else fold_key(source)
            self.item.setdefault(key, []).append((index, 0))
            if "." in key:  # an abbreviation written with or without its spaces: "EE. UU.", "EE.UU."
                other = key.replace(". ", ".") if ". " in key else _SPACED.sub(". ", key)
                if other != key:
                    self.item.setdefault(other, []).append((index, 0))
            # irregular plurals: "agencies", "luces", "visas de inmigrante", "notices to appear"
            if key.endswith(plural_endings) or (" " in key and (language != "en" or _head_first(key))):
                for number, form in enumerate(_variant_forms(source, language)[1:], 1):
                    self.item.setdefault(fold_key(form), []).append((index, number))
        self.pairs = list(self.item.values())
        self.lengths = list(map(len, self.item))
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for number, key in enumerate(self.item):
            self.automaton.add_word(key, number)
        if self.item:
            self.automaton.make_automaton()
        self._entries: dict[int, tuple[Entry, list[Variant]]] = {}
        self.folds: dict[str, tuple[str, list[int] | range]] = {}  # texts already folded

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def forbidden(self) -> dict[str, tuple[str, ...]]:
        return self.entries.forbidden

    def _entry(self, index: int) -> tuple[Entry, list[Variant]]:
        found = self._entries.get(index)
        if found is None:
            entry = self.entries.entry(index)
            found = self._entries[index] = (entry, _variants(entry, self.language))
        return found

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest whole-word matches in ``text``."""
        if not self.item or not text:
            return []
        folded, where = self.folds.get(text) or fold(text)
        candidates: list[tuple[int, int, bool, Variant]] = []
        pairs, lengths = self.pairs, self.lengths
        shouting = not any(map(str.islower, text))  # a headline in capitals
        for last, number in self.automaton.iter(folded):
            self._candidate(text, where, last + 1 - lengths[number], last + 1, pairs[number], candidates)
        if shouting and candidates:  # "TELL US IT IS": no acronym that is also a word
            candidates = [c for c in candidates if not _word_in_capitals(c[3])]
        matches = _leftmost_longest(text, candidates)
        return [self._number_by_context(text, m) for m in matches] if matches else matches

    def _number_by_context(self, text: str, match: Match) -> Match:
        """A match whose plural is written as its singular ("las ONG", "tres
        ERTE", "300 aircraft", "las dosis") is plural after a word that
        makes it so: an article, a determiner or a number above one."""
        if match.plural or not _invariant(match.entry.source, self.language):
            return match
        before = _WORD_BEFORE.search(text, max(0, match.start - 40), match.start)
        if before is None:
            return match
        word = before.group(1).lower()
        counted = word.replace(",", "").replace(".", "")
        if word in _PLURAL_BEFORE[self.language] or (counted.isdigit() and int(counted) > 1):
            return match._replace(plural=True)
        return match

    def _candidate(
        self,
        text: str,
        where: list[int] | range,
        start_f: int,
        end_f: int,
        pairs: list[tuple[int, int]],
        candidates: list[tuple[int, int, bool, Variant]],
    ) -> None:
        """The key ``folded[start_f:end_f]``, found: the first of its entries
        whose case rule the text obeys is a candidate."""
        start, end = where[start_f], where[end_f]
        suffix = 0
        if not _whole_word(text, start, end):
            suffix = _plural_suffix(text, start, end)
            if not suffix:
                return
        for index, number in pairs:
            entry, variants = self._entry(index)
            variant = variants[number]
            if entry.case_sensitive and _unspaced(plain(_NFC(text[start:end]))) != _unspaced(variant.form):
                continue
            if suffix and not _pluralizes(variant.form, text[end : end + suffix]):
                return
            if suffix:
                variant = variant._replace(span=variant.span + suffix, plural=True)
            candidates.append((start, end + suffix, suffix > 0, variant))
            return


_SPACED = re.compile(r"(?<=\w\w)\.(?=\w\w)")  # ("EE.UU.", not "U.S." nor "3.5")


def _unspaced(form: str) -> str:
    return form.replace(". ", ".") if ". " in form else form


def _word_in_capitals(variant: Variant) -> bool:
    """An acronym matched only as written that is also a common word, which
    a text in capitals writes the same way ("US", "IT", "WHO")."""
    return variant.entry.case_sensitive and variant.form.lower() in _COMMON_WORDS


_COMMON_WORDS = frozenset(
    "a am an and any are as at be but by can did do for go had has he her him his how i if in is it its "
    "me my new no not now of on or our out own she so the to too two up us was way we who why you aim "
    "art ban cap care fed hope ice nice sun win "
    "al con de del dos e el en es la las le lo los mas mi ni no o once para por que se si sin sol su tu "
    "un una y ya".split()
)


@lru_cache(maxsize=4096)  # (asked for every match of an entry)
def _invariant(source: str, language: str) -> bool:
    """Whether a form's plural is written as it is: a Spanish acronym ("las
    ONG"), or a word such as "dosis" or "aircraft". (An English acronym
    takes an s: "ICUs".)"""
    if language == "es":  # (not a form in the plural already: "visas", "Acuerdos")
        head = source.split(" ", 1)[0].lower()
        return source.isupper() or (head.endswith(("is", "us", "x")) and plural_phrase(source) == source)
    return _plural_en(source) == source and not source.isupper()


_WORD_BEFORE = re.compile(r"([\w.,]+)\s+$")
_PLURAL_BEFORE = {
    "en": frozenset(
        "two three four five six seven eight nine ten eleven twelve twenty dozen dozens hundred hundreds "
        "thousand thousands million millions billion billions many several few these those both various "
        "numerous multiple other all more most".split()
    ),
    "es": frozenset(
        "los las unos unas estos estas esos esas aquellos aquellas otros otras varios varias muchos muchas "
        "algunos algunas pocos pocas todos todas ambos ambas sus mis tus nuestros nuestras demás diversos "
        "diversas numerosos numerosas dos tres cuatro cinco seis siete ocho nueve diez once doce veinte "
        "treinta cuarenta cincuenta cien cientos mil miles millones".split()
    ),
}


def _first_and_last_tokens(keys: list[str]) -> tuple[list[str], list[str]]:
    """The first and the last token of every key: its first and last word
    where that is all letters and digits (nearly always), else by the
    token pattern."""
    firsts = list(map(_FIRST, map(str.partition, keys, repeat(" "))))
    lasts = list(map(_LAST, map(str.rpartition, keys, repeat(" "))))
    for words in (firsts, lasts):
        for i in _not_alphanumeric(words):
            found = _TOKEN.findall(words[i])
            words[i] = (found[0] if words is firsts else found[-1]) if found else ""
    return firsts, lasts


def _not_alphanumeric(words: list[str], run: int = 64) -> list[int]:
    """The indices of the words that are not all letters and digits, found
    by testing runs of words joined (nearly all runs are clean)."""
    found: list[int] = []
    if "".join(words).isalnum():
        return found
    for start in range(0, len(words), run):
        if not "".join(words[start : start + run]).isalnum():
            found += compress(range(start, start + run), map(not_, map(str.isalnum, words[start : start + run])))
    return found


_FIRST, _LAST = itemgetter(0), itemgetter(2)
_CONSONANT_Y = tuple(c + "y" for c in "bcdfghjklmnpqrstvwxz")
_IRREGULAR_ENDINGS_EN = (*_CONSONANT_Y, "sis", "xis", "man", *_IRREGULAR_EN)  # (what needs a key of its own)
_SINGULAR_EN = {plural: singular for singular, plural in _IRREGULAR_EN.items()}


def _singulars(tokens: set[str], language: str) -> set[str]:
    """What each plural-looking token could be the plural of (a superset:
    "officers" -> "officer", "office"; "agencies" -> "agency"; "luces" ->
    "luz"; "naciones" -> "nación")."""
    out: set[str] = set()
    for token in tokens:
        if language == "en":
            if token in _SINGULAR_EN:
                out.add(_SINGULAR_EN[token])
            elif token.endswith("men"):
                out.add(token[:-2] + "an")  # "chairmen"
            if token.endswith(("ses", "xes")):
                out.add(token[:-2] + "is")  # "analyses"
        if not token.endswith("s"):
            continue
        out.add(token[:-1])
        if token.endswith("es"):
            stem = token[:-2]
            out.add(stem)
            if language == "en" and token.endswith("ies"):
                out.add(stem[:-1] + "y")
            elif language != "en":
                if token.endswith("ces"):
                    out.add(stem[:-1] + "z")
                if len(stem) > 1 and stem[-2] in "aeiou":
                    out.add(stem[:-2] + stem[-2].translate(ACCENT_ADD) + stem[-1])
                unaccented = stem.translate(ACCENT_DROP)
                if unaccented != stem:  # "órdenes" -> "orden", "jóvenes" -> "joven"
                    out.add(unaccented)
                    # the accent moved back a syllable: "regímenes" -> "régimen"
                    vowels = [i for i, ch in enumerate(unaccented) if ch in "aeiou"]
                    for i in vowels[-3:-1]:
                        out.add(unaccented[:i] + unaccented[i].translate(ACCENT_ADD) + unaccented[i + 1 :])
    return out


def _plural_suffix(text: str, start: int, end: int) -> int:
    """Length of a plural ending ("s", "es"; in capitals after capitals:
    "CONTROLLERS") right after a match that is a whole word once the ending
    is counted; 0 if there is none."""
    before = text[start - 1] if start > 0 else " "
    if before.isalnum() or before == "_":
        return 0
    for ending in ("S", "ES") if text[start:end].isupper() and text[end : end + 1] == "S" else ("s", "es"):
        if text.startswith(ending, end) and _whole_word(text, start, end + len(ending)):
            return len(ending)
    return 0


def _pluralizes(form: str, ending: str) -> bool:
    """Whether ``form`` takes the plural ``ending``: an acronym only a
    small "s" ("ICUs", "NGOs")."""
    return ending == "s" or any(ch.islower() for ch in form)


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _leftmost_longest(text: str, candidates: list[tuple[int, int, bool, Variant]]) -> list[Match]:
    """At each start the longest match wins; a term as written wins over
    another term's plural of the same length ("visas" over "visa" + s)."""
    if not candidates:
        return []
    candidates.sort(key=lambda c: (c[0], c[0] - c[1], c[2]))
    matches: list[Match] = []
    taken_until = -1
    for start, end, _, variant in candidates:
        if start < taken_until:
            continue
        covered = start + variant.span if variant.span < len(variant.form) else end
        matches.append(Match(start, covered, text[start:covered], variant.entry, variant.plural))
        taken_until = end
    return matches
