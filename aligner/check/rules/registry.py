"""The registry's types: a rule, a family of rules, and the cross-unit tracker interface."""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ...model import Finding, Severity
from ..units import Unit


@dataclass(frozen=True)
class RuleSpec:
    """One rule: what reports call it, how bad a finding is, what it looks for."""

    id: str
    severity: Severity
    summary: str
    #: on unless asked for; off only where the report already says it another way
    default: bool = True


class Tracker:
    """Cross-unit state of a family: sees every checked unit, then yields findings.

    A tracker that keeps only compact keys (so a check's memory stays flat in the number of
    units) names in :meth:`wanted` the positions whose whole units it needs; the check then
    reads the units again and gives it those through :meth:`revisit` before :meth:`findings`.
    """

    def add(self, position: int, unit: Unit) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def export(self) -> Any:
        """What :meth:`add` kept, compact, for a tracker in another process to
        :meth:`absorb` (a worker of :mod:`aligner.check.fanout` numbers its units from 0)."""
        raise NotImplementedError

    def absorb(self, state: Any, offset: int) -> None:
        """Add what another tracker's :meth:`export` gave, positions moved by ``offset``."""
        raise NotImplementedError

    def wanted(self) -> Collection[int]:
        """Positions of the units :meth:`findings` needs in full (none by default)."""
        return ()

    def revisit(self, position: int, unit: Unit) -> None:
        """The unit at a position :meth:`wanted` named, read again."""

    def findings(self) -> Iterator[tuple[int, Finding]]:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass(frozen=True)
class Family:
    """A group of rules checked by one function (per unit) or one tracker (across units)."""

    name: str
    rules: tuple[RuleSpec, ...]
    unit_check: Callable[[Unit], Iterable[Finding]] | None = None
    trackers: tuple[Callable[[], Tracker], ...] = ()
    #: also sees units with an empty target (the untranslated rule); others never do
    sees_empty: bool = False


_FAMILIES: dict[str, Family] = {}


def register(family: Family) -> Family:
    if family.name in _FAMILIES:
        raise ValueError(f"rule family {family.name!r} registered twice")
    _FAMILIES[family.name] = family
    return family


def unit_finding(unit: Unit, rule: RuleSpec, *, source_term: str, expected: tuple[str, ...],
                 message: str, target: str | None = None,
                 severity: Severity | None = None) -> Finding:
    """A finding of ``rule`` on ``unit`` (its default severity unless ``severity``)."""
    return Finding(file=unit.file, unit=unit.ref, rule=rule.id,
                   severity=severity or rule.severity, source_term=source_term,
                   expected=expected, target=unit.target if target is None else target,
                   message=message, line=unit.line, fuzzy=unit.fuzzy,
                   source=unit.source)
