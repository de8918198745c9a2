"""Small engines and builders for tests."""

from __future__ import annotations

from bilingual.mt.base import EngineInfo
from bilingual.mt.fake import FakeCodec


class IdentityTranslator:
    """Returns its input: the target of every segment equals its source."""

    def __init__(self, source: str = "en", target: str = "es"):
        self.codec = FakeCodec()
        self.remarks: dict[str, list] = {}
        self.info = EngineInfo("identity", "1", "", source, target)
        self.batches: list[list[str]] = []

    def start(self) -> None:
        pass

    def translate_batch(self, texts: list[str]) -> list[str]:
        self.batches.append(list(texts))
        return list(texts)

    def close(self) -> None:
        pass


def large_result(number: int) -> bytes:
    """A worker's result that takes a while to send (for stop tests)."""
    return bytes([number % 256]) * 8_000_000
