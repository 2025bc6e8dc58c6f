"""One check's state, shared by the serial loop (:func:`aligner.check.check`) and the sliced
TMX path (:mod:`aligner.check.fanout`): the report being filled, the findings with their
places, the cross-unit trackers and the term tally.

Both paths hand every unit's result to :meth:`CheckRun.deliver` in unit order and finish
with :meth:`CheckRun.finish`, so the report does not depend on who read or checked the
units (``tests/test_check_parallel.py``, ``tests/test_check_fanout.py``).
"""
from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

import numpy as np

from .findings import FindingStore
from .parallel import UnitResult, UnitWork
from .report import CheckReport
from .rules import TERM_RULES, Rule, families, rule_order
from .term_usage import RULE as RARELY_USED, UNCONFIRMED, VARIES, TermUsage
from .terms import TermIndex
from .units import FileStats, Unit


class CheckRun:
    """What one check accumulates while its units go by (see the module docstring)."""

    def __init__(self, index: TermIndex, enabled: Collection[str], include_fuzzy: bool) -> None:
        self.include_fuzzy = include_fuzzy
        self.enabled = enabled
        self.report = CheckReport(glossary_terms=len(index),
                                  glossary_entries=sum(len(t.entries) for t in index.terms),
                                  include_fuzzy=include_fuzzy, rules=sorted(enabled, key=rank))
        self.positioned = FindingStore()
        active = [f for f in families() if any(r.id in enabled for r in f.rules)]
        unit_checks = [f for f in active if f.unit_check is not None]
        #: makers of the cross-unit trackers, in report order (a worker makes its own)
        self.tracker_makers = [make for f in active for make in f.trackers]
        self.trackers = [make() for make in self.tracker_makers]
        terms_on = bool(enabled & TERM_RULES - {Rule.INCONSISTENT_TARGET.value})
        # missing-term-unconfirmed re-labels misses: the per-unit part makes them even when only
        # it is on, and what it does not take of them is left out at the end
        self.injected = (frozenset({Rule.MISSING_TERM.value, Rule.KEEP_AS_IS.value}) - frozenset(enabled)
                         if UNCONFIRMED in enabled else frozenset())
        self.usage = TermUsage() if terms_on else None  # the TM's own evidence about each term
        self._by_zh = {term.zh: term for term in index.terms} if self.usage is not None else {}
        self._terms = index.terms
        self._tally: np.ndarray | None = None  # [units, renderings] by term place, from workers
        self._left_out = array("q")  # store indices of findings of injected rules
        self.file_order: dict[str, int] = {}
        self.work = UnitWork(index, unit_checks, frozenset(enabled) | self.injected, terms_on,
                             self.usage is not None)

    def deliver(self, order: int, position: int, result: UnitResult) -> None:
        """Add one unit's result (``order``: its file's place among the files)."""
        positioned, report, usage = self.positioned, self.report, self.usage
        added = [positioned.add(order, position, finding) for finding in result.findings]
        if self.injected:
            self._left_out.extend(at for at, f in zip(added, result.findings) if f.rule in self.injected)
        report.term_hits += result.terms
        report.accepted.extend(result.accepted)
        report.proposed_hidden += result.proposed_hidden
        report.related_hidden += result.related_hidden
        if usage is None:
            return
        if result.hit_terms:
            usage.saw_unit([self._by_zh[zh] for zh in result.hit_terms], result.lacking)
        for at, finding in zip(added, result.findings):
            usage.missing(finding, at, order, position)

    def absorb_tally(self, term_hits: int, tally: tuple[bytes, bytes, bytes]) -> None:
        """Add a worker's term counts over its units (:func:`tally_bytes`): the report's term
        occurrences and each term's units and renderings, by the term's place in the index."""
        self.report.term_hits += term_hits
        if self.usage is None:
            return
        places, units, rendered = (np.frombuffer(part, dtype=np.int64) for part in tally)
        if self._tally is None:
            self._tally = np.zeros((2, len(self._terms)), dtype=np.int64)
        for place in places[self._tally[0, places] == 0].tolist():  # first seen: the entry
            self.usage.add_counts(self._terms[place], 0, 0)  # the findings' misses go to
        self._tally[0, places] += units  # (places are distinct within a tally)
        self._tally[1, places] += rendered

    def finish(self, again: Callable[[], Iterable[Unit]], files: Sequence[FileStats]) -> CheckReport:
        """The cross-unit findings (reading ``again`` the units they need in full), the
        findings in report order, the per-file counts."""
        positioned = self.positioned
        if self.usage is not None and self._tally is not None:
            for place in np.flatnonzero(self._tally[0]).tolist():
                self.usage.add_counts(self._terms[place], int(self._tally[0, place]),
                                      int(self._tally[1, place]))
            self._tally = None
        if self.usage is not None:
            settled, self.report.unconfirmed_hidden = self.usage.fold(
                positioned, rarely_used=RARELY_USED in self.enabled,
                list_unconfirmed=UNCONFIRMED in self.enabled, varies=VARIES in self.enabled)
            for finding_order, position, finding in settled:
                positioned.add(finding_order, position, finding)
        if self.injected:
            positioned.discard(self._left_out)
        _revisit(self.trackers, again)
        for tracker in self.trackers:
            for position, finding in tracker.findings():
                if finding.rule in self.enabled:
                    positioned.add(self.file_order[finding.file], position, finding)
        positioned.seal(rank)  # file, then unit, then rule order
        self.report.findings = positioned
        self.report.files = list(files)
        return self.report


def tally_bytes(tally: dict[int, list[int]]) -> tuple[bytes, bytes, bytes]:
    """``{term's place in the index: [units, renderings]}`` as three arrays of 8-byte ints."""
    places = sorted(tally)
    return (array("q", places).tobytes(), array("q", (tally[p][0] for p in places)).tobytes(),
            array("q", (tally[p][1] for p in places)).tobytes())


def to_check(unit: Unit, include_fuzzy: bool) -> bool | None:
    """Whether the rules see ``unit``, for both paths: ``None`` when they do not (no source,
    or fuzzy and not asked for), else whether its target is empty."""
    if not unit.source.strip():
        return None
    empty = not unit.target.strip()
    if unit.fuzzy and not include_fuzzy and not empty:
        return None
    return empty


def _revisit(trackers: Sequence[Any], again: Callable[[], Iterable[Unit]]) -> None:
    """Give each cross-unit tracker the units it wants in full, read a second time."""
    wanted = [tracker.wanted() for tracker in trackers]
    last = max((max(w) for w in wanted if w), default=-1)
    if last < 0:
        return
    for position, unit in enumerate(again()):
        if position > last:
            break
        for tracker, positions in zip(trackers, wanted):
            if position in positions:
                tracker.revisit(position, unit)


def rank(rule: str) -> int:
    """A rule's place in reports."""
    return rule_order().get(rule, 99)
