"""Personal names as the English text writes them, indexed by their reading.

A Chinese-only name (李飞飞) is translated by the form the English side actually uses
(``Fei-Fei Li``), not by textbook pinyin (``Li Feifei``), whenever the user's English has a
capitalised name whose syllables are the Chinese name's reading in either order, with or
without hyphens: ``Fei-Fei Li``, ``Li Fei-Fei``, ``LI Feifei``, ``Feifei Li``. The English
comes from the documents' English paragraphs (a supplied corpus/en file or an embedded
abstract) and from Latin runs inside the Chinese text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Document, Source
from .romanize import romanize_name

# A capitalised word, hyphenated or not, with a pinyin apostrophe or not (Fei-Fei, Kai-fu, LI, Zhan'ao).
_WORD = r"[A-Z][A-Za-z]*(?:['’][aoe][a-z]*)?(?:-[A-Za-z][a-z]*)?"  # not the 's of a possessive
_RUN_RE = re.compile(rf"{_WORD}(?:[ \u00a0]+{_WORD})+")


@dataclass(frozen=True)
class Sighting:
    """A name as written in the English, and where."""

    form: str
    source: Source


def key(text: str) -> tuple[str, ...]:
    """Case, hyphens and apostrophes set aside, syllable boundaries kept by token: the
    reading in order (``Fei-Fei Li`` -> ``("feifei", "li")``)."""
    text = text.replace("-", "").replace("'", "").replace("’", "").casefold()
    text = text.replace("ü", "u").replace("yu", "u").replace("v", "u")
    return tuple(text.split())


class EnglishNames:
    """Every 2- and 3-word capitalised run of the English, looked up by reading."""

    def __init__(self, sightings: Iterable[Sighting] = ()) -> None:
        self._by_key: dict[tuple[str, ...], list[Sighting]] = {}
        for sighting in sightings:
            self._by_key.setdefault(key(sighting.form), []).append(sighting)

    def find(self, name: str, doc: str = "") -> Sighting | None:
        """The English form of the Chinese personal name ``name``, if the English writes it.

        A sighting in document ``doc`` wins over one elsewhere; among equals the most
        frequent form, then the first in document order, so the result is deterministic.
        """
        want = key(romanize_name(name))
        if len(want) < 2:
            return None
        found = self._by_key.get(want, []) + self._by_key.get(tuple(reversed(want)), [])
        if not found:
            return None
        local = [s for s in found if s.source.doc == doc] or found
        counts: dict[str, int] = {}
        first: dict[str, Sighting] = {}
        for s in sorted(local, key=lambda s: s.source):
            counts[s.form] = counts.get(s.form, 0) + 1
            first.setdefault(s.form, s)
        best = min(counts, key=lambda form: (-counts[form], first[form].source, form))
        return first[best]


def capitalised_runs(text: str) -> Iterable[tuple[int, str]]:
    """Every window of 2 or 3 consecutive capitalised words, with its offset."""
    for run in _RUN_RE.finditer(text):
        words = list(re.finditer(r"\S+", run.group(0)))
        for size in (2, 3):
            for i in range(len(words) - size + 1):
                start, end = words[i].start(), words[i + size - 1].end()
                yield run.start() + start, run.group(0)[start:end]


def english_names(docs: Sequence[Document]) -> EnglishNames:
    """The name index of every document's English, and of Latin runs in its Chinese."""
    sightings: list[Sighting] = []
    for doc in docs:
        for paragraph in [*doc.en, *doc.zh]:
            for offset, form in capitalised_runs(paragraph.text):
                sightings.append(Sighting(re.sub(r"\s+", " ", form), Source(doc.stem, paragraph.line_at(offset))))
    return EnglishNames(sightings)
