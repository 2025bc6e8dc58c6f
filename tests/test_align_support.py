"""Per-sentence skip costs in the search and the support they come from."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align import DocumentPair
from aligner.align.search import best_path, full_band
from aligner.align.shapes import PAIR_SHAPES
from aligner.align.support import Costs, unsupported, with_glue_penalty


def random_scorer(seed: int):
    rng = np.random.default_rng(seed)
    table = {shape: rng.normal(size=(40, 40)) for shape in PAIR_SHAPES}

    def chunk(i0, i1, c0, c1):
        return lambda shape: table[shape][i0:i1, c0 : c1 + 1]

    return chunk, table


def brute_force(n: int, m: int, table, src_skip, tgt_skip) -> float:
    """The best total by plain dynamic programming over every lattice point."""
    best = np.full((n + 1, m + 1), -np.inf)
    best[0, 0] = 0.0
    for i, j in itertools.product(range(n + 1), range(m + 1)):
        if i:
            best[i, j] = max(best[i, j], best[i - 1, j] + src_skip[i - 1])
        if j:
            best[i, j] = max(best[i, j], best[i, j - 1] + tgt_skip[j - 1])
        for x, y in PAIR_SHAPES:
            if i >= x and j >= y:
                best[i, j] = max(best[i, j], best[i - x, j - y] + table[(x, y)][i, j])
    return float(best[n, m])


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 9), st.integers(0, 9), st.integers(0, 5), st.integers(0, 5))
def test_per_sentence_skips_find_the_optimum(n, m, seed, skip_seed):
    chunk, table = random_scorer(seed)
    rng = np.random.default_rng(skip_seed)
    src_skip, tgt_skip = rng.uniform(-1.5, 0.5, n), rng.uniform(-1.5, 0.5, m)
    lo, hi = full_band(n, m)
    steps = best_path(n, m, lo, hi, PAIR_SHAPES, chunk, (src_skip, tgt_skip))
    assert sum(s.score for s in steps) == pytest.approx(brute_force(n, m, table, src_skip, tgt_skip))
    for s in steps:  # a skip step carries its own sentence's cost
        if s.i1 == s.i0:
            assert s.score == pytest.approx(tgt_skip[s.j0])
        elif s.j1 == s.j0:
            assert s.score == pytest.approx(src_skip[s.i0])


def test_constant_arrays_are_the_single_skip_cost():
    chunk, _ = random_scorer(3)
    lo, hi = full_band(12, 15)
    flat = best_path(12, 15, lo, hi, PAIR_SHAPES, chunk, -0.7)
    arrays = best_path(12, 15, lo, hi, PAIR_SHAPES, chunk, (np.full(12, -0.7), np.full(15, -0.7)))
    assert [(s.i0, s.i1, s.j0, s.j1) for s in flat] == [(s.i0, s.i1, s.j0, s.j1) for s in arrays]


def test_a_cheap_skip_leaves_that_sentence_out():
    # Chinese k pairs with English k (k < 2) or k + 1 (k >= 2), scoring 1 (beads are indexed
    # by the lattice point they end at); gluing English 2 to Chinese 2 as a 1-2 bead scores 0.9
    def chunk(i0, i1, c0, c1):
        def get(shape):
            out = np.full((i1 - i0, c1 - c0 + 1), -5.0)
            for i in range(i0, i1):
                for j in range(c0, c1 + 1):
                    if shape == (1, 1) and (j == i if i <= 2 else j == i + 1):
                        out[i - i0, j - c0] = 1.0
                    if shape == (1, 2) and (i, j) == (3, 4):
                        out[i - i0, j - c0] = 0.9
            return out

        return get

    lo, hi = full_band(4, 5)
    glued = best_path(4, 5, lo, hi, PAIR_SHAPES, chunk, -0.5)
    assert (2, 3, 2, 4) in [(s.i0, s.i1, s.j0, s.j1) for s in glued]
    tgt = np.full(5, -0.5)
    tgt[2] = 0.0  # English 2 has no support: leaving it out is free
    split = best_path(4, 5, lo, hi, PAIR_SHAPES, chunk, (np.full(4, -0.5), tgt))
    assert [(s.i0, s.i1, s.j0, s.j1) for s in split] == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 2, 2, 3), (2, 3, 3, 4), (3, 4, 4, 5)]


def test_glue_penalty_only_touches_sides_with_several_sentences():
    zero = lambda i0, i1, c0, c1: (lambda shape: np.zeros((i1 - i0, c1 - c0 + 1)))  # noqa: E731
    u_src, u_tgt = np.array([0.0, 1.0, 0.0]), np.array([0.5, 0.0, 0.0, 1.0])
    c = Costs(np.zeros(3), np.zeros(4), u_src, u_tgt)
    get = with_glue_penalty(zero, c, 0.2)(1, 4, 0, 4)
    assert not get((1, 1)).any()
    # rows of the chunk are lattice rows 1, 2, 3; a 2-1 bead ending at row 2 holds Chinese 0
    # and 1: it pays 0.2 * (0 + 1); ending at row 3 it holds Chinese 1 and 2: the same
    assert get((2, 1))[1, 1] == pytest.approx(-0.2)
    assert get((2, 1))[2, 1] == pytest.approx(-0.2)
    # a 1-2 bead ending at column 4 holds English 2 and 3: 0.2 * (0 + 1); at column 2, English 0 and 1
    assert get((1, 2))[0, 4] == pytest.approx(-0.2)
    assert get((1, 2))[0, 2] == pytest.approx(-0.1)


def test_the_sentence_without_counterpart_is_the_least_supported():
    from tests.test_align_orphans import EN, ZH

    src_u, tgt_u = unsupported(DocumentPair(ZH, EN))
    assert tgt_u[4] > 0.5  # the cafeteria sentence, added to the English only
    assert int(np.argmax(tgt_u)) == 4
    assert tgt_u[[0, 1, 2, 3, 5, 6]].max() < tgt_u[4]
