"""Whether a file given as Chinese is in fact English, and its Chinese paragraphs if so."""
from __future__ import annotations

from ..model import Lang, Paragraph
from .text import count_han, count_latin, is_english

#: A file is English when it opens in English, at most this share of its paragraphs is
#: Chinese and they hold at most this share of its letters (a Han character counted as
#: two): one quoted Chinese paragraph or name list does not make an English file Chinese.
ENGLISH_FILE_HAN_SHARE = 0.3


def mostly_english(text: str) -> bool:
    """True when ``text`` is an English document, decided paragraph by paragraph. (A
    Chinese paper opens in Chinese, however long its English abstract.)"""
    blocks = [b for b in text.split("\n\n") if count_han(b) or count_latin(b)]
    if not blocks or not is_english(blocks[0]):
        return False
    chinese = [b for b in blocks if not is_english(b)]
    han = sum(count_han(b) for b in chinese) * 2
    letters = han + sum(count_latin(b) for b in blocks)
    return len(chinese) <= len(blocks) * ENGLISH_FILE_HAN_SHARE and han <= letters * ENGLISH_FILE_HAN_SHARE


def foreign_paragraphs(paragraphs: list[Paragraph], lang: Lang) -> list[tuple[int, str]]:
    """(line, first words) of each paragraph of an English file written in Chinese."""
    if lang is not Lang.EN:
        return []
    return [(p.line, p.text[:30]) for p in paragraphs if not is_english(p.text) and count_han(p.text)]
