"""Reader speed: read + find the article + segment, one core.

    python bench/read_speed.py [PAGES_DIR] [--rounds N]

Reports pages/s on the corpus, the corpus' mean page size, and the rate in
100 KB-page equivalents (bytes/s divided by 100 KB), which is what the
"50 pages of about 100 KB per second" target is about.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="?", default=str(ROOT / "tests" / "data" / "pages"))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from bilingual.extract.reader import read_html
    from bilingual.segment import segment_document

    pages = [(str(p), p.read_bytes()) for p in sorted(Path(args.pages).glob("*.html"))]
    size = sum(len(data) for _, data in pages)
    stages = {"read": 0.0, "segment": 0.0}
    for _ in range(args.rounds):
        for path, data in pages:
            started = time.perf_counter()
            document = read_html(data, path)
            middle = time.perf_counter()
            segment_document(replace(document, source_lang=document.metadata.declared_lang[:2] or "en"))
            stages["read"] += middle - started
            stages["segment"] += time.perf_counter() - middle
    elapsed = sum(stages.values())
    count = len(pages) * args.rounds
    print(f"{len(pages)} pages, mean {size / len(pages) / 1024:.1f} KB, {args.rounds} rounds")
    print(
        f"pages/s: {count / elapsed:.1f}; per page {elapsed / count * 1000:.1f} ms "
        f"(read {stages['read'] / count * 1000:.1f} ms, segment {stages['segment'] / count * 1000:.1f} ms)"
    )
    per_100kb = size * args.rounds / elapsed / (100 * 1024)
    print(f"100 KB-page equivalents/s: {per_100kb:.1f} (target 50: ratio {per_100kb / 50:.2f})")


if __name__ == "__main__":
    main()
