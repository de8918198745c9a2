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
    # a symbol opening the clause stays before the mark
    assert spanish_opening_marks((Text("🎉 El equipo ganó el campeonato!"),)) == (
        Text("🎉 ¡El equipo ganó el campeonato!"),
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
    # after an opening mark the engine may put a word before the tag: "«<em>Vamos" gave "“We <em>go"
    em = (Code("open", 3, "em", "<em>"), Code("close", 3, "em", "</em>"))
    quoted = (Text("We "), em[0], Text("go"), em[1])
    assert _glued_as_source(quoted, (Text("«"), em[0], Text("Vamos"), em[1], Text("»"))) == quoted


def test_numbers_a_spanish_source_writes_the_spanish_way_are_written_the_english_way() -> None:
    from bilingual.mt.numbers import english_numbers

    source = "Unas 400.000 hectáreas, 1.200.000 personas, 1.540,75 euros y un 3,5 %; el plan 2030, versión 2.1.3."
    target = (Text("Some 400.000 hectares, 1.200.000 people, "), Text("1.540,75 euros and a 3,5 %; plan 2030, 2.1.3."))
    assert english_numbers(target, source) == (
        Text("Some 400,000 hectares, 1,200,000 people, "),
        Text("1,540.75 euros and a 3.5%; plan 2030, 2.1.3."),
    )


def test_numbers_that_could_be_either_way_follow_the_article() -> None:
    """One group or three decimals could be either way. A point is taken for
    Spanish thousands and a comma for English ones ("20,000 personas" in a
    Mexican article had become "20.000 people"), unless the article writes
    the other way elsewhere; a time of day ("a las 10.30") is no sign of
    English numbers (it had kept every "2.000" of its article)."""
    from bilingual.mt.numbers import english_numbers, number_style

    either = (Text("There were 20.000 people and 1,540 votes."),)
    source = "Hubo 20.000 personas y 1,540 votos."
    assert english_numbers(either, source, "") == (Text("There were 20,000 people and 1,540 votes."),)
    assert english_numbers(either, source, "english") == either
    assert english_numbers(either, source, "spanish") == (Text("There were 20,000 people and 1.540 votes."),)
    thousands = (Text("Some 20,000 people."),)  # three decimals all zeros: thousands, in any article
    assert english_numbers(thousands, "Unas 20,000 personas.", "spanish") == thousands
    assert number_style(["El peso cotizó a 17.15 por dólar.", "Unas 20,000 personas marcharon."]) == "english"
    assert number_style(["Subió un 3,5 %.", "Hubo 1,540 votos."]) == "spanish"
    assert number_style(["Marcharon a las 10.30 horas.", "Unas 2.000 personas."]) == "spanish"
    assert number_style(["Desde las 22.00 h llueve.", "Hubo 20 votos."]) == ""
    assert number_style(["Subió un 3,5 % y cotizó a 17.15."]) == ""  # both ways: each number by its form


def test_a_tag_the_engine_lost_goes_around_its_text_when_that_came_through_once() -> None:
    """Apertium dropped the tag around "®" of "S&P 500<sup>®</sup>", and
    the whole sentence came out superscript."""
    from bilingual.mt.base import Encoded
    from bilingual.mt.codec import _restore_missing_codes

    sup = (Code("open", 1, "sup", "<sup>"), Code("close", 1, "sup", "</sup>"))
    source = (Text("The S&P 500"), sup[0], Text("®"), sup[1], Text(" closed."))
    encoded = Encoded("", source, {1: sup}, {}, {})
    items, issues = _restore_missing_codes([Text("El S&P 500® cerró.")], encoded, "u1.s1", "apertium")
    assert items == [Text("El S&P 500"), sup[0], Text("®"), sup[1], Text(" cerró.")]
    assert [i.check for i in issues] == ["tag-moved"]
    twice, _ = _restore_missing_codes([Text("® y ®")], encoded, "u1.s1", "apertium")
    assert twice == [sup[0], Text("® y ®"), sup[1]]  # not found once: around the whole sentence, as before


def test_a_date_before_a_single_noun_moves_after_it_and_nothing_else_does() -> None:
    from bilingual.mt.dates import date_after_noun

    assert date_after_noun("before the Nov. 5 election.") == "before the election of Nov. 5."
    assert date_after_noun("A Jan. 15 letter to the governor") == "A letter of Jan. 15 to the governor"
    assert date_after_noun("the March 5, 2024, ruling was") == "the ruling of March 5, 2024 was"
    unchanged = [
        "the March 5 deadline passed",  # "passed" may be the noun's verb or a second noun: left alone
        "the Sept. 11 attacks changed travel",
        "the March 5 and 6 meetings",
        "the Jan. 6 Capitol attack",  # a name, not a noun in lower case
        "He said that March 5 was a turning point.",
        "The vote is on March 5.",
    ]
    assert [date_after_noun(text) for text in unchanged] == unchanged
