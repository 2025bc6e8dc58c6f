"""align() on a small zh/en pair written for these tests: golden beads, anchors, registry."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aligner.align import align, available_scorers
from aligner.errors import UsageError
from aligner.model import TermEntry

DATA = Path(__file__).parent / "data" / "align"


def read_beads(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        left, right = line.split(":")[:2]
        out.append((tuple(json.loads(left)), tuple(json.loads(right))))
    return out


@pytest.fixture(scope="module")
def story() -> tuple[list[str], list[str]]:
    zh = (DATA / "story.zh").read_text(encoding="utf-8").splitlines()
    en = (DATA / "story.en").read_text(encoding="utf-8").splitlines()
    return zh, en


@pytest.fixture(scope="module")
def default_beads(story):
    """Loads the embedding model once for the module."""
    zh, en = story
    return align(zh, en, explain=True, glossary=[TermEntry("林小雨", "Lin Xiaoyu")])


def test_default_scorer_matches_the_golden_alignment(default_beads):
    assert [(b.src, b.tgt) for b in default_beads] == read_beads(DATA / "story.beads")


@pytest.mark.parametrize("scorer", ["embedding", "embedding+length", "lexical", "length"])
def test_every_scorer_gets_the_easy_golden_pair_right(story, scorer):
    zh, en = story
    assert [(b.src, b.tgt) for b in align(zh, en, scorer=scorer)] == read_beads(DATA / "story.beads")


def test_confidences_are_probabilities_and_rounded(default_beads):
    for bead in default_beads:
        assert 0.0 <= bead.score <= 1.0
        assert round(bead.score, 4) == bead.score


def test_explain_lists_numbers_glossary_names_dictionary_and_embedding(default_beads):
    anchors = default_beads[1].anchors
    assert anchors[0] == "number: 1998"
    assert anchors[1] == "glossary: 林小雨=Lin Xiaoyu"
    assert anchors[2] == "name: 林=Lin, 小雨=Xiaoyu"
    assert anchors[3].startswith("dictionary: ") and "火车=train" in anchors[3]
    assert anchors[-2].startswith("embedding: 0.")
    assert re.fullmatch(r"clauses: first 0\.\d\d, last 0\.\d\d", anchors[-1])


def test_without_explain_there_are_no_anchors(story):
    zh, en = story
    assert all(b.anchors == () for b in align(zh[:3], en[:3]))


def test_same_input_same_beads(story, default_beads):
    zh, en = story
    again = align(zh, en, explain=True, glossary=[TermEntry("林小雨", "Lin Xiaoyu")])
    assert again == default_beads


def test_a_paper_front_page_of_four_lines_aligns_one_to_one():
    zh = ["大语言模型的对齐方法研究", "张伟，李娜", "摘要：本文比较了三种对齐方法。", "关键词：大语言模型；对齐；评测"]
    en = [
        "A Study of Alignment Methods for Large Language Models",
        "Zhang Wei, Li Na",
        "Abstract: This paper compares three alignment methods.",
        "Key words: large language models; alignment; evaluation",
    ]
    assert [(b.src, b.tgt) for b in align(zh, en)] == [((i,), (i,)) for i in range(4)]


def test_one_sentence_each_side():
    [bead] = align(["你好。"], ["Hello."])
    assert (bead.src, bead.tgt) == ((0,), (0,))


def test_registry_lists_the_scorers():
    assert available_scorers() == ["default", "embedding", "embedding+length", "length", "lexical"]


def test_unknown_scorer_is_a_one_line_usage_error():
    with pytest.raises(UsageError) as err:
        align(["好"], ["Good"], scorer="bertalign")
    assert str(err.value) == (
        "unknown scorer 'bertalign'. Choose one of: default, embedding, embedding+length, length, lexical."
    )
