"""bilingual: offline English<->Spanish article translation and publishing.

Importing this package is light: engines and their libraries load only when
a translation runs.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "translate_paths"]


def translate_paths(paths, settings=None):  # type: ignore[no-untyped-def]
    """Translate files or folders of articles; see :func:`bilingual.batch.run_translate`."""
    from bilingual.batch import run_translate
    from bilingual.config import Settings

    return run_translate([str(p) for p in paths], settings or Settings())
