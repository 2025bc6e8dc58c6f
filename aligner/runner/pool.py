"""A pool of worker processes behind the :class:`~aligner.runner.base.Runner` interface."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from ..errors import AlignerError
from ..interrupts import spawn_context
from .base import WorkerSetup

T = TypeVar("T")
R = TypeVar("R")


class WorkerCrashed(AlignerError):
    """A worker process died (killed, out of memory, a native crash) instead of failing cleanly."""


class ProcessPoolRunner:
    """``jobs`` spawned worker processes, each set up once; results in input order.

    An error a task raises (an :class:`~aligner.errors.AlignerError` about one document)
    reaches the caller as itself; a worker that dies becomes :class:`WorkerCrashed`.
    """

    def __init__(self, jobs: int, setup: WorkerSetup | None = None) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.jobs = jobs
        self._setup = setup or WorkerSetup()

    def map(self, task: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        context = spawn_context()  # workers stop with the command, quietly
        with ProcessPoolExecutor(max_workers=self.jobs, mp_context=context,
                                 initializer=self._setup.run) as pool:
            # one item per task: documents differ a lot in size, so no chunking
            yield from results_in_order(lambda item: pool.submit(task, item), items)


def results_in_order(submit: Callable[[T], Future[R]], items: Sequence[T]) -> Iterator[R]:
    """Submit every item (``submit`` returns its future), yield the results in input order; a
    dead worker becomes :class:`WorkerCrashed`, and an error or an abandoned iterator cancels
    what has not started. Shared by the pool above and :mod:`.early`'s."""
    futures: list[Future[R]] = []
    try:
        futures = [submit(item) for item in items]
        for future in futures:
            yield future.result()
    except BrokenProcessPool:
        raise WorkerCrashed(
            "a worker process stopped without finishing its document",
            hint="look for an out-of-memory kill; retry with --jobs 1 to see the failing document",
        ) from None
    finally:
        for future in futures:  # an error or an abandoned iterator: stop the rest
            future.cancel()
