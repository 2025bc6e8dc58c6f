"""Accepting a target by derivation, where a substring matcher reports a missing term.

Two cases, both general (no term is special-cased):

* the source term stands inside a longer dictionary word (中国 in 中国人): the target may
  rightly use that word's English (CC-CEDICT: 中国人 "Chinese person", so "Chinese") and
  not the term's own (China);
* the source term carries a derivational suffix (有效加速主义 + 者): the target may use a
  derived English form of the term's English (accelerationism → accelerationist(s)); after
  the prefix 可 (可学习, "can be learned") the target may use the -able/-ible adjective
  (learning → learnable);
* the source term is the head of a longer word, a modifier before it (环 + 总线): the target
  may write the English the same way, as one closed compound whose last part is the term's
  English (总线 → bus, 环总线 → "ringbus"; 元数据 → "metadata").

A unit accepted this way has no finding; it is listed as *accepted-by-derivation* in the
JSON report, with what was accepted and why, so a reviewer can still audit it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..han import is_han_char
from .terms import Hit, fold_target, squash_key, tolerant_pattern

#: Chinese suffixes that derive a word from a term (agent, -ist, -ize, -ness, school, theory)
DERIVING_SUFFIXES = "者家化性式型派论学人员"
_STOP = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "as", "by", "with",
         "person", "people", "one", "who", "which", "used", "sb", "sth", "etc", "abbr",
         "also", "see", "variant", "old", "fig", "lit"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class Accepted:
    """A term occurrence accepted without its glossary English."""

    source_term: str
    source_word: str  # the longer Chinese word or the derived form in the source
    target_form: str  # what the target has instead
    #: "dictionary-word", "derived-form", "closed-compound", "word-family" or
    #: "dictionary-sense" (the last two: :func:`aligner.check.rules.glossary.term_findings`)
    reason: str


#: a prefix that makes an adjective of ability: 可学习 = learnable, 可扩展 = extensible
ABLE_PREFIX = "可"
_VERB_ENDINGS = ("ations", "ation", "ings", "ing", "ions", "ion", "ed", "es", "s", "e")


def able_forms(form: str) -> list[str]:
    """``form`` with its last word made an adjective of ability: learning → learnable,
    implement → implementable, compute → computable (also -ible: extend → extendible)."""
    head, _sep, last = fold_target(form).strip().rpartition(" ")
    stem = last.lower()
    for ending in _VERB_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            stem = stem[: len(stem) - len(ending)]
            break
    if len(stem) < 3:
        return []
    return [f"{head} {stem}{suffix}".strip() for suffix in ("able", "ible")]


@lru_cache(maxsize=4096)
def _able_re(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    able = sorted({a for form in forms for a in able_forms(form)}, key=len, reverse=True)
    return re.compile("|".join(tolerant_pattern(a) for a in able), re.IGNORECASE) if able else None


@lru_cache(maxsize=1)
def _glosses() -> dict[str, str]:
    from ..cedict import raw_glosses

    return raw_glosses()


def dictionary_words() -> dict[str, str]:
    """CC-CEDICT headwords (loaded once; shared with the number rule)."""
    return _glosses()


@lru_cache(maxsize=16384)
def _senses(word: str) -> tuple[str, ...]:
    """English of a CC-CEDICT word: each sense, and each content word of a sense (kept: a
    large check asks about the same dictionary words again and again)."""
    raw = _glosses().get(word)
    if not raw:
        return ()
    forms: dict[str, None] = {}
    for sense in raw.split("/"):
        sense = re.sub(r"\([^)]*\)|\[[^]]*\]|CL:.*|\bsb\b|\bsth\b", " ", sense).strip(" ;,.")
        if not sense or any(ord(c) > 0x2fff for c in sense):
            continue
        forms[sense] = None
        for token in _WORD.findall(sense):
            if len(token) >= 4 and token.lower() not in _STOP:
                forms[token] = None
    return tuple(forms)


@lru_cache(maxsize=16384)
def _sense_re(sense: str) -> re.Pattern[str]:
    """:func:`tolerant_pattern` of a dictionary sense, compiled once (``re``'s own cache
    holds 512 patterns, fewer than a large check's senses)."""
    return re.compile(tolerant_pattern(sense), re.IGNORECASE)


def _longer_words(source: str, hit: Hit) -> list[str]:
    """Dictionary words of ``source`` that strictly contain the hit, longest first."""
    words = []
    glosses = _glosses()
    for start in range(max(0, hit.start - 3), hit.start + 1):
        for end in range(min(len(source), hit.end + 3), hit.end - 1, -1):
            if (start, end) != (hit.start, hit.end) and source[start:end] in glosses:
                words.append(source[start:end])
    return sorted(set(words), key=lambda w: (-len(w), w))




@lru_cache(maxsize=4096)
def _compound_re(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    """A closed compound ending in one of the single-word ``forms`` (bus → ringbus), two
    letters or more before it."""
    heads = sorted({squash_key(f) for f in forms
                    if re.fullmatch(r"[A-Za-z]{3,}", fold_target(f).strip())}, key=len, reverse=True)
    if not heads:
        return None
    return re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?:" + "|".join(map(re.escape, heads))
                      + r")(?:e?s)?(?![A-Za-z])", re.IGNORECASE)


def accept(source: str, target: str, hit: Hit) -> Accepted | None:
    """Why the target may lack ``hit.term``'s English here, or None."""
    folded = fold_target(target)
    after = source[hit.end:hit.end + 1]
    if after and after in DERIVING_SUFFIXES:  # 有效加速主义者: accelerationists
        span = family_form(tuple(hit.term.allowed), target, derived=True)
        if span is not None:
            return Accepted(hit.term.zh, source[hit.start:hit.end + 1],
                            target[span[0]:span[1]], "derived-form")
    if hit.start and source[hit.start - 1] == ABLE_PREFIX:  # 可学习: learnable
        pattern = _able_re(tuple(hit.term.allowed))
        match = pattern.search(folded) if pattern else None
        if match:
            return Accepted(hit.term.zh, source[hit.start - 1:hit.end],
                            target[match.start():match.end()], "derived-form")
    if hit.start and is_han_char(source[hit.start - 1]):  # 环总线: ringbus
        pattern = _compound_re(tuple(hit.term.allowed))
        match = pattern.search(folded) if pattern else None
        if match:
            return Accepted(hit.term.zh, source[hit.start - 1:hit.end],
                            target[match.start():match.end()], "closed-compound")
    for word in _longer_words(source, hit):
        for sense in _senses(word):
            match = _sense_re(sense).search(folded)
            if match:
                return Accepted(hit.term.zh, word, target[match.start():match.end()],
                                "dictionary-word")
    return None


#: The one English family model (the derived-form and the word-family acceptance both read
#: it). A word's family stem is the word with these endings stripped, repeatedly, longest
#: first, while :data:`_FAMILY_MIN` letters remain, -ies read as -y and -ology as -olog:
#: observation / observe / observed → observ-, dimensionality / dimension → dimens-,
#: accelerationism → accelerat-, modernization / modernize / modernized → modern-.
_FAMILY_ENDINGS = tuple(sorted((
    "ationally", "ational", "ations", "ation", "alities", "ality", "ities", "ity", "ions",
    "ion", "ings", "ing", "ed", "es", "s", "e", "al", "ly",
    "isms", "ism", "istic", "istically", "izations", "ization", "isations", "isation",
    "izing", "ized", "izes", "ize", "ising", "ised", "ises", "ise", "ically", "ical", "ics",
    "ic", "istics", "ological"), key=lambda e: (-len(e), e)))
#: agent nouns: another word than the thing (pointer is not point, accelerationist is not
#: accelerationism), of the same family only where :func:`_same_lower` allows. Not -or:
#: collector is not collection.
_AGENT_ENDINGS = ("ician", "ist", "er")
_INFLECTIONS = ("ings", "ing", "ed", "es", "s")
_FAMILY_MIN = 4  # letters a stem keeps: "uses" is not "us"
_LETTERS = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=16384)
def family(word: str) -> tuple[str, bool]:
    """``word``'s family stem and whether it is an agent noun (:data:`_AGENT_ENDINGS`, found
    once the inflections are off: numbering → number → numb-, agent)."""
    stem = word.lower()
    if stem.endswith("ies") and len(stem) > 4:
        stem = stem[:-3] + "y"
    if stem.endswith("ology"):
        stem = stem[:-1]
    for ending in _INFLECTIONS:  # the agent ending is read on the uninflected word
        if stem.endswith(ending) and len(stem) - len(ending) >= _FAMILY_MIN:
            if not any(len(e) > len(ending) and stem.endswith(e) for e in _FAMILY_ENDINGS):
                stem = stem[: len(stem) - len(ending)]  # not observations, modernized
            break
    for ending in _AGENT_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= _FAMILY_MIN:
            return _strip(stem[: len(stem) - len(ending)]), True
    return _strip(stem), False


def _strip(stem: str) -> str:
    while True:
        for ending in _FAMILY_ENDINGS:
            if stem.endswith(ending) and len(stem) - len(ending) >= _FAMILY_MIN:
                stem = stem[: len(stem) - len(ending)]
                break
        else:
            return stem


def family_stem(word: str) -> str:
    """``word``'s family stem (see :func:`family`)."""
    return family(word)[0]


def _same_word(glossary_word: str, target_word: str) -> bool:
    """The two words are of one family; an agent noun counts only for an -ing word
    (reinforcement learning → reinforcement learners), never for another noun (pointer is
    not point)."""
    return _same_lower(glossary_word.lower(), target_word.lower(), False)


@lru_cache(maxsize=65536)
def _same_lower(g: str, t: str, derived: bool) -> bool:
    """:func:`_same_word` of two lower-case words (kept: a TM asks about the same few words
    of its terms' English again and again). With ``derived`` (the Chinese carries a
    deriving suffix, 者 家 化 …) an agent noun is of its thing's family too
    (accelerationism → accelerationists)."""
    if len(g) < _FAMILY_MIN:  # short words (on, the, GPU) must be as written
        return g == t or _singular_eq(g, t)
    (g_stem, g_agent), (t_stem, t_agent) = family(g), family(t)
    if g_stem != t_stem:
        return False
    if g_agent == t_agent or derived:
        return True
    # an -er agent for an -ing word: reinforcement learning → reinforcement learners
    return t_agent and g.endswith("ing") and t.endswith(("er", "ers"))


def _singular_eq(g: str, t: str) -> bool:
    return t in (g + "s", g + "es")


#: at most this many words of the target may stand between two words of a multi-word term
#: (allocating on the heap → "allocating space on the heap")
_FAMILY_GAP = 1


def family_form(forms: tuple[str, ...], target: str,
                avoid: Sequence[tuple[int, int]] = (), *,
                derived: bool = False) -> tuple[int, int] | None:
    """Span of the target whose words are, in order, of the same families as the words of
    one of ``forms`` (one word of the target allowed between two of the term's), or None.
    A span inside one of ``avoid`` (another term's English) does not count. ``derived``:
    the source's term carries a deriving suffix, so an agent noun counts (see
    :func:`_same_lower`)."""
    words = _target_words(target)
    for form in forms:
        wanted = _wanted_words(form)
        if not wanted:
            continue
        for start in range(len(words)):
            if not _same_lower(wanted[0], words[start][2], derived):
                continue
            at, ok = start, True
            for word in wanted[1:]:
                for step in range(1, _FAMILY_GAP + 2):
                    if at + step < len(words) and _same_lower(word, words[at + step][2], derived):
                        at += step
                        break
                else:
                    ok = False
                    break
            span = words[start][0], words[at][1]
            if ok and not any(s <= span[0] and span[1] <= e for s, e in avoid):
                return span
    return None


@lru_cache(maxsize=4096)
def _target_words(target: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, lower-case word) of the target's words, read once per target."""
    return tuple((m.start(), m.end(), m.group().lower())
                 for m in _LETTERS.finditer(fold_target(target)))


@lru_cache(maxsize=65536)
def _wanted_words(form: str) -> tuple[str, ...]:
    """The lower-case words of a glossary form that :func:`family_form` looks for; none for a
    form with a digit, or a single word under five letters (left to the inflection patterns)."""
    wanted = tuple(w.lower() for w in _LETTERS.findall(fold_target(form)))
    if not wanted or re.search(r"\d", form):
        return ()
    if len(wanted) == 1 and len(wanted[0]) < 5:
        return ()
    return wanted
