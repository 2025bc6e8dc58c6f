"""Pinyin for Chinese-only personal names: surname first, given name joined, capitalised."""
from __future__ import annotations

import pytest

from aligner.glossary.romanize import name_matches, romanize_name, split_name


@pytest.mark.parametrize("name, expected", [
    ("肖茜", "Xiao Qian"),
    ("李峥", "Li Zheng"),
    ("包堉含", "Bao Yuhan"),
    ("李筱健", "Li Xiaojian"),
    ("肖 茜", "Xiao Qian"),  # padded as in a guest list
    ("欧阳娜娜", "Ouyang Nana"),  # compound surname
    ("司马光", "Sima Guang"),
    ("曾国藩", "Zeng Guofan"),  # 曾 as a surname is Zeng, not Ceng
    ("单田芳", "Shan Tianfang"),  # 单 as a surname is Shan, not Dan
    ("曾嘉安", "Zeng Jia'an"),  # apostrophe before a syllable starting with a vowel
    ("吕鹏", "Lü Peng"),
])
def test_romanize(name: str, expected: str) -> None:
    assert romanize_name(name) == expected


def test_split_name() -> None:
    assert split_name("诸葛亮") == ("诸葛", "亮")
    assert split_name("王小明") == ("王", "小明")


@pytest.mark.parametrize("name, english, expected", [
    ("卢云峰", "Lu Yunfeng", True),
    ("卢云峰", "Yunfeng Lu", True),
    ("吴语菲", "Wu Yufei", True),
    ("吴语菲", "Lu Yunfeng", False),
])
def test_name_matches(name: str, english: str, expected: bool) -> None:
    assert name_matches(name, english) is expected


@pytest.mark.parametrize("english", ["Lü Peng", "Lyu Peng", "Lv Peng", "Peng Lu"])
def test_name_matches_any_spelling_of_u_umlaut(english: str) -> None:
    assert name_matches("吕鹏", english)
