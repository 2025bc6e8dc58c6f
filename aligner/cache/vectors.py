"""Sentence-embedding tables in the cache, so a document aligned again (a new glossary term, another
``--min-score``) skips the embedding model, most of an alignment's time.

A table holds the vectors of one call's distinct texts (see
:func:`aligner.align.embedder.embed_table`), keyed by the model version, the dtype and the
texts. Stored as ``.npy`` bytes inside a checked entry (:mod:`.store`) and read back with
``allow_pickle=False``: an entry that is damaged, or of the wrong shape or dtype, is reported
and recomputed.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .store import CacheError, EntryStore, Found

KIND = "embeddings"


def load_table(folder: Path, key: str, shape: tuple[int, int], dtype: type,
               say: Callable[[str], None] | None = None) -> np.ndarray | None:
    """The table stored under ``key``, or ``None`` (missing, damaged, or not ``shape``/``dtype``)."""
    try:
        found = EntryStore(folder, KIND).get_bytes(key)
    except (OSError, CacheError):
        return None
    reason = found.reason
    if found.found is Found.HIT:
        try:
            table = np.load(io.BytesIO(found.body), allow_pickle=False)
            if table.shape == shape and table.dtype == np.dtype(dtype):
                return table
            reason = f"a table of shape {table.shape} and {table.dtype}"
        except (ValueError, OSError, EOFError) as exc:
            reason = f"not an array ({exc})"
    if found.found is not Found.MISS and say is not None:
        say(f"cache: embeddings entry {key[:12]} damaged ({reason}); recomputed")
    return None


def save_table(folder: Path, key: str, table: np.ndarray) -> None:
    """Store ``table`` under ``key``; a failed write (full disk) only loses the entry."""
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(table), allow_pickle=False)
    try:
        EntryStore(folder, KIND).put_bytes(key, buffer.getvalue())
    except (OSError, CacheError):
        pass
