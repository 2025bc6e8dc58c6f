"""Chinese (and mixed) text to words, with jieba, keeping glossary terms whole.

Scorers and term matching need words, and a glossary term cut in two (有效 / 加速主义) can
no longer be matched. Terms are therefore protected twice: the text is first split on the
longest glossary terms (Aho-Corasick, leftmost-longest), and the terms are also in jieba's
user dictionary. The dictionary is rebuilt from jieba's own plus the sorted term set, so the
words of a text depend only on which terms were added, never on the order of the calls.

jieba's dictionary lives in a private ``jieba.Tokenizer``, not jieba's global one, so our
terms never leak into other code using jieba. Only all-Han terms go into jieba's dictionary: a Latin term
there ("AI") would make jieba cut it out of a longer word ("OpenAI"); jieba keeps Latin runs
whole by itself. Traditional text is cut through its Simplified lookup form
(:mod:`aligner.script`), and a Traditional term enters the dictionary in both forms; the
words returned are always slices of the text as written. jieba's start-up chatter on stderr is routed to :mod:`logging` (logger
``jieba``) instead.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

import ahocorasick

from ..han import HAN_RUN
from ..jieba_shared import base_dictionary, fresh_tokenizer
from ..script import cut_like, lookup_form

if TYPE_CHECKING:
    import jieba

__all__ = ["add_user_terms", "clear_user_terms", "user_terms", "words"]

_lock = threading.RLock()
_terms: set[str] = set()
_dirty = False
_tokenizer: jieba.Tokenizer | None = None
_automaton: ahocorasick.Automaton | None = None


_HAN_ONLY = HAN_RUN


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _ready() -> tuple[jieba.Tokenizer, ahocorasick.Automaton | None]:
    """The tokenizer and term automaton, (re)built if terms changed since the last call."""
    global _tokenizer, _automaton, _dirty
    with _lock:
        if _tokenizer is None:
            _tokenizer = fresh_tokenizer()
            _dirty = bool(_terms)
        if _dirty:
            freq, total = base_dictionary()
            _tokenizer.FREQ = dict(freq)
            _tokenizer.total = total
            automaton = ahocorasick.Automaton()
            for term in sorted(_terms):
                if _HAN_ONLY.fullmatch(term):  # jieba already keeps Latin runs whole
                    _tokenizer.add_word(term)
                    if lookup_form(term) != term:  # a Traditional term, as it is looked up
                        _tokenizer.add_word(lookup_form(term))
                automaton.add_word(term, len(term))
            automaton.make_automaton()
            _automaton = automaton if _terms else None
            _dirty = False
        return _tokenizer, _automaton


def add_user_terms(terms: Iterable[str]) -> None:
    """Keep these terms whole in :func:`words`. Adding a term twice changes nothing."""
    global _dirty
    new = {t.strip() for t in terms if t and t.strip()}
    with _lock:
        if not new <= _terms:
            _terms.update(new)
            _dirty = True


def clear_user_terms() -> None:
    """Forget all added terms (a long-running process moving to another glossary)."""
    global _dirty
    with _lock:
        if _terms:
            _terms.clear()
            _dirty = True


def user_terms() -> frozenset[str]:
    """The terms added so far."""
    with _lock:
        return frozenset(_terms)


def _term_spans(text: str, automaton: ahocorasick.Automaton | None) -> list[tuple[int, int]]:
    """Leftmost-longest term occurrences; a Latin term must not continue a Latin word."""
    if automaton is None:
        return []
    spans = []
    for last, length in automaton.iter_long(text):
        start, end = last + 1 - length, last + 1
        if start > 0 and _is_latin(text[start]) and _is_latin(text[start - 1]):
            continue
        if end < len(text) and _is_latin(text[end - 1]) and _is_latin(text[end]):
            continue
        spans.append((start, end))
    return spans


def words(text: str) -> list[str]:
    """The words of ``text`` in order (jieba's accurate mode); whitespace is not a word."""
    tokenizer, automaton = _ready()
    out: list[str] = []

    def cut(piece: str) -> None:
        if piece:
            out.extend(w for w in cut_like(tokenizer.lcut, piece) if w.strip())

    prev = 0
    for start, end in _term_spans(text, automaton):
        cut(text[prev:start])
        out.append(text[start:end])
        prev = end
    cut(text[prev:])
    return out
