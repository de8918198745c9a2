"""The engine-neutral parts of the codec: what any engine's output goes through."""

from __future__ import annotations

from bilingual.model import Code, Text
from bilingual.mt.codec import spanish_opening_marks


def test_spanish_opening_marks_go_at_the_start_of_the_clause_inside_its_text_run() -> None:
    link = (Code("open", 1, "a", '<a href="/x">'), Code("close", 1, "a", "</a>"))
    content = (link[0], Text("Puede la ciudad"), link[1], Text(" pagar? Dijo: «vienes?» y ya!"))
    assert spanish_opening_marks(content) == (
        link[0],
        Text("¿Puede la ciudad"),
        link[1],
        Text(" pagar? Dijo: «¿vienes?» ¡y ya!"),
    )


def test_a_clause_that_has_its_opening_mark_and_a_mark_inside_an_address_are_left_alone() -> None:
    kept = (Text("¿Ya? Ve a https://example.com/?q=1 hoy."),)
    assert spanish_opening_marks(kept) == kept


def test_a_close_the_engine_put_inside_a_later_tag_waits_for_that_tag_to_close() -> None:
    """ "Staff Writer</span> <time>March" came back as "<time>Marcha de
    Escritor del Personal</span> 11": the page must stay well formed."""
    from bilingual.mt.codec import _nested

    span = (Code("open", 1, "span", "<span>"), Code("close", 1, "span", "</span>"))
    time = (Code("open", 2, "time", "<time>"), Code("close", 2, "time", "</time>"))
    items = [span[0], Text("Por Ana, "), time[0], Text("Marcha"), span[1], Text(" 11"), time[1], Text(" hoy")]
    assert _nested(items, {1: span, 2: time}) == (
        [span[0], Text("Por Ana, "), time[0], Text("Marcha"), Text(" 11"), time[1], span[1], Text(" hoy")],
        [span[1]],
    )
    nested = [span[0], time[0], Text("x"), time[1], span[1]]
    assert _nested(nested, {1: span, 2: time}) == (nested, [])


def test_a_tag_glued_to_the_word_before_it_in_the_source_stays_glued() -> None:
    from bilingual.mt.codec import _glued_as_source

    sup = (Code("open", 1, "sup", "<sup>"), Code("close", 1, "sup", "</sup>"))
    link = (Code("open", 2, "a", "<a>"), Code("close", 2, "a", "</a>"))
    source = (Text("Prices rose"), sup[0], Text("1"), sup[1], Text(" in the "), link[0], Text("report"), link[1])
    spaced = (
        Text("Los precios subieron "),
        sup[0],
        Text("1"),
        sup[1],
        Text(" en el "),
        link[0],
        Text("informe"),
        link[1],
    )
    assert _glued_as_source(spaced, source) == (
        Text("Los precios subieron"),
        *spaced[1:],  # the link had a space before it in the source: it keeps one
    )
