"""The command line as a whole: every command has help; machine output never mixes with prose."""
from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from aligner.cli import cli

FIXTURE = Path(__file__).parent / "data" / "pipeline" / "corpus" / "zh"


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append(prefix + (name,))
        if isinstance(command, click.Group):
            found.extend(_commands(command, prefix + (name,)))
    return found


COMMANDS = _commands(cli)


def test_the_documented_commands_exist() -> None:
    assert {("build",), ("read",), ("segment",), ("align",), ("glossary", "extract"),
            ("glossary", "merge"), ("check",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    doc = result.stdout.split("\n\n")[1].strip()
    assert len(doc) > 20, f"{' '.join(path)} has no real help text"


def test_python_dash_m_runs_the_same_cli() -> None:
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "aligner", "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("aligner, version ")


def test_glossary_json_report_goes_to_stdout_and_glossary_to_file(tmp_path: Path) -> None:
    out = tmp_path / "g.csv"
    result = CliRunner().invoke(cli, ["glossary", "extract", str(FIXTURE), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["entries"] == len(out.read_text(encoding="utf-8").splitlines()) - 1


def test_glossary_json_with_stdout_output_is_refused() -> None:
    result = CliRunner().invoke(cli, ["glossary", "extract", str(FIXTURE), "--json"])
    assert result.exit_code == 2
    assert result.stderr == (
        "aligner: --json prints the report on stdout, where the glossary would go too. "
        "write the glossary to a file with -o FILE.\n"
    )
    assert result.stdout == ""
