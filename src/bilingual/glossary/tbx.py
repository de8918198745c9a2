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
from bilingual.formats.inline import parse_xml
from bilingual.glossary.model import LANGUAGES, Problem, Term, TermTable, default_case_sensitive

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN = ("deprecatedterm", "supersededterm")


def read_tbx_glossary(data: bytes, path: str) -> tuple[TermTable, list[Problem]]:
    try:
        root = parse_xml(data, path)
    except InputDataError as exc:
        return TermTable.from_terms([]), [Problem(path, exc.line or 1, "error", exc.message)]
    entries = list(root.iter(*_ENTRY))
    if not entries:
        problem = Problem(path, root.sourceline or 1, "error", "no termEntry/conceptEntry: not a TBX glossary")
        return TermTable.from_terms([]), [problem]
    terms, problems = [], []
    for entry in entries:
        term = _concept(entry, path, problems)
        if term is not None:
            terms.append(term)
    return TermTable.from_terms(terms), problems


# lxml's own tag filters, matching a local name in any namespace or none
# (a glossary has tens of thousands of elements)
_ENTRY = ("{*}termEntry", "{*}conceptEntry")
_LANGUAGE = ("{*}langSet", "{*}langSec")
_GROUP = ("{*}tig", "{*}ntig", "{*}termSec")
_CONCEPT_NOTES = ("{*}descrip", "{*}note", "{*}definition")
_GROUP_NOTES = ("{*}note", "{*}descrip")


def _concept(entry: etree._Element, path: str, problems: list[Problem]) -> Term | None:
    line = entry.sourceline or 0
    languages: dict[str, list[dict[str, str]]] = {}
    for lang_set in entry.iterchildren(*_LANGUAGE):
        lang = (lang_set.get(XML_LANG) or "").split("-")[0].lower()
        languages.setdefault(lang, []).extend(_term_groups(lang_set))
    notes = " ".join(_texts(entry, _CONCEPT_NOTES))
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


def _term_groups(lang_set: etree._Element) -> list[dict[str, str]]:
    groups = []
    for group in lang_set.iterchildren(*_GROUP):
        holder = next(group.iterchildren("{*}termGrp"), group)
        term = next(iter(_texts(holder, ("{*}term",))), "").strip()
        if not term:
            continue
        notes = {(n.get("type") or "").lower(): (n.text or "").strip() for n in group.iter("{*}termNote")}
        status = notes.get("administrativestatus", "").lower()
        groups.append(
            {
                "term": " ".join(term.split()),
                "type": notes.get("termtype", "").lower().replace("-", ""),
                "forbidden": "1" if status.startswith(_FORBIDDEN) else "",
                "gender": notes.get("grammaticalgender", "").lower(),
                "number": notes.get("grammaticalnumber", "").lower(),
                "notes": " ".join(_texts(group, _GROUP_NOTES)),
            }
        )
    return groups


def _texts(element: etree._Element, tags: tuple[str, ...]) -> list[str]:
    return [e.text.strip() for e in element.iter(*tags) if e.text]


def _grammar(groups: list[dict[str, str]], key: str) -> str:
    value = next((g["gender" if "gender" in key else "number"] for g in groups if not g["forbidden"]), "")
    return {"masculine": "m", "feminine": "f", "singular": "sg", "plural": "pl"}.get(value, "")
