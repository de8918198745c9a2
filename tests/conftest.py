"""Shared fixtures: paths, the official schemas, running the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = Path(os.environ.get("BILINGUAL_SHARED", ROOT.parent / "shared"))
ARTIFACTS = ROOT / "tests" / "artifacts"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Compiled-glossary caches go to a folder of the test session's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def schemas() -> Path:
    path = SHARED / "schemas"
    if not path.is_dir():
        pytest.skip(
            f"SKIPPED LOUDLY: official schemas not found at {path}; "
            "put the shared folder beside the checkout or set BILINGUAL_SHARED"
        )
    return path


def apertium_installed() -> bool:
    return shutil.which("apertium-wblank-mode") is not None and Path("/usr/share/apertium/modes/eng-spa.mode").is_file()


requires_apertium = pytest.mark.skipif(
    not apertium_installed(),
    reason="Debian's apertium and apertium-eng-spa are not installed (make test installs them)",
)


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bilingual`` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "bilingual", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
