"""Writers (and readers) for every output format, behind one registry."""

from __future__ import annotations

import os
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
    """Render every format first, then write them; nothing is written if a
    renderer fails, and each file appears whole or not at all."""
    rendered = {}
    for name in formats:
        pattern, writer = WRITERS[name]
        filename = pattern.format(stem=stem, src=document.source_lang, tgt=document.target_lang)
        rendered[name] = (directory / filename, writer(document))
    written = {}
    for name, (path, data) in rendered.items():
        write_atomic(path, data)
        written[name] = str(path)
    return written


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file and rename: no half-written output."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from exc
