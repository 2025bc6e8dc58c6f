"""``term-varies`` (aligner/check/term_usage.py): a third-party glossary's term that the TM
words otherwise in two units or more gets one finding listing them.

``tests/data/check/term_varies/tm.po`` (``.tmx``/``.xlf`` written from it by po2tmx and
po2xliff) against ``glossary.csv``: 缓存 and 内存 come without evidence (another tool's
termbase), 磁盘 is reviewed. ``varies-*`` units are the two that word 缓存 otherwise (one
``term-varies`` finding); ``bad-*`` units each get their own ``missing-term``: the only miss
of 内存, a term the TM renders in every other unit, and both misses of the reviewed 磁盘.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.check import check, read_units, run_check, select_rules
from aligner.cli import cli
from aligner.formats.glossary_read import read_glossary
from aligner.model import TermEntry, TermStatus

from tests.check_helpers import assert_golden, po_contexts

DATA = Path(__file__).parent / "data" / "check" / "term_varies"
GLOSSARY = DATA / "glossary.csv"
TERMS = select_rules(["terms"])




@pytest.mark.parametrize("suffix", ["po", "tmx", "xlf"])
def test_fixtures_per_format(suffix: str) -> None:
    contexts = po_contexts(DATA)
    report = run_check([DATA / f"tm.{suffix}"], GLOSSARY, rules=TERMS)
    got = sorted((f.rule, contexts[f.source]) for f in report.findings)
    assert got == [("missing-term", "bad-disk-2"), ("missing-term", "bad-disk-3"),
                   ("missing-term", "bad-memory-4"), ("term-varies", "varies-cache-5")]
    varies = next(f for f in report.findings if f.rule == "term-varies")
    assert varies.target == "4 of 6 units"
    lines = [f"{DATA / f'tm.{suffix}'}:{u.line}" for u in read_units([DATA / f"tm.{suffix}"])
             if contexts[u.source].startswith("varies-")]
    assert varies.variants == (("without cache", tuple(lines)),)


def test_skipping_the_rule_lists_every_unit() -> None:
    report = run_check([DATA / "tm.po"], GLOSSARY, rules=TERMS - {"term-varies"})
    assert sum(f.rule == "missing-term" and f.source_term == "缓存" for f in report.findings) == 2
    assert not any(f.rule == "term-varies" for f in report.findings)


def test_an_entry_with_evidence_or_reviewed_is_never_grouped() -> None:
    """The same two misses against an extracted or a reviewed entry are not term-varies."""
    units = list(read_units([DATA / "tm.po"]))
    for entry in (TermEntry("缓存", "cache", evidence="paren"),
                  TermEntry("缓存", "cache", status=TermStatus.REVIEWED)):
        rules = {r for r in TERMS if r != "missing-term-unconfirmed"}
        assert not any(f.rule == "term-varies" for f in check(units, [entry], rules=rules).findings)


def test_two_jobs_equal_one() -> None:
    units = list(read_units([DATA / "tm.xlf"]))
    glossary = read_glossary(GLOSSARY)
    alone = check(units, glossary, rules=TERMS, jobs=1)
    pooled = check(units, glossary, rules=TERMS, jobs=2)
    assert alone.to_json() == pooled.to_json()


def test_golden_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    args = ["check", "tm.po", "-g", "glossary.csv"]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 1, text.output
    assert_golden(DATA / "golden" / "tm.txt", text.stdout)
    parsed = json.loads(CliRunner().invoke(cli, [*args, "--json"]).stdout)
    finding = next(f for f in parsed["findings"] if f["rule"] == "term-varies")
    assert finding["units"] == ["tm.po:22", "tm.po:26"]
    assert_golden(DATA / "golden" / "tm.json",
                  json.dumps(parsed, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def test_the_tms_own_rendering_is_named() -> None:
    """A word in three (and half) of the units without the English, and in no other term's,
    is named in the message and listed as a variant with its units; a word shared with
    another term's units is not."""
    from aligner.check import Unit

    pairs = [(f"通道{i}很快。", f"Channel {i} is fast.") for i in range(4)]
    pairs += [(f"通道{i}和端口{i}很慢。", f"Lanes {i} and gizmo {i} {verb}.")
              for i, verb in zip(range(4, 7), ("are slow", "stay idle", "look busy"))]
    pairs += [(f"端口{i}很满。", f"Port {i} is full.") for i in range(7, 10)]
    pairs += [(f"端口{i}很空。", f"Gizmo {i} is empty.") for i in range(10, 14)]
    units = [Unit("f.po", str(i), i, s, t) for i, (s, t) in enumerate(pairs, 1)]
    glossary = [TermEntry("通道", "channel"), TermEntry("端口", "port")]
    report = check(units, glossary, rules=TERMS)
    varies = {f.source_term: f for f in report.findings if f.rule == "term-varies"}
    channel = varies["通道"]
    assert channel.target == "4 of 7 units" and "3 of them use lanes" in channel.message
    assert channel.variants == (("without channel", ("f.po:5", "f.po:6", "f.po:7")),
                                ("with lanes", ("f.po:5", "f.po:6", "f.po:7")))
    # gizmo is in 4 more units without 端口's English: not 通道's own rendering
    assert "gizmo" not in channel.message
