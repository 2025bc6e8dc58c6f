"""Hypothesis: reading and cleaning never loses a character and never crashes.

Documents are built from fragments of every kind of debris the cleaners know (forum
headers, HTML, Markdown, footnotes, speaker labels, paper labels, control characters) mixed
with arbitrary Unicode, so each cleaner's code path is exercised together with the others.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.documents import conservation_errors, read_text
from aligner.documents.conservation import fold
from aligner.errors import AlignerError

FRAGMENTS = [
    "*****", "####  用户名  ", "##### 1#       楼主       发表于 2025-11-12 15:41",
    ".box{border: 1px dashed #FF9A9A;padding:6px 8px;}", "此帖将于2025-12-12 15:39自动关闭",
    "https://example.com/a?b=1&amp;c=2", "image", "<blockquote>甲 发表于 2025-11-12 15:48",
    "引用的内容</blockquote>", "回复<img src=\"x.png\">好", "<strong>粗</strong>体",
    "—— 来自 Xiaomi, Android 15, [鹅球](https://x.com/a) v3.5", "评分", "查看全部评分",
    "### 标题", "- 列表项", "  1. 编号项", "**粗体**和**更粗**", "[链接](https://x.org)", "![图](i.png)",
    "> 引用", "| a | b |", "|---|---|", "```", "&lt;实体&gt;&amp;&#8220;", "&ampx &#xZZ;",
    "摘要:本文研究翻译记忆,结论是:有用。", "关键词:翻译;记忆", "中图分类号:C912 **文献标识码:**A",
    "作者王某,男,博士", "* 本文为项目成果。", "① 脚注, 2024.", "正文^①继续②", "[责任编辑:张三]",
    "12", "出版确认：纸质期刊", "ISSN 1003-6644,CN 52-1155/C",
    "Title Of A Paper", "Lu Yunfeng, Wu Yufei", "Abstract: This paper.", "Key words: a; b",
    "肖茜:我认为这样。", "肖 茜：补充。", "李峥:同意。", "嘉   宾:", "点击蓝字", "·  END  ·",
    "本文刊登在《世界知识》", "ＡＧＩ全角", "发展,人工智能(哲学版)", "杨立昆(Yann LeCun)",
    "甲\x00乙\x07丙", "\x0c", "\ufeff", "\ufffd", "\u00a0\u2003空格", "---", "title: x", "...",
    "[b]粗[/b][url=https://x.com]链[/url]", "回复 #2 李四 的帖子", "注[^1]与[文][r]", "[r]: https://x.org",
    "[^1]: 脚注。", "参考文献:", "[1] 王. 题[J]. 刊, 2020.", "第 41 卷第 3 期  某某学报  Vol. 41 No. 3",
    "· 12 ·", "零\u200b宽\u00ad字\u202e符", "*斜*与~~删~~",
]

unicode_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=40
)
line = st.one_of(st.sampled_from(FRAGMENTS), unicode_line, st.just(""))
newline = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


@st.composite
def documents(draw) -> str:
    parts = draw(st.lists(st.tuples(line, newline), max_size=40))
    return "".join(text + nl for text, nl in parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_character_is_kept_or_counted_in_order(text: str) -> None:
    try:
        doc = read_text(text, Path("h.txt"))
    except AlignerError:
        return  # a typed, user-facing error is an acceptable answer; a crash is not
    assert conservation_errors(text, doc) == []


@settings(max_examples=200, deadline=None)
@given(documents())
def test_every_paragraph_maps_back_to_its_lines(text: str) -> None:
    doc = read_text(text, Path("h.txt"))
    total = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for para in doc.zh + doc.en:
        assert para.text and para.text == para.text.strip()
        assert para.spans[0].offset == 0
        offsets = [s.offset for s in para.spans]
        lines = [s.line for s in para.spans]
        assert offsets == sorted(set(offsets)) and all(o < len(para.text) for o in offsets)
        assert lines == sorted(set(lines)) and 1 <= lines[0] and lines[-1] <= total
    assert all(1 <= d.line <= total for d in doc.debris)


@settings(max_examples=100, deadline=None)
@given(documents(), documents())
def test_separate_english_file_is_conserved_too(zh: str, en: str) -> None:
    doc = read_text(zh, Path("zh/a.txt"), en_text=en, en_path=Path("en/a.txt"))
    assert conservation_errors(zh, doc, en) == []


def test_conservation_check_detects_a_lost_character() -> None:
    """The property above cannot pass vacuously: a dropped character is reported."""
    from dataclasses import replace

    text = "第一段文字。\n\n第二段文字。\n"
    doc = read_text(text, Path("x.txt"))
    doc.zh[1] = replace(doc.zh[1], text="第二段文。")
    assert conservation_errors(text, doc) == ["line 3: lost '字', extra ''"]
    doc.zh[1] = replace(doc.zh[1], text="段第二文字。")
    assert conservation_errors(text, doc) == ["line 3: kept text out of order"]


def test_fold_undoes_in_place_normalisations() -> None:
    assert fold("发展，人工智能（哲学）：ＡＧＩ ①") == fold("发展,人工智能(哲学):AGI1")
    assert fold("A&amp;B", unescape=True) == "A&B"
