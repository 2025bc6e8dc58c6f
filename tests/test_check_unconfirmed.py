"""``missing-term-unconfirmed``: an extracted entry's misses are listed only when the TM confirms it.

``tests/data/check/unconfirmed/tm.po`` (and the ``.tmx``/``.xlf`` po2tmx and po2xliff wrote
from it) holds units whose ``msgctxt`` says what must happen: ``good-*`` no finding,
``listed-*`` a ``missing-term`` listed by default, ``counted-*`` a miss of an extracted entry
the TM does not confirm (counted by default, listed as ``missing-term-unconfirmed`` when that
rule is on). The glossary: 张量 → tensor extracted and rendered in 29 of its 30 units
(confirmed), 环境 → environment extracted and rendered in 4 of 12, 模型 → model extracted
and rendered in 3 of 4, PyTorch extracted and kept as-is (once written "pytorch"), 通道 →
channel reviewed, 编译 → compile from another tool's glossary (no evidence).
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import Unit, check, parallel, run_check, select_rules
from aligner.check.term_usage import ALPHA_CONFIRM, confirmed
from aligner.cli import cli
from aligner.model import TermEntry, TermStatus

from tests.check_helpers import assert_golden

DATA = Path(__file__).parent / "data" / "check" / "unconfirmed"
GLOSSARY = DATA / "glossary.csv"
LISTED = {"listed-tensor", "listed-reviewed", "listed-third-party"}
COUNTED = {"counted-model", "counted-pytorch"} | {
    f"counted-environment-{i}" for i in (2, 4, 5, 6, 8, 9, 11, 12)}


def _contexts() -> dict[str, str]:
    from translate.storage.po import pofile

    store = pofile.parsefile(str(DATA / "tm.po"))
    return {u.source: u.getcontext() for u in store.units if not u.isheader()}


def _by_rule(report) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    contexts = _contexts()
    out: dict[str, set[str]] = {}
    for f in report.findings:
        out.setdefault(f.rule, set()).add(contexts[f.source])
    return out


@pytest.mark.parametrize("suffix", ["po", "tmx", "xlf"])
def test_by_default_an_unconfirmed_entry_is_counted_not_listed(suffix: str) -> None:
    report = run_check([DATA / f"tm.{suffix}"], GLOSSARY)
    assert _by_rule(report) == {"missing-term": LISTED}
    assert report.unconfirmed_hidden == len(COUNTED) == 10
    assert report.to_json()["counts"]["unconfirmed_hidden"] == 10
    assert ("10 missing terms of extracted glossary entries this TM does not confirm not "
            "reported (rule missing-term-unconfirmed)") in report.summary()


@pytest.mark.parametrize("suffix", ["po", "tmx", "xlf"])
def test_the_rule_lists_each_counted_miss(suffix: str) -> None:
    report = run_check([DATA / f"tm.{suffix}"], GLOSSARY, rules=select_rules(["terms"]))
    assert _by_rule(report) == {"missing-term": LISTED, "missing-term-unconfirmed": COUNTED}
    assert report.unconfirmed_hidden == 0
    unconfirmed = [f for f in report.findings if f.rule == "missing-term-unconfirmed"]
    assert {f.severity.value for f in unconfirmed} == {"info"}
    model = next(f for f in unconfirmed if f.source_term == "模型")
    assert "this TM renders it in 3 of 4 units" in model.message
    # the rule on its own lists the same units (missing-term is not listed then)
    alone = run_check([DATA / f"tm.{suffix}"], GLOSSARY, rules={"missing-term-unconfirmed"})
    assert _by_rule(alone) == {"missing-term-unconfirmed": COUNTED}


def test_skipping_other_rules_keeps_the_reviewed_and_third_party_entries() -> None:
    report = run_check([DATA / "tm.po"], GLOSSARY,
                       rules=select_rules([], ["term-rarely-used", "keep-as-is"]))
    assert _by_rule(report) == {"missing-term": LISTED}
    assert report.unconfirmed_hidden == 9  # the altered PyTorch is keep-as-is's, now off


def _golden(name: str, text: str) -> None:
    assert_golden(DATA / "golden" / name, text)


@pytest.mark.parametrize("args,name", [([], "default"), (["--rule", "terms"], "terms")])
def test_golden_reports(monkeypatch: pytest.MonkeyPatch, args: list[str], name: str) -> None:
    monkeypatch.chdir(DATA)
    command = ["check", "tm.po", "-g", "glossary.csv", *args]
    text = CliRunner().invoke(cli, command)
    assert text.exit_code == 1, text.output
    _golden(f"{name}.txt", text.stdout)
    data = CliRunner().invoke(cli, [*command, "--json"])
    parsed = json.loads(data.stdout)
    assert parsed["counts"]["unconfirmed_hidden"] == (10 if name == "default" else 0)
    rule = next(r for r in parsed["rules"] if r["id"] == "missing-term-unconfirmed")
    assert rule["severity"] == "info" and rule["enabled"] == (name == "terms")
    _golden(f"{name}.json", json.dumps(parsed, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


# --- the test -------------------------------------------------------------------------

@given(st.integers(1, 80), st.data(), st.floats(0.05, 0.99))
def test_confirmed_is_the_upper_binomial_tail(n: int, data: st.DataObject, p0: float) -> None:
    k = data.draw(st.integers(0, n))
    upper = sum(math.comb(n, i) * p0 ** i * (1 - p0) ** (n - i) for i in range(k, n + 1))
    if abs(upper - ALPHA_CONFIRM) > 1e-9:
        assert confirmed(k, n, p0) == (upper < ALPHA_CONFIRM)


def test_a_term_rendered_at_the_tm_s_own_rate_is_not_confirmed() -> None:
    assert not confirmed(0, 1, 0.9) and not confirmed(2, 3, 0.5)
    assert not confirmed(86, 100, 0.86)  # as consistent as the TM's terms, no more
    assert confirmed(29, 30, 0.75) and confirmed(99, 100, 0.86)


# --- properties -----------------------------------------------------------------------

_ZH = ["神经网络", "图像", "维度", "张量"]
_EN = ["neural network", "image", "dimension", "tensor"]
_KINDS = st.sampled_from(["extracted", "reviewed", "plain"])


def _entry(zh: str, en: str, kind: str) -> TermEntry:
    if kind == "extracted":
        return TermEntry(zh, en, evidence="paren")
    if kind == "reviewed":
        return TermEntry(zh, en, evidence="paren", status=TermStatus.REVIEWED)
    return TermEntry(zh, en)


def _units(rows: list[tuple[int, bool]]) -> list[Unit]:
    return [Unit(file="t.tmx", id=str(i), line=i, source=f"第{i}句里有{_ZH[t]}。",
                 target=f"Sentence {i} has the {_EN[t]}." if ok else f"Sentence {i} has a gizmo.")
            for i, (t, ok) in enumerate(rows, 1)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.booleans()), min_size=1, max_size=50),
       st.lists(_KINDS, min_size=4, max_size=4))
def test_no_miss_is_lost(rows: list[tuple[int, bool]], kinds: list[str]) -> None:
    """Every unit without its term's English is listed (on its own, or in a
    term-rarely-used finding) or counted as unconfirmed, never both and never neither; a
    reviewed or plain entry's miss is never unconfirmed; an extracted entry's miss is listed
    as missing-term only when its counts confirm it."""
    units = _units(rows)
    glossary = [_entry(zh, en, kind) for zh, en, kind in zip(_ZH, _EN, kinds)]
    default = check(units, glossary, rules={"missing-term", "term-rarely-used"})
    every = check(units, glossary, rules={"missing-term", "term-rarely-used", "missing-term-unconfirmed"})
    lacking = {f"t.tmx:{u.line}" for u, (_t, ok) in zip(units, rows) if not ok}
    listed = {f"{f.file}:{f.line}" for f in default.findings if f.rule == "missing-term"} | {
        at for f in default.findings if f.rule == "term-rarely-used" for _l, ats in f.variants for at in ats}
    unconfirmed = {f"{f.file}:{f.line}" for f in every.findings if f.rule == "missing-term-unconfirmed"}
    assert listed | unconfirmed == lacking and not listed & unconfirmed
    assert default.unconfirmed_hidden == len(unconfirmed) and every.unconfirmed_hidden == 0
    assert [f for f in every.findings if f.rule != "missing-term-unconfirmed"] == list(default.findings)
    kind_of = dict(zip(_ZH, kinds))
    p0 = (len(rows) - len(lacking)) / len(rows)
    for f in every.findings:
        if f.rule == "missing-term-unconfirmed":
            assert kind_of[f.source_term] == "extracted"
        if f.rule == "missing-term" and kind_of[f.source_term] == "extracted":
            n = sum(1 for t, _ok in rows if _ZH[t] == f.source_term)
            k = sum(1 for t, ok in rows if _ZH[t] == f.source_term and ok)
            assert confirmed(k, n, p0)


@settings(max_examples=8, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.booleans()), min_size=30, max_size=60),
       st.lists(_KINDS, min_size=4, max_size=4), st.booleans())
def test_workers_settle_the_same_way(rows: list[tuple[int, bool]], kinds: list[str],
                                     listed: bool) -> None:
    """``check --jobs 2`` gives the report of ``--jobs 1``, counts included: the test runs
    in the main process on counts the workers send back."""
    units = _units(rows)
    glossary = [_entry(zh, en, kind) for zh, en, kind in zip(_ZH, _EN, kinds)]
    rules = {"missing-term", "term-rarely-used", "keep-as-is"} | (
        {"missing-term-unconfirmed"} if listed else set())
    alone = check(units, glossary, rules=rules, jobs=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "PARALLEL_AFTER", 10)
        patch.setattr(parallel, "CHUNK", 7)
        pooled = check(units, glossary, rules=rules, jobs=2)
    assert "".join(pooled.iter_json()) == "".join(alone.iter_json())
    assert "".join(pooled.iter_text()) == "".join(alone.iter_text())
    assert pooled.unconfirmed_hidden == alone.unconfirmed_hidden
