"""PDF: the text layer, page by page, read with pdfminer.six.

Why pdfminer.six and not pypdfium2 (measured on Chinese PDFs made with a CID font, see the
README): pdfminer's layout analysis returns text boxes, so paragraphs come out separated by
an empty line and the two columns of a two-column page come out one after the other;
pdfium's text is line by line with no paragraph breaks and runs the two columns of a page
together into one line, which no cleaner can undo. pdfminer is pure Python (slower: 0.08 s a
page on our fixture, twice pdfium's), MIT, and needs no binary beyond ``cryptography`` (for encrypted PDFs).

The rendering is the extracted text with a form feed after each page, as ``pdftotext``
writes it, so the PDF-text cleaners (:mod:`aligner.documents.pdf`) run on it unchanged:
page numbers, masthead, metadata, footnotes and references go there. The reader itself
sets aside what only the page structure shows: a line at the top or bottom of the pages
that repeats on several of them (a running header or footer, its page number masked) is
blanked and recorded as ``running-header`` debris. Line numbers refer to the extracted text
(``lines=()``): the line of a paragraph in the text the reader rendered, not a PDF position.

A PDF that needs a password, or whose pages hold only images (a scan), raises
:class:`UnreadableDocument`: ``build`` skips it and names it.
"""
from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path

from ...model import Debris, DocKind
from . import FormatReader, Rendering, SourceFormat, UnreadableDocument, register

#: Lines closer than this many line heights stay one text box (one paragraph). pdfminer's
#: default (0.5) splits Chinese text set with 1.5-2x leading into one box per line.
LINE_MARGIN = 1.0
#: Characters further apart than this many character widths are not on one line. With
#: pdfminer's default (2.0) a gutter of 0.7 em runs two columns' lines together; a word
#: space is about 0.3 em.
CHAR_MARGIN = 1.0
#: How many lines at the top and at the bottom of a page can be a running header or footer.
_EDGE = 2
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def _sniff(head: bytes, suffix: str) -> bool:
    # Some writers put a few bytes of junk before the header; readers allow 1 KiB of it.
    return head.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in head[:1024])


def _pages(data: bytes, path: Path) -> list[str]:
    """The text of each page (pdfminer's text boxes, an empty line between them)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings are not the user's
    pages: list[str] = []
    try:
        params = LAParams(line_margin=LINE_MARGIN, char_margin=CHAR_MARGIN)
        for layout in extract_pages(io.BytesIO(data), laparams=params):
            boxes = [element.get_text().strip("\n") for element in layout if isinstance(element, LTTextContainer)]
            pages.append("\n\n".join(box for box in boxes if box.strip()))
    except PDFPasswordIncorrect:
        raise UnreadableDocument(
            "an encrypted PDF: it needs a password to open", path=path,
            hint="open it with its password and save a copy without one (or export its text)",
        ) from None
    except Exception as exc:  # a damaged file fails in many ways inside the parser
        raise UnreadableDocument(
            f"a damaged PDF that cannot be read ({type(exc).__name__})", path=path,
            hint="open and re-save it in a PDF viewer, or give the document's text",
        ) from None
    return pages


def _key(line: str) -> str:
    return _SPACE.sub(" ", _DIGITS.sub("#", line)).strip()


def _edges(lines: list[str]) -> list[int]:
    """Indices of the first and last ``_EDGE`` non-empty lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def _furniture(pages: list[list[str]]) -> set[str]:
    """Keys of lines that stand at the edge of at least two pages and half of them."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_key(lines[i]) for i in _edges(lines)})
    least = max(2, (len(pages) + 1) // 2)
    # a bare number is a page number: the text cleaner records it as such
    return {key for key, count in seen.items() if count >= least and key.strip("# ")}


def render_pages(pages: list[str]) -> tuple[str, list[Debris]]:
    """Pages → text with a form feed after each page, running headers blanked (as debris)."""
    split = [page.split("\n") for page in pages]
    furniture = _furniture(split)
    debris: list[Debris] = []
    out: list[str] = []
    for lines in split:
        edges = set(_edges(lines))
        for i, line in enumerate(lines):
            if i in edges and _key(line) in furniture:
                debris.append(Debris("running-header", len(out) + 1, line.strip()))
                line = ""
            out.append(line)
        out[-1] += "\f"
    return "\n".join(out), debris


def _read(data: bytes, path: Path, strict: bool) -> Rendering:
    pages = _pages(data, path)
    if not pages:
        raise UnreadableDocument("a PDF with no pages", path=path, hint="give the document's text")
    if not any(page.strip() for page in pages):
        raise UnreadableDocument(
            f"a PDF without a text layer ({len(pages)} page{'s' if len(pages) > 1 else ''} of images: "
            "a scan?)", path=path,
            hint="run OCR on it first (for example `ocrmypdf FILE.pdf OUT.pdf`), or give the document's text",
        )
    text, debris = render_pages(pages)
    return Rendering(text=text, encoding="pdf", kind=DocKind.PDF_TEXT, debris=debris, format=SourceFormat.PDF)


register(FormatReader(
    format=SourceFormat.PDF, suffixes=(".pdf",), sniff=_sniff, read=_read,
    describe="PDF (.pdf): the text layer page by page (pdfminer.six), then the PDF-text cleaning; "
             "encrypted and scanned PDFs are skipped with a reason",
))
