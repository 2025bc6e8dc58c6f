"""The language tags our outputs may carry, as enums, so a typo is a UsageError and not a
TMX that a CAT tool silently ignores."""
from __future__ import annotations

from enum import Enum
from typing import TypeVar

from ..errors import UsageError


class SourceLang(str, Enum):
    """Chinese source tags. OmegaT and Trados match ``zh-CN`` best; ``zh-Hans`` names the
    script only; ``zh`` is the bare language. ``zh-TW`` (Taiwan), ``zh-HK`` (Hong Kong) and
    ``zh-Hant`` (the script only) are Traditional Chinese."""

    ZH_CN = "zh-CN"
    ZH_HANS = "zh-Hans"
    ZH = "zh"
    ZH_TW = "zh-TW"
    ZH_HK = "zh-HK"
    ZH_HANT = "zh-Hant"

    @property
    def traditional(self) -> bool:
        """Written in Traditional characters (words are looked up through a Simplified
        form, see :mod:`aligner.script`; the text itself is never converted)."""
        return self in (SourceLang.ZH_TW, SourceLang.ZH_HK, SourceLang.ZH_HANT)

    @property
    def simplified(self) -> bool:
        """Names Simplified Chinese (bare ``zh`` names neither script)."""
        return self in (SourceLang.ZH_CN, SourceLang.ZH_HANS)


class TargetLang(str, Enum):
    """English target tags."""

    EN_US = "en-US"
    EN_GB = "en-GB"
    EN = "en"


E = TypeVar("E", SourceLang, TargetLang)


def _parse(enum: type[E], value: str | E, option: str) -> E:
    if isinstance(value, enum):
        return value
    wanted = str(value).strip().replace("_", "-").lower()
    for member in enum:
        if member.value.lower() == wanted:
            return member
    choices = "|".join(m.value for m in enum)
    raise UsageError(f"unsupported {option} {value!r}", hint=f"use one of {choices}")


def source_lang(value: str | SourceLang) -> SourceLang:
    """``'zh_cn'`` → ``SourceLang.ZH_CN``; anything else is a :class:`UsageError`."""
    return _parse(SourceLang, value, "--srclang")


def target_lang(value: str | TargetLang) -> TargetLang:
    """``'EN-us'`` → ``TargetLang.EN_US``; anything else is a :class:`UsageError`."""
    return _parse(TargetLang, value, "--tgtlang")


SOURCE_CHOICES: tuple[str, ...] = tuple(m.value for m in SourceLang)
TARGET_CHOICES: tuple[str, ...] = tuple(m.value for m in TargetLang)
