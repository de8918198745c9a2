"""A deterministic pseudo-translation engine for tests and golden files.

It changes every word visibly (vowels gain accents: ``Havana`` becomes
``Hávánà``-like text), keeps placeholders and numbers, and carries inline
codes as XML-like tags (``<g1>…</g1>``, ``<x2/>``) the way many MT systems
expose them.
"""

from __future__ import annotations

import re

from bilingual.model import Content, Issue, TermHit
from bilingual.mt.base import Decoded, Encoded, EngineInfo
from bilingual.mt.codec import Event, Mark, Run, SlotPiece, TextPiece, plan_segment, rebuild

_TAG = re.compile(r"<g(\d+)>|</g(\d+)>|<x(\d+)/>|<t(\d+)>|</t(\d+)>")
_VOWELS = {
    "es": str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ"),
    "en": str.maketrans("aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
}
_PLACEHOLDER = re.compile(r"X+TERM\d+X")


class FakeCodec:
    name = "fake"

    def encode(self, source: Content, terms: tuple[TermHit, ...] = ()) -> Encoded:
        plan = plan_segment(source, terms)
        out = []
        for piece in plan.pieces:
            if isinstance(piece, TextPiece):
                out.append(piece.text.replace("&", "&amp;").replace("<", "&lt;"))
            elif isinstance(piece, SlotPiece):
                out.append(piece.key)
            elif piece.paired:
                code = piece.code
                out.append(f"<g{code.id}>" if code.kind == "open" else f"</g{code.id}>")
            else:
                out.append(f"<x{piece.code.id}/>")
        return Encoded("".join(out).strip(), source, plan.pairs, plan.singles, plan.slots)

    def decode(self, encoded: Encoded, output: str, segment_id: str) -> Decoded:
        return rebuild(parse_tags(output), encoded, segment_id, self.name)


def parse_tags(output: str, slot_keys: dict[str, str] | None = None) -> list[Event]:
    """Text and tags, each tag exactly where the engine put it; the words
    inside ``<tN>…</tN>`` stand for slot N (``slot_keys`` maps N to its key)."""
    events: list[Event] = []
    slot: str | None = None
    pos = 0
    for m in _TAG.finditer(output):
        if m.start() > pos:
            events.append(Run(_unescape(output[pos : m.start()]), slot=slot))
        if m.group(1):
            events.append(Mark(int(m.group(1)), "open"))
        elif m.group(2):
            events.append(Mark(int(m.group(2)), "close"))
        elif m.group(3):
            events.append(Mark(int(m.group(3))))
        elif m.group(4):
            slot = (slot_keys or {}).get(m.group(4))
            if slot is not None and m.end() < len(output) and output.startswith(f"</t{m.group(4)}>", m.end()):
                events.append(Run("", slot=slot))  # an empty span still places its slot
        else:
            slot = None
        pos = m.end()
    if pos < len(output):
        events.append(Run(_unescape(output[pos:]), slot=slot))
    return events


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&amp;", "&")


class FakeTranslator:
    """Pseudo-translates: accents on vowels, tags and placeholders kept."""

    def __init__(self, source: str, target: str):
        self.codec = FakeCodec()
        self.remarks: dict[str, list[Issue]] = {}
        self.info = EngineInfo("fake", "1", "pseudo-accents", source, target)
        self._table = _VOWELS.get(target, _VOWELS["es"])
        self.calls = 0

    def start(self) -> None:
        pass

    def translate_batch(self, texts: list[str]) -> list[str]:
        self.calls += 1
        return [self._translate(t) for t in texts]

    def _translate(self, text: str) -> str:
        out, pos = [], 0
        for m in re.finditer(r"<[^>]*>|&\w+;|X+TERM\d+X", text):
            out.append(text[pos : m.start()].translate(self._table))
            out.append(m.group())
            pos = m.end()
        out.append(text[pos:].translate(self._table))
        return "".join(out)

    def close(self) -> None:
        pass
