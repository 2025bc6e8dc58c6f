"""The runner interface and the in-process runner."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class WorkerSetup:
    """What each worker runs once before its first task: ``initializer(*initargs)``.

    Both must pickle for a process pool (a module-level function, plain data)."""

    initializer: Callable[..., None] | None = None
    initargs: tuple[Any, ...] = ()

    def run(self) -> None:
        if self.initializer is not None:
            self.initializer(*self.initargs)


class Runner(Protocol):
    """Maps a task over items; results come back in input order."""

    jobs: int

    def map(self, task: Callable[[T], R], items: Sequence[T]) -> Iterator[R]: ...


class InProcessRunner:
    """Runs the setup once and every task here, one after another (``--jobs 1``)."""

    jobs = 1

    def __init__(self, setup: WorkerSetup | None = None) -> None:
        self._setup = setup or WorkerSetup()
        self._ready = False

    def map(self, task: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        if not self._ready:
            self._setup.run()
            self._ready = True
        for item in items:
            yield task(item)


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def make_runner(jobs: int, setup: WorkerSetup | None = None, *, items: int | None = None,
                scheduler: str | None = None) -> Runner:
    """The Dask cluster at ``scheduler`` when given; else an in-process runner for one job
    (or one item), else a pool of ``min(jobs, items)``."""
    from .pool import ProcessPoolRunner

    if scheduler:
        from .cluster import DaskRunner

        return DaskRunner(scheduler, setup)

    workers = min(jobs, items) if items is not None else jobs
    if workers <= 1:
        return InProcessRunner(setup)
    return ProcessPoolRunner(workers, setup)
