"""The bilingual page: one self-contained HTML file with a side-by-side
reading view and a review view.

Sentences on both sides carry the segment id, so hovering or focusing one
highlights its counterpart. Inline formatting from the article is kept
through a sanitizer (nh3): links, emphasis and the like survive; nothing
executable, no styles and no external resources come from the input page.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import nh3
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from bilingual.content import SpanPiece, plain_text, with_spans
from bilingual.model import Content, Document, Gap, Issue, Segment, TermHit, Text, TextUnit

LANGUAGE_NAMES = {"en": "English", "es": "Español"}
_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "br",
    "cite",
    "code",
    "del",
    "dfn",
    "em",
    "i",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
    "wbr",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title", "class"},
    "time": {"datetime"},
    "span": {"class", "data-seg", "tabindex"},
}
_BLOCK_ROLES = {
    "title",
    "standfirst",
    "byline",
    "date",
    "heading",
    "paragraph",
    "list-item",
    "quote",
    "caption",
    "table-cell",
    "preformatted",
    "alt",
}
_HEADER_ROLES = ("title", "standfirst", "byline", "date")


@dataclass
class Side:
    lang: str
    html: Markup


_ELEMENTS = {
    "heading": "h2",
    "quote": "blockquote",
    "list-item": "li",
    "caption": "figcaption",
    "preformatted": "pre",
    "table-row": "tr",
}


@dataclass
class BlockView:
    unit_id: str
    role: str
    kind: str

    @property
    def element(self) -> str:
        """The HTML element the block is on each side (semantic markup)."""
        if self.role == "heading":
            return self.kind if self.kind in ("h2", "h3", "h4", "h5", "h6") else "h2"
        return _ELEMENTS.get(self.role, "p")

    source: Side
    target: Side
    has_issues: bool = False


@dataclass
class SegmentRow:
    id: str
    source: Markup
    target: Markup
    origin: str
    issues: list[Issue] = field(default_factory=list)
    terms: list[TermHit] = field(default_factory=list)
    terms_html: Markup = field(default_factory=Markup)  # the hits as the table lists them


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("bilingual.formats", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_bilingual_html(document: Document, *, tool_version: str = "") -> str:
    source_lang, target_lang = document.source_lang, document.target_lang
    sides = _SegmentSides()  # each segment's HTML serves the reading view and the review table
    blocks = [_block(unit, source_lang, target_lang, sides) for unit in document.units if unit.role in _BLOCK_ROLES]
    blocks = _table_rows(blocks, _row_keys(document))
    header = {role: next((b for b in blocks if b.role == role), None) for role in _HEADER_ROLES}
    body = [b for b in blocks if b.role not in _HEADER_ROLES or b is not header.get(b.role)]
    rows = [_row(s, sides, source_lang, target_lang) for s in document.segments]
    issues = document.all_issues()
    severity = Counter(i.severity for i in issues)
    template = _environment().get_template("bilingual.html.j2")
    return template.render(
        doc=document,
        source_lang=source_lang,
        target_lang=target_lang,
        source_name=LANGUAGE_NAMES.get(source_lang, source_lang),
        target_name=LANGUAGE_NAMES.get(target_lang, target_lang),
        header=header,
        blocks=body,
        rows=rows,
        counts={
            "segments": len(rows),
            "with_issues": sum(1 for r in rows if r.issues),
            "errors": severity.get("error", 0),
            "warnings": severity.get("warning", 0),
            "infos": severity.get("info", 0),
            "terms": sum(len(r.terms) for r in rows),
            "origins": dict(sorted(Counter(r.origin for r in rows).items())),
        },
        tool_version=tool_version,
        source_name_file=document.source_path.replace("\\", "/").rsplit("/", 1)[-1],
    )


def _block(unit: TextUnit, source_lang: str, target_lang: str, sides: _SegmentSides) -> BlockView:
    return BlockView(
        unit_id=unit.id,
        role=unit.role,
        kind=unit.kind,
        source=Side(source_lang, _unit_html(unit, "source", sides)),
        target=Side(target_lang, _unit_html(unit, "target", sides)),
        has_issues=any(s.issues for s in unit.segments),
    )


def _row_keys(document: Document) -> dict[str, str]:
    """Unit id -> the table row (its locator) of each table cell whose place
    in the page is known."""
    units = getattr(document.skeleton, "units", None) or {}
    keys = {}
    for unit in document.units:
        where = units.get(unit.id)
        if unit.role == "table-cell" and where is not None:
            row = where.path.rpartition("/")[0]
            if _ROW_STEP.fullmatch(row.rpartition("/")[2]):
                keys[unit.id] = row
    return keys


_ROW_STEP = re.compile(r"tr(?:\[\d+\])?")


def _table_rows(blocks: list[BlockView], row_keys: dict[str, str]) -> list[BlockView]:
    """The cells of a table row as one block, read across on each side as
    in the page (cells whose row is not known stay blocks of their own)."""
    out: list[BlockView] = []
    row: list[BlockView] = []
    for block in [*blocks, None]:
        key = row_keys.get(block.unit_id) if block is not None else None
        if row and key != row_keys[row[0].unit_id]:
            out.append(_row_block(row))
            row = []
        if key is not None:
            row.append(block)  # type: ignore[arg-type]
        elif block is not None:
            out.append(block)
    return out


def _row_block(cells: list[BlockView]) -> BlockView:
    def side(name: str) -> Side:
        markup = []
        for cell in cells:
            tag = "th" if cell.kind == "th" else "td"
            markup.append(f'<{tag} data-unit="{html.escape(cell.unit_id)}">{getattr(cell, name).html}</{tag}>')
        return Side(getattr(cells[0], name).lang, Markup("".join(markup)))

    first = cells[0]
    return BlockView(first.unit_id, "table-row", "tr", side("source"), side("target"), any(c.has_issues for c in cells))


def _unit_html(unit: TextUnit, side: str, sides: _SegmentSides) -> Markup:
    out: list[str] = []
    for part in unit.parts:
        if isinstance(part, Gap):
            out.append(sanitize(_markup(part.content)))
            continue
        inner = sides(part, side)
        # the reading view marks a translation a reviewer should look at, not the source or mere hints
        flagged = side == "target" and any(i.severity != "info" for i in part.issues)
        classes = "seg" + (" has-issue" if flagged else "")
        out.append(f'<span class="{classes}" data-seg="{html.escape(part.id)}" tabindex="0">{inner}</span>')
    return Markup("".join(out))


class _SegmentSides:
    """A segment's sanitized HTML on one side (the target falls back to
    the source), made once per page."""

    def __init__(self) -> None:
        self._done: dict[tuple[str, str], Markup] = {}

    def __call__(self, segment: Segment, side: str) -> Markup:
        key = (segment.id, side)
        found = self._done.get(key)
        if found is None:
            found = self._done[key] = segment_html(*_side_content(segment, side))
        return found


def segment_html(content: Content, terms: list[tuple[int, int, TermHit]]) -> Markup:
    """Sanitized HTML of a segment's content with its glossary terms marked.
    Text alone comes out of :func:`_markup` as the sanitizer would give it
    back, so only content with codes is sanitized."""
    fragment = _markup(content, terms)
    if all(type(item) is Text for item in content) and not fragment.startswith("\ufeff"):
        return Markup(fragment)  # (the sanitizer's parser drops a byte order mark opening a fragment)
    return sanitize(fragment)


def _abbr(term: TermHit) -> str:
    """The term's rule and its note, as the XLIFF says them: "translate:
    Ley de Ajuste Cubano — 1966 U.S. law…"."""
    rule = f"{term.action}: {term.target}"
    return _abbr_tag(f"{rule} — {term.note}" if term.note else rule)


@lru_cache(maxsize=4096)
def _abbr_tag(title: str) -> str:
    """The opening tag of a term's mark (a page repeats a few terms many times)."""
    return f'<abbr class="term" title="{_escape_attribute(title)}">'


def _side_content(segment: Segment, side: str) -> tuple[Content, list[tuple[int, int, TermHit]]]:
    if side == "source":
        return segment.source, [(t.start, t.end, t) for t in segment.terms]
    content = segment.target if segment.target is not None else segment.source
    return content, _target_term_spans(plain_text(content), segment.terms)


def _target_term_spans(text: str, terms: Iterable[TermHit]) -> list[tuple[int, int, TermHit]]:
    """Where each term's required form is in the target: in its own case
    only for a case-sensitive term ("Remesas" opening a sentence is still
    "remesas"), the second hit of a form at its second occurrence."""
    spans = []
    searched_from: dict[tuple[str, bool], int] = {}
    for term in terms:
        if not term.target:
            continue
        key = (term.target, term.case_sensitive)
        found = _form_pattern(*key).search(text, searched_from.get(key, 0))
        if found:
            spans.append((found.start(), found.end(), term))
            searched_from[key] = found.end()
    spans.sort(key=lambda s: s[0])
    kept: list[tuple[int, int, TermHit]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


@lru_cache(maxsize=4096)
def _form_pattern(form: str, case_sensitive: bool) -> re.Pattern[str]:
    """The form; one that opens with the article "el" also as Spanish
    contracts it after "de" and "a" ("del Departamento", "al Departamento")."""
    pattern = rf"(?<!\w)(?:d?el|al){re.escape(form[2:])}" if form.startswith("el ") else re.escape(form)
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


def _markup(content: Content, terms: list[tuple[int, int, TermHit]] | None = None) -> str:
    """HTML of content: escaped text with glossary terms wrapped in
    ``<abbr>``, codes as their original markup (sanitized afterwards); a
    term that runs across a code ("Department of <em>Homeland</em>
    Security") gets an ``<abbr>`` on each side of it. Text is escaped the
    way the sanitizer writes it, so content without codes needs no
    sanitizing."""
    out = []
    for piece in with_spans(content, terms or ()):
        if isinstance(piece, str):
            out.append(_escape_text(piece))
        elif isinstance(piece, SpanPiece):
            out.append(f"{_abbr(piece.mark)}{_escape_text(piece.text)}</abbr>")
        else:
            out.append(piece.markup)
    return "".join(out)


def _escape_text(text: str) -> str:
    """Text as the sanitizer's serializer writes it (line ends as LF, no NUL)."""
    if "\r" in text or "\0" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\xa0", "&nbsp;")


def _escape_attribute(value: str) -> str:
    """An attribute value (in double quotes) as the sanitizer's serializer writes it."""
    if "\r" in value or "\0" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    return _escape_text(value).replace('"', "&quot;")


def sanitize(fragment: str) -> Markup:
    """Keep inline formatting and safe links; drop everything else."""
    return Markup(_cleaner().clean(fragment))


@cache
def _cleaner() -> nh3.Cleaner:
    """The sanitizer's rules, built once (a page sanitizes hundreds of
    fragments)."""
    return nh3.Cleaner(
        tags=_ALLOWED_TAGS,
        clean_content_tags={"script", "style", "template", "iframe", "object", "svg", "math", "noscript"},
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _row(segment: Segment, sides: _SegmentSides, source_lang: str, target_lang: str) -> SegmentRow:
    return SegmentRow(
        id=segment.id,
        source=sides(segment, "source"),
        target=sides(segment, "target") if segment.target is not None else Markup(""),
        origin=segment.origin or "none",
        issues=list(segment.issues),
        terms=list(segment.terms),
        terms_html=Markup(
            "".join(_term_hit(t.source, t.target, t.action, source_lang, target_lang) for t in segment.terms)
        ),
    )


@lru_cache(maxsize=4096)
def _term_hit(source: str, target: str, action: str, source_lang: str, target_lang: str) -> str:
    """A glossary hit as the review table lists it (made once per page for
    each term: an article repeats its terms many times)."""
    return (
        f'<span class="term-hit"><span lang="{escape(source_lang)}">{escape(source)}</span>'
        f' → <span lang="{escape(target_lang)}">{escape(target)}</span> <small>{escape(action)}</small></span>'
    )
