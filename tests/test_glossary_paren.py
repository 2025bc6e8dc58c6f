"""Bracket evidence: which brackets are translations, and how each form is read."""
from __future__ import annotations

import pytest

from aligner.glossary import extract_terms
from aligner.glossary.inner import is_abbreviation, not_a_term, parse_alias_inner, parse_english_inner
from aligner.glossary.parens import paren_groups
from tests.glossary_helpers import doc, pairs


def one_doc(text: str) -> set[tuple[str, str]]:
    return pairs(extract_terms([doc("d", text)]))


@pytest.mark.parametrize("text, expected", [
    ("有效加速主义(Effective Accelerationism, e/acc)是一种思潮。", ("有效加速主义", "Effective Accelerationism")),
    ("一篇名为“有效加速主义(e/acc, effective accelerationism)”的文章", ("有效加速主义", "effective accelerationism")),
    ("杨立昆（Yann LeCun）估计该概率很低。", ("杨立昆", "Yann LeCun")),
    ("莫拉维克悖论（Moravec's Paradox: 对人类容易的任务对机器很难）", ("莫拉维克悖论", "Moravec's Paradox")),
    ("甚至TSMC（Taiwan Semiconductor Manufacturing Company: 台湾积体电路制造股份有限公司）的产能",
     ("台湾积体电路制造股份有限公司", "Taiwan Semiconductor Manufacturing Company")),
    ("一个H100（Nvidia H100: 英伟达推出的一款GPU）", ("H100", "Nvidia H100")),
    ("喊出“Build, Baby, Build!”(建吧，宝贝，建吧！)口号", ("建吧，宝贝，建吧！", "Build, Baby, Build!")),
    ("在推特(X,原名 Twitter)平台上", ("推特", "X")),
    ("例如（如挑战者号航天飞机（Challenger Space Shuttle: 美国的航天飞机））", ("挑战者号航天飞机", "Challenger Space Shuttle")),
    ("梭哈(all in)是一种智慧", ("梭哈", "all in")),
])
def test_translation_forms(text: str, expected: tuple[str, str]) -> None:
    assert expected in one_doc(text)


@pytest.mark.parametrize("text", [
    "Claude(Anthropic 的旗舰模型)仍然闭源。",  # explanatory aside
    "相关报告(2024)已经发表。",  # year
    "这种技巧之所以有效，是因为：(a) 它将场景缩小到两个；(b) 它迫使听众选择。",  # list markers
    "见网页(https://example.com/page)。",  # URL
    "参见前文(Smith et al., 2020)。",  # citation
    "贵州民族大学学报(哲学社会科学版)",  # edition mark
    "数据中心(主要是模型训练和模型推理)的耗电快速增长。",  # Chinese aside
    "某个强大的AI（因软件奇点而强大）会出现。",  # English word, then a Chinese aside
])
def test_non_translations_are_not_terms(text: str) -> None:
    entries = extract_terms([doc("d", text)])
    assert [e for e in entries if e.evidence == "paren"] == []


def test_definition_and_abbreviation_are_kept() -> None:
    (entry,) = [e for e in extract_terms([doc("d", "强化学习（RL: Reinforcement Learning: 机器学习的一种范式）很重要。")])
                if e.evidence == "paren"]
    assert (entry.zh, entry.en, entry.definition, entry.variants) == (
        "强化学习", "Reinforcement Learning", "机器学习的一种范式", ("RL",))


def test_nested_and_mixed_width_brackets() -> None:
    text = "外（内(inner)）与（不如自己的)"
    groups = [(g.start, g.inner) for g in paren_groups(text, nested=True)]
    assert groups == [(1, "内(inner)"), (3, "inner"), (12, "不如自己的")]
    assert [g.inner for g in paren_groups(text)] == ["内(inner)", "不如自己的"]


@pytest.mark.parametrize("text, expected", [
    ("AGI", True), ("e/acc", True), ("R&D", True), ("UAE", True), ("Agency", False), ("GPT", True), ("a", False),
])
def test_abbreviation_shape(text: str, expected: bool) -> None:
    assert is_abbreviation(text) is expected


def test_inner_parses() -> None:
    parsed = parse_english_inner("UAE: United Arab Emirates: 阿拉伯联合酋长国")
    assert parsed is not None
    assert (parsed.en, parsed.abbreviations, parsed.rest) == ("United Arab Emirates", ("UAE",), "阿拉伯联合酋长国")
    alias = parse_alias_inner("X,原名 Twitter")
    assert alias is not None and (alias.en, alias.aliases) == ("X", ("Twitter",))
    assert not_a_term("2023") and not_a_term("a") and not_a_term("ii") and not not_a_term("Turing")


def test_latin_term_with_its_abbreviation_and_a_latin_term_explained_by_a_bracket() -> None:
    entries = {e.zh: e for e in extract_terms([doc("d", "计划转为Public Benefit Corporation（PBC），再到后来。",
                                                   "一个H100（Nvidia H100: 英伟达的GPU）。", "H100很贵。")])}
    pbc = entries["Public Benefit Corporation"]
    assert (pbc.en, pbc.variants, pbc.keep_as_is) == ("Public Benefit Corporation", ("PBC",), True)
    h100 = entries["H100"]  # the bracket's pair and the later use as-is are one entry
    assert (h100.en, h100.count, h100.definition) == ("Nvidia H100", 2, "英伟达的GPU")
    assert [str(s) for s in h100.sources] == ["d:3", "d:5"]
