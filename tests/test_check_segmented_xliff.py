"""``aligner check`` on segmented XLIFF 1.2 (``<seg-source>`` with ``mrk mtype="seg"``): one
unit per segment, and Trados SDLXLIFF segment status (``sdl:seg conf``) deciding what is
fuzzy. Fixtures: tests/data/check/segmented; each trans-unit's comment says what it is for."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import UnitReader, read_units
from aligner.cli import cli
from tests.check_helpers import check_cli, work_in

DATA = Path(__file__).parent / "data" / "check"


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The segmented fixtures plus glossary.csv, in the current directory."""
    return work_in(tmp_path, monkeypatch, "segmented")


_run = check_cli


def _units(path: Path) -> list[tuple[str, int | None, str, str, bool]]:
    return [(u.id, u.line, u.source, u.target, u.fuzzy) for u in read_units([path])]


# --- reading ------------------------------------------------------------------------------------

def test_sdlxliff_one_unit_per_segment(work: Path) -> None:
    """Segment text without the neighbour sentence; inline <g>/<x/> read as in unsegmented
    XLIFF (their text kept, placeholders dropped), also when the mrk sits inside a <g>; the
    line is the source mrk's; the Trados conf decides fuzzy."""
    assert _units(work / "trados.sdlxliff") == [
        ("p1#1", 12, "深度学习需要数据。", "Machine learning needs data.", False),  # Translated
        ("p1#2", 13, "智能体很重要。", "Intelligent bodies matter.", True),  # Draft
        ("p2#3", 20, "对齐很重要。", "Alignment matters.", False),  # ApprovedSignOff
        ("p2#4", 21, "开源模型很多。", "", False),  # no target mrk: untranslated
        ("p3#5", 28, "人工智能在进步。", "Machines are improving.", True),  # no conf
        ("p3#6", 28, "大语言模型在进步。", "Big models are improving.", True),  # RejectedSignOff
    ]


def test_generic_seg_source_uses_trans_unit_state(work: Path) -> None:
    """Without sdl:seg-defs the trans-unit's target state applies to each of its segments;
    text between segments (<ph>) belongs to none; a trans-unit without seg-source is read
    whole, exactly as before."""
    assert _units(work / "okapi.xlf") == [
        ("t1#0", 9, "深度学习需要数据。", "Deep learning needs data.", False),
        ("t1#1", 9, "智能体很重要。", "Agents matter.", False),
        ("t2#0", 14, "对齐很重要。", "Matching matters.", True),  # needs-review-translation
        ("t2#1", 14, "开源很重要。", "Open source matters.", True),
        ("t3", 17, "人工智能很重要。", "Machines matter.", False),
    ]


@pytest.mark.parametrize(("conf", "fuzzy"), [
    ("Draft", True), ("RejectedTranslation", True), ("RejectedSignOff", True), (None, True),
    ("Translated", False), ("ApprovedTranslation", False), ("ApprovedSignOff", False),
])
def test_sdl_conf_levels(tmp_path: Path, conf: str | None, fuzzy: bool) -> None:
    attribute = f' conf="{conf}"' if conf else ""
    path = tmp_path / "one.sdlxliff"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
        'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2">'
        '<file original="x" source-language="zh-CN" target-language="en-US" datatype="plaintext"><body>'
        '<trans-unit id="a"><source>对齐。</source><seg-source><mrk mtype="seg" mid="1">对齐。</mrk></seg-source>'
        '<target><mrk mtype="seg" mid="1">Alignment.</mrk></target>'
        f'<sdl:seg-defs><sdl:seg id="1"{attribute}/></sdl:seg-defs></trans-unit></body></file></xliff>',
        encoding="utf-8")
    reader = UnitReader()
    assert [u.fuzzy for u in reader.read([path])] == [fuzzy]
    assert reader.files[0].fuzzy == int(fuzzy)


def test_unsegmented_target_is_read_whole(tmp_path: Path) -> None:
    """A target without segment marks cannot be matched sentence by sentence: the
    trans-unit is read whole (no text is lost)."""
    path = tmp_path / "mixed.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
        '<file original="x" source-language="zh-CN" target-language="en-US" datatype="plaintext"><body>'
        '<trans-unit id="a"><source>对齐。开源。</source>'
        '<seg-source><mrk mtype="seg" mid="1">对齐。</mrk><mrk mtype="seg" mid="2">开源。</mrk></seg-source>'
        '<target>Alignment. Open source.</target></trans-unit></body></file></xliff>',
        encoding="utf-8")
    assert _units(path) == [("a", 1, "对齐。开源。", "Alignment. Open source.", False)]


def test_target_segment_without_source_is_reported(tmp_path: Path) -> None:
    """A target mrk whose mid is not in <seg-source> is a damaged unit: listed in
    skipped_units, an error with --strict."""
    path = tmp_path / "odd.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
        '<file original="x" source-language="zh-CN" target-language="en-US" datatype="plaintext"><body>\n'
        '<trans-unit id="a"><source>对齐。</source>\n'
        '<seg-source><mrk mtype="seg" mid="1">对齐。</mrk></seg-source>\n'
        '<target><mrk mtype="seg" mid="1">Alignment.</mrk>\n<mrk mtype="seg" mid="7">Extra.</mrk></target>\n'
        '</trans-unit></body></file></xliff>\n',
        encoding="utf-8")
    reader = UnitReader()
    assert [(u.id, u.target) for u in reader.read([path])] == [("a#1", "Alignment.")]
    assert reader.bad_units == [(f"{path}:6", 'target segment mid="7" of trans-unit "a" has no '
                                              "source segment in <seg-source>")]


# --- the command ---------------------------------------------------------------------------------

TRADOS_TEXT = """\
深度学习 → deep learning  [missing-term]: 1 error
  error   trados.sdlxliff:12 (unit p1#1): 深度学习 is in the source but deep learning is not in the target
          target: Machine learning needs data.

6 units in 1 file against 10 glossary terms: 2 term occurrences, 1 finding (1 error); 1 untranslated unit not checked; skipped 3 fuzzy entries (--include-fuzzy checks them).
"""

TRADOS_FUZZY_TEXT = """\
人工智能 → artificial intelligence / AI  [missing-term]: 1 error
  error   trados.sdlxliff:28 (unit p3#5) [fuzzy]: 人工智能 is in the source but artificial intelligence / AI is not in the target
          target: Machines are improving.

大语言模型 → large language model / LLM  [missing-term]: 1 error
  error   trados.sdlxliff:28 (unit p3#6) [fuzzy]: 大语言模型 is in the source but large language model / LLM is not in the target
          target: Big models are improving.

深度学习 → deep learning  [missing-term]: 1 error
  error   trados.sdlxliff:12 (unit p1#1): 深度学习 is in the source but deep learning is not in the target
          target: Machine learning needs data.

智能体 → agent  [forbidden-variant]: 1 error
  error   trados.sdlxliff:13 (unit p1#2) [fuzzy]: 智能体 is translated with Intelligent bodies, which the glossary does not allow
          target: Intelligent bodies

6 units in 1 file against 10 glossary terms: 5 term occurrences, 4 findings (4 errors); 1 untranslated unit not checked; 3 fuzzy entries checked.
"""


def test_sdlxliff_text_report(work: Path) -> None:
    """The finding names the segment and its line; Draft, Not Translated and Rejected
    segments are skipped and counted; the untranslated segment is counted."""
    result = _run("trados.sdlxliff")
    assert result.exit_code == 1
    assert result.stdout == TRADOS_TEXT


def test_sdlxliff_include_fuzzy(work: Path) -> None:
    result = _run("trados.sdlxliff", "--include-fuzzy")
    assert result.exit_code == 1
    assert result.stdout == TRADOS_FUZZY_TEXT


def test_sdlxliff_json_counts(work: Path) -> None:
    data = json.loads(_run("trados.sdlxliff", "--json").stdout)
    assert data["files"] == [{"path": "trados.sdlxliff", "format": "xliff-1.2", "units": 6,
                              "untranslated": 1, "fuzzy": 3}]
    counts = {k: data["counts"][k] for k in ("units", "untranslated", "fuzzy", "fuzzy_skipped",
                                             "term_hits", "findings")}
    assert counts == {"units": 6, "untranslated": 1, "fuzzy": 3, "fuzzy_skipped": 3,
                      "term_hits": 2, "findings": 1}
    assert [(f["unit"], f["line"], f["fuzzy"]) for f in data["findings"]] == [("p1#1", 12, False)]

    data = json.loads(_run("trados.sdlxliff", "--json", "--include-fuzzy").stdout)
    assert data["counts"]["fuzzy_skipped"] == 0
    assert [(f["unit"], f["line"], f["rule"], f["fuzzy"]) for f in data["findings"]] == [
        ("p1#1", 12, "missing-term", False),
        ("p1#2", 13, "forbidden-variant", True),
        ("p3#5", 28, "missing-term", True),
        ("p3#6", 28, "missing-term", True),
    ]


def test_generic_seg_source_report(work: Path) -> None:
    """t2 (needs-review-translation) is skipped by default, its segments marked with
    --include-fuzzy; the unsegmented t3 is reported at its trans-unit as before."""
    result = _run("okapi.xlf")
    assert result.exit_code == 1
    assert result.stdout == """\
人工智能 → artificial intelligence / AI  [missing-term]: 1 error
  error   okapi.xlf:17 (unit t3): 人工智能 is in the source but artificial intelligence / AI is not in the target
          target: Machines matter.

5 units in 1 file against 10 glossary terms: 3 term occurrences, 1 finding (1 error); skipped 2 fuzzy entries (--include-fuzzy checks them).
"""
    result = _run("okapi.xlf", "--include-fuzzy")
    assert "  error   okapi.xlf:14 (unit t2#0) [fuzzy]: 对齐 is in the source but alignment is not in the target\n" \
        in result.stdout
    assert result.stdout.endswith("5 term occurrences, 2 findings (2 errors); 2 fuzzy entries checked.\n")


def test_mqxliff_found_in_folder(work: Path, tmp_path: Path) -> None:
    """memoQ's .mqxliff is read from a folder like .sdlxliff (status: the XLIFF 1.2 rules)."""
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(work / "okapi.xlf", folder / "doc.mqxliff")
    reader = UnitReader()
    assert len(list(reader.read([folder]))) == 5
    assert reader.skipped == []


# --- property: segments come back as written ------------------------------------------------------

def _spaces(text: str) -> str:
    return " ".join(text.split())


_TEXT = st.text(alphabet=st.sampled_from(list("对齐开源模型很重要。 abcAB.,&<>\"'")), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_TEXT, st.one_of(st.none(), _TEXT),
                          st.sampled_from(["Draft", "Translated", "ApprovedSignOff", None])),
                min_size=1, max_size=4))
def test_segments_round_trip(tmp_path_factory: pytest.TempPathFactory,
                             segments: list[tuple[str, str | None, str | None]]) -> None:
    """Any segmentation reads back as one unit per segment, in order, with its own source,
    its own target ("" when absent) and fuzzy exactly when translated and not confirmed."""
    def mrk(mid: int, text: str) -> str:
        return f'<mrk mtype="seg" mid="{mid}">{escape(text)}</mrk>'

    seg_source = "".join(mrk(i, src) for i, (src, _, _) in enumerate(segments))
    target = "".join(mrk(i, tgt) for i, (_, tgt, _) in enumerate(segments) if tgt is not None)
    defs = "".join(f'<sdl:seg id="{i}"' + (f' conf="{conf}"' if conf else "") + "/>"
                   for i, (_, _, conf) in enumerate(segments))
    path = tmp_path_factory.mktemp("prop") / "p.sdlxliff"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
        'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2">'
        '<file original="x" source-language="zh-CN" target-language="en-US" datatype="plaintext"><body>'
        f'<trans-unit id="u"><source>x</source><seg-source>{seg_source}</seg-source>'
        f'<target>{target}</target><sdl:seg-defs>{defs}</sdl:seg-defs></trans-unit></body></file></xliff>',
        encoding="utf-8")
    # whitespace is normalised as in any XLIFF unit without xml:space="preserve"
    expected = [(f"u#{i}", _spaces(src), _spaces(tgt or ""),
                 bool((tgt or "").strip()) and conf not in {"Translated", "ApprovedSignOff"})
                for i, (src, tgt, conf) in enumerate(segments)]
    assert [(u.id, _spaces(u.source), _spaces(u.target), u.fuzzy)
            for u in read_units([path])] == expected


def test_a_folder_without_tm_files_lists_every_extension_read(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("no TM here\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "-g", str(DATA / "glossary.csv")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"aligner: {tmp_path}: folder has no TM or bilingual file (.csv, .mqxliff, .po, .pot, .sdlxliff, "
        ".tmx, .tsv, .xlf, .xliff). give the files directly or another folder.\n")


def test_trados_tracked_changes_are_read_as_accepted(tmp_path: Path) -> None:
    """Deleted text (``x-sdl-deleted``) is not in the segment; added text (``x-sdl-added``) is."""
    path = tmp_path / "tracked.sdlxliff"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
        'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2">'
        '<file original="x" source-language="zh-CN" target-language="en-US" datatype="plaintext"><body>'
        '<trans-unit id="a"><source>深度学习需要数据。</source>'
        '<seg-source><mrk mtype="seg" mid="1">深度学习需要数据。</mrk></seg-source>'
        '<target><mrk mtype="seg" mid="1"><mrk mtype="x-sdl-deleted" sdl:revid="r1">Machine</mrk>'
        '<mrk mtype="x-sdl-added" sdl:revid="r2">Deep</mrk> learning needs data.</mrk></target>'
        '<sdl:seg-defs><sdl:seg id="1" conf="Translated"/></sdl:seg-defs></trans-unit></body></file></xliff>',
        encoding="utf-8")
    assert [u.target for u in read_units([path])] == ["Deep learning needs data."]
    result = CliRunner().invoke(cli, ["check", str(path), "-g", str(DATA / "glossary.csv")])
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (
        0, "1 unit in 1 file against 10 glossary terms: 1 term occurrence, no findings.")


# --- inline codes per segment -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "flagged"), [
    ("codes.sdlxliff", {"bad-x#1": ['<x id="2"/>'], "bad-g#3": ['<g id="1">'],
                        "bad-bx#5": ['<ex id="6"/>']}),
    ("codes.xlf", {"bad-ph#0": ['<ph id="1">'], "bad-swapped#0": ['<x id="3"/>']}),
])
def test_inline_codes_are_checked_per_segment(name: str, flagged: dict[str, list[str]]) -> None:
    """<x/>, <g>, <ph>, <bx>/<ex>, <bpt>/<ept> inside a segment's <mrk> are compared with the
    same segment's target, as in an unsegmented trans-unit: a code dropped or renumbered in
    one segment is found there and only there; a code between two segments (outside every
    <mrk>) belongs to neither, and the clean segments of every trans-unit give nothing."""
    from aligner.check import run_check

    path = DATA / "segmented_codes" / name
    report = run_check([path], DATA / "glossary.csv", rules={"tag-mismatch"})
    assert {f.unit: list(f.expected) for f in report.findings} == flagged
    units = {u.id: u for u in read_units([path])}
    assert all(units[ident].codes[0] for ident in flagged)  # the codes reached the unit
    clean = [u for ident, u in units.items() if ident not in flagged]
    assert clean and any(u.codes[0] for u in clean)
