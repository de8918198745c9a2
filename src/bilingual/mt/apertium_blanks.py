"""Stages added to the Apertium pipeline, where the pair's own rules leave
blanks wrong.

**Blanks between words.** apertium-eng-spa's rules for English compounds
such as "ten-year plan" or "12-year-old boy" reorder the words and give them
no blank between them: "plandediez años", "chicode12años". The words came
from one hyphenated source token, which has no blanks to copy. The blank
stage runs on the stream between the last transfer stage and generation,
and puts a space between two lexical units of words (nouns, verbs,
prepositions, numbers…) that touch: "plan de diez años". Punctuation,
symbols and unknown words keep touching what they touched, and so do a
number and a number or an acronym written against it ("3D", "4G").

**Periods of abbreviations.** The analyser knows some abbreviations whole
("Mr.", "Jan.", "U.S."); after any other ("Sen.", "Corp.", "Calif.",
"U.K.", "EE. UU.") it reads the period as the end of a sentence, and the
transfer rules then capitalise the next word: "Sen. Doe Y Rep. Lee", "el
U.K. Ascendió", "EE. UU. And". A segment is one sentence, so the period
stage, right after analysis, joins such a period (after an unknown word,
with words after it in the segment) to the word, which is copied as it is
with its period ("Corp."), and stays inside a link around it. A question
that a lower-case word follows ("“What now?” she asked") gave "“¿Qué
ahora?” Pidió" the same way; there the mark travels as a blank.

**Surnames that are words.** After a first name the analyser knows
("John", "Javier"), it read the surname as a word and translated it: "John
Panadero" for John Baker, "Tom Tasa" for Tom Price, "Javier Moon" for
Javier Luna, "Rubén Walls" for Rubén Paredes. The same stage copies up to two
capitalised words after a first name as they are.

**An unknown word opening a sentence.** "Okafor forced a save" gave "Okafor
Forzó un salvar": the transfer rules capitalise the first word they handle,
and an unknown word is not theirs. The stage gives such a word (capitalised,
opening the segment) the analysis of a name, which Apertium copies as it is.

The stages are Perl substitutions (Perl is part of every Debian system): a
Python process would add its start-up, about 25 ms, to every run. They read
NUL-separated blocks (``-z`` mode) and write each one as soon as it is
complete.

In the stream, a lexical unit is ``^surface/analysis…$`` after analysis and
``^lemma<tag>…$`` after transfer (``\\`` escapes; an unknown word's
analysis is ``*`` and the word), a word-bound blank ``[[…]]`` stands right
before the unit it belongs to, a blank in brackets (``[…]``) is copied as it
is, and anything else between two units is a blank.
"""

from __future__ import annotations

import shlex
import shutil

WORD_TAGS = (
    "n np pr num adj adv preadv predet vblex vbser vbhaver vbmod vaux prn det rel cnjcoo cnjsub cnjadv ij".split()
)

# A word unit gets a space after it when the next thing in the stream is a
# word unit (a word-bound blank in between is no blank). The lookahead
# leaves that next unit to be matched in its turn; $1 and $2 are the two
# units' first tags, $3 the next unit's other tags.
PROGRAM = r"""
BEGIN { $| = 1 }
my $word = qr/(?:WORD_TAGS)/;
my $rest = qr/(?:\\.|[^\\\$])*/;     # the rest of a unit, up to its end
s{
    (?<!\\) \^ (?:\\.|[^\\^\$<])* <($word)> $rest \$ \K
    (?= (?: \[\[ (?:\\.|[^\]\\])* \]\] )? \^ (?:\\.|[^\\^\$<])* <($word)> ($rest) \$ )
}{
    $1 eq "num" && ($2 eq "num" || $3 =~ /^<acr>/) ? "" : " "
}gex;
""".replace("WORD_TAGS", "|".join(WORD_TAGS))

_CALENDAR = (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December"
).split()


# An unknown word's unit, then a period read as a sentence end, with a unit
# holding a letter or a digit later in the block: the period joins the word.
# A question or exclamation mark with only blanks (a closing quote) between
# it and a word in lower case ("What now?" she asked) becomes a blank in
# brackets, copied as it is; so does the period after a number when a word
# in lower case follows ("su 17.<sup>º</sup> gol" gave "his 17.º Goal").
# (Lower case: a-z or, in UTF-8, à to ÿ; upper
# case: A-Z, À to Þ.) One or two capitalised words after a first name the
# analyser knows are a surname, made an unknown word, which is copied as
# it is ("John Baker", not "John Panadero"), unless the segment is a title
# with four words in five capitalised, or the word is a weekday or a month
# ("met Javier Milei Tuesday"). An unknown capitalised word opening
# the segment (after "¿" or "¡"; not one of our placeholders, which are not
# words) is given the analysis of a name ("Okafor forced…"): as an
# unknown word, it made the transfer capitalise the word after it ("Okafor
# Forzó").
PERIOD_PROGRAM = r"""
BEGIN { $| = 1 }
s{
    \^ ((?:\\.|[^\\^\$/])*) /\* ((?:\\.|[^\\\$])*) \$ \^\./\.<sent>\$
    (?= [^\0]*? \^ (?:\\.|[^\\\$/])* \w )
}{^$1./*$2.\$}gx;
s{ \^ ([?!]+) / \1 <sent> \$ (?= [^\^\0]* \^ (?:[a-z]|\xc3[\xa0-\xbf]) ) }{[$1]}gx;
s{
    \^ (\d+) / \1 <num> \$ \^\./\.<sent>\$
    (?= (?: [^\^\0] | \^ [^\/\$]* \/ \* [^\$]* \$ )* \^ (?:[a-z]|\xc3[\xa0-\xbf]) )   # blanks, unknown words
}{^$1./*$1.\$}gx;
my $upper = qr/(?:[A-Z]|\xc3[\x80-\x9e])/;
my $calendar = qr/(?:CALENDAR)/;   # no surname: "met Javier Milei Tuesday"
my $lower = () = /\^(?:[a-z]|\xc3[\x9f-\xbf])/g;
my $words = () = /\^\w/g;
unless ($words >= 5 && 5 * $lower < $words) {   # not a title in title case
    1 while s{
        ( \^ [^/\$]* / [^\$]* <np><ant> [^\$]* \$ (?: \ \^ ($upper [^/\$]*) /\* \2 \$ )? )
        \ \^ (?! $calendar / ) ($upper [^/\$]*) / (?! [^\$]* <np> ) ([^*\$] [^\$]*) \$
    }{$1 ^$3/*$3\$}x;
}
my $opening = qr/ [^\^\0]*? (?: \^ [^\/\$]* \/ [^\$]* <lquest> \$ [^\^\0]*? )? /x;  # blanks, "¿" or "¡"
s{ \A ($opening) \^ (?! X+TERM\d+X \/ ) ($upper [^\/\$]*) \/\* \2 \$ }{$1^$2/$2<np><ant><m><sg>\$}x;
""".replace("CALENDAR", "|".join(_CALENDAR))


def blank_stage() -> str | None:
    """The blank stage as a shell command, or ``None`` where there is no Perl."""
    return _perl(PROGRAM)


def period_stage() -> str | None:
    """The period stage as a shell command, or ``None`` where there is no Perl."""
    return _perl(PERIOD_PROGRAM)


def _perl(program: str) -> str | None:
    if shutil.which("perl") is None:
        return None
    return f"perl -0 -pe {shlex.quote(program)}"
