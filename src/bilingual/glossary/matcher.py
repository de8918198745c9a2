"""Finding glossary terms in text with one Aho-Corasick automaton.

Keys are NFC-normalised and case-folded forms plus their variants (plurals,
English possessives); matches are kept when they are whole words, obey the
term's case rule, and do not overlap a longer match (leftmost-longest).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import ahocorasick

from bilingual.glossary.model import Entry
from bilingual.glossary.spanish import plural_phrase


@dataclass(frozen=True)
class Variant:
    entry: Entry
    form: str  # the variant as it must appear (NFC)
    span: int  # how much of the variant the term covers (a possessive 's stays outside)
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
    plurals = {_plural_en(base)} if language == "en" else {plural_phrase(base), base + "s"}
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
    def __init__(self, entries: list[Entry], language: str):
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        keyed: dict[str, list[Variant]] = {}
        for entry in entries:
            for variant in _variants(entry, language):
                keyed.setdefault(fold_key(variant.form), []).append(variant)
        self.keys: list[tuple[int, tuple[Variant, ...]]] = []
        for key, variants in keyed.items():
            self.automaton.add_word(key, len(self.keys))
            self.keys.append((len(key), tuple(variants)))
        self.empty = not keyed
        if not self.empty:
            self.automaton.make_automaton()

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
            if not _whole_word(text, start, end):
                continue
            variant = _accepted(variants, text[start:end])
            if variant is not None:
                candidates.append((start, end, variant))
        return _leftmost_longest(text, candidates)


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _accepted(variants: tuple[Variant, ...], found: str) -> Variant | None:
    found = unicodedata.normalize("NFC", found)
    for variant in variants:
        if not variant.entry.case_sensitive or found == variant.form:
            return variant
    return None


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
