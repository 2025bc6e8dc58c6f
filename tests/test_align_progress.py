"""Long documents report embedding progress (counts on stderr), short ones stay quiet, and
slicing the work changes no vector."""
from __future__ import annotations

import numpy as np
import pytest

from aligner.align import align, embedder

ZH = ["我们今天去公园。", "天气很好，阳光明媚。", "孩子们在草地上玩。", "我们中午吃了面条。", "下午就回家了。"]
EN = ["We went to the park today.", "The weather was fine and sunny.", "The children played on the grass.",
      "We had noodles for lunch.", "In the afternoon we went home."]


def test_long_documents_report_embedding_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedder, "PROGRESS_EVERY", 2)
    heard: list[str] = []
    beads = align(ZH, EN, progress=heard.append)
    assert [(b.src, b.tgt) for b in beads] == [((k,), (k,)) for k in range(5)]
    counts = [m for m in heard if m.startswith("align: embedded ")]
    assert counts[:3] == [
        "align: embedded 2 of 5 distinct Chinese sentences",
        "align: embedded 4 of 5 distinct Chinese sentences",
        "align: embedded 5 of 5 distinct Chinese sentences",
    ]
    assert "align: embedded 5 of 5 distinct English sentences" in counts
    # one-clause sentences reuse their sentence's vector: only the two clauses of the one
    # two-clause sentence are embedded, not above the threshold of 2, so no count for them
    assert not any(m.endswith("distinct Chinese first and last clauses") for m in counts)


def test_short_documents_print_no_counts() -> None:
    heard: list[str] = []
    align(ZH, EN, progress=heard.append)
    assert not [m for m in heard if m.startswith("align: embedded ")]


def test_slices_give_the_same_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = embedder.embed(ZH + EN)
    monkeypatch.setattr(embedder, "PROGRESS_EVERY", 3)
    sliced = embedder.embed(ZH + EN, progress=lambda _m: None)
    assert np.allclose(whole, sliced, atol=1e-6)


def test_build_passes_a_long_blocks_embedding_counts_on(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from pathlib import Path

    from aligner.build import BuildSettings, build

    corpus = Path(__file__).parent / "data" / "pipeline" / "corpus"
    quiet: list[str] = []
    build(BuildSettings(corpus=corpus, out=tmp_path / "a"), progress=quiet.append)
    assert not [m for m in quiet if "embedded" in m]
    monkeypatch.setattr(embedder, "PROGRESS_EVERY", 2)
    heard: list[str] = []
    build(BuildSettings(corpus=corpus, out=tmp_path / "b"), progress=heard.append)
    counts = [m for m in heard if "embedded" in m]
    assert counts and all(m.startswith("  align: embedded ") for m in counts)
