"""Article metadata from the page head: ``<title>``, ``og:*``, ``article:*``,
JSON-LD ``NewsArticle`` and ``<html lang>``."""

from __future__ import annotations

import html
import json
from typing import Any

from bilingual.extract.blocks import collapse_space
from bilingual.extract.htmltree import Element, TextNode, Tree
from bilingual.model import Metadata

_ARTICLE_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle")


def read_metadata(tree: Tree) -> Metadata:
    meta = _meta_tags(tree)
    ld = _json_ld_article(tree)
    title_el = tree.find("title")
    page_title = _clean(_raw_text(tree, title_el)) if title_el is not None else ""
    html_el = tree.find("html")
    return Metadata(
        title=_first(meta.get("og:title"), _ld_str(ld, "headline"), page_title),
        byline=_first(_ld_author(ld), meta.get("author"), meta.get("article:author")),
        date=_first(
            meta.get("article:published_time"), _ld_str(ld, "datePublished"), meta.get("date"), meta.get("pubdate")
        ),
        canonical_url=_first(_canonical(tree), meta.get("og:url")),
        description=_first(meta.get("description"), meta.get("og:description")),
        site_name=_first(meta.get("og:site_name"), _ld_publisher(ld)),
        declared_lang=html_el.get("lang") if html_el is not None else "",
    )


def _meta_tags(tree: Tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in tree.by_tag("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop")).lower()
        if key and key not in found:
            found[key] = _clean(element.get("content"))
    return found


def _raw_text(tree: Tree, element: Element) -> str:
    parts = [tree.source[c.start : c.end] for c in element.children if isinstance(c, TextNode)]
    return html.unescape("".join(parts))


def _canonical(tree: Tree) -> str:
    for element in tree.by_tag("link"):
        if "canonical" in element.get("rel").lower().split():
            return element.get("href")
    return ""


def json_ld_objects(tree: Tree) -> list[Any]:
    objects = []
    for element in tree.by_tag("script"):
        if element.get("type").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(_raw_text(tree, element))
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return objects


def _json_ld_article(tree: Tree) -> dict[str, Any]:
    for item in json_ld_objects(tree):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(k in _ARTICLE_TYPES for k in kinds if isinstance(k, str)):
            found: dict[str, Any] = item
            return found
    return {}


def _ld_str(ld: dict[str, Any], key: str) -> str:
    value = ld.get(key)
    return _clean(value) if isinstance(value, str) else ""


def _ld_author(ld: dict[str, Any]) -> str:
    author = ld.get("author")
    authors = author if isinstance(author, list) else [author]
    names = []
    for item in authors:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            names.append(_clean(item["name"]))
        elif isinstance(item, str):
            names.append(_clean(item))
    return ", ".join(n for n in names if n)


def _ld_publisher(ld: dict[str, Any]) -> str:
    publisher = ld.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        return _clean(publisher["name"])
    return ""


def _first(*values: str | None) -> str:
    return next((v for v in values if v), "")


def _clean(value: str) -> str:
    return collapse_space(value)
