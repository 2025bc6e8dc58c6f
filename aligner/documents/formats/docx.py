"""Word documents (.docx): the text Word shows, paragraph by paragraph, read from the OOXML.

Why lxml on the package and not python-docx: python-docx gives body paragraphs and tables,
but not footnotes or endnotes, and its paragraph text skips tracked insertions and ignores
fields and text boxes; every one of those needs its XML anyway. A .docx is a ZIP with
``word/document.xml`` (plus footnotes, endnotes, headers and footers found through the
package relationships); reading them with lxml, already a dependency, is a short walk.

What a block is: one ``w:p`` paragraph (a table cell's paragraphs in row order, cell by
cell; a text box's paragraphs after the paragraph that anchors it). Runs are joined, so bold
or a hyperlink inside a sentence does not split it. Tracked changes read as Word shows the
final text: insertions kept, deletions dropped (``tracked-deletion`` debris). Fields whose
result Word computes (page numbers, the table of contents, dates, page references) are not
text (``field`` debris); a hyperlink's or cross-reference's text is. Hidden text
(``w:vanish``) is ``hidden`` debris, reviewers' comments ``comment`` debris, a phonetic
guide's reading (``w:rt``, pinyin above the characters) ``markup``. Footnotes and endnotes are translatable text, as in a
CAT tool: they are blocks after the body. Headers and footers are ``furniture`` debris.

"Line" of a DOCX block = its paragraph number (1-based) in this order: the body, then the
footnotes, the endnotes, then the headers and footers.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from lxml import etree

from ...model import Debris, DocKind
from ..text import soft_join
from .docx_symbols import read_symbol
from . import FormatReader, Rendering, SourceFormat, UnreadableDocument, blocks_rendering, register

_W = {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"}
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Fields whose result Word computes: numbers, dates, tables of contents and indexes.
COMPUTED_FIELDS = frozenset({
    "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "PAGEREF", "NOTEREF", "TOC", "TOA", "INDEX",
    "DATE", "TIME", "CREATEDATE", "SAVEDATE", "PRINTDATE", "EDITTIME", "FILENAME", "FILESIZE",
    "NUMWORDS", "NUMCHARS", "AUTHOR", "LASTSAVEDBY", "REVNUM", "USERNAME",
})
#: The largest part read (uncompressed): a document's XML is a few MB; a zip bomb is not.
MAX_PART = 200 * 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
                          remove_comments=True, remove_pis=True)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")


def _sniff(head: bytes, suffix: str) -> bool:
    if head.startswith(b"PK\x03\x04"):
        return b"word/" in head or suffix in _SUFFIXES
    # Word saves a password-protected .docx as an OLE container, not a ZIP
    return head.startswith(_OLE) and suffix in _SUFFIXES


def _local(el: etree._Element) -> str:
    """``w:`` local name, or '' for other namespaces (and comments)."""
    if not isinstance(el.tag, str):
        return ""
    ns, _, name = el.tag[1:].partition("}")
    return name if ns in _W else ""


def _attr(el: etree._Element, name: str) -> str | None:
    for ns in _W:
        value = el.get(f"{{{ns}}}{name}")
        if value is not None:
            return value
    return None


@dataclass
class _Walk:
    """State of one part's walk: paragraphs made, debris, the complex fields open."""

    first_line: int
    blocks: list[tuple[int, str]] = field(default_factory=list)
    debris: list[Debris] = field(default_factory=list)
    fields: list[list] = field(default_factory=list)  # [instruction, in result?]
    comments: dict[str, int] = field(default_factory=dict)  # comment id -> line of its anchor

    def line(self) -> int:
        return self.first_line + len(self.blocks)

    def computed(self) -> bool:
        return any(f[1] and f[0] in COMPUTED_FIELDS for f in self.fields)


def _field_name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""


def _hidden(run: etree._Element) -> bool:
    for child in run:
        if _local(child) == "rPr":
            for prop in child:
                if _local(prop) == "vanish" and _attr(prop, "val") not in ("0", "false", "off"):
                    return True
    return False


def _paragraph(p: etree._Element, walk: _Walk) -> None:
    """One paragraph: its text as one block, then any text box paragraphs it anchors."""
    pieces: list[str] = []
    dropped: dict[str, list[str]] = {}
    boxes: list[etree._Element] = []

    def add(text: str, kind: str | None = None) -> None:
        if kind is not None:
            dropped.setdefault(kind, []).append(text)
        elif walk.computed():
            dropped.setdefault("field", []).append(text)
        else:
            pieces.append(text)

    def visit(el: etree._Element, kind: str | None) -> None:
        name = _local(el)
        if not name:
            if isinstance(el.tag, str) and el.tag == f"{{{_MC}}}AlternateContent":
                choices = [c for c in el if c.tag == f"{{{_MC}}}Choice"]
                for child in (choices[:1] or list(el)):
                    visit(child, kind)
                return
            for child in el:  # drawings, VML: look for text boxes
                visit(child, kind)
            return
        if name == "txbxContent":
            boxes.append(el)
            return
        if name in ("commentReference", "commentRangeStart"):
            walk.comments.setdefault(_attr(el, "id") or "", walk.line())
            return
        if name.endswith("Pr") or name in ("instrText", "delInstrText", "footnoteReference", "endnoteReference"):
            if name == "instrText" and walk.fields and not walk.fields[-1][1]:
                walk.fields[-1][0] = walk.fields[-1][0] or _field_name(el.text or "")
            return
        if name in ("del", "moveFrom"):
            kind = "tracked-deletion"
        elif name == "rt":  # a phonetic guide's reading (pinyin above 汉), not text
            kind = kind or "markup"
        if name == "r" and _hidden(el):
            kind = kind or "hidden"
        if name == "fldChar":
            state = _attr(el, "fldCharType")
            if state == "begin":
                walk.fields.append(["", False])
            elif state == "separate" and walk.fields:
                walk.fields[-1][1] = True
            elif state == "end" and walk.fields:
                walk.fields.pop()
            return
        if name == "fldSimple":
            walk.fields.append([_field_name(_attr(el, "instr") or ""), True])
            for child in el:
                visit(child, kind)
            walk.fields.pop()
            return
        if name in ("t", "delText"):
            add(el.text or "", kind)
        elif name in ("tab", "ptab"):
            add(" ", kind)
        elif name in ("br", "cr"):
            add("\n", kind)
        elif name == "noBreakHyphen":
            add("-", kind)
        elif name == "sym":  # a character from a symbol font (docx_symbols)
            text, is_text = read_symbol(_attr(el, "font") or "", _attr(el, "char") or "")
            add(text, kind if is_text and text else kind or "symbol")
        else:
            for child in el:
                visit(child, kind)

    visit(p, None)
    line = walk.line()
    for kind, texts in dropped.items():
        text = "".join(texts).strip()
        if text:
            walk.debris.append(Debris(kind, line, text))
    walk.blocks.append((line, _join(pieces)))
    for box in boxes:
        _container(box, walk)


def _join(pieces: list[str]) -> str:
    """Runs → one line; a manual line break joins as a soft wrap does (no space in Chinese)."""
    out = ""
    for part in "".join(pieces).split("\n"):
        part = part.strip()
        out = out + soft_join(out, part) + part if out else part
    return re.sub(r"[ \t\u00a0]{2,}", " ", out).strip()


def _container(el: etree._Element, walk: _Walk) -> None:
    """Block-level content in document order: paragraphs, tables, content controls."""
    for child in el:
        name = _local(child)
        if name == "p":
            _paragraph(child, walk)
        elif name in ("sectPr", "del", "moveFrom") or name.endswith("Pr"):
            continue
        elif name or (isinstance(child.tag, str) and child.tag == f"{{{_MC}}}AlternateContent"):
            _container(child, walk)  # tbl, tr, tc, sdt, sdtContent, customXml, ins, body …


class _Package:
    """The parts of a .docx, found through the package relationships."""

    def __init__(self, data: bytes, path: Path):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
        except (zipfile.BadZipFile, ValueError):
            raise UnreadableDocument("a damaged Word document (not a readable ZIP archive)", path=path,
                                     hint="open and re-save it in Word, or give the document's text") from None
        self.names = set(self.zip.namelist())

    def xml(self, name: str) -> etree._Element | None:
        if name not in self.names:
            return None
        info = self.zip.getinfo(name)
        if info.file_size > MAX_PART:
            raise UnreadableDocument(f"a Word document whose {name} is {info.file_size:,} bytes unpacked",
                                     path=self.path, hint="save it as plain text (UTF-8) from Word")
        try:
            return etree.fromstring(self.zip.read(name), _PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError,
                NotImplementedError, RuntimeError) as exc:  # RuntimeError: an encrypted member
            raise UnreadableDocument(f"a damaged Word document ({name}: {exc})".replace("\n", " "),
                                     path=self.path, hint="open and re-save it in Word, or give the document's text") from None

    def related(self, part: str) -> dict[str, list[str]]:
        """Relationship type (its last word) → target parts of ``part``."""
        rels = self.xml(posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels"))
        found: dict[str, list[str]] = {}
        for rel in (rels if rels is not None else []):
            if rel.tag != f"{{{_REL}}}Relationship" or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(posixpath.dirname(part), target))
            found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], []).append(target)
        return found

    def main_part(self) -> str:
        targets = self.related("")
        for name in targets.get("officeDocument", []) + ["word/document.xml"]:
            if name in self.names:
                return name
        raise UnreadableDocument(
            "a ZIP archive without a Word document in it (no word/document.xml)", path=self.path,
            hint="give a .docx saved by Word or LibreOffice, or the document's text",
        )


def _read(data: bytes, path: Path, strict: bool) -> Rendering:
    if data.startswith(_OLE):
        raise UnreadableDocument(
            "an encrypted (password-protected) Word document", path=path,
            hint="open it with its password and save a copy without one (or save it as plain text)",
        )
    package = _Package(data, path)
    main = package.main_part()
    related = package.related(main)
    walk = _Walk(first_line=1)
    root = package.xml(main)
    body = next((c for c in root if _local(c) == "body"), None) if root is not None else None
    if body is not None:
        _container(body, walk)
    for kind in ("footnotes", "endnotes"):  # translatable: blocks after the body
        for part in related.get(kind, []):
            notes = package.xml(part)
            for note in (notes if notes is not None else []):
                # separator and continuation notes (type=…) are Word's lines, not text
                if _local(note) in ("footnote", "endnote") and _attr(note, "type") in (None, "normal"):
                    _container(note, walk)
    _comments(package, related, walk)
    furniture = _Walk(first_line=walk.line())
    for kind in ("header", "footer"):
        for part in sorted(set(related.get(kind, []))):
            xml = package.xml(part)
            if xml is not None:
                _container(xml, furniture)
    debris = walk.debris + furniture.debris + [Debris("furniture", line, text) for line, text in furniture.blocks if text]
    return blocks_rendering(walk.blocks, encoding="docx", kind=DocKind.DOCX, fmt=SourceFormat.DOCX, debris=debris)


def _comments(package: _Package, related: dict[str, list[str]], walk: _Walk) -> None:
    """Reviewers' comments (``word/comments.xml``) are notes about the text, not text: each
    is ``comment`` debris at the paragraph its mark is in (the last line when the mark is
    gone), so a comment is counted rather than silently left out."""
    last = max(walk.line() - 1, 1)
    for part in related.get("comments", []):
        try:
            xml = package.xml(part)
        except UnreadableDocument:  # the text is readable without its reviewers' notes
            walk.debris.append(Debris("comment", last, f"{part}: damaged, not read"))
            continue
        for note in (xml if xml is not None else []):
            if _local(note) != "comment":
                continue
            box = _Walk(first_line=1)
            _container(note, box)
            text = " ".join(text for _, text in box.blocks if text)
            if text:
                walk.debris.append(Debris("comment", walk.comments.get(_attr(note, "id") or "", last), text))


register(FormatReader(
    format=SourceFormat.DOCX, suffixes=_SUFFIXES, sniff=_sniff, read=_read,
    describe="Word (.docx): body paragraphs and table cells in order, then footnotes and endnotes; "
             "tracked changes as accepted; headers, footers and computed fields set aside",
))
