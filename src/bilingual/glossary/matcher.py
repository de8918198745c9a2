"""Finding glossary terms in text with one Aho-Corasick automaton.

Keys are NFC-normalised and case-folded forms plus their variants (plurals,
English possessives); matches are kept when they are whole words, obey the
term's case rule, and do not overlap a longer match (leftmost-longest).
"""

from __future__ import annotations

import pickle
import unicodedata
from array import array
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from bilingual.glossary.model import Entry
from bilingual.glossary.spanish import plural_phrase


class Variant(NamedTuple):
    entry: Entry
    form: str  # the variant as it must appear (NFC)
    span: int  # how much of the variant the term covers
    plural: bool


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    entry: Entry
    plural: bool


def fold_key(text: str) -> str:
    """NFC + case folding (no offsets)."""
    return unicodedata.normalize("NFC", text).casefold()


def fold(text: str) -> tuple[str, list[int] | range]:
    """NFC + case folding, with the original offset of every folded char."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        folded = text.casefold()
        if len(folded) == len(text):  # the common case: one char for one char
            return folded, range(len(text) + 1)
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
    return "".join(out), where


def _variants(entry: Entry, language: str) -> list[Variant]:
    forms = _variant_forms(entry.source, language)
    return [Variant(entry, form, len(form), number > 0) for number, form in enumerate(forms)]


def _variant_forms(source: str, language: str) -> list[str]:
    """The term as written (NFC), then its plurals."""
    base = source if source.isascii() else unicodedata.normalize("NFC", source)
    if base.isupper() or not any(map(str.islower, base)):
        return [base]  # acronyms take no plural
    # Possessives ("Border Patrol's") need no variant: the apostrophe ends the word.
    # English "officer" + "s"/"es" is found at match time: only irregular spellings need a key
    if language == "en":
        plural = _plural_en(base)
        return [base] if plural in (base, base + "s", base + "es") else [base, plural]
    return [base, *sorted({plural_phrase(base), base + "s"} - {base})]


def _plural_en(form: str) -> str:
    head, _, last = form.rpartition(" ")
    if last.endswith(("s", "x", "z", "ch", "sh")):
        plural = last + "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


class TermMatcher:
    """The automaton over every variant of every entry.

    A compiled matcher is cached and loaded on every run, so its state is
    laid out to load in a few milliseconds whatever the glossary's size:
    each automaton key points into flat integer arrays of (entry, variant
    number) pairs, and each entry is stored pickled on its own in one byte
    string, unpickled only when the text mentions it."""

    def __init__(self, entries: list[Entry], language: str):
        self.language = language
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        keyed: dict[str, list[tuple[int, int]]] = {}
        for index, entry in enumerate(entries):
            for number, form in enumerate(_variant_forms(entry.source, language)):
                keyed.setdefault(fold_key(form), []).append((index, number))
        self.key_length = array("l")
        self.first = array("l", [0])  # key k's pairs are pairs[first[k]:first[k + 1]]
        self.pair_entry = array("l")
        self.pair_variant = array("l")
        for key, pairs in keyed.items():
            self.automaton.add_word(key, len(self.key_length))
            self.key_length.append(len(key))
            for index, number in pairs:
                self.pair_entry.append(index)
                self.pair_variant.append(number)
            self.first.append(len(self.pair_entry))
        self.empty = not keyed
        if not self.empty:
            self.automaton.make_automaton()
        pickled = [pickle.dumps(tuple(e), protocol=pickle.HIGHEST_PROTOCOL) for e in entries]
        self.entry_blob = b"".join(pickled)
        self.entry_offset = array("q", [0])
        for piece in pickled:
            self.entry_offset.append(self.entry_offset[-1] + len(piece))
        self.forbidden = {e.id: e.forbidden for e in entries if e.forbidden}
        self._entries: dict[int, tuple[Entry, list[Variant]]] = {}

    def __len__(self) -> int:
        return len(self.entry_offset) - 1

    def entry(self, index: int) -> Entry:
        return self._entry(index)[0]

    def _entry(self, index: int) -> tuple[Entry, list[Variant]]:
        found = self._entries.get(index)
        if found is None:
            row = pickle.loads(self.entry_blob[self.entry_offset[index] : self.entry_offset[index + 1]])
            entry = Entry._make(row)
            found = self._entries[index] = (entry, _variants(entry, self.language))
        return found

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "_entries"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._entries = {}

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest whole-word matches in ``text``."""
        if self.empty or not text:
            return []
        folded, where = fold(text)
        candidates = []
        for end_index, key in self.automaton.iter(folded):
            start_f, end_f = end_index - self.key_length[key] + 1, end_index + 1
            start, end = where[start_f], where[end_f]
            suffix = 0
            if not _whole_word(text, start, end):
                suffix = _plural_suffix(text, start, end)
                if not suffix:
                    continue
            found = unicodedata.normalize("NFC", text[start:end])
            for pair in range(self.first[key], self.first[key + 1]):
                entry, variants = self._entry(self.pair_entry[pair])
                variant = variants[self.pair_variant[pair]]
                if not entry.case_sensitive or found == variant.form:
                    if suffix and not _pluralizes(variant.form):
                        break
                    if suffix:
                        variant = variant._replace(span=variant.span + suffix, plural=True)
                    candidates.append((start, end + suffix, variant))
                    break
        return _leftmost_longest(text, candidates)


def _plural_suffix(text: str, start: int, end: int) -> int:
    """Length of a plural ending ("s", "es") right after a match that is a
    whole word once the ending is counted; 0 if there is none."""
    before = text[start - 1] if start > 0 else " "
    if before.isalnum() or before == "_":
        return 0
    for ending in ("s", "es"):
        if text.startswith(ending, end) and _whole_word(text, start, end + len(ending)):
            return len(ending)
    return 0


def _pluralizes(form: str) -> bool:
    """Acronyms take no plural ending."""
    return any(ch.islower() for ch in form)


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _leftmost_longest(text: str, candidates: list[tuple[int, int, Variant]]) -> list[Match]:
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    matches: list[Match] = []
    taken_until = -1
    for start, end, variant in candidates:
        if start < taken_until:
            continue
        covered = start + variant.span if variant.span < len(variant.form) else end
        matches.append(Match(start, covered, text[start:covered], variant.entry, variant.plural))
        taken_until = end
    return matches
