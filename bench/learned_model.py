"""A lexical translation model learned from the document itself (hunalign's realign,
Bleualign's bootstrapping, without an MT system).

The first path's confident 1-1 beads are taken as a small parallel corpus; IBM model 1 is
trained on them in both directions between the Chinese side's jieba words and the English
side's normalised words (:func:`aligner.align.lexicon.english_items`), with every CC-CEDICT
pair of the document's vocabulary added as a one-word pseudo-pair so that the dictionary
seeds what the few beads cannot teach. A bead then scores how well each side's words are
explained by the other side: ``0.5 * (sum t(e|f) / Chinese words + sum t(f|e) / English
words)`` over the bead's words, minus the median of the training beads', so a sentence glued
on whose words have no partner lowers the bead.

A helper of ``bench/learned_lexicon.py``, not a benchmark: the idea was measured and not
built (README, "Sentences without a counterpart", session 9), so it lives beside its
benchmark instead of in ``aligner/align``.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aligner.align.grid import BoxSums, Chunk, span_sums
from aligner.align.pair import DocumentPair
from aligner.align.search import ChunkScorer, ShapeScores, Step
from aligner.align.shapes import MAX_SIDE, Shape

ITERATIONS = 5  # EM rounds of IBM model 1 (it is convex: the seed only sets the pace)
FLOOR = 0.01  # translation probabilities below this are dropped from the scoring table


@dataclass(frozen=True)
class Tokens:
    """Distinct word ids per sentence (flat + offsets) on both sides, and the vocabularies."""

    zh_vocab: dict[str, int]
    en_vocab: dict[str, int]
    src_flat: np.ndarray
    src_ptr: np.ndarray
    tgt_flat: np.ndarray
    tgt_ptr: np.ndarray

    def src(self, i: int) -> np.ndarray:
        return self.src_flat[self.src_ptr[i] : self.src_ptr[i + 1]]

    def tgt(self, j: int) -> np.ndarray:
        return self.tgt_flat[self.tgt_ptr[j] : self.tgt_ptr[j + 1]]


def _flatten(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    flat = np.array([x for ids in lists for x in ids], dtype=np.int64)
    ptr = np.concatenate([[0], np.cumsum([len(ids) for ids in lists])]).astype(np.int64)
    return flat, ptr


def tokens(pair: DocumentPair) -> Tokens:
    """Han words of each Chinese sentence, content words of each English one (no numbers or
    marks: the lexical scorer has those already)."""
    from aligner.align.lexicon import _HAN_RE, english_items

    chinese = pair._chinese
    zh_vocab: dict[str, int] = {}
    en_vocab: dict[str, int] = {}
    src = [sorted({zh_vocab.setdefault(w, len(zh_vocab))
                   for w in chinese.words(unicodedata.normalize("NFKC", s)) if _HAN_RE.match(w)}) for s in pair.src]
    tgt = [sorted({en_vocab.setdefault(e, len(en_vocab)) for e in english_items(s) if e[0] not in "~#"})
           for s in pair.tgt]
    return Tokens(zh_vocab, en_vocab, *_flatten(src), *_flatten(tgt))


@dataclass(frozen=True)
class Table:
    """Both directions' translation probabilities as sparse rows: for each Chinese word the
    English words it translates to (``src_*``), and for each English word the Chinese ones."""

    src_ptr: np.ndarray  # per Chinese word id: its slice of src_to / src_p
    src_to: np.ndarray
    src_p: np.ndarray
    tgt_ptr: np.ndarray
    tgt_to: np.ndarray
    tgt_p: np.ndarray
    centre: float = 0.0


def _ibm1(pairs: Sequence[tuple[np.ndarray, np.ndarray]], n_from: int, n_to: int
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """IBM model 1, t(to | from) with a NULL ``from`` word (id ``n_from``): rows of
    (from, to, probability), the NULL's left out."""
    g_list, f_list, e_list = [], [], []
    group = 0
    for src, tgt in pairs:
        src = np.append(src, n_from)
        for e in tgt:
            g_list.append(np.full(len(src), group))
            f_list.append(src)
            e_list.append(np.full(len(src), e))
            group += 1
    if not g_list:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    g = np.concatenate(g_list)
    key = np.concatenate(f_list) * (n_to + 1) + np.concatenate(e_list)
    uniq, p = np.unique(key, return_inverse=True)
    fr, to = uniq // (n_to + 1), uniq % (n_to + 1)
    t = np.ones(len(uniq))
    for _ in range(ITERATIONS):
        v = t[p]
        post = v / np.bincount(g, v)[g]
        c = np.bincount(p, post, minlength=len(uniq))
        t = c / np.bincount(fr, c)[fr]
    keep = (fr < n_from) & (t >= FLOOR)
    return fr[keep], to[keep], t[keep]


def _rows(fr: np.ndarray, to: np.ndarray, p: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.lexsort((to, fr))
    ptr = np.concatenate([[0], np.cumsum(np.bincount(fr, minlength=n))]).astype(np.int64)
    return ptr, to[order], p[order]


def training_beads(steps: Sequence[Step], every_shape: bool = False) -> list[Step]:
    """The first path's confident beads: the 1-1 beads scoring at least the median 1-1 bead
    (``every_shape``: of every pair shape, each against its own shape's median)."""
    by_shape: dict[tuple[int, int], list[Step]] = {}
    for s in steps:
        if s.i1 > s.i0 and s.j1 > s.j0 and (every_shape or s.i1 - s.i0 == 1 == s.j1 - s.j0):
            by_shape.setdefault((s.i1 - s.i0, s.j1 - s.j0), []).append(s)
    out = []
    for group in by_shape.values():
        mid = float(np.median([s.score for s in group]))
        out += [s for s in group if s.score >= mid]
    return sorted(out, key=lambda s: (s.i0, s.j0))


def train(pair: DocumentPair, tok: Tokens, beads: Sequence[Step], dictionary: bool = True) -> Table:
    """IBM-1 both ways on ``beads`` (1-1), plus CC-CEDICT pairs of the document's words."""
    from aligner.align.lexicon import normalise

    pairs = [(np.unique(tok.src_flat[tok.src_ptr[s.i0] : tok.src_ptr[s.i1]]),
              np.unique(tok.tgt_flat[tok.tgt_ptr[s.j0] : tok.tgt_ptr[s.j1]])) for s in beads]
    ones = [s for s in beads if s.i1 - s.i0 == 1 == s.j1 - s.j0]
    if dictionary:
        cedict = pair._chinese.dictionary
        for w, f in tok.zh_vocab.items():
            glosses = cedict.get(w) or ()
            es = sorted({tok.en_vocab[g] for g in glosses if g in tok.en_vocab}
                        | {tok.en_vocab[normalise(g)] for g in glosses if normalise(g) in tok.en_vocab})
            if es:
                pairs.append((np.array([f]), np.array(es)))
    nz, ne = len(tok.zh_vocab), len(tok.en_vocab)
    e_given_f = _rows(*_ibm1(pairs, nz, ne), nz)
    f_given_e = _rows(*_ibm1([(b, a) for a, b in pairs], ne, nz), ne)
    table = Table(*e_given_f, *f_given_e)
    if not ones:
        return table
    s_mat, t_mat = _matrices(table, tok, 0, pair.n, 0, pair.m, [(s.i0, s.j0) for s in ones])
    src_n = np.diff(tok.src_ptr)
    tgt_n = np.diff(tok.tgt_ptr)
    cov = [0.5 * (a / max(src_n[s.i0], 1) + b / max(tgt_n[s.j0], 1)) for s, a, b in zip(ones, s_mat, t_mat)]
    return Table(*e_given_f, *f_given_e, centre=float(np.median(cov)))


def _expand(ptr: np.ndarray, to: np.ndarray, p: np.ndarray, flat: np.ndarray, sptr: np.ndarray, a: int, b: int
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(translated word id, probability, sentence offset from ``a``) for sentences a..b-1."""
    words = flat[sptr[a] : sptr[b]]
    owner = np.repeat(np.arange(b - a), np.diff(sptr[a : b + 1]))
    lens = ptr[words + 1] - ptr[words]
    idx = np.repeat(ptr[words] - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
    return to[idx], p[idx], np.repeat(owner, lens)


def _join(ids: np.ndarray, w: np.ndarray, rows: np.ndarray, other: np.ndarray, cols: np.ndarray,
          shape: tuple[int, int]) -> np.ndarray:
    """Summed ``w`` of every (row, col) whose word ids match."""
    order = np.argsort(other, kind="stable")
    other, cols = other[order], cols[order]
    left = np.searchsorted(other, ids, side="left")
    count = np.searchsorted(other, ids, side="right") - left
    total = int(count.sum())
    if total == 0:
        return np.zeros(shape)
    which = np.repeat(np.arange(len(ids)), count)
    offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    cells = rows[which] * shape[1] + cols[left[which] + offset]
    return np.bincount(cells, weights=w[which], minlength=shape[0] * shape[1]).reshape(shape)


def _matrices(table: Table, tok: Tokens, a: int, a_end: int, b: int, b_end: int,
              only: Sequence[tuple[int, int]] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """S[i, j] = sum t(e|f) over f in Chinese i, e in English j, and T[i, j] likewise with
    t(f|e), for sentences a..a_end-1 x b..b_end-1 (or, with ``only``, those cells alone)."""
    shape = (max(a_end - a, 0), max(b_end - b, 0))
    if not shape[0] or not shape[1]:
        s = np.zeros(shape)
        return (s, s) if only is None else (np.zeros(len(only)), np.zeros(len(only)))
    e_ids, e_w, e_rows = _expand(table.src_ptr, table.src_to, table.src_p, tok.src_flat, tok.src_ptr, a, a_end)
    en = tok.tgt_flat[tok.tgt_ptr[b] : tok.tgt_ptr[b_end]]
    en_cols = np.repeat(np.arange(b_end - b), np.diff(tok.tgt_ptr[b : b_end + 1]))
    s_mat = _join(e_ids, e_w, e_rows, en, en_cols, shape)
    f_ids, f_w, f_cols = _expand(table.tgt_ptr, table.tgt_to, table.tgt_p, tok.tgt_flat, tok.tgt_ptr, b, b_end)
    zh = tok.src_flat[tok.src_ptr[a] : tok.src_ptr[a_end]]
    zh_rows = np.repeat(np.arange(a_end - a), np.diff(tok.src_ptr[a : a_end + 1]))
    t_mat = _join(f_ids, f_w, f_cols, zh, zh_rows, shape[::-1]).T
    if only is None:
        return s_mat, t_mat
    r = np.array([i - a for i, _ in only])
    c = np.array([j - b for _, j in only])
    return s_mat[r, c], t_mat[r, c]


def coverage_chunks(pair: DocumentPair, tok: Tokens, table: Table) -> ChunkScorer:
    """The learned coverage of every bead of a chunk, minus the training beads' median."""
    n, m = pair.n, pair.m
    src_words = span_sums(np.diff(tok.src_ptr).astype(np.float64), MAX_SIDE)
    tgt_words = span_sums(np.diff(tok.tgt_ptr).astype(np.float64), MAX_SIDE)

    def chunk(i0: int, i1: int, c0: int, c1: int) -> ShapeScores:
        c = Chunk(i0, i1, c0, c1)
        a, a_end, _ = c.src_range(n)
        b, b_end, _ = c.tgt_range(m)
        s_mat, t_mat = _matrices(table, tok, a, a_end, b, b_end)
        s_sums = BoxSums(c, c.padded(s_mat, n, m))
        t_sums = BoxSums(c, c.padded(t_mat, n, m))
        rows, cols = c.rows, c.cols

        def get(shape: Shape) -> np.ndarray:
            x, y = shape
            zh = np.maximum(src_words[x, rows], 1.0)[:, None]
            en = np.maximum(tgt_words[y, cols], 1.0)[None, :]
            return 0.5 * (s_sums(shape) / zh + t_sums(shape) / en) - table.centre

        return get

    return chunk


def plus(chunk: ChunkScorer, extra: ChunkScorer, weight: float) -> ChunkScorer:
    """``chunk + weight * extra`` for every bead."""

    def wrapped(i0: int, i1: int, c0: int, c1: int) -> ShapeScores:
        get, more = chunk(i0, i1, c0, c1), extra(i0, i1, c0, c1)
        return lambda shape: get(shape) + weight * more(shape)

    return wrapped


def explained(pair: DocumentPair, tok: Tokens, table: Table, s: Step, side: str, q: int) -> float:
    """How well border sentence ``q`` of bead ``s`` is accounted for by the bead's other side:
    its best cosine to one sentence there plus the learned coverage of its words
    (``sum t(other word | its word)`` over both, per word of it)."""
    if side == "src":
        s_mat, _ = _matrices(table, tok, q, q + 1, s.j0, s.j1)
        cos = pair.src_vectors[q].astype(np.float32) @ pair.tgt_vectors[s.j0 : s.j1].astype(np.float32).T
        return float(cos.max()) + float(s_mat.sum()) / max(len(tok.src(q)), 1)
    _, t_mat = _matrices(table, tok, s.i0, s.i1, q, q + 1)
    cos = pair.src_vectors[s.i0 : s.i1].astype(np.float32) @ pair.tgt_vectors[q].astype(np.float32)
    return float(cos.max()) + float(t_mat.sum()) / max(len(tok.tgt(q)), 1)


def split_unexplained(pair: DocumentPair, tok: Tokens, table: Table, steps: Sequence[Step], skip: float,
                      threshold: float) -> list[Step]:
    """Peel border sentences of n:m beads whose :func:`explained` is below ``threshold`` off as
    1-0 / 0-1 beads (the least explained first, repeated on what is left of the bead)."""
    out: list[Step] = []
    todo = list(steps)[::-1]
    while todo:
        s = todo.pop()
        x, y = s.i1 - s.i0, s.j1 - s.j0
        if x and y and x + y >= 3:
            options = []
            if x >= 2:
                options += [("src", s.i0), ("src", s.i1 - 1)]
            if y >= 2:
                options += [("tgt", s.j0), ("tgt", s.j1 - 1)]
            value, side, q = min((explained(pair, tok, table, s, side, q), side, q) for side, q in options)
            if value < threshold:
                if side == "src":
                    orphan = Step(q, q + 1, s.j0 if q == s.i0 else s.j1, s.j0 if q == s.i0 else s.j1, skip)
                    rest = Step(s.i0 + (q == s.i0), s.i1 - (q != s.i0), s.j0, s.j1, s.score - skip)
                else:
                    orphan = Step(s.i0 if q == s.j0 else s.i1, s.i0 if q == s.j0 else s.i1, q, q + 1, skip)
                    rest = Step(s.i0, s.i1, s.j0 + (q == s.j0), s.j1 - (q != s.j0), s.score - skip)
                first = (q == s.i0) if side == "src" else (q == s.j0)
                todo.extend([rest, orphan] if first else [orphan, rest])
                continue
        out.append(s)
    return out


def learned_unsupported(pair: DocumentPair, tok: Tokens, table: Table, weight: float, model, points=None
                        ) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    """:func:`aligner.align.support.unsupported` with ``weight`` x the learned coverage of each
    sentence by its partner added to the support (``cosine + lexical x coverage``) of every
    candidate partner in the window: the "unsupported sentence" test reading the learned model."""
    from aligner.align.scorers.lexical import ZH_WORD_WEIGHT, shared_weight
    from aligner.align.support import ROWS, _window

    n, m = pair.n, pair.m
    lo, hi = _window(pair, points)
    src_best, tgt_best = np.full(n, -1.0), np.full(m, -1.0)
    lex = pair.lexical
    zw = np.maximum(np.diff(tok.src_ptr), 1).astype(np.float64)
    ew = np.maximum(np.diff(tok.tgt_ptr), 1).astype(np.float64)
    for a in range(0, n, ROWS):
        b = min(a + ROWS, n)
        rows = np.arange(a, b)
        first = lo[rows]
        last = np.maximum(hi[rows + 1], first + 1)
        c0, c1 = int(first.min()), int(min(last.max(), m))
        if c1 <= c0:
            continue
        sims = (pair.src_vectors[a:b].astype(np.float32) @ pair.tgt_vectors[c0:c1].astype(np.float32).T).astype(np.float64)
        hits = shared_weight(lex, a, b, c0, c1)
        mass = lex.src_mass[a:b, None] * ZH_WORD_WEIGHT + lex.tgt_mass[None, c0:c1]
        sims += model.lexical * 2.0 * hits / np.maximum(mass, 1.0)
        s_mat, t_mat = _matrices(table, tok, a, b, c0, c1)
        cols = np.arange(c0, c1)
        inside = (cols[None, :] >= first[:, None]) & (cols[None, :] < last[:, None])
        src_sims = np.where(inside, sims + weight * s_mat / zw[a:b, None], -1.0)
        tgt_sims = np.where(inside, sims + weight * t_mat / ew[None, c0:c1], -1.0)
        src_best[a:b] = src_sims.max(axis=1)
        np.maximum(tgt_best[c0:c1], tgt_sims.max(axis=0), out=tgt_best[c0:c1])
    centre = float(np.median(np.concatenate([src_best, tgt_best]))) - model.below
    return (np.clip((centre - src_best) / model.spread, 0.0, 1.0), np.clip((centre - tgt_best) / model.spread, 0.0, 1.0))
