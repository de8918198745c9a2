"""Glossaries: reading and checking term lists, finding terms, and proving
every term came out in its required form."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bilingual.batch import run_translate
from bilingual.config import Settings
from bilingual.content import plain_text
from bilingual.glossary import GlossaryError, check_glossary_files, load_glossaries
from bilingual.glossary.matcher import TermMatcher
from bilingual.glossary.model import Entry
from bilingual.glossary.spanish import agree_article, plural_phrase
from bilingual.glossary.stage import apply_glossary, finish_glossary
from bilingual.model import TermHit, Text
from bilingual.mt import translate_documents
from bilingual.mt.fake import FakeTranslator
from bilingual.pipeline import read_document
from conftest import ROOT, requires_apertium, run_cli
from helpers import IdentityTranslator

GLOSSARY = ROOT / "glossaries" / "cuba-migration.csv"


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _entry(source: str, target: str, action: str = "translate", case: bool = False, **kw: str) -> Entry:
    return Entry(id=source, source=source, target=target, action=action, case_sensitive=case, **kw)  # type: ignore[arg-type]


# --- formats and checks -----------------------------------------------------------


def test_shipped_glossaries_load_in_both_formats() -> None:
    csv = load_glossaries([GLOSSARY])
    tbx = load_glossaries([ROOT / "glossaries" / "cuba-migration.tbx"])
    assert len(csv.terms) >= 25 and len(tbx.terms) >= 25
    cfrp = next(t for t in tbx.terms if t.forms["en"] == "CFRP")
    assert cfrp.action == "expand-first" and cfrp.expansions["es"].startswith("Programa de Permisos")
    assert next(t for t in csv.terms if t.forms["en"] == "MinRex").action == "keep"


def test_dialects_bom_crlf_and_rfc4180_quoting(tmp_path: Path) -> None:
    semicolon = _write(tmp_path, "a.csv", b"\xef\xbb\xbfen;es;note\r\nState Department;Departamento de Estado;x\r\n")
    quoted = _write(
        tmp_path,
        "b.csv",
        'en,es,note\n"safe, orderly migration","migraci\u00f3n segura, ordenada",'
        '"a ""quoted"" note\nover two lines"\nMinRex,MinRex,\n',
    )
    tsv = _write(tmp_path, "c.tsv", "source\ttarget\nblockade\tbloqueo\n")
    glossary = load_glossaries([semicolon, quoted, tsv])
    forms = [t.forms for t in glossary.terms]
    assert {"en": "State Department", "es": "Departamento de Estado"} in forms
    assert {"en": "safe, orderly migration", "es": "migración segura, ordenada"} in forms
    assert {"source": "blockade", "target": "bloqueo"} in forms
    assert next(t for t in glossary.terms if t.forms.get("en") == "MinRex").action == "keep"
    assert glossary.terms[1].note == 'a "quoted" note\nover two lines'


def test_a_line_break_in_a_term_is_a_space_and_an_invisible_character_is_a_warning(tmp_path: Path) -> None:
    """A term with a line break (a quoted cell) or a double space never
    matched; one with a zero-width space or a direction mark never matches
    a text without it, and passed the check without a word."""
    path = _write(tmp_path, "a.csv", 'en,es\n"State\nDepartment",Departamento de Estado\nMin\u200bRex,MinRex\n')
    glossary = load_glossaries([path])
    assert glossary.terms[0].forms == {"en": "State Department", "es": "Departamento de Estado"}
    [problem] = check_glossary_files([path])
    assert (problem.line, problem.severity) == (4, "warning")
    assert "term 'Min<U+200B>Rex' in column 'en' holds an invisible character" in problem.message
    double = _write(tmp_path, "b.csv", "en,es\nState  Department,Departamento de Estado\n")
    assert load_glossaries([double]).terms[0].forms["en"] == "State Department"


def test_utf16_and_utf32_lists_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    """A spreadsheet's "Unicode text" export is UTF-16 with a BOM."""
    text = "en\tes\tnote\r\nMinRex\tMinRex\tCuba\u2019s ministry\r\nState Department\tDepartamento de Estado\t\r\n"
    for name, encoding in (("le.tsv", "utf-16-le"), ("be.tsv", "utf-16-be"), ("wide.tsv", "utf-32")):
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32": b""}[encoding]
        path = _write(tmp_path, name, bom + text.encode(encoding))
        forms = [t.forms for t in load_glossaries([path], use_cache=False).terms]
        assert forms == [{"en": "MinRex", "es": "MinRex"}, {"en": "State Department", "es": "Departamento de Estado"}]
    cut = _write(tmp_path, "cut.tsv", b"\xff\xfe" + "en\tes\nA\tB\nC\tD\n".encode("utf-16-le")[:-5])
    result = run_cli("glossary", "check", str(cut))
    assert result.returncode == 65
    assert f"{cut}:3: error: bytes that are not UTF-16; save the file as UTF-8" in result.stderr


_AS_TOOLS_WRITE_THEM = {
    # Excel names the delimiter on a line of its own above the header
    "excel-sep.csv": b"sep=;\r\nen;es;note\r\nHavana;La Habana;\r\nblockade;bloqueo;x\r\n",
    # every cell quoted, and a quoted column name holding commas
    "quoted-header.csv": b'"en";"es";"note (usage, context, source, date)"\n"Havana";"La Habana";""\n"blockade";"bloqueo";"x"\n',
    # "Unicode text" saved without a byte order mark
    "no-bom.tsv": "en\tes\tnote\nHavana\tLa Habana\t\nblockade\tbloqueo\tx\n".encode("utf-16-le"),
    "no-bom-be.tsv": "en\tes\tnote\nHavana\tLa Habana\t\nblockade\tbloqueo\tx\n".encode("utf-16-be"),
    # a Spanish-language spreadsheet's booleans
    "excel-es.csv": b"en;es;case_sensitive\r\nHavana;La Habana;FALSO\r\nblockade;bloqueo;VERDADERO\r\n",
    # a delimiter at the end of every data row
    "trailing.csv": b"en,es,note\nHavana,La Habana,,\nblockade,bloqueo,x,,,\n",
    # TSV written without quoting: quotes are text
    "unquoted.tsv": b'en\tes\tnote\nHavana\tLa Habana\t\nblockade\tbloqueo\t"x" y\n"Remain in Mexico" policy\tx\t\n',
}


@pytest.mark.parametrize("name", sorted(_AS_TOOLS_WRITE_THEM))
def test_lists_as_spreadsheets_and_other_tools_write_them(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, _AS_TOOLS_WRITE_THEM[name])
    problems = [p for p in check_glossary_files([path]) if "not one this tool reads" not in p.message]
    assert problems == []
    terms = load_glossaries([path]).terms
    assert [(t.forms["en"], t.forms["es"]) for t in terms][:2] == [("Havana", "La Habana"), ("blockade", "bloqueo")]
    assert [t.line for t in terms][:2] == [2, 3] if name != "excel-sep.csv" else [3, 4]
    if name == "excel-es.csv":
        assert [t.case_sensitive for t in terms] == [False, True]
    if name == "unquoted.tsv":
        assert (terms[1].note, terms[2].forms["en"]) == ('"x" y', '"Remain in Mexico" policy')


def test_a_source_target_list_conflicting_with_an_en_es_list_is_an_error(tmp_path: Path) -> None:
    named = _write(tmp_path, "named.csv", "en,es\nHavana,La Habana\nblockade,bloqueo\n")
    generic = _write(tmp_path, "generic.csv", "source,target\nblockade,embargo\nHavana,La Habana\n")
    assert [str(p) for p in check_glossary_files([named, generic])] == [
        f"{generic}:2: error: conflict with named.csv:3 when translating from en: 'blockade' -> 'embargo' here, "
        "'bloqueo' there"
    ]


def test_check_reports_every_problem_with_physical_line_numbers(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad.csv",
        (
            "en,es,action\n"
            "MinRex,MinRex,keep\n"
            '"multi\nline",x,translate\n'  # lines 3-4
            ",vacío,translate\n"  # line 5: empty term
            "=cmd,x,translate\n"  # line 6: formula
            "State Department,Departamento de Estado,translate\n"
            "State Department,Secretaría de Estado,translate\n"  # line 8: conflict
            "MinRex,MinRex,keep\n"  # line 9: duplicate
            "blockade,bloqueo,sometimes\n"  # line 10: unknown action
        ).encode()
        + b"bad\xff,bytes,translate\n",
    )  # line 11: not UTF-8
    problems = [str(p) for p in check_glossary_files([path]) if p.severity == "error"]
    lines = sorted(int(p.split(":")[1]) for p in problems)
    assert lines == [5, 6, 8, 9, 10, 11], problems
    assert all(p.startswith(f"{path}:") and ": error: " in p for p in problems)


@pytest.mark.parametrize("rows", ["MinRex,MinRex,keep,x\n", "\nMinRex,MinRex,keep,x\n,x,keep,x\n"])
def test_a_column_the_tool_does_not_read_is_a_warning_not_silence(tmp_path: Path, rows: str) -> None:
    path = _write(tmp_path, "terms.csv", "en,es,actions,Domain\n" + rows)  # clean, then read row by row
    warnings = [str(p) for p in check_glossary_files([path]) if p.severity == "warning"]
    assert warnings == [
        f"{path}:1: warning: column 'actions' is not one this tool reads; it is ignored",
        f"{path}:1: warning: column 'domain' is not one this tool reads; it is ignored",
    ]


@pytest.mark.parametrize("header", ["English,Spanish", "en-US,es-MX", "EN,Español", "en_GB,es-419"])
def test_language_columns_may_be_named_or_carry_a_region(tmp_path: Path, header: str) -> None:
    path = _write(tmp_path, "terms.csv", f"{header}\nState Department,Departamento de Estado\n")
    assert check_glossary_files([path]) == []
    [term] = load_glossaries([path], use_cache=False).terms
    assert term.forms == {"en": "State Department", "es": "Departamento de Estado"}


def test_a_column_named_twice_is_an_error_and_a_list_with_no_terms_a_warning(tmp_path: Path) -> None:
    twice = _write(tmp_path, "twice.csv", "en,es,note,es,x,x\nMinRex,MinRex,n,MinRex,1,2\n")
    assert [(p.severity, p.message) for p in check_glossary_files([twice])] == [
        ("error", "column 'es' is named 2 times (columns 2, 4)"),
        ("warning", "column 'x' is not one this tool reads; it is ignored"),
    ]
    with pytest.raises(GlossaryError):
        load_glossaries([twice])
    empty = _write(tmp_path, "empty.csv", "en,es\r\n")
    assert [(p.line, p.severity) for p in check_glossary_files([empty])] == [(1, "warning")]


def test_malformed_quoting_and_nul_bytes_are_errors_on_their_lines(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "quotes.csv",
        'en,es\nMinRex,MinRex\n"Havana"x,La Habana\nCuba,"Cu"ba"\nMin\x00Rex,MinRex\nOK,OK\n"Open,quote\nLast,Last\n',
    )
    problems = {p.line: p.message for p in check_glossary_files([path]) if p.severity == "error"}
    assert sorted(problems) == [3, 4, 5, 7], problems
    assert "quot" in problems[3] and "NUL" in problems[5] and "never closed" in problems[7]


def test_a_binary_file_is_one_error_not_a_line_per_byte(tmp_path: Path) -> None:
    import random

    noise = bytes(random.Random(4).randrange(256) for _ in range(4000))
    path = _write(tmp_path, "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise)
    [problem] = check_glossary_files([path])
    assert (problem.line, problem.severity) == (3, "error")  # after the signature's two line ends
    assert "not a text file" in problem.message


def test_line_numbers_of_a_file_with_carriage_return_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b"en,es\rMinRex,MinRex\rHavana,La Habana Ca\xf1on\rCuba,Cuba\r")
    [problem] = check_glossary_files([path])
    assert problem.line == 3 and "not UTF-8" in problem.message


def test_blank_lines_before_the_header_and_a_pair_repeated_in_another_case(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.csv", "\n\nen,es\nHavana,La Habana\nhavana,La Habana\n")
    assert [str(p) for p in check_glossary_files([path])] == [f"{path}:5: error: duplicate of line 4: 'havana'"]
    headless = _write(tmp_path, "h.csv", "\nterm,translation\nHavana,La Habana\n")
    assert [p.line for p in check_glossary_files([headless])] == [2]


def test_a_spanish_first_list_is_keyed_on_its_spanish_column(tmp_path: Path) -> None:
    """An ``es,en`` list with spelling variants ("EE. UU.", "EEUU") sharing
    one English form was refused as a conflict on the English form; its
    terms are the Spanish ones, and two translations of one of them are."""
    path = _write(
        tmp_path, "es.csv", "es,en\nEE. UU.,U.S.\nEEUU,U.S.\ncancillería,foreign ministry\ncancillería,chancellery\n"
    )
    assert [(p.line, p.severity) for p in check_glossary_files([path])] == [(3, "warning"), (5, "error")]
    english_first = _write(tmp_path, "en.csv", "en,es\nU.S.,EE. UU.\nU.S.,EEUU\n")
    assert [(p.line, p.severity) for p in check_glossary_files([english_first])] == [(3, "error")]


def test_an_abbreviation_is_found_with_or_without_its_spaces(tmp_path: Path) -> None:
    """Spanish writes "EE. UU." and "EE.UU."; a list giving one missed the other."""
    path = _write(tmp_path, "g.csv", "es,en,case_sensitive\nEE. UU.,U.S.,yes\nFF.AA.,Armed Forces,yes\n")
    directed = load_glossaries([path]).directed("es", "en")
    text = "En EE.UU. y en EE. UU. hablaron las FF. AA. y las FF.AA., no las ff.aa."
    assert [m.text for m in directed.find(text)] == ["EE.UU.", "EE. UU.", "FF. AA.", "FF.AA."]


def test_a_pair_repeated_with_another_action_is_a_conflict_told_once(tmp_path: Path) -> None:
    """The same pair "keep" in one list and "expand-first" in another was a
    warning, printed twice, and which one a run used depended on the order
    of the lists."""
    keep = _write(tmp_path, "a.csv", "en,es,action\nNTSB,NTSB,keep\n")
    expand = _write(
        tmp_path,
        "b.csv",
        "en,es,action,en_expansion,es_expansion\nNTSB,NTSB,expand-first,National Board,Junta Nacional\n",
    )
    assert [str(p) for p in check_glossary_files([keep, expand])] == [
        f"{expand}:2: error: conflict with a.csv:2: 'NTSB' is expand-first here, keep there"
    ]
    with pytest.raises(GlossaryError, match="is expand-first here, keep there"):
        load_glossaries([keep, expand])


def test_missing_columns_is_an_error_on_line_1(tmp_path: Path) -> None:
    path = _write(tmp_path, "cols.csv", "english,note\nMinRex,x\n")
    [problem] = check_glossary_files([path])
    assert (problem.line, problem.severity) == (1, "error") and "missing columns" in problem.message


def test_glossary_check_command_exit_codes(tmp_path: Path) -> None:
    good = run_cli("glossary", "check", str(GLOSSARY))
    assert good.returncode == 0 and good.stdout.startswith("ok:")
    bad = _write(tmp_path, "bad.csv", "en,es\n@x,y\n,z\n")
    result = run_cli("glossary", "check", str(bad))
    assert result.returncode == 65
    assert f"{bad}:2: error:" in result.stderr and f"{bad}:3: error:" in result.stderr


def test_glossary_check_compiles_a_valid_list_for_translating_by_any_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    checked = tmp_path / "checked" / "terms.csv"
    checked.parent.mkdir()
    checked.write_bytes(GLOSSARY.read_bytes())
    assert run_cli("glossary", "check", str(checked)).returncode == 0
    compiled = tmp_path / "cache" / "bilingual" / "glossaries"
    assert sorted(p.name.split("-", 1)[1] for p in compiled.glob("*.pickle")) == [
        "count.pickle",
        "en-es.pickle",
        "es-en.pickle",
    ]
    elsewhere = tmp_path / "copy.csv"  # the same list by another path
    elsewhere.write_bytes(GLOSSARY.read_bytes())
    glossary = load_glossaries([elsewhere])
    monkeypatch.setattr("bilingual.glossary.DirectedGlossary.__init__", None)  # nothing may be compiled again
    matches = glossary.directed("es", "en").find("El MinRex y el Departamento de Estado")
    assert [(m.text, m.entry.target) for m in matches] == [
        ("MinRex", "MinRex"),
        ("Departamento de Estado", "State Department"),
    ]


def test_the_same_bytes_read_differently_by_their_name_are_compiled_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = "en\tes\tnote, with, commas\nMinRex\tMinRex\tx\n"  # as many tabs as commas: a .tsv name breaks the tie
    tsv = _write(tmp_path, "terms.tsv", data)
    assert load_glossaries([tsv]).count == 1
    with pytest.raises(GlossaryError, match="missing columns"):
        load_glossaries([_write(tmp_path, "terms.csv", data)])


def test_translate_refuses_a_bad_glossary_before_writing_anything(tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.csv", "en,es\n=SUM(1),y\n")
    out = tmp_path / "out"
    result = run_cli("translate", "input/", "-o", str(out), "-g", str(bad), "--engine", "fake")
    assert result.returncode == 65
    assert f"{bad}:2: error:" in result.stderr
    assert not out.exists()


def test_tbx_v3_and_forbidden_terms(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "t.tbx",
        """<?xml version="1.0"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1">
 <langSec xml:lang="en"><termSec><term>blockade</term></termSec></langSec>
 <langSec xml:lang="es"><termSec><term>bloqueo</term></termSec>
  <termSec><term>embargo</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry></body></text></tbx>""",
    )
    [term] = load_glossaries([path]).terms
    assert term.forms == {"en": "blockade", "es": "bloqueo"} and term.forbidden["es"] == ("embargo",)
    forbidden = path.read_text().replace("deprecatedTerm-admn-sts", "forbidden-Term-admn-sts")
    (tmp_path / "f.tbx").write_text(forbidden)  # as some tools write it
    [term] = load_glossaries([tmp_path / "f.tbx"]).terms
    assert term.forbidden["es"] == ("embargo",)


_TBX_DCT = """<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:basic="http://www.tbxinfo.net/ns/basic" xmlns:min="http://www.tbxinfo.net/ns/min"><text><body>
<conceptEntry id="c1">
 <langSec xml:lang="en_US"><termSec><term>State <hi>Department</hi></term></termSec>
  <termSec><term>Department of State</term><basic:administrativeStatus>admittedTerm-admn-sts</basic:administrativeStatus></termSec></langSec>
 <langSec xml:lang="es-ES">
  <termSec><term>Secretaría de Estado</term><basic:administrativeStatus>admittedTerm-admn-sts</basic:administrativeStatus></termSec>
  <termSec><term>Departamento de Estado</term><basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus>
   <basic:grammaticalGender>masculine</basic:grammaticalGender></termSec>
  <termSec><term>Depto. de Estado</term><basic:administrativeStatus>notRecommended</basic:administrativeStatus></termSec></langSec>
</conceptEntry>
<conceptEntry id="c2">
 <langSec xml:lang="en"><termSec><term>blockade</term></termSec></langSec>
 <langSec xml:lang="es"><termSec><term>embargo</term><basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec>
  <termSec><term>bloqueo</term></termSec></langSec>
 <note>The wire services' style: brand names are do-not-translate; this one is translated.</note>
</conceptEntry>
<conceptEntry id="c3">
 <langSec xml:lang="en"><termSec><term>ferry</term></termSec></langSec>
 <langSec xml:lang="fr"><termSec><term>traversier</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>"""


def test_tbx_whole_terms_dct_categories_statuses_and_synonyms(tmp_path: Path) -> None:
    """A term's inline markup is part of it; DCT-style categories count as
    termNotes; the preferred form wins over admitted ones listed first; not
    recommended and deprecated forms are forbidden; other admitted forms are
    synonyms, looked for from their own language only; a note is text unless
    it is exactly a switch; a concept without Spanish is skipped, with a
    warning naming its line."""
    path = _write(tmp_path, "dct.tbx", _TBX_DCT)
    glossary = load_glossaries([path])
    state, *synonyms = [t for t in glossary.terms if t.forms["en"] != "blockade"]
    assert state.forms == {"en": "State Department", "es": "Departamento de Estado"}
    assert (state.gender, state.forbidden["es"]) == ("m", ("Depto. de Estado",))
    blockade = next(t for t in glossary.terms if t.forms["en"] == "blockade")
    assert (blockade.action, blockade.forms["es"], blockade.forbidden["es"]) == ("translate", "bloqueo", ("embargo",))
    assert {(t.forms["en"], t.forms["es"], t.only_from) for t in synonyms} == {
        ("Department of State", "Departamento de Estado", "en"),
        ("State Department", "Secretaría de Estado", "es"),
    }
    text = "The Department of State and the State Department met."
    assert [m.entry.target for m in glossary.directed("en", "es").find(text)] == ["Departamento de Estado"] * 2
    text = "La Secretaría de Estado y el Departamento de Estado."
    assert [m.entry.target for m in glossary.directed("es", "en").find(text)] == ["State Department"] * 2
    assert [str(p) for p in check_glossary_files([path])] == [
        f"{path}:19: warning: concept has terms in en, fr only, not both en and es: skipped"
    ]


def test_tbx_language_codes_as_termbase_tools_write_them(tmp_path: Path) -> None:
    """ISO 639-2 codes ("eng", "spa"), capitals ("EN-US") and a plain
    ``lang`` attribute: such concepts were skipped as having neither
    English nor Spanish."""
    entry = '<termEntry><langSet {0}="{1}"><ntig><termGrp><term>{3}</term></termGrp></ntig></langSet>'
    entry += '<langSet {0}="{2}"><tig><term>{4}</term></tig></langSet></termEntry>'
    concepts = [
        ("xml:lang", "EN-US", "ES-ES", "State Department", "Departamento de Estado"),
        ("xml:lang", "eng", "spa", "foreign ministry", "cancillería"),
        ("lang", "en", "es", "border wall", "muro fronterizo"),
    ]
    body = "".join(entry.format(*c) for c in concepts)
    path = _write(tmp_path, "tools.tbx", f'<martif type="TBX"><text><body>{body}</body></text></martif>')
    assert check_glossary_files([path]) == []
    assert [t.forms for t in load_glossaries([path]).terms] == [{"en": c[3], "es": c[4]} for c in concepts]


def test_a_tbx_without_english_and_spanish_or_telling_two_things_is_refused(tmp_path: Path) -> None:
    french = _write(tmp_path, "fr.tbx", _TBX_DCT.replace('xml:lang="es', 'xml:lang="fr'))
    assert [str(p) for p in check_glossary_files([french])] == [
        f"{french}:4: error: no concept has both an en and an es term (languages found: en, fr)"
    ]
    empty = _write(tmp_path, "empty.tbx", _TBX_DCT.replace("<term>blockade</term>", "<term> </term>"))
    assert str(check_glossary_files([empty])[0]) == f"{empty}:13: error: empty term in en"
    switch = _write(tmp_path, "dnt.tbx", _TBX_DCT.replace("<note>The wire", "<note>do-not-translate</note><note>The"))
    assert str(check_glossary_files([switch])[0]) == (
        f"{switch}:13: error: do-not-translate, but the two forms differ: 'blockade' / 'bloqueo'"
    )


def test_forbidden_forms_count_as_words_of_their_own_only() -> None:
    from bilingual.glossary.stage import verify_terms
    from bilingual.model import TermHit

    hit = TermHit("t1", "Havana", 0, 6, "La Habana", "translate")
    forbidden = {"t1": ("Habana", "Habanas")}
    assert verify_terms("u1.s1", (hit,), (Text("Llegó a La Habana."),), forbidden) == []
    [issue] = verify_terms("u1.s1", (hit,), (Text("La Habana, o Habana."),), forbidden)
    assert issue.check == "glossary-forbidden-term" and "'Habana'" in issue.message


def test_tbx_declaring_entities_is_refused_not_expanded(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "x.tbx",
        """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1">
 <langSec xml:lang="en"><termSec><term>State&xxe; Department</term></termSec></langSec>
 <langSec xml:lang="es"><termSec><term>Departamento de Estado</term></termSec></langSec>
</conceptEntry></body></text></tbx>""",
    )
    result = run_cli("glossary", "check", str(path))
    assert result.returncode != 0
    assert f"{path}:2: error: the DOCTYPE declares entities" in result.stderr
    wide = _write(
        tmp_path, "wide.tbx", path.read_text(encoding="utf-8").replace('"?>', '" encoding="UTF-16"?>').encode("utf-16")
    )
    assert [str(p) for p in check_glossary_files([wide])] == [
        f"{wide}:2: error: the DOCTYPE declares entities: refused (XLIFF, TMX and TBX files need none)"
    ]


def test_clean_files_read_a_column_at_a_time_give_what_the_row_reader_gives(tmp_path: Path) -> None:
    from bilingual.glossary import csvfile

    rows = [
        "en,es,action,case_sensitive,en_expansion,es_expansion,es_gender,es_number,note",
        'State Department,Departamento de Estado,,, , ,F,,"a note, with a comma"',
        "MinRex,MinRex,keep,yes,,,,,",
        "CFRP,CFRP,Expand-First,,Cuban Family Reunification Parole,Programa de Permisos,m,sg,",
        "  asylum officer ,funcionario de asilo,translate,NO,,,m,,",
        'Havana,"La Habana",,,,,f,sg,"Capital ""of"" Cuba"',
        "Declaraci\u00f3n de Los \u00c1ngeles,Los Angeles Declaration,,,,,,,",
        "migration agreements,acuerdos migratorios,,,,,Masculino,Plural,",
        "food basket,canasta b\u00e1sica,,,,,feminine,singular,",
    ]
    samples = {
        "lf.csv": "\n".join(rows) + "\n",
        "crlf.csv": "\r\n".join(rows),
        "blank-lines.csv": "\n".join([*rows[:3], "", "", *rows[3:]]) + "\n\n",
        "semicolon.csv": "\n".join(r.replace(",", ";") for r in rows[:4]),
        "quoted-last.csv": "\n".join(rows[:6]),
        "shipped.csv": GLOSSARY.read_text(encoding="utf-8"),
    }
    for name, text in samples.items():
        dialect = csvfile._sniff(text, name)
        clean = csvfile._read_clean(text, dialect, name)
        assert clean is not None, name
        by_rows, problems = csvfile._read_rows(text, dialect, name, [])
        assert problems == []
        assert clean.terms() == by_rows.terms(), name
    spelled_out = csvfile._read_clean(samples["lf.csv"], csvfile._Comma, "lf.csv")
    assert spelled_out is not None and [(t.gender, t.number) for t in spelled_out.terms()][-2:] == [
        ("m", "pl"),
        ("f", "sg"),
    ]
    # anything unusual goes to the row reader, which words the problem
    unusual = ("en,es\n=1+1,x\n", 'en,es\n"a\nb",c\n', "en,es\na,b,c\n", "en,es\na,b,c\nd\n", "en,es\n")
    for text in (*unusual, "en,es\rMinRex,MinRex\r", "en,es\r\na,b\nc,d\r\n", "en,es\na\x1eb,c\n"):
        assert csvfile._read_clean(text, csvfile._sniff(text, "x.csv"), "x.csv") is None


def test_random_files_the_clean_reader_accepts_read_the_same_by_rows() -> None:
    """Whenever the column-at-a-time reader takes a file, the row reader
    finds no problem in it and the same terms (random rows: short, padded,
    quoted, with delimiters, quotes and separators inside cells, of wrong
    widths, with blank lines, LF or CRLF)."""
    import random

    from bilingual.glossary import csvfile

    rng = random.Random(2)
    pieces = ["a", "B", "é", "x y", " pad ", "ICE", "keep", "translate", "yes", "no", "m", "sg", ",", ";", '"']
    pieces += ["=", "-1", "\t", "", "CFRP", "\u2028", "\x1f", "\x1e", "Fem", "plural"]
    headers = [["en", "es"], ["en", "es", "action"], ["source", "target", "case_sensitive"]]
    headers.append(["en", "es", "action", "en_expansion", "es_expansion", "es_gender", "es_number", "note"])
    accepted = 0
    for _ in range(6000):
        header, delimiter = rng.choice(headers), rng.choice([",", ";", "\t"])
        lines = [delimiter.join(header)]
        for _ in range(rng.randint(1, 6)):
            cells = []
            for _ in range(max(1, len(header) + rng.choice([0, 0, 0, 0, -1, 1]))):
                cell = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 3)))
                if (rng.random() < 0.3 or delimiter in cell or '"' in cell) and rng.random() < 0.9:
                    cell = '"' + cell.replace('"', '""') + '"'
                cells.append(cell)
            lines += [delimiter.join(cells)] + ([""] if rng.random() < 0.1 else [])
        newline = rng.choice(["\n", "\r\n"])
        text = newline.join(lines) + rng.choice(["", newline, newline * 2])
        name = "x.tsv" if delimiter == "\t" else "x.csv"
        dialect = csvfile._sniff(text, name)
        clean = csvfile._read_clean(text, dialect, name)
        if clean is None:
            continue
        accepted += 1
        by_rows, problems = csvfile._read_rows(text, dialect, name, [])
        assert problems == [], text
        assert clean.terms() == by_rows.terms(), text
    assert accepted > 50  # the property was put to the test


def test_a_term_as_written_wins_over_another_terms_plural() -> None:
    entries = [_entry("immigrant visa", "visa de inmigrante"), _entry("immigrant visas", "visas de inmigrante")]
    assert _find(entries, "Two immigrant visas and one immigrant visa.") == [
        ("immigrant visas", "visas de inmigrante"),
        ("immigrant visa", "visa de inmigrante"),
    ]


def test_irregular_plurals_are_found_in_a_whole_glossary(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "g.csv",
        "en,es\nagency,agencia\nlight,luz\nnation,naci\u00f3n\nborder patrol,patrulla fronteriza\n",
    )
    glossary = load_glossaries([path])
    english = "Two agencies, the nation and the Border Patrol's lights."
    assert [(m.text, m.plural) for m in glossary.directed("en", "es").find(english)] == [
        ("agencies", True),
        ("nation", False),
        ("Border Patrol", False),
        ("lights", True),
    ]
    spanish = "Las luces de las naciones y las patrullas fronterizas."
    assert [(m.text, m.plural) for m in glossary.directed("es", "en").find(spanish)] == [
        ("luces", True),
        ("naciones", True),
        ("patrullas fronterizas", True),
    ]


def test_spanish_plurals_that_gain_or_lose_an_accent_are_found_and_written(tmp_path: Path) -> None:
    """ "search warrants" came out as "ordenes de registro" and "booster
    shots" as "dosises de refuerzo"; "órdenes de registro" was not found."""
    rows = "search warrant,orden de registro\nyoung voter,votante joven\nbooster shot,dosis de refuerzo\nbus,autobús\n"
    glossary = load_glossaries([_write(tmp_path, "g.csv", "en,es\n" + rows)])
    spanish = "Dos órdenes de registro, votantes jóvenes y autobuses."
    alone = load_glossaries([_write(tmp_path, "r.csv", "en,es\ntax regime,régimen fiscal\n")]).directed("es", "en")
    assert [m.text for m in alone.find("Hay regímenes fiscales especiales.")] == ["regímenes fiscales"]
    assert [(m.text, m.plural) for m in glossary.directed("es", "en").find(spanish)] == [
        ("órdenes de registro", True),
        ("votantes jóvenes", True),
        ("autobuses", True),
    ]
    from bilingual.glossary.stage import plural_form

    targets = ["orden de registro", "votante joven", "dosis de refuerzo", "autobús"]
    assert [plural_form(t, "es") for t in targets] == [
        "órdenes de registro",
        "votantes jóvenes",
        "dosis de refuerzo",
        "autobuses",
    ]


def test_an_acronym_takes_a_small_s_as_its_plural(tmp_path: Path) -> None:
    """ "Hospital ICUs are full" left "ICUs" untranslated and unchecked."""
    glossary = load_glossaries([_write(tmp_path, "g.csv", "en,es,es_gender\nICU,UCI,f\nNGO,ONG,f\n")])
    found = glossary.directed("en", "es").find("Hospital ICUs, two NGOs, the ICUS and the NGOes.")
    assert [(m.text, m.plural) for m in found] == [("ICUs", True), ("NGOs", True)]


def test_english_plurals_a_list_cannot_make_with_an_s(tmp_path: Path) -> None:
    """ "risk analyses" was not found at all; "300 aircraft" was taken for
    one ("300 Boeing 737 aeronave")."""
    rows = "risk analysis,análisis de riesgos\nspokesman,portavoz\naircraft,aeronave\nchild,niño\n"
    glossary = load_glossaries([_write(tmp_path, "g.csv", "en,es\n" + rows)])
    text = "Two risk analyses, the spokesmen, 300 aircraft, the aircraft and the children."
    found = glossary.directed("en", "es").find(text)
    assert [(m.text, m.plural) for m in found] == [
        ("risk analyses", True),
        ("spokesmen", True),
        ("aircraft", True),  # a number above one says so
        ("aircraft", False),
        ("children", True),
    ]


def test_a_form_that_is_its_own_plural_leaves_its_articles_alone() -> None:
    """ "A risk analysis … two risk analyses" gave "Unos análisis de riesgos
    … dos análisis de riesgos": the plural's agreement reached the singular."""
    from bilingual.glossary.stage import _agree

    one = TermHit("t1", "risk analysis", 2, 15, "análisis de riesgos", "translate", gender="m", number="sg")
    two = TermHit("t1", "risk analyses", 24, 37, "análisis de riesgos", "translate", gender="m", number="pl")
    text = (Text("Un análisis de riesgos y dos análisis de riesgos"),)
    assert _agree(text, (one, two)) == text
    assert _agree((Text("La análisis de riesgos"),), (one,)) == (Text("El análisis de riesgos"),)


def test_a_spanish_acronym_is_plural_after_a_plural_word(tmp_path: Path) -> None:
    """Spanish writes an acronym's plural as its singular ("las ONG", "tres
    ERTE"): "Otras ONG pidieron" gave "Another NGO asked"."""
    rows = (
        "en,es,action,en_expansion,es_expansion\n"
        "NGO,ONG,translate,,\n"
        "ERTE,ERTE,expand-first,temporary layoff scheme,expediente de regulación temporal de empleo\n"
        "booster shot,dosis de refuerzo,translate,,\n"
    )
    glossary = _write(tmp_path, "g.csv", rows)
    page = _write(
        tmp_path,
        "p.html",
        "<html lang='es'><body><article><h1>Empleo</h1><p>Otras ONG y la ONG del barrio piden ayuda.</p>"
        "<p>Solo tres ERTE siguen abiertos y las dosis de refuerzo llegan.</p></article></body></html>",
    )
    done, _ = _translated(page, IdentityTranslator, glossary)
    targets = [t.target for s in done.segments for t in s.terms]
    assert targets == ["NGOs", "NGO", "temporary layoff schemes (ERTEs)", "booster shots"]


def test_plurals_of_forms_a_list_gives_in_the_plural_or_with_a_noun_after_the_noun(tmp_path: Path) -> None:
    """ "Los CDR" (a plural in the list) gave "Committeeses for the Defense
    of the Revolution", "los TSJ" "High Court of Justices", "los EE. UU."
    "U.S.s"; "Los exámenes antidopaje" (the second noun stays singular)
    was not found."""
    rows = (
        "es,en,action,en_expansion,es_expansion,es_number\n"
        "CDR,CDR,expand-first,Committees for the Defense of the Revolution,Comités de Defensa de la Revolución,pl\n"
        "TSJ,TSJ,expand-first,High Court of Justice,Tribunal Superior de Justicia,sg\n"
        "EE. UU.,U.S.,translate,,,pl\n"
        "examen antidopaje,doping test,translate,,,sg\n"
    )
    glossary = _write(tmp_path, "g.csv", rows)
    sentences = ["Los CDR apoyan.", "Los TSJ rechazaron.", "Los EE. UU. respondieron.", "Los exámenes antidopaje."]
    body = "".join(f"<p>{s}</p>" for s in sentences)
    page = _write(tmp_path, "p.html", f"<html lang='es'><body><article><h1>Breves</h1>{body}</article></body></html>")
    done, _ = _translated(page, IdentityTranslator, glossary)
    assert [t.target for s in done.segments for t in s.terms] == [
        "Committees for the Defense of the Revolution (CDR)",
        "High Courts of Justice (TSJs)",
        "U.S.",
        "doping tests",
    ]


def test_a_headline_in_capitals(tmp_path: Path) -> None:
    """In capitals a plural ending is a capital too, a term's target is
    written in capitals, and an acronym that is also a word ("US", "IT",
    "WHO") is not taken for the acronym."""
    rows = "en,es\nair traffic controller,controlador aéreo\nbird flu,gripe aviar\nUS,EE. UU.\nWHO,OMS\n"
    glossary = load_glossaries([_write(tmp_path, "g.csv", rows)])
    directed = glossary.directed("en", "es")
    found = directed.find("AIR TRAFFIC CONTROLLERS WARN OF BIRD FLU; THEY TELL US WHO WILL PAY")
    assert [(m.text, m.plural) for m in found] == [("AIR TRAFFIC CONTROLLERS", True), ("BIRD FLU", False)]
    assert [m.text for m in directed.find("The WHO told US officials.")] == ["WHO", "US"]
    page = _write(
        tmp_path,
        "p.html",
        "<html lang='en'><body><article><h1>BIRD FLU REACHES FARMS</h1><p>Text here.</p></article></body></html>",
    )
    done, _ = _translated(page, IdentityTranslator, tmp_path / "g.csv")
    assert [t.target for s in done.segments for t in s.terms] == ["GRIPE AVIAR"]


def test_an_english_term_whose_head_comes_first_takes_its_plural_there(tmp_path: Path) -> None:
    """ "notices to appear" is the plural of "notice to appear"; from Spanish,
    the plural target is written so too."""
    path = _write(
        tmp_path, "g.csv", "en,es\nnotice to appear,notificación de comparecencia\nwork permit,permiso de trabajo\n"
    )
    glossary = load_glossaries([path])
    english = "Most notices to appear, and work permits, came late."
    assert [(m.text, m.plural) for m in glossary.directed("en", "es").find(english)] == [
        ("notices to appear", True),
        ("work permits", True),
    ]
    from bilingual.glossary.stage import plural_form

    assert plural_form("notice to appear", "en") == "notices to appear"
    assert plural_form("work permit", "en") == "work permits"


# --- matching ---------------------------------------------------------------------


def _find(entries: list[Entry], text: str, language: str = "en") -> list[tuple[str, str]]:
    return [(m.text, m.entry.target) for m in TermMatcher(entries, language).find(text)]


def test_acronyms_match_whole_words_in_their_case_only() -> None:
    entries = [_entry("ICE", "ICE", "keep", case=True)]
    assert _find(entries, "ICE agents and the police broke the ice at the service.") == [("ICE", "ICE")]


def test_longest_match_wins_and_possessives_and_plurals_match() -> None:
    entries = [
        _entry("Homeland Security", "Seguridad Nacional"),
        _entry("Department of Homeland Security", "Departamento de Seguridad Nacional"),
        _entry("asylum officer", "funcionario de asilo"),
        _entry("Border Patrol", "Patrulla Fronteriza"),
    ]
    text = "The Department of Homeland Security said the Border Patrol's asylum officers met."
    assert _find(entries, text) == [
        ("Department of Homeland Security", "Departamento de Seguridad Nacional"),
        ("Border Patrol", "Patrulla Fronteriza"),
        ("asylum officers", "funcionario de asilo"),
    ]


def test_matching_is_unicode_normalised_on_both_sides() -> None:
    decomposed = "Declaracio\u0301n de Los A\u0301ngeles"
    entries = [_entry("Declaración de Los Ángeles", "Los Angeles Declaration")]
    assert [t for _, t in _find(entries, f"La {decomposed} se firmó.", "es")] == ["Los Angeles Declaration"]


def test_no_break_spaces_typographic_apostrophes_and_hyphens_match_plain_ones() -> None:
    entries = [
        _entry("State Department", "Departamento de Estado"),
        _entry("O'Brien", "O'Brien", "keep", case=True),
        _entry("Washington\u2019s Birthday", "Natalicio de Washington"),
        _entry("COVID-19", "COVID-19", "keep", case=True),
    ]
    text = "State\u00a0Department, O\u2019Brien, Washington's Birthday and COVID\u201119."
    assert _find(entries, text) == [
        ("State\u00a0Department", "Departamento de Estado"),
        ("O\u2019Brien", "O'Brien"),
        ("Washington's Birthday", "Natalicio de Washington"),
        ("COVID\u201119", "COVID-19"),
    ]


def test_a_list_in_decomposed_unicode_is_read_composed(tmp_path: Path) -> None:
    decomposed = "Jose\u0301 Marti\u0301 Airport,Aeropuerto Jose\u0301 Marti\u0301\n"
    path = _write(tmp_path, "nfd.csv", "en,es\n" + decomposed)
    [term] = load_glossaries([path]).terms
    assert term.forms == {"en": "José Martí Airport", "es": "Aeropuerto José Martí"}
    both = _write(tmp_path, "both.csv", "en,es\nJosé Martí Airport,Aeropuerto Internacional José Martí\n" + decomposed)
    assert [p.message.split(":")[0] for p in check_glossary_files([both])] == ["conflict with line 2"]


def test_spanish_plurals_and_article_agreement() -> None:
    assert plural_phrase("visa de inmigrante") == "visas de inmigrante"
    assert plural_phrase("Patrulla Fronteriza") == "Patrullas Fronterizas"
    assert plural_phrase("solicitud de asilo") == "solicitudes de asilo"
    # the written accent a plural gains or loses; words in -s not stressed last do not change
    singulars = (
        "orden de registro, votante joven, examen, autobús, país, dosis de refuerzo, análisis, virus, acción, régimen"
    )
    plurals = "órdenes de registro, votantes jóvenes, exámenes, autobuses, países, dosis de refuerzo, análisis, virus, acciones, regímenes"
    assert [plural_phrase(s) for s in singulars.split(", ")] == plurals.split(", ")
    assert agree_article("según el ", "f", "sg") == "según la "
    assert agree_article("informe del ", "f", "pl") == "informe de las "
    assert agree_article("El ", "f", "sg") == "La "
    assert agree_article("y unos\u00a0 ", "f", "pl") == "y unas\u00a0 "  # the spaces after it stay
    # only a whole word is an article; a word merely ending like one is left
    for before in ("aquellos ", "Manuel ", "del", "bel ", "x_el "):
        assert agree_article(before, "f", "sg") == before


def test_a_spanish_target_without_a_gender_gets_the_one_its_ending_tells() -> None:
    from bilingual.glossary.model import EntryTable
    from bilingual.glossary.spanish import guess_gender_number

    forms = ("canasta básica", "apagones", "Unión Europea", "Banco Central", "Cruz Roja", "Tribunal Supremo")
    assert [guess_gender_number(f) for f in forms] == [
        ("f", "sg"),
        ("m", "pl"),
        ("f", "sg"),
        ("m", "sg"),
        ("f", "sg"),  # the head does not tell; its adjective does
        ("m", "sg"),
    ]
    assert [guess_gender_number(f) for f in ("Estatus de Protección Temporal", "autobús escolar")] == [("m", "sg")] * 2
    # no telling: a -ma noun, a stressed a, an article in the name, a -nte noun, an acronym, a -z noun alone
    for form in ("Programa de Permisos", "área metropolitana", "La Habana", "solicitante de asilo", "MLC", "luz"):
        assert guess_gender_number(form) == ("", "")
    entries = [
        _entry("food basket", "canasta básica"),
        _entry("Gaesa", "Gaesa", action="keep"),
        _entry("State Department", "Departamento de Estado", gender="f"),
    ]
    table = EntryTable.from_entries(entries)
    table.spanish = "target"
    assert [(table.entry(i).gender, table.entry(i).number) for i in range(3)] == [("f", "sg"), ("", ""), ("f", "")]


# --- enforcement ------------------------------------------------------------------


def _translated(page: Path, translator_cls: type, glossary_path: Path = GLOSSARY) -> object:
    glossary = load_glossaries([glossary_path])
    document = read_document(page, Settings(), glossary)
    [done] = translate_documents([document], translator_cls(document.source_lang, document.target_lang))
    return finish_glossary(done, glossary), document


@pytest.mark.parametrize("page", sorted((ROOT / "input").glob("*.html")), ids=lambda p: p.name)
def test_every_term_survives_the_fake_engine(page: Path) -> None:
    done, _ = _translated(page, FakeTranslator)
    hits = sum(len(s.terms) for s in done.segments)
    assert hits >= 20
    assert [i for i in done.all_issues() if i.check.startswith("glossary")] == []


def test_expand_first_spells_out_once_and_not_when_already_spelled_out() -> None:
    done, _ = _translated(ROOT / "input" / "cuba-us-migration-talks.html", IdentityTranslator)
    body = [s for u in done.units if u.role in ("paragraph", "heading") for s in u.segments]
    # the article spells out both names before their first "(CFRP)" and "(USCIS)": no double expansion
    for acronym in ("CFRP", "USCIS"):
        targets = [t.target for s in body for t in s.terms if t.source == acronym]
        assert targets and all(t == acronym for t in targets)


def test_an_acronym_is_spelled_out_only_where_the_source_spells_it_out(tmp_path: Path) -> None:
    """A full form given paragraphs before, without the acronym, does not
    tell the reader what "DHS" stands for: the first DHS is expanded. A
    full form next to the acronym, before or after it, is not repeated."""
    rows = (
        "en,es,action,en_expansion,es_expansion\n"
        "DHS,DHS,expand-first,Department of Homeland Security,Departamento de Seguridad Nacional\n"
        "TPS,TPS,expand-first,Temporary Protected Status,Estatus de Protección Temporal\n"
        "ICE,ICE,expand-first,Immigration and Customs Enforcement,Servicio de Inmigración y Control de Aduanas\n"
        "NTSB,NTSB,expand-first,National Transportation Safety Board,Junta Nacional de Seguridad del Transporte\n"
    )
    glossary = _write(tmp_path, "g.csv", rows)
    page = _write(
        tmp_path,
        "p.html",
        "<html lang='en'><body><article><h1>Border memo</h1>"
        "<p>The Department of Homeland Security issued a memo on Monday.</p>"
        "<p>DHS says the change is meant to help. Holders of Temporary Protected Status (TPS) may stay.</p>"
        "<p>ICE (Immigration and Customs Enforcement) did not comment. The TPS list and DHS grow.</p>"
        "<p>The National Transportation Safety Board opened an inquiry. Two NTSB investigators arrived.</p>"
        "</article></body></html>",
    )
    done, _ = _translated(page, IdentityTranslator, glossary)
    targets = [t.target for s in done.segments for t in s.terms if t.action == "expand-first"]
    # (the paragraph that has just named the board needs no "(NTSB)" to say it again)
    assert targets == ["Departamento de Seguridad Nacional (DHS)", "TPS", "ICE", "TPS", "DHS", "NTSB"]


def test_an_acronyms_full_form_written_out_takes_the_targets_full_form(tmp_path: Path) -> None:
    """A TBX full form, or a list's expansion, was only ever used to expand
    the acronym: "The European Central Bank" gave "El Banco Central
    europeo", unchecked. (A list that gives the full form a row of its own
    keeps that row.)"""
    rows = (
        "en,es,action,en_expansion,es_expansion\n"
        "ECB,BCE,expand-first,European Central Bank,Banco Central Europeo\n"
        "DHS,DHS,expand-first,Department of Homeland Security,Departamento de Seguridad Nacional\n"
        "Department of Homeland Security,Departamento de Seguridad Interior,translate,,\n"
    )
    glossary = load_glossaries([_write(tmp_path, "g.csv", rows)])
    text = "The European Central Bank (ECB) and the Department of Homeland Security met."
    found = glossary.directed("en", "es").find(text)
    assert [(m.text, m.entry.target, m.entry.id) for m in found] == [
        ("European Central Bank", "Banco Central Europeo", "t1-full"),
        ("ECB", "BCE", "t1"),
        ("Department of Homeland Security", "Departamento de Seguridad Interior", "t3"),
    ]
    spanish = glossary.directed("es", "en").find("El Banco Central Europeo subió los tipos.")
    assert [(m.text, m.entry.target) for m in spanish] == [("Banco Central Europeo", "European Central Bank")]
    tbx = load_glossaries([ROOT / "tests" / "data" / "glossary" / "ok-basic.tbx"])
    [match] = tbx.directed("en", "es").find("Temporary Protected Status was extended.")
    assert match.entry.target == "Estatus de Protección Temporal"


def test_expand_first_expands_the_first_mention(tmp_path: Path) -> None:
    page = _write(
        tmp_path,
        "p.html",
        "<html lang='en'><body><article><h1>Parole news</h1>"
        "<p>The CFRP program resumed in August, officials said on Monday.</p>"
        "<p>Applicants to the CFRP must wait for an invitation letter.</p></article></body></html>",
    )
    done, _ = _translated(page, IdentityTranslator)
    targets = [t.target for s in done.segments for t in s.terms]
    assert targets == ["Programa de Permisos de Reunificación Familiar Cubana (CFRP)", "CFRP"]


def test_a_headline_keeps_the_acronym_and_the_text_spells_it_out(tmp_path: Path) -> None:
    """Style books put the expansion at the first mention in the text; a
    headline or subhead keeps the short form and does not use it up."""
    page = _write(
        tmp_path,
        "p.html",
        "<html lang='en'><body><article><h1>CFRP interviews resume</h1>"
        "<p>The CFRP program resumed in August, officials said on Monday.</p>"
        "<h2>What the CFRP asks</h2><p>Applicants to the CFRP must wait for a letter.</p></article></body></html>",
    )
    done, _ = _translated(page, IdentityTranslator)
    targets = {(u.role, t.target) for u in done.units for s in u.segments for t in s.terms}
    assert targets == {
        ("title", "CFRP"),
        ("paragraph", "Programa de Permisos de Reunificación Familiar Cubana (CFRP)"),
        ("heading", "CFRP"),
        ("paragraph", "CFRP"),
    }


def test_a_term_ending_in_a_period_takes_the_sentences_period(tmp_path: Path) -> None:
    glossary = _write(tmp_path, "g.csv", "en,es\nCoast Guard,Guardia Costera de EE. UU.\n")
    page = _write(
        tmp_path,
        "p.html",
        "<html lang='en'><body><article><h1>Rescue</h1>"
        "<p>The boat was found by the Coast Guard. Nobody was hurt... said the Coast Guard...</p>"
        "</article></body></html>",
    )
    done, _ = _translated(page, IdentityTranslator, glossary)
    targets = [plain_text(s.target) for s in done.segments if s.terms]
    assert targets == [
        "The boat was found by the Guardia Costera de EE. UU.",
        "Nobody was hurt... said the Guardia Costera de EE. UU....",  # an ellipsis keeps its three points
    ]


def test_english_a_or_an_suits_the_restored_term() -> None:
    from bilingual.glossary.english import agree_indefinite, article_for

    assert [article_for(w) for w in ("asylum seeker", "hour", "FBI", "CBP", "USCIS", "U.S. agency", "Havana")] == [
        "an",
        "an",
        "an",
        "a",
        "a",
        "a",
        "a",
    ]
    assert agree_indefinite("A ", "asylum seeker") == "An "
    assert agree_indefinite("officials said a ", "asylum seeker") == "officials said an "
    assert agree_indefinite("with an ", "CBP officer") == "with a "
    assert agree_indefinite("a banana ", "asylum seeker") == "a banana "


def test_a_missing_term_is_reported_not_hidden() -> None:
    from bilingual.glossary.stage import verify_terms
    from bilingual.model import TermHit

    hit = TermHit("t1", "State Department", 4, 20, "Departamento de Estado", "translate")
    issues = verify_terms("u1.s1", (hit,), (Text("El Ministerio de Asuntos Exteriores dijo."),))
    assert [i.check for i in issues] == ["glossary-term-missing"]


def test_de_el_and_a_el_before_a_term_contract_as_spanish_writes_them() -> None:
    from bilingual.formats.bilingual_html import _target_term_spans
    from bilingual.glossary.stage import _finish_segment
    from bilingual.model import Segment, TermHit

    source = "Officials of the State Department wrote to the State Department and to El Salvador."
    hits = tuple(
        TermHit("t1", "the State Department", m.start(), m.end(), "el Departamento de Estado", "translate", gender="m")
        for m in re.finditer("the State Department", source)
    )
    engine = "Oficiales de el Departamento de Estado escribieron a el Departamento de Estado y a El Salvador."
    segment = Segment("u1.s1", (Text(source),), target=(Text(engine),), terms=hits)
    finished = _finish_segment(segment, "es", {})
    target = plain_text(finished.target or ())
    assert target == "Oficiales del Departamento de Estado escribieron al Departamento de Estado y a El Salvador."
    assert finished.issues == ()
    marked = [target[start:end] for start, end, _ in _target_term_spans(target, hits)]
    assert marked == ["del Departamento de Estado", "al Departamento de Estado"]


@requires_apertium
@pytest.mark.apertium
def test_apertium_keeps_every_term_and_makes_articles_agree(tmp_path: Path) -> None:
    result = run_translate(
        [str(ROOT / "input")], Settings(output_dir=tmp_path, engine="apertium", glossaries=(GLOSSARY,))
    )
    for report in result.reports:
        document = report.document
        assert document is not None
        assert sum(len(s.terms) for s in document.segments) >= 40
        assert [i for i in document.all_issues() if i.check.startswith(("glossary", "placeholder"))] == []
    page = (tmp_path / "cuba-us-migration-talks.es.html").read_text(encoding="utf-8")
    assert "los Acuerdos Migratorios bilaterales" in page
    assert "la Embajada de Estados Unidos en La Habana" in page
    assert "MinRex" in page and "Departamento de Estado" in page


_PROXY_TERMS = """en,es,action,es_gender,es_number
MinRex,MinRex,keep,,
power grid,red eléctrica,translate,f,sg
Jenniffer González,Jenniffer González,keep,,
COVID-19,COVID-19,keep,,
asylum seeker,solicitante de asilo,translate,,
"""

_PROXY_PAGES = {
    "grid.html": """<html lang="en"><head><meta charset="utf-8"><title>Grid</title></head><body><article>
<h1>Storm season</h1>
<p>MinRex said on Monday that the talks would resume. The island's <strong>power grid</strong> remains fragile.</p>
<p>Governor Jenniffer González signed the order. COVID-19 cases rose in August.</p>
<p>The asylum seeker's family arrived. MinRex's statement followed.</p>
</article></body></html>""",
    "red.html": """<html lang="es"><head><meta charset="utf-8"><title>Red</title></head><body><article>
<h1>Temporada de huracanes</h1>
<p>MinRex dijo el lunes que las conversaciones migratorias se reanudarán en La Habana el próximo mes.</p>
</article></body></html>""",
}


@requires_apertium
@pytest.mark.apertium
def test_apertium_terms_travel_as_words_it_knows(tmp_path: Path) -> None:
    """A name at the start of a sentence does not capitalise the word after
    it (there it travels as a proper noun; elsewhere as a placeholder, and a
    title stays in front of it), the article Apertium adds in front of a
    term is kept, and a possessive is turned round a term of unknown gender
    as round any noun."""
    glossary = _write(tmp_path, "terms.csv", _PROXY_TERMS)
    pages = [_write(tmp_path, name, page) for name, page in _PROXY_PAGES.items()]
    result = run_translate(
        [str(p) for p in pages], Settings(output_dir=tmp_path / "out", engine="apertium", glossaries=(glossary,))
    )
    targets = {}
    for report in result.reports:
        document = report.document
        assert document is not None, report.error
        assert [i for i in document.all_issues() if i.check.startswith(("glossary", "placeholder"))] == []
        targets.update({s.id + document.target_lang: plain_text(s.target or ()) for s in document.segments})
    spanish = " ".join(v for k, v in targets.items() if k.endswith("es"))
    assert "MinRex dijo el lunes" in spanish
    assert "La red eléctrica de la isla" in spanish
    assert "Gobernador Jenniffer González firmó" in spanish
    assert "Casos de COVID-19 ascendieron" in spanish
    assert "La familia del solicitante de asilo llegó" in spanish
    assert "La declaración de MinRex" in spanish
    english = " ".join(v for k, v in targets.items() if k.endswith("en"))
    assert "MinRex said" in english


def test_a_word_apertium_adds_under_a_terms_mark_is_kept() -> None:
    from bilingual.model import TermHit
    from bilingual.mt.apertium import ApertiumCodec

    codec = ApertiumCodec("en")
    source = (Text("The island's power grid remains fragile."),)
    hit = TermHit("t1", "power grid", 13, 23, "red eléctrica", "translate", gender="f", number="sg")
    encoded = codec.encode(source, (hit,))
    assert encoded.text == "The island's [[s1]]house[[/]] remains fragile."
    decoded = codec.decode(encoded, "[[s1]]La[[/]] [[s1]]casa[[/]] de la isla queda frágil", "u1.s1")
    assert plain_text(decoded.content) == "La red eléctrica de la isla queda frágil"
    assert decoded.issues == ()


def test_a_translation_that_opens_with_a_term_opens_with_a_capital() -> None:
    from bilingual.glossary.stage import _capitalize_start
    from bilingual.model import Segment, TermHit

    moved = TermHit("t1", "power grid", 13, 23, "red eléctrica", "translate")
    segment = Segment("u1.s1", (Text("The island's power grid remains fragile."),), terms=(moved,))
    assert _capitalize_start((Text("red eléctrica de la isla"),), segment) == (Text("Red eléctrica de la isla"),)
    exact = TermHit("t2", "eBay", 0, 4, "eBay", "keep", case_sensitive=True)
    segment = Segment("u1.s2", (Text("eBay sold it."),), terms=(exact,))
    assert _capitalize_start((Text("eBay lo vendió"),), segment) == (Text("eBay lo vendió"),)
    title = TermHit("t3", "Chief Justice", 0, 13, "presidente de la Corte Suprema", "translate", case_sensitive=True)
    segment = Segment("u1.s3", (Text("Chief Justice Hale wrote."),), terms=(title,))
    assert _capitalize_start((Text("presidente de la Corte Suprema Hale"),), segment)[0] == Text(
        "Presidente de la Corte Suprema Hale"
    )


def test_a_form_with_a_typographic_apostrophe_is_the_form() -> None:
    """ "Aeropuerto Internacional O’Hare" was reported missing its form
    "Aeropuerto Internacional O'Hare", an error that failed the run."""
    from bilingual.glossary.stage import verify_terms

    hit = TermHit("t1", "O’Hare Airport", 0, 14, "Aeropuerto O'Hare", "translate", case_sensitive=True)
    assert verify_terms("u1.s1", (hit,), (Text("El Aeropuerto O’Hare cerró."),)) == []
    assert [i.check for i in verify_terms("u1.s1", (hit,), (Text("El aeropuerto cerró."),))] == [
        "glossary-term-missing"
    ]


def test_a_term_matched_as_written_may_translate_to_words_that_open_a_sentence(tmp_path: Path) -> None:
    """ "IPC" (matched only as written) -> "consumer price index": a sentence
    opening with it was left in small letters, and a quotation opening with
    it (capitalised) was reported as missing the term."""
    glossary = _write(tmp_path, "g.csv", "en,es,case_sensitive\nconsumer price index,IPC,yes\n")
    body = "<p>IPC y salarios suben juntos.</p><p>«IPC: la inflación sube», dijo.</p><p>El IPC sube.</p>"
    page = tmp_path / "ipc.html"
    page.write_text(f"<html lang='es'><body><article><h1>Precios</h1>{body}</article></body></html>")
    result = run_translate([str(page)], Settings(output_dir=tmp_path / "out", engine="fake", glossaries=(glossary,)))
    document = result.reports[0].document
    assert document is not None
    targets = [plain_text(s.target or ()) for s in document.segments]
    assert targets[1].startswith("Consumer price index ") and targets[2].startswith("«Consumer price index: ")
    assert " consumer price index " in targets[3]  # (in the middle: as the glossary writes it)
    assert [i.check for s in document.segments for i in s.issues if i.check.startswith("glossary")] == []


def test_term_hits_are_marked_in_xliff_and_the_bilingual_page(tmp_path: Path) -> None:
    run_translate(
        [str(ROOT / "input" / "cuba-us-migration-talks.html")],
        Settings(output_dir=tmp_path, engine="fake", glossaries=(GLOSSARY,)),
    )
    xliff = (tmp_path / "cuba-us-migration-talks.en-es.xlf").read_text(encoding="utf-8")
    assert '<mrk mtype="term"' in xliff and ">MinRex</mrk>" in xliff
    page = (tmp_path / "cuba-us-migration-talks.bilingual.html").read_text(encoding="utf-8")
    assert page.count('<abbr class="term"') >= 40
    assert "title=\"keep: MinRex — Cuba's Ministry of Foreign Relations" in page  # the rule, then its note
    # The review table lists each segment's hits as text, for the keyboard
    # and screen readers (a tooltip reaches neither).
    from lxml import html as lxml_html

    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    rows = lxml_html.fromstring(page).xpath("//table[@class='segments']/tbody/tr")
    listed = [hit.text_content() for row in rows for hit in row.xpath("./td[@class='terms']/span")]
    assert len(listed) == report["articles"][0]["counts"]["glossary_hits"]
    assert "MinRex → MinRex keep" in listed
    assert "Department of State → Departamento de Estado translate" in listed


def test_apply_glossary_records_provenance() -> None:
    glossary = load_glossaries([GLOSSARY])
    document = apply_glossary(read_document(ROOT / "input" / "cuba-us-migration-talks.html", Settings()), glossary)
    assert document.provenance.glossary.startswith("cuba-migration.csv sha256:")


def test_glossary_error_lists_all_errors(tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.csv", "en,es\n=a,b\n+c,d\n")
    with pytest.raises(GlossaryError) as info:
        load_glossaries([bad])
    assert str(info.value).count("error:") == 2


# --- the term-dense article ----------------------------------------------------------

DENSE = ROOT / "tests" / "data" / "glossary"


def _expected_counts() -> dict[str, dict[int, int]]:
    """Per direction, term line -> occurrences, from the corpus README table."""
    counts: dict[str, dict[int, int]] = {"en": {}, "es": {}}
    for row in (DENSE / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) >= 7 and cells[0].isdigit():
            counts["en"][int(cells[0])] = int(cells[5])
            counts["es"][int(cells[0])] = int(cells[6])
    return counts


@pytest.mark.parametrize("engine", ["fake", pytest.param("apertium", marks=[requires_apertium, pytest.mark.apertium])])
def test_dense_article_every_term_in_its_form_with_every_action(engine: str, tmp_path: Path) -> None:
    glossary = DENSE / "dense-terms.csv"
    result = run_translate(
        [str(DENSE / "dense-terms.html"), str(DENSE / "dense-terms.es.html")],
        Settings(output_dir=tmp_path, engine=engine, glossaries=(glossary,)),
    )
    expected = _expected_counts()
    for report in result.reports:
        document = report.document
        assert document is not None, report.error
        visible = [
            s
            for u in document.units
            if u.role
            in ("title", "standfirst", "byline", "date", "heading", "paragraph", "list-item", "quote", "caption")
            for s in u.segments
        ]
        found: dict[int, int] = {}
        for segment in visible:
            for term in segment.terms:
                line = int(term.term_id[1:]) + 1
                found[line] = found.get(line, 0) + 1
        assert found == expected[document.source_lang]
        assert sum(found.values()) >= 50 if document.source_lang == "en" else sum(found.values()) >= 40
        assert {t.action for s in visible for t in s.terms} == {"keep", "translate", "expand-first"}
        problems = [i for i in document.all_issues() if i.check.startswith(("glossary", "placeholder"))]
        assert problems == []


def test_compiled_glossary_cache_gives_the_same_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    text = "The State Department and MinRex discussed the CFRP in Havana."
    cold = load_glossaries([GLOSSARY])
    first = [(m.text, m.entry.target) for m in cold.directed("en", "es").find(text)]
    assert list((tmp_path / "cache" / "bilingual" / "glossaries").glob("*.pickle"))
    warm = load_glossaries([GLOSSARY])
    assert warm.terms == cold.terms
    assert [(m.text, m.entry.target) for m in warm.directed("en", "es").find(text)] == first
    assert len(first) == 4
    changed = tmp_path / "g.csv"
    changed.write_bytes(GLOSSARY.read_bytes().replace(b"Departamento de Estado,", b"Secretaria de Estado,", 1))
    assert ("State Department", "Secretaria de Estado") in [
        (m.text, m.entry.target) for m in load_glossaries([changed]).directed("en", "es").find(text)
    ]


def test_placeholders_are_found_in_engine_output_by_their_exact_number() -> None:
    from bilingual.mt.base import Slot
    from bilingual.mt.codec import Run, _split_slots

    slots = {key: Slot(key, (Text(key.lower()),)) for key in ("XXTERM1X", "XXTERM12X")}
    events = _split_slots([Run("a XXTERM12X b XXTERM1X, XXTERM7X XTERM1X")], slots)
    assert [getattr(e, "key", None) or e.text for e in events] == [  # type: ignore[union-attr]
        "a ",
        "XXTERM12X",
        " b ",
        "XXTERM1X",
        ", XXTERM7X XTERM1X",  # no slot 7; another prefix: text
    ]
