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
