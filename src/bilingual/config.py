"""Settings, built once (by the CLI or a caller) and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

FailOn = Literal["error", "warning", "never"]


@dataclass(frozen=True)
class ApertiumSettings:
    timeout: float = 60.0
    """Seconds to wait for one batch of output before declaring the engine stuck."""


@dataclass(frozen=True)
class ArgosSettings:
    beam_size: int = 4
    length_penalty: float = 0.2
    device: str = "cpu"
    compute_type: str = "auto"
    inter_threads: int = 1
    intra_threads: int = 0
    max_batch_tokens: int = 2048
    max_input_tokens: int = 250
    max_output_ratio: float = 2.0
    """Decoding stops at this many times the longest input of a batch (+16 tokens)."""


@dataclass(frozen=True)
class Settings:
    output_dir: Path = Path("output")
    source_lang: str = "auto"
    target_lang: str | None = None
    engine: str = "auto"
    glossaries: tuple[Path, ...] = ()
    xliff_version: str = "1.2"
    tm_path: Path | None = None
    jobs: int = 1
    fail_on: FailOn = "error"
    apertium: ApertiumSettings = field(default_factory=ApertiumSettings)
    argos: ArgosSettings = field(default_factory=ArgosSettings)
