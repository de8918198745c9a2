"""Glossary data: terms as read from a file, and entries for one direction."""

from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Literal, NamedTuple

from bilingual.glossary.spanish import guess_gender_number

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
    only_from: str = ""  # a synonym: looked for only when translating from this language


@dataclass(slots=True)
class TermTable:
    """Terms as columns, one list per field (term ``i`` is index ``i`` of
    each): a glossary of thousands of terms is checked and compiled a column
    at a time. ``forms`` maps a column name (``en``/``es``, or
    ``source``/``target``) to each term's form there, ``""`` when a term has
    none; ``expansions`` maps ``en``/``es`` the same way. A ``None`` in
    ``case_sensitive`` means the default, which :meth:`case` works out from
    the term's first form only when it is needed. ``only_from`` holds
    ``""`` for a term of both directions (nearly all) and a language for a
    synonym, looked for only when translating from it; ``None`` when every
    term serves both directions. The readers give every form in NFC."""

    forms: dict[str, list[str]]
    action: list[str]
    case_sensitive: list[bool | None]
    expansions: dict[str, list[str]]
    note: list[str]
    gender: list[str]
    number: list[str]
    forbidden: dict[int, dict[str, tuple[str, ...]]]  # only terms that have forbidden forms
    path: list[str]
    line: list[int]
    only_from: list[str] | None = None
    _folded: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    key: str = "en"  # the column a list is keyed on (its first language column): its repeats are errors

    def __len__(self) -> int:
        return len(self.action)

    def folded(self, column: str) -> list[str]:
        """A form column case-folded, spaces and apostrophes made plain
        (kept: checking and compiling both use it)."""
        if column not in self._folded:
            self._folded[column] = fold_all(self.forms[column])
        return self._folded[column]

    def case(self, i: int) -> bool:
        flag = self.case_sensitive[i]
        if flag is None:
            english, source = self.forms.get("en"), self.forms.get("source")
            return default_case_sensitive((english[i] if english else "") or (source[i] if source else ""))
        return flag

    def term(self, i: int) -> Term:
        return Term(
            {name: column[i] for name, column in self.forms.items() if column[i]},
            self.action[i],  # type: ignore[arg-type]
            self.case(i),
            {name: column[i] for name, column in self.expansions.items() if column[i]},
            self.note[i],
            self.gender[i],
            self.number[i],
            self.forbidden.get(i, {}),
            self.path[i],
            self.line[i],
            self.only_from[i] if self.only_from else "",
        )

    def terms(self) -> tuple[Term, ...]:
        return tuple(map(self.term, range(len(self))))

    @classmethod
    def from_terms(cls, terms: list[Term]) -> TermTable:
        def column(names: set[str], field: str) -> dict[str, list[str]]:
            return {name: [getattr(t, field).get(name, "") for t in terms] for name in sorted(names)}

        return cls(
            column({n for t in terms for n in t.forms}, "forms"),
            [t.action for t in terms],
            [t.case_sensitive for t in terms],
            column({n for t in terms for n in t.expansions}, "expansions"),
            [t.note for t in terms],
            [t.gender for t in terms],
            [t.number for t in terms],
            {i: t.forbidden for i, t in enumerate(terms) if t.forbidden},
            [t.path for t in terms],
            [t.line for t in terms],
            [t.only_from for t in terms] if any(t.only_from for t in terms) else None,
        )

    @classmethod
    def concat(cls, tables: list[TermTable]) -> TermTable:
        if len(tables) == 1:
            return tables[0]

        def columns(field: str) -> dict[str, list[str]]:
            names = sorted({n for t in tables for n in getattr(t, field)})
            return {n: [v for t in tables for v in getattr(t, field).get(n, [""] * len(t))] for n in names}

        offsets = [0]
        for table in tables:
            offsets.append(offsets[-1] + len(table))
        keys = {t.key for t in tables if len(t)}
        return cls(
            columns("forms"),
            [v for t in tables for v in t.action],
            [v for t in tables for v in t.case_sensitive],
            columns("expansions"),
            [v for t in tables for v in t.note],
            [v for t in tables for v in t.gender],
            [v for t in tables for v in t.number],
            {offset + i: f for offset, t in zip(offsets, tables, strict=False) for i, f in t.forbidden.items()},
            [v for t in tables for v in t.path],
            [v for t in tables for v in t.line],
            [v for t in tables for v in (t.only_from or [""] * len(t))] if any(t.only_from for t in tables) else None,
            key=keys.pop() if len(keys) == 1 else "en",
        )


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


class PackedStrings:
    """Many strings kept as one string and their end offsets: a compiled
    glossary is pickled and loaded on every run, and one string loads in
    microseconds where thousands of small ones take milliseconds."""

    __slots__ = ("ends", "text")

    def __init__(self, items: list[str]):
        self.text = "".join(items)
        self.ends = array("q", list(accumulate(map(len, items))))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> str:
        return self.text[self.ends[i - 1] if i else 0 : self.ends[i]]


_CASE_CODES = {False: 0, True: 1, None: 2}


@dataclass(slots=True)
class EntryTable:
    """The entries of one direction as columns (fields as in :class:`Entry`).
    ``term`` is each entry's place among the glossary's terms, which gives
    its id (``t1``, ``t2``…) unless ``ids`` are given. ``case_form`` is what
    a ``None`` case rule is read from (``None``: the source form)."""

    term: Sequence[int]
    source: Sequence[str]
    target: Sequence[str]
    action: Sequence[str]
    case_sensitive: Sequence[bool | None]
    expansion_source: Sequence[str]
    expansion_target: Sequence[str]
    note: Sequence[str]
    gender: Sequence[str]
    number: Sequence[str]
    forbidden: dict[str, tuple[str, ...]]  # entry id -> forms the target must not use
    case_form: Sequence[str] | None = None
    ids: Sequence[str] | None = None
    folded: list[str] | None = None  # the sources (NFC) case-folded, when known (not pickled)
    spanish: str = ""  # the side in Spanish ("source", "target"): a term without a gender gets one guessed there
    _rows: PackedStrings | None = field(default=None, repr=False, compare=False)  # as loaded from the cache
    _names: list[str] | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.term)

    def entry(self, i: int) -> Entry:
        if self._rows is not None and self._names is not None:  # as loaded: the row split once
            fields = dict(zip(self._names, self._rows[i].split(_FIELD_SEPARATOR), strict=True))
        else:
            fields = {n: column[i] for n in _TEXT_COLUMNS if (column := getattr(self, n)) is not None}
        entry_id = fields["ids"] if "ids" in fields else f"t{self.term[i] + 1}"
        case = self.case_sensitive[i]
        if case is None:
            case = default_case_sensitive(fields.get("case_form") or fields["source"])
        return self._with_gender(
            Entry(
                entry_id,
                fields["source"],
                fields["target"],
                fields["action"],  # type: ignore[arg-type]
                bool(case),
                fields["expansion_source"],
                fields["expansion_target"],
                fields["note"],
                fields["gender"],
                fields["number"],
                self.forbidden.get(entry_id, ()),
            )
        )

    def _with_gender(self, entry: Entry) -> Entry:
        """A Spanish form the glossary gives no gender gets the one its head
        noun's ending tells ("la canasta básica"): in a target, so articles
        agree with it; in a source, so that it travels through the engine
        as a noun of its gender, which adjectives agree with and follow."""
        if not self.spanish or entry.gender or entry.action == "keep":
            return entry
        gender, number = guess_gender_number(entry.target if self.spanish == "target" else entry.source)
        return entry._replace(gender=gender, number=entry.number or number) if gender else entry

    @classmethod
    def from_entries(cls, entries: list[Entry]) -> EntryTable:
        rows = [list(c) for c in zip(*entries, strict=True)] if entries else [[] for _ in Entry._fields]
        column: dict[str, list[Any]] = dict(zip(Entry._fields, rows, strict=True))
        return cls(
            range(len(entries)),
            column["source"],
            column["target"],
            column["action"],
            column["case_sensitive"],
            column["expansion_source"],
            column["expansion_target"],
            column["note"],
            column["gender"],
            column["number"],
            forbidden={e.id: e.forbidden for e in entries if e.forbidden},
            ids=column["id"],
        )

    def __getstate__(self) -> dict[str, object]:
        """Pickled as one packed string per entry (its text fields joined
        by a separator), which builds and loads in a fraction of the time
        of a column each."""
        names = [n for n in _TEXT_COLUMNS if getattr(self, n) is not None]
        columns = [getattr(self, n) for n in names]
        rows = PackedStrings(list(map(_FIELD_SEPARATOR.join, zip(*columns, strict=True))))
        packed: PackedStrings | dict[str, list[str]] = rows
        if rows.text.count(_FIELD_SEPARATOR) != len(rows) * (len(names) - 1):
            packed = {n: list(c) for n, c in zip(names, columns, strict=True)}  # a field holds the separator
        return {
            "names": names,
            "packed": packed,
            "term": self.term if isinstance(self.term, range) else array("l", self.term),
            "case_sensitive": _case_codes(self.case_sensitive),
            "forbidden": self.forbidden,
            "spanish": self.spanish,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.term, self.forbidden = state["term"], state["forbidden"]
        self.spanish = state["spanish"]
        self.case_sensitive = _CaseColumn(state["case_sensitive"])  # type: ignore[assignment]
        self.case_form = self.ids = self.folded = None
        packed, names = state["packed"], state["names"]
        self._rows, self._names = (None, None) if isinstance(packed, dict) else (packed, names)
        for position, name in enumerate(names):
            column = packed[name] if isinstance(packed, dict) else _Field(packed, position)
            setattr(self, name, column)


_FIELD_SEPARATOR = "\x1f"


class _Field:
    """One field of packed rows, read like a column."""

    __slots__ = ("position", "rows")

    def __init__(self, rows: PackedStrings, position: int):
        self.rows, self.position = rows, position

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i: int) -> str:
        return self.rows[i].split(_FIELD_SEPARATOR)[self.position]


_TEXT_COLUMNS = (
    "source",
    "target",
    "action",
    "expansion_source",
    "expansion_target",
    "note",
    "gender",
    "number",
    "case_form",
    "ids",
)


def _case_codes(column: Sequence[bool | None]) -> bytes:
    """Case rules one byte each (most lists leave every one to the default)."""
    if isinstance(column, list) and column.count(None) == len(column):
        return bytes([_CASE_CODES[None]]) * len(column)
    return bytes(map(_CASE_CODES.__getitem__, column))


class _CaseColumn:
    """Case rules stored one byte each (0 no, 1 yes, 2 default)."""

    __slots__ = ("codes",)

    def __init__(self, codes: bytes):
        self.codes = codes

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i: int) -> bool | None:
        code = self.codes[i]
        return None if code == 2 else bool(code)


# Characters written several ways for one thing: a list's plain space,
# apostrophe or hyphen matches a no-break space, a typographic apostrophe or
# a non-breaking hyphen in the text, and the other way round. One character
# stands for one, so offsets into a text stay valid.
_PLAIN = {
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u2019\u2018\u02bc", "'"),
    **dict.fromkeys("\u2010\u2011", "-"),
}


def plain(text: str) -> str:
    """``text`` with each space, apostrophe and hyphen in its plain form."""
    if text.isascii():
        return text
    for variant, plain_form in _PLAIN.items():
        if variant in text:  # a search for a character wider than any in the text returns at once
            text = text.replace(variant, plain_form)
    return text


def nfc(text: str) -> str:
    """``text`` in Unicode NFC, the form the matcher and the outputs use: a
    list saved with decomposed accents gives the same terms as any other."""
    if text.isascii():
        return text
    try:
        text.encode("latin-1")  # Latin-1 holds no combining mark: already NFC
        return text
    except UnicodeEncodeError:
        pass
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def fold_all(forms: Sequence[str]) -> list[str]:
    """Each form case-folded and made :func:`plain` (one test for the
    whole list: nearly every glossary has nothing to make plain)."""
    folded = list(map(str.casefold, forms))
    joined = "".join(folded)
    if plain(joined) is not joined:
        folded = list(map(plain, folded))
    return folded


def default_case_sensitive(form: str) -> bool:
    """Acronyms and mixed-case names (ICE, MinRex, USCIS) match only as
    written; ordinary words and titles match in any case."""
    if form.islower():
        return False
    return any(sum(map(str.isupper, word)) >= 2 for word in form.split())
