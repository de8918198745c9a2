"""The engine protocol (batch first, with provenance) and the codec data that
carries inline codes and protected terms across an engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from bilingual.model import Code, Content, Issue, TermHit


@dataclass(frozen=True)
class EngineInfo:
    name: str
    version: str
    model: str = ""
    source_lang: str = ""
    target_lang: str = ""


@dataclass(frozen=True)
class Slot:
    """A placeholder the engine must carry through unchanged; after
    translation it is replaced by ``replacement``."""

    key: str
    replacement: Content
    term: TermHit | None = None


@dataclass(frozen=True)
class Encoded:
    """A segment as one engine sees it, plus what is needed to decode it."""

    text: str
    source: Content
    pairs: dict[int, tuple[Code, Code]] = field(default_factory=dict)
    singles: dict[int, Code] = field(default_factory=dict)
    slots: dict[str, Slot] = field(default_factory=dict)


@dataclass(frozen=True)
class Decoded:
    content: Content
    issues: tuple[Issue, ...] = ()


class Codec(Protocol):
    """Encodes segments for one engine and decodes its output, verifying
    that every code and placeholder came back."""

    name: str

    def encode(self, source: Content, terms: tuple[TermHit, ...] = ()) -> Encoded: ...

    def decode(self, encoded: Encoded, output: str, segment_id: str) -> Decoded: ...


class Translator(Protocol):
    """A machine translation engine for one language pair.

    ``translate_batch`` takes texts already encoded by the engine's codec and
    returns one output per input, in order. ``remarks`` holds what the engine
    has to say about particular inputs (split, kept untranslated), by input.
    An engine with ``keeps_source_numbers`` set (a true class attribute)
    writes numbers as its source does, and the numbers it keeps are then
    written the target language's way (:mod:`bilingual.mt.numbers`).
    """

    info: EngineInfo
    remarks: dict[str, list[Issue]]

    @property
    def codec(self) -> Codec:
        """The engine's own codec (read-only: each engine has its own kind)."""

    def start(self) -> None:
        """Begin loading in the background if the engine can (called as
        soon as an article in its direction is read; translating starts it
        anyway)."""

    def translate_batch(self, texts: list[str]) -> list[str]: ...

    def close(self) -> None: ...
