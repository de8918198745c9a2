"""``bilingual qa``: the QA checks run on an XLIFF file (a reviewer's file
included), without the article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bilingual.content import plain_text
from bilingual.glossary import Glossary
from bilingual.glossary.matcher import Match
from bilingual.glossary.stage import plural_form, verify_terms
from bilingual.model import Issue, Segment, TermHit
from bilingual.publish import read_reviewed
from bilingual.qa import CATALOG


@dataclass(frozen=True)
class Finding:
    line: int
    issue: Issue


def check_xliff(path: Path, glossary: Glossary | None = None) -> list[Finding]:
    reviewed = read_reviewed(path)
    directed = glossary.directed(reviewed.source_lang, reviewed.target_lang) if glossary else None
    matcher = directed.matcher([plain_text(item.source) for item in reviewed.segments]) if directed else None
    findings = []
    for item in reviewed.segments:
        segment = Segment(
            item.id,
            item.source,
            item.target,
            item.origin
            if item.origin
            in (  # type: ignore[arg-type]
                "mt",
                "memory",
                "glossary",
                "reviewed",
                "source",
            )
            else None,
            item.state,
        )
        issues = [i for check in CATALOG.values() for i in check(segment, reviewed.source_lang, reviewed.target_lang)]
        if matcher is not None and item.target is not None:
            terms = tuple(
                TermHit(
                    m.entry.id,
                    m.text,
                    m.start,
                    m.end,
                    _required(m, reviewed.target_lang),
                    m.entry.action,
                    case_sensitive=m.entry.case_sensitive,
                )
                for m in matcher.find(plain_text(item.source))
            )
            issues += verify_terms(item.id, terms, item.target)
        findings += [Finding(item.line, i) for i in issues]
    return findings


def _required(match: Match, target_lang: str) -> str:
    """The form a reviewed target must contain (an expansion, where the
    reviewer used it, also contains the acronym)."""
    if match.entry.action == "keep":
        return match.text
    return plural_form(match.entry.target, target_lang) if match.plural else match.entry.target
