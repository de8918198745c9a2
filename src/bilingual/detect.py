"""Which of our two languages a text is in, from its function words.

English and Spanish share an alphabet but hardly any frequent words, so
counting a few dozen of each language's commonest words is a reliable
signal for article-length text.
"""

from __future__ import annotations

import re
from collections import Counter

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

# The commonest words of languages a newsroom's pages may also be in, none of
# them frequent in English or Spanish text, and the words of our Spanish list
# each one shares (a Catalan text is full of "de", "la", "que"): a page in one
# of these is not translated as if it were Spanish.
_OTHERS = {
    "French": (
        "le les des et est une du dans qui pour pas sur au avec il ce sont ont mais aux été cette",
        "de la que en se un le son entre",
    ),
    "Portuguese": (
        "em não com uma os ao são pelo pela mais também seu sua dos das",
        "de que o para se como entre sobre por esta este desde",
    ),
    "Italian": (
        "il di che è della per non sono gli nel alla anche dei delle questo",
        "la un una con le lo o se ha al del",
    ),
    "German": ("der die und das ist nicht mit sich auf für ein eine dem den von zu auch", "es"),
    "Catalan": (
        "els amb són aquesta aquest però també perquè molt dels pels seva és fins quan sense",
        "de la que el en del se un una al o ha entre sobre es",
    ),
}
_OTHER_WORDS = {
    name: (frozenset(own.split()), _ES - frozenset(shared.split())) for name, (own, shared) in _OTHERS.items()
}
_EVIDENCE = 5  # words of another language needed to say a text is in it


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


def unsupported_language(text: str) -> str:
    """The name of the language ``text`` is in when that is neither English
    nor Spanish but one whose commonest words it has at least twice as many
    of ("French"; a Spanish article quoting a French sentence is Spanish),
    else ``""``."""
    words = Counter(_WORDS.findall(text.lower()))

    def among(common: frozenset[str]) -> int:
        return sum(words[w] for w in common)

    english = among(_EN)
    for name, (common, spanish) in _OTHER_WORDS.items():
        count = among(common)
        if count >= _EVIDENCE and count > 2 * max(english, among(spanish)):
            return name
    return ""


def other_language(language: str) -> str:
    return "es" if language == "en" else "en"
