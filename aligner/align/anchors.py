"""The first pass: a cheap coarse-to-fine path that the full search then follows in a band.

Sentences are pooled in fours (normalised sum of their embeddings) until the document pair is
small enough for an exact search; each finer level searches 1-1, 2-1 and 1-2 beads in a band
around the coarser level's path (as vecalign does). Time and memory therefore grow linearly
with document length instead of with n x m.
"""
from __future__ import annotations

import numpy as np

from .scorers.embedding import cosine_chunks
from .search import band_around, best_path, full_band, lattice_points
from .shapes import ANCHOR_SHAPES

FULL_CELLS = 1_200_000  # n x m up to which the exact search over the whole lattice is used
LEVEL_WIDTH = 6  # band half-width at each coarse level, in that level's units
ANCHOR_SKIP = -0.1


POOL = 4  # sentences per unit at the next coarser level
POOL_BLOCK = 4096  # pooled rows computed at a time


def pool(vectors: np.ndarray, factor: int = POOL) -> np.ndarray:
    """Lower the resolution: unit-length sums of ``factor`` consecutive vectors, summed in
    float32 a block at a time and kept as float16 (a 100,000-sentence pair's pooled vectors
    then take 55 MB, not 110 plus as much again in temporaries)."""
    n, dim = vectors.shape
    rows = (n + factor - 1) // factor
    out = np.empty((rows, dim), dtype=np.float16)
    for a in range(0, rows, POOL_BLOCK):
        b = min(a + POOL_BLOCK, rows)
        acc = np.zeros((b - a, dim), dtype=np.float32)
        for k in range(factor):
            part = vectors[a * factor + k : b * factor : factor]
            acc[: len(part)] += part
        acc /= np.maximum(np.linalg.norm(acc, axis=1, keepdims=True), 1e-12)
        out[a:b] = acc
    return out


def anchor_path(src: np.ndarray, tgt: np.ndarray) -> list[tuple[int, int]]:
    """Lattice points of a good 1-1/2-1/1-2 path from (0, 0) to (n, m) at this resolution."""
    n, m = len(src), len(tgt)
    if n * m <= FULL_CELLS or min(n, m) < 4:
        lo, hi = full_band(n, m)
    else:
        coarse = anchor_path(pool(src), pool(tgt))
        points = [(min(POOL * a, n), min(POOL * b, m)) for a, b in coarse]
        lo, hi = band_around(points, n, m, LEVEL_WIDTH)
    steps = best_path(n, m, lo, hi, ANCHOR_SHAPES, cosine_chunks(src, tgt), ANCHOR_SKIP)
    return lattice_points(steps)


def length_path(src_lengths: np.ndarray, tgt_lengths: np.ndarray) -> list[tuple[int, int]]:
    """Without embeddings: the path where both sides' cumulative character shares agree."""
    n, m = len(src_lengths), len(tgt_lengths)
    zh = np.cumsum(src_lengths) / max(float(src_lengths.sum()), 1.0)
    en = np.concatenate([[0.0], np.cumsum(tgt_lengths) / max(float(tgt_lengths.sum()), 1.0)])
    cols = np.searchsorted(en, zh, side="left").clip(0, m)
    points = [(0, 0)]
    for i, j in enumerate(cols, start=1):
        points.append((i, max(int(j), points[-1][1])))
    points[-1] = (n, m)
    return points
