"""A Dask distributed cluster behind the :class:`~aligner.runner.base.Runner` interface.

``aligner build --scheduler ADDRESS`` sends the per-document work to the workers of a running
cluster (``dask scheduler`` plus ``dask worker ADDRESS`` on each machine). Dask does the
scheduling, transport and retries; this module only adds what a build needs on top:

* every worker runs the :class:`~aligner.runner.base.WorkerSetup` once per process (the
  models stay loaded between documents and between builds with the same setup), sent to the
  cluster once (``scatter``), not with every document;
* results come back in input order, so the outputs are the bytes of a local run;
* before any work, each worker must import aligner at this version: a worker without it, or
  with another version, would fail later or write other bytes, so that is one
  :class:`ClusterError` naming the worker and the fix.
"""
from __future__ import annotations

import hashlib
import pickle
import threading
import types
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from ..errors import AlignerError
from .base import WorkerSetup

T = TypeVar("T")
R = TypeVar("R")

#: seconds to wait for the scheduler to answer, and for at least one worker to be there
CONNECT_TIMEOUT = 10.0
INSTALL_HINT = "install it with: pip install 'aligner[dask]' (on this machine and on every worker)"


class ClusterError(AlignerError):
    """The cluster cannot run the build: dask missing, scheduler unreachable, a worker unfit."""


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClusterError("--scheduler needs dask.distributed, which is not installed",
                           hint=INSTALL_HINT) from None
    return distributed


# --- on the workers ---------------------------------------------------------------------

_LOCK = threading.Lock()  # a worker with several threads still runs one document at a time
_CURRENT: list[str] = []  # the token of the setup this process last ran


def run_task(token: str, setup: WorkerSetup, task: Callable[[T], R], item: T) -> R:
    """On a worker: run ``setup`` if this process has not run it yet (or ran another build's),
    then ``task(item)``. One at a time per process: the build's state is per process."""
    with _LOCK:
        if _CURRENT != [token]:
            if _CURRENT:  # this worker served another build: forget that build's glossary words
                from ..segment.words import clear_user_terms

                clear_user_terms()
            setup.run()
            _CURRENT[:] = [token]
        return task(item)


def _probe_source() -> str:
    import aligner

    return aligner.__version__


# Pickled by value (its module is "__main__" to cloudpickle), so a worker without aligner
# can run it and say so, instead of failing to unpickle a reference to this module.
_PROBE = types.FunctionType(_probe_source.__code__, {"__name__": "__main__", "__builtins__": __builtins__},
                            "aligner_version_probe")


# --- on the client ----------------------------------------------------------------------

class DaskRunner:
    """The workers of the Dask cluster at ``address``; results in input order.

    Raises :class:`ClusterError` when dask is missing, the scheduler does not answer within
    :data:`CONNECT_TIMEOUT` seconds, no worker joins, or a worker lacks this aligner version.
    An :class:`~aligner.errors.AlignerError` a task raises reaches the caller as itself.
    """

    def __init__(self, address: str, setup: WorkerSetup | None = None, *,
                 timeout: float | None = None) -> None:
        self.address = address
        self._setup = setup or WorkerSetup()
        self._timeout = CONNECT_TIMEOUT if timeout is None else timeout
        self._client: Any = None
        self.jobs = 0  # worker threads, known once connected

    def connect(self) -> None:
        """Reach the scheduler and check its workers (done by :meth:`map` if not before)."""
        if self._client is not None:
            return
        distributed = _import_distributed()
        try:
            client = distributed.Client(self.address, timeout=self._timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {self.address} ({_reason(exc)})",
                hint="start it with `dask scheduler` and give its address (tcp://HOST:8786), "
                     "or build without --scheduler") from None
        try:
            self._check_workers(client)
        except BaseException:
            client.close()
            raise
        self._client = client

    def check(self) -> None:
        """Connect, check the workers, disconnect: refuse an unfit cluster before any work."""
        self.connect()
        self.close()

    def _check_workers(self, client: Any) -> None:
        from .. import __version__

        try:
            client.wait_for_workers(1, timeout=self._timeout)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"the Dask scheduler at {self.address} has no workers ({_reason(exc)})",
                               hint=f"start some with `dask worker {self.address}`") from None
        try:
            versions = client.run(_PROBE, on_error="return")
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot ask the workers of {self.address} for their aligner version "
                               f"({_reason(exc)})", hint="check that the workers are running") from None
        for worker, version in sorted(versions.items()):
            if isinstance(version, BaseException):
                raise ClusterError(
                    f"the Dask worker {worker} cannot import aligner ({_reason(version)})",
                    hint=f"install aligner {__version__} on every worker, in the Python that runs "
                         "`dask worker`, with: pip install 'aligner[dask]'")
            if version != __version__:
                raise ClusterError(
                    f"the Dask worker {worker} has aligner {version}, this machine {__version__}",
                    hint=f"install aligner {__version__} on every worker: the same version writes the same bytes")
        self.jobs = sum(info.get("nthreads", 1) for info in client.scheduler_info()["workers"].values()) or 1

    def map(self, task: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        self.connect()
        distributed = _import_distributed()
        client = self._client
        token = hashlib.sha256(pickle.dumps((self._setup, task), protocol=5)).hexdigest()
        futures: list[Any] = []
        try:
            setup = client.scatter(self._setup, broadcast=True, hash=False)
            futures = [client.submit(run_task, token, setup, task, item, pure=False) for item in items]
            for future in futures:
                try:
                    yield future.result()
                except distributed.KilledWorker:
                    raise ClusterError(
                        "a Dask worker died while aligning a document (its tries ran out)",
                        hint="look for an out-of-memory kill in the worker's log; retry with --jobs 1 "
                             "to see the failing document") from None
                except (OSError, TimeoutError) as exc:
                    raise ClusterError(f"lost the Dask scheduler at {self.address} ({_reason(exc)})",
                                       hint="check the scheduler and run the build again") from None
        finally:
            for future in futures:  # an error or an abandoned iterator: stop the rest
                future.cancel()
            self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
