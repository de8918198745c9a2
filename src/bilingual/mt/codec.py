"""What every engine codec shares: planning a segment into pieces (text,
codes, placeholders) and rebuilding content from an engine's output.

An engine codec only decides how pieces are spelled for its engine and how
to read them back (:class:`Run` and :class:`Mark` events); restoring codes
and placeholders, and falling back visibly when something did not come back,
happens here once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby, pairwise

from bilingual.content import LAYOUT_CODES, plain_text, text_runs_apart
from bilingual.model import Code, Content, Inline, Issue, TermHit, Text
from bilingual.mt.base import Decoded, Encoded, Slot

_SPACES = re.compile(r"[ \t\n\r\f\v]+")


@dataclass(frozen=True)
class TextPiece:
    text: str


@dataclass(frozen=True)
class CodePiece:
    code: Code
    paired: bool


@dataclass(frozen=True)
class SlotPiece:
    key: str
    term: TermHit | None = None
    date: bool = False  # a date: an engine may carry it as an adverb ("yesterday")


Piece = TextPiece | CodePiece | SlotPiece


@dataclass(frozen=True)
class Run:
    """Output text and the paired codes active around it; ``slot`` when the
    engine carried a placeholder as a marked word (the word is discarded)."""

    text: str
    active: frozenset[int] = frozenset()
    slot: str | None = None


@dataclass(frozen=True)
class Mark:
    """A code at a fixed position in the output: an unpaired code, or one
    side of a pair when the engine carries tags positionally."""

    code_id: int
    kind: str = "empty"


Event = Run | Mark


@dataclass(frozen=True)
class Plan:
    pieces: list[Piece]
    pairs: dict[int, tuple[Code, Code]]
    singles: dict[int, Code]
    slots: dict[str, Slot]
    prefix: str  # of the segment's placeholder keys


def slot_prefix(source: Content) -> str:
    """``XTERM`` unless the text already contains it."""
    text = plain_text(source)
    prefix = "XTERM"
    while prefix in text:
        prefix = "X" + prefix
    return prefix


def plan_segment(source: Content, terms: tuple[TermHit, ...] = ()) -> Plan:
    """Split a segment into pieces; protected terms and protected spans
    become placeholders."""
    prefix = slot_prefix(source)
    slots: dict[str, Slot] = {}
    pairs = _pairs(source)
    singles: dict[int, Code] = {}

    def new_slot(replacement: Content, term: TermHit | None = None) -> SlotPiece:
        return SlotPiece(add_slot(slots, prefix, replacement, term), term)

    pieces: list[Piece] = []
    for item, term in _with_terms(source, terms):
        if term is not None:
            pieces.append(new_slot((Text(term.target),), term))
        elif isinstance(item, Text):
            pieces.append(TextPiece(_SPACES.sub(" ", item.text)))
        elif item.kind == "empty" and item.name not in LAYOUT_CODES:
            pieces.append(new_slot((item,)))
        else:
            if item.id not in pairs:
                singles[item.id] = item
            pieces.append(CodePiece(item, item.id in pairs))
    return Plan(_merge_text(pieces), pairs, singles, slots, prefix)


def add_slot(slots: dict[str, Slot], prefix: str, replacement: Content, term: TermHit | None = None) -> str:
    """A new placeholder in ``slots``; its key is the prefix, its number and
    an X (``XTERM3X``), the form :func:`_split_slots` looks for."""
    key = f"{prefix}{len(slots) + 1}X"
    slots[key] = Slot(key, replacement, term)
    return key


# Text no engine may translate: it names something (a web address, a mailbox,
# an account, a file) and must come back byte for byte. Apertium translated
# the words inside such names ("press_office@" gave "pulsar_office@",
# "annual_report_final.pdf" "final_de_informe anual.Pdf"), and it takes
# seconds over a run of thousands of letters (quadratic: 100,000 took 6 s).
UNTRANSLATABLE = (
    r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]"  # web addresses
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@#&])[@#][^\W_]\w*"  # accounts and hashtags: @CityHall, #Budget2024
    r"|\S*_\S*"  # identifiers and file names: annual_report_final.pdf
    r"|\S{40,}"  # forty characters without a space: a hash or a token, never a word
)
_LEADING, _TRAILING = "([{\"'“‘«¿¡", ".,;:!?)]}\"'”’»"


def protect_spans(
    pieces: list[Piece],
    slots: dict[str, Slot],
    prefix: str,
    pattern: re.Pattern[str],
    rewrite: Callable[[re.Match[str]], str | None] | None = None,
    date: bool = False,
) -> list[Piece]:
    """``pieces`` with each span of their text that ``pattern`` finds as a
    placeholder of its own (punctuation around a span stays text: the
    sentence keeps its period). With ``rewrite``, the placeholder comes
    back as what it gives for the match (a span it gives ``None`` for stays
    text), and the match is taken as it is. ``date``: the spans are dates."""
    out: list[Piece] = []
    for piece in pieces:
        if not isinstance(piece, TextPiece) or not pattern.search(piece.text):
            out.append(piece)
            continue
        text, pos = piece.text, 0
        for m in pattern.finditer(text):
            start, end = m.span()
            if rewrite:
                replacement = rewrite(m)
            else:  # the punctuation around the span stays text
                found = m.group()
                start, end = start + len(found) - len(found.lstrip(_LEADING)), start + len(found.rstrip(_TRAILING))
                replacement = text[start:end]
            if not replacement:
                continue
            if start > pos:
                out.append(TextPiece(text[pos:start]))
            out.append(SlotPiece(add_slot(slots, prefix, (Text(replacement),)), date=date))
            pos = end
        if pos < len(text):
            out.append(TextPiece(text[pos:]))
    return out


def _pairs(source: Content) -> dict[int, tuple[Code, Code]]:
    """Open/close codes that are both inside the segment, by id."""
    opened = {i.id: i for i in source if isinstance(i, Code) and i.kind == "open"}
    return {i.id: (opened[i.id], i) for i in source if isinstance(i, Code) and i.kind == "close" and i.id in opened}


def _with_terms(source: Content, terms: tuple[TermHit, ...]) -> list[tuple[Inline, TermHit | None]]:
    """The source items, with each term's text replaced by one marker entry.
    Tags inside a term's text move to its edges (opening tags before it,
    closing and empty tags after it): the term travels whole."""
    if not terms:
        return [(item, None) for item in source]
    out: list[tuple[Inline, TermHit | None]] = []
    pending = sorted(terms, key=lambda t: t.start)
    inside: list[Code] = []  # codes met while inside a term
    term: TermHit | None = None
    pos = 0
    for item in source:
        if isinstance(item, Code):
            if term is None:
                out.append((item, None))
            else:
                inside.append(item)
            continue
        text, start, cursor = item.text, pos, 0
        pos += len(text)
        while cursor < len(text):
            if term is None:
                while pending and pending[0].start < start + cursor:
                    pending.pop(0)  # overlaps a term already placed
                if not pending or pending[0].start >= start + len(text):
                    out.append((Text(text[cursor:]) if cursor else item, None))
                    break
                term = pending.pop(0)
                if term.start > start + cursor:
                    out.append((Text(text[cursor : term.start - start]), None))
                cursor = term.start - start
            if term.end > start + len(text):
                break  # the term goes on in a later run
            cursor = term.end - start
            out += [(c, None) for c in inside if c.kind == "open"]
            out.append((Text(""), term))
            out += [(c, None) for c in inside if c.kind != "open"]
            inside, term = [], None
    if term is not None:  # a term that never ended (should not happen): keep its codes
        out += [(c, None) for c in inside]
    return out


def _merge_text(pieces: list[Piece]) -> list[Piece]:
    """Adjacent text pieces as one (joined in one go: a sentence of
    thousands of entity references would take quadratic time)."""
    merged: list[Piece] = []
    for is_text, group in groupby(pieces, key=lambda piece: isinstance(piece, TextPiece)):
        run = list(group)
        if is_text and len(run) > 1:
            merged.append(TextPiece(_SPACES.sub(" ", "".join(piece.text for piece in run))))  # type: ignore[union-attr]
        else:
            merged += run
    return merged


# --- rebuilding -----------------------------------------------------------


def rebuild(events: list[Event], encoded: Encoded, segment_id: str, engine: str) -> Decoded:
    """Content from an engine's output events: placeholders replaced, paired
    codes put around the words they came back around. Whatever did not come
    back is restored visibly and reported."""
    flat = _split_slots(_normalize_space(events), encoded.slots)
    placed = _place_codes(flat, encoded.pairs, encoded.singles)
    restored, slot_issues = _restore_slots(placed, encoded.slots, segment_id, engine)
    items, code_issues = _restore_missing_codes(restored, encoded, segment_id, engine)
    if not _nested(list(encoded.source), encoded.pairs)[1]:  # (a source whose tags cross stays as it is)
        items, crossed = _nested(items, encoded.pairs)
        code_issues += [_moved(code, "after the tags opened inside it", segment_id, engine) for code in crossed]
    content = _tidy(items)
    source = plain_text(encoded.source)
    if ".." not in source:
        content = _one_period(content)
    content = _glued_as_source(_spaced_as_source(content, source), encoded.source)
    if "’" in source and "'" not in source:
        content = _curly_apostrophes(content)
    return Decoded(content, tuple(slot_issues + code_issues))


def _curly_apostrophes(content: Content) -> Content:
    """A source that writes its apostrophes and closing single quotes
    curly ("’") gets them curly in the translation too: Apertium wrote
    "‘Si estuviste dicho para dejar, deja ahora'" for "…leave now’"."""
    return tuple(Text(i.text.replace("'", "’")) if type(i) is Text and "'" in i.text else i for i in content)


_DOUBLE_PERIOD = re.compile(r"(?<!\.)\.\.(?!\.)")


_OPENERS = "“‘«([¿¡"
_CLOSERS = ",.;:!?)]”»"
_QUOTES = '“‘«"'


def _spaced_as_source(content: Content, source: str) -> Content:
    """Around punctuation, the translation follows the source. An engine
    that drops or moves the word next to a mark leaves a space the source
    does not have ("museo , no" for "museum, not"), and one that drops the
    word after an opening quote (the subject of "“We left.”", which Spanish
    leaves out) also loses the capital the source has: "“ salimos.”"
    becomes "“Salimos.”". A space goes only where the source has no space
    on that side of that mark; after a quote, the translation follows the
    quote of the source in the same place (see :func:`_quote_rules`)."""
    gaps = [f"{mark} " for mark in _OPENERS if f"{mark} " not in source]
    gaps += [f" {mark}" for mark in _CLOSERS if f" {mark}" not in source]
    text = "".join(item.text for item in content if type(item) is Text)
    gaps = [gap for gap in gaps if gap in text]
    rules = _quote_rules(source, text)
    if not rules and not gaps:
        return content
    seen = dict.fromkeys(rules, 0)
    out: list[Inline] = []
    for item in content:
        if type(item) is Text:
            edited = item.text
            for gap in gaps:
                edited = edited.replace(gap, gap.strip())
            item = Text(_after_quotes(edited, rules, seen))
        out.append(item)
    return tuple(out)


_BLANKS_AND_OPENINGS = frozenset(("", " ", "\t", "\n", "\r", "\xa0", *"«“‘¿¡([{—–-\"'"))


def _glued_as_source(content: Content, source: Content) -> Content:
    """A tag that touches the word before it in the source ("rose<sup>1</sup>",
    "CO<sub>2</sub>") touches the word before it in the translation: an
    engine that sees the tag's words as words of their own spaces them. A
    tag after an opening mark ("«<em>", "¿<b>") is not glued to a word: the
    engine may put one there ("«<em>Vamos" gave "“We<em>go")."""
    glued = {
        item.id
        for before, item in pairwise(source)
        if type(item) is Code
        and item.kind == "open"
        and type(before) is Text
        and before.text[-1:] not in _BLANKS_AND_OPENINGS
    }
    if not glued:
        return content
    out = list(content)
    for i in range(1, len(out)):
        item, before = out[i], out[i - 1]
        if type(item) is Code and item.id in glued and item.kind == "open" and type(before) is Text:
            out[i - 1] = Text(before.text.rstrip(" "))
    return tuple(out)


def _quote_rules(source: str, text: str) -> dict[str, list[tuple[bool, bool]]]:
    """For each quote mark of the source that the translation has as many
    of, in order: whether a space after it goes, and whether the letter
    after it is a capital. A straight double quote opens and closes in
    turn, so only every other one is an opening quote, whose space can go
    (the others are followed by the sentence)."""
    rules = {}
    for mark in _QUOTES:
        count = source.count(mark)
        if not count or text.count(mark) != count or (mark == '"' and count % 2):
            continue
        places = [i for i, char in enumerate(source) if char == mark]
        rules[mark] = [
            (
                mark == '"' and number % 2 == 0 and source[i + 1 : i + 2] != " ",
                source[i + 1 : i + 2].isupper() and (mark != '"' or number % 2 == 0),
            )
            for number, i in enumerate(places)
        ]
    return rules


def _after_quotes(text: str, rules: dict[str, list[tuple[bool, bool]]], seen: dict[str, int]) -> str:
    """``text`` with the space after each quote dropped and the letter after
    it made a capital as ``rules`` say (``seen``: the quotes of each kind
    met so far, in earlier text)."""
    if not rules:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        out.append(char)
        i += 1
        if char not in rules:
            continue
        number = seen[char]
        seen[char] += 1
        drop_space, capital = rules[char][number] if number < len(rules[char]) else (False, False)
        if drop_space and text[i : i + 1] == " ":
            i += 1
        if capital and text[i : i + 1].islower():
            out.append(text[i].upper())
            i += 1
    return "".join(out)


# A closing "?" or "!" (not one inside an address: a space, a closing mark
# or the end follows it), and what opens the clause it closes: the start, a
# sentence's end (and the marks closing it), a colon or an opening quote,
# then any opening marks.
_SYMBOLS = frozenset(("So", "Sk", "Mn", "Cf"))  # emoji and their joiners and selectors, ©, ®
_CLOSING_MARK = re.compile(r"(?<=\S)[?!]+(?=[\s\"”’»)\]]|$)")
_CLAUSE_START = re.compile(r"(?:^[\s\"”’»)\]]*|[.?!:;]\s+|[“‘«(\[—–]|(?<=\s)\")[\s“‘«(\[—–\"]*")


def spanish_opening_marks(content: Content) -> Content:
    """A Spanish question or exclamation opens with "¿" or "¡", which an
    engine translating from English may leave out ("Qué pasa luego?"):
    each goes at the start of the clause its closing mark ends, after a
    colon or an opening quote ("Preguntó: ¿qué pasa?", "“¡Cuidado!”"),
    unless the clause already has it."""
    text = "".join(item.text for item in content if type(item) is Text)
    if "?" not in text and "!" not in text:
        return content
    inserts: dict[int, str] = {}
    done = 0
    for closing in _CLOSING_MARK.finditer(text):
        opening = "¿" if closing.group()[0] == "?" else "¡"
        clause = text[done : closing.start()]
        start = done + [m.end() for m in _CLAUSE_START.finditer(clause)][-1]
        while start < closing.start() and (text[start].isspace() or unicodedata.category(text[start]) in _SYMBOLS):
            start += 1  # "🎉 ¡El equipo ganó!"
        if opening not in text[start : closing.start()] and start < closing.start():
            inserts[start] = opening
        done = closing.end()
    return _insert_text(content, inserts) if inserts else content


def _insert_text(content: Content, inserts: dict[int, str]) -> Content:
    """``content`` with each text of ``inserts`` put at its offset in the
    plain text (inside the text run that goes on from there)."""
    out: list[Inline] = []
    pos = 0
    for item in content:
        if type(item) is Text:
            end = pos + len(item.text)
            places = sorted(i for i in inserts if pos <= i < end)
            if places:
                pieces, cut = [], 0
                for place in places:
                    pieces += [item.text[cut : place - pos], inserts.pop(place)]
                    cut = place - pos
                item = Text("".join(pieces) + item.text[cut:])
            pos = end
        out.append(item)
    return tuple(out)


def _one_period(content: Content) -> Content:
    """An abbreviation the engine put at the end of a sentence takes the
    sentence's period ("ciudadanos de EE.UU.", not "EE.UU.." for "US
    citizens."), as the source, which has no "..", does; an ellipsis stays."""
    if not any(type(item) is Text and ".." in item.text for item in content):
        return content
    return tuple(Text(_DOUBLE_PERIOD.sub(".", i.text)) if type(i) is Text else i for i in content)


@dataclass(frozen=True)
class _SlotEvent:
    key: str
    active: frozenset[int]


def _normalize_space(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for event in events:
        if isinstance(event, Run):
            text = _SPACES.sub(" ", event.text)
            if not text and event.slot is None:
                continue
            event = Run(text, event.active, event.slot)
        out.append(event)
    return out


def _split_slots(events: list[Event], slots: dict[str, Slot]) -> list[Event | _SlotEvent]:
    if not slots:
        return list(events)
    prefix = next(iter(slots)).rstrip("X").rstrip("0123456789")
    pattern = _slot_pattern(prefix)
    out: list[Event | _SlotEvent] = []
    carried: set[str] = set()
    for event in events:
        if not isinstance(event, Run):
            out.append(event)
            continue
        if event.slot is not None:
            if event.slot in slots and event.slot not in carried:
                carried.add(event.slot)
                out.append(_SlotEvent(event.slot, event.active))
            continue
        if prefix not in event.text:
            out.append(event)  # the common case: a run with no placeholder
            continue
        pos = 0
        for m in pattern.finditer(event.text):
            if m.group() not in slots:
                continue  # a number the segment has no slot for: text
            if m.start() > pos:
                out.append(Run(event.text[pos : m.start()], event.active))
            out.append(_SlotEvent(m.group(), event.active))
            pos = m.end()
        if pos < len(event.text):
            out.append(Run(event.text[pos:], event.active))
    return out


@lru_cache(maxsize=16)
def _slot_pattern(prefix: str) -> re.Pattern[str]:
    """Any placeholder made with ``prefix`` (see :func:`plan_segment`)."""
    return re.compile(rf"{re.escape(prefix)}[0-9]+X")


def _place_codes(
    events: list[Event | _SlotEvent],
    pairs: dict[int, tuple[Code, Code]],
    singles: dict[int, Code],
) -> list[Inline | _SlotEvent]:
    """Open each paired code before the first event it is active on and close
    it after the last; outer (longer) spans open first and close last."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, event in enumerate(events):
        if isinstance(event, Run | _SlotEvent):
            for code_id in event.active:
                if code_id in pairs:
                    first.setdefault(code_id, i)
                    last[code_id] = i
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for code_id in first:
        opens.setdefault(first[code_id], []).append(code_id)
        closes.setdefault(last[code_id], []).append(code_id)
    out: list[Inline | _SlotEvent] = []
    for i, event in enumerate(events):
        for code_id in sorted(opens.get(i, []), key=lambda c: (first[c] - last[c], c)):
            out.append(pairs[code_id][0])
        if isinstance(event, Mark):
            if event.kind in ("open", "close") and event.code_id in pairs:
                out.append(pairs[event.code_id][0 if event.kind == "open" else 1])
            elif event.code_id in singles:
                out.append(singles[event.code_id])
        elif isinstance(event, Run):
            out.append(Text(event.text))
        else:
            out.append(event)
        for code_id in sorted(closes.get(i, []), key=lambda c: (last[c] - first[c], -c)):
            out.append(pairs[code_id][1])
    return out


def _restore_slots(
    items: list[Inline | _SlotEvent], slots: dict[str, Slot], segment_id: str, engine: str
) -> tuple[list[Inline], list[Issue]]:
    out: list[Inline] = []
    seen: dict[str, int] = {}
    after_period = False  # the last thing out is a replacement ending in "." ("EE. UU.")
    for item in items:
        if isinstance(item, _SlotEvent):
            seen[item.key] = seen.get(item.key, 0) + 1
            replacement = slots[item.key].replacement
            out.extend(replacement)
            after_period = (
                bool(replacement) and isinstance(replacement[-1], Text) and replacement[-1].text.endswith(".")
            )
            continue
        if after_period and isinstance(item, Text) and item.text.startswith(".") and not item.text.startswith(".."):
            item = Text(item.text[1:])  # the sentence's period merges with the abbreviation's: "EE. UU."
        after_period = after_period and isinstance(item, Text) and not item.text
        out.append(item)
    issues = []
    for key, slot in slots.items():
        what = f"term '{slot.term.source}'" if slot.term else "protected text"
        if key not in seen:
            out.append(Text(" "))
            out.extend(slot.replacement)
            issues.append(
                Issue(
                    "placeholder-lost",
                    "error",
                    f"{engine} dropped the placeholder for {what}; restored at the end",
                    segment_id,
                )
            )
        elif seen[key] > 1:
            issues.append(
                Issue("placeholder-duplicated", "warning", f"{engine} repeated the placeholder for {what}", segment_id)
            )
    return out, issues


def _restore_missing_codes(
    items: list[Inline], encoded: Encoded, segment_id: str, engine: str
) -> tuple[list[Inline], list[Issue]]:
    present = {(i.kind, i.id) for i in items if isinstance(i, Code)}
    issues = []
    for opening, closing in encoded.pairs.values():
        has_open, has_close = ("open", opening.id) in present, ("close", closing.id) in present
        if not has_open and not has_close:
            inner = _inner_text(encoded.source, opening.id)
            wrapped = _wrap_once(items, inner, opening, closing)
            if wrapped is not None:  # "S&P 500<sup>®</sup>": its text came through, once
                items = wrapped
                issues.append(_moved(opening, f"around '{inner}'", segment_id, engine))
                continue
            items = [opening, *items, closing]
            issues.append(_moved(opening, "around the whole sentence", segment_id, engine))
        elif not has_open:
            items = [opening, *items]
            issues.append(_moved(opening, "at the start", segment_id, engine))
        elif not has_close:
            items = [*items, closing]
            issues.append(_moved(closing, "at the end", segment_id, engine))
    for code in encoded.singles.values():
        if (code.kind, code.id) not in present:
            items = [*items, code]
            issues.append(_moved(code, "at the end", segment_id, engine))
    return items, issues


def _nested(items: list[Inline], pairs: dict[int, tuple[Code, Code]]) -> tuple[list[Inline], list[Code]]:
    """``items`` with every paired tag closed after the tags opened inside
    it, so the page stays well formed: an engine that moves words of one tag
    into another ("Staff Writer</span> <time>March" gave "<time>Marcha de
    Escritor del Personal</span> 11") leaves the first tag's close inside the
    second. Such a close waits until the tags opened after it are closed.
    Also gives the closes that waited."""
    out: list[Inline] = []
    opened: list[int] = []
    waiting: dict[int, Code] = {}
    crossed: list[Code] = []
    for item in items:
        if type(item) is Code and item.id in pairs:
            if item.kind == "open":
                opened.append(item.id)
            elif item.id in opened and opened[-1] != item.id:
                waiting[item.id] = item
                crossed.append(item)
                continue
            elif item.id in opened:
                opened.pop()
                out.append(item)
                while opened and opened[-1] in waiting:
                    out.append(waiting.pop(opened.pop()))
                continue
        out.append(item)
    out += [waiting.pop(code_id) for code_id in reversed(opened) if code_id in waiting]
    return out, crossed


def _inner_text(source: Content, code_id: int) -> str:
    """The text between the open and close codes ``code_id`` of the source."""
    inside, parts = False, []
    for item in source:
        if type(item) is Code and item.id == code_id:
            if inside:
                break
            inside = item.kind == "open"
        elif inside and type(item) is Text:
            parts.append(item.text)
    return "".join(parts).strip()


def _wrap_once(items: list[Inline], inner: str, opening: Code, closing: Code) -> list[Inline] | None:
    """``items`` with ``inner`` wrapped in the two codes, when it is found
    once, in one text run, in the translation; else ``None``."""
    if not inner:
        return None
    found = [(i, item) for i, item in enumerate(items) if type(item) is Text and inner in item.text]
    text = "".join(item.text for item in items if type(item) is Text)
    if len(found) != 1 or text.count(inner) != 1:
        return None
    i, run = found[0]
    before, _, after = run.text.partition(inner)
    return [*items[:i], Text(before), opening, Text(inner), closing, Text(after), *items[i + 1 :]]


def _moved(code: Code, where: str, segment_id: str, engine: str) -> Issue:
    return Issue("tag-moved", "warning", f"{engine} lost the position of {code.markup!r}; placed {where}", segment_id)


def _tidy(items: list[Inline]) -> Content:
    """Merge text runs, collapse spaces within them and trim the ends. Spacing
    on the two sides of a tag is kept: it is meaningful in HTML."""
    out: list[Inline] = []
    for run in text_runs_apart(items):
        if not isinstance(run, list):
            out.append(run)
        elif text := "".join(item.text for item in run):
            out.append(Text(_SPACES.sub(" ", text)))
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    return tuple(i for i in out if not (isinstance(i, Text) and not i.text))
