"""Segments inside an XLIFF 1.2 ``<trans-unit>``: ``<seg-source>`` and Trados status.

XLIFF 1.2 lets a tool segment a paragraph without splitting the trans-unit: ``<seg-source>``
wraps each sentence in ``<mrk mtype="seg" mid="N">`` and ``<target>`` holds the matching
``mid``. Trados (SDLXLIFF), memoQ, Okapi and OmegaT exports do this. The translator works,
and confirms, sentence by sentence, so a check must too: reading the trans-unit as a whole
glues the sentences together ("data.Agents") and checks an unconfirmed machine-translated
sentence as if it were approved. Trados keeps each segment's status in
``<sdl:seg-defs><sdl:seg id="N" conf="…"/>``, and tracked changes as
``<mrk mtype="x-sdl-added">`` / ``<mrk mtype="x-sdl-deleted">``: a segment is read as it
will be once the changes are accepted (deleted text left out, added text kept).
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..formats.xmltext import local_name
from .codes import inline_codes

SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"

#: Trados confirmation levels that mean "not reviewed yet". A ``<sdl:seg>`` without ``conf``
#: is Trados' "Not Translated": a target there is a pre-translation nobody confirmed.
SDL_UNREVIEWED = frozenset({"draft", "rejectedtranslation", "rejectedsignoff", ""})
#: Translated, ApprovedTranslation, ApprovedSignOff (and any level Trados adds later) are
#: confirmed by a person and checked.


@dataclass(frozen=True)
class Segment:
    """One ``mrk mtype="seg"`` of a trans-unit: its source, the matching target and status."""

    mid: str
    line: int | None  # line of the source ``<mrk>``
    source: str
    target: str  # "" when the target has no ``<mrk>`` with this ``mid``
    sdl_conf: str | None  # Trados ``conf`` ("" when absent); None without ``<sdl:seg-defs>``
    #: (source, target) inline-code signatures inside the segment's ``<mrk>`` (codes.py):
    #: the markup rule compares them per segment, as it does for a whole trans-unit
    codes: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    @property
    def sdl_unreviewed(self) -> bool:
        """A Trados segment not confirmed by a person (Draft, Rejected…, Not Translated)."""
        return self.sdl_conf is not None and self.sdl_conf.strip().lower() in SDL_UNREVIEWED


def _child(element: Any, name: str) -> Any:
    return next((c for c in element if local_name(c.tag) == name), None)


def _seg_marks(element: Any) -> list[Any]:
    """The ``<mrk mtype="seg">`` under ``element``, also when nested in ``<g>`` tags."""
    return [m for m in element.iter() if local_name(m.tag) == "mrk" and m.get("mtype") == "seg"]


def _is_deleted(element: Any) -> bool:
    return local_name(element.tag) == "mrk" and element.get("mtype") == "x-sdl-deleted"


def accepted(mark: Any) -> Any:
    """``mark`` without the text a Trados tracked change deletes (a copy when there is some)."""
    if not any(_is_deleted(e) for e in mark.iter()):
        return mark
    clone = copy.deepcopy(mark)
    for deleted in [e for e in clone.iter() if _is_deleted(e)]:
        parent, previous = deleted.getparent(), deleted.getprevious()
        if parent is None:  # pragma: no cover - the mark itself is never a deletion here
            continue
        tail = deleted.tail or ""
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(deleted)
    return clone


def split_segments(
    unit: Any, text_of: Callable[[Any], str | None],
) -> tuple[list[Segment], list[tuple[int | None, str]]] | None:
    """The segments of a translate-toolkit XLIFF 1.2 ``unit``, or None when it is not
    segmented (no ``<seg-source>`` with ``mrk mtype="seg"``) or its target is not (a
    non-empty target without segment marks cannot be matched sentence by sentence, so the
    trans-unit is read whole, as before).

    ``text_of(element)`` extracts an element's text the way the unit's ``source`` does, so
    inline tags (``<g>``, ``<x/>``, ``<ph>``…) are treated the same as in unsegmented units.
    Also returns problems: target segments whose ``mid`` is not in ``<seg-source>``.
    """
    tu = unit.xmlelement
    seg_source = _child(tu, "seg-source")
    if seg_source is None:
        return None
    sources = _seg_marks(seg_source)
    if not sources:
        return None
    target = unit.getlanguageNode(lang=None, index=1)
    targets = _seg_marks(target) if target is not None else []
    if target is not None and not targets and (text_of(target) or "").strip():
        return None
    by_mid: dict[str, Any] = {}
    for mark in targets:
        by_mid.setdefault(mark.get("mid") or "", mark)
    confs: dict[str, str] | None = None
    seg_defs = tu.find(f"{{{SDL_NS}}}seg-defs")
    if seg_defs is not None:
        confs = {seg.get("id") or "": seg.get("conf") or "" for seg in seg_defs.iter(f"{{{SDL_NS}}}seg")}
    segments = []
    seen = set()
    for mark in sources:
        mid = mark.get("mid") or ""
        seen.add(mid)
        match = by_mid.get(mid)
        source_mark = accepted(mark)
        target_mark = accepted(match) if match is not None else None
        segments.append(Segment(
            mid=mid, line=mark.sourceline, source=text_of(source_mark) or "",
            target=(text_of(target_mark) or "") if target_mark is not None else "",
            sdl_conf=None if confs is None else confs.get(mid, ""),
            codes=(inline_codes(source_mark), inline_codes(target_mark)),
        ))
    problems = [(mark.sourceline, f"target segment mid=\"{mark.get('mid') or ''}\" of trans-unit "
                 f"\"{tu.get('id') or ''}\" has no source segment in <seg-source>")
                for mark in targets if (mark.get("mid") or "") not in seen]
    return segments, problems
