"""Saved web-forum pages (Discuz-style threads turned into Markdown-ish text).

Furniture removed: post headers (``##### 1# 楼主 发表于 …`` and the user-name heading above
them, 回复 #3 某某 的帖子), quoted earlier posts inside ``<blockquote>``, BBCode tags, CSS
rules and ``<style>`` blocks,
auto-close and edit notices, rating tables, client signatures, ``image`` placeholders, HTML
tags, bare URLs. Entities are unescaped. A forum renders every line break, so each remaining
line is a paragraph of its own.
"""
from __future__ import annotations

import re

from . import markup
from .common import squeeze
from .kinds import CSS_RULE, POST_HEADER
from .lines import Line, LineRule, Recorder

_HEADING = re.compile(r"\s*#{1,6}\s+\S")
# 回复 #3 张三 的帖子 — the header of a reply
_REPLY_TO = re.compile(r"\s*回复\s*#?\s*\d{1,6}\s*楼?\s*\S{1,40}\s*的帖子\s*")
_NOTICE = re.compile(
    r"\s*(?:此帖将于.{0,40}自动关闭|本帖最后由.{0,60}编辑|该帖被.{0,40}|提示\s*[:：]\s*作者被禁止或删除.{0,40}"
    r"|此帖.{0,20}(?:关闭|锁定).{0,20}|auto[ -]?close.{0,80})\s*",
    re.I,
)
_SIGNATURE = re.compile(
    r"\s*(?:——\s*来自\s.{0,200}|(?:发自|来自|Sent from)\s*(?:我的)?\s*\S.{0,40}|"
    r"\[[^\[\]]{0,40}(?:iPhone|Android|客户端|助手|手机)[^\[\]]{0,40}\]\([^()\s]{0,400}\))\s*",
    re.I,
)
_PLACEHOLDER = frozenset({"image", "图片", "[图片]", "[image]", "[img]", "附件", "[附件]", "视频", "[视频]"})
_FURNITURE: tuple[LineRule, ...] = (  # whole lines, under 300 characters
    (_REPLY_TO.fullmatch, "post-header"),
    (_NOTICE.fullmatch, "forum-notice"),
    (_SIGNATURE.fullmatch, "signature"),
    (lambda text: text.lower() in _PLACEHOLDER, "image"),
)
_RATING_START = frozenset({"评分", "点评", "回复评分"})
_RATING_END = re.compile(r"\s*(?:查看全部评分|查看全部点评)\s*")


def clean_forum(lines: list[Line], rec: Recorder) -> None:
    in_quote = in_style = False
    rating_until = -1
    for i, line in enumerate(lines):
        text = line.text
        stripped = text.strip()
        if not stripped:
            continue
        if in_style:
            rec.drop_line("css", line)
            in_style = "</style>" not in text.lower()
            continue
        if i <= rating_until:
            rec.drop_line("rating", line)
            continue
        if in_quote:
            end = text.find("</blockquote>")
            if end < 0:
                rec.drop_line("quote", line)
                continue
            rec.drop("quote", line.no, text[: end + 13])
            text = line.text = text[end + 13:]  # what follows must not count the quote again
            in_quote = False
            stripped = text.strip()
            if not stripped:
                line.text = ""
                continue
        start = text.find("<blockquote")
        if start >= 0 and "发表于" in text[start:start + 600]:  # a quoted earlier post
            end = text.find("</blockquote>", start)
            if end >= 0:
                rec.drop("quote", line.no, text[start:end + 13])
                text = text[:start] + text[end + 13:]
            else:
                rec.drop("quote", line.no, text[start:])
                text = text[:start]
                in_quote = True
            line.text = text  # a header dropped below is the rest of the line, not the quote again
            stripped = text.strip()
            if not stripped:
                line.text = ""
                continue
        if len(stripped) < 300:
            if POST_HEADER.search(stripped) or (_HEADING.match(stripped) and _next_is_header(lines, i)):
                rec.drop_line("post-header", line)
                continue
            if rec.drop_if(line, stripped, _FURNITURE):
                continue
            if stripped in _RATING_START:
                end = _rating_end(lines, i)
                if end is not None:
                    rating_until = end
                    rec.drop_line("rating", line)
                    continue
        if len(stripped) < 5000 and CSS_RULE.match(stripped):
            rec.drop_line("css", line)
            continue
        if stripped.lower().startswith("<style"):
            rec.drop_line("css", line)
            in_style = "</style>" not in stripped.lower()
            continue
        text = markup.strip_tags(text, line.no, rec)
        text = markup.strip_bbcode(text, line.no, rec)
        text = markup.strip_links(text, line.no, rec)
        text, _ = markup.strip_heading(text, line.no, rec)
        text = markup.strip_urls(text, line.no, rec)
        text = markup.unescape(text, rec)
        line.text = squeeze(text)
        line.alone = True


def _next_is_header(lines: list[Line], i: int) -> bool:
    for line in lines[i + 1:i + 4]:
        if line.text.strip():
            return bool(POST_HEADER.search(line.text))
    return False


def _rating_end(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, min(len(lines), i + 40)):
        if _RATING_END.fullmatch(lines[j].text):
            return j
    return None
