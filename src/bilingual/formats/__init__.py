"""Writers (and readers) for every output format, behind one registry."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from bilingual import __version__
from bilingual.errors import OutputError
from bilingual.model import Document


def _translated_html(document: Document) -> bytes:
    from bilingual.formats.html_writer import render_translated_html

    return render_translated_html(document, source_href=Path(document.source_path).name).encode("utf-8")


def _bilingual_html(document: Document) -> bytes:
    from bilingual.formats.bilingual_html import render_bilingual_html

    return render_bilingual_html(document, tool_version=__version__).encode("utf-8")


def _xliff12(document: Document) -> bytes:
    from bilingual.formats.xliff12 import write_xliff12

    return write_xliff12(document)


def _xliff21(document: Document) -> bytes:
    from bilingual.formats.xliff21 import write_xliff21

    return write_xliff21(document)


def _tmx(document: Document) -> bytes:
    from bilingual.formats.tmx import write_tmx

    return write_tmx(document, __version__)


Writer = Callable[[Document], bytes]

# format id -> (file name pattern, writer). {stem}, {src}, {tgt}.
WRITERS: dict[str, tuple[str, Writer]] = {
    "translated-html": ("{stem}.{tgt}.html", _translated_html),
    "bilingual-html": ("{stem}.bilingual.html", _bilingual_html),
    "xliff-1.2": ("{stem}.{src}-{tgt}.xlf", _xliff12),
    "xliff-2.1": ("{stem}.{src}-{tgt}.xlf", _xliff21),
    "tmx": ("{stem}.{src}-{tgt}.tmx", _tmx),
}


def output_formats(xliff_version: str) -> list[str]:
    return ["translated-html", "bilingual-html", f"xliff-{xliff_version}", "tmx"]


def write_outputs(document: Document, directory: Path, stem: str, formats: list[str]) -> dict[str, str]:
    """Render every format, then write them as a set: each file goes to a
    temporary name first and all are renamed only once all are written, so
    an article gets all its outputs or none (a renderer that fails, a full
    disk or a folder in the way leaves nothing behind)."""
    rendered = {}
    for name in formats:
        pattern, writer = WRITERS[name]
        filename = pattern.format(stem=stem, src=document.source_lang, tgt=document.target_lang)
        rendered[name] = (directory / filename, writer(document))
    return write_all({name: target for name, target in rendered.items()})


def write_all(files: dict[str, tuple[Path, bytes]]) -> dict[str, str]:
    """Write several files all or nothing; returns name -> path. A file
    that is replaced is kept (as a hard link) until all are in place: if
    one cannot be (a file that may not be replaced), those already replaced
    get their earlier content back."""
    staged: list[tuple[Path, str]] = []
    kept: dict[Path, str | None] = {}  # path -> its earlier content's link (None: a new file)
    current = Path()
    try:
        for current, data in files.values():
            if current.is_dir():
                raise OutputError("cannot write: a folder of that name is in the way", path=str(current))
            staged.append((current, _stage(current, data)))
        for current, tmp in staged:
            kept[current] = _keep(current, f"{tmp}.old")
            os.replace(tmp, current)
    except OSError as exc:
        _undo(staged, kept, current)
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(current)) from exc
    except BaseException:
        _undo(staged, kept, current)
        raise
    for link in kept.values():
        if link is not None:
            Path(link).unlink(missing_ok=True)
    return {name: str(path) for name, (path, _) in files.items()}


def _keep(path: Path, name: str) -> str | None:
    """The file at ``path`` kept under ``name``, a hard link (a copy where
    the file system has none); ``None`` if there is no file."""
    if not path.exists():
        return None
    try:
        os.link(path, name)
    except OSError:
        shutil.copy2(path, name)
    return name


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a temporary file beside ``path``; returns its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _undo(staged: list[tuple[Path, str]], kept: dict[Path, str | None], failed: Path) -> None:
    """Back to before the write: the staged files removed, the files it
    created removed and the ones it replaced given their content back (the
    one that failed was not replaced)."""
    for _, tmp in staged:
        Path(tmp).unlink(missing_ok=True)
    for path, link in kept.items():
        if link is None and path != failed:
            path.unlink(missing_ok=True)
        elif link is not None and path != failed:
            with contextlib.suppress(OSError):
                os.replace(link, path)
        elif link is not None:
            Path(link).unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file and rename: no half-written output."""
    write_all({"file": (path, data)})
