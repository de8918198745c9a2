"""The Argos engine, end to end, with small model packages built here: a copy
model (its translation equals its input) and a random-weight model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from argos_models import build_package
from bilingual.content import same_content
from bilingual.formats.xliff12 import read_xliff12
from bilingual.model import Code, Text
from bilingual.mt.alignment import Tagged, Token, parse_tagged, project, render_tagged
from conftest import DATA, ROOT, run_cli

GLOSSARY = ROOT / "glossaries" / "cuba-migration.csv"


@pytest.fixture(scope="session")
def argos_home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A private Argos home with copy models for both directions and a
    random-weight en->es model installed beside them under another name."""
    root = tmp_path_factory.mktemp("argos")
    env = {name: str(root / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env["HOME"] = str(root / "home")
    copy_en_es = build_package(root / "copy-en_es.argosmodel", mode="copy")
    copy_es_en = build_package(
        root / "copy-es_en.argosmodel",
        mode="copy",
        from_code="es",
        from_name="Spanish",
        to_code="en",
        to_name="English",
    )
    result = run_cli("models", "install", "en", "es", "--from-file", str(copy_en_es), env=env)
    assert result.returncode == 0, result.stderr
    assert "installed en->es 0.0.1" in result.stdout
    result = run_cli("models", "install", "es", "en", "--from-file", str(copy_es_en), env=env)
    assert result.returncode == 0, result.stderr
    return env


@pytest.fixture(scope="session")
def random_home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("argos-random")
    env = {name: str(root / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env["HOME"] = str(root / "home")
    package = build_package(root / "random-en_es.argosmodel", mode="random", layers=2, d_model=64, heads=2, ffn=128)
    result = run_cli("models", "install", "en", "es", "--from-file", str(package), env=env)
    assert result.returncode == 0, result.stderr
    return env


def _segments(xlf: Path) -> list:
    return read_xliff12(xlf.read_bytes(), str(xlf)).segments


def test_models_list_and_engines_show_the_packages(argos_home: dict[str, str]) -> None:
    listed = run_cli("models", "list", env=argos_home)
    assert listed.returncode == 0
    assert "en->es  0.0.1" in listed.stdout and "es->en  0.0.1" in listed.stdout
    engines = run_cli("engines", env=argos_home)
    assert "argos     available  en->es 0.0.1, es->en 0.0.1" in engines.stdout
    assert engines.stdout.startswith("apertium")


def test_copy_model_gives_every_segment_its_source_back(argos_home: dict[str, str], tmp_path: Path) -> None:
    result = run_cli("translate", "input/", "-o", str(tmp_path), "--engine", "argos", env=argos_home)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    for article in report["articles"]:
        assert article["engine"]["name"] == "argos"
        assert article["engine"]["model"].startswith("translate-")
        assert "argos package 0.0.1" in article["engine"]["model"]
    for xlf in tmp_path.glob("*.xlf"):
        segments = _segments(xlf)
        assert len(segments) > 20
        for segment in segments:
            assert segment.target is not None
            assert same_content(segment.target, segment.source), segment.id
        header = etree.parse(str(xlf)).getroot()
        notes = " ".join(header.itertext())
        assert "model: translate-" in notes


def test_copy_model_with_glossary_restores_terms_and_codes(argos_home: dict[str, str], tmp_path: Path) -> None:
    result = run_cli(
        "translate",
        "input/cuba-us-migration-talks.html",
        "-o",
        str(tmp_path),
        "--engine",
        "argos",
        "-g",
        str(GLOSSARY),
        env=argos_home,
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    checks = report["articles"][0]["counts"]["issues_by_check"]
    assert "glossary-term-missing" not in checks and "placeholder-lost" not in checks and "tag-moved" not in checks
    page = (tmp_path / "cuba-us-migration-talks.es.html").read_text(encoding="utf-8")
    assert "Departamento de Estado" in page and "MinRex" in page
    assert (
        '<a href="https://www.state.gov/biographies/emily-mendrala/" target="_blank" rel="noopener">Emily Mendrala</a>'
        in page
    )


def test_tokenizer_traps_come_back_byte_identical(argos_home: dict[str, str], tmp_path: Path) -> None:
    tricky = (
        "Read the rules at https://example.org/a_b/c_d?x=1&amp;y=2 or write to press_desk@example.com today. "
        "About 20,000 people paid ½ price for tickets at 1.234.567,89 pesos. "
        "Run <code>make_demo --fast</code> with the flag my_var set, said Ana. "
        "Two  spaces\tand a tab stay as typed."
    )
    page = tmp_path / "tricky.html"
    page.write_text(
        f"<html lang='en'><body><article><h1>Tricky text</h1><p>{tricky}</p></article></body></html>", encoding="utf-8"
    )
    result = run_cli("translate", str(page), "-o", str(tmp_path / "out"), "--engine", "argos", env=argos_home)
    assert result.returncode in (0, 1), result.stderr
    for segment in _segments(tmp_path / "out" / "tricky.en-es.xlf"):
        assert same_content(segment.target, segment.source), (segment.source, segment.target)


def test_long_segments_are_split_at_clauses_and_joined_back(argos_home: dict[str, str], tmp_path: Path) -> None:
    clause = "the delegation met the officials in the city, "
    long_sentence = "On Monday " + clause * 40 + "and then it ended."
    page = tmp_path / "long.html"
    page.write_text(
        f"<html lang='en'><body><article><h1>Long</h1><p>{long_sentence}</p>"
        f"<p>{'word ' * 400}without any clause boundary</p></article></body></html>",
        encoding="utf-8",
    )
    result = run_cli("translate", str(page), "-o", str(tmp_path / "out"), "--engine", "argos", env=argos_home)
    assert result.returncode in (0, 1), result.stderr
    segments = _segments(tmp_path / "out" / "long.en-es.xlf")
    joined = next(s for s in segments if "On Monday" in "".join(i.text for i in s.source if isinstance(i, Text)))
    assert same_content(joined.target, joined.source)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    checks = report["articles"][0]["counts"]["issues_by_check"]
    assert checks.get("segment-split") == 1
    assert checks.get("segment-too-long") == 1


def test_random_model_still_gives_every_segment_a_target_or_an_issue(
    random_home: dict[str, str], tmp_path: Path
) -> None:
    page = tmp_path / "short.html"
    page.write_text(
        "<html lang='en'><body><article><h1>Havana talks</h1><p>The <a href='/x'>State Department</a> said "
        "<em>MinRex</em> met the CFRP team in Havana.</p><p>Visas resume <b>in January</b>, the "
        "U.S. Embassy in Havana said.<br>More soon.</p></article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli(
        "translate",
        str(page),
        "-o",
        str(out),
        "--engine",
        "argos",
        "-g",
        str(GLOSSARY),
        "--fail-on",
        "never",
        env=random_home,
    )
    assert result.returncode == 0, result.stderr
    segments = _segments(out / "short.en-es.xlf")
    assert len(segments) >= 4
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    flagged = {i["segment"] for i in report["articles"][0]["issues"]}
    for segment in segments:
        assert segment.target is not None
        source_codes = sorted((c.kind, c.id) for c in segment.source if isinstance(c, Code))
        target_codes = sorted((c.kind, c.id) for c in segment.target if isinstance(c, Code))
        assert source_codes == target_codes or segment.id in flagged
    assert 'mtype="term"' in (out / "short.en-es.xlf").read_text(encoding="utf-8")
    assert report["articles"][0]["counts"]["glossary_hits"] >= 4


def test_no_network_at_translation_time(argos_home: dict[str, str], tmp_path: Path) -> None:
    code = f"""
import socket
def refuse(*args, **kwargs):
    raise OSError("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from bilingual.batch import run_translate
from bilingual.config import Settings
result = run_translate([{str(ROOT / "input")!r}], Settings(output_dir=__import__("pathlib").Path({str(tmp_path)!r}),
                       engine="argos"))
print(result.exit_code, [r.status for r in result.reports])
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env={**os.environ, **argos_home}
    )
    assert done.returncode == 0, done.stderr
    assert "['ok', 'ok']" in done.stdout


def test_install_failure_offline_names_the_file_and_the_from_file_command(tmp_path: Path) -> None:
    env = {name: str(tmp_path / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env["ARGOS_PACKAGE_INDEX"] = "http://127.0.0.1:9/"  # nothing listens there
    result = run_cli("models", "install", "en", "es", env=env)
    assert result.returncode == 69
    assert "translate-en_es" in result.stderr and "--from-file" in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1


def test_engine_argos_without_packages_exits_69(tmp_path: Path) -> None:
    env = {name: str(tmp_path / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    result = run_cli("translate", "input/", "-o", str(tmp_path / "out"), "--engine", "argos", env=env)
    assert result.returncode == 69
    assert "bilingual models install" in result.stderr and "--from-file" in result.stderr


def test_auto_picks_argos_when_installed_and_apertium_otherwise(argos_home: dict[str, str], tmp_path: Path) -> None:
    with_argos = run_cli("translate", "input/cuba-us-migration-talks.html", "-o", str(tmp_path / "a"), env=argos_home)
    assert with_argos.returncode in (0, 1), with_argos.stderr
    report = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    assert report["articles"][0]["engine"]["name"] == "argos"
    env = {name: str(tmp_path / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    without = run_cli("translate", "input/cuba-us-migration-talks.html", "-o", str(tmp_path / "b"), env=env)
    report = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert report["articles"][0]["engine"]["name"] == "apertium", without.stderr


def test_auto_without_any_engine_exits_69_with_both_instructions(monkeypatch: pytest.MonkeyPatch) -> None:
    from bilingual.config import Settings
    from bilingual.errors import EngineUnavailableError
    from bilingual.mt import apertium, argos, registry

    monkeypatch.setattr(argos, "argos_pair_installed", lambda s, t: False)
    monkeypatch.setattr(apertium, "apertium_available", lambda s, t: False)
    with pytest.raises(EngineUnavailableError) as info:
        registry.create_translator("auto", "en", "es", Settings())
    assert info.value.exit_code == 69
    assert "bilingual models install en es" in str(info.value) and "apertium-eng-spa" in str(info.value)


# --- alignment, without a model ------------------------------------------------------


def test_tags_follow_the_words_they_were_aligned_to() -> None:
    source = parse_tagged("the <g1>red</g1> house<x2/>")
    assert source.text == "the red house" and source.spans == [("g1", 4, 7)] and source.points == [("x2", 13)]
    src_tokens = [Token(0, 3, True), Token(3, 7, True), Token(7, 13, True)]
    target = "la casa roja"
    tgt_tokens = [Token(0, 2, True), Token(2, 7, True), Token(7, 12, True)]
    placed, lost = project(source, src_tokens, target, tgt_tokens, alignment=[0, 2, 1])
    assert lost == []
    assert render_tagged(placed) == "la casa <g1>roja</g1><x2/>"


def test_render_and_parse_are_inverse() -> None:
    tagged = Tagged("a < b & c", spans=[("g1", 0, 5), ("t2", 8, 9)], points=[("x3", 9)])
    again = parse_tagged(render_tagged(tagged))
    assert (again.text, sorted(again.spans), again.points) == (tagged.text, sorted(tagged.spans), tagged.points)


def test_fixture_data_exists() -> None:
    assert (DATA / "golden" / "article.html").is_file()


@pytest.mark.parametrize("compute_type", ["float32", "int8"])
@pytest.mark.parametrize("beam_size", [1, 4])
def test_copy_model_output_equals_its_input(argos_home: dict[str, str], beam_size: int, compute_type: str) -> None:
    """The test package itself, loaded as the engine loads it: CTranslate2
    gives back the input tokens exactly, greedy and beam, float and int8."""
    import ctranslate2
    import sentencepiece

    packages = Path(argos_home["XDG_DATA_HOME"]) / "argos-translate" / "packages"
    [package] = [p for p in packages.iterdir() if p.name.startswith("translate-en_es")]
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    model = ctranslate2.Translator(str(package / "model"), compute_type=compute_type, intra_threads=1)
    sentences = [
        "Cuban and American delegations met in Havana on Tuesday.",
        "The talks reviewed the migration agreements, visas and the family reunification program.",
        "Officials said the next round would take place in Washington.",
    ]
    tokens = [tokenizer.encode(s, out_type=str) for s in sentences]
    # replace_unknowns as the engine decodes: a piece outside the tiny vocabulary is copied back
    results = model.translate_batch(tokens, beam_size=beam_size, max_decoding_length=256, replace_unknowns=True)
    assert [r.hypotheses[0] for r in results] == tokens
