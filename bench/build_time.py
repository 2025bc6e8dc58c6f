#!/usr/bin/env python3
"""Wall time of `aligner build` on the bundled corpus, cold (a fresh process each run).

Usage: python bench/build_time.py [--runs N]
Prints each run and the median; the README quotes the median. Goal: <= 5 s on 2 cores.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "aligner", "build", "--corpus", str(ROOT / "corpus"), "--out", out, "--json"],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            elapsed = time.perf_counter() - start
        times.append(elapsed)
        print(f"run {run}: {elapsed:.2f} s")
    print(f"aligner build, bundled corpus (5 documents), cold process: median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
