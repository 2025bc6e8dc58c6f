"""Hanyu Pinyin romanisation of Chinese personal names, as a translator writes them.

Surname first, given name joined into one word, both capitalised: 肖茜 -> Xiao Qian,
欧阳娜娜 -> Ouyang Nana. Surnames read differently from the same character elsewhere are
fixed (曾 Zeng, 单 Shan, 解 Xie...). An apostrophe separates a syllable starting with a, o
or e inside the given name (嘉安 -> Jia'an), as the pinyin rules require.
"""
from __future__ import annotations


from .text import COMPOUND_SURNAMES

SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "朴": "piao",
    "乐": "yue", "秘": "bi", "盖": "ge", "翟": "zhai", "覃": "qin", "缪": "miao", "尉": "yu",
    "召": "shao", "种": "chong", "员": "yun", "繁": "po", "句": "gou", "长": "zhang", "万俟": "moqi",
    "单于": "chanyu", "尉迟": "yuchi", "长孙": "zhangsun", "重": "chong", "沈": "shen", "柏": "bai",
    "薄": "bo", "華": "hua", "华": "hua", "任": "ren", "宁": "ning", "冯": "feng", "贲": "ben",
}


def split_name(name: str) -> tuple[str, str]:
    """Surname and given name; compound surnames are recognised."""
    name = name.replace(" ", "").replace("\u3000", "")
    for surname in COMPOUND_SURNAMES:
        if name.startswith(surname) and len(name) > len(surname):
            return surname, name[len(surname) :]
    return name[:1], name[1:]


def _syllables(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin  # imported when needed, not by every build

    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="ignore")


def romanize_name(name: str) -> str:
    """``肖茜`` -> ``Xiao Qian``; an empty string if the name has no Han characters."""
    surname, given = split_name(name)
    sur = SURNAME_READINGS.get(surname) or "".join(_syllables(surname))
    parts = _syllables(given)
    joined = ""
    for i, syllable in enumerate(parts):
        if i and syllable[:1] in "aoe":
            joined += "'"
        joined += syllable
    if not sur:
        return ""
    return f"{sur.capitalize()} {joined.capitalize()}".strip()


def _plain(text: str) -> list[str]:
    """Case, hyphens, apostrophes and the spellings of ü (Lü, Lyu, Lv, Lu) set aside."""
    text = text.replace("-", "").replace("'", "").replace("’", "").casefold()
    text = text.replace("ü", "u").replace("yu", "u").replace("v", "u")
    return text.split()


def name_matches(name: str, english: str) -> bool:
    """True when ``english`` is the pinyin of ``name`` in either order (Lu Yunfeng / Yunfeng Lu)."""
    want = _plain(romanize_name(name))
    got = _plain(english)
    return bool(want) and (got == want or got == list(reversed(want)))
