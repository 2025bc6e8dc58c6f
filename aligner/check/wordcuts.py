"""Whether a term candidate's ends are jieba word boundaries, mostly without running jieba.

A Chinese term candidate counts only where jieba (glossary words added, no HMM) would cut
before and after it (see :mod:`aligner.check.terms`). Cutting every block that holds a
candidate was most of the time of a large check. Most of those questions have an answer
that needs no segmentation at all: jieba's words are edges of its DAG (dictionary words, or
single characters where no word starts), so a position that no dictionary word *crosses*
(no word ``text[a:b]`` with ``a < p < b``) is a boundary of every path, hence of jieba's
best one. Only where jieba merges runs of single ASCII letters and digits could such a
position vanish, so a position between two of them is not decided that way.

The other positions are decided by jieba itself, on the block from the nearest decided
position before them to the block's end. That is exact, not an approximation: every path
passes through that position, and jieba's best path from it depends only on the text after
it (``calc`` fills its route from the block's end backwards, with the same numbers in the
same order), so the words after it are the same as in a cut of the whole block.
``tests/test_check_wordcuts.py`` compares this with jieba's cut of the whole block.
"""
from __future__ import annotations

import re
from math import log
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..script import cut_like, lookup_form

if TYPE_CHECKING:
    import jieba

# jieba cuts each run of these on its own (its re_han_default, with HMM off)
JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

#: suffix cuts kept (a few hundred bytes each): TMs repeat themselves, and a
#: million-unit check must not hold all of them
CUT_CACHE = 20_000


class WordCuts:
    """Word-boundary questions about text, answered for one jieba tokenizer (built lazily
    by ``tokenizer``: glossary terms as user words)."""

    def __init__(self, tokenizer: Callable[[], jieba.Tokenizer]) -> None:
        self._make = tokenizer
        self._freq: dict[str, int] | None = None
        self._longest = 1
        self._cache: dict[str, frozenset[int]] = {}

    def _dictionary(self) -> dict[str, int]:
        if self._freq is None:
            self._freq = self._make().FREQ
            self._longest = max(map(len, self._freq), default=1)
        return self._freq

    def boundaries(self, text: str, spans: list[tuple[int, int]]) -> set[int]:
        """The ends of ``spans`` (offsets in ``text``) that are jieba word boundaries of a run
        of ``text`` holding a span (what ``cut_like`` on each such run gives, restricted to
        the ends asked about)."""
        ends = {p for span in spans for p in span}
        found: set[int] = set()
        for block in JIEBA_BLOCK.finditer(text):
            lo, hi = block.span()
            if not any(s < hi and e > lo for s, e in spans):
                continue
            asked = sorted(p - lo for p in ends if lo <= p <= hi)
            found.update(lo + p for p in self._block(block.group(), asked))
        return found

    def _block(self, block: str, asked: list[int]) -> list[int]:
        """Which of ``asked`` (offsets in ``block``) are boundaries of jieba's cut of it."""
        form = lookup_form(block)  # as cut_like cuts: Traditional looked up as Simplified
        if len(form) != len(block) or not JIEBA_BLOCK.fullmatch(form):
            whole = _ends(cut_like(self._cut, block))
            return [p for p in asked if p in whole]
        ends = self._tail_ends(form)
        return [p for p in asked if p in ends]

    def _cut(self, text: str) -> list[str]:
        return list(self._make().cut(text, HMM=False))

    def _uncrossed(self, form: str, p: int) -> bool:
        """No dictionary word crosses ``p``, and jieba's merging of single ASCII letters and
        digits cannot join the characters on either side of it."""
        if form[p - 1] in _ASCII_ALNUM and form[p] in _ASCII_ALNUM:
            return False
        freq = self._dictionary()
        n = len(form)
        for a in range(max(0, p - self._longest + 1), p):
            b = p + 1
            frag = form[a:b]
            while frag in freq:  # every prefix of a word is a key (frequency 0 if not a word)
                if freq[frag]:
                    return False
                b += 1
                if b > n:
                    break
                frag = form[a:b]
        return True

    def _anchor(self, form: str, p: int) -> int:
        """The nearest position before ``p`` that every path of jieba's DAG passes through
        (0 at worst)."""
        for q in range(p - 1, 0, -1):
            if self._uncrossed(form, q):
                return q
        return 0

    def _tail_ends(self, tail: str) -> frozenset[int]:
        """Word boundaries of jieba's cut of ``tail`` (0 included); cached by that text, as
        TMs repeat themselves."""
        ends = self._cache.get(tail)
        if ends is None:
            if len(self._cache) >= CUT_CACHE:
                self._cache.clear()
            self._dictionary()
            ends = self._cache[tail] = _jieba_ends(tail, self._freq or {}, log(self._make().total))
        return ends


def _jieba_ends(block: str, freq: dict[str, int], logtotal: float) -> frozenset[int]:
    """The word boundaries of jieba's ``cut(block, HMM=False)`` for a ``block`` of one run
    (:data:`JIEBA_BLOCK`), computed as jieba does (its ``get_DAG``, ``calc`` and
    ``__cut_DAG_NO_HMM``: the same floating-point sums in the same order, ties to the
    longer word) in one backward pass without its generators and tuples, about twice as
    fast."""
    n = len(block)
    score = [0.0] * (n + 1)
    reach = list(range(n + 1))  # last character of the best word starting at each position
    for k in range(n - 1, -1, -1):
        best = 0.0
        last = -1
        i = k
        frag = block[k]
        while frag in freq:  # jieba's DAG: every word starting at k, by the prefix chain
            f = freq[frag]
            if f:
                value = log(f) - logtotal + score[i + 1]
                if last < 0 or value >= best:
                    best, last = value, i
            i += 1
            if i >= n:
                break
            frag = block[k:i + 1]
        if last < 0:  # no word starts here: the character alone
            best, last = log(freq.get(block[k]) or 1) - logtotal + score[k + 1], k
        score[k] = best
        reach[k] = last
    ends = {0, n}
    x = 0
    while x < n:
        y = reach[x] + 1
        if y - x > 1 or block[x] not in _ASCII_ALNUM:  # jieba joins single ASCII letters and digits
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
