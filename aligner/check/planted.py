"""Plant known errors into clean units, to measure what ``aligner check`` finds.

Each *planter* makes one kind of error a QA tool must catch (a number changed, a URL
altered, a tag dropped, a bracket left open, the source copied, a glossary term
mistranslated…) in a unit where that error can be made cleanly, and names the rule that
must report it. :func:`plant` spreads the kinds over the units (each unit gets at most one
error, deterministic: no randomness) and returns the planted units with the list of
expected findings, so a test or benchmark can assert that each is found with its rule id
(``tests/test_check_planted.py``, ``bench/check_realworld.py``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .rules.consistency import MIN_WORDS, _loose
from .rules.markup import _EMAIL_RE, _PLACEHOLDER_RE, _TAG_RE, _URL_RE, MATH_RE
from .rules.numerals_zh import source_numbers
from .terms import TermIndex, has_han
from .term_usage import SUMMARY_RULES
from .units import Unit


@dataclass(frozen=True)
class Planted:
    """One planted error: the kind, the rule that must report it, and where (``file``, unit
    refs: two for an error made of two units, the same target for different sources)."""

    kind: str
    rule: str
    file: str
    refs: tuple[str, ...]
    lines: tuple[int | None, ...] = ()  # the line of each ref, where known


_DIGITS = re.compile(r"(?<![\w.,/:{%$-])\d{1,6}(?![\w.,/:}$-])")
_QUOTES = re.compile("[\"“”‘’'「」『』]")
_BRACKETS = re.compile(r"[()\[\]{}（）【】《》〈〉<>]")


def _in_math(text: str, match: re.Match[str]) -> bool:
    """Inside TeX math ($…$), which the rules leave alone: a formula is copied as it is."""
    return "$" in text and any(m.start() <= match.start() < m.end() for m in MATH_RE.finditer(text))


def _prose(text: str) -> str:
    """The text without its TeX math: what the rules read."""
    return MATH_RE.sub(" ", text) if "$" in text else text


def _number(unit: Unit, _index: TermIndex | None) -> str | None:
    """A number the source has, written once in the target, changed by one (2024 → 2025)."""
    for match in _DIGITS.finditer(unit.target):
        if _in_math(unit.target, match):
            continue
        digits = match.group(0)
        if int(digits) < 2:
            continue  # a 1 changed hides behind "a"/"an", which the target reading counts as one
        if len(_DIGITS.findall(unit.target)) == len(set(_DIGITS.findall(unit.target))) \
                and re.search(rf"(?<!\d){digits}(?!\d)", _prose(unit.source)) \
                and any(int(digits) in values for _w, values, _m in source_numbers(unit.source)):
            changed = str(int(digits) + 1)
            if changed not in unit.source:
                return unit.target[:match.start()] + changed + unit.target[match.end():]
    return None


def _altered(pattern: re.Pattern[str], change: Callable[[str], str]):  # type: ignore[no-untyped-def]
    """A planter that alters the first item of ``pattern`` found in both source and target."""
    def planter(unit: Unit, _index: TermIndex | None) -> str | None:
        for match in pattern.finditer(unit.target):
            if _in_math(unit.target, match):
                continue
            if match.group(0) in _prose(unit.source) and unit.target.count(match.group(0)) == 1:
                return unit.target[:match.start()] + change(match.group(0)) + unit.target[match.end():]
        return None
    return planter


def _url(url: str) -> str:
    return url.rstrip("/") + "/old"


def _email(address: str) -> str:
    user, _at, host = address.partition("@")
    return f"{user}x@{host}"


def _placeholder(item: str) -> str:
    digit = re.search(r"\d", item)
    if digit:
        return item[:digit.start()] + str((int(digit.group(0)) + 1) % 10) + item[digit.end():]
    return item.replace("s", "d", 1) if item.startswith("%") else item.replace("}", "_old}", 1)


def _tag(unit: Unit, _index: TermIndex | None) -> str | None:
    """A text tag of the source dropped from the target."""
    for match in _TAG_RE.finditer(unit.target):
        if match.group(0) in _prose(unit.source) and not _in_math(unit.target, match) \
                and unit.target.count(match.group(0)) == unit.source.count(match.group(0)):
            rest = unit.target[:match.start()] + unit.target[match.end():]
            if rest.strip():  # a target of only the tag would become untranslated
                return rest
    return None


def _words(unit: Unit) -> list[str]:
    return unit.target.split(" ")


def _bracket(unit: Unit, _index: TermIndex | None) -> str | None:
    """An opening parenthesis never closed, in a target without brackets."""
    words = _words(unit)
    if len(words) < 3 or _BRACKETS.search(unit.target) or _BRACKETS.search(unit.source):
        return None
    return " ".join([words[0], "(" + words[1], *words[2:]])


def _quote(unit: Unit, _index: TermIndex | None) -> str | None:
    """An opening quotation mark never closed, in a target without quotes."""
    words = _words(unit)
    if len(words) < 3 or _QUOTES.search(unit.target) or _QUOTES.search(unit.source):
        return None
    return " ".join([words[0], "“" + words[1], *words[2:]])


def _double(unit: Unit, _index: TermIndex | None) -> str | None:
    if " " not in unit.target.strip() or "  " in unit.source or "  " in unit.target:
        return None
    return unit.target.replace(" ", "  ", 1)


def _edge(unit: Unit, _index: TermIndex | None) -> str | None:
    if unit.source[-1:].isspace() or unit.target[-1:].isspace():
        return None
    return unit.target + " "


def _untranslated(unit: Unit, _index: TermIndex | None) -> str | None:
    return ""


def _copied(unit: Unit, _index: TermIndex | None) -> str | None:
    return unit.source if has_han(unit.source) else None


def _term(unit: Unit, index: TermIndex | None) -> str | None:
    """Every allowed English form of a glossary term of the source replaced by a wrong word."""
    if index is None:
        return None
    for hit in index.find(unit.source):
        term = hit.term
        if term.keep_as_is or term.proposed or not term.allowed \
                or not term.allowed_re.search(unit.target):
            continue
        changed = term.allowed_re.sub("gizmo", unit.target)
        if not term.allowed_re.search(changed):
            return changed
    return None


#: kind → (rule that must report it, planter); the same-target kind is planted on two units
PLANTERS: dict[str, tuple[str, Callable[[Unit, TermIndex | None], str | None]]] = {
    "number changed": ("number-mismatch", _number),
    "URL altered": ("url-mismatch", _altered(_URL_RE, _url)),
    "e-mail address altered": ("email-mismatch", _altered(_EMAIL_RE, _email)),
    "placeholder altered": ("placeholder-mismatch", _altered(_PLACEHOLDER_RE, _placeholder)),
    "tag dropped": ("tag-mismatch", _tag),
    "unpaired bracket": ("unpaired-bracket", _bracket),
    "unpaired quote": ("unpaired-quote", _quote),
    "double space": ("double-space", _double),
    "trailing whitespace": ("edge-whitespace", _edge),
    "untranslated": ("untranslated", _untranslated),
    "source copied": ("source-copied", _copied),
    "glossary term mistranslated": ("missing-term", _term),
}
SAME_TARGET = ("same target for different sources", "inconsistent-source")


def plant(units: Sequence[Unit], index: TermIndex | None = None, *,
          per_kind: int = 1) -> tuple[list[Unit], list[Planted]]:
    """``units`` with up to ``per_kind`` errors of every kind planted (each in its own unit,
    the first units that allow it, kinds taking turns), and the findings that must follow."""
    out = list(units)
    used: set[int] = set()
    planted: list[Planted] = []
    candidates = [i for i, u in enumerate(out) if u.source.strip() and u.target.strip()]
    for _round in range(per_kind):
        for kind, (rule, planter) in PLANTERS.items():
            for i in candidates:
                if i in used:
                    continue
                changed = planter(out[i], index)
                if changed is None or changed == out[i].target:
                    continue
                out[i] = replace(out[i], target=changed)
                used.add(i)
                planted.append(Planted(kind, rule, out[i].file, (out[i].ref,), (out[i].line,)))
                break
        # the same target for two different sources: a long target copied onto another unit
        # whose source and target are both unique in the file
        targets = Counter(" ".join(u.target.split()) for u in out)
        sources = Counter(_loose(u.source) for u in out)
        free = [i for i in candidates if i not in used and len(out[i].target.split()) >= MIN_WORDS
                and targets[" ".join(out[i].target.split())] == 1 and sources[_loose(out[i].source)] == 1]
        if len(free) >= 2:
            a, b = free[0], free[1]
            out[b] = replace(out[b], target=out[a].target)
            used |= {a, b}
            planted.append(Planted(SAME_TARGET[0], SAME_TARGET[1], out[a].file,
                                   (out[a].ref, out[b].ref), (out[a].line, out[b].line)))
    return out, planted


def found(planted: Sequence[Planted], findings: Sequence) -> list[bool]:  # type: ignore[type-arg]
    """For each planted error, whether a finding of its rule names its unit. A missing term
    also counts as found when a ``term-rarely-used`` finding lists its unit among those it
    stands for (the term is one the TM renders otherwise in most units), or when a
    ``missing-term-unconfirmed`` finding names it (the entry was extracted and the TM does
    not confirm it; see :mod:`aligner.check.term_usage`): :func:`found_how` tells them apart."""
    return [how is not None for how in found_how(planted, findings)]


def found_how(planted: Sequence[Planted], findings: Sequence) -> list[str | None]:  # type: ignore[type-arg]
    """For each planted error: ``"unit"`` (a finding of its rule names the unit),
    ``"term"`` (a ``term-rarely-used`` or ``term-varies`` finding lists it), ``"partial"`` (a
    ``partial-unit`` finding names the unit and lists the finding inside), ``"unconfirmed"`` (a
    ``missing-term-unconfirmed`` finding names it: listed only when that rule is on, counted
    otherwise) or None (not found)."""
    seen = {(f.file, f.unit, f.rule) for f in findings}
    inside = {(f.file, f.unit, g.rule) for f in findings for g in f.folded}  # partial-unit
    listed = {at for f in findings if f.rule in SUMMARY_RULES for _label, ats in f.variants
              for at in ats}
    out: list[str | None] = []
    for p in planted:
        if any((p.file, ref, p.rule) in seen for ref in p.refs):
            out.append("unit")
        elif any((p.file, ref, p.rule) in inside for ref in p.refs):
            out.append("partial")
        elif p.rule == "missing-term" and any(
                f"{p.file}:{line}" in listed for line in p.lines if line):
            out.append("term")
        elif p.rule == "missing-term" and any(
                (p.file, ref, "missing-term-unconfirmed") in seen for ref in p.refs):
            out.append("unconfirmed")
        else:
            out.append(None)
    return out
