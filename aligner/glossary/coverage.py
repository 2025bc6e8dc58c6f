"""Does the Chinese span explain all of its English gloss? If not, take the words it lacks.

The boundary finder keeps words from the right while a cue supports them, and stops at
grammar words. Real compound terms are cut short that way: 过拟合(overfitting) became 拟合,
反向传播(backpropagation) 传播, 独立同分布(independently and identically distributed) 分布.
The English says what is missing. Each English content word (and the leading part of a
compound word whose tail a gloss explains: *over*-fitting, *back*-propagation) must be
explained by some word of the span; while something is unexplained, the word to the left
is taken when

* its CC-CEDICT gloss (or, for a word the dictionary lacks, its characters' glosses) meets
  the missing part: 过 "to go over" for *over*, 获取 "to acquire" for *acquisition*;
* it is a one-character grammar word between the span and such a word (独立 *同* 分布);
* it is a content word (not a grammar word, not one of the language's most frequent verbs)
  standing for the English word right before the explained ones: 反向 for *back*, 二次 for
  *double*; or a grammar-tagged word whose extended span recurs elsewhere in the corpus as
  a unit (表示学习).

Nothing extends beyond the clause (punctuation, spaces), and an English fully explained
by the span changes nothing.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import lexicon
from .boundary import STOP_WORDS, tail_start
from .text import has_han, is_han

MAX_EXTRA_WORDS = 4
#: jieba frequency above which a verb governs a term rather than belonging to it (使用, 进行).
COMMON_WORD_FREQ = 10000
GRAMMAR_TAGS = frozenset({"c", "p", "f", "d", "r", "u", "uj", "ul", "uz", "ug", "uv", "ud", "y", "e", "o"})

CONTENT_TAGS = frozenset({"n", "nz", "vn", "v", "a", "b", "m", "an", "ng", "vd", "ad"})


@dataclass(frozen=True)
class Missing:
    """An English content word (or the unexplained front of one) and its place in the gloss."""

    position: int
    text: str
    modifier: bool = True  # stands before an explained word, or is the front of a compound


def dictionary_pieces(word: str) -> list[str]:
    """``word`` if CC-CEDICT has it, else its longest dictionary pieces from the left
    (处理单元: 处理 + 单元; 乘加: 乘 + 加)."""
    if lexicon.in_dictionary(word) or len(word) == 1:
        return [word]
    pieces: list[str] = []
    i = 0
    while i < len(word):
        size = next((n for n in (4, 3, 2) if i + n <= len(word) and lexicon.gloss_tokens(word[i:i + n])), 1)
        pieces.append(word[i:i + size])
        i += size
    return pieces


def word_glosses(word: str) -> frozenset[str]:
    """Gloss tokens of ``word``, or of its dictionary pieces when CC-CEDICT lacks it."""
    return frozenset(t for piece in dictionary_pieces(word) if has_han(piece) for t in lexicon.gloss_tokens(piece))


_ENDING = re.compile(r"(?:ically|ally|ation|ition|ions?|ings?|ed|es|s|ly|e|y)$")


def _root(token: str) -> str:
    cut = _ENDING.sub("", token)
    return cut if len(cut) >= 3 else token


def _meets(gloss: str, target: str) -> bool:
    """A gloss token explains a whole English word: same stem, or a long shared start."""
    g, t = lexicon.stem(gloss), lexicon.stem(target)
    if g == t or gloss == target or _root(gloss) == _root(target):
        return True
    return len(g) >= 4 and len(t) >= 4 and lexicon.shared_prefix(g, t) >= min(len(g), len(t), 5) - 1


def _front_left(gloss: str, token: str) -> str | None:
    """The part of a compound ``token`` before the gloss (``over`` of overfitting for ``fit``)."""
    g = lexicon.stem(gloss)
    for piece in (g, gloss):
        if len(piece) >= 3:
            at = token.find(piece)
            if at >= 3:
                return token[:at]
    return None


def missing_parts(words: list[str], english: str) -> list[Missing]:
    """English words, or fronts of compounds, that no word of the span explains, when they
    stand before something it does explain (a modifier the span lacks, not its head: a span
    whose head the dictionary cannot gloss gives no evidence of what is missing)."""
    bags = [word_glosses(w) for w in words if has_han(w)]
    latin = {w.lower() for w in words if not has_han(w)}
    missing: list[Missing] = []
    explained = -1
    for position, token in enumerate(lexicon.content_tokens(english)):
        if token in latin or any(_meets(g, token) for bag in bags for g in bag):
            explained = position
            continue
        fronts = [f for bag in bags for g in bag if (f := _front_left(g, token))]
        if fronts:
            explained = position
        missing.append(Missing(position, min(fronts, key=len) if fronts else token))
    tokens = lexicon.content_tokens(english)
    return [Missing(m.position, m.text, m.position < explained or m.text != tokens[m.position]) for m in missing]


def _explains(word: str, part: str) -> bool:
    bag = word_glosses(word)
    return any(_meets(g, part) or (len(part) >= 3 and g == part) for g in bag)


def _explained(missing: list[Missing], hit: Missing, between: int) -> list[Missing]:
    """``missing`` without ``hit`` and up to ``between`` words that stand right after it."""
    later = [m for m in missing if m.position > hit.position][:between]
    return [m for m in missing if m is not hit and m not in later]


def _pieces(taken: list[str], term: str) -> int:
    """Chinese words in the span so far: one per English word it can stand for."""
    return sum(1 for w in [*taken, *lexicon.words(term)] if has_han(w) and not (len(w) == 1 and w in STOP_WORDS))


@dataclass(frozen=True)
class Extension:
    """The span after extension, its new start, and whether an unglossed word was taken."""

    term: str
    start: int
    guessed: bool


def extend_left(prefix: str, term: str, start: int, english: str,
                count: Callable[[str], int]) -> Extension:
    """``term`` (at ``start`` in ``prefix``) with the words to its left its English needs."""
    from ..jieba_shared import base_dictionary

    missing = missing_parts(lexicon.words(term), english)
    if not missing or re.fullmatch(r"[A-Z]{2,6}", english):
        return Extension(term, start, False)
    tokens = lexicon.content_tokens(english)
    needed = len(tokens) + sum(1 for m in missing if m.text != tokens[m.position])
    clause_start = tail_start(prefix[:start])
    before = lexicon.words(prefix[clause_start:start])
    freq = base_dictionary()[0]
    taken: list[str] = []
    guessed = False
    while missing and before and len(taken) < MAX_EXTRA_WORDS:
        word = before[-1]
        if not has_han(word):
            break
        hit = next((m for m in missing if _explains(word, m.text)), None)
        if _pieces(taken, term) >= needed:
            break
        bridge = (len(word) == 1 and len(before) >= 2 and has_han(before[-2])
                  and next((m for m in missing if m.modifier and _explains(before[-2], m.text)), None))
        if hit is not None:
            missing = _explained(missing, hit, 0)
            taken.insert(0, word)
            before.pop()
            continue
        if bridge:
            # the bridged character may stand for a word (同: identically), a particle (的) not
            missing = _explained(missing, bridge, 0 if lexicon.pos(word).startswith("u") else 1)
            taken[:0] = [before[-2], word]
            del before[-2:]
            continue
        grammar = word in STOP_WORDS or lexicon.pos(word) in GRAMMAR_TAGS
        whole = word + "".join(taken) + term
        if not any(m.modifier for m in missing):
            break
        front = any(m.modifier and m.text != tokens[m.position] for m in missing)
        if not grammar and (len(word) in (2, 3) or front) and freq.get(word, 0) < COMMON_WORD_FREQ and \
                lexicon.pos(word) in CONTENT_TAGS:
            guessed = guessed or count(whole) < 2
        elif len(word) >= 2 and lexicon.pos(word) not in GRAMMAR_TAGS and count(whole) >= 2:
            pass  # 表示学习: the longer span is used as a unit elsewhere
        else:
            break
        last = max(m.position for m in missing if m.modifier)
        missing = [m for m in missing if m.position < last]
        taken.insert(0, word)
        before.pop()
    extra = "".join(taken)
    return Extension(extra + term, start - len(extra), guessed)


SENTENCE_END = "。！？!?；;\n"


def without_context_word(english: str, term: str, prefix: str, start: int) -> str:
    """The English without a last word that belongs to the sentence, not to the term.

    ``称该问题为上下文赌博机（contextual bandit problem）``: *problem* is 问题, which stands in
    the sentence but outside the term; the writer's gloss leaked it in. The last word goes
    when no word of the term explains it, a word earlier in the same sentence does, and the
    term still explains some of what remains.
    """
    words = english.split()
    if len(words) < 3 or not re.fullmatch(r"[a-z]{4,}", words[-1]):
        return english
    last = words[-1]
    term_words = [w for w in lexicon.words(term) if has_han(w)]
    if any(_meets(g, last) for w in term_words for g in word_glosses(w)):
        return english
    sentence_start = max(prefix.rfind(ch, 0, start) for ch in SENTENCE_END) + 1
    context = [w for w in lexicon.words(prefix[sentence_start:start]) if has_han(w) and len(w) >= 2]
    if not any(_meets(g, last) for w in context for g in lexicon.gloss_tokens(w)):
        return english
    rest = " ".join(words[:-1])
    if missing_parts(term_words, rest) and len(missing_parts(term_words, rest)) >= len(lexicon.content_tokens(rest)):
        return english
    return rest


def spells_acronym(chinese: str, acronym: str) -> bool:
    """The Chinese words of ``chinese`` stand one for one for the letters of ``acronym``.

    RBAC（基于角色的访问控制）: 基于 *based*, 角色 *role*, 访问 *access*, 控制 *control*; the
    word order may differ from the letters' (Chinese puts 基于 first). Particles do not count;
    of four letters or more, one may lack its gloss.
    """
    from itertools import permutations

    acronym = acronym.strip()
    text = chinese.strip()
    if not re.fullmatch(r"[A-Z]{2,6}", acronym) or not text or len(text) > 16 or not all(is_han(c) for c in text):
        return False
    words = [p for w in lexicon.words(text) for p in dictionary_pieces(w)
             if not (len(p) == 1 and (p in STOP_WORDS or lexicon.pos(p).startswith("u")))]
    if len(words) != len(acronym):
        return False
    letters = acronym.lower()
    initials = [{t[0] for t in word_glosses(w)} for w in words]
    allowed = 1 if len(letters) >= 4 else 0  # the dictionary misses a sense now and then (访问: access)
    return any(sum(ch not in initials[i] for ch, i in zip(letters, order)) <= allowed
               for order in permutations(range(len(words))))
