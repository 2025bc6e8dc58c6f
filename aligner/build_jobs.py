"""The per-document step of ``aligner build`` run by :mod:`aligner.runner`, with progress.

The parent reads the corpus and extracts the glossary; each worker gets the glossary and the
settings once (:func:`init_worker`: SRX rules, the glossary's words for the tokenizer, the
embedding model loaded), then segments and aligns one document per task
(:func:`align_document`). With one job the same two functions run in the parent.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import BuildSettings, DocReport, Progress
    from .runner.early import EarlyPool
    from .model import Document, TermEntry, TranslationUnit

_STATE: dict[str, Any] = {}


def init_worker(terms: Sequence[TermEntry], settings: BuildSettings, say: Progress | None = None,
                warm: bool = True, threads: int | None = None) -> None:
    """Load once what every document needs; ``say`` only in-process (it does not pickle).
    ``threads``: the embedder's threads in this worker (local workers share the cores; the
    vectors are the same bytes for any number)."""
    from .segment import add_user_terms, load_rules

    if threads is not None:
        from .align import embedder

        embedder.set_threads(threads)
    add_user_terms(t.zh for t in terms)  # a no-op in the parent, which did it already
    _STATE.update(terms=list(terms), settings=settings, rules=load_rules(settings.srx),
                  say=say or (lambda _message: None))
    if warm:  # the model once per worker, before the first document's clock starts
        from .align import embedder

        embedder._model()


def align_document(doc: Document) -> tuple[DocReport, list[TranslationUnit], Any, Any]:
    """Segment and align one document with the worker's glossary and settings: its report,
    its TMX units, its output files' bytes (the TMX and every bead for `aligner review`,
    :mod:`aligner.build_pages`) and what the corpus-level learning reads of its confident
    pairs (:mod:`aligner.build_readings`): all the per-document work, done here in parallel."""
    from .build_document import _build_document
    from .build_pages import page_files
    from .build_readings import read_document

    settings = _STATE["settings"]
    report, units, beads = _build_document(doc, _STATE["terms"], _STATE["rules"], settings, _STATE["say"])
    return (report, units, page_files(units, beads, settings, report.stem),
            read_document(units, _STATE["terms"], settings.tm_terms))


def _threads(jobs: int) -> int:
    return max(1, (os.cpu_count() or 1) // max(1, jobs))  # workers x threads = cores


def start_early(jobs: int, docs: int, fresh: int, scheduler: str | None) -> EarlyPool | None:
    """Local workers spawned now, while this process extracts the glossary
    (:mod:`aligner.runner.early`), when ``fresh`` pages (parsed by this build: bytes no
    entry has) say there will be documents to align; else None (a re-run that changed one
    page aligns it here without a pool)."""
    if scheduler or jobs < 2 or docs < 2 or fresh < 2:
        return None
    from .runner.early import EarlyPool

    return EarlyPool(min(jobs, docs), _threads(jobs))


def align_documents(docs: Sequence[Document], terms: Sequence[TermEntry], settings: BuildSettings,
                    jobs: int, say: Progress, *, scheduler: str | None = None, early: EarlyPool | None = None,
                    ) -> Iterator[tuple[DocReport, list[TranslationUnit], Any, Any]]:
    """(report, units, beads, readings) per document, in corpus order whatever ``jobs``, or on the Dask
    cluster at ``scheduler``, or on the ``early`` pool (closed here once done); progress on
    ``say``: documents done / total and the rate over the last ten."""
    try:
        yield from _align_documents(docs, terms, settings, jobs, say, scheduler, early)
    finally:
        if early is not None:
            early.close()


def _align_documents(docs: Sequence[Document], terms: Sequence[TermEntry], settings: BuildSettings,
                     jobs: int, say: Progress, scheduler: str | None, early: EarlyPool | None,
                     ) -> Iterator[tuple[DocReport, list[TranslationUnit], Any, Any]]:
    from .runner import DaskRunner, WorkerSetup, make_runner
    from .wording import count

    pool = bool(scheduler) or early is not None or (jobs > 1 and len(docs) > 1)
    local_threads = _threads(jobs)
    setup = (WorkerSetup(init_worker, (terms, settings, None, True, None if scheduler else local_threads))
             if pool else WorkerSetup(init_worker, (terms, settings, say, False)))
    runner: Any = early.runner(setup) if early is not None else make_runner(jobs, setup, items=len(docs),
                                                                               scheduler=scheduler)
    if isinstance(runner, DaskRunner):
        runner.connect()
        say(f"aligning {count(len(docs), 'document')} on the Dask cluster at {scheduler} "
            f"({count(runner.jobs, 'worker thread')})")
    elif pool:
        say(f"aligning {count(len(docs), 'document')} in {runner.jobs} worker processes")
    recent = [time.perf_counter()]
    for done, result in enumerate(runner.map(align_document, docs), 1):
        recent = (recent + [time.perf_counter()])[-11:]
        rate = (len(recent) - 1) / max(recent[-1] - recent[0], 1e-9)
        say(f"[{done}/{len(docs)}] {result[0].stem}: aligned ({rate:.2f} documents/s)")
        yield result
