"""Build ../shared/realworld/corpus (real documentation pages with their English) and report,
per document, the TMX written and every TU that still holds markup.

    python bench/realworld_markup.py [--out DIR] [--reuse]

Markup is what a CAT tool's format filter never shows inside a segment: HTML tags of block or
inline elements written as tags, entities, shortcodes and macros (``{{`` ``{%``), heading
anchors ``{#…}``, Sphinx/MyST roles ``:name:`…```, list markers or heading marks at the start,
emphasis marks ``**``, admonition fences, and line breaks. Text inside inline code is content
(``<length>``, ``Mutex<T>``, ``<div class=…>`` written in prose as code): a tag-like span is
counted separately as ``code-like`` and printed, so a reader can judge it. Prints wall time,
CPU time, peak memory and the load average. A development figure: these pages were looked
at while the readers were written.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shared_data import REALWORLD as CORPUS, require  # noqa: E402
_TAGS = "a|b|i|p|br|hr|div|span|img|table|tbody|thead|tr|td|th|ul|ol|li|h[1-6]|pre|code|strong|em|sup|sub|blockquote|figure|figcaption|section|article|nav|script|style"
MARKUP = {
    "tag": re.compile(rf"</?(?:{_TAGS})(?:\s[^<>]*)?/?>", re.I),
    "entity": re.compile(r"&(?:[a-zA-Z]{2,8}|#\d+|#x[0-9a-fA-F]+);"),
    "shortcode": re.compile(r"\{\{[<%#]|\{\{\s*[A-Za-z_][\w.]*\s*(?:\(|\}\})|\{%"),
    "anchor": re.compile(r"\{#[\w:.-]+\}"),
    "role": re.compile(r":[a-z_]+:`|^:[a-z_]+:|\s:[a-z_]+:(?:\s|$)"),
    "marker": re.compile(r"^\s*(?:[-*+•]\s|\d{1,3}\.\s|#{1,6}\s|>\s|:::|!!!)"),
    "emphasis": re.compile(r"\*\*\S|\S\*\*|__\w"),
    "line-break": re.compile(r"[\r\n]"),
}
CODE_LIKE = re.compile(r"<[A-Za-z][\w-]*[^<>]*>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/aligner-realworld"))
    parser.add_argument("--reuse", action="store_true", help="read the TMX of an earlier run in --out")
    args = parser.parse_args()
    require(CORPUS)
    start, cpu0 = time.perf_counter(), time.process_time()
    if not args.reuse:
        shutil.rmtree(args.out, ignore_errors=True)
        run = subprocess.run([sys.executable, "-m", "aligner", "build", "--corpus", str(CORPUS),
                              "--out", str(args.out), "--quiet"], capture_output=True, text=True)
        if run.returncode not in (0, 3):
            print(run.stderr, file=sys.stderr)
            raise SystemExit(run.returncode)
    stems = sorted(p.stem for p in (CORPUS / "zh").iterdir() if p.is_file())
    total, counts, code_like = 0, Counter(), []
    print(f"{'document':36} {'TUs':>5}  markup")
    for stem in stems:
        path = args.out / "tmx" / f"{stem}.tmx"
        if not path.is_file():
            print(f"{stem:36} {'-':>5}  NO TMX")
            counts["no-tmx"] += 1
            continue
        n, found = 0, Counter()
        for tu in etree.parse(str(path)).iter("tu"):
            n += 1
            segs = [seg.xpath("string(.)") for seg in tu.iter("seg")]
            for name, pattern in MARKUP.items():
                hits = [s for s in segs if pattern.search(s)]
                if hits:
                    found[name] += 1
                    print(f"    {name}: {hits[0][:110]!r}")
            for seg in segs:
                if CODE_LIKE.search(seg) and not MARKUP["tag"].search(seg):
                    code_like.append((stem, seg))
        total += n
        counts.update(found)
        print(f"{stem:36} {n:>5}  {dict(found) or 'none'}")
    print(f"total: {total} TUs in {len(stems)} documents; TUs with markup: {dict(counts) or 'none'}")
    print(f"code-like spans kept as inline-code text: {len(code_like)} TUs "
          f"(e.g. {code_like[0][1][:80]!r})" if code_like else "code-like spans kept as inline-code text: none")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu0 + children.ru_utime + children.ru_stime
    peak = max(children.ru_maxrss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    print(f"wall {time.perf_counter() - start:.1f} s, cpu {cpu:.1f} s (build included), "
          f"peak memory {peak / 1024:.0f} MB, load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
