"""QA rules, one module per rule family, found through a registry (``--rule``/``--skip-rule``).

A *family* groups rules that share their work (the number family reads numbers once for
both its rules). A family checks either one unit at a time (``unit_check``) or all the
units of a run together (``tracker``: consistency across files). The glossary family needs
the term index, so :func:`aligner.check.check` drives it itself; it is registered here so
that it is listed, documented and switchable like the rest.

Every rule has a stable id (the ``rule`` of a finding in ``--json``), a default severity and
a one-line summary; ``aligner check --list-rules`` prints them.
"""
from __future__ import annotations

from collections.abc import Sequence

from ...errors import UsageError
from .consistency import ConsistencyTracker
from .glossary import Rule, term_findings
from .registry import _FAMILIES, Family, RuleSpec, Tracker, register


def _load() -> None:
    """Import the family modules; each registers itself on import (order = report order)."""
    from . import glossary, markup, numbers, punctuation, untranslated  # noqa: F401, I001
    from . import partial  # noqa: F401  (after the rules whose findings it folds)
    from . import consistency  # noqa: F401  (last: cross-unit findings come after)


def families() -> list[Family]:
    _load()
    return list(_FAMILIES.values())


def all_rules() -> list[RuleSpec]:
    """Every rule, in report order."""
    return [rule for family in families() for rule in family.rules]


def default_rules() -> frozenset[str]:
    return frozenset(r.id for r in all_rules() if r.default)


_ORDER: dict[str, int] = {}


def rule_order() -> dict[str, int]:
    """Rule id → its place in reports (computed once: every finding is sorted by it)."""
    if not _ORDER:
        _ORDER.update({rule.id: i for i, rule in enumerate(all_rules())})
    return _ORDER


def select_rules(only: Sequence[str] = (), skip: Sequence[str] = ()) -> frozenset[str]:
    """The rule ids to run: ``only`` (rule ids or family names; default: every rule on by
    default) minus ``skip``.
    An unknown name is a one-line :class:`UsageError` listing the known ones."""
    by_family = {family.name: {r.id for r in family.rules} for family in families()}
    known = {r.id for r in all_rules()}

    def expand(names: Sequence[str]) -> set[str]:
        chosen: set[str] = set()
        for raw in names:
            for name in (n.strip() for n in raw.split(",")):
                if not name:
                    continue
                if name in by_family:
                    chosen |= by_family[name]
                elif name in known:
                    chosen.add(name)
                else:
                    raise UsageError(f"unknown rule {name!r}",
                                     hint="choose rule ids or families from: "
                                          + ", ".join(sorted(known | set(by_family)))
                                          + " (aligner check --list-rules)")
        return chosen

    selected = expand(only) if only else {r.id for r in all_rules() if r.default}
    return frozenset(selected - expand(skip))


#: the glossary rules alone: what the build pipeline's self-check runs
TERM_RULES = frozenset(r.value for r in Rule)

__all__ = [
    "ConsistencyTracker", "Family", "Rule", "RuleSpec", "TERM_RULES", "Tracker", "all_rules", "default_rules",
    "families", "register", "rule_order", "select_rules", "term_findings",
]
