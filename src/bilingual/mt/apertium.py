"""Apertium (Debian's ``apertium`` + ``apertium-eng-spa``), kept running.

One process per direction runs the pair's mode pipeline in null-flush mode
(``-z`` on every stage, as ``apertium-wblank-mode -z`` prints it): each input
ends with ``\\0`` and Apertium answers each with its translation and a
``\\0``. Text is escaped as ``apertium-destxt`` does; paired inline codes
travel as word-bound blanks (``[[c1]]words[[/]]``) so they move with the
words they wrap, layout codes as superblanks (``[e2]``) and protected terms
as single-token placeholders.
"""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bilingual.config import ApertiumSettings
from bilingual.errors import EngineError, EngineUnavailableError
from bilingual.model import Content, Issue, TermHit, Text
from bilingual.mt.apertium_blanks import blank_stage, period_stage
from bilingual.mt.base import Decoded, Encoded, EngineInfo
from bilingual.mt.codec import (
    UNTRANSLATABLE,
    CodePiece,
    Event,
    Mark,
    Piece,
    Run,
    SlotPiece,
    TextPiece,
    plan_segment,
    protect_spans,
    rebuild,
    spanish_opening_marks,
)
from bilingual.mt.dates import (
    ENGLISH_DATES,
    ENGLISH_TIME,
    NAMED_FOR_A_DATE,
    SPANISH_DATES,
    SPANISH_TIME,
    article_before_tag,
    date_after_noun,
    english_time,
    spanish_time,
    split_del,
    word_before,
)

ISO3 = {"en": "eng", "es": "spa"}
MODE_DIRS = (Path("/usr/share/apertium/modes"), Path("/usr/local/share/apertium/modes"))
INSTALL_HINT = (
    "install it with: sudo apt-get install apertium apertium-eng-spa "
    "(Debian/Ubuntu), or see https://wiki.apertium.org/wiki/Installation"
)
_ESCAPE = re.compile(r"([\[\]^$/<>@{}\\])")
_SENTENCE_END = ".[]"


# A glossary term whose Spanish gender and number are known travels as a
# common noun of that gender and number, marked with a word-bound blank:
# Apertium then makes articles and adjectives agree with it and reorders
# around it, and the marked word is replaced by the term afterwards. Any
# other term, and any other placeholder, travels as a single unknown word,
# except at the start of a sentence: an unknown word there makes Apertium
# capitalise the word after it ("MinRex Dijo", "@CityHall Dijo"), so it
# travels as a proper noun instead, marked the same way; so does a term
# before an English possessive, which Apertium turns round ("X's family" ->
# "la familia de X") only around a word it knows. A name the glossary keeps
# travels as a proper noun there even with a gender: as a common noun it got
# an article ("El Harold Brandt dijo"); an acronym keeps its noun ("El USCIS
# dijo"). (Proper nouns are not used everywhere: Apertium takes about 60
# microseconds longer over a name than over an unknown word.) A date
# travels as an adverb of time, unless an English preposition or
# determiner comes before it: as a name or an unknown word it was read as a
# noun ("In early December prices fell" gave "Precios de a principios de
# diciembre cayeron", and a Spanish sentence opening with a date lost its
# subject), but "since yesterday" gives "desde entonces ayer", and "the June
# 2 election" is a noun's. Each proxy is given with the word Apertium makes
# of it.
NAME = ("", "")
DATE_PROXY = ("date", "")
_ENGLISH_SPANISH = {
    DATE_PROXY: ("yesterday", "ayer"),
    ("m", "sg"): ("book", "libro"),
    ("f", "sg"): ("house", "casa"),
    ("m", "pl"): ("books", "libros"),
    ("f", "pl"): ("houses", "casas"),
    NAME: ("Google", "Google"),
}
PROXIES = {
    "en": _ENGLISH_SPANISH,
    "es": {
        **{kind: (spanish, english) for kind, (english, spanish) in _ENGLISH_SPANISH.items()},
        # From Spanish, nouns no verb is spelled like ("de la casa ronda" was
        # read as "casar": "of marries it round"; "libro" is "librar" too),
        # made into English words that open with a consonant (Apertium puts
        # the "an" of "an edifice" inside the proxy's mark).
        ("m", "sg"): ("barco", "ship"),
        ("f", "sg"): ("ciudad", "city"),
        ("m", "pl"): ("barcos", "ships"),
        ("f", "pl"): ("ciudades", "cities"),
    },
}


class ApertiumCodec:
    name = "apertium"

    def __init__(self, source_lang: str = "en"):
        self.proxies = {key: word for key, (word, _) in PROXIES.get(source_lang, {}).items()}
        self.proxy_output = frozenset(made.casefold() for _, made in PROXIES.get(source_lang, {}).values())
        self.protected = _PROTECTED.get(source_lang, re.compile(UNTRANSLATABLE))
        self.prepositions = _PREPOSITIONS.get(source_lang, frozenset())
        self.to_spanish = source_lang == "en"
        self.to_english = source_lang == "es"

    def encode(self, source: Content, terms: tuple[TermHit, ...] = ()) -> Encoded:
        plan = plan_segment(source, terms)
        slots = dict(plan.slots)
        pieces = plan.pieces
        if self.to_spanish or self.to_english:
            pieces = _articles_into_tags(pieces, "en" if self.to_spanish else "es")
        if self.to_spanish:  # dates first: "March 11, 2025" comes back as "11 de marzo de 2025"
            pieces = _plural_possessives(pieces)
            pieces = [TextPiece(date_after_noun(p.text)) if isinstance(p, TextPiece) else p for p in pieces]
            for dates, spanish in ENGLISH_DATES:
                pieces = protect_spans(pieces, slots, plan.prefix, dates, spanish, date=True)
            pieces = protect_spans(pieces, slots, plan.prefix, ENGLISH_TIME, spanish_time)
        elif self.to_english:  # "el 11 de marzo de 2025" comes back as "on March 11, 2025"
            pieces = [TextPiece(split_del(p.text)) if isinstance(p, TextPiece) else p for p in pieces]
            for dates, english in SPANISH_DATES:
                pieces = protect_spans(pieces, slots, plan.prefix, dates, english, date=True)
            pieces = protect_spans(pieces, slots, plan.prefix, SPANISH_TIME, english_time)
        pieces = protect_spans(pieces, slots, plan.prefix, self.protected)
        out: list[str] = []
        active: list[int] = []
        opening = True  # no word yet
        for number, piece in enumerate(pieces):
            if isinstance(piece, TextPiece):
                # "~" is Apertium's post-generation mark, dropped even when
                # escaped: it travels in a superblank, which is copied as is
                out.append(_wrap(_ESCAPE.sub(r"\\\1", piece.text).replace("~", "[~]"), active))
                opening = opening and not any(map(str.isalnum, piece.text))
            elif isinstance(piece, SlotPiece):
                words = piece.term is not None or type(slots[piece.key].replacement[0]) is Text  # not a tag
                if piece.date and not _after_preposition(pieces[:number], self.prepositions):
                    out.append(self._proxy(piece, active, self.proxies[DATE_PROXY]))
                else:
                    out.append(self._slot(piece, active, words and (opening or _possessive(pieces[number + 1 :]))))
                opening = False
            elif piece.paired and piece.code.kind == "open":
                active.append(piece.code.id)
            elif piece.paired:
                active.remove(piece.code.id)
            else:
                out.append(f"[e{piece.code.id}]")
        text = "".join(out).strip()
        if self.to_spanish:
            text = _FINAL_NO.sub(r"\1[]\2", text)
        return Encoded(text, source, plan.pairs, plan.singles, slots)

    def decode(self, encoded: Encoded, output: str, segment_id: str) -> Decoded:
        decoded = rebuild(parse_output(output, encoded, self.proxy_output), encoded, segment_id, self.name)
        if self.to_spanish:  # Apertium does not open questions and exclamations
            decoded = replace(decoded, content=_contracted(spanish_opening_marks(decoded.content)))
        elif self.to_english:
            decoded = replace(decoded, content=_english_forms(decoded.content))
        return decoded

    def _slot(self, piece: SlotPiece, active: list[int], as_name: bool) -> str:
        term = piece.term
        proxy = None
        name = term is not None and term.action == "keep" and not term.target.isupper()  # not an acronym
        if term and term.gender and not (as_name and name):
            proxy = self.proxies.get((term.gender, term.number or "sg"))
        elif as_name:
            proxy = self.proxies.get(NAME)
        if proxy is None:
            return _wrap(piece.key, active)
        return self._proxy(piece, active, proxy)

    @staticmethod
    def _proxy(piece: SlotPiece, active: list[int], proxy: str) -> str:
        label = ";".join([*(f"c{i}" for i in active), f"s{_slot_number(piece.key)}"])
        return f"[[{label}]]{proxy}[[/]]"


# Times of day Apertium breaks: it reads the "a" of the Spanish "a. m." as a
# preposition ("10:30 to. m."). Such a time travels as a placeholder, as do
# addresses and names no engine may translate. (English times are written
# the Spanish way: see ``dates.ENGLISH_TIME``.)
_PROTECTED = {
    "en": re.compile(UNTRANSLATABLE),
    "es": re.compile(rf"(?<![\w:.,])\d{{1,2}}(?:[:.]\d{{2}})?\s?[Aa]\.\s[Mm]\.|{NAMED_FOR_A_DATE}|{UNTRANSLATABLE}"),
}


# The analyser reads a sentence's last "no." as the abbreviation of number
# ("He said no." gave "Dijo núm."); an empty blank between the word and the
# period keeps them apart.
_FINAL_NO = re.compile(r"(?<![\w.\\])([Nn]o)(\.(?:[\"'”’)]|\\[\])])*)$")


# Spanish forms Apertium copies into English: guillemets (English quotes
# with “ ”, and a quotation inside one with ‘ ’) and the spaced "a. m." /
# "p. m." of times ("10:30 a.m.").
_SPANISH_TIME = re.compile(r"(\d)\s?([ap])\.\s?m\.")
_INSIDE_GUILLEMETS = {"“": "‘", "”": "’"}


def _english_forms(content: Content) -> Content:
    text = "".join(item.text for item in content if type(item) is Text)
    guillemets = "«" in text or "»" in text
    if not guillemets and "m." not in text:
        return content
    depth = 0  # guillemets open here (the quotes of the text before count too)

    def english(text: str) -> str:
        nonlocal depth
        out = []
        for char in text:
            if char == "«":
                depth += 1
                char = "“"
            elif char == "»":
                depth = max(0, depth - 1)
                char = "”"
            elif depth and char in _INSIDE_GUILLEMETS:
                char = _INSIDE_GUILLEMETS[char]
            out.append(char)
        return "".join(out)

    return tuple(
        Text(_SPANISH_TIME.sub(r"\1 \2.m.", english(item.text) if guillemets else item.text))
        if type(item) is Text
        else item
        for item in content
    )


# "de" and "a" before a restored "el" ("antes de el 5 de marzo"): Spanish
# contracts them ("antes del 5 de marzo"); "El" with a capital is a name's
# ("de El Salvador").
_UNCONTRACTED = re.compile(r"\b([Dd]e|[Aa]) el\b")


def _contracted(content: Content) -> Content:
    if not any(type(item) is Text and " el" in item.text for item in content):
        return content
    return tuple(
        Text(_UNCONTRACTED.sub(lambda m: m.group(1)[0] + ("el" if m.group(1)[0] in "Dd" else "l"), item.text))
        if type(item) is Text
        else item
        for item in content
    )


_PREPOSITIONS = {  # (from Spanish the adverb does better after one too: "en ayer se firmó", "in yesterday it signed")
    "en": frozenset(
        "after at before by during for from in of on since through till to until "
        "the a an this that its his her their our my your last next every each".split()  # "the June 2 election"
    ),
}


def _articles_into_tags(pieces: list[Piece], language: str) -> list[Piece]:
    """The pieces with the article (or "on") before a tag that opens with a
    date moved inside the tag: see ``dates.article_before_tag``."""
    out = list(pieces)
    for number in range(len(out) - 2):
        before, tag, after = out[number : number + 3]
        opening_tag = isinstance(tag, CodePiece) and tag.paired and tag.code.kind == "open"
        if opening_tag and isinstance(before, TextPiece) and isinstance(after, TextPiece):
            moved = article_before_tag(before.text, after.text, language)
            if moved is not None:
                out[number], out[number + 2] = TextPiece(moved[0]), TextPiece(moved[1])
    return out


def _after_preposition(before: Sequence[object], prepositions: frozenset[str]) -> bool:
    """Whether the text just before a placeholder (and the tags before it)
    ends with a preposition or a determiner."""
    for piece in reversed(before):
        if isinstance(piece, TextPiece):
            return word_before(piece.text) in prepositions
        if isinstance(piece, SlotPiece):
            return False
    return False


_POSSESSIVE = re.compile(r"['\u2019]s?(?!\w)")


# Apertium turns "the farmers's organisations" round ("las organizaciones
# de los labradores") but not the plural possessive "farmers' organisations"
# ("labradores' organizaciones"), nor a term before one ("the Netherlands'
# ministry"). Such an apostrophe is written "'s" for it, unless the segment
# opens a quotation with a single quote, whose closing mark it could be.
_PLURAL_POSSESSIVE = re.compile(r"(?<![\w'\u2019-])([a-z]+s)['\u2019](?= [a-z])")  # (a name's is left alone)
_SINGLE_QUOTE_OPENS = re.compile(r"(?:^|[\s(\[\u201c\"])['\u2018]\w")


def _plural_possessives(pieces: list[Piece]) -> list[Piece]:
    texts = [p.text for p in pieces if isinstance(p, TextPiece)]
    if not any("'" in t or "\u2019" in t for t in texts) or any(_SINGLE_QUOTE_OPENS.search(t) for t in texts):
        return pieces
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, TextPiece):
            text = _PLURAL_POSSESSIVE.sub(r"\1's", piece.text)
            previous = out[-1] if out else None
            if isinstance(previous, SlotPiece) and previous.term and previous.term.source.endswith("s"):
                text = re.sub(r"^['\u2019](?= [a-z])", "'s", text)  # "the Netherlands' ministry"
            piece = TextPiece(text) if text != piece.text else piece
        out.append(piece)
    return out


def _possessive(after: Sequence[object]) -> bool:
    """Whether a term is followed by an English possessive ("'s", "s'"):
    Apertium reorders "X's family" into "la familia de X" around a word it
    knows, but leaves an unknown word and "'s" where they are."""
    for piece in after:
        if isinstance(piece, TextPiece):
            return bool(_POSSESSIVE.match(piece.text))
        if isinstance(piece, SlotPiece):
            return False
    return False


def _slot_number(key: str) -> str:
    return re.search(r"\d+", key).group()  # type: ignore[union-attr]


def _wrap(text: str, active: list[int]) -> str:
    """Word-bound blanks around the words of ``text``, spaces left outside."""
    if not active or not text.strip():
        return text
    label = ";".join(f"c{i}" for i in active)
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}[[{label}]]{text.strip()}[[/]]{trail}"


_OUTPUT = re.compile(r"\[\[(?P<wb>[^\]]*)\]\]|\[(?P<sb>(?:[^\]\\]|\\.)*)\]|\\(?P<esc>.)|(?P<text>[^\[\\]+)", re.S)


def parse_output(
    output: str, encoded: Encoded | None = None, proxy_output: frozenset[str] = frozenset()
) -> list[Event]:
    """Events from Apertium's output (escapes undone, blanks read). A word
    Apertium marked like a term's proxy but that is not what it makes of the
    proxy (``proxy_output``) is a word it added for it, such as the article
    of "[[s1]]La[[/]] [[s1]]casa[[/]] de la isla": it is kept as text."""
    if output.endswith(_SENTENCE_END):
        output = output[: -len(_SENTENCE_END)]
    slot_keys = {_slot_number(k): k for k in (encoded.slots if encoded else {})}
    events: list[Event] = []
    active: frozenset[int] = frozenset()
    slot: str | None = None
    for m in _OUTPUT.finditer(output):
        if m.group("wb") is not None:
            label = m.group("wb").strip()
            active, number = (frozenset(), None) if label == "/" else _label(label)
            slot = slot_keys.get(number) if number else None
        elif m.group("sb") is not None:
            for code_id, text in re.findall(r"e(\d+)|([~?!]+)", m.group("sb")):  # (see apertium_blanks)
                events.append(Run(text, active, slot) if text else Mark(int(code_id)))
        elif m.group("esc") is not None:
            events.append(Run(m.group("esc"), active, slot))
        else:
            events.append(Run(m.group("text"), active, slot))
    return _keep_added_words(events, proxy_output) if proxy_output and slot_keys else events


def _keep_added_words(events: list[Event], proxy_output: frozenset[str]) -> list[Event]:
    marked = [(e, e.text.strip().casefold() in proxy_output) for e in events if isinstance(e, Run) and e.slot]
    proxies = {e.slot for e, is_proxy in marked if is_proxy}
    added = {id(e): Run(e.text, e.active) for e, is_proxy in marked if not is_proxy and e.slot in proxies}
    return [added.get(id(e), e) for e in events]


def _label(label: str) -> tuple[frozenset[int], str | None]:
    """Code ids (``c12``) and the slot number (``s3``) of a word-bound blank."""
    ids = set()
    slot = None
    for part in label.split(";"):
        part = part.strip()
        if part[1:].isdigit():
            if part[0] == "c":
                ids.add(int(part[1:]))
            elif part[0] == "s":
                slot = part[1:]
    return frozenset(ids), slot


def find_mode(source: str, target: str, dirs: tuple[Path, ...] = MODE_DIRS) -> Path | None:
    name = f"{ISO3.get(source, source)}-{ISO3.get(target, target)}.mode"
    return next((d / name for d in dirs if (d / name).is_file()), None)


def apertium_available(source: str, target: str) -> bool:
    return shutil.which("apertium-wblank-mode") is not None and find_mode(source, target) is not None


def package_version() -> str:
    try:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", "apertium-eng-spa"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return result.stdout.strip() or "unknown"


_ATTACH = "| apertium-wblank-attach"
_DETACH = "| apertium-wblank-detach"


def with_stages(pipeline: str) -> str:
    """The pipeline with the stages of :mod:`bilingual.mt.apertium_blanks`:
    the period stage on the analyser's output (before word-bound blanks are
    attached), the blank stage on the stream before generation (where they
    are detached)."""
    for mark, stage in ((_ATTACH, period_stage()), (_DETACH, blank_stage())):
        if stage is not None and mark in pipeline:
            head, _, tail = pipeline.partition(mark)
            pipeline = f"{head}| {stage} {mark}{tail}"
    return pipeline


class ApertiumTranslator:
    """One persistent Apertium pipeline for one direction."""

    keeps_source_numbers = True  # Apertium copies numbers as they are written

    def __init__(self, source: str, target: str, settings: ApertiumSettings | None = None):
        self.settings = settings or ApertiumSettings()
        mode = find_mode(source, target)
        if mode is None or shutil.which("apertium-wblank-mode") is None:
            raise EngineUnavailableError(
                f"Apertium with the {ISO3.get(source, source)}-{ISO3.get(target, target)} pair "
                f"is not installed; {INSTALL_HINT}"
            )
        self.mode = mode
        self.codec = ApertiumCodec(source)
        self.remarks: dict[str, list[Issue]] = {}
        self.info = EngineInfo("apertium", package_version(), f"apertium-eng-spa:{mode.stem}", source, target)
        self._process: subprocess.Popen[bytes] | None = None

    def _pipeline(self) -> str:
        result = subprocess.run(
            ["apertium-wblank-mode", "-z", str(self.mode)],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if result.returncode != 0 or not result.stdout.strip():
            raise EngineUnavailableError(f"cannot read the Apertium mode {self.mode}: {result.stderr.strip()}")
        return with_stages(result.stdout.strip())

    def start(self) -> None:
        """Start the pipeline: its stages load their data (about 150 ms)
        while the articles are still being read and matched."""
        self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            # $1: generation mode (-n: no unknown-word marks), $2: tagger options.
            self._process = subprocess.Popen(
                ["bash", "-c", self._pipeline(), "apertium", "-n", ""],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "LC_ALL": "C.UTF-8"},
                start_new_session=True,
            )
        return self._process

    def translate_batch(self, texts: list[str]) -> list[str]:
        if not texts:
            return []
        process = self._start()
        payload = b"".join((t.replace("\0", " ") + _SENTENCE_END + "\0").encode("utf-8") for t in texts)
        writer = threading.Thread(target=_write_all, args=(process, payload), daemon=True)
        writer.start()
        try:
            outputs = self._read(process, len(texts))
        except EngineError:
            self.close(force=True)
            raise
        writer.join()
        return outputs

    def _read(self, process: subprocess.Popen[bytes], count: int) -> list[str]:
        assert process.stdout is not None
        fd = process.stdout.fileno()
        selector = selectors.DefaultSelector()
        selector.register(fd, selectors.EVENT_READ)
        buffer = bytearray()
        outputs: list[str] = []
        deadline = time.monotonic() + self.settings.timeout
        try:
            while len(outputs) < count:
                if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                    raise EngineError(f"Apertium gave no answer within {self.settings.timeout:.0f} s")
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise EngineError("the Apertium process ended unexpectedly")
                buffer += chunk
                while len(outputs) < count and (end := buffer.find(b"\0")) >= 0:
                    outputs.append(buffer[:end].decode("utf-8", errors="replace"))
                    del buffer[: end + 1]
                    deadline = time.monotonic() + self.settings.timeout
        finally:
            selector.close()
        return outputs

    def close(self, force: bool = False) -> None:
        """End the pipeline (all its stages: it runs in its own session)."""
        process, self._process = self._process, None
        if process is None:
            return
        if force:
            _kill_group(process)
        try:
            if process.stdin:
                process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            process.wait()
        if process.stdout:
            process.stdout.close()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _write_all(process: subprocess.Popen[bytes], payload: bytes) -> None:
    try:
        assert process.stdin is not None
        process.stdin.write(payload)
        process.stdin.flush()
    except (BrokenPipeError, OSError):
        pass  # the reader reports the failure
