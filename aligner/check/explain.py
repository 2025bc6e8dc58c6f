"""Which words of a target no word of its source explains (a per-unit lexical test).

A term's miss in a clean TM whose English is the original is mostly a free rendering: the
English words the term's meaning with other words, or leaves it to the context. A
mistranslated term puts a word in its place that is no sense of the term, nor of any other
word of the source. :meth:`Explainer.unexplained` lists the target's content words that
nothing in the source accounts for:

* a sense word of a CC-CEDICT headword found anywhere in the source (every substring of one
  to four characters that is a headword, so a wrong cut costs nothing), compared by English
  family (:func:`aligner.check.derivation.family_stem`: faster ~ fast, stories ~ story);
* the English of a glossary term found in the source;
* a Latin word the source has itself (a name, code).

Function words and very common words (:data:`COMMON`) explain themselves. With
:class:`Links` (the TM's own co-occurrence counts), a target word is also explained by a
source headword (two characters or more, not the term being checked) that the TM pairs with
it: in :data:`LINK_MIN` units or more, Dice :data:`LINK_DICE` or more.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..glossary.pair_words import STOP
from .derivation import dictionary_words, family_stem
from .related import sentence_window
from .terms import Hit, TermIndex, fold_target

_WORD = re.compile(r"[A-Za-z]+")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
#: the longest CC-CEDICT headword looked up in the source
_LONGEST = 4
#: words any sentence may have without a source word for them (auxiliaries, determiners,
#: pronouns, discourse words): never counted as unexplained
COMMON = STOP | frozenset("""the this that these those there their they them then than what
which when where with from into onto over under about also only just more most much many such
some each every other others another both either have has had does did done doing will would
could should might must can may been being were your here very even same used uses using
like make makes made let lets get gets got way ways thing things one ones two first new
well still yet however thus therefore because since while although though whether
something anything nothing everything someone anyone often usually typically generally
really quite rather instead already again ever never always now today lot lots""".split())
#: shorter words are left alone (an, of, go: too often a sense of something)
_MIN_LETTERS = 3


@lru_cache(maxsize=65536)
def _sense_stems(headword: str) -> frozenset[str]:
    """Family stems of the English words of ``headword``'s CC-CEDICT senses."""
    raw = dictionary_words().get(headword, "")
    stems = set()
    for sense in raw.split("/"):
        if sense.startswith(("CL:", "variant of", "old variant", "see ", "surname ")):
            continue
        for word in _WORD.findall(sense):
            if len(word) >= _MIN_LETTERS:
                stems.add(family_stem(word))
    return frozenset(stems)


def source_stems(source: str) -> frozenset[str]:
    """Family stems of every sense word of every CC-CEDICT headword in ``source`` and of its
    Latin words."""
    glosses = dictionary_words()
    stems: set[str] = set()
    for run in _HAN_RUN.finditer(source):
        text = run.group()
        for start in range(len(text)):
            for size in range(1, min(_LONGEST, len(text) - start) + 1):
                word = text[start:start + size]
                if word in glosses:
                    stems |= _sense_stems(word)
    stems.update(family_stem(w) for w in _WORD.findall(source))
    return frozenset(stems)


def _headwords(source: str, shortest: int = 1) -> set[str]:
    glosses = dictionary_words()
    found = set()
    for run in _HAN_RUN.finditer(source):
        text = run.group()
        for start in range(len(text)):
            for size in range(shortest, min(_LONGEST, len(text) - start) + 1):
                if text[start:start + size] in glosses:
                    found.add(text[start:start + size])
    return found


def _content(target: str) -> set[str]:
    return {family_stem(w) for w in _WORD.findall(target)
            if len(w) >= _MIN_LETTERS and w.lower() not in COMMON}


#: a pair the TM links: in this many units or more, and with this Dice coefficient or more
LINK_MIN = 2
LINK_DICE = 0.1


class Links:
    """Co-occurrence counts of the TM's source headwords (two characters or more) and target
    content-word stems, over its units."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.zh: Counter[str] = Counter()
        self.en: Counter[str] = Counter()
        self.both: Counter[tuple[str, str]] = Counter()
        for source, target in pairs:
            heads, stems = _headwords(source, 2), _content(target)
            self.zh.update(heads)
            self.en.update(stems)
            self.both.update((h, s) for h in heads for s in stems)

    def linked(self, head: str, stem: str) -> bool:
        both = self.both.get((head, stem), 0)
        return both >= LINK_MIN and 2 * both >= LINK_DICE * (self.zh[head] + self.en[stem])


class Explainer:
    """:meth:`unexplained` words of a target against one glossary's terms (and the TM's
    :class:`Links`, if given)."""

    def __init__(self, index: TermIndex | None = None, links: Links | None = None) -> None:
        self.index = index
        self.links = links

    def unexplained(self, source: str, target: str, window: tuple[int, int] | None = None,
                    term: str = "") -> list[str]:
        """The target's content words (in ``window``, ``[start, end)``, if given) that no
        word of the source explains (the TM's links of ``term`` itself not counted), in
        order, each once."""
        stems = set(source_stems(source))
        for hit in self.index.find(source) if self.index is not None else ():
            for form in hit.term.allowed:
                stems.update(family_stem(w) for w in _WORD.findall(form))
        low, high = window or (0, len(target))
        heads = _headwords(source, 2) if self.links is not None else set()
        out: dict[str, None] = {}
        for match in _WORD.finditer(fold_target(target)):
            word = match.group()
            if match.end() <= low or match.start() >= high or len(word) < _MIN_LETTERS:
                continue
            lower = word.lower()
            stem = family_stem(word)
            if lower in COMMON or stem in stems:
                continue
            if self.links is not None and any(
                    h != term and self.links.linked(h, stem) for h in heads):
                continue
            out[lower] = None
        return list(out)

    def unexplained_near(self, source: str, target: str, zh: str) -> list[str]:
        """:meth:`unexplained` in the part of the target that stands for the sentence of the
        source with the term ``zh`` (the whole target when the term is not found)."""
        if self.index is not None:
            hit: Hit | None = next((h for h in self.index.find(source) if h.term.zh == zh), None)
        else:
            at = source.find(zh)
            hit = Hit(at, at + len(zh), zh, None) if at >= 0 else None  # type: ignore[arg-type]
        return self.unexplained(source, target, sentence_window(source, target, hit), zh)


def free_rendering(source: str, target: str, zh: str) -> bool:
    """True when every content word of the target near the term ``zh`` (its sentence's
    part of the target) is explained by a word of the source (CC-CEDICT senses, the
    source's Latin words): the English words the term's meaning otherwise or leaves it to
    the context, with no word in its place that could be a wrong one."""
    return not Explainer().unexplained_near(source, target, zh)
