"""``aligner check`` across several files (one source translated differently in a.tmx and
b.po) and fuzzy entries (PO ``#, fuzzy``, XLIFF needs-* states): skipped and counted by
default, checked and marked with ``--include-fuzzy``. Fixtures: tests/data/check/cross and
tests/data/check/fuzzy, each unit's comment says what it is for."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.check import Unit, UnitReader, check, read_units, run_check
from aligner.cli import cli
from aligner.model import TermEntry
from tests.check_helpers import check_cli, work_in

DATA = Path(__file__).parent / "data" / "check"


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cross and fuzzy fixtures plus glossary.csv, in the current directory."""
    return work_in(tmp_path, monkeypatch, "cross", "fuzzy")


def _run(*args: str):  # noqa: ANN202
    """``check_cli`` without the double-space rule: b.po's "Alignment  matters." has its
    double space to show that consistency compares whitespace-insensitively; the
    double-space rule has fixtures of its own (test_check_rules.py)."""
    return check_cli(*args, "--skip-rule", "double-space")


# --- inconsistent targets across files ----------------------------------------------------------

CROSS_TEXT = """\
深度学习需要数据。  [inconsistent-target]: 1 warning
  warning b.po:7: the same source is translated differently at a.tmx:7 (unit a1) (2 different translations in 2 files)
          target: Deep learning requires data.
  translations:
    Deep learning needs data.  (2): a.tmx:7, a.tmx:15
    Deep learning requires data.  (1): b.po:7

8 units in 3 files against 10 glossary terms: 8 term occurrences, 1 finding (1 warning).
"""

MINOR_TEXT = """\
对齐很重要。  [inconsistent-target-minor]: 1 info
  info    c.xlf:6 (unit c1): the same source is translated differently at a.tmx:11 (unit a2) (2 different translations in 3 files)
          target: alignment matters.
  translations:
    Alignment matters.  (2): a.tmx:11, b.po:10
    alignment matters.  (1): c.xlf:6

"""


def test_cross_file_text_report(work: Path) -> None:
    """Whitespace-only differences are the same translation (a.tmx a1/a3, b.po 对齐); a
    change of case only (c.xlf) is a nit, listed by inconsistent-target-minor (off by
    default), as within one file; every place of every translation."""
    result = _run("a.tmx", "b.po", "c.xlf")
    assert result.exit_code == 0
    assert result.stdout == CROSS_TEXT
    assert result.stderr == ""
    assert _run("a.tmx", "b.po", "c.xlf", "--fail-on", "warning").exit_code == 1
    minor = check_cli("a.tmx", "b.po", "c.xlf", "--rule", "inconsistent-target-minor")
    assert minor.stdout.startswith(MINOR_TEXT)


def test_each_file_alone_is_consistent(work: Path) -> None:
    for name in ("a.tmx", "b.po", "c.xlf"):
        result = _run(name)
        assert "inconsistent-target" not in result.stdout, name
        assert result.stdout.endswith("no findings.\n"), result.stdout


def test_cross_file_json(work: Path) -> None:
    result = _run("a.tmx", "b.po", "c.xlf", "--json")
    data = json.loads(result.stdout)
    assert [(f["file"], f["line"], f["unit"], f["expected"], f["target"], f["fuzzy"])
            for f in data["findings"]] == [
        ("b.po", 7, "7", ["Deep learning needs data."], "Deep learning requires data.", False),
    ]
    assert [(t["source_term"], t["variants"]) for t in data["terms"]] == [
        ("深度学习需要数据。", [{"target": "Deep learning needs data.", "at": ["a.tmx:7", "a.tmx:15"]},
                        {"target": "Deep learning requires data.", "at": ["b.po:7"]}]),
    ]
    assert data["counts"]["by_rule"] == {"inconsistent-target": 1}


def test_cross_file_order_follows_the_command_line(work: Path) -> None:
    """The most frequent translation is the reference whatever the order; findings follow
    the files' order on the command line; the same input gives the same bytes."""
    first = _run("c.xlf", "b.po", "a.tmx")
    assert first.stdout == _run("c.xlf", "b.po", "a.tmx").stdout
    lines = [line for line in first.stdout.splitlines() if line.startswith("  warning")]
    assert lines == [
        "  warning b.po:7: the same source is translated differently at a.tmx:7 (unit a1) "
        "(2 different translations in 2 files)",
    ]


def test_tie_takes_the_first_seen_translation_as_reference() -> None:
    units = [Unit("x.po", "", 3, "对齐很重要。", "Alignment matters."),
             Unit("y.tmx", "t1", 5, "对齐很重要。", "Alignment is important.")]
    findings = check(units, [TermEntry("对齐", "alignment")]).findings
    assert [(f.file, f.expected, f.message, f.variants) for f in findings] == [
        ("y.tmx", ("Alignment matters.",),
         "the same source is translated differently at x.po:3 (2 different translations in 2 files)",
         (("Alignment matters.", ("x.po:3",)), ("Alignment is important.", ("y.tmx:5",))))]


def test_per_file_message_is_unchanged() -> None:
    units = [Unit("x.po", "", 3, "对齐很重要。", "Alignment matters."),
             Unit("x.po", "", 7, "对齐很重要。", "Alignment is important."),
             Unit("y.po", "", 2, "开源很重要。", "Open source matters.")]
    report = check(units, [TermEntry("对齐", "alignment")])
    assert [f.message for f in report.findings] == [
        "the same source is translated differently at line 3 (2 different translations in this file)"]
    assert "translations:" not in report.to_text()


# --- fuzzy entries -------------------------------------------------------------------------------

def test_fuzzy_po_entries_are_skipped_and_counted(work: Path) -> None:
    result = _run("fuzzy.po")
    assert result.exit_code == 0
    assert result.stdout == (
        "5 units in 1 file against 10 glossary terms: 1 term occurrence, no findings; "
        "1 untranslated unit not checked; skipped 3 fuzzy entries (--include-fuzzy checks them).\n")
    assert result.stderr == ""  # said once, in the summary


def test_fuzzy_skips_are_said_on_stderr_when_stdout_is_json(work: Path) -> None:
    result = _run("fuzzy.po", "--json")
    assert json.loads(result.stdout)["counts"]["fuzzy_skipped"] == 3
    assert result.stderr == ("aligner check: skipped 3 fuzzy entries (unreviewed, not counted as "
                             "translations); --include-fuzzy checks them\n")


def test_include_fuzzy_checks_them_and_marks_findings(work: Path) -> None:
    result = _run("fuzzy.po", "--include-fuzzy")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout == """\
深度学习 → deep learning  [missing-term]: 1 error
  error   fuzzy.po:11 [fuzzy]: 深度学习 is in the source but deep learning is not in the target
          target: Machine learning changed translation.

智能体 → agent  [forbidden-variant]: 1 error
  error   fuzzy.po:16 [fuzzy]: 智能体 is translated with intelligent body, which the glossary does not allow
          target: intelligent body

深度学习需要数据。  [inconsistent-target]: 1 warning
  warning fuzzy.po:21 [fuzzy]: the same source is translated differently at line 7 (2 different translations in this file)
          target: Deep learning wants data.

5 units in 1 file against 10 glossary terms: 4 term occurrences, 3 findings (2 errors, 1 warning); 1 untranslated unit not checked; 3 fuzzy entries checked.
"""


def test_fuzzy_json_counts(work: Path) -> None:
    skipped = json.loads(_run("fuzzy.po", "--json").stdout)
    assert skipped["counts"]["fuzzy"] == 3 and skipped["counts"]["fuzzy_skipped"] == 3
    assert skipped["files"] == [{"path": "fuzzy.po", "format": "po", "units": 5,
                                 "untranslated": 1, "fuzzy": 3}]
    assert skipped["findings"] == []
    included = json.loads(_run("fuzzy.po", "--json", "--include-fuzzy").stdout)
    assert included["counts"]["fuzzy"] == 3 and included["counts"]["fuzzy_skipped"] == 0
    assert [(f["line"], f["rule"], f["fuzzy"]) for f in included["findings"]] == [
        (11, "missing-term", True), (16, "forbidden-variant", True), (21, "inconsistent-target", True)]


def test_xliff_states_that_count_as_fuzzy(work: Path) -> None:
    units = list(read_units(["states.xlf", "states2.xlf", "a.tmx", "c.xlf"]))
    assert {u.id: u.fuzzy for u in units} == {
        "plain": False, "translated": False, "needs-review": True, "needs-translation": True,
        "not-approved": True, "approved": False, "initial": True,
        "a1": False, "a2": False, "a3": False, "c1": False, "c2": False,
    }


def test_fuzzy_xliff_findings_only_with_include_fuzzy(work: Path) -> None:
    default = run_check(["states.xlf", "states2.xlf"], "glossary.csv")
    assert [f.unit for f in default.findings] == ["plain", "translated", "approved", "translated"]
    assert default.fuzzy_skipped == 4
    assert "skipped 4 fuzzy entries (--include-fuzzy checks them)." in default.summary()
    included = run_check(["states.xlf", "states2.xlf"], "glossary.csv", include_fuzzy=True)
    assert [(f.unit, f.fuzzy) for f in included.findings if f.rule == "missing-term"] == [
        ("plain", False), ("translated", False), ("needs-review", True),
        ("needs-translation", True), ("not-approved", True), ("approved", False),
        ("initial", True), ("translated", False)]


def test_fuzzy_in_memory_units_are_counted() -> None:
    units = [Unit("m", "1", 1, "深度学习很难。", "It is hard.", fuzzy=True),
             Unit("m", "2", 2, "深度学习很难。", "Deep learning is hard.")]
    entries = [TermEntry("深度学习", "deep learning")]
    report = check(units, entries)
    assert report.findings == [] and report.fuzzy_skipped == 1
    assert report.summary() == ("2 units in 1 file against 1 glossary term: 1 term occurrence, "
                                "no findings; skipped 1 fuzzy entry (--include-fuzzy checks them).")
    report = check(units, entries, include_fuzzy=True)
    assert [(f.unit, f.rule, f.fuzzy) for f in report.findings] == [
        ("1", "missing-term", True), ("1", "inconsistent-target", True)]


def test_reader_counts_fuzzy_per_file(work: Path) -> None:
    reader = UnitReader()
    list(reader.read(["fuzzy.po", "states.xlf", "states2.xlf", "a.tmx"]))
    assert [(f.path, f.units, f.untranslated, f.fuzzy) for f in reader.files] == [
        ("fuzzy.po", 5, 1, 3), ("states.xlf", 6, 0, 3), ("states2.xlf", 2, 0, 1), ("a.tmx", 3, 0, 0)]


def test_help_names_include_fuzzy() -> None:
    result = CliRunner().invoke(cli, ["check", "--help"])
    assert "--include-fuzzy" in result.output


def test_a_fuzzy_guess_never_sets_the_reference() -> None:
    """Two fuzzy units agreeing outnumber one reviewed unit, but the reviewed translation is
    the reference: the guesses are the inconsistent ones."""
    units = [Unit("a.po", "", 3, "对齐很重要。", "Alignment is key.", fuzzy=True),
             Unit("b.po", "", 3, "对齐很重要。", "Alignment is key.", fuzzy=True),
             Unit("c.po", "", 3, "对齐很重要。", "Alignment matters.")]
    report = check(units, [TermEntry("对齐", "alignment")], include_fuzzy=True)
    assert [(f.file, f.expected, f.fuzzy) for f in report.findings] == [
        ("a.po", ("Alignment matters.",), True), ("b.po", ("Alignment matters.",), True)]
    assert report.findings[0].variants == (("Alignment matters.", ("c.po:3",)),
                                           ("Alignment is key.", ("a.po:3", "b.po:3")))
