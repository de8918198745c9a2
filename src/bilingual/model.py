"""The document model: the one structure every stage reads and returns.

Pure data, no behaviour beyond small derived views. A :class:`Document` holds
:class:`TextUnit` blocks; a unit's ``parts`` are :class:`Segment` sentences and
:class:`Gap` stretches between them, and joining the parts gives back the
unit's content exactly. Content is a tuple of :class:`Text` runs and
:class:`Code` inline tags; a code keeps its original markup verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

CodeKind = Literal["open", "close", "empty"]
Severity = Literal["error", "warning", "info"]
Origin = Literal["mt", "memory", "glossary", "reviewed", "source"]
State = Literal["new", "translated", "needs-review", "reviewed", "final"]


@dataclass(frozen=True, slots=True)
class Text:
    """A run of text. ``raw`` is the original HTML spelling when it differs
    (an entity reference, a run of whitespace collapsed to one space); it lets
    an unchanged sentence be written back exactly as it was read."""

    text: str
    raw: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Code:
    """One inline tag. An ``open`` and its ``close`` share ``id``; ``markup``
    is the tag exactly as it appeared in the source (``<a href="…">``)."""

    kind: CodeKind
    id: int
    name: str
    markup: str


Inline = Text | Code
Content = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """A QA finding. Stages annotate with issues; they never raise for them."""

    check: str
    severity: Severity
    message: str
    segment_id: str | None = None


class TermHit(NamedTuple):
    """A glossary term found in a segment's source, with the form the
    target must contain. Offsets are in the segment's plain source text.
    (A named tuple: an article dense with terms makes hundreds, and a
    frozen dataclass takes four times as long to build.)"""

    term_id: str
    source: str
    start: int
    end: int
    target: str
    action: str
    note: str = ""
    gender: str = ""
    number: str = ""
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence: source content, target content once translated."""

    id: str
    source: Content
    target: Content | None = None
    origin: Origin | None = None
    state: State = "new"
    terms: tuple[TermHit, ...] = ()
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True, slots=True)
class Gap:
    """Content between segments (spacing, untranslatable stretches)."""

    content: Content


Part = Segment | Gap


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One translatable block or attribute.

    ``kind`` is the element (``p``, ``h2``, ``li``, ``figcaption``) or the
    attribute (``alt``, ``title``, ``meta``); ``role`` is what the block is in
    the article (``title``, ``byline``, ``paragraph``, ``quote``, …).
    """

    id: str
    kind: str
    parts: tuple[Part, ...]
    role: str = "paragraph"
    translate: bool = True
    context: tuple[str, ...] = ()

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(p for p in self.parts if isinstance(p, Segment))

    @property
    def source(self) -> Content:
        return join_parts(self.parts, "source")

    @property
    def target(self) -> Content:
        return join_parts(self.parts, "target")


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str = ""
    byline: str = ""
    date: str = ""
    canonical_url: str = ""
    description: str = ""
    site_name: str = ""
    declared_lang: str = ""


@dataclass(frozen=True, slots=True)
class Provenance:
    """What produced the targets, written into every output header."""

    engine: str = ""
    engine_version: str = ""
    model: str = ""
    glossary: str = ""
    segmenter: str = ""
    tool_version: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """An article. ``skeleton`` belongs to the reader/writer pair of the
    source format (for HTML: the decoded page and where each unit sits)."""

    source_path: str
    source_lang: str
    target_lang: str
    units: tuple[TextUnit, ...]
    metadata: Metadata = Metadata()
    provenance: Provenance = Provenance()
    issues: tuple[Issue, ...] = ()
    skeleton: Any = field(default=None, compare=False, repr=False)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(s for u in self.units for s in u.segments)

    def all_issues(self) -> tuple[Issue, ...]:
        return self.issues + tuple(i for s in self.segments for i in s.issues)


def join_parts(parts: tuple[Part, ...], side: Literal["source", "target"] = "source") -> Content:
    """The unit content the parts stand for. For the target side, a segment
    without a target contributes its source (nothing is ever dropped)."""
    out: list[Inline] = []
    for part in parts:
        if isinstance(part, Gap):
            out.extend(part.content)
        elif side == "target" and part.target is not None:
            out.extend(part.target)
        else:
            out.extend(part.source)
    return tuple(out)
