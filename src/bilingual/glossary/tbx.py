"""TBX glossaries (ISO 30042): TBX-Basic v2 (``martif/termEntry/langSet/tig``)
and TBX v3 Core (``tbx/conceptEntry/langSec/termSec``).

A concept becomes a term: ``keep`` when its English and Spanish forms are the
same (or a note says do-not-translate), ``expand-first`` when a language
gives an acronym and a full form, ``translate`` otherwise. Terms marked
``deprecatedTerm``/``supersededTerm`` in ``administrativeStatus`` are
forbidden in the target.
"""

from __future__ import annotations

from lxml import etree

from bilingual.errors import InputDataError
from bilingual.formats.inline import local_name, parse_xml
from bilingual.glossary.model import LANGUAGES, Problem, Term, TermTable, default_case_sensitive

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN = ("deprecatedterm", "supersededterm")


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
    for concept in concepts:
        term = _term(concept, path, problems)
        if term is not None:
            terms.append(term)
    return TermTable.from_terms(terms), problems


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
    )
)


class _Group:
    """A term group (tig, ntig, termSec) as read."""

    __slots__ = ("element", "notes", "term", "texts")

    def __init__(self, element: etree._Element):
        self.element = element
        self.term = ""
        self.notes: dict[str, str] = {}  # termNote type (lower case) -> text
        self.texts: list[str] = []  # its note and descrip texts


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
            language = (element.get(XML_LANG) or "").split("-")[0].lower()
            groups = concept.languages.setdefault(language, [])
            group = None
        elif name in ("tig", "ntig", "termSec"):
            group = _Group(element)
            groups.append(group)
        elif name == "term":
            if group is not None and not group.term and element.text and _within(element, group.element):
                group.term = element.text.strip() or " "  # a blank term still ends the search, as a blank group
        elif name == "termNote":
            if group is not None and _within(element, group.element):
                group.notes[(element.get("type") or "").lower()] = (element.text or "").strip()
        elif element.text:  # descrip, note, definition
            concept.notes.append(element.text.strip())
            if name != "definition" and group is not None and _within(element, group.element):
                group.texts.append(element.text.strip())
    return concepts


def _within(element: etree._Element, ancestor: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _groups(groups: list[_Group]) -> list[dict[str, str]]:
    out = []
    for group in groups:
        term = group.term.strip()
        if not term:
            continue
        status = group.notes.get("administrativestatus", "").lower()
        out.append(
            {
                "term": " ".join(term.split()),
                "type": group.notes.get("termtype", "").lower().replace("-", ""),
                "forbidden": "1" if status.startswith(_FORBIDDEN) else "",
                "gender": group.notes.get("grammaticalgender", "").lower(),
                "number": group.notes.get("grammaticalnumber", "").lower(),
                "notes": " ".join(group.texts),
            }
        )
    return out


def _term(concept: _Concept, path: str, problems: list[Problem]) -> Term | None:
    line = concept.line
    languages = {language: _groups(groups) for language, groups in concept.languages.items()}
    notes = " ".join(concept.notes)
    if not all(languages.get(lang) for lang in LANGUAGES):
        missing = [lang for lang in LANGUAGES if not languages.get(lang)]
        problems.append(Problem(path, line, "error", f"concept has no {' or '.join(missing)} term"))
        return None
    preferred = {lang: [g for g in groups if not g["forbidden"]] for lang, groups in languages.items()}
    if not all(preferred.get(lang) for lang in LANGUAGES):
        problems.append(Problem(path, line, "error", "concept has only forbidden terms in one language"))
        return None
    forms, expansions = {}, {}
    for lang in LANGUAGES:
        acronyms = [g for g in preferred[lang] if g["type"] in ("acronym", "abbreviation", "shortform")]
        full = [g for g in preferred[lang] if g["type"] in ("fullform", "full form")]
        chosen = acronyms[0] if acronyms else preferred[lang][0]
        forms[lang] = chosen["term"]
        if acronyms and full:
            expansions[lang] = full[0]["term"]
    all_notes = notes + " " + " ".join(g["notes"] for lang in LANGUAGES for g in languages[lang])
    if len(expansions) == 2:
        action = "expand-first"
    elif forms["en"] == forms["es"] or "do-not-translate" in all_notes.lower():
        action = "keep"
    else:
        action = "translate"
    case_note = "case-sensitive" in all_notes.lower()
    return Term(
        forms=forms,
        action=action,  # type: ignore[arg-type]
        case_sensitive=True if case_note else default_case_sensitive(forms["en"]),
        expansions=expansions,
        note=notes.replace("do-not-translate", "").replace("case-sensitive", "").strip(),
        gender=_grammar(languages["es"], "grammaticalgender"),
        number=_grammar(languages["es"], "grammaticalnumber"),
        forbidden={lang: tuple(g["term"] for g in languages[lang] if g["forbidden"]) for lang in LANGUAGES},
        path=path,
        line=line,
    )


def _grammar(groups: list[dict[str, str]], key: str) -> str:
    value = next((g["gender" if "gender" in key else "number"] for g in groups if not g["forbidden"]), "")
    return {"masculine": "m", "feminine": "f", "singular": "sg", "plural": "pl"}.get(value, "")
