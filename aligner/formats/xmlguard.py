"""Refusing XML entity declarations before any parser sees the file.

Entity declarations are how XXE and billion-laughs attacks work, and no TM, glossary, SRX
or XLIFF file needs them. The guard is a small scanner of the prolog (everything before the
root element), written here rather than asked of lxml: libxml2's own limits change between
releases (lxml 6.2 answers a billion-laughs DTD with "Maximum entity amplification factor
exceeded" before the root element is reached), and what the user is told must not depend on
the installed lxml. The scanner is linear in the prolog and stops at the root element's
``<``, so a large file costs no more than its prolog.

External DTDs (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``) are allowed: they are never loaded.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import FormatError

__all__ = ["declared_entities", "entity_declarations", "refuse_entities", "resolve_named_references",
           "refuse_entity_declarations"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NAME = re.compile(r"[^\s\"'<>\[\]%]+")
_SPACE = re.compile(r"\s*")


def _prolog_text(data: bytes) -> str:
    """The file as text good enough to read its markup: wide encodings decoded, every
    ASCII-compatible one (UTF-8, GB18030, Big5 …) read byte for byte, so markup characters
    and line ends keep their places."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return data[len(bom):].decode("latin-1")
            return data[len(bom):].decode(encoding, "replace")
    if data[:4] in (b"\x00\x00\x00<", b"<\x00\x00\x00"):
        return data.decode("utf-32-be" if data[0] == 0 else "utf-32-le", "replace")
    if data[:2] in (b"\x00<", b"<\x00"):
        return data.decode("utf-16-be" if data[0] == 0 else "utf-16-le", "replace")
    return data.decode("latin-1")


def _skip_quoted(text: str, pos: int) -> int:
    """Position after the quoted literal starting at ``pos`` (the end when unclosed)."""
    end = text.find(text[pos], pos + 1)
    return len(text) if end < 0 else end + 1


def _after(text: str, pos: int, closer: str) -> int:
    end = text.find(closer, pos)
    return len(text) if end < 0 else end + len(closer)


def _internal_subset(text: str, pos: int, found: list[tuple[str, int]]) -> int:
    """Scan a DOCTYPE's ``[ … ]`` from ``pos`` (just after ``[``); record each ``<!ENTITY``
    (name, offset); return the position after ``]``."""
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch == "]":
            return pos + 1
        if text.startswith("<!--", pos):
            pos = _after(text, pos + 4, "-->")
        elif text.startswith("<?", pos):
            pos = _after(text, pos + 2, "?>")
        elif text.startswith("<!ENTITY", pos):
            start = pos
            pos = _SPACE.match(text, pos + 8).end()
            if text.startswith("%", pos):
                pos = _SPACE.match(text, pos + 1).end()
            name = _NAME.match(text, pos)
            found.append((name.group() if name else "?", start))
            pos = name.end() if name else pos
            pos = _declaration_end(text, pos)
        elif text.startswith("<!", pos):
            pos = _declaration_end(text, pos + 2)
        else:
            pos += 1
    return pos


def _declaration_end(text: str, pos: int) -> int:
    """Position after the ``>`` closing a markup declaration, skipping quoted literals."""
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch in "\"'":
            pos = _skip_quoted(text, pos)
        elif ch == ">":
            return pos + 1
        else:
            pos += 1
    return pos


def entity_declarations(data: bytes) -> list[tuple[str, int]]:
    """(name, line) of every entity the document's internal DTD subset declares, in order.

    Comments, processing instructions and quoted literals are skipped, so ``<!ENTITY``
    inside a comment or a string is not a declaration; scanning stops at the root element.
    """
    text = _prolog_text(data)
    found: list[tuple[str, int]] = []
    pos, n = 0, len(text)
    while pos < n:
        pos = _SPACE.match(text, pos).end()
        if text.startswith("<?", pos):
            pos = _after(text, pos + 2, "?>")
        elif text.startswith("<!--", pos):
            pos = _after(text, pos + 4, "-->")
        elif text.startswith("<!DOCTYPE", pos):
            pos += 9
            while pos < n and text[pos] not in "[>":
                pos = _skip_quoted(text, pos) if text[pos] in "\"'" else pos + 1
            if pos < n and text[pos] == "[":
                pos = _internal_subset(text, pos + 1, found)
                pos = _declaration_end(text, pos)
            else:
                pos += 1
        else:
            break  # the root element, or text the parser will report
    return [(name, text.count("\n", 0, offset) + 1) for name, offset in found]


def declared_entities(data: bytes) -> list[str]:
    """Names of the entities the document's internal DTD subset declares."""
    return [name for name, _line in entity_declarations(data)]


def refuse_entities(data: bytes, path: str | Path) -> None:
    """Raise :class:`FormatError` when the XML in ``data`` declares any entity."""
    found = entity_declarations(data)
    if not found:
        return
    name, line = found[0]
    raise FormatError(
        f"the file declares the XML entity {name}", path=path, line=line,
        hint="remove the <!DOCTYPE ...[...]> entity declarations and write the characters "
             "themselves; entities are refused for safety",
    )


def refuse_entity_declarations(text: str, path: str) -> None:
    """:func:`refuse_entities` for text already decoded."""
    refuse_entities(text.encode("utf-8"), path)


_REFERENCE = re.compile(rb"&([A-Za-z_][A-Za-z0-9._-]*);")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_DOCTYPE = re.compile(rb"<!DOCTYPE\b")


def resolve_named_references(data: bytes, path: str | Path) -> bytes:
    """Named references (``&nbsp;``) of a file with a DOCTYPE, written as numeric ones.

    With a DOCTYPE naming an external DTD (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``), which is
    never loaded, libxml2 takes an undeclared ``&nbsp;`` for an entity of that DTD and drops
    it: ``Deep&nbsp;learning`` would read ``Deeplearning``. Here the HTML named references
    (the set TMX, XLIFF and TBX writers borrow) become their characters; any other name is
    refused with its line. A file without a DOCTYPE is left as it is: the parser refuses an
    undeclared reference itself. Only ASCII-compatible encodings are rewritten.
    """
    from html.entities import name2codepoint

    head = data[:4096]
    if not _DOCTYPE.search(head) or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        return data

    def numeric(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group()
        codepoint = name2codepoint.get(name.decode("ascii"))
        if codepoint is None:
            line = data.count(b"\n", 0, match.start()) + 1
            raise FormatError(f"the entity &{name.decode('ascii')}; is not defined (the DTD is never read)",
                              path=str(path), line=line,
                              hint="write the character itself, or a numeric reference such as &#160;")
        return b"&#%d;" % codepoint

    return _REFERENCE.sub(numeric, data)
