"""What counts as a Chinese (Han) character, in one place for the whole package.

Every reader, segmenter, extractor and check asks the same question ("is this Han?",
"does this text hold Chinese?"), and answering it with a hand-written range in each module
gave different answers for the same character: a compatibility ideograph (U+F900–FAFF,
which NFKC-free text from old encoders keeps) or a character from Extension B and later
(names and rare words: 𠮷, 𡘙) was Chinese to one stage and not to the next. The class is
the CJK Unified Ideographs with Extension A, the compatibility ideographs, and the
supplementary ideographic planes (Extensions B–H and the compatibility supplement).
The Yijing hexagram symbols between Extension A and the main block (U+4DC0–4DFF) are not
Han and are left out.
"""
from __future__ import annotations

import re

__all__ = ["HAN", "HAN_CHAR", "HAN_RUN", "count_han", "has_han", "is_han_char"]

#: the class body, for composing patterns: ``f"[{HAN}]+"``, ``f"[^{HAN}]"``
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")


def is_han_char(ch: str) -> bool:
    """``ch`` (one character) is a Han character: the same class as :data:`HAN`, tested by
    code point because readers and segmenters ask it once per character (a test holds the
    two to each other over every code point)."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x323AF)


def has_han(text: str) -> bool:
    """``text`` holds at least one Han character."""
    return HAN_CHAR.search(text) is not None


def count_han(text: str) -> int:
    """How many Han characters ``text`` holds."""
    return sum(map(len, HAN_RUN.findall(text)))
