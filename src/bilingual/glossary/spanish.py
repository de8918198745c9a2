"""Small pieces of Spanish grammar the glossary needs: plurals of term forms
and the article in front of a term agreeing with its gender and number."""

from __future__ import annotations

_PREPOSITIONS = frozenset("de del a al para por en con sobre sin entre contra desde hasta y e o".split())
_ACCENT_DROP = str.maketrans("áéíóú", "aeiou")
ARTICLES = {
    ("m", "sg"): "el",
    ("f", "sg"): "la",
    ("m", "pl"): "los",
    ("f", "pl"): "las",
}
INDEFINITES = {("m", "sg"): "un", ("f", "sg"): "una", ("m", "pl"): "unos", ("f", "pl"): "unas"}
_DEFINITE = frozenset({"el", "la", "los", "las"})
_INDEFINITE = frozenset({"un", "una", "unos", "unas"})


def plural_word(word: str) -> str:
    """Regular Spanish plural of one word."""
    if not word or not word[-1].isalpha() or word.isupper():
        return word
    lower = word.lower()
    if lower.endswith(("s", "x")) and len(lower) > 3 and lower[-2] not in "aeiouáéíóú":
        return word
    if lower.endswith("z"):
        return word[:-1] + ("ces" if word[-1].islower() else "CES")
    if lower[-1] in "aeiouáéó":
        return word + "s"
    if lower.endswith(("ión", "án", "én", "ín", "ón", "ún", "és", "ás")):
        return word[:-2] + word[-2].translate(_ACCENT_DROP) + word[-1] + "es"
    return word + "es"


def plural_phrase(phrase: str) -> str:
    """Plural of a noun phrase: the words before the first preposition
    (noun and its adjectives) take the plural; the rest stays."""
    words = phrase.split(" ")
    out = []
    inflecting = True
    for word in words:
        if word.lower() in _PREPOSITIONS:
            inflecting = False
        out.append(plural_word(word) if inflecting else word)
    return " ".join(out)


_ARTICLE_WORDS = _DEFINITE | _INDEFINITE | {"del", "al"}


def _article_before(before: str) -> tuple[int, int] | None:
    """Start and end of the article ``before`` ends with (then white
    space), or None (a look at its last few characters only)."""
    end = len(before.rstrip())
    if end == len(before):
        return None
    start = end
    while start and end - start <= 4 and (before[start - 1].isalnum() or before[start - 1] == "_"):
        start -= 1
    if start and (before[start - 1].isalnum() or before[start - 1] == "_"):
        return None  # a longer word
    return (start, end) if before[start:end].lower() in _ARTICLE_WORDS else None


def agree_article(before: str, gender: str, number: str) -> str:
    """``before`` (text preceding a term) with its last article made to
    agree: ``del`` -> ``de la``, ``el`` -> ``la``, ``un`` -> ``una``…"""
    found = _article_before(before) if gender else None
    if found is None:
        return before
    number = number or "sg"
    start, end = found
    word, space = before[start:end], before[end:]
    lower = word.lower()
    replacement = None
    if lower in _DEFINITE:
        replacement = ARTICLES[(gender, number)]
    elif lower in _INDEFINITE:
        replacement = INDEFINITES[(gender, number)]
    elif lower == "del" and (gender, number) != ("m", "sg"):
        replacement = "de " + ARTICLES[(gender, number)]
    elif lower == "al" and (gender, number) != ("m", "sg"):
        replacement = "a " + ARTICLES[(gender, number)]
    if replacement is None or replacement == lower:
        return before
    if word[0].isupper():
        replacement = replacement[0].upper() + replacement[1:]
    return before[:start] + replacement + space


# Endings that make a Spanish noun feminine or masculine nearly always. A noun
# in -a is feminine unless it ends in -ma ("programa", "sistema" and "forma"
# disagree) or is one of the usual exceptions; a feminine noun that starts
# with a stressed a ("el agua", "el área") takes "el", so a is left alone.
_FEMININE = ("ión", "ion", "dad", "tad", "tud", "umbre", "triz")
_MASCULINE = ("o", "or", "aje", "ón", "on", "án", "ín", "és", "ismo")
_FEMININE_ODD = frozenset("mano foto moto radio flor labor razón sazón".split())
_MASCULINE_ODD = frozenset("día mapa planeta cometa sofá papá avión avion camión camion".split())
_STRESSED_A = frozenset(
    "agua alma arma aula ala ama ave asma acta ancla arca arpa alba alga hacha hada hambre habla hampa".split()
)


def guess_gender_number(form: str) -> tuple[str, str]:
    """Gender and number of a Spanish noun phrase from its first word (the
    head noun), or ``("", "")`` when the ending does not tell."""
    words = form.split()
    if not words or not words[0].isalpha() or words[0].isupper():
        return "", ""  # an acronym or a name with digits: no telling
    head = words[0].lower()
    number = "sg"
    if (len(head) > 4 and head.endswith(("as", "os"))) or (len(head) > 5 and head.endswith("es") and head.isascii()):
        number = "pl"
        head = (
            head[:-2]
            if head.endswith("es") and head[:-2].endswith(("ion", "on", "or", "dad", "tad", "tud", "triz"))
            else head[:-1]
        )
    if head in _DEFINITE or head in _INDEFINITE:
        return "", ""  # "La Habana": the article is part of the name
    if head.startswith(("á", "há")) or head in _STRESSED_A:
        return "", ""  # "el agua", "el área": feminine, yet "el"
    if head in _FEMININE_ODD:
        return "f", number
    if head in _MASCULINE_ODD:
        return "m", number
    if head.endswith(_FEMININE) or (head.endswith("a") and not head.endswith("ma")):
        return "f", number
    if head.endswith(_MASCULINE):
        return "m", number
    # a head whose ending does not tell, followed by an adjective that does ("Cruz Roja", "Corte Suprema")
    follower = words[1].lower() if len(words) > 1 and words[1].isalpha() else ""
    if len(follower) > 2 and follower not in _NOT_ADJECTIVES:
        if follower.endswith(("o", "os")):
            return "m", "pl" if follower.endswith("s") else "sg"
        if follower.endswith(("a", "as")):
            return "f", "pl" if follower.endswith("s") else "sg"
    return "", ""


_NOT_ADJECTIVES = frozenset("para contra hacia hasta como cada sobre".split())
