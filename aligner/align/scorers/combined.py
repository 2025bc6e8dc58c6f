"""Combinations of the single-signal scorers; ``default`` is the best on MAC-Dev.

A pair bead scores
``(cos * (1 - L + L * length_agreement) + W * lexical_coverage) * ((x + y) / 2) ** S
+ G * gale_church + B * border``: the embedding says whether the two sides mean the same,
the length factor (as in Bertalign) discourages beads whose sides differ much in size, and
dictionary/number/name hits add evidence the embedding model misses, which matters most for
names and short lines; the size factor offsets the sum-of-beads objective's bias towards many
small beads, and a little of Gale and Church's log-probability (length difference and
bead-shape prior) breaks ties between shapes the embedding cannot tell apart. The border term
(``border.py``) compares the clauses on either side of the bead's end, which decides most of
the beads that are one sentence off (0.902 -> 0.925 strict F1 on MAC-Dev).
The weights were tuned on MAC-Dev (see ``bench/mac_dev.py``); picked for each chapter on the
other five (``--loo-weights``) they score strict F1 0.914 held out, against 0.915 in-sample
with the per-sentence skip costs and the orphan pass (0.918 against 0.925 before them).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..pair import DocumentPair
from ..search import ChunkScorer, ShapeScores
from ..shapes import Shape
from . import Scorer, register
from .border import edge_chunks
from .embedding import cosine_chunks
from .length import agreement_chunks, gale_church_chunks
from .lexical import hit_chunks


@dataclass(frozen=True)
class Weights:
    """How much each signal counts in a combined scorer."""

    length: float  # L: how much length disagreement scales the cosine down (0 = ignore)
    lexical: float  # W: weight of the lexical coverage (0 = ignore)
    size: float = 0.0  # S: a bead counts ((x + y) / 2) ** S times, so beads are not over-split
    gale_church: float = 0.0  # G: weight of the Gale-Church log-probability (length + shape prior)
    border: float = 0.0  # B: weight of the clause evidence at the bead's end (``border.py``)


def combination(weights: Weights) -> Callable[[DocumentPair], ChunkScorer]:
    """A scorer's ``prepare`` that mixes the signals with ``weights``."""

    def prepare(pair: DocumentPair) -> ChunkScorer:
        emb = cosine_chunks(pair.src_vectors, pair.tgt_vectors, pair.span_norms)
        agree = agreement_chunks(pair) if weights.length else None
        lex = hit_chunks(pair.lexical, pair.n, pair.m) if weights.lexical else None
        gc = gale_church_chunks(pair) if weights.gale_church else None
        edges = edge_chunks(pair) if weights.border else None

        def chunk(i0: int, i1: int, c0: int, c1: int) -> ShapeScores:
            e = emb(i0, i1, c0, c1)
            a = agree(i0, i1, c0, c1) if agree else None
            x = lex(i0, i1, c0, c1) if lex else None
            g = gc(i0, i1, c0, c1) if gc else None
            b = weights.border * edges(i0, i1, c0, c1) if edges else None

            def get(shape: Shape) -> np.ndarray:
                score = e(shape)
                if a is not None:
                    score = score * (1.0 - weights.length + weights.length * a(shape))
                if x is not None:
                    score = score + weights.lexical * x(shape)
                if weights.size:
                    score = score * ((shape[0] + shape[1]) / 2.0) ** weights.size
                if g is not None:
                    score = score + weights.gale_church * g(shape)
                if b is not None:
                    score = score + b
                return score

            return get

        return chunk

    return prepare


DEFAULT = Weights(length=0.7, lexical=0.5, size=0.4, gale_church=0.02, border=0.5)  # tuned on MAC-Dev
SKIP = -0.2  # tuned on MAC-Dev

register(
    Scorer(
        name="embedding+length",
        description="embedding cosine scaled by length agreement (Bertalign's recipe)",
        prepare=combination(Weights(length=0.5, lexical=0.0)),
        skip=-0.1,
    )
)
register(
    Scorer(
        name="default",
        description="embedding x length agreement + lexical anchors + clause evidence at borders (best on MAC-Dev)",
        prepare=combination(DEFAULT),
        skip=SKIP,
    )
)
