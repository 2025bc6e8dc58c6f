"""Bracket glosses on unseen pages: compound terms kept whole, alternatives, asides.

Every sentence here is our own. Each test names the mechanism it checks (aligner/glossary/
coverage.py, inner.py, paren_pairs.py) and fails if that mechanism is removed.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aligner.glossary.coverage import extend_left, missing_parts, spells_acronym, without_context_word
from aligner.glossary.inner import is_abbreviation, is_sentence, parse_english_inner
from aligner.glossary.paren_pairs import paren_candidates
from aligner.model import Lang, Paragraph, Source, TermEntry, TermStatus

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import glossary_eval  # noqa: E402


def pairs(text: str) -> list[tuple[str, str, tuple[str, ...], TermStatus]]:
    found = paren_candidates("d", Paragraph(text, Lang.ZH), lambda s: text.count(s))
    return [(c.zh, c.en, c.variants, c.status) for c in found]


# -- the left edge: the English says which words the span still lacks ------------------------


@pytest.mark.parametrize("text, term", [
    ("模型在新数据上表现很差，我们称之为欠拟合（underfitting）。", "欠拟合"),      # front "under"
    ("调参时要先确定超参数（hyperparameter）的范围。", "超参数"),               # front "hyper"
    ("数据先进行预训练（pretraining），再微调。", "预训练"),                   # front "pre"
    ("它们满足彼此独立同方差（independent and equal variance）的假设。", "独立同方差"),  # bridge 同
    ("系统提供基于角色的访问控制（role-based access control，RBAC）。", "基于角色的访问控制"),
])
def test_compound_terms_are_not_cut_short(text: str, term: str) -> None:
    assert [p[0] for p in pairs(text)] == [term]


def test_an_unglossed_step_is_only_proposed() -> None:
    """欠 has no gloss for *under*: taken because the English needs a front, but a guess."""
    (zh, _en, _variants, status), = pairs("模型在新数据上表现很差，我们称之为欠拟合（underfitting）。")
    assert zh == "欠拟合" and status == TermStatus.PROPOSED


@pytest.mark.parametrize("text, term", [
    ("这一步进行共享内存（shared memory）的分配。", "共享内存"),  # fully explained: nothing taken
    ("值得一提的是张量核（tensor core）。", "张量核"),            # the head lacks a gloss: no evidence
    ("我们现在讨论张量核（tensor core）。", "张量核"),
])
def test_explained_or_unknown_heads_are_not_extended(text: str, term: str) -> None:
    assert [p[0] for p in pairs(text)] == [term]


def test_missing_parts_name_compound_fronts_and_modifiers() -> None:
    assert [m.text for m in missing_parts(["拟合"], "underfitting")] == ["under"]
    assert [(m.text, m.modifier) for m in missing_parts(["分布"], "independent and identical distribution")] == [
        ("independent", True), ("identical", True)]
    assert missing_parts(["共享", "内存"], "shared memory") == []


def test_extension_stays_inside_the_clause() -> None:
    prefix = "他们说，拟合"
    assert extend_left(prefix, "拟合", 4, "overfitting", lambda s: 1).term == "拟合"


# -- what stands in the bracket --------------------------------------------------------------


def test_alternatives_are_synonyms_not_one_term() -> None:
    assert pairs("每条记录由若干字段（field, column）组成。") == [("字段", "field", ("column",), TermStatus.ATTESTED)]
    parsed = parse_english_inner("bias，或offset")
    assert parsed is not None and (parsed.en, parsed.aliases) == ("bias", ("offset",))


def test_a_phrase_with_commas_is_not_split_into_synonyms() -> None:
    parsed = parse_english_inner("write once, run anywhere")
    assert parsed is not None and parsed.en == "write once, run anywhere" and parsed.aliases == ()


def test_a_chinese_alternative_with_its_own_bracket_is_read_on_its_own() -> None:
    found = pairs("评价指标通常称为准确率（accuracy，或称为正确率（correct rate））。")
    assert [(z, e) for z, e, _, _ in found] == [("准确率", "accuracy"), ("正确率", "correct rate")]


def test_nested_and_dotted_abbreviations_are_variants() -> None:
    assert pairs("平台支持单点登录（Single Sign-On (SSO)）。") == [
        ("单点登录", "Single Sign-On", ("SSO",), TermStatus.ATTESTED)]  # and (SSO) is not read again
    parsed = parse_english_inner("for example, e.g.")
    assert parsed is not None and parsed.abbreviations == ("e.g.",)
    assert is_abbreviation("i.i.d.") and not is_abbreviation("etc")


@pytest.mark.parametrize("inner, sentence", [
    ("“More haste, less speed.”", True),
    ("Practice makes perfect!", True),
    ("“Hello, world”", True),
    ("Apple Inc.", False),
    ("independent and identically distributed, i.i.d.", False),
    ("“Attention”", False),
])
def test_quoted_lines_and_sentences_are_not_glosses(inner: str, sentence: bool) -> None:
    assert is_sentence(inner) is sentence


def test_a_proverb_in_brackets_gives_no_entry() -> None:
    assert pairs("一句老话说：“欲速则不达。”（“More haste, less speed.”）") == []


def test_a_chinese_full_name_and_abbreviation_inside_the_bracket() -> None:
    assert [(z, e) for z, e, _, _ in pairs("节点之间用远程调用（远程过程调用，RPC）通信。")] == [("远程过程调用", "RPC")]


def test_an_acronym_explained_with_de_and_jiyu() -> None:
    assert spells_acronym("基于角色的访问控制", "RBAC")
    assert not spells_acronym("我们的团队", "ABC")
    assert [(z, e) for z, e, _, _ in pairs("RBAC（基于角色的访问控制）是常见的授权模型。")] == [("基于角色的访问控制", "RBAC")]
    assert pairs("这里的ABC（我们的团队）负责维护。") == []


def test_a_last_english_word_the_sentence_explains_is_dropped() -> None:
    prefix = "我们把这个问题叫做旅行商"
    assert without_context_word("travelling salesman problem", "旅行商", prefix, len(prefix) - 3) == "travelling salesman"
    # no 问题 in the sentence: the word stays
    prefix = "我们研究了旅行商"
    assert without_context_word("travelling salesman problem", "旅行商", prefix, len(prefix) - 3) == (
        "travelling salesman problem")


# -- the page eval: Latin kept as-is is scored apart from bracket pairs ----------------------


def test_page_eval_keeps_latin_as_is_out_of_the_bracket_score() -> None:
    src = (Source("p", 1),)
    entries = [TermEntry("字段", "field", sources=src, evidence="paren"),
               TermEntry("Public Benefit Corporation", "Public Benefit Corporation", sources=src, evidence="paren",
                         keep_as_is=True),
               TermEntry("Kubernetes", "Kubernetes", sources=src, evidence="latin", keep_as_is=True)]
    gold = {"p": [glossary_eval.PageGold("字段", "field", "p", "paren_zh_en")]}
    scores, covered = glossary_eval.page_scores(entries, gold)
    assert covered == {"brackets"}
    judged = scores["precision:judged"]
    assert (judged.tp, judged.fp) == (1, 0)
    assert scores["precision:Latin as-is"].fp == 2 and scores["precision:all"].fp == 2


# -- a macro's displayed argument is a cross-reference, not a name ---------------------------


def test_a_form_only_shown_by_a_macro_is_not_kept_as_a_name(tmp_path: Path) -> None:
    from aligner.documents import read_corpus
    from aligner.glossary import extract

    for lang, text in (("zh", "调用 {{apiref(\"Selection\")}} 接口，再用 Vulkan 渲染。Vulkan 很快。\n"),
                       ("en", "Call the {{apiref(\"Selection\")}} interface, then render with Vulkan. Vulkan is fast.\n")):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "page.md").write_text(text, encoding="utf-8")
    forms = {e.zh for e in extract(read_corpus(tmp_path / "zh", tmp_path / "en")).entries}
    assert "Vulkan" in forms and "Selection" not in forms
