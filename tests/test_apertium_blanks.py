"""The stage that puts back the blanks apertium-eng-spa's transfer rules drop."""

from __future__ import annotations


def test_the_blank_stage_spaces_touching_words_only_and_answers_block_by_block() -> None:
    import subprocess

    from bilingual.mt.apertium_blanks import blank_stage

    stage = blank_stage()
    assert stage is not None, "perl is part of every Debian system"
    cases = {
        # words a transfer rule put together; a word-bound blank stays with its unit
        b"^plan<n><m><sg>$^de<pr>$[[c1]]^diez<num><mf><sp>$ ^a\\$o<n><m><pl>$^.<sent>$": (
            b"^plan<n><m><sg>$ ^de<pr>$ [[c1]]^diez<num><mf><sp>$ ^a\\$o<n><m><pl>$^.<sent>$"
        ),
        b"^3<num>$^D<num><mf><sg>$ ^4<num>$^G<n><acr><sg>$": b"^3<num>$^D<num><mf><sg>$ ^4<num>$^G<n><acr><sg>$",
        b"^*XTERM1X$^de<pr>$[e1]^casa<n><f><sg>$^,<cm>$": b"^*XTERM1X$^de<pr>$[e1]^casa<n><f><sg>$^,<cm>$",
    }
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
