"""The search alone: beads cover every sentence once, in order, for any sizes and scores."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align import align
from aligner.align.anchors import pool
from aligner.align.search import Step, band_around, best_path, full_band, lattice_points
from aligner.align.shapes import PAIR_SHAPES, MAX_SIDE


def random_scorer(seed: int):
    """Scores that depend only on (shape, i, j), so any chunking gives the same values."""

    def chunk(i0, i1, c0, c1):
        def get(shape):
            x, y = shape
            rows = np.arange(i0, i1)[:, None]
            cols = np.arange(c0, c1 + 1)[None, :]
            h = (rows * 7919 + cols * 104729 + x * 31 + y * 17 + seed * 13) % 1000
            return h / 1000.0 - 0.3

        return get

    return chunk


def assert_covers(steps: list[Step], n: int, m: int) -> None:
    src = [k for s in steps for k in range(s.i0, s.i1)]
    tgt = [k for s in steps for k in range(s.j0, s.j1)]
    assert src == list(range(n))
    assert tgt == list(range(m))
    for s in steps:
        x, y = s.i1 - s.i0, s.j1 - s.j0
        assert (x, y) in PAIR_SHAPES or (x, y) in ((1, 0), (0, 1))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30), st.integers(0, 5), st.floats(-1.0, 0.5))
def test_full_search_covers_every_sentence_once_in_order(n, m, seed, skip):
    lo, hi = full_band(n, m)
    steps = best_path(n, m, lo, hi, PAIR_SHAPES, random_scorer(seed), skip)
    assert_covers(steps, n, m)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 60), st.integers(1, 60), st.integers(0, 5), st.integers(1, 6))
def test_banded_search_stays_in_the_band_and_covers_everything(n, m, seed, width):
    diagonal = [(0, 0)] + [(i, round(i * m / n)) for i in range(1, n + 1)]
    lo, hi = band_around(diagonal, n, m, width)
    assert (np.diff(lo) >= 0).all() and (np.diff(hi) >= 0).all()
    steps = best_path(n, m, lo, hi, PAIR_SHAPES, random_scorer(seed), -0.2)
    assert_covers(steps, n, m)
    for i, j in lattice_points(steps):
        assert lo[i] <= j <= hi[i]


def test_full_band_finds_the_planted_path():
    # a score that rewards exactly the beads (0,1):(0), (2):(1,2), (3):(3) and punishes all else
    planted = {(0, 2, 0, 1), (2, 3, 1, 3), (3, 4, 3, 4)}

    def chunk(i0, i1, c0, c1):
        def get(shape):
            x, y = shape
            out = np.full((i1 - i0, c1 - c0 + 1), -1.0)
            for a, b, c, d in planted:
                if (b - a, d - c) == shape and i0 <= b < i1 and c0 <= d <= c1:
                    out[b - i0, d - c0] = 1.0
            return out

        return get

    lo, hi = full_band(4, 4)
    steps = best_path(4, 4, lo, hi, PAIR_SHAPES, chunk, -0.5)
    assert [(s.i0, s.i1, s.j0, s.j1) for s in steps] == sorted(planted)
    assert [round(s.score, 6) for s in steps] == [1.0, 1.0, 1.0]


def test_ties_break_the_same_way_every_time():
    flat = lambda i0, i1, c0, c1: (lambda shape: np.zeros((i1 - i0, c1 - c0 + 1)))  # noqa: E731
    lo, hi = full_band(6, 6)
    runs = {tuple(best_path(6, 6, lo, hi, PAIR_SHAPES, flat, -1.0)) for _ in range(3)}
    assert len(runs) == 1
    # all-zero scores: the earliest shape in tie order, 1-1, wins everywhere
    assert [(s.i1 - s.i0, s.j1 - s.j0) for s in runs.pop()] == [(1, 1)] * 6


def test_band_around_is_monotone_and_contains_the_path():
    path = [(0, 0), (2, 1), (3, 5), (7, 6), (10, 10)]
    lo, hi = band_around(path, 10, 10, 1)
    for (a, b), (c, d) in zip(path, path[1:]):
        for i in range(a, c + 1):
            assert lo[i] <= min(b, d) and hi[i] >= max(b, d)
    assert lo[0] == 0 and hi[10] == 10


def test_pool_sums_groups_of_four_and_normalises():
    vecs = np.eye(6, 3, dtype=np.float32)
    pooled = pool(vecs)
    assert pooled.shape == (2, 3)
    assert pooled.dtype == np.float16  # the anchor pass's coarse vectors: half the memory
    assert np.allclose(pooled[0], [0.57735, 0.57735, 0.57735], atol=1e-3)  # rows 0-2 (+ zero row 3)
    assert np.allclose(pooled[1], [0.0, 0.0, 0.0])  # rows 4-5 are zero vectors


def test_pool_in_blocks_matches_pooling_at_once(monkeypatch):
    import aligner.align.anchors as anchors

    vecs = np.random.default_rng(3).normal(size=(23, 5)).astype(np.float32)
    whole = pool(vecs)
    monkeypatch.setattr(anchors, "POOL_BLOCK", 2)  # block borders inside the input, a short last group
    assert np.array_equal(pool(vecs), whole)
    sums = np.add.reduceat(vecs, np.arange(0, 23, 4), axis=0)
    assert np.allclose(whole, sums / np.linalg.norm(sums, axis=1, keepdims=True), atol=1e-3)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.text(alphabet="天地人你好。一二三", max_size=12), max_size=8),
    st.lists(st.text(alphabet="abc def. 123", max_size=20), max_size=8),
)
def test_align_with_any_inputs_covers_both_sides(src, tgt):
    beads = align(src, tgt, scorer="length")
    assert [k for b in beads for k in b.src] == list(range(len(src)))
    assert [k for b in beads for k in b.tgt] == list(range(len(tgt)))
    assert all(0.0 <= b.score <= 1.0 for b in beads)
    assert all(b.src or b.tgt for b in beads)
    # at most MAX_SIDE sentences with text per side; blank ones only inside a bead's span
    assert all(sum(1 for k in b.src if src[k].strip()) <= MAX_SIDE for b in beads)
    assert all(sum(1 for k in b.tgt if tgt[k].strip()) <= MAX_SIDE for b in beads)
    for b in beads:
        if b.src and b.tgt:  # a pair bead starts and ends with a sentence that has text
            assert src[b.src[0]].strip() and src[b.src[-1]].strip()
            assert tgt[b.tgt[0]].strip() and tgt[b.tgt[-1]].strip()


def test_blank_lines_are_unaligned_unless_inside_a_bead():
    zh = ["", "今天下雨。", "", "我们在家。", ""]
    en = ["It rains today.", "", "We stay at home."]
    beads = [(b.src, b.tgt) for b in align(zh, en, scorer="length")]
    assert beads == [((0,), ()), ((1,), (0,)), ((2,), ()), ((), (1,)), ((3,), (2,)), ((4,), ())]


@pytest.mark.parametrize("n, m", [(0, 0), (0, 3), (2, 0)])
def test_one_side_empty_gives_unaligned_beads(n, m):
    beads = align(["好。"] * n, ["Good."] * m, scorer="length")
    assert [(b.src, b.tgt) for b in beads] == [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.sampled_from(["", " ", "我爱北京。", "他有3个苹果。", "“你好？”", "第一章"]), max_size=6),
    st.lists(st.sampled_from(["", "I love Beijing.", "He has 3 apples.", '"Hello?"', "Chapter One"]), max_size=6),
)
def test_default_scorer_handles_blank_and_repeated_sentences(src, tgt):
    beads = align(src, tgt, explain=True)
    assert [k for b in beads for k in b.src] == list(range(len(src)))
    assert [k for b in beads for k in b.tgt] == list(range(len(tgt)))
    assert all(0.0 <= b.score <= 1.0 for b in beads)
    assert all(b.anchors for b in beads)
