"""XLIFF 1.2 (strict): one ``<group>`` per unit, one ``<trans-unit>`` per
segment, inline codes as ``<bpt>/<ept>/<ph>/<it>`` carrying the original
markup, QA issues as notes, provenance in the header."""

from __future__ import annotations

import zlib

from lxml import etree

from bilingual.errors import InputDataError
from bilingual.formats.inline import (
    append_content,
    code_name,
    ctype,
    indent_structure,
    local_name,
    parse_xml,
    read_content,
    serialize,
)
from bilingual.formats.xliff_common import (
    ReviewedFile,
    ReviewedSegment,
    base_language,
    provenance_lines,
    single_file,
    untouched_copy,
)
from bilingual.model import Code, Document, Segment, State, TermHit

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_STATE_OUT = {
    "new": "new",
    "needs-review": "needs-review-translation",
    "translated": "translated",
    "reviewed": "signed-off",
    "final": "final",
}
_STATE_IN: dict[str, State] = {
    "new": "new",
    "needs-translation": "new",
    "needs-adaptation": "needs-review",
    "needs-l10n": "needs-review",
    "needs-review-adaptation": "needs-review",
    "needs-review-l10n": "needs-review",
    "needs-review-translation": "needs-review",
    "translated": "translated",
    "signed-off": "reviewed",
    "final": "final",
}
_QUALIFIER = {"mt": "mt-suggestion", "memory": "leveraged-tm", "glossary": "leveraged-glossary"}
_PRIORITY = {"error": "1", "warning": "5", "info": "9"}


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def write_xliff12(document: Document) -> bytes:
    root = etree.Element(_q("xliff"), nsmap={None: NS}, version="1.2")
    file_el = etree.SubElement(
        root,
        _q("file"),
        original=document.source_path,
        datatype="html",
        attrib={
            "source-language": document.source_lang,
            "target-language": document.target_lang,
            "tool-id": "bilingual",
        },
    )
    _header(file_el, document)
    body = etree.SubElement(file_el, _q("body"))
    for unit in document.units:
        if not unit.segments:
            continue
        group = etree.SubElement(body, _q("group"), id=unit.id, restype=f"x-{unit.kind.replace('#', '')}")
        etree.SubElement(group, _q("note"), attrib={"from": "bilingual"}).text = f"role: {unit.role}"
        for segment in unit.segments:
            group.append(_trans_unit(segment))
    indent_structure(root, frozenset({"source", "target", "note"}))
    return serialize(root)


def _header(file_el: etree._Element, document: Document) -> None:
    header = etree.SubElement(file_el, _q("header"))
    p = document.provenance
    etree.SubElement(
        header,
        _q("tool"),
        attrib={"tool-id": "bilingual", "tool-name": "bilingual", "tool-version": p.tool_version or "0"},
    )
    for line in provenance_lines(document):
        etree.SubElement(header, _q("note"), attrib={"from": "bilingual"}).text = line


def _trans_unit(segment: Segment) -> etree._Element:
    unit = etree.Element(_q("trans-unit"), id=segment.id)
    unit.set(f"{{{XML_NS}}}space", "preserve")
    source = etree.SubElement(unit, _q("source"))
    append_content(source, segment.source, _inline, segment.terms, _term_marker)
    if segment.target is not None:
        target = etree.SubElement(unit, _q("target"), state=_STATE_OUT[segment.state])
        if segment.origin in _QUALIFIER:
            target.set("state-qualifier", _QUALIFIER[segment.origin])
        append_content(target, segment.target, _inline)
    for issue in segment.issues:
        note = etree.SubElement(
            unit, _q("note"), attrib={"from": "bilingual-qa", "priority": _PRIORITY[issue.severity]}
        )
        note.text = f"[{issue.severity}] {issue.check}: {issue.message}"
    if segment.origin:
        etree.SubElement(unit, _q("note"), attrib={"from": "bilingual-origin"}).text = segment.origin
    return unit


def _inline(parent: etree._Element, code: Code, paired: bool) -> etree._Element:
    if code.kind == "empty":
        element = etree.SubElement(parent, _q("ph"), id=str(code.id), ctype=ctype(code))
    elif paired:
        element = etree.SubElement(parent, _q("bpt" if code.kind == "open" else "ept"), id=str(code.id))
        if code.kind == "open":
            element.set("ctype", ctype(code))
    else:
        element = etree.SubElement(
            parent, _q("it"), id=str(code.id), ctype=ctype(code), pos="open" if code.kind == "open" else "close"
        )
    element.text = code.markup
    return element


def _term_marker(parent: etree._Element, term: TermHit) -> etree._Element:
    comment = f"{term.action}: {term.target}" + (f" — {term.note}" if term.note else "")
    return etree.SubElement(parent, _q("mrk"), mtype="term", comment=comment)


# --- reading -------------------------------------------------------------------


def read_xliff12(data: bytes, path: str) -> ReviewedFile:
    return read_xliff12_root(parse_xml(data, path), path)


def read_xliff12_root(root: etree._Element, path: str) -> ReviewedFile:
    """The reviewed segments of an already parsed file."""
    file_el = single_file(root.findall(_q("file")), path)
    if file_el is None:
        raise InputDataError("no <file> element: not an XLIFF 1.2 file", path=path)
    segments = []
    for unit in file_el.iter(_q("trans-unit")):
        segments.append(_read_unit(unit, path))
    return ReviewedFile(
        original=file_el.get("original", ""),
        source_lang=base_language(file_el.get("source-language", "")),
        target_lang=base_language(file_el.get("target-language", "")),
        segments=segments,
        version="1.2",
    )


def _read_unit(unit: etree._Element, path: str) -> ReviewedSegment:
    segment_id = unit.get("id", "")
    if not segment_id:
        raise InputDataError("trans-unit has no id", path=path, line=unit.sourceline)
    source_el = unit.find(_q("source"))
    if source_el is None:
        raise InputDataError(f"trans-unit {segment_id} has no <source>", path=path, line=unit.sourceline)
    target_el = unit.find(_q("target"))
    origin = None
    for note in unit.findall(_q("note")):
        if note.get("from") == "bilingual-origin":
            origin = (note.text or "").strip() or None
    state: State = "new"
    target = None
    source = read_content(source_el, _read_code, _read_pair)
    if target_el is not None:
        target = read_content(target_el, _read_code, _read_pair)
        state = _STATE_IN.get(target_el.get("state", ""), "needs-review")
    return ReviewedSegment(
        id=segment_id,
        source=source,
        target=target,
        state=state,
        origin=origin,
        line=unit.sourceline or 0,
        confirmed=target_el is not None and _confirmed(unit, target_el, untouched_copy(origin, source, target)),
    )


def _confirmed(unit: etree._Element, target_el: etree._Element, untouched_copy: bool) -> bool:
    """``translated`` is the state CAT tools set when a reviewer confirms a
    segment, and the state ``translate`` writes on a target it copied from
    the source; ``signed-off`` and ``final`` confirm further, and so does
    ``approved="yes"`` (Virtaal, translate-toolkit). A target with no
    state, or one of a tool's own, is not confirmed."""
    if unit.get("approved") == "yes":
        return True
    state = target_el.get("state")
    if state == "translated" and untouched_copy:
        return False
    return state in _CONFIRMING


_CONFIRMING = frozenset({"translated", "signed-off", "final"})


def _read_code(element: etree._Element) -> Code | None:
    name = local_name(element)
    markup = element.text or ""
    code_id = _int(element.get("rid") or element.get("id"))  # a rid names the pair of bpt/ept, bx/ex
    if name == "ph" or name == "x":
        return Code("empty", code_id, code_name(markup), markup)
    if name == "bpt" or name == "bx":
        return Code("open", code_id, code_name(markup), markup)
    if name == "ept" or name == "ex":
        return Code("close", code_id, code_name(markup), markup)
    if name == "it":
        kind = "open" if element.get("pos") == "open" else "close"
        return Code(kind, code_id, code_name(markup), markup)  # type: ignore[arg-type]
    return None


def _read_pair(element: etree._Element) -> tuple[Code, Code] | None:
    """``<g id="N">…</g>``: the open and close code of pair N around its
    content, as Trados and Okapi write paired codes."""
    if local_name(element) != "g":
        return None
    code_id = _int(element.get("id"))
    return Code("open", code_id, "#code", ""), Code("close", code_id, "#code", "")


def _int(value: str | None) -> int:
    """Our ids are numbers; ids another tool invented get a stable number."""
    try:
        return int(value or 0)
    except ValueError:
        return 1_000_000 + zlib.crc32((value or "").encode("utf-8")) % 1_000_000
