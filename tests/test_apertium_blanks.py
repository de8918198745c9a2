"""The stages added to the Apertium pipeline: blanks its transfer rules drop,
periods of abbreviations it reads as sentence ends."""

from __future__ import annotations

from collections.abc import Callable


def test_the_blank_stage_spaces_touching_words_only_and_answers_block_by_block() -> None:
    from bilingual.mt.apertium_blanks import blank_stage

    cases = {
        # words a transfer rule put together; a word-bound blank stays with its unit
        b"^plan<n><m><sg>$^de<pr>$[[c1]]^diez<num><mf><sp>$ ^a\\$o<n><m><pl>$^.<sent>$": (
            b"^plan<n><m><sg>$ ^de<pr>$ [[c1]]^diez<num><mf><sp>$ ^a\\$o<n><m><pl>$^.<sent>$"
        ),
        b"^3<num>$^D<num><mf><sg>$ ^4<num>$^G<n><acr><sg>$": b"^3<num>$^D<num><mf><sg>$ ^4<num>$^G<n><acr><sg>$",
        b"^*XTERM1X$^de<pr>$[e1]^casa<n><f><sg>$^,<cm>$": b"^*XTERM1X$^de<pr>$[e1]^casa<n><f><sg>$^,<cm>$",
    }
    _answers_block_by_block(blank_stage, cases)


def test_the_period_stage_joins_a_period_to_the_unknown_word_before_it_inside_a_segment_only() -> None:
    from bilingual.mt.apertium_blanks import period_stage

    cases = {
        # "Corp. and": the period is no sentence end; inside a word-bound blank too
        b"^Acme/Acme<n><sg>$ [[c1]]^Corp/*Corp$^./.<sent>$[[/]] ^and/and<cnjcoo>$": (
            b"^Acme/Acme<n><sg>$ [[c1]]^Corp./*Corp.$[[/]] ^and/and<cnjcoo>$"
        ),
        b"^the/the<det>$ ^U/*U$^./.<sent>$^K/*K$^./.<sent>$ ^rose/rise<vblex><past>$^./.<sent>$": (
            b"^the/the<det>$ ^U./*U.$^K./*K.$ ^rose/rise<vblex><past>$^./.<sent>$"
        ),
        # the segment's own end, after an unknown word or a known one, stays a sentence end
        b"^by/by<pr>$ ^Corp/*Corp$^./.<sent>$": b"^by/by<pr>$ ^Corp/*Corp$^./.<sent>$",
        b"^Mr./Mr.<n><sg>$ ^Lee/Lee<np>$ ^left/leave<vblex><past>$^./.<sent>$": (
            b"^Mr./Mr.<n><sg>$ ^Lee/Lee<np>$ ^left/leave<vblex><past>$^./.<sent>$"
        ),
        b"^in/in<pr>$ ^Calif/*Calif$^./.<sent>$^)/)<rpar>$": b"^in/in<pr>$ ^Calif/*Calif$^./.<sent>$^)/)<rpar>$",
        # a question a lower-case word follows, after a closing quote: the mark becomes a blank
        b'"^What/What<prn>$ ^now/now<adv>$^?/?<sent>$" ^she/prpers<prn>$': (
            b'"^What/What<prn>$ ^now/now<adv>$[?]" ^she/prpers<prn>$'
        ),
        "^ya/ya<adv>$^!/!<sent>$ ^él/él<prn>$".encode(): "^ya/ya<adv>$[!] ^él/él<prn>$".encode(),
        b"^now/now<adv>$^?/?<sent>$ ^Yes/Yes<adv>$": b"^now/now<adv>$^?/?<sent>$ ^Yes/Yes<adv>$",
        # a surname after a first name, up to two words, is copied as written
        b"^with/with<pr>$ ^Tom/Tom<np><ant><m><sg>$ ^Price/Price<n><sg>/Price<vblex><inf>$ ^on/on<pr>$": (
            b"^with/with<pr>$ ^Tom/Tom<np><ant><m><sg>$ ^Price/*Price$ ^on/on<pr>$"
        ),
        "^con/con<pr>$ ^Mariana/Mariana<np><ant><f><sg>$ ^Echeverría/*Echeverría$ ^Luna/Luna<n><f><sg>$".encode(): (
            "^con/con<pr>$ ^Mariana/Mariana<np><ant><f><sg>$ ^Echeverría/*Echeverría$ ^Luna/*Luna$".encode()
        ),
        # (a weekday or a month is no surname: "met Javier Milei Tuesday")
        b"^met/meet<vblex><past>$ ^Maria/Maria<np><ant><f><sg>$ ^Tuesday/Tuesday<n><sg>$ ^in/in<pr>$": (
            b"^met/meet<vblex><past>$ ^Maria/Maria<np><ant><f><sg>$ ^Tuesday/Tuesday<n><sg>$ ^in/in<pr>$"
        ),
        # a number's period a lower-case word follows ("17.<sup>º</sup> gol") is no sentence end
        b"^su/suyo<det>$ ^17/17<num>$^./.<sent>$[[c1]]^\xc2\xba/*\xc2\xba$[[/]] ^gol/gol<n>$": (
            b"^su/suyo<det>$ ^17./*17.$[[c1]]^\xc2\xba/*\xc2\xba$[[/]] ^gol/gol<n>$"
        ),
        b"^of/of<pr>$ ^2024/2024<num>$^./.<sent>$ ^The/the<det>$": b"^of/of<pr>$ ^2024/2024<num>$^./.<sent>$ ^The/the<det>$",
        # an unknown capitalised word opening the segment reads as a name; a placeholder does not
        b"^Okafor/*Okafor$ ^forced/force<vblex><past>$": b"^Okafor/Okafor<np><ant><m><sg>$ ^forced/force<vblex><past>$",
        "^¡/¡<lquest>$^Ojalá/*Ojalá$ ^funcione/funcionar<vblex>$".encode(): (
            "^¡/¡<lquest>$^Ojalá/Ojalá<np><ant><m><sg>$ ^funcione/funcionar<vblex>$".encode()
        ),
        b"^XTERM1X/*XTERM1X$^Published/publish<vblex><pp>$": b"^XTERM1X/*XTERM1X$^Published/publish<vblex><pp>$",
    }
    _answers_block_by_block(period_stage, cases)


def _answers_block_by_block(make_stage: Callable[[], str | None], cases: dict[bytes, bytes]) -> None:
    """The stage gives each case's expected block, one block at a time."""
    import subprocess

    stage = make_stage()
    assert stage is not None, "perl is part of every Debian system"

    with subprocess.Popen(["bash", "-c", stage], stdin=subprocess.PIPE, stdout=subprocess.PIPE) as process:
        assert process.stdin is not None and process.stdout is not None
        for given, expected in cases.items():
            process.stdin.write(given + b"\0")
            process.stdin.flush()  # one block at a time: each comes back before the next is sent
            answer = b""
            while not answer.endswith(b"\0"):
                answer += process.stdout.read1(1 << 16)
            assert answer == expected + b"\0"
        process.stdin.close()
