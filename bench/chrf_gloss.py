#!/usr/bin/env python3
"""Would a chrF scorer between a CC-CEDICT gloss of the Chinese and the English help?

Bleualign scores candidate pairs by BLEU between a machine translation of the source and the
target; without an MT system, a word-by-word CC-CEDICT gloss (jieba words, each replaced by
its first sense) is the cheapest stand-in. This measures, on MAC-Dev's gold 1-1 beads, how
often each signal ranks the right English above its neighbours (j-1, j+1, j+2): the
embedding cosine, the lexical coverage the aligner already uses, chrF of the gloss, and the
sums (all signals z-scored on the same beads, so the sum has no tuned weight). It also times
chrF per pair, since the search scores every bead shape of every cell of its band.

    python bench/chrf_gloss.py
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.align import DocumentPair  # noqa: E402
from aligner.align.lexicon import ChineseItems  # noqa: E402
from aligner.align.scorers.lexical import ZH_WORD_WEIGHT, shared_weight  # noqa: E402
from aligner.cedict import raw_glosses  # noqa: E402
from orphans import _memoised_encoder  # noqa: E402
from shared_data import MAC_DEV, require  # noqa: E402



def gloss(sentence: str, items: ChineseItems, raw: dict[str, str]) -> str:
    """Each jieba word as the first sense of its first CC-CEDICT entry; unknown words as they are."""
    out = []
    for word in items.words(sentence):
        entry = raw.get(word)
        if entry is None:
            out.append(word)
            continue
        first = next((g for g in entry.strip("/").split("/") if not g.startswith(("CL:", "variant of", "see "))), "")
        out.append(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", first).strip())
    return " ".join(w for w in out if w)


def main() -> int:
    import sacrebleu

    require(MAC_DEV, MAC_DEV / "gold")
    _memoised_encoder()
    items, raw = ChineseItems(), raw_glosses()
    wins = {k: [0, 0] for k in ("embedding", "lexical", "chrF", "emb+lex", "emb+lex+chrF")}
    t_chrf, n_chrf = 0.0, 0
    for zp in sorted(MAC_DEV.glob("*.zh")):
        zh = zp.read_text(encoding="utf-8").splitlines()
        en = zp.with_suffix(".en").read_text(encoding="utf-8").splitlines()
        pair = DocumentPair(zh, en, (), None)
        gold = []
        for line in (MAC_DEV / "gold" / f"{zp.stem}.align").read_text().splitlines():
            left, right = line.split(":")[:2]
            s, t = eval(left), eval(right)  # noqa: S307 - lists of ints from the gold file
            if len(s) == 1 == len(t):
                gold.append((s[0], t[0]))
        lex = pair.lexical
        rows = []
        for i, j in gold:
            g = gloss(zh[i], items, raw)
            cands = [j] + [c for c in (j - 1, j + 1, j + 2) if 0 <= c < len(en)]
            emb = [float(pair.src_vectors[i].astype(np.float32) @ pair.tgt_vectors[c].astype(np.float32)) for c in cands]
            hits = shared_weight(lex, i, i + 1, min(cands), max(cands) + 1)[0]
            lx = [2 * hits[c - min(cands)] / max(lex.src_mass[i] * ZH_WORD_WEIGHT + lex.tgt_mass[c], 1.0) for c in cands]
            t0 = time.perf_counter()
            ch = [sacrebleu.sentence_chrf(g, [en[c]]).score / 100 for c in cands]
            t_chrf += time.perf_counter() - t0
            n_chrf += len(cands)
            rows.append((emb, lx, ch))
        flat = [np.concatenate([np.array(r[k]) for r in rows]) for k in range(3)]
        mu = [f.mean() for f in flat]
        sd = [f.std() or 1.0 for f in flat]
        for emb, lx, ch in rows:
            z = [(np.array(v) - mu[k]) / sd[k] for k, v in enumerate((emb, lx, ch))]
            for name, sig in (("embedding", z[0]), ("lexical", z[1]), ("chrF", z[2]), ("emb+lex", z[0] + z[1]),
                              ("emb+lex+chrF", z[0] + z[1] + z[2])):
                wins[name][0] += int(sig[0] > sig[1:].max())
                wins[name][1] += 1
    print("MAC-Dev gold 1-1 beads: share where the right English outscores its neighbours j-1, j+1, j+2")
    for name, (w, n) in wins.items():
        print(f"  {name:<14} {w / n:.4f}  ({w} of {n})")
    print(f"chrF: {1e6 * t_chrf / max(n_chrf, 1):.0f} us per pair (the search scores ~10 shapes x band x rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
