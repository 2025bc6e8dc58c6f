#!/usr/bin/env python3
"""Scale benchmark: align a 100,000-sentence document pair; print time, memory and F1.

The pair is made in memory by repeating MAC-Dev's chapters in a shuffled (seeded) order, the
same order on both sides, until the Chinese side has ``--sentences`` sentences; the gold
alignment is shifted along, so the run also reports strict F1. Nothing is written to disk.

    python bench/align_scale.py                   # 100,000 Chinese sentences
    python bench/align_scale.py --sentences 20000 # a smaller check of linear growth

Repeated chapters mean repeated sentences, and the aligner embeds each distinct sentence
once, so the embedding step here costs only MAC-Dev's 3,414 distinct sentences. The script
prints the measured embedding throughput too, from which the cost for 100,000 distinct
sentences follows.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.align import DocumentPair, align_steps, get_scorer  # noqa: E402
from aligner.align import embedder  # noqa: E402
from measure import measured  # noqa: E402
from shared_data import MAC_DEV, require  # noqa: E402

MAC = MAC_DEV


def read_gold(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    gold = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            left, right = line.split(":")[:2]
            gold.append((tuple(json.loads(left)), tuple(json.loads(right))))
    return gold


def build(target: int, seed: int):  # type: ignore[no-untyped-def]
    chapters = sorted(p.stem for p in MAC.glob("*.zh"))
    data = {
        c: (
            (MAC / f"{c}.zh").read_text(encoding="utf-8").splitlines(),
            (MAC / f"{c}.en").read_text(encoding="utf-8").splitlines(),
            read_gold(MAC / "gold" / f"{c}.align"),
        )
        for c in chapters
    }
    rng = random.Random(seed)
    zh: list[str] = []
    en: list[str] = []
    gold: set = set()
    while len(zh) < target:
        order = chapters[:]
        rng.shuffle(order)
        for c in order:
            z, e, g = data[c]
            for s, t in g:
                gold.add((tuple(k + len(zh) for k in s), tuple(k + len(en) for k in t)))
            zh.extend(z)
            en.extend(e)
            if len(zh) >= target:
                break
    return zh, en, gold


def strict_f1(test: set, gold: set) -> float:
    p = len(test & gold) / max(len(test), 1)
    g11 = {b for b in gold if b[0] and b[1]}
    t11 = {b for b in test if b[0] and b[1]}
    r = len(g11 & t11) / max(len(g11), 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Align a 100k-sentence pair built from MAC-Dev.")
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--scorer", default="default")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    require(MAC_DEV, MAC_DEV / "gold")

    zh, en, gold = build(a.sentences, a.seed)
    print(f"document pair: {len(zh)} Chinese, {len(en)} English sentences "
          f"({len(set(zh)) + len(set(en))} distinct)")
    with measured("aligning the pair (model load included)") as span:
        t0 = time.perf_counter()
        pair = DocumentPair(zh, en)
        _ = pair.src_vectors, pair.tgt_vectors
        t_embed = time.perf_counter() - t0
        _ = pair.lexical
        t_lex = time.perf_counter() - t0 - t_embed
        steps = align_steps(pair, get_scorer(a.scorer))
        total = time.perf_counter() - t0
    test = {(tuple(range(s.i0, s.i1)), tuple(range(s.j0, s.j1))) for s in steps}
    print(f"embedding (distinct sentences, with model load): {t_embed:.1f} s")
    print(f"lexical features (jieba, CC-CEDICT, all sentences): {t_lex:.1f} s")
    print(f"search (anchor pass + banded pass): {total - t_embed - t_lex:.1f} s")
    print(f"{span.line()}; strict F1 vs shifted gold: {strict_f1(test, gold):.3f}")

    sample = sorted(set(zh))[:2000]
    with measured(f"embedding {len(sample)} distinct sentences", echo=True) as rate_span:
        embedder._model().encode(sample)
    rate = len(sample) / rate_span.wall
    print(f"embedding throughput: {rate:.0f} Chinese sentences/s, so {len(zh) + len(en)} distinct "
          f"sentences would add about {(len(zh) + len(en)) / rate:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
