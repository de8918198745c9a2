"""TMX 1.4b: one translation unit per sentence pair, inline codes as
``<bpt>/<ept>/<ph>/<it>`` carrying the original markup."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from bilingual.formats.inline import (
    append_content,
    code_name,
    indent_structure,
    parse_xml,
    read_content,
    serialize,
)
from bilingual.model import Code, Content, Document

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class TranslationPair:
    id: str
    source: Content
    target: Content
    origin: str = ""


def write_tmx(document: Document, tool_version: str) -> bytes:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        attrib={
            "creationtool": "bilingual",
            "creationtoolversion": tool_version or "0",
            "segtype": "sentence",
            "o-tmf": "bilingual",
            "adminlang": "en",
            "srclang": document.source_lang,
            "datatype": "html",
        },
    )
    body = etree.SubElement(root, "body")
    for segment in document.segments:
        if segment.target is None:
            continue
        tu = etree.SubElement(body, "tu", tuid=f"{_stem(document.source_path)}:{segment.id}")
        if segment.origin:
            etree.SubElement(tu, "prop", type="x-origin").text = segment.origin
        for lang, content in ((document.source_lang, segment.source), (document.target_lang, segment.target)):
            tuv = etree.SubElement(tu, "tuv", attrib={XML_LANG: lang})
            seg = etree.SubElement(tuv, "seg")
            append_content(seg, content, _inline)
    indent_structure(root, frozenset({"seg", "prop"}))
    return serialize(root)


def _stem(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _inline(parent: etree._Element, code: Code, paired: bool) -> etree._Element:
    if code.kind == "empty":
        element = etree.SubElement(parent, "ph", x=str(code.id))
    elif paired:
        element = etree.SubElement(parent, "bpt" if code.kind == "open" else "ept", i=str(code.id))
        if code.kind == "open":
            element.set("x", str(code.id))
    else:
        element = etree.SubElement(parent, "it", pos="begin" if code.kind == "open" else "end", x=str(code.id))
    element.text = code.markup
    return element


def read_tmx(data: bytes, path: str) -> tuple[str, list[TranslationPair]]:
    """The source language and the sentence pairs of a TMX file."""
    root = parse_xml(data, path)
    header = root.find("header")
    source_lang = header.get("srclang", "") if header is not None else ""
    pairs = []
    for tu in root.iter("tu"):
        variants = {tuv.get(XML_LANG, ""): tuv.find("seg") for tuv in tu.findall("tuv")}
        source = variants.pop(source_lang, None)
        if source is None or not variants:
            continue
        target = next(iter(variants.values()))
        origin = next((p.text or "" for p in tu.findall("prop") if p.get("type") == "x-origin"), "")
        pairs.append(
            TranslationPair(
                tu.get("tuid", ""), read_content(source, _read_code), read_content(target, _read_code), origin
            )
        )
    return source_lang, pairs


def _read_code(element: etree._Element) -> Code | None:
    name = element.tag
    markup = element.text or ""
    if name == "ph":
        return Code("empty", int(element.get("x", "0")), code_name(markup), markup)
    if name in ("bpt", "ept"):
        return Code("open" if name == "bpt" else "close", int(element.get("i", "0")), code_name(markup), markup)
    if name == "it":
        kind = "open" if element.get("pos") == "begin" else "close"
        return Code(kind, int(element.get("x", "0")), code_name(markup), markup)  # type: ignore[arg-type]
    return None
