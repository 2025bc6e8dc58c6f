"""Tables of (input, expected) for each cleaner, sacrebleu-style."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from aligner.documents import read_text
from aligner.documents import markup
from aligner.documents.lines import Recorder
from aligner.documents.text import fullwidth_alnum, fullwidth_punctuation, soft_join
from aligner.model import DocKind, Role


@pytest.mark.parametrize(
    "text, expected",
    [
        ("发展,人工智能", "发展，人工智能"),
        ("关键词:人工智能;社会学", "关键词：人工智能；社会学"),
        ("代表“普世价值”吗?有研究", "代表“普世价值”吗？有研究"),
        ("这是真的吗?", "这是真的吗？"),
        ("e/acc),而主张", "e/acc)，而主张"),
        ("学报(哲学社会科学版)", "学报（哲学社会科学版）"),
        ("杨立昆(Yann LeCun)估计", "杨立昆(Yann LeCun)估计"),
        ("推特(X,原名 Twitter)平台", "推特(X，原名 Twitter)平台"),
        ("OpenAI,定位为", "OpenAI，定位为"),
        ("1,700万次", "1,700万次"),
        ("发表于 15:41", "发表于 15:41"),
        ("《2001:太空漫游》", "《2001：太空漫游》"),
        ("DeepSeek,ChatGPT", "DeepSeek,ChatGPT"),
        ("Hello, world: fine", "Hello, world: fine"),
        ("(1)", "(1)"),
    ],
)
def test_fullwidth_punctuation(text: str, expected: str) -> None:
    counts: Counter[str] = Counter()
    got = fullwidth_punctuation(text, counts)
    assert got == expected and len(got) == len(text)
    assert counts["punctuation"] == sum(a != b for a, b in zip(text, got))


@pytest.mark.parametrize("text, expected", [("ＡＧＩ２０２５", "AGI2025"), ("AGI＝上帝", "AGI＝上帝"), ("，", "，")])
def test_fullwidth_alnum(text: str, expected: str) -> None:
    assert fullwidth_alnum(text, Counter()) == expected


@pytest.mark.parametrize(
    "left, right, sep",
    [
        ("其核心主张是通过最", "有效的策略", ""),
        ("一，", "OpenAI", ""),
        ("使用", "ChatGPT", " "),
        ("流程,", "早期", ""),
        ("(", "中", ""),
        ("the cat", "sat", " "),
        ("inter-", "national", ""),
        ("e/acc", "Effective", " "),
    ],
)
def test_soft_join(left: str, right: str, sep: str) -> None:
    assert soft_join(left, right) == sep


@pytest.mark.parametrize(
    "func, text, expected, debris",
    [
        (markup.strip_links, "见[论坛](https://x.org/a)。", "见论坛。", [("link", "[](https://x.org/a)")]),
        (markup.strip_links, "![图](a.png)后", "后", [("image", "![图](a.png)")]),
        (markup.strip_links, "<https://x.org>", "", [("url", "<https://x.org>")]),
        (markup.strip_tags, "我<strong>同意</strong>", "我同意", [("html-tag", "<strong>"), ("html-tag", "</strong>")]),
        (markup.strip_tags, '<img src="a.png">笑', "笑", [("image", '<img src="a.png">')]),
        (markup.strip_tags, "若 x<y 且 y>z 则", "若 x<y 且 y>z 则", []),
        (markup.strip_tags, "x<!-- note -->y", "xy", [("html-comment", "<!-- note -->")]),
        (markup.strip_urls, "原文见https://e.com/a?b=1。", "原文见。", [("url", "https://e.com/a?b=1")]),
        (markup.strip_urls, "(see https://e.com/x).", "(see ).", [("url", "https://e.com/x")]),
    ],
)
def test_inline_cleaners(func, text: str, expected: str, debris) -> None:
    rec = Recorder()
    assert func(text, 7, rec) == expected
    assert [(d.kind, d.text) for d in rec.debris] == debris
    assert all(d.line == 7 for d in rec.debris)


@pytest.mark.parametrize(
    "text, expected, removed",
    [
        ("**开放**和**可复现**", "开放和可复现", "********"),
        ("2**3", "2**3", None),
        ("**a** b **c", "a b **c", "****"),
    ],
)
def test_strip_pairs(text: str, expected: str, removed: str | None) -> None:
    rec = Recorder()
    assert markup.strip_pairs(text, "**", 1, rec) == expected
    assert [d.text for d in rec.debris] == ([removed] if removed else [])


def test_unescape_counts_entities() -> None:
    rec = Recorder()
    assert markup.unescape("A&amp;B &lt;x&gt; &#8220;", rec) == "A&B <x> \u201c"
    assert rec.normalised["entity"] == 4


@pytest.mark.parametrize(
    "text, kind",
    [
        ("#### 甲\n##### 1# 楼主 发表于 2025-11-12 15:41\n\n你好\n\n#### 乙\n##### 2# 发表于 2025-11-12 15:42\n\n好", DocKind.FORUM),
        ("甲乙:你好。\n\n丙丁:好的。\n\n甲乙:再见。\n\n丙丁:再见。", DocKind.ROUNDTABLE),
        ("摘要:本文。\n\n关键词:甲;乙\n\n中图分类号:C912\n\n正文^①。\n\n① 注释。", DocKind.PDF_TEXT),
        ("---\ntitle: x\n---\n\n正文。", DocKind.MARKDOWN),
        ("### 标题\n\n- 一\n- 二\n\n**粗体**", DocKind.MARKDOWN),
        ("只是一段普通的文字。\n\n第二段。", DocKind.PLAIN),
        ("例如:一。\n\n例如:二。\n\n注:三。\n\n注:四。", DocKind.PLAIN),
    ],
)
def test_kind_recognised_from_content(text: str, kind: DocKind) -> None:
    assert read_text(text, Path("x.txt")).kind is kind


def texts(doc):
    return [p.text for p in doc.zh + doc.en]


@pytest.mark.parametrize(
    "text, zh",
    [
        # OmegaT's rule: an empty line ends a paragraph, a single line break does not
        ("第一行\n第二行\n\n第二段", ["第一行第二行", "第二段"]),
        ("one line\nand the next\n\n\n\nnew", ["one line and the next", "new"]),
        ("a\r\nb\rc\n\nd", ["a b c", "d"]),
        ("   \n\t\n", []),
        ("", []),
    ],
)
def test_paragraphs_follow_omegat(text: str, zh: list[str]) -> None:
    assert texts(read_text(text, Path("x.txt"))) == zh


def test_pdf_footnote_block_cut_is_rejoined_with_two_spans() -> None:
    text = (
        "摘要:本文研究翻译。\n\n关键词:翻译;记忆\n\n"
        "翻译记忆软件在九十年代进入了译者的日常工作流程,早期的工具只能做整句匹配,而如今的工具已经能够\n\n"
        "① 一条脚注, 2024.\n\n② 另一条脚注。\n\n"
        "进行模糊匹配。^③这是下一句。\n"
    )
    doc = read_text(text, Path("p.txt"))
    assert doc.kind is DocKind.PDF_TEXT
    body = [p for p in doc.zh if p.role is Role.BODY]
    assert len(body) == 1
    assert body[0].text.endswith("而如今的工具已经能够进行模糊匹配。这是下一句。")
    assert [s.line for s in body[0].spans] == [5, 11]
    assert doc.debris_counts()["footnote"] == 2 and doc.debris_counts()["footnote-marker"] == 1


def test_pdf_complete_paragraph_is_not_joined_across_footnotes() -> None:
    text = (
        "摘要:本文。\n\n关键词:甲\n\n"
        "这一段在脚注之前已经完整地结束了,它的最后一个字符是句号,所以不能和下一段合并。^①\n\n"
        "① 脚注。\n\n下一段开始。\n"
    )
    body = [p.text for p in read_text(text, Path("p.txt")).zh if p.role is Role.BODY]
    assert len(body) == 2


@pytest.mark.parametrize(
    "line, zh, speaker",
    [
        ("肖茜:特朗普政府发布了计划。", "特朗普政府发布了计划。", "肖茜"),
        ("肖 茜：我补充一点。", "我补充一点。", "肖茜"),
        ("Host: Welcome back.", "Welcome back.", "Host"),
    ],
)
def test_speaker_label_removed_and_kept_as_data(line: str, zh: str, speaker: str) -> None:
    other = "甲乙:好。\n\n甲乙:对。\n\n"
    name = speaker
    text = other + f"{line}\n\n{name}:再说一句。\n"
    doc = read_text(text, Path("r.txt"))
    assert doc.kind is DocKind.ROUNDTABLE
    (para,) = [p for p in doc.zh if p.line == 5]
    assert para.text == zh
    labels = [(d.line, d.text) for d in doc.debris if d.kind == "speaker-label"]
    assert (5, speaker) in labels


def test_english_file_is_read_as_english() -> None:
    doc = read_text(
        "摘要:本文。\n\n关键词:甲\n\n正文。\n",
        Path("zh/a.txt"),
        en_text="Abstract: This paper.\n\nKey words: A\n\nBody text\ncontinues.\n",
        en_path=Path("en/a.txt"),
    )
    assert [(p.role, p.text, p.line) for p in doc.en] == [
        (Role.ABSTRACT, "This paper.", 1), (Role.KEYWORDS, "A", 3), (Role.BODY, "Body text continues.", 5)
    ]
    assert doc.en_path == Path("en/a.txt")
    assert {d.kind for d in doc.debris} == {"label", "en:label"}


def test_file_without_han_is_english() -> None:
    doc = read_text("Abstract: A paper.\n\nKey words: a; b\n\nBody text.\n", Path("e.txt"))
    assert doc.zh == []
    assert [(p.lang.value, p.role, p.text) for p in doc.en] == [
        ("en", Role.ABSTRACT, "A paper."), ("en", Role.KEYWORDS, "a; b"), ("en", Role.BODY, "Body text.")
    ]


def test_pdf_footnotes_and_page_number_without_empty_lines() -> None:
    text = (
        "摘要:本文研究翻译。\n\n关键词:翻译;记忆\n\n"
        "翻译记忆软件在九十年代进入了译者的日常工作流程,\n早期的工具只能做整句匹配,而如今的工具已经能够\n"
        "① 一条脚注, 2024.\n② 另一条脚注。\n12\n进行模糊匹配。这是下一句。\n"
    )
    doc = read_text(text, Path("p.txt"))
    (body,) = [p for p in doc.zh if p.role is Role.BODY]
    assert body.text == "翻译记忆软件在九十年代进入了译者的日常工作流程，早期的工具只能做整句匹配，而如今的工具已经能够进行模糊匹配。这是下一句。"
    assert [s.line for s in body.spans] == [5, 6, 10]
    assert doc.debris_counts() == {"footnote": 2, "label": 2, "page-number": 1}


@pytest.mark.parametrize(
    "text, zh_roles, en_roles",
    [
        (  # affiliation without parentheses, superscript author marks, full-width space in 摘　要
            "翻译记忆研究综述\n\n卢云峰¹，吴语菲²\n\n北京大学社会学系，北京 100871\n\n摘　要：本文综述翻译记忆。\n\n"
            "关键词：翻译记忆；综述\n\nLU Yun-feng1, WU Yufei2\n\nAbstract: This paper reviews TM.\n\n"
            "Key Words: translation memory; review\n\n正文开始。\n",
            [("title", "翻译记忆研究综述"), ("authors", "卢云峰¹，吴语菲²"), ("authors", "北京大学社会学系，北京 100871"),
             ("abstract", "本文综述翻译记忆。"), ("keywords", "翻译记忆；综述"), ("body", "正文开始。")],
            [("authors", "LU Yun-feng1, WU Yufei2"), ("abstract", "This paper reviews TM."),
             ("keywords", "translation memory; review")],
        ),
        (  # a title of capitalised words before a name list and an affiliation
            "正文。\n\nDeep Learning For Translation Memory\n\nLU Yun-feng1, WU Yufei2\n\n"
            "(Peking University, Beijing 100871)\n\nAbstract: This paper.\n\nKey Words: a; b\n",
            [("body", "正文。")],
            [("title", "Deep Learning For Translation Memory"), ("authors", "LU Yun-feng1, WU Yufei2"),
             ("authors", "(Peking University, Beijing 100871)"), ("abstract", "This paper."), ("keywords", "a; b")],
        ),
        (  # 【摘要】 / 【关键词】 on their own line, the text below; English prose stays Chinese-side
            "对齐\n\n张三\n\n【摘要】\n\n本文。\n\n【关键词】翻译\n\nSome English words inside the Chinese body.\n",
            [("title", "对齐"), ("authors", "张三"), ("abstract", "本文。"), ("keywords", "翻译"),
             ("body", "Some English words inside the Chinese body.")],
            [],
        ),
        ("一篇没有摘要的文章。\n\nAbstract art is a style.\n", [("body", "一篇没有摘要的文章。"), ("body", "Abstract art is a style.")], []),
    ],
    ids=["affiliation", "capitalised-title", "bracket-labels", "no-abstract"],
)
def test_paper_roles(text: str, zh_roles, en_roles) -> None:
    doc = read_text(text, Path("x.txt"))
    assert [(p.role.value, p.text) for p in doc.zh] == zh_roles
    assert [(p.role.value, p.text) for p in doc.en] == en_roles
