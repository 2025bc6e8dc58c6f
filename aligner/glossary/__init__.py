"""Terminology extraction: zh/en term pairs from the documents themselves.

Public API::

    extract_terms(docs) -> list[TermEntry]     # sorted, deterministic, order-independent
    extract(docs) -> Extraction                # the same, with counts of what was seen
    find_conflicts(entries) -> list[Conflict]  # one form, several renderings
    merge(ours, theirs) -> MergeResult         # the user's entries win

Each evidence type has its own module: :mod:`.paren_pairs` (brackets), :mod:`.bilingual`
(key words, authors), :mod:`.front_matter`, :mod:`.latin` (keep-as-is), :mod:`.names`
(pinyin for Chinese-only names). :mod:`.boundary` finds where a Chinese term begins.
"""
from __future__ import annotations

from .candidate import Evidence
from .conflicts import Conflict, find_conflicts
from .extract import Extraction, extract, extract_terms
from .merge import Difference, MergeResult, merge
from .romanize import romanize_name

__all__ = [
    "Conflict",
    "Difference",
    "Evidence",
    "Extraction",
    "MergeResult",
    "extract",
    "extract_terms",
    "find_conflicts",
    "merge",
    "romanize_name",
]
