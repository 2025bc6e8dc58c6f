"""Numbers of an English text, read as values (used by the numbers rule).

:func:`target_values` reads every value the text may mean, generously: digits (35,000; 3.5
million; 35k; 2020–24 as 2024; 1/3), number words as a phrase is read aloud ("two hundred
thirty-five thousand", "a dozen", "two decades" = 20, "three centuries" = 300), ordinals
(first, twenty-first, 2nd), fractions (one third, two thirds, a quarter, half), multiples
(twice, double, triple, threefold) and month names (March = 3). A number of the source is
found when one of its values is among them.

:func:`added_numbers` reads only what a translator writes in digits, strictly: a target number
the source lacks is compared with the source read generously. Numbers in URLs, code and
placeholders (stripped before), after a letter (H100, x86, v2), list markers at the start of
the segment ("1.", "2)", "[3]") and version strings (1.2.3, compared as written) are left out.
"""
from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

from .markup import MATH_RE
from .numerals_zh import _WIDE, LIST_MARKER, normal, number

_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_WORDS.update({w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2})
_MAGNITUDES = {"hundred": 100, "thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9,
               "trillion": 10 ** 12}
#: every word of a number said aloud (one reader's table: partial-unit counts them as no words)
NUMBER_WORDS = frozenset(_WORDS) | frozenset(_MAGNITUDES)
#: nouns that multiply the number before them: two decades = 20, a dozen = 12
_UNITS = {"dozen": 12, "dozens": 12, "decade": 10, "decades": 10, "century": 100,
          "centuries": 100, "score": 20}
_TIMES = {"once": 1, "single": 1, "twice": 2, "double": 2, "doubled": 2, "doubles": 2,
          "thrice": 3, "triple": 3, "tripled": 3, "triples": 3, "treble": 3, "trebled": 3,
          "quadruple": 4, "quadrupled": 4}
#: to increment is to add one (n 增加 1 → "increments n"), to decrement to take one away
_TIMES.update({w: 1 for w in ("increment", "increments", "incremented", "incrementing",
                              "decrement", "decrements", "decremented", "decrementing")})
_SHARES = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
_IRREGULAR = {"first": 1, "second": 2, "third": 3, "fifth": 5, "eighth": 8, "ninth": 9,
              "twelfth": 12}
_MONTHS = {m: i for i, m in enumerate(
    "_ January February March April May June July August September October November "
    "December".split()) if i}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_EN_MAG = {"hundred": 100, "thousand": 1000, "million": 10 ** 6, "billion": 10 ** 9,
           "trillion": 10 ** 12, "k": 1000, "m": 10 ** 6, "bn": 10 ** 9, "dozen": 12,
           "decade": 10, "decades": 10, "century": 100, "centuries": 100}
_EN_MAG_RE = re.compile(r"[\s-]*(hundred|thousand|million|billion|trillion|bn|k|m|dozen|"
                        r"decades?|century|centuries)\b", re.I)
_ARABIC = re.compile(r"(?<![0-9.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!\d)")
_SLASH = re.compile(r"(?<![\d/])(\d+)/(\d+)(?![\d/])")
_SHORT_RANGE = re.compile(r"(?<!\d)(\d\d)(\d\d)\s*[-–—]\s*(\d\d)(?!\d)")  # 2020–24
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_PERCENT = re.compile(r"\s*(?:%|percent\b|per cent\b)", re.I)


def ordinal(word: str) -> int | None:
    """first → 1, twentieth → 20, hundredth → 100, twenty-first → 21; None for no ordinal."""
    parts = word.split("-")
    last = parts[-1]
    if last in _IRREGULAR:
        value = _IRREGULAR[last]
    elif last.endswith("ieth") and last[:-4] + "y" in _WORDS:
        value = _WORDS[last[:-4] + "y"]
    elif last.endswith("th") and (last[:-2] in _WORDS or last[:-2] in _MAGNITUDES):
        value = _WORDS.get(last[:-2]) or _MAGNITUDES[last[:-2]]
    else:
        return None
    head = parts[:-1]
    if head and all(p in _WORDS for p in head):
        value += sum(_WORDS[p] for p in head)
    elif head:
        return None
    return value


def _cardinal(word: str) -> int | None:
    """thirty-five → 35, seven → 7, eighties → 80, zeros → 0; None otherwise."""
    parts = word.split("-")
    if all(p in _WORDS for p in parts):
        return sum(_WORDS[p] for p in parts)
    if len(parts) == 1:
        if word.endswith("ies") and word[:-3] + "y" in _WORDS:
            return _WORDS[word[:-3] + "y"]  # the eighties, in her twenties
        if word.endswith("s") and word[:-1] in _WORDS:
            return _WORDS[word[:-1]]  # zeros, ones, tens
        if word.endswith("es") and word[:-2] in _WORDS:
            return _WORDS[word[:-2]]  # zeroes
    return None


def _compound(word: str) -> int | None:
    """The number leading a compound: eighty-year-old → 80, three-k → 3."""
    parts = word.split("-")
    lead = 0
    while lead < len(parts) and parts[lead] in _WORDS:
        lead += 1
    return sum(_WORDS[p] for p in parts[:lead]) if 0 < lead < len(parts) else None


def _share(value: Fraction) -> set[Fraction]:
    """A fraction and the percentages a translator writes for it (1/3: 33, 33.3)."""
    percent = value * 100
    return {value, percent, Fraction(round(percent)), Fraction(round(percent, 1))}


def _word_values(text: str) -> set[Fraction]:
    """Values of the number words, read phrase by phrase as they are said aloud."""
    values: set[Fraction] = set()
    total = current = 0
    active = False
    end = 0
    before_and: Fraction | None = None  # one and a half: the one
    word = ""

    def flush() -> None:
        nonlocal total, current, active
        if active:
            values.add(Fraction(total + current))
        total = current = 0
        active = False

    for match in _WORD.finditer(text):
        if text[end:match.start()].strip(" \u00a0"):
            flush()  # a comma, a digit: the phrase has ended
        end = match.end()
        raw = match.group(0)
        previous, word = word, raw.lower()
        if raw in _MONTHS:
            values.add(Fraction(_MONTHS[raw]))
        number = _cardinal(word)
        if number is not None:
            current += number
            active = True
            values.add(Fraction(number))
            continue
        if word in ("a", "an"):
            before_and = Fraction(total + current) if active and previous == "and" else None
            flush()
            values.add(Fraction(1))  # a week, a million: the number one
            current, active = 1, True
            continue
        if word == "and" and active:
            continue  # one hundred and five
        if word in _MAGNITUDES and active:
            if word == "hundred":
                current = (current or 1) * 100
            else:
                total += (current or 1) * _MAGNITUDES[word]
                current = 0
            continue
        numerator = total + current
        if word in _UNITS:
            values.add(Fraction((numerator or 1) * _UNITS[word]))
        elif word in _SHARES:  # half, a quarter, three quarters, one and a half
            values |= _share(Fraction(numerator or 1, _SHARES[word]))
            if before_and is not None and previous == "a":
                values.add(before_and + Fraction(numerator or 1, _SHARES[word]))
        elif word in _TIMES:
            values.add(Fraction(_TIMES[word]))
        elif word.endswith("fold") and _cardinal(word[:-4].rstrip("-")) is not None:
            values.add(Fraction(_cardinal(word[:-4].rstrip("-")) or 0))  # threefold
        else:
            place = ordinal(word[:-1] if word.endswith("s") and ordinal(word[:-1]) else word)
            if place is not None:
                values.add(Fraction(place))
                if active and numerator:  # one third, two fifths, twenty first
                    values |= _share(Fraction(numerator, place))
                    values.add(Fraction(numerator + place))
            elif _compound(word) is not None:  # eighty-year-old, three-fold
                values.add(Fraction(_compound(word) or 0))
        flush()
    flush()
    return values


def target_values(text: str, *, words: bool = True) -> set[Fraction]:
    """Every value an English text writes, in digits (and in words unless ``words`` is
    false: reading the words is the slow part, needed only when the digits fall short).
    Numbers inside tags and URLs count here (<Listing number="4-1">)."""
    text = unicodedata.normalize("NFKC", text) if _WIDE.search(text) else text
    values: set[Fraction] = set()
    for match in _ARABIC.finditer(text):  # digits after letters too: \times3, H100
        value = number(match.group(1).replace(",", ""), match.group(2))
        values.add(value)
        mag = _EN_MAG_RE.match(text, match.end())
        if mag:
            values.add(value * _EN_MAG[mag.group(1).lower()])
    if "/" in text:
        values.update(Fraction(int(a), int(b)) for a, b in _SLASH.findall(text) if int(b))
    if "-" in text or "–" in text or "—" in text:
        values.update(Fraction(int(a + c)) for a, _b, c in _SHORT_RANGE.findall(text))
    if words:
        values |= _word_values(text)
    return values


def _century_before(text: str, end: int) -> str | None:
    r"""The century of a year and a dash ending ``text[:end]`` (``2020–`` before ``24``): what
    ``(\d\d)\d\d\s*[-–—]\s*$`` would find searched in ``text[:end]``, read backwards from
    ``end`` (searching from 0 for every number was quadratic in a long segment)."""
    i = end
    while i and text[i - 1].isspace():
        i -= 1
    if not i or text[i - 1] not in "-–—":
        return None
    i -= 1
    while i and text[i - 1].isspace():
        i -= 1
    year = text[max(i - 4, 0):i]
    return year[:2] if len(year) == 4 and all(c.isdecimal() for c in year) else None


#: what takes a target past plain Arabic digits (markup, math, full-width digits, versions)
PLAIN_GATE = re.compile(r"://|www\.|[@{%$<\uff10-\uff19]|\d\.\d+\.\d", re.I)


def digit_tokens(text: str) -> tuple[set[str], set[str]]:
    """(every Arabic number the target reading sees, the ones a source must have) as written."""
    return ({m.group(0) for m in _ARABIC.finditer(text)},
            {m.group(0) for m in _STRICT.finditer(text)})


_STRICT = re.compile(r"(?<![A-Za-z0-9_.,])(\d{1,3}(?:,\d{3})+|\d+)((?:\.\d+)+)?(?![\d])")


def added_numbers(text: str) -> list[tuple[str, frozenset[Fraction]]]:
    """(as written, the values it may mean) of each number the text writes in digits,
    for a target number to be looked for in the source."""
    text = normal(text)
    if "$" in text:
        text = MATH_RE.sub(" ", text)
    marker = LIST_MARKER.match(text)
    if marker:  # a list marker: "1." "2)" "[3]" at the start of the segment
        text = " " * marker.end() + text[marker.end():]
    found = []
    for match in _STRICT.finditer(text):
        digits, decimals = match.group(1).replace(",", ""), match.group(2) or ""
        if digits == "00" and text[match.start() - 1:match.start()] == ":":
            continue  # the minutes of 15:00: the hour is the number
        if decimals.count(".") > 1:
            found.append((match.group(0), frozenset()))  # a version: compared as written
            continue
        value = number(digits, decimals)
        values = {value}
        mag = _EN_MAG_RE.match(text, match.end())
        if mag:
            values.add(value * _EN_MAG[mag.group(1).lower()])
        if _PERCENT.match(text, match.end()):
            values.add(value / 100)
        century = _century_before(text, match.start()) if len(digits) == 2 else None
        if century:  # 2020–24
            values.add(Fraction(int(century + digits)))
        found.append((match.group(0), frozenset(values)))
    return found
