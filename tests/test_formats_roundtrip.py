"""Round trips: document -> XLIFF (1.2 and 2.1) / TMX -> segments gives back
ids, sources, targets, inline codes and states; every file validates."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.content import normalize
from bilingual.formats.tmx import read_tmx, write_tmx
from bilingual.formats.xliff12 import read_xliff12, write_xliff12
from bilingual.formats.xliff21 import read_xliff21, write_xliff21
from bilingual.model import Code, Document, Gap, Segment, TermHit, Text, TextUnit
from validation import assert_valid_tmx, assert_valid_xliff12, assert_valid_xliff21

WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"),
    min_size=1,
    max_size=12,
)
TAGS = [
    ("a", '<a href="/x?a=1&amp;b=2">', "</a>"),
    ("em", "<em>", "</em>"),
    ("b", "<B class=x>", "</B>"),
    ("span", "<span lang='es'>", "</span>"),
]
STATES = ["new", "needs-review", "translated", "reviewed", "final"]


@st.composite
def contents(draw: st.DrawFn, first_id: int) -> tuple:
    """Text with codes: nested pairs, misnested pairs, isolated and empty codes."""
    items: list = []
    next_id = first_id
    opened: list[tuple[int, str, str]] = []
    for _ in range(draw(st.integers(1, 8))):
        choice = draw(st.integers(0, 9))
        if choice <= 4:
            items.append(Text(draw(WORDS)))
        elif choice <= 6:
            name, start, end = draw(st.sampled_from(TAGS))
            items.append(Code("open", next_id, name, start))
            opened.append((next_id, name, end))
            next_id += 1
        elif choice == 7 and opened:
            index = draw(st.integers(0, len(opened) - 1))  # not always the innermost: misnesting
            code_id, name, end = opened.pop(index)
            items.append(Code("close", code_id, name, end))
        elif choice == 8:
            items.append(Code("empty", next_id, "br", draw(st.sampled_from(["<br>", "<br/>", "<BR />"]))))
            next_id += 1
        else:
            items.append(Code("close", next_id, "i", "</i>"))  # an isolated closing tag
            next_id += 1
    return tuple(items)


@st.composite
def term_hits(draw: st.DrawFn, source: tuple) -> tuple:
    """Glossary hits over a source's text, some across its codes."""
    text = "".join(i.text for i in source if isinstance(i, Text))
    hits: list[TermHit] = []
    for start in sorted(set(draw(st.lists(st.integers(0, max(len(text) - 1, 0)), max_size=3)))):
        end = min(len(text), start + draw(st.integers(1, 8)))
        if end > start and not (hits and start < hits[-1].end):
            hits.append(TermHit(f"t{start}", text[start:end], start, end, "x", "keep", draw(WORDS)))
    return tuple(hits)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    units = []
    for u in range(1, draw(st.integers(1, 4)) + 1):
        parts = []
        code_base = 1
        for s in range(1, draw(st.integers(1, 3)) + 1):
            source = draw(contents(code_base))
            code_base += 100
            target = draw(st.one_of(st.none(), contents(code_base)))
            code_base += 100
            state = draw(st.sampled_from(STATES)) if target is not None else "new"
            origin = draw(st.sampled_from(["mt", "memory", "reviewed", None])) if target is not None else None
            terms = draw(term_hits(source))
            parts.append(Segment(f"u{u}.s{s}", source, target, origin, state, terms))  # type: ignore[arg-type]
            parts.append(Gap((Text(" "),)))
        units.append(TextUnit(f"u{u}", "p", tuple(parts[:-1])))
    return Document("input/x.html", "en", "es", tuple(units))


def _expected(document: Document) -> list[tuple]:
    return [
        (s.id, normalize(s.source), normalize(s.target) if s.target is not None else None, s.state)
        for s in document.segments
    ]


def _got(segments: list) -> list[tuple]:
    return [
        (s.id, normalize(s.source), normalize(s.target) if s.target is not None else None, s.state) for s in segments
    ]


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(documents())
def test_xliff12_round_trip(schemas: Path, document: Document) -> None:
    data = write_xliff12(document)
    assert_valid_xliff12(data, schemas)
    assert _got(read_xliff12(data, "x.xlf").segments) == _expected(document)


@SETTINGS
@given(documents())
def test_xliff21_round_trip(schemas: Path, document: Document) -> None:
    data = write_xliff21(document)
    assert_valid_xliff21(data, schemas)
    back = read_xliff21(data, "x.xlf")
    assert _got(back.segments) == _expected(document)
    assert [s.origin for s in back.segments] == [s.origin for s in document.segments]


@SETTINGS
@given(documents())
def test_tmx_round_trip(schemas: Path, document: Document) -> None:
    data = write_tmx(document, "1.0")
    assert_valid_tmx(data, schemas)
    source_lang, pairs = read_tmx(data, "x.tmx")
    assert source_lang == "en"
    translated = [s for s in document.segments if s.target is not None]
    assert [(p.id.split(":")[-1], normalize(p.source), normalize(p.target)) for p in pairs] == [
        (s.id, normalize(s.source), normalize(s.target)) for s in translated
    ]


def test_a_paragraph_of_thousands_of_text_runs_goes_through_every_stage(tmp_path: Path, schemas: Path) -> None:
    """Every entity reference and stray ``<`` is a text run of its own: a
    paragraph of thousands of them comes through the engine and both
    XLIFF versions whole (runs once joined one at a time took quadratic
    time here: minutes for such a page)."""
    from bilingual.config import Settings
    from bilingual.content import plain_text
    from bilingual.mt import translate_documents
    from bilingual.pipeline import read_document
    from helpers import IdentityTranslator

    runs = 6000
    page = tmp_path / "runs.html"
    body = "a &lt; b &amp; c < d " * runs
    page.write_text(f"<html><body><article><h1>Runs</h1><p>{body}</p></article></body></html>", encoding="utf-8")
    document = read_document(page, Settings())
    [translated] = translate_documents([document], IdentityTranslator())
    [paragraph] = [s for s in translated.segments if len(plain_text(s.source)) > 1000]
    assert plain_text(paragraph.target) == ("a < b & c < d " * runs).strip()
    for write, read, valid in (
        (write_xliff12, read_xliff12, assert_valid_xliff12),
        (write_xliff21, read_xliff21, assert_valid_xliff21),
    ):
        data = write(translated)
        valid(data, schemas)
        back = {s.id: s for s in read(data, "runs.xlf").segments}[paragraph.id]
        assert plain_text(back.source) == plain_text(paragraph.source)
        assert plain_text(back.target) == plain_text(paragraph.target)


def test_a_set_of_outputs_that_cannot_all_be_replaced_keeps_the_earlier_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that may not be replaced (immutable, say) after two that were:
    the article's outputs were half old, half new."""
    import os

    import bilingual.formats as formats
    from bilingual.errors import OutputError

    paths = [tmp_path / name for name in ("a.html", "a.xlf", "a.tmx")]
    for path in paths[:2]:
        path.write_text("earlier", encoding="utf-8")
    blocked = paths[1]
    real_replace = os.replace

    def replace(source: str, target: str | Path) -> None:
        if Path(target) == blocked and not str(source).endswith(".old"):  # (its new content may not go in)
            raise PermissionError(1, "Operation not permitted")
        real_replace(source, target)

    monkeypatch.setattr(formats.os, "replace", replace)
    with pytest.raises(OutputError, match="Operation not permitted"):
        formats.write_all({path.name: (path, b"new") for path in paths})
    assert [p.read_text(encoding="utf-8") if p.exists() else None for p in paths] == ["earlier", "earlier", None]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "a.xlf"]  # nothing staged or kept is left
