"""Numbers written the Spanish way, for an English reader.

Spanish writes "1.540" and "3,5 %" where English writes "1,540" and "3.5%",
and no engine here rewrites them: "1.540 hectómetros cúbicos" came out as
"1.540 cubic hectometres", which an English reader takes for one and a
half. From Spanish to English, each number of a segment's source that the
translation kept as it was is written the English way:

- always when its form can only be Spanish: two or more groups of three
  ("1.200.000"), groups and decimals ("1.540,5"), one or two decimals after
  a comma ("3,5");
- a number with one group ("20.000") or three decimals ("1,540") could be
  either. A point there is taken for Spanish thousands, and rewritten,
  unless the article writes numbers the English way elsewhere ("3.5",
  "1,200,000"), as Mexican and US Spanish-language media do; a comma is
  taken for English thousands, and kept, unless the article writes numbers
  the Spanish way elsewhere ("3,5", "2.000") and its decimals are not
  "000". A time of day ("a las 10.30", "22.00 horas") says neither.

A percent sign follows its number with no space, as English writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bilingual.model import Content, Text

_END = r"(?![\d]|[.,]\d)"
_NUMBER = re.compile(rf"(?<![\d.,])\d+(?:[.,]\d+)*{_END}")
_SPANISH_ONLY = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:\.\d{3})+,\d+|\d+,\d{1,2}")
_EITHER = re.compile(r"\d{1,3}\.\d{3}|\d+,\d{3}")
_ENGLISH_ONLY = re.compile(rf"(?<![\d.,])(?:\d{{1,3}}(?:,\d{{3}}){{2,}}|\d+\.\d{{1,2}}){_END}")
_SPANISH_STYLE = re.compile(rf"(?<![\d.,])(?:{_SPANISH_ONLY.pattern}|\d{{1,3}}\.\d{{3}}){_END}")
_TIME = re.compile(r"\b(?:[Ll]as?|[Hh]asta|[Dd]esde) \d{1,2}\.\d\d\b|\b\d{1,2}\.\d\d ?(?:h|hs|hrs|horas)\b")
_PERCENT = re.compile(r"(\d)[ \u00a0\u202f]%")
_SWAP = str.maketrans(".,", ",.")


def number_style(sources: Iterable[str]) -> str:
    """How an article writes the numbers that can only be written one way:
    "english", "spanish", or "" (neither, or both)."""
    english = spanish = False
    for text in sources:
        text = _TIME.sub(" ", text) if "." in text else text
        english = english or bool(_ENGLISH_ONLY.search(text))
        spanish = spanish or bool(_SPANISH_STYLE.search(text))
    return "" if english == spanish else "english" if english else "spanish"


def english_numbers(content: Content, source: str, style: str = "") -> Content:
    """``content`` (a translation of ``source``) with the numbers of the
    source it kept unchanged written the English way; ``style`` is the
    article's (:func:`number_style`)."""
    rewrite = {}
    for number in set(_NUMBER.findall(source)):
        if _SPANISH_ONLY.fullmatch(number) or (_EITHER.fullmatch(number) and _is_spanish(number, style)):
            rewrite[number] = number.translate(_SWAP)
    if not rewrite and "%" not in source:
        return content
    out = []
    for item in content:
        if type(item) is Text:
            text = _NUMBER.sub(lambda m: rewrite.get(m.group(), m.group()), item.text) if rewrite else item.text
            item = Text(_PERCENT.sub(r"\1%", text)) if text != item.text or "%" in text else item
        out.append(item)
    return tuple(out)


def _is_spanish(number: str, style: str) -> bool:
    """Whether a number with one group or three decimals ("20.000",
    "1,540") is written the Spanish way, in an article of ``style``. Three
    decimals that are all zeros ("20,000") are no decimals anyone writes:
    English thousands, whatever the article."""
    if "." in number:
        return style != "english"
    return style == "spanish" and not number.endswith(",000")
