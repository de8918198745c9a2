"""Operations on content (tuples of :class:`Text` and :class:`Code`).

Plain text, normalisation for comparison, splitting at plain-text offsets,
and the mapping between the two.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Generic, NamedTuple, TypeVar

from bilingual.model import Code, Content, Inline, Text

T = TypeVar("T")

# The name of the empty code that keeps a hidden element (its text is not shown).
HIDDEN_CODE = "#hidden"
# Empty codes that only lay out text (a line break, an image, a comment, a
# hidden element); any other empty code is a protected span standing for words.
LAYOUT_CODES = frozenset({"br", "wbr", "img", "#comment", "source", "picture", "amp-img", "hr", HIDDEN_CODE})


def plain_text(content: Iterable[Inline]) -> str:
    """The text of the content with every code removed."""
    return "".join(i.text for i in content if isinstance(i, Text))


def codes(content: Iterable[Inline]) -> tuple[Code, ...]:
    return tuple(i for i in content if isinstance(i, Code))


def normalize(content: Iterable[Inline]) -> Content:
    """Merge adjacent text runs and drop empty ones (original spellings go)."""
    out: list[Inline] = []
    for run in text_runs_apart(content):
        if isinstance(run, list):
            text = "".join(item.text for item in run)
            if text:
                out.append(Text(text))
        else:
            out.append(run)
    return tuple(out)


def text_runs_apart(items: Iterable[T]) -> Iterator[list[Text] | T]:
    """The items with each stretch of adjacent :class:`Text` items gathered
    in a list, so that its texts can be joined in one go (joined one by one,
    a paragraph of thousands of entity references takes quadratic time)."""
    for is_text, group in groupby(items, key=lambda item: type(item) is Text):
        if is_text:
            yield list(group)  # type: ignore[arg-type]
        else:
            yield from group


def misnested_codes(content: Iterable[Inline], source: Iterable[Inline]) -> list[int]:
    """Ids of the codes paired in ``source`` that ``content`` closes before
    it opens them, or closes across another pair (``<b><i></b></i>``):
    markup that no longer nests in the page."""
    pairs = _ordered_pairs(source)
    opened: list[int] = []
    misnested: list[int] = []
    for item in content:
        if not isinstance(item, Code) or item.id not in pairs or item.kind == "empty":
            continue
        if item.kind == "open":
            opened.append(item.id)
        elif opened and opened[-1] == item.id:
            opened.pop()
        else:
            misnested.append(item.id)
            if item.id in opened:
                opened.remove(item.id)
    return misnested


def _ordered_pairs(content: Iterable[Inline]) -> set[int]:
    """Ids that open and then close in ``content``."""
    opened: set[int] = set()
    pairs: set[int] = set()
    for item in content:
        if isinstance(item, Code) and item.kind == "open":
            opened.add(item.id)
        elif isinstance(item, Code) and item.kind == "close" and item.id in opened:
            pairs.add(item.id)
    return pairs


def same_content(a: Iterable[Inline], b: Iterable[Inline]) -> bool:
    """Equal text and codes, however the text runs are split."""
    return normalize(a) == normalize(b)


def text_offsets(content: Sequence[Inline]) -> list[int]:
    """Plain-text offset at which each item of ``content`` starts."""
    offsets, pos = [], 0
    for item in content:
        offsets.append(pos)
        if isinstance(item, Text):
            pos += len(item.text)
    return offsets


def split_text(item: Text, at: int) -> tuple[Text, Text]:
    """Split a run at a character offset. A run with an original spelling
    (an entity, collapsed whitespace) is atomic and never split inside."""
    if item.raw is not None:
        raise ValueError("cannot split a text run that keeps an original spelling")
    return Text(item.text[:at]), Text(item.text[at:])


def refine(content: Sequence[Inline], offsets: Iterable[int]) -> tuple[list[Inline], list[int]]:
    """Split text runs so that every plain-text offset in ``offsets`` falls
    between two items. Returns the items and the plain offset each starts at."""
    wanted = sorted(set(offsets))
    items: list[Inline] = []
    starts: list[int] = []
    pos, k = 0, 0
    for item in content:
        if isinstance(item, Code):
            items.append(item)
            starts.append(pos)
            continue
        end = pos + len(item.text)
        while k < len(wanted) and wanted[k] <= pos:
            k += 1
        rest = item
        while k < len(wanted) and wanted[k] < end:
            left, rest = split_text(rest, wanted[k] - pos)
            items.append(left)
            starts.append(pos)
            pos = wanted[k]
            k += 1
        items.append(rest)
        starts.append(pos)
        pos = end
    return items, starts


def escape_html(text: str) -> str:
    return html.escape(text, quote=False)


def to_markup(content: Iterable[Inline]) -> str:
    """HTML for the content: original spellings where kept, escaped text
    elsewhere, codes verbatim."""
    out = []
    for item in content:
        if isinstance(item, Text):
            out.append(item.raw if item.raw is not None else escape_html(item.text))
        else:
            out.append(item.markup)
    return "".join(out)


def is_blank(content: Iterable[Inline]) -> bool:
    return not plain_text(content).strip()


class SpanPiece(NamedTuple, Generic[T]):
    """The part of a marked span (a glossary term) that lies in one text
    run: ``first`` and ``last`` say whether the span opens or closes here."""

    text: str
    mark: T
    first: bool
    last: bool


def with_spans(content: Iterable[Inline], spans: Iterable[tuple[int, int, T]]) -> Iterator[str | Code | SpanPiece[T]]:
    """The content with each span's text (plain-text offsets ``start``,
    ``end``) given as pieces, one per text run it covers, codes between them
    left in place; a span overlapping one before it is left out. Text
    outside the spans comes as plain strings."""
    pending = sorted(spans, key=_START)
    pending.reverse()  # the next span is the last: popped
    current: tuple[int, int, T] | None = None  # a span running on from an earlier text run
    pos = 0
    for item in content:
        if type(item) is not Text:
            yield item  # type: ignore[misc]
            continue
        text = item.text
        end_of_text = pos + len(text)
        if current is None and not (pending and pending[-1][0] < end_of_text):
            yield text  # the common case: no span here
            pos = end_of_text
            continue
        cursor, first = 0, False
        while True:
            if current is None:
                if not (pending and pending[-1][0] < end_of_text):
                    break
                current = pending.pop()
                if current[0] < pos + cursor:  # overlaps a span already given
                    current = None
                    continue
                if current[0] > pos + cursor:
                    yield text[cursor : current[0] - pos]
                cursor, first = current[0] - pos, True
            end = min(current[1], end_of_text)
            last = current[1] <= end_of_text
            if end - pos > cursor or first or last:
                yield SpanPiece(text[cursor : end - pos], current[2], first, last)
            cursor, first = end - pos, False
            if not last:
                break
            current = None
        if cursor < len(text):
            yield text[cursor:]
        pos = end_of_text


_START = itemgetter(0)
