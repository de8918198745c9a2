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


def killed_while_sending(number: int, marker: str) -> int:
    """``number``; the first call for 3 (``marker`` is made then) dies as a
    worker killed while it sends its result does: holding the lock of the
    result pipe, with half a message written."""
    import gc
    import os
    import signal
    import struct
    from multiprocessing.queues import SimpleQueue

    if number == 3 and not os.path.exists(marker):
        open(marker, "w").close()
        results = next(o for o in gc.get_objects() if isinstance(o, SimpleQueue))
        results._wlock.acquire()
        os.write(results._writer.fileno(), struct.pack("!i", 1 << 20) + b"half")
        os.kill(os.getpid(), signal.SIGKILL)
    return number
