"""Clause edges and the border term: the evidence that places an English sentence in the
right one of two neighbouring beads."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.align import DocumentPair, align_steps, get_scorer
from aligner.align.pair import Edges
from aligner.align.clauses import clauses, head_and_tail
from aligner.align.scorers import Scorer
from aligner.align.scorers.border import CENTRE, edge_chunks
from aligner.align.scorers.combined import DEFAULT, SKIP, Weights, combination


def test_chinese_clauses_break_at_commas_semicolons_and_colons():
    assert clauses("老李开了一家面馆，生意不错；每天忙到很晚。", "zh") == [
        "老李开了一家面馆",
        "生意不错",
        "每天忙到很晚。",
    ]
    assert head_and_tail("他笑道：“很好！”", "zh") == ("他笑道", "很好！")


def test_english_clauses_break_at_punctuation_followed_by_space_and_at_dashes():
    assert clauses("Old Li ran a noodle shop, business was good; he worked late.", "en") == [
        "Old Li ran a noodle shop",
        "business was good",
        "he worked late.",
    ]
    assert clauses("It cost 1,000 yuan — a fortune.", "en") == ["It cost 1,000 yuan", "a fortune."]


def test_pieces_shorter_than_two_characters_are_not_clauses():
    assert clauses("嗯，好。", "zh") == ["好。"]
    assert clauses("A,", "en") == ["A,"]  # nothing left after cutting: the sentence itself


@given(st.text(max_size=60), st.sampled_from(["zh", "en"]))
def test_head_and_tail_are_pieces_of_the_sentence(sentence, lang):
    head, tail = head_and_tail(sentence, lang)
    assert head in sentence and tail in sentence
    parts = clauses(sentence, lang)
    assert parts and all(p for p in parts) or parts == [sentence.strip()]


def test_edge_scores_are_centred_cosines_and_zero_past_the_ends():
    pair = DocumentPair(["他来了，笑着坐下。", "天黑了。"], ["He came in, smiling, and sat down.", "It was dark."])
    scores = edge_chunks(pair)(1, 3, 0, 2)  # lattice rows 1..2, columns 0..2
    assert scores.shape == (2, 3)
    # (2, 2) is the end: no next sentences, so only the two last clauses count
    assert -CENTRE - 1.0 <= scores[1, 2] <= 1.0 - CENTRE
    # the true border (1, 1) beats the borders one English sentence off
    assert scores[0, 1] > scores[0, 0] and scores[0, 1] > scores[0, 2]


def _synthetic_pair(border_favours_first: bool) -> DocumentPair:
    """Two Chinese and three English sentences whose whole-sentence vectors cannot tell
    whether English 1 belongs with Chinese 0 or Chinese 1; only the clause edges can."""
    e = np.eye(8, dtype=np.float32)
    unit = lambda v: v / np.linalg.norm(v)  # noqa: E731
    pair = DocumentPair(["甲", "乙"], ["a", "b", "c"])
    pair.src_vectors = np.stack([unit(e[1] + e[2]), unit(e[3] + e[4])])
    pair.tgt_vectors = np.stack([e[1], unit(e[2] + e[3]), e[4]])
    # table rows: 0..7 basis vectors, 8 = zero (the row for "no clause")
    table = np.vstack([e, np.zeros((1, 8), dtype=np.float32)])
    if border_favours_first:  # English 1 ends like Chinese 0, English 2 starts like Chinese 1
        zh_head, zh_tail, en_head, en_tail = [1, 3], [2, 4], [1, 5, 3], [6, 2, 4]
    else:  # English 1 starts like Chinese 1
        zh_head, zh_tail, en_head, en_tail = [1, 3], [2, 4], [1, 3, 5], [2, 6, 4]
    pair.src_edges = Edges(table, np.array(zh_head), np.array(zh_tail))
    pair.tgt_edges = Edges(table, np.array(en_head), np.array(en_tail))
    return pair


@pytest.mark.parametrize(
    "favours_first, expected",
    [(True, [(0, 1, 0, 2), (1, 2, 2, 3)]), (False, [(0, 1, 0, 1), (1, 2, 1, 3)])],
)
def test_the_border_term_decides_where_an_ambiguous_sentence_goes(favours_first, expected):
    scorer = Scorer("b", "", combination(Weights(0.0, 0.0, 0.0, 0.0, border=0.5)), SKIP)
    steps = align_steps(_synthetic_pair(favours_first), scorer)
    assert [(s.i0, s.i1, s.j0, s.j1) for s in steps] == expected


def test_border_weight_zero_is_the_scorer_without_the_term():
    zh = ["我们今天去公园。", "天气很好。"]
    en = ["We are going to the park today.", "The weather is fine."]
    pair = DocumentPair(zh, en)
    plain = Scorer("plain", "", combination(Weights(DEFAULT.length, DEFAULT.lexical, DEFAULT.size, DEFAULT.gale_church)), SKIP)
    with_border = get_scorer("default")
    a = align_steps(pair, plain)
    b = align_steps(pair, with_border)
    assert [(s.i0, s.i1, s.j0, s.j1) for s in a] == [(s.i0, s.i1, s.j0, s.j1) for s in b]
    assert not np.isclose(sum(s.score for s in a), sum(s.score for s in b))
