"""Small pieces of Spanish grammar the glossary needs: plurals of term forms
and the article in front of a term agreeing with its gender and number."""

from __future__ import annotations

_PREPOSITIONS = frozenset("de del a al para por en con sobre sin entre contra desde hasta y e o".split())
ACCENT_DROP = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")  # (also the matcher's, for singulars)
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
    """Regular Spanish plural of one word, with the written accent the
    plural gains or loses ("joven" -> "jóvenes", "autobús" -> "autobuses");
    a word in -s or -x not stressed on its last syllable does not change
    ("la crisis" -> "las crisis", "el virus" -> "los virus")."""
    if not word or not word[-1].isalpha() or word.isupper():
        return word
    lower = word.lower()
    nuclei = _vowel_nuclei(lower)
    accented = [i for i in nuclei if lower[i] in _ACCENTED]
    stressed_last = len(nuclei) <= 1 or (bool(accented) and accented[-1] == nuclei[-1])
    if lower.endswith(("s", "x")):
        if not stressed_last:
            return word
        return _unaccented_last(word, nuclei) + "es"
    if lower.endswith("z"):
        return word[:-1] + ("ces" if word[-1].islower() else "CES")
    if lower[-1] in "aeiouáéó":
        return word + "s"
    if lower.endswith("n") and len(nuclei) > 1 and not accented:  # "orden" -> "órdenes"
        place = nuclei[-2]
        return word[:place] + word[place].translate(ACCENT_ADD) + word[place + 1 :] + "es"
    if lower.endswith("n") and stressed_last:  # "acción" -> "acciones"
        return _unaccented_last(word, nuclei) + "es"
    if lower.endswith("n") and len(nuclei) > 2 and accented == [nuclei[-3]]:  # "régimen" -> "regímenes"
        first, second = nuclei[-3], nuclei[-2]
        moved = word[:first] + word[first].translate(ACCENT_DROP) + word[first + 1 : second]
        return moved + word[second].translate(ACCENT_ADD) + word[second + 1 :] + "es"
    return word + "es"


_ACCENTED = frozenset("áéíóú")
ACCENT_ADD = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
_STRONG = frozenset("aeoáéóíú")  # (an accented i or u stands alone: "país")
_VOWELS = frozenset("aeiouáéíóúü")


def _vowel_nuclei(lower: str) -> list[int]:
    """Where each syllable's stressable vowel is: in a diphthong its strong
    vowel ("ie", "ue": the e; "ui": the i), two strong vowels apart."""
    nuclei: list[int] = []
    i = 0
    while i < len(lower):
        if lower[i] not in _VOWELS or (lower[i] == "u" and i and lower[i - 1] in "qg"):
            i += 1
            continue
        start = i
        while i < len(lower) and lower[i] in _VOWELS:
            i += 1
        group = range(start, i)
        nucleus = None
        for j in group:
            if lower[j] in _STRONG:
                if nucleus is not None and lower[nucleus] in _STRONG:
                    nuclei.append(nucleus)  # a hiatus: "leer", "país"
                nucleus = j
            elif nucleus is None or lower[nucleus] not in _STRONG:
                nucleus = j  # of two weak vowels the second: "ciudad"
        nuclei.append(nucleus if nucleus is not None else start)
    return nuclei


def _unaccented_last(word: str, nuclei: list[int]) -> str:
    """``word`` without the accent on its last syllable, which its plural
    does not need ("autobuses", "acciones"); kept on an i or u standing
    apart from a vowel ("países")."""
    if not nuclei:
        return word
    place = nuclei[-1]
    vowel = word[place]
    if vowel.lower() not in _ACCENTED:
        return word
    neighbours = word[place - 1 : place] + word[place + 1 : place + 2]
    if vowel.lower() in "íú" and any(c.lower() in _VOWELS for c in neighbours):
        return word
    return word[:place] + vowel.translate(ACCENT_DROP) + word[place + 1 :]


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
_MASCULINE = ("o", "or", "aje", "ón", "on", "án", "ín", "és", "ismo", "us", "ús")
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
