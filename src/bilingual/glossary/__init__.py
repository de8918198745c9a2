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
from collections import Counter
from collections.abc import Callable
from itertools import compress
from pathlib import Path
from typing import Any

from bilingual.errors import InputDataError, read_input
from bilingual.glossary import cache
from bilingual.glossary.csvfile import named_tsv, read_csv_glossary
from bilingual.glossary.matcher import Match, TermFinder, TermMatcher, fold
from bilingual.glossary.model import Entry, EntryTable, Problem, Term, TermTable, fold_all, plain
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


def read_glossary_file(path: str | Path) -> tuple[TermTable, list[Problem], bytes]:
    data = _read_bytes(path)
    table, problems = _reader(str(path))(data, str(path))
    return table, problems, data


def _reader(name: str) -> Callable[[bytes, str], tuple[TermTable, list[Problem]]]:
    return read_tbx_glossary if _is_tbx(name) else read_csv_glossary


def _is_tbx(name: str) -> bool:
    return Path(name).suffix.lower() in (".tbx", ".xml")


def _read_as(name: str) -> str:
    """What a file's name tells its reader: TBX, CSV, or CSV named .tsv."""
    return "tbx" if _is_tbx(name) else "tsv" if named_tsv(name) else "csv"


def _column_checks(key: str) -> tuple[tuple[str, str], ...]:
    """How bad a repeated form is in each column: in the column the list is
    keyed on (a term with two translations), an error; in the other (two
    terms translating to one form, such as spelling variants), a warning."""
    checks = {key: "error", "source": "error"}
    for column in ("en", "es", "target"):
        checks.setdefault(column, "warning")
    return tuple(checks.items())


def check_terms(table: TermTable, warnings: bool = True) -> list[Problem]:
    """Duplicates and conflicts across the terms of one or more files
    (``warnings=False``: only what makes the glossary unusable)."""
    problems: list[Problem] = []
    for column, severity in _column_checks(table.key):
        forms = table.forms.get(column)
        if not forms or (severity == "warning" and not warnings):
            continue
        folded = table.folded(column)
        if table.only_from:  # a synonym repeats its concept's form in the other language
            folded = [f if only in ("", column) else "" for f, only in zip(folded, table.only_from, strict=True)]
        if len(set(folded)) == len(folded):
            continue  # no two alike even ignoring case: nothing to report
        counts = Counter(folded)
        repeated = set(compress(counts, map((1).__lt__, counts.values()))) - {""}
        seen: dict[str, Term] = {}
        for i in compress(range(len(forms)), map(repeated.__contains__, folded)):
            key = plain(forms[i]) if table.case(i) else folded[i]
            term, first = table.term(i), seen.get(key)
            if first is None:
                seen[key] = term
            else:
                problems.append(_repeated(term, first, column, severity))
    return _once(problems + _across_styles(table))


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once: a pair repeated is found in both its columns
    ("duplicate of line 2: 'havana'", "… 'La Habana'"), and is told once,
    as an error rather than as a warning."""
    kept: dict[tuple[str, int, str], Problem] = {}
    for problem in problems:
        key = (problem.path, problem.line, problem.message.split(": '", 1)[0])
        if key not in kept or problem.severity == "error":
            kept[key] = problem
    return list(kept.values())


def _across_styles(table: TermTable) -> list[Problem]:
    """A ``source``/``target`` list beside an ``en``/``es`` one: a source
    form that is also an English (or Spanish) form must translate the same
    way, for when the source column is that language."""
    if "source" not in table.forms or "target" not in table.forms:
        return []
    sources, targets = table.folded("source"), table.folded("target")
    problems = []
    for language, other in (("en", "es"), ("es", "en")):
        if language not in table.forms or other not in table.forms:
            continue
        forms, translations = table.folded(language), table.folded(other)
        named: dict[str, int] = {}
        for j in compress(range(len(forms)), map(all, zip(forms, translations, strict=True))):
            named.setdefault(forms[j], j)
        for i in compress(range(len(sources)), map(named.__contains__, sources)):
            j = named[sources[i]]
            if targets[i] and targets[i] != translations[j]:
                term, first = table.term(i), table.term(j)
                message = (
                    f"conflict with {_place(term, first)} when translating from {language}: "
                    f"'{term.forms['source']}' -> '{term.forms['target']}' here, '{first.forms[other]}' there"
                )
                problems.append(Problem(term.path, term.line, "error", message))
    return problems


def _place(term: Term, first: Term) -> str:
    """Where ``first`` is, seen from ``term``."""
    return f"{Path(first.path).name}:{first.line}" if first.path != term.path else f"line {first.line}"


def _repeated(term: Term, first: Term, column: str, severity: str) -> Problem:
    form = term.forms[column]
    other = next(c for c in term.forms if c != column)
    where = _place(term, first)
    same_pair = term.forms.get(other, "").casefold() == first.forms.get(other, "").casefold()
    if same_pair and term.action != first.action:  # which one a run uses would depend on the files' order
        message = f"conflict with {where}: '{form}' is {term.action} here, {first.action} there"
        return Problem(term.path, term.line, "error", message)
    if same_pair:
        # the same pair twice (perhaps in another case): sloppy within a file, harmless across files
        level = severity if first.path == term.path else "warning"
        return Problem(term.path, term.line, level, f"duplicate of {where}: '{form}'")  # type: ignore[arg-type]
    if severity == "error":
        message = f"conflict with {where}: '{form}' -> '{term.forms[other]}' here, '{first.forms.get(other, '')}' there"
        return Problem(term.path, term.line, "error", message)
    message = (
        f"'{form}' also translates to '{first.forms.get(other, '')}' ({where}); "
        f"translating from {column} uses that first entry"
    )
    return Problem(term.path, term.line, "warning", message)


def check_glossary_files(paths: list[Path] | tuple[Path, ...]) -> list[Problem]:
    """Every problem of the files, read on their own and combined."""
    tables: list[TermTable] = []
    problems: list[Problem] = []
    for path in paths:
        table, file_problems, _ = read_glossary_file(path)
        tables.append(table)
        problems += file_problems
    order = {str(path): place for place, path in enumerate(paths)}
    return sorted(problems + check_terms(TermTable.concat(tables)), key=lambda p: (order.get(p.path, 0), p.line))


class Glossary:
    """Validated terms from one or more files. Compiled from the cache, the
    terms themselves are only loaded if a direction must be built."""

    def __init__(
        self,
        table: TermTable | None,
        files: tuple[str, ...] = (),
        digest: str = "",
        cache_key: str = "",
        count: int | None = None,
    ):
        self._table = table
        self.files = files
        self.digest = digest
        self.cache_key = cache_key
        self.count = len(table) if table is not None else (count or 0)
        self._directed: dict[tuple[str, str], DirectedGlossary] = {}

    @property
    def table(self) -> TermTable:
        if self._table is None:  # compiled from the cache: a new direction needs the files again
            self._table = load_glossaries(self.files, use_cache=False).table
        return self._table

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.table.terms()

    def describe(self) -> str:
        names = ", ".join(Path(f).name for f in self.files)
        return f"{names} sha256:{self.digest[:16]}" if self.files else ""

    def directed(self, source: str, target: str) -> DirectedGlossary:
        key = (source, target)
        if key not in self._directed:
            directed = cache.load(self.cache_key, f"{source}-{target}") if self.cache_key else None
            if not isinstance(directed, DirectedGlossary):
                directed = DirectedGlossary(_entries(self.table, source, target), source, target)
                if self.cache_key:
                    cache.store(self.cache_key, f"{source}-{target}", directed)
            self._directed[key] = directed
        return self._directed[key]


def load_glossaries(paths: list[str | Path] | tuple[str | Path, ...], use_cache: bool = True) -> Glossary:
    """Read and validate glossary files; any error stops here, listing all
    (``glossary check`` also lists warnings). Files already compiled (same
    content, same tool version) come from the cache."""
    files = [(str(p), _read_bytes(p)) for p in paths]
    hashes = [hashlib.sha256(data) for _, data in files]
    # by how each file is read and its content: the same list by another path shares its compiled form
    key = cache.cache_key([(_read_as(name), h.digest()) for (name, _), h in zip(files, hashes, strict=True)])
    whole = hashes[0] if len(files) == 1 else hashlib.sha256(b"".join(data for _, data in files))
    digest = whole.hexdigest()
    count = cache.load(key, "count") if use_cache else None
    if isinstance(count, int):
        return Glossary(None, tuple(name for name, _ in files), digest, cache_key=key, count=count)
    tables: list[TermTable] = []
    problems: list[Problem] = []
    for name, data in files:
        table, file_problems = _reader(name)(data, name)
        tables.append(table)
        problems += file_problems
    table = TermTable.concat(tables)
    problems += check_terms(table, warnings=False)
    if any(p.severity == "error" for p in problems):
        raise GlossaryError(sorted(problems, key=lambda p: (p.path, p.line)))
    if use_cache:
        cache.store(key, "count", len(table))
    return Glossary(table, tuple(name for name, _ in files), digest, cache_key=key if use_cache else "")


def compile_glossaries(paths: list[str | Path] | tuple[str | Path, ...]) -> None:
    """Compile a valid list for both directions into the cache, as the
    first translation with it would: ``glossary check`` does it, so the
    next translation starts from the compiled form."""
    glossary = load_glossaries(paths)
    for source, target in (("en", "es"), ("es", "en")):
        glossary.directed(source, target)


def _read_bytes(path: str | Path) -> bytes:
    return read_input(path, "a glossary file", missing="no such glossary file")


def _entries(table: TermTable, source: str, target: str) -> EntryTable:
    """The entries translating ``source`` to ``target``: terms with both
    forms, the first one for each source form (a synonym only from its own
    language)."""
    sources = _column(table.forms, source, "source")
    targets = _column(table.forms, target, "target")
    column = source if source in table.forms else "source"
    folded = table.folded(column) if sources is table.forms.get(column) else fold_all(sources)
    keep: list[int] | range = range(len(table))
    only_from = table.only_from or [""] * len(table)
    if table.only_from or not (all(sources) and all(targets) and len(set(folded)) == len(folded)):
        seen: set[str] = set()
        keep = []
        for i, (src, tgt) in enumerate(zip(sources, targets, strict=True)):
            key = plain(src) if src and table.case(i) else folded[i]
            if src and tgt and key not in seen and only_from[i] in ("", source):  # the first entry for a form wins
                seen.add(key)
                keep.append(i)

    def pick(column: list[Any]) -> list[Any]:
        return column if isinstance(keep, range) else [column[i] for i in keep]

    blank = [""] * len(table)
    spanish = "target" if target == "es" else "source" if source == "es" else ""
    case_form = _column(table.forms, "en", "source")  # what a default case rule is read from
    kept = keep if isinstance(keep, range) else set(keep)
    forbidden = {f"t{i + 1}": f[target] for i, f in table.forbidden.items() if f.get(target) and i in kept}
    entries = EntryTable(
        keep,
        pick(sources),
        pick(targets),
        pick(table.action),
        pick(table.case_sensitive),
        pick(table.expansions.get(source, blank)),
        pick(table.expansions.get(target, blank)),
        pick(table.note),
        pick(table.gender if spanish else blank),
        pick(table.number if spanish else blank),
        forbidden,
        case_form=None if case_form is sources else pick(case_form),
        folded=pick(folded),
        spanish=spanish,
    )
    return _with_full_forms(entries)


def _with_full_forms(entries: EntryTable) -> EntryTable:
    """The entries, and an entry for each acronym's full form: written out
    in the source ("the European Central Bank"), it takes the full form of
    the target ("el Banco Central Europeo"), as any term does. (Unless
    another entry has that form already; its id is the acronym's, with
    "-full".)"""
    if "expand-first" not in entries.action:
        return entries
    taken = set(entries.folded or fold_all(entries.source))
    full = [
        i
        for i, action in enumerate(entries.action)
        if action == "expand-first" and entries.expansion_source[i] and entries.expansion_target[i]
    ]
    full_sources = [entries.expansion_source[i] for i in full]
    added = []
    for i, key in zip(full, fold_all(full_sources), strict=True):
        if key not in taken:
            taken.add(key)
            added.append((i, key))
    if not added:
        return entries
    places = [i for i, _ in added]
    ids = [f"t{term + 1}" for term in entries.term] + [f"t{entries.term[i] + 1}-full" for i in places]
    sources = [entries.expansion_source[i] for i in places]
    return EntryTable(
        [*entries.term, *(entries.term[i] for i in places)],
        [*entries.source, *sources],
        [*entries.target, *(entries.expansion_target[i] for i in places)],
        [*entries.action, *["translate"] * len(places)],
        [*entries.case_sensitive, *[None] * len(places)],
        [*entries.expansion_source, *[""] * len(places)],
        [*entries.expansion_target, *[""] * len(places)],
        [*entries.note, *(entries.note[i] for i in places)],
        [*entries.gender, *[""] * len(places)],  # (the acronym's gender need not be its full form's)
        [*entries.number, *[""] * len(places)],
        entries.forbidden,
        case_form=None if entries.case_form is None else [*entries.case_form, *sources],
        ids=ids,
        folded=None if entries.folded is None else [*entries.folded, *(key for _, key in added)],
        spanish=entries.spanish,
    )


def _column(forms: dict[str, list[str]], language: str, fallback: str) -> list[str]:
    """A language's forms, or the ``source``/``target`` column's where a
    file names no languages."""
    named, generic = forms.get(language), forms.get(fallback)
    if named is None or generic is None:
        return named or generic or [""] * len(next(iter(forms.values()), []))
    return [a or b for a, b in zip(named, generic, strict=True)]


class DirectedGlossary:
    """A glossary for one direction: its entries, ready to be looked for."""

    def __init__(self, entries: EntryTable, source: str, target: str):
        self.source = source
        self.target = target
        self.finder = TermFinder(entries, source)

    @property
    def forbidden(self) -> dict[str, tuple[str, ...]]:
        """Entry id -> target forms that must not appear."""
        return self.finder.entries.forbidden

    def matcher(self, texts: list[str]) -> TermMatcher:
        """A matcher for a document made of ``texts``."""
        return self.finder.matcher(texts)

    def find(self, text: str) -> list[Match]:
        return self.finder.find(text)

    def expansion_seen(self, entry: Entry, before: str, after: str = "", paragraph: str = "") -> bool:
        """Whether the source spells out the acronym of ``entry`` where it
        mentions it: its full form just ``before`` the mention ("Temporary
        Protected Status (TPS)", "…, or TPS"), just ``after`` it ("TPS
        (Temporary Protected Status)"), or in an earlier sentence of its
        ``paragraph`` ("The National Transportation Safety Board opened an
        inquiry. Two NTSB investigators…"). A full form paragraphs before
        does not tell the reader what the acronym stands for."""
        if not entry.expansion_source:
            return False
        full = fold(entry.expansion_source)[0]
        if paragraph and full in fold(paragraph)[0]:
            return True
        before_folded, after_folded = fold(before)[0], fold(after)[0]
        at = before_folded.rfind(full)
        if at >= 0 and _close(before_folded[at + len(full) :]):
            return True
        at = after_folded.find(full)
        return at >= 0 and _close(after_folded[:at])


def _close(between: str) -> bool:
    """Whether what comes between an acronym and its full form keeps them
    together: a few words and marks ("Program (", ", or the "), no
    sentence's end."""
    return len(between) <= 40 and len(between.split()) <= 3 and not any(mark in between for mark in ".!?;")
