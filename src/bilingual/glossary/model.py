"""Glossary data: terms as read from a file, and entries for one direction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Action = Literal["keep", "translate", "expand-first"]
ACTIONS: tuple[str, ...] = ("keep", "translate", "expand-first")
LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a glossary file, compiler style."""

    path: str
    line: int
    severity: Literal["error", "warning"]
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


@dataclass(slots=True)
class Term:
    """A concept with its form in each language (``source``/``target`` when
    the file does not name languages: the command gives the direction).
    Read-only once made (not frozen: a frozen dataclass costs five times as
    much to build, and glossaries hold thousands of terms)."""

    forms: dict[str, str]
    action: Action
    case_sensitive: bool | None = None
    expansions: dict[str, str] = field(default_factory=dict)
    note: str = ""
    gender: str = ""  # of the Spanish form: m / f
    number: str = ""  # of the Spanish form: sg / pl
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    path: str = ""
    line: int = 0


class Entry(NamedTuple):
    """A term for one direction: what to find and what the target must say.
    (A named tuple: thousands are built, cached and loaded per run.)"""

    id: str
    source: str
    target: str
    action: Action
    case_sensitive: bool
    expansion_source: str = ""
    expansion_target: str = ""
    note: str = ""
    gender: str = ""
    number: str = ""
    forbidden: tuple[str, ...] = ()


def default_case_sensitive(form: str) -> bool:
    """Acronyms and mixed-case names (ICE, MinRex, USCIS) match only as
    written; ordinary words and titles match in any case."""
    if form.islower():
        return False
    return any(not word[1:].islower() and sum(map(str.isupper, word)) >= 2 for word in form.split())
