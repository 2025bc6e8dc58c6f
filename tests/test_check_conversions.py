"""Quantities converted to another unit (aligner/check/rules/numerals_units.py) and the other
equivalences of the numbers rule: each pair must pass, and the same pair with the number
changed must not."""
from __future__ import annotations

import pytest

from aligner.check.rules.numbers import check_numbers
from aligner.check.units import Unit


def _rules(source: str, target: str) -> list[str]:
    return [f.rule for f in check_numbers(Unit("mine.po", "u", 1, source, target))]


@pytest.mark.parametrize("source,target,wrong", [
    ("这只箱子重五十公斤。", "The box weighs 110 pounds.", "The box weighs 150 pounds."),
    ("这只箱子重五十公斤。", "The box weighs 110 Pounds.", "The box weighs 150 Pounds."),
    ("这根绳子长十米。", "The rope is 33 feet long.", "The rope is 50 feet long."),
    ("那条河宽两英里。", "The river is 3.2 km wide.", "The river is 2.2 km wide."),
    ("外面是零下十度。", "It is 14°F outside.", "It is 30°F outside."),
    ("水烧到100℃。", "The water reaches 212 degrees Fahrenheit.", "The water reaches 200 degrees Fahrenheit."),
    ("这块地有三公顷。", "The plot is 7.4 acres.", "The plot is 3.7 acres."),
    ("这个桶能装二十升。", "The drum holds 5.3 gallons.", "The drum holds 20.5 gallons."),
    ("限速是时速一百二十公里。", "The limit is 75 mph.", "The limit is 90 mph."),
    ("民国三十八年", "in 1949", "in 1938"),
    ("八十年代初", "in the early 1980s", "in the early 1970s"),
    ("晚上8点开门。", "It opens at 20:00.", "It opens at 18:00."),
])
def test_equivalent_numbers_pass_and_changed_ones_do_not(source: str, target: str, wrong: str) -> None:
    assert _rules(source, target) == []
    assert _rules(source, wrong) != []


def test_a_conversion_needs_the_unit_named() -> None:
    """110 is 50 kg in pounds, but a target that names no unit of mass gets no allowance."""
    assert _rules("这只箱子重五十公斤。", "The box weighs 110.") != []
