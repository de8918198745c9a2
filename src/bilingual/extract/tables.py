"""HTML element tables used by the tree builder and the article reader."""

from __future__ import annotations

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "basefont",
        "bgsound",
        "frame",
    ]
)

RAW_TEXT = frozenset(
    ["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title", "plaintext"]
)

# Elements that stop the search for an element to close (the HTML "scope").
SCOPE_BOUNDARY = frozenset(["html", "table", "td", "th", "caption", "template", "object", "marquee", "applet"])
TABLE_SCOPE = frozenset(["html", "table", "template"])

_P_CLOSERS = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "search",
    "summary",
    "listing",
]

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
LIST_BOUNDARY = frozenset(["ul", "ol", "menu", "dl"])

# End tags of table parts search for their element up to the table only.
TABLE_PARTS = frozenset(["td", "th", "tr", "tbody", "thead", "tfoot", "caption", "colgroup"])

# Elements whose content flows inside a sentence.
INLINE = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "label",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "picture",
        "source",
        "amp-img",
        "nobr",
        "ruby",
        "rt",
        "rp",
    ]
)

# Blocks that hold text of the article.
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])

# Never part of an article's text.
SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "video",
        "audio",
        "map",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "dialog",
        "nav",
        "amp-ad",
        "amp-analytics",
        "amp-sidebar",
        "frameset",
        "frame",
        "applet",
    ]
)

# Void or empty elements that stand for no words.
NON_TEXT_INLINE = frozenset(["br", "img", "wbr", "source", "picture", "amp-img"])
