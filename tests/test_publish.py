"""bilingual publish: a reviewed XLIFF goes back into its article."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import unicodedata
from pathlib import Path
from unittest.mock import ANY

import pytest
from lxml import etree

from bilingual.publish import read_reviewed
from conftest import DATA, ROOT, run_cli

ARTICLE = ROOT / "input" / "cuba-us-migration-talks.html"
TABLE_ARTICLE = DATA / "pages" / "es_cuba_zafra_azucarera.html"  # number cells: copied, not translated


@pytest.fixture
def translated(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    version = getattr(request, "param", "1.2")
    result = run_cli("translate", str(ARTICLE), "-o", str(tmp_path), "--engine", "fake", "--xliff", version)
    assert result.returncode in (0, 1), result.stderr
    return tmp_path / "cuba-us-migration-talks.en-es.xlf"


def _edit(xlf: Path, old: str, new: str, count: int = 1) -> Path:
    text = xlf.read_text(encoding="utf-8")
    assert old in text, old
    reviewed = xlf.with_name("reviewed.xlf")
    reviewed.write_text(text.replace(old, new, count), encoding="utf-8")
    return reviewed


def _publish(xlf: Path, tmp_path: Path, tm: Path) -> tuple[subprocess.CompletedProcess[str], str, str]:
    """Publish ``xlf`` into tmp_path/final: the run, the page and the bilingual page."""
    result = run_cli("publish", str(xlf), "-o", str(tmp_path / "final"), "--tm", str(tm))
    assert result.returncode == 0, result.stderr
    final = tmp_path / "final"
    page = (final / "cuba-us-migration-talks.es.html").read_text(encoding="utf-8")
    return result, page, (final / "cuba-us-migration-talks.bilingual.html").read_text(encoding="utf-8")


def _refused(xlf: Path, tmp_path: Path) -> str:
    """``publish`` of a file it must refuse: exit 65, nothing written; its stderr."""
    result = run_cli("publish", str(xlf), "-o", str(tmp_path / "final"))
    assert result.returncode == 65
    assert not (tmp_path / "final").exists()
    return result.stderr


def _confirm(xlf: Path, fragment: str) -> None:
    """Set the reviewed state on every segment whose target holds ``fragment``,
    as a reviewer confirming it in a CAT tool does."""
    tree = etree.parse(str(xlf))
    for target in tree.iter("{*}target"):
        if fragment in "".join(target.itertext()):
            if target.getparent().tag.endswith("trans-unit"):
                target.set("state", "signed-off")  # XLIFF 1.2
            else:
                target.getparent().set("state", "reviewed")  # XLIFF 2.1: the segment holds the state
    tree.write(str(xlf), xml_declaration=True, encoding="utf-8")


@pytest.mark.parametrize("translated", ["1.2", "2.1"], indirect=True)
def test_reviewed_targets_are_published(translated: Path, tmp_path: Path) -> None:
    reviewed = _edit(translated, "Répréséntátívés óf", "Representantes de")
    _confirm(reviewed, "Representantes de")
    tm = tmp_path / "memory.sqlite"
    result, page, bilingual = _publish(reviewed, tmp_path, tm)
    assert "1 reviewed segments published" in result.stdout
    assert "Representantes de Cúbá" in page
    assert re.search(r'<html[^>]*lang="es"', page)
    assert "reviewed: 1" in bilingual
    with sqlite3.connect(tm) as db:  # only what a reviewer confirmed goes into the memory
        rows = db.execute("SELECT target FROM entries WHERE origin='reviewed'").fetchall()
    assert len(rows) == 1 and "Representantes de" in rows[0][0]


@pytest.mark.parametrize("translated", ["1.2", "2.1"], indirect=True)
def test_untouched_machine_targets_are_published_but_not_marked_reviewed(translated: Path, tmp_path: Path) -> None:
    tm = tmp_path / "memory.sqlite"
    result, page, bilingual = _publish(translated, tmp_path, tm)
    assert "0 reviewed segments published" in result.stdout
    assert "Répréséntátívés óf Cúbá" in page
    segments = len(read_reviewed(translated).segments)
    assert f"mt: {segments}" in bilingual
    with sqlite3.connect(tm) as db:
        assert db.execute("SELECT COUNT(*) FROM entries WHERE origin='reviewed'").fetchone()[0] == 0


def test_a_segment_id_given_twice_is_refused(translated: Path, tmp_path: Path) -> None:
    text = translated.read_text(encoding="utf-8")
    unit = re.search(r'<trans-unit id="u6\.s1".*?</trans-unit>', text, flags=re.S)
    assert unit is not None
    (tmp_path / "twice.xlf").write_text(text.replace(unit.group(0), unit.group(0) * 2, 1), encoding="utf-8")
    result = run_cli("publish", str(tmp_path / "twice.xlf"), "-o", str(tmp_path / "final"))
    assert result.returncode == 65
    assert "u6.s1" in result.stderr and "same id again" in result.stderr
    assert not (tmp_path / "final").exists()


def test_every_mismatch_is_reported_and_nothing_written(translated: Path, tmp_path: Path) -> None:
    text = translated.read_text(encoding="utf-8")
    # a trans-unit removed, a code dropped from a target, a source edited
    text = re.sub(r'<trans-unit id="u9\.s1".*?</trans-unit>', "", text, flags=re.S)
    text = re.sub(
        r'(<target[^>]*>[^<]*<bpt id="1"[^>]*>&lt;strong&gt;</bpt>[^<]*)<ept id="1">&lt;/strong&gt;</ept>',
        r"\1",
        text,
        count=1,
    )
    text = text.replace("<source>Cuba also drew attention", "<source>Cuba drew attention", 1)
    text = text.replace(
        "</group>", '<trans-unit id="u99.s1"><source>extra</source><target>x</target></trans-unit></group>', 1
    )
    reviewed = translated.with_name("broken.xlf")
    reviewed.write_text(text, encoding="utf-8")
    result = run_cli("publish", str(reviewed), "-o", str(tmp_path / "final"))
    assert result.returncode == 65
    lines = result.stderr.strip().splitlines()
    assert any("u9.s1: missing from the reviewed file" in line for line in lines)
    assert any("u99.s1: not in the article" in line for line in lines)
    assert any("inline code 1 (close) of the source is missing" in line for line in lines)
    assert any("source differs from the article" in line for line in lines)
    assert all(str(reviewed) in line for line in lines)
    assert not (tmp_path / "final").exists()


def test_an_invented_code_is_refused(translated: Path, tmp_path: Path) -> None:
    reviewed = _edit(translated, "Répréséntátívés óf", '<ph id="77" ctype="x-b">&lt;b&gt;</ph>Representantes de')
    result = run_cli("publish", str(reviewed), "-o", str(tmp_path / "final"))
    assert result.returncode == 65
    assert "inline code 77 (empty) in the target is not in the source" in result.stderr


def test_entities_in_a_reviewed_file_are_not_expanded(translated: Path, tmp_path: Path) -> None:
    text = translated.read_text(encoding="utf-8")
    text = text.replace(
        "<xliff ",
        '<!DOCTYPE xliff [<!ENTITY boom "EXPANDED-ENTITY"><!ENTITY ext SYSTEM "file:///etc/passwd">]><xliff ',
        1,
    )
    text = text.replace("Répréséntátívés óf", "&boom;&ext;Representantes de", 1)
    reviewed = translated.with_name("entities.xlf")
    reviewed.write_text(text, encoding="utf-8")
    assert "entities.xlf:2: error: the DOCTYPE declares entities" in _refused(reviewed, tmp_path)


def test_an_entity_the_file_does_not_declare_is_refused_not_dropped(translated: Path, tmp_path: Path) -> None:
    """A reference to an entity of an external DTD (never loaded) vanished
    from the target; the words "<!ENTITY" in a comment are no declaration."""
    text = translated.read_text(encoding="utf-8")
    text = text.replace("<xliff ", '<!DOCTYPE xliff SYSTEM "file:///etc/passwd"><xliff ', 1)
    text = text.replace("Répréséntátívés óf", "&passwd;Representantes de", 1)
    reviewed = translated.with_name("external.xlf")
    reviewed.write_text(text, encoding="utf-8")
    assert "error: the entity &passwd; is not declared in the file: refused" in _refused(reviewed, tmp_path)
    commented = translated.with_name("commented.xlf")
    commented.write_text(translated.read_text(encoding="utf-8").replace("<xliff ", "<!-- <!ENTITY x> --><xliff ", 1))
    result = run_cli("publish", str(commented), "-o", str(tmp_path / "commented"))
    assert result.returncode == 0, result.stderr


def test_a_folder_given_as_the_reviewed_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "folder.xlf").mkdir()
    result = run_cli("publish", str(tmp_path / "folder.xlf"), "-o", str(tmp_path / "final"))
    assert result.returncode == 65
    assert result.stderr.strip() == f"bilingual: {tmp_path / 'folder.xlf'}: error: is a folder, not an XLIFF file"


def test_a_missing_source_article_is_a_clear_error(translated: Path, tmp_path: Path) -> None:
    reviewed = _edit(translated, 'original="', 'original="nowhere/')
    result = run_cli("publish", str(reviewed), "-o", str(tmp_path / "final"))
    assert result.returncode == 66
    assert "--source" in result.stderr
    ok = run_cli("publish", str(reviewed), "-o", str(tmp_path / "final"), "--source", str(ARTICLE))
    assert ok.returncode == 0, ok.stderr


def test_qa_command_checks_a_reviewed_file(translated: Path, tmp_path: Path) -> None:
    reviewed = _edit(translated, "Répréséntátívés óf", "Representantes de")
    clean = run_cli("qa", str(reviewed), "-g", str(ROOT / "glossaries" / "cuba-migration.csv"), "--json")
    assert clean.returncode == 1  # the fake engine's pseudo-Spanish misses every glossary form
    assert '"check": "glossary-term-missing"' in clean.stdout
    plain = run_cli("qa", str(reviewed))
    assert plain.returncode == 0, plain.stdout


_CLOSED_BEFORE_OPENED = (
    "1.2",
    "u12.s1",
    'héld <bpt id="1" ctype="bold">&lt;strong&gt;</bpt>bílátérál mígrátíón tálks<ept id="1">&lt;/strong&gt;</ept>',
    'héld <ept id="1">&lt;/strong&gt;</ept>bílátérál mígrátíón tálks<bpt id="1" ctype="bold">&lt;strong&gt;</bpt>',
)
_CROSSED = (
    "2.1",
    "u22.s1",
    '<pc id="1" dataRefStart="d7" dataRefEnd="d8" type="link">Ú.S. Státé Dépártmént</pc> públíshéd á '
    '<pc id="2" dataRefStart="d9" dataRefEnd="d10" type="link">médíá nóté</pc>',
    '<sc id="1" dataRef="d7"/>Ú.S. <sc id="2" dataRef="d9"/>Státé<ec startRef="1" dataRef="d8"/> Dépártmént '
    'públíshéd á médíá nóté<ec startRef="2" dataRef="d10"/>',
)


@pytest.mark.parametrize(
    ("translated", "segment", "old", "new"), [_CLOSED_BEFORE_OPENED, _CROSSED], indirect=["translated"]
)
def test_codes_closed_out_of_order_are_refused(
    translated: Path, tmp_path: Path, segment: str, old: str, new: str
) -> None:
    reviewed = _edit(translated, old, new)
    stderr = _refused(reviewed, tmp_path)
    assert f"{reviewed}: error: {segment} (line " in stderr
    assert "inline code 1 is closed out of order" in stderr
    qa = run_cli("qa", str(reviewed), "--json")
    assert qa.returncode == 1
    assert [f for f in json.loads(qa.stdout) if f["check"] == "tags-order"] == [
        {
            "line": ANY,
            "segment": segment,
            "check": "tags-order",
            "severity": "error",
            "message": "inline tag(s) 1 closed out of order",
        }
    ]


@pytest.mark.parametrize(
    ("translated", "old", "new"),
    [
        ("1.2", 'target-language="es"', 'target-language="es-ES"'),
        ("1.2", 'source-language="en" target-language="es"', 'source-language="EN" target-language="ES"'),
        ("2.1", 'trgLang="es"', 'trgLang="es-MX"'),
    ],
    indirect=["translated"],
)
def test_a_regional_language_code_is_read_as_its_language(translated: Path, tmp_path: Path, old: str, new: str) -> None:
    reviewed = _edit(translated, old, new)
    assert (read_reviewed(reviewed).source_lang, read_reviewed(reviewed).target_lang) == ("en", "es")
    _, page, _ = _publish(reviewed, tmp_path, tmp_path / "memory.sqlite")
    assert re.search(r'<html[^>]*lang="es"', page)
    assert sorted(p.name for p in (tmp_path / "final").iterdir()) == [
        "cuba-us-migration-talks.bilingual.html",
        "cuba-us-migration-talks.es.html",
    ]
    glossary = str(ROOT / "glossaries" / "cuba-migration.csv")
    assert '"check": "glossary-term-missing"' in run_cli("qa", str(reviewed), "-g", glossary, "--json").stdout


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('target-language="es"', 'target-language="fr"', "the file translates 'en' into 'fr': only en into es"),
        ('target-language="es"', 'target-language="en"', "the file translates 'en' into 'en': only en into es"),
    ],
)
def test_a_file_in_other_languages_than_english_and_spanish_is_refused(
    translated: Path, tmp_path: Path, old: str, new: str, message: str
) -> None:
    reviewed = _edit(translated, old, new)
    stderr = _refused(reviewed, tmp_path)
    assert len(stderr.splitlines()) == 1
    assert stderr.startswith(f"bilingual: {reviewed}: error: {message}")


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_untouched_copied_segments_are_not_counted_as_reviewed(tmp_path: Path, version: str) -> None:
    run_cli("translate", str(TABLE_ARTICLE), "-o", str(tmp_path), "--engine", "fake", "--xliff", version)
    xlf = tmp_path / "es_cuba_zafra_azucarera.es-en.xlf"
    copied = [s for s in read_reviewed(xlf).segments if s.origin == "source"]
    assert copied and not any(s.confirmed for s in copied)
    result = run_cli("publish", str(xlf), "-o", str(tmp_path / "final"))
    assert result.returncode == 0, result.stderr
    assert "0 reviewed segments published" in result.stdout
    bilingual = (tmp_path / "final" / "es_cuba_zafra_azucarera.bilingual.html").read_text(encoding="utf-8")
    assert f"source: {len(copied)}" in bilingual


_COPIED_CELL = '<target state="translated"><bpt id="1" ctype="x-font">&lt;font face="Verdana" size="1"&gt;</bpt>9 820'


@pytest.mark.parametrize(
    "confirmed",
    [_COPIED_CELL.replace("9 820", "9,820"), _COPIED_CELL.replace('"translated"', '"signed-off"')],
    ids=["changed", "signed-off"],
)
def test_a_copied_segment_the_reviewer_changed_or_signed_off_counts_as_reviewed(tmp_path: Path, confirmed: str) -> None:
    run_cli("translate", str(TABLE_ARTICLE), "-o", str(tmp_path), "--engine", "fake")
    reviewed = _edit(tmp_path / "es_cuba_zafra_azucarera.es-en.xlf", _COPIED_CELL, confirmed)
    result = run_cli("publish", str(reviewed), "-o", str(tmp_path / "final"))
    assert result.returncode == 0, result.stderr
    assert "1 reviewed segments published" in result.stdout


_BOLD_TARGET = (
    '<bpt id="1" ctype="bold">&lt;strong&gt;</bpt>bílátérál mígrátíón tálks<ept id="1">&lt;/strong&gt;</ept> ín'
)
_BOLD_SOURCE = '<bpt id="1" ctype="bold">&lt;strong&gt;</bpt>bilateral migration talks<ept id="1">&lt;/strong&gt;</ept>'


@pytest.mark.parametrize(
    "edits",
    [
        [(_BOLD_TARGET, '<g id="1" ctype="bold">bílátérál mígrátíón tálks</g> ín')],
        [
            (_BOLD_SOURCE, '<g id="1" ctype="bold">bilateral migration talks</g>'),
            (_BOLD_TARGET, '<g id="1" ctype="bold">bílátérál mígrátíón tálks</g> ín'),
        ],
        [(_BOLD_TARGET, '<bx id="1" rid="1" ctype="bold"/>bílátérál mígrátíón tálks<ex id="2" rid="1"/> ín')],
    ],
    ids=["g-in-target", "g-in-source-and-target", "bx-ex-paired-by-rid"],
)
def test_paired_codes_written_by_other_tools_are_read_as_pairs(
    translated: Path, tmp_path: Path, edits: list[tuple[str, str]]
) -> None:
    reviewed = translated
    for old, new in edits:
        reviewed = _edit(reviewed, old, new)
    _, page, _ = _publish(reviewed, tmp_path, tmp_path / "memory.sqlite")
    assert "héld <strong>bílátérál mígrátíón tálks</strong> ín" in page
    assert run_cli("qa", str(reviewed)).returncode == 0


def test_a_named_source_that_is_not_a_page_is_refused_unread(translated: Path, tmp_path: Path) -> None:
    reviewed = _edit(translated, f'original="{ARTICLE}"', 'original="/etc/passwd"')
    assert _refused(reviewed, tmp_path) == (
        f"bilingual: {reviewed}: error: the source named in the file, '/etc/passwd', "
        "is not an .html or .htm page; pass the article with --source\n"
    )


def test_another_page_named_as_the_source_is_not_quoted(translated: Path, tmp_path: Path) -> None:
    other = DATA / "pages" / "en_nyt_unemployment_table.html"
    reviewed = _edit(translated, f'original="{ARTICLE}"', f'original="{other}"')
    assert _refused(reviewed, tmp_path) == (
        f"bilingual: {reviewed}: error: no source of the file is in {other}: "
        "not the article the file was made from; pass that with --source\n"
    )


def test_a_changed_source_is_quoted_short_with_control_characters_escaped(translated: Path, tmp_path: Path) -> None:
    reviewed = _edit(translated, "<source>Cuba also drew attention", "<source>Cuba&#9;drew&#10;attention")
    stderr = _refused(reviewed, tmp_path)
    assert len(stderr.splitlines()) == 1
    assert "the source differs from the article: 'Cuba\\tdrew\\nattention to " in stderr
    assert "…' vs 'Cuba also drew attention to " in stderr


@pytest.mark.parametrize("translated", ["1.2", "2.1"], indirect=True)
def test_a_second_file_element_is_refused(translated: Path, tmp_path: Path) -> None:
    text = translated.read_text(encoding="utf-8")
    file_element = re.search(r"<file .*</file>", text, flags=re.S)
    assert file_element is not None
    twice = tmp_path / "two-files.xlf"
    twice.write_text(text.replace(file_element.group(0), file_element.group(0) * 2), encoding="utf-8")
    line = text[: file_element.end()].count("\n") + 1
    expected = f"bilingual: {twice}:{line}: error: a second <file> element: one article per XLIFF file (2 found)\n"
    for command in (["publish", str(twice), "-o", str(tmp_path / "final")], ["qa", str(twice)]):
        result = run_cli(*command)
        assert (result.returncode, result.stderr) == (65, expected)
    assert not (tmp_path / "final").exists()


_MT_TARGET = '<target state="needs-review-translation" state-qualifier="mt-suggestion">Répréséntátívés óf'


@pytest.mark.parametrize(
    ("old", "new", "reviewed"),
    [
        ('<trans-unit id="u12.s1"', '<trans-unit approved="yes" id="u12.s1"', 1),
        (_MT_TARGET, "<target>Representantes de", 0),
        (_MT_TARGET, '<target state="x-memoq-edited">Representantes de', 0),
    ],
    ids=["approved", "no-state", "unknown-state"],
)
def test_only_a_confirming_state_or_approval_counts_as_reviewed(
    translated: Path, tmp_path: Path, old: str, new: str, reviewed: int
) -> None:
    result, _, _ = _publish(_edit(translated, old, new), tmp_path, tmp_path / "memory.sqlite")
    assert f"{reviewed} reviewed segments published" in result.stdout


def test_a_file_saved_decomposed_matches_its_article(translated: Path, tmp_path: Path) -> None:
    decomposed = tmp_path / "nfd.xlf"
    decomposed.write_text(unicodedata.normalize("NFD", translated.read_text(encoding="utf-8")), encoding="utf-8")
    assert "Fernández" not in decomposed.read_text(encoding="utf-8")
    result, _, _ = _publish(decomposed, tmp_path, tmp_path / "memory.sqlite")  # refused before
    assert "0 reviewed segments published" in result.stdout


@pytest.mark.parametrize(
    ("translated", "old", "new", "element"),
    [
        ("1.2", '<trans-unit id="u6.s1"', "<trans-unit", "trans-unit"),
        ("2.1", '<segment id="u6.s1"', "<segment", "segment"),
    ],
    indirect=["translated"],
)
def test_a_unit_without_id_is_refused_naming_its_line(
    translated: Path, tmp_path: Path, old: str, new: str, element: str
) -> None:
    text = translated.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    reviewed = _edit(translated, old, new)
    for command in (["publish", str(reviewed), "-o", str(tmp_path / "final")], ["qa", str(reviewed)]):
        result = run_cli(*command)
        assert (result.returncode, result.stderr) == (65, f"bilingual: {reviewed}:{line}: error: {element} has no id\n")


def test_a_text_node_over_the_parser_limit_is_refused_in_plain_words(translated: Path, tmp_path: Path) -> None:
    text = translated.read_text(encoding="utf-8")
    huge = tmp_path / "huge.xlf"
    huge.write_text(text.replace("</header>", f"<note>{'x' * 10_500_000}</note></header>", 1), encoding="utf-8")
    line = text[: text.index("</header>")].count("\n") + 1
    result = run_cli("publish", str(huge), "-o", str(tmp_path / "final"))
    assert result.returncode == 65
    assert result.stderr == (
        f"bilingual: {huge}:{line}: error: a text node over 10 MB: refused, no article's text needs one\n"
    )


def test_a_long_list_of_problems_is_cut_short(translated: Path, tmp_path: Path) -> None:
    extra = "".join(
        f'<trans-unit id="u{900 + n}.s1"><source>extra</source><target>x</target></trans-unit>' for n in range(80)
    )
    reviewed = _edit(translated, "</group>", extra + "</group>")
    result = run_cli("publish", str(reviewed), "-o", str(tmp_path / "final"))
    assert result.returncode == 65
    lines = result.stderr.splitlines()
    assert len(lines) == 51
    assert lines[0] == f"bilingual: {reviewed}: error: u900.s1: not in the article (unit u900)"
    assert lines[-1] == f"{reviewed}: … and 30 more problems"
