"""Text blocks: the runs of inline content inside block elements.

A page is read as a sequence of blocks (a paragraph, a heading, the text of a
list item before its sub-list). Each block knows its source span, its text and
how much of that text is link text; the article finder scores them, the unit
builder turns the chosen ones into content with inline codes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from bilingual.extract.htmltree import CommentNode, Element, Node, StrayNode, TextNode, Tree
from bilingual.extract.patterns import BOILERPLATE, HIDDEN_STYLE, NOTRANSLATE_CLASS
from bilingual.extract.tables import INLINE, SKIP

_SPACE = re.compile(r"\s+")
_PROTECTING = frozenset({"code", "kbd", "samp", "var", "pre"})


@dataclass
class TextBlock:
    """A maximal run of inline nodes directly inside ``container``."""

    container: Element
    nodes: list[Node]
    text: str = ""
    link_chars: int = 0
    translate: bool = True
    protected: list[Element] = field(default_factory=list)

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
        self._inline: dict[int, bool] = {}
        self._hidden: dict[int, bool] = {}
        self.locator_steps: dict[int, dict[int, str]] = {}
        self._compute_inline()

    def _compute_inline(self) -> None:
        """An inline element that contains a block is a container."""
        for element in reversed(self.tree.elements):
            inline = element.tag in INLINE
            if inline:
                inline = not any(
                    isinstance(child, Element) and child.tag not in SKIP and not self._inline.get(id(child), True)
                    for child in element.children
                )
            self._inline[id(element)] = inline

    def is_inline(self, element: Element) -> bool:
        return self._inline.get(id(element), False)

    def is_hidden(self, element: Element) -> bool:
        key = id(element)
        cached = self._hidden.get(key)
        if cached is None:
            tag_text = self.source[element.start : element.open_end].lower()
            if "hidden" not in tag_text and "display" not in tag_text and "visibility" not in tag_text:
                self._hidden[key] = False
                return False
            attrs = element.attrs
            cached = (
                "hidden" in attrs
                or (attrs.get("aria-hidden") is not None and element.get("aria-hidden").lower() == "true")
                or bool(HIDDEN_STYLE.search(element.get("style")))
                or element.get("type").lower() == "hidden"
            )
            self._hidden[key] = cached
        return cached

    def is_skipped(self, element: Element) -> bool:
        """Elements whose content is never article text."""
        return element.tag in SKIP or self.is_hidden(element)

    def is_notranslate(self, element: Element) -> bool:
        if element.tag in _PROTECTING:
            return True
        if "translate" not in self.source[element.start : element.open_end]:
            return False
        return (
            element.tag in _PROTECTING
            or element.get("translate").lower() == "no"
            or bool(NOTRANSLATE_CLASS.search(element.get("class")))
        )


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


_BOILERPLATE_ATTRIBUTES = ("data-paywall", "data-ad", "data-ad-unit", "data-share", "data-nosnippet")


def is_boilerplate_marked(element: Element) -> bool:
    attrs = element.attrs
    if not attrs:
        return False
    label = class_and_id(element)
    if label and BOILERPLATE.search(label):
        return True
    if any(name in attrs for name in _BOILERPLATE_ATTRIBUTES):
        return True
    aria = element.get("aria-label")
    if aria and BOILERPLATE.search(aria):
        return True
    role = element.get("role").lower()
    return role in ("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog")


def collect_blocks(index: PageIndex, root: Element) -> list[TextBlock]:
    """Every text block under ``root`` in document order (skipped subtrees
    are not entered)."""
    blocks: list[TextBlock] = []
    stack: list[Element] = [root]
    while stack:
        container = stack.pop()
        run: list[Node] = []
        nested: list[Element] = []
        for child in container.children:
            if isinstance(child, Element) and not index.is_inline(child) and not _inline_skip(index, child):
                _flush(index, container, run, blocks)
                run = []
                if not index.is_skipped(child):
                    nested.append(child)
                continue
            run.append(child)
        _flush(index, container, run, blocks)
        stack.extend(reversed(nested))
    # Blocks were produced container by container; put them in page order.
    blocks.sort(key=lambda b: b.start)
    return blocks


def _inline_skip(index: PageIndex, element: Element) -> bool:
    """Skipped elements that sit inside a run of text (a script in a
    paragraph, an icon) stay in the run as protected codes."""
    return index.is_skipped(element) and element.tag not in ("nav", "form", "dialog", "head")


def _flush(index: PageIndex, container: Element, run: list[Node], blocks: list[TextBlock]) -> None:
    if not run:
        return
    text, link_chars = run_text(index, run)
    if not text:
        return
    blocks.append(TextBlock(container, list(run), text, link_chars))


def run_text(index: PageIndex, nodes: list[Node]) -> tuple[str, int]:
    """Visible text of a run (whitespace collapsed) and its link characters."""
    pieces: list[str] = []
    link_chars = 0
    source = index.source
    stack: list[tuple[Node, bool]] = [(n, False) for n in reversed(nodes)]
    while stack:
        node, in_link = stack.pop()
        if isinstance(node, TextNode):
            raw = source[node.start : node.end]
            text = html.unescape(raw) if "&" in raw else raw
            pieces.append(text)
            if in_link:
                link_chars += len(text.strip())
        elif isinstance(node, Element):
            if index.is_skipped(node):
                continue
            if node.tag == "br":
                pieces.append(" ")
                continue
            child_link = in_link or node.tag == "a"
            stack.extend((c, child_link) for c in reversed(node.children))
    text = _SPACE.sub(" ", "".join(pieces)).strip()
    return text, link_chars


def element_text(index: PageIndex, element: Element) -> str:
    return run_text(index, [element])[0]


def is_comment_or_stray(node: Node) -> bool:
    return isinstance(node, CommentNode | StrayNode)
