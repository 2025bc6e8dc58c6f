"""Inline codes of XLIFF units (``<x/>``, ``<ph>``, ``<g>``, ``<bpt>``…), as signatures.

translate-toolkit's ``unit.source`` drops empty inline elements (``<x id="1"/>`` leaves no
trace in the text), so the tag rule could not see a missing one. These signatures are read
from the XML itself: one string per inline element, ``<x id="1"/>`` or ``<g id="2">``, in
document order. ``<mrk>`` is annotation, not a code, and is not listed.
"""
from __future__ import annotations

from typing import Any

_INLINE = {"x", "bx", "ex", "ph", "bpt", "ept", "it", "g", "sub",  # XLIFF 1.2
           "sc", "ec", "pc", "sm", "em"}  # XLIFF 2.0 (ph is in both)
_EMPTY = {"x", "bx", "ex", "sc", "ec", "sm", "em"}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def inline_codes(element: Any) -> tuple[str, ...]:
    """Signatures of the inline codes under ``element`` (a ``<source>``/``<target>``)."""
    if element is None:
        return ()
    codes = []
    for child in element.iterdescendants():
        name = _local(child.tag)
        if name not in _INLINE:
            continue
        ident = child.get("id") or child.get("rid") or child.get("i") or ""
        end = "/>" if name in _EMPTY else ">"
        codes.append(f'<{name} id="{ident}"{end}' if ident else f"<{name}{end}")
    return tuple(codes)


def unit_codes(unit: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(source codes, target codes) of a translate-toolkit XLIFF unit."""
    element = unit.xmlelement
    source = target = None
    for child in element.iter():
        name = _local(child.tag)
        if name == "source" and source is None:
            source = child
        elif name == "target" and target is None:
            target = child
    return inline_codes(source), inline_codes(target)
