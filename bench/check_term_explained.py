"""Per-unit lexical explanation: does a term's miss look like a free rendering or a wrong word?

Every miss of a glossary term (the per-term rules off, so each miss is a per-unit finding)
is split by what the target has that no source word explains
(:func:`aligner.check.explain.unexplained`: a content word of the target that is not a
CC-CEDICT sense word of any dictionary word of the source, in its English family, nor the
English of another glossary term of the source, nor a Latin word of the source):

* **paraphrase**: no unexplained content word in the part of the target that stands for
  the term's sentence (:func:`aligner.check.related.sentence_window`): the English words the
  term's meaning with words the source explains, or leaves it out;
* **wrong word**: one or more: a candidate mistranslation (a word unrelated to any sense of
  any source word where the term should be).

Printed per glossary, on the clean TM and on the planted TM (planted term errors only): the
misses of each kind, and, for the policy "list a miss as its own finding only when it is a
wrong word", the clean findings and the plants that get a finding of their own.

    python bench/check_term_explained.py --dir DIR [--glossary FILE] [--planted 20] [--show 20]

``DIR`` is ``bench/check_realworld.py``'s (built once, reused). Without ``--glossary`` the
glossary built from the TM is used (every miss of an extracted entry, confirmed or not).
"""
from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from check_realworld import build
from measure import measured
from shared_data import REALWORLD, require

from aligner.check import TermIndex, check, read_units
from aligner.check.explain import Explainer, Links
from aligner.check.planted import plant
from aligner.formats.glossary_read import read_glossary

MISSES = {"missing-term", "missing-term-unconfirmed", "missing-term-related", "keep-as-is"}


def split(units, index: TermIndex, explainer: Explainer):  # type: ignore[no-untyped-def]
    """(paraphrase misses, wrong-word misses), each a list of (finding, unexplained words)."""
    every = check(units, index, rules=MISSES | {"missing-term-proposed"})
    para, wrong = [], []
    by_unit = {(u.file, u.ref): u for u in units}
    for f in every.findings:
        if f.rule not in MISSES or (f.rule == "keep-as-is" and f.severity.value != "error"):
            continue
        unit = by_unit[(f.file, f.unit)]
        words = explainer.unexplained_near(unit.source, unit.target, f.source_term)
        (wrong if words else para).append((f, words))
    return para, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/aligner-realworld"))
    parser.add_argument("--glossary", type=Path, default=None)
    parser.add_argument("--planted", type=int, default=20)
    parser.add_argument("--links", action="store_true",
                        help="also explain a word by the TM's co-occurrence links")
    parser.add_argument("--show", type=int, default=0, help="wrong-word misses of the clean TM to print")
    args = parser.parse_args()
    require(REALWORLD)
    build(args.dir)
    with measured("check_term_explained", echo=True):
        run(args)


def run(args: argparse.Namespace) -> None:
    tmx = sorted(p for p in (args.dir / "tmx").glob("*.tmx") if p.name != "terms.tmx")
    units = list(read_units(tmx))
    glossary_path = args.glossary or args.dir / "glossary" / "glossary.tbx"
    index = TermIndex(read_glossary(glossary_path))
    explainer = Explainer(index, Links((u.source, u.target) for u in units) if args.links else None)
    para, wrong = split(units, index, explainer)
    by_rule: dict[str, list[int]] = {}
    for kind, found in ((0, para), (1, wrong)):
        for f, _w in found:
            by_rule.setdefault(f.rule, [0, 0])[kind] += 1
    print(f"glossary: {glossary_path}; {len(units)} units")
    print(f"clean TM: {len(para) + len(wrong)} misses: {len(para)} paraphrase, {len(wrong)} wrong word "
          f"({100 * len(wrong) / len(units):.2f} per 100 units)")
    for rule, (p, w) in sorted(by_rule.items()):
        print(f"  {rule:<26} paraphrase {p:>4}  wrong word {w:>4}")
    planted_units, planted = plant(units, index, per_kind=args.planted)
    plants = [p for p in planted if p.rule == "missing-term"]
    if args.links:  # the planted TM's own links
        explainer = Explainer(index, Links((u.source, u.target) for u in planted_units))
    p_para, p_wrong = split(planted_units, index, explainer)
    wrong_keys = {(f.file, f.unit) for f, _w in p_wrong}
    para_keys = {(f.file, f.unit) for f, _w in p_para}
    own = sum(1 for p in plants if any((p.file, r) in wrong_keys for r in p.refs))
    only_para = sum(1 for p in plants if any((p.file, r) in para_keys for r in p.refs)
                    and not any((p.file, r) in wrong_keys for r in p.refs))
    print(f"planted TM: {len(plants)} planted term errors: {own} a wrong word (own finding), "
          f"{only_para} a paraphrase (counted), {len(plants) - own - only_para} neither")
    if args.show:
        ranked = sorted(wrong, key=lambda fw: hashlib.sha1(
            f"{fw[0].file}:{fw[0].line}:{fw[0].source_term}".encode()).hexdigest())
        print(f"\nclean TM, wrong-word misses to judge ({min(args.show, len(ranked))} of {len(ranked)}):")
        for n, (f, words) in enumerate(ranked[:args.show], 1):
            print(f"{n:>2}. [{f.rule}] {Path(f.file).name}:{f.line}: {f.source_term} → "
                  f"{' / '.join(f.expected)}; unexplained: {', '.join(words)}")
            print(f"    source: {' '.join(f.source.split())[:200]}")
            print(f"    target: {' '.join(f.target.split())[:200]}")


if __name__ == "__main__":
    main()
