"""Recognise how a document was captured, from its content alone (never its name)."""
from __future__ import annotations

import re
from collections import Counter

from ..han import HAN
from ..model import DocKind
from .lines import Line

POST_HEADER = re.compile(r"发表于\s*\d{4}-\d{1,2}-\d{1,2}|^#{1,6}\s*\d+\s*#\s")
_HTML = re.compile(r"</?(?:blockquote|img|a|strong|div|span|br|p|font|b|i)\b", re.I)
CSS_RULE = re.compile(rf"^\s*[.#@]?[A-Za-z][^{{}}{HAN}]*\{{[^{{}}:]*:[^{{}}]*\}}\s*$")

# Speaker label at the start of a line: 肖茜: / 肖 茜： / 问: / Host:
SPEAKER = re.compile(
    rf"^\s*([{HAN}](?:[^\S\n]{{0,3}}[{HAN}]){{0,3}}|[A-Z][A-Za-z.\-]{{0,20}}(?: [A-Z][A-Za-z.\-]{{0,20}}){{0,2}})"
    r"[^\S\n]*[:：][^\S\n]*(?=\S)"
)
# Words that end in a colon at a line start but are not people.
NOT_SPEAKERS = frozenset(
    "摘要 关键词 关键字 内容提要 提要 注 注释 注意 例如 比如 如 即 说明 备注 按 题目 作者 来源 时间 地点 日期 "
    "目标 原因 结果 结论 方法 定义 引用格式 网络首发 出版确认 网络首发日期 中图分类号 文献标识码 文章编号 编辑 "
    "责编 责任编辑 校对 主题 标题 附 附件 图 表 第一 第二 第三 其一 其二 其三 一是 二是 三是 首先 其次 最后 "
    "总之 问题 答案 原文 译文 链接 网址 地址 电话 邮箱 Note Notes Abstract Keywords Source Title Date "
    "Summary Example Examples Tags".split()
)
_PDF_MARKERS = (
    (re.compile(r"^\s*[\u2460-\u2473]"), 1),  # footnote block ① at a line start
    (re.compile(rf"\^[\u2460-\u2473]|[{HAN}。，”][\u2460-\u2473]"), 1),  # inline marker
    (re.compile(r"ISSN\s*\d{4}-?\d{3}[\dXx]|中图分类号|文献标识码|文章编号|网络首发"), 2),
    # 摘要: / 【摘要】 / [摘要] / 〔关键词〕 — a bracketed label needs no colon
    (re.compile(r"^\s*(?:[\[【［〔〖]\s*(?:内容)?摘\s*要\s*[\]】］〕〗]|(?:内容)?摘\s*要\s*[:：])"), 1),
    (re.compile(r"^\s*(?:[\[【［〔〖]\s*关\s*键\s*[词字]\s*[\]】］〕〗]|关\s*键\s*[词字]\s*[:：])"), 1),
    (re.compile(r"^\s*[\[【]?\s*参\s*考\s*文\s*献\s*[\]】]?\s*[:：]?\s*$|\[(?:J|M|EB/OL|J/OL)\]"), 1),
    (re.compile(r"^\s*(?:第\s*\d+\s*卷\s*)?第\s*\d+\s*期.{0,60}(?:学报|杂志|研究|Vol)"), 2),
)
_MD_MARKERS = (
    re.compile(r"^#{1,6}\s+\S"),
    re.compile(r"^\s{0,3}(?:[-*+•]|\d{1,3}\.)\s+\S"),
    re.compile(r"\*\*\S[^*]*\*\*"),
    re.compile(r"\]\([^)\s]+\)"),
    re.compile(r"^\s{0,3}>\s"),
    re.compile(r"^\s{0,3}\[[^\[\]]{1,200}\]:\s*\S|\[\^[^\[\]\s]{1,40}\]"),
)


def speaker_name(label: str) -> str:
    """``肖 茜`` → ``肖茜``: padding inside a Chinese name is layout, not part of the name."""
    if re.fullmatch(rf"[{HAN}](?:[^\S\n]|[{HAN}])*", label):
        return re.sub(r"\s+", "", label)
    return label


def speakers(lines: list[Line]) -> set[str]:
    """Names used as a speaker label at the start of at least two lines."""
    counts: Counter[str] = Counter()
    for line in lines:
        m = SPEAKER.match(line.text)
        if m:
            name = speaker_name(m.group(1))
            if name not in NOT_SPEAKERS:
                counts[name] += 1
    return {name for name, n in counts.items() if n >= 2}


def detect_kind(lines: list[Line], front_matter: dict, *, suffix: str = "") -> DocKind:
    """Forum, roundtable, PDF text, Markdown or plain, in that order of evidence strength.

    The content decides; a ``.md`` suffix only breaks the tie between Markdown and plain.
    """
    sample = lines[:20000]
    posts = sum(1 for line in sample if len(line.text) < 200 and POST_HEADER.search(line.text))
    html = sum(1 for line in sample if _HTML.search(line.text) or (len(line.text) < 5000 and CSS_RULE.match(line.text)))
    if posts >= 2 or (posts and html):
        return DocKind.FORUM
    names = speakers(sample)
    if len(names) >= 2:
        uses = sum(
            1 for line in sample
            if (m := SPEAKER.match(line.text)) and speaker_name(m.group(1)) in names
        )
        if uses >= 4:
            return DocKind.ROUNDTABLE
    if front_matter:
        return DocKind.MARKDOWN
    pdf = 0
    for pattern, weight in _PDF_MARKERS:
        if any(pattern.search(line.text) for line in sample):
            pdf += weight
    if pdf >= 3:
        return DocKind.PDF_TEXT
    markdown = sum(1 for line in sample for pattern in _MD_MARKERS if pattern.search(line.text))
    if markdown >= 3 or (markdown and suffix.lower() in (".md", ".markdown")):
        return DocKind.MARKDOWN
    return DocKind.PLAIN
