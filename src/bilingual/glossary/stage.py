"""The glossary stages of the pipeline.

``apply_glossary`` (before translation) attaches a :class:`TermHit` to each
term occurrence with the form the target must contain: the source itself
for ``keep``, the fixed translation for ``translate``, and for
``expand-first`` the spelled-out form plus the acronym at the first mention
in the article (unless the source spells it out beside it), the acronym
after that. ``finish_glossary`` (after translation) makes a Spanish article
in front of a restored term agree with the term's gender and number, and
records a ``glossary-term-missing`` issue for every occurrence whose form the
target lacks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial

from bilingual.content import plain_text
from bilingual.extract.view import VISIBLE_ROLES
from bilingual.glossary import DirectedGlossary, Glossary
from bilingual.glossary.english import agree_indefinite
from bilingual.glossary.matcher import Match, TermMatcher, _plural_en
from bilingual.glossary.model import nfc, plain
from bilingual.glossary.spanish import agree_article, plural_phrase
from bilingual.model import Content, Document, Inline, Issue, Segment, TermHit, Text, TextUnit


def apply_glossary(document: Document, glossary: Glossary) -> Document:
    directed = glossary.directed(document.source_lang, document.target_lang)
    units = list(document.units)
    order = sorted(range(len(units)), key=lambda i: (units[i].role not in VISIBLE_ROLES, i))
    texts = [plain_text(p.source) for i in order for p in units[i].parts if isinstance(p, Segment)]
    matcher = directed.matcher(texts)
    state = _Mentions(iter(texts))
    for i in order:
        role = units[i].role
        units[i] = _apply_unit(
            units[i], directed, matcher, state, visible=role in VISIBLE_ROLES, expands=role not in _HEADLINES
        )
    provenance = replace(document.provenance, glossary=glossary.describe())
    return replace(document, units=tuple(units), provenance=provenance)


class _Mentions:
    """The plain source text of each segment (``texts``, in the order they
    are seen), the acronyms already given their first mention, and what the
    paragraph being read has said so far."""

    def __init__(self, texts: Iterator[str]) -> None:
        self.texts = texts
        self.expanded: set[str] = set()
        self.paragraph = ""  # the earlier sentences of the unit being read


_HEADLINES = frozenset({"title", "heading"})
"""Roles whose mentions keep the short form: an expansion belongs to the
first mention in the text, as style books have it, not to a headline."""


def _apply_unit(
    unit: TextUnit, directed: DirectedGlossary, matcher: TermMatcher, state: _Mentions, visible: bool, expands: bool
) -> TextUnit:
    if not unit.segments:
        return unit
    parts = []
    state.paragraph = ""
    for part in unit.parts:
        if isinstance(part, Segment):
            text = next(state.texts)
            hits = tuple(_hit(m, text, directed, state, may_expand=visible and expands) for m in matcher.find(text))
            state.paragraph += text + " "
            if hits or part.terms:
                part = replace(part, terms=hits)
        parts.append(part)
    if all(new is old for new, old in zip(parts, unit.parts, strict=True)):
        return unit
    return replace(unit, parts=tuple(parts))


def _hit(match: Match, text: str, directed: DirectedGlossary, state: _Mentions, may_expand: bool) -> TermHit:
    entry = match.entry
    inflect = match.plural and entry.number != "pl"  # (a list's plural form, "Estados Unidos", is left as it is)
    if entry.action == "keep":
        target = match.text
    elif entry.action == "expand-first":
        short = plural_form(entry.target, directed.target) if inflect else entry.target
        target = short
        if may_expand and entry.id not in state.expanded:
            state.expanded.add(entry.id)
            if not directed.expansion_seen(entry, text[: match.start], text[match.end :], state.paragraph):
                full = plural_form(entry.expansion_target, directed.target) if inflect else entry.expansion_target
                target = f"{full} ({short})"
    else:
        target = plural_form(entry.target, directed.target) if inflect else entry.target
    if entry.action != "keep" and match.text.isupper() and not entry.source.isupper():
        target = target.upper()  # found in capitals, as a headline writes it: "BIRD FLU" -> "GRIPE AVIAR"
    number = "pl" if match.plural else entry.number
    return TermHit(
        entry.id,
        match.text,
        match.start,
        match.end,
        target,
        entry.action,
        entry.note,
        entry.gender,
        number,
        entry.case_sensitive,
    )


def plural_form(form: str, language: str) -> str:
    return plural_phrase(form) if language == "es" else _plural_en(form)


# --- after translation ------------------------------------------------------------


def finish_glossary(document: Document, glossary: Glossary) -> Document:
    directed = glossary.directed(document.source_lang, document.target_lang)
    forbidden = directed.forbidden
    units = []
    for unit in document.units:
        parts = tuple(
            _finish_segment(p, document.target_lang, forbidden) if isinstance(p, Segment) else p for p in unit.parts
        )
        changed = any(new is not old for new, old in zip(parts, unit.parts, strict=True))
        units.append(replace(unit, parts=parts) if changed else unit)
    return replace(document, units=tuple(units))


def _finish_segment(segment: Segment, target_lang: str, forbidden: dict[str, tuple[str, ...]]) -> Segment:
    if segment.target is None or not segment.terms:
        return segment
    target = segment.target
    if target_lang == "es":
        target = _contract(_agree(target, segment.terms), segment.terms)
    elif target_lang == "en":
        target = _agree_english(target, segment.terms)
    target = _capitalize_start(target, segment)
    issues = verify_terms(segment.id, segment.terms, target, forbidden)
    if target == segment.target and not issues:
        return segment
    return replace(segment, target=target, issues=(*segment.issues, *issues))


def _agree(target: Content, terms: tuple[TermHit, ...]) -> Content:
    """Articles in front of gendered terms agree with them (each form once:
    every occurrence of it is fixed at once)."""
    wanted = dict.fromkeys((t.target, t.gender, t.number) for t in terms if t.gender)
    forms = Counter(form for form, _, _ in wanted)
    for form, gender, number in wanted:
        if forms[form] > 1:
            continue  # one form for singular and plural ("un análisis", "dos análisis"): no telling which is which
        target = _fix_before(target, form, partial(agree_article, gender=gender, number=number))
    return target


def _contract(target: Content, terms: tuple[TermHit, ...]) -> Content:
    """ "de el" and "a el" in front of a term whose form opens with the
    article become "del" and "al", as Spanish writes them ("del Departamento
    de Estado"); a capital "El" is part of a name and stays ("de El Salvador")."""
    for form in {t.target for t in terms if t.target.startswith("el ")}:
        pattern = re.compile(rf"(?<!\w)([Dd]e|[Aa]) e(l {re.escape(form[3:])})")
        target = _edit_runs(target, form, partial(pattern.sub, r"\1\2"))  # "de" + "l Departamento…"
    return target


def _agree_english(target: Content, terms: tuple[TermHit, ...]) -> Content:
    """ "a" or "an" in front of a term suits the term ("an asylum seeker")."""
    for form in {term.target for term in terms}:
        target = _fix_before(target, form, partial(agree_indefinite, form=form))
    return target


def _fix_before(target: Content, form: str, fix: Callable[[str], str]) -> Content:
    """``target`` with ``fix`` applied to the text before each occurrence
    of ``form`` (within a text run)."""

    def fixed(text: str) -> str:
        pieces = text.split(form)
        return form.join([*map(fix, pieces[:-1]), pieces[-1]])

    return _edit_runs(target, form, fixed)


def _edit_runs(target: Content, form: str, edit: Callable[[str], str]) -> Content:
    """``target`` with ``edit`` applied to each text run holding ``form``."""
    items: list[Inline] | None = None  # a copy, once something changes
    for i, item in enumerate(target):
        if type(item) is Text and form in item.text:
            edited = edit(item.text)
            if edited != item.text:
                items = items or list(target)
                items[i] = Text(edited)
    return target if items is None else tuple(items)


def _capitalize_start(target: Content, segment: Segment) -> Content:
    """The translation of a sentence that opens with a term, or that opens
    with a capital and whose translation opens with a term's form (the
    engine moved it there), starts with a capital; a term whose case is
    part of it ("eBay") keeps its case. (A term matched only as written,
    "IPC", may still translate to words any sentence opens with a capital:
    "Consumer price index".)"""
    source = plain_text(segment.source)
    opens_with_term = any(t.start == len(source) - len(source.lstrip()) for t in segment.terms)
    for i, item in enumerate(target):
        if isinstance(item, Text) and item.text.strip():
            text = item.text
            lead = len(text) - len(text.lstrip())
            if not text[lead : lead + 1].islower():
                return target
            in_front = [t for t in segment.terms if text.startswith(t.target, lead)]
            if any(_case_is_its_own(t.target) for t in in_front):
                return target
            if opens_with_term or (in_front and source.lstrip()[:1].isupper()):
                items = list(target)
                items[i] = Text(text[:lead] + text[lead].upper() + text[lead + 1 :])
                return tuple(items)
            return target
    return target


def _case_is_its_own(form: str) -> bool:
    """A form whose first word has a capital after a small letter ("eBay",
    "iPhone") must not open a sentence with a capital ("presidente de la
    Corte Suprema" may)."""
    first = form.split(" ", 1)[0]
    return first[:1].islower() and any(map(str.isupper, first[1:]))


def _capitalized(form: str) -> str | None:
    """The form as it opens a sentence, when that differs from it."""
    if not form[:1].islower() or _case_is_its_own(form):
        return None
    return form[0].upper() + form[1:]


def verify_terms(
    segment_id: str, terms: tuple[TermHit, ...], target: Content, forbidden: dict[str, tuple[str, ...]] | None = None
) -> list[Issue]:
    """Each term occurrence needs its required form in the target (spaces,
    apostrophes and hyphens in any of their forms: "O’Hare" is "O'Hare")."""
    text = plain(nfc(plain_text(target)))
    folded = text.casefold()
    needed = Counter((t.target, t.case_sensitive) for t in terms)
    issues = []
    for (form, case_sensitive), count in needed.items():
        form_nfc = plain(nfc(form))
        found = text.count(form_nfc) if case_sensitive else folded.count(form_nfc.casefold())
        opening = _capitalized(form_nfc) if case_sensitive else None
        if opening:  # the form opening a sentence or a quotation
            found += text.count(opening)
        if form_nfc.startswith("el "):  # "al Departamento…" ("del" holds "el Departamento…" already)
            found += text.count("al" + form_nfc[2:]) if case_sensitive else folded.count("al" + form_nfc[2:].casefold())
        if found < count:
            source = next(t.source for t in terms if t.target == form)
            issues.append(
                Issue(
                    "glossary-term-missing",
                    "error",
                    f"'{source}' must be translated as '{form}' ({count - found} of {count} missing)",
                    segment_id,
                )
            )
    if forbidden:
        issues += _forbidden_used(segment_id, terms, folded, forbidden)
    return issues


def _forbidden_used(
    segment_id: str, terms: tuple[TermHit, ...], folded: str, forbidden: dict[str, tuple[str, ...]]
) -> list[Issue]:
    """A forbidden form written as a word of its own, not as part of a
    required form ("Habana" in "La Habana")."""
    required = [
        (m.start(), m.end())
        for form in {plain(nfc(t.target)).casefold() for t in terms}
        for m in _word(form).finditer(folded)
    ]

    def used(bad: str) -> bool:
        return any(
            not any(start <= m.start() and m.end() <= end for start, end in required)
            for m in _word(plain(nfc(bad)).casefold()).finditer(folded)
        )

    issues = []
    for term in terms:
        for bad in forbidden.get(term.term_id, ()):
            if used(bad):
                issues.append(
                    Issue(
                        "glossary-forbidden-term",
                        "warning",
                        f"'{bad}' is a forbidden form for '{term.source}'",
                        segment_id,
                    )
                )
    return issues


def _word(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
