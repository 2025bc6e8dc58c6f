"""Variants learned from aligned pairs: how the user's own English renders glossary terms.

The glossary knows 生成式人工智能 → Generative Artificial Intelligence (from the key words),
but the published title says "Will Generative AI Be the End of Humanity?". A translator
wants the glossary to know the form their English actually uses, with the pair that shows
it. So for every glossary term in the source of an aligned pair whose English lacks every
known form of the term, we look for the span of the English that renders it and record it
as a variant of the entry, with the pair's lines as its source.

Precision comes first: a wrong glossary pair is worse than none. A span is accepted only
when offline evidence accounts for all of it and for all of the Chinese term:

* **CC-CEDICT**: the term is cut into jieba words (a word the dictionary does not know is
  cut into dictionary words; a trailing 式/性/化/型 joins the word before it). Each word must
  render a run of the span's words through one gloss sense (same word up to inflection or
  a shared stem: "to generate" → Generative), or an acronym the sense gives or spells
  ("artificial intelligence (AI)" → AI). Every word of the span must come from some
  Chinese word, and every Chinese word must give some span word.
* **Short forms of the entry's English**: the span is the entry's English (or an English
  variant) word for word, with runs of words replaced by their short form (Artificial
  Intelligence → AI, Effective Accelerationism → e/acc). A span that only differs from the
  English in case or number is the same term, and is never recorded.
* **Latin tokens and numbers** in the Chinese term must appear as such in the span.
* **Capitals**: a name (person, organisation, product, place, work) must be rendered by a
  capitalised span.

A span is refused when two different spans qualify, when it overlaps the rendering of
another glossary term of the same source, or when it is itself another term's English.
Only pairs whose calibrated confidence is at least :data:`MIN_SCORE` are read.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..model import Source, TermEntry, TermKind, TranslationUnit, VariantSource
from ..wording import count
from .lexicon import glosses, shared_prefix, words
from .text import has_han, norm_key

#: Calibrated confidence a pair needs. On MAC-Dev (held out per chapter) 89.6% of beads
#: scored 0.8-0.9 are gold and 96.1% of those >= 0.9, against 74% at 0.7-0.8; and a pair
#: that is wrong must still hold a span that renders every word of the term, which a
#: neighbouring sentence seldom does.
MIN_SCORE = 0.8
ALIGNED_PAIR = "aligned-pair"

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


@dataclass(frozen=True)
class Rendering:
    """A span of the target that renders a term: ``target[start:end] == text``."""

    text: str
    start: int
    end: int
    evidence: str


@dataclass(frozen=True)
class Outcome:
    """What :func:`find_rendering` decided: a rendering, or why there is none."""

    rendering: Rendering | None
    reason: str = ""  # no-evidence, partial, ambiguous, clash


@dataclass
class PairLearning:
    """The glossary with learned variants, and what was seen (counted, not dropped)."""

    entries: list[TermEntry]
    pairs: int = 0  # pairs read (confidence at least min_score)
    below_threshold: int = 0  # pairs not read
    occurrences: int = 0  # glossary terms found in the sources read (one per pair and term, as check counts)
    rendered: int = 0  # ... whose English already has a form the glossary knows
    learned: int = 0  # ... whose English rendering was recorded as a variant
    refused: dict[str, int] = field(default_factory=dict)  # reason -> occurrences
    skipped: int = 0  # occurrences of names the tool romanised and keep-as-is terms: not learned
    variants: int = 0  # new variants added to the glossary
    entries_changed: int = 0
    min_score: float = MIN_SCORE

    def summary(self) -> str:
        """One line for the build summary."""
        refused = ", ".join(f"{n} {why}" for why, n in sorted(self.refused.items()))
        line = (f"{count(self.variants, 'variant')} on {count(self.entries_changed, 'entry')} learned from "
                f"{count(self.pairs, 'aligned pair')} (confidence >= {self.min_score:g}): "
                f"{count(self.occurrences, 'term occurrence')}, {self.rendered} already rendered, "
                f"{self.learned} learned")
        if refused:
            line += f", not learned: {refused}"
        if self.skipped:
            line += f", {self.skipped} skipped (keep-as-is or proposed)"
        if self.below_threshold:
            line += f"; {count(self.below_threshold, 'pair')} below the confidence threshold not read"
        return line

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs, "below_threshold": self.below_threshold,
            "occurrences": self.occurrences, "rendered": self.rendered, "learned": self.learned,
            "refused": dict(sorted(self.refused.items())), "skipped": self.skipped,
            "variants": self.variants, "entries": self.entries_changed,
            "min_score": self.min_score, "summary": self.summary(),
        }


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


# --- covering a span ---------------------------------------------------------------------

def _dictionary_cover(span: Sequence[_Token], found: Sequence[_Piece]) -> str | None:
    """Evidence text when the Chinese words render the span's words exactly, else None.

    Each Chinese word takes one run of consecutive span words through one gloss sense;
    optional words may take none. Every span word must be taken. The runs follow the Chinese
    order, or turn it round across "of" (人工智能社会学: "Sociology of Artificial
    Intelligence"); "zoo across" does not render 对面动物园.
    """
    content = [t for t in span if not t.stop]
    n = len(content)
    # the stop words before each content word, inside the span
    gaps: list[set[str]] = []
    last = -1
    for k, token in enumerate(span):
        if not token.stop:
            gaps.append({t.text.lower() for t in span[last + 1:k]})
            last = k

    def claim(piece: _Piece, i: int, j: int) -> str | None:
        run = content[i:j]
        if piece.literal:
            if j - i == 1 and _inflection(run[0].text) == _inflection(piece.literal):
                return f"{piece.text}={run[0].text} (same token)"
            return None
        for derived in (False, True):  # name the sense that has the very word, if one does
            for sense in piece.senses:
                if _sense_covered([t.text for t in run], sense, derived=derived):
                    return f"{piece.text}={' '.join(t.text for t in run)} (CC-CEDICT: {sense.label})"
        return None

    @lru_cache(maxsize=None)
    def cover(i: int, used: frozenset[int], previous: int) -> tuple[str, ...] | None:
        if i == n:
            missing = [k for k, p in enumerate(found) if k not in used and not p.optional]
            return () if not missing else None
        for k, piece in enumerate(found):
            if k in used or (k < previous and "of" not in gaps[i]):
                continue
            for j in range(i + 1, n + 1):
                why = claim(piece, i, j)
                if why is None:
                    continue
                rest = cover(j, used | {k}, k)
                if rest is not None:
                    return (why, *rest)
        return None

    if not n or not found:
        return None
    result = cover(0, frozenset(), -1)
    return "; ".join(result) if result is not None else None


def _short_form_cover(span: Sequence[_Token], english: str) -> str | None:
    """Evidence text when the span is ``english`` with runs of words shortened (and at least
    one run shortened: the same words in another case or number are the same form)."""
    content = [t.text for t in span if not t.stop]
    phrase = _GLOSS_WORD.findall(english.replace("/", " "))
    if not content or not phrase:
        return None

    @lru_cache(maxsize=None)
    def walk(ti: int, wi: int) -> tuple[tuple[str, ...], bool] | None:
        if wi < len(phrase) and phrase[wi].lower() in STOP:
            skipped = walk(ti, wi + 1)
            if skipped is not None:
                return skipped
        if ti == len(content):
            return ((), False) if wi == len(phrase) else None
        if wi == len(phrase):
            return None
        token = content[ti]
        if _same_word(token, phrase[wi], derived=False):
            rest = walk(ti + 1, wi + 1)
            if rest is not None:
                return rest
        for end in range(len(phrase), wi + 1, -1):
            if abbreviates(token, phrase[wi:end]):
                rest = walk(ti + 1, end)
                if rest is not None:
                    return (f"{token}={' '.join(phrase[wi:end])}", *rest[0]), True
        return None

    result = walk(0, 0)
    if result is None or not result[1]:
        return None
    return f"short form of {english} ({', '.join(result[0])})"


#: Words an article may follow inside a term ("secrets of the universe"); "time the
#: hospital" is two phrases, not one term.
_BEFORE_ARTICLE = frozenset({"of", "for", "in", "on", "to", "and", "with", "from", "by", "at"})


def _phrase_shaped(span: Sequence[_Token]) -> bool:
    """Articles only after a preposition or conjunction: one noun phrase, not a clause."""
    return all(
        t.text.lower() not in ("a", "an", "the") or (k and span[k - 1].text.lower() in _BEFORE_ARTICLE)
        for k, t in enumerate(span)
    )


def _capitalised(span: Sequence[_Token]) -> bool:
    return all(t.text[0].isupper() or t.text[0].isdigit() for t in span if not t.stop)


def find_rendering(
    zh: str,
    english: Sequence[str],
    target: str,
    *,
    kind: TermKind = TermKind.OTHER,
    blocked: Sequence[tuple[int, int]] = (),
    taken_forms: Iterable[str] = (),
) -> Outcome:
    """The span of ``target`` that renders the Chinese term ``zh`` (whose known English
    forms are ``english``), or why none is accepted.

    ``blocked`` are target ranges that render other terms of the same source; ``taken_forms``
    are English forms of other glossary terms, which a span may not be.
    """
    tokens = _tokens(target)
    found = pieces(zh)
    longest = min(MAX_SPAN, max([len(_GLOSS_WORD.findall(e)) for e in english] + [len(found)]) + 3)
    taken = {norm_key(f) for f in taken_forms}
    accepted: dict[str, Rendering] = {}
    clash = False
    partial = False
    for i, j in _spans(target, tokens, longest):
        span = tokens[i:j]
        if not _phrase_shaped(span):
            continue
        reasons = [r for r in [_dictionary_cover(span, found)] if r]
        reasons += [r for r in (_short_form_cover(span, e) for e in english) if r]
        if not reasons:
            partial = partial or (j - i == 1 and any(
                _renders(span[0].text, s) for p in found for s in p.senses))
            continue
        start, end = span[0].start, span[-1].end
        text = target[start:end]
        if kind in NAME_KINDS and not _capitalised(span):
            continue
        if any(start < b_end and end > b_start for b_start, b_end in blocked) or norm_key(text) in taken:
            clash = True
            continue
        accepted.setdefault(norm_key(text), Rendering(text, start, end, "; ".join(reasons)))
    if len(accepted) == 1:
        return Outcome(next(iter(accepted.values())))
    if len(accepted) > 1:
        return Outcome(None, "ambiguous")
    if clash:
        return Outcome(None, "clash")
    return Outcome(None, "partial" if partial else "no-evidence")


# --- the glossary ------------------------------------------------------------------------

def _same_form(a: str, b: str) -> bool:
    """Two English forms of one term: the same words up to case, number and spacing."""
    split = lambda s: [_inflection(w) for w in _TOKEN.findall(s)]  # noqa: E731
    return norm_key(a) == norm_key(b) or split(a) == split(b)


def learn_variants(
    entries: Sequence[TermEntry], units: Sequence[TranslationUnit], *, min_score: float = MIN_SCORE
) -> PairLearning:
    """``entries`` with the English renderings the aligned ``units`` show added as variants.

    An entry's ``zh``, ``en``, kind, status and sources never change; a learned form is added
    to ``variants`` and each pair that shows it to ``variant_sources``. The result does not
    depend on the order of ``units``.
    """
    from ..check.terms import TermIndex, fold_target

    index = TermIndex(entries)
    result = PairLearning(entries=list(entries), min_score=min_score)
    taken_forms = sorted({f for term in index.terms for f in term.allowed})
    learned: dict[int, list[VariantSource]] = defaultdict(list)
    position = {id(e): k for k, e in enumerate(entries)}
    ordered = sorted(units, key=lambda u: (u.doc, u.src_line or 0, u.tgt_line or 0, u.source, u.target))
    for unit in ordered:
        if unit.score is None or unit.score < min_score:
            result.below_threshold += 1
            continue
        result.pairs += 1
        hits, seen = [], set()
        for hit in index.find(unit.source):  # one per term, as the check counts them
            if id(hit.term) not in seen:
                seen.add(id(hit.term))
                hits.append(hit)
        folded = fold_target(unit.target)
        rendered_at: dict[int, list[tuple[int, int]]] = {}
        for n, hit in enumerate(hits):
            rendered_at[n] = [m.span() for m in hit.term.allowed_re.finditer(folded)]
        for n, hit in enumerate(hits):
            result.occurrences += 1
            if rendered_at[n]:
                result.rendered += 1
                continue
            term = hit.term
            if term.keep_as_is or term.proposed or not has_han(hit.form):
                result.skipped += 1
                continue
            blocked = [span for k, spans in rendered_at.items() if k != n for span in spans]
            own = set(term.allowed)
            outcome = find_rendering(
                hit.form, list(term.allowed), unit.target, kind=term.entries[0].kind, blocked=blocked,
                taken_forms=[f for f in taken_forms if f not in own],
            )
            if outcome.rendering is None:
                result.refused[outcome.reason] = result.refused.get(outcome.reason, 0) + 1
                continue
            rendering = outcome.rendering
            if any(_same_form(rendering.text, form) for form in term.allowed):
                result.rendered += 1  # same words in another case or number: not a new form
                continue
            result.learned += 1
            entry = term.entries[0]
            learned[position[id(entry)]].append(VariantSource(
                variant=rendering.text,
                zh=Source(unit.doc, unit.src_line or 0),
                en=Source(unit.doc, unit.tgt_line or 0),
                evidence=f"{ALIGNED_PAIR} (confidence {unit.score:.2f}): {rendering.evidence}",
            ))
    for k, records in sorted(learned.items()):
        entry = result.entries[k]
        variants = list(entry.variants)
        for record in sorted(records):
            if not any(_same_form(record.variant, v) for v in (*variants, entry.en)):
                variants.append(record.variant)
                result.variants += 1
        result.entries[k] = replace(
            entry,
            variants=tuple(sorted(variants)),
            variant_sources=tuple(sorted({*entry.variant_sources, *records})),
        )
        result.entries_changed += 1
    return result
