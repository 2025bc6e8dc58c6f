"""``aligner check``: glossary consistency of any translation memory or bilingual file.

Library entry points (the CLI and the build pipeline call these):

* :func:`read_units` - units from TMX, XLIFF 1.2/2.0, PO, CSV/TSV files, folders or stdin;
* :func:`check` - findings for units against a glossary, as a :class:`CheckReport`;
* :func:`check_translation_units` / :func:`check_units` - the same for in-memory
  :class:`aligner.model.TranslationUnit`\\ s (the pipeline's own TMX, no file round trip);
* :func:`run_check` - files plus a glossary file, what ``aligner check`` runs.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from ..model import TermEntry, TranslationUnit
from .parallel import UnitRunner
from .report import SCHEMA_VERSION, CheckReport
from .rules import TERM_RULES, Rule, RuleSpec, all_rules, default_rules, select_rules
from .running import CheckRun, to_check
from .terms import TermIndex
from .units import FileStats, Unit, UnitFormat, UnitReader, read_units

__all__ = [
    "SCHEMA_VERSION", "CheckReport", "FileStats", "Rule", "RuleSpec", "TermIndex", "Unit",
    "UnitFormat", "UnitReader", "all_rules", "check", "select_rules", "check_translation_units", "check_units", "read_units", "run_check",
]


def check(units: Iterable[Unit], glossary: Sequence[TermEntry] | TermIndex, *,
          files: Sequence[FileStats] | None = None, include_fuzzy: bool = False,
          rules: Collection[str] | None = None,
          again: Callable[[], Iterable[Unit]] | None = None, jobs: int = 1,
          parallel_after: int | None = None, memory: Any = None) -> CheckReport:
    """Check ``units`` against ``glossary`` with ``rules`` (ids; default: the rules on by
    default, see :func:`select_rules`); findings come in file and unit order.

    Units with an empty source are counted and not checked; units with an empty target are
    seen only by the ``untranslated`` rule. Fuzzy units (an unreviewed guess, not a
    translation) are counted and skipped unless ``include_fuzzy``; their findings are then
    marked ``fuzzy``. Cross-unit rules (consistency) look across all the units, so across
    files too. ``files`` gives the per-file counts when a :class:`UnitReader` read the
    units; otherwise they are counted here.

    Memory stays flat in the number of units: units are read one at a time, the cross-unit
    rules keep hashes, and findings past a few thousand wait in a temporary file
    (:class:`~aligner.check.findings.FindingStore`). The few units the cross-unit rules need
    in full are read a second time: from ``again()`` (the same units in the same order), or
    from ``units`` itself when it is a sequence; a one-shot iterator without ``again`` is
    kept in memory.

    With ``jobs`` above 1, a large check runs the per-unit rules in that many forked worker
    processes (:mod:`aligner.check.parallel`), once ``parallel_after`` units (default
    :data:`~aligner.check.parallel.PARALLEL_AFTER`) have been checked here; the report is the same.
    ``memory`` (:class:`aligner.cache.unit_results.UnitMemory`): per-unit results kept from an
    earlier check with this glossary, by position; those units are not checked again, and the
    results of the others are handed to it.
    """
    if again is None:
        if not isinstance(units, Sequence):
            units = list(units)
        again = lambda: units  # noqa: E731 - a list reads again as itself
    enabled = default_rules() if rules is None else frozenset(rules)
    index = glossary if isinstance(glossary, TermIndex) else TermIndex(glossary)
    run = CheckRun(index, enabled, include_fuzzy)
    counted: dict[str, FileStats] = {}
    file_order = run.file_order
    trackers = run.trackers
    deliver = run.deliver
    if memory is not None:
        def deliver(order: int, position: int, result: Any) -> None:
            memory.computed(position, result)
            run.deliver(order, position, result)
    runner = UnitRunner(run.work, jobs, deliver, parallel_after)
    try:
        for position, unit in enumerate(units):
            order = file_order.setdefault(unit.file, len(file_order))
            if files is None:
                stats = counted.setdefault(unit.file, FileStats(unit.file, "memory"))
                stats.units += 1
                if not unit.target.strip():
                    stats.untranslated += 1
                elif unit.fuzzy:
                    stats.fuzzy += 1
            empty = to_check(unit, include_fuzzy)
            if empty is None:
                continue
            if memory is not None and memory.has(position):
                runner.add_known(order, position, memory.known[position])
            else:
                runner.add(order, position, unit, empty)
            if not empty:
                for tracker in trackers:
                    tracker.add(position, unit)
        runner.close()
    finally:
        runner.terminate()
    return run.finish(again, files if files is not None else list(counted.values()))


def check_translation_units(units: Iterable[TranslationUnit],
                            glossary: Sequence[TermEntry] | TermIndex, *,
                            file: str = "corpus.tmx",
                            rules: Collection[str] | None = None, jobs: int = 1,
                            parallel_after: int | None = None, memory: Any = None) -> CheckReport:
    """Check in-memory translation units: ``file`` names them (their ``doc`` when set),
    the unit is its 1-based position and the line its ``src_line``."""
    def converted() -> Iterator[Unit]:
        return (Unit(file=tu.doc or file, id=str(number), line=tu.src_line, source=tu.source,
                     target=tu.target)
                for number, tu in enumerate(units, 1))

    again = converted if isinstance(units, Sequence) else None  # a one-shot iterator: kept
    return check(converted(), glossary, rules=rules, again=again, jobs=jobs, parallel_after=parallel_after,
                 memory=memory)


def check_units(units: Iterable[TranslationUnit], glossary: Sequence[TermEntry], *,
                file: str = "corpus.tmx", jobs: int = 1, memory: Any = None) -> dict[str, Any]:
    """The pipeline's self-check: the JSON report (docs/check.md) plus a one-line
    ``summary`` for the build summary. It runs the glossary rules only: the pipeline's
    own TMX has no tags or copied sources to find, and its summary stays about terms.
    ``jobs`` > 1: the units past the first :data:`SELF_CHECK_ALONE` in that many forked
    workers (the same report; the build's workers are done by then, so the cores are free)."""
    report = check_translation_units(units, glossary, file=file, rules=TERM_RULES, jobs=jobs,
                                     parallel_after=SELF_CHECK_ALONE, memory=memory)
    data = report.to_json()
    data["summary"] = report.summary()
    return data


#: units the self-check runs in the build's process before it forks workers (a chunk's worth:
#: a small corpus never forks)
SELF_CHECK_ALONE = 2_000


def run_check(paths: Sequence[Path | str], glossary: Path | str, *,
              stdin: BinaryIO | None = None, strict: bool = False,
              include_fuzzy: bool = False, rules: Collection[str] | None = None,
              jobs: int = 1) -> CheckReport:
    """What ``aligner check FILES -g GLOSSARY`` does: read the glossary, read every unit,
    check. Bad input raises :class:`aligner.errors.InputError` before any finding is made.

    Malformed units and glossary entries are skipped and listed in the report; ``strict``
    makes the first of them an error instead. Fuzzy units are skipped and counted unless
    ``include_fuzzy``.
    """
    from ..errors import FormatError
    from ..formats.glossary_read import read_glossary_file

    reading = read_glossary_file(Path(glossary))
    if strict and reading.skipped:
        line, reason = reading.skipped[0]
        raise FormatError(f"glossary entry has {reason}", path=glossary, line=line,
                          hint="complete or remove the entry, or drop --strict to skip and count it")
    index = TermIndex(reading.entries)
    enabled = default_rules() if rules is None else frozenset(rules)
    if jobs > 1:  # large TMX files: each worker reads its own part of the file
        from .fanout import check_sliced

        def read_again() -> Iterator[Unit]:
            return read_units(paths, reader=UnitReader(exclude={Path(glossary).resolve()}, strict=strict))

        sliced = check_sliced(paths, index, enabled=enabled, include_fuzzy=include_fuzzy,
                              strict=strict, jobs=jobs, again=read_again)
        if sliced is not None:
            report, bad_units = sliced
            return _finished(report, glossary, reading.skipped, [], bad_units)
    reader = UnitReader(stdin=stdin, exclude={Path(glossary).resolve()}, strict=strict)
    units = read_units(paths, reader=reader)  # one at a time: bad input still exits 2 before any output

    def again() -> Iterator[Unit]:  # the same units, for the few the cross-unit rules need in full
        stdin_again = io.BytesIO(reader.stdin_data) if reader.stdin_data is not None else None
        return read_units(paths, reader=UnitReader(stdin=stdin_again, exclude=reader.exclude, strict=strict))

    report = check(units, index, files=reader.files, include_fuzzy=include_fuzzy, rules=enabled,
                   again=again, jobs=jobs)
    return _finished(report, glossary, reading.skipped, reader.skipped, reader.bad_units)


def _finished(report: CheckReport, glossary: Path | str, glossary_skipped: Sequence[tuple[Any, str]],
              skipped: Sequence[tuple[str, str]], bad_units: Sequence[tuple[str, str]]) -> CheckReport:
    """The report with what was left out of the glossary and of the inputs."""
    report.glossary = str(glossary)
    report.glossary_skipped = [(f"{glossary}:{line}" if line else str(glossary), reason)
                               for line, reason in glossary_skipped]
    report.skipped = list(skipped)
    report.bad_units = list(bad_units)
    return report
