"""Orphans: sentences that have no counterpart on the other side.

The search scores beads by sums, so a sentence the other side lacks (a translator's
omission, a note added to the English later) costs little when glued to a good neighbour:
the neighbour's similarity carries the bead. This module measures each sentence's *support*
inside its bead (its best cosine to any single sentence of the other side, and the
dictionary/number/name weight it shares with that side), and a second pass over the chosen
path splits a border sentence off as a 1-0 or 0-1 bead when it has no support and the
bead without it pairs better (a higher cosine of the two sides' summed embeddings) than with
it: a sentence that translates part of the other side raises that cosine, an unrelated one
lowers it. The thresholds were measured on deletion/insertion sets
built from MAC-Dev and ``../shared/realworld`` (``bench/orphans.py``): development figures.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .pair import DocumentPair
from .search import Step

ORPHAN_COSINE = 0.50  # a border sentence whose best cosine to the other side is below this ...
ORPHAN_MARGIN = 0.15  # ... whose removal raises the bead's cosine by at least this ...
ORPHAN_LEXICAL = 0.05  # ... and that shares no dictionary item with it (every item weighs >= 0.05), is an orphan


@dataclass(frozen=True)
class Support:
    """Per sentence of a bead: best cosine to one sentence of the other side, shared lexical weight."""

    src_cos: np.ndarray
    tgt_cos: np.ndarray
    src_lex: np.ndarray
    tgt_lex: np.ndarray

    @property
    def weakest(self) -> float:
        """The lowest best-cosine of any sentence in the bead (what the bead lacks)."""
        both = np.concatenate([self.src_cos, self.tgt_cos])
        return float(both.min()) if len(both) else 0.0


def _shared(pair: DocumentPair, i0: int, i1: int, j0: int, j1: int) -> np.ndarray:
    from .scorers.lexical import shared_weight

    return shared_weight(pair.lexical, i0, i1, j0, j1)


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    den = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / den if den > 0 else 0.0


def support(pair: DocumentPair, step: Step, *, lexical: bool = True) -> Support:
    """How well each sentence of a pair bead is matched by the other side of the bead."""
    src = pair.src_vectors[step.i0 : step.i1].astype(np.float32)
    tgt = pair.tgt_vectors[step.j0 : step.j1].astype(np.float32)
    sims = src @ tgt.T if len(src) and len(tgt) else np.zeros((len(src), len(tgt)))
    if lexical and len(src) and len(tgt):
        hits = _shared(pair, step.i0, step.i1, step.j0, step.j1)
    else:
        hits = np.zeros((len(src), len(tgt)))
    return Support(
        sims.max(axis=1) if len(tgt) else np.zeros(len(src)),
        sims.max(axis=0) if len(src) else np.zeros(len(tgt)),
        hits.sum(axis=1),
        hits.sum(axis=0),
    )


def _rest_cosine(pair: DocumentPair, i0: int, i1: int, j0: int, j1: int) -> float:
    a = pair.src_vectors[i0:i1].astype(np.float32).sum(axis=0)
    b = pair.tgt_vectors[j0:j1].astype(np.float32).sum(axis=0)
    return _cos(a, b)


def _drop_one(pair: DocumentPair, s: Step, sup: Support, skip: float,
              cosine: float, margin: float, lex: float) -> list[Step] | None:
    """The bead split into an orphan and the rest, or None when no border sentence is one."""
    options = []
    if s.i1 - s.i0 >= 2:
        options += [("src", 0, sup.src_cos[0], sup.src_lex[0]), ("src", -1, sup.src_cos[-1], sup.src_lex[-1])]
    if s.j1 - s.j0 >= 2:
        options += [("tgt", 0, sup.tgt_cos[0], sup.tgt_lex[0]), ("tgt", -1, sup.tgt_cos[-1], sup.tgt_lex[-1])]
    best = None
    full = _rest_cosine(pair, s.i0, s.i1, s.j0, s.j1)
    for side, end, c, h in options:
        if c >= cosine or h >= lex:
            continue
        if side == "src":
            i0, i1 = (s.i0 + 1, s.i1) if end == 0 else (s.i0, s.i1 - 1)
            rest = _rest_cosine(pair, i0, i1, s.j0, s.j1)
        else:
            i0, i1 = s.i0, s.i1
        if side == "tgt":
            j0, j1 = (s.j0 + 1, s.j1) if end == 0 else (s.j0, s.j1 - 1)
            rest = _rest_cosine(pair, s.i0, s.i1, j0, j1)
        else:
            j0, j1 = s.j0, s.j1
        if rest - full < margin:  # the sentence must make the pair worse, not just add little
            continue
        if best is None or rest - full > best[0]:
            kept = Step(i0, i1, j0, j1, s.score - skip)
            if side == "src":
                k = s.i0 if end == 0 else s.i1 - 1
                orphan = Step(k, k + 1, s.j0 if end == 0 else s.j1, s.j0 if end == 0 else s.j1, skip)
            else:
                k = s.j0 if end == 0 else s.j1 - 1
                orphan = Step(s.i0 if end == 0 else s.i1, s.i0 if end == 0 else s.i1, k, k + 1, skip)
            best = (rest - full, [orphan, kept] if end == 0 else [kept, orphan])
    return None if best is None else best[1]


def split_orphans(pair: DocumentPair, steps: Sequence[Step], skip: float, *, cosine: float = ORPHAN_COSINE,
                  margin: float = ORPHAN_MARGIN, lex: float = ORPHAN_LEXICAL) -> list[Step]:
    """Second pass over the path: peel unsupported border sentences off n:m beads as orphans.

    Repeats on what is left of a bead, so a 1-3 bead with two added English sentences can
    become 1-1 plus two 0-1 beads. Only beads with two or more sentences on a side are tested:
    a 1-1 bead has no "rest" to compare with, and its doubts go into its confidence instead.
    """
    out: list[Step] = []
    todo = list(steps)[::-1]
    while todo:
        s = todo.pop()
        if s.i1 - s.i0 >= 1 and s.j1 - s.j0 >= 1 and (s.i1 - s.i0) + (s.j1 - s.j0) >= 3:
            parts = _drop_one(pair, s, support(pair, s), skip, cosine, margin, lex)
            if parts is not None:
                todo.extend(parts[::-1])
                continue
        out.append(s)
    return out
