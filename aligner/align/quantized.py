"""Unit vectors kept as int8 with one float32 scale per row: a quarter of float32's memory.

A 100,000-sentence pair has about 270,000 first and last clauses (:mod:`.clauses`) beside its
220,000 sentences; in float16 their vectors alone took 270 MB. The clause vectors only feed
the border evidence (``scorers/border.py``), whose cosines move by about 1e-3 when the
vectors are rounded to 8 bits per component (each row scaled to its largest magnitude), as
the int8 network itself already moves them (:mod:`.forward_int8`).
"""
from __future__ import annotations

import numpy as np


class Int8Rows:
    """``n`` rows of ``dim`` components; ``rows[a:b] = vectors`` stores, :meth:`take` reads."""

    def __init__(self, n: int, dim: int) -> None:
        self.q = np.zeros((n, dim), dtype=np.int8)
        self.scale = np.zeros(n, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.q)

    @property
    def nbytes(self) -> int:
        return int(self.q.nbytes + self.scale.nbytes)

    def __getitem__(self, key: slice) -> _Window:
        """A window of rows that the encoder writes as they come (``window[:] = vectors``)."""
        start, stop, step = key.indices(len(self.q))
        if step != 1:
            raise ValueError("a window of Int8Rows is contiguous")
        return _Window(self, start, stop)

    def __setitem__(self, key: slice, vectors: np.ndarray) -> None:
        self[key][:] = vectors

    def put(self, start: int, vectors: np.ndarray) -> None:
        """Store ``vectors`` (any float dtype) at rows ``start..``: each row rounded to
        ``round(127 * x / max|x|)``."""
        v = np.asarray(vectors, dtype=np.float32)
        top = np.abs(v).max(axis=1) if v.size else np.zeros(len(v), np.float32)
        scale = np.where(top > 0, top / 127.0, 1.0).astype(np.float32)
        self.q[start : start + len(v)] = np.rint(v / scale[:, None]).astype(np.int8)
        self.scale[start : start + len(v)] = np.where(top > 0, scale, 0.0)

    def take(self, rows: np.ndarray) -> np.ndarray:
        """The stored vectors of ``rows``, float32."""
        out = self.q[rows].astype(np.float32)
        out *= self.scale[rows, None]
        return out


class _Window:
    def __init__(self, owner: Int8Rows, start: int, stop: int) -> None:
        self.owner, self.start, self.stop = owner, start, stop

    def __len__(self) -> int:
        return self.stop - self.start

    def __setitem__(self, key: slice, vectors: np.ndarray) -> None:
        if key != slice(None) or len(vectors) != len(self):
            raise ValueError("a window of Int8Rows is written whole")
        self.owner.put(self.start, vectors)
