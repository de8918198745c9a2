"""Tags through a neural model: take them out of the text, translate, and put
them back where the model's attention says their words went.

The engines that carry tags as text (``<g1>…</g1>`` paired, ``<x2/>`` empty,
``<t3>…</t3>`` term spans) share this notation with the fake engine. A neural
model never sees the tags: the text is translated plain, each target token is
aligned to the source token it attends to most, and every tagged span is
projected onto the target words aligned into it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_TAG = re.compile(r"<([gt])(\d+)>|</([gt])(\d+)>|<x(\d+)/>")


@dataclass
class Tagged:
    """Plain text plus where each tag sat in it (character offsets)."""

    text: str
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # name, start, end
    points: list[tuple[str, int]] = field(default_factory=list)  # name, offset


def parse_tagged(value: str) -> Tagged:
    plain: list[str] = []
    length = 0
    opened: dict[str, int] = {}
    result = Tagged("")
    pos = 0
    for m in _TAG.finditer(value):
        piece = html.unescape(value[pos : m.start()])
        plain.append(piece)
        length += len(piece)
        if m.group(1):
            opened[f"{m.group(1)}{m.group(2)}"] = length
        elif m.group(3):
            name = f"{m.group(3)}{m.group(4)}"
            if name in opened:
                result.spans.append((name, opened.pop(name), length))
        else:
            result.points.append((f"x{m.group(5)}", length))
        pos = m.end()
    plain.append(html.unescape(value[pos:]))
    for name, start in opened.items():  # an open tag never closed: a span to the end
        result.spans.append((name, start, length + len(plain[-1])))
    result.text = "".join(plain)
    return result


def render_tagged(tagged: Tagged) -> str:
    """Tags back into text; at one offset, closings come first, then empty
    tags, then openings (longer spans open first)."""
    events: list[tuple[int, int, int, str]] = []
    for name, start, end in tagged.spans:
        events.append((start, 2, -(end - start), f"<{name}>"))
        events.append((end, 0, end - start, f"</{name}>"))
    for name, offset in tagged.points:
        events.append((offset, 1, 0, f"<{name}/>"))
    events.sort()
    out, pos = [], 0
    text = tagged.text
    for offset, _, _, tag in events:
        out.append(_escape(text[pos:offset]))
        out.append(tag)
        pos = offset
    out.append(_escape(text[pos:]))
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@dataclass(frozen=True)
class Token:
    start: int  # character offsets in the text the token stands for
    end: int
    word_start: bool  # the token begins a new word (SentencePiece "▁")


def token_index_span(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Tokens overlapping [start, end) as [first, last + 1); an empty span
    maps to the token where it sits."""
    if end <= start:
        return next((i for i, t in enumerate(tokens) if t.end > start), len(tokens)), next(
            (i for i, t in enumerate(tokens) if t.end > start), len(tokens)
        )
    # zero-width tokens (normalisation can expand one character into several) count where they sit
    inside = [
        i
        for i, t in enumerate(tokens)
        if (t.start < end and t.end > start) or (t.start == t.end and start <= t.start < end)
    ]
    if not inside:
        first = next((i for i, t in enumerate(tokens) if t.end > start), len(tokens))
        return first, first
    return inside[0], inside[-1] + 1


def project(
    tagged: Tagged,
    source_tokens: list[Token],
    target_text: str,
    target_tokens: list[Token],
    alignment: list[int],
) -> tuple[Tagged, list[str]]:
    """Tags of ``tagged`` (over the source) placed on the target text.

    ``alignment[j]`` is the source token index target token ``j`` attends to
    most. Returns the target with tags and the names of spans that no target
    token was aligned into (the caller restores those visibly).
    """
    result = Tagged(target_text)
    lost = []
    for name, start, end in tagged.spans:
        first, last = token_index_span(source_tokens, start, end)
        aligned = [j for j, i in enumerate(alignment) if first <= i < last]
        if not aligned:
            lost.append(name)
            continue
        a, b = min(aligned), max(aligned) + 1
        # a span that covered whole words in the source covers whole words in the target
        if _starts_word(source_tokens, first):
            a = _word_start(target_tokens, a)
        if _starts_word(source_tokens, last):
            b = _word_end(target_tokens, b)
        result.spans.append((name, *_trim(target_text, target_tokens[a].start, target_tokens[b - 1].end)))
    for name, offset in tagged.points:
        index, _ = token_index_span(source_tokens, offset, offset)
        after = [j for j, i in enumerate(alignment) if i >= index]
        if not after:
            result.points.append((name, len(target_text)))
            continue
        j = min(after)
        if _starts_word(source_tokens, index):
            j = _word_start(target_tokens, j)
        result.points.append((name, target_tokens[j].start))
    _untangle_terms(result)
    return result, lost


def _starts_word(tokens: list[Token], index: int) -> bool:
    return index >= len(tokens) or tokens[index].word_start


def _word_start(tokens: list[Token], a: int) -> int:
    while a > 0 and not tokens[a].word_start:
        a -= 1
    return a


def _word_end(tokens: list[Token], b: int) -> int:
    while b < len(tokens) and not tokens[b].word_start:
        b += 1
    return b


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _untangle_terms(tagged: Tagged) -> None:
    """Term spans replace their words, so two of them must not overlap: a
    later one that would is cut back to start after the earlier."""
    terms = sorted((s for s in tagged.spans if s[0].startswith("t")), key=lambda s: s[1])
    others = [s for s in tagged.spans if not s[0].startswith("t")]
    kept: list[tuple[str, int, int]] = []
    for name, start, end in terms:
        if kept and start < kept[-1][2]:
            start = kept[-1][2]
        kept.append((name, start, max(start, end)))
    tagged.spans = others + kept
