#!/usr/bin/env python3
"""Ideas for literary orphans, measured held out before anything is built (session 8).

Uses the sets of ``bench/orphans.py`` (MAC-Dev chapters, their deletion and insertion sets,
optionally the realworld pseudo-gold sets) and its memoised embeddings, and prints:

* ``--confusion``: which gold bead shapes come out as which predicted shapes (the bead that
  holds the gold bead's first sentence), per kind of set: where the misses go.
* ``--em``: per-document re-estimation (EM-like): align, count the document's bead shapes and
  orphans on its own first-pass path, move the skip cost (and, optionally, each pair shape's
  score) by ``w * log(document share / prior share)`` (the shares smoothed towards the
  Gale-Church priors of ``scorers/length.py``) and align again. A document with deletions has
  more 1-0/0-1 beads on its first path, so leaving a sentence out becomes cheaper for it
  (MAC-Dev's chapters leave 0.4-4.4% of their beads out, so they move too).
  ``em pass``: the same first path's share of unaligned beads lowers the orphan pass's margin
  on the search's score instead (:func:`em_margin`).
* ``--separability``: how well three per-sentence signals tell a glued orphan from a real
  member at the border of an n:m bead (the MAC-Dev deletion and insertion sets): the best
  cosine inside the bead, the relative test (minus its side's rest's) and a CSLS-like margin
  (``2 cos - `` the mean of each sentence's 4 best cosines on the other side, hubness corrected).
* ``--window``: the second idea of the brief: each n:m bead and its two neighbours re-searched
  as a small exact sub-problem with a scorer that reads every pairwise cosine of the window
  (each sentence is explained by its best partner inside its bead, against the document's own
  support scale), choosing between gluing and orphaning by the whole window's explanation.

Development figures: everything here is measured on the development sets; the held-out
figure is leave-one-source-document-out over the grid printed. ``now`` is the search as built
(the orphan pass with a fixed margin), the baseline every idea is compared with. ``--gated``
tries a raised skip cost and the window re-search on top of ``em pass w0.04``, for documents
above :data:`BASE_RATE` only.

    python bench/orphan_ideas.py --confusion --em --window [--seeds 1] [--no-real]
    python bench/orphan_ideas.py --em --only "em pass" --seeds 3   # the margin rule, all seeds
    python bench/orphan_ideas.py --gated --no-real
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter
from dataclasses import replace

import numpy as np

import orphans as ob
from shared_data import MAC_DEV, require
from aligner.align import DocumentPair, align_steps, get_scorer
from aligner.align.orphans import GAIN_MARGIN
from aligner.align.scorers import Scorer
from aligner.align.scorers.length import PRIORS, SKIP_PRIOR
from aligner.align.search import Step
from aligner.align.shapes import PAIR_SHAPES
from aligner.align.support import DEFAULT_MODEL, sentence_support

SMOOTH = 50.0  # pseudo-beads of the prior in the document's shape shares


def _label(x: int, y: int) -> str:
    return f"{min(x, 3)}{'+' if x >= 3 else ''}-{min(y, 3)}{'+' if y >= 3 else ''}"


def confusion(gold: list, test: list, table: Counter) -> None:
    """Count (gold shape, predicted shape of the bead holding its first sentence, exact?)."""
    where_src, where_tgt = {}, {}
    for b in test:
        for q in b[0]:
            where_src[q] = b
        for q in b[1]:
            where_tgt[q] = b
    tset = set(test)
    for g in gold:
        if not g[0] and not g[1]:
            continue
        t = where_src[g[0][0]] if g[0] else where_tgt[g[1][0]]
        table[(_label(len(g[0]), len(g[1])), "exact" if g in tset else _label(len(t[0]), len(t[1])))] += 1


def print_confusion(tables: dict[str, Counter]) -> None:
    cols = ["exact", "1-0", "0-1", "1-1", "1-2", "2-1", "2-2", "1-3+", "3+-1", "other"]
    for kind, table in tables.items():
        print(f"confusion on {kind} (rows: gold shape; columns: exact, else the predicted shape "
              "holding its first sentence)")
        print(f"  {'gold':<6} {'beads':>6}" + "".join(f" {c:>6}" for c in cols))
        rows = sorted({g for g, _ in table}, key=lambda s: (s.count("0") == 0, s))
        for g in rows:
            cells = Counter()
            for (gg, p), v in table.items():
                if gg == g:
                    cells[p if p in cols else "other"] += v
            total = sum(cells.values())
            print(f"  {g:<6} {total:6d}" + "".join(f" {cells[c]:6d}" for c in cols))


def em_scorer(base: Scorer, steps: list[Step], w: float, shapes: bool) -> Scorer:
    """``base`` with the skip cost (and each pair shape's score when ``shapes``) moved by
    ``w * log(share on this document's path / prior share)``."""
    count = Counter((s.i1 - s.i0, s.j1 - s.j0) for s in steps)
    total = sum(count.values())
    prior = {**PRIORS, (1, 0): SKIP_PRIOR, (0, 1): SKIP_PRIOR}
    z = sum(prior.values())
    prior = {k: v / z for k, v in prior.items()}

    def share(shape: tuple[int, int]) -> float:
        return (count.get(shape, 0) + SMOOTH * prior[shape]) / (total + SMOOTH)

    skip_rate = (share((1, 0)) + share((0, 1))) / 2
    skip = base.skip + w * float(np.log(skip_rate / prior[(1, 0)]))
    offsets = {s: (w * float(np.log(share(s) / prior[s])) if shapes else 0.0) for s in PAIR_SHAPES}
    inner = base.prepare

    def prepare(pair: DocumentPair):  # type: ignore[no-untyped-def]
        chunk = inner(pair)

        def wrapped(i0: int, i1: int, c0: int, c1: int):  # type: ignore[no-untyped-def]
            get = chunk(i0, i1, c0, c1)
            return lambda shape: get(shape) + offsets[shape]

        return wrapped

    return Scorer(base.name + "+em", "re-estimated", prepare, skip)


BASE_RATE = 0.02  # share of 1-0/0-1 beads on a clean document's path (MAC-Dev: about 1.7%)


def em_margin(steps: list[Step], w: float) -> float:
    """The orphan pass's margin on the search's score, lowered by ``w`` per unit of
    ``log(share of unaligned beads on this document's first path / BASE_RATE)`` above 0: a
    document whose first path already leaves many sentences out is more likely to hold more."""
    rate = sum(1 for s in steps if (s.i1 == s.i0) != (s.j1 == s.j0)) / max(len(steps), 1)
    return max(0.0, GAIN_MARGIN - w * max(0.0, float(np.log(max(rate, 1e-9) / BASE_RATE))))


def window_pass(pair: DocumentPair, steps: list[Step], lam: float, below: float, variant: str = "median") -> list[Step]:
    """Re-search each n:m bead with its neighbours: every partition of the window into beads of
    the search's shapes and skips, scored by the search's score plus ``lam`` times a per-sentence
    explanation term; keeps the window's best partition.

    ``median``: the raw score, one flat skip, and for every sentence of a pair bead
    ``min(0, best cosine inside its bead - (document median support - below))``.
    ``knn``: the search's own score (glue penalty, per-sentence skips), and only for sentences
    of a side with two or more sentences ``min(0, best cosine inside its bead - mean of its 4
    best cosines anywhere on the other side + below)`` (a CSLS-like margin: a glued orphan is
    near its neighbours by topic, not above its own usual level)."""
    from aligner.align import support as sp

    scorer = get_scorer("default")
    if "_chunks" not in pair.__dict__:
        raw = scorer.prepare(pair)
        c = sp.costs(pair, scorer.skip, DEFAULT_MODEL)
        pair.__dict__["_chunks"] = (raw, sp.with_glue_penalty(raw, c, DEFAULT_MODEL.penalty), c)
    raw, glued, c = pair.__dict__["_chunks"]
    chunk = raw if variant == "median" else glued
    sv, tv = pair.src_vectors.astype(np.float32), pair.tgt_vectors.astype(np.float32)
    if variant == "median":
        src_best, tgt_best = sentence_support(pair, 0.0)
        centre = float(np.median(np.concatenate([src_best, tgt_best]))) - below
        src_ref, tgt_ref = np.full(pair.n, centre), np.full(pair.m, centre)
        src_skip, tgt_skip = np.full(pair.n, scorer.skip), np.full(pair.m, scorer.skip)
    else:
        sims_all = sv @ tv.T
        k = min(4, pair.m, pair.n)
        src_ref = -np.sort(-sims_all, axis=1)[:, :k].mean(axis=1) - below
        tgt_ref = -np.sort(-sims_all, axis=0)[:k, :].mean(axis=0) - below
        src_skip, tgt_skip = c.src_skip, c.tgt_skip
    out = list(steps)
    k = 0
    while k < len(out):
        s = out[k]
        if not (s.i1 > s.i0 and s.j1 > s.j0 and (s.i1 - s.i0) + (s.j1 - s.j0) >= 3):
            k += 1
            continue
        a, b = max(k - 1, 0), min(k + 2, len(out))
        i0, i1, j0, j1 = out[a].i0, out[b - 1].i1, out[a].j0, out[b - 1].j1
        sims = sv[i0:i1] @ tv[j0:j1].T
        scored = chunk(i0 + 1, i1 + 1, j0, j1)
        mats: dict = {}

        def get(shape: tuple[int, int]) -> np.ndarray:
            if shape not in mats:
                mats[shape] = scored(shape)
            return mats[shape]

        memo: dict = {}

        def bead(x0: int, x1: int, y0: int, y1: int) -> float:
            if (x0, x1, y0, y1) in memo:
                return memo[(x0, x1, y0, y1)]
            if x1 == x0 or y1 == y0:
                v = float(src_skip[x0:x1].sum() + tgt_skip[y0:y1].sum())
            else:
                v = float(get((x1 - x0, y1 - y0))[x1 - i0 - 1, y1 - j0])
                block = sims[x0 - i0 : x1 - i0, y0 - j0 : y1 - j0]
                if variant == "median" or x1 - x0 >= 2:
                    v += lam * float(np.minimum(0.0, block.max(axis=1) - src_ref[x0:x1]).sum())
                if variant == "median" or y1 - y0 >= 2:
                    v += lam * float(np.minimum(0.0, block.max(axis=0) - tgt_ref[y0:y1]).sum())
            memo[(x0, x1, y0, y1)] = v
            return v

        best: dict[tuple[int, int], tuple[float, list]] = {(i0, j0): (0.0, [])}
        moves = list(PAIR_SHAPES) + [(1, 0), (0, 1)]
        for x in range(i0, i1 + 1):
            for y in range(j0, j1 + 1):
                if (x, y) not in best:
                    continue
                val, path = best[(x, y)]
                for dx, dy in moves:
                    if x + dx > i1 or y + dy > j1:
                        continue
                    v = val + bead(x, x + dx, y, y + dy)
                    key = (x + dx, y + dy)
                    if key not in best or v > best[key][0] + 1e-12:
                        best[key] = (v, path + [(x, x + dx, y, y + dy)])
        own = sum(bead(t.i0, t.i1, t.j0, t.j1) for t in out[a:b])
        new_val, new_path = best[(i1, j1)]
        if new_val > own + 1e-9 and [(t.i0, t.i1, t.j0, t.j1) for t in out[a:b]] != new_path:
            repl = [Step(*p, bead(*p)) for p in new_path]
            out[a:b] = repl
            k = a + len(repl)
        else:
            k += 1
    return out


def separability(pair: DocumentPair, steps: list[Step], gold: list, rows: list) -> None:
    """Per border sentence of a side with two or more sentences of a predicted n:m bead that is
    gold (a real member) or whose sentence is a gold orphan (glued): (glued?, best cosine inside
    the bead, relative test, CSLS-like margin)."""
    sv, tv = pair.src_vectors.astype(np.float32), pair.tgt_vectors.astype(np.float32)
    sims = sv @ tv.T
    k = min(4, pair.n, pair.m)
    knn_s = -np.sort(-sims, axis=1)[:, :k].mean(axis=1)
    knn_t = -np.sort(-sims, axis=0)[:k, :].mean(axis=0)
    gset = set(gold)
    orphans = ({b[0][0] for b in gold if b[0] and not b[1]}, {b[1][0] for b in gold if b[1] and not b[0]})
    for s in steps:
        x, y = s.i1 - s.i0, s.j1 - s.j0
        if not (x and y) or x + y < 3:
            continue
        correct = (tuple(range(s.i0, s.i1)), tuple(range(s.j0, s.j1))) in gset
        for side, size in ((0, x), (1, y)):
            if size < 2:
                continue
            for q in ((s.i0, s.i1 - 1) if side == 0 else (s.j0, s.j1 - 1)):
                glued = q in orphans[side]
                if not (glued or correct):
                    continue
                if side == 0:
                    cs, kp, kq = sims[q, s.j0:s.j1], knn_t[s.j0:s.j1], knn_s[q]
                    rest = sims[[r for r in range(s.i0, s.i1) if r != q], s.j0:s.j1].max(axis=1).mean()
                else:
                    cs, kp, kq = sims[s.i0:s.i1, q], knn_s[s.i0:s.i1], knn_t[q]
                    rest = sims[s.i0:s.i1, [r for r in range(s.j0, s.j1) if r != q]].max(axis=0).mean()
                rows.append((glued, float(cs.max()), float(cs.max() - rest), float((2 * cs - kp - kq).max())))


def print_separability(rows: list) -> None:
    lab = np.array([r[0] for r in rows], dtype=bool)
    vals = np.array([r[1:] for r in rows])
    print(f"separability: {int(lab.sum())} glued orphans, {int((~lab).sum())} border sentences of gold n:m beads")
    for f, name in enumerate(("best cosine in bead", "relative test", "CSLS-like margin")):
        o, m = vals[lab, f], vals[~lab, f]
        if not len(o) or not len(m):
            continue
        auc = float((o[:, None] < m[None, :]).mean() + 0.5 * (o[:, None] == m[None, :]).mean())
        found = ", ".join(f"{fp}: {int((o < np.sort(m)[fp]).sum())}" for fp in (10, 25, 50, 100) if fp < len(m))
        print(f"  {name:<20} AUC {auc:.3f}; glued orphans found when splitting N gold beads {found}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--no-real", action="store_true")
    ap.add_argument("--confusion", action="store_true")
    ap.add_argument("--separability", action="store_true", help="glued orphans against real members, per signal")
    ap.add_argument("--em", action="store_true")
    ap.add_argument("--window", action="store_true")
    ap.add_argument("--gated", action="store_true", help="ideas on top of em pass w0.04, only above BASE_RATE")
    ap.add_argument("--only", help="run only the grid settings whose name contains this")
    a = ap.parse_args(argv)
    require(MAC_DEV, MAC_DEV / "gold")
    ob._memoised_encoder()
    scorer = get_scorer("default")
    base = ob.mac_docs()
    real = [] if a.no_real else ob.real_docs()
    docs = list(base) + list(real)
    for group in (base, real):
        for seed in range(a.seeds):
            for k, d in enumerate(group):
                docs.append(ob.delete(d, seed))
                docs.append(ob.insert(d, group[(k + 1 + seed) % len(group)], seed))
    grid: list[str] = ["now"]
    if a.em:
        grid += [f"em skip w{w}" for w in (0.02, 0.04, 0.08)] + [f"em skip+shapes w{w}" for w in (0.02, 0.04)]
        grid += [f"em pass w{w}" for w in (0.02, 0.04, 0.06, 0.08, 0.12)]
    if a.gated:
        grid += ["em pass w0.04 (base)"] + [f"gated skip w{w}" for w in (0.04, 0.08)]
        grid += ["gated window knn lam0.5 below0.0", "gated window knn lam1.0 below0.1"]
    if a.window:
        grid += [f"window median lam{lam} below{bl}" for lam, bl in itertools.product((0.5, 1.0), (0.15, 0.25))]
        grid += [f"window knn lam{lam} below{bl}" for lam, bl in itertools.product((0.5, 1.0), (0.0, 0.1))]
    if a.only:
        grid = ["now"] + [g for g in grid[1:] if a.only in g]
    sep_rows: list = []
    per: dict[str, dict] = {}
    tables: dict[str, Counter] = {}
    for d in docs:
        t0 = time.perf_counter()
        pair = DocumentPair(d.zh, d.en, (), None)
        steps = align_steps(pair, scorer)  # the search and pass as built (a fixed margin)
        entry: dict = {"kind": d.kind, "now": ob.counts(d.gold, ob.beads_of(steps))}
        if a.confusion:
            confusion(d.gold, ob.beads_of(steps), tables.setdefault(d.kind, Counter()))
        if a.separability and d.kind in ("mac-del", "mac-ins"):
            separability(pair, steps, d.gold, sep_rows)
        margin = em_margin(steps, 0.04)
        built = align_steps(pair, scorer, orphan_gain=margin) if a.gated else None
        for name in grid[1:]:
            if name == "em pass w0.04 (base)":
                new = built
            elif name.startswith("gated"):
                rate = sum(1 for t in steps if (t.i1 == t.i0) != (t.j1 == t.j0)) / max(len(steps), 1)
                if rate <= BASE_RATE:
                    new = built
                elif name.startswith("gated skip"):
                    w = float(name.rsplit("w", 1)[1])
                    moved = replace(scorer, skip=scorer.skip + w * float(np.log(rate / BASE_RATE)))
                    new = align_steps(pair, moved, orphan_gain=margin)
                else:
                    _, _, variant, lam_s, below_s = name.split()
                    new = window_pass(pair, built, float(lam_s[3:]), float(below_s[5:]), variant)
            elif name.startswith("em pass"):
                new = align_steps(pair, scorer, orphan_gain=em_margin(steps, float(name.rsplit("w", 1)[1])))
            elif name.startswith("em"):
                w = float(name.rsplit("w", 1)[1])
                em = em_scorer(scorer, steps, w, "shapes" in name)
                new = align_steps(pair, em)
            else:
                _, variant, lam_s, below_s = name.split()
                new = window_pass(pair, steps, float(lam_s[3:]), float(below_s[5:]), variant)
            entry[name] = ob.counts(d.gold, ob.beads_of(new))
        per[d.name] = entry
        print(f"  {d.name} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    kinds = sorted({e["kind"] for e in per.values()})
    if a.confusion:
        print_confusion(tables)
    if a.separability:
        print_separability(sep_rows)
    if len(grid) > 1:
        ob._table(per, kinds, grid)
        ob._loo(per, kinds, grid, "now")
    return 0


if __name__ == "__main__":
    sys.exit(main())
