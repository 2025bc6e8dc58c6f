"""Speaker-labelled transcripts (magazine roundtables, interviews).

A label ``肖茜:`` at a paragraph start is removed from the sentence but kept as data: the
debris kind ``speaker-label`` holds the name (``肖 茜`` padded names joined), and its colon is
``speaker-colon`` debris. Names padded with spaces in a guest list (``肖 茜  清华大学…``) are
joined. WeChat furniture (点击蓝字 关注我们, ·END·, 长按二维码) and the publication line
(本文刊登在…) are removed.
"""
from __future__ import annotations

import re

from ..han import HAN, is_han_char
from .kinds import SPEAKER, speaker_name, speakers
from .lines import Line, Recorder

Block = list[Line]

_FURNITURE = re.compile(
    r"\s*(?:点击(?:上方)?蓝字.{0,12}|关注我们|[·•.]?\s*END\s*[·•.]?|长按.{0,10}(?:二维码|识别|关注).{0,10}|"
    r"扫码关注.{0,10}|阅读原文|点个在看.{0,10}|分享.{0,4}点赞.{0,10}|往期推荐|推荐阅读|星标.{0,10}|"
    r"(?:内容中包含的)?图片.{0,12}版权.{0,30}|版权归.{0,20}所有.{0,30}|如有侵权.{0,30})\s*",
    re.I,
)
_PUBLISHED = re.compile(r"\s*(?:本文(?:刊登|原载|刊发|发表|首发)(?:在|于)|原文(?:刊登|刊载|发表)于|(?:本文)?原标题\s*[:：])")
# 肖 茜  清华大学… / 安   刚   《世界知识》… / 嘉   宾:  — a one- or two-character name
# padded to the width of three.
_PADDED = re.compile(rf"^([{HAN}])[^\S\n]{{1,6}}([{HAN}]{{1,2}})(?=[^\S\n]{{2,}}|[^\S\n]*[:：]|[^\S\n]*$)")


def join_padded_names(lines: list[Line], rec: Recorder) -> None:
    """``肖 茜  清华大学…`` → ``肖茜  清华大学…`` (before runs of spaces are collapsed)."""
    for line in lines:
        if line.text and (line.text[0].isspace() or is_han_char(line.text[0])):
            head = line.text[:40].lstrip()
            joined = _PADDED.sub(r"\1\2", head, count=1)
            if joined != head:
                rec.normalised["name-padding"] += 1
                line.text = joined + line.text[40:]


def clean_roundtable(lines: list[Line], blocks: list[Block], rec: Recorder) -> list[Block]:
    names = speakers(lines)
    kept: list[Block] = []
    for block in blocks:
        first = block[0]
        whole = " ".join(line.text for line in block)
        if len(whole) < 40 and _FURNITURE.fullmatch(whole):
            for line in block:
                rec.drop_line("furniture", line)
            continue
        if _PUBLISHED.match(first.text) and len(whole) < 200:
            for line in block:
                rec.drop_line("masthead", line)
            continue
        m = SPEAKER.match(first.text)
        if m and speaker_name(m.group(1)) in names:
            label = m.group()
            colon = max(label.rfind(":"), label.rfind("："))
            rec.drop("speaker-label", first.no, speaker_name(m.group(1)))
            rec.drop("speaker-colon", first.no, label[colon])
            first.text = first.text[m.end():]
        kept.append(block)
    return kept
