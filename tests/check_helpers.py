"""Shared helpers for the check tests: fixture folders copied into a working directory, and
golden reports (``ALIGNER_UPDATE_GOLDEN=1`` writes them anew)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from aligner.cli import cli

DATA = Path(__file__).parent / "data" / "check"


def work_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *folders: str) -> Path:
    """Copy the fixtures of ``folders`` and glossary.csv into ``tmp_path`` and work there,
    so messages name short relative paths."""
    for folder in folders:
        for path in (DATA / folder).iterdir():
            shutil.copy(path, tmp_path / path.name)
    shutil.copy(DATA / "glossary.csv", tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_cli(*args: str) -> Result:
    """``aligner check ARGS -g glossary.csv``."""
    return CliRunner().invoke(cli, ["check", *args, "-g", "glossary.csv"])


def assert_golden(path: Path, text: str) -> None:
    """``text`` equals the golden file at ``path`` (written anew under ALIGNER_UPDATE_GOLDEN)."""
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"report differs from {path}"


def po_contexts(data: Path) -> dict[str, str]:
    """Source segment → its msgctxt, from the ``tm.po`` the fixture's other formats were
    written from (the context names each fixture unit)."""
    from translate.storage.po import pofile

    store = pofile.parsefile(str(data / "tm.po"))
    return {u.source: u.getcontext() for u in store.units if not u.isheader()}
