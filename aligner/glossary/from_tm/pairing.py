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

:func:`.reading.index` reads each pair on its own (candidates, bracket glosses, acronym
definitions, the words after an article: a pure function of the pair) and then reduces them
over the corpus (counts, the IBM-1 model, the acronyms' full forms); :func:`pair_term` decides.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ...model import Source, TermStatus
from ...script import lookup_form
from ..text import singular
from .acronyms import bare, is_acronym
from .candidates import NOUNISH, _tag_table, _tagged, compound, en_key, general_word, termhood
from .reading import PairIndex
from .stats import dice, log_likelihood
from .terms import TermPair

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
#: Dice scores this close to the best are decided by embedding similarity, among at most
#: MAX_TIED of them (those the IBM-1 model explains best).
CLOSE = 0.1
MAX_TIED = 4
#: Pairs a candidate is looked up in CC-CEDICT in (the first ones, in sorted order).
DICTIONARY_TRIES = 32


def display_form(forms: Counter[str]) -> str:
    """The surface form to show: lower case when the text ever writes it so (a capital at
    a sentence start is not the term's), else the commonest."""
    ranked = sorted(forms, key=lambda f: (-forms[f], f))
    lower = [f for f in ranked if f == f.lower()]
    return lower[0] if lower else ranked[0]


def pair_term(zh: str, idx: PairIndex, similarity: Callable[[str, list[str]], list[float]] | None,
              max_examples: int, dictionary: bool = True, memo: dict[str, Any] | None = None) -> TermPair | None:
    """The English for ``zh`` (see :func:`_pair_term`), an acronym the English defines
    written in full (硬盘 = hard disk drive, also HDD).

    ``memo``: kept between a first pass whose ``similarity`` only collects what it is asked
    and a second that answers it: what the embeddings do not decide (the dictionary's and
    the IBM-1 model's answer, the close co-occurrence options) is then worked out once."""
    return finish(zh, _pair_term(zh, idx, similarity, max_examples, dictionary, memo), idx)


def finish(zh: str, found: TermPair | None, idx: PairIndex) -> TermPair | None:
    """``found`` but None when it is a fragment of a bracketed term (:func:`_fragment`), and
    with an acronym the English defines written in full."""
    if found is not None and found.method != "bracket" and _fragment(zh, found.en, idx):
        return None
    if found is None or not is_acronym(found.en) or bare(found.en).upper() not in idx.acronyms:
        return found
    full = singular(idx.acronyms[bare(found.en).upper()])
    if len(zh) < 2 or en_key(full) == en_key(found.en):
        return found
    return replace(found, en=full, variants=tuple(dict.fromkeys((bare(found.en), *found.variants))))


def _fragment(zh: str, en: str, idx: PairIndex) -> bool:
    """The translators wrote this English in brackets beside a longer Chinese form holding
    ``zh`` (固态驱动器（SSD）): ``zh`` paired with it is a fragment of that term (驱动器 = SSD)."""
    keys = {en_key(en), en_key(bare(en))}
    full = idx.acronyms.get(bare(en).upper())
    if full:
        keys.add(en_key(full))
    return any(zh in other and zh != other for key in keys for other in idx.bracket_english.get(key, ()))


def _pair_term(zh: str, idx: PairIndex, similarity: Callable[[str, list[str]], list[float]] | None,
               max_examples: int, dictionary: bool = True, memo: dict[str, Any] | None = None) -> TermPair | None:
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
    if memo is not None and zh in memo:
        evidence = memo[zh]
    else:
        evidence = (_from_dictionary(zh, words, mine, idx, max_examples) if dictionary else None) or \
            _options(zh, words, mine, idx, max_examples)
        if memo is not None:
            memo[zh] = evidence
    if isinstance(evidence, list):
        if general and termhood(zh, len(mine), idx.zh_words) < MIN_TERMHOOD:
            return None  # co-occurrence alone never makes a common word a term (nor asks the embeddings)
        found = _cooccurring(zh, evidence, mine, idx, similarity, max_examples, words)
    else:
        found = evidence
    if found is not None and general and _tag(zh) not in NOUNISH and not _noun(found, idx):
        return None  # a common verb is a term when its English is a noun (回归 regression), not 意味着 "means"
    if found is None or not general or termhood(zh, len(mine), idx.zh_words) >= MIN_TERMHOOD:
        return found
    if found.method == "cooccurrence" or found.both < len(mine) * GENERAL_SHARE:
        return None
    if found.status is TermStatus.ATTESTED and found.both < len(mine) * GENERAL_ATTESTED_SHARE:
        return replace(found, status=TermStatus.PROPOSED)  # rendered so in only half its pairs
    return found


def _noun(term: TermPair, idx: PairIndex) -> bool:
    """The English is a noun: a nominal ending (regression), or an article before it in a
    pair holding both ("the input"); "this means" never has one."""
    if term.en.lower().endswith(NOMINALISED):
        return True
    key = en_key(term.en)
    return any(key in idx.readings[k].nouns for k in idx.zh_pairs[term.zh])


def _from_brackets(zh: str, mine: list[int], idx: PairIndex, max_examples: int) -> TermPair:
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


def _from_dictionary(zh: str, words: tuple[str, ...], mine: list[int], idx: PairIndex,
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


def _options(zh: str, words: tuple[str, ...], mine: list[int], idx: PairIndex,
             max_examples: int) -> TermPair | list[tuple[float, int, str]]:
    """The IBM-1 model's pair when it has one, else the co-occurrence options within
    :data:`CLOSE` of the best Dice, best first (empty when none is strong enough)."""
    n = len(idx.pairs)
    co: Counter[str] = Counter()
    for k in mine:
        co.update(idx.en_keys[k])  # counted in C; the options below are sorted in full
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
        return []
    options.sort(key=lambda o: (-o[0], -o[1], -len(o[2]), o[2]))
    best_dice = options[0][0]
    return [o for o in options if best_dice - o[0] <= CLOSE]


def _cooccurring(zh: str, close: list[tuple[float, int, str]], mine: list[int], idx: PairIndex,
                 similarity: Callable[[str, list[str]], list[float]] | None, max_examples: int,
                 words: tuple[str, ...] = ()) -> TermPair | None:
    """The best of the ``close`` options (:func:`_options`); near-ties go to the phrase whose
    embedding is nearest the Chinese."""
    if not close:
        return None
    n = len(idx.pairs)
    chosen, cosine = close[0], None
    if len(close) > 1 and similarity is not None:
        if len(close) > MAX_TIED and idx.model is not None:
            # a sentence the TM repeats ties every span of its English: the embeddings choose
            # among the few the IBM-1 model explains best (embedding every span cost most of
            # the step on a large TM)
            model = idx.model
            rank = sorted(range(len(close)), key=lambda m: (-round(model.phrase(words, close[m][2].split()), 4), m))
            close = [close[m] for m in sorted(rank[:MAX_TIED])]
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


def _aligned(zh: str, words: tuple[str, ...], mine: list[int], co: Counter[str], idx: PairIndex,
             max_examples: int) -> TermPair | None:
    """The English candidate the IBM-1 model explains best as ``zh`` (at least
    :data:`MIN_ALIGN` both ways, in :data:`MIN_ALIGN_PAIRS` shared pairs and half of the
    Chinese form's pairs); attested when the model is sure (:data:`STRONG_ALIGN`) in three."""
    if idx.model is None:
        return None
    options = []
    rows = idx.model.rows(words)  # the candidate's words looked up once for all its options
    for key, both in co.items():
        if both < MIN_ALIGN_PAIRS or both * 2 < len(mine):
            continue
        score = idx.model.phrase_of(rows, idx.model.key_ids(key))
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


def _examples(ks: Sequence[int], idx: PairIndex, limit: int) -> tuple[tuple[Source, Source], ...]:
    return tuple(sorted({(idx.pairs[k].zh, idx.pairs[k].en) for k in ks})[:limit])


def _sources(ks: Sequence[int], idx: PairIndex) -> tuple[Source, ...]:
    return tuple(sorted({idx.pairs[k].zh for k in ks}))
