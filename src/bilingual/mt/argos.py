"""Argos Translate model packages, found through ``argostranslate.package``."""

from __future__ import annotations

from typing import Any


def installed_packages() -> list[Any]:
    """Installed Argos translation packages (imports argostranslate's
    light package module only: no torch, no stanza)."""
    from argostranslate import package

    return [p for p in package.get_installed_packages() if getattr(p, "type", "translate") == "translate"]


def find_package(source: str, target: str) -> Any | None:
    return next((p for p in installed_packages() if p.from_code == source and p.to_code == target), None)


def argos_pair_installed(source: str, target: str) -> bool:
    try:
        return find_package(source, target) is not None
    except (ImportError, OSError):
        return False
