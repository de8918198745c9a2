"""Find the article in a page: the body text, and the headline, standfirst,
byline and date around it.

The body is found by scoring containers on the text of the paragraphs they
hold, readability-style (commas and length count, link text counts against,
class and id names vote), after removing what pages mark as navigation,
sharing, related stories, cookie and newsletter boxes, ads and comments.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bilingual.extract.blocks import (
    PageIndex,
    TextBlock,
    class_and_id,
    collect_blocks,
    is_boilerplate_marked,
)
from bilingual.extract.htmltree import Element, nearest
from bilingual.extract.patterns import (
    APPEAL_HREF,
    ARTICLE_BODY,
    ARTICLE_HEAD,
    BYLINE,
    DATE,
    FURNITURE_LINE,
    KICKER,
    MEDIA_LABEL,
    MEDIA_TIME,
    NEGATIVE,
    PLAYER,
    POSITIVE,
    PROMO_LINE,
    STANDFIRST,
    Vocabulary,
)
from bilingual.extract.tables import HEADINGS

_PARAGRAPH_LIKE = frozenset(
    ["p", "pre", "td", "blockquote", "li", "dd", "dt", "figcaption", "h2", "h3", "h4", "h5", "h6", "span", "font"]
)
_TAG_WEIGHT = {
    "div": 5,
    "article": 10,
    "section": 3,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "li": -3,
    "form": -3,
    "th": -5,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
}
_KEY_TAGS = frozenset({"h1", "main"})
_ARTICLE_TYPE = re.compile(r"Article|BlogPosting|Report", re.I)
_MIN_PARAGRAPH = 25
_BYLINE_TEXT = re.compile(r"^(?:by|por|de):?\s+\S.{0,80}$", re.I)
_DATE_TEXT = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|"
    r"\d{1,2} (?:de )?(?:ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic)[a-z]*\.?(?: de)? \d{4}|"
    r"^(?:last )?(?:updated|actualizado|publicado|published)\b\D*\d)",  # (not "Se han publicado 312 comentarios")
    re.I,
)
_AUTHOR_HREF = re.compile(
    r"/(?:authors?|autor(?:es)?|staff|people|by|perfil|periodistas?|columnists?|redaccion)/", re.I
)


@dataclass
class Article:
    """The chosen blocks in page order, each with its role."""

    blocks: list[TextBlock] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)
    roots: list[Element] = field(default_factory=list)
    title: Element | None = None

    def role(self, block: TextBlock) -> str:
        return self.roles.get(id(block), "paragraph")


class _Marks:
    """Which elements are boilerplate (with their subtrees), cached."""

    def __init__(self, index: PageIndex):
        self.index = index
        self._excluded: dict[int, bool] = {}
        self._looks: dict[int, bool] = {}
        self._key_starts = [e.start for e in index.tree.by_tag(*_KEY_TAGS)]
        self.set_blocks([])

    def set_blocks(self, blocks: list[TextBlock]) -> None:
        """The page's blocks, whose prose decides what holds the article."""
        prose = [b for b in blocks if len(b.text) >= _MIN_PARAGRAPH and b.link_chars < 0.5 * len(b.text)]
        self._prose_starts = [b.start for b in prose]
        self._prose_sums = list(itertools.accumulate((len(b.text) for b in prose), initial=0))
        self._excluded.clear()

    @property
    def prose_chars(self) -> int:
        return self._prose_sums[-1]

    def holds_key(self, element: Element) -> bool:
        """Whether the element contains the headline or ``main``."""
        i = bisect.bisect_right(self._key_starts, element.start)
        return i < len(self._key_starts) and self._key_starts[i] < element.end

    def holds_article(self, element: Element) -> bool:
        """A boilerplate-looking element that contains the headline, ``main``
        or most of the page's prose is a page wrapper ("has-sidebar")."""
        if self.holds_key(element):
            return True
        a = bisect.bisect_left(self._prose_starts, element.start)
        b = bisect.bisect_left(self._prose_starts, element.end)
        return self._prose_sums[b] - self._prose_sums[a] > 0.5 * self._prose_sums[-1]

    def looks_boilerplate(self, element: Element) -> bool:
        """Navigation, footers, asides, the site header and elements whose
        names say boilerplate (whether they wrap the article aside)."""
        key = id(element)
        found = self._looks.get(key)
        if found is None:
            found = self._looks[key] = self._looks_boilerplate(element)
        return found

    def _looks_boilerplate(self, element: Element) -> bool:
        tag = element.tag
        if tag == "footer" and any(a.tag in ("blockquote", "figure") for a in element.ancestors()):
            return False  # a quotation's or a figure's attribution ("— Harold Brandt, in testimony…")
        if tag in ("aside", "footer", "nav", "menu"):
            return not _is_pullquote(element)
        if tag == "header":
            # The site's header; a header inside an article holds its meta.
            return not any(a.tag in ("article", "main") for a in element.ancestors())
        if tag == "a":
            return False
        label = class_and_id(element)
        if label and ARTICLE_BODY.search(label):
            return False
        return is_boilerplate_marked(element) and not _prose_run(element, label) and not _in_prose_flow(element)

    def own_mark(self, element: Element) -> bool:
        return self.looks_boilerplate(element) and not self.holds_article(element)

    def excluded(self, element: Element) -> bool:
        key = id(element)
        cached = self._excluded.get(key)
        if cached is not None:
            return cached
        chain = []
        node: Element | None = element
        result = False
        while node is not None:
            known = self._excluded.get(id(node))
            if known is not None:
                result = known
                break
            chain.append(node)
            node = node.parent
        for node in reversed(chain):
            result = result or self.own_mark(node) or self.index.is_hidden(node)
            self._excluded[id(node)] = result
        return self._excluded[key]


_PROSE_TAGS = frozenset({"p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "figure", "table"})


def _prose_run(element: Element, label: str) -> bool:
    """Paragraphs that all carry the same boilerplate-sounding class
    (``<p class="paywall">`` on every paragraph of a metered story) are the
    article itself: boxes to drop are not written as runs of paragraphs."""
    if not label or element.tag not in _PROSE_TAGS or element.parent is None:
        return False
    long_siblings = 0
    for sibling in element.parent.children:
        if (
            type(sibling) is Element
            and sibling.tag == "p"
            and sibling.close_start - sibling.open_end >= 80
            and class_and_id(sibling) == label
        ):
            long_siblings += 1
            if long_siblings >= 3:
                return True
    return False


def _in_prose_flow(element: Element) -> bool:
    """A heading, or a list without links, standing between two plain
    paragraphs of prose is part of the article whatever its class says
    (NPR's ``h3.edTag``, ``ul.edTag``): boxes to drop carry their headings
    inside them, and lists to drop are lists of links."""
    if element.parent is None:
        return False
    if element.tag in ("ul", "ol"):
        if "<a" in element.tree.source[element.open_end : element.close_start].lower():
            return False
    elif element.tag not in ("h2", "h3", "h4", "h5", "h6"):
        return False
    siblings = [c for c in element.parent.children if type(c) is Element and c.tag not in _BETWEEN]
    at = next(i for i, c in enumerate(siblings) if c is element)
    before = next((c for c in reversed(siblings[:at]) if not is_boilerplate_marked(c)), None)
    after = next((c for c in siblings[at + 1 :] if not is_boilerplate_marked(c)), None)
    return before is not None and after is not None and _plain_paragraph(before) and _plain_paragraph(after)


_BETWEEN = frozenset({"aside", "figure", "script", "style", "noscript", "template", "br", "hr", "img"})


def _plain_paragraph(element: Element) -> bool:
    return element.tag == "p" and element.close_start - element.open_end >= 60


def _is_body_marked(element: Element) -> bool:
    label = class_and_id(element)
    return bool(label) and ("articleBody" in label or ARTICLE_BODY.search(label))


def _is_pullquote(element: Element) -> bool:
    label = class_and_id(element).lower()
    return "pull" in label or "quote" in label or "cita" in label


def find_article(index: PageIndex) -> Article:
    marks = _Marks(index)
    blocks = _read_blocks(index, marks)
    usable = [b for b in blocks if not marks.excluded(b.container)]
    # Lists of links (related stories, menus nobody marked) are not prose:
    # they neither score nor dilute the containers around them.
    prose = [b for b in usable if b.link_chars <= 0.7 * len(b.text)]
    roots = _body_roots(index, prose)
    article = Article(roots=roots)
    teasers = _teaser_items(usable, roots)
    in_player = _PlayerTest(index, roots)
    body = [
        b
        for b in prose
        if _inside_any(b.container, roots)
        and not _is_promo(b)
        and not _inside_any(b.container, teasers)
        and not in_player(b.container)
    ]
    body += _linked_subheads(usable, body, roots)
    body += _section_heads(usable, body, roots)
    article.title = _find_title(index, usable, roots)
    header_roles: dict[int, str] = {}
    header = _header_blocks(index, usable, roots, article.title, header_roles, body, in_player)
    chosen: dict[int, TextBlock] = {}
    for block in body + header:
        chosen[id(block)] = block
    article.blocks = sorted(chosen.values(), key=lambda b: b.start)
    quoted: dict[int, object] = {}
    for block in article.blocks:
        article.roles[id(block)] = header_roles.get(id(block)) or _role(block, roots, quoted)
    return article


def _linked_subheads(usable: list[TextBlock], body: list[TextBlock], roots: list[Element]) -> list[TextBlock]:
    """Subheads that are links (a roundup's "Santa Marta", linked to its own
    story) and introduce a paragraph of the body: not a list of links."""
    in_body = {id(b) for b in body}
    found = []
    for block, following in itertools.pairwise(usable):
        if (
            block.container.tag in HEADINGS
            and block.link_chars > 0.7 * len(block.text)
            and id(following) in in_body
            and following.container.tag not in HEADINGS
            and len(following.text) >= 80
            and _inside_any(block.container, roots)
            and not _is_promo(block)
        ):
            found.append(block)
    return found


def _section_heads(usable: list[TextBlock], body: list[TextBlock], roots: list[Element]) -> list[TextBlock]:
    """Headings between the sections of a body in parts (a live blog's post
    headlines, each above its post's text): each introduces the section
    after it."""
    if len(roots) < 2:
        return []
    in_body = {id(b) for b in body}
    holder = next((a for a in roots[0].ancestors() if all(a.holds(r) for r in roots)), None)
    if holder is None:
        return []
    return [
        block
        for block, following in itertools.pairwise(usable)
        if block.container.tag in HEADINGS
        and holder.holds(block.container)
        and id(block) not in in_body
        and id(following) in in_body
        and not _inside_any(block.container, roots)
        and not _is_promo(block)
    ]


def _read_blocks(index: PageIndex, marks: _Marks) -> list[TextBlock]:
    """The page's blocks, without reading boilerplate that cannot be the
    article: a boilerplate-looking element without the headline or ``main``
    is left unread when all the text it could hold is less than the prose
    found elsewhere (it cannot hold most of the page's prose, so it is excluded
    whatever it says). The others are read and judged as usual."""
    blocks, deferred = collect_blocks(
        index, index.body, lambda e: marks.looks_boilerplate(e) and not marks.holds_key(e)
    )
    marks.set_blocks(blocks)
    known = marks.prose_chars
    to_read = [e for e in deferred if e.end - e.start > known and index.text_bound(e) > known]
    for element in to_read:
        blocks += collect_blocks(index, element)[0]
    if to_read:
        blocks.sort(key=lambda b: b.start)
        marks.set_blocks(blocks)
    return blocks


class _PlayerTest:
    """Whether an element is inside a video or audio player, or a podcast
    embed (its title, duration and credits are no article text): a small
    element so labelled, below the body's roots."""

    def __init__(self, index: PageIndex, roots: list[Element]):
        self.index = index
        self.roots = roots
        self.memo: dict[int, object] = {}

    def __call__(self, element: Element) -> bool:
        return bool(nearest(element, self._decide, self.memo))

    def _decide(self, node: Element) -> bool | None:
        if _is_one_of(node, self.roots) or node.tag in ("article", "main", "body"):
            return False
        label = class_and_id(node)
        if label and PLAYER.search(label) and self.index.text_bound(node) <= _PLAYER_TEXT:
            return True
        return None


_PLAYER_TEXT = 400  # characters: a player holds a title and a time, not a story


def _teaser_items(blocks: list[TextBlock], roots: list[Element]) -> list[Element]:
    """Small boxes inside the body whose text is mostly a link (story teasers
    with a date or a line under the headline): they are not the article."""
    own: list[tuple[Element, list[int]]] = []
    for block in blocks:
        parent = block.container.parent  # the box is above the block, below the body
        if parent is not None and not _is_one_of(parent, roots) and _inside_any(parent, roots):
            own.append((parent, [len(block.text), block.link_chars]))
    totals, elements = _sum_up(own, climbs=lambda e: e.parent is not None and not _is_one_of(e.parent, roots))
    return [elements[k] for k, (text, links) in totals.items() if text < 400 and links > 0.5 * text]


def _is_one_of(element: Element, elements: list[Element]) -> bool:
    return any(element is e for e in elements)


def _sum_up(
    own: list[tuple[Element, list[int]]], climbs: Callable[[Element], bool]
) -> tuple[dict[int, list[int]], dict[int, Element]]:
    """Figures summed up the tree: ``own`` gives elements and their own
    figures; an element's sum goes on to its parent while ``climbs`` says
    so. One pass however deep the page: elements are taken from the one
    starting last, so each is complete before it is added to its parent."""
    totals: dict[int, list[int]] = {}
    elements: dict[int, Element] = {}
    pending: list[tuple[int, bool, int]] = []

    def add(element: Element, figures: list[int]) -> None:
        stats = totals.get(id(element))
        if stats is None:
            totals[id(element)], elements[id(element)] = list(figures), element
            # (the page's root starts where its first element does, and comes after it)
            heapq.heappush(pending, (-element.start, element.parent is None, id(element)))
        else:
            for i, figure in enumerate(figures):
                stats[i] += figure

    for element, figures in own:
        add(element, figures)
    while pending:
        element = elements[heapq.heappop(pending)[2]]
        if element.parent is not None and climbs(element):
            add(element.parent, totals[id(element)])
    return totals, elements


def _is_promo(block: TextBlock) -> bool:
    text = block.text
    if FURNITURE_LINE.match(text) or MEDIA_TIME.match(text) or not any(ch.isalnum() for ch in text):
        return True
    if PROMO_LINE.match(text) and (block.link_chars or len(text) < 40):
        return True
    if MEDIA_LABEL.match(text) and len(text) < 160:
        return True
    if block.container.tag in HEADINGS:
        # a headline inside a link to another page is a teaser card; a link
        # inside a heading is not enough (roundups link their subheads)
        return _in_link_away(block.container)
    if len(text) < 400 and block.link_chars and _links_to_an_appeal(block):
        return True
    if len(text) >= 200:
        return False
    # a card: the whole block inside one link
    return block.link_chars > 0.6 * len(text) or _in_link_away(block.container)


def _links_to_an_appeal(block: TextBlock) -> bool:
    """Whether a link in the block asks the reader to donate, subscribe or
    follow a channel ("Become a member", "our WhatsApp channel"), whatever
    its words. (A page whose source holds no such address is told apart
    once.)"""
    memo = block.container.tree.memo("appeal-page")
    if 0 not in memo:
        memo[0] = bool(_APPEAL_HINT.search(block.container.tree.source))
    if not memo[0]:
        return False
    for node in block.nodes:
        if isinstance(node, Element):
            links = [node] if node.tag == "a" else list(node.iter_elements("a"))
            if any(APPEAL_HREF.search(link.get("href")) for link in links):
                return True
    return False


_APPEAL_HINT = re.compile(
    r"(?i)/(?:[a-z]{2}(?:-[a-z]{2})?/)?(?:dona|support-us|apoyanos|memb|hazte|subscri|suscri)"
    r"|whatsapp\.com/channel|wa\.me/|t\.me/"
)


def _away(link: Element) -> bool:
    """Whether a link points to another page (not to a place on this one)."""
    href = (link.get("href") or "").strip()
    return bool(href) and not href.startswith("#")


def _in_link_away(element: Element) -> bool:
    """Whether ``element`` sits inside a link to another page."""
    if element.parent is None:
        return False
    return bool(nearest(element.parent, _link_away, element.tree.memo("link-away")))


def _link_away(element: Element) -> bool | None:
    if element.tag == "a":
        return _away(element)
    return False if element.tag in ("article", "main", "body") else None


# --- body ---------------------------------------------------------------


def _body_roots(index: PageIndex, blocks: list[TextBlock]) -> list[Element]:
    body = index.body
    scores: dict[int, float] = {}
    elements: dict[int, Element] = {}
    own: list[tuple[Element, list[int]]] = []
    for block in blocks:
        paragraph = len(block.text) >= _MIN_PARAGRAPH and block.container.tag not in HEADINGS
        own.append((block.container, [len(block.text), block.link_chars, len(block.text) if paragraph else 0]))
        if paragraph:
            _add_score(block, body, scores, elements)
    # element -> [text chars, link chars, paragraph chars] of the blocks in it, up to the body
    totals = _sum_up(own, climbs=lambda e: e is not body)[0]
    if not scores:
        return [body]
    final = {}
    for key, score in scores.items():
        text, links, _ = totals.get(key, [0, 0, 0])
        final[key] = score * (1 - (links / text if text else 0))
    best = elements[max(final, key=lambda k: final[k])]
    sections = _sections(best, [elements[k] for k in final], totals)
    if len(sections) > 1:
        return sections
    best = _common_wrapper(best, [elements[k] for k in final], totals)
    roots = _with_siblings(best, final, totals, index)
    if len(roots) == 1:
        narrowed = _narrow(best, totals)
        if narrowed is not best:
            roots = _with_siblings(narrowed, final, totals, index)
    return roots


def _add_score(block: TextBlock, body: Element, scores: dict[int, float], elements: dict[int, Element]) -> None:
    """Readability's paragraph score, given to the paragraph's container and
    (diminishing) to the two above it."""
    score = 1 + block.text.count(",") + min(len(block.text) // 100, 3)
    start = block.container.parent if block.container.tag in _PARAGRAPH_LIKE else block.container
    for level, ancestor in enumerate(_up_to(start, body, 3)):
        key = id(ancestor)
        if key not in scores:
            elements[key] = ancestor
            scores[key] = _initial_score(ancestor)
        scores[key] += score / (1 if level == 0 else 2 if level == 1 else level * 3)


def _same_label_group(best: Element, candidates: list[Element]) -> list[Element]:
    """Candidates with the best one's tag and class words, side by side
    (none inside another)."""
    label = class_and_id(best)
    group = [c for c in candidates if c.tag == best.tag and class_and_id(c) == label]
    return [c for c in group if not any(o is not c and c.start <= o.start < c.end for o in group)]


def _sections(best: Element, candidates: list[Element], totals: dict[int, list[int]]) -> list[Element]:
    """A body split into a few sections with the same class (a story in
    parts): each section holding real prose is a root of its own."""
    group = _same_label_group(best, candidates)
    if not 2 <= len(group) <= 4 or not any(c is best for c in group):
        return [best]
    prose = totals.get(id(best), [0, 0, 0])[2]
    return [c for c in group if totals.get(id(c), [0, 0, 0])[2] >= 0.25 * prose]


def _common_wrapper(best: Element, candidates: list[Element], totals: dict[int, list[int]]) -> Element:
    """When the best container is one of many identical wrappers (one per
    paragraph, as some CMSs render bodies), the article is what holds them
    all: five or more wrappers that make up most of its prose."""
    group = _same_label_group(best, candidates)
    if len(group) < 5 or not any(c is best for c in group):
        return best
    chain = [best, *best.ancestors()]
    for peer in group:
        ancestors = {id(a) for a in [peer, *peer.ancestors()]}
        chain = [a for a in chain if id(a) in ancestors]
    if not chain:
        return best
    holder = chain[0]
    held = sum(totals.get(id(c), [0, 0, 0])[2] for c in group)
    return holder if held >= 0.6 * totals.get(id(holder), [0, 0, 1])[2] else best


def _narrow(best: Element, totals: dict[int, list[int]]) -> Element:
    """Go down to the tightest element that still holds nearly all of the
    paragraph text: class bonuses and headers lift wrappers (``main``,
    ``article``) above the body they wrap."""
    node = best
    while True:
        held = totals.get(id(node), [0, 0, 0])[2]
        child = max(
            (c for c in node.children if isinstance(c, Element)),
            key=lambda c: totals.get(id(c), [0, 0, 0])[2],
            default=None,
        )
        if child is None or held == 0 or totals.get(id(child), [0, 0, 0])[2] < 0.85 * held:
            return node
        node = child


def _up_to(element: Element | None, stop: Element, most: int) -> list[Element]:
    """The element and its ancestors up to ``stop``, at most ``most`` of them."""
    chain: list[Element] = []
    while element is not None and len(chain) < most:
        chain.append(element)
        if element is stop:
            break
        element = element.parent
    return chain


def _initial_score(element: Element) -> float:
    score = float(_TAG_WEIGHT.get(element.tag, 0))
    label = class_and_id(element)
    if label:
        if ARTICLE_BODY.search(label):
            score += 50
        elif POSITIVE.search(label) and not ARTICLE_HEAD.search(label) and not STANDFIRST.search(label):
            score += 25  # ("article-header", "article-intro": the article's, but not its body)
        if NEGATIVE.search(label):
            score -= 25
    if label and "articleBody" in label and element.get("itemprop") == "articleBody":
        score += 50
    return score


def _with_siblings(
    best: Element, scores: dict[int, float], totals: dict[int, list[int]], index: PageIndex
) -> list[Element]:
    """The best container plus the siblings that continue the article:
    other good containers, good paragraphs (a stray end tag often leaves the
    rest of a body beside it), and headings or lists between them."""
    parent = best.parent
    if parent is None or best is index.body:
        return [best]
    threshold = max(10.0, scores.get(id(best), 0.0) * 0.2)
    siblings = [c for c in parent.children if isinstance(c, Element)]
    keep = [s is best or scores.get(id(s), -1e9) >= threshold or _good_paragraph(s, totals) for s in siblings]
    kept = [i for i, k in enumerate(keep) if k]
    for i in range(kept[0], kept[-1] + 1):
        if not keep[i] and _has_clean_text(siblings[i], totals):
            keep[i] = True
    return [s for s, k in zip(siblings, keep, strict=True) if k]


def _text_stats(element: Element, totals: dict[int, list[int]]) -> tuple[int, float]:
    text, links, _ = totals.get(id(element), [0, 0, 0])
    return text, (links / text if text else 1.0)


def _good_paragraph(element: Element, totals: dict[int, list[int]]) -> bool:
    """Readability's rule for sibling paragraphs."""
    if element.tag not in ("p", "blockquote", "pre"):
        return False
    length, density = _text_stats(element, totals)
    return (length >= 80 and density < 0.25) or (0 < length < 80 and density == 0)


def _has_clean_text(element: Element, totals: dict[int, list[int]]) -> bool:
    length, density = _text_stats(element, totals)
    return length > 0 and density < 0.5


def _inside_any(element: Element, roots: list[Element]) -> bool:
    """Whether the element is one of ``roots`` or inside one."""
    return any(root.holds(element) for root in roots)


# --- headline, standfirst, byline, date -----------------------------------


def _find_title(index: PageIndex, blocks: list[TextBlock], roots: list[Element]) -> Element | None:
    h1s = [b for b in blocks if b.container.tag == "h1"]
    if not h1s:
        return _headline_without_h1(index, blocks, roots)
    first_root = roots[0].start if roots else 0
    inside = [h for h in h1s if _inside_any(h.container, roots)]
    if inside:
        return inside[0].container
    before = [h for h in h1s if h.start <= first_root]
    h1 = before[-1] if before else h1s[0]
    # A site's name in an <h1> above a post whose headline is an <h3> (blogs):
    # the heading that matches the page's title much better is the headline.
    wanted = _words(_page_title(index))
    overlap, rival = _closest_heading(_headline_candidates(blocks, roots, index), wanted)
    if rival is not None and overlap >= 0.5 and overlap > _overlap(h1.text, wanted) + 0.3:
        return rival.container
    return h1.container


_WORD = re.compile(r"\w+", re.UNICODE)
_HEADLINE = Vocabulary("headline titular titulo title article-title entry-title story-title")


def _headline_without_h1(index: PageIndex, blocks: list[TextBlock], roots: list[Element]) -> Element | None:
    """A page without ``<h1>``: the heading before the body that best matches
    the page's own title (``og:title``, ``<title>``)."""
    candidates = _headline_candidates(blocks, roots, index)
    if not candidates:
        return None
    overlap, best = _closest_heading(candidates, _words(_page_title(index)))
    if best is not None and overlap >= 0.3:
        return best.container
    headings = [b for b in candidates if b.container.tag in ("h2", "h3")]
    return headings[-1].container if headings else None


def _headline_candidates(blocks: list[TextBlock], roots: list[Element], index: PageIndex) -> list[TextBlock]:
    """Headings and headline-classed blocks before the body or opening it."""
    first_root = roots[0].start if roots else index.body.end
    first_inside = next((b for b in blocks if _inside_any(b.container, roots)), None)
    return [
        b
        for b in blocks
        if (b.start < first_root or b is first_inside)
        and 3 <= len(b.text) <= 300
        and (b.container.tag in ("h2", "h3") or _HEADLINE.search(class_and_id(b.container)))
    ]


def _closest_heading(candidates: list[TextBlock], wanted: set[str]) -> tuple[float, TextBlock | None]:
    scored = [(_overlap(b.text, wanted), b) for b in candidates]
    return max(scored, key=lambda pair: pair[0], default=(0.0, None))


def _overlap(text: str, wanted: set[str]) -> float:
    words = _words(text)
    return len(words & wanted) / max(1, len(words | wanted))


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _page_title(index: PageIndex) -> str:
    for meta in index.tree.by_tag("meta"):
        if meta.get("property").lower() == "og:title":
            return meta.get("content")
    title = index.tree.find("title")
    return index.source[title.open_end : title.close_start] if title is not None else ""


def _header_blocks(
    index: PageIndex,
    blocks: list[TextBlock],
    roots: list[Element],
    title: Element | None,
    roles: dict[int, str],
    body: list[TextBlock],
    in_player: _PlayerTest,
) -> list[TextBlock]:
    """Blocks around the body that belong to the article: the headline,
    standfirst, byline, date, and figures between headline and body. A
    byline or date that the body left out (mostly links: "Por <a>Laura
    Gómez</a>") is taken too when it comes before the body's first
    paragraph, as in an article header the body's root takes in."""
    if title is None:
        return []
    scope = _scope(title, roots, index)
    start = title.start
    end = max([scope.end, *(r.end for r in roots)])
    marks = _HeaderMarks(scope)
    body_end = max((r.end for r in roots), default=end)
    in_body = {id(b) for b in body}
    # (a root of its own around the headline is the article's header: its standfirst is not the body)
    header_root = next((r for r in roots if r.holds(title)), None) if len(roots) > 1 else None
    first_paragraph = next(
        (
            b.start
            for b in body
            if b.start > title.start
            and len(b.text) >= 80
            and b.container.tag not in HEADINGS | {"li", "dd", "dt"}
            and not (header_root is not None and header_root.holds(b.container))
            and marks.role(b) is None
        ),
        end,
    )
    chosen = []
    for block in blocks:
        if block.start < start or block.start >= end:
            continue
        if title.holds(block.container):
            roles[id(block)] = "title"
            chosen.append(block)
            continue
        if in_player(block.container):
            continue
        if _inside_any(block.container, roots):
            if id(block) not in in_body and block.start < first_paragraph and marks.role(block) in ("byline", "date"):
                roles[id(block)] = str(marks.role(block))
                chosen.append(block)
            continue
        role = marks.role(block)
        if role is None and marks.in_figure(block.container):
            role = "caption"
        if role is None and roots and block.end <= roots[0].start and _is_prose(block):
            role = "list-item" if block.container.tag == "li" else "paragraph"
        if role is None or (role not in ("byline", "date") and _is_promo(block)):
            continue
        if block.start >= body_end and block.link_chars > 0.5 * len(block.text):
            continue  # after the body, a date under a linked headline is a teaser ("Read next")
        roles[id(block)] = role
        chosen.append(block)
    return chosen


def _is_prose(block: TextBlock) -> bool:
    return len(block.text) >= 40 and block.link_chars < 0.3 * len(block.text)


def _scope(title: Element, roots: list[Element], index: PageIndex) -> Element:
    """The nearest element holding both the headline and the body."""
    node: Element | None = title
    while node is not None and node is not index.body:
        if all(node.holds(r) for r in roots):
            return node
        node = node.parent
    return index.body


class _HeaderMarks:
    """What marks blocks around the body as byline, date or standfirst:
    class names and tags on the way up to ``scope`` (the element holding
    the headline and the body), then tags and class names inside the
    block. Each element is judged once, however deep the page."""

    def __init__(self, scope: Element):
        self.scope = scope
        self._above: dict[int, object] = {}
        self._below: dict[int, str | None] = {}
        self._figure: dict[int, object] = {}
        self._marked: dict[int, str | None] = {}  # container -> its own tag's mark, or the first inside it

    def role(self, block: TextBlock) -> str | None:
        container = block.container
        role = nearest(container, _label_role, self._above, self.scope)
        if role is not None:
            return None if role == _KICKER else str(role)
        if id(container) not in self._marked:  # (a container may hold many blocks)
            self._marked[id(container)] = _tag_role(container) or self._inside(container)
        role = self._marked[id(container)]
        if role is not None:
            return role
        if _BYLINE_TEXT.match(block.text):
            return "byline"
        if len(block.text) < 60 and _DATE_TEXT.search(block.text):
            return "date"
        return None

    def in_figure(self, element: Element) -> bool:
        return bool(nearest(element, _figure, self._figure, self.scope))

    def _inside(self, element: Element) -> str | None:
        """The first mark in the element's descendants, in page order."""
        below = self._below
        stack: list[tuple[Element, bool]] = [(c, False) for c in reversed(element.children) if isinstance(c, Element)]
        while stack:  # children first, each element once
            node, done = stack.pop()
            if done:
                below[id(node)] = next((m for c in _element_children(node) if (m := below[id(c)])), None)
            elif id(node) not in below:
                mark = _tag_role(node) or _class_role(node)
                if mark is not None:
                    below[id(node)] = mark
                else:
                    stack.append((node, True))
                    stack.extend((c, False) for c in reversed(_element_children(node)) if id(c) not in below)
        return next((m for c in _element_children(element) if (m := below[id(c)])), None)


_KICKER = "kicker"


def _label_role(node: Element) -> str | None:
    """A role an element's class names (or tag) give what it holds;
    ``_KICKER`` for a kicker (no role at all)."""
    label = class_and_id(node)
    if label:
        if KICKER.search(label):
            return _KICKER
        if BYLINE.search(label) or _rel_author(node):
            return "byline"
        if DATE.search(label):
            return "date"
        if STANDFIRST.search(label):
            return "standfirst"
    return "date" if node.tag == "time" else None


def _rel_author(element: Element) -> bool:
    """``rel="author"``, looked for in the start tag before its attributes are read."""
    return element.tree.source.find("author", element.start, element.open_end) >= 0 and element.get("rel") == "author"


def _tag_role(element: Element) -> str | None:
    if element.tag == "time":
        return "date"
    if element.tag == "a" and (_rel_author(element) or _AUTHOR_HREF.search(element.get("href"))):
        return "byline"
    return None


def _class_role(element: Element) -> str | None:
    label = class_and_id(element)
    if label and BYLINE.search(label):
        return "byline"
    if label and DATE.search(label):
        return "date"
    return None


def _element_children(element: Element) -> list[Element]:
    return [c for c in element.children if isinstance(c, Element)]


def _figure(element: Element) -> bool | None:
    return True if element.tag in ("figure", "figcaption") else None


def _role(block: TextBlock, roots: list[Element], memo: dict[int, object]) -> str:
    """A body block's role: what it is inside (up to the body's root, which
    is looked at too), then what it is. ``memo``: shared by the calls
    for one article."""
    container = block.container
    tag = container.tag
    inside = nearest(container, lambda element: _inside_role(element, roots), memo)
    if inside:
        return str(inside)
    if tag in HEADINGS:
        return "heading"
    if tag in ("li", "dd", "dt"):
        return "list-item"
    if tag == "pre":
        return "preformatted"
    label = class_and_id(container)
    if label and STANDFIRST.search(label):
        return "standfirst"
    return "paragraph"


def _inside_role(element: Element, roots: list[Element]) -> str | None:
    """The role an element gives the blocks in it; ``""`` at a root of the
    body, where the search ends."""
    if element.tag in ("blockquote", "q") or (element.tag == "aside" and _is_pullquote(element)):
        return "quote"
    if element.tag in ("figcaption", "caption"):
        return "caption"
    if element.tag in ("td", "th"):
        return "table-cell"
    return "" if _is_one_of(element, roots) else None


def is_article_type(value: str) -> bool:
    return bool(_ARTICLE_TYPE.search(value))
