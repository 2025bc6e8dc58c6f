#!/usr/bin/env python3
"""The review page on a big document, in the real browser: first paint and a filter.

Usage: python bench/review_page.py [--beads N]
Makes a document of N beads (default 10,000; invented sentences, varied confidences, every
tenth bead 2:1, every 25th unaligned), serves it, opens it in headless Chromium and prints
the milliseconds from navigation to the first rendered beads, and the milliseconds a filter
(confidence below 0.6) and a search take to re-render, with the rows the virtualised list
put in the page; then the wall and CPU time, peak memory and load of the whole session
(bench/measure.py: the browser's CPU is that of its process tree once it has exited).
Needs Debian's chromium.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from aligner.model import Bead  # noqa: E402
from aligner.review import BeadsFile, Sentence, write_beads  # noqa: E402
from aligner.review.server import Session, start  # noqa: E402
from measure import measured  # noqa: E402
from tests.cdp import Browser  # noqa: E402


def document(n: int) -> BeadsFile:
    zh: list[Sentence] = []
    en: list[Sentence] = []
    beads: list[Bead] = []
    for k in range(n):
        i, j = len(zh), len(en)
        zh.append(Sentence(f"这是第{k}个测试句子，用来衡量审校页面的速度。", k + 1))
        if k % 25 == 24:
            beads.append(Bead((i,), ()))
            continue
        if k % 10 == 9:
            zh.append(Sentence(f"它还有第二个分句{k}。", k + 1))
        en.append(Sentence(f"This is test sentence number {k}, for timing the review page.", k + 1))
        beads.append(Bead(tuple(range(i, len(zh))), (j,), round(0.3 + 0.7 * ((k * 37) % 100) / 100, 4),
                          (f"number: {k}={k}", "embedding: 0.70")))
    return BeadsFile("big", tuple(zh), tuple(en), tuple(beads))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=10_000)
    args = parser.parse_args()
    rows = "document.querySelectorAll('#rows .row').length"
    with tempfile.TemporaryDirectory() as tmp, measured(f"session ({args.beads:,} beads)") as span:
        out = Path(tmp)
        write_beads(out / "tmx" / "big.beads.json", document(args.beads))
        server, _ = start(Session.open(out))
        browser = Browser(out / "profile", timeout=60)
        try:
            started = time.perf_counter()
            browser.open(server.url)
            browser.wait_for("document.body.dataset.ready === '1'", timeout=60)
            wall = (time.perf_counter() - started) * 1000
            paint = browser.evaluate("window.reviewFirstPaint")
            first_rows = browser.evaluate(rows)
            timed = """(() => { const el = document.getElementById(%s); const t = performance.now();
                el.value = %s; el.dispatchEvent(new Event('input')); return performance.now() - t; })()"""
            below = browser.evaluate(timed % (json.dumps("below"), json.dumps("0.6")))
            shown, below_rows = browser.evaluate("S.visible.length"), browser.evaluate(rows)
            scroll = browser.evaluate("""(() => { const t = performance.now(); const l = document.getElementById('list');
                l.scrollTop = l.scrollHeight / 2; paintWindow(); return performance.now() - t; })()""")
            search = browser.evaluate(timed % (json.dumps("search"), json.dumps("number 4242,")))
            marks = browser.evaluate("S.marks.length")
        finally:
            browser.close()
            server.shutdown()
            server.server_close()
    print(f"review page, {args.beads:,} beads (load average {os.getloadavg()[0]:.1f}):")
    print(f"  first paint: {paint:.0f} ms after navigation ({wall:.0f} ms from opening the tab); "
          f"{first_rows} rows in the page")
    print(f"  filter 'below 0.6': {below:.0f} ms ({shown:,} beads pass, {below_rows} rows in the page; "
          f"minimap {marks:,} marks)")
    print(f"  scroll to the middle: {scroll:.0f} ms")
    print(f"  search: {search:.0f} ms")
    print(f"  {span.line()}")

if __name__ == "__main__":
    main()
