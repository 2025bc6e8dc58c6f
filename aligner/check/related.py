"""``missing-term-related``: an extracted entry's term rendered by a related form.

An automatically built glossary pairs a Chinese word with the one English rendering its
extractor saw (类别 → category, 维度 → dimension, 强化学习 → reinforcement learning). The
same TM rightly renders the word other ways elsewhere, and each such unit used to be a
``missing-term`` error against an entry nobody chose. Two kinds of related rendering are
no evidence of a term error *for an entry the tool extracted*:

* **another dictionary sense**: the target has another whole CC-CEDICT sense of the term's
  own Chinese (类别 → "classification"; the sense's leading "to"/"a"/"the" dropped);
* **the same English family**: the target has the glossary's English with its words in
  other forms of their families (:func:`aligner.check.derivation.family_form`, the one
  family model the check has): "dimensionality" for dimension, "reinforcement learners"
  for reinforcement learning, "graphical models" for graph model.

A sense is looked for only in the part of the target that stands for the term's sentence
(:func:`sentence_window`): in a long unit whose English is misaligned or merged, a sense
of the term met by chance in another sentence's English is no rendering of it.

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

from .derivation import dictionary_words, family_form
from .terms import Hit, Term, fold_target, has_han, tolerant_pattern

RULE = "missing-term-related"
_LEADING = re.compile(r"^(?:to|a|an|the)\s+", re.IGNORECASE)
#: an acronym a CC-CEDICT sense gives in brackets, a sense of its own (kept as written)
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9]{1,5})\)")
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
    acronyms: dict[str, None] = {}  # matched as written: IT is not "it"
    for word in words:
        for sense in re.split(r"[/;]", glosses.get(word, "")):
            sense = sense.strip()
            if sense.startswith(("CL:", "variant of", "old variant", "see ", "surname ",
                                 "abbr. for", "used in")):
                continue
            # CC-CEDICT writes a sense's acronym in brackets: "random access memory (RAM)"
            acronyms.update(dict.fromkeys(_ACRONYM.findall(sense)))
            sense = _clean(sense)
            if sum(c.isalpha() for c in sense) >= _MIN_LETTERS and not has_han(sense) \
                    and all(ord(c) < 0x2000 for c in sense):
                senses[sense] = None
    if not senses and not acronyms:
        return None
    forms = sorted(senses, key=lambda s: (-len(s), s))
    exact = [f"(?-i:{tolerant_pattern(a)})" for a in sorted(acronyms) if a not in senses]
    return re.compile("|".join([*(tolerant_pattern(s) for s in forms), *exact]), re.IGNORECASE)


#: where a source sentence ends (its end mark kept with it)
_ZH_SENTENCE = re.compile(r"[^。！？!?；;]*[。！？!?；;]+[」』”’）)]*|[^。！？!?；;]+")
_EN_SENTENCE = re.compile(r".+?(?:[.!?;]+[\"')\]]*(?=\s|$)|$)", re.DOTALL)
#: how far (a share of the source) the window reaches past the term's sentence, for
#: sentences of unequal length on the two sides
_SLACK = 0.25


def sentence_window(source: str, target: str, hit: Hit | None) -> tuple[int, int]:
    """``[start, end)`` of the target that stands for the sentence of ``source`` with
    ``hit``: the sentence's share of the source (widened by :data:`_SLACK` each way) mapped
    onto the target by length, out to whole target sentences. The whole target for a
    one-sentence source (or without ``hit``)."""
    if hit is None or not source:
        return 0, len(target)
    spans = [m.span() for m in _ZH_SENTENCE.finditer(source) if m.group().strip()]
    if len(spans) < 2:
        return 0, len(target)
    first, last = next(((s, e) for s, e in spans if s <= hit.start < e), (0, len(source)))
    low = max(0.0, first / len(source) - _SLACK) * len(target)
    high = min(1.0, last / len(source) + _SLACK) * len(target)
    start, end = len(target), 0
    for match in _EN_SENTENCE.finditer(target):
        if match.end() > low and match.start() < high:
            start, end = min(start, match.start()), max(end, match.end())
    return (start, end) if start < end else (0, len(target))


def other_sense(term: Term, target: str, source: str = "", hit: Hit | None = None) -> str | None:
    """What the target has that is another dictionary sense of ``term``'s Chinese, or None;
    with the ``source`` and the ``hit``, only in the :func:`sentence_window` of the hit."""
    pattern = _sense_re(tuple(f for f in term.zh_forms if has_han(f)))
    if pattern is None:
        return None
    window = None  # computed only when a sense is there: most misses have none
    for match in pattern.finditer(fold_target(target)):
        low, high = window = window or sentence_window(source, target, hit)
        if match.start() < high and match.end() > low:
            return target[match.start():match.end()]
    return None


def same_family(term: Term, target: str) -> str | None:
    """What the target has of the same English families as one of ``term``'s forms
    (graph model → "graphical models"), or None. An agent noun counts too (the extractor
    may have paired 加速主义者 with the thing, accelerationism, not the agent)."""
    span = family_form(tuple(term.allowed), target, derived=True)
    return target[span[0]:span[1]] if span is not None else None


def related_rendering(term: Term, target: str, source: str = "",
                      hit: Hit | None = None) -> tuple[str, str] | None:
    """``(what the target has, how it is related)`` for an :attr:`~Term.extracted` entry
    whose English the target lacks, or None (always None for an entry not extracted)."""
    if not term.extracted:
        return None
    sense = other_sense(term, target, source, hit)
    if sense is not None:
        return sense, f"another dictionary sense of {term.zh}"
    family = same_family(term, target)
    if family is not None:
        return family, f"a form of the same English family as {' / '.join(term.allowed)}"
    return None
