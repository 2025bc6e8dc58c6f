"""Personal names learned from aligned pairs: the Chinese run whose pinyin the English writes."""
from __future__ import annotations

import random
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from aligner.cli import cli
from aligner.glossary.pair_names import EVIDENCE, names_from_pairs, names_in_pair
from aligner.model import Source, TermEntry, TermKind, TermStatus, TranslationUnit


def test_a_romanised_name_in_either_order_and_with_a_possessive() -> None:
    assert names_in_pair("王小明昨天去了上海。", "Wang Xiaoming went to Shanghai yesterday.") == [("王小明", "Wang Xiaoming")]
    assert names_in_pair("王小明昨天去了上海。", "Xiaoming Wang went to Shanghai.") == [("王小明", "Xiaoming Wang")]
    assert names_in_pair("这是王小明的车。", "This is Wang Xiaoming's car.") == [("王小明", "Wang Xiaoming")]


def test_the_pinyin_apostrophe_is_part_of_the_name() -> None:
    assert names_in_pair("刘嘉安笑了。", "Liu Jia'an laughed.") == [("刘嘉安", "Liu Jia'an")]


def test_the_longest_name_wins_and_a_name_without_a_surname_is_not_taken() -> None:
    assert names_in_pair("欧阳娜娜来了。", "Ouyang Nana came.") == [("欧阳娜娜", "Ouyang Nana")]
    # 清扬 does not start with a surname: "Qing Yang" is not read as a name here
    assert names_in_pair("清扬来了。", "Qing Yang came.") == []


def test_a_name_translated_by_meaning_is_not_guessed() -> None:
    assert names_in_pair("小宝笑了。", "Trinket laughed.") == []


def _unit(zh: str, en: str, line: int, score: float = 0.95) -> TranslationUnit:
    return TranslationUnit(zh, en, score=score, doc="d", src_line=line, tgt_line=line)


UNITS = [
    _unit("王小明昨天去了上海。", "Wang Xiaoming went to Shanghai yesterday.", 1),
    _unit("王小明很高兴。", "Xiaoming Wang was happy.", 2),
    _unit("王小明回家了。", "Wang Xiaoming went home.", 3),
    _unit("李娜也来了。", "Li Na came too.", 4, score=0.5),  # below the threshold: not read
    _unit("张伟说话了。", "Zhang Wei spoke.", 5),
]


def test_entries_are_attested_persons_with_the_commoner_form_and_the_other_as_variant() -> None:
    known = [TermEntry("张伟", "Zhang Wei", TermKind.PERSON, (Source("d", 9),))]
    result = names_from_pairs(known, UNITS)
    assert result.entries == [TermEntry(
        zh="王小明", en="Wang Xiaoming", kind=TermKind.PERSON,
        sources=(Source("d", 1), Source("d", 2), Source("d", 3)), status=TermStatus.ATTESTED,
        variants=("Xiaoming Wang",), evidence=EVIDENCE,
    )]
    assert (result.pairs, result.sightings) == (4, 3)
    assert result.summary() == "1 personal name learned from 4 aligned pairs (confidence >= 0.8): 3 occurrences"


@given(st.randoms())
def test_the_order_of_the_pairs_does_not_matter(rng: random.Random) -> None:
    shuffled = list(UNITS)
    rng.shuffle(shuffled)
    assert names_from_pairs([], shuffled).entries == names_from_pairs([], UNITS).entries


def test_build_adds_the_names_of_its_aligned_pairs(tmp_path: Path) -> None:
    for side, text in (("zh", "王小明昨天去了上海。他很高兴。\n"), ("en", "Wang Xiaoming went to Shanghai yesterday. He was happy.\n")):
        (tmp_path / "corpus" / side).mkdir(parents=True)
        (tmp_path / "corpus" / side / "a.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "  from aligned pairs: 1 personal name learned from 2 aligned pairs (confidence >= 0.8): 1 occurrence" in \
        result.stdout.splitlines()
    rows = (tmp_path / "out" / "glossary" / "glossary.csv").read_text(encoding="utf-8").splitlines()
    assert "王小明,Wang Xiaoming,person,a,1,attested,1,,a:1,,aligned-name,no," in rows


def test_a_documents_terms_found_count_its_learned_names(tmp_path: Path) -> None:
    for side, text in (("zh", "王小明昨天去了上海。他很高兴。\n"), ("en", "Wang Xiaoming went to Shanghai yesterday. He was happy.\n")):
        (tmp_path / "corpus" / side).mkdir(parents=True)
        (tmp_path / "corpus" / side / "a.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")])
    assert "  terms found: 1" in result.stdout.splitlines()
