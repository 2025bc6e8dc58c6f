"""``aligner check``: golden reports on real files written by translate-toolkit's converters
and by our TMX writer, the masking case, the English matcher, and the CLI contract.

Set ALIGNER_UPDATE_GOLDEN=1 to rewrite the golden JSON after a deliberate change.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.check import (
    SCHEMA_VERSION, TermIndex, Unit, UnitReader, check, check_translation_units, check_units,
    read_units, run_check, select_rules,
)
from aligner.check.rules import TERM_RULES
from aligner.check.terms import fold_target, tolerant_pattern
from aligner.cli import cli
from aligner.formats.glossary_read import read_glossary
from aligner.model import Severity, TermEntry, TermStatus, TranslationUnit

DATA = Path(__file__).parent / "data" / "check"
GOLDEN = DATA / "golden"
BIN = Path(sys.executable).parent


def _tool(name: str, *args: str) -> None:
    subprocess.run([str(BIN / name), "--progress", "none", *args], check=True,
                   capture_output=True)


@pytest.fixture(scope="module")
def glossary() -> TermIndex:
    return TermIndex(read_glossary(DATA / "glossary.csv"))


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding tm.po and glossary.csv, as the current directory (stable paths)."""
    shutil.copy(DATA / "tm.po", tmp_path / "tm.po")
    shutil.copy(DATA / "glossary.csv", tmp_path / "glossary.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _po_pairs(path: Path) -> list[tuple[str, str, str]]:
    from translate.storage.po import pofile

    store = pofile.parsefile(str(path))
    return [(u.getcontext() or "", u.source, u.target) for u in store.units if not u.isheader()]


def _make(kind: str) -> str:
    """Write tm.po in format ``kind`` with the real tool; return the file name."""
    if kind == "po":
        return "tm.po"
    if kind == "tmx":
        _tool("po2tmx", "-i", "tm.po", "-o", "tm.tmx", "--source-language", "zh-CN", "-l", "en-US")
        return "tm.tmx"
    if kind == "xliff":
        _tool("po2xliff", "-i", "tm.po", "-o", "tm.xlf")
        return "tm.xlf"
    if kind == "csv":
        _tool("po2csv", "-i", "tm.po", "-o", "tm.csv")
        return "tm.csv"
    if kind == "xliff2":
        from translate.storage.xliff2 import Xliff2File

        store = Xliff2File()
        store.setsourcelanguage("zh-CN")
        store.settargetlanguage("en-US")
        for number, (_ctx, source, target) in enumerate(_po_pairs(Path("tm.po")), 1):
            unit = store.addsourceunit(source)
            unit.setid(f"u{number}")
            if target:
                unit.target = target
        Path("tm2.xlf").write_bytes(bytes(store))
        return "tm2.xlf"
    if kind == "ours":
        from aligner.formats.tmx import write_tmx

        units = [TranslationUnit(source=s, target=t) for _c, s, t in _po_pairs(Path("tm.po")) if t]
        write_tmx(units, "ours.tmx", creation_date="20260101T000000Z")
        return "ours.tmx"
    raise AssertionError(kind)


def _golden(name: str, data: dict) -> None:
    path = GOLDEN / name
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"report differs from {path}"


FORMATS = ["po", "tmx", "xliff", "xliff2", "csv", "ours"]


@pytest.mark.parametrize("kind", FORMATS)
def test_golden_report_per_format(work: Path, kind: str) -> None:
    """The known errors of tm.po, whatever the format carrying them; golden JSON per format."""
    report = run_check([_make(kind)], "glossary.csv")
    _golden(f"tm.{kind}.json", report.to_json())
    found = sorted((f.rule, f.severity.value, f.source_term) for f in report.findings
                   if f.rule != "inconsistent-target")
    assert found == [
        ("forbidden-variant", "error", "智能体"),
        ("keep-as-is", "error", "DeepSeek"),
        ("keep-as-is", "warning", "DeepSeek"),
        ("missing-term", "error", "有效加速主义"),
        ("missing-term", "error", "深度学习"),
    ]


def test_utf16_tmx_as_trados_writes_it(work: Path) -> None:
    name = _make("tmx")
    text = Path(name).read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    Path("utf16.tmx").write_bytes(text.encode("utf-16"))
    report = run_check(["utf16.tmx"], "glossary.csv")
    assert report.files[0].format == "tmx" and report.units == 13
    assert len(report.findings) == 6


def test_units_keep_file_and_line_or_id(work: Path) -> None:
    _make("tmx")
    _make("xliff2")
    units = list(read_units(["tm.po", "tm.tmx", "tm2.xlf"]))
    po = [u for u in units if u.file == "tm.po"]
    assert po[1] == Unit("tm.po", "", 12, "有效加速主义主张无条件地推进技术进步。",
                         "Accelerationism advocates pushing technological progress unconditionally.")
    assert [u.line for u in units if u.file == "tm.tmx"][:2] == [6, 14]
    assert [u.id for u in units if u.file == "tm2.xlf"][:2] == ["u1", "u2"]


def test_folder_reads_known_files_and_counts_the_rest(work: Path) -> None:
    folder = work / "tms"
    (folder / "sub").mkdir(parents=True)
    shutil.copy("tm.po", folder / "a.po")
    shutil.copy("tm.po", folder / "sub" / "b.po")
    (folder / "readme.txt").write_text("not a TM\n", encoding="utf-8")
    reader = UnitReader()
    units = list(read_units([folder], reader=reader))
    assert len(units) == 28
    assert [f.path for f in reader.files] == [str(folder / "a.po"), str(folder / "sub" / "b.po")]
    assert reader.skipped == [(str(folder / "readme.txt"), "not a TM or bilingual file")]


def test_folder_holding_the_glossary_skips_it(work: Path) -> None:
    folder = work / "out"
    folder.mkdir()
    shutil.copy("tm.po", folder / "tm.po")
    shutil.copy("glossary.csv", folder / "glossary.csv")
    report = run_check([folder], folder / "glossary.csv")
    assert [f.path for f in report.files] == [str(folder / "tm.po")]
    assert report.skipped == [(str(folder / "glossary.csv"), "the glossary")]


def test_stdin_is_read_with_dash(work: Path) -> None:
    report = run_check(["-"], "glossary.csv", stdin=io.BytesIO(Path("tm.po").read_bytes()))
    assert report.files[0].path == "<stdin>"
    assert len(report.findings) == 6


# --- the masking case and word boundaries -------------------------------------------------

def test_masking_effective_accelerationism(glossary: TermIndex) -> None:
    """加速主义 inside 有效加速主义 is no hit of its own: the report names the longer term."""
    units = [Unit("m.tmx", "1", None, "有效加速主义主张无条件地推进技术进步。",
                  "Accelerationism advocates unconditional progress.")]
    report = check(units, glossary)
    assert [(f.rule, f.source_term, f.expected) for f in report.findings] == [
        ("missing-term", "有效加速主义", ("effective accelerationism", "e/acc"))]
    hits = glossary.find("有效加速主义和加速主义")
    assert [(h.form, h.start, h.end) for h in hits] == [("有效加速主义", 0, 6), ("加速主义", 7, 11)]


def test_masking_both_terms_present(glossary: TermIndex) -> None:
    """Both terms in one segment: each is checked on its own; only the missing one is reported."""
    units = [Unit("m.tmx", "1", None, "有效加速主义不同于加速主义。",
                  "Effective accelerationism differs from accelerationism."),
             Unit("m.tmx", "2", None, "有效加速主义不同于加速主义。x",
                  "Effective accelerationism differs from the older view.")]
    report = check(units, glossary)
    assert [(f.unit, f.source_term) for f in report.findings] == [("2", "加速主义")]


def test_term_inside_a_longer_word_is_not_a_hit(glossary: TermIndex) -> None:
    """智能 inside 智能手机 (one jieba word) is not the term 智能: raw substring matching
    would report a missing 'intelligence' here."""
    assert glossary.find("智能手机已经非常普及。") == []
    assert [h.form for h in glossary.find("人工智能的未来")] == ["人工智能"]


def test_latin_term_needs_word_boundaries(glossary: TermIndex) -> None:
    assert [h.form for h in glossary.find("用DeepSeek-V3写代码")] == ["DeepSeek"]
    assert glossary.find("MyDeepSeekerApp很好") == []


@pytest.mark.parametrize("form, text, found", [
    ("large language model", "Large language models help.", True),
    ("large language model", "a large-language-model approach", True),
    ("large language model", "the large language model's output", True),
    ("open source", "open-source tools", True),
    ("open source", "opensource tools", True),
    ("open source", "open\u2011source and open\u00a0source", True),
    ("agent", "the agent\u2019s tools", True),
    ("ontology", "two ontologies", True),
    ("box", "many boxes", True),
    ("agent", "the agents' tools", True),
    ("agent", "an agency", False),
    ("AI", "the AIs", True),
    ("AI", "said", False),
    ("alignment", "misalignment", False),
    ("C++", "written in C++ today", True),
    ("industries", "the AI industry", True),
    ("industries", "the AI industries", True),
    ("boxes", "one box", True),
    ("analysis", "an analysis", True),
    ("news", "new", False),
    ("refer", "when referring to it", True),  # verb endings, a doubled consonant
    ("move", "it was moved", True),
    ("apply", "rules applied", True),
    ("lock", "a lockout", False),
])
def test_english_forms_tolerate_inflection(form: str, text: str, found: bool) -> None:
    import re

    assert bool(re.search(tolerant_pattern(form), fold_target(text), re.IGNORECASE)) is found


def test_proposed_terms_are_a_separate_rule_off_by_default() -> None:
    """A machine-proposed English form is no error: its findings have their own rule, off by
    default and counted in the summary; an entry without a status (a user's plain CSV) and
    an attested or reviewed one stay ``missing-term`` errors."""
    unit = Unit("f", "1", None, "王小明说。", "He said.")
    entry = TermEntry("王小明", "Wang Xiaoming", status=TermStatus.PROPOSED)
    report = check([unit], [entry])
    assert report.findings == [] and report.proposed_hidden == 1
    assert "1 missing term of proposed glossary entries not reported" in report.summary()
    assert report.to_json()["counts"]["proposed_hidden"] == 1
    listed = check([unit], [entry], rules=select_rules(["missing-term-proposed"]))
    assert [(f.rule, f.severity) for f in listed.findings] == [
        ("missing-term-proposed", Severity.INFO)]
    assert listed.proposed_hidden == 0
    for status in (TermStatus.ATTESTED, TermStatus.REVIEWED):
        confirmed = check([unit], [TermEntry("王小明", "Wang Xiaoming", status=status)])
        assert [(f.rule, f.severity) for f in confirmed.findings] == [
            ("missing-term", Severity.ERROR)]


def test_plain_csv_glossary_without_status_is_confirmed(tmp_path: Path) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text("zh,en\n王小明,Wang Xiaoming\n", encoding="utf-8")
    report = check([Unit("f", "1", None, "王小明说。", "He said.")], read_glossary(glossary))
    assert [(f.rule, f.severity) for f in report.findings] == [("missing-term", Severity.ERROR)]


def test_chinese_variant_is_a_source_form() -> None:
    entry = TermEntry("加速主义", "accelerationism", variants=("加速论",))
    report = check([Unit("f", "1", None, "我们讨论加速论。", "We discuss it.")], [entry])
    assert [(f.source_term, f.message) for f in report.findings] == [
        ("加速主义", "加速主义 (as 加速论) is in the source but accelerationism is not in the target")]


def test_pipeline_entry_point_takes_translation_units() -> None:
    units = [TranslationUnit("深度学习需要数据。", "Deep learning needs data.", doc="a", src_line=3),
             TranslationUnit("深度学习需要数据。", "It needs data.", doc="a", src_line=9)]
    entries = [TermEntry("深度学习", "deep learning")]
    report = check_translation_units(units, entries)
    assert [(f.file, f.unit, f.line, f.rule) for f in report.findings] == [
        ("a", "2", 9, "missing-term"), ("a", "2", 9, "inconsistent-target")]
    data = check_units(units, entries)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["summary"] == ("2 units in 1 file against 1 glossary term: 2 term occurrences, "
                               "2 findings (1 error, 1 warning).")


# --- the command ------------------------------------------------------------------------------

def test_cli_text_report_and_exit_1(work: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "tm.po", "-g", "glossary.csv"])
    assert result.exit_code == 1
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        (GOLDEN / "tm.po.txt").write_text(result.output, encoding="utf-8")
    assert result.output == (GOLDEN / "tm.po.txt").read_text(encoding="utf-8")


def test_cli_json_matches_the_library(work: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "tm.po", "-g", "glossary.csv", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output) == json.loads((GOLDEN / "tm.po.json").read_text("utf-8"))


def test_cli_fail_on_levels(work: Path) -> None:
    Path("warn.po").write_text(
        'msgid "人工智能改变了世界。"\nmsgstr "AI changed the world."\n\n'
        'msgctxt "2"\nmsgid "人工智能改变了世界。"\nmsgstr "Artificial intelligence changed the world."\n',
        encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["check", "warn.po", "-g", "glossary.csv"]).exit_code == 0
    assert runner.invoke(cli, ["check", "warn.po", "-g", "glossary.csv", "--fail-on", "warning"]).exit_code == 1


def test_cli_clean_exits_0(work: Path) -> None:
    Path("ok.po").write_text('msgid "深度学习需要数据。"\nmsgstr "Deep learning needs data."\n',
                             encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "ok.po", "-g", "glossary.csv"])
    assert result.exit_code == 0
    assert result.output == ("1 unit in 1 file against 10 glossary terms: 1 term occurrence, "
                             "no findings.\n")


@pytest.mark.parametrize("content, name, message", [
    ("<tmx version='1.4'><header/><body><tu>\n<tuv xml:lang='zh'><seg>x</seg></tuv>\n</body></tmx>",
     "bad.tmx",
     "aligner: bad.tmx:3: not well-formed XML at column 8: <tu> (opened on line 1) is closed by </body>. "
     "close <tu> before </body>, or remove the stray tag.\n"),
    ("<html><body/></html>", "page.tmx",
     "aligner: page.tmx:1: XML root <html> is neither TMX nor XLIFF. "
     "give a TMX, XLIFF 1.2/2.0, PO or bilingual CSV file.\n"),
    ('msgid "a"\nmsgstr "b"\nmsgid\n', "bad.po", None),
    ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
     '<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>加速主义</seg>'
     '</tuv><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu></body></tmx>\n', "xxe.tmx",
     "aligner: xxe.tmx:2: the file declares the XML entity xxe. remove the <!DOCTYPE ...[...]> "
     "entity declarations and write the characters themselves; entities are refused for safety.\n"),
])
def test_cli_bad_input_is_one_line_and_exit_2(work: Path, content: str, name: str,
                                               message: str | None) -> None:
    Path(name).write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", name, "-g", "glossary.csv"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith(f"aligner: {name}:")
    if message:
        assert result.output == message


def test_cli_missing_glossary(work: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "tm.po", "-g", "nope.tbx"])
    assert result.exit_code == 2
    assert result.output == "aligner: nope.tbx: glossary file not found. check the path.\n"


def test_cli_missing_file(work: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "nope.tmx", "-g", "glossary.csv"])
    assert result.exit_code == 2
    assert result.output == "aligner: nope.tmx: file not found. check the path.\n"


def test_same_input_same_bytes(work: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["check", "tm.po", "-g", "glossary.csv", "--json"]).output
    assert first == runner.invoke(cli, ["check", "tm.po", "-g", "glossary.csv", "--json"]).output


# --- orientation and the simpler bilingual formats ---------------------------------------------

def test_reversed_tmx_and_po_are_checked_zh_to_en(work: Path) -> None:
    """An en→zh TM (tags or script say so) is checked with Chinese as the source side."""
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="en-US", targetlanguage="zh-CN")
    store.addtranslation("This approach needs data.", "en-US", "深度学习需要数据。", "zh-CN")
    store.addtranslation("Deep learning needs data.", "en-US", "深度学习需要很多数据。", "zh-CN")
    Path("rev.tmx").write_bytes(bytes(store))
    Path("rev.po").write_text('msgid "This approach needs data."\nmsgstr "深度学习需要数据。"\n',
                              encoding="utf-8")
    # each miss listed on its own (term-varies would group the two misses of this entry)
    report = run_check(["rev.tmx", "rev.po"], "glossary.csv", rules=select_rules(skip=["term-varies"]))
    assert [(f.file, f.line, f.source_term, f.target) for f in report.findings] == [
        ("rev.tmx", 6, "深度学习", "This approach needs data."),
        ("rev.po", 1, "深度学习", "This approach needs data."),
    ]


@pytest.mark.parametrize("name, text", [
    ("tm.csv", "id,zh,en\nu1,深度学习需要数据。,This needs data.\nu2,对齐很难。,Alignment is hard.\n"),
    ("tm.tsv", "zh-CN\ten-US\n深度学习需要数据。\tThis needs data.\n对齐很难。\tAlignment is hard.\n"),
    ("tm.tsv", "深度学习需要数据。\tThis needs data.\n对齐很难。\tAlignment is hard.\n"),
])
def test_bilingual_csv_and_tsv(work: Path, name: str, text: str) -> None:
    Path(name).write_text(text, encoding="utf-8")
    report = run_check([name], "glossary.csv")
    assert report.units == 2
    assert [(f.source_term, f.line) for f in report.findings] == [
        ("深度学习", 2 if text.startswith(("id", "zh")) else 1)]
    if name == "tm.csv":
        assert report.findings[0].unit == "u1"


def test_glossary_lines_with_the_same_chinese_merge() -> None:
    """OmegaT lists one line per translation: all of them are allowed."""
    entries = [TermEntry("智能体", "agent"), TermEntry("智能体", "AI agent")]
    units = [Unit("f", "1", None, "智能体可以调用工具。", "AI agents can call tools."),
             Unit("f", "2", None, "智能体可以写代码。", "The model can write code.")]
    report = check(units, entries)
    assert [(f.unit, f.expected) for f in report.findings] == [("2", ("agent", "AI agent"))]


def test_latin_source_term_kept_in_the_target_is_fine() -> None:
    entries = [TermEntry("LLM", "large language model")]
    units = [Unit("f", "1", None, "LLM的能力很强。", "LLMs are capable."),
             Unit("f", "2", None, "LLM的能力很强。!", "They are capable.")]
    assert [f.unit for f in check(units, entries).findings] == ["2"]


def test_help_names_the_options() -> None:
    result = CliRunner().invoke(cli, ["check", "--help"])
    assert result.exit_code == 0
    for option in ("-g, --glossary", "--json", "--fail-on [error|warning]"):
        assert option in result.output


def test_a_contained_terms_variant_carries_over() -> None:
    """生成式人工智能 → Generative Artificial Intelligence; the glossary allows AI for 人工智能,
    so "Generative AI" is fine, and the report still shows the glossary's own forms."""
    entries = [TermEntry("人工智能", "artificial intelligence", variants=("AI",)),
               TermEntry("生成式人工智能", "generative artificial intelligence")]
    units = [Unit("f", "1", None, "生成式人工智能会终结人类吗？", "Will Generative AI end humanity?"),
             Unit("f", "2", None, "生成式人工智能会终结人类吗？!", "Will AI end humanity?")]
    report = check(units, entries)
    assert [(f.unit, f.source_term, f.expected) for f in report.findings] == [
        ("2", "生成式人工智能", ("generative artificial intelligence",))]


def test_chinese_variant_of_a_kept_term_is_an_ordinary_term() -> None:
    """AGI is kept as-is, 通用人工智能 is its Chinese variant: for the variant any allowed
    English form will do, and a miss is missing-term, not keep-as-is."""
    entries = [TermEntry("AGI", "AGI", variants=("通用人工智能",), keep_as_is=True)]
    units = [Unit("f", "1", None, "通用人工智能何时到来？", "When will agi arrive?"),
             Unit("f", "2", None, "通用人工智能何时到来？!", "When will it arrive?"),
             Unit("f", "3", None, "AGI何时到来？", "When will agi arrive?")]
    # glossary rules only: units 1 and 3 share a target (inconsistent-source, tested elsewhere)
    assert [(f.unit, f.rule, f.severity.value)
            for f in check(units, entries, rules=TERM_RULES).findings] == [
        ("2", "missing-term", "error"), ("3", "keep-as-is", "warning")]
