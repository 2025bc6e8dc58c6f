"""``aligner check``: glossary consistency of any translation memory or bilingual file.

Library entry points (the CLI and the build pipeline call these):

* :func:`read_units` - units from TMX, XLIFF 1.2/2.0, PO, CSV/TSV files, folders or stdin;
* :func:`check` - findings for units against a glossary, as a :class:`CheckReport`;
* :func:`check_translation_units` / :func:`check_units` - the same for in-memory
  :class:`aligner.model.TranslationUnit`\\ s (the pipeline's own TMX, no file round trip);
* :func:`run_check` - files plus a glossary file, what ``aligner check`` runs.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Finding, TermEntry, TranslationUnit
from .report import SCHEMA_VERSION, CheckReport
from .rules import ConsistencyTracker, Rule, term_findings
from .terms import TermIndex
from .units import FileStats, Unit, UnitFormat, UnitReader, read_units

__all__ = [
    "SCHEMA_VERSION", "CheckReport", "FileStats", "Rule", "TermIndex", "Unit", "UnitFormat",
    "UnitReader", "check", "check_translation_units", "check_units", "read_units", "run_check",
]


def check(units: Iterable[Unit], glossary: Sequence[TermEntry] | TermIndex, *,
          files: Sequence[FileStats] | None = None, include_fuzzy: bool = False) -> CheckReport:
    """Check ``units`` against ``glossary``; findings come in file and unit order.

    Units with an empty source or target are counted but not checked. Fuzzy units (an
    unreviewed guess, not a translation) are counted and skipped unless ``include_fuzzy``;
    their findings are then marked ``fuzzy``. Inconsistent targets are looked for across
    all the units, so across files too. ``files`` gives the per-file counts when a
    :class:`UnitReader` read the units; otherwise they are counted here.
    """
    index = glossary if isinstance(glossary, TermIndex) else TermIndex(glossary)
    report = CheckReport(glossary_terms=len(index),
                         glossary_entries=sum(len(t.entries) for t in index.terms),
                         include_fuzzy=include_fuzzy)
    counted: dict[str, FileStats] = {}
    positioned: list[tuple[int, int, Finding]] = []
    tracker = ConsistencyTracker()
    file_order: dict[str, int] = {}
    for position, unit in enumerate(units):
        order = file_order.setdefault(unit.file, len(file_order))
        if files is None:
            stats = counted.setdefault(unit.file, FileStats(unit.file, "memory"))
            stats.units += 1
            if not unit.target.strip():
                stats.untranslated += 1
            elif unit.fuzzy:
                stats.fuzzy += 1
        if not unit.source.strip() or not unit.target.strip():
            continue
        if unit.fuzzy and not include_fuzzy:
            continue
        tracker.add(position, unit)
        hits = index.find(unit.source)
        if not hits:
            continue
        report.term_hits += len({id(h.term) for h in hits})
        for finding in term_findings(unit, hits):
            positioned.append((order, position, finding))
    for position, finding in tracker.findings():
        positioned.append((file_order[finding.file], position, finding))
    rule_rank = {rule.value: i for i, rule in enumerate(Rule)}
    positioned.sort(key=lambda item: (item[0], item[1], rule_rank.get(item[2].rule, 9)))
    report.findings = [finding for _o, _p, finding in positioned]
    report.files = list(files) if files is not None else list(counted.values())
    return report


def check_translation_units(units: Iterable[TranslationUnit],
                            glossary: Sequence[TermEntry] | TermIndex, *,
                            file: str = "corpus.tmx") -> CheckReport:
    """Check in-memory translation units: ``file`` names them (their ``doc`` when set),
    the unit is its 1-based position and the line its ``src_line``."""
    converted = (
        Unit(file=tu.doc or file, id=str(number), line=tu.src_line, source=tu.source,
             target=tu.target)
        for number, tu in enumerate(units, 1)
    )
    return check(converted, glossary)


def check_units(units: Iterable[TranslationUnit], glossary: Sequence[TermEntry], *,
                file: str = "corpus.tmx") -> dict[str, Any]:
    """The pipeline's self-check: the JSON report (docs/check.md) plus a one-line
    ``summary`` for the build summary."""
    report = check_translation_units(units, glossary, file=file)
    data = report.to_json()
    data["summary"] = report.summary()
    return data


def run_check(paths: Sequence[Path | str], glossary: Path | str, *,
              stdin: BinaryIO | None = None, strict: bool = False,
              include_fuzzy: bool = False) -> CheckReport:
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
    units = list(read_units(paths, reader=reader))  # parse everything first: bad input exits 2
    report = check(units, index, files=reader.files, include_fuzzy=include_fuzzy)
    report.glossary = str(glossary)
    report.glossary_skipped = [(f"{glossary}:{line}" if line else str(glossary), reason)
                               for line, reason in reading.skipped]
    report.skipped = list(reader.skipped)
    report.bad_units = list(reader.bad_units)
    return report
