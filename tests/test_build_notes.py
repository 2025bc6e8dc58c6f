"""The build summary says why a document got no TMX, and keeps doubtful pairs out by default."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.build import MIN_SCORE, BuildSettings
from aligner.cli import cli


def _corpus(tmp_path: Path, zh: str, en: str) -> Path:
    (tmp_path / "corpus" / "zh").mkdir(parents=True)
    (tmp_path / "corpus" / "en").mkdir(parents=True)
    (tmp_path / "corpus" / "zh" / "a.txt").write_text(zh, encoding="utf-8")
    (tmp_path / "corpus" / "en" / "a.txt").write_text(en, encoding="utf-8")
    return tmp_path / "corpus"


def _build(corpus: Path, out: Path, *extra: str) -> list[str]:
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


UNRELATED = ("今天天气很好。我们去公园散步。\n", "Keywords: alignment; glossary\n")  # one doubtful pair


def test_a_doubtful_pair_stays_out_of_the_tmx_by_default(tmp_path: Path) -> None:
    assert BuildSettings().min_score == MIN_SCORE == 0.5
    lines = _build(_corpus(tmp_path, *UNRELATED), tmp_path / "out")
    assert lines[3] == "  no TMX written: every pair is below --min-score 0.5 (1 pair; --min-score 0 keeps them)"
    assert not (tmp_path / "out" / "tmx" / "a.tmx").exists()
    assert "glossary: 0 terms; 0 conflicts to review" in lines
    assert not [line for line in lines if "from aligned pairs" in line]  # nothing to learn, nothing said


def test_min_score_zero_keeps_every_pair(tmp_path: Path) -> None:
    lines = _build(_corpus(tmp_path, *UNRELATED), tmp_path / "out", "--min-score", "0")
    assert lines[3] == f"  aligned pairs: 1 -> {tmp_path / 'out' / 'tmx' / 'a.tmx'}"


def test_english_that_pairs_with_nothing_is_explained(tmp_path: Path) -> None:
    """The English is an abstract; the Chinese has none: no block to pair it with."""
    corpus = _corpus(tmp_path, "今天天气很好。我们去公园散步。\n", "Abstract: We study alignment of sentences.\n")
    lines = _build(corpus, tmp_path / "out")
    assert lines[3] == ("  no TMX written: no pair aligned; 2 zh / 1 en sentences without a counterpart "
                        "(is the English the translation of this document?)")
    assert not any(line.strip() == "" for line in lines)


@pytest.mark.parametrize("value", ["-0.1", "1.5"])
def test_min_score_outside_0_1_is_refused(tmp_path: Path, value: str) -> None:
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path), "--min-score", value])
    assert result.exit_code == 2
