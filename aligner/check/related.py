"""``missing-term-related``: an extracted entry's term rendered by a related form.

An automatically built glossary pairs a Chinese word with the one English rendering its
extractor saw (类别 → category, 维度 → dimension, 强化学习 → reinforcement learning). The
same TM rightly renders the word other ways elsewhere, and each such unit used to be a
``missing-term`` error against an entry nobody chose. Two kinds of related rendering are
no evidence of a term error *for an entry the tool extracted*:

* **another dictionary sense**: the target has another whole CC-CEDICT sense of the term's
  own Chinese (类别 → "classification"; the sense's leading "to"/"a"/"the" dropped);
* **the same English family**: the target has the glossary's English with its words
  reduced to the same roots (:func:`aligner.glossary.from_tm.senses.root`: endings such as
  -al, -ity, -ion, -er, -ing stripped while four letters remain): "dimensionality" for
  dimension, "reinforcement learners" for reinforcement learning, "graphical models" for
  graph model. Without a Chinese suffix this is what :mod:`aligner.check.derivation` does
  not accept.

Such an occurrence is routed to ``missing-term-related`` (info, off by default, counted in
the summary). Only entries that aligner extracted and nobody reviewed qualify: the entry
carries extraction evidence (``paren``, ``aligned-dictionary``, ``latin``…) and its status
is not ``reviewed``. A reviewed entry, or another tool's glossary (no evidence), prescribes
its English: a synonym or a relative there is still ``missing-term``. A mistranslation
("gizmo") is neither, so it is still found.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .derivation import dictionary_words
from .terms import Term, fold_target, has_han, tolerant_pattern

RULE = "missing-term-related"
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
#: a root shorter than this relates too many words (gener- in general and generate)
_MIN_ROOT = 5
_LEADING = re.compile(r"^(?:to|a|an|the)\s+", re.IGNORECASE)
#: a sense shorter than this is too easily matched by chance ("it", "be")
_MIN_LETTERS = 3


def _clean(sense: str) -> str:
    sense = re.sub(r"\([^)]*\)|\[[^]]*\]|\bsb\b|\bsth\b|\bsb's\b|\bsth's\b", " ", sense)
    sense = " ".join(sense.split()).strip(" ;,.")
    return _LEADING.sub("", sense)


@lru_cache(maxsize=8192)
def _sense_re(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for every whole sense of ``words`` (CC-CEDICT headwords)."""
    glosses = dictionary_words()
    senses: dict[str, None] = {}
    for word in words:
        for sense in re.split(r"[/;]", glosses.get(word, "")):
            sense = sense.strip()
            if sense.startswith(("CL:", "variant of", "old variant", "see ", "surname ",
                                 "abbr. for", "used in")):
                continue
            sense = _clean(sense)
            if sum(c.isalpha() for c in sense) >= _MIN_LETTERS and not has_han(sense) \
                    and all(ord(c) < 0x2000 for c in sense):
                senses[sense] = None
    if not senses:
        return None
    forms = sorted(senses, key=lambda s: (-len(s), s))
    return re.compile("|".join(tolerant_pattern(s) for s in forms), re.IGNORECASE)


def other_sense(term: Term, target: str) -> str | None:
    """What the target has that is another dictionary sense of ``term``'s Chinese, or None."""
    pattern = _sense_re(tuple(f for f in term.zh_forms if has_han(f)))
    if pattern is None:
        return None
    match = pattern.search(fold_target(target))
    return target[match.start():match.end()] if match else None


def _root(word: str) -> str:
    # imported on first use: aligner.glossary costs a second of imports a check without an
    # extracted entry does not need
    from ..glossary.from_tm.senses import root

    return root(word)


@lru_cache(maxsize=8192)
def _roots(form: str) -> tuple[str, ...] | None:
    """The roots of ``form``'s words, or None when its last word's root is too short."""
    roots = tuple(_root(w) for w in _WORD.findall(fold_target(form)))
    return roots if roots and len(roots[-1]) >= _MIN_ROOT else None


def same_family(term: Term, target: str) -> str | None:
    """The words of the target whose roots are those of one of ``term``'s English forms
    (graph model → "graphical models"), or None."""
    wanted = [r for r in map(_roots, term.allowed) if r is not None]
    if not wanted:
        return None
    words = list(_WORD.finditer(target))
    roots = [_root(m.group()) for m in words]
    for form in wanted:
        size = len(form)
        for start in range(len(roots) - size + 1):
            if tuple(roots[start:start + size]) == form:
                return target[words[start].start():words[start + size - 1].end()]
    return None


def related_rendering(term: Term, target: str) -> tuple[str, str] | None:
    """``(what the target has, how it is related)`` for an :attr:`~Term.extracted` entry
    whose English the target lacks, or None (always None for an entry not extracted)."""
    if not term.extracted:
        return None
    sense = other_sense(term, target)
    if sense is not None:
        return sense, f"another dictionary sense of {term.zh}"
    family = same_family(term, target)
    if family is not None:
        return family, f"a form of the same English family as {' / '.join(term.allowed)}"
    return None
