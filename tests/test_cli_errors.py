"""Bad input: a one-line message naming the file, the documented exit code,
and nothing half-written."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from conftest import run_cli


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_missing_input_exits_66_naming_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.html"
    result = run_cli("translate", str(missing), "-o", str(tmp_path / "out"), "--engine", "fake")
    assert result.returncode == 66
    line = _one_line(result.stderr)
    assert str(missing) in line and "error" in line
    assert not (tmp_path / "out").exists()


def test_empty_file_fails_that_article_with_65_in_its_report(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = run_cli("translate", str(empty), "-o", str(tmp_path / "out"), "--engine", "fake")
    assert result.returncode == 65  # one article alone: its own code (a batch exits 3)
    line = _one_line(result.stderr)
    assert str(empty) in line and "empty" in line
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.json"]


def test_an_article_in_another_language_fails_that_article_naming_the_language(tmp_path: Path) -> None:
    """A French page would have gone through the Spanish engine as Spanish."""
    french = tmp_path / "greve.html"
    french.write_text(
        "<html><body><article><h1>La grève</h1><p>Le gouvernement a annoncé lundi qu'il ne va pas augmenter "
        "les impôts, et le ministre est sûr que la réforme des retraites sera votée avant l'été dans une "
        "version plus douce.</p></article></body></html>",
        encoding="utf-8",
    )
    result = run_cli("translate", str(french), "-o", str(tmp_path / "out"), "--engine", "fake")
    assert result.returncode == 65
    line = _one_line(result.stderr)
    assert str(french) in line and "French, not English or Spanish" in line
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.json"]
    forced = run_cli("translate", str(french), "-o", str(tmp_path / "forced"), "--engine", "fake", "--from", "es")
    assert forced.returncode == 0, forced.stderr


def test_extract_of_an_empty_file_exits_65(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"   \n")
    result = run_cli("extract", str(empty))
    assert result.returncode == 65
    assert str(empty) in _one_line(result.stderr)


def test_unknown_engine_exits_2_with_the_choices(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text("<p>Hello there, this is a sentence.</p>", encoding="utf-8")
    result = run_cli("translate", str(page), "-o", str(tmp_path / "out"), "--engine", "babelfish")
    assert result.returncode == 2
    line = _one_line(result.stderr)
    assert "babelfish" in line and "apertium" in line
    assert not (tmp_path / "out").exists()


def test_one_bad_article_does_not_stop_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.html").write_bytes(b"")
    (folder / "good.html").write_text(
        "<html lang='en'><body><article><h1>Talks end</h1><p>The delegations met on Tuesday in Havana. "
        "They agreed to meet again.</p></article></body></html>",
        encoding="utf-8",
    )
    result = run_cli("translate", str(folder), "-o", str(tmp_path / "out"), "--engine", "fake")
    assert result.returncode == 3
    assert (tmp_path / "out" / "good.es.html").is_file()
    assert not list((tmp_path / "out").glob("bad.*"))
    assert "bad.html" in _one_line(result.stderr)


def test_parallel_workers_write_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for page in sorted(Path("tests/data/pages").glob("es_*.html"))[:4]:
        (folder / page.name).write_bytes(page.read_bytes())
    (folder / "broken.html").write_bytes(b"")
    one = run_cli("translate", str(folder), "-o", str(tmp_path / "one"), "--engine", "fake", "--fail-on", "never")
    two = run_cli(
        "translate", str(folder), "-o", str(tmp_path / "two"), "--engine", "fake", "--fail-on", "never", "--jobs", "2"
    )
    assert one.returncode == two.returncode == 3
    names = sorted(p.name for p in (tmp_path / "one").iterdir() if p.name != "report.json")
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir() if p.name != "report.json")
    assert len(names) == 16
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


ARTICLE = Path(__file__).resolve().parents[1] / "input" / "cuba-us-migration-talks.html"


def test_articles_with_the_same_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.html").write_bytes(ARTICLE.read_bytes())
    (tmp_path / "a" / "story.htm").write_bytes(ARTICLE.read_bytes())
    paths = [str(tmp_path / "a" / "story.html"), str(tmp_path / "b" / "story.html"), str(tmp_path / "a")]
    result = run_cli("translate", *paths, "-o", str(tmp_path / "out"), "--engine", "fake", "-q")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.name for p in (tmp_path / "out").glob("*.es.html"))
    assert pages == ["story-2.es.html", "story-3.es.html", "story.es.html"]  # a/story.html is read once


def test_an_article_that_cannot_be_written_leaves_none_of_its_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "cuba-us-migration-talks.en-es.xlf").mkdir(parents=True)  # a folder where a file must go
    result = run_cli("translate", str(ARTICLE), "-o", str(out), "--engine", "fake")
    assert result.returncode == 73
    assert "a folder of that name is in the way" in _one_line(result.stderr)
    assert sorted(p.name for p in out.iterdir()) == ["cuba-us-migration-talks.en-es.xlf", "report.json"]


def test_a_file_name_that_is_not_utf8_fails_only_that_article(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.html").write_bytes(ARTICLE.read_bytes())
    Path(os.fsdecode(bytes(folder) + b"/bad\xff.html")).write_bytes(ARTICLE.read_bytes())
    result = run_cli("translate", str(folder), "-o", str(tmp_path / "out"), "--engine", "fake", "-q")
    assert result.returncode == 3
    assert "file name is not valid UTF-8" in _one_line(result.stderr)
    assert (tmp_path / "out" / "ok.es.html").exists()
    report = (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
    assert "bad\ufffd.html" in report


def test_broken_links_and_a_mistyped_name_are_reported_and_the_rest_translated(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.html").write_bytes(ARTICLE.read_bytes())
    (folder / "broken.html").symlink_to(tmp_path / "nowhere.html")
    (folder / "loop.html").symlink_to(folder / "loop.html")
    typo = tmp_path / "typo.html"
    result = run_cli("translate", str(folder), str(typo), "-o", str(tmp_path / "out"), "--engine", "fake", "-q")
    assert result.returncode == 3
    errors = sorted(line for line in result.stderr.splitlines() if line.strip())
    assert len(errors) == 3
    assert [str(folder / "broken.html"), str(folder / "loop.html"), str(typo)] == [
        line.split(": ")[1] for line in errors
    ]
    assert (tmp_path / "out" / "ok.es.html").exists()


def test_a_device_or_pipe_given_as_a_page_or_glossary_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    result = run_cli("extract", str(fifo), timeout=30)
    assert result.returncode == 65 and str(fifo) in _one_line(result.stderr)
    result = run_cli("glossary", "check", "/dev/zero", timeout=30)  # reading it would never end
    assert result.returncode == 65 and "/dev/zero" in _one_line(result.stderr)


def test_a_charset_python_cannot_decode_text_with_is_ignored(tmp_path: Path) -> None:
    for name in ("undefined", "rot13", "base64"):
        page = tmp_path / f"{name}.html"
        page.write_bytes(
            f'<html><head><meta charset="{name}"></head><body><article><h1>Presupuesto</h1>'
            "<p>El Ayuntamiento aprob\xf3 el presupuesto con los votos de la mayor\xeda.</p>"
            "</article></body></html>".encode("latin-1")
        )
        result = run_cli("extract", str(page))
        assert result.returncode == 0, result.stderr
        assert "aprobó el presupuesto con los votos de la mayoría" in result.stdout


def test_a_translation_memory_that_is_not_ours_or_is_damaged(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        "<html lang='en'><body><article><h1>Talks end</h1><p>The delegations met on Tuesday in Havana.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    text = tmp_path / "notes.db"
    text.write_text("not a database", encoding="utf-8")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE entries (a, b)")
    for memory in (text, other):
        result = run_cli("translate", str(page), "-o", str(tmp_path / "out"), "--engine", "fake", "--tm", str(memory))
        assert result.returncode == 65 and str(memory) in _one_line(result.stderr)
        assert not (tmp_path / "out").exists()
    ours = tmp_path / "tm.db"
    assert (
        run_cli("translate", str(page), "-o", str(tmp_path / "o1"), "--engine", "fake", "--tm", str(ours)).returncode
        == 0
    )
    with sqlite3.connect(ours) as connection:
        connection.execute("UPDATE entries SET target = 'not json'")
    result = run_cli("translate", str(page), "-o", str(tmp_path / "o2"), "--engine", "fake", "--tm", str(ours))
    assert result.returncode == 0, result.stderr  # a damaged entry is not used: the segment is translated again
    assert "Thé délégátíóns" in (tmp_path / "o2" / "a.es.html").read_text(encoding="utf-8")


def test_an_output_folder_that_is_a_file_is_refused_before_any_work(tmp_path: Path) -> None:
    """Found when the report was written, it had cost the whole batch."""
    taken = tmp_path / "out"
    taken.write_text("not a folder", encoding="utf-8")
    for command in (("translate", str(ARTICLE)), ("publish", str(tmp_path / "missing.xlf"))):
        result = run_cli(
            *command, "-o", str(taken / "sub"), *(("--engine", "fake") if command[0] == "translate" else ())
        )
        assert result.returncode == 73
        assert _one_line(result.stderr) == f"bilingual: {taken}: error: is a file, not a folder for the outputs (-o)"
    assert taken.read_text(encoding="utf-8") == "not a folder"
