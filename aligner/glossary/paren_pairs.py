"""Evidence type ``paren``: pairs written with brackets in the Chinese text.

Forms handled, ASCII and full-width alike:

* 中文(English) and 中文(English, ABBR):   杨立昆(Yann LeCun)
* 中文（English: definition）:              莫拉维克悖论（Moravec's Paradox: …）
* ABBR（English: 中文）:                    TSMC（Taiwan Semiconductor …: 台湾积体电路…）
* Latin（English: definition）:             H100（Nvidia H100: 英伟达推出的…）
* English(中文):                            "Build, Baby, Build!"(建吧，宝贝，建吧！)
* 中文(English,原名 Other):                 推特(X,原名 Twitter)
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..model import Paragraph, Source, TermKind, TermStatus
from . import lexicon
from .boundary import STOP_WORDS, Boundary, find_boundary, quoted_term
from .candidate import Candidate, Evidence
from .coverage import extend_left, spells_acronym, without_context_word
from .left_edge import category_for_name, trim_clause
from .kinds import kind_from_context
from .inner import (
    InnerParse,
    is_abbreviation,
    leading_name,
    parse_alias_inner,
    parse_chinese_inner,
    parse_english_inner,
    short_chinese_name,
)
from .parens import paren_groups
from .text import has_han, has_latin, is_latin_word_char, tidy

from ..bounds import BRACKET_WINDOW

MAX_DEFINITION = 400
NAME_CUES = ("quote", "transliteration", "chinese-name")  # a name's edge is not a clause's


def paren_candidates(
    stem: str, paragraph: Paragraph, count: Callable[[str], int]
) -> Iterator[Candidate]:
    """Every bracket pair in one paragraph that reads as a translation.

    Each bracket sees only the :data:`~aligner.bounds.BRACKET_WINDOW` characters before it,
    so a paragraph of many brackets costs time linear in its length.
    """
    text = paragraph.text
    consumed: list[tuple[int, int]] = []  # nested brackets an outer one read as its abbreviation
    for group in paren_groups(text, nested=True):
        if any(start < group.start and group.end < end for start, end in consumed):
            continue
        base = max(0, group.start - BRACKET_WINDOW)
        prefix = text[base : group.start]
        window: Any = _Window(text[base : group.end], base, paragraph)
        parsed = parse_english_inner(group.inner) or parse_alias_inner(group.inner)
        if parsed is not None:
            if any(f"({a})" in group.inner or f"（{a}）" in group.inner for a in parsed.abbreviations):
                consumed.append((group.start, group.end))
            candidate = _chinese_then_english(stem, window, prefix, parsed, count)
        else:
            candidate = (_english_then_chinese(stem, window, prefix, group.inner)
                         or _inner_chinese_abbreviation(stem, paragraph, group.start, group.inner))
        if candidate is not None:
            if candidate.context_kind is None:
                candidate.context_kind = _context_kind(prefix, candidate.zh, text[group.end : group.end + 40])
            yield candidate


class _Window:
    """The part of a paragraph one bracket sees; offsets are relative to ``base``."""

    def __init__(self, text: str, base: int, paragraph: Paragraph) -> None:
        self.text, self.base, self.paragraph = text, base, paragraph

    def line_at(self, offset: int) -> int:
        return self.paragraph.line_at(self.base + offset)


def _context_kind(prefix: str, term: str, after: str) -> TermKind | None:
    """What the words around ``term（…）`` say it is (“星际之门”(Stargate)计划: a programme)."""
    stripped = prefix.rstrip(" 　*\"”’」")
    before = stripped[: -len(term)] if term and stripped.endswith(term) else ""
    return kind_from_context(after, before[-12:].rstrip(" 　*\"“‘「"), term)


def _source(stem: str, paragraph: Paragraph, offset: int) -> Source:
    return Source(stem, paragraph.line_at(offset))


def _latin_prefix(prefix: str) -> tuple[str, int] | None:
    """The Latin term right before the bracket (``TSMC``, ``METR eval``), if there is one."""
    quoted = quoted_term(prefix)
    if quoted and not has_han(quoted[0]) and has_latin(quoted[0]):
        return quoted
    end = len(prefix.rstrip())
    i = end
    while i > 0:
        ch = prefix[i - 1]
        if is_latin_word_char(ch) or ch == "*":
            i -= 1
        elif ch == " " and i >= 2 and is_latin_word_char(prefix[i - 2]) and i < end:
            i -= 1
        else:
            break
    while i < end and prefix[i] in " .,'-/&+":
        i += 1
    run = prefix[i:end]
    if run and has_latin(run):
        return run, i
    return None


def _glued_chinese(prefix: str, start: int, english: str) -> tuple[str, int] | None:
    """特斯拉FSD: a Chinese word glued to the Latin run that translates part of the English."""
    if start == 0 or not has_han(prefix[start - 1]):
        return None
    words = lexicon.words(prefix[max(0, start - 12) : start])
    if not words:
        return None
    last = words[-1]
    if last in STOP_WORDS or not has_han(last) or not lexicon.gloss_matches(last, english):
        return None
    return last, start - len(last)


def _chinese_then_english(
    stem: str, paragraph: Paragraph, prefix: str, parsed: InnerParse, count: Callable[[str], int]
) -> Candidate | None:
    en = tidy(parsed.en)
    if not en:
        return None
    rest = parsed.rest.strip()
    latin = _latin_prefix(prefix)
    if latin is not None:
        term, start = latin
        glued = _glued_chinese(prefix, start, parsed.en)
        if glued is not None:
            term, start = glued[0] + term, glued[1]
        term = tidy(term)
        named = leading_name(rest) if rest and not has_han(term) else None
        if named is not None:
            # ABBR（English: 中文[，definition]）: the Chinese name is the term; ABBR a variant.
            offset = len(prefix) + 1 + max(0, parsed_offset(prefix, paragraph.text, named[0]))
            variants = tuple(dict.fromkeys([term, *parsed.abbreviations, *parsed.aliases]))
            return Candidate(tidy(named[0]), en, Evidence.PAREN, _source(stem, paragraph, offset),
                             definition=_definition(named[1]), variants=tuple(v for v in variants if v != en),
                             cue="colon")
        if term.casefold() == en.casefold() and not parsed.abbreviations:
            return None  # Journal(Journal) or a repeated word: nothing to pair
        if not rest and _initials_match(term, en):
            # Public Benefit Corporation（PBC）: a Latin term kept as-is, with its abbreviation.
            return Candidate(term, term, Evidence.PAREN, _source(stem, paragraph, start),
                             variants=(en,), keep_as_is=True, cue="latin-abbreviation")
        if not rest and not parsed.abbreviations and not parsed.aliases:
            return None  # Latin(Latin) with nothing Chinese: an English aside
        variants = tuple(v for v in dict.fromkeys([*parsed.abbreviations, *parsed.aliases]) if v not in (term, en))
        return Candidate(term, en, Evidence.PAREN, _source(stem, paragraph, start),
                         definition=_definition(rest), variants=variants, keep_as_is=not has_han(term),
                         cue="latin", context=prefix)
    boundary = find_boundary(prefix, en, count)
    if boundary is None:
        return None
    status = TermStatus.ATTESTED
    if boundary.cue not in NAME_CUES:
        edge = trim_clause(boundary.term, en, count)
        if edge.cut:
            boundary = Boundary(edge.term, boundary.start + edge.cut, boundary.cue)
            if edge.uncertain:
                status = TermStatus.PROPOSED
        grown = extend_left(prefix, boundary.term, boundary.start, en, count)
        if grown.start != boundary.start:
            boundary = Boundary(grown.term, grown.start, boundary.cue)
            if grown.guessed:
                status = TermStatus.PROPOSED
    en = without_context_word(en, boundary.term, prefix, boundary.start)
    if category_for_name(boundary.term, en):
        return None  # 数据库(PostgreSQL): a category word and an instance, not a translation
    variants = list(parsed.abbreviations) + list(parsed.aliases)
    definition = ""
    if rest:
        if short_chinese_name(rest):
            variants.append(rest)
        else:
            definition = _definition(rest)
    return Candidate(
        boundary.term, en, Evidence.PAREN, _source(stem, paragraph, boundary.start),
        definition=definition, variants=tuple(dict.fromkeys(v for v in variants if v != en)), cue=boundary.cue,
        context=prefix, status=status,
    )


def _english_then_chinese(stem: str, paragraph: Paragraph, prefix: str, inner: str) -> Candidate | None:
    zh = parse_chinese_inner(inner)
    latin = _latin_prefix(prefix)
    if latin is not None and zh is None and spells_acronym(inner, latin[0]):
        zh = inner.strip()  # RBAC（基于角色的访问控制）: 的 and 基于 belong to the expansion
    if zh is None or latin is None:
        return None
    term, start = latin
    en = tidy(term)
    unit = re.match(r"\d[\d.,]*\s*(?=[A-Za-z]{2})", en)
    if unit:
        en = en[unit.end():]  # 7200RPM（每分钟转数）: the bracket explains the unit, not the number
    if len(en) < 2 or en.isdigit():
        return None
    return Candidate(tidy(zh), en, Evidence.PAREN, _source(stem, paragraph, len(prefix) + 1), cue="english-first")


def _inner_chinese_abbreviation(stem: str, paragraph: Paragraph, start: int, inner: str) -> Candidate | None:
    """内存（随机访问存储，RAM）: the bracket holds a Chinese full name and its abbreviation."""
    pieces = [p.strip() for p in re.split(r"[,，;；]", inner)]
    if len(pieces) != 2 or not short_chinese_name(pieces[0]) or not is_abbreviation(pieces[1]):
        return None
    if any(w in STOP_WORDS for w in lexicon.words(pieces[0])):
        return None
    return Candidate(pieces[0], pieces[1], Evidence.PAREN, _source(stem, paragraph, start + 1), cue="inner-chinese")


def _initials_match(term: str, abbreviation: str) -> bool:
    """``PBC`` abbreviates ``Public Benefit Corporation``."""
    words = [w for w in re.split(r"[\s-]+", term) if w and w.lower() not in ("of", "and", "the", "for")]
    return len(words) >= 2 and "".join(w[0] for w in words).upper() == abbreviation.upper()


def parsed_offset(prefix: str, text: str, name: str) -> int:
    """Offset of ``name`` inside the bracket that starts right after ``prefix``."""
    at = text.find(name, len(prefix))
    return at - len(prefix) - 1 if at >= 0 else 0


def _definition(rest: str) -> str:
    rest = rest.strip().rstrip("。.;；")
    return rest[:MAX_DEFINITION]
