"""``import bilingual`` stays light: no ML library is imported with it."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "stanza", "spacy", "ctranslate2", "argostranslate", "sentencepiece")


def _imported_after(statement: str) -> list[str]:
    code = f"import sys\n{statement}\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in result.stdout.strip().split(",") if m]


def test_import_bilingual_imports_no_heavy_library() -> None:
    assert _imported_after("import bilingual") == []


def test_cli_and_pipeline_modules_stay_light_too() -> None:
    statement = "import bilingual.cli, bilingual.pipeline, bilingual.batch, bilingual.mt.registry"
    assert _imported_after(statement) == []
