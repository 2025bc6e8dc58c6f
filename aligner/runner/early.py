"""A local pool of worker processes started before the glossary is known.

The per-document workers need the glossary (:func:`aligner.build_jobs.init_worker`), which the
build extracts from every page first, so a pool made for it starts only then: spawning the
workers, importing aligner and loading the embedding model and jieba's dictionary came after
the reading and the extraction, with one core idle during those. :class:`EarlyPool` spawns
them as soon as the build knows there are pages to align: each loads what needs no glossary
(:func:`prewarm`) while this process extracts it. The setup is then handed over through a
file in a private temporary folder (pickled, as a pool's ``initargs`` are: the same objects),
named by a token each task carries; a worker runs the setup the first time it sees the token.
So the documents are aligned with the same glossary and settings, in the same worker state,
as by :class:`~aligner.runner.pool.ProcessPoolRunner`: the same bytes.
"""
from __future__ import annotations

import itertools
import os
import pickle
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from ..interrupts import spawn_context
from .base import WorkerSetup

T = TypeVar("T")
R = TypeVar("R")

_SEEN: list[str] = []  # in a worker: the token of the setup it last ran
_TOKENS = itertools.count()  # here: a new token per setup (an id() is reused once its object is gone)


def prewarm(threads: int | None) -> None:
    """A worker's start: what every document needs and no glossary changes (the embedding
    model with its threads, jieba's own dictionary: the glossary's words are added on top of
    it, with the same result whenever they are, see :mod:`aligner.segment.words`)."""
    from ..align import embedder
    from ..jieba_shared import base_dictionary

    if threads is not None:
        embedder.set_threads(threads)
    embedder._model()
    base_dictionary()


def _ready() -> int:
    return os.getpid()


def _run(token: str, path: str, task: Callable[[T], R], item: T) -> R:
    if _SEEN != [token]:
        with open(path, "rb") as handle:
            setup: WorkerSetup = pickle.load(handle)  # written by this build, in its own folder
        setup.run()
        _SEEN[:] = [token]
    return task(item)


def _shutdown(pool: ProcessPoolExecutor, folder: str) -> None:
    pool.shutdown(wait=True, cancel_futures=True)
    shutil.rmtree(folder, ignore_errors=True)


class EarlyPool:
    """``jobs`` spawned workers, started now; :meth:`runner` maps tasks on them once the
    setup is known; :meth:`close` always (it removes the setup's folder)."""

    def __init__(self, jobs: int, threads: int | None = None) -> None:
        self.jobs = jobs
        self._pool = ProcessPoolExecutor(jobs, mp_context=spawn_context(),
                                         initializer=prewarm, initargs=(threads,))
        self._started: list[Future[int]] = [self._pool.submit(_ready) for _ in range(jobs)]  # spawn them all now
        self._folder = tempfile.mkdtemp(prefix="aligner-setup-")
        # a build that fails before aligning never calls close(): then at collection or exit
        self._close = weakref.finalize(self, _shutdown, self._pool, self._folder)

    def runner(self, setup: WorkerSetup) -> EarlyRunner:
        token = f"{os.getpid()}-{next(_TOKENS)}"
        path = os.path.join(self._folder, token)
        with open(path, "wb") as handle:
            pickle.dump(setup, handle)
        return EarlyRunner(self, token, path)

    def close(self) -> None:
        self._close()


class EarlyRunner:
    """The :class:`~aligner.runner.base.Runner` of an :class:`EarlyPool` with one setup."""

    def __init__(self, pool: EarlyPool, token: str, path: str) -> None:
        self.jobs = pool.jobs
        self._pool, self._token, self._path = pool, token, path

    def map(self, task: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        from .pool import results_in_order

        executor = self._pool._pool
        yield from results_in_order(lambda item: executor.submit(_run, self._token, self._path, task, item), items)
