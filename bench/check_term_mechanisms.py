"""Could ``aligner check`` list a mistranslated term of an extracted glossary entry under the
default rules? Candidate mechanisms measured, none of them built.

Under the default rules a miss of an entry aligner extracted (nobody reviewed it) is listed
only when the TM confirms the entry (``missing-term-unconfirmed``, docs/check.md); the 20
planted term errors of ``bench/check_realworld.py`` are then counted, not listed. This
bench asks each candidate rule "which counted misses would you list?" on two TMs built from
the same units: the clean realworld TM (every miss listed there is a new finding, a false
positive unless a reviewer judges it a real problem) and the same TM with the planted
errors of :mod:`aligner.check.planted` (how many of the planted term errors it lists). The
FP target is < 1 per 100 units with every default rule (the rules on by default already
give 7 FP in about 2,000 units), so a candidate may add at most about 12 false listings.

Candidates (each general: no term, word or site named):

* ``binomial``: the confirmation test at a looser level, with a minimum number of units;
* ``evidence``: an entry whose own extraction evidence is strong (paired in at least N
  aligned pairs with a Dice coefficient of at least D: what ``aligner build`` writes in the
  evidence), alone or with the TM's other units rendering it at least as often as its terms
  overall (leave-one-out share >= p0);
* ``single break``: the TM renders the term in every one of its other units (n >= 4);
* ``no linked word``: the unit's target holds no word the TM links to the term (a word of
  the term's other units, Dice over units >= 0.1): it neither uses the entry's English nor
  any alternative the TM uses for it;
* ``faithful unit``: the unit renders every other glossary term of its source (two or more);
* ``word for word``: 70% or more of the target's content words are a CC-CEDICT sense of a
  word of the source, with one to three words that none accounts for (one of them would
  stand in the term's place);
* the best combination of these for a budget of listings (chosen after the fact, so an upper
  bound, not a rule), and a fixed-hash sample of one candidate's listings to judge.

    python bench/check_term_mechanisms.py --dir DIR [--planted 20] [--judge 20]

``DIR`` is ``bench/check_realworld.py``'s (built once, reused).
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from check_realworld import build
from shared_data import REALWORLD, require

from aligner.check import TermIndex, check, read_units
from aligner.check.planted import plant
from aligner.check.term_usage import lower_tail
from aligner.check.units import Unit
from aligner.formats.glossary_read import read_glossary
from aligner.model import Finding

#: every per-unit glossary rule on, so that the related and proposed misses are seen too (not
#: rendered either); which misses are unconfirmed does not change
RULES = {"missing-term", "keep-as-is", "missing-term-unconfirmed", "missing-term-related",
         "missing-term-proposed", "forbidden-variant"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_HAN = re.compile(r"[\u3400-\u9fff]")
_EVIDENCE = re.compile(r"aligned-[\w-]+: (\d+) of \d+ pairs; Dice ([\d.]+)")
_TOKENIZER = None  # jieba for the word-for-word candidate, made on first use


@dataclass
class Miss:
    """One counted miss and what the candidates read about it."""

    finding: Finding
    k: int  # units of the term rendering it
    n: int  # units of the term
    others: int  # other glossary terms of the unit's source
    others_rendered: int
    linked: bool  # the target has a word the TM links to the term
    covered: float  # share of the target's content words a source word's CC-CEDICT sense accounts for
    unaccounted: int
    pairs: int  # aligned pairs of the entry's extraction evidence
    dice: float


class TM:
    """The counts of one TM that the candidates read."""

    def __init__(self, units: Sequence[Unit], index: TermIndex) -> None:
        from aligner.glossary.from_tm.senses import root
        from aligner.glossary.pair_words import STOP

        self.index, self.root, self.stop = index, root, STOP
        report = check(units, index, rules=RULES)
        self.findings = report.findings
        self.units = {(u.file, u.ref): u for u in units}
        self.n, self.words_of, self.term_words, self.word_units = Counter(), {}, defaultdict(Counter), Counter()
        for unit in units:
            if not unit.target.strip() or not unit.source.strip():
                continue
            words = self.content(unit.target)
            self.words_of[(unit.file, unit.ref)] = words
            self.word_units.update(words)
            for zh in {hit.term.zh for hit in index.find(unit.source)}:
                self.n[zh] += 1
                self.term_words[zh].update(words)
        self.lacking: dict[tuple[str, str], set[str]] = defaultdict(set)
        for f in self.findings:
            self.lacking[(f.file, f.unit)].add(f.source_term)
        missed = Counter(zh for lacking in self.lacking.values() for zh in lacking)
        self.k = {zh: self.n[zh] - missed[zh] for zh in self.n}
        self.p0 = sum(self.k.values()) / max(sum(self.n.values()), 1)
        self.by_zh = {t.zh: t for t in index.terms}

    def content(self, text: str) -> frozenset[str]:
        return frozenset(self.root(w) for w in _WORD.findall(text) if w.lower() not in self.stop and len(w) > 2)

    def misses(self, rule: str = "missing-term-unconfirmed") -> list[Miss]:
        out = []
        for f in self.findings:
            if f.rule != rule:
                continue
            unit = self.units[(f.file, f.unit)]
            zh = f.source_term
            others = {h.term.zh for h in self.index.find(unit.source)} - {zh}
            rendered = others - self.lacking[(f.file, f.unit)]
            words = self.words_of.get((f.file, f.unit), frozenset())
            n_other = self.n[zh] - 1
            linked = any((a := self.term_words[zh][w] - 1) >= 1
                         and 2 * a / (n_other + self.word_units[w] - 1) >= 0.1 for w in words)
            covered, unaccounted = _coverage(unit.source, unit.target, self.stop)
            pairs, dice = 0, 0.0
            for entry in self.by_zh[zh].entries:
                m = _EVIDENCE.match(entry.evidence)
                if m and (int(m.group(1)), float(m.group(2))) > (pairs, dice):
                    pairs, dice = int(m.group(1)), float(m.group(2))
            out.append(Miss(f, self.k[zh], self.n[zh], len(others), len(rendered), linked, covered,
                            unaccounted, pairs, dice))
        return out


def _coverage(source: str, target: str, stop: frozenset[str]) -> tuple[float, int]:
    from aligner.glossary.from_tm.senses import keys, word_roots, zh_pieces
    from aligner.jieba_shared import fresh_tokenizer

    global _TOKENIZER
    if _TOKENIZER is None:
        _TOKENIZER = fresh_tokenizer(alone=True)
    have: set[str] = set()
    for word in _TOKENIZER.cut(source, HMM=False):
        if _HAN.search(word):
            for piece in zh_pieces((word,)):
                have |= piece.roots
            for char in word:
                have |= word_roots(char)
        else:
            for token in _WORD.findall(word):
                have |= keys(token)
    content = [t for t in _WORD.findall(target) if t.lower() not in stop and len(t) > 2]
    unaccounted = sum(1 for t in content if keys(t).isdisjoint(have))
    return (1 - unaccounted / len(content) if content else 0.0), unaccounted


def _loo(m: Miss) -> float:
    """The share of the term's other units that render it."""
    return m.k / (m.n - 1) if m.n > 1 else 0.0


def candidates(p0: float) -> dict[str, Callable[[Miss], bool]]:
    def binomial(alpha: float) -> Callable[[Miss], bool]:
        return lambda m: m.n >= 5 and lower_tail(m.n - m.k, m.n, 1 - p0) < alpha
    return {
        "binomial, level 0.05, n >= 5": binomial(0.05),
        "binomial, level 0.2, n >= 5": binomial(0.2),
        "binomial, level 0.5, n >= 5": binomial(0.5),
        "evidence: >= 5 aligned pairs, Dice >= 0.8": lambda m: m.pairs >= 5 and m.dice >= 0.8,
        "evidence: >= 2 pairs, Dice >= 0.5": lambda m: m.pairs >= 2 and m.dice >= 0.5,
        "evidence >= 5 pairs, Dice >= 0.8, and leave-one-out share >= p0":
            lambda m: m.pairs >= 5 and m.dice >= 0.8 and _loo(m) >= p0,
        "single break: every other unit renders it, n >= 4": lambda m: m.n >= 4 and m.k == m.n - 1,
        "no linked word in the target": lambda m: not m.linked,
        "faithful unit: >= 2 other terms, all rendered": lambda m: m.others >= 2 and m.others_rendered == m.others,
        "word for word: coverage >= 0.7, 1-3 words unaccounted":
            lambda m: m.covered >= 0.7 and 1 <= m.unaccounted <= 3,
    }


def frontier(clean: list[Miss], planted: list[Miss], refs: set[tuple[str, str]], p0: float) -> None:
    """The most planted term errors any combination lists within a budget of clean listings."""
    rows = []
    for (pairs, dice), share, single, faithful, unlinked in itertools.product(
            [(0, 0.0), (2, 0.5), (2, 0.8), (5, 0.8)], [0.0, 0.5, 0.8, 0.9, 1.0], [False, True],
            [0, 1, 2], [False, True]):
        def keep(m: Miss) -> bool:
            return (m.pairs >= pairs and m.dice >= dice and _loo(m) >= share
                    and (not single or m.k == m.n - 1)
                    and (not faithful or (m.others >= faithful and m.others_rendered == m.others))
                    and (not unlinked or not m.linked))
        rows.append((sum(map(keep, clean)), _planted_found(planted, refs, keep),
                     f"pairs>={pairs} Dice>={dice} share>={share} single={single} "
                     f"faithful>={faithful} unlinked={unlinked}"))
    print("\nbest combination for a budget of clean listings (chosen after the fact: an upper bound)")
    for budget in (12, 25, 50, 100, 200, len(clean)):
        found, listed, how = max((p, -c, how) for c, p, how in rows if c <= budget)
        print(f"  <= {budget:>3} listed on the clean TM: {found:>2} of {len(refs)} planted term errors "
              f"listed ({-listed} listed; {how})")


def _planted_found(planted: list[Miss], refs: set[tuple[str, str]], keep: Callable[[Miss], bool]) -> int:
    # a plant the default rules already list (its entry confirmed) is listed whatever the candidate
    return len({(m.finding.file, m.finding.unit) for m in planted
                if m.finding.rule == "missing-term" or keep(m)} & refs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/aligner-realworld"))
    parser.add_argument("--planted", type=int, default=20)
    parser.add_argument("--judge", type=int, default=20, help="listings of the single-break candidate to print")
    args = parser.parse_args()
    require(REALWORLD)
    build(args.dir)
    start, cpu = time.perf_counter(), time.process_time()
    tmx = sorted(p for p in (args.dir / "tmx").glob("*.tmx") if p.name != "terms.tmx")
    index = TermIndex(read_glossary(args.dir / "glossary" / "glossary.tbx"))
    units = list(read_units(tmx))
    planted_units, planted = plant(units, index, per_kind=args.planted)
    refs = {(p.file, p.refs[0]) for p in planted if p.rule == "missing-term"}
    clean_tm, planted_tm = TM(units, index), TM(planted_units, index)
    clean = clean_tm.misses()
    hit = [m for rule in ("missing-term-unconfirmed", "missing-term") for m in planted_tm.misses(rule)
           if (m.finding.file, m.finding.unit) in refs]
    listed = {(m.finding.file, m.finding.unit) for m in hit if m.finding.rule == "missing-term"}
    print(f"clean TM: {len(units)} units, {len(index)} terms, {len(clean)} misses counted "
          f"(p0 {clean_tm.p0:.0%}); planted TM: {len(refs)} planted term errors, "
          f"{len({(m.finding.file, m.finding.unit) for m in hit} - listed)} of them counted as "
          f"missing-term-unconfirmed, {len(listed)} listed (p0 {planted_tm.p0:.0%})")
    print(f"\n{'candidate':<72} {'clean listed':>12} {'per 100':>8} {'planted listed':>15}")
    for name, keep in candidates(clean_tm.p0).items():
        listed = sum(map(keep, clean))
        planted_keep = candidates(planted_tm.p0)[name]
        print(f"{name:<72} {listed:>12} {100 * listed / len(units):>8.2f} "
              f"{_planted_found(hit, refs, planted_keep):>10} / {len(refs)}")
    frontier(clean, hit, refs, clean_tm.p0)
    single = candidates(clean_tm.p0)["single break: every other unit renders it, n >= 4"]
    chosen = sorted((m for m in clean if single(m)), key=lambda m: hashlib.sha1(
        f"{m.finding.file}:{m.finding.line}:{m.finding.source_term}".encode()).hexdigest())
    print(f"\nsingle break: {min(args.judge, len(chosen))} of its {len(chosen)} clean listings to judge:")
    for number, m in enumerate(chosen[:args.judge], 1):
        f = m.finding
        print(f"{number:>2}. {Path(f.file).stem}:{f.line}: {f.source_term} → {' / '.join(f.expected)} "
              f"({m.k} of {m.n})")
        print(f"    source: {' '.join(f.source.split())[:240]}")
        print(f"    target: {' '.join(f.target.split())[:240]}")
    print(f"\n{time.perf_counter() - start:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")


if __name__ == "__main__":
    main()
