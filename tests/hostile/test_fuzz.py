"""A short fuzz run of every reader in CI (bench/fuzz_readers.py; longer runs by hand).

atheris when installed, else hypothesis mutations: either way the bar is zero crashes, a
crash being any exception other than AlignerError.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "fuzz_readers.py"


def test_short_fuzz_run_of_every_reader_finds_no_crash(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(BENCH), "--seconds", "3", "--min-runs", "60", "--json", "--crash-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stdout)
    results = {r["reader"]: r for r in report["results"]}
    assert sorted(results) == ["csv", "formats", "srx", "tbx", "text", "tmx", "xliff"]
    for reader, result in results.items():
        assert result["executions"] > 50, (reader, result)
        assert result["crashes"] == 0, (reader, result["crash_kinds"])
    assert proc.returncode == 0
