"""Counted nouns in messages: "1 document", "2 documents", "1 entry", "3 entries".

One helper so every summary line agrees with its number instead of each message growing its
own ``'s' * (n != 1)``.
"""
from __future__ import annotations

_VOWELS = frozenset("aeiou")


def plural(noun: str) -> str:
    """The regular English plural of ``noun``: entry → entries, match → matches, pair → pairs."""
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def noun(n: int, singular: str, many: str | None = None) -> str:
    """``singular`` when ``n`` is 1, else its plural (``many`` for an irregular one)."""
    return singular if n == 1 else (many or plural(singular))


def count(n: int, singular: str, many: str | None = None) -> str:
    """``"1 document"``, ``"0 documents"``, ``"2 entries"``."""
    return f"{n} {noun(n, singular, many)}"
