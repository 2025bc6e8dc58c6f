"""`aligner review ZH EN --no-browser` as a user runs it: the address printed, the page served,
Ctrl-C stops it cleanly (exit 0, where the decisions are)."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from aligner.cli import cli

PAIR = Path(__file__).resolve().parent / "data" / "pipeline" / "corpus"


def test_review_a_pair_then_stop_with_ctrl_c(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "aligner", "review", str(PAIR / "zh" / "speech.txt"),
                             str(PAIR / "en" / "speech.txt"), "--out", str(tmp_path), "--no-browser", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            # a test run started in the background (`pytest &`) ignores SIGINT and
                            # its children inherit that: the server must hear Ctrl-C as a user's does
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        line = proc.stdout.readline()
        assert line.startswith("review: http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split()[1]
        with urllib.request.urlopen(url + "api/doc/speech", timeout=10) as response:
            doc = json.loads(response.read())
        assert len(doc["beads"]) == 4 and doc["beads"][0]["anchors"]
    finally:
        proc.send_signal(signal.SIGINT)
        try:  # generous: a loaded CI machine takes its time to unwind the model and threads
            _, err = proc.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0, err
    assert f"review: stopped; decisions are in {tmp_path / 'review.json'}" in err
    assert (tmp_path / "tmx" / "speech.beads.json").is_file()


def test_wrong_number_of_files_and_an_empty_folder_are_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["review", "a.txt", "--no-browser"])
    assert result.exit_code == 2
    assert result.stderr == ("aligner: give two files (ZH EN), one .tmx, or none, not 1. aligner review ZH EN, "
                             "aligner review FILE.tmx, or aligner review --out BUILD_FOLDER.\n")
    result = CliRunner().invoke(cli, ["review", "apply", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (f"aligner: {tmp_path}: no beads files to review (tmx/*.beads.json). run `aligner "
                             "build` first, or give the build's --out folder.\n")
