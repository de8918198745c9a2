"""The batch around the stages: when each direction's engine is made,
started and closed, and what happens when it cannot be made."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilingual.batch as batch
from bilingual.batch import run_translate
from bilingual.config import Settings
from bilingual.errors import EngineUnavailableError
from conftest import ROOT
from helpers import IdentityTranslator

ES_PAGE = ROOT / "input" / "cuba-eeuu-conversaciones-migratorias.html"
EN_PAGE = ROOT / "input" / "cuba-us-migration-talks.html"


class _Recording(IdentityTranslator):
    def __init__(self, source: str, target: str, events: list[tuple[str, ...]]):
        super().__init__(source, target)
        self.events = events
        events.append(("make", source, target))

    def start(self) -> None:
        self.events.append(("start", self.info.source_lang, self.info.target_lang))

    def translate_batch(self, texts: list[str]) -> list[str]:
        self.events.append(("translate", self.info.source_lang, self.info.target_lang))
        return super().translate_batch(texts)

    def close(self) -> None:
        self.events.append(("close", self.info.source_lang, self.info.target_lang))


def test_each_engine_starts_once_right_after_the_first_article_in_its_direction_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, ...]] = []
    read = batch.read_document

    def recording_read(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        events.append(("read", Path(path).name))
        return read(path, *args, **kwargs)

    monkeypatch.setattr(batch, "read_document", recording_read)
    (tmp_path / "in").mkdir()  # read in name order: two Spanish articles and an English one
    for page in (ES_PAGE, EN_PAGE):
        (tmp_path / "in" / page.name).write_bytes(page.read_bytes())
    (tmp_path / "in" / "another.html").write_bytes(ES_PAGE.read_bytes())
    result = run_translate(
        [str(tmp_path / "in")],
        Settings(output_dir=tmp_path / "out", engine="fake"),
        translator_factory=lambda s, t: _Recording(s, t, events),
    )
    assert [r.status for r in result.reports] == ["ok", "ok", "ok"]
    assert events[:7] == [
        ("read", "another.html"),
        ("make", "es", "en"),
        ("start", "es", "en"),
        ("read", ES_PAGE.name),
        ("read", EN_PAGE.name),
        ("make", "en", "es"),
        ("start", "en", "es"),
    ]
    assert sorted(events[7:]) == sorted(
        [("translate", "es", "en"), ("translate", "en", "es"), ("close", "es", "en"), ("close", "en", "es")]
    )
    assert events.index(("close", "es", "en")) > events.index(("translate", "es", "en"))


def test_an_engine_that_cannot_be_made_stops_the_run_before_anything_is_written(tmp_path: Path) -> None:
    def unavailable(source: str, target: str) -> IdentityTranslator:
        raise EngineUnavailableError(f"no engine for {source}->{target}")

    with pytest.raises(EngineUnavailableError, match="no engine for en->es"):
        run_translate([str(EN_PAGE)], Settings(output_dir=tmp_path / "out"), translator_factory=unavailable)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
