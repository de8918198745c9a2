"""Composition of the stages for one document; no computing here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bilingual import __version__
from bilingual.config import Settings
from bilingual.content import plain_text
from bilingual.detect import detect_language, other_language, unsupported_language
from bilingual.errors import InputDataError, UsageError
from bilingual.extract.reader import read_html_file
from bilingual.glossary import Glossary
from bilingual.glossary.stage import apply_glossary, finish_glossary
from bilingual.model import Document, Provenance
from bilingual.mt import copy_untranslatable
from bilingual.qa import check_document
from bilingual.segment import segment_document, segmenter_version

# A glossary, or what reads it when the first article needs it.
GlossarySource = Glossary | Callable[[], Glossary | None] | None


def read_document(
    path: str | Path,
    settings: Settings,
    glossary: GlossarySource = None,
    on_direction: Callable[[str, str], None] | None = None,
) -> Document:
    """Read, decide the direction (told to ``on_direction``, which may start
    the engine meanwhile), segment, find glossary terms."""
    document = read_html_file(path)
    source = _source_language(document, settings, path)
    target = settings.target_lang or other_language(source)
    if target == source:
        raise UsageError(f"source and target language are both '{source}'", path=str(path))
    if on_direction is not None:
        on_direction(source, target)
    document = replace(
        document,
        source_lang=source,
        target_lang=target,
        provenance=Provenance(segmenter=segmenter_version(source), tool_version=__version__),
    )
    document = copy_untranslatable(segment_document(document))
    if callable(glossary):
        glossary = glossary()
    if glossary is not None and glossary.count:
        document = apply_glossary(document, glossary)
    return document


def _source_language(document: Document, settings: Settings, path: str | Path) -> str:
    if settings.source_lang != "auto":
        return settings.source_lang
    text = " ".join(plain_text(u.source) for u in document.units if u.role not in ("meta", "page-title"))
    foreign = unsupported_language(text)
    if foreign:
        raise InputDataError(
            f"the article is in {foreign}, not English or Spanish (--from en or --from es translates it as such)",
            path=str(path),
        )
    declared = document.metadata.declared_lang.split("-")[0].lower()
    return detect_language(text, fallback=declared or "en")


def finish_document(document: Document, glossary: Glossary | None = None) -> Document:
    """Glossary agreement and verification, then QA."""
    if glossary is not None and glossary.count:
        document = finish_glossary(document, glossary)
    return check_document(document)
