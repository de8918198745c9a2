"""Which of our two languages a text is in, from its function words.

English and Spanish share an alphabet but hardly any frequent words, so
counting a few dozen of each language's commonest words is a reliable
signal for article-length text.
"""

from __future__ import annotations

import re

_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_EN = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "that",
        "for",
        "it",
        "was",
        "on",
        "with",
        "as",
        "are",
        "be",
        "by",
        "this",
        "at",
        "from",
        "have",
        "has",
        "had",
        "not",
        "but",
        "or",
        "an",
        "they",
        "which",
        "you",
        "were",
        "their",
        "been",
        "would",
        "will",
        "its",
        "who",
        "said",
        "more",
        "also",
        "after",
        "than",
    ]
)
_ES = frozenset(
    [
        "de",
        "la",
        "que",
        "el",
        "en",
        "y",
        "los",
        "las",
        "del",
        "se",
        "por",
        "un",
        "una",
        "con",
        "para",
        "es",
        "al",
        "lo",
        "como",
        "más",
        "pero",
        "sus",
        "le",
        "ya",
        "o",
        "este",
        "fue",
        "ha",
        "sí",
        "porque",
        "esta",
        "son",
        "entre",
        "cuando",
        "muy",
        "sin",
        "sobre",
        "también",
        "hasta",
        "desde",
        "está",
    ]
)
LANGUAGES = ("en", "es")


def detect_language(text: str, fallback: str = "") -> str:
    """``en`` or ``es``; ``fallback`` when the text gives no evidence."""
    en = es = 0
    for word in _WORDS.findall(text.lower()):
        if word in _EN:
            en += 1
        elif word in _ES:
            es += 1
    if en == es:
        return fallback if fallback in LANGUAGES else ("en" if en == 0 else fallback or "en")
    return "en" if en > es else "es"


def other_language(language: str) -> str:
    return "es" if language == "en" else "en"
