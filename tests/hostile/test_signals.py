"""Ctrl-C and SIGTERM in the middle of a build with worker processes (aligner/interrupts.py).

The real console script runs in its own session so that Ctrl-C can be sent the way a
terminal sends it: to the whole process group, workers included. Before the fix every
worker printed a KeyboardInterrupt traceback, and SIGTERM to the command alone left its
workers running as orphans. No timing is asserted: the signal is sent once the workers
exist, and every wait has a generous limit.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="process groups and /proc as on Linux")


def _session(sid: int) -> list[int]:
    """The processes of session ``sid`` (the command and its workers)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":  # fields: state, ppid, pgrp, session
                pids.append(int(entry))
    return pids


def _wait(predicate, limit: float = 120.0) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _corpus(root: Path) -> Path:
    corpus = root / "corpus"
    for lang, line in (("zh", "第{i}段。深度学习很重要,我们研究了第{j}个模型。\n\n"),
                       ("en", "Paragraph {i}. Deep learning matters, we studied model {j}.\n\n")):
        (corpus / lang).mkdir(parents=True)
        for i in range(3):
            (corpus / lang / f"d{i}.txt").write_text("".join(line.format(i=i, j=j) for j in range(60)),
                                                     encoding="utf-8")
    return corpus


@pytest.mark.parametrize(("signum", "to_group", "code", "said"), [
    (signal.SIGINT, True, 130, "aligner: interrupted; no output file was left half-written."),
    (signal.SIGTERM, False, 143, "aligner: stopped by SIGTERM; no output file was left half-written."),
    (signal.SIGHUP, True, 129, "aligner: stopped by SIGHUP; no output file was left half-written."),
], ids=["ctrl-c-to-the-group", "sigterm-to-the-command", "sighup-to-the-group"])
def test_a_signal_mid_build_stops_every_process_with_one_line(tmp_path: Path, signum: int, to_group: bool,
                                                              code: int, said: str) -> None:
    corpus, out = _corpus(tmp_path), tmp_path / "out"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("ALIGNER_DEBUG", None)
    proc = subprocess.Popen([sys.executable, "-m", "aligner", "build", "--corpus", str(corpus), "--out", str(out),
                             "--no-cache", "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, env=env)
    try:
        assert _wait(lambda: len(_session(proc.pid)) >= 3 or proc.poll() is not None), "no workers started"
        assert proc.poll() is None, proc.communicate()
        (os.killpg if to_group else os.kill)(proc.pid, signum)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    text = err.decode("utf-8", "replace")
    assert proc.returncode == code, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    assert text.rstrip("\n").splitlines()[-1] == said
    assert _wait(lambda: not _session(proc.pid), 60), "worker processes outlived the command"
    written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert not [p for p in written if p.name.endswith(".tmp")]
    for tmx in (p for p in written if p.suffix == ".tmx"):  # a file present is whole
        etree.parse(str(tmx))


def test_exit_statuses_follow_the_shell_convention() -> None:
    from aligner.interrupts import Terminated, exit_status, interrupted

    assert exit_status(KeyboardInterrupt()) == 130
    assert exit_status(Terminated(signal.SIGTERM)) == 143
    assert exit_status(Terminated(signal.SIGHUP)) == 129
    assert interrupted(Terminated(signal.SIGTERM)).startswith("stopped by SIGTERM;")
