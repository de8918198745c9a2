"""The error tree. Each class carries the exit code the CLI returns for it;
messages name the file (and line) compiler-style: ``path:line: error: …``."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class BilingualError(Exception):
    """Base of every error the tool reports to users."""

    exit_code = 70

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}error: {self.message}"


class UsageError(BilingualError):
    exit_code = 2


class InputNotFoundError(BilingualError):
    exit_code = 66


class InputDataError(BilingualError):
    """The input exists but cannot be used (empty, undecodable, malformed)."""

    exit_code = 65


class EngineUnavailableError(BilingualError):
    exit_code = 69


class OutputError(BilingualError):
    exit_code = 73


class EngineError(BilingualError):
    """The engine failed while translating (crashed, timed out)."""

    exit_code = 69


EXIT_OK = 0
EXIT_QA_FAILED = 1
EXIT_PARTIAL = 3


def is_utf8_name(name: str) -> bool:
    """False for a file name whose bytes are not UTF-8 (Python keeps such
    bytes as lone surrogates, which no output file can hold)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    """``text`` with the bytes of a non-UTF-8 file name shown as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


MAX_INPUT_BYTES = 64 * 1024 * 1024
"""No page, glossary or XLIFF file a newsroom works with comes near this."""


def read_input(path: str | Path, kind: str, missing: str = "no such file") -> bytes:
    """The bytes of an input file, or the user error that says why not: a
    device, pipe or socket is refused before reading (``/dev/zero`` never
    ends), and so is a file too large to be one."""
    try:
        status = os.stat(path)  # (opening a pipe would wait for a writer)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(status.st_mode):
            raise InputDataError(f"not a regular file, so not {kind}", path=str(path))
        if status.st_size > MAX_INPUT_BYTES:
            raise InputDataError(
                f"{status.st_size / 1024 / 1024:.0f} MB is too large for {kind} "
                f"(at most {MAX_INPUT_BYTES // 1024 // 1024} MB)",
                path=str(path),
            )
        with open(path, "rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError as exc:
        raise InputNotFoundError(missing, path=str(path)) from exc
    except IsADirectoryError as exc:
        raise InputDataError(f"is a folder, not {kind}", path=str(path)) from exc
    except OSError as exc:
        raise InputNotFoundError(f"cannot read: {exc.strerror}", path=str(path)) from exc
