"""Sentence segmentation speed: our splitter against pysbd on the same text.

    python bench/segment_speed.py [--rounds N]

Text: the paragraphs of tests/data/segmentation/{en,es}.txt (plain news
prose). Reports sentences/s for each and the ratio. One core (the process
runs single-threaded).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def paragraphs(language: str) -> list[str]:
    out, current = [], []
    for line in (ROOT / "tests" / "data" / "segmentation" / f"{language}.txt").read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.strip():
            current.append(line)
        elif current:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def rate(split, texts: list[str], rounds: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    count = 0
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            count += len(split(text))
    return count / (time.perf_counter() - started), count // rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    import pysbd

    from bilingual.segment import split_sentences

    for language in ("en", "es"):
        texts = paragraphs(language)
        ours, n = rate(lambda t, lang=language: split_sentences(t, lang), texts, args.rounds)
        segmenter = pysbd.Segmenter(language=language, clean=False)
        theirs, m = rate(segmenter.segment, texts, max(1, args.rounds // 10))
        print(
            f"{language}: bilingual {ours:,.0f} sentences/s ({n} per round) | pysbd {theirs:,.0f} sentences/s "
            f"({m} per round) | ratio {ours / theirs:.1f}x"
        )


if __name__ == "__main__":
    main()
