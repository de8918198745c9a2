"""The translated article: the original page with the article's text
replaced in place.

Everything outside the units is written back exactly as it was read, except
``<html lang>`` (and XHTML's ``xml:lang``), the charset declaration and
an XML declaration's encoding (output is UTF-8; a page that declares no
charset gets ``<meta charset="utf-8">``, or a browser may read it as
windows-1252), an added ``<link rel="alternate" hreflang>`` to the source,
and scripts, which are removed (but an AMP page's runtime, see
``bilingual.extract.reader``). A sentence whose target equals its source
is written from the original text, so an identity translation gives back
the page unchanged.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from bilingual.content import same_content
from bilingual.extract.reader import HtmlSkeleton
from bilingual.extract.units import UnitSource
from bilingual.model import Code, Content, Document, Gap, Text, TextUnit


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    render: Callable[[], str]


def render_translated_html(
    document: Document, *, source_href: str = "", remove_scripts: bool = True, page_edits: bool = True
) -> str:
    """The translated page as text (to be written as UTF-8). Without
    ``page_edits`` and ``remove_scripts`` only the article text changes."""
    skeleton: HtmlSkeleton = document.skeleton
    writer = _SpliceWriter(skeleton.source)
    for unit in document.units:
        where = skeleton.units[unit.id]
        writer.add(where.start, where.end, _unit_renderer(writer, unit, where))
    if remove_scripts:
        for start, end in skeleton.scripts:
            writer.add(start, end, lambda: "")
    if page_edits:
        _page_edits(writer, skeleton, document, source_href)
    return writer.render(0, len(skeleton.source))


def _page_edits(writer: _SpliceWriter, skeleton: HtmlSkeleton, document: Document, href: str) -> None:
    lang = document.target_lang
    if skeleton.html_lang is not None:
        start, end = skeleton.html_lang
        writer.add(start, end, lambda: lang)
    elif skeleton.html_open_end is not None:
        at = skeleton.html_open_end - 1
        writer.add(at, at, lambda: f' lang="{lang}"')
    if skeleton.xml_lang is not None:
        start, end = skeleton.xml_lang
        writer.add(start, end, lambda: lang)
    if skeleton.xml_encoding is not None:
        start, end = skeleton.xml_encoding
        writer.add(start, end, lambda: "utf-8")
    close = " /" if skeleton.xhtml else ""
    if skeleton.charset is not None:
        start, end = skeleton.charset
        original = skeleton.source[start:end]
        value = "utf-8" if "charset" not in original.lower() else "text/html; charset=utf-8"
        writer.add(start, end, lambda: value)
    else:
        at = next(a for a in (skeleton.head_open_end, skeleton.html_open_end, skeleton.doctype_end) if a is not None)
        writer.add(at, at, lambda: f'<meta charset="utf-8"{close}>')
    if skeleton.head_end is not None:
        link = _alternate_link(document, href, close)
        at = skeleton.head_end
        writer.add(at, at, lambda: link)


def _alternate_link(document: Document, href: str, close: str = "") -> str:
    target = href or document.metadata.canonical_url
    if not target:
        return ""
    return (
        f'<link rel="alternate" hreflang="{html.escape(document.source_lang)}" href="{html.escape(target)}"{close}>\n'
    )


def _unit_renderer(writer: _SpliceWriter, unit: TextUnit, where: UnitSource) -> Callable[[], str]:
    if where.attribute:
        return lambda: _attribute_value(writer, unit, where)
    return lambda: _unit_markup(writer, unit, where)


def _attribute_value(writer: _SpliceWriter, unit: TextUnit, where: UnitSource) -> str:
    if all(s.target is None or same_content(s.target, s.source) for s in unit.segments):
        return writer.source[where.start : where.end]
    return html.escape(_plain(unit.target), quote=True)


def _plain(content: Content) -> str:
    return "".join(i.text for i in content if isinstance(i, Text))


def _unit_markup(writer: _SpliceWriter, unit: TextUnit, where: UnitSource) -> str:
    out = []
    for part in unit.parts:
        if isinstance(part, Gap):
            out.append(_content_markup(writer, part.content, where))
        elif part.target is None or same_content(part.target, part.source):
            out.append(_content_markup(writer, part.source, where))
        else:
            out.append(_content_markup(writer, part.target, where))
    return "".join(out)


def _content_markup(writer: _SpliceWriter, content: Content, where: UnitSource) -> str:
    out = []
    for item in content:
        if isinstance(item, Text):
            out.append(item.raw if item.raw is not None else html.escape(item.text, quote=False))
        else:
            out.append(_code_markup(writer, item, where))
    return "".join(out)


def _code_markup(writer: _SpliceWriter, code: Code, where: UnitSource) -> str:
    span = where.code_spans.get((code.kind, code.id))
    if span is None:
        return code.markup
    return writer.render(*span)


class _SpliceWriter:
    """The source text with edits applied; an edit may hold other edits
    (an ``alt`` inside an ``<img>`` inside a paragraph)."""

    def __init__(self, source: str):
        self.source = source
        self.edits: list[_Edit] = []
        self._starts: list[int] | None = None  # the edits' starts, once sorted

    def add(self, start: int, end: int, render: Callable[[], str]) -> None:
        self.edits.append(_Edit(start, end, render))
        self._starts = None

    def render(self, start: int, end: int) -> str:
        if self._starts is None:  # in order of start; insertions first, then the longest edit
            self.edits.sort(key=lambda e: (e.start, e.start != e.end, -(e.end - e.start)))
            self._starts = [e.start for e in self.edits]
        first, stop = bisect_left(self._starts, start), bisect_right(self._starts, end)
        inside = [e for e in self.edits[first:stop] if e.end <= end]
        out = []
        pos = start
        for edit in inside:
            if edit.start < pos:
                continue  # nested inside an edit already applied
            out.append(self.source[pos : edit.start])
            out.append(edit.render())
            pos = edit.end
        out.append(self.source[pos:end])
        return "".join(out)
