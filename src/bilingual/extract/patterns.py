"""Class/id vocabularies news sites use, as data.

Vocabularies are matched against the words of an element's ``class`` and
``id`` (and a few data attributes).
"""

from __future__ import annotations

import re


class Vocabulary:
    """Words (and hyphenated phrases, and ``prefix*`` entries) that mark a
    kind of element when they appear among the words of its class/id.

    A label is split into words at separators and camelCase humps
    (``gnt_ar_b``, ``articleBody``, ``td-post-content``); an entry matches a
    word, its plural, or a run of consecutive words.
    """

    def __init__(self, *groups: str):
        entries = [w.lower().replace("_", "-") for g in groups for w in g.split()]
        self.words = frozenset(e for e in entries if not e.endswith("*"))
        self.prefixes = tuple(e[:-1] for e in entries if e.endswith("*"))
        self.longest = max(e.count("-") for e in self.words) + 1
        self._cache: dict[str, bool] = {}

    def search(self, label: str) -> bool:
        cached = self._cache.get(label)
        if cached is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            cached = self._cache[label] = self._match(_words_of(label))
        return cached

    def _match(self, words: list[str]) -> bool:
        for i in range(len(words)):
            for n in range(1, min(self.longest, len(words) - i) + 1):
                phrase = "-".join(words[i : i + n])
                if phrase in self.words or (phrase.endswith("s") and phrase[:-1] in self.words):
                    return True
            if self.prefixes and words[i].startswith(self.prefixes):
                return True
        return False


_PARTS = re.compile(r"[^0-9A-Za-zÀ-ÖØ-öø-ÿ]+")
# camelCase humps split words; letters and digits stay together, so hashed
# class names ("css-779ad0") do not yield words ("ad") by accident
_CAMEL = re.compile(r"[A-ZÀ-ÖØ-Þ0-9]+(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])|[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ0-9]+|[A-ZÀ-ÖØ-Þ0-9]+")
_NUMBERED = re.compile(r"([a-zß-öø-ÿ]+)[0-9]+")


_WORDS: dict[str, list[str]] = {}


def _words_of(label: str) -> list[str]:
    """``label_words``, kept: a label is asked of every vocabulary."""
    words = _WORDS.get(label)
    if words is None:
        if len(_WORDS) > 50_000:
            _WORDS.clear()
        words = _WORDS[label] = label_words(label)
    return words


def label_words(label: str) -> list[str]:
    words = []
    for part in _PARTS.split(label):
        for word in _CAMEL.findall(part):
            word = word.lower()
            numbered = _NUMBERED.fullmatch(word)  # "ad1", "sidebar2": the word with a number
            words.append(numbered.group(1) if numbered else word)
    return words


# Blocks that are never article text, wherever they sit.
BOILERPLATE = Vocabulary(
    "nav navbar navigation menu breadcrumb breadcrumbs skip-link masthead site-header site-footer footer",
    "sidebar side-bar widget related relacionado relacionada relacionados relacionadas recommended",
    "recomendado recomendada recomendados recomendadas more-stories",
    "te-puede-interesar lee-tambien leer-mas read-more also-read trending popular most-read",
    "mas-leido mas-leida mas-leidos mas-leidas segui-leyendo sigue-leyendo mas-noticias",
    "tag tags tag-list topic topics temas keywords etiquetas",
    "share sharing social compartir follow sharedaddy addthis sociable",
    "twitter-tweet instagram-media tiktok-embed fb-post social-embed embed-social embedded-post",
    "comment comments comentarios disqus respond reply",
    "cookie cookies consent gdpr newsletter suscri* subscribe subscription signup sign-up",
    "login modal popup overlay",
    "ad ads advert* publicidad banner sponsor* promo* dfp gpt outbrain taboola",
    "author-bio author-box about-the-author bio-box byline-bio autor-box autor-bio sobre-el-autor sobre-la-autora",
    "pagination pager print-only visually-hidden sr-only screen-reader",
    "jp-relatedposts yarpp breaking-news ticker",
    "donate donation donations donaciones colabora sumate support-us membership hazte-socio apoyanos",
    "contribute contribution supporter",
)

# A paywall: its box is boilerplate, but a paragraph marked so is article
# text the page shows, or hides, to readers who have not paid.
GATE = Vocabulary("paywall premium-wall registration-wall")

# Containers that usually hold the article body.
ARTICLE_BODY = Vocabulary(
    "article-body article-content article-text story-body story-content",
    "storytext story-text entry-content post-content post-body td-post-content single-content",
    "body-article article-body-text cuerpo cuerpo-nota nota-body a_c content-body main-content",
    "articulo-cuerpo rich-text paywall-content text-block",
)

POSITIVE = Vocabulary("article body content entry main news noticia nota post story text blog hentry")
ARTICLE_HEAD = Vocabulary("header head headline heading hero title titulo titular meta")

NEGATIVE = Vocabulary(
    "combx contact foot footer footnote masthead media meta outbrain promo related scroll",
    "shoutbox sidebar sponsor shopping tags tool widget hidden caption-credit",
)

STANDFIRST = Vocabulary(
    "standfirst dek deck lead lede summary subtitle subhead sub-title subheadline bajada sumario",
    "subtitulo subtítulo copete epigrafe alternative-headline",
    "entradilla excerpt intro kicker-summary article-summary a_st description teaser-text",
)
BYLINE = Vocabulary("byline by-line author autor autores firma author-name writer")
DATE = Vocabulary("date fecha published publish time timestamp dateline pubdate updated")
PLAYER = Vocabulary("video videos video-player videoplayer player audio audio-player podcast podcast-embed")
KICKER = Vocabulary("kicker eyebrow overline category section-label antetitulo cintillo volanta")

# One-line promotions inside the body ("LEE TAMBIÉN: …", "Read more: …").
PROMO_LINE = re.compile(
    r"^\W*(?:lee tambi[eé]n|leer m[aá]s|lea tambi[eé]n|te puede interesar|puede interesarte|"
    r"seguí leyendo|sigue leyendo|mira tambi[eé]n|ver tambi[eé]n|m[aá]s noticias|relacionad[ao]s?|"
    r"read more|read also|also read|see also|related|more:|recommended|watch:|"
    r"suscr[ií]bete|suscr[ií]base|suscr[ií]bite|subscribe|sign up|follow us|s[ií]guenos|sigue toda la informaci[oó]n|"
    r"siga a|haz clic aqu[ií]|haga clic aqu[ií]|click here)(?!\w)",
    re.I,
)

# Where a link asking for money, a subscription or a follow goes: the site's own
# donation, membership and subscription pages (a path on the same site; a
# charity's page elsewhere may be news), and messaging channels.
APPEAL_HREF = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]{2})?/)?(?:donate|donar|dona|donaciones|support-us|apoyanos|membership|"
    r"membres[ií]a|hazte-miembro|subscribe|subscriptions?|suscr[ií]bete|suscripci[oó]n(?:es)?)(?:[/?#.]|$)|"
    r"^https?://(?:www\.)?(?:whatsapp\.com/channel|wa\.me|t\.me)/",
    re.I,
)

# Lines that are page furniture wherever they appear, links or not.
FURNITURE_LINE = re.compile(
    r"^\W*(?:advertisement|publicidad|anuncio|share (?:this|on|via)|compartir|comparte esta|"
    r"tags?:|etiquetas:|temas:|a version of this article appears in print|"
    r"una versi[oó]n de este art[ií]culo|you have read \d+ of|has le[ií]do \d+ de|"
    r"this article is for subscribers|este art[ií]culo es exclusivo|"
    r"(?:the )?(?:story|article) continues|continues below|la (?:nota|noticia) contin[uú]a|"
    r"contin[uú]a (?:leyendo|despu[eé]s)|trending now|lo m[aá]s le[ií]do|"
    r"(?:hide|toggle) caption\s*$|\d+\s*min(?:ute)?s? read\s*$|\d+\s*min(?:utos)? de lectura\s*$|"
    r"tiempo de lectura:?\s*\d+\s*min(?:utos?)?|lectura:?\s*\d+\s*min(?:utos)?\s*$|"
    r"(?:was|is) (?:this|it) (?:article |story )?helpful|¿?te (?:result[oó]|fue|ha resultado) [uú]til|"
    r"get (?:breaking )?news|sign up for|colabora con|"
    r"support (?:our |independent |local )+journalism|"
    r"hazte (?:miembro|socio)|become a member|donate|"
    r"descarga (?:la|nuestra) app|download (?:the|our) app|get the app|"
    r"recibe (?:nuestro|nuestros|las) (?:bolet[ií]n|bolet[ií]nes|noticias)|"
    r"[uú]nete a nuestro canal|join our (?:whatsapp|telegram|whats app) channel|"
    r"suscr[ií]b\w* a .{1,40}? para (?:seguir leyendo|leer)|subscribe to .{1,40}? to (?:keep|continue) reading|"
    r"\d{1,3} (?:of|de) \d{1,3}\s*$)(?!\w)",  # the last: a gallery's slide counter
    re.I,
)

# A media player's clock: "00:00 / 02:41" (a time alone may be a live blog's entry time)
MEDIA_TIME = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s*/?\s*\d{1,2}:\d{2}(?::\d{2})?\s*$")
# A video's label and title: "Vídeo | Así fue…", "Video Qué hacer si…"
MEDIA_LABEL = re.compile(r"^\W*(?i:v[ií]deo)(?:\s*[|:·]|\s+[¿¡]?[A-ZÁÉÍÓÚÑ])")

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
NOTRANSLATE_CLASS = re.compile(r"(?:^|\s)notranslate(?:\s|$)")
