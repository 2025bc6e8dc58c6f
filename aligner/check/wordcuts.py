"""jieba's word boundaries for the term checker, computed as jieba computes them, faster.

A Chinese term candidate counts only where jieba (glossary forms added as user words, no
HMM) cuts before and after it (see :mod:`aligner.check.terms`). Calling ``jieba.cut`` on
every run of text that holds a candidate was a large share of a big check: its ``get_DAG``,
``calc`` and ``__cut_DAG_NO_HMM`` build a dict of lists, a dict of tuples and a generator
per run. :func:`jieba_ends` does the same arithmetic (the same frequencies, the same
floating-point sums in the same order, ties to the longer word, single ASCII letters and
digits joined) in one backward pass over lists, so its boundaries are jieba's, not an
approximation; ``tests/test_check_wordcuts.py`` compares the two on generated text.

A run that asks about inner positions is cut in *pieces* once the check is large
(:data:`PIECES_AFTER` runs): a position that no dictionary word crosses is a boundary of
every route, so jieba's route passes it whatever lies on either side, and the route between
two such positions is that piece's own route up to a constant added to every score. A bitmap
of the two-character strings inside dictionary words (:class:`Crossings`) finds such
positions in one lookup each; a position there is a boundary without any cut, and one inside a
piece is decided by the piece's route, cached by the piece's text (pieces repeat far more
than runs). The constant can change a comparison only through rounding, so
:func:`piece_ends` refuses a piece where two routes score within :data:`MARGIN` of each
other (far above the rounding of any run the shortcut takes) and the run is cut whole;
``tests/test_check_wordcuts.py`` holds both to jieba on generated text and on exact ties.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from math import inf, log
from typing import TYPE_CHECKING

from ..script import cut_like, is_simplified_form, lookup_form

if TYPE_CHECKING:
    import jieba

# jieba cuts each run of these on its own (its re_han_default, with HMM off)
JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ASCII = re.compile(r"[\x00-\x7f]")

#: runs cut whole before a check starts cutting pieces (building :class:`Crossings` costs
#: about half a second: a small check never pays it)
PIECES_AFTER = 2_000
#: the least gap between the best and the next route at a choice for a piece's route to be
#: trusted; the rounding of a run of :data:`PIECE_RUNS_UPTO` characters is below 1e-8
MARGIN = 1e-6
PIECE_RUNS_UPTO = 2_000
#: bits of the :class:`Crossings` bitmap (2 MB)
_BITS = 1 << 24
_MIX = 40_503  # spreads the first character's code over the bitmap

#: runs whose boundaries are kept (a few hundred bytes each): TMs repeat themselves, and a
#: million-unit check must not hold all of them
CUT_CACHE = 20_000


class WordCuts:
    """Word boundaries of text for one jieba tokenizer, made on first use by ``tokenizer``
    (the glossary's forms added as user words)."""

    def __init__(self, tokenizer: Callable[[], jieba.Tokenizer], *,
                 pieces_after: int = PIECES_AFTER) -> None:
        self._make = tokenizer
        self._freq: dict[str, int] = {}
        self._logtotal = 0.0
        self._cache: dict[str, frozenset[int]] = {}
        #: a piece's ends, or False where its route is too close to call
        self._pieces: dict[str, frozenset[int] | bool] = {}
        self._crossings: Crossings | None = None
        self._whole = 0  # runs cut whole so far
        self._pieces_after = pieces_after
        if pieces_after <= 0:
            self.warm()

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
            inner = []
            for p in ends:
                if lo <= p <= hi:
                    if p == lo or p == hi:
                        found.add(p)
                    else:
                        inner.append(p - lo)
            if not inner:
                continue
            run = block.group()
            cuts = self._cache.get(run)
            if cuts is None and plain and self._crossings is not None and len(run) <= PIECE_RUNS_UPTO:
                cuts = self._by_pieces(run, inner)
            elif cuts is None:
                cuts = self._plain_ends(run) if plain else self.run_ends(run)
            found.update(lo + p for p in inner if p in cuts)
        return found

    def warm(self) -> None:
        """Build :class:`Crossings` now (before worker processes are forked: they share it)."""
        if self._crossings is None:
            self._load()
            self._crossings = Crossings(self._freq)

    def _by_pieces(self, run: str, inner: list[int]) -> set[int] | frozenset[int]:
        """Which of ``inner`` (offsets in ``run``, a Simplified run) are boundaries, from the
        pieces holding them (see the module docstring); the whole run's ends when a piece's
        route is too close to call or jieba's joining of single letters and digits might
        matter (a piece with ASCII in it, a letter or digit on both sides of a position)."""
        assert self._crossings is not None
        bits, mask = self._crossings.bits, _BITS - 1
        n = len(run)
        codes = list(map(ord, run))
        # crossed[j]: some word may hold run[j] and run[j + 1] (position j + 1 is crossed)
        crossed = [bits[h >> 3] >> (h & 7) & 1
                   for h in [(x * _MIX + y) & mask for x, y in zip(codes, codes[1:])]]
        found: set[int] = set()
        for p in inner:
            if not crossed[p - 1]:  # no word crosses p: every route passes it
                if run[p - 1] in _ASCII_ALNUM and run[p] in _ASCII_ALNUM:
                    return self._plain_ends(run)
                found.add(p)
                continue
            a = p - 1
            while a > 0 and crossed[a - 1]:
                a -= 1
            b = p + 1
            while b < n and crossed[b - 1]:
                b += 1
            piece = run[a:b]
            cuts = self._pieces.get(piece)
            if cuts is None:
                if len(self._pieces) >= CUT_CACHE:
                    self._pieces.clear()
                cuts = self._pieces[piece] = (False if _ASCII.search(piece) else
                                              piece_ends(piece, self._freq, self._logtotal))
            if cuts is False:
                return self._plain_ends(run)
            if p - a in cuts:
                found.add(p)
        return found

    def _load(self) -> None:
        if not self._freq:
            tokenizer = self._make()
            self._freq, self._logtotal = tokenizer.FREQ, log(tokenizer.total)

    def _plain_ends(self, run: str) -> frozenset[int]:
        """:meth:`run_ends` of a run that is its own lookup form (cached the same way)."""
        if len(self._cache) >= CUT_CACHE:
            self._cache.clear()
        self._load()
        ends = self._cache[run] = jieba_ends(run, self._freq, self._logtotal)
        self._whole += 1
        if self._whole == self._pieces_after and self._crossings is None:
            self._crossings = Crossings(self._freq)
        return ends

    def run_ends(self, run: str) -> frozenset[int]:
        """0 and the end of every word of ``run`` as ``cut_like`` cuts it with jieba (a
        Traditional run as its Simplified lookup form); cached by the run."""
        ends = self._cache.get(run)
        if ends is None:
            if len(self._cache) >= CUT_CACHE:
                self._cache.clear()
            self._load()
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


class Crossings:
    """Which two-character strings lie inside some dictionary word (a word of ``freq`` with a
    frequency), as a bitmap of their hashes: a position whose two neighbours hash to a clear
    bit is crossed by no word. A collision only sets a bit for nothing (a position looks
    crossed and is cut as before), never the other way."""

    def __init__(self, freq: dict[str, int]) -> None:
        bits = bytearray(_BITS >> 3)
        mask = _BITS - 1
        for word, f in freq.items():
            if f and len(word) > 1:
                codes = [ord(c) for c in word]
                for j in range(len(codes) - 1):
                    h = (codes[j] * _MIX + codes[j + 1]) & mask
                    bits[h >> 3] |= 1 << (h & 7)
        #: bit ``(ord(x) * _MIX + ord(y)) & (_BITS - 1)`` set when some word holds ``xy``
        self.bits = bytes(bits)


def piece_ends(piece: str, freq: dict[str, int], logtotal: float) -> frozenset[int] | bool:
    """:func:`jieba_ends` of a piece of a run that no dictionary word crosses at either end,
    or False when at some position the best and the next route score within :data:`MARGIN`
    (then a constant added to every score, what the rest of the run adds, might change the
    choice by rounding). The same arithmetic as :func:`jieba_ends`, without the ASCII rule
    (pieces hold no ASCII)."""
    n = len(piece)
    score = [0.0] * (n + 1)
    reach = list(range(n + 1))
    get = freq.get
    for k in range(n - 1, -1, -1):
        best, second = 0.0, -inf  # the best route's score and the next one's
        last = -1
        i = k
        f = get(piece[k])
        while f is not None:
            if f:
                value = log(f) - logtotal + score[i + 1]
                if last < 0:
                    best, last = value, i
                elif value >= best:
                    second, best, last = best, value, i
                elif value > second:
                    second = value
            i += 1
            if i >= n:
                break
            f = get(piece[k:i + 1])
        if last < 0:
            best, last = log(freq.get(piece[k]) or 1) - logtotal + score[k + 1], k
        elif best - second < MARGIN:
            return False
        score[k] = best
        reach[k] = last
    ends = {0, n}
    x = 0
    while x < n:
        x = reach[x] + 1
        ends.add(x)
    return frozenset(ends)


def _ends(words: list[str]) -> frozenset[int]:
    """0 and the end offset of each word of a cut."""
    offset, ends = 0, [0]
    for word in words:
        offset += len(word)
        ends.append(offset)
    return frozenset(ends)
