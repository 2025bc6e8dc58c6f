"""Per-sentence support: how well the other side can account for each sentence.

A sentence that the other side lacks (a translator's omission, a note added later) has no
counterpart near where the path runs: its best similarity to any sentence of the other side
in a window around the anchor path is low. The search uses that in two ways (as Gale and
Church's skip prior does, but per sentence instead of one constant):

* leaving the sentence unaligned (a 1-0 or 0-1 bead) costs less the less support it has;
* a bead with two or more sentences on a side pays for each unsupported sentence of that
  side, so gluing an orphan to a good neighbour is no longer nearly free (the sum-of-beads
  objective and the size factor otherwise reward it).

Support is the best of ``cosine + LEXICAL * lexical coverage`` over the window: the same two
signals the default scorer adds, for single sentences. The few parameters were chosen on
MAC-Dev and deletion/insertion sets built from it and ``../shared/realworld``
(``bench/orphans.py``): development figures.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import anchors as _anchors
from .grid import span_sums
from .pair import DocumentPair
from .search import ChunkScorer, ShapeScores, band_around
from .shapes import MAX_SIDE, Shape

WINDOW = 4  # sentences either side of the anchor path where a counterpart may be
ORPHAN_PASS = True  # run the second pass of ``orphans.py`` after the search (measured in bench/orphans.py)
ROWS = 256  # Chinese sentences per block of the similarity computation


@dataclass(frozen=True)
class SkipModel:
    """How support turns into skip costs and glue penalties.

    ``u = clip((median - below - support) / spread, 0, 1)`` is how unsupported a sentence is,
    ``median`` being the document's median support (literary prose pairs at a much lower
    cosine than technical text, so the scale is the document's own); its skip costs
    ``skip + gain * u`` and each such sentence in a multi-sentence side of a bead costs
    ``penalty * u``.
    """

    below: float = 0.35
    spread: float = 0.15
    gain: float = 0.05
    penalty: float = 0.3
    lexical: float = 0.5


DEFAULT_MODEL = SkipModel()


@dataclass(frozen=True)
class Costs:
    """Per-sentence skip costs and unsupportedness of both sides."""

    src_skip: np.ndarray
    tgt_skip: np.ndarray
    src_u: np.ndarray
    tgt_u: np.ndarray


def _window(pair: DocumentPair, points: Sequence[tuple[int, int]] | None) -> tuple[np.ndarray, np.ndarray]:
    """The lattice band of :data:`WINDOW` sentences around the anchor path (computed here for
    small documents, whose search needs none)."""
    if points is None:
        points = _anchors.anchor_path(pair.src_vectors.astype(np.float32), pair.tgt_vectors.astype(np.float32))
    return band_around(points, pair.n, pair.m, WINDOW)


def sentence_support(pair: DocumentPair, lexical: float,
                     points: Sequence[tuple[int, int]] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Best ``cosine + lexical * coverage`` of each Chinese and each English sentence to one
    sentence of the other side inside the window around the anchor path."""
    from .scorers.lexical import ZH_WORD_WEIGHT, shared_weight

    n, m = pair.n, pair.m
    lo, hi = _window(pair, points)
    src_best = np.full(n, -1.0)
    tgt_best = np.full(m, -1.0)
    lex = pair.lexical if lexical else None
    for a in range(0, n, ROWS):
        b = min(a + ROWS, n)
        rows = np.arange(a, b)
        first = lo[rows]  # sentence i may pair with English lo[i] .. hi[i+1]-1
        last = np.maximum(hi[rows + 1], first + 1)
        c0, c1 = int(first.min()), int(min(last.max(), m))
        if c1 <= c0:
            continue
        sims = pair.src_vectors[a:b].astype(np.float32) @ pair.tgt_vectors[c0:c1].astype(np.float32).T
        sims = sims.astype(np.float64)
        if lex is not None:
            hits = shared_weight(lex, a, b, c0, c1)
            mass = lex.src_mass[a:b, None] * ZH_WORD_WEIGHT + lex.tgt_mass[None, c0:c1]
            sims += lexical * 2.0 * hits / np.maximum(mass, 1.0)
        cols = np.arange(c0, c1)
        inside = (cols[None, :] >= first[:, None]) & (cols[None, :] < last[:, None])
        sims = np.where(inside, sims, -1.0)
        src_best[a:b] = sims.max(axis=1)
        np.maximum(tgt_best[c0:c1], sims.max(axis=0), out=tgt_best[c0:c1])
    return src_best, tgt_best


def unsupported(pair: DocumentPair, model: SkipModel = DEFAULT_MODEL,
                points: Sequence[tuple[int, int]] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """How unsupported each Chinese and each English sentence is, in [0, 1]; computed once per
    pair and model (the search and the confidence share it)."""
    memo: dict[SkipModel, tuple[np.ndarray, np.ndarray]] = pair.__dict__.setdefault("_unsupported", {})
    if model not in memo:
        src_best, tgt_best = sentence_support(pair, model.lexical, points)
        centre = float(np.median(np.concatenate([src_best, tgt_best]))) - model.below
        memo[model] = (np.clip((centre - src_best) / model.spread, 0.0, 1.0),
                       np.clip((centre - tgt_best) / model.spread, 0.0, 1.0))
    return memo[model]


def costs(pair: DocumentPair, skip: float, model: SkipModel = DEFAULT_MODEL,
          points: Sequence[tuple[int, int]] | None = None) -> Costs:
    """Skip cost and unsupportedness per sentence of both sides."""
    src_u, tgt_u = unsupported(pair, model, points)
    return Costs(skip + model.gain * src_u, skip + model.gain * tgt_u, src_u, tgt_u)


def with_glue_penalty(chunk: ChunkScorer, c: Costs, penalty: float) -> ChunkScorer:
    """``chunk`` with ``penalty * u`` taken off per unsupported sentence of a bead side that
    has two or more sentences (a 1-1 bead's doubts go into its confidence instead)."""
    if not penalty:
        return chunk
    src_pen = span_sums(penalty * c.src_u, MAX_SIDE)
    tgt_pen = span_sums(penalty * c.tgt_u, MAX_SIDE)

    def wrapped(i0: int, i1: int, c0: int, c1: int) -> ShapeScores:
        get = chunk(i0, i1, c0, c1)

        def scored(shape: Shape) -> np.ndarray:
            x, y = shape
            out = get(shape)
            if x >= 2:
                out = out - src_pen[x, i0:i1][:, None]
            if y >= 2:
                out = out - tgt_pen[y, c0 : c1 + 1][None, :]
            return out

        return scored

    return wrapped
