"""Dynamic programming over x-y beads inside a band (the anchor pass is in ``anchors.py``).

The lattice point (i, j) means "the first i Chinese and the first j English sentences are
aligned". Each row i keeps only the columns ``lo[i]..hi[i]`` of its band, so time and memory
grow with n x band width, not n x m. Small documents use a band that spans every column,
which is the exact optimum over all beads.

Rows are scored in chunks: a scorer fills one dense (rows x columns) matrix per bead shape
for the chunk, then the rows are swept one by one with numpy over their band. The 0-1 skip
inside a row is a running maximum (``D[j] = max(A[j], D[j-1] + skip)``), so no Python loop
runs over columns.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .shapes import Shape

ShapeScores = Callable[[Shape], np.ndarray]
ChunkScorer = Callable[[int, int, int, int], ShapeScores]
"""``chunk(i0, i1, c0, c1)`` -> ``get(shape)``: scores of beads of that shape *ending* at
lattice rows ``i0..i1-1`` and columns ``c0..c1`` (a matrix of (i1 - i0) x (c1 - c0 + 1)).
Entries whose bead would start before row 0 or column 0 are never read."""

NEG = -1e18
ROWS_PER_CHUNK = 96


@dataclass(frozen=True)
class Step:
    """One bead of the best path: Chinese ``i0:i1``, English ``j0:j1``, its score.

    ``gain`` is how much the bead's score drops without its least needed border sentence
    (:func:`.orphans.with_gains`; 0 for a bead with one sentence a side, or when not measured):
    a sentence glued on with no counterpart adds little or lowers the score. ``reach`` is how
    much more it would score with one more sentence just outside it (the best of the four,
    :func:`.orphans.with_gains`; -1 when not measured): a bead cut out of a larger one, or
    next to a sentence left out, pairs about as well with its neighbour added.
    """

    i0: int
    i1: int
    j0: int
    j1: int
    score: float
    gain: float = 0.0
    reach: float = -1.0


def full_band(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Every column for every row: the exact search, for documents small enough."""
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)


def band_around(path: Sequence[tuple[int, int]], n: int, m: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The band of ``width`` sentences either side of a monotone path of lattice points.

    ``path`` runs from (0, 0) to (n, m); between two consecutive points every row in between
    may use every column in between. The band is widened by ``width`` rows and columns, so
    the fine search can move beads that the coarse path placed a little off.
    """
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    pts = np.asarray(path, dtype=np.int64)
    for (a, b), (c, d) in zip(pts[:-1], pts[1:]):
        lo[a : c + 1] = np.minimum(lo[a : c + 1], b)
        hi[a : c + 1] = np.maximum(hi[a : c + 1], d)
    a, b = pts[-1]
    lo[a] = min(lo[a], b)
    hi[a] = max(hi[a], b)
    idx = np.arange(n + 1)
    lo = lo[np.maximum(idx - width, 0)] - width
    hi = hi[np.minimum(idx + width, n)] + width
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 0, m)
    lo[0] = 0
    hi[n] = m
    # keep rows connected: a row's band must reach back to the previous row's band
    np.maximum.accumulate(hi, out=hi)
    lo = np.minimum.accumulate(lo[::-1])[::-1].copy()
    return lo, hi


def best_path(
    n: int,
    m: int,
    lo: np.ndarray,
    hi: np.ndarray,
    shapes: Sequence[Shape],
    chunk: ChunkScorer,
    skip: float | tuple[np.ndarray, np.ndarray],
) -> list[Step]:
    """The highest-scoring sequence of beads from (0, 0) to (n, m) inside the band.

    ``shapes`` are the pair shapes (x, y >= 1) in tie-break order; the 1-0 and 0-1 skips
    cost ``skip`` each and lose ties to every pair shape. ``skip`` may also be a pair of
    arrays (one cost per Chinese sentence, one per English sentence), so that leaving out a
    sentence with no counterpart is cheaper than leaving out one with strong support. Row i
    of the score table holds columns ``lo[i]..hi[i]`` at offsets ``0..hi[i]-lo[i]`` (NEG
    beyond), so all moves into a row are read with one gather.
    """
    lo = np.asarray(lo, dtype=np.int64)
    hi = np.asarray(hi, dtype=np.int64)
    if isinstance(skip, tuple):
        src_skip = np.asarray(skip[0], dtype=np.float64)
        tgt_skip = np.asarray(skip[1], dtype=np.float64)
    else:
        src_skip = np.full(n, float(skip))
        tgt_skip = np.full(m, float(skip))
    # cost of skipping English sentences 0..j-1: the in-row running maximum works on D - C
    tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_skip)])
    width_max = int((hi - lo).max()) + 1
    moves = list(shapes) + [(1, 0)]  # the Chinese skip is the last move: it loses all ties
    xs = np.array([x for x, _ in moves], dtype=np.int64)
    ys = np.array([y for _, y in moves], dtype=np.int64)
    code_skip_tgt = len(moves)
    table = np.full((n + 1, width_max), NEG)
    back = np.zeros((n + 1, width_max), dtype=np.int8)

    def sweep(row: int, a: np.ndarray, code: np.ndarray) -> None:
        """Apply the in-row 0-1 skip as a running maximum, and store the row."""
        offs = tgt_cum[lo[row] : lo[row] + len(a)]
        shifted = a - offs
        run = np.maximum.accumulate(shifted)
        code[shifted < run] = code_skip_tgt
        table[row, : len(a)] = run + offs
        back[row, : len(a)] = code

    width0 = int(hi[0] - lo[0] + 1)
    a0 = np.full(width0, NEG)
    a0[0] = 0.0  # lo[0] == 0: the empty alignment
    sweep(0, a0, np.full(width0, code_skip_tgt, dtype=np.int8))

    for i0 in range(1, n + 1, ROWS_PER_CHUNK):
        i1 = min(i0 + ROWS_PER_CHUNK, n + 1)
        col0, col1 = int(lo[i0]), int(hi[i1 - 1])
        get = chunk(i0, i1, col0, col1)
        skips = np.broadcast_to(src_skip[i0 - 1 : i1 - 1, None], (i1 - i0, col1 - col0 + 1))
        mats = np.stack([get(s) for s in shapes] + [skips])
        for i in range(i0, i1):
            r_lo, r_hi = int(lo[i]), int(hi[i])
            cols = np.arange(r_lo, r_hi + 1)
            prev_rows = i - xs
            valid_row = prev_rows >= 0
            prev_rows = np.maximum(prev_rows, 0)
            k = cols[None, :] - ys[:, None] - lo[prev_rows][:, None]
            bad = (k < 0) | (k >= width_max) | ~valid_row[:, None]
            prev = table[prev_rows[:, None], np.clip(k, 0, width_max - 1)]
            prev[bad] = NEG
            cand = prev + mats[:, i - i0, r_lo - col0 : r_hi - col0 + 1]
            best = cand.argmax(axis=0)
            sweep(i, cand[best, np.arange(len(cols))], best.astype(np.int8))

    steps: list[Step] = []
    i, j = n, m
    while i > 0 or j > 0:
        code = int(back[i, j - lo[i]])
        x, y = (0, 1) if code == code_skip_tgt else moves[code]
        here = float(table[i, j - lo[i]])
        there = float(table[i - x, j - y - lo[i - x]])
        steps.append(Step(i - x, i, j - y, j, here - there))
        i, j = i - x, j - y
    steps.reverse()
    return steps


def lattice_points(steps: Sequence[Step]) -> list[tuple[int, int]]:
    """The path as lattice points, starting at (0, 0)."""
    points = [(0, 0)]
    points.extend((s.i1, s.j1) for s in steps)
    return points
