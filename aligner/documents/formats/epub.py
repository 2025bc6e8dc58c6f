"""EPUB books: the chapters in reading order, each read as the HTML page it is.

An EPUB is a ZIP of XHTML chapters; ``META-INF/container.xml`` names the package document
(``.opf``), whose ``<spine>`` lists the chapters in reading order through the
``<manifest>``. Each chapter is rendered by the HTML reader (so everything said there
holds: attributes a page shows, navigation, notes), and the chapters follow one another.

"Line" of an EPUB block = the line of its chapter's XHTML, counted through the book:
the first line of the second chapter is the line after the first chapter's last. Each
chapter's file name is ``chapter`` debris at its first line, so a line can be traced back.
A book encrypted with DRM is refused (its chapters are not text); font obfuscation, which
only scrambles embedded fonts, is not DRM.
"""
from __future__ import annotations

import posixpath
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from lxml import etree

from ...errors import InputError
from ...model import Debris, DocKind
from . import FormatReader, Rendering, SourceFormat, UnreadableDocument, blocks_rendering, register
from .html import read_html

_MIME = b"mimetypeapplication/epub+zip"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
#: the largest chapter read (uncompressed)
MAX_PART = 50 * 1024 * 1024
_FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
_HINT = "convert it to .docx or HTML with an e-book tool (for example Calibre's `ebook-convert`)"


def _sniff(head: bytes, suffix: str) -> bool:
    return head.startswith(b"PK\x03\x04") and (_MIME in head[:200] or suffix == ".epub")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Book:
    def __init__(self, data: bytes, path: Path):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
        except (zipfile.BadZipFile, ValueError):
            raise UnreadableDocument("a damaged EPUB book (not a readable ZIP archive)", path=path, hint=_HINT) from None
        self.names = set(self.zip.namelist())

    def read(self, name: str) -> bytes:
        info = self.zip.getinfo(name)
        if info.file_size > MAX_PART:
            raise UnreadableDocument(f"an EPUB book whose {name} is {info.file_size:,} bytes unpacked",
                                     path=self.path, hint=_HINT)
        try:
            return self.zip.read(name)
        except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError,
                RuntimeError) as exc:
            raise UnreadableDocument(f"a damaged EPUB book ({name}: {exc})".replace("\n", " "), path=self.path,
                                     hint=_HINT) from None

    def xml(self, name: str) -> etree._Element | None:
        if name not in self.names:
            return None
        try:
            return etree.fromstring(self.read(name), _PARSER)
        except etree.XMLSyntaxError:
            return None

    def chapters(self) -> list[str]:
        """The chapters in reading order: the spine, else every (X)HTML file by name."""
        container = self.xml("META-INF/container.xml")
        opf = next((el.get("full-path") for el in (container.iter() if container is not None else [])
                    if _local(el.tag) == "rootfile" and el.get("full-path")), None)
        package = self.xml(opf) if opf else None
        if package is not None:
            base = posixpath.dirname(opf or "")
            manifest = {el.get("id"): el.get("href", "") for el in package.iter() if _local(el.tag) == "item"}
            spine = [manifest.get(el.get("idref"), "") for el in package.iter() if _local(el.tag) == "itemref"]
            found = [posixpath.normpath(posixpath.join(base, href.split("#")[0])) for href in spine if href]
            found = [name for name in found if name in self.names]
            if found:
                return list(dict.fromkeys(found))
        return sorted(n for n in self.names if n.lower().endswith((".xhtml", ".html", ".htm")))

    def refuse_drm(self) -> None:
        encryption = self.xml("META-INF/encryption.xml")
        methods = {el.get("Algorithm", "") for el in (encryption.iter() if encryption is not None else [])
                   if _local(el.tag) == "EncryptionMethod"}
        if methods - set(_FONT_OBFUSCATION):
            raise UnreadableDocument("an EPUB book protected by DRM (its chapters are encrypted)", path=self.path,
                                     hint="give a copy without DRM, or the book's text")


def read_epub(data: bytes, path: Path, strict: bool) -> Rendering:
    book = _Book(data, path)
    book.refuse_drm()
    blocks: list[tuple[int, str]] = []
    debris: list[Debris] = []
    offset = 0
    for name in book.chapters():
        data = book.read(name)
        try:
            chapter = read_html(data, Path(name), strict)
        except InputError as exc:  # named as the book's, at the line counted through it
            raise UnreadableDocument(f"chapter {name}: {exc.message}", path=path,
                                     line=offset + exc.line if exc.line else None, hint=exc.hint) from None
        debris.append(Debris("chapter", offset + 1, name))
        lines = chapter.text.split("\n")
        blocks.extend((offset + chapter.lines[i], text) for i, text in enumerate(lines)
                      if text and i < len(chapter.lines))
        debris.extend(Debris(d.kind, offset + d.line, d.text) for d in chapter.debris)
        offset += data.count(b"\n") + 1
    if not blocks and not debris:
        raise UnreadableDocument("an EPUB book without chapters", path=path, hint=_HINT)
    return blocks_rendering(blocks, encoding="epub", kind=DocKind.HTML, fmt=SourceFormat.HTML, debris=debris)


register(FormatReader(
    format=SourceFormat.HTML, suffixes=(".epub",), sniff=_sniff, read=read_epub,
    describe="EPUB books (.epub): the chapters in reading order (the spine), each read as an HTML page",
))
