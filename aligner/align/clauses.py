"""The first and last clause of a sentence: where a bead's borders show.

Translators split and join sentences, but a clause rarely moves across a sentence border: the
last clause of a Chinese sentence is still the end of its English counterpart, and the first
clause the start. Comparing the clauses on either side of a candidate border (see
``scorers/border.py``) tells which of two neighbouring beads an English sentence belongs to,
which the embedding of a whole bead, diluted by the sentences around it, cannot.
"""
from __future__ import annotations

import re

_ZH_BREAK = re.compile(r"[，；：,;:]")
_EN_BREAK = re.compile(r"[,;:](?=\s)|\s[—–-]+\s|—")
_QUOTES = "“”‘’\"'「」『』《》()（）"
MIN_CLAUSE = 2  # characters; shorter pieces ("Oh,", "嗯，") are not clauses of their own


def clauses(sentence: str, lang: str) -> list[str]:
    """The sentence cut at commas, semicolons, colons (and dashes in English), quotes removed.

    A sentence without such a break is its own single clause.
    """
    pattern = _ZH_BREAK if lang == "zh" else _EN_BREAK
    parts = [p.strip().strip(_QUOTES).strip() for p in pattern.split(sentence)]
    parts = [p for p in parts if len(p) >= MIN_CLAUSE]
    return parts or [sentence.strip()]


def head_and_tail(sentence: str, lang: str) -> tuple[str, str]:
    """First and last clause (the same text for a one-clause sentence)."""
    parts = clauses(sentence, lang)
    return parts[0], parts[-1]


def _trim(sentence: str, a: int, b: int) -> tuple[int, int]:
    """Offsets of ``sentence[a:b].strip().strip(_QUOTES).strip()`` within ``sentence``."""
    for chars in (None, _QUOTES, None):
        piece = sentence[a:b]
        left = piece.lstrip(chars)
        a += len(piece) - len(left)
        b = a + len(left.rstrip(chars))
    return a, b


def clause_spans(sentence: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of each of :func:`clauses`, so that ``sentence[start:end]`` is the clause."""
    pattern = _ZH_BREAK if lang == "zh" else _EN_BREAK
    spans, at = [], 0
    for cut in [*pattern.finditer(sentence), None]:
        end = cut.start() if cut is not None else len(sentence)
        a, b = _trim(sentence, at, end)
        if b - a >= MIN_CLAUSE:
            spans.append((a, b))
        if cut is not None:
            at = cut.end()
    return spans or [(len(sentence) - len(sentence.lstrip()), len(sentence.rstrip()))]
