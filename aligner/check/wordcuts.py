"""jieba's word boundaries for the term checker, computed as jieba computes them, faster.

A Chinese term candidate counts only where jieba (glossary forms added as user words, no
HMM) cuts before and after it (see :mod:`aligner.check.terms`). Calling ``jieba.cut`` on
every run of text that holds a candidate was a large share of a big check: its ``get_DAG``,
``calc`` and ``__cut_DAG_NO_HMM`` build a dict of lists, a dict of tuples and a generator
per run. :func:`jieba_ends` does the same arithmetic (the same frequencies, the same
floating-point sums in the same order, ties to the longer word, single ASCII letters and
digits joined) in one backward pass over lists, so its boundaries are jieba's, not an
approximation; ``tests/test_check_wordcuts.py`` compares the two on generated text.

Measured and left out: deciding a position without any cut where no dictionary word
crosses it. That is exact too, but testing a position walks up to 15 starts before it,
which on a glossary-dense text cost more than the whole cut.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from math import log
from typing import TYPE_CHECKING

from ..script import cut_like, is_simplified_form, lookup_form

if TYPE_CHECKING:
    import jieba

# jieba cuts each run of these on its own (its re_han_default, with HMM off)
JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

#: runs whose boundaries are kept (a few hundred bytes each): TMs repeat themselves, and a
#: million-unit check must not hold all of them
CUT_CACHE = 20_000


class WordCuts:
    """Word boundaries of text for one jieba tokenizer, made on first use by ``tokenizer``
    (the glossary's forms added as user words)."""

    def __init__(self, tokenizer: Callable[[], jieba.Tokenizer]) -> None:
        self._make = tokenizer
        self._freq: dict[str, int] = {}
        self._logtotal = 0.0
        self._cache: dict[str, frozenset[int]] = {}

    def boundaries(self, text: str, spans: list[tuple[int, int]]) -> set[int]:
        """The ends of ``spans`` (offsets in ``text``) that are boundaries of jieba's cut of
        a run of ``text`` holding a span: what cutting those runs gives, restricted to the
        ends asked about.

        Two exact shortcuts: a run's own two ends are always boundaries, so a run asked only
        about those is not cut; and text without a Traditional-only character is its own
        lookup form, so its runs skip :func:`lookup_form`."""
        ends = {p for span in spans for p in span}
        found: set[int] = set()
        plain = is_simplified_form(text)
        for block in JIEBA_BLOCK.finditer(text):
            lo, hi = block.span()
            if not any(s < hi and e > lo for s, e in spans):
                continue
            inner = False
            for p in ends:
                if lo <= p <= hi:
                    if p == lo or p == hi:
                        found.add(p)
                    else:
                        inner = True
            if not inner:
                continue
            run = block.group()
            cuts = self._cache.get(run)
            if cuts is None:
                cuts = self._plain_ends(run) if plain else self.run_ends(run)
            found.update(p for p in ends if lo < p < hi and p - lo in cuts)
        return found

    def _plain_ends(self, run: str) -> frozenset[int]:
        """:meth:`run_ends` of a run that is its own lookup form (cached the same way)."""
        if len(self._cache) >= CUT_CACHE:
            self._cache.clear()
        if not self._freq:
            tokenizer = self._make()
            self._freq, self._logtotal = tokenizer.FREQ, log(tokenizer.total)
        ends = self._cache[run] = jieba_ends(run, self._freq, self._logtotal)
        return ends

    def run_ends(self, run: str) -> frozenset[int]:
        """0 and the end of every word of ``run`` as ``cut_like`` cuts it with jieba (a
        Traditional run as its Simplified lookup form); cached by the run."""
        ends = self._cache.get(run)
        if ends is None:
            if len(self._cache) >= CUT_CACHE:
                self._cache.clear()
            if not self._freq:
                tokenizer = self._make()
                self._freq, self._logtotal = tokenizer.FREQ, log(tokenizer.total)
            form = lookup_form(run)
            if len(form) == len(run) and JIEBA_BLOCK.fullmatch(form):
                ends = jieba_ends(form, self._freq, self._logtotal)
            else:  # not one run once looked up: jieba itself
                ends = _ends(cut_like(lambda t: self._make().cut(t, HMM=False), run))
            self._cache[run] = ends
        return ends


def jieba_ends(run: str, freq: dict[str, int], logtotal: float) -> frozenset[int]:
    """The word boundaries (0 and each word's end) of jieba's ``cut(run, HMM=False)`` for a
    ``run`` of :data:`JIEBA_BLOCK` characters, where ``freq`` is the tokenizer's ``FREQ``
    (every prefix of a word a key, frequency 0 unless a word) and ``logtotal`` the log of
    its ``total``."""
    n = len(run)
    score = [0.0] * (n + 1)
    reach = list(range(n + 1))  # last character of the best word starting at each position
    get = freq.get
    for k in range(n - 1, -1, -1):
        best = 0.0
        last = -1
        i = k
        f = get(run[k])
        while f is not None:  # get_DAG: every word starting at k, along the prefix chain
            if f:
                value = log(f) - logtotal + score[i + 1]  # calc's sum, in calc's order
                if last < 0 or value >= best:  # max() of (value, i): a tie goes to the longer
                    best, last = value, i
            i += 1
            if i >= n:
                break
            f = get(run[k:i + 1])
        if last < 0:  # no word starts here: the character alone
            best, last = log(freq.get(run[k]) or 1) - logtotal + score[k + 1], k
        score[k] = best
        reach[k] = last
    ends = {0, n}
    x = 0
    while x < n:
        y = reach[x] + 1
        if y - x > 1 or run[x] not in _ASCII_ALNUM:  # jieba joins single letters and digits
            ends.add(x)
            ends.add(y)
        x = y
    return frozenset(ends)


def _ends(words: list[str]) -> frozenset[int]:
    """0 and the end offset of each word of a cut."""
    offset, ends = 0, [0]
    for word in words:
        offset += len(word)
        ends.append(offset)
    return frozenset(ends)
