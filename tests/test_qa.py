"""QA checks on single segments."""

from __future__ import annotations

from bilingual.model import Segment, Text
from bilingual.qa import check_numbers


def _numbers(source: str, target: str) -> list[str]:
    segment = Segment("u1.s1", (Text(source),), (Text(target),))
    return [issue.message for issue in check_numbers(segment, "en", "es")]


def test_numbers_keep_their_value_whatever_the_separators() -> None:
    assert _numbers("It cost $1,200.50 in 2023.", "Costó 1.200,50 dólares en 2023.") == []
    assert _numbers("About 12 000 people came.", "Vinieron unas 12\u00a0000 personas.") == []
    assert _numbers("It cost $1,200 in 2023.", "Costó 1.300 dólares en 2023.") == [
        "number(s) not found in the target: 1200"
    ]


def test_two_numbers_a_space_joins_are_found_apart() -> None:
    """ "COVID-19 115" reads as 19 115; the engine moving them apart is no mismatch."""
    assert _numbers("COVID-19 115 degrees", "COVID-19 pasado 115 grados") == []
    assert _numbers("COVID-19 115 degrees", "COVID-19 pasado 116 grados") == [
        "number(s) not found in the target: 19115"
    ]


def test_a_spanish_time_written_the_english_way_keeps_its_value() -> None:
    """ "a las 21.00 horas" comes out as "at 9 p.m.": other numbers, the
    same time; another hour is still a mismatch."""

    def from_spanish(source: str, target: str) -> list[str]:
        segment = Segment("u1.s1", (Text(source),), (Text(target),))
        return [issue.message for issue in check_numbers(segment, "es", "en")]

    assert from_spanish("Empieza a las 21.00 horas y acaba a mediodía.", "It begins at 9 p.m. and ends at noon.") == []
    assert from_spanish("Desde las 7:00, 40 personas.", "From 7 a.m., 40 people.") == []
    assert from_spanish("Empieza a las 21.00 horas.", "It begins at 8 p.m.") == [
        "number(s) not found in the target: 2100"
    ]
