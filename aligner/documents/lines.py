"""Source lines and the recorder of everything cleaning removes or normalises.

Cleaning works on :class:`Line` objects that keep their 1-based source line number, so every
paragraph maps back to the file, and every removal is a :class:`~aligner.model.Debris` with
its line: nothing is dropped silently.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Debris


#: Every debris kind the reader records, and what it is. A separate English file's debris
#: has the same kinds with an ``en:`` prefix.
DEBRIS_KINDS: dict[str, str] = {
    "attribute": "an HTML attribute a page shows (title, alt, placeholder, aria-label, a meta description) whose value adds nothing: no letter, or the element's own text again",
    "anchor": "a Markdown heading anchor {#install} (the heading's text is kept)",
    "chapter": "an EPUB chapter's file name, at the chapter's first line (lines are counted through the book)",
    "ass-section": "ASS/SSA script lines that are not dialogue: [Script Info], styles, the Format line, Comment lines",
    "ass-override": "ASS/SSA override codes in subtitle text: {\\an8} {\\i1} (the text around them is kept)",
    "bbcode": "forum BBCode tags: [b] [quote] [url=…] [img] (their text content is kept)",
    "code": "code block (Markdown fences and contents, HTML <pre>): not text to translate",
    "comment": "a reviewer's comment in a DOCX (Review > New Comment): a note about the text, not text",
    "control": "NUL, XML-illegal control characters, stray byte-order marks, zero-width spaces, soft hyphens",
    "css": "CSS rules and <style> blocks of a saved web page",
    "cue-id": "a WebVTT cue identifier (or a non-numeric label above a subtitle timing line)",
    "cue-number": "the number line above an SRT cue's timing line",
    "cue-setting": "cue settings after a timecode: align:start position:10% line:0 (SRT: X1:… Y2:…)",
    "cue-timestamp": "a timestamp inside WebVTT cue text (karaoke): <00:00:01.000>",
    "dialogue-dash": "the dash opening each speaker's line of a two-speaker subtitle cue",
    "embedded-english": "English found inside the Chinese file when a separate English file supersedes it",
    "entity": "an HTML entity in subtitle text (&amp; &lt; &#8220;): recorded, its character kept",
    "field": "DOCX field results Word computes: page numbers, table of contents, dates, page references",
    "footnote": "footnote block (① … or * … at a block start) of PDF text; Markdown [^1]: notes",
    "footnote-marker": "footnote reference in running text: ^① ① [3] [^1]",
    "symbol": "a DOCX character from a picture font (Wingdings, Webdings: a check mark, a hand); a Symbol-font letter (α, ≤) is text",
    "form": "form controls of an HTML page: input fields, a button without a caption (×); a button's caption, its value and a field's placeholder are text",
    "forum-notice": "forum notices: auto-close, 'last edited by', moderation",
    "front-matter": "front matter lines, YAML ---, TOML +++ or JSON { } (parsed into Document.front_matter; the values a site shows are text)",
    "furniture": "WeChat/web furniture: 点击蓝字 关注我们, ·END·, copyright notices; DOCX headers and footers",
    "hidden": "DOCX hidden text (w:vanish): Word does not show or print it",
    "hyphen": "a hyphen the typesetting of PDF text put at a line end inside a word (paral-|lel: parallel)",
    "html-comment": "<!-- … -->",
    "html-head": "the <head> of an HTML page: <meta>, <link>, a <title> that a block repeats",
    "html-tag": "HTML tags (their text content is kept)",
    "image": "image placeholders, <img> tags (their alt text is a segment), SVG and media, Markdown images",
    "label": "part labels removed from a paragraph: 摘要: 【关键词】 Abstract: [Key words] KEY WORDS：",
    "link": "the URL part of a Markdown link (its text is kept); [ref]: URL definitions",
    "list-marker": "bullets and list numbers: - * • 1.",
    "too-deep": "list and quote marks of Markdown nested past 20 levels (the lines are read as plain text)",
    "markup": "Markdown marks: # headings, **bold**, > quotes, table pipes; HTML ruby annotations <rt> <rp>",
    "masthead": "publisher masthead and notices, ISSN, 引用格式, credit lines (责任编辑 …)",
    "metadata": "classification and author metadata: 中图分类号 文献标识码 文章编号, DOI, author bio, funding",
    "navigation": "site furniture of an HTML page: <nav>, <header>/<footer>/<aside> outside the article",
    "page-break": "form feed left by a PDF converter",
    "page-number": "a page number alone on a line",
    "post-header": "forum post headers and the poster's name heading",
    "quote": "an earlier forum post quoted in a reply",
    "rating": "forum rating table",
    "reference": "bibliography entries after 参考文献 / References in PDF text; Sphinx/MyST roles :numref:`x` in Markdown",
    "running-header": "a short line repeated on every page of PDF text (at a page's top or bottom in a PDF); "
                      "第 3 期 … Vol. 41 No. 3",
    "script": "<script>, <noscript> and <template> of an HTML page: code, not text",
    "separator": "separator lines: ***** ----- ﹍﹍﹍",
    "shortcode": "template syntax in Markdown: Hugo shortcodes, Liquid tags, macros, includes ({{< note >}} {% raw %}); "
                 "what one displays (caption=, a macro's text) is kept",
    "signature": "forum client signature: —— 来自 …",
    "speaker-colon": "the colon after a speaker label",
    "speaker-label": "speaker of a transcript paragraph; the text is the name (肖 茜 → 肖茜)",
    "subtitle-tag": "inline tags in subtitle text: <i> <b> <u> <font color=…> <c.class> <lang> </v> (their text is kept)",
    "timecode": "a subtitle cue's timing: 00:00:01,000 --> 00:00:03,500",
    "tracked-deletion": "DOCX text deleted with Track Changes on (Word shows the final text)",
    "undecodable": "bytes that could not be decoded (U+FFFD)",
    "url": "bare URLs and URL-only lines",
    "voice": "a WebVTT voice tag <v Speaker>: the speaker's name is data; the text it spans is kept",
    "vtt-block": "WebVTT NOTE (comment), STYLE and REGION blocks",
    "vtt-header": "the WEBVTT header line and the header metadata below it (Kind:, Language:)",
}


@dataclass
class Line:
    """One source line (1-based ``no``) after cleaning; ``alone`` makes it a paragraph by itself."""

    no: int
    text: str
    alone: bool = False
    brk: bool = False  # starts a new paragraph (a list item, a post)
    glue: bool = False  # joins the next line with nothing between (a line-end hyphen removed)


@dataclass
class Recorder:
    """Collects debris (removed text) and counts of in-place normalisations."""

    debris: list[Debris] = field(default_factory=list)
    normalised: Counter[str] = field(default_factory=Counter)

    def drop(self, kind: str, line: int, text: str) -> None:
        """Record removed ``text``; whitespace alone is not worth a record."""
        if text and not text.isspace():
            self.debris.append(Debris(kind, line, text))

    def drop_line(self, kind: str, line: Line) -> None:
        self.drop(kind, line.no, line.text)
        line.text = ""

    def drop_if(self, line: Line, text: str, rules: Sequence[LineRule]) -> bool:
        """Drop ``line`` as the debris kind of the first rule that ``text`` matches."""
        for matches, kind in rules:
            if matches(text):
                self.drop_line(kind, line)
                return True
        return False


LineRule = tuple[Callable[[str], object], str]
"""(does this whole line match, the debris kind it is): furniture recognised line by line."""


# C0 controls except TAB/LF/CR, DEL, C1 controls, BOM inside text, XML non-characters, lone
# surrogates: none of them is text, and most are illegal in XML 1.0 (TMX, TBX). Also the
# invisible characters that break term matching in captured web text (zero-width space,
# word joiner, soft hyphen) and bidirectional overrides. ZWJ/ZWNJ stay: emoji and scripts
# need them.
_CONTROL = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff\ufffd\x0b\x0c"
    "\u200b\u2060\u00ad\u202a-\u202e\u2066-\u2069]+"
)


def split_lines(text: str, rec: Recorder) -> list[Line]:
    """Normalise CR/LF/CRLF to LF, remove control characters (as debris), split into lines.

    U+FFFD (a byte the decoder could not read) is recorded as ``undecodable``; a form feed
    (a PDF converter's page break) as ``page-break``; other controls as ``control``.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [Line(no, t) for no, t in enumerate(text.split("\n"), start=1)]
    if not _CONTROL.search(text):
        return lines
    for line in lines:
        if _CONTROL.search(line.text):
            line.text = _CONTROL.sub(lambda m, no=line.no: _control(m.group(), no, rec), line.text)
    return lines


def _control(found: str, no: int, rec: Recorder) -> str:
    for kind, chars in (
        ("undecodable", "".join(ch for ch in found if ch == "\ufffd")),
        ("page-break", "".join(ch for ch in found if ch == "\x0c")),
        ("control", "".join(ch for ch in found if ch not in "\ufffd\x0c")),
    ):
        if chars:
            rec.debris.append(Debris(kind, no, chars))
    return " " if ("\x0c" in found or "\x0b" in found) else ""
