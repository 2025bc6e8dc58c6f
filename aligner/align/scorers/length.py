"""Length agreement (Gale-Church's insight, character based).

English runs about three characters per Chinese character, but the ratio depends on the text,
so it is estimated per document. The score is the ratio of the shorter to the longer side
after scaling, in (0, 1]: 1 when the lengths agree exactly.
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
    zh = pair.src_span_lengths * pair.length_ratio + SMOOTH
    en = pair.tgt_span_lengths + SMOOTH

    def chunk(i0: int, i1: int, c0: int, c1: int) -> ShapeScores:
        def get(shape: Shape) -> np.ndarray:
            x, y = shape
            a = zh[x, i0:i1][:, None]
            b = en[y, c0 : c1 + 1][None, :]
            return np.minimum(a, b) / np.maximum(a, b)

        return get

    return chunk


def _scorer(pair: DocumentPair) -> ChunkScorer:
    agree = agreement_chunks(pair)

    def chunk(i0: int, i1: int, c0: int, c1: int) -> ShapeScores:
        get = agree(i0, i1, c0, c1)
        return lambda shape: 1.0 + 2.0 * np.log(get(shape))

    return chunk


SCORER = register(
    Scorer(
        name="length",
        description="character-length agreement only (Gale-Church style, no model)",
        prepare=_scorer,
        skip=0.0,
        needs_embeddings=False,
    )
)
