"""The document model's invariant: joining a unit's parts gives back its
content exactly, whatever the segmentation does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.content import normalize, plain_text, refine, same_content, to_markup
from bilingual.model import Code, Gap, Segment, Text, join_parts
from bilingual.segment import segment_content
from bilingual.segment.rules import load_rules

WORDS = [
    "Dr.",
    "Smith",
    "said",
    "U.S.",
    "EE. UU.",
    "the",
    "talks",
    "ended.",
    "¿Qué?",
    "«No».",
    "¡Sí!",
    "3.5",
    "20,000",
    "a.m.",
    "Havana.",
    "It",
    "rained...",
    "Then",
    "“We",
    "won.”",
    "He",
    "left.",
]


@st.composite
def contents(draw: st.DrawFn) -> tuple:
    items: list = []
    next_id = 1
    open_ids: list[int] = []
    for _ in range(draw(st.integers(1, 14))):
        choice = draw(st.integers(0, 9))
        if choice <= 5:
            words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
            spacing = draw(st.sampled_from([" ", "  ", "\n  "]))
            items.append(Text(spacing.join(words) + draw(st.sampled_from(["", " ", "\n"]))))
        elif choice == 6:
            items.append(Text(" ", raw=draw(st.sampled_from(["\n   ", "\t", "  "]))))
        elif choice == 7:
            items.append(Code("open", next_id, "a", f'<a href="/x{next_id}">'))
            open_ids.append(next_id)
            next_id += 1
        elif choice == 8 and open_ids:
            code_id = open_ids.pop()
            items.append(Code("close", code_id, "a", "</a>"))
        else:
            items.append(Code("empty", next_id, "br", "<br>"))
            next_id += 1
    return tuple(items)


@settings(max_examples=300, deadline=None)
@given(contents(), st.sampled_from(["en", "es"]))
def test_joining_parts_gives_back_the_content(content: tuple, language: str) -> None:
    parts = segment_content(content, load_rules(language), "u1")
    joined = join_parts(parts)
    assert same_content(joined, content)
    assert to_markup(joined) == to_markup(content)
    assert all(isinstance(p, Segment | Gap) for p in parts)


@settings(max_examples=200, deadline=None)
@given(contents(), st.lists(st.integers(0, 200), max_size=6))
def test_refine_splits_text_without_losing_characters(content: tuple, offsets: list[int]) -> None:
    items, starts = refine(content, offsets)
    assert normalize(items) == normalize(content)
    assert to_markup(items) == to_markup(content)
    text = plain_text(content)
    for offset in offsets:
        if 0 < offset < len(text):
            assert offset in starts or any(
                isinstance(i, Text) and i.raw is not None and s < offset < s + len(i.text)
                for i, s in zip(items, starts, strict=True)
            )


def test_segments_have_ids_and_gaps_hold_the_spacing() -> None:
    content = (
        Text("Dr. Smith arrived. "),
        Code("open", 1, "em", "<em>"),
        Text("It rained."),
        Code("close", 1, "em", "</em>"),
    )
    parts = segment_content(content, load_rules("en"), "u7")
    segments = [p for p in parts if isinstance(p, Segment)]
    assert [s.id for s in segments] == ["u7.s1", "u7.s2"]
    assert plain_text(segments[0].source) == "Dr. Smith arrived."
    assert segments[1].source == (Code("open", 1, "em", "<em>"), Text("It rained."), Code("close", 1, "em", "</em>"))
    assert [p for p in parts if isinstance(p, Gap)] == [Gap((Text(" "),))]


def test_original_spelling_survives_but_does_not_change_equality() -> None:
    assert Text("&", raw="&amp;") == Text("&")
    assert to_markup((Text("AT"), Text("&", raw="&amp;"), Text("T"))) == "AT&amp;T"
