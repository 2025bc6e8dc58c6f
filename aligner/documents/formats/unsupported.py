"""Markup formats aligner does not read, refused in one line rather than read as plain text.

reStructuredText, AsciiDoc, LaTeX, Org, Textile and wiki markup are text files, so the
plain-text reader would take them, and their markup (``.. note::``, ``:ref:`intro```,
``[source,python]``, ``\\section{}``) would reach the TM and the glossary as if it were
prose. Each is recognised by its extension and refused with what it is, the formats that
are read (:data:`~aligner.documents.supported.READ_SHORT`) and how to get one of them
(Sphinx and Asciidoctor build HTML, which is read; pandoc converts to Markdown).
"""
from __future__ import annotations

from pathlib import Path

from ..supported import READ_SHORT
from . import FormatReader, Rendering, SourceFormat, UnreadableDocument, register

#: extension -> (what it is, how to get a format that is read)
MARKUPS: dict[str, tuple[str, str]] = {
    ".rst": ("a reStructuredText file", "build the site's HTML (`sphinx-build -b html`) and give the pages, "
                                        "or convert it: `pandoc FILE.rst -o FILE.md`"),
    ".rest": ("a reStructuredText file", "convert it: `pandoc -f rst FILE.rest -o FILE.md`"),
    ".adoc": ("an AsciiDoc file", "build its HTML (`asciidoctor FILE.adoc`) and give the page"),
    ".asciidoc": ("an AsciiDoc file", "build its HTML (`asciidoctor FILE.asciidoc`) and give the page"),
    ".tex": ("a LaTeX file", "convert it: `pandoc FILE.tex -o FILE.md`, or give the PDF it makes"),
    ".org": ("an Org file", "convert it: `pandoc FILE.org -o FILE.md`"),
    ".textile": ("a Textile file", "convert it: `pandoc FILE.textile -o FILE.md`"),
    ".wiki": ("a wiki markup file", "convert it: `pandoc -f mediawiki FILE.wiki -o FILE.md`"),
    ".mediawiki": ("a MediaWiki file", "convert it: `pandoc FILE.mediawiki -o FILE.md`"),
    ".ipynb": ("a Jupyter notebook", "convert it: `jupyter nbconvert --to markdown FILE.ipynb`"),
}


def _sniff(head: bytes, suffix: str) -> bool:
    return suffix in MARKUPS


def _read(data: bytes, path: Path, strict: bool) -> Rendering:
    what, hint = MARKUPS[path.suffix.lower()]
    raise UnreadableDocument(f"{what}: its markup is not read (documents read: {READ_SHORT})", path=path, hint=hint)


register(FormatReader(
    format=SourceFormat.TEXT, suffixes=tuple(MARKUPS), sniff=_sniff, read=_read,
    describe="reStructuredText, AsciiDoc, LaTeX, Org, Textile, wiki markup and notebooks are refused "
             "with a pointer to a format that is read",
))
