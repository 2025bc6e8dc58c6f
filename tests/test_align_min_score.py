"""``aligner align --min-score``: doubtful pairs stay out of what feeds a TM (TMX, TSV) and
are counted; the analysis formats (beads, JSON) keep every bead."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aligner.align.files import AlignedFiles
from aligner.align.output import render_tsv, translation_units
from aligner.cli import cli
from aligner.model import Bead, Lang, Segment

CORPUS = Path(__file__).parent / "data" / "pipeline" / "corpus"
ZH, EN = str(CORPUS / "zh" / "speech.txt"), str(CORPUS / "en" / "speech.txt")


@pytest.fixture(scope="module")
def scores() -> list[float]:
    result = CliRunner().invoke(cli, ["align", ZH, EN, "--format", "json"])
    return [b["score"] for b in json.loads(result.stdout)["beads"]]


def test_tmx_leaves_out_pairs_below_the_threshold_and_says_how_many(tmp_path: Path, scores: list[float]) -> None:
    threshold = sorted(scores)[1]  # the lowest-scored pair falls below it
    out = tmp_path / "a.tmx"
    result = CliRunner().invoke(cli, ["align", ZH, EN, "--format", "tmx", "-o", str(out), "--min-score", str(threshold)])
    assert result.exit_code == 0, result.output
    kept = [float(p.text) for p in etree.parse(str(out)).iter("prop") if p.get("type") == "x-score"]
    assert len(kept) == len(scores) - 1 and min(kept) >= threshold
    assert result.stderr.splitlines()[-1].endswith(f"; 1 pair below --min-score {threshold:g} left out; wrote {out}")


@pytest.mark.parametrize("fmt", ["beads", "json"])
def test_analysis_formats_keep_every_bead(fmt: str) -> None:
    plain = CliRunner().invoke(cli, ["align", ZH, EN, "--format", fmt])
    strict = CliRunner().invoke(cli, ["align", ZH, EN, "--format", fmt, "--min-score", "0.99"])
    assert plain.stdout == strict.stdout
    assert "below --min-score" not in strict.stderr


def _result(scores: list[float], unaligned: int) -> AlignedFiles:
    n = len(scores)
    src = tuple(Segment(f"句{k}。", Lang.ZH, "d", k + 1) for k in range(n + unaligned))
    tgt = tuple(Segment(f"S{k}.", Lang.EN, "d", k + 1) for k in range(n))
    beads = tuple(Bead((k,), (k,), s) for k, s in enumerate(scores)) + tuple(
        Bead((n + k,), (), 0.33) for k in range(unaligned))
    return AlignedFiles(Path("zh"), Path("en"), src, tgt, beads, "default")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), max_size=12), st.integers(0, 3), st.floats(0, 1))
def test_min_score_removes_exactly_the_pairs_below_it(scores: list[float], unaligned: int, threshold: float) -> None:
    result = _result(scores, unaligned)
    units = translation_units(result, threshold)
    assert all(u.score >= threshold for u in units)
    assert len(units) + result.pairs_below(threshold) == len(scores)
    rows = render_tsv(result, threshold).splitlines()[1:]
    assert len(rows) == len(units) + unaligned  # unaligned sentences are not pairs: always listed
