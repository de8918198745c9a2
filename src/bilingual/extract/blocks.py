"""Text blocks: the runs of inline content inside block elements.

A page is read as a sequence of blocks (a paragraph, a heading, the text of a
list item before its sub-list). Each block knows its source span, its text and
how much of that text is link text; the article finder scores them, the unit
builder turns the chosen ones into content with inline codes.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from bilingual.extract.htmltree import CommentNode, Element, Node, StrayNode, TextNode, Tree
from bilingual.extract.patterns import BOILERPLATE, GATE, HIDDEN_STYLE, NOTRANSLATE_CLASS
from bilingual.extract.tables import INLINE, OPAQUE, RAW_TEXT, SKIP


def collapse_space(text: str) -> str:
    """Runs of white space as one space, none at the ends (``str.split``
    knows the same white space as ``\\s``, and is several times faster)."""
    return " ".join(text.split())


_LINK_END = object()  # marks, on run_text's stack, where a link's content ends
_PROTECTING = frozenset({"code", "kbd", "samp", "var", "pre"})


@dataclass(slots=True)
class TextBlock:
    """A maximal run of inline nodes directly inside ``container``."""

    container: Element
    nodes: list[Node]
    text: str = ""
    link_chars: int = 0

    @property
    def start(self) -> int:
        return self.nodes[0].start

    @property
    def end(self) -> int:
        return self.nodes[-1].end


class PageIndex:
    """Per-page facts the reader asks about elements, computed once."""

    def __init__(self, tree: Tree):
        self.tree = tree
        self.source = tree.source
        self.body = tree.find("body") or tree.root
        self._inline: set[int] = set()
        self._hidden: dict[int, bool] = {}
        self.hidden_classes = stylesheet_hidden_classes(self.source, tree.by_tag("style"))
        self._markup_sums: list[int] | None = None
        self._starts: list[int] = []
        self._compute_inline()

    def _compute_inline(self) -> None:
        """An inline element that contains a block is a container."""
        inline = self._inline
        for element in reversed(self.tree.elements):  # children before their parent
            if element.tag in INLINE:
                for child in element.children:
                    if type(child) is Element and child.tag not in SKIP and id(child) not in inline:
                        break
                else:
                    inline.add(id(element))

    def text_bound(self, element: Element) -> int:
        """At most how many characters of text ``element`` holds: its source
        span less its own and its descendants' tags and the contents of
        script, style and other unparsed elements. Computed from one prefix
        sum over the page's elements, without walking the subtree."""
        if self._markup_sums is None:
            elements = self.tree.elements
            self._starts = [e.start for e in elements]
            markup = [
                (e.end - e.start)  # unparsed content counts as markup too
                if e.tag in RAW_TEXT or (e.tag in OPAQUE and not e.children)
                else (e.open_end - e.start) + (e.end - e.close_start)
                for e in elements
            ]
            self._markup_sums = list(itertools.accumulate(markup, initial=0))
        first = bisect.bisect_left(self._starts, element.start)
        last = bisect.bisect_left(self._starts, element.end, first)
        return (element.end - element.start) - (self._markup_sums[last] - self._markup_sums[first])

    def is_inline(self, element: Element) -> bool:
        return id(element) in self._inline

    def is_hidden(self, element: Element) -> bool:
        key = id(element)
        cached = self._hidden.get(key)
        if cached is None:
            cached = self._may_hide(element) and (
                element.get("aria-hidden").lower() == "true" or self.is_invisible(element)
            )
            self._hidden[key] = cached
        return cached

    def _may_hide(self, element: Element) -> bool:
        """Whether the start tag holds a word that could hide the element:
        a quick look before its attributes are read."""
        if element.open_end - element.start <= len(element.tag) + 3:
            return False  # no attributes
        start_tag = self.source[element.start : element.open_end].lower()
        # ("hidden" covers aria-hidden, the hidden attribute, type=hidden,
        # visibility:hidden and the hiding utility classes)
        return (
            "hidden" in start_tag
            or "display" in start_tag
            or "d-none" in start_tag
            or (bool(self.hidden_classes) and any(name in start_tag for name in self.hidden_classes))
        )

    def is_invisible(self, element: Element) -> bool:
        """Not shown on screen. (An aria-hidden element is shown, though
        it is no article text: an icon, a separator.)"""
        attrs = element.attrs
        return (
            "hidden" in attrs
            or bool(HIDDEN_STYLE.search(element.get("style")))
            or element.get("type").lower() == "hidden"
            or ("class" in attrs and self._hidden_by_class(element))
        )

    def _hidden_by_class(self, element: Element) -> bool:
        """Hidden by a class: one the page's style sheet hides, or a utility
        class that hides on every screen ("hidden", "d-none"). Only for small
        elements: a script may reveal a hidden article body, never a label."""
        classes = element.get("class").lower().split()
        hidden = not self.hidden_classes.isdisjoint(classes) or any(
            name in _HIDDEN_UTILITIES and not any(c.startswith(_SHOWN_PREFIXES[name]) for c in classes)
            for name in classes
        )
        return hidden and self.text_bound(element) <= _MAX_HIDDEN_BY_CLASS

    def is_skipped(self, element: Element) -> bool:
        """Elements whose content is never article text."""
        return element.tag in SKIP or self.is_hidden(element)

    def is_notranslate(self, element: Element) -> bool:
        if element.tag in _PROTECTING:
            return True
        if self.source.find("translate", element.start, element.open_end) < 0:
            return False
        return (
            element.tag in _PROTECTING
            or element.get("translate").lower() == "no"
            or bool(NOTRANSLATE_CLASS.search(element.get("class")))
        )


# Utility classes that hide an element, and the prefixes of the classes that
# show it again on some screens ("hidden md:block", "d-none d-lg-block").
_HIDDEN_UTILITIES = frozenset({"hidden", "d-none", "is-hidden", "u-hidden"})
_SHOWN_PREFIXES = {"hidden": ("sm:", "md:", "lg:", "xl:", "2xl:"), "d-none": ("d-sm-", "d-md-", "d-lg-", "d-xl-")}
_SHOWN_PREFIXES.update({"is-hidden": ("is-hidden-",), "u-hidden": ("u-hidden-",)})
_MAX_HIDDEN_BY_CLASS = 600  # characters of text

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_BRACE = re.compile(r"[{}]")
_CSS_CLASS = re.compile(r"\s*\.(-?[_a-zA-Z][\w-]*)\s*")
# The clipping of a screen-reader-only label (".sr-only", ".visually-hidden" or
# a hashed name). A plain display:none in a style sheet is not taken: scripts
# toggle those classes, and one rule among thousands may name a real one.
_CSS_HIDES = re.compile(
    r"clip\s*:\s*rect\(\s*([01])(?:px)?(?:\s*,?\s*\1(?:px)?){3}\s*\)|clip-path\s*:\s*inset\(\s*(?:50|100)%\s*\)",
    re.I,
)  # every side 0 or every side 1px: nothing left to see (a crop has other sides)


def stylesheet_hidden_classes(source: str, styles: list[Element]) -> frozenset[str]:
    """Classes the page's own style sheets make screen-reader-only labels:
    a rule whose selector is a plain class (".x" or ".x, .y"), outside any
    @media block, that clips the element to nothing. Found from the clipping
    declarations back to their selectors, so a long style sheet costs one
    pattern search."""
    found: set[str] = set()
    for style in styles:
        if "clip" not in source[style.open_end : style.close_start].lower():
            continue  # a quick look before the pattern
        if not _CSS_HIDES.search(source, style.open_end, style.close_start):
            continue
        css = _CSS_COMMENT.sub(lambda m: " " * len(m.group()), source[style.open_end : style.close_start])
        hides = list(_CSS_HIDES.finditer(css))  # offsets kept: comments became spaces
        nested = _at_blocks(css)
        for declaration in hides:
            at = declaration.start()
            opening = css.rfind("{", 0, at)
            if opening < 0 or css.rfind("}", opening, at) >= 0:
                continue
            if any(begin < at < finish for begin, finish in nested):
                continue
            before = max(css.rfind("}", 0, opening), css.rfind(";", 0, opening))
            for selector in css[before + 1 : opening].split(","):
                plain = _CSS_CLASS.fullmatch(selector)
                if plain:
                    found.add(plain.group(1).lower())
    return frozenset(sorted(found)[:64])


def _at_blocks(css: str) -> list[tuple[int, int]]:
    """Spans of the style sheet's @media, @supports… blocks."""
    spans = []
    at = css.find("@")
    while at >= 0:
        opening, statement_end = css.find("{", at), css.find(";", at)
        if opening < 0 or 0 <= statement_end < opening:  # @import, @charset: no block
            at = css.find("@", statement_end + 1) if statement_end >= 0 else -1
            continue
        depth, finish = 0, len(css)
        for brace in _CSS_BRACE.finditer(css, opening):
            depth += 1 if brace.group() == "{" else -1
            if depth == 0:
                finish = brace.end()
                break
        spans.append((at, finish))
        at = css.find("@", finish)
    return spans


_LABEL_ATTRIBUTES = re.compile(
    r"""\s(?:class|id|role|itemprop|data-component|data-type|data-gu-name)\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
    re.I,
)


def class_and_id(element: Element) -> str:
    """The words an element's class, id, role and similar attributes give
    (computed once per element from its start tag)."""
    label = element.label
    if label is None:
        tag_text = element.tree.source[element.start + 1 + len(element.tag) : element.open_end]
        label = " ".join(a or b or c for a, b, c in _LABEL_ATTRIBUTES.findall(tag_text)) if "=" in tag_text else ""
        element.label = label
    return label


_MARKING_ATTRIBUTE = re.compile(r"data-(?:paywall|ad|share|nosnippet)|aria-label|role", re.I)
_BOILERPLATE_ATTRIBUTES = ("data-paywall", "data-ad", "data-ad-unit", "data-share", "data-nosnippet")
_TEXT_TAGS = frozenset(("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"))  # a paywall does not mark these


def is_boilerplate_marked(element: Element) -> bool:
    if element.open_end - element.start <= len(element.tag) + 3:
        return False  # no attributes
    label = class_and_id(element)
    if label and (BOILERPLATE.search(label) or (GATE.search(label) and element.tag not in _TEXT_TAGS)):
        return True
    if not _MARKING_ATTRIBUTE.search(element.tree.source, element.start, element.open_end):
        return False  # nothing else can mark it: a quick look before reading the attributes
    attrs = element.attrs
    if any(name in attrs for name in _BOILERPLATE_ATTRIBUTES):
        return element.tag not in _TEXT_TAGS or "data-paywall" not in attrs
    aria = element.get("aria-label")
    if aria and BOILERPLATE.search(aria):
        return True
    role = element.get("role").lower()
    return role in ("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog")


def collect_blocks(
    index: PageIndex, root: Element, defer: Callable[[Element], bool] | None = None
) -> tuple[list[TextBlock], list[Element]]:
    """Every text block under ``root`` in document order (skipped subtrees
    are not entered), and the block elements ``defer`` chose not to enter
    (the caller may read them later, or never)."""
    blocks: list[TextBlock] = []
    deferred: list[Element] = []
    stack: list[Element] = [root]
    inline = index._inline
    while stack:
        container = stack.pop()
        run: list[Node] = []
        nested: list[Element] = []
        for child in container.children:
            if type(child) is not Element or id(child) in inline:
                run.append(child)
                continue
            skipped = index.is_skipped(child)
            if skipped and child.tag not in _BLOCK_SKIPPED:
                run.append(child)  # a script in a paragraph, an icon: stays in the run as a protected code
                continue
            if run:
                _flush(index, container, run, blocks)
                run = []
            if not skipped:
                if defer is not None and defer(child):
                    deferred.append(child)
                else:
                    nested.append(child)
        if run:
            _flush(index, container, run, blocks)
        stack.extend(reversed(nested))
    # Blocks were produced container by container; put them in page order.
    blocks.sort(key=lambda b: b.start)
    return blocks, deferred


_BLOCK_SKIPPED = frozenset({"nav", "form", "dialog", "head"})
"""Skipped elements that end a run of text; other skipped elements (a script
in a paragraph, an icon) stay in the run as protected codes."""


def _flush(index: PageIndex, container: Element, run: list[Node], blocks: list[TextBlock]) -> None:
    if len(run) == 1 and type(run[0]) is TextNode and index.source[run[0].start : run[0].end].isspace():
        return  # the white space between two blocks
    text, link_chars = run_text(index, run)
    if not text:
        return
    blocks.append(TextBlock(container, run, text, link_chars))


def run_text(index: PageIndex, nodes: list[Node]) -> tuple[str, int]:
    """Visible text of a run (whitespace collapsed) and its link characters."""
    if len(nodes) == 1 and type(nodes[0]) is TextNode:  # the common plain run
        raw = index.source[nodes[0].start : nodes[0].end]
        return collapse_space(html.unescape(raw) if "&" in raw else raw), 0
    pieces: list[str] = []
    link_chars = 0
    link_depth = link_from = 0
    source = index.source
    stack: list[object] = [*reversed(nodes)]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is TextNode:
            raw = source[node.start : node.end]  # type: ignore[attr-defined]
            pieces.append(html.unescape(raw) if "&" in raw else raw)
        elif kind is Element:
            tag = node.tag  # type: ignore[attr-defined]
            if tag in SKIP or index.is_hidden(node):  # type: ignore[arg-type]
                continue
            if tag == "br":
                pieces.append(" ")
                continue
            if tag == "a":
                if not link_depth:
                    link_from = len(pieces)
                link_depth += 1
                stack.append(_LINK_END)
            stack.extend(node.children[::-1])  # type: ignore[attr-defined]
        elif node is _LINK_END:
            link_depth -= 1
            if not link_depth:
                link_chars += sum(len(piece.strip()) for piece in pieces[link_from:])
    text = collapse_space("".join(pieces))
    return text, link_chars


def element_text(index: PageIndex, element: Element) -> str:
    return run_text(index, [element])[0]


def is_comment_or_stray(node: Node) -> bool:
    return isinstance(node, CommentNode | StrayNode)
