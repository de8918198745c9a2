"""Publishing from a reviewed XLIFF: the reviewer's targets go back into the
article they came from, which is read again and must still match.

Every mismatch is reported, naming the unit and segment: segments missing
from the file or not in the article, a source that changed, inline codes
missing from a target or invented in it, targets left empty. Nothing is
written unless the whole file is consistent.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from bilingual import __version__
from bilingual.config import Settings
from bilingual.content import misnested_codes, plain_text
from bilingual.detect import LANGUAGES
from bilingual.errors import InputDataError, InputNotFoundError, read_input
from bilingual.formats import write_outputs
from bilingual.formats.inline import parse_xml
from bilingual.formats.xliff12 import read_xliff12_root
from bilingual.formats.xliff21 import read_xliff21_root
from bilingual.formats.xliff_common import ReviewedFile, ReviewedSegment
from bilingual.memory import TranslationMemory, remember
from bilingual.model import Code, Content, Document, Segment, State
from bilingual.pipeline import read_document
from bilingual.qa import check_document


class PublishError(InputDataError):
    """A reviewed file that does not fit its article; lists every problem."""

    shown = 50  # a file with thousands of problems is better read from its first ones

    def __init__(self, path: str, problems: list[str]):
        lines = [f"{path}: error: {p}" for p in problems[: self.shown]]
        if len(problems) > self.shown:
            lines.append(f"{path}: … and {len(problems) - self.shown} more problems")
        super().__init__("\n".join(lines), path=path)
        self.problems = problems

    def __str__(self) -> str:
        return self.message


@dataclass
class Published:
    document: Document
    outputs: dict[str, str]
    reviewed: int


def read_reviewed(path: Path) -> ReviewedFile:
    root = parse_xml(read_input(path, "an XLIFF file"), str(path))
    if root.get("version", "").startswith("2"):
        reviewed = read_xliff21_root(root, str(path))
    elif root.get("version") == "1.2":
        reviewed = read_xliff12_root(root, str(path))
    else:
        raise InputDataError("not an XLIFF 1.2 or 2.x file", path=str(path))
    _check_languages(reviewed, str(path))
    return reviewed


def _check_languages(reviewed: ReviewedFile, path: str) -> None:
    """English into Spanish or Spanish into English; a file may leave a
    language unstated (the article tells it)."""
    source, target = reviewed.source_lang, reviewed.target_lang
    if any(lang not in LANGUAGES for lang in (source, target) if lang) or (source and source == target):
        raise InputDataError(
            f"the file translates '{source}' into '{target}': only en into es and es into en are supported",
            path=path,
        )


def find_source(reviewed: ReviewedFile, xliff: Path, override: Path | None) -> Path:
    """The article the file was made from: as named in it, relative to the
    working folder or to the file's folder and its parents."""
    if override is not None:
        if not override.is_file():
            raise InputNotFoundError("no such source article", path=str(override))
        return override
    named = Path(reviewed.original)
    if named.suffix.lower() not in (".html", ".htm"):
        raise InputDataError(
            f"the source named in the file, '{_quoted(reviewed.original)}', is not an .html or .htm page; "
            "pass the article with --source",
            path=str(xliff),
        )
    candidates = [named] + [base / named for base in [xliff.parent, *xliff.resolve().parents][:4]]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise InputNotFoundError(
        f"the source article '{reviewed.original}' named in the file was not found; pass it with --source",
        path=str(xliff),
    )


def publish(xliff: Path, output_dir: Path, source: Path | None = None, tm_path: Path | None = None) -> Published:
    reviewed = read_reviewed(xliff)
    article = find_source(reviewed, xliff, source)
    # the file's languages, as translate used them (also a direction forced with --from)
    settings = Settings(source_lang=reviewed.source_lang or "auto", target_lang=reviewed.target_lang or None)
    document = read_document(article, settings)
    document = apply_reviewed(document, reviewed, str(xliff))
    document = replace(document, provenance=replace(document.provenance, tool_version=__version__))
    document = check_document(document)
    memory = TranslationMemory(tm_path) if tm_path is not None else None  # a bad memory stops before writing
    try:
        outputs = write_outputs(document, output_dir, article.stem, ["translated-html", "bilingual-html"])
        if memory is not None:
            remember(document, memory, ("reviewed",), "")
    finally:
        if memory is not None:
            memory.close()
    return Published(document, outputs, sum(1 for s in document.segments if s.origin == "reviewed"))


def apply_reviewed(document: Document, reviewed: ReviewedFile, path: str) -> Document:
    by_id = {s.id: s for s in reviewed.segments}
    _check_is_its_article(document, by_id, path)
    ours = {s.id for s in document.segments}
    problems = [f"{sid}: not in the article (unit {sid.split('.')[0]})" for sid in by_id if sid not in ours]
    seen: set[str] = set()
    for segment in reviewed.segments:
        if segment.id in seen:
            problems.append(f"{segment.id} (line {segment.line}): the same id again in the file")
        seen.add(segment.id)
    units = []
    for unit in document.units:
        parts = []
        for part in unit.parts:
            if isinstance(part, Segment):
                found = by_id.get(part.id)
                if found is None:
                    problems.append(f"{part.id}: missing from the reviewed file (unit {unit.id})")
                else:
                    part, trouble = _reviewed_segment(part, found)
                    problems += trouble
            parts.append(part)
        units.append(replace(unit, parts=tuple(parts)))
    if problems:
        raise PublishError(path, problems)
    return replace(document, units=tuple(units))


def _check_is_its_article(document: Document, by_id: dict[str, ReviewedSegment], path: str) -> None:
    """Some source of the file is in the article; otherwise the page is
    another one, and none of its text is quoted."""
    if by_id and not any(s.id in by_id and _same_source(s.source, by_id[s.id].source) for s in document.segments):
        raise InputDataError(
            f"no source of the file is in {document.source_path}: not the article the file was made from; "
            "pass that with --source",
            path=path,
        )


def _same_source(article: Content, reviewed: Content) -> bool:
    """The same text, whether a tool saved it composed (NFC) or decomposed
    (NFD: "a" and a combining accent for "á")."""
    return _nfc(plain_text(article)) == _nfc(plain_text(reviewed))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _quoted(text: str, limit: int = 40) -> str:
    """A short excerpt for a message, its control characters escaped."""
    excerpt = text[:limit] + ("…" if len(text) > limit else "")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in excerpt)


def _reviewed_segment(segment: Segment, reviewed: ReviewedSegment) -> tuple[Segment, list[str]]:
    where = f"{segment.id} (line {reviewed.line})"
    problems = []
    if not _same_source(segment.source, reviewed.source):
        problems.append(
            f"{where}: the source differs from the article: "
            f"'{_quoted(plain_text(reviewed.source))}' vs '{_quoted(plain_text(segment.source))}'"
        )
    if reviewed.target is None or (not plain_text(reviewed.target).strip() and plain_text(segment.source).strip()):
        problems.append(f"{where}: no target")
        return segment, problems
    wanted = Counter((c.kind, c.id) for c in segment.source if isinstance(c, Code))
    got = Counter((c.kind, c.id) for c in reviewed.target if isinstance(c, Code))
    for kind, code_id in sorted((wanted - got).elements()):
        problems.append(f"{where}: inline code {code_id} ({kind}) of the source is missing from the target")
    for kind, code_id in sorted((got - wanted).elements()):
        problems.append(f"{where}: inline code {code_id} ({kind}) in the target is not in the source")
    for code_id in misnested_codes(reviewed.target, segment.source):
        problems.append(f"{where}: inline code {code_id} is closed out of order in the target{_OUT_OF_ORDER}")
    if problems:
        return segment, problems
    target = _with_original_markup(reviewed.target, segment.source)
    if reviewed.confirmed:
        state: State = "final" if reviewed.state == "final" else "reviewed"
        return replace(segment, target=target, origin="reviewed", state=state), []
    # left as the machine wrote it: published, but not counted as reviewed
    origin = reviewed.origin if reviewed.origin in _ORIGINS else "mt"
    return replace(segment, target=target, origin=origin, state="needs-review"), []  # type: ignore[arg-type]


_OUT_OF_ORDER = " (before it opens, or across another code): the page would not nest"
_ORIGINS = ("mt", "memory", "glossary", "source")


def _with_original_markup(target: Content, source: Content) -> Content:
    """Codes take their markup from the article, whatever a tool did to it."""
    markup = {(c.kind, c.id): c for c in source if isinstance(c, Code)}
    return tuple(markup.get((i.kind, i.id), i) if isinstance(i, Code) else i for i in target)
