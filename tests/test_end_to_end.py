"""``bilingual translate input/`` with the real Apertium engine, as a
newsroom runs it: every output written, valid and in the right language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bilingual.extract.htmltree import Element, parse
from conftest import ROOT, requires_apertium, run_cli
from validation import assert_valid_tmx, assert_valid_xliff12

pytestmark = [requires_apertium, pytest.mark.apertium]

EN_PAGE = "cuba-us-migration-talks"
ES_PAGE = "cuba-eeuu-conversaciones-migratorias"


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = run_cli("translate", "input/", "-o", str(out), "--engine", "apertium")
    assert result.returncode == 0, result.stderr
    return out


def test_every_output_is_written_for_both_directions(translated: Path) -> None:
    names = sorted(p.name for p in translated.iterdir())
    assert names == sorted(
        [
            f"{EN_PAGE}.es.html",
            f"{EN_PAGE}.bilingual.html",
            f"{EN_PAGE}.en-es.xlf",
            f"{EN_PAGE}.en-es.tmx",
            f"{ES_PAGE}.en.html",
            f"{ES_PAGE}.bilingual.html",
            f"{ES_PAGE}.es-en.xlf",
            f"{ES_PAGE}.es-en.tmx",
            "report.json",
        ]
    )


def test_report_names_engine_direction_and_counts(translated: Path) -> None:
    report = json.loads((translated / "report.json").read_text(encoding="utf-8"))
    by_input = {Path(a["input"]).stem: a for a in report["articles"]}
    assert (by_input[EN_PAGE]["source_lang"], by_input[EN_PAGE]["target_lang"]) == ("en", "es")
    assert (by_input[ES_PAGE]["source_lang"], by_input[ES_PAGE]["target_lang"]) == ("es", "en")
    for article in by_input.values():
        assert article["status"] == "ok"
        assert article["engine"]["name"] == "apertium"
        assert article["counts"]["segments"] == article["counts"]["translated"] > 20


def test_xliff_and_tmx_validate_against_the_official_schemas(translated: Path, schemas: Path) -> None:
    for xlf in translated.glob("*.xlf"):
        assert_valid_xliff12(xlf.read_bytes(), schemas)
    for tmx in translated.glob("*.tmx"):
        assert_valid_tmx(tmx.read_bytes(), schemas)


def _article(path: Path) -> Element:
    tree = parse(path.read_text(encoding="utf-8"))
    article = tree.find("article")
    assert article is not None
    return article


def _shape(article: Element) -> list[str]:
    return [
        e.tag
        for e in article.iter_elements()
        if e.tag
        in {"h1", "h2", "p", "blockquote", "figure", "figcaption", "img", "a", "em", "strong", "br", "ul", "li"}
    ]


@pytest.mark.parametrize(("stem", "target"), [(EN_PAGE, "es"), (ES_PAGE, "en")])
def test_translated_article_keeps_structure_and_inline_markup(translated: Path, stem: str, target: str) -> None:
    source = _article(ROOT / "input" / f"{stem}.html")
    output = translated / f"{stem}.{target}.html"
    result = _article(output)
    assert _shape(result) == _shape(source)
    page = output.read_text(encoding="utf-8")
    assert re.search(rf'<html[^>]*\blang="{target}"', page)
    assert 'rel="alternate" hreflang=' in page
    assert not re.search(r"<script(?![^>]*application/ld\+json)", page)


def test_a_translated_page_declares_its_utf8(tmp_path: Path) -> None:
    """The output is UTF-8: a page that declared no charset got none, and a
    browser may read it as windows-1252; an XHTML page kept its XML
    declaration's "iso-8859-1" and its xml:lang, and lost well-formedness."""
    from lxml import etree

    text = "<p>The city council voted on Tuesday to approve the budget. The mayor said it was fair.</p>"
    (tmp_path / "bare.html").write_text(text, encoding="ascii")
    xhtml = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="es" '
        'lang="es"><head><title>Caña</title></head><body><div><h1>La caña</h1><p>El alcalde dijo el martes que '
        "la zafra de caña terminó con buenos resultados para la región.</p></div></body></html>"
    )
    (tmp_path / "xhtml.html").write_bytes(xhtml.encode("iso-8859-1"))
    for name in ("bare", "xhtml"):
        result = run_cli("translate", str(tmp_path / f"{name}.html"), "-o", str(tmp_path / "out"), "--engine", "fake")
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "bare.es.html").read_text(encoding="utf-8").startswith('<meta charset="utf-8"><p>')
    page = etree.parse(str(tmp_path / "out" / "xhtml.en.html"))  # well-formed, read as the UTF-8 it is
    assert page.docinfo.encoding.lower() == "utf-8"
    root = page.getroot()
    assert root.get("lang") == root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert "càñà" in "".join(root.itertext())  # the fake engine's accents on "caña"


def test_an_amp_page_keeps_its_runtime_and_its_images_alt_is_translated(tmp_path: Path) -> None:
    """Without its runtime an AMP page hides its body for eight seconds and
    shows no amp-img."""
    runtime = '<script async src="https://cdn.ampproject.org/v0.js"></script>'
    page = (
        f'<html amp lang="en"><head><meta charset="utf-8">{runtime}<script>track()</script></head><body><article>'
        '<h1>Stadium vote</h1><figure><amp-img src="a.jpg" width="4" height="3" alt="A stadium by the harbor">'
        "</amp-img><figcaption>The stadium.</figcaption></figure><p>The council approved the stadium on Tuesday. The vote was close.</p></article></body></html>"
    )
    (tmp_path / "amp.html").write_text(page, encoding="utf-8")
    result = run_cli("translate", str(tmp_path / "amp.html"), "-o", str(tmp_path / "out"), "--engine", "fake")
    assert result.returncode == 0, result.stderr
    translated = (tmp_path / "out" / "amp.es.html").read_text(encoding="utf-8")
    assert runtime in translated and "track()" not in translated
    assert 'alt="Á stádíúm by thé hárbór"' in translated


def test_translated_text_is_in_the_target_language(translated: Path) -> None:
    page = (translated / f"{EN_PAGE}.es.html").read_text(encoding="utf-8")
    assert "Representantes de Cuba" in page
    assert "Representatives of Cuba" not in page
    page = (translated / f"{ES_PAGE}.en.html").read_text(encoding="utf-8")
    assert " the " in page


def test_links_stay_around_the_words_they_wrapped(translated: Path) -> None:
    page = (translated / f"{EN_PAGE}.es.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="https://www\.state\.gov/biographies/emily-mendrala/"[^>]*>Emily Mendrala</a>', page)
    assert "<strong>charlas de migración bilateral</strong>" in page


def test_bilingual_page_aligns_every_segment_on_both_sides(translated: Path) -> None:
    page = (translated / f"{EN_PAGE}.bilingual.html").read_text(encoding="utf-8")
    xliff = (translated / f"{EN_PAGE}.en-es.xlf").read_text(encoding="utf-8")
    ids = re.findall(r'<trans-unit id="([^"]+)"', xliff)
    reading = page.split('<section class="review"')[0]
    for segment_id in ids:
        if segment_id.split(".")[0] in _unit_ids_in_reading(reading):
            assert reading.count(f'data-seg="{segment_id}"') == 2, segment_id


def test_bilingual_page_reads_a_table_row_across_on_each_side(tmp_path: Path) -> None:
    from lxml import html as lxml_html

    from bilingual.batch import run_translate
    from bilingual.config import Settings

    page = ROOT / "tests" / "data" / "pages" / "en_nyt_unemployment_table.html"
    run_translate([str(page)], Settings(output_dir=tmp_path, engine="fake"))
    tree = lxml_html.fromstring((tmp_path / f"{page.stem}.bilingual.html").read_bytes())
    rows = tree.xpath('//article[@class="reading"]/section[contains(@class, "role-table-row")]')
    assert len(rows) == 7  # a header row and six rows of figures, as in the page
    for row in rows:
        source, target = row.xpath('./div[@class="src"]//tr'), row.xpath('./div[@class="tgt"]//tr')
        assert len(source) == len(target) == 1
        assert len(source[0]) == len(target[0]) == 3
    header = [cell.text_content() for cell in rows[0].xpath('./div[@class="src"]//th')]
    assert header == ["Sector", "Jobs added in May", "Change from April"]
    assert [c.text_content() for c in rows[1].xpath('./div[@class="src"]//td')] == ["Health care", "68,000", "+12,000"]
    assert not tree.xpath('//section[contains(@class, "role-table-cell")]')


def _unit_ids_in_reading(page: str) -> set[str]:
    return set(re.findall(r'data-unit="([^"]+)"', page))


def test_direction_can_be_forced(tmp_path: Path) -> None:
    result = run_cli(
        "translate", f"input/{ES_PAGE}.html", "-o", str(tmp_path), "--from", "es", "--to", "en", "--engine", "apertium"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"{ES_PAGE}.es-en.xlf").is_file()


def test_direction_is_detected_from_text_not_the_lang_attribute(tmp_path: Path) -> None:
    page = (ROOT / "input" / f"{ES_PAGE}.html").read_text(encoding="utf-8").replace('lang="es"', 'lang="en"', 1)
    (tmp_path / "mislabelled.html").write_text(page, encoding="utf-8")
    result = run_cli(
        "translate", str(tmp_path / "mislabelled.html"), "-o", str(tmp_path / "out"), "--engine", "apertium"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "mislabelled.en.html").is_file()


def test_symbols_apertium_treats_specially_come_back(tmp_path: Path) -> None:
    sentences = [
        "The fire is 5~10 km away.",
        "A tilde ~ stands alone.",
        "Use a|b and C:\\temp\\x now.",
        "Braces {a} and [b] stay.",
        "It rose 5% to $20,000 at 10:30 a.m.",
        "Prices rose<sup>1</sup> as CO<sub>2</sub> fell.",
    ]
    text = _apertium_page(tmp_path, "symbols", "en", sentences)
    assert (
        _missing(
            text,
            (
                "5~10",
                "~",
                "|b",
                "C:\\temp\\x",
                "{",
                "[b]",
                "5%",
                "$20,000",
                "10:30",
                "n<sup>1</sup>",
                "CO<sub>2</sub>",
            ),
        )
        == []
    )
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert not [i for i in report["articles"][0]["issues"] if i["check"] == "numbers-mismatch"]


def test_a_drop_cap_is_translated_with_its_word_and_kept_on_the_first_letter(tmp_path: Path) -> None:
    """<span class="dropcap">E</span>l: the engine reads "El" whole (not
    "E" + "l"), and the tag goes back around the translation's first letter."""
    body = (
        '<p><span class="dropcap">E</span>l Ayuntamiento de Sevilla aprobó el presupuesto del año próximo.</p>'
        "<p>La <b>o</b>posición votó en contra.</p>"
    )
    text = _apertium_page(tmp_path, "sevilla", "es", body)
    assert '<span class="dropcap">T</span>he City council of Seville' in text
    assert "<b>" in text and "</b>" in text  # a tag inside a word elsewhere keeps its place as before


def test_compounds_apertium_reorders_keep_their_blanks(tmp_path: Path) -> None:
    """apertium-eng-spa gives "12-year-old boy" as "chicode12años"; the
    blank stage puts the spaces back, inside and outside inline tags, and
    leaves tokens written together ("3D") together."""
    sentences = [
        "A 12-year-old boy signed a two-year contract.",
        "The <b>ten-year</b> yield rose as 3D printers sold out.",
    ]
    text = _apertium_page(tmp_path, "compounds", "en", sentences)
    assert _missing(text, ("chico de 12 años", "contrato de dos años", "cosecha de <b>diez años</b>", "3D")) == []


def test_times_of_day_are_written_as_the_target_writes_them(tmp_path: Path) -> None:
    """Apertium reads "AM" as the verb: "9:48 AM" came out as "9:48 SOY"
    and "10am" as "10soy"; it moved "a.m." away from its number ("en 6:04
    tiempo a.m. local"). Times travel whole, written the Spanish way."""
    body = (
        "<p>Updated 9:48 AM EST.</p><p>The storm reached the coast at 10am and the warning ended at 11 p.m.</p>"
        "<p>The quake occurred at 6:04 a.m. local time.</p>"
    )
    text = _apertium_page(tmp_path, "storm", "en", body)
    expected = ("9:48 a. m. EST", "a las 10 a. m.", "a las 11 p. m.", "a las 6:04 a. m. ")
    assert _missing(text, expected) == []
    assert "SOY" not in text and "soy" not in text
    body = (
        "<p>El tren sale a las 7:00 a. m. y llega a las 9:30 a. m. a Sevilla.</p>"
        "<p>El partido empieza a las 21.00 horas y la tienda cierra a las 8 de la tarde, no a mediodía.</p>"
    )
    text = _apertium_page(tmp_path, "tren", "es", body)
    expected = ("at 7 a.m.", "at 9:30 a.m.", "at 9 p.m.", "at 8 p.m.", "at noon")  # as English news writes them
    assert _missing(text, expected) == []
    assert "to. m." not in text and "to the" not in text  # Apertium: "to the 21.00 hours"


def test_addresses_accounts_and_file_names_come_back_as_written(tmp_path: Path) -> None:
    """Apertium translated words inside names ("press_office@" gave
    "pulsar_office@", "@NewsDesk_Live" "@NewsDesk_Vivo"), and took seconds
    over a long run of letters; such spans travel whole, the punctuation
    after them stays the sentence's, and a sentence opening with one keeps
    its next word in lower case."""
    token = "Q" * 3000
    sentences = [
        "Write to press_office@city-hall.example.org or follow @NewsDesk_Live and #BudgetDay.",
        "The file is called annual_report_final.pdf.",
        f"The code {token} was posted.",
        "@CityHall said the road is closed.",
    ]
    text = _apertium_page(tmp_path, "names", "en", sentences)
    assert (
        _missing(
            text, ("press_office@city-hall.example.org", "@NewsDesk_Live", "#BudgetDay", "annual_report_final.pdf.</p>")
        )
        == []
    )
    assert f" {token} " in text
    assert "@CityHall dijo" in text


def test_a_word_after_an_abbreviation_the_engine_does_not_know_keeps_its_case(tmp_path: Path) -> None:
    """Apertium read the period of "Corp.", "U.K." or "EE. UU." as a
    sentence end and capitalised the next word ("Corp. Y vidas", "U.K.
    Ascendió", "EE. UU. And"); the period stays with the abbreviation, inside
    a link around it."""
    body = "<p>He works for <a href='/acme'>Acme Corp.</a> and prices in the U.K. rose again.</p>"
    text = _apertium_page(tmp_path, "acme", "en", body)
    assert "Corp.</a> y " in text and "U.K. ascendió" in text
    text = _apertium_page(tmp_path, "cuba", "es", "<p>El Gobierno de EE. UU. y el de Cuba firmaron el acuerdo.</p>")
    assert "EE. UU. and" in text


def test_spanish_questions_and_exclamations_open_with_their_marks(tmp_path: Path) -> None:
    """Apertium gave "Qué pasa luego?" and, after a quote, capitalised the
    next word as if the question ended the sentence ("¿Qué ahora?" Pidió)."""
    body = (
        '<p>What happens next?</p><p>"What now?" she asked.</p><p>He asked: what happens now?</p>'
        "<p>Watch out!</p><p>Read it at https://example.com/?q=1 today.</p>"
    )
    text = _apertium_page(tmp_path, "questions", "en", body)
    assert (
        _missing(text, ("<p>¿Qué pasa luego?</p>", '"¿Qué ahora?" pidió', ": ¿qué pasa ahora?", "<p>¡Reloj fuera!</p>"))
        == []
    )
    assert "https://example.com/?q=1 hoy" in text and "¿" not in text.split("https")[1].split("</p>")[0]


def test_a_name_the_glossary_keeps_opens_a_sentence_without_an_article(tmp_path: Path) -> None:
    """A name kept with a gender traveled as a common noun, and Apertium
    gave it an article at the start of a sentence: "El Harold Brandt dijo".
    A sentence's last "no." was read as the abbreviation of number: "dijo
    núm."."""
    glossary = tmp_path / "names.csv"
    glossary.write_text("en,es,action,es_gender\nHarold Brandt,Harold Brandt,keep,m\nUSCIS,USCIS,keep,m\n")
    body = "<p>Harold Brandt said the court is full.</p><p>USCIS said the judge said no.</p>"
    text = _apertium_page(tmp_path, "court", "en", body, "-g", str(glossary))
    assert "<p>Harold Brandt dijo" in text
    assert "<p>El USCIS dijo" in text and "dijo no.</p>" in text  # an acronym keeps its article


def test_spanish_numbers_are_written_the_english_way_in_english(tmp_path: Path) -> None:
    """ "1.540 hectómetros" came out as "1.540 cubic hectometres", which an
    English reader takes for one and a half."""
    body = "<p>Los embalses guardan 1.540 hectómetros cúbicos, el 19 % de su capacidad, y <b>20.000</b> regantes esperan 3,5 días.</p>"
    text = _apertium_page(tmp_path, "embalses", "es", body)
    assert _missing(text, ("1,540", "19%", "<b>20,000</b>", "3.5")) == []


def test_english_dates_come_out_the_spanish_way(tmp_path: Path) -> None:
    """Apertium gave "encima Marcha 11, 2025" for "on March 11, 2025" and
    "Marcha actualizada 11, 2025" for "Updated March 11, 2025"."""
    sentences = [
        "The vote is on March 11, 2025.",
        "Updated Feb. 4, 2024 at 9:42 a.m.",
        "Prices fell in early December and again in June 2023.",
        "Published 19 February 2024",
        "May I ask about April 31?",
        "The election will be held Nov. 5.",
        "The fair runs March 5-7 and the meeting is scheduled for Dec. 12 and 13.",
        "Prices rose in October, December and March.",
        "Prime Minister Theresa May, 2019, resigned.",
        "The vote was on <strong>March 5</strong>.",
        "The attacks of Sept. 11, 2001 came before the deadline for March 12.",
        "The president said Tuesday that officials met on Monday night and will vote next Friday.",
        "She told Wednesday evening's meeting that the budget was hard.",
        "March 5 was a turning point.",
        "Nov. 1, 2023 at 2:32 p.m. EDT",
    ]
    text = _apertium_page(tmp_path, "dates", "en", sentences)
    assert "mayo de 2019" not in text and "encima" not in text
    assert "el miércoles la reunión" not in text  # a weekday before a possessive is the noun's
    assert "<strong>el 5 de marzo</strong>" in text  # "on" goes with its date into the tag
    assert (
        _missing(
            text,
            (
                "el 11 de marzo de 2025",
                "<p>Actualizado 4 de febrero de 2024",
                "a principios de diciembre",
                "en junio de 2023",
                "19 de febrero de 2024",
                "abril 31",  # no such day: left to the engine
                "el 5 de noviembre.",  # as AP writes it, with no "on"
                "del 5 al 7 de marzo",
                "el 12 y el 13 de diciembre",
                "en octubre, diciembre y marzo",
                "del 11 de septiembre de 2001",  # "de el", contracted
                "para el 12 de marzo",
                "dijo el martes que",  # Apertium had "martes dicho que"
                "el lunes por la noche",
                "el próximo viernes",
                "<p>El 5 de marzo ",  # a date opening a sentence is its subject or its time
                "<p>1 de noviembre de 2023 a las",  # a date line takes no article
            ),
        )
        == []
    )


def test_a_spanish_term_travels_as_a_noun_its_adjectives_follow(tmp_path: Path) -> None:
    """From Spanish a term travelled as an unknown word, so Apertium left
    its adjective after it: "The drought prolonged", "an energy transition
    slow". It now travels as a noun of its gender (guessed from its ending
    when the list gives none)."""
    glossary = tmp_path / "terms.csv"
    glossary.write_text(
        "en,es,es_gender\ndrought,sequía,\nenergy transition,transición energética,f\nEU,UE,f\nERTE,ERTE,m\n"
    )
    sentences = [
        "La sequía prolongada afecta al campo.",
        "Es una transición energética lenta.",
        "La media de la UE ronda el 6 %.",  # a proxy "casa" was read as the verb: "the average of EU it round"
        "Siguen afectados por un ERTE.",  # a proxy "edifice" took the "an" into its mark, and lost it
    ]
    text = _apertium_page(tmp_path, "sequia", "es", sentences, "-g", str(glossary))
    expected = ("The prolonged drought", "a slow energy transition", "average of the EU", "by an ERTE")
    assert _missing(text, expected) == []


def test_a_plural_possessive_is_turned_round_like_a_singular_one(tmp_path: Path) -> None:
    """Apertium turns "the farmers's organisations" round, not "the
    farmers' organisations": "los pilotos’ la asociación", "los Países
    Bajos' el ministerio". A quotation in single quotes is left alone."""
    glossary = tmp_path / "terms.csv"
    glossary.write_text("en,es,es_gender,es_number\nNetherlands,Países Bajos,m,pl\n")
    sentences = [
        "The pilots’ association agreed.",
        "The Netherlands' digital ministry said no.",
        "He called it 'the farmers' choice' today.",
    ]
    text = _apertium_page(tmp_path, "possessive", "en", sentences, "-g", str(glossary))
    assert (
        _missing(text, ("La asociación de los pilotos", "ministerio digital de los Países Bajos", "'los labradores' "))
        == []
    )


def test_a_date_before_a_noun_follows_it_in_spanish(tmp_path: Path) -> None:
    """ "ahead of the Nov. 5 election" gave "al frente del 5 de noviembre
    elección", and "The March 5 vote" gave "El 5 de marzo el voto"."""
    sentences = [
        "Voters head to the polls ahead of the Nov. 5 election.",
        "The March 5 vote was postponed.",
        "In the March 2024 report, the agency warned of delays.",
        "The March 5, 2024, ruling was appealed.",
    ]
    text = _apertium_page(tmp_path, "before-noun", "en", sentences)
    expected = (
        "la elección del 5 de noviembre.",
        "del 5 de marzo estuvo",
        "de marzo de 2024,",
        "del 5 de marzo de 2024 ",
    )
    assert _missing(text, expected) == []
    assert "2024," not in text.replace("de 2024,", "")  # the comma closing the date went with it


def test_spanish_dates_come_out_the_english_way(tmp_path: Path) -> None:
    """Apertium wrote Spanish dates the British way ("on 11 March 2025"),
    "el pasado 5 de febrero" as "the past 5 February" and "el lunes" as
    "the Monday"."""
    sentences = [
        "El 11 de marzo de 2025 llegó a Miami.",
        "La reunión fue el pasado 5 de febrero.",
        "La celebración continuará el lunes con una rúa.",
        "Antes del lunes 3 de junio, nada.",
        "Del 5 al 10 de marzo habrá ferias.",
        "Se firmó a mediados de 2024 y entró en vigor a principios de marzo.",
        "Llegó el martes pasado, en junio de 2022.",
        "Hoy es 31 de abril.",
        "Lunes, 3 de junio de 2024",
        "Las fiestas serán los días 5, 6 y 7 de marzo y la feria duró del 3 de octubre al 2 de noviembre.",
        "El mercado abre los lunes y los jueves, y cerró el lunes por la mañana.",
        "El incendio comenzó el <strong>5 de marzo</strong>.",
        "Vive en la avenida 9 de Julio.",  # months and weekdays with a capital are names
        "El Viernes Santo es feriado.",
    ]
    text = _apertium_page(tmp_path, "fechas", "es", sentences)
    assert "July 9" not in text and "On Friday" not in text
    assert "avenue 9 de Julio." in text  # as English writes such a name (Apertium: "9 of Julio")
    expected = (
        "<p>On March 11, 2025 ",
        "was on February 5.",
        "continue on Monday with",
        "Before Monday, June 3,",
        "<p>From March 5 to 10 ",
        "in mid-2024",
        "in early March.",
        "last Tuesday, in June 2022.",
        "31 April",  # no such day: left to the engine
        "<p>Monday, June 3, 2024</p>",
        "on March 5, 6 and 7",  # Apertium had "5, 6 and 7 March"; "5, 6 and March 7" is another date
        "from October 3 to November 2",
        "on Mondays and Thursdays",  # Apertium: "the Mondays and the Thursdays"
        "on Monday morning",
        "<strong>on March 5</strong>",  # the article goes with its date into the tag
    )
    assert _missing(text, expected) == []


def test_a_date_after_a_term_does_not_open_the_sentence(tmp_path: Path) -> None:
    """After a glossary term (a placeholder) the text goes on " on Tuesday":
    read as the sentence's opening, it gave "en La Habana El martes"."""
    glossary = str(ROOT / "glossaries" / "cuba-migration.csv")
    sentences = ["Officials met in Havana on Tuesday and in Havana March 5-7."]
    text = _apertium_page(tmp_path, "havana", "en", sentences, "-g", glossary)
    assert _missing(text, ("La Habana el martes", "La Habana del 5 al 7 de marzo")) == []


def test_a_date_opening_a_sentence_is_not_read_as_a_noun(tmp_path: Path) -> None:
    """As a name, an opening date was read as a noun: "In early December
    prices fell" gave "Precios de a principios de diciembre cayeron"."""
    text = _apertium_page(tmp_path, "prices", "en", ["In early December prices fell.", "Since March, prices rose."])
    assert _missing(text, ("<p>A principios de diciembre los precios cayeron.", "<p>Desde marzo, ")) == []


def test_spanish_quotes_and_times_come_out_the_english_way(tmp_path: Path) -> None:
    """Apertium copied «», and "a. m.", into English. Quotes that no
    guillemet holds stay double (any "m." had made them single)."""
    sentences = [
        "«Nadie lo vio venir», reconoció.",
        "Dijo: «El plan “temporal” sigue».",
        "Llovió a las 10:30 a. m.",
        "«Sí», dijo sobre el “peligroso” plan.",
        "El Gobierno calificó de “ilegal” el programa.",
    ]
    text = _apertium_page(tmp_path, "citas", "es", sentences)
    expected = (
        "“Anybody saw it come”",
        "“The temporary ‘plan’ follows”",
        "10:30 a.m.",
        "the “dangerous” plan",
        "“illegal”",
    )
    assert _missing(text, expected) == []
    assert "«" not in text and "»" not in text


def test_curly_apostrophes_and_single_quotes_stay_curly(tmp_path: Path) -> None:
    """Apertium closed "‘If you were told to leave, leave now’" with a straight "'"."""
    text = _apertium_page(tmp_path, "leave", "en", ["State official: ‘If you were told to leave, leave now’"])
    assert "ahora’</p>" in text and "'" not in text.split("<body>")[1]


def test_a_surname_that_is_also_a_word_is_kept(tmp_path: Path) -> None:
    """Apertium translated surnames after a first name it knows: "John
    Panadero", "Tom Tasa", "Javier Moon", "Rubén Walls"; a title in title
    case is left to it."""
    sentences = ["Sen. John Baker met with Tom Price on Monday.", "John Smith Wins Award For Bravery In Storm"]
    text = _apertium_page(tmp_path, "senate", "en", sentences)
    assert _missing(text, ("John Baker", "Tom Price", "Premio")) == []
    text = _apertium_page(tmp_path, "liga", "es", ["Habló Javier Luna con Rubén Paredes y Mariana Echeverría Luna."])
    assert _missing(text, ("Javier Luna", "Rubén Paredes", "Mariana Echeverría Luna")) == []


def test_a_sentence_opening_with_a_word_the_engine_does_not_know_keeps_the_next_words_case(tmp_path: Path) -> None:
    """ "Okafor forced a save" gave "Okafor Forzó un salvar"."""
    text = _apertium_page(tmp_path, "derby", "en", ["Okafor forced a save.", "Mullins protested so furiously."])
    assert _missing(text, ("Okafor forzó", "Mullins protestó")) == []


def test_an_abbreviation_the_engine_puts_last_takes_the_sentences_period(tmp_path: Path) -> None:
    """ "of US citizens." gave "de ciudadanos de EE.UU.." (Apertium writes
    "EE.UU." and the sentence keeps its period); an ellipsis stays."""
    body = "<p>The quota does not include relatives of US citizens.</p><p>He paused... and then he left.</p>"
    text = _apertium_page(tmp_path, "quota", "en", body)
    assert "EE.UU.</p>" in text and "EE.UU.." not in text
    assert "..." in text


def test_a_quote_whose_first_word_the_engine_drops_keeps_its_shape(tmp_path: Path) -> None:
    """Spanish leaves out the subject: "“We will win.”" came back as
    "“ ganaremos.”", with a space and no capital after the quote."""
    body = "<p>He said: “We will win.” Then he left.</p><p>“They know,” she said, and the “Remain in Mexico” rule ended.</p>"
    text = _apertium_page(tmp_path, "quotes", "en", body)
    assert "“Ganaremos.”" in text and "“Saben,”" in text
    assert "“ " not in text
    text = _apertium_page(tmp_path, "straight", "en", '<p>"We will win," he said. He added: "It is over."</p>')
    assert '<p>"Ganaremos," dijo' in text and ': "Es ' in text  # straight quotes open and close in turn


def _apertium_page(tmp_path: Path, name: str, lang: str, body: str | list[str], *options: str) -> str:
    """The translated page of an article with ``body`` (or with these
    sentences, a paragraph each), by Apertium."""
    if isinstance(body, list):
        body = "".join(f"<p>{sentence}</p>" for sentence in body)
    title = name.capitalize()
    page = f'<html lang="{lang}"><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>'
    (tmp_path / f"{name}.html").write_text(page, encoding="utf-8")
    output = str(tmp_path / "out")
    result = run_cli("translate", str(tmp_path / f"{name}.html"), "-o", output, "--engine", "apertium", *options)
    assert result.returncode == 0, result.stderr
    target = "en" if lang == "es" else "es"
    return (tmp_path / "out" / f"{name}.{target}.html").read_text(encoding="utf-8")


def _missing(text: str, expected: tuple[str, ...]) -> list[str]:
    """What of ``expected`` the text lacks."""
    return [part for part in expected if part not in text]
