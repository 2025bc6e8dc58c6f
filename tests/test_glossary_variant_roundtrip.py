"""A variant learned from an aligned pair survives every glossary format we write and read:
the variant itself (never with its provenance glued on) and where it was learned."""
from __future__ import annotations

from pathlib import Path

import pytest

from aligner.formats.glossary_files import write_csv, write_utf8
from aligner.formats.glossary_read import read_glossary
from aligner.formats.tbx import write_tbx
from aligner.model import Source, TermEntry, TermKind, VariantSource

LEARNED = VariantSource("Generative AI", Source("paper", 25), Source("paper", 297),
                        "aligned-pair (confidence 0.99): 人工智能=AI")
ENTRY = TermEntry(
    zh="生成式人工智能", en="Generative Artificial Intelligence", kind=TermKind.CONCEPT,
    sources=(Source("paper", 33),), variants=("GenAI", "Generative AI"), evidence="keywords",
    variant_sources=(LEARNED,),
)


@pytest.mark.parametrize(
    "name, write, evidence",
    [
        ("g.tbx", lambda p: write_tbx([ENTRY], p), LEARNED.evidence),
        ("g.tbx3", lambda p: write_tbx([ENTRY], p, version="tbx3"), LEARNED.evidence),
        ("g.csv", lambda p: write_csv([ENTRY], p), "aligned-pair"),  # the CSV keeps lines, not the reason
        ("g.utf8", lambda p: write_utf8([ENTRY], p), "aligned-pair"),
    ],
)
def test_learned_variant_round_trips(tmp_path: Path, name: str, write, evidence: str) -> None:
    path = tmp_path / name
    write(path)
    [entry] = read_glossary(path)
    assert (entry.zh, entry.en) == (ENTRY.zh, ENTRY.en)
    assert set(entry.variants) == {"GenAI", "Generative AI"}
    assert entry.variant_sources == (VariantSource("Generative AI", Source("paper", 25), Source("paper", 297), evidence),)
