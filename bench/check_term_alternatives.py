"""Against a third-party termbase: can the TM's own alternatives tell a mistranslated term
from a free rendering? Candidate mechanisms measured, none of them built.

A termbase without evidence (another tool's, a translator's) prescribes its English; the TM's
English words many terms freely. ``term-varies`` lists a term the TM words otherwise in two
units or more as one finding: its units (a planted wrong word among them) are not findings
of their own, so a scorer that reads only each finding's own unit misses them. This bench
asks whether each miss can be split into

* **explained**: the target has an *established alternative* of the term, a content word
  (family stem) that recurs in two or more of the term's units without its English and is
  specific to the term (at least half of the units that have the word and lack some term's
  English lack this one: ``--specific misses``; or at least half of all the TM's units with
  the word have the term in their source: ``--specific all``), so a reviewer would accept it
  or review it once at glossary level; and
* **outlier**: no established alternative (a CC-CEDICT sense of the term and a word-family
  form are already accepted by the check itself), worth a finding of its own,

and what each listing policy would cost on the clean TM and find of the planted term errors:

* ``today``: the rules on by default (per-term ``term-varies``/``term-rarely-used``, single
  misses per unit);
* ``outliers``: every outlier a per-unit finding, explained misses only counted;
* ``outliers <= T``: a term with at most T outliers lists them per unit, one with more gets
  one per-term finding of its outliers; explained misses only counted;
* ``outliers with a wrong word``: an outlier listed per unit only when its target also has a
  content word no source word explains near the term (:mod:`aligner.check.explain`, by
  CC-CEDICT senses alone or with the TM's co-occurrence links): the lexical test of
  ``bench/check_term_explained.py`` on top of the outlier split.

For the planted TM (:mod:`aligner.check.planted`, the planted term errors only) it prints how
many plants get a finding naming their own unit, how many are only inside a per-term
finding's list, and how many are not listed at all (explained: counted).

    python bench/check_term_alternatives.py --dir DIR --glossary FILE.csv [--planted 20]

``DIR`` is ``bench/check_realworld.py``'s (built once, reused).
"""
from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from check_realworld import GLOSSARY_RULES, build
from shared_data import REALWORLD, require

from aligner.check import TermIndex, check, read_units
from aligner.check.derivation import family_stem
from aligner.check.explain import Explainer, Links
from aligner.check.planted import found_how, plant
from aligner.check.units import Unit
from aligner.formats.glossary_read import read_glossary
from aligner.glossary.pair_words import STOP
from aligner.model import Finding

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
Key = tuple[str, str]


def content(text: str) -> frozenset[str]:
    return frozenset(family_stem(w) for w in _WORD.findall(text)
                     if len(w) > 2 and w.lower() not in STOP)


class Split:
    """Each per-unit miss of one check (every miss listed: the per-term rules off), split
    into explained and outliers."""

    def __init__(self, units: Sequence[Unit], index: TermIndex, specific: str) -> None:
        rules = {"missing-term", "keep-as-is", "forbidden-variant"}
        self.misses = [f for f in check(units, index, rules=rules).findings
                       if f.rule == "missing-term"]
        words = {(f.file, f.unit): content(f.target) for f in self.misses}
        by_term: dict[str, list[Finding]] = defaultdict(list)
        for f in self.misses:
            by_term[f.source_term].append(f)
        # the units each word is in: among the misses, or among every unit of the TM
        in_units: dict[str, set[Key]] = defaultdict(set)
        term_units: dict[str, set[Key]] = defaultdict(set)
        if specific == "misses":
            for key, ws in words.items():
                for w in ws:
                    in_units[w].add(key)
            for zh, fs in by_term.items():
                term_units[zh] = {(f.file, f.unit) for f in fs}
        else:
            for unit in units:
                key = (unit.file, unit.ref)
                for w in content(unit.target):
                    in_units[w].add(key)
                for hit in index.find(unit.source):
                    term_units[hit.term.zh].add(key)
        self.outliers: list[Finding] = []
        self.explained: list[Finding] = []
        for zh, fs in by_term.items():
            keys = {(f.file, f.unit) for f in fs}
            recur = Counter(w for k in keys for w in words[k])
            established = {w for w, c in recur.items() if c >= 2
                           and len(in_units[w] & term_units[zh]) * 2 >= len(in_units[w])}
            for f in fs:
                (self.explained if words[(f.file, f.unit)] & established else self.outliers).append(f)

    def policy(self, limit: int | None) -> tuple[list[Key], list[Key]]:
        """(units with a finding of their own, units listed only inside a per-term finding)
        under ``outliers <= limit`` (None: every outlier per unit)."""
        total = Counter(f.source_term for f in self.misses)
        by_term: dict[str, list[Key]] = defaultdict(list)
        for f in self.outliers:
            by_term[f.source_term].append((f.file, f.unit))
        own: list[Key] = []
        listed: list[Key] = []
        for zh, keys in by_term.items():
            if limit is None or total[zh] == 1 or len(keys) <= limit:
                own.extend(keys)
            else:
                listed.append(keys[0])  # the per-term finding, named at its first unit
                listed.extend(keys[1:])
        return own, listed

    def wrong_word(self, units: Sequence[Unit], index: TermIndex, links: bool) -> list[Key]:
        """The outliers whose target has an unexplained content word near the term."""
        explainer = Explainer(index, Links((u.source, u.target) for u in units) if links else None)
        by_unit = {(u.file, u.ref): u for u in units}
        out = []
        for f in self.outliers:
            unit = by_unit[(f.file, f.unit)]
            if explainer.unexplained_near(unit.source, unit.target, f.source_term):
                out.append((f.file, f.unit))
        return out

    def findings(self, limit: int | None) -> int:
        total = Counter(f.source_term for f in self.misses)
        per_term = Counter(f.source_term for f in self.outliers)
        if limit is None:
            return len(self.outliers)
        return sum(n if total[zh] == 1 or n <= limit else 1 for zh, n in per_term.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/aligner-realworld"))
    parser.add_argument("--glossary", type=Path, default=None,
                        help="the third-party termbase (CSV/TBX without evidence); required")
    parser.add_argument("--planted", type=int, default=20)
    args = parser.parse_args()
    require(REALWORLD)
    if args.glossary is None:
        parser.error("--glossary FILE is required")
    build(args.dir)
    start, cpu = time.perf_counter(), time.process_time()
    tmx = sorted(p for p in (args.dir / "tmx").glob("*.tmx") if p.name != "terms.tmx")
    units = list(read_units(tmx))
    index = TermIndex(read_glossary(args.glossary))
    planted_units, planted = plant(units, index, per_kind=args.planted)
    plants = [p for p in planted if p.rule == "missing-term"]
    plant_keys = [{(p.file, r) for r in p.refs} for p in plants]

    today = check(units, index)
    today_terms = [f for f in today.findings if f.rule in GLOSSARY_RULES]
    hows = [h for p, h in zip(planted, found_how(planted, check(planted_units, index).findings))
            if p.rule == "missing-term"]
    own_count, in_list_today = hows.count("unit"), hows.count("term")
    print(f"glossary: {args.glossary}; {len(units)} units, {len(plants)} planted term errors")
    print(f"{'policy':<34} {'clean: glossary findings':>24} {'per 100':>8} "
          f"{'plants: own unit':>17} {'in a list':>10} {'not listed':>11}")
    print(f"{'today (rules on by default)':<34} {len(today_terms):>24} "
          f"{100 * len(today_terms) / len(units):>8.2f} {own_count:>17} {in_list_today:>10} "
          f"{len(plants) - own_count - in_list_today:>11}")
    for specific in ("misses", "all"):
        clean = Split(units, index, specific)
        dirty = Split(planted_units, index, specific)
        print(f"specific among {specific}: clean misses {len(clean.misses)}: "
              f"{len(clean.explained)} explained, {len(clean.outliers)} outliers; "
              f"planted TM: {len(dirty.misses)} misses, {len(dirty.outliers)} outliers")
        for limit in (None, 0, 1, 2):
            own, listed = dirty.policy(limit)
            own_n = sum(1 for keys in plant_keys if keys & set(own))
            list_n = sum(1 for keys in plant_keys if keys & set(listed)) - sum(
                1 for keys in plant_keys if keys & set(own) and keys & set(listed))
            name = "outliers" if limit is None else f"outliers <= {limit}"
            found = clean.findings(limit)
            print(f"{'  ' + name + ' (' + specific + ')':<34} {found:>24} "
                  f"{100 * found / len(units):>8.2f} {own_n:>17} {list_n:>10} "
                  f"{len(plants) - own_n - list_n:>11}")
        for links in (False, True):
            found = len(clean.wrong_word(units, index, links))
            own_keys = set(dirty.wrong_word(planted_units, index, links))
            own_n = sum(1 for keys in plant_keys if keys & own_keys)
            name = f"outliers with a wrong word{' (+links)' if links else ''}"
            print(f"{'  ' + name:<34} {found:>24} {100 * found / len(units):>8.2f} {own_n:>17} "
                  f"{0:>10} {len(plants) - own_n:>11}")
    print(f"{time.perf_counter() - start:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")


if __name__ == "__main__":
    main()
