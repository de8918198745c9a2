"""English dates, written the Spanish way before the engine sees them.

Apertium reads an English month as a word: "March 11, 2025" came out as
"Marcha 11, 2025", "in March" as "en March", "on March 11" as "encima
Marcha 11", and "Updated March 11, 2025" as "Marcha actualizada 11, 2025".
A date found here travels as a placeholder whose replacement is the date in
Spanish, from CLDR's patterns and month names (Babel): "11 de marzo de
2025", "11 de marzo", "marzo de 2025", "marzo"; "on" before a day becomes
the article Spanish puts there ("el 11 de marzo"). The day may come first,
as in British English ("19 February 2024").

Months are read as the Associated Press writes them ("Jan.", "Sept.") and
in full; a month alone is read only where it cannot be a verb or a name:
after "in", "since", "until", "by", "from", "through", "last", "next" or
"this" (or the same word opening the sentence), and after "early", "late"
or "mid-", which Spanish says before it: "in early December" becomes "a
principios de diciembre", "mid-September" "mediados de septiembre".
"""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_skeleton, get_month_names

_FULL = {name: number for number, name in get_month_names("wide", locale="en").items()}
_SHORT = {
    "Jan.": 1,
    "Feb.": 2,
    "Mar.": 3,
    "Apr.": 4,
    "Aug.": 8,
    "Sep.": 9,
    "Sept.": 9,
    "Oct.": 10,
    "Nov.": 11,
    "Dec.": 12,
}
_MONTHS = {**_FULL, **_SHORT}
_MONTH = "|".join(re.escape(name) for name in sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:1[89]|20)\d\d(?!\w)"
DATE = re.compile(
    rf"(?:\b(?P<on>[Oo]n) )?(?<![\w.])(?P<month>{_MONTH})(?!\w)"
    rf"(?: (?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\w)(?:,? (?P<year>{_YEAR}))?|,? (?P<year_only>{_YEAR}))"
)
DAY_FIRST = re.compile(  # as British and Irish English write it: "19 February 2024"
    rf"(?:\b(?P<on>[Oo]n) )?(?<![\w.,])(?P<day>[1-9]|[12]\d|3[01]) (?P<month>{_MONTH})(?!\w)(?: (?P<year>{_YEAR}))?"
)
PART_OF_MONTH = re.compile(  # "in early December": "a principios de diciembre"
    rf"\b(?P<in>[Ii]n )?(?P<part>[Ee]arly|[Ll]ate|[Mm]id)[ -](?P<month>{'|'.join(_FULL)})(?![\w-])"
    rf"(?: (?P<year>{_YEAR}))?"
)
_BEFORE_MONTH = ("in", "since", "until", "by", "from", "through", "last", "next", "this")
MONTH_ALONE = re.compile(
    "(?:" + "|".join(rf"(?<=\b{w} )" for word in _BEFORE_MONTH for w in (word, word.capitalize())) + ")"
    rf"(?P<month>{'|'.join(_FULL)})(?![\w-])"
)
_PARTS = {"early": "principios", "late": "finales", "mid": "mediados"}
_SPANISH_MONTHS = get_month_names("wide", locale="es")


def spanish_date(match: re.Match[str]) -> str | None:
    """The date ``match`` (of one of this module's patterns) in Spanish;
    ``None`` for a day the month does not have."""
    month = _MONTHS[match.group("month")]
    found = match.groupdict()
    day, year = found.get("day"), found.get("year") or found.get("year_only")
    if day is None:
        text = format_skeleton("yMMMM", date(int(year), month, 1), locale="es") if year else _SPANISH_MONTHS[month]
        if found.get("part"):
            text = f"{_PARTS[found['part'].lower()]} de {text}"
            if found.get("in"):
                text = ("A " if found["in"][0] == "I" else "a ") + text
            elif found["part"][0].isupper():
                text = text[0].upper() + text[1:]
    else:
        try:
            when = date(int(year or 2000), month, int(day))  # (2000: a leap year, for February 29)
        except ValueError:
            return None
        text = format_skeleton("yMMMMd" if year else "MMMMd", when, locale="es")
        if found.get("on"):
            text = ("El " if found["on"] == "On" else "el ") + text
    return text
