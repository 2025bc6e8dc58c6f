"""Brackets, quotes and spaces in the target.

A target bracket or quote is reported only when the target is unbalanced *and* the source
is not unbalanced the same way: a segment cut in the middle of a parenthesis (by the
segmenter or the translator's CAT tool) carries the half bracket on both sides, and that is
no error of the translation. Chinese and English pairs count as one kind, so （…） in the
source and (…) in the target agree.

Whitespace: leading or trailing whitespace the source does not have (or lacks what the
source has), and a double space inside the target that the source does not have.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Finding, Severity
from ..units import Unit
from .markup import _TAG_RE, MATH_RE
from .registry import Family, RuleSpec, register, unit_finding

BRACKET = RuleSpec("unpaired-bracket", Severity.WARNING,
                   "a bracket in the target is not closed or not opened (and the source is balanced)")
QUOTE = RuleSpec("unpaired-quote", Severity.WARNING,
                 "a quotation mark in the target is not closed (and the source is balanced)")
EDGE = RuleSpec("edge-whitespace", Severity.WARNING,
                "the target starts or ends with whitespace the source does not (or the reverse)")
DOUBLE = RuleSpec("double-space", Severity.INFO,
                  "the target has two spaces in a row and the source does not")

_PAIRS = {"(": ")", "（": "）", "[": "]", "［": "］", "【": "】", "〔": "〕", "{": "}",
          "｛": "｝", "《": "》", "〈": "〉", "「": "」", "『": "』"}
_KIND = {"(": "()", "（": "()", ")": "()", "）": "()", "[": "[]", "［": "[]", "【": "[]",
         "〔": "[]", "]": "[]", "］": "[]", "】": "[]", "〕": "[]", "{": "{}", "｛": "{}",
         "}": "{}", "｝": "{}", "《": "<>", "〈": "<>", "》": "<>", "〉": "<>", "「": "“”",
         "『": "‘’", "」": "“”", "』": "‘’"}
_QUOTES = {"“": ("“”", 1), "”": ("“”", -1), "‘": ("‘’", 1), "’": ("‘’", -1)}
_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)|(?<=s)’(?!\w)")  # it’s, users’ : not a closing quote
_SPACES = re.compile(r"[ \u00a0\u3000]{2,}")
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|\{\{?[\w.]*\}?\}|https?://\S+")
_INCH = re.compile(r'(?<=\d)"')  # 2.5" is an inch mark, not a quotation mark


def _bracket_balance(text: str) -> dict[str, int]:
    """Per kind of bracket: opens minus closes, and -1000 when a close comes first."""
    text = _MARKUP.sub(" ", MATH_RE.sub(" ", text))
    depth: dict[str, int] = {}
    bad: set[str] = set()
    for char in text:
        kind = _KIND.get(char)
        if kind is None:
            continue
        depth[kind] = depth.get(kind, 0) + (1 if char in _PAIRS else -1)
        if depth[kind] < 0:
            bad.add(kind)
    return {k: (v if k not in bad else -1000) for k, v in depth.items() if v or k in bad}


def _quote_balance(text: str) -> dict[str, int]:
    if "<" in text:  # quotes around attribute values (<a title="4-1">) are markup, not text
        text = _TAG_RE.sub(" ", text)
    text = _INCH.sub("", _APOSTROPHE.sub("", text))
    balance: dict[str, int] = {}
    for char in text:
        if char in _QUOTES:
            kind, step = _QUOTES[char]
            balance[kind] = balance.get(kind, 0) + step
    plain = text.count('"')
    if plain % 2:
        balance['"'] = 1
    return {k: v for k, v in balance.items() if v}


def _fold_quotes(balance: dict[str, int]) -> set[str]:
    """Kinds unbalanced, with Chinese corner brackets and curly quotes as one family."""
    return {("quote" if k in ("“”", "‘’", '"') else k) for k in balance}


_ANY_BRACKET = re.compile("[" + re.escape("".join(_KIND)) + "]")
_ANY_QUOTE = re.compile("[\"“”‘’]")


def check_punctuation(unit: Unit) -> Iterator[Finding]:
    source, target = unit.source, unit.target
    target_brackets = _bracket_balance(target) if _ANY_BRACKET.search(target) else {}
    if target_brackets:
        source_brackets = _bracket_balance(source)
        odd = sorted(k for k, v in target_brackets.items()
                     if k not in ("“”", "‘’") and source_brackets.get(k) != v)
        if odd:
            yield unit_finding(unit, BRACKET, source_term=" ".join(odd), expected=(),
                               message=f"the target has unpaired {' '.join(odd)} brackets")
    target_quotes = _fold_quotes(_quote_balance(target)) if _ANY_QUOTE.search(target) else set()
    if target_quotes:
        source_quotes = _fold_quotes(_quote_balance(source)) | {
            "quote" for k, v in _bracket_balance(source).items() if k in ("“”", "‘’")}
        if "quote" in target_quotes and "quote" not in source_quotes:
            yield unit_finding(unit, QUOTE, source_term="", expected=(),
                               message="the target has an unpaired quotation mark")
    where = [w for w, i in (("start", 0), ("end", -1))
             if target[i].isspace() != (source[i].isspace() if source else False)]
    if where:
        yield unit_finding(unit, EDGE, source_term="", expected=(),
                           message=f"whitespace at the {' and '.join(where)} of the target "
                                   "differs from the source")
    if "  " in target.strip() or "\u3000" in target or "\u00a0" in target:
        if _SPACES.search(target.strip()) and not _SPACES.search(source.strip()):
            yield unit_finding(unit, DOUBLE, source_term="", expected=(),
                               message="the target has a double space")


FAMILY = register(Family("punctuation", (BRACKET, QUOTE, EDGE, DOUBLE),
                         unit_check=check_punctuation))
