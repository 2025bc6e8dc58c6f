"""Acronyms the aligned English defines, "solid state drives (SSDs)" or "RPM (revolutions
per minute)", so a Chinese term paired with the acronym gets the full form as its English
and the acronym as a variant (硬盘 = hard disk drive, also HDD).

Why: Chinese usually writes the full term (卷积神经网络) where the English, once it has
defined it, writes CNN; pairing by the pairs alone then gives the acronym, which a
termbase lists as the variant, not the term. The definitions are read per pair
(:func:`definitions`, a pure function of the English) and gathered over the corpus
(:func:`expansions`), the initials test after Schwartz and Hearst (2003), simplified.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_ACRONYM = r"[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*"
_BEFORE = re.compile(rf"((?:[A-Za-z][A-Za-z-]*[ \t]+){{1,8}})\((?:the[ \t]+)?({_ACRONYM})\)")
_AFTER = re.compile(rf"\b({_ACRONYM})[ \t]+\(((?:[A-Za-z][A-Za-z-]*[ \t]*){{2,8}})\)")
_SMALL = frozenset("of and the for in on to a an with per by at".split())


def bare(acronym: str) -> str:
    """The acronym without a plural s (SSDs → SSD)."""
    return acronym[:-1] if len(acronym) > 2 and acronym.endswith("s") and acronym[:-1].isupper() else acronym


def is_acronym(text: str) -> bool:
    """Two to eight characters, capitals (and digits) but for a plural s: SSD, HDDs, NVMe is not."""
    core = bare(text)
    return 2 <= len(core) <= 8 and " " not in core and core.isupper() and core[0].isalpha()


def _spells(words: list[str], acronym: str) -> str | None:
    """The shortest tail of ``words`` whose initials (hyphen parts too, small words
    optional) spell ``acronym``; None when none does."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0].lower() in _SMALL:
            continue
        if _match([w for w in tail], letters):
            return " ".join(tail)
    return None


def _match(words: list[str], letters: list[str]) -> bool:
    initials: list[tuple[str, bool]] = []  # (initial, optional)
    for word in words:
        parts = [p for p in word.split("-") if p]
        for part in parts:
            initials.append((part[0].upper(), part.lower() in _SMALL or part is not parts[0]))

    def walk(i: int, j: int) -> bool:
        if j == len(letters):
            return all(opt for _, opt in initials[i:])
        if i == len(initials):
            return False
        letter, optional = initials[i]
        if letter == letters[j] and walk(i + 1, j + 1):
            return True
        return optional and walk(i + 1, j)

    return walk(0, 0)


def definitions(english: str) -> tuple[tuple[str, str], ...]:
    """(acronym, full form) of every definition in one English sentence."""
    if "(" not in english:  # both patterns need a bracket; most sentences have none
        return ()
    out: list[tuple[str, str]] = []
    for match in _BEFORE.finditer(english):
        acronym = bare(match.group(2))
        full = _spells(match.group(1).split(), acronym)
        if full:
            out.append((acronym, full))
    for match in _AFTER.finditer(english):
        acronym = bare(match.group(1))
        words = match.group(2).split()
        if words and _match(words, [c for c in acronym.upper() if c.isalpha()]):
            out.append((acronym, " ".join(words)))
    return tuple(dict.fromkeys(out))


def expansions(found: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Acronym (upper case) → its commonest full form over the corpus (lower case unless
    the text capitalises it every time it is defined: Resource Acquisition Is Initialization)."""
    votes: dict[str, Counter[str]] = {}
    for acronym, full in found:
        votes.setdefault(acronym.upper(), Counter())[full] += 1
    out = {}
    for acronym, forms in votes.items():
        lowered = Counter()
        for form, n in forms.items():
            lowered[form.lower()] += n
        best = sorted(lowered, key=lambda f: (-lowered[f], f))[0]
        written = [f for f in forms if f.lower() == best]
        out[acronym] = best if any(f == f.lower() or not f.istitle() for f in written) else written[0]
    return out
