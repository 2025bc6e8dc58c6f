"""``aligner check`` reads bilingual CSV/TSV translation memories in the encodings they are
really saved in: GBK/GB18030 from Chinese Excel, UTF-16 from Excel's "Unicode Text", UTF-8
with or without a BOM. They are decoded like glossaries (``decode_exact``): a bad byte is a
one-line error with file:line, never a U+FFFD inside a segment."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.check import UnitReader, read_units, run_check
from aligner.cli import cli
from aligner.errors import EncodingError

GLOSSARY = "zh,en\n深度学习,deep learning\n"
# the target misses the glossary term: the finding names the Chinese, so it proves the
# Chinese was read right (a wrong decoding would find no term, or a different one)
GBK_CSV = "zh,en\n对齐很重要。,Alignment matters.\n深度学习很重要。,Machine learning matters.\n"
# 𠮷 is outside GBK: GB18030 writes it as four bytes
GB18030_TSV = "zh\ten\n𠮷野家用深度学习。\tYoshinoya uses machine learning.\n"


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "gbk.csv").write_bytes(GBK_CSV.encode("gbk"))
    (tmp_path / "gb18030.tsv").write_bytes(GB18030_TSV.encode("gb18030"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _missing(report) -> list[tuple[str, int | None, str, str, str]]:  # type: ignore[no-untyped-def]
    return [(f.file, f.line, f.rule, f.source_term, f.target) for f in report.findings]


def test_gbk_csv_through_the_library(work: Path) -> None:
    report = run_check(["gbk.csv"], "glossary.csv")
    assert _missing(report) == [
        ("gbk.csv", 3, "missing-term", "深度学习", "Machine learning matters.")]
    assert report.units == 2
    assert [u.source for u in read_units(["gbk.csv"])] == ["对齐很重要。", "深度学习很重要。"]


def test_gb18030_tsv_through_the_library(work: Path) -> None:
    assert b"\x95\x34\xb2\x35" in (work / "gb18030.tsv").read_bytes()  # 𠮷: four bytes, not GBK
    report = run_check(["gb18030.tsv"], "glossary.csv")
    assert _missing(report) == [
        ("gb18030.tsv", 2, "missing-term", "深度学习", "Yoshinoya uses machine learning.")]
    reader = UnitReader()
    assert [(u.source, u.target) for u in read_units(["gb18030.tsv"], reader=reader)] == [
        ("𠮷野家用深度学习。", "Yoshinoya uses machine learning.")]
    assert [(f.path, f.format, f.units) for f in reader.files] == [("gb18030.tsv", "csv", 1)]


@pytest.mark.parametrize(("name", "line", "target"), [
    ("gbk.csv", 3, "Machine learning matters."),
    ("gb18030.tsv", 2, "Yoshinoya uses machine learning."),
])
def test_legacy_encodings_through_the_cli(work: Path, name: str, line: int, target: str) -> None:
    result = CliRunner().invoke(cli, ["check", name, "-g", "glossary.csv"])
    assert result.exit_code == 1, result.output
    assert result.stderr == ""
    assert result.stdout == (
        "深度学习 → deep learning  [missing-term]: 1 error\n"
        f"  error   {name}:{line}: 深度学习 is in the source but deep learning is not in the target\n"
        f"          target: {target}\n"
        "\n"
        f"{line - 1} unit{'s' * (line > 2)} in 1 file against 1 glossary term: 1 term occurrence, "
        "1 finding (1 error).\n")


def test_gbk_csv_on_stdin(work: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "-", "-g", "glossary.csv", "--json"],
                                input=GBK_CSV.encode("gbk"))
    assert result.exit_code == 1, result.output
    assert '"source_term": "深度学习"' in result.stdout
    assert '"file": "<stdin>"' in result.stdout


def test_bad_utf8_byte_is_one_line_exit_2(work: Path) -> None:
    """A UTF-8 file with one bad byte is refused at it: a segment must not hold U+FFFD."""
    (work / "bad.csv").write_bytes("zh,en\n对齐很重要。,Alignment matters.\n".encode()
                                   + b"\xe6\xb7\xb1\xff,Deep\n")
    result = CliRunner().invoke(cli, ["check", "bad.csv", "-g", "glossary.csv"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("aligner: bad.csv:3: invalid UTF-8 byte 0xff at column 4. "
                             "repair the row or re-save the file as UTF-8.\n")
    with pytest.raises(EncodingError) as caught:
        run_check(["bad.csv"], "glossary.csv")
    assert (caught.value.line, str(caught.value.path)) == (3, "bad.csv")


def test_undecodable_tsv_is_one_line_exit_2(work: Path) -> None:
    """Bytes that are no text encoding at all: the shared decoder's message, with the line."""
    (work / "junk.tsv").write_bytes(b"zh\ten\n" + b"\x80\xff" * 40 + b"\tx\n")
    result = CliRunner().invoke(cli, ["check", "junk.tsv", "-g", "glossary.csv"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "aligner: junk.tsv:2: cannot decode byte 0x80 at column 1: the file is not UTF-8, UTF-16, "
        "GB18030/GBK or Big5. re-save it as UTF-8 (in most editors: Save As, Encoding: UTF-8).\n")


def test_bad_utf16_is_one_line_exit_2(work: Path) -> None:
    """Excel's "Unicode Text" (UTF-16 with a BOM) cut in the middle of a character."""
    data = "zh\ten\n深度学习很重要。\tDeep learning matters.\n".encode("utf-16")
    (work / "cut.tsv").write_bytes(data + b"\x00\xd8")  # a lone high surrogate at the end
    result = CliRunner().invoke(cli, ["check", "cut.tsv", "-g", "glossary.csv"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("aligner: cut.tsv:3: the file starts with a UTF-16-LE byte-order mark")
    assert result.stderr.count("\n") == 1


def test_utf8_with_bom_and_utf16_still_read(work: Path) -> None:
    text = "zh,en\n深度学习很重要。,Deep learning matters.\n"
    (work / "bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (work / "u16.tsv").write_bytes(text.replace(",", "\t").encode("utf-16"))
    report = run_check(["bom.csv", "u16.tsv"], "glossary.csv")
    assert report.findings == []
    assert (report.units, report.term_hits) == (2, 2)
