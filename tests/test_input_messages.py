"""One wording for one failure: every command that reads a file says the same thing when it
is missing, a folder or unreadable (aligner.inputs), and names standard input ``<stdin>``."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.errors import InputError
from aligner.formats.tmx import TmxReading
from aligner.inputs import input_name, read_input


def runner() -> CliRunner:
    return CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    (tmp_path / "zh.txt").write_text("模型很好。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The model is good.\n", encoding="utf-8")
    (tmp_path / "g.csv").write_text("zh,en\n模型,model\n", encoding="utf-8")
    (tmp_path / "tm.csv").write_text("zh,en\n模型很好,The model is good\n", encoding="utf-8")
    (tmp_path / "corpus" / "zh").mkdir(parents=True)
    (tmp_path / "corpus" / "zh" / "a.txt").write_text("模型很好。\n", encoding="utf-8")
    return tmp_path


# every command and option that takes an input file; M is the missing path, and the noun
# the message names it by
MISSING = [
    ("read", ["read", "M"], "file"),
    ("read --en", ["read", "zh.txt", "--en", "M"], "file"),
    ("segment", ["segment", "M"], "file"),
    ("segment --srx", ["segment", "zh.txt", "--srx", "M"], "SRX file"),
    ("align zh", ["align", "M", "en.txt"], "file"),
    ("align en", ["align", "zh.txt", "M"], "file"),
    ("align --presplit", ["align", "--presplit", "M", "en.txt"], "file"),
    ("align -g", ["align", "zh.txt", "en.txt", "-g", "M"], "glossary file"),
    ("check file", ["check", "M", "-g", "g.csv"], "file"),
    ("check -g", ["check", "tm.csv", "-g", "M"], "glossary file"),
    ("glossary extract", ["glossary", "extract", "M"], "file"),
    ("glossary merge ours", ["glossary", "merge", "M", "g.csv"], "glossary file"),
    ("glossary merge yours", ["glossary", "merge", "g.csv", "M"], "glossary file"),
    ("build --srx", ["build", "--corpus", "corpus", "--out", "out", "--srx", "M"], "SRX file"),
]


@pytest.mark.parametrize(("args", "noun"), [case[1:] for case in MISSING], ids=[case[0] for case in MISSING])
def test_missing_input_has_one_wording(work: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                       noun: str) -> None:
    monkeypatch.chdir(work)
    missing = "no/such.file"
    result = runner().invoke(cli, [missing if arg == "M" else arg for arg in args])
    assert (result.exit_code, result.stderr) == (2, f"aligner: {missing}: {noun} not found. check the path.\n")
    assert not (work / "out").exists()  # nothing written before the input was found


FOLDER = [
    ("read", ["read", "F"], "give a text file"),
    ("segment", ["segment", "F"], "give a text file"),
    ("align", ["align", "F", "en.txt"], "give a text file"),
    ("align --presplit", ["align", "--presplit", "zh.txt", "F"], "give a text file with one sentence per line"),
    ("check -g", ["check", "tm.csv", "-g", "F"], "give a TBX, CSV or OmegaT glossary file"),
    ("glossary merge", ["glossary", "merge", "F", "g.csv"], "give a TBX, CSV or OmegaT glossary file"),
    ("segment --srx", ["segment", "zh.txt", "--srx", "F"], "give the .srx file itself"),
]


@pytest.mark.parametrize(("args", "hint"), [case[1:] for case in FOLDER], ids=[case[0] for case in FOLDER])
def test_folder_for_a_file_has_one_wording(work: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                           hint: str) -> None:
    monkeypatch.chdir(work)
    result = runner().invoke(cli, ["corpus" if arg == "F" else arg for arg in args])
    assert (result.exit_code, result.stderr) == (2, f"aligner: corpus: is a folder, not a file. {hint}.\n")


@pytest.mark.parametrize(
    "error, name, noun, message",
    [
        # chmod does not stop root (CI containers), so the OS errors are simulated
        (PermissionError(13, "Permission denied"), "g.csv", "glossary file",
         "cannot read the glossary file: permission denied. make it readable (chmod +r)."),
        (OSError(5, "Input/output error"), "a.tmx", "TMX file",
         "cannot read the TMX file: input/output error. check the file and the disk."),
    ],
)
def test_os_errors_name_the_noun_and_the_reason_in_lower_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, name: str, noun: str, message: str
) -> None:
    def refuse(self: Path) -> bytes:
        raise error

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as caught:
        read_input(tmp_path / name, noun=noun)
    assert str(caught.value) == f"{tmp_path / name}: {message}"


# --- standard input ---------------------------------------------------------------------

def test_input_name() -> None:
    assert input_name("-") == "<stdin>"
    assert input_name(Path("-")) == "<stdin>"
    assert input_name("a/-.txt") == "a/-.txt"


@pytest.mark.parametrize(("args", "expected"), [
    (["read", "-"], "aligner: <stdin>: the file is empty. give the document's text, or remove the file.\n"),
    (["segment", "-"], "aligner: <stdin>: the file is empty. give the document's text, or remove the file.\n"),
    (["check", "-", "-g", "g.csv"], "aligner: <stdin>: the file is empty. give a TM or bilingual file with units.\n"),
])
def test_empty_stdin_is_named_stdin(work: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                    expected: str) -> None:
    monkeypatch.chdir(work)
    result = runner().invoke(cli, args, input=b"")
    assert (result.exit_code, result.stderr) == (2, expected)


def test_undecodable_stdin_is_named_stdin() -> None:
    result = runner().invoke(cli, ["read", "-"], input=b"\xff\xfe\x00")
    assert result.exit_code == 2
    assert result.stderr.startswith("aligner: <stdin>:1: the file starts with a UTF-16-LE byte-order mark")


def test_tmx_from_stdin_is_named_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<martif/>")))
    with pytest.raises(InputError) as caught:
        TmxReading("-")
    assert str(caught.value).startswith("<stdin>:1: ")
