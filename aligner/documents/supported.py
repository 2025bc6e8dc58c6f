"""The document formats ``read_document`` reads, named once for every command's ``--help``.

A new reader appends its format here; ``aligner build``, ``align``, ``read``, ``segment`` and
``glossary extract`` list this tuple in their help, and a test checks that they do.
"""
from __future__ import annotations

#: What a user can give as a document, in the words of a ``--help`` text.
FORMATS_READ: tuple[str, ...] = (
    "plain text (.txt)",
    "Markdown (.md)",
    "text extracted from PDF",
    "saved forum pages",
    "speaker-labelled roundtables",
)


def formats_help() -> str:
    """One paragraph for ``--help``: the formats read, and how a file's kind is decided."""
    return ("Documents read: " + "; ".join(FORMATS_READ) + ". The kind is recognised from the content; "
            "UTF-8, UTF-16/32, GB18030/GBK and Big5 are detected.")
