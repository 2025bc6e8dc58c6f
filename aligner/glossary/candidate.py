"""The internal record each evidence module emits, before occurrences are grouped."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Source, TermKind, TermStatus


class Evidence:
    """How a pair was found; the values are what ``TermEntry.evidence`` holds."""

    PAREN = "paren"
    KEYWORDS = "keywords"
    AUTHORS = "authors"
    FRONT_MATTER = "front-matter"
    LATIN = "latin"
    PINYIN = "pinyin"
    # A Chinese-only name whose reading matches a name written in the English text
    # (李飞飞 / "Fei-Fei Li"): attested, both forms are the documents' own.
    ENGLISH_NAME = "english-name"

    ALL = (PAREN, KEYWORDS, AUTHORS, FRONT_MATTER, LATIN, ENGLISH_NAME, PINYIN)


@dataclass
class Candidate:
    """One sighting of a zh/en pair at one source line."""

    zh: str
    en: str
    evidence: str
    source: Source
    kind: TermKind | None = None  # None: let the kind classifier decide
    definition: str = ""
    variants: tuple[str, ...] = ()
    keep_as_is: bool = False
    status: TermStatus = TermStatus.ATTESTED
    cue: str = ""  # which boundary cue chose the zh form
    context_kind: TermKind | None = None  # what the surrounding words say it is (Scale AI公司)
    context: str = ""  # the text this sighting's term ends, where a longer boundary could start
