"""A large TMX file cut at ``<tu`` boundaries, so that worker processes each parse their own
byte range instead of one process parsing the file for all of them.

A byte scan finds ``<tu`` about every ``step`` bytes. The bytes before the first one (the
XML declaration, ``<tmx>``, the header, ``<body>``) are the *head*; each range is parsed as
the head, as many newlines as the file has between the head and the range (so libxml2 counts
the file's own line numbers, including its quirk past line 65,535), the range, and end tags
closing what the head opened (the last range keeps the file's own end). Each range is read
by the very reader the whole file is (:func:`aligner.check.parsers.stream_tmx`), so a unit
gives the same text, id and line either way; a range of plain TMX is read by
:mod:`aligner.check.tmx_fast` instead, which gives the same or declines.

A cut is only safe where ``<tu`` starts an element, not inside a comment, CDATA section or
processing instruction: a range that ends inside one of those does not parse (the closing
tags fall into it), and an element left open does not match the closing tags. So every
range parsing cleanly proves the cuts; a range that does not parse makes the caller read the
whole file the ordinary way, which gives its usual result or error. Only UTF-8 (or ASCII)
files are cut, where the byte ``<`` never occurs inside a character.
``tests/test_check_tmx_slices.py`` compares the two readers on generated hostile files.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from .parsers import _Raw, stream_tmx
from .tmx_fast import fast_units
from .units import Unit

_TU = re.compile(rb"<tu[\s>/]")
_DECLARED = re.compile(rb'^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*["\']([A-Za-z0-9._-]+)["\']')
_CUTTABLE = {"utf-8", "utf8", "us-ascii", "ascii"}
#: a head longer than this is not a TMX header: the file is read the ordinary way
MAX_HEAD = 1 << 20
#: newlines per padding text node (libxml2 refuses a text node of 10,000,000 bytes)
_PAD = 1_000_000
_NEWLINES = b"\n" * _PAD
#: bytes read at a time while scanning for cuts
_BLOCK = 1 << 22
#: a ``<tu>`` with no child at all past this line takes its line number from its neighbours
#: in libxml2, which depend on how far the parser had read: not reproducible, read whole
_BIG_LINE = 65534
_NO_TUV = "<tu> has no <tuv>"


class Unusual(Exception):
    """A range that cannot be read on its own: the file is read whole instead."""


@dataclass(frozen=True)
class Slice:
    """One byte range of a TMX file and what parsing it alone needs."""

    path: str
    name: str  # the file as findings name it
    head: bytes
    closing: bytes  # end tags for what the head opened; b"" for the last range
    start: int
    end: int
    pad: int  # newlines between the head and the range
    zh_first: bool  # the file's orientation (decided on its first units)


def cut(path: Path, name: str, step: int, zh_first: bool) -> list[Slice] | None:
    """The ranges of the TMX file at ``path``, about ``step`` bytes each; ``None`` when the
    file cannot be cut (not UTF-8, no ``<tu``, a head that is not a plain open root)."""
    with path.open("rb") as handle:
        start = handle.read(MAX_HEAD)
        declared = _DECLARED.match(start)
        if declared and declared.group(1).decode("ascii").lower() not in _CUTTABLE:
            return None
        found = _head(start)
        if found is None:
            return None
        head, opened = found
        handle.seek(0)
        points = _points(handle, step, len(head))
        size = handle.seek(0, 2)
    closing = _closing(opened)
    head_lines = points[0][1]
    slices = []
    for number, (begin, lines) in enumerate(points):
        last = number + 1 == len(points)
        slices.append(Slice(str(path), name, head, b"" if last else closing, begin,
                            size if last else points[number + 1][0], lines - head_lines, zh_first))
    return slices


#: ``<tu`` tried as the end of the head (the others are in comments before the first unit)
_HEAD_TRIES = 50


def _head(start: bytes) -> tuple[bytes, list[str]] | None:
    """The bytes before the first ``<tu`` that starts an element, and the elements they open."""
    for tries, match in enumerate(_TU.finditer(start)):
        if tries >= _HEAD_TRIES:
            return None
        opened = _open_tags(start[:match.start()])
        if opened:
            return start[:match.start()], opened
    return None


def _closing(opened: list[str]) -> bytes:
    return "".join(f"</{tag}>" for tag in reversed(opened)).encode("ascii")


def _points(handle: BinaryIO, step: int, first: int) -> list[tuple[int, int]]:
    """(offset, newlines before it) of a ``<tu`` at ``first`` and then about every ``step``
    bytes, read a block at a time (the file is never all in memory)."""
    points: list[tuple[int, int]] = []
    base = lines = 0  # file offset of buf[0], newlines before it
    want = first  # next cut at or after this offset
    buf = b""
    while True:
        more = handle.read(_BLOCK)
        buf += more
        limit = max(len(buf) - 3, 0) if more else len(buf)  # a match needs its 4 bytes
        pos = max(want - base, 0)
        while pos < limit:
            match = _TU.search(buf, pos)
            if match is None or match.start() >= limit:
                break
            at = match.start()
            points.append((base + at, lines + buf.count(b"\n", 0, at)))
            want = base + at + step
            pos = want - base
        if not more:
            return points
        lines += buf.count(b"\n", 0, limit)
        base += limit
        buf = buf[limit:]


def _open_tags(head: bytes) -> list[str] | None:
    """The elements the head leaves open (``tmx``, ``body``), or ``None`` unless it is a
    plain ``<tmx>`` root with elements of no namespace, and nothing (a comment, CDATA)
    is left open that the end tags would fall into."""
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False,
                                 no_network=True, huge_tree=False, load_dtd=False)
    stack: list[str] = []
    try:
        parser.feed(head)
        for event, element in parser.read_events():
            if event == "start":
                stack.append(element.tag)
            else:
                stack.pop()
        if not stack or stack[0] != "tmx" or any(not isinstance(t, str) or "{" in t for t in stack):
            return None
        parser.feed(_closing(stack))
        parser.close()
    except (etree.XMLSyntaxError, IndexError):
        return None
    return stack


class _Pieces:
    """A read-only binary file over a sequence of byte strings (no copy of them joined)."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self._pieces = pieces
        self._current = b""
        self._at = 0

    def read(self, size: int = -1) -> bytes:
        while self._at >= len(self._current):
            following = next(self._pieces, None)
            if following is None:
                return b""
            self._current, self._at = following, 0
        if size is None or size < 0:
            size = len(self._current) - self._at
        out = self._current[self._at:self._at + size]
        self._at += len(out)
        return out


def _document(piece: Slice) -> Iterator[bytes]:
    yield piece.head
    left = piece.pad
    while left > 0:
        yield _NEWLINES[:min(left, _PAD)]
        left -= _PAD
        if left > 0:
            yield b"<!---->"  # one text node of a million newlines at most
    with open(piece.path, "rb") as handle:
        handle.seek(piece.start)
        yield handle.read(piece.end - piece.start)
    yield piece.closing


@dataclass
class SliceCounts:
    """What the reader counts for :class:`~aligner.check.units.FileStats`, and the units it left out."""

    units: int = 0
    untranslated: int = 0
    fuzzy: int = 0
    problems: list[tuple[int | None, str]] | None = None


def _plain_units(piece: Slice) -> list[tuple[Any, ...]] | None:
    """The range's raw units read by :mod:`aligner.check.tmx_fast` when it is plain TMX
    (``None`` otherwise: lxml reads it)."""
    if b"xml:space" in piece.head or b"<!DOCTYPE" in piece.head:
        return None  # an inherited xml:space, a DOCTYPE: lxml's business
    with open(piece.path, "rb") as handle:
        handle.seek(piece.start)
        data = handle.read(piece.end - piece.start)
    return fast_units(data, piece.head.count(b"\n") + piece.pad + 1, last=not piece.closing)


def slice_units(piece: Slice, counts: SliceCounts) -> Iterator[Unit]:
    """The units of one range, as :class:`~aligner.check.units.UnitReader` gives them for the
    whole file; ``counts`` gets the per-file counts and the malformed units (file order).
    Raises :class:`Unusual` (or the reader's own error) when the range cannot be read alone."""
    raw = _Raw([])
    counts.problems = raw.problems
    plain = _plain_units(piece)
    read = stream_tmx(_Pieces(_document(piece)), piece.name, raw) if plain is None else plain
    for ident, line, first, second, fuzzy, *variant in read:
        source, target = (first, second) if piece.zh_first else (second, first)
        counts.units += 1
        if not target.strip():
            counts.untranslated += 1
        elif fuzzy:
            counts.fuzzy += 1
        yield Unit(file=piece.name, id=ident, line=line, source=source, target=target, fuzzy=fuzzy,
                   codes=((), ()), variant=variant[0] if variant else "")
    if any(reason == _NO_TUV and (line is None or line >= _BIG_LINE) for line, reason in raw.problems):
        raise Unusual("an empty <tu> past line 65,534")
