"""``--quiet`` silences progress and summaries on stderr, and changes nothing on stdout."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli

DATA = Path(__file__).parent / "data"
ZH, EN = str(DATA / "align" / "story.zh"), str(DATA / "align" / "story.en")
CORPUS = DATA / "pipeline" / "corpus"


def _run(*args: str):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("args", [
    ("read", str(CORPUS / "zh" / "paper.txt")),
    ("align", ZH, EN, "--presplit"),
    ("glossary", "extract", str(CORPUS / "zh" / "paper.txt")),
], ids=["read", "align", "glossary-extract"])
def test_quiet_prints_nothing_on_stderr_and_the_same_stdout(args: tuple[str, ...]) -> None:
    loud, quiet = _run(*args), _run(*args, "--quiet")
    assert loud.stderr.strip(), "the test needs a command that shows progress"
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout


def test_build_quiet_keeps_the_summary_on_stdout(tmp_path: Path) -> None:
    quiet = _run("build", "--corpus", str(CORPUS), "--out", str(tmp_path), "-q")
    assert quiet.stderr == ""
    assert "wrote: " in quiet.stdout


def test_quiet_still_prints_a_warning_about_the_input(tmp_path: Path) -> None:
    doc = tmp_path / "damaged.txt"
    doc.write_bytes("人工智能改变了翻译。\n".encode() + b"\xff\xfe\xfa bad bytes\n" + "机器翻译很快。\n".encode())
    quiet = _run("glossary", "extract", str(doc), "-q")
    assert "reading" not in quiet.stderr
    assert quiet.stderr.startswith("aligner: ") and "skipped" in quiet.stderr
