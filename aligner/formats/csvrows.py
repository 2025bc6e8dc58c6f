"""CSV and tab-separated rows as the csv module reads them, with the line each row starts on.

Every reader of a user's CSV (glossaries, bilingual TMs) goes through here, so three
things hold everywhere:

* line numbers come from the csv module's own counting, and lines are what editors and
  CAT tools call lines (``\\n``, ``\\r\\n``, ``\\r``): never ``str.splitlines()``, which
  also splits at U+000B (Word's manual line break), U+000C, U+001C-U+001E, U+0085,
  U+2028 and U+2029 inside a valid cell;
* a quote that is never closed is one error naming the row it opens on, however large
  the rest of the file (Python's csv field limit is lifted for the scan, so the limit
  cannot fire first);
* a cell longer than :data:`MAX_CELL` characters is one error naming its row (no term or
  segment is that long; it is a runaway quote closed far away), and any other
  ``csv.Error`` is one error naming the line.
"""
from __future__ import annotations

import contextlib
import csv
import io
import re
import sys
from collections.abc import Iterator

from ..errors import FormatError

#: the longest cell read (Python's csv default field limit)
MAX_CELL = 131072
_LINE_END = re.compile(r"\r\n|\r|\n")
UNCLOSED = "a quoted cell is never closed: the rest of the file would be one cell"
UNCLOSED_HINT = 'add the missing closing quote (") on that row'


def file_lines(text: str) -> list[str]:
    """``text`` cut into lines at ``\\n``, ``\\r\\n`` and ``\\r`` only (see the module docstring)."""
    return _LINE_END.split(text)


@contextlib.contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    old = csv.field_size_limit()
    csv.field_size_limit(min(max(limit, old), 2**31 - 1, sys.maxsize))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def unclosed_quote_line(text: str, delimiter: str) -> int | None:
    """Line of the row whose quoted cell runs to the end of the file, else ``None``.

    Python's lenient csv reader accepts such a file and puts everything after the quote in
    one cell; its strict mode says ``unexpected end of data``, which is the only error taken
    from it here (other strict-mode errors are tolerated as the lenient reader does).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    with _field_limit(len(text) + 1):
        try:
            for _row in reader:
                start = reader.line_num + 1
        except csv.Error as exc:
            if "end of data" in str(exc):
                return start
    return None


def csv_rows(text: str, path: str, delimiter: str, *, first_line: int = 1) -> list[tuple[int, list[str]]]:
    """Every row of ``text`` with the line it starts on (``text`` starts on ``first_line``).

    Raises :class:`FormatError` naming ``path`` and the line for an unclosed quote, a cell
    longer than :data:`MAX_CELL` or a row the csv module refuses."""
    offset = first_line - 1
    unclosed = unclosed_quote_line(text, delimiter)
    if unclosed:
        raise FormatError(UNCLOSED, path=path, line=offset + unclosed, hint=UNCLOSED_HINT)
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    with _field_limit(len(text) + 1):
        try:
            for row in reader:
                longest = max((len(cell) for cell in row), default=0)
                if longest > MAX_CELL:
                    raise FormatError(
                        f"a cell holds {longest} characters, more than the {MAX_CELL} a cell may hold",
                        path=path, line=offset + start,
                        hint='look for a quote (") that opens a cell on that row and closes it far below, '
                             "or split the cell",
                    )
                rows.append((offset + start, row))
                start = reader.line_num + 1
        except csv.Error as exc:
            raise FormatError(f"not a CSV row: {exc}", path=path, line=offset + reader.line_num,
                              hint="repair the row or re-export the file") from None
    return rows


def check_csv(text: str, path: str, delimiter: str) -> None:
    """Refuse what :func:`csv_rows` refuses, before another CSV reader (translate-toolkit's)
    parses ``text`` with Python's default limits."""
    csv_rows(text, path, delimiter)


def first_row(line: str, delimiter: str) -> list[str]:
    """The cells of one line (a header being recognised); ``[]`` when it is no CSV row."""
    with _field_limit(len(line) + 1):
        try:
            return next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            return []
