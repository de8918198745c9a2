"""Argos engine throughput: whole-document batching against one call per
sentence, on the same transformer-base-sized model, in the same run.

    python bench/argos_batching.py [--sentences 200] [--inter-threads 1 --threads 0] [--compute-type int8]

Builds a package of transformer-base size (6+6 layers, d512, FFN 2048, int8,
32k vocabulary) whose first decoder layer copies its input: outputs end at
natural lengths, as a real model's do, while every layer costs what a
base-size layer costs (a random-weight model never emits </s> and would
decode every batch to its limit). News sentences from
tests/data/segmentation/en.txt go (a) through our engine in one call
(deduplicated, sorted, token batches) and (b) one engine call per sentence.
Reports sentences/s for both, the ratio, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bilingual.model import Text

ROOT = Path(__file__).resolve().parents[1]


def sentences(limit: int) -> list[str]:
    lines = [
        line.strip()
        for line in (ROOT / "tests" / "data" / "segmentation" / "en.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return (lines * (limit // len(lines) + 1))[:limit] if len(lines) < limit else lines[:limit]


def peak_memory_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM starts afresh at
    exec; ru_maxrss would also count the parent that built the model."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(args: argparse.Namespace) -> None:
    from bilingual.config import ArgosSettings
    from bilingual.mt.argos import ArgosTranslator

    texts = sentences(args.sentences)
    settings = ArgosSettings(
        compute_type=args.compute_type, intra_threads=args.threads, inter_threads=args.inter_threads
    )
    engine = ArgosTranslator("en", "es", settings)
    encoded = [engine.codec.encode((Text(t),)).text for t in texts]
    engine.translate_batch(encoded[:4])  # warm up
    print(
        f"model: {engine.info.model}; {len(texts)} sentences; {os.cpu_count()} cores; "
        f"threads {args.threads or 'auto'}, inter_threads {args.inter_threads}, compute type {args.compute_type}"
    )
    started = time.perf_counter()
    for text in encoded:
        engine.translate_batch([text])
    single = len(texts) / (time.perf_counter() - started)
    print(f"one call per sentence: {single:.2f} sentences/s", flush=True)
    for tokens in args.batch_tokens:
        engine.settings = dataclasses.replace(settings, max_batch_tokens=tokens)
        started = time.perf_counter()
        engine.translate_batch(encoded)
        rate = len(texts) / (time.perf_counter() - started)
        peak = peak_memory_mb()
        print(
            f"one call, batches of up to {tokens} tokens: {rate:.2f} sentences/s, "
            f"ratio {rate / single:.2f}x (target 3.5x); peak memory so far {peak:.0f} MB",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--d-model", type=int, default=512)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--inter-threads", type=int, default=1)
    parser.add_argument("--compute-type", default="int8", help="int8 (the packages' own), int8_float32, float32")
    parser.add_argument("--batch-tokens", type=int, nargs="+", default=[2048, 8192, 32768])
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args)
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from argos_models import build_package

    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            **{k: str(Path(home) / k.lower()) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")},
        }
        started = time.perf_counter()
        package = build_package(
            Path(home) / "base-en_es.argosmodel",
            mode="copy-base",
            layers=args.layers,
            d_model=args.d_model,
            heads=8,
            ffn=4 * args.d_model,
            model_vocab_size=32000,
            quantization="int8",
            sp_vocab_size=8000,
            corpus=str(ROOT / "tests" / "data" / "segmentation" / "en.txt"),
        )
        print(f"built the package in {time.perf_counter() - started:.0f} s")
        subprocess.run(
            [sys.executable, "-m", "bilingual", "models", "install", "en", "es", "--from-file", str(package)],
            env=env,
            check=True,
        )
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--measure",
                "--sentences",
                str(args.sentences),
                "--threads",
                str(args.threads),
                "--inter-threads",
                str(args.inter_threads),
                "--compute-type",
                args.compute_type,
                "--batch-tokens",
                *map(str, args.batch_tokens),
            ],
            env=env,
            check=True,
        )


if __name__ == "__main__":
    main()
