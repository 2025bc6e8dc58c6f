"""Document formats: one reader per format, chosen by content first and extension second.

A reader turns a file's bytes into a :class:`Rendering`: the text a CAT tool's format filter
would show (markup parsed away, inline elements kept as text, soft-wrapped lines joined),
one block per line with an empty line between blocks, plus the original line of each
rendered line and what the reader itself set aside (scripts, timecodes, headers) as counted
debris. The cleaners, segmenters and aligners downstream never learn which reader ran.

Plain text and PDF-extracted text are not rendered: their text is the file itself (or what
the PDF's text layer holds) and the existing cleaners recognise them from content.

Readers register themselves in :data:`READERS` with a content sniffer; :func:`render` picks
the first whose sniffer accepts the bytes, then one whose extensions match, then plain text.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ...errors import InputError
from ...model import Debris, DocKind

__all__ = [
    "READERS", "FormatReader", "Rendering", "SourceFormat", "UnreadableDocument",
    "blocks_rendering", "register", "render",
]


class SourceFormat(str, Enum):
    """The formats a document is read from."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"
    SUBTITLES = "subtitles"


class UnreadableDocument(InputError):
    """A document that cannot be read at all (an encrypted or scanned PDF, an unknown
    binary, a bilingual file given as a document). ``build`` skips it with this one-line
    reason and goes on with the others."""


@dataclass
class Rendering:
    """What a reader made of a file.

    ``text`` is what the cleaners read. ``kind`` is the cleaner to run; ``None`` lets the
    content decide (plain text). ``lines[i]`` is the original 1-based line of ``text``'s
    line ``i + 1``; empty when ``text`` is the file itself. ``debris`` is what the reader
    set aside, with original lines.
    """

    text: str
    encoding: str
    kind: DocKind | None = None
    lines: tuple[int, ...] = ()
    debris: list[Debris] = field(default_factory=list)
    front_matter: dict = field(default_factory=dict)
    format: SourceFormat = SourceFormat.TEXT
    #: the English a bilingual file holds beside its Chinese (subtitles with a Chinese and an
    #: English line in each cue): read as the document's English, as a separate file would be
    english: "Rendering | None" = None

    def blocks(self) -> list[tuple[int, str]]:
        """(original line, text) of each block."""
        return [(self.lines[i] if i < len(self.lines) else i + 1, text)
                for i, text in enumerate(self.text.split("\n")) if text]


@dataclass(frozen=True)
class FormatReader:
    """A registered reader: ``sniff(head, suffix)`` says whether the bytes are its format
    (``head`` is the first 64 KiB), ``read(data, path, strict)`` renders them."""

    format: SourceFormat
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes, str], bool]
    read: Callable[[bytes, Path, bool], Rendering]
    describe: str  # one line: what is read and how (aligner/documents/supported.py names it for --help)


READERS: list[FormatReader] = []


def register(reader: FormatReader) -> FormatReader:
    READERS.append(reader)
    return reader


#: The order readers are tried in; bilingual first: an XLIFF is XML and would otherwise
#: pass for XHTML.
_ORDER = ("bilingual", "unsupported", "pdf", "epub", "docx", "html", "subtitles", "ass", "markdown")
_loaded = False


def _load_readers() -> None:
    """Import the reader modules once (each registers itself), then put them in
    :data:`_ORDER` whichever was imported first (a test importing one reader module
    directly must not leave the others unloaded or out of order)."""
    global _loaded
    if _loaded:
        return
    for optional in _ORDER:
        try:
            __import__(f"{__name__}.{optional}")
        except ModuleNotFoundError as exc:  # a reader whose module is not there yet
            if exc.name != f"{__name__}.{optional}":
                raise
    rank = {f"{__name__}.{name}": i for i, name in enumerate(_ORDER)}
    READERS.sort(key=lambda reader: rank.get(reader.read.__module__, len(rank)))
    _loaded = True


def render(data: bytes, path: Path, *, strict: bool = False) -> Rendering | None:
    """The rendering of a structured document, or ``None`` for plain text (the caller
    decodes and cleans it as text). Raises :class:`UnreadableDocument` or another
    :class:`InputError` for a file that cannot be read."""
    _load_readers()
    suffix = path.suffix.lower()
    head = data[:65536]
    for reader in READERS:
        if reader.sniff(head, suffix):
            return reader.read(data, path, strict)
    return None


def blocks_rendering(
    blocks: Sequence[tuple[int, str]], *, encoding: str, kind: DocKind, fmt: SourceFormat,
    debris: Sequence[Debris] = (), front_matter: dict | None = None,
) -> Rendering:
    """A rendering from ``(original line, block text)`` pairs: one block per line, an empty
    line between blocks, every line mapped back to its original line. Line breaks inside a
    block become spaces (a reader joins soft wraps itself: Chinese without a space)."""
    out: list[str] = []
    lines: list[int] = []
    for line, text in blocks:
        text = " ".join(text.split("\n")).strip()
        if not text:
            continue
        if out:
            out.append("")
            lines.append(line)
        out.append(text)
        lines.append(line)
    return Rendering(text="\n".join(out), encoding=encoding, kind=kind, lines=tuple(lines),
                     debris=list(debris), front_matter=dict(front_matter or {}), format=fmt)
