"""Token F1 of the article reader against gold article text.

    python bench/extraction_f1.py [PAGES_DIR] [--compare]

Each ``NAME.html`` in the folder has its gold ``NAME.expected.txt``. Tokens
are lower-cased words; F1 is computed on token multisets per page and
averaged over pages (macro). ``--compare`` also scores readability-lxml and
trafilatura on the same pages (pip install '.[bench]').
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def f1(predicted: str, gold: str) -> tuple[float, float, float]:
    p, g = tokens(predicted), tokens(gold)
    overlap = sum((p & g).values())
    if not p or not g:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    score = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, score


def bilingual_extract(data: bytes, path: str) -> str:
    from bilingual.config import Settings
    from bilingual.extract.view import extraction_text
    from bilingual.pipeline import read_document

    return extraction_text(read_document(path, Settings()))


def readability_extract(data: bytes, path: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(data).summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


def trafilatura_extract(data: bytes, path: str) -> str:
    import trafilatura

    return trafilatura.extract(data, include_comments=False, include_tables=True) or ""


EXTRACTORS: dict[str, Callable[[bytes, str], str]] = {
    "bilingual": bilingual_extract,
    "readability-lxml": readability_extract,
    "trafilatura": trafilatura_extract,
}


def evaluate(pages: Path, extractor: Callable[[bytes, str], str]) -> dict[str, tuple[float, float, float]]:
    scores = {}
    for page in sorted(pages.glob("*.html")):
        gold = page.with_name(page.stem + ".expected.txt")
        if not gold.is_file():
            continue
        try:
            text = extractor(page.read_bytes(), str(page))
        except Exception as exc:  # a failing extractor scores zero on that page
            print(f"{page.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            text = ""
        scores[page.name] = f1(text, gold.read_text(encoding="utf-8"))
    return scores


def macro(scores: dict[str, tuple[float, float, float]]) -> tuple[float, float, float]:
    n = len(scores) or 1
    return tuple(sum(s[i] for s in scores.values()) / n for i in range(3))  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="?", default=str(ROOT / "tests" / "data" / "pages"))
    parser.add_argument("--compare", action="store_true", help="also score readability-lxml and trafilatura")
    parser.add_argument("--verbose", "-v", action="store_true", help="per-page scores")
    args = parser.parse_args()
    names = list(EXTRACTORS) if args.compare else ["bilingual"]
    results = {name: evaluate(Path(args.pages), EXTRACTORS[name]) for name in names}
    if args.verbose:
        for page in results["bilingual"]:
            row = "  ".join(f"{name}={results[name][page][2]:.3f}" for name in names)
            print(f"{page:55s} {row}")
    for name in names:
        p, r, f = macro(results[name])
        print(f"{name:18s} pages={len(results[name])}  precision={p:.4f}  recall={r:.4f}  macro-F1={f:.4f}")
    if "es" in " ".join(results["bilingual"]):
        for lang in ("en_", "es_"):
            for name in names:
                subset = {k: v for k, v in results[name].items() if k.startswith(lang)}
                if subset:
                    print(f"  {lang[:2]} {name:18s} pages={len(subset)}  macro-F1={macro(subset)[2]:.4f}")


if __name__ == "__main__":
    main()
