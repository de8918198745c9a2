"""What ``bilingual extract`` prints: the article as a reader sees it."""

from __future__ import annotations

import html
import re
from typing import Any

from bilingual.content import LAYOUT_CODES
from bilingual.extract.tables import SKIP
from bilingual.model import Code, Content, Document, Text, TextUnit

VISIBLE_ROLES = frozenset(
    {
        "title",
        "standfirst",
        "byline",
        "date",
        "heading",
        "paragraph",
        "list-item",
        "quote",
        "caption",
        "table-cell",
        "preformatted",
    }
)
_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def display_text(content: Content) -> str:
    """Visible text: line breaks for ``<br>``, the words of protected spans
    (code, notranslate), whitespace collapsed."""
    out = []
    for item in content:
        if isinstance(item, Text):
            out.append(item.text)
        elif item.name == "br":
            out.append("\n")
        elif _shows_text(item):
            out.append(html.unescape(_TAGS.sub("", item.markup)))
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(out).replace("\xa0", " ").split("\n"))
    return "\n".join(line for line in lines if line)


def _shows_text(code: Code) -> bool:
    return code.kind == "empty" and code.name not in LAYOUT_CODES and code.name not in SKIP


def visible_units(document: Document) -> list[TextUnit]:
    units = [u for u in document.units if u.role in VISIBLE_ROLES]
    titles = [u for u in units if u.role == "title"]
    rest = [u for u in units if u.role != "title"]
    return titles[:1] + [u for u in rest] + titles[1:]


def extraction_text(document: Document) -> str:
    blocks = [display_text(u.source) for u in visible_units(document)]
    return "\n\n".join(b for b in blocks if b)


def extraction_json(document: Document) -> dict[str, Any]:
    meta = document.metadata
    return {
        "title": meta.title,
        "lang": document.source_lang,
        "byline": meta.byline,
        "date": meta.date,
        "units": [
            {
                "id": unit.id,
                "kind": unit.kind,
                "role": unit.role,
                "translate": unit.translate,
                "text": display_text(unit.source),
                "segments": [{"id": s.id, "text": display_text(s.source)} for s in unit.segments],
            }
            for unit in document.units
        ],
    }
