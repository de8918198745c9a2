"""Translation memory in SQLite.

Two kinds of entries share one table: reviewed translations (from
``publish``), which any later run reuses, and machine translations cached by
``translate``, reused only by runs with the same tool version, engine, model and glossary.
Entries are keyed by the segment's source as text plus original markup, so a
sentence repeated across articles (datelines, boilerplate paragraphs, the
same quote) is translated once.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bilingual import __version__
from bilingual.errors import InputDataError, OutputError
from bilingual.model import Code, Content, Document, Inline, Segment, Text
from bilingual.mt.base import EngineInfo

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    key TEXT NOT NULL,
    context TEXT NOT NULL,          -- '' for reviewed entries, tool|engine|model|glossary for cached MT
    source TEXT NOT NULL,           -- JSON content
    target TEXT NOT NULL,           -- JSON content
    origin TEXT NOT NULL,
    updated REAL NOT NULL,
    PRIMARY KEY (source_lang, target_lang, key, context)
);
"""


def _key(content: Content) -> str:
    return "".join(i.text if isinstance(i, Text) else i.markup for i in content).strip()


def _dump(content: Content) -> str:
    return json.dumps(
        [
            {"t": i.text} if isinstance(i, Text) else {"k": i.kind, "i": i.id, "n": i.name, "m": i.markup}
            for i in content
        ],
        ensure_ascii=False,
    )


def _load(data: str) -> Content:
    items: list[Inline] = []
    for item in json.loads(data):
        items.append(Text(item["t"]) if "t" in item else Code(item["k"], item["i"], item["n"], item["m"]))
    return tuple(items)


def _remap(stored_source: Content, stored_target: Content, source: Content) -> Content | None:
    """The stored target with its code ids changed to the new segment's ids
    (codes correspond in order: the sources are the same markup)."""
    old = [(c.kind, c.id) for c in stored_source if isinstance(c, Code)]
    new = [(c.kind, c.id) for c in source if isinstance(c, Code)]
    if len(old) != len(new):
        return None
    ids = {o[1]: n[1] for o, n in zip(old, new, strict=True)}
    return tuple(replace(i, id=ids.get(i.id, i.id)) if isinstance(i, Code) else i for i in stored_target)


_COLUMNS = ("source_lang", "target_lang", "key", "context", "source", "target", "origin", "updated")


class TranslationMemory:
    def __init__(self, path: str | Path, clock: object = time.time):
        self.path = str(path)
        self.clock = clock
        try:
            self.connection = sqlite3.connect(self.path)
            self.connection.executescript(SCHEMA)
            columns = tuple(row[1] for row in self.connection.execute("PRAGMA table_info(entries)"))
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):
                raise OutputError(f"cannot open the translation memory: {exc}", path=self.path) from exc
            raise InputDataError(f"not a translation memory (SQLite) file: {exc}", path=self.path) from exc
        if columns != _COLUMNS:
            self.connection.close()
            raise InputDataError(
                "not a translation memory of this tool: its 'entries' table has other columns", path=self.path
            )

    def close(self) -> None:
        self.connection.close()

    def lookup(self, source_lang: str, target_lang: str, source: Content, context: str) -> tuple[Content, str] | None:
        """A reviewed translation if there is one, else a cached one for this context."""
        try:
            rows = self.connection.execute(
                "SELECT source, target, origin, context FROM entries WHERE source_lang=? AND target_lang=? AND key=? "
                "AND context IN ('', ?) ORDER BY context = '' DESC LIMIT 1",
                (source_lang, target_lang, _key(source), context),
            ).fetchall()
        except sqlite3.Error as exc:
            raise OutputError(f"cannot read the translation memory: {exc}", path=self.path) from exc
        if not rows:
            return None
        stored_source, stored_target, origin, _ = rows[0]
        try:
            target = _remap(_load(stored_source), _load(stored_target), source)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None  # an entry damaged outside this tool is not used
        return (target, origin) if target is not None else None

    def store(
        self, source_lang: str, target_lang: str, pairs: Sequence[tuple[Content, Content]], origin: str, context: str
    ) -> None:
        now = self.clock()  # type: ignore[operator]
        try:
            with self.connection:
                self.connection.executemany(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(source_lang, target_lang, _key(s), context, _dump(s), _dump(t), origin, now) for s, t in pairs],
                )
        except sqlite3.Error as exc:
            raise OutputError(f"cannot write to the translation memory: {exc}", path=self.path) from exc

    def count(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM entries").fetchone()[0])


def mt_context(engine: EngineInfo, glossary: str) -> str:
    """What a cached machine translation was made with: this tool's version
    (its codecs and stages shape every target), the engine, its version and
    model, and the glossary files."""
    return f"bilingual {__version__}|{engine.name}|{engine.version}|{engine.model}|{glossary}"


def apply_memory(document: Document, memory: TranslationMemory, context: str) -> Document:
    """Targets from the memory for segments it knows (origin ``memory``)."""
    units = []
    for unit in document.units:
        parts = []
        for part in unit.parts:
            if isinstance(part, Segment) and part.target is None:
                found = memory.lookup(document.source_lang, document.target_lang, part.source, context)
                if found is not None:
                    target, origin = found
                    state = "translated" if origin == "reviewed" else "needs-review"
                    part = replace(part, target=target, origin="memory", state=state)  # type: ignore[arg-type]
            parts.append(part)
        units.append(replace(unit, parts=tuple(parts)))
    return replace(document, units=tuple(units))


def remember(document: Document, memory: TranslationMemory, origins: tuple[str, ...], context: str) -> None:
    pairs = [(s.source, s.target) for s in document.segments if s.target is not None and s.origin in origins]
    if pairs:
        origin = "reviewed" if "reviewed" in origins else "mt"
        memory.store(document.source_lang, document.target_lang, pairs, origin, context)
