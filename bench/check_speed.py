"""Speed and memory of ``aligner check`` against a 10,000-term glossary.

Builds a synthetic zh→en case (deterministic: seeded), then times

1. compiling the glossary (automaton + jieba user dictionary),
2. ``check`` on 100,000 in-memory units (what ``aligner build`` does with its own TMX), with
   the glossary rules, then with every rule on (the issue's target: within 1.5x),
3. the whole command path on a generated TMX file of 10,000, 100,000 and 1,000,000 TUs
   (with ``--jobs`` above 1 each worker process parses its own byte range of the TMX,
   ``aligner/check/fanout.py``; the workers' CPU counts and the peak is the largest process's), each size in a fresh process so one peak RSS does not
   hide another's, with the memory of each stage (the glossary alone, the check, the text
   and the JSON report, each stage's own peak RSS and the RSS after it); ``--no-file``
   skips it, ``--files-only`` does only this.

Baseline in the same run: naive substring matching (one ``in`` test per term per segment,
OmegaT's CJK path) on the first 1,000 units, extrapolated. Target: under 30 s for 2.
Every figure comes with wall, CPU, peak RSS and load (``bench/measure.py``).

    python bench/check_speed.py [--units 100000] [--terms 10000] [--files 10000 100000 1000000] [--no-file | --files-only] [--repeat 2] [--jobs N]
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from aligner.check import TermIndex, all_rules, check_translation_units, run_check
from aligner.check.rules import TERM_RULES
from aligner.formats.glossary_files import write_csv
from aligner.model import TermEntry, TranslationUnit
from aligner.runner.base import default_jobs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import measured, peak_mb, reset_peak, rss_mb  # noqa: E402

_SYLLABLES = "数据模型学习智能网络系统算法语言结构分析理论技术方法计算信息资源管理平台工具框架"
_FILLER = ["我们认为", "在这个问题上", "研究表明", "因此", "同时", "可以看到", "进一步说",
           "从历史上看", "总的来说", "值得注意的是"]
_EN_WORDS = ["network", "signal", "theory", "frame", "method", "index", "vector", "graph",
             "kernel", "token", "layer", "tensor", "policy", "reward", "agent", "field"]


def _code(n: int) -> str:
    """0 → "qa", 1 → "qb", … : a distinct letter code for each entry."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = chr(ord("a") + digit) + letters
        if not n:
            return "q" + letters


def make_glossary(n: int, rng: random.Random) -> list[TermEntry]:
    """``n`` distinct Chinese terms of 2–6 characters with distinct English forms."""
    entries: dict[str, TermEntry] = {}
    while len(entries) < n:
        size = rng.randint(2, 6)
        zh = "".join(rng.choice(_SYLLABLES) for _ in range(size))
        if zh in entries:
            continue
        # a letter code keeps the English forms distinct; a digit would be a number the
        # Chinese lacks in every unit (number-added), which no real glossary does
        en = " ".join(rng.choice(_EN_WORDS) for _ in range(rng.randint(1, 3))) + f" {_code(len(entries))}"
        entries[zh] = TermEntry(zh=zh, en=en)
    return list(entries.values())


def make_units(n: int, glossary: list[TermEntry], rng: random.Random) -> list[TranslationUnit]:
    """Sentences of ~40 characters with 0–3 terms; one in four targets misses a term."""
    return list(iter_units(n, glossary, rng))


def iter_units(n: int, glossary: list[TermEntry], rng: random.Random) -> Iterator[TranslationUnit]:
    """:func:`make_units` one at a time, so a 1,000,000-TU file is written without a list."""
    for i in range(n):
        terms = rng.sample(glossary, rng.randint(0, 3))
        zh = rng.choice(_FILLER) + "，".join(t.zh + rng.choice(_FILLER) for t in terms) + f"第{i}句。"
        en_terms = [t.en for t in terms if rng.random() > 0.25]
        en = " ".join(filter(None, [f"Sentence {i} says that", ", ".join(en_terms), "matter."]))
        yield TranslationUnit(source=zh, target=en, doc="synthetic")


def naive_seconds(units: list[TranslationUnit], glossary: list[TermEntry]) -> float:
    start = time.perf_counter()
    for unit in units:
        for entry in glossary:
            if entry.zh in unit.source:
                _ = entry.en.lower() in unit.target.lower()
    return time.perf_counter() - start


def file_case(n: int, terms: int, jobs: int) -> None:
    """Write an ``n``-TU TMX and a glossary CSV, then check them stage by stage (this process):
    each stage's own peak RSS (the high-water mark is reset before it) and the RSS after it;
    the glossary alone last, as the growth of RSS it causes."""
    from aligner.check import TermIndex
    from aligner.formats.glossary_read import read_glossary_file
    from aligner.formats.tmx import write_tmx

    rng = random.Random(7)
    glossary = make_glossary(terms, rng)
    with tempfile.TemporaryDirectory() as tmp:
        tmx, gloss = Path(tmp) / "bench.tmx", Path(tmp) / "glossary.csv"
        with measured(f"{n:>9,} TUs: writing the TMX") as write:
            write_tmx(iter_units(n, glossary, rng), tmx)
            write_csv(glossary, gloss)
        del glossary
        print(write.line(), flush=True)
        size = tmx.stat().st_size / 2**20
        reset_peak()
        with measured(f"{n:>9,} TUs: run_check on the {size:.0f} MB TMX + {terms:,}-term CSV, "
                      f"--jobs {jobs}") as span:
            report = run_check([tmx], gloss, jobs=jobs)
        where = "in a temporary file" if report.findings.spilled else "in memory"
        print(f"{span.line()}; RSS after it {rss_mb():.0f} MB; {len(report.findings):,} findings ({where})",
              flush=True)
        for name, pieces in (("text report", report.iter_text), ("JSON report", report.iter_json)):
            reset_peak()
            with measured(f"{n:>9,} TUs: {name}") as span:
                written = sum(len(piece) for piece in pieces())
            print(f"{span.line()}; RSS after it {rss_mb():.0f} MB; {written / 2**20:.0f} MB of text", flush=True)
        del report
        before = rss_mb()  # last: a glossary built and freed first would stay in the check's peak
        with measured(f"{n:>9,} TUs: the glossary alone (read + term index + jieba words)") as span:
            index = TermIndex(read_glossary_file(gloss).entries)
            _ = index.tokenizer
        print(f"{span.line()}; RSS {before:.0f} -> {rss_mb():.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000, help="units of the in-memory check")
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--files", type=int, nargs="*", default=[10_000, 100_000, 1_000_000],
                        help="TU counts of the TMX files checked")
    parser.add_argument("--no-file", action="store_true", help="skip the TMX file path")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each for the rule ratio")
    parser.add_argument("--files-only", action="store_true", help="only the TMX file path")
    parser.add_argument("--jobs", type=int, default=default_jobs(),
                        help="worker processes of the file checks (default: the cores)")
    parser.add_argument("--file-case", type=int, help=argparse.SUPPRESS)  # one file size, in a child
    args = parser.parse_args()
    if args.file_case:
        file_case(args.file_case, args.terms, args.jobs)
        return
    child = ["--terms", str(args.terms), "--jobs", str(args.jobs)]
    if args.files_only:
        for n in args.files:
            subprocess.run([sys.executable, __file__, "--file-case", str(n), *child], check=True)
        return
    rng = random.Random(7)
    glossary = make_glossary(args.terms, rng)
    units = make_units(args.units, glossary, rng)
    print(f"case: {len(units):,} units, {len(glossary):,} glossary terms", flush=True)

    rss_before = peak_mb()[0]
    with measured("compile glossary") as compiled:
        index = TermIndex(glossary)
        _ = index.tokenizer  # jieba dictionary + user words
    with measured(f"check in memory ({len(units):,} units)") as checked:
        report = check_translation_units(units, index, rules=TERM_RULES)
    total = compiled.wall + checked.wall
    print(compiled.line())
    print(f"{checked.line()}; {report.term_hits:,} term hits, {len(report.findings):,} findings; "
          f"+{checked.peak_mb - rss_before:.0f} MB of peak RSS for the units and the check", flush=True)

    # the ratio in CPU seconds (this machine's wall clock is shared), both with a warm index,
    # alternating --repeat times and keeping each one's quickest run, so neither pays a warm-up
    every = {r.id for r in all_rules()}
    timed: dict[str, list[float]] = {"glossary rules": [], "every rule": []}
    reports = {}
    for _round in range(args.repeat):
        for name, rules in (("glossary rules", TERM_RULES), ("every rule", every)):
            cpu_start = time.process_time()
            reports[name] = check_translation_units(units, index, rules=rules)
            timed[name].append(time.process_time() - cpu_start)
    terms_cpu, all_cpu = min(timed["glossary rules"]), min(timed["every rule"])
    all_report = reports["every rule"]
    print(f"check with every rule on: {all_cpu:.1f} s CPU against {terms_cpu:.1f} s CPU for the "
          f"glossary rules alone (quickest of {args.repeat}): ratio {all_cpu / terms_cpu:.2f}x "
          f"(target: within 1.5x); {len(all_report.findings):,} findings "
          f"{dict(sorted(all_report.by_rule().items()))}", flush=True)

    sample = units[:1000]
    naive = naive_seconds(sample, glossary) * len(units) / len(sample)
    print(f"baseline (substring loop over terms per segment, extrapolated): {naive:.0f} s")
    target = 30.0
    print(f"target: glossary + check under {target:.0f} s -> {'met' if total < target else 'NOT met'} ({total:.1f} s)")

    if not args.no_file:
        for n in args.files:
            subprocess.run([sys.executable, __file__, "--file-case", str(n), *child], check=True)
    sys.exit(0 if total < target else 1)


if __name__ == "__main__":
    main()
