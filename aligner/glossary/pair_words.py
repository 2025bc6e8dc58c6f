"""The words of an aligned pair, for learning variants (:mod:`.from_pairs`): the Chinese side's
dictionary pieces and what they may render, the English side's tokens, inflections and short
forms."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import TermKind
from .lexicon import glosses, shared_prefix, words
from .text import has_han

#: Kinds whose English is a name: a lower-case span cannot render them.
NAME_KINDS = frozenset({TermKind.PERSON, TermKind.ORG, TermKind.PRODUCT, TermKind.PLACE, TermKind.WORK})
#: Characters that turn the word before them into an adjective or a noun (生成式, 可靠性,
#: 现代化, 大型): the English word carries them (generative, reliability), not a word of its own.
SUFFIXES = frozenset("式性化型")
#: Chinese function words an English noun phrase renders by word order or "of", or drops.
FUNCTION_WORDS = frozenset({"的", "之", "与", "和", "及", "等"})
#: English words that neither render a Chinese word nor begin or end a span.
STOP = frozenset(
    """a an the of to in on at by for from with and or as is are was be its it this that
    these those their his her our your my s via into than about i me you he she we they him
    them us not no very just only also so then there here what which who when where how all
    any some one""".split()
)
#: Longest span tried, in words.
MAX_SPAN = 8

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-/.&+][A-Za-z0-9]+)*")
_LATIN_RUN = re.compile(r"[A-Za-z0-9]+(?:[-/.&+][A-Za-z0-9]+)*")
_SEPARATORS = re.compile(r"[-/.&+]")
_GAP_OK = re.compile(r"^[ \t\u00a0'’]*$")  # what may lie between two words of one span
_PAREN = re.compile(r"\(([^()]*)\)")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z0-9]s?$")
_GLOSS_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


# --- the Chinese side: words and what they may render ------------------------------------

@dataclass(frozen=True)
class _Sense:
    """One CC-CEDICT gloss sense: its words, and the acronyms it names ("(AI)")."""

    words: tuple[str, ...]
    acronyms: tuple[str, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class _Piece:
    """One word of the Chinese term and the senses it may be rendered by."""

    text: str
    senses: tuple[_Sense, ...]
    optional: bool = False
    literal: str = ""  # a Latin token or number the span must contain as such


def _sense(gloss: str) -> _Sense | None:
    acronyms = tuple(a for a in (m.strip() for m in _PAREN.findall(gloss)) if _ACRONYM.match(a))
    bare = _PAREN.sub(" ", gloss)  # "smart (phone, system, bomb etc)": the aside is not the sense
    bare = re.sub(r"\[[^\]]*\]", " ", bare)
    bare = re.sub(r"^\s*to\s+", "", bare)
    found = tuple(_GLOSS_WORD.findall(bare))
    if not found and not acronyms:
        return None
    return _Sense(found, acronyms, gloss.strip())


@lru_cache(maxsize=65536)
def _senses(word: str) -> tuple[_Sense, ...]:
    found = (_sense(part) for gloss in glosses(word) for part in gloss.split(";"))
    return tuple(s for s in found if s is not None)


def _dictionary_split(word: str) -> list[str]:
    """A word jieba keeps whole but CC-CEDICT does not know, cut into words it does know
    (longest first from the left); a character it does not know stays on its own."""
    parts, i = [], 0
    while i < len(word):
        for size in range(min(4, len(word) - i), 0, -1):
            if size == 1 or _senses(word[i:i + size]):
                parts.append(word[i:i + size])
                i += size
                break
    return parts


def pieces(zh: str) -> list[_Piece]:
    """The words of a Chinese term, each with the CC-CEDICT senses it may be rendered by."""
    out: list[_Piece] = []
    pos = 0
    for latin in _LATIN_RUN.finditer(zh):
        out.extend(_han_pieces(zh[pos:latin.start()]))
        out.append(_Piece(latin.group(), (), literal=latin.group()))
        pos = latin.end()
    out.extend(_han_pieces(zh[pos:]))
    return out


def _han_pieces(text: str) -> list[_Piece]:
    out: list[_Piece] = []
    for word in words(text):
        if not has_han(word):
            continue  # punctuation, spaces
        if word in FUNCTION_WORDS:
            out.append(_Piece(word, _senses(word), optional=True))
        elif _senses(word):
            out.append(_Piece(word, _senses(word)))
        elif len(word) > 1 and word[-1] in SUFFIXES and _senses(word[:-1]):
            out.append(_Piece(word, _senses(word[:-1])))
        else:
            for part in _dictionary_split(word):
                optional = part in FUNCTION_WORDS
                out.append(_Piece(part, _senses(part), optional=optional))
    # a suffix character cut off on its own joins the word before it
    merged: list[_Piece] = []
    for piece in out:
        if piece.text in SUFFIXES and merged and not merged[-1].literal:
            merged[-1] = replace(merged[-1], text=merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


# --- the English side: words, inflection, short forms ------------------------------------

@lru_cache(maxsize=200_000)
def _inflection(word: str) -> str:
    """Lower case without plural or possessive: industries → industry, AIs → ai."""
    w = word.lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and re.search(r"(?:ss|x|z|ch|sh)es$", w):
        return w[:-2]
    if len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


#: Endings that make one English word of another (generate/generative, industry/industrial,
#: intelligent/intelligence); a stem shared with any other ending (relation/relative,
#: organ/organization, trolley/trolleybus) is not the same word.
DERIVATION = frozenset(
    "e y ive ion ation ition al ial ity ic ical ism ist er or ing ed ment ance ence ant ent ly ness "
    "ize ise ous ary ory".split()) | {""}


#: One of two derived words must be the base form (supervise/supervision), or the two
#: endings sisters (intelligent/intelligence); teacher/teaching are different words.
_BASE_ENDS = frozenset({"", "e", "y"})
_SISTER_ENDS = frozenset({("ent", "ence"), ("ence", "ent"), ("ant", "ance"), ("ance", "ant"),
                          ("ic", "ical"), ("ical", "ic")})


def _same_word(token: str, word: str, *, derived: bool) -> bool:
    """``token`` renders ``word``: the same up to case and number, or (``derived``) one stem
    of at least five letters with a known derivational ending on each (see DERIVATION)."""
    a, b = _inflection(token), _inflection(word)
    if a == b:
        return True
    if not derived or not a.isalpha() or not b.isalpha():
        return False
    for size in range(shared_prefix(a, b), 4, -1):
        ends = (a[size:], b[size:])
        if all(end in DERIVATION for end in ends) and (
                any(end in _BASE_ENDS for end in ends) or ends in _SISTER_ENDS):
            return True
    return False


@lru_cache(maxsize=200_000)
def looks_abbreviated(token: str) -> bool:
    """A short form, not an ordinary word: AI, LLMs, GenAI, e/acc."""
    letters = re.sub(r"[^A-Za-z]", "", token)
    if len(letters) < 2:
        return False
    core = token[:-1] if token.endswith("s") and token[:-1].isupper() else token
    return core.isupper() or bool(_SEPARATORS.search(token)) or any(c.isupper() for c in token[1:])


def abbreviates(token: str, phrase: Sequence[str]) -> bool:
    """``token`` is a short form of ``phrase`` (two or more content words): each content
    word gives a prefix of the token's letters, in order, and the token's parts (e/acc) start
    on word starts. Stop words may give letters or none (Theory of Mind → ToM)."""
    if not looks_abbreviated(token):
        return False
    core = token[:-1] if token.endswith("s") and token[:-1].isupper() else token
    parts = [p.lower() for p in _SEPARATORS.split(core) if p]
    phrase = [w.lower() for w in phrase]
    if sum(1 for w in phrase if w not in STOP) < 2 or not parts:
        return False

    @lru_cache(maxsize=None)
    def match(part: int, offset: int, index: int) -> bool:
        if index == len(phrase):
            return part == len(parts)
        word = phrase[index]
        if word in STOP and match(part, offset, index + 1):
            return True
        if part == len(parts):
            return False
        rest = parts[part][offset:]
        for size in range(1, min(len(word), len(rest)) + 1):
            if rest[:size] != word[:size]:
                break
            if size == len(rest):
                if match(part + 1, 0, index + 1):
                    return True
            elif match(part, offset + size, index + 1):
                return True
        return False

    return match(0, 0, 0)


def _renders(token: str, sense: _Sense, *, derived: bool = True) -> bool:
    """A span word renders a gloss sense: one of its words (``derived``: or a word sharing
    its stem), its acronym, or a short form of some of its words."""
    if any(_inflection(token) == _inflection(a) for a in sense.acronyms):
        return True
    if any(_same_word(token, w, derived=derived) for w in sense.words if w.lower() not in STOP):
        return True
    found = sense.words
    return looks_abbreviated(token) and any(
        abbreviates(token, found[i:j]) for i in range(len(found)) for j in range(i + 2, len(found) + 1)
    )


#: Gloss words that stand for "somebody"/"something", not for a word of the translation.
GLOSS_FILLER = frozenset({"one's", "sb", "sth", "sb's", "sth's", "something", "someone", "oneself", "etc",
                          "lit", "fig", "esp", "e.g", "i.e", "eg", "ie"})


def _sense_covered(run: Sequence[str], sense: _Sense, *, derived: bool) -> bool:
    """The span words ``run`` render one gloss sense exactly: each word renders a word of
    the sense (or its acronym, or a short form of several of its words), and every content
    word of the sense is rendered. "hair" does not render "fine hair on the human body";
    "do" does not render "to have to do with"."""
    content = [k for k, w in enumerate(sense.words) if w.lower() not in STOP and w.lower() not in GLOSS_FILLER]
    if not content and not sense.acronyms:
        return False
    covered: set[int] = set()
    for token in run:
        hit = False
        if any(_inflection(token) == _inflection(a) for a in sense.acronyms):
            covered.update(content)
            hit = True
        for k in content:
            if _same_word(token, sense.words[k], derived=derived):
                covered.add(k)
                hit = True
        if looks_abbreviated(token):
            for i in range(len(sense.words)):
                for j in range(i + 2, len(sense.words) + 1):
                    if abbreviates(token, sense.words[i:j]):
                        covered.update(k for k in content if i <= k < j)
                        hit = True
        if not hit:
            return False
    return covered >= set(content)


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def stop(self) -> bool:
        return self.text.lower() in STOP


def _tokens(target: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(target)]


#: Stop words a term may hold inside ("Theory of Mind", "boy's legs"); any other (his, is,
#: or) ends it: "both his hands" is not a form of 双手.
INSIDE_TERM = frozenset({"of", "the", "a", "an", "for", "and", "in", "on", "to", "with", "from", "by", "at",
                         "s", "into", "via"})


def _spans(target: str, tokens: list[_Token], longest: int) -> Iterable[tuple[int, int]]:
    """Runs of words that could be a term: no punctuation inside, no stop word at an end."""
    for i, first in enumerate(tokens):
        if first.stop:
            continue
        for j in range(i, min(len(tokens), i + longest)):
            if j > i and not _GAP_OK.match(target[tokens[j - 1].end:tokens[j].start]):
                break
            if tokens[j].stop and tokens[j].text.lower() not in INSIDE_TERM:
                break
            if not tokens[j].stop:
                yield i, j + 1
