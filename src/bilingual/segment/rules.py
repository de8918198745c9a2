"""Sentence rules per language, loaded from ``rules/<lang>.json``.

The files hold the data (titles, abbreviations, words that start
sentences); this module only indexes it for fast lookup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class SentenceRules:
    language: str
    version: str
    titles: frozenset[str]
    """Words that precede a name and never end a sentence (``Dr.``, ``Sra.``)."""
    abbreviations: frozenset[str]
    """Lower-cased abbreviations that end a sentence only before a sentence starter."""
    final_abbreviations: frozenset[str]
    """Abbreviations often last in a sentence (``a.m.``, ``Inc.``, ``EE. UU.``):
    they end one before any capitalised word but a continuation."""
    continuations: frozenset[str]
    """Capitalised words that continue after a final abbreviation (``ET``)."""
    speech_verbs: frozenset[str]
    """``"Is it over?" Walsh asked.`` is one sentence."""
    speech_objects: frozenset[str]
    """Listeners after a speech verb: ``"Why?" she asked reporters.``"""
    before_number: frozenset[str]
    """Abbreviations that are never final when a number follows (``No. 5``)."""
    starters: frozenset[str]
    """Capitalised words that typically begin a sentence."""
    longest_abbreviation: int


@cache
def load_rules(language: str) -> SentenceRules:
    """Rules for ``language``; unknown languages use the English rules."""
    name = language if language in ("en", "es") else "en"
    data = json.loads(resources.files("bilingual.segment").joinpath(f"rules/{name}.json").read_text("utf-8"))
    abbreviations = frozenset(a.lower() for a in data["abbreviations"])
    final = frozenset(a.lower() for a in data["final_abbreviations"])
    return SentenceRules(
        language=data["language"],
        version=data["version"],
        titles=frozenset(data["titles"]),
        abbreviations=abbreviations,
        final_abbreviations=final,
        continuations=frozenset(data["continuations"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        speech_objects=frozenset(data.get("speech_objects", ())),
        before_number=frozenset(a.lower() for a in data["before_number"]),
        starters=frozenset(data["sentence_starters"]),
        longest_abbreviation=max(a.count(" ") for a in abbreviations | final) + 1,
    )
