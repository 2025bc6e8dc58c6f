"""Numbers: every number of the source must be in the target, whatever way it is written.

Both sides are read as *values*, so the comparison survives the ways a translator may
legitimately write a number: full-width digits (２０２４), thousands separators (35,000),
Chinese magnitudes (3.5万 = 35,000; 2亿 = 200 million), Chinese numerals with a magnitude
(三十, 五千万, 百分之三十), Chinese years (二〇二四年), English number words (thirty,
3.5 million, 35 thousand) and month names (2024年3月 against March 2024).

A lone Chinese numeral character is not read as a number: 一 and 十 are in countless
words (一些, 统一, 十分), and a substring reader that took them would drown the real
findings. Numbers inside URLs, e-mail addresses and placeholders belong to the markup rules.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from ...model import Finding, Severity
from ..units import Unit
from .markup import MATH_RE, strip_markup
from .registry import Family, RuleSpec, register, unit_finding

NUMBER_MISMATCH = RuleSpec(
    "number-mismatch", Severity.ERROR,
    "a number, date or percentage of the source is missing or different in the target")

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10 ** 4, "亿": 10 ** 8}
_CN_RUN = re.compile("[零〇一二两三四五六七八九十百千万亿]+")
_ARABIC = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!\d)")
_TARGET_ARABIC = re.compile(r"(?<![0-9.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!\d)")
_DECADE = re.compile(r"(\d{1,2})\s*世纪\s*(\d0)\s*年代")
_BARE = re.compile(r"\$\s*\d+(?:\.\d+)?\s*\$")  # $64$: a number set in math, still a number
_CN_MAG = re.compile(r"\$?\s*(万亿|千万|百万|十万|万|亿|千)")  # $10$万: TeX-wrapped
_EN_MAG = {"hundred": 100, "thousand": 1000, "million": 10 ** 6, "billion": 10 ** 9,
           "trillion": 10 ** 12, "k": 1000, "m": 10 ** 6, "bn": 10 ** 9}
_EN_MAG_RE = re.compile(r"[\s-]*(hundred|thousand|million|billion|trillion|bn|k|m)\b", re.I)
_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_WORDS.update({w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2})
_ORDINALS = {w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_MONTHS = {m: i for i, m in enumerate(
    "_ January February March April May June July August September October November "
    "December".split()) if i}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_EN_WORD = re.compile(r"\b([A-Za-z]+)(?:-([a-z]+))?\b")


def _chinese_value(run: str) -> int:
    """三十 → 30, 三亿五千万 → 350,000,000, 二〇二四 → 2024 (digit by digit)."""
    if all(c in _DIGIT for c in run):
        return int("".join(str(_DIGIT[c]) for c in run))
    for big, mult in (("亿", 10 ** 8), ("万", 10 ** 4)):
        at = run.rfind(big)
        if at >= 0:
            left, right = run[:at], run[at + 1:]
            return (_chinese_value(left) if left else 1) * mult + (
                _chinese_value(right) if right else 0)
    total, digit = 0, None
    for char in run:
        if char in _DIGIT:
            digit = _DIGIT[char]
        else:
            total += (1 if digit is None else digit) * _SMALL[char]
            digit = None
    return total + (digit or 0)


#: after a number these make a quantity, not a word (三十年, 五千万元, 两百人)
_COUNTED = set("年月日号个岁元人次倍点%％万亿多余")


def _in_word(text: str, start: int, end: int) -> bool:
    """True when a CC-CEDICT word starts at ``start`` and runs past ``end``."""
    from ..derivation import dictionary_words

    words = dictionary_words()
    return any(text[start:stop] in words for stop in range(end + 1, min(len(text), start + 6) + 1))


def _plain(value: Decimal) -> Decimal:
    return value.normalize() if value == value.to_integral() else value


_ANY_NUMBER = re.compile("[0-9\uff10-\uff19十百千万亿〇零]")
_WIDE = re.compile("[\uff01-\uff5e]")


def _normal(text: str) -> str:
    """Markup removed; full-width forms folded (NFKC) only where there are any."""
    text = strip_markup(text)
    return unicodedata.normalize("NFKC", text) if _WIDE.search(text) else text


def source_numbers(text: str) -> list[tuple[str, Decimal]]:
    """(as written, value) of each number of a Chinese source; TeX math ($…$) is left out:
    formulas are copied, and their digits (x_{11}, 10^9) are no quantities to translate."""
    if not _ANY_NUMBER.search(text):  # a Chinese number without digits needs a magnitude
        return []
    text = _normal(text)
    if "$" in text:
        text = MATH_RE.sub(lambda m: m.group(0)[1:-1] if _BARE.fullmatch(m.group(0)) else " ", text)
    found: list[tuple[str, Decimal]] = []
    for match in _DECADE.finditer(text):  # 20世纪90年代: the 1990s
        found.append((match.group(0), Decimal((int(match.group(1)) - 1) * 100 + int(match.group(2)))))
    text = _DECADE.sub(" ", text)
    for match in _ARABIC.finditer(text):
        try:
            value = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
        written = match.group(0)
        mag = _CN_MAG.match(text, match.end())
        if mag:
            value *= _chinese_value(mag.group(1).strip()) or 1
            written += mag.group(0).replace("$", "")
        found.append((written, _plain(value)))
    for match in _CN_RUN.finditer(text):
        run = match.group(0).lstrip("万亿千百")
        after = text[match.end():match.end() + 1]
        before = text[max(0, match.start() - 3):match.start()]
        has_digit = any(c in _DIGIT for c in run)
        if not has_digit:
            continue
        if all(c in _DIGIT for c in run):
            if not (len(run) >= 2 and after == "年"):  # 二〇二四年; 一一对应 is no number
                continue
        elif not any(c in _SMALL or c in _BIG for c in run):
            continue
        if after not in _COUNTED and _in_word(text, match.start() + len(match.group(0)) - len(run),
                                              match.end()):
            continue  # 十六进制 (hexadecimal), 五十步笑百步: a word, not a number
        value = _chinese_value(run)
        found.append(("百分之" + run if before.endswith("百分之") else run, Decimal(value)))
    return found


def target_numbers(text: str, *, words: bool = True) -> set[Decimal]:
    """Every value an English target writes, in digits (and in words unless ``words`` is
    false: reading the words is the slow part, needed only when the digits fall short)."""
    text = _normal(text)
    values: set[Decimal] = set()
    for match in _TARGET_ARABIC.finditer(text):  # digits after letters too: \times3, H100
        value = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        values.add(_plain(value))
        mag = _EN_MAG_RE.match(text, match.end())
        if mag:
            values.add(_plain(value * _EN_MAG[mag.group(1).lower()]))
    if not words:
        return values
    found = list(_EN_WORD.finditer(text))
    for i, match in enumerate(found):
        word, second = match.group(1), match.group(2)
        lower = word.lower()
        value = None
        if lower in _WORDS:
            value = _WORDS[lower] + (_WORDS.get(second, 0) if second else 0)
        elif lower in _ORDINALS:
            value = _ORDINALS[lower]
        elif word in _MONTHS:
            value = _MONTHS[word]
        elif lower in ("a", "an", "once", "single"):  # a week, a million: the number one
            value = 1
        if value is None:
            continue
        values.add(Decimal(value))
        mag = _EN_MAG_RE.match(text, match.end())
        if mag and word not in _MONTHS:
            values.add(Decimal(value * _EN_MAG[mag.group(1).lower()]))
    return values


def _show(value: Decimal) -> str:
    """35,000 and 3.5 as a reader writes them; a year stays 2024."""
    if value != value.to_integral():
        return f"{value:f}"
    return f"{int(value):,}" if value >= 10000 else str(int(value))


def check_numbers(unit: Unit) -> Iterator[Finding]:
    numbers = source_numbers(unit.source)
    if not numbers:
        return
    have = target_numbers(unit.target, words=False)
    missing = [(written, value) for written, value in numbers if value not in have]
    if missing:
        have = target_numbers(unit.target)
        missing = [(written, value) for written, value in missing if value not in have]
    if missing:
        items = dict.fromkeys(w if _show(v) == w else f"{w} (= {_show(v)})" for w, v in missing)
        written = ", ".join(dict.fromkeys(w for w, _v in missing))
        expected = tuple(dict.fromkeys(_show(v) for _w, v in missing))
        yield unit_finding(unit, NUMBER_MISMATCH, source_term=written, expected=expected,
                           message=f"the source has {', '.join(items)} but the target does not")


FAMILY = register(Family("numbers", (NUMBER_MISMATCH,), unit_check=check_numbers))
