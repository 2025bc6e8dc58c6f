"""The segments OmegaT 3.6 makes of a raw plain-text file, without our cleaning.

A TMX entry is only used when its source text equals OmegaT's segment exactly. These
functions reproduce what OmegaT shows the translator, so the pipeline (or a test) can check
a TMX source against it: OmegaT's text filter makes a paragraph of each block of non-empty
lines, keeps the line breaks inside it, and hands it to the segmenter, which strips it,
normalises it to NFC and applies the SRX rules.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from ..model import Lang, Segment
from .sentences import split_sentences
from .srx import SegmentationRules

__all__ = ["CatSource", "MatchKind", "cat_sources", "omegat_segments", "text_filter_paragraphs"]


def text_filter_paragraphs(text: str) -> list[tuple[int, str]]:
    """``(first line, paragraph)`` for each paragraph of OmegaT's text filter.

    A paragraph ends at an empty line: one that Java's ``String.trim`` empties (it strips
    U+0000-U+0020 only, so a line holding an ideographic space is not empty). Line ends
    become ``\\n``; a leading byte-order mark is dropped.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), 1):
        if all(ord(ch) <= 0x20 for ch in line):
            if current:
                paragraphs.append((first, "\n".join(current)))
                current = []
        else:
            if not current:
                first = number
            current.append(line)
    if current:
        paragraphs.append((first, "\n".join(current)))
    return paragraphs


def omegat_segments(
    text: str, lang: Lang | str = Lang.ZH, rules: SegmentationRules | None = None,
    line_map: Sequence[int] = (),
) -> list[tuple[int, str]]:
    """``(line, segment)`` for each segment OmegaT shows for a raw plain-text file.

    ``line_map[i]`` is the original line of ``text``'s line ``i + 1`` when ``text`` is a
    reader's rendering of a structured file (what that format's filter shows)."""
    out: list[tuple[int, str]] = []
    for first, para in text_filter_paragraphs(text):
        for start, end in split_sentences(para, lang, rules):
            line = first + para.count("\n", 0, start)
            if line_map and 0 < line <= len(line_map):
                line = line_map[line - 1]
            out.append((line, unicodedata.normalize("NFC", para[start:end])))
    return out


class MatchKind(str, Enum):
    """How a cleaned sentence corresponds to the segment OmegaT shows."""

    EXACT = "exact"  # same text
    NORMALISED = "normalised"  # same after NFKC width folding, without whitespace and ** `
    PREFIX = "prefix"  # OmegaT's segment also holds a removed prefix (label, bullet, marker)


@dataclass(frozen=True)
class CatSource:
    """The text a CAT tool looks up for one of our sentences, and how sure that is."""

    text: str
    kind: MatchKind


MAX_PREFIX = 12  # longest removed prefix (摘要:, a bullet, a speaker label) still accepted


def _is_marker(prefix: str) -> bool:
    """A removed prefix we accept: marks and numbers (### • ^1 2.) or a label (肖茜: 摘要:)."""
    if not prefix or len(prefix) > MAX_PREFIX:
        return False
    if not any(ch.isalpha() for ch in prefix):
        return True
    return prefix.endswith(":") and ":" not in prefix[:-1]


_MARKUP = frozenset("*`")  # Markdown emphasis and code marks, which our cleaning removes


def _fold(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace() and ch not in _MARKUP
    )


def cat_sources(
    segments: Sequence[Segment], raw_text: str, rules: SegmentationRules | None = None,
    line_map: Sequence[int] = (),
) -> list[CatSource | None]:
    """For each cleaned sentence, OmegaT's segment of the raw file that it corresponds to.

    Our cleaning (full-width punctuation, squeezed spaces, Markdown marks, removed labels)
    helps alignment
    but a TMX entry is only used when its source equals OmegaT's segment. A sentence maps
    to the OmegaT segment covering its source line whose folded text is equal, or ends with
    it after a removed marker or label (``###``, ``•``, ``^1``, ``肖茜:``, ``摘要:``); ``None`` when there is no such segment (a paragraph
    re-joined across a page break, debris removed inside the sentence).
    """
    by_line: dict[int, list[str]] = {}
    lang = segments[0].lang if segments else Lang.ZH
    for line, text in omegat_segments(raw_text, lang, rules, line_map):
        for covered in range(line, line + text.count("\n") + 1):
            by_line.setdefault(covered, []).append(text)
    out: list[CatSource | None] = []
    for seg in segments:
        candidates = by_line.get(seg.line, [])
        found: CatSource | None = None
        if seg.text in candidates:
            found = CatSource(seg.text, MatchKind.EXACT)
        else:
            folded = _fold(seg.text)
            for text in candidates:
                theirs = _fold(text)
                if theirs == folded:
                    found = CatSource(text, MatchKind.NORMALISED)
                    break
                if folded and theirs.endswith(folded) and _is_marker(theirs[: -len(folded)]):
                    found = found or CatSource(text, MatchKind.PREFIX)
        out.append(found)
    return out
