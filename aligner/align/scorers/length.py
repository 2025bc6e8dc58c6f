"""Length: Gale and Church's insight that translations have proportional lengths, in characters.

English runs about three characters per Chinese character, but the ratio depends on the text,
so it is estimated per document. Two uses: ``agreement_chunks`` (shorter over longer side,
in (0, 1]) scales the embedding score in the combined scorers; ``gale_church_chunks`` is the
classic length-only model, the ``length`` scorer.
"""
from __future__ import annotations

import numpy as np

from ..pair import DocumentPair
from ..search import ChunkScorer, ShapeScores
from ..shapes import Shape
from . import Scorer, register

SMOOTH = 6.0  # English characters added to both sides, so short titles are not over-judged


def agreement_chunks(pair: DocumentPair) -> ChunkScorer:
    """min/max of the two sides' lengths for every bead of a chunk."""
    zh = pair.src_span_lengths * pair.row_ratio[None, :] + SMOOTH
    en = pair.tgt_span_lengths + SMOOTH

    def chunk(i0: int, i1: int, c0: int, c1: int) -> ShapeScores:
        def get(shape: Shape) -> np.ndarray:
            x, y = shape
            a = zh[x, i0:i1][:, None]
            b = en[y, c0 : c1 + 1][None, :]
            return np.minimum(a, b) / np.maximum(np.maximum(a, b), 1e-9)

        return get

    return chunk


# Gale and Church's bead priors, widened for literary Chinese-English, where one Chinese
# sentence often becomes two or three English ones.
PRIORS: dict[Shape, float] = {
    (1, 1): 0.80, (1, 2): 0.09, (2, 1): 0.04, (1, 3): 0.025, (2, 2): 0.015,
    (3, 1): 0.008, (1, 4): 0.006, (2, 3): 0.004, (3, 2): 0.003, (4, 1): 0.002,
}
SKIP_PRIOR = 0.004
VARIANCE = 6.8  # Gale and Church's variance of English characters per source character


def gale_church_chunks(pair: DocumentPair) -> ChunkScorer:
    """log P(length difference | same meaning) + log P(shape), as Gale and Church (1993).

    The difference between the English length and the Chinese length times the ratio (the
    document's, or the local one along a long document's anchor path) is normalised by its expected spread, which grows with the Chinese length.
    """
    ratios = pair.row_ratio
    zh = pair.src_span_lengths
    en = pair.tgt_span_lengths

    def chunk(i0: int, i1: int, c0: int, c1: int) -> ShapeScores:
        ratio = ratios[i0:i1][:, None]

        def get(shape: Shape) -> np.ndarray:
            x, y = shape
            a = zh[x, i0:i1][:, None]
            b = en[y, c0 : c1 + 1][None, :]
            delta = (b - ratio * a) / np.sqrt(VARIANCE * ratio * (a + 1.0))
            return -0.5 * delta * delta + np.log(PRIORS.get(shape, 0.001))

        return get

    return chunk


SCORER = register(
    Scorer(
        name="length",
        description="Gale-Church: character lengths and bead priors only (no model)",
        prepare=gale_church_chunks,
        skip=float(np.log(SKIP_PRIOR)),
        needs_embeddings=False,
    )
)
