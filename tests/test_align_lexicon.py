"""Lexical anchors: dictionary, numbers, names, marks and glossary matching."""
from __future__ import annotations

import pytest

from aligner.align import anchors as anchor_pass
from aligner.align import align
from aligner.align.lexicon import ChineseItems, cedict, chinese_number, english_items, normalise
from aligner.align.pair import GlossaryMatcher
from aligner.model import TermEntry


@pytest.mark.parametrize(
    "word, value",
    [("一九九八年", 1998), ("十二", 12), ("十", 10), ("三百五十", 350), ("两万三千", 23000), ("二〇二四", 2024),
     ("一", 1), ("天", None), ("", None)],
)
def test_chinese_numerals(word, value):
    assert chinese_number(word) == value


def test_cedict_keeps_every_entry_of_a_repeated_headword():
    glosses = cedict()["行"]  # xíng "to walk" and háng "row" are separate entries
    assert {"walk", "row", "profession"} <= glosses


def test_english_items_are_normalised_words_numbers_and_marks():
    assert english_items('The cities\' 1,000 "rivers"?') == {
        "~?": "?", '~"': '"', "city": "cities'", "#1000": "1,000", "river": "rivers",
    }
    assert normalise("Walked") == normalise("walk") == "walk"


def test_chinese_items_give_numbers_names_dictionary_words_and_marks():
    items = ChineseItems().items("林小雨说：“我们一九九八年去了上海。”")
    assert items["#1998"] == "一九九八年"
    assert items["xiaoyu"] == "小雨"
    assert items["shanghai"] == "上海"
    assert items["~:"] == ":" and items['~"'] == '"'


def test_glossary_english_terms_match_whole_words_only():
    matcher = GlossaryMatcher([TermEntry("有效加速主义", "e/acc"), TermEntry("杨立昆", "Yann LeCun")])
    assert matcher.in_english("Yann LeCun said so.") == [("=g:杨立昆\tyann lecun", "Yann LeCun")]
    assert matcher.in_english("Yann LeCunning") == []
    assert matcher.in_chinese("杨立昆认为") == [("=g:杨立昆\tyann lecun", "杨立昆")]


@pytest.mark.parametrize("scorer", ["lexical", "default"])  # length-based and embedding anchor pass
def test_banded_search_gives_the_same_beads_as_the_full_one(monkeypatch, scorer):
    zh = ["第一句话。", "第二句话很长，有两个部分。", "第三句。"] * 12
    en = ["The first sentence.", "The second sentence is long.", "It has two parts.", "The third."] * 12
    full = align(zh, en, scorer=scorer)
    if scorer == "default":
        assert [(b.src, b.tgt) for b in full[:3]] == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    monkeypatch.setattr(anchor_pass, "FULL_CELLS", 0)
    assert align(zh, en, scorer=scorer) == full


def test_the_lexicons_cut_is_jiebas_cut_without_hmm():
    """The re-implemented cut gives jieba's own words, spaces, Latin runs and symbols included."""
    import jieba

    from aligner.align.lexicon import _JIEBA_RUN, _JIEBA_SKIP, ChineseItems

    assert (_JIEBA_RUN.pattern, _JIEBA_SKIP.pattern) == (jieba.re_han_default.pattern, jieba.re_skip_default.pattern)
    items = ChineseItems()
    texts = ["中国人民银行发布了2024年第3季度的报告。", "他用C++和Python 3.12写了一个叫abc_d的工具，速度提高了12.5%！",
             "a b c 中文x y\r\n第二行\t制表符  两个空格", "（注：见第IV章）", "", "   ", "长江大桥上车辆川流不息，行人稀少"]
    for text in texts:
        assert items._cut(text) == jieba.lcut(text, HMM=False), text
