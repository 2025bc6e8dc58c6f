"""Numbers: the source's numbers must be in the target, and the target's in the source,
whatever way each is written.

Both sides are read as *values* (exact fractions), so the comparison survives the ways a
translator may legitimately write a number: full-width digits (２０２４), thousands
separators (35,000), Chinese magnitudes (3.5万 = 35,000; 2亿 = 200 million), Chinese numerals
(三十, 五千万, 廿三, 二〇二四年), fractions and shares (三分之一 = one third = 1/3; 三成 = 30%;
百分之二十 = 20 percent), multiples (两倍 = twice), English number words ("two hundred
thirty-five thousand", "a dozen", "two decades" = 二十年), ordinals and month names.
The readers are :mod:`.numerals_zh` and :mod:`.numerals_en`.

The two directions are read differently, each so that a correct translation passes:

* ``number-mismatch`` (error): a number the source certainly has (a lone 一 or 十 is not
  read: 一些, 统一, 十分) is missing from the target read generously (digits, words,
  fractions);
* ``number-added`` (warning): a number the target writes *in digits* is not in the source
  read generously (every numeral character: 三个人 may become "3 people"); list markers
  ("1." at the start), versions and numbers glued to letters (H100, v2) are left out.

Numbers inside URLs, e-mail addresses, placeholders and tags belong to the markup rules.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from ...model import Finding, Severity
from ..units import Unit
from .numerals_en import added_numbers, target_values
from .numerals_units import any_close, converted_values
from .numerals_zh import approximate, has_number, loose_values, normal, source_numbers
from . import numerals_en as _en
from . import numerals_zh as _zh
from .registry import Family, RuleSpec, register, unit_finding

NUMBER_MISMATCH = RuleSpec(
    "number-mismatch", Severity.ERROR,
    "a number, date or percentage of the source is missing or different in the target")
NUMBER_ADDED = RuleSpec(
    "number-added", Severity.WARNING,
    "the target writes a number in digits that the source does not have in any form")

_DIGIT = re.compile(r"[0-9\uff10-\uff19]")


def _show(value: Fraction) -> str:
    """35,000 and 3.5 as a reader writes them; a year stays 2024; 1/3 as a fraction."""
    if value.denominator == 1:
        return f"{value.numerator:,}" if value >= 10000 else str(value.numerator)
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator == 1:  # a finite decimal, never in exponent form (5 per million: 0.000005)
        return format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    return f"{value.numerator}/{value.denominator}"


def _plainly_equal(source: str, target: str) -> bool:
    """True when both sides write their numbers only as plain Arabic digits and write the
    same ones: then neither rule can find anything (most units of a real TM; no reading)."""
    if _zh.PLAIN_GATE.search(source) or _en.PLAIN_GATE.search(target):
        return False
    seen, strict = _en.digit_tokens(target)
    wanted = _zh.arabic_tokens(source)
    return wanted <= seen and strict <= wanted


def check_numbers(unit: Unit) -> Iterator[Finding]:
    source, target = unit.source, unit.target
    if _plainly_equal(source, target):
        return
    numbers = source_numbers(source) if has_number(source) else []
    if numbers:
        have = target_values(target, words=False)
        missing = [(w, v, m) for w, v, m in numbers if not v & have]
        if missing:
            have, plain = target_values(target), normal(target)
            # a version (no values) is looked for as written
            missing = [(w, v, m) for w, v, m in missing if not (v & have if v else w in plain)]
        if missing and (converted := converted_values(normal(source), target)):
            # 50公斤 as "110 pounds": the quantity converted to a unit the target names
            missing = [(w, v, m) for w, v, m in missing if not any_close(have, converted, m)]
        if missing and any(m >= 10 and approximate(source, w) for w, _v, m in missing):
            # 四十多年 as "almost half a century": an approximation may become another round
            # number within a quarter, said in words (a number in digits is copied, not rounded)
            said = have - target_values(target, words=False)
            missing = [(w, v, m) for w, v, m in missing
                       if not (m >= 10 and approximate(source, w) and any(abs(t - m) <= m / 4 for t in said))]
        if missing:
            shown = [(w, _show(m) if v else w) for w, v, m in missing]
            items = dict.fromkeys(w if s == w else f"{w} (= {s})" for w, s in shown)
            yield unit_finding(unit, NUMBER_MISMATCH,
                               source_term=", ".join(dict.fromkeys(w for w, _s in shown)),
                               expected=tuple(dict.fromkeys(s for _w, s in shown)),
                               message=f"the source has {', '.join(items)} but the target does not")
    if not _DIGIT.search(target):
        return
    added = added_numbers(target)
    if not added:
        return
    strict: set[Fraction] = set().union(*(v for _w, v, _m in numbers)) if numbers else set()
    extra = [(w, v) for w, v in added if not v & strict]
    if extra:
        # the source read generously, English number words too (an untranslated sentence)
        loose, plain = loose_values(source) | target_values(source), normal(source)
        extra = [(w, v) for w, v in extra if not v & loose and w not in plain]
    if extra and (converted := converted_values(normal(source), target)):
        extra = [(w, v) for w, v in extra if not any_close(v, converted)]
    if extra:
        written = tuple(dict.fromkeys(w for w, _v in extra))
        yield unit_finding(unit, NUMBER_ADDED, source_term=", ".join(written), expected=written,
                           message=f"the target has {', '.join(written)} but the source does not")


FAMILY = register(Family("numbers", (NUMBER_MISMATCH, NUMBER_ADDED), unit_check=check_numbers))
