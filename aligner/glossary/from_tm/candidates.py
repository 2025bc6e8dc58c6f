"""Term candidates of each side of a pair: Chinese noun phrases from jieba's part-of-speech
tags, English noun phrases from a chunker that needs no tagger (runs between stop words).

Why no English tagger: the English only has to offer spans for the Chinese to choose
from; a span that is not a noun phrase seldom co-occurs with a Chinese noun phrase, and
the stop-word boundaries already keep "of the" and "this" from ever being a span.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ...han import HAN
from ...script import lookup_form

#: jieba tags of words that can end a Chinese noun phrase (nr: jieba tags many rare
#: technical nouns as names: 张量 is "nr").
NOUNISH = frozenset({"n", "nz", "nt", "ns", "nr", "nrt", "nrfg", "nl", "ng", "vn", "an", "j", "l"})
#: Tags of words that may modify the noun after them (有效 a, 治理 v, 大型 b).
MODIFIER = frozenset({"a", "b", "v", "vd"})
#: Tags a one-word candidate may have: nouns, and verbs and adjectives a technical text
#: uses as nouns (分类 classification, 回归 regression, 带宽 is tagged v); termhood and the
#: pairing decide (see :mod:`.pairing`).
SINGLE = NOUNISH | {"v", "vn", "a", "x"}
#: One-character words that turn the phrase before them into a term (技术中性论, 去中心化).
SUFFIX_CHARS = frozenset("论性化学率度型式器法者")
#: Tags of one-character words bound to the word before them (熵 g, 数据集's 集 q).
BOUND = frozenset({"g", "ng", "q", "k"})
#: Chinese words never part of a term, whatever jieba tags them.
ZH_STOP = frozenset(
    """的 地 得 了 着 过 和 与 及 或 等 之 是 在 有 这 那 我们 你们 他们 它们 我 你 他 她 它 这个 那个 这些
    那些 一个 一种 一些 其 该 本 各 每 某 所有 什么 如何 怎么 时候 时 问题 方面 情况 东西 部分 方式 方法
    地方 事情 样子 结果 内容 例子 例如 比如 例 一下 以下 以上 如下 上述 下面 上面 里面 其中 之间 中 上 下
    里 前 后 人 者 们 事 点 个 种 次 些""".split()
    # modal and light verbs (能愿动词: 需要 "must", 可以 "can"; 进行 "carry out"): they link a
    # subject to what it does and are never part of a term, so 命令需要管理员权限 is no candidate
    + """需要 需 要 可以 可 能 能够 会 应 应该 应当 必须 必需 可能 得以 进行 加以 予以 成为""".split()
)
#: English words that end a chunk (and can never be a term alone).
EN_STOP = frozenset(
    """a an the of to in on at by for from with and or as is are was were be been being its it this that
    these those their his her our your my s via into than about i me you he she we they him them us not
    no very just only also so then there here what which who whom whose when where why how all any some
    one each every both either neither can could will would shall should may might must do does did done
    has have had having if else but because while although though since until unless like such more most
    less least much many few other another same own too than up down out over under again further once
    let lets let's us use used using uses make makes made get gets got see seen show shows shown e g i.e
    eg ie etc new first second also however thus therefore hence way ways thing things example examples
    case cases number numbers time times part parts kind kinds lot lots""".split()
)
#: Longest candidate, in words (Chinese jieba words, English tokens).
MAX_WORDS = 4
MAX_ZH_CHARS = 10

_EN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*")
_GAP_OK = re.compile(r"^[ \t\u00a0]*$")
_HAN = re.compile(rf"^[{HAN}]+$")


@dataclass(frozen=True)
class Span:
    """A candidate in one sentence: its text and character offsets there."""

    text: str
    start: int
    end: int
    words: tuple[str, ...] = ()  # its jieba words (Chinese candidates)


@lru_cache(maxsize=200_000)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) of ``text`` (Traditional looked up through its Simplified form).

    Words from jieba's cut (HMM on, for words its dictionary lacks), tags from the tag
    table of jieba's dictionary: ten times faster than ``jieba.posseg``, whose HMM tagger
    dominated on a large TM. A word the dictionary lacks is tagged ``x`` (see :func:`_role`)."""
    from ...jieba_shared import default

    jieba = default()
    table = _tag_table()
    looked = lookup_form(text)
    out, pos = [], 0
    for word in jieba.cut(looked):
        size = len(word)
        out.append((text[pos:pos + size], table.get(word, "x")))
        pos += size
    return tuple(out)


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    import jieba.posseg as pseg

    from ...jieba_shared import default

    default()
    return pseg.dt.word_tag_tab


def _role(word: str, tag: str) -> str:
    """'noun', 'mod', 'suffix' or '' (ends a run)."""
    if word in ZH_STOP or not _HAN.match(word):
        return ""
    if len(word) == 1 and (word in SUFFIX_CHARS or tag in BOUND):
        return "suffix"
    if tag in NOUNISH or (tag == "x" and 2 <= len(word) <= 4):
        return "noun"  # a word jieba's dictionary lacks, found by its HMM: most are names or terms
    if tag in MODIFIER:
        return "mod"
    return ""


def compound(zh: str) -> bool:
    """Nouns only (and a term suffix): 企业利益, 技术中性论; not 主要优势 or 代替权重, whose
    first word modifies or acts. One pair is enough evidence only for a compound."""
    return all(_role(w, t) in ("noun", "suffix") for w, t in _tagged(zh))


def zh_candidates(text: str) -> list[Span]:
    """Noun phrases of a Chinese sentence: 1-4 jieba words ending in a noun (or a term
    suffix after one), starting with no suffix; a single word must be a noun of 2+ characters."""
    tagged = _tagged(text)
    roles, offsets, pos = [], [], 0
    for word, tag in tagged:
        roles.append(_role(word, tag))
        offsets.append(pos)
        pos += len(word)
    out: list[Span] = []
    for i in range(len(tagged)):
        if roles[i] in ("", "suffix"):
            continue
        for j in range(i, min(len(tagged), i + MAX_WORDS)):
            if not roles[j]:
                break
            words = [w for w, _ in tagged[i:j + 1]]
            size = sum(map(len, words))
            if size > MAX_ZH_CHARS:
                break
            last = roles[j]
            if (last == "mod" and j > i and not (tagged[j][1] in ("v", "vn") and roles[j - 1] == "noun")) or (
                    last == "suffix" and roles[j - 1] != "noun"):
                # a verb after a noun names an action as a term (滚动更新 rolling update,
                # 垃圾回收 garbage collection); an adjective never ends one
                continue
            if j == i and (last not in ("noun", "mod") or tagged[i][1] not in SINGLE
                           or (len(words[0]) < 2 and tagged[i][1] not in NOUNISH)):
                continue
            if roles[i] == "mod" and j - i > 1 and tagged[i][1] in ("v", "vd"):
                continue  # a verb before a two-word phrase is a clause (加速科技发展), not a term
            start = offsets[i]
            out.append(Span(text[start:start + size], start, start + size, tuple(words)))
    for k, ((word, tag), role, start) in enumerate(zip(tagged, roles, offsets)):
        if tag == "q" and role == "suffix" and (k == 0 or roles[k - 1] != "noun"):
            # a measure word standing alone is a noun in technical text (定义一个类 "define a class",
            # 一个块 "a block"); after a noun it is bound to it (数据集)
            out.append(Span(word, start, start + 1, (word,)))
        if role == "noun" and len(word) >= 3:
            out.extend(Span(part, start + at, start + at + len(part), (part,))
                       for part, at in _dictionary_parts(word))
    return out


def _dictionary_parts(word: str) -> list[tuple[str, int]]:
    """The two halves of a longer word jieba keeps whole, when both are dictionary words of
    two or more characters (美国硅谷 → 美国, 硅谷): the English may render only one."""
    from ...jieba_shared import base_dictionary

    freq, _total = base_dictionary()
    looked = lookup_form(word)
    for cut in range(2, len(word) - 1):
        if freq.get(looked[:cut], 0) > 0 and freq.get(looked[cut:], 0) > 0:
            return [(word[:cut], 0), (word[cut:], cut)]
    return []


def en_candidates(text: str) -> list[Span]:
    """Runs of 1-4 English words with no stop word and no punctuation inside."""
    tokens = [(m.group(), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]
    out: list[Span] = []
    for i in range(len(tokens)):
        for j in range(i, min(len(tokens), i + MAX_WORDS)):
            if j > i and not _GAP_OK.match(text[tokens[j - 1][2]:tokens[j][1]]):
                break
            if tokens[j][0].lower() in EN_STOP or len(tokens[j][0]) < 2:
                break
            start, end = tokens[i][1], tokens[j][2]
            out.append(Span(text[start:end], start, end))
    return out


@lru_cache(maxsize=200_000)
def en_key(phrase: str) -> str:
    """What counts as one English form: lower case, each word without a plural -s (cached:
    a corpus asks for the same spans and words again and again)."""
    return " ".join(_singular(w) for w in phrase.lower().replace("’", "'").split())


def _singular(word: str) -> str:
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and (word.endswith(("sses", "shes", "xes", "ases"))
                          or (word.endswith("ches") and word[-5] not in "aeiou")):
        return word[:-2]  # classes, batches; not caches
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        return word[:-1]
    return word


#: jieba dictionary frequency above which a one-word candidate is general language unless
#: the corpus uses it often (数据 5232, 影响 24144; 张量 37, 硅谷 336).
GENERAL_FREQ = 1000


def general_word(zh: str) -> bool:
    """jieba's dictionary counts the word as common Chinese."""
    from ...jieba_shared import base_dictionary

    freq, _total = base_dictionary()
    return freq.get(lookup_form(zh), 0) > GENERAL_FREQ


def termhood(zh: str, corpus_count: int, corpus_words: int) -> float:
    """Log ratio of the phrase's rate in the corpus to its rate in general Chinese (jieba's
    dictionary frequencies; a phrase jieba does not list counts as rare). Why: 问题 and 时候
    are frequent everywhere, 张量 only in this text."""
    from ...jieba_shared import base_dictionary

    freq, total = base_dictionary()
    general = (freq.get(zh, 0) + 1) / total
    return math.log((corpus_count / max(corpus_words, 1)) / general)
