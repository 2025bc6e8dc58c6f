"""Finding glossary terms in Chinese sources and their English forms in targets.

Chinese: one Aho-Corasick automaton over every Chinese form finds all candidates in a single
pass; a candidate counts only when both its ends fall on jieba word boundaries, with the
glossary loaded into jieba as a user dictionary. Overlapping candidates are then resolved
longest first, so 加速主义 inside 有效加速主义 is not a hit of its own and a missing long term
is reported under its own name instead of being masked by the short one. Raw substring
matching (what OmegaT's CJK path and Okapi's string mode do) gets both wrong.

Latin forms (DeepSeek, GPT-4) match case-insensitively on ASCII word boundaries instead.

English: each allowed form becomes one regular expression that ignores case and tolerates
plural -s/-es/-ies, the possessive, the verb endings -ed/-ing, and hyphen/space/joined spellings. Where that finds
nothing, :func:`squash_spans` compares the forms with every space and hyphen removed, so a
break the glossary lacks (ringbus → "ring bus", RTX2080Ti → "RTX 2080 Ti") is accepted too.
"""
from __future__ import annotations

import bisect

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import ahocorasick

from ..han import has_han
from ..jieba_shared import fresh_tokenizer
from ..script import lookup_form
from ..model import TermEntry, TermStatus
from .wordcuts import WordCuts

if TYPE_CHECKING:
    import jieba

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Targets are folded before matching (see fold_target), so patterns stay simple and compile
# fast: a glossary of 10,000 terms compiles 10,000 patterns.
_SEP = "[ -]*"
_APOS = "'"
_FOLD = str.maketrans({
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d_"},
    **{c: " " for c in "\t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                         "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"},
    **{c: "'" for c in "\u2018\u2019\u02bc\uff07"},
})


def ascii_lower(text: str) -> str:
    """Lower-case ASCII only, so offsets stay the same as in ``text``."""
    return text.translate(_ASCII_LOWER)


def fold_target(text: str) -> str:
    """Hyphen, space and apostrophe variants folded to ``-``, `` `` and ``'``, one character
    for one, so match offsets are offsets in ``text``."""
    return text.translate(_FOLD)


def _tokens(form: str) -> list[str]:
    return [t for t in re.split(r"[ -]+", fold_target(form).strip()) if t]


_NOT_PLURAL = {"news", "series", "species", "means", "lens", "headquarters", "whereabouts",
               "crossroads", "diabetes", "measles", "innings", "thanks"}


def _singular(token: str) -> str:
    """The singular a glossary's plural headword stands for (industries → industry); the
    pattern then accepts both numbers. Words like 'analysis' or 'status' are left alone."""
    lower = token.lower()
    if len(token) > 4 and lower.endswith("ies"):
        return token[:-3] + ("Y" if token[-1].isupper() else "y")
    if len(token) > 4 and re.search(r"(?:ss|x|z|ch|sh)es$", lower):
        return token[:-2]
    if len(token) > 3 and lower.endswith("s") and not re.search(r"(?:ss|us|is|as|ics|'s)$", lower) \
            and lower not in _NOT_PLURAL and token[:-1].isalpha() and not token.isupper():
        return token[:-1]
    return token


def _inflect(token: str) -> str:
    """Pattern for the last word of a form: singular or plural (-s/-es/-ies), the
    possessive and, for a word of three letters or more, the verb endings -ed and -ing
    (move → moved/moving, refer → referred/referring, lock → locking, apply → applied)."""
    token = _singular(token)
    word = re.escape(token)
    verb = len(token) >= 3 and token.isalpha() and not token.isupper() \
        and not re.search(r"(?:ing|ed)$", token, re.IGNORECASE)
    if re.fullmatch(r"[A-Za-z]*[^aeiouAEIOU\W\d_]y", token) and len(token) > 2:
        word = re.escape(token[:-1]) + ("(?:y|ies|ied|ying)" if verb else "(?:y|ies)")
    elif verb and token[-1] in "eE":  # move → moving; free → freeing
        keep = token[-2:].lower() in {"ee", "ye", "oe"}
        word = re.escape(token if keep else token[:-1]) + ("(?:s|d|ing)?" if keep
                                                            else "(?:e(?:s|d)?|ing)")
    elif verb:
        double = token[-1] if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", token.lower()) else ""
        word += f"(?:e?s|ed|ing{'|' + re.escape(double) + '(?:ed|ing)' if double else ''})?"
    elif token[-1:].isalpha():
        word += "(?:e?s)?"
    return word + f"(?:{_APOS}s|(?<=s){_APOS})?"


def tolerant_pattern(form: str) -> str:
    """Regex source for ``form`` tolerating inflection and hyphen/space variants (use with
    re.IGNORECASE on a target passed through :func:`fold_target`)."""
    tokens = _tokens(form)
    if not tokens:
        return r"(?!x)x"
    parts = [re.escape(t) for t in tokens[:-1]] + [_inflect(tokens[-1])]
    return r"(?<!\w)" + _SEP.join(parts) + r"(?!\w)"


def exact_pattern(form: str) -> str:
    """Regex source for ``form`` exactly as written (case-sensitive), allowing -s and 's."""
    return (r"(?<!\w)" + re.escape(fold_target(form).strip()) + f"(?:s|{_APOS}s|(?<=s){_APOS})?"
            + r"(?!\w)")


def squash_key(form: str) -> str:
    """``form`` without spaces and hyphens, its last word made singular: what
    :func:`squash_spans` looks for (case kept; the caller folds it when it wants)."""
    tokens = _tokens(form)
    if not tokens:
        return ""
    return "".join(tokens[:-1]) + _singular(tokens[-1])


def exact_key(form: str) -> str:
    """``form`` without spaces and hyphens, as written (case kept, no singular)."""
    return "".join(_tokens(form))


#: shorter squashed forms are left to the regular patterns: "a i" is not "AI"
_MIN_SQUASHED = 3


class Squashed:
    """A folded target with every space and hyphen removed, and where each kept character
    was, so a match in the squashed text maps back to a span of the target."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.text = folded.replace(" ", "").replace("-", "")
        self.lower = self.text.lower() if len(self.text.lower()) == len(self.text) else self.text

    @cached_property
    def where(self) -> list[int]:
        """Offset in the target of each character of :attr:`text` (built when first needed:
        most checks find no squashed key at all)."""
        return [i for i, c in enumerate(self.folded) if c not in " -"]

    def spans(self, keys: Iterable[str], *, fold_case: bool) -> list[tuple[int, int]]:
        """Spans of the target that read as one of ``keys`` once squashed (plural -s/-es and
        the possessive allowed), starting and ending on word boundaries of the target."""
        text = self.lower if fold_case else self.text
        found: list[tuple[int, int]] = []
        for key in keys:
            if len(key) < _MIN_SQUASHED or (key.lower() if fold_case else key) not in text:
                continue
            pattern = re.escape(key.lower() if fold_case else key) + f"(?:e?s)?(?:{_APOS}s?)?"
            for match in re.finditer(pattern, text):
                for end in sorted({match.end(), match.start() + len(key)}, reverse=True):
                    start, stop = self.where[match.start()], self.where[end - 1] + 1
                    before = self.folded[start - 1] if start else " "
                    after = self.folded[stop] if stop < len(self.folded) else " "
                    if not (before.isalnum() or before == "_") and \
                            not (after.isalnum() or after == "_"):
                        found.append((start, stop))
                        break
        return found


def _longest_first(form: str) -> tuple[int, str]:
    """Regex alternatives longest first, ties in a fixed order: output must not vary."""
    return (-len(form), form)


@dataclass(frozen=True)
class Hit:
    """A glossary term found in a source segment: ``[start, end)`` of the Chinese form."""

    start: int
    end: int
    form: str  # the form as found (the glossary's spelling)
    term: Term


class Term:
    """Everything the checker needs about one Chinese concept: all its source forms and
    the English forms allowed or forbidden for it (entries with the same ``zh`` merged)."""

    def __init__(self, entries: Sequence[TermEntry]) -> None:
        first = entries[0]
        self.zh = first.zh
        self.entries = tuple(entries)
        zh_forms: dict[str, None] = {first.zh: None}
        en_forms: dict[str, None] = {}
        forbidden: dict[str, None] = {}
        for entry in entries:
            en_forms[entry.en] = None
            for variant in entry.variants:
                if has_han(variant):
                    zh_forms[variant] = None
                else:
                    en_forms[variant] = None
            for form in entry.forbidden:
                forbidden[form] = None
        self.zh_forms = tuple(zh_forms)
        for form in self.zh_forms:  # a Latin source form (LLM) kept in the English is fine
            if not has_han(form):
                en_forms.setdefault(form, None)
        self.allowed = tuple(f for f in en_forms if f.strip())
        self.forbidden = tuple(f for f in forbidden if f.strip() and f not in en_forms)
        self.derived: list[str] = []  # allowed forms built from a contained term's variants
        self.keep_as_is = any(e.keep_as_is for e in entries) or (
            not has_han(first.zh) and first.zh.casefold() == first.en.casefold())
        self.proposed = all(e.status is TermStatus.PROPOSED for e in entries)
        #: every entry extracted by aligner (it carries its evidence) and none reviewed: an
        #: English nobody chose (:mod:`aligner.check.related`)
        self.extracted = all(e.evidence and e.status is not TermStatus.REVIEWED for e in entries)
        #: no entry carries evidence and none is reviewed: another tool's or a site's published
        #: termbase, whose English the TM's translators may never have followed
        #: (:mod:`aligner.check.term_usage`, ``term-varies``)
        self.third_party = not any(e.evidence or e.status is TermStatus.REVIEWED for e in entries)

    @cached_property
    def allowed_re(self) -> re.Pattern[str]:
        forms = sorted(set(self.allowed) | set(self.derived), key=_longest_first)
        return re.compile("|".join(tolerant_pattern(f) for f in forms), re.IGNORECASE)

    @cached_property
    def squashed(self) -> tuple[str, ...]:
        """Every allowed form without spaces and hyphens (see :class:`Squashed`)."""
        keys = {squash_key(f) for f in (*self.allowed, *self.derived)}
        return tuple(sorted((k for k in keys if k), key=_longest_first))

    @cached_property
    def exact_squashed(self) -> tuple[str, ...]:
        """The allowed forms as written, without spaces and hyphens: a kept-as-is term's
        spacing variants (RTX2080Ti, "RTX 2080 Ti", RTX-2080-Ti)."""
        keys = {exact_key(f) for f in self.allowed}
        return tuple(sorted((k for k in keys if k), key=_longest_first))

    @cached_property
    def exact_re(self) -> re.Pattern[str]:
        forms = sorted(self.allowed, key=_longest_first)
        return re.compile("|".join(exact_pattern(f) for f in forms))

    @cached_property
    def forbidden_re(self) -> re.Pattern[str] | None:
        if not self.forbidden:
            return None
        forms = sorted(self.forbidden, key=_longest_first)
        return re.compile("|".join(tolerant_pattern(f) for f in forms), re.IGNORECASE)

    def __repr__(self) -> str:
        return f"Term({self.zh!r} -> {self.allowed!r})"


class TermIndex:
    """The glossary compiled for matching: one automaton plus a jieba tokenizer that knows
    every Chinese form as a word. Build once, use for any number of segments."""

    def __init__(self, glossary: Iterable[TermEntry]) -> None:
        groups: dict[str, list[TermEntry]] = {}
        for entry in glossary:
            if entry.zh.strip() and entry.en.strip():
                groups.setdefault(entry.zh.strip(), []).append(entry)
        self.terms = [Term(entries) for _zh, entries in sorted(groups.items())]
        owner: dict[str, Term] = {}
        for term in self.terms:
            for form in term.zh_forms:
                owner.setdefault(form, term)  # a variant never steals a main form
        for term in self.terms:
            owner[term.zh] = term
        self._automaton = ahocorasick.Automaton()
        self._han_forms: list[str] = []
        for form, term in sorted(owner.items()):
            key = ascii_lower(form)
            latin = not has_han(form)
            if latin and not re.search(r"\w", form):
                continue
            if key in self._automaton:
                continue  # two Latin forms differing only in case: first one wins
            self._automaton.add_word(key, (form, term, latin))
            if not latin:
                self._han_forms.append(form)
        if len(self._automaton):
            self._automaton.make_automaton()
            self._derive_compound_forms()
        self._tokenizer: jieba.Tokenizer | None = None
        self._cuts = WordCuts(lambda: self.tokenizer)

    def __len__(self) -> int:
        return len(self.terms)

    def _derive_compound_forms(self) -> None:
        """生成式人工智能 → Generative Artificial Intelligence also allows Generative AI when
        the glossary gives AI for 人工智能: a contained term's variants carry over."""
        for term in self.terms:
            if term.keep_as_is:
                continue
            for _end, (_form, sub, _latin) in self._automaton.iter(ascii_lower(term.zh)):
                if sub is term or sub.keep_as_is or len(sub.allowed) < 2:
                    continue
                for whole in term.allowed:
                    for part in sub.allowed:
                        match = re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", whole,
                                          re.IGNORECASE)
                        if not match:
                            continue
                        for other in sub.allowed:
                            if other != part:
                                derived = whole[:match.start()] + other + whole[match.end():]
                                if derived not in term.allowed and derived not in term.derived:
                                    term.derived.append(derived)

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        """jieba with the glossary's Chinese forms as a user dictionary (built on first use)."""
        if self._tokenizer is None:
            tokenizer = fresh_tokenizer(alone=True)
            for form in self._han_forms:
                tokenizer.add_word(form)
                if lookup_form(form) != form:  # a Traditional form, as it is looked up
                    tokenizer.add_word(lookup_form(form))
            self._tokenizer = tokenizer
        return self._tokenizer

    def warm_cuts(self) -> None:
        """Make now what a large check's word cuts build on first use (see
        :meth:`WordCuts.warm`), so forked workers share it."""
        self._cuts.warm()

    def drop_caches(self) -> None:
        """Let go of jieba's dictionary and the cached cuts (built again on next use): a
        parallel check's main process needs neither once its workers are forked."""
        self._tokenizer = None
        self._cuts = WordCuts(lambda: self.tokenizer)

    def _boundaries(self, text: str, spans: list[tuple[int, int]]) -> set[int]:
        """Which ends of ``spans`` are jieba word boundaries (:mod:`aligner.check.wordcuts`:
        jieba's cut, computed as jieba does in one pass, cached by run)."""
        return self._cuts.boundaries(text, spans)

    def find(self, source: str) -> list[Hit]:
        """Glossary terms in ``source``: on word boundaries, longest first, no overlaps."""
        if not len(self._automaton):
            return []
        # plain tuples until the few that are kept: most candidates are dropped
        candidates: list[tuple[int, int, str, Term, bool]] = []
        han_spans: list[tuple[int, int]] = []
        for end, (form, term, latin) in self._automaton.iter(ascii_lower(source)):
            start = end + 1 - len(form)
            if latin:
                before = source[start - 1] if start else " "
                after = source[end + 1] if end + 1 < len(source) else " "
                if _is_word_char(before) and _is_word_char(form[0]):
                    continue
                if _is_word_char(after) and _is_word_char(form[-1]):
                    continue
            else:
                han_spans.append((start, end + 1))
            candidates.append((start, end + 1, form, term, latin))
        if not candidates:
            return []
        if han_spans:
            bounds = self._boundaries(source, han_spans)
            candidates = [c for c in candidates if c[4] or (c[0] in bounds and c[1] in bounds)]
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))  # longest first, then leftmost
        taken = _disjoint(candidates)
        return [Hit(start, end, form, term) for start, end, form, term, _latin in taken]


def _disjoint(candidates: list[tuple[int, int, str, Term, bool]]) -> list[tuple[int, int, str, Term, bool]]:
    """Each candidate in order that overlaps none kept before it, in text order.

    The kept spans are disjoint, so ordered by start their ends are ordered too: only the
    last kept span starting before a candidate's end can overlap it (a bisection, not a scan
    of every kept span: a 3 MB segment has ~10^5 hits, and the scan was quadratic)."""
    starts: list[int] = []
    taken: list[tuple[int, int, str, Term, bool]] = []
    for hit in candidates:
        i = bisect.bisect_left(starts, hit[1])
        if i and taken[i - 1][1] > hit[0]:
            continue
        starts.insert(i, hit[0])
        taken.insert(i, hit)
    return taken


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")
