"""The document formats ``read_document`` reads, named once for every command's ``--help``.

A new reader appends its format here; ``aligner build``, ``align``, ``read``, ``segment`` and
``glossary extract`` list this tuple in their help, and a test checks that they do.
"""
from __future__ import annotations

#: What a user can give as a document, in the words of a ``--help`` text.
FORMATS_READ: tuple[str, ...] = (
    "plain text (.txt)",
    "Markdown (.md, .mdx; shortcodes, macros and code are structure; YAML, TOML or JSON front matter is data but for the title, description and summary)",
    "HTML/XHTML (.html; the title, alt, placeholder and aria-label attributes and the meta description are segments)",
    "Word (.docx, also as LibreOffice, WPS and Strict OOXML write it)",
    "EPUB books (.epub; the chapters in reading order)",
    "PDF with a text layer (.pdf)",
    "SRT, WebVTT and ASS/SSA subtitles (.srt, .vtt, .ass; the English lines of bilingual subtitles are the document's English)",
    "text extracted from PDF",
    "saved forum pages",
    "speaker-labelled roundtables",
)


#: The same, in a few words, for a one-line refusal of a format that is not read.
READ_SHORT = "plain text, Markdown, HTML, EPUB, Word .docx, PDF, SRT/WebVTT/ASS subtitles"
#: Markup formats refused rather than read as plain text (formats/unsupported.py).
REFUSED = "reStructuredText (.rst), AsciiDoc (.adoc), LaTeX, Org, Textile, wiki markup, Jupyter notebooks, OpenDocument, PowerPoint"


def formats_help() -> str:
    """One paragraph for ``--help``: the formats read, and how a file's kind is decided."""
    return ("Documents read: " + "; ".join(FORMATS_READ) + ". The format is recognised from the content "
            "first, the extension second; UTF-8, UTF-16/32, GB18030/GBK and Big5 are detected. Bilingual files "
            "(XLIFF, TMX, TBX, PO) are refused with a pointer to `aligner check`; " + REFUSED + " are refused with "
            "a pointer to a format that is read.")
