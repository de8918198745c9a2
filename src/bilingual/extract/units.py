"""Turn chosen text blocks into units: content with inline codes that keep
the original markup, and the source spans the writer puts translations in."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import cast

from bilingual.content import HIDDEN_CODE
from bilingual.extract.blocks import PageIndex, TextBlock
from bilingual.extract.htmltree import CommentNode, Element, Node, StrayNode, TextNode, nearest
from bilingual.extract.tables import SKIP, VOID
from bilingual.model import Code, Content, Gap, Inline, Part, Segment, Text, TextUnit

# Character references and runs of HTML whitespace: the spans of text whose
# original spelling differs from the text they stand for.
_SPELLED = re.compile(
    r"(?=[&\s<>\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff])"  # (a quick look at the character first)
    r"(?:&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};"
    r"|(?:amp|lt|gt|quot|nbsp|copy|reg|AMP|LT|GT|QUOT)(?![A-Za-z0-9=]))"
    r"|[ \t\n\r\f]{2,}|[\t\n\r\f]"
    r"|[&<>]"  # literal characters that escaping would change
    r"|[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]+)"  # control characters: kept, not text
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML cannot carry (C0 controls, lone
    surrogates): what goes into XLIFF and TMX must be well-formed."""
    return _NOT_XML.sub("", text)


@dataclass
class UnitSource:
    """Where a unit sits in the page, for the writer."""

    start: int
    end: int
    path: str
    attribute: bool = False
    code_spans: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)


def text_runs(raw: str) -> list[Text]:
    """Decode a stretch of HTML text into runs; entity references and
    whitespace runs keep their original spelling."""
    if raw.isprintable() and "&" not in raw and "<" not in raw and ">" not in raw and "  " not in raw:
        return [Text(raw)] if raw else []  # nothing spelled apart: the common case, checked quickly
    runs: list[Text] = []
    pos = 0
    for m in _SPELLED.finditer(raw):
        if m.start() > pos:
            runs.append(Text(raw[pos : m.start()]))
        piece = m.group()
        if piece in ("&", "<", ">"):
            runs.append(Text(piece, raw=piece))
        elif not piece.isspace() and not piece.startswith("&"):
            runs.append(Text("", raw=piece))  # control characters: written back, never translated
        elif piece[0] == "&":
            decoded = html.unescape(piece)
            runs.append(Text(decoded, raw=piece) if decoded != piece else Text(piece, raw=piece))
        else:
            runs.append(Text(" ", raw=piece))
        pos = m.end()
    if pos < len(raw):
        runs.append(Text(raw[pos:]))
    return runs


class _ContentBuilder:
    def __init__(self, index: PageIndex):
        self.index = index
        self.source = index.source
        self.items: list[Inline] = []
        self.spans: dict[tuple[str, int], tuple[int, int]] = {}
        self._next_id = 0
        self._open: dict[str, list[int]] = {}

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def code(self, kind: str, name: str, start: int, end: int) -> None:
        if kind == "open":
            code_id = self._new_id()
            self._open.setdefault(name, []).append(code_id)
        elif kind == "close" and self._open.get(name):
            code_id = self._open[name].pop()
        else:
            code_id = self._new_id()
        self.items.append(Code(kind, code_id, name, xml_safe(self.source[start:end])))  # type: ignore[arg-type]
        self.spans[(kind, code_id)] = (start, end)

    def add(self, nodes: list[Node]) -> None:
        stack: list[tuple[Node, bool]] = [(n, False) for n in reversed(nodes)]
        while stack:
            node, closing = stack.pop()
            if closing:
                assert isinstance(node, Element)
                self.code("close", node.tag, node.close_start, node.end)
            elif isinstance(node, TextNode):
                self.items.extend(text_runs(self.source[node.start : node.end]))
            elif isinstance(node, Element):
                self._element(node, stack)
            elif isinstance(node, StrayNode):
                self.code("close", node.tag, node.start, node.end)
            elif isinstance(node, CommentNode):
                self.code("empty", "#comment", node.start, node.end)

    def _element(self, element: Element, stack: list[tuple[Node, bool]]) -> None:
        index = self.index
        if element.tag in VOID:
            self.code("empty", element.tag, element.start, element.end)
        elif index.is_notranslate(element):
            # Kept verbatim as one code: untranslatable spans inside a sentence.
            self.code("empty", element.tag, element.start, element.end)
        elif index.is_skipped(element):
            # Kept verbatim as one code too: scripts and icons, and hidden
            # elements, whose text is not shown (HIDDEN_CODE)
            name = HIDDEN_CODE if element.tag not in SKIP and index.is_invisible(element) else element.tag
            self.code("empty", name, element.start, element.end)
        else:
            self.code("open", element.tag, element.start, element.open_end)
            if element.close_start < element.end:
                stack.append((element, True))
            stack.extend((c, False) for c in reversed(element.children))


def block_unit(index: PageIndex, block: TextBlock, unit_id: str, role: str) -> tuple[TextUnit, UnitSource]:
    builder = _ContentBuilder(index)
    builder.add(block.nodes)
    translate = role != "preformatted" and not _untranslatable(index, block.container)
    unit = TextUnit(
        id=unit_id,
        kind=block.container.tag,
        parts=initial_parts(unit_id, tuple(builder.items), translate),
        role=role,
        translate=translate,
        context=_context(block.container),
    )
    where = UnitSource(block.start, block.end, element_path(block.container), code_spans=builder.spans)
    return unit, where


def attribute_unit(
    element: Element,
    name: str,
    unit_id: str,
    kind: str,
    role: str,
) -> tuple[TextUnit, UnitSource] | None:
    attribute = element.attrs.get(name)
    if attribute is None or not attribute.value.strip():
        return None
    content = (Text(xml_safe(attribute.value)),)
    unit = TextUnit(id=unit_id, kind=kind, parts=initial_parts(unit_id, content), role=role)
    where = UnitSource(
        attribute.value_start,
        attribute.value_end,
        f"{element_path(element)}/@{name}",
        attribute=True,
    )
    return unit, where


def text_element_unit(
    index: PageIndex, element: Element, unit_id: str, kind: str, role: str
) -> tuple[TextUnit, UnitSource] | None:
    """A unit for an element holding plain text only (``<title>``)."""
    start, end = element.inner
    raw = index.source[start:end]
    if not raw.strip():
        return None
    content = tuple(text_runs(raw))
    unit = TextUnit(id=unit_id, kind=kind, parts=initial_parts(unit_id, content), role=role)
    return unit, UnitSource(start, end, element_path(element))


def initial_parts(unit_id: str, content: Content, translate: bool = True) -> tuple[Part, ...]:
    """Before segmentation a translatable unit is one segment."""
    if translate:
        return (Segment(id=f"{unit_id}.s1", source=content),)
    return (Gap(content),)


def _untranslatable(index: PageIndex, element: Element) -> bool:
    """Whether the element or one around it says not to translate it."""
    return bool(nearest(element, lambda node: index.is_notranslate(node) or None, element.tree.memo("notranslate")))


_CONTEXT_TAGS = frozenset(["blockquote", "figure", "figcaption", "ul", "ol", "table", "aside", "header"])


def _context(element: Element) -> tuple[str, ...]:
    """The tags of the context elements around the element, outermost first."""
    return _within_context(element.parent) if element.parent is not None else ()


def _within_context(element: Element) -> tuple[str, ...]:
    """The tags of the context elements among the element and its
    ancestors, each element's worked out once from its parent's."""
    known = element.tree.memo("context")
    chain = []
    node: Element | None = element
    while node is not None and id(node) not in known:
        chain.append(node)
        node = node.parent
    tags: tuple[str, ...] = known[id(node)] if node is not None else ()
    for node in reversed(chain):
        if node.tag in _CONTEXT_TAGS:
            tags = (*tags, node.tag)
        known[id(node)] = tags
    return tags


def element_path(element: Element) -> str:
    """An XPath-like locator: ``/html/body/main/article/p[3]``; each
    element's is worked out once, from its parent's."""
    paths, steps_of = element.tree.memo("path"), element.tree.memo("child-steps")
    chain = []
    node = element
    while node.parent is not None and id(node) not in paths:
        chain.append(node)
        node = node.parent
    path: str = paths.get(id(node), "")  # the page's root has none
    for node in reversed(chain):
        parent = cast(Element, node.parent)  # (every element in the chain has one)
        table = steps_of.get(id(parent))
        if table is None:
            table = steps_of[id(parent)] = _child_steps(parent)
        path = paths[id(node)] = f"{path}/{table[id(node)]}"
    return path or "/"


def _child_steps(parent: Element) -> dict[int, str]:
    counts: dict[str, int] = {}
    children = [c for c in parent.children if isinstance(c, Element)]
    for child in children:
        counts[child.tag] = counts.get(child.tag, 0) + 1
    seen: dict[str, int] = {}
    steps = {}
    for child in children:
        seen[child.tag] = seen.get(child.tag, 0) + 1
        steps[id(child)] = f"{child.tag}[{seen[child.tag]}]" if counts[child.tag] > 1 else child.tag
    return steps
