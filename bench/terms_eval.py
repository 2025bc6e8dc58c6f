"""Bilingual term extraction from aligned pairs (aligner.glossary.from_tm), measured.

Usage: python bench/terms_eval.py [--tmx DIR] [--bundled DIR] [--no-embeddings] [--speed-pairs N] [-v]

DEVELOPMENT data: ../shared/realworld (aligned technical pages with their English). Its
TMX is built once (``aligner build --corpus …/realworld/corpus --out DIR``) and reused:
pass ``--tmx DIR/tmx``, or let the script build it into /tmp/terms-eval-realworld once.

Gold: ``gold_glossary_dev.tsv`` (bracket pairs of three pages, English lemmatised) and
``extra/d2l-zh-TERMINOLOGY.md`` (d2l-zh's own termbase). A gold pair is *in the aligned
text* when one pair's Chinese holds its zh and the same pair's English holds its en;
recall is over those. Precision of the top 100 (most shared pairs first) is judged two
ways: strictly (the pair is in a gold) and where the gold can judge (its zh or its en is
in a gold: an entry whose forms no gold lists is not judged). Forms match after NFKC,
case folding, no spaces and plural -s removed; an entry matches a gold pair by its English
or by one of its English variants (卷积神经网络 = convolutional neural network, variant CNN,
matches a gold CNN). Recall is printed per gold as well: the dev gold *is* the bracket
pairs of three pages, which the bracket glosses read directly, so d2l-zh's termbase is the
fairer figure. Baseline in the same run: co-occurrence alone (no brackets, no CC-CEDICT, no IBM-1, no embeddings).
``--half 0`` / ``--half 1`` keep every other page (sorted by name): tune on one half,
report the other.

Speed first, in a cold process: 10,000 distinct pairs, each two real pairs (realworld and
MAC-Dev) joined, so no cached sentence helps. MAC-Dev's gold pairs (literary chapters) are
then read as a TM and a sample of what is extracted is printed to be judged by eye.

With embeddings (the default; ``--no-embeddings`` leaves them out), a Chinese candidate seen in
one or two pairs that nothing else pairs is paired by :mod:`aligner.glossary.from_tm.sparse`;
the report counts those entries apart (they are all proposed).

Then the bundled corpus's doc 000: its aligned abstract against the abstract's term pairs
as judged by hand for this benchmark (listed below), plus every other pair it proposes.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import measured  # noqa: E402
from bench.shared_data import MAC_DEV, REALWORLD, require  # noqa: E402

from aligner.check.units import read_units  # noqa: E402
from aligner.glossary.from_tm import TmPair, extract_tm_terms  # noqa: E402
from aligner.glossary.from_tm.candidates import en_key  # noqa: E402
from aligner.glossary.text import norm_key  # noqa: E402
from aligner.model import Source  # noqa: E402


#: The term pairs of doc 000's abstract, judged by hand for this benchmark (the paper's
#: own key words and bracket pairs are found elsewhere and are not counted here).
ABSTRACT = [
    ("硅谷", "Silicon Valley"), ("技术中性论", "technological neutrality"), ("企业利益", "corporate interests"),
    ("社会责任", "social responsibility"), ("国家利益", "national interests"), ("工程师", "engineers"),
    ("话语体系", "discourse"), ("去中心化", "decentralized"), ("治理模式", "governance models"),
    ("开源大模型", "open-source models"),
]


def key(zh: str, en: str) -> tuple[str, str]:
    """A pair as the golds are matched: NFKC, case folded, no spaces, plural -s removed."""
    return norm_key(zh), norm_key(en_key(en))


def read_gold() -> dict[tuple[str, str], str]:
    gold: dict[tuple[str, str], str] = {}
    for line in (REALWORLD.parent / "gold_glossary_dev.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        zh, en, *_ = line.split("\t")
        gold[key(zh, en)] = "dev-gold"
    for line in (REALWORLD.parent / "extra" / "d2l-zh-TERMINOLOGY.md").read_text(encoding="utf-8").splitlines():
        if "，" in line:
            zh, en = line.split("，", 1)
            for form in re.split(r"\s*\(|\)", en):
                if form.strip():
                    k = key(zh.strip(), form.strip())
                    gold[k] = "dev-gold+d2l-termbase" if gold.get(k) == "dev-gold" else "d2l-termbase"
    return gold


def pairs_of(paths: list[Path]) -> list[TmPair]:
    out = []
    for u in read_units([str(p) for p in paths]):
        stem = Path(u.file).stem
        out.append(TmPair(u.source, u.target, Source(stem, u.line or 0), Source(stem + ".en", u.line or 0)))
    return out


def occurring(gold: dict[tuple[str, str], str], pairs: list[TmPair]) -> set[tuple[str, str]]:
    texts = [(norm_key(p.source), " " + en_key(" ".join(re.findall(r"[A-Za-z0-9'-]+", p.target))) + " ") for p in pairs]
    found = set()
    for zh, en in gold:
        words = " " + en_key(" ".join(re.findall(r"[A-Za-z0-9'-]+", en))) + " "
        if any(zh in s and words.replace(" ", "") and words in t for s, t in texts):
            found.add((zh, en))
    return found


def _forms(t) -> list[tuple[str, str]]:
    """The entry's keys: its English and each Latin variant."""
    return [key(t.zh, f) for f in (t.en, *getattr(t, "variants", ())) if not re.search(r"[\u4e00-\u9fff]", f)]


def report(label: str, terms: list, gold: dict, present: set, verbose: bool) -> None:
    ranked = sorted(terms, key=lambda t: (-t.both, -t.dice, t.zh))
    top = ranked[:100]
    zh_gold = {z for z, _ in gold}
    en_gold = {e for _, e in gold}

    def right(t) -> bool:
        return any(k in gold for k in _forms(t))

    def judged_by_gold(t) -> bool:
        return key(t.zh, t.en)[0] in zh_gold or any(e in en_gold for _, e in _forms(t))

    strict = sum(1 for t in top if right(t))
    judged = [t for t in top if judged_by_gold(t)]
    good = sum(1 for t in judged if right(t))
    got = {k for t in terms for k in _forms(t)}
    recall = len(present & got)
    attested = [t for t in terms if t.status.value == "attested"]
    att_judged = [t for t in attested if judged_by_gold(t)]
    att_right = sum(1 for t in att_judged if right(t))
    print(f"{label}: {len(terms)} pairs ({len(attested)} attested)")
    print(f"  top-100 precision: strict {strict / max(len(top), 1):.2f}; where a gold judges "
          f"{good}/{len(judged)} = {good / max(len(judged), 1):.2f}")
    print(f"  attested precision where a gold judges: {att_right}/{len(att_judged)} = "
          f"{att_right / max(len(att_judged), 1):.2f}")
    print(f"  recall of gold pairs in the aligned text: {recall}/{len(present)} = {recall / max(len(present), 1):.2f}")
    for source in sorted({part for v in gold.values() for part in v.split("+")}):
        mine = {g for g in present if source in gold[g].split("+")}
        print(f"    {source}: {len(mine & got)}/{len(mine)} = {len(mine & got) / max(len(mine), 1):.2f}")
    sparse = [t for t in terms if t.method == "embedding"]
    if sparse:
        hits = len({k for t in sparse for k in _forms(t)} & present)
        judged_sparse = [t for t in sparse if judged_by_gold(t)]
        print(f"  seen once or twice, chosen by embeddings (all proposed): {len(sparse)}; gold pairs among them "
              f"{hits}; where a gold judges {sum(1 for t in judged_sparse if right(t))}/{len(judged_sparse)}")
    if verbose:
        for t in att_judged:
            if not right(t):
                print(f"    attested, wrong? {t.zh} = {t.en} ({t.method}, {t.both} pairs)")
        for t in judged:
            if not right(t):
                print(f"    wrong? {t.zh} = {t.en} ({t.method}, {t.both} pairs)")
        for zh, en in sorted(present - got):
            print(f"    missed {zh} = {en} [{gold[(zh, en)]}]")


def mac_dev_pairs() -> list[TmPair]:
    """MAC-Dev's gold-aligned sentence pairs (literary chapters treated as a TM)."""
    import json

    out = []
    for gold in sorted((MAC_DEV / "gold").glob("*.align")):
        zh = (MAC_DEV / f"{gold.stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (MAC_DEV / f"{gold.stem}.en").read_text(encoding="utf-8").splitlines()
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, right = (json.loads(side) for side in line.split(":")[:2])
            if left and right:
                out.append(TmPair("".join(zh[i] for i in left), " ".join(en[j] for j in right),
                                  Source(gold.stem, left[0] + 1), Source(gold.stem + ".en", right[0] + 1)))
    return out


def joined(pairs: list[TmPair], n: int) -> list[TmPair]:
    """``n`` distinct pairs, each two real pairs joined (so no cached sentence helps)."""
    rng = random.Random(15)
    out = []
    for k in range(n):
        a, b = rng.choice(pairs), rng.choice(pairs)
        out.append(TmPair(a.source + b.source, f"{a.target} {b.target}", Source("joined", k + 1),
                          Source("joined.en", k + 1)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tmx", type=Path, help="the realworld build's tmx/ folder (built once if not given)")
    parser.add_argument("--bundled", type=Path, default=Path("/tmp/terms-eval-bundled"),
                        help="where the bundled corpus is built once (its tmx/ reused)")
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--speed-pairs", type=int, default=10_000, help="pairs of the speed test (0: none)")
    parser.add_argument("--half", type=int, choices=(0, 1), help="every other page only (0: 1st, 3rd, …)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    require(REALWORLD, MAC_DEV)
    tmx = args.tmx or Path("/tmp/terms-eval-realworld/tmx")
    if not tmx.is_dir():
        from aligner.build import BuildSettings, build

        print(f"building the realworld TMX once into {tmx.parent} ...", file=sys.stderr)
        build(BuildSettings(corpus=REALWORLD, out=tmx.parent))
    paths = sorted(p for p in tmx.glob("*.tmx") if p.name != "terms.tmx")
    if args.half is not None:
        paths = paths[args.half::2]
    pairs = pairs_of(paths)
    mac = mac_dev_pairs()
    if args.speed_pairs:
        many = joined(pairs + mac, args.speed_pairs)
        with measured(f"{len(many)} pairs (two real pairs joined each, cold process)") as m:
            big = extract_tm_terms(many, embeddings=not args.no_embeddings)
        print(f"speed: {m.line()}; {len(big.terms)} term pairs")
    gold = read_gold()
    present = occurring(gold, pairs)
    print(f"DEVELOPMENT data (realworld, {len(paths)} pages, {len(pairs)} aligned pairs); "
          f"{len(gold)} gold pairs, {len(present)} of them in the aligned text")
    with measured(f"realworld, {len(pairs)} pairs") as m:
        ours = extract_tm_terms(pairs, embeddings=not args.no_embeddings)
    base = extract_tm_terms(pairs, embeddings=False, dictionary=False, alignment=False, brackets=False)
    embedded = "no embeddings" if args.no_embeddings else "embeddings for pairs seen once or twice"
    report(f"ours (bracket glosses + jieba noun phrases + CC-CEDICT + IBM-1 + co-occurrence + acronyms; {embedded})",
           ours.terms, gold, present, args.verbose)
    report("baseline (co-occurrence alone)", base.terms, gold, present, args.verbose)
    print(f"  speed: {m.line()}")

    found = extract_tm_terms(mac, embeddings=not args.no_embeddings)
    attested = [t for t in found.terms if t.status.value == "attested"]
    print(f"MAC-Dev as a TM (DEVELOPMENT data, {len(mac)} gold pairs, literary): {len(found.terms)} term pairs "
          f"({len(attested)} attested); a sample to judge by eye (every 4th attested, every 8th proposed):")
    proposed = [t for t in found.terms if t.status.value != "attested"]
    for t in attested[::4] + proposed[::8]:
        print(f"  {t.zh} = {t.en} [{t.status.value}, {t.method}, {t.both} pairs]")

    bundled = ROOT / "corpus" / "zh" / "000_a19bb3cb7fd24b93.txt"
    if bundled.exists():
        from aligner.build import BuildSettings, build

        out = args.bundled
        if not (out / "tmx").is_dir():
            build(BuildSettings(corpus=ROOT / "corpus", out=out))
        abstract = pairs_of(sorted((out / "tmx").glob("000_*.tmx")))
        found = extract_tm_terms(abstract, embeddings=not args.no_embeddings)
        got = {key(t.zh, t.en) for t in found.terms}
        wanted = {key(z, e) for z, e in ABSTRACT}
        print(f"bundled doc 000 ({len(abstract)} aligned pairs): {len(wanted & got)} of {len(wanted)} abstract "
              f"term pairs found; {len(found.terms)} pairs proposed in all (the build leaves out the "
              f"glossary's own Chinese forms)")
        for t in found.terms:
            mark = "ok " if key(t.zh, t.en) in wanted else "   "
            print(f"  {mark}{t.zh} = {t.en} [{t.status.value}, {t.method}]")
        for zh, en in ABSTRACT:
            if key(zh, en) not in got:
                print(f"  missed {zh} = {en}")


if __name__ == "__main__":
    main()
