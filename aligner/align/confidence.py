"""Calibrated confidence: the chance that a bead is exactly right.

A bead's own search score says little on its own (a good 1-1 and a doubtful 1-3 can score
alike), so the confidence is a logistic model of a few features of the bead and its
neighbours (errors cluster: one misplaced border spoils two beads) and of what the bead
lacks (its weakest sentence's best cosine to the other side, and how little its least needed
border sentence adds to the search's score, :attr:`.search.Step.gain`), and of what may be
missing from it (a neighbouring sentence left unaligned, and how much it would gain with one
more adjacent sentence, :attr:`.search.Step.reach`: a bead cut out of a larger one). The coefficients were fitted
by ``bench/orphans.py --calibration`` on MAC-Dev, its deletion/insertion sets and
``../shared/realworld`` pseudo-gold documents and their deletion/insertion sets, each kind
of text weighted alike, and on unrelated pairs (one document's Chinese with another's
English: every pair bead wrong, so a bead with no evidence at all is not scored by
extrapolation), and pasted here; the bench prints the calibration table per kind, held out
per document and per family. Unaligned (1-0, 0-1) beads get the smoothed share of such
beads that were gold. These are development-set figures.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .orphans import support
from .pair import DocumentPair
from .search import Step
from .support import unsupported

FEATURES = ("bias", "score", "one_to_one", "size", "weakest_neighbour", "weakest_sentence", "unsupported", "gain",
            "cosine", "margin", "skip_neighbour", "reach")
COEFFICIENTS: tuple[float, ...] = (-0.8759, 2.6205, 0.6531, -0.8583, 3.5805, -0.7939, -0.6447, 3.8814, 0.372, 2.6643, -1.9531, -0.3504)  # bench/orphans.py --calibration
SKIP_PROBABILITY = 0.333  # (gold + 1) / (skips + 2) on MAC-Dev: 1 of 4


def features(steps: Sequence[Step], pair: DocumentPair | None = None) -> np.ndarray:
    """One row of :data:`FEATURES` per step (rows of skips are unused).

    ``weakest_sentence`` is the lowest best-cosine of any sentence of the bead to the other
    side (:func:`.orphans.support`): a bead that glued on a sentence with no counterpart has
    a good score from its other sentences, but this feature sees what it lacks. Without a
    pair (no embeddings) it is 1, the neutral value. ``unsupported`` is the largest
    unsupportedness (:func:`.support.unsupported`: no similar sentence anywhere near, on the
    document's own scale) of the bead's sentences; 0 without a pair. ``gain`` is
    :attr:`.search.Step.gain` clipped to [-1, 1]: what the bead's least needed border sentence
    adds to its score (0 for a bead with one sentence a side, whose doubts the other features carry).
    ``cosine`` is the cosine of the two sides' summed embeddings and ``margin`` how much it
    exceeds the best cosine of either side with the single sentence just outside the bead on
    the other side (a bead one sentence off pairs about as well with its neighbour); both 1
    without a pair. ``skip_neighbour`` is 1 when a sentence next to the bead was left
    unaligned (a real orphan, or the rest of a bead cut too short; a blank line is not one); ``reach`` is
    :attr:`.search.Step.reach` clipped to [-1, 1] (a bead that scores about as well with a
    neighbouring sentence added may be cut short).
    """
    rows = np.zeros((len(steps), len(FEATURES)))
    src_u, tgt_u = unsupported(pair) if pair is not None and pair.n and pair.m else (None, None)
    for k, s in enumerate(steps):
        x, y = s.i1 - s.i0, s.j1 - s.j0
        near = [steps[q] for q in (k - 1, k + 1) if 0 <= q < len(steps)]
        pair_near = [t.score for t in near if t.i1 > t.i0 and t.j1 > t.j0]
        weakest = support(pair, s, lexical=False).weakest if pair is not None and x and y else 1.0
        lack = max(src_u[s.i0 : s.i1].max(initial=0.0), tgt_u[s.j0 : s.j1].max(initial=0.0)) if src_u is not None else 0.0
        own, margin = _margin(pair, s) if pair is not None and x and y else (1.0, 1.0)
        skipped = float(any(_left_out(t, pair) for t in near))
        rows[k] = (1.0, s.score, float((x, y) == (1, 1)), x + y, min(pair_near, default=s.score), weakest, lack,
                   min(max(s.gain, -1.0), 1.0), own, margin, skipped, min(max(s.reach, -1.0), 1.0))
    return rows


def _left_out(t: Step, pair: DocumentPair | None) -> bool:
    """A 1-0 or 0-1 step whose sentence has text (a blank line of a presplit file says nothing)."""
    if t.i1 > t.i0 and t.j1 > t.j0:
        return False
    if pair is None:
        return True
    return any(s.strip() for s in pair.src[t.i0 : t.i1]) or any(s.strip() for s in pair.tgt[t.j0 : t.j1])


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    den = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / den if den > 0 else 0.0


def _margin(pair: DocumentPair, s: Step) -> tuple[float, float]:
    """(cosine of the bead's summed sides, that cosine minus the best rival's)."""
    src, tgt = pair.src_vectors, pair.tgt_vectors
    a = src[s.i0 : s.i1].astype(np.float32).sum(axis=0)
    b = tgt[s.j0 : s.j1].astype(np.float32).sum(axis=0)
    own = _cos(a, b)
    rivals = [_cos(a, tgt[j].astype(np.float32)) for j in (s.j0 - 1, s.j1) if 0 <= j < pair.m]
    rivals += [_cos(src[i].astype(np.float32), b) for i in (s.i0 - 1, s.i1) if 0 <= i < pair.n]
    return own, own - max(rivals, default=0.0)


def confidences(steps: Sequence[Step], pair: DocumentPair | None = None,
                coefficients: Sequence[float] = COEFFICIENTS) -> list[float]:
    """A probability per step, rounded to 4 places so output is stable across platforms."""
    if not steps:
        return []
    logits = features(steps, pair) @ np.asarray(coefficients)
    out = []
    for s, z in zip(steps, logits):
        if s.i1 > s.i0 and s.j1 > s.j0:
            out.append(round(1.0 / (1.0 + math.exp(-float(np.clip(z, -30, 30)))), 4))
        else:
            out.append(SKIP_PROBABILITY)
    return out


def fit(rows: np.ndarray, gold: np.ndarray, iterations: int = 50, ridge: float = 1e-3,
        weights: np.ndarray | None = None) -> np.ndarray:
    """Logistic regression by Newton's method (small, so no extra dependency).

    ``weights`` per row let each kind of text count alike however many beads it has."""
    sw = np.ones(len(gold)) if weights is None else np.asarray(weights, dtype=float)
    w = np.zeros(rows.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(rows @ w)))
        grad = rows.T @ (sw * (p - gold)) + ridge * w
        hess = (rows * (sw * p * (1 - p))[:, None]).T @ rows + ridge * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w
