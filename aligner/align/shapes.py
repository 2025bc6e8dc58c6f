"""The bead shapes the search may use.

About 10% of gold beads in literary Chinese-English have three or more sentences on one side,
so every x-y with x + y <= 5 is allowed, plus the two skips. The order of ``PAIR_SHAPES`` is
the tie-break order: on an exact score tie the earlier shape wins, so output is deterministic.
"""
from __future__ import annotations

Shape = tuple[int, int]

MAX_SIDE = 4  # largest number of sentences on one side of a bead
MAX_TOTAL = 5  # largest x + y

PAIR_SHAPES: tuple[Shape, ...] = tuple(
    sorted(
        ((x, y) for x in range(1, MAX_SIDE + 1) for y in range(1, MAX_SIDE + 1) if x + y <= MAX_TOTAL),
        key=lambda s: (s[0] + s[1], abs(s[0] - s[1]), -s[0]),
    )
)
"""(1, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (3, 2), (2, 3), (4, 1), (1, 4)."""

SKIP_SRC: Shape = (1, 0)  # a Chinese sentence left without English
SKIP_TGT: Shape = (0, 1)  # an English sentence left without Chinese

ANCHOR_SHAPES: tuple[Shape, ...] = ((1, 1), (2, 1), (1, 2))
"""Shapes of the coarse anchor pass: enough to follow the diagonal, cheap to search."""
