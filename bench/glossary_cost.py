"""What a 5,000-term glossary costs in the pipeline, on a ~2,000-word article.

    python bench/glossary_cost.py [--terms 5000] [--engine apertium|fake] [--rounds 21] [--commands N]

The glossary is the shipped Cuba migration list plus generated institution
names and acronyms up to --terms entries; the article is the sample article's
text repeated to about 2,000 words.

The cost is what the glossary adds to the whole pipeline (``run_translate``,
what the command runs, in this process): the same article is translated
without a glossary, with the list compiled before (by an earlier run or by
``glossary check``) and with the list new (nothing cached: it is read,
checked and compiled in the run), rounds interleaved so that a change in the
machine's speed touches every variant alike. The glossary's cost is given
two ways, each as a share of the run with it: the median of each round's
difference, and the difference between each variant's fastest run (the
run the machine disturbed least; the engine's process makes single runs
vary by tens of milliseconds).
That includes what the glossary makes other stages do: placeholders through
the engine, term markup in the outputs.

The shipped list alone (a few dozen terms) makes nearly all the article's
term hits: its line is what the hits cost (placeholders, agreement,
checks, marks in every output), whatever the size of the list.

The target (< 5%) holds for both: the compiled list (what every article
costs) and the new one (what the first run with a list costs, once per
version of the list, or ``glossary check`` pays instead). A run in one
process reads a new list once the engine has started, while the engine
loads, as the command does.

Before that, one run of each kind is timed stage by stage, to show where the
glossary's own stages spend their time. With --commands N the whole command
is also timed in a new process (start-up and imports included, as a user
runs it), N times per variant.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = (
    "National Regional Federal Municipal Council Office Bureau Agency Institute Ministry Department Commission "
    "Authority Service Board Program Fund Center Court Trust Alliance Union Network Foundation Partnership "
    "Migration Border Labor Health Water Energy Transport Housing Education Finance Trade Security Justice "
    "Coastal Northern Southern Eastern Western Central Independent Public United Joint Development"
).split()


def make_glossary(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    shipped = list(csv.reader((ROOT / "glossaries" / "cuba-migration.csv").open(encoding="utf-8", newline="")))
    header, rows = shipped[0], shipped[1:]
    seen = {r[0] for r in rows}
    while len(rows) < count:
        words = rng.sample(WORDS, rng.randint(2, 5))
        name = " ".join(words)
        if rng.random() < 0.3:
            name = "".join(w[0] for w in words).upper() + str(rng.randint(1, 99))
        if name in seen:
            continue
        seen.add(name)
        rows.append([name, name.upper() if name.isupper() else f"{name} (es)", "translate", "", "", "", "", "", ""])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])


def make_article(path: Path, words: int = 2000) -> int:
    """The sample page with its body repeated until the article has about
    ``words`` words (the seed article alone has ~1,000)."""
    page = (ROOT / "input" / "cuba-us-migration-talks.html").read_text(encoding="utf-8")
    body = page[page.index('<div class="entry-content">') : page.index("</article>")]
    paragraphs = [p + "</p>" for p in body.split("</p>") if "<p" in p]
    extra, count = [], 0
    while count < words - 1000:
        paragraph = paragraphs[len(extra) % len(paragraphs)]
        extra.append(paragraph)
        count += len(re.sub(r"<[^>]+>", " ", paragraph).split())
    anchor = page.index("</p>", page.index('<div class="entry-content">')) + len("</p>")
    path.write_text(page[:anchor] + "\n".join(extra) + page[anchor:], encoding="utf-8")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--engine", default="apertium")
    parser.add_argument("--rounds", type=int, default=21, help="pipeline runs per variant")
    parser.add_argument("--commands", type=int, default=0, metavar="N", help="also time the whole command N times")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        glossary_path, article = Path(folder) / "terms.csv", Path(folder) / "article.html"
        make_glossary(glossary_path, args.terms)
        make_article(article)
        os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
        for run in ("first run (compiles the glossary)", "later runs (compiled glossary from the cache)"):
            report(run, measure(args, glossary_path, article, Path(folder)))
        time_pipeline(args, glossary_path, article, Path(folder))
        if args.commands:
            time_commands(args, glossary_path, article, Path(folder))


def time_pipeline(args: argparse.Namespace, glossary_path: Path, article: Path, folder: Path) -> None:
    from bilingual.batch import run_translate
    from bilingual.config import Settings

    def run(glossary: Path | None) -> float:
        output = folder / "pipeline-out"
        settings = Settings(output_dir=output, engine=args.engine, glossaries=(glossary,) if glossary else ())
        gc.collect()  # each run starts from a clean heap, as a new process does, with no garbage of the run before
        started = time.perf_counter()
        run_translate([str(article)], settings)
        elapsed = time.perf_counter() - started
        shutil.rmtree(output)
        return elapsed

    shipped = ROOT / "glossaries" / "cuba-migration.csv"
    small = f"the shipped {sum(1 for _ in shipped.open(encoding='utf-8')) - 1} terms alone"
    lists = {"no glossary": None, small: shipped, COMPILED: glossary_path, NEW: glossary_path}
    variants: dict[str, list[float]] = {name: [] for name in lists}
    run(None)  # imports and first-use costs, which no variant should carry
    run(shipped)  # and the compiled lists the first round's compiled variants use
    run(glossary_path)
    for _ in range(args.rounds):
        for name, times in variants.items():
            if name == NEW:
                shutil.rmtree(folder / "cache", ignore_errors=True)
                run(shipped)  # (compiled again, untimed: the cache now holds only it)
            times.append(run(lists[name]))
    base, fastest = statistics.median(variants["no glossary"]), min(variants["no glossary"])
    print(
        f"whole pipeline in this process, {args.rounds} rounds: median and fastest run; the glossary's cost "
        "as the median of each round's difference and as the fastest runs' difference"
    )
    for name, times in variants.items():
        line = f"  {name:30s} {statistics.median(times) * 1000:6.1f} / {min(times) * 1000:6.1f} ms"
        if name != "no glossary":
            cost = statistics.median(t - b for t, b in zip(times, variants["no glossary"], strict=True))
            low = min(times) - fastest
            line += (
                f"  cost {cost * 1000:4.1f} ms = {cost / (base + cost) * 100:.1f}%"
                f" / {low * 1000:4.1f} ms = {low / min(times) * 100:.1f}%"
            )
            line += " (target < 5%)" if name in (COMPILED, NEW) else " (the same hits)"
        print(line)


COMPILED = "list compiled before"
NEW = "new list, compiled in the run"


def time_commands(args: argparse.Namespace, glossary_path: Path, article: Path, folder: Path) -> None:
    """The whole command in a new process, rounds interleaved so that a
    change in the machine's speed touches every variant alike."""
    command = [
        sys.executable,
        "-m",
        "bilingual",
        "translate",
        str(article),
        "--engine",
        args.engine,
        "--quiet",
        "--fail-on",
        "never",
    ]
    variants: dict[str, list[float]] = {"no glossary": [], COMPILED: [], NEW: []}
    for round_number in range(args.commands):
        for name, times in variants.items():
            extra = [] if name == "no glossary" else ["-g", str(glossary_path)]
            if name.startswith("new"):
                shutil.rmtree(folder / "cache", ignore_errors=True)
            output = folder / f"out-{round_number}"
            started = time.perf_counter()
            subprocess.run([*command, *extra, "-o", str(output)], check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - started)
            shutil.rmtree(output)
    base = variants["no glossary"]
    print(
        f"whole command, {args.commands} runs each: minimum / median; the cost as the median of each round's difference"
    )
    for name, times in variants.items():
        cost = statistics.median(t - b for t, b in zip(times, base, strict=True))
        extra = (
            ""
            if name == "no glossary"
            else f"  cost {cost * 1000:+.1f} ms = {cost / statistics.median(base) * 100:+.1f}%"
        )
        print(f"  {name:34s} {min(times):6.3f} s / {statistics.median(times):6.3f} s{extra}")


def measure(args: argparse.Namespace, glossary_path: Path, article: Path, folder: Path) -> tuple:  # type: ignore[type-arg]
    from bilingual.config import Settings
    from bilingual.content import plain_text
    from bilingual.formats import output_formats, write_outputs
    from bilingual.glossary import load_glossaries
    from bilingual.glossary.stage import apply_glossary, finish_glossary
    from bilingual.mt import translate_documents
    from bilingual.mt.registry import create_translator
    from bilingual.pipeline import read_document
    from bilingual.qa import check_document

    times: dict[str, float] = {}

    def timed(name: str, step):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        value = step()
        times[name] = times.get(name, 0.0) + time.perf_counter() - started
        return value

    settings = Settings(output_dir=folder / "out", engine=args.engine)
    glossary = timed("glossary: load + check", lambda: load_glossaries([glossary_path]))
    timed("glossary: compile", lambda: glossary.directed("en", "es"))
    document = timed("read + segment", lambda: read_document(article, settings))
    words = sum(len(plain_text(s.source).split()) for s in document.segments)
    document = timed("glossary: match", lambda: apply_glossary(document, glossary))
    translator = timed("engine start", lambda: create_translator(args.engine, "en", "es", settings))
    [document] = timed("translate", lambda: translate_documents([document], translator))
    translator.close()
    document = timed("glossary: agree + verify", lambda: finish_glossary(document, glossary))
    document = timed("qa", lambda: check_document(document))
    timed("write", lambda: write_outputs(document, settings.output_dir, "article", output_formats("1.2")))
    hits = sum(len(s.terms) for s in document.segments)
    return times, words, hits, args


def report(run: str, measured: tuple) -> None:  # type: ignore[type-arg]
    times, words, hits, args = measured
    total = sum(times.values())
    glossary = sum(v for k, v in times.items() if k.startswith("glossary"))
    per_article = times["glossary: match"] + times["glossary: agree + verify"]
    print(f"{run}: {args.terms} terms, {words} words, {hits} term hits, engine {args.engine}")
    for name, value in times.items():
        print(f"  {name:26s} {value * 1000:8.1f} ms")
    print(
        f"  the glossary's own stages: {glossary / total * 100:.1f}% of the stages' time; "
        f"matching and verifying alone: {per_article / total * 100:.1f}%"
    )


if __name__ == "__main__":
    main()
