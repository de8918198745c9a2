"""CSV and TSV glossaries: header row, dialect sniffed (comma, semicolon,
tab), BOM and CRLF handled, RFC 4180 quoting. Every problem is reported with
the physical line it is on."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from itertools import compress
from typing import cast

from bilingual.extract.decode import utf16_without_bom
from bilingual.glossary.model import (
    ACTIONS,
    LANGUAGES,
    Action,
    Problem,
    Term,
    TermTable,
    default_case_sensitive,
    nfc,
)

_FORMULA_START = ("=", "+", "-", "@", "\t")
_FORMULA_FIRST = frozenset(_FORMULA_START)
_SEPARATOR = "\x1f"  # the unit separator: never in a glossary cell
_ROW_END = "\x1e"  # the record separator: a cell of its own between rows
_YES = {"yes", "y", "true", "1", "sí", "si", "verdadero"}  # a Spanish spreadsheet writes TRUE as VERDADERO
_NO = {"no", "n", "false", "0", "", "falso"}
# es_gender and es_number as written (lower case) -> as stored
_GENDERS = {"": "", **dict.fromkeys(("m", "masc", "masculine", "masculino"), "m")}
_GENDERS |= dict.fromkeys(("f", "fem", "feminine", "femenino"), "f")
_NUMBERS = {"": "", "sg": "sg", "singular": "sg", "pl": "pl", "plural": "pl"}


def read_csv_glossary(data: bytes, path: str) -> tuple[TermTable, list[Problem]]:
    problems: list[Problem] = []
    wide = utf16_without_bom(data)
    if wide:
        text = _decode_wide(data, wide, path, problems)
    elif _binary(data):
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        message = "NUL bytes: not a text file (a glossary is a CSV, TSV or TBX file)"
        return TermTable.from_terms([]), [Problem(path, line, "error", message)]
    else:
        text = _decode(data, path, problems)
    text = nfc(text)
    if not text.strip():
        return TermTable.from_terms([]), [Problem(path, 1, "error", "empty glossary: no header row")]
    text, dialect = _dialect(text, path, problems)
    if not problems:
        clean = _read_clean(text, dialect, path)
        if clean is not None:
            header = next(csv.reader([text.split("\n", 1)[0].rstrip("\r")], dialect))
            return clean, _header_problems([column_name(h) for h in header], path, 1)
    return _read_rows(text, dialect, path, problems)


_LANGUAGE_NAMES = {
    **dict.fromkeys(("english", "inglés", "ingles"), "en"),
    **dict.fromkeys(("spanish", "español", "espanol", "castellano"), "es"),
}
_REGION = re.compile(r"(en|es)[-_](?:[a-z]{2}|\d{3})")  # en-US, es_MX, es-419


def column_name(cell: str) -> str:
    """A header cell as the column it names: lower case, and a language
    given by name or with a region ("English", "es-MX") as its code."""
    name = cell.strip().lower()
    region = _REGION.fullmatch(name)
    return region.group(1) if region else _LANGUAGE_NAMES.get(name, name)


_KNOWN_COLUMNS = frozenset(
    {*LANGUAGES, "source", "target", "action", "case_sensitive", "note", "es_gender", "es_number"}
    | {f"{language}_expansion" for language in LANGUAGES}
)


def _header_problems(header: list[str], path: str, line: int) -> list[Problem]:
    """An error for a column the tool reads that is named twice (which one
    holds the terms?), and a warning for each column it does not read (a
    misspelt ``action`` would otherwise be ignored without a word)."""
    problems = []
    counts = Counter(name for name in header if name)
    for name, count in counts.items():
        if name not in _KNOWN_COLUMNS:
            problems.append(
                Problem(path, line, "warning", f"column '{name}' is not one this tool reads; it is ignored")
            )
        elif count > 1:
            places = ", ".join(str(i) for i, h in enumerate(header, 1) if h == name)
            problems.append(Problem(path, line, "error", f"column '{name}' is named {count} times (columns {places})"))
    return problems


def _read_rows(
    text: str, dialect: type[csv.Dialect], path: str, problems: list[Problem]
) -> tuple[TermTable, list[Problem]]:
    """The file row by row, every problem found and worded."""
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [column_name(h) for h in next(reader)]
        while not "".join(header):  # blank lines before the header
            header = [column_name(h) for h in next(reader)]
    except StopIteration:
        return TermTable.from_terms([]), [*problems, Problem(path, 1, "error", "empty glossary: no header row")]
    except csv.Error as exc:
        return TermTable.from_terms([]), [*problems, Problem(path, 1, "error", f"unreadable header: {exc}")]
    header_line = reader.line_num
    columns = _columns(header, path, problems, header_line)
    if columns is None:
        return TermTable.from_terms([]), problems
    problems += _header_problems(header, path, header_line)
    terms = []
    lines: list[str] = []
    line = reader.line_num + 1
    while True:
        start = line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "end of data" in str(exc):
                problems.append(Problem(path, start, "error", "a quote opened here is never closed"))
                break
            line = reader.line_num + 1
            if dialect.delimiter != "\t" or start != line - 1:
                problems.append(Problem(path, start, "error", f"malformed quoting: {_shown(str(exc))}"))
                continue
            # a tab-separated line that is not quoted as CSV is: many tools write
            # TSV without quoting, and a quote in it is text ('"Remain in Mexico" policy')
            lines = lines or re.split(r"\r\n|\r|\n", text)
            row = lines[start - 1].split("\t")
        line = reader.line_num + 1
        joined = "".join(row)
        if not joined.strip():
            continue
        if len(row) > len(header) and not "".join(row[len(header) :]).strip():
            row = row[: len(header)]  # empty cells past the last column: delimiters at the end of the row
        if "\x00" in joined:
            problems.append(Problem(path, start, "error", "a NUL byte in a cell: not a text file"))
            continue
        term = _term(dict(zip(header, row, strict=False)), columns, path, start, problems, len(row), len(header))
        if term is not None:
            terms.append(term)
    if not terms and not problems:
        problems.append(Problem(path, header_line, "warning", "no terms: nothing under the header row"))
    table = TermTable.from_terms(terms)
    table.key = _key_column(header)
    return table, problems


def _read_clean(text: str, dialect: type[csv.Dialect], path: str) -> TermTable | None:
    """The terms of a file with no problems at all, checked a column at a
    time; ``None`` when anything is off, and the row-by-row reader then
    finds and words every problem. (Both give the same terms: tested.)"""
    table = _table_one_row_per_line(text, dialect)
    if table is None:
        return None
    header, cells, lines = table
    if (columns := _columns(header, path, [])) is None:
        return None
    count = len(lines)
    blank = [""] * count

    def stripped(name: str) -> list[str]:
        values = cells.get(name)
        return list(map(str.strip, values)) if values is not None and any(values) else blank

    def coded(name: str, allowed: dict[str, str]) -> list[str] | None:
        """A column of a few known values, each one stripped, lowered and
        read (``allowed``: as written -> as stored) once; ``None`` when one
        is not allowed."""
        values = cells.get(name)
        if values is None or not any(values):
            return blank
        written = {v: v.strip().lower() for v in set(values)}
        if not all(w in allowed for w in written.values()):
            return None
        done = {v: allowed[w] for v, w in written.items()}
        return values if all(k == v for k, v in done.items()) else list(map(done.__getitem__, values))

    first, second = stripped(columns[0]), stripped(columns[1])
    actions = coded("action", {a: a for a in ("", *ACTIONS)})
    flags = coded("case_sensitive", {v: v for v in _YES | _NO})
    genders, numbers = coded("es_gender", _GENDERS), coded("es_number", _NUMBERS)
    if actions is None or flags is None or genders is None or numbers is None or not (all(first) and all(second)):
        return None
    expansions = {"en": stripped("en_expansion"), "es": stripped("es_expansion")}
    for column in (first, second, *(e for e in expansions.values() if e is not blank)):
        cells_text = "|".join(column)  # (cells are stripped: a double space is inside one)
        if "  " in cells_text or not cells_text.isprintable():  # to collapse, invisible characters: row by row
            return None
    if "" in actions:
        actions = [a or ("keep" if x == y else "translate") for a, x, y in zip(actions, first, second, strict=True)]
    if any(first[i] != second[i] for i in _places(actions, "keep")):
        return None
    if any(not (expansions["en"][i] and expansions["es"][i]) for i in _places(actions, "expand-first")):
        return None
    cases: list[bool | None] = [None] * count  # the default, worked out when needed
    for i in compress(range(count), flags):
        cases[i] = flags[i] in _YES
    read = TermTable(
        {columns[0]: first, columns[1]: second},
        actions,
        cases,
        {k: v for k, v in expansions.items() if v is not blank},
        stripped("note"),
        genders,
        numbers,
        {},
        [path] * count,
        list(lines),
    )
    read.key = _key_column(header)
    return read


def _places(column: list[str], value: str) -> list[int]:
    """The indices holding ``value`` (found by the list's own search:
    a glossary's actions are mostly one value)."""
    places: list[int] = []
    for _ in range(column.count(value)):
        places.append(column.index(value, places[-1] + 1 if places else 0))
    return places


def _table_one_row_per_line(
    text: str, dialect: type[csv.Dialect]
) -> tuple[list[str], dict[str, list[str]], list[int] | range] | None:
    """Header, columns and line numbers of a file whose every row is one
    line with as many cells as the header, and with no cell starting like a
    formula; ``None`` for anything else.

    All cells are cut out at once: delimiters become a separator no cell
    holds (the few lines with quotes are read by the csv module and their
    cells joined with it), each line end (the header's: LF or CRLF) becomes
    a marker cell, and one split gives every cell, row after row. The rows
    all have the header's width when the markers sit exactly every
    width + 1 cells. (Each pass over a big file costs about as much as
    reading its cells, so the common file gets few passes.)"""
    if "\x00" in text or _SEPARATOR in text or _ROW_END in text:
        return None
    first_end = text.find("\n")
    newline = "\r\n" if first_end > 0 and text[first_end - 1] == "\r" else "\n"
    text = text.rstrip(newline)
    if not text or text.startswith(("\r", "\n")):
        return None  # no header on line 1
    table = _cells(text, dialect.delimiter, newline)
    numbers: list[int] | range | None = None
    if table is None and newline * 2 in text:  # blank lines hold no row
        lines = text.split(newline)
        numbers = list(compress(range(1, len(lines) + 1), lines))[1:]
        table = _cells(newline.join(filter(None, lines)), dialect.delimiter, newline)
    if table is None:
        return None
    cells, width = table
    if numbers is None:  # a row on every line after the header
        numbers = range(2, (len(cells) + 1) // (width + 1) + 1)
    header = [column_name(h) for h in cells[:width]]
    if len(set(header)) != width:
        return None
    columns = {name: cells[width + 1 + j :: width + 1] for j, name in enumerate(header)}
    return header, columns, numbers


def _cells(text: str, delimiter: str, newline: str) -> tuple[list[str], int] | None:
    """Every cell of a text with no blank line, a marker cell ending each
    row, and the header's width; ``None`` unless every row has that width
    and every line ends with ``newline``, and no cell starts like a formula."""
    flat = _cut(text, delimiter, newline)
    if flat is None or "\r" in flat or "\n" in flat:
        return None  # a line break in a cell, or line ends of another kind: the row reader counts them
    cells = flat.split(_SEPARATOR)
    if _ROW_END not in cells:
        return None  # a header and nothing else
    width = cells.index(_ROW_END)
    rows = (len(cells) + 1) // (width + 1)
    if len(cells) != rows * (width + 1) - 1 or cells[width :: width + 1].count(_ROW_END) != rows - 1:
        return None  # rows of other widths
    if any(start in text and _SEPARATOR + start in flat for start in _FORMULA_START):
        return None
    return cells, width


def _cut(text: str, delimiter: str, newline: str) -> str | None:
    """The text with each delimiter as a separator and each line end as a
    marker cell; ``None`` when a quoted cell runs over a line end."""
    if '"' not in text:
        flat = text.replace(delimiter, _SEPARATOR)
    else:
        spans = _quoted_lines(text, newline)
        try:
            rows = list(csv.reader([text[a:b] for a, b in spans], dialect=_DIALECTS[delimiter]))
        except csv.Error:
            return None
        if len(rows) != len(spans):
            return None  # a cell over several lines
        pieces: list[str] = []
        done = 0
        for (start, end), row in zip(spans, rows, strict=True):
            pieces += (text[done:start].replace(delimiter, _SEPARATOR), _SEPARATOR.join(row))
            done = end
        pieces.append(text[done:].replace(delimiter, _SEPARATOR))
        flat = "".join(pieces)
    return flat.replace(newline, _SEPARATOR + _ROW_END + _SEPARATOR)


def _quoted_lines(text: str, newline: str) -> list[tuple[int, int]]:
    """Start and end (before its line end) of every line holding a quote."""
    spans = []
    quote = text.find('"')
    while quote >= 0:
        start, end = text.rfind("\n", 0, quote) + 1, text.find(newline, quote)
        if end < 0:
            end = len(text)
        spans.append((start, end))
        quote = text.find('"', end)
    return spans


def _decode(data: bytes, path: str, problems: list[Problem]) -> str:
    """UTF-8 (a BOM is dropped), or UTF-16/UTF-32 when a BOM says so (a
    spreadsheet's "Unicode text" export)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return _decode_wide(data, encoding, path, problems)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for number, raw in enumerate(re.split(rb"\r\n|\r|\n", data), 1):  # old Mac files end lines with CR
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(
                    path,
                    number,
                    "error",
                    f"bytes that are not UTF-8 (0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                    "save the file as UTF-8",
                )
            )
    return data.decode("utf-8", errors="replace")


def _binary(data: bytes) -> bool:
    """NUL bytes in a file that is not UTF-8 (nor UTF-16/32 with a BOM): an
    image, an archive, a program. (A stray NUL in a text file is reported
    on its line with everything else.)"""
    if b"\x00" not in data or data.startswith(tuple(bom for bom, _ in _WIDE_BOMS)):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _decode_wide(data: bytes, encoding: str, path: str, problems: list[Problem]) -> str:
    try:
        return data.decode(encoding)  # the codec reads the BOM and drops it
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    bad = text.index("\ufffd")
    line = len(re.split(r"\r\n|\r|\n", text[:bad]))
    problems.append(Problem(path, line, "error", f"bytes that are not {encoding.upper()}; save the file as UTF-8"))
    return text


_WIDE_BOMS = (  # UTF-32's little-endian mark starts like UTF-16's: it is tried first
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _sniff(text: str, path: str) -> type[csv.Dialect]:
    """RFC 4180 with the delimiter the header row uses (comma, semicolon or
    tab): headers hold plain column names, so counting is reliable where
    guessing from quoted data rows is not."""
    header = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])  # a quoted name may hold any delimiter
    counts = {",": header.count(","), ";": header.count(";"), "\t": header.count("\t")}
    if named_tsv(path) and counts["\t"]:
        return _Tab
    return _DIALECTS[max(counts, key=lambda d: counts[d])]


def _dialect(text: str, path: str, problems: list[Problem]) -> tuple[str, type[csv.Dialect]]:
    """The dialect, from the header row, or from the line Excel writes above
    it to name the delimiter ("sep=;"); that line is then left blank, so
    line numbers stay those of the file."""
    first = text.split("\n", 1)[0].rstrip("\r")
    if not (first[:4].lower() == "sep=" and len(first) == 5):
        return text, _sniff(text, path)
    text = text[len(first) :]
    if first[4] not in _DIALECTS:
        problems.append(Problem(path, 1, "error", f"'{first}': the delimiter must be a comma, a semicolon or a tab"))
        return text, _Comma
    return text, _DIALECTS[first[4]]


def _shown(text: str) -> str:
    """Text for a message, with a tab or a line end shown as an escape."""
    return text.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def named_tsv(path: str) -> bool:
    """A ``.tsv`` name: a tab-separated header then wins a tie with commas."""
    return path.lower().endswith(".tsv")


class _Comma(csv.excel):
    strict = True  # text after a closing quote ("Havana"x) is an error, not glued on


class _Semicolon(_Comma):
    delimiter = ";"


class _Tab(csv.excel_tab):
    strict = True


_DIALECTS: dict[str, type[csv.Dialect]] = {",": _Comma, ";": _Semicolon, "\t": _Tab}


def _key_column(header: list[str]) -> str:
    """The column a list is keyed on: its first language column ("es" for
    a Spanish-first list, whose spelling variants may share an English
    form), or ``source``."""
    return next((c for c in header if c in LANGUAGES), "source")


def _columns(header: list[str], path: str, problems: list[Problem], line: int = 1) -> tuple[str, str] | None:
    """The two columns holding the term pair."""
    languages = [c for c in header if c in LANGUAGES]
    if len(languages) >= 2:
        return "en", "es"
    if "source" in header and "target" in header:
        return "source", "target"
    problems.append(
        Problem(
            path,
            line,
            "error",
            "missing columns: the header needs 'en' and 'es' (or 'source' and 'target'); "
            f"found: {', '.join(h for h in header if h) or 'nothing'}",
        )
    )
    return None


# Characters that show as nothing: in a term copied from a web page or a
# word processor they keep it from ever matching the article's text.
_INVISIBLE_CHARACTERS = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARACTERS}]")


def _term(
    cells: dict[str, str],
    columns: tuple[str, str],
    path: str,
    line: int,
    problems: list[Problem],
    width: int,
    expected: int,
) -> Term | None:
    before = len(problems)  # every problem found here is an error
    if not _FORMULA_FIRST.isdisjoint([value[:1] for value in cells.values()]):
        for name, value in cells.items():
            if value.startswith(_FORMULA_START):
                message = (
                    f"cell '{name}' starts with {value[0]!r}: spreadsheet formula injection risk "
                    "(for a term that starts so, put a space before it)"
                )
                problems.append(Problem(path, line, "error", message))
    if width > expected:
        problems.append(Problem(path, line, "error", f"{width} cells, header has {expected} columns"))
    first = " ".join(cells.get(columns[0], "").split())  # a line break or a double space inside: one space
    second = " ".join(cells.get(columns[1], "").split())
    for column, value in ((columns[0], first), (columns[1], second)):
        if not value:
            problems.append(Problem(path, line, "error", f"empty term in column '{column}'"))
    action = _action(cells, first, second, path, line, problems)
    case = _flag(cells.get("case_sensitive", ""), path, line, problems)
    expansions = {}
    for language in LANGUAGES:
        expansion = " ".join(cells.get(f"{language}_expansion", "").split())
        if expansion:
            expansions[language] = expansion
    if action == "expand-first" and len(expansions) < 2:
        problems.append(Problem(path, line, "error", "expand-first needs both en_expansion and es_expansion"))
    gender = cells.get("es_gender", "").strip().lower()
    number = cells.get("es_number", "").strip().lower()
    if gender not in _GENDERS:
        problems.append(Problem(path, line, "error", f"es_gender must be m or f, not '{gender}'"))
    if number not in _NUMBERS:
        problems.append(Problem(path, line, "error", f"es_number must be sg or pl, not '{number}'"))
    gender, number = _GENDERS.get(gender, ""), _NUMBERS.get(number, "")
    if len(problems) > before or action is None:
        return None
    for column, value in ((columns[0], first), (columns[1], second)):
        if _INVISIBLE.search(value):
            shown = _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", value)
            message = f"term '{shown}' in column '{column}' holds an invisible character: only a text with it matches"
            problems.append(Problem(path, line, "warning", message))
    return Term(
        {columns[0]: first, columns[1]: second},
        action,
        case if case is not None else default_case_sensitive(first),
        expansions,
        cells.get("note", "").strip(),
        gender,
        number,
        {},
        path,
        line,
    )


def _action(
    cells: dict[str, str], first: str, second: str, path: str, line: int, problems: list[Problem]
) -> Action | None:
    action = cells.get("action", "").strip().lower()
    if not action:
        return "keep" if first == second else "translate"
    if action not in ACTIONS:
        problems.append(Problem(path, line, "error", f"unknown action '{action}' (use {', '.join(ACTIONS)})"))
        return None
    if action == "keep" and first != second and first and second:
        problems.append(Problem(path, line, "error", f"action keep, but the two forms differ: '{first}' / '{second}'"))
    return cast(Action, action)


def _flag(value: str, path: str, line: int, problems: list[Problem]) -> bool | None:
    value = value.strip().lower()
    if not value:
        return None
    if value in _YES:
        return True
    if value in _NO:
        return False
    problems.append(Problem(path, line, "error", f"case_sensitive must be yes or no, not '{value}'"))
    return None
