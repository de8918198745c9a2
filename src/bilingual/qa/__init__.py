"""QA checks: findings as values (:class:`Issue`), never exceptions.

Each check looks at one segment's source and target and returns issues;
``check_document`` runs the catalog over every translated segment.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from bilingual.content import misnested_codes, plain_text
from bilingual.model import Code, Content, Document, Issue, Segment, TextUnit
from bilingual.mt.dates import SPANISH_TIME, english_time

Check = Callable[[Segment, str, str], list[Issue]]

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_NUMBER_NO_SPACE = re.compile(r"\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?")  # a plain space ends a number
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def check_tags(segment: Segment, source_lang: str, target_lang: str) -> list[Issue]:
    """Every inline code of the source appears in the target, and no other,
    and paired codes still nest."""
    if segment.target is None:
        return []

    def keys(content: Content) -> Counter[tuple[str, int]]:
        return Counter((c.kind, c.id) for c in content if isinstance(c, Code))

    src, tgt = keys(segment.source), keys(segment.target)
    issues = []
    if src - tgt:
        issues.append(
            Issue(
                "tags-missing",
                "error",
                f"{sum((src - tgt).values())} inline tag(s) of the source are missing",
                segment.id,
            )
        )
    if tgt - src:
        issues.append(
            Issue("tags-extra", "error", f"{sum((tgt - src).values())} inline tag(s) not in the source", segment.id)
        )
    misnested = misnested_codes(segment.target, segment.source)
    if misnested:
        listed = ", ".join(str(i) for i in misnested)
        issues.append(Issue("tags-order", "error", f"inline tag(s) {listed} closed out of order", segment.id))
    return issues


def check_numbers(segment: Segment, source_lang: str, target_lang: str) -> list[Issue]:
    """Numbers keep their value (separators may change between languages)."""
    if segment.target is None:
        return []
    source, target = _without_times(plain_text(segment.source), plain_text(segment.target), source_lang)
    missing = _numbers(_NUMBER, source) - _numbers(_NUMBER, target)
    if missing and " " in source and not _numbers(_NUMBER_NO_SPACE, source) - _numbers(_NUMBER_NO_SPACE, target):
        missing = Counter()  # a space joined two numbers ("COVID-19 115 degrees"), and each came through
    if missing:
        listed = ", ".join(sorted(missing))
        return [Issue("numbers-mismatch", "warning", f"number(s) not found in the target: {listed}", segment.id)]
    return []


def _without_times(source: str, target: str, source_lang: str) -> tuple[str, str]:
    """Source and target without the Spanish times of day the target has
    the English way: "a las 21.00 horas" is "at 9 p.m." (mt/dates.py), the
    same time with other numbers."""
    if source_lang != "es" or ("las" not in source and "mediod" not in source and "medianoche" not in source):
        return source, target
    for match in SPANISH_TIME.finditer(source):
        english = english_time(match)
        shown = english.split(" ", 1)[1] if english and english[:3].lower() == "at " else english
        if shown and shown in target:
            source = source.replace(match.group(), " ", 1)
            target = target.replace(shown, " ", 1)
    return source, target


def _numbers(pattern: re.Pattern[str], text: str) -> Counter[str]:
    return Counter(_digits(n) for n in pattern.findall(text))


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def check_untranslated(segment: Segment, source_lang: str, target_lang: str) -> list[Issue]:
    if segment.target is None:
        return [Issue("untranslated", "error", "no translation", segment.id)]
    src, tgt = plain_text(segment.source).strip(), plain_text(segment.target).strip()
    if not tgt and src:
        return [Issue("empty-target", "error", "the translation is empty", segment.id)]
    if segment.origin == "mt" and src == tgt and len(_LETTER.findall(src)) > 12 and " " in src:
        return [Issue("untranslated", "warning", "the target is identical to the source", segment.id)]
    return []


def check_spanish_marks(segment: Segment, source_lang: str, target_lang: str) -> list[Issue]:
    """Spanish questions and exclamations open with ¿ and ¡."""
    if target_lang != "es" or segment.target is None:
        return []
    text = plain_text(segment.target)
    issues = []
    if text.count("?") > text.count("¿"):
        issues.append(Issue("spanish-question-mark", "info", "a question lacks its opening ¿", segment.id))
    if text.count("!") > text.count("¡"):
        issues.append(Issue("spanish-exclamation-mark", "info", "an exclamation lacks its opening ¡", segment.id))
    return issues


CATALOG: dict[str, Check] = {
    "tags": check_tags,
    "numbers": check_numbers,
    "untranslated": check_untranslated,
    "spanish-marks": check_spanish_marks,
}


def check_document(document: Document, catalog: dict[str, Check] | None = None) -> Document:
    checks = list((catalog or CATALOG).values())
    units = tuple(_check_unit(u, checks, document) for u in document.units)
    return replace(document, units=units)


def _check_unit(unit: TextUnit, checks: list[Check], document: Document) -> TextUnit:
    if not unit.segments:
        return unit
    parts = tuple(_check_segment(p, checks, document) if isinstance(p, Segment) else p for p in unit.parts)
    return replace(unit, parts=parts)


def _check_segment(segment: Segment, checks: list[Check], document: Document) -> Segment:
    found = [i for check in checks for i in check(segment, document.source_lang, document.target_lang)]
    known = {(i.check, i.message) for i in segment.issues}
    new = tuple(i for i in found if (i.check, i.message) not in known)
    return replace(segment, issues=segment.issues + new) if new else segment
