"""Golden files for every writer, made with the deterministic fake engine.
Update on purpose with ``pytest --update-golden`` and read the diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from bilingual.batch import run_translate
from bilingual.config import Settings
from conftest import DATA, ROOT

GOLDEN = ROOT / "tests" / "golden"
OUTPUTS = ["article.es.html", "article.bilingual.html", "article.en-es.xlf", "article.en-es.tmx"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden")
    settings = Settings(output_dir=out, engine="fake")
    result = run_translate([str(DATA / "golden" / "article.html")], settings)
    assert result.exit_code in (0, 1)
    return out


def _canonical(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix in (".xlf", ".tmx"):
        return etree.canonicalize(data.decode("utf-8"))
    return data.decode("utf-8")


def _normalize_paths(text: str) -> str:
    return text.replace(str(ROOT) + "/", "")


@pytest.mark.parametrize("name", OUTPUTS)
def test_writer_output_matches_golden(outputs: Path, name: str, update_golden: bool) -> None:
    produced = _normalize_paths(_canonical(outputs / name))
    golden = GOLDEN / name
    if update_golden:
        golden.write_text(produced, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}; run pytest --update-golden"
    assert produced == golden.read_text(encoding="utf-8")
