"""Drop caps: the engine gets the first word whole, the tag comes back."""

from __future__ import annotations

from bilingual.model import Code, Text
from bilingual.mt.initials import put_initial, split_initial

OPEN, CLOSE = Code("open", 1, "span", '<span class="dropcap">'), Code("close", 1, "span", "</span>")


def test_a_tag_around_the_first_letter_is_taken_off_and_put_back() -> None:
    source = (OPEN, Text("E"), CLOSE, Text("l Ayuntamiento aprobó "), Code("empty", 2, "br", "<br>"))
    whole, tag = split_initial(source)
    assert whole == (Text("El Ayuntamiento aprobó "), source[4]) and tag == (OPEN, CLOSE)
    assert put_initial((Text("“The City council”"),), (OPEN, CLOSE)) == (
        Text("“"),
        OPEN,
        Text("T"),
        CLOSE,
        Text("he City council”"),
    )


def test_other_tags_at_the_start_stay_where_they_are() -> None:
    for source in [
        (OPEN, Text("El"), CLOSE, Text(" Ayuntamiento")),  # a whole word
        (OPEN, Text("Ayun"), CLOSE, Text("tamiento")),  # more than an initial
        (OPEN, Text("1"), CLOSE, Text("0 casas")),  # not a letter
    ]:
        assert split_initial(source) == (source, None)


def test_a_translation_that_opens_with_no_letter_gets_the_tag_empty_in_front() -> None:
    link = (Code("open", 3, "a", '<a href="x">'), Text("Sevilla"), Code("close", 3, "a", "</a>"))
    assert put_initial(link, (OPEN, CLOSE)) == (OPEN, CLOSE, *link)
