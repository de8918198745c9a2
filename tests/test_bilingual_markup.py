"""The bilingual page's segment markup: text alone skips the sanitizer,
which is safe only because its markup is exactly what sanitizing it
gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.formats.bilingual_html import _markup, sanitize, segment_html
from bilingual.model import Code, TermHit, Text

# characters HTML serializers treat specially, and text that looks like markup
_TRICKY = st.sampled_from(["&", "<", ">", '"', "'", "\xa0", "\r", "\r\n", "\n", "\0", "\t", "\ufeff", "&amp;", "<b>"])
_TEXT = st.lists(st.one_of(_TRICKY, st.characters(exclude_categories=["Cs"])), max_size=12).map("".join)
_CODES = [
    ("open", "a", '<a href="https://example.org/x?a=1&b=2" onclick="steal()">'),
    ("close", "a", "</a>"),
    ("open", "b", "<b>"),
    ("close", "b", "</b>"),
    ("empty", "br", "<br>"),
    ("open", "script", "<script>"),
    ("close", "script", "</script>"),
    ("open", "span", '<span style="color:red">'),
    ("open", "table", "<table>"),
    ("empty", "#comment", "<!-- x -->"),
]


@st.composite
def _segments(draw: st.DrawFn) -> tuple[tuple[Text | Code, ...], list[tuple[int, int, TermHit]]]:
    items: list[Text | Code] = []
    for number, piece in enumerate(draw(st.lists(st.one_of(_TEXT, st.sampled_from(_CODES)), max_size=6))):
        items.append(Text(piece) if isinstance(piece, str) else Code(piece[0], number, piece[1], piece[2]))
    text = "".join(i.text for i in items if isinstance(i, Text))
    terms = []
    for start in sorted(set(draw(st.lists(st.integers(0, max(len(text) - 1, 0)), max_size=3)))):
        if terms and start < terms[-1][1]:
            continue
        end = min(len(text), start + draw(st.integers(1, 5)))
        if end > start:
            hit = TermHit(f"t{start}", text[start:end], start, end, "x", "keep", draw(_TEXT))
            terms.append((start, end, hit))
    return tuple(items), terms


@settings(max_examples=500, deadline=None)
@given(segment=_segments())
def test_segment_html_is_the_sanitized_marked_up_segment(segment) -> None:  # type: ignore[no-untyped-def]
    content, terms = segment
    assert str(segment_html(content, terms)) == str(sanitize(_markup(content, terms)))


def test_a_term_is_marked_with_its_note_escaped() -> None:
    term = TermHit("t1", "MinRex", 4, 10, "MinRex", "keep", 'Cuba\'s "foreign" ministry & <co>')
    html = segment_html((Text("The MinRex said"),), [(4, 10, term)])
    assert (
        html
        == 'The <abbr class="term" title="keep: MinRex — Cuba\'s &quot;foreign&quot; ministry &amp; &lt;co&gt;">MinRex</abbr> said'
    )


def test_a_term_inside_a_link_is_marked_and_the_link_made_safe() -> None:
    term = TermHit("t1", "USCIS", 4, 9, "USCIS", "keep", "")
    content = (Text("Ask "), Code("open", 1, "a", '<a href="https://uscis.gov" onclick="x()">'), Text("USCIS"))
    html = segment_html((*content, Code("close", 1, "a", "</a>"), Text(" now")), [(4, 9, term)])
    assert html == (
        'Ask <a href="https://uscis.gov" rel="noopener noreferrer nofollow">'
        '<abbr class="term" title="keep: USCIS">USCIS</abbr></a> now'
    )


def test_a_term_across_a_tag_is_marked_on_each_side_of_it() -> None:
    term = TermHit("t1", "Homeland Security", 18, 35, "Seguridad Nacional", "translate", "")
    content = (Text("The Department of "), Code("open", 1, "em", "<em>"), Text("Homeland"))
    html = segment_html((*content, Code("close", 1, "em", "</em>"), Text(" Security declined.")), [(18, 35, term)])
    abbr = '<abbr class="term" title="translate: Seguridad Nacional">'
    assert html == f"The Department of <em>{abbr}Homeland</abbr></em>{abbr} Security</abbr> declined."
