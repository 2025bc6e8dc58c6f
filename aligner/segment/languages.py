"""Which SRX language code each of our languages is looked up under.

SRX ``<languagemap languagepattern="ZH.*">`` patterns are matched against a language code,
as a CAT tool's project language (``zh-CN``, ``en-US``). Keeping the mapping here means the
rest of the package passes :class:`~aligner.model.Lang` values, never bare strings.
"""
from __future__ import annotations

import re

from ..errors import UsageError
from ..model import Lang

__all__ = ["SRX_CODES", "srx_code"]

SRX_CODES: dict[Lang, str] = {
    Lang.ZH: "zh-CN",  # OmegaT's default Chinese project language
    Lang.EN: "en-US",
}

_BCP47 = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*\Z")


def srx_code(lang: Lang | str) -> str:
    """The code matched against SRX language patterns: ``Lang.ZH`` -> ``zh-CN``.

    A string is taken as one of our languages (``zh``, ``en``) or else as a language tag
    (``zh-TW``, ``en-GB``), so a user's SRX can hold rules for regional variants.
    """
    if isinstance(lang, Lang):
        return SRX_CODES[lang]
    try:
        return SRX_CODES[Lang(lang.lower())]
    except ValueError:
        pass
    if _BCP47.match(lang):
        return lang.replace("_", "-")
    known = ", ".join(item.value for item in Lang)
    raise UsageError(
        f"unknown language {lang!r}", hint=f"use one of {known} or a language tag such as zh-TW"
    )
