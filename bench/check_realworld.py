"""``aligner check`` on a real bilingual file: the aligned TMX of ../shared/realworld.

Builds the realworld corpus once (``aligner build --corpus …/realworld/corpus --out DIR``;
an existing DIR with ``tmx/`` and ``glossary/glossary.tbx`` is reused), then checks every
document TMX of it against the glossary built from it, with the rules on by default (what
a user sees), and prints

* units, findings per rule, findings per 100 units and the occurrences accepted by
  derivation;
* the baseline in the same run: a substring matcher for the term rule (the source contains
  a glossary form, the target lacks every allowed English form, compared case-insensitively:
  what a naive QA tool does), against our ``missing-term``;
* a deterministic sample of findings (``--sample N``, spread over the rules) with source and
  target, for judging by hand, and one of the glossary rules' findings alone
  (``--glossary-sample N``). The judged sample is in the README (places and verdicts
  only: the development text stays out of the project);
* planted errors (:mod:`aligner.check.planted`: ``--planted N`` of each kind) in the same
  units: how many of each kind are found with their rule id;
* the same on MAC-Dev's gold sentence pairs (``../shared/mac-dev``: the gold beads joined,
  written as a TMX by aligner's writer, read back): findings per 100 units with every rule
  but the glossary rules (no glossary fits literary text), every finding of the rules other
  than the glossary rules printed for judging (``--macdev-sample``), and the planted errors.

With ``--glossary PATH`` (a CSV or TBX without evidence: another tool's or a site's published
termbase) the same TM is checked against that glossary instead of the one built from it, and
the errors are planted against it: the false positives a third-party termbase gives on a
clean TM, and whether every planted term error is still found. ``--no-macdev`` skips MAC-Dev.

    python bench/check_realworld.py [--dir /tmp/aligner-realworld] [--sample 30] [--planted 20]
    python bench/check_realworld.py --glossary termbase.csv --no-macdev
"""
from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from shared_data import MAC_DEV, REALWORLD, require

from aligner.check import TermIndex, Unit, all_rules, check, read_units, run_check
from aligner.check.planted import found_how, plant
from aligner.check.rules import TERM_RULES
from aligner.check.terms import has_han
from aligner.formats.glossary_read import read_glossary
from aligner.formats.tmx import write_tmx
from aligner.model import TermStatus, TranslationUnit

GLOSSARY_RULES = TERM_RULES - {"inconsistent-target"}


def build(out: Path) -> None:
    if (out / "glossary" / "glossary.tbx").exists() and any((out / "tmx").glob("*.tmx")):
        return
    print(f"building {out} (once) …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "aligner", "build", "--corpus", str(REALWORLD),
                    "--out", str(out), "--quiet"], check=False)
    if not (out / "glossary" / "glossary.tbx").exists():
        raise SystemExit(f"check_realworld: aligner build wrote no glossary under {out}")


def substring_baseline(pairs: list[tuple[str, str]], glossary: list) -> int:
    """Term findings of a naive matcher: a Chinese form is a substring of the source and no
    allowed English form is a case-insensitive substring of the target."""
    forms: dict[str, set[str]] = {}
    for entry in glossary:
        english = {entry.en.lower(), *(v.lower() for v in entry.variants if not has_han(v))}
        for zh in (entry.zh, *(v for v in entry.variants if has_han(v))):
            forms.setdefault(zh, set()).update(english)
    found = 0
    for source, target in pairs:
        lower = target.lower()
        found += sum(1 for zh, en in forms.items() if zh in source and not any(e in lower for e in en))
    return found


def rule_table(findings: list, units: int, title: str) -> None:  # type: ignore[type-arg]
    """Findings per rule and per 100 units, with the rules other than the glossary rules summed."""
    by_rule = Counter(f.rule for f in findings)
    print(f"{title}\n{'rule':<24} {'severity':<8} findings  per 100 units")
    for rule in all_rules():
        n = by_rule.get(rule.id, 0)
        print(f"{rule.id:<24} {rule.severity.value:<8} {n:>8}  {100 * n / max(units, 1):>6.2f}")
    other = sum(n for rule, n in by_rule.items() if rule not in GLOSSARY_RULES)
    print(f"{'all but the glossary rules':<33} {other:>8}  {100 * other / max(units, 1):>6.2f}")
    terms = sum(n for rule, n in by_rule.items() if rule in GLOSSARY_RULES)
    print(f"{'the glossary rules':<33} {terms:>8}  {100 * terms / max(units, 1):>6.2f}")


def planted_case(units: list[Unit], index: TermIndex | None, per_kind: int, title: str) -> None:
    """Plant ``per_kind`` errors of every kind, check with every rule, count what is found."""
    every = {r.id for r in all_rules()}
    planted_units, planted = plant(units, index, per_kind=per_kind)
    report = check(planted_units, index if index is not None else [], rules=every)
    hows = found_how(planted, report.findings)
    by_kind: dict[str, list[str | None]] = {}
    for p, how in zip(planted, hows):
        by_kind.setdefault(f"{p.kind} ({p.rule})", []).append(how)
    print(f"{title}: {sum(h is not None for h in hows)} of {len(planted)} planted errors found "
          f"with their rule ({sum(h == 'term' for h in hows)} of them listed by a per-term finding (term-rarely-used or term-varies), "
          f"{sum(h == 'unconfirmed' for h in hows)} by missing-term-unconfirmed: an extracted "
          "entry the TM does not confirm, counted and not listed with the default rules; "
          f"{sum(h == 'partial' for h in hows)} inside a partial-unit finding of their unit)")
    for kind, found in by_kind.items():
        listed = sum(h == "term" for h in found)
        hidden = sum(h == "unconfirmed" for h in found)
        print(f"  {kind:<58} {sum(h is not None for h in found):>3} / {len(found)}"
              + (f" ({listed} listed by a per-term finding)" if listed else "")
              + (f" ({hidden} by missing-term-unconfirmed)" if hidden else ""))
    # the same planted TM with the rules on by default: which planted errors a user sees listed
    default = check(planted_units, index if index is not None else [])
    shown = found_how(planted, default.findings)
    print(f"  with the rules on by default: {sum(h is not None for h in shown)} of {len(planted)} "
          f"listed (untranslated is off by default); {default.unconfirmed_hidden} misses of "
          "unconfirmed extracted entries counted")
    terms = [(p, how) for p, how in zip(planted, hows) if p.rule == "missing-term"]
    if not terms or index is None:
        return
    by_unit = {(f.file, f.unit): f for f in report.findings if f.rule == "missing-term-unconfirmed"}
    for p, how in terms:
        f = by_unit.get((p.file, p.refs[0]))
        if f is not None:
            print(f"    planted term {f.source_term} ({Path(p.file).name}:{p.lines[0]}): "
                  f"{f.message.split('this TM ')[-1]}")
    # the same entries reviewed (a person accepted them): every planted term error is listed
    reviewed = TermIndex([replace(e, status=TermStatus.REVIEWED) if e.status is not TermStatus.PROPOSED
                          else e for t in index.terms for e in t.entries])
    listed = found_how(planted, check(planted_units, reviewed).findings)
    print(f"  the same glossary with its entries reviewed, rules on by default: "
          f"{sum(h == 'unit' for p, h in zip(planted, listed) if p.rule == 'missing-term')} of "
          f"{len(terms)} planted term errors listed as missing-term")


def print_others(findings: list, limit: int, title: str) -> None:  # type: ignore[type-arg]
    """The findings of the rules other than the glossary rules, in file order, to judge."""
    others = [f for f in findings if f.rule not in GLOSSARY_RULES]
    print(f"\n{title}: findings of the rules other than the glossary rules, to judge "
          f"({min(len(others), limit)} of {len(others)}):")
    for number, f in enumerate(others[:limit], 1):
        print(f"{number:>2}. [{f.rule}] {f.file.rsplit('/', 1)[-1]}:{f.line}: {f.message}")
        print(f"    source: {' '.join(f.source.split())[:200]}")
        print(f"    target: {' '.join(f.target.split())[:200]}")


def macdev_units(out: Path) -> list[Unit]:
    """MAC-Dev's gold beads as sentence pairs, written as a TMX by aligner and read back."""
    import re

    pairs = []
    for gold in sorted((MAC_DEV / "gold").glob("*.align")):
        zh = (MAC_DEV / f"{gold.stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (MAC_DEV / f"{gold.stem}.en").read_text(encoding="utf-8").splitlines()
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, right = (re.findall(r"\d+", side) for side in line.split(":"))
            if left and right:
                pairs.append(TranslationUnit(source="".join(zh[int(i)] for i in left),
                                             target=" ".join(en[int(i)] for i in right),
                                             doc=f"mac-dev-{gold.stem}"))
    tmx = out / "mac-dev-gold.tmx"
    write_tmx(pairs, tmx)
    return list(read_units([tmx]))


def macdev(args: argparse.Namespace) -> None:
    require(MAC_DEV)
    every = {r.id for r in all_rules()}
    units = macdev_units(args.dir)
    report = check(units, [], rules=every)
    rule_table(report.findings, len(units), f"\nMAC-Dev gold pairs: {len(units)} units (no glossary)")
    print_others(report.findings, args.macdev_sample, "MAC-Dev")
    planted_case(units, None, args.planted, "\nMAC-Dev planted errors (no glossary: no term kind)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/aligner-realworld"))
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--planted", type=int, default=20, help="errors planted of each kind")
    parser.add_argument("--macdev-sample", type=int, default=40)
    parser.add_argument("--glossary-sample", type=int, default=40,
                        help="findings of the glossary rules alone to print for judging")
    parser.add_argument("--unconfirmed-sample", type=int, default=0,
                        help="misses of extracted entries the TM does not confirm (counted by "
                             "default) to print for judging")
    parser.add_argument("--glossary", type=Path, default=None,
                        help="check (and plant) against this glossary (CSV/TBX, e.g. a third-party "
                             "termbase) instead of the one built from the corpus")
    parser.add_argument("--no-macdev", action="store_true", help="skip the MAC-Dev part")
    args = parser.parse_args()
    require(REALWORLD)
    build(args.dir)
    tmx = sorted(p for p in (args.dir / "tmx").glob("*.tmx") if p.name != "terms.tmx")
    glossary_path = args.glossary or args.dir / "glossary" / "glossary.tbx"
    print(f"glossary: {glossary_path}")
    # the rules on by default: what a user sees (the planted errors are checked with every rule)
    start = time.perf_counter()
    report = run_check(tmx, glossary_path)
    seconds = time.perf_counter() - start
    pairs = [(u.source, u.target) for u in read_units(tmx) if u.target.strip()]
    glossary = read_glossary(glossary_path)
    units = report.units
    print(f"realworld: {units} units in {len(tmx)} TMX files, {report.glossary_terms} glossary "
          f"terms; {len(report.findings)} findings ({100 * len(report.findings) / max(units, 1):.1f} "
          f"per 100 units), {len(report.accepted)} accepted by derivation; {seconds:.1f} s; "
          f"not listed (their rules are off by default): {report.proposed_hidden} missing terms of "
          f"proposed entries, {report.related_hidden} of extracted entries rendered by a related form, "
          f"{report.unconfirmed_hidden} of extracted entries the TM does not confirm")
    by_rule = Counter(f.rule for f in report.findings)
    rule_table(report.findings, units, "\nrules on by default:")
    folded = [f for f in report.findings if f.rule == "term-rarely-used"]
    print(f"term-rarely-used: {len(folded)} terms stand for "
          f"{sum(len(at) for f in folded for _l, at in f.variants)} per-unit findings")
    naive = substring_baseline(pairs, glossary)
    print(f"term rule baseline (substring matcher): {naive} findings; ours: "
          f"{by_rule.get('missing-term', 0)} missing-term + {len(report.accepted)} accepted")
    # a sample spread over the rules, in a fixed order that does not depend on the run
    ranked = sorted(report.findings, key=lambda f: hashlib.sha1(
        f"{f.file}:{f.line}:{f.rule}:{f.source_term}".encode()).hexdigest())
    per_rule: dict[str, list] = {}
    for finding in ranked:
        per_rule.setdefault(finding.rule, []).append(finding)
    sample = []
    while len(sample) < args.sample and any(per_rule.values()):
        for rule in [r.id for r in all_rules()]:
            if per_rule.get(rule) and len(sample) < args.sample:
                sample.append(per_rule[rule].pop(0))
    print(f"\nsample of {len(sample)} findings to judge:")
    for number, f in enumerate(sample, 1):
        print(f"{number:>2}. [{f.rule}] {Path(f.file).name}:{f.line}: {f.message}")
        print(f"    source: {' '.join(f.source.split())[:200]}")
        print(f"    target: {' '.join(f.target.split())[:200]}")
    glossary_sample = [f for f in ranked if f.rule in GLOSSARY_RULES][:args.glossary_sample]
    print(f"\nglossary rules: {len(glossary_sample)} of their "
          f"{sum(1 for f in report.findings if f.rule in GLOSSARY_RULES)} findings to judge:")
    for number, f in enumerate(glossary_sample, 1):
        print(f"{number:>2}. [{f.rule}] {Path(f.file).name}:{f.line}: {f.message}")
        print(f"    source: {' '.join(f.source.split())[:200]}")
        print(f"    target: {' '.join(f.target.split())[:200]}")
    if args.unconfirmed_sample:  # what the default rules count and do not list, to judge
        every = run_check(tmx, glossary_path, rules=set(report.rules) | {"missing-term-unconfirmed"})
        counted = sorted((f for f in every.findings if f.rule == "missing-term-unconfirmed"),
                         key=lambda f: hashlib.sha1(f"{f.file}:{f.line}:{f.rule}:{f.source_term}"
                                                    .encode()).hexdigest())
        print(f"\nmissing-term-unconfirmed (counted by default): {min(len(counted), args.unconfirmed_sample)} "
              f"of {len(counted)} to judge:")
        for number, f in enumerate(counted[:args.unconfirmed_sample], 1):
            print(f"{number:>2}. {Path(f.file).name}:{f.line}: {f.message}")
            print(f"    source: {' '.join(f.source.split())[:200]}")
            print(f"    target: {' '.join(f.target.split())[:200]}")
    print_others(report.findings, args.macdev_sample, "realworld")
    planted_case([u for u in read_units(tmx)], TermIndex(glossary), args.planted,
                 "\nrealworld planted errors")
    if not args.no_macdev:
        macdev(args)


if __name__ == "__main__":
    main()
