"""Finding glossary terms in text with one Aho-Corasick automaton.

Keys are NFC-normalised and case-folded forms plus their variants (plurals,
English possessives); matches are kept when they are whole words, obey the
term's case rule, and do not overlap a longer match (leftmost-longest).
"""

from __future__ import annotations

import unicodedata
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
    base = unicodedata.normalize("NFC", entry.source)
    variants = [Variant(entry, base, len(base), False)]
    if not any(ch.islower() for ch in base):
        return variants  # acronyms take no plural
    # Possessives ("Border Patrol's") need no variant: the apostrophe ends the word.
    # English "officer" + "s"/"es" is found at match time: only irregular spellings need a key
    regular = {base + "s", base + "es"}
    plurals = {_plural_en(base)} - regular if language == "en" else {plural_phrase(base), base + "s"}
    variants += [Variant(entry, p, len(p), True) for p in plurals if p != base]
    return variants


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
    """The automaton over every variant of every entry. Variants are kept as
    plain tuples (entry index, form, span, plural) and entries are made on
    demand: a compiled matcher loads from the cache quickly."""

    def __init__(self, entries: list[Entry], language: str):
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self.rows = [tuple(e) for e in entries]
        keyed: dict[str, list[tuple[int, str, int, bool]]] = {}
        for index, entry in enumerate(entries):
            for variant in _variants(entry, language):
                keyed.setdefault(fold_key(variant.form), []).append((index, variant.form, variant.span, variant.plural))
        self.keys: list[tuple[int, tuple[tuple[int, str, int, bool], ...]]] = []
        for key, variants in keyed.items():
            self.automaton.add_word(key, len(self.keys))
            self.keys.append((len(key), tuple(variants)))
        self.empty = not keyed
        if not self.empty:
            self.automaton.make_automaton()
        self._entries: dict[int, Entry] = {}

    def entry(self, index: int) -> Entry:
        found = self._entries.get(index)
        if found is None:
            found = self._entries[index] = Entry._make(self.rows[index])
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
        for end_index, number in self.automaton.iter(folded):
            length, variants = self.keys[number]
            start_f, end_f = end_index - length + 1, end_index + 1
            start, end = where[start_f], where[end_f]
            suffix = 0
            if not _whole_word(text, start, end):
                suffix = _plural_suffix(text, start, end)
                if not suffix:
                    continue
            found = unicodedata.normalize("NFC", text[start:end])
            for index, form, span, plural in variants:
                if not self.rows[index][4] or found == form:  # [4]: case_sensitive
                    if suffix and not _pluralizes(form):
                        break
                    entry = self.entry(index)
                    candidates.append(
                        (start, end + suffix, Variant(entry, form, span + suffix, plural or bool(suffix)))
                    )
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
