"""Work in a forked process, for the Python-bound stages of a long pair that would otherwise
wait for each other under one GIL or leave a core idle (:mod:`.halves`, the lexical features
beside the embedding in :mod:`.pair`).

A forked process sees this process's memory as it is at the fork (copy on write: nothing is
pickled on the way in); the value comes back pickled. Where no process can be forked (no
``fork`` on the platform, a daemonic worker process) :func:`start` says so and the caller
does the work itself.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
_TASKS: dict[int, Callable[[], Any]] = {}  # by id: what a process forked now finds to run


def _run_task(key: int) -> Any:
    return _TASKS[key]()


def start(task: Callable[[], T]) -> Callable[[], T] | None:
    """``task`` started in a forked process; call the result to wait for its value (a process
    that died, killed or out of memory, is replaced by running ``task`` here). None when no
    process can be forked here."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    key = id(task)
    _TASKS[key] = task
    try:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(_run_task, key)
    except (OSError, ValueError, AssertionError, RuntimeError):  # no fork here, or a daemonic process
        _TASKS.pop(key, None)
        return None

    def result() -> T:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool:
            return task()
        finally:
            pool.shutdown()
            _TASKS.pop(key, None)

    return result
