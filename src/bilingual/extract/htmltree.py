"""A source-mapped HTML tree.

Every node knows where it sits in the decoded page (character offsets), so a
unit's translation can be written back in place and an inline tag can be
kept exactly as it was written. The tokenizer follows the HTML tokenizer's
states for tags, attributes, comments and raw-text elements; the tree builder
applies the implied-end-tag rules of the HTML tree construction algorithm as
data tables. Both are iterative; elements nest at most ``MAX_DEPTH`` deep.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from bilingual.extract.tables import (
    CLOSED_BY,
    INLINE,
    LIST_BOUNDARY,
    OPAQUE,
    RAW_TEXT,
    SCOPE_BOUNDARY,
    SKIP,
    TABLE_PARTS,
    TABLE_SCOPE,
    VOID,
)

_TAG = re.compile(
    r"""<(?:  # the commonest first
        (?P<start>[a-zA-Z][^\s/>]*+)
        # attributes: a quote opens a value only after "=" (as in browsers,
        # where href="x"class="y" is two attributes and a stray quote is text)
        (?>(?:[^>"'=]++|=\s*+(?:"[^"]*+"|'[^']*+')?|["'])*+)
        >
      | /(?P<end>[a-zA-Z][^\s/>]*+)[^>]*+>
      | (?P<comment>!--(?>.*?(?:--!?>|\Z)))
      | (?P<decl>[!?][^>]*+>?)
    )""",
    re.S | re.X,
)
_ATTR = re.compile(
    r"""(?P<name>[^\s/>=][^\s/>=]*|=[^\s/>=]*)
        (?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>]*)))?""",
    re.X,
)
_RAW_END: dict[str, re.Pattern[str]] = {}
T = TypeVar("T")
_LOWER = {name: name for name in (*VOID, *OPAQUE, *RAW_TEXT, *CLOSED_BY, *TABLE_PARTS, *SCOPE_BOUNDARY, *INLINE, *SKIP)}
"""Tag names already in lower case, looked up rather than lowered."""


def _raw_end(name: str) -> re.Pattern[str]:
    """Where the text of a raw-text element (script, style, title…) ends."""
    pattern = _RAW_END.get(name)
    if pattern is None:
        pattern = _RAW_END[name] = re.compile(rf"</{name}(?=[\s/>])", re.I)
    return pattern


_OPAQUE_TAGS: dict[str, re.Pattern[str]] = {}
_SCRIPT = re.compile(r"<script[\s>/]", re.I)


def _opaque_end(source: str, name: str, pos: int) -> tuple[int, int] | None:
    """Where an opaque element's end tag is (start, end), nesting counted;
    None when it has none or holds a script (which must stay findable)."""
    pattern = _OPAQUE_TAGS.get(name)
    if pattern is None:
        pattern = _OPAQUE_TAGS[name] = re.compile(rf"<(/?){name}(?=[\s/>])[^>]*>", re.I)
    depth = 1
    for m in pattern.finditer(source, pos):
        if m.group(1):
            depth -= 1
            if depth == 0:
                if _SCRIPT.search(source, pos, m.start()):
                    return None
                return m.start(), m.end()
        elif not m.group(0).endswith("/>"):
            depth += 1
    return None


class Node:
    __slots__ = ("end", "parent", "start")

    def __init__(self, start: int, end: int, parent: Element | None):
        self.start = start
        self.end = end
        self.parent = parent


class TextNode(Node):
    __slots__ = ()


class CommentNode(Node):
    """A comment, doctype or processing instruction."""

    __slots__ = ()


class StrayNode(Node):
    """An end tag with no open element to close; kept so nothing is lost."""

    __slots__ = ("tag",)

    def __init__(self, start: int, end: int, parent: Element | None, tag: str):
        super().__init__(start, end, parent)
        self.tag = tag


class Attribute:
    __slots__ = ("name", "value", "value_end", "value_start")

    def __init__(self, name: str, value: str, value_start: int, value_end: int):
        self.name = name
        self.value = value
        self.value_start = value_start
        self.value_end = value_end


class Element(Node):
    """``start``..``open_end`` is the start tag, ``close_start``..``end`` the
    end tag (empty when the element was closed implicitly)."""

    __slots__ = ("_attrs", "children", "close_start", "label", "open_end", "tag", "tree")

    def __init__(self, tag: str, start: int, open_end: int, parent: Element | None, tree: Tree):
        self.start = start
        self.end = open_end
        self.parent = parent
        self.tag = tag
        self.open_end = open_end
        self.close_start = open_end
        self.children: list[Node] = []
        self.tree = tree
        self.label: str | None = None
        """Words naming the element's purpose (class, id, role…), filled on demand by readers."""
        # ``_attrs`` stays unset until first asked for: most elements never are.

    @property
    def attrs(self) -> dict[str, Attribute]:
        try:
            return self._attrs
        except AttributeError:
            self._attrs: dict[str, Attribute] = self.tree.parse_attributes(self)
            return self._attrs

    def get(self, name: str, default: str = "") -> str:
        attr = self.attrs.get(name)
        return attr.value if attr is not None else default

    def iter(self) -> Iterator[Node]:
        """This element and all descendants in document order."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Element):
                stack.extend(reversed(node.children))

    def iter_elements(self, *tags: str) -> Iterator[Element]:
        for node in self.iter():
            if isinstance(node, Element) and (not tags or node.tag in tags):
                yield node

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def holds(self, other: Element) -> bool:
        """Whether ``other`` is this element or inside it, told from the
        stretch of page each covers: those nest as the elements do (a
        child's lies within its parent's, siblings' do not overlap), so no
        walk up the tree is needed."""
        return self.start <= other.start and other.end <= self.end

    @property
    def inner(self) -> tuple[int, int]:
        return self.open_end, self.close_start

    def __repr__(self) -> str:
        return f"<Element {self.tag} @{self.start}>"


class Tree:
    """The parsed page: ``root`` is a synthetic element spanning the source."""

    def __init__(self, source: str):
        self.source = source
        self.root = Element("#document", 0, 0, None, self)
        self.root.close_start = self.root.end = len(source)
        self.elements: list[Element] = []
        """Every element in document order."""
        self._by_tag: dict[str, list[Element]] = {}
        self._memos: dict[str, dict[int, Any]] = {}

    def memo(self, name: str) -> dict[int, Any]:
        """A place for readers to keep a fact about each element (by
        ``id``) for the life of the tree, such as one :func:`nearest` finds."""
        return self._memos.setdefault(name, {})

    def by_tag(self, *tags: str) -> list[Element]:
        """Elements with one of ``tags``, in document order."""
        if not self._by_tag and self.elements:
            for element in self.elements:
                self._by_tag.setdefault(element.tag, []).append(element)
        if len(tags) == 1:
            return self._by_tag.get(tags[0], [])
        return sorted((e for t in tags for e in self._by_tag.get(t, [])), key=lambda e: e.start)

    def text_of(self, node: Node) -> str:
        return self.source[node.start : node.end]

    def parse_attributes(self, element: Element) -> dict[str, Attribute]:
        attrs: dict[str, Attribute] = {}
        begin = element.start + 1 + len(element.tag)
        end = element.open_end - 1
        if end - begin < 2:
            return attrs
        for m in _ATTR.finditer(self.source, begin, end):
            name, *values = m.groups()  # the name, then the value in "", in '' or bare
            name = name.lower()
            if name in attrs:
                continue
            group = 2 if values[0] is not None else 3 if values[1] is not None else 4
            raw = values[group - 2]
            if raw is None:
                attrs[name] = Attribute(name, "", m.end(), m.end())
                continue
            value_start, value_end = m.span(group)
            attrs[name] = Attribute(name, html.unescape(raw) if "&" in raw else raw, value_start, value_end)
        return attrs

    def find(self, tag: str) -> Element | None:
        found = self.by_tag(tag)
        return found[0] if found else None


_UNKNOWN = object()


def nearest(
    element: Element, decide: Callable[[Element], T | None], memo: dict[int, Any], stop: Element | None = None
) -> T | None:
    """What ``decide`` says of the nearest of the element and its ancestors
    (up to ``stop``, not included) it says something of; ``None`` if it
    says nothing of any. ``memo`` keeps the answer for every element on
    the way, and calls with the same ``decide`` and ``stop`` share it: on
    a page nested thousands deep each element is looked at once."""
    chain = []
    node: Element | None = element
    answer = None
    while node is not None and node is not stop:
        known = memo.get(id(node), _UNKNOWN)
        if known is not _UNKNOWN:
            answer = known
            break
        answer = decide(node)
        if answer is not None:
            memo[id(node)] = answer
            break
        chain.append(node)
        node = node.parent
    for node in chain:
        memo[id(node)] = answer
    return answer


_SPECIAL = VOID | OPAQUE | RAW_TEXT
MAX_DEPTH = 512
"""How deep elements nest at most. Browsers stop nesting at the same depth
(Chromium and WebKit: 512); a page of thousands of unclosed elements would
otherwise make every locator and every walk up the tree as long."""


def parse(source: str) -> Tree:
    """Build the source-mapped tree of a decoded HTML page."""
    tree = Tree(source)
    builder = _Builder(tree)
    stack = builder.stack
    open_counts = builder.open
    elements = tree.elements
    pos, n = 0, len(source)
    search = _TAG.search
    while pos < n:
        m = search(source, pos)  # the next tag; a "<" that starts none is text
        if m is None:
            parent = stack[-1]
            parent.children.append(TextNode(pos, n, parent))
            break
        lt, tag_end = m.span()
        if lt > pos:
            parent = stack[-1]
            parent.children.append(TextNode(pos, lt, parent))
        pos = tag_end
        name, end_name, _, _ = m.groups()
        if name is not None:
            name = _LOWER.get(name) or name.lower()
            closes = CLOSED_BY.get(name)
            if closes is not None:
                for tag in closes:
                    if open_counts.get(tag):
                        builder.close_implied(closes, _boundary(name), lt)
                        break
            if len(stack) > MAX_DEPTH:  # the innermost open element ends here, as in browsers
                builder.pop_to(len(stack) - 1, lt)
            parent = stack[-1]
            element = Element(name, lt, pos, parent, tree)
            parent.children.append(element)
            elements.append(element)
            special = name in _SPECIAL
            if special or source[pos - 2] == "/":  # the common tag skips these checks
                if name in VOID or (source[pos - 2] == "/" and builder.foreign(name)):
                    continue
                if name in OPAQUE:
                    end = _opaque_end(source, name, pos)
                    if end is not None:
                        element.close_start, element.end = end
                        pos = element.end
                        continue
            stack.append(element)
            open_counts[name] = open_counts.get(name, 0) + 1
            if special and name in RAW_TEXT:
                raw_end = _raw_end(name).search(source, pos)
                stop = raw_end.start() if raw_end else n
                if stop > pos:
                    element.children.append(TextNode(pos, stop, element))
                pos = stop
            continue
        if end_name is not None:
            top = stack[-1]
            if top.tag == end_name and len(stack) > 1:  # the common case: it closes the innermost element
                stack.pop()
                open_counts[end_name] -= 1
                top.close_start, top.end = lt, pos
            else:
                builder.end_tag(_LOWER.get(end_name) or end_name.lower(), lt, pos)
        else:
            parent = stack[-1]
            parent.children.append(CommentNode(lt, pos, parent))
    builder.finish(n)
    return tree


class _Builder:
    """The stack of open elements and the rules for closing them."""

    def __init__(self, tree: Tree):
        self.tree = tree
        self.stack: list[Element] = [tree.root]
        self.open: dict[str, int] = {}

    def _pop(self) -> Element:
        element = self.stack.pop()
        self.open[element.tag] -= 1
        return element

    def foreign(self, name: str) -> bool:
        """Inside SVG or MathML, ``<x/>`` is self-closing."""
        return name in ("svg", "math") or bool(self.open.get("svg") or self.open.get("math"))

    def close_implied(self, closes: frozenset[str], boundary: frozenset[str], at: int) -> None:
        """Close the outermost open element of ``closes`` within scope."""
        stack = self.stack
        found = 0
        for i in range(len(stack) - 1, 0, -1):
            tag = stack[i].tag
            if tag in closes:
                found = i
            elif tag in boundary:
                break
        if found:
            self.pop_to(found, at)

    def end_tag(self, name: str, start: int, end: int) -> None:
        stack = self.stack
        top = stack[-1]
        if top.tag == name and len(stack) > 1:
            self._pop()
            top.close_start, top.end = start, end
            return
        if self.open.get(name):
            boundary = _boundary(name)
            for i in range(len(stack) - 1, 0, -1):
                element = stack[i]
                if element.tag == name:
                    self.pop_to(i + 1, start)
                    self._pop()
                    element.close_start, element.end = start, end
                    return
                if element.tag in boundary:
                    break
        top.children.append(StrayNode(start, end, top, name))

    def pop_to(self, index: int, at: int) -> None:
        """Close implicitly every open element from ``index`` up, at ``at``."""
        while len(self.stack) > index:
            element = self._pop()
            element.close_start = element.end = at

    def finish(self, at: int) -> None:
        self.pop_to(1, at)


def _boundary(name: str) -> frozenset[str]:
    if name in TABLE_PARTS or name == "table":
        return TABLE_SCOPE
    if name in ("li", "dt", "dd"):
        return SCOPE_BOUNDARY | LIST_BOUNDARY
    return SCOPE_BOUNDARY
