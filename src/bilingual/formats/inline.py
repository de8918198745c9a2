"""Inline codes in XML formats: writing content as XLIFF/TMX inline
elements that carry the original markup, and reading it back."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable

from lxml import etree

from bilingual.content import text_runs_apart, with_spans
from bilingual.errors import InputDataError
from bilingual.model import Code, Content, Inline, TermHit, Text

_CTYPE = {
    "a": "link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underlined",
    "br": "lb",
    "img": "image",
}
_TAG_NAME = re.compile(r"<\s*/?\s*([a-zA-Z][^\s/>]*)")

# Adds the inline element of a code to a parent: (parent, code, paired) -> element
ElementFactory = Callable[[etree._Element, Code, bool], etree._Element]


def ctype(code: Code) -> str:
    standard = _CTYPE.get(code.name)
    if standard is not None:
        if code.kind == "empty" and standard not in ("lb", "image"):
            return f"x-{code.name}"
        if code.kind != "empty" and standard in ("lb", "image"):
            return f"x-{code.name}"
        return standard
    name = re.sub(r"[^A-Za-z0-9._-]", "", code.name.lstrip("#")) or "code"
    return f"x-{name}"


def code_name(markup: str) -> str:
    """The tag name of a code's original markup."""
    if markup.startswith("<!--"):
        return "#comment"
    m = _TAG_NAME.match(markup)
    return m.group(1).lower() if m else "#code"


def paired_ids(content: Iterable[Inline]) -> set[int]:
    opened = {i.id for i in content if isinstance(i, Code) and i.kind == "open"}
    return {i.id for i in content if isinstance(i, Code) and i.kind == "close" and i.id in opened}


def append_content(
    parent: etree._Element,
    content: Content,
    make: ElementFactory,
    terms: tuple[TermHit, ...] = (),
    make_term: Callable[[etree._Element, TermHit], etree._Element] | None = None,
) -> None:
    """Append ``content`` to ``parent`` as text and inline elements; term
    hits become marker elements around their text when ``make_term`` is
    given. A term that runs across codes holds them in its marker (the
    isolated codes of XLIFF 1.2 may sit in a ``mrk``)."""
    paired = paired_ids(content)
    container = parent  # where text and codes go: the parent, or the marker of a term being written
    last: etree._Element | None = None  # the container's last child

    pending: list[str] = []  # text for the container, written in one go before the next element

    def flush() -> None:
        if not pending:
            return
        text = "".join(pending)
        pending.clear()
        if last is None:
            container.text = (container.text or "") + text
        else:
            last.tail = (last.tail or "") + text

    spans = [(t.start, t.end, t) for t in terms] if make_term else []
    for piece in with_spans(content, spans):
        if isinstance(piece, str):
            pending.append(piece)
        elif isinstance(piece, Code):
            flush()
            last = make(container, piece, piece.id in paired)
        else:
            if piece.first:
                flush()
                container, last = make_term(parent, piece.mark), None  # type: ignore[misc]
            pending.append(piece.text)
            if piece.last:
                flush()
                last, container = container, parent
    flush()


# The open and close codes an element wrapping content stands for, if it is a code pair
PairReader = Callable[[etree._Element], tuple[Code, Code] | None]


def read_content(
    element: etree._Element,
    read_code: Callable[[etree._Element], Code | None],
    read_pair: PairReader | None = None,
) -> Content:
    """Content from an element holding text and inline elements. An element
    ``read_pair`` reads as a code pair (XLIFF 1.2 ``<g>``) becomes its open
    code, its content and its close code; other elements that are not codes
    (``mrk``) are unwrapped."""
    items: list[Inline] = []
    if element.text:
        items.append(Text(element.text))
    for child in element:
        if not isinstance(child.tag, str):
            if child.tail:
                items.append(Text(child.tail))
            continue
        code = read_code(child)
        pair = read_pair(child) if code is None and read_pair is not None else None
        if code is not None:
            items.append(code)
        elif pair is not None:
            items += [pair[0], *read_content(child, read_code, read_pair), pair[1]]
        else:
            items.extend(read_content(child, read_code, read_pair))
        if child.tail:
            items.append(Text(child.tail))
    return _merge(items)


def _merge(items: list[Inline]) -> Content:
    out: list[Inline] = []
    for run in text_runs_apart(items):
        if isinstance(run, list):
            out.append(run[0] if len(run) == 1 else Text("".join(item.text for item in run)))
        else:
            out.append(run)
    return tuple(out)


def serialize(root: etree._Element) -> bytes:
    """A document as UTF-8 bytes with its XML declaration."""
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


def local_name(element: etree._Element) -> str:
    """The tag without its namespace ("{urn:…}source" -> "source")."""
    tag: str = element.tag
    return tag.rpartition("}")[2]


def safe_parser() -> etree.XMLParser:
    """No DTD loading, no entity expansion, no network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


# An entity declaration in a DOCTYPE's internal subset: "<!DOCTYPE x [ …
# <!ENTITY"; the same words in a comment or a CDATA section are text.
_ENTITY_DECLARATION = re.compile(rb"<!DOCTYPE[^\[>]*\[[^\]]*?(<!ENTITY)", re.S)


def parse_xml(data: bytes, path: str) -> etree._Element:
    """Parse with :func:`safe_parser`. Not well-formed XML, XML whose
    DOCTYPE declares entities, and a reference to an entity nothing here
    declares (one an external DTD would) are errors naming the file and
    line: an entity is neither loaded nor expanded, and its text must not
    silently vanish either."""
    found = _ENTITY_DECLARATION.search(data)  # (found before parsing: no entity is ever expanded)
    if found:
        raise InputDataError(_ENTITIES_REFUSED, path=path, line=data.count(b"\n", 0, found.start(1)) + 1)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno
        if "amplification" in exc.msg:  # declarations the search of the bytes missed (UTF-16)
            line = _entity_line(data)
        raise InputDataError(_syntax_message(exc.msg), path=path, line=line) from exc
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputDataError(_ENTITIES_REFUSED, path=path, line=_entity_line(data, root.getroottree().docinfo.encoding))
    reference = next(root.iter(etree.Entity), None)
    if reference is not None:
        message = f"the entity {reference.text} is not declared in the file: refused"
        raise InputDataError(message, path=path, line=reference.sourceline)
    return root


def _entity_line(data: bytes, encoding: str | None = None) -> int:
    """The line of the first entity declaration of a file in an encoding
    that hides it from a search of the bytes (UTF-16, UTF-32)."""
    if encoding is None:
        encoding = "utf-16" if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else "utf-8"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return 1
    at = text.find("<!ENTITY")
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _syntax_message(message: str) -> str:
    """libxml's message, or what its size limit (kept on: no huge trees)
    means for a user."""
    if "amplification" in message:
        return _ENTITIES_REFUSED
    if "Excessive depth" in message:
        return "elements nested deeper than 256: refused, no article needs them"
    if "Resource limit exceeded" not in message:
        return f"not well-formed XML: {message}"
    what = "a text node" if "Text node" in message else "a name or value"
    return f"{what} over 10 MB: refused, no article's text needs one"


_ENTITIES_REFUSED = "the DOCTYPE declares entities: refused (XLIFF, TMX and TBX files need none)"


def indent_structure(root: etree._Element, keep: frozenset[str], space: str = "  ") -> None:
    """Indent the structural elements of a document for people reading it,
    without adding whitespace inside elements whose content is text
    (``keep``: source, target, seg…), where it would change the content."""
    stack = [(root, 0)]
    while stack:
        element, level = stack.pop()
        if local_name(element) in keep:
            continue
        children = [c for c in element if isinstance(c.tag, str)]
        if not children:
            continue
        element.text = "\n" + space * (level + 1)
        for child in children:
            child.tail = "\n" + space * (level + 1)
            stack.append((child, level + 1))
        children[-1].tail = "\n" + space * level
