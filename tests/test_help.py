"""Every --help lists the exit statuses; commands that read documents list the formats read.

The formats come from one tuple (aligner/documents/supported.py) that each new reader appends
to; this test walks every click command, so a new command or reader is covered without
editing it.
"""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from aligner.cli import EXIT_STATUSES, cli
from aligner.documents.supported import FORMATS_READ

#: the commands that take documents (not TMX/XLIFF/glossaries) as input
READS_DOCUMENTS = {"build", "align", "read", "segment", "glossary extract"}


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = _commands(cli)


def _help(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())  # wrapping may break a phrase across lines


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert READS_DOCUMENTS | {"", "check", "glossary", "glossary merge"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "aligner")
def test_help_lists_every_exit_status(path: tuple[str, ...]) -> None:
    text = _help(path)
    assert "Exit status:" in text
    for code, meaning in EXIT_STATUSES:
        assert f" {code} {' '.join(meaning.split())}" in text
    assert " 70 internal error: a bug" in text


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "aligner")
def test_help_of_document_commands_lists_the_formats_read(path: tuple[str, ...]) -> None:
    text = _help(path)
    if " ".join(path) in READS_DOCUMENTS:
        assert all(fmt in text for fmt in FORMATS_READ), text
    else:
        assert "Documents read:" not in text


def test_exit_statuses_cover_what_the_cli_can_return() -> None:
    from aligner import cli as module

    codes = {int(code) for code, _ in EXIT_STATUSES}
    assert {0, 1, module.EXIT_BAD_INPUT, module.EXIT_SKIPPED, module.EXIT_INTERNAL, module.EXIT_INTERRUPTED,
            module.EXIT_HANGUP, module.EXIT_TERMINATED} == codes
