"""Segmentation: split each unit into sentence segments and gaps.

Sentence boundaries are found in the unit's plain text
(:mod:`bilingual.segment.splitter`) and mapped back onto the content: a
closing tag right after a sentence stays with it, an opening tag before the
next sentence goes with that one, and the spacing between sentences becomes a
gap. Joining the parts gives back the unit exactly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from bilingual.content import LAYOUT_CODES, plain_text, refine
from bilingual.model import Code, Content, Document, Gap, Inline, Part, Segment, Text, TextUnit
from bilingual.segment.rules import SentenceRules, load_rules
from bilingual.segment.splitter import sentence_spans

__all__ = ["segment_content", "segment_document", "segment_unit", "segmenter_version", "split_sentences"]


def segmenter_version(language: str) -> str:
    rules = load_rules(language)
    return f"bilingual-srx/{rules.language}-{rules.version}"


def split_sentences(text: str, language: str) -> list[str]:
    """The sentences of a plain text (whitespace between them dropped)."""
    return [text[s:e] for s, e in sentence_spans(text, load_rules(language))]


def segment_document(document: Document) -> Document:
    rules = load_rules(document.source_lang)
    units = tuple(segment_unit(u, rules) for u in document.units)
    site = document.metadata.site_name
    if site:
        units = tuple(_site_name_kept(u, site) if u.role in _TITLES else u for u in units)
    return replace(document, units=units)


# A page title often ends with the site's name ("… | AP News", "… - BBC
# News"), which is a name: "AP Noticiosos", "La Reseña de Puerto" for The
# Harbor Review. When it is the name the page gives (og:site_name, JSON-LD
# publisher), it is a gap, kept as written.
_TITLES = frozenset(("page-title", "og:title", "twitter:title"))
_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ", " » ")


def _site_name_kept(unit: TextUnit, site: str) -> TextUnit:
    if not unit.parts or not isinstance(unit.parts[-1], Segment):
        return unit
    last = unit.parts[-1]
    end = last.source[-1] if last.source else None
    if not isinstance(end, Text):
        return unit
    for separator in _SITE_SEPARATORS:
        suffix = separator + site
        if end.text.endswith(suffix) and plain_text(last.source).strip() != suffix.strip():
            head = end.text[: -len(suffix)]
            source = (*last.source[:-1], Text(head)) if head else last.source[:-1]
            if not plain_text(source).strip():
                return unit
            return replace(unit, parts=(*unit.parts[:-1], replace(last, source=source), Gap((Text(suffix),))))
    return unit


def segment_unit(unit: TextUnit, rules: SentenceRules) -> TextUnit:
    if not unit.translate:
        return unit
    parts = segment_content(unit.source, rules, unit.id)
    return replace(unit, parts=parts)


def segment_content(content: Content, rules: SentenceRules, unit_id: str) -> tuple[Part, ...]:
    text = plain_text(content)
    spans = _spans_with_breaks(content, text, rules)
    spans = _keep_inline_elements_whole(content, _after_footnote_marks(content, spans, text), text)
    if not spans:
        return (Gap(content),) if content else ()
    items, starts = refine(content, [o for span in spans for o in span])
    return _assemble(items, starts, spans, unit_id)


def _spans_with_breaks(content: Content, text: str, rules: SentenceRules) -> list[tuple[int, int]]:
    """Sentence spans where a line break (``<br>``) counts as the spacing
    between sentences it is: found on the text with a newline at each break,
    then mapped back to the plain text."""
    breaks: list[int] = []
    pos = 0
    for item in content:
        if isinstance(item, Text):
            pos += len(item.text)
        elif item.name == "br":
            breaks.append(pos)
    if not breaks:
        return sentence_spans(text, rules)
    pieces, last = [], 0
    for at in breaks:
        pieces += [text[last:at], "\n"]
        last = at
    pieces.append(text[last:])
    inserted = [at + i + 1 for i, at in enumerate(breaks)]  # where each newline ends, in the new text

    def back(offset: int) -> int:
        return offset - bisect.bisect_right(inserted, offset)

    return [(back(a), back(b)) for a, b in sentence_spans("".join(pieces), rules)]


def _assemble(items: list[Inline], starts: list[int], spans: list[tuple[int, int]], unit_id: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    cursor = 0
    for number, (start, end) in enumerate(spans, 1):
        first = _first_item(items, starts, start, cursor)
        last = _last_item(items, starts, end, first)
        if first > cursor:
            parts.append(Gap(tuple(items[cursor:first])))
        parts.append(Segment(id=f"{unit_id}.s{number}", source=tuple(items[first:last])))
        cursor = last
    if cursor < len(items):
        parts.append(Gap(tuple(items[cursor:])))
    return tuple(parts)


def _first_item(items: list[Inline], starts: list[int], start: int, floor: int) -> int:
    """Index of the segment's first item: its first text, pulled back over
    opening tags (and the spacing between them) that lead into it."""
    i = floor
    while i < len(items) and not (
        isinstance(items[i], Text) and starts[i] >= start and items[i].text.strip()  # type: ignore[union-attr]
    ):
        i += 1
    first = i
    j = i
    while j > floor:
        prev = items[j - 1]
        if isinstance(prev, Code) and prev.kind != "close" and prev.name not in LAYOUT_CODES:
            first = j - 1
        elif not (isinstance(prev, Text) and not prev.text.strip()):
            break
        j -= 1
    return first


def _last_item(items: list[Inline], starts: list[int], end: int, first: int) -> int:
    """Index after the segment's last item: its last text, extended over
    closing tags that follow directly."""
    i = first
    while i < len(items) and (isinstance(items[i], Code) or starts[i] < end):
        i += 1
    while i > first and not isinstance(items[i - 1], Text) and _is_open_or_layout(items[i - 1]):
        i -= 1
    while i < len(items) and isinstance(items[i], Code) and items[i].kind == "close":  # type: ignore[union-attr]
        i += 1
    return i


def _is_open_or_layout(item: Inline) -> bool:
    return isinstance(item, Code) and (item.kind == "open" or item.name in LAYOUT_CODES)


# A footnote mark after a sentence's end ("drafted.<sup>2</sup> The
# system…"): in the plain text ("drafted.2 The") the rules see no end.
_FOOTNOTE_END = re.compile(r"[.!?][\"”’»)]?$")
_NEXT_SENTENCE = re.compile(r"\s+[\"“‘«¿¡(]?[A-ZÁÉÍÓÚÑ]")


def _after_footnote_marks(content: Content, spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans cut after each superscript number (1 to 3 digits) that follows
    a sentence's end mark and that a capital follows."""
    cuts = []
    pos = 0
    superscript: list[int] = []
    for item in content:
        if isinstance(item, Text):
            end = pos + len(item.text)
            mark = item.text
            if superscript and mark.isdigit() and len(mark) <= 3 and _FOOTNOTE_END.search(text[:pos]):
                following = _NEXT_SENTENCE.match(text, end)
                if following:
                    cuts.append((end, following.start() + len(following.group()) - 1))
            pos = end
        elif item.name == "sup":
            if item.kind == "open":
                superscript.append(item.id)
            elif item.kind == "close" and item.id in superscript:
                superscript.remove(item.id)
    if not cuts:
        return spans
    out = []
    for start, end in spans:
        for cut, resume in cuts:
            if start < cut and resume < end:
                out.append((start, cut))
                start = resume
        out.append((start, end))
    return out


def _keep_inline_elements_whole(
    content: Sequence[Inline], spans: list[tuple[int, int]], text: str
) -> list[tuple[int, int]]:
    """Merge sentences split inside a link or other inline element, unless
    the element itself holds several sentences."""
    if len(spans) < 2:
        return spans
    ranges = _element_ranges(content)
    merged = [spans[0]]
    for start, end in spans[1:]:
        boundary_end = merged[-1][1]
        if any(
            a < boundary_end and start < b and not _holds_sentences(text, a, b, boundary_end, start) for a, b in ranges
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _holds_sentences(text: str, a: int, b: int, left_end: int, right_start: int) -> bool:
    left, right = text[a:left_end].split(), text[right_start:b].split()
    return len(left) >= 2 and len(right) >= 2


def _element_ranges(content: Sequence[Inline]) -> list[tuple[int, int]]:
    """Plain-text ranges covered by paired inline elements."""
    opened: dict[int, int] = {}
    ranges = []
    pos = 0
    for item in content:
        if isinstance(item, Text):
            pos += len(item.text)
        elif item.kind == "open":
            opened[item.id] = pos
        elif item.kind == "close" and item.id in opened:
            ranges.append((opened.pop(item.id), pos))
    return ranges
