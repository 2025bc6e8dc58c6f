"""The consistency rules: each looks at units and returns :class:`aligner.model.Finding`\\ s.

* ``missing-term``: a glossary term is in the source, no allowed English form in the target.
* ``forbidden-variant``: the target uses an English form the glossary marks as not allowed.
* ``keep-as-is``: a Latin term kept unchanged in Chinese (DeepSeek) is missing or altered.
* ``inconsistent-target``: one source segment has different targets, in one file or across files.
"""
from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from ..model import Finding, Severity
from .terms import Hit, Term, fold_target, has_han
from .units import Unit


class Rule(str, Enum):
    """Rule names as they appear in reports (stable: part of the JSON schema)."""

    MISSING_TERM = "missing-term"
    FORBIDDEN_VARIANT = "forbidden-variant"
    KEEP_AS_IS = "keep-as-is"
    INCONSISTENT_TARGET = "inconsistent-target"


def _finding(unit: Unit, rule: Rule, severity: Severity, term: Term, target: str,
             message: str) -> Finding:
    return Finding(
        file=unit.file, unit=unit.ref, rule=rule.value, severity=severity,
        source_term=term.zh, expected=term.allowed, target=target, message=message,
        line=unit.line, fuzzy=unit.fuzzy,
    )


def _as_found(hit: Hit) -> str:
    return f" (as {hit.form})" if hit.form != hit.term.zh else ""


def term_findings(unit: Unit, hits: list[Hit]) -> Iterator[Finding]:
    """Findings for the terms ``hits`` found in ``unit.source``, one per term at most."""
    first_hits: dict[int, Hit] = {}
    for hit in hits:
        first_hits.setdefault(id(hit.term), hit)
    target = unit.target
    folded = fold_target(target)
    spans = {key: [m.span() for m in hit.term.allowed_re.finditer(folded)]
             for key, hit in first_hits.items()}
    for key, hit in first_hits.items():
        term = hit.term
        if term.keep_as_is and not has_han(hit.form):
            if term.exact_re.search(folded):
                continue
            altered = term.allowed_re.search(folded)
            if altered:
                found = target[altered.start():altered.end()]
                yield _finding(unit, Rule.KEEP_AS_IS, Severity.WARNING, term, found,
                               f"{term.zh} is kept as-is but the target writes {found}")
            else:
                yield _finding(unit, Rule.KEEP_AS_IS, Severity.ERROR, term, target,
                               f"{term.zh} is kept as-is in the source but missing from the target")
            continue
        # mirror of the Chinese masking: "accelerationism" inside "effective accelerationism"
        # belongs to the longer term when both terms are in the source
        claimed = [span for other, found in spans.items() if other != key for span in found]
        allowed = [(s, e) for s, e in spans[key]
                   if not any(cs <= s and e <= ce and (cs, ce) != (s, e) for cs, ce in claimed)]
        forbidden = []
        if term.forbidden_re is not None:
            for match in term.forbidden_re.finditer(folded):
                start, end = match.span()
                # an allowed form that strictly contains the forbidden one masks it
                if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in allowed):
                    forbidden.append(match)
        if forbidden:
            found = target[forbidden[0].start():forbidden[0].end()]
            yield _finding(unit, Rule.FORBIDDEN_VARIANT, Severity.ERROR, term, found,
                           f"{term.zh}{_as_found(hit)} is translated with {found}, "
                           "which the glossary does not allow")
            continue
        if not allowed:
            severity = Severity.WARNING if term.proposed else Severity.ERROR
            note = " (English form proposed by the tool)" if term.proposed else ""
            yield _finding(unit, Rule.MISSING_TERM, severity, term, target,
                           f"{term.zh}{_as_found(hit)} is in the source but "
                           f"{' / '.join(term.allowed)} is not in the target{note}")


def normalise_segment(text: str) -> str:
    """Whitespace-insensitive key, so a re-wrapped segment is the same segment."""
    return " ".join(text.split())


class ConsistencyTracker:
    """Remembers every checked (source, target) to find sources with several targets, within
    one file and across all the files of one check (a.tmx says X where b.po says Y)."""

    def __init__(self) -> None:
        self._groups: dict[str, list[tuple[int, Unit]]] = {}

    def add(self, position: int, unit: Unit) -> None:
        if unit.variant:
            return  # en-GB beside en-US, a plural beside its singular: different on purpose
        self._groups.setdefault(normalise_segment(unit.source), []).append((position, unit))

    def findings(self) -> Iterator[tuple[int, Finding]]:
        """(position, finding) for each unit whose target differs from the reference: the one
        most used by non-fuzzy units, then by all (ties: the first seen). Sources and targets compare whitespace-insensitively, and
        otherwise exactly: a change of case or punctuation is a different translation."""
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
            for position, unit in members:
                if normalise_segment(unit.target) == reference:
                    continue
                yield position, Finding(
                    file=unit.file, unit=unit.ref, rule=Rule.INCONSISTENT_TARGET.value,
                    severity=Severity.WARNING, source_term=source, expected=(reference,),
                    target=unit.target, line=unit.line, fuzzy=unit.fuzzy, variants=variants,
                    message=f"the same source is translated differently at {at} "
                            f"({len(by_target)} different translations {scope})",
                )
