"""A long pair's search on both cores: the lattice cut in two at a point the best path takes.

The banded search and the orphan and gain passes after it run in Python on one core: about
a quarter of a 100,000-sentence pair's wall time, while the other core idles. Cut at a
lattice point the best path goes through, the two halves are independent problems: the half
after the cut is searched (and its orphans and gains measured) in a forked process while
this one does the half before it, and the two step lists are joined.

Where the best path goes is known only after the search, but dynamic-programming paths
coalesce: two searches of windows of a few hundred rows around the middle, with different
ends, take the same path through the middle of both, and that is the whole lattice's path
there too. The cut is a lattice point both windows' paths share, nearest the middle; when
they share none, the search is not cut. Where no process can be forked (a daemonic worker),
both halves run here, one after the other: the same steps either way.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
import numpy as np

from . import forked
from .search import ChunkScorer, Step, best_path, lattice_points
from .shapes import Shape

SPLIT = 40_000  # sentences (both sides) from which the search is cut in two
WINDOWS = ((300, 300), (400, 250))  # rows before and after the middle of the two probe windows
Skips = tuple[np.ndarray, np.ndarray]


def sub_path(lo: np.ndarray, hi: np.ndarray, shapes: Sequence[Shape], chunk: ChunkScorer, skip: Skips,
             start: tuple[int, int], end: tuple[int, int]) -> list[Step]:
    """:func:`.search.best_path` from lattice point ``start`` to ``end`` inside the band, in
    the whole lattice's coordinates (both points must be inside the band)."""
    (r0, c0), (r1, c1) = start, end
    sub_lo = np.clip(lo[r0 : r1 + 1] - c0, 0, c1 - c0)
    sub_hi = np.clip(hi[r0 : r1 + 1] - c0, 0, c1 - c0)
    sub_lo[0], sub_hi[-1] = 0, c1 - c0

    def shifted(i0: int, i1: int, a: int, b: int):  # type: ignore[no-untyped-def]
        return chunk(i0 + r0, i1 + r0, a + c0, b + c0)

    steps = best_path(r1 - r0, c1 - c0, sub_lo, sub_hi, shapes, shifted, (skip[0][r0:r1], skip[1][c0:c1]))
    return [Step(s.i0 + r0, s.i1 + r0, s.j0 + c0, s.j1 + c0, s.score) for s in steps]


def _inside(lo: np.ndarray, hi: np.ndarray, point: tuple[int, int]) -> bool:
    i, j = point
    return bool(lo[i] <= j <= hi[i])


def cut_point(n: int, m: int, lo: np.ndarray, hi: np.ndarray, points: Sequence[tuple[int, int]],
              shapes: Sequence[Shape], chunk: ChunkScorer, skip: Skips) -> tuple[int, int] | None:
    """A lattice point near the middle that the best path takes (see the module's doc), or None."""
    mid = n // 2
    anchors = [p for p in points if 0 < p[0] < n and _inside(lo, hi, p)]
    if not anchors:
        return None
    rows = np.array([p[0] for p in anchors])
    shared: set[tuple[int, int]] | None = None
    for before, after in WINDOWS:
        start = anchors[int(np.abs(rows - (mid - before)).argmin())]
        end = anchors[int(np.abs(rows - (mid + after)).argmin())]
        if not (start[0] < mid < end[0] and start[1] < end[1]):
            return None
        found = set(lattice_points(sub_path(lo, hi, shapes, chunk, skip, start, end))[1:-1])
        shared = found if shared is None else shared & found
    if not shared:
        return None
    return min(shared, key=lambda p: (abs(p[0] - mid), p))


def search(n: int, m: int, lo: np.ndarray, hi: np.ndarray, shapes: Sequence[Shape], chunk: ChunkScorer,
           skip: Skips, cut: tuple[int, int], finish: Callable[[list[Step]], list[Step]]) -> list[Step]:
    """``finish`` (the orphan and gain passes) of the best path from (0, 0) to (n, m) through
    ``cut``: the half after it in a forked process, the half before it here."""
    def after() -> list[Step]:
        return finish(sub_path(lo, hi, shapes, chunk, skip, cut, (n, m)))

    second = forked.start(after) or after
    first = finish(sub_path(lo, hi, shapes, chunk, skip, (0, 0), cut))
    return first + second()
