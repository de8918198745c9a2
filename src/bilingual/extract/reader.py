"""The HTML reader: bytes in, :class:`Document` out.

Decodes once, parses into a source-mapped tree, finds the article and
makes one unit per block (plus the page title, meta descriptions and the
``alt``/``title`` attributes inside the article). The skeleton keeps the
decoded page and where every unit sits, for the HTML writer.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from bilingual.content import plain_text
from bilingual.errors import InputDataError, is_utf8_name, printable, read_input
from bilingual.extract.article import Article, find_article
from bilingual.extract.blocks import PageIndex
from bilingual.extract.decode import decode_html
from bilingual.extract.htmltree import Element, Tree, nearest, parse
from bilingual.extract.metadata import read_metadata
from bilingual.extract.units import (
    UnitSource,
    attribute_unit,
    block_unit,
    text_element_unit,
)
from bilingual.model import Document, Metadata, TextUnit

_META_UNITS = ("description", "og:title", "og:description", "twitter:title", "twitter:description")
_ATTRIBUTE_UNITS = (("img", "alt"), ("amp-img", "alt"), ("area", "alt"), ("input", "alt"), ("*", "title"))


@dataclass
class HtmlSkeleton:
    """The decoded page and the spans the writer replaces."""

    source: str
    encoding: str
    units: dict[str, UnitSource] = field(default_factory=dict)
    scripts: list[tuple[int, int]] = field(default_factory=list)
    charset: tuple[int, int] | None = None
    html_lang: tuple[int, int] | None = None
    html_open_end: int | None = None
    head_end: int | None = None
    head_open_end: int | None = None  # where a missing charset declaration goes
    xml_lang: tuple[int, int] | None = None  # XHTML: <html xml:lang>
    xml_encoding: tuple[int, int] | None = None  # XHTML: <?xml … encoding="…"?>
    doctype_end: int = 0

    @property
    def xhtml(self) -> bool:
        return self.xml_encoding is not None or self.xml_lang is not None or self.source.lstrip().startswith("<?xml")


def read_html_file(path: str | Path) -> Document:
    """Read an article page from disk."""
    if not is_utf8_name(str(path)):
        raise InputDataError("file name is not valid UTF-8: rename the file", path=printable(str(path)))
    return read_html(read_input(path, "an HTML file"), str(path))


def read_html(data: bytes, path: str = "<page>") -> Document:
    if not data.strip():
        raise InputDataError("empty file: no HTML to read", path=path)
    if data.startswith(b"\x1f\x8b"):
        raise InputDataError("gzip-compressed, not an HTML page: decompress it first (gunzip)", path=path)
    decoded = decode_html(data)
    if "\x00" in decoded.text[:4096]:
        raise InputDataError("binary data, not an HTML page", path=path)
    tree = parse(decoded.text)
    index = PageIndex(tree)
    article = find_article(index)
    if not article.blocks:
        raise InputDataError("no article text found in the page", path=path)
    metadata = read_metadata(tree)
    skeleton = HtmlSkeleton(source=decoded.text, encoding=decoded.encoding)
    units = _units(index, article, skeleton)
    _page_facts(tree, skeleton)
    return Document(
        source_path=path,
        source_lang=metadata.declared_lang.split("-")[0].lower(),
        target_lang="",
        units=tuple(units),
        metadata=_with_article_facts(metadata, units),
        skeleton=skeleton,
    )


def _units(index: PageIndex, article: Article, skeleton: HtmlSkeleton) -> list[TextUnit]:
    """Every unit in page order, numbered u1, u2, … in that order. Each
    unit is built once its place is known (no renumbering afterwards)."""
    makers: list[tuple[int, Callable[[str], tuple[TextUnit, UnitSource] | None]]] = []
    tree = index.tree
    title = tree.find("title")
    if title is not None:
        makers.append((title.open_end, partial(text_element_unit, index, title, kind="title", role="page-title")))
    for element in tree.by_tag("meta"):
        key = (element.get("name") or element.get("property")).lower()
        if key in _META_UNITS:
            make = partial(attribute_unit, element, "content", kind="meta", role=key)
            makers.append((_value_start(element, "content"), make))
    for block in article.blocks:
        makers.append((block.start, partial(block_unit, index, block, role=article.role(block))))
    for element, name in _attribute_holders(index, article):
        role = "alt" if name == "alt" else "tooltip"
        make = partial(attribute_unit, element, name, kind=name, role=role)
        makers.append((_value_start(element, name), make))
    makers.sort(key=lambda pair: pair[0])
    units: list[TextUnit] = []
    for _, build in makers:
        made = build(f"u{len(units) + 1}")
        if made:
            unit, where = made
            skeleton.units[unit.id] = where
            units.append(unit)
    return units


def _value_start(element: Element, name: str) -> int:
    attribute = element.attrs.get(name)
    return attribute.value_start if attribute is not None else element.start


def _attribute_holders(index: PageIndex, article: Article) -> list[tuple[Element, str]]:
    holders = []
    seen: set[int] = set()
    containers = [*article.roots]
    for block in article.blocks:
        if any(root.holds(block.container) for root in article.roots):
            continue  # found by walking the root
        figure = _figure_around(block.container)
        containers.append(figure or block.container)
    elements = index.tree.elements
    starts = [element.start for element in elements]
    for container in containers:
        # A container and its descendants: the elements that start inside it.
        first = bisect.bisect_left(starts, container.start)
        last = bisect.bisect_left(starts, container.end, first)
        for element in _mentioning(index, elements[first:last], starts, ("alt", "title")):
            if id(element) in seen or index.is_skipped(element):
                continue
            seen.add(id(element))
            for tag, name in _ATTRIBUTE_UNITS:
                if (tag == "*" or element.tag == tag) and name in element.attrs:
                    holders.append((element, name))
    return [h for h in holders if not _inside_skipped(index, h[0])]


def _mentioning(index: PageIndex, elements: list[Element], starts: list[int], words: tuple[str, ...]) -> list[Element]:
    """The ``elements`` (a run of the page's elements in order) whose start
    tag contains one of ``words``: a quick look before reading attributes."""
    if not elements:
        return elements
    begin, end = elements[0].start, elements[-1].open_end
    lowered = index.source[begin:end].lower()
    if len(lowered) != end - begin:
        return elements  # a letter lowered to two ("İ"): offsets would shift
    found: dict[int, Element] = {}
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            i = bisect.bisect_right(starts, begin + at) - 1
            element = index.tree.elements[i]
            if begin + at < element.open_end:
                found[element.start] = element
            at = lowered.find(word, at + len(word))
    return [found[start] for start in sorted(found)]


def _inside_skipped(index: PageIndex, element: Element) -> bool:
    parent = element.parent
    return parent is not None and bool(
        nearest(parent, lambda node: index.is_skipped(node) or None, element.tree.memo("skipped"))
    )


def _figure_around(element: Element) -> Element | None:
    """The nearest ``figure`` the element is in."""
    parent = element.parent
    if parent is None:
        return None
    return nearest(parent, lambda node: node if node.tag == "figure" else None, element.tree.memo("figure"))


def _amp_runtime(element: Element) -> bool:
    """An AMP page's runtime or one of its components: without them the
    page hides its body for eight seconds and shows no ``amp-img``."""
    return element.get("src").startswith("https://cdn.ampproject.org/")


def _page_facts(tree: Tree, skeleton: HtmlSkeleton) -> None:
    """Spans the writer changes outside the article."""
    for element in tree.by_tag("script"):
        if element.get("type").lower() != "application/ld+json" and not _amp_runtime(element):
            skeleton.scripts.append((element.start, element.end))
    for element in tree.by_tag("meta"):
        if "charset" in element.attrs:
            attribute = element.attrs["charset"]
            skeleton.charset = (attribute.value_start, attribute.value_end)
            break
        if element.get("http-equiv").lower() == "content-type":
            content = element.attrs.get("content")
            if content is not None:
                skeleton.charset = (content.value_start, content.value_end)
                break
    html_el = tree.find("html")
    if html_el is not None:
        skeleton.html_open_end = html_el.open_end if html_el.open_end > html_el.start else None
        lang, xml_lang = html_el.attrs.get("lang"), html_el.attrs.get("xml:lang")
        if lang is not None:
            skeleton.html_lang = (lang.value_start, lang.value_end)
        if xml_lang is not None:
            skeleton.xml_lang = (xml_lang.value_start, xml_lang.value_end)
    head = tree.find("head")
    if head is not None:
        skeleton.head_end = head.close_start
        skeleton.head_open_end = head.open_end if head.open_end > head.start else None
    prolog = _PROLOG.match(skeleton.source)
    if prolog:
        if prolog.group("encoding") is not None:
            skeleton.xml_encoding = prolog.span("encoding")
        skeleton.doctype_end = prolog.end()


# What comes before the document element: a byte order mark, an XML
# declaration (its encoding is rewritten: the output is UTF-8), a doctype.
_PROLOG = re.compile(
    r"\ufeff?\s*(?:<\?xml\b[^>]*?(?:\bencoding\s*=\s*[\"'](?P<encoding>[^\"']*)[\"'][^>]*)?\?>\s*)?"
    r"(?:<!--.*?-->\s*)*(?:<!doctype\b[^>]*>)?",
    re.I | re.S,
)


def _with_article_facts(metadata: Metadata, units: list[TextUnit]) -> Metadata:
    def first(role: str, wanted: Callable[[str], bool] = bool) -> str:
        texts = (" ".join(plain_text(u.source).split()) for u in units if u.role == role)
        return next((text for text in texts if wanted(text)), "")

    return replace(
        metadata,
        title=first("title") or metadata.title,
        byline=first("byline") or metadata.byline,
        date=first("date", _has_digit) or metadata.date,  # (not the label "Updated" alone)
    )


def _has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)
