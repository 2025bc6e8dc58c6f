"""The QA rules of ``aligner check`` (aligner/check/rules/), one fixture set per rule.

``tests/data/check/rules/<rule>.po`` holds units whose ``msgctxt`` says what must happen:
``bad-*`` must be flagged by the rule, ``good-*`` and ``ref-*`` (the reference of a
consistency rule) must not. The ``.tmx`` and ``.xlf`` beside it were written from the PO by
translate-toolkit's po2tmx and po2xliff (the TMX of the whitespace rules then given
``xml:space="preserve"``, as a TM that keeps edge spaces has), so every rule is checked on
the three formats. ``tag-codes.xlf`` carries real XLIFF inline codes (``<x/>``, ``<g>``,
``<ph>``). Golden text and JSON reports per rule: ALIGNER_UPDATE_GOLDEN=1 rewrites them.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.check import all_rules, run_check, select_rules
from aligner.cli import cli

from tests.check_helpers import assert_golden

DATA = Path(__file__).parent / "data" / "check"
RULES = DATA / "rules"
GOLDEN = DATA / "golden" / "rules"
FIXTURE_RULES = sorted(p.stem for p in RULES.glob("*.po"))


def _expected(rule: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(flagged, clean) (source, target) pairs of ``rule``'s PO fixture."""
    from translate.storage.po import pofile

    store = pofile.parsefile(str(RULES / f"{rule}.po"))
    bad, good = set(), set()
    for unit in store.units:
        if unit.isheader():
            continue
        pair = (" ".join(unit.source.split()), " ".join(unit.target.split()))
        (bad if unit.getcontext().startswith("bad") else good).add(pair)
    return bad, good


def _flagged(report, rule: str) -> set[tuple[str, str]]:
    return {(" ".join(f.source.split()), " ".join(f.target.split()))
            for f in report.findings if f.rule == rule}


def test_every_unit_rule_has_fixtures() -> None:
    # tests/test_check.py and tests/test_check_term_spelling.py
    # and tests/test_check_term_usage.py and tests/test_check_unconfirmed.py
    glossary_rules = {"missing-term", "forbidden-variant", "keep-as-is", "missing-term-proposed",
                      "missing-term-related", "missing-term-unconfirmed", "term-rarely-used",
                      "term-varies"}
    assert {r.id for r in all_rules()} - glossary_rules == set(FIXTURE_RULES)


@pytest.mark.parametrize("suffix", ["po", "tmx", "xlf"])
@pytest.mark.parametrize("rule", FIXTURE_RULES)
def test_rule_fixtures(rule: str, suffix: str) -> None:
    bad, good = _expected(rule)
    assert bad and good, "each fixture needs units that trigger the rule and units that must not"
    report = run_check([RULES / f"{rule}.{suffix}"], DATA / "glossary.csv", rules={rule})
    flagged = _flagged(report, rule)
    assert flagged == bad, f"{rule}.{suffix}: missed {bad - flagged}, false {flagged - good - bad}"
    assert not flagged & good


def test_xliff_inline_codes() -> None:
    """<x/> leaves no trace in the unit text; the tag rule reads it from the XML."""
    report = run_check([RULES / "tag-codes.xlf"], DATA / "glossary.csv", rules={"tag-mismatch"})
    assert [f.unit for f in report.findings] == ["bad-missing-x", "bad-altered-g", "bad-missing-ph"]
    assert report.findings[1].message == (
        'tag <g id="2"> of the source is not in the target (the target has <g id="3">)')


def _golden(name: str, text: str) -> None:
    assert_golden(GOLDEN / name, text)


@pytest.mark.parametrize("rule", FIXTURE_RULES)
def test_golden_reports(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text and JSON reports of each rule alone on its PO fixture, through the CLI."""
    monkeypatch.chdir(RULES)
    args = ["check", f"{rule}.po", "-g", "../glossary.csv", "--rule", rule]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code in (0, 1), text.output
    _golden(f"{rule}.txt", text.stdout)
    data = CliRunner().invoke(cli, [*args, "--json"])
    parsed = json.loads(data.stdout)
    assert {r["id"] for r in parsed["rules"] if r["enabled"]} == {rule}
    _golden(f"{rule}.json", json.dumps(parsed, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    severity = next(r.severity for r in all_rules() if r.id == rule)
    assert text.exit_code == (1 if severity.value == "error" else 0)


def test_rule_switches() -> None:
    assert "untranslated" not in select_rules()
    assert "number-mismatch" in select_rules()
    assert select_rules(["numbers,markup"], ["url-mismatch"]) == {
        "number-mismatch", "number-added", "email-mismatch", "placeholder-mismatch", "tag-mismatch"}
    assert "number-added" not in select_rules((), ["number-added"])
    assert "double-space" not in select_rules((), ["punctuation"])


def test_unknown_rule_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["check", str(RULES / "double-space.po"), "-g",
                                      str(DATA / "glossary.csv"), "--rule", "numbrs"])
    assert result.exit_code == 2
    assert "unknown rule 'numbrs'" in result.stderr
    assert "number-mismatch" in result.stderr


def test_list_rules() -> None:
    result = CliRunner().invoke(cli, ["check", "--list-rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(all_rules())
    assert lines[0].split()[:4] == ["missing-term", "terms", "error", "on"]
    assert any(line.split()[:4] == ["untranslated", "completeness", "warning", "off"] for line in lines)


def test_docs_document_every_rule() -> None:
    """docs/check.md has a table row per rule with its id, family, default severity and
    whether it is on, and says how to turn rules off."""
    docs = (Path(__file__).parent.parent / "docs" / "check.md").read_text(encoding="utf-8")
    from aligner.check.rules import families

    for family in families():
        for rule in family.rules:
            row = next((line for line in docs.splitlines() if line.startswith(f"| `{rule.id}` |")), None)
            assert row is not None, f"docs/check.md has no row for {rule.id}"
            cells = [c.strip() for c in row.strip("|").split("|")]
            assert cells[1] == family.name, rule.id
            assert cells[2].startswith(rule.severity.value), rule.id
            assert cells[3].strip("*") == ("yes" if rule.default else "no"), rule.id
    assert "--skip-rule ID" in docs and "--rule ID" in docs
