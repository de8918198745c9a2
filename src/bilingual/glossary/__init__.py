"""Glossaries: term lists (CSV, TSV, TBX) that keep names and acronyms exact
and institutional terms translated the same way every time.

``load_glossaries`` reads and validates files (every problem reported). The
stages are in :mod:`bilingual.glossary.stage`: ``apply_glossary`` finds term
occurrences in a document's segments and gives each the form its target must
contain; the engine codecs carry them through translation as placeholders;
``finish_glossary`` makes Spanish articles agree with the restored terms and
checks that every required form is there.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bilingual.errors import InputDataError, read_input
from bilingual.glossary import cache
from bilingual.glossary.csvfile import read_csv_glossary
from bilingual.glossary.matcher import Match, TermMatcher, fold
from bilingual.glossary.model import Entry, Problem, Term
from bilingual.glossary.tbx import read_tbx_glossary

__all__ = [
    "Glossary",
    "GlossaryError",
    "Problem",
    "check_glossary_files",
    "load_glossaries",
]


class GlossaryError(InputDataError):
    """A glossary with errors; the message lists every one of them."""

    def __init__(self, problems: list[Problem]):
        errors = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(str(p) for p in errors), path=errors[0].path, line=errors[0].line)
        self.problems = problems

    def __str__(self) -> str:
        return self.message


def read_glossary_file(path: str | Path) -> tuple[list[Term], list[Problem], bytes]:
    p = Path(path)
    data = _read_bytes(path)
    reader = read_tbx_glossary if p.suffix.lower() in (".tbx", ".xml") else read_csv_glossary
    terms, problems = reader(data, str(path))
    return terms, problems, data


def check_terms(terms: list[Term]) -> list[Problem]:
    """Duplicates and conflicts across the terms of one or more files."""
    problems: list[Problem] = []
    for column, severity in (("en", "error"), ("source", "error"), ("es", "warning"), ("target", "warning")):
        seen: dict[str, Term] = {}
        for term in terms:
            form = term.forms.get(column)
            if not form:
                continue
            key = form if term.case_sensitive else form.casefold()
            first = seen.get(key)
            if first is None:
                seen[key] = term
                continue
            other = next(c for c in term.forms if c != column)
            where = f"{Path(first.path).name}:{first.line}" if first.path != term.path else f"line {first.line}"
            if term.forms == first.forms:
                # the same pair twice: sloppy within a file, harmless across files
                level = severity if first.path == term.path else "warning"
                problems.append(Problem(term.path, term.line, level, f"duplicate of {where}: '{form}'"))
            elif severity == "error":
                problems.append(
                    Problem(
                        term.path,
                        term.line,
                        "error",
                        f"conflict with {where}: '{form}' -> '{term.forms[other]}' here, "
                        f"'{first.forms.get(other, '')}' there",
                    )
                )
            else:
                problems.append(
                    Problem(
                        term.path,
                        term.line,
                        "warning",
                        f"'{form}' also translates to '{first.forms.get(other, '')}' ({where}); "
                        f"translating from {column} uses that first entry",
                    )
                )
    return problems


def check_glossary_files(paths: list[Path] | tuple[Path, ...]) -> list[Problem]:
    """Every problem of the files, read on their own and combined."""
    terms: list[Term] = []
    problems: list[Problem] = []
    for path in paths:
        found, file_problems, _ = read_glossary_file(path)
        terms += found
        problems += file_problems
    return problems + check_terms(terms)


class Glossary:
    """Validated terms from one or more files. Compiled from the cache, the
    terms themselves are only loaded if a direction must be built."""

    def __init__(
        self,
        terms: tuple[Term, ...] | None,
        files: tuple[str, ...] = (),
        digest: str = "",
        cache_key: str = "",
        count: int | None = None,
    ):
        self._terms = terms
        self.files = files
        self.digest = digest
        self.cache_key = cache_key
        self.count = len(terms) if terms is not None else (count or 0)
        self._directed: dict[tuple[str, str], DirectedGlossary] = {}

    @property
    def terms(self) -> tuple[Term, ...]:
        if self._terms is None:  # compiled from the cache: a new direction needs the files again
            self._terms = load_glossaries(self.files, use_cache=False).terms
        return self._terms

    def describe(self) -> str:
        names = ", ".join(Path(f).name for f in self.files)
        return f"{names} sha256:{self.digest[:16]}" if self.files else ""

    def directed(self, source: str, target: str) -> DirectedGlossary:
        key = (source, target)
        if key not in self._directed:
            directed = cache.load(self.cache_key, f"{source}-{target}") if self.cache_key else None
            if not isinstance(directed, DirectedGlossary):
                directed = DirectedGlossary(_entries(self.terms, source, target), source, target)
                if self.cache_key:
                    cache.store(self.cache_key, f"{source}-{target}", directed)
            self._directed[key] = directed
        return self._directed[key]


def load_glossaries(paths: list[str | Path] | tuple[str | Path, ...], use_cache: bool = True) -> Glossary:
    """Read and validate glossary files; any error stops here, listing all.
    Files already compiled (same content, same tool version) come from the
    cache."""
    files = [(str(p), _read_bytes(p)) for p in paths]
    key = cache.cache_key(files)
    digest = hashlib.sha256(b"".join(data for _, data in files)).hexdigest()
    count = cache.load(key, "count") if use_cache else None
    if isinstance(count, int):
        return Glossary(None, tuple(name for name, _ in files), digest, cache_key=key, count=count)
    terms: list[Term] = []
    problems: list[Problem] = []
    for name, data in files:
        reader = read_tbx_glossary if Path(name).suffix.lower() in (".tbx", ".xml") else read_csv_glossary
        found, file_problems = reader(data, name)
        terms += found
        problems += file_problems
    problems += check_terms(terms)
    if any(p.severity == "error" for p in problems):
        raise GlossaryError(sorted(problems, key=lambda p: (p.path, p.line)))
    if use_cache:
        cache.store(key, "count", len(terms))
    return Glossary(tuple(terms), tuple(name for name, _ in files), digest, cache_key=key if use_cache else "")


def _read_bytes(path: str | Path) -> bytes:
    return read_input(path, "a glossary file", missing="no such glossary file")


def _entries(terms: tuple[Term, ...], source: str, target: str) -> list[Entry]:
    entries: list[Entry] = []
    seen: set[str] = set()
    for number, term in enumerate(terms, 1):
        src = term.forms.get(source) or term.forms.get("source")
        tgt = term.forms.get(target) or term.forms.get("target")
        if not src or not tgt:
            continue
        key = src if term.case_sensitive else src.casefold()
        if key in seen:
            continue  # the first entry for a form wins
        seen.add(key)
        spanish = target == "es"
        expansions = term.expansions
        entries.append(
            Entry(
                f"t{number}",
                src,
                tgt,
                term.action,
                bool(term.case_sensitive),
                expansions.get(source, "") if expansions else "",
                expansions.get(target, "") if expansions else "",
                term.note,
                term.gender if spanish else "",
                term.number if spanish else "",
                term.forbidden.get(target, ()) if term.forbidden else (),
            )
        )
    return entries


class DirectedGlossary:
    """A glossary for one direction, with its matcher built once."""

    def __init__(self, entries: list[Entry], source: str, target: str):
        self.source = source
        self.target = target
        self.matcher = TermMatcher(entries, source)

    @property
    def forbidden(self) -> dict[str, tuple[str, ...]]:
        """Entry id -> target forms that must not appear."""
        return self.matcher.forbidden

    def find(self, text: str) -> list[Match]:
        return self.matcher.find(text)

    def expansion_seen(self, entry: Entry, text: str) -> bool:
        return bool(entry.expansion_source) and fold(entry.expansion_source)[0] in fold(text)[0]
