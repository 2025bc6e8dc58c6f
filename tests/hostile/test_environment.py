"""The machine around the command: an output path that cannot be written (refused before the
work, not after it) and a default cache folder that cannot be used (the build runs without it
and says so; a folder the user named must work)."""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import EN, ZH, invoke


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "zh").mkdir(parents=True)
    (root / "en").mkdir()
    (root / "zh" / "a.txt").write_text(ZH, encoding="utf-8")
    (root / "en" / "a.txt").write_text(EN, encoding="utf-8")
    return root


FILE_NOT_FOLDER = "aligner: {f}: is a file, not a folder. rename or remove that file, or choose another output folder."


@pytest.mark.parametrize("args", [
    ["build", "--corpus", "{c}", "--out", "{f}"],
    ["build", "--corpus", "{c}", "--out", "{f}/deeper/out"],
    ["align", "{c}/zh/a.txt", "{c}/en/a.txt", "-o", "{f}/a.tmx", "--format", "tmx"],
    ["glossary", "extract", "{c}/zh", "-o", "{f}/g.tbx"],
    ["terms", "{c}/zh/a.txt", "-o", "{f}/t.csv"],
], ids=["build-out-is-a-file", "build-out-under-a-file", "align", "glossary-extract", "terms"])
def test_an_output_under_a_file_is_refused_before_any_input_is_read(tmp_path: Path, corpus: Path, args) -> None:
    blocker = tmp_path / "taken"
    blocker.write_bytes(b"a file the user keeps\n")
    run = invoke([a.format(c=corpus, f=blocker) for a in args])
    assert run.code == 2, run.err
    assert run.err.splitlines() == [FILE_NOT_FOLDER.format(f=blocker)]  # no progress: nothing was read
    assert blocker.read_bytes() == b"a file the user keeps\n"


def test_an_output_file_that_is_a_folder_is_refused_before_any_input_is_read(tmp_path: Path, corpus: Path) -> None:
    run = invoke(["align", str(corpus / "zh" / "a.txt"), str(corpus / "en" / "a.txt"), "-o", str(tmp_path)])
    assert run.code == 2
    assert run.err.splitlines() == [f"aligner: {tmp_path}: is a directory. give a file name."]


def test_an_unusable_default_cache_folder_warns_and_the_build_runs(tmp_path: Path, corpus: Path, monkeypatch) -> None:
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_folder))
    out = tmp_path / "out"
    run = invoke(["build", "--corpus", str(corpus), "--out", str(out), "-q", "-j", "1"])
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert (f"aligner: {not_a_folder}/aligner: cannot use the cache folder (Not a directory); building without the "
            "cache (every page is aligned afresh). pass --cache DIR with a writable folder, or --no-cache to say "
            "so.") in run.err.splitlines()
    assert (out / "tmx" / "a.tmx").is_file() and (out / "glossary" / "glossary.tbx").is_file()
    assert not_a_folder.read_text() == "x"


def test_a_cache_folder_the_user_named_must_work(tmp_path: Path, corpus: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    run = invoke(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--cache", str(blocker / "c")])
    assert run.code == 2
    assert run.err.splitlines()[-1] == (f"aligner: {blocker}/c: cannot use the cache folder (Not a directory). pass "
                                        "--cache DIR with a writable folder, or --no-cache.")
    assert not (tmp_path / "out").exists()


DEVICE = "aligner: /dev/zero: is a device, not a {noun}. give a file, or pipe the data in (... | aligner COMMAND -)."


@pytest.mark.parametrize(("args", "noun"), [
    (["read", "/dev/zero"], "file"),
    (["segment", "/dev/zero"], "file"),
    (["align", "/dev/zero", "{c}/en/a.txt"], "file"),
    (["check", "/dev/zero", "-g", "{c}/g.csv"], "TM or bilingual file"),
    (["check", "{c}/tm.csv", "-g", "/dev/zero"], "glossary file"),
    (["terms", "/dev/zero"], "TM or bilingual file"),
], ids=["read", "segment", "align", "check", "check-glossary", "terms"])
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_named_as_an_input_is_refused_before_it_is_read(corpus: Path, args, noun) -> None:
    (corpus / "g.csv").write_text("zh,en\n深度学习,deep learning\n", encoding="utf-8")
    (corpus / "tm.csv").write_text("zh,en\n深度学习很重要。,Deep learning matters.\n", encoding="utf-8")
    run = invoke([a.format(c=corpus) for a in args])  # reading it would never end, and fill the memory
    assert run.code == 2
    assert run.err.splitlines()[-1] == DEVICE.format(noun=noun)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_standard_input_from_a_device_is_refused(tmp_path: Path) -> None:
    import subprocess
    import sys

    with open("/dev/zero", "rb") as zero:
        run = subprocess.run([sys.executable, "-m", "aligner", "read", "-"], stdin=zero, capture_output=True,
                             timeout=120)
    assert run.returncode == 2
    assert run.stderr.decode().splitlines() == [
        "aligner: <stdin>: standard input is a device, not a file. redirect a file into aligner (aligner read - < "
        "FILE), or give the file's path."]
