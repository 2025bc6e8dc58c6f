"""Numbers of a Chinese text, read as values (used by the numbers rule).

Two readings. The *strict* one finds what a translation must carry: Arabic numbers (with a
magnitude after them: 3.5万 = 35,000), Chinese numerals that are unmistakably numbers (a run
with a magnitude, 三十, 五千万; a year, 二〇二四年; a range of years), fractions
(三分之一 = 1/3, 百分之二十 = 20%), tenths (三成 = 30%), multiples (两倍 = twice) and
decades (20世纪90年代 = the 1990s). A lone numeral character is not read there: 一 and 十
are in countless words (一些, 统一, 十分). The *loose* one reads every numeral character and
run too (三个 = 3, 第二 = 2, 十点半 = 10 and 30): a number the *target* adds is compared with
it, so a target "3 people" for 三个人 is no finding.

Each number is a set of values a correct rendering may use (三成: 30 or 3/10), as exact
fractions, so one third is one third and 0.5 is one half.
"""
from __future__ import annotations

import re
import unicodedata
from fractions import Fraction
from functools import lru_cache

from .markup import MATH_RE, strip_markup

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
#: 廿 卅 卌 are twenty, thirty, forty in one character (廿三 = 23)
_TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}
_NUMERAL = "零〇一二两俩三四五六七八九十百千万亿廿卅卌"
_CN_RUN = re.compile(f"[{_NUMERAL}]+")
_ARABIC = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!\d)")
_DECADE = re.compile(r"(\d{1,2})\s*世纪\s*(\d0)\s*年代")
_BARE = re.compile(r"\$\s*\d+(?:\.\d+)?\s*\$")  # $64$: a number set in math, still a number
_CN_MAG = re.compile(r"\$?\s*[多余]?(万亿|千万|百万|十万|万|亿|千)")  # $10$万: TeX-wrapped; 100多万
_NUM = rf"(?:\d+(?:\.\d+)?|[{_NUMERAL}]+)"
#: X分之Y: Y/X (百分之二十 = 20%, 三分之一 = 1/3, 千分之五 = 5‰)
_FRACTION = re.compile(rf"({_NUM})分之({_NUM})")
#: a numeral before 成 (tenths: 三成 = 30%) or 倍 (times: 两倍 = twice); 一半 = a half
_TENTHS = re.compile(rf"([{_NUMERAL}]+|\d+(?:\.\d+)?)成")
_TIMES = re.compile(rf"([{_NUMERAL}]+|\d+(?:\.\d+)?)倍")
_HALF = re.compile("一半")
#: a year of the Republic of China (民国元年 = 1912, 民国三十八年 = 1949; the era still numbers
#: Taiwan's years): read as the Gregorian year and as written. Dynastic reign years are not
#: read (their epoch depends on the reign): they stay loose numbers
_ERA = re.compile(rf"(?:中华)?民国\s*(元|\d{{1,3}}|[{_NUMERAL}]+)\s*年")
#: a decade without its century (八十年代 = the eighties = the 1980s; 20年代: 1920s or 2020s)
_DECADE_SHORT = re.compile(rf"(?<![\d{_NUMERAL}世纪])(\d0|[一二三四五六七八九]十)\s*年代")
#: a time of the afternoon or evening (下午三点 = 3 p.m. = 15:00)
_AFTERNOON = re.compile(rf"(?:下午|晚上|傍晚|午后)\s*(\d{{1,2}}|[{_NUMERAL}]+)\s*[点时]")
#: "increased by one times" (增加了一倍) is doubled: after these verbs X倍 may be X+1 times
_INCREASE = re.compile("增加|增长|提高|提升|上升|扩大|翻")
#: a range of years written in Chinese numerals: 二〇二〇至二〇二四年
_YEAR_RANGE = re.compile(r"([零〇一二三四五六七八九]{4})\s*(?:至|到|—|-|~|～|－)\s*(?=[零〇一二三四五六七八九]{4}年)")
#: after a number these make a quantity, not a word (三十年, 五千万元, 两百人)
_COUNTED = set("年月日号个岁元人次倍点%％万亿多余成")
#: a Chinese numeral counts something when a classifier or measure word follows it (Chinese
#: grammar: numeral + classifier + noun), or it ends a clause; otherwise it is part of a name
#: or a set phrase (茅十八在…, 三十而立) and is not read
_MEASURE = set("个年岁月日号天周时分秒刻次回遍倍点元块角毛钱两斤公里米尺寸丈亩克吨升码英"
               "人名位口条件本张只头匹家种项篇章节页部台辆架艘座栋层楼间所场份批群堆套双对"
               "把根棵株片粒颗枚封首句字行段门类级届期代世轮度%％万亿多余来几左上下成") | _COUNTED
#: two neighbouring digits make a guess, not a count: 十七八 (17 or 18), 三四十 (30 or 40)
_APPROX = re.compile("一二|二三|三四|四五|五六|六七|七八|八九")
#: 两 after 十/百/千 is the tael (二十两 = twenty taels), never a digit
_TAEL = re.compile("(?<=[十百千])两(?![百千万亿])")
#: numbering at the start of a segment ("1. ", "> 2. ", "(3) ", "4、"): a list, not a quantity
LIST_MARKER = re.compile(r"\s*(?:>\s*)*(?:[-*+]\s+)?(?:\(?\d{1,2}[.)](?!\d)|（\d{1,2}）|\d{1,2}、|\[\d{1,3}\])")
_ANY_NUMBER = re.compile(f"[0-9\uff10-\uff19{_NUMERAL}]|民国")
#: full-width digits, letters, % and . (３.５％): folded before reading; full-width punctuation
#: (，。) changes no number and is left alone, which spares most Chinese text the folding
_WIDE = re.compile("[\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")

Values = frozenset[Fraction]


@lru_cache(maxsize=4096)
def normal(text: str) -> str:
    """Markup removed; full-width forms folded (NFKC) only where there are any."""
    text = strip_markup(text)
    return unicodedata.normalize("NFKC", text) if _WIDE.search(text) else text


def has_number(text: str) -> bool:
    return bool(_ANY_NUMBER.search(text))


def chinese_value(run: str) -> int:
    """三十 → 30, 三亿五千万 → 350,000,000, 二〇二四 → 2024 (digit by digit), 廿三 → 23."""
    for short, long in _TENS.items():
        run = run.replace(short, long)
    if all(c in _DIGIT for c in run):
        return int("".join(str(_DIGIT[c]) for c in run)) if run else 0
    for big, mult in (("亿", 10 ** 8), ("万", 10 ** 4)):
        at = run.rfind(big)
        if at >= 0:
            left, right = run[:at], run[at + 1:]
            return (chinese_value(left) if left else 1) * mult + (
                chinese_value(right) if right else 0)
    total, digit = 0, None
    for char in run:
        if char in _DIGIT:
            digit = _DIGIT[char]
        else:
            total += (1 if digit is None else digit) * _SMALL[char]
            digit = None
    return total + (digit or 0)


def _value(written: str) -> Fraction:
    """An Arabic or Chinese number as written (3.5, 二十, 三)."""
    if written[0].isdigit():
        return number(written)
    return Fraction(chinese_value(written))


def _fraction(match: re.Match[str]) -> list[Fraction] | None:
    """X分之Y as Y/X and as the percentage a translator may write (1/3: 33, 33.3);
    百分之Y is named as Y (percent)."""
    whole, part = _value(match.group(1)), _value(match.group(2))
    if not whole:
        return None
    value = part / whole
    percent = value * 100
    forms = [percent, value] if whole == 100 else [value, percent]
    return forms + [Fraction(round(percent)), Fraction(round(percent, 1))]


def _decade(match: re.Match[str]) -> list[Fraction] | None:
    """八十年代: 80 as written, and the 1980s (or 2080s: 二十年代 may be the 1920s or 2020s)."""
    n = Fraction(_value(match.group(1)))
    return [n, 1900 + n, 2000 + n] if 10 <= n < 100 and n % 10 == 0 else None


def _in_word(text: str, start: int, end: int) -> bool:
    """True when a CC-CEDICT word starts at ``start`` and runs past ``end``."""
    from ..derivation import dictionary_words

    words = dictionary_words()
    return any(text[start:stop] in words for stop in range(end + 1, min(len(text), start + 6) + 1))


#: what every special form holds (a text without any of these has none: the fast path)
_SPECIAL_GATE = re.compile("分之|[成倍半]|世纪|民国|年代|[午晚]上?[\\d零〇一二两三四五六七八九十]")
#: what takes a source past plain Arabic digits: Chinese numerals that are read (a magnitude,
#: two digits in a row), special forms, full-width digits, TeX math, versions
PLAIN_GATE = re.compile("[十百千万亿廿卅卌〇零\uff10-\uff19$]|[一二两俩三四五六七八九]{2}|分之|[成倍半]|世纪|民国|年代|[午晚]上?\\d"
                        r"|\d\.\d+\.\d")
#: (as written, every value a correct rendering may use, the value a message names)
Number = tuple[str, Values, Fraction]


def _special(text: str) -> tuple[list[Number], str]:
    """Fractions, tenths, multiples, halves and decades (each blanked out once read)."""
    found: list[Number] = []
    if not _SPECIAL_GATE.search(text):
        return found, text

    def take(pattern: re.Pattern[str], values) -> None:  # type: ignore[no-untyped-def]
        nonlocal text
        kept = []
        for match in pattern.finditer(text):
            read = values(match)
            if read is None:
                continue
            main, *others = read
            found.append((match.group(0), frozenset((main, *others)), main))
            kept.append(match.span())
        for start, end in reversed(kept):
            text = text[:start] + " " * (end - start) + text[end:]

    take(_DECADE, lambda m: [Fraction((int(m.group(1)) - 1) * 100 + int(m.group(2)))])
    take(_ERA, lambda m: [Fraction(1911 + (n := 1 if m.group(1) == "元" else int(_value(m.group(1))))),
                          Fraction(n)])
    take(_DECADE_SHORT, _decade)
    take(_AFTERNOON, lambda m: [n, n + 12] if 1 <= (n := _value(m.group(1))) <= 12 else None)
    take(_FRACTION, _fraction)
    # 一成不变 is a word; 七成新 grades a used thing's condition ("hardly used"), not a share
    take(_TENTHS, lambda m: None if _in_word(text, m.start(), m.end() - 1) or text[m.end():m.end() + 1] == "新"
         else [_value(m.group(1)) * 10, _value(m.group(1)) / 10])
    take(_TIMES, lambda m: [(n := _value(m.group(1))), n * 100]  # 三倍: three times, 300%
         + ([n + 1, (n + 1) * 100] if _INCREASE.search(text, max(0, m.start() - 4), m.start()) else []))
    take(_HALF, lambda m: [Fraction(1, 2), Fraction(50)])
    return found, text


def number(digits: str, decimals: str | None = None) -> int | Fraction:
    """A value written in digits: an int when whole (ints and fractions compare and hash
    alike, and an int is ten times quicker to make)."""
    if decimals is None and "." in digits:
        digits, _dot, rest = digits.partition(".")
        decimals = "." + rest
    return Fraction(digits + decimals) if decimals else int(digits)


@lru_cache(maxsize=1024)
def source_numbers(text: str) -> tuple[Number, ...]:
    """(as written, the values a rendering may use) of each number a translation must carry;
    TeX math ($…$) is left out: formulas are copied, and their digits (x_{11}, 10^9) are no
    quantities to translate."""
    if not _ANY_NUMBER.search(text):
        return ()
    text = normal(text)
    if "$" in text:
        text = MATH_RE.sub(lambda m: m.group(0)[1:-1] if _BARE.fullmatch(m.group(0)) else " ", text)
    marker = LIST_MARKER.match(text)
    if marker:
        text = " " * marker.end() + text[marker.end():]
    found, text = _special(text)
    for match in _VERSION.finditer(text):  # 3.10.2: compared as written
        found.append((match.group(0), frozenset(), Fraction(0)))
    text = _VERSION.sub(" ", text)
    text = _HYPERBOLE.sub(lambda m: " " * len(m.group(0)), text)
    for match in _ARABIC.finditer(text):
        if _NAME_AFTER.match(text, match.end()) and len(match.group(0)) == 1:
            continue  # 3D, 5G, 4K: a name, as H100 is; the loose reading still has the digit
        value = number(match.group(1).replace(",", ""), match.group(2))
        written = match.group(0)
        mag = _CN_MAG.match(text, match.end())
        if mag:
            value *= chinese_value(mag.group(1).strip()) or 1
            written += mag.group(0).replace("$", "")
        found.append((written, frozenset({value}), value))
    ranges = {m.start() for m in _YEAR_RANGE.finditer(text)}
    for match in _CN_RUN.finditer(text):
        run, end = match.group(0), match.end()
        tael = _TAEL.search(run)
        if tael:
            run, end = run[:tael.start()], match.start() + tael.start()
        run = run.lstrip("万亿千百")
        start = end - len(run)
        after = text[end:end + 1]
        before = text[max(0, start - 3):start]
        if not any(c in _DIGIT or c in _TENS for c in run):
            continue
        if all(c in _DIGIT for c in run):
            # 二〇二四年 and a range of years; 一一对应 is no number
            if not (len(run) >= 2 and after == "年") and match.start() not in ranges:
                continue
        elif not any(c in _SMALL or c in _TENS or c in "万亿" for c in run) or _APPROX.search(run):
            continue
        if not (after in _MEASURE or not after.strip() or unicodedata.category(after)[0] in "PS"
                or before.endswith(("第", "百分之"))):
            continue  # 茅十八在: a name; 三十而立: a set phrase
        if after not in _COUNTED and _in_word(text, start, end):
            continue  # 十六进制 (hexadecimal), 五十步笑百步: a word, not a number
        written = "百分之" + run if before.endswith("百分之") else run
        value = Fraction(chinese_value(run))
        more = _MORE_MAG.match(text, end)
        if more:  # 一百多亿: more than ten billion
            value *= chinese_value(more.group(1))
            written += more.group(0)
        found.append((written, frozenset({value}), value))
    return tuple(found)


#: a single digit glued to one capital letter (3D, 5G, 4K) names a technology or a thing
_NAME_AFTER = re.compile(r"[A-Z](?![A-Za-z0-9])")
#: a hyperbolic count of a refusal (一万个不愿意: "absolutely not"), no quantity to translate
_HYPERBOLE = re.compile("一[百千万]个(?=[不没])")
#: approximate numbers: 约三十, 近百, 四十多, 三十来, 五十左右, 一百出头
_ABOUT_BEFORE = re.compile("(?:约|大约|大概|近|将近|接近|差不多|几乎|约莫)$")
_ABOUT_AFTER = re.compile("[多余来]|左右|上下|出头")


def approximate(source: str, written: str) -> bool:
    """Whether ``written`` stands in ``source`` as an approximation (约三十, 四十多年)."""
    at = source.find(written)
    if at < 0:
        return False
    return bool(_ABOUT_BEFORE.search(source, max(0, at - 3), at)
                or _ABOUT_AFTER.match(source, at + len(written)))


#: a version or a section number with two dots or more (3.10.2): no quantity, kept as written
_VERSION = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.])")
def arabic_tokens(text: str) -> set[str]:
    """The Arabic numbers of a source as written (35,000; 3.5): what the fast path compares."""
    return {m.group(0) for m in _ARABIC.finditer(text)}


_MORE_MAG = re.compile("[多余来]?(万亿|亿|万)")
_AND_HALF = re.compile(rf"(\d+|[{_NUMERAL}]+)[^\d{_NUMERAL}半]?半")
_LOOSE_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def loose_values(text: str) -> set[Fraction]:
    """Every value the text may mean, read generously: all of :func:`source_numbers`, every
    digit sequence, every numeral run and each of its characters (二三十: 2, 3, 30), 半 as a
    half and as half an hour (十点半 = 10:30). What a number the target adds is checked against."""
    values: set[Fraction] = set()
    for _written, alternatives, _main in source_numbers(text):  # cached: the rule read them
        values |= alternatives
    text = normal(text)
    for match in _LOOSE_DIGITS.finditer(text.replace(",", "")):
        values.add(number(match.group(0)))
    for match in _CN_RUN.finditer(text):
        run = match.group(0)
        values.add(Fraction(chinese_value(run)))
        values.update(Fraction(_DIGIT[c]) for c in run if c in _DIGIT)
        values.update(Fraction(_SMALL[c]) for c in run if c in _SMALL)
    for match in _TENTHS.finditer(text):  # 八成 is also a word (probably); here it may be 80%
        values |= {_value(match.group(1)) * 10, _value(match.group(1)) / 10}
    if "半" in text:
        values |= {Fraction(1, 2), Fraction(30), Fraction(50)}
        for match in _AND_HALF.finditer(text):  # 一个半小时 = 1.5 hours, 三天半 = 3.5 days
            values.add(_value(match.group(1)) + Fraction(1, 2))
    return values
