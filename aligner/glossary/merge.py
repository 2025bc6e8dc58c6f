"""Combine our extracted glossary with a user's own: the user's entries always win.

Entries are matched by their Chinese form (width, case and spacing aside). Where the user
has an entry, it is kept as the user wrote it, and if our English differs in any way a
translator would care about (spelling, spacing between words, capitals), our proposal is
reported, never applied. Our
entries for Chinese forms the user lacks are added; the user's other entries are kept.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import TermEntry
from .text import norm_key, tidy


@dataclass(frozen=True)
class Difference:
    """The user's entry for a Chinese form, and our differing proposal for it."""

    theirs: TermEntry
    ours: TermEntry

    def describe(self) -> str:
        return f"{self.theirs.zh}: kept yours '{self.theirs.en}'; we proposed '{self.ours.en}'"


@dataclass(frozen=True)
class MergeResult:
    entries: list[TermEntry]
    added: list[TermEntry] = field(default_factory=list)  # ours, new to the user's glossary
    kept: int = 0  # the user's entries, all kept
    differences: list[Difference] = field(default_factory=list)
    agreed: int = 0  # our entries the user already had with the same English


def merge(ours: Sequence[TermEntry], theirs: Sequence[TermEntry]) -> MergeResult:
    """The user's entries (``theirs``) plus ours for Chinese forms they lack, sorted."""
    theirs_by_zh: dict[str, list[TermEntry]] = {}
    for entry in theirs:
        theirs_by_zh.setdefault(norm_key(entry.zh), []).append(entry)
    added: list[TermEntry] = []
    differences: list[Difference] = []
    agreed = 0
    for entry in ours:
        user = theirs_by_zh.get(norm_key(entry.zh))
        if not user:
            added.append(entry)
            continue
        if any(tidy(u.en) == tidy(entry.en) for u in user):
            agreed += 1
        else:
            differences.append(Difference(user[0], entry))
    entries = sorted([*theirs, *added], key=lambda e: (e.zh, e.en, e.kind.value))
    differences.sort(key=lambda d: (d.theirs.zh, d.ours.en))
    return MergeResult(entries=entries, added=added, kept=len(theirs), differences=differences, agreed=agreed)
