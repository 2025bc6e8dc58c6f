"""The per-unit part of a check, in this process or in forked worker processes.

What one unit gives on its own (the unit rules, the term matches and the term findings) does
not depend on any other unit, so a large check hands chunks of units to worker processes
while this process reads the file, keeps the per-file counts and feeds the cross-unit
rules. Results come back in chunk order and are added in that order, so the findings, the
counts and the list of accepted derivations are those of doing every unit here, one after
another (``tests/test_check_parallel.py`` compares the reports byte for byte).

Workers are forked after the glossary is compiled (term automaton, jieba's dictionary, the
English patterns, CC-CEDICT), so they share those pages with this process instead of
building their own; where ``fork`` is not available the check stays in one process. A
small check never starts them: the pool starts once :data:`PARALLEL_AFTER` units have been
checked here, and at most ``2 * jobs`` chunks are in flight, so memory stays flat.

The pool is a :class:`concurrent.futures.ProcessPoolExecutor`: a worker that dies without
an answer (killed, out of memory) breaks it and the check stops with one
:class:`~aligner.errors.WorkerError` naming where its chunk starts, where a
``multiprocessing.Pool`` would wait for the lost chunk forever. An exception raised in a
worker (an :class:`~aligner.errors.AlignerError`, a ``RecursionError``) is raised here as it
would be in one process.

Large TMX files take another way (:mod:`aligner.check.fanout`): each worker parses its own
byte range of the file, so this process neither parses nor pickles the units.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from ..errors import WorkerError
from ..model import Finding
from .rules import Rule, term_findings
from .rules.partial import PARTIAL_UNIT, fold_partial

_NUMBER_RULES = frozenset({"number-mismatch", "number-added"})
from .terms import TermIndex
from .units import Unit

#: units checked in this process before worker processes are worth starting
PARALLEL_AFTER = 20_000
#: units per chunk sent to a worker (a few MB of pickled units and findings)
CHUNK = 2_000


@dataclass
class UnitResult:
    """What one unit gives on its own: findings in the order the serial check adds them."""

    findings: list[Finding] = field(default_factory=list)
    terms: int = 0  # distinct glossary terms found in the source
    accepted: list[dict[str, Any]] = field(default_factory=list)
    proposed_hidden: int = 0
    related_hidden: int = 0
    hit_terms: tuple[str, ...] = ()  # headwords of the terms found, when term usage is counted
    lacking: frozenset[str] = frozenset()  # of those, the terms a glossary rule found missing

    def worth(self) -> bool:
        """Whether the result has anything to deliver."""
        return bool(self.findings or self.terms or self.proposed_hidden or self.related_hidden)


@dataclass(frozen=True)
class UnitWork:
    """Everything the per-unit part needs; inherited by forked workers."""

    index: TermIndex
    unit_checks: Sequence[Any]  # rule families with a unit_check
    enabled: Collection[str]
    terms_on: bool
    usage: bool = False  # count each term's units for term-rarely-used (:mod:`.term_usage`)

    def run(self, unit: Unit, empty: bool) -> UnitResult:
        result = UnitResult()
        enabled = self.enabled
        for family in self.unit_checks:
            if empty and not family.sees_empty:
                continue
            result.findings.extend(f for f in family.unit_check(unit) if f.rule in enabled)
        if empty or not self.terms_on:
            return self._partial(unit, result, empty)
        hits = self.index.find(unit.source)
        if not hits:
            return self._partial(unit, result, empty)
        result.terms = len({id(h.term) for h in hits})
        found = list(term_findings(unit, hits, accepted=result.accepted))
        if self.usage:
            result.hit_terms = tuple(sorted({hit.term.zh for hit in hits}))
            result.lacking = frozenset(f.source_term for f in found)
        for finding in found:
            if finding.rule in enabled:
                result.findings.append(finding)
            elif Rule.MISSING_TERM.value in enabled:
                if finding.rule == Rule.MISSING_TERM_PROPOSED.value:
                    result.proposed_hidden += 1
                elif finding.rule == Rule.MISSING_TERM_RELATED.value:
                    result.related_hidden += 1
        return self._partial(unit, result, empty)

    def _partial(self, unit: Unit, result: UnitResult, empty: bool) -> UnitResult:
        """A misaligned or truncated unit's number and term findings folded into one
        ``partial-unit`` finding (:mod:`.rules.partial`)."""
        if not empty and PARTIAL_UNIT.id in self.enabled:
            result.findings = fold_partial(unit, result.findings,
                                           numbers_on=bool(_NUMBER_RULES & set(self.enabled)))
        return result

    def warm(self) -> None:
        """Compile what workers would otherwise each build for themselves (every term's
        English patterns, CC-CEDICT for derivations) before they are forked."""
        from .derivation import dictionary_words

        _ = self.index.tokenizer
        self.index.warm_cuts()
        for term in self.index.terms:
            _ = term.allowed_re, term.forbidden_re
        dictionary_words()


    def release(self) -> None:
        """Free, in this process, what only the workers use from now on (jieba's dictionary,
        CC-CEDICT: about 100 MB; the workers keep their copies, and anything here that
        needs them again loads them again)."""
        from ..cedict import raw_glosses
        from .derivation import _glosses

        self.index.drop_caches()
        _glosses.cache_clear()
        raw_glosses.cache_clear()


_WORK: UnitWork | None = None  # the forked workers' copy


def _ready() -> bool:
    return True


_HINT = "run the check again with --jobs 1 to check in one process, or split the input into smaller files"


class Workers:
    """``jobs`` forked worker processes, for both parallel paths (this module's chunks of
    units and :mod:`.fanout`'s TMX ranges).

    A :class:`~concurrent.futures.ProcessPoolExecutor`, not a ``multiprocessing.Pool``: a
    worker that dies (killed, out of memory) breaks it and :meth:`result` raises one
    :class:`~aligner.errors.WorkerError`, where a Pool would wait for the lost task forever.
    Any other exception of a worker is raised by :meth:`result` as the worker raised it.
    """

    def __init__(self, jobs: int) -> None:
        """Fork the workers now, while this process holds what they share (the pool would
        fork them on its first tasks)."""
        self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
        try:
            for ready in [self._pool.submit(_ready) for _ in range(jobs)]:
                ready.result()
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            raise WorkerError("a check worker process stopped as it started (out of memory?)",
                              hint=_HINT) from None

    def submit(self, task: Callable[..., Any], *args: Any) -> Future[Any]:
        return self._pool.submit(task, *args)

    @staticmethod
    def result(future: Future[Any], where: str = "", path: str | None = None,
               line: int | None = None) -> Any:
        """The task's answer; a :class:`WorkerError` naming ``where`` (the first unit of the
        task) when its worker died without one."""
        try:
            return future.result()
        except BrokenProcessPool:
            raise WorkerError("a check worker process stopped without an answer (killed, or out of memory?)"
                              + (f" while checking the units from {where} on" if where else ""),
                              path=path, line=line, hint=_HINT) from None

    def close(self, *, abandon: bool) -> None:
        """Stop the workers; ``abandon``: tasks are still out (bad input, a worker failed),
        do not wait for them."""
        if abandon:
            for process in list((getattr(self._pool, "_processes", None) or {}).values()):
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _run_chunk(chunk: list[tuple[int, int, Unit, bool]]) -> list[tuple[int, int, UnitResult]]:
    assert _WORK is not None
    out = []
    for order, position, unit, empty in chunk:
        result = _WORK.run(unit, empty)
        if result.worth():
            out.append((order, position, result))
    return out


class UnitRunner:
    """Runs :class:`UnitWork` on units in order: here, or past :data:`PARALLEL_AFTER` units
    in ``jobs`` forked workers. ``deliver(order, position, result)`` is called in unit order
    (``order``: the file's place among the files)."""

    def __init__(self, work: UnitWork, jobs: int,
                 deliver: Callable[[int, int, UnitResult], None], after: int | None = None) -> None:
        self._work = work
        self._after = after  # None: PARALLEL_AFTER
        self._jobs = jobs if jobs > 1 and "fork" in multiprocessing.get_all_start_methods() else 1
        self._deliver = deliver
        self._seen = 0
        self._pool: Any = None
        self._chunk: list[tuple[int, int, Unit, bool]] = []
        self._pending: deque[tuple[Future[Any], Unit | None]] = deque()  # with the chunk's first unit

    def add(self, order: int, position: int, unit: Unit, empty: bool) -> None:
        if self._pool is None:
            self._seen += 1
            if self._jobs == 1 or self._seen <= (PARALLEL_AFTER if self._after is None else self._after):
                result = self._work.run(unit, empty)
                if result.worth():
                    self._deliver(order, position, result)
                return
            self._start()
        self._chunk.append((order, position, unit, empty))
        if len(self._chunk) >= CHUNK:
            self._send()

    def add_known(self, order: int, position: int, result: UnitResult | None) -> None:
        """A unit whose result was kept from an earlier check (:mod:`aligner.cache.unit_results`),
        delivered in its place among the others (after the chunks sent before it)."""
        if self._pool is None:
            if result is not None and result.worth():
                self._deliver(order, position, result)
            return
        if self._chunk:
            self._send()
        if result is not None and result.worth():
            done: Future[Any] = Future()
            done.set_result([(order, position, result)])
            self._pending.append((done, None))

    def _start(self) -> None:
        global _WORK
        self._work.warm()
        _WORK = self._work
        self._pool = Workers(self._jobs)  # forked while this process holds what they share
        self._work.release()  # then let it go here

    def _send(self) -> None:
        self._pending.append((self._pool.submit(_run_chunk, self._chunk), self._chunk[0][2]))
        self._chunk = []
        while len(self._pending) > 2 * self._jobs:
            self._take()

    def _take(self) -> None:
        future, first = self._pending.popleft()
        for order, position, result in self._result(future, first):
            self._deliver(order, position, result)

    @staticmethod
    def _result(future: Future[Any], first: Unit | None) -> Any:
        if first is None:  # a kept result, not a worker's
            return future.result()
        return Workers.result(future, f"unit {first.ref}", first.file, first.line)

    def close(self) -> None:
        """Deliver every unit's result (call once, after the last unit)."""
        if self._pool is None:
            return
        if self._chunk:
            self._send()
        while self._pending:
            self._take()

    def terminate(self) -> None:
        """Stop the workers (always, also when reading failed half-way)."""
        global _WORK
        if self._pool is not None:
            self._pool.close(abandon=bool(self._pending))  # stopped half-way: do not wait
            self._pool = None
            self._pending.clear()
        _WORK = None
