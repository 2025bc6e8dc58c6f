"""Orphans: a sentence the other side lacks becomes a 1-0 / 0-1 bead, not part of a neighbour,
and a bead that holds a sentence with no counterpart is not scored as certain."""
from __future__ import annotations

import numpy as np
import pytest

from aligner.align import DocumentPair, align, align_steps, get_scorer
from aligner.align.confidence import FEATURES, confidences, features
from aligner.align.orphans import bead_score, split_orphans, support, with_gains
from aligner.align.search import Step

ZH = [
    "我们的团队在上海有三个办公室。",
    "每个办公室都有一个小图书馆。",
    "员工可以在周末借书回家。",
    "去年我们买了两千本新书。",
    "大部分新书是关于历史和地理的。",
    "明年我们打算再开一个办公室。",
]
EN = [
    "Our team has three offices in Shanghai.",
    "Every office has a small library.",
    "Staff may take books home at the weekend.",
    "Last year we bought two thousand new books.",
    "The cafeteria menu changes every Tuesday and vegetarian dishes are marked in green.",
    "Most of the new books are about history and geography.",
    "Next year we plan to open another office.",
]


@pytest.fixture(scope="module")
def beads():
    return align(ZH, EN)


def test_added_english_sentence_is_an_orphan(beads):
    assert ((), (4,)) in [(b.src, b.tgt) for b in beads]
    assert [(b.src, b.tgt) for b in beads if b.src and b.tgt] == [((k,), (k if k < 4 else k + 1,)) for k in range(6)]


def test_deleted_chinese_sentence_leaves_its_english_alone():
    zh = ZH[:3] + ZH[4:]  # the translator's Chinese lost 去年我们买了两千本新书
    en = [s for k, s in enumerate(EN) if k != 4]
    got = [(b.src, b.tgt) for b in align(zh, en)]
    assert ((), (3,)) in got
    assert all(3 not in b[1] or not b[0] for b in got)


def _pair_and_glued():
    pair = DocumentPair(ZH, EN)
    glued = [Step(0, 1, 0, 1, 1.0), Step(1, 2, 1, 2, 1.0), Step(2, 3, 2, 3, 1.0), Step(3, 4, 3, 5, 1.5),
             Step(4, 5, 5, 6, 1.0), Step(5, 6, 6, 7, 1.0)]
    return pair, glued


def test_second_pass_peels_the_unsupported_border_sentence():
    pair, glued = _pair_and_glued()
    out = split_orphans(pair, glued, -0.2)
    assert [(s.i0, s.i1, s.j0, s.j1) for s in out][3:5] == [(3, 4, 3, 4), (4, 4, 4, 5)]
    # the split keeps the path's total score
    assert np.isclose(sum(s.score for s in out), sum(s.score for s in glued))


def test_second_pass_keeps_a_real_one_to_two_bead():
    zh = ["他每天早上跑步，然后喝一杯咖啡。"]
    en = ["He runs every morning.", "Then he drinks a cup of coffee."]
    pair = DocumentPair(zh, en)
    step = Step(0, 1, 0, 2, 1.0)
    assert split_orphans(pair, [step], -0.2) == [step]


def test_support_sees_the_sentence_without_counterpart():
    pair, glued = _pair_and_glued()
    sup = support(pair, glued[3])
    assert sup.tgt_cos[1] < sup.tgt_cos[0]
    assert sup.tgt_lex[1] < sup.tgt_lex[0]
    assert sup.weakest == pytest.approx(float(sup.tgt_cos[1]))


def test_a_glued_bead_scores_below_the_same_bead_without_the_orphan():
    pair, glued = _pair_and_glued()
    clean = glued[:3] + [Step(3, 4, 3, 4, 1.5)] + glued[4:]
    assert features(glued, pair)[3, FEATURES.index("weakest_sentence")] < features(clean, pair)[3, FEATURES.index("weakest_sentence")]
    assert confidences(glued, pair)[3] < confidences(clean, pair)[3]


def test_orphan_pass_can_be_switched_off():
    pair = DocumentPair(ZH, EN)
    on = align_steps(pair, get_scorer("default"))
    off = align_steps(pair, get_scorer("default"), orphans=False)
    assert sum(s.score for s in on) == pytest.approx(sum(s.score for s in off))


def test_gain_measures_what_a_border_sentence_adds_to_its_bead():
    pair, glued = _pair_and_glued()
    chunk = get_scorer("default").prepare(pair)
    measured = with_gains(chunk, glued)
    assert [s.gain for k, s in enumerate(measured) if k != 3] == [0.0] * 5  # one sentence a side: not measured
    # the added English sentence lowers the bead's score: the bead scores more without it
    assert measured[3].gain < 0
    assert measured[3].gain == pytest.approx(bead_score(chunk, 3, 4, 3, 5) - bead_score(chunk, 3, 4, 3, 4))
    zh = ["他每天早上跑步，然后喝一杯咖啡。"]
    en = ["He runs every morning.", "Then he drinks a cup of coffee."]
    real = DocumentPair(zh, en)
    (step,) = with_gains(get_scorer("default").prepare(real), [Step(0, 1, 0, 2, 1.0)])
    assert step.gain > 0  # both English sentences translate the Chinese one


def test_the_search_score_rule_splits_without_the_cosine_rule():
    pair, glued = _pair_and_glued()
    chunk = get_scorer("default").prepare(pair)
    off = split_orphans(pair, glued, -0.2, cosine=-1.0, gain=None, chunk=chunk)  # the cosine rule can never fire
    assert off == glued
    on = split_orphans(pair, glued, -0.2, cosine=-1.0, chunk=chunk)
    assert [(s.i0, s.i1, s.j0, s.j1) for s in on][3:5] == [(3, 4, 3, 4), (4, 4, 4, 5)]


def test_align_steps_measures_gains():
    pair = DocumentPair(["他每天早上跑步，然后喝一杯咖啡。", "我们的团队在上海有三个办公室。"],
                        ["He runs every morning.", "Then he drinks a cup of coffee.", "Our team has three offices in Shanghai."])
    steps = align_steps(pair, get_scorer("default"))
    assert [(s.i0, s.i1, s.j0, s.j1) for s in steps] == [(0, 1, 0, 2), (1, 2, 2, 3)]
    assert steps[0].gain > 0 and steps[1].gain == 0.0


def test_reach_sees_a_bead_cut_short():
    """A 1-1 bead cut out of a real 1-2 gains with the missing sentence; the whole 1-2 does not
    gain with the next, unrelated sentence."""
    pair = DocumentPair(["他每天早上跑步，然后喝一杯咖啡。", "我们的团队在上海有三个办公室。"],
                        ["He runs every morning.", "Then he drinks a cup of coffee.", "Our team has three offices in Shanghai."])
    chunk = get_scorer("default").prepare(pair)
    short, _, _ = with_gains(chunk, [Step(0, 1, 0, 1, 1.0), Step(1, 1, 1, 2, -0.2), Step(1, 2, 2, 3, 1.0)])
    whole, _ = with_gains(chunk, [Step(0, 1, 0, 2, 1.0), Step(1, 2, 2, 3, 1.0)])
    assert short.reach > 0 > whole.reach
    assert short.reach == pytest.approx(bead_score(chunk, 0, 1, 0, 2) - bead_score(chunk, 0, 1, 0, 1), abs=1e-6)


def test_reach_is_not_measured_for_skips_or_beyond_the_largest_shape():
    pair, glued = _pair_and_glued()
    chunk = get_scorer("default").prepare(pair)
    wide = DocumentPair(ZH[:2], EN[:4])
    full, _ = with_gains(get_scorer("default").prepare(wide), [Step(0, 1, 0, 4, 1.0), Step(1, 2, 4, 4, -0.2)])  # 1-4: no larger shape
    assert full.reach == -1.0
    skip = Step(0, 0, 0, 1, -0.2)
    assert with_gains(chunk, [skip])[0].reach == -1.0


def test_confidence_sees_a_left_out_neighbour():
    pair, glued = _pair_and_glued()
    split = split_orphans(pair, glued, -0.2)
    rows = features(split, pair)
    skipped = FEATURES.index("skip_neighbour")
    assert [int(v) for v in rows[:, skipped]] == [0, 0, 0, 1, 0, 1, 0]  # the beads either side of the 0-1 bead
    assert [int(v) for v in features(glued, pair)[:, skipped]] == [0] * 6


def test_a_bead_cut_short_next_to_a_left_out_sentence_is_doubted():
    """The rest of a real 1-2 left out beside its 1-1: the 1-1 scores below the whole bead."""
    pair = DocumentPair(["他每天早上跑步，然后喝一杯咖啡。", "我们的团队在上海有三个办公室。"],
                        ["He runs every morning.", "Then he drinks a cup of coffee.", "Our team has three offices in Shanghai."])
    chunk = get_scorer("default").prepare(pair)
    short = with_gains(chunk, [Step(0, 1, 0, 1, 0.9), Step(1, 1, 1, 2, -0.2), Step(1, 2, 2, 3, 1.0)])
    whole = with_gains(chunk, [Step(0, 1, 0, 2, 0.9), Step(1, 2, 2, 3, 1.0)])
    assert confidences(short, pair)[0] < confidences(whole, pair)[0]


def test_a_blank_line_beside_a_bead_is_not_a_left_out_sentence():
    """Blank lines of a presplit file come back as unaligned steps; they are not sentences the
    other side lacks, so the beads beside them are not doubted for it."""
    pair = DocumentPair([ZH[0], "", ZH[1], ZH[2]], [EN[0], EN[1], "", EN[2], EN[4]])
    steps = align_steps(pair, get_scorer("default"))
    assert [(s.i0, s.i1, s.j0, s.j1) for s in steps] == [(0, 1, 0, 1), (1, 2, 1, 1), (2, 3, 1, 2), (3, 3, 2, 3),
                                                          (3, 4, 3, 4), (4, 4, 4, 5)]
    skipped = features(steps, pair)[:, FEATURES.index("skip_neighbour")]
    assert [int(v) for v in skipped] == [0, 0, 0, 0, 1, 0]  # only the bead beside the added note
