#!/usr/bin/env python3
"""Reading and cleaning speed on hostile sizes: a 10 MB single line and 200,000 short lines.

Prints seconds and peak memory per case, and the same figures for the bundled corpus, with
a baseline in the same run: decoding plus ``str.split`` of the same bytes (the floor any
reader pays). Every cleaner pattern is linear, so time should grow with size, not its square.

    python bench/documents_speed.py
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.documents import conservation_errors, decode, read_text  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from measure import measured  # noqa: E402

LINE = (
    "有效加速主义是近年来风靡美国硅谷业界的一种思潮,旨在通过最有效的策略加速科技发展"
    "(Effective Accelerationism, e/acc)。^①**粗体** [链接](https://x.com/a) <b>x</b> &amp; "
)
SHORT = [
    "短行一。", "肖茜:你好。", "##### 1# 发表于 2025-11-12 15:41", "- item", "① 脚注", "",
    "Abstract: x", "hello world", "<blockquote>甲 发表于 2025-11-12 15:48", "引用</blockquote>",
]


def cases() -> list[tuple[str, str]]:
    random.seed(7)
    big = LINE * (10_000_000 // len(LINE.encode()))
    many = "\n".join(random.choice(SHORT) for _ in range(200_000))
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "zh").glob("*.txt")))
    # patterns that make careless regexes backtrack: unclosed brackets, tags, emphasis, URLs
    hostile = "".join(("[a" * 500, "<a " * 500, "**a" * 500, "http://" + "a" * 2000, "(" * 500, "肖 " * 500))
    hostile = (hostile * (10_000_000 // len(hostile.encode())))
    return [
        ("10 MB single line", big),
        ("10 MB hostile line", hostile),
        ("200,000 short lines", many),
        ("bundled corpus (5 docs)", corpus),
    ]


def main() -> None:
    with measured("documents_speed, all cases", echo=True):
        run()


def run() -> None:
    print(f"{'case':26} {'MB':>6} {'baseline s':>10} {'read s':>8} {'check s':>8} {'paras':>8} {'debris':>8}")
    for name, text in cases():
        data = text.encode("utf-8")
        start = time.perf_counter()
        decode(data, Path("x.txt"))[0].split("\n")
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        doc = read_text(decode(data, Path("x.txt"))[0], Path("x.txt"))
        took = time.perf_counter() - start
        start = time.perf_counter()
        problems = conservation_errors(text, doc)
        check = time.perf_counter() - start
        print(
            f"{name:26} {len(data) / 1e6:6.1f} {baseline:10.3f} {took:8.2f} {check:8.2f} "
            f"{len(doc.zh) + len(doc.en):8d} {len(doc.debris):8d}" + ("  LOST TEXT" if problems else "")
        )


if __name__ == "__main__":
    main()
