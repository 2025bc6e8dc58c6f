"""A small IBM Model 1 trained on the pairs themselves: how likely each English word is
the translation of each Chinese word, from nothing but which words share pairs.

Why: co-occurrence counts (:mod:`.stats`) credit every English word of a pair equally, so a
Chinese term whose English often comes with the same neighbours (智能体 with *agent* and
*reinforcement learning*) gets no clear winner. EM explains each English word by the
Chinese words of its pair, so a word already explained by another Chinese word (*learning*
by 学习) stops competing. Five iterations over flat numpy arrays, linear in the pairs:
each (pair, Chinese word, English word) triple is one array slot.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

#: EM iterations (IBM-1 converges fast; more only sharpens what five show).
ITERATIONS = 5
#: Chinese and English words per pair taken into the model (a longer pair is rare and noisy).
MAX_WORDS = 60


@dataclass
class Model:
    """t(e | f) for the (Chinese word, English word) pairs seen together."""

    zh_ids: dict[str, int]
    en_ids: dict[str, int]
    table: dict[tuple[int, int], float]
    _rows: dict[int, dict[int, float]] | None = field(default=None, repr=False, compare=False)
    _keys: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def prob(self, zh: str, en: str) -> float:
        f, e = self.zh_ids.get(zh), self.en_ids.get(en)
        if f is None or e is None:
            return 0.0
        return self.table.get((f, e), 0.0)

    def phrase(self, zh_words: Sequence[str], en_words: Sequence[str]) -> float:
        """How well the Chinese words explain the English words: the mean over English words
        of the best t(e | f), and each Chinese word must give one English word its best
        (the lower of the two means)."""
        if not zh_words or not en_words:
            return 0.0
        return self.phrase_of(self.rows(zh_words), self.word_ids(en_words))

    def rows(self, zh_words: Sequence[str]) -> list[dict[int, float]]:
        """t(· | f) of each Chinese word, for :meth:`phrase_of` (read once per candidate)."""
        return [self._row(f) for f in zh_words]

    def word_ids(self, en_words: Sequence[str]) -> list[int]:
        """The English words' ids, for :meth:`phrase_of` (read once per span)."""
        return [self.en_ids.get(e, -1) for e in en_words]

    def key_ids(self, key: str) -> list[int]:
        """:meth:`word_ids` of an English form key's words, kept (a corpus asks for the same
        keys once per Chinese candidate)."""
        found = self._keys.get(key)
        if found is None:
            found = self._keys[key] = self.word_ids(key.split())
        return found

    def phrase_of(self, rows: list[dict[int, float]], es: list[int]) -> float:
        """:meth:`phrase` of words already looked up (:meth:`rows`, :meth:`word_ids`):
        the same arithmetic, so a caller scoring every candidate against every span of a
        pair looks each word up once."""
        if not rows or not es:
            return 0.0
        # t(e | f) of each pair of words, read once (what prob() gives, without its lookups
        # per call: a corpus asks this for every candidate and English option)
        if not any(rows):
            return 0.0  # no Chinese word was seen with any English word
        grid = [[row.get(e, 0.0) for e in es] for row in rows]
        best_e = [max(column) for column in zip(*grid)]
        best_f = [max(line) for line in grid]
        return min(sum(best_e) / len(best_e), sum(best_f) / len(best_f))

    def _row(self, zh: str) -> dict[int, float]:
        """t(· | zh) by English word id (empty for a word the model never saw)."""
        if self._rows is None:
            rows: dict[int, dict[int, float]] = {}
            for (f, e), p in self.table.items():
                rows.setdefault(f, {})[e] = p
            self._rows = rows
        f = self.zh_ids.get(zh)
        return self._rows.get(f, {}) if f is not None else {}


def train(pairs: Sequence[tuple[Sequence[str], Sequence[str]]], iterations: int = ITERATIONS) -> Model:
    """IBM-1 (with a NULL Chinese word) on ``pairs`` of (Chinese words, English words)."""
    zh_ids: dict[str, int] = {"": 0}  # NULL
    en_ids: dict[str, int] = {}
    fs, es, slots = [], [], []
    slot = 0
    for zh, en in pairs:
        f_ids = np.array([0] + [zh_ids.setdefault(w, len(zh_ids)) for w in list(dict.fromkeys(zh))[:MAX_WORDS]],
                         dtype=np.int64)
        e_ids = np.array([en_ids.setdefault(w, len(en_ids)) for w in list(dict.fromkeys(en))[:MAX_WORDS]],
                         dtype=np.int64)
        if not len(e_ids):
            continue
        fs.append(np.tile(f_ids, len(e_ids)))
        es.append(np.repeat(e_ids, len(f_ids)))
        slots.append(np.repeat(np.arange(slot, slot + len(e_ids)), len(f_ids)))
        slot += len(e_ids)
    if not fs:
        return Model(zh_ids, en_ids, {})
    f_all, e_all, s_all = np.concatenate(fs), np.concatenate(es), np.concatenate(slots)
    keys, param = _unique(f_all * len(en_ids) + e_all, len(zh_ids) * len(en_ids))
    param_f = keys // len(en_ids)
    t = np.full(len(keys), 1.0 / max(len(en_ids), 1))
    for _ in range(iterations):
        weights = t[param]
        denominator = np.bincount(s_all, weights=weights, minlength=slot)
        posterior = weights / denominator[s_all]
        counts = np.bincount(param, weights=posterior, minlength=len(keys))
        totals = np.bincount(param_f, weights=counts, minlength=len(zh_ids))
        t = counts / totals[param_f]
    param_e = keys % len(en_ids)
    table = {(int(f), int(e)): float(p) for f, e, p in zip(param_f, param_e, t) if p >= 0.01}
    return Model(zh_ids, en_ids, table)


def _unique(values: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` (values in ``0..bound-1``), sorted as int32
    when they fit: numpy's radix sort of 32-bit keys takes half the time, and this sort is
    most of the model's training on a large TM."""
    if bound >= 2**31 or not len(values):
        return np.unique(values, return_inverse=True)
    small = values.astype(np.int32)
    order = np.argsort(small, kind="stable")
    ordered = small[order]
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first].astype(values.dtype), inverse
