"""The glossary rules: each looks at units and returns :class:`aligner.model.Finding`\\ s.

* ``missing-term``: a glossary term is in the source, no allowed English form in the target.
* ``forbidden-variant``: the target uses an English form the glossary marks as not allowed.
* ``keep-as-is``: a Latin term kept unchanged in Chinese (DeepSeek) is missing or altered.
* ``missing-term-proposed``: ``missing-term`` for an entry whose English the tool proposed
  (status ``proposed``: a machine guess nobody confirmed); info, off by default, so the
  errors a reviewer sees come from confirmed entries.
* ``missing-term-related``: ``missing-term`` for an entry aligner extracted, where the target
  has another dictionary sense of the Chinese or a form of the same English family
  (:mod:`aligner.check.related`); info, off.
* ``missing-term-unconfirmed``: ``missing-term`` for an entry aligner extracted (nobody
  reviewed it) that the TM's own usage does not confirm; info, off by default, counted
  (:mod:`aligner.check.term_usage`).
* ``term-rarely-used``: one finding for a term the TM renders otherwise in most of its units,
  in place of their per-unit findings (:mod:`aligner.check.term_usage`).
* ``term-varies``: the same for a term of a glossary without evidence that the TM words
  otherwise in two units or more (:mod:`aligner.check.term_usage`).
"""
from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any

from ...model import Finding, Severity
from ..derivation import Accepted, accept, family_form
from ..related import other_sense, related_rendering
from ..terms import Hit, Squashed, Term, exact_key, fold_target, has_han
from ..units import Unit
from .registry import Family, RuleSpec, register


#: what the JSON report calls a term occurrence accepted by derivation (not a finding)
ACCEPTED = "accepted-by-derivation"


class Rule(str, Enum):
    """Rule names as they appear in reports (stable: part of the JSON schema)."""

    MISSING_TERM = "missing-term"
    FORBIDDEN_VARIANT = "forbidden-variant"
    KEEP_AS_IS = "keep-as-is"
    MISSING_TERM_PROPOSED = "missing-term-proposed"
    MISSING_TERM_RELATED = "missing-term-related"
    MISSING_TERM_UNCONFIRMED = "missing-term-unconfirmed"
    TERM_RARELY_USED = "term-rarely-used"
    TERM_VARIES = "term-varies"
    INCONSISTENT_TARGET = "inconsistent-target"


def _finding(unit: Unit, rule: Rule, severity: Severity, term: Term, target: str,
             message: str) -> Finding:
    return Finding(
        file=unit.file, unit=unit.ref, rule=rule.value, severity=severity,
        source_term=term.zh, expected=term.allowed, target=target, message=message,
        line=unit.line, fuzzy=unit.fuzzy, source=unit.source,
    )


def _as_found(hit: Hit) -> str:
    return f" (as {hit.form})" if hit.form != hit.term.zh else ""


def term_findings(unit: Unit, hits: list[Hit], *,
                  accepted: list[dict[str, Any]] | None = None) -> Iterator[Finding]:
    """Findings for the terms ``hits`` found in ``unit.source``, one per term at most.

    A term whose English is missing but which the target renders by derivation
    (:mod:`aligner.check.derivation`) gives no finding; it is added to ``accepted``."""
    first_hits: dict[int, Hit] = {}
    for hit in hits:
        first_hits.setdefault(id(hit.term), hit)
    target = unit.target
    folded = fold_target(target)
    spans = {key: [m.span() for m in hit.term.allowed_re.finditer(folded)]
             for key, hit in first_hits.items()}
    squashed: Squashed | None = None
    for key, hit in first_hits.items():
        if not spans[key] and not (hit.term.keep_as_is and not has_han(hit.form)):
            # a break the glossary's form lacks, or lacks one it has (ringbus / ring bus)
            squashed = squashed or Squashed(folded)
            spans[key] = squashed.spans(hit.term.squashed, fold_case=True)
    for key, hit in first_hits.items():
        term = hit.term
        if term.keep_as_is and not has_han(hit.form):
            if term.exact_re.search(folded):
                continue
            squashed = squashed or Squashed(folded)
            # the source's own spelling (Latin source forms match in any case: Nvidia for
            # a glossary's NVIDIA) kept in the target is kept as-is too
            as_written = exact_key(unit.source[hit.start:hit.end])
            if squashed.spans((*term.exact_squashed, as_written), fold_case=False):
                continue  # the same letters, spaced or hyphenated differently
            altered = term.allowed_re.search(folded)
            if not altered:
                again = squashed.spans(term.squashed, fold_case=True)
                altered_span = again[0] if again else None
            else:
                altered_span = altered.span()
            if altered_span:
                found = target[altered_span[0]:altered_span[1]]
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
            why = accept(unit.source, target, hit)
            if why is None and not term.extracted and not term.proposed:
                # another tool's or a reviewed entry: the same words in another form of their
                # family (observation → observed, dimension → dimensionality); an extracted
                # entry's relatives go to missing-term-related instead
                span = family_form(term.allowed, target, claimed)
                if span is not None:
                    why = Accepted(term.zh, hit.form, target[span[0]:span[1]], "word-family")
                elif term.third_party:
                    # a termbase without evidence that the TM followed it: another
                    # CC-CEDICT sense of the term's own Chinese is the translator's choice,
                    # not a mistranslation (a wrong word is no sense of it)
                    sense = other_sense(term, target, unit.source, hit)
                    if sense is not None:
                        why = Accepted(term.zh, hit.form, sense, "dictionary-sense")
            if why is not None:
                if accepted is not None:
                    accepted.append({
                        "file": unit.file, "unit": unit.ref, "line": unit.line,
                        "rule": ACCEPTED, "source_term": term.zh, "expected": list(term.allowed),
                        "source_word": why.source_word, "target_form": why.target_form,
                        "reason": why.reason, "fuzzy": unit.fuzzy})
                continue
            related = None if term.proposed else related_rendering(term, target, unit.source, hit)
            if term.proposed:
                rule, severity = Rule.MISSING_TERM_PROPOSED, Severity.INFO
                note = " (English form proposed by the tool)"
            elif related is not None:
                rule, severity = Rule.MISSING_TERM_RELATED, Severity.INFO
                note = f"; the target has {related[0]}, {related[1]} (entry extracted by the tool)"
            else:
                rule, severity, note = Rule.MISSING_TERM, Severity.ERROR, ""
            yield _finding(unit, rule, severity, term, target,
                           f"{term.zh}{_as_found(hit)} is in the source but "
                           f"{' / '.join(term.allowed)} is not in the target{note}")


FAMILY = register(Family("terms", (
    RuleSpec(Rule.MISSING_TERM.value, Severity.ERROR,
             "a glossary term is in the source and no allowed English form is in the target"),
    RuleSpec(Rule.FORBIDDEN_VARIANT.value, Severity.ERROR,
             "the target translates a term with a form the glossary forbids"),
    RuleSpec(Rule.KEEP_AS_IS.value, Severity.ERROR,
             "a Latin term kept as-is in the source is missing (error) or altered (warning) "
             "in the target"),
    RuleSpec(Rule.MISSING_TERM_PROPOSED.value, Severity.INFO,
             "missing-term for a glossary entry the tool proposed (status proposed), "
             "not confirmed", default=False),
    RuleSpec(Rule.MISSING_TERM_RELATED.value, Severity.INFO,
             "missing-term for a glossary entry the tool extracted, where the target has "
             "another dictionary sense of the Chinese or a form of the same English family",
             default=False),
    RuleSpec(Rule.MISSING_TERM_UNCONFIRMED.value, Severity.INFO,
             "missing-term for a glossary entry the tool extracted (nobody reviewed it) that the "
             "TM's own usage does not confirm as its term", default=False),
    RuleSpec(Rule.TERM_RARELY_USED.value, Severity.WARNING,
             "the TM renders a term with the glossary's English in improbably few of its "
             "units: one finding for the term in place of each unit's missing-term"),
    RuleSpec(Rule.TERM_VARIES.value, Severity.WARNING,
             "a term of a glossary without evidence (another tool's) that the TM renders in at "
             "least half its units and words otherwise in at least two: one finding for the "
             "term listing them, in place of each unit's missing-term"),
)))
