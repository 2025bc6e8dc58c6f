"""Bead scorers, found by name through a registry (``--scorer NAME``).

A scorer turns a document pair into a :data:`~aligner.align.search.ChunkScorer`: for a chunk
of the lattice it returns, per bead shape, the score of every bead ending there. Each scorer
is a small module; combinations are scorers too. ``skip`` is what leaving one sentence
unaligned costs on the same scale.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...errors import UsageError
from ..pair import DocumentPair
from ..search import ChunkScorer


@dataclass(frozen=True)
class Scorer:
    """A named way to score beads."""

    name: str
    description: str
    prepare: Callable[[DocumentPair], ChunkScorer]
    skip: float
    needs_embeddings: bool = True


_REGISTRY: dict[str, Scorer] = {}


def register(scorer: Scorer) -> Scorer:
    if scorer.name in _REGISTRY:
        raise ValueError(f"scorer {scorer.name!r} registered twice")
    _REGISTRY[scorer.name] = scorer
    return scorer


def available_scorers() -> list[str]:
    """Names accepted by ``--scorer``, sorted."""
    _load()
    return sorted(_REGISTRY)


def get_scorer(name: str) -> Scorer:
    """The scorer called ``name``; an unknown name is a one-line :class:`UsageError`."""
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UsageError(
            f"unknown scorer {name!r}",
            hint="Choose one of: " + ", ".join(sorted(_REGISTRY)),
        ) from None


def _load() -> None:
    """Import the scorer modules; each registers itself on import."""
    from . import combined, embedding, length, lexical  # noqa: F401
