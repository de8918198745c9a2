"""Argos Translate model packages run with CTranslate2, directly.

Packages are found (and installed) through ``argostranslate.package``; the
translation itself does not go through ``argostranslate.translate`` (whose
import pulls in spaCy, stanza and torch, and whose sentence splitter fetches a
model from the network): our segmenter has already made sentences, and this
module loads the package's CTranslate2 model and SentencePiece model once and
calls ``translate_batch`` with Argos's decoding settings (beam 4, length
penalty 0.2, unknown tokens replaced, the package's target prefix).

Inline tags and glossary terms never reach the model: the codec sends them as
tags, the engine takes them out, translates the plain text with attention,
and puts them back on the target words the source words were aligned to (see
:mod:`bilingual.mt.alignment`). Text the tokenizer would alter (URLs, e-mail
addresses, numbers with separators, characters NFKC normalisation folds) is
protected the same way and comes back byte for byte.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilingual.config import ArgosSettings
from bilingual.content import plain_text
from bilingual.errors import EngineUnavailableError
from bilingual.model import Content, Issue, TermHit, Text
from bilingual.mt.alignment import Tagged, Token, parse_tagged, project, render_tagged
from bilingual.mt.base import Decoded, Encoded, EngineInfo, Slot
from bilingual.mt.codec import (
    UNTRANSLATABLE,
    CodePiece,
    SlotPiece,
    TextPiece,
    add_slot,
    plan_segment,
    protect_spans,
    rebuild,
)
from bilingual.mt.fake import parse_tags

if TYPE_CHECKING:
    import ctranslate2

# Text a SentencePiece model would not give back byte for byte, besides what
# no engine may translate: numbers with separators, and identifiers (decoding
# as Argos does it turns "_" into a space; UNTRANSLATABLE covers them).
_PROTECT = re.compile(rf"{UNTRANSLATABLE}|\d+(?:[.,\u00a0\u202f ]\d{{3}})+(?:[.,]\d+)?")  # 20,000 · 20.000 · 1 200 000
_BYTE_PIECE = re.compile(r"<0x([0-9A-Fa-f]{2})>")


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


def package_label(package: Any) -> str:
    return f"{Path(package.package_path).name} (argos package {package.package_version})"


# --- codec -------------------------------------------------------------------------


class ArgosCodec:
    """Tags as ``<g1>…</g1>``/``<x2/>``; terms and protected text as
    ``<t3>source words</t3>``, whose translation is replaced by the required
    form afterwards."""

    name = "argos"

    def encode(self, source: Content, terms: tuple[TermHit, ...] = ()) -> Encoded:
        plan = plan_segment(source, terms)
        slots = dict(plan.slots)
        prefix = plan.prefix
        out: list[str] = []
        for piece in protect_spans(plan.pieces, slots, prefix, _PROTECT):
            if isinstance(piece, TextPiece):
                out.append(self._protected_text(piece.text, slots, prefix))
            elif isinstance(piece, SlotPiece):
                out.append(f"<t{_number(piece.key)}>{_escape(_slot_words(slots[piece.key]))}</t{_number(piece.key)}>")
            elif isinstance(piece, CodePiece) and piece.paired:
                tag = "g" if piece.code.kind == "open" else "/g"
                out.append(f"<{tag}{piece.code.id}>")
            else:
                out.append(f"<x{piece.code.id}/>")
        return Encoded("".join(out).strip(), source, plan.pairs, plan.singles, slots)

    def _protected_text(self, text: str, slots: dict[str, Slot], prefix: str) -> str:
        out, pos = [], 0
        for m in _protected_spans(text):
            out.append(_escape(text[pos : m[0]]))
            key = add_slot(slots, prefix, (Text(text[m[0] : m[1]]),))
            out.append(f"<t{_number(key)}>{_escape(text[m[0] : m[1]])}</t{_number(key)}>")
            pos = m[1]
        out.append(_escape(text[pos:]))
        return "".join(out)

    def decode(self, encoded: Encoded, output: str, segment_id: str) -> Decoded:
        keys = {_number(k): k for k in encoded.slots}
        return rebuild(parse_tags(output, keys), encoded, segment_id, self.name)


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Words NFKC normalisation would change (``½``, ``ﬁ``, full-width digits)."""
    return [
        (m.start(), m.end()) for m in re.finditer(r"\S+", text) if unicodedata.normalize("NFKC", m.group()) != m.group()
    ]


def _slot_words(slot: Slot) -> str:
    """What the model reads in place of a slot: the term's source words, or
    the visible text of a protected span."""
    if slot.term is not None:
        return slot.term.source
    text = plain_text(slot.replacement)
    if text:
        return text
    markup = "".join(getattr(i, "markup", "") for i in slot.replacement)
    return html.unescape(re.sub(r"<[^>]*>", "", markup)).strip() or "x"


def _number(key: str) -> str:
    return re.search(r"\d+", key).group()  # type: ignore[union-attr]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


# --- engine ------------------------------------------------------------------------


@dataclass
class _Job:
    """One source text (or one part of a long one) on its way through the model."""

    index: int
    tokens: list[str]
    offsets: list[Token]


class ArgosTranslator:
    """One Argos package (language pair), loaded once."""

    def __init__(self, source: str, target: str, settings: ArgosSettings | None = None):
        self.settings = settings or ArgosSettings()
        try:
            package = find_package(source, target)
        except (ImportError, OSError) as exc:
            raise EngineUnavailableError(f"cannot read Argos packages: {exc}") from exc
        if package is None:
            raise EngineUnavailableError(
                f"no Argos package for {source}->{target} is installed; install one with "
                f"'bilingual models install {source} {target}' (or --from-file PKG.argosmodel)"
            )
        import ctranslate2
        import sentencepiece

        path = Path(package.package_path)
        sp_model = path / "sentencepiece.model"
        if not sp_model.is_file():
            raise EngineUnavailableError(
                f"{path}: the package has no sentencepiece.model (BPE packages are not supported)"
            )
        self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
        self.model_path = path / "model"
        self.model: ctranslate2.Translator | None = None  # loaded for the first batch
        self.target_prefix = getattr(package, "target_prefix", "") or ""
        self.codec = ArgosCodec()
        self.info = EngineInfo(
            "argos", f"ctranslate2 {ctranslate2.__version__}", package_label(package), source, target
        )
        self.remarks: dict[str, list[Issue]] = {}

    # the protocol ------------------------------------------------------------------

    def start(self) -> None:
        """Nothing ahead of time: the model is loaded for the first batch,
        so a run in both directions holds one model at a time."""

    def translate_batch(self, texts: list[str]) -> list[str]:
        """Translate tagged texts; tags come back on the aligned words."""
        tagged = [parse_tagged(t) for t in texts]
        jobs: list[_Job] = []
        for index, item in enumerate(tagged):
            jobs += self._jobs(index, item.text, texts[index])
        results = self._run(jobs)
        outputs = []
        for index, item in enumerate(tagged):
            parts = [(job, results[id(job)]) for job in jobs if job.index == index]
            outputs.append(self._assemble(texts[index], item, parts))
        return outputs

    def close(self) -> None:
        self.model = None

    def _loaded(self) -> ctranslate2.Translator:
        if self.model is None:
            import ctranslate2

            self.model = ctranslate2.Translator(
                str(self.model_path),
                device=self.settings.device,
                compute_type=self.settings.compute_type,
                inter_threads=self.settings.inter_threads,
                intra_threads=self.settings.intra_threads,
            )
        return self.model

    # preparing -----------------------------------------------------------------------

    def _tokenize(self, text: str) -> tuple[list[str], list[Token]]:
        proto = self.tokenizer.encode(text, return_type="proto")
        char_at = _byte_to_char(text)
        pieces, offsets = [], []
        for piece in proto.pieces:
            pieces.append(piece.piece)
            offsets.append(Token(char_at[piece.begin], char_at[piece.end], piece.piece.startswith("▁")))
        return pieces, offsets

    def _jobs(self, index: int, text: str, original: str) -> list[_Job]:
        pieces, offsets = self._tokenize(text)
        limit = self.settings.max_input_tokens
        if len(pieces) <= limit:
            return [_Job(index, pieces, offsets)]
        cuts = _clause_cuts(text, pieces, offsets, limit)
        if cuts is None:
            self.remarks.setdefault(original, []).append(
                Issue(
                    "segment-too-long",
                    "warning",
                    f"{len(pieces)} tokens, more than the model's {limit}, and no clause boundary to split at: "
                    "kept untranslated",
                )
            )
            return [_Job(index, [], [])]
        self.remarks.setdefault(original, []).append(
            Issue(
                "segment-split",
                "info",
                f"{len(pieces)} tokens, more than the model's {limit}: translated in {len(cuts) + 1} parts "
                "split at clause boundaries",
            )
        )
        bounds = [0, *cuts, len(pieces)]
        return [_Job(index, pieces[a:b], offsets[a:b]) for a, b in itertools.pairwise(bounds)]

    # running ---------------------------------------------------------------------------

    def _run(self, jobs: list[_Job]) -> dict[int, tuple[list[str], list[int]]]:
        """All jobs, sorted by length; each band of similar lengths goes to
        CTranslate2 in one call that cuts it into batches of at most
        ``max_batch_tokens`` tokens (run in parallel with ``inter_threads``)."""
        results: dict[int, tuple[list[str], list[int]]] = {}
        ordered = sorted((j for j in jobs if j.tokens), key=lambda j: len(j.tokens))
        for band in _length_bands(ordered):
            for job, result in zip(band, self._translate(band), strict=True):
                results[id(job)] = result
        for job in jobs:
            results.setdefault(id(job), ([], []))
        return results

    def _translate(self, batch: list[_Job]) -> list[tuple[list[str], list[int]]]:
        prefix = [[self.target_prefix] for _ in batch] if self.target_prefix else None
        longest = max(len(j.tokens) for j in batch)
        outputs = self._loaded().translate_batch(
            [j.tokens for j in batch],
            target_prefix=prefix,
            beam_size=self.settings.beam_size,
            length_penalty=self.settings.length_penalty,
            replace_unknowns=True,
            return_attention=True,
            max_decoding_length=min(1024, int(self.settings.max_output_ratio * longest) + 16),
            max_batch_size=self.settings.max_batch_tokens,
            batch_type="tokens",
        )
        out = []
        for job, result in zip(batch, outputs, strict=True):
            tokens = list(result.hypotheses[0])
            attention = result.attention[0] if result.attention else []
            if self.target_prefix and tokens and tokens[0] == self.target_prefix:
                tokens, attention = tokens[1:], attention[1:]
            aligned = [_argmax(row, len(job.tokens)) for row in attention[: len(tokens)]]
            aligned += [len(job.tokens) - 1] * (len(tokens) - len(aligned))
            out.append((tokens, aligned))
        return out

    # assembling ------------------------------------------------------------------------

    def _assemble(self, original: str, item: Tagged, parts: list[tuple[_Job, tuple[list[str], list[int]]]]) -> str:
        if any(not job.tokens for job, _ in parts) and item.text.strip():
            return original  # kept untranslated (reported in remarks)
        source_tokens: list[Token] = []
        target_tokens: list[Token] = []
        alignment: list[int] = []
        text = ""
        for job, (tokens, aligned) in parts:
            shift = len(source_tokens)
            source_tokens += job.offsets
            piece_text, piece_tokens = _detokenize(tokens)
            if text and piece_text and not text.endswith(" "):
                text += " "
            base = len(text)
            target_tokens += [
                Token(t.start + base, t.end + base, t.word_start or i == 0) for i, t in enumerate(piece_tokens)
            ]
            alignment += [a + shift for a in aligned]
            text += piece_text
        placed, _lost = project(item, source_tokens, text, target_tokens, alignment)
        return render_tagged(placed)


def _argmax(row: list[float], limit: int) -> int:
    best = max(range(len(row)), key=row.__getitem__) if row else 0
    return min(best, max(0, limit - 1))


def _byte_to_char(text: str) -> list[int]:
    """Character offset of every UTF-8 byte offset (plus the end)."""
    table = []
    for index, char in enumerate(text):
        table += [index] * len(char.encode("utf-8"))
    table.append(len(text))
    return table


def _detokenize(pieces: list[str]) -> tuple[str, list[Token]]:
    """Target text from SentencePiece pieces, with each piece's span. Unlike
    Argos's decoder, underscores stay underscores."""
    text = ""
    tokens = []
    pending_bytes = b""
    for piece in pieces:
        byte = _BYTE_PIECE.fullmatch(piece)
        if byte:
            pending_bytes += bytes([int(byte.group(1), 16)])
            surface = ""
            try:
                surface = pending_bytes.decode("utf-8")
                pending_bytes = b""
            except UnicodeDecodeError:
                pass
        else:
            surface = piece.replace("▁", " ")
        start = len(text)
        text += surface
        tokens.append(Token(start, len(text), piece.startswith("▁")))
    lead = len(text) - len(text.lstrip(" "))
    if lead:
        text = text[lead:]
        tokens = [Token(max(0, t.start - lead), max(0, t.end - lead), t.word_start) for t in tokens]
    return text, tokens


def _clause_cuts(text: str, pieces: list[str], offsets: list[Token], limit: int) -> list[int] | None:
    """Token indices to cut a too-long input at: after , ; : or before a
    dash, each part within ``limit`` tokens; None when impossible."""
    boundaries = {
        i + 1
        for i, t in enumerate(offsets)
        if text[t.start : t.end].rstrip().endswith((",", ";", ":", ")")) and i + 1 < len(pieces)
    } | {i for i, t in enumerate(offsets) if text[t.start : t.end].strip() in ("—", "–", "-") and i > 0}
    cuts: list[int] = []
    start = 0
    while len(pieces) - start > limit:
        candidates = [b for b in boundaries if start < b <= start + limit]
        if not candidates:
            return None
        cut = max(candidates)
        cuts.append(cut)
        start = cut
    return cuts


def _length_bands(jobs: list[_Job]) -> list[list[_Job]]:
    """Sorted jobs in bands whose longest input is at most twice the
    shortest: the decoding limit follows the band's longest input."""
    bands: list[list[_Job]] = []
    for job in jobs:
        if bands and len(job.tokens) <= 2 * max(1, len(bands[-1][0].tokens)):
            bands[-1].append(job)
        else:
            bands.append([job])
    return bands
