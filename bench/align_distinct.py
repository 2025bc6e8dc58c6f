#!/usr/bin/env python3
"""Scale benchmark on distinct text: a 100,000-sentence pair in which no sentence repeats.

``bench/align_scale.py`` repeats MAC-Dev's chapters, so it embeds only 3,408 distinct
sentences. Here the pair is made in memory, at run time, from every MAC-Dev chapter and every
realworld document pair (segmented by the aligner's own reader and segmenter), shuffled
(seeded) in rounds; from the second round on each sentence is perturbed (a character or a
word dropped or two swapped, chosen at random per side) until it is new on its side, so all
~200,000 sentences and their clauses are embedded. Nothing is written to disk.

    python bench/align_distinct.py                    # 100,000 Chinese sentences
    python bench/align_distinct.py --sentences 20000  # on a loaded machine: the figures are
                                                      # also extrapolated to 100,000, labelled

Prints wall, CPU, peak memory and load for the whole alignment and for its parts (embedding
sentences, embedding clauses, lexical features, search), the embedding rate in texts per
CPU-second and per wall-second, and strict F1 on the MAC-Dev parts against their gold. A long
pair computes its lexical features and half its search in forked processes, whose peak RSS
counts the pages they share with this one: so each part also prints the peak of the summed
proportional set size (PSS: a shared page counted once across the processes) of this process
and its children, sampled every 0.2 s (Linux).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.align import DocumentPair, align_steps, embedder, get_scorer  # noqa: E402
from measure import measured  # noqa: E402
from shared_data import MAC_DEV, REALWORLD, require  # noqa: E402

TARGET = 100_000


class SummedPss:
    """Peak summed PSS (MiB) of this process and its descendants, sampled in a thread."""

    def __init__(self, every: float = 0.2) -> None:
        import threading

        self.peak, self.every = 0.0, every
        threading.Thread(target=self._sample, daemon=True).start()

    @staticmethod
    def _tree(pid: int) -> list[int]:
        out = [pid]
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                for child in (task / "children").read_text().split():
                    out += SummedPss._tree(int(child))
        except OSError:
            pass
        return out

    @staticmethod
    def _pss(pid: int) -> float:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def _sample(self) -> None:
        import os
        import time

        while True:
            self.peak = max(self.peak, sum(self._pss(p) for p in self._tree(os.getpid())))
            time.sleep(self.every)

    def take(self) -> float:
        """The peak since the last call."""
        peak, self.peak = self.peak, 0.0
        return peak
Block = tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]] | None]


def _gold(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            left, right = line.split(":")[:2]
            out.append((tuple(json.loads(left)), tuple(json.loads(right))))
    return out


def blocks() -> list[Block]:
    """MAC-Dev chapters (with gold) and realworld document pairs (without), as sentences."""
    from aligner.documents import read_document
    from aligner.segment import split_sentences

    out: list[Block] = []
    for zh in sorted(MAC_DEV.glob("*.zh")):
        out.append((zh.read_text(encoding="utf-8").splitlines(),
                    zh.with_suffix(".en").read_text(encoding="utf-8").splitlines(),
                    _gold(MAC_DEV / "gold" / f"{zh.stem}.align")))
    for zh in sorted((REALWORLD / "zh").iterdir()):
        en = REALWORLD / "en" / zh.name
        if not en.is_file():
            continue
        doc = read_document(zh, en_path=en)
        sides = []
        for paragraphs, lang in ((doc.zh, "zh"), (doc.en, "en")):
            sides.append([p.text[a:b] for p in paragraphs for a, b in split_sentences(p.text, lang) if p.text[a:b].strip()])
        out.append((sides[0], sides[1], None))
    return out


def perturb(text: str, lang: str, rng: random.Random) -> str:
    """One small edit: drop or swap characters (Chinese) or words (English)."""
    words = lang == "en" and len(text.split(" ")) >= 3
    units = text.split(" ") if words else list(text)
    if len(units) < 2:
        return text + text
    k = rng.randrange(len(units) - 1)
    if rng.random() < 0.5:
        units[k], units[k + 1] = units[k + 1], units[k]
    else:
        del units[k]
    new = (" " if words else "").join(units)
    return new if new.strip() else text + text


def make_pair(target: int, seed: int) -> tuple[list[str], list[str], set, list[tuple[int, int, int, int]]]:
    """(zh, en, gold beads of the MAC-Dev parts, their (i0, i1, j0, j1) ranges)."""
    source = blocks()
    rng = random.Random(seed)
    zh: list[str] = []
    en: list[str] = []
    seen: tuple[set[str], set[str]] = (set(), set())
    gold: set = set()
    ranges: list[tuple[int, int, int, int]] = []
    rounds = 0
    while len(zh) < target:
        order = source[:]
        rng.shuffle(order)
        for z, e, g in order:
            i0, j0 = len(zh), len(en)
            for side, texts, lang in ((zh, z, "zh"), (en, e, "en")):
                for text in texts:
                    new, tries = text, 0
                    while ((rounds and new == text) or new in seen[lang == "en"]) and tries < 20:
                        new, tries = perturb(new if tries < 10 else text, lang, rng), tries + 1
                    while text and new in seen[lang == "en"]:  # a very short text: repeat it until new
                        new += (" " if lang == "en" else "") + text
                    seen[lang == "en"].add(new)
                    side.append(new)
            if g is not None:
                gold.update((tuple(i0 + k for k in s), tuple(j0 + k for k in t)) for s, t in g)
                ranges.append((i0, len(zh), j0, len(en)))
            if len(zh) >= target:
                break
        rounds += 1
    return zh, en, gold, ranges


def strict_f1(test: set, gold: set, ranges: list[tuple[int, int, int, int]]) -> float:
    """Strict F1 over the beads that fall inside the MAC-Dev parts."""
    def inside(bead: tuple) -> bool:
        s, t = bead
        return any(all(i0 <= k < i1 for k in s) and all(j0 <= k < j1 for k in t) and (s or t)
                   for i0, i1, j0, j1 in ranges)
    test = {b for b in test if inside(b)}
    p = len(test & gold) / max(len(test), 1)
    g11 = {b for b in gold if b[0] and b[1]}
    r = len(g11 & {b for b in test if b[0] and b[1]}) / max(len(g11), 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=TARGET)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--precision", choices=("int8", "float32"), default=embedder.PRECISION,
                    help="the network's arithmetic (aligner.align.embedder.PRECISION)")
    ap.add_argument("--serial", action="store_true",
                    help="embed, then compute the lexical features, each timed (where the time goes)")
    ap.add_argument("--clauses", choices=("pooled", "embedded"), default="pooled" if embedder.POOLED_CLAUSES else "embedded",
                    help="first and last clauses pooled from their sentence's pass, or embedded as texts "
                         "(aligner.align.embedder.POOLED_CLAUSES)")
    a = ap.parse_args(argv)
    embedder.PRECISION = a.precision
    embedder.POOLED_CLAUSES = a.clauses == "pooled"
    require(MAC_DEV, MAC_DEV / "gold", REALWORLD)

    zh, en, gold, ranges = make_pair(a.sentences, a.seed)
    print(f"document pair: {len(zh):,} Chinese, {len(en):,} English sentences "
          f"({len(set(zh)) + len(set(en)):,} distinct); embedding threads: {embedder.THREADS}; "
          f"model {embedder.model_version()}, clauses {a.clauses}")
    encoded = [0]
    real, real_parts = embedder._encode, embedder._encode_parts
    embedder._encode = lambda texts, *rest: (encoded.__setitem__(0, encoded[0] + len(texts)), real(texts, *rest))[1]

    def counted_parts(texts, parts, *rest):  # type: ignore[no-untyped-def]
        encoded[0] += len(texts) + sum(map(len, parts))
        return real_parts(texts, parts, *rest)

    embedder._encode_parts = counted_parts
    spans = []
    pss = SummedPss()
    pss_of: dict[int, float] = {}
    with measured("whole alignment (model load included)") as whole:
        pair = DocumentPair(zh, en)
        if a.serial:
            with measured("  embedding sentences (model load included)"
                          + (", first and last clauses pooled" if a.clauses == "pooled" else "")) as span:
                _ = pair.src_vectors, pair.tgt_vectors
            spans.append((span, encoded[0]))
            if a.clauses == "embedded":
                with measured("  embedding first and last clauses") as span:
                    _ = pair.src_edges, pair.tgt_edges
                spans.append((span, encoded[0] - spans[0][1]))
            with measured("  lexical features (jieba, CC-CEDICT)") as span:
                _ = pair.lexical
            spans.append((span, 0))
        else:
            with measured("  embedding (model load included) beside the lexical features (jieba, CC-CEDICT)") as span:
                pair.embed_beside_lexical()
            spans.append((span, encoded[0]))
            pss_of[id(span)] = pss.take()
        clauses = "embedding first and last clauses, " if a.clauses == "embedded" and not a.serial else ""
        with measured(f"  search ({clauses}anchor pass, banded pass, orphans)") as span:
            steps = align_steps(pair, get_scorer("default"))
        spans.append((span, 0))
        pss_of[id(span)] = pss.take()
    test = {(tuple(range(s.i0, s.i1)), tuple(range(s.j0, s.j1))) for s in steps}
    scale = TARGET / len(zh)
    pss_of[id(whole)] = max(pss_of.values(), default=0.0)
    for span, texts in [*spans, (whole, encoded[0])]:
        rate = f"; {texts:,} texts, {texts / max(span.cpu_total, 1e-9):.0f}/CPU-s, {texts / span.wall:.0f}/s" if texts else ""
        shared = f"; summed PSS with children {pss_of[id(span)]:.0f} MB" if pss_of.get(id(span)) else ""
        print(span.line() + shared + rate)
    print(f"strict F1 on the MAC-Dev parts ({len(ranges)} chapters): {strict_f1(test, gold, ranges):.3f}")
    if scale > 1.01:
        print(f"EXTRAPOLATED to {TARGET:,} Chinese sentences (linear, x{scale:.2f}; not measured): "
              f"{whole.wall * scale:.0f} s wall, {whole.cpu_total * scale:.0f} s CPU at this load")
    return 0


if __name__ == "__main__":
    sys.exit(main())
