"""Telling our two languages from the others."""

from __future__ import annotations

import pytest

from bilingual.detect import unsupported_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Le gouvernement a annoncé qu'il ne va pas augmenter les impôts, et le ministre est sûr de la réforme.",
            "French",
        ),
        (
            "O governo anunciou que não vai aumentar os impostos, e o ministro disse que a economia está mais forte "
            "do que em 2023. Também pediu uma reforma das pensões pelo parlamento.",
            "Portuguese",
        ),
        (
            "El govern ha anunciat que no apujarà els impostos, però també ha dit que la reforma és molt necessària.",
            "Catalan",
        ),
        (
            "El ministro dijo: «Le gouvernement est prêt pour la réforme et il ne reculera pas». La oposición criticó la medida y pidió que el Congreso vote la ley en junio.",
            "",
        ),
        ("The minister said the reform is ready, et al., and the vote is set for June at 9 a.m. EST.", ""),
    ],
)
def test_a_text_in_neither_of_our_languages_is_named(text: str, language: str) -> None:
    assert unsupported_language(text) == language
