#!/usr/bin/env python3
"""Hostile shapes at 1×, 2× and 4× size: wall time, CPU time, peak memory, load average.

Each shape of issue 17's class 2 is generated (seeded, invented text), run through the real
command in a child process of its own, and measured there with ``resource.getrusage``, so
one run's peak memory is not another's. Linear growth shows as time and memory roughly
doubling (or staying flat) from one size to the next; the bounds that keep it so are in
``aligner/bounds.py`` and ``docs/hostile-input.md``.

    python bench/hostile_bounds.py               # every shape
    python bench/hostile_bounds.py --shape long-line --base 50000

The load average is printed because the machine is shared: a high one inflates wall time,
not CPU time.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你"
LOWER = "abcdefghijklmnopqrstuvwxyz"


def _han(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(HAN) for _ in range(n))


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(LOWER) for _ in range(n)).title()


def make(shape: str, n: int, folder: Path) -> list[str]:
    """Write the input of ``shape`` at size ``n`` into ``folder``; the command's arguments."""
    rng = random.Random(17)
    if shape == "long-line":  # one Chinese line of n characters, no punctuation
        zh, en = folder / "zh.txt", folder / "en.txt"
        zh.write_text("第一句话。\n" + _han(rng, n) + "\n", encoding="utf-8")
        en.write_text("The first sentence.\n" + " ".join(_word(rng, 6) for _ in range(n // 4)) + "\n", encoding="utf-8")
        return ["align", str(zh), str(en), "-o", str(folder / "out.tmx")]
    if shape == "bracket-lines":  # n lines 术语（English Term） in one paragraph
        doc = folder / "doc.txt"
        doc.write_text("".join(f"{_han(rng, 4)}（{_word(rng, 8)} {_word(rng, 6)}）\n" for _ in range(n)), encoding="utf-8")
        return ["glossary", "extract", str(doc), "-o", str(folder / "out.csv")]
    if shape == "nested-brackets":  # n nested brackets, closed
        doc = folder / "doc.txt"
        doc.write_text("前言" + "（" * n + "术语" + "）" * n + "\n", encoding="utf-8")
        return ["glossary", "extract", str(doc), "-o", str(folder / "out.csv")]
    if shape == "unclosed-brackets":  # n opening brackets, never closed
        doc = folder / "doc.txt"
        doc.write_text("前言" + "（" * n + "术语\n", encoding="utf-8")
        return ["glossary", "extract", str(doc), "-o", str(folder / "out.csv")]
    if shape == "long-segment":  # check: one TMX segment of n characters, a glossary term in every 7
        tmx, glossary = folder / "tm.tmx", folder / "g.csv"
        glossary.write_text("zh,en\n深度学习,deep learning\n", encoding="utf-8")
        zh = "".join("深度学习" + _han(rng, 3) for _ in range(n // 7))
        tmx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
                       'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" '
                       f'datatype="plaintext"/><body><tu><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
                       '<tuv xml:lang="en-US"><seg>Deep learning.</seg></tuv></tu></body></tmx>\n', encoding="utf-8")
        return ["check", str(tmx), "-g", str(glossary)]
    if shape == "long-segment-numbers":  # check: one unit of n characters a side, numbers, URLs, tags
        tmx, glossary = folder / "tm.tmx", folder / "g.csv"
        glossary.write_text("zh,en\n深度学习,deep learning\n", encoding="utf-8")
        zh_unit = "在2024年有35%的用户访问https://a.example/c，见{0}和%s，&lt;b&gt;粗&lt;/b&gt;。"
        en_unit = "In 2020–24, 36% of users visited https://a.example/d, see {1} and %d &lt;i&gt;bold&lt;/i&gt;. "
        reps = n // 40
        tmx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
                       'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" '
                       f'datatype="plaintext"/><body><tu><tuv xml:lang="zh-CN"><seg>{zh_unit * reps}</seg></tuv>'
                       f'<tuv xml:lang="en-US"><seg>{en_unit * reps}</seg></tuv></tu></body></tmx>\n',
                       encoding="utf-8")
        return ["check", str(tmx), "-g", str(glossary)]
    raise SystemExit(f"unknown shape {shape!r}")


SHAPES = {"long-line": 50_000, "bracket-lines": 2_500, "nested-brackets": 12_500, "unclosed-brackets": 12_500,
          "long-segment": 500_000, "long-segment-numbers": 100_000}


def child(args: list[str]) -> None:
    """Run one command in this process and print its own figures as JSON."""
    from aligner.cli import cli

    start, cpu = time.perf_counter(), time.process_time()
    try:
        cli.main(args=args, prog_name="aligner", standalone_mode=False)
        status = 0
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"status": status, "wall": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                      "peak_mb": usage.ru_maxrss / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append")
    parser.add_argument("--base", type=int, help="size at 1× (default: per shape)")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.child is not None:
        return child(opts.child)
    print(f"{'shape':<18} {'size':>9} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'load':>5} status")
    for shape in opts.shape or list(SHAPES):
        for factor in (1, 2, 4):
            n = (opts.base or SHAPES[shape]) * factor
            with tempfile.TemporaryDirectory() as tmp:
                args = make(shape, n, Path(tmp))
                run = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True,
                                     cwd=ROOT)
            lines = run.stdout.strip().splitlines()
            if not lines:
                print(f"{shape:<18} {n:>9,} failed: {run.stderr.strip()[-200:]}")
                continue
            figures = json.loads(lines[-1])
            print(f"{shape:<18} {n:>9,} {figures['wall']:>7.1f} {figures['cpu']:>7.1f} {figures['peak_mb']:>8.0f} "
                  f"{os.getloadavg()[0]:>5.1f} {figures['status']}", flush=True)


if __name__ == "__main__":
    main()
