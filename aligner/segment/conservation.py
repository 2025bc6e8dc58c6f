"""The conservation property carried through segmentation: splitting loses nothing.

:func:`aligner.documents.conservation_errors` proves every character of the source is in a
paragraph or in counted debris. This module proves the next step: every character of a
paragraph is in exactly one of its sentences, in order, except the whitespace between them
(which OmegaT trims too), and each sentence names the source line it starts on. Together the
two give: every character of the input is in exactly one segment or in debris counted by kind.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..model import Lang, Paragraph, Segment
from .sentences import JAVA_WHITESPACE, PARAGRAPH_STRIP

__all__ = ["segmentation_errors", "pipeline_conservation_errors"]


def segmentation_errors(paragraphs: Sequence[Paragraph], segments: Sequence[Segment]) -> list[str]:
    """Problems found (empty when nothing was lost, duplicated, reordered or misplaced).

    ``segments`` are :func:`~aligner.segment.segment_paragraphs` of ``paragraphs`` (one or
    both languages); ``Segment.para`` numbers the paragraphs of each language from 0.
    """
    problems: list[str] = []
    by_para: dict[tuple[Lang, int], list[Segment]] = defaultdict(list)
    for seg in segments:
        by_para[(seg.lang, seg.para)].append(seg)
    counters: dict[Lang, int] = {}
    seen: set[tuple[Lang, int]] = set()
    for para in paragraphs:
        index = counters.get(para.lang, 0)
        counters[para.lang] = index + 1
        key = (para.lang, index)
        seen.add(key)
        pos = 0
        for seg in by_para.get(key, []):
            where = f"{para.lang.value} paragraph {index} (line {para.line})"
            if not seg.text or seg.text != seg.text.strip("".join(JAVA_WHITESPACE)):
                problems.append(f"{where}: segment {seg.text!r} is empty or has edge whitespace")
            found = para.text.find(seg.text, pos) if seg.text else -1
            if found < 0:
                problems.append(f"{where}: segment {seg.text!r} not found after offset {pos} (lost or out of order)")
                continue
            gap = para.text[pos:found]
            if any(ch not in PARAGRAPH_STRIP for ch in gap):
                problems.append(f"{where}: text {gap.strip()!r} before {seg.text!r} is in no segment")
            if seg.line != para.line_at(found):
                problems.append(f"{where}: segment {seg.text!r} says line {seg.line}, starts on {para.line_at(found)}")
            if seg.role != para.role:
                problems.append(f"{where}: segment {seg.text!r} has role {seg.role.value}, paragraph {para.role.value}")
            pos = found + len(seg.text)
        tail = para.text[pos:]
        if any(ch not in PARAGRAPH_STRIP for ch in tail):
            problems.append(f"{para.lang.value} paragraph {index} (line {para.line}): "
                            f"text {tail.strip()!r} at the end is in no segment")
    for key in sorted(set(by_para) - seen):
        problems.append(f"{key[0].value} paragraph {key[1]}: segments for a paragraph that does not exist")
    return problems


def pipeline_conservation_errors(source: str, path: str = "doc.txt", *, rules: object = None) -> list[str]:
    """Read ``source`` as a document, segment both sides, and check both steps.

    Every character of ``source`` must be in exactly one segment or in a debris record of
    its line (counted by kind), in order.
    """
    from pathlib import Path

    from ..documents import conservation_errors, read_text
    from .sentences import segment_paragraphs

    doc = read_text(source, Path(path))
    problems = conservation_errors(source, doc)
    paragraphs = doc.zh + doc.en
    segments = segment_paragraphs(paragraphs, doc.stem, rules)  # type: ignore[arg-type]
    problems += segmentation_errors(paragraphs, segments)
    counted = sum(doc.debris_counts().values())
    if counted != len(doc.debris):
        problems.append(f"debris counted by kind ({counted}) differs from debris recorded ({len(doc.debris)})")
    return problems
