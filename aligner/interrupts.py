"""Ctrl-C, SIGTERM and SIGHUP: the command stops, its worker processes with it, and nothing
but one line is printed.

Without this, Ctrl-C reaches every process of the terminal's process group: each worker
printed its own ``KeyboardInterrupt`` traceback, and SIGTERM (``kill``, a CI timeout, a
container stop) killed only the command itself, leaving its workers running as orphans that
held the pipes open.

* The command's own process (:func:`install`, called by the console script only, so an
  in-process test runner keeps its handlers): SIGINT raises :class:`KeyboardInterrupt`,
  SIGTERM and SIGHUP raise :class:`Terminated` (a ``KeyboardInterrupt`` too, so every
  cleanup that handles Ctrl-C handles them); before raising, every worker process is sent
  SIGTERM, so a pool's shutdown does not wait for a worker still busy with its document.
* Every worker process (forked, or spawned through :func:`spawn_context`): SIGINT and
  SIGHUP, which a terminal sends to the whole group, are not its business (ignored when
  forked, blocked when spawned, as the standard library's resource tracker does; the
  tracker, started by the first spawn, inherits the block); SIGTERM ends its own workers,
  then the process, at once.

An output being written when the signal comes is removed (:mod:`aligner.atomic`), so the
old file or none is left, never half of one.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.context
from multiprocessing import resource_tracker
import os
import signal
import threading
from types import FrameType
from typing import Any

#: the signals that ask the command to stop (SIGINT is Ctrl-C)
_STOP = (signal.SIGTERM, signal.SIGHUP)
#: what a terminal sends to every process of its group (Ctrl-C, the terminal closed)
_GROUP = (signal.SIGINT, signal.SIGHUP)
_hooked = False


class Terminated(KeyboardInterrupt):
    """The command was asked to stop by SIGTERM or SIGHUP; the exit status is 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def exit_status(exc: KeyboardInterrupt) -> int:
    """The shell's convention: 128 + the signal's number (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP)."""
    return 128 + (exc.signum if isinstance(exc, Terminated) else signal.SIGINT)


def interrupted(exc: KeyboardInterrupt) -> str:
    """The one line a stopped command prints."""
    what = f"stopped by {exc.name}" if isinstance(exc, Terminated) else "interrupted"
    return f"{what}; no output file was left half-written."


def _stop_children() -> None:
    """SIGTERM to every live worker process this process started (no waiting)."""
    try:
        children = multiprocessing.active_children()
    except Exception:  # noqa: BLE001 - in a signal handler: never fail the stop itself
        return
    for child in children:
        try:
            child.terminate()
        except (OSError, AttributeError, ValueError):  # gone already, or closed
            pass


#: workers being started right now, and the stop signal that came meanwhile: a worker
#: stopped between its launch and its bookkeeping would be unknown to _stop_children (an
#: orphan), or read half its start-up data and print a traceback
_starting = [0]
_deferred: list[int] = []


def _stop(signum: int) -> None:
    _stop_children()
    raise KeyboardInterrupt if signum == signal.SIGINT else Terminated(signum)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if _starting[0]:
        _deferred.append(signum)
        return
    _stop(signum)


def _child_stop(signum: int, frame: FrameType | None) -> None:
    _stop_children()
    os._exit(128 + signum)


def _as_child() -> None:
    """A worker's handlers: what the terminal sends the whole group (SIGINT, SIGHUP) is the
    command's to answer; SIGTERM (the command's own stop) ends its workers and itself."""
    try:
        for signum in _GROUP:
            signal.signal(signum, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _child_stop)
    except (ValueError, OSError):  # not the main thread: leave the defaults
        pass


def _hook_forks() -> None:
    global _hooked
    if not _hooked:
        os.register_at_fork(after_in_child=_as_child)
        _hooked = True


def install() -> None:
    """The handlers of the command's own process (see the module docstring)."""
    try:
        for signum in (signal.SIGINT, *_STOP):
            signal.signal(signum, _on_signal)
    except (ValueError, OSError):  # not the main thread (embedded): keep Python's defaults
        return
    _hook_forks()


class _WorkerProcess(multiprocessing.context.SpawnProcess):
    """A spawned worker started with SIGINT and SIGHUP blocked (they cannot arrive before the
    worker's handlers exist), which sets the worker's handlers before its first task."""

    @staticmethod
    def _Popen(process_obj: Any) -> Any:  # noqa: N802 - multiprocessing's name
        old = signal.pthread_sigmask(signal.SIG_BLOCK, set(_GROUP))  # inherited: also by the resource tracker
        try:
            return multiprocessing.context.SpawnProcess._Popen(process_obj)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def start(self) -> None:
        _starting[0] += 1
        try:
            super().start()
        finally:
            _starting[0] -= 1
            if _deferred and not _starting[0]:
                signum = _deferred.pop(0)
                _deferred.clear()
                if threading.current_thread() is threading.main_thread():
                    _stop(signum)
                os.kill(os.getpid(), signum)  # started by another thread: the main thread's handler

    def run(self) -> None:
        _as_child()
        _hook_forks()
        super().run()


class _WorkerContext(multiprocessing.context.SpawnContext):
    Process = _WorkerProcess  # type: ignore[assignment]


def spawn_context() -> multiprocessing.context.SpawnContext:
    """The ``spawn`` context for worker pools: its workers never print a traceback on
    Ctrl-C and stop with the command (see the module docstring). The resource tracker is
    started here, with the block, if no earlier spawn started it: the pool's queues start it
    before any worker, and a SIGHUP to the group killed it (a warning and a traceback)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, set(_GROUP))
    try:
        resource_tracker.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
    return _WorkerContext()
