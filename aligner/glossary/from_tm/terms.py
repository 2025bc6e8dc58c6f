"""The two records extraction passes around: an aligned pair in (:class:`TmPair`) and a term
pair out (:class:`TermPair`, with the statistics and example pairs that explain it)."""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Source, TermStatus


@dataclass(frozen=True)
class TmPair:
    """One aligned pair and where both sides are."""

    source: str
    target: str
    zh: Source
    en: Source


@dataclass(frozen=True)
class TermPair:
    """A term pair found in the pairs, with the statistics and pairs that support it."""

    zh: str
    en: str
    status: TermStatus
    method: str  # "bracket", "dictionary", "alignment", "cooccurrence" or "embedding"
    zh_count: int  # pairs holding the Chinese
    en_count: int  # pairs holding the English
    both: int  # pairs holding both
    dice: float
    llr: float
    dictionary: str = ""  # the CC-CEDICT senses that account for the English
    similarity: float | None = None  # embedding cosine, when it decided between close options
    alignment: float | None = None  # IBM-1 phrase score (see :meth:`.ibm1.Model.phrase`)
    examples: tuple[tuple[Source, Source], ...] = ()  # (zh line, en line) of pairs holding both (first few)
    sources: tuple[Source, ...] = ()  # the Chinese lines of every pair holding both
    variants: tuple[str, ...] = ()  # other English forms the translators wrote (a bracket's abbreviation)
    detail: str = ""  # how a choice by embeddings was made (its score and margin, see :mod:`.sparse`)

    def reasons(self) -> str:
        """Why the pair was made, and the example pairs of both sides: what the glossary's
        evidence column (CSV), note (TBX) and field (JSON) carry."""
        why = [f"{self.both} of {self.zh_count} pairs", f"Dice {self.dice:.2f}", f"G2 {self.llr:.1f}"]
        if self.method == "bracket":
            why.insert(0, "written in brackets beside the Chinese")
        if self.dictionary:
            why.append(f"CC-CEDICT {self.dictionary}")
        if self.alignment is not None:
            why.append(f"IBM-1 {self.alignment:.2f}")
        if self.similarity is not None:
            why.append(f"embedding {self.similarity:.2f}")
        if self.detail:
            why.append(self.detail)
        seen = ", ".join(f"{z} (zh) / {e} (en)" for z, e in self.examples)
        return f"{'; '.join(why)}; seen {seen}"

    def explain(self) -> str:
        """Why the pair was made, in one line."""
        return f"{self.zh} = {self.en} [{self.status.value}, {self.method}]: {self.reasons()}"
