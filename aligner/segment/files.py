"""Segmenting a whole document file: what ``aligner segment FILE`` prints."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..han import has_han
from ..model import Lang, Segment
from .sentences import segment_paragraphs
from .srx import load_rules

__all__ = ["segment_file", "tsv_escape", "tsv_unescape"]



def segment_file(path: Path, lang: Lang = Lang.ZH, srx: Path | None = None, *,
                 strict: bool = False, progress: Callable[[str], None] | None = None) -> list[Segment]:
    """Read ``path`` as the pipeline does (encoding, cleaning, line map) and segment one side.

    ``lang`` picks the Chinese paragraphs or the English ones (embedded English such as a
    paper's abstract, or a plain English file). ``srx`` replaces the default rules.
    ``strict`` refuses a file with undecodable bytes instead of skipping them; otherwise
    ``progress`` hears how many were skipped and where.
    """
    from ..documents import read_document  # documents sit upstream of segmentation
    from ..documents.report import damage_summary

    rules = load_rules(srx)  # bad rules fail before the document is read
    doc = read_document(Path(path), strict=strict)
    damage = damage_summary(doc)
    if damage and progress is not None:
        progress(f"aligner: {damage}")
    paragraphs = doc.zh if lang is Lang.ZH else doc.en
    if lang is Lang.EN and not doc.en and doc.zh and not any(has_han(p.text) for p in doc.zh):
        # A file without a single Han character, segmented as English on request: the
        # reader filed it as the Chinese side because it reads every file as a Chinese
        # document.
        paragraphs = [replace(p, lang=Lang.EN) for p in doc.zh]
    return segment_paragraphs(paragraphs, doc.stem, rules)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_escape(text: str) -> str:
    """One TSV field: backslash, tab, line feed and carriage return as ``\\\\ \\t \\n \\r``."""
    return text.translate(_TSV_ESCAPES)


def tsv_unescape(field: str) -> str:
    """Inverse of :func:`tsv_escape`."""
    out: list[str] = []
    chars = iter(field)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
        else:
            out.append(ch)
    return "".join(out)
