"""Validators for the official XLIFF and TMX schemas (read from ../shared)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree


class _LocalXmlXsd(etree.Resolver):
    """Map the W3C xml.xsd import to the local copy: never the network."""

    def __init__(self, local: Path):
        super().__init__()
        self.local = local

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        if url and url.endswith("xml.xsd"):
            return self.resolve_filename(str(self.local), context)
        return None


@cache
def xliff12_schema(schemas: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd(schemas / "xliff-1.2" / "xml.xsd"))
    return etree.XMLSchema(etree.parse(str(schemas / "xliff-1.2" / "xliff-core-1.2-strict.xsd"), parser))


@cache
def tmx_dtd(schemas: Path) -> etree.DTD:
    return etree.DTD(str(schemas / "tmx-1.4b" / "tmx14.dtd"))


def assert_valid_xliff12(data: bytes, schemas: Path) -> None:
    schema = xliff12_schema(schemas)
    document = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    assert schema.validate(document), "\n".join(str(e) for e in list(schema.error_log)[:10])


def assert_valid_tmx(data: bytes, schemas: Path) -> None:
    dtd = tmx_dtd(schemas)
    document = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    assert dtd.validate(document), "\n".join(str(e) for e in list(dtd.error_log)[:10])


@cache
def xliff21_schema(schemas: Path) -> etree.XMLSchema:
    """XLIFF 2.1 core plus the modules this project writes (glossary)."""
    folder = schemas / "xliff-2.1"
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="urn:oasis:names:tc:xliff:document:2.0"
             schemaLocation="{(folder / "xliff_core_2.0.xsd").as_uri()}"/>
  <xs:import namespace="urn:oasis:names:tc:xliff:glossary:2.0"
             schemaLocation="{(folder / "glossary.xsd").as_uri()}"/>
</xs:schema>"""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd(folder / "informativeCopiesOf3rdPartySchemas" / "w3c" / "xml.xsd"))
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser, base_url=str(folder) + "/"))


def assert_valid_xliff21(data: bytes, schemas: Path) -> None:
    schema = xliff21_schema(schemas)
    document = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    assert schema.validate(document), "\n".join(str(e) for e in list(schema.error_log)[:10])
