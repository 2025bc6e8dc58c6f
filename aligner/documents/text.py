"""Character classes and the in-place (one character for one) normalisations of cleaned text.

In-place normalisations never change a paragraph's length, so its line map stays valid; each
one is counted in ``Document.normalised``. The conservation check undoes them with NFKC.
"""
from __future__ import annotations

import re
from collections import Counter

from ..han import count_han, is_han_char as is_han

# Closing punctuation that may follow a sentence end: 。” 。） ?」
CLOSERS = "”’」』）)》〉】〕]\"'"
TERMINALS = "。！？!?…：:"  # not ；: a Chinese paragraph never ends on a semicolon
_FULLWIDTH_OF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def is_cjk(ch: str) -> bool:
    """Han, CJK punctuation and full-width forms: characters written without spaces between."""
    o = ord(ch)
    return is_han(ch) or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF


def is_cjk_context(ch: str) -> bool:
    """Characters that mark Chinese running text around a piece of ASCII punctuation."""
    return is_cjk(ch) or ch in "“”‘’…—·"


_LATIN_RUN = re.compile("[A-Za-z]+")




def count_latin(text: str) -> int:
    return sum(map(len, _LATIN_RUN.findall(text)))


def is_english(text: str) -> bool:
    """A paragraph written in a Latin script with (almost) no Han characters.

    Decided on the first 5,000 characters: enough for any paragraph's language."""
    text = text[:5000]
    latin = count_latin(text)
    return latin >= 2 and count_han(text) <= latin * 0.02


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (maybe inside closing quotes)."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINALS


def soft_join(left: str, right: str) -> str:
    """The separator a soft line break becomes: nothing between Han characters or next to
    CJK punctuation, else one space."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if (is_han(a) and is_han(b)) or (is_cjk(a) and not is_han(a)) or (is_cjk(b) and not is_han(b)):
        return ""  # 发\n展 → 发展; ，\nOpenAI → ，OpenAI
    if is_han(a) or is_han(b):
        other = b if is_han(a) else a
        # 使用\nChatGPT → 使用 ChatGPT, but 流程,\n早期 → 流程,早期
        return " " if other.isalnum() else ""
    if left[-1] == "-" and len(left) > 1 and left[-2].isalpha() and right[0].islower():
        return ""  # a word hyphenated at the line end keeps its hyphen, loses the break
    return " "


def fullwidth_punctuation(text: str, counts: Counter[str]) -> str:
    """ASCII ``, ; : ? !`` and ``( )`` inside Chinese running text → full-width forms.

    A mark is converted when a character next to it is Chinese (``发展,人工`` ``OpenAI,定位``
    ``e/acc),而``), never between Latin letters or digits (``15:41``, ``DeepSeek;ChatGPT``).
    Parentheses are converted as a pair when they enclose Han characters and no Latin letter:
    ``学报(哲学社会科学版)`` → ``学报（哲学社会科学版）`` but ``杨立昆(Yann LeCun)`` is kept.
    """
    if not any(ch in text for ch in ",;:?!("):
        return text
    chars = list(text)
    n = len(chars)
    changed = 0
    open_at = -1
    han_inside = latin_inside = False
    for i, ch in enumerate(chars):
        if ch in _FULLWIDTH_OF:
            left = chars[i - 1] if i else ""
            right = chars[i + 1] if i + 1 < n else ""
            if (left and is_cjk_context(left)) or (right and is_cjk_context(right)):
                chars[i] = _FULLWIDTH_OF[ch]
                changed += 1
        if ch == "(":
            open_at, han_inside, latin_inside = i, False, False
        elif ch == ")" and open_at >= 0:
            if han_inside and not latin_inside:
                chars[open_at], chars[i] = "（", "）"
                changed += 2
            open_at = -1
        elif open_at >= 0:
            if is_han(ch):
                han_inside = True
            elif ch.isascii() and ch.isalpha():
                latin_inside = True
            if i - open_at > 200:
                open_at = -1
    if changed:
        counts["punctuation"] += changed
    return "".join(chars)


def fullwidth_alnum(text: str, counts: Counter[str]) -> str:
    """Full-width Latin letters and digits (``ＡＧＩ``, ``２０２５``) → ASCII."""
    if not any("\uff10" <= ch <= "\uff5a" for ch in text):
        return text
    out = []
    changed = 0
    for ch in text:
        if "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a":
            out.append(chr(ord(ch) - 0xFEE0))
            changed += 1
        else:
            out.append(ch)
    if changed:
        counts["fullwidth"] += changed
    return "".join(out)
