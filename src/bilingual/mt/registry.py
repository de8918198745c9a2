"""Engines by name, imported only when chosen."""

from __future__ import annotations

from collections.abc import Callable

from bilingual.config import Settings
from bilingual.errors import EngineUnavailableError, UsageError
from bilingual.mt.base import Translator

ENGINE_NAMES = ("auto", "argos", "apertium", "fake")


def _apertium(source: str, target: str, settings: Settings) -> Translator:
    from bilingual.mt.apertium import ApertiumTranslator

    return ApertiumTranslator(source, target, settings.apertium)


def _argos(source: str, target: str, settings: Settings) -> Translator:
    from bilingual.mt.argos import ArgosTranslator

    return ArgosTranslator(source, target, settings.argos)


def _fake(source: str, target: str, settings: Settings) -> Translator:
    from bilingual.mt.fake import FakeTranslator

    return FakeTranslator(source, target)


_FACTORIES: dict[str, Callable[[str, str, Settings], Translator]] = {
    "apertium": _apertium,
    "argos": _argos,
    "fake": _fake,
}


def create_translator(name: str, source: str, target: str, settings: Settings) -> Translator:
    """The engine ``name`` for one direction; ``auto`` prefers an installed
    Argos package, then Apertium."""
    if name == "auto":
        return _auto(source, target, settings)
    factory = _FACTORIES.get(name)
    if factory is None:
        raise UsageError(f"unknown engine '{name}' (choose from: {', '.join(ENGINE_NAMES)})")
    return factory(source, target, settings)


def _auto(source: str, target: str, settings: Settings) -> Translator:
    from bilingual.mt.apertium import INSTALL_HINT, apertium_available
    from bilingual.mt.argos import argos_pair_installed

    if argos_pair_installed(source, target):
        return _argos(source, target, settings)
    if apertium_available(source, target):
        return _apertium(source, target, settings)
    raise EngineUnavailableError(
        f"no engine can translate {source}->{target}: install an Argos package with "
        f"'bilingual models install {source} {target}', or Apertium ({INSTALL_HINT})"
    )
