"""Spreadsheet formula injection: the cell escape for every CSV/TSV we write, and its undo.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or
carriage return) as a formula, so a term taken from a document could run on a reviewer's
machine when glossary.csv is opened. OWASP's advice (CSV Injection) is to prefix such a cell
with a single quote, which spreadsheets show as text. That includes harmless cells such as the
suffix ``-ize`` or ``-5``: telling them apart is what an attacker exploits, so every one is
escaped.

To keep round trips exact, a cell that already begins with quotes followed by one of those
characters gets one quote more, and :func:`unescape_cell` removes exactly one: the two
functions are inverse for every string.
"""
from __future__ import annotations

import re

#: cells a spreadsheet may run as a formula (OWASP), after any quotes we added before
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")


def escape_cell(text: str) -> str:
    """``text`` as a cell a spreadsheet shows instead of running: ``=1+1`` → ``'=1+1``."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def unescape_cell(cell: str) -> str:
    """The text :func:`escape_cell` was given: one leading quote before a formula start goes."""
    return cell[1:] if cell.startswith("'") and _NEEDS_QUOTE.match(cell, 1) else cell
