"""Find the article in a page: the body text, and the headline, standfirst,
byline and date around it.

The body is found by scoring containers on the text of the paragraphs they
hold, readability-style (commas and length count, link text counts against,
class and id names vote), after removing what pages mark as navigation,
sharing, related stories, cookie and newsletter boxes, ads and comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bilingual.extract.blocks import (
    PageIndex,
    TextBlock,
    class_and_id,
    collect_blocks,
    is_boilerplate_marked,
)
from bilingual.extract.htmltree import Element
from bilingual.extract.patterns import (
    ARTICLE_BODY,
    BYLINE,
    DATE,
    KICKER,
    NEGATIVE,
    POSITIVE,
    PROMO_LINE,
    STANDFIRST,
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
_KEY_TAGS = frozenset({"h1", "article", "main"})
_ARTICLE_TYPE = re.compile(r"Article|BlogPosting|Report", re.I)
_MIN_PARAGRAPH = 25


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
        self._holds_article: dict[int, bool] = {}
        self._compute_holders()

    def _compute_holders(self) -> None:
        # An element that contains the headline or the article element is a
        # page wrapper, whatever its class says ("has-sidebar", "layout").
        for element in self.index.body.iter_elements(*_KEY_TAGS):
            for ancestor in [element, *element.ancestors()]:
                if self._holds_article.get(id(ancestor)):
                    break
                self._holds_article[id(ancestor)] = True

    def own_mark(self, element: Element) -> bool:
        if self._holds_article.get(id(element)):
            return False
        tag = element.tag
        if tag in ("aside", "footer", "nav", "menu"):
            return not _is_pullquote(element)
        if tag == "header":
            return True
        if tag == "a":
            return False
        label = class_and_id(element)
        if label and ARTICLE_BODY.search(label):
            return False
        return is_boilerplate_marked(element)

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


def _is_pullquote(element: Element) -> bool:
    label = class_and_id(element).lower()
    return "pull" in label or "quote" in label or "cita" in label


def find_article(index: PageIndex) -> Article:
    blocks = collect_blocks(index, index.body)
    marks = _Marks(index)
    usable = [b for b in blocks if not marks.excluded(b.container)]
    roots = _body_roots(index, usable)
    article = Article(roots=roots)
    body = [b for b in usable if _inside_any(b.container, roots) and not _is_promo(b)]
    article.title = _find_title(index, usable, roots)
    header_roles: dict[int, str] = {}
    header = _header_blocks(index, usable, roots, article.title, header_roles)
    chosen: dict[int, TextBlock] = {}
    for block in body + header:
        chosen[id(block)] = block
    article.blocks = sorted(chosen.values(), key=lambda b: b.start)
    for block in article.blocks:
        article.roles[id(block)] = header_roles.get(id(block)) or _role(block, roots)
    return article


def _is_promo(block: TextBlock) -> bool:
    text = block.text
    if PROMO_LINE.match(text) and (block.link_chars or len(text) < 40):
        return True
    if block.container.tag in HEADINGS:
        return False
    return len(text) < 200 and block.link_chars > 0.6 * len(text)


# --- body ---------------------------------------------------------------


def _body_roots(index: PageIndex, blocks: list[TextBlock]) -> list[Element]:
    scores: dict[int, float] = {}
    elements: dict[int, Element] = {}
    totals: dict[int, list[int]] = {}
    body = index.body
    for block in blocks:
        for ancestor in _up_to(block.container, body):
            stats = totals.setdefault(id(ancestor), [0, 0])
            stats[0] += len(block.text)
            stats[1] += block.link_chars
        if len(block.text) < _MIN_PARAGRAPH:
            continue
        score = 1 + block.text.count(",") + min(len(block.text) // 100, 3)
        start = block.container.parent if block.container.tag in _PARAGRAPH_LIKE else block.container
        for level, ancestor in enumerate(_up_to(start, body)):
            if level > 2:
                break
            key = id(ancestor)
            if key not in scores:
                elements[key] = ancestor
                scores[key] = _initial_score(ancestor)
            scores[key] += score / (1 if level == 0 else 2 if level == 1 else level * 3)
    if not scores:
        return [body]
    final = {}
    for key, score in scores.items():
        text, links = totals.get(key, [0, 0])
        density = links / text if text else 0
        final[key] = score * (1 - density)
    best_key = max(final, key=lambda k: final[k])
    best = elements[best_key]
    return _with_siblings(best, final, totals, index)


def _up_to(element: Element | None, stop: Element) -> list[Element]:
    chain = []
    while element is not None:
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
        elif POSITIVE.search(label):
            score += 25
        if NEGATIVE.search(label):
            score -= 25
    if element.get("itemprop") == "articleBody":
        score += 50
    return score


def _with_siblings(
    best: Element, scores: dict[int, float], totals: dict[int, list[int]], index: PageIndex
) -> list[Element]:
    parent = best.parent
    if parent is None or best is index.body:
        return [best]
    threshold = max(10.0, scores[id(best)] * 0.2)
    roots = []
    for sibling in parent.children:
        if not isinstance(sibling, Element):
            continue
        if sibling is best or scores.get(id(sibling), -1e9) >= threshold:
            roots.append(sibling)
    return roots


def _inside_any(element: Element, roots: list[Element]) -> bool:
    node: Element | None = element
    while node is not None:
        if any(node is r for r in roots):
            return True
        node = node.parent
    return False


# --- headline, standfirst, byline, date -----------------------------------


def _find_title(index: PageIndex, blocks: list[TextBlock], roots: list[Element]) -> Element | None:
    h1s = [b.container for b in blocks if b.container.tag == "h1"]
    if not h1s:
        return None
    first_root = roots[0].start if roots else 0
    inside = [h for h in h1s if _inside_any(h, roots)]
    if inside:
        return inside[0]
    before = [h for h in h1s if h.start <= first_root]
    return before[-1] if before else h1s[0]


def _header_blocks(
    index: PageIndex,
    blocks: list[TextBlock],
    roots: list[Element],
    title: Element | None,
    roles: dict[int, str],
) -> list[TextBlock]:
    """Blocks around the body that belong to the article: the headline,
    standfirst, byline, date, and figures between headline and body."""
    if title is None:
        return []
    scope = _scope(title, roots, index)
    start = title.start
    end = max([scope.end, *(r.end for r in roots)])
    chosen = []
    for block in blocks:
        if block.start < start or block.start >= end:
            continue
        if block.container is title or _inside_any(block.container, [title]):
            roles[id(block)] = "title"
            chosen.append(block)
            continue
        if _inside_any(block.container, roots):
            continue
        role = _header_role(block, scope)
        if role is None and _in_figure(block.container, scope):
            role = "caption"
        if role is None or (role not in ("byline", "date") and _is_promo(block)):
            continue
        roles[id(block)] = role
        chosen.append(block)
    return chosen


def _in_figure(element: Element, scope: Element) -> bool:
    node: Element | None = element
    while node is not None and node is not scope:
        if node.tag in ("figure", "figcaption"):
            return True
        node = node.parent
    return False


def _scope(title: Element, roots: list[Element], index: PageIndex) -> Element:
    """The nearest element holding both the headline and the body."""
    node: Element | None = title
    while node is not None and node is not index.body:
        if all(_inside_any(r, [node]) for r in roots):
            return node
        node = node.parent
    return index.body


def _header_role(block: TextBlock, scope: Element) -> str | None:
    node: Element | None = block.container
    while node is not None and node is not scope:
        label = class_and_id(node)
        if label:
            if KICKER.search(label):
                return None
            if BYLINE.search(label) or node.get("rel") == "author":
                return "byline"
            if DATE.search(label):
                return "date"
            if STANDFIRST.search(label):
                return "standfirst"
        if node.tag == "time":
            return "date"
        node = node.parent
    for element in block.container.iter_elements("time", "a"):
        if element.tag == "time":
            return "date"
        if element.get("rel") == "author" or "author" in element.get("href"):
            return "byline"
    return None


def _role(block: TextBlock, roots: list[Element]) -> str:
    container = block.container
    tag = container.tag
    for ancestor in [container, *container.ancestors()]:
        if ancestor.tag in ("blockquote", "q") or (_is_pullquote(ancestor) and ancestor.tag == "aside"):
            return "quote"
        if ancestor.tag in ("figcaption", "caption"):
            return "caption"
        if ancestor.tag in ("td", "th"):
            return "table-cell"
        if any(ancestor is r for r in roots):
            break
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


def is_article_type(value: str) -> bool:
    return bool(_ARTICLE_TYPE.search(value))
