"""TBX glossaries (ISO 30042): TBX-Basic v2 (``martif/termEntry/langSet/tig``)
and TBX v3 (``tbx/conceptEntry/langSec/termSec``), with data categories as
``termNote`` elements (DCA style) or as elements of their own (DCT style).

A concept becomes a term: the preferred form of each language (the first
marked ``preferredTerm``, else the first not forbidden); ``keep`` when the
two are the same (or a note says just "do-not-translate"), ``expand-first``
when each language gives an acronym and a full form, ``translate``
otherwise. A language's other admitted forms are synonyms: looked for when
translating from that language, and given the other language's preferred
form. Forms marked deprecated, superseded, not recommended, obsolete or
forbidden in ``administrativeStatus`` (however the value is hyphenated:
tools write "forbidden-Term-admn-sts" too) are forbidden in the target. Termbases hold other
languages too: a concept without both English and Spanish is skipped, with
a warning.
"""

from __future__ import annotations

import re

from lxml import etree

from bilingual.errors import InputDataError
from bilingual.formats.inline import local_name, parse_xml
from bilingual.glossary.model import LANGUAGES, Problem, Term, TermTable, default_case_sensitive, nfc

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN = ("deprecated", "superseded", "notrecommended", "obsolete", "forbidden")
_FLAGS = ("do-not-translate", "case-sensitive")  # notes that are switches, not text
_DCT_NOTES = ("administrativeStatus", "grammaticalGender", "grammaticalNumber", "termType")
_SKIPPED_LISTED = 10  # concepts without both languages named one by one; the rest counted


def read_tbx_glossary(data: bytes, path: str) -> tuple[TermTable, list[Problem]]:
    try:
        root = parse_xml(data, path)
    except InputDataError as exc:
        return TermTable.from_terms([]), [Problem(path, exc.line or 1, "error", exc.message)]
    concepts = _concepts(root)
    if not concepts:
        problem = Problem(path, root.sourceline or 1, "error", "no termEntry/conceptEntry: not a TBX glossary")
        return TermTable.from_terms([]), [problem]
    terms: list[Term] = []
    problems: list[Problem] = []
    skipped: list[tuple[int, list[str]]] = []
    for concept in concepts:
        languages = {language: _groups(groups) for language, groups in concept.languages.items()}
        empty = [lang for lang in LANGUAGES if concept.languages.get(lang) and not languages[lang]]
        if empty:
            problems.append(Problem(path, concept.line, "error", f"empty term in {' and '.join(empty)}"))
        elif all(languages.get(lang) for lang in LANGUAGES):
            terms += _terms(concept, languages, path, problems)
        else:
            skipped.append((concept.line, sorted(lang for lang, groups in languages.items() if groups)))
    return TermTable.from_terms(terms), problems + _skipped(skipped, path, any_used=bool(terms))


def _skipped(skipped: list[tuple[int, list[str]]], path: str, any_used: bool) -> list[Problem]:
    if not skipped:
        return []
    if not any_used:
        found = sorted({lang for _, languages in skipped for lang in languages})
        message = f"no concept has both an en and an es term (languages found: {', '.join(found) or 'none'})"
        return [Problem(path, skipped[0][0], "error", message)]
    problems = [
        Problem(path, line, "warning", f"concept has {_listed(languages)}, not both en and es: skipped")
        for line, languages in skipped[:_SKIPPED_LISTED]
    ]
    if len(skipped) > _SKIPPED_LISTED:
        more = len(skipped) - _SKIPPED_LISTED
        line = skipped[_SKIPPED_LISTED][0]
        problems.append(Problem(path, line, "warning", f"{more} more concepts without both en and es terms: skipped"))
    return problems


def _listed(languages: list[str]) -> str:
    return f"terms in {', '.join(languages)} only" if languages else "no terms"


# lxml's own tag filter, matching local names in any namespace or none: one
# pass over just these elements (a glossary has tens of thousands of others)
_WANTED = tuple(
    "{*}" + name
    for name in (
        "termEntry",
        "conceptEntry",
        "langSet",
        "langSec",
        "tig",
        "ntig",
        "termSec",
        "term",
        "termNote",
        "descrip",
        "note",
        "definition",
        *_DCT_NOTES,
    )
)


class _Group:
    """A term group (tig, ntig, termSec) as read."""

    __slots__ = ("element", "notes", "term")

    def __init__(self, element: etree._Element):
        self.element = element
        self.term = ""
        self.notes: dict[str, str] = {}  # data category (lower case) -> text


class _Concept:
    """A termEntry or conceptEntry as read: its term groups by language and
    every note, descrip and definition text in it."""

    __slots__ = ("element", "languages", "line", "notes")

    def __init__(self, element: etree._Element):
        self.element = element
        self.line = element.sourceline or 0
        self.languages: dict[str, list[_Group]] = {}
        self.notes: list[str] = []


def _concepts(root: etree._Element) -> list[_Concept]:
    """Every concept, read in one pass over the elements that matter."""
    concepts: list[_Concept] = []
    concept: _Concept | None = None
    groups: list[_Group] = []
    group: _Group | None = None
    for element in root.iter(*_WANTED):
        name = local_name(element)
        if name in ("termEntry", "conceptEntry"):
            concept, group, groups = _Concept(element), None, []  # groups outside a language are dropped
            concepts.append(concept)
        elif concept is None or not _within(element, concept.element):
            continue
        elif name in ("langSet", "langSec"):
            language = _language(element.get(XML_LANG) or element.get("lang") or "")
            groups = concept.languages.setdefault(language, [])
            group = None
        elif name in ("tig", "ntig", "termSec"):
            group = _Group(element)
            groups.append(group)
        elif name == "term":
            if group is not None and not group.term and _within(element, group.element):
                group.term = _text(element) or " "  # a blank term still ends the search, as a blank group
        elif name == "termNote" or name in _DCT_NOTES:
            if group is not None and _within(element, group.element):
                category = element.get("type") if name == "termNote" else name
                group.notes[(category or "").lower()] = _text(element)
        elif text := _text(element):  # descrip, note, definition
            concept.notes.append(text)
    return concepts


def _text(element: etree._Element) -> str:
    """All the text in an element, inline markup (``<hi>``) included, with
    its spaces collapsed, in NFC."""
    text = (element.text or "") if len(element) == 0 else "".join(element.itertext())
    return nfc(" ".join(text.split()))


def _within(element: etree._Element, ancestor: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


class _Form:
    """A term group's term and what its data categories say of it."""

    __slots__ = ("forbidden", "gender", "line", "number", "preferred", "term", "type")

    def __init__(self, group: _Group, term: str):
        status = group.notes.get("administrativestatus", "").lower()
        self.term = term
        self.line = group.element.sourceline or 0
        self.type = group.notes.get("termtype", "").lower().replace("-", "").replace(" ", "")
        self.forbidden = status.replace("-", "").replace(" ", "").startswith(_FORBIDDEN)  # "forbidden-Term-admn-sts"
        self.preferred = status.startswith("preferred")
        self.gender = {"masculine": "m", "feminine": "f"}.get(group.notes.get("grammaticalgender", "").lower(), "")
        self.number = {"singular": "sg", "plural": "pl"}.get(group.notes.get("grammaticalnumber", "").lower(), "")


def _groups(groups: list[_Group]) -> list[_Form]:
    return [_Form(group, group.term.strip()) for group in groups if group.term.strip()]


_ACRONYM = ("acronym", "abbreviation", "shortform")


def _language(code: str) -> str:
    """A langSet's language as its two-letter code: "en-US", "ES_mx" (as
    tools write them), "eng", "spa" (ISO 639-2, as some termbases do)."""
    base = re.split(r"[-_]", code)[0].lower()
    return _THREE_LETTERS.get(base, base)


_THREE_LETTERS = {"eng": "en", "spa": "es"}


def _terms(concept: _Concept, languages: dict[str, list[_Form]], path: str, problems: list[Problem]) -> list[Term]:
    """The concept's term, then its synonyms."""
    line = concept.line
    usable = {
        lang: sorted((f for f in languages[lang] if not f.forbidden), key=lambda f: not f.preferred)
        for lang in LANGUAGES
    }
    if not all(usable.values()):
        problems.append(Problem(path, line, "error", "concept has only forbidden terms in one language"))
        return []
    chosen, expansions = {}, {}
    for lang in LANGUAGES:
        acronyms = [f for f in usable[lang] if f.type in _ACRONYM]
        full = [f for f in usable[lang] if f.type == "fullform"]
        chosen[lang] = acronyms[0] if acronyms else usable[lang][0]
        if acronyms and full:
            expansions[lang] = full[0].term
    forms = {lang: chosen[lang].term for lang in LANGUAGES}
    flags = {note.lower() for note in concept.notes if note.lower() in _FLAGS}
    if len(expansions) == 2:
        action = "expand-first"
    elif forms["en"] == forms["es"]:
        action = "keep"
    elif "do-not-translate" in flags:
        message = f"do-not-translate, but the two forms differ: '{forms['en']}' / '{forms['es']}'"
        problems.append(Problem(path, line, "error", message))
        return []
    else:
        action = "translate"
    spanish = [chosen["es"], *usable["es"]]
    term = Term(
        forms=forms,
        action=action,  # type: ignore[arg-type]
        case_sensitive=True if "case-sensitive" in flags else default_case_sensitive(forms["en"]),
        expansions=expansions,
        note=" ".join(note for note in concept.notes if note.lower() not in _FLAGS),
        gender=next((f.gender for f in spanish if f.gender), ""),
        number=next((f.number for f in spanish if f.number), ""),
        forbidden={lang: tuple(f.term for f in languages[lang] if f.forbidden) for lang in LANGUAGES},
        path=path,
        line=line,
    )
    return [term, *_synonyms(term, usable, chosen, "case-sensitive" in flags)]


def _synonyms(term: Term, usable: dict[str, list[_Form]], chosen: dict[str, _Form], case_sensitive: bool) -> list[Term]:
    """A term for each other admitted form of a language (a full form given
    as the expansion is not one), read only from that language."""
    synonyms = []
    for lang, other in zip(LANGUAGES, reversed(LANGUAGES), strict=True):
        seen = {term.forms[lang], term.expansions.get(lang, "") if term.action == "expand-first" else ""}
        for form in usable[lang]:
            if form is chosen[lang] or form.term in seen:
                continue
            seen.add(form.term)
            synonyms.append(
                Term(
                    forms={lang: form.term, other: term.forms[other]},
                    action="keep" if form.term == term.forms[other] else "translate",
                    case_sensitive=case_sensitive or default_case_sensitive(form.term),
                    note=term.note,
                    gender=term.gender,
                    number=term.number,
                    forbidden=term.forbidden,
                    path=term.path,
                    line=form.line,
                    only_from=lang,
                )
            )
    return synonyms
