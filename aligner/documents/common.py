"""Line cleaning that every document kind gets: separators, URL-only lines, credit lines,
bullets, ``**bold**`` and runs of spaces."""
from __future__ import annotations

import re

from . import markup
from .lines import Line, LineRule, Recorder

# 责任编辑:张莹 / [责任校对:罗兴贵] / 编辑：倾倾 / 来源：新智元 — credits, not text to translate.
CREDIT = re.compile(
    r"\s*[\[【(（]?\s*(?:责任编辑|责任校对|责编|编辑|审校|校对|英文校对|英文审校|编审|美编|排版|校审|"
    r"来源|撰文|摄影|图片来源|图源)\s*[:：]\s*[^\]】)）。！？!?]{0,30}[\]】)）]?\s*"
)
_SPACES = re.compile(r"\s{2,}|[^\S ]")

FURNITURE: tuple[LineRule, ...] = (
    (markup.is_separator, "separator"),
    (markup.is_url_line, "url"),
    (lambda text: len(text) < 80 and CREDIT.fullmatch(text), "masthead"),
)


def clean_common(lines: list[Line], rec: Recorder) -> None:
    """Remove furniture lines and inline emphasis that any captured document may carry."""
    for line in lines:
        text = line.text
        if not text.strip():
            continue
        if rec.drop_if(line, text, FURNITURE):
            continue
        text, bullet = markup.strip_list_marker(text, line.no, rec, markup.BULLET)
        if bullet:
            line.brk = True
        text = markup.strip_pairs(text, "**", line.no, rec)
        line.text = squeeze(text)


def squeeze(text: str) -> str:
    """Trim a line and collapse runs of spaces (layout, not content)."""
    text = text.strip()
    if _SPACES.search(text):
        text = _SPACES.sub(" ", text)
    return text
