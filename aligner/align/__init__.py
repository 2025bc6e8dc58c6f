"""Sentence alignment of a Chinese and an English document.

``align(src, tgt)`` returns beads (n:m sentence groups) that cover every sentence of both
sides exactly once, in order, each with a calibrated confidence and, on request, the anchors
that explain it. Scorers are pluggable (:func:`available_scorers`); the search is an anchored,
banded dynamic programme over every x-y bead with x + y <= 5, plus skips whose cost depends on
each sentence's support on the other side (:mod:`.support`).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..model import Bead, TermEntry
from ..wording import count
from . import anchors as _anchors
from . import halves as _halves
from . import support as _support
from .confidence import confidences
from .explain import anchors as _explain
from .orphans import GAIN_MARGIN, split_orphans, with_gains
from .pair import DocumentPair
from .scorers import Scorer, available_scorers, get_scorer
from .search import Step, band_around, best_path, full_band
from .shapes import PAIR_SHAPES

__all__ = ["align", "available_scorers", "align_steps", "DocumentPair", "get_scorer"]

FINAL_WIDTH = 8  # band half-width of the full search around the anchor path, in sentences


def _band(pair: DocumentPair, scorer: Scorer, progress: Callable[[str], None] | None
          ) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]] | None]:
    """Every column for small inputs; else a band around the anchor pass's path (returned too)."""
    n, m = pair.n, pair.m
    if n * m <= _anchors.FULL_CELLS or min(n, m) < 4:
        return (*full_band(n, m), None)
    if progress:
        progress(f"align: anchor pass over {n} x {m} sentences")
    if scorer.needs_embeddings:
        coarse = _anchors.anchor_path(_anchors.pool(pair.src_vectors), _anchors.pool(pair.tgt_vectors))
        points = [(min(_anchors.POOL * a, n), min(_anchors.POOL * b, m)) for a, b in coarse]
    else:
        points = _anchors.length_path(pair.src_lengths, pair.tgt_lengths)
    pair.set_anchor_path(points)
    return (*band_around(points, n, m, FINAL_WIDTH), points)


def align_steps(pair: DocumentPair, scorer: Scorer, progress: Callable[[str], None] | None = None, *,
                orphans: bool | None = None, model: _support.SkipModel | None = _support.DEFAULT_MODEL,
                orphan_gain: float | None = GAIN_MARGIN) -> list[Step]:
    """The best path of beads for a prepared document pair (raw scores).

    Empty sentences (blank lines of a presplit file) carry no evidence: they are left out of
    the search and come back as unaligned beads where they stood, or inside the bead that
    spans them. ``orphans`` runs the second pass of :mod:`.orphans` over the path; ``model``
    sets the per-sentence skip costs and glue penalties of :mod:`.support` (None: one skip
    cost for every sentence, as before); ``orphan_gain`` is the pass's margin on the search's
    own score (None: the cosine rule alone). Each step's :attr:`Step.gain` is measured.
    """
    orphans = _support.ORPHAN_PASS if orphans is None else orphans
    n, m = pair.n, pair.m
    src_kept = [k for k, s in enumerate(pair.src) if s.strip()]
    tgt_kept = [k for k, s in enumerate(pair.tgt) if s.strip()]
    if len(src_kept) == n and len(tgt_kept) == m:
        return _search(pair, scorer, progress, orphans, model, orphan_gain)
    inner = DocumentPair([pair.src[k] for k in src_kept], [pair.tgt[k] for k in tgt_kept], pair.glossary, pair.cache_dir,
                         pair.progress)
    src_at = src_kept + [n]  # compact index -> original index (and the end)
    tgt_at = tgt_kept + [m]
    steps: list[Step] = []
    i, j = 0, 0  # original sentences placed so far
    for step in _search(inner, scorer, progress, orphans, model, orphan_gain):
        i0, j0 = src_at[step.i0], tgt_at[step.j0]
        steps.extend(Step(k, k + 1, j, j, scorer.skip) for k in range(i, i0))
        steps.extend(Step(i0, i0, k, k + 1, scorer.skip) for k in range(j, j0))
        i1 = src_at[step.i1 - 1] + 1 if step.i1 > step.i0 else i0
        j1 = tgt_at[step.j1 - 1] + 1 if step.j1 > step.j0 else j0
        steps.append(Step(i0, i1, j0, j1, step.score, step.gain, step.reach))
        i, j = i1, j1
    steps.extend(Step(k, k + 1, j, j, scorer.skip) for k in range(i, n))
    steps.extend(Step(n, n, k, k + 1, scorer.skip) for k in range(j, m))
    return steps


@lru_cache(maxsize=1)
def _one_blas_thread() -> None:
    """BLAS at one thread for the process, as loading the network does (:mod:`.encoder`):
    when every vector comes from the cache the network is never loaded, and OpenBLAS's own
    spinning threads then cost the search 3.5x the CPU (6 s instead of 21 s at 20,000
    sentences a side, measured) for products too small to share."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def _search(pair: DocumentPair, scorer: Scorer, progress: Callable[[str], None] | None, orphans: bool,
            model: _support.SkipModel | None, orphan_gain: float | None) -> list[Step]:
    _one_blas_thread()
    n, m = pair.n, pair.m
    if n == 0 or m == 0:
        return [Step(i, i + 1, 0, 0, scorer.skip) for i in range(n)] + [
            Step(n, n, j, j + 1, scorer.skip) for j in range(m)
        ]
    if scorer.needs_embeddings and progress:
        progress(f"align: embedding {n} Chinese and {count(m, 'English sentence')}")
    if scorer.needs_embeddings and model is not None and model.lexical:
        pair.embed_beside_lexical()  # the skip costs' support needs both
    if scorer.needs_embeddings:
        pair.release_model()  # a long pair's texts are all embedded (clauses pooled): the rest needs no network
    if scorer.needs_embeddings and pair.long:  # the span norms (numpy) beside the anchor pass (Python)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1) as pool:
            norms = pool.submit(lambda: pair.span_norms)
            try:
                lo, hi, points = _band(pair, scorer, progress)
            finally:
                norms.result()
    else:
        lo, hi, points = _band(pair, scorer, progress)
    if progress:
        progress(f"align: searching {n} x {m} sentences")
    raw = chunk = scorer.prepare(pair)
    if scorer.needs_embeddings:
        pair.release_model()  # the clauses, when embedded as texts, are now too
    skip: float | tuple[np.ndarray, np.ndarray] = scorer.skip
    if scorer.needs_embeddings and model is not None:
        c = _support.costs(pair, scorer.skip, model, points)
        chunk, skip = _support.with_glue_penalty(chunk, c, model.penalty), (c.src_skip, c.tgt_skip)
    memo: dict = {}  # bead scores with and without border sentences, shared by the pass and the gains

    def finish(steps: list[Step]) -> list[Step]:
        if orphans and scorer.needs_embeddings:
            steps = split_orphans(pair, steps, scorer.skip, chunk=raw, gain=orphan_gain, memo=memo)
        return with_gains(raw, steps, memo, n=n, m=m) if scorer.needs_embeddings else steps

    if n + m >= _halves.SPLIT and points is not None:
        skips = skip if isinstance(skip, tuple) else (np.full(n, float(skip)), np.full(m, float(skip)))
        cut = _halves.cut_point(n, m, lo, hi, points, PAIR_SHAPES, chunk, skips)
        if cut is not None:
            return _halves.search(n, m, lo, hi, PAIR_SHAPES, chunk, skips, cut, finish)
    return finish(best_path(n, m, lo, hi, PAIR_SHAPES, chunk, skip))


def align(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    scorer: str = "default",
    glossary: Sequence[TermEntry] = (),
    explain: bool = False,
    progress: Callable[[str], None] | None = None,
    cache_dir: Path | None = None,
) -> list[Bead]:
    """Align Chinese sentences ``src`` with English sentences ``tgt``.

    Every sentence of both sides is in exactly one bead, in order; a bead's side may be
    empty (an unaligned sentence). ``score`` is the calibrated chance the bead is exactly
    right. ``glossary`` pairs count as anchors. ``explain`` fills ``anchors`` with the
    reasons. ``cache_dir`` keeps sentence embeddings on disk between runs (benchmarks).
    Raises :class:`aligner.errors.UsageError` for an unknown ``scorer``.
    """
    chosen = get_scorer(scorer)
    pair = DocumentPair(list(src), list(tgt), tuple(glossary), cache_dir, progress)
    steps = align_steps(pair, chosen, progress)
    beads: list[Bead] = []
    for step, score in zip(steps, confidences(steps, pair if chosen.needs_embeddings else None)):
        s = tuple(range(step.i0, step.i1))
        t = tuple(range(step.j0, step.j1))
        reasons = _explain(pair, s, t, with_embedding=chosen.needs_embeddings) if explain else ()
        beads.append(Bead(s, t, score, reasons))
    return beads
