"""``term-rarely-used`` and ``missing-term-related`` (aligner/check/term_usage.py, senses.py).

``tests/data/check/term_usage/tm.po`` (and the ``.tmx``/``.xlf`` po2tmx and po2xliff wrote
from it) holds units whose ``msgctxt`` says what must happen: ``good-*`` no finding,
``bad-*`` a per-unit finding (``bad-sense`` and ``bad-family`` a ``missing-term-related``,
``bad-category`` a ``missing-term-unconfirmed``: 类别 is extracted and the TM renders it in
1 of its 3 units; the others ``missing-term``), ``rare-dim-*`` the units of 维度, a term the
TM renders as the glossary says in 1 of its 8 units, listed by one ``term-rarely-used``
finding. The glossary marks which entries were extracted (``evidence``) and which one was
reviewed; 神经网络 and 维度 come from another tool's glossary (no evidence).
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import Unit, check, run_check, select_rules
from aligner.check.planted import Planted, found_how
from aligner.check.term_usage import ALPHA, lower_tail
from aligner.cli import cli
from aligner.model import TermEntry, TermStatus

from tests.check_helpers import assert_golden, po_contexts

DATA = Path(__file__).parent / "data" / "check" / "term_usage"
GLOSSARY = DATA / "glossary.csv"
TERMS = select_rules(["terms"])




@pytest.mark.parametrize("suffix", ["po", "tmx", "xlf"])
def test_fixtures_per_format(suffix: str) -> None:
    contexts = po_contexts(DATA)
    report = run_check([DATA / f"tm.{suffix}"], GLOSSARY, rules=TERMS)
    by_rule: dict[str, set[str]] = {}
    for f in report.findings:
        by_rule.setdefault(f.rule, set()).add(contexts[f.source])
    assert by_rule == {
        "missing-term": {"bad-nn-20", "bad-image-15", "bad-reviewed"},
        "missing-term-related": {"bad-sense", "bad-family"},
        "missing-term-unconfirmed": {"bad-category"},
        "term-rarely-used": {"rare-dim-1"},  # the first unit without the English
    }
    rare = next(f for f in report.findings if f.rule == "term-rarely-used")
    assert rare.source_term == "维度" and rare.target == "1 of 8 units"
    (label, places), = rare.variants
    assert label == "without dimension" and len(places) == 7
    lines = {f"tm.{suffix}:{u.line}" for u in _units(suffix) if contexts[u.source].startswith("rare-")}
    assert {p.replace(str(DATA) + "/", "") for p in places} == lines


def _units(suffix: str) -> list[Unit]:
    from aligner.check import read_units

    return list(read_units([DATA / f"tm.{suffix}"]))


def test_skipping_the_rule_reports_every_unit() -> None:
    report = run_check([DATA / "tm.po"], GLOSSARY,
                       rules=TERMS - {"term-rarely-used", "term-varies"})
    assert sum(f.source_term == "维度" and f.rule == "missing-term" for f in report.findings) == 7
    assert not any(f.rule in ("term-rarely-used", "term-varies") for f in report.findings)


def test_without_rarely_used_a_term_rendered_in_few_units_does_not_vary() -> None:
    """维度 comes from a glossary without evidence but the TM renders it in 1 of 8 units,
    below half: no usage that varies, so with term-rarely-used off each unit is listed."""
    report = run_check([DATA / "tm.po"], GLOSSARY, rules=TERMS - {"term-rarely-used"})
    assert not any(f.rule == "term-varies" for f in report.findings)
    assert sum(f.source_term == "维度" and f.rule == "missing-term" for f in report.findings) == 7


def test_by_default_the_other_sense_is_counted_not_listed() -> None:
    report = run_check([DATA / "tm.po"], GLOSSARY)
    assert "missing-term-related" not in {f.rule for f in report.findings}
    assert report.related_hidden == 2 and report.to_json()["counts"]["related_hidden"] == 2
    assert ("2 missing terms of extracted glossary entries rendered by a related form not "
            "reported (rule missing-term-related)") in report.summary()


@pytest.mark.parametrize("source,target,zh,en", [
    ("这个类别很大。", "This classification is large.", "类别", "category"),  # another sense
    ("有效加速主义者很多。", "Effective accelerationists are many.", "有效加速主义者", "effective accelerationism"),
    ("维度很高。", "The dimensionality is high.", "维度", "dimension"),  # the same English family
])
def test_only_extracted_unreviewed_entries_accept_a_related_form(source: str, target: str,
                                                                 zh: str, en: str) -> None:
    unit = Unit(file="m", id="1", line=1, source=source, target=target)
    rules = {"missing-term", "missing-term-related"}
    # a reviewed entry prescribes the English: a relative is a miss, except a form of the
    # same word family (dimensionality for dimension), which is accepted by derivation
    # (:func:`aligner.check.derivation.family_form`); another tool's glossary (no evidence)
    # also accepts another CC-CEDICT sense of the term's Chinese (classification for 类别)
    family = en == "dimension"
    sense = en == "category"
    for status, evidence, rule, reason in [
        (TermStatus.ATTESTED, "paren", "missing-term-related", None),
        (TermStatus.ATTESTED, "", None if family or sense else "missing-term",
         "word-family" if family else "dictionary-sense"),
        (TermStatus.REVIEWED, "paren", None if family else "missing-term", "word-family"),
    ]:
        entry = TermEntry(zh, en, evidence=evidence, status=status)
        report = check([unit], [entry], rules=rules)
        assert [f.rule for f in report.findings] == ([rule] if rule else []), (status, evidence)
        if rule is None:
            assert [a["reason"] for a in report.accepted] == [reason]


def test_a_mistranslation_is_no_related_form() -> None:
    """Still a miss: in a TM of one unit the TM cannot confirm the extracted entry, so it is
    ``missing-term-unconfirmed`` (counted unless that rule is on), never related."""
    unit = Unit(file="m", id="1", line=1, source="维度很高。", target="The gizmo is high.")
    entry = TermEntry("维度", "dimension", evidence="paren")
    rules = {"missing-term", "missing-term-related", "missing-term-unconfirmed"}
    assert [f.rule for f in check([unit], [entry], rules=rules).findings] == ["missing-term-unconfirmed"]
    counted = check([unit], [entry], rules={"missing-term", "missing-term-related"})
    assert counted.findings == [] and counted.unconfirmed_hidden == 1


def _golden(name: str, text: str) -> None:
    assert_golden(DATA / "golden" / name, text)


def test_golden_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    args = ["check", "tm.po", "-g", "glossary.csv", "--rule", "terms"]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 1, text.output
    _golden("tm.txt", text.stdout)
    data = CliRunner().invoke(cli, [*args, "--json"])
    parsed = json.loads(data.stdout)
    rare = next(t for t in parsed["terms"] if t["rule"] == "term-rarely-used")
    assert len(rare["variants"][0]["at"]) == 7
    finding = next(f for f in parsed["findings"] if f["rule"] == "term-rarely-used")
    assert finding["units"] == rare["variants"][0]["at"]
    assert "units" not in next(f for f in parsed["findings"] if f["rule"] == "missing-term")
    page = CliRunner().invoke(cli, [*args, "--format", "html"]).stdout
    assert "1 of 8 units: tm.po:146, tm.po:150" in page
    _golden("tm.json", json.dumps(parsed, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


# --- properties ------------------------------------------------------------------------

@given(st.integers(1, 60), st.data(), st.floats(0.01, 0.99))
def test_lower_tail_is_the_binomial_tail_below_the_mean(n: int, data: st.DataObject, p: float) -> None:
    k = data.draw(st.integers(0, n))
    exact = sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(k + 1))
    tail = lower_tail(k, n, p)
    if k < n * p:
        assert tail == pytest.approx(exact, rel=1e-9, abs=1e-300)
    else:
        assert tail == 1.0 and exact >= 0.3


def test_lower_tail_of_a_million_units() -> None:
    assert lower_tail(0, 1_000_000, 0.9) == 0.0  # underflows to zero, no error
    # 1,000 below the mean of 900,000 is 3.33 standard deviations (300): Φ(-3.33) = 0.00043
    assert lower_tail(899_000, 1_000_000, 0.9) == pytest.approx(0.000435, rel=0.02)


_ZH = ["神经网络", "图像", "维度"]
_EN = ["neural network", "image", "dimension"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.booleans()), min_size=1, max_size=40))
def test_folding_never_hides_a_unit(rows: list[tuple[int, bool]]) -> None:
    """Every unit without its term's English is reported, on its own or in the list of a
    term-rarely-used finding, whatever the pattern of renderings; a term rendered in
    every unit gives no finding."""
    units = [Unit(file="t.tmx", id=str(i), line=i, source=f"第{i}句里有{_ZH[t]}。",
                  target=f"Sentence {i} has the {_EN[t]}." if ok else f"Sentence {i} has a gizmo.")
             for i, (t, ok) in enumerate(rows, 1)]
    glossary = [TermEntry(zh, en) for zh, en in zip(_ZH, _EN)]
    on = check(units, glossary, rules={"missing-term", "term-rarely-used"})
    off = check(units, glossary, rules={"missing-term"})
    lacking = {f"t.tmx:{u.line}" for u, (_t, ok) in zip(units, rows) if not ok}
    assert {f"{f.file}:{f.line}" for f in off.findings} == lacking
    listed = {at for f in on.findings if f.rule == "term-rarely-used" for _l, ats in f.variants for at in ats}
    single = {f"{f.file}:{f.line}" for f in on.findings if f.rule == "missing-term"}
    assert single | listed == lacking and not single & listed
    for f in on.findings:
        if f.rule == "term-rarely-used":
            k, n = (int(x) for x in f.target.split()[::2][:2])
            assert lower_tail(k, n, (len(rows) - len(lacking)) / len(rows)) < ALPHA


def test_a_planted_unit_listed_by_term_rarely_used_is_found() -> None:
    rows = [(2, False)] * 7 + [(2, True)] + [(0, True)] * 20
    units = [Unit(file="t.tmx", id=str(i), line=i, source=f"第{i}句里有{_ZH[t]}。",
                  target=f"Sentence {i} has the {_EN[t]}." if ok else f"Sentence {i} has a gizmo.")
             for i, (t, ok) in enumerate(rows, 1)]
    report = check(units, [TermEntry(zh, en) for zh, en in zip(_ZH, _EN)],
                   rules={"missing-term", "term-rarely-used"})
    planted = [Planted("glossary term mistranslated", "missing-term", "t.tmx", ("3",), (3,)),
               Planted("glossary term mistranslated", "missing-term", "t.tmx", ("9",), (9,))]
    assert found_how(planted, report.findings) == ["term", None]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([("维度", "dimension"), ("类别", "category"), ("卷积", "convolution"),
                        ("神经网络", "neural network")]),
       st.lists(st.text("qxzjvk", min_size=3, max_size=9), min_size=1, max_size=6), st.booleans())
def test_an_extracted_entry_is_related_only_through_its_english_or_senses(
        pair: tuple[str, str], words: list[str], correct: bool) -> None:
    """A target with the entry's English gives no finding; one made of words that are no
    sense and no relative of it (consonant strings) is still a miss (``missing-term-unconfirmed``:
    one unit cannot confirm an extracted entry)."""
    zh, en = pair
    target = " ".join([*words[:1], en if correct else "", *words[1:]]).strip() + "."
    unit = Unit(file="p", id="1", line=1, source=f"这里的{zh}很重要。", target=target)
    entry = TermEntry(zh, en, evidence="paren")
    rules = [f.rule for f in check([unit], [entry], rules={"missing-term", "missing-term-related",
                                                            "missing-term-unconfirmed"}).findings]
    assert rules == ([] if correct else ["missing-term-unconfirmed"])
