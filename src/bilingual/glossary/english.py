"""The English indefinite article in front of a restored term: "a" or "an"
by the sound the term starts with (the engine chose it for a placeholder)."""

from __future__ import annotations

import re

_ARTICLE_BEFORE = re.compile(r"\b(an?|An?|AN?)(\s+)$")
# letters whose names start with a vowel sound, for acronyms read letter by letter: "an FBI agent"
_VOWEL_NAMED_LETTERS = frozenset("AEFHILMNORSX")
_YOU_SOUND = ("uni", "use", "usu", "uti", "ukr", "eu", "ewe", "u.s", "u.n", "u.k")
_ONE_SOUND = ("one", "once")
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")


def article_for(form: str) -> str:
    """ "a" or "an" before ``form``."""
    word = form.split(None, 1)[0] if form.strip() else form
    letters = re.sub(r"[^\w.]", "", word)
    if len(letters) > 1 and letters.replace(".", "").isupper():
        return "an" if letters[0] in _VOWEL_NAMED_LETTERS else "a"
    lower = letters.lower()
    if lower.startswith(_YOU_SOUND + _ONE_SOUND):
        return "a"
    if lower.startswith(_SILENT_H):
        return "an"
    return "an" if lower[:1] in ("a", "e", "i", "o", "u") else "a"


def agree_indefinite(before: str, form: str) -> str:
    """``before`` (text preceding a term) with a final "a"/"an" made to suit
    the term."""
    found = _ARTICLE_BEFORE.search(before[-8:])
    if not found or (len(before) > 8 and found.start() == 0 and (before[-9].isalnum() or before[-9] == "_")):
        return before
    word, space = found.group(1), found.group(2)
    wanted = article_for(form)
    if word.lower() == wanted:
        return before
    if word.isupper() and len(word) > 1:
        wanted = wanted.upper()
    elif word[0].isupper():
        wanted = wanted.capitalize()
    return before[: len(before) - len(word) - len(space)] + wanted + space
