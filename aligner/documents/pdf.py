"""Text extracted from a PDF journal paper.

Removed: the publisher's cover page and masthead (网络首发 / 出版确认 notice, ISSN, 引用格式),
credit lines (责任编辑), classification metadata (中图分类号 文献标识码 文章编号, DOI, 收稿日期,
基金项目, author bio), footnote blocks (①… or * at a block start), footnote markers
(``^①`` ``①`` ``[3]``), page numbers, running headers (repeated lines, 第 3 期 … Vol. 41
No. 3) and the reference list after 参考文献 / References. A paragraph that a page break or
footnote block cut mid-sentence is joined to its continuation (one paragraph, several spans).
"""
from __future__ import annotations

import re
from collections import Counter

from ..han import HAN
from .hyphens import mend_hyphens
from .lines import Line, Recorder
from .text import ends_sentence, is_han

Block = list[Line]

CIRCLED = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf"
_FOOTNOTE = re.compile(rf"\s*(?:[{CIRCLED}]|[*※†‡]\s*\S)")
_MARKER = re.compile(rf"\^?[{CIRCLED}]|\[\d{{1,3}}(?:[,，\-–]\d{{1,3}}){{0,10}}\]|\^\d{{1,3}}(?!\d)")
_COVER_END = re.compile(r"\s*出版确认\s*[:：]")
_MASTHEAD = re.compile(
    r"\s*(?:ISSN\s*\d{4}-?\d{3}[\dXx]|CN\s*\d{2}-\d{4}|网络首发(?:日期|论文|时间)?\s*[:：]?|引用格式\s*[:：]|"
    r"出版确认\s*[:：]|.{0,40}网络首发论文\s*$)"
)
_METADATA = re.compile(
    r"\s*[\[【]?\s*(?:中图分类号|中图法分类号|分类号|文献标识码|文献标志码|文章编号|DOI|doi|收稿日期|修回日期|"
    r"基金项目|作者简介|通讯作者|通信作者|网络出版(?:时间|地址)|CLC\s+number|Document\s+code|Article\s+ID|"
    r"Received|Foundation\s+item)\s*(?:[\]】]\s*[:：]?|[:：])"
    rf"|\s*作者(?:简介)?\s*[:：]?\s*[{HAN}]{{2,4}}\s*[,，(（]\s*(?:男|女|\d{{4}})"
)
# A funding note (* 本文为…课题阶段性成果。): short, at a footnote position.
_FUND = re.compile(r"\s*[*※]?\s*(?:本文(?:系|为|是)|基金项目).{0,120}(?:成果|资助|项目|基金)")
_PAGE_NUMBER = re.compile(r"\s*[-—–·]?\s*(?:\d{1,4}|[ivxlcIVXLC]{1,6})\s*[-—–·]?\s*")
# 第 41 卷第 3 期   某某大学学报   Vol. 41 No. 3 — a journal's page header
_JOURNAL_HEADER = re.compile(r"\s*(?:第\s*\d+\s*卷\s*)?第\s*\d+\s*期|.{0,60}Vol\.?\s*\d+\s*,?\s*No\.?\s*\d+", re.I)
_REFERENCES = re.compile(r"\s*[\[【]?\s*(?:参\s*考\s*文\s*献|References|REFERENCES|Bibliography|引用文献)\s*[\]】]?\s*[:：]?")
_REFERENCE_ENTRY = re.compile(
    r"\s*(?:\[\d{1,3}\]|\d{1,3}[.、]\s)|.{0,400}\[(?:J|M|C|D|N|R|S|P|Z|A|EB/OL|J/OL|M/OL|DB|CP)\]"
)
_HEADING_START = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+(?:\.\d+)*\s|第[一二三四五六七八九十\d]+[章节部分]|"
    r"参考文献|注释|结语|[\[【［〔〖]?\s*(?:摘\s*要|关\s*键\s*词|Abstract|Key\s*words))",
    re.I,
)


_FOOTNOTE_LINE = re.compile(rf"\s*[{CIRCLED}]")


# 中图分类号 / 【文献标识码】A / DOI: — one line each, often run into the key words above
_CLASSIFICATION_LINE = re.compile(
    r"\s*[\[【]?\s*(?:中图分类号|中图法分类号|文献标识码|文献标志码|文章编号|DOI|doi|CLC\s+number|Document\s+code|"
    r"Article\s+ID)\s*(?:[\]】]\s*[:：]?|[:：])"
)


def mark_pdf_lines(lines: list[Line], rec: Recorder) -> None:
    """Converters often leave no empty line around a footnote or a page number: a line
    starting with ① starts a block of its own, a classification line (中图分类号 …) is a
    block by itself, and a line holding only a page number goes."""
    for line in lines:
        if _CLASSIFICATION_LINE.match(line.text) and len(line.text) <= 200:
            line.alone = True
        elif _FOOTNOTE_LINE.match(line.text):
            line.brk = True
        elif len(line.text) <= 12 and line.text.strip() and _PAGE_NUMBER.fullmatch(line.text):
            rec.drop_line("page-number", line)


def clean_pdf(lines: list[Line], blocks: list[Block], rec: Recorder) -> list[Block]:
    """Remove PDF debris blocks and markers; re-join paragraphs cut by what was removed."""
    texts = ["".join(line.text for line in block) for block in blocks]
    cover = _cover_end(blocks)
    repeated = Counter(t.strip() for t in texts if 0 < len(t.strip()) <= 60)
    kept: list[Block] = []
    cut = False  # something was removed since the last kept block
    in_references = False
    for i, block in enumerate(blocks):
        first = block[0].text
        kind = _debris_kind(i, cover, first, texts[i], repeated)
        if not kind and len(texts[i]) < 40 and _REFERENCES.fullmatch(texts[i]):
            in_references = True
            kind = "reference"
        elif in_references and not kind:
            in_references = bool(_REFERENCE_ENTRY.match(first))
            kind = "reference" if in_references else ""
        if kind:
            for line in block:
                rec.drop_line(kind, line)
            cut = True
            continue
        for line in block:
            if _MARKER.search(line.text):
                line.text = _MARKER.sub(lambda m, no=line.no: _drop(rec, no, m.group()), line.text)
        block = [line for line in block if line.text.strip()] or block
        if kept and _continues(kept[-1], block, cut):
            kept[-1] = kept[-1] + block
        else:
            kept.append(block)
        cut = False
    mend_hyphens(kept, rec)
    return kept


def _drop(rec: Recorder, no: int, text: str) -> str:
    rec.drop("footnote-marker", no, text)
    return ""


def _cover_end(blocks: list[Block]) -> int:
    """Index of the last block of a publisher's cover page (CNKI 网络首发), or -1."""
    for i, block in enumerate(blocks[:60]):
        if _COVER_END.match(block[0].text):
            return i
    return -1


def _debris_kind(i: int, cover: int, first: str, text: str, repeated: Counter[str]) -> str:
    if i <= cover:
        return "masthead"
    if _METADATA.match(first) or (len(text) < 300 and _FUND.match(first)):
        return "metadata"
    if _FOOTNOTE.match(first):
        return "footnote"
    if len(first) < 300 and _MASTHEAD.match(first):
        return "masthead"
    stripped = text.strip()
    if len(stripped) <= 12 and _PAGE_NUMBER.fullmatch(stripped):
        return "page-number"
    if len(stripped) <= 120 and _JOURNAL_HEADER.match(stripped) and not ends_sentence(stripped):
        return "running-header"
    if 0 < len(stripped) <= 60 and repeated[stripped] >= 3:
        return "running-header"
    return ""


def _continues(before: Block, after: Block, cut: bool) -> bool:
    """Is ``after`` the rest of the sentence ``before`` ends with (a page or footnote cut)?"""
    tail = before[-1].text.rstrip()
    head = after[0].text.lstrip()
    if not tail or not head or ends_sentence(tail) or _HEADING_START.match(head):
        return False
    if _HEADING_START.match(before[0].text):  # a heading, or the 关键词 line
        return False
    text = "".join(line.text for line in before)
    if len(text) < 40 and not any(ch in text for ch in "，,、；;"):  # a heading or title
        return False
    length = len(text)
    if cut:
        return True
    return length >= 80 and is_han(tail[-1]) and is_han(head[0])
