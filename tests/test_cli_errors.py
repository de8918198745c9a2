"""Bad input: a one-line message naming the file, the documented exit code,
and nothing half-written."""

from __future__ import annotations

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
    assert result.returncode == 3  # the batch finished; this file failed
    line = _one_line(result.stderr)
    assert str(empty) in line and "empty" in line
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.json"]


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
