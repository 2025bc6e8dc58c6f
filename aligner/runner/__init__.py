"""Run one task over many items, in this process or in a pool of worker processes.

A :class:`Runner` maps a top-level function over a sequence and yields the results **in
input order**, whatever order the workers finish in, so whatever the caller writes from them
is the same bytes for any number of workers. Each worker runs a :class:`WorkerSetup` once
before its first task (load the models, register the glossary), so per-item work never pays
for start-up. ``make_runner(1, setup)`` runs everything here; ``make_runner(n, setup)`` with
``n > 1`` starts ``n`` processes (``spawn``: no inherited locks or threads, the same start on
every platform). ``make_runner(n, setup, scheduler=ADDRESS)`` sends the items to the
workers of a Dask distributed cluster (:mod:`.cluster`; ``pip install 'aligner[dask]'``).

    runner = make_runner(jobs, WorkerSetup(init_worker, (terms, settings)))
    for result in runner.map(work_on, items):
        ...
"""
from __future__ import annotations

from .base import InProcessRunner, Runner, WorkerSetup, default_jobs, make_runner
from .cluster import ClusterError, DaskRunner  # imports dask only when it connects
from .pool import ProcessPoolRunner


__all__ = ["ClusterError", "DaskRunner", "InProcessRunner", "ProcessPoolRunner", "Runner", "WorkerSetup", "default_jobs", "make_runner"]
