"""The kind each zh/en pair gets from general cues (invented examples, none from the corpus)."""
from __future__ import annotations

import pytest

from aligner.glossary import extract_terms
from aligner.glossary.kinds import (
    classify,
    definition_kind,
    english_context_kinds,
    kind_from_context,
    names_from_full_names,
)
from aligner.model import Lang, TermEntry
from aligner.model import TermKind as K

from .glossary_helpers import doc, para

CASES = [
    # English-side cues
    ("彭罗斯球", "Penrose Sphere", False, K.CONCEPT),        # Sphere, though the zh is transliterated
    ("卡尔文定律", "Calvin's Law", False, K.CONCEPT),
    ("费米悖论", "Fermi Paradox", False, K.CONCEPT),
    ("旁观者效应", "Bystander Effect", False, K.CONCEPT),
    ("北岭研究院", "Northridge Institute", False, K.ORG),
    ("蓝鲸公司", "Blue Whale Inc.", False, K.ORG),
    ("灰湾大学", "Grey Bay University", False, K.ORG),
    ("语言模型", "LLM", False, K.ABBREVIATION),
    ("NTSB", "NTSB", True, K.ABBREVIATION),
    # Chinese suffix cues
    ("云雀集团", "Skylark", False, K.ORG),
    ("开放数据宣言", "Open Data Statement", False, K.WORK),
    ("《星尘》", "Stardust", False, K.WORK),
    ("算力法案", "Compute Fairness Act", False, K.WORK),
    ("功利主义", "Utilitarianism", False, K.CONCEPT),
    ("霍尔效应", "Hall Effect", False, K.CONCEPT),
    ("翡翠岛", "Emerald Isle", False, K.PLACE),
    ("金门湾", "Golden Gate Bay", False, K.PLACE),
    ("费曼奖", "Feynman Prize", False, K.OTHER),
    ("开吧，伙计，开吧！", "Drive, Buddy, Drive!", False, K.OTHER),   # a slogan, not a term
    # AI kept Latin in a company name, translated in a concept
    ("Rover AI", "Rover AI", True, K.ORG),
    ("开放人工智能", "Open AI", False, K.CONCEPT),
    # Personal names: transliterated, or a surname whose reading agrees with the English
    ("玛丽·居里", "Marie Curie", False, K.PERSON),
    ("卡森", "Carson", False, K.PERSON),
    ("张伟明", "Weiming Zhang", False, K.PERSON),
    ("林美玲", "Lam Mei-ling", False, K.PERSON),           # Cantonese spelling, pinyin initial agrees
    ("吴恩达", "Andrew Ng", False, K.PERSON),             # Ng: jieba knows the name
    ("全栈", "Full Stack", False, K.CONCEPT),             # starts with a surname character, not a name
    ("高速缓存", "High Cache", False, K.CONCEPT),
    # CC-CEDICT gloss hints
    ("图灵", "Turing", False, K.PERSON),                  # "Alan Turing (1912-1954)"
    ("微软", "Microsoft", False, K.ORG),                  # "Microsoft Corporation"
    # Latin forms kept as-is
    ("Model Hub", "Model Hub", True, K.PRODUCT),
    ("Orbit", "Orbit", True, K.PRODUCT),
    ("Nova-7", "Nova-7", True, K.PRODUCT),
    ("Grace Hopper", "Grace Hopper", True, K.PERSON),
    ("Nimbus Labs", "Nimbus Labs", True, K.ORG),
    ("tokenizer", "tokenizer", True, K.CONCEPT),
    # A Chinese organisation word with a lowercase English: a type of body, not a named one
    ("非营利性社会组织", "social enterprise", False, K.CONCEPT),
    ("灰湾组织", "Greybay Organisation", False, K.ORG),
]


@pytest.mark.parametrize(("zh", "en", "keep", "kind"), CASES, ids=[c[1] for c in CASES])
def test_classify(zh: str, en: str, keep: bool, kind: K) -> None:
    assert classify(zh, en, keep_as_is=keep) is kind


@pytest.mark.parametrize(("after", "kind"), [
    ("公司的股价", K.ORG),
    (" 模型发布", K.PRODUCT),
    ("认为这不可能", K.PERSON),
    ("和其他", None),
    (" CEO,资产", K.ORG),                       # Zephyr CEO
    (" 创始者埃利泽", K.ORG),
    ("一位合伙人透露", K.ORG),
    ("🤗 这样的公司——", K.ORG),                  # emoji between the name and the cue
    ("** 这样的公司已经", K.ORG),                 # Markdown bold closing first
    ("工程师也参与了", K.ORG),                   # 工程师 is not 工程 (a project)
    ("计划,拟四年内", K.OTHER),                  # a programme
    (" 法案,规定", K.WORK),
    (" 论文的影响", None),                       # a paper BY X: says nothing about X
    ("架构旨在", K.CONCEPT),
    ("，软件效率将提高", None),                   # after a comma the next clause begins
    ("(Lumen 在该交易中的合作伙伴)的帖子", K.ORG),  # an aside that says what X is
    ("(一座港口城市)", K.PLACE),
    ("推出的Quill助手", K.ORG),                  # the maker of what follows
    ("官方数据显示", K.ORG),
    ("研发的情况", None),                        # X being developed, not X developing
])
def test_kind_from_context(after: str, kind: K | None) -> None:
    assert kind_from_context(after) is kind


@pytest.mark.parametrize(("before", "after", "kind"), [
    ("他在", "做研究时", K.ORG),                 # 在 X 做研究: a place of work
    ("文章在 ", " 发布后", K.ORG),               # 在 X 发布: a platform
    ("她加入", "后", K.ORG),
    ("人脸识别中，微软、", "和其他系统", K.ORG),    # listed next to a company CC-CEDICT knows
    ("他在", "说", K.PERSON),
    ("水果如苹果、", "和梨", None),               # the sibling is no company
])
def test_kind_from_context_before(before: str, after: str, kind: K | None) -> None:
    assert kind_from_context(after, before) is kind


def test_maker_of_a_product_named_after_it() -> None:
    assert kind_from_context(" 的Quillset-7k或其他", term="Quillset") is K.ORG
    assert kind_from_context(" 的 Quillset2 数据集", term="Quillset") is K.ORG
    assert kind_from_context(" 的Quill-Reasoning-V2", term="Quill-Align") is K.ORG  # shares the maker's word
    assert kind_from_context(" 的Orbit-7k或其他", term="Quillset") is None   # someone else's product
    assert kind_from_context(" 的Quillset，而", term="Quillset") is None     # the same name again


@pytest.mark.parametrize(("definition", "kind"), [
    ("古代两河流域的一座城市，被认为是最早的城市之一", K.PLACE),
    ("美国科技巨头，以消费电子产品闻名", K.ORG),
    ("英伟达推出的一款高性能GPU，专为AI设计", K.PRODUCT),
    ("古希腊斯巴达国王", K.PERSON),
    ("一种基于贝叶斯定理的概率推理方法", K.CONCEPT),
    ("指在所有方面都远超人类智能的AI系统", None),   # 指…: what a concept refers to
    ("主张废除奴隶制的人", None),                    # 人 is too general to say anything
    ("", None),
])
def test_definition_kind(definition: str, kind: K | None) -> None:
    assert definition_kind(definition) is kind


def test_english_context_kinds() -> None:
    found = english_context_kinds([
        "She joined Quillset in 2020, and researchers at NRI agreed. Then Lumen's engineers said so.",
        "Harbor Nine, a startup based in Oslo, was founded by two students.",
    ])
    assert {k for k, v in found.items() if v is K.ORG} >= {"Quillset", "NRI", "Lumen", "Harbor Nine"}
    assert "Oslo" not in found


def test_english_context_decides_a_latin_term() -> None:
    d = doc("a", "我们比较了Quillset和Orbit两者的做法。",
            en=(para("We compared the approaches of researchers at Quillset and of Orbit.", 9, lang=Lang.EN),))
    kinds = {e.en: e.kind for e in extract_terms([d])}
    assert kinds["Quillset"] is K.ORG
    assert kinds["Orbit"] is K.PRODUCT      # no English cue: the shape rule's guess


def _latin(en: str, kind: K, evidence: str = "latin") -> TermEntry:
    return TermEntry(en, en, kind=kind, evidence=evidence, keep_as_is=True)


def test_lone_name_becomes_person_when_a_full_name_has_it() -> None:
    entries = [
        _latin("Marta Kowalczyk", K.PERSON),
        _latin("Kowalczyk", classify("Kowalczyk", "Kowalczyk", keep_as_is=True)),
        _latin("Marta", classify("Marta", "Marta", keep_as_is=True)),
        _latin("Lumen", K.PRODUCT, evidence="front-matter"),   # front matter decided: left alone
        _latin("Orbit", classify("Orbit", "Orbit", keep_as_is=True)),  # in no full name
    ]
    assert [e.kind for e in names_from_full_names(entries)] == [K.PERSON, K.PERSON, K.PERSON, K.PRODUCT, K.PRODUCT]


def test_name_shaped_run_holding_a_product_is_a_product() -> None:
    entries = [
        _latin("Lumen", K.PRODUCT, evidence="front-matter"),
        _latin("Lumen Draws Maps", K.PERSON),
        _latin("Maps", classify("Maps", "Maps", keep_as_is=True)),  # no name source: stays as guessed
    ]
    assert [e.kind for e in names_from_full_names(entries)] == [K.PRODUCT, K.PRODUCT, K.PRODUCT]
