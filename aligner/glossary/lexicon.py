"""Word-level resources: jieba words and tags, CC-CEDICT glosses; loaded once, lazily.

The boundary finder asks them: where are the word breaks before a bracket, is a word a
verb, and does a Chinese word's dictionary gloss share a stem with the English.
"""
from __future__ import annotations

import functools
import re

from ..cedict import raw_glosses
from ..script import cut_like, lookup_form

_TOKEN_RE = re.compile(r"[a-z]+")
_STOP_EN = {
    "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "by", "with", "as", "at",
    "be", "is", "sb", "sth", "cl", "etc", "one", "from", "that", "which", "who", "used",
}
_SKIP_GLOSS = ("CL:", "variant of", "see ", "surname ", "old variant", "used in ", "abbr. for")
_ABBR_OF = re.compile(r"abbr\. (?:for|of) [^|\[\s]*\|?([^\[\s,;]+)")


def _jieba():  # noqa: ANN202 - module object
    from ..jieba_shared import default

    return default()


def words(text: str) -> list[str]:
    """jieba's words of ``text`` (precise mode; Traditional text through its lookup form)."""
    return [w for w in cut_like(_jieba().cut, text) if w]


@functools.lru_cache(maxsize=8192)
def pos(word: str) -> str:
    """jieba's part-of-speech tag of ``word`` taken alone ('' if it splits)."""
    import jieba.posseg as pseg

    _jieba()
    tags = [(p.word, p.flag) for p in pseg.cut(lookup_form(word))]
    return tags[0][1] if len(tags) == 1 else ""


def is_verb(word: str) -> bool:
    return pos(word) in ("v", "vd", "vi", "d", "p", "c", "u", "r", "m", "q", "ad")


def is_probable_name(word: str) -> bool:
    """jieba's part-of-speech tagger calls ``word`` a personal name (nr)."""
    return pos(word) in ("nr", "nrfg")


@functools.lru_cache(maxsize=65536)
def glosses(word: str, _depth: int = 0) -> tuple[str, ...]:
    """The English glosses of ``word``; ``abbr. for 开放源码`` brings in that word's glosses."""
    found: list[str] = []
    for gloss in raw_glosses().get(word, "").split("/"):
        gloss = gloss.strip()
        if not gloss:
            continue
        ref = _ABBR_OF.match(gloss)
        if ref and _depth < 2:
            found.extend(glosses(ref.group(1), _depth + 1))
        elif not gloss.startswith(_SKIP_GLOSS):
            found.append(gloss)
    return tuple(found)


@functools.lru_cache(maxsize=65536)
def gloss_tokens(word: str) -> frozenset[str]:
    return frozenset(t for g in glosses(word) for t in _TOKEN_RE.findall(g.lower()) if t not in _STOP_EN)


def stem(token: str) -> str:
    """A crude English stem: enough to meet 'technological' with 'technology'."""
    token = token.lower()
    for suffix in ("ically", "ational", "ization", "ness", "ities", "ity", "ical", "ing",
                   "ation", "ism", "ist", "ies", "ive", "ed", "al", "es", "s", "y", "e"):
        if len(token) - len(suffix) >= 4 and token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def content_tokens(english: str) -> list[str]:
    """The English content words: the length prior for the Chinese term."""
    return [t for t in _TOKEN_RE.findall(english.lower()) if t not in _STOP_EN]


def shared_prefix(a: str, b: str) -> int:
    """Length of the common start of ``a`` and ``b``."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def gloss_matches(word: str, english: str) -> bool:
    """True when a CC-CEDICT gloss of ``word`` shares a stem with ``english``.

    A gloss stem of 4+ letters also matches inside a compound (face, book in Facebook) or
    by a shared prefix (Rome, Roman).
    """
    bag = gloss_tokens(word)
    if not bag:
        return False
    targets = {stem(t) for t in content_tokens(english)}
    lowered = english.lower()
    for gloss in bag:
        g = stem(gloss)
        if g in targets:
            return True
        if len(g) >= 4 and (g in lowered or any(
            shared_prefix(g, t) >= min(len(g), len(t), 5) - 1 for t in targets if len(t) >= 4
        )):
            return True
    return False


def in_dictionary(word: str) -> bool:
    return word in raw_glosses()


def common_word(word: str) -> bool:
    """In CC-CEDICT as an ordinary word (a gloss in lower case), not only as a proper name."""
    return any(g[:1].islower() for g in glosses(word))


def initials(word: str) -> set[str]:
    """First letters of a word's gloss tokens: matches a Chinese word to an acronym letter."""
    return {t[0] for t in gloss_tokens(word) if t}


_PERSON_GLOSS = re.compile(r"^([A-Z][\w'.-]+(?: [A-Z][\w'.-]+){1,3}) \((?:c\. ?)?(?:\d{3,4}|born|b\.)")
_AKA = re.compile(r"\baka ([A-Z][\w'.-]+(?: [A-Z][\w'.-]+){1,3})")


def person_gloss(word: str) -> tuple[str, tuple[str, ...]] | None:
    """The English name CC-CEDICT gives a well-known person (李开复 -> Kai-Fu Lee), with akas."""
    for gloss in glosses(word):
        match = _PERSON_GLOSS.match(gloss)
        if match:
            return match.group(1), tuple(_AKA.findall(gloss))
    return None


def proper_non_person(word: str) -> bool:
    """CC-CEDICT knows ``word`` only as a proper name that is not a person (华为: Huawei (brand))."""
    found = glosses(word)
    return bool(found) and all(g[:1].isupper() and not _PERSON_GLOSS.match(g) for g in found)
