"""One Chinese/English document pair and the per-sentence features the scorers share.

Features are computed lazily and once: a scorer that needs embeddings asks for
``pair.src_vectors``; one that needs dictionary items asks for ``pair.lexical``.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ..model import TermEntry
from . import embedder, lexicon
from .clauses import head_and_tail
from .grid import span_sums
from .quantized import Int8Rows
from .shapes import MAX_SIDE

_SPACE_RE = re.compile(r"\s+")
#: sentences (both sides) from which a pair frees what it loaded once its features are
#: computed: its own copies of jieba's dictionary and CC-CEDICT, and the embedding model
#: before the search (reloading them costs about 1 s, a pair this long minutes)
LONG = 40_000


def zh_length(text: str) -> int:
    """Characters without spaces: the unit Gale-Church uses for Chinese."""
    return len(_SPACE_RE.sub("", text))


def en_length(text: str) -> int:
    return len(_SPACE_RE.sub(" ", text).strip())


@dataclass
class Lexical:
    """Items per sentence as sorted int ids (flat arrays + offsets) and their weights."""

    vocab: dict[str, int]
    weights: np.ndarray  # per item id: idf over the English sentences
    src_flat: np.ndarray
    src_ptr: np.ndarray
    tgt_flat: np.ndarray
    tgt_ptr: np.ndarray
    src_mass: np.ndarray  # per Chinese sentence: number of words that gave items
    tgt_mass: np.ndarray  # per English sentence: summed weight of its items


class GlossaryMatcher:
    """Finds glossary pairs in sentences: the Chinese term as a substring, the English term
    as whole words in any case. One Aho-Corasick pass per sentence, however long the glossary."""

    def __init__(self, glossary: Sequence[TermEntry]) -> None:
        pairs = sorted(
            {(t.zh.strip(), t.en.strip()) for t in glossary if t.zh.strip() and t.en.strip() and t.zh.strip() != t.en.strip()}
        )
        self._zh: dict[str, list[tuple[str, str]]] = {}
        self._en: dict[str, list[tuple[str, str]]] = {}
        for zh, en in pairs:
            item = f"=g:{zh}\t{en.lower()}"
            self._zh.setdefault(zh, []).append((item, zh))
            self._en.setdefault(en.lower(), []).append((item, en))
        self._zh_auto = _automaton(self._zh)
        self._en_auto = _automaton(self._en)

    def in_chinese(self, sentence: str) -> list[tuple[str, str]]:
        if self._zh_auto is None:
            return []
        found = {pair for _, key in self._zh_auto.iter(sentence) for pair in self._zh[key]}
        return sorted(found)

    def in_english(self, sentence: str) -> list[tuple[str, str]]:
        if self._en_auto is None:
            return []
        low = sentence.lower()
        found = set()
        for end, key in self._en_auto.iter(low):
            start = end - len(key) + 1
            before = low[start - 1] if start > 0 else " "
            after = low[end + 1] if end + 1 < len(low) else " "
            if not (before.isalnum() or after.isalnum()):
                found.update(self._en[key])
        return sorted(found)


def _automaton(keys: dict[str, list[tuple[str, str]]]):  # type: ignore[no-untyped-def]
    if not keys:
        return None
    import ahocorasick

    auto = ahocorasick.Automaton()
    for key in keys:
        auto.add_word(key, key)
    auto.make_automaton()
    return auto


@dataclass
class Edges:
    """Embeddings of each sentence's first and last clause: slots ``head[k]``, ``tail[k]`` of
    ``table`` (whose last row is the zero vector), continued by the rows of ``parts`` (int8
    clause vectors pooled from their sentence's pass) when there are any."""

    table: np.ndarray
    head: np.ndarray
    tail: np.ndarray
    parts: Int8Rows | None = None

    @property
    def zero(self) -> int:
        """The slot of the zero vector ("no clause")."""
        return len(self.table) - 1

    def vectors(self, slots: np.ndarray) -> np.ndarray:
        """float32 vectors of ``slots``."""
        if self.parts is None or not len(self.parts):
            return self.table[slots].astype(np.float32)
        own = slots < len(self.table)
        out = self.table[np.where(own, slots, self.zero)].astype(np.float32)
        if not own.all():
            out[~own] = self.parts.take(slots[~own] - len(self.table))
        return out


def _edges(sentences: Sequence[str], lang: str, cache_dir: Path | None,
           progress: Callable[[str], None] | None, vectors: np.ndarray) -> Edges:
    """A one-clause sentence's clause is the sentence: its vector is reused, not recomputed."""
    pieces = [head_and_tail(s, lang) for s in sentences]
    texts = [h for h, _ in pieces] + [t for _, t in pieces]
    label = ("Chinese" if lang == "zh" else "English") + " first and last clauses"
    table, index = embedder.embed_table(texts, cache_dir=cache_dir, dtype=np.float16, progress=progress, label=label,
                                        reuse=(sentences, vectors))
    return Edges(table, index[: len(pieces)], index[len(pieces) :])


def _embedded(sentences: Sequence[str], lang: str, cache_dir: Path | None,
              progress: Callable[[str], None] | None) -> tuple[np.ndarray, Edges | None]:
    """Sentence vectors, and their clause edges when :data:`.embedder.POOLED_CLAUSES` pools
    them from the same pass (else the edges are embedded on their own when asked for)."""
    label = ("Chinese" if lang == "zh" else "English") + " sentences"
    if not embedder.POOLED_CLAUSES:
        return embedder.embed(sentences, cache_dir=cache_dir, dtype=np.float16, progress=progress, label=label), None
    if not sentences:
        return np.zeros((0, embedder.DIM), dtype=np.float16), Edges(np.zeros((1, embedder.DIM), dtype=np.float16),
                                                                     np.zeros(0, np.int64), np.zeros(0, np.int64))
    table, parts, index, head, tail = embedder.embed_with_edges(sentences, lang, cache_dir=cache_dir,
                                                                progress=progress, label=label)
    if np.array_equal(index, np.arange(len(index))):  # distinct text: a view, not a second copy
        return table[: len(index)], Edges(table, head, tail, parts)
    return table[index], Edges(table, head, tail, parts)


def _give_back() -> None:
    """Return freed memory to the system (glibc keeps it otherwise; nothing elsewhere)."""
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


@dataclass
class DocumentPair:
    """Chinese sentences ``src``, English ``tgt``, the glossary, and an optional embedding cache."""

    src: Sequence[str]
    tgt: Sequence[str]
    glossary: Sequence[TermEntry] = ()
    cache_dir: Path | None = None
    progress: Callable[[str], None] | None = None  # hears embedding counts of long documents

    @property
    def n(self) -> int:
        return len(self.src)

    @property
    def m(self) -> int:
        return len(self.tgt)

    # --- embeddings (float16: a 230k-sentence pair then needs 240 MB, not 480) ------------
    @property
    def _said(self) -> Callable[[str], None] | None:
        """``progress`` for the embedder, whose lines name no command: "align: " added."""
        return embedder.labelled(self.progress, "align")

    @cached_property
    def _src_embedded(self) -> tuple[np.ndarray, Edges | None]:
        return _embedded(self.src, "zh", self.cache_dir, self._said)

    @cached_property
    def _tgt_embedded(self) -> tuple[np.ndarray, Edges | None]:
        return _embedded(self.tgt, "en", self.cache_dir, self._said)

    @cached_property
    def src_vectors(self) -> np.ndarray:
        return self._src_embedded[0]

    @cached_property
    def tgt_vectors(self) -> np.ndarray:
        return self._tgt_embedded[0]

    def embed_beside_lexical(self) -> None:
        """Embed both sides here while the lexical features (:attr:`lexical`) are computed
        beside them.

        The embedding spends its time in native code that releases the GIL, the lexical
        features (jieba, CC-CEDICT) in Python: side by side they share the cores instead of
        taking turns. A long pair computes them in a forked process (:mod:`.forked`), where
        they do not wait for the GIL the embedding's own Python (tokenizing, batching) needs
        too, and jieba and CC-CEDICT never load here; a shorter one, or where no process can
        be forked, in a second thread. Nothing depends on where: each is computed once, from
        the sentences alone.
        """
        from concurrent.futures import ThreadPoolExecutor

        from . import forked

        if "lexical" in self.__dict__:
            _ = self.src_vectors, self.tgt_vectors
            return
        elsewhere = forked.start(lambda: self.lexical) if self.long else None
        if elsewhere is not None:
            try:
                _ = self.src_vectors, self.tgt_vectors
            finally:
                self.__dict__["lexical"] = elsewhere()
            return
        with ThreadPoolExecutor(1) as pool:
            lexical = pool.submit(lambda: self.lexical)
            try:
                _ = self.src_vectors, self.tgt_vectors
            finally:
                lexical.result()

    def release_model(self) -> None:
        """Once a long pair's sentences and clauses are embedded: free the network (about
        200 MB with its scratch memory) for the search; the next document that needs it
        loads it again. Earlier (clauses embedded as texts, not yet asked for) it does nothing."""
        done = [f"_{side}_embedded" in self.__dict__ and (self.__dict__[f"_{side}_embedded"][1] is not None
                                                         or f"{side}_edges" in self.__dict__) for side in ("src", "tgt")]
        if self.long and all(done) and embedder.release():
            _give_back()

    @cached_property
    def span_norms(self) -> tuple[np.ndarray, np.ndarray]:
        """Lengths of the summed vectors of every span of up to ``MAX_SIDE`` sentences, Chinese
        and English (:func:`.scorers.embedding.span_norms`): computed once, and for a long pair
        beside the anchor pass (:func:`aligner.align._search`)."""
        from .scorers.embedding import span_norms

        return span_norms(self.src_vectors), span_norms(self.tgt_vectors)

    @cached_property
    def src_edges(self) -> Edges:
        return self._src_embedded[1] or _edges(self.src, "zh", self.cache_dir, self._said, self.src_vectors)

    @cached_property
    def tgt_edges(self) -> Edges:
        return self._tgt_embedded[1] or _edges(self.tgt, "en", self.cache_dir, self._said, self.tgt_vectors)

    # --- lengths ---------------------------------------------------------------------------
    @cached_property
    def src_lengths(self) -> np.ndarray:
        return np.array([zh_length(unicodedata.normalize("NFKC", s)) for s in self.src], dtype=np.float64)

    @cached_property
    def tgt_lengths(self) -> np.ndarray:
        return np.array([en_length(unicodedata.normalize("NFKC", s)) for s in self.tgt], dtype=np.float64)

    @cached_property
    def length_ratio(self) -> float:
        """English characters per Chinese character in this document (about 3 in prose)."""
        zh, en = float(self.src_lengths.sum()), float(self.tgt_lengths.sum())
        if zh < 20 or en < 20:
            return 3.0
        return en / zh

    def set_anchor_path(self, points: Sequence[tuple[int, int]], window: int = 250) -> None:
        """Estimate the length ratio locally along a long document's anchor path.

        A long document (or a concatenation of several) changes style and translator along
        the way; the ratio over ``window`` sentences either side of each row follows that.
        It stays within a factor of two of the document's ratio.
        """
        if not points:
            return
        rows = np.array([p[0] for p in points], dtype=np.float64)
        cols = np.array([p[1] for p in points], dtype=np.float64)
        zh_cum = np.concatenate([[0.0], np.cumsum(self.src_lengths)])
        en_cum = np.concatenate([[0.0], np.cumsum(self.tgt_lengths)])
        i = np.arange(self.n + 1)
        top, bottom = np.maximum(i - window, 0), np.minimum(i + window, self.n)
        j_top = np.interp(top, rows, cols).round().astype(np.int64)
        j_bottom = np.interp(bottom, rows, cols).round().astype(np.int64)
        zh = zh_cum[bottom] - zh_cum[top]
        en = en_cum[j_bottom] - en_cum[j_top]
        ratio = self.length_ratio
        local = np.where(zh >= 200, en / np.maximum(zh, 1.0), ratio)
        self.row_ratio = np.clip(local, ratio / 2, ratio * 2)

    @cached_property
    def row_ratio(self) -> np.ndarray:
        """Length ratio for beads ending at each lattice row (the document's, unless set)."""
        return np.full(self.n + 1, self.length_ratio)

    @cached_property
    def src_span_lengths(self) -> np.ndarray:
        return span_sums(self.src_lengths, MAX_SIDE)

    @cached_property
    def tgt_span_lengths(self) -> np.ndarray:
        return span_sums(self.tgt_lengths, MAX_SIDE)

    # --- dictionary, numbers, names, glossary ---------------------------------------------
    @property
    def long(self) -> bool:
        """Long enough to free the dictionaries and the model once used (:data:`LONG`)."""
        return self.n + self.m >= LONG

    @cached_property
    def _chinese(self) -> lexicon.ChineseItems:
        return lexicon.ChineseItems(own=self.long)

    @cached_property
    def _glossary(self) -> GlossaryMatcher:
        return GlossaryMatcher(self.glossary)

    def src_items(self, k: int) -> dict[str, str]:
        """Items of Chinese sentence ``k`` -> the word each came from (for explanations)."""
        items = self._chinese.items(self.src[k])
        for item, zh in self._glossary.in_chinese(self.src[k]):
            items.setdefault(item, zh)
        return items

    def tgt_items(self, k: int) -> dict[str, str]:
        """Items of English sentence ``k`` -> the word as written."""
        items = lexicon.english_items(self.tgt[k])
        for item, en in self._glossary.in_english(self.tgt[k]):
            items.setdefault(item, en)
        return items

    @cached_property
    def lexical(self) -> Lexical:
        """Item ids per sentence; distinct sentences are analysed once, nothing else is kept."""
        vocab: dict[str, int] = {}
        tgt_lists: list[np.ndarray] = []
        seen: dict[str, np.ndarray] = {}
        for k, text in enumerate(self.tgt):
            ids = seen.get(text)
            if ids is None:
                items = self.tgt_items(k)
                ids = np.array(sorted(vocab.setdefault(i, len(vocab)) for i in sorted(items)), dtype=np.int32)
                seen[text] = ids
            tgt_lists.append(ids)
        m = max(len(self.tgt), 1)
        flat_tgt = np.concatenate(tgt_lists) if tgt_lists else np.zeros(0, dtype=np.int32)
        df = np.bincount(flat_tgt, minlength=len(vocab)).astype(np.float64)
        weights = np.log((m + 1) / (df + 0.5))
        strong = np.array([i.startswith(("#", "=g:")) for i in vocab], dtype=bool)
        if len(vocab):
            # numbers and glossary pairs are strong evidence even when frequent
            weights[strong] = np.maximum(weights[strong], math.log(m + 1)) * 1.5
        weights = np.maximum(weights, 0.05)
        src_lists: list[np.ndarray] = []
        masses: list[float] = []
        seen_zh: dict[str, tuple[np.ndarray, float]] = {}
        for k, text in enumerate(self.src):
            hit = seen_zh.get(text)
            if hit is None:
                items = self.src_items(k)
                # Chinese items that no English sentence has can never hit: keep only shared ones
                ids = np.array(sorted({vocab[i] for i in items if i in vocab}), dtype=np.int32)
                hit = seen_zh[text] = (ids, float(len(set(items.values()))))
            src_lists.append(hit[0])
            masses.append(hit[1])
        seen.clear()
        seen_zh.clear()
        if self.long:  # its own dictionaries (or the shared ones): reloaded if --explain asks
            self.__dict__.pop("_chinese", None)
            _give_back()
        return Lexical(
            vocab=vocab,
            weights=weights,
            src_flat=np.concatenate(src_lists) if src_lists else np.zeros(0, dtype=np.int32),
            src_ptr=np.concatenate([[0], np.cumsum([len(a) for a in src_lists])]).astype(np.int64),
            tgt_flat=flat_tgt,
            tgt_ptr=np.concatenate([[0], np.cumsum([len(a) for a in tgt_lists])]).astype(np.int64),
            src_mass=np.array(masses, dtype=np.float64),
            tgt_mass=np.array([float(weights[ids].sum()) for ids in tgt_lists], dtype=np.float64),
        )
