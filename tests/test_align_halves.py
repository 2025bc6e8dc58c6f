"""A long pair's search cut in two (aligner/align/halves.py): the same beads as one search."""
from __future__ import annotations

import multiprocessing

import numpy as np
import pytest

from aligner.align import halves
from aligner.align.search import Step, band_around, best_path, lattice_points
from aligner.align.shapes import PAIR_SHAPES


def translated(n: int, seed: int) -> tuple[int, np.ndarray]:
    """A Chinese side of ``n`` sentences and, per sentence, how many English sentences render
    it (mostly one, sometimes two; now and then a Chinese sentence joins its neighbour's)."""
    rng = np.random.default_rng(seed)
    per = rng.choice([1, 1, 1, 1, 1, 1, 2, 0], size=n)  # 0: rendered inside the previous one's English
    per[0] = max(per[0], 1)
    return int(per.sum()), per


def scorer(per: np.ndarray, seed: int):
    """Bead scores from a noisy sentence-pair similarity whose high cells are the true beads
    (sums over the bead's box, from whole-document prefix sums: any chunking gives the same)."""
    n, m = len(per), int(per.sum())
    rng = np.random.default_rng(seed + 1)
    sim = rng.uniform(-0.3, 0.3, size=(n, m))
    j = 0
    for i, k in enumerate(per):
        first = j if k else j - 1
        sim[i, max(first, 0) : max(j + k, first + 1)] += 1.0
        j += k
    q = np.zeros((n + 1, m + 1))
    q[1:, 1:] = sim.cumsum(0).cumsum(1)

    def chunk(i0, i1, c0, c1):
        rows = np.arange(i0, i1)[:, None]
        cols = np.arange(c0, c1 + 1)[None, :]

        def get(shape):
            x, y = shape
            a, b = np.maximum(rows - x, 0), np.maximum(cols - y, 0)
            box = q[rows, cols] - q[a, cols] - q[rows, b] + q[a, b]
            return box / np.sqrt(x * y) - 0.1 * (x + y - 2)

        return get

    return chunk, m


def problem(n: int, seed: int):
    m, per = translated(n, seed)
    chunk, m = scorer(per, seed)
    truth = [(0, 0)]
    for i, k in enumerate(per, start=1):
        truth.append((i, truth[-1][1] + int(k)))
    points = truth[::4] + [truth[-1]]  # a coarse path, as the anchor pass gives
    lo, hi = band_around(points, n, m, 8)
    skips = (np.full(n, -0.2), np.full(m, -0.2))
    return m, lo, hi, points, chunk, skips


def beads(steps: list[Step]) -> list[tuple[int, int, int, int]]:
    return [(s.i0, s.i1, s.j0, s.j1) for s in steps]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_cut_is_on_the_whole_search_path_and_the_halves_give_its_beads(seed: int) -> None:
    n = 1500
    m, lo, hi, points, chunk, skips = problem(n, seed)
    whole = best_path(n, m, lo, hi, PAIR_SHAPES, chunk, skips)
    cut = halves.cut_point(n, m, lo, hi, points, PAIR_SHAPES, chunk, skips)
    assert cut is not None and abs(cut[0] - n // 2) < 50
    assert cut in lattice_points(whole)
    finished: list[int] = []
    split = halves.search(n, m, lo, hi, PAIR_SHAPES, chunk, skips, cut, lambda s: finished.append(len(s)) or s)
    assert beads(split) == beads(whole)
    assert np.allclose([s.score for s in split], [s.score for s in whole], atol=1e-9)
    assert len(finished) == 1  # this process finished the first half; the second, its own copy


def test_without_a_fork_the_halves_run_here_with_the_same_beads(monkeypatch: pytest.MonkeyPatch) -> None:
    n = 1200
    m, lo, hi, points, chunk, skips = problem(n, 3)
    cut = halves.cut_point(n, m, lo, hi, points, PAIR_SHAPES, chunk, skips)
    assert cut is not None
    forked = halves.search(n, m, lo, hi, PAIR_SHAPES, chunk, skips, cut, lambda s: s)

    def no_fork(method=None):  # type: ignore[no-untyped-def]
        raise ValueError("cannot find context for 'fork'")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    finished: list[int] = []
    here = halves.search(n, m, lo, hi, PAIR_SHAPES, chunk, skips, cut, lambda s: finished.append(len(s)) or s)
    assert beads(here) == beads(forked)
    assert len(finished) == 2


def test_a_sub_path_from_corner_to_corner_is_the_whole_search() -> None:
    n = 300
    m, lo, hi, points, chunk, skips = problem(n, 4)
    whole = best_path(n, m, lo, hi, PAIR_SHAPES, chunk, skips)
    assert halves.sub_path(lo, hi, PAIR_SHAPES, chunk, skips, (0, 0), (n, m)) == whole


def test_a_forked_task_runs_in_another_process_and_its_error_comes_back() -> None:
    import os

    from aligner.align import forked

    here = os.getpid()
    pid = forked.start(os.getpid)
    assert pid is not None and pid() != here

    def fails() -> int:
        raise KeyError("no such sentence")

    failing = forked.start(fails)
    assert failing is not None
    with pytest.raises(KeyError, match="no such sentence"):
        failing()


def test_a_forked_process_that_dies_is_replaced_by_the_work_done_here() -> None:
    import os

    from aligner.align import forked

    here = os.getpid()

    def dies_elsewhere() -> str:
        if os.getpid() != here:
            os._exit(3)  # killed, out of memory...
        return "done here"

    result = forked.start(dies_elsewhere)
    assert result is not None and result() == "done here"
