"""Quantities with a unit, and the values a translator may legitimately convert them to.

A translator for an American or British reader may convert a measure (50公斤 → "110
pounds", 三十英尺 → "9 metres", 零下十度 → "14°F"): the number changes, the quantity does
not. :func:`source_quantities` reads each number of a Chinese source that a unit of mass,
length, temperature, area, volume or speed follows (a range 30至40公斤 gives both ends the
unit), and :func:`conversions` gives the value of each quantity in every other unit of its
dimension whose English name the target uses (so a number is never excused because of a
unit the target does not mention). :func:`close` allows for the rounding translators do
(5%, or the converted value rounded to as many significant digits as the target writes).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

_F = Fraction

#: unit → (dimension, factor to the dimension's base unit, Chinese names, English pattern)
#: (temperature: factors are unused; :func:`_temperature` converts)
_UNITS: dict[str, tuple[str, Fraction, tuple[str, ...], str]] = {
    "kg": ("mass", _F(1), ("公斤", "千克"), r"kg|kilo(?:gram(?:me)?)?s?"),
    "g": ("mass", _F(1, 1000), ("克",), r"g|gram(?:me)?s?"),
    "jin": ("mass", _F(1, 2), ("斤", "市斤"), r"jin|catt(?:y|ies)"),
    "t": ("mass", _F(1000), ("吨", "公吨"), r"tonnes?|tons?"),
    "lb": ("mass", _F("0.45359237"), ("磅",), r"lbs?|pounds?"),
    "oz": ("mass", _F("0.028349523125"), ("盎司",), r"oz|ounces?"),
    "stone": ("mass", _F("6.35029318"), ("英石",), r"stones?"),
    "m": ("length", _F(1), ("米", "公尺"), r"m|met(?:re|er)s?"),
    "km": ("length", _F(1000), ("公里", "千米"), r"km|kilomet(?:re|er)s?"),
    "cm": ("length", _F(1, 100), ("厘米", "公分"), r"cm|centimet(?:re|er)s?"),
    "mm": ("length", _F(1, 1000), ("毫米",), r"mm|millimet(?:re|er)s?"),
    "ft": ("length", _F("0.3048"), ("英尺", "呎"), r"ft|feet|foot"),
    "in": ("length", _F("0.0254"), ("英寸", "吋"), r"inch(?:es)?"),
    "mi": ("length", _F("1609.344"), ("英里", "哩"), r"mi|miles?"),
    "yd": ("length", _F("0.9144"), ("码",), r"yds?|yards?"),
    "nmi": ("length", _F(1852), ("海里",), r"nautical miles?|nmi"),
    "chi": ("length", _F(1, 3), ("尺", "市尺"), r"chi"),
    "li": ("length", _F(500), ("里", "市里"), r"li"),
    "m2": ("area", _F(1), ("平方米", "平米"), r"m2|m²|sq\.? ?m|square met(?:re|er)s?"),
    "km2": ("area", _F(10 ** 6), ("平方公里", "平方千米"), r"km2|km²|sq\.? ?km|square kilomet(?:re|er)s?"),
    "ha": ("area", _F(10 ** 4), ("公顷",), r"ha|hectares?"),
    "mu": ("area", _F(10 ** 4, 15), ("亩",), r"mu"),
    "acre": ("area", _F("4046.8564224"), ("英亩",), r"acres?"),
    "ft2": ("area", _F("0.09290304"), ("平方英尺",), r"ft2|ft²|sq\.? ?ft|square f(?:ee|oo)t"),
    "mi2": ("area", _F("2589988.110336"), ("平方英里",), r"sq\.? ?mi|square miles?"),
    "l": ("volume", _F(1), ("升", "公升"), r"l|lit(?:re|er)s?"),
    "ml": ("volume", _F(1, 1000), ("毫升",), r"ml|millilit(?:re|er)s?"),
    "m3": ("volume", _F(1000), ("立方米",), r"m3|m³|cubic met(?:re|er)s?"),
    "gal": ("volume", _F("3.785411784"), ("加仑",), r"gal|gallons?"),
    "imp_gal": ("volume", _F("4.54609"), (), r"gal|gallons?"),
    "pint": ("volume", _F("0.473176473"), ("品脱",), r"pints?"),
    "kmh": ("speed", _F(5, 18), ("公里每小时", "千米每小时", "公里/小时", "千米/小时", "公里/时"),
            r"km/h|kph|kmh|kilomet(?:re|er)s? (?:per|an) hour"),
    "ms": ("speed", _F(1), ("米每秒", "米/秒"), r"m/s|met(?:re|er)s? (?:per|a) second"),
    "mph": ("speed", _F("0.44704"), ("英里每小时", "英里/小时"), r"mph|miles? (?:per|an) hour"),
    "kn": ("speed", _F("0.514444"), ("节",), r"knots?"),
    "C": ("temperature", _F(1), ("摄氏度", "℃", "°C", "度"), r"°\s?C|℃|degrees? (?:Celsius|centigrade)|Celsius"),
    "F": ("temperature", _F(1), ("华氏度", "℉", "°F"), r"°\s?F|℉|degrees? Fahrenheit|Fahrenheit"),
    "K": ("temperature", _F(1), ("开尔文",), r"kelvins?"),
}
_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_NUMBER = rf"(?:\d+(?:\.\d+)?|[{_NUMERAL}]+)"
_ZH_NAMES = sorted(((name, unit) for unit, (_d, _f, names, _e) in _UNITS.items() for name in names),
                   key=lambda item: -len(item[0]))
_UNIT_OF = dict(_ZH_NAMES)
_ZH_UNIT = "|".join(re.escape(name) for name, _unit in _ZH_NAMES)
#: 50公斤, 30至40公斤 (both ends), 零下十度, -5℃, 3.5万平方公里, 时速一百公里 (a speed)
_QUANTITY = re.compile(rf"(时速|零下|[-−])?\s*({_NUMBER})\s*(?:(?:至|到|-|~|～|－)\s*({_NUMBER}))?\s*(万|亿)?\s*"
                       rf"(?:多|余|来)?\s*({_ZH_UNIT})")


@dataclass(frozen=True)
class Quantity:
    value: Fraction
    unit: str


def _number(written: str) -> Fraction:
    from .numerals_zh import chinese_value, number

    if written[0].isdigit():
        return Fraction(number(written))
    return Fraction(chinese_value(written))


@lru_cache(maxsize=1024)
def source_quantities(text: str) -> tuple[Quantity, ...]:
    """Each number of a Chinese text with the unit after it (a range gives both ends)."""
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(text):
        prefix, first, second, magnitude, name = match.groups()
        unit = _UNIT_OF[name]
        if prefix == "时速" and _UNITS[unit][0] == "length":
            unit = {"km": "kmh", "mi": "mph"}.get(unit, unit)
        scale = {"万": 10 ** 4, "亿": 10 ** 8}.get(magnitude or "", 1)
        sign = -1 if prefix in ("零下", "-", "−") else 1
        for written in (first, second):
            if written and any(c.isdigit() or c in _NUMERAL[:-4] or c in "十百千" for c in written):
                found.append(Quantity(sign * _number(written) * scale, unit))
    return tuple(found)


@lru_cache(maxsize=64)
def _english(unit: str) -> re.Pattern[str]:
    # a one-letter symbol (m, g, l, C, F, K) only in its own case; names in any case
    return re.compile(rf"(?<![A-Za-z])(?:{_UNITS[unit][3]})(?![A-Za-z])", 0 if len(unit) == 1 else re.I)


def _temperature(value: Fraction, unit: str, other: str) -> Fraction:
    celsius = {"C": value, "F": (value - 32) * Fraction(5, 9), "K": value - Fraction("273.15")}[unit]
    return {"C": celsius, "F": celsius * Fraction(9, 5) + 32, "K": celsius + Fraction("273.15")}[other]


def conversions(quantity: Quantity, target: str) -> list[Fraction]:
    """The quantity's value in each other unit of its dimension that the target names."""
    dimension, factor = _UNITS[quantity.unit][:2]
    values = []
    for other, (dim, other_factor, _names, _en) in _UNITS.items():
        if (dim != dimension or _UNITS[other][3] == _UNITS[quantity.unit][3]
                or not _english(other).search(target)):
            continue
        if dimension == "temperature":
            values.append(_temperature(quantity.value, quantity.unit, other))
        else:
            values.append(quantity.value * factor / other_factor)
    return values


def _significant(value: Fraction) -> int:
    digits = format(float(value), "f").rstrip("0").rstrip(".").replace(".", "").lstrip("-0")
    return max(1, len(digits.rstrip("0")) if float(value) == int(value) else len(digits))


def close(written: Fraction, converted: Fraction, *, temperature: bool = False) -> bool:
    """Whether ``written`` is ``converted`` as a translator rounds it: within 5% (1 degree
    for a temperature, whose zero is arbitrary), or ``converted`` rounded to the
    significant digits ``written`` has (110 pounds for 49.9 kg: 110.0)."""
    written, converted = abs(written), abs(converted)
    if temperature:
        return abs(written - converted) <= 1
    if converted == 0:
        return written == 0
    if abs(written - converted) <= converted / 20:
        return True
    digits = _significant(written)
    return float(f"{float(converted):.{digits}g}") == float(written)


def converted_values(source: str, target: str) -> list[tuple[Fraction, Fraction, bool]]:
    """(source value, a converted value the target may write, whether a temperature) for
    each quantity of the source and each unit of its dimension the target names."""
    return [(quantity.value, value, _UNITS[quantity.unit][0] == "temperature")
            for quantity in source_quantities(source) for value in conversions(quantity, target)]


def any_close(values: Iterable[Fraction], converted: list[tuple[Fraction, Fraction, bool]],
              source_value: Fraction | None = None) -> bool:
    """Whether one of ``values`` is a conversion (of ``source_value`` when given)."""
    return any(close(v, c, temperature=t) for v in values for s, c, t in converted
               if source_value is None or abs(s) == abs(source_value))
