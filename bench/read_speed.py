"""Reader speed: read + find the article + segment, one core.

    python bench/read_speed.py [PAGES_DIR] [--rounds N]

Reports pages/s on the corpus, the corpus' mean page size, and the rate in
100 KB-page equivalents (bytes/s divided by 100 KB), which is what the
"50 pages of about 100 KB per second" target is about.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="?", default=str(ROOT / "tests" / "data" / "pages"))
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from bilingual.extract.reader import read_html
    from bilingual.segment import segment_document

    pages = [(str(p), p.read_bytes()) for p in sorted(Path(args.pages).glob("*.html"))]
    size = sum(len(data) for _, data in pages)
    # Each page's time is the median of its rounds: a pause of the machine
    # (another process, the collector) then does not count as reading time.
    read_times: list[list[float]] = [[] for _ in pages]
    segment_times: list[list[float]] = [[] for _ in pages]
    for _ in range(args.rounds):
        for number, (path, data) in enumerate(pages):
            started = time.perf_counter()
            document = read_html(data, path)
            middle = time.perf_counter()
            segment_document(replace(document, source_lang=document.metadata.declared_lang[:2] or "en"))
            read_times[number].append(middle - started)
            segment_times[number].append(time.perf_counter() - middle)
    read = sum(statistics.median(t) for t in read_times)
    segment = sum(statistics.median(t) for t in segment_times)
    elapsed = read + segment
    count = len(pages)
    print(f"{len(pages)} pages, mean {size / len(pages) / 1024:.1f} KB, median of {args.rounds} rounds per page")
    print(
        f"pages/s: {count / elapsed:.1f}; per page {elapsed / count * 1000:.1f} ms "
        f"(read {read / count * 1000:.1f} ms, segment {segment / count * 1000:.1f} ms)"
    )
    per_100kb = size / elapsed / (100 * 1024)
    print(f"100 KB-page equivalents/s: {per_100kb:.1f} (target 50: ratio {per_100kb / 50:.2f})")


if __name__ == "__main__":
    main()
