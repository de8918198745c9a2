"""Class/id vocabularies news sites use, as data.

Patterns are matched against an element's ``class`` and ``id`` (and a few
data attributes) as whole hyphen/underscore-separated words or prefixes.
"""

from __future__ import annotations

import re


def _words(*groups: str) -> re.Pattern[str]:
    words = "|".join(w for g in groups for w in g.split())
    return re.compile(rf"(?:^|[\s_\-:]|(?<=[a-z])(?=[A-Z]))(?:{words})(?=$|[\s_\-:0-9A-Z]|s\b)", re.I)


# Blocks that are never article text, wherever they sit.
BOILERPLATE = _words(
    "nav navbar navigation menu breadcrumbs? skip-link masthead site-header site-footer footer",
    "sidebar side-bar widget related relacionad[ao]s? recommended recomendad[ao]s? more-stories",
    "te-puede-interesar lee-tambien leer-mas read-more also-read trending popular most-read",
    "mas-leid[ao]s tags? tag-list topics? temas keywords etiquetas",
    "share sharing social compartir follow sharedaddy addthis sociable",
    "comments? comentarios disqus respond reply",
    "cookies? consent gdpr newsletter suscri[bp]\\w* subscribe subscription signup sign-up",
    "paywall premium-wall registration-wall login modal popup overlay",
    "ad ads advert\\w* advertisement publicidad banner sponsor\\w* promo\\w* dfp gpt outbrain taboola",
    "author-bio author-box about-the-author bio-box byline-bio",
    "pagination pager print-only visually-hidden sr-only screen-reader",
    "jp-relatedposts yarpp breaking-news ticker",
)

# Containers that usually hold the article body.
ARTICLE_BODY = _words(
    "article-body article-content articlebody article__body article-text story-body story-content",
    "storytext story-text entry-content post-content post-body td-post-content single-content",
    "body-article article-body-text cuerpo cuerpo-nota nota-body a_c content-body main-content",
    "articulo-cuerpo article__content rich-text paywall-content text-block",
)

POSITIVE = _words(
    "article body content entry main news noticia nota post story text blog hentry",
)

NEGATIVE = _words(
    "combx contact foot footer footnote masthead media meta outbrain promo related scroll",
    "shoutbox sidebar sponsor shopping tags tool widget hidden caption-credit",
)

STANDFIRST = _words(
    "standfirst dek deck lead lede summary subtitle subhead sub-title subheadline bajada sumario",
    "entradilla excerpt intro kicker-summary article-summary a_st description teaser-text",
)
BYLINE = _words("byline by-line author autor autores firma author-name writer")
DATE = _words("date fecha published publish time timestamp dateline pubdate updated")
KICKER = _words("kicker eyebrow overline category section-label antetitulo cintillo volanta")

# One-line promotions inside the body ("LEE TAMBIÉN: …", "Read more: …").
PROMO_LINE = re.compile(
    r"^\W*(lee tambi[eé]n|leer m[aá]s|lea tambi[eé]n|te puede interesar|puede interesarte|"
    r"seguí leyendo|sigue leyendo|mira tambi[eé]n|ver tambi[eé]n|m[aá]s noticias|relacionad[ao]|"
    r"read more|read also|also read|see also|related|more:|recommended|watch:|"
    r"suscr[ií]bete|subscribe|sign up|follow us|s[ií]guenos|advertisement|publicidad|anuncio)\b",
    re.I,
)

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
NOTRANSLATE_CLASS = re.compile(r"(?:^|\s)notranslate(?:\s|$)")
