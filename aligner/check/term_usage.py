"""``term-rarely-used``: evidence from the TM itself about each glossary term.

A glossary built automatically from the same documents (or any glossary the translator did
not follow) holds entries whose English the TM uses in only some of the units with the
Chinese: generic words (标记, 维度) and terms the English original words freely. Reporting
each such unit as ``missing-term`` buries the few units that break an otherwise consistent
term under dozens that are the TM's normal usage.

So the check counts, for every term, the units whose source has it (``n``) and those whose
target renders it (``k``: an allowed English form, or accepted by derivation), and compares
each term with the check's terms overall (the pooled share ``p0`` of rendered occurrences).
A term whose ``k`` is improbably low for ``p0`` (one-sided binomial test,
``P(X <= k | n, p0) < ALPHA``) is not a term this TM uses consistently: its per-unit
``missing-term`` (and ``missing-term-proposed``, ``missing-term-related`` and missing
``keep-as-is``) findings are replaced by one ``term-rarely-used`` finding that gives the
counts and lists every unit without the English. A term with few occurrences never reaches
significance (0 of 2 does not, at the pooled share of a typical TM), so a unit that breaks
a consistent term, or the only occurrence of a term, is still reported on its own.
``--skip-rule term-rarely-used`` reports every unit as before.
"""
from __future__ import annotations

import math
from array import array
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

from ..model import Finding, Severity
from .findings import FindingStore
from .terms import Term

#: significance of the one-sided test; about one term in a hundred that the TM does use as
#: consistently as its other terms is summarised instead of listed unit by unit (its units
#: are still listed, in the summary finding)
ALPHA = 0.01
RULE = "term-rarely-used"
#: the per-unit rules whose findings a term-rarely-used finding replaces
FOLDED = frozenset({"missing-term", "missing-term-proposed", "missing-term-related"})


def folds(finding: Finding) -> bool:
    """True for a per-unit finding that says the unit lacks the term (what a
    ``term-rarely-used`` finding may replace)."""
    return finding.rule in FOLDED or (finding.rule == "keep-as-is"
                                      and finding.severity is Severity.ERROR)


def lower_tail(k: int, n: int, p: float) -> float:
    """``P(X <= k)`` for ``X ~ Binomial(n, p)``, exact (summed in log space, so a million
    trials neither overflow nor underflow) when ``k`` is below the mean ``n * p``; at or
    above the mean the tail is about one half or more and ``1.0`` is returned (never
    significant)."""
    if k >= n or p <= 0.0 or k >= n * p:
        return 1.0
    if p >= 1.0:
        return 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    log_term = (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
                + k * log_p + (n - k) * log_q)
    total, term, i = 0.0, math.exp(log_term), k
    # below the mean the terms shrink going down: P(i-1)/P(i) = i q / ((n-i+1) p) < 1
    while i >= 0 and term > 0.0:
        total += term
        if term < total * 1e-17:
            break
        term *= i * (1.0 - p) / ((n - i + 1) * p) if i else 0.0
        i -= 1
    return min(total, 1.0)


@dataclass
class _Usage:
    term: Term
    units: int = 0  # units whose source has the term
    rendered: int = 0  # of those, units whose target renders it
    folded: array[int] = field(default_factory=lambda: array("q"))  # store indices
    first: tuple[int, int] | None = None  # (file order, position) of the first unit without it


class TermUsage:
    """Counts each term's units as the check goes, then replaces the per-unit findings of
    the terms the TM does not use consistently (see the module docstring)."""

    def __init__(self) -> None:
        self._usage: dict[str, _Usage] = {}

    def saw_unit(self, terms: Iterable[Term], lacking: Collection[str]) -> None:
        """One unit: the distinct glossary ``terms`` found in its source, and the headwords
        of those a glossary rule found missing in its target (not rendered)."""
        known = self._usage
        for term in terms:
            usage = known.get(term.zh)
            if usage is None:
                usage = known[term.zh] = _Usage(term)
            usage.units += 1
            if term.zh not in lacking:
                usage.rendered += 1

    def missing(self, zh: str, index: int, order: int, position: int) -> None:
        """The per-unit finding at store ``index`` (a rule of :data:`FOLDED`, or a missing
        ``keep-as-is`` term) says the unit lacks the term whose headword is ``zh``."""
        usage = self._usage[zh]
        usage.folded.append(index)
        if usage.first is None:
            usage.first = (order, position)

    def pooled(self) -> float:
        """The share of term occurrences rendered, over every term of the check."""
        units = sum(u.units for u in self._usage.values())
        return sum(u.rendered for u in self._usage.values()) / units if units else 1.0

    def fold(self, store: FindingStore) -> Iterator[tuple[int, int, Finding]]:
        """``(file order, position, finding)`` of each ``term-rarely-used`` finding; the
        per-unit findings it replaces are discarded from ``store``."""
        p0 = self.pooled()
        for zh in sorted(self._usage):
            usage = self._usage[zh]
            if not usage.folded or usage.first is None:
                continue
            n, k = usage.units, usage.rendered
            tail = lower_tail(k, n, p0)
            if tail >= ALPHA:
                continue
            first = store.added(usage.folded[0])
            places = tuple(dict.fromkeys(_where(store.added(i)) for i in usage.folded))
            store.discard(usage.folded)
            term = usage.term
            english = " / ".join(term.allowed)
            yield usage.first[0], usage.first[1], Finding(
                file=first.file, unit=first.unit, rule=RULE, severity=Severity.WARNING,
                source_term=term.zh, expected=term.allowed, target=f"{k} of {n} units",
                message=(f"{term.zh} → {english} is rendered in {k} of {n} units "
                         f"({_percent(k, n)}; all terms of this check: {p0:.0%}, "
                         f"binomial p = {tail:.2g}): this TM does not use the glossary's "
                         f"English for it consistently; review the entry or the "
                         f"{len(places)} units listed"),
                line=first.line, variants=((f"without {english}", places),),
                source=first.source)


def _where(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}" if finding.line else f"{finding.file} (unit {finding.unit})"


def _percent(k: int, n: int) -> str:
    return f"{100 * k / n:.0f}%"
