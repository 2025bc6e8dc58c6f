#!/usr/bin/env python3
"""How often variants are learned from right and from wrong aligned pairs (MAC-Dev, in place).

A stress test of ``aligner/glossary/from_pairs.py``: every frequent common noun of MAC-Dev's
Chinese (jieba tag n*, in CC-CEDICT, two or more characters, seen at least twice) becomes a
glossary entry whose English never occurs ("Qqqq Zzzz"), so every occurrence in a gold pair
must be rendered from scratch. The same is done with each Chinese side paired with the
English three beads later: what is learned there is mostly false (a word may still occur
by chance). The ratio of the two rates is the figure to watch; ``--sample N`` prints N
learned variants of the right pairs for judging by eye.

    python bench/variants_eval.py [--sample 20] [--compounds]

No MAC-Dev text is stored in the project.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.cedict import raw_glosses  # noqa: E402
from aligner.glossary.from_pairs import learn_variants  # noqa: E402
from aligner.jieba_shared import default as jieba  # noqa: E402
from aligner.model import Source, TermEntry, TermKind, TranslationUnit  # noqa: E402
from measure import measured  # noqa: E402
from shared_data import MAC_DEV, require  # noqa: E402

MAC = MAC_DEV
PLACEHOLDER = "Qqqq Zzzz"  # an English that no pair contains


def gold_pairs() -> list[TranslationUnit]:
    units = []
    for zh_file in sorted(MAC.glob("*.zh")):
        stem = zh_file.stem
        zh = zh_file.read_text(encoding="utf-8").splitlines()
        en = (MAC / f"{stem}.en").read_text(encoding="utf-8").splitlines()
        for line in (MAC / "gold" / f"{stem}.align").read_text(encoding="utf-8").splitlines():
            left, right = line.split(":")[:2]
            s, t = json.loads(left), json.loads(right)
            if s and t:
                units.append(TranslationUnit("".join(zh[i] for i in s), " ".join(en[j] for j in t), score=0.95,
                                             doc=stem, src_line=s[0] + 1, tgt_line=t[0] + 1))
    return units


def glossary(units: list[TranslationUnit], compounds: bool) -> list[TermEntry]:
    import jieba.posseg as pseg

    jieba()
    known = raw_glosses()
    counts: Counter[str] = Counter()
    for unit in units:
        words = list(pseg.cut(unit.source))
        if compounds:
            for a, b in zip(words, words[1:]):
                if a.flag[:1] in "na" and b.flag.startswith("n") and a.word in known and b.word in known:
                    counts[a.word + b.word] += 1
        else:
            for w in words:
                if len(w.word) >= 2 and w.flag.startswith("n") and w.flag not in ("nr", "nrfg", "ns", "nz") \
                        and w.word in known:
                    counts[w.word] += 1
    least = 1 if compounds else 2
    return [TermEntry(w, PLACEHOLDER, TermKind.CONCEPT, (Source("mac-dev", 1),))
            for w, c in sorted(counts.items()) if c >= least]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sample", type=int, default=0, help="print this many learned variants (right pairs)")
    ap.add_argument("--compounds", action="store_true", help="two-word noun compounds instead of single nouns")
    a = ap.parse_args(argv)
    require(MAC_DEV, MAC_DEV / "gold")
    right = gold_pairs()
    wrong = [TranslationUnit(x.source, y.target, score=0.95, doc=x.doc, src_line=x.src_line, tgt_line=y.tgt_line)
             for x, y in zip(right, right[3:]) if x.doc == y.doc]
    terms = glossary(right, a.compounds)
    print(f"MAC-Dev: {len(right)} gold pairs, {len(wrong)} wrong pairs (English three beads later); "
          f"{len(terms)} glossary {'compounds' if a.compounds else 'nouns'} with a placeholder English")
    results = {}
    for name, units in (("right pairs", right), ("wrong pairs", wrong)):
        with measured(name) as span:
            result = learn_variants(terms, units)
        results[name] = result
        rate = result.learned / max(result.occurrences, 1)
        print(f"{name:<12} {result.occurrences:6d} occurrences, {result.learned:5d} learned ({rate:.1%}) "
              f"({span.line()}); refused: "
              + ", ".join(f"{n} {why}" for why, n in sorted(result.refused.items())))
    if a.sample:
        rows = [(e.zh, s.variant, str(s.zh)) for e in results["right pairs"].entries for s in e.variant_sources]
        random.Random(1).shuffle(rows)
        for row in rows[: a.sample]:
            print("  " + " | ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
