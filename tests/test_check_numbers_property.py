"""Property: a number written any correct way in the source and any correct way in the target
gives no finding in either direction (``number-mismatch``, ``number-added``); a wrong number
in digits gives both.

The renderings are generated from the value, not listed: Chinese numerals with 万/亿 and
两 (三亿五千万零二十), 廿/卅, digits with a Chinese magnitude (3.5万), full-width digits,
years in 〇-digits, fractions (三分之二), tenths (三成), multiples (两倍), decades
(三十年) and ordinals (第二十一) on the source side; digits with separators, number words
as said aloud ("two hundred thirty-five thousand six hundred"), magnitudes ("3.5 million"),
fractions ("two thirds", "2/3", "67%"), percentages, "twice", decades and ordinals
("twenty-first", "21st") on the target side.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import Unit, all_rules, check

ALL = frozenset(r.id for r in all_rules())
_CN = "零一二三四五六七八九"
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORD = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
        "nine": "ninth", "twelve": "twelfth"}


def chinese(n: int, *, liang: bool = False) -> str:
    """An integer in Chinese numerals, as written: 三亿五千万零二十; 两 for a leading 2."""
    if n == 0:
        return "零"
    out = ""
    for big, mult in (("亿", 10 ** 8), ("万", 10 ** 4)):
        if n >= mult:
            head, n = divmod(n, mult)
            out += chinese(head, liang=liang) + big
            if n and n < mult // 10:
                out += "零"
    digits = ""
    zero = False
    for char, mult in (("千", 1000), ("百", 100), ("十", 10)):
        d, n = divmod(n, mult)
        if d:
            if zero:
                digits += "零"
            word = "两" if liang and d == 2 and mult >= 100 and not digits and not out else _CN[d]
            digits += ("" if d == 1 and mult == 10 and not digits and not out else word) + char
            zero = False
        elif digits:
            zero = True
    if n:
        digits += ("零" if zero else "") + _CN[n]
    return out + digits


def words(n: int) -> str:
    """An integer in English words: two hundred thirty-five thousand six hundred."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        return _ONES[n // 100] + " hundred" + (" " + words(n % 100) if n % 100 else "")
    for name, mult in (("billion", 10 ** 9), ("million", 10 ** 6), ("thousand", 1000)):
        if n >= mult:
            return words(n // mult) + " " + name + (" " + words(n % mult) if n % mult else "")
    raise AssertionError(n)


def ordinal_words(n: int) -> str:
    text = words(n)
    head, _sep, last = text.rpartition("-") if "-" in text else ("", "", text)
    last = _ORD.get(last) or (last[:-1] + "ieth" if last.endswith("y") else last + "th")
    return f"{head}-{last}" if head else last


def suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


@st.composite
def rendering(draw: st.DrawFn) -> tuple[str, str]:
    """(a number in a Chinese source, the same number in an English target)."""
    kind = draw(st.sampled_from(["integer", "wan", "year", "fraction", "tenths", "times",
                                 "decades", "ordinal", "twenties"]))
    if kind == "integer":
        n = draw(st.integers(10, 2_000_000_000))
        source = draw(st.sampled_from([chinese(n), chinese(n, liang=True), str(n),
                                       _fullwidth(str(n))]))
        target = draw(st.sampled_from([str(n), f"{n:,}", words(n)]))
        return source, target
    if kind == "wan":
        whole, tenth = draw(st.integers(1, 999)), draw(st.integers(1, 9))
        big, mult, name = draw(st.sampled_from([("万", 10 ** 4, None), ("亿", 10 ** 8, "million")]))
        value = (whole * 10 + tenth) * mult // 10
        target = f"{value:,}" if name is None else f"{value / 10 ** 6:g} {name}"
        return f"{whole}.{tenth}{big}", target
    if kind == "year":
        year = draw(st.integers(1900, 2099))
        source = "".join("〇一二三四五六七八九"[int(c)] for c in str(year)) + "年"
        return source, draw(st.sampled_from([str(year), f"in {year}"]))
    if kind == "fraction":
        whole = draw(st.integers(2, 9))
        part = draw(st.integers(1, whole - 1))
        pct = round(100 * part / whole)
        name = ordinal_words(whole) if whole > 2 else "half"
        english = f"{words(part)} {name}{'s' if part > 1 and whole > 2 else ''}"
        return f"{_CN[whole]}分之{_CN[part]}", draw(st.sampled_from(
            [english, f"{part}/{whole}", f"{pct}%", f"{pct} percent"]))
    if kind == "tenths":
        d = draw(st.integers(2, 9))
        return f"{_CN[d]}成", draw(st.sampled_from([f"{d * 10}%", f"{words(d * 10)} percent"]))
    if kind == "times":
        d = draw(st.integers(2, 9))
        return f"{'两' if d == 2 else _CN[d]}倍", draw(st.sampled_from(
            [f"{words(d)} times", f"{d} times", {2: "twice", 3: "triple"}.get(d, f"{words(d)}fold")]))
    if kind == "decades":
        d = draw(st.integers(2, 9))
        return f"{_CN[d]}十年", draw(st.sampled_from([f"{words(d)} decades", f"{d * 10} years"]))
    if kind == "twenties":
        d = draw(st.integers(1, 9))
        tens, name = draw(st.sampled_from([("廿", 20), ("卅", 30)]))
        return f"{tens}{_CN[d]}日", draw(st.sampled_from([str(name + d), suffix(name + d)]))
    n = draw(st.integers(10, 99))
    return f"第{chinese(n)}", draw(st.sampled_from([ordinal_words(n), suffix(n)]))


@st.composite
def unit(draw: st.DrawFn) -> tuple[str, str]:
    parts = draw(st.lists(rendering(), min_size=1, max_size=3))
    return ("数字包括" + "；".join(p[0] for p in parts) + "。",
            "The figures include " + "; ".join(p[1] for p in parts) + ".")


@settings(max_examples=300, deadline=None)
@given(unit())
def test_a_correct_rendering_gives_no_number_finding(pair: tuple[str, str]) -> None:
    source, target = pair
    report = check([Unit("t.tmx", "1", 1, source, target)], [], rules=ALL)
    assert report.findings == [], (source, target, [f.message for f in report.findings])


@settings(max_examples=100, deadline=None)
@given(unit(), st.integers(100_001, 999_999))
def test_a_wrong_number_in_digits_is_found_both_ways(pair: tuple[str, str], wrong: int) -> None:
    """A number the source has, written wrong in the target in digits: the source's number is
    missing and the target's is added."""
    source, target = pair
    right, written = f"{wrong + 1}.75", f"{wrong}.25"  # no rendering above has two decimals
    report = check([Unit("t.tmx", "1", 1, f"{source}另有{right}项。", f"{target} Also {written} items.")],
                   [], rules=ALL)
    assert sorted((f.rule, f.source_term) for f in report.findings) == [
        ("number-added", written), ("number-mismatch", right)]


def test_the_writers_agree_with_known_forms() -> None:
    """The generators themselves (a wrong writer would make the property vacuous)."""
    assert chinese(350_000_020) == "三亿五千万零二十"
    assert chinese(12) == "十二" and chinese(2024) == "二千零二十四"
    assert chinese(2400, liang=True) == "两千四百"
    assert words(235_600) == "two hundred thirty-five thousand six hundred"
    assert ordinal_words(21) == "twenty-first" and ordinal_words(40) == "fortieth"
    assert suffix(12) == "12th" and suffix(23) == "23rd"
