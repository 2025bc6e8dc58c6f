#!/usr/bin/env python3
"""Streaming TMX writer: time and peak memory for N translation units.

Usage: python bench/tmx_write.py [N ...]   (default: 10000 1000000)
Memory should stay flat as N grows (lxml.etree.xmlfile streams every TU to disk).
Each N runs in a fresh process so the peak RSS of one does not hide another's.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from measure import measured
from aligner.formats.tmx import write_tmx
from aligner.model import TranslationUnit
n, out = int(sys.argv[1]), Path(sys.argv[2])
units = (TranslationUnit(source=f"第{i}句：有效加速主义是一种思潮。", target=f"Sentence {i}: e/acc is a movement.",
         score=0.9, doc="bench", src_line=i, tgt_line=i) for i in range(n))
with measured(f"{n:>9,} TUs") as span:
    report = write_tmx(units, out)
print(f"{span.line()}; {out.stat().st_size / 2**20:.1f} MB file")
"""


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 1_000_000]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            subprocess.run([sys.executable, "-c", CHILD, str(n), str(Path(tmp) / f"{n}.tmx"),
                            str(Path(__file__).resolve().parent)], check=True)


if __name__ == "__main__":
    main()
