"""Extraction by evidence type, on documents built in code, and a golden fixture."""
from __future__ import annotations

import json
import os

import pytest

from aligner.documents import read_document
from aligner.glossary import extract, extract_terms
from aligner.model import Debris, Lang, Role, Source, TermKind, TermStatus
from tests.glossary_helpers import DATA, FIXTURE, doc, entry_dict, para


def test_keywords_pair_by_position_and_authors_by_pinyin() -> None:
    paper = doc(
        "paper",
        zh=(para("王小明，欧阳娜娜", 3, Role.AUTHORS), para("开源模型；技术扩散；Llama", 7, Role.KEYWORDS)),
        en=(para("Wang Xiaoming, Nana Ouyang", 15, Role.AUTHORS, Lang.EN),
            para("Open-Source Models; Technology Diffusion; Llama", 19, Role.KEYWORDS, Lang.EN)),
    )
    entries = {(e.zh, e.en): e for e in extract_terms([paper])}
    assert entries["开源模型", "Open-Source Models"].sources == (Source("paper", 7), Source("paper", 19))
    assert entries["开源模型", "Open-Source Models"].evidence == "keywords"
    assert entries["技术扩散", "Technology Diffusion"].evidence == "keywords"
    assert entries["Llama", "Llama"].keep_as_is
    author = entries["欧阳娜娜", "Nana Ouyang"]
    assert (author.kind, author.status, author.evidence) == (TermKind.PERSON, TermStatus.ATTESTED, "authors")


def test_front_matter_names_used_in_the_body() -> None:
    notes = doc("notes", "Tamay Besiroglu认为这不准确。黄仁勋对此有不同看法。Epoch AI发布了报告。",
                front_matter={"people": ["Tamay Besiroglu", "Jensen Huang", "Joseph Henrich"],
                              "companies_orgs": ["Epoch AI"]})
    result = extract([notes])
    entries = {(e.zh, e.en): e for e in result.entries}
    assert entries["Tamay Besiroglu", "Tamay Besiroglu"].kind is TermKind.PERSON
    assert entries["Tamay Besiroglu", "Tamay Besiroglu"].evidence == "front-matter"
    assert entries["Epoch AI", "Epoch AI"].kind is TermKind.ORG
    assert entries["黄仁勋", "Jensen Huang"].sources == (Source("notes", 1),)
    assert result.unused_front_matter == 1  # Joseph Henrich: listed, never used


def test_latin_terms_kept_as_is() -> None:
    entries = extract_terms([doc("d", "随着 DeepSeek、ChatGPT 等大模型的发展，MIRI 创始者也表态了。"
                                 "OpenAI 推出 DeepSeek - R1 的竞品，详见 https://example.com/GPT-9 。")])
    found = {e.zh for e in entries if e.keep_as_is}
    assert found == {"DeepSeek", "ChatGPT", "MIRI", "OpenAI", "DeepSeek-R1"}
    assert all(e.evidence == "latin" and e.zh == e.en for e in entries)


def test_speaker_labels_and_guest_lines_get_proposed_pinyin() -> None:
    roundtable = doc(
        "rt",
        zh=(para("肖 茜  清华大学人工智能国际治理研究院副院长", 27), para("我们看到竞争加剧。", 47)),
    )
    roundtable.debris.append(Debris("speaker-label", 47, "肖茜"))
    roundtable.debris.append(Debris("speaker-label", 59, "李峥"))
    entries = {e.zh: e for e in extract_terms([roundtable])}
    assert entries["肖茜"].en == "Xiao Qian"
    assert entries["肖茜"].sources == (Source("rt", 27), Source("rt", 47))
    assert (entries["李峥"].en, entries["李峥"].status) == ("Li Zheng", TermStatus.PROPOSED)


def test_well_known_person_gets_the_established_english_name() -> None:
    entries = {e.zh: e for e in extract_terms([doc("d", "类似地，李开复在接受采访时指出，发展仍然不够快。")])}
    assert entries["李开复"].en == "Kai-Fu Lee"
    assert entries["李开复"].status is TermStatus.PROPOSED


def test_transliterated_names_get_no_pinyin() -> None:
    entries = extract_terms([doc("d", "马斯克认为这不够快。特朗普表示反对。")])
    assert [e for e in entries if e.evidence == "pinyin"] == []


def test_attested_pair_wins_over_a_pinyin_proposal() -> None:
    paper = doc("p", zh=(para("卢云峰", 3, Role.AUTHORS), para("卢云峰指出，这一趋势仍在继续。", 5)),
                en=(para("Lu Yunfeng", 9, Role.AUTHORS, Lang.EN),))
    (entry,) = [e for e in extract_terms([paper]) if e.zh == "卢云峰"]
    assert (entry.en, entry.status) == ("Lu Yunfeng", TermStatus.ATTESTED)


def test_entries_are_sorted_and_sources_complete() -> None:
    docs = [doc("b", "杨立昆(Yann LeCun)认为概率很低。", "杨立昆(Yann LeCun)再次表态。"), doc("a", "杨立昆(Yann LeCun)估计。")]
    (entry,) = [e for e in extract_terms(docs) if e.zh == "杨立昆"]
    assert entry.sources == (Source("a", 1), Source("b", 1), Source("b", 3))
    assert entry.count == 3
    entries = extract_terms(docs)
    assert entries == sorted(entries, key=lambda e: (e.zh, e.en, e.kind.value))


GOLDEN = DATA / "fixture_glossary.json"


def fixture_extraction() -> dict:
    docs = [read_document(path) for path in sorted(FIXTURE.iterdir())]
    result = extract(docs)
    from aligner.glossary import find_conflicts

    return {
        "entries": [entry_dict(e) for e in result.entries],
        "conflicts": [c.describe() for c in find_conflicts(result.entries)],
        "unused_front_matter": result.unused_front_matter,
    }


def test_golden_fixture_glossary() -> None:
    """Regenerate with: UPDATE_GOLDEN=1 pytest tests/test_glossary_extract.py"""
    actual = fixture_extraction()
    text = json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("zh, en", [
    ("萨蒂亚·纳德拉", "Satya Nadella"), ("约书亚·本吉奥", "Yoshua Bengio"), ("图灵奖", "Turing Award"),
    ("脸书", "Facebook"), ("台湾积体电路制造股份有限公司", "Taiwan Semiconductor Manufacturing Company"),
    ("欧阳明", "Ouyang Ming"), ("曾嘉安", "Zeng Jia'an"), ("张伟明", "Zhang Weiming"),
])
def test_fixture_has_the_hard_pairs(zh: str, en: str) -> None:
    assert (zh, en) in {(e["zh"], e["en"]) for e in fixture_extraction()["entries"]}


def test_fixture_has_no_asides() -> None:
    zh_forms = {e["zh"] for e in fixture_extraction()["entries"]}
    assert not zh_forms & {"纳德拉", "Anthropic 的旗舰模型", "相关报告", "附录"}
