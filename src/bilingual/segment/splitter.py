"""Sentence boundaries in plain text.

A boundary candidate is sentence-final punctuation (``. ? ! …``), any closing
quotes or brackets after it, then whitespace, then something that can start
a sentence (a capital or a digit, possibly after ``¿ ¡ « “ (`` or a dash; a
handle or hashtag, ``@NHC_Atlantic``; a name such as ``iPhone`` or ``eBay``). A
period after a title (``Dr.``), an initial (``F.``) or an abbreviation
(``a.m.``, ``EE. UU.``) ends a sentence only when a typical sentence starter
follows.
"""

from __future__ import annotations

import re

from bilingual.segment.rules import SentenceRules

_CANDIDATE = re.compile(r"[.?!…]+[\"'”’»)\]]*(?=\s)")
_OPENERS = "\"'“‘«¿¡([{—–-"
_CLOSERS = "\"'”’»)]"
_DOTTED = re.compile(r"^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}$")
_INITIAL = re.compile(r"^[A-ZÁÉÍÓÚÑ]$")
_LIST_MARKER = re.compile(r"^(?:\d{1,3}|[a-z])$")
_HANDLE_OR_NAME = re.compile(r"@\w|#[^\W\d_]|[^\W\d_][^\W\d_]?[A-Z]")  # @user, #tag (not #5), iPhone, eBay


def sentence_spans(text: str, rules: SentenceRules) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences in ``text``; whitespace between
    sentences and around the text is outside every span."""
    spans = []
    start = _skip_space(text, 0)
    for m in _CANDIDATE.finditer(text):
        end = m.end()
        if end <= start:
            continue
        nxt = _skip_space(text, end)
        if nxt >= len(text):
            break
        if _is_boundary(text, start, m.start(), end, nxt, rules):
            spans.append((start, end))
            start = nxt
    stop = len(text.rstrip())
    if stop > start:
        spans.append((start, stop))
    return spans


def _skip_space(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return pos


def _is_boundary(text: str, start: int, punct: int, end: int, nxt: int, rules: SentenceRules) -> bool:
    first = _first_letter(text, nxt)
    if first is None:
        return False
    if not (first.isupper() or first.isdigit()) and not _HANDLE_OR_NAME.match(text, _after_openers(text, nxt)):
        return False
    marks = text[punct:end]
    if marks[-1] in _CLOSERS and marks[0] in "?!" and _reporting_clause(text, nxt, rules):
        return False  # "Is it over?" Walsh asked.
    marks = marks.rstrip(_CLOSERS)
    if marks != ".":
        return True  # ? ! … ... and their combinations
    if punct > start and text[punct - 1] in _CLOSERS:
        return True  # «…». and (…).
    return _period_ends_sentence(text, start, punct, nxt, rules)


def _reporting_clause(text: str, nxt: int, rules: SentenceRules) -> bool:
    """After a closing quote, a pronoun or a name of up to three words
    ("Mayor Linda Parks") and a speech verb that ends the clause or takes
    its listener ("asked reporters")."""
    words = text[nxt : nxt + 100].split()[:5]
    for i, word in enumerate(words[1:4], 1):
        if word.rstrip(",.;:") in rules.speech_verbs:
            if word[-1] in ",.;:" or i == len(words) - 1:
                return True
            return words[i + 1].rstrip(",.;:") in rules.speech_objects
        if i == 2 and not (words[1][:1].isupper() and word[:1].isupper()):
            return False  # a verb fourth only after a name: "Mayor Linda Parks asked"
    return False


def _after_openers(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos] in _OPENERS:
        pos += 1
    return pos


def _first_letter(text: str, pos: int) -> str | None:
    pos = _after_openers(text, pos)
    return text[pos] if pos < len(text) and not text[pos].isspace() else None


def _period_ends_sentence(text: str, start: int, punct: int, nxt: int, rules: SentenceRules) -> bool:
    before = text[max(start, punct - 40) : punct]
    tokens = before.split()
    if not tokens:
        return True
    word = tokens[-1].lstrip(_OPENERS)
    if len(tokens) == 1 and _LIST_MARKER.match(word):
        return False  # "1. Check your tires.": the number of a list item, not a sentence
    if "-" in word:  # "D-St." reads as "St."
        tail = word.rsplit("-", 1)[1]
        if tail in rules.titles or tail.lower() in rules.abbreviations:
            word = tokens[-1] = tail
    next_word = _next_word(text, nxt)
    if word in rules.titles:
        return False
    lower = word.lower()
    if next_word[:1].isdigit() and lower in rules.before_number:
        return False
    kind = _abbreviation_kind(tokens, rules)
    if kind == "final":
        return next_word not in rules.continuations
    if kind == "prefix" or _DOTTED.match(word) or _INITIAL.match(word):
        return next_word in rules.starters
    return True


def _abbreviation_kind(tokens: list[str], rules: SentenceRules) -> str | None:
    """``final``, ``prefix`` or None, for the longest abbreviation that ends
    the tokens."""
    for size in range(min(rules.longest_abbreviation, len(tokens)), 0, -1):
        candidate = " ".join(tokens[-size:]).lstrip(_OPENERS).lower()
        if candidate in rules.final_abbreviations:
            return "final"
        if candidate in rules.abbreviations:
            return "prefix"
    return None


def _next_word(text: str, pos: int) -> str:
    n = len(text)
    pos = end = _after_openers(text, pos)
    while end < n and (text[end].isalnum() or text[end] in "'’"):
        end += 1
    return text[pos:end]
