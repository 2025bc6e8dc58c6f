"""Chinese candidates seen in one or two pairs: the English span that renders them, chosen by
phrase embeddings together with the dictionary, the IBM-1 table and where the span sits.

Why: on a small text most terms occur once or twice, where co-occurrence has nothing to
count and the dictionary test (:func:`.reading.rendering`) needs a whole sense of every
word (治理模式 = *governance models* fails it: CC-CEDICT has no *model* for 模式; 小批量 =
*minibatch* is in no dictionary). The sentence encoder the aligner already loads places a
Chinese phrase near its English rendering (工程师 / *engineers* 0.85), but also near a part
of it (硅谷 / *Valley* 0.77 above *Silicon Valley* 0.57) and near an everyday word of the
same sentence; so the cosine is one term of a score (:func:`_grid`) with the share of both
phrases that CC-CEDICT links word by word (:func:`_share`; partial senses count: 治理 =
*governance*), the IBM-1 score, and two weak priors (position in the sentence, length). A
pair is made only when the choice is clear in every pair holding the candidate:

* **mutual best**: the span is the candidate's best, and no other Chinese candidate of the
  pair scores higher with that span (工程师群体 and 意味着工程师 lose *engineers* to 工程师);
* **margin**: it beats by :data:`MARGIN` the candidate's best span that shares no word with
  it and that no other candidate explains better;
* **floor**: the combined score and the cosine reach :data:`MIN_SCORE` and :data:`MIN_COSINE`;
* **no disagreement**: when CC-CEDICT knows every Chinese word, it links at least
  :data:`MIN_KNOWN_SHARE` of both sides (政府管制 is never *authoritarian regimes*); where it
  is silent (步幅, 小批量) the embedding may decide alone.

The Chinese must look like a term on its own (:func:`eligible`), and a verb-initial one
must be rendered by a noun. Status: always ``proposed`` (one or two pairs; where the
dictionary alone accounts for the whole span in two pairs, :mod:`.pairing` has attested it).
The thresholds were chosen on half of the development pages (``bench/terms_eval.py --half 0``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ...model import TermStatus
from ...script import lookup_form
from .candidates import NOUNISH, _role, _tag_table, _tagged
from .pairing import NOMINALISED
from .reading import PairIndex
from .senses import Piece, token_keys, word_roots, word_senses, zh_pieces
from .senses import keys as keys_of
from .stats import dice, log_likelihood
from .terms import TermPair

#: Pairs a candidate may have for this fallback (more, and the statistics decide).
SPARSE_MAX = 2
#: Weights of the dictionary share and the IBM-1 score beside the cosine; the priors' weights.
W_DICTIONARY = 0.3
W_ALIGN = 0.1
W_POSITION = 0.1
W_LENGTH = 0.05
#: Floors of the combined score and of the cosine alone, and the margin over a disjoint span.
MIN_SCORE = 0.5
MIN_COSINE = 0.5
MARGIN = 0.15
#: Dictionary share a span needs when CC-CEDICT knows every word of the candidate (it then
#: has a say: at least half of both sides linked word by word).
MIN_KNOWN_SHARE = 0.5
#: jieba dictionary frequency a one-word candidate may have (general Chinese uses it seldom).
MAX_WORD_FREQ = 100
#: Tags of verbs: a candidate starting with one is paired only to English starting with a
#: noun made from a verb (泛化 generalization; 治理模式 governance models).
VERBS = frozenset({"v", "vd", "vn"})
#: Tags that make a noun phrase of more than one pair, not of one: a fixed expression (有所不同
#: l, 仅限于 l) and a verb used as a noun after another noun (轴对应).
PHRASAL = frozenset({"l", "vn"})
#: Endings of such a noun (no -ing or -ed: "accessing memory" renders 访问内存 as a verb).
NOUN_ENDINGS = tuple(e for e in NOMINALISED if e != "ing")

_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Choice:
    """The best span of one candidate in one pair, and why."""

    key: str
    text: str
    score: float
    cosine: float
    share: float  # dictionary share
    margin: float
    whole: str  # CC-CEDICT evidence when the dictionary accounts for the span as a whole


def eligible(zh: str, idx: PairIndex) -> bool:
    """Seen in one or two pairs, and shaped like a term: Chinese words that end in a noun
    (治理模式, not 程序打印), each known to jieba's dictionary or to CC-CEDICT (a word jieba's
    HMM made up, 轴来, is no evidence from one pair); one word must be a noun (or a verb,
    which :func:`sparse_terms` then wants rendered by a noun) that general Chinese seldom
    uses (jieba's frequency at most :data:`MAX_WORD_FREQ`: 均值, 步幅; not 话语 or 乐观)."""
    if len(idx.zh_pairs[zh]) > SPARSE_MAX or _LATIN.search(zh) or len(zh) < 2:
        return False
    words = idx.words.get(zh) or tuple(w for w, _ in _tagged(zh))
    if any(_tag(w) == "x" and not word_roots(w) for w in words):
        return False
    if len(words) > 1:
        last = _tag(words[-1])
        return bool(word_roots(zh)) or (_role(words[-1], last) in ("noun", "suffix") and last not in PHRASAL)
    return _tag(zh) in (NOUNISH - PHRASAL) | VERBS and _frequency(zh) <= MAX_WORD_FREQ


def needed(zhs: Sequence[str], idx: PairIndex) -> set[str]:
    """Every phrase the decision of ``zhs`` embeds: their pairs' Chinese candidates and English spans."""
    texts: set[str] = set()
    for k in sorted({k for zh in zhs for k in idx.zh_pairs[zh]}):
        reading = idx.readings[k]
        texts.update(text for text, _, _ in reading.zh)
        texts.update(form for _, form in reading.en)
    return texts


def sparse_terms(zhs: Sequence[str], idx: PairIndex, vectors: dict[str, np.ndarray],
                 max_examples: int) -> dict[str, TermPair]:
    """The term pair of each candidate of ``zhs`` (see :func:`eligible`) whose choice is
    clear in each of its pairs, the same English in all (or forms of the same words:
    *generalize*, *generalizations*), by the module's rules."""
    grids: dict[tuple[str, str], _Grid] = {}  # by the pair's text: a repeated pair is scored once
    out: dict[str, TermPair] = {}
    for zh in zhs:
        mine = idx.zh_pairs[zh]
        found = []
        for k in mine:
            text = (idx.pairs[k].source, idx.pairs[k].target)
            if text not in grids:
                grids[text] = _grid(k, idx, vectors)
            found.append(grids[text].choice(zh))
        choices = [c for c in found if c is not None]
        if len(choices) < len(found) or not _same_words([c.key for c in choices]):
            continue
        words = idx.words.get(zh) or tuple(w for w, _ in _tagged(zh))
        if _tag(words[0]) in VERBS and (len(words) == 1 or not word_roots(zh)):
            # a verb is a term, or a term's modifier, when its English is a noun: 泛化
            # generalization, 治理模式 governance models; not 担忧 concerns, 读取内存 read memory
            choices = [c for c in choices if c.key.split()[0].endswith(NOUN_ENDINGS)]
            if not choices:
                continue
        out[zh] = _term(zh, choices, mine, idx, max_examples)
    return out


def _same_words(keys: list[str]) -> bool:
    """One English form, or forms whose words match one by one (:func:`.senses.keys`)."""
    if len(set(keys)) == 1:
        return True
    split = [k.split() for k in keys]
    return len({len(s) for s in split}) == 1 and all(
        not keys_of(a).isdisjoint(keys_of(b)) for words in zip(*split) for a in words for b in words)


def _term(zh: str, choices: list[Choice], mine: list[int], idx: PairIndex, max_examples: int) -> TermPair:
    best = max(choices, key=lambda c: (c.score, c.text))
    key = best.key
    n, both, en_count = len(idx.pairs), len(mine), max(len(idx.en_pairs.get(key, ())), len(mine))
    forms = [c.text for c in choices]
    lower = [f for f in forms if f == f.lower()]
    why = f"score {min(c.score for c in choices):.2f}, margin {min(c.margin for c in choices):.2f}"
    dictionary = best.whole or (f"share {best.share:.2f}" if best.share else "")
    return TermPair(zh, sorted(lower or forms)[0], TermStatus.PROPOSED,
                    "embedding", len(mine), en_count, both, round(dice(both, len(mine), en_count), 4),
                    round(log_likelihood(both, len(mine), en_count, n), 2), dictionary,
                    similarity=round(min(c.cosine for c in choices), 4), detail=why,
                    examples=tuple(sorted({(idx.pairs[k].zh, idx.pairs[k].en) for k in mine})[:max_examples]),
                    sources=tuple(sorted({idx.pairs[k].zh for k in mine})))


@dataclass
class _Grid:
    """Scores of every Chinese candidate of one pair against every English span of it."""

    zh: list[str]
    en: list[tuple[str, str]]  # (key, text)
    scores: np.ndarray
    cosines: np.ndarray
    shares: np.ndarray
    wholes: list[list[str]]
    k: int
    known: list[bool]  # CC-CEDICT knows each of the candidate's jieba words (or the whole)

    def choice(self, zh: str) -> Choice | None:
        if zh not in self.zh or not self.en:
            return None
        i = self.zh.index(zh)
        row = self.scores[i]
        j = int(np.argmax(row))
        if row[j] < MIN_SCORE or self.cosines[i, j] < MIN_COSINE:
            return None
        if self.known[i] and self.shares[i, j] < MIN_KNOWN_SHARE:
            # CC-CEDICT knows every word and renders too little of the span: the two disagree
            # (政府管制 / *authoritarian regimes*: nothing; 安全主义观点 / *safety-oriented
            # perspectives*: a third)
            return None
        if float(self.scores[:, j].max()) > row[j]:
            return None  # another candidate of the pair explains this span better
        words = set(self.en[j][0].split())
        owners = self.scores.argmax(axis=0)
        # the best other rendering: a span sharing no word with this one that no other
        # candidate explains better (数据集's *data* is 数据's, not a second choice)
        disjoint = [row[m] for m, (key, _) in enumerate(self.en)
                    if words.isdisjoint(key.split()) and (owners[m] == i or self.scores[owners[m], m] <= row[m])]
        margin = row[j] - max(disjoint, default=0.0)
        if margin < MARGIN:
            return None
        return Choice(self.en[j][0], self.en[j][1], round(float(row[j]), 4), round(float(self.cosines[i, j]), 4),
                      round(float(self.shares[i, j]), 4), round(float(margin), 4), self.wholes[i][j])


def _grid(k: int, idx: PairIndex, vectors: dict[str, np.ndarray]) -> _Grid:
    reading, pair = idx.readings[k], idx.pairs[k]
    zh = sorted({text for text, _, _ in reading.zh})
    en = list(dict.fromkeys(reading.en))
    if not zh or not en:
        return _Grid(zh, en, np.zeros((len(zh), len(en))), np.zeros((len(zh), len(en))),
                     np.zeros((len(zh), len(en))), [[""] * len(en) for _ in zh], k, [False] * len(zh))
    zv = np.stack([vectors[z] for z in zh])
    ev = np.stack([vectors[text] for _, text in en])
    cosines = zv @ ev.T
    words = {text: own for text, own, _ in reading.zh}
    spans = [tuple(token for token, _ in token_keys(text)) for _, text in en]
    keys_of_token = {token: own for _, text in en for token, own in token_keys(text)}
    shares = np.zeros_like(cosines)
    aligns = np.zeros_like(cosines)
    wholes = [[""] * len(en) for _ in zh]
    known = []
    en_ids = None if idx.model is None else [idx.model.key_ids(key) for key, _ in en]
    for i, z in enumerate(zh):
        own = words.get(z) or tuple(w for w, _ in _tagged(z))
        known.append(bool(word_roots(z)) or all(word_roots(w) for w in own))
        alone = _whole(z) if len(own) > 1 else None
        share = _Shares(zh_pieces(own), keys_of_token)
        whole_share = _Shares((alone,), keys_of_token) if alone else None
        whole = idx.rendering(k, z, own)
        rows = None if idx.model is None else idx.model.rows(own)
        for j, tokens in enumerate(spans):
            shares[i, j] = max(share(tokens), whole_share(tokens) if whole_share else 0.0)
            if rows is not None:
                aligns[i, j] = idx.model.phrase_of(rows, en_ids[j])
            if whole is not None and whole[0] == en[j][0]:
                wholes[i][j] = whole[2]
    priors = _priors_grid(zh, [text for _, text in en], pair.source, pair.target)
    scores = cosines + W_DICTIONARY * shares + W_ALIGN * aligns + priors
    return _Grid(zh, en, scores, cosines, shares, wholes, k, known)


def _share(pieces: Sequence, tokens: Sequence[tuple[str, frozenset[str]]]) -> float:
    """The share of Chinese pieces and English words CC-CEDICT links to the other side (a
    piece's sense word among the tokens; a token among a piece's sense words): 1.0 when each
    side is accounted for word by word, 0.5 for 治理模式 / *governance models*. The
    definition; :class:`_Shares` gives the same figure for every span of a pair at once."""
    content = [p for p in pieces if not p.optional and p.roots]
    if not content or not tokens:
        return 0.0
    have = frozenset().union(*(own for _, own in tokens))
    linked_pieces = sum(1 for p in content if not p.roots.isdisjoint(have))
    linked_tokens = sum(1 for _, own in tokens if any(not own.isdisjoint(p.roots) for p in content))
    return (linked_pieces + linked_tokens) / (len(content) + len(tokens))


class _Shares:
    """:func:`_share` of one Chinese candidate's pieces against every span of a pair, each
    token's links to the pieces worked out once (a bit per piece) instead of per span."""

    def __init__(self, pieces: Sequence[Piece], keys_of_token: dict[str, frozenset[str]]) -> None:
        content = [p for p in pieces if not p.optional and p.roots]
        self.size = len(content)
        self.links = {token: sum(1 << c for c, p in enumerate(content) if not own.isdisjoint(p.roots))
                      for token, own in keys_of_token.items()} if content else {}

    def __call__(self, tokens: Sequence[str]) -> float:
        if not self.size or not tokens:
            return 0.0
        seen = linked_tokens = 0
        for token in tokens:
            bits = self.links[token]
            seen |= bits
            linked_tokens += bits != 0
        return (bin(seen).count("1") + linked_tokens) / (self.size + len(tokens))


def _whole(zh: str) -> Piece | None:
    """The candidate as one CC-CEDICT word, when the dictionary has it whole (去中心化 =
    *decentralization*, though jieba cuts 去 + 中心化)."""
    roots = word_roots(zh)
    return Piece(zh, roots, word_senses(zh)) if roots else None


def _tag(word: str) -> str:
    return _tag_table().get(lookup_form(word), "x")


def _frequency(word: str) -> int:
    from ...jieba_shared import base_dictionary

    freq, _total = base_dictionary()
    return freq.get(lookup_form(word), 0)


def _priors_grid(zh: Sequence[str], en: Sequence[str], source: str, target: str) -> np.ndarray:
    """Small penalties of each candidate against each span: a span far from where the Chinese
    sits in its sentence (relative offset), and one whose length in words is far from the
    Chinese's (about two characters a word). Each offset and log is read once."""
    at_en = [target.find(text) for text in en]
    sizes = [len(text.split()) for text in en]
    logs: dict[tuple[int, float], float] = {}
    out = np.zeros((len(zh), len(en)))
    for i, z in enumerate(zh):
        at_zh = source.find(z)
        expected = max(1.0, len(z) / 2)
        for j, at in enumerate(at_en):
            penalty = 0.0
            if at_zh >= 0 and at >= 0:
                penalty += W_POSITION * abs(at_zh / max(len(source), 1) - at / max(len(target), 1))
            log = logs.get((sizes[j], expected))
            if log is None:
                log = logs[sizes[j], expected] = abs(np.log(sizes[j] / expected))
            penalty += W_LENGTH * log
            out[i, j] = -penalty
    return out
