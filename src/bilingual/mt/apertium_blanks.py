"""A stage of the Apertium pipeline that puts back the blanks some transfer
rules drop.

apertium-eng-spa's rules for English compounds such as "ten-year plan" or
"12-year-old boy" reorder the words and give them no blank between them:
"plandediez años", "chicode12años". The words came from one hyphenated
source token, which has no blanks to copy. This stage runs on the stream
between the last transfer stage and generation, and puts a space between two
lexical units of words (nouns, verbs, prepositions, numbers…) that touch:
"plan de diez años". Punctuation, symbols and unknown words keep touching
what they touched, and so do a number and a number or an acronym written
against it ("3D", "4G").

The stage is a Perl substitution (Perl is part of every Debian system): a
Python process would add its start-up, about 25 ms, to every run. It reads
NUL-separated blocks (``-z`` mode) and writes each one as soon as it is
complete.

In the stream, a lexical unit is ``^lemma<tag>…$`` (``\\`` escapes), a
word-bound blank ``[[…]]`` stands right before the unit it belongs to, and
anything else between two units is a blank.
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


def blank_stage() -> str | None:
    """The stage as a shell command, or ``None`` where there is no Perl."""
    if shutil.which("perl") is None:
        return None
    return f"perl -0 -pe {shlex.quote(PROGRAM)}"
