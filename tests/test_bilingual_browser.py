"""The bilingual page in a real browser (Debian's chromium, driven by Playwright).

The page is generated with the fake engine and the Cuba glossary, opened from
disk (file://) and checked as a reader would use it: the two columns line up,
hovering or focusing a sentence lights up its counterpart, the view buttons
work, narrow screens stack the languages, and nothing is fetched or executed
beyond the page's own inline script. Full-page screenshots of every view are
left in tests/artifacts/bilingual-page/ for a person to look at.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.is_file(),
        reason=f"Debian's chromium is not installed at {CHROMIUM} (make test installs it)",
    ),
]

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the Python playwright package is not installed (pip install playwright; no browser download needed)",
)

ARTICLE = "cuba-us-migration-talks"
WIDE = {"width": 1400, "height": 900}
NARROW = {"width": 400, "height": 900}
VIEWS = ("side", "interleaved", "target", "review")
LAUNCH_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Top and bottom edges of the two halves of every reading row, in page order.
PAIR_BOXES_JS = """
() => Array.from(document.querySelectorAll("article.reading .pair")).map(p => {
  const s = p.querySelector(":scope > .src").getBoundingClientRect();
  const t = p.querySelector(":scope > .tgt").getBoundingClientRect();
  return {unit: p.dataset.unit,
          src: {top: s.top, bottom: s.bottom, left: s.left, right: s.right, width: s.width, height: s.height},
          tgt: {top: t.top, bottom: t.bottom, left: t.left, right: t.right, width: t.width, height: t.height}};
})
"""

HIGHLIGHTED_JS = """
() => Array.from(document.querySelectorAll(".seg.hl")).map(e => ({
  seg: e.dataset.seg,
  side: e.closest(".src") ? "src" : e.closest(".tgt") ? "tgt" : "other",
}))
"""


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bilingual.batch import run_translate
    from bilingual.config import Settings

    out = tmp_path_factory.mktemp("bilingual-page")
    result = run_translate(
        [str(ROOT / "input" / f"{ARTICLE}.html")],
        Settings(output_dir=out, engine="fake", glossaries=(ROOT / "glossaries" / "cuba-migration.csv",)),
    )
    assert result.exit_code == 0, result
    path = out / f"{ARTICLE}.bilingual.html"
    assert path.is_file(), sorted(p.name for p in out.iterdir())
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    args = (["--no-sandbox"] if os.geteuid() == 0 else []) + LAUNCH_ARGS
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
        try:
            yield chromium
        finally:
            chromium.close()


class Opened:
    """A page opened in its own browser context, with every request it made."""

    def __init__(self, page: Any, requests: list[str]) -> None:
        self.page = page
        self.requests = requests


@pytest.fixture
def open_page(browser: Any, page_path: Path) -> Iterator[Any]:
    contexts: list[Any] = []
    errors: list[str] = []

    def _open(viewport: dict[str, int] = WIDE, color_scheme: str = "light") -> Opened:
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme, java_script_enabled=True)
        contexts.append(context)
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        before = len(errors)
        page.goto(page_path.as_uri(), wait_until="load")
        assert len(errors) == before, f"the page's script threw while loading: {errors[before:]}"
        return Opened(page, requests)

    yield _open
    for context in contexts:
        context.close()
    if errors:
        pytest.fail(f"the page's script threw: {errors}")


def pair_boxes(page: Any) -> list[dict[str, Any]]:
    boxes: list[dict[str, Any]] = page.evaluate(PAIR_BOXES_JS)
    assert len(boxes) >= 10, f"expected the article's blocks as .pair rows, found {len(boxes)}"
    return boxes


def highlighted(page: Any) -> list[dict[str, str]]:
    lit: list[dict[str, str]] = page.evaluate(HIGHLIGHTED_JS)
    return lit


def assert_only_lit(page: Any, seg_id: str) -> None:
    """Exactly the segment ``seg_id`` is lit, on both sides of the reading view."""
    lit = highlighted(page)
    assert lit, f"nothing highlighted for {seg_id}"
    others = sorted({x["seg"] for x in lit if x["seg"] != seg_id})
    assert not others, f"{seg_id} active but other segments are highlighted too: {others}"
    sides = sorted({x["side"] for x in lit} - {"other"})
    assert sides == ["src", "tgt"], f"{seg_id} highlighted only on {sides}"
    # Every rendering of the segment is lit, not just the first one found.
    total = page.locator(f'.seg[data-seg="{seg_id}"]').count()
    assert len(lit) == total, f"{len(lit)} of {total} copies of {seg_id} highlighted"
    # And the highlight is visible: both copies get a background (it fades in, so wait for it).
    try:
        page.wait_for_function(
            """id => Array.from(document.querySelectorAll('article.reading .seg[data-seg="' + id + '"]'))
                 .every(e => !['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(e).backgroundColor))""",
            arg=seg_id,
            timeout=2_000,
        )
    except sync_api.TimeoutError:
        pytest.fail(f"highlighted {seg_id} has no visible background")


def shown(locator: Any) -> dict[str, bool]:
    """``data-seg`` (or position) -> whether the browser renders it, for every match, in one round trip."""
    pairs = locator.evaluate_all(
        "els => els.map((e, i) => [e.dataset.seg || e.parentElement.dataset.unit || String(i), e.checkVisibility()])"
    )
    return dict(pairs)


def click_view(page: Any, view: str) -> None:
    page.locator(f'nav.views button[data-view="{view}"]').click()


# --------------------------------------------------------------------------- 1. columns


def test_side_by_side_pairs_are_level_with_target_on_the_right(open_page: Any) -> None:
    page = open_page(WIDE).page
    assert page.evaluate("document.body.dataset.view") == "side"
    boxes = pair_boxes(page)
    problems = []
    for box in boxes:
        src, tgt = box["src"], box["tgt"]
        if src["height"] == 0 or tgt["height"] == 0:
            problems.append(f"{box['unit']}: an empty half ({src['height']} / {tgt['height']} px high)")
        if abs(src["top"] - tgt["top"]) >= 1:
            problems.append(f"{box['unit']}: tops differ by {abs(src['top'] - tgt['top']):.1f}px")
        if tgt["left"] < src["right"]:
            problems.append(f"{box['unit']}: target starts at x={tgt['left']:.0f}, source ends at {src['right']:.0f}")
    assert not problems, "\n".join(problems)
    # Each row starts below the end of the previous one: no overlapping rows.
    for before, after in itertools.pairwise(boxes):
        bottom = max(before["src"]["bottom"], before["tgt"]["bottom"])
        assert after["src"]["top"] >= bottom - 1, f"{after['unit']} overlaps {before['unit']}"


def test_glossary_terms_are_marked_on_both_sides(open_page: Any) -> None:
    page = open_page(WIDE).page
    for side in ("src", "tgt"):
        terms = page.locator(f"article.reading .pair .{side} abbr.term[title]")
        assert terms.count() > 0, f"no glossary terms marked in .{side}"
        titles = terms.evaluate_all("els => els.map(e => e.title.trim())")
        assert all(titles), f"a glossary term in .{side} has an empty title"
        assert terms.first.is_visible()


# --------------------------------------------------------------------------- 2. highlighting


def sample_segments(page: Any, side: str) -> list[str]:
    """The first sentence, one in the middle, one in a heading and the last."""
    ids = page.locator(f"article.reading .{side} .seg").evaluate_all("els => els.map(e => e.dataset.seg)")
    assert len(ids) >= 10, f"only {len(ids)} sentences on the {side} side"
    heading = page.locator(f"article.reading .pair.role-heading .{side} .seg").first.get_attribute("data-seg")
    assert heading, "no sentence inside a heading row"
    picked = [ids[0], ids[len(ids) // 2], heading, ids[-1]]
    return list(dict.fromkeys(picked))


@pytest.mark.parametrize(("hovered", "other"), [("src", "tgt"), ("tgt", "src")])
def test_hovering_a_sentence_highlights_its_counterpart(open_page: Any, hovered: str, other: str) -> None:
    page = open_page(WIDE).page
    assert highlighted(page) == [], "something is highlighted before any interaction"
    ids = sample_segments(page, hovered)
    for seg_id in ids:
        page.locator(f'article.reading .{hovered} .seg[data-seg="{seg_id}"]').hover()
        counterpart = page.locator(f'article.reading .{other} .seg[data-seg="{seg_id}"]')
        assert counterpart.count() == 1, f"{seg_id} has {counterpart.count()} counterparts in .{other}"
        assert "hl" in (counterpart.get_attribute("class") or "").split(), f"hovering {seg_id} did not light it"
        assert_only_lit(page, seg_id)
    # Moving the pointer to another sentence moves the highlight with it.
    first, last = ids[0], ids[-1]
    page.locator(f'article.reading .{hovered} .seg[data-seg="{first}"]').hover()
    assert_only_lit(page, first)
    assert page.locator(f'.seg.hl[data-seg="{last}"]').count() == 0


def test_keyboard_focus_highlights_the_pair(open_page: Any) -> None:
    page = open_page(WIDE).page
    segs = page.locator("article.reading .seg")
    assert segs.evaluate_all("els => els.every(e => e.tabIndex === 0)"), "a sentence is not focusable"
    ids = sample_segments(page, "tgt")
    for seg_id in ids:
        page.locator(f'article.reading .tgt .seg[data-seg="{seg_id}"]').focus()
        assert_only_lit(page, seg_id)
    # Tab moves focus to the next sentence and the highlight follows it.
    page.locator(f'article.reading .src .seg[data-seg="{ids[0]}"]').focus()
    assert_only_lit(page, ids[0])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.seg || null")
    assert focused, "Tab from a sentence did not land on another sentence"
    assert_only_lit(page, focused)


# --------------------------------------------------------------------------- 3. views


def test_view_buttons_set_the_view_and_aria_pressed(open_page: Any) -> None:
    page = open_page(WIDE).page
    buttons = page.locator("nav.views button[data-view]")
    assert sorted(buttons.evaluate_all("els => els.map(e => e.dataset.view)")) == sorted(VIEWS)
    assert page.locator('nav.views button[aria-pressed="true"]').get_attribute("data-view") == "side"
    for view in ("interleaved", "target", "review", "side"):
        click_view(page, view)
        assert page.evaluate("document.body.dataset.view") == view
        pressed = buttons.evaluate_all("els => els.map(e => [e.dataset.view, e.getAttribute('aria-pressed')])")
        assert dict(pressed) == {v: str(v == view).lower() for v in VIEWS}, pressed


def test_interleaved_view_puts_each_translation_below_its_source(open_page: Any) -> None:
    page = open_page(WIDE).page
    click_view(page, "interleaved")
    problems = []
    for box in pair_boxes(page):
        src, tgt = box["src"], box["tgt"]
        if not tgt["top"] > src["top"]:
            problems.append(f"{box['unit']}: target top {tgt['top']:.0f} not below source top {src['top']:.0f}")
        elif tgt["top"] < src["bottom"] - 1:
            problems.append(f"{box['unit']}: target overlaps its source")
    assert not problems, "\n".join(problems)


def test_target_view_hides_the_source(open_page: Any) -> None:
    page = open_page(WIDE).page
    click_view(page, "target")
    src = page.locator("article.reading .pair > .src")
    tgt = page.locator("article.reading .pair > .tgt")
    assert src.count() == tgt.count() >= 10
    assert not src.first.is_visible() and tgt.first.is_visible()
    still_shown = [unit for unit, visible in shown(src).items() if visible]
    assert not still_shown, f"source blocks still visible in the target view: {still_shown}"
    hidden = [unit for unit, visible in shown(tgt).items() if not visible]
    assert not hidden, f"target blocks hidden in the target view: {hidden}"


def test_review_view_and_only_issues_filter(open_page: Any) -> None:
    page = open_page(WIDE).page
    table = page.locator("section.review table.segments")
    assert not table.is_visible(), "the review table shows in the reading view"
    click_view(page, "review")
    assert table.is_visible()
    assert not page.locator("article.reading").is_visible()

    rows = table.locator("tbody tr[data-seg]")
    clean = table.locator("tbody tr[data-seg].clean")
    issues = table.locator("tbody tr[data-seg].has-issues")
    total = rows.count()
    assert total >= 10
    assert clean.count() + issues.count() == total, "a review row is neither .clean nor .has-issues"
    assert all(shown(rows).values()), "rows hidden before the filter is used"

    only = page.locator("#only-issues")
    only.check()
    assert "only-issues" in (table.get_attribute("class") or "").split()
    assert rows.count() == total, "the filter removed rows instead of hiding them"
    still_shown = [seg for seg, visible in shown(clean).items() if visible]
    assert not still_shown, f"clean rows still shown with the filter on: {still_shown}"
    hidden = [seg for seg, visible in shown(issues).items() if not visible]
    assert not hidden, f"rows with issues hidden by the filter: {hidden}"

    only.uncheck()
    assert "only-issues" not in (table.get_attribute("class") or "").split()
    assert all(shown(rows).values()), "rows stay hidden after the filter is turned off"


# --------------------------------------------------------------------------- 4. narrow screens


def test_narrow_screen_stacks_the_languages(open_page: Any) -> None:
    page = open_page(NARROW).page
    assert page.evaluate("document.body.dataset.view") == "side"
    problems = []
    for box in pair_boxes(page):
        src, tgt = box["src"], box["tgt"]
        if not tgt["top"] > src["top"]:
            problems.append(f"{box['unit']}: target top {tgt['top']:.0f} not below source top {src['top']:.0f}")
        elif tgt["top"] < src["bottom"] - 1:
            problems.append(f"{box['unit']}: target starts beside its source, not under it")
        if tgt["left"] > src["left"] + src["width"] / 2:
            problems.append(f"{box['unit']}: target is in a second column at x={tgt['left']:.0f}")
        if tgt["right"] > NARROW["width"] or src["right"] > NARROW["width"]:
            problems.append(f"{box['unit']}: runs past the {NARROW['width']}px screen")
    assert not problems, "\n".join(problems)


LONG_WORD = "https://example.org/" + "averylongpathsegment" * 20  # no hyphen: no break opportunity


@pytest.mark.parametrize("viewport", [NARROW, {"width": 800, "height": 900}], ids=["400px", "800px"])
def test_long_words_and_urls_wrap_inside_their_column(open_page: Any, viewport: dict[str, int]) -> None:
    page = open_page(viewport).page
    page.evaluate(
        """word => document.querySelectorAll("article.reading .pair .seg, table.segments .seg")
             .forEach((e, i) => { if (i % 7 === 0) e.append(" " + word); })""",
        LONG_WORD,
    )
    for view in VIEWS:
        click_view(page, view)
        wide = page.evaluate("document.scrollingElement.scrollWidth")
        assert wide <= viewport["width"], f"{view} view is {wide}px wide on a {viewport['width']}px screen"


def test_the_view_is_kept_in_the_address_and_the_reader_keeps_their_place(open_page: Any) -> None:
    page = open_page(WIDE).page
    blocks = page.locator("article.reading .pair")
    blocks.nth(blocks.count() // 2).scroll_into_view_if_needed()
    first_visible = """() => { const top = document.querySelector(".toolbar").getBoundingClientRect().bottom;
        return Array.from(document.querySelectorAll("article.reading .pair"))
          .find(p => p.getBoundingClientRect().bottom > top).dataset.unit; }"""
    before = page.evaluate(first_visible)
    # Clicked in the page: Playwright's own click and focus first scroll the sticky toolbar "into view".
    page.locator('nav.views button[data-view="interleaved"]').evaluate("button => button.click()")
    assert page.evaluate(first_visible) == before, "switching the view lost the reader's place"
    assert page.evaluate("location.hash") == "#view=interleaved"
    page.reload(wait_until="load")
    assert page.evaluate("document.body.dataset.view") == "interleaved"
    pressed = page.locator('nav.views button[aria-pressed="true"]')
    assert pressed.count() == 1 and pressed.get_attribute("data-view") == "interleaved"


def test_print_keeps_two_columns_in_light_colours(open_page: Any) -> None:
    page = open_page({"width": 700, "height": 900}, color_scheme="dark").page
    page.emulate_media(media="print")
    problems = [
        box["unit"]
        for box in pair_boxes(page)
        if box["tgt"]["left"] < box["src"]["right"] or box["tgt"]["top"] != box["src"]["top"]
    ]
    assert not problems, f"blocks not side by side in print: {problems[:5]}"
    colours = page.evaluate(
        """() => [getComputedStyle(document.body).color,
                  getComputedStyle(document.querySelector("article.reading .pair .tgt")).color]"""
    )
    assert all(c == "rgb(0, 0, 0)" for c in colours), colours


# --------------------------------------------------------------------------- 5. safety


def test_page_fetches_nothing_and_runs_only_its_own_script(open_page: Any) -> None:
    opened = open_page(WIDE)
    page = opened.page
    # Use the page a little, so anything loaded lazily would show up.
    page.locator("article.reading .src .seg").first.hover()
    for view in ("interleaved", "target", "review", "side"):
        click_view(page, view)
    page.wait_for_load_state("networkidle")
    remote = [u for u in opened.requests if not u.startswith(("file:", "data:", "about:"))]
    assert not remote, f"the page made network requests: {remote}"

    scripts = page.locator("script").evaluate_all(
        "els => els.map(e => ({src: e.getAttribute('src'), type: e.type, inline: e.textContent.length}))"
    )
    assert len(scripts) == 1, f"expected the page's single inline script, found {scripts}"
    assert scripts[0]["src"] is None and scripts[0]["inline"] > 0, scripts
    for tag in ("iframe", "frame", "object", "embed", "base", "form"):
        assert page.locator(tag).count() == 0, f"the page contains <{tag}>"
    handlers = page.evaluate(
        """() => Array.from(document.querySelectorAll('*')).flatMap(e =>
             Array.from(e.attributes).filter(a => a.name.toLowerCase().startsWith('on'))
                  .map(a => e.tagName.toLowerCase() + '[' + a.name + ']'))"""
    )
    assert not handlers, f"inline event handlers on the page: {handlers}"
    js_urls = page.evaluate(
        r"""() => Array.from(document.querySelectorAll('[href], [src], [action], [formaction], [xlink\\:href]'))
             .flatMap(e => ['href', 'src', 'action', 'formaction', 'xlink:href']
               .map(n => e.getAttribute(n)).filter(v => v !== null)
               .filter(v => /^\s*javascript:/i.test(v.replace(/[\u0000-\u001f]/g, ''))))"""
    )
    assert not js_urls, f"javascript: URLs on the page: {js_urls}"
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert csp.count() == 1 and "default-src 'none'" in (csp.get_attribute("content") or "")


# --------------------------------------------------------------------------- 6. screenshots


def test_screenshots_of_every_view(open_page: Any, artifacts: Path) -> None:
    folder = artifacts / "bilingual-page"
    folder.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []

    page = open_page(WIDE).page
    # A lit sentence shows in the side-by-side shot.
    page.locator("article.reading .src .seg").nth(3).hover()
    for view, name in (
        ("side", "side-by-side"),
        ("interleaved", "interleaved"),
        ("target", "target-only"),
        ("review", "review"),
    ):
        if view != "side":  # the page opens side by side; clicking would move the pointer off the sentence
            click_view(page, view)
        shots.append(folder / f"{name}.png")
        page.screenshot(path=str(shots[-1]), full_page=True)

    narrow = open_page(NARROW).page
    shots.append(folder / "narrow.png")
    narrow.screenshot(path=str(shots[-1]), full_page=True)

    dark = open_page(WIDE, color_scheme="dark").page
    shots.append(folder / "side-by-side-dark.png")
    dark.screenshot(path=str(shots[-1]), full_page=True)

    for shot in shots:
        assert shot.is_file(), f"{shot} was not written"
        assert shot.stat().st_size > 10_000, f"{shot} is only {shot.stat().st_size} bytes"


def test_text_a_site_shows_only_to_screen_readers_stays_hidden(browser: Any, tmp_path: Path) -> None:
    """A site hides "Image caption, " with its own stylesheet, which the
    bilingual page does not carry: the text showed in both columns."""
    from bilingual.batch import run_translate
    from bilingual.config import Settings

    page = tmp_path / "caption.html"
    page.write_text(
        '<html lang="en"><body><article><h1>Council tax rises</h1><figure><img src="a.jpg" alt="Town hall">'
        '<figcaption><span class="visually-hidden">Image caption, </span>The council met on Tuesday.</figcaption>'
        "</figure><p>Bills will rise by five percent next year, the council said on Tuesday.</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    run_translate([str(page)], Settings(output_dir=tmp_path / "out", engine="fake"))
    context = browser.new_context(viewport=WIDE)
    try:
        opened = context.new_page()
        opened.goto((tmp_path / "out" / "caption.bilingual.html").as_uri(), wait_until="load")
        hidden = opened.locator(".visually-hidden")
        assert hidden.count() >= 2  # the source's and the translation's
        sizes = hidden.evaluate_all("found => found.map(e => [e.offsetWidth, e.offsetHeight])")
        assert all(width <= 1 and height <= 1 for width, height in sizes), sizes
    finally:
        context.close()
