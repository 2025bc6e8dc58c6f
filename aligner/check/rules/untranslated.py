"""Untranslated units and sources copied as targets.

A unit with an empty target is *untranslated*. A target identical to its source (after
spacing) is *source-copied*, unless the source holds no Chinese at all: a segment that is
only a name, code, a number or a URL is rightly copied (``GPT-4``, ``2024``, ``print(x)``).
A target that keeps a run of Chinese from the source which is no term kept as-is is left to
the glossary and number rules.
"""
from __future__ import annotations

from collections.abc import Iterator

from ...model import Finding, Severity
from ..terms import has_han
from ..units import Unit
from .registry import Family, RuleSpec, register, unit_finding

#: off by default: every report already counts untranslated units (summary, counts.untranslated)
UNTRANSLATED = RuleSpec("untranslated", Severity.WARNING,
                        "the unit has no target (off by default: the summary counts them)",
                        default=False)
COPIED = RuleSpec("source-copied", Severity.ERROR,
                  "the target is the source unchanged (segments of only names, code or numbers "
                  "are exempt)")


def check_untranslated(unit: Unit) -> Iterator[Finding]:
    if not unit.source.strip():
        return
    if not unit.target.strip():
        yield unit_finding(unit, UNTRANSLATED, source_term="", expected=(),
                           message="the unit is not translated")
    elif " ".join(unit.source.split()) == " ".join(unit.target.split()) and has_han(unit.source):
        yield unit_finding(unit, COPIED, source_term="", expected=(),
                           message="the target is a copy of the source")


FAMILY = register(Family("completeness", (UNTRANSLATED, COPIED), unit_check=check_untranslated,
                         sees_empty=True))
