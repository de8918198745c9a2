"""A compiled-glossary cache: newsrooms run the same term lists every day,
so the validated entries of each direction, ready to be looked for, are kept under
``$XDG_CACHE_HOME/bilingual`` (default ``~/.cache/bilingual``), keyed by the
files' content and the tool version. A damaged or stale entry is rebuilt."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from bilingual import __version__


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bilingual" / "glossaries"


def _code_digest() -> bytes:
    """The glossary code itself (each module's name, size and modification
    time): a cache made by other code is not reused."""
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        status = module.stat()
        digest.update(f"{module.name}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.digest()


def cache_key(files: list[tuple[str, bytes]]) -> str:
    """The key of files given as (format, SHA-256 digest of the content)."""
    digest = hashlib.sha256(_code_digest())
    for kind, content_digest in files:
        digest.update(kind.encode() + b"\0" + content_digest)
    return digest.hexdigest()


def load(key: str, part: str) -> Any | None:
    path = cache_dir() / f"{key[:32]}-{part}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def store(key: str, part: str, value: Any) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key[:32]}-{part}.pickle")
    except (OSError, pickle.PickleError):
        pass
