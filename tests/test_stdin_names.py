"""``aligner read -`` and ``aligner segment -`` name standard input ``<stdin>`` in their
messages, as every other command does (``aligner: -: …`` reads like a typo)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli


def test_read_stdin_summary_names_stdin() -> None:
    result = CliRunner().invoke(cli, ["read", "-"], input="深度学习很重要。\n".encode())
    assert result.exit_code == 0, result.output
    assert result.stdout == "1\tzh\tbody\t深度学习很重要。\n"
    assert result.stderr == ("aligner: <stdin>: plain, utf-8; 1 Chinese and 0 English paragraphs; "
                             "removed: nothing; normalised: nothing\n")


def test_read_file_summary_keeps_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("doc.txt").write_text("深度学习很重要。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["read", "doc.txt"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("aligner: doc.txt: plain, utf-8; ")


def test_segment_stdin_without_chinese_names_stdin() -> None:
    result = CliRunner().invoke(cli, ["segment", "-"], input=b"Deep learning matters.\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "aligner: no Chinese text found in <stdin>; nothing to segment.\n"


def test_segment_stdin_english_names_stdin() -> None:
    result = CliRunner().invoke(cli, ["segment", "--lang", "en", "-"], input="深度学习很重要。\n".encode())
    assert result.exit_code == 0, result.output
    assert result.stderr == "aligner: no English text found in <stdin>; nothing to segment.\n"


def test_segment_stdin_with_chinese_prints_sentences() -> None:
    result = CliRunner().invoke(cli, ["segment", "-"], input="深度学习很重要。对齐也很重要。\n".encode())
    assert result.exit_code == 0, result.output
    assert result.stdout == "1\t深度学习很重要。\n1\t对齐也很重要。\n"
    assert result.stderr == ""


def test_segment_file_without_chinese_keeps_the_path(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("en.txt").write_text("Deep learning matters.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", "en.txt"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "aligner: no Chinese text found in en.txt; nothing to segment.\n"


def test_read_stdin_damage_summary_names_stdin() -> None:
    result = CliRunner().invoke(cli, ["read", "-"], input="第一句。\x01第二句。\n".encode())
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "aligner: control characters skipped in <stdin>: 1 (line 1)"
