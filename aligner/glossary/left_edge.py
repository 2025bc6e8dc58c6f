"""The left edge of a Chinese term before a bracket, checked once the boundary is chosen.

A boundary cue can carry the span too far left, into the clause before the term:
``由于磁盘写满(disk full)``, ``进程之间共享内存(shared memory)``, ``可以使用模式匹配(pattern
matching)``. jieba's part-of-speech tags say which leading words are grammar (conjunctions,
prepositions, locatives, adverbs, pronouns: cut for certain) and which are verbs (cut only
when the rest is a dictionary word or recurs in the corpus, and then the entry is only
``proposed``: the left edge was a guess).

Also here: a generic dictionary noun glossed by a proper name (数据库(PostgreSQL),
总线(PCIe)) names a category and an instance, not a translation pair.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import lexicon
from .boundary import STOP_WORDS
from .text import has_han

# jieba tags of words that open a clause or a phrase but never a term.
GRAMMAR_TAGS = frozenset({"c", "p", "f", "d", "r", "u", "uj", "ul", "uz", "ug", "uv", "ud", "y", "e", "o"})
VERB_TAGS = frozenset({"v", "vd", "vi", "vn", "ad"})
NOUN_TAGS = frozenset({"n", "nz", "vn", "ng", "an"})


@dataclass(frozen=True)
class Edge:
    """The term after trimming, how many characters were cut off its left, and whether the
    cut was a guess (the entry is then proposed, not attested)."""

    term: str
    cut: int
    uncertain: bool


def trim_clause(term: str, english: str, count: Callable[[str], int]) -> Edge:
    """``term`` without the grammar words and clause verbs that open it."""
    words = lexicon.words(term)
    cut = 0
    uncertain = False
    if (len(words) >= 2 and len(words[0]) >= 2 and words[0][0] in STOP_WORDS and lexicon.pos(words[0][0]) in GRAMMAR_TAGS
            and not lexicon.in_dictionary(words[0]) and _is_word(term[1:], count)):
        # 或协|变量: jieba glued a conjunction to the term's first character
        words = lexicon.words(term[1:])
        cut = 1
    while len(words) >= 2:
        first, rest = words[0], "".join(words[1:])
        if not has_han(first) or len(rest) < 2 or _translates(first, english):
            break
        tag = lexicon.pos(first)
        grammar = tag in GRAMMAR_TAGS or first in STOP_WORDS
        if grammar and (len(first) >= 2 or _is_word(rest, count)):
            pass  # 由于, 之间, 通过; a lone 或 / 在 only before a word that stands alone
        elif tag in VERB_TAGS and len(first) >= 2 and _is_word(rest, count) and _verb_opens_clause(words, english):
            uncertain = True  # 使用共享内存: the verb is a guess; keep the noun, propose it
        else:
            break
        cut += len(first)
        words = words[1:]
    return Edge(term[cut:], cut, uncertain)


def _acronym(english: str) -> str:
    return english.lower() if re.fullmatch(r"[A-Z]{2,6}", english) else ""


def _translates(word: str, english: str) -> bool:
    """The word's dictionary gloss meets the English (or, for an acronym, one of its letters)."""
    letters = _acronym(english)
    if letters:
        return bool(lexicon.initials(word) & set(letters))
    return lexicon.gloss_matches(word, english)


def _is_word(text: str, count: Callable[[str], int]) -> bool:
    """A dictionary word (CC-CEDICT or jieba's), or a span the corpus uses again elsewhere."""
    from ..jieba_shared import base_dictionary

    return lexicon.in_dictionary(text) or base_dictionary()[0].get(text, 0) > 0 or count(text) >= 2


#: jieba frequency above which a verb is a common clause verb (使用, 采用, 提供, 进行), the
#: kind that governs a term rather than belonging to it (rare ones do: 反向传播).
COMMON_VERB_FREQ = 10000


def _verb_opens_clause(words: list[str], english: str) -> bool:
    """The leading verb is extra: the English has fewer content words than the span, or
    the verb is one of the language's most frequent ones."""
    from ..jieba_shared import base_dictionary

    freq, _ = base_dictionary()
    size = len(_acronym(english)) or len(lexicon.content_tokens(english))
    return len(words) > max(1, size) or freq.get(words[0], 0) >= COMMON_VERB_FREQ


def _is_name(english: str) -> bool:
    """``PostgreSQL``, ``Kubernetes``, ``PCIe``: a proper name, not an acronym or a phrase."""
    tokens = english.split()
    if not tokens or english.isupper() or len(tokens) > 3:
        return False
    return all(t[:1].isupper() or re.search(r"[a-z][A-Z]", t) for t in tokens) and english != english.upper()


def category_for_name(zh: str, english: str) -> bool:
    """A common Chinese noun whose dictionary senses miss the English, glossed by a name."""
    if not _is_name(english) or not lexicon.common_word(zh):
        return False
    if lexicon.pos(zh) not in NOUN_TAGS:
        return False
    return not lexicon.gloss_matches(zh, english)
