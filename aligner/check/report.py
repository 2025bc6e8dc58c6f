"""The result of a check, as data, as stable JSON (docs/check.md) and as text for people."""
from __future__ import annotations

import json
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..model import Finding, Severity
from ..wording import count
from .rules import all_rules, rule_order
from .term_usage import SUMMARY_RULES
from .units import FileStats

#: bump when a field is renamed or removed; adding a field keeps the version
SCHEMA_VERSION = 1

_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
#: Skipped units listed one per line in the text report; the JSON report lists them all.
MAX_LISTED = 10
#: Places listed per translation of an inconsistently translated source in the text report
#: (a source repeated in hundreds of segments would print hundreds); the JSON lists them all.
MAX_LOCATIONS = 10


@dataclass
class CheckReport:
    """Findings plus the counts that say what was looked at."""

    findings: list[Finding] = field(default_factory=list)
    files: list[FileStats] = field(default_factory=list)
    glossary_terms: int = 0  # distinct Chinese headwords after merging entries
    glossary_entries: int = 0
    glossary: str = ""  # glossary path, when read from a file
    term_hits: int = 0  # glossary terms found in sources (one per unit and term)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # files left out of folders
    glossary_skipped: list[tuple[str, str]] = field(default_factory=list)  # (file:line, reason)
    bad_units: list[tuple[str, str]] = field(default_factory=list)  # malformed units left out
    include_fuzzy: bool = False  # fuzzy units were checked (their findings marked fuzzy)
    rules: list[str] = field(default_factory=list)  # ids of the rules that ran
    accepted: list[dict[str, Any]] = field(default_factory=list)  # accepted-by-derivation
    #: missing-term findings of proposed (unconfirmed) entries, not listed: their rule is off
    proposed_hidden: int = 0
    #: missing-term findings of extracted entries rendered by a related form (another
    #: dictionary sense, the same English family), not listed: missing-term-related is off
    related_hidden: int = 0
    #: missing-term findings of extracted entries the TM's own usage does not confirm, not
    #: listed: missing-term-unconfirmed is off (:mod:`aligner.check.term_usage`)
    unconfirmed_hidden: int = 0
    _tallied: tuple[tuple[int, int], _Tally] | None = field(default=None, repr=False, compare=False)

    @property
    def units(self) -> int:
        return sum(f.units for f in self.files)

    @property
    def untranslated(self) -> int:
        return sum(f.untranslated for f in self.files)

    @property
    def fuzzy(self) -> int:
        """Translated units marked fuzzy (PO ``#, fuzzy``, XLIFF needs-* states)."""
        return sum(f.fuzzy for f in self.files)

    @property
    def fuzzy_skipped(self) -> int:
        """Fuzzy units left unchecked: all of them unless ``include_fuzzy``."""
        return 0 if self.include_fuzzy else self.fuzzy

    def _tally(self) -> _Tally:
        """One pass over the findings (they may be in a temporary file), kept until they change."""
        key = (id(self.findings), len(self.findings))
        if self._tallied is None or self._tallied[0] != key:
            self._tallied = (key, _Tally.of(self.findings))
        return self._tallied[1]

    def count(self, severity: Severity) -> int:
        return self._tally().severities.get(severity, 0)

    def by_rule(self) -> dict[str, int]:
        return dict(sorted(self._tally().rules.items()))

    def reaches(self, level: Severity) -> bool:
        """True when a finding is at ``level`` or worse: the CLI then exits 1."""
        return any(_RANK[s] >= _RANK[level] for s in self._tally().severities)

    def to_json(self, *, findings: bool = True) -> dict[str, Any]:
        """The documented JSON report (docs/check.md, ``schema_version`` 1); ``findings=False``
        leaves a marker where the findings go (:meth:`iter_json` streams them there)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "aligner check", "version": __version__},
            "glossary": {"path": self.glossary, "entries": self.glossary_entries,
                         "terms": self.glossary_terms,
                         "skipped": [{"where": w, "reason": r} for w, r in self.glossary_skipped]},
            "files": [
                {"path": f.path, "format": f.format, "units": f.units,
                 "untranslated": f.untranslated, "fuzzy": f.fuzzy}
                for f in self.files
            ],
            "skipped_files": [{"path": p, "reason": r} for p, r in self.skipped],
            "skipped_units": [{"where": w, "reason": r} for w, r in self.bad_units],
            "counts": {
                "files": len(self.files),
                "units": self.units,
                "untranslated": self.untranslated,
                "fuzzy": self.fuzzy,
                "fuzzy_skipped": self.fuzzy_skipped,
                "term_hits": self.term_hits,
                "findings": len(self.findings),
                "by_severity": {s.value: self.count(s) for s in Severity},
                "by_rule": self.by_rule(),
                "accepted": len(self.accepted),
                "proposed_hidden": self.proposed_hidden,
                "related_hidden": self.related_hidden,
                "unconfirmed_hidden": self.unconfirmed_hidden,
            },
            "rules": [{"id": r.id, "severity": r.severity.value, "summary": r.summary,
                       "enabled": r.id in self.rules} for r in all_rules()],
            "accepted": self.accepted,
            "terms": [
                {"source_term": term, "expected": list(expected), "rule": rule,
                 "findings": len(items),
                 "by_severity": {s.value: sum(1 for f in items if f.severity is s)
                                 for s in Severity},
                 **({"variants": [{"target": t, "at": list(at)} for t, at in items[0].variants]}
                    if items[0].variants else {})}
                for (rule, term, expected), items in self.groups()
            ],
            "findings": [_finding_json(f) for f in self.findings] if findings else _FINDINGS_HERE,
        }

    def iter_json(self) -> Iterator[str]:
        """``json.dumps(self.to_json(), ensure_ascii=False, indent=2, sort_keys=True)`` in
        pieces, one finding at a time: the same text without every finding in memory."""
        text = json.dumps(self.to_json(findings=False), ensure_ascii=False, indent=2, sort_keys=True)
        marker = json.dumps(_FINDINGS_HERE)
        head, tail = text.split(marker, 1)
        yield head
        if not len(self.findings):
            yield "[]"
        else:
            for number, finding in enumerate(self.findings):
                item = json.dumps(_finding_json(finding), ensure_ascii=False, indent=2, sort_keys=True)
                yield ("[\n    " if number == 0 else ",\n    ") + item.replace("\n", "\n    ")
            yield "\n  ]"
        yield tail

    def groups(self) -> list[tuple[tuple[str, str, tuple[str, ...]], Sequence[Finding]]]:
        """Findings grouped by (rule, source term, expected), most frequent first. Each group
        reads its findings from :attr:`findings` when asked, so the groups of a spilled
        report cost their positions, not their findings."""
        order = rule_order()
        tally = self._tally()
        ranked = sorted(tally.groups.items(), key=lambda kv: (-len(kv[1]), order.get(kv[0][0], 99),
                                                              kv[0][1], kv[0][2]))
        return [(key, _Group(self.findings, positions, tally.group_severities[key]))
                for key, positions in ranked]

    def to_text(self, *, width: int = 70) -> str:
        """Human-readable report: one block per term with counts, then a summary line."""
        return "".join(self.iter_text(width=width))

    def iter_text(self, *, width: int = 70) -> Iterator[str]:
        """:meth:`to_text` one line at a time (each ending in a newline)."""
        for line in self._text_lines(width):
            yield line + "\n"

    def _text_lines(self, width: int) -> Iterator[str]:
        lines = _Lines()
        for (rule, term, expected), items in self.groups():
            if rule not in _TERM_GROUPED:
                head = f"[{rule}]"
            elif rule in _SEGMENT_GROUPED:
                head = f"{_clip(term, width)}  [{rule}]"
            else:
                head = f"{term} → {' / '.join(expected) or '?'}  [{rule}]"
            lines.append(f"{head}: {_severity_counts(items.severities if isinstance(items, _Group) else items)}")
            for finding in items:
                where = f"{finding.file}:{finding.line}" if finding.line else finding.file
                if finding.unit and finding.unit != str(finding.line or ""):
                    where += f" (unit {finding.unit})"
                if finding.fuzzy:
                    where += " [fuzzy]"
                lines.append(f"  {finding.severity.value:<7} {where}: {finding.message}")
                if rule not in _TERM_GROUPED:
                    lines.append(f"          source: {_clip(finding.source, width)}")
                lines.append(f"          target: {_clip(finding.target, width)}")
                for inner in finding.folded:  # partial-unit: the unit's findings it stands for
                    lines.append(f"          [{inner.rule}] {_clip(inner.message, width)}")
            variants = items[0].variants
            if rule in SUMMARY_RULES:  # the units it stands for, wherever they are
                for label, ats in variants:
                    lines.append(f"  {_clip(label, width)} ({len(ats)}): {_places(ats)}")
            elif any(not _in_file(at, items[0].file) for _t, ats in variants for at in ats):
                # across files: every translation with every place it is used
                lines.append("  sources:" if rule == "inconsistent-source" else "  translations:")
                for target, ats in variants:
                    lines.append(f"    {_clip(target, width)}  ({len(ats)}): {_places(ats)}")
            lines.append("")
            yield from lines.take()
        for path, reason in self.skipped:
            lines.append(f"skipped {path}: {reason}")
        for where, reason in self.glossary_skipped:
            lines.append(f"glossary entry skipped at {where}: {reason}")
        for where, reason in self.bad_units[:MAX_LISTED]:
            lines.append(f"unit skipped at {where}: {reason}")
        if len(self.bad_units) > MAX_LISTED:
            lines.append(f"… and {count(len(self.bad_units) - MAX_LISTED, 'more skipped unit')} (see --json)")
        lines.append(self.summary())
        yield from lines.take()

    def summary(self) -> str:
        """One line for a pipeline summary or the end of the text report."""
        text = (f"{count(self.units, 'unit')} in {count(len(self.files), 'file')}"
                f" against {count(self.glossary_terms, 'glossary term')}: "
                f"{count(self.term_hits, 'term occurrence')}, ")
        if not self.findings:
            text += "no findings"
        else:
            text += f"{count(len(self.findings), 'finding')} ("
            text += _severity_counts(self._tally().severities) + ")"
        if self.accepted:
            text += f"; {count(len(self.accepted), 'term occurrence')} accepted by derivation"
        if self.proposed_hidden:
            text += (f"; {count(self.proposed_hidden, 'missing term')} of proposed glossary "
                     "entries not reported (rule missing-term-proposed)")
        if self.related_hidden:
            text += (f"; {count(self.related_hidden, 'missing term')} of extracted glossary "
                     "entries rendered by a related form not reported "
                     "(rule missing-term-related)")
        if self.unconfirmed_hidden:
            text += (f"; {count(self.unconfirmed_hidden, 'missing term')} of extracted glossary "
                     "entries this TM does not confirm not reported "
                     "(rule missing-term-unconfirmed)")
        if self.untranslated and "untranslated" not in self.rules:
            text += f"; {count(self.untranslated, 'untranslated unit')} not checked"
        if self.fuzzy_skipped:
            text += f"; skipped {count(self.fuzzy_skipped, 'fuzzy entry')} (--include-fuzzy checks them)"
        elif self.fuzzy:
            text += f"; {count(self.fuzzy, 'fuzzy entry')} checked"
        if self.skipped:
            text += f"; {count(len(self.skipped), 'file')} skipped"
        if self.glossary_skipped:
            text += f"; {count(len(self.glossary_skipped), 'glossary entry')} skipped"
        if self.bad_units:
            text += f"; {count(len(self.bad_units), 'malformed unit')} skipped (first at {self.bad_units[0][0]})"
        return text + "."


#: rules whose text report has one block per term (or per source), not one per rule
_TERM_GROUPED = {"missing-term", "missing-term-proposed", "missing-term-related",
                 "missing-term-unconfirmed", "forbidden-variant",
                 "keep-as-is", "term-rarely-used", "term-varies", "inconsistent-target",
                 "inconsistent-target-minor"}
#: grouped by their source segment (no expected form in the group key)
_SEGMENT_GROUPED = frozenset({"inconsistent-target", "inconsistent-target-minor"})


def _severity_counts(items: Sequence[Finding] | dict[Severity, int]) -> str:
    counts = items if isinstance(items, dict) else _Tally.of(items).severities
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        n = counts.get(severity, 0)
        if n:
            parts.append(count(n, severity.value))
    return ", ".join(parts)


def _in_file(where: str, file: str) -> bool:
    """True when ``where`` (``file:line`` or ``file``) is a place in ``file``."""
    return where == file or (where.startswith(file + ":") and where[len(file) + 1:].isdigit())


def _places(ats: tuple[str, ...] | list[str]) -> str:
    """The first :data:`MAX_LOCATIONS` places, then how many more there are."""
    listed = ", ".join(ats[:MAX_LOCATIONS])
    more = len(ats) - MAX_LOCATIONS
    return listed + (f", … and {more} more (see --json)" if more > 0 else "")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _finding_json(finding: Finding) -> dict[str, Any]:
    if finding.rule in SUMMARY_RULES:  # the units the finding stands for (the first list;
        # the others name the TM's own renderings among them: terms[].variants)
        return {**_plain_json(finding), "units": list(finding.variants[0][1]) if finding.variants else []}
    return _plain_json(finding)


def _plain_json(finding: Finding) -> dict[str, Any]:
    return {
        "file": finding.file,
        "unit": finding.unit,
        "line": finding.line,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "source_term": finding.source_term,
        "expected": list(finding.expected),
        "target": finding.target,
        "message": finding.message,
        "fuzzy": finding.fuzzy,
        "source": finding.source,
        **({"folded": [_plain_json(f) for f in finding.folded]} if finding.folded else {}),
    }


#: where :meth:`CheckReport.iter_json` puts the findings
_FINDINGS_HERE = "\u0000findings\u0000"


def _group_key(finding: Finding) -> tuple[str, str, tuple[str, ...]]:
    if finding.rule in _TERM_GROUPED:
        expected = finding.expected if finding.rule not in _SEGMENT_GROUPED else ()
        return (finding.rule, finding.source_term, expected)
    return (finding.rule, "", ())  # the other rules: one block per rule


@dataclass
class _Tally:
    """Counts by severity and rule, and each group's positions in the findings."""

    severities: dict[Severity, int]
    rules: dict[str, int]
    groups: dict[tuple[str, str, tuple[str, ...]], array[int]]
    group_severities: dict[tuple[str, str, tuple[str, ...]], dict[Severity, int]]

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> _Tally:
        tally = cls({}, {}, {}, {})
        for index, finding in enumerate(findings):
            tally.severities[finding.severity] = tally.severities.get(finding.severity, 0) + 1
            tally.rules[finding.rule] = tally.rules.get(finding.rule, 0) + 1
            key = _group_key(finding)
            if key not in tally.groups:
                tally.groups[key] = array("i")
                tally.group_severities[key] = {}
            tally.groups[key].append(index)
            counts = tally.group_severities[key]
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        return tally


class _Group(Sequence[Finding]):
    """The findings of one group, read from the report's findings by position when asked."""

    def __init__(self, findings: Sequence[Finding], positions: array[int],
                 severities: dict[Severity, int]) -> None:
        self._findings = findings
        self._positions = positions
        self.severities = severities

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if isinstance(index, slice):
            return [self._findings[p] for p in self._positions[index]]
        return self._findings[self._positions[index]]


class _Lines(list):  # type: ignore[type-arg]
    """Lines gathered for one block of the text report, handed on and forgotten."""

    def take(self) -> list[str]:
        taken = list(self)
        self.clear()
        return taken
