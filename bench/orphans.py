#!/usr/bin/env python3
"""Orphan benchmark: documents with sentences deleted or added on one side, gold kept.

Sets (fixed seeds, 5-15% of one side's sentences per document, the rate drawn per set):

* ``mac-del``: MAC-Dev chapters with sentences deleted on one side. Gold beads lose the
  deleted sentence; a bead whose one side becomes empty leaves its other side as orphans.
* ``mac-ins``: MAC-Dev chapters with sentences of another chapter inserted on one side
  (the inserted sentences are gold 1-0 / 0-1 beads).
* ``real-del`` / ``real-ins``: the same on real documents from ``../shared/realworld``. Their
  gold is pseudo-gold: the 1-1 pairs our aligner scores >= 0.9 on the original pair
  (about 95% of such pairs are right on MAC-Dev), in order, as one clean parallel document.
  It is made by the aligner under test, so it moves with the search and the confidence model
  (a refit can take a document under the 10 pairs it needs): compare figures of one run.

Prints strict F1 (as ``align_eval.py``: precision over all test beads, recall over gold
pair beads) and the precision and recall of 1-0/0-1 beads per set and per seed, for the
search as it was before the orphan pass measured each border sentence by the search's own
score ("before": per-sentence skip costs, the pass's cosine rule alone) and as it is now;
``--loo`` picks the skip model's parameters, the pass's margin on the search's score (and the
pass on or off) leave-one-document-out and prints the held-out figures per kind.
``--calibration`` prints the confidence table per kind of text, with the logistic model
fitted leave-one-document-out and, harder, leave-one-family-out (fitted on the realworld
sets alone to score the MAC-Dev ones, and the other way round); the fit also sees unrelated
pairs (one document's Chinese with another's English, every pair bead wrong), so that a
bead with no evidence at all is not scored by extrapolation. Everything tuned on these sets is a development figure. No text is
stored in the project; embeddings are memoised per sentence in
~/.cache/aligner/orphans-memo.npz.

    python bench/orphans.py [--loo] [--calibration] [--seeds 3]
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.align import DocumentPair, align_steps, embedder, get_scorer  # noqa: E402
from aligner.align.orphans import GAIN_MARGIN  # noqa: E402
from aligner.align.support import DEFAULT_MODEL, ORPHAN_PASS, SkipModel  # noqa: E402
from shared_data import MAC_DEV, SHARED, require  # noqa: E402

REAL = SHARED / "realworld" / "corpus"
MEMO = Path.home() / ".cache" / "aligner" / "orphans-memo.npz"
Bead = tuple[tuple[int, ...], tuple[int, ...]]


def _save_memo(memo: dict[str, np.ndarray]) -> None:
    """Write the memo atomically: several benchmarks (and engineers) share the file, and a
    reader must never see half of one (a temporary file in the same folder, then a rename;
    two writers at once lose one's new entries, which is only a miss next time)."""
    import os
    import tempfile

    MEMO.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(memo)
    fd, tmp = tempfile.mkstemp(prefix=MEMO.name + ".", suffix=".tmp", dir=MEMO.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, keys=np.array(keys, dtype=object), vecs=np.stack([memo[k] for k in keys]))
        os.replace(tmp, MEMO)
    except BaseException:
        os.unlink(tmp)
        raise


def _memoised_encoder() -> None:
    """Encode each distinct sentence once across all sets and runs (bench only)."""
    memo: dict[str, np.ndarray] = {}
    if MEMO.exists():
        data = np.load(MEMO, allow_pickle=True)  # our own file: its keys are an object array
        memo = {k: v for k, v in zip(data["keys"].tolist(), data["vecs"])}
    original = embedder._encode

    def encode(texts, progress, label):  # type: ignore[no-untyped-def]
        missing = [t for t in texts if t not in memo]
        if missing:
            for t, v in zip(missing, original(missing, progress, label)):
                memo[t] = v
            _save_memo(memo)
        return np.stack([memo[t] for t in texts]).astype(np.float32)

    embedder._encode = encode


@dataclass
class Doc:
    name: str
    kind: str  # mac / real
    zh: list[str]
    en: list[str]
    gold: list[Bead]


def _read_gold(path: Path) -> list[Bead]:
    import json

    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            left, right = line.split(":")[:2]
            beads.append((tuple(json.loads(left)), tuple(json.loads(right))))
    return sorted(beads, key=lambda b: (b[0][:1] or (-1,), b[1][:1] or (-1,)))


def mac_docs() -> list[Doc]:
    out = []
    for p in sorted(MAC_DEV.glob("*.zh")):
        zh = p.read_text(encoding="utf-8").splitlines()
        en = p.with_suffix(".en").read_text(encoding="utf-8").splitlines()
        out.append(Doc(f"mac/{p.stem}", "mac", zh, en, _read_gold(MAC_DEV / "gold" / f"{p.stem}.align")))
    return out


def real_docs() -> list[Doc]:
    """Pseudo-gold parallel documents: confident 1-1 pairs of each realworld pair, in order."""
    from aligner.align import align
    from aligner.align.files import read_segmented
    from aligner.model import Lang

    out = []
    for zp in sorted((REAL / "zh").glob("*")):
        ep = next((REAL / "en").glob(zp.stem + ".*"), None)
        if ep is None:
            continue
        zh = [s.text for s in read_segmented(zp, Lang.ZH)]
        en = [s.text for s in read_segmented(ep, Lang.EN)]
        pairs = [(zh[b.src[0]], en[b.tgt[0]]) for b in align(zh, en) if len(b.src) == 1 == len(b.tgt) and b.score >= 0.9]
        if len(pairs) >= 10:
            out.append(Doc(f"real/{zp.stem}", "real", [a for a, _ in pairs], [b for _, b in pairs],
                           [((k,), (k,)) for k in range(len(pairs))]))
    return out


def _rng(*key: object) -> np.random.Generator:
    return np.random.default_rng(int(hashlib.sha256(repr(key).encode()).hexdigest()[:8], 16))


def delete(doc: Doc, seed: int) -> Doc:
    """Delete 5-15% of one side's sentences; rebuild the gold."""
    rng = _rng(doc.name, seed, "del")
    side = int(rng.integers(2))
    sents = [doc.zh, doc.en][side]
    k = max(1, round(len(sents) * rng.uniform(0.05, 0.15)))
    gone = set(rng.choice(len(sents), size=k, replace=False).tolist())
    keep = [q for q in range(len(sents)) if q not in gone]
    new_at = {q: r for r, q in enumerate(keep)}
    gold: list[Bead] = []
    for b in doc.gold:
        mine = tuple(new_at[q] for q in b[side] if q in new_at)
        other = b[1 - side]
        if mine or not b[side]:
            gold.append((mine, other) if side == 0 else (other, mine))
        else:  # this side vanished: the other side's sentences are orphans now
            gold.extend(((), (q,)) if side == 0 else ((q,), ()) for q in other)
    kept = [sents[q] for q in keep]
    zh, en = (kept, doc.en) if side == 0 else (doc.zh, kept)
    return Doc(f"{doc.name}/del{seed}", doc.kind + "-del", zh, en, gold)


def insert(doc: Doc, donor: Doc, seed: int) -> Doc:
    """Insert 5-15% (of one side) sentences taken from ``donor`` at random places on that side."""
    rng = _rng(doc.name, seed, "ins")
    side = int(rng.integers(2))
    sents = [doc.zh, doc.en][side]
    pool = [donor.zh, donor.en][side]
    k = max(1, round(len(sents) * rng.uniform(0.05, 0.15)))
    # insert only where a gold bead starts on this side (or at the end): no gold bead is split
    starts = sorted({b[side][0] for b in doc.gold if b[side]} | {len(sents)})
    slots = sorted(rng.choice(starts, size=min(k, len(starts), len(pool)), replace=False).tolist())
    picks = rng.choice(len(pool), size=len(slots), replace=False).tolist()
    shift = np.searchsorted(np.array(slots), np.arange(len(sents)), side="right")  # slots <= old index
    new = list(sents)
    gold: list[Bead] = []
    for r, (q, pick) in enumerate(zip(slots, picks)):
        new.insert(q + r, pool[pick])
        gold.append(((q + r,), ()) if side == 0 else ((), (q + r,)))
    for b in doc.gold:
        mine = tuple(int(q + shift[q]) for q in b[side])
        gold.append((mine, b[1]) if side == 0 else (b[0], mine))
    zh, en = (new, doc.en) if side == 0 else (doc.zh, new)
    return Doc(f"{doc.name}/ins{seed}", doc.kind + "-ins", zh, en, gold)


def counts(gold: list[Bead], test: list[Bead]) -> np.ndarray:
    """(test beads, strict hits, gold pairs, pair hits, test orphans, orphan hits, gold orphans)."""
    g, t = set(gold), set(test)
    gp, tp = {b for b in g if b[0] and b[1]}, {b for b in t if b[0] and b[1]}
    go, to = g - gp, t - tp
    return np.array([len(t), len(t & g), len(gp), len(gp & tp), len(to), len(to & go), len(go)], dtype=float)


def f1(c: np.ndarray) -> tuple[float, float, float, float, float]:
    p, r = c[1] / max(c[0], 1), c[3] / max(c[2], 1)
    op, orc = c[5] / max(c[4], 1), c[5] / max(c[6], 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), op, orc


def beads_of(steps) -> list[Bead]:  # type: ignore[no-untyped-def]
    return [(tuple(range(s.i0, s.i1)), tuple(range(s.j0, s.j1))) for s in steps]


def _seed(name: str) -> str:
    """The seed of a derived set (``mac/001/del2`` -> ``2``), ``-`` for an original document."""
    last = name.rsplit("/", 1)[-1]
    return last[3:] if last[:3] in ("del", "ins") else "-"


def _source(name: str) -> str:
    return "/".join(name.split("/")[:2])


def _table(per: dict[str, dict], kinds: list[str], cols: list[str]) -> None:
    """Strict F1 and orphan P/R per set and per seed for each of ``cols``."""
    head = "".join(f" {c + ' F1':>10} {'orph P':>6} {'orph R':>6}" for c in cols)
    print(f"{'set':<10} {'seed':>4} {'docs':>4}{head}")
    for kind in kinds:
        names = [n for n, e in per.items() if e["kind"] == kind]
        seeds = sorted({_seed(n) for n in names})
        for seed in seeds + (["all"] if len(seeds) > 1 else []):
            chosen = [n for n in names if seed == "all" or _seed(n) == seed]
            cells = ""
            for c in cols:
                _, _, f, op, orc = f1(sum(per[n][c] for n in chosen))
                cells += f" {f:10.3f} {op:6.3f} {orc:6.3f}"
            print(f"{kind:<10} {seed:>4} {len(chosen):4d}{cells}")


def _loo(per: dict[str, dict], kinds: list[str], grid: list[str], default: str) -> None:
    """Each source document's sets aligned with the setting best on every other document's."""
    held: dict[str, np.ndarray] = {}
    picks: dict[str, str] = {}
    for src in sorted({_source(n) for n in per}):
        others = [n for n in per if _source(n) != src]
        pick = max(grid, key=lambda p: (round(f1(sum(per[n][p] for n in others))[2], 5), p == default))
        picks[src] = pick
        held.update({n: per[n][pick] for n in per if _source(n) == src})
    print("leave-one-document-out (setting picked on every other source document, all its sets held out):")
    for kind in kinds:
        _, _, f, op, orc = f1(sum(held[n] for n, e in per.items() if e["kind"] == kind))
        print(f"  {kind:<10} strict F1 {f:.3f}  orphan P {op:.3f} R {orc:.3f}")
    print("  picked: " + ", ".join(f"{p} x{list(picks.values()).count(p)}" for p in sorted(set(picks.values()))))
    print("  in-sample strict F1 / orphan P / orphan R per kind at each setting:")
    for p in grid:
        cells = []
        for kind in kinds:
            _, _, f, op, orc = f1(sum(e[p] for e in per.values() if e["kind"] == kind))
            cells.append(f"{kind} {f:.3f}/{op:.2f}/{orc:.2f}")
        print(f"    {p}: " + "  ".join(cells))


Setting = tuple[SkipModel | None, bool, float | None]  # skip model, orphan pass, the pass's margin on the score


def _grid() -> dict[str, Setting]:
    """Settings tried by ``--loo``: the skip model's centre and glue penalty around the
    default, the pass's margin on the search's score around the default (None: the cosine
    rule alone), the pass off, and the flat skip of before."""
    d = DEFAULT_MODEL
    out: dict[str, Setting] = {"flat skip + pass": (None, True, GAIN_MARGIN)}
    for below in (d.below - 0.05, d.below, d.below + 0.05):
        for penalty in (0.0, d.penalty):
            m = replace(d, below=round(below, 3), penalty=round(penalty, 3))
            out[f"below {m.below} penalty {m.penalty} + pass {GAIN_MARGIN}"] = (m, True, GAIN_MARGIN)
    out["default, pass off"] = (d, False, None)
    for gain in (None, 0.05, 0.15):
        out[f"default + pass {gain}"] = (d, True, gain)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--loo", action="store_true", help="pick the skip model leave-one-document-out")
    ap.add_argument("--calibration", action="store_true", help="confidence table per kind, fitted leave-one-document-out")
    ap.add_argument("--no-real", action="store_true")
    a = ap.parse_args(argv)
    require(MAC_DEV, MAC_DEV / "gold")
    _memoised_encoder()
    scorer = get_scorer("default")
    base = mac_docs()
    real = [] if a.no_real else real_docs()
    docs = list(base) + list(real)
    for group in (base, real):
        for seed in range(a.seeds):
            for k, d in enumerate(group):
                docs.append(delete(d, seed))
                docs.append(insert(d, group[(k + 1 + seed) % len(group)], seed))
    settings: dict[str, Setting] = {"before": (DEFAULT_MODEL, True, None), "now": (DEFAULT_MODEL, ORPHAN_PASS, GAIN_MARGIN)}
    grid = _grid() if a.loo else {}
    default = next(k for k, v in grid.items() if v == settings["now"]) if a.loo else "now"
    per: dict[str, dict] = {}
    calib: list[tuple[str, str, np.ndarray, float]] = []
    for d in docs:
        t0 = time.perf_counter()
        pair = DocumentPair(d.zh, d.en, (), None)
        entry: dict = {"kind": d.kind}
        done: dict[Setting, np.ndarray] = {}
        paths = {}
        for name, setting in {**settings, **grid}.items():
            if setting not in done:
                model, orphan_pass, gain = setting
                paths[setting] = align_steps(pair, scorer, orphans=orphan_pass, model=model, orphan_gain=gain)
                done[setting] = counts(d.gold, beads_of(paths[setting]))
            entry[name] = done[setting]
        per[d.name] = entry
        if a.calibration:
            from aligner.align.confidence import features

            steps = paths[settings["now"]]  # the default path
            gold = set(d.gold)
            for s, row in zip(steps, features(steps, pair)):
                b = (tuple(range(s.i0, s.i1)), tuple(range(s.j0, s.j1)))
                if b[0] and b[1]:
                    calib.append((d.kind, d.name.split("/")[1], row, float(b in gold)))
        print(f"  {d.name} ({time.perf_counter() - t0:.0f} s): {len(d.zh)} zh, {len(d.en)} en; "
              f"F1 before {f1(entry['before'])[2]:.3f}, now {f1(entry['now'])[2]:.3f}", file=sys.stderr)
    if a.calibration:  # unrelated pairs (one document's Chinese, another's English): every pair bead is wrong
        from aligner.align.confidence import features

        for group in (base, real):
            for k, d in enumerate(group):
                other = group[(k + 1) % len(group)]
                pair = DocumentPair(d.zh, other.en, (), None)
                steps = align_steps(pair, scorer)
                for s, row in zip(steps, features(steps, pair)):
                    if s.i1 > s.i0 and s.j1 > s.j0:
                        calib.append((d.kind + "-unrelated", d.name.split("/")[1], row, 0.0))
    kinds = sorted({e["kind"] for e in per.values()})
    print(f"now: per-sentence skip costs {DEFAULT_MODEL}, orphan pass {'on' if ORPHAN_PASS else 'off'} with margin "
          f"{GAIN_MARGIN} on the search's score; before: the same, the pass's cosine rule alone")
    _table(per, kinds, ["before", "now"])
    if a.loo:
        _loo(per, kinds, list(grid), default)
    if a.calibration:
        calibration_report(calib)
    return 0


def calibration_report(calib: list) -> None:  # type: ignore[type-arg]
    from aligner.align.confidence import FEATURES, fit

    x = np.array([r for _, _, r, _ in calib])
    y = np.array([g for *_, g in calib])
    kind = np.array([k for k, *_ in calib])
    src = np.array([s for _, s, *_ in calib])
    sizes = {k: int((kind == k).sum()) for k in set(kind)}
    sw = np.array([len(y) / (len(sizes) * sizes[k]) for k in kind])  # every kind counts alike
    probs = np.zeros(len(y))
    for s in sorted(set(src)):
        w = fit(x[src != s], y[src != s], weights=sw[src != s])
        probs[src == s] = 1 / (1 + np.exp(-(x[src == s] @ w)))
    print("confidence of pair beads, fitted leave-one-source-document-out (each kind weighted alike):")
    _bands(kind, y, probs)
    family = np.array([k.split("-")[0] for k in kind])
    for f in sorted(set(family)):
        w = fit(x[family != f], y[family != f], weights=sw[family != f])
        probs[family == f] = 1 / (1 + np.exp(-(x[family == f] @ w)))
    print("the same, fitted leave-one-family-out (MAC-Dev sets scored by a model fitted on the realworld sets alone, "
          "and the other way round):")
    _bands(kind, y, probs)
    w = fit(x, y, weights=sw)
    print("features:", ", ".join(FEATURES))
    print("COEFFICIENTS =", tuple(round(float(v), 4) for v in w))


def _bands(kind: np.ndarray, y: np.ndarray, probs: np.ndarray) -> None:
    print(f"{'kind':<10} {'beads':>6} {'>=0.9':>6} {'gold':>6} {'0.8-0.9':>8} {'gold':>6} {'<0.5':>6} {'gold':>6}")
    for k in sorted(set(kind)):
        m = kind == k
        hi, mid, lo = m & (probs >= 0.9), m & (probs >= 0.8) & (probs < 0.9), m & (probs < 0.5)
        share = [f"{y[s].mean():.3f}" if s.any() else "-" for s in (hi, mid, lo)]
        print(f"{k:<10} {m.sum():6d} {hi.sum():6d} {share[0]:>6} {mid.sum():8d} {share[1]:>6} {lo.sum():6d} {share[2]:>6}")


if __name__ == "__main__":
    sys.exit(main())
