"""HTML and XHTML pages: the text a browser (and a CAT tool's HTML filter) shows, block by block.

Read with lxml's forgiving HTML parser (XHTML too: its XML syntax parses as HTML, namespace
prefixes are dropped from tag names), so markup never reaches a segment and tag or entity
names (``DOCTYPE``, ``body``, ``nbsp``) never reach the glossary. What is read:

* one block per block-level element (``p``, ``h1``–``h6``, ``li``, each table cell,
  ``dt``/``dd``, ``caption``, ``figcaption``, text directly in a ``div`` …), at the
  element's source line; inline elements (``a``, ``code``, ``em``, ``span`` …) are text
  inside the sentence;
* whitespace collapsed as a browser does; a line break in the source or a ``<br>`` is a
  soft break (:func:`~aligner.documents.text.soft_join`: a space in English, nothing
  between Han characters); two ``<br>`` in a row end the block (a blank line on screen);
* ``<title>`` is a block (OmegaT's HTML filter translates it too) unless a block (the
  ``<h1>``, usually) repeats it word for word; the rest of ``<head>`` (``meta``, ``link``) is ``html-head`` debris;
* attribute values the page shows (``title``, ``alt``, ``placeholder``, ``aria-label``, a
  submit button's ``value``, the meta description: :mod:`.html_attrs`) are blocks of their
  own after the block they sit in; ``<q>`` gets the quote marks of its language.

Set aside as counted debris with their lines: ``script``/``noscript``/``template``
(``script``), ``style`` (``css``), comments (``html-comment``), ``pre`` blocks (``code``),
``img``/``svg``/media (``image``; the ``alt`` text is a block), input fields and captionless or
copy buttons (``form``), permalinks and note marks (``anchor``, ``footnote-marker``), Word's
list-number fallbacks (``list-marker``), and site furniture (``navigation``): ``nav``,
``role="navigation"`` and breadcrumbs anywhere, ``header``, ``footer``, ``aside`` and their
landmark roles outside an ``article``/``main``.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import lxml.etree
import lxml.html

from ...charsets import charset_codec, decode_declared
from ...model import Debris, DocKind
from ..decode import decode
from ..text import soft_join
from . import FormatReader, Rendering, SourceFormat, UnreadableDocument, blocks_rendering, register
from .html_attrs import BUTTON_INPUTS, FALLBACK_KINDS, fragment_mark, furniture, is_note, is_text, navigation, quote_marks, \
    shown_attributes, word_fallbacks

SUFFIXES = (".html", ".htm", ".xhtml", ".xht")

#: Block-level elements: each starts and ends a block. (Anything not inline is treated so.)
INLINE = frozenset(
    "a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd mark q s samp small "
    "span strike strong sub sup time tt u var wbr label output ruby rb".split()
)
#: Whole subtrees dropped, with the debris kind they are counted as.
DROPPED = {
    "script": "script", "noscript": "script", "template": "script",
    "style": "css",
    "pre": "code", "listing": "code", "xmp": "code",
    "img": "image", "svg": "image", "math": "image", "video": "image", "audio": "image",
    "canvas": "image", "picture": "image", "iframe": "image", "object": "image", "embed": "image",
    "map": "image",
    "textarea": "form", "input": "form", "datalist": "form",
    "rt": "markup", "rp": "markup",
    "nav": "navigation", "menu": "navigation",
    "meta": "html-head", "link": "html-head", "base": "html-head",
}
#: Site furniture unless inside the page's content (an article's own header stays).
FURNITURE = frozenset("header footer aside".split())
CONTENT = frozenset("article main".split())

_BLOCK_START = frozenset(
    "html head body p div h1 h2 h3 h4 h5 h6 ul ol li table tr td th dl dt dd blockquote "
    "article section main header footer nav aside figure title meta link script style".split()
)
_XML_DECL_TEXT = re.compile(r"^\s*<\?xml\b[^>]*\?>", re.S)
# an internal DTD subset: the HTML parser neither reads it (no entity is ever expanded) nor
# skips it (its "]>" would become text)
_DTD_SUBSET = re.compile(r"^\s*<!DOCTYPE\s[^\[>]{0,2000}\[.{0,200000}?\]\s*>", re.S | re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""", re.S)
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I | re.S)
_LEAD = re.compile(rb"^(?:\s+|<\?[^>]*\?>|<!--.*?-->)*", re.S)
_FIRST_TAGS = re.compile(rb"<([A-Za-z][A-Za-z0-9]{0,9})\b")
_MARKDOWN_LINE = re.compile(rb"#{1,6}\s|```|~~~|[-*+]\s|\d{1,3}\.\s")
_DOCTYPE_HTML = re.compile(rb"<!DOCTYPE\s+html\b", re.I)
_SPACE = re.compile(r"[ \t\r\f]+")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# A page declaring GB2312 or GBK is written in GB18030's superset more often than not;
# Big5 pages in the Windows code page.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}


def _head_bytes(head: bytes) -> bytes:
    """The start of the file as ASCII-compatible bytes (a UTF-16 page re-encoded)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(encoding.replace("-sig", ""), "replace").encode("utf-8")
    return head


def _sniff(head: bytes, suffix: str) -> bool:
    """HTML from content: a ``<!DOCTYPE html>``, an ``<html>`` root, or a file that opens
    with three HTML block tags and is markup on most lines (a page fragment). A saved forum
    page (text with a few tags) or a Markdown file with an HTML header is not a page. With an .html/.htm/.xhtml extension
    a file that opens with any tag is enough."""
    head = _head_bytes(head)
    rest = head[_LEAD.match(head).end():]
    if not rest.startswith(b"<"):
        return False
    if _DOCTYPE_HTML.match(rest) or re.match(rb"<html\b", rest, re.I):
        return True
    tags = [t.lower().decode("ascii") for t in _FIRST_TAGS.findall(rest[:4096])[:3]]
    if suffix in SUFFIXES:
        return bool(tags) and tags[0] in _BLOCK_START | INLINE | set(DROPPED)
    if suffix in (".md", ".markdown") or len(tags) < 3 or not all(t in _BLOCK_START for t in tags):
        return False
    # a fragment is markup line after line; a README that opens with a centred <div>
    # header and goes on in Markdown is not
    lines = [line.lstrip() for line in rest[:16384].split(b"\n") if line.strip()]
    if any(_MARKDOWN_LINE.match(line) for line in lines):
        return False
    return sum(line.startswith(b"<") for line in lines) * 2 >= len(lines)


def _declared(data: bytes) -> str | None:
    """The charset the page declares (XML declaration, then ``<meta>``), as a Python codec."""
    match = _XML_ENCODING.match(data[:512]) or _META_CHARSET.search(data[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return charset_codec(_CHARSET_ALIASES.get(name, name))


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


def decode_page(data: bytes, path: Path, strict: bool) -> tuple[str, str]:
    """A page's text: a BOM first, then the declared charset if the bytes are valid in it,
    else the project's decoder (a page that lies about its charset is common). Bytes that
    are valid UTF-8 beyond ASCII are UTF-8 whatever the page declares: a browser saves a
    page as UTF-8 and may keep its old ``<meta charset=gb2312>``, while GB or Big5 text
    is almost never valid UTF-8."""
    if not data.startswith(tuple(bom for bom, _ in _BOMS)):
        declared = _declared(data)
        if declared and declared not in ("utf-8", "utf-16", "utf-32") and not _utf8(data):
            try:
                return decode_declared(data, declared), declared
            except UnicodeDecodeError:
                pass
    return decode(data, path, strict=strict)


def _local(tag: object) -> str:
    """Tag name without namespace or prefix; ``""`` for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


class _Blocks:
    """Walks the tree, gathering inline text into blocks and the rest into debris."""

    def __init__(self) -> None:
        self.blocks: list[tuple[int, str]] = []
        self.debris: list[Debris] = []
        self.parts: list[str] = []
        self.has_text = False  # the block gathered so far holds more than whitespace
        self.line = 1
        self.brs = 0  # <br> seen in a row, with only whitespace between
        self.pending: list[tuple[int, str]] = []  # attribute values, blocks after the current one

    def text(self, text: str | None, line: int) -> None:
        if not text:
            return
        if not text.isspace():
            if not self.has_text:
                # the block starts where its first letter is, not at the tag before a newline
                self.line = line + text[:len(text) - len(text.lstrip())].count("\n")
                self.has_text = True
            self.brs = 0
        self.parts.append(text)

    def flush(self) -> None:
        if self.parts:
            text = _render("".join(self.parts))
            if text:
                self.blocks.append((self.line, text))
        self.blocks.extend(self.pending)
        self.pending = []
        self.parts = []
        self.has_text = False
        self.brs = 0

    def drop(self, kind: str, line: int, text: str) -> None:
        text = " ".join(text.split())
        if text:
            # a 1 MB inline script is counted, not printed whole by `aligner read --debris`
            self.debris.append(Debris(kind, line, text if len(text) <= 500 else text[:499] + "…"))

    def walk(self, top: lxml.etree._Element, inside_content: bool = False) -> None:
        """Depth first with an explicit stack: a page nested thousands deep must not hit
        Python's recursion limit. An entry is (element, inside an article, phase): phase 0
        opens the element, 1 closes an inline one, 2 closes a block."""
        stack: list[tuple[lxml.etree._Element, bool, int]] = [(top, inside_content, 0)]
        while stack:
            el, inside, phase = stack.pop()
            if phase == 0 and self._open(el, inside, stack):
                continue
            if phase == 2:
                self.flush()
                self.line = el.sourceline or self.line
            elif phase == 1 and _local(el.tag) == "q" and not (el.text or "").lstrip().startswith(tuple(_QUOTES)):
                self.parts.append(_quotes(el)[1])
            self.text(el.tail, self.line)

    def _open(self, el: lxml.etree._Element, inside: bool, stack: list) -> bool:
        """Handle an element's start; True when its children (and closing) were stacked."""
        line = el.sourceline or self.line
        tag = _local(el.tag)
        if el.tag is lxml.etree.Comment:
            self.drop("html-comment", line, f"<!--{el.text or ''}-->")
        elif not tag:  # processing instruction
            self.drop("html-tag", line, str(el))
        elif el.get("data-aligner-drop") in FALLBACK_KINDS:
            self.drop(el.get("data-aligner-drop"), line, el.text_content())
        elif tag in DROPPED or ((tag in FURNITURE or furniture(el)) and not inside and not is_note(el)) \
                or navigation(el) or el.get("hidden") is not None \
                or (tag == "button" and _furniture_button(el)):
            if tag in _EMPTY_SHOWN and el.get("hidden") is None and el.get("role") != "navigation" \
                    and not (tag == "button" and _beside_code(el)):
                self.attributes(el, tag, line)
            self._drop_element(el, tag, line)
        elif tag == "a" and (mark := fragment_mark(el)):  # a permalink ¶ or a footnote mark [1]
            self.drop(mark, line, el.text_content().strip() or el.get("href", ""))
        elif tag == "br":
            self.brs += 1
            if self.brs >= 2:
                self.flush()
            else:
                self.parts.append("\n")
        else:
            inline = tag in INLINE
            if not inline:
                self.flush()
                self.line = line
            self.attributes(el, tag, line)
            if tag == "q" and not (el.text or "").lstrip().startswith(tuple(_QUOTES)):
                self.text(_quotes(el)[0], line)
            self.text(el.text, line)
            stack.append((el, inside, 1 if inline else 2))
            inside = inside or tag in CONTENT or el.get("role") == "main"
            stack.extend((child, inside, 0) for child in reversed(el))
            return True
        return False

    def attributes(self, el: lxml.etree._Element, tag: str, line: int) -> None:
        """The attribute values a reader sees (html_attrs), each a block of its own after
        the block being gathered; a value that adds nothing is ``attribute`` debris."""
        own = el.text_content() if tag not in _EMPTY_SHOWN or tag == "button" else ""
        for name, value in shown_attributes(tag, dict(el.attrib.items())):
            shown = _render(value)
            if is_text(shown, _render(own)):
                self.pending.append((line, shown))
            else:
                self.drop("attribute", line, f'{name}="{value}"')

    def _drop_element(self, el: lxml.etree._Element, tag: str, line: int) -> None:
        kind = "navigation" if tag in FURNITURE or furniture(el) or navigation(el) else \
            "form" if tag == "button" else DROPPED.get(tag, "markup")
        if tag == "img":
            self.drop(kind, line, el.get("src") or "<img>")
        elif tag in ("meta", "link", "base"):
            # (not lxml's serialiser: libxml2 leaves out a <meta http-equiv=Content-Type>);
            # a content read as text (a description) is not repeated here
            shown = {name for name, _ in shown_attributes(tag, dict(el.attrib.items()))}
            attrs = "".join(f' {name}="{value}"' for name, value in el.attrib.items() if name not in shown)
            self.drop(kind, line, f"<{tag}{attrs}>")
        else:
            button = tag == "input" and (el.get("type") or "").strip().lower() in BUTTON_INPUTS
            self.drop(kind, line, el.text_content() if tag != "input" else
                      f'<input type="{el.get("type")}">' if button else el.get("value") or "<input>")


def _furniture_button(el: lxml.etree._Element) -> bool:
    """A button without a caption (×, ☰), or a code block's copy button (beside its ``pre``)."""
    return not any(ch.isalnum() for ch in el.text_content()) or _beside_code(el)


def _beside_code(el: lxml.etree._Element) -> bool:
    parent = el.getparent()
    return parent is not None and any(_local(sib.tag) == "pre" for sib in parent)


#: elements set aside whose attributes are still shown (an image's alt, a field's hint, an icon
#: button's aria-label)
_EMPTY_SHOWN = frozenset({"img", "input", "meta", "area", "button"})
_QUOTES = "“‘「『\"'"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _quotes(el: lxml.etree._Element) -> tuple[str, str]:
    """The marks a browser adds around ``<q>``: from the nearest ``lang`` and the depth."""
    langs = (a.get("lang") or a.get(_XML_LANG) for a in (el, *el.iterancestors()))
    lang = next((lang for lang in langs if lang), "")
    depth = sum(1 for a in el.iterancestors() if _local(a.tag) == "q")
    return quote_marks(lang, depth)


def _render(text: str) -> str:
    """Collapse whitespace as a browser does; a line break is a soft break (soft_join)."""
    pieces = [p for p in (_SPACE.sub(" ", piece).strip() for piece in text.split("\n")) if p]
    out = pieces[:1]
    for left, right in zip(pieces, pieces[1:]):
        out += [soft_join(left, right), right]
    return "".join(out)


_REPAIR = "save the page again from a browser, or give its text as a .txt file"


def _parse(text: str, path: Path) -> lxml.etree._Element:
    # huge_tree: without it libxml2 stops at 256 levels of nesting
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise UnreadableDocument(f"cannot parse the page as HTML ({exc})", path=path, hint=_REPAIR) from None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":  # the parser stopped: the rest of the page is lost
            depth = re.search(r"\d+", error.message)
            limit = f" (more than {depth.group()} levels)" if depth else ""
            raise UnreadableDocument(f"the page nests its elements too deep to read{limit}", path=path,
                                     line=error.line or None, hint=_REPAIR)
    return root


def read_html(data: bytes, path: Path, strict: bool) -> Rendering:
    """Render a page (see the module docstring); the EPUB reader renders each chapter with it."""
    text, encoding = decode_page(data, path, strict)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    # lxml refuses a str with an encoding declaration; keep the declaration's newlines so
    # source lines stay right
    text = _XML_DECL_TEXT.sub(lambda m: "\n" * m.group().count("\n"), text, count=1)
    text = word_fallbacks(text)
    text = _DTD_SUBSET.sub(lambda m: "<!DOCTYPE html>" + "\n" * m.group().count("\n"), text, count=1)
    if not text.strip():
        return blocks_rendering([], encoding=encoding, kind=DocKind.HTML, fmt=SourceFormat.HTML)
    root = _parse(text, path)
    walker = _Blocks()
    head = next((el for el in root if _local(el.tag) == "head"), None)
    title = None
    if head is not None:
        for el in head:
            if _local(el.tag) == "title":
                title = el
            else:
                walker.walk(el)
        root.remove(head)
    for el in reversed(list(root.itersiblings(preceding=True))):  # comments before <html>
        walker.walk(el)
    walker.walk(root)
    blocks = walker.blocks
    if title is not None:
        shown = _render(title.text_content())
        if shown and shown not in {text for _, text in blocks}:
            blocks.insert(0, (title.sourceline or 1, shown))
        elif shown:
            walker.drop("html-head", title.sourceline or 1, f"<title>{shown}</title>")
    return blocks_rendering(blocks, encoding=encoding, kind=DocKind.HTML, fmt=SourceFormat.HTML,
                            debris=sorted(walker.debris, key=lambda d: d.line))


register(FormatReader(
    format=SourceFormat.HTML, suffixes=SUFFIXES, sniff=_sniff, read=read_html,
    describe="HTML/XHTML pages (.html, .htm, .xhtml, or any file that is one): the text a browser "
             "shows, one block per paragraph, heading, list item and table cell, and the attribute values "
             "it shows (title, alt, placeholder, aria-label, the meta description); scripts, styles, "
             "comments, navigation, permalinks and code blocks are counted debris",
))
