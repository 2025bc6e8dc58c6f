"""Outputs that cannot be written: a read-only folder, a full disk, a device; and a run
killed mid-write. Each leaves the old file (or none), never a partial one (issue 8)."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from aligner import atomic
from aligner.atomic import atomic_write, remove_stale_temps
from aligner.errors import OutputError

from .conftest import invoke

OLD = b"old bytes, a file the user already had\n"


def _enospc(*_args: object, **_kw: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _eacces(*_args: object, **_kw: object) -> None:
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize("args, target", [
    (["glossary", "extract", "{d}/zh_only.txt", "-o", "{o}/g.tbx"], "g.tbx"),
    (["align", "{d}/zh_only.txt", "{d}/en_only.txt", "-o", "{o}/a.tmx", "--format", "tmx"], "a.tmx"),
    (["glossary", "merge", "{d}/good.tbx", "{d}/glossary.csv", "-o", "{o}/m.csv"], "m.csv"),
    (["build", "--corpus", "{d}/corpus/zh_only", "--out", "{o}"], "glossary/glossary.tbx"),
])
@pytest.mark.parametrize("failure, message", [
    ("full-disk", "no space left on the device. free some space or choose another --out."),
    ("read-only", "permission denied. choose a writable output folder."),
])
def test_unwritable_output_keeps_the_old_file(args: list[str], target: str, failure: str, message: str,
                                              hostile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    (out / target).parent.mkdir(parents=True)
    (out / target).write_bytes(OLD)
    if failure == "full-disk":  # the disk fills while the file is flushed to it
        monkeypatch.setattr(atomic.os, "fsync", _enospc)
    else:  # a read-only folder refuses the temporary file (simulated: tests may run as root)
        monkeypatch.setattr(atomic.tempfile, "mkstemp", _eacces)
    run = invoke([a.replace("{d}", str(hostile)).replace("{o}", str(out)) for a in args])
    assert run.code == 2, run.err
    assert "Traceback" not in run.err
    last = run.err.rstrip("\n").rsplit("\n", 1)[-1]
    assert last.startswith(f"aligner: {out}/") and last.endswith(f": {message}"), last
    assert (out / target).read_bytes() == OLD
    assert [p.name for p in out.rglob(".*.tmp")] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_real_read_only_folder(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        run = invoke(["glossary", "extract", f"{hostile}/zh_only.txt", "-o", f"{out}/g.tbx"])
    finally:
        out.chmod(0o755)
    assert run.code == 2
    assert run.err.splitlines()[-1] == f"aligner: {out}/g.tbx: permission denied. choose a writable output folder."


def test_stdout_on_a_full_disk_is_one_line(hostile: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "aligner", "segment", str(hostile / "bad_line_1234.txt")],
                              stdout=full, stderr=subprocess.PIPE, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert err.splitlines()[-1] == ("aligner: writing the output: No space left on device. check the path, "
                                    "its permissions and the free space.")


def test_a_device_is_written_in_place_not_replaced(hostile: Path) -> None:
    """-o /dev/full must fail with ENOSPC, not rename a temporary file over the device."""
    run = invoke(["glossary", "extract", f"{hostile}/zh_only.txt", "-o", "/dev/full", "--format", "csv"])
    assert run.code == 2
    assert run.err.splitlines()[-1] == ("aligner: /dev/full: no space left on the device. "
                                        "free some space or choose another --out.")
    assert Path("/dev/full").is_char_device()


WRITER = textwrap.dedent("""
    import sys
    from aligner.formats.tmx import write_tmx
    from aligner.model import TranslationUnit

    def units():
        for i in range(10_000_000):
            if i == 2000:
                print("writing", flush=True)  # the temporary file exists and is growing
            yield TranslationUnit(f"第{i}句。深度学习很重要。", f"Sentence {i}: deep learning matters.")

    write_tmx(units(), sys.argv[1])
""")


def test_sigkill_mid_write_leaves_the_old_file_and_the_next_run_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "big.tmx"
    target.write_bytes(OLD)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline() == b"writing\n"
    deadline = time.monotonic() + 30
    temps: list[Path] = []
    while time.monotonic() < deadline:  # kill once the temporary file holds real data
        temps = list(tmp_path.glob(".big.tmx.*.tmp"))
        if temps and temps[0].stat().st_size > 1_000_000:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == OLD  # the old file, untouched
    leftovers = list(tmp_path.glob(".big.tmx.*.tmp"))
    assert len(leftovers) == 1 and leftovers[0].stat().st_size > 1_000_000  # at most the temp file
    assert str(proc.pid) in leftovers[0].name

    # the next write of the same file removes what the killed run left
    with atomic_write(target) as handle:
        handle.write(b"new\n")
    assert target.read_bytes() == b"new\n"
    assert list(tmp_path.glob(".big.tmx.*.tmp")) == []


def test_a_live_writers_temp_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "x.tmx"
    mine = tmp_path / f".x.tmx.{os.getppid()}.abc.tmp"  # the parent process is alive
    dead = tmp_path / ".x.tmx.999999999.abc.tmp"  # no such process
    other = tmp_path / ".y.tmx.999999999.abc.tmp"  # another target
    for path in (mine, dead, other):
        path.write_bytes(b"partial")
    assert remove_stale_temps(target) == [dead]
    assert mine.exists() and other.exists()


def test_failed_write_removes_its_temp_and_raises_output_error(tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    target.write_bytes(OLD)
    with pytest.raises(OutputError) as info, tempfile.TemporaryDirectory():
        with atomic_write(target) as handle:
            handle.write(b"partial")
            raise OSError(errno.EIO, "Input/output error")
    assert str(info.value) == f"{target}: cannot write (Input/output error). check the output path."
    assert target.read_bytes() == OLD
    assert list(tmp_path.iterdir()) == [target]
