"""Markdown read with a real parser (markdown-it-py, CommonMark plus tables and math).

What a CAT tool's Markdown filter shows is what this reader renders: one block per
paragraph, heading, list item paragraph and table cell; soft-wrapped lines joined (Chinese
without a space, English with one); inline code kept as text (a protected span: its
content is never rewritten); emphasis, link targets, images, raw HTML tags, list markers and
quote marks removed as counted debris; fenced and indented code as ``code`` debris; YAML
or TOML front matter read as data, except the title, description and summary a site shows
(:data:`~aligner.documents.frontmatter.TEXT_KEYS`), which are text blocks at their lines. Template syntax inside prose (macros, shortcodes, roles,
heading anchors) is handled by :mod:`.macros`; a block of nothing but such syntax, or an
admonition fence (``:::note``, ``!!! warning``), is structure, not text. Raw HTML blocks are
read cell by cell for their text (an HTML table inside Markdown is still text to translate).

Line numbers are the Markdown file's own: a block's line is where its first line starts.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from ...model import Debris, DocKind
from ..decode import decode
from ..frontmatter import read_front_matter, take_front_matter
from ..kinds import detect_kind
from ..lines import Recorder, split_lines
from ..text import soft_join
from . import FormatReader, Rendering, SourceFormat, blocks_rendering, register
from .md_lines import admonitions, set_aside
from .macros import CODE_CLOSE, CODE_OPEN, expand, expand_roles, is_structure_only

_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
_BLOCKS_HTML = frozenset("p li td th h1 h2 h3 h4 h5 h6 dt dd caption figcaption blockquote summary".split())
_DROP_HTML = frozenset("script style noscript template".split())
_DIRECTIVE_LINE = re.compile(r"^\s*:[A-Za-z][\w-]*:(?:\ue000[^\ue001]*\ue001|`[^`]*`)?\s*$")
# emphasis CommonMark leaves unparsed next to CJK punctuation (**备注：**由于 …)
_LEFT_EMPHASIS = re.compile(r"(\*\*)(?=\S)(.+?)(?<=\S)\*\*")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?](?:\s|$))")
_GH_ALERT = re.compile(r"^\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.I)


def _parser():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark").enable("table").enable("strikethrough").use(
        dollarmath_plugin, allow_space=True, double_inline=True).use(footnote_plugin, inline=False)


def _sniff(head: bytes, suffix: str) -> bool:
    """A ``.md`` file, or text whose content the recogniser calls Markdown."""
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or b"\x00" in head[:4096]:
        return False
    if suffix in _SUFFIXES:
        return True
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head[: len(head) - 4].decode("utf-8", "ignore")
    rec = Recorder()
    lines = split_lines(text, rec)
    front = take_front_matter(lines, rec, None) if text.lstrip().startswith(("---", "+++")) else {}
    return detect_kind(lines, front, suffix=suffix) is DocKind.MARKDOWN


class _Renderer:
    """Walks markdown-it's tokens and collects blocks and debris."""

    def __init__(self) -> None:
        self.blocks: list[tuple[int, str]] = []
        self.debris: list[Debris] = []

    def drop(self, kind: str, line: int, text: str) -> None:
        if text.strip():
            self.debris.append(Debris(kind, line, text.strip()))

    def block(self, line: int, text: str) -> None:
        """One block from its lines (``\n``-separated, the first at ``line``): template
        syntax expanded line by line, so each removal keeps its own line and a block whose
        first lines are only structure starts at its first line of text."""
        shown: list[tuple[int, str]] = []
        for offset, piece in enumerate(text.split("\n")):
            number = line + offset
            plain = piece.replace(CODE_OPEN, "`").replace(CODE_CLOSE, "`")
            if is_structure_only(plain):
                self.drop("shortcode", number, plain)
                continue
            removed: list[tuple[str, str]] = []
            piece = expand_roles(piece, removed)
            parts = re.split(f"({CODE_OPEN}[^{CODE_CLOSE}]*{CODE_CLOSE})", piece)
            piece = "".join(p[1:-1] if p.startswith(CODE_OPEN) else
                            _emphasis(expand(p, removed, role_marks=False), removed) for p in parts)
            for kind, removed_text in removed:
                self.drop(kind, number, removed_text.replace(CODE_OPEN, "`").replace(CODE_CLOSE, "`"))
            if not shown:
                alert = _GH_ALERT.match(piece)
                if alert:
                    self.drop("markup", number, alert.group())
                    piece = piece[alert.end():]
            if piece.strip() and is_structure_only(plain, shown_text=False):
                # a shortcode alone on its line that shows a caption or tab label: a block
                # of its own, not the start of the paragraph around it
                self._emit(shown)
                self._emit([(number, piece)])
                shown = []
            elif piece.strip():
                shown.append((number, piece))
        self._emit(shown)

    def _emit(self, shown: list[tuple[int, str]]) -> None:
        if not shown:
            return
        joined = _join_soft("\n".join(piece for _, piece in shown))
        joined = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(joined.split()))
        if joined:
            self.blocks.append((shown[0][0], joined))

    def residue(self, source: str, shown: str, since: int, line: int) -> None:
        """Letters of an inline's source that neither its text nor its debris holds (the
        label of a reference link, an entity's name) are recorded as markup, so nothing
        of the source is unaccounted for."""
        from collections import Counter

        have = Counter(ch for ch in shown if ch.isalnum())
        for item in self.debris[since:]:
            have.update(ch for ch in item.text if ch.isalnum())
        rest = Counter(ch for ch in source if ch.isalnum()) - have
        if rest:
            self.drop("markup", line, "".join(ch for ch in source if ch in rest))

    def inline(self, token, line: int) -> str:  # type: ignore[no-untyped-def]
        """The text an inline token shows; markup dropped as debris."""
        out = ""
        current = line
        for child in token.children or ():
            kind = child.type
            if kind == "text":
                out += child.content
            elif kind == "code_inline":
                out += CODE_OPEN + child.content + CODE_CLOSE
            elif kind in ("softbreak", "hardbreak"):
                current += 1
                out = out.rstrip() + "\n"
            elif kind in ("math_inline", "math_inline_double"):
                out += "$" + child.content + "$" if kind == "math_inline" else "$$" + child.content + "$$"
            elif kind == "link_open":
                self.drop("link", current, unquote(str(child.attrs.get("href", "") or "")))
            elif kind == "image":
                self.drop("image", current, f"{child.content} {child.attrs.get('src', '') or ''}")
            elif kind == "footnote_ref":
                self.drop("footnote-marker", current, f"[^{child.meta.get('label', '')}]")
            elif kind == "html_inline":
                self.drop("html-tag", current, child.content)
            elif kind.endswith(("_open", "_close")):
                self.drop("markup", current, child.markup)
            else:
                out += child.content
        kept = []
        for offset, piece in enumerate(out.split("\n")):
            if _DIRECTIVE_LINE.match(piece):  # :end_tab: / :label:`x` on its own line
                self.drop("reference", line + offset, piece.replace(CODE_OPEN, "`").replace(CODE_CLOSE, "`"))
                kept.append("")  # keeps the line count for the lines that follow
            else:
                kept.append(piece)
        return "\n".join(kept)

    def html_block(self, content: str, line: int) -> None:
        """Raw HTML inside Markdown: the text of its innermost block elements, cell by cell."""
        from lxml import etree, html

        try:
            fragments = html.fragments_fromstring(content)
        except (etree.ParserError, ValueError, AssertionError):  # lxml asserts on a second <body>
            self.drop("html-tag", line, content)
            return
        texts: list[str] = []
        for fragment in fragments:
            if isinstance(fragment, str):
                texts.append(fragment)
                continue
            if not isinstance(fragment.tag, str) or fragment.tag in _DROP_HTML:
                continue
            leaves = [el for el in fragment.iter() if isinstance(el.tag, str) and el.tag in _BLOCKS_HTML
                      and not any(isinstance(d.tag, str) and d.tag in _BLOCKS_HTML for d in el.iterdescendants())]
            if leaves:
                texts.extend(" ".join(el.text_content().split()) for el in leaves)
            else:
                texts.append(" ".join(fragment.text_content().split()))
        kept = [t for t in texts if t.strip()]
        self.drop("html-tag", line, re.sub(r">[^<]+<", "><", content))
        for tag in _COMPONENT.finditer(content):  # MDX/JSX: <TabItem label="…"> shows its label
            for attr in _SHOWN_ATTR.finditer(tag.group()):
                self.block(line + content.count("\n", 0, tag.start()), attr.group(1) or attr.group(2) or "")
        for text in kept:
            self.block(line, text)


#: an MDX/JSX component's opening tag (capitalised, as React requires) and the attributes
#: its page shows as text (a tab's or an admonition's label)
_COMPONENT = re.compile(r"<[A-Z][\w.]*\b[^<>]*>")
_SHOWN_ATTR = re.compile(r"""\b(?:label|title)=(?:"([^"]*)"|'([^']*)')""")
_BULLET = re.compile(r"^\s*[•·▪◦‣●○■□◆◇\-*+]\s")


def _is_prose(code: str) -> bool:
    """An indented block that is mostly Han characters is prose."""
    from ..text import count_han

    visible = sum(1 for ch in code if not ch.isspace())
    return visible > 0 and count_han(code) >= visible * 0.5


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(line offset, text) of each blank-line-separated paragraph of ``text``."""
    out: list[tuple[int, str]] = []
    start, current = 0, []
    for offset, piece in enumerate(text.split("\n")):
        if piece.strip():
            if current and _BULLET.match(piece):  # a bullet starts a new item
                out.append((start, "\n".join(current)))
                current = []
            if not current:
                start = offset
            current.append(piece.strip())
        elif current:
            out.append((start, "\n".join(current)))
            current = []
    if current:
        out.append((start, "\n".join(current)))
    return out


def _emphasis(text: str, removed: list[tuple[str, str]]) -> str:
    """Strong emphasis the parser left as text (CommonMark's flanking rules do not see
    CJK punctuation as punctuation), removed as markup."""
    if "**" not in text:
        return text

    def strip(match: re.Match[str]) -> str:
        removed.append(("markup", "****"))
        return match.group(2)

    return _LEFT_EMPHASIS.sub(strip, text)


def _join_soft(text: str) -> str:
    """Soft line breaks joined as a browser shows Chinese and English: no space between
    Han characters, one space elsewhere."""
    if "\n" not in text:
        return text
    pieces = [p.strip() for p in text.split("\n")]
    out = ""
    for piece in pieces:
        if not piece:
            continue
        out = out + soft_join(out, piece) + piece if out else piece
    return out


def _read(data: bytes, path: Path, strict: bool) -> Rendering:
    text, encoding = decode(data, path, strict=strict)
    rec = Recorder()
    lines = split_lines(text, rec)
    front = read_front_matter(lines, rec, path, texts=True, json_object=True)
    shown = admonitions(lines, rec)
    renderer = _Renderer()
    renderer.debris.extend(rec.debris)
    env: dict = {}
    source = "\n".join(set_aside(shown, env, renderer.debris))
    for line, value in front.texts:  # the page's title, description … a site shows
        renderer.block(line, value)
    tokens = _parser().parse(source, env)
    _references(source, env, renderer)
    for i, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else 1
        if token.type == "inline":
            before = len(renderer.debris)
            shown = renderer.inline(token, line)
            renderer.residue(token.content, shown, before, line)
            renderer.block(line, shown)
        elif token.type == "code_block" and _is_prose(token.content):
            # an indented block of Chinese prose (text pasted from a web page with its
            # indentation) is text, not code; fenced code always stays code
            for offset, para in _paragraphs(token.content):
                renderer.block(line + offset, para)
        elif token.type == "fence":
            renderer.drop("code", line, token.markup + token.info)
            for offset, code in enumerate(token.content.split("\n")):
                renderer.drop("code", line + offset + 1, code)
            renderer.drop("code", token.map[1], token.markup)
        elif token.type == "code_block":
            for offset, code in enumerate(token.content.split("\n")):
                renderer.drop("code", line + offset, code)
        elif token.type == "html_block":
            renderer.html_block(token.content, line)
        elif token.type == "footnote_open":  # the definition's own [^1]: has no line: the next token's
            after = next((t.map[0] + 1 for t in tokens[i + 1:] if t.map), line)
            renderer.drop("footnote-marker", after, f"[^{token.meta.get('label', '')}]:")
        elif token.type in ("math_block", "math_block_label"):
            renderer.drop("code", line, token.content)
        elif token.type in ("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open",
                            "heading_open", "hr"):
            if token.type in ("list_item_open", "blockquote_open", "heading_open", "hr"):
                renderer.drop("list-marker" if token.type == "list_item_open" else "markup", line,
                              (token.info if token.type == "list_item_open" else "") + token.markup)
    _too_deep(tokens, source, renderer)
    blocks = [(line, _definition(text, line, renderer)) for line, text in renderer.blocks]
    return blocks_rendering(blocks, encoding=encoding, kind=DocKind.MARKDOWN, fmt=SourceFormat.MARKDOWN,
                            debris=renderer.debris, front_matter=front.data)


_MAX_NESTING = 20  # markdown-it's CommonMark preset: deeper containers end its parse
_CONTAINER_MARKS = re.compile(r"^\s*(?:>\s*|(?:[-*+]|\d{1,9}[.)])(?:\s+|$))+")
_LEAVES = ("inline", "code_block", "fence", "html_block", "math_block", "hr")


def _too_deep(tokens: list, source: str, renderer: _Renderer) -> None:  # type: ignore[type-arg]
    """markdown-it stops reading a container nested past its limit and skips the rest of it
    silently; those lines are read here as plain text, one block a line, their list and
    quote marks recorded as ``too-deep`` debris, so nothing of the file is lost."""
    if not tokens or max(t.level for t in tokens) < _MAX_NESTING - 1:
        return
    covered: set[int] = set()
    for token in tokens:
        if token.map and token.type in _LEAVES:
            covered.update(range(token.map[0], token.map[1]))
    for index, raw in enumerate(source.split("\n")):
        if index in covered or not raw.strip():
            continue
        marks = _CONTAINER_MARKS.match(raw)
        if marks:
            renderer.drop("too-deep", index + 1, marks.group())
        renderer.block(index + 1, raw[marks.end():] if marks else raw)
    renderer.blocks.sort(key=lambda block: block[0])


def _references(source: str, env: dict, renderer: _Renderer) -> None:
    """Link reference definitions (``[ref]: https://…``) leave no token behind: the parser
    keeps their lines in ``env``, and they are recorded there as ``link`` debris."""
    lines = source.split("\n")
    for ref in env.get("references", {}).values():
        start, end = ref.get("map") or (None, None)
        if start is None:
            continue
        for number in range(start, min(end, len(lines))):
            renderer.drop("link", number + 1, lines[number])


def _definition(text: str, line: int, renderer: _Renderer) -> str:
    """``: definition`` (a definition-list item written as a list item) without its colon."""
    if text.startswith(": ") or text.startswith("："):
        renderer.drop("list-marker", line, text[:1])
        return text[1:].lstrip()
    return text


register(FormatReader(
    format=SourceFormat.MARKDOWN, suffixes=_SUFFIXES, sniff=_sniff, read=_read,
    describe="Markdown (.md, .mdx, or recognised from content): parsed with markdown-it-py; code, "
             "markup and shortcodes/macros are structure, front matter data but for the title, description "
             "and summary a site shows; tables read cell by cell",
))
