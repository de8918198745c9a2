"""HTML element tables used by the tree builder and the article reader."""

from __future__ import annotations

VOID = frozenset(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr".split()
)

RAW_TEXT = frozenset("iframe noembed noframes noscript plaintext script style textarea title xmp".split())

# Elements that stop the search for an element to close (the HTML "scope").
SCOPE_BOUNDARY = frozenset("applet caption html marquee object table td template th".split())
TABLE_SCOPE = frozenset("html table template".split())

_P_CLOSERS = (
    "address article aside blockquote center details dialog dir div dl fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section "
    "table ul search summary listing"
).split()

# start tag -> the open elements it closes implicitly (nearest one within scope).
CLOSED_BY: dict[str, frozenset[str]] = {name: frozenset({"p"}) for name in _P_CLOSERS}
CLOSED_BY.update(
    {
        "li": frozenset({"li", "p"}),
        "dt": frozenset({"dt", "dd", "p"}),
        "dd": frozenset({"dt", "dd", "p"}),
        "tr": frozenset({"tr", "td", "th"}),
        "td": frozenset({"td", "th"}),
        "th": frozenset({"td", "th"}),
        "thead": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}),
        "tbody": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}),
        "tfoot": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}),
        "option": frozenset({"option"}),
        "optgroup": frozenset({"optgroup", "option"}),
        "a": frozenset({"a"}),
        "body": frozenset({"head"}),
        "rt": frozenset({"rt", "rp"}),
        "rp": frozenset({"rt", "rp"}),
    }
)
# A new list item closes the open one only within the same list.
LIST_BOUNDARY = frozenset("dl menu ol ul".split())

# End tags of table parts search for their element up to the table only.
TABLE_PARTS = frozenset("caption colgroup tbody td tfoot th thead tr".split())

# Elements whose content flows inside a sentence.
INLINE = frozenset(
    "a abbr acronym amp-img b bdi bdo big br cite code data del dfn em font i img ins kbd label mark "
    "nobr picture q rp rt ruby s samp small source span strike strong sub sup time tt u var wbr".split()
)

# Blocks that hold text of the article.
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())

# Never part of an article's text.
SKIP = frozenset(
    "amp-ad amp-analytics amp-sidebar applet audio base button canvas dialog embed frame frameset "
    "head iframe input link map math meta nav noscript object script select style svg template "
    "textarea title video".split()
)

# Void or empty elements that stand for no words.
NON_TEXT_INLINE = frozenset("amp-img br img picture source wbr".split())

# Never-article elements whose content the reader never looks into: the parser
# records each as one element spanning its content instead of building it.
OPAQUE = frozenset(
    "noscript template svg math iframe object canvas button select video audio map dialog nav "
    "amp-ad amp-analytics amp-sidebar applet".split()
)
