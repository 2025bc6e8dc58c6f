#!/usr/bin/env python3
"""Wall time of `aligner build` on the bundled corpus, cold (a fresh process each run).

Usage: python bench/build_time.py [--runs N]
Prints each run (wall, CPU, peak memory of the build process, load) and the median; the README quotes the median. Goal: <= 5 s on 2 cores.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import measured  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("build_args", nargs="*", help="more `aligner build` options (after --)")
    args = parser.parse_args()
    times = []
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as out:
            with measured(f"run {run}") as span:
                subprocess.run(
                    [sys.executable, "-m", "aligner", "build", "--corpus", str(ROOT / "corpus"), "--out", out,
                     "--json", *args.build_args],
                    check=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
        times.append(span.wall)
        print(span.line())
    print(f"aligner build, bundled corpus (5 documents), cold process: median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
