"""Where the Chinese term before a bracket begins: a table of (text before, English, term).

The sentences are written for these tests (not taken from the bundled corpus) so that the
table checks the general cues, not a memory of one document.
"""
from __future__ import annotations

import pytest

from aligner.glossary.boundary import find_boundary, is_person_name


def no_agreement(_: str) -> int:
    return 1


BOUNDARIES = [
    # the examples
    ("图灵奖", "Turing Award", "图灵奖"),
    ("和杨立昆同时获得图灵奖的杰弗里·辛顿", "Geoffrey Hinton", "杰弗里·辛顿"),
    ("OpenAI 首席执行官萨姆·奥尔特曼", "Sam Altman", "萨姆·奥尔特曼"),
    ("例如，2021年，前脸书", "Facebook", "脸书"),
    # transliterated names: a dot, or a phonetic run without one
    ("据报道，微软首席执行官萨蒂亚·纳德拉", "Satya Nadella", "萨蒂亚·纳德拉"),
    ("他援引了德国社会学家马克斯·韦伯", "Max Weber", "马克斯·韦伯"),
    ("该法案最终被州长纽森", "Newsom", "纽森"),
    ("美国总统特朗普", "Donald Trump", "特朗普"),
    # a foreigner's Chinese name: surname + given name
    ("斯坦福大学教授吴恩达", "Andrew Ng", "吴恩达"),
    ("Y Combinator 总裁陈嘉兴", "Garry Tan", "陈嘉兴"),
    # concepts: dictionary glosses, grammar words, the English length
    ("研究者开始讨论末日概率", "probability of doom", "末日概率"),
    ("这被认为是一种机器意识", "machine consciousness", "机器意识"),
    ("他们反对所谓的超级对齐", "super alignment", "超级对齐"),
    ("当前模型已经具备代理性", "Agency", "代理性"),
    ("问题在于中央计划", "Central Planning", "中央计划"),
    ("英国的废奴主义者", "Abolitionists", "废奴主义者"),
    ("这就是鲍莫尔成本病", "Baumol's Cost Disease", "鲍莫尔成本病"),
    ("例如挑战者号航天飞机", "Challenger Space Shuttle", "挑战者号航天飞机"),
    ("当前的语言模型", "LLM", "语言模型"),
    # an attributive-only word opening the phrase belongs to it when the English renders the whole
    ("该基金会定位为非营利性社会组织", "social enterprise", "非营利性社会组织"),
    ("他们建设了大型服务器集群", "server cluster", "服务器集群"),  # a descriptive size word stays out
    ("他们计划建设新的服务器集群", "server cluster", "服务器集群"),
    ("提到了Conquest定律", "Conquest's Law", "Conquest定律"),
    # quotes delimit the term
    ("被称为“觉醒意识形态", "woke ideology", "觉醒意识形态"),
    ("他设想了“超推理规模的超级黄仁勋”", "Hyper Inference Scale Mega-Jensen", "超推理规模的超级黄仁勋"),
]


@pytest.mark.parametrize("prefix, english, expected", BOUNDARIES)
def test_left_boundary(prefix: str, english: str, expected: str) -> None:
    boundary = find_boundary(prefix, english, no_agreement)
    assert boundary is not None
    assert boundary.term == expected
    assert prefix[boundary.start : boundary.start + len(expected)] == expected


def test_agreement_extends_to_a_form_used_elsewhere() -> None:
    counts = {"有效加速主义百科": 2, "加速主义百科": 2, "有效加速主义": 9, "加速主义": 9}
    boundary = find_boundary("维尔东等人共同编写的有效加速主义百科", "e/acc wiki", lambda s: counts.get(s, 1))
    assert boundary is not None and boundary.term == "有效加速主义百科"


def test_no_chinese_before_the_bracket_gives_no_term() -> None:
    assert find_boundary("Journal of Guizhou Minzu University", "Philosophy", no_agreement) is None
    assert find_boundary("。", "Turing", no_agreement) is None


@pytest.mark.parametrize("english, expected", [
    ("Geoffrey Hinton", True), ("Vincent C. Müller", True), ("John von Neumann", True),
    ("Lawrence Manning", True), ("Turing Award", False), ("Effective Accelerationism", False),
    ("GPT-4", False), ("Turing", False),
])
def test_person_name_shape(english: str, expected: bool) -> None:
    assert is_person_name(english) is expected
