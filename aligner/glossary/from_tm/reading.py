"""What one pair gives on its own, and the index of the corpus built from those readings.

Why a module of its own: a build reads each pair in its document's worker (a pure function
of the pair and the glossary's mask: candidates, CC-CEDICT renderings, bracket glosses,
acronym definitions, the words after an article) and caches it (:mod:`aligner.build_readings`);
:func:`index` then reduces the readings over the corpus (counts, the IBM-1 model, the
acronyms' full forms) into what :mod:`.pairing` decides from.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...han import HAN
from .acronyms import definitions, expansions
from .brackets import Gloss, bracket_glosses
from .candidates import EN_STOP, ZH_STOP, Span, _tagged, en_candidates, en_key, zh_candidates
from .ibm1 import Model, train
from .senses import cover, may_cover, pieces_roots, token_positions, zh_pieces
from .terms import TmPair


@dataclass(frozen=True)
class _English:
    """One pair's English, read once: its candidate spans (form key, text, (token, keys)
    of each word) and every key of its words (:func:`.senses.keys`)."""

    spans: tuple[tuple[str, str, tuple[tuple[str, frozenset[str]], ...]], ...]
    roots: frozenset[str]
    nouns: frozenset[str] = frozenset()  # form keys of spans right after an article: used as nouns


@dataclass(frozen=True)
class PairReading:
    """What extraction reads of one pair, whatever the other pairs hold: the unit of work a
    build does per document, next to the alignment (see :mod:`aligner.build_readings`).

    ``zh``: each Chinese candidate (sorted), its jieba words, and the CC-CEDICT rendering
    (:func:`rendering`) of those words in this pair's English; ``rendered`` False when the
    rendering was not looked up (it is then looked up when asked). ``en``: (form key, form
    as written) of each English candidate span, in order. ``bitext``: the words IBM-1 reads."""

    words: int  # jieba words of the source (the corpus size termhood divides by)
    zh: tuple[tuple[str, tuple[str, ...], tuple[str, str, str] | None], ...]
    en: tuple[tuple[str, str], ...]
    bitext: tuple[tuple[str, ...], tuple[str, ...]]
    rendered: bool = False
    glosses: tuple[Gloss, ...] = ()  # bracket glosses the pair's English confirms (masked source)
    nouns: frozenset[str] = frozenset()  # form keys of English spans right after an article
    defined: tuple[tuple[str, str], ...] = ()  # (acronym, full form) the English defines


def read_pair(pair: TmPair, mask: re.Pattern[str] | None, renderings: bool = False,
              like: PairReading | None = None) -> PairReading:
    """One pair's candidates, English forms and IBM-1 words; ``renderings``: look up the
    CC-CEDICT rendering of every candidate now (a build's worker does, for its document).
    ``like``: the pair's reading under another mask, whose English, words and renderings
    (those of the same candidate with the same words) hold under this one too."""
    return _read(pair, mask, renderings, like)[0]


def _read(pair: TmPair, mask: re.Pattern[str] | None, renderings: bool = False,
          like: PairReading | None = None) -> tuple[PairReading, _English | None]:
    """:func:`read_pair`, and the English as :func:`rendering` reads it (None after ``like``):
    the spans are found once for both."""
    source = mask.sub(lambda m: "\u3000" * len(m.group()), pair.source) if mask else pair.source
    spans = {s.text: s.words for s in zh_candidates(source)}
    if like is not None:
        done = {(text, words): found for text, words, found in like.zh} if like.rendered else {}
        english: _English | None = None
        zh = []
        for text in sorted(spans):
            found = done.get((text, spans[text]), _UNREAD)
            if found is _UNREAD and like.rendered:
                english = english or _english(pair.target)
                found = rendering(spans[text], english)
            zh.append((text, spans[text], None if found is _UNREAD else found))
        return PairReading(like.words, tuple(zh), like.en, like.bitext, like.rendered,
                           bracket_glosses(source, pair.target), like.nouns, like.defined), None
    found = en_candidates(pair.target)
    english = _english(pair.target, found)
    zh = tuple((text, spans[text], rendering(spans[text], english) if renderings else None)
               for text in sorted(spans))
    en = []
    nouns = set()
    for span, (key, _, _) in zip(found, english.spans):
        en.append((key, _unstarted(span.text) if span.start == found[0].start else span.text))
        if _after_article(pair.target, span.start):
            nouns.add(key)
    tagged = _tagged(pair.source)
    bitext = (tuple(w for w, _ in tagged if _HAN_WORD.match(w) and w not in ZH_STOP),
              tuple(en_key(w) for w in _EN_WORD.findall(pair.target) if w.lower() not in EN_STOP))
    return PairReading(len(tagged), zh, tuple(en), bitext, renderings, bracket_glosses(source, pair.target),
                       frozenset(nouns), definitions(pair.target)), english


_UNREAD: Any = object()


def _english(target: str, found: Sequence[Span] | None = None) -> _English:
    """``found``: :func:`.candidates.en_candidates` of ``target``, when the caller has them."""
    if found is None:
        found = en_candidates(target)
    words = token_positions(target)
    starts = [at for at, _ in words]
    roots = frozenset().union(*(k for _, (_, k) in words))
    # a candidate span starts and ends at a word's edge: its words are a slice of the sentence's
    return _English(tuple((en_key(s.text), s.text, tuple(w for _, w in
                                                         words[bisect_left(starts, s.start):bisect_left(starts, s.end)]))
                          for s in found), roots)


@dataclass
class PairIndex:
    """The corpus index :func:`index` builds from the pairs' readings; what
    :mod:`.pairing` decides from."""

    pairs: Sequence[TmPair]
    zh_pairs: dict[str, list[int]]
    en_pairs: dict[str, set[int]]
    en_forms: dict[str, Counter[str]]
    zh_words: int
    readings: list[PairReading] = field(default_factory=list)
    en_keys: list[frozenset[str]] = field(default_factory=list)  # each pair's English form keys
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # each candidate's jieba words
    model: Model | None = None  # IBM-1 trained on the pairs (see :mod:`.ibm1`)
    brackets: dict[str, list[tuple[int, Gloss]]] = field(default_factory=dict)  # zh -> (pair, gloss)
    acronyms: dict[str, str] = field(default_factory=dict)  # acronym the English defines -> full form
    bracket_english: dict[str, set[str]] = field(default_factory=dict)  # a bracket's English key -> its Chinese
    _english: dict[int, _English] = field(default_factory=dict)  # read when a rendering is looked up

    def rendering(self, k: int, zh: str, words: tuple[str, ...]) -> tuple[str, str, str] | None:
        """:func:`rendering` of ``words`` in pair ``k``: as the pair's reading found it when it
        looked it up with the same words, else looked up now."""
        reading = self.readings[k]
        if reading.rendered:
            for text, own, found in reading.zh:
                if text == zh and own == words:
                    return found
        if k not in self._english:
            self._english[k] = _english(self.pairs[k].target)
        return rendering(words, self._english[k])


def index(pairs: Sequence[TmPair], known: Sequence[str] = (), alignment: bool = True,
          brackets: bool = True, readings: Callable[[TmPair], PairReading | None] | None = None) -> PairIndex:
    """Candidates of every pair. The glossary's own Chinese terms (``known``) are masked in
    the source first, so a part of one (大模型 in 开源大模型) is a candidate only where it
    stands alone. ``readings`` gives a pair's reading made earlier under the same mask
    (:func:`read_pair`), or None: it is read here."""
    zh_pairs: dict[str, list[int]] = defaultdict(list)
    en_pairs: dict[str, set[int]] = defaultdict(set)
    en_forms: dict[str, Counter[str]] = defaultdict(Counter)
    words: dict[str, tuple[str, ...]] = {}
    read: list[PairReading] = []
    en_keys: list[frozenset[str]] = []
    count = 0
    mask = _mask(known)
    glossed: dict[str, list[tuple[int, Gloss]]] = defaultdict(list)
    defined: list[tuple[str, str]] = []
    englishes: dict[int, _English] = {}
    for k, pair in enumerate(pairs):
        reading = readings(pair) if readings is not None else None
        if reading is None:
            reading, english = _read(pair, mask)
            if english is not None:
                englishes[k] = english  # pairing looks up renderings in nearly every pair
        read.append(reading)
        count += reading.words
        defined.extend(reading.defined)
        spans = {text: own for text, own, _ in reading.zh}
        for gloss in reading.glosses if brackets else ():
            glossed[gloss.zh].append((k, gloss))
            spans.setdefault(gloss.zh, ())
        for zh in sorted(spans):
            zh_pairs[zh].append(k)
            if spans[zh]:
                words.setdefault(zh, spans[zh])
        for key, form in reading.en:
            en_pairs[key].add(k)
            en_forms[key][form] += 1
        en_keys.append(frozenset(key for key, _ in reading.en))
    model = train([r.bitext for r in read]) if alignment else None
    return PairIndex(pairs, dict(zh_pairs), dict(en_pairs), dict(en_forms), count, read, en_keys, words, model,
                  dict(glossed), expansions(defined), _bracket_english(glossed), englishes)


def _bracket_english(brackets: dict[str, list[tuple[int, Gloss]]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for zh, glosses in brackets.items():
        for _, gloss in glosses:
            for form in (gloss.en, *gloss.variants):
                out[en_key(form)].add(zh)
    return dict(out)


def mask_forms(known: Sequence[str]) -> list[str]:
    """The forms of ``known`` that :func:`_mask` masks, longest first."""
    return sorted({k for k in known if len(k) >= 2 and _HAN.search(k)}, key=lambda k: (-len(k), k))


def _mask(known: Sequence[str]) -> re.Pattern[str] | None:
    forms = mask_forms(known)
    return re.compile("|".join(map(re.escape, forms))) if forms else None


_HAN = re.compile(rf"[{HAN}]")
_HAN_WORD = re.compile(rf"^[{HAN}]+$")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
#: Articles and possessives: the word after one is used as a noun ("the input").
_ARTICLES = frozenset("the a an its their our your each every".split())
_PREVIOUS = re.compile(r"([A-Za-z]+) +$")


def _after_article(text: str, start: int) -> bool:
    """The word before ``start`` (spaces between) is an article or a possessive."""
    before = _PREVIOUS.search(text, max(0, start - 12), start)
    if before is None or (before.start() > 0 and text[before.start() - 1].isalpha()):
        return False
    return before.group(1).lower() in _ARTICLES


def _unstarted(text: str) -> str:
    """A phrase at the start of a sentence without the sentence's capital ("Artificial
    intelligence is" → "artificial intelligence"); a one-word phrase, or one with another
    capital (Silicon Valley), keeps it: it may be a name."""
    words = text.split()
    if len(words) > 1 and words[0][:1].isupper() and words[0][1:].islower() and all(w.islower() for w in words[1:]):
        return text[0].lower() + text[1:]
    return text


def rendering(zh_words: tuple[str, ...], english: _English) -> tuple[str, str, str] | None:
    """(form key, text, evidence) of the longest English candidate of one pair that
    CC-CEDICT accounts for as the Chinese words; None when none does or two as long do."""
    pieces = zh_pieces(zh_words)
    if not may_cover(pieces, english.roots):
        return None
    linked = pieces_roots(zh_words)
    best: list[tuple[int, str, str, str]] = []
    for key, text, tokens in english.spans:
        if any(own.isdisjoint(linked) for _, own in tokens):
            continue  # a word no piece renders: :func:`.senses.cover` would say no
        why = cover(pieces, tokens)
        if why is not None:
            best.append((len(tokens), key, text, why))
    if not best:
        return None
    best.sort(key=lambda b: (-b[0], b[1]))
    if len(best) > 1 and best[1][0] == best[0][0] and best[1][1] != best[0][1]:
        return None  # two renderings as long: ambiguous
    return best[0][1], best[0][2], best[0][3]
