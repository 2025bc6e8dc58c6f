"""Find parenthesised groups in a paragraph, ASCII and full-width, nested ones included.

Writers mix the two widths (``（不如自己的)``), so an opening bracket of either width is
closed by a closing bracket of either width, with nesting counted across both.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..bounds import MAX_BRACKET_DEPTH

OPEN = "(（"
CLOSE = ")）"


@dataclass(frozen=True)
class ParenGroup:
    """``text[start:end]`` is the whole group; ``inner`` is what stands between the brackets."""

    start: int
    end: int
    inner: str

    @property
    def inner_start(self) -> int:
        return self.start + 1


def paren_groups(text: str, *, nested: bool = False) -> Iterator[ParenGroup]:
    """Groups in order of their opening bracket; top-level ones only unless ``nested``.

    An unclosed bracket yields nothing and scanning goes on. Groups inside
    :data:`~aligner.bounds.MAX_BRACKET_DEPTH` others are left out (:func:`too_deep` counts
    them): each would copy its contents, quadratic in the depth.
    """
    stack: list[int] = []
    found: list[ParenGroup] = []
    for i, ch in enumerate(text):
        if ch in OPEN:
            stack.append(i)
        elif ch in CLOSE and stack:
            start = stack.pop()
            if (nested and len(stack) < MAX_BRACKET_DEPTH) or not stack:
                found.append(ParenGroup(start, i + 1, text[start + 1 : i]))
    yield from sorted(found, key=lambda g: g.start)


def too_deep(text: str) -> int:
    """How many closed groups of ``text`` lie deeper than :data:`MAX_BRACKET_DEPTH`."""
    depth = deep = 0
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
            deep += depth >= MAX_BRACKET_DEPTH
    return deep
