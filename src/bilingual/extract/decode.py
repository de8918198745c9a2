"""Bytes to text, once, at the reader.

Order of evidence: a byte-order mark; then the page's own declaration
(``<meta charset>``, ``http-equiv``) if the bytes really decode with it; then
byte-level detection. Declarations lie often on Spanish pages (windows-1252
bytes declared as ISO-8859-1, or UTF-8 declared as Latin-1), so a declared
single-byte encoding is checked against the bytes before it is trusted.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from w3lib.encoding import html_body_declared_encoding

_CANDIDATES = ["cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman", "utf_16", "cp1250"]
_UTF8_MARKERS = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    declared: str | None
    method: str  # "bom", "declared", "detected", "ascii"


def decode_html(data: bytes) -> Decoded:
    """Decode an HTML page. Never returns replacement characters for bytes
    that one of the candidate encodings can decode."""
    bom = _bom(data)
    declared = _declared(data)
    if bom:
        encoding, size = bom
        return Decoded(data[size:].decode(encoding, errors="replace"), encoding, declared, "bom")
    wide = utf16_without_bom(data)
    if wide:
        return Decoded(data.decode(wide, errors="replace"), wide, declared, "detected")
    if data.isascii():
        return Decoded(data.decode("ascii"), declared or "ascii", declared, "ascii")
    if declared is None or _canonical(declared).replace("_", "-") in ("utf-8", "utf8"):
        # the common case, checked first: UTF-8 declared (or nothing) and valid UTF-8
        try:
            return Decoded(data.decode("utf-8"), "utf-8", declared, "declared" if declared else "detected")
        except UnicodeDecodeError:
            pass
    if _mostly_utf8(data):
        # UTF-8 with a few stray bytes (a pasted windows-1252 quote): the
        # stray bytes are read as windows-1252, the rest stays UTF-8.
        return Decoded(data.decode("utf-8", errors=_STRAY_BYTES), "utf-8", declared, "detected")
    if declared:
        text = _try_declared(data, declared)
        if text is not None:
            return Decoded(text, _canonical(declared), declared, "declared")
    encoding = _detect(data)
    return Decoded(data.decode(encoding, errors="replace"), encoding, declared, "detected")


def utf16_without_bom(data: bytes) -> str:
    """UTF-16 with no byte order mark, as some tools save "Unicode text":
    the encoding when every other byte of the start is NUL (Latin text),
    else ``""``."""
    sample = data[:4096] if len(data) % 2 == 0 else b""
    if len(sample) < 4 or _bom(data):
        return ""
    for nul_at, encoding in ((1, "utf-16-le"), (0, "utf-16-be")):
        if sample[nul_at::2].count(0) * 10 >= len(sample) // 2 * 9 and 0 not in sample[1 - nul_at :: 2]:
            return encoding
    return ""


def _bom(data: bytes) -> tuple[str, int] | None:
    for mark, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def _declared(data: bytes) -> str | None:
    found = html_body_declared_encoding(data[:4096])
    if not found:
        return None
    try:
        name = codecs.lookup(found).name
        usable = b"<meta charset>".decode(name) == "<meta charset>"
    except (LookupError, UnicodeError, TypeError):
        return None
    if not usable:  # not a text encoding a page can declare itself in ("undefined", "rot13", "base64")
        return None
    # A page that can declare itself in ASCII bytes is not UTF-16/32: browsers
    # read such a declaration as UTF-8 (WHATWG HTML, "prescan").
    return "utf-8" if name.startswith(("utf-16", "utf_16", "utf-32", "utf_32")) else name


def _stray_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode error handler: bytes that are not UTF-8 read as windows-1252
    (latin-1 for the five bytes windows-1252 leaves undefined)."""
    assert isinstance(error, UnicodeDecodeError)
    raw = error.object[error.start : error.end]
    return "".join(_byte_char(b) for b in raw), error.end


def _byte_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_STRAY_BYTES = "bilingual-stray-bytes"
codecs.register_error(_STRAY_BYTES, _stray_bytes)


def _mostly_utf8(data: bytes) -> bool:
    """Many valid UTF-8 sequences and only a few invalid bytes (counted
    from one lenient decode: each invalid byte becomes one U+FFFD)."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    invalid = replaced - data.count(b"\xef\xbf\xbd")  # a real U+FFFD in the page is valid UTF-8
    valid = len(text) - len(text.encode("ascii", "ignore")) - replaced
    return valid > 0 and invalid * 2 <= valid


def _canonical(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    # Browsers read every Latin-1 label as windows-1252 (WHATWG Encoding).
    return "cp1252" if name in ("latin_1", "iso8859-1", "ascii") else name


def _try_declared(data: bytes, declared: str) -> str | None:
    encoding = _canonical(declared)
    if encoding.replace("_", "-") in ("utf-8", "utf8"):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if encoding == "cp1252" or encoding.startswith(("iso8859", "cp125", "latin")):
        # A single-byte declaration on bytes that are clearly UTF-8 is a lie.
        if _looks_utf8(data):
            return None
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return bool(_UTF8_MARKERS.search(data))


def _detect(data: bytes) -> str:
    if _looks_utf8(data):
        return "utf-8"
    from charset_normalizer import from_bytes

    # The encodings English and Spanish pages come in; checking only these
    # keeps detection fast and avoids exotic guesses on short pages.
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        return "cp1252"
    name = codecs.lookup(best.encoding).name
    # Western pages detected as a Latin variant are, in practice, windows-1252.
    if name in ("latin_1", "iso8859-1", "iso8859-15", "cp1250", "mac-roman") and _decodes(data, "cp1252"):
        return "cp1252"
    return name


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
