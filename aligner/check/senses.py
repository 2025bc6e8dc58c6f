"""``missing-term-sense``: an extracted entry's Chinese rendered by another dictionary sense.

An automatically built glossary pairs a Chinese word with the one English rendering its
extractor saw (类别 → category, 维度 → dimension, 标记 → token). Where the Chinese is a word
of the general language, the same TM rightly renders it other ways elsewhere ("classes",
"dimensionality", "tagging"), and each such unit used to be a ``missing-term`` error against
an entry nobody chose. When the target has another CC-CEDICT sense of the term's own
Chinese (a whole sense, without its leading "to"), the occurrence is no evidence of a term
error *for an entry the tool extracted*: it is routed to ``missing-term-sense`` (info, off
by default, counted in the summary).

Only entries that aligner extracted and nobody reviewed qualify: the entry carries
extraction evidence (``paren``, ``aligned-dictionary``, ``latin``…) and its status is not
``reviewed``. A reviewed entry, or another tool's glossary (no evidence), prescribes its
English: a dictionary synonym there is still ``missing-term``. A planted or real
mistranslation ("gizmo") is no sense of the word, so it is still found.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .derivation import dictionary_words
from .terms import Term, fold_target, has_han, tolerant_pattern

RULE = "missing-term-sense"
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


def extracted(term: Term) -> bool:
    """True when every entry of ``term`` was extracted by aligner and none reviewed."""
    return term.extracted


def other_sense(term: Term, target: str) -> str | None:
    """What the target has that is another dictionary sense of ``term``'s Chinese, or None
    (always None for an entry that is not :func:`extracted`)."""
    if not term.extracted:
        return None
    pattern = _sense_re(tuple(f for f in term.zh_forms if has_han(f)))
    if pattern is None:
        return None
    match = pattern.search(fold_target(target))
    return target[match.start():match.end()] if match else None
