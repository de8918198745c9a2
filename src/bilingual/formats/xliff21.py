"""XLIFF 2.1: one ``<unit>`` per unit, its sentences as ``<segment>`` and the
spacing between them as ``<ignorable>``, inline codes as ``<pc>``/``<sc>``/
``<ec>``/``<ph>`` pointing at their original markup in ``<originalData>``,
glossary hits in the glossary module, QA issues as notes."""

from __future__ import annotations

import zlib

from lxml import etree

from bilingual.content import SpanPiece, normalize, with_spans
from bilingual.errors import InputDataError
from bilingual.formats.inline import code_name, indent_structure, local_name, parse_xml, serialize
from bilingual.formats.xliff_common import ReviewedFile, ReviewedSegment, base_language, provenance_lines, single_file
from bilingual.model import Code, Content, Document, Gap, Inline, State, TermHit, Text, TextUnit

NS = "urn:oasis:names:tc:xliff:document:2.0"
GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_STATE_OUT = {
    "new": "initial",
    "needs-review": "translated",
    "translated": "translated",
    "reviewed": "reviewed",
    "final": "final",
}
_STATE_IN: dict[str, State] = {"initial": "new", "translated": "needs-review", "reviewed": "reviewed", "final": "final"}
_PRIORITY = {"error": "1", "warning": "5", "info": "9"}
_TYPE = {"a": "link", "img": "image", "q": "quote"}


def _q(name: str, ns: str = NS) -> str:
    return f"{{{ns}}}{name}"


def write_xliff21(document: Document) -> bytes:
    root = etree.Element(
        _q("xliff"),
        nsmap={None: NS, "gls": GLS},
        version="2.1",
        srcLang=document.source_lang,
        trgLang=document.target_lang,
    )
    file_el = etree.SubElement(root, _q("file"), id="f1", original=document.source_path)
    notes = etree.SubElement(file_el, _q("notes"))
    for line in provenance_lines(document):
        etree.SubElement(notes, _q("note"), category="provenance").text = line
    for unit in document.units:
        if unit.segments:
            _unit(file_el, unit)
    indent_structure(root, frozenset({"source", "target", "note", "data", "term", "translation", "definition"}))
    return serialize(root)


class _UnitWriter:
    """Ids for data and markers within one unit."""

    def __init__(self) -> None:
        self.data: list[tuple[str, str]] = []
        self.markers = 0

    def data_ref(self, markup: str) -> str:
        ref = f"d{len(self.data) + 1}"
        self.data.append((ref, markup))
        return ref

    def marker(self) -> str:
        self.markers += 1
        return f"m{self.markers}"


def _unit(parent: etree._Element, unit: TextUnit) -> None:
    """The unit, written into ``parent``. Every element is made in place
    (an element made on its own and then moved costs a walk of its
    subtree); the glossary, notes and original data, which the schema puts
    before the segments, are made after them and moved to the front."""
    element = etree.SubElement(parent, _q("unit"), id=unit.id, type=f"bl:{unit.kind.replace('#', '')}", name=unit.role)
    element.set(XML_SPACE, "preserve")
    writer = _UnitWriter()
    glossary: list[tuple[str, TermHit]] = []
    issues = []
    for part in unit.parts:
        if isinstance(part, Gap):
            ignorable = etree.SubElement(element, _q("ignorable"))
            _content(etree.SubElement(ignorable, _q("source")), part.content, writer)
            continue
        segment = etree.SubElement(element, _q("segment"), id=part.id, state=_STATE_OUT[part.state])
        segment.set("subState", f"bl:{part.origin or 'none'}.{part.state}")
        source = etree.SubElement(segment, _q("source"))
        glossary += _content(source, part.source, writer, part.terms)
        if part.target is not None:
            _content(etree.SubElement(segment, _q("target")), part.target, writer)
        issues += [(part.id, issue) for issue in part.issues]
    front = []
    if glossary:
        front.append(_glossary(element, glossary))
    if issues:
        notes = etree.SubElement(element, _q("notes"))
        front.append(notes)
        for segment_id, issue in issues:
            note = etree.SubElement(
                notes, _q("note"), category=f"qa:{issue.check}", priority=_PRIORITY[issue.severity], appliesTo="target"
            )
            note.text = f"{segment_id}: [{issue.severity}] {issue.message}"
    if writer.data:
        original = etree.SubElement(element, _q("originalData"))
        for ref, markup in writer.data:
            data = etree.SubElement(original, _q("data"), id=ref)
            data.text = markup
            data.set(XML_SPACE, "preserve")
        front.append(original)
    for position, item in enumerate(front):
        element.insert(position, item)


def _glossary(parent: etree._Element, hits: list[tuple[str, TermHit]]) -> etree._Element:
    glossary = etree.SubElement(parent, _q("glossary", GLS))
    for marker, term in hits:
        entry = etree.SubElement(glossary, _q("glossEntry", GLS), ref=f"#{marker}")
        etree.SubElement(entry, _q("term", GLS), source="bilingual-glossary").text = term.source
        etree.SubElement(entry, _q("translation", GLS), source=term.action).text = term.target
        if term.note:
            etree.SubElement(entry, _q("definition", GLS)).text = term.note
    return glossary


def _content(
    parent: etree._Element, content: Content, writer: _UnitWriter, terms: tuple[TermHit, ...] = ()
) -> list[tuple[str, TermHit]]:
    """Write content into ``parent``; returns the term markers it made: a
    ``mrk`` around a term inside one text run, an ``sm``/``em`` pair around
    one that runs across codes (a ``pc`` may open or close inside it)."""
    pairs = _nestable_pairs(content)
    stack = [parent]
    last: dict[int, etree._Element | None] = {}
    markers: list[tuple[str, TermHit]] = []

    pending: list[str] = []  # text for the innermost element, written in one go before the next element

    def add_text(text: str) -> None:
        pending.append(text)

    def flush() -> None:
        if not pending:
            return
        text = "".join(pending)
        pending.clear()
        holder = stack[-1]
        tail_of = last.get(id(holder))
        if tail_of is None:
            holder.text = (holder.text or "") + text
        else:
            tail_of.tail = (tail_of.tail or "") + text

    def add(tag: str, **attributes: str) -> etree._Element:
        flush()
        element = etree.SubElement(stack[-1], _q(tag), attributes)
        last[id(stack[-1])] = element
        return element

    for item in with_spans(content, [(t.start, t.end, t) for t in terms]):
        if isinstance(item, str):
            add_text(item)
        elif isinstance(item, SpanPiece):
            if item.first:
                markers.append((writer.marker(), item.mark))
            marker = markers[-1][0]
            if item.first and item.last:
                add("mrk", id=marker, type="term").text = item.text
                continue
            if item.first:
                add("sm", id=marker, type="term")
            add_text(item.text)
            if item.last:
                add("em", startRef=marker)
        elif item.kind == "empty":
            add(
                "ph",
                id=str(item.id),
                dataRef=writer.data_ref(item.markup),
                type=_TYPE.get(item.name, "fmt" if item.name != "#comment" else "other"),
            )
        elif item.id in pairs and item.kind == "open":
            element = add(
                "pc",
                id=str(item.id),
                dataRefStart=writer.data_ref(item.markup),
                dataRefEnd=writer.data_ref(pairs[item.id].markup),
                type=_TYPE.get(item.name, "fmt"),
            )
            stack.append(element)
            last[id(element)] = None
        elif item.id in pairs:
            flush()
            stack.pop()
        elif item.kind == "open":
            add(
                "sc",
                id=str(item.id),
                dataRef=writer.data_ref(item.markup),
                type=_TYPE.get(item.name, "fmt"),
                **_isolated(content, item),
            )
        else:
            attributes = {"dataRef": writer.data_ref(item.markup)}
            if _has_open(content, item):
                attributes["startRef"] = str(item.id)
            else:
                attributes.update(id=str(item.id), isolated="yes")
            add("ec", **attributes)
    flush()
    return markers


def _nestable_pairs(content: Content) -> dict[int, Code]:
    """Paired codes that nest properly (written as ``<pc>``), by id, with
    their closing code; the rest are written as ``<sc>``/``<ec>``."""
    opened: list[Code] = []
    closes: dict[int, Code] = {}
    broken: set[int] = set()
    open_ids = {c.id for c in content if isinstance(c, Code) and c.kind == "open"}
    for item in content:
        if not isinstance(item, Code) or item.kind == "empty":
            continue
        if item.kind == "open":
            opened.append(item)
        elif item.id in open_ids:
            if opened and opened[-1].id == item.id:
                opened.pop()
                closes[item.id] = item
            else:
                broken.add(item.id)
                broken.update(c.id for c in opened)
                opened = [c for c in opened if c.id != item.id]
    return {k: v for k, v in closes.items() if k not in broken}


def _isolated(content: Content, code: Code) -> dict[str, str]:
    closed = any(isinstance(c, Code) and c.kind == "close" and c.id == code.id for c in content)
    return {} if closed else {"isolated": "yes"}


def _has_open(content: Content, code: Code) -> bool:
    return any(isinstance(c, Code) and c.kind == "open" and c.id == code.id for c in content)


# --- reading -------------------------------------------------------------------


def read_xliff21(data: bytes, path: str) -> ReviewedFile:
    return read_xliff21_root(parse_xml(data, path), path)


def read_xliff21_root(root: etree._Element, path: str) -> ReviewedFile:
    """The reviewed segments of an already parsed file."""
    file_el = single_file(root.findall(_q("file")), path)
    if file_el is None:
        raise InputDataError("no <file> element: not an XLIFF 2 file", path=path)
    segments = []
    for unit in file_el.iter(_q("unit")):
        data_map = {d.get("id"): d.text or "" for d in unit.iter(_q("data"))}
        for segment in unit.iter(_q("segment")):
            segments.append(_read_segment(segment, data_map, path))
    return ReviewedFile(
        original=file_el.get("original", ""),
        source_lang=base_language(root.get("srcLang", "")),
        target_lang=base_language(root.get("trgLang", "")),
        segments=segments,
        version=root.get("version", "2.1"),
    )


def _read_segment(segment: etree._Element, data_map: dict[str, str], path: str) -> ReviewedSegment:
    segment_id = segment.get("id", "")
    if not segment_id:
        raise InputDataError("segment has no id", path=path, line=segment.sourceline)
    source = segment.find(_q("source"))
    if source is None:
        raise InputDataError(f"segment {segment_id} has no <source>", path=path, line=segment.sourceline)
    target = segment.find(_q("target"))
    state = _STATE_IN.get(segment.get("state", "initial"), "new")
    origin = None
    sub_state = segment.get("subState", "")
    if sub_state.startswith("bl:"):
        # our own sub-state: origin and the finer state; a reviewer's state change wins
        recorded_origin, _, recorded_state = sub_state[3:].partition(".")
        origin = None if recorded_origin == "none" else recorded_origin
        if recorded_state and _STATE_OUT.get(recorded_state) == segment.get("state"):
            state = recorded_state
    return ReviewedSegment(
        id=segment_id,
        source=_read_content(source, data_map),
        target=_read_content(target, data_map) if target is not None else None,
        state=state,
        origin=origin,
        line=segment.sourceline or 0,
        confirmed=segment.get("state") in ("reviewed", "final"),
    )


def _read_content(element: etree._Element, data_map: dict[str, str]) -> Content:
    items: list[Inline] = []
    _read_into(element, data_map, items)
    return normalize(items)


def _read_into(element: etree._Element, data_map: dict[str, str], items: list[Inline]) -> None:
    if element.text:
        items.append(Text(element.text))
    for child in element:
        if not isinstance(child.tag, str):
            if child.tail:
                items.append(Text(child.tail))
            continue
        name = local_name(child)
        if name == "ph":
            markup = data_map.get(child.get("dataRef", ""), "")
            items.append(Code("empty", _int(child.get("id")), code_name(markup), markup))
        elif name == "pc":
            start = data_map.get(child.get("dataRefStart", ""), "")
            end = data_map.get(child.get("dataRefEnd", ""), "")
            code_id = _int(child.get("id"))
            items.append(Code("open", code_id, code_name(start), start))
            _read_into(child, data_map, items)
            items.append(Code("close", code_id, code_name(end or start), end))
        elif name == "sc":
            markup = data_map.get(child.get("dataRef", ""), "")
            items.append(Code("open", _int(child.get("id")), code_name(markup), markup))
        elif name == "ec":
            markup = data_map.get(child.get("dataRef", ""), "")
            items.append(Code("close", _int(child.get("startRef") or child.get("id")), code_name(markup), markup))
        else:  # mrk and anything else: keep the text, drop the wrapper
            _read_into(child, data_map, items)
        if child.tail:
            items.append(Text(child.tail))


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 1_000_000 + zlib.crc32((value or "").encode("utf-8")) % 1_000_000
