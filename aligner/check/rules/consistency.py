"""Consistency across all the units of one run, whichever file they come from.

* ``inconsistent-target``: one source segment has different targets. Targets that differ
  only in case, a plural -s or punctuation (a heading "Example" in one file, "Examples" in
  the next: each English original chose its own) are a nit, not a different translation:
  they are ``inconsistent-target-minor`` (info, off by default).
* ``inconsistent-source``: one target is used for different sources (the reverse): a
  copy-paste error or a translation that lost a distinction. Sources that differ only in
  punctuation, width, case or spacing count as the same source, and targets of fewer than
  three words (headings and labels such as "Examples", which several Chinese synonyms
  rightly share) are not compared.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ...model import Finding, Severity
from ..keyed import KeyedPositions
from ..units import Unit
from .glossary import Rule
from .registry import Family, RuleSpec, Tracker, register

INCONSISTENT_TARGET = RuleSpec(
    Rule.INCONSISTENT_TARGET.value, Severity.WARNING,
    "the same source has different targets (within a file or across files)")
INCONSISTENT_TARGET_MINOR = RuleSpec(
    "inconsistent-target-minor", Severity.INFO,
    "the same source has targets that differ only in case, a plural -s or punctuation "
    "(off by default: a nit, not a different translation)", default=False)
INCONSISTENT_SOURCE = RuleSpec(
    "inconsistent-source", Severity.WARNING,
    "the same target is used for different sources (within a file or across files)")


def normalise_segment(text: str) -> str:
    """Whitespace-insensitive key, so a re-wrapped segment is the same segment."""
    return " ".join(text.split())


class _KeyedTracker(Tracker):
    """Hashed keys while the units stream by (:class:`~aligner.check.keyed.KeyedPositions`);
    the units of the groups that disagree are read again in full, grouped by :meth:`group`."""

    def __init__(self) -> None:
        self._groups: dict[str, list[tuple[int, Unit]]] = {}
        self._keys = KeyedPositions()
        self._wanted: frozenset[int] = frozenset()

    def group(self, unit: Unit) -> str:
        raise NotImplementedError

    def export(self) -> tuple[bytes, bytes, bytes]:
        return self._keys.export()

    def absorb(self, state: tuple[bytes, bytes, bytes], offset: int) -> None:
        self._keys.absorb(state, offset)

    def wanted(self) -> frozenset[int]:
        self._wanted = self._keys.mixed()
        self._keys = KeyedPositions()
        return self._wanted

    def revisit(self, position: int, unit: Unit) -> None:
        if position in self._wanted and not unit.variant:
            self._groups.setdefault(self.group(unit), []).append((position, unit))


class ConsistencyTracker(_KeyedTracker):
    """Remembers every checked (source, target) to find sources with several targets, within
    one file and across all the files of one check (a.tmx says X where b.po says Y): as
    hashes first (:class:`~aligner.check.keyed.KeyedPositions`), in full only for the units
    of sources with two or more targets."""

    def add(self, position: int, unit: Unit) -> None:
        if unit.variant:
            return  # en-GB beside en-US, a plural beside its singular: different on purpose
        self._keys.add(normalise_segment(unit.source), normalise_segment(unit.target), position)

    def group(self, unit: Unit) -> str:
        return normalise_segment(unit.source)

    def findings(self) -> Iterator[tuple[int, Finding]]:
        """(position, finding) for each unit whose target differs from the reference: the one
        most used by non-fuzzy units, then by all (ties: the first seen). Sources and targets compare whitespace-insensitively, and
        otherwise exactly; a group whose targets differ only by :func:`nit_key` gets
        ``inconsistent-target-minor`` findings instead."""
        for source, members in self._groups.items():
            if len(members) < 2:
                continue
            by_target: dict[str, list[Unit]] = {}  # first-seen order
            for _pos, unit in members:
                by_target.setdefault(normalise_segment(unit.target), []).append(unit)
            if len(by_target) < 2:
                continue
            # reviewed (non-fuzzy) uses first, then most frequent; the stable sort keeps
            # first-seen order among ties: an unreviewed guess never sets the reference
            ranked = sorted(by_target.items(),
                            key=lambda kv: (-sum(not u.fuzzy for u in kv[1]), -len(kv[1])))
            reference, (first, *_rest) = ranked[0]
            variants = tuple((target, tuple(u.where for u in units)) for target, units in ranked)
            files = len({u.file for _p, u in members})
            if files == 1:
                at, scope = first.label, "in this file"
            else:
                at = first.where + (f" (unit {first.id})" if first.id else "")
                scope = f"in {files} files"
            # differing only in case, a plural -s or punctuation ("Example" / "Examples"): a
            # nit, listed only with --rule inconsistent-target-minor
            minor = len({nit_key(target) for target in by_target}) == 1
            rule = INCONSISTENT_TARGET_MINOR if minor else INCONSISTENT_TARGET
            for position, unit in members:
                if normalise_segment(unit.target) == reference:
                    continue
                yield position, Finding(
                    file=unit.file, unit=unit.ref, rule=rule.id,
                    severity=rule.severity, source_term=source, expected=(reference,),
                    target=unit.target, line=unit.line, fuzzy=unit.fuzzy, variants=variants, source=unit.source,
                    message=f"the same source is translated differently at {at} "
                            f"({len(by_target)} different translations {scope})",
                )


_WORD = re.compile(r"\w+")


def nit_key(text: str) -> str:
    """A target with what a reviewer calls a nit taken out: case, punctuation, spacing and a
    plural -s or -es at the end of a word (Example = Examples. = example)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def _loose(text: str) -> str:
    """Source key that ignores what does not change meaning: width, case, punctuation, spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if unicodedata.category(c)[0] not in "PZS" and not c.isspace())


#: targets shorter than this many words are not compared (headings, labels)
MIN_WORDS = 3


class SourceTracker(_KeyedTracker):
    """Targets shared by units whose sources differ (after :func:`_loose`). Kept as hashes of
    the target and of the whitespace-normalised source: a target whose sources differ even
    only in punctuation or case has its units read again, and :func:`_loose` decides."""

    def add(self, position: int, unit: Unit) -> None:
        if unit.variant:
            return  # a further form of one unit (en-GB, a plural) is not another source
        target = normalise_segment(unit.target)
        # a heading of one or two words (Syntax, See also) rightly renders several synonyms
        if len(target.split()) >= MIN_WORDS and any(c.isalpha() for c in target):
            self._keys.add(target, normalise_segment(unit.source), position)

    def group(self, unit: Unit) -> str:
        return normalise_segment(unit.target)

    def findings(self) -> Iterator[tuple[int, Finding]]:
        for target, members in self._groups.items():
            if len(members) < 2:
                continue
            by_source: dict[str, list[Unit]] = {}
            for _pos, unit in members:
                by_source.setdefault(_loose(unit.source), []).append(unit)
            if len(by_source) < 2:
                continue
            ranked = sorted(by_source.items(), key=lambda kv: -len(kv[1]))
            reference, (first, *_rest) = ranked[0]
            variants = tuple((units[0].source, tuple(u.where for u in units))
                             for _key, units in ranked)
            for position, unit in members:
                if _loose(unit.source) == reference:
                    continue
                yield position, Finding(
                    file=unit.file, unit=unit.ref, rule=INCONSISTENT_SOURCE.id,
                    severity=INCONSISTENT_SOURCE.severity, source_term=target,
                    expected=(first.source,), target=unit.target, line=unit.line,
                    fuzzy=unit.fuzzy, variants=variants, source=unit.source,
                    message=f"the same target translates a different source at {first.where}"
                            f" ({len(by_source)} different sources)")


FAMILY = register(Family("consistency", (
    INCONSISTENT_TARGET, INCONSISTENT_TARGET_MINOR, INCONSISTENT_SOURCE,
), trackers=(ConsistencyTracker, SourceTracker)))
