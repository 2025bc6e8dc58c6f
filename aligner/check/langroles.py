"""Which side of a bilingual unit is the Chinese and which the English, from its language tags.

A zh→en glossary checks Chinese source text against English target text. A unit's roles
come from its tags, never from their order: ``zh-CN`` and ``zh-TW`` (or ``zh-Hans`` and
``yue``) are both Chinese, so a unit holding only Chinese variants has no English to check
and is skipped with that reason, as is a unit whose other language is not English
(``zh-CN`` and ``ja``). Only a unit with an untagged side falls back to guessing from the
text.
"""
from __future__ import annotations

#: primary language subtags (BCP 47 / ISO 639) written for Chinese
CHINESE = frozenset({"zh", "zho", "chi", "cmn", "yue", "wuu", "hak", "nan", "gan", "hsn", "lzh"})
ENGLISH = frozenset({"en", "eng"})


def lang_role(tag: str) -> str:
    """``zh``, ``en``, ``other``, or ``""`` when ``tag`` is empty."""
    primary = tag.strip().lower().replace("_", "-").split("-")[0]
    if not primary:
        return ""
    if primary in CHINESE:
        return "zh"
    return "en" if primary in ENGLISH else "other"


def missing_role(tags: list[str]) -> str:
    """Why a unit whose sides carry ``tags`` has nothing to check, or ``""`` when it has a
    Chinese and an English side (or a side without a tag, left to the text to decide)."""
    roles = [lang_role(tag) for tag in tags]
    if len(tags) < 2 or "" in roles or {"zh", "en"} <= set(roles):
        return ""
    listed = ", ".join(dict.fromkeys(tag.strip() for tag in tags))
    if "zh" in roles:
        why = ("Chinese variants are all source text" if set(roles) == {"zh"}
               else "a zh-en glossary checks English translations only")
        return f"no English <tuv> (xml:lang {listed}): {why}, nothing to check"
    if "en" in roles:
        return f"no Chinese <tuv> (xml:lang {listed}): nothing to check against the glossary"
    return f"no Chinese or English <tuv> (xml:lang {listed}): nothing to check"
