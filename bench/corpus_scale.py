#!/usr/bin/env python3
"""A corpus of many page pairs, built with one worker and with two, then rebuilt after one page changed.

Usage: python bench/corpus_scale.py [--docs 1000] [--keep DIR]

The corpus is made at run time in a temporary folder (never in the project) from the shared
data: MAC-Dev chapters cut at gold bead boundaries into pages of 3 to 60 beads, and the
realworld Markdown pages cut into runs of 2 to 14 paragraphs (the English cut at the same
share of its paragraphs), lengths drawn with a fixed seed so most pages are short and a few
long, as on a documentation site. Then, each `aligner build` a fresh process:

1. ``--jobs 1`` with an empty cache; 2. ``--jobs 2`` with another empty cache: documents per
second of each and their ratio (target: ≥ 1.8 with two cores free), and whether the two wrote
the same bytes; 3. the last sentence of one page (both sides) removed, rebuilt ``--jobs 2``
on the second cache: its wall time as a share of the full ``--jobs 2`` build (target ≤ 10%),
and how many documents the cache gave back; 4. the same again with nothing changed (every
corpus-level step read back from the cache, :mod:`aligner.cache.corpus`).

Each step prints wall, CPU (with the worker processes), peak memory and the load average
(bench/measure.py): on a shared machine quote CPU time and the load with the wall time.
"""
from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Span, measured  # noqa: E402
from shared_data import MAC_DEV, REALWORLD, require  # noqa: E402

SEED = 18
HAN = re.compile(r"[\u4e00-\u9fff]{2}")


def _mac_dev_beads() -> list[tuple[list[str], list[str]]]:
    """Every MAC-Dev chapter as its gold beads: (Chinese lines, English lines)."""
    beads = []
    for gold in sorted((MAC_DEV / "gold").glob("*.align")):
        zh = (MAC_DEV / f"{gold.stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (MAC_DEV / f"{gold.stem}.en").read_text(encoding="utf-8").splitlines()
        for line in gold.read_text(encoding="utf-8").splitlines():
            match = re.fullmatch(r"\[([\d, ]*)\]:\[([\d, ]*)\]", line.strip())
            if match:
                src = [int(k) for k in match[1].split(",") if k.strip()]
                tgt = [int(k) for k in match[2].split(",") if k.strip()]
                beads.append(([zh[k] for k in src], [en[k] for k in tgt]))
    return beads


def _paragraphs(path: Path) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]


def _length(rng: random.Random, low: int, high: int) -> int:
    """Mostly short, sometimes long: a page length skewed towards ``low``."""
    return min(high, low + int(rng.expovariate(1.0) * (high - low) / 3))


def _readable(root: Path, zh: str, en: str) -> bool:
    """Both sides hold text aligner reads (a cut may leave only a code block or a label)."""
    from aligner.documents import read_document
    from aligner.errors import AlignerError

    if not HAN.search(zh):
        return False
    zh_probe, en_probe = root / "probe.zh.md", root / "probe.en.md"
    zh_probe.write_text(zh, encoding="utf-8")
    en_probe.write_text(en, encoding="utf-8")
    try:
        doc = read_document(zh_probe, en_path=en_probe)
    except AlignerError:
        return False
    finally:
        zh_probe.unlink()
        en_probe.unlink()
    return bool(doc.zh and doc.en)
    return True


def make_corpus(root: Path, docs: int) -> list[str]:
    """Write ``docs`` page pairs under ``root``/zh and ``root``/en; their names."""
    rng = random.Random(SEED)
    beads = _mac_dev_beads()
    pages = [(_paragraphs(REALWORLD / "zh" / p.name), _paragraphs(p))
             for p in sorted((REALWORLD / "en").glob("*.md")) if (REALWORLD / "zh" / p.name).is_file()]
    for side in ("zh", "en"):
        (root / side).mkdir(parents=True)
    names = []
    for k in range(docs):
        if k % 10 < 7 or not pages:  # seven in ten from MAC-Dev, the rest from the realworld pages
            size = _length(rng, 3, 60)
            start = rng.randrange(0, len(beads) - size)
            chunk = beads[start:start + size]
            zh = "\n".join(line for b in chunk for line in b[0]) + "\n"
            en = "\n".join(line for b in chunk for line in b[1]) + "\n"
            name = f"page{k:04d}.txt"
        else:
            zh, en = "", ""
            while not _readable(root, zh, en):  # a page of text, not only markup or code
                zh_paras, en_paras = pages[rng.randrange(len(pages))]
                size = min(_length(rng, 2, 14), len(zh_paras))
                start = rng.randrange(0, len(zh_paras) - size + 1)
                share = len(en_paras) / len(zh_paras)
                first, last = round(start * share), round((start + size) * share)
                zh = "\n\n".join(zh_paras[start:start + size]) + "\n"
                en = "\n\n".join(en_paras[first:max(last, first + 1)]) + "\n"
            name = f"page{k:04d}.md"
        (root / "zh" / name).write_text(zh, encoding="utf-8")
        (root / "en" / name).write_text(en, encoding="utf-8")
        names.append(name)
    return names


def build(corpus: Path, out: Path, cache: Path, jobs: int, label: str) -> tuple[Span, str]:
    with measured(label) as span:
        run = subprocess.run([sys.executable, "-m", "aligner", "build", "--corpus", str(corpus), "--out", str(out),
                              "--jobs", str(jobs), "--cache", str(cache), "--json"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    if run.returncode not in (0, 3):  # 3: some folder entry skipped, still a build
        sys.exit(f"corpus_scale.py: {label} failed (exit {run.returncode}): {run.stderr[-2000:]}")
    print(span.line(), flush=True)
    cache_line = next((line for line in run.stderr.splitlines() if line.startswith("cache: ") and " stored " in line), "")
    return span, cache_line


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="page pairs in the corpus (default 1000)")
    parser.add_argument("--keep", type=Path, default=None, help="make the corpus and outputs here and keep them")
    args = parser.parse_args()
    require(MAC_DEV, MAC_DEV / "gold", REALWORLD)
    with tempfile.TemporaryDirectory(prefix="corpus-scale-") as tmp:
        work = args.keep or Path(tmp)
        corpus = work / "corpus"
        names = make_corpus(corpus, args.docs)
        zh_lines = sum(len((corpus / "zh" / n).read_text(encoding="utf-8").splitlines()) for n in names)
        print(f"corpus: {len(names)} page pairs, {zh_lines:,} Chinese lines, in {corpus}")
        one, _ = build(corpus, work / "out1", work / "cache1", 1, "build --jobs 1 (empty cache)")
        two, _ = build(corpus, work / "out2", work / "cache2", 2, "build --jobs 2 (empty cache)")
        rate1, rate2 = len(names) / one.wall, len(names) / two.wall
        same = _files(work / "out1") == _files(work / "out2")
        print(f"documents per second: {rate1:.2f} with --jobs 1, {rate2:.2f} with --jobs 2: "
              f"x{rate2 / rate1:.2f} (target >= 1.8); CPU {one.cpu_total:.1f} s vs {two.cpu_total:.1f} s; "
              f"outputs {'identical' if same else 'DIFFERENT'}")
        changed = names[len(names) // 2]
        for side in ("zh", "en"):
            path = corpus / side / changed
            lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
            path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
        again, cache_line = build(corpus, work / "out2", work / "cache2", 2, f"re-run --jobs 2, {changed} changed")
        print(f"re-run with one page changed: {again.wall / two.wall:.1%} of the full --jobs 2 build's wall time "
              f"({again.cpu_total / max(two.cpu_total, 1e-9):.1%} of its CPU; target <= 10%); {cache_line}")
        same, _ = build(corpus, work / "out2", work / "cache2", 2, "re-run --jobs 2, nothing changed")
        print(f"re-run with nothing changed: {same.wall / two.wall:.1%} of the full --jobs 2 build's wall time "
              f"({same.cpu_total / max(two.cpu_total, 1e-9):.1%} of its CPU)")


if __name__ == "__main__":
    main()
