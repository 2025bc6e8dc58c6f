"""TMX writer and reader: golden file, validator, languages, dates, cleaning, errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from aligner.errors import FormatError, InputError, UsageError
from aligner.formats.tmx import MAX_SEGMENT_CHARS, read_tmx, resolve_creation_date, write_tmx
from aligner.model import TranslationUnit
from tests.shared_data import SHARED

DATA = Path(__file__).parent / "data" / "formats"
GOLDEN = DATA / "small.tmx"
VALIDATOR = SHARED / "bench" / "tmx_validate.py"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SIGNATURE = "aligner|src:zh-CN|tgt:en-US|scorer:test|version:0.1.0"


def load_units() -> list[TranslationUnit]:
    rows = json.loads((DATA / "units.json").read_text(encoding="utf-8"))
    return [TranslationUnit(**{k: tuple(v) if k == "anchors" else v for k, v in row.items()}) for row in rows]


def write_fixture(path: Path, **options) -> object:
    return write_tmx(load_units(), path, header_props={"x-aligner-signature": SIGNATURE, "document": "fixture"}, **options)


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_golden_file(tmp_path: Path) -> None:
    out = tmp_path / "small.tmx"
    write_fixture(out)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_bytes(out.read_bytes())
    assert out.read_bytes() == GOLDEN.read_bytes()


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    write_fixture(tmp_path / "a.tmx")
    write_fixture(tmp_path / "b.tmx")
    assert (tmp_path / "a.tmx").read_bytes() == (tmp_path / "b.tmx").read_bytes()


def test_report_counts_removed_and_skipped(tmp_path: Path) -> None:
    report = write_fixture(tmp_path / "x.tmx")
    assert report.units_written == 6
    assert report.skipped_empty == 1  # target "\x01 " is empty once cleaned
    assert report.control_chars_removed == 3  # \x07, \x00, \x01
    assert report.units_with_control_chars == 2
    assert report.long_segments == 0
    assert report.signature == SIGNATURE
    assert [str(i) for i in report.issues] == [
        "fixture:7 (source): 1 XML-illegal character(s) removed",
        "fixture:8 (target): 1 XML-illegal character(s) removed",
        "fixture:10 (target): 1 XML-illegal character(s) removed",
        "fixture:10 (target): empty side: unit not written",
    ]


def test_header_has_every_required_attribute_and_signature(tmp_path: Path) -> None:
    write_fixture(tmp_path / "x.tmx")
    root = etree.parse(str(tmp_path / "x.tmx")).getroot()
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert {k: header.get(k) for k in header.keys()} == {
        "creationtool": "aligner",
        "creationtoolversion": "0.1.0",
        "segtype": "sentence",
        "o-tmf": "aligner",
        "adminlang": "en-US",
        "srclang": "zh-CN",
        "datatype": "plaintext",
    }
    props = [(p.get("type"), p.text) for p in header.findall("prop")]
    assert props == [("x-aligner-signature", SIGNATURE), ("x-document", "fixture")]


def test_every_tuv_has_xml_lang_and_phrase_units_say_so(tmp_path: Path) -> None:
    write_fixture(tmp_path / "x.tmx")
    body = etree.parse(str(tmp_path / "x.tmx")).getroot().find("body")
    langs = [[tuv.get(XML_LANG) for tuv in tu.findall("tuv")] for tu in body]
    assert langs == [["zh-CN", "en-US"]] * 6
    assert [tu.get("segtype") for tu in body] == [None, None, None, None, "phrase", None]
    first = body[0]
    assert [(p.get("type"), p.text) for p in first.findall("prop")] == [
        ("x-score", "0.9100"), ("x-doc", "fixture"), ("x-src-line", "1"), ("x-tgt-line", "1"), ("x-anchor", "title"),
    ]


def test_written_tmx_passes_the_shared_validator(tmp_path: Path) -> None:
    if not VALIDATOR.exists():
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"{VALIDATOR} not present")
    out = tmp_path / "x.tmx"
    write_fixture(out, srclang="zh-Hans", tgtlang="en-GB", creation_date="20240131T120000Z")
    venv_python = Path("/work/venv/bin/python")
    python = str(venv_python) if venv_python.exists() else sys.executable
    result = subprocess.run(
        [python, str(VALIDATOR), str(out), "--strict", "--expect-srclang", "zh-Hans", "--expect-langs", "zh-Hans,en-GB"],
        capture_output=True, text=True, timeout=60,
    )
    if result.returncode == 2 and "tmx14.dtd not found" in result.stderr:  # neither OmegaT nor $TMX_DTD
        (pytest.fail if os.environ.get("CI") else pytest.skip)(result.stderr.strip())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "RESULT: OK (0 errors, 0 warnings)" in result.stdout


@pytest.mark.parametrize(
    ("given", "src", "tgt"),
    [
        (("zh-CN", "en-US"), "zh-CN", "en-US"),
        (("zh-Hans", "en-GB"), "zh-Hans", "en-GB"),
        (("zh", "en"), "zh", "en"),
        (("zh_cn", "EN-us"), "zh-CN", "en-US"),
        (("zh-TW", "en-US"), "zh-TW", "en-US"),
        (("zh_hk", "en-GB"), "zh-HK", "en-GB"),
        (("zh-hant", "en"), "zh-Hant", "en"),
    ],
)
def test_language_codes_are_selectable(tmp_path: Path, given: tuple[str, str], src: str, tgt: str) -> None:
    write_tmx([TranslationUnit("你好。", "Hello.")], tmp_path / "x.tmx", srclang=given[0], tgtlang=given[1])
    root = etree.parse(str(tmp_path / "x.tmx")).getroot()
    assert root.find("header").get("srclang") == src
    assert [t.get(XML_LANG) for t in root.iter("tuv")] == [src, tgt]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("srclang", "ja-JP", "unsupported --srclang 'ja-JP'. use one of zh-CN|zh-Hans|zh|zh-TW|zh-HK|zh-Hant."),
        ("tgtlang", "fr-FR", "unsupported --tgtlang 'fr-FR'. use one of en-US|en-GB|en."),
    ],
)
def test_other_language_codes_are_usage_errors(tmp_path: Path, option: str, value: str, message: str) -> None:
    with pytest.raises(UsageError) as err:
        write_tmx([], tmp_path / "x.tmx", **{option: value})
    assert str(err.value) == message
    assert not (tmp_path / "x.tmx").exists()


def test_creation_date_is_omitted_unless_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_creation_date(None) is None
    assert resolve_creation_date("20240131T120000Z") == "20240131T120000Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert resolve_creation_date(None) == "20231114T221320Z"
    write_tmx([TranslationUnit("你好。", "Hello.")], tmp_path / "x.tmx")
    assert etree.parse(str(tmp_path / "x.tmx")).getroot().find("header").get("creationdate") == "20231114T221320Z"
    assert len(resolve_creation_date("now")) == 16


@pytest.mark.parametrize("bad", ["2024-01-31", "20241331T120000Z", "yesterday"])
def test_bad_creation_date_is_a_usage_error(tmp_path: Path, bad: str) -> None:
    with pytest.raises(UsageError, match="is not a TMX date"):
        write_tmx([], tmp_path / "x.tmx", creation_date=bad)


def test_long_segments_are_written_but_reported(tmp_path: Path) -> None:
    long_text = "长" * (MAX_SEGMENT_CHARS + 1)
    units = [TranslationUnit(long_text, "Long.", doc="d", src_line=n) for n in range(1, 13)]
    report = write_tmx(units, tmp_path / "x.tmx")
    assert report.units_written == 12
    assert report.long_segments == 12
    assert len(report.issues) == 10  # the first locations only
    assert str(report.issues[0]) == "d:1 (source): 2001 characters (Trados Cloud rejects units over 2000)"
    assert next(read_tmx(tmp_path / "x.tmx")).source == long_text


def test_edge_whitespace_is_kept_and_reported(tmp_path: Path) -> None:
    report = write_tmx([TranslationUnit(" 你好。", "Hello. ")], tmp_path / "x.tmx")
    assert report.edge_whitespace == 2
    unit = next(read_tmx(tmp_path / "x.tmx"))
    assert (unit.source, unit.target) == (" 你好。", "Hello. ")


def test_unknown_segtype_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="segtype 'word'"):
        write_tmx([TranslationUnit("你", "you", segtype="word")], tmp_path / "x.tmx")


def test_a_failing_input_leaves_no_file(tmp_path: Path) -> None:
    def units():
        yield TranslationUnit("你好。", "Hello.")
        raise RuntimeError("aligner crashed")

    out = tmp_path / "x.tmx"
    out.write_text("old")
    with pytest.raises(RuntimeError):
        write_tmx(units(), out)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.tmx"]


def test_read_back_gives_the_units_with_provenance(tmp_path: Path) -> None:
    write_fixture(tmp_path / "x.tmx")
    reader = read_tmx(tmp_path / "x.tmx")
    units = list(reader)
    assert reader.skipped == []
    assert reader.header_props["x-aligner-signature"] == SIGNATURE
    expected = [u for u in load_units() if u.target.strip("\x01 ")]
    assert [u.source for u in units] == [u.source.replace("\x07", "") for u in expected]
    assert [u.target for u in units] == [u.target.replace("\x00", "") for u in expected]
    assert units[1] == TranslationUnit(
        source="杨立昆认为，大模型不是通用人工智能的终点。",
        target="Yann LeCun holds that large models are not the end point of AGI.",
        score=0.874, doc="fixture", src_line=3, tgt_line=3, anchors=("glossary", "latin"),
    )
    assert units[4].segtype == "phrase"
    assert units[4].note == "person; found as 杨立昆(Yann LeCun)"


def test_reader_skips_and_lists_incomplete_units(tmp_path: Path) -> None:
    path = tmp_path / "x.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n'
        "<body>\n"
        '<tu><tuv xml:lang="zh-CN"><seg>只有中文</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="zh"><seg>你<bpt i="1">&lt;b&gt;</bpt>好<ept i="1">&lt;/b&gt;</ept></seg></tuv>'
        '<tuv xml:lang="fr-FR"><seg>Salut</seg></tuv><tuv xml:lang="en-GB"><seg>Hello</seg></tuv></tu>\n'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    reader = read_tmx(path, tgtlang="en")
    assert [(u.source, u.target) for u in reader] == [("你好", "Hello")]
    assert [(s.line, s.reason) for s in reader.skipped] == [(4, "no target <tuv>")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<tmx><header>", "x.tmx:1: not well-formed XML at column 14: the file ends inside <header> (opened on line 1): "
                          "it is truncated. get the complete file again"),
        ('<?xml version="1.0"?>\n<martif/>', "x.tmx:1: root element is <martif>, not <tmx>. give a TMX 1.4 file"),
        ('<tmx version="1.4"><body/></tmx>', "x.tmx: TMX has no <header>. a TMX 1.4 file needs"),
    ],
)
def test_malformed_input_is_a_format_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError) as err:
        read_tmx(path)
    assert str(err.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_tmx(tmp_path / "none.tmx")
    assert str(err.value) == f"{tmp_path / 'none.tmx'}: TMX file not found. check the path."


def test_reads_an_omegat_style_tmx_with_doctype_and_old_lang_attribute(tmp_path: Path) -> None:
    path = tmp_path / "project_save.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n<tmx version="1.1">\n'
        '<header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" '
        'creationtoolversion="3.6.0_10" segtype="sentence" srclang="ZH-CN"/>\n<body>\n'
        '<tu><tuv lang="ZH-CN"><seg>你好。</seg></tuv><tuv lang="EN-US"><seg>Hello.</seg></tuv></tu>\n'
        "</body>\n</tmx>\n",
        encoding="utf-8",
    )
    assert [(u.source, u.target) for u in read_tmx(path)] == [("你好。", "Hello.")]


def test_report_is_json_ready(tmp_path: Path) -> None:
    report = write_fixture(tmp_path / "x.tmx")
    data = json.loads(json.dumps(report.to_dict()))
    assert data["units_written"] == 6
    assert data["issues"][0]["text"] == "fixture:7 (source): 1 XML-illegal character(s) removed"
    assert report.warnings()[-1] == "empty-segment: fixture:10 (target): empty side: unit not written"


def test_non_finite_score_and_blank_anchor_are_left_out(tmp_path: Path) -> None:
    write_tmx([TranslationUnit("你好。", "Hello.", score=float("nan"), anchors=("\x01", "number: 2"))], tmp_path / "x.tmx")
    tu = etree.parse(str(tmp_path / "x.tmx")).getroot().find("body/tu")
    assert [(p.get("type"), p.text) for p in tu.findall("prop")] == [("x-anchor", "number: 2")]


def test_dash_writes_to_stdout(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    write_fixture(Path("-"))
    assert capsysbinary.readouterr().out == GOLDEN.read_bytes()
    assert not Path("-").exists()
