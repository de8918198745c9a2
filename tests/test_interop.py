"""A real client reads our files: translate-toolkit finds the same source and
target pairs in our XLIFF 1.2 and TMX."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.batch import run_translate
from bilingual.config import Settings
from bilingual.model import Content, Text
from conftest import ROOT

xliff = pytest.importorskip(
    "translate.storage.xliff", reason="translate-toolkit is a test dependency (pip install .[test])"
)
tmx = pytest.importorskip(
    "translate.storage.tmx", reason="translate-toolkit is a test dependency (pip install .[test])"
)


def _flat(content: Content) -> str:
    """Text and original markup, as translate-toolkit renders inline codes."""
    return "".join(i.text if isinstance(i, Text) else i.markup for i in content)


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    out = tmp_path_factory.mktemp("interop")
    result = run_translate(
        [str(ROOT / "input" / "cuba-us-migration-talks.html")],
        Settings(output_dir=out, engine="fake", glossaries=(ROOT / "glossaries" / "cuba-migration.csv",)),
    )
    [report] = result.reports
    assert report.document is not None
    return out, list(report.document.segments)


def test_translate_toolkit_reads_our_xliff(translated: tuple[Path, list]) -> None:
    out, segments = translated
    store = xliff.xlifffile.parsestring((out / "cuba-us-migration-talks.en-es.xlf").read_bytes())
    units = [u for u in store.units if u.getid()]
    assert [u.getid().split("\x04")[-1] for u in units] == [s.id for s in segments]
    for unit, segment in zip(units, segments, strict=True):
        assert unit.source == _flat(segment.source)
        assert unit.target == _flat(segment.target)


def test_translate_toolkit_reads_our_tmx(translated: tuple[Path, list]) -> None:
    out, segments = translated
    store = tmx.tmxfile.parsestring((out / "cuba-us-migration-talks.en-es.tmx").read_bytes())
    pairs = [(u.source, u.target) for u in store.units]
    assert pairs == [(_flat(s.source), _flat(s.target)) for s in segments]
