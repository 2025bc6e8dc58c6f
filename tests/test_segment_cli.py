"""``aligner segment FILE [--lang zh|en] [--srx FILE] [--json]``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from aligner.cli import cli
from aligner.model import Lang
from aligner.segment.files import segment_file, tsv_escape, tsv_unescape
from aligner.segment.omegat import omegat_segments, text_filter_paragraphs

DATA = Path(__file__).parent / "data" / "segment"
ZH = str(DATA / "cli_zh.txt")
EN = str(DATA / "cli_en.txt")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_tsv_zh() -> None:
    code, out, err = run("segment", ZH)
    assert (code, err) == (0, "")
    assert out == (
        "1\t第一句。\n"
        "1\t第二句！\n"
        "2\t第三句在下一行？\n"
        "2\t是的。\n"
        "4\t“引号里的句子。”然后继续。\n"
    )


def test_json_en_plain_file() -> None:
    code, out, err = run("segment", EN, "--lang", "en", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(d["line"], d["para"], d["text"]) for d in data] == [
        (1, 0, "Mr. Smith went to Washington."),
        (1, 0, "He liked it."),
        (3, 1, "Second paragraph here."),
        (3, 1, "It has two lines."),
    ]
    assert data[0] == {"doc": "cli_en", "lang": "en", "line": 1, "para": 0, "role": "body",
                       "text": "Mr. Smith went to Washington."}


def test_no_english_is_said_on_stderr() -> None:
    code, out, err = run("segment", ZH, "--lang", "en")
    assert (code, out) == (0, "")
    assert err == f"aligner: no English text found in {ZH}; nothing to segment.\n"


def test_user_srx(tmp_path: Path) -> None:
    srx = tmp_path / "exclamation.srx"
    srx.write_text(
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="yes"/><body>'
        '<languagerules><languagerule languagerulename="zh"><rule break="yes">'
        "<beforebreak>[！]</beforebreak><afterbreak>.</afterbreak></rule></languagerule>"
        '</languagerules><maprules><languagemap languagepattern="zh.*" languagerulename="zh"/>'
        "</maprules></body></srx>",
        encoding="utf-8",
    )
    code, out, err = run("segment", ZH, "--srx", str(srx))
    assert (code, err) == (0, "")
    assert out == "1\t第一句。第二句！\n2\t第三句在下一行？是的。\n4\t“引号里的句子。”然后继续。\n"


def test_bad_srx_is_one_line_exit_2() -> None:
    code, out, err = run("segment", ZH, "--srx", str(DATA / "unknown_rule.srx"))
    assert (code, out) == (2, "")
    assert err == (
        f"aligner: {DATA / 'unknown_rule.srx'}:10: <languagemap> names the language rule "
        "'Defualt', which is not defined. define it in <languagerules> or fix the name.\n"
    )


def test_missing_srx_and_missing_file() -> None:
    code, _, err = run("segment", ZH, "--srx", "no/such.srx")
    assert (code, err) == (2, "aligner: no/such.srx: SRX file not found. check the path.\n")
    code, _, err = run("segment", "no/such.txt")
    assert code == 2 and err.startswith("aligner: no/such.txt: ") and "\n" == err[-1] and err.count("\n") == 1


def test_bad_lang_choice() -> None:
    code, _, err = run("segment", ZH, "--lang", "fr")
    assert code == 2 and "'fr' is not one of 'zh', 'en'" in err


def test_help() -> None:
    code, out, _ = run("segment", "--help")
    assert code == 0
    assert "LINE<TAB>TEXT" in out and "--srx" in out and "--json" in out


def test_segment_file_library_call() -> None:
    segs = segment_file(Path(ZH), Lang.ZH)
    assert [(s.doc, s.line, s.lang) for s in segs][:2] == [("cli_zh", 1, Lang.ZH), ("cli_zh", 1, Lang.ZH)]


@pytest.mark.parametrize(("text", "field"), [
    ("a\tb", "a\\tb"),
    ("a\\tb", "a\\\\tb"),
    ("line1\nline2\r", "line1\\nline2\\r"),
    ("无", "无"),
])
def test_tsv_escape(text: str, field: str) -> None:
    assert tsv_escape(text) == field
    assert tsv_unescape(field) == text


@given(st.text())
def test_tsv_escape_round_trip(text: str) -> None:
    field = tsv_escape(text)
    assert "\t" not in field and "\n" not in field and "\r" not in field
    assert tsv_unescape(field) == text


def test_omegat_text_filter_view() -> None:
    raw = "\ufeff第一段第一行。\r\n第一段第二行。\r\n \t\r\n\u3000\n第三段。第二句。\n\n"
    assert text_filter_paragraphs(raw) == [(1, "第一段第一行。\n第一段第二行。"), (4, "\u3000\n第三段。第二句。")]
    assert omegat_segments(raw) == [(1, "第一段第一行。"), (2, "第一段第二行。"), (5, "第三段。"), (5, "第二句。")]
    # OmegaT normalises to NFC
    assert omegat_segments("Cafe\u0301。", Lang.ZH) == [(1, "Café。")]


def test_cat_sources_maps_cleaned_sentences_to_omegat_segments() -> None:
    from aligner.model import Segment
    from aligner.segment.omegat import CatSource, MatchKind, cat_sources

    raw = ("摘要:有效加速主义是一种思潮,旨在加速。它源于硅谷。\n\n"
           "### 今天我与**Tamay**交流。\n\n"
           "肖茜:我同意。\n\n"
           "定义学发力就行了今天下雨。\n\n"
           "该词最初被用来表示概率,取\n\n"
           "值范围在 0% 至 100% 之间。\n")

    def seg(text: str, line: int) -> Segment:
        return Segment(text=text, lang=Lang.ZH, doc="d", line=line)

    cleaned = [seg("有效加速主义是一种思潮，旨在加速。", 1), seg("它源于硅谷。", 1),
               seg("今天我与Tamay交流。", 3), seg("我同意。", 5), seg("今天下雨。", 7),
               seg("该词最初被用来表示概率，取值范围在 0% 至 100% 之间。", 9)]
    assert cat_sources(cleaned, raw) == [
        CatSource("摘要:有效加速主义是一种思潮,旨在加速。", MatchKind.PREFIX),
        CatSource("它源于硅谷。", MatchKind.EXACT),
        CatSource("### 今天我与**Tamay**交流。", MatchKind.PREFIX),
        CatSource("肖茜:我同意。", MatchKind.PREFIX),
        None,  # a removed prefix of ordinary words is no label: no match
        None,  # re-joined across paragraphs: OmegaT has two segments
    ]
    assert cat_sources([], raw) == []
