"""A large check of TMX files in worker processes that each read their own part of the file.

:mod:`aligner.check.parallel` hands units to workers while this process parses the file,
keeps the consistency keys and pickles every unit across: for a million units this process
was the bottleneck (78 s of CPU of 217). Here a byte scan cuts each file at ``<tu``
boundaries (:mod:`aligner.check.tmx_slices`), and a forked worker gets only a range's
offsets; it parses the range, runs the per-unit rules, computes the cross-unit trackers'
hashed keys and sends back the results, the keys, the counts and the malformed units. This
process adds them in range order, its positions moved by the units before the range, so the
report is the one of reading and checking every unit here (``tests/test_check_fanout.py``).

Anything unusual sends the check back to the ordinary path before a finding is used: an
input that is not a plain UTF-8 TMX file, a file that cannot be cut, a range that does not
parse on its own (its error, if the file has one, is then the ordinary reader's). Only
those: any other exception of a worker (a bug in a rule, a ``RecursionError``) is raised
as it is, and a worker that dies is a :class:`~aligner.errors.WorkerError`
(:class:`aligner.check.parallel.Workers`, the pool both parallel paths use).
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..documents.decode import refuse_workbook
from ..errors import FormatError, InputError
from .parallel import UnitResult, UnitWork, Workers
from .parsers import _orientation, _Raw, stream_tmx
from .report import CheckReport
from .running import CheckRun, tally_bytes, to_check
from .terms import TermIndex
from .tmx_slices import Slice, SliceCounts, Unusual, cut, slice_units
from .units import (
    _ORIENTATION_SAMPLE, STDIN, FileStats, Unit, UnitFormat, _blank, _streamable_head,
    detect_unit_format,
)

#: bytes of TMX below which a check is not cut (the ordinary path's workers start later)
SLICED_AFTER = 6 << 20
#: bytes per range a worker reads (about 3,000 units of a typical TM)
STEP = 1 << 20


@dataclass
class SliceResult:
    """What a worker sends back for one range; ``failed`` sends the check back."""

    failed: bool = False
    count: int = 0  # units read (positions used)
    counts: SliceCounts = field(default_factory=SliceCounts)
    #: the units with something besides term counts, as plain tuples (quicker to pickle):
    #: (local position, findings, accepted, proposed hidden, related hidden)
    results: list[tuple[int, list[Any], list[Any], int, int]] = field(default_factory=list)
    term_hits: int = 0
    tally: tuple[bytes, bytes, bytes] = (b"", b"", b"")  # :func:`running.tally_bytes`
    keys: list[Any] = field(default_factory=list)  # each tracker's export()


_STATE: tuple[UnitWork, Sequence[Callable[[], Any]], bool, dict[str, int]] | None = None  # the workers' copy


def _run_slice(piece: Slice) -> SliceResult:
    assert _STATE is not None
    work, makers, include_fuzzy, places = _STATE
    trackers = [make() for make in makers]
    out = SliceResult()
    tally: dict[int, list[int]] = {}  # term's place: [units, renderings]
    units = slice_units(piece, out.counts)
    position = -1
    while True:
        try:
            unit = next(units)
        except StopIteration:
            break
        except (Unusual, InputError):  # the range cannot be read alone, or the file is bad:
            return SliceResult(failed=True)  # the ordinary reader reads it and says what is wrong
        position += 1
        out.count += 1
        empty = to_check(unit, include_fuzzy)
        if empty is None:
            continue
        result = work.run(unit, empty)  # an error here is the check's own: raised as it is
        out.term_hits += result.terms
        for zh in result.hit_terms:  # counted here, not sent unit by unit
            counts = tally.get(places[zh])
            if counts is None:
                counts = tally[places[zh]] = [0, 0]
            counts[0] += 1
            counts[1] += zh not in result.lacking
        if result.findings or result.accepted or result.proposed_hidden or result.related_hidden:
            out.results.append((position, result.findings, result.accepted, result.proposed_hidden,
                                result.related_hidden))
        if not empty:
            for tracker in trackers:
                tracker.add(position, unit)
    out.keys = [tracker.export() for tracker in trackers]
    out.tally = tally_bytes(tally)
    return out


def _plan(paths: Sequence[Path | str], step: int) -> list[list[Slice]] | None:
    """Each file's ranges, or ``None`` unless every input is a large-enough plain TMX file."""
    if not paths or any(str(p) == STDIN for p in paths):
        return None
    files = [Path(p) for p in paths]
    try:
        if not all(p.is_file() for p in files) or sum(p.stat().st_size for p in files) < SLICED_AFTER:
            return None
        plans = []
        for path in files:
            head = _streamable_head(path)
            if head is None or _blank(head):
                return None
            name = str(path)
            refuse_workbook(head, name, what="a TM or bilingual file", hint="")
            if detect_unit_format(head, name, path.suffix.lower()) is not UnitFormat.TMX:
                return None
            raw = _Raw([])  # the sides, decided on the first units as the ordinary reader does
            raw.units = list(itertools.islice(stream_tmx(path, name, raw), _ORIENTATION_SAMPLE))
            slices = cut(path, name, step, _orientation(raw))
            if slices is None:
                return None
            plans.append(slices)
    except (InputError, OSError, Unusual):  # a bad or odd file: the ordinary reader says what is wrong
        return None
    return plans


def check_sliced(paths: Sequence[Path | str], index: TermIndex, *, enabled: Collection[str],
                 include_fuzzy: bool, strict: bool, jobs: int,
                 again: Callable[[], Iterable[Unit]]
                 ) -> tuple[CheckReport, list[tuple[str, str]]] | None:
    """The report and the malformed units (``file:line``, reason) of checking ``paths``
    with ranges read by ``jobs`` workers; ``None`` when this path does not apply or a range
    cannot be read alone (the caller then checks the ordinary way)."""
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    plans = _plan(paths, STEP)
    if plans is None:
        return None
    global _STATE
    run = CheckRun(index, enabled, include_fuzzy)
    files: list[FileStats] = []
    bad_units: list[tuple[str, str]] = []
    run.work.warm()
    _STATE = (run.work, run.tracker_makers, include_fuzzy, {t.zh: i for i, t in enumerate(index.terms)})
    gc.freeze()  # the workers' collector leaves the inherited objects alone (fewer pages copied)
    try:
        pool = Workers(jobs)  # forked now, then this process lets go of what they share
    finally:
        gc.unfreeze()
        run.work.release()
    try:
        offset = 0
        pending: deque[Any] = deque()
        tasks = ((stats_index, piece) for stats_index, slices in enumerate(plans) for piece in slices)
        for slices in plans:
            files.append(FileStats(path=slices[0].name, format=UnitFormat.TMX.value))
        while True:
            while len(pending) < 2 * jobs:
                task = next(tasks, None)
                if task is None:
                    break
                pending.append((task, pool.submit(_run_slice, task[1])))
            if not pending:
                break
            (stats_index, piece), waiting = pending.popleft()
            line = piece.head.count(b"\n") + piece.pad + 1  # where the range starts
            result: SliceResult = pool.result(waiting, f"line {line}", piece.name, line)
            if result.failed:
                return None
            stats, counts = files[stats_index], result.counts
            for line, reason in counts.problems or ():
                if strict:
                    raise FormatError(reason, path=piece.name, line=line,
                                      hint="repair the unit, or drop --strict to skip and count it")
                bad_units.append((f"{piece.name}:{line}" if line else piece.name, reason))
            stats.units += counts.units
            stats.untranslated += counts.untranslated
            stats.fuzzy += counts.fuzzy
            run.absorb_tally(result.term_hits, result.tally)  # before the findings that need it
            if result.count:
                order = run.file_order.setdefault(piece.name, len(run.file_order))
                for position, findings, accepted, proposed, related in result.results:
                    run.deliver(order, offset + position, UnitResult(
                        findings=findings, accepted=accepted, proposed_hidden=proposed,
                        related_hidden=related))
                for tracker, keys in zip(run.trackers, result.keys):
                    tracker.absorb(keys, offset)
                offset += result.count
    finally:
        pool.close(abandon=bool(pending))  # stopped half-way: do not wait for the rest
        _STATE = None
    return run.finish(again, files), bad_units


__all__ = ["SLICED_AFTER", "STEP", "SliceResult", "Unusual", "check_sliced"]
