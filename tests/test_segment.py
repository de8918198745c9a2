"""Sentence segmentation: accuracy on the labelled sets, the hard cases,
and what it does around inline markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.content import plain_text
from bilingual.model import Code, Segment, Text
from bilingual.segment import segment_content, split_sentences
from bilingual.segment.rules import load_rules
from bilingual.segment.splitter import sentence_spans
from conftest import DATA


def read_labelled(path: Path) -> list[list[str]]:
    """Paragraphs of the labelled set: one sentence per line."""
    paragraphs, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                paragraphs.append(current)
            current = []
        else:
            current.append(line)
    if current:
        paragraphs.append(current)
    return paragraphs


def boundary_scores(language: str) -> tuple[float, float, int]:
    rules = load_rules(language)
    tp = fp = fn = sentences = 0
    for paragraph in read_labelled(DATA / "segmentation" / f"{language}.txt"):
        sentences += len(paragraph)
        text = " ".join(paragraph)
        gold, pos = set(), 0
        for sentence in paragraph[:-1]:
            pos += len(sentence)
            gold.add(pos)
            pos += 1
        found = {end for _, end in sentence_spans(text, rules)[:-1]}
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
    return tp / (tp + fp), tp / (tp + fn), sentences


@pytest.mark.parametrize("language", ["en", "es"])
def test_boundary_precision_and_recall_are_at_least_98_percent(language: str) -> None:
    precision, recall, sentences = boundary_scores(language)
    assert sentences >= 200
    assert precision >= 0.98 and recall >= 0.98, (precision, recall)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Dr. Smith met Mr. Jones at 9 a.m. The talks ended.",
            ["Dr. Smith met Mr. Jones at 9 a.m.", "The talks ended."],
        ),
        ("en", "The U.S. Embassy reopened. It had been closed.", ["The U.S. Embassy reopened.", "It had been closed."]),
        ("en", "About 20,000 people, or 3.5 percent, came.", ["About 20,000 people, or 3.5 percent, came."]),
        ("en", '"Is it over?" he asked. Nobody answered.', ['"Is it over?" he asked.', "Nobody answered."]),
        ("en", "“We will win.” She left.", ["“We will win.”", "She left."]),
        ("en", "He paused... Then he left.", ["He paused...", "Then he left."]),
        ("en", "John F. Kennedy spoke. No. 5 won.", ["John F. Kennedy spoke.", "No. 5 won."]),
        ("en", "Cuba Migration Talks Resume", ["Cuba Migration Talks Resume"]),
        (
            "en",
            "It used the hashtag #FlipArizona. @AZGOP deleted it. #FlipArizona trended. See p. #5 later.",
            ["It used the hashtag #FlipArizona.", "@AZGOP deleted it.", "#FlipArizona trended.", "See p. #5 later."],
        ),
        (
            "en",
            "Sales rose 2%. iPhone sales fell. eBay was flat.",
            ["Sales rose 2%.", "iPhone sales fell.", "eBay was flat."],
        ),
        (
            "en",
            '"Is this a joke?" Mayor Linda Parks asked reporters. Nobody laughed.',
            ['"Is this a joke?" Mayor Linda Parks asked reporters.', "Nobody laughed."],
        ),
        ("en", '"What now?" Walsh said the team must regroup.', ['"What now?"', "Walsh said the team must regroup."]),
        (
            "en",
            "The sponsor, Rep. Nina Torres, D-St. Louis, agreed.",
            ["The sponsor, Rep. Nina Torres, D-St. Louis, agreed."],
        ),
        ("en", "1. Check your tires. 2. Fill the tank.", ["1. Check your tires.", "2. Fill the tank."]),
        ("es", "a. Revise los neumáticos. Luego, arranque.", ["a. Revise los neumáticos.", "Luego, arranque."]),
        (
            "es",
            "El Sr. Pérez llegó a EE. UU. El viaje fue largo.",
            ["El Sr. Pérez llegó a EE. UU.", "El viaje fue largo."],
        ),
        ("es", "¿Quién lo dijo? Nadie. ¡Qué sorpresa!", ["¿Quién lo dijo?", "Nadie.", "¡Qué sorpresa!"]),
        ("es", "«¿Hasta cuándo?», preguntó. Luego se fue.", ["«¿Hasta cuándo?», preguntó.", "Luego se fue."]),
        (
            "es",
            "Llegaron 20.000 personas, un 3,5 % más. Fue un récord.",
            ["Llegaron 20.000 personas, un 3,5 % más.", "Fue un récord."],
        ),
        (
            "es",
            "La Lic. Ruiz leyó la pág. 12 del informe núm. 3.",
            ["La Lic. Ruiz leyó la pág. 12 del informe núm. 3."],
        ),
        ("es", "«No nos rendiremos». El ministro salió.", ["«No nos rendiremos».", "El ministro salió."]),
        (
            "es",
            "Pompeya quedó sepultada en el año 79 d. C. La iglesia de Ntra. Sra. de la Paz abre hoy.",
            ["Pompeya quedó sepultada en el año 79 d. C.", "La iglesia de Ntra. Sra. de la Paz abre hoy."],
        ),
    ],
)
def test_hard_cases(language: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, language) == expected


def test_a_link_is_not_cut_by_a_false_boundary() -> None:
    content = (
        Text("Talks with "),
        Code("open", 1, "a", '<a href="/p">'),
        Text("Gen. Smith. Aides"),
        Code("close", 1, "a", "</a>"),
        Text(" said more."),
    )
    parts = segment_content(content, load_rules("en"), "u1")
    assert len([p for p in parts if isinstance(p, Segment)]) == 1


def test_a_link_spanning_two_sentences_is_split_with_isolated_codes() -> None:
    content = (
        Code("open", 1, "a", '<a href="/p">'),
        Text("The port closed today. Ships wait offshore."),
        Code("close", 1, "a", "</a>"),
    )
    segments = [p for p in segment_content(content, load_rules("en"), "u1") if isinstance(p, Segment)]
    assert [plain_text(s.source) for s in segments] == ["The port closed today.", "Ships wait offshore."]
    assert segments[0].source[0] == content[0] and segments[1].source[-1] == content[-1]


def test_closing_tags_stay_with_their_sentence_and_opening_tags_with_the_next() -> None:
    content = (
        Text("First "),
        Code("open", 1, "em", "<em>"),
        Text("one."),
        Code("close", 1, "em", "</em>"),
        Text(" "),
        Code("open", 2, "b", "<b>"),
        Text("Second"),
        Code("close", 2, "b", "</b>"),
        Text(" one."),
    )
    segments = [p for p in segment_content(content, load_rules("en"), "u1") if isinstance(p, Segment)]
    assert segments[0].source[-1] == Code("close", 1, "em", "</em>")
    assert segments[1].source[0] == Code("open", 2, "b", "<b>")


def test_the_site_name_ending_a_page_title_is_kept_as_written() -> None:
    """ "… | AP News" came out as "… | AP Noticiosos": the name the page gives
    itself (og:site_name, JSON-LD publisher) is a gap, not a sentence."""
    from bilingual.model import Document, Gap, Metadata, TextUnit
    from bilingual.segment import segment_document

    def unit(uid: str, role: str, text: str) -> TextUnit:
        return TextUnit(uid, "title", (Gap((Text(text),)),), role=role)

    units = (
        unit("u1", "page-title", "Storm hits the coast | AP News"),
        unit("u2", "og:title", "AP News"),  # the name alone is left to the rules
        unit("u3", "paragraph", "He reads AP News - AP News"),  # only titles
    )
    document = Document("a.html", "en", "es", units, metadata=Metadata(site_name="AP News"))
    title, alone, paragraph = segment_document(document).units
    assert [type(p).__name__ for p in title.parts] == ["Segment", "Gap"]
    assert plain_text(title.parts[0].source) == "Storm hits the coast"  # type: ignore[union-attr]
    assert title.parts[1] == Gap((Text(" | AP News"),))
    assert [type(p).__name__ for p in alone.parts] == ["Segment"]
    assert isinstance(paragraph.parts[-1], Segment)


def test_a_footnote_mark_after_a_sentence_end_ends_the_sentence() -> None:
    """In the plain text "drafted.2 The system" the rules saw no end."""
    sup = (Code("open", 1, "sup", "<sup>"), Code("close", 1, "sup", "</sup>"))
    link = (Code("open", 2, "a", '<a href="#fn2">'), Code("close", 2, "a", "</a>"))
    content = (Text("He was drafted."), sup[0], link[0], Text("2"), link[1], sup[1], Text(" The system made him rich."))
    content += (Text(" It rose"), Code("open", 3, "sup", "<sup>"), Text("3"), Code("close", 3, "sup", "</sup>"))
    content += (Text(" in 2020."),)
    sentences = [
        plain_text(p.source) for p in segment_content(content, load_rules("en"), "u1") if isinstance(p, Segment)
    ]
    assert sentences == ["He was drafted.2", "The system made him rich.", "It rose3 in 2020."]  # (no end before "3")
