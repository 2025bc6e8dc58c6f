"""Markdown: headings, lists, quotes, tables, code fences, emphasis, links, inline HTML.

Headings and table rows are paragraphs by themselves; a list item starts a new paragraph
(as OmegaT's Markdown filter makes each item its own unit). Link text stays, its URL goes.
"""
from __future__ import annotations

import re

from . import markup
from .lines import Line, Recorder


def clean_markdown(lines: list[Line], rec: Recorder) -> None:
    fence = ""
    for line in lines:
        text = line.text
        stripped = text.strip()
        if fence:
            rec.drop_line("code", line)
            if stripped.startswith(fence):
                fence = ""
            continue
        if stripped.startswith("```") or stripped.startswith("~~~"):
            fence = stripped[:3]
            rec.drop_line("code", line)
            continue
        if not stripped:
            continue
        if markup.is_separator(text):
            rec.drop_line("separator", line)
            continue
        if len(text) < 1300 and markup.MD_DEFINITION.fullmatch(text):
            kind = "footnote" if text.lstrip().startswith("[^") else "link"
            rec.drop_line(kind, line)  # [1]: https://… link definitions, [^1]: footnotes
            continue
        m = markup.BLOCKQUOTE.match(text)
        if m and ">" in m.group():
            rec.drop("markup", line.no, m.group())
            text = text[m.end():]
        cells = markup.table_cells(text, line.no, rec)
        if cells is not None:
            text = cells
            line.alone = True
        text, heading = markup.strip_heading(text, line.no, rec)
        if heading:
            line.alone = True
        else:
            text, item = markup.strip_list_marker(text, line.no, rec)
            if item:
                line.brk = True
        text = markup.strip_tags(text, line.no, rec)
        text = markup.strip_links(text, line.no, rec)
        if "][" in text or "[^" in text:
            text = markup.MD_FOOTNOTE.sub(lambda m, no=line.no: _drop(rec, "footnote-marker", no, m.group()), text)
            text = markup.MD_REFLINK.sub(lambda m, no=line.no: _keep(rec, no, m), text)
        text = markup.strip_pairs(text, "**", line.no, rec)
        text = markup.strip_pairs(text, "__", line.no, rec)
        text = markup.strip_pairs(text, "~~", line.no, rec)
        text = markup.strip_pairs(text, "*", line.no, rec)  # *italic* (no intraword _ : snake_case)
        text = markup.strip_pairs(text, "`", line.no, rec)
        text = markup.unescape(text, rec)
        line.text = text


def _drop(rec: Recorder, kind: str, no: int, text: str) -> str:
    rec.drop(kind, no, text)
    return ""


def _keep(rec: Recorder, no: int, m: re.Match[str]) -> str:
    """``[text][ref]`` → ``text``; the reference goes as ``link`` debris."""
    rec.drop("link", no, "[]" + m.group()[len(m.group(1)) + 2:])
    return m.group(1)
