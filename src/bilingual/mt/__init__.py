"""Machine translation of documents: every untranslated segment of a batch
of documents goes through the engine's codec and into one engine call,
deduplicated, then comes back in place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bilingual.content import plain_text
from bilingual.model import Code, Document, Segment, TextUnit
from bilingual.mt.base import Encoded, Translator
from bilingual.mt.initials import put_initial, split_initial
from bilingual.mt.numbers import english_numbers, number_style

__all__ = ["translate_documents"]


@dataclass(frozen=True)
class _Job:
    doc: int
    unit: int
    part: int
    encoded: Encoded
    initial: tuple[Code, Code] | None = None  # a drop cap tag, given back to the translation


def translate_documents(documents: Sequence[Document], translator: Translator) -> list[Document]:
    """Translate all documents with one batched engine call."""
    jobs = _collect(documents, translator)
    unique = list(dict.fromkeys(job.encoded.text for job in jobs))
    outputs = dict(zip(unique, translator.translate_batch(unique), strict=True)) if unique else {}
    updated = [list(list(u.parts) for u in d.units) for d in documents]
    remarks = getattr(translator, "remarks", {})
    # an engine that writes numbers as the source does gets them written the English way (mt/numbers.py)
    adapt = getattr(translator, "keeps_source_numbers", False)
    number_styles = {d: _number_style(doc) for d, doc in enumerate(documents) if adapt and _to_english(doc)}
    for job in jobs:
        segment = updated[job.doc][job.unit][job.part]
        assert isinstance(segment, Segment)
        decoded = translator.codec.decode(job.encoded, outputs[job.encoded.text], segment.id)
        noted = tuple(replace(r, segment_id=segment.id) for r in remarks.get(job.encoded.text, ()))
        content = decoded.content
        if job.doc in number_styles:
            content = english_numbers(content, plain_text(segment.source), number_styles[job.doc])
        updated[job.doc][job.unit][job.part] = replace(
            segment,
            target=put_initial(content, job.initial) if job.initial else content,
            origin="mt",
            state="needs-review",
            issues=segment.issues + decoded.issues + noted,
        )
    info = translator.info
    result = []
    for d, doc in enumerate(documents):
        units = tuple(replace(unit, parts=tuple(updated[d][u])) for u, unit in enumerate(doc.units))
        provenance = replace(doc.provenance, engine=info.name, engine_version=info.version, model=info.model)
        result.append(replace(doc, units=units, provenance=provenance))
    return result


def _to_english(document: Document) -> bool:
    return document.source_lang == "es" and document.target_lang == "en"


def _number_style(document: Document) -> str:
    return number_style(plain_text(s.source) for s in document.segments)


def _collect(documents: Sequence[Document], translator: Translator) -> list[_Job]:
    jobs = []
    for d, doc in enumerate(documents):
        for u, unit in enumerate(doc.units):
            for p, part in enumerate(unit.parts):
                if isinstance(part, Segment) and part.target is None and _needs_engine(part, unit):
                    source, initial = split_initial(part.source)
                    jobs.append(_Job(d, u, p, translator.codec.encode(source, part.terms), initial))
    return jobs


def _needs_engine(segment: Segment, unit: TextUnit) -> bool:
    return unit.translate and any(ch.isalpha() for ch in plain_text(segment.source))


def copy_untranslatable(document: Document) -> Document:
    """Segments with no words (numbers, symbols) keep their source."""
    units = []
    for unit in document.units:
        parts = tuple(
            replace(p, target=p.source, origin="source", state="translated")
            if isinstance(p, Segment) and p.target is None and not any(ch.isalpha() for ch in plain_text(p.source))
            else p
            for p in unit.parts
        )
        units.append(replace(unit, parts=parts))
    return replace(document, units=tuple(units))
