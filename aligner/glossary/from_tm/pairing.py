"""For each Chinese candidate, the English phrase of the same pairs that renders it.

Evidence, tried in this order:

* **A bracket gloss** the pair's English confirms (:mod:`.brackets`): attested from one pair.
* **CC-CEDICT**: in a pair holding the candidate, an English span that the dictionary
  accounts for word by word (the same test that learns variants, see
  :func:`aligner.glossary.from_pairs.find_rendering`). One such pair is enough to propose
  the pair; seen in two or more pairs it is attested.
* **Co-occurrence**: over all pairs, the English phrase with the highest Dice coefficient
  with the candidate (at least three shared pairs, Dice at least :data:`MIN_DICE`, G² at
  least :data:`MIN_LLR`); when
  several are close, the one whose sentence embedding is nearest the Chinese wins.
  Consistent co-occurrence (three shared pairs, Dice at least :data:`STRONG_DICE`) is
  attested; anything weaker is proposed.

Generic words never become terms: a one-word candidate must be far more frequent in the
corpus than in general Chinese (:func:`.candidates.termhood`), and a candidate seen only
inside one longer accepted term is that term's part, not a term (C-value's nesting rule).
An acronym the English defines is written in full (:mod:`.acronyms`).

:func:`index` reads each pair on its own (candidates, bracket glosses, acronym definitions,
the words after an article: a pure function of the pair) and then reduces them over the
corpus (counts, the IBM-1 model, the acronyms' full forms); :func:`pair_term` decides.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ...model import Source, TermStatus
from ...script import lookup_form
from ..text import singular
from .candidates import EN_STOP, NOUNISH, ZH_STOP, _tag_table, _tagged, compound, en_candidates, en_key, general_word, termhood, zh_candidates
from .acronyms import bare, definitions, expansions, is_acronym
from .brackets import Gloss, bracket_glosses
from .ibm1 import Model, train
from .senses import cover, may_cover, token_keys, zh_pieces
from .stats import dice, log_likelihood
from .terms import TermPair, TmPair

MIN_DICE = 0.75
#: Shared pairs, and G² (p < 0.001), co-occurrence alone needs: two pairs are chance.
MIN_COOCCUR = 3
MIN_LLR = 10.83
STRONG_DICE = 0.8
#: log rate ratio a one-word candidate needs against jieba's general-language frequency.
MIN_TERMHOOD = 3.0
#: Pairs a common word (see :func:`.candidates.general_word`) must occur in before its
#: frequency or its consistent rendering can say it is this text's term (数据 in a
#: data-science book, not 技术 in an abstract).
GENERAL_MIN_PAIRS = 5
#: Share of a common word's pairs its one rendering must hold (分类 = classification in most
#: of its pairs; 问题 has no one rendering), and the share that attests it.
GENERAL_SHARE = 0.5
GENERAL_ATTESTED_SHARE = 2 / 3
#: Endings of an English noun made from a verb (regression, training, agreement).
NOMINALISED = ("tion", "sion", "ment", "ance", "ence", "ity", "ness", "ism", "ing", "age", "ure", "sis")
#: IBM-1 phrase score an alignment needs, and the score, Dice and shared pairs that attest it.
MIN_ALIGN = 0.5
MIN_ALIGN_PAIRS = 2
STRONG_ALIGN = 0.6
MIN_ALIGN_DICE = 0.5
#: Dice scores this close to the best are decided by embedding similarity.
CLOSE = 0.1
#: Pairs a candidate is looked up in CC-CEDICT in (the first ones, in sorted order).
DICTIONARY_TRIES = 32


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
                           bracket_glosses(source, pair.target), like.nouns, like.defined)
    english = _english(pair.target) if renderings else None
    zh = tuple((text, spans[text], rendering(spans[text], english) if english is not None else None)
               for text in sorted(spans))
    en = []
    nouns = set()
    found = en_candidates(pair.target)
    for span in found:
        key = en_key(span.text)
        en.append((key, _unstarted(span.text) if span.start == found[0].start else span.text))
        if _after_article(pair.target, span.start):
            nouns.add(key)
    tagged = _tagged(pair.source)
    bitext = (tuple(w for w, _ in tagged if _HAN_WORD.match(w) and w not in ZH_STOP),
              tuple(en_key(w) for w in _EN_WORD.findall(pair.target) if w.lower() not in EN_STOP))
    return PairReading(len(tagged), zh, tuple(en), bitext, renderings, bracket_glosses(source, pair.target),
                       frozenset(nouns), definitions(pair.target))


_UNREAD: Any = object()


def _english(target: str) -> _English:
    roots = frozenset().union(*(k for _, k in token_keys(target)))
    return _English(tuple((en_key(s.text), s.text, token_keys(s.text)) for s in en_candidates(target)), roots)


@dataclass
class _Index:
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
          brackets: bool = True, readings: Callable[[TmPair], PairReading | None] | None = None) -> _Index:
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
    for k, pair in enumerate(pairs):
        reading = (readings(pair) if readings is not None else None) or read_pair(pair, mask)
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
    return _Index(pairs, dict(zh_pairs), dict(en_pairs), dict(en_forms), count, read, en_keys, words, model,
                  dict(glossed), expansions(defined), _bracket_english(glossed))


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


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")
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


def display_form(forms: Counter[str]) -> str:
    """The surface form to show: lower case when the text ever writes it so (a capital at
    a sentence start is not the term's), else the commonest."""
    ranked = sorted(forms, key=lambda f: (-forms[f], f))
    lower = [f for f in ranked if f == f.lower()]
    return lower[0] if lower else ranked[0]


def rendering(zh_words: tuple[str, ...], english: _English) -> tuple[str, str, str] | None:
    """(form key, text, evidence) of the longest English candidate of one pair that
    CC-CEDICT accounts for as the Chinese words; None when none does or two as long do."""
    pieces = zh_pieces(zh_words)
    if not may_cover(pieces, english.roots):
        return None
    best: list[tuple[int, str, str, str]] = []
    for key, text, tokens in english.spans:
        why = cover(pieces, tokens)
        if why is not None:
            best.append((len(tokens), key, text, why))
    if not best:
        return None
    best.sort(key=lambda b: (-b[0], b[1]))
    if len(best) > 1 and best[1][0] == best[0][0] and best[1][1] != best[0][1]:
        return None  # two renderings as long: ambiguous
    return best[0][1], best[0][2], best[0][3]


def pair_term(zh: str, idx: _Index, similarity: Callable[[str, list[str]], list[float]] | None,
              max_examples: int, dictionary: bool = True) -> TermPair | None:
    """The English for ``zh`` (see :func:`_pair_term`), an acronym the English defines
    written in full (硬盘 = hard disk drive, also HDD)."""
    found = _pair_term(zh, idx, similarity, max_examples, dictionary)
    if found is not None and found.method != "bracket" and _fragment(zh, found.en, idx):
        return None
    if found is None or not is_acronym(found.en) or bare(found.en).upper() not in idx.acronyms:
        return found
    full = singular(idx.acronyms[bare(found.en).upper()])
    if len(zh) < 2 or en_key(full) == en_key(found.en):
        return found
    return replace(found, en=full, variants=tuple(dict.fromkeys((bare(found.en), *found.variants))))


def _fragment(zh: str, en: str, idx: _Index) -> bool:
    """The translators wrote this English in brackets beside a longer Chinese form holding
    ``zh`` (固态驱动器（SSD）): ``zh`` paired with it is a fragment of that term (驱动器 = SSD)."""
    keys = {en_key(en), en_key(bare(en))}
    full = idx.acronyms.get(bare(en).upper())
    if full:
        keys.add(en_key(full))
    return any(zh in other and zh != other for key in keys for other in idx.bracket_english.get(key, ()))


def _pair_term(zh: str, idx: _Index, similarity: Callable[[str, list[str]], list[float]] | None,
               max_examples: int, dictionary: bool = True) -> TermPair | None:
    """The English for ``zh`` (None when no evidence is strong enough): CC-CEDICT first,
    then the IBM-1 model, then co-occurrence alone.

    A word of everyday Chinese (jieba's dictionary counts it common, or one character) is
    a term only when this text uses it far more than general Chinese does
    (:func:`.candidates.termhood`) or its translators render it one way: the same English
    in half of its pairs (分类 = classification; attested in two thirds), which 问题 never is.
    A common verb is a term only when rendered by a noun (回归 = regression, "the input";
    not 意味着 = means). A bracket gloss (:mod:`.brackets`) decides before all of these."""
    mine = idx.zh_pairs[zh]
    if zh in idx.brackets:
        return _from_brackets(zh, mine, idx, max_examples)
    words = idx.words.get(zh) or tuple(w for w, _ in _tagged(zh))
    general = len(words) == 1 and (len(zh) == 1 or general_word(zh))
    if general and len(mine) < GENERAL_MIN_PAIRS:
        return None
    found = (_from_dictionary(zh, words, mine, idx, max_examples) if dictionary else None) or \
        _cooccurring(zh, words, mine, idx, similarity, max_examples)
    if found is not None and general and _tag(zh) not in NOUNISH and not _noun(found, idx):
        return None  # a common verb is a term when its English is a noun (回归 regression), not 意味着 "means"
    if found is None or not general or termhood(zh, len(mine), idx.zh_words) >= MIN_TERMHOOD:
        return found
    if found.method == "cooccurrence" or found.both < len(mine) * GENERAL_SHARE:
        return None
    if found.status is TermStatus.ATTESTED and found.both < len(mine) * GENERAL_ATTESTED_SHARE:
        return replace(found, status=TermStatus.PROPOSED)  # rendered so in only half its pairs
    return found


def _noun(term: TermPair, idx: _Index) -> bool:
    """The English is a noun: a nominal ending (regression), or an article before it in a
    pair holding both ("the input"); "this means" never has one."""
    if term.en.lower().endswith(NOMINALISED):
        return True
    key = en_key(term.en)
    return any(key in idx.readings[k].nouns for k in idx.zh_pairs[term.zh])


def _from_brackets(zh: str, mine: list[int], idx: _Index, max_examples: int) -> TermPair:
    """The English the translators wrote in brackets beside ``zh`` (the commonest, when they
    wrote several), counted over every pair holding both forms."""
    glosses = idx.brackets[zh]
    votes = Counter(en_key(g.en) for _, g in glosses)
    key = sorted(votes, key=lambda e: (-votes[e], e))[0]
    chosen = [(k, g) for k, g in glosses if en_key(g.en) == key]
    forms = Counter(g.en for _, g in chosen)
    variants = tuple(dict.fromkeys(v for _, g in chosen for v in g.variants))
    holding = sorted({k for k, _ in chosen} | {k for k in mine if k in idx.en_pairs.get(key, ())})
    sure = any(g.status is TermStatus.ATTESTED for _, g in chosen)
    n, en_count = len(idx.pairs), max(len(idx.en_pairs.get(key, ())), len(holding))
    return TermPair(zh, sorted(forms, key=lambda f: (-forms[f], f))[0],
                    TermStatus.ATTESTED if sure else TermStatus.PROPOSED, "bracket", len(mine), en_count,
                    len(holding), round(dice(len(holding), len(mine), en_count), 4),
                    round(log_likelihood(len(holding), len(mine), en_count, n), 2),
                    examples=_examples(holding, idx, max_examples), sources=_sources(holding, idx),
                    variants=variants)


def _tag(word: str) -> str:
    return _tag_table().get(lookup_form(word), "x")


def _from_dictionary(zh: str, words: tuple[str, ...], mine: list[int], idx: _Index,
                     max_examples: int) -> TermPair | None:
    votes: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    senses: dict[str, str] = {}
    for k in mine[:DICTIONARY_TRIES]:
        found = idx.rendering(k, zh, words)
        if found is not None:
            key, text, why = found
            votes[key] += 1
            forms[key][text] += 1
            senses.setdefault(key, why)
    if not votes:
        return None
    key = sorted(votes, key=lambda e: (-votes[e], -len(e), e))[0]
    holding = [k for k in mine if k in idx.en_pairs.get(key, ())]
    both = max(len(holding), votes[key])
    if both * 2 < len(mine):
        return None  # the text mostly renders it otherwise (主义 in 加速主义): not this term
    en_count = max(len(idx.en_pairs.get(key, ())), both)
    if both < 2 and (not compound(zh) or len(key.split()) < 2):
        # seen once: a term only when both sides are compounds (企业利益 = "corporate
        # interests", 硅谷 = "Silicon Valley"); 主要优势 = "major advantage" is a phrase,
        # 业界 = "industry" a word of the language
        return None
    status = TermStatus.ATTESTED if both >= 2 else TermStatus.PROPOSED
    n = len(idx.pairs)
    return TermPair(zh, display_form(idx.en_forms.get(key) or forms[key]), status, "dictionary", len(mine),
                    en_count, both, round(dice(both, len(mine), en_count), 4),
                    round(log_likelihood(both, len(mine), en_count, n), 2), senses[key],
                    examples=_examples(holding or mine, idx, max_examples),
                    sources=_sources(holding or mine, idx))


def _cooccurring(zh: str, words: tuple[str, ...], mine: list[int], idx: _Index,
                 similarity: Callable[[str, list[str]], list[float]] | None, max_examples: int) -> TermPair | None:
    n = len(idx.pairs)
    co: Counter[str] = Counter()
    for k in mine:
        for key in idx.en_keys[k]:
            co[key] += 1
    aligned = _aligned(zh, words, mine, co, idx, max_examples)
    if aligned is not None:
        return aligned
    options = []
    for key, both in co.items():
        if both < MIN_COOCCUR:
            continue
        d = dice(both, len(mine), len(idx.en_pairs[key]))
        if d >= MIN_DICE and log_likelihood(both, len(mine), len(idx.en_pairs[key]), n) >= MIN_LLR:
            options.append((d, both, key))
    if not options:
        return None
    options.sort(key=lambda o: (-o[0], -o[1], -len(o[2]), o[2]))
    best_dice = options[0][0]
    close = [o for o in options if best_dice - o[0] <= CLOSE]
    chosen, cosine = close[0], None
    if len(close) > 1 and similarity is not None:
        scores = similarity(zh, [display_form(idx.en_forms[o[2]]) for o in close])
        ranked = sorted(zip(scores, close), key=lambda sc: (-round(sc[0], 4), -sc[1][0], sc[1][2]))
        cosine, chosen = round(ranked[0][0], 4), ranked[0][1]
    d, both, key = chosen
    en_count = len(idx.en_pairs[key])
    strong = both >= 3 and d >= STRONG_DICE
    holding = [k for k in mine if k in idx.en_pairs[key]]
    return TermPair(zh, display_form(idx.en_forms[key]), TermStatus.ATTESTED if strong else TermStatus.PROPOSED,
                    "cooccurrence", len(mine), en_count, both, round(d, 4),
                    round(log_likelihood(both, len(mine), en_count, n), 2), similarity=cosine,
                    examples=_examples(holding, idx, max_examples), sources=_sources(holding, idx))


def _aligned(zh: str, words: tuple[str, ...], mine: list[int], co: Counter[str], idx: _Index,
             max_examples: int) -> TermPair | None:
    """The English candidate the IBM-1 model explains best as ``zh`` (at least
    :data:`MIN_ALIGN` both ways, in :data:`MIN_ALIGN_PAIRS` shared pairs and half of the
    Chinese form's pairs); attested when the model is sure (:data:`STRONG_ALIGN`) in three."""
    if idx.model is None:
        return None
    options = []
    for key, both in co.items():
        if both < MIN_ALIGN_PAIRS or both * 2 < len(mine):
            continue
        score = idx.model.phrase(words, key.split())
        if score >= MIN_ALIGN:
            options.append((round(score, 4), both, key))
    if not options:
        return None
    score, both, key = sorted(options, key=lambda o: (-o[0], -o[1], -len(o[2]), o[2]))[0]
    n, en_count = len(idx.pairs), len(idx.en_pairs[key])
    d = dice(both, len(mine), en_count)
    strong = both >= 3 and score >= STRONG_ALIGN and d >= MIN_ALIGN_DICE
    holding = [k for k in mine if k in idx.en_pairs[key]]
    return TermPair(zh, display_form(idx.en_forms[key]), TermStatus.ATTESTED if strong else TermStatus.PROPOSED,
                    "alignment", len(mine), en_count, both, round(d, 4),
                    round(log_likelihood(both, len(mine), en_count, n), 2), alignment=score,
                    examples=_examples(holding, idx, max_examples), sources=_sources(holding, idx))


def _examples(ks: Sequence[int], idx: _Index, limit: int) -> tuple[tuple[Source, Source], ...]:
    return tuple(sorted({(idx.pairs[k].zh, idx.pairs[k].en) for k in ks})[:limit])


def _sources(ks: Sequence[int], idx: _Index) -> tuple[Source, ...]:
    return tuple(sorted({idx.pairs[k].zh for k in ks}))
