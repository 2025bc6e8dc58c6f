"""Bilingual files given as documents: XLIFF, SDLXLIFF, TMX, TBX, PO.

They already pair source and target, so reading one as a Chinese document would make one
paragraph of raw XML. The reader recognises them and refuses with a pointer to the command
that reads them (``aligner check`` reads every one of them as a TM).
"""
from __future__ import annotations

import re
from pathlib import Path

from . import FormatReader, Rendering, SourceFormat, UnreadableDocument, register

_ROOTS = {
    "xliff": "an XLIFF file", "tmx": "a TMX translation memory", "martif": "a TBX glossary",
    "tbx": "a TBX glossary",
}
_XML_ROOT = re.compile(rb"<(?![?!])(?:[\w.-]+:)?([A-Za-z_][\w.-]*)")
_PO = re.compile(rb'^\s*msgid\s+"', re.M)


def _head(data: bytes) -> bytes:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data[:8192].decode("utf-16", "replace").encode("utf-8")
    return data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")


def _what(head: bytes) -> str | None:
    head = _head(head)
    if head.startswith(b"<"):
        body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S)
        match = _XML_ROOT.search(body)
        if match:
            return _ROOTS.get(match.group(1).decode("ascii", "replace").lower())
        return None
    if _PO.search(head) and re.search(rb'^\s*msgstr\s+"', head, re.M):
        return "a gettext PO file"
    return None


def _sniff(head: bytes, suffix: str) -> bool:
    return _what(head) is not None


def _read(data: bytes, path: Path, strict: bool) -> Rendering:
    what = _what(data[:65536]) or "a bilingual file"
    raise UnreadableDocument(
        f"{what}, not a document: it already pairs source and target", path=path,
        hint=f"check it against a glossary with `aligner check {path.name} -g GLOSSARY`, "
             "or give the Chinese document it was made from",
    )


register(FormatReader(
    format=SourceFormat.TEXT, suffixes=(".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".tmx", ".tbx", ".po"),
    sniff=_sniff, read=_read,
    describe="bilingual files (XLIFF, SDLXLIFF, TMX, TBX, PO) are recognised and refused with a "
             "pointer to `aligner check`",
))
