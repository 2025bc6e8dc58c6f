"""Orphans: sentences that have no counterpart on the other side.

The search scores beads by sums, so a sentence the other side lacks (a translator's
omission, a note added to the English later) costs little when glued to a good neighbour:
the neighbour's similarity carries the bead, and leaving the sentence out costs the skip.
A second pass over the chosen path therefore tests each border sentence of an n:m bead and
splits it off as a 1-0 or 0-1 bead when

* the bead scores at least :data:`GAIN_MARGIN` more without it, by the search's own score
  (the search kept it only because the skip costs more than the loss it causes: a real
  second sentence of a 1-2 bead raises the score, a glued orphan lowers it), or
* it has no support inside the bead (its best cosine to any single sentence of the other
  side is low and it shares no dictionary/number/name item with it) and the bead without it
  pairs better (a higher cosine of the two sides' summed embeddings).

What each bead's least needed border sentence adds (:func:`with_gains`) also goes into the
confidence. The thresholds were measured on deletion/insertion sets built from MAC-Dev and
``../shared/realworld`` (``bench/orphans.py``, leave-one-document-out with ``--loo``):
development figures.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .pair import DocumentPair
from .search import ChunkScorer, Step
from .shapes import MAX_SIDE, MAX_TOTAL

ORPHAN_COSINE = 0.50  # a border sentence whose best cosine to the other side is below this ...
ORPHAN_MARGIN = 0.15  # ... whose removal raises the bead's cosine by at least this ...
ORPHAN_LEXICAL = 0.05  # ... and that shares no dictionary item with it (every item weighs >= 0.05), is an orphan
GAIN_MARGIN = 0.10  # a border sentence without which its bead scores this much more (the search's own score) is an orphan


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


def bead_score(chunk: ChunkScorer, i0: int, i1: int, j0: int, j1: int) -> float:
    """The search's own score of one pair bead (``chunk`` as the scorer prepared it)."""
    return float(chunk(i1, i1 + 1, j1, j1)((i1 - i0, j1 - j0))[0, 0])


def _options(s: Step) -> list[tuple[str, int, tuple[int, int, int, int]]]:
    """Each border sentence of a side with two or more sentences: (side, end, the bead without it)."""
    out = []
    if s.i1 - s.i0 >= 2:
        out += [("src", 0, (s.i0 + 1, s.i1, s.j0, s.j1)), ("src", -1, (s.i0, s.i1 - 1, s.j0, s.j1))]
    if s.j1 - s.j0 >= 2:
        out += [("tgt", 0, (s.i0, s.i1, s.j0 + 1, s.j1)), ("tgt", -1, (s.i0, s.i1, s.j0, s.j1 - 1))]
    return out


def _rises(chunk: ChunkScorer, s: Step, memo: dict) -> dict[tuple[int, int, int, int], float]:
    """How much more each of the bead's rests (:func:`_options`) scores than the bead, from one
    scorer call over the two rows and columns where the bead and its rests end; memoised."""
    key = (s.i0, s.i1, s.j0, s.j1)
    if key not in memo:
        r0 = s.i1 - 1 if s.i1 - s.i0 >= 2 else s.i1
        c0 = s.j1 - 1 if s.j1 - s.j0 >= 2 else s.j1
        get = chunk(r0, s.i1 + 1, c0, s.j1)

        def at(i0: int, i1: int, j0: int, j1: int) -> float:
            return float(get((i1 - i0, j1 - j0))[i1 - r0, j1 - c0])

        full = at(*key)
        memo[key] = {rest: at(*rest) - full for _, _, rest in _options(s)}
    return memo[key]


REACH_BLOCK = 32  # pair beads whose extensions are scored by one scorer call


def _extensions(s: Step, n: int, m: int) -> list[tuple[tuple[int, int], int, int]]:
    """(shape, end row, end column) of each bead one sentence larger than ``s`` (before or
    after it, on either side) that is a shape the search has."""
    x, y = s.i1 - s.i0, s.j1 - s.j0
    out = []
    if x + y < MAX_TOTAL:
        if x < MAX_SIDE:
            out += [((x + 1, y), s.i1, s.j1)] if s.i0 > 0 else []
            out += [((x + 1, y), s.i1 + 1, s.j1)] if s.i1 < n else []
        if y < MAX_SIDE:
            out += [((x, y + 1), s.i1, s.j1)] if s.j0 > 0 else []
            out += [((x, y + 1), s.i1, s.j1 + 1)] if s.j1 < m else []
    return out


def _reaches(chunk: ChunkScorer, beads: Sequence[Step], n: int, m: int) -> list[float]:
    """Per pair bead, the most its score rises with one more sentence just outside it (-1 when
    no such bead exists), from one scorer call per block of consecutive beads (the rows and
    columns where they and their extensions end)."""
    out: list[float] = []
    for b in range(0, len(beads), REACH_BLOCK):
        block = beads[b : b + REACH_BLOCK]
        r0, c0 = block[0].i1, block[0].j1
        get = chunk(r0, min(block[-1].i1 + 2, n + 1), c0, min(block[-1].j1 + 1, m))
        memo: dict[tuple[int, int], np.ndarray] = {}

        def at(shape: tuple[int, int], i: int, j: int) -> float:
            if shape not in memo:
                memo[shape] = get(shape)
            return float(memo[shape][i - r0, j - c0])

        for s in block:
            ext = _extensions(s, n, m)
            own = at((s.i1 - s.i0, s.j1 - s.j0), s.i1, s.j1) if ext else 0.0
            out.append(max((at(*e) for e in ext), default=own - 1.0) - own)
    return out


def with_gains(chunk: ChunkScorer, steps: Sequence[Step], memo: dict | None = None, *, n: int | None = None,
               m: int | None = None) -> list[Step]:
    """``steps`` with :attr:`Step.gain` and :attr:`Step.reach` measured. The gain is the bead's
    score minus its score without its least needed border sentence (the lowest over the border
    sentences of sides with two or more sentences): a real 1-2 bead's second sentence adds to
    the score; a glued orphan adds little or takes away. The reach is the most it gains with
    one more adjacent sentence: a correct bead loses clearly, one cut short does not (both read
    by the confidence model). ``memo`` is shared with :func:`split_orphans`, which scored most
    of the gains' beads already. ``n`` and ``m`` are the pair's sentence counts (by default
    where ``steps`` end: a part of the path needs them given)."""
    memo = {} if memo is None else memo
    n = max((s.i1 for s in steps), default=0) if n is None else n
    m = max((s.j1 for s in steps), default=0) if m is None else m
    pairs = [s for s in steps if s.i1 > s.i0 and s.j1 > s.j0]
    reach = dict(zip(((s.i0, s.j0) for s in pairs), _reaches(chunk, pairs, n, m)))
    out = []
    for s in steps:
        if s.i1 > s.i0 and s.j1 > s.j0:
            s = replace(s, reach=reach[(s.i0, s.j0)])
            if _options(s):
                s = replace(s, gain=-max(_rises(chunk, s, memo).values()))
        out.append(s)
    return out


def _drop_one(pair: DocumentPair, s: Step, sup: Support, skip: float, cosine: float, margin: float, lex: float,
              chunk: ChunkScorer | None, gain: float, memo: dict) -> list[Step] | None:
    """The bead split into an orphan and the rest, or None when no border sentence is one.

    A border sentence is an orphan when the bead without it scores at least ``gain`` more by
    the search's own score (the search glued it because leaving it out costs the skip), or
    when it has no support (cosine below ``cosine``, no dictionary item) and the rest's summed
    embeddings pair at least ``margin`` better without it. The strongest case is split off."""
    full_cos = _rest_cosine(pair, s.i0, s.i1, s.j0, s.j1)
    rises = _rises(chunk, s, memo) if chunk is not None else {}
    best = None
    for side, end, (i0, i1, j0, j1) in _options(s):
        k = end if end == 0 else -1
        c, h = (sup.src_cos[k], sup.src_lex[k]) if side == "src" else (sup.tgt_cos[k], sup.tgt_lex[k])
        strength = None
        if chunk is not None:
            rise = rises[(i0, i1, j0, j1)]
            if rise >= gain:
                strength = 1.0 + rise  # measured by the search's own score: ranks above the cosine rule
        if strength is None and c < cosine and h < lex:
            rise = _rest_cosine(pair, i0, i1, j0, j1) - full_cos
            if rise >= margin:  # the sentence must make the pair worse, not just add little
                strength = rise
        if strength is None or (best is not None and strength <= best[0]):
            continue
        kept = Step(i0, i1, j0, j1, s.score - skip)
        if side == "src":
            q = s.i0 if end == 0 else s.i1 - 1
            orphan = Step(q, q + 1, s.j0 if end == 0 else s.j1, s.j0 if end == 0 else s.j1, skip)
        else:
            q = s.j0 if end == 0 else s.j1 - 1
            orphan = Step(s.i0 if end == 0 else s.i1, s.i0 if end == 0 else s.i1, q, q + 1, skip)
        best = (strength, [orphan, kept] if end == 0 else [kept, orphan])
    return None if best is None else best[1]


def split_orphans(pair: DocumentPair, steps: Sequence[Step], skip: float, *, cosine: float = ORPHAN_COSINE,
                  margin: float = ORPHAN_MARGIN, lex: float = ORPHAN_LEXICAL, chunk: ChunkScorer | None = None,
                  gain: float | None = GAIN_MARGIN, memo: dict | None = None) -> list[Step]:
    """Second pass over the path: peel unsupported border sentences off n:m beads as orphans.

    Repeats on what is left of a bead, so a 1-3 bead with two added English sentences can
    become 1-1 plus two 0-1 beads. Only beads with two or more sentences on a side are tested:
    a 1-1 bead has no "rest" to compare with, and its doubts go into its confidence instead.
    ``chunk`` is the search's scorer (without it, or with ``gain`` None, only the cosine rule runs).
    """
    use = chunk if gain is not None else None
    memo = {} if memo is None else memo
    out: list[Step] = []
    todo = list(steps)[::-1]
    while todo:
        s = todo.pop()
        if s.i1 - s.i0 >= 1 and s.j1 - s.j0 >= 1 and (s.i1 - s.i0) + (s.j1 - s.j0) >= 3:
            parts = _drop_one(pair, s, support(pair, s), skip, cosine, margin, lex, use, gain or 0.0, memo)
            if parts is not None:
                todo.extend(parts[::-1])
                continue
        out.append(s)
    return out
