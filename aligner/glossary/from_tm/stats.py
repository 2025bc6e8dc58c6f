"""Association of a Chinese and an English phrase over sentence pairs: Dice and
Dunning's log-likelihood ratio, from the counts of pairs each occurs in and both occur in.

Why sentence pairs and not word alignment: a term pair recurs in the same pairs, and the
counts need no training; an IBM-1 model would mostly relearn CC-CEDICT on a small TM.
"""
from __future__ import annotations

import math
from functools import lru_cache


def dice(both: int, a: int, b: int) -> float:
    """2·both / (a + b): 1.0 when the two phrases always occur together."""
    return 2 * both / (a + b) if a + b else 0.0


def _xlogx(values: tuple[int, ...]) -> float:
    total = sum(values)
    return sum(v * math.log(v) for v in values if v) - (total * math.log(total) if total else 0.0)


@lru_cache(maxsize=65536)  # the same small counts recur over a corpus's candidates
def log_likelihood(both: int, a: int, b: int, n: int) -> float:
    """G² of the 2×2 table of ``n`` pairs: ``a`` hold the Chinese, ``b`` the English, ``both``
    hold both. Large when the co-occurrence is more than chance (Dunning 1993)."""
    both = min(both, a, b)
    k11, k12, k21 = both, a - both, b - both
    k22 = max(n - a - b + both, 0)
    rows = (k11 + k12, k21 + k22)
    cols = (k11 + k21, k12 + k22)
    g2 = 2 * (_xlogx((k11, k12, k21, k22)) - _xlogx(rows) - _xlogx(cols))
    return max(g2, 0.0)
