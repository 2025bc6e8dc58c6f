"""Sentence and word segmentation.

Sentences follow SRX 2.0 rules (the packaged default reproduces OmegaT's, so our Chinese
segments are the segments a CAT tool looks up in the TMX); ``--srx FILE`` swaps in the
user's own. Words come from jieba, with glossary terms kept whole.
"""
from __future__ import annotations

from .files import segment_file
from .languages import SRX_CODES, srx_code
from .omegat import CatSource, MatchKind, cat_sources, omegat_segments
from .sentences import segment_paragraphs, split_sentences
from .srx import SegmentationRules, load_rules
from .words import add_user_terms, clear_user_terms, user_terms, words

__all__ = [
    "SRX_CODES",
    "CatSource",
    "MatchKind",
    "SegmentationRules",
    "add_user_terms",
    "cat_sources",
    "clear_user_terms",
    "load_rules",
    "omegat_segments",
    "segment_file",
    "segment_paragraphs",
    "split_sentences",
    "srx_code",
    "user_terms",
    "words",
]
