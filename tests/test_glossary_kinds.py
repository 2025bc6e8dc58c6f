"""The kind each zh/en pair gets from general cues (invented examples, none from the corpus)."""
from __future__ import annotations

import pytest

from aligner.glossary.kinds import classify, kind_from_context, names_from_full_names
from aligner.model import TermEntry
from aligner.model import TermKind as K

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
]


@pytest.mark.parametrize(("zh", "en", "keep", "kind"), CASES, ids=[c[1] for c in CASES])
def test_classify(zh: str, en: str, keep: bool, kind: K) -> None:
    assert classify(zh, en, keep_as_is=keep) is kind


@pytest.mark.parametrize(("after", "kind"), [
    ("公司的股价", K.ORG),
    (" 模型发布", K.PRODUCT),
    ("认为这不可能", K.PERSON),
    ("和其他", None),
])
def test_kind_from_context(after: str, kind: K | None) -> None:
    assert kind_from_context(after) is kind


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
