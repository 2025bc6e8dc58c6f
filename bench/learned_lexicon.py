#!/usr/bin/env python3
"""A lexical model learned from each document (hunalign's realign / Bleualign's bootstrap
without MT), measured held out before anything is built (session 9).

For every set of ``bench/orphans.py`` (MAC-Dev chapters, their deletion and insertion sets,
the realworld pseudo-gold sets) the search and pass as built give a first path; IBM-1 both
ways is trained on its confident 1-1 beads plus the document's CC-CEDICT pairs
(``learned_model.py`` beside this script), and each bead's learned coverage (minus the training beads'
median) is added with weight ``w``:

* ``search wW``: to the search's score (the second search; the orphan pass and the gains then
  read the same score);
* ``pass wW``: to the orphan pass's score only (the cheap variant: the search as built,
  the pass's rule on the search's score reads the learned coverage too);
* ``support wW``: to the per-sentence support of :mod:`aligner.align.support` (each candidate
  partner's ``cosine + lexical coverage`` plus ``w`` x the learned coverage of the sentence by
  it), so the skip costs and glue penalties of a second search read it (the "unsupported
  sentence" test);
* ``rule tT``: after the pass as built, a border sentence of an n:m bead whose best cosine to
  the other side of its bead plus its learned coverage by that side is below ``T`` is split off.

Prints strict F1 and orphan P/R per kind and seed, then the setting picked
leave-one-source-document-out (``orphans._loo``) among "now" (as built) and those run.
``--calibration`` fits the confidence with and without the bead's least explained sentence
(leave-one-source-document-out); ``--time`` prints the CPU time of each part over MAC-Dev's six
chapters. Development figures.

    python bench/learned_lexicon.py --seeds 3 --search-weights 0.1 0.25 --pass-weights 0.5 1 2 --rule --support-weights
    python bench/learned_lexicon.py --seeds 3 --search-weights --pass-weights --rule --support-weights 0.25 0.5
    python bench/learned_lexicon.py --seeds 1 --search-weights --pass-weights --support-weights --rule 0.1 0.3
    python bench/learned_lexicon.py --calibration --seeds 3
    python bench/learned_lexicon.py --time
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace

import orphans as ob
from shared_data import MAC_DEV, require
import learned_model as learned
from aligner.align import DocumentPair, align_steps, get_scorer
from aligner.align.orphans import GAIN_MARGIN, split_orphans
from aligner.align.support import DEFAULT_MODEL

SEARCH_WEIGHTS = (0.1, 0.25, 0.5, 1.0)
PASS_WEIGHTS = (0.5, 1.0, 2.0, 4.0)
RULE = (0.1, 0.15, 0.2, 0.25)
SUPPORT_WEIGHTS = (0.25, 0.5, 1.0)


def learned_scorer(scorer, cov, w):  # type: ignore[no-untyped-def]
    return replace(scorer, name=scorer.name + "+learned", prepare=lambda p: learned.plus(scorer.prepare(p), cov, w))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--no-real", action="store_true")
    ap.add_argument("--only", help="only the settings whose name contains this")
    ap.add_argument("--search-weights", type=float, nargs="*", default=SEARCH_WEIGHTS)
    ap.add_argument("--pass-weights", type=float, nargs="*", default=PASS_WEIGHTS)
    ap.add_argument("--support-weights", type=float, nargs="*", default=SUPPORT_WEIGHTS,
                    help="weights of the learned coverage in the per-sentence support (skip costs, glue penalty)")
    ap.add_argument("--rule", type=float, nargs="*", default=RULE,
                    help="thresholds of the rule on cosine + learned coverage of a border sentence")
    ap.add_argument("--calibration", action="store_true",
                    help="the confidence with and without the learned feature, fitted leave-one-document-out")
    ap.add_argument("--every-shape", action="store_true", help="train on confident beads of every shape, not 1-1 only")
    ap.add_argument("--time", action="store_true", help="CPU time of learning + second search on MAC-Dev")
    a = ap.parse_args(argv)
    require(MAC_DEV, MAC_DEV / "gold")
    ob._memoised_encoder()
    scorer = get_scorer("default")
    base = ob.mac_docs()
    if a.time:
        spent = {"search + pass as built": 0.0, "learning": 0.0, "pass w1.0 (search without its pass, the pass reading "
                 "the learned coverage)": 0.0, "second search w0.1 + pass": 0.0}
        names = list(spent)
        for d in base:
            pair = DocumentPair(d.zh, d.en, (), None)
            _ = pair.src_vectors, pair.tgt_vectors, pair.lexical, pair.src_edges, pair.tgt_edges, pair._chinese
            t0 = time.process_time()
            steps = align_steps(pair, scorer)
            t1 = time.process_time()
            tok = learned.tokens(pair)
            cov = learned.coverage_chunks(pair, tok, learned.train(pair, tok, learned.training_beads(steps)))
            t2 = time.process_time()
            unsplit = align_steps(pair, scorer, orphans=False)
            split_orphans(pair, unsplit, scorer.skip, chunk=learned.plus(scorer.prepare(pair), cov, 1.0), gain=GAIN_MARGIN)
            t3 = time.process_time()
            align_steps(pair, learned_scorer(scorer, cov, 0.1))
            t4 = time.process_time()
            for name, dt in zip(names, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                spent[name] += dt
        print("MAC-Dev's six chapters, embeddings and lexical features made, CPU seconds: "
              + "; ".join(f"{k} {v:.2f}" for k, v in spent.items()))
        return 0
    real = [] if a.no_real else ob.real_docs()
    docs = list(base) + list(real)
    for group in (base, real):
        for seed in range(a.seeds):
            for k, d in enumerate(group):
                docs.append(ob.delete(d, seed))
                docs.append(ob.insert(d, group[(k + 1 + seed) % len(group)], seed))
    if a.calibration:
        return calibration(docs, [base, real], scorer)
    grid = [f"search w{w}" for w in a.search_weights] + [f"pass w{w}" for w in a.pass_weights] + [
        f"rule t{t}" for t in a.rule] + [f"support w{w}" for w in a.support_weights]
    if a.only:
        grid = [g for g in grid if a.only in g]
    per: dict[str, dict] = {}
    for d in docs:
        t0 = time.perf_counter()
        pair = DocumentPair(d.zh, d.en, (), None)
        steps = align_steps(pair, scorer)
        entry: dict = {"kind": d.kind, "now": ob.counts(d.gold, ob.beads_of(steps))}
        tok = learned.tokens(pair)
        table = learned.train(pair, tok, learned.training_beads(steps, a.every_shape))
        cov = learned.coverage_chunks(pair, tok, table)
        unsplit = None
        for name in grid:
            w = float(name.split()[-1][1:])
            if name.startswith("support"):
                again = DocumentPair(d.zh, d.en, (), None)  # its own memo of the skip costs
                again.__dict__.update({k: pair.__dict__[k] for k in ("_src_embedded", "_tgt_embedded", "lexical")})
                again.__dict__["_unsupported"] = {DEFAULT_MODEL: learned.learned_unsupported(pair, tok, table, w,
                                                                                             DEFAULT_MODEL)}
                new = align_steps(again, scorer)
            elif name.startswith("rule"):
                new = learned.split_unexplained(pair, tok, table, steps, scorer.skip, w)
            elif name.startswith("search"):
                new = align_steps(pair, learned_scorer(scorer, cov, w))
            else:
                if unsplit is None:
                    unsplit = align_steps(pair, scorer, orphans=False)
                new = split_orphans(pair, unsplit, scorer.skip, chunk=learned.plus(scorer.prepare(pair), cov, w),
                                    gain=GAIN_MARGIN)
            entry[name] = ob.counts(d.gold, ob.beads_of(new))
        per[d.name] = entry
        print(f"  {d.name} ({time.perf_counter() - t0:.1f} s) centre {table.centre:.3f}", file=sys.stderr)
    kinds = sorted({e["kind"] for e in per.values()})
    ob._table(per, kinds, ["now"] + grid)
    ob._loo(per, kinds, ["now"] + grid, "now")
    return 0


def least_explained(pair, tok, table, s) -> float:  # type: ignore[no-untyped-def]
    """The lowest :func:`learned_model.explained` of any sentence of a pair bead."""
    return min([learned.explained(pair, tok, table, s, "src", q) for q in range(s.i0, s.i1)]
               + [learned.explained(pair, tok, table, s, "tgt", q) for q in range(s.j0, s.j1)])


def calibration(docs: list, groups: list, scorer) -> int:  # type: ignore[no-untyped-def]
    """Pair beads of every set (and of unrelated pairs, all wrong) with the confidence's
    features and the learned one; both models fitted leave-one-source-document-out."""
    import numpy as np

    from aligner.align.confidence import features, fit

    rows: list = []

    def collect(kind: str, source: str, pair, steps, gold) -> None:  # type: ignore[no-untyped-def]
        tok = learned.tokens(pair)
        table = learned.train(pair, tok, learned.training_beads(steps))
        for s, row in zip(steps, features(steps, pair)):
            if s.i1 > s.i0 and s.j1 > s.j0:
                b = (tuple(range(s.i0, s.i1)), tuple(range(s.j0, s.j1)))
                rows.append((kind, source, np.append(row, least_explained(pair, tok, table, s)), float(b in gold)))

    for d in docs:
        pair = DocumentPair(d.zh, d.en, (), None)
        collect(d.kind, d.name.split("/")[1], pair, align_steps(pair, scorer), set(d.gold))
        print(f"  {d.name}", file=sys.stderr)
    for group in groups:
        for k, d in enumerate(group):
            pair = DocumentPair(d.zh, group[(k + 1) % len(group)].en, (), None)
            collect(d.kind + "-unrelated", d.name.split("/")[1], pair, align_steps(pair, scorer), set())
    x = np.array([r for _, _, r, _ in rows])
    y = np.array([g for *_, g in rows])
    kind = np.array([k for k, *_ in rows])
    src = np.array([s for _, s, *_ in rows])
    sizes = {k: int((kind == k).sum()) for k in set(kind)}
    sw = np.array([len(y) / (len(sizes) * sizes[k]) for k in kind])
    for label, cols in (("the confidence as built", x.shape[1] - 1), ("with the least explained sentence", x.shape[1])):
        probs = np.zeros(len(y))
        for s in sorted(set(src)):
            w = fit(x[src != s][:, :cols], y[src != s], weights=sw[src != s])
            probs[src == s] = 1 / (1 + np.exp(-(x[src == s][:, :cols] @ w)))
        print(f"{label}, fitted leave-one-source-document-out:")
        ob._bands(kind, y, probs)
    print("coefficient of the learned feature (all sets):", round(float(fit(x, y, weights=sw)[-1]), 4))
    return 0


if __name__ == "__main__":
    sys.exit(main())
