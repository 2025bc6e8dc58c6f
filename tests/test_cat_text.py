"""What our cleaning costs in CAT matches, and that the pipeline pays none of it for pairs.

Cleaning re-joins paragraphs and removes debris, so some cleaned sentences have no segment
OmegaT would show. The pipeline writes the raw CAT segment as the TMX source wherever one
corresponds (aligner.build._cat_texts); these tests pin how often that is possible.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from aligner.documents import read_document
from aligner.model import Role
from aligner.segment import cat_sources, segment_paragraphs

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "zh"
DOCS = sorted(CORPUS.glob("*.txt"))


def _mapped(path: Path) -> tuple[list, list]:
    doc = read_document(path)
    segments = segment_paragraphs(doc.zh, path.stem)
    return segments, cat_sources(segments, path.read_text(encoding="utf-8"))


def test_most_cleaned_sentences_have_a_cat_segment() -> None:
    total = found = 0
    for path in DOCS:
        segments, cats = _mapped(path)
        total += len(segments)
        found += sum(cat is not None for cat in cats)
    # 1,128 of 1,200 on 2026-11-23; the rest are paragraphs re-joined across page breaks
    # or sentences with debris removed inside them.
    assert found / total >= 0.9, f"{found}/{total}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_paper_front_matter_sentence_has_a_cat_segment(lang: str) -> None:
    path = next(p for p in DOCS if p.stem.startswith("000_"))
    doc = read_document(path)
    segments = segment_paragraphs(doc.zh if lang == "zh" else doc.en, path.stem)
    front = [s for s in segments if s.role is not Role.BODY]
    cats = cat_sources(front, path.read_text(encoding="utf-8"))
    assert len(front) >= 9
    assert all(cat is not None for cat in cats), [s.text for s, c in zip(front, cats) if c is None]
