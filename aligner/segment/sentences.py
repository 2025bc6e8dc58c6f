"""Paragraphs to sentences, applying SRX rules the way OmegaT does.

A translation memory only helps if the CAT tool looks up the same segments we wrote, so the
algorithm copies OmegaT 3.6's ``Segmenter`` rather than the SRX spec's idealised one:

* the paragraph is first stripped of surrounding whitespace and NO-BREAK SPACE (OmegaT's
  ``ParseEntry.stripSomeChars``), and the rules run on what is left, so ``^`` anchors there;
* for every rule, ``beforebreak`` is searched left to right (non-overlapping matches, like
  Java's ``Matcher.find``); a candidate break sits at the end of each match, and counts when
  the ``afterbreak`` matcher, also advanced left to right, has a match starting exactly there;
* at each position the first rule (in cascade order) that produced it decides break or not;
* each piece is trimmed of Java whitespace (``Character.isWhitespace``: not NO-BREAK SPACE)
  and empty pieces are dropped.
"""
from __future__ import annotations

from collections.abc import Sequence

import regex

from ..model import Lang, Paragraph, Segment
from .languages import srx_code
from .srx import Rule, SegmentationRules, load_rules

__all__ = ["break_positions", "segment_paragraphs", "split_sentences"]

_ANY = regex.compile(".", regex.DOTALL)  # OmegaT's stand-in for a missing <beforebreak>

# java.lang.Character.isWhitespace: Zs/Zl/Zp except the no-break spaces, plus controls.
JAVA_WHITESPACE: frozenset[str] = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \u1680\u2028\u2029\u205f\u3000"
    + "".join(chr(c) for c in range(0x2000, 0x200B) if c != 0x2007)
)


def _rule_breaks(text: str, rule: Rule) -> list[int]:
    """Positions where ``rule`` applies, found exactly as OmegaT's ``getBreaks`` does."""
    if rule.before_re is None and rule.after_re is None:
        return []
    after_iter = rule.after_re.finditer(text) if rule.after_re is not None else None
    after = next(after_iter, None) if after_iter is not None else None
    if after_iter is not None and after is None:
        return []
    found: list[int] = []
    for match in (rule.before_re or _ANY).finditer(text):
        end = match.end()
        if after_iter is None:
            found.append(end)
            continue
        assert after is not None
        start = after.start()
        while start < end:
            after = next(after_iter, None)
            if after is None:
                return found
            start = after.start()
        if start == end:
            found.append(end)
    return found


def break_positions(text: str, rules: Sequence[Rule]) -> list[int]:
    """Sorted offsets where ``text`` breaks; the earliest rule decides each position."""
    decided: dict[int, bool] = {}
    for rule in rules:
        for pos in _rule_breaks(text, rule):
            decided.setdefault(pos, rule.is_break)
    return sorted(pos for pos, is_break in decided.items() if is_break)


# OmegaT strips these around a whole paragraph before segmenting it.
PARAGRAPH_STRIP = JAVA_WHITESPACE | {"\xa0"}


def _trimmed(text: str, start: int, end: int, strip: frozenset[str]) -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def split_sentences(
    text: str, lang: Lang | str, rules: SegmentationRules | None = None
) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets into ``text``, in order, without surrounding spaces.

    ``lang`` picks the SRX language rules (``Lang.ZH`` is looked up as ``zh-CN``);
    ``rules=None`` uses the packaged OmegaT-compatible rules. Every character that is not
    whitespace lies inside exactly one sentence.
    """
    if rules is None:
        rules = load_rules()
    active = rules.rules_for(srx_code(lang))
    first, last = _trimmed(text, 0, len(text), PARAGRAPH_STRIP)
    body = text[first:last]
    cuts = [first + pos for pos in break_positions(body, active) if 0 < pos < len(body)]
    spans: list[tuple[int, int]] = []
    prev = first
    for pos in [*cuts, last]:
        start, end = _trimmed(text, prev, pos, JAVA_WHITESPACE)
        if start < end:
            spans.append((start, end))
        prev = pos
    return spans


def segment_paragraphs(
    paragraphs: Sequence[Paragraph], doc: str, rules: SegmentationRules | None = None
) -> list[Segment]:
    """Sentences of every paragraph, each with its document, source line, role and paragraph.

    ``Segment.para`` counts paragraphs of the same language in ``paragraphs``, so a list
    holding one side of a document numbers that side from 0.
    """
    if rules is None:
        rules = load_rules()
    segments: list[Segment] = []
    counters: dict[Lang, int] = {}
    for para in paragraphs:
        index = counters.get(para.lang, 0)
        counters[para.lang] = index + 1
        for start, end in split_sentences(para.text, para.lang, rules):
            segments.append(
                Segment(
                    text=para.text[start:end],
                    lang=para.lang,
                    doc=doc,
                    line=para.line_at(start),
                    role=para.role,
                    para=index,
                )
            )
    return segments
