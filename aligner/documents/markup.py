"""Inline cleaners shared by the document kinds: Markdown and HTML markup, URLs, separators.

Each takes a line's text and its number, records what it removes on the recorder, and
returns the cleaned text. All patterns are linear (no nested or overlapping quantifiers),
so a 10 MB line costs one pass.
"""
from __future__ import annotations

import html
import re

from .lines import Recorder

_TAGS = (
    "a abbr b big blockquote br center cite code dd del div dl dt em font h1 h2 h3 h4 h5 h6 hr i "
    "img ins kbd li ol p pre q s small span strike strong sub sup table tbody td th thead tr tt u "
    "ul video audio source iframe section article header footer nav figure figcaption style "
    "script label button input form select option"
).split()
TAG = re.compile(r"</?(?:%s)\b(?:\s[^<>]{0,4000})?/?>" % "|".join(_TAGS), re.I)
_COMMENT_OPEN = "<!--"
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
LINK = re.compile(r"(!?)\[([^\[\]\n]{0,2000})\]\(([^()\s]{0,4000})(?:\s+\"[^\"\n]{0,500}\")?\)")
AUTOLINK = re.compile(r"<(?:https?|ftp)://[^<>\s]{1,4000}>|<www\.[^<>\s]{1,4000}>")
URL = re.compile(r"(?:https?|ftp)://[!#-;=?-~]{1,4000}|www\.[A-Za-z0-9\-]+\.[!#-;=?-~]{1,4000}")
_URL_TRAIL = ".,:!?)]}'\""  # not ";": it may end an entity (&amp;)
URL_LINE = re.compile(r"\s*(?:<\s*)?(?:https?|ftp)://\S+?(?:\s*>)?\s*")
SEPARATOR = re.compile(r"\s*([-*_=~﹍—–·•.＊])(?:[ \t]*\1){2,}\s*")
HEADING = re.compile(r"(#{1,6})[ \t]+")
LIST_MARKER = re.compile(r"(\s*)([-*+•●▪◦·]|\d{1,3}[.)])[ \t\u3000]+(?=\S)")
BULLET = re.compile(r"(\s*)([•●▪◦■□◆◇►▶])[ \t\u3000]*(?=\S)")
BLOCKQUOTE = re.compile(r"\s{0,3}(?:>[ \t]?)+")
TABLE_RULE = re.compile(r"\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?")


BBCODE = re.compile(
    r"\[/?(?:b|i|u|s|del|quote|code|img|url|email|color|size|font|align|center|left|right|media|"
    r"attach|attachimg|hide|free|list|table|tr|td|indent|backcolor|float|p|hr|\*)(?:=[^\[\]\n]{0,300})?\]",
    re.I,
)
MD_FOOTNOTE = re.compile(r"\[\^[^\[\]\s]{1,40}\]")
MD_DEFINITION = re.compile(r"\s{0,3}\[[^\[\]\n]{1,200}\]:\s*\S.{0,1000}")
MD_REFLINK = re.compile(r"\[([^\[\]\n]{1,2000})\]\[[^\[\]\n]{0,200}\]")


def strip_bbcode(text: str, no: int, rec: Recorder) -> str:
    """Forum BBCode tags ``[b]`` ``[quote]`` ``[url=…]`` → removed, their content kept."""
    if "[" not in text:
        return text
    return BBCODE.sub(lambda m: _drop(rec, "bbcode", no, m.group()), text)


def strip_pairs(text: str, marker: str, no: int, rec: Recorder, kind: str = "markup") -> str:
    """Remove markers that come in pairs (``**bold**``, backticks); an odd last one stays."""
    if text.count(marker) < 2:
        return text
    parts = text.split(marker)
    markers = len(parts) - 1
    keep_last = markers % 2 == 1
    removed = markers - (1 if keep_last else 0)
    out = "".join(parts[:removed + 1])
    if keep_last:
        out += marker + parts[-1]
    rec.drop(kind, no, marker * removed)
    return out


def strip_links(text: str, no: int, rec: Recorder) -> str:
    """``[text](url)`` → ``text``; ``![alt](url)`` → removed as ``image``; ``<url>`` → ``url``."""
    if "](" in text:
        def repl(m: re.Match[str]) -> str:
            if m.group(1):
                rec.drop("image", no, m.group())
                return ""
            rec.drop("link", no, "[](" + m.group(3) + m.group()[m.end(3) - m.start():])
            return m.group(2)
        text = LINK.sub(repl, text)
    if "<" in text and "://" in text or "<www." in text:
        text = AUTOLINK.sub(lambda m: _drop(rec, "url", no, m.group()), text)
    return text


def strip_tags(text: str, no: int, rec: Recorder) -> str:
    """Remove HTML tags (``<img …>`` as ``image``, others as ``html-tag``) and comments."""
    if "<" not in text:
        return text
    if _COMMENT_OPEN in text:
        out, pos = [], 0
        while (start := text.find(_COMMENT_OPEN, pos)) >= 0:
            end = text.find("-->", start + 4)
            if end < 0:
                break
            out.append(text[pos:start])
            rec.drop("html-comment", no, text[start:end + 3])
            pos = end + 3
        text = "".join(out) + text[pos:]

    def repl(m: re.Match[str]) -> str:
        kind = "image" if m.group()[1:4].lower() == "img" else "html-tag"
        rec.drop(kind, no, m.group())
        return ""

    return TAG.sub(repl, text)


def unescape(text: str, rec: Recorder) -> str:
    """HTML entities (``&amp;`` ``&nbsp;`` ``&#8220;``) → characters; counted as ``entity``."""
    if "&" not in text:
        return text
    found = len(_ENTITY.findall(text))
    if found:
        rec.normalised["entity"] += found
    return html.unescape(text)


def strip_urls(text: str, no: int, rec: Recorder) -> str:
    """Remove bare URLs inside a line (trailing punctuation stays in the text)."""
    if "://" not in text and "www." not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        url = m.group()
        trail = len(url) - len(url.rstrip(_URL_TRAIL))
        if trail and url.count("(") > url.count(")"):  # keep a closing paren of the URL
            trail = 0
        keep = url[len(url) - trail:] if trail else ""
        rec.drop("url", no, url[:len(url) - trail])
        return keep

    return URL.sub(repl, text)


def _drop(rec: Recorder, kind: str, no: int, text: str) -> str:
    rec.drop(kind, no, text)
    return ""


def is_url_line(text: str) -> bool:
    return len(text) < 8000 and bool(URL_LINE.fullmatch(text))


def is_separator(text: str) -> bool:
    return len(text) < 2000 and bool(SEPARATOR.fullmatch(text))


def strip_heading(text: str, no: int, rec: Recorder) -> tuple[str, bool]:
    """``### Title ##`` → ``Title``; returns (text, was a heading)."""
    m = HEADING.match(text)
    if not m:
        return text, False
    rest = text[m.end():].rstrip()
    closing = len(rest) - len(rest.rstrip("#"))
    if closing and (closing == len(rest) or rest[len(rest) - closing - 1] in " \t"):
        rec.drop("markup", no, m.group(1) + rest[len(rest) - closing:])
        rest = rest[: len(rest) - closing]
    else:
        rec.drop("markup", no, m.group(1))
    return rest, True


def strip_list_marker(text: str, no: int, rec: Recorder, pattern: re.Pattern[str] = LIST_MARKER) -> tuple[str, bool]:
    """``- item`` / ``1. item`` / ``• item`` → ``item`` (``list-marker``)."""
    m = pattern.match(text)
    if not m:
        return text, False
    rec.drop("list-marker", no, m.group(2))
    return text[m.end():], True


def table_cells(text: str, no: int, rec: Recorder) -> str | None:
    """A Markdown table row → its cells separated by spaces; a rule row → ``""``."""
    stripped = text.strip()
    if len(stripped) < 2 or not (stripped.startswith("|") and stripped.endswith("|")):
        return None
    if TABLE_RULE.fullmatch(stripped) and "-" in stripped:
        rec.drop("markup", no, stripped)
        return ""
    cells = [cell.strip() for cell in stripped[1:-1].split("|")]
    rec.drop("markup", no, "|" * (len(cells) + 1))
    return " ".join(cell for cell in cells if cell)
