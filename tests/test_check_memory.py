"""``aligner check`` keeps memory flat in the number of units: a TMX path is parsed as it is
read, the consistency rules keep hashes and read the few units they need again, findings
past a limit wait in a temporary file, and the reports are written a piece at a time. Each
of these must give the report of keeping everything."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import check, findings, run_check
from aligner.check import units as units_module
from aligner.check.keyed import KeyedPositions
from aligner.check.units import Unit
from aligner.model import TermEntry

GLOSSARY = "zh,en\n深度学习,deep learning\n开源,open source\n"

# our own sentences: terms rendered and missed, one source with two targets, one target
# shared by two sources, an English-first TU, and repeats so findings outnumber a small limit
_TUS = [
    ("深度学习改变了翻译。", "Deep learning changed translation."),
    ("深度学习改变了翻译。", "Machine learning changed translation."),
    ("开源模型越来越多。", "There are more and more open models."),
    ("开源社区很活跃。", "The open source community is active."),
    ("这个社区很活跃。", "The open source community is active."),
    ("我们使用深度学习。", "We use neural methods here."),
]


def _tmx(tus: list[tuple[str, str]], repeat: int) -> bytes:
    body = []
    for n in range(repeat):
        for i, (zh, en) in enumerate(tus):
            body.append(f'<tu tuid="{n}-{i}"><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
                        f'<tuv xml:lang="en-US"><seg>{en}</seg></tuv></tu>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
            'segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" '
            'creationtoolversion="1"/><body>\n' + "\n".join(body) + "\n</body></tmx>\n").encode()


@pytest.fixture()
def case(tmp_path: Path) -> tuple[Path, Path]:
    tm, glossary = tmp_path / "tm.tmx", tmp_path / "glossary.csv"
    tm.write_bytes(_tmx(_TUS, 4))
    glossary.write_text(GLOSSARY, encoding="utf-8")
    return tm, glossary


def _rules() -> set[str]:
    from aligner.check import all_rules

    return {r.id for r in all_rules()}


def test_spilled_findings_give_the_same_reports(case: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    tm, glossary = case
    kept = run_check([tm], glossary, rules=_rules())
    assert not kept.findings.spilled
    monkeypatch.setattr(findings, "IN_MEMORY", 3)
    spilled = run_check([tm], glossary, rules=_rules())
    assert spilled.findings.spilled and len(spilled.findings) > 3
    assert {"missing-term", "inconsistent-target", "inconsistent-source"} <= set(spilled.by_rule())
    assert spilled.to_json() == kept.to_json()
    assert spilled.to_text() == kept.to_text()
    assert list(spilled.findings) == list(kept.findings)
    assert spilled.findings[-1] == kept.findings[-1] and spilled.findings[1:3] == kept.findings[1:3]


def test_the_streamed_json_is_the_json_report(case: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    tm, glossary = case
    monkeypatch.setattr(findings, "IN_MEMORY", 5)
    report = run_check([tm], glossary, rules=_rules())
    whole = json.dumps(report.to_json(), ensure_ascii=False, indent=2, sort_keys=True)
    assert "".join(report.iter_json()) == whole
    clean = check([], [TermEntry(zh="开源", en="open source")])
    assert not clean.findings
    assert "".join(clean.iter_json()) == json.dumps(clean.to_json(), ensure_ascii=False, indent=2, sort_keys=True)


def test_a_tmx_path_is_parsed_as_it_is_read(case: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    tm, glossary = case
    from_stdin = run_check(["-"], glossary, stdin=io.BytesIO(tm.read_bytes()), rules=_rules())

    def whole_file(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("the TMX was read whole")

    monkeypatch.setattr(units_module, "read_input", whole_file)
    streamed = run_check([tm], glossary, rules=_rules())
    assert streamed.units == from_stdin.units == 4 * len(_TUS)
    # the same findings, stdin read again from what it gave for the consistency rules
    assert [(f.rule, f.unit, f.line, f.message.replace(str(tm), "<stdin>")) for f in streamed.findings] == \
        [(f.rule, f.unit, f.line, f.message) for f in from_stdin.findings]
    assert streamed.by_rule()["inconsistent-target"] == 4


def test_a_tmx_with_a_doctype_is_still_read_whole(tmp_path: Path) -> None:
    data = _tmx(_TUS[:1], 1).replace(b"<tmx ", b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx ', 1)
    path = tmp_path / "doc.tmx"
    path.write_bytes(data.replace("改变".encode(), "改&nbsp;变".encode()))
    assert units_module._streamable_head(path) is None  # &nbsp; needs the whole text rewritten
    units = list(units_module.read_units([path]))
    assert units[0].source == "深度学习改\u00a0变了翻译。"


def test_a_one_shot_iterator_is_checked_like_a_list() -> None:
    units = [Unit(file="a.tmx", id=str(i), line=i, source=zh, target=en)
             for i, (zh, en) in enumerate(_TUS * 2, 1)]
    glossary = [TermEntry(zh="深度学习", en="deep learning")]
    assert check(iter(units), glossary, rules=_rules()).to_json() == \
        check(units, glossary, rules=_rules()).to_json()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("xyz")), max_size=30))
def test_keyed_positions_find_every_group_with_different_members(pairs: list[tuple[str, str]]) -> None:
    keyed = KeyedPositions()
    for position, (group, member) in enumerate(pairs):
        keyed.add(group, member, position * 3)
    mixed_groups = {g for g in "abc" if len({m for gg, m in pairs if gg == g}) > 1}
    assert keyed.mixed() == {p * 3 for p, (g, _m) in enumerate(pairs) if g in mixed_groups}
