"""The two records extraction passes around: an aligned pair in (:class:`TmPair`) and a term
pair out (:class:`TermPair`, with the statistics and example pairs that explain it)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


def term_data(term: TermPair) -> list[Any]:
    """``term`` as JSON data (a build keeps its term pairs whole, :mod:`aligner.cache.corpus`)."""
    return [term.zh, term.en, term.status.value, term.method, term.zh_count, term.en_count, term.both, term.dice,
            term.llr, term.dictionary, term.similarity, term.alignment,
            [[z.doc, z.line, e.doc, e.line] for z, e in term.examples], [[s.doc, s.line] for s in term.sources],
            list(term.variants), term.detail]


def term_from_data(data: list[Any]) -> TermPair:
    """The :class:`TermPair` :func:`term_data` made; ``ValueError``/``TypeError`` when it is not one."""
    (zh, en, status, method, zh_count, en_count, both, dice, llr, dictionary, similarity, alignment, examples,
     sources, variants, detail) = data
    texts, counts = (zh, en, method, dictionary, detail, *variants), (zh_count, en_count, both)
    if not all(isinstance(t, str) for t in texts) or not all(type(c) is int for c in counts):
        raise ValueError("a term pair's fields are not of their types")
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool)
               for x in (dice, llr, *(v for v in (similarity, alignment) if v is not None))):
        raise ValueError("a term pair's scores are not numbers")
    return TermPair(zh, en, TermStatus(status), method, zh_count, en_count, both, dice, llr, dictionary,
                    similarity, alignment,
                    tuple((_source(zd, zl), _source(ed, el)) for zd, zl, ed, el in examples),
                    tuple(_source(d, line) for d, line in sources), tuple(variants), detail)


def _source(doc: Any, line: Any) -> Source:
    if not isinstance(doc, str) or type(line) is not int:
        raise ValueError("a source is not (document, line)")
    return Source(doc, line)
