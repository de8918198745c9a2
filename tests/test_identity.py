"""Read -> identity engine -> write gives back the page unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.config import Settings
from bilingual.formats.html_writer import render_translated_html
from bilingual.mt import translate_documents
from bilingual.pipeline import read_document
from conftest import DATA, ROOT
from helpers import IdentityTranslator

PAGES = [*sorted((ROOT / "input").glob("*.html")), DATA / "golden" / "article.html"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_identity_translation_gives_back_the_page(page: Path) -> None:
    document = read_document(page, Settings())
    translator = IdentityTranslator(document.source_lang, document.target_lang)
    [translated] = translate_documents([document], translator)
    assert all(s.target is not None for s in translated.segments)
    rendered = render_translated_html(translated, remove_scripts=False, page_edits=False)
    assert rendered == document.skeleton.source


SNIPPETS = sorted((DATA / "snippets").glob("*.html"))


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda p: p.name)
def test_identity_on_tricky_snippets(snippet: Path) -> None:
    document = read_document(snippet, Settings())
    assert document.segments, "the reader found no article text"
    translator = IdentityTranslator(document.source_lang, document.target_lang)
    [translated] = translate_documents([document], translator)
    rendered = render_translated_html(translated, remove_scripts=False, page_edits=False)
    assert rendered == document.skeleton.source


def test_there_are_at_least_40_snippets() -> None:
    assert len(SNIPPETS) >= 40


def test_identity_on_a_page_nested_deeper_than_browsers_nest(tmp_path: Path) -> None:
    """Past the depth where elements stop nesting, every unit is still
    written back in its place."""
    page = tmp_path / "unclosed.html"
    boxes = "".join(
        f'<div class="box"><b>Note {i}</b> <p>Paragraph {i}, in a box never closed.</p>' for i in range(1200)
    )
    page.write_text(f"<html><body><article><h1>Unclosed boxes</h1>{boxes}</article></body></html>", encoding="utf-8")
    document = read_document(page, Settings())
    assert len(document.segments) > 1200
    translator = IdentityTranslator(document.source_lang, document.target_lang)
    [translated] = translate_documents([document], translator)
    rendered = render_translated_html(translated, remove_scripts=False, page_edits=False)
    assert rendered == document.skeleton.source
