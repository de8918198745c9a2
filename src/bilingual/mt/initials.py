"""Drop caps: a paragraph whose first letter sits in a tag of its own
(``<span class="dropcap">E</span>l Ayuntamiento…``). An engine given the
tag there reads the letter and the rest of the word as two words ("E" +
"l"), so it gets the word whole, and the tag goes back around the first
letter of the translation."""

from __future__ import annotations

from bilingual.model import Code, Content, Text

_LONGEST = 2  # letters a drop cap tag holds ("E", or a digraph such as "Ll")


def split_initial(source: Content) -> tuple[Content, tuple[Code, Code] | None]:
    """The segment without a tag around the start of its first word, and
    that tag's open and close codes (``None``: no such tag)."""
    if len(source) < 4:
        return source, None
    opening, inner, closing, after = source[:4]
    if not (
        isinstance(opening, Code)
        and opening.kind == "open"
        and isinstance(inner, Text)
        and isinstance(closing, Code)
        and closing.kind == "close"
        and closing.id == opening.id
        and isinstance(after, Text)
    ):
        return source, None
    if not (len(inner.text) <= _LONGEST and inner.text.isalpha() and after.text[:1].isalpha()):
        return source, None
    return (Text(inner.text + after.text), *source[4:]), (opening, closing)


def put_initial(target: Content, tag: tuple[Code, Code]) -> Content:
    """The translation with the tag around its first letter; where that
    letter is not in the opening text, the tag opens the translation,
    empty, so that it is not lost."""
    opening, closing = tag
    first = target[0] if target else None
    if isinstance(first, Text):
        at = next((i for i, ch in enumerate(first.text) if ch.isalpha()), -1)
        if at >= 0:
            before, letter, rest = first.text[:at], first.text[at], first.text[at + 1 :]
            pieces = (Text(before),) if before else ()
            return (*pieces, opening, Text(letter), closing, *((Text(rest),) if rest else ()), *target[1:])
    return (opening, closing, *target)
