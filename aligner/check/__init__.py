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
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from ..model import TermEntry, TranslationUnit
from .findings import FindingStore
from .parallel import UnitResult, UnitRunner, UnitWork
from .report import SCHEMA_VERSION, CheckReport
from .rules import (
    TERM_RULES, Rule, RuleSpec, all_rules, default_rules, families, rule_order, select_rules,
)
from .term_usage import RULE as RARELY_USED, UNCONFIRMED, TermUsage
from .terms import TermIndex
from .units import FileStats, Unit, UnitFormat, UnitReader, read_units

__all__ = [
    "SCHEMA_VERSION", "CheckReport", "FileStats", "Rule", "RuleSpec", "TermIndex", "Unit",
    "UnitFormat", "UnitReader", "all_rules", "check", "select_rules", "check_translation_units", "check_units", "read_units", "run_check",
]


def check(units: Iterable[Unit], glossary: Sequence[TermEntry] | TermIndex, *,
          files: Sequence[FileStats] | None = None, include_fuzzy: bool = False,
          rules: Collection[str] | None = None,
          again: Callable[[], Iterable[Unit]] | None = None, jobs: int = 1) -> CheckReport:
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
    processes (:mod:`aligner.check.parallel`); the report is the same.
    """
    if again is None:
        if not isinstance(units, Sequence):
            units = list(units)
        again = lambda: units  # noqa: E731 - a list reads again as itself
    enabled = default_rules() if rules is None else frozenset(rules)
    index = glossary if isinstance(glossary, TermIndex) else TermIndex(glossary)
    report = CheckReport(glossary_terms=len(index),
                         glossary_entries=sum(len(t.entries) for t in index.terms),
                         include_fuzzy=include_fuzzy, rules=sorted(enabled, key=_rank))
    counted: dict[str, FileStats] = {}
    positioned = FindingStore()
    active = [f for f in families() if any(r.id in enabled for r in f.rules)]
    unit_checks = [f for f in active if f.unit_check is not None]
    trackers = [make() for f in active for make in f.trackers]
    terms_on = bool(enabled & TERM_RULES - {Rule.INCONSISTENT_TARGET.value})
    # missing-term-unconfirmed re-labels misses: the per-unit part makes them even when only
    # it is on, and what it does not take of them is left out at the end
    injected = (frozenset({Rule.MISSING_TERM.value, Rule.KEEP_AS_IS.value}) - enabled
                if UNCONFIRMED in enabled else frozenset())
    usage = TermUsage() if terms_on else None  # the TM's own evidence about each term
    by_zh = {term.zh: term for term in index.terms} if usage is not None else {}
    left_out = array("q")  # store indices of findings of injected rules
    file_order: dict[str, int] = {}

    def deliver(order: int, position: int, result: UnitResult) -> None:
        added = [positioned.add(order, position, finding) for finding in result.findings]
        if injected:
            left_out.extend(at for at, f in zip(added, result.findings) if f.rule in injected)
        report.term_hits += result.terms
        report.accepted.extend(result.accepted)
        report.proposed_hidden += result.proposed_hidden
        report.related_hidden += result.related_hidden
        if usage is None:
            return
        if result.hit_terms:
            usage.saw_unit([by_zh[zh] for zh in result.hit_terms], result.lacking)
        for at, finding in zip(added, result.findings):
            usage.missing(finding, at, order, position)

    runner = UnitRunner(UnitWork(index, unit_checks, enabled | injected, terms_on, usage is not None),
                        jobs, deliver)
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
            if not unit.source.strip():
                continue
            empty = not unit.target.strip()
            if unit.fuzzy and not include_fuzzy and not empty:
                continue
            runner.add(order, position, unit, empty)
            if not empty:
                for tracker in trackers:
                    tracker.add(position, unit)
        runner.close()
    finally:
        runner.terminate()
    if usage is not None:
        settled, report.unconfirmed_hidden = usage.fold(
            positioned, rarely_used=RARELY_USED in enabled, list_unconfirmed=UNCONFIRMED in enabled)
        for finding_order, position, finding in settled:
            positioned.add(finding_order, position, finding)
    if injected:
        positioned.discard(left_out)
    _revisit(trackers, again)
    for tracker in trackers:
        for position, finding in tracker.findings():
            if finding.rule in enabled:
                positioned.add(file_order[finding.file], position, finding)
    positioned.seal(_rank)  # file, then unit, then rule order
    report.findings = positioned
    report.files = list(files) if files is not None else list(counted.values())
    return report


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


def _rank(rule: str) -> int:
    return rule_order().get(rule, 99)


def check_translation_units(units: Iterable[TranslationUnit],
                            glossary: Sequence[TermEntry] | TermIndex, *,
                            file: str = "corpus.tmx",
                            rules: Collection[str] | None = None) -> CheckReport:
    """Check in-memory translation units: ``file`` names them (their ``doc`` when set),
    the unit is its 1-based position and the line its ``src_line``."""
    def converted() -> Iterator[Unit]:
        return (Unit(file=tu.doc or file, id=str(number), line=tu.src_line, source=tu.source,
                     target=tu.target)
                for number, tu in enumerate(units, 1))

    again = converted if isinstance(units, Sequence) else None  # a one-shot iterator: kept
    return check(converted(), glossary, rules=rules, again=again)


def check_units(units: Iterable[TranslationUnit], glossary: Sequence[TermEntry], *,
                file: str = "corpus.tmx") -> dict[str, Any]:
    """The pipeline's self-check: the JSON report (docs/check.md) plus a one-line
    ``summary`` for the build summary. It runs the glossary rules only: the pipeline's
    own TMX has no tags or copied sources to find, and its summary stays about terms."""
    report = check_translation_units(units, glossary, file=file, rules=TERM_RULES)
    data = report.to_json()
    data["summary"] = report.summary()
    return data


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
    reader = UnitReader(stdin=stdin, exclude={Path(glossary).resolve()}, strict=strict)
    units = read_units(paths, reader=reader)  # one at a time: bad input still exits 2 before any output

    def again() -> Iterator[Unit]:  # the same units, for the few the cross-unit rules need in full
        stdin_again = io.BytesIO(reader.stdin_data) if reader.stdin_data is not None else None
        return read_units(paths, reader=UnitReader(stdin=stdin_again, exclude=reader.exclude, strict=strict))

    report = check(units, index, files=reader.files, include_fuzzy=include_fuzzy, rules=rules,
                   again=again, jobs=jobs)
    report.glossary = str(glossary)
    report.glossary_skipped = [(f"{glossary}:{line}" if line else str(glossary), reason)
                               for line, reason in reading.skipped]
    report.skipped = list(reader.skipped)
    report.bad_units = list(reader.bad_units)
    return report
