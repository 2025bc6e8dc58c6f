"""Bead sums from per-sentence-pair matrices, for one chunk of the lattice.

A bead covering Chinese sentences ``i-x..i-1`` and English ``j-y..j-1`` sums a box of a
sentence-pair matrix (dot products, dictionary hits...). One 2-D prefix sum per chunk gives
every box of every shape with four lookups, so a chunk costs one matrix product however many
bead shapes there are.
"""
from __future__ import annotations

import numpy as np

from .shapes import MAX_SIDE, Shape


class Chunk:
    """Lattice rows ``i0..i1-1`` and columns ``c0..c1`` and the sentences their beads touch.

    Sentence rows ``a0..a1-1`` and columns ``b0..b1-1`` start ``MAX_SIDE + 1`` early and end
    one late, so a bead's neighbouring sentences are in the frame too; indices outside the
    document stand for padding (zeros).
    """

    def __init__(self, i0: int, i1: int, c0: int, c1: int) -> None:
        self.i0, self.i1, self.c0, self.c1 = i0, i1, c0, c1
        self.a0, self.a1 = i0 - MAX_SIDE - 1, i1
        self.b0, self.b1 = c0 - MAX_SIDE - 1, c1 + 1

    @property
    def rows(self) -> np.ndarray:
        """Lattice rows of the chunk."""
        return np.arange(self.i0, self.i1)

    @property
    def cols(self) -> np.ndarray:
        """Lattice columns of the chunk."""
        return np.arange(self.c0, self.c1 + 1)

    def src_range(self, n: int) -> tuple[int, int, int]:
        """(first real sentence, end, zero rows of padding before it)."""
        start = max(self.a0, 0)
        return start, min(self.a1, n), start - self.a0

    def tgt_range(self, m: int) -> tuple[int, int, int]:
        start = max(self.b0, 0)
        return start, min(self.b1, m), start - self.b0

    def padded(self, block: np.ndarray, n: int, m: int) -> np.ndarray:
        """Place a real-sentence block into the chunk's padded (rows x cols) frame."""
        _, _, pad_r = self.src_range(n)
        _, _, pad_c = self.tgt_range(m)
        out = np.zeros((self.a1 - self.a0, self.b1 - self.b0), dtype=np.float64)
        out[pad_r : pad_r + block.shape[0], pad_c : pad_c + block.shape[1]] = block
        return out


class BoxSums:
    """Sums of a (sentence x sentence) matrix over the boxes of every bead in a chunk."""

    def __init__(self, chunk: Chunk, pair_matrix: np.ndarray) -> None:
        self.chunk = chunk
        q = np.zeros((pair_matrix.shape[0] + 1, pair_matrix.shape[1] + 1), dtype=np.float64)
        np.cumsum(pair_matrix, axis=0, out=q[1:, 1:])
        np.cumsum(q[1:, 1:], axis=1, out=q[1:, 1:])
        self.q = q

    def __call__(self, shape: Shape) -> np.ndarray:
        """Sum over the bead's own box: rows ``i-x..i-1``, columns ``j-y..j-1``."""
        x, y = shape
        return self.box(-x, 0, -y, 0)

    def box(self, row_from: int, row_to: int, col_from: int, col_to: int) -> np.ndarray:
        """Sum over rows ``i+row_from..i+row_to-1`` and columns ``j+col_from..j+col_to-1``
        for every lattice point (i, j) of the chunk (offsets within one sentence of the bead)."""
        c = self.chunk
        r0, r1 = c.i0 - c.a0, c.i1 - c.a0
        k0, k1 = c.c0 - c.b0, c.c1 - c.b0 + 1
        q = self.q

        def at(dr: int, dc: int) -> np.ndarray:
            return q[r0 + dr : r1 + dr, k0 + dc : k1 + dc]

        return at(row_to, col_to) - at(row_from, col_to) - at(row_to, col_from) + at(row_from, col_from)


def span_sums(values: np.ndarray, max_side: int = MAX_SIDE) -> np.ndarray:
    """``out[x, i]`` = sum of ``values[i-x:i]`` for lattice point i (0 where the span starts before 0)."""
    n = len(values)
    prefix = np.zeros(n + 1, dtype=np.float64)
    np.cumsum(values, out=prefix[1:])
    out = np.zeros((max_side + 1, n + 1), dtype=np.float64)
    for x in range(1, max_side + 1):
        out[x, x:] = prefix[x:] - prefix[:-x] if x <= n else 0.0
    return out
