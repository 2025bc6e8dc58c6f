"""Planted errors: every kind of error :mod:`aligner.check.planted` plants into a clean TM is
found by its rule, through a TMX file and the command; the clean TM itself gives nothing."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

from click.testing import CliRunner

from aligner.check import TermIndex, Unit, all_rules, read_units, run_check
from aligner.check.planted import PLANTERS, SAME_TARGET, found, plant
from aligner.cli import cli
from aligner.formats.glossary_read import read_glossary

DATA = Path(__file__).parent / "data" / "check"
CLEAN = DATA / "planted" / "clean.tmx"
GLOSSARY = DATA / "glossary.csv"
EVERY = {r.id for r in all_rules()}


def _write(units: list[Unit], path: Path) -> None:
    rows = "".join(
        f'<tu tuid="{escape(u.id)}" xml:space="preserve"><tuv xml:lang="zh-CN"><seg>{escape(u.source)}</seg></tuv>'
        f'<tuv xml:lang="en-US"><seg>{escape(u.target)}</seg></tuv></tu>\n' for u in units)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
                    'creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="zh-CN" '
                    f'datatype="plaintext"/><body>\n{rows}</body></tmx>\n', encoding="utf-8")


def test_the_clean_tm_gives_no_finding() -> None:
    report = run_check([CLEAN], GLOSSARY, rules=EVERY)
    assert report.units == 26 and report.findings == []


def test_every_planted_error_is_found_with_its_rule(tmp_path: Path) -> None:
    units = list(read_units([CLEAN]))
    planted_units, planted = plant(units, TermIndex(read_glossary(GLOSSARY)))
    assert sorted(p.kind for p in planted) == sorted([*PLANTERS, SAME_TARGET[0]])  # every kind
    path = tmp_path / "planted.tmx"
    _write(planted_units, path)
    report = run_check([path], GLOSSARY, rules=EVERY)
    planted = [replace(p, file=str(path)) for p in planted]  # the file is renamed, the refs stay
    missed = [p for p, ok in zip(planted, found(planted, report.findings)) if not ok]
    assert not missed, missed
    # nothing else: each finding is a planted error, or follows from one (the changed number
    # is also a number the target adds; the copied target brings its own numbers along)
    planted_refs = {ref for p in planted for ref in p.refs}
    assert {f.unit for f in report.findings} <= planted_refs


def test_planted_errors_through_the_command(tmp_path: Path) -> None:
    """The same through ``aligner check --json``: exit 1, one finding per planted rule."""
    planted_units, planted = plant(list(read_units([CLEAN])), TermIndex(read_glossary(GLOSSARY)))
    path = tmp_path / "planted.tmx"
    _write(planted_units, path)
    result = CliRunner().invoke(cli, ["check", str(path), "-g", str(GLOSSARY), "--json",
                                      "--rule", ",".join(sorted(EVERY))])
    assert result.exit_code == 1
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert {p.rule for p in planted} <= rules


def test_plant_is_deterministic_and_spares_most_units() -> None:
    units = list(read_units([CLEAN]))
    index = TermIndex(read_glossary(GLOSSARY))
    first, second = plant(units, index), plant(units, index)
    assert first == second
    changed = sum(a.target != b.target for a, b in zip(units, first[0]))
    assert changed == len(PLANTERS) + 1  # one unit per kind, the same-target kind changes one
