"""Embeddings of many short phrases (term candidates), kept in the embedding cache by bucket.

Term extraction asks for the vectors of a few thousand phrases of a whole corpus; a re-run
after one page changed asks for nearly the same ones. One table for all of them would be a
miss on any change, so the phrases are split into :data:`BUCKETS` buckets by a hash of the
text, and each bucket is one table of the embedding cache (:func:`aligner.align.embedder.embed_table`,
keyed by its texts): a changed phrase re-embeds its bucket only.

A vector depends on the texts that share its micro-batch (~2e-7, see
:mod:`aligner.align.encoder`), so a bucket is always embedded alone, as its sorted texts:
its vectors are the same bytes whether it came from the cache or not, and whichever other
buckets were missing.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

#: buckets the phrases are spread over (a re-run re-embeds the buckets of the phrases it changed)
BUCKETS = 128


def bucket(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:4], "big") % BUCKETS


def phrase_vectors(texts: Iterable[str], folder: Path | None = None,
                   say: Callable[[str], None] | None = None) -> dict[str, np.ndarray]:
    """Unit vector of each distinct text (zero for a blank one); with ``folder``, through the cache there."""
    from ..align.embedder import COUNT, embed_table, labelled

    if say is not None:
        # a bucket's running count ("embedded 2 of 3 distinct term candidates") says nothing
        # about the whole job and reads as the aligner's; what the cache reports is kept
        say = _without_counts(labelled(say, "terms"), COUNT)
    groups: dict[int, list[str]] = {}
    for text in sorted(set(texts)):
        groups.setdefault(bucket(text), []).append(text)
    vectors: dict[str, np.ndarray] = {}
    for number in sorted(groups):
        table, index = embed_table(groups[number], cache_dir=folder, progress=say, label="term candidates")
        vectors.update(zip(groups[number], table[index]))
    return vectors


def _without_counts(say: Callable[[str], None], count: str) -> Callable[[str], None]:
    def hear(message: str) -> None:
        if not message.startswith(count):
            say(message)
    return hear
