"""What a regular expression costs the ``regex`` module to compile: counted repeats unrolled.

Java keeps ``x{n}`` as a counter; the ``regex`` module unrolls nested counted repeats when it
compiles, so a legal SRX rule such as ``(?:a{1000}){1000}`` takes hundreds of megabytes and one
more level exhausts memory. :func:`repeat_expansion` measures a pattern before it is compiled
(see ``SRX_MAX_REPEAT_EXPANSION`` in :mod:`aligner.bounds`).
"""
from __future__ import annotations

import regex

__all__ = ["repeat_expansion"]
_COUNT = regex.compile(r"\{(\d+)(?:,(\d*))?\}")


def repeat_expansion(pattern: str) -> int:
    """How many atom copies a Python pattern's counted repeats unroll to, nesting multiplied.

    A sequence costs the sum of its items, an atom 1, ``X{n,m}`` the cost of X times the
    larger bound (the smaller when open-ended); ``* + ?`` cost nothing extra (not unrolled).
    Linear in the pattern's length; escapes and character classes are single atoms.
    """
    stack: list[int] = [0]  # the running cost of each open group's sequence
    last = 0  # the cost of the item just read, which a quantifier multiplies
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            if i < n and pattern[i] == "{" and pattern[i - 1] in "pPxNug":
                end = pattern.find("}", i)
                i = n if end < 0 else end + 1
            last = 1
            stack[-1] += 1
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            last = 1
            stack[-1] += 1
            continue
        if ch == "(":
            stack.append(0)
            i += 1
            if i < n and pattern[i] == "?":  # (?:  (?=  (?<!  (?P<name>  (?i)  (?i: are syntax
                close = regex.compile(r"\?(?:P?<(?![=!])[^>]*>|<?[=!]|[a-zA-Z-]*[:)]?)").match(pattern, i)
                i = close.end() if close is not None else i + 1
                if pattern[i - 1] == ")":
                    stack.pop()
            continue
        if ch == ")" and len(stack) > 1:
            last = stack.pop()
            stack[-1] += last
            i += 1
            continue
        if ch == "{":
            count = _COUNT.match(pattern, i)
            if count is not None:
                low, high = int(count.group(1)), count.group(2)
                times = max(low, int(high)) if high else low
                stack[-1] += last * times - last
                last *= times
                i = count.end()
                continue
        if ch not in "|*+?":
            last = 1
            stack[-1] += 1
        i += 1
    return sum(stack)


def _class_end(pattern: str, start: int) -> int:
    """The index after the character class opening at ``start`` (nested sets counted)."""
    depth, i, n = 0, start, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
            if i + 1 < n and pattern[i + 1] == "^":
                i += 1
            if i + 1 < n and pattern[i + 1] == "]":
                i += 1  # a leading ] is a literal
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n
