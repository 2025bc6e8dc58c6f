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

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..model import Source, TermEntry, TermKind, TranslationUnit, VariantSource
from ..wording import count
from .pair_words import (  # noqa: F401 - re-exported
    _ACRONYM,
    _BASE_ENDS,
    _GAP_OK,
    _GLOSS_WORD,
    _LATIN_RUN,
    _PAREN,
    _SEPARATORS,
    _SISTER_ENDS,
    _TOKEN,
    DERIVATION,
    FUNCTION_WORDS,
    GLOSS_FILLER,
    INSIDE_TERM,
    MAX_SPAN,
    NAME_KINDS,
    STOP,
    SUFFIXES,
    _dictionary_split,
    _han_pieces,
    _inflection,
    _Piece,
    _renders,
    _same_word,
    _Sense,
    _sense,
    _sense_covered,
    _senses,
    _spans,
    _Token,
    _tokens,
    abbreviates,
    looks_abbreviated,
    pieces,
)
from .text import has_han, norm_key

#: Calibrated confidence a pair needs. On MAC-Dev (held out per chapter) 89.6% of beads
#: scored 0.8-0.9 are gold and 96.1% of those >= 0.9, against 74% at 0.7-0.8; and a pair
#: that is wrong must still hold a span that renders every word of the term, which a
#: neighbouring sentence seldom does.
MIN_SCORE = 0.8
ALIGNED_PAIR = "aligned-pair"



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


from .variant_learning import UnitLearning, learn_variants, read_units  # noqa: E402,F401 - here before
