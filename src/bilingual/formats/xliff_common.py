"""What the XLIFF versions share: provenance lines and the reviewed-file
data that ``publish`` reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from bilingual.content import same_content
from bilingual.errors import InputDataError
from bilingual.model import Content, Document, Origin, State


@dataclass(frozen=True)
class ReviewedSegment:
    id: str
    source: Content
    target: Content | None
    state: State
    origin: Origin | str | None = None
    line: int = 0
    confirmed: bool = False  # a reviewer confirmed the target, as the file's version says it


def untouched_copy(origin: str | None, source: Content, target: Content | None) -> bool:
    """A target ``translate`` copied from its source (a number, a symbol)
    and nobody changed: keeping it is no review of it."""
    return origin == "source" and target is not None and same_content(source, target)


@dataclass(frozen=True)
class ReviewedFile:
    original: str
    source_lang: str
    target_lang: str
    segments: list[ReviewedSegment] = field(default_factory=list)
    version: str = "1.2"


def base_language(code: str) -> str:
    """The language of a language tag, as the tool names it: ``es-MX``,
    ``ES`` and ``es_ES`` are all ``es``."""
    return code.strip().replace("_", "-").partition("-")[0].lower()


def single_file(files: list[etree._Element], path: str) -> etree._Element | None:
    """The one ``<file>`` of a reviewed XLIFF (None if it has none): a file
    holds one article, and a second one would be ignored."""
    if len(files) > 1:
        raise InputDataError(
            f"a second <file> element: one article per XLIFF file ({len(files)} found)",
            path=path,
            line=files[1].sourceline,
        )
    return files[0] if files else None


def provenance_lines(document: Document) -> list[str]:
    p = document.provenance
    lines = [f"engine: {p.engine} {p.engine_version}".rstrip()]
    if p.model:
        lines.append(f"model: {p.model}")
    lines.append(f"glossary: {p.glossary or 'none'}")
    if p.segmenter:
        lines.append(f"segmenter: {p.segmenter}")
    lines.append(f"tool: bilingual {p.tool_version}".rstrip())
    return lines
