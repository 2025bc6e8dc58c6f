"""Chinese-only personal names take the form the user's English writes (invented examples)."""
from __future__ import annotations

import pytest

from aligner.glossary import extract_terms
from aligner.glossary.en_names import EnglishNames, Sighting
from aligner.model import Lang, Source, TermKind, TermStatus

from .glossary_helpers import doc, para

ZH = "2024年8月,李飞飞等人发文指责该法案。"


def _entry(entries, zh):
    return next(e for e in entries if e.zh == zh)


@pytest.mark.parametrize("written", ["Fei-Fei Li", "Li Fei-Fei", "Feifei Li", "LI Feifei", "Li Feifei"])
def test_english_form_wins_over_pinyin(written: str) -> None:
    d = doc("a", ZH, en=(para(f"In August 2024, {written} and others criticised the bill.", 9, lang=Lang.EN),))
    entry = _entry(extract_terms([d]), "李飞飞")
    assert entry.en == written
    assert entry.evidence == "english-name"
    assert entry.status is TermStatus.ATTESTED
    assert entry.kind is TermKind.PERSON
    assert entry.sources == (Source("a", 1), Source("a", 9))


def test_english_name_from_another_document() -> None:
    zh = doc("a", ZH)
    en = doc("b", "正如Fei-Fei Li所说，这很重要。")
    entry = _entry(extract_terms([zh, en]), "李飞飞")
    assert (entry.en, entry.evidence) == ("Fei-Fei Li", "english-name")


def test_no_english_evidence_falls_back_to_proposed_pinyin() -> None:
    d = doc("a", ZH, en=(para("In August 2024, Fei Li and Feifei Wang criticised the bill.", 9, lang=Lang.EN),))
    entry = _entry(extract_terms([d]), "李飞飞")
    assert (entry.en, entry.evidence, entry.status) == ("Li Feifei", "pinyin", TermStatus.PROPOSED)


def test_english_beats_the_dictionary_form() -> None:
    d = doc("a", "李开复认为这不对。", en=(para("Lee Kai-Fu disagreed, as did Li Kaifu.", 5, lang=Lang.EN),))
    entry = _entry(extract_terms([d]), "李开复")
    assert (entry.en, entry.evidence) == ("Li Kaifu", "english-name")


def test_same_document_wins_then_most_frequent() -> None:
    names = EnglishNames([
        Sighting("Li Fei-Fei", Source("b", 1)),
        Sighting("Li Fei-Fei", Source("b", 2)),
        Sighting("Fei-Fei Li", Source("a", 7)),
    ])
    assert names.find("李飞飞", "a") == Sighting("Fei-Fei Li", Source("a", 7))
    assert names.find("李飞飞", "c") == Sighting("Li Fei-Fei", Source("b", 1))
    assert names.find("王飞飞", "a") is None


def test_build_takes_the_name_from_the_supplied_english(tmp_path) -> None:
    """As a user runs it: corpus/zh/a.txt with its English in corpus/en/a.txt."""
    from click.testing import CliRunner

    from aligner.cli import cli

    (tmp_path / "corpus" / "zh").mkdir(parents=True)
    (tmp_path / "corpus" / "en").mkdir()
    (tmp_path / "corpus" / "zh" / "a.txt").write_text(
        "2024年8月，李飞飞等人发文指责该法案。\n\n王小明认为这不对。\n", encoding="utf-8")
    (tmp_path / "corpus" / "en" / "a.txt").write_text(
        "In August 2024, Fei-Fei Li and others criticised the bill.\n\nWang Ming thinks this is wrong.\n",
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = (tmp_path / "glossary" / "glossary.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1:] == [
        "李飞飞,Fei-Fei Li,person,a,1,attested,1,,a:1,,english-name,no,",
        "王小明,Wang Xiaoming,person,a,3,proposed,1,,a:3,,pinyin,no,",  # "Wang Ming" is not his name
    ]
