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
  either, and is rewritten unless the article writes numbers the English way
  elsewhere ("3.5", "1,200"), as some Spanish-language media do.

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
_PERCENT = re.compile(r"(\d)[ \u00a0\u202f]%")
_SWAP = str.maketrans(".,", ",.")


def writes_english_numbers(sources: Iterable[str]) -> bool:
    """Whether an article writes numbers the English way somewhere: then
    a number that could be either way is taken as written."""
    return any(_ENGLISH_ONLY.search(text) for text in sources)


def english_numbers(content: Content, source: str, english_style: bool) -> Content:
    """``content`` (a translation of ``source``) with the numbers of the
    source it kept unchanged written the English way."""
    rewrite = {}
    for number in set(_NUMBER.findall(source)):
        if _SPANISH_ONLY.fullmatch(number) or (_EITHER.fullmatch(number) and not english_style):
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
