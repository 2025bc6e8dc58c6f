"""A check in worker processes gives the report of a check in one process, byte for byte.

The units are the planted-errors TM (every kind of error, so every rule fires) repeated
over two files with fuzzy, empty and conflicting units mixed in; the pool is made to start
early and to take small chunks so that many chunks, both files and the switch from this
process to the workers are all exercised.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from aligner.check import TermIndex, Unit, all_rules, check, read_units
from aligner.check import parallel
from aligner.check.planted import plant
from aligner.formats.glossary_read import read_glossary

DATA = Path(__file__).parent / "data" / "check"
EVERY = {r.id for r in all_rules()}


def _units() -> list[Unit]:
    index = TermIndex(read_glossary(DATA / "glossary.csv"))
    clean = list(read_units([DATA / "planted" / "clean.tmx"]))
    planted, _expected = plant(clean, index)
    out: list[Unit] = []
    for copy in range(12):
        for n, unit in enumerate([*planted, *clean]):
            out.append(replace(unit, file=f"file{copy % 2}.tmx", id=f"{copy}-{n}",
                               fuzzy=(copy + n) % 17 == 0,
                               target="" if (copy + n) % 23 == 0 else unit.target + ("" if copy % 3 else " ")))
    return out


@pytest.mark.parametrize("include_fuzzy", [False, True])
def test_workers_give_the_same_report(monkeypatch: pytest.MonkeyPatch, include_fuzzy: bool) -> None:
    units = _units()
    glossary = read_glossary(DATA / "glossary.csv")
    alone = check(units, glossary, rules=EVERY, include_fuzzy=include_fuzzy, jobs=1)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 50)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    started: list[int] = []
    start = parallel.UnitRunner._start
    monkeypatch.setattr(parallel.UnitRunner, "_start", lambda self: (started.append(1), start(self))[1])
    pooled = check(units, glossary, rules=EVERY, include_fuzzy=include_fuzzy, jobs=2)
    assert started == [1]  # the workers did run
    assert len(alone.findings) > 100 and alone.accepted == pooled.accepted
    assert "".join(pooled.iter_text()) == "".join(alone.iter_text())
    assert "".join(pooled.iter_json()) == "".join(alone.iter_json())
    assert (pooled.term_hits, pooled.proposed_hidden, pooled.related_hidden) == \
        (alone.term_hits, alone.proposed_hidden, alone.related_hidden)
    # the term tally behind term-rarely-used is fed from the workers too (the repeated
    # planted term errors make terms the TM does not render consistently)
    assert any(f.rule == "term-rarely-used" for f in alone.findings)


def test_a_small_check_starts_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.UnitRunner, "_start", lambda self: pytest.fail("a pool started"))
    report = check(_units()[:200], read_glossary(DATA / "glossary.csv"), rules=EVERY, jobs=4)
    assert report.findings


def _many_units_tmx(path: Path, count: int) -> None:
    from aligner.formats.tmx import write_tmx
    from aligner.model import TranslationUnit

    write_tmx([TranslationUnit(source=("坏" if i == count - 5 else "") + f"第{i}句里有神经网络。",
                               target=f"Sentence {i} has a neural network.", doc="many")
               for i in range(count)], path)


@pytest.mark.parametrize("how,message", [
    ("exit", "a check worker process stopped without an answer (killed, or out of memory?)"),
    ("nesting", "input nests too deeply to process; simplify the file."),
    ("bad-input", "bad unit inside a worker. fix it."),
])
def test_a_failing_worker_gives_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     how: str, message: str) -> None:
    """A unit that makes a worker fail (it dies, or raises on bad input) stops the check with
    one line on stderr and exit status 2, no traceback and no wait for the lost chunk."""
    import os

    from click.testing import CliRunner

    from aligner.cli import cli
    from aligner.errors import InputError

    tmx = tmp_path / "many.tmx"
    _many_units_tmx(tmx, 80)
    run = parallel.UnitWork.run
    parent = os.getpid()

    def failing(self, unit, empty):  # type: ignore[no-untyped-def]
        if "坏" in unit.source and os.getpid() != parent:
            if how == "exit":
                os._exit(3)  # what the kernel's out-of-memory killer leaves behind
            if how == "nesting":
                raise RecursionError("maximum recursion depth exceeded")
            raise InputError("bad unit inside a worker", path=unit.file, line=unit.line, hint="fix it")
        return run(self, unit, empty)

    monkeypatch.setattr(parallel.UnitWork, "run", failing)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 10)
    monkeypatch.setattr(parallel, "CHUNK", 6)
    result = CliRunner().invoke(cli, ["check", str(tmx), "-g", str(DATA / "glossary.csv"), "--jobs", "2"])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("aligner: "), result.output
    assert message in result.output and "Traceback" not in result.output
    if how == "exit":
        assert result.output.startswith(f"aligner: {tmx}:")  # where the lost chunk starts
