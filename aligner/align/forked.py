"""Work in a forked process, for the Python-bound stages of a long pair that would otherwise
wait for each other under one GIL or leave a core idle (:mod:`.halves`, the lexical features
beside the embedding in :mod:`.pair`).

A forked process sees this process's memory as it is at the fork (copy on write: nothing is
pickled on the way in); the value comes back pickled through a pipe, read by a thread here
as soon as it is sent, so the process ends (and gives its memory back) when its work does,
not when the caller asks for the value. Where no process can be forked (no ``fork`` on the
platform, a daemonic worker process) :func:`start` says so and the caller does the work
itself.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
_TASKS: dict[int, Callable[[], Any]] = {}  # by id: what a process forked now finds to run


def _child(key: int, send: Any) -> None:
    try:
        value: tuple[bool, Any] = (True, _TASKS[key]())
    except Exception as error:  # noqa: BLE001 - sent back and raised where the value is asked for
        value = (False, error)
    send.send(value)
    send.close()


def start(task: Callable[[], T]) -> Callable[[], T] | None:
    """``task`` started in a forked process; call the result to wait for its value (a process
    that died, killed or out of memory, is replaced by running ``task`` here; an error it
    raised is raised there). None when no process can be forked here."""
    import multiprocessing

    key = id(task)
    _TASKS[key] = task
    try:
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(key, send))
        process.start()
    except (OSError, ValueError, AssertionError, RuntimeError):  # no fork here, or a daemonic process
        return None
    finally:
        _TASKS.pop(key, None)  # the child has its own copy
    send.close()
    box: dict[str, Any] = {}

    def read() -> None:
        try:
            box["value"] = receive.recv()
        except (EOFError, OSError):  # it died before sending
            pass
        finally:
            receive.close()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def result() -> T:
        reader.join()
        process.join()
        if "value" not in box:
            return task()
        ok, value = box["value"]
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    return result
