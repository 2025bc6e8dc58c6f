"""``partial-unit``: one side of a unit covers only part of the other (a misaligned, merged
or truncated unit), reported once, with the unit's number and term findings inside it.

A TM built by an aligner, or a segment cut short by an export, has units where the Chinese
holds a sentence the English lacks (or the reverse). Each such unit then breaks several
rules at once: a number of the missing sentence, a term of it. Listed one by one they look
like several translation errors in one unit; they are one alignment error, and a reviewer
fixes them by re-aligning or re-segmenting the unit, not by editing words. So when the
unit's shape says it is partial, this rule reports it once and folds the unit's number and
term findings into it (listed inside the finding: ``folded`` in ``--json``).

A unit is *partial* when its English is far longer or shorter than its Chinese predicts
(*coverage*: English words against 0.62 per Chinese character plus the Latin words of the
source; a technical TM's median is about 1.0, a literary one's about 1.4) and its shape
agrees:

* the Chinese has two sentences or more than the English and the English covers less than
  half of it (whole Chinese sentences without English: a merged or misaligned unit); or
* a number of one side is missing from the other (a ``number-mismatch`` or ``number-added``
  finding), the coverage is below 0.4 or above 2.5, and the sentence counts differ or the
  coverage is extreme (below 0.25, above 4): the number went with the missing part; or
* numbers and terms are missing together and the coverage is below 0.6 or above 1.8.

Only the shape is read; a unit of one or two sentences split differently (a 1-2 or 2-1 bead:
one Chinese sentence rendered as two English ones) never fires on its own: an English side
with more sentences is normal (Chinese joins clauses with commas), and a sentence-count
difference of one is only read together with a missing number. Short units (headings) are
left out: the longer side must have 20 Chinese characters or 12 English words.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ...model import Finding, Severity
from ..units import Unit
from .registry import Family, RuleSpec, register, unit_finding

PARTIAL_UNIT = RuleSpec(
    "partial-unit", Severity.WARNING,
    "one side covers only part of the other (misaligned, merged or truncated unit); its "
    "number and term findings are listed inside it")

#: findings a partial unit stands for (listed inside it, not on their own)
FOLDED_RULES = frozenset({"number-mismatch", "number-added", "missing-term", "keep-as-is",
                          "missing-term-proposed", "missing-term-related",
                          "missing-term-unconfirmed"})
_NUMBER_RULES = frozenset({"number-mismatch", "number-added"})
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z0-9_]+(?:[.'’-][A-Za-z0-9_]+)*")
_EN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_MATH = re.compile(r"\$\$?[^$]*\$\$?")
_WIDE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
#: a Chinese sentence end with something after it (a closing quote or bracket stays with it)
_ZH_END = re.compile(r"[。！？!?]+[”’」』）)]*(?=\s*\S)")
#: an English sentence end: . ! ? then space and a capital (not after e.g., i.e., Mr, a capital)
_EN_END = re.compile(r"(?<![A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\bMr)(?<!\bDr)(?<!\bvs)[.!?]+[\"”’')]*\s+(?=[\"“‘(]?[A-Z])")
#: words of English a Chinese character predicts on average (technical text)
PER_HAN = 0.62


def shape(source: str, target: str) -> tuple[float, int, int, int, int]:
    """(coverage, Chinese sentences, English sentences, Chinese characters, English words);
    TeX math counts as one word on each side, an English number word as none (the number's
    digits or numerals on the Chinese side count already)."""
    # number words: a number said aloud ("one hundred twenty million …") is one number, not
    # many words, as its digits on the Chinese side are one token (the number reader's own
    # table; imported here, not at the top: importing numerals_en registers the markup family
    # first, and registration order is the report's rule order)
    from .numerals_en import NUMBER_WORDS as _NUMBER_WORDS

    source = unicodedata.normalize("NFKC", source) if _WIDE.search(source) else source
    source, target = _MATH.sub(" x ", source), _MATH.sub(" x ", target)
    han = len(_HAN.findall(source))
    latin = len(_LATIN.findall(_HAN.sub(" ", source))) if han else 0
    words = sum(1 for w in _EN_WORD.findall(target)
                if w.lower() not in _NUMBER_WORDS and w.lower().split("-")[0] not in _NUMBER_WORDS)
    expected = PER_HAN * han + latin
    coverage = words / expected if expected else 0.0
    zh = len(_ZH_END.findall(source)) + 1 if han else 1
    en = len(_EN_END.findall(target)) + 1
    return coverage, zh, en, han, words


def is_partial(source: str, target: str, *, numbers: bool, terms: bool) -> str | None:
    """Why the unit is partial (for the message), or None."""
    coverage, zh, en, han, words = shape(source, target)
    if han < 20 and words < 12:
        return None
    if zh - en >= 2 and coverage < 0.5:
        return f"the source has {zh} sentences, the target {en}"
    if numbers and (coverage < 0.4 or coverage > 2.5) and (zh != en or coverage < 0.25 or coverage > 4):
        return f"the target is {'shorter' if coverage < 1 else 'longer'} than the source predicts " \
               f"({coverage:.2f} of it; {zh} and {en} sentences) and a number is missing"
    if numbers and terms and (coverage < 0.6 or coverage > 1.8):
        return f"the target is {'shorter' if coverage < 1 else 'longer'} than the source predicts " \
               f"({coverage:.2f} of it) and numbers and terms are missing together"
    return None


def fold_partial(unit: Unit, findings: list[Finding], *, numbers_on: bool = True) -> list[Finding]:
    """``findings`` of one unit, with those a partial unit stands for folded into one
    ``partial-unit`` finding (the first of the unit's findings). With the number rules off
    (``numbers_on`` false) the unit's numbers are still compared, for the signal only."""
    rules = {f.rule for f in findings}
    numbers = bool(rules & _NUMBER_RULES)
    if not numbers_on:
        from .numbers import check_numbers

        numbers = any(True for _f in check_numbers(unit))
    terms = bool(rules & (FOLDED_RULES - _NUMBER_RULES))
    if not numbers and sum(map(unit.source.count, "。！？")) < 2:  # the fast path: nothing can fire
        return findings
    why = is_partial(unit.source, unit.target, numbers=numbers, terms=terms)
    if why is None:
        return findings
    folded = tuple(f for f in findings if f.rule in FOLDED_RULES)
    inside = f" ({len(folded)} finding{'s' if len(folded) != 1 else ''} of the unit listed inside)" if folded else ""
    finding = replace(unit_finding(unit, PARTIAL_UNIT, source_term="", expected=(),
                                   message=f"the unit looks misaligned or truncated: {why}{inside}"),
                      folded=folded)
    return [finding, *(f for f in findings if f.rule not in FOLDED_RULES)]


FAMILY = register(Family("alignment", (PARTIAL_UNIT,)))
