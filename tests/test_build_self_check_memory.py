"""The self-check's per-unit results kept by page (aligner.cache.unit_results): a check that
reads the unchanged pages' results back gives the report of a full check, byte for byte,
also when an earlier page lost a unit (every later unit renamed), in one process and with
forked workers running the changed units; a damaged entry is named and its page checked
again, never trusted."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from aligner.cache.corpus import CorpusMemo
from aligner.cache.store import FORMAT
from aligner.cache.unit_results import KIND, UnitMemory
from aligner.check import SELF_CHECK_ALONE, check_units
from aligner.check import parallel

from tests.test_build_self_check_jobs import TERMS, _units


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _memory(folder: Path, units, messages: list[str] | None = None) -> UnitMemory:
    memo = CorpusMemo(folder, settings="settings")
    return UnitMemory(folder, memo, units, "glossary", messages.append if messages is not None else None)


def test_kept_results_give_the_report_of_a_full_check(tmp_path: Path, monkeypatch) -> None:
    units = _units(1_200)  # 30 pages of 40 units
    first = _memory(tmp_path, units)
    assert first.reused == 0
    report = check_units(units, TERMS, memory=first)
    first.store()
    assert report["findings"] and _same(report, check_units(units, TERMS))
    # page003 loses its first unit: every later unit is renamed (its place in the TMX)
    changed = units[:120] + units[121:]
    again = _memory(tmp_path, changed)
    assert again.reused == 29 and len(again.known) == len(changed) - 39
    calls: list[int] = []
    run = parallel.UnitWork.run
    monkeypatch.setattr(parallel.UnitWork, "run", lambda self, unit, empty: calls.append(1) or run(self, unit, empty))
    kept = check_units(changed, TERMS, memory=again)
    assert len(calls) == 39  # the changed page's units alone
    monkeypatch.undo()
    plain = check_units(changed, TERMS)
    assert _same(kept, plain)
    # the kept pages' findings name their units as they are now, not as stored
    assert [f["unit"] for f in kept["findings"]][-1] != [f["unit"] for f in report["findings"]][-1]


def test_kept_results_between_forked_chunks(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK", 300)
    units = _units(SELF_CHECK_ALONE + 1_200)
    first = _memory(tmp_path, units)
    check_units(units, TERMS, memory=first)
    first.store()
    # the first pages changed (checked, the workers forked past SELF_CHECK_ALONE), the rest kept
    edited = [dataclasses.replace(u, target=u.target + "!") if k < SELF_CHECK_ALONE + 400 else u
              for k, u in enumerate(units)]
    started: list[int] = []

    class Counted(parallel.Workers):
        def __init__(self, jobs: int) -> None:
            started.append(jobs)
            super().__init__(jobs)

    monkeypatch.setattr(parallel, "Workers", Counted)
    again = _memory(tmp_path, edited)
    assert again.reused == (len(units) - SELF_CHECK_ALONE - 400) // 40
    kept = check_units(edited, TERMS, jobs=2, memory=again)
    assert started == [2]
    assert _same(kept, check_units(edited, TERMS))


def test_a_damaged_entry_is_checked_again(tmp_path: Path) -> None:
    units = _units(400)
    first = _memory(tmp_path, units)
    plain = check_units(units, TERMS, memory=first)
    first.store()
    entries = sorted(p for p in (tmp_path / f"v{FORMAT}" / KIND).rglob("*") if p.is_file())
    assert len(entries) == 10
    data = bytearray(entries[0].read_bytes())  # one bit of the body flipped on the disk
    data[data.index(b"\n") + 3] ^= 0x20
    entries[0].write_bytes(bytes(data))
    first.store_.put_bytes(entries[1].name, b'[{"findings": 3}]')  # checked, but not this page's results
    messages: list[str] = []
    again = _memory(tmp_path, units, messages)
    damaged = [m for m in messages if m.startswith("cache: stored self-check of ")]
    assert len(damaged) == 2 and all(m.endswith("; checked again") for m in damaged)
    assert any("checksum mismatch" in m for m in damaged) and any("not unit results" in m for m in damaged)
    assert again.reused == 8 and len(again.known) == 320
    assert _same(check_units(units, TERMS, memory=again), plain)
    again.store()  # stored again: the next check reads every page back
    assert _memory(tmp_path, units).reused == 10


def test_the_pages_are_keyed_by_what_the_check_reads_of_the_glossary() -> None:
    """Where an entry was seen (its sources, the example places in its evidence) changes no
    unit's result, so it is not in the key; any form, status or kind is."""
    from aligner.cache.unit_results import unit_glossary
    from aligner.model import Source, TermStatus

    terms = [dataclasses.replace(t, evidence="aligned-alignment: 3 pairs, e.g. a:1") for t in TERMS]
    moved = [dataclasses.replace(t, sources=(Source("z", 9),), evidence="aligned-alignment: 4 pairs, e.g. z:9")
             for t in terms]
    assert unit_glossary(moved) == unit_glossary(terms)
    for change in (dict(en="box"), dict(variants=("boxes",)), dict(status=TermStatus.PROPOSED), dict(evidence=""),
                   dict(evidence="paren"), dict(keep_as_is=True), dict(forbidden=("tank",))):
        assert unit_glossary([dataclasses.replace(terms[0], **change), *terms[1:]]) != unit_glossary(terms)
