"""Bilingual term extraction from aligned pairs (aligner.glossary.from_tm), measured.

Usage: python bench/terms_eval.py [--tmx DIR] [--no-embeddings] [-v]

DEVELOPMENT data: ../shared/realworld (aligned technical pages with their English). Its
TMX is built once (``aligner build --corpus …/realworld/corpus --out DIR``) and reused:
pass ``--tmx DIR/tmx``, or let the script build it into /tmp/terms-eval-realworld once.

Gold: ``gold_glossary_dev.tsv`` (bracket pairs of three pages, English lemmatised) and
``extra/d2l-zh-TERMINOLOGY.md`` (d2l-zh's own termbase). A gold pair is *in the aligned
text* when one pair's Chinese holds its zh and the same pair's English holds its en;
recall is over those. Precision of the top 100 (most shared pairs first) is judged two
ways: strictly (the pair is in a gold) and where the gold can judge (its zh or its en is
in a gold: an entry whose forms no gold lists is not judged). Forms match after NFKC,
case folding, no spaces and plural -s removed. Baseline in the same run: co-occurrence
alone (no CC-CEDICT, no embeddings).

Then the bundled corpus's doc 000: its aligned abstract against the abstract's term pairs
as judged by hand for this benchmark (listed below), plus every other pair it proposes.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.shared_data import REALWORLD, require  # noqa: E402

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
                    gold.setdefault(key(zh.strip(), form.strip()), "d2l-termbase")
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


def report(label: str, terms: list, gold: dict, present: set, verbose: bool) -> None:
    ranked = sorted(terms, key=lambda t: (-t.both, -t.dice, t.zh))
    top = ranked[:100]
    strict = sum(1 for t in top if key(t.zh, t.en) in gold)
    zh_gold = {z for z, _ in gold}
    en_gold = {e for _, e in gold}
    judged = [t for t in top if key(t.zh, t.en)[0] in zh_gold or key(t.zh, t.en)[1] in en_gold]
    right = sum(1 for t in judged if key(t.zh, t.en) in gold)
    got = {key(t.zh, t.en) for t in terms}
    recall = len(present & got)
    attested = [t for t in terms if t.status.value == "attested"]
    att_judged = [t for t in attested if key(t.zh, t.en)[0] in zh_gold or key(t.zh, t.en)[1] in en_gold]
    att_right = sum(1 for t in att_judged if key(t.zh, t.en) in gold)
    print(f"{label}: {len(terms)} pairs ({len(attested)} attested)")
    print(f"  top-100 precision: strict {strict / max(len(top), 1):.2f}; where a gold judges "
          f"{right}/{len(judged)} = {right / max(len(judged), 1):.2f}")
    print(f"  attested precision where a gold judges: {att_right}/{len(att_judged)} = "
          f"{att_right / max(len(att_judged), 1):.2f}")
    print(f"  recall of gold pairs in the aligned text: {recall}/{len(present)} = {recall / max(len(present), 1):.2f}")
    if verbose:
        for t in att_judged:
            if key(t.zh, t.en) not in gold:
                print(f"    attested, wrong? {t.zh} = {t.en} ({t.method}, {t.both} pairs)")
        for t in judged:
            if key(t.zh, t.en) not in gold:
                print(f"    wrong? {t.zh} = {t.en} ({t.method}, {t.both} pairs)")
        for zh, en in sorted(present - got):
            print(f"    missed {zh} = {en}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tmx", type=Path, help="the realworld build's tmx/ folder (built once if not given)")
    parser.add_argument("--bundled", type=Path, default=Path("/tmp/terms-eval-bundled"),
                        help="where the bundled corpus is built once (its tmx/ reused)")
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    require(REALWORLD)
    tmx = args.tmx or Path("/tmp/terms-eval-realworld/tmx")
    if not tmx.is_dir():
        from aligner.build import BuildSettings, build

        print(f"building the realworld TMX once into {tmx.parent} ...", file=sys.stderr)
        build(BuildSettings(corpus=REALWORLD, out=tmx.parent))
    paths = sorted(p for p in tmx.glob("*.tmx") if p.name != "terms.tmx")
    pairs = pairs_of(paths)
    gold = read_gold()
    present = occurring(gold, pairs)
    print(f"DEVELOPMENT data (realworld, {len(paths)} pages, {len(pairs)} aligned pairs); "
          f"{len(gold)} gold pairs, {len(present)} of them in the aligned text")
    start = time.perf_counter()
    ours = extract_tm_terms(pairs, embeddings=not args.no_embeddings)
    seconds = time.perf_counter() - start
    base = extract_tm_terms(pairs, embeddings=False, dictionary=False)
    report("ours (jieba noun phrases + CC-CEDICT + co-occurrence + embeddings)", ours.terms, gold, present, args.verbose)
    report("baseline (co-occurrence alone)", base.terms, gold, present, args.verbose)
    print(f"  speed: {len(pairs)} pairs in {seconds:.1f} s ({len(pairs) / seconds:.0f} pairs/s; "
          f"10,000 pairs at this rate: {10_000 / len(pairs) * seconds:.0f} s)")

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
              f"term pairs found; {len(found.terms)} pairs proposed in all")
        for t in found.terms:
            mark = "ok " if key(t.zh, t.en) in wanted else "   "
            print(f"  {mark}{t.zh} = {t.en} [{t.status.value}, {t.method}]")
        for zh, en in ABSTRACT:
            if key(zh, en) not in got:
                print(f"  missed {zh} = {en}")


if __name__ == "__main__":
    main()
