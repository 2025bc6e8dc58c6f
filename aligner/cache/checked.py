"""Typed reads of JSON values from a cache entry: a value of the wrong type raises ValueError,
which the entry's reader turns into "damaged; recomputed" (an entry is never trusted)."""
from __future__ import annotations

from typing import Any


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{type(value).__name__} where text was expected")
    return value


def number(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{type(value).__name__} where a number was expected")
    return value


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{type(value).__name__} where true or false was expected")
    return value
