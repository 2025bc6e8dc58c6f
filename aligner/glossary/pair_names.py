"""Personal names learned from aligned pairs: 陈清扬 ↔ Chen Qingyang, as the English writes it.

A translation that keeps its characters' names consistent is what a translator checks
first, and the glossary of a novel or an interview has no brackets to find them in. An
aligned pair shows them: when the English of a confident pair has a capitalised name
(``Chen Qingyang``, ``Qingyang Chen``, ``Fei-Fei Li``) whose syllables are the pinyin of
a run of two to four Han characters of the Chinese that starts with a Chinese surname, the
run is that name and the English is how this translation writes it. Names the glossary
already has are left to :mod:`~aligner.glossary.from_pairs`.

The test is the reading itself, so a name is found only where the English romanises it; a
name translated by meaning (韦小宝 → Trinket) is not guessed.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..han import HAN
from ..model import Source, TermEntry, TermKind, TermStatus, TranslationUnit
from .en_names import capitalised_runs, key
from .from_pairs import MIN_SCORE
from .romanize import romanize_name
from .text import is_person_surname_start, norm_key

EVIDENCE = "aligned-name"
_HAN_RUN = re.compile(f"[{HAN}]{{2,}}")


@dataclass
class PairNames:
    """What reading the aligned pairs for names found."""

    pairs: int = 0  # pairs read (confidence at least ``min_score``)
    sightings: int = 0  # name occurrences found
    entries: list[TermEntry] = field(default_factory=list)  # new entries, sorted
    min_score: float = MIN_SCORE

    def summary(self) -> str:
        n = len(self.entries)
        return (f"{n} personal name{'s' * (n != 1)} learned from {self.pairs} aligned pairs "
                f"(confidence >= {self.min_score:g}): {self.sightings} occurrence{'s' * (self.sightings != 1)}")

    def to_dict(self) -> dict[str, Any]:
        return {"pairs": self.pairs, "sightings": self.sightings, "entries": len(self.entries),
                "min_score": self.min_score, "summary": self.summary()}


@lru_cache(maxsize=100_000)
def _reading(han: str) -> tuple[str, ...]:
    return key(romanize_name(han)) if is_person_surname_start(han) else ()


def names_in_pair(source: str, target: str) -> list[tuple[str, str]]:
    """(Chinese name, English form) for every romanised name of ``target`` found in ``source``."""
    wanted: dict[tuple[str, ...], str] = {}
    for _offset, form in capitalised_runs(target):
        form = " ".join(form.split())
        reading = key(form)
        if len(reading) >= 2:
            wanted.setdefault(reading, form)
            wanted.setdefault(tuple(reversed(reading)), form)
    if not wanted:
        return []
    found: dict[str, str] = {}
    for run in _HAN_RUN.finditer(source):
        text = run.group(0)
        for start in range(len(text)):
            for size in (4, 3, 2):  # the longest name wins: 欧阳娜娜 before 欧阳娜
                han = text[start:start + size]
                if len(han) == size and (form := wanted.get(_reading(han))) is not None:
                    found.setdefault(han, form)
                    break
    return sorted(found.items())


def names_from_pairs(entries: Sequence[TermEntry], units: Sequence[TranslationUnit], *,
                     min_score: float = MIN_SCORE,
                     found: Callable[[str, str], Sequence[tuple[str, str]] | None] | None = None) -> PairNames:
    """New person entries for names the aligned pairs romanise, the glossary's own left alone.

    Each entry is attested (the pair shows it), its sources are the Chinese lines it was seen
    on, and a name written two ways keeps the commoner as its English, the other as a variant.
    ``found(source, target)``: :func:`names_in_pair` of a pair as read before (a build's
    workers read their documents' pairs), or None: read here.
    """
    known = {norm_key(e.zh) for e in entries} | {norm_key(v) for e in entries for v in e.variants}
    result = PairNames(min_score=min_score)
    forms: dict[str, Counter[str]] = {}
    seen: dict[str, list[Source]] = {}
    for unit in sorted(units, key=lambda u: (u.doc, u.src_line or 0, u.tgt_line or 0, u.source, u.target)):
        if unit.score < min_score:
            continue
        result.pairs += 1
        read = found(unit.source, unit.target) if found is not None else None
        for han, form in names_in_pair(unit.source, unit.target) if read is None else read:
            if norm_key(han) in known:
                continue
            result.sightings += 1
            forms.setdefault(han, Counter())[form] += 1
            seen.setdefault(han, []).append(Source(unit.doc, unit.src_line or 0))
    for han in sorted(forms):
        ranked = sorted(forms[han], key=lambda f: (-forms[han][f], f))
        result.entries.append(TermEntry(
            zh=han, en=ranked[0], kind=TermKind.PERSON, sources=tuple(sorted(set(seen[han]))),
            status=TermStatus.ATTESTED, variants=tuple(ranked[1:]), evidence=EVIDENCE,
        ))
    return result
