"""The per-document step of ``aligner build`` as a task for :mod:`aligner.runner`.

The parent reads the corpus and extracts the glossary; each worker gets the glossary and the
settings once (:func:`init_worker`: SRX rules, the glossary's words for the tokenizer, the
embedding model loaded), then segments and aligns one document per task
(:func:`align_document`). With one job the same two functions run in the parent.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import BuildSettings, DocReport, Progress
    from .model import Document, TermEntry, TranslationUnit

_STATE: dict[str, Any] = {}


def init_worker(terms: Sequence[TermEntry], settings: BuildSettings, say: Progress | None = None,
                warm: bool = True) -> None:
    """Load once what every document needs; ``say`` only in-process (it does not pickle)."""
    from .segment import add_user_terms, load_rules

    add_user_terms(t.zh for t in terms)  # a no-op in the parent, which did it already
    _STATE.update(terms=list(terms), settings=settings, rules=load_rules(settings.srx),
                  say=say or (lambda _message: None))
    if warm:  # the model once per worker, before the first document's clock starts
        from .align import embedder

        embedder._model()


def align_document(doc: Document) -> tuple[DocReport, list[TranslationUnit]]:
    """Segment and align one document with the worker's glossary and settings."""
    from .build import _build_document

    return _build_document(doc, _STATE["terms"], _STATE["rules"], _STATE["settings"], _STATE["say"])
