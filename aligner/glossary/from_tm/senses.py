"""CC-CEDICT as sets of English word roots, for testing "does this English phrase render
this Chinese phrase" with set operations instead of a span search.

Why: the variant learner's test (:func:`aligner.glossary.from_pairs.find_rendering`) walks
every span of the English with a recursive cover over each gloss sense; run for every
candidate of every pair of a 10,000-pair TM it took minutes. Here each Chinese word's
senses are read once into a frozen set of roots (:func:`word_roots`), each English token
is reduced to its root once, and the test is two set intersections per word.

A root is a lower-case word with its inflectional and derivational endings stripped
(:func:`root`): *technological* and *technology* share ``technolog``, *social* and
*society* share ``soci``, *governance* and *government* ``govern``. Only short senses are
indexed (at most :data:`MAX_SENSE_WORDS` content words): a long sense is an explanation,
not a rendering ("fine hair on the human body" does not make *body* a rendering of 毫毛).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..pair_words import FUNCTION_WORDS, GLOSS_FILLER, STOP, _dictionary_split, _senses
from .candidates import SUFFIX_CHARS

#: Content words a gloss sense may have to be indexed.
MAX_SENSE_WORDS = 3
#: Endings stripped (longest first, at most three times, the root keeping four letters).
_ENDINGS = sorted(
    """ational ization isation ations ation itions ition ities ity ically ical ics ic ness ments ment
    ances ance ences ence ancy ency isms ism ists ist ives ive ions ion ings ing ied ies ied ed ers er
    ors or ials ial als al ously ous izes ize ized ises ise ised ety es s e y ly""".split(),
    key=lambda e: (-len(e), e))
#: English endings that carry a Chinese term suffix (中性论 → neutrality, 去中心化 → -ized).
NOMINAL = ("ity", "ism", "ness", "ion", "ology", "ics", "ance", "ence", "ing", "ed", "ist", "er", "or")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


@lru_cache(maxsize=200_000)
def root(word: str) -> str:
    """The word's root: lower case, endings stripped while four letters remain."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for _ in range(3):
        for ending in _ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 4:
                w = w[:-len(ending)]
                break
        else:
            break
    return w


def keys(word: str) -> frozenset[str]:
    """What a word may be matched by: its root, and its first five letters for a longer
    word (corporate / corporation, whose endings strip to different roots)."""
    lower = word.lower()
    found = {root(word), lower}
    if len(lower) >= 6:
        found.add(lower[:5])
    return frozenset(found)


@lru_cache(maxsize=200_000)
def word_senses(word: str) -> tuple[tuple[frozenset[str], ...], ...]:
    """Each short CC-CEDICT sense of ``word`` as the keys of each of its content words (and
    the acronyms a sense names, lower case). Empty when the dictionary does not know it."""
    out: list[tuple[frozenset[str], ...]] = []
    for sense in _senses(word):
        content = [w for w in sense.words if w.lower() not in STOP and w.lower() not in GLOSS_FILLER]
        if len(content) > MAX_SENSE_WORDS:
            continue
        if content:
            out.append(tuple(keys(w) for w in content))
        out.extend((frozenset({a.lower()}),) for a in sense.acronyms)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=200_000)
def word_roots(word: str) -> frozenset[str]:
    """Every key of every word of :func:`word_senses`."""
    return frozenset(k for sense in word_senses(word) for word_keys in sense for k in word_keys)


@dataclass(frozen=True)
class Piece:
    """One word of a Chinese candidate and the roots that may render it."""

    text: str
    roots: frozenset[str]
    senses: tuple[tuple[frozenset[str], ...], ...] = ()
    optional: bool = False  # a function word: the English may drop it
    suffix: bool = False  # a term suffix (论 性 化): the English word's ending may carry it


@lru_cache(maxsize=100_000)
def zh_pieces(words: tuple[str, ...]) -> tuple[Piece, ...]:
    """The dictionary pieces of a candidate's jieba words: a word CC-CEDICT lacks is cut
    into words it knows; a trailing suffix character may be carried by an English ending."""
    out: list[Piece] = []
    for k, word in enumerate(words):
        last = k == len(words) - 1
        if word.isascii():
            own = keys(word)
            out.append(Piece(word, own, ((own,),)))
            continue
        roots = word_roots(word)
        if roots:
            out.append(Piece(word, roots, word_senses(word), optional=word in FUNCTION_WORDS,
                             suffix=last and len(word) == 1 and word in SUFFIX_CHARS))
            continue
        if len(word) > 1 and word[-1] in SUFFIX_CHARS and word_roots(word[:-1]):
            out.append(Piece(word[:-1], word_roots(word[:-1]), word_senses(word[:-1])))
            out.append(Piece(word[-1], word_roots(word[-1]), word_senses(word[-1]), suffix=True))
            continue
        parts = _dictionary_split(word)
        for n, part in enumerate(parts):
            out.append(Piece(part, word_roots(part), word_senses(part), optional=part in FUNCTION_WORDS,
                             suffix=last and n == len(parts) - 1 and part in SUFFIX_CHARS))
    return tuple(out)


@lru_cache(maxsize=100_000)
def pieces_roots(words: tuple[str, ...]) -> frozenset[str]:
    """Every root of every piece of :func:`zh_pieces`: an English word sharing none renders
    none of them."""
    return frozenset().union(*(p.roots for p in zh_pieces(words)))


def token_keys(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(token, :func:`keys`) of each English word of ``text``."""
    return tuple((m.group(), _keys(m.group())) for m in _WORD.finditer(text))


def token_positions(text: str) -> list[tuple[int, tuple[str, frozenset[str]]]]:
    """(start, (token, keys)) of each English word of ``text``: the words of any span of it
    that starts and ends at a word's edge are a slice of these (what :func:`token_keys` of the
    span gives), so a sentence is tokenised once for all its spans."""
    return [(m.start(), (m.group(), _keys(m.group()))) for m in _WORD.finditer(text)]


_keys = lru_cache(maxsize=200_000)(keys)


def cover(pieces: Sequence[Piece], tokens: Sequence[tuple[str, frozenset[str]]]) -> str | None:
    """Evidence text when the English ``tokens`` render the Chinese ``pieces`` word for word:
    every token is some piece's sense word, and every piece (but a function word, or a final
    suffix carried by a nominal ending of the last token) has a sense all of whose words
    are tokens ("Wu" alone does not render 吴语, "Wu dialect"). Else None."""
    if not pieces or not tokens:
        return None
    have = frozenset().union(*(k for _, k in tokens))
    for _, own in tokens:
        if not any(not own.isdisjoint(p.roots) for p in pieces):
            return None
    used: list[str] = []
    for piece in pieces:
        sense = next((s for s in piece.senses if all(not w.isdisjoint(have) for w in s)), None)
        if sense is not None:
            hits = [t for t, own in tokens if any(not own.isdisjoint(w) for w in sense)]
            used.append(f"{piece.text}={' '.join(hits)}")
        elif piece.suffix and tokens[-1][0].lower().endswith(NOMINAL):
            used.append(f"{piece.text}=-{tokens[-1][0][-3:]}")
        elif not piece.optional:
            return None
    return ", ".join(used)


def may_cover(pieces: Sequence[Piece], have: frozenset[str]) -> bool:
    """A quick necessary test against every key of a sentence."""
    return all(p.optional or p.suffix or not p.roots.isdisjoint(have) for p in pieces) and any(
        not p.optional for p in pieces)
