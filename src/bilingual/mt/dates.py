"""Dates and times of day, written the target language's way before the
engine sees them.

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

From Spanish, Apertium wrote "el 11 de marzo de 2025" the British way ("on
11 March 2025"), "el pasado 5 de febrero" as "the past 5 February", "el
lunes" as "the Monday" and "marzo de 2024" as "March of 2024". A Spanish
date here becomes "March 11, 2025", "March 2024", "in early March",
"Monday" or "last Monday". Its article, where English says "on", comes
with it: "El 11 de marzo llegó" gives "On March 11 …", "la reunión fue el
lunes" "… was on Monday"; after a preposition ("desde el 11 de marzo",
"antes del lunes") the date alone takes the article's place, and "del" is
first read as "de el", so that the engine translates the preposition.

Weekdays, ranges ("March 5-7", "del 5 al 10 de marzo") and lists of days
or months are dates too, and times of day are written as each language's
press writes them ("a las 6:04 a. m.", "at 9 p.m."): see each pattern.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from babel.dates import format_skeleton, get_day_names, get_month_names

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
_DAY = r"[1-9]|[12]\d|3[01]"
DATE = re.compile(
    rf"(?:\b(?P<on>[Oo]n) )?(?<![\w.])(?P<month>{_MONTH})(?!\w)"
    rf"(?: (?P<day>{_DAY})(?:st|nd|rd|th)?(?!\w)(?:,? (?P<year>{_YEAR}))?| (?P<year_only>{_YEAR}))"
)
DATE_RANGE = re.compile(  # "March 5-7", "from March 30 to April 2": "del 5 al 7 de marzo"
    rf"(?:\b(?P<between>[Ff]rom|[Bb]etween|[Oo]n) )?(?<![\w.])(?P<first_month>{_MONTH}) (?P<first>{_DAY})"
    rf"(?:st|nd|rd|th)?(?P<to>-|–| to | through | and )(?:(?P<month>{_MONTH}) )?(?P<day>{_DAY})(?:st|nd|rd|th)?"
    rf"(?![\w-])(?:,? (?P<year>{_YEAR}))?"
)
DAY_FIRST = re.compile(  # as British and Irish English write it: "19 February 2024"
    rf"(?:\b(?P<on>[Oo]n) )?(?<![\w.,])(?P<day>[1-9]|[12]\d|3[01]) (?P<month>{_MONTH})(?!\w)(?: (?P<year>{_YEAR}))?"
)
PART_OF_MONTH = re.compile(  # "in early December": "a principios de diciembre"
    rf"\b(?P<in>[Ii]n )?(?P<part>[Ee]arly|[Ll]ate|[Mm]id)[ -](?P<month>{'|'.join(_FULL)})(?![\w-])"
    rf"(?: (?P<year>{_YEAR}))?"
)
_BEFORE_MONTH = ("in", "since", "until", "by", "from", "through", "last", "next", "this")
_AFTER_WORD_BEFORE_MONTH = (
    "(?:" + "|".join(rf"(?<=\b{w} )" for word in _BEFORE_MONTH for w in (word, word.capitalize())) + ")"
)
_FULL_MONTH = "|".join(_FULL)
MONTH_LIST = re.compile(  # "in October, December and March"
    rf"{_AFTER_WORD_BEFORE_MONTH}(?P<list>(?:{_FULL_MONTH})(?:, (?:{_FULL_MONTH}))*,? (?:and|or) (?:{_FULL_MONTH}))"
    r"(?![\w-])"
)
MONTH_ALONE = re.compile(rf"{_AFTER_WORD_BEFORE_MONTH}(?P<month>{_FULL_MONTH})(?![\w-])")
_EN_DAYS = {name: number for number, name in get_day_names("wide", locale="en").items()}
ENGLISH_WEEKDAY = re.compile(  # "said Tuesday", "on Monday night": "el martes", "el lunes por la noche"
    rf"(?:\b(?P<on>[Oo]n) )?(?:\b(?P<which>[Nn]ext|[Ll]ast|[Tt]his) )?(?<![\w.])(?P<weekday>{'|'.join(_EN_DAYS)})"
    r"(?: (?P<part>morning|afternoon|evening|night))?(?![\w'’-]| [A-Z]| \w+['’]s\b)"  # (not "Friday Harbor")
)
_WHICH = {"next": "el próximo {}", "last": "el {} pasado", "this": "este {}"}
_SPANISH_DAYS = get_day_names("wide", locale="es")
_PARTS_OF_DAY = {
    "morning": "por la mañana",
    "afternoon": "por la tarde",
    "evening": "por la tarde",
    "night": "por la noche",
}
_PARTS = {"early": "principios", "late": "finales", "mid": "mediados"}
_SPANISH_MONTHS = get_month_names("wide", locale="es")


def spanish_date(match: re.Match[str]) -> str | None:
    """The date ``match`` (of ``DATE``, ``DAY_FIRST``, ``PART_OF_MONTH`` or
    ``MONTH_ALONE``) in Spanish; ``None`` for a day the month does not have."""
    found = match.groupdict()
    month = _MONTHS[match.group("month")]
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
        elif _takes_article(match):
            text = "el " + text
        elif _opens_text(match) and _CLAUSE_GOES_ON.match(match.string, match.end()):
            text = "El " + text  # "March 5 was a turning point": "El 5 de marzo fue…"
    return text


# After a date that opens a sentence, a word in small letters (a verb, or a
# clause after a comma) makes the date the sentence's subject or its time,
# which Spanish gives the article; a date alone or with its time (a date
# line: "Nov. 1, 2023 at 2:32 p.m.") takes none.
_CLAUSE_GOES_ON = re.compile(r",? (?!(?:at|in|on|to|from|through|until|by|and|or)\b)[a-z]")


# A day without "on" (as the Associated Press writes: "will be held Nov. 5",
# "born Dec. 25, 1990") takes Spanish's article ("el 5 de noviembre") after
# a word in lower case, but not after a determiner or a word Spanish says
# no article after; after a preposition it takes it too ("desde el 5 de
# marzo", "antes del 5 de marzo": the codec contracts "de el" and "a el").
_ARTICLE_AFTER = frozenset("since until till through by for from before after of to during around".split())
_NO_ARTICLE_AFTER = frozenset(
    "in at and or but nor than as per between "
    "the a an this that these those its his her their our my your every each last next".split()
)


def _spanish_weekday(match: re.Match[str]) -> str | None:
    """A weekday of ``ENGLISH_WEEKDAY``, as AP writes it with no "on" ("said
    Tuesday"), in Spanish; ``None`` for one in a name ("Good Friday")."""
    found = match.groupdict()
    before = _LAST_WORD.search(match.string, 0, match.start())
    opening = found["on"][0] == "O" if found.get("on") else _opens_text(match)
    if before and before.group(1)[0].isupper() and not opening and not (found["on"] or found["which"]):
        return None  # a name: "Good Friday", "Super Tuesday"
    text: str = _SPANISH_DAYS[_EN_DAYS[found["weekday"]]]
    if found.get("which"):
        text = _WHICH[found["which"].lower()].format(text)
    elif found.get("on") or opening or _takes_article(match):
        text = "el " + text
    if found.get("part"):
        text += " " + _PARTS_OF_DAY[found["part"]]
    return text[0].upper() + text[1:] if opening else text


def _spanish_month_list(match: re.Match[str]) -> str:
    """The months of ``MONTH_LIST`` in Spanish."""
    listed = match.group("list")
    months: list[str] = [_SPANISH_MONTHS[_FULL[word]] for word in re.findall(r"\w+", listed) if word in _FULL]
    return ", ".join(months[:-1]) + (" o " if " or " in listed else " y ") + months[-1]


def _takes_article(match: re.Match[str]) -> bool:
    before = _LAST_WORD.search(match.string, 0, match.start())
    if before is None or match.string[before.end(1) : match.start()] != " ":
        return False
    word = before.group(1)
    return word.lower() in _ARTICLE_AFTER or (word.islower() and word not in _NO_ARTICLE_AFTER)


def _spanish_range(match: re.Match[str]) -> str | None:
    """ "March 5-7": "del 5 al 7 de marzo"; "between March 5 and 7": "entre
    el 5 y el 7 de marzo" ("on Dec. 12 and 13": "el 12 y el 13 de
    diciembre"); "March 30 to April 2": "del 30 de marzo al 2 de abril"."""
    found = match.groupdict()
    first_month = _MONTHS[found["first_month"]]
    month = _MONTHS[found["month"]] if found.get("month") else first_month
    year = int(found["year"] or 2000)
    try:
        start, end = date(year, first_month, int(found["first"])), date(year, month, int(found["day"]))
    except ValueError:
        return None
    if end <= start:
        return None
    skeleton = "yMMMMd" if found.get("year") else "MMMMd"
    last = format_skeleton(skeleton, end, locale="es")
    first = str(start.day) if month == first_month else format_skeleton("MMMMd", start, locale="es")
    before = (found.get("between") or "").lower()
    if found["to"] != " and ":
        text = f"del {first} al {last}"
    elif before == "from":  # "from March 5 and …": no range
        return None
    else:
        text = f"entre el {first} y el {last}" if before == "between" else f"el {first} y el {last}"
    opening = _opens_text(match)
    return text[0].upper() + text[1:] if opening or match.group()[0] in "FB" else text


ENGLISH_DATES = (  # each pattern with what writes its dates in Spanish, in the order they are looked for
    (PART_OF_MONTH, spanish_date),
    (DATE_RANGE, _spanish_range),
    (DAY_FIRST, spanish_date),
    (DATE, spanish_date),
    (MONTH_LIST, _spanish_month_list),
    (MONTH_ALONE, spanish_date),
    (ENGLISH_WEEKDAY, _spanish_weekday),
)


_ES_MONTHS = {name: number for number, name in get_month_names("wide", locale="es").items()}
_ES_MONTHS["setiembre"] = 9  # as Peru and Uruguay write it
# Spanish writes months and weekdays in lower case: with a capital they are
# names ("la avenida 9 de Julio", "el Viernes Santo"), except a weekday
# opening a dateline ("Lunes, 3 de junio").
_ES_MONTH = "|".join(_ES_MONTHS)
_ES_DAYS = {name: number for number, name in get_day_names("wide", locale="es").items()}
_ES_DAYS.update({"miercoles": 2, "sabado": 5})  # written without their accent
_ES_DAY = "|".join(_ES_DAYS)
# A date with its month in capitals names a street, a square or a movement
# ("avenida 9 de Julio", "Movimiento 26 de Julio"): English writes such a
# name as Spanish does ("9 de Julio Avenue"); Apertium gave "9 of Julio".
# After an article ("el 9 de Julio") it is a date, capitalised as some write it.
NAMED_FOR_A_DATE = r"(?<![\w.])(?<![Ee]l )(?<![Dd]el )(?<![Aa]l )(?:[1-9]|[12]\d|3[01]) de (?:{})(?!\w)".format(
    "|".join(month.capitalize() for month in _ES_MONTHS)
)
_ES_DAY_ANY_CASE = "|".join(f"{name}|{name.capitalize()}" for name in _ES_DAYS)
_ENGLISH_DAYS = get_day_names("wide", locale="en")
_DAY_NUMBER = r"(?P<day>[1-9]|[12]\d|3[01])(?:\.?[º°]|ro)?"
_ES_YEAR = rf"(?:,? del? (?P<year>{_YEAR}))?"
_WHEN = r"(?:(?P<when>pasado|próximo) )?"
_DAY_OF_MONTH = rf"(?:(?P<weekday>{_ES_DAY}),? )?(?:día )?{_DAY_NUMBER} de (?P<month>{_ES_MONTH})"
_WEEKDAY_ALONE = rf"(?:{_ES_DAY})(?!\w)(?! \d)"  # (not "el lunes 3 de junio")
SPANISH_DATE = re.compile(
    rf"(?<![\w.])(?:(?P<article>[Ee]l) |(?P<dateline>{_ES_DAY_ANY_CASE}),? )?{_WHEN}{_DAY_OF_MONTH}{_ES_YEAR}(?!\w)"
)
SPANISH_RANGE = re.compile(  # "del 5 al 10 de marzo": "from March 5 to 10"; "del 3 de octubre al 2 de noviembre"
    rf"(?<![\w.])(?P<between>[Dd]el|[Ee]ntre el) (?P<first>[1-9]|[12]\d|3[01])(?: de (?P<first_month>{_ES_MONTH}))?"
    rf" (?:al|y el) {_DAY_NUMBER} de (?P<month>{_ES_MONTH}){_ES_YEAR}(?!\w)"
)
SPANISH_DAYS = re.compile(  # "los días 5, 6 y 7 de marzo": "on March 5, 6 and 7"
    rf"(?<![\w.])(?:(?P<article>[Ll]os días|[Ee]l) )?(?P<days>(?:(?:[1-9]|[12]\d|3[01]), )*(?:[1-9]|[12]\d|3[01]))"
    rf" y (?:el )?{_DAY_NUMBER} de (?P<month>{_ES_MONTH}){_ES_YEAR}(?!\w)"
)
SPANISH_MONTH_YEAR = re.compile(rf"(?<![\w.])(?P<month>{_ES_MONTH}) del? (?P<year>{_YEAR})")
SPANISH_PART = re.compile(  # "a principios de marzo": "in early March"
    r"(?<![\w.])(?:(?P<in>[Aa]) )?(?P<part>principios|comienzos|inicios|mediados|finales|fines) del? "
    rf"(?:(?P<month>{_ES_MONTH}){_ES_YEAR}|(?P<year_only>{_YEAR}))(?!\w)"
)
SPANISH_WEEKDAY = re.compile(  # "el lunes", "el pasado lunes", "el lunes que viene", "el lunes por la noche"
    rf"(?<![\w.])(?P<article>[Ee]l) {_WHEN}(?P<weekday>{_WEEKDAY_ALONE})(?: (?P<after>pasado|próximo|que viene))?"
    r"(?: por la (?P<daypart>mañana|tarde|noche))?(?!\w)"
)
SPANISH_WEEKDAYS = re.compile(  # "los lunes": "on Mondays"
    r"(?<![\w.])(?P<article>[Ll]os) (?P<weekdays>lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bados|domingos)(?!\w)"
)
_DAYPARTS_EN = {"mañana": "morning", "tarde": "afternoon", "noche": "night"}

# "del" before a date is "de el": the date takes the article, the engine the
# preposition ("antes del 5 de marzo": "before March 5").
SPANISH_DEL = re.compile(
    rf"(?<![\w.])([Dd])el (?={_WHEN}(?:{_DAY_OF_MONTH}(?!\w)|{_WEEKDAY_ALONE}))"
    rf"(?!\d+ de (?:{_ES_MONTH}) al )"  # (not a range: "del 3 de octubre al 2 de noviembre")
)
# After one of these a date stands for its article alone: "desde el lunes",
# "since Monday"; elsewhere the article is English's "on".
_PREPOSITIONS = frozenset(
    "a ante bajo con contra de desde durante en entre hacia hasta para por según sin sobre tras y o".split()
)
_PARTS_EN = {
    "principios": "early",
    "comienzos": "early",
    "inicios": "early",
    "mediados": "mid-",
    "finales": "late",
    "fines": "late",
}
_LAST_WORD = re.compile(r"(\w+)\W*$")


def word_before(text: str, end: int | None = None) -> str:
    """The last word of ``text`` (up to ``end``), in lower case; "" if none."""
    found = _LAST_WORD.search(text, 0, len(text) if end is None else end)
    return found.group(1).lower() if found else ""


def english_date(match: re.Match[str]) -> str | None:
    """The Spanish date ``match`` (of ``SPANISH_DATE``) in English; ``None``
    for a day the month does not have."""
    found = match.groupdict()
    day = _spanish_day(found)
    if day is None:
        return None
    text = day[1]
    if found.get("weekday") or found.get("dateline"):
        text = f"{_ENGLISH_DAYS[_ES_DAYS[(found['weekday'] or found['dateline']).lower()]]}, {text}"
    return _on(match, text)


def _spanish_day(found: dict[str, Any]) -> tuple[date, str] | None:
    """The day a Spanish date names (year 2000 when it names none: a leap
    year, for February 29) and how English writes it; ``None`` for a day
    the month does not have."""
    try:
        when = date(int(found.get("year") or 2000), _ES_MONTHS[found["month"].lower()], int(found["day"]))
    except ValueError:
        return None
    return when, format_skeleton("yMMMMd" if found.get("year") else "MMMMd", when, locale="en")


def _english_range(match: re.Match[str]) -> str | None:
    """``SPANISH_RANGE``: "from March 5 to 10, 2025", "from October 3 to
    November 2", "between March 5 and 7"."""
    found = match.groupdict()
    day = _spanish_day(found)
    if day is None:
        return None
    when, text = day
    try:
        start = date(when.year, _ES_MONTHS[found["first_month"] or found["month"]], int(found["first"]))
    except ValueError:
        return None
    if start >= when:
        return None
    first = format_skeleton("MMMMd", start, locale="en")
    between = found["between"].lower() != "del"
    last = text if start.month != when.month else text.split(" ", 1)[1]
    return _opening(match, f"{'between' if between else 'from'} {first} {'and' if between else 'to'} {last}")


def _english_days(match: re.Match[str]) -> str | None:
    """``SPANISH_DAYS``: "on March 5, 6 and 7"."""
    found = match.groupdict()
    day = _spanish_day(found)
    if day is None:
        return None
    when, text = day
    days = [int(d) for d in found["days"].split(", ")]
    if days != sorted(set(days)) or days[-1] >= when.day:
        return None
    head, _, tail = text.partition(" ")  # "March", "7, 2025"
    return _on(match, f"{head} {', '.join(map(str, days))} and {tail}")


def _english_part(match: re.Match[str]) -> str:
    """``SPANISH_PART``: "in early March", "mid-2024"."""
    found = match.groupdict()
    month = _ES_MONTHS[found["month"].lower()] if found.get("month") else None
    text = _month_year(month, found.get("year") or found.get("year_only"))
    part = _PARTS_EN[found["part"]]
    text = f"{part}{text}" if part.endswith("-") else f"{part} {text}"
    return f"{'In' if found['in'] == 'A' else 'in'} {text}" if found.get("in") else text


def _english_month_year(match: re.Match[str]) -> str:
    """``SPANISH_MONTH_YEAR``: "March 2024"."""
    return _month_year(_ES_MONTHS[match.group("month").lower()], match.group("year"))


def _english_weekday(match: re.Match[str]) -> str:
    """``SPANISH_WEEKDAY``: "on Monday", "last Tuesday", "on Monday morning"."""
    found = match.groupdict()
    text: str = _ENGLISH_DAYS[_ES_DAYS[found["weekday"].lower()]]
    if found.get("daypart"):
        text += " " + _DAYPARTS_EN[found["daypart"]]
    when = found.get("when") or found.get("after")
    if when:
        return _opening(match, f"{'last' if when == 'pasado' else 'next'} {text}")
    return _on(match, text)


def _english_weekdays(match: re.Match[str]) -> str:
    """``SPANISH_WEEKDAYS``: "los lunes", "on Mondays"."""
    day = match.group("weekdays").lower()
    day = day if day in _ES_DAYS else day.removesuffix("s")  # (only sábados and domingos take an s)
    return _on(match, _ENGLISH_DAYS[_ES_DAYS[day]] + "s")


SPANISH_DATES = (  # each pattern with what writes its dates in English, in the order they are looked for
    (SPANISH_RANGE, _english_range),
    (SPANISH_DAYS, _english_days),
    (SPANISH_DATE, english_date),
    (SPANISH_PART, _english_part),
    (SPANISH_MONTH_YEAR, _english_month_year),
    (SPANISH_WEEKDAY, _english_weekday),
    (SPANISH_WEEKDAYS, _english_weekdays),
)


def _month_year(month: int | None, year: str | None) -> str:
    if month is None:
        return year or ""
    return (
        format_skeleton("yMMMM", date(int(year), month, 1), locale="en")
        if year
        else get_month_names("wide", locale="en")[month]
    )


def _on(match: re.Match[str], text: str) -> str:
    """``text`` with the English "on" its Spanish article stands for, if the
    match has one and no preposition comes before it."""
    if not match.group("article"):
        return text
    if word_before(match.string, match.start()) in _PREPOSITIONS:
        return text
    return _opening(match, f"on {text}")


def _opens_text(match: re.Match[str]) -> bool:
    """Whether nothing but opening marks comes before the match in its text
    (a text that goes on after a placeholder, " on Tuesday", starts with a
    space: that is no opening)."""
    return not match.string[: match.start()].strip("\"“‘'([¿¡")


def _opening(match: re.Match[str], text: str) -> str:
    """``text`` capitalised where the match opens with a capital."""
    return text[0].upper() + text[1:] if match.group()[0].isupper() else text


# A date before a noun ("the Nov. 5 election", "a March 2024 report") is
# written after it in Spanish ("la elección del 5 de noviembre"): the noun
# goes first and the date follows "of". Only a single word in lower case
# that a preposition, a conjunction, an auxiliary verb or a punctuation
# mark ends is taken for the noun: in "the March 5 deadline passed" or "the
# Nov. 5 general election" the noun's extent cannot be told without a
# tagger, and the date stays where it is.
_NOT_NOUN = (
    "of to in on at for with by from about against over after before during near under than "
    "and or but nor so yet that which who whom whose where when while as if because "
    "is are was were be been being has have had do does did will would shall should can could may might must "
    "not also alone only itself"
)
_NOUN_END = "|".join(_NOT_NOUN.split()[:-4])  # (the words that may follow the noun)
_DATE_BEFORE_NOUN = re.compile(
    rf"\b(?P<determiner>[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Tt]his) "
    rf"(?P<date>(?:{_MONTH}) (?:(?:{_DAY})(?:st|nd|rd|th)?(?:, {_YEAR}(?P<comma>,)?)?|{_YEAR})) "
    rf"(?!(?:{'|'.join(_NOT_NOUN.split())})\b)(?P<noun>[a-z]{{3,}})(?=$|[.,;:!?)\"”’]| (?:{_NOUN_END})\b)"
)


def date_after_noun(text: str) -> str:
    """``text`` with each date before a noun moved after it: "the Nov. 5
    election" becomes "the election of Nov. 5"."""
    if not any(name in text for name in ("the ", "The ", "a ", "A ", "an ", "its ", "their ", "his ", "her ")):
        return text
    return _DATE_BEFORE_NOUN.sub(_noun_first, text)


def _noun_first(match: re.Match[str]) -> str:
    date_text = match.group("date")[: -1 if match.group("comma") else None]
    return f"{match.group('determiner')} {match.group('noun')} of {date_text}"


def split_del(text: str) -> str:
    """``text`` with each "del" before a date written "de el"."""
    return SPANISH_DEL.sub(r"\1e el ", text) if "el " in text else text


# A time of day from English, written as Spanish writes it (the RAE's "a. m."
# and "p. m."): "at 6:04 a.m." becomes "a las 6:04 a. m.". Apertium read "AM"
# as the verb ("9:48 SOY") and moved "a.m." away from its number ("en 6:04
# tiempo a.m. local").
ENGLISH_TIME = re.compile(
    r"(?:\b(?P<at>[Aa]t) )?(?<![\w:.,])(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))? ?"
    r"(?P<half>[AaPp])(?:\. ?[Mm]\.|[Mm](?!\w))"
)


def spanish_time(match: re.Match[str]) -> str:
    """The English time ``match`` (of ``ENGLISH_TIME``) in Spanish."""
    hour, minute = int(match.group("hour")), match.group("minute")
    text = f"{hour}:{minute}" if minute else str(hour)
    text += " a. m." if match.group("half") in "Aa" else " p. m."
    at = match.group("at")
    if at:
        text = f"{'a la' if hour == 1 else 'a las'} {text}"
        return text[0].upper() + text[1:] if at[0] == "A" else text
    return text


# A time of day from Spanish, written as English news writes it: Spanish
# gives the hour on a 24-hour clock ("a las 21.00 horas", "22:30 h") or
# with the part of the day ("a las 8 de la tarde"); Apertium gave "to the
# 21.00 hours". "a las 21.00 horas" becomes "at 9 p.m.", "a mediodía" "at
# noon". An hour with neither minutes, "horas" nor a part of the day after
# "a las" is taken as written ("at 5").
SPANISH_TIME = re.compile(
    r"(?<![\w.])(?:(?P<at>[Aa]l?) )?(?:(?:la |el )?(?P<noon>mediodía|medianoche)|(?:las?) (?P<hour>[01]?\d|2[0-3])"
    r"(?:[:.](?P<minute>[0-5]\d))?(?: ?(?P<unit>horas|hrs?|hs|h)\b\.?| de la (?P<part>mañana|madrugada|tarde|noche)"
    r"| ?(?P<half>[ap])\. ?m\.)?)(?![\w:]|\.\d)"
)
_AFTERNOON = ("tarde", "noche")


def english_time(match: re.Match[str]) -> str | None:
    """The Spanish time ``match`` (of ``SPANISH_TIME``) in English;
    ``None`` for what is not clearly a time ("las 3")."""
    found = match.groupdict()
    at = found.get("at")
    if found.get("noon"):
        text = "noon" if found["noon"] == "mediodía" else "midnight"
    else:
        hour, minute, part = int(found["hour"]), found.get("minute"), found.get("part")
        if not (minute or found.get("unit") or part):
            if not at:
                return None  # "las 3": not clearly a time
            text = str(hour)
        elif part or found.get("half"):
            if hour > 12:
                return None
            afternoon = part in _AFTERNOON or found.get("half") == "p"
            text = f"{hour}{':' + minute if minute and minute != '00' else ''} {'p.m.' if afternoon else 'a.m.'}"
        elif hour in (0, 12) and minute in (None, "00"):
            text = "midnight" if hour == 0 else "noon"
        else:
            twelve = hour % 12 or 12
            text = f"{twelve}{':' + minute if minute and minute != '00' else ''} {'p.m.' if hour >= 12 else 'a.m.'}"
    if at:
        text = f"{'At' if at[0] == 'A' else 'at'} {text}"
    return text


# "on <a>March 5</a>", "el <strong>lunes</strong>": the article or "on" of a
# date that opens a tag is read with the date (inside the tag), or the
# engine translates it alone ("en <a>5 de marzo</a>", "the <a>March 5</a>").
_ARTICLE_BEFORE_TAG = {"en": re.compile(r"(?<!\S)([Oo]n) $"), "es": re.compile(r"(?<!\S)([Ee]l) $")}
_DATE_OPENING = {
    "en": re.compile(rf"(?:{_MONTH}) (?:{_DAY})(?!\w)|(?:{'|'.join(_EN_DAYS)})(?![\w'’])"),
    "es": re.compile(rf"(?:(?:{_DAY}) de (?:{_ES_MONTH})|(?:{_ES_DAY}))(?!\w)"),
}


def article_before_tag(before: str, after: str, language: str) -> tuple[str, str] | None:
    """``before`` and ``after`` (the texts around a tag that opens) with the
    article of the date opening ``after`` moved to it; ``None`` if there is
    none."""
    article = _ARTICLE_BEFORE_TAG[language].search(before)
    if article is None or not _DATE_OPENING[language].match(after):
        return None
    return before[: article.start()], f"{article.group(1)} {after}"
