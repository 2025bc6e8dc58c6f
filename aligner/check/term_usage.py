"""``term-rarely-used`` and ``missing-term-unconfirmed``: evidence from the TM itself about
each glossary term.

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
``--skip-rule term-rarely-used`` reports every unit as before. This applies to entries that
are rules (reviewed, or from a glossary without extraction evidence).

The same counts decide whether an entry aligner **extracted** (it carries extraction
evidence and nobody reviewed it: :attr:`~aligner.check.terms.Term.extracted`) is the TM's
term at all. Such an entry is a hypothesis, not a rule the translator agreed to, and the TM
is evidence about it: its per-unit misses (``missing-term``, a ``keep-as-is`` term missing or altered)
are listed only when the TM **confirms** the entry, i.e. renders it in the term's
units significantly more consistently than it renders its terms overall (the other tail of
the same test: ``P(X >= k | n, p0) < ALPHA_CONFIRM``), so that a unit breaking an otherwise
consistent usage stands out against the TM's own background of free renderings. Otherwise they go to
``missing-term-unconfirmed`` (info, off by default: counted in the summary, listed with
``--rule missing-term-unconfirmed``). A confirmed entry's miss goes there too when the unit
words the term freely: no word of the target near the term lacks a source word to explain it
(:func:`aligner.check.explain.free_rendering`), so nothing stands in the term's place that
could be a wrong word. Nothing is dropped: every miss is listed or counted.
A reviewed entry and a glossary without evidence (another tool's) are not affected.
"""
from __future__ import annotations

import math
import re
from array import array
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..model import Finding, Severity
from .findings import IN_MEMORY, FindingStore
from .terms import Term

#: significance of the one-sided test; about one term in a hundred that the TM does use as
#: consistently as its other terms is summarised instead of listed unit by unit (its units
#: are still listed, in the summary finding)
ALPHA = 0.01
RULE = "term-rarely-used"
#: significance of the test that confirms an extracted entry (the TM renders it more
#: consistently than its terms overall): the same level as :data:`ALPHA`, the other tail
ALPHA_CONFIRM = 0.01
UNCONFIRMED = "missing-term-unconfirmed"
#: the per-unit rules whose findings a term-rarely-used finding replaces
FOLDED = frozenset({"missing-term", "missing-term-proposed", "missing-term-related"})
#: a third-party term (no evidence, not reviewed) that the TM renders in at least half its
#: units (its usual rendering) and words otherwise in this many units or more: one finding
#: listing them (``term-varies``), not one finding per unit. Below half, too few units for
#: ``term-rarely-used`` are too few to tell a usage from errors: each is listed.
VARIES = "term-varies"
VARIES_MIN = 2
#: the rules whose one finding stands for several units (listed in ``variants``)
SUMMARY_RULES = frozenset({RULE, VARIES})


def folds(finding: Finding) -> bool:
    """True for a per-unit finding that says the unit lacks the term (what a
    ``term-rarely-used`` finding may replace)."""
    return finding.rule in FOLDED or (finding.rule == "keep-as-is"
                                      and finding.severity is Severity.ERROR)


def misses(finding: Finding) -> bool:
    """True for a per-unit finding that says the target does not render the term as the
    glossary says (``missing-term``, a ``keep-as-is`` term missing or altered): what an
    unconfirmed extracted entry's finding becomes ``missing-term-unconfirmed`` for."""
    return finding.rule in ("missing-term", "keep-as-is")


def confirmed(k: int, n: int, p0: float) -> bool:
    """Whether ``k`` renderings in ``n`` units confirm an extracted entry as the TM's term:
    improbably many for the share ``p0`` of all the check's term occurrences rendered, the
    other tail of ``term-rarely-used``'s test (``P(X >= k | n, p0) < ALPHA_CONFIRM``)."""
    if n <= 0 or k > n:
        return False
    return lower_tail(n - k, n, 1.0 - p0) < ALPHA_CONFIRM


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
    missed: array[int] = field(default_factory=lambda: array("q"))  # store indices, :func:`misses`
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

    def add_counts(self, term: Term, units: int, rendered: int) -> None:
        """What :meth:`saw_unit` counts for ``term`` over ``units`` units at once (a worker's
        tally; the counts do not depend on the order the units are seen in)."""
        usage = self._usage.get(term.zh)
        if usage is None:
            usage = self._usage[term.zh] = _Usage(term)
        usage.units += units
        usage.rendered += rendered

    def missing(self, finding: Finding, index: int, order: int, position: int) -> None:
        """The per-unit ``finding`` at store ``index`` says its unit lacks a term (see
        :func:`folds` and :func:`misses`; any other finding is ignored)."""
        fold, miss = folds(finding), misses(finding)
        if not (fold or miss):
            return
        usage = self._usage[finding.source_term]
        if miss:
            usage.missed.append(index)
        if fold:
            usage.folded.append(index)
            if usage.first is None:
                usage.first = (order, position)

    def pooled(self) -> float:
        """The share of term occurrences rendered, over every term of the check."""
        units = sum(u.units for u in self._usage.values())
        return sum(u.rendered for u in self._usage.values()) / units if units else 1.0

    def fold(self, store: FindingStore, *, rarely_used: bool = True,
             list_unconfirmed: bool = False, varies: bool = False) -> tuple[list[tuple[int, int, Finding]], int]:
        """Settle each term from its counts: the misses of an extracted entry the TM does
        not :func:`confirm <confirmed>` become ``missing-term-unconfirmed`` findings
        (``list_unconfirmed``) or are only counted; with ``rarely_used``, the per-unit
        findings of any other term the TM renders improbably rarely become one
        ``term-rarely-used`` finding; with ``varies``, those of a third-party term (no
        evidence, not reviewed) that the TM words otherwise in :data:`VARIES_MIN` units or
        more become one ``term-varies`` finding. Returns the ``(file order, position, finding)`` to add and how many misses
        were counted, not listed; what they replace is discarded from ``store``."""
        p0 = self.pooled()
        added: list[tuple[int, int, Finding]] = []
        hidden = 0
        pool = {zh: usage.folded for zh, usage in self._usage.items()
                if not usage.term.extracted and usage.folded}
        alternatives = _alternatives(pool, {zh for zh in pool if _trigger(
            self._usage[zh], p0, rarely_used=rarely_used, varies=varies)}, store) \
            if sum(map(len, pool.values())) <= ALTERNATIVES_UP_TO else {}
        for zh in sorted(self._usage):
            usage = self._usage[zh]
            n, k = usage.units, usage.rendered
            if usage.term.extracted:  # a hypothesis: confirmed by the TM or counted
                if not usage.missed:
                    continue
                missed: Sequence[int] = usage.missed
                note = (f"; the entry was extracted by the tool and this TM renders it in {k} "
                        f"of {n} units ({_percent(k, n)}; all terms of this check: {p0:.0%}): "
                        "not confirmed as the TM's term")
                if confirmed(k, n, p0):
                    # confirmed, yet a unit with no word in the term's place that its source
                    # does not explain words it freely: no evidence of a wrong word
                    missed = [i for i in usage.missed if _free(store.added(i))]
                    if not missed:
                        continue
                    note = (f"; the entry was extracted by the tool and this TM confirms it ({k} "
                            f"of {n} units), but every word of the target near the term is "
                            "explained by a word of the source: a free rendering")
                store.discard(missed)
                if not list_unconfirmed:
                    hidden += len(missed)
                    continue
                for index in missed:
                    finding = store.added(index)
                    added.append((*store.place(index), replace(
                        finding, rule=UNCONFIRMED, severity=Severity.INFO,
                        message=finding.message + note)))
                continue
            trigger = _trigger(usage, p0, rarely_used=rarely_used, varies=varies)
            if trigger is None:
                continue
            rule, stat, why = trigger
            first = store.added(usage.folded[0])
            places = tuple(dict.fromkeys(_located(store, i) for i in usage.folded))
            usage_alternatives = alternatives.get(zh, ())
            store.discard(usage.folded)
            term = usage.term
            english = " / ".join(term.allowed)
            own = "".join(f"; {len(at)} of them use {word}" for word, at in usage_alternatives[:3])
            added.append((usage.first[0], usage.first[1], Finding(
                file=first.file, unit=first.unit, rule=rule, severity=Severity.WARNING,
                source_term=term.zh, expected=term.allowed, target=f"{k} of {n} units",
                message=(f"{term.zh} → {english} is rendered in {k} of {n} units "
                         f"({_percent(k, n)}; all terms of this check: {p0:.0%}{stat}): {why}"
                         f"{own}; review the entry or the {len(places)} units listed"),
                line=first.line, variants=((f"without {english}", places),
                                           *((f"with {w}", at) for w, at in usage_alternatives)),
                source=first.source)))
        return added, hidden


def _free(finding: Finding) -> bool:
    """:func:`aligner.check.explain.free_rendering` of a miss's unit (imported on first use:
    most checks have no confirmed extracted entry with a miss)."""
    from .explain import free_rendering

    if not finding.source or (finding.rule == "keep-as-is"
                              and finding.severity is not Severity.ERROR):
        return False  # an altered kept-as-is term names what the target has instead
    return free_rendering(finding.source, finding.target, finding.source_term)


def _located(store: FindingStore, index: int) -> str:
    """:func:`_where` of the finding at ``index``, read back only when it has no line."""
    known = store.location(index)
    return f"{known[0]}:{known[1]}" if known is not None else _where(store.added(index))


def _trigger(usage: _Usage, p0: float, *, rarely_used: bool,
             varies: bool) -> tuple[str, str, str] | None:
    """The one per-term aggregation's two triggers, from the term's ``k`` of ``n``: the TM
    renders a reviewed or third-party term improbably rarely (``term-rarely-used``), or a
    third-party term in at least half its units and words it otherwise in
    :data:`VARIES_MIN` or more (``term-varies``). ``(rule, statistic, why)`` or None."""
    if not usage.folded or usage.first is None:
        return None
    n, k = usage.units, usage.rendered
    tail = lower_tail(k, n, p0) if rarely_used else 1.0
    if tail < ALPHA:
        return (RULE, f", binomial p = {tail:.2g}",
                "this TM does not use the glossary's English for it consistently")
    if varies and usage.term.third_party and k >= n - k and len(usage.folded) >= VARIES_MIN:
        return (VARIES, "", f"this TM words it otherwise in {len(usage.folded)} units and the "
                "entry comes without evidence (another tool's glossary)")
    return None


#: units of a term without its English that must share a word for it to be shown as the TM's
#: own rendering (with half of them at least)
ALTERNATIVE_MIN = 3
#: the TM's own renderings are looked for only when the units without some term's English
#: are at most this many (what the finding store keeps in memory): advice, not worth the
#: memory and time of reading back a million findings
ALTERNATIVES_UP_TO = IN_MEMORY
#: words too common to be a term's rendering (a determiner, a pronoun, an auxiliary)
_COMMON = frozenset("""the this that these those there their they them then than what which
when where with from into onto over under about also only just more most much many such
some each every other another both either have does will would could should might must
been being were your here very even same used uses using like make makes""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")


def _alternatives(folded: dict[str, array[int]], wanted: set[str], store: FindingStore
                  ) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The TM's own renderings of each aggregated term, for the reviewer of the entry: a
    content word (compared by its family stem, shown as written most often) in at least
    :data:`ALTERNATIVE_MIN` and half of the term's units without its English, and specific
    to it: at least half of the units without some term's English (``folded``, every term
    not extracted) that have the word are this term's, so a word spread over many terms'
    units is none. For the terms in ``wanted``. Most units first, ties by word.
    Advice only: it decides nothing (measured as a per-unit test in
    ``bench/check_term_alternatives.py``: it does not tell a wrong word from free wording)."""
    from .derivation import family_stem

    stems: dict[int, tuple[str, dict[str, str]]] = {}  # index: (place, stem: word as written)
    units_of: dict[str, set[str]] = {}
    for indices in folded.values():
        for index in indices:
            if index in stems:
                continue
            finding = store.added(index)
            words: dict[str, str] = {}
            for word in _WORD.findall(finding.target):
                if len(word) >= 4 and word.lower() not in _COMMON:
                    words.setdefault(family_stem(word), word.lower())
            where = _where(finding)
            stems[index] = where, words
            for stem in words:
                units_of.setdefault(stem, set()).add(where)
    out: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for zh in sorted(wanted):
        places: dict[str, dict[str, None]] = {}
        shown: dict[str, dict[str, int]] = {}
        own = {stems[index][0] for index in folded[zh]}
        for index in folded[zh]:
            where, words = stems[index]
            for stem, word in words.items():
                places.setdefault(stem, {})[where] = None
                counts = shown.setdefault(stem, {})
                counts[word] = counts.get(word, 0) + 1
        found = [(max(shown[stem], key=lambda w: (shown[stem][w], w)), tuple(at))
                 for stem, at in places.items()
                 if len(at) >= ALTERNATIVE_MIN and 2 * len(at) >= len(own)
                 and 2 * len(units_of[stem] & own) >= len(units_of[stem])]
        if found:
            out[zh] = tuple(sorted(found, key=lambda f: (-len(f[1]), f[0])))
    return out


def _where(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}" if finding.line else f"{finding.file} (unit {finding.unit})"


def _percent(k: int, n: int) -> str:
    return f"{100 * k / n:.0f}%"
